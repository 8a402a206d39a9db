/*
 * sat_test.c: the picture's satellite catalogue (src/pic/sat.c) on the
 * real CelesTrak catalogue: every object loads and is positioned; the
 * batch path agrees with the scalar SGP4 path for every object to a
 * millimetre; ISS-class objects' sub-satellite points move at the right
 * ground speed; the newest element set wins and an older one is ignored;
 * the visibility cull returns exactly the objects within the radius.
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

#include "testdata.h"

#include "orbit/tle.h"
#include "pic/sat.h"

#define T0 INT64_C(1773921600000) /* 2026-03-19T12:00:00Z */

static sat_cat *
load_catalogue(void)
{
	char *buf, why[TLE_WHY_MAX];
	size_t n;
	long line;
	struct tle_reader r;
	struct orb_elements el;
	sat_cat *c;

	buf = td_slurp("space/celestrak_active_20260319_part_a.tle", &n);
	assert_int_equal(sat_cat_create(&c), TCOP_OK);
	tle_reader_init(&r, buf, n);
	while (tle_next(&r, &el, &line, why) == TCOP_OK)
		assert_int_equal(sat_cat_put(c, &el, NULL), TCOP_OK);
	free(buf);
	return c;
}

static double
ground_km(double lat1, double lon1, double lat2, double lon2)
{
	double d = 3.14159265358979323846 / 180.0;
	double a = sin((lat2 - lat1) * d / 2), b = sin((lon2 - lon1) * d / 2);
	double h = a * a + cos(lat1 * d) * cos(lat2 * d) * b * b;
	return 2 * 6371.0 * asin(sqrt(h));
}

static void
the_whole_catalogue_is_positioned_as_the_scalar_path_says(void **state)
{
	sat_cat *c = load_catalogue();
	size_t n = sat_cat_count(c), good;
	double worst = 0;

	assert_int_equal(n, 9777);
	good = sat_cat_update(c, T0);
	printf("catalogue: %zu objects, %zu positioned\n", n, good);
	assert_true(good > n - 20);
	for (size_t i = 0; i < n; i++) {
		const struct sat_obj *o = sat_cat_at(c, i);
		elsetrec s;
		double r[3], v[3], e[3], jd, fr, d;
		int err;

		orb_init(&o->el, &s);
		err = orb_teme_at(&s, T0, r, v);
		assert_int_equal(err, o->err);
		if (err != 0)
			continue;
		orb_jd_of_ms(T0, &jd, &fr);
		orb_teme_to_ecef(jd, fr, r, NULL, e, NULL);
		d = sqrt((e[0] - o->ecef[0]) * (e[0] - o->ecef[0]) +
		    (e[1] - o->ecef[1]) * (e[1] - o->ecef[1]) +
		    (e[2] - o->ecef[2]) * (e[2] - o->ecef[2]));
		worst = d > worst ? d : worst;
	}
	printf("batch vs scalar: worst %.3g km\n", worst);
	assert_true(worst < 1e-6);
	sat_cat_destroy(c);
}

static void
iss_class_subpoints_move_at_the_right_speed(void **state)
{
	sat_cat *c = load_catalogue();
	size_t n = sat_cat_count(c), checked = 0;
	double *lat0 = calloc(n, sizeof(double)), *lon0 = calloc(n, sizeof(double));

	sat_cat_update(c, T0);
	for (size_t i = 0; i < n; i++) {
		double alt;
		sat_cat_geodetic(c, i, &lat0[i], &lon0[i], &alt);
	}
	sat_cat_update(c, T0 + 10000);
	for (size_t i = 0; i < n; i++) {
		const struct sat_obj *o = sat_cat_at(c, i);
		double lat, lon, alt, v;

		/* ISS-class: the stations' orbit, 51.6 deg, ~15.5 rev/day */
		if (fabs(o->el.inclination - 51.6) > 0.2 ||
		    fabs(o->el.mean_motion - 15.5) > 0.15 ||
		    !sat_cat_geodetic(c, i, &lat, &lon, &alt))
			continue;
		v = ground_km(lat0[i], lon0[i], lat, lon) / 10.0;
		/* 7.66 km/s at ~420 km is 7.2 km/s on the ground, less or more
		 * the earth's rotation along the track (up to 0.29 km/s) */
		if (v < 6.8 || v > 7.5 || alt < 350 || alt > 480)
			fprintf(stderr, "%u %s: %.3f km/s at %.0f km\n",
			    o->el.norad, o->el.name, v, alt);
		assert_true(v > 6.8 && v < 7.5);
		assert_true(alt > 350 && alt < 480);
		checked++;
	}
	printf("ISS-class objects checked: %zu\n", checked);
	assert_true(checked >= 5);
	assert_non_null(sat_cat_find(c, 25544));
	free(lat0);
	free(lon0);
	sat_cat_destroy(c);
}

