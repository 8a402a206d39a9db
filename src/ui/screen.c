/*
 * screen.c: the operator's screen in a canvas (screen.h).
 *
 * A list is rows of text columns with numeric keys, copied from the
 * picture or the store by screen_list_update() when they or the sort or
 * filter changed, never while drawing. Sorting is by the column's key with
 * the natural order (rank, newest first) as the tie-break, so equal keys
 * keep a stable order
 * (newest first). The detail pane lists the fields the picture keeps and
 * then each member of the raw JSON on its own line, unknown members
 * included. The satellites list's PASS column and the passes list come
 * from a cache (nextpass.h) that spends a bounded number of pass searches
 * per update and asks for another update while some are pending; both
 * search over the site: the last track, asset, interference area or zone
 * selected (a polygon's centroid), else the map's centre. Known limit: a
 * list holds at most LIST_MAX rows.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "geo/map.h"
#include "pic/alerts.h"
#include "pic/sat.h"
#include "pic/track.h"
#include "ui/nextpass.h"
#include "ui/screen.h"

struct screen {
	struct list_row *rows; /* cap rows, nrows filled */
	size_t cap, nrows;
	uint32_t *idx;   /* the rows shown, filtered and sorted */
	int n;
	char detail[8192]; /* the detail pane's text, lines by '\n' */
	uint64_t detail_of; /* which selection it was built for */
	bool detail_obj;
	/* the satellites list's next pass (nextpass.h) */
	struct np_cache *np;
	char site_id[TCOP_ID_MAX]; /* the last track, asset, area or zone
	                            * selected (site_is()) */
	char site_label[48];       /* its name, for the passes list's title */
	bool pass_pending;         /* some passes wait for the next update */
};

/* ==== banner ==== */

void
banner_init(struct banner *b)
{
	memset(b, 0, sizeof *b);
	b->max = TCOP_CLS_NONE;
	b->nrel = 0;
}

static bool
rel_has(const char rel[][5], int n, const char *cc)
{
	for (int i = 0; i < n; i++)
		if (strcmp(rel[i], cc) == 0)
			return true;
	return false;
}

void
banner_add(struct banner *b, tcop_cls cls, int nrel, const char rel[][5])
{
	int j = 0;

	if (cls > b->max)
		b->max = cls;
	if (cls < TCOP_CLS_CUI || b->nrel < 0)
		return;
	if (nrel < 0) {
		b->nrel = -1;
		return;
	}
	if (!b->started) {
		b->started = true;
		for (int i = 0; i < nrel && i < TCOP_REL_MAX; i++)
			if (!rel_has(b->rel, j, rel[i]))
				memcpy(b->rel[j++], rel[i], 5);
		b->nrel = j;
		return;
	}
	for (int i = 0; i < b->nrel; i++)
		if (rel_has(rel, nrel, b->rel[i]))
			memcpy(b->rel[j++], b->rel[i], 5);
	b->nrel = j;
}

static int
rel_rank(const char *cc)
{
	if (strcmp(cc, "USA") == 0)
		return 0;
	return strlen(cc) == 3 ? 1 : 2;
}

static int
rel_cmp(const void *a, const void *b)
{
	const char *x = a, *y = b;
	int d = rel_rank(x) - rel_rank(y);

	return d != 0 ? d : strcmp(x, y);
}

enum canvas_role
banner_format(const struct banner *b, char *buf, size_t size)
{
	static const char *const text[] = { "UNCLASSIFIED", "UNCLASSIFIED",
		"CUI", "CONFIDENTIAL", "SECRET", "TOP SECRET" };
	static const enum canvas_role role[] = { ROLE_BANNER_U, ROLE_BANNER_U,
		ROLE_BANNER_CUI, ROLE_BANNER_C, ROLE_BANNER_S, ROLE_BANNER_TS };
	char rel[TCOP_REL_MAX][5];
	size_t at;
	int n = b->nrel;

	at = (size_t)snprintf(buf, size, "%s", text[b->max]);
	if (b->max < TCOP_CLS_CUI || !b->started || n <= 0 || at >= size)
		return role[b->max];
	memcpy(rel, b->rel, sizeof rel);
	qsort(rel, (size_t)n, sizeof rel[0], rel_cmp);
	for (int i = 0; i < n && at < size; i++)
		at += (size_t)snprintf(buf + at, size - at, "%s%s",
		    i == 0 ? "//REL TO " : ", ", rel[i]);
	return role[b->max];
}

/* ==== list ==== */

struct list_def {
	const char *name;
	int ncols;
	const char *cols[LIST_COLS];
	int width[LIST_COLS];    /* 0: the rest */
};

static const struct list_def lists[LIST_COUNT] = {
	[LIST_INCIDENTS] = { "INCIDENTS", 6, { "SEV", "RULE", "STATE", "DOM",
		"LAST", "WHY" }, { 4, 17, 6, 3, 8, 0 } },
	[LIST_TRACKS] = { "TRACKS", 6, { "NAME", "MMSI", "TYPE", "SPEED",
		"COURSE", "AGE" }, { 16, 9, 3, 5, 3, 6 } },
	[LIST_SATS] = { "SATELLITES", 7, { "NAME", "NORAD", "ALT", "REGIME",
		"EL.AGE", "PASS", "STATE" }, { 13, 6, 5, 4, 5, 5, 0 } },
	[LIST_CONJ] = { "CONJUNCTIONS", 6, { "SAT 1", "SAT 2", "TCA IN",
		"RANGE", "PC", "CDM" }, { 11, 11, 7, 6, 7, 0 } },
	[LIST_ALERTS] = { "ALERTS", 5, { "ASSET", "SIGNATURE", "COUNT", "SEV",
		"LAST" }, { 14, 20, 5, 4, 8 } },
	[LIST_EVENTS] = { "EVENTS", 6, { "TIME", "TOPIC", "ID", "NAME", "SRC",
		"CLS" }, { 8, 12, 16, 0, 0, 0 } },
	[LIST_BOOKMARKS] = { "BOOKMARKS", 5, { "TIME", "KIND", "BY", "REGION",
		"TEXT" }, { 8, 4, 8, 8, 0 } },
	[LIST_PASSES] = { "PASSES", 7, { "NAME", "AOS", "TCA", "LOS", "EL",
		"NORAD", "AZ" }, { 12, 8, 8, 8, 4, 5, 0 } },
};

