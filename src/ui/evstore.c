/*
 * evstore.c: the viewer's ring of recent events and table of positioned
 * entities (evstore.h). The entity table is open addressing on FNV-1a of
 * the id, never shrinking; an entity stays until the viewer exits (bounded
 * by ent_cap). Known limit: entities are not aged out here; the picture
 * model does that for tracks.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ui/evstore.h"

static void
copy_str(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

struct evstore *
evstore_create(size_t cap, size_t ent_cap)
{
	struct evstore *s;

	if (cap == 0 || ent_cap == 0 || (s = calloc(1, sizeof *s)) == NULL)
		return NULL;
	s->cap = cap;
	s->ent_cap = ent_cap;
	s->hash_cap = 16;
	while (s->hash_cap < 2 * ent_cap)
		s->hash_cap <<= 1;
	s->rows = calloc(cap, sizeof *s->rows);
	s->ents = calloc(ent_cap, sizeof *s->ents);
	s->ent_hash = calloc(s->hash_cap, sizeof *s->ent_hash);
	s->next_n = 1;
	s->latest_t = TCOP_MS_NONE;
	if (s->rows == NULL || s->ents == NULL || s->ent_hash == NULL) {
		evstore_destroy(s);
		return NULL;
	}
	return s;
}

void
evstore_destroy(struct evstore *s)
{
	if (s == NULL)
		return;
	free(s->rows);
	free(s->ents);
	free(s->ent_hash);
	free(s);
}

/* The name an operator knows the event by, per topic. */
static const char *
ev_name(const tcop_event *ev)
{
	switch (ev->kind) {
	case TCOP_K_TRACK: return ev->u.track.shipname;
	case TCOP_K_DETECTION: return ev->u.det.sensor;
	case TCOP_K_ELEMENTS: return ev->u.el.object_name;
	case TCOP_K_CONJUNCTION: return ev->u.cdm.sat_1_name;
	case TCOP_K_SPACE_EVENT: return ev->u.sev.what;
	case TCOP_K_ALERT: return ev->u.alert.signature;
	case TCOP_K_INDICATOR:
	case TCOP_K_SIGHTING: return ev->u.stix.name;
	case TCOP_K_INTERFERENCE: return ev->u.intf.what;
	case TCOP_K_ZONE: return ev->u.pic.name;
	case TCOP_K_MARK:
	case TCOP_K_NOTE:
	case TCOP_K_ACK: return ev->u.pic.text;
	default: return "";
	}
}

static uint64_t
fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* The slot of id in the hash: its entity index+1 there, or an empty slot. */
static size_t
ent_slot(const struct evstore *s, const char *id)
{
	size_t i = fnv1a(id) & (s->hash_cap - 1);

	while (s->ent_hash[i] != 0 &&
	    strcmp(s->ents[s->ent_hash[i] - 1].id, id) != 0)
		i = (i + 1) & (s->hash_cap - 1);
	return i;
}

const struct ev_ent *
evstore_ent(const struct evstore *s, const char *id)
{
	size_t i = ent_slot(s, id);

	return s->ent_hash[i] ? &s->ents[s->ent_hash[i] - 1] : NULL;
}

