/*
 * regions.h: the region presets of maps/regions.json (wpac, japan, ecs, ...):
 * a name, a title, a centre and a span (longitude degrees across the map).
 *
 *   { "regions": [ { "name": "wpac", "title": "Western Pacific",
 *                    "center": [22.0, 140.0], "span": 70.0 }, ... ] }
 *
 * Parsing fills a caller-owned table (no allocation survives the call; the
 * cJSON tree lives in the per-thread arena). Every rejection names the
 * input, the line (for JSON syntax errors) or the region's index, and the
 * reason.
 */
#ifndef TCOP_REGIONS_H
#define TCOP_REGIONS_H

#include <stddef.h>

#include "tcop/tcop.h"

#define REGIONS_MAX 64
#define REGION_NAME_MAX 32
#define REGION_TITLE_MAX 64

struct region {
	char name[REGION_NAME_MAX];   /* [a-z0-9-]+ */
	char title[REGION_TITLE_MAX];
	double lat, lon;              /* centre, degrees; lon in [-180, 360] */
	double span;                  /* (0, 360] longitude degrees */
};

struct regions {
	struct region r[REGIONS_MAX];
	int n;
};

/*
 * Parse len bytes of JSON named `input` (for messages). TCOP_EJSON for a
 * syntax error or a missing "regions" array, TCOP_EFIELD for a bad region
 * (why says which and why), TCOP_ERANGE for more than REGIONS_MAX.
 */
tcop_err regions_parse(struct regions *rs, const char *input, const char *buf,
    size_t len, char *why, size_t whylen);
/* Read and parse a file; TCOP_ESYS if it cannot be read. */
tcop_err regions_load(struct regions *rs, const char *path, char *why,
    size_t whylen);
/* The region called name, or NULL. */
const struct region *regions_find(const struct regions *rs, const char *name);

#endif