const char *
screen_list_name(int list)
{
	return lists[list].name;
}

int
screen_columns(int list, const char *const **names)
{
	*names = lists[list].cols;
	return lists[list].ncols;
}

struct screen *
screen_create(void)
{
	struct screen *s = calloc(1, sizeof *s);

	if (s == NULL)
		return NULL;
	s->cap = LIST_MAX;
	s->rows = calloc(s->cap, sizeof *s->rows);
	s->idx = calloc(s->cap, sizeof *s->idx);
	s->np = np_create(12);
	if (s->rows == NULL || s->idx == NULL || s->np == NULL) {
		screen_destroy(s);
		return NULL;
	}
	return s;
}

void
screen_destroy(struct screen *s)
{
	if (s == NULL)
		return;
	free(s->rows);
	free(s->idx);
	np_destroy(s->np);
	free(s);
}

bool
screen_list_pending(const struct screen *s)
{
	return s->pass_pending;
}

int
screen_list_len(const struct screen *s)
{
	return s->n;
}

static void
fmt_time(tcop_ms t, char *buf, size_t size)
{
	if (t == TCOP_MS_NONE)
		snprintf(buf, size, "-");
	else
		tcop_time_format_s(t, buf, size);
}

/* "23:00:09" of a time, or "-". */
static void
fmt_hms(tcop_ms t, char *buf, size_t size)
{
	char full[40];

	fmt_time(t, full, sizeof full);
	snprintf(buf, size, "%.8s", strlen(full) >= 19 ? full + 11 : full);
}

static void
fmt_age(tcop_ms age, char *buf, size_t size)
{
	long s = (long)(age / 1000);

	if (s < 120)
		snprintf(buf, size, "%lds", s);
	else if (s < 7200)
		snprintf(buf, size, "%ldm", s / 60);
	else if (s < 172800)
		snprintf(buf, size, "%ldh", s / 3600);
	else
		snprintf(buf, size, "%ldd", s / 86400);
}

