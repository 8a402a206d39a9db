/*
 * ais_json.c: AIS messages as text: gpsd's `gpsdecode -j` JSON (what
 * `tcop decode ais` prints) and the tcop/1 maritime/track event (what
 * `tcop feed ais` publishes); the static-data merge and positions.
 *
 * The gpsd form keeps gpsd 3.22's field names, order and scaling, so that
 * output can be diffed against gpsdecode. Deliberate differences:
 *   - "turn": gpsd prints (ROT_AIS / 4.733)^2 and so loses the sign of a
 *     turn to port; ITU-R M.1371 defines ROT = sign(ROT_AIS) *
 *     (ROT_AIS / 4.733)^2, and so do we ("turn":-8 where gpsd says 8).
 *   - type 27: gpsd 3.22 writes the status legend in "status" and rounds
 *     lon/lat to 0.1 degree; we write "status" as a number with
 *     "status_text" beside it, as for types 1-3, and lon/lat to 1e-6
 *     degree, as the other types (the message's resolution is 1/10').
 * Numbers are formatted with integer arithmetic, not printf: this is the
 * hot path of `tcop decode ais`, and the results are the same digits
 * (x / 600000 never lies on a rounding tie at 6 decimals). The gpsd form
 * is written from one table of members per message type (gpsd_field()
 * knows each kind of member once); the tcop/1 form shares the writer and
 * the member printers.
 */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "ais/ais.h"

/* ---- a bounded writer ---------------------------------------------------- */

struct out {
	char *p, *end; /* end leaves room for the NUL */
	bool full;
};

static inline void
put_mem(struct out *o, const char *s, size_t n)
{
	if ((size_t)(o->end - o->p) < n) {
		o->full = true;
		return;
	}
	memcpy(o->p, s, n);
	o->p += n;
}

#define PUT(o, lit) put_mem((o), (lit), sizeof(lit) - 1)

static inline void
put_u64(struct out *o, uint64_t v)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[sizeof tmp - 1 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	put_mem(o, tmp + sizeof tmp - n, (size_t)n);
}

static inline void
put_i64(struct out *o, int64_t v)
{
	if (v < 0) {
		PUT(o, "-");
		put_u64(o, (uint64_t)0 - (uint64_t)v);
	} else {
		put_u64(o, (uint64_t)v);
	}
}

/* v / 10^dec with dec decimals, v an exact integer count of units. */
static void
put_fixed(struct out *o, int64_t v, int dec)
{
	uint64_t a, scale = 1;
	char tmp[8];

	for (int i = 0; i < dec; i++)
		scale *= 10;
	if (v < 0)
		PUT(o, "-");
	a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	put_u64(o, a / scale);
	PUT(o, ".");
	a %= scale;
	for (int i = dec - 1; i >= 0; i--) {
		tmp[i] = (char)('0' + a % 10);
		a /= 10;
	}
	put_mem(o, tmp, (size_t)dec);
}

/* n / d rounded to the nearest integer (no ties for our uses). */
static int64_t
div_round(int64_t n, int64_t d)
{
	return n >= 0 ? (n + d / 2) / d : -((-n + d / 2) / d);
}

/* A position in 1/10000 minute as degrees with 6 decimals (gpsd's %.6f). */
static void
put_deg(struct out *o, int32_t raw)
{
	put_fixed(o, div_round((int64_t)raw * 5, 3), 6);
}

static void
put_bool(struct out *o, bool b)
{
	if (b)
		PUT(o, "true");
	else
		PUT(o, "false");
}

/* A JSON string; the 6-bit character set needs only " and \ escaped. */
static void
put_jstr(struct out *o, const char *s)
{
	PUT(o, "\"");
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			PUT(o, "\\");
		if ((unsigned char)*s < 0x20) {
			PUT(o, "?");
			continue;
		}
		put_mem(o, s, 1);
	}
	PUT(o, "\"");
}

static void
put_key(struct out *o, const char *key)
{
	PUT(o, ",\"");
	put_mem(o, key, strlen(key));
	PUT(o, "\":");
}

static void
kv_u(struct out *o, const char *key, uint64_t v)
{
	put_key(o, key);
	put_u64(o, v);
}

static void
kv_b(struct out *o, const char *key, bool v)
{
	put_key(o, key);
	put_bool(o, v);
}

static void
kv_s(struct out *o, const char *key, const char *v)
{
	put_key(o, key);
	put_jstr(o, v);
}

static size_t
out_end(struct out *o, char *buf)
{
	if (o->full)
		return 0;
	*o->p = '\0';
	return (size_t)(o->p - buf);
}

/* ---- legends (gpsd's texts) ---------------------------------------------- */

