/*
 * lanes.h: the geography of the demo scenario, read from maps/lanes.json:
 * shipping lanes (waypoint polylines, [lon, lat] as GeoJSON) that the
 * generated traffic follows, and zones of interest (polygon rings) that
 * the scenario publishes as picture/zone events. Plus the little
 * spherical geometry the scenario needs (distance, offset, bearing, point
 * in polygon).
 *
 * A position along a lane is a distance in nautical miles from its first
 * waypoint; inside a segment it is interpolated linearly in lat/lon, which
 * is good to a few metres for the short segments of the file. Fixed-size
 * tables: no allocation after parsing; more lanes or points than the
 * limits below are rejected with a reason.
 */
#ifndef TCOP_DEMO_LANES_H
#define TCOP_DEMO_LANES_H

#include <stdbool.h>
#include <stddef.h>

#include "tcop/tcop.h"

#define LANE_PTS_MAX 32
#define LANES_MAX 32
#define ZONE_PTS_MAX 32
#define ZONES_MAX 16

struct lane {
	char name[40];
	char from[24], to[24];  /* port names: the destinations of traffic */
	int weight;             /* relative share of the traffic, >= 1 */
	int n;                  /* waypoints, >= 2 */
	double lat[LANE_PTS_MAX], lon[LANE_PTS_MAX];
	double cum_nm[LANE_PTS_MAX]; /* distance from waypoint 0 */
	double len_nm;
};

struct zone {
	char id[48];            /* "zone:tsushima-strait" */
	char name[64];
	int n;                  /* ring vertices (not closed), >= 3 */
	double lat[ZONE_PTS_MAX], lon[ZONE_PTS_MAX];
};

struct lanes {
	int nlanes, nzones;
	struct lane lane[LANES_MAX];
	struct zone zone[ZONES_MAX];
};

/*
 * Parse the JSON text of a lanes file (len bytes). TCOP_EJSON if it is not
 * JSON, TCOP_EFIELD / TCOP_ERANGE with the reason in why (naming the lane
 * or zone) if a member is missing, mistyped or out of range.
 */
tcop_err lanes_parse(struct lanes *ls, const char *buf, size_t len,
    char *why, size_t whysize);
/* Read and parse path; TCOP_ESYS (errno set) if it cannot be read. */
tcop_err lanes_load(struct lanes *ls, const char *path, char *why,
    size_t whysize);

/* Position and course (deg true) at d_nm along l, clamped to its ends. */
void lanes_at(const struct lane *l, double d_nm, double *lat, double *lon,
    double *course);

/* Great-circle distance (NM, spherical earth of 3440.065 NM). */
double lanes_dist_nm(double lat1, double lon1, double lat2, double lon2);
/* Initial bearing from 1 to 2, deg true in [0, 360). */
double lanes_bearing(double lat1, double lon1, double lat2, double lon2);
/* The point dist_nm from lat/lon on bearing brg_deg. */
void lanes_offset(double lat, double lon, double brg_deg, double dist_nm,
    double *lat2, double *lon2);
/* Point in polygon (even-odd rule, lon/lat plane; no antimeridian). */
bool lanes_zone_contains(const struct zone *z, double lat, double lon);

#endif
