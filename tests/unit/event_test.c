/*
 * event_test.c: the tcop/1 decoder (src/decode/ev_json.c): every rejection
 * reason, the common fields, the domain fields of each topic, and that the
 * raw JSON (with its unknown fields) stays reachable; RFC 3339 times and
 * civil-date arithmetic (src/core/time.c).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tcop/event.h"

static tcop_err
dec(const char *msg, tcop_event *ev)
{
	return tcop_event_decode(msg, strlen(msg), ev);
}

#define GOOD "\"id\":\"mmsi:431000001\",\"t\":\"2026-11-26T23:00:00Z\",\"src\":\"aisrx\""

static void
a_valid_track_decodes_with_domain_fields(void **state)
{
	tcop_event ev;
	const char *m = "maritime/track {" GOOD ",\"seq\":7,\"cls\":\"U\","
	    "\"rel\":[\"USA\",\"JPN\"],\"lat\":34.5,\"lon\":139.25,\"type\":1,"
	    "\"mmsi\":431000001,\"speed\":12.5,\"course\":270.1,"
	    "\"shipname\":\"SHINANO MARU\",\"via\":\"satellite\",\"extra\":{\"x\":1}}";

	assert_int_equal(dec(m, &ev), TCOP_OK);
	assert_int_equal(ev.kind, TCOP_K_TRACK);
	assert_string_equal(ev.topic, "maritime/track");
	assert_string_equal(ev.id, "mmsi:431000001");
	assert_string_equal(ev.src, "aisrx");
	assert_int_equal(ev.seq, 7);
	assert_int_equal(ev.cls, TCOP_CLS_U);
	assert_int_equal(ev.nrel, 2);
	assert_string_equal(ev.rel[1], "JPN");
	assert_true(ev.has_pos);
	assert_true(ev.lat == 34.5 && ev.lon == 139.25);
	assert_int_equal(ev.t, INT64_C(1795734000000));
	assert_int_equal(ev.u.track.type, 1);
	assert_int_equal(ev.u.track.mmsi, 431000001);
	assert_true(ev.u.track.speed == 12.5);
	assert_true(isnan(ev.u.track.heading));
	assert_int_equal(ev.u.track.status, -1);
	assert_string_equal(ev.u.track.shipname, "SHINANO MARU");
	assert_true(ev.u.track.via_satellite);
	/* unknown fields are kept in the raw JSON the event points to */
	assert_non_null(memmem(ev.json, ev.json_len, "\"extra\"", 7));
	assert_ptr_equal(ev.json, m + strlen("maritime/track "));
}

static void
an_unknown_topic_is_well_formed_but_unknown(void **state)
{
	tcop_event ev;

	assert_int_equal(dec("weather/wind {" GOOD "}", &ev), TCOP_OK);
	assert_int_equal(ev.kind, TCOP_K_UNKNOWN);
	assert_false(ev.has_pos);
	assert_int_equal(ev.cls, TCOP_CLS_NONE);
	assert_int_equal(ev.nrel, -1);
	assert_int_equal(ev.seq, -1);
}

struct bad {
	const char *msg;
	tcop_err want;
};

