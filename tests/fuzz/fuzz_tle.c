/*
 * fuzz_tle.c: libFuzzer target for the TLE/3LE reader (src/orbit/tle.c):
 * any bytes are read as a file of element sets; each accepted set is
 * propagated once with SGP4 so that odd-but-valid elements are exercised
 * too. Must never crash, hang or read out of bounds.
 */
#include <stddef.h>
#include <stdint.h>

#include "orbit/tle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tle_reader r;
	struct orb_elements el;
	char why[TLE_WHY_MAX];
	long line;
	tcop_err rv;
	int guard = 0;

	tle_reader_init(&r, (const char *)data, size);
	r.check_sum = size % 2 == 0; /* both paths */
	while ((rv = tle_next(&r, &el, &line, why)) != TCOP_EOF &&
	    guard++ < 100000) {
		if (rv == TCOP_OK) {
			elsetrec s;
			double p[3], v[3];

			orb_init(&el, &s);
			sgp4(&s, 1440.0, p, v);
		}
	}
	return 0;
}
