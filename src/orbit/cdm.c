/*
 * cdm.c: conjunction data messages in (Space-Track JSON, CCSDS KVN) and
 * out (the space/conjunction event). cdm.h has the contract.
 *
 * Known limits: only what the picture shows is kept (ids, names, TCA, miss
 * distance, Pc, relative speed); covariances and state vectors are read
 * past. CCSDS day-of-year dates (YYYY-DDDThh:mm:ss) are not accepted.
 * The number, name and output helpers are shared with omm.c
 * (orbit/ojson.c); the object scanner too (orbit/objscan.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/jarena.h"
#include "orbit/cdm.h"
#include "orbit/elements.h"
#include "orbit/ojson.h"

#define WHY(...) snprintf(why, CDM_WHY_MAX, __VA_ARGS__)

/* A time as CDMs write it ("2022-12-27T13:28:59.516000", zone optional) */
static bool
cdm_time(const char *s, tcop_ms *out)
{
	double jd, fr;

	if (orb_epoch_parse(s, &jd, &fr) != TCOP_OK)
		return false;
	*out = (tcop_ms)llround(((jd - 2440587.5) + fr) * 86400000.0);
	return true;
}

static void
cdm_clear(struct cdm *c)
{
	memset(c, 0, sizeof(*c));
	c->created = TCOP_MS_NONE;
	c->tca = TCOP_MS_NONE;
	c->min_rng = NAN;
	c->pc = NAN;
	c->rel_speed = NAN;
}

/* The checks both forms share once their keys are read. */
static tcop_err
cdm_finish(struct cdm *c, char why[CDM_WHY_MAX])
{
	if (c->cdm_id[0] == '\0') {
		WHY("no CDM_ID or MESSAGE_ID");
		return TCOP_EFIELD;
	}
	if (c->tca == TCOP_MS_NONE) {
		WHY("TCA missing or not a time");
		return TCOP_ETIME;
	}
	if (isnan(c->min_rng) || c->min_rng < 0) {
		WHY("miss distance missing, not a number or negative");
		return TCOP_EFIELD;
	}
	if (!isnan(c->pc) && (c->pc < 0 || c->pc > 1)) {
		WHY("probability of collision outside [0, 1]");
		return TCOP_ERANGE;
	}
	if (c->sat_1_id[0] == '\0' || c->sat_2_id[0] == '\0') {
		WHY("an object designator is missing");
		return TCOP_EFIELD;
	}
	tcop_time_format_ms(c->tca, c->tca_text, sizeof(c->tca_text));
	return TCOP_OK;
}

/* ---- JSON ------------------------------------------------------------- */

/* The text of a key whose value is a string or a number ("" if neither). */
static const char *
jtext(const cJSON *o, const char *key, char *tmp, size_t size)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);

	if (cJSON_IsString(it))
		return it->valuestring;
	if (cJSON_IsNumber(it) && isfinite(it->valuedouble)) {
		snprintf(tmp, size, "%.17g", it->valuedouble);
		return tmp;
	}
	return "";
}

/* The first of two keys that is present. */
static const char *
jtext2(const cJSON *o, const char *k1, const char *k2, char *tmp, size_t n)
{
	const char *s = jtext(o, k1, tmp, n);
	return s[0] != '\0' ? s : jtext(o, k2, tmp, n);
}