/* Copy src into a column, cut to fit. */
static void
col_set(char *dst, const char *src)
{
	size_t n = strnlen(src, sizeof ((struct list_row *)0)->col[0] - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

static struct list_row *
row_new(struct screen *s, uint64_t order, const char *id)
{
	struct list_row *r;

	if (s->nrows == s->cap)
		return NULL;
	r = &s->rows[s->nrows++];
	memset(r, 0, sizeof *r);
	r->order = order;
	r->nrel = -1;
	snprintf(r->id, sizeof r->id, "%s", id);
	for (int i = 0; i < LIST_COLS; i++)
		r->num[i] = NAN;
	return r;
}

static void
row_mark(struct list_row *r, tcop_cls cls, int nrel, const char (*rel)[5])
{
	r->cls = cls;
	r->nrel = nrel;
	for (int i = 0; i < nrel && i < TCOP_REL_MAX; i++)
		memcpy(r->rel[i], rel[i], 5);
}

static void
fill_incidents(struct screen *s, const pic *p)
{
	size_t n = pic_incident_count(p);

	for (size_t i = 0; i < n; i++) {
		const struct pic_incident *x = pic_incident_at(p, i);
		struct list_row *r = row_new(s, i, x->id);

		if (r == NULL)
			return;
		snprintf(r->col[0], sizeof r->col[0], "%.4s",
		    pic_sev_name(x->severity));
		r->num[0] = -x->severity;
		col_set(r->col[1], x->rule);
		col_set(r->col[2], x->state == PIC_ACKED ? "ack" : pic_state_name(x->state));
		snprintf(r->col[3], sizeof r->col[3], "%d", x->ndomains);
		r->num[3] = -x->ndomains;
		fmt_hms(x->last, r->col[4], sizeof r->col[4]);
		r->num[4] = -(double)x->last;
		col_set(r->col[5], x->why);
		row_mark(r, x->cls, x->nrel, x->rel); /* its members' highest */
	}
}

static void
fill_tracks(struct screen *s, const pic *p)
{
	struct pic_entity e;
	size_t cur = 0;
	uint64_t k = 0;

	while (pic_next(p, PIC_TRACK, &cur, &e)) {
		const struct track *tr = e.obj;
		struct list_row *r = row_new(s, k++, e.id);

		if (r == NULL)
			return;
		col_set(r->col[0], e.label[0] ?
		    e.label : "-");
		col_set(r->col[1], e.id + 5);
		r->num[1] = tr ? tr->mmsi : NAN;
		if (tr != NULL && tr->shiptype >= 0) {
			snprintf(r->col[2], sizeof r->col[2], "%d", tr->shiptype);
			r->num[2] = tr->shiptype;
		}
		if (isfinite(e.speed)) {
			snprintf(r->col[3], sizeof r->col[3], "%.1f", e.speed);
			r->num[3] = -e.speed;
		}
		if (isfinite(e.course)) {
			snprintf(r->col[4], sizeof r->col[4], "%03.0f", e.course);
			r->num[4] = e.course;
		}
		fmt_age(e.age, r->col[5], sizeof r->col[5]);
		r->num[5] = (double)e.age;
		row_mark(r, e.cls, e.nrel, e.rel);
	}
}

static const char *
regime(double mean_motion, double ecc)
{
	if (ecc > 0.25)
		return "HEO";
	if (mean_motion > 11.25)
		return "LEO";
	if (mean_motion > 0.9 && mean_motion < 1.1)
		return "GEO";
	return "MEO";
}

/* Ids that can be a site for passes (nextpass.h, np_site). */
static bool
site_is(const char *id)
{
	return strncmp(id, "mmsi:", 5) == 0 || strncmp(id, "asset:", 6) == 0 ||
	    strncmp(id, "area:", 5) == 0 || strncmp(id, "zone:", 5) == 0;
}

/* Where passes are searched over: the site's point, else the map's centre;
 * s->site_label names it. */
static void
site_pos(struct screen *s, const struct view *v, const pic *p, double *lat,
    double *lon)
{
	struct pic_entity e;

	if (s->site_id[0] && pic_find(p, s->site_id, &e) &&
	    np_site(&e, lat, lon)) {
		snprintf(s->site_label, sizeof s->site_label, "%s",
		    e.label[0] ? e.label : e.id);
		return;
	}
	*lat = v->vp.center_lat;
	*lon = v->vp.center_lon;
	snprintf(s->site_label, sizeof s->site_label, "map centre %.2f,%.2f",
	    *lat, *lon);
}

/*
 * The PASS column: the next pass (AOS, HH:MM UTC; "up" while in one; "-"
 * none within 24 h; "..." not searched yet) over the last track or asset
 * selected, else the map's centre.
 */
static void
pass_col(struct screen *s, const struct view *v, const pic *p,
    const struct sat_obj *o, tcop_ms now, int *budget, struct list_row *r)
{
	double lat, lon;
	struct orb_pass ps;
	enum np_result res;

	site_pos(s, v, p, &lat, &lon);
	res = np_next(s->np, o, lat, lon, now, budget, &ps);
	if (res == NP_PENDING) {
		col_set(r->col[5], "...");
		s->pass_pending = true;
	} else if (res == NP_NONE) {
		col_set(r->col[5], "-");
		r->num[5] = INFINITY;
	} else if (ps.aos <= now) {
		col_set(r->col[5], "up");
		r->num[5] = (double)now;
	} else {
		int64_t m = ps.aos / 60000 % 1440;
		snprintf(r->col[5], sizeof r->col[5], "%02d:%02d", (int)(m / 60),
		    (int)(m % 60));
		r->num[5] = (double)ps.aos;
	}
}

static void
fill_sats(struct screen *s, const struct view *v, const pic *p)
{
	struct pic_entity e;
	size_t cur = 0;
	uint64_t k = 0;
	tcop_ms now = pic_time(p);
	int budget = 32; /* pass searches per update (~1 ms each) */

	s->pass_pending = false;

	while (pic_next(p, PIC_SAT, &cur, &e)) {
		const struct sat_obj *o = e.obj;
		struct list_row *r = row_new(s, k++, e.id);
		double alt;

		if (r == NULL)
			return;
		col_set(r->col[0], e.label[0] ?
		    e.label : "-");
		col_set(r->col[1], e.id + 6);
		r->num[1] = strtod(e.id + 6, NULL);
		if (o != NULL && o->err == 0 && (o->ecef[0] != 0 ||
		    o->ecef[1] != 0)) {
			alt = sqrt(o->ecef[0] * o->ecef[0] + o->ecef[1] *
			    o->ecef[1] + o->ecef[2] * o->ecef[2]) - 6371.0;
			snprintf(r->col[2], sizeof r->col[2], "%.0f", alt);
			r->num[2] = alt;
		}
		if (o != NULL) {
			col_set(r->col[3], regime(o->el.mean_motion, o->el.eccentricity));
			if (now != TCOP_MS_NONE) {
				double d = sat_age_days(o, now);
				snprintf(r->col[4], sizeof r->col[4], "%.1fd", d);
				r->num[4] = d;
				pass_col(s, v, p, o, now, &budget, r);
			}
		}
		col_set(r->col[6], e.state);
		row_mark(r, e.cls, e.nrel, e.rel);
	}
}

/*
 * The passes list: each satellite's next pass (above NP_MIN_EL within
 * NP_HORIZON, from the same cache as the PASS column) over the site, in
 * AOS order; a pass under way shows AOS "up"; satellites not searched yet
 * ("...") come last, those with no pass are left out.
 */
static void
fill_passes(struct screen *s, const struct view *v, const pic *p)
{
	struct pic_entity e;
	size_t cur = 0;
	tcop_ms now = pic_time(p);
	int budget = 64; /* pass searches per update (~1 ms each) */
	double lat, lon;

	s->pass_pending = false;
	site_pos(s, v, p, &lat, &lon);
	if (now == TCOP_MS_NONE)
		return;
	while (pic_next(p, PIC_SAT, &cur, &e)) {
		const struct sat_obj *o = e.obj;
		struct orb_pass ps;
		enum np_result res;
		struct list_row *r;

		if (o == NULL || (res = np_next(s->np, o, lat, lon, now,
		    &budget, &ps)) == NP_NONE)
			continue;
		if ((r = row_new(s, res == NP_FOUND ? (uint64_t)ps.aos :
		    UINT64_MAX, e.id)) == NULL)
			return;
		col_set(r->col[0], e.label[0] ? e.label : "-");
		col_set(r->col[5], e.id + 6);
		r->num[5] = strtod(e.id + 6, NULL);
		if (res == NP_PENDING) {
			s->pass_pending = true;
			col_set(r->col[1], "...");
			r->num[1] = INFINITY;
			continue;
		}
		if (ps.aos <= now)
			col_set(r->col[1], "up");
		else
			fmt_hms(ps.aos, r->col[1], sizeof r->col[1]);
		r->num[1] = (double)ps.aos;
		fmt_hms(ps.tca, r->col[2], sizeof r->col[2]);
		r->num[2] = (double)ps.tca;
		fmt_hms(ps.los, r->col[3], sizeof r->col[3]);
		r->num[3] = (double)ps.los;
		snprintf(r->col[4], sizeof r->col[4], "%.1f", ps.max_el);
		r->num[4] = -ps.max_el;
		snprintf(r->col[6], sizeof r->col[6], "%03.0f>%03.0f",
		    ps.aos_az, ps.los_az);
		r->num[6] = ps.aos_az;
		row_mark(r, e.cls, e.nrel, e.rel);
	}
}

static void
fill_alerts(struct screen *s, const pic *p)
{
	struct pic_entity e;
	size_t cur = 0;
	uint64_t k = 0;

	while (pic_next(p, PIC_ALERT, &cur, &e)) {
		const struct alert_row *a = e.obj;
		struct list_row *r = row_new(s, 0, e.id);

		if (r == NULL)
			return;
		r->order = a ? (uint64_t)(INT64_MAX - a->last) : k;
		k++;
		col_set(r->col[0], a ? a->key : e.id);
		col_set(r->col[1], e.label);
		if (a != NULL) {
			snprintf(r->col[2], sizeof r->col[2], "%llu",
			    (unsigned long long)a->count);
			r->num[2] = -(double)a->count;
			snprintf(r->col[3], sizeof r->col[3], "%d", a->severity);
			r->num[3] = a->severity < 0 ? 9 : a->severity;
			fmt_hms(a->last, r->col[4], sizeof r->col[4]);
			r->num[4] = -(double)a->last;
		}
		row_mark(r, e.cls, e.nrel, e.rel);
	}
}

/* Marks and bookmarks in time order (the book's order). */
static void
fill_bookmarks(struct screen *s, const struct brief_book *b)
{
	for (int i = 0; b != NULL && i < b->n; i++) {
		const struct brief_mark *m = &b->m[i];
		struct list_row *r = row_new(s, (uint64_t)i, m->id);
		tcop_ms t = brief_mark_time(m);

		if (r == NULL)
			return;
		fmt_hms(t, r->col[0], sizeof r->col[0]);
		r->num[0] = (double)t;
		col_set(r->col[1], m->bookmark ? "book" : "mark");
		col_set(r->col[2], m->v.by);
		col_set(r->col[3], m->bookmark && m->v.region[0] ?
		    m->v.region : "-");
		col_set(r->col[4], m->text);
	}
}

/* "+2h13m", "-5m": time to go from now to t. */
static void
fmt_countdown(tcop_ms t, tcop_ms now, char *buf, size_t size)
{
	long m;

	if (t == TCOP_MS_NONE || now == TCOP_MS_NONE) {
		snprintf(buf, size, "-");
		return;
	}
	m = (long)((t - now) / 60000);
	if (labs(m) >= 2880)
		snprintf(buf, size, "%+ldd", m / 1440);
	else if (labs(m) >= 60)
		snprintf(buf, size, "%+ldh%02ldm", m / 60, labs(m) % 60);
	else
		snprintf(buf, size, "%+ldm", m);
}

/* The newest message of each conjunction (CDM id = event id). */
static void
fill_conj(struct screen *s, const struct evstore *st, tcop_ms now)
{
	for (size_t i = 0; i < st->count; i++) {
		const struct ev_row *e = evstore_row(st, i);
		struct list_row *r;
		bool seen = false;

		if (e->kind != TCOP_K_CONJUNCTION)
			continue;
		for (size_t k = 0; k < s->nrows && !seen; k++)
			seen = strcmp(s->rows[k].id, e->id) == 0;
		if (seen || (r = row_new(s, i, e->id)) == NULL)
			continue;
		r->ev_n = e->n;
		col_set(r->col[0], e->cdm.name[0][0] ? e->cdm.name[0] :
		    e->cdm.sat[0]);
		col_set(r->col[1], e->cdm.name[1][0] ? e->cdm.name[1] :
		    e->cdm.sat[1]);
		fmt_countdown(e->cdm.tca, now, r->col[2], sizeof r->col[2]);
		r->num[2] = (double)e->cdm.tca;
		if (isfinite(e->cdm.min_rng)) {
			snprintf(r->col[3], sizeof r->col[3], "%.0fm",
			    e->cdm.min_rng);
			r->num[3] = e->cdm.min_rng;
		}
		if (isfinite(e->cdm.pc)) {
			snprintf(r->col[4], sizeof r->col[4], "%.1e", e->cdm.pc);
			r->num[4] = -e->cdm.pc;
		}
		col_set(r->col[5], e->id);
		row_mark(r, e->cls, e->nrel, e->rel);
	}
}

static void
fill_events(struct screen *s, const struct evstore *st)
{
	for (size_t i = 0; i < st->count; i++) {
		const struct ev_row *e = evstore_row(st, i);
		const char *k = strchr(e->topic, '/');
		struct list_row *r = row_new(s, i, e->id);

		if (r == NULL)
			return;
		r->ev_n = e->n;
		fmt_hms(e->t, r->col[0], sizeof r->col[0]);
		r->num[0] = -(double)e->t;
		col_set(r->col[1], k ? k + 1 : e->topic);
		col_set(r->col[2], e->id);
		col_set(r->col[3], e->name);
		col_set(r->col[4], e->src);
		col_set(r->col[5], e->cls ?
		    tcop_cls_name(e->cls) : "-");
		r->num[5] = -(double)e->cls;
		row_mark(r, e->cls, e->nrel, e->rel);
	}
}

static bool
row_match(const struct list_row *r, const char *f)
{
	if (f[0] == '\0' || strcasestr(r->id, f) != NULL)
		return true;
	for (int i = 0; i < LIST_COLS; i++)
		if (strcasestr(r->col[i], f) != NULL)
			return true;
	return false;
}

struct sort_ctx {
	const struct list_row *rows;
	int col; /* 0 natural, else column col-1 */
	bool rev;
};

static int
cmp_row(const void *pa, const void *pb, void *arg)
{
	const struct sort_ctx *c = arg;
	const struct list_row *a = &c->rows[*(const uint32_t *)pa];
	const struct list_row *b = &c->rows[*(const uint32_t *)pb];
	int d = 0, k = c->col - 1;

	if (k >= 0) {
		if (isnan(a->num[k]) != isnan(b->num[k]) ||
		    (isnan(a->num[k]) && isnan(b->num[k])))
			d = isnan(a->num[k]) && isnan(b->num[k]) ?
			    strcasecmp(a->col[k], b->col[k]) :
			    isnan(a->num[k]) - isnan(b->num[k]);
		else
			d = (a->num[k] > b->num[k]) - (a->num[k] < b->num[k]);
	}
	if (c->rev)
		d = -d;
	if (d == 0)
		d = (a->order > b->order) - (a->order < b->order);
	return d;
}

/*
 * Heapsort of the row indexes: in place, no allocation (qsort may
 * allocate). The comparator is a total order (ties broken by the natural
 * order, which is unique), so the result is the stable one.
 */
static void
sift(uint32_t *a, size_t root, size_t n, const struct sort_ctx *c)
{
	for (;;) {
		size_t child = 2 * root + 1;
		uint32_t t;

		if (child >= n)
			return;
		if (child + 1 < n && cmp_row(&a[child], &a[child + 1],
		    (void *)c) < 0)
			child++;
		if (cmp_row(&a[root], &a[child], (void *)c) >= 0)
			return;
		t = a[root];
		a[root] = a[child];
		a[child] = t;
		root = child;
	}
}

static void
sort_idx(uint32_t *a, size_t n, const struct sort_ctx *c)
{
	for (size_t i = n / 2; i-- > 0;)
		sift(a, i, n, c);
	for (size_t end = n; end-- > 1;) {
		uint32_t t = a[0];
		a[0] = a[end];
		a[end] = t;
		sift(a, 0, end, c);
	}
}

static void
sel_sync(struct screen *s, struct view *v)
{
	const struct list_row *r;

	if (s->n == 0) {
		v->sel = 0;
		return;
	}
	if (v->sel >= s->n)
		v->sel = s->n - 1;
	if (v->sel < 0)
		v->sel = 0;
	r = &s->rows[s->idx[v->sel]];
	snprintf(v->sel_id, sizeof v->sel_id, "%s", r->id);
	v->sel_n = r->ev_n;
	if (site_is(r->id))
		snprintf(s->site_id, sizeof s->site_id, "%s", r->id);
}

void
screen_list_update(struct screen *s, struct view *v, const struct evstore *st,
    const pic *p)
{
	struct sort_ctx c;
	bool had = s->n > 0;
	char keep[TCOP_ID_MAX];
	uint64_t keep_n = v->sel_n;

	snprintf(keep, sizeof keep, "%s", v->sel_id);
	s->nrows = 0;
	if (v->list == LIST_EVENTS)
		fill_events(s, st);
	else if (p != NULL && v->list == LIST_INCIDENTS)
		fill_incidents(s, p);
	else if (p != NULL && v->list == LIST_TRACKS)
		fill_tracks(s, p);
	else if (p != NULL && v->list == LIST_SATS)
		fill_sats(s, v, p);
	else if (p != NULL && v->list == LIST_PASSES)
		fill_passes(s, v, p);
	else if (p != NULL && v->list == LIST_ALERTS)
		fill_alerts(s, p);
	else if (v->list == LIST_CONJ)
		fill_conj(s, st, p != NULL ? pic_time(p) : st->latest_t);
	else if (v->list == LIST_BOOKMARKS)
		fill_bookmarks(s, v->book);
	s->n = 0;
	for (size_t i = 0; i < s->nrows; i++)
		if (row_match(&s->rows[i], v->filter))
			s->idx[s->n++] = (uint32_t)i;
	c = (struct sort_ctx){ s->rows, v->sort_col, v->sort_rev };
	sort_idx(s->idx, (size_t)s->n, &c);
	/* Keep the selection on the same item when the list moves. */
	if (had && v->pane == PANE_LIST) {
		for (int i = 0; i < s->n; i++) {
			const struct list_row *r = &s->rows[s->idx[i]];
			if (strcmp(r->id, keep) == 0 && r->ev_n == keep_n) {
				v->sel = i;
				break;
			}
		}
	}
	sel_sync(s, v);
}

void
screen_select(struct screen *s, struct view *v, int d)
{
	v->sel += d;
	sel_sync(s, v);
}

bool
screen_select_id(struct screen *s, struct view *v, const char *id)
{
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->rows[s->idx[i]].id, id) == 0) {
			v->sel = i;
			sel_sync(s, v);
			return true;
		}
	snprintf(v->sel_id, sizeof v->sel_id, "%s", id);
	v->sel_n = 0;
	if (site_is(id))
		snprintf(s->site_id, sizeof s->site_id, "%s", id);
	return false;
}

