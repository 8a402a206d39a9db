/*
 * sat.c: the picture's satellite catalogue (sat.h).
 *
 * Layout: objects live in one array (struct sat_obj, array of structs, for
 * the lists and the detail pane); an open-addressing table maps NORAD ids
 * to their index. For positions, the near-earth objects are copied into a
 * structure-of-arrays batch (orbit/sgp4_batch.h) that is rebuilt lazily
 * after puts; deep-space objects keep the scalar sgp4() with its resonance
 * state. One GMST rotation turns the whole batch earth-fixed.
 *
 * Invariants: table[h] is 0 or 1 + an index into objs; every object is in
 * exactly one of the batch slots or the deep list once `dirty` is false.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "orbit/sgp4_batch.h"
#include "pic/sat.h"

#define DEG (3.14159265358979323846 / 180.0)

struct sat_cat {
	struct sat_obj *objs;
	size_t n, cap;
	uint32_t *table; /* 1 + index, 0 empty */
	size_t tcap;     /* power of two, >= 2 n */
	/* positions */
	bool dirty;
	struct sgp4_batch batch;
	size_t *slot_obj;          /* batch slot -> object */
	size_t *deep;              /* deep-space objects */
	size_t ndeep;
	double *tsince;            /* per batch slot */
	struct sgp4_state *state;  /* per batch slot */
	size_t scap;               /* capacity of the per-slot arrays */
};

static size_t
hash(uint32_t k, size_t cap)
{
	return (size_t)((k * 2654435761u) & (uint32_t)(cap - 1));
}

tcop_err
sat_cat_create(sat_cat **out)
{
	sat_cat *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return TCOP_ENOMEM;
	sgp4_batch_init(&c->batch);
	*out = c;
	return TCOP_OK;
}

void
sat_cat_destroy(sat_cat *c)
{
	if (c == NULL)
		return;
	sgp4_batch_fini(&c->batch);
	free(c->objs);
	free(c->table);
	free(c->slot_obj);
	free(c->deep);
	free(c->tsince);
	free(c->state);
	free(c);
}

tcop_err
sat_cat_clone(sat_cat **out, const sat_cat *src)
{
	sat_cat *c;

	*out = NULL;
	if (sat_cat_create(&c) != TCOP_OK)
		return TCOP_ENOMEM;
	if (src->n > 0 && (c->objs = malloc(src->n * sizeof *c->objs)) == NULL)
		goto nomem;
	if (src->tcap > 0 &&
	    (c->table = malloc(src->tcap * sizeof *c->table)) == NULL)
		goto nomem;
	if (src->n > 0)
		memcpy(c->objs, src->objs, src->n * sizeof *c->objs);
	if (src->tcap > 0)
		memcpy(c->table, src->table, src->tcap * sizeof *c->table);
	c->n = c->cap = src->n;
	c->tcap = src->tcap;
	c->dirty = true; /* the batch is rebuilt from objs, as it was */
	*out = c;
	return TCOP_OK;
nomem:
	sat_cat_destroy(c);
	return TCOP_ENOMEM;
}

size_t
sat_cat_bytes(const sat_cat *c)
{
	return sizeof *c + c->cap * sizeof *c->objs + c->tcap *
	    sizeof *c->table + c->scap * (2 * sizeof(size_t) +
	    sizeof(double) + sizeof(struct sgp4_state) + 8 * sizeof(double));
}

static long
lookup(const sat_cat *c, uint32_t norad)
{
	if (c->tcap == 0)
		return -1;
	for (size_t h = hash(norad, c->tcap);; h = (h + 1) & (c->tcap - 1)) {
		uint32_t v = c->table[h];
		if (v == 0)
			return -1;
		if (c->objs[v - 1].el.norad == norad)
			return (long)v - 1;
	}
}

