/*
 * layers.c: entities over the map (layers.h). Three passes over the
 * entities on screen: count per cell (declutter), areas and trails, then
 * symbols and counts, then labels. Colours by domain and affiliation:
 * AIS tracks neutral (green), unidentified detections unknown (yellow),
 * space objects SPACE, alerts CYBER_ALERT (high severity) or UNKNOWN,
 * interference areas INTERFERENCE. Known limits: interference polygons
 * (`area`) are drawn as their centre only; affiliation is not known from
 * AIS, so every ship is neutral until the picture says otherwise.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ui/layers.h"

#define DEG2RAD (3.14159265358979323846 / 180.0)
#define EARTH_NM 3440.065

static bool
wanted(const struct ev_ent *e, const struct layer_opts *o)
{
	const char *d = tcop_kind_domain(e->kind);

	if (e->cleared)
		return false;
	if (strcmp(d, "maritime") == 0)
		return o->maritime;
	if (strcmp(d, "space") == 0)
		return o->space;
	if (strcmp(d, "cyber") == 0)
		return o->cyber;
	return o->other;
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

static void
ent_glyph(const struct ev_ent *e, bool ascii, uint32_t *ch,
    enum canvas_role *role)
{
	switch (e->kind) {
	case TCOP_K_TRACK:
		*ch = layers_ship_glyph(e->course, ascii);
		*role = ROLE_NEUTRAL;
		break;
	case TCOP_K_DETECTION:
		*ch = ascii ? 'x' : 0x25c7;
		*role = ROLE_UNKNOWN;
		break;
	case TCOP_K_ELEMENTS:
	case TCOP_K_CONJUNCTION:
	case TCOP_K_SPACE_EVENT:
		*ch = ascii ? '@' : 0x25c9;
		*role = ROLE_SPACE;
		break;
	case TCOP_K_ALERT:
	case TCOP_K_INDICATOR:
	case TCOP_K_SIGHTING:
		*ch = '!';
		*role = e->severity >= 1 && e->severity <= 2 ? ROLE_CYBER_ALERT :
		    ROLE_UNKNOWN;
		break;
	case TCOP_K_INTERFERENCE:
		*ch = ascii ? 'J' : 0x25ce;
		*role = ROLE_INTERFERENCE;
		break;
	default:
		*ch = ascii ? '+' : 0x2022;
		*role = ROLE_LABEL;
		break;
	}
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

static bool
inside(const struct viewport *vp, const struct ev_ent *e, double r_nm, int x,
    int y)
{
	double lat, lon;

	if (x < 0 || y < 0 || x >= vp->w || y >= vp->h)
		return false;
	proj_cell_to_ll(vp, x + 0.5, y + 0.5, &lat, &lon);
	return dist_nm(e->lat, e->lon, lat, lon) <= r_nm;
}

/* A circle of radius_m: an outline, and a hatch inside. */
static void
draw_area(struct canvas *c, const struct viewport *vp, const struct ev_ent *e,
    bool ascii, uint8_t *occ)
{
	double r_nm = e->radius_m / 1852.0, fx, fy, npc, rx, ry, lat2, dummy;
	int x0, x1, y0, y1;

	if (!(r_nm > 0) || r_nm > 3000)
		return;
	proj_ll_to_cell(vp, e->lat, e->lon, &fx, &fy);
	npc = viewport_nm_per_cell(vp);
	rx = r_nm / npc + 1;
	lat2 = e->lat + r_nm / 60.0;
	proj_ll_to_cell(vp, lat2 > 89 ? 89 : lat2, e->lon, &dummy, &ry);
	ry = fabs(fy - ry) + 1;
	x0 = (int)floor(fx - rx); x1 = (int)ceil(fx + rx);
	y0 = (int)floor(fy - ry); y1 = (int)ceil(fy + ry);
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
				canvas_put(c, x, y, ascii ? 'o' : 0x2218,
				    ROLE_INTERFERENCE);
			else if ((x + y) % 3 == 0)
				canvas_put(c, x, y, ascii ? '/' : 0x2571,
				    ROLE_INTERFERENCE);
			else
				continue;
			occ[y * c->w + x] = LC_AREA;
		}
}

