/*
 * view_test.c: the viewer's pieces that need no terminal: the key map and
 * key names (src/ui/keys.c), the config file (src/ui/config.c), the
 * classification banner, the lists' sort and filter (src/ui/screen.c), the
 * event store (src/ui/evstore.c) and the layers over the map
 * (src/ui/layers.c).
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

#include "ui/canvas.h"
#include "ui/config.h"
#include "ui/evstore.h"
#include "ui/keys.h"
#include "pic/pic.h"
#include "ui/layers.h"
#include "ui/picsrc.h"
#include "ui/screen.h"

/* ---- keys ---- */

static void
default_keys_follow_terminal_habits(void **state)
{
	struct keymap km;

	(void)state;
	keymap_default(&km);
	assert_int_equal(keymap_lookup(&km, 'q'), VA_QUIT);
	assert_int_equal(keymap_lookup(&km, 'k'), VA_PAN_UP);
	assert_int_equal(keymap_lookup(&km, UK_UP), VA_PAN_UP);
	assert_int_equal(keymap_lookup(&km, 'h'), VA_PAN_LEFT);
	assert_int_equal(keymap_lookup(&km, '+'), VA_ZOOM_IN);
	assert_int_equal(keymap_lookup(&km, '-'), VA_ZOOM_OUT);
	assert_int_equal(keymap_lookup(&km, '1'), VA_REGION_1);
	assert_int_equal(keymap_lookup(&km, '9'), VA_REGION_9);
	assert_int_equal(keymap_lookup(&km, UK_TAB), VA_NEXT_PANE);
	assert_int_equal(keymap_lookup(&km, '/'), VA_SEARCH);
	assert_int_equal(keymap_lookup(&km, UK_ENTER), VA_DETAIL);
	assert_int_equal(keymap_lookup(&km, 'f'), VA_FOLLOW);
	assert_int_equal(keymap_lookup(&km, 'a'), VA_ACK);
	assert_int_equal(keymap_lookup(&km, 'm'), VA_MARK);
	assert_int_equal(keymap_lookup(&km, 'M'), VA_LAYER_MARITIME);
	assert_int_equal(keymap_lookup(&km, 's'), VA_LAYER_SPACE);
	assert_int_equal(keymap_lookup(&km, 'c'), VA_LAYER_CYBER);
	assert_int_equal(keymap_lookup(&km, '?'), VA_HELP);
}

static void
replay_deck_keys_are_the_documented_ones(void **state)
{
	struct keymap km;
	const int deck[] = { ' ', '.', '[', ']', '<', '>', '{', '}', 'g', 'n',
		'N', 'r' };

	(void)state;
	keymap_default(&km);
	for (size_t i = 0; i < sizeof deck / sizeof deck[0]; i++)
		assert_int_equal(keymap_lookup(&km, deck[i]), VA_PLAY + (int)i);
}

static void
key_names_round_trip(void **state)
{
	const char *names[] = { "q", "Up", "Down", "Left", "Right", "Enter",
		"Tab", "BTab", "Esc", "PgUp", "PgDn", "C-l", "F1", "F12", "?" };
	char buf[16];

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		int k = keys_by_name(names[i], strlen(names[i]));
		assert_int_not_equal(k, UK_NONE);
		keys_name(k, buf, sizeof buf);
		assert_string_equal(buf, names[i]);
	}
	assert_int_equal(keys_by_name("Space", 5), ' ');
	assert_int_equal(keys_by_name("F13", 3), UK_NONE);
	assert_int_equal(keys_by_name("C-1", 3), UK_NONE);
	assert_int_equal(keys_by_name("Upp", 3), UK_NONE);
}

