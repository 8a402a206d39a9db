/*
 * correlate.c: the correlation core's rules (DESIGN.md, "The correlation
 * core"; docs/rules.md): level 1 anomalies (ais-gap, ais-jump,
 * identity-conflict, maneuver, dark contacts) and level 2 incidents
 * (dark-vessel, pnt-disruption, cyber-to-space, conjunction, rendezvous,
 * campaign). Pure functions of (picture, event, event time): no clock.
 *
 * An incident is found again by rule + key (the founding entity: a track,
 * an area, a pair, a signature) while it is open; its id is a hash of rule,
 * key and the time of its first member, so every viewer that saw the same
 * events names it the same. It closes when its rule stops holding (a
 * track reports again, a dark contact is explained by a vessel that
 * reports again or for the first time (track_resumed), an area is
 * cleared, a pair separates, a newer CDM is below the thresholds) or when
 * no member has joined for the rule's `hold` time.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pic/pic_int.h"

#define NM_M 1852.0
#define KN_MS 0.514444

double
geo_dist_m(double lat1, double lon1, double lat2, double lon2)
{
	double r = M_PI / 180, dlat = (lat2 - lat1) * r, dlon = (lon2 - lon1) * r;
	double a = sin(dlat / 2) * sin(dlat / 2) + cos(lat1 * r) *
	    cos(lat2 * r) * sin(dlon / 2) * sin(dlon / 2);

	return 2 * 6371008.8 * asin(sqrt(a < 1 ? a : 1));
}

bool
area_contains(const struct gent *a, double lat, double lon)
{
	if (a->z.n >= 3)
		return zone_contains(&a->z, lat, lon);
	return isfinite(a->radius_m) && a->has_pos &&
	    geo_dist_m(a->lat, a->lon, lat, lon) <= a->radius_m;
}

static bool
area_live(const struct gent *a, tcop_ms t)
{
	return a->live && (a->end == TCOP_MS_NONE || t <= a->end) &&
	    (a->t == TCOP_MS_NONE || t >= a->t - 3600 * 1000LL);
}

/* ---- incidents ----------------------------------------------------------- */

static void
inc_make_id(struct inc *in)
{
	uint64_t h = 0xcbf29ce484222325ull;
	char buf[sizeof in->key + 64];
	int n = snprintf(buf, sizeof buf, "%s|%s|%lld", rule_name(in->rule),
	    in->key, (long long)in->pub.first);

	for (int i = 0; i < n && i < (int)sizeof buf; i++) {
		h ^= (unsigned char)buf[i];
		h *= 0x100000001b3ull;
	}
	snprintf(in->pub.id, sizeof in->pub.id, "inc:%016llx",
	    (unsigned long long)h);
}

struct inc *
inc_open_find(pic *p, enum pic_rule rule, const char *key)
{
	char k[sizeof p->inc->key + 32];
	struct strmap_ent *e;

	snprintf(k, sizeof k, "%d|%s", (int)rule, key);
	e = strmap_get(&p->incidx, k, strlen(k));
	return e != NULL ? &p->inc[e->ival - 1] : NULL;
}

void
inc_member(pic *p, struct inc *in, const char *id)
{
	struct pic_incident *x = &in->pub;
	struct pic_entity e;

	if (pic_find(p, id, &e)) /* its marking, as of now */
		pic_mark_merge(&x->cls, &x->nrel, x->rel, e.cls, e.nrel, e.rel);
	for (int i = 0; i < x->nmembers; i++)
		if (strcmp(x->members[i], id) == 0)
			return;
	x->members_total++;
	if (x->nmembers < PIC_MEMBERS_MAX)
		snprintf(x->members[x->nmembers++], TCOP_ID_MAX, "%s", id);
	p->rank_dirty = true;
}

