/*
 * shpload.c: shapefile → struct geo_layer (see shpload.h), through libshp.
 * libshp reports its failures through SAHooks.Error, which has no user
 * argument: the message is kept in a thread-local buffer and copied into
 * the caller's `why`, so loaders on different threads do not mix them up.
 * Known limits: Z and M values are dropped; multipatch and point files are
 * refused; names are read from a field called NAME only.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <shapefil.h>

#include "geo/shpload.h"

#define DEG (M_PI / 180.0)
#define MAX_VERTS (64u << 20) /* refuse layers beyond 64 Mi vertices */

static _Thread_local char shp_err[256];

static void
shp_error_hook(const char *msg)
{
	snprintf(shp_err, sizeof shp_err, "%s", msg);
}

static void
hooks_init(SAHooks *h)
{
	SASetupDefaultHooks(h);
	h->Error = shp_error_hook;
}

static float
merc_deg(double lat)
{
	if (lat > 85.0511287798)
		lat = 85.0511287798;
	if (lat < -85.0511287798)
		lat = -85.0511287798;
	return (float)(log(tan(M_PI / 4 + lat * DEG / 2)) / DEG);
}

/* Make room for n more vertices / one more part; false on ENOMEM. */
static bool
grow_verts(struct geo_layer *l, uint32_t *cap, uint32_t n)
{
	uint32_t c = *cap ? *cap : 4096;
	float *a, *b;

	if (l->nvert + n <= *cap)
		return true;
	if ((uint64_t)l->nvert + n > MAX_VERTS)
		return false;
	while (c < l->nvert + n)
		c *= 2;
	if ((a = realloc(l->lon, c * sizeof *a)) == NULL)
		return false;
	l->lon = a;
	if ((b = realloc(l->lat, c * sizeof *b)) == NULL)
		return false;
	l->lat = b;
	*cap = c;
	return true;
}

static bool
grow_parts(struct geo_layer *l, uint32_t *cap)
{
	struct geo_part *p;
	uint32_t c;

	if (l->npart < *cap)
		return true;
	c = *cap ? *cap * 2 : 256;
	if ((p = realloc(l->parts, c * sizeof *p)) == NULL)
		return false;
	l->parts = p;
	*cap = c;
	return true;
}

/* A shape's part table and coordinates are sane (libshp checks sizes only). */
static bool
shape_ok(const SHPObject *s)
{
	if (s->nVertices < 0 || s->nParts < 0)
		return false;
	for (int i = 0; i < s->nParts; i++) {
		int a = s->panPartStart[i];
		int b = i + 1 < s->nParts ? s->panPartStart[i + 1] : s->nVertices;
		if (a < 0 || a > b || b > s->nVertices)
			return false;
	}
	for (int i = 0; i < s->nVertices; i++) {
		double x = s->padfX[i], y = s->padfY[i];
		if (!isfinite(x) || !isfinite(y) || x < -180.5 || x > 180.5 ||
		    y < -90.5 || y > 90.5)
			return false;
	}
	return true;
}

/* Append (x, y) to l's vertices (room already made) and widen part p's
 * bounding box to hold it. */
static void
put_vertex(struct geo_layer *l, struct geo_part *p, float x, float y)
{
	l->lon[l->nvert] = x;
	l->lat[l->nvert] = y;
	l->nvert++;
	p->lon0 = fminf(p->lon0, x);
	p->lon1 = fmaxf(p->lon1, x);
	p->lat0 = fminf(p->lat0, y);
	p->lat1 = fmaxf(p->lat1, y);
}

static bool
add_part(struct geo_layer *l, const SHPObject *s, int a, int b,
    uint32_t shape, uint32_t *vcap, uint32_t *pcap)
{
	struct geo_part *p;
	uint32_t n = (uint32_t)(b - a);

	if (n < (l->kind == GEO_POLYGONS ? 3u : 2u))
		return true;
	if (!grow_verts(l, vcap, n) || !grow_parts(l, pcap))
		return false;
	p = &l->parts[l->npart++];
	p->first = l->nvert;
	p->n = n;
	p->shape = shape;
	p->lon0 = p->lat0 = INFINITY;
	p->lon1 = p->lat1 = -INFINITY;
	for (int i = a; i < b; i++)
		put_vertex(l, p, (float)s->padfX[i], (float)s->padfY[i]);
	return true;
}

static bool
add_shape(struct geo_layer *l, const SHPObject *s, uint32_t shape,
    uint32_t *vcap, uint32_t *pcap)
{
	if (s->nParts == 0)
		return add_part(l, s, 0, s->nVertices, shape, vcap, pcap);
	for (int i = 0; i < s->nParts; i++) {
		int b = i + 1 < s->nParts ? s->panPartStart[i + 1] : s->nVertices;
		if (!add_part(l, s, s->panPartStart[i], b, shape, vcap, pcap))
			return false;
	}
	return true;
}

static tcop_err
fail(struct geo_layer *l, tcop_err e, char *why, size_t whylen,
    const char *path, const char *reason)
{
	geo_layer_fini(l);
	snprintf(why, whylen, "%s: %s", path, reason);
	return e;
}

