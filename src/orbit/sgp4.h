/*
 * sgp4.h: the SGP4/SDP4 analytical propagator (near-earth and deep-space,
 * with the half-day and one-day resonances), a C transcription laid out
 * after Vallado, Crawford, Hujsak and Kelso, "Revisiting Spacetrack Report
 * #3" (AIAA 2006-6753) and its companion code (SGP4.cpp, version of 2020).
 * The names, units and error codes are the reference's; see sgp4.c for the
 * provenance and the changes.
 *
 * Units: distances in earth radii inside, km and km/s outside; angles in
 * radians; mean motion in rad/min; times in minutes since the element
 * set's epoch (tsince). Positions and velocities are in the TEME frame.
 *
 * Everything lives in one elsetrec per satellite: no globals, so any number
 * of satellites propagate independently (one thread per elsetrec).
 */
#ifndef TCOP_ORBIT_SGP4_H
#define TCOP_ORBIT_SGP4_H

#include <stdbool.h>

typedef enum { wgs72old, wgs72, wgs84 } gravconsttype;

typedef struct elsetrec {
	long satnum;
	int error;          /* 0 ok, else the code of sgp4() below */
	char operationmode; /* 'a' AFSPC, 'i' improved */
	char init, method;  /* init 'y' during sgp4init; method 'n'/'d' */

	/* near earth */
	int isimp;
	double aycof, con41, cc1, cc4, cc5, d2, d3, d4, delmo, eta, argpdot,
	    omgcof, sinmao, t, t2cof, t3cof, t4cof, t5cof, x1mth2, x7thm1,
	    mdot, nodedot, xlcof, xmcof, nodecf;

	/* deep space */
	int irez;
	double d2201, d2211, d3210, d3222, d4410, d4422, d5220, d5232, d5421,
	    d5433, dedt, del1, del2, del3, didt, dmdt, dnodt, domdt, e3, ee2,
	    peo, pgho, pho, pinco, plo, se2, se3, sgh2, sgh3, sgh4, sh2, sh3,
	    si2, si3, sl2, sl3, sl4, gsto, xfact, xgh2, xgh3, xgh4, xh2, xh3,
	    xi2, xi3, xl2, xl3, xl4, xlamo, zmol, zmos, atime, xli, xni;

	/* the element set: radians, rad/min, days */
	double a, altp, alta, jdsatepoch, jdsatepochF, nddot, ndot, bstar,
	    inclo, nodeo, ecco, argpo, mo, no_kozai, no_unkozai;

	/* singly averaged mean elements of the last sgp4() call */
	double am, em, im, Om, om, mm, nm;

	/* gravity constants */
	double tumin, mu, radiusearthkm, xke, j2, j3, j4, j3oj2;
} elsetrec;

/*
 * getgravconst: the constants of one gravity model (wgs72old, wgs72,
 * wgs84). tumin: minutes per time unit; mu km3/s2; radiusearthkm km; xke
 * 1/tumin; j2, j3, j4 zonal harmonics; j3oj2 = j3 / j2.
 */
void getgravconst(gravconsttype whichconst, double *tumin, double *mu,
    double *radiusearthkm, double *xke, double *j2, double *j3, double *j4,
    double *j3oj2);

/*
 * sgp4init: initialise satrec for sgp4().
 *   whichconst  gravity model (tcop uses wgs72, as the verification set)
 *   opsmode     'a' AFSPC or 'i' improved (tcop uses 'i')
 *   satn        catalogue number
 *   epoch       epoch, days since 1949 Dec 31 00:00 UT (JD 2433281.5)
 *   xbstar      B* drag term, 1/earth radii
 *   xndot, xnddot  mean motion derivatives, rad/min^2 and rad/min^3
 *   xecco       eccentricity; xargpo, xinclo, xmo, xnodeo radians
 *   xno_kozai   mean motion (Kozai), rad/min
 * Returns true; satrec->error holds the code of the epoch propagation
 * (see sgp4()). The caller sets satrec->jdsatepoch/jdsatepochF.
 */
bool sgp4init(gravconsttype whichconst, char opsmode, long satn, double epoch,
    double xbstar, double xndot, double xnddot, double xecco, double xargpo,
    double xinclo, double xmo, double xno_kozai, double xnodeo,
    elsetrec *satrec);

/*
 * sgp4: position r (km) and velocity v (km/s), TEME, at tsince minutes
 * from epoch. Returns false on error, with satrec->error:
 *   1 - mean elements, ecc >= 1.0 or ecc < -0.001 or a < 0.95 er
 *   2 - mean motion less than 0.0
 *   3 - pert elements, ecc < 0.0  or  ecc > 1.0
 *   4 - semi-latus rectum < 0.0
 *   5 - epoch elements are sub-orbital (no longer raised)
 *   6 - satellite has decayed (r and v are still set)
 * Deep-space satrecs keep resonance integrator state (atime, xli, xni):
 * calls on one satrec must not run concurrently.
 */
bool sgp4(elsetrec *satrec, double tsince, double r[3], double v[3]);

/* gstime: Greenwich mean sidereal time (IAU-82), radians in [0, 2pi),
 * of a UT1 Julian date. */
double gstime(double jdut1);

/* jday: Julian date of a civil UTC date, as a whole part at midnight
 * (xxx.5) and a fraction of the day. */
void jday(int year, int mon, int day, int hr, int minute, double sec,
    double *jd, double *jdfrac);

#endif
