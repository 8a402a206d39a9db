/*
 * fuzz_cdm.c: libFuzzer target for the conjunction message reader
 * (src/orbit/cdm.c): any bytes as Space-Track JSON or CCSDS KVN; accepted
 * messages are written as event JSON.
 */
#include <stddef.h>
#include <stdint.h>

#include "orbit/cdm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cdm_reader r;
	struct cdm c;
	char why[CDM_WHY_MAX], json[4096];
	long line;
	tcop_err rv;
	int guard = 0;

	cdm_reader_init(&r, (const char *)data, size);
	while ((rv = cdm_next(&r, &c, &line, why)) != TCOP_EOF &&
	    guard++ < 100000) {
		if (rv == TCOP_OK)
			(void)cdm_event_json(&c, "fuzz", 1, json, sizeof(json));
	}
	return 0;
}
