/*
 * eve.c: Suricata EVE lines to cyber/alert events (eve.h has the contract).
 *
 * Each line is first checked by jscan (syntax only, no tree), which also
 * finds `event_type`: records of other types are counted without a parse.
 * Alerts and anomalies get one cJSON parse into the per-thread arena, one
 * pass over the top-level members, then the `alert` or `anomaly` object. Fields that
 * Suricata documents as numbers but are of another type are left absent
 * rather than rejected: only what makes an alert meaningless (no
 * signature, no time) rejects the line.
 *
 * Suricata writes times as "2026-03-14T06:02:00.376211+0000": the offset
 * has no colon, which RFC 3339 wants, so it is added before parsing.
 * Tested on the EVE output of Suricata 7.0.10 (tests/data/cyber); EVE
 * `stats` and `drop` records are counted as other types, not decoded.
 * The integer getter (cjget.c) and the event envelope writer (jw.c) are
 * shared with the other cyber adapters.
 */
#include <arpa/inet.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/jarena.h"
#include "cyber/cjget.h"
#include "cyber/eve.h"
#include "cyber/jscan.h"
#include "cyber/jw.h"


static void
str_of(const cJSON *it, char *dst, size_t size)
{
	if (cJSON_IsString(it))
		tcop_str_copy(dst, size, it->valuestring);
}

/* Suricata's "+0000" offset, or RFC 3339's "+00:00" / "Z". */
static tcop_err
eve_time(const cJSON *it, tcop_ms *t)
{
	char b[48];
	size_t n;

	if (!cJSON_IsString(it))
		return TCOP_ETIME;
	n = strlen(it->valuestring);
	if (n < 5 || n + 2 > sizeof b)
		return TCOP_ETIME;
	memcpy(b, it->valuestring, n + 1);
	if ((b[n - 5] == '+' || b[n - 5] == '-') && b[n - 3] != ':') {
		b[n + 1] = '\0';
		b[n] = b[n - 1];
		b[n - 1] = b[n - 2];
		b[n - 2] = ':';
		n++;
	}
	return tcop_time_parse(b, n, t);
}

static void
clear(struct eve_alert *a)
{
	tcop_event *ev = &a->ev;

	/* the alert's absent values, but no kind until a line is decoded */
	tcop_event_init(ev, TCOP_K_ALERT);
	ev->kind = TCOP_K_UNKNOWN;
	ev->topic[0] = '\0';
	a->event_type[0] = a->host[0] = a->action[0] = a->app_proto[0] = '\0';
	a->anomaly_type[0] = a->anomaly_layer[0] = '\0';
	a->flow_id = -1;
	a->gid = a->rev = -1;
	a->asset = -1;
	a->via = "";
	a->mmsi = 0;
	a->why = "";
	a->raw[0] = '\0';
	a->raw_len = 0;
	a->raw_cut = false;
}

/* The top-level members an alert needs. */
static void
top_member(struct eve_alert *a, const cJSON *it, const cJSON **ts,
    const cJSON **alert, const cJSON **anomaly)
{
	struct tcop_ev_alert *al = &a->ev.u.alert;
	const char *k = it->string;

	switch (k[0]) {
	case 'a':
		if (strcmp(k, "alert") == 0)
			*alert = it;
		else if (strcmp(k, "anomaly") == 0)
			*anomaly = it;
		else if (strcmp(k, "app_proto") == 0)
			str_of(it, a->app_proto, sizeof a->app_proto);
		break;
	case 'd':
		if (strcmp(k, "dest_ip") == 0)
			str_of(it, al->dest_ip, sizeof al->dest_ip);
		else if (strcmp(k, "dest_port") == 0)
			al->dest_port = (int)cjget_int(it, 0, 65535);
		break;
	case 'e':
		if (strcmp(k, "event_type") == 0)
			str_of(it, a->event_type, sizeof a->event_type);
		break;
	case 'f':
		if (strcmp(k, "flow_id") == 0)
			a->flow_id = cjget_int(it, 0, 9007199254740992.0);
		break;
	case 'h':
		if (strcmp(k, "host") == 0)
			str_of(it, a->host, sizeof a->host);
		break;
	case 'p':
		if (strcmp(k, "proto") == 0)
			str_of(it, al->proto, sizeof al->proto);
		break;
	case 's':
		if (strcmp(k, "src_ip") == 0)
			str_of(it, al->src_ip, sizeof al->src_ip);
		else if (strcmp(k, "src_port") == 0)
			al->src_port = (int)cjget_int(it, 0, 65535);
		break;
	case 't':
		if (strcmp(k, "timestamp") == 0)
			*ts = it;
		break;
	default:
		break;
	}
}

