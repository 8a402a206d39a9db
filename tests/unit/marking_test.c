/*
 * marking_test.c: markings carried onto what the picture derives
 * (issue "Trust"): a track carries the highest marking of its reports, an
 * incident the highest of its members, with `rel` the intersection of the
 * restricting markings (CUI and above), the same rule as the banner's; and
 * pic_mark_merge() on its own. The events are tcop/1 messages applied with
 * pic_apply_msg(), as a viewer receives them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "pic/pic.h"

static void
msg(pic *p, const char *fmt, ...)
{
	char b[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(b, sizeof b, fmt, ap);
	va_end(ap);
	assert_true(n > 0 && (size_t)n < sizeof b);
	assert_int_equal(pic_apply_msg(p, b, (size_t)n), TCOP_OK);
}

/* A position report at 23:MM:SS with marking MARK (e.g. "\"cls\":\"S\""). */
static void
report(pic *p, unsigned mmsi, int mm, double lat, const char *mark)
{
	static int seq;

	msg(p, "maritime/track {\"id\":\"mmsi:%u\",\"t\":\"2026-11-26T23:%02d:"
	    "00Z\",\"src\":\"rx\",\"seq\":%d,%s,\"lat\":%.4f,\"lon\":129.5,"
	    "\"type\":1,\"mmsi\":%u,\"speed\":10,\"course\":0}", mmsi, mm,
	    ++seq, mark, lat, mmsi);
}

static void
rel_is(int nrel, const char (*rel)[5], const char *want)
{
	char got[64] = "";

	if (nrel < 0) {
		assert_string_equal("none", want);
		return;
	}
	for (int i = 0; i < nrel; i++) {
		strcat(got, i ? "," : "");
		strcat(got, rel[i]);
	}
	assert_string_equal(got, want);
}

static pic *
picture(void)
{
	pic *p;
	char err[128];

	assert_int_equal(pic_create(&p, NULL, err, sizeof err), TCOP_OK);
	return p;
}

static void
a_track_carries_the_highest_marking_of_its_reports(void **state)
{
	pic *p = picture();
	struct pic_entity e;

	(void)state;
	report(p, 431000001, 1, 34.0, "\"cls\":\"C\",\"rel\":[\"USA\",\"JPN\","
	    "\"AUS\"]");
	report(p, 431000001, 2, 34.1, "\"cls\":\"S\",\"rel\":[\"USA\",\"JPN\"]");
	report(p, 431000001, 3, 34.2, "\"cls\":\"U\"");
	assert_true(pic_find(p, "mmsi:431000001", &e));
	assert_int_equal(e.cls, TCOP_CLS_S);
	rel_is(e.nrel, e.rel, "USA,JPN");
	/* an older report, even one that does not move the track, counts */
	report(p, 431000001, 0, 33.9, "\"cls\":\"TS\",\"rel\":[\"USA\"]");
	assert_true(pic_find(p, "mmsi:431000001", &e));
	assert_int_equal(e.cls, TCOP_CLS_TS);
	rel_is(e.nrel, e.rel, "USA");
	/* a C report without rel: releasable to no one */
	report(p, 431000002, 1, 34.0, "\"cls\":\"C\",\"rel\":[\"USA\"]");
	report(p, 431000002, 2, 34.0, "\"cls\":\"C\"");
	assert_true(pic_find(p, "mmsi:431000002", &e));
	assert_int_equal(e.cls, TCOP_CLS_C);
	rel_is(e.nrel, e.rel, "none");
	/* unmarked reports add nothing */
	report(p, 431000003, 1, 34.0, "\"cls\":\"CUI\",\"rel\":[\"USA\",\"JPN\"]");
	msg(p, "maritime/track {\"id\":\"mmsi:431000003\",\"t\":\"2026-11-26T23:"
	    "05:00Z\",\"src\":\"rx\",\"seq\":99,\"lat\":34,\"lon\":129.5,"
	    "\"type\":1,\"mmsi\":431000003}");
	assert_true(pic_find(p, "mmsi:431000003", &e));
	assert_int_equal(e.cls, TCOP_CLS_CUI);
	rel_is(e.nrel, e.rel, "USA,JPN");
	pic_destroy(p);
}

/*
 * pnt-disruption: three tracks jump inside a GNSS jamming circle. Its
 * members are the area (U) and the tracks (S rel USA,JPN; U; C rel
 * USA,JPN,GBR): the incident is S, releasable to USA and JPN.
 */