static const struct bad bad_cases[] = {
	{ "", TCOP_EEMPTY },
	{ "maritime/track", TCOP_ETOPIC },
	{ "maritime {" GOOD "}", TCOP_ETOPIC },
	{ "Maritime/Track {" GOOD "}", TCOP_ETOPIC },
	{ "/track {" GOOD "}", TCOP_ETOPIC },
	{ "maritime/ {" GOOD "}", TCOP_ETOPIC },
	{ "a/b/c {" GOOD "}", TCOP_ETOPIC },
	{ " maritime/track {" GOOD "}", TCOP_ETOPIC },
	{ "maritime/track not json", TCOP_EJSON },
	{ "maritime/track [1,2]", TCOP_EJSON },
	{ "maritime/track {\"id\":", TCOP_EJSON },
	{ "maritime/track {" GOOD "} trailing", TCOP_EJSON },
	{ "maritime/track {" GOOD ",\n\"x\":1}", TCOP_EJSON },
	{ "maritime/track {\"t\":\"2026-11-26T23:00:00Z\",\"src\":\"a\"}", TCOP_EID },
	{ "maritime/track {\"id\":5,\"t\":\"2026-11-26T23:00:00Z\",\"src\":\"a\"}", TCOP_EID },
	{ "maritime/track {\"id\":\"\",\"t\":\"2026-11-26T23:00:00Z\",\"src\":\"a\"}", TCOP_EID },
	{ "maritime/track {\"id\":\"x\",\"src\":\"a\"}", TCOP_ETIME },
	{ "maritime/track {\"id\":\"x\",\"t\":\"yesterday\",\"src\":\"a\"}", TCOP_ETIME },
	{ "maritime/track {\"id\":\"x\",\"t\":\"2026-02-30T00:00:00Z\",\"src\":\"a\"}", TCOP_ETIME },
	{ "maritime/track {\"id\":\"x\",\"t\":\"2026-11-26T23:00:00\",\"src\":\"a\"}", TCOP_ETIME },
	{ "maritime/track {\"id\":\"x\",\"t\":1795734000,\"src\":\"a\"}", TCOP_ETIME },
	{ "maritime/track {\"id\":\"x\",\"t\":\"2026-11-26T23:00:00Z\"}", TCOP_ESRC },
	{ "maritime/track {\"id\":\"x\",\"t\":\"2026-11-26T23:00:00Z\",\"src\":[]}", TCOP_ESRC },
	{ "maritime/track {" GOOD ",\"seq\":-1}", TCOP_ESEQ },
	{ "maritime/track {" GOOD ",\"seq\":1.5}", TCOP_ESEQ },
	{ "maritime/track {" GOOD ",\"seq\":\"3\"}", TCOP_ESEQ },
	{ "maritime/track {" GOOD ",\"cls\":\"SECRET\"}", TCOP_ECLS },
	{ "maritime/track {" GOOD ",\"rel\":\"USA\"}", TCOP_EREL },
	{ "maritime/track {" GOOD ",\"rel\":[\"usa\"]}", TCOP_EREL },
	{ "maritime/track {" GOOD ",\"lat\":90.5,\"lon\":0}", TCOP_ELAT },
	{ "maritime/track {" GOOD ",\"lat\":\"35\",\"lon\":0}", TCOP_ELAT },
	{ "maritime/track {" GOOD ",\"lat\":35,\"lon\":-180.01}", TCOP_ELON },
	{ "maritime/track {" GOOD ",\"lat\":35}", TCOP_ELON },
	{ "maritime/track {" GOOD ",\"lon\":35}", TCOP_ELAT },
	{ "maritime/track {" GOOD ",\"lat\":1e999,\"lon\":0}", TCOP_ENOTFINITE },
	{ "cyber/interference {" GOOD ",\"area\":[[0,0],[1,1]]}", TCOP_EFIELD },
	{ "cyber/interference {" GOOD ",\"area\":[[0,0],[1,1],[200,1]]}", TCOP_EFIELD },
};

static void
every_rejection_has_its_reason(void **state)
{
	tcop_event ev;

	for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		tcop_err rv = dec(bad_cases[i].msg, &ev);
		if (rv != bad_cases[i].want)
			fail_msg("case %zu \"%s\": got %s, want %s", i,
			    bad_cases[i].msg, tcop_err_name(rv),
			    tcop_err_name(bad_cases[i].want));
	}
}

static void
oversize_and_random_bytes_are_rejected(void **state)
{
	tcop_event ev;
	size_t n = 1 << 20;
	char *big = malloc(n);
	unsigned seed = 12345;

	assert_non_null(big);
	memset(big, 'a', n);
	memcpy(big, "maritime/track {", 16);
	assert_int_equal(tcop_event_decode(big, n, &ev), TCOP_ETOOBIG);
	for (int round = 0; round < 2000; round++) {
		size_t len = (size_t)(rand_r(&seed) % 300);
		for (size_t i = 0; i < len; i++)
			big[i] = (char)rand_r(&seed);
		assert_int_not_equal(tcop_event_decode(big, len, &ev), TCOP_OK);
	}
	free(big);
}

static void
space_track_numbers_as_strings_are_read(void **state)
{
	tcop_event ev;
	const char *m = "space/conjunction {\"id\":\"cdm:406320986\","
	    "\"t\":\"2022-12-25T00:00:00Z\",\"src\":\"space-track\","
	    "\"CDM_ID\":\"406320986\",\"TCA\":\"2022-12-27T13:28:59.516Z\","
	    "\"MIN_RNG\":\"974\",\"PC\":\"5.16e-16\",\"SAT_1_ID\":48911,"
	    "\"SAT_1_NAME\":\"YAM-2\"}";

	assert_int_equal(dec(m, &ev), TCOP_OK);
	assert_int_equal(ev.kind, TCOP_K_CONJUNCTION);
	assert_string_equal(ev.u.cdm.cdm_id, "406320986");
	assert_true(ev.u.cdm.min_rng == 974);
	assert_true(ev.u.cdm.pc == 5.16e-16);
	assert_string_equal(ev.u.cdm.sat_1_id, "48911");
	assert_int_equal(ev.u.cdm.tca % 1000, 516);
}

static void
an_interference_polygon_is_read(void **state)
{
	tcop_event ev;
	const char *m = "cyber/interference {" GOOD ",\"what\":\"gnss-jamming\","
	    "\"area\":[[129.1,34.0],[129.6,34.0],[129.6,34.4],[129.1,34.4]]}";

	assert_int_equal(dec(m, &ev), TCOP_OK);
	assert_int_equal(ev.narea, 4);
	assert_true(ev.area[2][0] == 129.6 && ev.area[2][1] == 34.4);
	assert_string_equal(ev.u.intf.what, "gnss-jamming");
	assert_true(isnan(ev.u.intf.radius_m));
}

