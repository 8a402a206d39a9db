/*
 * raster.h: the dot-level drawing primitives of the map engine. A view of
 * w x h cells is a grid of dw = 2w by dh = 4h dots (braille's 2x4 per
 * cell); a "mask" is one byte per cell whose bits are its dots in braille
 * order (so a mask byte + U+2800 is the braille glyph). Lines are clipped
 * (Liang-Barsky) and drawn with Bresenham; polygons are filled with the
 * edge-flag algorithm (even-odd), which needs no sorting and no per-row
 * lists: each edge toggles one flag per dot row it crosses, and a scan of
 * each row turns the flags into coverage.
 *
 * Simplification to the raster: a vertex within one dot of the last kept
 * vertex is skipped (the last vertex of a part is always kept), and a run
 * of vertices beyond one edge of the grid collapses to one segment (exact,
 * see raster.c), so past projection a part costs what its on-screen size
 * is, not its vertex count.
 */
#ifndef TCOP_RASTER_H
#define TCOP_RASTER_H

#include <stdint.h>

#include "geo/proj.h"

struct raster {
	int w, h;    /* cells */
	int dw, dh;  /* dots */
	float sx;    /* dots per degree of longitude */
	float sy;    /* dots per projected unit of latitude */
	float ox;    /* dot x of longitude 0 (before a copy's offset) */
	float oy;    /* dot y of projected ordinate 0 */
};

/* The bit of dot (x % 2, y % 4) inside its cell's mask. */
extern const uint8_t raster_bit[4][2];
/* Every other dot of a cell, in a checkerboard: shaded land. */
#define RASTER_CHECKER 0x95u

void raster_init(struct raster *r, const struct viewport *vp);
/* Set dot (x, y) in mask (cells); ignored outside. */
void raster_dot(const struct raster *r, uint8_t *mask, int x, int y);
/* A segment in dot coordinates, clipped to the grid. */
void raster_line(const struct raster *r, uint8_t *mask, float x0, float y0,
    float x1, float y1);
/*
 * A polyline of n vertices (lon[], ordinate y[]) shifted by lon_off
 * degrees, into mask. Returns the number of vertices kept.
 */
uint32_t raster_polyline(const struct raster *r, uint8_t *mask,
    const float *lon, const float *y, uint32_t n, float lon_off);
/*
 * The edges of a closed ring into flags (one byte per dot, dw x dh),
 * toggling the first dot right of each crossing of a dot row's centre.
 * Returns the number of vertices kept.
 */
uint32_t raster_ring(const struct raster *r, uint8_t *flags, const float *lon,
    const float *y, uint32_t n, float lon_off);
/*
 * Turn flags into coverage in place (1 = inside) and OR the covered dots
 * into mask (cells).
 */
void raster_fill(const struct raster *r, uint8_t *flags, uint8_t *mask);

#endif
