/*
 * rules.c: the rules file of the correlation core (rules.h, docs/rules.md).
 *
 * The file is one JSON object:
 *
 *   { "association": { "gate_k": 3, "sigma_m": 100, ... },
 *     "rules": { "ais-gap": { "enabled": true, "severity": "medium",
 *                             "suppress": ["mmsi:1"], "class_a": "20m" }, ... },
 *     "zones": [ { "name": "...", "area": [[lon,lat],...], "rules": [...] },
 *                { "type": "Feature", "geometry": { "type": "Polygon", ...}},
 *                { "geojson": "FILE" } ] }
 *
 * Unknown keys are rejected with their name, so a typo in a threshold
 * never silently leaves the default in place. The cJSON tree is freed
 * before returning; nothing of it is kept.
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pic/pic.h"
#include "geo/shpload.h"
#include "pic/rules.h"

static const char *const rule_names[R_COUNT] = {
#define PIC_RULE_NAME(n, s) s,
	PIC_RULES(PIC_RULE_NAME)
#undef PIC_RULE_NAME
};

const char *
rule_name(enum pic_rule r)
{
	return (unsigned)r < R_COUNT ? rule_names[r] : "?";
}

int
rule_of_name(const char *s)
{
	for (int i = 0; i < R_COUNT; i++)
		if (strcmp(s, rule_names[i]) == 0)
			return i;
	return -1;
}

#define MIN_MS (60 * 1000LL)
#define HOUR_MS (60 * MIN_MS)

void
rules_default(struct pic_rules *r)
{
	static const int sev[R_COUNT] = {
		[R_DARK] = PIC_SEV_HIGH, [R_PNT] = PIC_SEV_HIGH,
		[R_C2S] = PIC_SEV_CRITICAL, [R_CONJ] = PIC_SEV_HIGH,
		[R_RDV] = PIC_SEV_MEDIUM, [R_CAMP] = PIC_SEV_HIGH,
		[R_GAP] = PIC_SEV_MEDIUM, [R_JUMP] = PIC_SEV_LOW,
		[R_IDC] = PIC_SEV_MEDIUM, [R_MNV] = PIC_SEV_LOW,
	};
	static const tcop_ms hold[R_COUNT] = {
		[R_DARK] = 6 * HOUR_MS, [R_PNT] = 6 * HOUR_MS,
		[R_C2S] = 6 * HOUR_MS, [R_CONJ] = 1 * HOUR_MS,
		[R_RDV] = 6 * HOUR_MS, [R_CAMP] = 60 * MIN_MS,
		[R_GAP] = 24 * HOUR_MS, [R_JUMP] = 30 * MIN_MS,
		[R_IDC] = 6 * HOUR_MS, [R_MNV] = 24 * HOUR_MS,
	};

	memset(r, 0, sizeof *r);
	for (int i = 0; i < R_COUNT; i++) {
		r->enabled[i] = true;
		r->severity[i] = sev[i];
		r->hold[i] = hold[i];
	}
	r->gate_k = 3;
	r->sigma_m = 100;
	r->sigma_frac = 0.1;
	r->assoc_max_age = 6 * HOUR_MS;
	r->gap_a = 20 * MIN_MS;
	r->gap_b = 30 * MIN_MS;
	r->gap_sat = 6 * HOUR_MS;
	r->gap_min_kn = 1;
	r->jump_kn = 50;
	r->jump_hsc_kn = 70;
	r->idc_nm = 10;
	r->idc_kn = 100;
	r->pnt_tracks = 3;
	r->pnt_window = 30 * MIN_MS;
	r->c2s_window = 6 * HOUR_MS;
	r->conj_pc = 1e-4;
	r->conj_rng_m = 1000;
	r->rdv_m = 500;
	r->rdv_kn = 2;
	r->rdv_port_nm = 5;
	r->rdv_time = 30 * MIN_MS;
	r->camp_assets = 3;
	r->camp_window = 60 * MIN_MS;
	r->mnv_km = 5;
	r->mnv_km_day = 2;
}

void
rules_free(struct pic_rules *r)
{
	for (int i = 0; i < R_COUNT; i++)
		free(r->suppress[i]);
	for (int i = 0; i < r->nzones; i++)
		free(r->zones[i].v);
	free(r->zones);
	free(r->protected_ids);
	rules_default(r);
}

static void *
memdup(const void *src, size_t n)
{
	void *d = n > 0 ? malloc(n) : NULL;

	if (d != NULL)
		memcpy(d, src, n);
	return d;
}

tcop_err
rules_clone(struct pic_rules *dst, const struct pic_rules *src)
{
	*dst = *src;
	dst->zones = NULL;
	dst->nzones = 0;
	dst->protected_ids = NULL;
	for (int i = 0; i < R_COUNT; i++)
		dst->suppress[i] = NULL;
	for (int i = 0; i < R_COUNT; i++)
		if (src->suppress[i] != NULL && (dst->suppress[i] =
		    memdup(src->suppress[i], ((size_t)src->nsuppress[i] + 1) *
		    sizeof *src->suppress[i])) == NULL)
			goto nomem;
	if (src->protected_ids != NULL && (dst->protected_ids =
	    memdup(src->protected_ids, ((size_t)src->nprotected + 1) *
	    sizeof *src->protected_ids)) == NULL)
		goto nomem;
	if (src->nzones > 0 && (dst->zones = calloc((size_t)src->nzones,
	    sizeof *dst->zones)) == NULL)
		goto nomem;
	for (int i = 0; i < src->nzones; i++) {
		dst->zones[i] = src->zones[i];
		dst->zones[i].v = memdup(src->zones[i].v,
		    (size_t)src->zones[i].n * sizeof *src->zones[i].v);
		dst->nzones = i + 1;
		if (dst->zones[i].v == NULL)
			goto nomem;
	}
	return TCOP_OK;
nomem:
	rules_free(dst);
	return TCOP_ENOMEM;
}

bool
rules_suppressed(const struct pic_rules *r, enum pic_rule rule, const char *id)
{
	for (int i = 0; i < r->nsuppress[rule]; i++)
		if (strcmp(r->suppress[rule][i], id) == 0)
			return true;
	return false;
}

bool
rules_protected(const struct pic_rules *r, uint32_t norad)
{
	if (r->nprotected == 0)
		return true;
	for (int i = 0; i < r->nprotected; i++)
		if (r->protected_ids[i] == norad)
			return true;
	return false;
}

tcop_err
zone_set(struct pic_zone *z, const double (*v)[2], int n)
{
	if (n < 3)
		return TCOP_EINVAL;
	if ((z->v = malloc((size_t)n * sizeof *z->v)) == NULL)
		return TCOP_ENOMEM;
	memcpy(z->v, v, (size_t)n * sizeof *z->v);
	z->n = n;
	z->w = z->e = v[0][0];
	z->s = z->nn = v[0][1];
	for (int i = 1; i < n; i++) {
		z->w = fmin(z->w, v[i][0]);
		z->e = fmax(z->e, v[i][0]);
		z->s = fmin(z->s, v[i][1]);
		z->nn = fmax(z->nn, v[i][1]);
	}
	return TCOP_OK;
}

/* Even-odd rule on the plane of lon/lat (zones are small, far from the
 * poles and do not cross 180: a known limit). */
