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
 * The JSON is read with the strict pull reader of decode/jread.h: no tree
 * and no allocation, each value goes straight into its field (this is what
 * makes decoding faster than building a cJSON tree of the same bytes).
 */
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/jread.h"
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

/*
 * Per kind, built once: the union with every absent value filled in (copied
 * into each event before its members are read), and a small hash from a
 * member name to its fields in the table, so that a member costs one probe
 * instead of a scan of the table.
 */
#define NAME_SLOTS 128

struct kind_index {
	unsigned char slot[NAME_SLOTS]; /* 1 + index of the first field, 0: empty */
	tcop_event proto;               /* u and the absent values */
};

static struct kind_index kind_index[TCOP_K_COUNT];
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static unsigned
name_hash(const char *k, size_t kl)
{
	unsigned h = 2166136261u;

	for (size_t i = 0; i < kl; i++)
		h = (h ^ (unsigned char)k[i]) * 16777619u;
	return h;
}

static void
build_index(void)
{
	for (int kind = 0; kind < TCOP_K_COUNT; kind++) {
		const struct field *f = kind_fields[kind], *g;
		struct kind_index *ki = &kind_index[kind];

		memset(&ki->proto.u, 0, sizeof ki->proto.u);
		if (f == NULL)
			continue;
		for (g = f; g->name != NULL; g++) {
			void *p = (char *)&ki->proto + g->off;
			switch (g->type) {
			case F_NUM: *(double *)p = NAN; break;
			case F_INT: *(int *)p = -1; break;
			case F_I64: *(int64_t *)p = -1; break;
			case F_TIME: *(tcop_ms *)p = TCOP_MS_NONE; break;
			default: break;
			}
			/* the first field of a name owns its slot (EPOCH has two,
			 * adjacent in the table) */
			if (g > f && strcmp(g[-1].name, g->name) == 0)
				continue;
			unsigned h = name_hash(g->name, strlen(g->name)) % NAME_SLOTS;
			while (ki->slot[h] != 0)
				h = (h + 1) % NAME_SLOTS;
			ki->slot[h] = (unsigned char)(g - f + 1);
		}
		if (kind == TCOP_K_VIEW)
			ki->proto.u.pic.center_lat = ki->proto.u.pic.center_lon = NAN;
	}
}

/* Every absent value, before the members are read. */
static void
domain_defaults(tcop_event *ev)
{
	pthread_once(&index_once, build_index);
	memcpy(&ev->u, &kind_index[ev->kind].proto.u, sizeof ev->u);
}

void
tcop_event_init(tcop_event *ev, tcop_kind kind)
{
	ev->kind = (unsigned)kind < TCOP_K_COUNT ? kind : TCOP_K_UNKNOWN;
	tcop_str_copy(ev->topic, sizeof ev->topic, tcop_kind_topic(ev->kind));
	ev->id[0] = ev->src[0] = '\0';
	ev->t = TCOP_MS_NONE;
	ev->seq = -1;
	ev->cls = TCOP_CLS_NONE;
	ev->nrel = -1;
	ev->has_pos = false;
	ev->lat = ev->lon = NAN;
	ev->resend = false;
	ev->narea = 0;
	ev->json = NULL;
	ev->json_len = 0;
	domain_defaults(ev);
}

/* The first field named k in the kind's table, or NULL. */
static const struct field *
field_named(tcop_kind kind, const char *k, size_t kl)
{
	const struct field *f = kind_fields[kind];
	const struct kind_index *ki = &kind_index[kind];

	if (f == NULL)
		return NULL;
	for (unsigned h = name_hash(k, kl) % NAME_SLOTS; ki->slot[h] != 0;
	    h = (h + 1) % NAME_SLOTS) {
		const struct field *g = &f[ki->slot[h] - 1];
		if (strncmp(g->name, k, kl) == 0 && g->name[kl] == '\0')
			return g;
	}
	return NULL;
}


/* A JSON value read for a domain field: a number, or a string. */
struct jval {
	enum jr_type type;
	double num;
	char str[TCOP_AREA_MAX > 512 ? TCOP_AREA_MAX : 512];
	size_t len;
	bool b;
};

