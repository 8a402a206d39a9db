/*
 * brief_test.c: briefer views and bookmarks (src/ui/brief.c): messages
 * built here decode with the common decoder and parse back to the same
 * view; bad views and bookmarks are refused with the reason; the book
 * keeps time order and replaces by id; the time bar gets its ticks where
 * the marks fall; the share limiter sends on change (at most 4/s), as a
 * keep-alive, and not for a deck that merely plays on; the follower's
 * seek decision.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ui/brief.h"

#define T0 1795000000000LL /* 2026-11-18T... */

static tcop_err
dec(const char *msg, size_t len, tcop_event *ev)
{
	return tcop_event_decode(msg, len, ev);
}

static void
a_view_round_trips(void **state)
{
	struct brief_view v, w;
	tcop_event ev;
	char buf[2048];
	size_t len;

	(void)state;
	brief_view_init(&v);
	snprintf(v.by, sizeof v.by, "alice");
	snprintf(v.region, sizeof v.region, "tsushima");
	v.has_center = true;
	v.lat = 34.25;
	v.lon = 129.5;
	v.span = 3.5;
	snprintf(v.selection, sizeof v.selection, "mmsi:431000001");
	v.replay_t = T0 + 1234;
	v.speed = 60;
	v.playing = 1;
	assert_int_equal(brief_view_msg(&v, "view:alice-1", T0, buf, sizeof buf,
	    &len), TCOP_OK);
	assert_int_equal(len, strlen(buf));
	assert_non_null(strstr(buf, "\"center\":[34.25000,129.50000]"));
	assert_int_equal(dec(buf, len, &ev), TCOP_OK);
	assert_int_equal(ev.kind, TCOP_K_VIEW);
	assert_int_equal(brief_view_parse(&ev, &w), TCOP_OK);
	assert_string_equal(w.by, "alice");
	assert_string_equal(w.region, "tsushima");
	assert_true(w.has_center);
	assert_true(fabs(w.lat - 34.25) < 1e-9 && fabs(w.lon - 129.5) < 1e-9);
	assert_true(fabs(w.span - 3.5) < 1e-9);
	assert_string_equal(w.selection, "mmsi:431000001");
	assert_int_equal(w.replay_t, T0 + 1234);
	assert_true(w.speed == 60);
	assert_int_equal(w.playing, 1);

	/* No replay, paused at max speed, a region only. */
	brief_view_init(&v);
	snprintf(v.region, sizeof v.region, "wpac");
	assert_int_equal(brief_view_msg(&v, "v2", T0, buf, sizeof buf, &len),
	    TCOP_OK);
	assert_null(strstr(buf, "center"));
	assert_null(strstr(buf, "replay_t"));
	assert_int_equal(dec(buf, len, &ev), TCOP_OK);
	assert_int_equal(brief_view_parse(&ev, &w), TCOP_OK);
	assert_false(w.has_center);
	assert_int_equal(w.replay_t, TCOP_MS_NONE);
	assert_int_equal(w.playing, -1);
	assert_true(w.speed < 0);
}

static void
strings_are_escaped(void **state)
{
	struct brief_mark m = { 0 }, n;
	tcop_event ev;
	char buf[2048];
	size_t len;

	(void)state;
	snprintf(m.id, sizeof m.id, "bm:a-1");
	snprintf(m.text, sizeof m.text, "say \"hi\" \\ \x01 now");
	snprintf(m.v.by, sizeof m.v.by, "al\"ice");
	m.t = T0;
	assert_int_equal(brief_mark_msg(&m, buf, sizeof buf, &len), TCOP_OK);
	assert_int_equal(dec(buf, len, &ev), TCOP_OK);
	assert_int_equal(brief_mark_parse(&ev, &n), TCOP_OK);
	assert_false(n.bookmark);
	assert_string_equal(n.text, "say \"hi\" \\ \x01 now");
	assert_string_equal(n.v.by, "al\"ice");
	/* Too small a buffer: refused, not cut. */
	assert_int_equal(brief_mark_msg(&m, buf, 40, &len), TCOP_ETOOBIG);
}

