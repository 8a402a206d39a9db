/*
 * track_test.c: the vessel track table (src/pic/track.c): tracks built
 * from real tcop/1 maritime/track messages, static data merged, the
 * bounded history, dead reckoning, the active -> stale -> lost -> dropped
 * lifecycle with class A, class B and satellite timeouts passing in event
 * time, and the table's invariants under churn.
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

#include "ais/reader.h"
#include "ais/statics.h"
#include "pic/track.h"

#define T0 INT64_C(1795734000000) /* 2026-11-26T23:00:00Z */
#define MIN INT64_C(60000)

static tcop_event ev;

/* Decode one maritime/track message for vessel mmsi at T0 + dt ms. */
static const tcop_event *
msg(uint32_t mmsi, tcop_ms dt, const char *extra)
{
	char buf[1024], t[32];

	tcop_time_format_ms(T0 + dt, t, sizeof t);
	snprintf(buf, sizeof buf, "maritime/track {\"id\":\"mmsi:%" PRIu32
	    "\",\"t\":\"%s\",\"src\":\"rx\",\"seq\":1,\"mmsi\":%" PRIu32 "%s%s}",
	    mmsi, t, mmsi, extra[0] != '\0' ? "," : "", extra);
	assert_int_equal(tcop_event_decode(buf, strlen(buf), &ev), TCOP_OK);
	return &ev;
}

static track_table *
table(size_t max)
{
	struct track_cfg cfg;
	track_table *tt;

	track_cfg_default(&cfg);
	cfg.max_tracks = max;
	cfg.history = 4;
	assert_int_equal(track_table_create(&tt, &cfg), TCOP_OK);
	return tt;
}

static void
a_position_report_makes_a_track(void **state)
{
	track_table *tt = table(16);
	const struct track *tr;

	assert_int_equal(track_apply(tt, msg(431000001, 0,
	    "\"type\":1,\"lat\":34.5,\"lon\":139.25,\"speed\":12.5,"
	    "\"course\":270.1,\"heading\":271,\"status\":0,\"turn\":-7.5"),
	    &tr), TCOP_OK);
	assert_int_equal(track_count(tt), 1);
	assert_ptr_equal(track_find(tt, 431000001), tr);
	assert_null(track_find(tt, 431000002));
	assert_true(tr->has_pos);
	assert_true(tr->lat == 34.5 && tr->lon == 139.25);
	assert_true(tr->speed == 12.5 && tr->course == 270.1);
	assert_true(tr->heading == 271 && tr->turn == -7.5);
	assert_int_equal(tr->cls, TRACK_CLASS_A);
	assert_int_equal(tr->state, TRACK_ACTIVE);
	assert_string_equal(tr->src, "rx");
	assert_true(track_check(tt));
	track_table_destroy(tt);
}

static void
static_data_merges_and_keeps_the_position(void **state)
{
	track_table *tt = table(16);
	const struct track *tr;

	track_apply(tt, msg(7, 0, "\"type\":18,\"lat\":1,\"lon\":2,\"speed\":3"),
	    NULL);
	track_apply(tt, msg(7, 1000, "\"type\":24,\"shipname\":\"LIBERTAS\""),
	    NULL);
	track_apply(tt, msg(7, 2000, "\"type\":24,\"callsign\":\"DK7547\","
	    "\"shiptype\":37,\"to_bow\":8,\"to_stern\":3,\"to_port\":3,"
	    "\"to_starboard\":1"), &tr);
	assert_string_equal(tr->shipname, "LIBERTAS");
	assert_string_equal(tr->callsign, "DK7547");
	assert_int_equal(tr->shiptype, 37);
	assert_int_equal(tr->to_bow + tr->to_stern, 11);
	assert_true(tr->lat == 1 && tr->speed == 3);
	assert_true(tr->t_pos == T0 && tr->t_last == T0 + 2000);
	assert_int_equal(tr->cls, TRACK_CLASS_B);
	track_table_destroy(tt);
}

static void
an_older_report_does_not_move_the_track(void **state)
{
	track_table *tt = table(16);
	const struct track *tr;

	track_apply(tt, msg(7, 10000, "\"type\":1,\"lat\":1,\"lon\":1"), NULL);
	track_apply(tt, msg(7, 5000, "\"type\":1,\"lat\":2,\"lon\":2,"
	    "\"shipname\":\"LATE\""), &tr);
	assert_true(tr->lat == 1 && tr->t_last == T0 + 10000);
	assert_true(tr->t_first == T0 + 5000);
	assert_string_equal(tr->shipname, "LATE");
	assert_int_equal(tr->reports, 2);
	track_table_destroy(tt);
}

