/*
 * assoc.c: level 1 association of detections to tracks: a spatial grid
 * over the tracks, gating, and one-to-one global nearest neighbour by the
 * Hungarian method on each connected component of the gated pairs.
 *
 * The grid: cells of 0.05 deg (coarser if the tracks spread so wide that
 * the box would need more than GRID_MAX_CELLS), directly indexed over the
 * box that holds the tracks (crossing 180 if they do); a track is binned
 * at its position dead-
 * reckoned to the grid's reference time tref (a full rebin, when a query
 * comes more than GRID_W from tref), and moved to its new position on each
 * report. A query at t within GRID_W of tref then finds every "near"
 * track whose position at t is within r of the point among the cells
 * within r + VNEAR * 2 * GRID_W. Tracks that are not near (faster than
 * VNEAR or of unknown speed, uncertainty above NEAR_SIGMA_M at the end of
 * the window, or a report far from tref) go to a "far" list, scanned
 * whole, so the cells stay small and the search radius short.
 *
 * Gating: a detection of circular error ce and a track of uncertainty
 * sigma at the detection's time (track_uncertainty_m) are a pair when
 * their distance d <= k * sqrt(ce^2 + sigma^2); the cost is
 * d^2 / (ce^2 + sigma^2), and leaving a detection unassigned costs k^2,
 * so every gated pair is at least as good as no pair. Components larger
 * than ASSIGN_MAX rows fall back to a greedy pass in cost order (a known
 * limit: it has not happened in any scan we have seen).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pic/pic_int.h"

#define GRID_DEG 0.05
#define GRID_W (60 * 1000LL)        /* ms either side of tref */
#define VNEAR_MS 15.5               /* 30 kn: faster tracks are far */
#define NEAR_SIGMA_M 500.0
#define ASSIGN_MAX 300

struct grid {
	int32_t *heads;    /* ncell list heads (-1 empty), row-major */
	size_t ncell, capcell;
	double deg;        /* cell size, degrees (GRID_DEG or coarser) */
	int64_t nxg;       /* cells around the globe at deg */
	int64_t ix0, iy0, nx, ny; /* the box the cells cover */
	int32_t *far;
	size_t nfar, capfar;
	tcop_ms tref;
};

#define GRID_MAX_CELLS (4u << 20)

tcop_err
grid_create(struct grid **out)
{
	struct grid *g = calloc(1, sizeof *g);

	if (g == NULL)
		return TCOP_ENOMEM;
	g->tref = TCOP_MS_NONE;
	g->deg = GRID_DEG;
	*out = g;
	return TCOP_OK;
}

void
grid_destroy(struct grid *g)
{
	if (g == NULL)
		return;
	free(g->heads);
	free(g->far);
	free(g);
}

tcop_err
grid_clone(struct grid **out, const struct grid *src)
{
	struct grid *g = malloc(sizeof *g);

	*out = NULL;
	if (g == NULL)
		return TCOP_ENOMEM;
	*g = *src;
	g->heads = NULL;
	g->far = NULL;
	g->capcell = src->ncell; /* only the cells in use are copied */
	if (src->ncell > 0 &&
	    (g->heads = malloc(src->ncell * sizeof *g->heads)) == NULL)
		goto nomem;
	if (src->capfar > 0 &&
	    (g->far = malloc(src->capfar * sizeof *g->far)) == NULL)
		goto nomem;
	if (src->ncell > 0)
		memcpy(g->heads, src->heads, src->ncell * sizeof *g->heads);
	if (src->nfar > 0)
		memcpy(g->far, src->far, src->nfar * sizeof *g->far);
	*out = g;
	return TCOP_OK;
nomem:
	grid_destroy(g);
	return TCOP_ENOMEM;
}

size_t
grid_bytes(const struct grid *g)
{
	return sizeof *g + g->ncell * sizeof *g->heads + g->capfar *
	    sizeof *g->far;
}

