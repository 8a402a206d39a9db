/*
 * deck.h: the replay deck behind `tcop view --replay CAPTURE...`: one or
 * more captures merged in RX_TIME order (ties: the earlier --replay
 * first), fed to a picture of its own at a chosen speed, paused, stepped,
 * seeked, looped. No curses and no wall clock: the caller says how much
 * wall time went by (deck_tick), so tests drive it exactly.
 *
 *   position ──────────────────────────────────────────────► RX_TIME
 *   t0 ... [every line with rx <= pos applied, in capture order] ... t1
 *
 * The picture at position T is the picture of the lines with RX_TIME <= T
 * applied in capture order, then pic_advance(T): at any speed, and after
 * any seek, the correlation core sees the same events in the same order.
 * For captures whose events' t is their RX_TIME (tcop record of a live
 * feed, tcop demo --record) it equals `tcop snapshot --replay --at T`.
 *
 * Checkpoints: as lines are played (or passed by a seek), every N-th
 * line (DECK_CKPT_EVERY, doubled until DECK_CKPT_MAX checkpoints span the
 * captures) the deck keeps a copy of the picture (pic_clone) and where
 * each capture's next line starts. A seek to T starts from the latest
 * checkpoint at or before T: backward, or forward when that checkpoint
 * is ahead of the live picture; it copies the
 * checkpoint, moves the readers to its lines (capture_seek) and applies
 * the lines from there up to T. A forward seek with no checkpoint ahead
 * applies the lines to the live picture; a backward seek with none
 * before T replays from the start. Memory is bounded: at most
 * DECK_CKPT_MAX checkpoints and DECK_CKPT_BYTES of pictures (pic_bytes);
 * over either, every other checkpoint is dropped and the spacing doubles,
 * so they stay evenly spread over what was played. The index
 * (feed/capidx.h) gives the span, the time bar's line position and the
 * incident-relevant times; the times incidents were raised are learned
 * as they are played, for n/N.
 *
 * Memory: deck_open allocates the index and the picture; playing
 * allocates what the picture does and the checkpoints. Known limits: a
 * seek into a part not played yet replays the lines up to it (1.3-1.6
 * us a line: 0.6-0.8 s to the middle of a million), so the first seek
 * to the middle of a fresh deck is as slow as playing to it; a seek into
 * a played part costs a copy of a checkpoint (about 1 ms) plus at most
 * the spacing's lines (32,768 for a million: about 45 ms). A .gz capture
 * seeks by decompressing from its start (no JSON decoding). Restoring a
 * checkpoint delivers only the last DECK_HISTORY lines before it to
 * on_event again (decoded, not applied). docs/performance.md has the
 * figures.
 */
#ifndef TCOP_DECK_H
#define TCOP_DECK_H

#include <stdbool.h>
#include <stdint.h>

#include "feed/capidx.h"
#include "pic/pic.h"

typedef struct deck deck;

struct deck_hooks {
	/* Each event applied (for the viewer's event list); may be NULL. */
	void (*on_event)(void *arg, const tcop_event *ev);
	/* The picture was rebuilt from the start or from a checkpoint: the
	 * old one is gone and deck_pic() returns the new one. From a
	 * checkpoint, the new picture already holds the lines before it;
	 * the last DECK_HISTORY of them (those read since the deck last
	 * started over) go to on_event again right after on_reset, so that
	 * a list of recent events is whole; may be NULL. */
	void (*on_reset)(void *arg);
	/* false: the event is withheld (not applied); NULL: all kept. */
	bool (*keep)(void *arg, const tcop_event *ev);
	void *arg;
};

struct deck_status {
	tcop_ms t0, t1;        /* the span of RX_TIME */
	tcop_ms pos;           /* every line with rx <= pos is applied */
	double speed;          /* x real time; 0: as fast as possible */
	bool playing, loop, at_end;
	uint64_t applied;      /* lines applied since the start */
	uint64_t lines;        /* lines in the captures */
	uint64_t bad;          /* malformed lines skipped */
	int incidents;         /* incident times learned so far */
	size_t ckpts;          /* checkpoints held ... */
	size_t ckpt_bytes;     /* ... their pictures' bytes (pic_bytes) */
	uint64_t ckpt_every;   /* lines between two (doubles when thinned) */
	uint64_t ckpt_taken;   /* taken since deck_open */
	uint64_t ckpt_used;    /* seeks that started from one */
};

/* Checkpoint defaults: every DECK_CKPT_EVERY lines, doubled until
 * DECK_CKPT_MAX of them span the captures (a 1M-line capture: every
 * 32,768), and at most DECK_CKPT_BYTES of pictures. */
#define DECK_CKPT_EVERY 8192
#define DECK_CKPT_MAX 32
#define DECK_CKPT_BYTES ((size_t)256 << 20)
/* Lines before a restored checkpoint delivered to on_event again. */
#define DECK_HISTORY 4096

/* The speeds [ and ] step through; 0 is "max". */
#define DECK_SPEEDS 0.25, 0.5, 1, 2, 5, 10, 30, 60, 100, 300, 1000, 0

/*
 * Index the n captures (paths borrowed, must outlive the deck) and create
 * the picture from cfg (borrowed too). The deck starts before the first
 * line, paused, at 1x. TCOP_ESYS (a capture can't be read), TCOP_ENOMEM,
 * TCOP_EINVAL, or the picture's error; why (if not NULL) says which.
 */
tcop_err deck_open(deck **out, const char *const *paths, int n,
    const struct pic_cfg *cfg, const struct deck_hooks *hooks, char *why,
    size_t whysz);
void deck_close(deck *d);
/*
 * Set the checkpoint policy (0: the default of each) and drop the
 * checkpoints held: a copy every `every` lines, at most max copies and
 * bytes of pictures. deck_open sets the defaults. TCOP_ENOMEM.
 */
tcop_err deck_checkpoints(deck *d, uint64_t every, size_t max,
    size_t bytes);

/* The picture (owned by the deck; replaced by a seek that starts from
 * the start or a checkpoint). */
pic *deck_pic(deck *d);
const struct capidx *deck_index(const deck *d);
void deck_status(const deck *d, struct deck_status *st);

void deck_play(deck *d, bool on);
void deck_loop(deck *d, bool on);
/* One step down (dir < 0) or up the speed ladder; returns the speed. */
double deck_speed_step(deck *d, int dir);
/* Set the speed: x real time, 0 as fast as possible. */
void deck_set_speed(deck *d, double x);

/*
 * Move to t (clamped to the span; TCOP_MS_NONE: the start): the picture
 * becomes that of every line with rx <= t, then pic_advance(t). TCOP_OK,
 * or a read error (TCOP_ESYS, TCOP_ENOMEM) leaving the deck at the start.
 */
tcop_err deck_seek(deck *d, tcop_ms t);
/* Apply the next line alone (the position becomes its RX_TIME); false at
 * the end. */
bool deck_step(deck *d);
/*
 * The next (dir > 0) or previous incident: forward, play until a new
 * incident is raised (or the end); backward, seek to the latest learned
 * incident time before the position. false if there is none.
 */
bool deck_incident(deck *d, int dir);
/*
 * Wall time went by (ms): when playing, move the position by wall_ms
 * times the speed (at max speed: at most max_events lines) and apply what
 * it passes; at the end, start again if looping, else pause. Returns the
 * lines applied.
 */
uint64_t deck_tick(deck *d, tcop_ms wall_ms, uint64_t max_events);

/* "[####----] 12:34:56 0:10:00/0:45:00 10x play" into buf (w columns). */
void deck_bar(const deck *d, char *buf, size_t size, int w);

#endif