bool
zone_contains(const struct pic_zone *z, double lat, double lon)
{
	bool in = false;

	if (z->n < 3 || lat < z->s || lat > z->nn || lon < z->w || lon > z->e)
		return false;
	for (int i = 0, j = z->n - 1; i < z->n; j = i++) {
		double xi = z->v[i][0], yi = z->v[i][1];
		double xj = z->v[j][0], yj = z->v[j][1];
		if ((yi > lat) != (yj > lat) &&
		    lon < (xj - xi) * (lat - yi) / (yj - yi) + xi)
			in = !in;
	}
	return in;
}

/* ---- parsing ------------------------------------------------------------- */

struct rctx {
	const char *name;
	char *err;
	size_t errsz;
};

static tcop_err
fail(struct rctx *c, tcop_err e, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (c->err == NULL || c->errsz == 0)
		return e;
	n = snprintf(c->err, c->errsz, "%s: ", c->name);
	if (n < 0 || (size_t)n >= c->errsz)
		return e;
	va_start(ap, fmt);
	vsnprintf(c->err + n, c->errsz - (size_t)n, fmt, ap);
	va_end(ap);
	return e;
}

static tcop_err
get_num(struct rctx *c, const cJSON *j, const char *what, double lo, double hi,
    double *out)
{
	if (!cJSON_IsNumber(j) || !isfinite(j->valuedouble) ||
	    j->valuedouble < lo || j->valuedouble > hi)
		return fail(c, TCOP_EFIELD, "%s: want a number in [%g, %g]",
		    what, lo, hi);
	*out = j->valuedouble;
	return TCOP_OK;
}