/* Global cell coordinates of a point (ix wraps around the globe). */
static void
cell_xy(const struct grid *g, double lat, double lon, int64_t *ix,
    int64_t *iy)
{
	int64_t x;

	/* a search box from a hostile radius reaches past the poles: clamp,
	 * so that the conversions below stay defined */
	if (!(lat >= -90))
		lat = -90; /* NaN too */
	else if (lat > 90)
		lat = 90;
	if (!(fabs(lon) <= 720))
		lon = isfinite(lon) ? fmod(lon, 360) : 0;
	x = (int64_t)floor((lon + 180) / g->deg);
	*iy = (int64_t)floor((lat + 90) / g->deg);
	*ix = ((x % g->nxg) + g->nxg) % g->nxg;
}

/* The cell index of global (ix, iy), or -1 outside the box. */
static int64_t
cell_index(const struct grid *g, int64_t ix, int64_t iy)
{
	int64_t dx = ix - g->ix0, dy = iy - g->iy0;

	if (dy < 0 || dy >= g->ny)
		return -1;
	if (dx < 0)
		dx += g->nxg;
	if (dx >= g->nx)
		return -1;
	return dy * g->nx + dx;
}

static void
far_add(struct grid *g, struct gnode *n, int32_t idx)
{
	if (n->far)
		return;
	if (g->nfar == g->capfar) {
		size_t cap = g->capfar ? g->capfar * 2 : 256;
		int32_t *f = realloc(g->far, cap * sizeof *f);
		if (f == NULL)
			return;
		g->far = f;
		g->capfar = cap;
	}
	g->far[g->nfar++] = idx;
	n->far = true;
}

static void
cell_unlink(pic *p, struct trk_x *x)
{
	struct gnode *n = &p->gn[x - p->tx];

	if (n->cell < 0)
		return;
	if (n->gprev >= 0)
		p->gn[n->gprev].gnext = n->gnext;
	else
		p->grid->heads[n->cell] = n->gnext;
	if (n->gnext >= 0)
		p->gn[n->gnext].gprev = n->gprev;
	n->cell = -1;
	n->gnext = n->gprev = -1;
}

/* Link x into the cell of (blat, blon); false if outside the box. */
static bool
cell_link(pic *p, int32_t idx)
{
	struct grid *g = p->grid;
	struct gnode *n = &p->gn[idx];
	int64_t ix, iy, c;

	cell_xy(g, n->blat, n->blon, &ix, &iy);
	if (g->heads == NULL || (c = cell_index(g, ix, iy)) < 0)
		return false;
	n->cell = c;
	n->gprev = -1;
	n->gnext = g->heads[c];
	if (n->gnext >= 0)
		p->gn[n->gnext].gprev = idx;
	g->heads[c] = idx;
	return true;
}

/* Keep what binning needs of the latest report, so that a rebin never
 * touches the track table (and does no trigonometry). */
static void
set_report(struct gnode *n, const struct track *tr)
{
	n->rlat = tr->lat;
	n->rlon = tr->lon;
	n->rt = tr->t_pos;
	n->rcos = (float)cos(tr->lat * (M_PI / 180));
	if (isfinite(tr->speed) && isfinite(tr->course)) {
		double v = tr->speed * 0.514444, c = tr->course * (M_PI / 180);
		n->bspeed = (float)v;
		n->vn = (float)(v * cos(c));
		n->ve = (float)(v * sin(c));
	} else {
		n->bspeed = isfinite(tr->speed) && tr->speed == 0 ? 0 : 1e9f;
		n->vn = n->ve = 0;
	}
}

/*
 * Where n is at t, dead-reckoned on a flat earth (good to metres over the
 * minutes involved; the prefilter has slack), into blat/blon/bt; and
 * whether it stays within the near bounds to the end of the window.
 */
