/*
 * snap_geojson.c: `tcop snapshot --format geojson`: the picture at a time,
 * as a GeoJSON FeatureCollection (RFC 7946). The picture is built by
 * replaying a capture: every event with t <= --at, in capture order, then
 * brought to --at (or to its latest event) with pic_advance().
 *
 * With --feed instead, the picture is what the feeds send during
 * --duration (wall clock, the CLI's own), each event with t <= --at.
 * `tcop passes --mmsi` builds its picture with the same two helpers.
 *
 * Every feature has properties.kind: track, detection, satellite, asset,
 * alert, area, zone, mark, incident. Incidents carry rule, members,
 * severity, state, why, first, last, domains. Every feature carries its
 * marking, cls ("" unmarked) and rel (null: none): a track the highest of
 * its reports, an incident the highest of its members with rel their
 * intersection, as the banner shows them. An incident's geometry is the
 * centroid of the members that have a position (null if none). Output is
 * deterministic: fixed number formats and the picture's own order, so the
 * same capture gives the same bytes on every run.
 */
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/snap.h"
#include "feed/bus.h"
#include "feed/capture.h"
#include "pic/pic.h"

static void
jstr(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

static void
jnum(FILE *f, const char *k, double v)
{
	fprintf(f, ",\"%s\":", k);
	if (isfinite(v))
		fprintf(f, "%.6g", v);
	else
		fputs("null", f);
}

static void
jtime(FILE *f, const char *k, tcop_ms t)
{
	char b[32];

	fprintf(f, ",\"%s\":", k);
	if (t == TCOP_MS_NONE) {
		fputs("null", f);
		return;
	}
	tcop_time_format_ms(t, b, sizeof b);
	jstr(f, b);
}

static void
geometry(FILE *f, const struct pic_entity *e)
{
	fputs("\"geometry\":", f);
	if (e->narea >= 3) {
		fputs("{\"type\":\"Polygon\",\"coordinates\":[[", f);
		for (int i = 0; i <= e->narea; i++)
			fprintf(f, "%s[%.6f,%.6f]", i ? "," : "",
			    e->area[i % e->narea][0], e->area[i % e->narea][1]);
		fputs("]]}", f);
	} else if (e->has_pos && isfinite(e->lat) && isfinite(e->lon))
		fprintf(f, "{\"type\":\"Point\",\"coordinates\":[%.6f,%.6f]}",
		    e->lon, e->lat);
	else
		fputs("null", f);
}

/* The marking of an item: "cls" ("" unmarked) and "rel" (null: none). */
static void
marking(FILE *f, tcop_cls cls, int nrel, const char rel[][5])
{
	fputs(",\"cls\":", f);
	jstr(f, tcop_cls_name(cls));
	fputs(",\"rel\":", f);
	if (nrel < 0 || rel == NULL) {
		fputs("null", f);
		return;
	}
	fputc('[', f);
	for (int i = 0; i < nrel; i++) {
		if (i)
			fputc(',', f);
		jstr(f, rel[i]);
	}
	fputc(']', f);
}

static void
entity(FILE *f, const struct pic_entity *e, bool *first)
{
	fputs(*first ? "\n" : ",\n", f);
	*first = false;
	fputs("{\"type\":\"Feature\",", f);
	geometry(f, e);
	fputs(",\"properties\":{\"kind\":", f);
	jstr(f, pic_kind_name(e->kind));
	fputs(",\"id\":", f);
	jstr(f, e->id);
	fputs(",\"label\":", f);
	jstr(f, e->label);
	fputs(",\"state\":", f);
	jstr(f, e->state);
	if (e->ref[0]) {
		fputs(",\"ref\":", f);
		jstr(f, e->ref);
	}
	jnum(f, "speed", e->speed);
	jnum(f, "course", e->course);
	if (isfinite(e->radius_m))
		jnum(f, "radius_m", e->radius_m);
	jtime(f, "t", e->t);
	marking(f, e->cls, e->nrel, e->rel);
	fputs("}}", f);
}

static void
incident(FILE *f, const pic *p, const struct pic_incident *in, bool *first)
{
	double slat = 0, slon = 0;
	int n = 0;
	struct pic_entity e;

	for (int i = 0; i < in->nmembers; i++)
		if (pic_find(p, in->members[i], &e) && e.has_pos &&
		    isfinite(e.lat)) {
			slat += e.lat;
			slon += e.lon;
			n++;
		}
	fputs(*first ? "\n" : ",\n", f);
	*first = false;
	fputs("{\"type\":\"Feature\",\"geometry\":", f);
	if (n > 0)
		fprintf(f, "{\"type\":\"Point\",\"coordinates\":[%.6f,%.6f]}",
		    slon / n, slat / n);
	else
		fputs("null", f);
	fputs(",\"properties\":{\"kind\":\"incident\",\"id\":", f);
	jstr(f, in->id);
	fputs(",\"rule\":", f);
	jstr(f, in->rule);
	fputs(",\"members\":[", f);
	for (int i = 0; i < in->nmembers; i++) {
		if (i)
			fputc(',', f);
		jstr(f, in->members[i]);
	}
	fputs("],\"severity\":", f);
	jstr(f, pic_sev_name(in->severity));
	fputs(",\"state\":", f);
	jstr(f, pic_state_name(in->state));
	fputs(",\"why\":", f);
	jstr(f, in->why);
	jtime(f, "first", in->first);
	jtime(f, "last", in->last);
	jtime(f, "closed", in->closed_at);
	marking(f, in->cls, in->nrel, in->rel);
	fputs(",\"domains\":[", f);
	fprintf(f, "%s%s%s", in->domains & PIC_DOM_MARITIME ? "\"maritime\"" :
	    "", in->domains & PIC_DOM_SPACE ? (in->domains & 1 ? ",\"space\"" :
	    "\"space\"") : "", in->domains & PIC_DOM_CYBER ? (in->domains & 3 ?
	    ",\"cyber\"" : "\"cyber\"") : "");
	fputc(']', f);
	if (in->ack_by[0]) {
		fputs(",\"ack_by\":", f);
		jstr(f, in->ack_by);
	}
	fputs("}}", f);
}

int
snap_geojson_write(const pic *p, FILE *f)
{
	static const enum pic_kind kinds[] = { PIC_ZONE, PIC_AREA, PIC_ASSET,
		PIC_ALERT, PIC_SAT, PIC_TRACK, PIC_DETECTION, PIC_MARK };
	struct pic_entity e;
	bool first = true;
	char t[32] = "";

	if (pic_time(p) != TCOP_MS_NONE)
		tcop_time_format_ms(pic_time(p), t, sizeof t);
	fprintf(f, "{\"type\":\"FeatureCollection\",\"tcop\":{\"t\":\"%s\","
	    "\"events\":%llu,\"rejected\":%llu,\"unknown\":%llu},"
	    "\"features\":[", t,
	    (unsigned long long)pic_stats(p)->applied,
	    (unsigned long long)pic_stats(p)->rejected,
	    (unsigned long long)pic_stats(p)->unknown);
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		size_t cur = 0;
		while (pic_next(p, kinds[k], &cur, &e))
			entity(f, &e, &first);
	}
	for (size_t i = 0; i < pic_incident_count(p); i++)
		incident(f, p, pic_incident_at(p, i), &first);
	fputs("\n]}\n", f);
	return ferror(f) ? CLI_FAIL : CLI_OK;
}

