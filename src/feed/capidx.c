/*
 * capidx.c: the capture index (capidx.h). One pass per file through the
 * capture reader: lines counted per minute of RX_TIME, as runs of
 * (minute, lines) (a line out of order counts in the minute of the line
 * before it, so the counts stay those of capture order), then the runs of
 * every file are laid on one common axis as cumulative "lines before"
 * tables. The axis has at most CAPIDX_BUCKETS entries: a capture spanning
 * more minutes than that (hostile times) gets wider buckets.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed/capidx.h"
#include "feed/capture.h"

#define MINUTE 60000

struct run {
	int64_t m;         /* minute (rx / MINUTE) */
	uint64_t n;        /* lines in it */
};

struct fcount {
	struct run *r;     /* ascending minutes */
	size_t len, cap;
};

static int64_t
minute_of(tcop_ms t)
{
	return t >= 0 ? t / MINUTE : -((-t + MINUTE - 1) / MINUTE);
}

static bool
topic_is_hot(const struct capture_line *l)
{
	static const char *const hot[] = { "maritime/detection",
		"cyber/interference", "cyber/alert", "space/conjunction",
		"space/event" };

	for (size_t i = 0; i < sizeof hot / sizeof hot[0]; i++)
		if (l->topic_len == strlen(hot[i]) &&
		    memcmp(l->msg, hot[i], l->topic_len) == 0)
			return true;
	return false;
}

static bool
fc_add(struct fcount *fc, int64_t m)
{
	if (fc->len > 0 && fc->r[fc->len - 1].m == m) {
		fc->r[fc->len - 1].n++;
		return true;
	}
	if (fc->len == fc->cap) {
		size_t cap = fc->cap ? fc->cap * 2 : 64;
		struct run *r = realloc(fc->r, cap * sizeof *r);

		if (r == NULL)
			return false;
		fc->r = r;
		fc->cap = cap;
	}
	fc->r[fc->len++] = (struct run){ m, 1 };
	return true;
}

static bool
hot_add(struct capidx *ix, tcop_ms t, size_t *cap)
{
	tcop_ms s = t - t % 1000;

	if (ix->nhot > 0 && ix->hot[ix->nhot - 1] >= s)
		return true;
	if (ix->nhot == *cap) {
		size_t c = *cap ? *cap * 2 : 256;
		tcop_ms *h = realloc(ix->hot, c * sizeof *h);

		if (h == NULL)
			return false;
		ix->hot = h;
		*cap = c;
	}
	ix->hot[ix->nhot++] = s;
	return true;
}

static int
cmp_ms(const void *a, const void *b)
{
	tcop_ms x = *(const tcop_ms *)a, y = *(const tcop_ms *)b;

	return x < y ? -1 : x > y;
}

static tcop_err
index_file(struct capidx *ix, int f, struct fcount *fc, size_t *hotcap)
{
	capture_reader *r;
	struct capture_line l;
	int64_t cur = INT64_MIN;
	tcop_ms last = TCOP_MS_NONE;
	tcop_err e;

	if (capture_open(&r, ix->paths[f]) != TCOP_OK) {
		snprintf(ix->why, sizeof ix->why, "%s: %s", ix->paths[f],
		    strerror(errno));
		return TCOP_ESYS;
	}
	while ((e = capture_next(r, &l)) != TCOP_EOF) {
		int64_t m;

		if (e == TCOP_ECAPTURE) {
			if (ix->bad++ == 0)
				snprintf(ix->why, sizeof ix->why, "%s:%ld: %s",
				    ix->paths[f], l.lineno, l.why);
			continue;
		}
		if (e != TCOP_OK) {
			snprintf(ix->why, sizeof ix->why, "%s: %s",
			    ix->paths[f], tcop_strerror(e));
			capture_close(r);
			return e;
		}
		if (last != TCOP_MS_NONE && l.rx < last)
			ix->unordered++;
		last = l.rx;
		m = minute_of(l.rx);
		if (m < cur)
			m = cur;
		cur = m;
		if (!fc_add(fc, m) ||
		    (topic_is_hot(&l) && !hot_add(ix, l.rx, hotcap))) {
			capture_close(r);
			return TCOP_ENOMEM;
		}
		if (ix->t0 == TCOP_MS_NONE || l.rx < ix->t0)
			ix->t0 = l.rx;
		if (ix->t1 == TCOP_MS_NONE || l.rx > ix->t1)
			ix->t1 = l.rx;
		ix->lines++;
	}
	capture_close(r);
	return TCOP_OK;
}