static void
a_report_at_the_same_time_moves_the_track(void **state)
{
	track_table *tt = table(16);
	const struct track *tr;

	track_apply(tt, msg(7, 1000, "\"type\":1,\"lat\":1,\"lon\":1"), NULL);
	track_apply(tt, msg(7, 1000, "\"type\":1,\"lat\":2,\"lon\":3"), &tr);
	assert_true(tr->lat == 2 && tr->lon == 3 && tr->t_pos == T0 + 1000);
	track_table_destroy(tt);
}

static void
history_is_a_bounded_ring_newest_first(void **state)
{
	track_table *tt = table(16);
	const struct track *tr;
	struct track_fix f[8];
	char extra[64];

	for (int i = 0; i < 6; i++) {
		snprintf(extra, sizeof extra, "\"type\":1,\"lat\":%d,\"lon\":0", i);
		track_apply(tt, msg(9, i * 10000, extra), &tr);
	}
	assert_int_equal(track_history(tt, tr, f, 8), 4);
	assert_int_equal(f[0].lat_e7, 50000000);
	assert_int_equal(f[3].lat_e7, 20000000);
	assert_true(f[0].t == T0 + 50000);
	assert_int_equal(f[0].speed_dkn, 0xffff);
	assert_int_equal(track_history(tt, tr, f, 2), 2);
	track_table_destroy(tt);
}

static void
dead_reckoning_follows_speed_and_course(void **state)
{
	track_table *tt = table(16);
	const struct track *tr;
	double lat, lon;

	track_apply(tt, msg(1, 0, "\"type\":1,\"lat\":0,\"lon\":0,"
	    "\"speed\":10,\"course\":0"), &tr);
	assert_true(track_predict(tr, T0 + 60 * MIN, &lat, &lon));
	assert_true(fabs(lat - 10.0 / 60) < 1e-9 && fabs(lon) < 1e-9);
	track_apply(tt, msg(2, 0, "\"type\":1,\"lat\":0,\"lon\":179.99,"
	    "\"speed\":6,\"course\":90"), &tr);
	assert_true(track_predict(tr, T0 + 60 * MIN, &lat, &lon));
	assert_true(fabs(lon - (179.99 + 0.1 - 360)) < 1e-9);
	/* no speed: stays; no position: nothing */
	track_apply(tt, msg(3, 0, "\"type\":1,\"lat\":5,\"lon\":5"), &tr);
	assert_true(track_predict(tr, T0 + 60 * MIN, &lat, &lon));
	assert_true(lat == 5 && lon == 5);
	track_apply(tt, msg(4, 0, "\"type\":5,\"shipname\":\"X\""), &tr);
	assert_false(track_predict(tr, T0, &lat, &lon));
	assert_true(track_uncertainty_m(tr, T0) < 0);
	/* uncertainty grows with the time since the fix */
	tr = track_find(tt, 1);
	assert_true(track_uncertainty_m(tr, T0) == 100.0);
	assert_true(fabs(track_uncertainty_m(tr, T0 + 60 * MIN) -
	    (100.0 + 0.1 * 10 * 1852)) < 1e-6);
	tr = track_find(tt, 3);
	assert_true(track_uncertainty_m(tr, T0 + 60 * MIN) > 13000);
	track_table_destroy(tt);
}

static void
class_a_goes_stale_then_lost_then_is_dropped(void **state)
{
	track_table *tt = table(16);
	const struct track *tr;

	track_apply(tt, msg(1, 0, "\"type\":1,\"lat\":0,\"lon\":0"), &tr);
	track_tick(tt, T0 + 6 * MIN);
	assert_int_equal(tr->state, TRACK_ACTIVE);
	track_tick(tt, T0 + 6 * MIN + 1);
	assert_int_equal(tr->state, TRACK_STALE);
	assert_int_equal(track_age(tr, T0 + 6 * MIN + 1), 6 * MIN + 1);
	track_tick(tt, T0 + 20 * MIN + 1);
	assert_int_equal(tr->state, TRACK_LOST);
	/* a report brings it back */
	track_apply(tt, msg(1, 21 * MIN, "\"type\":1,\"lat\":0,\"lon\":0"), &tr);
	assert_int_equal(tr->state, TRACK_ACTIVE);
	/* lost at 41 min, dropped an hour later */
	assert_int_equal(track_tick(tt, T0 + 41 * MIN + 60 * MIN), 0);
	assert_int_equal(track_tick(tt, T0 + 41 * MIN + 60 * MIN + 1), 1);
	assert_int_equal(track_count(tt), 0);
	assert_null(track_find(tt, 1));
	assert_true(track_check(tt));
	track_table_destroy(tt);
}

