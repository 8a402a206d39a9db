/*
 * proj_test.c: projections and viewports (src/geo/proj.c) and the dot
 * rasteriser (src/geo/raster.c), against hand-computed values: the map's
 * correctness rests here and on the land/sea point test, not on goldens.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "geo/proj.h"
#include "geo/raster.h"

#define NEAR(a, b, eps) assert_true(fabs((a) - (b)) < (eps))

static void
mercator_ordinates_match_the_formula(void **state)
{
	/* ln(tan(45 + 45/2 deg)) = 0.881373587 rad = 50.4987 deg */
	NEAR(proj_y(PROJ_MERCATOR, 0), 0, 1e-12);
	NEAR(proj_y(PROJ_MERCATOR, 45), 50.498987, 1e-5);
	NEAR(proj_y(PROJ_MERCATOR, -45), -50.498987, 1e-5);
	/* the Web Mercator square: the limit latitude maps to 180 degrees */
	NEAR(proj_y(PROJ_MERCATOR, PROJ_MERC_MAX_LAT), 180.0, 1e-6);
	NEAR(proj_y(PROJ_MERCATOR, 89.9), 180.0, 1e-6);
	for (double lat = -85; lat <= 85; lat += 5)
		NEAR(proj_lat(PROJ_MERCATOR, proj_y(PROJ_MERCATOR, lat)), lat,
		    1e-9);
	assert_true(proj_y(PROJ_EQUIRECT, 33.3) == 33.3);
}

static void
a_bbox_fills_the_cells_exactly(void **state)
{
	struct viewport vp;
	double x, y;

	assert_int_equal(viewport_bbox(&vp, PROJ_EQUIRECT, 600, 320, 118, 10,
	    148, 42), TCOP_OK);
	proj_ll_to_cell(&vp, 42, 118, &x, &y);
	NEAR(x, 0, 1e-9);
	NEAR(y, 0, 1e-9);
	proj_ll_to_cell(&vp, 10, 148, &x, &y);
	NEAR(x, 600, 1e-9);
	NEAR(y, 320, 1e-9);
	/* Tokyo: (139.74946 - 118) / 30 * 600, (42 - 35.68696) / 32 * 320 */
	proj_ll_to_cell(&vp, 35.68696, 139.74946, &x, &y);
	NEAR(x, 434.9892, 1e-6);
	NEAR(y, 63.1304, 1e-6);
	NEAR(vp.center_lat, 26, 1e-12);
	NEAR(vp.center_lon, 133, 1e-12);
}

static void
a_bbox_across_the_antimeridian_wraps_east(void **state)
{
	struct viewport vp;
	double x, y, lat, lon;

	assert_int_equal(viewport_bbox(&vp, PROJ_EQUIRECT, 40, 20, 170, -20,
	    -170, 0), TCOP_OK);
	NEAR(vp.span, 20, 1e-12);
	proj_ll_to_cell(&vp, -10, -175, &x, &y); /* 5 degrees east of 180 */
	NEAR(x, 30, 1e-9);
	NEAR(y, 10, 1e-9);
	proj_ll_to_cell(&vp, -10, 175, &x, &y);
	NEAR(x, 10, 1e-9);
	proj_cell_to_ll(&vp, 30, 10, &lat, &lon);
	NEAR(lon, -175, 1e-9);
	NEAR(lat, -10, 1e-9);
}

static void
a_view_centred_on_180_shows_both_sides(void **state)
{
	struct viewport vp;
	double x, y;

	assert_int_equal(viewport_center(&vp, PROJ_EQUIRECT, 80, 40, 20, 180,
	    80), TCOP_OK);
	proj_ll_to_cell(&vp, 20, 179, &x, &y);
	NEAR(x, 39, 1e-9);
	proj_ll_to_cell(&vp, 20, -179, &x, &y);
	NEAR(x, 41, 1e-9);
	NEAR(y, 20, 1e-9);
}

