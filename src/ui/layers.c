/*
 * layers.c: entities over the map (layers.h). Three passes over the
 * entities on screen: count per cell (declutter), areas and trails, then
 * symbols and counts, then labels. Colours by domain and affiliation:
 * AIS tracks neutral (green), detections unknown (yellow), dark contacts
 * hostile (red), space objects SPACE, alerts and assets by their worst
 * open alert (severity 1-2 CYBER_ALERT, 3-4 UNKNOWN, none FRIEND),
 * interference areas INTERFERENCE. Known limit: affiliation is not known
 * from AIS, so every ship is neutral until the picture says otherwise.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/layers.h"

#define DEG2RAD (3.14159265358979323846 / 180.0)
#define EARTH_NM 3440.065

bool
layers_wanted(enum layer_kind k, const struct layer_opts *o)
{
	switch (k) {
	case LK_SHIP: case LK_DETECTION: case LK_DARK: return o->maritime;
	case LK_SAT: return o->space;
	case LK_ASSET: case LK_ALERT: case LK_AREA: return o->cyber;
	default: return o->other;
	}
}

uint32_t
layers_ship_glyph(double course, bool ascii)
{
	static const uint32_t uni[8] = { 0x2191, 0x2197, 0x2192, 0x2198, 0x2193,
		0x2199, 0x2190, 0x2196 };
	static const char asc[8] = { '^', '/', '>', '\\', 'v', '/', '<', '\\' };
	int i;

	if (!isfinite(course) || course < 0 || course >= 360)
		return ascii ? 'o' : 0x25cb;
	i = (int)floor(fmod(course + 22.5, 360.0) / 45.0) & 7;
	return ascii ? (uint32_t)asc[i] : uni[i];
}

static enum canvas_role
sev_role(int severity)
{
	if (severity >= 1 && severity <= 2)
		return ROLE_CYBER_ALERT;
	return severity > 2 ? ROLE_UNKNOWN : ROLE_FRIEND;
}

static void
item_glyph(const struct layer_item *e, bool ascii, uint32_t *ch,
    enum canvas_role *role)
{
	switch (e->kind) {
	case LK_SHIP:
		*ch = layers_ship_glyph(e->course, ascii);
		*role = e->hostile ? ROLE_HOSTILE : ROLE_NEUTRAL;
		break;
	case LK_DETECTION:
	case LK_DARK:
		*ch = ascii ? 'x' : 0x25c7;
		*role = e->kind == LK_DARK || e->hostile ? ROLE_HOSTILE :
		    ROLE_UNKNOWN;
		break;
	case LK_SAT:
		*ch = ascii ? '@' : 0x25c9;
		*role = ROLE_SPACE;
		break;
	case LK_ASSET:
		*ch = ascii ? 'A' : 0x25a3;
		*role = sev_role(e->severity);
		break;
	case LK_ALERT:
		*ch = '!';
		*role = sev_role(e->severity < 0 ? 3 : e->severity);
		break;
	case LK_AREA:
		*ch = ascii ? 'J' : 0x25ce;
		*role = ROLE_INTERFERENCE;
		break;
	default:
		*ch = ascii ? '+' : 0x2022;
		*role = ROLE_LABEL;
		break;
	}
	if (e->stale && *role != ROLE_CYBER_ALERT)
		*role = ROLE_TRAIL;
}

void
layers_glyph(enum layer_kind k, bool ascii, uint32_t *ch,
    enum canvas_role *role)
{
	struct layer_item e = { .kind = k, .course = 0, .severity = 1 };

	item_glyph(&e, ascii, ch, role);
}

/* The cell of an entity, false if off the map. */
static bool
cell_of(const struct viewport *vp, double lat, double lon, int *x, int *y)
{
	double fx, fy;

	proj_ll_to_cell(vp, lat, lon, &fx, &fy);
	if (!(fx >= 0 && fy >= 0 && fx < vp->w && fy < vp->h))
		return false;
	*x = (int)fx;
	*y = (int)fy;
	return true;
}

static double
dist_nm(double lat1, double lon1, double lat2, double lon2)
{
	double a = sin((lat2 - lat1) * DEG2RAD / 2), b = sin((lon2 - lon1) *
	    DEG2RAD / 2);
	double h = a * a + cos(lat1 * DEG2RAD) * cos(lat2 * DEG2RAD) * b * b;

	return 2 * EARTH_NM * asin(sqrt(h < 1 ? h : 1));
}

