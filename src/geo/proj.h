/*
 * proj.h: map projections and the viewport, the one place that turns
 * latitude/longitude into canvas cells and back.
 *
 * A viewport maps a projected plane linearly onto w x h cells:
 *   x_cell = (lon - lon_left) / lon_per_cell
 *   y_cell = (y_top - Y(lat)) / y_per_cell
 * where Y is the identity (equirectangular) or the Web Mercator ordinate
 * expressed in degrees (Y = deg(ln(tan(pi/4 + lat/2)))). Column c covers
 * [c, c+1) in x_cell, so the cell of a point is (floor(x), floor(y)).
 *
 * Built from a centre and a span (longitude degrees across the width), the
 * vertical scale keeps ground distances square at the centre for terminal
 * cells twice as tall as wide (PROJ_CELL_ASPECT): equirectangular uses the
 * centre latitude as its standard parallel. Built from a bounding box, the
 * box fills exactly the w x h cells: longitude linear across, latitude (or
 * its Mercator ordinate) linear down.
 *
 * The antimeridian: lon_left may be below -180 or the right edge above 180;
 * proj_ll_to_cell() picks the copy of a longitude (lon + k*360) nearest to
 * the view's centre, so a view centred on 180 shows both sides.
 */
#ifndef TCOP_PROJ_H
#define TCOP_PROJ_H

#include "tcop/tcop.h"

enum proj_kind { PROJ_EQUIRECT, PROJ_MERCATOR };

#define PROJ_CELL_ASPECT 2.0      /* cell height / cell width on screen */
#define PROJ_MERC_MAX_LAT 85.0511287798 /* Web Mercator's latitude limit */

struct viewport {
	enum proj_kind proj;
	int w, h;            /* size in cells */
	double lon_left;     /* longitude at the left edge of column 0 */
	double lon_per_cell; /* > 0 */
	double y_top;        /* projected ordinate at the top edge of row 0 */
	double y_per_cell;   /* > 0, projected units per row */
	double center_lat, center_lon; /* the centre, lon in [-180, 180] */
	double span;         /* longitude degrees across the width */
};

/* Projected ordinate of a latitude (degrees), and its inverse. */
double proj_y(enum proj_kind p, double lat);
double proj_lat(enum proj_kind p, double y);

/*
 * A view of w x h cells centred on (lat, lon), span longitude degrees
 * wide. TCOP_ERANGE if lat is outside [-90, 90] (Mercator: clamped to its
 * limit), lon is not finite, span is outside (0, 360] or w, h < 1.
 */
tcop_err viewport_center(struct viewport *vp, enum proj_kind p, int w, int h,
    double lat, double lon, double span);
/*
 * A view whose box west..east, south..north fills the w x h cells exactly.
 * east <= west means the box crosses the antimeridian (east += 360).
 * TCOP_ERANGE if south >= north, the latitudes are outside [-90, 90], the
 * longitudes outside [-180, 360] or the box wider than 360 degrees.
 */
tcop_err viewport_bbox(struct viewport *vp, enum proj_kind p, int w, int h,
    double west, double south, double east, double north);
/* Move the view by dx, dy cells (right and down are positive). */
void viewport_pan(struct viewport *vp, double dx, double dy);
/*
 * Zoom about the centre: the span is divided by factor (2 zooms in) and
 * kept within [0.01, 360]. The vertical scale follows viewport_center().
 */
void viewport_zoom(struct viewport *vp, double factor);

/* The fractional cell of a point (floor() it for the cell index). */
void proj_ll_to_cell(const struct viewport *vp, double lat, double lon,
    double *x, double *y);
/* The point at fractional cell (x, y); lon in [-180, 180). */
void proj_cell_to_ll(const struct viewport *vp, double x, double y,
    double *lat, double *lon);
/* Nautical miles per cell across, at the view's centre latitude. */
double viewport_nm_per_cell(const struct viewport *vp);
/* The latitudes of the bottom and top edges of the view. */
void viewport_lat_range(const struct viewport *vp, double *south,
    double *north);

#endif
