/*
 * pic.c: the picture model (pic.h): it owns the tables of every layer,
 * applies events to them, keeps what a viewer needs of each entity's
 * latest event (marking, raw JSON), the recent-events ring, the counters
 * and a revision per layer; correlate.c and assoc.c do levels 1 and 2.
 *
 * Invariants (pic_check):
 *   1. every track of the track table has its extras (p->tx), and the
 *      extras index maps each MMSI to its own slot;
 *   2. every generic entity's index maps its id to its own slot;
 *   3. every incident: 1 <= nmembers <= PIC_MEMBERS_MAX, first <= last,
 *      ndomains = popcount(domains) >= 1, a known rule, an id derived
 *      from it; closed ones have closed_at >= first; the open index
 *      points only at open or acknowledged incidents;
 *   4. the rank is a permutation of the incidents, in rank order;
 *   5. the picture's time is at least every applied event's time... of
 *      the events it has applied in order (now is a running maximum).
 * Memory: library-like; TCOP_ENOMEM is returned or counted.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orbit/omm.h"
#include "pic/pic_int.h"

static const char *const kind_names[PIC_NKINDS] = {
	"track", "detection", "satellite", "asset", "alert", "area", "zone",
	"mark", "incident", "events",
};

const char *
pic_kind_name(enum pic_kind k)
{
	return (unsigned)k < PIC_NKINDS ? kind_names[k] : "?";
}

const char *
pic_state_name(enum pic_state s)
{
	return s == PIC_OPEN ? "open" : s == PIC_ACKED ? "acknowledged" :
	    "closed";
}

const char *
pic_sev_name(int sev)
{
	static const char *const n[] = { "?", "low", "medium", "high",
		"critical" };
	return sev >= 1 && sev <= 4 ? n[sev] : "?";
}

/* ---- markings ------------------------------------------------------------ */

static bool
rel_in(const char rel[][5], int n, const char *cc)
{
	for (int i = 0; i < n; i++)
		if (strcmp(rel[i], cc) == 0)
			return true;
	return false;
}

void
pic_mark_merge(tcop_cls *cls, int *nrel, char rel[][5], tcop_cls c, int n,
    const char r[][5])
{
	int j = 0;

	if (c == TCOP_CLS_NONE)
		return;
	if (*cls == TCOP_CLS_NONE || (*cls < TCOP_CLS_CUI && c >= TCOP_CLS_CUI)) {
		/* the first marking, or the first that restricts rel */
		*nrel = n < 0 ? -1 : 0;
		for (int i = 0; i < n && i < TCOP_REL_MAX; i++)
			if (!rel_in(rel, *nrel, r[i]))
				memcpy(rel[(*nrel)++], r[i], 5);
	} else if (c >= TCOP_CLS_CUI || *cls < TCOP_CLS_CUI) {
		if (n < 0 || *nrel < 0) {
			*nrel = -1;
		} else {
			for (int i = 0; i < *nrel; i++)
				if (rel_in(r, n, rel[i]))
					memmove(rel[j++], rel[i], 5);
			*nrel = j;
		}
	}
	if (c > *cls)
		*cls = c;
}

/* ---- metas and generic entities ------------------------------------------ */

tcop_err
meta_set(struct meta *m, const tcop_event *ev)
{
	size_t n = ev->json ? ev->json_len : 0;

	m->cls = ev->cls;
	m->nrel = ev->nrel;
	if (ev->nrel > 0)
		memcpy(m->rel, ev->rel, (size_t)ev->nrel * sizeof m->rel[0]);
	m->t = ev->t;
	if (n + 1 > m->json_cap) {
		size_t cap = n + 1 < 256 ? 256 : n + 1;
		char *j = realloc(m->json, cap);
		if (j == NULL)
			return TCOP_ENOMEM;
		m->json = j;
		m->json_cap = (uint32_t)cap;
	}
	if (n > 0)
		memcpy(m->json, ev->json, n);
	if (m->json != NULL)
		m->json[n] = '\0';
	m->json_len = (uint32_t)n;
	return TCOP_OK;
}

void
meta_free(struct meta *m)
{
	free(m->json);
	memset(m, 0, sizeof *m);
}

struct gent *
gvec_get(struct gvec *g, const char *id)
{
	struct strmap_ent *e = strmap_get(&g->idx, id, strlen(id));

	return e != NULL ? &g->v[e->ival - 1] : NULL;
}

struct gent *
gvec_put(struct gvec *g, const char *id, bool *created)
{
	struct strmap_ent *e;
	struct gent *v;
	bool c;

	if ((e = strmap_put(&g->idx, id, strlen(id), &c)) == NULL)
		return NULL;
	*created = c;
	if (!c)
		return &g->v[e->ival - 1];
	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 64;
		if ((v = realloc(g->v, cap * sizeof *v)) == NULL) {
			strmap_del(&g->idx, id, strlen(id));
			return NULL;
		}
		g->v = v;
		g->cap = cap;
	}
	v = &g->v[g->n];
	memset(v, 0, sizeof *v);
	snprintf(v->id, sizeof v->id, "%s", id);
	v->speed = v->course = v->radius_m = NAN;
	v->end = TCOP_MS_NONE;
	v->state = "";
	e->ival = (int64_t)++g->n;
	return v;
}

static void
gvec_free(struct gvec *g)
{
	for (size_t i = 0; i < g->n; i++) {
		meta_free(&g->v[i].m);
		free(g->v[i].z.v);
	}
	free(g->v);
	strmap_fini(&g->idx, NULL);
	memset(g, 0, sizeof *g);
}

/* Drop the oldest half of a full vector (detections), keeping order. */
static void
gvec_halve(struct gvec *g)
{
	size_t drop = g->n / 2;

	for (size_t i = 0; i < drop; i++) {
		meta_free(&g->v[i].m);
		free(g->v[i].z.v);
	}
	memmove(g->v, g->v + drop, (g->n - drop) * sizeof *g->v);
	g->n -= drop;
	strmap_fini(&g->idx, NULL);
	strmap_init(&g->idx);
	for (size_t i = 0; i < g->n; i++) {
		bool c;
		struct strmap_ent *e = strmap_put(&g->idx, g->v[i].id,
		    strlen(g->v[i].id), &c);
		if (e != NULL)
			e->ival = (int64_t)i + 1;
	}
}

