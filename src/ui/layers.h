/*
 * layers.h: the picture's entities drawn over the base map: ships as
 * arrows pointing their course (8 directions), detections, satellites,
 * cyber alerts at their asset, GNSS-interference circles as an outline
 * with a hatch, trails, the selection highlighted, names when zoomed in.
 * No curses: it draws into the map canvas, for `tcop view` and `tcop
 * snapshot` alike.
 *
 * Declutter: entities are counted per cell first; a cell holding one shows
 * its glyph, a denser one shows the count (2..9, then +). Labels go to
 * the right of their glyph only where every cell they need is free of
 * symbols and other labels, the selection's label first; so labels never
 * overlap and never hide a symbol.
 *
 * No allocation: the caller passes a scratch buffer of w*h bytes.
 */
#ifndef TCOP_LAYERS_H
#define TCOP_LAYERS_H

#include <stdbool.h>
#include <stdint.h>

#include "geo/proj.h"
#include "ui/canvas.h"
#include "ui/evstore.h"

struct layer_opts {
	bool ascii;
	bool maritime, space, cyber, other; /* which domains to draw */
	bool trails_all;                    /* trails for every entity */
	bool labels;                        /* names (when zoomed in) */
	double label_nm_per_cell;           /* labels when a cell is at most this; 0: 5 NM */
	const char *selected;               /* entity id, or NULL */
};

/* Per cell of the map after layers_draw: what was drawn there. */
enum layer_cell {
	LC_EMPTY = 0, LC_AREA, LC_TRAIL, LC_LABEL, LC_SYMBOL, LC_SELECTED
};

/*
 * Draw s's entities onto c (the map, vp->w x vp->h) with o. scratch holds
 * w*h bytes: on return, the enum layer_cell of each cell. Returns how many
 * entities were on screen.
 */
int layers_draw(struct canvas *c, const struct viewport *vp,
    const struct evstore *s, const struct layer_opts *o, uint8_t *scratch);

/* The entity whose symbol is at cell (x, y) of the map, or NULL. */
const struct ev_ent *layers_pick(const struct viewport *vp,
    const struct evstore *s, const struct layer_opts *o, int x, int y);

/* The glyph of a ship on course deg (NaN: no course), braille or ASCII. */
uint32_t layers_ship_glyph(double course, bool ascii);

#endif
