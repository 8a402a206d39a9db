/*
 * pic_test.c: the picture and the correlation core on their own: the
 * rules file, the assignment (where greedy would be wrong), association
 * at scale with known truth (100,000 live tracks, 1,000 detections a
 * minute), acknowledgements, incident ids, and pic_check() throughout.
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

#include "pic/pic_int.h"

static const tcop_ms T0 = 1795000000000LL;

static void
the_default_rules_are_the_documented_ones(void **state)
{
	struct pic_rules r;

	(void)state;
	rules_default(&r);
	assert_true(r.gate_k == 3 && r.sigma_m == 100 && r.sigma_frac == 0.1);
	assert_true(r.jump_kn == 50 && r.jump_hsc_kn == 70);
	assert_true(r.idc_nm == 10 && r.idc_kn == 100);
	assert_int_equal(r.gap_a, 20 * 60000);
	assert_int_equal(r.gap_b, 30 * 60000);
	assert_int_equal(r.gap_sat, 6 * 3600000);
	assert_int_equal(r.pnt_tracks, 3);
	assert_int_equal(r.c2s_window, 6 * 3600000);
	assert_true(r.conj_pc == 1e-4 && r.conj_rng_m == 1000);
	assert_true(r.rdv_m == 500 && r.rdv_kn == 2 && r.rdv_port_nm == 5);
	assert_int_equal(r.camp_assets, 3);
	assert_true(r.mnv_km == 5 && r.mnv_km_day == 2);
	assert_true(rules_protected(&r, 12345));
}

static void
a_rules_file_sets_thresholds_zones_and_lists(void **state)
{
	const char *t = "{\"rules\":{\"conjunction\":{\"pc\":0.001,"
	    "\"protected\":[25544,\"43672\"]},\"ais-gap\":{\"class_a\":\"10m\","
	    "\"suppress\":[\"mmsi:1\"]},\"rendezvous\":{\"enabled\":false}},"
	    "\"zones\":[{\"name\":\"s\",\"area\":[[129,33],[130,33],[130,34],"
	    "[129,34]]}]}";
	struct pic_rules r;
	char err[256];

	(void)state;
	assert_int_equal(rules_parse(&r, t, strlen(t), "x", err, sizeof err),
	    TCOP_OK);
	assert_true(r.conj_pc == 0.001);
	assert_true(rules_protected(&r, 43672) && !rules_protected(&r, 1));
	assert_int_equal(r.gap_a, 600000);
	assert_true(rules_suppressed(&r, R_GAP, "mmsi:1"));
	assert_false(r.enabled[R_RDV]);
	assert_int_equal(r.nzones, 1);
	assert_true(zone_contains(&r.zones[0], 33.5, 129.5));
	assert_false(zone_contains(&r.zones[0], 34.5, 129.5));
	rules_free(&r);
}

static void
a_typo_in_the_rules_file_is_named(void **state)
{
	const char *t = "{\"rules\":{\"ais-gap\":{\"clas_a\":\"10m\"}}}";
	struct pic_rules r;
	char err[256];

	(void)state;
	assert_int_equal(rules_parse(&r, t, strlen(t), "r.json", err,
	    sizeof err), TCOP_EFIELD);
	assert_non_null(strstr(err, "r.json"));
	assert_non_null(strstr(err, "clas_a"));
	assert_int_equal(rules_parse(&r, "{", 1, "r.json", err, sizeof err),
	    TCOP_EJSON);
}

static void
the_assignment_is_global_not_greedy(void **state)
{
	/* greedy takes (0,0)=1 then (1,1)=10: 11; the optimum is 2 + 3 */
	double c[] = { 1, 2, 3, 10 };
	int col[2];

	(void)state;
	assign_min(c, 2, 2, col);
	assert_int_equal(col[0], 1);
	assert_int_equal(col[1], 0);
}

static tcop_event ev;

