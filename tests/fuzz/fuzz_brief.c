/*
 * fuzz_brief.c: libFuzzer target for the briefer's view and bookmark
 * parsers (src/ui/brief.c) behind the common decoder: whatever a relay
 * forwards as picture/view or picture/mark is decoded, parsed, and, when
 * accepted, built again into a message that must decode and parse to the
 * same view; the mark goes into a book whose order is checked, and its
 * tick onto a time bar. Must never crash or read out of bounds.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ui/brief.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct brief_book book;

static void
view(const tcop_event *ev)
{
	struct brief_view v, w;
	tcop_event e2;
	char buf[4096];
	size_t len;

	if (brief_view_parse(ev, &v) != TCOP_OK)
		return;
	if (v.has_center && (!(fabs(v.lat) <= 90) || !(fabs(v.lon) <= 180)))
		abort();
	if (brief_view_msg(&v, ev->id, ev->t, buf, sizeof buf, &len) != TCOP_OK)
		return;
	if (tcop_event_decode(buf, len, &e2) != TCOP_OK ||
	    brief_view_parse(&e2, &w) != TCOP_OK ||
	    strcmp(v.region, w.region) != 0 || w.playing != v.playing ||
	    w.replay_t != v.replay_t)
		abort();
	(void)brief_should_seek(&v, ev->t);
}

static void
mark(const tcop_event *ev)
{
	struct brief_mark m;
	char buf[4096], bar[64] = " replay [--------------------] x";
	size_t len;

	if (brief_mark_parse(ev, &m) != TCOP_OK)
		return;
	(void)brief_mark_msg(&m, buf, sizeof buf, &len);
	if (book.n == BRIEF_BOOK_MAX)
		book.n = 0;
	(void)brief_book_add(&book, &m);
	for (int i = 1; i < book.n; i++)
		if (brief_mark_time(&book.m[i - 1]) > brief_mark_time(&book.m[i]))
			abort();
	(void)brief_bar_ticks(bar, book.m[0].t, brief_mark_time(&m), &book);
	if (strlen(bar) != 32)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tcop_event ev;

	if (tcop_event_decode(data, size, &ev) != TCOP_OK)
		return 0;
	view(&ev);
	mark(&ev);
	return 0;
}
