/*
 * fuzz_omm.c: libFuzzer target for the OMM JSON reader (src/orbit/omm.c
 * and the object scanner src/orbit/objscan.c): any bytes as a file of
 * element sets; accepted sets are written back as event JSON and read
 * again.
 */
#include <stddef.h>
#include <stdint.h>

#include "orbit/omm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct omm_reader r;
	struct orb_elements el, back;
	char why[OMM_WHY_MAX], json[4096];
	long line;
	tcop_err rv;
	int guard = 0;

	omm_reader_init(&r, (const char *)data, size);
	while ((rv = omm_next(&r, &el, &line, why)) != TCOP_EOF &&
	    guard++ < 100000) {
		size_t n;

		if (rv != TCOP_OK)
			continue;
		n = omm_event_json(&el, "fuzz", 1, json, sizeof(json));
		if (n > 0)
			(void)omm_parse(json, n, &back, why);
	}
	return 0;
}
