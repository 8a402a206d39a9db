/*
 * pic_clone_test.c: pic_clone() (src/pic/clone.c). The input is the
 * embedded demo scenario (seed 7: ships, satellites, alerts and every
 * incident rule), 35 minutes of it written to tests/out as a capture and
 * read back through the capture reader, as `tcop demo --seed 7 --record`
 * and the replay deck do. Copies are taken at several lines; the original
 * and every copy are then fed the same lines and pic_advance() calls, and
 * must give the same GeoJSON (snap_geojson_write), incidents in rank
 * order, counters, revisions and recent events. Run under ASan by
 * `make check`, which also proves that a copy shares no memory with its
 * original: the original is destroyed first and the copy used after.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli/snap.h"
#include "demo/scenario.h"
#include "feed/capture.h"
#include "pic/pic.h"

#define CAP "tests/out/pic_clone_test.cap"
#define MINUTES 35
#define ADVANCE_EVERY 500 /* lines between pic_advance() calls */

struct line {
	tcop_ms rx;
	char *msg;
	size_t len;
};

static struct line *lines;
static size_t nlines;

static const struct pic_cfg cfg = { .maps_dir = "maps",
	.assets_path = "maps/assets.json" };

static int
write_capture(void)
{
	struct demo_world w;
	struct demo_opts o = { .seed = 7, .ships = 120 };
	struct demo_msg m;
	char why[256], rx[40];
	demo *d;
	FILE *f;
	tcop_ms end;

	if (demo_world_load(&w, "maps", why, sizeof why) != TCOP_OK)
		return -1;
	tcop_time_parse(DEMO_START_DEFAULT, strlen(DEMO_START_DEFAULT),
	    &o.start);
	if (demo_create(&d, &w, &o) != TCOP_OK ||
	    (f = fopen(CAP, "w")) == NULL)
		return -1;
	end = o.start + MINUTES * 60000;
	for (demo_next(d, &m); m.t < end; demo_next(d, &m)) {
		tcop_time_format_ms(m.t, rx, sizeof rx);
		fprintf(f, "%s %s\n", rx, m.msg);
	}
	fclose(f);
	demo_destroy(d);
	demo_world_fini(&w);
	return 0;
}

/* The capture's lines, read back through the capture reader. */
static int
setup(void **state)
{
	capture_reader *r;
	struct capture_line l;
	size_t cap = 0;
	tcop_err e;

	(void)state;
	if (write_capture() != 0 || capture_open(&r, CAP) != TCOP_OK)
		return -1;
	while ((e = capture_next(r, &l)) != TCOP_EOF) {
		if (e != TCOP_OK)
			return -1;
		if (nlines == cap) {
			cap = cap ? cap * 2 : 4096;
			if ((lines = realloc(lines, cap * sizeof *lines)) ==
			    NULL)
				return -1;
		}
		lines[nlines].rx = l.rx;
		lines[nlines].len = l.msg_len;
		if ((lines[nlines].msg = malloc(l.msg_len)) == NULL)
			return -1;
		memcpy(lines[nlines].msg, l.msg, l.msg_len);
		nlines++;
	}
	capture_close(r);
	return nlines > 1000 ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < nlines; i++)
		free(lines[i].msg);
	free(lines);
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

/* Field by field: the bytes after a string's NUL are not part of it. */
static void
assert_same_incident(const struct pic_incident *x,
    const struct pic_incident *y)
{
	assert_string_equal(x->id, y->id);
	assert_string_equal(x->rule, y->rule);
	assert_int_equal(x->severity, y->severity);
	assert_int_equal(x->state, y->state);
	assert_int_equal(x->domains, y->domains);
	assert_int_equal(x->first, y->first);
	assert_int_equal(x->last, y->last);
	assert_int_equal(x->closed_at, y->closed_at);
	assert_string_equal(x->why, y->why);
	assert_string_equal(x->ack_by, y->ack_by);
	assert_int_equal(x->nmembers, y->nmembers);
	assert_int_equal(x->members_total, y->members_total);
	for (int i = 0; i < x->nmembers; i++)
		assert_string_equal(x->members[i], y->members[i]);
	assert_int_equal(x->cls, y->cls);
	assert_int_equal(x->nrel, y->nrel);
	for (int i = 0; i < x->nrel; i++)
		assert_string_equal(x->rel[i], y->rel[i]);
}

