/*
 * deck.c: the replay deck (deck.h). The captures are read through one
 * capture reader each, merged by a smallest-RX_TIME pick over the line
 * each reader holds; the position is a time, and "apply up to T" takes
 * lines while the next one's RX_TIME is <= T. A backward seek closes
 * the picture and the readers and starts again from the first line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed/capture.h"
#include "ui/deck.h"

struct deck_src {
	capture_reader *r;
	struct capture_line l;  /* the line held, valid while have */
	struct capture_pos at;  /* where the held line starts */
	bool have, eof;
};

/* A copy of the picture after the first `applied` lines, and where each
 * capture's next line starts. */
struct ckpt {
	uint64_t applied;
	tcop_ms pos;
	size_t inc_seen;
	uint64_t bad;
	pic *p;
	size_t bytes;           /* pic_bytes(p) */
	struct capture_pos at[CAPIDX_FILES];
	/* up to DECK_HISTORY lines earlier: delivered to on_event again
	 * when the checkpoint is restored */
	uint64_t pre_applied;
	struct capture_pos pre_at[CAPIDX_FILES];
};

/* Readers' positions every HIST_STEP lines of this pass, the latest
 * HIST_N of them: where a checkpoint's history starts. */
#define HIST_STEP 512
#define HIST_N (DECK_HISTORY / HIST_STEP + 2)
struct hist_mark {
	uint64_t applied;
	struct capture_pos at[CAPIDX_FILES];
};

struct deck {
	struct capidx ix;
	struct pic_cfg cfg;
	struct deck_hooks hooks;
	pic *p;
	struct deck_src src[CAPIDX_FILES];
	tcop_event *ev;
	tcop_ms pos;            /* TCOP_MS_NONE: before the first line */
	double frac;            /* sub-millisecond carry of the pacing */
	uint64_t applied;
	int speed_i;
	double speed;
	bool playing, loop;
	tcop_ms *inc_t;         /* learned incident times, ascending, unique */
	size_t ninc_t, capinc_t;
	size_t inc_seen;        /* pic_incident_count after the last line */
	uint64_t bad;           /* bad lines in this pass */
	/* checkpoints, ascending by applied, each at a multiple of every */
	struct ckpt *ck;
	size_t nck;
	uint64_t ck_every;
	size_t ck_max, ck_budget, ck_bytes;
	uint64_t ck_taken, ck_used;
	struct hist_mark hist[HIST_N];
	size_t nhist;           /* marks written in this pass */
	char why[256];
};

static const double speeds[] = { DECK_SPEEDS };
#define NSPEEDS (int)(sizeof speeds / sizeof speeds[0])

static void
close_srcs(deck *d)
{
	for (int i = 0; i < d->ix.nfiles; i++) {
		if (d->src[i].r != NULL)
			capture_close(d->src[i].r);
		memset(&d->src[i], 0, sizeof d->src[i]);
	}
}

/* Open the readers and a fresh picture: the deck before its first line. */
static tcop_err
restart(deck *d)
{
	tcop_err e;

	close_srcs(d);
	pic_destroy(d->p);
	d->p = NULL;
	if ((e = pic_create(&d->p, &d->cfg, d->why, sizeof d->why)) != TCOP_OK)
		return e;
	for (int i = 0; i < d->ix.nfiles; i++)
		if (capture_open(&d->src[i].r, d->ix.paths[i]) != TCOP_OK) {
			snprintf(d->why, sizeof d->why, "%s: %s", d->ix.paths[i],
			    strerror(errno));
			return TCOP_ESYS;
		}
	d->pos = TCOP_MS_NONE;
	d->applied = 0;
	d->inc_seen = 0;
	d->bad = 0;
	d->frac = 0;
	d->nhist = 0;
	if (d->hooks.on_reset != NULL)
		d->hooks.on_reset(d->hooks.arg);
	return TCOP_OK;
}

/* The source holding the next line in merged order, or NULL at the end. */
static struct deck_src *
peek(deck *d)
{
	struct deck_src *best = NULL;

	for (int i = 0; i < d->ix.nfiles; i++) {
		struct deck_src *s = &d->src[i];
		tcop_err e;

		while (!s->have && !s->eof) {
			capture_tell(s->r, &s->at);
			e = capture_next(s->r, &s->l);
			if (e == TCOP_OK)
				s->have = true;
			else if (e == TCOP_ECAPTURE)
				d->bad++;
			else
				s->eof = true;
		}
		if (s->have && (best == NULL || s->l.rx < best->l.rx))
			best = s;
	}
	return best;
}