static struct inc *
inc_new(pic *p, enum pic_rule rule, const char *key, tcop_ms t)
{
	struct strmap_ent *e;
	struct inc *in;
	char k[sizeof p->inc->key + 32];
	bool c;

	if (p->ninc >= p->cfg.max_incidents)
		return NULL;
	if (p->ninc == p->capinc) {
		size_t cap = p->capinc ? p->capinc * 2 : 64;
		struct inc *ni = realloc(p->inc, cap * sizeof *ni);
		if (ni == NULL)
			return NULL;
		p->inc = ni;
		p->capinc = cap;
	}
	in = &p->inc[p->ninc];
	memset(in, 0, sizeof *in);
	in->rule = rule;
	snprintf(in->key, sizeof in->key, "%s", key);
	snprintf(in->pub.rule, sizeof in->pub.rule, "%s", rule_name(rule));
	in->pub.severity = p->rules.severity[rule];
	in->pub.state = PIC_OPEN;
	in->pub.first = in->pub.last = t;
	in->pub.closed_at = TCOP_MS_NONE;
	inc_make_id(in);
	snprintf(k, sizeof k, "%d|%s", (int)rule, key);
	if ((e = strmap_put(&p->incidx, k, strlen(k), &c)) == NULL)
		return NULL;
	e->ival = (int64_t)p->ninc + 1;
	if ((e = strmap_put(&p->incid, in->pub.id, strlen(in->pub.id), &c)) !=
	    NULL)
		e->ival = (int64_t)p->ninc + 1;
	p->ninc++;
	p->st.incidents_opened++;
	if (rule == R_DARK)
		p->dark_open++;
	return in;
}

/*
 * Open or grow the incident of rule + key with these members at t.
 * NULL if the rule is off, a member is suppressed, or there is no room.
 */
static struct inc *
inc_raise_m(pic *p, enum pic_rule rule, const char *key, tcop_ms t,
    unsigned domains, const char *why, const char *const *members, int n)
{
	struct inc *in;

	if (!p->rules.enabled[rule])
		return NULL;
	for (int i = 0; i < n; i++)
		if (rules_suppressed(&p->rules, rule, members[i]))
			return NULL;
	if ((in = inc_open_find(p, rule, key)) == NULL &&
	    (in = inc_new(p, rule, key, t)) == NULL)
		return NULL;
	if (t > in->pub.last)
		in->pub.last = t;
	if (t < in->pub.first)
		in->pub.first = t; /* id stays: it names the founding event */
	if (in->pub.last + p->rules.hold[rule] > in->expires)
		in->expires = in->pub.last + p->rules.hold[rule];
	in->pub.domains |= domains;
	in->pub.ndomains = __builtin_popcount(in->pub.domains);
	snprintf(in->pub.why, sizeof in->pub.why, "%s", why);
	for (int i = 0; i < n; i++)
		inc_member(p, in, members[i]);
	p->rank_dirty = true;
	return in;
}

struct inc *
inc_raise(pic *p, enum pic_rule rule, const char *key, tcop_ms t,
    unsigned domains, const char *why)
{
	const char *m[1] = { key };

	return inc_raise_m(p, rule, key, t, domains, why, m, 1);
}

void
inc_close(pic *p, struct inc *in, tcop_ms t)
{
	char k[sizeof in->key + 32];

	if (in->pub.state == PIC_CLOSED)
		return;
	in->pub.state = PIC_CLOSED;
	in->pub.closed_at = t < in->pub.first ? in->pub.first : t;
	if (in->rule == R_DARK && p->dark_open > 0)
		p->dark_open--;
	snprintf(k, sizeof k, "%d|%s", (int)in->rule, in->key);
	strmap_del(&p->incidx, k, strlen(k));
	p->rank_dirty = true;
}

void
corr_ack(pic *p, const tcop_event *ev)
{
	struct strmap_ent *e = strmap_get(&p->incid, ev->u.pic.ref,
	    strlen(ev->u.pic.ref));
	struct inc *in;

	if (e == NULL)
		return;
	in = &p->inc[e->ival - 1];
	if (in->pub.state == PIC_OPEN)
		in->pub.state = PIC_ACKED;
	pic_copy(in->pub.ack_by, sizeof in->pub.ack_by, ev->u.pic.by[0] ?
	    ev->u.pic.by : ev->src);
	p->rank_dirty = true;
}

/* ---- windows: distinct members within a time window ---------------------- */

static struct window *
win_get(pic *p, const char *key)
{
	bool c;
	struct strmap_ent *e = strmap_put(&p->win, key, strlen(key), &c);

	if (e == NULL)
		return NULL;
	if (e->pval == NULL)
		e->pval = calloc(1, sizeof(struct window));
	return e->pval;
}

