/*
 * nextpass_test.c: the satellites list's next-pass cache (ui/nextpass.h)
 * against independent pass predictions: tests/data/space/
 * passes_yokosuka_20260319.csv, made with Debian's python3-sgp4 by
 * gen_passes.py, the same golden `tcop passes --min-el 10` is held to in
 * tests/e2e/space_passes.sh (AOS/LOS within 10 s, max elevation within
 * 0.1 deg). Then the cache: no search while the answer holds; a new one
 * when the pass is over, the site moves or the element set changes; the
 * budget leaves the rest pending. And the site of a zone: its centroid.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "orbit/tle.h"
#include "ui/nextpass.h"

#define T0 INT64_C(1773878400000) /* 2026-03-19T00:00:00Z */
#define LAT 35.2833               /* Yokosuka, as the golden */
#define LON 139.6667

static char *
slurp(const char *name, long *n)
{
	const char *dir = getenv("TCOP_DATA");
	char path[512];
	FILE *f;
	char *buf;

	snprintf(path, sizeof path, "%s/space/%s", dir ? dir : "tests/data",
	    name);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	*n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)*n + 1);
	assert_int_equal(fread(buf, 1, (size_t)*n, f), (size_t)*n);
	buf[*n] = '\0';
	fclose(f);
	return buf;
}

static sat_cat *
catalogue(void)
{
	long n, line;
	char *buf = slurp("celestrak_active_20260319_part_a.tle", &n);
	char why[TLE_WHY_MAX];
	struct tle_reader r;
	struct orb_elements el;
	sat_cat *c;

	assert_int_equal(sat_cat_create(&c), TCOP_OK);
	tle_reader_init(&r, buf, (size_t)n);
	while (tle_next(&r, &el, &line, why) == TCOP_OK)
		assert_int_equal(sat_cat_put(c, &el, NULL), TCOP_OK);
	free(buf);
	sat_cat_update(c, T0);
	return c;
}

struct golden {
	uint32_t norad;
	double aos, tca, max_el, los; /* s after T0 */
};

static int
golden(struct golden *g, int max)
{
	long n;
	char *buf = slurp("passes_yokosuka_20260319.csv", &n), *l, *save;
	int k = 0;

	for (l = strtok_r(buf, "\n", &save); l != NULL && k < max;
	    l = strtok_r(NULL, "\n", &save))
		if (sscanf(l, "%u,%lf,%lf,%lf,%lf", &g[k].norad, &g[k].aos,
		    &g[k].tca, &g[k].max_el, &g[k].los) == 5)
			k++;
	free(buf);
	return k;
}

static void
near(const struct orb_pass *p, const struct golden *g)
{
	double aos = (double)(p->aos - T0) / 1000, los = (double)(p->los -
	    T0) / 1000;

	if (fabs(aos - g->aos) > 10 || fabs(los - g->los) > 10 ||
	    fabs(p->max_el - g->max_el) > 0.1)
		fail_msg("norad %u: pass %.1f..%.1f max %.4f, want %.1f..%.1f "
		    "max %.4f", g->norad, aos, los, p->max_el, g->aos, g->los,
		    g->max_el);
}

/* Every pass of the golden, each found as "the next" from the LOS of
 * the one before (from T0 for the first of each satellite). */
static void
every_next_pass_is_the_independent_one(void **state)
{
	sat_cat *c = catalogue();
	struct np_cache *np = np_create(12);
	struct golden g[64];
	int n = golden(g, 64), budget = 1000;
	struct orb_pass p;

	(void)state;
	assert_true(n >= 10);
	for (int i = 0; i < n; i++) {
		const struct sat_obj *o = sat_cat_find(c, g[i].norad);
		tcop_ms now = i > 0 && g[i - 1].norad == g[i].norad ?
		    T0 + (tcop_ms)(g[i - 1].los * 1000) + 1000 : T0;

		assert_non_null(o);
		assert_int_equal(np_next(np, o, LAT, LON, now, &budget, &p),
		    NP_FOUND);
		near(&p, &g[i]);
	}
	np_destroy(np);
	sat_cat_destroy(c);
}