static void
learn_incident(deck *d, tcop_ms t)
{
	size_t i = d->ninc_t;

	while (i > 0 && d->inc_t[i - 1] > t)
		i--;
	if (i > 0 && d->inc_t[i - 1] == t)
		return;
	if (d->ninc_t == d->capinc_t) {
		size_t cap = d->capinc_t ? d->capinc_t * 2 : 64;
		tcop_ms *n = realloc(d->inc_t, cap * sizeof *n);

		if (n == NULL)
			return; /* n/N then know fewer incidents: harmless */
		d->inc_t = n;
		d->capinc_t = cap;
	}
	memmove(d->inc_t + i + 1, d->inc_t + i,
	    (d->ninc_t - i) * sizeof *d->inc_t);
	d->inc_t[i] = t;
	d->ninc_t++;
}

/* ==== Checkpoints ======================================================== */

static void
ckpt_drop(deck *d, size_t i)
{
	d->ck_bytes -= d->ck[i].bytes;
	pic_destroy(d->ck[i].p);
	memmove(d->ck + i, d->ck + i + 1, (d->nck - i - 1) * sizeof *d->ck);
	d->nck--;
}

static void
ckpt_clear(deck *d)
{
	while (d->nck > 0)
		ckpt_drop(d, d->nck - 1);
}

/* Over the cap: keep every other checkpoint (those at multiples of twice
 * the spacing) and double the spacing, so they stay evenly spread. */
static void
ckpt_thin(deck *d)
{
	while (d->nck > 0 && (d->nck > d->ck_max ||
	    d->ck_bytes > d->ck_budget)) {
		d->ck_every *= 2;
		for (size_t i = d->nck; i > 0; i--)
			if (d->ck[i - 1].applied % d->ck_every != 0)
				ckpt_drop(d, i - 1);
	}
}

/* Where the next line of each capture starts. */
static void
src_pos(deck *d, struct capture_pos *at)
{
	for (int i = 0; i < d->ix.nfiles; i++)
		if (d->src[i].have)
			at[i] = d->src[i].at;
		else
			capture_tell(d->src[i].r, &at[i]);
}

/* After a line: every HIST_STEP lines, where the readers are. */
static void
hist_mark(deck *d)
{
	struct hist_mark *m;

	if (d->applied % HIST_STEP != 0)
		return;
	m = &d->hist[d->nhist++ % HIST_N];
	m->applied = d->applied;
	src_pos(d, m->at);
}

/* The checkpoint's history: from the earliest mark of this pass within
 * DECK_HISTORY lines of it (none: the checkpoint itself). */
static void
hist_start(deck *d, struct ckpt *c)
{
	size_t n = d->nhist < HIST_N ? d->nhist : HIST_N;

	c->pre_applied = c->applied;
	memcpy(c->pre_at, c->at, sizeof c->pre_at);
	for (size_t k = 0; k < n; k++) {
		const struct hist_mark *m = &d->hist[(d->nhist - 1 - k) % HIST_N];

		if (m->applied > c->applied ||
		    c->applied - m->applied > DECK_HISTORY)
			break;
		c->pre_applied = m->applied;
		memcpy(c->pre_at, m->at, sizeof c->pre_at);
	}
}

/* After a line: a checkpoint if this line count is due one. */
static void
ckpt_take(deck *d)
{
	size_t i = d->nck;
	struct ckpt c;

	if (d->applied % d->ck_every != 0)
		return;
	while (i > 0 && d->ck[i - 1].applied > d->applied)
		i--;
	if (i > 0 && d->ck[i - 1].applied == d->applied)
		return; /* taken on an earlier pass */
	if (d->nck == d->ck_max + 1 ||
	    pic_clone(&c.p, d->p) != TCOP_OK)
		return; /* no room: seeks replay more lines, that is all */
	c.applied = d->applied;
	c.pos = d->pos;
	c.inc_seen = d->inc_seen;
	c.bad = d->bad;
	c.bytes = pic_bytes(c.p);
	src_pos(d, c.at);
	hist_start(d, &c);
	memmove(d->ck + i + 1, d->ck + i, (d->nck - i) * sizeof *d->ck);
	d->ck[i] = c;
	d->nck++;
	d->ck_bytes += c.bytes;
	d->ck_taken++;
	ckpt_thin(d);
}