static bool
place(const pic *p, struct gnode *n, tcop_ms t)
{
	const struct grid *g = p->grid;
	double dt = (double)(t - n->rt) / 1000.0, lat, lon, sig;

	lat = n->rlat + n->vn * dt / 111195.0;
	lon = n->rlon + (n->rcos > 0.01f ? n->ve * dt / (111195.0 * n->rcos) :
	    0);
	/* hostile speeds and long gaps reckon any distance: wrap fully, and
	 * stay where reported if the arithmetic overflowed */
	if (!isfinite(lon) || !isfinite(lat)) {
		lat = n->rlat;
		lon = n->rlon;
	}
	if (lon >= 180 || lon < -180) {
		lon = fmod(lon + 180, 360);
		lon += lon < 0 ? 180 : -180;
	}
	if (lat > 90 || lat < -90)
		lat = n->rlat;
	n->blat = lat;
	n->blon = lon;
	n->bt = t;
	sig = p->rules.sigma_m + p->rules.sigma_frac * n->bspeed *
	    fabs((double)(g->tref + GRID_W - n->rt)) / 1000.0;
	return sig <= NEAR_SIGMA_M && llabs(t - g->tref) <= GRID_W &&
	    n->bspeed <= VNEAR_MS;
}

/* What rebin learns of the placed nodes for sizing the box. */
struct span {
	double lat0, lat1;
	bool occ[360];   /* whole degrees of longitude with a node */
	bool any;
};

/* Size the box to hold the span, coarsening the cells if it would need
 * more than GRID_MAX_CELLS. The longitude range is the complement of the
 * widest empty run of whole degrees, so that a box may cross 180. */
static bool
grid_box(struct grid *g, const struct span *sp)
{
	int best = 0, bstart = 0, d0, span;

	for (int st = 0; st < 360 && sp->any; st++) {
		int len = 0;
		if (st > 0 && !sp->occ[st - 1] && !sp->occ[st])
			continue; /* inside a run counted already */
		while (len < 360 && !sp->occ[(st + len) % 360])
			len++;
		if (len > best) {
			best = len;
			bstart = st;
		}
	}
	d0 = (bstart + best) % 360;
	span = sp->any ? 360 - best : 1;
	for (g->deg = GRID_DEG; ; g->deg *= 2) {
		g->nxg = (int64_t)llround(360 / g->deg);
		g->ix0 = (int64_t)floor(d0 / g->deg);
		g->nx = (int64_t)ceil(span / g->deg) + 1;
		if (g->nx > g->nxg)
			g->nx = g->nxg;
		g->iy0 = (int64_t)floor(((sp->any ? sp->lat0 : 0) + 90) / g->deg);
		g->ny = (int64_t)floor(((sp->any ? sp->lat1 : 0) + 90) / g->deg) -
		    g->iy0 + 1;
		if ((uint64_t)(g->nx * g->ny) <= GRID_MAX_CELLS)
			break;
	}
	g->ncell = (size_t)(g->nx * g->ny);
	if (g->ncell > g->capcell) {
		int32_t *h = realloc(g->heads, g->ncell * sizeof *h);
		if (h == NULL) {
			free(g->heads);
			g->heads = NULL;
			g->capcell = 0;
			return false;
		}
		g->heads = h;
		g->capcell = g->ncell;
	}
	memset(g->heads, 0xff, g->ncell * sizeof *g->heads);
	return true;
}

static void
rebin(pic *p, tcop_ms t)
{
	struct grid *g = p->grid;
	struct span sp;

	memset(&sp, 0, sizeof sp);
	sp.lat0 = 90;
	sp.lat1 = -90;
	g->tref = t;
	g->nfar = 0;
	for (size_t i = 0; i < p->ntx; i++) {
		struct gnode *n = &p->gn[i];
		n->cell = -1;
		n->gnext = n->gprev = -1;
		n->far = false;
		if (p->tx[i].gone || n->rt == 0)
			continue;
		if (!place(p, n, t))
			far_add(g, n, (int32_t)i);
		sp.lat0 = n->blat < sp.lat0 ? n->blat : sp.lat0;
		sp.lat1 = n->blat > sp.lat1 ? n->blat : sp.lat1;
		sp.occ[(int)(n->blon + 180) % 360] = true;
		sp.any = true;
	}
	if (!grid_box(g, &sp))
		return;
	for (size_t i = 0; i < p->ntx; i++) {
		struct gnode *n = &p->gn[i];
		if (p->tx[i].gone || n->rt == 0)
			continue;
		if (!cell_link(p, (int32_t)i))
			far_add(g, n, (int32_t)i);
	}
}

