/*
 * fuzz_rules.c: the correlation rules file parser (src/pic/rules.c) on
 * arbitrary bytes: it must reject or accept, never crash or leak.
 */
#include <stddef.h>
#include <stdint.h>

#include "pic/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pic_rules r;
	char err[256];

	if (rules_parse(&r, (const char *)data, size, "fuzz", err,
	    sizeof err) == TCOP_OK)
		rules_free(&r);
	return 0;
}
