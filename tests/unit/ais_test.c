/*
 * ais_test.c: the AIS decoder's parts on their own: the bit readers, NMEA
 * framing and its rejection reasons, de-armouring, multi-sentence
 * reassembly (order, orphans, timeouts in event time), the binary decoder
 * (type 24 pairing, not-available values, ROT sign), the tcop/1 output
 * read back by the tcop/1 decoder, and the static-data cache.
 */
#include <inttypes.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ais/ais.h"
#include "ais/bits.h"
#include "ais/reader.h"
#include "ais/statics.h"
#include "tcop/event.h"

/* ---- bits ----------------------------------------------------------------- */

static void
ubits_reads_fields_across_bytes(void **state)
{
	const uint8_t b[] = { 0xA5, 0x0F, 0xF0, 0x81, 0xFF };

	assert_int_equal(ubits(b, 0, 1), 1);
	assert_int_equal(ubits(b, 1, 1), 0);
	assert_int_equal(ubits(b, 0, 8), 0xA5);
	assert_int_equal(ubits(b, 4, 8), 0x50);
	assert_int_equal(ubits(b, 12, 8), 0xFF);
	assert_int_equal(ubits(b, 0, 32), 0xA50FF081u);
	assert_int_equal(ubits(b, 6, 30), (0xA50FF081FFull >> 4) & 0x3FFFFFFF);
	assert_int_equal(ubits(b, 39, 1), 1);
	assert_int_equal(ubits(b, 3, 0), 0);
}

static void
sbits_sign_extends(void **state)
{
	const uint8_t b[] = { 0xFF, 0x80, 0x00, 0x7F };

	assert_int_equal(sbits(b, 0, 8), -1);
	assert_int_equal(sbits(b, 8, 8), -128);
	assert_int_equal(sbits(b, 24, 8), 127);
	assert_int_equal(sbits(b, 4, 4), -1);
	assert_int_equal(sbits(b, 9, 7), 0);
	assert_int_equal(sbits(b, 0, 32), (int32_t)0xFF80007F);
}

static void
padded_readers_agree_with_the_plain_ones(void **state)
{
	uint8_t b[64 + 8];
	uint32_t x = 99;

	for (size_t i = 0; i < sizeof b; i++) {
		x = x * 1103515245u + 12345u;
		b[i] = (uint8_t)(x >> 16);
	}
	for (size_t start = 0; start < 64 * 8 - 32; start += 3)
		for (unsigned w = 1; w <= 32; w++) {
			assert_int_equal(ubits_pad(b, start, w), ubits(b, start, w));
			assert_int_equal(sbits_pad(b, start, w), sbits(b, start, w));
		}
}

/* ---- NMEA framing ----------------------------------------------------------- */

static const char good[] = "!AIVDM,1,1,,B,13aGrVHP000J8V6N?5Ch0?vr0D0g,0*58";

static tcop_err
parse(const char *line, struct nmea_sentence *s)
{
	return nmea_parse(line, strlen(line), s);
}

static void
a_good_sentence_is_split_into_its_fields(void **state)
{
	struct nmea_sentence s;

	assert_int_equal(parse(good, &s), TCOP_OK);
	assert_string_equal(s.talker, "AI");
	assert_false(s.own);
	assert_int_equal(s.nfrag, 1);
	assert_int_equal(s.frag, 1);
	assert_int_equal(s.seqid, -1);
	assert_int_equal(s.channel, 'B');
	assert_int_equal(s.payload_len, 28);
	assert_memory_equal(s.payload, "13aGrVHP", 8);
	assert_int_equal(s.fill, 0);
	assert_true(s.t == TCOP_MS_NONE);
	/* CR LF and a VDO from another talker */
	assert_int_equal(parse("!AIVDM,1,1,,B,13aGrVHP000J8V6N?5Ch0?vr0D0g,0*58\r\n",
	    &s), TCOP_OK);
	assert_int_equal(parse("!BSVDO,1,1,,A,13aGrVHP000J8V6N?5Ch0?vr0D0g,0*40",
	    &s), TCOP_OK);
	assert_true(s.own);
	assert_string_equal(s.talker, "BS");
}

