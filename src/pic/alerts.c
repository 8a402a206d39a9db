/*
 * alerts.c: the per-(asset, signature) alert table and the Sigma-style
 * window counters (alerts.h has the contract).
 *
 * Both are fixed-size tables chosen at creation, with a chained hash over
 * them; nothing is allocated after create. Eviction (table full) scans
 * for the least recently seen entry: O(n), but it only happens when the
 * table is full, and the tables are thousands of entries, not millions.
 * A sigma_win is used for one kind of count: event_count keeps every
 * event, value_count keeps the latest time of each distinct value.
 */
#include <stdlib.h>
#include <string.h>

#include "pic/alerts.h"

static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ c[i]) * 0x100000001b3ULL;
	return h;
}

#define FNV0 0xcbf29ce484222325ULL


static size_t
pow2_above(size_t n)
{
	size_t p = 16;

	while (p < n * 2)
		p *= 2;
	return p;
}

/* ==== Aggregation ======================================================= */

struct row {
	struct alert_row r; /* first: alerts_row() hands out &row.r */
	uint64_t h;
	int32_t next;       /* chain, -1 */
};

struct alerts {
	struct row *rows;
	size_t n, max;
	int32_t *buckets;   /* heads, -1 */
	size_t nb;          /* power of two */
	uint64_t total, dropped;
};

tcop_err
alerts_create(alerts **out, size_t max_rows)
{
	alerts *a = calloc(1, sizeof *a);

	if (max_rows == 0)
		max_rows = 4096;
	if (a == NULL)
		return TCOP_ENOMEM;
	a->max = max_rows;
	a->nb = pow2_above(max_rows);
	a->rows = calloc(max_rows, sizeof *a->rows);
	a->buckets = malloc(a->nb * sizeof *a->buckets);
	if (a->rows == NULL || a->buckets == NULL) {
		alerts_destroy(a);
		return TCOP_ENOMEM;
	}
	memset(a->buckets, 0xff, a->nb * sizeof *a->buckets);
	*out = a;
	return TCOP_OK;
}

void
alerts_destroy(alerts *a)
{
	if (a == NULL)
		return;
	free(a->rows);
	free(a->buckets);
	free(a);
}

tcop_err
alerts_clone(alerts **out, const alerts *src)
{
	alerts *a;

	*out = NULL;
	if ((a = malloc(sizeof *a)) == NULL)
		return TCOP_ENOMEM;
	*a = *src;
	/* Rows past n are cleared when taken: not copied, not zeroed. */
	a->rows = malloc(src->max * sizeof *a->rows);
	a->buckets = malloc(src->nb * sizeof *a->buckets);
	if (a->rows == NULL || a->buckets == NULL) {
		alerts_destroy(a);
		return TCOP_ENOMEM;
	}
	memcpy(a->rows, src->rows, src->n * sizeof *a->rows);
	memcpy(a->buckets, src->buckets, src->nb * sizeof *a->buckets);
	*out = a;
	return TCOP_OK;
}

size_t
alerts_bytes(const alerts *a)
{
	return sizeof *a + a->n * sizeof *a->rows + a->nb * sizeof *a->buckets;
}

static uint64_t
row_hash(const char *key, int64_t sid, const char *sig)
{
	uint64_t h = fnv(FNV0, key, strlen(key) + 1);

	if (sid >= 0)
		return fnv(h, &sid, sizeof sid);
	return fnv(h ^ 1, sig, strlen(sig));
}

static bool
row_is(const struct row *w, uint64_t h, const char *key, int64_t sid,
    const char *sig)
{
	if (w->h != h || w->r.signature_id != sid || strcmp(w->r.key, key) != 0)
		return false;
	return sid >= 0 || strcmp(w->r.signature, sig) == 0;
}

static int32_t
find(const alerts *a, uint64_t h, const char *key, int64_t sid,
    const char *sig)
{
	for (int32_t i = a->buckets[h & (a->nb - 1)]; i >= 0;
	    i = a->rows[i].next)
		if (row_is(&a->rows[i], h, key, sid, sig))
			return i;
	return -1;
}

static void
unlink_row(alerts *a, int32_t i)
{
	int32_t *p = &a->buckets[a->rows[i].h & (a->nb - 1)];

	while (*p != i)
		p = &a->rows[*p].next;
	*p = a->rows[i].next;
}

/* A free row: the next unused one, or the least recently seen. */
static int32_t
take_row(alerts *a)
{
	int32_t old = 0;

	if (a->n < a->max)
		return (int32_t)a->n++;
	for (size_t i = 1; i < a->n; i++)
		if (a->rows[i].r.last < a->rows[old].r.last)
			old = (int32_t)i;
	unlink_row(a, old);
	a->dropped++;
	return old;
}