/* A duration: "20m", "6h", "90s", or a number of seconds. */
static tcop_err
get_dur(struct rctx *c, const cJSON *j, const char *what, tcop_ms *out)
{
	tcop_ms v;

	if (cJSON_IsNumber(j) && isfinite(j->valuedouble) &&
	    j->valuedouble >= 0 && j->valuedouble < 1e9) {
		*out = (tcop_ms)(j->valuedouble * 1000);
		return TCOP_OK;
	}
	if (cJSON_IsString(j) && tcop_duration_parse(j->valuestring, &v) ==
	    TCOP_OK && v >= 0) {
		*out = v;
		return TCOP_OK;
	}
	return fail(c, TCOP_EFIELD, "%s: want a duration (\"20m\", \"6h\", "
	    "seconds)", what);
}

static int
sev_of_name(const char *s)
{
	for (int i = PIC_SEV_LOW; i <= PIC_SEV_CRITICAL; i++)
		if (strcmp(s, pic_sev_name(i)) == 0)
			return i;
	return -1;
}

static tcop_err
get_suppress(struct rctx *c, struct pic_rules *r, int rule, const cJSON *j)
{
	int n = cJSON_GetArraySize(j), i = 0;
	const cJSON *it;

	if (!cJSON_IsArray(j))
		return fail(c, TCOP_EFIELD, "%s.suppress: want an array of ids",
		    rule_name(rule));
	free(r->suppress[rule]);
	r->nsuppress[rule] = 0;
	if ((r->suppress[rule] = calloc((size_t)n + 1,
	    sizeof *r->suppress[rule])) == NULL)
		return TCOP_ENOMEM;
	cJSON_ArrayForEach(it, j) {
		if (!cJSON_IsString(it) || strlen(it->valuestring) == 0 ||
		    strlen(it->valuestring) >= TCOP_ID_MAX)
			return fail(c, TCOP_EFIELD, "%s.suppress[%d]: want an "
			    "entity id", rule_name(rule), i);
		snprintf(r->suppress[rule][i++], TCOP_ID_MAX, "%s",
		    it->valuestring);
	}
	r->nsuppress[rule] = i;
	return TCOP_OK;
}

