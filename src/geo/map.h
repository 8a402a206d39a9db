/*
 * map.h: the map engine. It loads the shapefiles of maps/ (once, lazily,
 * per level of detail), and rasterises coast, land, borders, graticule and
 * a scale bar for a viewport into a canvas of braille (2x4 dots a cell) or
 * ASCII cells. No curses here: the output is a plain canvas.
 *
 * Cost model: map_render() rasterises only when the viewport, the layers,
 * the glyph mode or the size changed since the previous call (a pan, zoom
 * or resize); otherwise it copies its cached cells into the canvas, which
 * allocates nothing. Work buffers grow on a resize only.
 *
 * Level of detail, by longitude degrees per braille dot: > 0.25 → Natural
 * Earth 1:110m; > 0.03, or a view reaching outside the 1:10m region clip
 * (100E..180E, 0..60N) → 1:50m; otherwise the 1:10m region layers.
 */
#ifndef TCOP_MAP_H
#define TCOP_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "geo/proj.h"
#include "tcop/tcop.h"
#include "ui/canvas.h"

/* X-macro of the base-map layers: NAME, bit, --layers word. */
#define MAP_LAYERS(X)                                                    \
	X(COAST, 0, "coast")                                             \
	X(LAND, 1, "land")                                               \
	X(BORDERS, 2, "borders")                                         \
	X(GRATICULE, 3, "graticule")                                     \
	X(SCALE, 4, "scale")

enum map_layer {
#define MAP_LAYER_ENUM(name, bit, word) MAP_##name = 1u << (bit),
	MAP_LAYERS(MAP_LAYER_ENUM)
#undef MAP_LAYER_ENUM
};

#define MAP_LAYERS_DEFAULT \
	(MAP_COAST | MAP_LAND | MAP_BORDERS | MAP_GRATICULE | MAP_SCALE)

/*
 * Parse a comma-separated layer list ("coast,land"; "all"; "none") into a
 * mask. TCOP_EINVAL for an unknown word, which *bad then points to (inside
 * list; its length up to the next comma).
 */
tcop_err map_layers_parse(const char *list, unsigned *mask, const char **bad);
/* The mask as a comma-separated list, into buf. */
void map_layers_format(unsigned mask, char *buf, size_t size);

/*
 * The maps directory: $TCOP_MAPS, then ./maps, then TCOP_DATADIR "/maps";
 * the first holding ne_110m_land.shp wins. TCOP_ESYS if none does.
 */
tcop_err map_find_dir(char *buf, size_t size);

struct map;

struct map_stats {
	const char *lod;      /* "110m", "50m", "10m" */
	uint32_t verts;       /* vertices projected in the last rasterisation */
	uint32_t verts_layers; /* vertices of the layers it used, culled or not */
	uint32_t parts_drawn; /* parts (rings, lines) drawn, copies included */
	uint32_t parts_culled;
	uint32_t rasterised;  /* how many times the cache was rebuilt */
};

/*
 * A map engine on the directory dir (NULL: map_find_dir()). Shapefiles are
 * loaded on first use. TCOP_ESYS (no such directory) or TCOP_ENOMEM, with
 * the reason in why.
 */
tcop_err map_create(struct map **out, const char *dir, char *why,
    size_t whylen);
void map_destroy(struct map *m);
/* The directory in use. */
const char *map_dir(const struct map *m);
/*
 * Draw the base map of vp with layers (a MAP_* mask) into out, which must
 * be vp->w x vp->h (TCOP_EINVAL otherwise). ascii picks ASCII glyphs over
 * braille. Rasterises only if something changed since the last call.
 * TCOP_ESYS / TCOP_EFORMAT / TCOP_ENOMEM if a shapefile cannot be loaded
 * (map_error() says which and why); out is then left blank.
 */
tcop_err map_render(struct map *m, const struct viewport *vp, unsigned layers,
    bool ascii, struct canvas *out);
/* Forget the cache: the next map_render() rasterises. */
void map_invalidate(struct map *m);
/* The reason of the last failure ("" if none). */
const char *map_error(const struct map *m);
const struct map_stats *map_stats(const struct map *m);

#endif