static void
draw_trail(struct canvas *c, const struct viewport *vp, const struct ev_ent *e,
    bool ascii, uint8_t *occ)
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
is_sel(const struct ev_ent *e, const struct layer_opts *o)
{
	return o->selected != NULL && strcmp(e->id, o->selected) == 0;
}

static void
draw_label(struct canvas *c, const struct ev_ent *e, int x, int y,
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

int
layers_draw(struct canvas *c, const struct viewport *vp,
    const struct evstore *s, const struct layer_opts *o, uint8_t *scratch)
{
	size_t n = (size_t)c->w * c->h;
	int on = 0, x, y;
	const struct ev_ent *sel = NULL;
	double lim = o->label_nm_per_cell > 0 ? o->label_nm_per_cell : 5.0;

	memset(scratch, 0, n);
	for (size_t i = 0; i < s->nent; i++) {
		const struct ev_ent *e = &s->ents[i];

		if (!wanted(e, o))
			continue;
		if (e->kind == TCOP_K_INTERFERENCE)
			draw_area(c, vp, e, o->ascii, scratch);
		if (o->trails_all || is_sel(e, o))
			draw_trail(c, vp, e, o->ascii, scratch);
	}
	/* Count the entities per cell as 16 + count - 1 in the scratch. */
	for (size_t i = 0; i < s->nent; i++) {
		const struct ev_ent *e = &s->ents[i];
		uint8_t *p;

		if (!wanted(e, o) || !cell_of(vp, e->lat, e->lon, &x, &y))
			continue;
		on++;
		p = &scratch[(size_t)y * c->w + x];
		*p = *p < LC_SYMBOL ? 16 : (*p < 255 ? *p + 1 : 255);
		if (is_sel(e, o))
			sel = e;
	}
	for (size_t i = 0; i < s->nent; i++) {
		const struct ev_ent *e = &s->ents[i];
		uint8_t *p;
		uint32_t ch;
		enum canvas_role role;
		int k;

		if (!wanted(e, o) || !cell_of(vp, e->lat, e->lon, &x, &y))
			continue;
		p = &scratch[(size_t)y * c->w + x];
		if (*p < 16)
			continue; /* already drawn */
		k = *p - 15;
		ent_glyph(e, o->ascii, &ch, &role);
		if (k > 1)
			ch = k <= 9 ? (uint32_t)('0' + k) : '+';
		if (k > 1 && role != ROLE_CYBER_ALERT)
			role = ROLE_UNKNOWN;
		canvas_put(c, x, y, ch, role);
		*p = LC_SYMBOL;
	}
	if (sel != NULL && cell_of(vp, sel->lat, sel->lon, &x, &y)) {
		const struct canvas_cell *cc = canvas_at(c, x, y);
		canvas_put(c, x, y, cc->ch, ROLE_SELECT);
		scratch[(size_t)y * c->w + x] = LC_SELECTED;
	}
	if (!o->labels || viewport_nm_per_cell(vp) > lim)
		return on;
	if (sel != NULL && cell_of(vp, sel->lat, sel->lon, &x, &y))
		draw_label(c, sel, x, y, scratch, true);
	for (size_t i = 0; i < s->nent; i++) {
		const struct ev_ent *e = &s->ents[i];

		if (!wanted(e, o) || e == sel ||
		    !cell_of(vp, e->lat, e->lon, &x, &y))
			continue;
		draw_label(c, e, x, y, scratch, false);
	}
	return on;
}

const struct ev_ent *
layers_pick(const struct viewport *vp, const struct evstore *s,
    const struct layer_opts *o, int x, int y)
{
	const struct ev_ent *best = NULL;

	for (size_t i = 0; i < s->nent; i++) {
		const struct ev_ent *e = &s->ents[i];
		int ex, ey;

		if (!wanted(e, o) || !cell_of(vp, e->lat, e->lon, &ex, &ey))
			continue;
		if (abs(ex - x) <= 1 && ey == y &&
		    (best == NULL || e->last_row > best->last_row))
			best = e;
	}
	return best;
}
