/*
 * elements.h: one mean element set (the input of SGP4), whichever text it
 * came in: a TLE/3LE (orbit/tle.c) or CelesTrak OMM JSON (orbit/omm.c);
 * and the glue from it to the propagator and the earth (orbit/orbit.c).
 *
 * The fields are named and scaled as CelesTrak's OMM keys (degrees,
 * revolutions per day), because that is what the tcop/1 `space/elements`
 * event carries. The epoch is kept as Vallado keeps it, a Julian date in
 * two parts (midnight .5 plus a day fraction), so that no precision is lost
 * on the way to SGP4; epoch_ms is the same instant rounded to the ms, for
 * the picture.
 */
#ifndef TCOP_ORBIT_ELEMENTS_H
#define TCOP_ORBIT_ELEMENTS_H

#include <stddef.h>
#include <stdint.h>

#include "orbit/sgp4.h"
#include "tcop/tcop.h"

#define ORB_NAME_MAX 25 /* 24 characters, as a 3LE name line */
#define ORB_NORAD_MAX 339999 /* Alpha-5 "Z9999" */

struct orb_elements {
	uint32_t norad;              /* NORAD_CAT_ID, 1..339999 */
	char name[ORB_NAME_MAX];     /* OBJECT_NAME, trimmed; may be empty */
	char object_id[16];          /* OBJECT_ID "1998-067A"; may be empty */
	char classification;         /* 'U', 'C', 'S' */
	double jdsatepoch;           /* epoch: Julian date at 0h (x.5) ... */
	double jdsatepochF;          /* ... plus this fraction of a day */
	tcop_ms epoch_ms;            /* the epoch rounded to the ms */
	double mean_motion;          /* rev/day (Kozai) */
	double eccentricity;
	double inclination;          /* deg */
	double ra_of_asc_node;       /* deg */
	double arg_of_pericenter;    /* deg */
	double mean_anomaly;         /* deg */
	double bstar;                /* 1/earth radii */
	double mean_motion_dot;      /* rev/day^2, as the TLE (ndot/2) */
	double mean_motion_ddot;     /* rev/day^3, as the TLE (nddot/6) */
	int ephemeris_type;
	int element_set_no;
	long rev_at_epoch;
	char tle1[70], tle2[70];     /* the TLE lines when from a TLE, else "" */
};

/* Initialise satrec for SGP4 from el: WGS-72 constants, opsmode 'i', the
 * unit conversions of Vallado's twoline2rv. satrec->error tells whether
 * the epoch itself propagates (0) or not (1..6, see sgp4.h). */
void orb_init(const struct orb_elements *el, elsetrec *satrec);

/* Minutes from the element set's epoch to t (ms since the Unix epoch). */
double orb_tsince(const elsetrec *satrec, tcop_ms t);

/* The same for an instant in Julian date parts (jd at 0h + fraction). */
double orb_tsince_jd(const elsetrec *satrec, double jd, double jdfrac);

/* Split ms since the Unix epoch into Julian date at 0h and day fraction. */
void orb_jd_of_ms(tcop_ms t, double *jd, double *jdfrac);

/* Position (km) and velocity (km/s) in TEME at t. Returns the SGP4 error
 * code: 0 ok, 1..6 as sgp4.h (6: decayed, r/v still set). */
int orb_teme_at(elsetrec *satrec, tcop_ms t, double r[3], double v[3]);

/* TEME to earth-fixed (pseudo earth-fixed: GMST IAU-82 rotation, no polar
 * motion, UT1 = UTC) at the instant jd + jdfrac. v may be NULL. */
void orb_teme_to_ecef(double jd, double jdfrac, const double r_teme[3],
    const double v_teme[3], double r_ecef[3], double v_ecef[3]);

/* Earth-fixed km to WGS-84 geodetic latitude, longitude (deg, lon in
 * [-180, 180)) and height above the ellipsoid (km). */
void orb_ecef_to_geodetic(const double r[3], double *lat_deg,
    double *lon_deg, double *alt_km);

/* WGS-84 geodetic to earth-fixed km. */
void orb_geodetic_to_ecef(double lat_deg, double lon_deg, double alt_km,
    double r[3]);

/* Azimuth (deg from north, clockwise), elevation (deg) and range (km) of
 * the earth-fixed point r seen from an observer at lat/lon/alt. */
void orb_look_angles(double lat_deg, double lon_deg, double alt_km,
    const double r_ecef[3], double *az_deg, double *el_deg, double *rng_km);

/* The epoch as CelesTrak writes it, "2025-05-24T20:17:04.048800" (micro-
 * seconds, no zone), into buf (>= 27 bytes); with_z appends 'Z'. */
void orb_epoch_text(const struct orb_elements *el, bool with_z, char *buf,
    size_t size);

/* Julian date parts of a calendar time with microseconds. Returns
 * TCOP_ETIME if the text is not "YYYY-MM-DDTHH:MM:SS[.ffffff][Z]". */
tcop_err orb_epoch_parse(const char *s, double *jd, double *jdfrac);

/* Fill el->epoch_ms from jdsatepoch/jdsatepochF. */
void orb_set_epoch_ms(struct orb_elements *el);

/* Check the ranges every source must respect (norad, angles, e, n).
 * TCOP_ERANGE with a reason in why (static text) when not. */
tcop_err orb_check(const struct orb_elements *el, const char **why);

#endif
