/*
 * deck_test.c: the capture index (feed/capidx.c) and the replay deck
 * (ui/deck.c). The capture is the embedded demo scenario (src/demo),
 * written to tests/out as a capture (plain, .gz, and split in two by
 * domain), 25 minutes of scenario time. The deck's picture after any mix
 * of seeks, steps and paced play to T is compared, as GeoJSON, with the
 * picture `tcop snapshot --replay CAPTURE --at T` builds (snap_replay),
 * including seeks that start from a checkpoint (a copy of the picture
 * the deck kept as it played), backward and forward, over one capture,
 * two merged and a gzip one, with the checkpoints thinned by a cap, and
 * random seeks; and the recent events a restored checkpoint delivers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <cmocka.h>

#include "cli/snap.h"
#include "demo/scenario.h"
#include "feed/capidx.h"
#include "ui/deck.h"

#define OUT "tests/out/deck_test"
#define CAP OUT ".cap"
#define CAPGZ OUT ".cap.gz"
#define CAPA OUT "_a.cap"
#define CAPB OUT "_b.cap"
#define MINUTES 25

static tcop_ms t_start;
static uint64_t nlines;

static const struct pic_cfg cfg = { .maps_dir = "maps",
	.assets_path = "maps/assets.json" };

/* The demo scenario as captures: whole, gzip, and maritime | the rest. */
static int
setup(void **state)
{
	struct demo_world w;
	struct demo_opts o = { .seed = 7, .ships = 60 };
	struct demo_msg m;
	demo *d;
	char why[256], rx[40];
	FILE *f, *fa, *fb;
	gzFile gz;
	tcop_ms end;

	(void)state;
	if (demo_world_load(&w, "maps", why, sizeof why) != TCOP_OK)
		return -1;
	tcop_time_parse(DEMO_START_DEFAULT, strlen(DEMO_START_DEFAULT),
	    &o.start);
	if (demo_create(&d, &w, &o) != TCOP_OK)
		return -1;
	f = fopen(CAP, "w");
	fa = fopen(CAPA, "w");
	fb = fopen(CAPB, "w");
	gz = gzopen(CAPGZ, "wb");
	if (f == NULL || fa == NULL || fb == NULL || gz == NULL)
		return -1;
	t_start = o.start;
	end = o.start + MINUTES * 60000;
	for (demo_next(d, &m); m.t < end; demo_next(d, &m)) {
		tcop_time_format_ms(m.t, rx, sizeof rx);
		fprintf(f, "%s %s\n", rx, m.msg);
		gzprintf(gz, "%s %s\n", rx, m.msg);
		fprintf(m.dom == DEMO_MARITIME ? fa : fb, "%s %s\n", rx, m.msg);
		nlines++;
	}
	/* A bad line: counted, skipped. */
	fprintf(fb, "not a capture line\n");
	fclose(f);
	fclose(fa);
	fclose(fb);
	gzclose(gz);
	demo_destroy(d);
	demo_world_fini(&w);
	return 0;
}

static char *
geojson(const pic *p)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(snap_geojson_write(p, f), CLI_OK);
	fclose(f);
	return buf;
}

/* What `tcop snapshot --replay CAP --at t --format geojson` builds. */
static char *
straight(tcop_ms t)
{
	pic *p;
	char why[256], *s;

	assert_int_equal(pic_create(&p, &cfg, why, sizeof why), TCOP_OK);
	assert_int_equal(snap_replay(p, CAP, t), CLI_OK);
	s = geojson(p);
	pic_destroy(p);
	return s;
}

static deck *
open_deck(const char *const *paths, int n)
{
	deck *d;
	char why[256];

	assert_int_equal(deck_open(&d, paths, n, &cfg, NULL, why, sizeof why),
	    TCOP_OK);
	return d;
}

static void
assert_same(deck *d, const char *want)
{
	char *got = geojson(deck_pic(d));

	if (strcmp(got, want) != 0) {
		size_t i = 0;
		while (got[i] == want[i])
			i++;
		print_error("differs at byte %zu: ...%.120s\n vs ...%.120s\n", i,
		    got + (i > 40 ? i - 40 : 0), want + (i > 40 ? i - 40 : 0));
	}
	assert_string_equal(got, want);
	free(got);
}

