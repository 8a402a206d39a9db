/*
 * capidx.h: an index of one or more captures (feed/capture.h), read once:
 * the span of RX_TIME, the line count, and per minute of RX_TIME the
 * number of lines before it in each capture (capture order is RX_TIME
 * order; a line earlier than its predecessor is counted as out of order
 * and indexed where it stands). Plain and .gz captures are indexed the
 * same way, by line number, since a gzip stream has no random access
 * without decoded checkpoints.
 *
 * Used by the replay deck (ui/deck.h) for the time bar, for seeking and
 * for the times that may matter to incidents (lines of the topics the
 * correlation rules start from: detections, interference, conjunctions,
 * space events, cyber alerts). No curses, no wall clock. Allocates the
 * tables it returns; capidx_free releases them.
 *
 * Known limits: at most CAPIDX_FILES captures; a capture spanning more
 * than CAPIDX_BUCKETS minutes is indexed in wider buckets; a capture that
 * changes while indexed is indexed as it was read.
 */
#ifndef TCOP_CAPIDX_H
#define TCOP_CAPIDX_H

#include <stddef.h>
#include <stdint.h>

#include "tcop/tcop.h"

#define CAPIDX_FILES 16
#define CAPIDX_BUCKETS 65536 /* 45 days of minutes */

struct capidx_min {
	uint64_t before[CAPIDX_FILES]; /* lines of each file with rx < minute */
};

struct capidx {
	int nfiles;
	const char *paths[CAPIDX_FILES]; /* borrowed from the caller */
	tcop_ms t0, t1;          /* first and last RX_TIME (TCOP_MS_NONE: none) */
	uint64_t lines;          /* good lines in all files */
	uint64_t bad;            /* malformed lines, counted and skipped */
	uint64_t unordered;      /* lines earlier than the line before */
	tcop_ms min0;            /* start of minute 0 (t0 floored) */
	tcop_ms width;           /* ms a bucket: a minute unless the span is
	                          * over CAPIDX_BUCKETS minutes */
	struct capidx_min *min;  /* nmin buckets from min0 */
	size_t nmin;
	tcop_ms *hot;            /* RX_TIMEs of incident-relevant lines, */
	size_t nhot;             /* ascending, one per second at most */
	char why[256];           /* the first bad line: "file:line: reason" */
};

/*
 * Index the n captures of paths (borrowed; must outlive ix). TCOP_OK, or
 * TCOP_ESYS (a file can't be read: ix->why names it), TCOP_ENOMEM,
 * TCOP_EINVAL (n out of 1..CAPIDX_FILES). Bad lines are not an error:
 * they are counted in ix->bad.
 */
tcop_err capidx_build(struct capidx *ix, const char *const *paths, int n);
void capidx_free(struct capidx *ix);

/* Lines (all files) with rx before bucket m's start (m clamped). */
uint64_t capidx_lines_before(const struct capidx *ix, size_t m);
/* The bucket (minute) of t (clamped into 0..nmin-1). */
size_t capidx_minute(const struct capidx *ix, tcop_ms t);
/* The first hot time > t (dir > 0) or < t (dir < 0); TCOP_MS_NONE if none. */
tcop_ms capidx_hot(const struct capidx *ix, tcop_ms t, int dir);

#endif