static tcop_err
load_shapes(struct geo_layer *l, const char *base, char *why, size_t whylen)
{
	char path[4096];
	SAHooks hooks;
	SHPHandle h;
	int n, type;
	uint32_t vcap = 0, pcap = 0;

	snprintf(path, sizeof path, "%s.shp", base);
	hooks_init(&hooks);
	shp_err[0] = '\0';
	errno = 0;
	if ((h = SHPOpenLL(path, "rb", &hooks)) == NULL)
		return fail(l, TCOP_ESYS, why, whylen, path,
		    shp_err[0] ? shp_err : errno ? strerror(errno) : "cannot open");
	SHPGetInfo(h, &n, &type, NULL, NULL);
	switch (type) {
	case SHPT_ARC: case SHPT_ARCZ: case SHPT_ARCM:
		l->kind = GEO_LINES;
		break;
	case SHPT_POLYGON: case SHPT_POLYGONZ: case SHPT_POLYGONM:
		l->kind = GEO_POLYGONS;
		break;
	default:
		SHPClose(h);
		return fail(l, TCOP_EFORMAT, why, whylen,
		    path, "not a line or polygon shapefile");
	}
	l->nshape = n < 0 ? 0 : (uint32_t)n;
	for (uint32_t i = 0; i < l->nshape; i++) {
		SHPObject *s = SHPReadObject(h, (int)i);
		bool ok;

		if (s == NULL || !shape_ok(s)) {
			l->nbad++;
			SHPDestroyObject(s);
			continue;
		}
		ok = add_shape(l, s, i, &vcap, &pcap);
		SHPDestroyObject(s);
		if (!ok) {
			SHPClose(h);
			return fail(l, TCOP_ENOMEM, why, whylen, path,
			    "too many vertices for memory");
		}
	}
	SHPClose(h);
	return TCOP_OK;
}

static tcop_err
load_names(struct geo_layer *l, const char *base, char *why, size_t whylen)
{
	char path[4096];
	struct stat st;
	SAHooks hooks;
	DBFHandle d;
	int field;
	size_t len = 0, cap = 0;

	snprintf(path, sizeof path, "%s.dbf", base);
	if (stat(path, &st) != 0)
		return TCOP_OK; /* attributes are optional */
	hooks_init(&hooks);
	shp_err[0] = '\0';
	if ((d = DBFOpenLL(path, "rb", &hooks)) == NULL)
		return fail(l, TCOP_EFORMAT, why, whylen, path,
		    shp_err[0] ? shp_err : "cannot read attributes");
	if (DBFGetRecordCount(d) != (int)l->nshape) {
		DBFClose(d);
		return fail(l, TCOP_EFORMAT, why, whylen, path,
		    "record count differs from the shapefile's");
	}
	if ((field = DBFGetFieldIndex(d, "NAME")) < 0 || l->nshape == 0) {
		DBFClose(d);
		return TCOP_OK;
	}
	if ((l->name_at = calloc(l->nshape, sizeof *l->name_at)) == NULL)
		goto nomem;
	for (uint32_t i = 0; i < l->nshape; i++) {
		const char *s = DBFReadStringAttribute(d, (int)i, field);
		size_t n = s != NULL ? strlen(s) : 0;

		if (len + n + 1 > cap) {
			char *p;
			cap = (len + n + 1) * 2;
			if ((p = realloc(l->names, cap)) == NULL)
				goto nomem;
			l->names = p;
		}
		l->name_at[i] = (uint32_t)len;
		memcpy(l->names + len, s != NULL ? s : "", n);
		l->names[len + n] = '\0';
		len += n + 1;
	}
	DBFClose(d);
	return TCOP_OK;
nomem:
	DBFClose(d);
	return fail(l, TCOP_ENOMEM, why, whylen, path, "out of memory");
}

tcop_err
geo_layer_load(struct geo_layer *l, const char *base, char *why,
    size_t whylen)
{
	tcop_err e;

	memset(l, 0, sizeof *l);
	if ((e = load_shapes(l, base, why, whylen)) != TCOP_OK)
		return e;
	return load_names(l, base, why, whylen);
}

void
geo_layer_fini(struct geo_layer *l)
{
	free(l->lon);
	free(l->lat);
	free(l->mlat);
	free(l->parts);
	free(l->names);
	free(l->name_at);
	memset(l, 0, sizeof *l);
}

/* ==== shared edges ==== */

struct edge_set {
	const struct geo_layer *l;
	uint32_t *slot;  /* vertex index + 1 of an edge's start, 0 = empty */
	uint8_t *count;  /* per slot: occurrences, saturating at 2 */
	uint8_t *done;   /* per slot: emitted already */
	uint32_t mask;
};

static bool
vless(const struct geo_layer *l, uint32_t a, uint32_t b)
{
	return l->lon[a] < l->lon[b] ||
	    (l->lon[a] == l->lon[b] && l->lat[a] < l->lat[b]);
}

static bool
vsame(const struct geo_layer *l, uint32_t a, uint32_t b)
{
	return l->lon[a] == l->lon[b] && l->lat[a] == l->lat[b];
}