struct bad_line {
	const char *line;
	tcop_err want;
};

static const struct bad_line bad_lines[] = {
	{ "", TCOP_EEMPTY },
	{ "# a comment", TCOP_EEMPTY },
	{ "this is not an NMEA sentence", TCOP_EFORMAT },
	{ "!AIVDM,1,1,,B,13aGrVHP000J8V6N?5Ch0?vr0D0g,0*59", TCOP_ECHECKSUM },
	{ "!AIVDM,1,1,,B,13aGrVHP000J8V6N?5Ch0?vr0D0g,0", TCOP_ECHECKSUM },
	{ "!AIVDM,1,1,,B,13aGrVHP000J8V6N?5Ch0?vr0D0g,0*5", TCOP_ECHECKSUM },
	{ "!AIVDM,1,1,,A,35R3Vn500", TCOP_ETRUNC },
	{ "!AIVDM,1,1,,B,13aNoX0000PJ7>nN>wmP?W160D29,0*68", TCOP_ECHAR },
	{ "!AIVDM,1,1,,B,13aL?W0P00PJ9T4N?1ch0?v626bT,7*70", TCOP_EFILL },
	{ "!AIVDM,1,1,,B,,0*25", TCOP_EEMPTY },
	{ "!AIVDM,1,2,,B,B39sGlP00P6Qp<WSjHOQ3wSQjDKb,0*64", TCOP_EFORMAT },
	{ "!AIVDM,1,1,,A,B3`eLE00006R0J7Si`WQ3wP1jDkr,0*3C!AIVDM,1,1,,A,"
	  "13P<JdP000PJ76FN>wCbfFo200Rl,0*3E", TCOP_EFORMAT },
	{ "$GPGGA,213950.00,5250.53669,N,00542.34920,E,1,09,1.03,-6.0,M,45.8,M,,*7B",
	  TCOP_EUNSUPPORTED },
	{ "\\s:rx9,c:1795734000*06\\!AIVDM,1,1,,B,13aGrVHP000J8V6N?5Ch0?vr0D0g,0*58",
	  TCOP_ECHECKSUM },
};

static void
bad_lines_are_rejected_with_their_reason(void **state)
{
	struct nmea_sentence s;
	char big[NMEA_LINE_MAX + 10];

	for (size_t i = 0; i < sizeof bad_lines / sizeof bad_lines[0]; i++) {
		tcop_err rv = parse(bad_lines[i].line, &s);
		if (rv != bad_lines[i].want)
			fail_msg("line %zu (%s): got %s, want %s", i,
			    bad_lines[i].line, tcop_err_name(rv),
			    tcop_err_name(bad_lines[i].want));
	}
	memset(big, 'A', sizeof big);
	big[0] = '!';
	assert_int_equal(nmea_parse(big, sizeof big, &s), TCOP_ETOOBIG);
}

static void
tag_block_and_uscg_trailer_give_the_time(void **state)
{
	struct nmea_sentence s;

	assert_int_equal(parse("\\s:rx9,c:1795734000*05\\"
	    "!AIVDM,1,1,,B,13aGrVHP000J8V6N?5Ch0?vr0D0g,0*58", &s), TCOP_OK);
	assert_true(s.t == INT64_C(1795734000000));
	assert_string_equal(s.station, "rx9");
	assert_int_equal(parse("!AIVDM,1,1,,B,13aGrVHP000J8V6N?5Ch0?vr0D0g,0*58,"
	    "d-109,S2105,t050056.00,T56.13718694,r003669946,1325394060,"
	    "1325394001", &s), TCOP_OK);
	assert_true(s.t == INT64_C(1325394001000));
	assert_string_equal(s.station, "003669946");
}

