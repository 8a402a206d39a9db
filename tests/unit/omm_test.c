/*
 * omm_test.c: OMM JSON element sets (src/orbit/omm.c) and conjunction
 * messages (src/orbit/cdm.c): the real CelesTrak file loads whole; one
 * object a line works like an array; numbers as strings are accepted;
 * a bad object is reported at its line and the rest loads; an element set
 * survives the trip through a space/elements event and tcop's own tcop/1
 * decoder with the same SGP4 state; the real Space-Track JSON and CCSDS
 * KVN conjunction messages give their published values; the shared
 * JSON helpers (src/orbit/ojson.c) escape or drop control characters, cut
 * at the buffer and read numbers strictly.
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

#include "orbit/cdm.h"
#include "orbit/ojson.h"
#include "orbit/omm.h"
#include "orbit/tle.h"
#include "tcop/event.h"

static void
the_real_omm_file_loads_whole(void **state)
{
	size_t len;
	char *buf = td_slurp("space/celestrak_omm_20250524_part_a.json", &len);
	struct omm_reader r;
	struct orb_elements el;
	char why[OMM_WHY_MAX];
	long line;
	int good = 0;
	tcop_err rv;

	omm_reader_init(&r, buf, len);
	while ((rv = omm_next(&r, &el, &line, why)) != TCOP_EOF) {
		assert_int_equal(rv, TCOP_OK);
		if (good == 0) {
			assert_int_equal(el.norad, 7530);
			assert_string_equal(el.name, "OSCAR 7 (AO-7)");
			assert_string_equal(el.object_id, "1974-089B");
			assert_true(el.mean_motion == 12.53689256);
			assert_int_equal(line, 2);
			/* 2025-05-24T20:17:04.048800 */
			assert_int_equal(el.epoch_ms, INT64_C(1748117824049));
		}
		good++;
	}
	assert_int_equal(good, 251);
	free(buf);
}

static const char *ndjson =
    "{\"OBJECT_NAME\":\"A\",\"NORAD_CAT_ID\":1,\"EPOCH\":\"2025-05-24T20:17:04.048800\","
    "\"MEAN_MOTION\":12.5,\"ECCENTRICITY\":0.001,\"INCLINATION\":101.9,"
    "\"RA_OF_ASC_NODE\":148.9,\"ARG_OF_PERICENTER\":150.5,\"MEAN_ANOMALY\":268.2}\n"
    "{\"OBJECT_NAME\":\"B\",\"NORAD_CAT_ID\":\"2\",\"EPOCH\":\"2025-05-24T20:17:04\","
    "\"MEAN_MOTION\":\"12.5\",\"ECCENTRICITY\":\"0.001\",\"INCLINATION\":\"101.9\","
    "\"RA_OF_ASC_NODE\":\"148.9\",\"ARG_OF_PERICENTER\":\"150.5\",\"MEAN_ANOMALY\":\"268.2\","
    "\"BSTAR\":\"0.0001\"}\n"
    "not json at all\n"
    "{\"NORAD_CAT_ID\":3,\"EPOCH\":\"yesterday\"}\n"
    "{\"NORAD_CAT_ID\":4,\"EPOCH\":\"2025-05-24T20:17:04\",\"MEAN_MOTION\":12.5,"
    "\"ECCENTRICITY\":1.5,\"INCLINATION\":1,\"RA_OF_ASC_NODE\":1,"
    "\"ARG_OF_PERICENTER\":1,\"MEAN_ANOMALY\":1}\n"
    "{\"OBJECT_NAME\":\"F\",\"NORAD_CAT_ID\":6,\"EPOCH\":\"2025-05-24T20:17:04\","
    "\"MEAN_MOTION\":12.5,\"ECCENTRICITY\":0.001,\"INCLINATION\":101.9,"
    "\"RA_OF_ASC_NODE\":148.9,\"ARG_OF_PERICENTER\":150.5,\"MEAN_ANOMALY\":\"NaN\"}\n"
    "{\"OBJECT_NAME\":\"G\",\"NORAD_CAT_ID\":7,\"EPOCH\":\"2025-05-24T20:17:04\","
    "\"MEAN_MOTION\":12.5,\"ECCENTRICITY\":0.001,\"INCLINATION\":101.9,"
    "\"RA_OF_ASC_NODE\":148.9,\"ARG_OF_PERICENTER\":150.5,\"MEAN_ANOMALY\":2}\n"
    "{\"unclosed\": 1\n";