static void
the_index_has_the_span_and_the_lines_per_minute(void **state)
{
	const char *paths[] = { CAP }, *gzp[] = { CAPGZ };
	struct capidx ix, iz;
	uint64_t prev = 0;

	(void)state;
	assert_int_equal(capidx_build(&ix, paths, 1), TCOP_OK);
	assert_int_equal(ix.lines, nlines);
	assert_int_equal(ix.bad, 0);
	assert_int_equal(ix.unordered, 0);
	assert_true(ix.t0 >= t_start && ix.t0 < t_start + 1000);
	assert_true(ix.t1 < t_start + MINUTES * 60000);
	assert_true(ix.t1 > t_start + (MINUTES - 1) * 60000);
	assert_int_equal(ix.nmin, MINUTES + 1);
	assert_int_equal(capidx_lines_before(&ix, 0), 0);
	assert_int_equal(capidx_lines_before(&ix, ix.nmin - 1), nlines);
	for (size_t m = 1; m < ix.nmin; m++) {
		uint64_t n = capidx_lines_before(&ix, m);
		assert_true(n > prev);
		prev = n;
	}
	assert_int_equal(capidx_minute(&ix, t_start + 90000), 1);
	assert_true(ix.nhot > 0);
	assert_true(capidx_hot(&ix, ix.t0, 1) > ix.t0);
	assert_int_equal(capidx_hot(&ix, ix.t0, -1), TCOP_MS_NONE);
	/* A gzip capture indexes the same. */
	assert_int_equal(capidx_build(&iz, gzp, 1), TCOP_OK);
	assert_int_equal(iz.lines, ix.lines);
	assert_int_equal(iz.nmin, ix.nmin);
	assert_memory_equal(iz.min, ix.min, ix.nmin * sizeof *ix.min);
	capidx_free(&ix);
	capidx_free(&iz);
}

static void
a_missing_capture_is_named(void **state)
{
	const char *paths[] = { CAP, OUT "_none.cap" };
	deck *d;
	char why[256] = "";

	(void)state;
	assert_int_equal(deck_open(&d, paths, 2, &cfg, NULL, why, sizeof why),
	    TCOP_ESYS);
	assert_null(d);
	assert_non_null(strstr(why, "_none.cap"));
}

static void
seeking_gives_the_picture_of_a_straight_replay(void **state)
{
	const char *paths[] = { CAP };
	tcop_ms mid = t_start + 12 * 60000 + 345, late = t_start + 20 * 60000;
	char *want_mid = straight(mid), *want_late = straight(late);
	deck *d = open_deck(paths, 1);

	(void)state;
	/* Straight to the middle, forward from there, back (a rebuild). */
	assert_int_equal(deck_seek(d, mid), TCOP_OK);
	assert_same(d, want_mid);
	assert_int_equal(deck_seek(d, late), TCOP_OK);
	assert_same(d, want_late);
	assert_int_equal(deck_seek(d, mid), TCOP_OK);
	assert_same(d, want_mid);
	deck_close(d);
	free(want_mid);
	free(want_late);
}

static void
playing_at_any_speed_then_seeking_gives_the_same_picture(void **state)
{
	const char *paths[] = { CAP };
	tcop_ms t = t_start + 15 * 60000;
	char *want = straight(t);
	deck *d = open_deck(paths, 1);
	struct deck_status st;

	(void)state;
	deck_play(d, true);
	deck_set_speed(d, 1000);
	for (int i = 0; i < 7; i++)
		deck_tick(d, 37, 0);            /* 4 min 19 s of capture */
	deck_set_speed(d, 0.25);
	deck_tick(d, 1000, 0);
	for (int i = 0; i < 50; i++)
		assert_true(deck_step(d));
	deck_set_speed(d, 0);
	deck_tick(d, 1, 1000);                  /* max: 1000 lines */
	deck_status(d, &st);
	assert_true(st.pos < t);
	assert_int_equal(deck_seek(d, t), TCOP_OK);
	assert_same(d, want);
	deck_status(d, &st);
	assert_int_equal(st.pos, t);
	assert_true(st.applied > 0 && st.applied < st.lines);
	deck_close(d);
	free(want);
}