/* The latest checkpoint whose position is at or before t, or NULL. */
static const struct ckpt *
ckpt_find(const deck *d, tcop_ms t)
{
	for (size_t i = d->nck; i > 0; i--)
		if (d->ck[i - 1].pos <= t)
			return &d->ck[i - 1];
	return NULL;
}

/* The n lines before a restored checkpoint, to on_event only (the
 * picture already holds them): the viewer's list of recent events is
 * then what it would be after a replay from the start. The readers end
 * at the checkpoint's lines. */
static void
redeliver(deck *d, uint64_t n)
{
	struct deck_src *s;

	for (uint64_t k = 0; k < n && (s = peek(d)) != NULL; k++) {
		if (tcop_event_decode(s->l.msg, s->l.msg_len, d->ev) == TCOP_OK &&
		    (d->hooks.keep == NULL || d->hooks.keep(d->hooks.arg,
		    d->ev)) && d->ev->kind != TCOP_K_UNKNOWN)
			d->hooks.on_event(d->hooks.arg, d->ev);
		s->have = false;
	}
}

/* The deck as it was at checkpoint c: a copy of its picture, the readers
 * moved to its lines (through its history when there is an on_event).
 * false if that fails: the picture is unchanged, the readers may have
 * moved, and the caller starts again from the first line. */
static bool
ckpt_restore(deck *d, const struct ckpt *c)
{
	const struct capture_pos *at = d->hooks.on_event != NULL ? c->pre_at :
	    c->at;
	pic *p;

	if (pic_clone(&p, c->p) != TCOP_OK)
		return false;
	for (int i = 0; i < d->ix.nfiles; i++) {
		if (capture_seek(d->src[i].r, &at[i]) != TCOP_OK) {
			pic_destroy(p);
			return false; /* readers moved: the caller restarts */
		}
		d->src[i].have = d->src[i].eof = false;
	}
	pic_destroy(d->p);
	d->p = p;
	d->nhist = 0;
	if (d->hooks.on_reset != NULL)
		d->hooks.on_reset(d->hooks.arg);
	if (at == c->pre_at)
		redeliver(d, c->applied - c->pre_applied);
	d->pos = c->pos;
	d->applied = c->applied;
	d->inc_seen = c->inc_seen;
	d->bad = c->bad;
	d->frac = 0;
	d->ck_used++;
	return true;
}

/* Apply the held line of s. */
static void
apply(deck *d, struct deck_src *s)
{
	const struct capture_line *l = &s->l;
	size_t n;

	if (tcop_event_decode(l->msg, l->msg_len, d->ev) != TCOP_OK)
		pic_apply_msg(d->p, l->msg, l->msg_len); /* counted there */
	else if (d->hooks.keep == NULL || d->hooks.keep(d->hooks.arg, d->ev)) {
		(void)pic_apply(d->p, d->ev);
		if (d->hooks.on_event != NULL && d->ev->kind != TCOP_K_UNKNOWN)
			d->hooks.on_event(d->hooks.arg, d->ev);
	}
	if (d->pos == TCOP_MS_NONE || l->rx > d->pos)
		d->pos = l->rx;
	s->have = false;
	d->applied++;
	if ((n = pic_incident_count(d->p)) > d->inc_seen) {
		d->inc_seen = n;
		learn_incident(d, d->pos);
	}
	hist_mark(d);
	ckpt_take(d);
}

/* Apply every line with rx <= t, at most max (0: no limit). */
static uint64_t
apply_to(deck *d, tcop_ms t, uint64_t max)
{
	struct deck_src *s;
	uint64_t n = 0;

	while ((max == 0 || n < max) && (s = peek(d)) != NULL && s->l.rx <= t) {
		apply(d, s);
		n++;
	}
	return n;
}