static void
an_incident_carries_the_highest_marking_of_its_members(void **state)
{
	pic *p = picture();
	const struct pic_incident *in = NULL;
	struct pic_entity e;

	(void)state;
	msg(p, "cyber/interference {\"id\":\"area:jam-1\",\"t\":\"2026-11-26T"
	    "23:00:00Z\",\"src\":\"gnss\",\"seq\":1,\"cls\":\"U\",\"lat\":34.0,"
	    "\"lon\":129.5,\"what\":\"gnss-jamming\",\"radius_m\":50000}");
	report(p, 431000011, 1, 34.0, "\"cls\":\"C\",\"rel\":[\"USA\",\"JPN\","
	    "\"AUS\"]");
	report(p, 431000012, 1, 34.0, "\"cls\":\"U\"");
	report(p, 431000013, 1, 34.0, "\"cls\":\"C\",\"rel\":[\"GBR\",\"USA\","
	    "\"JPN\"]");
	/* a minute later each is 6 nm north: 360 kn, a jump */
	report(p, 431000011, 2, 34.1, "\"cls\":\"S\",\"rel\":[\"USA\",\"JPN\"]");
	report(p, 431000012, 2, 34.1, "\"cls\":\"U\"");
	report(p, 431000013, 2, 34.1, "\"cls\":\"U\"");
	for (size_t i = 0; i < pic_incident_count(p); i++) {
		const struct pic_incident *x = pic_incident_at(p, i);
		if (strcmp(x->rule, "pnt-disruption") == 0)
			in = x;
		else if (strcmp(x->members[0], "mmsi:431000012") == 0)
			assert_int_equal(x->cls, TCOP_CLS_U);
	}
	assert_non_null(in);
	assert_int_equal(in->nmembers, 4);
	assert_int_equal(in->cls, TCOP_CLS_S);
	rel_is(in->nrel, in->rel, "USA,JPN");
	/* a single-member incident: the member's marking */
	in = NULL;
	for (size_t i = 0; i < pic_incident_count(p); i++)
		if (strcmp(pic_incident_at(p, i)->rule, "ais-jump") == 0 &&
		    strcmp(pic_incident_at(p, i)->members[0],
		    "mmsi:431000013") == 0)
			in = pic_incident_at(p, i);
	assert_non_null(in);
	assert_true(pic_find(p, "mmsi:431000013", &e));
	assert_int_equal(e.cls, TCOP_CLS_C);
	assert_int_equal(in->cls, TCOP_CLS_C);
	rel_is(in->nrel, in->rel, "GBR,USA,JPN");
	pic_destroy(p);
}

static void
merge_follows_the_banners_rule(void **state)
{
	tcop_cls c = TCOP_CLS_NONE;
	int n = -1;
	char rel[TCOP_REL_MAX][5];
	const char a[][5] = { "USA", "JPN", "AUS" }, b[][5] = { "JPN", "USA" };

	(void)state;
	pic_mark_merge(&c, &n, rel, TCOP_CLS_NONE, 3, a);
	assert_int_equal(c, TCOP_CLS_NONE);
	pic_mark_merge(&c, &n, rel, TCOP_CLS_U, -1, NULL);
	assert_int_equal(c, TCOP_CLS_U);
	rel_is(n, (const char (*)[5])rel, "none");
	/* the first restricting marking sets rel; U leaves it alone */
	pic_mark_merge(&c, &n, rel, TCOP_CLS_CUI, 3, a);
	pic_mark_merge(&c, &n, rel, TCOP_CLS_U, -1, NULL);
	assert_int_equal(c, TCOP_CLS_CUI);
	rel_is(n, (const char (*)[5])rel, "USA,JPN,AUS");
	pic_mark_merge(&c, &n, rel, TCOP_CLS_C, 2, b);
	assert_int_equal(c, TCOP_CLS_C);
	rel_is(n, (const char (*)[5])rel, "USA,JPN");
	/* a lower marking still narrows rel */
	pic_mark_merge(&c, &n, rel, TCOP_CLS_CUI, 1, b);
	assert_int_equal(c, TCOP_CLS_C);
	rel_is(n, (const char (*)[5])rel, "JPN");
	pic_mark_merge(&c, &n, rel, TCOP_CLS_S, 0, NULL);
	assert_int_equal(c, TCOP_CLS_S);
	rel_is(n, (const char (*)[5])rel, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_track_carries_the_highest_marking_of_its_reports),
		cmocka_unit_test(an_incident_carries_the_highest_marking_of_its_members),
		cmocka_unit_test(merge_follows_the_banners_rule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
