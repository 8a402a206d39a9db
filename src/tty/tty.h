/*
 * tty.h: the terminal, the only module that speaks curses (ncursesw). It
 * opens the terminal with newterm() on the given descriptors (so tests and
 * benchmarks can drive a pty), maps canvas colour roles to colour pairs
 * (or, on a monochrome terminal, to attributes that still tell land, coast
 * and symbols apart), copies canvas cells to the screen, flushes once a
 * frame with one doupdate(), translates keys and mouse clicks into the
 * key codes of ui/keys.h, and puts the terminal back on every exit path.
 *
 * Terminal discipline: SIGINT, SIGTERM and SIGHUP set a flag and wake the
 * caller's poll() through a self-pipe (tty_signal_fd); the caller then
 * closes the tty and exits. SIGWINCH does the same and tty_resize() takes
 * the new size. An atexit() hook closes a tty left open, so exit() from
 * anywhere also restores the terminal. Known limit: a crash (SIGSEGV,
 * abort) is left to the sanitizers and the shell (`reset`).
 *
 * Bytes written are measured, not estimated: the flush reads this
 * thread's write count (/proc/thread-self/io, wchar) before and after
 * doupdate(); the viewer's main thread writes nothing else.
 */
#ifndef TCOP_TTY_H
#define TCOP_TTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcop/tcop.h"
#include "ui/canvas.h"

struct tty_opts {
	int in_fd, out_fd;      /* the terminal (0, 1 usually) */
	bool ascii;             /* force ASCII glyphs */
	bool mono;              /* force no colour */
	bool mouse;             /* ask for mouse clicks */
	const short *colours;   /* ROLE_COUNT foregrounds (config.h) or NULL */
};

struct tty;

/*
 * Open the terminal. TCOP_ESYS if it is not a terminal or curses cannot
 * start on it (why says why). Only one tty may be open at a time.
 */
tcop_err tty_open(struct tty **out, const struct tty_opts *o, char *why,
    size_t whylen);
/* Restore the terminal and free; safe with NULL and more than once. */
void tty_close(struct tty *t);

/* Screen size in cells. */
void tty_size(const struct tty *t, int *w, int *h);
/* True when glyphs must be ASCII (forced, non-UTF-8 locale, or a terminal
 * that has no braille: vt*, linux, dumb). */
bool tty_ascii(const struct tty *t);
bool tty_colour(const struct tty *t);

/* Descriptors for poll(): keyboard input, and the self-pipe of signals. */
int tty_input_fd(const struct tty *t);
int tty_signal_fd(const struct tty *t);
/*
 * Drain the self-pipe; returns the quit signal (SIGINT, SIGTERM, SIGHUP)
 * if one came, else 0; *winch says a resize came.
 */
int tty_signals(struct tty *t, bool *winch);
/* Take the terminal's new size after SIGWINCH. */
void tty_resize(struct tty *t);

/*
 * The next key, or UK_NONE when there is no input now (never blocks).
 * UK_MOUSE: a click at (*mx, *my). UK_RESIZE: the size changed.
 */
int tty_key(struct tty *t, int *mx, int *my);

/*
 * Copy the cells of want that differ from shown to the screen, at most
 * budget of them (<0: no limit), in priority order: cells whose prio is 0
 * first, then 1, ... up to nlevels-1 (prio NULL: all one level). shown is
 * updated to what is now on the screen. Returns how many changed cells
 * remain unsent; *sent (if not NULL) gets how many were sent. want and
 * shown must have the screen's size.
 */
long tty_blit(struct tty *t, const struct canvas *want, struct canvas *shown,
    const uint8_t *prio, int nlevels, long budget, long *sent);
/* Make the next flush repaint everything (a resize, C-l). */
void tty_touch(struct tty *t);
/*
 * One doupdate(): send the frame. Returns the bytes written to the
 * terminal for it (0 if nothing changed; -1 if it cannot be measured).
 */
long tty_flush(struct tty *t);

#endif
