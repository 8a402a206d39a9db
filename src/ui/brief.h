/*
 * brief.h: briefing support for the viewer, without a terminal: the
 * shared view of a briefer (picture/view) and bookmarks (picture/mark with
 * a view), as messages built and parsed here; the list of marks and
 * bookmarks in time order; the ticks they put on the replay deck's time
 * bar; when a sharing viewer should send its view again; when a follower
 * should seek its deck to the briefer's time.
 *
 *   briefer: view changes ──brief_share_due──> brief_view_msg ──> annot
 *   follower: feed ──tcop_event_decode──> brief_view_parse ──> apply
 *   anyone:   picture/mark ──brief_mark_parse──> brief_book (time order)
 *
 * A bookmark is a picture/mark whose `span` is set: `lat`/`lon` are the
 * view's centre, `region` its preset (if any), `selection` the selected
 * id and `replay_t` the replay position (docs/protocol.md). A
 * picture/view carries `center` ([lat, lon]) + `span` and `region` as
 * DESIGN.md has it, and two extras for a replay deck: `speed` (x real
 * time, 0 max) and `playing`.
 *
 * Nothing here allocates (callers own every struct) or reads a clock:
 * times are arguments. Known limits: at most BRIEF_BOOK_MAX marks are
 * kept (later ones are refused); texts are cut to their fields.
 */
#ifndef TCOP_BRIEF_H
#define TCOP_BRIEF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "geo/regions.h"
#include "tcop/event.h"

#define BRIEF_BOOK_MAX 256
#define BRIEF_MIN_MS 250     /* a view is sent at most 4 times a second */
#define BRIEF_KEEP_MS 2000   /* and again every 2 s for late joiners */

/* A shared view, or the view a bookmark stores. */
struct brief_view {
	char by[32];
	char region[REGION_NAME_MAX]; /* a preset's name, "" none */
	bool has_center;
	double lat, lon, span;        /* centre and span (degrees) */
	char selection[TCOP_ID_MAX];  /* "" none */
	tcop_ms replay_t;             /* TCOP_MS_NONE: not replaying */
	double speed;                 /* replay: x real time, 0 max, -1 unknown */
	int playing;                  /* replay: 1, 0, -1 unknown */
};

/* A picture/mark as the bookmark list keeps it. */
struct brief_mark {
	char id[TCOP_ID_MAX];
	char text[96];
	tcop_ms t;                    /* the mark's event time */
	bool bookmark;                /* carries a view (v) */
	bool has_pos;
	double lat, lon;
	struct brief_view v;          /* by always; the rest for a bookmark */
	/* the viewer's bookkeeping, not in the message: */
	bool in_capture;              /* read from a replayed capture */
	bool applied;                 /* in the (deck's) picture now */
};

/* Marks and bookmarks, in time order (brief_mark_time, then id). */
struct brief_book {
	int n;
	struct brief_mark m[BRIEF_BOOK_MAX];
};

/* A view with nothing set (no centre, no replay). */
void brief_view_init(struct brief_view *v);

/*
 * The picture/view message (TOPIC SP JSON) for v, with id and t, into buf.
 * TCOP_ETOOBIG if it does not fit, TCOP_EINVAL if v has neither a centre
 * and span nor a region.
 */
tcop_err brief_view_msg(const struct brief_view *v, const char *id,
    tcop_ms t, char *buf, size_t size, size_t *len);
/*
 * The view of a decoded picture/view event (ev->json, if set, is read for
 * the extras speed and playing). TCOP_ETOPIC for another kind,
 * TCOP_EFIELD for a view with no centre+span and no region, or a span,
 * speed or playing out of range.
 */
tcop_err brief_view_parse(const tcop_event *ev, struct brief_view *v);

/*
 * The picture/mark message for m (m->bookmark: with its view) into buf.
 * TCOP_ETOOBIG if it does not fit.
 */
tcop_err brief_mark_msg(const struct brief_mark *m, char *buf, size_t size,
    size_t *len);
/*
 * The mark of a decoded picture/mark event; a bookmark if it has a span
 * (then it must have a position: its view's centre). TCOP_ETOPIC for
 * another kind, TCOP_EFIELD for a bookmark without a position or with a
 * span out of range.
 */
tcop_err brief_mark_parse(const tcop_event *ev, struct brief_mark *m);

/* The time a mark is listed and ticked at: its replay_t if set, else t. */
tcop_ms brief_mark_time(const struct brief_mark *m);

/*
 * Add m to the book in time order; a mark with an id already in the book
 * replaces it. Returns its index, or -1 if the book is full.
 */
int brief_book_add(struct brief_book *b, const struct brief_mark *m);
/* The index of the mark with this id, -1 if none. */
int brief_book_find(const struct brief_book *b, const char *id);

/*
 * Add the picture/mark lines of n captures to the book (in_capture set).
 * Returns the marks added; *bad counts the picture/mark lines that were
 * not a mark one could list (refused by the decoder or brief_mark_parse).
 * Lines the capture reader finds malformed, and a capture that can't be
 * read, are skipped (the deck reports them).
 */
int brief_book_scan(struct brief_book *b, const char *const *paths, int n,
    uint64_t *bad);

/*
 * Put a tick ('|') on the gauge of a deck time bar (deck_bar's text, its
 * gauge between '[' and ']') for each mark of b between t0 and t1; a text
 * without a gauge is left as it is. Returns the ticks put.
 */
int brief_bar_ticks(char *bar, tcop_ms t0, tcop_ms t1,
    const struct brief_book *b);

/* ---- sharing (the briefer) ---- */

struct brief_share {
	bool on;
	bool sent_any;
	tcop_ms sent_at;            /* the caller's clock (ms) of the last send */
	struct brief_view sent;     /* what was sent then */
};

/*
 * Should v go out now (the caller's clock)? When the view changed (region,
 * centre, span, selection, speed, play/pause, or a replay position other
 * than where the last one sent would have played to) and BRIEF_MIN_MS
 * have gone by since the last send; or BRIEF_KEEP_MS have gone by.
 */
bool brief_share_due(const struct brief_share *s, const struct brief_view *v,
    tcop_ms now);
/* v went out at now. */
void brief_share_sent(struct brief_share *s, const struct brief_view *v,
    tcop_ms now);

/*
 * A follower's deck at pos: should it seek to the briefer's replay_t?
 * Paused: whenever the positions differ; playing: when they are more than
 * a second of play (at least 2 s) apart.
 */
bool brief_should_seek(const struct brief_view *v, tcop_ms pos);

#endif
