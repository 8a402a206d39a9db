/*
 * nextpass.c: the next-pass cache of nextpass.h. Each slot holds one
 * satellite's answer with what it depends on (NORAD id, epoch, site,
 * search start); a collision simply replaces the slot.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ui/nextpass.h"

struct np_slot {
	uint32_t norad;          /* 0: empty */
	tcop_ms epoch;
	double lat, lon;
	tcop_ms from;            /* the search's start */
	bool found;
	struct orb_pass pass;
};

struct np_cache {
	struct np_slot *slot;
	size_t mask;
	unsigned long searches;
};

struct np_cache *
np_create(unsigned bits)
{
	struct np_cache *c;

	if (bits < 4 || bits > 20 || (c = calloc(1, sizeof *c)) == NULL)
		return NULL;
	c->mask = ((size_t)1 << bits) - 1;
	if ((c->slot = calloc(c->mask + 1, sizeof *c->slot)) == NULL) {
		free(c);
		return NULL;
	}
	return c;
}

void
np_destroy(struct np_cache *c)
{
	if (c == NULL)
		return;
	free(c->slot);
	free(c);
}

unsigned long
np_searches(const struct np_cache *c)
{
	return c->searches;
}

static bool
valid(const struct np_slot *s, const struct sat_obj *o, double lat,
    double lon, tcop_ms now)
{
	double dlon = fabs(lon - s->lon);

	if (s->norad != o->el.norad || s->epoch != o->el.epoch_ms ||
	    fabs(lat - s->lat) > NP_SITE_DEG ||
	    fmin(dlon, 360 - dlon) > NP_SITE_DEG || now < s->from)
		return false;
	return s->found ? now <= s->pass.los : now < s->from + 3600000;
}

bool
np_site(const struct pic_entity *e, double *lat, double *lon)
{
	double sla = 0, slo = 0, lo0;

	if (e->narea >= 3 && e->area != NULL) {
		lo0 = e->area[0][0];
		for (int i = 0; i < e->narea; i++) {
			double d = e->area[i][0] - lo0;

			d -= 360.0 * floor((d + 180.0) / 360.0);
			slo += lo0 + d;
			sla += e->area[i][1];
		}
		*lat = sla / e->narea;
		*lon = slo / e->narea;
		*lon -= 360.0 * floor((*lon + 180.0) / 360.0);
		return true;
	}
	if (!e->has_pos || !isfinite(e->lat) || !isfinite(e->lon))
		return false;
	*lat = e->lat;
	*lon = e->lon;
	return true;
}

enum np_result
np_next(struct np_cache *c, const struct sat_obj *o, double lat, double lon,
    tcop_ms now, int *budget, struct orb_pass *out)
{
	struct np_slot *s = &c->slot[o->el.norad & c->mask];
	struct orb_site site = { lat, lon, 0 };
	elsetrec rec;

	if (!valid(s, o, lat, lon, now)) {
		if (*budget <= 0)
			return NP_PENDING;
		(*budget)--;
		c->searches++;
		rec = o->rec; /* orb_passes propagates: the picture's stays */
		s->norad = o->el.norad;
		s->epoch = o->el.epoch_ms;
		s->lat = lat;
		s->lon = lon;
		s->from = now;
		s->found = o->err == 0 && orb_passes(&rec, &site, NP_MIN_EL,
		    now, now + NP_HORIZON, &s->pass, 1) == 1;
	}
	if (!s->found)
		return NP_NONE;
	*out = s->pass;
	return NP_FOUND;
}
