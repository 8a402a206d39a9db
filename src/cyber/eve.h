/*
 * eve.h: Suricata EVE JSON (eve.json, one event a line) to cyber/alert.
 *
 * `alert` and `anomaly` events become cyber/alert events placed through
 * the asset inventory: the asset of the destination address, else of the
 * source address, else the asset that names the sensor (`host`) among its
 * aliases. Every other event type (flow, dns, tls, http, stats, ...) is
 * recognised, counted by the caller, and produces nothing.
 *
 * The record's other objects (the app layer: dns, tls, http, modbus, ...;
 * flow; alert.metadata) ride along as `eve`, compact, for the detail pane,
 * up to EVE_RAW_MAX bytes (whole objects only).
 *
 * An anomaly has no signature: its `anomaly.event` becomes `signature`
 * ("decoder.ipv4.trunc_pkt"), `category` is "anomaly: TYPE" and
 * `severity` 3 (Suricata's own decoder-event rules rate them 3).
 *
 * The decoder allocates nothing the caller must free (the cJSON tree is in
 * the per-thread arena, core/jarena.h) and never reads the clock.
 */
#ifndef TCOP_CYBER_EVE_H
#define TCOP_CYBER_EVE_H

#include "cyber/assets.h"
#include "tcop/event.h"

#define EVE_LINE_MAX (1024 * 1024) /* longer lines are rejected (ETOOBIG) */
#define EVE_RAW_MAX (8 * 1024)     /* raw EVE objects kept per alert */

struct eve_opts {
	const assets *assets; /* NULL: no placement */
	const char *src;      /* `src` of the events; NULL: "suricata-HOST" */
};

/* One decoded EVE line. Fields that are absent are -1 or empty. */
struct eve_alert {
	tcop_event ev;        /* kind TCOP_K_ALERT, or TCOP_K_UNKNOWN for a
	                         line that is valid but not an alert */
	char event_type[24];  /* as in the line */
	int64_t flow_id;
	char host[64];        /* the sensor (EVE `host`) */
	char action[16];      /* allowed, blocked */
	int gid, rev;
	char app_proto[24];
	char anomaly_type[16];  /* decode, stream, applayer */
	char anomaly_layer[24];
	int asset;            /* inventory index, -1 */
	const char *via;      /* how the asset was found: "dest", "src",
	                         "host", or "" (static string) */
	uint32_t mmsi;        /* the asset's ship, 0 */
	const char *why;      /* on a rejection: the reason (static string) */
	char raw[EVE_RAW_MAX]; /* the record's objects for the detail pane
	                          (app layer, flow, alert.metadata) as the
	                          members of one JSON object, "" if none */
	size_t raw_len;
	bool raw_cut;         /* some objects did not fit in raw */
};

/*
 * Decode one line (len bytes, no newline needed, not NUL-terminated).
 * TCOP_OK: out->ev.kind says alert or "valid, other type". Rejections:
 * TCOP_EEMPTY (blank), TCOP_ETOOBIG, TCOP_EJSON (not one JSON object),
 * TCOP_EFIELD (event_type missing; an alert without its `alert` object or
 * signature; an anomaly without `anomaly.event`), TCOP_ETIME (`timestamp`
 * missing or not a time); out->why says more.
 */
tcop_err eve_decode(const char *line, size_t len, const struct eve_opts *o,
    struct eve_alert *out);

/*
 * The tcop/1 JSON of a decoded alert, compact, into buf (NUL-terminated);
 * seq < 0 leaves `seq` out. TCOP_ETOOBIG if buf is too small.
 */
tcop_err eve_format(const struct eve_alert *a, int64_t seq, char *buf,
    size_t size, size_t *len);

#endif
