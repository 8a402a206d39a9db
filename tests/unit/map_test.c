/*
 * map_test.c: the canvas and its dumps (src/ui/canvas.c), region presets
 * (src/geo/regions.c), shapefile loading (src/geo/shpload.c) and the map
 * engine (src/geo/map.c): layer lists, level of detail, the cache, land
 * where Natural Earth has it; preset files that cannot be read or are too
 * large are refused with the path and the reason (src/core/jfile.c).
 * Reads maps/ of the source tree (the test runner starts in it); writes
 * scratch files under TCOP_OUT (or /tmp).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "geo/map.h"
#include "geo/regions.h"
#include "geo/shpload.h"
#include "ui/canvas.h"

/* ---- canvas ---- */

static char *
dump(const struct canvas *c, int how)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	if (how == 0)
		assert_int_equal(canvas_dump_text(c, f), TCOP_OK);
	else if (how == 1)
		assert_int_equal(canvas_dump_ansi(c, f), TCOP_OK);
	else
		assert_int_equal(canvas_dump_html(c, f, "t<1>"), TCOP_OK);
	fclose(f);
	return buf;
}

static void
a_canvas_dumps_exactly_its_cells_as_utf8(void **state)
{
	struct canvas *c = canvas_create(4, 2);
	char *s;

	canvas_put(c, 0, 0, 0x28ff, ROLE_LAND);
	canvas_put(c, 3, 1, '#', ROLE_COAST);
	canvas_put(c, 4, 1, 'x', ROLE_COAST);  /* clipped */
	canvas_put(c, -1, 0, 'x', ROLE_COAST); /* clipped */
	s = dump(c, 0);
	assert_string_equal(s, "\xe2\xa3\xbf   \n   #\n");
	free(s);
	canvas_destroy(c);
}

static void
ansi_and_html_carry_the_roles(void **state)
{
	struct canvas *c = canvas_create(3, 1);
	char *s;

	canvas_text(c, 0, 0, "a<\x01", ROLE_COAST);
	s = dump(c, 1);
	assert_string_equal(s, "\033[0;96ma<?\033[0m\n");
	free(s);
	s = dump(c, 2);
	assert_non_null(strstr(s, "<title>t&lt;1&gt;</title>"));
	assert_non_null(strstr(s, ".COAST { color: #8fd8e8; }"));
	assert_non_null(strstr(s, "<span class=\"COAST\">a&lt;?</span>"));
	free(s);
	canvas_destroy(c);
}

static void
blit_clips_at_every_edge(void **state)
{
	struct canvas *dst = canvas_create(5, 3), *src = canvas_create(3, 3);
	char *s;

	for (int y = 0; y < 3; y++)
		canvas_text(src, 0, y, "abc", ROLE_LABEL);
	canvas_blit(dst, 3, 1, src);
	canvas_blit(dst, -2, -2, src);
	s = dump(dst, 0);
	assert_string_equal(s, "c    \n   ab\n   ab\n");
	free(s);
	assert_null(canvas_create(0, 1));
	assert_null(canvas_create(1, CANVAS_MAX_H + 1));
	canvas_destroy(dst);
	canvas_destroy(src);
}

/* ---- regions ---- */

static tcop_err
parse(struct regions *rs, const char *json, char *why)
{
	return regions_parse(rs, "r.json", json, strlen(json), why, 256);
}

static void
the_shipped_presets_load(void **state)
{
	static struct regions rs;
	char why[256];
	const char *need[] = { "wpac", "japan", "ecs", "scs", "taiwan-strait",
		"tsushima", "miyako", "luzon-strait" };

	assert_int_equal(regions_load(&rs, "maps/regions.json", why, sizeof why),
	    TCOP_OK);
	for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
		assert_non_null(regions_find(&rs, need[i]));
	assert_string_equal(rs.r[0].name, "wpac");
	assert_null(regions_find(&rs, "atlantis"));
}

