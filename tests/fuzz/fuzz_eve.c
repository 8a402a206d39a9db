/*
 * fuzz_eve.c: libFuzzer target for the Suricata EVE decoder
 * (src/cyber/eve.c) with a small asset inventory, and the formatter of
 * what it accepts (which must then pass tcop's own tcop/1 decoder).
 */
#include <stdlib.h>
#include <string.h>

#include "cyber/eve.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char inv[] =
    "{\"assets\":[{\"name\":\"a\",\"kind\":\"port\",\"lat\":35,\"lon\":139,"
    "\"cidrs\":[\"10.20.0.0/16\",\"2001:db8::/32\"],\"aliases\":[\"s\"]},"
    "{\"name\":\"b\",\"kind\":\"ship\",\"mmsi\":431000001,"
    "\"hosts\":[\"10.20.1.1\"]}]}";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static assets *a;
	static struct eve_alert ea;
	static tcop_event back;
	static char buf[TCOP_MSG_MAX];
	struct eve_opts o;
	char err[256];
	size_t n;

	if (a == NULL && assets_parse(&a, inv, strlen(inv), "inv", err,
	    sizeof err) != TCOP_OK)
		abort();
	o.assets = a;
	o.src = NULL;
	if (eve_decode((const char *)data, size, &o, &ea) != TCOP_OK ||
	    ea.ev.kind != TCOP_K_ALERT)
		return 0;
	if (eve_format(&ea, 1, buf, sizeof buf, &n) != TCOP_OK)
		return 0;
	if (tcop_event_decode2("cyber/alert", 11, buf, n, &back) != TCOP_OK)
		abort(); /* we made a message subscribers would reject */
	return 0;
}
