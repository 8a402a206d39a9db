/*
 * fuzz_stix.c: libFuzzer target for the STIX 2.1 bundle reader
 * (src/cyber/stix.c): index, reference checks, event building, and the
 * formatter of every event it makes (which must pass tcop's own decoder).
 */
#include <stdlib.h>
#include <string.h>

#include "cyber/stix.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char buf[TCOP_MSG_MAX];
static tcop_event back;

static void
on_event(void *arg, const struct stix_rec *r)
{
	size_t n;

	(void)arg;
	if (stix_format(r, 1, buf, sizeof buf, &n) != TCOP_OK)
		return;
	if (tcop_event_decode2(r->ev.topic, strlen(r->ev.topic), buf, n,
	    &back) != TCOP_OK)
		abort();
}

static void
on_problem(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static assets *a;
	struct stix_opts o;
	struct stix_report rep = { 0 };
	static const char inv[] = "{\"assets\":[{\"name\":\"a\",\"kind\":\"port\","
	    "\"lat\":35,\"lon\":139,\"aliases\":[\"Site\"]}]}";
	char err[128];

	if (a == NULL && assets_parse(&a, inv, strlen(inv), "inv", err,
	    sizeof err) != TCOP_OK)
		abort();
	o.assets = a;
	o.src = NULL;
	stix_read((const char *)data, size, "fuzz", &o, on_event, on_problem,
	    NULL, &rep);
	return 0;
}