static tcop_err
get_protected(struct rctx *c, struct pic_rules *r, const cJSON *j)
{
	int n = cJSON_GetArraySize(j), i = 0;
	const cJSON *it;
	double v;
	tcop_err e;

	if (!cJSON_IsArray(j))
		return fail(c, TCOP_EFIELD, "conjunction.protected: want an "
		    "array of NORAD ids");
	free(r->protected_ids);
	r->nprotected = 0;
	if ((r->protected_ids = calloc((size_t)n + 1, sizeof(uint32_t))) == NULL)
		return TCOP_ENOMEM;
	cJSON_ArrayForEach(it, j) {
		if (cJSON_IsString(it)) {
			char *end;
			v = strtod(it->valuestring, &end);
			if (*it->valuestring == '\0' || *end != '\0')
				v = -1;
		} else if (cJSON_IsNumber(it))
			v = it->valuedouble;
		else
			v = -1;
		if ((e = get_num(c, &(cJSON){ .type = cJSON_Number,
		    .valuedouble = v }, "conjunction.protected", 1, 999999,
		    &v)) != TCOP_OK)
			return e;
		r->protected_ids[i++] = (uint32_t)v;
	}
	r->nprotected = i;
	return TCOP_OK;
}

/* One threshold key of rule `rule`; TCOP_EINVAL if the key is unknown. */
static tcop_err
rule_key(struct rctx *c, struct pic_rules *r, int rule, const cJSON *k)
{
	const char *s = k->string;
	char w[96];

	snprintf(w, sizeof w, "%s.%s", rule_name(rule), s);
#define NUM(key, lo, hi, field) \
	if (strcmp(s, key) == 0) return get_num(c, k, w, lo, hi, &r->field)
#define DUR(key, field) \
	if (strcmp(s, key) == 0) return get_dur(c, k, w, &r->field)
	switch (rule) {
	case R_GAP:
		DUR("class_a", gap_a); DUR("class_b", gap_b);
		DUR("satellite", gap_sat);
		NUM("min_speed_kn", 0, 100, gap_min_kn);
		break;
	case R_JUMP:
		NUM("speed_kn", 1, 10000, jump_kn);
		NUM("hsc_speed_kn", 1, 10000, jump_hsc_kn);
		break;
	case R_IDC:
		NUM("distance_nm", 0, 10000, idc_nm);
		NUM("speed_kn", 1, 100000, idc_kn);
		break;
	case R_PNT:
		if (strcmp(s, "tracks") == 0) {
			double v = 0;
			tcop_err e = get_num(c, k, w, 1, 1000, &v);
			r->pnt_tracks = (int)v;
			return e;
		}
		DUR("window", pnt_window);
		break;
	case R_C2S: DUR("window", c2s_window); break;
	case R_CONJ:
		NUM("pc", 0, 1, conj_pc);
		NUM("min_rng_m", 0, 1e9, conj_rng_m);
		if (strcmp(s, "protected") == 0)
			return get_protected(c, r, k);
		break;
	case R_RDV:
		NUM("distance_m", 1, 1e6, rdv_m);
		NUM("speed_kn", 0, 100, rdv_kn);
		NUM("port_nm", 0, 10000, rdv_port_nm);
		DUR("duration", rdv_time);
		break;
	case R_CAMP:
		if (strcmp(s, "assets") == 0) {
			double v = 0;
			tcop_err e = get_num(c, k, w, 1, 1000, &v);
			r->camp_assets = (int)v;
			return e;
		}
		DUR("window", camp_window);
		break;
	case R_MNV:
		NUM("km", 0, 1e6, mnv_km);
		NUM("km_per_day", 0, 1e6, mnv_km_day);
		break;
	default:
		break;
	}
#undef NUM
#undef DUR
	return TCOP_EINVAL;
}