tcop_err
deck_open(deck **out, const char *const *paths, int n,
    const struct pic_cfg *cfg, const struct deck_hooks *hooks, char *why,
    size_t whysz)
{
	deck *d = calloc(1, sizeof *d);
	tcop_err e;

	*out = NULL;
	if (d == NULL || (d->ev = malloc(sizeof *d->ev)) == NULL) {
		free(d);
		return TCOP_ENOMEM;
	}
	if (cfg != NULL)
		d->cfg = *cfg;
	if (hooks != NULL)
		d->hooks = *hooks;
	d->speed = 1;
	d->speed_i = 2;
	if ((e = capidx_build(&d->ix, paths, n)) != TCOP_OK) {
		if (why != NULL)
			snprintf(why, whysz, "%s", d->ix.why[0] ? d->ix.why :
			    tcop_strerror(e));
		deck_close(d);
		return e;
	}
	if ((e = deck_checkpoints(d, 0, 0, 0)) != TCOP_OK ||
	    (e = restart(d)) != TCOP_OK) {
		if (why != NULL)
			snprintf(why, whysz, "%s", e == TCOP_ENOMEM ?
			    tcop_strerror(e) : d->why);
		deck_close(d);
		return e;
	}
	*out = d;
	return TCOP_OK;
}

void
deck_close(deck *d)
{
	if (d == NULL)
		return;
	close_srcs(d);
	pic_destroy(d->p);
	ckpt_clear(d);
	free(d->ck);
	capidx_free(&d->ix);
	free(d->inc_t);
	free(d->ev);
	free(d);
}

pic *
deck_pic(deck *d)
{
	return d->p;
}

const struct capidx *
deck_index(const deck *d)
{
	return &d->ix;
}

void
deck_status(const deck *d, struct deck_status *st)
{
	*st = (struct deck_status){ .t0 = d->ix.t0, .t1 = d->ix.t1,
		.pos = d->pos == TCOP_MS_NONE ? d->ix.t0 : d->pos,
		.speed = d->speed, .playing = d->playing, .loop = d->loop,
		.at_end = d->applied >= d->ix.lines, .applied = d->applied,
		.lines = d->ix.lines, .bad = d->ix.bad,
		.incidents = (int)d->ninc_t, .ckpts = d->nck,
		.ckpt_bytes = d->ck_bytes, .ckpt_every = d->ck_every,
		.ckpt_taken = d->ck_taken, .ckpt_used = d->ck_used };
}

tcop_err
deck_checkpoints(deck *d, uint64_t every, size_t max, size_t bytes)
{
	struct ckpt *ck;

	ckpt_clear(d);
	max = max ? max : DECK_CKPT_MAX;
	if ((ck = realloc(d->ck, (max + 1) * sizeof *ck)) == NULL)
		return TCOP_ENOMEM;
	d->ck = ck;
	if (every == 0) /* the lines spread over max checkpoints */
		for (every = DECK_CKPT_EVERY; every * max < d->ix.lines;)
			every *= 2;
	d->ck_every = every;
	d->ck_max = max;
	d->ck_budget = bytes ? bytes : DECK_CKPT_BYTES;
	return TCOP_OK;
}

void
deck_play(deck *d, bool on)
{
	d->playing = on;
	d->frac = 0;
}

void
deck_loop(deck *d, bool on)
{
	d->loop = on;
}

double
deck_speed_step(deck *d, int dir)
{
	int i = d->speed_i + (dir < 0 ? -1 : 1);

	if (i >= 0 && i < NSPEEDS)
		d->speed_i = i;
	d->speed = speeds[d->speed_i];
	return d->speed;
}

void
deck_set_speed(deck *d, double x)
{
	int best = NSPEEDS - 1;

	for (int i = 0; i < NSPEEDS; i++)
		if (speeds[i] == x)
			best = i;
	d->speed_i = best;
	d->speed = x > 0 ? x : 0;
}

tcop_err
deck_seek(deck *d, tcop_ms t)
{
	const struct ckpt *c;
	bool back;
	tcop_err e;

	if (t == TCOP_MS_NONE || t < d->ix.t0)
		t = d->ix.t0;
	if (t > d->ix.t1)
		t = d->ix.t1;
	c = ckpt_find(d, t);
	back = d->pos != TCOP_MS_NONE && t < d->pos;
	if (c != NULL && (back || c->applied > d->applied))
		back = !ckpt_restore(d, c);
	if (back && (e = restart(d)) != TCOP_OK) {
		tcop_log("replay: %s", d->why);
		return e;
	}
	apply_to(d, t, 0);
	d->pos = t;
	d->frac = 0;
	pic_advance(d->p, t);
	return TCOP_OK;
}

