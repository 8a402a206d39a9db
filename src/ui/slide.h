/*
 * slide.h: the picture as a slide, shared by `tcop snapshot` and the
 * viewer's export key (e): a page canvas (classification banner, the map as
 * drawn, a status line, the banner again), its HTML form with a legend of
 * the symbols and the ranked incident list, and the export of a view to a
 * pair of files (.html and .txt) that never overwrite anything.
 *
 *   row 0        banner: the highest marking of what the map shows
 *   rows 1..H    the map canvas (base map and layers), as on screen
 *   row H+1      status line (the caller's text)
 *   row H+2      banner again
 *
 * No curses and no clock here: the export's file name carries the time the
 * caller passes (the picture's). Writing allocates nothing but the stdio
 * buffers of the files it opens.
 */
#ifndef TCOP_SLIDE_H
#define TCOP_SLIDE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "geo/proj.h"
#include "pic/pic.h"
#include "ui/canvas.h"
#include "ui/layers.h"
#include "ui/screen.h"

/* Rows a page adds around its map: two banners and the status line. */
#define SLIDE_FRAME_ROWS 3

/*
 * Account in b (banner_init'ed) for every item drawn on the map vp: those
 * whose position is in view, and every area (a circle may reach in).
 */
void slide_banner(struct banner *b, const struct viewport *vp,
    const struct layer_item *items, size_t n);

/* Account in b for every incident of p (the HTML slide lists them all). */
void slide_banner_incidents(struct banner *b, const pic *p);

/*
 * Compose page (map->w wide, map->h + SLIDE_FRAME_ROWS high) from the map,
 * the banner b and a status text (clipped).
 */
void slide_compose(struct canvas *page, const struct canvas *map,
    const struct banner *b, const char *status);

/*
 * The page as a self-contained HTML slide titled title: the page in a
 * <pre>, a legend of the map's symbols (braille or ascii glyphs), and,
 * when p is not NULL, the picture's incidents by rank (severity, rule,
 * state, marking, times, members, why). TCOP_ESYS if writing failed
 * (errno set).
 */
tcop_err slide_html(FILE *f, const struct canvas *page, const pic *p,
    bool ascii, const char *title);

/*
 * Export page into dir: DIR/tcop-YYYYmmddTHHMMSSZ.html (the slide) and the
 * same name with .txt (canvas_dump_text of the page), t being the
 * picture's time. Existing files are never overwritten: the first free
 * name of tcop-T.html, tcop-T-1.html, tcop-T-2.html ... (for both
 * extensions) is taken. On success path (size bytes) holds the .html's
 * path; on failure why says what failed ("export failed: NAME: REASON
 * (in DIR)", the name first for a narrow status line) and no half-written
 * file is left. TCOP_OK, TCOP_ESYS, TCOP_EINVAL (t is
 * TCOP_MS_NONE or the path does not fit).
 */
tcop_err slide_export(const char *dir, tcop_ms t, const struct canvas *page,
    const pic *p, bool ascii, const char *title, char *path, size_t size,
    char *why, size_t why_size);

#endif