static void
rebinding_moves_a_key_from_its_old_action(void **state)
{
	struct keymap km;
	const char *bad = NULL;
	char buf[64];

	(void)state;
	keymap_default(&km);
	assert_true(keymap_bind(&km, VA_QUIT, "x C-c", &bad));
	assert_int_equal(keymap_lookup(&km, 'q'), VA_NONE);
	assert_int_equal(keymap_lookup(&km, 'x'), VA_QUIT);
	assert_int_equal(keymap_lookup(&km, UK_CTRL + 'c'), VA_QUIT);
	assert_true(keymap_bind(&km, VA_ZOOM_IN, "x", &bad));
	assert_int_equal(keymap_lookup(&km, 'x'), VA_ZOOM_IN);
	keymap_keys_of(&km, VA_QUIT, buf, sizeof buf);
	assert_string_equal(buf, "C-c");
	assert_false(keymap_bind(&km, VA_QUIT, "x Nope", &bad));
	assert_string_equal(bad, "Nope");
	/* A failed bind changes nothing. */
	assert_int_equal(keymap_lookup(&km, UK_CTRL + 'c'), VA_QUIT);
}

/* ---- config ---- */

static tcop_err
parse(struct view_config *c, const char *json, char *why, size_t n)
{
	config_init(c);
	return config_parse(c, "cfg.json", json, strlen(json), why, n);
}

static void
config_sets_feeds_region_keys_and_colours(void **state)
{
	struct view_config c;
	char why[512] = "";

	(void)state;
	assert_int_equal(parse(&c, "{ \"feeds\": [\"tcp://127.0.0.1:7001\", "
	    "\"ipc:///tmp/x\"], \"region\": \"japan\", \"projection\": "
	    "\"mercator\", \"ascii\": true, \"max_rate\": 9600, \"fps\": 2, "
	    "\"export_dir\": \"/srv/brief\", "
	    "\"keys\": { \"quit\": [\"x\", \"C-c\"], \"zoom-in\": \"z\" }, "
	    "\"colours\": { \"HOSTILE\": \"magenta\", \"COAST\": 44, "
	    "\"LAND\": \"default\" } }", why, sizeof why), TCOP_OK);
	assert_int_equal(c.nfeeds, 2);
	assert_string_equal(c.feeds[1], "ipc:///tmp/x");
	assert_string_equal(c.region, "japan");
	assert_int_equal(c.projection, 1);
	assert_int_equal(c.ascii, 1);
	assert_int_equal(c.max_rate, 9600);
	assert_int_equal(c.fps, 2);
	assert_string_equal(c.export_dir, "/srv/brief");
	assert_int_equal(keymap_lookup(&c.keys, 'x'), VA_QUIT);
	assert_int_equal(keymap_lookup(&c.keys, 'q'), VA_NONE);
	assert_int_equal(keymap_lookup(&c.keys, 'z'), VA_ZOOM_IN);
	assert_int_equal(keymap_lookup(&c.keys, '+'), VA_NONE);
	assert_int_equal(c.colours[ROLE_HOSTILE], 5);
	assert_int_equal(c.colours[ROLE_COAST], 44);
	assert_int_equal(c.colours[ROLE_LAND], CONFIG_COLOUR_DEFAULT);
	assert_int_equal(c.colours[ROLE_FRIEND], CONFIG_COLOUR_UNSET);
}

static void
config_errors_name_the_member_and_the_reason(void **state)
{
	struct view_config c;
	char why[512];

	(void)state;
	assert_int_equal(parse(&c, "{\"keys\": {\"jump\": \"j\"}}", why,
	    sizeof why), TCOP_EFIELD);
	assert_non_null(strstr(why, "cfg.json: keys.jump: no such action"));
	assert_int_equal(parse(&c, "{\"keys\": {\"quit\": \"F13\"}}", why,
	    sizeof why), TCOP_EFIELD);
	assert_non_null(strstr(why, "keys.quit: unknown key name"));
	assert_int_equal(parse(&c, "{\"colours\": {\"HOSTILE\": \"pink\"}}",
	    why, sizeof why), TCOP_EFIELD);
	assert_non_null(strstr(why, "colours.HOSTILE: not a colour"));
	assert_int_equal(parse(&c, "{\"fps\": 0}", why, sizeof why),
	    TCOP_EFIELD);
	assert_non_null(strstr(why, "fps:"));
	assert_int_equal(parse(&c, "{\"export_dir\": 7}", why, sizeof why),
	    TCOP_EFIELD);
	assert_non_null(strstr(why, "export_dir: not a directory name"));
	assert_int_equal(parse(&c, "{\"regoin\": \"japan\"}", why, sizeof why),
	    TCOP_EFIELD);
	assert_non_null(strstr(why, "regoin: unknown member"));
	assert_int_equal(parse(&c, "{\n\"feeds\": [\n1,\n", why, sizeof why),
	    TCOP_EJSON);
	assert_non_null(strstr(why, "cfg.json:3: not a JSON object"));
	assert_int_equal(parse(&c, "[]", why, sizeof why), TCOP_EJSON);
}

