/*
 * lanes.c: lanes and zones of the demo (lanes.h): the JSON file is read
 * with cJSON and copied into fixed tables; cJSON nodes never leave
 * lanes_parse(). The geometry is on a sphere, enough for a scenario.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "demo/lanes.h"

#define EARTH_NM 3440.065
#define D2R (M_PI / 180.0)

double
lanes_dist_nm(double lat1, double lon1, double lat2, double lon2)
{
	double p1 = lat1 * D2R, p2 = lat2 * D2R;
	double dp = p2 - p1, dl = (lon2 - lon1) * D2R;
	double a = sin(dp / 2) * sin(dp / 2) +
	    cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);

	return 2 * EARTH_NM * asin(sqrt(a < 1 ? a : 1));
}

double
lanes_bearing(double lat1, double lon1, double lat2, double lon2)
{
	double p1 = lat1 * D2R, p2 = lat2 * D2R, dl = (lon2 - lon1) * D2R;
	double y = sin(dl) * cos(p2);
	double x = cos(p1) * sin(p2) - sin(p1) * cos(p2) * cos(dl);
	double b = atan2(y, x) / D2R;

	return b < 0 ? b + 360 : (b >= 360 ? b - 360 : b);
}

void
lanes_offset(double lat, double lon, double brg_deg, double dist_nm,
    double *lat2, double *lon2)
{
	double d = dist_nm / EARTH_NM, p1 = lat * D2R, b = brg_deg * D2R;
	double p2 = asin(sin(p1) * cos(d) + cos(p1) * sin(d) * cos(b));
	double l2 = lon * D2R + atan2(sin(b) * sin(d) * cos(p1),
	    cos(d) - sin(p1) * sin(p2));

	*lat2 = p2 / D2R;
	*lon2 = fmod(l2 / D2R + 540.0, 360.0) - 180.0;
}

bool
lanes_zone_contains(const struct zone *z, double lat, double lon)
{
	bool in = false;

	for (int i = 0, j = z->n - 1; i < z->n; j = i++) {
		if ((z->lat[i] > lat) != (z->lat[j] > lat) &&
		    lon < (z->lon[j] - z->lon[i]) * (lat - z->lat[i]) /
		    (z->lat[j] - z->lat[i]) + z->lon[i])
			in = !in;
	}
	return in;
}

void
lanes_at(const struct lane *l, double d_nm, double *lat, double *lon,
    double *course)
{
	int i = 1;
	double f, seg;

	if (d_nm < 0)
		d_nm = 0;
	if (d_nm > l->len_nm)
		d_nm = l->len_nm;
	while (i < l->n - 1 && l->cum_nm[i] < d_nm)
		i++;
	seg = l->cum_nm[i] - l->cum_nm[i - 1];
	f = seg > 0 ? (d_nm - l->cum_nm[i - 1]) / seg : 0;
	*lat = l->lat[i - 1] + f * (l->lat[i] - l->lat[i - 1]);
	*lon = l->lon[i - 1] + f * (l->lon[i] - l->lon[i - 1]);
	if (course != NULL)
		*course = lanes_bearing(l->lat[i - 1], l->lon[i - 1], l->lat[i],
		    l->lon[i]);
}

static bool
copy_str(const cJSON *o, const char *k, char *dst, size_t size, bool need)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	if (v == NULL && !need) {
		dst[0] = '\0';
		return true;
	}
	if (!cJSON_IsString(v) || strlen(v->valuestring) >= size ||
	    v->valuestring[0] == '\0')
		return false;
	memcpy(dst, v->valuestring, strlen(v->valuestring) + 1);
	return true;
}

/* A [[lon,lat],...] array into lat/lon (at most max). -1 if malformed. */
static int
read_ring(const cJSON *a, double *lat, double *lon, int max)
{
	int n = 0;
	const cJSON *p;

	if (!cJSON_IsArray(a))
		return -1;
	cJSON_ArrayForEach(p, a) {
		const cJSON *x = cJSON_GetArrayItem(p, 0);
		const cJSON *y = cJSON_GetArrayItem(p, 1);

		if (n == max || !cJSON_IsArray(p) || cJSON_GetArraySize(p) != 2 ||
		    !cJSON_IsNumber(x) || !cJSON_IsNumber(y) ||
		    fabs(x->valuedouble) > 180 || fabs(y->valuedouble) > 90)
			return -1;
		lon[n] = x->valuedouble;
		lat[n] = y->valuedouble;
		n++;
	}
	return n;
}