/* ==== drawing ==== */

void
screen_map_size(int w, int h, int *mw, int *mh)
{
	int pw = w >= 100 ? 46 : w * 2 / 5;

	*mw = w - pw - 1;
	if (*mw < 1)
		*mw = 1;
	*mh = h - 4;
	if (*mh < 1)
		*mh = 1;
}

static void
fill(struct canvas *c, uint8_t *prio, int x0, int y0, int w, int h,
    enum canvas_role role, uint8_t p)
{
	for (int y = y0; y < y0 + h; y++)
		for (int x = x0; x < x0 + w; x++) {
			canvas_put(c, x, y, ' ', role);
			if (x >= 0 && y >= 0 && x < c->w && y < c->h)
				prio[y * c->w + x] = p;
		}
}

/* Text clipped to width w. */
static void
text_w(struct canvas *c, int x, int y, int w, const char *s,
    enum canvas_role role)
{
	char buf[512];
	int n = w < (int)sizeof buf - 1 ? w : (int)sizeof buf - 1;

	if (n <= 0)
		return;
	snprintf(buf, (size_t)n + 1, "%s", s);
	canvas_text(c, x, y, buf, role);
}

/* A row's columns at the list's widths into buf. */
static void
row_line(int list, const struct list_row *r, char *buf, size_t size)
{
	const struct list_def *d = &lists[list];
	size_t at = 0;

	buf[0] = '\0';
	for (int i = 0; i < d->ncols && at + 1 < size; i++) {
		int w = d->width[i];
		int n = w > 0 ? snprintf(buf + at, size - at, "%-*.*s ", w, w,
		    r->col[i]) : snprintf(buf + at, size - at, "%s ", r->col[i]);
		if (n < 0)
			break;
		at += (size_t)n < size - at ? (size_t)n : size - at - 1;
		if (w == 0)
			break;
	}
}