/* Ray casting over a [lon, lat] ring. */
static bool
in_poly(const double (*v)[2], int n, double lat, double lon)
{
	bool in = false;

	for (int i = 0, j = n - 1; i < n; j = i++)
		if ((v[i][1] > lat) != (v[j][1] > lat) &&
		    lon < (v[j][0] - v[i][0]) * (lat - v[i][1]) /
		    (v[j][1] - v[i][1]) + v[i][0])
			in = !in;
	return in;
}

static bool
inside(const struct viewport *vp, const struct layer_item *e, double r_nm,
    int x, int y)
{
	double lat, lon;

	if (x < 0 || y < 0 || x >= vp->w || y >= vp->h)
		return false;
	proj_cell_to_ll(vp, x + 0.5, y + 0.5, &lat, &lon);
	if (e->narea >= 3)
		return in_poly(e->area, e->narea, lat, lon);
	return dist_nm(e->lat, e->lon, lat, lon) <= r_nm;
}

/* A circle of radius_m: an outline, and a hatch inside. */
static void
area_box(const struct viewport *vp, const struct layer_item *e, double r_nm,
    int *x0, int *y0, int *x1, int *y1)
{
	double fx, fy, rx, ry, lat2, dummy;

	if (e->narea >= 3) {
		double ax = 1e9, ay = 1e9, bx = -1e9, by = -1e9;
		for (int i = 0; i < e->narea; i++) {
			proj_ll_to_cell(vp, e->area[i][1], e->area[i][0], &fx, &fy);
			ax = fmin(ax, fx); bx = fmax(bx, fx);
			ay = fmin(ay, fy); by = fmax(by, fy);
		}
		*x0 = (int)floor(fmax(ax, -1)); *x1 = (int)ceil(fmin(bx, vp->w));
		*y0 = (int)floor(fmax(ay, -1)); *y1 = (int)ceil(fmin(by, vp->h));
		return;
	}
	proj_ll_to_cell(vp, e->lat, e->lon, &fx, &fy);
	rx = r_nm / viewport_nm_per_cell(vp) + 1;
	lat2 = e->lat + r_nm / 60.0;
	proj_ll_to_cell(vp, lat2 > 89 ? 89 : lat2, e->lon, &dummy, &ry);
	ry = fabs(fy - ry) + 1;
	*x0 = (int)floor(fmax(fx - rx, -1)); *x1 = (int)ceil(fmin(fx + rx, vp->w));
	*y0 = (int)floor(fmax(fy - ry, -1)); *y1 = (int)ceil(fmin(fy + ry, vp->h));
}

/* An area (circle of radius_m, or polygon): outline, hatch if hatch. */
static void
draw_area(struct canvas *c, const struct viewport *vp,
    const struct layer_item *e, bool ascii, bool hatch,
    enum canvas_role role, uint8_t *occ)
{
	double r_nm = e->radius_m / 1852.0;
	int x0, x1, y0, y1;

	if (e->narea < 3 && (!(r_nm > 0) || r_nm > 6000))
		return;
	area_box(vp, e, r_nm, &x0, &y0, &x1, &y1);
	if (x0 < 0) x0 = 0;
	if (y0 < 0) y0 = 0;
	if (x1 >= c->w) x1 = c->w - 1;
	if (y1 >= c->h) y1 = c->h - 1;
	for (int y = y0; y <= y1; y++)
		for (int x = x0; x <= x1; x++) {
			bool edge;

			if (!inside(vp, e, r_nm, x, y))
				continue;
			edge = !inside(vp, e, r_nm, x - 1, y) ||
			    !inside(vp, e, r_nm, x + 1, y) ||
			    !inside(vp, e, r_nm, x, y - 1) ||
			    !inside(vp, e, r_nm, x, y + 1);
			if (edge)
				canvas_put(c, x, y, ascii ? 'o' : 0x2218, role);
			else if (hatch && (x + y) % 3 == 0)
				canvas_put(c, x, y, ascii ? '/' : 0x2571, role);
			else
				continue;
			occ[y * c->w + x] = LC_AREA;
		}
}