static void
the_newest_element_set_wins(void **state)
{
	sat_cat *c;
	struct orb_elements a, b;
	char why[TLE_WHY_MAX];
	enum sat_put w;
	const char *l1 = "1 25544U 98067A   26078.12958500  .00009105  00000+0  17698-3 0  9991";
	const char *l2 = "2 25544  51.6344  25.6919 0006229 207.4819 152.5840 15.48370465557798";

	assert_int_equal(tle_parse("ISS", l1, l2, true, &a, why), TCOP_OK);
	b = a;
	b.jdsatepochF += 0.5;   /* half a day newer ... */
	b.mean_anomaly = 10.0;  /* ... and somewhere else: a "maneuver" */
	assert_int_equal(sat_cat_create(&c), TCOP_OK);
	assert_int_equal(sat_cat_put(c, &a, &w), TCOP_OK);
	assert_int_equal(w, SAT_ADDED);
	assert_int_equal(sat_cat_put(c, &b, &w), TCOP_OK);
	assert_int_equal(w, SAT_REPLACED);
	assert_true(sat_cat_find(c, 25544)->el.mean_anomaly == 10.0);
	assert_true(sat_cat_find(c, 25544)->jump_km > 100.0);
	assert_int_equal(sat_cat_put(c, &a, &w), TCOP_OK);
	assert_int_equal(w, SAT_OLDER);
	assert_true(sat_cat_find(c, 25544)->el.mean_anomaly == 10.0);
	assert_int_equal(sat_cat_count(c), 1);
	assert_null(sat_cat_find(c, 1));
	assert_true(fabs(sat_age_days(sat_cat_at(c, 0),
	    b.epoch_ms + 86400000) - 0.5) < 0.51);
	sat_cat_destroy(c);
}

static void
the_visibility_cull_is_exact(void **state)
{
	sat_cat *c = load_catalogue();
	size_t n = sat_cat_count(c), *idx = malloc(n * sizeof(size_t)), k, want = 0;
	const double clat = 30.0, clon = 135.0, rad = 20.0;

	sat_cat_update(c, T0);
	k = sat_cat_visible(c, clat, clon, rad, idx, n);
	for (size_t i = 0; i < n; i++) {
		double lat, lon, alt;
		if (!sat_cat_geodetic(c, i, &lat, &lon, &alt))
			continue;
		if (ground_km(clat, clon, lat, lon) / 6371.0 * 180.0 /
		    3.14159265358979323846 <= rad) {
			bool found = false;
			for (size_t j = 0; j < k && !found; j++)
				found = idx[j] == i;
			assert_true(found); /* nothing inside is missed */
			want++;
		}
	}
	printf("cull: %zu of %zu inside, %zu returned\n", want, n, k);
	assert_true(k >= want && k < want + want / 5 + 10);
	free(idx);
	sat_cat_destroy(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_whole_catalogue_is_positioned_as_the_scalar_path_says),
		cmocka_unit_test(iss_class_subpoints_move_at_the_right_speed),
		cmocka_unit_test(the_newest_element_set_wins),
		cmocka_unit_test(the_visibility_cull_is_exact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
