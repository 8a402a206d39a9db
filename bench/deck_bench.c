/*
 * deck_bench.c: replay deck figures for `make bench` (ui/deck.h):
 *   - indexing a 1,000,000-line capture (capidx_build), lines/s;
 *   - replay at max speed through the correlation core, events/s, with
 *     the deck's checkpoints taken on the way (their count and size);
 *   - then seeks that start from a checkpoint (with an on_event hook, so
 *     the DECK_HISTORY lines before it are decoded again, as for the
 *     viewer's list): from the end back to the
 *     middle, and 20 random backward seeks (mean and max); and the first
 *     of them again with the checkpoints dropped (a rebuild);
 *   - seeking to the middle from a fresh deck (a forward seek with no
 *     checkpoint yet: the lines before the target go through the core).
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

/* The viewer's event list, as cheap as can be: a restored checkpoint
 * decodes the DECK_HISTORY lines before it again for it. */
static void
count_event(void *arg, const tcop_event *ev)
{
	(void)ev;
	(*(uint64_t *)arg)++;
}

/* A reproducible pseudo-random time in [lo, hi). */
static tcop_ms
pick(uint64_t *x, tcop_ms lo, tcop_ms hi)
{
	*x = *x * 6364136223846793005ULL + 1442695040888963407ULL;
	return lo + (tcop_ms)((*x >> 33) % (uint64_t)(hi - lo));
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
	double t0, t_index, t_seek, t_back, t_play, t_read, t_rand = 0,
	    t_rmax = 0, t_rebuild;
	uint64_t nread, played = 0, rng = 7, events = 0;
	const struct deck_hooks hooks = { .on_event = count_event,
		.arg = &events };
	tcop_ms mid;
	enum { NRAND = 20 };

	if (make_capture() != 0)
		return 1;
	t_read = read_lines(&nread);
	t0 = now_s();
	if (capidx_build(&ix, paths, 1) != TCOP_OK)
		return 1;
	t_index = now_s() - t0;
	mid = ix.t0 + (ix.t1 - ix.t0) / 2;
	capidx_free(&ix);

	/* Replay at max speed, the deck's checkpoints taken on the way. */
	if (deck_open(&d, paths, 1, &cfg, &hooks, why, sizeof why) != TCOP_OK) {
		fprintf(stderr, "deck_bench: %s\n", why);
		return 1;
	}
	deck_set_speed(d, 0);
	deck_play(d, true);
	t0 = now_s();
	for (uint64_t n; (n = deck_tick(d, 1, 20000)) > 0;)
		played += n;
	t_play = now_s() - t0;
	deck_status(d, &st);
	fprintf(stderr, "deck_bench: played %llu lines, %zu checkpoints "
	    "every %llu lines, %.0f MB\n", (unsigned long long)played,
	    st.ckpts, (unsigned long long)st.ckpt_every,
	    st.ckpt_bytes / 1048576.0);

	/* Back from the end to the middle: from a checkpoint. */
	t0 = now_s();
	deck_seek(d, mid);
	t_back = now_s() - t0;
	/* Random backward seeks: each from the end to a time before it. */
	for (int i = 0; i < NRAND; i++) {
		double t;
		deck_seek(d, st.t1);
		t0 = now_s();
		deck_seek(d, pick(&rng, st.t0, st.t1));
		t = now_s() - t0;
		t_rand += t / NRAND;
		if (t > t_rmax)
			t_rmax = t;
	}
	/* The same backward seek with no checkpoint: a rebuild from the
	 * start, what every backward seek cost before checkpoints. */
	deck_checkpoints(d, UINT64_C(1) << 40, 0, 0);
	deck_seek(d, st.t1);
	t0 = now_s();
	deck_seek(d, mid);
	t_rebuild = now_s() - t0;
	deck_close(d);

	/* A fresh deck, straight to the middle: nothing played, so no
	 * checkpoint to start from (the lines go through the core). */
	if (deck_open(&d, paths, 1, &cfg, NULL, why, sizeof why) != TCOP_OK)
		return 1;
	t0 = now_s();
	deck_seek(d, mid);
	t_seek = now_s() - t0;
	deck_close(d);

	printf("| deck | index a 1M-line capture, lines/s | %.0f | fgets "
	    "read of the capture | %.0f | %.2f |\n", NLINES / t_index,
	    nread / t_read, t_read / t_index);
	printf("| deck | seek to the middle of 1M events, fresh deck (forward, "
	    "no checkpoint yet), ms | %.0f | - | - | - |\n", t_seek * 1e3);
	printf("| deck | seek back from the end to the middle (checkpoint), ms "
	    "| %.0f | - | - | - |\n", t_back * 1e3);
	printf("| deck | seek back from the end to the middle without "
	    "checkpoints (rebuild from the start), ms | %.0f | - | - | - |\n",
	    t_rebuild * 1e3);
	printf("| deck | random backward seek over 1M events (checkpoint), "
	    "mean / max ms | %.0f / %.0f | - | - | - |\n", t_rand * 1e3,
	    t_rmax * 1e3);
	printf("| deck | checkpoints after playing 1M events: count, lines "
	    "apart, MB | %zu, %llu, %.0f | - | - | - |\n", st.ckpts,
	    (unsigned long long)st.ckpt_every, st.ckpt_bytes / 1048576.0);
	printf("| deck | replay at max speed through the correlation core "
	    "(checkpoints on), events/s | %.0f | fgets read of the capture, "
	    "lines/s | %.0f | %.2f |\n", played / t_play, nread / t_read,
	    (played / t_play) / (nread / t_read));
	return 0;
}
