/*
 * relay_test.c: the relay (src/feed/relay.c): the filter's rules one by
 * one (fail-closed on unmarked events, the classification ceiling,
 * releasability to every listed country, tetragraphs), option parsing, and
 * a relay over real inproc sockets: a raw publisher upstream sending good,
 * filtered and malformed messages, a subscriber downstream receiving
 * exactly the good ones, bytes unchanged, with the relay's drops showing
 * up downstream as seq gaps and in the relay's counts by reason.
 */
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <nng/nng.h>
#include <nng/protocol/pubsub0/pub.h>
#include <nng/supplemental/util/platform.h>

#include "feed/relay.h"

/* Decode "TOPIC JSON" made of the common fields and the given marking. */
static void
ev_marked(tcop_event *ev, const char *cls, const char *rel)
{
	char m[512];

	snprintf(m, sizeof m, "cyber/alert {\"id\":\"a:1\",\"t\":"
	    "\"2026-11-26T23:00:00Z\",\"src\":\"s\",\"seq\":1%s%s%s%s%s}",
	    cls ? ",\"cls\":\"" : "", cls ? cls : "", cls ? "\"" : "",
	    rel ? ",\"rel\":" : "", rel ? rel : "");
	assert_int_equal(tcop_event_decode(m, strlen(m), ev), TCOP_OK);
}

static enum relay_verdict
verdict(const char *rel_to, const char *max, const char *cls, const char *rel)
{
	struct relay_filter f;
	static tcop_event ev;

	relay_filter_init(&f);
	if (rel_to != NULL)
		assert_int_equal(relay_filter_rel(&f, rel_to), TCOP_OK);
	if (max != NULL)
		assert_int_equal(relay_filter_cls(&f, max), TCOP_OK);
	ev_marked(&ev, cls, rel);
	return relay_check(&f, &ev);
}

static void
without_a_filter_everything_passes(void **state)
{
	assert_int_equal(verdict(NULL, NULL, NULL, NULL), RELAY_PASS);
	assert_int_equal(verdict(NULL, NULL, "TS", "[]"), RELAY_PASS);
}

static void
an_unmarked_event_never_passes_a_filter(void **state)
{
	assert_int_equal(verdict("JPN", NULL, NULL, "[\"JPN\"]"), RELAY_UNMARKED);
	assert_int_equal(verdict(NULL, "TS", NULL, NULL), RELAY_UNMARKED);
}

static void
the_ceiling_is_inclusive_and_ordered(void **state)
{
	assert_int_equal(verdict(NULL, "S", "S", NULL), RELAY_PASS);
	assert_int_equal(verdict(NULL, "S", "TS", NULL), RELAY_ABOVE_CLS);
	assert_int_equal(verdict(NULL, "U", "CUI", NULL), RELAY_ABOVE_CLS);
	assert_int_equal(verdict(NULL, "CUI", "U", NULL), RELAY_PASS);
	assert_int_equal(verdict(NULL, "C", "CUI", NULL), RELAY_PASS);
}

static void
releasability_needs_every_listed_country(void **state)
{
	assert_int_equal(verdict("JPN", NULL, "U", "[\"USA\",\"JPN\"]"), RELAY_PASS);
	assert_int_equal(verdict("JPN,KOR", NULL, "U", "[\"USA\",\"JPN\"]"),
	    RELAY_NOT_RELEASABLE);
	assert_int_equal(verdict("JPN,KOR", NULL, "U",
	    "[\"KOR\",\"USA\",\"JPN\"]"), RELAY_PASS);
	assert_int_equal(verdict("JPN", NULL, "U", NULL), RELAY_NO_REL);
	assert_int_equal(verdict("JPN", NULL, "U", "[]"), RELAY_NO_REL);
	assert_int_equal(verdict("JPN", "S", "TS", "[\"JPN\"]"), RELAY_ABOVE_CLS);
}

static void
known_tetragraphs_stand_for_their_members(void **state)
{
	assert_int_equal(verdict("GBR", NULL, "S", "[\"FVEY\"]"), RELAY_PASS);
	assert_int_equal(verdict("NZL", NULL, "S", "[\"ACGU\"]"),
	    RELAY_NOT_RELEASABLE);
	assert_int_equal(verdict("JPN", NULL, "S", "[\"FVEY\"]"),
	    RELAY_NOT_RELEASABLE);
	/* asking for FVEY: the tetragraph, or all five by name */
	assert_int_equal(verdict("FVEY", NULL, "S", "[\"FVEY\"]"), RELAY_PASS);
	assert_int_equal(verdict("FVEY", NULL, "S",
	    "[\"USA\",\"GBR\",\"CAN\",\"AUS\",\"NZL\"]"), RELAY_PASS);
	assert_int_equal(verdict("FVEY", NULL, "S",
	    "[\"USA\",\"GBR\",\"CAN\",\"AUS\"]"), RELAY_NOT_RELEASABLE);
	/* an unknown tetragraph releases only to itself */
	assert_int_equal(verdict("NATO", NULL, "S", "[\"NATO\"]"), RELAY_PASS);
	assert_int_equal(verdict("FRA", NULL, "S", "[\"NATO\"]"),
	    RELAY_NOT_RELEASABLE);
}

