/*
 * layers.h: the picture's entities drawn over the base map: ships as
 * arrows pointing their course (8 directions), detections (dark contacts
 * hostile), satellites with the selected one's ground track (past dotted,
 * future as arrows) and footprint, assets coloured by their worst open
 * alert, GNSS-interference areas (circles and polygons) as an outline with
 * a hatch, trails, incident members and the selection highlighted, names
 * when zoomed in.
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

/* What an item on the map is: its symbol, colour and layer. */
enum layer_kind {
	LK_SHIP, LK_DETECTION, LK_DARK, LK_SAT, LK_ASSET, LK_ALERT, LK_AREA,
	LK_OTHER
};

/*
 * One thing to draw, filled by a source (layers_from_store here, or the
 * picture's source, ui/picsrc.h). Strings are copied: sources' own
 * buffers may not outlive the fill.
 */
struct layer_item {
	enum layer_kind kind;
	char id[TCOP_ID_MAX];
	char name[24];
	double lat, lon;
	double course;          /* deg, NaN: no course */
	double radius_m;        /* areas; NaN */
	int severity;           /* alerts and assets: worst open, 1 (high)..4; -1 */
	bool stale;             /* drawn dim (a stale track, a closed area) */
	bool hostile;           /* affiliation hostile (a dark contact) */
	bool highlight;         /* a member of the selected incident */
	int ntrail;             /* past positions, oldest first */
	const float (*trail)[2];  /* lat, lon (borrowed) */
	int narea;              /* polygon outline, [lon, lat] (borrowed) */
	const double (*area)[2];
	tcop_cls cls;
	int nrel;
	char rel[TCOP_REL_MAX][5];
	uint64_t order;         /* newer is larger: picks prefer it */
};

struct layer_opts {
	bool ascii;
	bool maritime, space, cyber, other; /* which domains to draw */
	bool trails_all;                    /* trails for every entity */
	bool sats_all;                      /* every satellite on screen; else
	                                     * only the selected one and
	                                     * incident members (a catalogue
	                                     * of thousands would fill the map) */
	bool labels;                        /* names (when zoomed in) */
	double label_nm_per_cell;           /* labels when a cell is at most this; 0: 5 NM */
	const char *selected;               /* entity id, or NULL */
	/* The selected satellite's ground track (lat, lon), past then future,
	 * and its footprint radius (km, 0: none). */
	const float (*gtrack)[2];
	int ngtrack, gtrack_now;
	double footprint_km;
};

/* Per cell of the map after layers_draw: what was drawn there. */
enum layer_cell {
	LC_EMPTY = 0, LC_AREA, LC_TRAIL, LC_LABEL, LC_SYMBOL, LC_SELECTED
};

/* True if o draws items of kind k. */
bool layers_wanted(enum layer_kind k, const struct layer_opts *o);

/*
 * Draw n items onto c (the map, vp->w x vp->h) with o. scratch holds
 * w*h bytes: on return, the enum layer_cell of each cell. Returns how many
 * items were on screen.
 */
int layers_draw(struct canvas *c, const struct viewport *vp,
    const struct layer_item *items, size_t n, const struct layer_opts *o,
    uint8_t *scratch);

/* The item whose symbol is at (or next to) cell (x, y), or NULL. */
const struct layer_item *layers_pick(const struct viewport *vp,
    const struct layer_item *items, size_t n, const struct layer_opts *o,
    int x, int y);

/* The positioned entities of an event store as items (at most max). */
size_t layers_from_store(const struct evstore *s, struct layer_item *items,
    size_t max);

/* The glyph of a ship on course deg (NaN: no course), braille or ASCII. */
uint32_t layers_ship_glyph(double course, bool ascii);

/* The symbol and colour of kind k as layers_draw draws it (a ship heading
 * north; an asset or alert of high severity), for legends. */
void layers_glyph(enum layer_kind k, bool ascii, uint32_t *ch,
    enum canvas_role *role);

#endif