int
snap_replay(pic *p, const char *capture, tcop_ms at)
{
	return snap_replay_as("snapshot", p, capture, at);
}

int
snap_replay_as(const char *cmd, pic *p, const char *capture, tcop_ms at)
{
	capture_reader *r;
	struct capture_line l;
	tcop_event *ev = malloc(sizeof *ev);
	tcop_err e;

	if (ev == NULL)
		return CLI_FAIL;
	if (capture_open(&r, capture) != TCOP_OK) {
		fprintf(stderr, "tcop %s: %s: cannot open\n", cmd, capture);
		free(ev);
		return CLI_FAIL;
	}
	while ((e = capture_next(r, &l)) != TCOP_EOF) {
		if (e == TCOP_ECAPTURE) {
			fprintf(stderr, "tcop %s: %s:%ld: %s\n", cmd, capture,
			    l.lineno, l.why);
			continue;
		}
		if (e != TCOP_OK)
			break;
		if ((e = tcop_event_decode(l.msg, l.msg_len, ev)) != TCOP_OK) {
			fprintf(stderr, "tcop %s: %s:%ld: %s\n", cmd, capture,
			    l.lineno, tcop_strerror(e));
			pic_apply_msg(p, l.msg, l.msg_len); /* counts it */
			continue;
		}
		if (at != TCOP_MS_NONE && ev->t > at)
			continue;
		pic_apply(p, ev);
	}
	capture_close(r);
	free(ev);
	pic_advance(p, at);
	return CLI_OK;
}

int
snap_feed(pic *p, char *const *urls, int nurls, tcop_ms duration, tcop_ms at)
{
	return snap_feed_until("snapshot", p, urls, nurls, duration, at, NULL,
	    NULL, NULL);
}

int
snap_feed_until(const char *cmd, pic *p, char *const *urls, int nurls,
    tcop_ms duration, tcop_ms at, bool (*done)(const pic *, void *),
    void *arg, bool *seen)
{
	feedbus *b;
	struct feed_msg m;
	struct pollfd fds[4];
	tcop_event *ev = malloc(sizeof *ev);
	tcop_ms end = tcop_mono_ms() + duration, now;
	int rc = CLI_OK;

	if (seen != NULL)
		*seen = false;
	if (ev == NULL || feedbus_create(&b) != TCOP_OK) {
		free(ev);
		fprintf(stderr, "tcop %s: out of memory\n", cmd);
		return CLI_FAIL;
	}
	for (int i = 0; i < nurls; i++)
		if (feedbus_add(b, urls[i], "", NULL) != TCOP_OK) {
			fprintf(stderr, "tcop %s: --feed %s: cannot "
			    "subscribe\n", cmd, urls[i]);
			rc = CLI_FAIL;
			goto out;
		}
	while ((now = tcop_mono_ms()) < end) {
		int n = feedbus_pollfds(b, fds, 4);
		poll(fds, (nfds_t)n, (int)(end - now < 100 ? end - now : 100));
		while (feedbus_recv(b, &m) == TCOP_OK) {
			if (feedbus_decode(b, &m, ev) != TCOP_OK) {
				pic_apply_msg(p, m.data, m.len); /* counts it */
				continue;
			}
			if (at == TCOP_MS_NONE || ev->t <= at)
				pic_apply(p, ev);
		}
		if (done != NULL && done(p, arg)) {
			if (seen != NULL)
				*seen = true;
			break;
		}
	}
	pic_advance(p, at);
out:
	feedbus_destroy(b);
	free(ev);
	return rc;
}