static void
ent_update(struct evstore *s, const tcop_event *ev, uint64_t n)
{
	size_t i = ent_slot(s, ev->id);
	struct ev_ent *e;
	const char *name = ev_name(ev);

	if (s->ent_hash[i] == 0) {
		if (s->nent == s->ent_cap) {
			s->dropped++;
			return;
		}
		e = &s->ents[s->nent];
		memset(e, 0, sizeof *e);
		copy_str(e->id, sizeof e->id, ev->id);
		e->course = e->speed = e->radius_m = NAN;
		e->severity = -1;
		s->ent_hash[i] = (uint32_t)++s->nent;
	} else
		e = &s->ents[s->ent_hash[i] - 1];
	if (e->ntrail > 0 && (e->lat != ev->lat || e->lon != ev->lon)) {
		if (e->ntrail == EVSTORE_TRAIL) {
			memmove(e->trail[0], e->trail[1],
			    (EVSTORE_TRAIL - 1) * sizeof e->trail[0]);
			e->ntrail--;
		}
		e->trail[e->ntrail][0] = (float)e->lat;
		e->trail[e->ntrail][1] = (float)e->lon;
		e->ntrail++;
	} else if (e->ntrail == 0) {
		e->trail[0][0] = (float)ev->lat;
		e->trail[0][1] = (float)ev->lon;
		e->ntrail = 1;
	}
	e->kind = ev->kind;
	if (name[0] != '\0')
		copy_str(e->name, sizeof e->name, name);
	e->cls = ev->cls;
	e->nrel = ev->nrel;
	memcpy(e->rel, ev->rel, sizeof e->rel);
	e->lat = ev->lat;
	e->lon = ev->lon;
	e->t = ev->t;
	e->last_row = n;
	e->cleared = false;
	if (ev->kind == TCOP_K_TRACK) {
		e->course = ev->u.track.course;
		e->speed = ev->u.track.speed;
	} else if (ev->kind == TCOP_K_DETECTION) {
		e->course = ev->u.det.course;
		e->speed = ev->u.det.speed;
	} else if (ev->kind == TCOP_K_ALERT) {
		if (e->severity < 0 || (ev->u.alert.severity > 0 &&
		    ev->u.alert.severity < e->severity))
			e->severity = ev->u.alert.severity;
	} else if (ev->kind == TCOP_K_INTERFERENCE) {
		e->radius_m = ev->u.intf.radius_m;
		e->cleared = ev->u.intf.clear;
	}
}

const struct ev_row *
evstore_add(struct evstore *s, const tcop_event *ev, int feed)
{
	uint64_t n = s->next_n++;
	struct ev_row *r = &s->rows[(n - 1) % s->cap];
	size_t jl = ev->json_len;

	r->n = n;
	r->kind = ev->kind;
	copy_str(r->topic, sizeof r->topic, ev->topic);
	copy_str(r->id, sizeof r->id, ev->id);
	copy_str(r->src, sizeof r->src, ev->src);
	copy_str(r->name, sizeof r->name, ev_name(ev));
	r->t = ev->t;
	r->cls = ev->cls;
	r->nrel = ev->nrel;
	memcpy(r->rel, ev->rel, sizeof r->rel);
	r->has_pos = ev->has_pos;
	r->lat = ev->lat;
	r->lon = ev->lon;
	r->feed = feed;
	if (ev->kind == TCOP_K_CONJUNCTION) {
		r->cdm.tca = ev->u.cdm.tca;
		r->cdm.min_rng = ev->u.cdm.min_rng;
		r->cdm.pc = ev->u.cdm.pc;
		copy_str(r->cdm.sat[0], sizeof r->cdm.sat[0], ev->u.cdm.sat_1_id);
		copy_str(r->cdm.sat[1], sizeof r->cdm.sat[1], ev->u.cdm.sat_2_id);
		copy_str(r->cdm.name[0], sizeof r->cdm.name[0],
		    ev->u.cdm.sat_1_name);
		copy_str(r->cdm.name[1], sizeof r->cdm.name[1],
		    ev->u.cdm.sat_2_name);
	}
	r->json_cut = jl > EVSTORE_JSON_MAX;
	if (r->json_cut)
		jl = EVSTORE_JSON_MAX;
	if (ev->json != NULL)
		memcpy(r->json, ev->json, jl);
	else
		jl = 0;
	r->json_len = (uint16_t)jl;
	if (s->count < s->cap)
		s->count++;
	if (ev->t != TCOP_MS_NONE &&
	    (s->latest_t == TCOP_MS_NONE || ev->t > s->latest_t))
		s->latest_t = ev->t;
	if (ev->cls > s->cls_max)
		s->cls_max = ev->cls;
	if (ev->has_pos && ev->id[0] != '\0')
		ent_update(s, ev, n);
	return r;
}

const struct ev_row *
evstore_row(const struct evstore *s, size_t i)
{
	if (i >= s->count)
		return NULL;
	return &s->rows[(s->next_n - 2 - i) % s->cap];
}

const struct ev_row *
evstore_find_row(const struct evstore *s, uint64_t n)
{
	const struct ev_row *r;

	if (n == 0 || n >= s->next_n || s->next_n - n > s->count)
		return NULL;
	r = &s->rows[(n - 1) % s->cap];
	return r->n == n ? r : NULL;
}
