/*
 * track.c: the vessel track table (see track.h for the model and its
 * lifecycle).
 *
 * Layout: a pool of struct track (max_tracks), a ring of history
 * positions per pool entry, and an open-addressing index (linear probing,
 * at most half full) from MMSI to pool entry. Removal uses backward-shift
 * deletion, so the index never fills with tombstones however many tracks
 * come and go; pool entries are recycled through a free stack. Pool
 * entries never move: a track pointer stays valid until that track is
 * removed.
 *
 * Invariants (track_check(), called by the tests): every used pool entry is
 * reachable from its MMSI's home slot without crossing an empty slot;
 * count == used entries == index entries; ring_n <= history.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pic/track.h"

_Static_assert(sizeof(struct track) <= TRACK_BYTES,
    "a track must fit in TRACK_BYTES");

struct track_table {
	struct track_cfg cfg;
	struct track *pool;
	struct track_fix *ring;  /* max_tracks * history */
	uint32_t *index;         /* pool entry + 1; 0: empty */
	size_t mask;             /* index slots - 1 */
	uint32_t *free;          /* stack of free pool entries */
	size_t nfree;
	size_t hw;               /* pool entries ever used (iteration bound) */
	size_t count;
};

#define MIN_MS (60 * 1000)

void
track_cfg_default(struct track_cfg *cfg)
{
	cfg->max_tracks = 100000;
	cfg->history = 32;
	cfg->stale_a = 6 * MIN_MS;
	cfg->lost_a = 20 * MIN_MS;
	cfg->stale_b = 10 * MIN_MS;
	cfg->lost_b = 30 * MIN_MS;
	cfg->stale_sat = 180 * MIN_MS;
	cfg->lost_sat = 720 * MIN_MS;
	cfg->drop = 60 * MIN_MS;
}

static void
cfg_fill(struct track_cfg *c, const struct track_cfg *in)
{
	struct track_cfg d;

	track_cfg_default(&d);
	*c = in != NULL ? *in : d;
#define DEF(f) if (c->f == 0) c->f = d.f
	DEF(max_tracks);
	DEF(history);
	DEF(stale_a);
	DEF(lost_a);
	DEF(stale_b);
	DEF(lost_b);
	DEF(stale_sat);
	DEF(lost_sat);
	DEF(drop);
#undef DEF
}

tcop_err
track_table_create(track_table **out, const struct track_cfg *cfg)
{
	track_table *tt;
	size_t slots = 16;

	if ((tt = calloc(1, sizeof *tt)) == NULL)
		return TCOP_ENOMEM;
	cfg_fill(&tt->cfg, cfg);
	if (tt->cfg.max_tracks > UINT32_MAX / 4 || tt->cfg.history > 1u << 16) {
		free(tt);
		return TCOP_EINVAL;
	}
	while (slots < tt->cfg.max_tracks * 2)
		slots <<= 1;
	tt->mask = slots - 1;
	tt->pool = calloc(tt->cfg.max_tracks, sizeof *tt->pool);
	tt->ring = calloc(tt->cfg.max_tracks * tt->cfg.history,
	    sizeof *tt->ring);
	tt->index = calloc(slots, sizeof *tt->index);
	tt->free = calloc(tt->cfg.max_tracks, sizeof *tt->free);
	if (tt->pool == NULL || tt->ring == NULL || tt->index == NULL ||
	    tt->free == NULL) {
		track_table_destroy(tt);
		return TCOP_ENOMEM;
	}
	*out = tt;
	return TCOP_OK;
}

void
track_table_destroy(track_table *tt)
{
	if (tt == NULL)
		return;
	free(tt->pool);
	free(tt->ring);
	free(tt->index);
	free(tt->free);
	free(tt);
}

tcop_err
track_table_clone(track_table **out, const track_table *src)
{
	track_table *tt;

	*out = NULL;
	if ((tt = malloc(sizeof *tt)) == NULL)
		return TCOP_ENOMEM;
	*tt = *src;
	/* malloc, not calloc: only the entries below hw are ever read (an
	 * entry is reset when it is first used), and zeroing the whole pool
	 * would cost more than the copy. */
	tt->pool = malloc(src->cfg.max_tracks * sizeof *tt->pool);
	tt->ring = malloc(src->cfg.max_tracks * src->cfg.history *
	    sizeof *tt->ring);
	tt->index = malloc((src->mask + 1) * sizeof *tt->index);
	tt->free = malloc(src->cfg.max_tracks * sizeof *tt->free);
	if (tt->pool == NULL || tt->ring == NULL || tt->index == NULL ||
	    tt->free == NULL) {
		track_table_destroy(tt);
		return TCOP_ENOMEM;
	}
	memcpy(tt->pool, src->pool, src->hw * sizeof *tt->pool);
	memcpy(tt->ring, src->ring, src->hw * src->cfg.history *
	    sizeof *tt->ring);
	memcpy(tt->index, src->index, (src->mask + 1) * sizeof *tt->index);
	memcpy(tt->free, src->free, src->nfree * sizeof *tt->free);
	*out = tt;
	return TCOP_OK;
}