/* Add id at t and drop what is older than t - w; the distinct count. */
static int
win_add(struct window *w, const char *id, tcop_ms t, tcop_ms span)
{
	int j = 0;

	for (int i = 0; i < w->n; i++)
		if (w->m[i].t >= t - span && strcmp(w->m[i].id, id) != 0)
			w->m[j++] = w->m[i];
	w->n = j;
	if (w->n == WIN_MAX) {
		memmove(w->m, w->m + 1, (WIN_MAX - 1) * sizeof w->m[0]);
		w->n--;
	}
	snprintf(w->m[w->n].id, TCOP_ID_MAX, "%s", id);
	w->m[w->n++].t = t;
	return w->n;
}

/* ---- pnt-disruption ------------------------------------------------------ */

static void
pnt_note(pic *p, struct gent *a, const char *trk, tcop_ms t, const char *what)
{
	char key[TCOP_ID_MAX + 8], why[256];
	const char *m[WIN_MAX + 1];
	struct window *w;
	int n;

	snprintf(key, sizeof key, "pnt|%s", a->id);
	if ((w = win_get(p, key)) == NULL)
		return;
	n = win_add(w, trk, t, p->rules.pnt_window);
	if (n < p->rules.pnt_tracks)
		return;
	m[0] = a->id;
	for (int i = 0; i < n; i++)
		m[i + 1] = w->m[i].id;
	snprintf(why, sizeof why, "%d AIS tracks jumped or went silent inside "
	    "GNSS %s area %s within %lld min (latest %s %s)", n,
	    a->label[0] ? a->label : "interference", a->id,
	    (long long)(p->rules.pnt_window / 60000), trk, what);
	inc_raise_m(p, R_PNT, a->id, t, PIC_DOM_MARITIME | PIC_DOM_CYBER, why,
	    m, n + 1);
}

static void
pnt_check(pic *p, const char *trk, double lat, double lon, tcop_ms t,
    const char *what)
{
	struct gvec *av = &p->g[PIC_AREA];

	for (size_t i = 0; i < av->n; i++)
		if (area_live(&av->v[i], t) && area_contains(&av->v[i], lat, lon))
			pnt_note(p, &av->v[i], trk, t, what);
}

void
corr_area(pic *p, struct gent *a)
{
	struct inc *in;

	if (!a->live && (in = inc_open_find(p, R_PNT, a->id)) != NULL)
		inc_close(p, in, a->end);
}

/* ---- tracks: jumps, identity conflicts, gaps, rendezvous ----------------- */

static double
jump_limit(const pic *p, const struct track *tr)
{
	return tr->shiptype >= 40 && tr->shiptype <= 49 ?
	    p->rules.jump_hsc_kn : p->rules.jump_kn;
}

static double
kn_between(const struct track_fix *a, const struct track_fix *b, double *d)
{
	double dt = fabs((double)(a->t - b->t)) / 1000.0;

	*d = geo_dist_m(a->lat_e7 / 1e7, a->lon_e7 / 1e7, b->lat_e7 / 1e7,
	    b->lon_e7 / 1e7);
	return *d / (dt < 1 ? 1 : dt) / KN_MS;
}

static void
track_jumps(pic *p, const struct track *tr, const char *id, tcop_ms t)
{
	struct track_fix f[3];
	size_t n = track_history(p->tt, tr, f, 3);
	double d01, d12, d02, v01, v12, lim = jump_limit(p, tr);
	char why[256];
	struct inc *in;

	if (n < 2)
		return;
	v01 = kn_between(&f[0], &f[1], &d01);
	if (v01 <= lim)
		return;
	pnt_check(p, id, f[1].lat_e7 / 1e7, f[1].lon_e7 / 1e7, t, "jumped");
	if (n == 3) {
		v12 = kn_between(&f[1], &f[2], &d12);
		kn_between(&f[0], &f[2], &d02);
		if (d01 > p->rules.idc_nm * NM_M && d12 > p->rules.idc_nm *
		    NM_M && v01 > p->rules.idc_kn && v12 > p->rules.idc_kn &&
		    d02 < d01 / 2) {
			snprintf(why, sizeof why, "%s reported alternately in "
			    "two places %.0f NM apart (A, B, A): joining them "
			    "takes %.0f kn (limit %.0f kn over %.0f NM)", id,
			    d01 / NM_M, v01, p->rules.idc_kn, p->rules.idc_nm);
			if (inc_raise(p, R_IDC, id, t, PIC_DOM_MARITIME, why) &&
			    (in = inc_open_find(p, R_JUMP, id)) != NULL) {
				snprintf(in->pub.why, sizeof in->pub.why,
				    "%s moved %.1f NM at %.0f kn implied: part "
				    "of an identity conflict", id, d12 / NM_M,
				    v12);
				inc_close(p, in, t);
			}
			return;
		}
	}
	if (inc_open_find(p, R_IDC, id) != NULL)
		return;
	snprintf(why, sizeof why, "%s moved %.1f NM in %.1f min: %.0f kn "
	    "implied, above the %.0f kn a%s ship makes", id, d01 / NM_M,
	    fabs((double)(f[0].t - f[1].t)) / 60000.0, v01, lim,
	    lim == p->rules.jump_hsc_kn ? " high-speed" : "");
	inc_raise(p, R_JUMP, id, t, PIC_DOM_MARITIME, why);
}

