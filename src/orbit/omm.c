/*
 * omm.c: OMM JSON element sets in and out (omm.h has the contract). Files
 * are cut into objects by orbit/objscan.c; each object is parsed by cJSON in
 * the per-thread arena and copied out into a struct orb_elements. The
 * number, name and output helpers are shared with cdm.c (orbit/ojson.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/jarena.h"
#include "orbit/objscan.h"
#include "orbit/ojson.h"
#include "orbit/omm.h"
#include "orbit/tle.h"

/* A number, or a string holding exactly a finite number. */
static bool
get_num(const cJSON *o, const char *key, double *out)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);

	if (cJSON_IsNumber(it)) {
		*out = it->valuedouble;
		return isfinite(*out);
	}
	return cJSON_IsString(it) && ojson_num_text(it->valuestring, out);
}

static bool
has(const cJSON *o, const char *key)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
	return it != NULL && !cJSON_IsNull(it);
}

static void
get_str(const cJSON *o, const char *key, char *out, size_t size)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);

	out[0] = '\0';
	if (cJSON_IsString(it))
		ojson_clean(out, size, it->valuestring);
}

#define WHY(...) snprintf(why, OMM_WHY_MAX, __VA_ARGS__)

static tcop_err
from_tree(const cJSON *o, struct orb_elements *el, char why[OMM_WHY_MAX])
{
	static const struct {
		const char *key;
		size_t off;
		bool required;
	} nums[] = {
		{ "MEAN_MOTION", offsetof(struct orb_elements, mean_motion), true },
		{ "ECCENTRICITY", offsetof(struct orb_elements, eccentricity), true },
		{ "INCLINATION", offsetof(struct orb_elements, inclination), true },
		{ "RA_OF_ASC_NODE", offsetof(struct orb_elements, ra_of_asc_node), true },
		{ "ARG_OF_PERICENTER", offsetof(struct orb_elements, arg_of_pericenter), true },
		{ "MEAN_ANOMALY", offsetof(struct orb_elements, mean_anomaly), true },
		{ "BSTAR", offsetof(struct orb_elements, bstar), false },
		{ "MEAN_MOTION_DOT", offsetof(struct orb_elements, mean_motion_dot), false },
		{ "MEAN_MOTION_DDOT", offsetof(struct orb_elements, mean_motion_ddot), false },
	};
	char epoch[40], cls[4], l1[80], l2[80];
	double d;
	const char *w;
	tcop_err rv;

	memset(el, 0, sizeof(*el));
	if (!cJSON_IsObject(o)) {
		WHY("not a JSON object");
		return TCOP_EJSON;
	}
	if (has(o, "tle1") || has(o, "tle2")) {
		char name[ORB_NAME_MAX];

		get_str(o, "tle1", l1, sizeof(l1));
		get_str(o, "tle2", l2, sizeof(l2));
		get_str(o, "OBJECT_NAME", name, sizeof(name));
		rv = tle_parse(name, l1, l2, true, el, why);
		if (rv == TCOP_OK)
			get_str(o, "OBJECT_ID", el->object_id,
			    sizeof(el->object_id));
		return rv;
	}
	if (!get_num(o, "NORAD_CAT_ID", &d) || d != floor(d) || d < 1 ||
	    d > ORB_NORAD_MAX) {
		WHY("NORAD_CAT_ID missing or not a catalogue number");
		return TCOP_EFIELD;
	}
	el->norad = (uint32_t)d;
	get_str(o, "EPOCH", epoch, sizeof(epoch));
	if (epoch[0] == '\0') {
		WHY("EPOCH missing or not a string");
		return TCOP_EFIELD;
	}
	if (orb_epoch_parse(epoch, &el->jdsatepoch, &el->jdsatepochF) !=
	    TCOP_OK) {
		WHY("EPOCH \"%.40s\" is not YYYY-MM-DDTHH:MM:SS.ffffff", epoch);
		return TCOP_ETIME;
	}
	orb_set_epoch_ms(el);
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		double *p = (double *)((char *)el + nums[i].off);
		if (get_num(o, nums[i].key, p))
			continue;
		if (nums[i].required || has(o, nums[i].key)) {
			WHY("%s missing or not a number", nums[i].key);
			return TCOP_EFIELD;
		}
		*p = 0.0;
	}
	get_str(o, "OBJECT_NAME", el->name, sizeof(el->name));
	get_str(o, "OBJECT_ID", el->object_id, sizeof(el->object_id));
	get_str(o, "CLASSIFICATION_TYPE", cls, sizeof(cls));
	el->classification = cls[0] != '\0' ? cls[0] : 'U';
	if (get_num(o, "EPHEMERIS_TYPE", &d) && fabs(d) < 10)
		el->ephemeris_type = (int)d;
	if (get_num(o, "ELEMENT_SET_NO", &d) && d >= 0 && d < 1e6)
		el->element_set_no = (int)d;
	if (get_num(o, "REV_AT_EPOCH", &d) && d >= 0 && d < 1e9)
		el->rev_at_epoch = (long)d;
	if ((rv = orb_check(el, &w)) != TCOP_OK) {
		WHY("%s", w);
		return rv;
	}
	return TCOP_OK;
}

tcop_err
omm_parse(const char *json, size_t len, struct orb_elements *el,
    char why[OMM_WHY_MAX])
{
	cJSON *o;
	tcop_err rv;

	why[0] = '\0';
	tcop_json_init();
	jarena_begin();
	o = cJSON_ParseWithLength(json, len);
	if (o == NULL) {
		WHY("not valid JSON");
		rv = TCOP_EJSON;
	} else {
		rv = from_tree(o, el, why);
	}
	cJSON_Delete(o);
	jarena_end();
	return rv;
}