static tcop_err
from_tree(const cJSON *o, struct cdm *c, char why[CDM_WHY_MAX])
{
	char tmp[64];
	const char *s;

	cdm_clear(c);
	if (!cJSON_IsObject(o)) {
		WHY("not a JSON object");
		return TCOP_EJSON;
	}
	ojson_clean(c->cdm_id, sizeof(c->cdm_id),
	    jtext2(o, "CDM_ID", "MESSAGE_ID", tmp, sizeof(tmp)));
	s = jtext2(o, "CREATED", "CREATION_DATE", tmp, sizeof(tmp));
	if (s[0] != '\0' && !cdm_time(s, &c->created)) {
		WHY("creation date is not a time");
		return TCOP_ETIME;
	}
	s = jtext(o, "TCA", tmp, sizeof(tmp));
	if (s[0] != '\0' && !cdm_time(s, &c->tca)) {
		WHY("TCA \"%.40s\" is not a time", s);
		return TCOP_ETIME;
	}
	s = jtext2(o, "MIN_RNG", "MISS_DISTANCE", tmp, sizeof(tmp));
	if (s[0] != '\0' && !ojson_num_text(s, &c->min_rng)) {
		WHY("miss distance is not a number");
		return TCOP_EFIELD;
	}
	if (strcmp(jtext(o, "MISS_DISTANCE_UNIT", tmp, sizeof(tmp)), "km") == 0)
		c->min_rng *= 1000.0;
	s = jtext2(o, "PC", "COLLISION_PROBABILITY", tmp, sizeof(tmp));
	if (s[0] != '\0' && !ojson_num_text(s, &c->pc)) {
		WHY("probability of collision is not a number");
		return TCOP_EFIELD;
	}
	s = jtext(o, "RELATIVE_SPEED", tmp, sizeof(tmp));
	if (s[0] != '\0' && ojson_num_text(s, &c->rel_speed) &&
	    strcmp(jtext(o, "RELATIVE_SPEED_UNIT", tmp, sizeof(tmp)),
	    "km/s") == 0)
		c->rel_speed *= 1000.0;
	ojson_clean(c->sat_1_id, sizeof(c->sat_1_id),
	    jtext2(o, "SAT_1_ID", "SAT1_OBJECT_DESIGNATOR", tmp, sizeof(tmp)));
	ojson_clean(c->sat_1_name, sizeof(c->sat_1_name),
	    jtext2(o, "SAT_1_NAME", "SAT1_OBJECT_NAME", tmp, sizeof(tmp)));
	ojson_clean(c->sat_2_id, sizeof(c->sat_2_id),
	    jtext2(o, "SAT_2_ID", "SAT2_OBJECT_DESIGNATOR", tmp, sizeof(tmp)));
	ojson_clean(c->sat_2_name, sizeof(c->sat_2_name),
	    jtext2(o, "SAT_2_NAME", "SAT2_OBJECT_NAME", tmp, sizeof(tmp)));
	return cdm_finish(c, why);
}

tcop_err
cdm_parse_json(const char *json, size_t len, struct cdm *c,
    char why[CDM_WHY_MAX])
{
	cJSON *o;
	tcop_err rv;

	why[0] = '\0';
	tcop_json_init();
	jarena_begin();
	o = cJSON_ParseWithLength(json, len);
	if (o == NULL) {
		cdm_clear(c);
		WHY("not valid JSON");
		rv = TCOP_EJSON;
	} else {
		rv = from_tree(o, c, why);
	}
	cJSON_Delete(o);
	jarena_end();
	return rv;
}

/* ---- KVN -------------------------------------------------------------- */

/* One line into out (NUL-terminated, cut at size-1, CR and blanks gone) */
static bool
kvn_line(struct cdm_reader *r, char *out, size_t size)
{
	size_t n = 0, end;

	if (r->pos >= r->len)
		return false;
	while (r->pos < r->len && r->buf[r->pos] != '\n') {
		if (n + 1 < size)
			out[n++] = r->buf[r->pos] == '\0' ? ' ' : r->buf[r->pos];
		r->pos++;
	}
	if (r->pos < r->len)
		r->pos++;
	r->line++;
	end = n;
	while (end > 0 && (out[end - 1] == '\r' || out[end - 1] == ' ' ||
	    out[end - 1] == '\t'))
		end--;
	out[end] = '\0';
	return true;
}

static char *
trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* Split "KEY = VALUE [unit]": key and value trimmed, unit without [] */
static bool
kvn_split(char *line, char **key, char **val, char **unit)
{
	char *eq = strchr(line, '='), *br;

	if (eq == NULL)
		return false;
	*eq = '\0';
	*key = trim(line);
	*val = eq + 1;
	*unit = NULL;
	br = strrchr(*val, '[');
	if (br != NULL && strchr(br, ']') != NULL) {
		*strchr(br, ']') = '\0';
		*unit = br + 1;
		*br = '\0';
	}
	*val = trim(*val);
	return **key != '\0';
}