static tcop_err
read_alert(struct eve_alert *a, const cJSON *o)
{
	struct tcop_ev_alert *al = &a->ev.u.alert;
	const cJSON *it;

	if (!cJSON_IsObject(o)) {
		a->why = "event_type alert without an alert object";
		return TCOP_EFIELD;
	}
	cJSON_ArrayForEach(it, o) {
		const char *k = it->string;
		if (strcmp(k, "signature") == 0)
			str_of(it, al->signature, sizeof al->signature);
		else if (strcmp(k, "signature_id") == 0)
			al->signature_id = cjget_int(it, 0, 4294967295.0);
		else if (strcmp(k, "severity") == 0)
			al->severity = (int)cjget_int(it, 1, 255);
		else if (strcmp(k, "category") == 0)
			str_of(it, al->category, sizeof al->category);
		else if (strcmp(k, "action") == 0)
			str_of(it, a->action, sizeof a->action);
		else if (strcmp(k, "gid") == 0)
			a->gid = (int)cjget_int(it, 0, 4294967295.0);
		else if (strcmp(k, "rev") == 0)
			a->rev = (int)cjget_int(it, 0, 2147483647.0);
	}
	if (al->signature[0] == '\0') {
		a->why = "alert without a signature";
		return TCOP_EFIELD;
	}
	return TCOP_OK;
}

static tcop_err
read_anomaly(struct eve_alert *a, const cJSON *o)
{
	struct tcop_ev_alert *al = &a->ev.u.alert;

	if (!cJSON_IsObject(o)) {
		a->why = "event_type anomaly without an anomaly object";
		return TCOP_EFIELD;
	}
	str_of(cJSON_GetObjectItemCaseSensitive(o, "event"), al->signature,
	    sizeof al->signature);
	str_of(cJSON_GetObjectItemCaseSensitive(o, "type"), a->anomaly_type,
	    sizeof a->anomaly_type);
	str_of(cJSON_GetObjectItemCaseSensitive(o, "layer"), a->anomaly_layer,
	    sizeof a->anomaly_layer);
	if (al->signature[0] == '\0') {
		a->why = "anomaly without anomaly.event";
		return TCOP_EFIELD;
	}
	snprintf(al->category, sizeof al->category, "anomaly: %s",
	    a->anomaly_type[0] ? a->anomaly_type : "unknown");
	al->severity = 3;
	return TCOP_OK;
}

/* The asset, the id, the position. */
static void
place(struct eve_alert *a, const struct eve_opts *o)
{
	struct tcop_ev_alert *al = &a->ev.u.alert;
	tcop_event *ev = &a->ev;
	const struct asset *as;

	if (o->assets != NULL) {
		if ((a->asset = assets_lookup(o->assets, al->dest_ip)) >= 0)
			a->via = "dest";
		else if ((a->asset = assets_lookup(o->assets, al->src_ip)) >= 0)
			a->via = "src";
		else if (a->host[0] != '\0' &&
		    (a->asset = assets_find(o->assets, a->host)) >= 0)
			a->via = "host";
	}
	if ((as = a->asset >= 0 ? assets_get(o->assets, a->asset) : NULL) != NULL) {
		tcop_str_copy(al->asset, sizeof al->asset, as->name);
		snprintf(ev->id, sizeof ev->id, "asset:%s", as->name);
		if (!isnan(as->lat)) {
			ev->has_pos = true;
			ev->lat = as->lat;
			ev->lon = as->lon;
		}
		a->mmsi = as->mmsi;
	} else if (al->dest_ip[0] != '\0') {
		snprintf(ev->id, sizeof ev->id, "ip:%s", al->dest_ip);
	} else if (al->src_ip[0] != '\0') {
		snprintf(ev->id, sizeof ev->id, "ip:%s", al->src_ip);
	} else if (a->host[0] != '\0') {
		snprintf(ev->id, sizeof ev->id, "sensor:%.80s", a->host);
	} else {
		tcop_str_copy(ev->id, sizeof ev->id, "sensor:unknown");
	}
	if (o->src != NULL)
		tcop_str_copy(ev->src, sizeof ev->src, o->src);
	else if (a->host[0] != '\0')
		snprintf(ev->src, sizeof ev->src, "suricata-%.54s", a->host);
	else
		tcop_str_copy(ev->src, sizeof ev->src, "suricata");
}

