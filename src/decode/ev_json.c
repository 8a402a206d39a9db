/*
 * ev_json.c: the tcop/1 decoder. TOPIC SP JSON in, a validated tcop_event
 * out (event.h has the contract).
 *
 * One pass over the object's members: common fields are checked strictly
 * (each failure has its own reason code, counted by the caller); the known
 * domain fields of the topic are copied through a per-topic table of
 * (name, type, offset) so that the struct reads like DESIGN.md's table.
 * Domain fields are lenient where the standards they borrow from are:
 * Space-Track sends numbers as strings, gpsd sends "nan" for "not
 * available"; a domain field of the wrong type is left absent, and only a
 * malformed `area` is a rejection (EFIELD), since it would draw garbage.
 * Unknown members are left in the raw JSON, which the event points to.
 *
 * The cJSON tree lives in the per-thread arena (core/jarena.h) and is gone
 * before this returns.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/jarena.h"
#include "tcop/event.h"

static const char *const kind_topics[] = {
#define KIND_TOPIC(name, topic, domain) topic,
	TCOP_KINDS(KIND_TOPIC)
#undef KIND_TOPIC
};

static const char *const kind_domains[] = {
#define KIND_DOMAIN(name, topic, domain) domain,
	TCOP_KINDS(KIND_DOMAIN)
#undef KIND_DOMAIN
};

const char *
tcop_kind_topic(tcop_kind k)
{
	return (unsigned)k < TCOP_K_COUNT ? kind_topics[k] : "";
}

const char *
tcop_kind_domain(tcop_kind k)
{
	return (unsigned)k < TCOP_K_COUNT ? kind_domains[k] : "";
}

tcop_kind
tcop_kind_of_topic(const char *topic, size_t len)
{
	for (int k = 1; k < TCOP_K_COUNT; k++) {
		if (strlen(kind_topics[k]) == len &&
		    memcmp(kind_topics[k], topic, len) == 0)
			return (tcop_kind)k;
	}
	return TCOP_K_UNKNOWN;
}

static const char *const cls_names[] = { "", "U", "CUI", "C", "S", "TS" };

const char *
tcop_cls_name(tcop_cls c)
{
	return (unsigned)c <= TCOP_CLS_TS ? cls_names[c] : "";
}

tcop_cls
tcop_cls_parse(const char *s)
{
	for (int c = TCOP_CLS_U; c <= TCOP_CLS_TS; c++)
		if (strcmp(s, cls_names[c]) == 0)
			return (tcop_cls)c;
	return TCOP_CLS_NONE;
}

/* ---- domain field tables ------------------------------------------------- */

enum ftype {
	F_STR,  /* char[size] */
	F_NUM,  /* double; a numeric string is accepted */
	F_INT,  /* int; number or numeric string, integral */
	F_I64,  /* int64_t */
	F_U32,  /* uint32_t, >= 0 */
	F_TIME, /* tcop_ms from RFC 3339 text */
	F_BOOL, /* bool */
	F_VIA,  /* bool via_satellite from "satellite"/"terrestrial" */
};

struct field {
	const char *name;
	enum ftype type;
	size_t off; /* offset inside tcop_event */
	size_t size;
};

#define U(m) offsetof(tcop_event, u.m)
#define STR(n, m) { n, F_STR, U(m), sizeof(((tcop_event *)0)->u.m) }
#define NUM(n, m) { n, F_NUM, U(m), 0 }
#define INT(n, m) { n, F_INT, U(m), 0 }
#define I64(n, m) { n, F_I64, U(m), 0 }
#define U32(n, m) { n, F_U32, U(m), 0 }
#define TIM(n, m) { n, F_TIME, U(m), 0 }
#define BOOL(n, m) { n, F_BOOL, U(m), 0 }

static const struct field track_fields[] = {
	INT("type", track.type), U32("mmsi", track.mmsi),
	INT("status", track.status), NUM("speed", track.speed),
	NUM("course", track.course), NUM("heading", track.heading),
	NUM("turn", track.turn), INT("accuracy", track.accuracy),
	STR("shipname", track.shipname), STR("callsign", track.callsign),
	U32("imo", track.imo), INT("shiptype", track.shiptype),
	INT("to_bow", track.to_bow), INT("to_stern", track.to_stern),
	INT("to_port", track.to_port), INT("to_starboard", track.to_starboard),
	STR("destination", track.destination),
	{ "via", F_VIA, U(track.via_satellite), 0 },
	{ NULL, 0, 0, 0 },
};