static bool
is_start(const char *line)
{
	while (*line == ' ')
		line++;
	return strncmp(line, "CCSDS_CDM_VERS", 14) == 0;
}

/* Skip to the next CCSDS_CDM_VERS line (left unread), after an error. */
static void
kvn_resync(struct cdm_reader *r)
{
	char line[512];

	for (;;) {
		size_t pos = r->pos;
		long ln = r->line;

		if (!kvn_line(r, line, sizeof(line)))
			return;
		if (is_start(line)) {
			r->pos = pos;
			r->line = ln;
			return;
		}
	}
}

static tcop_err
kvn_value(struct cdm *c, int obj, const char *key, const char *val,
    const char *unit, char why[CDM_WHY_MAX])
{
	double scale = unit != NULL && strcmp(unit, "km") == 0 ? 1000.0 : 1.0;

	if (strcmp(key, "MESSAGE_ID") == 0) {
		if (c->cdm_id[0] == '\0')
			ojson_clean(c->cdm_id, sizeof(c->cdm_id), val);
	} else if (strcmp(key, "CREATION_DATE") == 0) {
		if (!cdm_time(val, &c->created)) {
			WHY("CREATION_DATE \"%.40s\" is not a time", val);
			return TCOP_ETIME;
		}
	} else if (strcmp(key, "TCA") == 0) {
		if (!cdm_time(val, &c->tca)) {
			WHY("TCA \"%.40s\" is not a time", val);
			return TCOP_ETIME;
		}
	} else if (strcmp(key, "MISS_DISTANCE") == 0) {
		if (!ojson_num_text(val, &c->min_rng)) {
			WHY("MISS_DISTANCE is not a number");
			return TCOP_EFIELD;
		}
		c->min_rng *= scale;
	} else if (strcmp(key, "RELATIVE_SPEED") == 0) {
		if (!ojson_num_text(val, &c->rel_speed)) {
			WHY("RELATIVE_SPEED is not a number");
			return TCOP_EFIELD;
		}
		c->rel_speed *= unit != NULL && strcmp(unit, "km/s") == 0 ?
		    1000.0 : 1.0;
	} else if (strcmp(key, "COLLISION_PROBABILITY") == 0) {
		if (!ojson_num_text(val, &c->pc)) {
			WHY("COLLISION_PROBABILITY is not a number");
			return TCOP_EFIELD;
		}
	} else if (strcmp(key, "OBJECT_DESIGNATOR") == 0 && obj != 0) {
		ojson_clean(obj == 1 ? c->sat_1_id : c->sat_2_id,
		    sizeof(c->sat_1_id), val);
	} else if (strcmp(key, "OBJECT_NAME") == 0 && obj != 0) {
		ojson_clean(obj == 1 ? c->sat_1_name : c->sat_2_name,
		    sizeof(c->sat_1_name), val);
	}
	return TCOP_OK;
}