bool
deck_step(deck *d)
{
	struct deck_src *s = peek(d);

	if (s == NULL)
		return false;
	apply(d, s);
	pic_advance(d->p, pic_time(d->p));
	return true;
}

bool
deck_incident(deck *d, int dir)
{
	size_t before = pic_incident_count(d->p), i;

	if (dir > 0) {
		struct deck_src *s;

		while ((s = peek(d)) != NULL) {
			apply(d, s);
			if (pic_incident_count(d->p) > before) {
				pic_advance(d->p, pic_time(d->p));
				return true;
			}
		}
		pic_advance(d->p, pic_time(d->p));
		return false;
	}
	for (i = d->ninc_t; i > 0 && (d->pos == TCOP_MS_NONE ||
	    d->inc_t[i - 1] >= d->pos); i--)
		;
	if (i == 0)
		return false;
	return deck_seek(d, d->inc_t[i - 1]) == TCOP_OK;
}

static void
at_end(deck *d)
{
	if (peek(d) != NULL)
		return;
	if (d->loop)
		(void)deck_seek(d, d->ix.t0);
	else
		d->playing = false;
}

uint64_t
deck_tick(deck *d, tcop_ms wall_ms, uint64_t max_events)
{
	uint64_t n;
	double step;
	tcop_ms target;

	if (!d->playing || d->ix.lines == 0)
		return 0;
	if (d->speed <= 0) {
		struct deck_src *s;

		n = 0;
		while ((max_events == 0 || n < max_events) &&
		    (s = peek(d)) != NULL) {
			apply(d, s);
			n++;
		}
	} else {
		step = (double)wall_ms * d->speed + d->frac;
		target = (d->pos == TCOP_MS_NONE ? d->ix.t0 : d->pos) +
		    (tcop_ms)step;
		d->frac = step - (double)(tcop_ms)step;
		if (d->pos == TCOP_MS_NONE)
			target = d->ix.t0 + (tcop_ms)step;
		if (target > d->ix.t1)
			target = d->ix.t1;
		n = apply_to(d, target, max_events);
		if (max_events == 0 || n < max_events)
			d->pos = target;
	}
	if (n > 0)
		pic_advance(d->p, pic_time(d->p));
	at_end(d);
	return n;
}

static void
fmt_hms(tcop_ms ms, char *buf, size_t size)
{
	long s = (long)(ms / 1000);

	if (s < 0)
		s = 0;
	snprintf(buf, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
}

void
deck_bar(const deck *d, char *buf, size_t size, int w)
{
	struct deck_status st;
	char t[40] = "-", a[32], b[32], sp[16], bar[128];
	int cells, fill = 0;
	tcop_ms span;

	deck_status(d, &st);
	span = st.t1 - st.t0;
	if (st.t0 != TCOP_MS_NONE)
		tcop_time_format_s(st.pos, t, sizeof t);
	fmt_hms(st.t0 == TCOP_MS_NONE ? 0 : st.pos - st.t0, a, sizeof a);
	fmt_hms(st.t0 == TCOP_MS_NONE ? 0 : span, b, sizeof b);
	if (st.speed <= 0)
		snprintf(sp, sizeof sp, "max");
	else if (st.speed < 1)
		snprintf(sp, sizeof sp, "%gx", st.speed);
	else
		snprintf(sp, sizeof sp, "%.0fx", st.speed);
	cells = w - 60;
	if (cells > (int)sizeof bar - 1)
		cells = (int)sizeof bar - 1;
	if (cells < 0)
		cells = 0;
	if (cells > 0 && span > 0)
		fill = (int)((double)(st.pos - st.t0) * cells / (double)span);
	for (int i = 0; i < cells; i++)
		bar[i] = i < fill ? '#' : '-';
	bar[cells] = '\0';
	snprintf(buf, size, " replay%s%s%s %s %s/%s %s%s%s%s", cells ? " [" : "",
	    bar, cells ? "]" : "", t + (strlen(t) > 11 ? 11 : 0), a, b, sp,
	    st.playing ? " play" : " pause", st.loop ? " loop" : "",
	    st.at_end ? " end" : "");
}