static bool
set_num(cJSON *o, const char *key, double v)
{
	return cJSON_AddNumberToObject(o, key, v) != NULL;
}

tcop_err
omm_from_event(const struct tcop_ev_elements *ev, struct orb_elements *el,
    char why[OMM_WHY_MAX])
{
	tcop_err rv;
	cJSON *o;

	why[0] = '\0';
	if (ev->tle1[0] != '\0' || ev->tle2[0] != '\0') {
		rv = tle_parse(ev->object_name, ev->tle1, ev->tle2, true, el,
		    why);
		if (rv == TCOP_OK)
			snprintf(el->object_id, sizeof(el->object_id), "%s",
			    ev->object_id);
		return rv;
	}
	/* Rebuild the few keys as a tree, so one path checks them all. */
	tcop_json_init();
	jarena_begin();
	o = cJSON_CreateObject();
	rv = TCOP_ENOMEM;
	if (o != NULL && set_num(o, "NORAD_CAT_ID", ev->norad_cat_id) &&
	    cJSON_AddStringToObject(o, "EPOCH", ev->epoch_text) != NULL &&
	    cJSON_AddStringToObject(o, "OBJECT_NAME", ev->object_name) != NULL &&
	    cJSON_AddStringToObject(o, "OBJECT_ID", ev->object_id) != NULL &&
	    set_num(o, "MEAN_MOTION", ev->mean_motion) &&
	    set_num(o, "ECCENTRICITY", ev->eccentricity) &&
	    set_num(o, "INCLINATION", ev->inclination) &&
	    set_num(o, "RA_OF_ASC_NODE", ev->ra_of_asc_node) &&
	    set_num(o, "ARG_OF_PERICENTER", ev->arg_of_pericenter) &&
	    set_num(o, "MEAN_ANOMALY", ev->mean_anomaly) &&
	    set_num(o, "BSTAR", isnan(ev->bstar) ? 0 : ev->bstar) &&
	    set_num(o, "MEAN_MOTION_DOT",
	    isnan(ev->mean_motion_dot) ? 0 : ev->mean_motion_dot) &&
	    set_num(o, "MEAN_MOTION_DDOT",
	    isnan(ev->mean_motion_ddot) ? 0 : ev->mean_motion_ddot) &&
	    set_num(o, "ELEMENT_SET_NO",
	    ev->element_set_no < 0 ? 0 : ev->element_set_no) &&
	    set_num(o, "REV_AT_EPOCH",
	    isnan(ev->rev_at_epoch) ? 0 : ev->rev_at_epoch)) {
		/* cJSON turns NaN into null: a missing key is then caught */
		rv = from_tree(o, el, why);
	}
	cJSON_Delete(o);
	jarena_end();
	return rv;
}

/* ---- files ---------------------------------------------------------- */

void
omm_reader_init(struct omm_reader *r, const char *buf, size_t len)
{
	objscan_init(&r->scan, buf, len);
}

tcop_err
omm_next(struct omm_reader *r, struct orb_elements *el, long *lineno,
    char why[OMM_WHY_MAX])
{
	const char *obj;
	size_t len;
	tcop_err rv;

	if ((rv = objscan_next(&r->scan, &obj, &len, lineno, why,
	    OMM_WHY_MAX)) != TCOP_OK)
		return rv;
	return omm_parse(obj, len, el, why);
}

/* ---- out ------------------------------------------------------------- */

#define PUT(...) (n = ojson_put(buf, size, n, __VA_ARGS__))
#define PUT_STR(s) (n = ojson_put_str(buf, size, n, (s), OJSON_CTL_ESCAPE))

size_t
omm_event_json(const struct orb_elements *el, const char *src, int64_t seq,
    char *buf, size_t size)
{
	char ep[40], t[40];
	size_t n = 0;

	orb_epoch_text(el, false, ep, sizeof(ep));
	orb_epoch_text(el, true, t, sizeof(t));
	PUT("{\"id\":\"norad:%u\",\"t\":\"%s\",\"src\":", el->norad, t);
	PUT_STR(src);
	if (seq >= 0)
		PUT(",\"seq\":%lld", (long long)seq);
	PUT(",\"OBJECT_NAME\":");
	PUT_STR(el->name);
	PUT(",\"OBJECT_ID\":");
	PUT_STR(el->object_id);
	PUT(",\"EPOCH\":\"%s\",\"MEAN_MOTION\":%.15g,\"ECCENTRICITY\":%.15g,"
	    "\"INCLINATION\":%.15g,\"RA_OF_ASC_NODE\":%.15g,"
	    "\"ARG_OF_PERICENTER\":%.15g,\"MEAN_ANOMALY\":%.15g,"
	    "\"EPHEMERIS_TYPE\":%d,\"CLASSIFICATION_TYPE\":\"%c\","
	    "\"NORAD_CAT_ID\":%u,\"ELEMENT_SET_NO\":%d,\"REV_AT_EPOCH\":%ld,"
	    "\"BSTAR\":%.15g,\"MEAN_MOTION_DOT\":%.15g,"
	    "\"MEAN_MOTION_DDOT\":%.15g",
	    ep, el->mean_motion, el->eccentricity, el->inclination,
	    el->ra_of_asc_node, el->arg_of_pericenter, el->mean_anomaly,
	    el->ephemeris_type, el->classification, el->norad,
	    el->element_set_no, el->rev_at_epoch, el->bstar,
	    el->mean_motion_dot, el->mean_motion_ddot);
	if (el->tle1[0] != '\0') {
		PUT(",\"tle1\":");
		PUT_STR(el->tle1);
		PUT(",\"tle2\":");
		PUT_STR(el->tle2);
	}
	PUT("}");
	if (n >= size)
		return 0;
	return n;
}