void
grid_update(pic *p, struct trk_x *x, const struct track *tr)
{
	int32_t idx = (int32_t)(x - p->tx);
	struct gnode *n = &p->gn[idx];

	set_report(n, tr);
	if (p->grid->tref == TCOP_MS_NONE)
		return; /* placed at the first query */
	cell_unlink(p, x);
	if (!place(p, n, tr->t_pos) | !cell_link(p, idx))
		far_add(p->grid, n, idx);
}

void
grid_remove(pic *p, struct trk_x *x)
{
	cell_unlink(p, x);
	x->gone = true;
}

size_t
grid_near(pic *p, double lat, double lon, double radius_m, tcop_ms t,
    int32_t *out, size_t max)
{
	struct grid *g;
	double r = radius_m + VNEAR_MS * 2 * (GRID_W / 1000.0);
	double dlat = r / 111195.0, c = cos(lat * M_PI / 180);
	double dlon = c > 0.01 ? dlat / c : 360;
	int64_t x0, y0, x1, y1;
	size_t n = 0;

	if (p->grid->tref == TCOP_MS_NONE || llabs(t - p->grid->tref) > GRID_W)
		rebin(p, t);
	g = p->grid;
	if (dlon > 180)
		dlon = 180;
	if (g->heads != NULL) {
		cell_xy(g, lat - dlat, lon - dlon, &x0, &y0);
		cell_xy(g, lat + dlat, lon + dlon, &x1, &y1);
		if (dlon >= 180) {
			x0 = 0;
			x1 = g->nxg - 1;
		} else if (x1 < x0)
			x1 += g->nxg; /* across 180 */
		for (int64_t iy = y0; iy <= y1; iy++)
			for (int64_t ix = x0; ix <= x1 && ix < x0 + g->nxg;
			    ix++) {
				int64_t ci = cell_index(g, ix % g->nxg, iy);
				if (ci < 0)
					continue;
				for (int32_t i = g->heads[ci]; i >= 0 && n < max;
				    i = p->gn[i].gnext)
					if (!p->gn[i].far)
						out[n++] = i;
			}
	}
	for (size_t i = 0; i < g->nfar && n < max; i++)
		if (p->gn[g->far[i]].far && !p->tx[g->far[i]].gone)
			out[n++] = g->far[i];
	return n;
}

/* ---- assignment ---------------------------------------------------------- */

/*
 * Hungarian method (Kuhn-Munkres with potentials) for n rows <= m
 * columns: O(n^2 m), exact.
 */
void
assign_min(const double *cost, int n, int m, int *col)
{
	double *u = calloc((size_t)n + 1, sizeof *u);
	double *v = calloc((size_t)m + 1, sizeof *v);
	double *minv = malloc(((size_t)m + 1) * sizeof *minv);
	int *pp = calloc((size_t)m + 1, sizeof *pp);
	int *way = calloc((size_t)m + 1, sizeof *way);
	bool *used = malloc(((size_t)m + 1) * sizeof *used);

	if (!u || !v || !minv || !pp || !way || !used) {
		for (int i = 0; i < n; i++)
			col[i] = -1;
		goto out;
	}
	for (int i = 1; i <= n; i++) {
		int j0 = 0;
		pp[0] = i;
		for (int j = 0; j <= m; j++) {
			minv[j] = INFINITY;
			used[j] = false;
		}
		do {
			int i0 = pp[j0], j1 = 0;
			double delta = INFINITY;
			used[j0] = true;
			for (int j = 1; j <= m; j++) {
				if (used[j])
					continue;
				double cur = cost[(size_t)(i0 - 1) * (size_t)m +
				    (size_t)(j - 1)] - u[i0] - v[j];
				if (cur < minv[j]) {
					minv[j] = cur;
					way[j] = j0;
				}
				if (minv[j] < delta) {
					delta = minv[j];
					j1 = j;
				}
			}
			for (int j = 0; j <= m; j++) {
				if (used[j]) {
					u[pp[j]] += delta;
					v[j] -= delta;
				} else
					minv[j] -= delta;
			}
			j0 = j1;
		} while (pp[j0] != 0);
		do {
			int j1 = way[j0];
			pp[j0] = pp[j1];
			j0 = j1;
		} while (j0 != 0);
	}
	for (int j = 1; j <= m; j++)
		if (pp[j] != 0)
			col[pp[j] - 1] = j - 1;
out:
	free(u);
	free(v);
	free(minv);
	free(pp);
	free(way);
	free(used);
}