static void
a_centred_view_keeps_ground_square_at_its_centre(void **state)
{
	struct viewport vp;

	assert_int_equal(viewport_center(&vp, PROJ_EQUIRECT, 100, 40, 60, 10,
	    10), TCOP_OK);
	NEAR(vp.lon_per_cell, 0.1, 1e-12);
	/* a row is twice a column on screen; a degree of lon is cos(60) of lat */
	NEAR(vp.y_per_cell, 0.1 * 2 * 0.5, 1e-12);
	NEAR(viewport_nm_per_cell(&vp), 0.1 * 60 * 0.5, 1e-9);
	assert_int_equal(viewport_center(&vp, PROJ_MERCATOR, 100, 40, 60, 10,
	    10), TCOP_OK);
	NEAR(vp.y_per_cell, 0.2, 1e-12);
}

static void
cells_and_points_round_trip(void **state)
{
	struct viewport vp;

	for (int p = 0; p < 2; p++) {
		assert_int_equal(viewport_center(&vp, (enum proj_kind)p, 200, 60,
		    22, 140, 70), TCOP_OK);
		for (double lat = -5; lat <= 50; lat += 5.5)
			for (double lon = 106; lon <= 174; lon += 4.25) {
				double x, y, la, lo;
				proj_ll_to_cell(&vp, lat, lon, &x, &y);
				proj_cell_to_ll(&vp, x, y, &la, &lo);
				NEAR(la, lat, 1e-9);
				NEAR(lo, lon, 1e-9);
			}
	}
}

static void
bad_views_are_refused(void **state)
{
	struct viewport vp;

	assert_int_equal(viewport_center(&vp, PROJ_EQUIRECT, 10, 10, 91, 0, 5),
	    TCOP_ERANGE);
	assert_int_equal(viewport_center(&vp, PROJ_EQUIRECT, 10, 10, 0, 0, 0),
	    TCOP_ERANGE);
	assert_int_equal(viewport_center(&vp, PROJ_EQUIRECT, 10, 10, 0, 0, 361),
	    TCOP_ERANGE);
	assert_int_equal(viewport_center(&vp, PROJ_EQUIRECT, 0, 10, 0, 0, 5),
	    TCOP_ERANGE);
	assert_int_equal(viewport_center(&vp, PROJ_EQUIRECT, 10, 10, NAN, 0, 5),
	    TCOP_ERANGE);
	assert_int_equal(viewport_bbox(&vp, PROJ_EQUIRECT, 10, 10, 0, 10, 5, 10),
	    TCOP_ERANGE);
	assert_int_equal(viewport_bbox(&vp, PROJ_EQUIRECT, 10, 10, 0, -91, 5, 10),
	    TCOP_ERANGE);
	assert_int_equal(viewport_bbox(&vp, PROJ_EQUIRECT, 10, 10, -200, 0, 5,
	    10), TCOP_ERANGE);
}

static void
panning_moves_the_centre_by_whole_cells(void **state)
{
	struct viewport vp;
	double x, y;

	viewport_center(&vp, PROJ_EQUIRECT, 100, 50, 30, 178, 10);
	viewport_pan(&vp, 40, 0); /* 4 degrees east: across 180 */
	NEAR(vp.center_lon, -178, 1e-9);
	proj_ll_to_cell(&vp, 30, -178, &x, &y);
	NEAR(x, 50, 1e-9);
	NEAR(y, 25, 1e-9);
}

static void
zooming_keeps_the_centre(void **state)
{
	struct viewport vp;
	double x, y;

	viewport_center(&vp, PROJ_MERCATOR, 100, 50, 30, 130, 20);
	viewport_zoom(&vp, 2);
	NEAR(vp.span, 10, 1e-12);
	proj_ll_to_cell(&vp, 30, 130, &x, &y);
	NEAR(x, 50, 1e-9);
	NEAR(y, 25, 1e-9);
	viewport_zoom(&vp, 1e-9);
	NEAR(vp.span, 360, 1e-12);
	viewport_zoom(&vp, 1e12);
	NEAR(vp.span, 0.01, 1e-12);
}

/* ---- raster ---- */

static int
dot_at(const struct raster *r, const uint8_t *mask, int x, int y)
{
	return (mask[(y / 4) * r->w + x / 2] & raster_bit[y % 4][x % 2]) != 0;
}

static void
braille_bits_follow_the_unicode_dot_numbering(void **state)
{
	/* dots 1,2,3,7 down the left column, 4,5,6,8 down the right */
	assert_int_equal(raster_bit[0][0], 0x01);
	assert_int_equal(raster_bit[2][0], 0x04);
	assert_int_equal(raster_bit[3][0], 0x40);
	assert_int_equal(raster_bit[0][1], 0x08);
	assert_int_equal(raster_bit[3][1], 0x80);
}