size_t
track_table_used_bytes(const track_table *tt)
{
	return sizeof *tt + tt->hw * (sizeof *tt->pool + tt->cfg.history *
	    sizeof *tt->ring) + (tt->mask + 1) * sizeof *tt->index +
	    tt->nfree * sizeof *tt->free;
}

static size_t
home(const track_table *tt, uint32_t mmsi)
{
	return (size_t)((mmsi * UINT64_C(0x9E3779B97F4A7C15)) >> 29) & tt->mask;
}

/* The index slot holding mmsi, or the empty slot where it would go. */
static size_t
slot_of(const track_table *tt, uint32_t mmsi)
{
	size_t i = home(tt, mmsi);

	while (tt->index[i] != 0 && tt->pool[tt->index[i] - 1].mmsi != mmsi)
		i = (i + 1) & tt->mask;
	return i;
}

const struct track *
track_find(const track_table *tt, uint32_t mmsi)
{
	size_t i = slot_of(tt, mmsi);

	return tt->index[i] != 0 ? &tt->pool[tt->index[i] - 1] : NULL;
}

static void
track_reset(struct track *tr, uint32_t mmsi, tcop_ms t)
{
	memset(tr, 0, sizeof *tr);
	tr->mmsi = mmsi;
	tr->state = TRACK_ACTIVE;
	tr->cls = TRACK_CLASS_OTHER;
	tr->type = -1;
	tr->t_first = tr->t_last = t;
	tr->t_pos = tr->t_lost = TCOP_MS_NONE;
	tr->lat = tr->lon = NAN;
	tr->speed = tr->course = tr->heading = tr->turn = NAN;
	tr->status = tr->accuracy = tr->shiptype = -1;
	tr->to_bow = tr->to_stern = tr->to_port = tr->to_starboard = -1;
}

static struct track *
insert(track_table *tt, size_t slot, uint32_t mmsi, tcop_ms t)
{
	uint32_t e;

	if (tt->nfree > 0)
		e = tt->free[--tt->nfree];
	else if (tt->hw < tt->cfg.max_tracks)
		e = (uint32_t)tt->hw++;
	else
		return NULL;
	tt->index[slot] = e + 1;
	tt->count++;
	track_reset(&tt->pool[e], mmsi, t);
	return &tt->pool[e];
}

/* Backward-shift deletion of the entry at index slot i. */
static void
remove_at(track_table *tt, size_t i)
{
	uint32_t e = tt->index[i] - 1;
	size_t j = i;

	tt->pool[e].mmsi = 0;
	tt->free[tt->nfree++] = e;
	tt->count--;
	tt->index[i] = 0;
	for (;;) {
		size_t k;
		j = (j + 1) & tt->mask;
		if (tt->index[j] == 0)
			break;
		k = home(tt, tt->pool[tt->index[j] - 1].mmsi);
		/* move j back to i unless its home lies cyclically in (i, j] */
		if ((i <= j) ? (i < k && k <= j) : (i < k || k <= j))
			continue;
		tt->index[i] = tt->index[j];
		tt->index[j] = 0;
		i = j;
	}
}

static uint32_t
mmsi_of(const tcop_event *ev)
{
	if (ev->u.track.mmsi != 0)
		return ev->u.track.mmsi;
	if (strncmp(ev->id, "mmsi:", 5) == 0) {
		char *end;
		unsigned long v = strtoul(ev->id + 5, &end, 10);
		if (*end == '\0' && v > 0 && v <= UINT32_MAX)
			return (uint32_t)v;
	}
	return 0;
}

static void
merge_static(struct track *tr, const struct tcop_ev_track *e)
{
	tcop_str_set(tr->shipname, sizeof tr->shipname, e->shipname);
	tcop_str_set(tr->callsign, sizeof tr->callsign, e->callsign);
	tcop_str_set(tr->destination, sizeof tr->destination, e->destination);
	if (e->imo != 0)
		tr->imo = e->imo;
	if (e->shiptype >= 0)
		tr->shiptype = e->shiptype;
	if (e->to_bow >= 0 && e->to_stern >= 0) {
		tr->to_bow = e->to_bow;
		tr->to_stern = e->to_stern;
	}
	if (e->to_port >= 0 && e->to_starboard >= 0) {
		tr->to_port = e->to_port;
		tr->to_starboard = e->to_starboard;
	}
}

