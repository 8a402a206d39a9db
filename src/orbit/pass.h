/*
 * pass.h: passes of a satellite over a point on the earth: acquisition
 * (AOS) and loss (LOS) of signal where the elevation crosses a minimum,
 * and the time of closest approach (TCA) at the highest elevation, with
 * the azimuths at each. Pure: the window is an argument.
 */
#ifndef TCOP_ORBIT_PASS_H
#define TCOP_ORBIT_PASS_H

#include <stdbool.h>

#include "orbit/elements.h"

struct orb_pass {
	tcop_ms aos, tca, los;
	double aos_az, tca_az, los_az; /* deg from north, clockwise */
	double max_el;                 /* deg */
	bool aos_clipped;              /* already up at the window's start */
	bool los_clipped;              /* still up at the window's end */
};

struct orb_site {
	double lat, lon; /* deg, WGS-84 */
	double alt_km;   /* above the ellipsoid */
};

/* Elevation (deg) of s seen from site at t; -90 if SGP4 fails there.
 * az (may be NULL) gets the azimuth. */
double orb_elevation(elsetrec *s, const struct orb_site *site, tcop_ms t,
    double *az);

/*
 * The passes of s over site with an elevation above min_el (deg) during
 * [from, to], in time order, into out (at most max). Returns how many
 * were found (more may exist when it returns max). Times are refined to
 * about a millisecond; passes lower than min_el by a coarse step's worth
 * of curvature are found too (local maxima are searched, not only sign
 * changes).
 */
int orb_passes(elsetrec *s, const struct orb_site *site, double min_el,
    tcop_ms from, tcop_ms to, struct orb_pass *out, int max);

#endif
