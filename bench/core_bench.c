/*
 * core_bench.c: the correlation core's throughput: tcop/1 messages through
 * decode -> level 1 -> level 2 with a large picture (100,000 live tracks,
 * 20,000 satellites: the real CelesTrak catalogue of tests/data/space
 * repeated with NORAD ids shifted by 100,000, alerts on 1,000 assets), association time per detection, and
 * the peak memory of the process. Prints rows of the Markdown table of
 * bench/run.sh; no peer runs the same core, so the peer columns hold the
 * targets. Times are the process's CPU time (the machine is shared).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cli/space.h"
#include "orbit/omm.h"
#include "pic/pic.h"

#define CAT "tests/data/space/celestrak_active_20260319_part_a.tle"
#define NT 100000
#define NS 20000
#define NEV 1000000
#define ND 10000

static char *
mk_tracks(size_t *len, long round)
{
	size_t cap = (size_t)NT * 200, n = 0;
	char *b = malloc(cap), ts[32];

	if (b == NULL)
		exit(1);
	tcop_time_format_ms(1795000000000LL + round * 10000, ts, sizeof ts);
	for (int i = 0; i < NT; i++)
		n += (size_t)snprintf(b + n, cap - n,
		    "maritime/track {\"id\":\"mmsi:%d\",\"t\":\"%s\",\"src\":"
		    "\"b\",\"lat\":%.5f,\"lon\":%.5f,\"type\":1,\"mmsi\":%d,"
		    "\"speed\":10,\"course\":0}%c", 431000000 + i, ts,
		    20 + 0.02 * (i / 316) + round * 0.0005, 120 + 0.02 *
		    (i % 316), 431000000 + i, 0);
	*len = n;
	return b;
}

/* CPU time of this process: the machine is shared, and wall time would
 * count the time other processes had the core. */
static double
secs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(void)
{
	struct pic_cfg cfg = { .max_tracks = 120000 };
	struct rusage ru;
	char err[256], msg[2048], ts[32], *cat;
	struct orb_elements *els;
	size_t catlen, nel, bad;
	size_t len, off;
	double t0, t1, dt_det;
	long nev = 0;
	pic *p;

	if (pic_create(&p, &cfg, err, sizeof err) != TCOP_OK)
		return 1;
	tcop_time_format_ms(1795000000000LL, ts, sizeof ts);
	if (space_read_all(CAT, &cat, &catlen) != TCOP_OK ||
	    space_load("bench", CAT, cat, catlen, &els, &nel, &bad) !=
	    TCOP_OK || nel == 0) {
		fprintf(stderr, "core_bench: cannot load %s\n", CAT);
		return 1;
	}
	for (int i = 0; i < NS; i++) {
		struct orb_elements el = els[(size_t)i % nel];
		size_t n;
		el.norad += 100000u * (uint32_t)(i / (int)nel);
		el.tle1[0] = el.tle2[0] = '\0';
		n = (size_t)snprintf(msg, sizeof msg, "space/elements ");
		n += omm_event_json(&el, "b", -1, msg + n, sizeof msg - n);
		pic_apply_msg(p, msg, n);
	}
	free(cat);
	free(els);
	/* 1,000 cyber alerts on 1,000 distinct assets (keys) */
	for (int i = 0; i < 1000; i++) {
		int n = snprintf(msg, sizeof msg, "cyber/alert {\"id\":"
		    "\"asset:a%d\",\"t\":\"%s\",\"src\":\"b\",\"signature\":"
		    "\"S%d\",\"severity\":2,\"asset\":\"a%d\",\"lat\":35,"
		    "\"lon\":139}", i, ts, i % 50, i);
		pic_apply_msg(p, msg, (size_t)n);
	}
	t1 = 0;
	for (long r = 0; nev < NEV; r++) {
		char *b = mk_tracks(&len, r);
		t0 = secs();
		for (off = 0; off < len; ) {
			size_t l = strlen(b + off);
			pic_apply_msg(p, b + off, l);
			off += l + 1;
			nev++;
		}
		t1 += secs() - t0;
		free(b);
	}
	printf("| correlation core | events/s, decode + level 1 + level 2, "
	    "100k tracks, 20k satellites, 1k assets | %.0f | target | "
	    "500000 | %.2f |\n", nev / t1, nev / t1 / 500000);
	/* detections: 10 scans of 1,000, a minute apart (formatted first:
	 * the core is measured, not snprintf) */
	static char dm[ND][200];
	static size_t dl[ND];
	for (int d = 0; d < ND; d++) {
		int i = (d * 97) % NT;
		tcop_time_format_ms(1795000000000LL + 100000 + (d / 1000) *
		    60000, ts, sizeof ts);
		dl[d] = (size_t)snprintf(dm[d], sizeof dm[d], "maritime/detection "
		    "{\"id\":\"det:b:%d\",\"t\":\"%s\",\"src\":\"sar\","
		    "\"sensor\":\"sar\",\"ce\":100,\"lat\":%.5f,\"lon\":%.5f}",
		    d, ts, 20 + 0.02 * (i / 316) + 0.05, 120 + 0.02 * (i % 316));
	}
	t0 = secs();
	for (int d = 0; d < ND; d++)
		pic_apply_msg(p, dm[d], dl[d]);
	/* one more event closes the last scan (pic_advance would also
	 * position the 20,000 satellites, which is not association) */
	pic_apply_msg(p, dm[0], dl[0]);
	dt_det = secs() - t0;
	t0 = secs();
	pic_advance(p, 1795000000000LL + 100000 + 10 * 60000);
	printf("| correlation core | pic_advance: 20k satellites positioned, "
	    "100k tracks' timeouts, ms | %.1f | - | - | - |\n",
	    (secs() - t0) * 1e3);
	printf("| correlation core | us per detection associated (decode "
	    "included) | %.2f | target | 10 | %.2f |\n", dt_det * 1e6 / ND,
	    10 / (dt_det * 1e6 / ND));
	getrusage(RUSAGE_SELF, &ru);
	printf("| correlation core | peak memory, MB | %.0f | target | 1024 | "
	    "%.2f |\n", ru.ru_maxrss / 1024.0, 1024 / (ru.ru_maxrss / 1024.0));
	fprintf(stderr, "satellites %zu, associated %llu, dark %llu, "
	    "incidents %zu\n", pic_count(p, PIC_SAT),
	    (unsigned long long)pic_stats(p)->associated,
	    (unsigned long long)pic_stats(p)->dark, pic_incident_count(p));
	pic_destroy(p);
	return 0;
}
