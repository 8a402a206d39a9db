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
 * (x / 600000 never lies on a rounding tie at 6 decimals).
 */
#include <math.h>
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
put_turn(struct out *o, int turn)
{
	put_key(o, "turn");
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

/* Speed in 1/10 kn as gpsd prints it: "nan", "fast" or %.1f. */
static void
put_speed10(struct out *o, unsigned speed)
{
	put_key(o, "speed");
	if (speed == AIS_SPEED_NA)
		PUT(o, "\"nan\"");
	else if (speed == AIS_SPEED_NA - 1)
		PUT(o, "\"fast\"");
	else
		put_fixed(o, speed, 1);
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

static void
put_epfd(struct out *o, unsigned epfd)
{
	kv_u(o, "epfd", epfd);
	kv_s(o, "epfd_text", epfd_text(epfd));
}

static void
put_shiptype(struct out *o, unsigned t)
{
	kv_u(o, "shiptype", t);
	kv_s(o, "shiptype_text", shiptype_text(t));
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

static void
gpsd_t1(struct out *o, const struct ais_t1 *p)
{
	kv_u(o, "status", p->status);
	kv_s(o, "status_text", nav_legends[p->status & 15]);
	put_turn(o, p->turn);
	put_speed10(o, p->speed);
	kv_b(o, "accuracy", p->accuracy);
	put_lonlat(o, p->lon, p->lat);
	put_key(o, "course");
	put_fixed(o, p->course, 1);
	kv_u(o, "heading", p->heading);
	kv_u(o, "second", p->second);
	kv_u(o, "maneuver", p->maneuver);
	kv_b(o, "raim", p->raim);
	kv_u(o, "radio", p->radio);
}

static void
gpsd_t4(struct out *o, const struct ais_t4 *p)
{
	put_key(o, "timestamp");
	PUT(o, "\"");
	for (unsigned y = 1000; y > 1 && p->year < y; y /= 10)
		PUT(o, "0"); /* %04u */
	put_u64(o, p->year);
	PUT(o, "-");
	put_2(o, p->month);
	PUT(o, "-");
	put_2(o, p->day);
	PUT(o, "T");
	put_2(o, p->hour);
	PUT(o, ":");
	put_2(o, p->minute);
	PUT(o, ":");
	put_2(o, p->second);
	PUT(o, "Z\"");
	kv_b(o, "accuracy", p->accuracy);
	put_lonlat(o, p->lon, p->lat);
	put_epfd(o, p->epfd);
	kv_b(o, "raim", p->raim);
	kv_u(o, "radio", p->radio);
}

static void
gpsd_t5(struct out *o, const struct ais_t5 *p)
{
	kv_u(o, "imo", p->imo);
	kv_u(o, "ais_version", p->ais_version);
	kv_s(o, "callsign", p->callsign);
	kv_s(o, "shipname", p->shipname);
	put_shiptype(o, p->shiptype);
	put_dims(o, p->to_bow, p->to_stern, p->to_port, p->to_starboard);
	put_epfd(o, p->epfd);
	put_key(o, "eta");
	PUT(o, "\"");
	put_2(o, p->month);
	PUT(o, "-");
	put_2(o, p->day);
	PUT(o, "T");
	put_2(o, p->hour);
	PUT(o, ":");
	put_2(o, p->minute);
	PUT(o, "Z\"");
	put_key(o, "draught");
	put_fixed(o, p->draught, 1);
	kv_s(o, "destination", p->destination);
	kv_u(o, "dte", p->dte);
}

static void
gpsd_t9(struct out *o, const struct ais_t9 *p)
{
	kv_u(o, "alt", p->alt);
	put_key(o, "speed");
	if (p->speed == AIS_SPEED_NA)
		PUT(o, "\"nan\"");
	else if (p->speed == AIS_SPEED_NA - 1)
		PUT(o, "\"fast\"");
	else
		put_u64(o, p->speed);
	kv_b(o, "accuracy", p->accuracy);
	put_lonlat(o, p->lon, p->lat);
	put_key(o, "course");
	put_fixed(o, p->course, 1);
	kv_u(o, "second", p->second);
	kv_u(o, "regional", p->regional);
	kv_u(o, "dte", p->dte);
	kv_b(o, "raim", p->raim);
	kv_u(o, "radio", p->radio);
}

static void
gpsd_t18(struct out *o, const struct ais_t18 *p, bool t19)
{
	kv_u(o, "reserved", p->reserved);
	put_key(o, "speed"); /* gpsd 3.22: no "nan"/"fast" for class B */
	put_fixed(o, p->speed, 1);
	kv_b(o, "accuracy", p->accuracy);
	put_lonlat(o, p->lon, p->lat);
	put_key(o, "course");
	put_fixed(o, p->course, 1);
	kv_u(o, "heading", p->heading);
	kv_u(o, "second", p->second);
	kv_u(o, "regional", p->regional);
	if (t19) {
		kv_s(o, "shipname", p->shipname);
		put_shiptype(o, p->shiptype);
		put_dims(o, p->to_bow, p->to_stern, p->to_port,
		    p->to_starboard);
		put_epfd(o, p->epfd);
		kv_b(o, "raim", p->raim);
		kv_u(o, "dte", p->dte);
		kv_b(o, "assigned", p->assigned);
		return;
	}
	kv_b(o, "cs", p->cs);
	kv_b(o, "display", p->display);
	kv_b(o, "dsc", p->dsc);
	kv_b(o, "band", p->band);
	kv_b(o, "msg22", p->msg22);
	kv_b(o, "raim", p->raim);
	kv_u(o, "radio", p->radio);
}

static void
gpsd_t21(struct out *o, const struct ais_t21 *p)
{
	kv_u(o, "aid_type", p->aid_type);
	kv_s(o, "aid_type_text", navaid_legends[p->aid_type & 31]);
	kv_s(o, "name", p->name);
	put_lonlat(o, p->lon, p->lat);
	kv_b(o, "accuracy", p->accuracy);
	put_dims(o, p->to_bow, p->to_stern, p->to_port, p->to_starboard);
	put_epfd(o, p->epfd);
	kv_u(o, "second", p->second);
	kv_u(o, "regional", p->regional);
	kv_b(o, "off_position", p->off_position);
	kv_b(o, "raim", p->raim);
	kv_b(o, "virtual_aid", p->virtual_aid);
}

static void
gpsd_t24(struct out *o, const struct ais_t24 *p)
{
	if (p->part != AIS_24_B)
		kv_s(o, "shipname", p->shipname);
	if (p->part == AIS_24_A)
		return;
	put_shiptype(o, p->shiptype);
	kv_s(o, "vendorid", p->vendorid);
	kv_u(o, "model", p->model);
	kv_u(o, "serial", p->serial);
	kv_s(o, "callsign", p->callsign);
	if (p->mothership_mmsi != 0)
		kv_u(o, "mothership_mmsi", p->mothership_mmsi);
	else
		put_dims(o, p->to_bow, p->to_stern, p->to_port,
		    p->to_starboard);
}

static void
gpsd_t27(struct out *o, const struct ais_t27 *p)
{
	kv_u(o, "status", p->status);
	kv_s(o, "status_text", nav_legends[p->status & 15]);
	kv_b(o, "accuracy", p->accuracy);
	/* 1/10 minute: degrees * 1e6 = raw * 1e6 / 600 */
	put_key(o, "lon");
	put_fixed(o, div_round((int64_t)p->lon * 5000, 3), 6);
	put_key(o, "lat");
	put_fixed(o, div_round((int64_t)p->lat * 5000, 3), 6);
	kv_u(o, "speed", p->speed);
	kv_u(o, "course", p->course);
	kv_b(o, "raim", p->raim);
	kv_b(o, "gnss", p->gnss);
}

size_t
ais_json_gpsd(const struct ais_msg *m, const char *device, char *buf,
    size_t size)
{
	struct out o = { buf, buf + size - 1, size == 0 };

	if (size == 0)
		return 0;
	PUT(&o, "{\"class\":\"AIS\"");
	if (device != NULL && device[0] != '\0')
		kv_s(&o, "device", device);
	kv_u(&o, "type", m->type);
	kv_u(&o, "repeat", m->repeat);
	kv_u(&o, "mmsi", m->mmsi);
	kv_b(&o, "scaled", true);
	switch (m->type) {
	case 1:
	case 2:
	case 3:
		gpsd_t1(&o, &m->u.t1);
		break;
	case 4:
		gpsd_t4(&o, &m->u.t4);
		break;
	case 5:
		gpsd_t5(&o, &m->u.t5);
		break;
	case 9:
		gpsd_t9(&o, &m->u.t9);
		break;
	case 18:
	case 19:
		gpsd_t18(&o, &m->u.t18, m->type == 19);
		break;
	case 21:
		gpsd_t21(&o, &m->u.t21);
		break;
	case 24:
		gpsd_t24(&o, &m->u.t24);
		break;
	case 27:
		gpsd_t27(&o, &m->u.t27);
		break;
	default:
		return 0;
	}
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

static void
set_text(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n == 0)
		return;
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
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
		set_text(st->shipname, sizeof st->shipname, p->shipname);
		set_text(st->callsign, sizeof st->callsign, p->callsign);
		set_text(st->destination, sizeof st->destination,
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
		set_text(st->shipname, sizeof st->shipname, p->shipname);
		if (p->shiptype != 0)
			st->shiptype = (int)p->shiptype;
		set_dims(st, p->to_bow, p->to_stern, p->to_port,
		    p->to_starboard);
		return true;
	}
	case 24: {
		const struct ais_t24 *p = &m->u.t24;
		if (p->part != AIS_24_B)
			set_text(st->shipname, sizeof st->shipname,
			    p->shipname);
		if (p->part == AIS_24_A)
			return true;
		set_text(st->callsign, sizeof st->callsign, p->callsign);
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