static tcop_err
rehash(sat_cat *c, size_t tcap)
{
	uint32_t *t = calloc(tcap, sizeof(*t));

	if (t == NULL)
		return TCOP_ENOMEM;
	for (size_t i = 0; i < c->n; i++) {
		size_t h = hash(c->objs[i].el.norad, tcap);
		while (t[h] != 0)
			h = (h + 1) & (tcap - 1);
		t[h] = (uint32_t)(i + 1);
	}
	free(c->table);
	c->table = t;
	c->tcap = tcap;
	return TCOP_OK;
}

tcop_err
sat_cat_put(sat_cat *c, const struct orb_elements *el, enum sat_put *what)
{
	long i = lookup(c, el->norad);
	struct sat_obj *o;
	enum sat_put w;

	if (i >= 0) {
		double r0[3], v0[3], r1[3], v1[3];
		elsetrec old;

		o = &c->objs[i];
		if (el->jdsatepoch + el->jdsatepochF <=
		    o->el.jdsatepoch + o->el.jdsatepochF) {
			if (what != NULL)
				*what = SAT_OLDER;
			return TCOP_OK;
		}
		old = o->rec;
		sgp4(&old, orb_tsince_jd(&old, el->jdsatepoch, el->jdsatepochF),
		    r0, v0);
		o->el = *el;
		orb_init(el, &o->rec);
		sgp4(&o->rec, 0.0, r1, v1);
		o->jump_km = old.error != 0 || o->rec.error != 0 ? NAN :
		    sqrt((r0[0] - r1[0]) * (r0[0] - r1[0]) +
		    (r0[1] - r1[1]) * (r0[1] - r1[1]) +
		    (r0[2] - r1[2]) * (r0[2] - r1[2]));
		w = SAT_REPLACED;
	} else {
		if (c->n == c->cap) {
			size_t cap = c->cap ? 2 * c->cap : 1024;
			struct sat_obj *p = realloc(c->objs, cap * sizeof(*p));
			if (p == NULL)
				return TCOP_ENOMEM;
			c->objs = p;
			c->cap = cap;
		}
		if (2 * (c->n + 1) > c->tcap &&
		    rehash(c, c->tcap ? 2 * c->tcap : 2048) != TCOP_OK)
			return TCOP_ENOMEM;
		o = &c->objs[c->n];
		memset(o, 0, sizeof(*o));
		o->el = *el;
		orb_init(el, &o->rec);
		o->jump_km = NAN;
		o->err = -1;
		{
			size_t h = hash(el->norad, c->tcap);
			while (c->table[h] != 0)
				h = (h + 1) & (c->tcap - 1);
			c->table[h] = (uint32_t)(c->n + 1);
		}
		c->n++;
		w = SAT_ADDED;
	}
	c->dirty = true;
	if (what != NULL)
		*what = w;
	return TCOP_OK;
}

size_t
sat_cat_count(const sat_cat *c)
{
	return c->n;
}

const struct sat_obj *
sat_cat_at(const sat_cat *c, size_t i)
{
	return i < c->n ? &c->objs[i] : NULL;
}

const struct sat_obj *
sat_cat_find(const sat_cat *c, uint32_t norad)
{
	long i = lookup(c, norad);
	return i < 0 ? NULL : &c->objs[i];
}

static tcop_err
rebuild(sat_cat *c)
{
	if (c->scap < c->n) {
		size_t cap = c->n;
		size_t *so = realloc(c->slot_obj, cap * sizeof(*so));
		size_t *dp = so ? realloc(c->deep, cap * sizeof(*dp)) : NULL;
		double *ts;
		struct sgp4_state *st;

		if (so != NULL)
			c->slot_obj = so;
		if (dp == NULL)
			return TCOP_ENOMEM;
		c->deep = dp;
		ts = realloc(c->tsince, cap * sizeof(*ts));
		if (ts == NULL)
			return TCOP_ENOMEM;
		c->tsince = ts;
		st = realloc(c->state, cap * sizeof(*st));
		if (st == NULL)
			return TCOP_ENOMEM;
		c->state = st;
		c->scap = cap;
	}
	sgp4_batch_clear(&c->batch);
	c->ndeep = 0;
	for (size_t i = 0; i < c->n; i++) {
		long s = sgp4_batch_add(&c->batch, &c->objs[i].rec);
		if (s == -2)
			return TCOP_ENOMEM;
		if (s < 0)
			c->deep[c->ndeep++] = i;
		else
			c->slot_obj[s] = i;
	}
	c->dirty = false;
	return TCOP_OK;
}