static const char *
key_of(const tcop_event *ev, bool *placed)
{
	*placed = ev->u.alert.asset[0] != '\0';
	return *placed ? ev->u.alert.asset : ev->id;
}

tcop_err
alerts_add(alerts *a, const tcop_event *ev, size_t *row)
{
	const struct tcop_ev_alert *al = &ev->u.alert;
	bool placed;
	const char *key;
	uint64_t h;
	int32_t i;
	struct alert_row *r;

	if (ev->kind != TCOP_K_ALERT)
		return TCOP_EINVAL;
	key = key_of(ev, &placed);
	h = row_hash(key, al->signature_id, al->signature);
	if ((i = find(a, h, key, al->signature_id, al->signature)) < 0) {
		i = take_row(a);
		memset(&a->rows[i], 0, sizeof a->rows[i]);
		a->rows[i].h = h;
		r = &a->rows[i].r;
		tcop_str_copy(r->key, sizeof r->key, key);
		r->placed = placed;
		tcop_str_copy(r->signature, sizeof r->signature, al->signature);
		r->signature_id = al->signature_id;
		r->first = r->last = ev->t;
		r->severity = -1;
		a->rows[i].next = a->buckets[h & (a->nb - 1)];
		a->buckets[h & (a->nb - 1)] = i;
	}
	r = &a->rows[i].r;
	r->count++;
	if (ev->t < r->first)
		r->first = ev->t;
	if (ev->t >= r->last) {
		r->last = ev->t;
		tcop_str_copy(r->src_ip, sizeof r->src_ip, al->src_ip);
		tcop_str_copy(r->dest_ip, sizeof r->dest_ip, al->dest_ip);
		tcop_str_copy(r->category, sizeof r->category, al->category);
	}
	if (al->severity > 0 && (r->severity < 0 || al->severity < r->severity))
		r->severity = al->severity;
	if (ev->has_pos) {
		r->has_pos = true;
		r->lat = ev->lat;
		r->lon = ev->lon;
	}
	a->total++;
	if (row != NULL)
		*row = (size_t)i;
	return TCOP_OK;
}

size_t
alerts_count(const alerts *a)
{
	return a->n;
}

const struct alert_row *
alerts_row(const alerts *a, size_t i)
{
	return i < a->n ? &a->rows[i].r : NULL;
}

const struct alert_row *
alerts_find(const alerts *a, const char *key, int64_t sid, const char *sig)
{
	int32_t i;

	if (sig == NULL)
		sig = "";
	i = find(a, row_hash(key, sid, sig), key, sid, sig);
	return i >= 0 ? &a->rows[i].r : NULL;
}

uint64_t
alerts_total(const alerts *a)
{
	return a->total;
}

uint64_t
alerts_dropped(const alerts *a)
{
	return a->dropped;
}

/* qsort has no context argument in C11: the table rides in a static,
 * which makes alerts_sorted() not thread-safe (say so, and keep it). */
static const alerts *sort_table;

static int
row_order(const void *x, const void *y)
{
	const struct alert_row *a = &sort_table->rows[*(const size_t *)x].r;
	const struct alert_row *b = &sort_table->rows[*(const size_t *)y].r;
	int sa = a->severity < 0 ? 256 : a->severity;
	int sb = b->severity < 0 ? 256 : b->severity;
	int c;

	if (sa != sb)
		return sa - sb;
	if (a->last != b->last)
		return a->last > b->last ? -1 : 1;
	if ((c = strcmp(a->key, b->key)) != 0)
		return c;
	if (a->signature_id != b->signature_id)
		return a->signature_id < b->signature_id ? -1 : 1;
	return strcmp(a->signature, b->signature);
}

size_t
alerts_sorted(const alerts *a, size_t *idx)
{
	for (size_t i = 0; i < a->n; i++)
		idx[i] = i;
	sort_table = a;
	qsort(idx, a->n, sizeof *idx, row_order);
	sort_table = NULL;
	return a->n;
}

/* ==== Sigma-style windows =============================================== */

struct sent {
	tcop_ms t;
	uint64_t v; /* value hash (value_count), 0 (event_count) */
};

struct skey {
	char key[TCOP_ID_MAX];
	uint64_t h;
	tcop_ms last;   /* latest event time, for eviction */
	uint32_t n;     /* entries used */
	int32_t next;
};