/* Read the next value as number / string / bool; skip anything else. */
static bool
read_val(struct jread *r, struct jval *v)
{
	v->type = jr_peek(r);
	switch (v->type) {
	case JR_NUMBER:
		return jr_number(r, &v->num);
	case JR_STRING:
		return jr_string(r, v->str, sizeof v->str, &v->len);
	case JR_TRUE:
	case JR_FALSE:
		return jr_bool(r, &v->b);
	default:
		return jr_skip(r);
	}
}

/* A number, or a string that is wholly a finite number. */
static bool
num_value(const struct jval *v, double *out)
{
	if (v->type == JR_NUMBER) {
		*out = v->num;
		return isfinite(*out);
	}
	if (v->type == JR_STRING && v->str[0] != '\0' && v->len < sizeof v->str) {
		char *end;
		double d = strtod(v->str, &end);
		if (*end != '\0' || !isfinite(d))
			return false;
		*out = d;
		return true;
	}
	return false;
}

static void
set_field(tcop_event *ev, const struct field *f, const struct jval *v)
{
	void *p = (char *)ev + f->off;
	double d;

	switch (f->type) {
	case F_STR:
		if (v->type == JR_STRING)
			tcop_str_copy(p, f->size, v->str);
		else if (v->type == JR_NUMBER && isfinite(v->num) &&
		    fabs(v->num) < 1e15)
			snprintf(p, f->size, "%.0f", v->num);
		break;
	case F_NUM:
		if (num_value(v, &d))
			*(double *)p = d;
		break;
	case F_INT:
		if (num_value(v, &d) && d == floor(d) && fabs(d) < 2e9)
			*(int *)p = (int)d;
		break;
	case F_I64:
		if (num_value(v, &d) && d == floor(d) && fabs(d) < 9e15)
			*(int64_t *)p = (int64_t)d;
		break;
	case F_U32:
		if (num_value(v, &d) && d == floor(d) && d >= 0 && d < 4.3e9)
			*(uint32_t *)p = (uint32_t)d;
		break;
	case F_TIME:
		if (v->type == JR_STRING) {
			tcop_ms t;
			if (tcop_time_parse(v->str, strlen(v->str), &t) == TCOP_OK)
				*(tcop_ms *)p = t;
		}
		break;
	case F_BOOL:
		*(bool *)p = (v->type == JR_TRUE);
		break;
	case F_VIA:
		*(bool *)p = v->type == JR_STRING &&
		    strcmp(v->str, "satellite") == 0;
		break;
	}
}

/* A member the common fields do not know: the topic's table, or skipped. */
static tcop_err
domain_member(tcop_event *ev, struct jread *r, const char *k, size_t kl)
{
	static _Thread_local struct jval v;
	const struct field *f = field_named(ev->kind, k, kl);

	if (f == NULL)
		return jr_skip(r) ? TCOP_OK : TCOP_EJSON;
	if (!read_val(r, &v))
		return TCOP_EJSON;
	/* every field of that name: EPOCH feeds two */
	for (const char *name = f->name; f->name != NULL &&
	    strcmp(f->name, name) == 0; f++)
		set_field(ev, f, &v);
	return TCOP_OK;
}

/* After a field error inside arrays: read on to the level we started at,
 * so the rest of the object can still be checked. */
static tcop_err
unwind(struct jread *r, int depth, tcop_err why)
{
	while (r->err == NULL && r->depth > depth)
		if (jr_more(r))
			jr_skip(r);
	return r->err != NULL ? TCOP_EJSON : why;
}