static void
preset_files_unreadable_or_too_large_are_refused(void **state)
{
	static struct regions rs;
	const char *dir = getenv("TCOP_OUT");
	char path[512], why[600];
	FILE *f;

	(void)state;
	assert_int_equal(regions_load(&rs, "no/such/regions.json", why,
	    sizeof why), TCOP_ESYS);
	assert_string_equal(why, "no/such/regions.json: No such file or "
	    "directory");
	snprintf(path, sizeof path, "%s/map_test_big.json", dir ? dir : "/tmp");
	assert_non_null(f = fopen(path, "wb"));
	fputs("{\"regions\":[]", f);
	for (int i = 0; i < (1 << 20) / 8; i++)
		fputs("        ", f);
	fputs("}", f);
	assert_int_equal(fclose(f), 0);
	rs.n = 5;
	assert_int_equal(regions_load(&rs, path, why, sizeof why),
	    TCOP_ETOOBIG);
	assert_non_null(strstr(why, ": larger than 1 MiB"));
	assert_int_equal(rs.n, 0);
	assert_non_null(f = fopen(path, "wb"));
	fputs("{\"regions\":[{\"name\":\"a\",\"center\":[1,2],"
	    "\"span\":3}]}", f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(regions_load(&rs, path, why, sizeof why), TCOP_OK);
	assert_int_equal(rs.n, 1);
	unlink(path);
}

static void
bad_presets_are_refused_with_a_reason(void **state)
{
	static struct regions rs;
	char why[256];

	assert_int_equal(parse(&rs, "{\"regions\":[{\"name\":\"a\","
	    "\"center\":[1,2],\"span\":3}]}", why), TCOP_OK);
	assert_int_equal(rs.n, 1);
	assert_string_equal(rs.r[0].title, "a");
	assert_int_equal(parse(&rs, "{\n\"regions\": [\n{,\n", why), TCOP_EJSON);
	assert_string_equal(why, "r.json:3: not a JSON object");
	assert_int_equal(rs.n, 0);
	assert_int_equal(parse(&rs, "{\"r\":[]}", why), TCOP_EJSON);
	assert_int_equal(parse(&rs, "{\"regions\":[{\"name\":\"a\","
	    "\"center\":[1,2]}]}", why), TCOP_EFIELD);
	assert_non_null(strstr(why, "region 0: span"));
	assert_int_equal(parse(&rs, "{\"regions\":[{\"name\":\"A b\","
	    "\"center\":[1,2],\"span\":3}]}", why), TCOP_EFIELD);
	assert_int_equal(parse(&rs, "{\"regions\":[{\"name\":\"a\","
	    "\"center\":[91,2],\"span\":3}]}", why), TCOP_EFIELD);
	assert_int_equal(parse(&rs, "{\"regions\":[{\"name\":\"a\","
	    "\"center\":[1,2],\"span\":3},{\"name\":\"a\",\"center\":[1,2],"
	    "\"span\":3}]}", why), TCOP_EFIELD);
	assert_non_null(strstr(why, "duplicate"));
	assert_int_equal(regions_load(&rs, "no/such.json", why, sizeof why),
	    TCOP_ESYS);
	assert_non_null(strstr(why, "no/such.json"));
}

/* ---- shapefiles ---- */

static void
natural_earth_layers_load_whole(void **state)
{
	struct geo_layer l;
	char why[512];

	assert_int_equal(geo_layer_load(&l, "maps/ne_110m_land", why,
	    sizeof why), TCOP_OK);
	assert_int_equal(l.kind, GEO_POLYGONS);
	assert_int_equal(l.nshape, 127); /* ogrinfo: 127 features */
	assert_int_equal(l.nbad, 0);
	assert_true(l.npart >= l.nshape);
	geo_layer_fini(&l);
	assert_int_equal(geo_layer_load(&l, "maps/ne_110m_coastline", why,
	    sizeof why), TCOP_OK);
	assert_int_equal(l.kind, GEO_LINES);
	assert_int_equal(l.nshape, 134);
	geo_layer_fini(&l);
	assert_int_equal(geo_layer_load(&l, "maps/ne_110m_admin_0_countries",
	    why, sizeof why), TCOP_OK);
	assert_int_equal(l.nshape, 177);
	{
		int japan = 0;
		for (uint32_t i = 0; i < l.nshape; i++)
			japan += strcmp(geo_layer_name(&l, i), "Japan") == 0;
		assert_int_equal(japan, 1);
	}
	geo_layer_fini(&l);
}

static void
missing_and_broken_shapefiles_are_errors(void **state)
{
	struct geo_layer l;
	char why[512], dir[] = "tests/out/map_test_XXXXXX", base[600];
	FILE *f;

	assert_int_equal(geo_layer_load(&l, "maps/nothing", why, sizeof why),
	    TCOP_ESYS);
	assert_non_null(strstr(why, "maps/nothing.shp"));
	assert_non_null(mkdtemp(dir));
	snprintf(base, sizeof base, "%s/junk.shp", dir);
	f = fopen(base, "wb");
	fputs("this is not a shapefile, not even close to one............"
	    "..............................................................",
	    f);
	fclose(f);
	snprintf(base, sizeof base, "%s/junk.shx", dir);
	f = fopen(base, "wb");
	fputs("nor this", f);
	fclose(f);
	snprintf(base, sizeof base, "%s/junk", dir);
	assert_int_not_equal(geo_layer_load(&l, base, why, sizeof why), TCOP_OK);
	assert_non_null(strstr(why, "junk.shp"));
	assert_int_equal(l.nvert, 0);
}

/* ---- map engine ---- */

static void
layer_lists_parse_and_format(void **state)
{
	unsigned m;
	const char *bad = NULL;
	char buf[64];

	assert_int_equal(map_layers_parse("coast,land", &m, &bad), TCOP_OK);
	assert_int_equal(m, MAP_COAST | MAP_LAND);
	assert_int_equal(map_layers_parse("all", &m, &bad), TCOP_OK);
	assert_int_equal(m, MAP_LAYERS_DEFAULT);
	assert_int_equal(map_layers_parse("none", &m, &bad), TCOP_OK);
	assert_int_equal(m, 0);
	assert_int_equal(map_layers_parse("coast,sea", &m, &bad), TCOP_EINVAL);
	assert_string_equal(bad, "sea");
	map_layers_format(MAP_LAND | MAP_GRATICULE, buf, sizeof buf);
	assert_string_equal(buf, "land,graticule");
	map_layers_format(0, buf, sizeof buf);
	assert_string_equal(buf, "none");
}

static struct map *
open_map(void)
{
	struct map *m;
	char why[512];

	assert_int_equal(map_create(&m, "maps", why, sizeof why), TCOP_OK);
	return m;
}

static void
the_map_rasterises_once_per_view(void **state)
{
	struct map *m = open_map();
	struct viewport vp;
	struct canvas *c = canvas_create(80, 24);

	viewport_center(&vp, PROJ_EQUIRECT, 80, 24, 36.5, 137.5, 22);
	assert_int_equal(map_render(m, &vp, MAP_LAYERS_DEFAULT, false, c),
	    TCOP_OK);
	assert_int_equal(map_stats(m)->rasterised, 1);
	assert_string_equal(map_stats(m)->lod, "50m"); /* 0.1375 deg/dot */
	assert_true(map_stats(m)->parts_culled > 0);
	for (int i = 0; i < 5; i++)
		assert_int_equal(map_render(m, &vp, MAP_LAYERS_DEFAULT, false,
		    c), TCOP_OK);
	assert_int_equal(map_stats(m)->rasterised, 1);
	viewport_pan(&vp, 1, 0);
	map_render(m, &vp, MAP_LAYERS_DEFAULT, false, c);
	assert_int_equal(map_stats(m)->rasterised, 2);
	map_render(m, &vp, MAP_LAYERS_DEFAULT, true, c);
	assert_int_equal(map_stats(m)->rasterised, 3);
	map_invalidate(m);
	map_render(m, &vp, MAP_LAYERS_DEFAULT, true, c);
	assert_int_equal(map_stats(m)->rasterised, 4);
	/* a canvas of the wrong size is refused */
	canvas_destroy(c);
	c = canvas_create(81, 24);
	assert_int_equal(map_render(m, &vp, MAP_LAYERS_DEFAULT, true, c),
	    TCOP_EINVAL);
	canvas_destroy(c);
	map_destroy(m);
}

static void
the_level_of_detail_follows_the_zoom(void **state)
{
	struct map *m = open_map();
	struct viewport vp;
	struct canvas *c = canvas_create(200, 60);

	viewport_center(&vp, PROJ_EQUIRECT, 200, 60, 22, 140, 70);
	map_render(m, &vp, MAP_COAST, false, c);
	assert_string_equal(map_stats(m)->lod, "50m");
	viewport_center(&vp, PROJ_EQUIRECT, 200, 60, 34.3, 129.6, 3);
	map_render(m, &vp, MAP_COAST, false, c);
	assert_string_equal(map_stats(m)->lod, "10m");
	/* as close, but outside the 1:10m region clip */
	viewport_center(&vp, PROJ_EQUIRECT, 200, 60, 50, -5, 3);
	map_render(m, &vp, MAP_COAST, false, c);
	assert_string_equal(map_stats(m)->lod, "50m");
	viewport_center(&vp, PROJ_EQUIRECT, 200, 60, 0, 0, 360);
	map_render(m, &vp, MAP_COAST, false, c);
	assert_string_equal(map_stats(m)->lod, "110m");
	canvas_destroy(c);
	map_destroy(m);
}

static const struct canvas_cell *
cell_of(const struct viewport *vp, const struct canvas *c, double lat,
    double lon)
{
	double x, y;

	proj_ll_to_cell(vp, lat, lon, &x, &y);
	return canvas_at(c, (int)floor(x), (int)floor(y));
}

static void
land_is_where_natural_earth_puts_it(void **state)
{
	struct map *m = open_map();
	struct viewport vp;
	struct canvas *c = canvas_create(300, 160);

	for (int ascii = 0; ascii < 2; ascii++) {
		viewport_bbox(&vp, PROJ_MERCATOR, 300, 160, 118, 10, 148, 42);
		assert_int_equal(map_render(m, &vp, MAP_LAND, ascii, c), TCOP_OK);
		/* interiors: Nagano, central Luzon, central Honshu's west */
		assert_int_equal(cell_of(&vp, c, 36.2, 138.0)->role, ROLE_LAND);
		assert_int_equal(cell_of(&vp, c, 16.0, 121.0)->role, ROLE_LAND);
		assert_int_equal(cell_of(&vp, c, 36.0, 112.0 + 10)->ch, ' ');
		assert_int_equal(cell_of(&vp, c, 40.0, 135.0)->ch, ' ');
		assert_int_equal(cell_of(&vp, c, 20.0, 130.0)->ch, ' ');
	}
	canvas_destroy(c);
	map_destroy(m);
}

static void
both_sides_of_180_are_drawn_in_mercator(void **state)
{
	struct map *m = open_map();
	struct viewport vp;
	struct canvas *c = canvas_create(400, 200);

	/* centred on 180: Fiji west of it, Samoa east of it */
	viewport_center(&vp, PROJ_MERCATOR, 400, 200, -16, 180, 18);
	assert_int_equal(map_render(m, &vp, MAP_LAND, false, c), TCOP_OK);
	assert_int_equal(cell_of(&vp, c, -17.8, 178.0)->role, ROLE_LAND);
	assert_int_equal(cell_of(&vp, c, -13.6, -172.4)->role, ROLE_LAND);
	assert_int_equal(cell_of(&vp, c, -20.0, -175.0)->ch, ' ');
	assert_int_equal(cell_of(&vp, c, -12.0, 175.0)->ch, ' ');
	canvas_destroy(c);
	map_destroy(m);
}

static void
borders_stay_off_the_coast(void **state)
{
	struct map *m = open_map();
	struct viewport vp;
	struct canvas *c = canvas_create(200, 60);
	int border = 0;

	/* Korea: the border with China runs inland, the coasts are coast */
	viewport_center(&vp, PROJ_EQUIRECT, 200, 60, 38, 127, 12);
	map_render(m, &vp, MAP_LAND | MAP_BORDERS | MAP_COAST, false, c);
	for (int i = 0; i < 200 * 60; i++)
		border += c->cells[i].role == ROLE_BORDER;
	assert_true(border > 20);
	/* a point on the open sea off the east coast is not a border */
	assert_int_not_equal(cell_of(&vp, c, 37.0, 131.5)->role, ROLE_BORDER);
	canvas_destroy(c);
	map_destroy(m);
}

static void
shared_edges_are_the_land_borders(void **state)
{
	struct geo_layer c, b, d;
	char why[512];
	uint32_t hits = 0;

	assert_int_equal(geo_layer_load(&c, "maps/ne_110m_admin_0_countries",
	    why, sizeof why), TCOP_OK);
	assert_int_equal(geo_layer_shared_edges(&c, &b), TCOP_OK);
	assert_int_equal(b.kind, GEO_LINES);
	assert_true(b.npart > 100 && b.nvert < c.nvert / 2);
	/* the Korean DMZ is a border; no vertex lies in the open Sea of Japan */
	for (uint32_t i = 0; i < b.nvert; i++) {
		assert_false(b.lon[i] > 131 && b.lon[i] < 139 && b.lat[i] > 36 &&
		    b.lat[i] < 42);
		hits += b.lon[i] > 126 && b.lon[i] < 129 && b.lat[i] > 37.5 &&
		    b.lat[i] < 38.8;
	}
	assert_true(hits >= 2);
	/* lines have no shared edges to speak of */
	assert_int_equal(geo_layer_shared_edges(&b, &d), TCOP_EINVAL);
	geo_layer_fini(&b);
	geo_layer_fini(&c);
}

static void
a_missing_maps_directory_is_an_error(void **state)
{
	struct map *m;
	char why[512];

	assert_int_equal(map_create(&m, "no/such/dir", why, sizeof why),
	    TCOP_ESYS);
	assert_null(m);
	assert_non_null(strstr(why, "no/such/dir"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_canvas_dumps_exactly_its_cells_as_utf8),
		cmocka_unit_test(ansi_and_html_carry_the_roles),
		cmocka_unit_test(blit_clips_at_every_edge),
		cmocka_unit_test(the_shipped_presets_load),
		cmocka_unit_test(bad_presets_are_refused_with_a_reason),
		cmocka_unit_test(
		    preset_files_unreadable_or_too_large_are_refused),
		cmocka_unit_test(natural_earth_layers_load_whole),
		cmocka_unit_test(missing_and_broken_shapefiles_are_errors),
		cmocka_unit_test(layer_lists_parse_and_format),
		cmocka_unit_test(the_map_rasterises_once_per_view),
		cmocka_unit_test(the_level_of_detail_follows_the_zoom),
		cmocka_unit_test(land_is_where_natural_earth_puts_it),
		cmocka_unit_test(both_sides_of_180_are_drawn_in_mercator),
		cmocka_unit_test(borders_stay_off_the_coast),
		cmocka_unit_test(shared_edges_are_the_land_borders),
		cmocka_unit_test(a_missing_maps_directory_is_an_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
