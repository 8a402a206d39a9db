/*
 * raster.c: clipped lines, polylines, even-odd ring fill into dot masks
 * (see raster.h). Everything works in float dot coordinates until a segment
 * is clipped to the grid, so far-away vertices never overflow an int.
 * Allocates nothing.
 */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "geo/raster.h"

const uint8_t raster_bit[4][2] = {
	{ 0x01, 0x08 },
	{ 0x02, 0x10 },
	{ 0x04, 0x20 },
	{ 0x40, 0x80 },
};

void
raster_init(struct raster *r, const struct viewport *vp)
{
	r->w = vp->w;
	r->h = vp->h;
	r->dw = vp->w * 2;
	r->dh = vp->h * 4;
	r->sx = (float)(2.0 / vp->lon_per_cell);
	r->sy = (float)(4.0 / vp->y_per_cell);
	r->ox = (float)(-vp->lon_left * (2.0 / vp->lon_per_cell));
	r->oy = (float)(vp->y_top * (4.0 / vp->y_per_cell));
}

void
raster_dot(const struct raster *r, uint8_t *mask, int x, int y)
{
	if (x < 0 || y < 0 || x >= r->dw || y >= r->dh)
		return;
	mask[(y >> 2) * r->w + (x >> 1)] |= raster_bit[y & 3][x & 1];
}

/* Liang-Barsky: clip p + t*d, t in [0, 1], to one boundary. */
static bool
clip1(float p, float q, float *t0, float *t1)
{
	float t;

	if (p == 0)
		return q >= 0;
	t = q / p;
	if (p < 0) {
		if (t > *t1)
			return false;
		if (t > *t0)
			*t0 = t;
	} else {
		if (t < *t0)
			return false;
		if (t < *t1)
			*t1 = t;
	}
	return true;
}

/* A clipped coordinate to a dot index in [0, max], safe for any float. */
static inline int
clampi(float v, int max)
{
	return !(v > 0) ? 0 : v >= (float)max ? max : (int)v;
}

static inline void
line(const struct raster *r, uint8_t *mask, float x0, float y0, float x1,
    float y1)
{
	float xmax = (float)r->dw - 0.001f, ymax = (float)r->dh - 0.001f;
	float dx = x1 - x0, dy = y1 - y0, t0 = 0, t1 = 1;
	int ax, ay, bx, by, sx, sy, ex, ey, err;

	if ((x0 < 0 && x1 < 0) || (y0 < 0 && y1 < 0) ||
	    (x0 > xmax && x1 > xmax) || (y0 > ymax && y1 > ymax))
		return;
	/* the common case, both ends on the grid, needs no clipping */
	if (!(x0 >= 0 && x1 >= 0 && y0 >= 0 && y1 >= 0 && x0 <= xmax &&
	    x1 <= xmax && y0 <= ymax && y1 <= ymax) &&
	    (!clip1(-dx, x0, &t0, &t1) || !clip1(dx, xmax - x0, &t0, &t1) ||
	    !clip1(-dy, y0, &t0, &t1) || !clip1(dy, ymax - y0, &t0, &t1)))
		return;
	/* float rounding can land a clipped end a hair outside: clamp */
	ax = clampi(x0 + t0 * dx, r->dw - 1);
	ay = clampi(y0 + t0 * dy, r->dh - 1);
	bx = clampi(x0 + t1 * dx, r->dw - 1);
	by = clampi(y0 + t1 * dy, r->dh - 1);
	ex = bx > ax ? bx - ax : ax - bx;
	ey = by > ay ? ay - by : by - ay; /* -|dy| */
	sx = ax < bx ? 1 : -1;
	sy = ay < by ? 1 : -1;
	err = ex + ey;
	for (;;) {
		/* clipped: (ax, ay) is on the grid */
		mask[(ay >> 2) * r->w + (ax >> 1)] |= raster_bit[ay & 3][ax & 1];
		if (ax == bx && ay == by)
			break;
		int e2 = 2 * err;
		if (e2 >= ey) {
			err += ey;
			ax += sx;
		}
		if (e2 <= ex) {
			err += ex;
			ay += sy;
		}
	}
}

void
raster_line(const struct raster *r, uint8_t *mask, float x0, float y0,
    float x1, float y1)
{
	line(r, mask, x0, y0, x1, y1);
}

static void
edge(const struct raster *r, uint8_t *flags, float x0, float y0, float x1,
    float y1)
{
	float fa, fb, k;

	if (y0 == y1)
		return;
	if (y0 > y1) {
		float t = x0; x0 = x1; x1 = t;
		t = y0; y0 = y1; y1 = t;
	}
	/* the dot rows whose centre (row + 0.5) lies in [y0, y1) */
	fa = ceilf(y0 - 0.5f);
	fb = ceilf(y1 - 0.5f);
	if (fa < 0)
		fa = 0;
	if (fb > (float)r->dh)
		fb = (float)r->dh;
	if (fa >= fb)
		return;
	k = (x1 - x0) / (y1 - y0);
	for (int row = (int)fa; row < (int)fb; row++) {
		float x = x0 + ((float)row + 0.5f - y0) * k;
		int c;

		if (x >= (float)r->dw)
			continue;
		c = x <= 0.5f ? 0 : (int)ceilf(x - 0.5f);
		if (c < r->dw)
			flags[row * r->dw + c] ^= 1;
	}
}

/*
 * Where a dot-space point lies outside the grid: left, right, above, below.
 * A run of vertices that all stay in one outside half-plane can be replaced
 * by the straight segment from its first to its last vertex, exactly: a
 * line there draws nothing either way, and for a ring the segment crosses
 * each dot row as often, modulo 2, as the run does (the two make a closed
 * loop), and all those crossings toggle the same flag (column 0, or none).
 */