/* `area`: [[lon,lat],...], 3..TCOP_AREA_MAX finite vertices in range. */
static tcop_err
read_area(tcop_event *ev, struct jread *r)
{
	int n = 0, d0 = r->depth;

	if (jr_peek(r) != JR_ARRAY)
		return jr_skip(r) ? TCOP_EFIELD : TCOP_EJSON;
	jr_array(r);
	while (jr_more(r)) {
		double lo = NAN, la = NAN;
		if (n == TCOP_AREA_MAX || jr_peek(r) != JR_ARRAY)
			return unwind(r, d0, TCOP_EFIELD);
		jr_array(r);
		if (!jr_more(r) || jr_peek(r) != JR_NUMBER || !jr_number(r, &lo) ||
		    !jr_more(r) || jr_peek(r) != JR_NUMBER || !jr_number(r, &la))
			return unwind(r, d0, TCOP_EFIELD);
		while (jr_more(r)) /* a third coordinate (altitude) is allowed */
			if (!jr_skip(r))
				return TCOP_EJSON;
		if (r->err != NULL)
			return TCOP_EJSON;
		if (!isfinite(lo) || !isfinite(la) || fabs(lo) > 180 ||
		    fabs(la) > 90)
			return unwind(r, d0, TCOP_EFIELD);
		ev->area[n][0] = lo;
		ev->area[n][1] = la;
		n++;
	}
	if (r->err != NULL)
		return TCOP_EJSON;
	if (n < 3)
		return TCOP_EFIELD;
	ev->narea = n;
	return TCOP_OK;
}

/* `center` of picture/view: [lat, lon]. */
static tcop_err
read_center(tcop_event *ev, struct jread *r)
{
	double la, lo;

	if (jr_peek(r) != JR_ARRAY)
		return jr_skip(r) ? TCOP_OK : TCOP_EJSON;
	jr_array(r);
	if (jr_more(r) && jr_peek(r) == JR_NUMBER && jr_number(r, &la) &&
	    jr_more(r) && jr_peek(r) == JR_NUMBER && jr_number(r, &lo) &&
	    isfinite(la) && isfinite(lo) && fabs(la) <= 90 && fabs(lo) <= 180) {
		ev->u.pic.center_lat = la;
		ev->u.pic.center_lon = lo;
	}
	while (r->err == NULL && jr_more(r))
		jr_skip(r);
	return r->err == NULL ? TCOP_OK : TCOP_EJSON;
}

/* ---- common fields ------------------------------------------------------- */

bool
tcop_rel_code_ok(const char *s, size_t n)
{
	if (n < 3 || n > 4)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return false;
	return true;
}

static tcop_err
read_rel(tcop_event *ev, struct jread *r)
{
	char code[8];
	size_t n;
	int d0 = r->depth;

	if (jr_peek(r) != JR_ARRAY)
		return jr_skip(r) ? TCOP_EREL : TCOP_EJSON;
	jr_array(r);
	ev->nrel = 0;
	while (jr_more(r)) {
		if (jr_peek(r) != JR_STRING)
			return unwind(r, d0, TCOP_EREL);
		if (!jr_string(r, code, sizeof code, &n))
			return TCOP_EJSON;
		if (n >= sizeof code || !tcop_rel_code_ok(code, strlen(code)) ||
		    ev->nrel == TCOP_REL_MAX)
			return unwind(r, d0, TCOP_EREL);
		memcpy(ev->rel[ev->nrel++], code, n + 1);
	}
	return r->err == NULL ? TCOP_OK : TCOP_EJSON;
}

static tcop_err
read_coord(struct jread *r, double lim, tcop_err bad, double *out)
{
	double v;

	if (jr_peek(r) != JR_NUMBER)
		return jr_skip(r) ? bad : TCOP_EJSON;
	if (!jr_number(r, &v))
		return TCOP_EJSON;
	if (!isfinite(v))
		return TCOP_ENOTFINITE;
	if (fabs(v) > lim)
		return bad;
	*out = v;
	return TCOP_OK;
}

static tcop_err
read_str(struct jread *r, char *dst, size_t size, tcop_err bad)
{
	size_t n;

	if (jr_peek(r) != JR_STRING)
		return jr_skip(r) ? bad : TCOP_EJSON;
	if (!jr_string(r, dst, size, &n))
		return TCOP_EJSON;
	if (n == 0 || n >= size)
		return bad;
	return TCOP_OK;
}

#define KEY(s) (kl == sizeof(s) - 1 && memcmp(k, s, sizeof(s) - 1) == 0)

/* One member of the object; common ones are checked, the rest go to the
 * topic's table. */