static void
put_track(pic *p, uint32_t mmsi, tcop_ms t, double lat, double lon)
{
	memset(&ev, 0, sizeof ev);
	ev.kind = TCOP_K_TRACK;
	snprintf(ev.id, sizeof ev.id, "mmsi:%u", mmsi);
	snprintf(ev.src, sizeof ev.src, "test");
	ev.t = t;
	ev.seq = -1;
	ev.nrel = -1;
	ev.has_pos = true;
	ev.lat = lat;
	ev.lon = lon;
	ev.u.track.type = 1;
	ev.u.track.mmsi = mmsi;
	ev.u.track.status = 0;
	ev.u.track.speed = 10;
	ev.u.track.course = 0;
	ev.u.track.heading = ev.u.track.turn = NAN;
	ev.u.track.accuracy = -1;
	ev.u.track.shiptype = -1;
	ev.u.track.to_bow = ev.u.track.to_stern = -1;
	ev.u.track.to_port = ev.u.track.to_starboard = -1;
	ev.json = "{}";
	ev.json_len = 2;
	assert_int_equal(pic_apply(p, &ev), TCOP_OK);
}

static void
put_det(pic *p, const char *id, tcop_ms t, double lat, double lon, double ce)
{
	memset(&ev, 0, sizeof ev);
	ev.kind = TCOP_K_DETECTION;
	snprintf(ev.id, sizeof ev.id, "%s", id);
	snprintf(ev.src, sizeof ev.src, "sar");
	ev.t = t;
	ev.seq = -1;
	ev.nrel = -1;
	ev.has_pos = true;
	ev.lat = lat;
	ev.lon = lon;
	ev.u.det.ce = ce;
	ev.u.det.length = ev.u.det.speed = ev.u.det.course = NAN;
	ev.json = "{}";
	ev.json_len = 2;
	assert_int_equal(pic_apply(p, &ev), TCOP_OK);
}

/* A deterministic pseudo-random generator (xorshift). */
static uint64_t rng = 88172645463325252ull;
static double
urand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (double)(rng >> 11) / 9007199254740992.0;
}

static void
association_is_right_with_100k_tracks(void **state)
{
	struct pic_cfg cfg = { .max_tracks = 120000 };
	enum { NT = 100000, ND = 1000 };
	static double lat[NT], lon[NT];
	struct pic_entity e;
	pic *p;
	char err[128], id[32], want[32];
	int right = 0, dark_right = 0;

	(void)state;
	assert_int_equal(pic_create(&p, &cfg, err, sizeof err), TCOP_OK);
	/* tracks on a 316 x 316 lattice 0.02 deg apart (about 2 km) */
	for (int i = 0; i < NT; i++) {
		lat[i] = 20 + 0.02 * (i / 316) + 0.002 * urand();
		lon[i] = 120 + 0.02 * (i % 316) + 0.002 * urand();
		put_track(p, 431000000u + (uint32_t)i, T0, lat[i], lon[i]);
	}
	/* a minute later, one scan: 900 detections of known tracks (10 kn
	 * north for 60 s, plus up to 100 m of error) and 100 dark ones */
	for (int d = 0; d < ND; d++) {
		int i = (int)(urand() * NT);
		double dn = 10 * 0.514444 * 60 + 100 * (urand() - 0.5);
		snprintf(id, sizeof id, "det:sar:%d", d);
		if (d % 10 == 9)
			put_det(p, id, T0 + 60000, lat[i] + 0.01, lon[i] + 0.01,
			    100);
		else
			put_det(p, id, T0 + 60000, lat[i] + dn / 111195.0,
			    lon[i], 100);
		if (d % 10 != 9)
			continue;
	}
	pic_advance(p, T0 + 60000);
	rng = 88172645463325252ull;
	for (int i = 0; i < NT; i++) {
		urand();
		urand();
	}
	for (int d = 0; d < ND; d++) {
		int i = (int)(urand() * NT);
		urand();
		snprintf(id, sizeof id, "det:sar:%d", d);
		snprintf(want, sizeof want, "mmsi:%u", 431000000u + (unsigned)i);
		assert_true(pic_find(p, id, &e));
		if (d % 10 == 9)
			dark_right += strcmp(e.state, "dark") == 0;
		else
			right += strcmp(e.ref, want) == 0;
	}
	/* detections of the same track in one scan compete: one wins */
	assert_true(right >= 895);
	assert_int_equal(dark_right, 100);
	assert_true(pic_check(p, err, sizeof err));
	pic_destroy(p);
}

