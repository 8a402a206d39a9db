/*
 * demo_test.c: the demo scenario's parts: its PRNG (pinned to the
 * published xoshiro256** with splitmix64 seeding: the values below come
 * from a separate implementation of the reference algorithm), lane
 * interpolation and the geometry under it, the lanes file parser's
 * rejections, and the generator itself on the shipped maps/ data: same
 * seed same bytes, another seed other bytes, every message a valid tcop/1
 * message, in time order, with seq +1 per src.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "demo/lanes.h"
#include "demo/rng.h"
#include "demo/scenario.h"
#include "tcop/event.h"

static void
rng_matches_the_reference_sequence_for_seed_7(void **state)
{
	static const uint64_t want[] = {
		0xb358faf74ef9765aULL, 0x475c3d964f482cd2ULL,
		0xd6f1d349952c7996ULL, 0xfb2938731e807240ULL,
		0xfda904ec7e540318ULL,
	};
	struct demo_rng r;

	(void)state;
	demo_rng_seed(&r, 7);
	for (int i = 0; i < 5; i++)
		assert_true(demo_rng_next(&r) == want[i]);
}

static void
rng_bounded_draws_stay_in_range_and_spread_evenly(void **state)
{
	struct demo_rng r;
	int bucket[10] = { 0 };
	double chi = 0;

	(void)state;
	demo_rng_seed(&r, 1);
	for (int i = 0; i < 100000; i++) {
		uint64_t x = demo_rng_below(&r, 10);
		double u = demo_rng_unit(&r), v = demo_rng_range(&r, -3, 5);
		assert_true(x < 10);
		assert_true(u >= 0 && u < 1);
		assert_true(v >= -3 && v < 5);
		bucket[x]++;
	}
	for (int i = 0; i < 10; i++)
		chi += (bucket[i] - 10000.0) * (bucket[i] - 10000.0) / 10000.0;
	assert_true(chi < 27.9); /* chi-square, 9 dof, p = 0.001 */
	assert_true(demo_rng_below(&r, 0) == 0);
	assert_true(demo_rng_below(&r, 1) == 0);
}

static const char two_legs[] =
    "{\"lanes\":[{\"name\":\"l\",\"from\":\"A\",\"to\":\"B\",\"weight\":2,"
    "\"points\":[[0,0],[1,0],[1,1]]}],"
    "\"zones\":[{\"id\":\"zone:z\",\"name\":\"Z\","
    "\"area\":[[0.2,-0.5],[0.8,-0.5],[0.8,0.5],[0.2,0.5]]}]}";

static void
lane_interpolates_along_each_leg_and_clamps_at_the_ends(void **state)
{
	struct lanes ls;
	char why[128];
	double lat, lon, c, deg = 3440.065 * M_PI / 180;

	(void)state;
	assert_int_equal(lanes_parse(&ls, two_legs, strlen(two_legs), why,
	    sizeof why), TCOP_OK);
	assert_int_equal(ls.nlanes, 1);
	assert_int_equal(ls.lane[0].weight, 2);
	assert_true(fabs(ls.lane[0].len_nm - 2 * deg) < 0.01);
	lanes_at(&ls.lane[0], deg / 2, &lat, &lon, &c);
	assert_true(fabs(lat) < 1e-9 && fabs(lon - 0.5) < 1e-6);
	assert_true(fabs(c - 90) < 1e-6);
	lanes_at(&ls.lane[0], 1.5 * deg, &lat, &lon, &c);
	assert_true(fabs(lat - 0.5) < 1e-3 && fabs(lon - 1) < 1e-9);
	assert_true(fabs(c) < 1e-6 || fabs(c - 360) < 1e-6);
	lanes_at(&ls.lane[0], -5, &lat, &lon, NULL);
	assert_true(lat == 0 && lon == 0);
	lanes_at(&ls.lane[0], 1e6, &lat, &lon, NULL);
	assert_true(lat == 1 && lon == 1);
	assert_true(lanes_zone_contains(&ls.zone[0], 0, 0.5));
	assert_false(lanes_zone_contains(&ls.zone[0], 0, 0.9));
	assert_false(lanes_zone_contains(&ls.zone[0], 0.6, 0.5));
}

static void
geometry_offsets_and_measures_consistently(void **state)
{
	double lat, lon;

	(void)state;
	/* Tokyo to Osaka, about 217 NM on a sphere. */
	assert_true(fabs(lanes_dist_nm(35.68, 139.77, 34.69, 135.50) - 217) < 3);
	lanes_offset(30, 125, 45, 20, &lat, &lon);
	assert_true(fabs(lanes_dist_nm(30, 125, lat, lon) - 20) < 1e-6);
	assert_true(fabs(lanes_bearing(30, 125, lat, lon) - 45) < 0.01);
	lanes_offset(0, 179.9, 90, 60, &lat, &lon);
	assert_true(lon < -179 && lon > -180); /* across the antimeridian */
}