static uint32_t
fbits(float f)
{
	uint32_t u;

	f += 0.0f; /* -0 and 0 hash alike, as they compare */
	memcpy(&u, &f, sizeof u);
	return u;
}

/* The slot of edge (v, v+1), direction ignored: an existing one or a free one. */
static uint32_t
edge_slot(const struct edge_set *es, uint32_t v)
{
	const struct geo_layer *l = es->l;
	uint32_t a = v, b = v + 1, h;

	if (vless(l, b, a)) {
		a = v + 1;
		b = v;
	}
	h = fbits(l->lon[a]) * 0x9e3779b1u;
	h ^= fbits(l->lat[a]) * 0x85ebca77u;
	h ^= fbits(l->lon[b]) * 0xc2b2ae3du;
	h ^= fbits(l->lat[b]) * 0x27d4eb2fu;
	h ^= h >> 15;
	for (;; h++) {
		uint32_t i = h & es->mask, w = es->slot[i];
		uint32_t c, d;

		if (w == 0)
			return i;
		w--;
		c = w;
		d = w + 1;
		if (vless(l, d, c)) {
			c = w + 1;
			d = w;
		}
		if (vsame(l, a, c) && vsame(l, b, d))
			return i;
	}
}

/* Append vertex v of the source to out as part of the current line. */
static bool
emit_vertex(struct geo_layer *out, const struct geo_layer *l, uint32_t v,
    uint32_t *vcap)
{
	struct geo_part *p = &out->parts[out->npart - 1];
	float x = l->lon[v], y = l->lat[v];

	if (!grow_verts(out, vcap, 1))
		return false;
	put_vertex(out, p, x, y);
	p->n++;
	return true;
}

static bool
start_line(struct geo_layer *out, uint32_t shape, uint32_t *pcap)
{
	struct geo_part *p;

	if (!grow_parts(out, pcap))
		return false;
	p = &out->parts[out->npart++];
	p->first = out->nvert;
	p->n = 0;
	p->shape = shape;
	p->lon0 = p->lat0 = INFINITY;
	p->lon1 = p->lat1 = -INFINITY;
	return true;
}

/* Runs of shared, not yet emitted edges of every ring become lines. */
static bool
emit_shared(struct edge_set *es, struct geo_layer *out)
{
	const struct geo_layer *l = es->l;
	uint32_t vcap = 0, pcap = 0;

	for (uint32_t i = 0; i < l->npart; i++) {
		const struct geo_part *q = &l->parts[i];
		bool open = false;

		for (uint32_t v = q->first; v + 1 < q->first + q->n; v++) {
			uint32_t s = edge_slot(es, v);

			if (es->count[s] < 2 || es->done[s]) {
				open = false;
				continue;
			}
			es->done[s] = 1;
			if (!open) {
				if (!start_line(out, q->shape, &pcap) ||
				    !emit_vertex(out, l, v, &vcap))
					return false;
				open = true;
			}
			if (!emit_vertex(out, l, v + 1, &vcap))
				return false;
		}
	}
	return true;
}

tcop_err
geo_layer_shared_edges(const struct geo_layer *poly, struct geo_layer *out)
{
	struct edge_set es = { .l = poly };
	uint32_t size = 1024;
	bool ok;

	memset(out, 0, sizeof *out);
	out->kind = GEO_LINES;
	if (poly->kind != GEO_POLYGONS)
		return TCOP_EINVAL;
	while (size < 2 * (uint64_t)poly->nvert && size < (1u << 30))
		size *= 2;
	es.mask = size - 1;
	es.slot = calloc(size, sizeof *es.slot);
	es.count = calloc(size, 1);
	es.done = calloc(size, 1);
	ok = es.slot != NULL && es.count != NULL && es.done != NULL;
	for (uint32_t i = 0; ok && i < poly->npart; i++) {
		const struct geo_part *q = &poly->parts[i];
		for (uint32_t v = q->first; v + 1 < q->first + q->n; v++) {
			uint32_t s;
			if (vsame(poly, v, v + 1))
				continue;
			s = edge_slot(&es, v);
			if (es.slot[s] == 0)
				es.slot[s] = v + 1;
			if (es.count[s] < 2)
				es.count[s]++;
		}
	}
	ok = ok && emit_shared(&es, out);
	free(es.slot);
	free(es.count);
	free(es.done);
	if (!ok) {
		geo_layer_fini(out);
		return TCOP_ENOMEM;
	}
	out->nshape = poly->nshape;
	return TCOP_OK;
}

tcop_err
geo_layer_mercator(struct geo_layer *l)
{
	if (l->mlat != NULL || l->nvert == 0)
		return TCOP_OK;
	if ((l->mlat = malloc(l->nvert * sizeof *l->mlat)) == NULL)
		return TCOP_ENOMEM;
	for (uint32_t i = 0; i < l->nvert; i++)
		l->mlat[i] = merc_deg(l->lat[i]);
	return TCOP_OK;
}

const char *
geo_layer_name(const struct geo_layer *l, uint32_t shape)
{
	if (l->name_at == NULL || shape >= l->nshape)
		return "";
	return l->names + l->name_at[shape];
}
