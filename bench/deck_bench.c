/*
 * deck_bench.c: replay deck figures for `make bench` (ui/deck.h):
 *   - indexing a 1,000,000-line capture (capidx_build), lines/s;
 *   - seeking to its middle from a fresh deck (a forward seek: the lines
 *     before the target go through the correlation core), and a backward
 *     seek from the end to the middle (a rebuild from the start);
 *   - replay at max speed through the correlation core, events/s.
 * The peer is the least any replay must do: reading the same capture's
 * lines with stdio (fgets), lines/s.
 * Input: the embedded demo scenario (seed 7) written once as a capture to
 * bench/out/deck_1m.cap (about 300 MB; kept for the next run).
 * Prints Markdown rows (bench/run.sh). Not a test: nothing fails on a time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "demo/scenario.h"
#include "feed/capidx.h"
#include "ui/deck.h"

#define CAP "bench/out/deck_1m.cap"
#define NLINES 1000000

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The capture: NLINES lines of the demo scenario. */
static int
make_capture(void)
{
	struct demo_world w;
	struct demo_opts o = { .seed = 7 };
	struct demo_msg m;
	struct capidx ix;
	const char *paths[] = { CAP };
	char why[256], rx[40];
	demo *d;
	FILE *f;

	if (capidx_build(&ix, paths, 1) == TCOP_OK) {
		uint64_t n = ix.lines;
		capidx_free(&ix);
		if (n == NLINES)
			return 0;
	}
	if (demo_world_load(&w, "maps", why, sizeof why) != TCOP_OK) {
		fprintf(stderr, "deck_bench: %s\n", why);
		return -1;
	}
	tcop_time_parse(DEMO_START_DEFAULT, strlen(DEMO_START_DEFAULT),
	    &o.start);
	mkdir("bench/out", 0777);
	if (demo_create(&d, &w, &o) != TCOP_OK ||
	    (f = fopen(CAP, "w")) == NULL) {
		fprintf(stderr, "deck_bench: cannot write %s\n", CAP);
		return -1;
	}
	for (int i = 0; i < NLINES; i++) {
		demo_next(d, &m);
		tcop_time_format_ms(m.t, rx, sizeof rx);
		fprintf(f, "%s %s\n", rx, m.msg);
	}
	fclose(f);
	demo_destroy(d);
	demo_world_fini(&w);
	return 0;
}

static double
read_lines(uint64_t *n)
{
	static char buf[1 << 17];
	FILE *f = fopen(CAP, "r");
	double t0 = now_s();

	*n = 0;
	if (f == NULL)
		return 0;
	while (fgets(buf, sizeof buf, f) != NULL)
		(*n)++;
	fclose(f);
	return now_s() - t0;
}

int
main(void)
{
	const char *paths[] = { CAP };
	const struct pic_cfg cfg = { .maps_dir = "maps",
		.assets_path = "maps/assets.json" };
	struct capidx ix;
	struct deck_status st;
	deck *d;
	char why[256];
	double t0, t_index, t_seek, t_back, t_play, t_read;
	uint64_t nread, played = 0;
	tcop_ms mid;

	if (make_capture() != 0)
		return 1;
	t_read = read_lines(&nread);
	t0 = now_s();
	if (capidx_build(&ix, paths, 1) != TCOP_OK)
		return 1;
	t_index = now_s() - t0;
	mid = ix.t0 + (ix.t1 - ix.t0) / 2;
	capidx_free(&ix);

	if (deck_open(&d, paths, 1, &cfg, NULL, why, sizeof why) != TCOP_OK) {
		fprintf(stderr, "deck_bench: %s\n", why);
		return 1;
	}
	t0 = now_s();
	deck_seek(d, mid);
	t_seek = now_s() - t0;
	deck_status(d, &st);
	fprintf(stderr, "deck_bench: middle %lld: %llu of %llu lines\n",
	    (long long)mid, (unsigned long long)st.applied,
	    (unsigned long long)st.lines);
	deck_seek(d, st.t1);
	t0 = now_s();
	deck_seek(d, mid);
	t_back = now_s() - t0;
	deck_close(d);

	if (deck_open(&d, paths, 1, &cfg, NULL, why, sizeof why) != TCOP_OK)
		return 1;
	deck_set_speed(d, 0);
	deck_play(d, true);
	t0 = now_s();
	for (uint64_t n; (n = deck_tick(d, 1, 20000)) > 0;)
		played += n;
	t_play = now_s() - t0;
	deck_close(d);

	printf("| deck | index a 1M-line capture, lines/s | %.0f | fgets "
	    "read of the capture | %.0f | %.2f |\n", NLINES / t_index,
	    nread / t_read, t_read / t_index);
	printf("| deck | seek to the middle of 1M events (forward), ms | %.0f "
	    "| - | - | - |\n", t_seek * 1e3);
	printf("| deck | seek back from the end to the middle (rebuild), ms "
	    "| %.0f | - | - | - |\n", t_back * 1e3);
	printf("| deck | replay at max speed through the correlation core, "
	    "events/s | %.0f | fgets read of the capture, lines/s | %.0f | "
	    "%.2f |\n", played / t_play, nread / t_read,
	    (played / t_play) / (nread / t_read));
	return 0;
}