static void
lanes_parser_rejects_bad_files_with_a_reason(void **state)
{
	static const char *bad[] = {
		"not json",
		"{\"lanes\":[]}",
		"{\"lanes\":[{\"name\":\"x\",\"from\":\"A\",\"to\":\"B\","
		    "\"points\":[[0,0]]}]}",
		"{\"lanes\":[{\"from\":\"A\",\"to\":\"B\","
		    "\"points\":[[0,0],[1,1]]}]}",
		"{\"lanes\":[{\"name\":\"x\",\"from\":\"A\",\"to\":\"B\","
		    "\"points\":[[0,0],[1,91]]}]}",
		"{\"lanes\":[{\"name\":\"x\",\"from\":\"A\",\"to\":\"B\","
		    "\"weight\":0,\"points\":[[0,0],[1,1]]}]}",
		"{\"lanes\":[{\"name\":\"x\",\"from\":\"A\",\"to\":\"B\","
		    "\"points\":[[0,0],[1,1]]}],\"zones\":[{\"id\":\"z\","
		    "\"name\":\"Z\",\"area\":[[0,0],[1,1]]}]}",
	};
	struct lanes ls;
	char why[128];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why[0] = '\0';
		assert_int_not_equal(lanes_parse(&ls, bad[i], strlen(bad[i]), why,
		    sizeof why), TCOP_OK);
		assert_true(strlen(why) > 3);
	}
}

static void
the_shipped_lanes_file_loads(void **state)
{
	struct lanes ls;
	char why[128];

	(void)state;
	assert_int_equal(lanes_load(&ls, "maps/lanes.json", why, sizeof why),
	    TCOP_OK);
	assert_true(ls.nlanes >= 10);
	assert_true(ls.nzones >= 5);
}

/* FNV-1a over n messages of a scenario; checks each message on the way. */
static uint64_t
run(const struct demo_world *w, uint64_t seed, int n)
{
	struct demo_opts o = { .seed = seed };
	struct demo_msg m;
	demo *d;
	uint64_t h = 1469598103934665603ULL;
	tcop_ms last = 0;
	static char src[16][TCOP_ID_MAX];
	static int64_t seq[16];
	int nsrc = 0;

	assert_int_equal(tcop_time_parse(DEMO_START_DEFAULT,
	    strlen(DEMO_START_DEFAULT), &o.start), TCOP_OK);
	assert_int_equal(demo_create(&d, w, &o), TCOP_OK);
	for (int i = 0; i < n; i++) {
		tcop_event ev;
		int k;

		demo_next(d, &m);
		assert_int_equal(strlen(m.msg), m.len);
		assert_int_equal(tcop_event_decode(m.msg, m.len, &ev), TCOP_OK);
		assert_true(m.t >= last);
		last = m.t;
		for (k = 0; k < nsrc && strcmp(src[k], ev.src) != 0; k++)
			;
		if (k == nsrc) {
			assert_true(nsrc < 16);
			snprintf(src[nsrc++], sizeof src[0], "%s", ev.src);
			seq[k] = 0;
		}
		assert_int_equal(ev.seq, seq[k] + 1);
		seq[k] = ev.seq;
		for (size_t j = 0; j < m.len; j++)
			h = (h ^ (uint8_t)m.msg[j]) * 1099511628211ULL;
	}
	demo_destroy(d);
	return h;
}

static void
the_scenario_is_the_same_bytes_for_a_seed(void **state)
{
	struct demo_world w;
	char why[256];
	uint64_t a, b, c;

	(void)state;
	assert_int_equal(demo_world_load(&w, "maps", why, sizeof why), TCOP_OK);
	assert_true(w.nsats > 100);
	a = run(&w, 7, 15000);
	b = run(&w, 7, 15000);
	c = run(&w, 8, 15000);
	assert_true(a == b);
	assert_true(a != c);
	demo_world_fini(&w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rng_matches_the_reference_sequence_for_seed_7),
		cmocka_unit_test(rng_bounded_draws_stay_in_range_and_spread_evenly),
		cmocka_unit_test(lane_interpolates_along_each_leg_and_clamps_at_the_ends),
		cmocka_unit_test(geometry_offsets_and_measures_consistently),
		cmocka_unit_test(lanes_parser_rejects_bad_files_with_a_reason),
		cmocka_unit_test(the_shipped_lanes_file_loads),
		cmocka_unit_test(the_scenario_is_the_same_bytes_for_a_seed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