static void
merged_captures_give_the_picture_of_the_whole(void **state)
{
	const char *two[] = { CAPA, CAPB }, *gzp[] = { CAPGZ };
	tcop_ms t = t_start + 18 * 60000;
	char *want = straight(t);
	deck *d = open_deck(two, 2), *z = open_deck(gzp, 1);
	struct deck_status st;

	(void)state;
	assert_int_equal(deck_seek(d, t), TCOP_OK);
	assert_same(d, want);
	deck_status(d, &st);
	assert_int_equal(st.bad, 1);
	assert_int_equal(st.lines, nlines);
	assert_int_equal(deck_seek(z, t), TCOP_OK);
	assert_same(z, want);
	deck_close(d);
	deck_close(z);
	free(want);
}

static int resets;

static void
log_nothing(void *arg, const tcop_event *ev)
{
	(void)arg;
	(void)ev;
}

static void
count_reset(void *arg)
{
	(void)arg;
	resets++;
}

/* Seek to the end (checkpoints every `every` lines on the way), then back
 * to each time in ts, comparing with straight replays. */
static void
seek_back_through_checkpoints(const char *const *paths, int n,
    uint64_t every, const tcop_ms *ts, char **want, int nt)
{
	const struct deck_hooks h = { .on_reset = count_reset };
	struct deck_status st, prev;
	deck *d;
	char why[256];

	assert_int_equal(deck_open(&d, paths, n, &cfg, &h, why, sizeof why),
	    TCOP_OK);
	assert_int_equal(deck_checkpoints(d, every, 0, 0), TCOP_OK);
	assert_int_equal(deck_seek(d, t_start + MINUTES * 60000), TCOP_OK);
	deck_status(d, &prev);
	assert_true(prev.ckpts >= 4);
	assert_int_equal(prev.ckpt_every, every);
	for (int i = 0; i < nt; i++) {
		resets = 0;
		assert_int_equal(deck_seek(d, ts[i]), TCOP_OK);
		assert_same(d, want[i]);
		deck_status(d, &st);
		/* It started from a checkpoint, not from the first line, and
		 * applied fewer than `every` lines after it. */
		assert_int_equal(st.ckpt_used, prev.ckpt_used + 1);
		assert_int_equal(resets, 1);
		assert_true(st.applied >= every);
		prev = st;
	}
	deck_close(d);
}

static void
backward_seeks_start_from_a_checkpoint(void **state)
{
	const char *paths[] = { CAP }, *two[] = { CAPA, CAPB },
	    *gzp[] = { CAPGZ };
	tcop_ms ts[] = { t_start + 22 * 60000 + 17, t_start + 17 * 60000,
		t_start + 9 * 60000 + 999, t_start + 3 * 60000 + 1,
		t_start + 24 * 60000 };
	enum { NT = sizeof ts / sizeof ts[0] };
	char *want[NT];
	uint64_t every = nlines / 16;

	(void)state;
	for (int i = 0; i < NT; i++)
		want[i] = straight(ts[i]);
	/* The last one is a forward seek past checkpoints: a jump too. */
	seek_back_through_checkpoints(paths, 1, every, ts, want, NT);
	/* Two captures merged: each reader goes back to its own line. */
	seek_back_through_checkpoints(two, 2, every + 7, ts, want, NT);
	/* gzip: the reader decompresses up to the checkpoint's line. */
	seek_back_through_checkpoints(gzp, 1, every, ts, want, 3);
	for (int i = 0; i < NT; i++)
		free(want[i]);
}

