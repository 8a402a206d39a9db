/*
 * snap.h: the picture side of `tcop snapshot` (snap_geojson.c): build a
 * picture from a capture up to a time, and write it as GeoJSON.
 */
#ifndef TCOP_CLI_SNAP_H
#define TCOP_CLI_SNAP_H

#include <stdio.h>

#include "cli/cli.h"
#include "pic/pic.h"

/* Apply every event of capture with t <= at (TCOP_MS_NONE: all), in
 * capture order, then pic_advance(p, at). Bad lines are reported on
 * stderr with file:line and counted. CLI_OK or CLI_FAIL. */
int snap_replay(pic *p, const char *capture, tcop_ms at);
/* The same, its messages naming `tcop cmd` (snap_replay: "snapshot"). */
int snap_replay_as(const char *cmd, pic *p, const char *capture, tcop_ms at);
/* Subscribe to urls for duration ms (wall clock) and apply what comes
 * with t <= at, then pic_advance(p, at). CLI_OK or CLI_FAIL. */
int snap_feed(pic *p, char *const *urls, int nurls, tcop_ms duration,
    tcop_ms at);
/*
 * The same for `tcop cmd`, returning as soon as done(p, arg) (may be
 * NULL) holds after a batch of messages: *seen (may be NULL) says whether
 * it did before duration ran out.
 */
int snap_feed_until(const char *cmd, pic *p, char *const *urls, int nurls,
    tcop_ms duration, tcop_ms at, bool (*done)(const pic *, void *),
    void *arg, bool *seen);
/* The picture as a GeoJSON FeatureCollection. CLI_OK or CLI_FAIL. */
int snap_geojson_write(const pic *p, FILE *f);

/* --every: frames of a capture in one pass (snap_series.c). */
struct snap_series_opts {
	tcop_ms from, to;  /* TCOP_MS_NONE: the first event's t; the last */
	tcop_ms every;     /* > 0 */
	tcop_ms late;      /* how long after a frame's time events may still
	                    * arrive for it (by RX_TIME) */
	bool progress;     /* a progress line on stderr (when a terminal) */
	/* Write frame n (1-based) of picture p at t; CLI_OK or CLI_FAIL. */
	int (*frame)(void *arg, const pic *p, tcop_ms t, int n);
	void *arg;
};
/*
 * The frames of capture into p (fresh): the picture at from, from + every,
 * ... up to to (or the latest event time), each passed to o->frame. Bad
 * lines are reported on stderr with file:line and counted. Returns the
 * number of frames written, or -1 on failure (said on stderr).
 */
int snap_series(pic *p, const char *capture, const struct snap_series_opts *o);

#endif