static inline unsigned
outcode(const struct raster *r, float x, float y)
{
	return (unsigned)(x < 0) | (unsigned)(x >= (float)r->dw) << 1 |
	    (unsigned)(y < 0) << 2 | (unsigned)(y >= (float)r->dh) << 3;
}

typedef void (*seg_fn)(const struct raster *r, uint8_t *buf, float x0,
    float y0, float x1, float y1);

/*
 * Walk n vertices, calling seg for the segments that matter: runs outside
 * the grid collapse (see outcode), and a vertex within one dot of the last
 * one kept is skipped (the last vertex is always kept). Returns the number
 * of vertices kept; *lx, *ly is the last point drawn to.
 */
static inline uint32_t
walk(const struct raster *r, uint8_t *buf, const float *lon, const float *y,
    uint32_t n, float lon_off, seg_fn seg, float *lx, float *ly)
{
	float ox = r->ox + lon_off * r->sx;
	float px = lon[0] * r->sx + ox, py = r->oy - y[0] * r->sy;
	float qx = 0, qy = 0;
	unsigned run = outcode(r, px, py);
	bool pend = false;
	uint32_t kept = 1;

	for (uint32_t i = 1; i < n; i++) {
		float x = lon[i] * r->sx + ox, yy = r->oy - y[i] * r->sy;
		unsigned c;

		/* the common case first: still within a dot of the last kept */
		if (!pend && fabsf(x - px) < 1 && fabsf(yy - py) < 1 && i + 1 < n)
			continue;
		c = outcode(r, x, yy);
		if (run & c) {
			run &= c;
			qx = x;
			qy = yy;
			pend = true;
			continue;
		}
		if (pend) {
			seg(r, buf, px, py, qx, qy);
			px = qx;
			py = qy;
			pend = false;
			kept++;
			if ((run = outcode(r, px, py)) & c) {
				run &= c;
				qx = x;
				qy = yy;
				pend = true;
				continue;
			}
		}
		if (fabsf(x - px) < 1 && fabsf(yy - py) < 1 && i + 1 < n)
			continue;
		seg(r, buf, px, py, x, yy);
		px = x;
		py = yy;
		run = c;
		kept++;
	}
	if (pend) {
		seg(r, buf, px, py, qx, qy);
		px = qx;
		py = qy;
		kept++;
	}
	*lx = px;
	*ly = py;
	return kept;
}

uint32_t
raster_polyline(const struct raster *r, uint8_t *mask, const float *lon,
    const float *y, uint32_t n, float lon_off)
{
	float lx, ly;

	if (n == 0)
		return 0;
	if (n == 1) {
		float x = (lon[0] + lon_off) * r->sx + r->ox;
		float yy = r->oy - y[0] * r->sy;
		line(r, mask, x, yy, x, yy);
		return 1;
	}
	return walk(r, mask, lon, y, n, lon_off, line, &lx, &ly);
}

uint32_t
raster_ring(const struct raster *r, uint8_t *flags, const float *lon,
    const float *y, uint32_t n, float lon_off)
{
	float fx, fy, lx, ly;
	uint32_t kept;

	if (n < 3)
		return 0;
	fx = lon[0] * r->sx + r->ox + lon_off * r->sx;
	fy = r->oy - y[0] * r->sy;
	kept = walk(r, flags, lon, y, n, lon_off, edge, &lx, &ly);
	edge(r, flags, lx, ly, fx, fy); /* close it if the file did not */
	return kept;
}

/*
 * One row, 8 dots at a time without branches: a prefix XOR across the
 * bytes of a little-endian word turns toggle flags (0/1 bytes) into the
 * even-odd coverage of each dot, given the coverage carried in from the
 * left. Dot pairs then become the two bits of each of the word's 4 cells.
 * Little-endian only (the byte order the prefix runs in); other machines
 * take the byte loop.
 */
static uint8_t
fill_word(uint8_t *row, uint8_t *cells, const uint8_t *bit, uint8_t in)
{
	uint64_t w;

	memcpy(&w, row, 8);
	if (w == 0) { /* no edge here: all 8 dots as the one before */
		if (in) {
			memset(row, 1, 8);
			for (int k = 0; k < 4; k++)
				cells[k] |= bit[0] | bit[1];
		}
		return in;
	}
	w ^= w << 8;
	w ^= w << 16;
	w ^= w << 32;
	w ^= in * UINT64_C(0x0101010101010101);
	memcpy(row, &w, 8);
	for (int k = 0; k < 4; k++) {
		uint8_t b0 = (uint8_t)(w >> (16 * k)) & 1;
		uint8_t b1 = (uint8_t)(w >> (16 * k + 8)) & 1;
		cells[k] |= (uint8_t)((-b0 & bit[0]) | (-b1 & bit[1]));
	}
	return (uint8_t)(w >> 56);
}

void
raster_fill(const struct raster *r, uint8_t *flags, uint8_t *mask)
{
	for (int y = 0; y < r->dh; y++) {
		uint8_t *row = flags + y * r->dw;
		uint8_t *cells = mask + (y >> 2) * r->w;
		const uint8_t *bit = raster_bit[y & 3];
		uint8_t in = 0;
		int x = 0;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		for (; x + 8 <= r->dw; x += 8)
			in = fill_word(row + x, cells + (x >> 1), bit, in);
#endif
		for (; x < r->dw; x++) {
			in ^= row[x];
			row[x] = in;
			if (in)
				cells[x >> 1] |= bit[x & 1];
		}
	}
}