void
pic_bump(pic *p, enum pic_kind k)
{
	p->rev[k]++;
}

static size_t
tx_home(uint32_t mmsi, size_t cap)
{
	return (size_t)((mmsi * 0x9E3779B1u) >> 7) & (cap - 1);
}

struct trk_x *
pic_trk_find(const pic *p, uint32_t mmsi)
{
	size_t i;

	if (p->txcap == 0 || mmsi == 0)
		return NULL;
	for (i = tx_home(mmsi, p->txcap); p->txkey[i] != 0;
	    i = (i + 1) & (p->txcap - 1))
		if (p->txkey[i] == mmsi)
			return &p->tx[p->txval[i]];
	return NULL;
}

static bool
tx_grow(pic *p)
{
	size_t cap = p->txcap ? p->txcap * 2 : 4096;
	uint32_t *k = calloc(cap, sizeof *k), *v = calloc(cap, sizeof *v);

	if (k == NULL || v == NULL) {
		free(k);
		free(v);
		return false;
	}
	for (size_t j = 0; j < p->txcap; j++) {
		size_t i;
		if (p->txkey[j] == 0)
			continue;
		for (i = tx_home(p->txkey[j], cap); k[i] != 0;
		    i = (i + 1) & (cap - 1))
			;
		k[i] = p->txkey[j];
		v[i] = p->txval[j];
	}
	free(p->txkey);
	free(p->txval);
	p->txkey = k;
	p->txval = v;
	p->txcap = cap;
	return true;
}

struct trk_x *
pic_trk(pic *p, uint32_t mmsi, bool create)
{
	struct trk_x *x = pic_trk_find(p, mmsi);
	size_t i;

	if (x != NULL || !create || mmsi == 0)
		return x;
	if ((p->ntx + 1) * 2 > p->txcap && !tx_grow(p))
		return NULL;
	if (p->ntx == p->captx) {
		size_t cap = p->captx ? p->captx * 2 : 1024;
		struct gnode *gn;
		if ((x = realloc(p->tx, cap * sizeof *x)) == NULL)
			return NULL;
		p->tx = x;
		if ((gn = realloc(p->gn, cap * sizeof *gn)) == NULL)
			return NULL;
		p->gn = gn;
		p->captx = cap;
	}
	for (i = tx_home(mmsi, p->txcap); p->txkey[i] != 0;
	    i = (i + 1) & (p->txcap - 1))
		;
	p->txkey[i] = mmsi;
	p->txval[i] = (uint32_t)p->ntx;
	memset(&p->gn[p->ntx], 0, sizeof p->gn[0]);
	p->gn[p->ntx].gnext = p->gn[p->ntx].gprev = -1;
	p->gn[p->ntx].cell = -1;
	x = &p->tx[p->ntx++];
	memset(x, 0, sizeof *x);
	x->mmsi = mmsi;
	x->gap_t = x->jump_t = x->silent_t = TCOP_MS_NONE;
	return x;
}

bool
pic_in_zone(const pic *p, enum pic_rule rule, double lat, double lon,
    const char **zname)
{
	const struct gvec *zv = &p->g[PIC_ZONE];
	bool any = false;

	for (size_t i = 0; i < zv->n; i++) {
		const struct gent *z = &zv->v[i];
		if (!(z->z.rules & (1u << rule)))
			continue;
		any = true;
		if (zone_contains(&z->z, lat, lon)) {
			if (zname)
				*zname = z->id;
			return true;
		}
	}
	if (zname)
		*zname = "the picture";
	return !any;
}

/* ---- creation ------------------------------------------------------------ */

