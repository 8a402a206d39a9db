/*
 * ais_bench.c: AIS decoding and vessel-track figures for `make bench`:
 *   - NMEA -> struct: sentences framed, checked, reassembled and decoded
 *     per second on one core, beside a bare checksum + de-armour pass over
 *     the same sentences (the least any decoder must do);
 *   - track updates per second with 100,000 live vessels in the table;
 *   - bytes per track.
 * Input: the AIS sentences of tests/data/maritime, held in memory.
 * Prints Markdown rows (bench/run.sh). Not a test: nothing fails on a time.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ais/reader.h"
#include "pic/track.h"

#define MAXL 4096

static char *lines[MAXL];
static size_t lens[MAXL];
static size_t nlines;

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
load(const char *path)
{
	char buf[1100];
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return;
	while (nlines < MAXL && fgets(buf, sizeof buf, f) != NULL) {
		if (buf[0] != '!' && buf[0] != '\\')
			continue;
		lens[nlines] = strcspn(buf, "\r\n");
		lines[nlines] = strndup(buf, lens[nlines]);
		nlines++;
	}
	fclose(f);
}

static double
bench_decode(uint64_t n, uint64_t *decoded)
{
	static struct reader rd;
	static struct ais_payload pl;
	struct ais_msg m;
	double t0;

	tcop_log_set_quiet(true);
	reader_init(&rd, "bench");
	rd.quiet = true;
	t0 = now_s();
	for (uint64_t i = 0; i < n; i++) {
		size_t k = i % nlines;
		if (reader_line(&rd, lines[k], lens[k], i + 1, TCOP_MS_NONE,
		    &pl, &m) == TCOP_OK)
			(*decoded)++;
	}
	return now_s() - t0;
}

/* The floor: XOR checksum and 6-bit de-armouring, nothing else. */
static double
bench_floor(uint64_t n, unsigned *sink)
{
	uint8_t bits[AIS_BYTES_MAX + 8];
	double t0 = now_s();

	for (uint64_t i = 0; i < n; i++) {
		const char *s = lines[i % nlines];
		size_t len = lens[i % nlines], nb = 0;
		const char *star = memchr(s, '*', len), *p, *q;
		unsigned ck = 0;
		if (star == NULL)
			continue;
		for (p = s + 1; p < star; p++)
			ck ^= (unsigned char)*p;
		/* payload: field 5 */
		p = s;
		for (int c = 0; c < 5 && p != NULL; c++)
			p = memchr(p, ',', (size_t)(star - p)), p = p ? p + 1 : p;
		if (p == NULL || (q = memchr(p, ',', (size_t)(star - p))) == NULL)
			continue;
		if (nmea_unarmor(p, (size_t)(q - p), bits, &nb) == TCOP_OK)
			*sink += ck + bits[0];
	}
	return now_s() - t0;
}

static double
bench_tracks(track_table *tt, uint64_t n, uint32_t nvessels)
{
	static tcop_event ev;
	uint32_t x = 1;
	double t0;

	memset(&ev, 0, sizeof ev);
	ev.kind = TCOP_K_TRACK;
	ev.has_pos = true;
	strcpy(ev.src, "bench");
	ev.u.track.type = 1;
	ev.u.track.status = 0;
	ev.u.track.accuracy = 1;
	ev.u.track.shiptype = ev.u.track.to_bow = ev.u.track.to_stern = -1;
	ev.u.track.to_port = ev.u.track.to_starboard = -1;
	ev.u.track.heading = ev.u.track.turn = NAN;
	/* fill the table */
	for (uint32_t i = 0; i < nvessels; i++) {
		ev.u.track.mmsi = 200000000 + i;
		ev.t = INT64_C(1795734000000);
		ev.lat = 30 + (i % 1000) * 0.01;
		ev.lon = 130 + (i / 1000) * 0.01;
		ev.u.track.speed = 10;
		ev.u.track.course = 90;
		track_apply(tt, &ev, NULL);
	}
	t0 = now_s();
	for (uint64_t i = 0; i < n; i++) {
		x = x * 1664525u + 1013904223u;
		ev.u.track.mmsi = 200000000 + (x >> 8) % nvessels;
		ev.t = INT64_C(1795734000000) + (tcop_ms)(i / 16) + 1;
		ev.lat = 30 + (x & 1023) * 1e-4;
		ev.lon = 130 + (x >> 22) * 1e-4;
		ev.u.track.speed = (x & 255) * 0.1;
		ev.u.track.course = (x >> 8 & 4095) * 0.08;
		track_apply(tt, &ev, NULL);
	}
	return now_s() - t0;
}

int
main(void)
{
	const char *files[] = {
		"gpsd_ais-nmea_part_a.log", "gpsd_ais-18-27.log",
		"pyais_nmea_data_sample_part_a.nmea", "libais_typeexamples.nmea",
		"gpsd_sample_part_a.aivdm",
	};
	uint64_t n = 5000000, decoded = 0;
	unsigned sink = 0;
	struct track_cfg cfg;
	track_table *tt;
	char path[256];
	double td, tf, tt_s, r1, r2, ru;

	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "tests/data/maritime/%s", files[i]);
		load(path);
	}
	if (nlines == 0) {
		fprintf(stderr, "ais_bench: no sample sentences (run from the top)\n");
		return 1;
	}
	td = bench_decode(n, &decoded);
	tf = bench_floor(n, &sink);
	r1 = (double)n / td;
	r2 = (double)n / tf;
	printf("| AIS | NMEA -> struct, sentences/s per core (%zu real sentences, "
	    "%.0f%% decode to a message) | %.2fM | checksum + de-armour pass "
	    "alone | %.2fM | %.2f |\n", nlines, 100.0 * (double)decoded /
	    (double)n, r1 / 1e6, r2 / 1e6, r1 / r2);
	track_cfg_default(&cfg);
	cfg.max_tracks = 100000;
	if (track_table_create(&tt, &cfg) != TCOP_OK)
		return 1;
	tt_s = bench_tracks(tt, 4000000, 100000);
	ru = 4000000.0 / tt_s;
	printf("| tracks | track updates/s, 100,000 live vessels | %.2fM | "
	    "target | 1.00M | %.2f |\n", ru / 1e6, ru / 1e6);
	printf("| tracks | bytes per track (+ %u-position history ring: %zu) | "
	    "%zu | limit | 512 | %.2f |\n", cfg.history,
	    (size_t)cfg.history * sizeof(struct track_fix),
	    sizeof(struct track), 512.0 / (double)sizeof(struct track));
	printf("| tracks | table bytes per vessel slot, all included | %zu | "
	    "- | - | - |\n", track_table_bytes(tt) / cfg.max_tracks);
	track_table_destroy(tt);
	return sink == 0xdeadbeef;
}
