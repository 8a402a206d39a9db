/*
 * fuzz_regions.c: the region presets parser (src/geo/regions.c) on
 * arbitrary bytes; seeds in tests/fuzz/corpus/regions/.
 */
#include <stdint.h>
#include <stdlib.h>

#include "geo/regions.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct regions rs;
	char why[256];

	if (regions_parse(&rs, "fuzz", (const char *)data, size, why,
	    sizeof why) == TCOP_OK) {
		for (int i = 0; i < rs.n; i++)
			if (regions_find(&rs, rs.r[i].name) == NULL)
				abort();
	}
	return 0;
}