static int
draw_list(struct screen *s, struct canvas *page, uint8_t *prio, int x0,
    int y0, int w, int h, struct view *v)
{
	const char *const *cols;
	char head[256], line[512];
	int rows;

	screen_columns(v->list, &cols);
	snprintf(head, sizeof head, " %s%s%s %d%s  sort:%s%s  %s%s%s",
	    lists[v->list].name, v->list == LIST_PASSES ? " over " : "",
	    v->list == LIST_PASSES ? s->site_label : "", s->n,
	    v->pane == PANE_LIST ? "*" : "",
	    v->sort_col == 0 ? "-" : cols[v->sort_col - 1],
	    v->sort_rev ? "~" : "", v->searching || v->filter[0] ? "/" : "",
	    v->filter, v->searching ? "_" : "");
	fill(page, prio, x0, y0, w, 1, ROLE_HEADING, 0);
	text_w(page, x0, y0, w, head, ROLE_HEADING);
	rows = h - 1;
	if (rows < 1)
		return 0;
	if (v->sel < v->top)
		v->top = v->sel;
	if (v->sel >= v->top + rows)
		v->top = v->sel - rows + 1;
	if (v->top > s->n - rows)
		v->top = s->n - rows > 0 ? s->n - rows : 0;
	for (int i = 0; i < rows; i++) {
		int k = v->top + i;
		bool sel = k == v->sel && s->n > 0;

		fill(page, prio, x0, y0 + 1 + i, w, 1, sel ? ROLE_SELECT :
		    ROLE_NONE, sel ? 0 : 2);
		if (k >= s->n)
			continue;
		row_line(v->list, &s->rows[s->idx[k]], line, sizeof line);
		text_w(page, x0, y0 + 1 + i, w, line,
		    sel ? ROLE_SELECT : ROLE_NONE);
	}
	return rows;
}