static tcop_err
parse_rule(struct rctx *c, struct pic_rules *r, int rule, const cJSON *o)
{
	const cJSON *k;
	tcop_err e;

	if (!cJSON_IsObject(o))
		return fail(c, TCOP_EFIELD, "rules.%s: want an object",
		    rule_name(rule));
	cJSON_ArrayForEach(k, o) {
		if (strcmp(k->string, "enabled") == 0) {
			if (!cJSON_IsBool(k))
				return fail(c, TCOP_EFIELD, "%s.enabled: want "
				    "true or false", rule_name(rule));
			r->enabled[rule] = cJSON_IsTrue(k);
		} else if (strcmp(k->string, "severity") == 0) {
			int s = cJSON_IsString(k) ? sev_of_name(k->valuestring)
			    : -1;
			if (s < 0)
				return fail(c, TCOP_EFIELD, "%s.severity: want "
				    "low, medium, high or critical",
				    rule_name(rule));
			r->severity[rule] = s;
		} else if (strcmp(k->string, "hold") == 0) {
			char w[64];
			snprintf(w, sizeof w, "%s.hold", rule_name(rule));
			if ((e = get_dur(c, k, w, &r->hold[rule])) != TCOP_OK)
				return e;
		} else if (strcmp(k->string, "suppress") == 0) {
			if ((e = get_suppress(c, r, rule, k)) != TCOP_OK)
				return e;
		} else if ((e = rule_key(c, r, rule, k)) != TCOP_OK) {
			if (e == TCOP_EINVAL)
				return fail(c, TCOP_EFIELD, "rules.%s: unknown "
				    "key \"%s\"", rule_name(rule), k->string);
			return e;
		}
	}
	return TCOP_OK;
}

static tcop_err
parse_assoc(struct rctx *c, struct pic_rules *r, const cJSON *o)
{
	const cJSON *k;
	tcop_err e;

	if (!cJSON_IsObject(o))
		return fail(c, TCOP_EFIELD, "association: want an object");
	cJSON_ArrayForEach(k, o) {
		if (strcmp(k->string, "gate_k") == 0)
			e = get_num(c, k, "association.gate_k", 0.1, 100,
			    &r->gate_k);
		else if (strcmp(k->string, "sigma_m") == 0)
			e = get_num(c, k, "association.sigma_m", 0, 1e6,
			    &r->sigma_m);
		else if (strcmp(k->string, "sigma_frac") == 0)
			e = get_num(c, k, "association.sigma_frac", 0, 10,
			    &r->sigma_frac);
		else if (strcmp(k->string, "max_age") == 0)
			e = get_dur(c, k, "association.max_age",
			    &r->assoc_max_age);
		else
			e = fail(c, TCOP_EFIELD, "association: unknown key "
			    "\"%s\"", k->string);
		if (e != TCOP_OK)
			return e;
	}
	return TCOP_OK;
}

static tcop_err
rules_mask(struct rctx *c, const char *name, const cJSON *rules,
    unsigned *mask)
{
	const cJSON *it;

	*mask = ~0u;
	if (rules == NULL)
		return TCOP_OK;
	*mask = 0;
	cJSON_ArrayForEach(it, rules) {
		int rr = cJSON_IsString(it) ? rule_of_name(it->valuestring) : -1;
		if (rr < 0)
			return fail(c, TCOP_EFIELD, "zone %s: unknown rule in "
			    "rules", name);
		*mask |= 1u << rr;
	}
	return TCOP_OK;
}

static tcop_err
add_zone_v(struct pic_rules *r, const char *name, const double (*v)[2],
    int n, unsigned mask)
{
	struct pic_zone *z, *nz;

	if ((nz = realloc(r->zones, (size_t)(r->nzones + 1) * sizeof *nz)) ==
	    NULL)
		return TCOP_ENOMEM;
	r->zones = nz;
	z = &nz[r->nzones];
	memset(z, 0, sizeof *z);
	snprintf(z->name, sizeof z->name, "%s", name);
	snprintf(z->id, sizeof z->id, "zone:%s", name);
	z->rules = mask;
	if (zone_set(z, v, n) != TCOP_OK)
		return TCOP_ENOMEM;
	r->nzones++;
	return TCOP_OK;
}

static bool
name_wanted(const cJSON *names, const char *name)
{
	const cJSON *it;

	if (names == NULL)
		return true;
	cJSON_ArrayForEach(it, names)
		if (cJSON_IsString(it) && strcmp(it->valuestring, name) == 0)
			return true;
	return false;
}

