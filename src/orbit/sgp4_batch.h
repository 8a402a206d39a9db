/*
 * sgp4_batch.h: SGP4 for many near-earth satellites at once, laid out as
 * a structure of arrays so that the compiler can propagate four of them in
 * one AVX2 instruction stream (a plain build runs the same loop scalar).
 *
 * The arithmetic is sgp4()'s near-earth branch (sgp4.c), with three
 * changes that keep results within a micrometre of it: sine and cosine are
 * vectorisable polynomials (fdlibm's kernels after a three-part Cody-Waite
 * reduction), the argument of latitude is corrected through sin/cos
 * identities instead of atan2, and Kepler's equation takes a fixed 5
 * Newton steps, after which any satellite not converged to 1e-12 is
 * flagged for the scalar propagator (sgp4_batch_run's return).
 *
 * Deep-space satellites (period >= 225 min) are not accepted: their
 * resonance integrator is stateful and stays with sgp4().
 */
#ifndef TCOP_ORBIT_SGP4_BATCH_H
#define TCOP_ORBIT_SGP4_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "orbit/sgp4.h"

/* The per-satellite coefficients, one array each. */
#define SGP4B_COEFS(X) X(mo) X(mdot) X(argpo) X(argpdot) X(nodeo) \
	X(nodedot) X(nodecf) X(cc1) X(bcc4) X(t2cof) X(omgcof) X(eta) \
	X(xmcof) X(delmo) X(d2) X(d3) X(d4) X(bcc5) X(sinmao) X(t3cof) \
	X(t4cof) X(t5cof) X(no) X(a0) X(ecco) X(inclo) X(cosio) X(sinio) \
	X(aycof) X(xlcof) X(con41) X(x1mth2) X(x7thm1)

struct sgp4_batch {
	size_t n, cap;
#define SGP4B_FIELD(name) double *name;
	SGP4B_COEFS(SGP4B_FIELD)
#undef SGP4B_FIELD
	double xke, j2, radiusearthkm;
};

void sgp4_batch_init(struct sgp4_batch *b);
void sgp4_batch_fini(struct sgp4_batch *b);
void sgp4_batch_clear(struct sgp4_batch *b);

/* Append one initialised satrec. Returns its slot, -1 if it is deep
 * space (method 'd'), -2 when out of memory. */
long sgp4_batch_add(struct sgp4_batch *b, const elsetrec *s);

/* One satellite's result: one 64-byte line, so that the loop's stores
 * stay one group (GCC vectorises that, and not seven separate arrays). */
struct sgp4_state {
	double r[3];  /* TEME, km */
	double v[3];  /* km/s */
	double err;   /* 0 ok; 1, 4, 6 as sgp4(); -1: use sgp4() instead */
	double pad;
};

/*
 * Propagate slot i to tsince[i] minutes into out[i], for every slot. A
 * slot whose Kepler iteration has not converged gets err -1 and must be
 * propagated with sgp4() instead. Returns how many slots got -1.
 */
size_t sgp4_batch_run(const struct sgp4_batch *b, const double *tsince,
    struct sgp4_state *out);

#endif