static const struct field det_fields[] = {
	STR("sensor", det.sensor), NUM("ce", det.ce), NUM("length", det.length),
	NUM("speed", det.speed), NUM("course", det.course),
	{ NULL, 0, 0, 0 },
};

static const struct field el_fields[] = {
	STR("OBJECT_NAME", el.object_name), STR("OBJECT_ID", el.object_id),
	U32("NORAD_CAT_ID", el.norad_cat_id), TIM("EPOCH", el.epoch),
	STR("EPOCH", el.epoch_text),
	NUM("MEAN_MOTION", el.mean_motion), NUM("ECCENTRICITY", el.eccentricity),
	NUM("INCLINATION", el.inclination),
	NUM("RA_OF_ASC_NODE", el.ra_of_asc_node),
	NUM("ARG_OF_PERICENTER", el.arg_of_pericenter),
	NUM("MEAN_ANOMALY", el.mean_anomaly), NUM("BSTAR", el.bstar),
	NUM("MEAN_MOTION_DOT", el.mean_motion_dot),
	NUM("MEAN_MOTION_DDOT", el.mean_motion_ddot),
	INT("EPHEMERIS_TYPE", el.ephemeris_type),
	INT("ELEMENT_SET_NO", el.element_set_no),
	NUM("REV_AT_EPOCH", el.rev_at_epoch),
	STR("tle1", el.tle1), STR("tle2", el.tle2),
	{ NULL, 0, 0, 0 },
};

static const struct field cdm_fields[] = {
	STR("CDM_ID", cdm.cdm_id), TIM("TCA", cdm.tca),
	NUM("MIN_RNG", cdm.min_rng), NUM("PC", cdm.pc),
	STR("SAT_1_ID", cdm.sat_1_id), STR("SAT_1_NAME", cdm.sat_1_name),
	STR("SAT_2_ID", cdm.sat_2_id), STR("SAT_2_NAME", cdm.sat_2_name),
	{ NULL, 0, 0, 0 },
};

static const struct field sev_fields[] = {
	STR("what", sev.what), U32("norad", sev.norad),
	{ NULL, 0, 0, 0 },
};

static const struct field alert_fields[] = {
	STR("signature", alert.signature), I64("signature_id", alert.signature_id),
	INT("severity", alert.severity), STR("category", alert.category),
	STR("src_ip", alert.src_ip), STR("dest_ip", alert.dest_ip),
	INT("src_port", alert.src_port), INT("dest_port", alert.dest_port),
	STR("proto", alert.proto), STR("asset", alert.asset),
	{ NULL, 0, 0, 0 },
};

static const struct field stix_fields[] = {
	STR("stix_id", stix.stix_id), STR("name", stix.name),
	STR("pattern", stix.pattern), INT("confidence", stix.confidence),
	INT("count", stix.count), TIM("first_seen", stix.first_seen),
	TIM("last_seen", stix.last_seen), STR("where", stix.where),
	{ NULL, 0, 0, 0 },
};

static const struct field intf_fields[] = {
	STR("what", intf.what), NUM("radius_m", intf.radius_m),
	TIM("end", intf.end), BOOL("clear", intf.clear),
	{ NULL, 0, 0, 0 },
};

static const struct field pic_fields[] = {
	STR("by", pic.by), STR("text", pic.text), STR("ref", pic.ref),
	STR("name", pic.name), STR("region", pic.region),
	STR("selection", pic.selection), NUM("span", pic.span),
	TIM("replay_t", pic.replay_t), STR("rules", pic.rules),
	{ NULL, 0, 0, 0 },
};

static const struct field *const kind_fields[TCOP_K_COUNT] = {
	[TCOP_K_TRACK] = track_fields,
	[TCOP_K_DETECTION] = det_fields,
	[TCOP_K_ELEMENTS] = el_fields,
	[TCOP_K_CONJUNCTION] = cdm_fields,
	[TCOP_K_SPACE_EVENT] = sev_fields,
	[TCOP_K_ALERT] = alert_fields,
	[TCOP_K_INDICATOR] = stix_fields,
	[TCOP_K_SIGHTING] = stix_fields,
	[TCOP_K_INTERFERENCE] = intf_fields,
	[TCOP_K_MARK] = pic_fields,
	[TCOP_K_NOTE] = pic_fields,
	[TCOP_K_ACK] = pic_fields,
	[TCOP_K_VIEW] = pic_fields,
	[TCOP_K_ZONE] = pic_fields,
};