static bool
only_space(const char *p, const char *end)
{
	for (; p < end; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			return false;
	return true;
}

/* Append "NAME":{...} to a->raw, printed without allocating. */
static void
raw_add(struct eve_alert *a, const char *name, const cJSON *o)
{
	size_t nl = strlen(name), room = sizeof a->raw - a->raw_len;
	char *p = a->raw + a->raw_len;

	/* ,"name": + at least {} + NUL */
	if (nl + 8 > room) {
		a->raw_cut = true;
		return;
	}
	p += snprintf(p, room, "%s\"%s\":", a->raw_len ? "," : "", name);
	if (!cJSON_PrintPreallocated((cJSON *)o, p,
	    (int)(room - (size_t)(p - (a->raw + a->raw_len))), false)) {
		a->raw[a->raw_len] = '\0';
		a->raw_cut = true;
		return;
	}
	a->raw_len += (size_t)(p - (a->raw + a->raw_len)) + strlen(p);
}

/* Suricata's keys are plain words; others are not passed on. */
static bool
plain_key(const char *k)
{
	size_t n = 0;

	for (; k[n] != '\0'; n++)
		if (!((k[n] >= 'a' && k[n] <= 'z') || (k[n] >= 'A' && k[n] <= 'Z') ||
		    (k[n] >= '0' && k[n] <= '9') || k[n] == '_' || k[n] == '-' ||
		    k[n] == '.'))
			return false;
	return n > 0 && n < 32;
}

static void
raw_objects(struct eve_alert *a, const cJSON *root, const cJSON *alert)
{
	const cJSON *it;

	for (it = root->child; it != NULL; it = it->next)
		if (cJSON_IsObject(it) && strcmp(it->string, "alert") != 0 &&
		    strcmp(it->string, "anomaly") != 0 && plain_key(it->string))
			raw_add(a, it->string, it);
	if (alert != NULL &&
	    (it = cJSON_GetObjectItemCaseSensitive(alert, "metadata")) != NULL &&
	    cJSON_IsObject(it))
		raw_add(a, "metadata", it);
}

static tcop_err
decode_tree(const cJSON *root, const struct eve_opts *o, struct eve_alert *a)
{
	const cJSON *ts = NULL, *alert = NULL, *anomaly = NULL, *it;
	bool is_alert;
	tcop_err rv;

	for (it = root->child; it != NULL; it = it->next)
		top_member(a, it, &ts, &alert, &anomaly);
	if (a->event_type[0] == '\0') {
		a->why = "no event_type";
		return TCOP_EFIELD;
	}
	is_alert = strcmp(a->event_type, "alert") == 0;
	if (!is_alert && strcmp(a->event_type, "anomaly") != 0)
		return TCOP_OK; /* another type: counted by the caller */
	if (eve_time(ts, &a->ev.t) != TCOP_OK) {
		a->why = "timestamp missing or not a time";
		return TCOP_ETIME;
	}
	rv = is_alert ? read_alert(a, alert) : read_anomaly(a, anomaly);
	if (rv != TCOP_OK)
		return rv;
	a->ev.kind = TCOP_K_ALERT;
	tcop_str_copy(a->ev.topic, sizeof a->ev.topic, "cyber/alert");
	place(a, o);
	raw_objects(a, root, is_alert ? alert : NULL);
	return TCOP_OK;
}

/*
 * Most of an eve.json is flow, dns, http, tls records that only need
 * counting: check their syntax without a tree and stop there. TCOP_EAGAIN:
 * an alert or anomaly (or an ambiguous line): parse it for real.
 */
static tcop_err
prefilter(const char *line, size_t len, struct eve_alert *a)
{
	struct jscan_member m = { "event_type", NULL, 0, false };

	/* Suricata's own spelling of an alert: straight to the parser, which
	 * checks the syntax anyway (anything else is decided by jscan) */
	if (memmem(line, len, "\"event_type\":\"alert\"", 20) != NULL ||
	    memmem(line, len, "\"event_type\":\"anomaly\"", 22) != NULL)
		return TCOP_EAGAIN;
	switch (jscan_object(line, len, &m)) {
	case JSCAN_NOT_JSON:
		a->why = "not JSON";
		return TCOP_EJSON;
	case JSCAN_NOT_OBJECT:
		a->why = "not one JSON object";
		return TCOP_EJSON;
	case JSCAN_OBJECT:
		break;
	}
	if (m.escaped)
		return TCOP_EAGAIN;
	if (m.val == NULL) {
		a->why = "no event_type";
		return TCOP_EFIELD;
	}
	if ((m.len == 5 && memcmp(m.val, "alert", 5) == 0) ||
	    (m.len == 7 && memcmp(m.val, "anomaly", 7) == 0))
		return TCOP_EAGAIN;
	if (m.len == 0) {
		a->why = "no event_type";
		return TCOP_EFIELD;
	}
	memcpy(a->event_type, m.val, m.len < sizeof a->event_type ? m.len :
	    sizeof a->event_type - 1);
	a->event_type[m.len < sizeof a->event_type ? m.len :
	    sizeof a->event_type - 1] = '\0';
	return TCOP_OK; /* valid, another type */
}

tcop_err
eve_decode(const char *line, size_t len, const struct eve_opts *o,
    struct eve_alert *a)
{
	cJSON *root;
	const char *end = NULL;
	tcop_err rv;

	clear(a);
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	if (only_space(line, line + len)) {
		a->why = "blank line";
		return TCOP_EEMPTY;
	}
	if (len > EVE_LINE_MAX) {
		a->why = "line longer than 1 MiB";
		return TCOP_ETOOBIG;
	}
	if ((rv = prefilter(line, len, a)) != TCOP_EAGAIN)
		return rv;
	jarena_begin();
	root = cJSON_ParseWithLengthOpts(line, len, &end, false);
	if (root == NULL || !cJSON_IsObject(root) ||
	    !only_space(end, line + len)) {
		a->why = root == NULL ? "not JSON" : "not one JSON object";
		rv = TCOP_EJSON;
	} else {
		rv = decode_tree(root, o, a);
	}
	cJSON_Delete(root);
	jarena_end();
	if (rv != TCOP_OK)
		a->ev.kind = TCOP_K_UNKNOWN;
	return rv;
}

tcop_err
eve_format(const struct eve_alert *a, int64_t seq, char *buf, size_t size,
    size_t *len)
{
	const tcop_event *ev = &a->ev;
	const struct tcop_ev_alert *al = &ev->u.alert;
	struct jw w;

	jw_event(&w, buf, size, ev, seq);
	jw_pos(&w, ev);
	jw_str(&w, "event_type", a->event_type);
	jw_str(&w, "signature", al->signature);
	if (al->signature_id >= 0)
		jw_int(&w, "signature_id", al->signature_id);
	if (al->severity >= 0)
		jw_int(&w, "severity", al->severity);
	if (al->category[0])
		jw_str(&w, "category", al->category);
	if (al->src_ip[0])
		jw_str(&w, "src_ip", al->src_ip);
	if (al->src_port >= 0)
		jw_int(&w, "src_port", al->src_port);
	if (al->dest_ip[0])
		jw_str(&w, "dest_ip", al->dest_ip);
	if (al->dest_port >= 0)
		jw_int(&w, "dest_port", al->dest_port);
	if (al->proto[0])
		jw_str(&w, "proto", al->proto);
	if (a->flow_id >= 0)
		jw_int(&w, "flow_id", a->flow_id);
	if (al->asset[0]) {
		jw_str(&w, "asset", al->asset);
		jw_str(&w, "asset_via", a->via);
	}
	if (a->mmsi != 0)
		jw_int(&w, "mmsi", a->mmsi);
	if (a->host[0])
		jw_str(&w, "host", a->host);
	if (a->action[0])
		jw_str(&w, "action", a->action);
	if (a->gid >= 0)
		jw_int(&w, "gid", a->gid);
	if (a->rev >= 0)
		jw_int(&w, "rev", a->rev);
	if (a->app_proto[0])
		jw_str(&w, "app_proto", a->app_proto);
	if (a->anomaly_type[0])
		jw_str(&w, "anomaly_type", a->anomaly_type);
	if (a->anomaly_layer[0])
		jw_str(&w, "anomaly_layer", a->anomaly_layer);
	if (a->raw_len > 0)
		jw_raw_members(&w, "eve", a->raw, a->raw_len);
	return jw_end(&w, len);
}