static void
bad_filter_options_are_refused(void **state)
{
	struct relay_filter f;

	relay_filter_init(&f);
	assert_false(f.active);
	assert_int_equal(relay_filter_rel(&f, ""), TCOP_EREL);
	assert_int_equal(relay_filter_rel(&f, "jpn"), TCOP_EREL);
	assert_int_equal(relay_filter_rel(&f, "JPN,"), TCOP_EREL);
	assert_int_equal(relay_filter_rel(&f, "JA"), TCOP_EREL);
	assert_int_equal(relay_filter_rel(&f, "JAPAN"), TCOP_EREL);
	assert_int_equal(relay_filter_cls(&f, "SECRET"), TCOP_ECLS);
	assert_int_equal(relay_filter_cls(&f, ""), TCOP_ECLS);
	relay_filter_init(&f);
	assert_int_equal(relay_filter_rel(&f, "USA,JPN,FVEY"), TCOP_OK);
	assert_int_equal(f.nrel, 3);
	assert_string_equal(f.rel[2], "FVEY");
	assert_true(f.active);
}

/* ---- a relay on real sockets ------------------------------------------- */

static int
drain(feedbus *b, relay *r, int n, char got[][512], int max)
{
	static tcop_event ev;
	struct feed_msg m;
	tcop_ms end = tcop_mono_ms() + 5000;
	int k = 0;

	while (k < n && tcop_mono_ms() < end) {
		struct pollfd fds[4];
		relay_step(r, 5);
		int nf = feedbus_pollfds(b, fds, 4);
		poll(fds, (nfds_t)nf, 5);
		while (feedbus_recv(b, &m) == TCOP_OK) {
			assert_int_equal(feedbus_decode(b, &m, &ev), TCOP_OK);
			if (k < max) {
				memcpy(got[k], m.data, m.len);
				got[k][m.len] = '\0';
			}
			k++;
		}
	}
	return k;
}

static void
a_relay_forwards_the_good_and_counts_the_rest(void **state)
{
	static const char *const in[] = {
		"cyber/alert {\"id\":\"a:1\",\"t\":\"2026-11-26T23:00:00Z\",\"src\":\"s\",\"seq\":1,\"cls\":\"U\",\"rel\":[\"USA\",\"JPN\"]}",
		"cyber/alert {\"id\":\"a:2\",\"t\":\"2026-11-26T23:00:00Z\",\"src\":\"s\",\"seq\":2}",
		"cyber/alert {\"id\":\"a:3\",\"t\":\"2026-11-26T23:00:00Z\",\"src\":\"s\",\"seq\":3,\"cls\":\"TS\",\"rel\":[\"JPN\"]}",
		"cyber/alert not json at all",
		"picture/note {\"id\":\"n:1\",\"t\":\"2026-11-26T23:00:00Z\",\"src\":\"s\",\"seq\":4,\"cls\":\"C\",\"rel\":[\"USA\"],\"by\":\"op\",\"text\":\"x\"}",
		"picture/note {\"id\":\"n:2\",\"t\":\"2026-11-26T23:00:00Z\",\"src\":\"s\",\"seq\":5,\"cls\":\"C\",\"rel\":[\"JPN\"],\"by\":\"op\",\"text\":\"y\"}",
		"cyber/alert {\"id\":\"a:6\",\"t\":\"2026-11-26T23:00:00Z\",\"src\":\"s\",\"seq\":6,\"cls\":\"BOGUS\"}",
		"ops/new-thing {\"id\":\"o:7\",\"t\":\"2026-11-26T23:00:00Z\",\"src\":\"s\",\"seq\":7,\"cls\":\"U\",\"rel\":[\"JPN\"]}",
	};
	static struct relay_opts o;
	static char got[8][512];
	nng_socket up;
	relay *r;
	feedbus *b;
	struct relay_stats st;

	assert_int_equal(nng_pub0_open(&up), 0);
	assert_int_equal(nng_listen(up, "inproc://relay-up", NULL, 0), 0);
	memset(&o, 0, sizeof o);
	o.feeds[o.nfeeds++] = "inproc://relay-up";
	o.pub.url = "inproc://relay-down";
	relay_filter_init(&o.filter);
	assert_int_equal(relay_filter_rel(&o.filter, "JPN"), TCOP_OK);
	assert_int_equal(relay_filter_cls(&o.filter, "S"), TCOP_OK);
	assert_int_equal(relay_create(&r, &o), TCOP_OK);
	assert_int_equal(feedbus_create(&b), TCOP_OK);
	assert_int_equal(feedbus_add(b, "inproc://relay-down", "", NULL), TCOP_OK);
	assert_int_equal(pub_wait_subscribers(relay_pub(r), 1, 5000), TCOP_OK);
	assert_int_equal(relay_connect(r), TCOP_OK);
	for (int i = 0; i < 200; i++) { /* the relay's own dial upstream */
		relay_stats(r, &st);
		if (st.up.connected)
			break;
		nng_msleep(10);
	}
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
		assert_int_equal(nng_send(up, (void *)in[i], strlen(in[i]), 0), 0);

	assert_int_equal(drain(b, r, 3, got, 8), 3);
	assert_string_equal(got[0], in[0]);
	assert_string_equal(got[1], in[5]);
	assert_string_equal(got[2], in[7]);
	relay_stats(r, &st);
	assert_int_equal(st.received, 8);
	assert_int_equal(st.forwarded, 3);
	assert_int_equal(st.dropped, 5);
	assert_int_equal(st.by[RELAY_UNMARKED], 1);
	assert_int_equal(st.by[RELAY_ABOVE_CLS], 1);
	assert_int_equal(st.by[RELAY_NOT_RELEASABLE], 1);
	assert_int_equal(st.by[RELAY_MALFORMED], 2);
	assert_int_equal(st.malformed_by[TCOP_EJSON], 1);
	assert_int_equal(st.malformed_by[TCOP_ECLS], 1);
	/* downstream sees the relay's drops as gaps: 2, 3, 4 and 6 (one, the
	 * malformed message, had no seq to count) */
	const struct feed_health *h = feedbus_health(b, 0, tcop_mono_ms());
	assert_int_equal(h->lost, 4);
	feedbus_destroy(b);
	relay_destroy(r, 0);
	nng_close(up);
}