static tcop_err
kvn_next(struct cdm_reader *r, struct cdm *c, long *lineno,
    char why[CDM_WHY_MAX])
{
	char line[512], *key, *val, *unit;
	int obj = 0;
	bool started = false;
	tcop_err rv;

	cdm_clear(c);
	for (;;) {
		size_t pos = r->pos;
		long ln = r->line;
		char *p;

		if (!kvn_line(r, line, sizeof(line)))
			break;
		p = trim(line);
		if (*p == '\0')
			continue;
		if (is_start(p)) {
			if (started) { /* the next message: leave it unread */
				r->pos = pos;
				r->line = ln;
				break;
			}
			started = true;
			*lineno = r->line;
			continue;
		}
		if (!started) {
			*lineno = r->line;
			WHY("expected CCSDS_CDM_VERS first");
			kvn_resync(r);
			return TCOP_EFORMAT;
		}
		if (strncmp(p, "COMMENT", 7) == 0) {
			char *id = strstr(p, "CDM_ID:");
			if (id != NULL && c->cdm_id[0] == '\0')
				ojson_clean(c->cdm_id, sizeof(c->cdm_id),
				    trim(id + 7));
			continue;
		}
		if (!kvn_split(p, &key, &val, &unit)) {
			*lineno = r->line;
			WHY("line is not KEY = VALUE");
			kvn_resync(r);
			return TCOP_EFORMAT;
		}
		if (strcmp(key, "OBJECT") == 0) {
			obj = strcmp(val, "OBJECT1") == 0 ? 1 :
			    strcmp(val, "OBJECT2") == 0 ? 2 : 0;
			continue;
		}
		if ((rv = kvn_value(c, obj, key, val, unit, why)) != TCOP_OK) {
			*lineno = r->line;
			kvn_resync(r);
			return rv;
		}
	}
	if (!started)
		return TCOP_EOF;
	return cdm_finish(c, why);
}

void
cdm_reader_init(struct cdm_reader *r, const char *buf, size_t len)
{
	size_t i = 0;

	r->buf = buf;
	r->len = len;
	r->pos = 0;
	r->line = 0;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
	    buf[i] == '\n'))
		i++;
	r->kvn = !(i < len && (buf[i] == '{' || buf[i] == '['));
	objscan_init(&r->scan, buf, len);
}

tcop_err
cdm_next(struct cdm_reader *r, struct cdm *c, long *lineno,
    char why[CDM_WHY_MAX])
{
	const char *obj;
	size_t len;
	tcop_err rv;

	why[0] = '\0';
	if (r->kvn)
		return kvn_next(r, c, lineno, why);
	if ((rv = objscan_next(&r->scan, &obj, &len, lineno, why,
	    CDM_WHY_MAX)) != TCOP_OK)
		return rv;
	return cdm_parse_json(obj, len, c, why);
}

/* ---- out -------------------------------------------------------------- */

/* Control characters are dropped: the names are cleaned when read, and
 * src is written the same way. */
#define PUT(...) (n = ojson_put(buf, size, n, __VA_ARGS__))
#define PUT_STR(s) (n = ojson_put_str(buf, size, n, (s), OJSON_CTL_DROP))

size_t
cdm_event_json(const struct cdm *c, const char *src, int64_t seq,
    char *buf, size_t size)
{
	char t[40];
	size_t n = 0;

	if (c->tca == TCOP_MS_NONE)
		return 0; /* not a parsed message */
	tcop_time_format_ms(c->created != TCOP_MS_NONE ? c->created : c->tca,
	    t, sizeof(t));
	PUT("{\"id\":");
	{
		char id[80];
		snprintf(id, sizeof(id), "cdm:%s", c->cdm_id);
		PUT_STR(id);
	}
	PUT(",\"t\":\"%s\",\"src\":", t);
	PUT_STR(src);
	if (seq >= 0)
		PUT(",\"seq\":%lld", (long long)seq);
	PUT(",\"CDM_ID\":");
	PUT_STR(c->cdm_id);
	PUT(",\"TCA\":\"%s\",\"MIN_RNG\":%.15g", c->tca_text, c->min_rng);
	if (!isnan(c->pc))
		PUT(",\"PC\":%.15g", c->pc);
	if (!isnan(c->rel_speed))
		PUT(",\"RELATIVE_SPEED\":%.15g", c->rel_speed);
	PUT(",\"SAT_1_ID\":");
	PUT_STR(c->sat_1_id);
	PUT(",\"SAT_1_NAME\":");
	PUT_STR(c->sat_1_name);
	PUT(",\"SAT_2_ID\":");
	PUT_STR(c->sat_2_id);
	PUT(",\"SAT_2_NAME\":");
	PUT_STR(c->sat_2_name);
	PUT("}");
	return n >= size ? 0 : n;
}