static void
config_load_says_which_file(void **state)
{
	struct view_config c;
	char why[512];

	(void)state;
	config_init(&c);
	assert_int_equal(config_load(&c, "/nonexistent/tcop.json", why,
	    sizeof why), TCOP_ESYS);
	assert_non_null(strstr(why, "/nonexistent/tcop.json: "));
}

/* ---- banner ---- */

static void
banner_of(const char *want, int n, const tcop_cls *cls, const int *nrel,
    const char (*rel)[TCOP_REL_MAX][5])
{
	struct banner b;
	char buf[256];

	banner_init(&b);
	for (int i = 0; i < n; i++)
		banner_add(&b, cls[i], nrel[i], rel[i]);
	banner_format(&b, buf, sizeof buf);
	assert_string_equal(buf, want);
}

static void
banner_is_unclassified_when_nothing_is_marked_higher(void **state)
{
	tcop_cls cls[] = { TCOP_CLS_NONE, TCOP_CLS_U };
	int nrel[] = { -1, 2 };
	char rel[2][TCOP_REL_MAX][5] = { { "" }, { "USA", "JPN" } };
	struct banner b;
	char buf[64];

	(void)state;
	banner_init(&b);
	assert_int_equal(banner_format(&b, buf, sizeof buf), ROLE_BANNER_U);
	assert_string_equal(buf, "UNCLASSIFIED");
	banner_of("UNCLASSIFIED", 2, cls, nrel, rel);
}

static void
banner_rel_to_is_the_common_set_in_canonical_order(void **state)
{
	tcop_cls cls[] = { TCOP_CLS_C, TCOP_CLS_S, TCOP_CLS_U };
	int nrel[] = { 6, 5, -1 };
	char rel[3][TCOP_REL_MAX][5] = {
		{ "NATO", "JPN", "GBR", "USA", "FVEY", "AUS" },
		{ "FVEY", "AUS", "USA", "GBR", "JPN" },
		{ "" } };
	const char usa[1][5] = { "USA" };
	struct banner b;
	char buf[128];

	(void)state;
	banner_of("SECRET//REL TO USA, AUS, GBR, JPN, FVEY", 3, cls, nrel, rel);
	/* A marked item with no releasability: no REL TO at all. */
	banner_init(&b);
	banner_add(&b, TCOP_CLS_C, 2, rel[0]);
	banner_add(&b, TCOP_CLS_CUI, -1, rel[2]);
	assert_int_equal(banner_format(&b, buf, sizeof buf), ROLE_BANNER_C);
	assert_string_equal(buf, "CONFIDENTIAL");
	banner_init(&b);
	banner_add(&b, TCOP_CLS_TS, 1, usa);
	assert_int_equal(banner_format(&b, buf, sizeof buf), ROLE_BANNER_TS);
	assert_string_equal(buf, "TOP SECRET//REL TO USA");
}

/* ---- event store, lists ---- */

static void
mk(tcop_event *ev, tcop_kind k, const char *id, const char *name, double lat,
    double lon, tcop_ms t)
{
	memset(ev, 0, sizeof *ev);
	ev->kind = k;
	snprintf(ev->topic, sizeof ev->topic, "%s", tcop_kind_topic(k));
	snprintf(ev->id, sizeof ev->id, "%s", id);
	snprintf(ev->src, sizeof ev->src, "test");
	ev->t = t;
	ev->nrel = -1;
	ev->has_pos = !isnan(lat);
	ev->lat = lat;
	ev->lon = lon;
	ev->json = "{\"id\":\"x\"}";
	ev->json_len = 10;
	if (k == TCOP_K_TRACK) {
		snprintf(ev->u.track.shipname, sizeof ev->u.track.shipname, "%s",
		    name);
		ev->u.track.course = 90;
		ev->u.track.speed = 10;
	}
}

