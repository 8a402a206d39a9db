/*
 * jammark_test.c: reading an operator's mark as a GNSS interference area
 * (ui/jammark.h): the radius in each unit, `until`/`for` ends, `clear`,
 * ordinary marks left alone, bad text rejected with a reason and no
 * message; then the cyber/interference message, decoded back with the
 * tcop/1 decoder every viewer runs.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tcop/event.h"
#include "ui/jammark.h"

#define T0 INT64_C(1773878400000) /* 2026-03-19T00:00:00Z */

static void
radius_in_nm_km_and_m(void **state)
{
	struct jammark m;

	(void)state;
	assert_int_equal(jammark_parse("jam 25nm GPS L1 reported by MV X", T0,
	    &m), JAMMARK_AREA);
	assert_string_equal(m.what, "gnss-jamming");
	assert_true(fabs(m.radius_m - 46300) < 1e-6);
	assert_true(m.end == TCOP_MS_NONE);
	assert_int_equal(jammark_parse("SPOOF 40km", T0, &m), JAMMARK_AREA);
	assert_string_equal(m.what, "gnss-spoofing");
	assert_true(fabs(m.radius_m - 40000) < 1e-6);
	assert_int_equal(jammark_parse("  Jamming 2.5NM", T0, &m),
	    JAMMARK_AREA);
	assert_true(fabs(m.radius_m - 4630) < 1e-6);
	assert_int_equal(jammark_parse("spoofing 500m near the berth", T0,
	    &m), JAMMARK_AREA);
	assert_true(fabs(m.radius_m - 500) < 1e-9);
}

static void
until_and_for_give_the_end(void **state)
{
	struct jammark m;

	(void)state;
	assert_int_equal(jammark_parse("jam 10km until 2026-03-19T06:00:00Z "
	    "exercise", T0, &m), JAMMARK_AREA);
	assert_true(m.end == T0 + 6 * 3600000);
	assert_int_equal(jammark_parse("jam 10km for 2h", T0, &m),
	    JAMMARK_AREA);
	assert_true(m.end == T0 + 2 * 3600000);
	/* a word that is neither leaves the area open */
	assert_int_equal(jammark_parse("jam 10km forever", T0, &m),
	    JAMMARK_AREA);
	assert_true(m.end == TCOP_MS_NONE);
}

static void
clear_and_ordinary_marks(void **state)
{
	struct jammark m;

	(void)state;
	assert_int_equal(jammark_parse("clear", T0, &m), JAMMARK_CLEAR);
	assert_int_equal(jammark_parse("CLEAR no more reports", T0, &m),
	    JAMMARK_CLEAR);
	assert_int_equal(jammark_parse("tanker loitering", T0, &m),
	    JAMMARK_NONE);
	assert_int_equal(jammark_parse("jammed winch, 25nm", T0, &m),
	    JAMMARK_NONE);
	assert_int_equal(jammark_parse("", T0, &m), JAMMARK_NONE);
	assert_int_equal(jammark_parse("clearance 5nm", T0, &m), JAMMARK_NONE);
}

static void
bad_text_has_a_reason(void **state)
{
	static const char *const bad[] = {
		"jam", "jam GPS L1", "jam 25", "jam 25 nm", "jam 25mi",
		"jam -5km", "jam 0m", "spoof 2000km", "jam nan km",
		"jam 10km until tomorrow", "jam 10km until 2026-03-18T00:00:00Z",
		"jam 10km for ever", "jam 10km for 0s", "jam 1e400m",
	};
	struct jammark m;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char buf[512];
		size_t len;

		assert_int_equal(jammark_parse(bad[i], T0, &m), JAMMARK_BAD);
		assert_non_null(m.why);
		assert_true(strlen(m.why) > 10);
		assert_int_equal(jammark_msg(&m, "area:x", T0, "op", bad[i],
		    35, 139, buf, sizeof buf, &len), TCOP_EINVAL);
	}
	/* for D needs the picture's time */
	assert_int_equal(jammark_parse("jam 5km for 1h", TCOP_MS_NONE, &m),
	    JAMMARK_BAD);
}

static void
the_message_decodes_as_an_interference_area(void **state)
{
	static const char text[] = "jam 25nm for 6h GPS \"L1\"";
	struct jammark m;
	tcop_event ev;
	char buf[1024];
	size_t len;

	(void)state;
	assert_int_equal(jammark_parse(text, T0, &m), JAMMARK_AREA);
	assert_int_equal(jammark_msg(&m, "area:mark-op-1", T0, "op", text,
	    35.25, 139.75, buf, sizeof buf, &len), TCOP_OK);
	assert_int_equal(strlen(buf), len);
	assert_memory_equal(buf, "cyber/interference {", 20);
	assert_int_equal(tcop_event_decode(buf, len, &ev), TCOP_OK);
	assert_int_equal(ev.kind, TCOP_K_INTERFERENCE);
	assert_string_equal(ev.id, "area:mark-op-1");
	assert_string_equal(ev.u.intf.what, "gnss-jamming");
	assert_true(fabs(ev.u.intf.radius_m - 46300) < 1e-6);
	assert_true(ev.u.intf.end == T0 + 6 * 3600000);
	assert_true(ev.has_pos && ev.lat == 35.25 && ev.lon == 139.75);
	assert_false(ev.u.intf.clear);
	assert_non_null(strstr(buf, "\"by\":\"op\""));
	assert_non_null(strstr(buf, "\"text\":\"jam 25nm for 6h GPS \\\"L1\\\"\""));

	assert_int_equal(jammark_parse("clear", T0, &m), JAMMARK_CLEAR);
	assert_int_equal(jammark_msg(&m, "area:jam-0007", T0 + 1000, "op",
	    "clear", 0, 0, buf, sizeof buf, &len), TCOP_OK);
	assert_int_equal(tcop_event_decode(buf, len, &ev), TCOP_OK);
	assert_string_equal(ev.id, "area:jam-0007");
	assert_true(ev.u.intf.clear);
	/* too small a buffer */
	assert_int_equal(jammark_msg(&m, "area:jam-0007", T0, "op", "clear",
	    0, 0, buf, 40, &len), TCOP_ETOOBIG);
	assert_int_equal(jammark_msg(&m, "area:jam-0007", T0, "op", "clear",
	    0, 0, buf, 4, &len), TCOP_ETOOBIG);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(radius_in_nm_km_and_m),
		cmocka_unit_test(until_and_for_give_the_end),
		cmocka_unit_test(clear_and_ordinary_marks),
		cmocka_unit_test(bad_text_has_a_reason),
		cmocka_unit_test(the_message_decodes_as_an_interference_area),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
