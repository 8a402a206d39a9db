/*
 * scenario.c: the demo scenario generator (scenario.h).
 *
 * Actors, each with the scenario time of its next step, are stepped in
 * time order (ties by a fixed order), and each step writes zero or more
 * messages into a small FIFO that demo_next() drains:
 *
 *   ships      one report (maritime/track) or static data message per step
 *   sensors    SAR/RF satellites: every 30 s the sub-satellite point; ships
 *              inside the swath are detected (maritime/detection)
 *   script     one-off events in a sorted queue: zones, element sets,
 *              alerts, interference, maneuver, conjunction, dark contact
 *   episode    every DEMO_EPISODE: stages the next set of incidents
 *
 * Ships move on lanes at constant speed (position = start + speed x time),
 * or drift from a fixed point (rendezvous, clone): positions are functions
 * of time, so any actor can ask where a ship is. A linear scan finds the
 * next actor: a few hundred actors, cheap beside the JSON.
 *
 * Known limits: no land avoidance beyond the lanes themselves; ships keep
 * their speed; sensor swaths are circles round the sub-satellite point.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cyber/jw.h"
#include "demo/rng.h"
#include "demo/scenario.h"
#include "orbit/omm.h"
#include "orbit/tle.h"

#define SEC 1000LL
#define MIN (60 * SEC)
#define OUT_MAX 48
#define OUT_MSG 2048
#define SCRIPT_MAX 1024
#define MANIFEST_MAX 512
#define SENSORS_MAX 64
#define EXTRA_SHIPS 64
#define JAMS_MAX 8
#define DET_COOLDOWN (20 * MIN)
#define SENSOR_STEP (30 * SEC)

/* Region of the picture: sensors look only here. */
#define REG_S 0.0
#define REG_N 46.0
#define REG_W 100.0
#define REG_E 160.0

enum src {
	SRC_AIS, SRC_SATAIS, SRC_SAR, SRC_RF, SRC_ELSET, SRC_CDM, SRC_SPACEOPS,
	SRC_IDS, SRC_GNSS, SRC_ZONES, SRC_N
};
static const char *const src_name[SRC_N] = {
	"demo-aisrx", "demo-sat-ais", "demo-sar", "demo-rf", "demo-celestrak",
	"demo-spacetrack-cdm", "demo-space-ops", "demo-suricata",
	"demo-gnss-monitor", "demo-zones",
};

enum role { R_LANE, R_DRIFT };

struct ship {
	bool active;
	uint32_t mmsi, imo;
	char name[21], callsign[8], dest[21];
	int shiptype, len_m, beam_m;
	bool class_b, via_sat;
	enum role role;
	int lane, dir;          /* R_LANE: lane index, +1 / -1 */
	double d0_nm, side_nm;  /* position along the lane at t0, lateral */
	double lat0, lon0;      /* R_DRIFT: position at t0 */
	double course, speed;   /* R_DRIFT course; speed (kn) for both */
	tcop_ms t0;
	tcop_ms next, next_static, interval;
	tcop_ms until;          /* stops reporting from then (NONE: never) */
	tcop_ms last_det;
	tcop_ms spoof_until;    /* inside a jam: reporting spoof_lat/lon */
	double spoof_lat, spoof_lon;
	int status;             /* AIS navigational status */
};

struct sensor {
	int sat;                /* index in the catalogue */
	bool sar;               /* SAR (else RF) */
	elsetrec rec;
	tcop_ms next;
	char name[32];          /* "sar/ALOS-2" */
};

enum sev_kind {
	SEV_ZONE, SEV_ELSET, SEV_ALERT, SEV_JAM_ON, SEV_JAM_OFF, SEV_MANEUVER_EL,
	SEV_MANEUVER_EV, SEV_CONJ, SEV_DARKDET
};

struct sev {
	tcop_ms t;
	uint64_t order;         /* insertion order breaks ties */
	enum sev_kind kind;
	int a, b, c;
	double lat, lon, x;
};

struct jam {
	double lat, lon, radius_nm;
	tcop_ms from, to;
	int id;
};

struct outmsg {
	tcop_ms t;
	enum demo_domain dom;
	size_t len;
	char buf[OUT_MSG];
};

struct mline {
	tcop_ms t;
	char text[320];
};

struct demo {
	const struct demo_world *w;
	struct demo_opts o;
	struct demo_rng rng;
	int64_t seq[SRC_N];
	uint64_t count[DEMO_NDOMAINS];

	struct ship *ships;
	int nships;             /* slots */
	struct sensor sensors[SENSORS_MAX];
	int nsensors;
	struct sev script[SCRIPT_MAX];
	int nscript;
	uint64_t script_order;
	struct jam jams[JAMS_MAX];
	int njams;
	tcop_ms next_episode;
	int episode;
	int ground;             /* asset index of the ground station, -1 */
	uint32_t asset_ip[64];  /* an address inside each asset (host order) */
	uint64_t ndet;

	struct outmsg out[OUT_MAX];
	int out_head, out_n;
	struct mline manifest[MANIFEST_MAX];
	int nmanifest;
};

/* ==== Small helpers ==================================================== */

static void
num(struct jw *w, const char *k, double v, int decimals)
{
	char b[48];
	int n = snprintf(b, sizeof b, "%.*f", decimals, v);

	if (strcmp(b, "-0") == 0 || (b[0] == '-' && strspn(b + 1, "0.") ==
	    strlen(b + 1)))
		n = snprintf(b, sizeof b, "%.*f", decimals, 0.0);
	jw_raw(w, k, b, (size_t)n);
}

static void
common(demo *d, struct jw *w, const char *id, tcop_ms t, enum src s,
    const char *cls, const char *const *rel)
{
	jw_str(w, "id", id);
	jw_time(w, "t", t);
	jw_str(w, "src", src_name[s]);
	jw_int(w, "seq", ++d->seq[s]);
	jw_str(w, "cls", cls);
	if (rel != NULL) {
		jw_arr_open(w, "rel");
		for (; *rel != NULL; rel++)
			jw_arr_str(w, *rel);
		jw_arr_close(w);
	}
}

static const char *const rel_usa_jpn[] = { "USA", "JPN", NULL };
static const char *const rel_satais[] = { "USA", "JPN", "AUS", NULL };

/* A new message slot at the FIFO's tail; its buffer starts "TOPIC ". */
static struct outmsg *
out_begin(demo *d, tcop_ms t, enum demo_domain dom, const char *topic,
    struct jw *w)
{
	struct outmsg *m;
	size_t tl = strlen(topic);

	if (d->out_n == OUT_MAX)
		return NULL;
	m = &d->out[(d->out_head + d->out_n) % OUT_MAX];
	m->t = t;
	m->dom = dom;
	memcpy(m->buf, topic, tl);
	m->buf[tl] = ' ';
	jw_init(w, m->buf + tl + 1, sizeof m->buf - tl - 1);
	m->len = tl + 1;
	return m;
}

static void
out_end(demo *d, struct outmsg *m, struct jw *w)
{
	size_t n;

	if (jw_end(w, &n) != TCOP_OK)
		return; /* cannot happen with the sizes above: dropped */
	m->len += n;
	d->out_n++;
	d->count[m->dom]++;
}

