/*
 * map.c: the map engine of map.h: level of detail, lazy shapefile loading,
 * culling by each part's bounding box (and its copies 360 degrees east and
 * west, for the antimeridian), rasterisation of the layers into dot masks
 * (raster.c), and composition of the masks into braille or ASCII cells.
 *
 * Composition, per cell, first match wins:
 *   coast dots    → COAST    braille: coast dots + shaded land / ASCII '#'
 *   border dots   → BORDER   braille: border dots + shaded land / ASCII '*'
 *   land (layer)  → LAND     braille: the land dots / ASCII ':' (>= 4 of 8)
 *   graticule     → GRATICULE braille: its dots / ASCII '|' '-' '+'
 *   otherwise sea, blank.
 * Labels of the graticule and the scale bar are written over that.
 *
 * Borders are the edges that two admin-0 country polygons share, found once
 * when the layer loads (geo_layer_shared_edges()): coasts belong to one
 * polygon only, so borders never double the coastline. With the land layer
 * on, border dots at sea (a 1:50m border meeting a 1:10m coast) are dropped.
 *
 * Memory: the loaded layers and the work buffers belong to the map; work
 * buffers grow on resize and are reused, so a pan allocates nothing.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "geo/map.h"
#include "geo/raster.h"
#include "geo/shpload.h"

#ifndef TCOP_DATADIR
#define TCOP_DATADIR "/usr/local/share/tcop"
#endif

enum {
	F_LAND110, F_COAST110, F_CTRY110,
	F_LAND50, F_COAST50, F_CTRY50,
	F_LAND10, F_COAST10,
	F_BORD110, F_BORD50, /* derived from F_CTRY110, F_CTRY50 */
	NFILES
};

static const char *const file_base[NFILES] = {
	"ne_110m_land", "ne_110m_coastline", "ne_110m_admin_0_countries",
	"ne_50m_land", "ne_50m_coastline", "ne_50m_admin_0_countries",
	"ne_10m_land_region", "ne_10m_coastline_region",
	"ne_110m_admin_0_countries", "ne_50m_admin_0_countries",
};

/* For a derived layer, the file it comes from; -1 for a file of its own. */
static const int file_from[NFILES] = {
	-1, -1, -1, -1, -1, -1, -1, -1, F_CTRY110, F_CTRY50,
};

struct lod {
	const char *name;
	int land, coast, borders;
};

static const struct lod lods[] = {
	{ "110m", F_LAND110, F_COAST110, F_BORD110 },
	{ "50m", F_LAND50, F_COAST50, F_BORD50 },
	{ "10m", F_LAND10, F_COAST10, F_BORD50 },
};

enum { FILE_UNLOADED, FILE_LOADED };

struct map {
	char dir[PATH_MAX];
	struct geo_layer files[NFILES];
	uint8_t state[NFILES];
	char err[PATH_MAX + 256];
	struct map_stats stats;

	/* the cache: valid for (vp, layers, ascii) */
	struct canvas *cache;
	bool valid;
	struct viewport vp;
	unsigned layers;
	bool ascii;

	/* work buffers, grown on resize only */
	size_t ncells, ndots;
	uint8_t *coast, *border, *land, *gv, *gh; /* cells */
	uint8_t *dots;                                      /* dw x dh */
};

/* ==== layers and directories ==== */

static const char *const layer_words[] = {
#define MAP_LAYER_WORD(name, bit, word) word,
	MAP_LAYERS(MAP_LAYER_WORD)
#undef MAP_LAYER_WORD
};
#define NLAYERS (sizeof layer_words / sizeof layer_words[0])