/* Everything a reader sees of a and b is the same. */
static void
assert_same(const pic *a, const pic *b)
{
	char *ga = geojson(a), *gb = geojson(b), why[256];
	const struct pic_stats *sa = pic_stats(a), *sb = pic_stats(b);
	struct pic_recent ra, rb;

	assert_string_equal(ga, gb);
	free(ga);
	free(gb);
	assert_int_equal(pic_time(a), pic_time(b));
	assert_int_equal(sa->applied, sb->applied);
	assert_int_equal(sa->rejected, sb->rejected);
	assert_int_equal(sa->associated, sb->associated);
	assert_int_equal(sa->dark, sb->dark);
	assert_int_equal(sa->incidents_opened, sb->incidents_opened);
	assert_memory_equal(sa->by_kind, sb->by_kind, sizeof sa->by_kind);
	for (int k = 0; k < PIC_NKINDS; k++) {
		assert_int_equal(pic_rev(a, k), pic_rev(b, k));
		assert_int_equal(pic_count(a, k), pic_count(b, k));
	}
	assert_int_equal(pic_incident_count(a), pic_incident_count(b));
	for (size_t i = 0; i < pic_incident_count(a); i++)
		assert_same_incident(pic_incident_at(a, i), pic_incident_at(b, i));
	for (size_t i = 0; pic_recent(a, i, &ra); i++) {
		assert_true(pic_recent(b, i, &rb));
		assert_int_equal(ra.t, rb.t);
		assert_int_equal(ra.kind, rb.kind);
		assert_string_equal(ra.id, rb.id);
		assert_string_equal(ra.text, rb.text);
	}
	assert_true(pic_check(a, why, sizeof why));
	assert_true(pic_check(b, why, sizeof why));
}

/* Feed line i to the n pictures (NULLs skipped), advancing them all
 * every ADVANCE_EVERY lines to the line's RX_TIME. */
static void
feed(pic **ps, int n, size_t i)
{
	for (int k = 0; k < n; k++) {
		if (ps[k] == NULL)
			continue;
		pic_apply_msg(ps[k], lines[i].msg, lines[i].len);
		if (i % ADVANCE_EVERY == ADVANCE_EVERY - 1)
			pic_advance(ps[k], lines[i].rx);
	}
}

/* How many different rules raised an incident. */
static int
rules_fired(const pic *p)
{
	char seen[16][24];
	int n = 0;

	for (size_t i = 0; i < pic_incident_count(p); i++) {
		const char *r = pic_incident_at(p, i)->rule;
		int k = 0;

		while (k < n && strcmp(seen[k], r) != 0)
			k++;
		if (k == n && n < 16)
			snprintf(seen[n++], sizeof seen[0], "%s", r);
	}
	return n;
}

static void
copies_fed_the_same_lines_stay_identical(void **state)
{
	enum { NCOPY = 5 };
	pic *ps[1 + NCOPY] = { 0 };
	char why[256];
	int taken = 0;

	(void)state;
	assert_int_equal(pic_create(&ps[0], &cfg, why, sizeof why), TCOP_OK);
	/* A copy of the empty picture, then at 1/5 ... 4/5 of the lines. */
	assert_int_equal(pic_clone(&ps[++taken], ps[0]), TCOP_OK);
	for (size_t i = 0; i < nlines; i++) {
		feed(ps, 1 + taken, i);
		if (taken < NCOPY && i == nlines * (size_t)taken / NCOPY) {
			assert_int_equal(pic_clone(&ps[++taken], ps[0]),
			    TCOP_OK);
			assert_same(ps[0], ps[taken]);
		}
	}
	assert_int_equal(taken, NCOPY);
	for (int k = 0; k <= taken; k++)
		pic_advance(ps[k], lines[nlines - 1].rx + 3600000);
	/* The scenario raised incidents of every rule: the copies had
	 * something to get wrong in each rule's state. */
	assert_int_equal(rules_fired(ps[0]), 10);
	assert_true(pic_count(ps[0], PIC_TRACK) > 50);
	assert_true(pic_count(ps[0], PIC_SAT) > 50);
	assert_true(pic_count(ps[0], PIC_ALERT) > 0);
	for (int k = 1; k <= taken; k++)
		assert_same(ps[0], ps[k]);
	for (int k = 0; k <= taken; k++)
		pic_destroy(ps[k]);
}