static void
association_works_across_the_antimeridian(void **state)
{
	pic *p;
	char err[128];
	struct pic_entity e;

	(void)state;
	assert_int_equal(pic_create(&p, NULL, err, sizeof err), TCOP_OK);
	/* tracks spread round the globe, one just west of 180 */
	put_track(p, 1001, T0, 10.0, 179.9995);
	put_track(p, 1002, T0, -30.0, 0.0);
	put_track(p, 1003, T0, 60.0, -170.0);
	put_track(p, 1004, T0, 10.0, -179.99);
	/* a minute later, 300 m north of 1001's dead-reckoned position,
	 * on the other side of 180 */
	put_det(p, "det:x:1", T0 + 60000, 10.0 + (308.7 + 300) / 111195.0,
	    -179.9999, 100);
	pic_advance(p, T0 + 60000);
	assert_true(pic_find(p, "det:x:1", &e));
	assert_string_equal(e.state, "associated");
	assert_string_equal(e.ref, "mmsi:1001");
	assert_true(pic_check(p, err, sizeof err));
	pic_destroy(p);
}

static void
an_ack_applies_to_the_same_incident_everywhere(void **state)
{
	pic *a, *b;
	char msg[512], err[128];
	size_t len;
	const struct pic_incident *in;

	(void)state;
	assert_int_equal(pic_create(&a, NULL, err, sizeof err), TCOP_OK);
	assert_int_equal(pic_create(&b, NULL, err, sizeof err), TCOP_OK);
	for (int k = 0; k < 2; k++) {
		pic *p = k ? b : a;
		put_track(p, 431999301, T0, 35.0, 140.0);
		put_track(p, 431999301, T0 + 60000, 35.3, 140.0);
		put_det(p, "det:x:1", T0 + 60000, 10.0, 10.0, 100);
		pic_advance(p, T0 + 120000);
		assert_true(pic_check(p, err, sizeof err));
	}
	assert_int_equal(pic_incident_count(a), 2);
	in = pic_incident_at(a, 0);
	assert_string_equal(in->rule, "dark-vessel"); /* high before low */
	assert_string_equal(in->id, pic_incident_at(b, 0)->id);
	assert_int_equal(pic_ack_msg(in->id, "op1", T0 + 130000, "view-1", 1,
	    msg, sizeof msg, &len), TCOP_OK);
	assert_int_equal(pic_apply_msg(a, msg, len), TCOP_OK);
	assert_int_equal(pic_apply_msg(b, msg, len), TCOP_OK);
	assert_int_equal(pic_incident_at(b, 0)->state, PIC_ACKED);
	assert_string_equal(pic_incident_at(b, 0)->ack_by, "op1");
	assert_true(pic_check(b, err, sizeof err));
	pic_destroy(a);
	pic_destroy(b);
}

/*
 * A dark contact explained later: a vessel silent across the detection
 * (its fixes either side interpolate onto it), and a vessel whose first
 * report, projected back along its course, passes it. Each closes its
 * dark-vessel incident with the reason and associates the detection; a
 * detection the resumed track does not pass near stays dark and open.
 */