static size_t
addf(char *buf, size_t at, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static size_t
addf(char *buf, size_t at, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (at >= size)
		return at;
	va_start(ap, fmt);
	n = vsnprintf(buf + at, size - at, fmt, ap);
	va_end(ap);
	return n < 0 ? at : (at + (size_t)n < size ? at + (size_t)n : size - 1);
}

/*
 * The raw JSON one member a line, "key: value" (nested values as their
 * text): a scan, not a parse, of JSON the decoder already accepted.
 */
static size_t
json_members(const char *j, size_t len, char *buf, size_t at, size_t size)
{
	int depth = 0;
	bool str = false, esc = false, key = false;

	at = addf(buf, at, size, "%s", "-- raw JSON --\n");
	for (size_t i = 0; i < len && at < size - 3; i++) {
		char ch = j[i];

		if (str) {
			if (esc)
				esc = false;
			else if (ch == '\\')
				esc = true;
			else if (ch == '"') {
				str = false;
				if (key) {
					key = false;
					continue;
				}
			}
			buf[at++] = ch;
			continue;
		}
		if (ch == '"') {
			str = true;
			if (depth == 1 && (i == 0 || j[i - 1] == '{' ||
			    j[i - 1] == ',')) {
				key = true;
				continue;
			}
		}
		if ((ch == '{' || ch == '[') && depth++ == 0)
			continue;
		if ((ch == '}' || ch == ']') && --depth == 0)
			continue;
		if (ch == ',' && depth == 1) {
			buf[at++] = '\n';
			continue;
		}
		buf[at++] = ch;
		if (ch == ':' && depth == 1)
			buf[at++] = ' ';
	}
	buf[at] = '\0';
	return at;
}

static size_t
detail_incident(const struct pic_incident *x, char *d, size_t at, size_t sz)
{
	char f[40], l[40];

	fmt_time(x->first, f, sizeof f);
	fmt_time(x->last, l, sizeof l);
	at = addf(d, at, sz, "incident %s\nrule %s\nseverity %s\nstate %s%s%s\n"
	    "domains %s%s%s\nfirst %s\nlast %s\nwhy: %s\nmembers (%u):\n",
	    x->id, x->rule, pic_sev_name(x->severity), pic_state_name(x->state),
	    x->ack_by[0] ? " by " : "", x->ack_by,
	    x->domains & PIC_DOM_MARITIME ? "maritime " : "",
	    x->domains & PIC_DOM_SPACE ? "space " : "",
	    x->domains & PIC_DOM_CYBER ? "cyber" : "", f, l, x->why,
	    x->members_total);
	for (int i = 0; i < x->nmembers; i++)
		at = addf(d, at, sz, "  %s\n", x->members[i]);
	return at;
}

/*
 * The notes and marks whose ref is id (picture/note, picture/mark), in
 * the order they were first seen: "HH:MM:SS by: text", so every viewer's
 * detail of an incident or entity shows what operators said about it.
 */
static size_t
detail_notes(const pic *p, const char *id, char *d, size_t at, size_t sz)
{
	struct pic_entity m;
	size_t cur = 0;
	int n = 0;

	while (pic_next(p, PIC_MARK, &cur, &m)) {
		char t[40], by[40] = "?";
		const char *b;

		if (strcmp(m.ref, id) != 0 || strcmp(m.state, "ack") == 0)
			continue;
		if (m.json_len > 0 && (b = strstr(m.json, "\"by\":\"")) != NULL)
			snprintf(by, sizeof by, "%.*s", (int)strcspn(b + 6, "\""),
			    b + 6);
		fmt_hms(m.t, t, sizeof t);
		if (n++ == 0)
			at = addf(d, at, sz, "notes and marks:\n");
		at = addf(d, at, sz, "  %s %s %s: %s\n", t, m.state, by,
		    m.label);
	}
	return at;
}

static size_t
detail_entity(const pic *p, const struct pic_entity *e, char *d, size_t at,
    size_t sz)
{
	char t[40], age[16];

	fmt_time(e->t, t, sizeof t);
	fmt_age(e->age, age, sizeof age);
	at = addf(d, at, sz, "%s %s\nname %s\nstate %s\nlast %s (%s ago)\n",
	    pic_kind_name(e->kind), e->id, e->label, e->state, t, age);
	if (e->has_pos)
		at = addf(d, at, sz, "pos %.5f, %.5f\n", e->lat, e->lon);
	if (isfinite(e->speed) || isfinite(e->course))
		at = addf(d, at, sz, "speed %.1f kn course %.1f\n", e->speed,
		    e->course);
	if (e->ref[0])
		at = addf(d, at, sz, "ref %s\n", e->ref);
	if (e->kind == PIC_TRACK && e->obj != NULL) {
		const struct track *tr = e->obj;
		struct track_fix fx[4];
		size_t n = track_history(pic_tracks(p), tr, fx, 4);

		at = addf(d, at, sz, "callsign %s imo %u type %d dest %s\n",
		    tr->callsign, tr->imo, tr->shiptype, tr->destination);
		for (size_t i = 0; i < n; i++) {
			fmt_time(fx[i].t, t, sizeof t);
			at = addf(d, at, sz, "  %s %.4f %.4f\n", t + 11,
			    fx[i].lat_e7 / 1e7, fx[i].lon_e7 / 1e7);
		}
	}
	if (e->kind != PIC_MARK)
		at = detail_notes(p, e->id, d, at, sz);
	if (e->json_len > 0)
		at = json_members(e->json, e->json_len, d, at, sz);
	return at;
}

static void
detail_build(struct screen *s, const struct view *v, const struct evstore *st,
    const pic *p)
{
	const struct ev_row *r = v->sel_n ? evstore_find_row(st, v->sel_n) :
	    NULL;
	size_t at = 0, sz = sizeof s->detail;
	struct pic_entity e;

	s->detail[0] = '\0';
	if (v->sel_id[0] == '\0')
		return;
	if (p != NULL && v->list == LIST_INCIDENTS) {
		const struct pic_incident *x = pic_incident_find(p, v->sel_id);
		if (x != NULL)
			detail_notes(p, x->id, s->detail, detail_incident(x,
			    s->detail, at, sz), sz);
		return;
	}
	if (p != NULL && v->list != LIST_EVENTS && pic_find(p, v->sel_id, &e)) {
		detail_entity(p, &e, s->detail, at, sz);
		return;
	}
	if (r == NULL)
		return;
	at = addf(s->detail, at, sz, "%s %s\ncls %s", r->topic, r->id,
	    r->cls ? tcop_cls_name(r->cls) : "(unmarked)");
	if (r->nrel >= 0) {
		at = addf(s->detail, at, sz, " rel");
		for (int i = 0; i < r->nrel; i++)
			at = addf(s->detail, at, sz, " %s", r->rel[i]);
	}
	at = addf(s->detail, at, sz, "%s", "\n");
	at = json_members(r->json, r->json_len, s->detail, at, sz);
	if (r->json_cut)
		addf(s->detail, at, sz, "\n(cut at %d bytes)", EVSTORE_JSON_MAX);
}

/* The detail text, long lines wrapped at the pane's width. */
static void
draw_detail(struct screen *s, struct canvas *page, uint8_t *prio, int x0,
    int y0, int w, int h, const struct view *v, const struct evstore *st,
    const pic *p)
{
	const char *q;
	int y = y0 + 1;

	detail_build(s, v, st, p);
	fill(page, prio, x0, y0, w, h, ROLE_NONE, 2);
	text_w(page, x0, y0, w, " DETAIL", ROLE_HEADING);
	for (q = s->detail; *q != '\0' && y < y0 + h;) {
		size_t n = strcspn(q, "\n");
		int k = (int)n < w - 1 ? (int)n : w - 1;
		char line[512];

		if (k > (int)sizeof line - 1)
			k = (int)sizeof line - 1;
		if (k < 1)
			k = n > 0 ? 1 : 0;
		memcpy(line, q, (size_t)k);
		line[k] = '\0';
		canvas_text(page, x0 + 1, y++, line, ROLE_NONE);
		q += k;
		if ((size_t)k == n && *q == '\n')
			q++;
	}
}

/*
 * The help overlay: every action with its keys, one line each, in two
 * columns when the screen is wide enough for a whole line in each (100
 * columns), else one. What does not fit goes on further pages: the
 * heading says which page this is; Space turns the page (the caller's
 * key handling) and the page number wraps here, so any count of actions
 * fits any screen down to 80x24.
 */
static void
draw_help(struct canvas *page, uint8_t *prio, const struct keymap *km,
    const struct regions *rs, int *pageno, int y0, int h)
{
	int ncol = page->w >= 100 ? 2 : 1, colw = page->w / ncol;
	int rows = h - 2 > 1 ? h - 2 : 1, per = rows * ncol;
	int nlines = 0, npages, first;
	char keys[64], line[256], head[160];

	for (int a = 1; a < VA_COUNT; a++)
		if (!(a > VA_REGION_1 && a <= VA_REGION_9))
			nlines++;
	npages = (nlines + per - 1) / per;
	if (npages < 1)
		npages = 1;
	*pageno = ((*pageno % npages) + npages) % npages;
	first = *pageno * per;
	fill(page, prio, 0, y0, page->w, h, ROLE_NONE, 0);
	if (npages > 1)
		snprintf(head, sizeof head, "KEYS %d/%d (Space: next page; any "
		    "other key closes; rebind in the config file)",
		    *pageno + 1, npages);
	else
		snprintf(head, sizeof head, "KEYS (rebind in the config file; "
		    "any key closes this)");
	text_w(page, 1, y0, page->w - 2, head, ROLE_HEADING);
	for (int a = 1, n = 0; a < VA_COUNT; a++) {
		int k;

		if (a > VA_REGION_1 && a <= VA_REGION_9)
			continue;
		if ((k = n++ - first) < 0)
			continue;
		if (k >= per)
			break;
		keymap_keys_of(km, (enum view_action)a, keys, sizeof keys);
		if (a == VA_REGION_1) {
			int at;
			at = snprintf(line, sizeof line, "%-10s regions:", "1..9");
			for (int i = 0; i < 9 && rs != NULL && i < rs->n &&
			    at < (int)sizeof line; i++)
				at += snprintf(line + at, sizeof line - (size_t)at,
				    " %s", rs->r[i].name);
		} else
			snprintf(line, sizeof line, "%-10s %s", keys[0] ? keys :
			    "-", view_action_help((enum view_action)a));
		text_w(page, 1 + (k / rows) * colw, y0 + 1 + k % rows,
		    colw - 2, line, ROLE_NONE);
	}
}

static void
fmt_rate(double v, char *buf, size_t size)
{
	if (v >= 1e6)
		snprintf(buf, size, "%.1fM", v / 1e6);
	else if (v >= 1e3)
		snprintf(buf, size, "%.1fk", v / 1e3);
	else
		snprintf(buf, size, "%.0f", v);
}

static void
draw_status(struct canvas *page, uint8_t *prio, int y, const struct view *v,
    const struct evstore *st)
{
	char line[512], t[40], r[16], cap[32] = "", cur[48];
	double lat = v->cursor_set ? v->cur_lat : v->vp.center_lat;
	double lon = v->cursor_set ? v->cur_lon : v->vp.center_lon;
	size_t at;

	fmt_time(st->latest_t, t, sizeof t);
	fmt_rate((double)v->rate, r, sizeof r);
	if (v->max_rate > 0) {
		char c[16];
		fmt_rate((double)v->max_rate, c, sizeof c);
		snprintf(cap, sizeof cap, "/%s", c);
	}
	snprintf(cur, sizeof cur, "%.2f%c %.2f%c", fabs(lat), lat < 0 ? 'S' : 'N',
	    fabs(lon), lon < 0 ? 'W' : 'E');
	snprintf(line, sizeof line, "%s%s%s %s | span %.2f%s | %s | %s | %.0f fps "
	    "%sB/s%s%s%s", v->brief[0] ? " " : "", v->brief,
	    v->brief[0] ? " |" : "", cur, v->vp.span, v->follow ? " follow" : "",
	    v->region[0] ? v->region : "-", t, v->fps, r, cap,
	    v->msg[0] ? " | " : "", v->msg);
	fill(page, prio, 0, y, page->w, 1, ROLE_STATUS, 0);
	text_w(page, 0, y, page->w, line, ROLE_STATUS);
	at = 0;
	line[0] = '\0';
	if (v->deckbar[0] != '\0')
		at = (size_t)snprintf(line, sizeof line, "%s |", v->deckbar);
	if (v->max_cls != TCOP_CLS_NONE && at < sizeof line)
		at += (size_t)snprintf(line + at, sizeof line - at,
		    " withheld %llu above %s |", (unsigned long long)v->withheld,
		    tcop_cls_name(v->max_cls));
	if (v->annotate >= 0 && at < sizeof line)
		at += (size_t)snprintf(line + at, sizeof line - at,
		    " annotate %s |", v->annotate ? "up" : "DOWN");
	for (int i = 0; i < v->nfeeds && at < sizeof line; i++) {
		const struct screen_feed *f = &v->feeds[i];
		char rr[16];

		fmt_rate(f->rate, rr, sizeof rr);
		at += (size_t)snprintf(line + at, sizeof line - at,
		    "%s%s %s %s/s lost %llu rej %llu", i ? " | " : " ",
		    v->nfeeds > 1 || page->w >= 100 ? f->url : "feed",
		    f->connected ? "up" : "DOWN", rr,
		    (unsigned long long)f->lost,
		    (unsigned long long)f->rejected);
		if (at >= sizeof line)
			break;
	}
	if (v->nfeeds == 0 && v->deckbar[0] == '\0' && at < sizeof line)
		snprintf(line + at, sizeof line - at, " no feeds (--feed URL)");
	fill(page, prio, 0, y + 1, page->w, 1, ROLE_STATUS, 0);
	text_w(page, 0, y + 1, page->w, line, ROLE_STATUS);
}

static void
banner_row(struct canvas *page, uint8_t *prio, int y, const char *text,
    enum canvas_role role)
{
	int n = (int)strlen(text), x = (page->w - n) / 2;

	fill(page, prio, 0, y, page->w, 1, role, 0);
	text_w(page, x < 0 ? 0 : x, y, page->w, text, role);
}

/* What is displayed: the list's visible rows and the items drawn. */
static void
banner_of_view(const struct screen *s, const struct view *v,
    const struct layer_item *items, size_t nitems, struct banner *b)
{
	banner_init(b);
	for (size_t i = 0; i < nitems; i++) {
		const struct layer_item *e = &items[i];
		double x, y;

		if (!layers_wanted(e->kind, &v->lo))
			continue;
		proj_ll_to_cell(&v->vp, e->lat, e->lon, &x, &y);
		if ((x >= 0 && y >= 0 && x < v->vp.w && y < v->vp.h) ||
		    e->kind == LK_AREA)
			banner_add(b, e->cls, e->nrel, e->rel);
	}
	for (int k = v->top; k < s->n && k < v->top + v->vp.h; k++) {
		const struct list_row *r = &s->rows[s->idx[k]];
		banner_add(b, r->cls, r->nrel, r->rel);
	}
}

void
screen_draw(struct screen *s, struct canvas *page, uint8_t *prio,
    const struct canvas *map, const uint8_t *map_cells, struct view *v,
    const struct evstore *st, const pic *p, const struct layer_item *items,
    size_t nitems, const struct keymap *km, const struct regions *rs)
{
	int mw, mh, px, pw, lh;
	char btext[256];
	enum canvas_role brole;
	struct banner b;

	screen_map_size(page->w, page->h, &mw, &mh);
	px = mw + 1;
	pw = page->w - px;
	for (int y = 0; y < mh && y < map->h; y++)
		for (int x = 0; x < mw && x < map->w; x++) {
			const struct canvas_cell *c = &map->cells[y * map->w + x];
			uint8_t lc = map_cells ? map_cells[y * map->w + x] : 0;

			canvas_put(page, x, 1 + y, c->ch, (enum canvas_role)c->role);
			prio[(1 + y) * page->w + x] = lc == LC_SELECTED ? 0 :
			    lc >= LC_LABEL ? 1 : 3;
		}
	for (int y = 1; y <= mh; y++) {
		canvas_put(page, mw, y, v->pane == PANE_LIST ? '|' : ':',
		    ROLE_GRATICULE);
		prio[y * page->w + mw] = 2;
	}
	lh = v->detail ? mh / 3 : mh;
	if (pw > 0) {
		draw_list(s, page, prio, px, 1, pw, lh, v);
		if (v->detail)
			draw_detail(s, page, prio, px, 1 + lh, pw, mh - lh, v, st,
			    p);
	}
	if (v->help)
		draw_help(page, prio, km, rs, &v->help_page, 1, mh);
	draw_status(page, prio, page->h - 3, v, st);
	banner_of_view(s, v, items, nitems, &b);
	v->shown = b;
	brole = banner_format(&b, btext, sizeof btext);
	banner_row(page, prio, 0, btext, brole);
	banner_row(page, prio, page->h - 1, btext, brole);
}