static void
a_filled_square_covers_its_inside_only(void **state)
{
	struct viewport vp;
	struct raster r;
	uint8_t flags[20 * 40] = { 0 }, mask[10 * 10] = { 0 };
	/* a square ring from lon 2..6, lat 8..4 on a 10x10-degree box */
	const float lon[] = { 2, 6, 6, 2, 2 }, lat[] = { 8, 8, 4, 4, 8 };

	viewport_bbox(&vp, PROJ_EQUIRECT, 10, 10, 0, 0, 10, 10);
	raster_init(&r, &vp);
	assert_int_equal(r.dw, 20);
	assert_int_equal(r.dh, 40);
	raster_ring(&r, flags, lon, lat, 5, 0);
	raster_fill(&r, flags, mask);
	/* dots: x 4..11 (lon 2..6 at 2 dots/deg), y 8..23 (lat 8..4 at 4/deg) */
	for (int y = 0; y < r.dh; y++)
		for (int x = 0; x < r.dw; x++) {
			int in = x >= 4 && x < 12 && y >= 8 && y < 24;
			assert_int_equal(dot_at(&r, mask, x, y), in);
		}
}

static void
a_ring_left_of_the_view_toggles_nothing(void **state)
{
	struct viewport vp;
	struct raster r;
	uint8_t flags[20 * 40] = { 0 }, mask[100] = { 0 };
	const float lon[] = { -50, -20, -20, -50 }, lat[] = { 8, 8, 2, 2 };

	viewport_bbox(&vp, PROJ_EQUIRECT, 10, 10, 0, 0, 10, 10);
	raster_init(&r, &vp);
	raster_ring(&r, flags, lon, lat, 4, 0); /* closed implicitly */
	raster_fill(&r, flags, mask);
	for (int i = 0; i < 100; i++)
		assert_int_equal(mask[i], 0);
}

static void
a_ring_around_the_view_fills_it_all(void **state)
{
	struct viewport vp;
	struct raster r;
	uint8_t flags[20 * 40] = { 0 }, mask[100] = { 0 };
	const float lon[] = { -50, 50, 50, -50, -50 }, lat[] = { 50, 50, -50,
		-50, 50 };

	viewport_bbox(&vp, PROJ_EQUIRECT, 10, 10, 0, 0, 10, 10);
	raster_init(&r, &vp);
	raster_ring(&r, flags, lon, lat, 5, 0);
	raster_fill(&r, flags, mask);
	for (int i = 0; i < 100; i++)
		assert_int_equal(mask[i], 0xff);
}

static void
lines_are_clipped_and_far_points_are_safe(void **state)
{
	struct viewport vp;
	struct raster r;
	uint8_t mask[100] = { 0 };
	const float lon[] = { -1e6f, 1e6f }, lat[] = { 5, 5 };
	int n = 0;

	viewport_bbox(&vp, PROJ_EQUIRECT, 10, 10, 0, 0, 10, 10);
	raster_init(&r, &vp);
	raster_polyline(&r, mask, lon, lat, 2, 0);
	for (int x = 0; x < r.dw; x++)
		n += dot_at(&r, mask, x, 20);
	assert_int_equal(n, r.dw); /* the whole row, nothing else */
	for (int y = 0; y < r.dh; y++)
		for (int x = 0; x < r.dw; x++)
			if (y != 20)
				assert_int_equal(dot_at(&r, mask, x, y), 0);
	raster_line(&r, mask, -1e30f, -1e30f, -1e29f, -1e29f);
	raster_line(&r, mask, 1e30f, 5, 1e30f, 6);
	raster_line(&r, mask, -1e30f, -3e29f, 1e30f, 7e29f); /* through the grid */
}

static void
a_diagonal_line_sets_one_dot_per_step(void **state)
{
	struct viewport vp;
	struct raster r;
	uint8_t mask[100] = { 0 };
	int n = 0;

	viewport_bbox(&vp, PROJ_EQUIRECT, 10, 10, 0, 0, 10, 10);
	raster_init(&r, &vp);
	raster_line(&r, mask, 0.5f, 0.5f, 15.5f, 15.5f);
	for (int i = 0; i < 16; i++)
		assert_true(dot_at(&r, mask, i, i));
	for (int y = 0; y < r.dh; y++)
		for (int x = 0; x < r.dw; x++)
			n += dot_at(&r, mask, x, y);
	assert_int_equal(n, 16);
}