/* Every absent value, before the members are read. */
static void
domain_defaults(tcop_event *ev)
{
	const struct field *f = kind_fields[ev->kind];

	memset(&ev->u, 0, sizeof ev->u);
	if (f == NULL)
		return;
	for (; f->name != NULL; f++) {
		void *p = (char *)ev + f->off;
		switch (f->type) {
		case F_NUM: *(double *)p = NAN; break;
		case F_INT: *(int *)p = -1; break;
		case F_I64: *(int64_t *)p = -1; break;
		case F_TIME: *(tcop_ms *)p = TCOP_MS_NONE; break;
		default: break;
		}
	}
	if (ev->kind == TCOP_K_VIEW)
		ev->u.pic.center_lat = ev->u.pic.center_lon = NAN;
}

/* Copy a string, cutting at a UTF-8 boundary so the result stays valid. */
static void
copy_str(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* A number, or a string that is wholly a finite number. */
static bool
num_value(const cJSON *it, double *out)
{
	if (cJSON_IsNumber(it)) {
		*out = it->valuedouble;
		return isfinite(*out);
	}
	if (cJSON_IsString(it) && it->valuestring[0] != '\0') {
		char *end;
		double v = strtod(it->valuestring, &end);
		if (*end != '\0' || !isfinite(v))
			return false;
		*out = v;
		return true;
	}
	return false;
}

static void
set_field(tcop_event *ev, const struct field *f, const cJSON *it)
{
	void *p = (char *)ev + f->off;
	double v;

	switch (f->type) {
	case F_STR:
		if (cJSON_IsString(it))
			copy_str(p, f->size, it->valuestring);
		else if (cJSON_IsNumber(it) && isfinite(it->valuedouble) &&
		    fabs(it->valuedouble) < 1e15)
			snprintf(p, f->size, "%.0f", it->valuedouble);
		break;
	case F_NUM:
		if (num_value(it, &v))
			*(double *)p = v;
		break;
	case F_INT:
		if (num_value(it, &v) && v == floor(v) && fabs(v) < 2e9)
			*(int *)p = (int)v;
		break;
	case F_I64:
		if (num_value(it, &v) && v == floor(v) && fabs(v) < 9e15)
			*(int64_t *)p = (int64_t)v;
		break;
	case F_U32:
		if (num_value(it, &v) && v == floor(v) && v >= 0 && v < 4.3e9)
			*(uint32_t *)p = (uint32_t)v;
		break;
	case F_TIME:
		if (cJSON_IsString(it)) {
			tcop_ms t;
			if (tcop_time_parse(it->valuestring,
			    strlen(it->valuestring), &t) == TCOP_OK)
				*(tcop_ms *)p = t;
		}
		break;
	case F_BOOL:
		*(bool *)p = cJSON_IsTrue(it);
		break;
	case F_VIA:
		*(bool *)p = cJSON_IsString(it) &&
		    strcmp(it->valuestring, "satellite") == 0;
		break;
	}
}

static void
domain_member(tcop_event *ev, const cJSON *it)
{
	const struct field *f = kind_fields[ev->kind];

	if (f == NULL)
		return;
	for (; f->name != NULL; f++)
		if (strcmp(f->name, it->string) == 0)
			set_field(ev, f, it); /* no break: EPOCH feeds two */
}

/* `area`: [[lon,lat],...], 3..TCOP_AREA_MAX finite vertices in range. */
static tcop_err
read_area(tcop_event *ev, const cJSON *it)
{
	int n = 0;
	const cJSON *pt;

	if (!cJSON_IsArray(it))
		return TCOP_EFIELD;
	cJSON_ArrayForEach(pt, it) {
		const cJSON *lo, *la;
		if (n == TCOP_AREA_MAX || !cJSON_IsArray(pt) ||
		    cJSON_GetArraySize(pt) < 2)
			return TCOP_EFIELD;
		lo = pt->child;
		la = lo->next;
		if (!cJSON_IsNumber(lo) || !cJSON_IsNumber(la) ||
		    !isfinite(lo->valuedouble) || !isfinite(la->valuedouble) ||
		    fabs(lo->valuedouble) > 180 || fabs(la->valuedouble) > 90)
			return TCOP_EFIELD;
		ev->area[n][0] = lo->valuedouble;
		ev->area[n][1] = la->valuedouble;
		n++;
	}
	if (n < 3)
		return TCOP_EFIELD;
	ev->narea = n;
	return TCOP_OK;
}

/* `center` of picture/view: [lat, lon]. */
static void
read_center(tcop_event *ev, const cJSON *it)
{
	if (cJSON_IsArray(it) && cJSON_GetArraySize(it) == 2 &&
	    cJSON_IsNumber(it->child) && cJSON_IsNumber(it->child->next)) {
		double la = it->child->valuedouble;
		double lo = it->child->next->valuedouble;
		if (isfinite(la) && isfinite(lo) && fabs(la) <= 90 &&
		    fabs(lo) <= 180) {
			ev->u.pic.center_lat = la;
			ev->u.pic.center_lon = lo;
		}
	}
}

/* ---- common fields ------------------------------------------------------- */

static bool
rel_code_ok(const char *s)
{
	size_t n = strlen(s);

	if (n < 3 || n > 4)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return false;
	return true;
}

static tcop_err
read_rel(tcop_event *ev, const cJSON *it)
{
	const cJSON *c;

	if (!cJSON_IsArray(it))
		return TCOP_EREL;
	ev->nrel = 0;
	cJSON_ArrayForEach(c, it) {
		if (!cJSON_IsString(c) || !rel_code_ok(c->valuestring) ||
		    ev->nrel == TCOP_REL_MAX)
			return TCOP_EREL;
		copy_str(ev->rel[ev->nrel++], sizeof ev->rel[0], c->valuestring);
	}
	return TCOP_OK;
}

static tcop_err
read_coord(const cJSON *it, double lim, tcop_err bad, double *out)
{
	if (!cJSON_IsNumber(it))
		return bad;
	if (!isfinite(it->valuedouble))
		return TCOP_ENOTFINITE;
	if (fabs(it->valuedouble) > lim)
		return bad;
	*out = it->valuedouble;
	return TCOP_OK;
}

static tcop_err
read_str(const cJSON *it, char *dst, size_t size, tcop_err bad)
{
	size_t n;

	if (!cJSON_IsString(it))
		return bad;
	n = strlen(it->valuestring);
	if (n == 0 || n >= size)
		return bad;
	memcpy(dst, it->valuestring, n + 1);
	return TCOP_OK;
}

/* A member of the object; common ones are checked, the rest go to the
 * topic's table. */
static tcop_err
member(tcop_event *ev, const cJSON *it, unsigned *seen)
{
	const char *k = it->string;
	tcop_err rv = TCOP_OK;

	if (k[0] == '\0' || k[1] == '\0' || k[2] == '\0' || k[3] == '\0' ||
	    k[4] == '\0') {
		/* short keys: the common fields are all short */
		if (strcmp(k, "id") == 0) {
			*seen |= 1;
			return read_str(it, ev->id, sizeof ev->id, TCOP_EID);
		}
		if (strcmp(k, "t") == 0) {
			*seen |= 2;
			if (!cJSON_IsString(it))
				return TCOP_ETIME;
			return tcop_time_parse(it->valuestring,
			    strlen(it->valuestring), &ev->t);
		}
		if (strcmp(k, "src") == 0) {
			*seen |= 4;
			return read_str(it, ev->src, sizeof ev->src, TCOP_ESRC);
		}
		if (strcmp(k, "seq") == 0) {
			double v = it->valuedouble;
			if (!cJSON_IsNumber(it) || !isfinite(v) || v < 0 ||
			    v != floor(v) || v > 9e15)
				return TCOP_ESEQ;
			ev->seq = (int64_t)v;
			return TCOP_OK;
		}
		if (strcmp(k, "cls") == 0) {
			if (!cJSON_IsString(it))
				return TCOP_ECLS;
			ev->cls = tcop_cls_parse(it->valuestring);
			return ev->cls == TCOP_CLS_NONE ? TCOP_ECLS : TCOP_OK;
		}
		if (strcmp(k, "rel") == 0)
			return read_rel(ev, it);
		if (strcmp(k, "lat") == 0) {
			*seen |= 8;
			return read_coord(it, 90, TCOP_ELAT, &ev->lat);
		}
		if (strcmp(k, "lon") == 0) {
			*seen |= 16;
			return read_coord(it, 180, TCOP_ELON, &ev->lon);
		}
		if (strcmp(k, "area") == 0)
			return read_area(ev, it);
	}
	if (strcmp(k, "resend") == 0) {
		ev->resend = cJSON_IsTrue(it);
		return TCOP_OK;
	}
	if (ev->kind == TCOP_K_VIEW && strcmp(k, "center") == 0) {
		read_center(ev, it);
		return TCOP_OK;
	}
	domain_member(ev, it);
	return rv;
}

/* ---- framing ------------------------------------------------------------- */

static bool
topic_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
	    c == '_' || c == '.';
}

