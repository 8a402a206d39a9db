/*
 * shpload.h: one shapefile (polylines or polygons) loaded into flat arrays
 * the rasteriser walks without pointer chasing: vertices as float lon/lat
 * (plus the Web Mercator ordinate, computed once on first use so that
 * re-projecting is linear), and parts (rings or lines) with their bounding boxes for
 * culling.
 *
 * Loading goes through libshp's SHPOpenLL/DBFOpenLL with SAHooks whose
 * error function records the message for tcop's own error path: nothing is
 * ever printed by the library. A malformed shape (bad part table, non-finite
 * or out-of-range coordinates) is skipped and counted; a file that cannot be
 * opened or is not of a supported type is an error.
 */
#ifndef TCOP_SHPLOAD_H
#define TCOP_SHPLOAD_H

#include <stddef.h>
#include <stdint.h>

#include "tcop/tcop.h"

enum geo_kind { GEO_LINES, GEO_POLYGONS };

struct geo_part {
	uint32_t first, n;  /* vertex range [first, first + n) */
	uint32_t shape;     /* record number in the file */
	float lon0, lon1;   /* bounding box, degrees */
	float lat0, lat1;
};

struct geo_layer {
	enum geo_kind kind;
	uint32_t nvert, npart, nshape;
	float *lon, *lat;    /* nvert each, degrees */
	float *mlat;         /* nvert, Web Mercator ordinate in degrees, or
	                        NULL until geo_layer_mercator() */
	struct geo_part *parts; /* npart */
	char *names;         /* the NAME attribute per shape, '\0'-separated; may be NULL */
	uint32_t *name_at;   /* nshape offsets into names, or NULL */
	uint32_t nbad;       /* shapes skipped as malformed */
};

/*
 * Load base.shp/.shx (and base.dbf if present, for the NAME attribute).
 * On failure returns TCOP_ESYS (cannot open: errno or libshp's reason in
 * why), TCOP_EFORMAT (not a line or polygon file, or attributes that do
 * not match the shapes) or TCOP_ENOMEM, with a reason in why, and leaves
 * *l empty. geo_layer_fini() frees what a successful load allocated.
 */
tcop_err geo_layer_load(struct geo_layer *l, const char *base, char *why,
    size_t whylen);
void geo_layer_fini(struct geo_layer *l);
/*
 * The land borders of a polygon layer (admin-0 countries): the edges two
 * polygons share, exactly (Natural Earth's countries share their border
 * vertices), each once, joined into lines. Coasts are edges of one polygon
 * only, so they are left out. *out is a GEO_LINES layer the caller finis.
 * TCOP_EINVAL if poly is not polygons; TCOP_ENOMEM.
 */
tcop_err geo_layer_shared_edges(const struct geo_layer *poly,
    struct geo_layer *out);
/* Compute mlat if not yet done; TCOP_ENOMEM on failure. */
tcop_err geo_layer_mercator(struct geo_layer *l);
/* The NAME of shape i, or "" when there is none. */
const char *geo_layer_name(const struct geo_layer *l, uint32_t shape);

#endif
