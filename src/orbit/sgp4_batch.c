/*
 * sgp4_batch.c: the structure-of-arrays near-earth SGP4 (sgp4_batch.h).
 * The loop body follows sgp4()'s near-earth path line by line (same
 * names); see sgp4.c for the provenance and the meaning of each term. The
 * loop is compiled twice on x86-64 with GCC (target_clones: AVX2 and
 * the baseline) and the best one is picked at load time.
 */
/* The loop needs -O3's if-conversion to vectorise, and sqrt without
 * errno (the Makefile passes -fno-math-errno for this file); the results
 * do not change. */
#pragma GCC optimize("O3")

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "orbit/sgp4_batch.h"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(__SANITIZE_ADDRESS__)
#define BATCH_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define BATCH_CLONES
#endif

/* ---- sine and cosine that vectorise ------------------------------------ */

/* fdlibm's __kernel_sin/__kernel_cos coefficients, |r| <= pi/4 */
#define S1 -1.66666666666666324348e-01
#define S2 8.33333333332248946124e-03
#define S3 -1.98412698298579493134e-04
#define S4 2.75573137070700676789e-06
#define S5 -2.50507602534068634195e-08
#define S6 1.58969099521155010221e-10
#define C1 4.16666666666666019037e-02
#define C2 -1.38888888888741095749e-03
#define C3 2.48015872894767294178e-05
#define C4 -2.75573143513906633035e-07
#define C5 2.08757232129817482790e-09
#define C6 -1.13596475577881948265e-11
/* pi/2 in three parts (Cody-Waite), exact products for |k| < 2^20 */
#define PIO2_1 1.57079632673412561417e+00
#define PIO2_2 6.07710050630396597660e-11
#define PIO2_3 2.02226624871116645580e-21
#define INVPIO2 6.36619772367581382433e-01

static inline __attribute__((always_inline)) void
vsincos(double x, double *s, double *c)
{
	double k = floor(x * INVPIO2 + 0.5);
	double r = ((x - k * PIO2_1) - k * PIO2_2) - k * PIO2_3;
	double z = r * r;
	double sr = r + r * z * (S1 + z * (S2 + z * (S3 + z * (S4 +
	    z * (S5 + z * S6)))));
	double cr = 1.0 - 0.5 * z + z * z * (C1 + z * (C2 + z * (C3 +
	    z * (C4 + z * (C5 + z * C6)))));
	double q = k - 4.0 * floor(k * 0.25); /* quadrant 0..3 */
	double ss = q == 0.0 ? sr : q == 1.0 ? cr : q == 2.0 ? -sr : -cr;
	double cc = q == 0.0 ? cr : q == 1.0 ? -sr : q == 2.0 ? -cr : sr;

	*s = ss;
	*c = cc;
}

/* ---- the batch --------------------------------------------------------- */

void
sgp4_batch_init(struct sgp4_batch *b)
{
	memset(b, 0, sizeof(*b));
}

void
sgp4_batch_fini(struct sgp4_batch *b)
{
#define SGP4B_FREE(name) free(b->name);
	SGP4B_COEFS(SGP4B_FREE)
#undef SGP4B_FREE
	memset(b, 0, sizeof(*b));
}

void
sgp4_batch_clear(struct sgp4_batch *b)
{
	b->n = 0;
}

static int
grow(struct sgp4_batch *b)
{
	size_t cap = b->cap ? b->cap * 2 : 1024;
	bool ok = true;

#define SGP4B_GROW(name)                                               \
	if (ok) {                                                      \
		double *p = realloc(b->name, cap * sizeof(double));    \
		if (p == NULL)                                         \
			ok = false;                                    \
		else                                                   \
			b->name = p;                                   \
	}
	SGP4B_COEFS(SGP4B_GROW)
#undef SGP4B_GROW
	if (!ok)
		return -1;
	b->cap = cap;
	return 0;
}