static void
bad_views_are_refused(void **state)
{
	static const struct { const char *msg; tcop_err want; } c[] = {
		{ "picture/view {\"id\":\"v\",\"t\":\"2026-11-26T00:00:00Z\","
		  "\"src\":\"x\",\"by\":\"a\"}", TCOP_EFIELD },
		{ "picture/view {\"id\":\"v\",\"t\":\"2026-11-26T00:00:00Z\","
		  "\"src\":\"x\",\"center\":[10,20]}", TCOP_EFIELD },
		{ "picture/view {\"id\":\"v\",\"t\":\"2026-11-26T00:00:00Z\","
		  "\"src\":\"x\",\"center\":[10,20],\"span\":-1}", TCOP_EFIELD },
		{ "picture/view {\"id\":\"v\",\"t\":\"2026-11-26T00:00:00Z\","
		  "\"src\":\"x\",\"region\":\"wpac\",\"speed\":\"fast\"}",
		  TCOP_EFIELD },
		{ "picture/view {\"id\":\"v\",\"t\":\"2026-11-26T00:00:00Z\","
		  "\"src\":\"x\",\"region\":\"wpac\",\"playing\":1}", TCOP_EFIELD },
		{ "picture/view {\"id\":\"v\",\"t\":\"2026-11-26T00:00:00Z\","
		  "\"src\":\"x\",\"region\":\"wpac\",\"speed\":5000}", TCOP_EFIELD },
		{ "picture/mark {\"id\":\"v\",\"t\":\"2026-11-26T00:00:00Z\","
		  "\"src\":\"x\",\"region\":\"wpac\"}", TCOP_ETOPIC },
	};
	struct brief_view v;
	struct brief_mark m;
	tcop_event ev;

	(void)state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		assert_int_equal(dec(c[i].msg, strlen(c[i].msg), &ev), TCOP_OK);
		assert_int_equal(brief_view_parse(&ev, &v), c[i].want);
	}
	/* A bookmark (span) without a position is refused. */
	{
		const char *b = "picture/mark {\"id\":\"b\",\"t\":\"2026-11-26T00:00:00Z\","
		    "\"src\":\"x\",\"span\":4}";
		assert_int_equal(dec(b, strlen(b), &ev), TCOP_OK);
		assert_int_equal(brief_mark_parse(&ev, &m), TCOP_EFIELD);
	}
	brief_view_init(&v);
	assert_int_equal(brief_view_msg(&v, "x", T0, (char[64]){ 0 }, 64,
	    &(size_t){ 0 }), TCOP_EINVAL);
}

static void
a_bookmark_round_trips(void **state)
{
	struct brief_mark m = { 0 }, n;
	tcop_event ev;
	char buf[2048];
	size_t len;

	(void)state;
	snprintf(m.id, sizeof m.id, "bm:alice-7-1");
	snprintf(m.text, sizeof m.text, "the tanker turns");
	m.t = T0 + 5000;
	m.bookmark = m.has_pos = true;
	m.lat = 33.2;
	m.lon = 129.8;
	brief_view_init(&m.v);
	snprintf(m.v.by, sizeof m.v.by, "alice");
	snprintf(m.v.region, sizeof m.v.region, "tsushima");
	m.v.span = 2.5;
	snprintf(m.v.selection, sizeof m.v.selection, "inc:0001");
	m.v.replay_t = T0 + 4000;
	assert_int_equal(brief_mark_msg(&m, buf, sizeof buf, &len), TCOP_OK);
	assert_int_equal(dec(buf, len, &ev), TCOP_OK);
	assert_int_equal(ev.kind, TCOP_K_MARK);
	assert_string_equal(ev.u.pic.ref, "inc:0001");
	assert_int_equal(brief_mark_parse(&ev, &n), TCOP_OK);
	assert_true(n.bookmark);
	assert_string_equal(n.id, "bm:alice-7-1");
	assert_string_equal(n.text, "the tanker turns");
	assert_string_equal(n.v.by, "alice");
	assert_string_equal(n.v.region, "tsushima");
	assert_string_equal(n.v.selection, "inc:0001");
	assert_true(n.v.has_center && fabs(n.v.lat - 33.2) < 1e-9 &&
	    fabs(n.v.lon - 129.8) < 1e-9 && fabs(n.v.span - 2.5) < 1e-9);
	assert_int_equal(n.v.replay_t, T0 + 4000);
	assert_int_equal(brief_mark_time(&n), T0 + 4000);
	assert_int_equal(n.t, T0 + 5000);
}

static struct brief_mark
mk(const char *id, tcop_ms t)
{
	struct brief_mark m = { 0 };

	snprintf(m.id, sizeof m.id, "%s", id);
	brief_view_init(&m.v);
	m.t = t;
	return m;
}