static tcop_err
member(tcop_event *ev, struct jread *r, const char *k, size_t kl,
    unsigned *seen)
{
	char buf[40];
	size_t n;
	double v;

	switch (kl) {
	case 1:
		if (KEY("t")) {
			*seen |= 2;
			if (jr_peek(r) != JR_STRING)
				return jr_skip(r) ? TCOP_ETIME : TCOP_EJSON;
			if (!jr_string(r, buf, sizeof buf, &n))
				return TCOP_EJSON;
			if (n >= sizeof buf)
				return TCOP_ETIME;
			return tcop_time_parse(buf, n, &ev->t);
		}
		break;
	case 2:
		if (KEY("id")) {
			*seen |= 1;
			return read_str(r, ev->id, sizeof ev->id, TCOP_EID);
		}
		break;
	case 3:
		if (KEY("src")) {
			*seen |= 4;
			return read_str(r, ev->src, sizeof ev->src, TCOP_ESRC);
		}
		if (KEY("seq")) {
			if (jr_peek(r) != JR_NUMBER)
				return jr_skip(r) ? TCOP_ESEQ : TCOP_EJSON;
			if (!jr_number(r, &v))
				return TCOP_EJSON;
			if (!isfinite(v) || v < 0 || v != floor(v) || v > 9e15)
				return TCOP_ESEQ;
			ev->seq = (int64_t)v;
			return TCOP_OK;
		}
		if (KEY("cls")) {
			if (jr_peek(r) != JR_STRING)
				return jr_skip(r) ? TCOP_ECLS : TCOP_EJSON;
			if (!jr_string(r, buf, sizeof buf, &n))
				return TCOP_EJSON;
			ev->cls = n < sizeof buf ? tcop_cls_parse(buf) : TCOP_CLS_NONE;
			return ev->cls == TCOP_CLS_NONE ? TCOP_ECLS : TCOP_OK;
		}
		if (KEY("rel"))
			return read_rel(ev, r);
		if (KEY("lat")) {
			*seen |= 8;
			return read_coord(r, 90, TCOP_ELAT, &ev->lat);
		}
		if (KEY("lon")) {
			*seen |= 16;
			return read_coord(r, 180, TCOP_ELON, &ev->lon);
		}
		break;
	case 4:
		if (KEY("area"))
			return read_area(ev, r);
		break;
	case 6:
		if (KEY("resend")) {
			bool b = false;
			if (jr_peek(r) == JR_TRUE || jr_peek(r) == JR_FALSE) {
				if (!jr_bool(r, &b))
					return TCOP_EJSON;
			} else if (!jr_skip(r)) {
				return TCOP_EJSON;
			}
			ev->resend = b;
			return TCOP_OK;
		}
		if (ev->kind == TCOP_K_VIEW && KEY("center"))
			return read_center(ev, r);
		break;
	}
	return domain_member(ev, r, k, kl);
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
	struct jread r;
	const char *k;
	size_t kl;
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

	tcop_event_init(ev, tcop_kind_of_topic(topic, topic_len));
	memcpy(ev->topic, topic, topic_len);
	ev->topic[topic_len] = '\0';
	ev->json = json;
	ev->json_len = json_len;

	jr_init(&r, json, json_len);
	if (!jr_object(&r))
		return TCOP_EJSON;
	/* On a field error, keep reading: a syntax error anywhere in the
	 * text outranks it (the message is not JSON at all). */
	while (jr_key(&r, &k, &kl)) {
		tcop_err e = member(ev, &r, k, kl, &seen);
		if (e == TCOP_EJSON || r.err != NULL)
			return TCOP_EJSON;
		if (e != TCOP_OK && rv == TCOP_OK)
			rv = e;
	}
	if (!jr_end(&r))
		return TCOP_EJSON;
	if (rv != TCOP_OK)
		return rv;
	if (!(seen & 1))
		return TCOP_EID;
	if (!(seen & 2))
		return TCOP_ETIME;
	if (!(seen & 4))
		return TCOP_ESRC;
	if ((seen & 24) == 8)
		return TCOP_ELON;
	if ((seen & 24) == 16)
		return TCOP_ELAT;
	ev->has_pos = (seen & 24) == 24;
	return TCOP_OK;
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