static void
unarmor_packs_six_bits_a_character(void **state)
{
	uint8_t b[16] = { 0 };
	size_t n = 0;

	/* '0' = 0, 'w' = 63, '1' = 1, 'W' = 39 */
	assert_int_equal(nmea_unarmor("0w1W", 4, b, &n), TCOP_OK);
	assert_int_equal(n, 24);
	assert_int_equal(ubits(b, 0, 6), 0);
	assert_int_equal(ubits(b, 6, 6), 63);
	assert_int_equal(ubits(b, 12, 6), 1);
	assert_int_equal(ubits(b, 18, 6), 39);
	/* appending at an odd bit offset */
	assert_int_equal(nmea_unarmor("w", 1, b, &n), TCOP_OK);
	assert_int_equal(ubits(b, 24, 6), 63);
	n = AIS_BITS_MAX - 6;
	assert_int_equal(nmea_unarmor("ww", 2, b, &n), TCOP_ETOOBIG);
}

/* ---- reassembly ------------------------------------------------------------ */

struct rejects {
	int n;
	tcop_err why[16];
	uint64_t tag[16];
};

static void
on_reject(void *arg, tcop_err why, uint64_t tag)
{
	struct rejects *r = arg;

	if (r->n < 16) {
		r->why[r->n] = why;
		r->tag[r->n] = tag;
	}
	r->n++;
}

static const char t5a[] = "!AIVDM,2,1,9,B,55R3Vn82=ILTQ3KKS>1<D60Dq@E918U<F222221J1`?164vc03S1CCAD,0*2A";
static const char t5b[] = "!AIVDM,2,2,9,B,`88888888888880,2*76";

static tcop_err
push(struct frag_rx *rx, const char *line, tcop_ms now, uint64_t tag,
    struct ais_payload *out)
{
	struct nmea_sentence s;
	tcop_err rv = parse(line, &s);

	if (rv != TCOP_OK)
		return rv;
	return frag_push(rx, &s, now, tag, out);
}

static void
two_fragments_make_one_message(void **state)
{
	static struct frag_rx rx;
	static struct ais_payload pl;
	struct rejects r = { 0 };
	struct ais_msg m;

	frag_init(&rx, 0, on_reject, &r);
	assert_int_equal(push(&rx, t5a, TCOP_MS_NONE, 1, &pl), TCOP_EAGAIN);
	assert_int_equal(push(&rx, good, TCOP_MS_NONE, 2, &pl), TCOP_OK);
	assert_int_equal(push(&rx, t5b, TCOP_MS_NONE, 3, &pl), TCOP_OK);
	assert_int_equal(pl.nbits, 424);
	assert_int_equal(pl.tag, 1);
	assert_int_equal(ais_decode(pl.bits, pl.nbits, &m, NULL), TCOP_OK);
	assert_int_equal(m.type, 5);
	assert_string_equal(m.u.t5.destination, "LEMMER");
	assert_int_equal(r.n, 0);
	frag_flush(&rx);
	assert_int_equal(r.n, 0);
}

static void
fragments_out_of_order_are_rejected(void **state)
{
	static struct frag_rx rx;
	static struct ais_payload pl;
	struct rejects r = { 0 };

	frag_init(&rx, 0, on_reject, &r);
	assert_int_equal(push(&rx, t5b, TCOP_MS_NONE, 1, &pl), TCOP_EAGAIN);
	assert_int_equal(push(&rx, t5a, TCOP_MS_NONE, 2, &pl),
	    TCOP_EFRAG_ORDER);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.why[0], TCOP_EFRAG_ORDER);
	assert_int_equal(r.tag[0], 1);
}

static void
a_missing_fragment_orphans_after_the_timeout_in_event_time(void **state)
{
	static struct frag_rx rx;
	static struct ais_payload pl;
	struct rejects r = { 0 };

	frag_init(&rx, 10000, on_reject, &r);
	assert_int_equal(push(&rx, t5a, 1000, 7, &pl), TCOP_EAGAIN);
	frag_expire(&rx, 11000); /* exactly the timeout: still pending */
	assert_int_equal(r.n, 0);
	frag_expire(&rx, 11001);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.why[0], TCOP_EFRAG_ORPHAN);
	assert_int_equal(r.tag[0], 7);
	/* the late fragment 2 is then an orphan of its own */
	assert_int_equal(push(&rx, t5b, 11002, 8, &pl), TCOP_EAGAIN);
	frag_flush(&rx);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.tag[1], 8);
}