static void
class_b_and_satellite_tracks_keep_longer(void **state)
{
	track_table *tt = table(16);
	const struct track *a, *b, *s;

	track_apply(tt, msg(1, 0, "\"type\":1,\"lat\":0,\"lon\":0"), &a);
	track_apply(tt, msg(2, 0, "\"type\":18,\"lat\":0,\"lon\":0"), &b);
	track_apply(tt, msg(3, 0, "\"type\":1,\"lat\":0,\"lon\":0,"
	    "\"via\":\"satellite\""), &s);
	assert_int_equal(track_state_at(tt, a, T0 + 8 * MIN), TRACK_STALE);
	assert_int_equal(track_state_at(tt, b, T0 + 8 * MIN), TRACK_ACTIVE);
	assert_int_equal(track_state_at(tt, b, T0 + 25 * MIN), TRACK_STALE);
	assert_int_equal(track_state_at(tt, b, T0 + 31 * MIN), TRACK_LOST);
	/* silent for hours, heard by satellite: not lost */
	assert_int_equal(track_state_at(tt, s, T0 + 150 * MIN), TRACK_ACTIVE);
	assert_int_equal(track_state_at(tt, s, T0 + 181 * MIN), TRACK_STALE);
	assert_int_equal(track_state_at(tt, s, T0 + 11 * 60 * MIN), TRACK_STALE);
	assert_int_equal(track_state_at(tt, s, T0 + 12 * 60 * MIN + 1),
	    TRACK_LOST);
	track_table_destroy(tt);
}

static void
a_full_table_says_so(void **state)
{
	track_table *tt = table(2);

	assert_int_equal(track_apply(tt, msg(1, 0, ""), NULL), TCOP_OK);
	assert_int_equal(track_apply(tt, msg(2, 0, ""), NULL), TCOP_OK);
	assert_int_equal(track_apply(tt, msg(3, 0, ""), NULL), TCOP_ENOMEM);
	assert_int_equal(track_apply(tt, msg(2, 1, ""), NULL), TCOP_OK);
	/* not a track event */
	ev.kind = TCOP_K_ALERT;
	assert_int_equal(track_apply(tt, &ev, NULL), TCOP_EINVAL);
	track_table_destroy(tt);
}

static void
churn_keeps_the_index_consistent(void **state)
{
	track_table *tt = table(512);
	uint32_t x = 12345;
	size_t cursor = 0, n = 0;

	/* tracks come and go; lost ones are dropped as time passes */
	for (int round = 0; round < 40; round++) {
		for (int i = 0; i < 100; i++) {
			x = x * 1103515245u + 12345u;
			track_apply(tt, msg(200000000 + x % 1000,
			    (tcop_ms)round * 30 * MIN, "\"type\":1"), NULL);
		}
		track_tick(tt, (tcop_ms)round * 30 * MIN + T0);
		assert_true(track_check(tt));
	}
	while (track_next(tt, &cursor) != NULL)
		n++;
	assert_int_equal(n, track_count(tt));
	track_table_destroy(tt);
}

static void
a_track_fits_in_512_bytes(void **state)
{
	track_table *tt = table(100000);

	assert_true(sizeof(struct track) <= TRACK_BYTES);
	/* per track: the track, its 4-position ring, index and free stack */
	assert_true(track_table_bytes(tt) / 100000 <= TRACK_BYTES + 4 * 24 + 16);
	track_table_destroy(tt);
}

/*
 * A real receiver log through the whole chain: NMEA -> AIS -> tcop/1 JSON
 * (as `tcop feed ais` publishes) -> tcop/1 decoder -> tracks. The log has
 * no times of its own: line k is taken as received at T0 + k s.
 */