static void
the_answer_is_cached_until_it_no_longer_holds(void **state)
{
	sat_cat *c = catalogue();
	struct np_cache *np = np_create(8);
	const struct sat_obj *iss = sat_cat_find(c, 25544);
	struct golden g[64];
	struct orb_pass p, q;
	int budget = 100;
	unsigned long s;

	(void)state;
	golden(g, 64); /* g[0], g[1]: the ISS's first two passes */
	assert_int_equal(g[0].norad, 25544);
	assert_int_equal(np_next(np, iss, LAT, LON, T0, &budget, &p), NP_FOUND);
	s = np_searches(np);
	/* a frame later, during the pass, a few metres away: the same */
	assert_int_equal(np_next(np, iss, LAT + 0.001, LON, T0 + 250000,
	    &budget, &q), NP_FOUND);
	assert_int_equal(np_next(np, iss, LAT, LON, p.aos + 60000, &budget,
	    &q), NP_FOUND);
	assert_true(q.aos == p.aos && q.aos < p.aos + 60000); /* "up" */
	assert_int_equal(np_searches(np), s);
	/* the pass is over: the next one */
	assert_int_equal(np_next(np, iss, LAT, LON, p.los + 1000, &budget, &q),
	    NP_FOUND);
	assert_int_equal(np_searches(np), s + 1);
	near(&q, &g[1]);
	/* another site: searched again */
	assert_int_equal(np_next(np, iss, LAT + 1, LON, p.los + 1000, &budget,
	    &q), NP_FOUND);
	assert_int_equal(np_searches(np), s + 2);
	/* no budget left: pending, and nothing searched */
	budget = 0;
	assert_int_equal(np_next(np, iss, LAT, LON + 2, p.los + 1000, &budget,
	    &q), NP_PENDING);
	assert_int_equal(np_searches(np), s + 2);
	np_destroy(np);
	sat_cat_destroy(c);
}

static void
the_site_of_a_zone_is_its_centroid(void **state)
{
	static const double box[4][2] = { { 139.0, 34.5 }, { 140.0, 34.5 },
		{ 140.0, 35.5 }, { 139.0, 35.5 } };
	static const double across[4][2] = { { 179.0, 10.0 }, { -179.0, 10.0 },
		{ -179.0, 12.0 }, { 179.0, 12.0 } };
	struct pic_entity e;
	double lat, lon;

	(void)state;
	memset(&e, 0, sizeof e);
	e.narea = 4;
	e.area = box;
	e.has_pos = true; /* a polygon's ring wins over its position */
	e.lat = 0;
	e.lon = 0;
	assert_true(np_site(&e, &lat, &lon));
	assert_true(fabs(lat - 35.0) < 1e-12 && fabs(lon - 139.5) < 1e-12);
	e.area = across; /* across the antimeridian: 180, not 0 */
	assert_true(np_site(&e, &lat, &lon));
	assert_true(fabs(lat - 11.0) < 1e-12 && fabs(fabs(lon) - 180.0) < 1e-9);
	e.narea = 0; /* a circle, a track: its position */
	e.lat = 33.5;
	e.lon = 136.5;
	assert_true(np_site(&e, &lat, &lon));
	assert_true(lat == 33.5 && lon == 136.5);
	e.has_pos = false;
	assert_false(np_site(&e, &lat, &lon));
	e.has_pos = true;
	e.lat = NAN;
	assert_false(np_site(&e, &lat, &lon));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_next_pass_is_the_independent_one),
		cmocka_unit_test(the_answer_is_cached_until_it_no_longer_holds),
		cmocka_unit_test(the_site_of_a_zone_is_its_centroid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