static void
a_new_first_fragment_orphans_the_old_one(void **state)
{
	static struct frag_rx rx;
	static struct ais_payload pl;
	struct rejects r = { 0 };

	frag_init(&rx, 0, on_reject, &r);
	assert_int_equal(push(&rx, t5a, TCOP_MS_NONE, 1, &pl), TCOP_EAGAIN);
	assert_int_equal(push(&rx, t5a, TCOP_MS_NONE, 2, &pl), TCOP_EAGAIN);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.tag[0], 1);
	assert_int_equal(push(&rx, t5b, TCOP_MS_NONE, 3, &pl), TCOP_OK);
}

static void
more_messages_in_progress_than_slots_evict_the_oldest(void **state)
{
	static struct frag_rx rx;
	static struct ais_payload pl;
	struct rejects r = { 0 };
	char line[128];

	frag_init(&rx, 0, on_reject, &r);
	for (int i = 0; i < FRAG_SLOTS + 1; i++) {
		struct nmea_sentence s;
		snprintf(line, sizeof line, "!AIVDM,2,1,%d,%c,55R3,0*00",
		    i % 10, 'A' + i / 10);
		/* frame by hand: checksums do not matter to frag_push */
		memset(&s, 0, sizeof s);
		s.nfrag = 2;
		s.frag = 1;
		s.seqid = i % 10;
		s.channel = (char)('A' + i / 10);
		s.payload = "55R3";
		s.payload_len = 4;
		s.t = TCOP_MS_NONE;
		assert_int_equal(frag_push(&rx, &s, TCOP_MS_NONE, (uint64_t)i,
		    &pl), TCOP_EAGAIN);
	}
	assert_int_equal(r.n, 1);
	assert_int_equal(r.tag[0], 0);
	frag_flush(&rx);
	assert_int_equal(r.n, FRAG_SLOTS + 1);
}

/* ---- binary decoding --------------------------------------------------------- */

static tcop_err
decode_line(const char *line, struct ais_msg *m, struct ais_pair24 *pair)
{
	static struct frag_rx rx;
	static struct ais_payload pl;
	tcop_err rv;

	frag_init(&rx, 0, NULL, NULL);
	if ((rv = push(&rx, line, TCOP_MS_NONE, 1, &pl)) != TCOP_OK)
		return rv;
	return ais_decode(pl.bits, pl.nbits, m, pair);
}

static void
a_type_1_report_decodes(void **state)
{
	struct ais_msg m;
	char buf[1024];

	assert_int_equal(decode_line(good, &m, NULL), TCOP_OK);
	assert_int_equal(m.type, 1);
	assert_int_equal(m.mmsi, 244710041);
	assert_int_equal(m.u.t1.status, 8);
	assert_int_equal(m.u.t1.turn, AIS_TURN_NA);
	assert_int_equal(m.u.t1.heading, AIS_HEADING_NA);
	assert_int_equal(m.u.t1.radio, 81967);
	assert_true(ais_json_gpsd(&m, "stdin", buf, sizeof buf) > 0);
	assert_string_equal(buf, "{\"class\":\"AIS\",\"device\":\"stdin\","
	    "\"type\":1,\"repeat\":0,\"mmsi\":244710041,\"scaled\":true,"
	    "\"status\":8,\"status_text\":\"Under way sailing\",\"turn\":\"nan\","
	    "\"speed\":0.0,\"accuracy\":false,\"lon\":5.709125,"
	    "\"lat\":52.840665,\"course\":0.0,\"heading\":511,\"second\":29,"
	    "\"maneuver\":0,\"raim\":false,\"radio\":81967}");
	/* too small a buffer: nothing */
	assert_int_equal(ais_json_gpsd(&m, "stdin", buf, 40), 0);
}

static void
a_turn_to_port_keeps_its_sign(void **state)
{
	/* ROT_AIS = -13 (README of the maritime data): -(13/4.733)^2 = -7.5 */
	struct ais_msg m;
	char buf[1024];

	assert_int_equal(decode_line("!AIVDM,1,1,,A,33P;Tw0tjBQO22:E7dm66DrB20UP,0*2E",
	    &m, NULL), TCOP_OK);
	assert_int_equal(m.u.t1.turn, -13);
	assert_true(ais_json_gpsd(&m, NULL, buf, sizeof buf) > 0);
	assert_non_null(strstr(buf, "\"turn\":-8,"));
}

