/*
 * sgp4_bench.c: SGP4 throughput, tcop vs satellite.js (npm) in the same
 * run, on the real CelesTrak catalogue in tests/data/space:
 *   - one satellite (ISS) over 102,400 times a minute apart;
 *   - the whole catalogue (9,777 objects) at one time;
 * each with tcop's scalar sgp4() against satellite.js's propagate(), and
 * tcop's batch kernel (orbit/sgp4_batch.c; for the catalogue the picture's
 * sat_cat_update(), deep-space objects and the earth-fixed rotation
 * included) against satellite.js's WASM BulkPropagator; and the picture's
 * cost per picture second: position the catalogue and the geodetic points
 * of the objects over the western Pacific.
 * The peer runs as `node bench/sgp4_peer.mjs`; satellite.js is installed
 * into bench/node_modules with npm (package-lock.json pins it) when
 * missing. Figures are the best of several runs, ns per propagation.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/space.h"
#include "orbit/sgp4_batch.h"
#include "pic/sat.h"

#define CAT "tests/data/space/celestrak_active_20260319_part_a.tle"
#define T0 INT64_C(1773921600000) /* 2026-03-19T12:00:00Z */
#define NT 102400
#define CHUNK 4096
#define REPS 7

static double
now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

static double sink;

struct peer {
	double one_propagate, one_bulk, cat_propagate, cat_bulk;
	bool ok;
};

static void
run_peer(struct peer *p)
{
	char cmd[512], key[64];
	double v;
	FILE *f;

	memset(p, 0, sizeof(*p));
	if (system("command -v node >/dev/null 2>&1") != 0)
		return;
	if (system("test -d bench/node_modules/satellite.js") != 0 &&
	    system("cd bench && npm ci --no-audit --no-fund --silent "
	    ">/dev/null 2>&1") != 0)
		return;
	snprintf(cmd, sizeof(cmd), "node bench/sgp4_peer.mjs %s 25544 %lld "
	    "%d 60000 %d", CAT, (long long)T0, NT, REPS);
	if ((f = popen(cmd, "r")) == NULL)
		return;
	while (fscanf(f, "%63s %lf", key, &v) == 2) {
		if (strcmp(key, "one_propagate") == 0)
			p->one_propagate = v;
		else if (strcmp(key, "one_bulk") == 0)
			p->one_bulk = v;
		else if (strcmp(key, "cat_propagate") == 0)
			p->cat_propagate = v;
		else if (strcmp(key, "cat_bulk") == 0)
			p->cat_bulk = v;
	}
	p->ok = pclose(f) == 0 && p->cat_bulk > 0;
}

static void
row(const char *measure, double tcop, const char *peer, double pv,
    const char *unit)
{
	if (pv > 0)
		printf("| sgp4 | %s | %.0f %s | %s | %.0f %s | %.2f |\n", measure,
		    tcop, unit, peer, pv, unit, pv / tcop);
	else
		printf("| sgp4 | %s | %.0f %s | %s | n/a | n/a |\n", measure,
		    tcop, unit, peer);
}