/*
 * The polygons of a shapefile (Natural Earth's marine areas, EEZs ...),
 * each outer or inner ring a zone of its own (holes are not subtracted: a
 * known limit), optionally only the shapes whose NAME is in names.
 */
static tcop_err
shp_zones(struct rctx *c, struct pic_rules *r, const char *base,
    const cJSON *names, const cJSON *rules)
{
	struct geo_layer l;
	char why[512], zname[64];
	unsigned mask;
	tcop_err e;
	int added = 0;

	memset(&l, 0, sizeof l);
	if ((e = rules_mask(c, base, rules, &mask)) != TCOP_OK)
		return e;
	if (geo_layer_load(&l, base, why, sizeof why) != TCOP_OK)
		return fail(c, TCOP_ESYS, "zones: shapefile %s: %s", base, why);
	if (l.kind != GEO_POLYGONS) {
		geo_layer_fini(&l);
		return fail(c, TCOP_EFIELD, "zones: shapefile %s: not polygons",
		    base);
	}
	for (uint32_t i = 0; i < l.npart && e == TCOP_OK; i++) {
		const struct geo_part *pt = &l.parts[i];
		const char *nm = l.names && l.name_at ? l.names +
		    l.name_at[pt->shape] : "";
		double (*v)[2];
		if (pt->n < 3 || !name_wanted(names, nm))
			continue;
		if ((v = malloc((size_t)pt->n * sizeof *v)) == NULL) {
			e = TCOP_ENOMEM;
			break;
		}
		for (uint32_t k = 0; k < pt->n; k++) {
			v[k][0] = l.lon[pt->first + k];
			v[k][1] = l.lat[pt->first + k];
		}
		snprintf(zname, sizeof zname, "%.50s%s%u", nm[0] ? nm : "shape",
		    "-", i);
		e = add_zone_v(r, zname, (const double (*)[2])v, (int)pt->n,
		    mask);
		free(v);
		added++;
	}
	geo_layer_fini(&l);
	if (e == TCOP_OK && added == 0)
		return fail(c, TCOP_EFIELD, "zones: shapefile %s: no polygon "
		    "matched", base);
	return e;
}

static tcop_err
add_zone(struct rctx *c, struct pic_rules *r, const char *name,
    const cJSON *ring, const cJSON *rules)
{
	double v[TCOP_AREA_MAX][2];
	const cJSON *p;
	unsigned mask;
	tcop_err e;
	int n = 0;

	if (!cJSON_IsArray(ring))
		return fail(c, TCOP_EFIELD, "zone %s: want a ring [[lon,lat],...]",
		    name);
	cJSON_ArrayForEach(p, ring) {
		const cJSON *x = cJSON_GetArrayItem(p, 0);
		const cJSON *y = cJSON_GetArrayItem(p, 1);
		if (n >= TCOP_AREA_MAX || !cJSON_IsNumber(x) ||
		    !cJSON_IsNumber(y) || !isfinite(x->valuedouble) ||
		    !isfinite(y->valuedouble) || fabs(y->valuedouble) > 90 ||
		    fabs(x->valuedouble) > 360)
			return fail(c, TCOP_EFIELD, "zone %s: vertex %d: want "
			    "[lon, lat] (at most %d vertices)", name, n,
			    TCOP_AREA_MAX);
		v[n][0] = x->valuedouble;
		v[n][1] = y->valuedouble;
		n++;
	}
	if (n < 3)
		return fail(c, TCOP_EFIELD, "zone %s: a ring needs 3 vertices",
		    name);
	if ((e = rules_mask(c, name, rules, &mask)) != TCOP_OK)
		return e;
	return add_zone_v(r, name, (const double (*)[2])v, n, mask);
}

static tcop_err parse_zones(struct rctx *c, struct pic_rules *r,
    const cJSON *a, int depth);