struct gpair {
	int det;       /* pending index */
	int32_t tx;    /* track extras index */
	int tcol;      /* track node number */
	double cost;
};

static int
pair_cmp(const void *a, const void *b);

static int
uf_find(int *par, int i)
{
	while (par[i] != i) {
		par[i] = par[par[i]];
		i = par[i];
	}
	return i;
}

static int
pair_cmp(const void *a, const void *b)
{
	const struct gpair *x = a, *y = b;

	if (x->cost != y->cost)
		return x->cost < y->cost ? -1 : 1;
	if (x->det != y->det)
		return x->det - y->det;
	return x->tx - y->tx;
}

/*
 * Could a near track be within rad (the largest gate of a near track) of
 * d? Its position at d->t is within bspeed * |t - bt| of where it is
 * binned; an equirectangular distance is close enough for a bound (the
 * 5% slack covers it at these distances).
 */
static bool
prefilter(const struct gnode *n, const struct pending_det *d, double rad,
    double c)
{
	double dy = (n->blat - d->lat) * 111195.0;
	double dx = (n->blon - d->lon) * 111195.0 * c;
	double lim = rad + n->bspeed * fabs((double)(d->t - n->bt)) / 1000.0;

	if (dx > 180 * 111195.0 || dx < -180 * 111195.0)
		return true; /* across 180: let the exact test decide */
	return dx * dx + dy * dy <= lim * lim * 1.1025;
}

/* Gated pairs of every pending detection; returns how many. */
static size_t
gate_all(pic *p, struct gpair **pairs, int32_t *cand, size_t maxc)
{
	size_t np = 0, cap = 0;
	double k = p->rules.gate_k;

	for (size_t i = 0; i < p->npend; i++) {
		const struct pending_det *d = &p->pend[i];
		double rad = k * sqrt(d->ce * d->ce + NEAR_SIGMA_M *
		    NEAR_SIGMA_M);
		size_t nc = grid_near(p, d->lat, d->lon, rad, d->t, cand, maxc);
		double cosd = cos(d->lat * (M_PI / 180));
		for (size_t c = 0; c < nc; c++) {
			struct trk_x *x = &p->tx[cand[c]];
			const struct gnode *n = &p->gn[cand[c]];
			const struct track *tr;
			double lat, lon, sig, dist, s2;
			if (!n->far && !prefilter(n, d, rad, cosd))
				continue;
			if ((tr = trk_track(p, x)) == NULL && !x->gone) {
				grid_remove(p, x);
				continue;
			}
			if (tr == NULL || !tr->has_pos ||
			    d->t - tr->t_last > p->rules.assoc_max_age ||
			    !track_predict(tr, d->t, &lat, &lon))
				continue;
			sig = isfinite(tr->speed) ? p->rules.sigma_m +
			    p->rules.sigma_frac * tr->speed * 0.514444 *
			    fabs((double)(d->t - tr->t_pos)) / 1000.0 :
			    track_uncertainty_m(tr, d->t);
			s2 = d->ce * d->ce + sig * sig;
			dist = geo_dist_m(d->lat, d->lon, lat, lon);
			if (dist * dist > k * k * s2)
				continue;
			if (np == cap) {
				cap = cap ? cap * 2 : 64;
				struct gpair *nw = realloc(*pairs, cap *
				    sizeof *nw);
				if (nw == NULL)
					return np;
				*pairs = nw;
			}
			(*pairs)[np++] = (struct gpair){ (int)i, cand[c], -1,
			    dist * dist / s2 };
		}
	}
	return np;
}

