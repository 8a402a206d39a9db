/*
 * rng.c: xoshiro256** with splitmix64 seeding (see rng.h). The constants
 * are the published ones; the tests pin the first outputs for seed 7.
 */
#include "demo/rng.h"

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void
demo_rng_seed(struct demo_rng *r, uint64_t seed)
{
	uint64_t x = seed;

	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

uint64_t
demo_rng_next(struct demo_rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

double
demo_rng_unit(struct demo_rng *r)
{
	return (double)(demo_rng_next(r) >> 11) * 0x1.0p-53;
}

double
demo_rng_range(struct demo_rng *r, double lo, double hi)
{
	return lo + (hi - lo) * demo_rng_unit(r);
}

uint64_t
demo_rng_below(struct demo_rng *r, uint64_t n)
{
	uint64_t lim, x;

	if (n == 0)
		return 0;
	/* Reject the top partial block so every residue is equally likely. */
	lim = UINT64_MAX - UINT64_MAX % n;
	do
		x = demo_rng_next(r);
	while (x >= lim);
	return x % n;
}