static void
the_book_keeps_time_order(void **state)
{
	static struct brief_book b;
	struct brief_mark m;

	(void)state;
	b.n = 0;
	m = mk("c", T0 + 3000);
	assert_int_equal(brief_book_add(&b, &m), 0);
	m = mk("a", T0 + 1000);
	assert_int_equal(brief_book_add(&b, &m), 0);
	m = mk("b", T0 + 2000);
	assert_int_equal(brief_book_add(&b, &m), 1);
	/* A bookmark is listed at its replay time, not its event time. */
	m = mk("d", T0 + 9000);
	m.v.replay_t = T0 + 1500;
	assert_int_equal(brief_book_add(&b, &m), 1);
	/* Same time: by id. */
	m = mk("0", T0 + 2000);
	assert_int_equal(brief_book_add(&b, &m), 2);
	assert_int_equal(b.n, 5);
	assert_string_equal(b.m[0].id, "a");
	assert_string_equal(b.m[1].id, "d");
	assert_string_equal(b.m[2].id, "0");
	assert_string_equal(b.m[3].id, "b");
	assert_string_equal(b.m[4].id, "c");
	/* The same id again replaces (and moves) it. */
	m = mk("c", T0);
	assert_int_equal(brief_book_add(&b, &m), 0);
	assert_int_equal(b.n, 5);
	assert_string_equal(b.m[0].id, "c");
	assert_int_equal(brief_book_find(&b, "b"), 4);
	assert_int_equal(brief_book_find(&b, "zz"), -1);
	/* Full: refused. */
	b.n = 0;
	for (int i = 0; i < BRIEF_BOOK_MAX; i++) {
		char id[16];
		snprintf(id, sizeof id, "m%d", i);
		m = mk(id, T0 + (BRIEF_BOOK_MAX - i) * 10);
		assert_true(brief_book_add(&b, &m) >= 0);
	}
	m = mk("over", T0);
	assert_int_equal(brief_book_add(&b, &m), -1);
	for (int i = 1; i < b.n; i++)
		assert_true(brief_mark_time(&b.m[i - 1]) <= brief_mark_time(&b.m[i]));
}

static void
the_time_bar_gets_ticks(void **state)
{
	static struct brief_book b;
	struct brief_mark m;
	char bar[128];

	(void)state;
	b.n = 0;
	m = mk("start", T0);
	brief_book_add(&b, &m);
	m = mk("mid", T0 + 50000);
	brief_book_add(&b, &m);
	m = mk("end", T0 + 100000);
	brief_book_add(&b, &m);
	m = mk("before", T0 - 1);
	brief_book_add(&b, &m);
	snprintf(bar, sizeof bar, " replay [#####-----] 00:00:50 0:00:50/0:01:40 1x pause");
	assert_int_equal(brief_bar_ticks(bar, T0, T0 + 100000, &b), 3);
	assert_string_equal(bar, " replay [|####|---|] 00:00:50 0:00:50/0:01:40 1x pause");
	/* No gauge (beside feeds): unchanged. */
	snprintf(bar, sizeof bar, " replay 00:00:50 0:00:50/0:01:40 1x pause");
	assert_int_equal(brief_bar_ticks(bar, T0, T0 + 100000, &b), 0);
	assert_string_equal(bar, " replay 00:00:50 0:00:50/0:01:40 1x pause");
	/* A capture of one instant: every tick at the start. */
	snprintf(bar, sizeof bar, " replay [---]");
	b.n = 1;
	b.m[0] = mk("one", T0);
	assert_int_equal(brief_bar_ticks(bar, T0, T0, &b), 1);
	assert_string_equal(bar, " replay [|--]");
}

static void
sharing_is_rate_limited(void **state)
{
	struct brief_share s = { .on = true };
	struct brief_view v;
	tcop_ms now = 1000;

	(void)state;
	brief_view_init(&v);
	snprintf(v.region, sizeof v.region, "wpac");
	v.has_center = true;
	v.lat = 20;
	v.lon = 130;
	v.span = 60;
	assert_true(brief_share_due(&s, &v, now)); /* the first */
	brief_share_sent(&s, &v, now);
	assert_false(brief_share_due(&s, &v, now + 100));
	assert_false(brief_share_due(&s, &v, now + 1000)); /* unchanged */
	v.span = 30;                                      /* zoomed */
	assert_false(brief_share_due(&s, &v, now + 100)); /* too soon */
	assert_true(brief_share_due(&s, &v, now + BRIEF_MIN_MS));
	brief_share_sent(&s, &v, now += BRIEF_MIN_MS);
	assert_true(brief_share_due(&s, &v, now + BRIEF_KEEP_MS)); /* keep-alive */
	snprintf(v.selection, sizeof v.selection, "mmsi:1");
	assert_true(brief_share_due(&s, &v, now + 300));
	brief_share_sent(&s, &v, now += 300);
	/* A deck playing at 10x moves by itself: no message for that. */
	v.replay_t = T0;
	v.speed = 10;
	v.playing = 1;
	assert_true(brief_share_due(&s, &v, now + 300));
	brief_share_sent(&s, &v, now += 300);
	v.replay_t = T0 + 10 * 1000;
	assert_false(brief_share_due(&s, &v, now + 1000));
	/* ... but a seek is one. */
	v.replay_t = T0 + 3600 * 1000;
	assert_true(brief_share_due(&s, &v, now + 1000));
	/* Paused: any move is one. */
	v.playing = 0;
	brief_share_sent(&s, &v, now += 1000);
	v.replay_t += 1000;
	assert_true(brief_share_due(&s, &v, now + 300));
	s.on = false;
	assert_false(brief_share_due(&s, &v, now + 10000));
}