struct rpair {
	tcop_ms start, last;
	double lat, lon;
};

static bool
near_port(const pic *p, double lat, double lon)
{
	for (size_t i = 0; i < p->nports; i++)
		if (geo_dist_m(lat, lon, p->ports[i].lat, p->ports[i].lon) <=
		    p->rules.rdv_port_nm * NM_M)
			return true;
	return false;
}

static void
rdv_pair(pic *p, const struct track *a, const struct track *b, tcop_ms t,
    double dist)
{
	char key[48], ida[24], idb[24], why[256];
	const char *m[2];
	uint32_t lo = a->mmsi < b->mmsi ? a->mmsi : b->mmsi;
	uint32_t hi = a->mmsi < b->mmsi ? b->mmsi : a->mmsi;
	struct strmap_ent *e;
	struct rpair *rp;
	struct inc *in;
	bool c;

	snprintf(key, sizeof key, "%u|%u", lo, hi);
	if ((e = strmap_put(&p->pairs, key, strlen(key), &c)) == NULL)
		return;
	if (e->pval == NULL) {
		if ((e->pval = calloc(1, sizeof *rp)) == NULL)
			return;
		((struct rpair *)e->pval)->start = t;
	}
	rp = e->pval;
	if (t - rp->last > 10 * 60 * 1000LL)
		rp->start = t; /* apart (unheard) for 10 min: start again */
	rp->last = t;
	rp->lat = a->lat;
	rp->lon = a->lon;
	if (t - rp->start < p->rules.rdv_time)
		return;
	snprintf(ida, sizeof ida, "mmsi:%u", lo);
	snprintf(idb, sizeof idb, "mmsi:%u", hi);
	m[0] = ida;
	m[1] = idb;
	snprintf(why, sizeof why, "%s and %s within %.0f m (now %.0f m) at "
	    "under %.0f kn for %lld min, more than %.0f NM from any port",
	    ida, idb, p->rules.rdv_m, dist, p->rules.rdv_kn,
	    (long long)((t - rp->start) / 60000), p->rules.rdv_port_nm);
	inc_raise_m(p, R_RDV, key, rp->start, PIC_DOM_MARITIME, why, m, 2);
	if ((in = inc_open_find(p, R_RDV, key)) != NULL) {
		in->pub.last = t;
		in->expires = t + p->rules.hold[R_RDV];
	}
}

static void
track_rendezvous(pic *p, const struct track *tr, tcop_ms t)
{
	int32_t cand[512];
	size_t n;

	if (!p->rules.enabled[R_RDV] || !isfinite(tr->speed) ||
	    tr->speed >= p->rules.rdv_kn)
		return;
	n = grid_near(p, tr->lat, tr->lon, p->rules.rdv_m, t, cand, 512);
	for (size_t i = 0; i < n; i++) {
		const struct track *o;
		double lat, lon, d;
		if (p->tx[cand[i]].mmsi == tr->mmsi ||
		    (o = trk_track(p, &p->tx[cand[i]])) == NULL ||
		    !o->has_pos || !isfinite(o->speed) ||
		    o->speed >= p->rules.rdv_kn ||
		    t - o->t_pos > 10 * 60 * 1000LL ||
		    !track_predict(o, t, &lat, &lon))
			continue;
		d = geo_dist_m(tr->lat, tr->lon, lat, lon);
		if (d > p->rules.rdv_m || near_port(p, tr->lat, tr->lon))
			continue;
		rdv_pair(p, tr, o, t, d);
	}
}

