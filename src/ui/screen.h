/*
 * screen.h: the operator's screen composed in a canvas (no curses here):
 * classification banner on the top and bottom rows, the map on the left,
 * a side panel with a sortable, filterable list and a detail pane on the
 * right, two status rows above the bottom banner, and the help overlay
 * generated from the live key map.
 *
 *   row 0        banner: the highest marking of what is displayed
 *   rows 1..H-4  map | side panel (list; detail below it when open)
 *   row H-3      briefing state (following, sharing, a prompt), cursor
 *                lat/lon, span, region, picture time, frame rate, link
 *                rate used (and its cap), the last message
 *   row H-2      per feed: connected, msgs/s, lost, rejected
 *   row H-1      banner again
 *
 * The view state (struct view) is the viewer's: centre, zoom, selection,
 * sort, filter, panes. The models (the picture, pic/pic.h, and the store of
 * raw events, ui/evstore.h) are only read. Lists: incidents (ranked),
 * tracks, satellites, conjunctions, alerts, events, bookmarks (the
 * marks and bookmarks of ui/brief.h, in time order), and the passes over
 * the site (the last track, asset, area or zone selected). Drawing
 * allocates nothing: the list rows are allocated at creation.
 */
#ifndef TCOP_SCREEN_H
#define TCOP_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "geo/proj.h"
#include "geo/regions.h"
#include "ui/brief.h"
#include "ui/canvas.h"
#include "ui/evstore.h"
#include "ui/keys.h"
#include "pic/pic.h"
#include "ui/layers.h"

/* ---- classification banner ---- */

struct banner {
	tcop_cls max;         /* highest marking seen */
	int nrel;             /* -1: no REL TO possible (yet) */
	bool started;         /* a marked item has set rel */
	char rel[TCOP_REL_MAX][5];
};

void banner_init(struct banner *b);
/* Account for one displayed item's marking and releasability. */
void banner_add(struct banner *b, tcop_cls cls, int nrel,
    const char rel[][5]);
/*
 * The banner text: "UNCLASSIFIED" when nothing is marked above U, else
 * the marking ("SECRET"), with "//REL TO USA, AUS, JPN, FVEY" when every
 * marked item is releasable to a common set: USA first, then trigraphs,
 * then tetragraphs, each alphabetically. Returns the colour role.
 */
enum canvas_role banner_format(const struct banner *b, char *buf,
    size_t size);

/* ---- the view ---- */

enum { PANE_MAP, PANE_LIST, PANE_COUNT };
/* The side panel's lists, in the order L cycles through them. */
enum { LIST_INCIDENTS, LIST_TRACKS, LIST_SATS, LIST_CONJ, LIST_ALERTS,
	LIST_EVENTS, LIST_BOOKMARKS, LIST_PASSES, LIST_COUNT };

#define LIST_COLS 7
#define LIST_MAX 20000 /* rows kept per list; more are not listed */

/* One row of a list: its columns as text, with numeric sort keys. */
struct list_row {
	uint64_t order;          /* natural order (rank, newest first) */
	uint64_t ev_n;           /* events: arrival number, else 0 */
	char id[TCOP_ID_MAX];    /* entity, incident or event id */
	char col[LIST_COLS][40];
	double num[LIST_COLS];   /* numeric key, NaN: sort by text */
	tcop_cls cls;
	int nrel;
	char rel[TCOP_REL_MAX][5];
};

struct screen_feed {
	const char *url;
	bool connected;
	double rate;
	uint64_t lost, rejected, received;
};

struct view {
	struct viewport vp;
	char region[REGION_NAME_MAX];
	unsigned map_layers;      /* MAP_* */
	struct layer_opts lo;     /* lo.selected points at sel_id */
	int pane, list;
	int sort_col;             /* 0: natural order, 1..: that column */
	bool sort_rev;            /* reverse of the column's natural order */
	char filter[64];
	bool searching;           /* typing the filter */
	int sel, top;             /* selected row and first row shown */
	char sel_id[TCOP_ID_MAX]; /* the selection's entity id ("" none) */
	uint64_t sel_n;           /* the selected event's arrival number */
	bool framed;              /* false: frame the selected incident */
	int sats_all;             /* -1: all if the catalogue is small; 0, 1 */
	bool detail, help, follow;
	int help_page;            /* the help overlay's page (0 first); the
	                           * screen keeps it within the page count */
	bool cursor_set;          /* a click put the cursor on the map */
	double cur_lat, cur_lon;
	char msg[160];            /* the last message for the operator */
	double fps;               /* frames/s actually drawn */
	long rate;                /* bytes/s actually written */
	long max_rate;            /* the cap, 0 none */
	int nfeeds;
	const struct screen_feed *feeds;
	tcop_cls max_cls;         /* --max-cls, TCOP_CLS_NONE: none */
	uint64_t withheld;        /* events marked above max_cls, not shown */
	int annotate;             /* --annotate: -1 none, 0 down, 1 up */
	char deckbar[200];        /* the replay deck's time bar ("" none) */
	const struct brief_book *book; /* marks and bookmarks (NULL none) */
	char brief[64];           /* briefing state or prompt, first on the
	                           * status row ("following alice"; "" none) */
	struct banner shown;      /* set by screen_draw: the marking of what
	                           * the last frame displayed (its banner) */
};

struct screen;

/* A screen whose lists hold at most LIST_MAX rows. */
struct screen *screen_create(void);
void screen_destroy(struct screen *s);

/* The map's size within a page of w x h. */
void screen_map_size(int w, int h, int *mw, int *mh);

/*
 * Rebuild the list (after new events, a sort or a filter change) from the
 * picture p (may be NULL: its lists are then empty) and the store.
 */
void screen_list_update(struct screen *s, struct view *v,
    const struct evstore *st, const pic *p);
/* Rows in the list now. */
int screen_list_len(const struct screen *s);
/* The list has values still to compute (next passes): update it again. */
bool screen_list_pending(const struct screen *s);
/* Move the selection by d rows (clamped); updates sel_id / sel_n. */
void screen_select(struct screen *s, struct view *v, int d);
/* Select the row with this id (a click on the map); false if none. */
bool screen_select_id(struct screen *s, struct view *v, const char *id);
/* The list's name and its columns' names (n of them). */
const char *screen_list_name(int list);
int screen_columns(int list, const char *const **names);

/*
 * Compose the page (w x h) from the map canvas (already holding the base
 * map and layers, screen_map_size()), the store and the view. prio (w*h)
 * gets each cell's drawing priority: 0 banner, status and selection; 1
 * map symbols; 2 panel; 3 base map.
 */
void screen_draw(struct screen *s, struct canvas *page, uint8_t *prio,
    const struct canvas *map, const uint8_t *map_cells, struct view *v,
    const struct evstore *st, const pic *p, const struct layer_item *items,
    size_t nitems, const struct keymap *km, const struct regions *rs);

#endif
