/*
 * scenario.h: the embedded demo scenario of the region (Japan, East and
 * South China Seas, western Pacific): a deterministic generator of tcop/1
 * messages in event-time order, for `tcop demo` and its tests.
 *
 * Pure: no sockets, no clock, no files after demo_world_load(); the only
 * randomness is the scenario's own PRNG (rng.h) seeded by --seed, and
 * numbers are printed with fixed decimals, so one seed gives the same bytes
 * on every machine. It streams: messages are made on demand, for ever,
 * with no loop seam. Traffic follows the lanes of maps/lanes.json; ships
 * that arrive moor and new ones sail. Every DEMO_EPISODE of scenario time
 * a new episode stages, with new identities, one incident for every rule
 * of the correlation core (the manifest says what and when):
 *
 *   +0:30  picture/zone (episode 0 only)    +1:00  rendezvous starts (40 min)
 *   +3..12 campaign of one signature on 4 assets, the ground station among them
 *   +4..16 MMSI clone alternating at two far places
 *   +6     a class A ship under way in a strait goes dark
 *   +7..22 GNSS jamming area; ships inside jump
 *   +14    maneuver of a satellite the ground station controls
 *   +18    conjunction on a protected satellite
 *   SAR/RF passes: detections of ships; one dark contact in a zone
 *
 * Markings: tracks U (satellite AIS CUI), detections S, alerts and
 * interference CUI, maneuver reports S, so the banner changes.
 * Memory: demo_create() allocates; demo_next() does not.
 */
#ifndef TCOP_DEMO_SCENARIO_H
#define TCOP_DEMO_SCENARIO_H

#include <stdint.h>
#include <stdio.h>

#include "cyber/assets.h"
#include "demo/lanes.h"
#include "orbit/elements.h"

#define DEMO_EPISODE (30 * 60 * 1000LL) /* ms of scenario time */

enum demo_domain { DEMO_MARITIME, DEMO_SPACE, DEMO_CYBER, DEMO_NDOMAINS };

/* What the scenario is made from (read once by demo_world_load()). */
struct demo_world {
	struct lanes lanes;
	struct orb_elements *sats; /* the satellite catalogue */
	size_t nsats;
	assets *assets;            /* the asset inventory */
};

/*
 * Read DIR/lanes.json, DIR/demo_sats.tle and DIR/assets.json. On failure
 * why names the file and the reason; TCOP_ESYS, TCOP_EFIELD, ...
 */
tcop_err demo_world_load(struct demo_world *w, const char *dir, char *why,
    size_t whysize);
void demo_world_fini(struct demo_world *w);

struct demo_opts {
	uint64_t seed;
	tcop_ms start;   /* scenario time of the first message */
	int ships;       /* vessels under way at any time (0: 300) */
};

/* The scenario's default start: just after the catalogue's newest epoch,
 * so every element set is in the past and propagates forward. */
#define DEMO_START_DEFAULT "2026-03-19T12:00:00Z"

typedef struct demo demo;

/* One generated message: valid until the next demo_next(). */
struct demo_msg {
	tcop_ms t;            /* scenario time at which it is sent */
	enum demo_domain dom; /* which publisher sends it */
	const char *msg;      /* TOPIC SP JSON, NUL-terminated */
	size_t len;
};

/* w must outlive the generator. TCOP_ENOMEM, TCOP_EINVAL (no lanes). */
tcop_err demo_create(demo **out, const struct demo_world *w,
    const struct demo_opts *o);
void demo_destroy(demo *d);

/* The next message in time order (never runs out). */
void demo_next(demo *d, struct demo_msg *m);

/*
 * The manifest so far: one line per staged incident,
 *   TIME RULE key=value ...
 * e.g. "2026-03-19T00:04:00Z identity-conflict id=mmsi:431... ...".
 */
void demo_manifest(const demo *d, FILE *f);
/* Messages generated so far, per domain. */
uint64_t demo_count(const demo *d, enum demo_domain dom);

#endif