static enum track_class
class_of(int type, enum track_class was)
{
	switch (type) {
	case 1: case 2: case 3: case 5: case 27:
		return TRACK_CLASS_A;
	case 18: case 19: case 24:
		return TRACK_CLASS_B;
	case 9:
		return TRACK_CLASS_OTHER;
	default:
		return was;
	}
}

static uint16_t
u16_of(double v, double scale)
{
	double x = v * scale;

	return isfinite(x) && x >= 0 && x < 65535 ? (uint16_t)lrint(x) : 0xffff;
}

static void
push_fix(track_table *tt, struct track *tr)
{
	size_t e = (size_t)(tr - tt->pool);
	struct track_fix *f = &tt->ring[e * tt->cfg.history + tr->ring_head];

	f->t = tr->t_pos;
	f->lat_e7 = (int32_t)lrint(tr->lat * 1e7);
	f->lon_e7 = (int32_t)lrint(tr->lon * 1e7);
	f->speed_dkn = u16_of(tr->speed, 10);
	f->course_ddeg = u16_of(tr->course, 10);
	tr->ring_head = (tr->ring_head + 1) % tt->cfg.history;
	if (tr->ring_n < tt->cfg.history)
		tr->ring_n++;
}

/* The latest report: kinematics replace the old ones when it has a position. */
static void
apply_latest(track_table *tt, struct track *tr, const tcop_event *ev)
{
	const struct tcop_ev_track *e = &ev->u.track;

	tr->t_last = ev->t;
	tr->via_satellite = e->via_satellite;
	if (e->type >= 0)
		tr->type = e->type;
	tr->cls = (uint8_t)class_of(e->type, (enum track_class)tr->cls);
	tr->state = TRACK_ACTIVE;
	tr->t_lost = TCOP_MS_NONE;
	tcop_str_set(tr->src, sizeof tr->src, ev->src);
	/* Same time, later in order: the newer one (times are in ms, and a
	 * file or a burst of datagrams is read within one). */
	if (!ev->has_pos || (tr->t_pos != TCOP_MS_NONE && ev->t < tr->t_pos))
		return;
	tr->has_pos = true;
	tr->t_pos = ev->t;
	tr->lat = ev->lat;
	tr->lon = ev->lon;
	tr->speed = e->speed;
	tr->course = e->course;
	tr->heading = e->heading;
	tr->turn = e->turn;
	tr->status = e->status;
	tr->accuracy = e->accuracy;
	push_fix(tt, tr);
}

tcop_err
track_apply(track_table *tt, const tcop_event *ev, const struct track **out)
{
	uint32_t mmsi;
	size_t slot;
	struct track *tr;

	if (ev->kind != TCOP_K_TRACK || (mmsi = mmsi_of(ev)) == 0)
		return TCOP_EINVAL;
	slot = slot_of(tt, mmsi);
	if (tt->index[slot] != 0)
		tr = &tt->pool[tt->index[slot] - 1];
	else if ((tr = insert(tt, slot, mmsi, ev->t)) == NULL)
		return TCOP_ENOMEM;
	tr->reports++;
	if (ev->t < tr->t_first)
		tr->t_first = ev->t;
	merge_static(tr, &ev->u.track);
	if (ev->t >= tr->t_last || tr->reports == 1)
		apply_latest(tt, tr, ev);
	if (out != NULL)
		*out = tr;
	return TCOP_OK;
}

static void
timeouts(const track_table *tt, const struct track *tr, tcop_ms *stale,
    tcop_ms *lost)
{
	if (tr->via_satellite || tr->type == 27) {
		*stale = tt->cfg.stale_sat;
		*lost = tt->cfg.lost_sat;
	} else if (tr->cls == TRACK_CLASS_B) {
		*stale = tt->cfg.stale_b;
		*lost = tt->cfg.lost_b;
	} else {
		*stale = tt->cfg.stale_a;
		*lost = tt->cfg.lost_a;
	}
}

enum track_state
track_state_at(const track_table *tt, const struct track *tr, tcop_ms now)
{
	tcop_ms stale, lost, age = track_age(tr, now);

	timeouts(tt, tr, &stale, &lost);
	if (age > lost)
		return TRACK_LOST;
	if (age > stale)
		return TRACK_STALE;
	return TRACK_ACTIVE;
}