static const char *const nav_legends[16] = {
	"Under way using engine", "At anchor", "Not under command",
	"Restricted manoeuverability", "Constrained by her draught",
	"Moored", "Aground", "Engaged in fishing", "Under way sailing",
	"Reserved for HSC", "Reserved for WIG", "Reserved", "Reserved",
	"Reserved", "Reserved", "Not defined",
};

static const char *const epfd_legends[] = {
	"Undefined", "GPS", "GLONASS", "Combined GPS/GLONASS", "Loran-C",
	"Chayka", "Integrated navigation system", "Surveyed", "Galileo",
};

static const char *
epfd_text(unsigned e)
{
	return e < sizeof epfd_legends / sizeof epfd_legends[0] ?
	    epfd_legends[e] : "INVALID EPFD";
}

static const char *const ship_legends[100] = {
	"Not available",
	"Reserved for future use",
	"Reserved for future use",
	"Reserved for future use",
	"Reserved for future use",
	"Reserved for future use",
	"Reserved for future use",
	"Reserved for future use",
	"Reserved for future use",
	"Reserved for future use",
	"Reserved for future use",
	"Reserved for future use",
	"Reserved for future use",
	"Reserved for future use",
	"Reserved for future use",
	"Reserved for future use",
	"Reserved for future use",
	"Reserved for future use",
	"Reserved for future use",
	"Reserved for future use",
	"Wing in ground (WIG) - all ships of this type",
	"Wing in ground (WIG) - Hazardous category A",
	"Wing in ground (WIG) - Hazardous category B",
	"Wing in ground (WIG) - Hazardous category C",
	"Wing in ground (WIG) - Hazardous category D",
	"Wing in ground (WIG) - Reserved for future use",
	"Wing in ground (WIG) - Reserved for future use",
	"Wing in ground (WIG) - Reserved for future use",
	"Wing in ground (WIG) - Reserved for future use",
	"Wing in ground (WIG) - Reserved for future use",
	"Fishing",
	"Towing",
	"Towing: length exceeds 200m or breadth exceeds 25m",
	"Dredging or underwater ops",
	"Diving ops",
	"Military ops",
	"Sailing",
	"Pleasure Craft",
	"Reserved",
	"Reserved",
	"High speed craft (HSC) - all ships of this type",
	"High speed craft (HSC) - Hazardous category A",
	"High speed craft (HSC) - Hazardous category B",
	"High speed craft (HSC) - Hazardous category C",
	"High speed craft (HSC) - Hazardous category D",
	"High speed craft (HSC) - Reserved for future use",
	"High speed craft (HSC) - Reserved for future use",
	"High speed craft (HSC) - Reserved for future use",
	"High speed craft (HSC) - Reserved for future use",
	"High speed craft (HSC) - No additional information",
	"Pilot Vessel",
	"Search and Rescue vessel",
	"Tug",
	"Port Tender",
	"Anti-pollution equipment",
	"Law Enforcement",
	"Spare - Local Vessel",
	"Spare - Local Vessel",
	"Medical Transport",
	"Ship according to RR Resolution No. 18",
	"Passenger - all ships of this type",
	"Passenger - Hazardous category A",
	"Passenger - Hazardous category B",
	"Passenger - Hazardous category C",
	"Passenger - Hazardous category D",
	"Passenger - Reserved for future use",
	"Passenger - Reserved for future use",
	"Passenger - Reserved for future use",
	"Passenger - Reserved for future use",
	"Passenger - No additional information",
	"Cargo - all ships of this type",
	"Cargo - Hazardous category A",
	"Cargo - Hazardous category B",
	"Cargo - Hazardous category C",
	"Cargo - Hazardous category D",
	"Cargo - Reserved for future use",
	"Cargo - Reserved for future use",
	"Cargo - Reserved for future use",
	"Cargo - Reserved for future use",
	"Cargo - No additional information",
	"Tanker - all ships of this type",
	"Tanker - Hazardous category A",
	"Tanker - Hazardous category B",
	"Tanker - Hazardous category C",
	"Tanker - Hazardous category D",
	"Tanker - Reserved for future use",
	"Tanker - Reserved for future use",
	"Tanker - Reserved for future use",
	"Tanker - Reserved for future use",
	"Tanker - No additional information",
	"Other Type - all ships of this type",
	"Other Type - Hazardous category A",
	"Other Type - Hazardous category B",
	"Other Type - Hazardous category C",
	"Other Type - Hazardous category D",
	"Other Type - Reserved for future use",
	"Other Type - Reserved for future use",
	"Other Type - Reserved for future use",
	"Other Type - Reserved for future use",
	"Other Type - no additional information",
};