static void
checkpoints_stay_under_the_cap_evenly_spread(void **state)
{
	const char *paths[] = { CAP };
	tcop_ms mid = t_start + 11 * 60000 + 500;
	char *want = straight(mid);
	deck *d = open_deck(paths, 1);
	struct deck_status st;

	(void)state;
	/* At most 4, from every 50 lines: the spacing doubles as they thin,
	 * and they still reach the end. */
	assert_int_equal(deck_checkpoints(d, 50, 4, 0), TCOP_OK);
	deck_play(d, true);
	deck_set_speed(d, 0);
	while (deck_tick(d, 10, 3000) > 0)
		;
	deck_status(d, &st);
	assert_true(st.ckpts >= 2 && st.ckpts <= 4);
	assert_true(st.ckpt_every > 50 && st.ckpt_every % 50 == 0);
	assert_true(st.ckpt_every * (st.ckpts + 1) > nlines);
	assert_true(st.ckpt_taken > st.ckpts);
	assert_int_equal(deck_seek(d, mid), TCOP_OK);
	assert_same(d, want);
	deck_status(d, &st);
	assert_int_equal(st.ckpt_used, 1);
	/* A byte cap no picture fits: none kept, seeks rebuild from the
	 * start, and still right. */
	assert_int_equal(deck_checkpoints(d, 50, 0, 1), TCOP_OK);
	assert_int_equal(deck_seek(d, t_start + MINUTES * 60000), TCOP_OK);
	assert_int_equal(deck_seek(d, mid), TCOP_OK);
	assert_same(d, want);
	deck_status(d, &st);
	assert_int_equal(st.ckpts, 0);
	assert_int_equal(st.ckpt_used, 1);
	assert_int_equal(st.ckpt_bytes, 0);
	deck_close(d);
	free(want);
}

static void
random_seeks_with_few_checkpoints_give_straight_pictures(void **state)
{
	const char *two[] = { CAPA, CAPB };
	const struct deck_hooks h = { .on_event = log_nothing };
	uint64_t x = 7;
	struct deck_status st;
	deck *d;
	char why[256];

	(void)state;
	assert_int_equal(deck_open(&d, two, 2, &cfg, &h, why, sizeof why),
	    TCOP_OK);
	/* Every 300 lines, at most 6: thinned while the seeks go on. */
	assert_int_equal(deck_checkpoints(d, 300, 6, 0), TCOP_OK);
	for (int i = 0; i < 8; i++) {
		tcop_ms t;
		char *want;

		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		t = t_start + (tcop_ms)((x >> 33) % (MINUTES * 60000));
		want = straight(t);
		assert_int_equal(deck_seek(d, t), TCOP_OK);
		assert_same(d, want);
		free(want);
	}
	deck_status(d, &st);
	assert_true(st.ckpt_used >= 2);
	assert_true(st.ckpts <= 6 && st.ckpt_every > 300);
	deck_close(d);
}

/* The events a deck delivered since its last reset (the latest 8192). */
struct evlog {
	size_t n;
	struct { tcop_ms t; char id[TCOP_ID_MAX]; } e[8192];
};

static void
log_event(void *arg, const tcop_event *ev)
{
	struct evlog *l = arg;

	l->e[l->n % 8192].t = ev->t;
	snprintf(l->e[l->n % 8192].id, sizeof l->e[0].id, "%s", ev->id);
	l->n++;
}

static void
log_reset(void *arg)
{
	((struct evlog *)arg)->n = 0;
}