/* A GeoJSON object: FeatureCollection, Feature, Polygon, MultiPolygon. */
static tcop_err
geojson_zone(struct rctx *c, struct pic_rules *r, const cJSON *o,
    const char *name, int depth)
{
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(o, "type");
	const char *t = cJSON_IsString(type) ? type->valuestring : "";
	const cJSON *props, *nm, *geom, *coords, *it;
	tcop_err e;
	int i = 0;
	char nbuf[64];

	if (depth > 4)
		return fail(c, TCOP_EFIELD, "zones: GeoJSON nested too deep");
	if (strcmp(t, "FeatureCollection") == 0)
		return parse_zones(c, r, cJSON_GetObjectItemCaseSensitive(o,
		    "features"), depth + 1);
	if (strcmp(t, "Feature") == 0) {
		props = cJSON_GetObjectItemCaseSensitive(o, "properties");
		nm = cJSON_GetObjectItemCaseSensitive(props, "name");
		geom = cJSON_GetObjectItemCaseSensitive(o, "geometry");
		return geojson_zone(c, r, geom, cJSON_IsString(nm) ?
		    nm->valuestring : name, depth + 1);
	}
	coords = cJSON_GetObjectItemCaseSensitive(o, "coordinates");
	if (strcmp(t, "Polygon") == 0)
		return add_zone(c, r, name, cJSON_GetArrayItem(coords, 0), NULL);
	if (strcmp(t, "MultiPolygon") == 0) {
		cJSON_ArrayForEach(it, coords) {
			snprintf(nbuf, sizeof nbuf, "%s-%d", name, i++);
			if ((e = add_zone(c, r, nbuf, cJSON_GetArrayItem(it, 0),
			    NULL)) != TCOP_OK)
				return e;
		}
		return TCOP_OK;
	}
	return fail(c, TCOP_EFIELD, "zones: GeoJSON type \"%s\" is not a "
	    "polygon", t);
}

static tcop_err
geojson_file(struct rctx *c, struct pic_rules *r, const char *path,
    int depth)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;
	cJSON *j;
	tcop_err e;

	if (f == NULL)
		return fail(c, TCOP_ESYS, "%s: %s", path, strerror(errno));
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    n > 64 * 1024 * 1024 || fseek(f, 0, SEEK_SET) != 0 ||
	    (buf = malloc((size_t)n + 1)) == NULL ||
	    fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(buf);
		return fail(c, TCOP_ESYS, "%s: cannot read", path);
	}
	fclose(f);
	j = cJSON_ParseWithLength(buf, (size_t)n);
	free(buf);
	if (j == NULL)
		return fail(c, TCOP_EJSON, "%s: not JSON", path);
	e = geojson_zone(c, r, j, "zone", depth + 1);
	cJSON_Delete(j);
	return e;
}

static tcop_err
parse_zones(struct rctx *c, struct pic_rules *r, const cJSON *a, int depth)
{
	const cJSON *z, *nm, *gj;
	tcop_err e;
	int i = 0;
	char nbuf[64];

	if (!cJSON_IsArray(a))
		return fail(c, TCOP_EFIELD, "zones: want an array");
	cJSON_ArrayForEach(z, a) {
		nm = cJSON_GetObjectItemCaseSensitive(z, "name");
		snprintf(nbuf, sizeof nbuf, "%s", cJSON_IsString(nm) ?
		    nm->valuestring : "zone");
		if (!cJSON_IsString(nm))
			snprintf(nbuf, sizeof nbuf, "zone-%d", r->nzones);
		if (!cJSON_IsObject(z))
			e = fail(c, TCOP_EFIELD, "zones[%d]: want an object", i);
		else if ((gj = cJSON_GetObjectItemCaseSensitive(z,
		    "shapefile")) != NULL)
			e = cJSON_IsString(gj) ? shp_zones(c, r, gj->valuestring,
			    cJSON_GetObjectItemCaseSensitive(z, "names"),
			    cJSON_GetObjectItemCaseSensitive(z, "rules")) :
			    fail(c, TCOP_EFIELD, "zones[%d].shapefile: want a "
			    "path without .shp", i);
		else if ((gj = cJSON_GetObjectItemCaseSensitive(z,
		    "geojson")) != NULL)
			e = cJSON_IsString(gj) ? geojson_file(c, r,
			    gj->valuestring, depth) : fail(c, TCOP_EFIELD,
			    "zones[%d].geojson: want a file name", i);
		else if (cJSON_GetObjectItemCaseSensitive(z, "area") != NULL)
			e = add_zone(c, r, nbuf,
			    cJSON_GetObjectItemCaseSensitive(z, "area"),
			    cJSON_GetObjectItemCaseSensitive(z, "rules"));
		else
			e = geojson_zone(c, r, z, nbuf, depth);
		if (e != TCOP_OK)
			return e;
		i++;
	}
	return TCOP_OK;
}