/*
 * A vessel that reports again after a silence, or for the first time,
 * may be what a sensor saw while its AIS was off. For each open
 * dark-vessel incident whose detection lies inside the silence, the
 * track's position at the detection's time is interpolated between the
 * fixes either side (a first report: projected back along its course and
 * speed, up to assoc_max_age) and gated like association (gate_k x
 * sqrt(ce^2 + sigma^2), sigma = sigma_m + sigma_frac x the distance from
 * the nearer fix). Inside the gate, the track joins the incident, the
 * detection becomes associated to it, and the incident closes with the
 * reason: the dark contact is explained (that the vessel was silent is
 * the ais-gap rule's business). Only silences of RESUME_MIN or more are
 * looked at: a vessel reporting normally was tried at the detection's
 * time already. Interpolation is linear in degrees (short gaps, no
 * antimeridian crossing).
 */
#define RESUME_MIN (3 * 60 * 1000)

/* Where the track was at t, from its fixes; false if it can't say. */
static bool
resumed_at(const pic *p, const struct track *tr, const struct track_fix *fx,
    size_t n, tcop_ms t, double *lat, double *lon, double *near)
{
	const double deg = M_PI / 180;
	double lat1 = fx[0].lat_e7 / 1e7, lon1 = fx[0].lon_e7 / 1e7;

	if (t >= fx[0].t)
		return false;
	if (n == 2) {
		double lat0 = fx[1].lat_e7 / 1e7, lon0 = fx[1].lon_e7 / 1e7, f;
		if (t <= fx[1].t || fabs(lon1 - lon0) > 180)
			return false;
		f = (double)(t - fx[1].t) / (double)(fx[0].t - fx[1].t);
		*lat = lat0 + f * (lat1 - lat0);
		*lon = lon0 + f * (lon1 - lon0);
		*near = fmin(geo_dist_m(lat0, lon0, *lat, *lon),
		    geo_dist_m(*lat, *lon, lat1, lon1));
		return true;
	}
	if (fx[0].t - t > p->rules.assoc_max_age || !isfinite(tr->speed) ||
	    !isfinite(tr->course))
		return false;
	{
		double back_nm = tr->speed * (double)(fx[0].t - t) / 3600000.0;
		double c = tr->course * deg;
		*lat = lat1 - back_nm * cos(c) / 60.0;
		*lon = lon1 - back_nm * sin(c) /
		    (60.0 * cos((lat1 + *lat) / 2 * deg));
		*near = back_nm * NM_M;
	}
	return fabs(*lat) < 89.9 && fabs(*lon) <= 180;
}

static void
track_resumed(pic *p, const struct track *tr, const char *id)
{
	struct track_fix fx[2];
	size_t n, found = 0;
	double k = p->rules.gate_k;

	if (p->dark_open == 0 || (n = track_history(p->tt, tr, fx, 2)) == 0 ||
	    (n == 2 && fx[0].t - fx[1].t < RESUME_MIN))
		return;
	for (size_t i = p->ninc; i-- > 0 && found < p->dark_open;) {
		struct inc *in = &p->inc[i];
		struct gent *d;
		double lat, lon, near, sig, s2, dist;

		if (in->rule != R_DARK || in->pub.state == PIC_CLOSED)
			continue;
		found++;
		if ((d = gvec_get(&p->g[PIC_DETECTION], in->key)) == NULL ||
		    !resumed_at(p, tr, fx, n, d->t, &lat, &lon, &near))
			continue;
		sig = p->rules.sigma_m + p->rules.sigma_frac * near;
		s2 = d->ce * d->ce + sig * sig;
		dist = geo_dist_m(d->lat, d->lon, lat, lon);
		if (dist * dist > k * k * s2)
			continue;
		d->state = "associated";
		d->live = false;
		snprintf(d->ref, sizeof d->ref, "%s", id);
		inc_member(p, in, id);
		/* a long name cuts the reason short, not the record */
		if (snprintf(in->pub.why, sizeof in->pub.why, "explained: %s%s%s "
		    "%s after %lld min; its track passed %.0f m from %s at the "
		    "detection's time (gate %.0f m)", id, tr->shipname[0] ?
		    " " : "", tr->shipname, n == 2 ? "reported again" :
		    "reported for the first time",
		    (long long)((fx[0].t - d->t) / 60000), dist, d->id,
		    k * sqrt(s2)) < 0)
			in->pub.why[0] = '\0';
		if (fx[0].t > in->pub.last)
			in->pub.last = fx[0].t;
		inc_close(p, in, fx[0].t);
		pic_bump(p, PIC_DETECTION);
	}
}

