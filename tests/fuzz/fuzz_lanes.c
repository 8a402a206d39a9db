/*
 * fuzz_lanes.c: libFuzzer target for the demo's lanes file parser
 * (src/demo/lanes.c): any bytes either parse into tables within their
 * limits or are rejected with a reason; interpolation along whatever
 * parsed stays finite and inside the lane's own bounds.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "demo/lanes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct lanes ls;
	char why[160];
	double lat, lon, c;

	if (lanes_parse(&ls, (const char *)data, size, why, sizeof why) !=
	    TCOP_OK) {
		if (why[0] == '\0')
			__builtin_trap();
		return 0;
	}
	for (int i = 0; i < ls.nlanes; i++) {
		const struct lane *l = &ls.lane[i];
		if (l->n < 2 || l->n > LANE_PTS_MAX || !(l->len_nm >= 1))
			__builtin_trap();
		for (double d = -1; d <= l->len_nm + 1; d += l->len_nm / 7) {
			lanes_at(l, d, &lat, &lon, &c);
			if (!isfinite(lat) || !isfinite(lon) || fabs(lat) > 90)
				__builtin_trap();
		}
	}
	for (int i = 0; i < ls.nzones; i++)
		(void)lanes_zone_contains(&ls.zone[i], 10, 10);
	return 0;
}
