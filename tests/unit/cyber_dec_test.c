/*
 * cyber_dec_test.c: the line decoders of the cyber feed on their own:
 * EVE (src/cyber/eve.c) field by field and every rejection reason; GNSS
 * interference reports (src/cyber/intf.c); and that what they format is
 * a tcop/1 message tcop's own decoder accepts (src/decode/ev_json.c).
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

#include "cyber/eve.h"
#include "cyber/intf.h"
#include "cyber/jscan.h"

static struct eve_alert ea;
static struct intf_rec ir;
static tcop_event back;
static char buf[TCOP_MSG_MAX];

static tcop_err
eve(const char *line, const assets *a)
{
	struct eve_opts o = { a, NULL };

	return eve_decode(line, strlen(line), &o, &ea);
}

/* Format, then decode as a subscriber would. */
static void
roundtrip(tcop_err (*fmt)(const void *, int64_t, char *, size_t, size_t *),
    const void *rec, const char *topic)
{
	size_t n;

	assert_int_equal(fmt(rec, 7, buf, sizeof buf, &n), TCOP_OK);
	assert_int_equal(strlen(buf), n);
	assert_int_equal(tcop_event_decode2(topic, strlen(topic), buf, n, &back),
	    TCOP_OK);
	assert_int_equal(back.seq, 7);
}

static tcop_err
fmt_eve(const void *r, int64_t seq, char *b, size_t size, size_t *n)
{
	return eve_format(r, seq, b, size, n);
}

static tcop_err
fmt_intf(const void *r, int64_t seq, char *b, size_t size, size_t *n)
{
	return intf_format(r, seq, b, size, n);
}

#define ALERT_LINE \
	"{\"timestamp\":\"2026-03-14T06:41:00.867856+0900\",\"flow_id\":12," \
	"\"event_type\":\"alert\",\"src_ip\":\"198.51.100.7\",\"src_port\":4," \
	"\"dest_ip\":\"10.30.5.20\",\"dest_port\":123,\"proto\":\"UDP\"," \
	"\"alert\":{\"action\":\"allowed\",\"gid\":1,\"signature_id\":9000009," \
	"\"rev\":1,\"signature\":\"NTP \\\"monlist\\\"\\tprobe\",\"category\":" \
	"\"Attempted DoS\",\"severity\":2},\"host\":\"sensor-x\"}"

static void
an_alert_decodes_field_by_field(void **state)
{
	assets *a;
	char err[128];

	assert_int_equal(assets_load(&a, "tests/data/cyber/assets.json", err,
	    sizeof err), TCOP_OK);
	assert_int_equal(eve(ALERT_LINE, a), TCOP_OK);
	assert_int_equal(ea.ev.kind, TCOP_K_ALERT);
	/* +0900: the offset is applied */
	assert_int_equal(ea.ev.t, INT64_C(1773438060867));
	assert_string_equal(ea.ev.u.alert.signature, "NTP \"monlist\"\tprobe");
	assert_int_equal(ea.ev.u.alert.signature_id, 9000009);
	assert_int_equal(ea.ev.u.alert.severity, 2);
	assert_string_equal(ea.ev.u.alert.dest_ip, "10.30.5.20");
	assert_int_equal(ea.ev.u.alert.dest_port, 123);
	assert_int_equal(ea.flow_id, 12);
	assert_string_equal(ea.ev.u.alert.asset, "katsuura-gs");
	assert_string_equal(ea.via, "dest");
	assert_string_equal(ea.ev.id, "asset:katsuura-gs");
	assert_string_equal(ea.ev.src, "suricata-sensor-x");
	assert_true(ea.ev.has_pos && fabs(ea.ev.lat - 35.207) < 1e-9);
	roundtrip(fmt_eve, &ea, "cyber/alert");
	assert_int_equal(back.kind, TCOP_K_ALERT);
	assert_string_equal(back.u.alert.signature, "NTP \"monlist\"\tprobe");
	assert_string_equal(back.u.alert.asset, "katsuura-gs");
	assert_int_equal(back.t, ea.ev.t);
	assets_destroy(a);
}

