/*
 * snap_series.c: `tcop snapshot --every D`: the pictures of a capture at
 * from, from + D, from + 2D ... to, in one pass through the capture (each
 * line read and decoded once, one picture), each handed to a callback that
 * writes the frame.
 *
 * A frame at T is meant to be the picture `snapshot --at T` builds: every
 * event with t <= T, in capture order, then pic_advance(T). In one pass,
 * events with t > T are held back (a copy of their line, in order) while
 * the frame is pending, and the frame is written once a line received
 * after T + late arrives (RX_TIME, which a recorder writes in order), or
 * at the end of the capture; then the held events due by the next frame
 * are applied, in their order. Known limit: an event that arrives more
 * than `late` after its frame's time with t <= T (an element set whose
 * epoch is old, a delayed satellite AIS report) counts from the next
 * frame on, and held events are applied after the late ones that followed
 * them in the capture; with a record or demo capture, whose events arrive
 * in the order of their t but for the initial catalogue, the frames are
 * those of single snapshots.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/snap.h"
#include "feed/capture.h"

/* Lines held back: copies, in capture order. */
struct held {
	char **msg;
	size_t *len;
	tcop_ms *t;
	size_t n, cap, first;
};

static bool
held_push(struct held *h, const char *msg, size_t len, tcop_ms t)
{
	char *c;

	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 256;
		char **m = realloc(h->msg, cap * sizeof *m);
		size_t *l;
		tcop_ms *tt;

		if (m == NULL)
			return false;
		h->msg = m;
		if ((l = realloc(h->len, cap * sizeof *l)) == NULL)
			return false;
		h->len = l;
		if ((tt = realloc(h->t, cap * sizeof *tt)) == NULL)
			return false;
		h->t = tt;
		h->cap = cap;
	}
	if ((c = malloc(len)) == NULL)
		return false;
	memcpy(c, msg, len);
	h->msg[h->n] = c;
	h->len[h->n] = len;
	h->t[h->n] = t;
	h->n++;
	return true;
}

/* Apply the held events with t <= at, in order; keep the others. */
static void
held_apply(struct held *h, pic *p, tcop_event *ev, tcop_ms at)
{
	size_t k = 0;

	for (size_t i = 0; i < h->n; i++) {
		if (h->t[i] > at) {
			h->msg[k] = h->msg[i];
			h->len[k] = h->len[i];
			h->t[k] = h->t[i];
			k++;
			continue;
		}
		if (tcop_event_decode(h->msg[i], h->len[i], ev) == TCOP_OK)
			pic_apply(p, ev);
		free(h->msg[i]);
	}
	h->n = k;
}

static void
held_free(struct held *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->msg[i]);
	free(h->msg);
	free(h->len);
	free(h->t);
}

struct series {
	const struct snap_series_opts *o;
	pic *p;
	tcop_event *ev;   /* the line being read */
	tcop_event *hev;  /* a held line, decoded again */
	struct held h;
	tcop_ms next;     /* the pending frame's time */
	tcop_ms last_t;   /* the latest event time seen */
	int n;            /* frames written */
	bool started;
};

/* Write the pending frame and move to the next; false on failure. */
static bool
emit(struct series *s)
{
	pic_advance(s->p, s->next);
	if (s->o->frame(s->o->arg, s->p, s->next, s->n + 1) != CLI_OK)
		return false;
	s->n++;
	if (s->o->progress && isatty(2)) {
		char b[40];
		tcop_time_format_s(s->next, b, sizeof b);
		fprintf(stderr, "\rtcop snapshot: frame %d at %s", s->n, b);
	}
	s->next += s->o->every;
	held_apply(&s->h, s->p, s->hev, s->next);
	return true;
}

static bool
past_end(const struct series *s)
{
	return s->o->to != TCOP_MS_NONE && s->next > s->o->to;
}

/* One decoded line. */
static bool
line(struct series *s, tcop_ms rx, const char *msg, size_t len)
{
	if (!s->started) {
		s->next = s->o->from != TCOP_MS_NONE ? s->o->from : s->ev->t;
		s->started = true;
	}
	while (!past_end(s) && rx > s->next + s->o->late)
		if (!emit(s))
			return false;
	if (s->ev->t > s->last_t || s->last_t == TCOP_MS_NONE)
		s->last_t = s->ev->t;
	if (s->ev->t > s->next) {
		if (!held_push(&s->h, msg, len, s->ev->t)) {
			fprintf(stderr, "tcop snapshot: out of memory\n");
			return false;
		}
		return true;
	}
	pic_apply(s->p, s->ev);
	return true;
}

/* The capture's lines into s; CLI_OK or CLI_FAIL. */
static int
pass(struct series *s, const char *capture)
{
	capture_reader *r;
	struct capture_line l;
	tcop_err e;
	int rc = CLI_OK;

	if (capture_open(&r, capture) != TCOP_OK) {
		fprintf(stderr, "tcop snapshot: %s: cannot open\n", capture);
		return CLI_FAIL;
	}
	while ((e = capture_next(r, &l)) != TCOP_EOF) {
		if (e == TCOP_ECAPTURE) {
			fprintf(stderr, "tcop snapshot: %s:%ld: %s\n", capture,
			    l.lineno, l.why);
			continue;
		}
		if (e != TCOP_OK)
			break;
		if ((e = tcop_event_decode(l.msg, l.msg_len, s->ev)) !=
		    TCOP_OK) {
			fprintf(stderr, "tcop snapshot: %s:%ld: %s\n", capture,
			    l.lineno, tcop_strerror(e));
			pic_apply_msg(s->p, l.msg, l.msg_len);
			continue;
		}
		if (!line(s, l.rx, l.msg, l.msg_len)) {
			rc = CLI_FAIL;
			break;
		}
		if (past_end(s))
			break;
	}
	capture_close(r);
	return rc;
}

int
snap_series(pic *p, const char *capture, const struct snap_series_opts *o)
{
	struct series s = { .o = o, .p = p, .last_t = TCOP_MS_NONE };
	tcop_ms end;
	int rc;

	s.ev = malloc(sizeof *s.ev);
	s.hev = malloc(sizeof *s.hev);
	if (s.ev == NULL || s.hev == NULL) {
		free(s.ev);
		free(s.hev);
		return -1;
	}
	rc = pass(&s, capture);
	if (rc == CLI_OK && !s.started && o->from != TCOP_MS_NONE) {
		s.next = o->from;
		s.started = true;
	}
	if (rc == CLI_OK && s.started) {
		/* The rest: up to --to, else up to the latest event. */
		end = o->to != TCOP_MS_NONE ? o->to : s.last_t;
		if (s.n == 0 && (end == TCOP_MS_NONE || end < s.next))
			end = s.next;
		while (rc == CLI_OK && s.next <= end)
			if (!emit(&s))
				rc = CLI_FAIL;
	}
	if (o->progress && isatty(2) && s.n > 0)
		fputc('\n', stderr);
	if (rc == CLI_OK && s.n == 0) {
		fprintf(stderr, "tcop snapshot: %s: no frame (no event, and no "
		    "--from)\n", capture);
		rc = CLI_FAIL;
	}
	held_free(&s.h);
	free(s.ev);
	free(s.hev);
	return rc == CLI_OK ? s.n : -1;
}