void
corr_track(pic *p, const tcop_event *ev, const struct track *tr,
    struct trk_x *x, bool moved)
{
	char id[24];
	struct inc *in;

	if (tr->ring_n == 1 && p->dark_open > 0) { /* a first report */
		snprintf(id, sizeof id, "mmsi:%u", tr->mmsi);
		track_resumed(p, tr, id);
	}
	if (x->gap_t == TCOP_MS_NONE && !moved && (!isfinite(tr->speed) ||
	    tr->speed >= p->rules.rdv_kn))
		return; /* the common case: nothing to look at */
	snprintf(id, sizeof id, "mmsi:%u", tr->mmsi);
	if (x->gap_t != TCOP_MS_NONE) {
		if ((in = inc_open_find(p, R_GAP, id)) != NULL)
			inc_close(p, in, ev->t);
		x->gap_t = TCOP_MS_NONE;
	}
	if (moved) {
		track_jumps(p, tr, id, ev->t);
		track_resumed(p, tr, id);
	}
	track_rendezvous(p, tr, ev->t);
}

/* The silence after which a vessel under way is a gap; 0 if none. */
static tcop_ms
gap_limit(const pic *p, const struct track *tr)
{
	if (!isfinite(tr->speed) || tr->speed < p->rules.gap_min_kn ||
	    tr->status == 1 || tr->status == 5 || !tr->has_pos)
		return 0;
	if (tr->via_satellite)
		return p->rules.gap_sat;
	if (tr->type >= 1 && tr->type <= 3)
		return p->rules.gap_a;
	if (tr->type == 18 || tr->type == 19)
		return p->rules.gap_b;
	return 0;
}

static void
track_gap(pic *p, const struct track *tr, tcop_ms now)
{
	tcop_ms lim = gap_limit(p, tr), tg;
	struct trk_x *x;
	const char *zone;
	char id[24], why[256];

	if (lim == 0 || now - tr->t_last <= lim ||
	    (x = pic_trk(p, tr->mmsi, false)) == NULL || x->gap_t == tr->t_last)
		return;
	x->gap_t = tr->t_last;
	tg = tr->t_last + lim;
	snprintf(id, sizeof id, "mmsi:%u", tr->mmsi);
	pnt_check(p, id, tr->lat, tr->lon, tg, "went silent");
	if (!pic_in_zone(p, R_GAP, tr->lat, tr->lon, &zone))
		return;
	snprintf(why, sizeof why, "%s%s%s under way at %.1f kn, silent for "
	    "more than %lld min (%s AIS) inside %s", id, tr->shipname[0] ?
	    " " : "", tr->shipname, tr->speed, (long long)(lim / 60000),
	    tr->via_satellite ? "satellite" : tr->cls == TRACK_CLASS_B ?
	    "class B" : "class A", zone);
	inc_raise(p, R_GAP, id, tg, PIC_DOM_MARITIME, why);
}

/* ---- detections ---------------------------------------------------------- */

void
corr_detection(pic *p, struct gent *d, bool dark, const char *trk)
{
	const char *zone;
	char why[256];

	if (!dark) {
		d->state = "associated";
		d->live = false;
		snprintf(d->ref, sizeof d->ref, "%s", trk);
		p->st.associated++;
		return;
	}
	d->state = "dark";
	d->live = true;
	d->ref[0] = '\0';
	p->st.dark++;
	if (!pic_in_zone(p, R_DARK, d->lat, d->lon, &zone))
		return;
	snprintf(why, sizeof why, "%s detection %s matches no AIS track within "
	    "its gate (ce %.0f m), inside %s", d->label[0] ? d->label :
	    "sensor", d->id, d->ce, zone);
	inc_raise(p, R_DARK, d->id, d->t, PIC_DOM_MARITIME, why);
}

/* ---- space --------------------------------------------------------------- */

struct gsa {
	tcop_ms t;
	char asset[TCOP_ID_MAX];
	char sig[96];
};

/* Copies of the level-2 state's values (pic_clone): flat structs. */
static void *
blob_dup(const void *v, size_t n)
{
	void *d = malloc(n);

	if (d != NULL)
		memcpy(d, v, n);
	return d;
}

