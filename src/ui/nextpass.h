/*
 * nextpass.h: the next pass of each satellite over a site, for the
 * satellites list's PASS column and the passes list (the last track,
 * asset, interference area or zone selected, else the map's centre). Passes come from orbit/pass.h over a 24 h horizon at a
 * minimum elevation of NP_MIN_EL, as `tcop passes --min-el 10` finds them.
 *
 * Cached, not computed per frame: a direct-mapped table by NORAD id keeps
 * each satellite's answer until its element set changes (epoch), the site
 * moves by more than NP_SITE_DEG, the pass ends (now past LOS), or, when
 * none was found, an hour passes. A search costs ~3,000 SGP4 calls, so
 * each list update spends at most a budget of searches; the rest stay
 * pending (NP_PENDING) for the next update. No curses, no clock.
 */
#ifndef TCOP_UI_NEXTPASS_H
#define TCOP_UI_NEXTPASS_H

#include "orbit/pass.h"
#include "pic/pic.h"
#include "pic/sat.h"

#define NP_MIN_EL 10.0       /* deg */
#define NP_HORIZON 86400000  /* ms searched ahead */
#define NP_SITE_DEG 0.05     /* the site moved: search again */

enum np_result { NP_PENDING = -1, NP_NONE = 0, NP_FOUND = 1 };

struct np_cache;

/* A cache of 2^bits entries (bits 4..20); NULL if out of memory. */
struct np_cache *np_create(unsigned bits);
void np_destroy(struct np_cache *c);

/*
 * The next pass of o over lat/lon after now (one in progress counts:
 * aos_clipped). NP_FOUND: *out filled; NP_NONE: none within the horizon;
 * NP_PENDING: not cached and *budget was 0 (each search decrements it).
 */
enum np_result np_next(struct np_cache *c, const struct sat_obj *o,
    double lat, double lon, tcop_ms now, int *budget, struct orb_pass *out);

/*
 * The point passes are searched over for entity e: a polygon's (zone,
 * area with a ring) centroid — the mean of its vertices, longitudes taken
 * relative to the first so that a ring across the antimeridian works —
 * else its position (a circle's centre, a track's dead-reckoned position,
 * an asset's). false if it has neither. A pass "over a zone" is a pass
 * over that one point: its vertices are not searched.
 */
bool np_site(const struct pic_entity *e, double *lat, double *lon);

/* Searches done since creation (for tests: the cache is used). */
unsigned long np_searches(const struct np_cache *c);

#endif