static int
pair_by_tx(const void *a, const void *b)
{
	const struct gpair *x = a, *y = b;

	if (x->tx != y->tx)
		return x->tx < y->tx ? -1 : 1;
	return x->det - y->det;
}

/* Number the distinct tracks of the pairs as nodes base, base + 1, ... */
static int
number_tracks(struct gpair *pr, size_t np, int base)
{
	int next = base;

	qsort(pr, np, sizeof *pr, pair_by_tx);
	for (size_t i = 0; i < np; i++)
		pr[i].tcol = i > 0 && pr[i].tx == pr[i - 1].tx ?
		    pr[i - 1].tcol : next++;
	return next;
}

struct comp {
	int *par;      /* union-find over detections and track nodes */
	int *root;     /* per pair: its component's root */
	int *rows;     /* detections sorted by root */
	int *rowpos;   /* detection -> local row in its component */
	int *colpos;   /* track node -> local column, -1 */
};

static const int *sort_root; /* qsort has no context argument */

static int
by_root(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	if (sort_root[x] != sort_root[y])
		return sort_root[x] - sort_root[y];
	return x - y;
}

static const struct comp *sort_comp;

static int
pair_by_root(const void *a, const void *b)
{
	const struct gpair *x = a, *y = b;
	int rx = sort_comp->par[x->det], ry = sort_comp->par[y->det];

	if (rx != ry)
		return rx - ry;
	if (x->det != y->det)
		return x->det - y->det;
	return x->tcol - y->tcol;
}

/* Solve one component: rows[0..nr), pairs pr[0..np) (its own). */
static void
solve_component(pic *p, struct comp *c, const int *rows, int nr,
    struct gpair *pr, size_t np, int *match, bool *taken)
{
	double k2 = p->rules.gate_k * p->rules.gate_k, *cost;
	int nc = 0, m, *col, cols[4 * ASSIGN_MAX];

	for (int r = 0; r < nr; r++)
		c->rowpos[rows[r]] = r;
	for (size_t i = 0; i < np; i++)
		if (c->colpos[pr[i].tcol] < 0) {
			if (nc == 4 * ASSIGN_MAX || nr > ASSIGN_MAX)
				goto greedy;
			cols[nc] = pr[i].tcol;
			c->colpos[pr[i].tcol] = nc++;
		}
	m = nc + nr;
	cost = malloc((size_t)nr * (size_t)m * sizeof *cost);
	col = malloc((size_t)nr * sizeof *col);
	if (cost == NULL || col == NULL) {
		free(cost);
		free(col);
		goto greedy;
	}
	for (int r = 0; r < nr; r++)
		for (int j = 0; j < m; j++)
			cost[(size_t)r * (size_t)m + (size_t)j] = j - nc == r ?
			    k2 : 1e12;
	for (size_t i = 0; i < np; i++)
		cost[(size_t)c->rowpos[pr[i].det] * (size_t)m +
		    (size_t)c->colpos[pr[i].tcol]] = pr[i].cost;
	assign_min(cost, nr, m, col);
	for (int r = 0; r < nr; r++)
		if (col[r] >= 0 && col[r] < nc)
			match[rows[r]] = cols[col[r]];
	free(cost);
	free(col);
	for (int j = 0; j < nc; j++)
		c->colpos[cols[j]] = -1;
	return;
greedy:
	/* too large for the exact method: cheapest pairs first */
	for (int j = 0; j < nc; j++)
		c->colpos[cols[j]] = -1;
	qsort(pr, np, sizeof *pr, pair_cmp);
	for (size_t i = 0; i < np; i++)
		if (match[pr[i].det] < 0 && !taken[pr[i].tcol]) {
			match[pr[i].det] = pr[i].tcol;
			taken[pr[i].tcol] = true;
		}
}

