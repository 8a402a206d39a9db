/*
 * fuzz_intf.c: libFuzzer target for the GNSS interference report decoder
 * (src/cyber/intf.c) and its formatter (whose output must pass tcop's own
 * tcop/1 decoder).
 */
#include <stdlib.h>

#include "cyber/intf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct intf_rec r;
	static tcop_event back;
	static char buf[TCOP_MSG_MAX];
	size_t n;

	if (intf_decode((const char *)data, size, NULL, &r) != TCOP_OK)
		return 0;
	if (intf_format(&r, 1, buf, sizeof buf, &n) != TCOP_OK)
		return 0;
	if (tcop_event_decode2("cyber/interference", 18, buf, n, &back) !=
	    TCOP_OK)
		abort();
	return 0;
}
