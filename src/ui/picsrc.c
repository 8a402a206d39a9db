/*
 * picsrc.c: the picture as map items (picsrc.h). One pass per entity kind
 * through pic_next(); an item is kept if its cell is in the viewport, or
 * it is an area, or it is the selection. Known limits: when more than cap
 * items are on screen the rest are not drawn (the count is in ps->n ==
 * cap); conjunctions are not drawn as such (their objects are satellites).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orbit/elements.h"
#include "pic/sat.h"
#include "pic/track.h"
#include "ui/picsrc.h"

#define EARTH_KM 6378.137

struct picsrc *
picsrc_create(size_t cap)
{
	struct picsrc *ps = calloc(1, sizeof *ps);

	if (ps == NULL)
		return NULL;
	ps->cap = cap;
	ps->sev_cap = 4096;
	ps->items = calloc(cap, sizeof *ps->items);
	ps->trails = calloc(cap * PICSRC_TRAIL, sizeof *ps->trails);
	ps->sev = calloc(ps->sev_cap, sizeof *ps->sev);
	if (ps->items == NULL || ps->trails == NULL || ps->sev == NULL) {
		picsrc_destroy(ps);
		return NULL;
	}
	return ps;
}

void
picsrc_destroy(struct picsrc *ps)
{
	if (ps == NULL)
		return;
	free(ps->items);
	free(ps->trails);
	free(ps->sev);
	free(ps);
}

static bool
on_screen(const struct viewport *vp, double lat, double lon)
{
	double x, y;

	proj_ll_to_cell(vp, lat, lon, &x, &y);
	return x >= 0 && y >= 0 && x < vp->w && y < vp->h;
}

static bool
is_member(const struct pic_incident *inc, const char *id)
{
	if (inc == NULL)
		return false;
	for (int i = 0; i < inc->nmembers; i++)
		if (strcmp(inc->members[i], id) == 0)
			return true;
	return false;
}

/* Worst (lowest number) severity of the open alerts per alert key. */
static void
collect_sev(struct picsrc *ps, const pic *p)
{
	struct pic_entity e;
	size_t cur = 0;

	ps->nsev = 0;
	while (pic_next(p, PIC_ALERT, &cur, &e)) {
		const struct alert_row *r = e.obj;
		size_t i;

		if (r == NULL || r->severity < 1)
			continue;
		for (i = 0; i < ps->nsev; i++)
			if (strcmp(ps->sev[i].id, e.id) == 0)
				break;
		if (i == ps->nsev) {
			if (ps->nsev == ps->sev_cap)
				continue;
			snprintf(ps->sev[i].id, sizeof ps->sev[i].id, "%s", e.id);
			ps->sev[i].sev = r->severity;
			ps->nsev++;
		} else if (r->severity < ps->sev[i].sev)
			ps->sev[i].sev = r->severity;
	}
}

static int
sev_of(const struct picsrc *ps, const char *id)
{
	for (size_t i = 0; i < ps->nsev; i++)
		if (strcmp(ps->sev[i].id, id) == 0)
			return ps->sev[i].sev;
	return -1;
}

static enum layer_kind
kind_of(const struct pic_entity *e)
{
	switch (e->kind) {
	case PIC_TRACK: return LK_SHIP;
	case PIC_DETECTION:
		return strcmp(e->state, "dark") == 0 ? LK_DARK : LK_DETECTION;
	case PIC_SAT: return LK_SAT;
	case PIC_ASSET: return LK_ASSET;
	case PIC_ALERT: return LK_ALERT;
	case PIC_AREA: return LK_AREA;
	default: return LK_OTHER;
	}
}

static void
add_trail(struct picsrc *ps, const pic *p, struct layer_item *it,
    const struct track *tr)
{
	struct track_fix fix[PICSRC_TRAIL];
	float (*t)[2] = &ps->trails[(size_t)(it - ps->items) * PICSRC_TRAIL];
	size_t n = track_history(pic_tracks(p), tr, fix, PICSRC_TRAIL);

	for (size_t i = 0; i < n; i++) {
		t[n - 1 - i][0] = (float)(fix[i].lat_e7 / 1e7);
		t[n - 1 - i][1] = (float)(fix[i].lon_e7 / 1e7);
	}
	it->trail = (const float (*)[2])t;
	it->ntrail = (int)n;
}

/* The selected satellite's ground track around the picture's time. */
static void
ground_track(struct picsrc *ps, const pic *p, const char *id,
    struct layer_opts *o)
{
	const struct sat_obj *s;
	elsetrec rec;
	tcop_ms now = pic_time(p), step = 90 * 1000;
	unsigned long norad;
	int n = 0;