static void
assign_all(pic *p, struct gpair *pr, size_t np, int *match)
{
	int P = (int)p->npend, N = number_tracks(pr, np, P);
	struct comp c = { 0 };
	bool *taken = calloc((size_t)N, sizeof *taken);
	size_t i, j;
	int r0, r1;

	c.par = malloc((size_t)N * sizeof *c.par);
	c.rows = malloc((size_t)P * sizeof *c.rows);
	c.rowpos = malloc((size_t)P * sizeof *c.rowpos);
	c.colpos = malloc((size_t)N * sizeof *c.colpos);
	if (taken == NULL || c.par == NULL || c.rows == NULL ||
	    c.rowpos == NULL || c.colpos == NULL)
		goto out;
	for (int k = 0; k < N; k++) {
		c.par[k] = k;
		c.colpos[k] = -1;
	}
	for (i = 0; i < np; i++) {
		int a = uf_find(c.par, pr[i].det), b = uf_find(c.par, pr[i].tcol);
		if (a != b)
			c.par[a < b ? b : a] = a < b ? a : b;
	}
	for (int k = 0; k < N; k++)
		c.par[k] = uf_find(c.par, k);
	for (int k = 0; k < P; k++)
		c.rows[k] = k;
	sort_root = c.par;
	qsort(c.rows, (size_t)P, sizeof *c.rows, by_root);
	sort_comp = &c;
	qsort(pr, np, sizeof *pr, pair_by_root);
	sort_comp = NULL;
	sort_root = NULL;
	/* walk the components: rows[r0..r1) and pr[i..j) share a root */
	for (r0 = 0, i = 0; r0 < P; r0 = r1) {
		int root = c.par[c.rows[r0]];
		for (r1 = r0; r1 < P && c.par[c.rows[r1]] == root; r1++)
			;
		for (j = i; j < np && c.par[pr[j].det] == root; j++)
			;
		if (j > i)
			solve_component(p, &c, c.rows + r0, r1 - r0, pr + i,
			    j - i, match, taken);
		i = j;
	}
out:
	free(taken);
	free(c.par);
	free(c.rows);
	free(c.rowpos);
	free(c.colpos);
}

void
assoc_flush(pic *p)
{
	struct gpair *pr = NULL;
	int32_t cand[4096], *node_tx = NULL;
	int *match;
	size_t np;

	if (p->npend == 0)
		return;
	if ((match = malloc(p->npend * sizeof *match)) == NULL) {
		p->npend = 0;
		return;
	}
	for (size_t i = 0; i < p->npend; i++)
		match[i] = -1;
	np = gate_all(p, &pr, cand, sizeof cand / sizeof cand[0]);
	if (np > 0)
		assign_all(p, pr, np, match);
	/* track nodes are numbered from npend: node -> track extras */
	if (np > 0 && (node_tx = malloc((p->npend + np) *
	    sizeof *node_tx)) != NULL)
		for (size_t j = 0; j < np; j++)
			node_tx[pr[j].tcol] = pr[j].tx;
	for (size_t i = 0; i < p->npend; i++) {
		struct gent *d = &p->g[PIC_DETECTION].v[p->pend[i].gi];
		char trk[24] = "";
		if (match[i] >= 0 && node_tx != NULL)
			snprintf(trk, sizeof trk, "mmsi:%u",
			    p->tx[node_tx[match[i]]].mmsi);
		corr_detection(p, d, trk[0] == '\0', trk);
	}
	free(node_tx);
	free(pr);
	free(match);
	p->npend = 0;
	pic_bump(p, PIC_DETECTION);
}