struct sigma_win {
	tcop_ms window;
	size_t max_keys, per_key, nkeys;
	struct skey *keys;
	struct sent *ents; /* max_keys * per_key */
	int32_t *buckets;
	size_t nb;
};

tcop_err
sigma_win_create(sigma_win **out, tcop_ms window, size_t max_keys,
    size_t per_key)
{
	sigma_win *w;

	if (window <= 0 || max_keys == 0 || per_key == 0 ||
	    per_key > UINT32_MAX || max_keys > (SIZE_MAX / 64) / per_key)
		return TCOP_EINVAL;
	if ((w = calloc(1, sizeof *w)) == NULL)
		return TCOP_ENOMEM;
	w->window = window;
	w->max_keys = max_keys;
	w->per_key = per_key;
	w->nb = pow2_above(max_keys);
	w->keys = calloc(max_keys, sizeof *w->keys);
	w->ents = calloc(max_keys * per_key, sizeof *w->ents);
	w->buckets = malloc(w->nb * sizeof *w->buckets);
	if (w->keys == NULL || w->ents == NULL || w->buckets == NULL) {
		sigma_win_destroy(w);
		return TCOP_ENOMEM;
	}
	memset(w->buckets, 0xff, w->nb * sizeof *w->buckets);
	*out = w;
	return TCOP_OK;
}

void
sigma_win_destroy(sigma_win *w)
{
	if (w == NULL)
		return;
	free(w->keys);
	free(w->ents);
	free(w->buckets);
	free(w);
}

static int32_t
skey_get(sigma_win *w, const char *key, tcop_ms t)
{
	uint64_t h = fnv(FNV0, key, strlen(key));
	int32_t i, *p;

	for (i = w->buckets[h & (w->nb - 1)]; i >= 0; i = w->keys[i].next)
		if (w->keys[i].h == h && strcmp(w->keys[i].key, key) == 0)
			goto found;
	if (w->nkeys < w->max_keys) {
		i = (int32_t)w->nkeys++;
	} else {
		i = 0;
		for (size_t k = 1; k < w->nkeys; k++)
			if (w->keys[k].last < w->keys[i].last)
				i = (int32_t)k;
		p = &w->buckets[w->keys[i].h & (w->nb - 1)];
		while (*p != i)
			p = &w->keys[*p].next;
		*p = w->keys[i].next;
	}
	tcop_str_copy(w->keys[i].key, sizeof w->keys[i].key, key);
	w->keys[i].h = h;
	w->keys[i].n = 0;
	w->keys[i].last = t;
	w->keys[i].next = w->buckets[h & (w->nb - 1)];
	w->buckets[h & (w->nb - 1)] = i;
found:
	if (t > w->keys[i].last)
		w->keys[i].last = t;
	return i;
}

/* Put (t, v) among key i's entries: append, or replace the oldest. */
static void
sent_put(sigma_win *w, int32_t i, tcop_ms t, uint64_t v)
{
	struct skey *k = &w->keys[i];
	struct sent *e = &w->ents[(size_t)i * w->per_key];
	uint32_t old = 0;

	if (k->n < w->per_key) {
		e[k->n].t = t;
		e[k->n].v = v;
		k->n++;
		return;
	}
	for (uint32_t j = 1; j < k->n; j++)
		if (e[j].t < e[old].t)
			old = j;
	if (e[old].t < t) {
		e[old].t = t;
		e[old].v = v;
	}
}

static uint32_t
in_window(const sigma_win *w, int32_t i, tcop_ms t)
{
	const struct sent *e = &w->ents[(size_t)i * w->per_key];
	uint32_t n = 0;

	for (uint32_t j = 0; j < w->keys[i].n; j++)
		if (e[j].t <= t && e[j].t > t - w->window)
			n++;
	return n;
}

uint32_t
sigma_event_count(sigma_win *w, const char *key, tcop_ms t)
{
	int32_t i = skey_get(w, key, t);

	sent_put(w, i, t, 0);
	return in_window(w, i, t);
}

uint32_t
sigma_value_count(sigma_win *w, const char *key, const char *value,
    tcop_ms t)
{
	int32_t i = skey_get(w, key, t);
	struct sent *e = &w->ents[(size_t)i * w->per_key];
	uint64_t v = fnv(FNV0, value, strlen(value)) | 1;

	for (uint32_t j = 0; j < w->keys[i].n; j++) {
		if (e[j].v == v) {
			if (t > e[j].t)
				e[j].t = t;
			return in_window(w, i, t);
		}
	}
	sent_put(w, i, t, v);
	return in_window(w, i, t);
}