static const char *
shiptype_text(unsigned t)
{
	return t < 100 ? ship_legends[t] : "INVALID SHIP TYPE";
}

static const char *const navaid_legends[32] = {
	"Unspecified", "Reference point", "RACON",
	"Fixed offshore structure", "Spare, Reserved for future use.",
	"Light, without sectors", "Light, with sectors",
	"Leading Light Front", "Leading Light Rear", "Beacon, Cardinal N",
	"Beacon, Cardinal E", "Beacon, Cardinal S", "Beacon, Cardinal W",
	"Beacon, Port hand", "Beacon, Starboard hand",
	"Beacon, Preferred Channel port hand",
	"Beacon, Preferred Channel starboard hand",
	"Beacon, Isolated danger", "Beacon, Safe water",
	"Beacon, Special mark", "Cardinal Mark N", "Cardinal Mark E",
	"Cardinal Mark S", "Cardinal Mark W", "Port hand Mark",
	"Starboard hand Mark", "Preferred Channel Port hand",
	"Preferred Channel Starboard hand", "Isolated danger",
	"Safe Water", "Special Mark", "Light Vessel / LANBY / Rigs",
};

/* ---- gpsd form ----------------------------------------------------------- */

/* ROT in deg/min, signed as ITU-R M.1371 (turn is ROT_AIS, not +-127/-128). */
static double
rot_deg_min(int turn)
{
	double r = turn / 4.733;

	return turn < 0 ? -r * r : r * r;
}

static void
put_lonlat(struct out *o, int32_t lon, int32_t lat)
{
	put_key(o, "lon");
	put_deg(o, lon);
	put_key(o, "lat");
	put_deg(o, lat);
}

static void
put_dims(struct out *o, unsigned bow, unsigned stern, unsigned port,
    unsigned starboard)
{
	kv_u(o, "to_bow", bow);
	kv_u(o, "to_stern", stern);
	kv_u(o, "to_port", port);
	kv_u(o, "to_starboard", starboard);
}

/* "%02u" */
static void
put_2(struct out *o, unsigned v)
{
	char b[2] = { (char)('0' + v / 10 % 10), (char)('0' + v % 10) };

	if (v >= 100)
		put_u64(o, v);
	else
		put_mem(o, b, 2);
}

/*
 * The gpsd form is table-driven: one row per member, in gpsd's order, each
 * naming how the field at `off` of the type's struct is written. Kinds that
 * read several fields (a position, dimensions, a date) read consecutive
 * members; the FOLLOWS assertions below keep that true.
 */
enum gk {
	G_END,      /* the end of a table */
	G_U,        /* unsigned (or uint32_t) as a number */
	G_B,        /* bool */
	G_B01,      /* bool as 0 or 1 (gpsd writes type 19's dte so) */
	G_S,        /* char[] as a string */
	G_FIX1,     /* unsigned in tenths, as %.1f */
	G_STATUS,   /* navigational status and "status_text" */
	G_AID,      /* aid type and "aid_type_text" */
	G_EPFD,     /* fix type and "epfd_text" */
	G_SHIPTYPE, /* ship type and "shiptype_text" */
	G_TURN,     /* ROT_AIS as "turn" */
	G_SPEED10,  /* 1/10 kn as "speed", with "nan" and "fast" */
	G_SPEEDKN,  /* kn as "speed", with "nan" and "fast" (type 9) */
	G_LONLAT,   /* lon, lat in 1/10000 minute */
	G_LONLAT10, /* lon, lat in 1/10 minute (type 27) */
	G_DIMS,     /* to_bow, to_stern, to_port, to_starboard */
	G_TIME4,    /* year .. second as "timestamp" (type 4) */
	G_ETA5,     /* month .. minute as "eta" (type 5) */
	G_T24DIMS,  /* mothership_mmsi, or else the dimensions (type 24) */
};

struct gf {
	const char *key;
	unsigned char kind;
	unsigned short off;
};