static void
an_alert_from_a_ship_asset_carries_its_mmsi(void **state)
{
	assets *a;
	char err[128];
	const char *l = "{\"timestamp\":\"2026-03-14T06:00:00Z\",\"event_type\":"
	    "\"alert\",\"src_ip\":\"2001:db8:60::1\",\"dest_ip\":\"2001:db8:ff::1\","
	    "\"alert\":{\"signature\":\"x\"}}";

	assert_int_equal(assets_load(&a, "tests/data/cyber/assets.json", err,
	    sizeof err), TCOP_OK);
	assert_int_equal(eve(l, a), TCOP_OK);
	assert_string_equal(ea.via, "src");
	assert_int_equal(ea.mmsi, 431999001);
	assert_false(ea.ev.has_pos);
	roundtrip(fmt_eve, &ea, "cyber/alert");
	assert_false(back.has_pos);
	assert_non_null(strstr(buf, "\"mmsi\":431999001"));
	assets_destroy(a);
}

static void
without_an_asset_the_id_is_the_address(void **state)
{
	assert_int_equal(eve(ALERT_LINE, NULL), TCOP_OK);
	assert_string_equal(ea.ev.id, "ip:10.30.5.20");
	assert_int_equal(ea.asset, -1);
	assert_false(ea.ev.has_pos);
}

static void
other_event_types_are_valid_but_not_alerts(void **state)
{
	assert_int_equal(eve("{\"timestamp\":\"2026-03-14T06:00:00+0000\","
	    "\"event_type\":\"flow\"}\n", NULL), TCOP_OK);
	assert_int_equal(ea.ev.kind, TCOP_K_UNKNOWN);
	assert_string_equal(ea.event_type, "flow");
}

static void
bad_eve_lines_say_why(void **state)
{
	static const struct { const char *l; tcop_err rv; const char *why; } c[] = {
		{ "", TCOP_EEMPTY, "blank" },
		{ "  \r\n", TCOP_EEMPTY, "blank" },
		{ "{", TCOP_EJSON, "not JSON" },
		{ "[1]", TCOP_EJSON, "not one JSON object" },
		{ "{} {}", TCOP_EJSON, "not one JSON object" },
		{ "{\"timestamp\":\"2026-03-14T06:00:00Z\"}", TCOP_EFIELD,
		    "no event_type" },
		{ "{\"event_type\":\"alert\",\"alert\":{\"signature\":\"x\"}}",
		    TCOP_ETIME, "timestamp" },
		{ "{\"event_type\":\"alert\",\"timestamp\":\"2026-13-14T06:00:00Z\","
		    "\"alert\":{\"signature\":\"x\"}}", TCOP_ETIME, "timestamp" },
		{ "{\"event_type\":\"alert\",\"timestamp\":\"2026-03-14T06:00:00Z\","
		    "\"alert\":{\"signature_id\":1}}", TCOP_EFIELD, "signature" },
		{ "{\"event_type\":\"alert\",\"timestamp\":\"2026-03-14T06:00:00Z\","
		    "\"alert\":3}", TCOP_EFIELD, "alert object" },
		{ "{\"event_type\":\"anomaly\",\"timestamp\":\"2026-03-14T06:00:00Z\","
		    "\"anomaly\":{\"type\":\"decode\"}}", TCOP_EFIELD,
		    "anomaly.event" },
	};

	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		tcop_err rv = eve(c[i].l, NULL);
		if (rv != c[i].rv || strstr(ea.why, c[i].why) == NULL)
			fail_msg("case %zu: %s / %s", i, tcop_err_name(rv), ea.why);
	}
}

static void
mistyped_alert_fields_are_left_absent(void **state)
{
	assert_int_equal(eve("{\"event_type\":\"alert\",\"timestamp\":"
	    "\"2026-03-14T06:00:00Z\",\"src_port\":\"x\",\"dest_port\":70000,"
	    "\"flow_id\":-1,\"alert\":{\"signature\":\"s\",\"severity\":\"1\","
	    "\"signature_id\":1.5}}", NULL), TCOP_OK);
	assert_int_equal(ea.ev.u.alert.src_port, -1);
	assert_int_equal(ea.ev.u.alert.dest_port, -1);
	assert_int_equal(ea.flow_id, -1);
	assert_int_equal(ea.ev.u.alert.severity, -1);
	assert_int_equal(ea.ev.u.alert.signature_id, -1);
	assert_string_equal(ea.ev.id, "sensor:unknown");
}

static tcop_err
intf(const char *line)
{
	return intf_decode(line, strlen(line), NULL, &ir);
}