/* Even-odd coverage of dot (x, y) by the ring, computed directly. */
static int
pip(const float *px, const float *py, int n, int x, int y)
{
	float cx = (float)x + 0.5f, cy = (float)y + 0.5f;
	int in = 0;

	for (int i = 0, j = n - 1; i < n; j = i++) {
		float x0 = px[j], y0 = py[j], x1 = px[i], y1 = py[i];
		if (y0 > y1) {
			float t = x0; x0 = x1; x1 = t;
			t = y0; y0 = y1; y1 = t;
		}
		if (y0 == y1 || cy < y0 || cy >= y1)
			continue;
		if (x0 + (cy - y0) * ((x1 - x0) / (y1 - y0)) <= cx)
			in ^= 1;
	}
	return in;
}

static void
fill_matches_point_in_polygon_for_random_rings(void **state)
{
	struct viewport vp;
	struct raster r;
	static uint8_t flags[40 * 80], mask[20 * 20];
	float lon[40], lat[40], px[40], py[40];
	uint32_t seed = 12345;

	/* the view is 0..10 x 0..10 degrees; rings wander over -8..18, so
	 * long runs of them lie left, right, above and below the grid */
	viewport_bbox(&vp, PROJ_EQUIRECT, 20, 20, 0, 0, 10, 10);
	raster_init(&r, &vp);
	for (int t = 0; t < 300; t++) {
		int n = 0, bad = 0;

		while (n < 40) {
			seed = seed * 1103515245u + 12345u;
			float a = (float)((seed >> 8) % 26000) / 1000.0f - 8.0f;
			seed = seed * 1103515245u + 12345u;
			float b = (float)((seed >> 8) % 26000) / 1000.0f - 8.0f;
			float x = a * r.sx + r.ox, y = r.oy - b * r.sy;
			/* keep vertices more than a dot apart: no simplification */
			if (n > 0 && fabsf(x - px[n - 1]) < 1.5f &&
			    fabsf(y - py[n - 1]) < 1.5f)
				continue;
			lon[n] = a;
			lat[n] = b;
			px[n] = x;
			py[n] = y;
			n++;
		}
		if (fabsf(px[0] - px[n - 1]) < 1.5f && fabsf(py[0] - py[n - 1]) < 1.5f)
			continue;
		memset(flags, 0, sizeof flags);
		memset(mask, 0, sizeof mask);
		raster_ring(&r, flags, lon, lat, (uint32_t)n, 0);
		raster_fill(&r, flags, mask);
		for (int y = 0; y < r.dh; y++)
			for (int x = 0; x < r.dw; x++)
				bad += dot_at(&r, mask, x, y) != pip(px, py, n, x, y);
		assert_int_equal(bad, 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mercator_ordinates_match_the_formula),
		cmocka_unit_test(a_bbox_fills_the_cells_exactly),
		cmocka_unit_test(a_bbox_across_the_antimeridian_wraps_east),
		cmocka_unit_test(a_view_centred_on_180_shows_both_sides),
		cmocka_unit_test(a_centred_view_keeps_ground_square_at_its_centre),
		cmocka_unit_test(cells_and_points_round_trip),
		cmocka_unit_test(bad_views_are_refused),
		cmocka_unit_test(panning_moves_the_centre_by_whole_cells),
		cmocka_unit_test(zooming_keeps_the_centre),
		cmocka_unit_test(braille_bits_follow_the_unicode_dot_numbering),
		cmocka_unit_test(a_filled_square_covers_its_inside_only),
		cmocka_unit_test(a_ring_left_of_the_view_toggles_nothing),
		cmocka_unit_test(a_ring_around_the_view_fills_it_all),
		cmocka_unit_test(lines_are_clipped_and_far_points_are_safe),
		cmocka_unit_test(a_diagonal_line_sets_one_dot_per_step),
		cmocka_unit_test(fill_matches_point_in_polygon_for_random_rings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