static void
draw_trail(struct canvas *c, const struct viewport *vp,
    const struct layer_item *e, bool ascii, uint8_t *occ)
{
	for (int i = 0; i < e->ntrail; i++) {
		int x, y;

		if (!cell_of(vp, e->trail[i][0], e->trail[i][1], &x, &y) ||
		    occ[y * c->w + x] >= LC_TRAIL)
			continue;
		canvas_put(c, x, y, ascii ? '.' : 0x00b7, ROLE_TRAIL);
		occ[y * c->w + x] = LC_TRAIL;
	}
}

static bool
is_sel(const struct layer_item *e, const struct layer_opts *o)
{
	return o->selected != NULL && strcmp(e->id, o->selected) == 0;
}

static void
draw_label(struct canvas *c, const struct layer_item *e, int x, int y,
    uint8_t *occ, bool sel)
{
	const char *name = e->name[0] ? e->name : e->id;
	int n = (int)strnlen(name, 16);

	while (n > 0 && name[n - 1] == ' ')
		n--;
	if (n == 0 || x + 1 + n > c->w)
		return;
	for (int i = 1; i <= n + (x + n + 1 < c->w); i++)
		if (occ[y * c->w + x + i] >= LC_LABEL)
			return;
	for (int i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)name[i];
		canvas_put(c, x + 1 + i, y, ch >= ' ' && ch < 127 ? ch : '?',
		    sel ? ROLE_SELECT : ROLE_LABEL);
		occ[y * c->w + x + 1 + i] = LC_LABEL;
	}
}

/* The selected satellite: ground track (past dots, future arrows), footprint. */
static void
draw_gtrack(struct canvas *c, const struct viewport *vp,
    const struct layer_opts *o, const struct layer_item *sel, uint8_t *occ)
{
	for (int i = 0; i < o->ngtrack; i++) {
		int x, y;
		uint32_t ch;

		if (!cell_of(vp, o->gtrack[i][0], o->gtrack[i][1], &x, &y) ||
		    occ[y * c->w + x] >= LC_TRAIL)
			continue;
		if (i < o->gtrack_now)
			ch = o->ascii ? '.' : 0x00b7;
		else if (i + 1 < o->ngtrack) {
			double dlat = o->gtrack[i + 1][0] - o->gtrack[i][0];
			double dlon = remainder(o->gtrack[i + 1][1] -
			    o->gtrack[i][1], 360.0) * cos(o->gtrack[i][0] * DEG2RAD);
			double brg = fmod(atan2(dlon, dlat) / DEG2RAD + 360, 360);
			ch = layers_ship_glyph(brg, o->ascii);
		} else
			ch = o->ascii ? '+' : 0x2022;
		canvas_put(c, x, y, ch, ROLE_SPACE);
		occ[y * c->w + x] = LC_TRAIL;
	}
	if (sel != NULL && o->footprint_km > 0) {
		struct layer_item fp = *sel;
		fp.narea = 0;
		fp.radius_m = o->footprint_km * 1000;
		draw_area(c, vp, &fp, o->ascii, false, ROLE_SPACE, occ);
	}
}

