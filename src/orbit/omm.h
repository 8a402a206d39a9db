/*
 * omm.h: CelesTrak/Space-Track OMM element sets in JSON (the keys of
 * CelesTrak's FORMAT=json: OBJECT_NAME, OBJECT_ID, EPOCH, MEAN_MOTION,
 * ECCENTRICITY, INCLINATION, RA_OF_ASC_NODE, ARG_OF_PERICENTER,
 * MEAN_ANOMALY, EPHEMERIS_TYPE, CLASSIFICATION_TYPE, NORAD_CAT_ID,
 * ELEMENT_SET_NO, REV_AT_EPOCH, BSTAR, MEAN_MOTION_DOT, MEAN_MOTION_DDOT).
 * Numbers may come as JSON numbers or as numeric strings (Space-Track).
 * An object carrying "tle1" and "tle2" (a tcop/1 space/elements event
 * built from a TLE) is read from its TLE lines instead.
 *
 * A file is either one JSON array of objects or one object per line; the
 * reader finds each top-level object itself (strings and escapes
 * respected), so a rejection names the line the object starts on, and a
 * bad object does not stop the rest. Parsing uses the per-thread cJSON
 * arena; nothing is allocated for the caller.
 */
#ifndef TCOP_ORBIT_OMM_H
#define TCOP_ORBIT_OMM_H

#include "orbit/elements.h"
#include "orbit/objscan.h"
#include "tcop/event.h"

#define OMM_WHY_MAX 96

/*
 * One OMM object of len bytes (not NUL-terminated). Returns TCOP_OK, or
 * TCOP_EJSON (not a JSON object), TCOP_EFIELD (a key missing or mistyped),
 * TCOP_ETIME (EPOCH), TCOP_ERANGE, or a TLE reason; why says which key.
 */
tcop_err omm_parse(const char *json, size_t len, struct orb_elements *el,
    char why[OMM_WHY_MAX]);

/* The same from a decoded tcop/1 space/elements event. */
tcop_err omm_from_event(const struct tcop_ev_elements *ev,
    struct orb_elements *el, char why[OMM_WHY_MAX]);

struct omm_reader {
	struct objscan scan;
};

void omm_reader_init(struct omm_reader *r, const char *buf, size_t len);

/* Next element set: TCOP_OK with *lineno the line its object starts on;
 * TCOP_EOF at the end; any other code is a rejection at *lineno. */
tcop_err omm_next(struct omm_reader *r, struct orb_elements *el,
    long *lineno, char why[OMM_WHY_MAX]);

/*
 * Write el as the JSON object of a space/elements event (no topic): the
 * common fields id ("norad:N"), t (the epoch), src and seq (omitted when
 * seq < 0), then the OMM keys, then tle1/tle2 when el came from a TLE.
 * Returns the length, or 0 if buf is too small.
 */
size_t omm_event_json(const struct orb_elements *el, const char *src,
    int64_t seq, char *buf, size_t size);

#endif