static void
type_24_parts_pair_by_mmsi(void **state)
{
	static struct ais_pair24 pair;
	struct ais_msg m;

	memset(&pair, 0, sizeof pair);
	assert_int_equal(decode_line("!AIVDM,1,1,,A,H42O55i18tMET00000000000000,2*6D",
	    &m, &pair), TCOP_OK);
	assert_int_equal(m.u.t24.part, AIS_24_A);
	assert_string_equal(m.u.t24.shipname, "PROGUY");
	assert_int_equal(decode_line("!AIVDM,1,1,,A,H42O55lti4hhhilD3nink000?050,0*40",
	    &m, &pair), TCOP_OK);
	assert_int_equal(m.u.t24.part, AIS_24_AB);
	assert_string_equal(m.u.t24.shipname, "PROGUY");
	assert_string_equal(m.u.t24.callsign, "TC6163");
	assert_int_equal(m.u.t24.shiptype, 60);
	/* the same B again has no A left to pair with */
	assert_int_equal(decode_line("!AIVDM,1,1,,A,H42O55lti4hhhilD3nink000?050,0*40",
	    &m, &pair), TCOP_OK);
	assert_int_equal(m.u.t24.part, AIS_24_B);
}

static void
short_and_unknown_messages_have_their_reason(void **state)
{
	struct ais_msg m;

	assert_int_equal(decode_line("!AIVDM,1,1,,B,13`nu=PP00,0*61", &m, NULL),
	    TCOP_ETRUNC);
	assert_int_equal(decode_line("!AIVDM,1,1,,A,D028rqP<QNfp000000000000000,2*0C",
	    &m, NULL), TCOP_EUNSUPPORTED);
	assert_int_equal(m.type, 20);
	/* type 27 is 96 bits, or a whole 168-bit slot; nothing else */
	assert_int_equal(decode_line("!AIVDM,1,1,,A,KCQ9r=hrFUnH7P00,0*41", &m, NULL),
	    TCOP_OK);
	assert_int_equal(m.type, 27);
	assert_int_equal(decode_line("!AIVDM,1,1,,A,KCQ9r=hrFUnH7P000,0*71", &m, NULL),
	    TCOP_EFORMAT);
}

/* ---- tcop/1 output -------------------------------------------------------------- */

static void
wire_json_is_a_valid_tcop_event(void **state)
{
	struct ais_msg m;
	struct ais_static st;
	struct ais_wire w = { INT64_C(1795734000000), "rx1", 5, false };
	char buf[2048], msg[2100];
	tcop_event ev;
	size_t n;

	assert_int_equal(decode_line("!AIVDM,1,1,,A,33P;Tw0tjBQO22:E7dm66DrB20UP,0*2E",
	    &m, NULL), TCOP_OK);
	ais_static_init(&st);
	strcpy(st.shipname, "TEST \"Q\"");
	st.shiptype = 70;
	n = ais_json_wire(&m, &st, &w, buf, sizeof buf);
	assert_true(n > 0);
	snprintf(msg, sizeof msg, "maritime/track %s", buf);
	assert_int_equal(tcop_event_decode(msg, strlen(msg), &ev), TCOP_OK);
	assert_int_equal(ev.kind, TCOP_K_TRACK);
	assert_string_equal(ev.id, "mmsi:235070716");
	assert_string_equal(ev.src, "rx1");
	assert_int_equal(ev.seq, 5);
	assert_true(ev.t == INT64_C(1795734000000));
	assert_true(ev.has_pos);
	assert_int_equal(ev.u.track.type, 3);
	assert_int_equal(ev.u.track.mmsi, 235070716);
	assert_true(ev.u.track.turn == -7.5);
	assert_string_equal(ev.u.track.shipname, "TEST \"Q\"");
	assert_int_equal(ev.u.track.shiptype, 70);
	assert_false(ev.u.track.via_satellite);
}

