/*
 * stix.h: STIX 2.1 bundles to cyber/indicator and cyber/sighting events.
 *
 * A bundle is read whole. Every object is indexed by its id, and every
 * reference (each top-level `*_ref` and `*_refs` property) is resolved
 * within the bundle; a reference that is not there is reported through
 * the problem callback and counted, never fatal. Then:
 *
 *   indicator -> cyber/indicator: id "stix:<indicator id>", name,
 *                pattern, confidence, valid_from/valid_until, and the names
 *                of what it `indicates` (relationships in the bundle).
 *   sighting  -> cyber/sighting: count, first_seen, last_seen, the name
 *                and pattern of what was sighted (sighting_of_ref), and
 *                where: the first identity of where_sighted_refs (its name)
 *                and a position from, in order, the asset of that name in
 *                the inventory (then the id is "asset:NAME"), a location
 *                in where_sighted_refs, or a location the identity is
 *                `located-at`.
 *
 * observed-data, location, identity, infrastructure, attack-pattern and
 * relationship objects are counted and used to resolve references; other
 * types (malware, course-of-action, cyber observables) are counted as
 * other. Versions of one object (the same id) count once: the newest
 * `modified` is used, the others are superseded. The reader allocates only its id index (freed before return); the
 * cJSON tree does not outlive stix_read().
 */
#ifndef TCOP_CYBER_STIX_H
#define TCOP_CYBER_STIX_H

#include "cyber/assets.h"
#include "tcop/event.h"

struct stix_opts {
	const assets *assets; /* NULL: no asset placement */
	const char *src;      /* `src` of the events; NULL: "stix" */
};

/* One event made from a bundle. Borrowed strings live only during the
 * callback. */
struct stix_rec {
	tcop_event ev;          /* kind TCOP_K_INDICATOR or TCOP_K_SIGHTING */
	const char *name;       /* borrowed, full length ("" if none) */
	const char *pattern;    /* borrowed, full length ("" if none) */
	const char *description; /* borrowed ("" if none) */
	char of_ref[96];        /* sighting: sighting_of_ref */
	char of_type[32];       /* sighting: the type of what it refers to */
	char location[96];      /* the location name used for lat/lon */
	char indicates[160];    /* indicator: names it indicates, "; "-joined */
	char pattern_type[16];
	tcop_ms valid_from, valid_until;
	int asset;              /* inventory index, -1 */
	char bundle[64];        /* the bundle's id */
};

/* Counters of one stix_read(). */
struct stix_report {
	uint64_t objects;
	uint64_t indicators, sightings, observed_data, locations, identities;
	uint64_t infrastructure, attack_patterns, relationships, other;
	uint64_t refs, resolved, unresolved;
	uint64_t superseded; /* older versions of an object (same id) */
	uint64_t bad; /* objects without a string id or type */
};

typedef void (*stix_event_fn)(void *arg, const struct stix_rec *r);
/* "NAME:LINE: reason" of an unresolved reference or a bad object. */
typedef void (*stix_problem_fn)(void *arg, const char *msg);

/*
 * Read one bundle of len bytes from input `name` (for messages). The
 * report is added to *rep. TCOP_EJSON if it is not JSON, TCOP_EFORMAT if
 * not a bundle (the problem callback has "NAME:LINE: reason"),
 * TCOP_ENOMEM; otherwise TCOP_OK, whatever the problems inside.
 */
tcop_err stix_read(const char *text, size_t len, const char *name,
    const struct stix_opts *o, stix_event_fn on_event,
    stix_problem_fn on_problem, void *arg, struct stix_report *rep);

/* The tcop/1 JSON of r (seq < 0: none). TCOP_ETOOBIG. */
tcop_err stix_format(const struct stix_rec *r, int64_t seq, char *buf,
    size_t size, size_t *len);

#endif