static void
store_keeps_the_newest_events_and_one_entry_per_entity(void **state)
{
	struct evstore *s = evstore_create(4, 8);
	tcop_event ev;

	(void)state;
	assert_non_null(s);
	for (int i = 0; i < 6; i++) {
		mk(&ev, TCOP_K_TRACK, i % 2 ? "mmsi:2" : "mmsi:1", "A",
		    30 + i * 0.1, 130, 1000 * i);
		evstore_add(s, &ev, 0);
	}
	assert_int_equal(s->count, 4);
	assert_int_equal(evstore_row(s, 0)->n, 6);
	assert_int_equal(evstore_row(s, 3)->n, 3);
	assert_null(evstore_row(s, 4));
	assert_null(evstore_find_row(s, 2));
	assert_non_null(evstore_find_row(s, 3));
	assert_int_equal(s->nent, 2);
	const struct ev_ent *e = evstore_ent(s, "mmsi:1");
	assert_non_null(e);
	assert_int_equal(e->ntrail, 3);
	assert_true(fabs(e->lat - 30.4) < 1e-9);
	assert_int_equal(s->latest_t, 5000);
	evstore_destroy(s);
}

static void
lists_sort_stably_and_filter(void **state)
{
	struct evstore *st = evstore_create(16, 16);
	struct screen *sc = screen_create();
	struct view v;
	tcop_event ev;
	const char *names[] = { "BRAVO", "ALPHA", "BRAVO", "CHARLIE" };

	(void)state;
	memset(&v, 0, sizeof v);
	v.list = LIST_EVENTS;
	for (int i = 0; i < 4; i++) {
		char id[32];
		snprintf(id, sizeof id, "mmsi:%d", i + 1);
		mk(&ev, TCOP_K_TRACK, id, names[i], 30, 130 + i, 1000);
		evstore_add(st, &ev, 0);
	}
	screen_list_update(sc, &v, st, NULL);
	assert_int_equal(screen_list_len(sc), 4);
	assert_string_equal(evstore_find_row(st, 4)->name, "CHARLIE");
	v.sort_col = 4; /* NAME */
	screen_list_update(sc, &v, st, NULL);
	v.sel = 0;
	screen_select(sc, &v, 0);
	assert_string_equal(v.sel_id, "mmsi:2"); /* ALPHA */
	screen_select(sc, &v, 1);
	assert_string_equal(v.sel_id, "mmsi:3"); /* BRAVO, newer first */
	screen_select(sc, &v, 1);
	assert_string_equal(v.sel_id, "mmsi:1");
	snprintf(v.filter, sizeof v.filter, "bravo");
	screen_list_update(sc, &v, st, NULL);
	assert_int_equal(screen_list_len(sc), 2);
	snprintf(v.filter, sizeof v.filter, "mmsi:4");
	screen_list_update(sc, &v, st, NULL);
	assert_int_equal(screen_list_len(sc), 1);
	screen_destroy(sc);
	evstore_destroy(st);
}

/* ---- layers ---- */

static void
ships_point_their_course_in_eight_directions(void **state)
{
	(void)state;
	assert_int_equal(layers_ship_glyph(0, false), 0x2191);
	assert_int_equal(layers_ship_glyph(44, false), 0x2197);
	assert_int_equal(layers_ship_glyph(90, false), 0x2192);
	assert_int_equal(layers_ship_glyph(180, false), 0x2193);
	assert_int_equal(layers_ship_glyph(350, false), 0x2191);
	assert_int_equal(layers_ship_glyph(270, true), '<');
	assert_int_equal(layers_ship_glyph(135, true), '\\');
	assert_int_equal(layers_ship_glyph(NAN, true), 'o');
	assert_int_equal(layers_ship_glyph(360, true), 'o');
}

