/*
 * alerts.h: cyber alerts as the picture keeps them, and Sigma-style
 * counting for the correlation core. Pure: no clock, no I/O; time comes
 * from the events.
 *
 * Aggregation: one row per (asset, signature), so that a flood of one
 * signature on one asset is one line with a count, not ten thousand lines.
 * A row keeps the count, first and last seen (event time), the highest
 * severity (Suricata's 1 is the highest) and the last event's addresses.
 * Alerts without an asset aggregate under their `id` (ip:..., sensor:...).
 * The table is bounded: when full, the row seen least recently is dropped.
 *
 * Counting (Sigma's correlation rules `event_count` and `value_count`):
 * per key, the events of the last `window` ms, or the distinct values
 * among them (e.g. key = signature, value = asset: the same signature on N
 * assets within 10 minutes is a campaign). Each key keeps at most
 * `per_key` recent entries; beyond that the oldest are forgotten, so
 * counts saturate at per_key.
 */
#ifndef TCOP_PIC_ALERTS_H
#define TCOP_PIC_ALERTS_H

#include "tcop/event.h"

struct alert_row {
	char key[TCOP_ID_MAX];  /* the asset's name, or the event id */
	bool placed;            /* key is an asset */
	char signature[160];
	int64_t signature_id;   /* -1 */
	char category[96];
	uint64_t count;
	tcop_ms first, last;    /* event time */
	int severity;           /* the highest seen: the lowest number; -1 */
	char src_ip[48], dest_ip[48]; /* of the last event */
	bool has_pos;
	double lat, lon;
};

typedef struct alerts alerts;

/* A table of at most max_rows rows (0: 4096). TCOP_ENOMEM. */
tcop_err alerts_create(alerts **out, size_t max_rows);
void alerts_destroy(alerts *a);

/* A deep copy of src (rows, chains, counters). TCOP_ENOMEM. */
tcop_err alerts_clone(alerts **out, const alerts *src);
/* Bytes of the table in use. */
size_t alerts_bytes(const alerts *a);

/*
 * Fold one cyber/alert event in. *row (if not NULL) receives the index of
 * its row. TCOP_EINVAL if ev is not a cyber/alert.
 */
tcop_err alerts_add(alerts *a, const tcop_event *ev, size_t *row);

size_t alerts_count(const alerts *a);
const struct alert_row *alerts_row(const alerts *a, size_t i);
/* The row of (key, signature_id or signature), or NULL. */
const struct alert_row *alerts_find(const alerts *a, const char *key,
    int64_t signature_id, const char *signature);
/* Total alerts folded in, and rows dropped for room. */
uint64_t alerts_total(const alerts *a);
uint64_t alerts_dropped(const alerts *a);

/*
 * Sort row indexes for a list: by severity (highest first), then last
 * seen (newest first), then key and signature, so equal rows keep a
 * stable order. idx must hold alerts_count() entries; returns how many.
 * Not thread-safe (qsort has no context argument).
 */
size_t alerts_sorted(const alerts *a, size_t *idx);

/* ---- Sigma-style counting -------------------------------------------- */

typedef struct sigma_win sigma_win;

/* Windows of `window` ms, at most max_keys keys (LRU) of per_key entries. */
tcop_err sigma_win_create(sigma_win **out, tcop_ms window, size_t max_keys,
    size_t per_key);
void sigma_win_destroy(sigma_win *w);

/*
 * Record one event of key at t and return how many events of key fall in
 * (t - window, t]. Out-of-order events are counted where they belong.
 */
uint32_t sigma_event_count(sigma_win *w, const char *key, tcop_ms t);

/*
 * Record value for key at t and return how many distinct values key had
 * in (t - window, t].
 */
uint32_t sigma_value_count(sigma_win *w, const char *key, const char *value,
    tcop_ms t);

#endif