void *
corr_window_dup(const void *v)
{
	return blob_dup(v, sizeof(struct window));
}

void *
corr_pair_dup(const void *v)
{
	return blob_dup(v, sizeof(struct rpair));
}

void *
corr_gsa_dup(const void *v)
{
	return blob_dup(v, sizeof(struct gsa));
}

static void
c2s_check(pic *p, uint32_t norad, tcop_ms t, const char *what)
{
	char key[32], ikey[TCOP_ID_MAX + 32], nid[24], why[512];
	const char *m[2];
	struct strmap_ent *e;
	struct gsa *g;
	const struct sat_obj *o = sat_cat_find(p->sats, norad);

	snprintf(key, sizeof key, "%u", norad);
	if ((e = strmap_get(&p->gs_alert, key, strlen(key))) == NULL)
		return;
	g = e->pval;
	if (t < g->t || t - g->t > p->rules.c2s_window)
		return;
	snprintf(nid, sizeof nid, "norad:%u", norad);
	snprintf(ikey, sizeof ikey, "%s|%s", g->asset, nid);
	m[0] = g->asset;
	m[1] = nid;
	snprintf(why, sizeof why, "alert \"%.60s\" on ground station %.60s, then "
	    "%s of %s%s%.24s it controls %lld min later (window %lld h)", g->sig,
	    g->asset, what, nid, o && o->el.name[0] ? " " : "",
	    o ? o->el.name : "", (long long)((t - g->t) / 60000),
	    (long long)(p->rules.c2s_window / 3600000));
	inc_raise_m(p, R_C2S, ikey, t, PIC_DOM_CYBER | PIC_DOM_SPACE, why, m,
	    2);
}

void
corr_elements(pic *p, uint32_t norad, const struct sat_obj *o,
    double days, tcop_ms t)
{
	double lim = p->rules.mnv_km + p->rules.mnv_km_day * days;
	char id[24], why[256];

	if (!isfinite(o->jump_km) || o->jump_km <= lim)
		return;
	snprintf(id, sizeof id, "norad:%u", norad);
	snprintf(why, sizeof why, "%s%s%s: the new element set is %.1f km from "
	    "the previous one propagated to its epoch (limit %.1f km over "
	    "%.2f days)", id, o->el.name[0] ? " " : "", o->el.name,
	    o->jump_km, lim, days);
	inc_raise(p, R_MNV, id, t, PIC_DOM_SPACE, why);
	c2s_check(p, norad, t, "a maneuver");
}

void
corr_space_event(pic *p, const tcop_event *ev)
{
	uint32_t n = ev->u.sev.norad;

	if (n == 0 && strncmp(ev->id, "norad:", 6) == 0)
		n = (uint32_t)strtoul(ev->id + 6, NULL, 10);
	if (n != 0 && (strcmp(ev->u.sev.what, "maneuver") == 0 ||
	    strcmp(ev->u.sev.what, "anomaly") == 0))
		c2s_check(p, n, ev->t, strcmp(ev->u.sev.what, "maneuver") == 0 ?
		    "a maneuver" : "an anomaly");
}

static uint32_t
norad_of(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	return *s != '\0' && *end == '\0' && v < 1000000 ? (uint32_t)v : 0;
}

void
corr_conjunction(pic *p, const tcop_event *ev)
{
	const struct tcop_ev_conjunction *c = &ev->u.cdm;
	uint32_t a = norad_of(c->sat_1_id), b = norad_of(c->sat_2_id);
	uint32_t lo = a < b ? a : b, hi = a < b ? b : a;
	char key[32], ia[24], ib[24], why[256], tca[32];
	const char *m[3];
	bool hit;
	struct inc *in;

	if (a == 0 || b == 0 || (!rules_protected(&p->rules, a) &&
	    !rules_protected(&p->rules, b)))
		return;
	snprintf(key, sizeof key, "%u|%u", lo, hi);
	hit = (isfinite(c->pc) && c->pc >= p->rules.conj_pc) ||
	    (isfinite(c->min_rng) && c->min_rng <= p->rules.conj_rng_m);
	if (!hit) {
		if ((in = inc_open_find(p, R_CONJ, key)) != NULL)
			inc_close(p, in, ev->t);
		return;
	}
	snprintf(ia, sizeof ia, "norad:%u", a);
	snprintf(ib, sizeof ib, "norad:%u", b);
	m[0] = ev->id;
	m[1] = ia;
	m[2] = ib;
	tcop_time_format_s(c->tca, tca, sizeof tca);
	snprintf(why, sizeof why, "%s %s and %s %s pass %.0f m apart at %s, "
	    "Pc %.2g (limits Pc %.0e, %.0f m)", ia, c->sat_1_name, ib,
	    c->sat_2_name, c->min_rng, tca, c->pc, p->rules.conj_pc,
	    p->rules.conj_rng_m);
	if ((in = inc_raise_m(p, R_CONJ, key, ev->t, PIC_DOM_SPACE, why, m,
	    3)) != NULL && c->tca != TCOP_MS_NONE &&
	    c->tca + p->rules.hold[R_CONJ] > in->expires)
		in->expires = c->tca + p->rules.hold[R_CONJ];
}

