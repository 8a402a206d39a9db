/*
 * rng.h: the demo scenario's own pseudo-random numbers: xoshiro256**
 * (Blackman and Vigna, 2018) seeded through splitmix64, so that one seed
 * gives the same sequence on every machine and every C library (rand()
 * and random() differ between libcs). Integer arithmetic only; the
 * doubles come from the top 53 bits. Not for cryptography.
 */
#ifndef TCOP_DEMO_RNG_H
#define TCOP_DEMO_RNG_H

#include <stdint.h>

struct demo_rng {
	uint64_t s[4];
};

/* Seed the state from one 64-bit number (any value, 0 included). */
void demo_rng_seed(struct demo_rng *r, uint64_t seed);
/* The next 64 random bits. */
uint64_t demo_rng_next(struct demo_rng *r);
/* Uniform in [0, 1), 53 bits. */
double demo_rng_unit(struct demo_rng *r);
/* Uniform in [lo, hi). */
double demo_rng_range(struct demo_rng *r, double lo, double hi);
/* Uniform integer in [0, n), without modulo bias; 0 when n is 0. */
uint64_t demo_rng_below(struct demo_rng *r, uint64_t n);

#endif
