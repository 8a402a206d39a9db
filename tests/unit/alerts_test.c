/*
 * alerts_test.c: alert aggregation and Sigma-style counting
 * (src/pic/alerts.c), fed by the EVE decoder (src/cyber/eve.c) with the
 * shared Suricata sample. The truth is independent of tcop: the per-site
 * counts and first/last seen of the C2 signatures are the ones the STIX
 * sightings bundle states (stix_sites_sightings.json), and the
 * per-signature totals are the table of tests/data/cyber/README.md.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cyber/eve.h"
#include "pic/alerts.h"

static alerts *tab;
static assets *inv;

static int
load(void **state)
{
	FILE *f = fopen("tests/data/cyber/suricata_eve_sites.json", "r");
	struct eve_opts o = { NULL, NULL };
	static struct eve_alert a;
	char *line = NULL, err[256];
	size_t cap = 0;
	ssize_t n;

	if (f == NULL || assets_load(&inv, "tests/data/cyber/assets.json", err,
	    sizeof err) != TCOP_OK || alerts_create(&tab, 0) != TCOP_OK)
		return -1;
	o.assets = inv;
	while ((n = getline(&line, &cap, f)) > 0)
		if (eve_decode(line, (size_t)n, &o, &a) == TCOP_OK &&
		    a.ev.kind == TCOP_K_ALERT)
			alerts_add(tab, &a.ev, NULL);
	free(line);
	fclose(f);
	return 0;
}

static int
unload(void **state)
{
	alerts_destroy(tab);
	assets_destroy(inv);
	return 0;
}

static tcop_ms
T(const char *s)
{
	tcop_ms t;

	assert_int_equal(tcop_time_parse(s, strlen(s), &t), TCOP_OK);
	return t;
}

static void
rows_agree_with_the_stix_sightings(void **state)
{
	/* asset, sid, count, first_seen, last_seen from the sightings bundle
	 * (times there are cut to ms, as tcop's are) */
	static const struct { const char *asset; int64_t sid; uint64_t n;
		const char *first, *last; } want[] = {
		{ "yokohama-port-ot", 9000001, 1, "2026-03-14T07:22:00.036Z",
		    "2026-03-14T07:22:00.036Z" },
		{ "yokosuka-base", 9000001, 5, "2026-03-14T06:58:00.151Z",
		    "2026-03-14T07:58:00.206Z" },
		{ "yokosuka-base", 9000004, 5, "2026-03-14T06:58:00.849Z",
		    "2026-03-14T07:58:00.485Z" },
		{ "katsuura-gs", 9000004, 2, "2026-03-14T07:40:00.980Z",
		    "2026-03-14T07:44:00.171Z" },
	};

	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct alert_row *r = alerts_find(tab, want[i].asset,
		    want[i].sid, NULL);
		assert_non_null(r);
		assert_true(r->placed);
		assert_int_equal(r->count, want[i].n);
		assert_int_equal(r->first, T(want[i].first));
		assert_int_equal(r->last, T(want[i].last));
		assert_int_equal(r->severity, 1);
	}
}

static void
totals_per_signature_match_the_readme(void **state)
{
	static const struct { int64_t sid; uint64_t n; } want[] = {
		{ 9000001, 6 }, { 9000002, 4 }, { 9000003, 4 }, { 9000004, 7 },
		{ 9000005, 2 }, { 9000006, 4 }, { 9000007, 1 }, { 9000008, 3 },
		{ 9000009, 2 }, { 9000010, 2 }, { 2200000, 3 }, { 2200001, 3 },
		{ 2200003, 3 }, { 2200036, 3 }, { 2200037, 3 }, { 2210007, 3 },
		{ 2221002, 1 }, { 2230003, 2 }, { 2240006, 1 }, { 2250003, 2 },
		{ 2250005, 2 }, { 2250008, 4 },
	};
	uint64_t total = 0;

	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		uint64_t n = 0;
		for (size_t k = 0; k < alerts_count(tab); k++)
			if (alerts_row(tab, k)->signature_id == want[i].sid)
				n += alerts_row(tab, k)->count;
		if (n != want[i].n)
			fail_msg("sid %lld: %llu, want %llu",
			    (long long)want[i].sid, (unsigned long long)n,
			    (unsigned long long)want[i].n);
		total += n;
	}
	assert_int_equal(total, 65);
	assert_int_equal(alerts_total(tab), 86); /* + 21 anomalies */
	assert_int_equal(alerts_dropped(tab), 0);
}

static void
a_flood_of_one_signature_is_one_row(void **state)
{
	/* the HMI's Modbus polls: 4 alerts, one port asset */
	const struct alert_row *r = alerts_find(tab, "yokohama-port-ot",
	    2250008, NULL);

	assert_non_null(r);
	assert_int_equal(r->count, 4);
	assert_int_equal(r->severity, 3);
	assert_string_equal(r->category, "Generic Protocol Command Decode");
	assert_true(r->has_pos);
	/* anomalies aggregate by their event name (no sid) */
	r = alerts_find(tab, "katsuura-gs", -1, "decoder.ipv4.trunc_pkt");
	assert_non_null(r);
	assert_int_equal(r->count, 1);
}