#define GF(T, key, kind, field) { key, kind, offsetof(struct T, field) }
#define FOLLOWS(T, a, b)                                                   \
	_Static_assert(offsetof(struct T, b) ==                              \
	    offsetof(struct T, a) + sizeof(((struct T *)0)->a),              \
	    #T "." #b " must follow " #a)

_Static_assert(sizeof(uint32_t) == sizeof(unsigned), "uint32_t is unsigned");
FOLLOWS(ais_t1, lon, lat);
FOLLOWS(ais_t4, lon, lat);
FOLLOWS(ais_t9, lon, lat);
FOLLOWS(ais_t18, lon, lat);
FOLLOWS(ais_t21, lon, lat);
FOLLOWS(ais_t27, lon, lat);
FOLLOWS(ais_t4, year, month);
FOLLOWS(ais_t4, month, day);
FOLLOWS(ais_t4, day, hour);
FOLLOWS(ais_t4, hour, minute);
FOLLOWS(ais_t4, minute, second);
FOLLOWS(ais_t5, month, day);
FOLLOWS(ais_t5, day, hour);
FOLLOWS(ais_t5, hour, minute);
#define FOLLOWS_DIMS(T)                 \
	FOLLOWS(T, to_bow, to_stern);   \
	FOLLOWS(T, to_stern, to_port);  \
	FOLLOWS(T, to_port, to_starboard)
FOLLOWS_DIMS(ais_t5);
FOLLOWS_DIMS(ais_t18);
FOLLOWS_DIMS(ais_t21);
FOLLOWS_DIMS(ais_t24);

static const struct gf g_t1[] = {
	GF(ais_t1, "status", G_STATUS, status),
	GF(ais_t1, "turn", G_TURN, turn),
	GF(ais_t1, "speed", G_SPEED10, speed),
	GF(ais_t1, "accuracy", G_B, accuracy),
	GF(ais_t1, NULL, G_LONLAT, lon),
	GF(ais_t1, "course", G_FIX1, course),
	GF(ais_t1, "heading", G_U, heading),
	GF(ais_t1, "second", G_U, second),
	GF(ais_t1, "maneuver", G_U, maneuver),
	GF(ais_t1, "raim", G_B, raim),
	GF(ais_t1, "radio", G_U, radio),
	{ NULL, G_END, 0 },
};

static const struct gf g_t4[] = {
	GF(ais_t4, "timestamp", G_TIME4, year),
	GF(ais_t4, "accuracy", G_B, accuracy),
	GF(ais_t4, NULL, G_LONLAT, lon),
	GF(ais_t4, "epfd", G_EPFD, epfd),
	GF(ais_t4, "raim", G_B, raim),
	GF(ais_t4, "radio", G_U, radio),
	{ NULL, G_END, 0 },
};

static const struct gf g_t5[] = {
	GF(ais_t5, "imo", G_U, imo),
	GF(ais_t5, "ais_version", G_U, ais_version),
	GF(ais_t5, "callsign", G_S, callsign),
	GF(ais_t5, "shipname", G_S, shipname),
	GF(ais_t5, "shiptype", G_SHIPTYPE, shiptype),
	GF(ais_t5, NULL, G_DIMS, to_bow),
	GF(ais_t5, "epfd", G_EPFD, epfd),
	GF(ais_t5, "eta", G_ETA5, month),
	GF(ais_t5, "draught", G_FIX1, draught),
	GF(ais_t5, "destination", G_S, destination),
	GF(ais_t5, "dte", G_U, dte),
	{ NULL, G_END, 0 },
};

static const struct gf g_t9[] = {
	GF(ais_t9, "alt", G_U, alt),
	GF(ais_t9, "speed", G_SPEEDKN, speed),
	GF(ais_t9, "accuracy", G_B, accuracy),
	GF(ais_t9, NULL, G_LONLAT, lon),
	GF(ais_t9, "course", G_FIX1, course),
	GF(ais_t9, "second", G_U, second),
	GF(ais_t9, "regional", G_U, regional),
	GF(ais_t9, "dte", G_U, dte),
	GF(ais_t9, "raim", G_B, raim),
	GF(ais_t9, "radio", G_U, radio),
	{ NULL, G_END, 0 },
};

/* Types 18 and 19 share their first members; gpsd 3.22 writes class B
 * speed with no "nan"/"fast". */
#define G_CLASS_B                                          \
	GF(ais_t18, "reserved", G_U, reserved),            \
	GF(ais_t18, "speed", G_FIX1, speed),               \
	GF(ais_t18, "accuracy", G_B, accuracy),            \
	GF(ais_t18, NULL, G_LONLAT, lon),                  \
	GF(ais_t18, "course", G_FIX1, course),             \
	GF(ais_t18, "heading", G_U, heading),              \
	GF(ais_t18, "second", G_U, second),                \
	GF(ais_t18, "regional", G_U, regional)

static const struct gf g_t18[] = {
	G_CLASS_B,
	GF(ais_t18, "cs", G_B, cs),
	GF(ais_t18, "display", G_B, display),
	GF(ais_t18, "dsc", G_B, dsc),
	GF(ais_t18, "band", G_B, band),
	GF(ais_t18, "msg22", G_B, msg22),
	GF(ais_t18, "raim", G_B, raim),
	GF(ais_t18, "radio", G_U, radio),
	{ NULL, G_END, 0 },
};

static const struct gf g_t19[] = {
	G_CLASS_B,
	GF(ais_t18, "shipname", G_S, shipname),
	GF(ais_t18, "shiptype", G_SHIPTYPE, shiptype),
	GF(ais_t18, NULL, G_DIMS, to_bow),
	GF(ais_t18, "epfd", G_EPFD, epfd),
	GF(ais_t18, "raim", G_B, raim),
	GF(ais_t18, "dte", G_B01, dte),
	GF(ais_t18, "assigned", G_B, assigned),
	{ NULL, G_END, 0 },
};

static const struct gf g_t21[] = {
	GF(ais_t21, "aid_type", G_AID, aid_type),
	GF(ais_t21, "name", G_S, name),
	GF(ais_t21, NULL, G_LONLAT, lon),
	GF(ais_t21, "accuracy", G_B, accuracy),
	GF(ais_t21, NULL, G_DIMS, to_bow),
	GF(ais_t21, "epfd", G_EPFD, epfd),
	GF(ais_t21, "second", G_U, second),
	GF(ais_t21, "regional", G_U, regional),
	GF(ais_t21, "off_position", G_B, off_position),
	GF(ais_t21, "raim", G_B, raim),
	GF(ais_t21, "virtual_aid", G_B, virtual_aid),
	{ NULL, G_END, 0 },
};

/* Type 24: part A has the name, part B the rest, a paired AB both. */
#define G_T24_B                                            \
	GF(ais_t24, "shiptype", G_SHIPTYPE, shiptype),     \
	GF(ais_t24, "vendorid", G_S, vendorid),            \
	GF(ais_t24, "model", G_U, model),                  \
	GF(ais_t24, "serial", G_U, serial),                \
	GF(ais_t24, "callsign", G_S, callsign),            \
	GF(ais_t24, NULL, G_T24DIMS, mothership_mmsi)

static const struct gf g_t24a[] = {
	GF(ais_t24, "shipname", G_S, shipname),
	{ NULL, G_END, 0 },
};

static const struct gf g_t24b[] = {
	G_T24_B,
	{ NULL, G_END, 0 },
};

static const struct gf g_t24ab[] = {
	GF(ais_t24, "shipname", G_S, shipname),
	G_T24_B,
	{ NULL, G_END, 0 },
};

static const struct gf g_t27[] = {
	GF(ais_t27, "status", G_STATUS, status),
	GF(ais_t27, "accuracy", G_B, accuracy),
	GF(ais_t27, NULL, G_LONLAT10, lon),
	GF(ais_t27, "speed", G_U, speed),
	GF(ais_t27, "course", G_U, course),
	GF(ais_t27, "raim", G_B, raim),
	GF(ais_t27, "gnss", G_B, gnss),
	{ NULL, G_END, 0 },
};

/* The i-th unsigned member from off (consecutive members, see FOLLOWS). */
static unsigned
u_at(const char *base, size_t off, int i)
{
	unsigned v;

	memcpy(&v, base + off + (size_t)i * sizeof v, sizeof v);
	return v;
}

static int32_t
i32_at(const char *base, size_t off, int i)
{
	int32_t v;

	memcpy(&v, base + off + (size_t)i * sizeof v, sizeof v);
	return v;
}

static void
put_speed(struct out *o, unsigned speed, int dec)
{
	if (speed == AIS_SPEED_NA)
		PUT(o, "\"nan\"");
	else if (speed == AIS_SPEED_NA - 1)
		PUT(o, "\"fast\"");
	else if (dec > 0)
		put_fixed(o, speed, dec);
	else
		put_u64(o, speed);
}

static void
put_turn(struct out *o, int turn)
{
	if (turn == AIS_TURN_NA) {
		PUT(o, "\"nan\"");
	} else if (turn == -127) {
		PUT(o, "\"fastleft\"");
	} else if (turn == 127) {
		PUT(o, "\"fastright\"");
	} else {
		int64_t v = (int64_t)nearbyint(rot_deg_min(turn));
		put_i64(o, v); /* nearbyint(-0.04) is -0.0: cast gives 0 */
	}
}

/* "YYYY-MM-DDTHH:MM:SSZ" (type 4) or "MM-DDTHH:MMZ" (type 5): the
 * unsigned members from off, year first when there is one. */
static void
put_date(struct out *o, const char *base, size_t off, bool year)
{
	static const char sep[] = "-T::";
	int i = 0, n = year ? 6 : 4;

	PUT(o, "\"");
	if (year) {
		unsigned y = u_at(base, off, i++);
		for (unsigned d = 1000; d > 1 && y < d; d /= 10)
			PUT(o, "0"); /* %04u */
		put_u64(o, y);
		PUT(o, "-");
	}
	for (int k = 0; i < n; i++, k++) {
		put_2(o, u_at(base, off, i));
		if (i + 1 < n)
			put_mem(o, sep + k, 1);
	}
	PUT(o, "Z\"");
}

static void
gpsd_field(struct out *o, const char *base, const struct gf *f)
{
	unsigned u = 0;
	bool b;

	if (f->key != NULL)
		put_key(o, f->key);
	switch (f->kind) {
	case G_U:
		put_u64(o, u_at(base, f->off, 0));
		break;
	case G_B:
	case G_B01:
		memcpy(&b, base + f->off, sizeof b);
		if (f->kind == G_B)
			put_bool(o, b);
		else
			put_u64(o, b);
		break;
	case G_S:
		put_jstr(o, base + f->off);
		break;
	case G_FIX1:
		put_fixed(o, u_at(base, f->off, 0), 1);
		break;
	case G_STATUS:
	case G_AID:
	case G_EPFD:
	case G_SHIPTYPE:
		put_u64(o, u = u_at(base, f->off, 0));
		put_key(o, f->kind == G_STATUS ? "status_text" :
		    f->kind == G_AID ? "aid_type_text" :
		    f->kind == G_EPFD ? "epfd_text" : "shiptype_text");
		put_jstr(o, f->kind == G_STATUS ? nav_legends[u & 15] :
		    f->kind == G_AID ? navaid_legends[u & 31] :
		    f->kind == G_EPFD ? epfd_text(u) : shiptype_text(u));
		break;
	case G_TURN: {
		int turn;
		memcpy(&turn, base + f->off, sizeof turn);
		put_turn(o, turn);
		break;
	}
	case G_SPEED10:
	case G_SPEEDKN:
		put_speed(o, u_at(base, f->off, 0), f->kind == G_SPEED10);
		break;
	case G_LONLAT:
		put_lonlat(o, i32_at(base, f->off, 0), i32_at(base, f->off, 1));
		break;
	case G_LONLAT10: /* 1/10 minute: degrees * 1e6 = raw * 1e6 / 600 */
		put_key(o, "lon");
		put_fixed(o, div_round((int64_t)i32_at(base, f->off, 0) * 5000,
		    3), 6);
		put_key(o, "lat");
		put_fixed(o, div_round((int64_t)i32_at(base, f->off, 1) * 5000,
		    3), 6);
		break;
	case G_DIMS:
		put_dims(o, u_at(base, f->off, 0), u_at(base, f->off, 1),
		    u_at(base, f->off, 2), u_at(base, f->off, 3));
		break;
	case G_TIME4:
	case G_ETA5:
		put_date(o, base, f->off, f->kind == G_TIME4);
		break;
	case G_END:
		break;
	case G_T24DIMS: {
		const struct ais_t24 *p = (const void *)base; /* union */
		if (p->mothership_mmsi != 0)
			kv_u(o, "mothership_mmsi", p->mothership_mmsi);
		else
			put_dims(o, p->to_bow, p->to_stern, p->to_port,
			    p->to_starboard);
		break;
	}
	}
}

/* The table for m (it reads m->u); NULL for types not decoded. */
static const struct gf *
gpsd_table(const struct ais_msg *m)
{
	switch (m->type) {
	case 1:
	case 2:
	case 3:
		return g_t1;
	case 4:
		return g_t4;
	case 5:
		return g_t5;
	case 9:
		return g_t9;
	case 18:
		return g_t18;
	case 19:
		return g_t19;
	case 21:
		return g_t21;
	case 24:
		return m->u.t24.part == AIS_24_A ? g_t24a :
		    m->u.t24.part == AIS_24_B ? g_t24b : g_t24ab;
	case 27:
		return g_t27;
	default:
		return NULL;
	}
}

size_t
ais_json_gpsd(const struct ais_msg *m, const char *device, char *buf,
    size_t size)
{
	struct out o = { buf, buf + size - 1, size == 0 };
	const struct gf *f = gpsd_table(m);

	if (size == 0 || f == NULL)
		return 0;
	PUT(&o, "{\"class\":\"AIS\"");
	if (device != NULL && device[0] != '\0')
		kv_s(&o, "device", device);
	kv_u(&o, "type", m->type);
	kv_u(&o, "repeat", m->repeat);
	kv_u(&o, "mmsi", m->mmsi);
	kv_b(&o, "scaled", true);
	for (; f->kind != G_END; f++)
		gpsd_field(&o, (const char *)&m->u, f);
	PUT(&o, "}");
	return out_end(&o, buf);
}

/* ---- static data ---------------------------------------------------------- */

void
ais_static_init(struct ais_static *st)
{
	memset(st, 0, sizeof *st);
	st->shiptype = -1;
	st->to_bow = st->to_stern = st->to_port = st->to_starboard = -1;
}

/* Dimensions all zero mean "not available" (ITU-R M.1371, 3.3.3). */
static void
set_dims(struct ais_static *st, unsigned bow, unsigned stern, unsigned port,
    unsigned starboard)
{
	if (bow + stern + port + starboard == 0)
		return;
	st->to_bow = (int)bow;
	st->to_stern = (int)stern;
	st->to_port = (int)port;
	st->to_starboard = (int)starboard;
}

bool
ais_static_merge(struct ais_static *st, const struct ais_msg *m)
{
	switch (m->type) {
	case 5: {
		const struct ais_t5 *p = &m->u.t5;
		tcop_str_set(st->shipname, sizeof st->shipname, p->shipname);
		tcop_str_set(st->callsign, sizeof st->callsign, p->callsign);
		tcop_str_set(st->destination, sizeof st->destination,
		    p->destination);
		if (p->imo != 0)
			st->imo = p->imo;
		if (p->shiptype != 0)
			st->shiptype = (int)p->shiptype;
		set_dims(st, p->to_bow, p->to_stern, p->to_port,
		    p->to_starboard);
		return true;
	}
	case 19: {
		const struct ais_t18 *p = &m->u.t18;
		tcop_str_set(st->shipname, sizeof st->shipname, p->shipname);
		if (p->shiptype != 0)
			st->shiptype = (int)p->shiptype;
		set_dims(st, p->to_bow, p->to_stern, p->to_port,
		    p->to_starboard);
		return true;
	}
	case 24: {
		const struct ais_t24 *p = &m->u.t24;
		if (p->part != AIS_24_B)
			tcop_str_set(st->shipname, sizeof st->shipname,
			    p->shipname);
		if (p->part == AIS_24_A)
			return true;
		tcop_str_set(st->callsign, sizeof st->callsign, p->callsign);
		if (p->shiptype != 0)
			st->shiptype = (int)p->shiptype;
		if (p->mothership_mmsi == 0)
			set_dims(st, p->to_bow, p->to_stern, p->to_port,
			    p->to_starboard);
		return true;
	}
	default:
		return false;
	}
}

/* ---- tcop/1 maritime/track ------------------------------------------------ */

static bool
deg_ok(int32_t lon, int32_t lat, double div, double *dlat, double *dlon)
{
	double x = lon / div, y = lat / div;

	if (x < -180 || x > 180 || y < -90 || y > 90)
		return false;
	*dlat = y;
	*dlon = x;
	return true;
}

bool
ais_is_vessel(const struct ais_msg *m)
{
	return m->type != 4 && m->type != 21 && m->mmsi != 0;
}

bool
ais_position(const struct ais_msg *m, double *lat, double *lon)
{
	switch (m->type) {
	case 1:
	case 2:
	case 3:
		return deg_ok(m->u.t1.lon, m->u.t1.lat, 600000.0, lat, lon);
	case 4:
		return deg_ok(m->u.t4.lon, m->u.t4.lat, 600000.0, lat, lon);
	case 9:
		return deg_ok(m->u.t9.lon, m->u.t9.lat, 600000.0, lat, lon);
	case 18:
	case 19:
		return deg_ok(m->u.t18.lon, m->u.t18.lat, 600000.0, lat, lon);
	case 21:
		return deg_ok(m->u.t21.lon, m->u.t21.lat, 600000.0, lat, lon);
	case 27:
		return deg_ok(m->u.t27.lon, m->u.t27.lat, 600.0, lat, lon);
	default:
		return false;
	}
}

/* Kinematics, in gpsd's names, with "not available" left out. */
struct kin {
	int status;              /* -1 */
	int64_t speed10;         /* 1/10 kn, -1 */
	int64_t course10;        /* 1/10 deg, -1 */
	int heading;             /* -1 */
	int turn;                /* ROT_AIS, AIS_TURN_NA if none */
	int accuracy;            /* -1 */
};

static void
kin_of(const struct ais_msg *m, struct kin *k)
{
	k->status = -1;
	k->speed10 = k->course10 = -1;
	k->heading = -1;
	k->turn = AIS_TURN_NA;
	k->accuracy = -1;
	switch (m->type) {
	case 1:
	case 2:
	case 3:
		k->status = (int)m->u.t1.status;
		k->turn = m->u.t1.turn;
		k->speed10 = m->u.t1.speed;
		k->course10 = m->u.t1.course;
		k->heading = (int)m->u.t1.heading;
		k->accuracy = m->u.t1.accuracy;
		break;
	case 9:
		k->speed10 = m->u.t9.speed == AIS_SPEED_NA ? -1 :
		    (int64_t)m->u.t9.speed * 10;
		k->course10 = m->u.t9.course;
		k->accuracy = m->u.t9.accuracy;
		break;
	case 18:
	case 19:
		k->speed10 = m->u.t18.speed;
		k->course10 = m->u.t18.course;
		k->heading = (int)m->u.t18.heading;
		k->accuracy = m->u.t18.accuracy;
		break;
	case 27:
		k->status = (int)m->u.t27.status;
		k->speed10 = m->u.t27.speed == 63 ? -1 :
		    (int64_t)m->u.t27.speed * 10;
		k->course10 = m->u.t27.course == 511 ? -1 :
		    (int64_t)m->u.t27.course * 10;
		k->accuracy = m->u.t27.accuracy;
		break;
	}
	if (k->speed10 >= AIS_SPEED_NA)
		k->speed10 = -1;
	if (k->course10 >= AIS_COURSE_NA)
		k->course10 = -1;
	if (k->heading >= 360)
		k->heading = -1;
	if (k->status == 15)
		k->status = -1;
}

static void
wire_static(struct out *o, const struct ais_static *st)
{
	if (st->shipname[0] != '\0')
		kv_s(o, "shipname", st->shipname);
	if (st->callsign[0] != '\0')
		kv_s(o, "callsign", st->callsign);
	if (st->imo != 0)
		kv_u(o, "imo", st->imo);
	if (st->shiptype >= 0)
		kv_u(o, "shiptype", (unsigned)st->shiptype);
	if (st->to_bow >= 0)
		put_dims(o, (unsigned)st->to_bow, (unsigned)st->to_stern,
		    (unsigned)st->to_port, (unsigned)st->to_starboard);
	if (st->destination[0] != '\0')
		kv_s(o, "destination", st->destination);
}

static void
wire_kin(struct out *o, const struct kin *k)
{
	if (k->status >= 0)
		kv_u(o, "status", (unsigned)k->status);
	if (k->speed10 >= 0) {
		put_key(o, "speed");
		put_fixed(o, k->speed10, 1);
	}
	if (k->course10 >= 0) {
		put_key(o, "course");
		put_fixed(o, k->course10, 1);
	}
	if (k->heading >= 0)
		kv_u(o, "heading", (unsigned)k->heading);
	if (k->turn != AIS_TURN_NA && k->turn != 127 && k->turn != -127) {
		/* deg/min to 0.1, signed (ITU-R M.1371) */
		put_key(o, "turn");
		put_fixed(o, (int64_t)nearbyint(rot_deg_min(k->turn) * 10), 1);
	}
	if (k->accuracy >= 0)
		kv_u(o, "accuracy", (unsigned)k->accuracy);
}

size_t
ais_json_wire(const struct ais_msg *m, const struct ais_static *st,
    const struct ais_wire *w, char *buf, size_t size)
{
	struct out o = { buf, buf + size - 1, size == 0 };
	struct kin k;
	char t[32];
	double lat, lon;

	if (size == 0 || !ais_is_vessel(m))
		return 0;
	PUT(&o, "{\"id\":\"mmsi:");
	put_u64(&o, m->mmsi);
	PUT(&o, "\"");
	tcop_time_format_ms(w->t, t, sizeof t);
	kv_s(&o, "t", t);
	kv_s(&o, "src", w->src);
	kv_u(&o, "seq", (uint64_t)w->seq);
	if (ais_position(m, &lat, &lon)) {
		int32_t la, lo;
		if (m->type == 27) {
			la = m->u.t27.lat * 1000;
			lo = m->u.t27.lon * 1000;
		} else if (m->type <= 3) {
			la = m->u.t1.lat;
			lo = m->u.t1.lon;
		} else if (m->type == 9) {
			la = m->u.t9.lat;
			lo = m->u.t9.lon;
		} else {
			la = m->u.t18.lat;
			lo = m->u.t18.lon;
		}
		put_key(&o, "lat");
		put_deg(&o, la);
		put_key(&o, "lon");
		put_deg(&o, lo);
	}
	kv_u(&o, "type", m->type);
	kv_u(&o, "mmsi", m->mmsi);
	kin_of(m, &k);
	wire_kin(&o, &k);
	if (st != NULL)
		wire_static(&o, st);
	kv_s(&o, "via", w->via_satellite ? "satellite" : "terrestrial");
	PUT(&o, "}");
	return out_end(&o, buf);
}