tcop_err
map_layers_parse(const char *list, unsigned *mask, const char **bad)
{
	unsigned m = 0;
	const char *p = list;

	while (*p != '\0') {
		size_t n = strcspn(p, ",");
		size_t i;

		for (i = 0; i < NLAYERS; i++)
			if (strlen(layer_words[i]) == n &&
			    strncmp(p, layer_words[i], n) == 0)
				break;
		if (i < NLAYERS)
			m |= 1u << i;
		else if (n == 3 && strncmp(p, "all", 3) == 0)
			m |= MAP_LAYERS_DEFAULT;
		else if (!(n == 4 && strncmp(p, "none", 4) == 0)) {
			if (bad != NULL)
				*bad = p;
			return TCOP_EINVAL;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	*mask = m;
	return TCOP_OK;
}

void
map_layers_format(unsigned mask, char *buf, size_t size)
{
	size_t len = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < NLAYERS; i++) {
		if (!(mask & (1u << i)))
			continue;
		int n = snprintf(buf + len, size - len, "%s%s",
		    len > 0 ? "," : "", layer_words[i]);
		if (n < 0 || (size_t)n >= size - len)
			return;
		len += (size_t)n;
	}
	if (len == 0)
		snprintf(buf, size, "none");
}

static bool
is_map_dir(const char *dir)
{
	char path[PATH_MAX];
	struct stat st;

	if (snprintf(path, sizeof path, "%s/ne_110m_land.shp", dir) >=
	    (int)sizeof path)
		return false;
	return stat(path, &st) == 0;
}

tcop_err
map_find_dir(char *buf, size_t size)
{
	const char *env = getenv("TCOP_MAPS");
	char rel[PATH_MAX] = "";
	/* beside the binary: BIN/../share/tcop/maps (an install moved to
	 * another PREFIX than it was built for still finds its maps) */
	ssize_t n = readlink("/proc/self/exe", rel, sizeof rel - 32);
	if (n > 0) {
		rel[n] = '\0';
		char *slash = strrchr(rel, '/');
		if (slash != NULL)
			strcpy(slash, "/../share/tcop/maps");
		else
			rel[0] = '\0';
	} else {
		rel[0] = '\0';
	}
	const char *cand[] = { env, "maps", rel, TCOP_DATADIR "/maps" };

	for (size_t i = 0; i < sizeof cand / sizeof cand[0]; i++) {
		if (cand[i] == NULL || cand[i][0] == '\0' || !is_map_dir(cand[i]))
			continue;
		snprintf(buf, size, "%s", cand[i]);
		return TCOP_OK;
	}
	return TCOP_ESYS;
}

/* ==== lifecycle ==== */

tcop_err
map_create(struct map **out, const char *dir, char *why, size_t whylen)
{
	struct map *m;
	char found[PATH_MAX];

	*out = NULL;
	if (dir == NULL) {
		if (map_find_dir(found, sizeof found) != TCOP_OK) {
			snprintf(why, whylen, "no maps directory (looked in "
			    "$TCOP_MAPS, ./maps and %s/maps)", TCOP_DATADIR);
			return TCOP_ESYS;
		}
		dir = found;
	} else if (!is_map_dir(dir)) {
		snprintf(why, whylen, "%s: not a maps directory (no "
		    "ne_110m_land.shp)", dir);
		return TCOP_ESYS;
	}
	if ((m = calloc(1, sizeof *m)) == NULL) {
		snprintf(why, whylen, "out of memory");
		return TCOP_ENOMEM;
	}
	snprintf(m->dir, sizeof m->dir, "%s", dir);
	m->stats.lod = "";
	*out = m;
	return TCOP_OK;
}

static void
free_work(struct map *m)
{
	free(m->coast);
	free(m->border);
	free(m->land);
	free(m->gv);
	free(m->gh);
	free(m->dots);
	m->coast = m->border = m->land = m->gv = m->gh = NULL;
	m->dots = NULL;
	m->ncells = m->ndots = 0;
}

void
map_destroy(struct map *m)
{
	if (m == NULL)
		return;
	for (int i = 0; i < NFILES; i++)
		geo_layer_fini(&m->files[i]);
	free_work(m);
	canvas_destroy(m->cache);
	free(m);
}

const char *
map_dir(const struct map *m)
{
	return m->dir;
}

const char *
map_error(const struct map *m)
{
	return m->err;
}

const struct map_stats *
map_stats(const struct map *m)
{
	return &m->stats;
}

void
map_invalidate(struct map *m)
{
	m->valid = false;
}

static tcop_err
need_file(struct map *m, int f)
{
	char base[PATH_MAX + 64];
	tcop_err e;

	if (m->state[f] == FILE_LOADED)
		return TCOP_OK;
	if (file_from[f] >= 0) {
		if ((e = need_file(m, file_from[f])) != TCOP_OK)
			return e;
		if ((e = geo_layer_shared_edges(&m->files[file_from[f]],
		    &m->files[f])) != TCOP_OK) {
			snprintf(m->err, sizeof m->err, "%s/%s.shp: no borders: %s",
			    m->dir, file_base[f], tcop_strerror(e));
			return e;
		}
		m->state[f] = FILE_LOADED;
		return TCOP_OK;
	}
	snprintf(base, sizeof base, "%s/%s", m->dir, file_base[f]);
	e = geo_layer_load(&m->files[f], base, m->err, sizeof m->err);
	/* a failed load is tried again next time: the reason stays fresh */
	m->state[f] = e == TCOP_OK ? FILE_LOADED : FILE_UNLOADED;
	if (e == TCOP_OK && m->files[f].nbad > 0)
		tcop_log("%s.shp: %u malformed shapes skipped", base,
		    m->files[f].nbad);
	return e;
}

/* File f loaded, with Mercator ordinates if the view needs them. */
static tcop_err
need(struct map *m, int f, enum proj_kind p)
{
	tcop_err e;

	if ((e = need_file(m, f)) != TCOP_OK)
		return e;
	if (p == PROJ_MERCATOR &&
	    (e = geo_layer_mercator(&m->files[f])) != TCOP_OK)
		snprintf(m->err, sizeof m->err, "out of memory");
	return e;
}

/* Buffers for w x h cells; false on ENOMEM. */
static bool
work_size(struct map *m, int w, int h)
{
	size_t nc = (size_t)w * (size_t)h, nd = nc * 8;

	if (nc <= m->ncells && nd <= m->ndots)
		return true;
	free_work(m);
	m->coast = malloc(nc);
	m->border = malloc(nc);
	m->land = malloc(nc);
	m->gv = malloc(nc);
	m->gh = malloc(nc);
	m->dots = malloc(nd);
	if (!m->coast || !m->border || !m->land || !m->gv ||
	    !m->gh || !m->dots) {
		free_work(m);
		return false;
	}
	m->ncells = nc;
	m->ndots = nd;
	return true;
}

/* ==== rasterisation ==== */

struct view_box {
	double west, east, south, north; /* east may exceed 180 */
};

static const struct lod *
pick_lod(const struct viewport *vp, const struct view_box *b)
{
	double deg_per_dot = vp->lon_per_cell / 2;
	bool in_region = b->west >= 100 && b->east <= 180 && b->south >= 0 &&
	    b->north <= 60;

	if (deg_per_dot > 0.25)
		return &lods[0];
	if (deg_per_dot > 0.03 || !in_region)
		return &lods[1];
	return &lods[2];
}

typedef uint32_t (*part_fn)(const struct raster *r, uint8_t *buf,
    const float *lon, const float *y, uint32_t n, float lon_off);

/* Every part of l that meets the view, at each 360-degree copy that does. */
static void
draw_layer(struct map *m, const struct raster *r, const struct view_box *b,
    const struct geo_layer *l, enum proj_kind p, uint8_t *buf, part_fn fn)
{
	const float *ys = p == PROJ_MERCATOR ? l->mlat : l->lat;

	m->stats.verts_layers += l->nvert;

	for (uint32_t i = 0; i < l->npart; i++) {
		const struct geo_part *q = &l->parts[i];
		bool drawn = false;

		if (q->lat1 < b->south || q->lat0 > b->north) {
			m->stats.parts_culled++;
			continue;
		}
		for (int k = -1; k <= 1; k++) {
			float off = (float)(k * 360);
			if (q->lon1 + off < b->west || q->lon0 + off > b->east)
				continue;
			fn(r, buf, l->lon + q->first, ys + q->first, q->n, off);
			m->stats.verts += q->n;
			m->stats.parts_drawn++;
			drawn = true;
		}
		if (!drawn)
			m->stats.parts_culled++;
	}
}

static uint32_t
ring_fn(const struct raster *r, uint8_t *buf, const float *lon,
    const float *y, uint32_t n, float off)
{
	return raster_ring(r, buf, lon, y, n, off);
}

static uint32_t
line_fn(const struct raster *r, uint8_t *buf, const float *lon,
    const float *y, uint32_t n, float off)
{
	return raster_polyline(r, buf, lon, y, n, off);
}

static double
graticule_step(double lon_per_cell)
{
	static const double steps[] = { 0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30,
		45, 90 };

	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (steps[i] / lon_per_cell >= 12)
			return steps[i];
	return 90;
}

static void
graticule_lines(struct map *m, const struct raster *r,
    const struct viewport *vp, const struct view_box *b, double step)
{
	for (double lon = ceil(b->west / step) * step; lon <= b->east;
	    lon += step) {
		int x = (int)floor((lon - vp->lon_left) / vp->lon_per_cell * 2);
		for (int y = 0; y < r->dh; y += 2)
			raster_dot(r, m->gv, x, y);
	}
	for (double lat = ceil(b->south / step) * step; lat <= b->north;
	    lat += step) {
		double yc = (vp->y_top - proj_y(vp->proj, lat)) / vp->y_per_cell;
		int y = (int)floor(yc * 4);
		for (int x = 0; x < r->dw; x += 2)
			raster_dot(r, m->gh, x, y);
	}
}

static void
format_deg(char *buf, size_t n, double v, double step, char pos, char neg)
{
	int prec = step >= 1 ? 0 : step >= 0.5 ? 1 : 2;
	double a = fabs(v);

	if (a < 1e-9 || (pos == 'E' && fabs(a - 180) < 1e-9))
		snprintf(buf, n, "%.*f", prec, a);
	else
		snprintf(buf, n, "%.*f%c", prec, a, v > 0 ? pos : neg);
}

static void
graticule_labels(struct canvas *c, const struct viewport *vp,
    const struct view_box *b, double step)
{
	char s[32];
	int next = 0;

	for (double lon = ceil(b->west / step) * step; lon <= b->east;
	    lon += step) {
		int x = (int)floor((lon - vp->lon_left) / vp->lon_per_cell) + 1;
		double l = fmod(lon + 540.0, 360.0) - 180.0;
		format_deg(s, sizeof s, l, step, 'E', 'W');
		if (x < next || x + (int)strlen(s) > c->w)
			continue;
		next = x + canvas_text(c, x, 0, s, ROLE_LABEL) + 1;
	}
	for (double lat = ceil(b->south / step) * step; lat <= b->north;
	    lat += step) {
		double yc = (vp->y_top - proj_y(vp->proj, lat)) / vp->y_per_cell;
		int y = (int)floor(yc);
		if (y < 1 || y >= c->h - 1)
			continue;
		format_deg(s, sizeof s, lat, step, 'N', 'S');
		canvas_text(c, 0, y, s, ROLE_LABEL);
	}
}

static void
scale_bar(struct canvas *c, const struct viewport *vp)
{
	double nm = viewport_nm_per_cell(vp), want, mag, len = 0;
	char s[32];
	int n;

	if (c->w < 24 || c->h < 3 || !(nm > 0))
		return;
	want = nm * c->w / 4;
	mag = pow(10, floor(log10(want)));
	for (int k = 0; k < 3; k++) {
		double v = mag * (k == 0 ? 1 : k == 1 ? 2 : 5);
		if (v <= want)
			len = v;
	}
	n = (int)lround(len / nm);
	if (n < 2)
		return;
	canvas_put(c, 1, c->h - 1, '|', ROLE_SCALE);
	for (int i = 1; i < n; i++)
		canvas_put(c, 1 + i, c->h - 1, '-', ROLE_SCALE);
	canvas_put(c, 1 + n, c->h - 1, '|', ROLE_SCALE);
	snprintf(s, sizeof s, " %g NM ", len);
	canvas_text(c, 2 + n, c->h - 1, s, ROLE_SCALE);
}

static int
popcount8(uint8_t v)
{
	int n = 0;

	for (; v != 0; v &= (uint8_t)(v - 1))
		n++;
	return n;
}

static void
compose(struct map *m, const struct raster *r, unsigned layers, bool ascii,
    struct canvas *c)
{
	for (int i = 0; i < r->w * r->h; i++) {
		uint8_t co = m->coast[i], bo = m->border[i];
		uint8_t la = (layers & MAP_LAND) ? m->land[i] : 0;
		uint8_t gv = m->gv[i], gh = m->gh[i];
		struct canvas_cell *p = &c->cells[i];
		uint8_t shade = la & RASTER_CHECKER;

		p->ch = ' ';
		p->role = ROLE_NONE;
		if (co) {
			p->ch = ascii ? '#' : 0x2800u + (co | shade);
			p->role = ROLE_COAST;
		} else if (bo) {
			p->ch = ascii ? '*' : 0x2800u + (bo | shade);
			p->role = ROLE_BORDER;
		} else if (la && (!ascii || popcount8(la) >= 4)) {
			p->ch = ascii ? ':' : 0x2800u + la;
			p->role = ROLE_LAND;
		} else if ((gv || gh) && !la) {
			p->ch = !ascii ? 0x2800u + (gv | gh) :
			    gv && gh ? '+' : gv ? '|' : '-';
			p->role = ROLE_GRATICULE;
		}
	}
}

static tcop_err
rasterise(struct map *m, const struct viewport *vp, unsigned layers,
    bool ascii, struct canvas *c)
{
	struct raster r;
	struct view_box b;
	const struct lod *lod;
	size_t nc = (size_t)vp->w * (size_t)vp->h;
	double step = graticule_step(vp->lon_per_cell);
	tcop_err e;

	raster_init(&r, vp);
	b.west = vp->lon_left;
	b.east = vp->lon_left + vp->span;
	viewport_lat_range(vp, &b.south, &b.north);
	lod = pick_lod(vp, &b);
	m->stats.lod = lod->name;
	m->stats.verts = m->stats.parts_drawn = m->stats.parts_culled = 0;
	m->stats.verts_layers = 0;
	memset(m->coast, 0, nc);
	memset(m->border, 0, nc);
	memset(m->land, 0, nc);
	memset(m->gv, 0, nc);
	memset(m->gh, 0, nc);
	if (layers & MAP_LAND) {
		if ((e = need(m, lod->land, vp->proj)) != TCOP_OK)
			return e;
		memset(m->dots, 0, nc * 8);
		draw_layer(m, &r, &b, &m->files[lod->land], vp->proj, m->dots,
		    ring_fn);
		raster_fill(&r, m->dots, m->land);
	}
	if (layers & MAP_BORDERS) {
		if ((e = need(m, lod->borders, vp->proj)) != TCOP_OK)
			return e;
		draw_layer(m, &r, &b, &m->files[lod->borders], vp->proj,
		    m->border, line_fn);
		if (layers & MAP_LAND)
			for (size_t i = 0; i < nc; i++)
				m->border[i] &= m->land[i];
	}
	if (layers & MAP_COAST) {
		if ((e = need(m, lod->coast, vp->proj)) != TCOP_OK)
			return e;
		draw_layer(m, &r, &b, &m->files[lod->coast], vp->proj, m->coast,
		    line_fn);
	}
	if (layers & MAP_GRATICULE)
		graticule_lines(m, &r, vp, &b, step);
	compose(m, &r, layers, ascii, c);
	if (layers & MAP_GRATICULE)
		graticule_labels(c, vp, &b, step);
	if (layers & MAP_SCALE)
		scale_bar(c, vp);
	m->stats.rasterised++;
	return TCOP_OK;
}

static bool
same_view(const struct viewport *a, const struct viewport *b)
{
	return a->proj == b->proj && a->w == b->w && a->h == b->h &&
	    a->lon_left == b->lon_left && a->lon_per_cell == b->lon_per_cell &&
	    a->y_top == b->y_top && a->y_per_cell == b->y_per_cell;
}

tcop_err
map_render(struct map *m, const struct viewport *vp, unsigned layers,
    bool ascii, struct canvas *out)
{
	tcop_err e;

	if (out->w != vp->w || out->h != vp->h) {
		snprintf(m->err, sizeof m->err, "canvas %dx%d for a %dx%d view",
		    out->w, out->h, vp->w, vp->h);
		return TCOP_EINVAL;
	}
	if (m->valid && same_view(&m->vp, vp) && m->layers == layers &&
	    m->ascii == ascii) {
		canvas_blit(out, 0, 0, m->cache);
		return TCOP_OK;
	}
	m->valid = false;
	if (m->cache == NULL || m->cache->w != vp->w || m->cache->h != vp->h) {
		canvas_destroy(m->cache);
		if ((m->cache = canvas_create(vp->w, vp->h)) == NULL) {
			snprintf(m->err, sizeof m->err, "out of memory");
			return TCOP_ENOMEM;
		}
	}
	if (!work_size(m, vp->w, vp->h)) {
		snprintf(m->err, sizeof m->err, "out of memory");
		return TCOP_ENOMEM;
	}
	if ((e = rasterise(m, vp, layers, ascii, m->cache)) != TCOP_OK) {
		canvas_clear(out);
		return e;
	}
	m->vp = *vp;
	m->layers = layers;
	m->ascii = ascii;
	m->valid = true;
	m->err[0] = '\0';
	canvas_blit(out, 0, 0, m->cache);
	return TCOP_OK;
}