static void
load_ports(pic *p)
{
	char path[4200], line[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/ne_places_region.csv",
	    p->cfg.maps_dir);
	if ((f = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		char *c1, *c2, *c3, *c4;
		struct port *np;
		if (strncmp(line, "port,", 5) != 0)
			continue;
		/* kind,name,country,lat,lon,... (names hold no commas) */
		if ((c1 = strchr(line + 5, ',')) == NULL ||
		    (c2 = strchr(c1 + 1, ',')) == NULL ||
		    (c3 = strchr(c2 + 1, ',')) == NULL)
			continue;
		c4 = NULL;
		if ((np = realloc(p->ports, (p->nports + 1) * sizeof *np)) ==
		    NULL)
			break;
		p->ports = np;
		np[p->nports].lat = strtod(c2 + 1, &c4);
		np[p->nports].lon = strtod(c3 + 1, NULL);
		p->nports++;
	}
	fclose(f);
}

static tcop_err
pic_tables(pic *p, char *err, size_t errsz)
{
	struct track_cfg tc;
	tcop_err e;

	track_cfg_default(&tc);
	tc.max_tracks = p->cfg.max_tracks;
	if ((e = track_table_create(&p->tt, &tc)) != TCOP_OK ||
	    (e = sat_cat_create(&p->sats)) != TCOP_OK ||
	    (e = alerts_create(&p->al, 0)) != TCOP_OK ||
	    (e = grid_create(&p->grid)) != TCOP_OK) {
		if (err)
			snprintf(err, errsz, "out of memory");
		return e;
	}
	if (p->cfg.rules_path != NULL && (e = rules_load(&p->rules,
	    p->cfg.rules_path, err, errsz)) != TCOP_OK)
		return e;
	if (p->cfg.assets_path != NULL) {
		if ((e = assets_load(&p->as, p->cfg.assets_path, err,
		    errsz)) != TCOP_OK)
			return e;
		p->asset_meta = calloc((size_t)assets_count(p->as) + 1,
		    sizeof *p->asset_meta);
		if (p->asset_meta == NULL ||
		    (p->as_refs = malloc(sizeof *p->as_refs)) == NULL)
			return TCOP_ENOMEM;
		atomic_init(p->as_refs, 1);
	}
	if (p->cfg.maps_dir != NULL)
		load_ports(p);
	return TCOP_OK;
}

/* The rules file's zones become entities of the zone layer. */
static tcop_err
pic_rule_zones(pic *p)
{
	for (int i = 0; i < p->rules.nzones; i++) {
		const struct pic_zone *rz = &p->rules.zones[i];
		bool c;
		struct gent *z = gvec_put(&p->g[PIC_ZONE], rz->id, &c);
		if (z == NULL)
			return TCOP_ENOMEM;
		free(z->z.v);
		z->z.v = NULL;
		if (zone_set(&z->z, (const double (*)[2])rz->v, rz->n) !=
		    TCOP_OK)
			return TCOP_ENOMEM;
		z->z.rules = rz->rules;
		snprintf(z->label, sizeof z->label, "%s", rz->name);
		z->state = "rules";
		z->live = true;
		z->t = TCOP_MS_NONE;
	}
	return TCOP_OK;
}

tcop_err
pic_create(pic **out, const struct pic_cfg *cfg, char *err, size_t errsz)
{
	pic *p;
	tcop_err e;

	*out = NULL;
	if (err && errsz)
		err[0] = '\0';
	if ((p = calloc(1, sizeof *p)) == NULL)
		return TCOP_ENOMEM;
	if (cfg != NULL)
		p->cfg = *cfg;
	if (p->cfg.max_tracks == 0)
		p->cfg.max_tracks = 100000;
	if (p->cfg.max_detections == 0)
		p->cfg.max_detections = 65536;
	if (p->cfg.max_incidents == 0)
		p->cfg.max_incidents = 65536;
	if (p->cfg.recent == 0)
		p->cfg.recent = 256;
	rules_default(&p->rules);
	strmap_init(&p->satmeta);
	strmap_init(&p->alertmeta);
	strmap_init(&p->incidx);
	strmap_init(&p->incid);
	strmap_init(&p->win);
	strmap_init(&p->pairs);
	strmap_init(&p->gs_alert);
	for (int k = 0; k < PIC_NKINDS; k++)
		strmap_init(&p->g[k].idx);
	p->now = p->sat_t = p->gap_scan_t = TCOP_MS_NONE;
	p->recent = calloc(p->cfg.recent, sizeof *p->recent);
	if (p->recent == NULL) {
		pic_destroy(p);
		return TCOP_ENOMEM;
	}
	if ((e = pic_tables(p, err, errsz)) != TCOP_OK ||
	    (e = pic_rule_zones(p)) != TCOP_OK) {
		if (err && errsz && err[0] == '\0')
			snprintf(err, errsz, "%s", tcop_strerror(e));
		pic_destroy(p);
		return e;
	}
	*out = p;
	return TCOP_OK;
}

static void
free_meta_val(void *v)
{
	if (v != NULL)
		meta_free(v);
	free(v);
}

void
pic_destroy(pic *p)
{
	if (p == NULL)
		return;
	track_table_destroy(p->tt);
	sat_cat_destroy(p->sats);
	alerts_destroy(p->al);
	if (p->as != NULL)
		for (int i = 0; i < assets_count(p->as); i++)
			meta_free(&p->asset_meta[i]);
	free(p->asset_meta);
	if (p->as_refs == NULL || atomic_fetch_sub(p->as_refs, 1) == 1) {
		assets_destroy(p->as); /* the last picture holding it */
		free((void *)p->as_refs);
	}
	grid_destroy(p->grid);
	for (size_t i = 0; i < p->ntx; i++)
		meta_free(&p->tx[i].m);
	free(p->tx);
	free(p->gn);
	free(p->txkey);
	free(p->txval);
	free(p->scratch);
	strmap_fini(&p->satmeta, free_meta_val);
	strmap_fini(&p->alertmeta, free_meta_val);
	for (int k = 0; k < PIC_NKINDS; k++)
		gvec_free(&p->g[k]);
	free(p->inc);
	free(p->rank);
	strmap_fini(&p->incidx, NULL);
	strmap_fini(&p->incid, NULL);
	strmap_fini(&p->win, free);
	strmap_fini(&p->pairs, free);
	strmap_fini(&p->gs_alert, free);
	free(p->recent);
	free(p->pend);
	free(p->ports);
	rules_free(&p->rules);
	free(p);
}

/* ---- applying ------------------------------------------------------------ */

static void
recent_push(pic *p, const tcop_event *ev)
{
	struct recent_ent *r = &p->recent[p->recent_head];
	const char *what = "";

	r->t = ev->t;
	r->kind = ev->kind;
	pic_copy(r->id, sizeof r->id, ev->id);
	switch (ev->kind) {
	case TCOP_K_TRACK: what = ev->u.track.shipname; break;
	case TCOP_K_ALERT: what = ev->u.alert.signature; break;
	case TCOP_K_ELEMENTS: what = ev->u.el.object_name; break;
	case TCOP_K_SPACE_EVENT: what = ev->u.sev.what; break;
	case TCOP_K_INTERFERENCE: what = ev->u.intf.what; break;
	case TCOP_K_DETECTION: what = ev->u.det.sensor; break;
	case TCOP_K_MARK: case TCOP_K_NOTE: case TCOP_K_ACK:
		what = ev->u.pic.text[0] ? ev->u.pic.text : ev->u.pic.ref;
		break;
	default: break;
	}
	pic_copy(r->what, sizeof r->what, what);
	p->recent_head = (p->recent_head + 1) % p->cfg.recent;
	if (p->nrecent < p->cfg.recent)
		p->nrecent++;
	pic_bump(p, PIC_EVENTS);
}

const struct track *
trk_track(pic *p, struct trk_x *x)
{
	if (x->tr == NULL || x->tr->mmsi != x->mmsi)
		x->tr = track_find(p->tt, x->mmsi);
	return x->tr;
}

static tcop_err
apply_track(pic *p, const tcop_event *ev)
{
	const struct track *tr, *old = NULL;
	uint32_t mmsi = ev->u.track.mmsi;
	tcop_ms before = TCOP_MS_NONE;
	struct trk_x *x;
	tcop_err e;

	if (mmsi == 0 && strncmp(ev->id, "mmsi:", 5) == 0)
		mmsi = (uint32_t)strtoul(ev->id + 5, NULL, 10);
	if ((x = pic_trk(p, mmsi, false)) != NULL)
		old = trk_track(p, x);
	if (old != NULL && old->has_pos)
		before = old->t_pos;
	if ((e = track_apply(p->tt, ev, &tr)) != TCOP_OK)
		return e;
	if (x == NULL && (x = pic_trk(p, tr->mmsi, true)) == NULL)
		return TCOP_ENOMEM;
	if (x->gone)
		x->cls = TCOP_CLS_NONE; /* dropped, now back: a new track */
	x->gone = false;
	x->tr = tr;
	pic_mark_merge(&x->cls, &x->nrel, x->rel, ev->cls, ev->nrel, ev->rel);
	if (ev->t >= x->m.t || x->m.json == NULL)
		meta_set(&x->m, ev);
	pic_bump(p, PIC_TRACK);
	if (tr->has_pos && tr->t_pos == ev->t && ev->has_pos) {
		grid_update(p, x, tr);
		corr_track(p, ev, tr, x, before != TCOP_MS_NONE &&
		    before < tr->t_pos);
	}
	return TCOP_OK;
}

static tcop_err
apply_detection(pic *p, const tcop_event *ev)
{
	struct gent *d;
	bool c;

	if (!ev->has_pos)
		return TCOP_EINVAL;
	if (p->g[PIC_DETECTION].n >= p->cfg.max_detections) {
		assoc_flush(p);
		gvec_halve(&p->g[PIC_DETECTION]);
	}
	if ((d = gvec_put(&p->g[PIC_DETECTION], ev->id, &c)) == NULL)
		return TCOP_ENOMEM;
	d->has_pos = true;
	d->lat = ev->lat;
	d->lon = ev->lon;
	d->t = ev->t;
	d->ce = isfinite(ev->u.det.ce) && ev->u.det.ce > 0 ? ev->u.det.ce :
	    500;
	d->speed = ev->u.det.speed;
	d->course = ev->u.det.course;
	d->state = "pending";
	d->ref[0] = '\0';
	snprintf(d->label, sizeof d->label, "%s", ev->u.det.sensor);
	meta_set(&d->m, ev);
	pic_bump(p, PIC_DETECTION);
	if (p->npend == p->cappend) {
		size_t cap = p->cappend ? p->cappend * 2 : 64;
		struct pending_det *np = realloc(p->pend, cap * sizeof *np);
		if (np == NULL)
			return TCOP_ENOMEM;
		p->pend = np;
		p->cappend = cap;
	}
	p->pend[p->npend++] = (struct pending_det){
		(int)(d - p->g[PIC_DETECTION].v), ev->t, ev->lat, ev->lon,
		d->ce };
	return TCOP_OK;
}

static tcop_err
apply_elements(pic *p, const tcop_event *ev)
{
	struct orb_elements el;
	char why[OMM_WHY_MAX];
	const struct sat_obj *old, *o;
	double old_epoch = NAN;
	enum sat_put what;
	struct strmap_ent *me;
	struct meta *m;
	bool c;
	tcop_err e;

	if ((e = omm_from_event(&ev->u.el, &el, why)) != TCOP_OK)
		return TCOP_EINVAL;
	if ((old = sat_cat_find(p->sats, el.norad)) != NULL)
		old_epoch = (double)old->el.epoch_ms;
	if ((e = sat_cat_put(p->sats, &el, &what)) != TCOP_OK)
		return e;
	if (what == SAT_OLDER)
		return TCOP_OK;
	me = strmap_put(&p->satmeta, (const char *)&el.norad, sizeof el.norad,
	    &c);
	if (me == NULL)
		return TCOP_ENOMEM;
	if (me->pval == NULL && (me->pval = calloc(1, sizeof *m)) == NULL)
		return TCOP_ENOMEM;
	meta_set(me->pval, ev);
	pic_bump(p, PIC_SAT);
	if (what == SAT_REPLACED && (o = sat_cat_find(p->sats, el.norad)) !=
	    NULL)
		corr_elements(p, el.norad, o, fabs((double)el.epoch_ms -
		    old_epoch) / 86400000.0, ev->t);
	return TCOP_OK;
}

static tcop_err
apply_alert(pic *p, const tcop_event *ev)
{
	size_t row;
	const struct alert_row *r;
	struct strmap_ent *me;
	char key[TCOP_ID_MAX + 200];
	bool c;
	tcop_err e;

	if ((e = alerts_add(p->al, ev, &row)) != TCOP_OK)
		return e;
	r = alerts_row(p->al, row);
	snprintf(key, sizeof key, "%s|%s", r->key, r->signature);
	if ((me = strmap_put(&p->alertmeta, key, strlen(key), &c)) != NULL) {
		if (me->pval == NULL)
			me->pval = calloc(1, sizeof(struct meta));
		if (me->pval != NULL)
			meta_set(me->pval, ev);
	}
	pic_bump(p, PIC_ALERT);
	corr_alert(p, ev, r);
	return TCOP_OK;
}

static tcop_err
apply_area(pic *p, const tcop_event *ev)
{
	struct gent *a;
	bool c;

	if ((a = gvec_put(&p->g[PIC_AREA], ev->id, &c)) == NULL)
		return TCOP_ENOMEM;
	meta_set(&a->m, ev);
	a->t = ev->t;
	pic_bump(p, PIC_AREA);
	if (ev->u.intf.clear) {
		a->live = false;
		a->state = "closed";
		a->end = ev->t;
		corr_area(p, a);
		return TCOP_OK;
	}
	snprintf(a->label, sizeof a->label, "%s", ev->u.intf.what);
	a->live = true;
	a->state = "open";
	a->end = ev->u.intf.end;
	a->radius_m = ev->u.intf.radius_m;
	free(a->z.v);
	memset(&a->z, 0, sizeof a->z);
	if (ev->narea >= 3 && zone_set(&a->z, (const double (*)[2])ev->area,
	    ev->narea) != TCOP_OK)
		return TCOP_ENOMEM;
	a->has_pos = ev->has_pos;
	a->lat = ev->lat;
	a->lon = ev->lon;
	if (!a->has_pos && a->z.n >= 3) {
		a->has_pos = true;
		a->lat = (a->z.s + a->z.nn) / 2;
		a->lon = (a->z.w + a->z.e) / 2;
	}
	corr_area(p, a);
	return TCOP_OK;
}

static tcop_err
apply_zone(pic *p, const tcop_event *ev)
{
	struct gent *z;
	bool c;

	if (ev->narea < 3)
		return TCOP_EINVAL;
	if ((z = gvec_put(&p->g[PIC_ZONE], ev->id, &c)) == NULL)
		return TCOP_ENOMEM;
	meta_set(&z->m, ev);
	z->t = ev->t;
	z->live = true;
	z->state = "open";
	pic_copy(z->label, sizeof z->label, ev->u.pic.name[0] ?
	    ev->u.pic.name : ev->id);
	free(z->z.v);
	memset(&z->z, 0, sizeof z->z);
	if (zone_set(&z->z, (const double (*)[2])ev->area, ev->narea) !=
	    TCOP_OK)
		return TCOP_ENOMEM;
	z->z.rules = ~0u;
	if (ev->u.pic.rules[0] != '\0') {
		char buf[sizeof ev->u.pic.rules], *s, *save = NULL;
		snprintf(buf, sizeof buf, "%s", ev->u.pic.rules);
		z->z.rules = 0;
		for (s = strtok_r(buf, ",", &save); s != NULL;
		    s = strtok_r(NULL, ",", &save)) {
			int r = rule_of_name(s);
			if (r >= 0)
				z->z.rules |= 1u << r;
		}
	}
	z->has_pos = true;
	z->lat = (z->z.s + z->z.nn) / 2;
	z->lon = (z->z.w + z->z.e) / 2;
	pic_bump(p, PIC_ZONE);
	return TCOP_OK;
}

static tcop_err
apply_mark(pic *p, const tcop_event *ev)
{
	struct gent *m;
	bool c;

	if (ev->kind == TCOP_K_ACK)
		corr_ack(p, ev);
	if ((m = gvec_put(&p->g[PIC_MARK], ev->id, &c)) == NULL)
		return TCOP_ENOMEM;
	meta_set(&m->m, ev);
	m->t = ev->t;
	m->state = ev->kind == TCOP_K_ACK ? "ack" : ev->kind == TCOP_K_NOTE ?
	    "note" : "mark";
	pic_copy(m->label, sizeof m->label, ev->u.pic.text);
	snprintf(m->ref, sizeof m->ref, "%s", ev->u.pic.ref);
	m->has_pos = ev->has_pos;
	m->lat = ev->lat;
	m->lon = ev->lon;
	pic_bump(p, PIC_MARK);
	return TCOP_OK;
}

static tcop_err
apply_kind(pic *p, const tcop_event *ev)
{
	switch (ev->kind) {
	case TCOP_K_TRACK: return apply_track(p, ev);
	case TCOP_K_DETECTION: return apply_detection(p, ev);
	case TCOP_K_ELEMENTS: return apply_elements(p, ev);
	case TCOP_K_CONJUNCTION: corr_conjunction(p, ev); return TCOP_OK;
	case TCOP_K_SPACE_EVENT: corr_space_event(p, ev); return TCOP_OK;
	case TCOP_K_ALERT: return apply_alert(p, ev);
	case TCOP_K_INTERFERENCE: return apply_area(p, ev);
	case TCOP_K_ZONE: return apply_zone(p, ev);
	case TCOP_K_MARK: case TCOP_K_NOTE: case TCOP_K_ACK:
		return apply_mark(p, ev);
	default: return TCOP_OK; /* indicator, sighting, view: listed only */
	}
}

static void rank_update(pic *p);

tcop_err
pic_apply(pic *p, const tcop_event *ev)
{
	char key[sizeof p->pend_key];
	tcop_err e;

	if (ev->kind == TCOP_K_UNKNOWN || ev->kind >= TCOP_K_COUNT) {
		p->st.unknown++;
		return TCOP_OK;
	}
	/* A scan of detections is one source at one time: assign it whole
	 * before anything else happens. */
	if (ev->kind == TCOP_K_DETECTION)
		snprintf(key, sizeof key, "%s|%lld", ev->src, (long long)ev->t);
	if (p->npend > 0 && (ev->kind != TCOP_K_DETECTION ||
	    strcmp(key, p->pend_key) != 0))
		assoc_flush(p);
	if (ev->kind == TCOP_K_DETECTION)
		memcpy(p->pend_key, key, sizeof key);
	if (p->now == TCOP_MS_NONE || ev->t > p->now)
		p->now = ev->t;
	if ((e = apply_kind(p, ev)) != TCOP_OK) {
		p->st.rejected++;
		p->st.rejected_by[e]++;
		return e;
	}
	p->st.applied++;
	p->st.by_kind[ev->kind]++;
	recent_push(p, ev);
#ifdef TCOP_DEBUG
	{
		char why[256];
		if (!pic_check(p, why, sizeof why)) {
			tcop_log("pic_check: %s", why);
			abort();
		}
	}
#endif
	/* Gaps and expiries are looked for once a minute of picture time
	 * (and at every pic_advance); their times are exact either way. */
	if (p->gap_scan_t == TCOP_MS_NONE || p->now - p->gap_scan_t >= 60000)
		corr_tick(p, p->now);
	if (p->rank_dirty)
		rank_update(p);
	return TCOP_OK;
}

tcop_err
pic_apply_msg(pic *p, const void *msg, size_t len)
{
	tcop_err e;

	if (p->scratch == NULL && (p->scratch = malloc(sizeof *p->scratch)) ==
	    NULL)
		return TCOP_ENOMEM;
	if ((e = tcop_event_decode(msg, len, p->scratch)) != TCOP_OK) {
		p->st.rejected++;
		p->st.rejected_by[e]++;
	} else
		e = pic_apply(p, p->scratch);
	return e;
}

void
pic_advance(pic *p, tcop_ms t)
{
	if (p->npend > 0)
		assoc_flush(p);
	if (t != TCOP_MS_NONE && (p->now == TCOP_MS_NONE || t > p->now))
		p->now = t;
	if (p->now == TCOP_MS_NONE)
		return;
	if (track_tick(p->tt, p->now) > 0)
		pic_bump(p, PIC_TRACK);
	corr_tick(p, p->now);
	if (sat_cat_count(p->sats) > 0 && (p->sat_t != p->now ||
	    p->sat_rev_done != p->rev[PIC_SAT])) {
		sat_cat_update(p->sats, p->now);
		p->sat_t = p->now;
		pic_bump(p, PIC_SAT);
		p->sat_rev_done = p->rev[PIC_SAT];
	}
	if (p->rank_dirty)
		rank_update(p);
}

tcop_ms
pic_time(const pic *p)
{
	return p->now;
}

/* ---- incidents: rank ----------------------------------------------------- */

static const pic *rank_ctx; /* qsort has no context argument */

static int
rank_cmp(const void *a, const void *b)
{
	const struct pic_incident *x = &rank_ctx->inc[*(const size_t *)a].pub;
	const struct pic_incident *y = &rank_ctx->inc[*(const size_t *)b].pub;

	if (x->severity != y->severity)
		return y->severity - x->severity;
	if (x->ndomains != y->ndomains)
		return y->ndomains - x->ndomains;
	if (x->last != y->last)
		return x->last < y->last ? 1 : -1;
	return strcmp(x->id, y->id);
}

static void
rank_update(pic *p)
{
	size_t *r = realloc(p->rank, (p->ninc + 1) * sizeof *r);

	if (r == NULL)
		return;
	p->rank = r;
	for (size_t i = 0; i < p->ninc; i++)
		r[i] = i;
	rank_ctx = p;
	qsort(r, p->ninc, sizeof *r, rank_cmp);
	rank_ctx = NULL;
	p->rank_dirty = false;
	pic_bump(p, PIC_INCIDENT);
}

size_t
pic_incident_count(const pic *p)
{
	return p->ninc;
}

const struct pic_incident *
pic_incident_at(const pic *p, size_t i)
{
	if (i >= p->ninc || p->rank_dirty)
		return i < p->ninc ? &p->inc[i].pub : NULL;
	return &p->inc[p->rank[i]].pub;
}

const struct pic_incident *
pic_incident_find(const pic *p, const char *id)
{
	struct strmap_ent *e = strmap_get((strmap *)&p->incid, id,
	    strlen(id));

	return e != NULL ? &p->inc[e->ival - 1].pub : NULL;
}

tcop_err
pic_ack_msg(const char *incident_id, const char *by, tcop_ms t,
    const char *src, int64_t seq, char *buf, size_t size, size_t *len)
{
	char ts[32], sq[32] = "";
	int n;

	if (incident_id == NULL || strncmp(incident_id, "inc:", 4) != 0 ||
	    strpbrk(incident_id, "\"\\") != NULL || by == NULL ||
	    strpbrk(by, "\"\\") != NULL || src == NULL ||
	    strpbrk(src, "\"\\") != NULL)
		return TCOP_EINVAL;
	tcop_time_format_ms(t, ts, sizeof ts);
	if (seq >= 0)
		snprintf(sq, sizeof sq, ",\"seq\":%lld", (long long)seq);
	n = snprintf(buf, size, "picture/ack {\"id\":\"ack:%s:%s\",\"t\":\"%s\","
	    "\"src\":\"%s\"%s,\"by\":\"%s\",\"ref\":\"%s\"}", incident_id + 4,
	    by, ts, src, sq, by, incident_id);
	if (n < 0 || (size_t)n >= size)
		return TCOP_ETOOBIG;
	*len = (size_t)n;
	return TCOP_OK;
}

/* ---- readers ------------------------------------------------------------- */

static void
ent_meta(struct pic_entity *o, const struct meta *m, tcop_ms now)
{
	o->cls = m ? m->cls : TCOP_CLS_NONE;
	o->nrel = m ? m->nrel : -1;
	o->rel = m ? (const char (*)[5])m->rel : NULL;
	o->json = m && m->json ? m->json : "";
	o->json_len = m ? m->json_len : 0;
	if (m && m->t != TCOP_MS_NONE && m->t > o->t)
		o->t = m->t;
	o->age = now != TCOP_MS_NONE && o->t != TCOP_MS_NONE && now > o->t ?
	    now - o->t : 0;
}

static void
ent_clear(struct pic_entity *o, enum pic_kind k)
{
	memset(o, 0, sizeof *o);
	o->kind = k;
	o->id = o->label = o->state = o->ref = o->json = "";
	o->speed = o->course = o->radius_m = NAN;
	o->t = TCOP_MS_NONE;
	o->nrel = -1;
}

static void
fill_track(const pic *p, const struct track *tr, struct pic_entity *o)
{
	const struct trk_x *x;

	ent_clear(o, PIC_TRACK);
	snprintf(o->idbuf, sizeof o->idbuf, "mmsi:%u", tr->mmsi);
	o->id = o->idbuf;
	o->label = tr->shipname;
	o->state = track_state_name(track_state_at(p->tt, tr, p->now));
	o->has_pos = tr->has_pos;
	if (tr->has_pos && !track_predict(tr, p->now, &o->lat, &o->lon)) {
		o->lat = tr->lat;
		o->lon = tr->lon;
	}
	o->speed = tr->speed;
	o->course = tr->course;
	o->t = tr->t_last;
	o->obj = tr;
	x = pic_trk_find(p, tr->mmsi);
	ent_meta(o, x ? &x->m : NULL, p->now);
	if (x != NULL) { /* the highest marking of its reports */
		o->cls = x->cls;
		o->nrel = x->nrel;
		o->rel = (const char (*)[5])x->rel;
	}
}

static bool
next_track(const pic *p, size_t *cur, struct pic_entity *o)
{
	const struct track *tr = track_next(p->tt, cur);

	if (tr == NULL)
		return false;
	fill_track(p, tr, o);
	return true;
}

static bool
next_sat(const pic *p, size_t *cur, struct pic_entity *o)
{
	const struct sat_obj *s;
	struct strmap_ent *e;
	double alt;

	if (*cur >= sat_cat_count(p->sats))
		return false;
	s = sat_cat_at(p->sats, *cur);
	ent_clear(o, PIC_SAT);
	snprintf(o->idbuf, sizeof o->idbuf, "norad:%u", s->el.norad);
	o->id = o->idbuf;
	o->label = s->el.name;
	o->state = p->sat_t == TCOP_MS_NONE ? "unpositioned" : s->err ?
	    "error" : "ok";
	o->has_pos = p->sat_t != TCOP_MS_NONE &&
	    sat_cat_geodetic(p->sats, *cur, &o->lat, &o->lon, &alt);
	o->t = s->el.epoch_ms;
	o->obj = s;
	e = strmap_get((strmap *)&p->satmeta, (const char *)&s->el.norad,
	    sizeof s->el.norad);
	ent_meta(o, e ? e->pval : NULL, p->now);
	(*cur)++;
	return true;
}

static bool
next_asset(const pic *p, size_t *cur, struct pic_entity *o)
{
	const struct asset *a;

	if (p->as == NULL || *cur >= (size_t)assets_count(p->as))
		return false;
	a = assets_get(p->as, (int)*cur);
	ent_clear(o, PIC_ASSET);
	snprintf(o->idbuf, sizeof o->idbuf, "asset:%s", a->name);
	o->id = o->idbuf;
	o->label = a->label[0] ? a->label : a->name;
	o->state = a->kind;
	o->has_pos = isfinite(a->lat) && isfinite(a->lon);
	o->lat = a->lat;
	o->lon = a->lon;
	if (a->mmsi != 0) {
		const struct track *tr = track_find(p->tt, a->mmsi);
		if (tr != NULL && tr->has_pos) {
			o->has_pos = track_predict(tr, p->now, &o->lat, &o->lon);
		}
	}
	o->obj = a;
	ent_meta(o, NULL, p->now);
	(*cur)++;
	return true;
}

static bool
next_alert(const pic *p, size_t *cur, struct pic_entity *o)
{
	char key[TCOP_ID_MAX + 200];
	const struct alert_row *r;
	struct strmap_ent *e;

	if (*cur >= alerts_count(p->al))
		return false;
	r = alerts_row(p->al, *cur);
	ent_clear(o, PIC_ALERT);
	if (r->placed && strncmp(r->key, "asset:", 6) != 0)
		snprintf(o->idbuf, sizeof o->idbuf, "asset:%s", r->key);
	else
		snprintf(o->idbuf, sizeof o->idbuf, "%s", r->key);
	o->id = o->idbuf;
	o->label = r->signature;
	o->state = pic_sev_name(r->severity >= 1 && r->severity <= 4 ?
	    5 - r->severity : 1);
	o->has_pos = r->has_pos;
	o->lat = r->lat;
	o->lon = r->lon;
	o->t = r->last;
	o->obj = r;
	snprintf(key, sizeof key, "%s|%s", r->key, r->signature);
	e = strmap_get((strmap *)&p->alertmeta, key, strlen(key));
	ent_meta(o, e ? e->pval : NULL, p->now);
	(*cur)++;
	return true;
}

static bool
next_gent(const pic *p, enum pic_kind k, size_t *cur, struct pic_entity *o)
{
	const struct gent *g;

	if (*cur >= p->g[k].n)
		return false;
	g = &p->g[k].v[*cur];
	ent_clear(o, k);
	o->id = g->id;
	o->label = g->label;
	o->state = g->state;
	o->has_pos = g->has_pos;
	o->lat = g->lat;
	o->lon = g->lon;
	o->speed = g->speed;
	o->course = g->course;
	o->radius_m = g->radius_m;
	o->narea = g->z.n;
	o->area = (const double (*)[2])g->z.v;
	o->ref = g->ref;
	o->t = g->t;
	ent_meta(o, &g->m, p->now);
	(*cur)++;
	return true;
}

bool
pic_next(const pic *p, enum pic_kind kind, size_t *cursor,
    struct pic_entity *out)
{
	switch (kind) {
	case PIC_TRACK: return next_track(p, cursor, out);
	case PIC_SAT: return next_sat(p, cursor, out);
	case PIC_ASSET: return next_asset(p, cursor, out);
	case PIC_ALERT: return next_alert(p, cursor, out);
	case PIC_DETECTION: case PIC_AREA: case PIC_ZONE: case PIC_MARK:
		return next_gent(p, kind, cursor, out);
	default: return false;
	}
}

size_t
pic_count(const pic *p, enum pic_kind kind)
{
	switch (kind) {
	case PIC_TRACK: return track_count(p->tt);
	case PIC_SAT: return sat_cat_count(p->sats);
	case PIC_ASSET: return p->as ? (size_t)assets_count(p->as) : 0;
	case PIC_ALERT: return alerts_count(p->al);
	case PIC_INCIDENT: return p->ninc;
	case PIC_EVENTS: return p->nrecent;
	default: return p->g[kind].n;
	}
}

static bool
find_indexed(const pic *p, enum pic_kind k, size_t i, struct pic_entity *o)
{
	size_t cur = i;
	return pic_next(p, k, &cur, o);
}

bool
pic_find(const pic *p, const char *id, struct pic_entity *out)
{
	const struct track *tr;
	struct strmap_ent *e;
	size_t cur;

	if (strncmp(id, "mmsi:", 5) == 0) {
		tr = track_find(p->tt, (uint32_t)strtoul(id + 5, NULL, 10));
		if (tr == NULL)
			return false;
		fill_track(p, tr, out);
		return true;
	}
	if (strncmp(id, "norad:", 6) == 0) {
		uint32_t n = (uint32_t)strtoul(id + 6, NULL, 10);
		const struct sat_obj *s = sat_cat_find(p->sats, n), *s0;
		size_t cnt = sat_cat_count(p->sats);
		if (s == NULL || cnt == 0)
			return false;
		/* the catalogue is an array: its index from the pointer,
		 * checked; else a walk */
		s0 = sat_cat_at(p->sats, 0);
		cur = (size_t)(s - s0);
		if (s >= s0 && cur < cnt && sat_cat_at(p->sats, cur) == s)
			return find_indexed(p, PIC_SAT, cur, out);
		for (cur = 0; cur < cnt; cur++)
			if (sat_cat_at(p->sats, cur) == s)
				return find_indexed(p, PIC_SAT, cur, out);
		return false;
	}
	if (strncmp(id, "asset:", 6) == 0 && p->as != NULL) {
		int i = assets_find(p->as, id + 6);
		if (i >= 0)
			return find_indexed(p, PIC_ASSET, (size_t)i, out);
	}
	for (int k = 0; k < PIC_NKINDS; k++) {
		if (p->g[k].n == 0)
			continue;
		e = strmap_get((strmap *)&p->g[k].idx, id, strlen(id));
		if (e != NULL)
			return find_indexed(p, k, (size_t)e->ival - 1, out);
	}
	return false;
}

const struct pic_stats *
pic_stats(const pic *p)
{
	return &p->st;
}

uint64_t
pic_rev(const pic *p, enum pic_kind layer)
{
	return (unsigned)layer < PIC_NKINDS ? p->rev[layer] : 0;
}

bool
pic_recent(const pic *p, size_t i, struct pic_recent *out)
{
	size_t n = p->cfg.recent;
	const struct recent_ent *r;

	if (i >= p->nrecent)
		return false;
	r = &p->recent[(p->recent_head + n - 1 - i) % n];
	out->t = r->t;
	out->kind = r->kind;
	memcpy(out->id, r->id, sizeof out->id);
	snprintf(out->text, sizeof out->text, "%.20s %.34s %.36s",
	    tcop_kind_topic(r->kind), r->id, r->what);
	return true;
}

const track_table *pic_tracks(const pic *p) { return p->tt; }
const sat_cat *pic_sats(const pic *p) { return p->sats; }
const alerts *pic_alerts(const pic *p) { return p->al; }
const assets *pic_assets(const pic *p) { return p->as; }

/* ---- invariants ---------------------------------------------------------- */

static bool bad(char *why, size_t sz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool
bad(char *why, size_t sz, const char *fmt, ...)
{
	va_list ap;

	if (why && sz) {
		va_start(ap, fmt);
		vsnprintf(why, sz, fmt, ap);
		va_end(ap);
	}
	return false;
}

static bool
check_incident(const pic *p, size_t i, char *why, size_t sz)
{
	const struct inc *in = &p->inc[i];
	const struct pic_incident *x = &in->pub;

	if (x->nmembers < 1 || x->nmembers > PIC_MEMBERS_MAX)
		return bad(why, sz, "incident %s: %d members", x->id,
		    x->nmembers);
	if (x->first > x->last)
		return bad(why, sz, "incident %s: first after last",
		    x->id);
	if (x->ndomains != __builtin_popcount(x->domains) || x->ndomains < 1)
		return bad(why, sz, "incident %s: %d domains", x->id,
		    x->ndomains);
	if (rule_of_name(x->rule) != (int)in->rule)
		return bad(why, sz, "incident %s: rule %d", x->id, (int)in->rule);
	if (x->state == PIC_CLOSED && (x->closed_at == TCOP_MS_NONE ||
	    x->closed_at < x->first))
		return bad(why, sz, "incident %s: closed at %lld", x->id,
		    (long long)x->closed_at);
	return true;
}

bool
pic_check(const pic *p, char *why, size_t sz)
{
	size_t cur = 0, n = 0;
	const struct track *tr;
	struct strmap_ent *e;

	if (!track_check(p->tt))
		return bad(why, sz, "track table: broken");
	while ((tr = track_next(p->tt, &cur)) != NULL) {
		const struct trk_x *x = pic_trk_find(p, tr->mmsi);
		if (x == NULL || x->mmsi != tr->mmsi)
			return bad(why, sz, "track mmsi:%u has no extras",
			    tr->mmsi);
		n++;
	}
	for (int k = 0; k < PIC_NKINDS; k++)
		for (size_t i = 0; i < p->g[k].n; i++) {
			const char *id = p->g[k].v[i].id;
			e = strmap_get((strmap *)&p->g[k].idx, id, strlen(id));
			if (e == NULL || (size_t)e->ival != i + 1)
				return bad(why, sz, "entity %s: index %ld", id,
				    e ? (long)e->ival : -1L);
		}
	for (size_t i = 0; i < p->ninc; i++)
		if (!check_incident(p, i, why, sz))
			return false;
	for (size_t i = 0; i < p->incidx.cap; i++) {
		e = strmap_at((strmap *)&p->incidx, i);
		if (e != NULL && p->inc[e->ival - 1].pub.state == PIC_CLOSED)
			return bad(why, sz, "open index holds closed %s",
			    p->inc[e->ival - 1].pub.id);
	}
	if (!p->rank_dirty)
		for (size_t i = 1; i < p->ninc; i++) {
			rank_ctx = p;
			int c = rank_cmp(&p->rank[i - 1], &p->rank[i]);
			rank_ctx = NULL;
			if (c > 0)
				return bad(why, sz, "rank out of order at %zu", i);
		}
	return true;
}