static tcop_err
parse_lane(struct lane *l, const cJSON *o, int idx, char *why, size_t ws)
{
	const cJSON *w = cJSON_GetObjectItemCaseSensitive(o, "weight");

	if (!copy_str(o, "name", l->name, sizeof l->name, true)) {
		snprintf(why, ws, "lane %d: name missing or too long", idx);
		return TCOP_EFIELD;
	}
	if (!copy_str(o, "from", l->from, sizeof l->from, true) ||
	    !copy_str(o, "to", l->to, sizeof l->to, true)) {
		snprintf(why, ws, "lane %s: from/to missing or too long", l->name);
		return TCOP_EFIELD;
	}
	l->weight = 1;
	if (w != NULL) {
		if (!cJSON_IsNumber(w) || w->valuedouble < 1 ||
		    w->valuedouble > 100) {
			snprintf(why, ws, "lane %s: weight not in 1..100", l->name);
			return TCOP_ERANGE;
		}
		l->weight = (int)w->valuedouble;
	}
	l->n = read_ring(cJSON_GetObjectItemCaseSensitive(o, "points"), l->lat,
	    l->lon, LANE_PTS_MAX);
	if (l->n < 2) {
		snprintf(why, ws, "lane %s: points must be 2..%d [lon, lat] pairs",
		    l->name, LANE_PTS_MAX);
		return TCOP_EFIELD;
	}
	l->cum_nm[0] = 0;
	for (int i = 1; i < l->n; i++)
		l->cum_nm[i] = l->cum_nm[i - 1] + lanes_dist_nm(l->lat[i - 1],
		    l->lon[i - 1], l->lat[i], l->lon[i]);
	l->len_nm = l->cum_nm[l->n - 1];
	if (l->len_nm < 1) {
		snprintf(why, ws, "lane %s: shorter than 1 NM", l->name);
		return TCOP_ERANGE;
	}
	return TCOP_OK;
}

static tcop_err
parse_zone(struct zone *z, const cJSON *o, int idx, char *why, size_t ws)
{
	if (!copy_str(o, "id", z->id, sizeof z->id, true) ||
	    !copy_str(o, "name", z->name, sizeof z->name, true)) {
		snprintf(why, ws, "zone %d: id/name missing or too long", idx);
		return TCOP_EFIELD;
	}
	z->n = read_ring(cJSON_GetObjectItemCaseSensitive(o, "area"), z->lat,
	    z->lon, ZONE_PTS_MAX);
	if (z->n < 3) {
		snprintf(why, ws, "zone %s: area must be 3..%d [lon, lat] pairs",
		    z->id, ZONE_PTS_MAX);
		return TCOP_EFIELD;
	}
	return TCOP_OK;
}

tcop_err
lanes_parse(struct lanes *ls, const char *buf, size_t len, char *why,
    size_t whysize)
{
	cJSON *root = cJSON_ParseWithLength(buf, len);
	const cJSON *a, *o;
	tcop_err rv = TCOP_OK;

	memset(ls, 0, sizeof *ls);
	snprintf(why, whysize, "ok");
	if (root == NULL || !cJSON_IsObject(root)) {
		snprintf(why, whysize, "not a JSON object");
		cJSON_Delete(root);
		return TCOP_EJSON;
	}
	a = cJSON_GetObjectItemCaseSensitive(root, "lanes");
	if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) < 1 ||
	    cJSON_GetArraySize(a) > LANES_MAX) {
		snprintf(why, whysize, "\"lanes\" must be an array of 1..%d",
		    LANES_MAX);
		rv = TCOP_EFIELD;
		goto out;
	}
	cJSON_ArrayForEach(o, a) {
		if ((rv = parse_lane(&ls->lane[ls->nlanes], o, ls->nlanes, why,
		    whysize)) != TCOP_OK)
			goto out;
		ls->nlanes++;
	}
	a = cJSON_GetObjectItemCaseSensitive(root, "zones");
	if (a != NULL && (!cJSON_IsArray(a) ||
	    cJSON_GetArraySize(a) > ZONES_MAX)) {
		snprintf(why, whysize, "\"zones\" must be an array of 0..%d",
		    ZONES_MAX);
		rv = TCOP_EFIELD;
		goto out;
	}
	cJSON_ArrayForEach(o, a) {
		if ((rv = parse_zone(&ls->zone[ls->nzones], o, ls->nzones, why,
		    whysize)) != TCOP_OK)
			goto out;
		ls->nzones++;
	}
out:
	cJSON_Delete(root);
	return rv;
}

tcop_err
lanes_load(struct lanes *ls, const char *path, char *why, size_t whysize)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	tcop_err rv;

	if (f == NULL) {
		snprintf(why, whysize, "%s", strerror(errno));
		return TCOP_ESYS;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || n > (1 << 20)) {
		snprintf(why, whysize, "cannot size it (or over 1 MiB)");
		fclose(f);
		return TCOP_ESYS;
	}
	if ((buf = malloc((size_t)n + 1)) == NULL) {
		fclose(f);
		return TCOP_ENOMEM;
	}
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		snprintf(why, whysize, "%s", strerror(errno));
		free(buf);
		fclose(f);
		return TCOP_ESYS;
	}
	fclose(f);
	rv = lanes_parse(ls, buf, (size_t)n, why, whysize);
	free(buf);
	return rv;
}