static void
after_a_checkpoint_the_recent_events_are_those_of_a_rebuild(void **state)
{
	const char *paths[] = { CAP };
	static struct evlog la, lb;
	const struct deck_hooks ha = { .on_event = log_event,
		.on_reset = log_reset, .arg = &la };
	const struct deck_hooks hb = { .on_event = log_event,
		.on_reset = log_reset, .arg = &lb };
	tcop_ms t = t_start + 23 * 60000 + 5;
	struct deck_status st;
	deck *a, *b;
	char why[256], *want;
	size_t n;

	(void)state;
	assert_true(nlines > 7 * 1024);
	assert_int_equal(deck_open(&a, paths, 1, &cfg, &ha, why, sizeof why),
	    TCOP_OK);
	assert_int_equal(deck_open(&b, paths, 1, &cfg, &hb, why, sizeof why),
	    TCOP_OK);
	/* a: a checkpoint every 1024 lines (more than DECK_HISTORY after
	 * the start); b keeps none: its seek back replays from the start. */
	assert_int_equal(deck_checkpoints(a, 1024, 0, 0), TCOP_OK);
	assert_int_equal(deck_checkpoints(b, UINT64_C(1) << 40, 0, 0),
	    TCOP_OK);
	assert_int_equal(deck_seek(a, t_start + MINUTES * 60000), TCOP_OK);
	assert_int_equal(deck_seek(b, t_start + MINUTES * 60000), TCOP_OK);
	assert_int_equal(deck_seek(a, t), TCOP_OK);
	assert_int_equal(deck_seek(b, t), TCOP_OK);
	deck_status(a, &st);
	assert_int_equal(st.ckpt_used, 1);
	assert_true(st.ckpt_every % 512 == 0);
	want = straight(t);
	assert_same(a, want);
	assert_same(b, want);
	free(want);
	/* a: the DECK_HISTORY lines before its checkpoint and those after. */
	assert_true(la.n >= DECK_HISTORY && la.n < lb.n);
	n = la.n < 8192 ? la.n : 8192;
	for (size_t i = 1; i <= n; i++) {
		assert_int_equal(la.e[(la.n - i) % 8192].t,
		    lb.e[(lb.n - i) % 8192].t);
		assert_string_equal(la.e[(la.n - i) % 8192].id,
		    lb.e[(lb.n - i) % 8192].id);
	}
	deck_close(a);
	deck_close(b);
}

static void
next_and_previous_incident_move_the_deck(void **state)
{
	const char *paths[] = { CAP };
	deck *d = open_deck(paths, 1);
	struct deck_status a, b, c;

	(void)state;
	assert_false(deck_incident(d, -1));
	assert_true(deck_incident(d, 1));
	assert_true(pic_incident_count(deck_pic(d)) >= 1);
	deck_status(d, &a);
	assert_true(deck_incident(d, 1));
	deck_status(d, &b);
	assert_true(b.pos >= a.pos);
	assert_int_equal(b.incidents, 2);
	assert_true(deck_incident(d, 1));
	/* Back: to the second incident's time, in a rebuilt picture. */
	assert_true(deck_incident(d, -1));
	deck_status(d, &c);
	assert_true(c.pos == b.pos || b.pos == a.pos);
	assert_true(pic_incident_count(deck_pic(d)) >= 2);
	deck_close(d);
}

static void
the_deck_loops_and_pauses_at_the_end(void **state)
{
	const char *paths[] = { CAP };
	deck *d = open_deck(paths, 1);
	struct deck_status st;
	char bar[200];

	(void)state;
	deck_play(d, true);
	deck_set_speed(d, 0);
	while (deck_tick(d, 10, 5000) > 0)
		;
	deck_status(d, &st);
	assert_true(st.at_end);
	assert_false(st.playing);
	deck_bar(d, bar, sizeof bar, 100);
	assert_non_null(strstr(bar, "0:24:59/0:24:59 max pause end"));
	deck_loop(d, true);
	deck_play(d, true);
	deck_set_speed(d, 1);
	assert_int_equal(deck_speed_step(d, 1), 2);
	assert_int_equal(deck_speed_step(d, -1), 1);
	assert_true(deck_speed_step(d, -1) == 0.5);
	deck_tick(d, 10, 0);  /* at the end, looping: back to the start */
	deck_status(d, &st);
	assert_true(st.playing);
	assert_int_equal(st.pos, st.t0);
	deck_close(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_index_has_the_span_and_the_lines_per_minute),
		cmocka_unit_test(a_missing_capture_is_named),
		cmocka_unit_test(seeking_gives_the_picture_of_a_straight_replay),
		cmocka_unit_test(playing_at_any_speed_then_seeking_gives_the_same_picture),
		cmocka_unit_test(merged_captures_give_the_picture_of_the_whole),
		cmocka_unit_test(backward_seeks_start_from_a_checkpoint),
		cmocka_unit_test(checkpoints_stay_under_the_cap_evenly_spread),
		cmocka_unit_test(after_a_checkpoint_the_recent_events_are_those_of_a_rebuild),
		cmocka_unit_test(random_seeks_with_few_checkpoints_give_straight_pictures),
		cmocka_unit_test(next_and_previous_incident_move_the_deck),
		cmocka_unit_test(the_deck_loops_and_pauses_at_the_end),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