int
main(void)
{
	char *buf;
	size_t len, n, bad, one = 0;
	struct orb_elements *els;
	elsetrec *recs, iss;
	struct sgp4_batch b;
	struct sgp4_state *out;
	double *ts, best, t, r[3], v[3];
	struct peer peer;
	sat_cat *cat;

	if (space_read_all(CAT, &buf, &len) != TCOP_OK ||
	    space_load("bench", CAT, buf, len, &els, &n, &bad) != TCOP_OK) {
		fprintf(stderr, "sgp4_bench: cannot load %s\n", CAT);
		return 1;
	}
	recs = malloc(n * sizeof(*recs));
	for (size_t i = 0; i < n; i++) {
		orb_init(&els[i], &recs[i]);
		if (els[i].norad == 25544)
			one = i;
	}
	iss = recs[one];

	/* one satellite, many times: scalar */
	best = INFINITY;
	for (int k = 0; k < REPS; k++) {
		double a = now_ns();
		for (int j = 0; j < NT; j++) {
			sgp4(&iss, orb_tsince(&iss, T0 + (tcop_ms)j * 60000), r, v);
			sink += r[0];
		}
		t = (now_ns() - a) / NT;
		best = t < best ? t : best;
	}
	run_peer(&peer);
	row("one satellite x 102,400 times, ns/propagation: sgp4() vs "
	    "propagate()", best, "satellite.js 7.1.0 propagate", peer.one_propagate,
	    "ns");

	/* one satellite, many times: batch (the satellite in every slot) */
	sgp4_batch_init(&b);
	for (int j = 0; j < CHUNK; j++)
		sgp4_batch_add(&b, &iss);
	ts = malloc(NT * sizeof(double));
	out = malloc(CHUNK * sizeof(*out));
	best = INFINITY;
	for (int k = 0; k < REPS; k++) {
		double a = now_ns();
		for (int c = 0; c < NT / CHUNK; c++) {
			for (int j = 0; j < CHUNK; j++)
				ts[j] = orb_tsince(&iss,
				    T0 + (tcop_ms)(c * CHUNK + j) * 60000);
			sgp4_batch_run(&b, ts, out);
			sink += out[0].r[0];
		}
		t = (now_ns() - a) / NT;
		best = t < best ? t : best;
	}
	row("one satellite x 102,400 times, ns/propagation: batch vs "
	    "BulkPropagator", best, "satellite.js 7.1.0 BulkPropagator (WASM)",
	    peer.one_bulk, "ns");
	sgp4_batch_fini(&b);

	/* the catalogue at one time: scalar */
	best = INFINITY;
	for (int k = 0; k < REPS; k++) {
		double a = now_ns();
		for (size_t i = 0; i < n; i++) {
			sgp4(&recs[i], orb_tsince(&recs[i], T0), r, v);
			sink += r[0];
		}
		t = (now_ns() - a) / (double)n;
		best = t < best ? t : best;
	}
	row("catalogue (9,777) at one time, ns/propagation: sgp4() vs "
	    "propagate()", best, "satellite.js 7.1.0 propagate",
	    peer.cat_propagate, "ns");

	/* the catalogue at one time: the picture's batch update */
	sat_cat_create(&cat);
	for (size_t i = 0; i < n; i++)
		sat_cat_put(cat, &els[i], NULL);
	sat_cat_update(cat, T0); /* builds the batch */
	best = INFINITY;
	for (int k = 0; k < REPS * 3; k++) {
		double a = now_ns();
		sat_cat_update(cat, T0 + k * 1000);
		t = (now_ns() - a) / (double)n;
		best = t < best ? t : best;
	}
	row("catalogue (9,777) at one time, ns/propagation: sat_cat_update() "
	    "(batch, earth-fixed) vs BulkPropagator", best,
	    "satellite.js 7.1.0 BulkPropagator (WASM)", peer.cat_bulk, "ns");
	printf("| sgp4 | whole catalogue positioned (sat_cat_update), ms | "
	    "%.3f ms | target | 2 ms | %.2f |\n", best * n / 1e6,
	    2.0 / (best * n / 1e6));

	/* per picture second: positions + geodetic points over the WPAC */
	{
		size_t *idx = malloc(n * sizeof(size_t)), k = 0;
		double lat, lon, alt;

		best = INFINITY;
		for (int rep = 0; rep < REPS * 3; rep++) {
			double a = now_ns();
			sat_cat_update(cat, T0 + rep * 1000);
			k = sat_cat_visible(cat, 20.0, 140.0, 35.0, idx, n);
			for (size_t j = 0; j < k; j++) {
				sat_cat_geodetic(cat, idx[j], &lat, &lon, &alt);
				sink += lat;
			}
			t = (now_ns() - a) / 1e6;
			best = t < best ? t : best;
		}
		printf("| sgp4 | picture second: catalogue + %zu sub-satellite "
		    "points over the western Pacific, ms | %.3f ms | n/a | n/a | "
		    "n/a |\n", k, best);
		free(idx);
	}
	if (!peer.ok)
		fprintf(stderr, "sgp4_bench: satellite.js figures missing "
		    "(node or npm unavailable)\n");
	fprintf(stderr, "sgp4_bench: %g\n", sink > 0 ? 1.0 : 0.0);
	sat_cat_destroy(cat);
	free(out);
	free(ts);
	free(recs);
	free(els);
	free(buf);
	return 0;
}