static void
the_interference_sample_decodes(void **state)
{
	FILE *f = fopen("tests/data/cyber/interference.jsonl", "r");
	char line[2048];
	int n = 0;

	assert_non_null(f);
	while (fgets(line, sizeof line, f) != NULL) {
		assert_int_equal(intf(line), TCOP_OK);
		roundtrip(fmt_intf, &ir, "cyber/interference");
		assert_int_equal(back.kind, TCOP_K_INTERFERENCE);
		assert_string_equal(back.id, ir.ev.id);
		switch (n++) {
		case 0:
			assert_string_equal(back.u.intf.what, "gnss-jamming");
			assert_true(back.u.intf.radius_m == 25000);
			assert_true(back.has_pos && back.lat == 35.05);
			assert_true(back.u.intf.end != TCOP_MS_NONE);
			break;
		case 1:
			assert_string_equal(back.id, "area:spoof-0002");
			assert_int_equal(back.narea, 5);
			assert_true(back.area[1][0] == 139.95);
			assert_int_equal(back.cls, TCOP_CLS_U);
			assert_int_equal(back.nrel, 2);
			break;
		case 3:
			assert_true(back.u.intf.clear);
			break;
		}
	}
	fclose(f);
	assert_int_equal(n, 4);
}

static void
bad_interference_reports_say_why(void **state)
{
	static const struct { const char *l; tcop_err rv; } c[] = {
		{ "{\"t\":\"2026-03-14T06:00:00Z\",\"clear\":true}", TCOP_EID },
		{ "{\"id\":\"a\",\"clear\":true}", TCOP_ETIME },
		{ "{\"id\":\"a\",\"t\":\"2026-03-14T06:00:00Z\"}", TCOP_EFIELD },
		{ "{\"id\":\"a\",\"t\":\"2026-03-14T06:00:00Z\",\"what\":\"rain\"}",
		    TCOP_EFIELD },
		{ "{\"id\":\"a\",\"t\":\"2026-03-14T06:00:00Z\",\"what\":"
		    "\"gnss-jamming\",\"lat\":1,\"lon\":2}", TCOP_EFIELD },
		{ "{\"id\":\"a\",\"t\":\"2026-03-14T06:00:00Z\",\"what\":"
		    "\"gnss-jamming\",\"lat\":1,\"lon\":2,\"radius_m\":-5}",
		    TCOP_EFIELD },
		{ "{\"id\":\"a\",\"t\":\"2026-03-14T06:00:00Z\",\"what\":"
		    "\"gnss-jamming\",\"lat\":91,\"lon\":2,\"radius_m\":5}",
		    TCOP_ELAT },
		{ "{\"id\":\"a\",\"t\":\"2026-03-14T06:00:00Z\",\"what\":"
		    "\"gnss-jamming\",\"lat\":1,\"radius_m\":5}", TCOP_ELON },
		{ "{\"id\":\"a\",\"t\":\"2026-03-14T06:00:00Z\",\"what\":"
		    "\"gnss-jamming\",\"area\":[[1,2],[3,4]]}", TCOP_EFIELD },
		{ "{\"id\":\"a\",\"t\":\"2026-03-14T06:00:00Z\",\"what\":"
		    "\"gnss-jamming\",\"area\":[[1,2],[3,4],[181,0]]}", TCOP_EFIELD },
		{ "{\"id\":\"a\",\"t\":\"2026-03-14T06:00:00Z\",\"what\":"
		    "\"gnss-jamming\",\"lat\":1,\"lon\":2,\"radius_m\":5,"
		    "\"end\":\"2026-03-14T05:00:00Z\"}", TCOP_EFIELD },
		{ "{\"id\":\"a\",\"t\":\"2026-03-14T06:00:00Z\",\"clear\":true,"
		    "\"cls\":\"SECRET\"}", TCOP_ECLS },
		{ "{\"id\":\"a\"} x", TCOP_EJSON },
		{ "   ", TCOP_EEMPTY },
	};

	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		tcop_err rv = intf(c[i].l);
		if (rv != c[i].rv || ir.why[0] == '\0')
			fail_msg("case %zu: %s (%s)", i, tcop_err_name(rv), ir.why);
	}
}

static enum jscan_result
js(const char *s, struct jscan_member *m)
{
	return jscan_object(s, strlen(s), m);
}