static void
one_object_a_line_loads_around_bad_lines(void **state)
{
	struct omm_reader r;
	struct orb_elements el;
	char why[OMM_WHY_MAX];
	long line;

	omm_reader_init(&r, ndjson, strlen(ndjson));
	assert_int_equal(omm_next(&r, &el, &line, why), TCOP_OK);
	assert_int_equal(el.norad, 1);
	assert_int_equal(omm_next(&r, &el, &line, why), TCOP_OK);
	assert_int_equal(el.norad, 2);
	assert_true(el.bstar == 0.0001);
	assert_int_equal(line, 2);
	assert_int_equal(omm_next(&r, &el, &line, why), TCOP_EJSON);
	assert_int_equal(line, 3);
	assert_int_equal(omm_next(&r, &el, &line, why), TCOP_ETIME);
	assert_int_equal(line, 4);
	assert_int_equal(omm_next(&r, &el, &line, why), TCOP_ERANGE);
	assert_int_equal(line, 5);
	assert_non_null(strstr(why, "eccentricity"));
	assert_int_equal(omm_next(&r, &el, &line, why), TCOP_EFIELD);
	assert_int_equal(line, 6);
	assert_non_null(strstr(why, "MEAN_ANOMALY"));
	assert_int_equal(omm_next(&r, &el, &line, why), TCOP_OK);
	assert_int_equal(el.norad, 7);
	assert_int_equal(line, 7);
	assert_int_equal(omm_next(&r, &el, &line, why), TCOP_ETRUNC);
	assert_int_equal(line, 8);
	assert_int_equal(omm_next(&r, &el, &line, why), TCOP_EOF);
}

/* Event JSON -> tcop/1 decoder -> elements: the same SGP4 state. */
static void
round_trip(const struct orb_elements *a)
{
	char json[4096], why[OMM_WHY_MAX];
	size_t n = omm_event_json(a, "test", 7, json, sizeof(json));
	tcop_event ev;
	struct orb_elements b;
	elsetrec sa, sb;
	double ra[3], va[3], rb[3], vb[3];

	assert_true(n > 0);
	assert_int_equal(tcop_event_decode2("space/elements", 14, json, n, &ev),
	    TCOP_OK);
	assert_int_equal(ev.kind, TCOP_K_ELEMENTS);
	assert_int_equal(ev.u.el.norad_cat_id, a->norad);
	assert_int_equal(omm_from_event(&ev.u.el, &b, why), TCOP_OK);
	orb_init(a, &sa);
	orb_init(&b, &sb);
	sgp4(&sa, 1440.0, ra, va);
	sgp4(&sb, 1440.0, rb, vb);
	for (int i = 0; i < 3; i++)
		assert_true(fabs(ra[i] - rb[i]) < 1e-6);
}

static void
elements_survive_the_trip_through_an_event(void **state)
{
	size_t len;
	char *buf = td_slurp("space/celestrak_omm_20250524_part_a.json", &len);
	char *tle = td_slurp("space/sgp4_expected_part_a.tle", &len);
	struct omm_reader r;
	struct tle_reader t;
	struct orb_elements el;
	char why[OMM_WHY_MAX];
	long line;
	int n = 0;

	omm_reader_init(&r, buf, strlen(buf));
	while (omm_next(&r, &el, &line, why) == TCOP_OK && n++ < 20)
		round_trip(&el); /* OMM keys only */
	tle_reader_init(&t, tle, len);
	while (tle_next(&t, &el, &line, why) == TCOP_OK && n++ < 40)
		round_trip(&el); /* with tle1/tle2 */
	free(buf);
	free(tle);
}

static void
the_spacetrack_json_cdm_gives_its_values(void **state)
{
	size_t len;
	char *buf = td_slurp("space/cdm_spacetrack_yam2_cosmos1602_406320986.json", &len);
	struct cdm_reader r;
	struct cdm c;
	char why[CDM_WHY_MAX];
	long line;

	cdm_reader_init(&r, buf, len);
	assert_int_equal(cdm_next(&r, &c, &line, why), TCOP_OK);
	assert_string_equal(c.cdm_id, "406320986");
	assert_string_equal(c.tca_text, "2022-12-27T13:28:59.516Z");
	assert_true(c.min_rng == 974);
	assert_true(fabs(c.pc - 5.162516e-16) < 1e-22);
	assert_string_equal(c.sat_1_id, "48911");
	assert_string_equal(c.sat_1_name, "YAM-2");
	assert_string_equal(c.sat_2_id, "15331");
	assert_string_equal(c.sat_2_name, "COSMOS 1602");
	assert_int_equal(cdm_next(&r, &c, &line, why), TCOP_EOF);
	free(buf);
}

static void
the_ccsds_kvn_cdm_gives_its_values(void **state)
{
	size_t len;
	char *buf = td_slurp("space/cdm_ccsds_yam2_cosmos1602_406111525.kvn", &len);
	struct cdm_reader r;
	struct cdm c;
	char why[CDM_WHY_MAX], json[2048];
	long line;
	tcop_event ev;
	size_t n;

	cdm_reader_init(&r, buf, len);
	assert_int_equal(cdm_next(&r, &c, &line, why), TCOP_OK);
	assert_int_equal(line, 1);
	assert_string_equal(c.cdm_id, "406111525");
	assert_string_equal(c.tca_text, "2022-12-27T13:28:59.451Z");
	assert_true(c.min_rng == 912);
	assert_true(c.rel_speed == 2604);
	assert_true(fabs(c.pc - 7.480082e-19) < 1e-25);
	assert_string_equal(c.sat_1_id, "48911");
	assert_string_equal(c.sat_2_name, "COSMOS 1602");
	n = cdm_event_json(&c, "cspoc", 1, json, sizeof(json));
	assert_true(n > 0);
	assert_int_equal(tcop_event_decode2("space/conjunction", 17, json, n,
	    &ev), TCOP_OK);
	assert_string_equal(ev.id, "cdm:406111525");
	assert_true(ev.u.cdm.min_rng == 912);
	assert_string_equal(ev.u.cdm.sat_2_id, "15331");
	assert_int_equal(cdm_next(&r, &c, &line, why), TCOP_EOF);
	assert_int_equal(cdm_event_json(&c, "x", 1, json, sizeof(json)), 0);
	free(buf);
}

