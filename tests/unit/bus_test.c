/*
 * bus_test.c: the feed bus over real nng sockets (inproc, ipc, tcp on
 * 127.0.0.1): publisher -> subscriber delivery and health, seq gaps counted
 * as lost, restarts as resets, a corpus of bad messages rejected by reason
 * with the good message after each still arriving, the late-joiner re-send,
 * and --wait-subscribers.
 */
#include <arpa/inet.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <nng/nng.h>
#include <nng/protocol/pubsub0/pub.h>
#include <nng/supplemental/util/platform.h>

#include "feed/bus.h"
#include "feed/pub.h"

static char url_ipc[128];

/* Receive and decode until n accepted or timeout; returns accepted. */
static int
drain(feedbus *b, int n, tcop_ms timeout, int *rejected)
{
	static tcop_event ev;
	struct feed_msg m;
	tcop_ms end = tcop_mono_ms() + timeout;
	int got = 0, rej = 0;

	while (got < n && tcop_mono_ms() < end) {
		struct pollfd fds[8];
		int nf = feedbus_pollfds(b, fds, 8);
		poll(fds, (nfds_t)nf, 20);
		while (feedbus_recv(b, &m) == TCOP_OK) {
			if (feedbus_decode(b, &m, &ev) == TCOP_OK)
				got++;
			else
				rej++;
		}
	}
	if (rejected != NULL)
		*rejected = rej;
	return got;
}

static void
msg(char *buf, size_t size, const char *src, int64_t seq)
{
	snprintf(buf, size, "{\"id\":\"x:%lld\",\"t\":\"2026-11-26T23:00:00Z\","
	    "\"src\":\"%s\",\"seq\":%lld,\"lat\":1,\"lon\":2}",
	    (long long)seq, src, (long long)seq);
}

static void
a_subscriber_gets_every_message_and_counts_gaps(void **state)
{
	struct pub_opts o = { .url = "inproc://bus-gaps" };
	pub *p;
	feedbus *b;
	char json[256];
	static const int64_t seqs[] = { 1, 2, 3, 7, 8, 2, 3, 4 };
	tcop_event ev;

	assert_int_equal(pub_open(&p, &o), TCOP_OK);
	assert_int_equal(feedbus_create(&b), TCOP_OK);
	assert_int_equal(feedbus_add(b, o.url, "", NULL), TCOP_OK);
	assert_int_equal(pub_wait_subscribers(p, 1, 5000), TCOP_OK);
	for (size_t i = 0; i < sizeof seqs / sizeof seqs[0]; i++) {
		msg(json, sizeof json, "s1", seqs[i]);
		assert_int_equal(tcop_event_decode2("maritime/track", 14, json,
		    strlen(json), &ev), TCOP_OK);
		assert_int_equal(pub_send(p, "maritime/track", json, strlen(json),
		    &ev), TCOP_OK);
	}
	assert_int_equal(drain(b, 8, 5000, NULL), 8);
	const struct feed_health *h = feedbus_health(b, 0, tcop_mono_ms());
	assert_true(h->connected);
	assert_int_equal(h->received, 8);
	assert_int_equal(h->lost, 3);   /* 4, 5, 6 */
	assert_int_equal(h->resets, 1); /* 8 -> 2: the source restarted */
	assert_int_equal(h->rejected, 0);
	feedbus_destroy(b);
	pub_close(p, 0);
}

struct bad {
	const char *m;
	tcop_err why;
};

