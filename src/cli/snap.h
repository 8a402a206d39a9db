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
/* Subscribe to urls for duration ms (wall clock) and apply what comes
 * with t <= at, then pic_advance(p, at). CLI_OK or CLI_FAIL. */
int snap_feed(pic *p, char *const *urls, int nurls, tcop_ms duration,
    tcop_ms at);
/* The picture as a GeoJSON FeatureCollection. CLI_OK or CLI_FAIL. */
int snap_geojson_write(const pic *p, FILE *f);

#endif