static void
dense_cells_show_a_count_and_labels_never_overlap(void **state)
{
	struct evstore *st = evstore_create(16, 16);
	struct canvas *c = canvas_create(40, 10);
	uint8_t scratch[400];
	struct viewport vp;
	struct layer_opts o = { .ascii = true, .maritime = true, .labels = true,
		.label_nm_per_cell = 100 };
	tcop_event ev;
	int labels = 0;

	(void)state;
	assert_int_equal(viewport_bbox(&vp, PROJ_EQUIRECT, 40, 10, 130, 30, 134,
	    31), TCOP_OK);
	mk(&ev, TCOP_K_TRACK, "mmsi:1", "ONE", 30.55, 130.51, 0);
	evstore_add(st, &ev, 0);
	mk(&ev, TCOP_K_TRACK, "mmsi:2", "TWO", 30.55, 130.52, 0);
	evstore_add(st, &ev, 0);
	mk(&ev, TCOP_K_TRACK, "mmsi:3", "THREE", 30.55, 130.85, 0);
	evstore_add(st, &ev, 0);
	mk(&ev, TCOP_K_TRACK, "mmsi:4", "FOUR", 30.55, 131.31, 0);
	evstore_add(st, &ev, 0);
	struct layer_item items[8];
	size_t n = layers_from_store(st, items, 8);
	assert_int_equal(n, 4);
	assert_int_equal(layers_draw(c, &vp, items, n, &o, scratch), 4);
	assert_int_equal(canvas_at(c, 5, 4)->ch, '2');
	assert_int_equal(canvas_at(c, 8, 4)->ch, '>');
	/* THREE's label would run into FOUR's symbol at x 13: left out. */
	for (int x = 0; x < 40; x++)
		labels += canvas_at(c, x, 4)->ch == 'T';
	assert_int_equal(labels, 0);
	assert_int_equal(canvas_at(c, 14, 4)->ch, 'F');
	assert_int_equal(scratch[4 * 40 + 13], LC_SYMBOL);
	o.selected = "mmsi:4";
	canvas_clear(c);
	layers_draw(c, &vp, items, n, &o, scratch);
	assert_int_equal(canvas_at(c, 13, 4)->role, ROLE_SELECT);
	assert_non_null(layers_pick(&vp, items, n, &o, 13, 4));
	assert_string_equal(layers_pick(&vp, items, n, &o, 13, 4)->id, "mmsi:4");
	canvas_destroy(c);
	evstore_destroy(st);
}

static void
interference_is_an_outline_with_a_hatch(void **state)
{
	struct evstore *st = evstore_create(4, 4);
	struct canvas *c = canvas_create(40, 20);
	uint8_t scratch[800];
	struct viewport vp;
	struct layer_opts o = { .ascii = true, .cyber = true };
	tcop_event ev;
	int outline = 0, hatch = 0;

	(void)state;
	assert_int_equal(viewport_center(&vp, PROJ_EQUIRECT, 40, 20, 34, 130,
	    2), TCOP_OK);
	mk(&ev, TCOP_K_INTERFERENCE, "area:jam-1", "", 34, 130, 0);
	ev.u.intf.radius_m = 40000;
	evstore_add(st, &ev, 0);
	struct layer_item items[2];
	size_t n = layers_from_store(st, items, 2);
	layers_draw(c, &vp, items, n, &o, scratch);
	for (int i = 0; i < 800; i++) {
		outline += c->cells[i].ch == 'o';
		hatch += c->cells[i].ch == '/';
	}
	assert_true(outline > 10);
	assert_true(hatch > 3);
	assert_int_equal(canvas_at(c, 20, 10)->ch, 'J');
	assert_int_equal(canvas_at(c, 0, 0)->ch, ' ');
	canvas_destroy(c);
	evstore_destroy(st);
}

/* ---- the picture as map items ---- */

static pic *
picture_of_test_events(void)
{
	FILE *f = fopen("tests/data/view/events.txt", "r");
	char line[4096];
	pic *p = NULL;
	char why[256];

	assert_non_null(f);
	assert_int_equal(pic_create(&p, NULL, why, sizeof why), TCOP_OK);
	while (fgets(line, sizeof line, f) != NULL) {
		size_t n = strcspn(line, "\n");
		assert_int_equal(pic_apply_msg(p, line, n), TCOP_OK);
	}
	fclose(f);
	pic_advance(p, pic_time(p));
	return p;
}