/* Lay the per-file runs on the common axis, cumulated. */
static tcop_err
lay_out(struct capidx *ix, struct fcount *fc)
{
	int64_t lo = INT64_MAX, hi = INT64_MIN, k;

	for (int f = 0; f < ix->nfiles; f++) {
		if (fc[f].len == 0)
			continue;
		if (fc[f].r[0].m < lo)
			lo = fc[f].r[0].m;
		if (fc[f].r[fc[f].len - 1].m > hi)
			hi = fc[f].r[fc[f].len - 1].m;
	}
	if (lo > hi) {
		ix->nmin = 0;
		ix->min0 = 0;
		ix->width = MINUTE;
		return TCOP_OK;
	}
	/* Minutes per bucket, so that the axis stays bounded. */
	k = (int64_t)(((uint64_t)hi - (uint64_t)lo) / (CAPIDX_BUCKETS - 2)) + 1;
	ix->width = k * MINUTE;
	ix->min0 = lo * MINUTE;
	ix->nmin = (size_t)(((uint64_t)hi - (uint64_t)lo) / (uint64_t)k) + 2;
	if ((ix->min = calloc(ix->nmin, sizeof *ix->min)) == NULL)
		return TCOP_ENOMEM;
	for (int f = 0; f < ix->nfiles; f++) {
		uint64_t sum = 0;
		size_t j = 0;

		for (size_t b = 0; b < ix->nmin; b++) {
			ix->min[b].before[f] = sum;
			/* Runs inside bucket b: minutes lo + b*k .. + k - 1. */
			while (j < fc[f].len && (uint64_t)fc[f].r[j].m -
			    (uint64_t)lo < (uint64_t)(b + 1) * (uint64_t)k)
				sum += fc[f].r[j++].n;
		}
	}
	return TCOP_OK;
}

tcop_err
capidx_build(struct capidx *ix, const char *const *paths, int n)
{
	struct fcount fc[CAPIDX_FILES];
	size_t hotcap = 0;
	tcop_err e = TCOP_OK;

	memset(ix, 0, sizeof *ix);
	ix->t0 = ix->t1 = TCOP_MS_NONE;
	if (n < 1 || n > CAPIDX_FILES)
		return TCOP_EINVAL;
	memset(fc, 0, sizeof fc);
	ix->nfiles = n;
	for (int f = 0; f < n; f++)
		ix->paths[f] = paths[f];
	for (int f = 0; f < n && e == TCOP_OK; f++)
		e = index_file(ix, f, &fc[f], &hotcap);
	if (e == TCOP_OK)
		e = lay_out(ix, fc);
	for (int f = 0; f < n; f++)
		free(fc[f].r);
	if (e == TCOP_OK && ix->nhot > 1) {
		size_t k = 1;

		qsort(ix->hot, ix->nhot, sizeof *ix->hot, cmp_ms);
		for (size_t i = 1; i < ix->nhot; i++)
			if (ix->hot[i] != ix->hot[k - 1])
				ix->hot[k++] = ix->hot[i];
		ix->nhot = k;
	}
	if (e != TCOP_OK)
		capidx_free(ix);
	return e;
}

void
capidx_free(struct capidx *ix)
{
	free(ix->min);
	free(ix->hot);
	ix->min = NULL;
	ix->hot = NULL;
	ix->nmin = ix->nhot = 0;
}

size_t
capidx_minute(const struct capidx *ix, tcop_ms t)
{
	int64_t m;

	if (ix->nmin == 0 || t == TCOP_MS_NONE || t < ix->min0)
		return 0;
	m = (int64_t)(((uint64_t)t - (uint64_t)ix->min0) / (uint64_t)ix->width);
	return (size_t)m >= ix->nmin ? ix->nmin - 1 : (size_t)m;
}

uint64_t
capidx_lines_before(const struct capidx *ix, size_t m)
{
	uint64_t n = 0;

	if (ix->nmin == 0)
		return 0;
	if (m >= ix->nmin)
		m = ix->nmin - 1;
	for (int f = 0; f < ix->nfiles; f++)
		n += ix->min[m].before[f];
	return n;
}

tcop_ms
capidx_hot(const struct capidx *ix, tcop_ms t, int dir)
{
	size_t lo = 0, hi = ix->nhot;

	/* First index with hot > t. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ix->hot[mid] <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (dir > 0)
		return lo < ix->nhot ? ix->hot[lo] : TCOP_MS_NONE;
	while (lo > 0 && ix->hot[lo - 1] >= t)
		lo--;
	return lo > 0 ? ix->hot[lo - 1] : TCOP_MS_NONE;
}