static tcop_err
parse_top(struct rctx *c, struct pic_rules *r, const cJSON *j)
{
	const cJSON *k, *rr;
	tcop_err e = TCOP_OK;

	if (!cJSON_IsObject(j))
		return fail(c, TCOP_EJSON, "not a JSON object");
	cJSON_ArrayForEach(k, j) {
		if (strcmp(k->string, "association") == 0)
			e = parse_assoc(c, r, k);
		else if (strcmp(k->string, "zones") == 0)
			e = parse_zones(c, r, k, 0);
		else if (strcmp(k->string, "rules") == 0) {
			if (!cJSON_IsObject(k))
				return fail(c, TCOP_EFIELD, "rules: want an "
				    "object");
			cJSON_ArrayForEach(rr, k) {
				int id = rule_of_name(rr->string);
				if (id < 0)
					return fail(c, TCOP_EFIELD, "rules: "
					    "unknown rule \"%s\"", rr->string);
				if ((e = parse_rule(c, r, id, rr)) != TCOP_OK)
					return e;
			}
		} else if (strcmp(k->string, "comment") != 0)
			e = fail(c, TCOP_EFIELD, "unknown key \"%s\"", k->string);
		if (e != TCOP_OK)
			return e;
	}
	return TCOP_OK;
}

tcop_err
rules_parse(struct pic_rules *r, const char *text, size_t len,
    const char *name, char *err, size_t errsz)
{
	struct rctx c = { name ? name : "rules", err, errsz };
	cJSON *j;
	tcop_err e;

	rules_default(r);
	if ((j = cJSON_ParseWithLength(text, len)) == NULL)
		return fail(&c, TCOP_EJSON, "not JSON (near byte %ld)",
		    cJSON_GetErrorPtr() ? (long)(cJSON_GetErrorPtr() - text) :
		    0L);
	e = parse_top(&c, r, j);
	cJSON_Delete(j);
	if (e != TCOP_OK)
		rules_free(r);
	return e;
}

tcop_err
rules_load(struct pic_rules *r, const char *path, char *err, size_t errsz)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n = 0, cap = 65536, got;
	tcop_err e;

	rules_default(r);
	if (f == NULL) {
		if (err)
			snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return TCOP_ESYS;
	}
	if ((buf = malloc(cap)) == NULL) {
		fclose(f);
		return TCOP_ENOMEM;
	}
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			char *nb = cap < (64u << 20) ? realloc(buf, cap * 2) :
			    NULL;
			if (nb == NULL) {
				free(buf);
				fclose(f);
				if (err)
					snprintf(err, errsz, "%s: too big", path);
				return TCOP_ENOMEM;
			}
			buf = nb;
			cap *= 2;
		}
	}
	fclose(f);
	e = rules_parse(r, buf, n, path, err, errsz);
	free(buf);
	return e;
}