static void
jscan_checks_syntax_and_finds_the_member(void **state)
{
	static const struct { const char *s; enum jscan_result r; } c[] = {
		{ "{}", JSCAN_OBJECT },
		{ " {\"a\" : [1, -0.5, 2e10, 0E-1, true, false, null, {}, []]} \r\n",
		    JSCAN_OBJECT },
		{ "{\"s\":\"\\u00e9\\ud83d\\ude00\\n\\/\"}", JSCAN_OBJECT },
		{ "[1]", JSCAN_NOT_OBJECT },
		{ "{} {}", JSCAN_NOT_OBJECT },
		{ "\"x\"", JSCAN_NOT_OBJECT },
		{ "", JSCAN_NOT_JSON },
		{ "{", JSCAN_NOT_JSON },
		{ "{\"a\":01}", JSCAN_NOT_JSON },
		{ "{\"a\":1.}", JSCAN_NOT_JSON },
		{ "{\"a\":-}", JSCAN_NOT_JSON },
		{ "{\"a\":1,}", JSCAN_NOT_JSON },
		{ "{\"a\" 1}", JSCAN_NOT_JSON },
		{ "{a:1}", JSCAN_NOT_JSON },
		{ "{\"a\":tru}", JSCAN_NOT_JSON },
		{ "{\"a\":\"\t\"}", JSCAN_NOT_JSON },      /* raw control char */
		{ "{\"a\":\"\\x\"}", JSCAN_NOT_JSON },    /* bad escape */
		{ "{\"a\":\"\\ud800\"}", JSCAN_NOT_JSON }, /* lone surrogate */
		{ "{\"a\":\"\\udc00\"}", JSCAN_NOT_JSON },
		{ "{\"a\":\"\\u12g4\"}", JSCAN_NOT_JSON },
		{ "{\"a\":[1 2]}", JSCAN_NOT_JSON },
	};
	struct jscan_member m = { "event_type", NULL, 0, false };
	char deep[2 * JSCAN_DEPTH_MAX + 8];

	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
		if (jscan_object(c[i].s, strlen(c[i].s), NULL) != c[i].r)
			fail_msg("case %zu: %s", i, c[i].s);
	assert_int_equal(js("{\"x\":{\"event_type\":\"no\"},"
	    "\"event_type\":\"dns\"}", &m), JSCAN_OBJECT);
	assert_int_equal(m.len, 3);
	assert_memory_equal(m.val, "dns", 3);
	assert_false(m.escaped);
	assert_int_equal(js("{\"event_type\":\"a\",\"event_type\":\"b\"}", &m),
	    JSCAN_OBJECT);
	assert_true(m.escaped); /* twice: ask a parser */
	assert_int_equal(js("{\"event_\\u0074ype\":\"flow\"}", &m),
	    JSCAN_OBJECT);
	assert_true(m.escaped);
	assert_int_equal(js("{\"event_type\":3}", &m), JSCAN_OBJECT);
	assert_null(m.val);
	/* nesting is bounded */
	memset(deep, '[', JSCAN_DEPTH_MAX + 1);
	memset(deep + JSCAN_DEPTH_MAX + 1, ']', JSCAN_DEPTH_MAX + 1);
	assert_int_equal(jscan_object(deep, 2 * JSCAN_DEPTH_MAX + 2, NULL),
	    JSCAN_NOT_JSON);
	assert_int_equal(jscan_object(deep + 1, 2 * JSCAN_DEPTH_MAX, NULL),
	    JSCAN_NOT_OBJECT);
}

static void
an_escaped_event_type_is_still_found(void **state)
{
	assert_int_equal(eve("{\"timestamp\":\"2026-03-14T06:00:00Z\","
	    "\"event_type\":\"al\\u0065rt\",\"alert\":{\"signature\":\"s\"}}",
	    NULL), TCOP_OK);
	assert_int_equal(ea.ev.kind, TCOP_K_ALERT);
	assert_int_equal(eve("{\"timestamp\":\"2026-03-14T06:00:00Z\","
	    "\"event_type\" : \"anomaly\",\"anomaly\":{\"event\":\"e\"}}", NULL),
	    TCOP_OK);
	assert_int_equal(ea.ev.kind, TCOP_K_ALERT);
	assert_int_equal(eve("{\"event_type\":\"\"}", NULL), TCOP_EFIELD);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(an_alert_decodes_field_by_field),
		cmocka_unit_test(an_alert_from_a_ship_asset_carries_its_mmsi),
		cmocka_unit_test(without_an_asset_the_id_is_the_address),
		cmocka_unit_test(other_event_types_are_valid_but_not_alerts),
		cmocka_unit_test(bad_eve_lines_say_why),
		cmocka_unit_test(mistyped_alert_fields_are_left_absent),
		cmocka_unit_test(the_interference_sample_decodes),
		cmocka_unit_test(bad_interference_reports_say_why),
		cmocka_unit_test(jscan_checks_syntax_and_finds_the_member),
		cmocka_unit_test(an_escaped_event_type_is_still_found),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