int
layers_draw(struct canvas *c, const struct viewport *vp,
    const struct layer_item *items, size_t n, const struct layer_opts *o,
    uint8_t *scratch)
{
	size_t cells = (size_t)c->w * c->h;
	int on = 0, x, y;
	const struct layer_item *sel = NULL;
	double lim = o->label_nm_per_cell > 0 ? o->label_nm_per_cell : 5.0;

	memset(scratch, 0, cells);
	for (size_t i = 0; i < n; i++) {
		const struct layer_item *e = &items[i];

		if (!layers_wanted(e->kind, o))
			continue;
		if (e->kind == LK_AREA)
			draw_area(c, vp, e, o->ascii, !e->stale,
			    e->stale ? ROLE_TRAIL : ROLE_INTERFERENCE, scratch);
		if (o->trails_all || is_sel(e, o))
			draw_trail(c, vp, e, o->ascii, scratch);
		if (is_sel(e, o))
			sel = e;
	}
	if (sel != NULL && sel->kind == LK_SAT)
		draw_gtrack(c, vp, o, sel, scratch);
	/* Count the items per cell as 16 + count - 1 in the scratch. */
	for (size_t i = 0; i < n; i++) {
		const struct layer_item *e = &items[i];
		uint8_t *p;

		if (!layers_wanted(e->kind, o) || !cell_of(vp, e->lat, e->lon, &x, &y))
			continue;
		on++;
		p = &scratch[(size_t)y * c->w + x];
		*p = *p < LC_SYMBOL ? 16 : (*p < 255 ? *p + 1 : 255);
	}
	for (size_t i = 0; i < n; i++) {
		const struct layer_item *e = &items[i];
		uint8_t *p;
		uint32_t ch;
		enum canvas_role role;
		int k;

		if (!layers_wanted(e->kind, o) || !cell_of(vp, e->lat, e->lon, &x, &y))
			continue;
		p = &scratch[(size_t)y * c->w + x];
		if (*p < 16)
			continue; /* already drawn */
		k = *p - 15;
		item_glyph(e, o->ascii, &ch, &role);
		if (k > 1)
			ch = k <= 9 ? (uint32_t)('0' + k) : '+';
		if (k > 1 && role != ROLE_CYBER_ALERT && role != ROLE_HOSTILE)
			role = ROLE_UNKNOWN;
		canvas_put(c, x, y, ch, role);
		*p = LC_SYMBOL;
	}
	/* Incident members and the selection on top, whatever the count. */
	for (size_t i = 0; i < n; i++) {
		const struct layer_item *e = &items[i];
		const struct canvas_cell *cc;

		if ((!e->highlight && e != sel) || !layers_wanted(e->kind, o) ||
		    !cell_of(vp, e->lat, e->lon, &x, &y))
			continue;
		cc = canvas_at(c, x, y);
		canvas_put(c, x, y, cc->ch, ROLE_SELECT);
		scratch[(size_t)y * c->w + x] = LC_SELECTED;
	}
	if (!o->labels || viewport_nm_per_cell(vp) > lim)
		return on;
	if (sel != NULL && cell_of(vp, sel->lat, sel->lon, &x, &y))
		draw_label(c, sel, x, y, scratch, true);
	for (size_t i = 0; i < n; i++) {
		const struct layer_item *e = &items[i];

		if (!layers_wanted(e->kind, o) || e == sel ||
		    !cell_of(vp, e->lat, e->lon, &x, &y))
			continue;
		draw_label(c, e, x, y, scratch, false);
	}
	return on;
}

const struct layer_item *
layers_pick(const struct viewport *vp, const struct layer_item *items,
    size_t n, const struct layer_opts *o, int x, int y)
{
	const struct layer_item *best = NULL;
	int bd = 99;

	for (size_t i = 0; i < n; i++) {
		const struct layer_item *e = &items[i];
		int ex, ey, d;

		if (!layers_wanted(e->kind, o) || !cell_of(vp, e->lat, e->lon, &ex, &ey))
			continue;
		d = abs(ex - x);
		if (d > 1 || ey != y)
			continue;
		if (best == NULL || d < bd || (d == bd && e->order > best->order)) {
			best = e;
			bd = d;
		}
	}
	return best;
}

static enum layer_kind
kind_of_topic(tcop_kind k)
{
	switch (k) {
	case TCOP_K_TRACK: return LK_SHIP;
	case TCOP_K_DETECTION: return LK_DETECTION;
	case TCOP_K_ELEMENTS: case TCOP_K_CONJUNCTION:
	case TCOP_K_SPACE_EVENT: return LK_SAT;
	case TCOP_K_ALERT: case TCOP_K_INDICATOR:
	case TCOP_K_SIGHTING: return LK_ALERT;
	case TCOP_K_INTERFERENCE: return LK_AREA;
	default: return LK_OTHER;
	}
}

size_t
layers_from_store(const struct evstore *s, struct layer_item *items,
    size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < s->nent && n < max; i++) {
		const struct ev_ent *e = &s->ents[i];
		struct layer_item *it = &items[n];

		if (e->cleared)
			continue;
		memset(it, 0, sizeof *it);
		it->kind = kind_of_topic(e->kind);
		snprintf(it->id, sizeof it->id, "%s", e->id);
		snprintf(it->name, sizeof it->name, "%.23s", e->name);
		it->lat = e->lat;
		it->lon = e->lon;
		it->course = e->course;
		it->radius_m = e->radius_m;
		it->severity = e->severity;
		it->ntrail = e->ntrail;
		it->trail = (const float (*)[2])e->trail;
		it->cls = e->cls;
		it->nrel = e->nrel;
		memcpy(it->rel, e->rel, sizeof it->rel);
		it->order = e->last_row;
		n++;
	}
	return n;
}