size_t
sat_cat_update(sat_cat *c, tcop_ms t)
{
	double jd, fr, g, cg, sg, r[3], v[3];
	size_t good = 0, nb;

	if (c->dirty && rebuild(c) != TCOP_OK) {
		for (size_t i = 0; i < c->n; i++)
			c->objs[i].err = -1;
		return 0;
	}
	orb_jd_of_ms(t, &jd, &fr);
	g = gstime(jd + fr);
	cg = cos(g);
	sg = sin(g);
	nb = c->batch.n;
	for (size_t j = 0; j < nb; j++)
		c->tsince[j] = orb_tsince_jd(&c->objs[c->slot_obj[j]].rec, jd, fr);
	sgp4_batch_run(&c->batch, c->tsince, c->state);
	for (size_t j = 0; j < nb; j++) {
		struct sat_obj *o = &c->objs[c->slot_obj[j]];
		const double *p = c->state[j].r;
		int err = (int)c->state[j].err;

		if (err == -1) { /* not converged: the scalar path decides */
			sgp4(&o->rec, c->tsince[j], r, v);
			err = o->rec.error;
			p = r;
		}
		o->ecef[0] = cg * p[0] + sg * p[1];
		o->ecef[1] = -sg * p[0] + cg * p[1];
		o->ecef[2] = p[2];
		o->err = err;
		good += err == 0;
	}
	for (size_t k = 0; k < c->ndeep; k++) {
		struct sat_obj *o = &c->objs[c->deep[k]];

		sgp4(&o->rec, orb_tsince_jd(&o->rec, jd, fr), r, v);
		o->ecef[0] = cg * r[0] + sg * r[1];
		o->ecef[1] = -sg * r[0] + cg * r[1];
		o->ecef[2] = r[2];
		o->err = o->rec.error;
		good += o->err == 0;
	}
	return good;
}

bool
sat_cat_geodetic(const sat_cat *c, size_t i, double *lat, double *lon,
    double *alt_km)
{
	if (i >= c->n || c->objs[i].err != 0)
		return false;
	orb_ecef_to_geodetic(c->objs[i].ecef, lat, lon, alt_km);
	return true;
}

size_t
sat_cat_visible(const sat_cat *c, double lat, double lon, double radius_deg,
    size_t *idx, size_t max)
{
	double ux = cos(lat * DEG) * cos(lon * DEG);
	double uy = cos(lat * DEG) * sin(lon * DEG);
	double uz = sin(lat * DEG);
	/* geocentric vs geodetic latitude differ by < 0.2 deg: widen */
	double cmin = cos((radius_deg + 0.2) * DEG);
	size_t k = 0;

	if (radius_deg >= 179.8)
		cmin = -2.0;
	for (size_t i = 0; i < c->n && k < max; i++) {
		const double *p = c->objs[i].ecef;
		double d = ux * p[0] + uy * p[1] + uz * p[2];
		double r2 = p[0] * p[0] + p[1] * p[1] + p[2] * p[2];

		if (c->objs[i].err != 0)
			continue;
		/* d / |p| >= cmin, without a square root when cmin >= 0 */
		if (cmin >= 0 ? (d >= 0 && d * d >= cmin * cmin * r2) :
		    (d >= 0 || d * d <= cmin * cmin * r2))
			idx[k++] = i;
	}
	return k;
}

double
sat_age_days(const struct sat_obj *o, tcop_ms t)
{
	double jd, fr;

	orb_jd_of_ms(t, &jd, &fr);
	return (jd - o->el.jdsatepoch) + (fr - o->el.jdsatepochF);
}
