/*
 * pass.c: pass prediction (pass.h). The elevation is sampled on a coarse
 * grid (20 s above 6 rev/day, 120 s below); every
 * local maximum of the samples (window ends included) is refined by a
 * golden-section search, and if it clears the minimum elevation the
 * crossings on both sides are found by bisection. Scanning resumes after
 * each LOS, so a satellite that never sets gives one clipped pass.
 *
 * Known limits: two maxima closer than one grid step merge into one pass;
 * for low orbits that cannot happen (passes are minutes apart).
 */
#include <math.h>
#include <stdlib.h>

#include "orbit/pass.h"

double
orb_elevation(elsetrec *s, const struct orb_site *site, tcop_ms t,
    double *az)
{
	double r[3], v[3], re[3], jd, fr, a, el, rng;

	if (orb_teme_at(s, t, r, v) != 0)
		return -90.0;
	orb_jd_of_ms(t, &jd, &fr);
	orb_teme_to_ecef(jd, fr, r, NULL, re, NULL);
	orb_look_angles(site->lat, site->lon, site->alt_km, re, &a, &el, &rng);
	if (az != NULL)
		*az = a;
	return el;
}

/* The highest elevation in [a, b] (golden section), at *tmax. */
static double
refine_max(elsetrec *s, const struct orb_site *site, tcop_ms a, tcop_ms b,
    tcop_ms *tmax)
{
	const double g = 0.6180339887498949;
	double x1 = b - g * (b - a), x2 = a + g * (b - a);
	double f1 = orb_elevation(s, site, (tcop_ms)x1, NULL);
	double f2 = orb_elevation(s, site, (tcop_ms)x2, NULL);
	double lo = (double)a, hi = (double)b;

	while (hi - lo > 1.0) {
		if (f1 < f2) {
			lo = x1;
			x1 = x2;
			f1 = f2;
			x2 = lo + g * (hi - lo);
			f2 = orb_elevation(s, site, (tcop_ms)llround(x2), NULL);
		} else {
			hi = x2;
			x2 = x1;
			f2 = f1;
			x1 = hi - g * (hi - lo);
			f1 = orb_elevation(s, site, (tcop_ms)llround(x1), NULL);
		}
	}
	*tmax = (tcop_ms)llround((lo + hi) / 2);
	return orb_elevation(s, site, *tmax, NULL);
}

/* The crossing of min_el between below (el < min) and above (el >= min) */
static tcop_ms
crossing(elsetrec *s, const struct orb_site *site, double min_el,
    tcop_ms below, tcop_ms above)
{
	while (llabs(above - below) > 1) {
		tcop_ms mid = below + (above - below) / 2;

		if (orb_elevation(s, site, mid, NULL) >= min_el)
			above = mid;
		else
			below = mid;
	}
	return above;
}

int
orb_passes(elsetrec *s, const struct orb_site *site, double min_el,
    tcop_ms from, tcop_ms to, struct orb_pass *out, int max)
{
	double n = s->no_kozai * 1440.0 / (2.0 * 3.14159265358979323846);
	tcop_ms h = n > 6.0 ? 20000 : 120000, t = from;
	double e0, e1, e2;
	int k = 0;

	if (to <= from || max <= 0)
		return 0;
	e0 = -1000.0; /* before the window: lower than anything */
	e1 = orb_elevation(s, site, t, NULL);
	while (t <= to && k < max) {
		tcop_ms tn = t + h > to && t < to ? to : t + h;
		tcop_ms tmax, a, b, up;
		struct orb_pass *p;
		double emax;

		e2 = tn > to || t == to ? -1000.0 :
		    orb_elevation(s, site, tn, NULL);
		if (!(e1 >= e0 && e1 > e2) || e1 < min_el - 5.0) {
			e0 = e1;
			e1 = e2;
			t = tn;
			continue;
		}
		/* a local maximum at t: refine it inside the window */
		a = t - h < from ? from : t - h;
		b = tn > to ? to : tn;
		emax = refine_max(s, site, a, b, &tmax);
		if (emax < min_el) {
			e0 = e1;
			e1 = e2;
			t = tn;
			continue;
		}
		p = &out[k++];
		p->tca = tmax;
		p->max_el = orb_elevation(s, site, tmax, &p->tca_az);
		/* AOS: walk back to an instant below min_el */
		up = tmax;
		p->aos_clipped = true;
		for (tcop_ms u = tmax - h;; u -= h) {
			if (u <= from) {
				if (orb_elevation(s, site, from, NULL) < min_el) {
					up = crossing(s, site, min_el, from, up);
					p->aos_clipped = false;
				} else {
					up = from;
				}
				break;
			}
			if (orb_elevation(s, site, u, NULL) < min_el) {
				up = crossing(s, site, min_el, u, up);
				p->aos_clipped = false;
				break;
			}
			up = u;
		}
		p->aos = up;
		orb_elevation(s, site, p->aos, &p->aos_az);
		/* LOS: walk forward */
		up = tmax;
		p->los_clipped = true;
		for (tcop_ms u = tmax + h;; u += h) {
			if (u >= to) {
				if (orb_elevation(s, site, to, NULL) < min_el) {
					up = crossing(s, site, min_el, to, up);
					p->los_clipped = false;
				} else {
					up = to;
				}
				break;
			}
			if (orb_elevation(s, site, u, NULL) < min_el) {
				up = crossing(s, site, min_el, u, up);
				p->los_clipped = false;
				break;
			}
			up = u;
		}
		p->los = up;
		orb_elevation(s, site, p->los, &p->los_az);
		/* resume after LOS */
		t = p->los + 1;
		e0 = 1000.0; /* after a pass: no maximum at the resume point */
		e1 = orb_elevation(s, site, t, NULL);
	}
	return k;
}
