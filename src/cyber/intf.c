/*
 * intf.c: GNSS interference reports to cyber/interference (intf.h has the
 * line format and the contract).
 *
 * Checks are strict where a wrong value would draw a wrong area (radius,
 * vertices, coordinates) and lenient elsewhere (unknown members are
 * ignored). The polygon ring may be given closed (last vertex equal to the
 * first) or open; it is passed on as given. Antimeridian-crossing polygons
 * are passed on as given too: drawing them is the map's business. The
 * event envelope (id, t, src, seq, position) is written by jw.c, as for
 * the other cyber adapters.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/jarena.h"
#include "cyber/intf.h"
#include "cyber/jw.h"

static void
clear_rec(struct intf_rec *r)
{
	tcop_event *ev = &r->ev;

	tcop_event_init(ev, TCOP_K_INTERFERENCE);
	r->text[0] = '\0';
	r->why = "";
}

static tcop_err
read_id(struct intf_rec *r, const cJSON *it)
{
	const char *s;

	if (!cJSON_IsString(it) || (s = it->valuestring)[0] == '\0' ||
	    strlen(s) > TCOP_ID_MAX - 6) {
		r->why = "id missing or not a short string";
		return TCOP_EID;
	}
	if (strchr(s, ':') != NULL)
		snprintf(r->ev.id, sizeof r->ev.id, "%s", s);
	else
		snprintf(r->ev.id, sizeof r->ev.id, "area:%s", s);
	return TCOP_OK;
}

static tcop_err
read_ring(struct intf_rec *r, const cJSON *it)
{
	const cJSON *pt;
	int n = 0;

	if (!cJSON_IsArray(it)) {
		r->why = "area is not an array of [lon,lat]";
		return TCOP_EFIELD;
	}
	cJSON_ArrayForEach(pt, it) {
		const cJSON *lo, *la;
		if (n == TCOP_AREA_MAX) {
			r->why = "area has too many vertices";
			return TCOP_EFIELD;
		}
		if (!cJSON_IsArray(pt) || cJSON_GetArraySize(pt) != 2 ||
		    !cJSON_IsNumber(lo = pt->child) ||
		    !cJSON_IsNumber(la = pt->child->next) ||
		    !(fabs(lo->valuedouble) <= 180) ||
		    !(fabs(la->valuedouble) <= 90)) {
			r->why = "area vertex is not [lon,lat] in range";
			return TCOP_EFIELD;
		}
		r->ev.area[n][0] = lo->valuedouble;
		r->ev.area[n][1] = la->valuedouble;
		n++;
	}
	if (n < 3) {
		r->why = "area has fewer than 3 vertices";
		return TCOP_EFIELD;
	}
	r->ev.narea = n;
	return TCOP_OK;
}

static tcop_err
read_rel(struct intf_rec *r, const cJSON *it)
{
	const cJSON *c;

	if (!cJSON_IsArray(it))
		return TCOP_EREL;
	r->ev.nrel = 0;
	cJSON_ArrayForEach(c, it) {
		size_t n;
		if (!cJSON_IsString(c) || r->ev.nrel == TCOP_REL_MAX ||
		    (n = strlen(c->valuestring)) < 3 || n > 4)
			return TCOP_EREL;
		for (size_t i = 0; i < n; i++)
			if (c->valuestring[i] < 'A' || c->valuestring[i] > 'Z')
				return TCOP_EREL;
		memcpy(r->ev.rel[r->ev.nrel++], c->valuestring, n + 1);
	}
	return TCOP_OK;
}

static tcop_err
member(struct intf_rec *r, const cJSON *it, const cJSON **lat,
    const cJSON **lon)
{
	const char *k = it->string;
	struct tcop_ev_interference *f = &r->ev.u.intf;

	if (strcmp(k, "id") == 0)
		return read_id(r, it);
	if (strcmp(k, "t") == 0 || strcmp(k, "end") == 0) {
		tcop_ms *t = k[0] == 't' ? &r->ev.t : &f->end;
		if (!cJSON_IsString(it) || tcop_time_parse(it->valuestring,
		    strlen(it->valuestring), t) != TCOP_OK) {
			r->why = k[0] == 't' ? "t is not an RFC 3339 time" :
			    "end is not an RFC 3339 time";
			return TCOP_ETIME;
		}
	} else if (strcmp(k, "what") == 0) {
		if (!cJSON_IsString(it) ||
		    (strcmp(it->valuestring, "gnss-jamming") != 0 &&
		    strcmp(it->valuestring, "gnss-spoofing") != 0)) {
			r->why = "what is not gnss-jamming or gnss-spoofing";
			return TCOP_EFIELD;
		}
		snprintf(f->what, sizeof f->what, "%s", it->valuestring);
	} else if (strcmp(k, "lat") == 0) {
		*lat = it;
	} else if (strcmp(k, "lon") == 0) {
		*lon = it;
	} else if (strcmp(k, "radius_m") == 0) {
		if (!cJSON_IsNumber(it) || !(it->valuedouble > 0) ||
		    it->valuedouble > 5e6) {
			r->why = "radius_m is not a number in (0, 5000 km]";
			return TCOP_EFIELD;
		}
		f->radius_m = it->valuedouble;
	} else if (strcmp(k, "area") == 0) {
		return read_ring(r, it);
	} else if (strcmp(k, "clear") == 0) {
		f->clear = cJSON_IsTrue(it);
	} else if (strcmp(k, "text") == 0 && cJSON_IsString(it)) {
		snprintf(r->text, sizeof r->text, "%s", it->valuestring);
	} else if (strcmp(k, "cls") == 0) {
		if (!cJSON_IsString(it) ||
		    (r->ev.cls = tcop_cls_parse(it->valuestring)) == TCOP_CLS_NONE) {
			r->why = "cls is not U, CUI, C, S or TS";
			return TCOP_ECLS;
		}
	} else if (strcmp(k, "rel") == 0) {
		if (read_rel(r, it) != TCOP_OK) {
			r->why = "rel is not an array of country codes";
			return TCOP_EREL;
		}
	}
	return TCOP_OK;
}

static tcop_err
read_pos(struct intf_rec *r, const cJSON *lat, const cJSON *lon)
{
	if (lat == NULL && lon == NULL)
		return TCOP_OK;
	if (!cJSON_IsNumber(lat) || !(fabs(lat->valuedouble) <= 90)) {
		r->why = "lat missing or outside [-90, 90]";
		return TCOP_ELAT;
	}
	if (!cJSON_IsNumber(lon) || !(fabs(lon->valuedouble) <= 180)) {
		r->why = "lon missing or outside [-180, 180]";
		return TCOP_ELON;
	}
	r->ev.has_pos = true;
	r->ev.lat = lat->valuedouble;
	r->ev.lon = lon->valuedouble;
	return TCOP_OK;
}

static tcop_err
check(struct intf_rec *r)
{
	const struct tcop_ev_interference *f = &r->ev.u.intf;

	if (r->ev.id[0] == '\0') {
		r->why = "no id";
		return TCOP_EID;
	}
	if (r->ev.t == TCOP_MS_NONE) {
		r->why = "no t";
		return TCOP_ETIME;
	}
	if (f->clear)
		return TCOP_OK;
	if (f->what[0] == '\0') {
		r->why = "no what (gnss-jamming or gnss-spoofing)";
		return TCOP_EFIELD;
	}
	if (r->ev.narea == 0 && !(r->ev.has_pos && !isnan(f->radius_m))) {
		r->why = "neither a circle (lat, lon, radius_m) nor an area";
		return TCOP_EFIELD;
	}
	if (f->end != TCOP_MS_NONE && f->end < r->ev.t) {
		r->why = "end is before t";
		return TCOP_EFIELD;
	}
	return TCOP_OK;
}

tcop_err
intf_decode(const char *line, size_t len, const char *src,
    struct intf_rec *r)
{
	const cJSON *it, *lat = NULL, *lon = NULL;
	const char *end = NULL;
	cJSON *root;
	tcop_err rv = TCOP_OK;
	size_t i;

	clear_rec(r);
	snprintf(r->ev.src, sizeof r->ev.src, "%s", src ? src : "gnss-reports");
	for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t' ||
	    line[i] == '\r' || line[i] == '\n'); i++)
		;
	if (i == len) {
		r->why = "blank line";
		return TCOP_EEMPTY;
	}
	jarena_begin();
	root = cJSON_ParseWithLengthOpts(line, len, &end, false);
	if (root == NULL || !cJSON_IsObject(root)) {
		r->why = root == NULL ? "not JSON" : "not a JSON object";
		rv = TCOP_EJSON;
		goto out;
	}
	for (; end < line + len; end++)
		if (*end != ' ' && *end != '\t' && *end != '\r' && *end != '\n') {
			r->why = "text after the JSON object";
			rv = TCOP_EJSON;
			goto out;
		}
	for (it = root->child; it != NULL && rv == TCOP_OK; it = it->next)
		rv = member(r, it, &lat, &lon);
	if (rv == TCOP_OK && (rv = read_pos(r, lat, lon)) == TCOP_OK)
		rv = check(r);
out:
	cJSON_Delete(root);
	jarena_end();
	return rv;
}

tcop_err
intf_format(const struct intf_rec *r, int64_t seq, char *buf, size_t size,
    size_t *len)
{
	const tcop_event *ev = &r->ev;
	const struct tcop_ev_interference *f = &ev->u.intf;
	struct jw w;

	jw_event(&w, buf, size, ev, seq);
	if (ev->cls != TCOP_CLS_NONE)
		jw_str(&w, "cls", tcop_cls_name(ev->cls));
	if (ev->nrel >= 0) {
		jw_arr_open(&w, "rel");
		for (int i = 0; i < ev->nrel; i++)
			jw_arr_str(&w, ev->rel[i]);
		jw_arr_close(&w);
	}
	jw_pos(&w, ev);
	if (f->what[0])
		jw_str(&w, "what", f->what);
	if (!isnan(f->radius_m))
		jw_num(&w, "radius_m", f->radius_m);
	if (ev->narea > 0) {
		jw_arr_open(&w, "area");
		for (int i = 0; i < ev->narea; i++)
			jw_arr_pair(&w, ev->area[i][0], ev->area[i][1]);
		jw_arr_close(&w);
	}
	if (f->end != TCOP_MS_NONE)
		jw_time(&w, "end", f->end);
	if (f->clear)
		jw_bool(&w, "clear", true);
	if (r->text[0])
		jw_str(&w, "text", r->text);
	return jw_end(&w, len);
}
