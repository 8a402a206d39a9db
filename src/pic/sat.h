/*
 * sat.h: the satellites of the picture: a catalogue keyed by NORAD id,
 * where the newest element set of each object wins, and the positions of
 * the whole catalogue at a picture time, computed in one batch.
 *
 * Pure model code: no curses, no clock (time is an argument), no network.
 * Positions are earth-fixed (km); latitude/longitude are computed on
 * demand, so a view asks only for the objects it can show
 * (sat_cat_visible()). Not thread-safe: one owner (the picture).
 * Memory: the library-like layer returns TCOP_ENOMEM.
 */
#ifndef TCOP_PIC_SAT_H
#define TCOP_PIC_SAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "orbit/elements.h"

typedef struct sat_cat sat_cat;

/* What sat_cat_put() did with an element set. */
enum sat_put {
	SAT_ADDED,    /* a new object */
	SAT_REPLACED, /* newer than the one held: it wins */
	SAT_OLDER,    /* not newer than the one held: ignored */
};

/* One object as the picture sees it. */
struct sat_obj {
	struct orb_elements el; /* the newest element set */
	elsetrec rec;           /* its SGP4 state (scalar path) */
	double jump_km;         /* last replacement: distance between the
	                         * old set propagated to the new epoch and
	                         * the new set (a maneuver hint); NaN if none */
	/* at the last sat_cat_update(): */
	double ecef[3];         /* km, earth-fixed */
	int err;                /* SGP4 error code, 0 ok */
};

tcop_err sat_cat_create(sat_cat **out);
void sat_cat_destroy(sat_cat *c);

/*
 * A deep copy of src (objects, SGP4 states and last positions); its batch
 * is rebuilt at its first update. TCOP_ENOMEM.
 */
tcop_err sat_cat_clone(sat_cat **out, const sat_cat *src);
/* Bytes the catalogue holds, about. */
size_t sat_cat_bytes(const sat_cat *c);

/* Add or replace by NORAD id; *what says which (may be NULL). The
 * element set must have passed orb_check(). */
tcop_err sat_cat_put(sat_cat *c, const struct orb_elements *el,
    enum sat_put *what);

size_t sat_cat_count(const sat_cat *c);
/* The i-th object (0 <= i < count), stable until the next put. */
const struct sat_obj *sat_cat_at(const sat_cat *c, size_t i);
/* By NORAD id; NULL if unknown. */
const struct sat_obj *sat_cat_find(const sat_cat *c, uint32_t norad);

/*
 * Position every object at t: ECEF km and error code per object. Near-
 * earth objects go through the batch kernel (orbit/sgp4_batch.h), deep-
 * space ones through sgp4(). Returns the number of objects positioned
 * without error.
 */
size_t sat_cat_update(sat_cat *c, tcop_ms t);

/* Geodetic position of object i at the last update. False if it has an
 * SGP4 error. */
bool sat_cat_geodetic(const sat_cat *c, size_t i, double *lat, double *lon,
    double *alt_km);

/*
 * The objects whose sub-satellite point lies within radius_deg (great
 * circle) of lat/lon at the last update, into idx (at most max); returns
 * how many. A cheap dot product per object; no trigonometry.
 */
size_t sat_cat_visible(const sat_cat *c, double lat, double lon,
    double radius_deg, size_t *idx, size_t max);

/* Days from the element set's epoch to t (the element age). */
double sat_age_days(const struct sat_obj *o, tcop_ms t);

#endif