/* ---- cyber --------------------------------------------------------------- */

static void
alert_c2s(pic *p, const tcop_event *ev, const struct asset *as,
    const char *aid)
{
	for (int i = 0; i < as->ncontrols; i++) {
		char key[32];
		struct strmap_ent *e;
		struct gsa *g;
		bool c;
		snprintf(key, sizeof key, "%u", as->controls[i]);
		if ((e = strmap_put(&p->gs_alert, key, strlen(key), &c)) ==
		    NULL)
			return;
		if (e->pval == NULL && (e->pval = calloc(1, sizeof *g)) == NULL)
			return;
		g = e->pval;
		if (!c && ev->t < g->t)
			continue;
		g->t = ev->t;
		pic_copy(g->asset, sizeof g->asset, aid);
		pic_copy(g->sig, sizeof g->sig, ev->u.alert.signature);
	}
}

void
corr_alert(pic *p, const tcop_event *ev, const struct alert_row *row)
{
	char aid[TCOP_ID_MAX + 8], key[200], why[256];
	const char *m[WIN_MAX];
	const struct asset *as = NULL;
	struct window *w;
	int n, i;

	if (!row->placed)
		return;
	snprintf(aid, sizeof aid, "%s%s", strncmp(row->key, "asset:", 6) ?
	    "asset:" : "", row->key);
	if (p->as != NULL && (i = assets_find(p->as, aid + 6)) >= 0)
		as = assets_get(p->as, i);
	if (as != NULL && strcmp(as->kind, "ground-station") == 0)
		alert_c2s(p, ev, as, aid);
	snprintf(key, sizeof key, "camp|%s", row->signature);
	if ((w = win_get(p, key)) == NULL)
		return;
	n = win_add(w, aid, ev->t, p->rules.camp_window);
	if (n < p->rules.camp_assets)
		return;
	for (i = 0; i < n; i++)
		m[i] = w->m[i].id;
	snprintf(why, sizeof why, "signature \"%.120s\" on %d assets within "
	    "%lld min", row->signature, n,
	    (long long)(p->rules.camp_window / 60000));
	inc_raise_m(p, R_CAMP, row->signature, ev->t, PIC_DOM_CYBER, why, m, n);
}

/* ---- time ---------------------------------------------------------------- */

static void
tick_pairs(pic *p, tcop_ms now)
{
	for (size_t i = 0; i < p->pairs.cap; i++) {
		struct strmap_ent *e = strmap_at(&p->pairs, i);
		struct rpair *rp;
		struct inc *in;
		char key[48];
		if (e == NULL)
			continue;
		rp = e->pval;
		snprintf(key, sizeof key, "%.*s", (int)e->klen, e->key);
		if (rp != NULL && now - rp->last <= 10 * 60 * 1000LL)
			continue;
		if (rp != NULL && (in = inc_open_find(p, R_RDV, key)) != NULL)
			inc_close(p, in, rp->last);
		free(strmap_del(&p->pairs, key, strlen(key)));
	}
}

void
corr_tick(pic *p, tcop_ms now)
{
	size_t cur = 0;
	const struct track *tr;

	p->gap_scan_t = now;
	while ((tr = track_next(p->tt, &cur)) != NULL)
		track_gap(p, tr, now);
	for (size_t i = 0; i < p->ninc; i++) {
		struct inc *in = &p->inc[i];
		if (in->pub.state != PIC_CLOSED && in->expires <= now)
			inc_close(p, in, in->expires);
	}
	tick_pairs(p, now);
}