static void
bad_messages_are_rejected_by_reason_and_the_next_one_arrives(void **state)
{
	static const struct bad bad[] = {
		{ "maritime/track{\"id\":\"a\"}", TCOP_ETOPIC },
		{ "maritime/track not-json", TCOP_EJSON },
		{ "maritime/track {\"t\":\"2026-11-26T23:00:00Z\",\"src\":\"s\"}", TCOP_EID },
		{ "maritime/track {\"id\":\"a\",\"t\":\"noon\",\"src\":\"s\"}", TCOP_ETIME },
		{ "maritime/track {\"id\":\"a\",\"t\":\"2026-11-26T23:00:00Z\"}", TCOP_ESRC },
		{ "maritime/track {\"id\":\"a\",\"t\":\"2026-11-26T23:00:00Z\",\"src\":\"s\",\"lat\":91,\"lon\":0}", TCOP_ELAT },
		{ "maritime/track {\"id\":\"a\",\"t\":\"2026-11-26T23:00:00Z\",\"src\":\"s\",\"lat\":1,\"lon\":181}", TCOP_ELON },
		{ "maritime/track {\"id\":\"a\",\"t\":\"2026-11-26T23:00:00Z\",\"src\":\"s\",\"lat\":1e400,\"lon\":1}", TCOP_ENOTFINITE },
		{ "", TCOP_EEMPTY },
	};
	nng_socket raw;
	feedbus *b;
	char good[256];
	size_t nbad = sizeof bad / sizeof bad[0];
	int rej, got;

	snprintf(url_ipc, sizeof url_ipc, "ipc:///tmp/tcop-bus-test-%d.ipc",
	    (int)getpid());
	assert_int_equal(nng_pub0_open(&raw), 0);
	nng_socket_set_int(raw, NNG_OPT_SENDBUF, 8192);
	assert_int_equal(nng_listen(raw, url_ipc, NULL, 0), 0);
	assert_int_equal(feedbus_create(&b), TCOP_OK);
	assert_int_equal(feedbus_add(b, url_ipc, "", NULL), TCOP_OK);
	for (int i = 0; i < 200 && !feedbus_health(b, 0, 0)->connected; i++)
		nng_msleep(10);
	assert_true(feedbus_health(b, 0, 0)->connected);

	size_t big_n = 1 << 20;
	char *big = malloc(big_n);
	assert_non_null(big);
	memset(big, ' ', big_n);
	memcpy(big, "maritime/track {", 16);
	unsigned seed = 99;
	int64_t seq = 1;
	for (size_t i = 0; i < nbad + 2; i++) {
		if (i < nbad) {
			assert_int_equal(nng_send(raw, (void *)bad[i].m,
			    strlen(bad[i].m), 0), 0);
		} else if (i == nbad) { /* 1 MiB */
			assert_int_equal(nng_send(raw, big, big_n, 0), 0);
		} else { /* random bytes */
			char rnd[200];
			for (size_t k = 0; k < sizeof rnd; k++)
				rnd[k] = (char)rand_r(&seed);
			assert_int_equal(nng_send(raw, rnd, sizeof rnd, 0), 0);
		}
		char m[300];
		msg(good, sizeof good, "good", seq++);
		snprintf(m, sizeof m, "maritime/track %s", good);
		assert_int_equal(nng_send(raw, m, strlen(m), 0), 0);
	}
	got = drain(b, (int)nbad + 2, 5000, &rej);
	assert_int_equal(got, nbad + 2);
	assert_int_equal(rej, nbad + 2);
	const struct feed_health *h = feedbus_health(b, 0, tcop_mono_ms());
	for (size_t i = 0; i < nbad; i++)
		if (h->rejected_by[bad[i].why] < 1)
			fail_msg("no %s counted", tcop_err_name(bad[i].why));
	assert_int_equal(h->rejected_by[TCOP_ETOOBIG], 1);
	assert_int_equal(h->rejected, nbad + 2);
	assert_int_equal(h->lost, 0);
	free(big);
	feedbus_destroy(b);
	nng_close(raw);
	unlink(url_ipc + 6);
}