static void
long_strings_are_cut_on_a_character_boundary(void **state)
{
	tcop_event ev;
	/* 22 'A' then a 3-byte character: shipname holds 23 bytes */
	const char *m = "maritime/track {" GOOD ",\"shipname\":"
	    "\"AAAAAAAAAAAAAAAAAAAAAA\xe2\x82\xac\"}";

	assert_int_equal(dec(m, &ev), TCOP_OK);
	assert_int_equal(strlen(ev.u.track.shipname), 22);
}

static void
the_resend_flag_is_read(void **state)
{
	tcop_event ev;

	assert_int_equal(dec("space/elements {" GOOD ",\"resend\":true}", &ev),
	    TCOP_OK);
	assert_true(ev.resend);
}

static void
times_parse_and_format_round_trip(void **state)
{
	tcop_ms t;
	char buf[32];

	assert_int_equal(tcop_time_parse("1970-01-01T00:00:00Z", 20, &t), TCOP_OK);
	assert_int_equal(t, 0);
	assert_int_equal(tcop_time_parse("2000-02-29T12:34:56.789Z", 24, &t), TCOP_OK);
	tcop_time_format_ms(t, buf, sizeof buf);
	assert_string_equal(buf, "2000-02-29T12:34:56.789Z");
	assert_int_equal(tcop_time_parse("2026-11-27T09:00:00+09:00", 25, &t), TCOP_OK);
	tcop_time_format_s(t, buf, sizeof buf);
	assert_string_equal(buf, "2026-11-27T00:00:00Z");
	assert_int_equal(tcop_time_parse("1969-12-31T23:59:59.5Z", 22, &t), TCOP_OK);
	assert_int_equal(t, -500);
	tcop_time_format_ms(t, buf, sizeof buf);
	assert_string_equal(buf, "1969-12-31T23:59:59.500Z");
	assert_int_equal(tcop_time_parse("2100-02-29T00:00:00Z", 20, &t), TCOP_ETIME);
	assert_int_equal(tcop_duration_parse("15m", &t), TCOP_OK);
	assert_int_equal(t, 900000);
	assert_int_equal(tcop_duration_parse("250ms", &t), TCOP_OK);
	assert_int_equal(t, 250);
	assert_int_equal(tcop_duration_parse("2x", &t), TCOP_EINVAL);
}

static void
civil_dates_and_day_numbers_are_inverses(void **state)
{
	int y;
	unsigned m, d;

	(void)state;
	tcop_civil_from_days(0, &y, &m, &d);
	assert_true(y == 1970 && m == 1 && d == 1);
	tcop_civil_from_days(11016, &y, &m, &d);
	assert_true(y == 2000 && m == 2 && d == 29);
	tcop_civil_from_days(-1, &y, &m, &d);
	assert_true(y == 1969 && m == 12 && d == 31);
	/* 1600-01-01 .. 2400-12-31, every day, both ways */
	for (int64_t z = -135140; z <= 157419; z++) {
		tcop_civil_from_days(z, &y, &m, &d);
		assert_true(m >= 1 && m <= 12 && d >= 1 && d <= 31);
		if (tcop_days_from_civil(y, m, d) != z)
			fail_msg("day %lld: %d-%u-%u", (long long)z, y, m, d);
	}
}

/* Copies cut at a UTF-8 boundary; tcop_str_set keeps dst for "". */
static void
strings_are_cut_whole_and_empty_keeps(void **state)
{
	char b[6];

	(void)state;
	assert_true(tcop_str_copy(b, sizeof b, "KAIYO"));
	assert_string_equal(b, "KAIYO");
	assert_false(tcop_str_copy(b, sizeof b, "KAIYO MARU"));
	assert_string_equal(b, "KAIYO");
	/* "ab" + U+65E5 (3 bytes) + "c": the character does not fit whole */
	assert_false(tcop_str_copy(b, 5, "ab\xe6\x97\xa5" "c"));
	assert_string_equal(b, "ab");
	tcop_str_set(b, sizeof b, "");
	assert_string_equal(b, "ab");
	tcop_str_set(b, sizeof b, "SEA");
	assert_string_equal(b, "SEA");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_valid_track_decodes_with_domain_fields),
		cmocka_unit_test(an_unknown_topic_is_well_formed_but_unknown),
		cmocka_unit_test(every_rejection_has_its_reason),
		cmocka_unit_test(oversize_and_random_bytes_are_rejected),
		cmocka_unit_test(space_track_numbers_as_strings_are_read),
		cmocka_unit_test(an_interference_polygon_is_read),
		cmocka_unit_test(long_strings_are_cut_on_a_character_boundary),
		cmocka_unit_test(the_resend_flag_is_read),
		cmocka_unit_test(times_parse_and_format_round_trip),
		cmocka_unit_test(civil_dates_and_day_numbers_are_inverses),
		cmocka_unit_test(strings_are_cut_whole_and_empty_keeps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