static void
manifest_add(demo *d, tcop_ms t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
manifest_add(demo *d, tcop_ms t, const char *fmt, ...)
{
	struct mline *l;
	va_list ap;

	if (d->nmanifest == MANIFEST_MAX) {
		memmove(d->manifest, d->manifest + 1,
		    (MANIFEST_MAX - 1) * sizeof *d->manifest);
		d->nmanifest--;
	}
	/* Kept in time order (stable): incidents are staged ahead. */
	int i = d->nmanifest++;
	while (i > 0 && d->manifest[i - 1].t > t) {
		d->manifest[i] = d->manifest[i - 1];
		i--;
	}
	l = &d->manifest[i];
	l->t = t;
	va_start(ap, fmt);
	vsnprintf(l->text, sizeof l->text, fmt, ap);
	va_end(ap);
}

static void
script_push(demo *d, const struct sev *e)
{
	int i;

	if (d->nscript == SCRIPT_MAX)
		return;
	i = d->nscript++;
	while (i > 0 && d->script[i - 1].t > e->t) {
		d->script[i] = d->script[i - 1];
		i--;
	}
	d->script[i] = *e;
	d->script[i].order = d->script_order++;
}

static int
lane_find(const struct lanes *ls, const char *name)
{
	for (int i = 0; i < ls->nlanes; i++)
		if (strcmp(ls->lane[i].name, name) == 0)
			return i;
	return -1;
}

static int
sat_find(const struct demo_world *w, uint32_t norad)
{
	for (size_t i = 0; i < w->nsats; i++)
		if (w->sats[i].norad == norad)
			return (int)i;
	return -1;
}

/* ==== Ships ============================================================ */

struct flag {
	int mid[3];
	const char *callpfx;
	int style; /* 0 generic, 1 Japanese, 2 Chinese, 3 Korean */
};

static const struct flag flags[] = {
	{ { 431, 432, 431 }, "JD", 1 }, { { 412, 413, 414 }, "BQ", 2 },
	{ { 440, 441, 440 }, "DS", 3 }, { { 351, 352, 353 }, "3E", 0 },
	{ { 354, 355, 356 }, "3F", 0 }, { { 636, 636, 636 }, "A8", 0 },
	{ { 538, 538, 538 }, "V7", 0 }, { { 563, 564, 566 }, "9V", 0 },
	{ { 477, 477, 477 }, "VR", 0 }, { { 416, 416, 416 }, "BL", 0 },
	{ { 548, 548, 548 }, "DU", 0 }, { { 574, 574, 574 }, "XV", 0 },
};
#define NFLAGS (int)(sizeof flags / sizeof flags[0])

static const char *const w_generic1[] = {
	"OCEAN", "PACIFIC", "GOLDEN", "GRAND", "STAR", "GLOBAL", "EASTERN",
	"BRIGHT", "NEW", "SEA", "SILVER", "ORIENT", "CORAL", "BLUE", "ROYAL",
	"NORTHERN", "JADE", "PEARL", "LUCKY", "CAPE",
};
static const char *const w_generic2[] = {
	"GRACE", "PIONEER", "HARMONY", "VOYAGER", "SPIRIT", "FORTUNE", "EAGLE",
	"HORIZON", "TRADER", "DAWN", "VENTURE", "LEGEND", "PROSPERITY",
	"CHAMPION", "NAVIGATOR", "MERIDIAN", "ENDEAVOUR", "BRILLIANCE",
	"CROWN", "BREEZE",
};
static const char *const w_jp[] = {
	"SHINSEI", "KOTOBUKI", "HOKUTO", "TOYOFUJI", "SAKURA", "KAIYO", "ASAHI",
	"NIPPON", "SUNRISE", "FUJI", "HAKUYO", "KISSHO", "TENYU", "SEIWA",
};
static const char *const w_cn[] = {
	"ZHONG YUAN HAI", "MIN JIANG", "HUA HANG", "XIN NING BO", "YU XIN",
	"HAI YANG", "DONG FANG", "CHANG HANG", "LU HAI", "ZHE HAI",
};
static const char *const w_kr[] = {
	"HYUNDAI", "PAN", "SINOKOR", "HANJIN", "DONGBANG", "KOREA", "SUNNY",
	"HEUNG-A",
};
#define PICK(r, a) (a)[demo_rng_below((r), sizeof(a) / sizeof((a)[0]))]

static void
ship_name(struct demo_rng *r, int style, char *out, size_t size)
{
	switch (style) {
	case 1:
		snprintf(out, size, "%s MARU NO.%d", PICK(r, w_jp),
		    (int)demo_rng_below(r, 18) + 1);
		break;
	case 2:
		snprintf(out, size, "%s %d", PICK(r, w_cn),
		    (int)demo_rng_below(r, 98) + 1);
		break;
	case 3:
		snprintf(out, size, "%s %s", PICK(r, w_kr), PICK(r, w_generic2));
		break;
	default:
		snprintf(out, size, "%s %s", PICK(r, w_generic1),
		    PICK(r, w_generic2));
	}
}

/* IMO numbers carry a check digit: sum of the digits x 7..2, mod 10. */
static uint32_t
imo_number(struct demo_rng *r)
{
	uint32_t six = 900000 + (uint32_t)demo_rng_below(r, 99999), s = 0, x;
	int k = 2;

	for (x = six; x > 0; x /= 10)
		s += (x % 10) * (uint32_t)k++;
	return six * 10 + s % 10;
}

struct kind {
	int shiptype, len_lo, len_hi;
	double kn_lo, kn_hi;
	bool class_b;
	int share; /* per 100 */
};

static const struct kind kinds[] = {
	{ 70, 120, 300, 12, 18, false, 30 },  /* cargo */
	{ 71, 200, 366, 16, 22, false, 14 },  /* container (cargo, hazard A) */
	{ 80, 100, 330, 10, 15, false, 18 },  /* tanker */
	{ 60, 120, 200, 15, 21, false, 5 },   /* passenger */
	{ 30, 20, 60, 6, 10, false, 8 },      /* fishing, class A */
	{ 52, 25, 40, 8, 11, false, 3 },      /* tug */
	{ 40, 30, 60, 26, 33, false, 2 },     /* high-speed craft */
	{ 30, 12, 25, 5, 9, true, 10 },       /* fishing, class B */
	{ 37, 10, 20, 5, 8, true, 6 },        /* pleasure craft, class B */
	{ 36, 10, 18, 5, 7, true, 4 },        /* sailing, class B */
};
#define NKINDS (int)(sizeof kinds / sizeof kinds[0])

static bool
mmsi_used(const demo *d, uint32_t mmsi)
{
	for (int i = 0; i < d->nships; i++)
		if (d->ships[i].active && d->ships[i].mmsi == mmsi)
			return true;
	return false;
}

/* A new identity; class_b -1 lets the mix decide, 0/1 forces it. */
static void
ship_identity(demo *d, struct ship *s, int class_b)
{
	struct demo_rng *r = &d->rng;
	const struct flag *f = &flags[demo_rng_below(r, NFLAGS)];
	const struct kind *k;
	int pick;

	s->active = false; /* its old MMSI is free; the new one must be */
	do {
		pick = (int)demo_rng_below(r, 100);
		k = kinds;
		while (pick >= k->share) {
			pick -= k->share;
			k++;
		}
	} while (class_b >= 0 && k->class_b != (class_b == 1));
	do
		s->mmsi = (uint32_t)f->mid[demo_rng_below(r, 3)] * 1000000u +
		    (uint32_t)demo_rng_below(r, 1000000);
	while (mmsi_used(d, s->mmsi) || s->mmsi % 1000000 < 1000);
	ship_name(r, f->style, s->name, sizeof s->name);
	snprintf(s->callsign, sizeof s->callsign, "%s%04u", f->callpfx,
	    (unsigned)demo_rng_below(r, 10000));
	s->imo = k->class_b ? 0 : imo_number(r);
	s->shiptype = k->shiptype;
	s->class_b = k->class_b;
	s->len_m = k->len_lo + (int)demo_rng_below(r, (uint64_t)(k->len_hi -
	    k->len_lo + 1));
	s->beam_m = s->len_m / 6 + 2;
	s->speed = floor(demo_rng_range(r, k->kn_lo, k->kn_hi) * 10) / 10;
	s->via_sat = !s->class_b && demo_rng_below(r, 100) < 12;
	s->interval = s->via_sat ? (4 + (tcop_ms)demo_rng_below(r, 9)) * MIN :
	    s->class_b ? 30 * SEC : 10 * SEC;
	s->status = 0;
	s->until = TCOP_MS_NONE;
	s->last_det = TCOP_MS_NONE;
	s->spoof_until = 0;
	s->active = true;
}

static double
lane_pos(const struct ship *s, tcop_ms t)
{
	return s->d0_nm + s->dir * s->speed * (double)(t - s->t0) / 3.6e6;
}

/* True position and course of s at t. */
static void
ship_where(const demo *d, const struct ship *s, tcop_ms t, double *lat,
    double *lon, double *course)
{
	if (s->role == R_DRIFT) {
		lanes_offset(s->lat0, s->lon0, s->course,
		    s->speed * (double)(t - s->t0) / 3.6e6, lat, lon);
		*course = s->course;
		return;
	}
	const struct lane *l = &d->w->lanes.lane[s->lane];
	double dn = lane_pos(s, t), c, side, ends;

	double alat, alon, blat, blon;

	lanes_at(l, dn, lat, lon, NULL);
	/* The course of the chord 8 NM long round the ship: it turns
	 * smoothly at the waypoints, and so does the lateral offset. */
	lanes_at(l, dn - 4 * s->dir, &alat, &alon, NULL);
	lanes_at(l, dn + 4 * s->dir, &blat, &blon, NULL);
	c = lanes_bearing(alat, alon, blat, blon);
	*course = c;
	/* Keep to starboard of the lane, closing in near the ports. */
	ends = fmin(dn, l->len_nm - dn);
	side = s->side_nm * fmin(1.0, fmax(0.0, ends) / 20.0);
	if (side > 0.01)
		lanes_offset(*lat, *lon, fmod(c + 90, 360), side, lat, lon);
}

static void
ship_on_lane(demo *d, struct ship *s, int lane, double d_nm, int dir,
    tcop_ms t)
{
	const struct lane *l = &d->w->lanes.lane[lane];

	s->role = R_LANE;
	s->lane = lane;
	s->dir = dir;
	s->d0_nm = d_nm;
	s->t0 = t;
	s->side_nm = demo_rng_range(&d->rng, 0.3, 2.5);
	snprintf(s->dest, sizeof s->dest, "%s", dir > 0 ? l->to : l->from);
}

static int
lane_pick(demo *d)
{
	const struct lanes *ls = &d->w->lanes;
	int total = 0, pick;

	for (int i = 0; i < ls->nlanes; i++)
		total += ls->lane[i].weight;
	pick = (int)demo_rng_below(&d->rng, (uint64_t)total);
	for (int i = 0; i < ls->nlanes; i++) {
		if (pick < ls->lane[i].weight)
			return i;
		pick -= ls->lane[i].weight;
	}
	return 0;
}

/* A free slot (inactive), or NULL. */
static struct ship *
ship_slot(demo *d)
{
	for (int i = 0; i < d->nships; i++)
		if (!d->ships[i].active)
			return &d->ships[i];
	return NULL;
}

static void
ship_first_reports(demo *d, struct ship *s, tcop_ms t)
{
	s->next = t + SEC + (tcop_ms)demo_rng_below(&d->rng,
	    (uint64_t)s->interval);
	s->next_static = t + (tcop_ms)demo_rng_below(&d->rng, 6 * MIN);
}

/* New traffic leaving one end of a random lane. */
static void
ship_depart(demo *d, struct ship *s, tcop_ms t)
{
	int lane = lane_pick(d), dir = demo_rng_below(&d->rng, 2) ? 1 : -1;

	ship_identity(d, s, -1);
	ship_on_lane(d, s, lane, dir > 0 ? 0 : d->w->lanes.lane[lane].len_nm,
	    dir, t);
	ship_first_reports(d, s, t);
}

/* A GNSS jam active at t whose circle holds lat/lon; NULL if none. */
static const struct jam *
jam_at(const demo *d, tcop_ms t, double lat, double lon)
{
	for (int i = 0; i < d->njams; i++) {
		const struct jam *j = &d->jams[i];
		if (t >= j->from && t < j->to &&
		    lanes_dist_nm(lat, lon, j->lat, j->lon) < j->radius_nm)
			return j;
	}
	return NULL;
}

/* A maritime/track message of ship s with its common members (id, time,
 * source and marking by terrestrial or satellite AIS); NULL if no room. */
static struct outmsg *
ship_begin(demo *d, const struct ship *s, tcop_ms t, struct jw *w)
{
	struct outmsg *m = out_begin(d, t, DEMO_MARITIME, "maritime/track", w);
	char id[24];

	if (m == NULL)
		return NULL;
	snprintf(id, sizeof id, "mmsi:%u", s->mmsi);
	common(d, w, id, t, s->via_sat ? SRC_SATAIS : SRC_AIS,
	    s->via_sat ? "CUI" : "U", s->via_sat ? rel_satais : NULL);
	return m;
}

static void
emit_static(demo *d, struct ship *s, tcop_ms t)
{
	struct jw w;
	struct outmsg *m = ship_begin(d, s, t, &w);

	if (m == NULL)
		return;
	jw_int(&w, "type", s->class_b ? 24 : 5);
	jw_int(&w, "mmsi", s->mmsi);
	if (!s->class_b)
		jw_int(&w, "imo", s->imo);
	jw_str(&w, "callsign", s->callsign);
	jw_str(&w, "shipname", s->name);
	jw_int(&w, "shiptype", s->shiptype);
	jw_int(&w, "to_bow", s->len_m * 2 / 3);
	jw_int(&w, "to_stern", s->len_m - s->len_m * 2 / 3);
	jw_int(&w, "to_port", s->beam_m / 2);
	jw_int(&w, "to_starboard", s->beam_m - s->beam_m / 2);
	if (!s->class_b)
		jw_str(&w, "destination", s->dest);
	jw_str(&w, "via", s->via_sat ? "satellite" : "terrestrial");
	out_end(d, m, &w);
}

static void
emit_report(demo *d, struct ship *s, tcop_ms t, double lat, double lon,
    double course, double speed, int accuracy)
{
	struct jw w;
	struct outmsg *m = ship_begin(d, s, t, &w);

	if (m == NULL)
		return;
	num(&w, "lat", lat, 6);
	num(&w, "lon", lon, 6);
	jw_int(&w, "type", s->class_b ? 18 : 1);
	jw_int(&w, "mmsi", s->mmsi);
	if (!s->class_b)
		jw_int(&w, "status", s->status);
	num(&w, "speed", speed, 1);
	num(&w, "course", course, 1);
	jw_int(&w, "heading", (int)lround(course) % 360);
	if (!s->class_b)
		num(&w, "turn", 0, 0);
	jw_int(&w, "accuracy", accuracy);
	jw_str(&w, "via", s->via_sat ? "satellite" : "terrestrial");
	out_end(d, m, &w);
}

static void
ship_step(demo *d, struct ship *s)
{
	tcop_ms t;
	double lat, lon, course, speed = s->speed;
	int acc = 1;
	const struct jam *j;

	if (s->next_static <= s->next) {
		t = s->next_static;
		s->next_static += 6 * MIN;
		emit_static(d, s, t);
		return;
	}
	t = s->next;
	s->next += s->interval;
	if (s->until != TCOP_MS_NONE && t >= s->until) {
		s->active = false; /* silent from now on */
		return;
	}
	if (s->role == R_LANE) {
		double dn = lane_pos(s, t);
		if ((s->dir < 0 && dn <= 0) ||
		    (s->dir > 0 && dn >= d->w->lanes.lane[s->lane].len_nm)) {
			/* Arrived: one report moored, then new traffic. */
			s->status = 5;
			ship_where(d, s, t, &lat, &lon, &course);
			emit_report(d, s, t, lat, lon, course, 0, 1);
			ship_depart(d, s, t);
			return;
		}
	}
	ship_where(d, s, t, &lat, &lon, &course);
	if ((j = jam_at(d, t, lat, lon)) == NULL) {
		s->spoof_until = 0;
	} else if (t < s->spoof_until) {
		lat = s->spoof_lat;
		lon = s->spoof_lon;
		acc = 0;
	} else if (demo_rng_below(&d->rng, 100) < 12) {
		/* The receiver's fix is off for a few reports: it jumps away
		 * and back. */
		lanes_offset(lat, lon, demo_rng_range(&d->rng, 0, 360),
		    demo_rng_range(&d->rng, 20, 40), &s->spoof_lat, &s->spoof_lon);
		s->spoof_until = t + (2 + (tcop_ms)demo_rng_below(&d->rng, 4)) *
		    s->interval;
		lat = s->spoof_lat;
		lon = s->spoof_lon;
		acc = 0;
	}
	speed += demo_rng_range(&d->rng, -0.2, 0.2);
	course = fmod(course + demo_rng_range(&d->rng, -1.5, 1.5) + 360, 360);
	emit_report(d, s, t, lat, lon, course, fmax(speed, 0), acc);
}

/* ==== Sensors ========================================================== */

static bool
subpoint(elsetrec *rec, tcop_ms t, double *lat, double *lon)
{
	double r[3], v[3], e[3], ev[3], jd, fr, alt;

	if (orb_teme_at(rec, t, r, v) != 0)
		return false;
	orb_jd_of_ms(t, &jd, &fr);
	orb_teme_to_ecef(jd, fr, r, v, e, ev);
	orb_ecef_to_geodetic(e, lat, lon, &alt);
	return true;
}

static bool
in_region(double lat, double lon)
{
	return lat > REG_S && lat < REG_N && lon > REG_W && lon < REG_E;
}

static void
emit_detection(demo *d, const struct sensor *se, tcop_ms t, double lat,
    double lon, double ce, double len_m, double speed, double course)
{
	struct jw w;
	struct outmsg *m = out_begin(d, t, DEMO_MARITIME, "maritime/detection",
	    &w);
	char id[48];

	if (m == NULL)
		return;
	snprintf(id, sizeof id, "det:%u:%llu", d->w->sats[se->sat].norad,
	    (unsigned long long)++d->ndet);
	common(d, &w, id, t, se->sar ? SRC_SAR : SRC_RF, "S", rel_usa_jpn);
	num(&w, "lat", lat, 6);
	num(&w, "lon", lon, 6);
	jw_str(&w, "sensor", se->name);
	num(&w, "ce", ce, 0);
	if (len_m > 0)
		num(&w, "length", len_m, 0);
	if (speed >= 0) {
		num(&w, "speed", speed, 1);
		num(&w, "course", course, 1);
	}
	out_end(d, m, &w);
}

static void
sensor_step(demo *d, struct sensor *se)
{
	tcop_ms t = se->next;
	double slat, slon, swath = se->sar ? 40 : 120, ce = se->sar ? 30 : 2000;
	int made = 0;

	se->next += SENSOR_STEP;
	if (!subpoint(&se->rec, t, &slat, &slon) || !in_region(slat, slon))
		return;
	for (int i = 0; i < d->nships && made < OUT_MAX / 2; i++) {
		struct ship *s = &d->ships[i];
		double lat, lon, c, nlat, nlon;

		if (!s->active || (s->last_det != TCOP_MS_NONE &&
		    t - s->last_det < DET_COOLDOWN))
			continue;
		ship_where(d, s, t, &lat, &lon, &c);
		if (lanes_dist_nm(slat, slon, lat, lon) > swath)
			continue;
		s->last_det = t;
		/* The contact as measured: off by about half the CE. */
		lanes_offset(lat, lon, demo_rng_range(&d->rng, 0, 360),
		    demo_rng_range(&d->rng, 0, ce / 2) / 1852.0, &nlat, &nlon);
		emit_detection(d, se, t, nlat, nlon, ce,
		    se->sar ? s->len_m * demo_rng_range(&d->rng, 0.9, 1.1) : 0,
		    se->sar ? s->speed : -1, c);
		made++;
	}
}

static const char *const sar_names[] = {
	"ALOS-2", "ALOS-4", "COSMO-SKYMED", "ARIRANG-5", "GAOFEN-3", "ICEYE",
	"CAPELLA", "QPS-SAR", NULL,
};

static void
sensors_init(demo *d)
{
	const struct demo_world *w = d->w;

	for (size_t i = 0; i < w->nsats && d->nsensors < SENSORS_MAX; i++) {
		const char *n = w->sats[i].name;
		bool sar = false, rf = strncmp(n, "HAWK-", 5) == 0;
		struct sensor *se;

		for (int k = 0; sar_names[k] != NULL; k++)
			if (strncmp(n, sar_names[k], strlen(sar_names[k])) == 0)
				sar = true;
		if (!sar && !rf)
			continue;
		se = &d->sensors[d->nsensors];
		se->sat = (int)i;
		se->sar = sar;
		orb_init(&w->sats[i], &se->rec);
		if (se->rec.error != 0)
			continue;
		snprintf(se->name, sizeof se->name, "%s/%.24s", sar ? "sar" : "rf",
		    n);
		/* Stagger the samples so sensors do not all step together. */
		se->next = d->o.start + (tcop_ms)d->nsensors * 700;
		d->nsensors++;
	}
}

/* ==== Script events ==================================================== */

static void
emit_zone(demo *d, tcop_ms t, const struct zone *z)
{
	struct jw w;
	struct outmsg *m = out_begin(d, t, DEMO_MARITIME, "picture/zone", &w);

	if (m == NULL)
		return;
	common(d, &w, z->id, t, SRC_ZONES, "U", NULL);
	jw_str(&w, "name", z->name);
	jw_arr_open(&w, "area");
	for (int i = 0; i <= z->n; i++)
		jw_arr_pair(&w, z->lon[i % z->n], z->lat[i % z->n]);
	jw_arr_close(&w);
	out_end(d, m, &w);
}

static void
emit_elset(demo *d, tcop_ms t, const struct orb_elements *el, enum src src)
{
	struct outmsg *m;
	struct jw w;
	char *p;
	size_t tl = strlen("space/elements"), n;
	int k;

	if ((m = out_begin(d, t, DEMO_SPACE, "space/elements", &w)) == NULL)
		return;
	p = m->buf + tl + 1;
	n = omm_event_json(el, src_name[src], ++d->seq[src], p,
	    sizeof m->buf - tl - 32);
	if (n < 2)
		return;
	/* The catalogue is public: mark it U. */
	k = snprintf(p + n - 1, sizeof m->buf - tl - 1 - (n - 1),
	    ",\"cls\":\"U\"}");
	m->len += n - 1 + (size_t)k;
	d->out_n++;
	d->count[DEMO_SPACE]++;
}

static void
emit_alert(demo *d, tcop_ms t, int asset, int sig)
{
	static const struct {
		const char *sig, *cat;
		int sev;
	} sigs[] = {
		{ "TCOP-DEMO C2 beacon over TLS to known bad infrastructure",
		  "A Network Trojan was detected", 1 },
		{ "TCOP-DEMO Inbound port sweep of OT services",
		  "Attempted Information Leak", 3 },
		{ "TCOP-DEMO Modbus write from outside the OT network",
		  "Attempted Administrator Privilege Gain", 2 },
		{ "TCOP-DEMO SSH brute force attempt", "Attempted User Privilege Gain",
		  2 },
		{ "TCOP-DEMO DNS query for a newly registered domain",
		  "Potentially Bad Traffic", 3 },
	};
	const struct asset *a = assets_get(d->w->assets, asset);
	int si = sig % 5;
	struct jw w;
	struct outmsg *m = out_begin(d, t, DEMO_CYBER, "cyber/alert", &w);
	char id[80], sip[24], dip[24];
	uint32_t ip = d->asset_ip[asset];

	if (m == NULL || a == NULL)
		return;
	snprintf(id, sizeof id, "asset:%s", a->name);
	snprintf(sip, sizeof sip, "203.0.113.%d", 17 + (sig * 7) % 200);
	snprintf(dip, sizeof dip, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255,
	    (ip >> 8) & 255, ip & 255);
	common(d, &w, id, t, SRC_IDS, "CUI", rel_usa_jpn);
	num(&w, "lat", a->lat, 4);
	num(&w, "lon", a->lon, 4);
	if (sig >= 5) {
		char sname[160];
		snprintf(sname, sizeof sname, "%s (campaign %d)", sigs[0].sig,
		    sig / 5);
		jw_str(&w, "signature", sname);
	} else {
		jw_str(&w, "signature", sigs[si].sig);
	}
	jw_int(&w, "signature_id", 9100000 + sig);
	jw_int(&w, "severity", sigs[si].sev);
	jw_str(&w, "category", sigs[si].cat);
	jw_str(&w, "src_ip", sip);
	jw_int(&w, "src_port", 443);
	jw_str(&w, "dest_ip", dip);
	jw_int(&w, "dest_port", si == 2 ? 502 : si == 3 ? 22 : 49152 + sig % 997);
	jw_str(&w, "proto", "TCP");
	jw_str(&w, "asset", a->name);
	out_end(d, m, &w);
}

static void
emit_jam(demo *d, tcop_ms t, const struct jam *j, bool on)
{
	struct jw w;
	struct outmsg *m = out_begin(d, t, DEMO_CYBER, "cyber/interference",
	    &w);
	char id[32];

	if (m == NULL)
		return;
	snprintf(id, sizeof id, "area:jam-%04d", j->id);
	common(d, &w, id, t, SRC_GNSS, "CUI", rel_usa_jpn);
	num(&w, "lat", j->lat, 4);
	num(&w, "lon", j->lon, 4);
	jw_str(&w, "what", "gnss-jamming");
	num(&w, "radius_m", j->radius_nm * 1852, 0);
	if (on)
		jw_time(&w, "end", j->to);
	else
		jw_bool(&w, "clear", true);
	out_end(d, m, &w);
}

/* The element set of a after a burn at t: mean anomaly advanced to t as
 * the mean motion says, then moved on, and the orbit raised a little. */
static void
maneuvered(const struct orb_elements *old, tcop_ms t, struct orb_elements *el)
{
	double days = (double)(t - old->epoch_ms) / 86400000.0;
	double revs = old->mean_motion * days;

	*el = *old;
	orb_jd_of_ms(t, &el->jdsatepoch, &el->jdsatepochF);
	orb_set_epoch_ms(el);
	el->mean_anomaly = fmod(old->mean_anomaly + 360 * (revs - floor(revs)) +
	    0.3, 360);
	el->mean_motion = old->mean_motion - 0.0015;
	el->element_set_no = old->element_set_no % 999 + 1;
	el->rev_at_epoch = old->rev_at_epoch + (long)floor(revs);
	el->tle1[0] = el->tle2[0] = '\0';
}

static void
emit_space_event(demo *d, tcop_ms t, uint32_t norad, const char *what)
{
	struct jw w;
	struct outmsg *m = out_begin(d, t, DEMO_SPACE, "space/event", &w);
	char id[24];

	if (m == NULL)
		return;
	snprintf(id, sizeof id, "norad:%u", norad);
	common(d, &w, id, t, SRC_SPACEOPS, "S", rel_usa_jpn);
	jw_str(&w, "what", what);
	jw_int(&w, "norad", norad);
	out_end(d, m, &w);
}

static void
emit_conj(demo *d, const struct sev *e)
{
	const struct orb_elements *a = &d->w->sats[e->a], *b = &d->w->sats[e->b];
	struct jw w;
	struct outmsg *m = out_begin(d, e->t, DEMO_SPACE, "space/conjunction",
	    &w);
	char id[32], cdm[16], s1[12], s2[12], pc[24];

	if (m == NULL)
		return;
	snprintf(cdm, sizeof cdm, "%d", e->c);
	snprintf(id, sizeof id, "cdm:%d", e->c);
	snprintf(s1, sizeof s1, "%u", a->norad);
	snprintf(s2, sizeof s2, "%u", b->norad);
	snprintf(pc, sizeof pc, "%.3e", e->x);
	common(d, &w, id, e->t, SRC_CDM, "CUI", rel_usa_jpn);
	jw_str(&w, "CDM_ID", cdm);
	jw_time(&w, "TCA", e->t + (tcop_ms)(e->lon * 3.6e6));
	num(&w, "MIN_RNG", e->lat, 0);
	jw_raw(&w, "PC", pc, strlen(pc));
	jw_str(&w, "SAT_1_ID", s1);
	jw_str(&w, "SAT_1_NAME", a->name);
	jw_str(&w, "SAT_2_ID", s2);
	jw_str(&w, "SAT_2_NAME", b->name);
	out_end(d, m, &w);
}

static void
script_step(demo *d)
{
	struct sev e = d->script[0];
	const struct demo_world *w = d->w;

	memmove(d->script, d->script + 1, (size_t)--d->nscript *
	    sizeof *d->script);
	switch (e.kind) {
	case SEV_ZONE:
		emit_zone(d, e.t, &w->lanes.zone[e.a]);
		break;
	case SEV_ELSET:
		emit_elset(d, e.t, &w->sats[e.a], SRC_ELSET);
		break;
	case SEV_ALERT:
		emit_alert(d, e.t, e.a, e.b);
		break;
	case SEV_JAM_ON:
	case SEV_JAM_OFF:
		emit_jam(d, e.t, &d->jams[e.a], e.kind == SEV_JAM_ON);
		break;
	case SEV_MANEUVER_EL: {
		struct orb_elements el;
		maneuvered(&w->sats[e.a], e.t, &el);
		emit_elset(d, e.t, &el, SRC_ELSET);
		break;
	}
	case SEV_MANEUVER_EV:
		emit_space_event(d, e.t, w->sats[e.a].norad, "maneuver");
		break;
	case SEV_CONJ:
		emit_conj(d, &e);
		break;
	case SEV_DARKDET:
		emit_detection(d, &d->sensors[e.a], e.t, e.lat, e.lon, 30,
		    e.b, 11.5, e.x);
		break;
	}
}

/* ==== Episodes: the staged incidents ==================================== */

static void
stage_zones_and_catalogue(demo *d, tcop_ms t0)
{
	struct sev e = { 0 };

	for (int i = 0; i < d->w->lanes.nzones; i++) {
		e.t = t0 + 100 * (tcop_ms)i;
		e.kind = SEV_ZONE;
		e.a = i;
		script_push(d, &e);
	}
	for (size_t i = 0; i < d->w->nsats; i++) {
		e.t = t0 + 2 * SEC + 150 * (tcop_ms)i;
		e.kind = SEV_ELSET;
		e.a = (int)i;
		script_push(d, &e);
	}
}

/* A point inside zone z on some lane (the middle of the lane's run inside
 * it); false if no lane crosses z. */
static bool
lane_in_zone(const demo *d, int z, int *lane, double *dn)
{
	const struct lanes *ls = &d->w->lanes;

	for (int i = 0; i < ls->nlanes; i++) {
		const struct lane *l = &ls->lane[i];
		double first = -1, last = -1, lat, lon;

		for (double x = 0; x <= l->len_nm; x += 2) {
			lanes_at(l, x, &lat, &lon, NULL);
			if (lanes_zone_contains(&ls->zone[z], lat, lon)) {
				if (first < 0)
					first = x;
				last = x;
			} else if (first >= 0) {
				break;
			}
		}
		if (first >= 0 && last - first > 20) {
			*lane = i;
			*dn = (first + last) / 2;
			return true;
		}
	}
	return false;
}

static void
stage_going_dark(demo *d, tcop_ms ep, int k)
{
	static const char *const straits[] = {
		"zone:miyako-strait", "zone:tsushima-strait", "zone:luzon-strait",
		"zone:taiwan-strait", "zone:tokyo-bay-approaches",
	};
	const struct lanes *ls = &d->w->lanes;
	struct ship *s;
	int z = -1, lane;
	double dn, lat, lon, c;

	for (int i = 0; i < ls->nzones; i++)
		if (strcmp(ls->zone[i].id, straits[k % 5]) == 0)
			z = i;
	if (z < 0 || !lane_in_zone(d, z, &lane, &dn) ||
	    (s = ship_slot(d)) == NULL)
		return;
	ship_identity(d, s, 0);
	s->via_sat = false;
	s->interval = 10 * SEC;
	s->speed = 13.5;
	ship_on_lane(d, s, lane, dn - 0.5, 1, ep);
	s->next = ep + 20 * SEC;
	s->next_static = ep + 30 * SEC;
	s->until = ep + 6 * MIN;
	ship_where(d, s, s->until, &lat, &lon, &c);
	manifest_add(d, s->until, "ais-gap id=mmsi:%u zone=%s lat=%.4f lon=%.4f "
	    "class=A speed=%.1f silent-from=+6min", s->mmsi, ls->zone[z].id, lat,
	    lon, s->speed);
}

static void
stage_clone(demo *d, tcop_ms ep, int k)
{
	static const double places[][3] = { /* lat, lon, course of the clone */
		{ 20.60, 121.40, 250 }, { 24.30, 119.60, 40 }, { 12.50, 111.20, 30 },
		{ 33.90, 136.60, 80 },
	};
	const double *p = places[k % 4];
	int lane = lane_find(&d->w->lanes, k % 2 ? "tokyo-bay-west" :
	    "korea-strait-sea-of-japan");
	struct ship *a, *b;
	double lat, lon, c;

	if (lane < 0 || (a = ship_slot(d)) == NULL)
		return;
	ship_identity(d, a, 0);
	a->via_sat = false;
	a->interval = 10 * SEC;
	ship_on_lane(d, a, lane, d->w->lanes.lane[lane].len_nm * 0.3, 1, ep);
	a->next = ep + 4 * MIN;
	a->next_static = ep + 4 * MIN + 2 * SEC;
	if ((b = ship_slot(d)) == NULL) {
		a->active = false;
		return;
	}
	*b = *a;
	b->role = R_DRIFT;
	b->lat0 = p[0];
	b->lon0 = p[1];
	b->course = p[2];
	b->t0 = ep;
	b->next = ep + 4 * MIN + 5 * SEC;
	b->next_static = ep + 4 * MIN + 7 * SEC;
	b->until = ep + 16 * MIN;
	ship_where(d, a, ep + 4 * MIN, &lat, &lon, &c);
	manifest_add(d, ep + 4 * MIN, "identity-conflict id=mmsi:%u "
	    "a=%.4f,%.4f b=%.4f,%.4f until=+16min", a->mmsi, lat, lon, p[0],
	    p[1]);
}

static void
stage_rendezvous(demo *d, tcop_ms ep, int k)
{
	static const double sites[][2] = {
		{ 29.60, 125.30 }, { 17.50, 114.80 }, { 27.20, 131.50 },
		{ 33.00, 137.50 },
	};
	const double *p = sites[k % 4];
	struct ship *a = ship_slot(d), *b;

	if (a == NULL)
		return;
	ship_identity(d, a, 0);
	a->shiptype = 80;
	a->len_m = 240;
	a->beam_m = 42;
	a->imo = imo_number(&d->rng);
	if ((b = ship_slot(d)) == NULL || b == a) {
		a->active = false;
		return;
	}
	a->active = true;
	ship_identity(d, b, 0);
	b->shiptype = 81;
	for (int i = 0; i < 2; i++) {
		struct ship *s = i ? b : a;
		s->role = R_DRIFT;
		s->via_sat = false;
		s->interval = 10 * SEC;
		s->speed = 0.6;
		s->course = 35;
		s->t0 = ep;
		s->until = ep + 41 * MIN;
		snprintf(s->dest, sizeof s->dest, "FOR ORDERS");
		s->next = ep + MIN + (tcop_ms)i * 3 * SEC;
		s->next_static = s->next + SEC;
	}
	a->lat0 = p[0];
	a->lon0 = p[1];
	lanes_offset(p[0], p[1], 90, 0.13, &b->lat0, &b->lon0);
	manifest_add(d, ep + MIN, "rendezvous ids=mmsi:%u,mmsi:%u lat=%.4f "
	    "lon=%.4f apart-m=240 speed=0.6 for=40min", a->mmsi, b->mmsi,
	    p[0], p[1]);
}

static void
stage_jam(demo *d, tcop_ms ep, int k)
{
	static const struct {
		const char *lane;
		double frac;
	} sites[] = {
		{ "tsushima-west", 0.62 }, { "taiwan-strait", 0.45 },
		{ "scs-singapore-hong-kong", 0.7 }, { "korea-strait-sea-of-japan", 0.2 },
	};
	int lane = lane_find(&d->w->lanes, sites[k % 4].lane), slot;
	struct jam *j;
	struct sev e = { 0 };
	double dn, c;

	if (lane < 0)
		return;
	slot = d->njams < JAMS_MAX ? d->njams++ : k % JAMS_MAX;
	j = &d->jams[slot];
	dn = d->w->lanes.lane[lane].len_nm * sites[k % 4].frac;
	lanes_at(&d->w->lanes.lane[lane], dn, &j->lat, &j->lon, &c);
	j->radius_nm = 13.5;
	j->from = ep + 7 * MIN;
	j->to = ep + 22 * MIN;
	j->id = k + 1;
	/* Four ships that will be inside while it lasts. */
	for (int i = 0; i < 4; i++) {
		struct ship *s = ship_slot(d);
		if (s == NULL)
			break;
		ship_identity(d, s, 0);
		s->via_sat = false;
		s->interval = 10 * SEC;
		s->speed = 9 + i;
		ship_on_lane(d, s, lane, dn - 6 + 3 * i - s->speed * 10 / 60.0, 1,
		    ep);
		s->side_nm = 0.5 + 0.4 * i;
		ship_first_reports(d, s, ep);
	}
	e.t = j->from - MIN;
	e.kind = SEV_JAM_ON;
	e.a = slot;
	script_push(d, &e);
	e.t = j->to;
	e.kind = SEV_JAM_OFF;
	script_push(d, &e);
	manifest_add(d, j->from - MIN, "pnt-disruption id=area:jam-%04d "
	    "lat=%.4f lon=%.4f radius-m=%.0f from=+7min to=+22min ships>=4",
	    j->id, j->lat, j->lon, j->radius_nm * 1852);
}

static void
stage_cyber_space(demo *d, tcop_ms ep, int k)
{
	static const tcop_ms at[] = { 3 * MIN, 5 * MIN, 6 * MIN + 30 * SEC,
		8 * MIN, 11 * MIN };
	const assets *as = d->w->assets;
	int other[3], no = 0, sat = -1;
	const struct asset *g;
	struct sev e = { 0 };

	if (d->ground < 0)
		return;
	g = assets_get(as, d->ground);
	for (int i = 0; i < assets_count(as) && i < 64 && no < 3; i++) {
		const struct asset *a = assets_get(as, i);
		if (i != d->ground && !isnan(a->lat) && a->mmsi == 0 &&
		    d->asset_ip[i] != 0)
			other[no++] = i;
	}
	if (no < 2)
		return;
	/* Another site, the ground station twice, then the others. */
	for (int i = 0; i < 5; i++) {
		e.t = ep + at[i];
		e.kind = SEV_ALERT;
		e.a = i == 1 || i == 2 ? d->ground :
		    other[(i == 0 ? 0 : i - 2) % no];
		e.b = 5 * (k + 1);
		script_push(d, &e);
	}
	manifest_add(d, ep + at[0], "campaign signature_id=%d assets=asset:%s,"
	    "asset:%s,asset:%s%s%s within=8min", 9100000 + 5 * (k + 1),
	    assets_get(as, other[0])->name, g->name,
	    assets_get(as, other[1])->name, no > 2 ? ",asset:" : "",
	    no > 2 ? assets_get(as, other[2])->name : "");
	for (int i = 0; i < g->ncontrols && sat < 0; i++)
		sat = sat_find(d->w, g->controls[(k + i) % g->ncontrols]);
	if (sat < 0)
		return;
	e.t = ep + 14 * MIN;
	e.kind = SEV_MANEUVER_EL;
	e.a = sat;
	script_push(d, &e);
	e.t = ep + 15 * MIN;
	e.kind = SEV_MANEUVER_EV;
	script_push(d, &e);
	manifest_add(d, ep + 14 * MIN, "cyber-to-space asset=asset:%s "
	    "id=norad:%u name=%s alerts=+5min,+6.5min maneuver=+14min",
	    g->name, d->w->sats[sat].norad, d->w->sats[sat].name);
}

static void
stage_conjunction(demo *d, tcop_ms ep, int k)
{
	static const uint32_t protect[] = { 39766, 25544, 43672, 60182 };
	int a = -1, b;
	struct sev e = { 0 };

	for (int i = 0; i < 4 && a < 0; i++)
		a = sat_find(d->w, protect[(k + i) % 4]);
	if (a < 0 || d->w->nsats < 2)
		return;
	do
		b = (int)demo_rng_below(&d->rng, d->w->nsats);
	while (b == a);
	e.t = ep + 18 * MIN;
	e.kind = SEV_CONJ;
	e.a = a;
	e.b = b;
	e.c = 940000000 + (int)(d->o.seed % 1000) * 1000 + k;
	e.lat = floor(demo_rng_range(&d->rng, 120, 600)); /* MIN_RNG m */
	e.lon = 30 + demo_rng_range(&d->rng, 0, 12);      /* TCA in h */
	e.x = demo_rng_range(&d->rng, 1.5e-4, 9e-4);      /* PC */
	script_push(d, &e);
	manifest_add(d, e.t, "conjunction id=cdm:%d sat1=norad:%u sat2=norad:%u "
	    "min_rng=%.0f pc=%.3e", e.c, d->w->sats[a].norad,
	    d->w->sats[b].norad, e.lat, e.x);
}

/* A SAR pass over a zone during the episode: the dark contact goes a
 * little off a lane there, under the satellite. */
static void
stage_dark_contact(demo *d, tcop_ms ep)
{
	const struct lanes *ls = &d->w->lanes;

	for (tcop_ms t = ep + 3 * MIN; t < ep + 27 * MIN; t += 20 * SEC) {
		for (int s = 0; s < d->nsensors; s++) {
			struct sensor *se = &d->sensors[s];
			double slat, slon;

			if (!se->sar || !subpoint(&se->rec, t, &slat, &slon) ||
			    !in_region(slat, slon))
				continue;
			for (int z = 0; z < ls->nzones; z++) {
				for (int i = 0; i < ls->nlanes; i++) {
					const struct lane *l = &ls->lane[i];
					for (double x = 10; x < l->len_nm - 10; x += 5) {
						double lat, lon, c, dl, dlon;
						lanes_at(l, x, &lat, &lon, &c);
						if (fabs(lat - slat) > 1.5 ||
						    !lanes_zone_contains(&ls->zone[z], lat, lon))
							continue;
						lanes_offset(lat, lon, fmod(c + 270, 360), 3.0,
						    &dl, &dlon);
						if (lanes_dist_nm(slat, slon, dl, dlon) > 40 ||
						    !lanes_zone_contains(&ls->zone[z], dl, dlon))
							continue;
						struct sev e = { 0 };
						e.t = t;
						e.kind = SEV_DARKDET;
						e.a = s;
						e.b = 150 + (int)demo_rng_below(&d->rng, 80);
						e.lat = dl;
						e.lon = dlon;
						e.x = c;
						script_push(d, &e);
						manifest_add(d, t, "dark-vessel sensor=%s "
						    "zone=%s lat=%.4f lon=%.4f", se->name,
						    ls->zone[z].id, dl, dlon);
						return;
					}
				}
			}
		}
	}
	manifest_add(d, ep, "dark-vessel none: no SAR pass over a zone this "
	    "episode");
}

static void
episode_step(demo *d)
{
	tcop_ms ep = d->next_episode;
	int k = d->episode++;

	d->next_episode += DEMO_EPISODE;
	if (k == 0)
		stage_zones_and_catalogue(d, ep);
	stage_rendezvous(d, ep, k);
	stage_cyber_space(d, ep, k);
	stage_clone(d, ep, k);
	stage_going_dark(d, ep, k);
	stage_jam(d, ep, k);
	stage_conjunction(d, ep, k);
	stage_dark_contact(d, ep);
	/* Background alerts: one asset each, so no campaign of their own. */
	for (int i = 0; i < 6; i++) {
		struct sev e = { 0 };
		int a = (int)demo_rng_below(&d->rng, (uint64_t)assets_count(
		    d->w->assets));
		if (a == d->ground || d->asset_ip[a] == 0)
			continue;
		e.t = ep + (tcop_ms)demo_rng_below(&d->rng, (uint64_t)DEMO_EPISODE);
		e.kind = SEV_ALERT;
		e.a = a;
		e.b = 1 + a % 4; /* signature per asset */
		script_push(d, &e);
	}
}

/* ==== The generator ==================================================== */

static void
step(demo *d)
{
	tcop_ms best = d->next_episode;
	int kind = 0, idx = 0;

	if (d->nscript > 0 && d->script[0].t < best) {
		best = d->script[0].t;
		kind = 1;
	}
	for (int i = 0; i < d->nsensors; i++)
		if (d->sensors[i].next < best) {
			best = d->sensors[i].next;
			kind = 2;
			idx = i;
		}
	for (int i = 0; i < d->nships; i++) {
		const struct ship *s = &d->ships[i];
		tcop_ms n;
		if (!s->active)
			continue;
		n = s->next < s->next_static ? s->next : s->next_static;
		if (n < best) {
			best = n;
			kind = 3;
			idx = i;
		}
	}
	switch (kind) {
	case 0: episode_step(d); break;
	case 1: script_step(d); break;
	case 2: sensor_step(d, &d->sensors[idx]); break;
	default: ship_step(d, &d->ships[idx]); break;
	}
}

void
demo_next(demo *d, struct demo_msg *m)
{
	struct outmsg *o;

	while (d->out_n == 0)
		step(d);
	o = &d->out[d->out_head];
	d->out_head = (d->out_head + 1) % OUT_MAX;
	d->out_n--;
	o->buf[o->len] = '\0';
	m->t = o->t;
	m->dom = o->dom;
	m->msg = o->buf;
	m->len = o->len;
}

/* An address inside each asset: the first 10.N.1.10 the inventory maps
 * to it (the sample inventory's networks are 10.N.0.0/16). */
static void
asset_addresses(demo *d)
{
	const assets *as = d->w->assets;

	d->ground = -1;
	for (int i = 0; i < assets_count(as) && i < 64; i++) {
		const struct asset *a = assets_get(as, i);
		if (strcmp(a->kind, "ground-station") == 0 && a->ncontrols > 0 &&
		    d->ground < 0)
			d->ground = i;
	}
	for (uint32_t n = 0; n < 256; n++) {
		uint32_t ip = (10u << 24) | (n << 16) | (1u << 8) | 10u;
		int i = assets_lookup4(as, ip);
		if (i >= 0 && i < 64 && d->asset_ip[i] == 0)
			d->asset_ip[i] = ip;
	}
}

tcop_err
demo_create(demo **out, const struct demo_world *w, const struct demo_opts *o)
{
	demo *d;
	int n = o->ships > 0 ? o->ships : 300;

	if (w->lanes.nlanes == 0 || w->assets == NULL)
		return TCOP_EINVAL;
	if ((d = calloc(1, sizeof *d)) == NULL)
		return TCOP_ENOMEM;
	d->nships = n + EXTRA_SHIPS;
	if ((d->ships = calloc((size_t)d->nships, sizeof *d->ships)) == NULL) {
		free(d);
		return TCOP_ENOMEM;
	}
	d->w = w;
	d->o = *o;
	d->o.ships = n;
	demo_rng_seed(&d->rng, o->seed);
	asset_addresses(d);
	sensors_init(d);
	for (int i = 0; i < n; i++) {
		struct ship *s = &d->ships[i];
		int lane = lane_pick(d);
		ship_identity(d, s, -1);
		ship_on_lane(d, s, lane, demo_rng_range(&d->rng, 0.05, 0.95) *
		    w->lanes.lane[lane].len_nm, demo_rng_below(&d->rng, 2) ? 1 : -1,
		    o->start);
		ship_first_reports(d, s, o->start + 3 * SEC);
	}
	d->next_episode = o->start;
	*out = d;
	return TCOP_OK;
}

void
demo_destroy(demo *d)
{
	if (d == NULL)
		return;
	free(d->ships);
	free(d);
}

void
demo_manifest(const demo *d, FILE *f)
{
	char ts[32];

	for (int i = 0; i < d->nmanifest; i++) {
		tcop_time_format_s(d->manifest[i].t, ts, sizeof ts);
		fprintf(f, "%s %s\n", ts, d->manifest[i].text);
	}
}

uint64_t
demo_count(const demo *d, enum demo_domain dom)
{
	return d->count[dom];
}

/* ==== The world ======================================================== */

static tcop_err
load_sats(struct demo_world *w, const char *path, char *why, size_t ws)
{
	FILE *f = fopen(path, "rb");
	struct tle_reader r;
	struct orb_elements el;
	char *buf = NULL, tw[TLE_WHY_MAX];
	size_t cap = 0, len = 0, n;
	long line;
	tcop_err rv;

	if (f == NULL) {
		snprintf(why, ws, "%s: cannot open", path);
		return TCOP_ESYS;
	}
	do {
		if (len + 65536 > cap) {
			char *nb = realloc(buf, cap + 262144);
			if (nb == NULL) {
				free(buf);
				fclose(f);
				return TCOP_ENOMEM;
			}
			buf = nb;
			cap += 262144;
		}
		n = fread(buf + len, 1, 65536, f);
		len += n;
	} while (n > 0);
	fclose(f);
	tle_reader_init(&r, buf, len);
	while ((rv = tle_next(&r, &el, &line, tw)) != TCOP_EOF) {
		struct orb_elements *ns;
		if (rv != TCOP_OK) {
			snprintf(why, ws, "%s:%ld: %s", path, line, tw);
			free(buf);
			return rv;
		}
		if ((ns = realloc(w->sats, (w->nsats + 1) * sizeof *ns)) == NULL) {
			free(buf);
			return TCOP_ENOMEM;
		}
		w->sats = ns;
		w->sats[w->nsats++] = el;
	}
	free(buf);
	return TCOP_OK;
}

tcop_err
demo_world_load(struct demo_world *w, const char *dir, char *why,
    size_t whysize)
{
	char path[1024], lw[200];
	tcop_err rv;

	memset(w, 0, sizeof *w);
	snprintf(path, sizeof path, "%s/lanes.json", dir);
	if ((rv = lanes_load(&w->lanes, path, lw, sizeof lw)) != TCOP_OK) {
		snprintf(why, whysize, "%s: %s", path, lw);
		return rv;
	}
	snprintf(path, sizeof path, "%s/demo_sats.tle", dir);
	if ((rv = load_sats(w, path, why, whysize)) != TCOP_OK) {
		demo_world_fini(w);
		return rv;
	}
	snprintf(path, sizeof path, "%s/assets.json", dir);
	if ((rv = assets_load(&w->assets, path, lw, sizeof lw)) != TCOP_OK) {
		snprintf(why, whysize, "%s: %s", path, lw);
		demo_world_fini(w);
		return rv;
	}
	return TCOP_OK;
}

void
demo_world_fini(struct demo_world *w)
{
	free(w->sats);
	w->sats = NULL;
	w->nsats = 0;
	if (w->assets != NULL)
		assets_destroy(w->assets);
	w->assets = NULL;
}