static void
a_late_joiner_gets_the_state_again_marked_resend(void **state)
{
	struct pub_opts o = { .url = "tcp://127.0.0.1:0", .refresh = -1 };
	pub *p;
	feedbus *b;
	tcop_event ev;
	char json[300], url[64];
	nng_listener l;
	nng_sockaddr sa;

	/* a free port: listen on 0 through a throwaway socket */
	nng_socket tmp;
	assert_int_equal(nng_pub0_open(&tmp), 0);
	assert_int_equal(nng_listen(tmp, "tcp://127.0.0.1:0", &l, 0), 0);
	assert_int_equal(nng_listener_get_addr(l, NNG_OPT_LOCADDR, &sa), 0);
	snprintf(url, sizeof url, "tcp://127.0.0.1:%u",
	    (unsigned)ntohs(sa.s_in.sa_port));
	nng_close(tmp);
	o.url = url;

	assert_int_equal(pub_open(&p, &o), TCOP_OK);
	/* two element sets (state) and one alert (not state), nobody listening */
	for (int i = 0; i < 3; i++) {
		const char *topic = i < 2 ? "space/elements" : "cyber/alert";
		snprintf(json, sizeof json, "{\"id\":\"norad:%d\",\"t\":"
		    "\"2026-11-26T23:00:00Z\",\"src\":\"ct\",\"seq\":%d,"
		    "\"NORAD_CAT_ID\":%d}", 25544 + i, i + 1, 25544 + i);
		assert_int_equal(tcop_event_decode2(topic, strlen(topic), json,
		    strlen(json), &ev), TCOP_OK);
		assert_int_equal(pub_send(p, topic, json, strlen(json), &ev), TCOP_OK);
	}
	/* the same satellite again: the cache keeps only the latest */
	snprintf(json, sizeof json, "{\"id\":\"norad:25544\",\"t\":"
	    "\"2026-11-27T00:00:00Z\",\"src\":\"ct\",\"seq\":4}");
	assert_int_equal(tcop_event_decode2("space/elements", 14, json,
	    strlen(json), &ev), TCOP_OK);
	assert_int_equal(pub_send(p, "space/elements", json, strlen(json), &ev),
	    TCOP_OK);

	assert_int_equal(feedbus_create(&b), TCOP_OK);
	assert_int_equal(feedbus_add(b, url, "", NULL), TCOP_OK);
	assert_int_equal(pub_wait_subscribers(p, 1, 5000), TCOP_OK);
	tcop_ms end = tcop_mono_ms() + 10000;
	int got = 0, resend = 0, newest = 0;
	while (got < 2 && tcop_mono_ms() < end) {
		struct feed_msg m;
		pub_tick(p);
		nng_msleep(20);
		while (feedbus_recv(b, &m) == TCOP_OK) {
			assert_int_equal(feedbus_decode(b, &m, &ev), TCOP_OK);
			got++;
			resend += ev.resend;
			assert_int_equal(ev.kind, TCOP_K_ELEMENTS);
			if (strcmp(ev.id, "norad:25544") == 0 &&
			    ev.t == 1795737600000)
				newest++;
		}
	}
	assert_int_equal(got, 2);
	assert_int_equal(resend, 2);
	assert_int_equal(newest, 1);
	assert_int_equal(pub_resent(p), 2);
	const struct feed_health *h = feedbus_health(b, 0, tcop_mono_ms());
	assert_int_equal(h->resent, 2);
	assert_int_equal(h->lost, 0);
	feedbus_destroy(b);
	pub_close(p, 0);
}

static void
waiting_for_subscribers_times_out_and_then_succeeds(void **state)
{
	struct pub_opts o = { .url = "inproc://bus-wait" };
	pub *p;
	feedbus *b;

	assert_int_equal(pub_open(&p, &o), TCOP_OK);
	assert_int_equal(pub_wait_subscribers(p, 1, 100), TCOP_EAGAIN);
	assert_int_equal(feedbus_create(&b), TCOP_OK);
	assert_int_equal(feedbus_add(b, o.url, "", NULL), TCOP_OK);
	assert_int_equal(pub_wait_subscribers(p, 1, 5000), TCOP_OK);
	assert_int_equal(pub_subscribers(p), 1);
	feedbus_destroy(b);
	pub_close(p, 0);
}

static void
a_topic_prefix_filters(void **state)
{
	struct pub_opts o = { .url = "inproc://bus-prefix" };
	pub *p;
	feedbus *b;
	char json[256];

	assert_int_equal(pub_open(&p, &o), TCOP_OK);
	assert_int_equal(feedbus_create(&b), TCOP_OK);
	assert_int_equal(feedbus_add(b, o.url, "space/", NULL), TCOP_OK);
	assert_int_equal(pub_wait_subscribers(p, 1, 5000), TCOP_OK);
	msg(json, sizeof json, "a", 1);
	pub_send(p, "maritime/track", json, strlen(json), NULL);
	msg(json, sizeof json, "a", 2);
	pub_send(p, "space/event", json, strlen(json), NULL);
	assert_int_equal(drain(b, 2, 500, NULL), 1);
	feedbus_destroy(b);
	pub_close(p, 0);
}

static void
a_bad_url_is_an_error_not_a_crash(void **state)
{
	struct pub_opts o = { .url = "bogus://nowhere" };
	pub *p;
	feedbus *b;

	tcop_log_set_quiet(true);
	assert_int_equal(pub_open(&p, &o), TCOP_ENET);
	assert_int_equal(feedbus_create(&b), TCOP_OK);
	assert_int_equal(feedbus_add(b, "bogus://nowhere", "", NULL), TCOP_ENET);
	assert_int_equal(feedbus_count(b), 0);
	feedbus_destroy(b);
	tcop_log_set_quiet(false);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_subscriber_gets_every_message_and_counts_gaps),
		cmocka_unit_test(bad_messages_are_rejected_by_reason_and_the_next_one_arrives),
		cmocka_unit_test(a_late_joiner_gets_the_state_again_marked_resend),
		cmocka_unit_test(waiting_for_subscribers_times_out_and_then_succeeds),
		cmocka_unit_test(a_topic_prefix_filters),
		cmocka_unit_test(a_bad_url_is_an_error_not_a_crash),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
