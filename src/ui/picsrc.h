/*
 * picsrc.h: the picture (pic/pic.h) as map items for the layers
 * (ui/layers.h): what lies in the viewport, the selection wherever it is,
 * areas, incident members flagged, trails from the track history, assets
 * coloured by their worst open alert, the selected satellite's ground
 * track and footprint. No curses; the buffers are allocated once by
 * picsrc_create and a fill allocates nothing.
 */
#ifndef TCOP_PICSRC_H
#define TCOP_PICSRC_H

#include "pic/pic.h"
#include "ui/layers.h"

#define PICSRC_TRAIL 16   /* past positions per track drawn */
#define PICSRC_GTRACK 128 /* ground track points */

struct picsrc {
	struct layer_item *items;
	size_t cap, n;
	float (*trails)[2];     /* cap * PICSRC_TRAIL */
	float gtrack[PICSRC_GTRACK][2];
	struct { char id[TCOP_ID_MAX]; int sev; } *sev; /* worst alert per key */
	size_t nsev, sev_cap;
};

/* Room for cap items on screen; NULL on ENOMEM. */
struct picsrc *picsrc_create(size_t cap);
void picsrc_destroy(struct picsrc *ps);

/*
 * Fill ps->items from p for the viewport vp; o says which trails to keep
 * and which id is selected, and receives the ground track and footprint
 * of a selected satellite. inc (may be NULL): its members are flagged.
 * Returns ps->n.
 */
size_t picsrc_fill(struct picsrc *ps, const pic *p, const struct viewport *vp,
    struct layer_opts *o, const struct pic_incident *inc);

#endif