static void
a_dark_contact_closes_when_its_vessel_reports_again(void **state)
{
	pic *p;
	char err[128];
	struct pic_entity e;
	const struct pic_incident *x;
	const int H = 3600000;

	(void)state;
	assert_int_equal(pic_create(&p, NULL, err, sizeof err), TCOP_OK);
	/* silent for an hour, heading east though it last said north */
	put_track(p, 431000001, T0, 30.0, 130.0);
	put_det(p, "det:sar:1", T0 + H / 2, 30.0, 130.25, 200);
	put_det(p, "det:sar:2", T0 + H / 2, 31.0, 130.25, 200); /* elsewhere */
	pic_advance(p, T0 + H / 2 + 60000);
	assert_true(pic_find(p, "det:sar:1", &e));
	assert_string_equal(e.state, "dark");
	assert_int_equal(p->dark_open, 2);
	put_track(p, 431000001, T0 + H, 30.0, 130.5);
	pic_advance(p, T0 + H + 1000);
	assert_true(pic_check(p, err, sizeof err));
	assert_true(pic_find(p, "det:sar:1", &e));
	assert_string_equal(e.state, "associated");
	assert_string_equal(e.ref, "mmsi:431000001");
	assert_true(pic_find(p, "det:sar:2", &e));
	assert_string_equal(e.state, "dark");
	assert_int_equal(p->dark_open, 1);
	for (size_t i = 0; i < pic_incident_count(p); i++) {
		x = pic_incident_at(p, i);
		if (strcmp(x->rule, "dark-vessel") != 0)
			continue;
		if (strcmp(x->members[0], "det:sar:1") == 0) {
			assert_int_equal(x->state, PIC_CLOSED);
			assert_int_equal(x->nmembers, 2);
			assert_string_equal(x->members[1], "mmsi:431000001");
			assert_non_null(strstr(x->why, "explained: mmsi:431000001"));
			assert_non_null(strstr(x->why, "reported again"));
		} else {
			assert_string_equal(x->members[0], "det:sar:2");
			assert_int_equal(x->state, PIC_OPEN);
		}
	}
	/* never heard before: its first report, 10 kn north, an hour later */
	put_det(p, "det:sar:3", T0 + 2 * H, 20.0, 120.0, 200);
	pic_advance(p, T0 + 2 * H + 60000);
	assert_int_equal(p->dark_open, 2);
	put_track(p, 431000002, T0 + 3 * H, 25.0, 120.0); /* not it */
	assert_int_equal(p->dark_open, 2);
	put_track(p, 431000003, T0 + 3 * H, 20.0 + 10.0 / 60, 120.0);
	assert_true(pic_find(p, "det:sar:3", &e));
	assert_string_equal(e.ref, "mmsi:431000003");
	assert_int_equal(p->dark_open, 1);
	assert_true(pic_check(p, err, sizeof err));
	pic_destroy(p);
}

static void
unknown_topics_and_bad_messages_are_counted(void **state)
{
	pic *p;
	char err[128];
	const char *m1 = "x/y {\"id\":\"a\",\"t\":\"2026-11-26T23:00:00Z\","
	    "\"src\":\"s\"}";
	const char *m2 = "maritime/track {\"id\":1}";
	struct pic_recent r;

	(void)state;
	assert_int_equal(pic_create(&p, NULL, err, sizeof err), TCOP_OK);
	pic_apply_msg(p, m1, strlen(m1));
	pic_apply_msg(p, m2, strlen(m2));
	assert_int_equal(pic_stats(p)->unknown, 1);
	assert_int_equal(pic_stats(p)->rejected, 1);
	put_track(p, 1, T0, 1, 1);
	put_track(p, 2, T0, 1, 2);
	assert_true(pic_recent(p, 0, &r));
	assert_string_equal(r.id, "mmsi:2");
	assert_true(pic_rev(p, PIC_TRACK) >= 2);
	pic_destroy(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_default_rules_are_the_documented_ones),
		cmocka_unit_test(a_rules_file_sets_thresholds_zones_and_lists),
		cmocka_unit_test(a_typo_in_the_rules_file_is_named),
		cmocka_unit_test(the_assignment_is_global_not_greedy),
		cmocka_unit_test(association_is_right_with_100k_tracks),
		cmocka_unit_test(association_works_across_the_antimeridian),
		cmocka_unit_test(an_ack_applies_to_the_same_incident_everywhere),
		cmocka_unit_test(a_dark_contact_closes_when_its_vessel_reports_again),
		cmocka_unit_test(unknown_topics_and_bad_messages_are_counted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