/* domain/kind: [a-z0-9._-]+ "/" [a-z0-9._-]+, shorter than TCOP_TOPIC_MAX. */
static bool
topic_ok(const char *t, size_t len)
{
	size_t slash = 0, i;

	if (len == 0 || len >= TCOP_TOPIC_MAX)
		return false;
	for (i = 0; i < len; i++) {
		if (t[i] == '/') {
			if (slash != 0 || i == 0)
				return false;
			slash = i;
		} else if (!topic_char((unsigned char)t[i])) {
			return false;
		}
	}
	return slash != 0 && slash != len - 1;
}

static bool
only_space(const char *p, const char *end)
{
	if (p == NULL)
		return false;
	for (; p < end; p++)
		if (*p != ' ' && *p != '\t')
			return false;
	return true;
}

long
tcop_msg_topic_len(const void *msg, size_t len)
{
	const char *m = msg;
	size_t i;

	for (i = 0; i < len && i < TCOP_TOPIC_MAX; i++)
		if (m[i] == ' ')
			return topic_ok(m, i) ? (long)i : -1;
	return -1;
}

tcop_err
tcop_event_decode2(const char *topic, size_t topic_len, const char *json,
    size_t json_len, tcop_event *ev)
{
	cJSON *root;
	const cJSON *it;
	const char *end = NULL;
	unsigned seen = 0;
	tcop_err rv = TCOP_OK;

	if (topic_len + 1 + json_len > TCOP_MSG_MAX)
		return TCOP_ETOOBIG;
	if (!topic_ok(topic, topic_len))
		return TCOP_ETOPIC;
	if (json_len == 0 || json[0] != '{' ||
	    memchr(json, '\n', json_len) != NULL ||
	    memchr(json, '\r', json_len) != NULL)
		return TCOP_EJSON;

	ev->kind = tcop_kind_of_topic(topic, topic_len);
	memcpy(ev->topic, topic, topic_len);
	ev->topic[topic_len] = '\0';
	ev->id[0] = ev->src[0] = '\0';
	ev->t = TCOP_MS_NONE;
	ev->seq = -1;
	ev->cls = TCOP_CLS_NONE;
	ev->nrel = -1;
	ev->has_pos = false;
	ev->lat = ev->lon = NAN;
	ev->resend = false;
	ev->narea = 0;
	ev->json = json;
	ev->json_len = json_len;
	domain_defaults(ev);

	jarena_begin();
	root = cJSON_ParseWithLengthOpts(json, json_len, &end, false);
	if (root == NULL || !cJSON_IsObject(root) || !only_space(end,
	    json + json_len)) {
		rv = TCOP_EJSON;
		goto out;
	}
	for (it = root->child; it != NULL && rv == TCOP_OK; it = it->next)
		rv = member(ev, it, &seen);
	if (rv != TCOP_OK)
		goto out;
	if (!(seen & 1))
		rv = TCOP_EID;
	else if (!(seen & 2))
		rv = TCOP_ETIME;
	else if (!(seen & 4))
		rv = TCOP_ESRC;
	else if ((seen & 24) == 8)
		rv = TCOP_ELON;
	else if ((seen & 24) == 16)
		rv = TCOP_ELAT;
	ev->has_pos = (seen & 24) == 24;
out:
	cJSON_Delete(root);
	jarena_end();
	return rv;
}

tcop_err
tcop_event_decode(const void *msg, size_t len, tcop_event *ev)
{
	const char *m = msg;
	long tl;

	if (len == 0)
		return TCOP_EEMPTY;
	if (len > TCOP_MSG_MAX)
		return TCOP_ETOOBIG;
	tl = tcop_msg_topic_len(m, len);
	if (tl < 0)
		return TCOP_ETOPIC;
	return tcop_event_decode2(m, (size_t)tl, m + tl + 1, len - (size_t)tl - 1,
	    ev);
}
