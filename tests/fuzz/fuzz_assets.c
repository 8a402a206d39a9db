/*
 * fuzz_assets.c: libFuzzer target for the asset inventory parser and the
 * prefix compiler (src/cyber/assets.c); an accepted inventory is then
 * looked up at a few addresses.
 */
#include <stdlib.h>

#include "cyber/assets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *probe[] = { "0.0.0.0", "10.20.1.1", "255.255.255.255",
		"::", "2001:db8::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" };
	assets *a;
	char err[512];

	if (assets_parse(&a, (const char *)data, size, "fuzz", err,
	    sizeof err) != TCOP_OK)
		return 0;
	for (size_t i = 0; i < sizeof probe / sizeof probe[0]; i++) {
		int k = assets_lookup(a, probe[i]);
		if (k < -1 || k >= assets_count(a))
			abort();
	}
	assets_destroy(a);
	return 0;
}