static void
wire_json_of_every_sample_message_decodes(void **state)
{
	const char *dir = getenv("TCOP_DATA");
	char path[512], line[1100], buf[2048], msg[2100];
	static struct reader rd;
	static struct ais_payload pl;
	struct ais_msg m;
	struct ais_wire w = { INT64_C(1795734000000), "rx1", 0, true };
	uint64_t n = 0, ok = 0;
	FILE *f;

	snprintf(path, sizeof path, "%s/maritime/pyais_nmea_data_sample_part_a.nmea",
	    dir != NULL ? dir : "tests/data");
	assert_non_null(f = fopen(path, "r"));
	reader_init(&rd, path);
	rd.quiet = true;
	while (fgets(line, sizeof line, f) != NULL) {
		tcop_event ev;
		if (reader_line(&rd, line, strlen(line), ++n, TCOP_MS_NONE,
		    &pl, &m) != TCOP_OK)
			continue;
		w.seq++;
		if (ais_json_wire(&m, NULL, &w, buf, sizeof buf) == 0)
			continue;
		snprintf(msg, sizeof msg, "maritime/track %s", buf);
		if (tcop_event_decode(msg, strlen(msg), &ev) != TCOP_OK)
			fail_msg("line %" PRIu64 ": %s", n, msg);
		assert_int_equal(ev.u.track.mmsi, m.mmsi);
		assert_true(ev.u.track.via_satellite);
		ok++;
	}
	fclose(f);
	reader_end(&rd);
	assert_true(ok > 400);
}

static void
statics_merge_type_5_and_24(void **state)
{
	static struct statics sc;
	static struct ais_pair24 pair;
	const struct ais_static *st;
	struct ais_msg m;

	memset(&pair, 0, sizeof pair);
	assert_int_equal(statics_init(&sc, 64), TCOP_OK);
	assert_int_equal(decode_line("!AIVDM,1,1,,A,H42O55i18tMET00000000000000,2*6D",
	    &m, &pair), TCOP_OK);
	st = statics_update(&sc, &m);
	assert_string_equal(st->shipname, "PROGUY");
	assert_int_equal(st->shiptype, -1);
	assert_int_equal(decode_line("!AIVDM,1,1,,A,H42O55lti4hhhilD3nink000?050,0*40",
	    &m, &pair), TCOP_OK);
	st = statics_update(&sc, &m);
	assert_string_equal(st->shipname, "PROGUY");
	assert_string_equal(st->callsign, "TC6163");
	assert_int_equal(st->shiptype, 60);
	assert_int_equal(st->to_stern, 15);
	/* a position report of the same vessel does not lose it */
	m.type = 1;
	st = statics_update(&sc, &m);
	assert_string_equal(st->callsign, "TC6163");
	assert_int_equal(sc.n, 1);
	statics_fini(&sc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ubits_reads_fields_across_bytes),
		cmocka_unit_test(sbits_sign_extends),
		cmocka_unit_test(padded_readers_agree_with_the_plain_ones),
		cmocka_unit_test(a_good_sentence_is_split_into_its_fields),
		cmocka_unit_test(bad_lines_are_rejected_with_their_reason),
		cmocka_unit_test(tag_block_and_uscg_trailer_give_the_time),
		cmocka_unit_test(unarmor_packs_six_bits_a_character),
		cmocka_unit_test(two_fragments_make_one_message),
		cmocka_unit_test(fragments_out_of_order_are_rejected),
		cmocka_unit_test(a_missing_fragment_orphans_after_the_timeout_in_event_time),
		cmocka_unit_test(a_new_first_fragment_orphans_the_old_one),
		cmocka_unit_test(more_messages_in_progress_than_slots_evict_the_oldest),
		cmocka_unit_test(a_type_1_report_decodes),
		cmocka_unit_test(a_turn_to_port_keeps_its_sign),
		cmocka_unit_test(type_24_parts_pair_by_mmsi),
		cmocka_unit_test(short_and_unknown_messages_have_their_reason),
		cmocka_unit_test(wire_json_is_a_valid_tcop_event),
		cmocka_unit_test(wire_json_of_every_sample_message_decodes),
		cmocka_unit_test(statics_merge_type_5_and_24),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