long
sgp4_batch_add(struct sgp4_batch *b, const elsetrec *s)
{
	size_t i = b->n;
	bool simp = s->isimp == 1;

	if (s->method == 'd')
		return -1;
	if (i == b->cap && grow(b) != 0)
		return -2;
	b->xke = s->xke;
	b->j2 = s->j2;
	b->radiusearthkm = s->radiusearthkm;
	b->mo[i] = s->mo;
	b->mdot[i] = s->mdot;
	b->argpo[i] = s->argpo;
	b->argpdot[i] = s->argpdot;
	b->nodeo[i] = s->nodeo;
	b->nodedot[i] = s->nodedot;
	b->nodecf[i] = s->nodecf;
	b->cc1[i] = s->cc1;
	b->bcc4[i] = s->bstar * s->cc4;
	b->t2cof[i] = s->t2cof;
	/* isimp == 1: the terms of the isimp != 1 branch vanish */
	b->omgcof[i] = simp ? 0.0 : s->omgcof;
	b->eta[i] = s->eta;
	b->xmcof[i] = simp ? 0.0 : s->xmcof;
	b->delmo[i] = s->delmo;
	b->d2[i] = simp ? 0.0 : s->d2;
	b->d3[i] = simp ? 0.0 : s->d3;
	b->d4[i] = simp ? 0.0 : s->d4;
	b->bcc5[i] = simp ? 0.0 : s->bstar * s->cc5;
	b->sinmao[i] = s->sinmao;
	b->t3cof[i] = simp ? 0.0 : s->t3cof;
	b->t4cof[i] = simp ? 0.0 : s->t4cof;
	b->t5cof[i] = simp ? 0.0 : s->t5cof;
	b->no[i] = s->no_unkozai;
	b->a0[i] = pow(s->xke / s->no_unkozai, 2.0 / 3.0);
	b->ecco[i] = s->ecco;
	b->inclo[i] = s->inclo;
	b->cosio[i] = cos(s->inclo);
	b->sinio[i] = sin(s->inclo);
	b->aycof[i] = s->aycof;
	b->xlcof[i] = s->xlcof;
	b->con41[i] = s->con41;
	b->x1mth2[i] = s->x1mth2;
	b->x7thm1[i] = s->x7thm1;
	b->n++;
	return (long)i;
}

/* One Newton step of Kepler's equation, as sgp4()'s loop body; written
 * out five times below because GCC will not vectorise an inner loop. */
#define KEPLER_STEP                                                     \
	do {                                                            \
		vsincos(eo1, &sineo1, &coseo1);                         \
		tem5 = 1.0 - coseo1 * axnl - sineo1 * aynl;             \
		tem5 = (u - aynl * coseo1 + axnl * sineo1 - eo1) / tem5; \
		tem5 = tem5 > 0.95 ? 0.95 : tem5 < -0.95 ? -0.95 : tem5; \
		eo1 = eo1 + tem5;                                       \
	} while (0)