static const struct layer_item *
item(const struct picsrc *ps, const char *id)
{
	for (size_t i = 0; i < ps->n; i++)
		if (strcmp(ps->items[i].id, id) == 0)
			return &ps->items[i];
	return NULL;
}

static void
the_picture_becomes_items_in_the_viewport(void **state)
{
	pic *p = picture_of_test_events();
	struct picsrc *ps = picsrc_create(64);
	struct layer_opts o = { .maritime = true, .space = true, .cyber = true };
	const struct pic_incident *inc;
	const struct layer_item *it;
	struct viewport vp;

	(void)state;
	assert_non_null(ps);
	assert_int_equal(viewport_center(&vp, PROJ_EQUIRECT, 80, 30, 34.3,
	    129.6, 3), TCOP_OK);
	assert_int_equal(pic_incident_count(p), 1);
	inc = pic_incident_at(p, 0);
	assert_string_equal(inc->rule, "dark-vessel");
	picsrc_fill(ps, p, &vp, &o, inc);
	assert_non_null(it = item(ps, "mmsi:431000001"));
	assert_int_equal(it->kind, LK_SHIP);
	assert_string_equal(it->name, "KAIYO MARU");
	assert_false(it->highlight);
	assert_non_null(it = item(ps, "det:sar1:8812"));
	assert_int_equal(it->kind, LK_DARK);
	assert_true(it->highlight);
	assert_non_null(it = item(ps, "area:jam-0007"));
	assert_int_equal(it->kind, LK_AREA);
	assert_true(fabs(it->radius_m - 20000) < 1e-6);
	/* The ISS is not over the strait: not an item, unless selected. */
	assert_null(item(ps, "norad:25544"));
	assert_int_equal(o.ngtrack, 0);
	o.selected = "norad:25544";
	picsrc_fill(ps, p, &vp, &o, NULL);
	assert_non_null(it = item(ps, "norad:25544"));
	assert_int_equal(it->kind, LK_SAT);
	assert_true(o.ngtrack > 100);
	assert_true(o.gtrack_now > 0 && o.gtrack_now < o.ngtrack);
	/* ISS near 420 km: horizon radius about 2,270 km. */
	assert_true(o.footprint_km > 2000 && o.footprint_km < 2500);
	/* Consecutive ground-track points 90 s apart: 7.5 km/s is ~6 deg. */
	for (int i = 1; i < o.ngtrack; i++) {
		double dlat = o.gtrack[i][0] - o.gtrack[i - 1][0];
		assert_true(fabs(dlat) < 6.5);
	}
	o.selected = "mmsi:431000001";
	picsrc_fill(ps, p, &vp, &o, NULL);
	assert_non_null(it = item(ps, "mmsi:431000001"));
	assert_int_equal(it->ntrail, 1);
	picsrc_destroy(ps);
	pic_destroy(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(default_keys_follow_terminal_habits),
		cmocka_unit_test(replay_deck_keys_are_the_documented_ones),
		cmocka_unit_test(key_names_round_trip),
		cmocka_unit_test(rebinding_moves_a_key_from_its_old_action),
		cmocka_unit_test(config_sets_feeds_region_keys_and_colours),
		cmocka_unit_test(config_errors_name_the_member_and_the_reason),
		cmocka_unit_test(config_load_says_which_file),
		cmocka_unit_test(banner_is_unclassified_when_nothing_is_marked_higher),
		cmocka_unit_test(banner_rel_to_is_the_common_set_in_canonical_order),
		cmocka_unit_test(store_keeps_the_newest_events_and_one_entry_per_entity),
		cmocka_unit_test(lists_sort_stably_and_filter),
		cmocka_unit_test(ships_point_their_course_in_eight_directions),
		cmocka_unit_test(dense_cells_show_a_count_and_labels_never_overlap),
		cmocka_unit_test(interference_is_an_outline_with_a_hatch),
		cmocka_unit_test(the_picture_becomes_items_in_the_viewport),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