	o->ngtrack = o->gtrack_now = 0;
	o->footprint_km = 0;
	if (now == TCOP_MS_NONE || strncmp(id, "norad:", 6) != 0)
		return;
	norad = strtoul(id + 6, NULL, 10);
	if ((s = sat_cat_find(pic_sats(p), (uint32_t)norad)) == NULL)
		return;
	for (int i = -30; i < PICSRC_GTRACK - 30; i++) {
		double r[3], v[3], re[3], ve[3], jd, jdf, lat, lon, alt;

		rec = s->rec;
		if (orb_teme_at(&rec, now + i * step, r, v) != 0)
			continue;
		orb_jd_of_ms(now + i * step, &jd, &jdf);
		orb_teme_to_ecef(jd, jdf, r, v, re, ve);
		orb_ecef_to_geodetic(re, &lat, &lon, &alt);
		if (i == 0) {
			o->gtrack_now = n;
			if (alt > 0)
				o->footprint_km = EARTH_KM *
				    acos(EARTH_KM / (EARTH_KM + alt));
		}
		ps->gtrack[n][0] = (float)lat;
		ps->gtrack[n][1] = (float)lon;
		n++;
	}
	o->gtrack = (const float (*)[2])ps->gtrack;
	o->ngtrack = n;
}

static void
fill_kind(struct picsrc *ps, const pic *p, enum pic_kind k,
    const struct viewport *vp, const struct layer_opts *o,
    const struct pic_incident *inc)
{
	struct pic_entity e, a;
	size_t cur = 0;

	while (ps->n < ps->cap && pic_next(p, k, &cur, &e)) {
		struct layer_item *it;
		bool sel = o->selected != NULL && strcmp(e.id, o->selected) == 0;

		if (!e.has_pos || !isfinite(e.lat) || !isfinite(e.lon))
			continue;
		if (k == PIC_ALERT && e.obj != NULL &&
		    strncmp(e.id, "asset:", 6) == 0) {
			char id[TCOP_ID_MAX];
			snprintf(id, sizeof id, "%s", e.id);
			if (pic_find(p, id, &a) && a.kind == PIC_ASSET)
				continue; /* the asset shows it */
			pic_next(p, k, &(size_t){ cur - 1 }, &e);
		}
		if (k != PIC_AREA && !sel && !on_screen(vp, e.lat, e.lon))
			continue;
		if (k == PIC_SAT && !sel && !o->sats_all && !is_member(inc, e.id))
			continue;
		it = &ps->items[ps->n++];
		memset(it, 0, sizeof *it);
		it->kind = kind_of(&e);
		snprintf(it->id, sizeof it->id, "%s", e.id);
		snprintf(it->name, sizeof it->name, "%.23s", e.label);
		it->lat = e.lat;
		it->lon = e.lon;
		it->course = e.course;
		it->radius_m = e.radius_m;
		it->narea = e.narea;
		it->area = e.area;
		it->severity = k == PIC_ASSET || k == PIC_ALERT ?
		    sev_of(ps, e.id) : -1;
		it->stale = (k == PIC_TRACK && strcmp(e.state, "active") != 0) ||
		    (k == PIC_AREA && strcmp(e.state, "closed") == 0);
		it->highlight = is_member(inc, e.id);
		it->cls = e.cls;
		it->nrel = e.nrel;
		for (int i = 0; i < e.nrel && i < TCOP_REL_MAX; i++)
			memcpy(it->rel[i], e.rel[i], 5);
		it->order = (uint64_t)(e.t == TCOP_MS_NONE ? 0 : e.t);
		if (k == PIC_TRACK && e.obj != NULL && (o->trails_all || sel ||
		    it->highlight))
			add_trail(ps, p, it, e.obj);
	}
}

size_t
picsrc_fill(struct picsrc *ps, const pic *p, const struct viewport *vp,
    struct layer_opts *o, const struct pic_incident *inc)
{
	static const enum pic_kind kinds[] = { PIC_AREA, PIC_ASSET, PIC_ALERT,
		PIC_SAT, PIC_DETECTION, PIC_TRACK, PIC_MARK };

	ps->n = 0;
	collect_sev(ps, p);
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		fill_kind(ps, p, kinds[i], vp, o, inc);
	o->ngtrack = 0;
	if (o->selected != NULL)
		ground_track(ps, p, o->selected, o);
	return ps->n;
}
