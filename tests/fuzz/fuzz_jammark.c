/*
 * fuzz_jammark.c: libFuzzer target for reading an operator's mark as a
 * GNSS interference area (src/ui/jammark.c). The text is what an operator
 * types (NUL-terminated, at most a mark's length); every area or clear it
 * yields must make a message that tcop's own tcop/1 decoder accepts.
 */
#include <stdlib.h>
#include <string.h>

#include "tcop/event.h"
#include "ui/jammark.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static tcop_event ev;
	static char buf[2048];
	char text[96];
	struct jammark m;
	size_t n;

	if (size >= sizeof text)
		size = sizeof text - 1;
	memcpy(text, data, size);
	text[size] = '\0';
	if (jammark_parse(text, INT64_C(1773878400000), &m) != JAMMARK_AREA &&
	    m.kind != JAMMARK_CLEAR) {
		if (m.kind == JAMMARK_BAD && m.why == NULL)
			abort();
		return 0;
	}
	if (jammark_msg(&m, "area:mark-fuzz-1", INT64_C(1773878400000), "fuzz",
	    text, 35.0, 139.0, buf, sizeof buf, &n) != TCOP_OK)
		return 0;
	if (tcop_event_decode(buf, n, &ev) != TCOP_OK)
		abort();
	return 0;
}