BATCH_CLONES size_t
sgp4_batch_run(const struct sgp4_batch *bp, const double *tsince,
    struct sgp4_state *out)
{
	/* a local copy: no store in the loop can change a pointer or n */
	const struct sgp4_batch bb = *bp, *b = &bb;
	const size_t n = b->n;
	const double xke = b->xke, j2 = b->j2, re = b->radiusearthkm;
	const double vkmpersec = re * xke / 60.0;
	const double twopi = 6.283185307179586476925286766559;
	size_t bad = 0;

#pragma GCC ivdep
	for (size_t i = 0; i < n; i++) {
		double t = tsince[i], t2 = t * t, t3 = t2 * t, t4 = t3 * t;
		double xmdf = b->mo[i] + b->mdot[i] * t;
		double argpdf = b->argpo[i] + b->argpdot[i] * t;
		double nodedf = b->nodeo[i] + b->nodedot[i] * t;
		double nodem = nodedf + b->nodecf[i] * t2;
		double tempa = 1.0 - b->cc1[i] * t;
		double tempe = b->bcc4[i] * t;
		double templ = b->t2cof[i] * t2;
		double sx, cx, sm, cm, delomg, delmtemp, delm, temp, mm, argpm;
		double am, nm, em, xl, u, eo1, tem5 = 1.0, sineo1 = 0.0,
		    coseo1 = 1.0, axnl, aynl, sinap, cosap;
		double ecose, esine, el2, pl, rl, rdotl, rvdotl, betal, sinu,
		    cosu, sin2u, cos2u, temp1, temp2, mrt, d, sd, cd, sinsu,
		    cossu, xnode, xinc, mvt, rvdot, snod, cnod, sini, cosi, xmx,
		    xmy, ux, uy, uz, vx, vy, vz, sqam;
		double e = 0.0, e6;

		vsincos(xmdf, &sx, &cx);
		delomg = b->omgcof[i] * t;
		delmtemp = 1.0 + b->eta[i] * cx;
		delm = b->xmcof[i] *
		    (delmtemp * delmtemp * delmtemp - b->delmo[i]);
		temp = delomg + delm;
		mm = xmdf + temp;
		argpm = argpdf - temp;
		tempa = tempa - b->d2[i] * t2 - b->d3[i] * t3 - b->d4[i] * t4;
		vsincos(mm, &sm, &cm);
		tempe = tempe + b->bcc5[i] * (sm - b->sinmao[i]);
		templ = templ + b->t3cof[i] * t3 +
		    t4 * (b->t4cof[i] + t * b->t5cof[i]);

		am = b->a0[i] * tempa * tempa;
		sqam = sqrt(am);
		nm = xke / (am * sqam);
		em = b->ecco[i] - tempe;
		e = (em >= 1.0 || em < -0.001) ? 1.0 : 0.0;
		em = em < 1.0e-6 ? 1.0e-6 : em;
		mm = mm + b->no[i] * templ;

		/* long period periodics */
		vsincos(argpm, &sinap, &cosap);
		axnl = em * cosap;
		temp = 1.0 / (am * (1.0 - em * em));
		aynl = em * sinap + temp * b->aycof[i];
		xl = mm + argpm + nodem + temp * b->xlcof[i] * axnl;

		/* kepler's equation, fixed steps */
		u = xl - nodem;
		u = u - twopi * floor(u / twopi);
		eo1 = u;
		KEPLER_STEP;
		KEPLER_STEP;
		KEPLER_STEP;
		KEPLER_STEP;
		KEPLER_STEP;
		vsincos(eo1, &sineo1, &coseo1);
		e = fabs(tem5) >= 1.0e-12 ? -1.0 : e;

		/* short period preliminary quantities */
		ecose = axnl * coseo1 + aynl * sineo1;
		esine = axnl * sineo1 - aynl * coseo1;
		el2 = axnl * axnl + aynl * aynl;
		pl = am * (1.0 - el2);
		e = pl < 0.0 ? 4.0 : e;
		pl = pl < 0.0 ? 1.0 : pl; /* keep the lane finite */
		rl = am * (1.0 - ecose);
		rdotl = sqam * esine / rl;
		rvdotl = sqrt(pl) / rl;
		betal = sqrt(1.0 - el2);
		temp = esine / (1.0 + betal);
		sinu = am / rl * (sineo1 - aynl - axnl * temp);
		cosu = am / rl * (coseo1 - axnl + aynl * temp);
		sin2u = (cosu + cosu) * sinu;
		cos2u = 1.0 - 2.0 * sinu * sinu;
		temp = 1.0 / pl;
		temp1 = 0.5 * j2 * temp;
		temp2 = temp1 * temp;

		/* update for short period periodics; su = atan2(sinu, cosu)
		 * - d, taken through sin/cos of the difference */
		mrt = rl * (1.0 - 1.5 * temp2 * betal * b->con41[i]) +
		    0.5 * temp1 * b->x1mth2[i] * cos2u;
		d = 0.25 * temp2 * b->x7thm1[i] * sin2u;
		vsincos(d, &sd, &cd);
		sinsu = sinu * cd - cosu * sd;
		cossu = cosu * cd + sinu * sd;
		xnode = nodem + 1.5 * temp2 * b->cosio[i] * sin2u;
		xinc = b->inclo[i] + 1.5 * temp2 * b->cosio[i] * b->sinio[i] *
		    cos2u;
		mvt = rdotl - nm * temp1 * b->x1mth2[i] * sin2u / xke;
		rvdot = rvdotl + nm * temp1 *
		    (b->x1mth2[i] * cos2u + 1.5 * b->con41[i]) / xke;

		/* orientation vectors */
		vsincos(xnode, &snod, &cnod);
		vsincos(xinc, &sini, &cosi);
		xmx = -snod * cosi;
		xmy = cnod * cosi;
		ux = xmx * sinsu + cnod * cossu;
		uy = xmy * sinsu + snod * cossu;
		uz = sini * sinsu;
		vx = xmx * cossu - cnod * sinsu;
		vy = xmy * cossu - snod * sinsu;
		vz = sini * cossu;
		/* decayed, unless an earlier error stands ("&&" here would
		 * stop the vectoriser) */
		e6 = e == 0.0 ? 6.0 : e;
		e = mrt < 1.0 ? e6 : e;
		out[i].r[0] = mrt * ux * re;
		out[i].r[1] = mrt * uy * re;
		out[i].r[2] = mrt * uz * re;
		out[i].v[0] = (mvt * ux + rvdot * vx) * vkmpersec;
		out[i].v[1] = (mvt * uy + rvdot * vy) * vkmpersec;
		out[i].v[2] = (mvt * uz + rvdot * vz) * vkmpersec;
		out[i].err = e;
		out[i].pad = 0.0;
		bad += e == -1.0;
	}
	return bad;
}