size_t
track_tick(track_table *tt, tcop_ms now)
{
	size_t dropped = 0;

	for (size_t e = 0; e < tt->hw; e++) {
		struct track *tr = &tt->pool[e];
		enum track_state st;
		if (tr->mmsi == 0)
			continue;
		st = track_state_at(tt, tr, now);
		if (st == TRACK_LOST && tr->t_lost == TCOP_MS_NONE) {
			tcop_ms stale, lost;
			timeouts(tt, tr, &stale, &lost);
			tr->t_lost = tr->t_last + lost;
		}
		tr->state = (uint8_t)st;
		if (st == TRACK_LOST && now - tr->t_lost > tt->cfg.drop) {
			remove_at(tt, slot_of(tt, tr->mmsi));
			dropped++;
		}
	}
	return dropped;
}

tcop_ms
track_age(const struct track *tr, tcop_ms now)
{
	return now > tr->t_last ? now - tr->t_last : 0;
}

bool
track_predict(const struct track *tr, tcop_ms t, double *lat, double *lon)
{
	const double deg = M_PI / 180;
	double dt_h, dist_nm, la, lo, c;

	if (!tr->has_pos)
		return false;
	*lat = tr->lat;
	*lon = tr->lon;
	if (!isfinite(tr->speed) || !isfinite(tr->course) || t <= tr->t_pos)
		return true;
	dt_h = (double)(t - tr->t_pos) / 3600000.0;
	dist_nm = tr->speed * dt_h;
	c = tr->course * deg;
	la = tr->lat + dist_nm * cos(c) / 60.0;
	if (la > 89.9)
		la = 89.9;
	if (la < -89.9)
		la = -89.9;
	/* rhumb line: east-west distance at the mean latitude */
	lo = tr->lon + dist_nm * sin(c) /
	    (60.0 * cos((tr->lat + la) / 2 * deg));
	lo = fmod(lo + 540.0, 360.0) - 180.0;
	*lat = la;
	*lon = lo;
	return true;
}

double
track_uncertainty_m(const struct track *tr, tcop_ms t)
{
	double dt_s, base;

	if (!tr->has_pos)
		return -1;
	base = tr->accuracy == 1 ? 10.0 : 100.0;
	dt_s = t > tr->t_pos ? (double)(t - tr->t_pos) / 1000.0 : 0.0;
	if (isfinite(tr->speed))
		return base + 0.1 * tr->speed * 1852.0 / 3600.0 * dt_s;
	return base + 0.5 * 15.0 * 1852.0 / 3600.0 * dt_s;
}

size_t
track_count(const track_table *tt)
{
	return tt->count;
}

const struct track *
track_next(const track_table *tt, size_t *cursor)
{
	while (*cursor < tt->hw) {
		const struct track *tr = &tt->pool[(*cursor)++];
		if (tr->mmsi != 0)
			return tr;
	}
	return NULL;
}

size_t
track_history(const track_table *tt, const struct track *tr,
    struct track_fix *out, size_t max)
{
	size_t e = (size_t)(tr - tt->pool), n = 0;
	unsigned h = tt->cfg.history;

	for (uint32_t i = 0; i < tr->ring_n && n < max; i++) {
		uint32_t k = (tr->ring_head + h - 1 - i) % h;
		out[n++] = tt->ring[e * h + k];
	}
	return n;
}

size_t
track_table_bytes(const track_table *tt)
{
	return sizeof *tt + tt->cfg.max_tracks * (sizeof *tt->pool +
	    tt->cfg.history * sizeof *tt->ring + sizeof *tt->free) +
	    (tt->mask + 1) * sizeof *tt->index;
}

const char *
track_state_name(enum track_state s)
{
	switch (s) {
	case TRACK_ACTIVE: return "active";
	case TRACK_STALE: return "stale";
	case TRACK_LOST: return "lost";
	}
	return "?";
}

bool
track_check(const track_table *tt)
{
	size_t used = 0, indexed = 0;

	for (size_t e = 0; e < tt->hw; e++) {
		const struct track *tr = &tt->pool[e];
		size_t i;
		if (tr->mmsi == 0)
			continue;
		used++;
		if (tr->ring_n > tt->cfg.history)
			return false;
		/* reachable from home without crossing an empty slot */
		for (i = home(tt, tr->mmsi); tt->index[i] != e + 1;
		    i = (i + 1) & tt->mask)
			if (tt->index[i] == 0)
				return false;
	}
	for (size_t i = 0; i <= tt->mask; i++)
		indexed += tt->index[i] != 0;
	return used == tt->count && indexed == tt->count &&
	    used + tt->nfree == tt->hw;
}