static void
the_list_order_is_severity_then_recency_and_stable(void **state)
{
	size_t n = alerts_count(tab), *idx = calloc(n, sizeof *idx);
	size_t *idx2 = calloc(n, sizeof *idx2);

	assert_int_equal(alerts_sorted(tab, idx), n);
	for (size_t i = 1; i < n; i++) {
		const struct alert_row *a = alerts_row(tab, idx[i - 1]);
		const struct alert_row *b = alerts_row(tab, idx[i]);
		assert_true(a->severity <= b->severity);
		if (a->severity == b->severity)
			assert_true(a->last >= b->last);
	}
	alerts_sorted(tab, idx2);
	assert_memory_equal(idx, idx2, n * sizeof *idx);
	free(idx);
	free(idx2);
}

static void
a_full_table_drops_the_least_recent_row(void **state)
{
	alerts *a;
	tcop_event ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = TCOP_K_ALERT;
	snprintf(ev.id, sizeof ev.id, "ip:192.0.2.1");
	ev.u.alert.severity = 2;
	assert_int_equal(alerts_create(&a, 2), TCOP_OK);
	for (int i = 0; i < 3; i++) {
		ev.u.alert.signature_id = 100 + i;
		ev.t = 1000 * (i + 1);
		assert_int_equal(alerts_add(a, &ev, NULL), TCOP_OK);
	}
	assert_int_equal(alerts_count(a), 2);
	assert_int_equal(alerts_dropped(a), 1);
	assert_null(alerts_find(a, "ip:192.0.2.1", 100, NULL));
	assert_non_null(alerts_find(a, "ip:192.0.2.1", 102, NULL));
	assert_false(alerts_find(a, "ip:192.0.2.1", 101, NULL)->placed);
	ev.kind = TCOP_K_TRACK;
	assert_int_equal(alerts_add(a, &ev, NULL), TCOP_EINVAL);
	alerts_destroy(a);
}

static void
event_count_counts_within_the_window(void **state)
{
	sigma_win *w;

	assert_int_equal(sigma_win_create(&w, 60000, 8, 16), TCOP_OK);
	assert_int_equal(sigma_event_count(w, "k", 0), 1);
	assert_int_equal(sigma_event_count(w, "k", 30000), 2);
	assert_int_equal(sigma_event_count(w, "other", 30000), 1);
	assert_int_equal(sigma_event_count(w, "k", 59999), 3);
	assert_int_equal(sigma_event_count(w, "k", 60000), 3); /* 0 left */
	assert_int_equal(sigma_event_count(w, "k", 200000), 1);
	assert_int_equal(sigma_event_count(w, "k", 150000), 1); /* late one */
	sigma_win_destroy(w);
	assert_int_equal(sigma_win_create(&w, 0, 8, 16), TCOP_EINVAL);
}

static void
event_count_saturates_at_per_key(void **state)
{
	sigma_win *w;
	uint32_t n = 0;

	assert_int_equal(sigma_win_create(&w, 1000000, 2, 4), TCOP_OK);
	for (int i = 0; i < 10; i++)
		n = sigma_event_count(w, "k", i);
	assert_int_equal(n, 4);
	/* a third key evicts the least recently seen */
	sigma_event_count(w, "a", 100);
	sigma_event_count(w, "b", 200); /* evicts "k" (last seen at 9) */
	assert_int_equal(sigma_event_count(w, "a", 300), 2);
	assert_int_equal(sigma_event_count(w, "k", 300), 1);
	sigma_win_destroy(w);
}

static void
value_count_counts_distinct_assets_per_signature(void **state)
{
	/* Distinct assets per signature within 2 h (the whole sample): the
	 * README's scenario has the C2 DNS query on the port and the naval
	 * base, the C2 TLS name and the ICMP sweep on the ground station and
	 * the naval base, the SYN scan on the port and the naval base, the
	 * Modbus writes on the port only. */
	static const struct { int64_t sid; uint32_t sites; } want[] = {
		{ 9000001, 2 }, { 9000003, 2 }, { 9000004, 2 }, { 9000005, 2 },
		{ 9000006, 1 }, { 9000008, 1 },
	};
	tcop_ms end = T("2026-03-14T07:59:59Z");
	sigma_win *w;
	char key[32];

	assert_int_equal(sigma_win_create(&w, 7200000, 64, 16), TCOP_OK);
	for (size_t k = 0; k < alerts_count(tab); k++) {
		const struct alert_row *r = alerts_row(tab, k);
		snprintf(key, sizeof key, "%lld", (long long)r->signature_id);
		sigma_value_count(w, key, r->key, r->last);
	}
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		snprintf(key, sizeof key, "%lld", (long long)want[i].sid);
		/* one probe value at the end: distinct = sites + 1 */
		assert_int_equal(sigma_value_count(w, key, "probe", end),
		    want[i].sites + 1);
	}
	assert_int_equal(sigma_value_count(w, "x", "a", 0), 1);
	assert_int_equal(sigma_value_count(w, "x", "a", 10), 1);
	assert_int_equal(sigma_value_count(w, "x", "b", 20), 2);
	assert_int_equal(sigma_value_count(w, "x", "c", 7200015), 2);
	sigma_win_destroy(w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rows_agree_with_the_stix_sightings),
		cmocka_unit_test(totals_per_signature_match_the_readme),
		cmocka_unit_test(a_flood_of_one_signature_is_one_row),
		cmocka_unit_test(the_list_order_is_severity_then_recency_and_stable),
		cmocka_unit_test(a_full_table_drops_the_least_recent_row),
		cmocka_unit_test(event_count_counts_within_the_window),
		cmocka_unit_test(event_count_saturates_at_per_key),
		cmocka_unit_test(value_count_counts_distinct_assets_per_signature),
	};
	return cmocka_run_group_tests(tests, load, unload);
}
