/*
 * tle_test.c: the TLE/3LE parser (src/orbit/tle.c): a real element set
 * field by field, Alpha-5 numbers, checksums, column layout, ranges, 3LE
 * names with padding and "0 " prefixes, and a file reader that reports
 * each bad record by line number and keeps loading the rest; the whole
 * real catalogue loads.
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

/* ISS from the CelesTrak snapshot in tests/data/space */
static const char *iss1 =
    "1 25544U 98067A   26078.12958500  .00009105  00000+0  17698-3 0  9991";
static const char *iss2 =
    "2 25544  51.6344  25.6919 0006229 207.4819 152.5840 15.48370465557798";

static void
fix_sum(char *l)
{
	l[68] = (char)('0' + tle_checksum(l));
}

static void
a_real_element_set_parses_field_by_field(void **state)
{
	struct orb_elements el;
	char why[TLE_WHY_MAX], l1[80], l2[80];

	strcpy(l1, iss1);
	strcpy(l2, iss2);
	assert_int_equal(tle_parse("ISS (ZARYA)             ", l1, l2, true,
	    &el, why), TCOP_OK);
	assert_int_equal(el.norad, 25544);
	assert_string_equal(el.name, "ISS (ZARYA)");
	assert_string_equal(el.object_id, "1998-067A");
	assert_int_equal(el.classification, 'U');
	assert_true(fabs(el.inclination - 51.6344) < 1e-12);
	assert_true(fabs(el.ra_of_asc_node - 25.6919) < 1e-12);
	assert_true(fabs(el.eccentricity - 0.0006229) < 1e-15);
	assert_true(fabs(el.arg_of_pericenter - 207.4819) < 1e-12);
	assert_true(fabs(el.mean_anomaly - 152.5840) < 1e-12);
	assert_true(fabs(el.mean_motion - 15.48370465) < 1e-12);
	assert_true(fabs(el.bstar - 0.17698e-3) < 1e-15);
	assert_true(fabs(el.mean_motion_dot - 0.00009105) < 1e-15);
	assert_int_equal(el.rev_at_epoch, 55779);
	assert_int_equal(el.element_set_no, 999);
	/* 2026 day 78.12958500 = 2026-03-19 03:06:36.144 UTC */
	assert_true(el.jdsatepoch == 2461118.5);
	assert_int_equal(el.epoch_ms, INT64_C(1773889596144));
}

static void
alpha5_catalogue_numbers_decode(void **state)
{
	struct orb_elements el;
	char why[TLE_WHY_MAX], l1[80], l2[80];

	strcpy(l1, iss1);
	strcpy(l2, iss2);
	memcpy(l1 + 2, "A0001", 5);
	memcpy(l2 + 2, "A0001", 5);
	fix_sum(l1);
	fix_sum(l2);
	assert_int_equal(tle_parse(NULL, l1, l2, true, &el, why), TCOP_OK);
	assert_int_equal(el.norad, 100001);
	memcpy(l1 + 2, "Z9999", 5);
	memcpy(l2 + 2, "Z9999", 5);
	fix_sum(l1);
	fix_sum(l2);
	assert_int_equal(tle_parse(NULL, l1, l2, true, &el, why), TCOP_OK);
	assert_int_equal(el.norad, 339999);
	memcpy(l1 + 2, "I0001", 5); /* I and O are not used */
	memcpy(l2 + 2, "I0001", 5);
	fix_sum(l1);
	fix_sum(l2);
	assert_int_equal(tle_parse(NULL, l1, l2, true, &el, why), TCOP_ECHAR);
	assert_non_null(strstr(why, "catalogue number"));
}

static void
bad_lines_are_rejected_with_a_reason(void **state)
{
	struct orb_elements el;
	char why[TLE_WHY_MAX], l1[80], l2[80];

	strcpy(l1, iss1);
	strcpy(l2, iss2);
	fix_sum(l1);
	fix_sum(l2);
	l1[68] = l1[68] == '9' ? '0' : (char)(l1[68] + 1);
	assert_int_equal(tle_parse(NULL, l1, l2, true, &el, why),
	    TCOP_ECHECKSUM);
	assert_non_null(strstr(why, "line 1 checksum"));
	assert_int_equal(tle_parse(NULL, l1, l2, false, &el, why), TCOP_OK);

	strcpy(l1, iss1);
	fix_sum(l1);
	memcpy(l2 + 8, "191.6325", 8); /* inclination out of range */
	fix_sum(l2);
	assert_int_equal(tle_parse(NULL, l1, l2, true, &el, why), TCOP_ERANGE);
	assert_non_null(strstr(why, "inclination"));

	strcpy(l2, iss2);
	memcpy(l2 + 2, "25545", 5);
	fix_sum(l2);
	assert_int_equal(tle_parse(NULL, l1, l2, true, &el, why),
	    TCOP_EFORMAT);
	assert_non_null(strstr(why, "differ"));

	strcpy(l2, iss2);
	l2[30] = 'x'; /* eccentricity */
	assert_int_equal(tle_parse(NULL, l1, l2, false, &el, why), TCOP_ECHAR);
	assert_non_null(strstr(why, "eccentricity"));

	assert_int_equal(tle_parse(NULL, l1, "2 25544  51.6325", true, &el,
	    why), TCOP_ETRUNC);
	strcpy(l2, iss2);
	l2[11] = ' '; /* the inclination's decimal point */
	assert_int_equal(tle_parse(NULL, l1, l2, false, &el, why),
	    TCOP_EFORMAT);
	strcpy(l2, iss2);
	memcpy(l2 + 52, "nan        ", 11);
	assert_int_equal(tle_parse(NULL, l1, l2, false, &el, why),
	    TCOP_ECHAR);
}

