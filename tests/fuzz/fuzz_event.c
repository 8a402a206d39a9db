/*
 * fuzz_event.c: libFuzzer target for the tcop/1 message decoder
 * (tcop_event_decode, src/decode/ev_json.c), the parser every subscriber
 * runs on what arrives from the network, and for the relay's filter on
 * whatever it accepts. Checks the decoder's promises as well as memory
 * safety: strings NUL-terminated within their fields, coordinates in
 * range, rel codes well formed; a message that is judged must get one
 * verdict. Must never crash, hang or read out of bounds.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "feed/relay.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(const tcop_event *ev)
{
	if (memchr(ev->topic, '\0', sizeof ev->topic) == NULL ||
	    memchr(ev->id, '\0', sizeof ev->id) == NULL ||
	    memchr(ev->src, '\0', sizeof ev->src) == NULL)
		abort();
	if (ev->has_pos && (!(fabs(ev->lat) <= 90) || !(fabs(ev->lon) <= 180)))
		abort();
	if (ev->nrel > TCOP_REL_MAX || ev->narea < 0 || ev->narea > TCOP_AREA_MAX)
		abort();
	for (int i = 0; i < ev->nrel; i++) {
		size_t n = strnlen(ev->rel[i], sizeof ev->rel[i]);
		if (n < 3 || n > 4)
			abort();
	}
	if ((unsigned)ev->kind >= TCOP_K_COUNT || ev->cls > TCOP_CLS_TS)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static tcop_event ev;
	static struct relay_filter f[3];
	static bool init;

	if (!init) {
		relay_filter_init(&f[0]);
		relay_filter_init(&f[1]);
		relay_filter_init(&f[2]);
		if (relay_filter_rel(&f[1], "JPN") != TCOP_OK ||
		    relay_filter_cls(&f[1], "S") != TCOP_OK ||
		    relay_filter_rel(&f[2], "FVEY,KOR") != TCOP_OK)
			abort();
		init = true;
	}
	if (tcop_event_decode(data, size, &ev) != TCOP_OK)
		return 0;
	check(&ev);
	for (int i = 0; i < 3; i++) {
		enum relay_verdict v = relay_check(&f[i], &ev);
		if ((unsigned)v >= RELAY_NVERDICTS || v == RELAY_MALFORMED)
			abort();
		if (i > 0 && v == RELAY_PASS && ev.cls == TCOP_CLS_NONE)
			abort(); /* fail-closed: nothing unmarked passes a filter */
	}
	return 0;
}
