/*
 * orbit.c: from a mean element set to a place on the earth: SGP4
 * initialisation with twoline2rv's unit conversions, time since epoch,
 * TEME -> pseudo earth-fixed (GMST, IAU-82) -> WGS-84 geodetic, and look
 * angles from a ground observer. Pure functions of their arguments; time
 * is always an argument.
 *
 * Known limits: UT1 is taken as UTC (|UT1-UTC| < 0.9 s, i.e. < 0.4 km
 * along-track at the equator in the earth-fixed frame) and polar motion is
 * ignored (~10 m), as most SGP4 consumers do; SGP4 itself is worse.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "orbit/elements.h"

#define PI 3.14159265358979323846
#define DEG (PI / 180.0)
#define XPDOTP (1440.0 / (2.0 * PI)) /* rev/day -> rad/min divisor */
#define JD_UNIX 2440587.5            /* 1970-01-01T00:00Z */
#define JD_1950 2433281.5            /* 1949-12-31T00:00Z, SGP4's epoch */
#define WGS84_A 6378.137             /* km */
#define WGS84_F (1.0 / 298.257223563)

void
orb_init(const struct orb_elements *el, elsetrec *s)
{
	double no_kozai = el->mean_motion / XPDOTP; /* rad/min */
	double ndot = el->mean_motion_dot / (XPDOTP * 1440.0);
	double nddot = el->mean_motion_ddot / (XPDOTP * 1440.0 * 1440.0);

	memset(s, 0, sizeof(*s));
	s->jdsatepoch = el->jdsatepoch;
	s->jdsatepochF = el->jdsatepochF;
	sgp4init(wgs72, 'i', (long)el->norad,
	    (el->jdsatepoch + el->jdsatepochF) - JD_1950, el->bstar, ndot,
	    nddot, el->eccentricity, el->arg_of_pericenter * DEG,
	    el->inclination * DEG, el->mean_anomaly * DEG, no_kozai,
	    el->ra_of_asc_node * DEG, s);
}

void
orb_jd_of_ms(tcop_ms t, double *jd, double *jdfrac)
{
	int64_t day = t / 86400000, ms = t % 86400000;

	if (ms < 0) {
		ms += 86400000;
		day--;
	}
	*jd = JD_UNIX + (double)day;
	*jdfrac = (double)ms / 86400000.0;
}

double
orb_tsince_jd(const elsetrec *s, double jd, double jdfrac)
{
	return ((jd - s->jdsatepoch) + (jdfrac - s->jdsatepochF)) * 1440.0;
}

double
orb_tsince(const elsetrec *s, tcop_ms t)
{
	double jd, fr;

	orb_jd_of_ms(t, &jd, &fr);
	return orb_tsince_jd(s, jd, fr);
}

int
orb_teme_at(elsetrec *s, tcop_ms t, double r[3], double v[3])
{
	sgp4(s, orb_tsince(s, t), r, v);
	return s->error;
}

void
orb_teme_to_ecef(double jd, double jdfrac, const double rt[3],
    const double vt[3], double re[3], double ve[3])
{
	/* earth rotation rate with the IAU-82 GMST rate, rad/s */
	const double omega = 7.29211514670698e-5;
	double g = gstime(jd + jdfrac), c = cos(g), s = sin(g);

	re[0] = c * rt[0] + s * rt[1];
	re[1] = -s * rt[0] + c * rt[1];
	re[2] = rt[2];
	if (vt != NULL && ve != NULL) {
		ve[0] = c * vt[0] + s * vt[1] + omega * re[1];
		ve[1] = -s * vt[0] + c * vt[1] - omega * re[0];
		ve[2] = vt[2];
	}
}

void
orb_ecef_to_geodetic(const double r[3], double *lat, double *lon,
    double *alt)
{
	const double e2 = WGS84_F * (2.0 - WGS84_F);
	double p = hypot(r[0], r[1]), phi, n = WGS84_A, h = 0.0;

	*lon = atan2(r[1], r[0]) / DEG;
	if (*lon >= 180.0)
		*lon -= 360.0;
	if (p < 1e-9) { /* on the axis */
		*lat = r[2] >= 0 ? 90.0 : -90.0;
		*alt = fabs(r[2]) - WGS84_A * (1.0 - WGS84_F);
		return;
	}
	phi = atan2(r[2], p * (1.0 - e2));
	for (int i = 0; i < 8; i++) {
		double sp = sin(phi), prev = phi;

		n = WGS84_A / sqrt(1.0 - e2 * sp * sp);
		h = p / cos(phi) - n;
		phi = atan2(r[2], p * (1.0 - e2 * n / (n + h)));
		if (fabs(phi - prev) < 1e-13)
			break;
	}
	/* the height from the better-conditioned formula near the poles */
	{
		double sp = sin(phi), cp = cos(phi);

		n = WGS84_A / sqrt(1.0 - e2 * sp * sp);
		h = p * cp + r[2] * sp - WGS84_A * WGS84_A / n;
	}
	*lat = phi / DEG;
	*alt = h;
}

