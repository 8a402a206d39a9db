/*
 * fuzz_deck.c: libFuzzer target for the capture index and the replay
 * deck (src/feed/capidx.c, src/ui/deck.c): the bytes are written to a
 * temporary file, indexed, and played by a deck: a seek to the middle,
 * a step, the next incident, a seek back to the start (a rebuild), max
 * speed to the end. Lines out of order, malformed, or with hostile times
 * must be counted and skipped; never crash, hang or read out of bounds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/deck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
play(const char *path)
{
	const char *paths[] = { path, path };
	/* A small picture: creating one is the cost of a run. */
	const struct pic_cfg cfg = { .max_tracks = 64, .max_detections = 64,
		.max_incidents = 64, .recent = 16 };
	struct capidx ix;
	struct deck_status st;
	char bar[200];
	deck *d;

	if (capidx_build(&ix, paths, 1) != TCOP_OK)
		abort();
	for (size_t m = 0; m < ix.nmin; m++)
		(void)capidx_lines_before(&ix, m);
	(void)capidx_hot(&ix, ix.t0, 1);
	(void)capidx_hot(&ix, ix.t1, -1);
	capidx_free(&ix);
	if (deck_open(&d, paths, 2, &cfg, NULL, NULL, 0) != TCOP_OK)
		abort();
	deck_status(d, &st);
	if (st.t0 != TCOP_MS_NONE)
		(void)deck_seek(d, st.t0 + (st.t1 - st.t0) / 2);
	(void)deck_step(d);
	(void)deck_incident(d, 1);
	(void)deck_incident(d, -1);
	(void)deck_seek(d, TCOP_MS_NONE);
	deck_set_speed(d, 0);
	deck_play(d, true);
	for (int i = 0; i < 100 && deck_tick(d, 1, 1000) > 0; i++)
		;
	deck_bar(d, bar, sizeof bar, 100);
	deck_close(d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	FILE *f;

	if (path[0] == '\0')
		snprintf(path, sizeof path, "/tmp/fuzz_deck.%d", (int)getpid());
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	play(path);
	unlink(path);
	return 0;
}