/* The marks recorded in captures are listed; the rest of the lines not. */
static void
captures_are_scanned_for_marks(void **state)
{
	static struct brief_book b;
	const char *paths[] = { "tests/out/brief_test_a.cap",
		"tests/out/brief_test_b.cap", "tests/out/no-such.cap" };
	uint64_t bad = 0;
	FILE *f;

	(void)state;
	assert_non_null(f = fopen(paths[0], "w"));
	fputs("2026-03-19T12:00:00.000Z maritime/track {\"id\":\"mmsi:1\","
	    "\"t\":\"2026-03-19T12:00:00Z\",\"src\":\"x\",\"lat\":1,\"lon\":2}\n"
	    "2026-03-19T12:05:00.000Z picture/mark {\"id\":\"mark:bob-1-1\","
	    "\"t\":\"2026-03-19T12:05:00Z\",\"src\":\"tcop-view\",\"by\":\"bob\","
	    "\"text\":\"look\",\"lat\":33,\"lon\":129}\n"
	    "2026-03-19T12:06:00.000Z picture/mark {\"id\":\"bm:x\","
	    "\"t\":\"2026-03-19T12:06:00Z\",\"src\":\"tcop-view\",\"span\":3}\n"
	    "2026-03-19T12:07:00.000Z picture/mark {broken\n"
	    "2026-03-19T12:08:00.000Z picture/view {\"id\":\"v\","
	    "\"t\":\"2026-03-19T12:08:00Z\",\"src\":\"tcop-view\",\"region\":\"wpac\"}\n",
	    f);
	fclose(f);
	assert_non_null(f = fopen(paths[1], "w"));
	fputs("2026-03-19T12:20:00.000Z picture/mark {\"id\":\"bm:alice-1-1\","
	    "\"t\":\"2026-03-19T12:20:00Z\",\"src\":\"tcop-view\",\"by\":\"alice\","
	    "\"text\":\"early\",\"lat\":34.3,\"lon\":129.6,\"region\":\"tsushima\","
	    "\"span\":3,\"replay_t\":\"2026-03-19T12:01:00Z\"}\n", f);
	fclose(f);
	b.n = 0;
	assert_int_equal(brief_book_scan(&b, paths, 3, &bad), 2);
	/* The bookmark without a position; the broken line is the capture
	 * reader's to report (the deck counts it). */
	assert_int_equal(bad, 1);
	assert_int_equal(b.n, 2);
	assert_string_equal(b.m[0].id, "bm:alice-1-1"); /* at its replay_t */
	assert_true(b.m[0].bookmark && b.m[0].in_capture);
	assert_string_equal(b.m[0].v.region, "tsushima");
	assert_string_equal(b.m[1].id, "mark:bob-1-1");
	assert_false(b.m[1].bookmark);
}

static void
followers_seek_when_apart(void **state)
{
	struct brief_view v;

	(void)state;
	brief_view_init(&v);
	assert_false(brief_should_seek(&v, T0)); /* not a replay */
	v.replay_t = T0;
	v.playing = 0;
	assert_false(brief_should_seek(&v, T0));
	assert_true(brief_should_seek(&v, T0 + 1));
	v.playing = 1;
	v.speed = 1;
	assert_false(brief_should_seek(&v, T0 + 1500));
	assert_true(brief_should_seek(&v, T0 + 2500));
	v.speed = 60;
	assert_false(brief_should_seek(&v, T0 - 59000));
	assert_true(brief_should_seek(&v, T0 - 61000));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_view_round_trips),
		cmocka_unit_test(strings_are_escaped),
		cmocka_unit_test(bad_views_are_refused),
		cmocka_unit_test(a_bookmark_round_trips),
		cmocka_unit_test(the_book_keeps_time_order),
		cmocka_unit_test(the_time_bar_gets_ticks),
		cmocka_unit_test(sharing_is_rate_limited),
		cmocka_unit_test(captures_are_scanned_for_marks),
		cmocka_unit_test(followers_seek_when_apart),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