static void
a_file_loads_around_its_bad_records(void **state)
{
	char l1[80], l2[80], bad[80], buf[2048];
	struct tle_reader r;
	struct orb_elements el;
	char why[TLE_WHY_MAX];
	long line;
	int ok = 0;

	strcpy(l1, iss1);
	strcpy(l2, iss2);
	fix_sum(l1);
	fix_sum(l2);
	strcpy(bad, l1);
	bad[68] = bad[68] == '9' ? '0' : (char)(bad[68] + 1);
	snprintf(buf, sizeof(buf),
	    "0 ISS (ZARYA)\r\n%s\r\n%s\r\n"  /* 1-3: 3LE with "0 " */
	    "\n"                             /* 4 */
	    "BROKEN\n%s\n%s\n"              /* 5-7: bad checksum */
	    "%s\n"                           /* 8: line 1 without line 2 */
	    "ORPHAN NAME\n"                  /* 9: no line 1 after it */
	    "PADDED NAME      \n%s\n%s\n"   /* 10-12: good 3LE */
	    "%s\n"                           /* 13: line 2 alone */
	    "%s\n%s\n",                      /* 14-15: plain 2LE */
	    l1, l2, bad, l2, l1, l1, l2, l2, l1, l2);
	tle_reader_init(&r, buf, strlen(buf));
	assert_int_equal(tle_next(&r, &el, &line, why), TCOP_OK);
	assert_int_equal(line, 2);
	assert_string_equal(el.name, "ISS (ZARYA)");
	ok++;
	assert_int_equal(tle_next(&r, &el, &line, why), TCOP_ECHECKSUM);
	assert_int_equal(line, 6);
	assert_int_equal(tle_next(&r, &el, &line, why), TCOP_EFORMAT);
	assert_int_equal(line, 8);
	assert_non_null(strstr(why, "not followed by a line 2"));
	assert_int_equal(tle_next(&r, &el, &line, why), TCOP_EFORMAT);
	assert_int_equal(line, 9);
	assert_non_null(strstr(why, "name line"));
	assert_int_equal(tle_next(&r, &el, &line, why), TCOP_OK);
	assert_int_equal(line, 11);
	assert_string_equal(el.name, "PADDED NAME");
	ok++;
	assert_int_equal(tle_next(&r, &el, &line, why), TCOP_EFORMAT);
	assert_int_equal(line, 13);
	assert_int_equal(tle_next(&r, &el, &line, why), TCOP_OK);
	assert_int_equal(line, 14);
	assert_string_equal(el.name, "");
	ok++;
	assert_int_equal(tle_next(&r, &el, &line, why), TCOP_EOF);
	assert_int_equal(ok, 3);
}

static void
the_real_catalogue_loads_whole(void **state)
{
	char *buf;
	size_t n;
	long line;
	struct tle_reader r;
	struct orb_elements el;
	char why[TLE_WHY_MAX];
	int good = 0, bad = 0;
	tcop_err rv;

	buf = td_slurp("space/celestrak_active_20260319_part_a.tle", &n);
	tle_reader_init(&r, buf, n);
	while ((rv = tle_next(&r, &el, &line, why)) != TCOP_EOF) {
		if (rv == TCOP_OK)
			good++;
		else
			bad++;
	}
	free(buf);
	assert_int_equal(good, 9777);
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_real_element_set_parses_field_by_field),
		cmocka_unit_test(alpha5_catalogue_numbers_decode),
		cmocka_unit_test(bad_lines_are_rejected_with_a_reason),
		cmocka_unit_test(a_file_loads_around_its_bad_records),
		cmocka_unit_test(the_real_catalogue_loads_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