static void
a_receiver_log_becomes_tracks(void **state)
{
	const char *dir = getenv("TCOP_DATA");
	char path[512], line[1100], json[2048];
	static struct reader rd;
	static struct statics sc;
	static struct ais_payload pl;
	struct ais_msg m;
	struct ais_wire w = { 0, "rx1", 0, false };
	uint32_t seen[512];
	size_t nseen = 0;
	uint64_t k = 0;
	const struct track *tr;
	track_table *tt = table(1000);
	tcop_ms end;
	FILE *f;

	snprintf(path, sizeof path, "%s/maritime/gpsd_ais-nmea_part_a.log",
	    dir != NULL ? dir : "tests/data");
	assert_non_null(f = fopen(path, "r"));
	reader_init(&rd, path);
	rd.quiet = true;
	assert_int_equal(statics_init(&sc, 1024), TCOP_OK);
	while (fgets(line, sizeof line, f) != NULL) {
		size_t n;
		bool dup = false;
		k++;
		if (reader_line(&rd, line, strlen(line), k, T0 + (tcop_ms)k * 1000,
		    &pl, &m) != TCOP_OK || !ais_is_vessel(&m))
			continue;
		w.t = pl.t != TCOP_MS_NONE ? pl.t : T0 + (tcop_ms)k * 1000;
		w.seq++;
		n = ais_json_wire(&m, statics_update(&sc, &m), &w, json,
		    sizeof json);
		assert_true(n > 0);
		assert_int_equal(tcop_event_decode2("maritime/track", 14, json,
		    n, &ev), TCOP_OK);
		assert_int_equal(track_apply(tt, &ev, NULL), TCOP_OK);
		for (size_t i = 0; i < nseen; i++)
			dup |= seen[i] == m.mmsi;
		if (!dup && nseen < 512)
			seen[nseen++] = m.mmsi;
	}
	fclose(f);
	end = T0 + (tcop_ms)k * 1000;
	assert_int_equal(track_count(tt), nseen);
	assert_true(nseen > 20);
	/* a class A vessel: named by its type 5, placed by its type 3 */
	assert_non_null(tr = track_find(tt, 244700667));
	assert_string_equal(tr->shipname, "AVANTI");
	assert_string_equal(tr->callsign, "PB8066");
	assert_int_equal(tr->shiptype, 37);
	assert_true(tr->has_pos);
	assert_true(fabs(tr->lat - 52.851930) < 1e-6);
	assert_true(fabs(tr->lon - 5.687013) < 1e-6);
	/* a class B vessel named by its type 24 */
	assert_non_null(tr = track_find(tt, 211736530));
	assert_string_equal(tr->shipname, "LIBERTAS");
	/* the timeouts pass in event time */
	{
		const struct track *a = track_find(tt, 244700667);
		const struct track *b = track_find(tt, 211736530);
		tcop_ms ta = a->t_last, tb = b->t_last;
		assert_true(ta <= end && tb <= end);
		track_tick(tt, ta + 6 * MIN);
		assert_int_equal(a->state, TRACK_ACTIVE);
		track_tick(tt, ta + 6 * MIN + 1);
		assert_int_equal(a->state, TRACK_STALE);
		track_tick(tt, ta + 20 * MIN + 1);
		assert_int_equal(a->state, TRACK_LOST);
		assert_int_equal(track_state_at(tt, b, tb + 20 * MIN + 1),
		    TRACK_STALE);
	}
	track_tick(tt, end + 31 * MIN + 61 * MIN);
	assert_int_equal(track_count(tt), 0);
	assert_true(track_check(tt));
	reader_end(&rd);
	statics_fini(&sc);
	track_table_destroy(tt);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_position_report_makes_a_track),
		cmocka_unit_test(static_data_merges_and_keeps_the_position),
		cmocka_unit_test(an_older_report_does_not_move_the_track),
		cmocka_unit_test(a_report_at_the_same_time_moves_the_track),
		cmocka_unit_test(history_is_a_bounded_ring_newest_first),
		cmocka_unit_test(dead_reckoning_follows_speed_and_course),
		cmocka_unit_test(class_a_goes_stale_then_lost_then_is_dropped),
		cmocka_unit_test(class_b_and_satellite_tracks_keep_longer),
		cmocka_unit_test(a_full_table_says_so),
		cmocka_unit_test(churn_keeps_the_index_consistent),
		cmocka_unit_test(a_track_fits_in_512_bytes),
		cmocka_unit_test(a_receiver_log_becomes_tracks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