void
orb_geodetic_to_ecef(double lat, double lon, double alt, double r[3])
{
	const double e2 = WGS84_F * (2.0 - WGS84_F);
	double sp = sin(lat * DEG), cp = cos(lat * DEG);
	double n = WGS84_A / sqrt(1.0 - e2 * sp * sp);

	r[0] = (n + alt) * cp * cos(lon * DEG);
	r[1] = (n + alt) * cp * sin(lon * DEG);
	r[2] = (n * (1.0 - e2) + alt) * sp;
}

void
orb_look_angles(double lat, double lon, double alt, const double r[3],
    double *az, double *el, double *rng)
{
	double o[3], d[3], sl = sin(lat * DEG), cl = cos(lat * DEG);
	double so = sin(lon * DEG), co = cos(lon * DEG), e, n, u;

	orb_geodetic_to_ecef(lat, lon, alt, o);
	for (int i = 0; i < 3; i++)
		d[i] = r[i] - o[i];
	/* east, north, up */
	e = -so * d[0] + co * d[1];
	n = -sl * co * d[0] - sl * so * d[1] + cl * d[2];
	u = cl * co * d[0] + cl * so * d[1] + sl * d[2];
	*rng = sqrt(e * e + n * n + u * u);
	*el = asin(u / *rng) / DEG;
	*az = atan2(e, n) / DEG;
	if (*az < 0)
		*az += 360.0;
}

/* ---- epochs ------------------------------------------------------------- */

void
orb_set_epoch_ms(struct orb_elements *el)
{
	double days = (el->jdsatepoch - JD_UNIX);

	el->epoch_ms = (tcop_ms)llround(days * 86400000.0 +
	    el->jdsatepochF * 86400000.0);
}

void
orb_epoch_text(const struct orb_elements *el, bool with_z, char *buf,
    size_t size)
{
	int64_t day = (int64_t)llround(el->jdsatepoch - JD_UNIX);
	int64_t us = (int64_t)llround(el->jdsatepochF * 86400e6);
	int y;
	unsigned m, d;

	while (us >= INT64_C(86400000000)) {
		us -= INT64_C(86400000000);
		day++;
	}
	while (us < 0) {
		us += INT64_C(86400000000);
		day--;
	}
	tcop_civil_from_days(day, &y, &m, &d);
	snprintf(buf, size, "%04d-%02u-%02uT%02d:%02d:%02d.%06d%s", y, m, d,
	    (int)(us / 3600000000), (int)(us / 60000000 % 60),
	    (int)(us / 1000000 % 60), (int)(us % 1000000), with_z ? "Z" : "");
}

static bool
num(const char **p, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		char c = (*p)[i];
		if (c < '0' || c > '9')
			return false;
		v = v * 10 + (c - '0');
	}
	*p += n;
	*out = v;
	return true;
}

tcop_err
orb_epoch_parse(const char *s, double *jd, double *jdfrac)
{
	int y, mo, d, h, mi, sec;
	double frac = 0.0, scale = 0.1;
	const char *p = s;

	if (!num(&p, 4, &y) || *p++ != '-' || !num(&p, 2, &mo) ||
	    *p++ != '-' || !num(&p, 2, &d) || (*p != 'T' && *p != ' '))
		return TCOP_ETIME;
	p++;
	if (!num(&p, 2, &h) || *p++ != ':' || !num(&p, 2, &mi) ||
	    *p++ != ':' || !num(&p, 2, &sec))
		return TCOP_ETIME;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return TCOP_ETIME;
		for (; *p >= '0' && *p <= '9'; p++) {
			frac += (*p - '0') * scale;
			scale /= 10;
		}
	}
	if (*p == 'Z')
		p++;
	if (*p != '\0')
		return TCOP_ETIME;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    sec > 60 || y < 1957 || y > 2100)
		return TCOP_ETIME;
	jday(y, mo, d, h, mi, sec + frac, jd, jdfrac);
	return TCOP_OK;
}

tcop_err
orb_check(const struct orb_elements *el, const char **why)
{
	if (el->norad < 1 || el->norad > ORB_NORAD_MAX)
		*why = "catalogue number outside 1..339999";
	else if (!(el->inclination >= 0.0 && el->inclination <= 180.0))
		*why = "inclination outside [0, 180] deg";
	else if (!(el->ra_of_asc_node >= 0.0 && el->ra_of_asc_node <= 360.0))
		*why = "right ascension of the node outside [0, 360] deg";
	else if (!(el->arg_of_pericenter >= 0.0 &&
	    el->arg_of_pericenter <= 360.0))
		*why = "argument of perigee outside [0, 360] deg";
	else if (!(el->mean_anomaly >= 0.0 && el->mean_anomaly <= 360.0))
		*why = "mean anomaly outside [0, 360] deg";
	else if (!(el->eccentricity >= 0.0 && el->eccentricity < 1.0))
		*why = "eccentricity outside [0, 1)";
	else if (!(el->mean_motion > 0.0 && el->mean_motion < 20.0))
		*why = "mean motion outside (0, 20) rev/day";
	else if (!isfinite(el->bstar) || !isfinite(el->mean_motion_dot) ||
	    !isfinite(el->mean_motion_ddot) || fabs(el->bstar) > 1e3)
		*why = "drag terms not finite";
	else if (!(el->jdsatepoch > 2435839.5 && el->jdsatepoch < 2488069.5))
		*why = "epoch outside 1957..2100";
	else
		return TCOP_OK;
	return TCOP_ERANGE;
}
