/*
 * regions.c: maps/regions.json → struct regions. Strict: unknown region
 * fields are ignored, but a missing or mistyped name, centre or span, a
 * duplicate name or an out-of-range value rejects the whole file (a preset
 * table is configuration: better refused than half-used). Reading the
 * file and the syntax error's line are core/jfile.c's, as for the
 * viewer's configuration.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/jarena.h"
#include "core/jfile.h"
#include "geo/regions.h"

static bool
name_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= REGION_NAME_MAX)
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-'))
			return false;
	return true;
}

/* One region; on failure *reason says what is wrong. */
static bool
region_from(const cJSON *o, struct region *r, const char **reason)
{
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(o, "name");
	const cJSON *title = cJSON_GetObjectItemCaseSensitive(o, "title");
	const cJSON *center = cJSON_GetObjectItemCaseSensitive(o, "center");
	const cJSON *span = cJSON_GetObjectItemCaseSensitive(o, "span");
	const cJSON *lat, *lon;

	*reason = "not an object";
	if (!cJSON_IsObject(o))
		return false;
	*reason = "name missing or not [a-z0-9-]{1,31}";
	if (!cJSON_IsString(name) || !name_ok(name->valuestring))
		return false;
	*reason = "title not a string of at most 63 bytes";
	if (title != NULL && (!cJSON_IsString(title) ||
	    strlen(title->valuestring) >= REGION_TITLE_MAX))
		return false;
	*reason = "center missing or not [lat, lon] within [-90, 90], [-180, 360]";
	if (!cJSON_IsArray(center) || cJSON_GetArraySize(center) != 2)
		return false;
	lat = cJSON_GetArrayItem(center, 0);
	lon = cJSON_GetArrayItem(center, 1);
	if (!cJSON_IsNumber(lat) || !cJSON_IsNumber(lon) ||
	    !isfinite(lat->valuedouble) || !isfinite(lon->valuedouble) ||
	    fabs(lat->valuedouble) > 90 || lon->valuedouble < -180 ||
	    lon->valuedouble > 360)
		return false;
	*reason = "span missing or not within (0, 360]";
	if (!cJSON_IsNumber(span) || !isfinite(span->valuedouble) ||
	    span->valuedouble <= 0 || span->valuedouble > 360)
		return false;
	snprintf(r->name, sizeof r->name, "%s", name->valuestring);
	snprintf(r->title, sizeof r->title, "%s",
	    title != NULL ? title->valuestring : name->valuestring);
	r->lat = lat->valuedouble;
	r->lon = lon->valuedouble;
	r->span = span->valuedouble;
	return true;
}

static tcop_err
regions_from(struct regions *rs, const char *input, const cJSON *root,
    char *why, size_t whylen)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "regions");
	const cJSON *o;
	const char *reason;
	int i = 0;

	if (!cJSON_IsArray(list)) {
		snprintf(why, whylen, "%s: no \"regions\" array", input);
		return TCOP_EJSON;
	}
	cJSON_ArrayForEach(o, list) {
		if (rs->n >= REGIONS_MAX) {
			snprintf(why, whylen, "%s: more than %d regions", input,
			    REGIONS_MAX);
			return TCOP_ERANGE;
		}
		if (!region_from(o, &rs->r[rs->n], &reason)) {
			snprintf(why, whylen, "%s: region %d: %s", input, i, reason);
			return TCOP_EFIELD;
		}
		if (regions_find(rs, rs->r[rs->n].name) != NULL) {
			snprintf(why, whylen, "%s: region %d: duplicate name %s",
			    input, i, rs->r[rs->n].name);
			return TCOP_EFIELD;
		}
		rs->n++;
		i++;
	}
	return TCOP_OK;
}

tcop_err
regions_parse(struct regions *rs, const char *input, const char *buf,
    size_t len, char *why, size_t whylen)
{
	cJSON *root;
	tcop_err e;

	rs->n = 0;
	tcop_json_init();
	jarena_begin();
	if ((root = jfile_object(input, buf, len, why, whylen)) == NULL) {
		e = TCOP_EJSON;
	} else {
		e = regions_from(rs, input, root, why, whylen);
	}
	cJSON_Delete(root);
	jarena_end();
	if (e != TCOP_OK)
		rs->n = 0;
	return e;
}

static tcop_err
regions_parse_file(void *arg, const char *path, const char *buf, size_t len,
    char *why, size_t whylen)
{
	return regions_parse(arg, path, buf, len, why, whylen);
}

tcop_err
regions_load(struct regions *rs, const char *path, char *why, size_t whylen)
{
	rs->n = 0;
	return jfile_load(path, regions_parse_file, rs, why, whylen);
}

const struct region *
regions_find(const struct regions *rs, const char *name)
{
	for (int i = 0; i < rs->n; i++)
		if (strcmp(rs->r[i].name, name) == 0)
			return &rs->r[i];
	return NULL;
}