static void
a_copy_outlives_its_original(void **state)
{
	pic *p, *c, *c2, *straight;
	char why[256];
	size_t half = nlines / 2;

	(void)state;
	assert_int_equal(pic_create(&p, &cfg, why, sizeof why), TCOP_OK);
	assert_int_equal(pic_create(&straight, &cfg, why, sizeof why),
	    TCOP_OK);
	for (size_t i = 0; i < half; i++) {
		feed(&p, 1, i);
		feed(&straight, 1, i);
	}
	assert_int_equal(pic_clone(&c, p), TCOP_OK);
	/* The original's tables are freed (ASan poisons them), and its
	 * asset inventory must live on in the copy. */
	pic_destroy(p);
	assert_int_equal(pic_clone(&c2, c), TCOP_OK);
	for (size_t i = half; i < nlines; i++) {
		pic *two[2] = { c, straight };
		feed(two, 2, i);
	}
	assert_same(c, straight);
	pic_destroy(c);
	/* A copy of the copy, fed the rest after both are gone. */
	for (size_t i = half; i < nlines; i++)
		feed(&c2, 1, i);
	assert_same(c2, straight);
	assert_non_null(pic_assets(c2));
	pic_destroy(straight);
	pic_destroy(c2);
}

static void
a_copy_keeps_the_rules_file(void **state)
{
	const struct pic_cfg rc = { .maps_dir = "maps",
		.assets_path = "maps/assets.json",
		.rules_path = "tests/data/pic/rules.json" };
	pic *p, *c, *straight;
	char why[256];
	size_t third = nlines / 3;

	(void)state;
	assert_int_equal(pic_create(&p, &rc, why, sizeof why), TCOP_OK);
	assert_int_equal(pic_create(&straight, &rc, why, sizeof why), TCOP_OK);
	for (size_t i = 0; i < third; i++) {
		pic *two[2] = { p, straight };
		feed(two, 2, i);
	}
	assert_int_equal(pic_clone(&c, p), TCOP_OK);
	pic_destroy(p);
	for (size_t i = third; i < nlines; i++) {
		pic *two[2] = { c, straight };
		feed(two, 2, i);
	}
	assert_same(c, straight);
	assert_true(pic_count(c, PIC_ZONE) >= 2);
	pic_destroy(c);
	pic_destroy(straight);
}

static void
a_copy_costs_about_pic_bytes(void **state)
{
	pic *p, *c;
	char why[256];
	size_t b0, b1;

	(void)state;
	assert_int_equal(pic_create(&p, &cfg, why, sizeof why), TCOP_OK);
	b0 = pic_bytes(p);
	for (size_t i = 0; i < nlines; i++)
		feed(&p, 1, i);
	b1 = pic_bytes(p);
	assert_true(b1 > b0);
	assert_int_equal(pic_clone(&c, p), TCOP_OK);
	/* The copy holds the same data, at most as much capacity. */
	assert_true(pic_bytes(c) <= b1);
	assert_true(pic_bytes(c) * 2 > b1);
	pic_destroy(p);
	pic_destroy(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(copies_fed_the_same_lines_stay_identical),
		cmocka_unit_test(a_copy_outlives_its_original),
		cmocka_unit_test(a_copy_keeps_the_rules_file),
		cmocka_unit_test(a_copy_costs_about_pic_bytes),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