static void
an_ingest_admits_picture_and_interference_only(void **state)
{
	static const char *const in[] = {
		"picture/mark {\"id\":\"mark:op-1\",\"t\":\"2026-11-26T23:00:00Z\",\"src\":\"tcop-view\",\"by\":\"op\",\"text\":\"jam 25nm\",\"lat\":35,\"lon\":139}",
		"maritime/track {\"id\":\"mmsi:431000001\",\"t\":\"2026-11-26T23:00:00Z\",\"src\":\"x\",\"mmsi\":431000001,\"lat\":35,\"lon\":139}",
		"cyber/interference {\"id\":\"area:mark-op-1\",\"t\":\"2026-11-26T23:00:00Z\",\"src\":\"tcop-view\",\"lat\":35,\"lon\":139,\"what\":\"gnss-jamming\",\"radius_m\":46300,\"by\":\"op\"}",
		"cyber/alert {\"id\":\"a:1\",\"t\":\"2026-11-26T23:00:00Z\",\"src\":\"x\"}",
	};
	static struct relay_opts o;
	static char got[4][512];
	nng_socket viewer;
	relay *r;
	feedbus *b;
	struct relay_stats st;

	(void)state;
	assert_true(relay_ingest_admits("picture/ack"));
	assert_true(relay_ingest_admits("cyber/interference"));
	assert_false(relay_ingest_admits("cyber/alert"));
	assert_false(relay_ingest_admits("cyber/interferencex"));
	assert_false(relay_ingest_admits("maritime/track"));
	memset(&o, 0, sizeof o);
	o.ingest[o.ningest++] = "inproc://relay-ingest";
	o.pub.url = "inproc://relay-ingest-down";
	relay_filter_init(&o.filter);
	assert_int_equal(relay_create(&r, &o), TCOP_OK);
	assert_int_equal(feedbus_create(&b), TCOP_OK);
	assert_int_equal(feedbus_add(b, "inproc://relay-ingest-down", "",
	    NULL), TCOP_OK);
	assert_int_equal(pub_wait_subscribers(relay_pub(r), 1, 5000), TCOP_OK);
	assert_int_equal(relay_connect(r), TCOP_OK);
	assert_int_equal(nng_pub0_open(&viewer), 0);
	assert_int_equal(nng_dial(viewer, "inproc://relay-ingest", NULL, 0), 0);
	for (int i = 0; i < 200; i++) {
		relay_stats(r, &st);
		if (st.up.connected)
			break;
		nng_msleep(10);
	}
	nng_msleep(50);
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
		assert_int_equal(nng_send(viewer, (void *)in[i], strlen(in[i]),
		    0), 0);
	assert_int_equal(drain(b, r, 2, got, 4), 2);
	assert_string_equal(got[0], in[0]);
	assert_string_equal(got[1], in[2]);
	for (int i = 0; i < 100 && st.received < 4; i++) {
		relay_step(r, 5);
		relay_stats(r, &st);
	}
	assert_int_equal(st.received, 4);
	assert_int_equal(st.by[RELAY_NOT_ADMITTED], 2);
	feedbus_destroy(b);
	relay_destroy(r, 0);
	nng_close(viewer);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(without_a_filter_everything_passes),
		cmocka_unit_test(an_unmarked_event_never_passes_a_filter),
		cmocka_unit_test(the_ceiling_is_inclusive_and_ordered),
		cmocka_unit_test(releasability_needs_every_listed_country),
		cmocka_unit_test(known_tetragraphs_stand_for_their_members),
		cmocka_unit_test(bad_filter_options_are_refused),
		cmocka_unit_test(a_relay_forwards_the_good_and_counts_the_rest),
		cmocka_unit_test(an_ingest_admits_picture_and_interference_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
