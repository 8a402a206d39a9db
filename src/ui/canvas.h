/*
 * canvas.h: a grid of character cells in plain memory: one glyph (a Unicode
 * code point) and one colour role per cell. The map engine and, later, the
 * layers of the picture draw into a canvas; the tty module turns it into
 * ncurses calls and `tcop snapshot` dumps it as text, ANSI or HTML. Nothing
 * here knows about terminals.
 *
 * Colours are roles, never pair numbers: CANVAS_ROLES below is the one table
 * of roles with their ANSI SGR parameters, HTML colours and a monochrome
 * attribute, from which every output derives its palette.
 *
 * Ownership: canvas_create() allocates the cell array once; every other
 * function works in place and allocates nothing, so drawing a frame costs
 * no allocation. Writes outside the grid are ignored (clipped), never UB.
 */
#ifndef TCOP_CANVAS_H
#define TCOP_CANVAS_H

#include <stdint.h>
#include <stdio.h>

#include "tcop/tcop.h"

/*
 * X-macro: NAME, ANSI SGR parameters, HTML foreground, HTML background (""
 * for the page's), monochrome attribute ("", "bold", "reverse", "dim").
 * Affiliation colours follow MIL-STD-2525 (friend blue, hostile red,
 * neutral green, unknown yellow); banner colours follow the usual marking
 * colours (U green, CUI purple, C blue, S red, TS orange).
 */
#define CANVAS_ROLES(X)                                                       \
	X(NONE, "0", "#c8c8c8", "", "")                                       \
	X(LAND, "32", "#6b8e4e", "", "dim")                                   \
	X(COAST, "96", "#8fd8e8", "", "bold")                                 \
	X(BORDER, "35", "#b68bd6", "", "")                                    \
	X(GRATICULE, "34", "#4a6fa5", "", "dim")                              \
	X(LABEL, "37", "#a8a8a8", "", "")                                     \
	X(SCALE, "97", "#ffffff", "", "bold")                                 \
	X(STATUS, "30;47", "#101010", "#c0c0c0", "reverse")                   \
	X(BANNER_U, "97;42", "#ffffff", "#007a33", "reverse")                 \
	X(BANNER_CUI, "97;45", "#ffffff", "#502b85", "reverse")               \
	X(BANNER_C, "97;44", "#ffffff", "#0033a0", "reverse")                 \
	X(BANNER_S, "97;41", "#ffffff", "#c8102e", "reverse")                 \
	X(BANNER_TS, "30;43", "#000000", "#ff8c00", "reverse")                \
	X(FRIEND, "94", "#80c8ff", "", "bold")                                \
	X(HOSTILE, "91", "#ff6060", "", "bold")                               \
	X(NEUTRAL, "92", "#80ff80", "", "bold")                               \
	X(UNKNOWN, "93", "#ffff60", "", "bold")                               \
	X(SPACE, "95", "#ff80ff", "", "bold")                                 \
	X(CYBER_ALERT, "91;1", "#ff3030", "", "bold")                         \
	X(INTERFERENCE, "33", "#ffa040", "", "")                              \
	X(TRAIL, "37", "#909090", "", "dim")                                  \
	X(HEADING, "1;4", "#ffffff", "", "bold")                              \
	X(SELECT, "7", "#000000", "#ffff60", "reverse")

enum canvas_role {
#define CANVAS_ROLE_ENUM(name, sgr, fg, bg, mono) ROLE_##name,
	CANVAS_ROLES(CANVAS_ROLE_ENUM)
#undef CANVAS_ROLE_ENUM
	ROLE_COUNT
};

struct canvas_cell {
	uint32_t ch;  /* Unicode code point; ' ' for blank */
	uint8_t role; /* enum canvas_role */
};

struct canvas {
	int w, h;                 /* size in cells, fixed at creation */
	struct canvas_cell *cells; /* w*h, row-major, owned */
};

/* Largest canvas accepted (cells per side). */
#define CANVAS_MAX_W 2000
#define CANVAS_MAX_H 1000

/* A blank w x h canvas; NULL if the size is out of 1..CANVAS_MAX_* or on ENOMEM. */
struct canvas *canvas_create(int w, int h);
void canvas_destroy(struct canvas *c);
/* Every cell to ' ' / ROLE_NONE. */
void canvas_clear(struct canvas *c);
/* One cell; ignored outside the grid. */
void canvas_put(struct canvas *c, int x, int y, uint32_t ch,
    enum canvas_role role);
/* The cell at (x, y), or NULL outside the grid. */
const struct canvas_cell *canvas_at(const struct canvas *c, int x, int y);
/*
 * An ASCII string from (x, y) rightwards, clipped; bytes outside printable
 * ASCII are drawn as '?'. Returns the number of cells the string spans.
 */
int canvas_text(struct canvas *c, int x, int y, const char *s,
    enum canvas_role role);
/* Copy src into dst with src's top-left at (x, y), clipped. */
void canvas_blit(struct canvas *dst, int x, int y, const struct canvas *src);

/*
 * Dumps: text is the glyphs only (UTF-8, one line per row, exactly w cells
 * each, '\n' after every row); ansi adds SGR colour per role and resets at
 * the end of each row; html is a self-contained page (inline CSS, one <pre>)
 * titled title. Return TCOP_ESYS if writing failed (errno set).
 */
tcop_err canvas_dump_text(const struct canvas *c, FILE *f);
tcop_err canvas_dump_ansi(const struct canvas *c, FILE *f);
tcop_err canvas_dump_html(const struct canvas *c, FILE *f, const char *title);

/*
 * The pieces of the HTML dump, for pages that add their own sections
 * (ui/slide.h): the head (the role palette, then css if not NULL) up to
 * and including <body>; one canvas as a <pre>; a string HTML-escaped; the
 * end of the page (TCOP_ESYS if writing failed).
 */
void canvas_html_head(FILE *f, const char *title, const char *css);
void canvas_html_pre(const struct canvas *c, FILE *f);
void canvas_html_text(const char *s, FILE *f);
tcop_err canvas_html_done(FILE *f);

/* The role's name ("COAST"), SGR parameters, and monochrome attribute. */
const char *canvas_role_name(enum canvas_role r);
const char *canvas_role_sgr(enum canvas_role r);
const char *canvas_role_mono(enum canvas_role r);

/* Encode code point cp as UTF-8 into buf (>= 4 bytes); returns the length. */
int canvas_utf8(uint32_t cp, char *buf);

#endif
