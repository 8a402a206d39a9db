/*
 * orbit_test.c: the glue between SGP4 and the earth (src/orbit/orbit.c):
 * GMST against Vallado's worked example 3-5, geodetic <-> earth-fixed
 * round trips on the WGS-84 ellipsoid, look angles of points straight up
 * and on the horizon, and epochs written and read to the microsecond.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "orbit/elements.h"

static void
gmst_matches_vallados_example_3_5(void **state)
{
	/* 1992-08-20 12:14 UT1: GMST 152.578787810 deg (Vallado 2013, 3-5) */
	double jd, fr, g;

	jday(1992, 8, 20, 12, 14, 0.0, &jd, &fr);
	g = gstime(jd + fr) * 180.0 / 3.14159265358979323846;
	assert_true(fabs(g - 152.578787810) < 1e-6);
}

static void
geodetic_round_trips_on_wgs84(void **state)
{
	const double lats[] = { -89.9, -60, -35.5, 0, 0.001, 35.28, 51.6, 89.99 };
	const double alts[] = { -0.4, 0, 0.01, 420, 20200, 35786 };

	for (size_t i = 0; i < sizeof(lats) / sizeof(lats[0]); i++) {
		for (size_t k = 0; k < sizeof(alts) / sizeof(alts[0]); k++) {
			double r[3], lat, lon, alt, lon0 = -179.5 + 37.3 * (double)i;

			orb_geodetic_to_ecef(lats[i], lon0, alts[k], r);
			orb_ecef_to_geodetic(r, &lat, &lon, &alt);
			assert_true(fabs(lat - lats[i]) < 1e-9);
			assert_true(fabs(lon - lon0) < 1e-9);
			assert_true(fabs(alt - alts[k]) < 1e-6);
		}
	}
	{ /* the equatorial radius and the polar radius */
		double r[3] = { 6378.137, 0, 0 }, lat, lon, alt;
		orb_ecef_to_geodetic(r, &lat, &lon, &alt);
		assert_true(fabs(alt) < 1e-9 && fabs(lat) < 1e-12);
		r[0] = 0;
		r[2] = 6356.7523142;
		orb_ecef_to_geodetic(r, &lat, &lon, &alt);
		assert_true(fabs(alt) < 1e-6 && lat == 90.0);
	}
}

static void
look_angles_up_and_on_the_horizon(void **state)
{
	double o[3], up[3], n[3], az, el, rng;

	orb_geodetic_to_ecef(35.0, 139.0, 0.0, o);
	orb_geodetic_to_ecef(35.0, 139.0, 500.0, up);
	orb_look_angles(35.0, 139.0, 0.0, up, &az, &el, &rng);
	assert_true(fabs(el - 90.0) < 1e-6);
	assert_true(fabs(rng - 500.0) < 1e-6);
	/* a point 100 km due north along the local meridian tangent */
	orb_geodetic_to_ecef(35.0 + 0.0001, 139.0, 0.0, n);
	for (int i = 0; i < 3; i++)
		n[i] = o[i] + (n[i] - o[i]) * 1e5;
	orb_look_angles(35.0, 139.0, 0.0, n, &az, &el, &rng);
	assert_true(fabs(el) < 1e-3);
	assert_true(az < 1e-3 || az > 360.0 - 1e-3);
}

static void
epochs_are_written_and_read_to_the_microsecond(void **state)
{
	struct orb_elements el;
	char buf[40];

	memset(&el, 0, sizeof(el));
	assert_int_equal(orb_epoch_parse("2025-05-24T20:17:04.048800",
	    &el.jdsatepoch, &el.jdsatepochF), TCOP_OK);
	orb_epoch_text(&el, false, buf, sizeof(buf));
	assert_string_equal(buf, "2025-05-24T20:17:04.048800");
	orb_epoch_text(&el, true, buf, sizeof(buf));
	assert_string_equal(buf, "2025-05-24T20:17:04.048800Z");
	orb_set_epoch_ms(&el);
	assert_int_equal(el.epoch_ms, INT64_C(1748117824049));
	assert_int_equal(orb_epoch_parse("2025-05-24", &el.jdsatepoch,
	    &el.jdsatepochF), TCOP_ETIME);
	assert_int_equal(orb_epoch_parse("2025-13-24T00:00:00", &el.jdsatepoch,
	    &el.jdsatepochF), TCOP_ETIME);
	assert_int_equal(orb_epoch_parse("2025-05-24T00:00:00+09:00",
	    &el.jdsatepoch, &el.jdsatepochF), TCOP_ETIME);
}

static void
time_since_epoch_splits_days_exactly(void **state)
{
	elsetrec s;
	double jd, fr;

	memset(&s, 0, sizeof(s));
	s.jdsatepoch = 2461118.5;  /* 2026-03-19 */
	s.jdsatepochF = 0.5;
	/* 2026-03-19T12:00:00Z + 90 s */
	assert_true(fabs(orb_tsince(&s, INT64_C(1773921600000) + 90000) - 1.5) <
	    1e-9);
	orb_jd_of_ms(-1, &jd, &fr); /* before 1970 */
	assert_true(jd == 2440586.5 && fabs(fr - (1.0 - 1.0 / 86400000.0)) < 1e-15);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gmst_matches_vallados_example_3_5),
		cmocka_unit_test(geodetic_round_trips_on_wgs84),
		cmocka_unit_test(look_angles_up_and_on_the_horizon),
		cmocka_unit_test(epochs_are_written_and_read_to_the_microsecond),
		cmocka_unit_test(time_since_epoch_splits_days_exactly),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