static void
bad_conjunctions_are_rejected_by_line(void **state)
{
	const char *kvn =
	    "CCSDS_CDM_VERS = 1.0\n"
	    "MESSAGE_ID = A\n"
	    "TCA = 2022-12-27T13:28:59\n"
	    "MISS_DISTANCE = 1.5 [km]\n"
	    "OBJECT = OBJECT1\nOBJECT_DESIGNATOR = 1\n"
	    "OBJECT = OBJECT2\nOBJECT_DESIGNATOR = 2\n"
	    "CCSDS_CDM_VERS = 1.0\n"          /* 9 */
	    "MESSAGE_ID = B\n"
	    "TCA = soon\n"                    /* 11 */
	    "CCSDS_CDM_VERS = 1.0\n"          /* 12 */
	    "MESSAGE_ID = C\n"
	    "this line has no equals sign\n"  /* 14 */
	    "CCSDS_CDM_VERS = 1.0\n"          /* 15 */
	    "MESSAGE_ID = D\n"
	    "TCA = 2022-12-27T13:28:59\n";    /* no miss distance */
	struct cdm_reader r;
	struct cdm c;
	char why[CDM_WHY_MAX];
	long line;

	cdm_reader_init(&r, kvn, strlen(kvn));
	assert_int_equal(cdm_next(&r, &c, &line, why), TCOP_OK);
	assert_true(c.min_rng == 1500);
	assert_int_equal(cdm_next(&r, &c, &line, why), TCOP_ETIME);
	assert_int_equal(line, 11);
	assert_int_equal(cdm_next(&r, &c, &line, why), TCOP_EFORMAT);
	assert_int_equal(line, 14);
	assert_int_equal(cdm_next(&r, &c, &line, why), TCOP_EFIELD);
	assert_int_equal(line, 15);
	assert_int_equal(cdm_next(&r, &c, &line, why), TCOP_EOF);
}

static void
the_orbit_json_helpers_escape_cut_and_read_strictly(void **state)
{
	char buf[64], small[6];
	double d = 0;
	size_t n;

	(void)state;
	n = ojson_put_str(buf, sizeof(buf), 0, "a\"b\\\x01", OJSON_CTL_ESCAPE);
	assert_int_equal(n, 14);
	buf[n] = '\0';
	assert_string_equal(buf, "\"a\\\"b\\\\\\u0001\"");
	n = ojson_put_str(buf, sizeof(buf), 0, "a\001b", OJSON_CTL_DROP);
	assert_int_equal(n, 4);
	buf[n] = '\0';
	assert_string_equal(buf, "\"ab\"");
	n = ojson_put(buf, sizeof(buf), 0, "{\"x\":%d", 42);
	n = ojson_put(buf, sizeof(buf), n, "}");
	assert_int_equal(n, 8);
	assert_string_equal(buf, "{\"x\":42}");
	/* too small: the length it would have, nothing past the end */
	n = ojson_put(small, sizeof(small), 0, "%s", "0123456789");
	assert_int_equal(n, 10);
	assert_string_equal(small, "01234");
	n = ojson_put_str(small, sizeof(small), n, "abc", OJSON_CTL_ESCAPE);
	assert_int_equal(n, 15);
	assert_true(ojson_num_text("1.5e3", &d) && d == 1500);
	assert_false(ojson_num_text("0x10", &d));
	assert_false(ojson_num_text("nan", &d));
	assert_false(ojson_num_text("1e999", &d));
	assert_false(ojson_num_text("12 ", &d));
	assert_false(ojson_num_text("", &d));
	ojson_clean(buf, sizeof(buf), "ISS (ZARYA)\x7f\t  ");
	assert_string_equal(buf, "ISS (ZARYA)");
	ojson_clean(small, sizeof(small), "ABCDEFGH");
	assert_string_equal(small, "ABCDE");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_real_omm_file_loads_whole),
		cmocka_unit_test(one_object_a_line_loads_around_bad_lines),
		cmocka_unit_test(elements_survive_the_trip_through_an_event),
		cmocka_unit_test(the_spacetrack_json_cdm_gives_its_values),
		cmocka_unit_test(the_ccsds_kvn_cdm_gives_its_values),
		cmocka_unit_test(bad_conjunctions_are_rejected_by_line),
		cmocka_unit_test(
		    the_orbit_json_helpers_escape_cut_and_read_strictly),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
