/*
 * stix.c: STIX 2.1 bundles to cyber/indicator and cyber/sighting (stix.h
 * has the contract).
 *
 * Three passes over one bundle: index the objects by id (a sorted array,
 * binary-searched), check every reference against the index, then turn
 * indicators and sightings into events. Relationships are looked up by a
 * scan of the relationship objects (bundles are thousands of objects at
 * most; a sighting looks at its identity's `located-at` only).
 *
 * Messages name the input and the line of the object's "id" member, found
 * by searching the text (cJSON keeps no positions). Limits: STIX 2.0
 * bundles (spec_version on the bundle) are read the same way; patterns are
 * passed on as text, not evaluated; references inside nested objects
 * (extensions, kill chains) are not checked. The integer getter
 * (cjget.c) and the event envelope writer (jw.c) are shared with the other
 * cyber adapters.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cyber/cjget.h"
#include "cyber/jw.h"
#include "cyber/stix.h"

struct ent {
	const char *id;
	const cJSON *obj;
	const char *type;
};

struct bundle {
	const char *text;
	size_t len;
	const char *name;
	const struct stix_opts *o;
	struct ent *ents;
	size_t n;
	stix_problem_fn on_problem;
	void *arg;
	struct stix_report *rep;
	char id[64];
};


static const char *
str(const cJSON *o, const char *k)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsString(it) ? it->valuestring : NULL;
}

static tcop_ms
time_of(const cJSON *o, const char *k)
{
	const char *s = str(o, k);
	tcop_ms t;

	if (s == NULL || tcop_time_parse(s, strlen(s), &t) != TCOP_OK)
		return TCOP_MS_NONE;
	return t;
}

static int
line_at(const struct bundle *b, const char *p)
{
	int line = 1;

	for (const char *q = b->text; q < p; q++)
		if (*q == '\n')
			line++;
	return line;
}

/* The line of `"id": "ID"` in the text; 0 if not found. */
static int
id_line(const struct bundle *b, const char *id)
{
	size_t il = strlen(id);
	const char *p = b->text, *end = b->text + b->len;

	while (il > 0 && (p = memmem(p, (size_t)(end - p), id, il)) != NULL) {
		const char *q = p - 1;
		if (q > b->text && *q == '"') {
			q--;
			while (q > b->text && (*q == ' ' || *q == '\t' ||
			    *q == '\n' || *q == '\r'))
				q--;
			if (*q == ':' && q - b->text >= 4) {
				q--;
				while (q > b->text && (*q == ' ' || *q == '\t' ||
				    *q == '\n' || *q == '\r'))
					q--;
				if (q - b->text >= 3 && memcmp(q - 3, "\"id\"", 4) == 0)
					return line_at(b, p);
			}
		}
		p += il;
	}
	return 0;
}

static void problem(struct bundle *b, const char *obj_id, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
problem(struct bundle *b, const char *obj_id, const char *fmt, ...)
{
	char msg[512], what[320];
	va_list ap;

	if (b->on_problem == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	snprintf(msg, sizeof msg, "%s:%d: %s", b->name,
	    obj_id ? id_line(b, obj_id) : 0, what);
	b->on_problem(b->arg, msg);
}

/* ==== The index ========================================================= */

static int
ent_cmp(const void *x, const void *y)
{
	return strcmp(((const struct ent *)x)->id, ((const struct ent *)y)->id);
}

/* Index order: by id, then the newest version (`modified`) first. */
static int
ent_version_cmp(const void *x, const void *y)
{
	const struct ent *a = x, *b = y;
	const char *ma, *mb;
	int c = strcmp(a->id, b->id);

	if (c != 0)
		return c;
	ma = str(a->obj, "modified");
	mb = str(b->obj, "modified");
	return strcmp(mb ? mb : "", ma ? ma : "");
}

static const struct ent *
lookup(const struct bundle *b, const char *id)
{
	struct ent key = { id, NULL, NULL };

	if (id == NULL || b->n == 0)
		return NULL;
	return bsearch(&key, b->ents, b->n, sizeof key, ent_cmp);
}

static void
count_type(struct stix_report *r, const char *type)
{
	static const struct { const char *t; size_t off; } tab[] = {
		{ "indicator", offsetof(struct stix_report, indicators) },
		{ "sighting", offsetof(struct stix_report, sightings) },
		{ "observed-data", offsetof(struct stix_report, observed_data) },
		{ "location", offsetof(struct stix_report, locations) },
		{ "identity", offsetof(struct stix_report, identities) },
		{ "infrastructure", offsetof(struct stix_report, infrastructure) },
		{ "attack-pattern", offsetof(struct stix_report, attack_patterns) },
		{ "relationship", offsetof(struct stix_report, relationships) },
	};

	for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++) {
		if (strcmp(type, tab[i].t) == 0) {
			(*(uint64_t *)((char *)r + tab[i].off))++;
			return;
		}
	}
	r->other++;
}

static tcop_err
index_objects(struct bundle *b, const cJSON *objs)
{
	const cJSON *o;
	size_t n = (size_t)cJSON_GetArraySize(objs);

	b->ents = calloc(n ? n : 1, sizeof *b->ents);
	if (b->ents == NULL)
		return TCOP_ENOMEM;
	n = 0;
	cJSON_ArrayForEach(o, objs) {
		const char *id = str(o, "id"), *type = str(o, "type");
		b->rep->objects++;
		if (!cJSON_IsObject(o) || id == NULL || type == NULL) {
			b->rep->bad++;
			problem(b, id, "object %s%swithout a string id and type",
			    id ? id : "", id ? " " : "");
			continue;
		}
		b->ents[b->n].id = id;
		b->ents[b->n].obj = o;
		b->ents[b->n].type = type;
		b->n++;
	}
	/* STIX keeps versions of an object under one id: the newest wins */
	qsort(b->ents, b->n, sizeof *b->ents, ent_version_cmp);
	for (size_t i = 0; i < b->n; i++) {
		if (n > 0 && strcmp(b->ents[n - 1].id, b->ents[i].id) == 0) {
			b->rep->superseded++;
			continue;
		}
		b->ents[n++] = b->ents[i];
		count_type(b->rep, b->ents[i].type);
	}
	b->n = n;
	return TCOP_OK;
}

/* ==== References ======================================================== */

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void
check_ref(struct bundle *b, const struct ent *e, const char *key,
    const cJSON *ref)
{
	b->rep->refs++;
	if (cJSON_IsString(ref) && lookup(b, ref->valuestring) != NULL) {
		b->rep->resolved++;
		return;
	}
	b->rep->unresolved++;
	if (cJSON_IsString(ref))
		problem(b, e->id, "%s: reference %s not in the bundle", key,
		    ref->valuestring);
	else
		problem(b, e->id, "%s: a reference that is not a string", key);
}

static void
check_refs(struct bundle *b)
{
	char key[96];

	for (size_t i = 0; i < b->n; i++) {
		const cJSON *m;
		cJSON_ArrayForEach(m, b->ents[i].obj) {
			snprintf(key, sizeof key, "%s %.60s", b->ents[i].id,
			    m->string);
			if (ends_with(m->string, "_ref")) {
				check_ref(b, &b->ents[i], key, m);
			} else if (ends_with(m->string, "_refs")) {
				const cJSON *r;
				if (!cJSON_IsArray(m)) {
					check_ref(b, &b->ents[i], key, m);
					continue;
				}
				cJSON_ArrayForEach(r, m)
					check_ref(b, &b->ents[i], key, r);
			}
		}
	}
}

/* ==== Events ============================================================ */

static void
rec_init(struct stix_rec *r, const struct bundle *b, tcop_kind kind,
    const char *id)
{
	tcop_event *ev = &r->ev;

	memset(r, 0, sizeof *r);
	ev->kind = kind;
	tcop_str_copy(ev->topic, sizeof ev->topic, tcop_kind_topic(kind));
	snprintf(ev->id, sizeof ev->id, "stix:%.88s", id);
	tcop_str_copy(ev->src, sizeof ev->src, b->o->src ? b->o->src : "stix");
	ev->t = TCOP_MS_NONE;
	ev->seq = -1;
	ev->nrel = -1;
	ev->lat = ev->lon = NAN;
	tcop_str_copy(ev->u.stix.stix_id, sizeof ev->u.stix.stix_id, id);
	ev->u.stix.confidence = ev->u.stix.count = -1;
	ev->u.stix.first_seen = ev->u.stix.last_seen = TCOP_MS_NONE;
	r->name = r->pattern = r->description = "";
	r->valid_from = r->valid_until = TCOP_MS_NONE;
	r->asset = -1;
	tcop_str_copy(r->bundle, sizeof r->bundle, b->id);
}

/* The first time found among keys, in order. */
static tcop_ms
first_time(const cJSON *o, const char *k1, const char *k2, const char *k3)
{
	tcop_ms t = time_of(o, k1);

	if (t == TCOP_MS_NONE && k2 != NULL)
		t = time_of(o, k2);
	if (t == TCOP_MS_NONE && k3 != NULL)
		t = time_of(o, k3);
	return t;
}

static void
text_fields(struct stix_rec *r, const cJSON *o)
{
	const char *s;

	if ((s = str(o, "name")) != NULL)
		r->name = s;
	if ((s = str(o, "pattern")) != NULL)
		r->pattern = s;
	if ((s = str(o, "description")) != NULL)
		r->description = s;
	tcop_str_copy(r->ev.u.stix.name, sizeof r->ev.u.stix.name, r->name);
	tcop_str_copy(r->ev.u.stix.pattern, sizeof r->ev.u.stix.pattern, r->pattern);
}

/* Names of the targets of `indicates` relationships from id. */
static void
indicates(const struct bundle *b, const char *id, char *out, size_t size)
{
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < b->n; i++) {
		const cJSON *o = b->ents[i].obj;
		const struct ent *t;
		const char *rt = str(o, "relationship_type"), *nm;
		if (strcmp(b->ents[i].type, "relationship") != 0 || rt == NULL ||
		    strcmp(rt, "indicates") != 0 || str(o, "source_ref") == NULL ||
		    strcmp(str(o, "source_ref"), id) != 0)
			continue;
		if ((t = lookup(b, str(o, "target_ref"))) == NULL ||
		    (nm = str(t->obj, "name")) == NULL)
			continue;
		len += (size_t)snprintf(out + len, size - len, "%s%s",
		    len ? "; " : "", nm);
		if (len >= size) {
			out[size - 1] = '\0';
			return;
		}
	}
}

static void
indicator_event(struct bundle *b, const struct ent *e, stix_event_fn fn,
    void *arg)
{
	struct stix_rec r;
	const char *s;

	rec_init(&r, b, TCOP_K_INDICATOR, e->id);
	r.ev.t = first_time(e->obj, "modified", "created", "valid_from");
	text_fields(&r, e->obj);
	r.ev.u.stix.confidence = (int)cjget_int(
	    cJSON_GetObjectItemCaseSensitive(e->obj, "confidence"), 0, 100);
	r.valid_from = time_of(e->obj, "valid_from");
	r.valid_until = time_of(e->obj, "valid_until");
	if ((s = str(e->obj, "pattern_type")) != NULL)
		tcop_str_copy(r.pattern_type, sizeof r.pattern_type, s);
	indicates(b, e->id, r.indicates, sizeof r.indicates);
	if (r.ev.t == TCOP_MS_NONE) {
		b->rep->bad++;
		problem(b, e->id, "%s: no created, modified or valid_from time",
		    e->id);
		return;
	}
	fn(arg, &r);
}

static bool
location_pos(const cJSON *loc, double *lat, double *lon)
{
	const cJSON *la = cJSON_GetObjectItemCaseSensitive(loc, "latitude");
	const cJSON *lo = cJSON_GetObjectItemCaseSensitive(loc, "longitude");

	if (!cJSON_IsNumber(la) || !cJSON_IsNumber(lo) ||
	    !(fabs(la->valuedouble) <= 90) || !(fabs(lo->valuedouble) <= 180))
		return false;
	*lat = la->valuedouble;
	*lon = lo->valuedouble;
	return true;
}

static void
set_location(struct stix_rec *r, const cJSON *loc)
{
	double la, lo;
	const char *nm = str(loc, "name");

	if (r->ev.has_pos || !location_pos(loc, &la, &lo))
		return;
	r->ev.has_pos = true;
	r->ev.lat = la;
	r->ev.lon = lo;
	tcop_str_copy(r->location, sizeof r->location, nm ? nm : str(loc, "id"));
}

/* The location an identity is `located-at`, if any. */
static const cJSON *
located_at(const struct bundle *b, const char *id)
{
	for (size_t i = 0; i < b->n; i++) {
		const cJSON *o = b->ents[i].obj;
		const char *rt = str(o, "relationship_type"), *s;
		const struct ent *t;
		if (strcmp(b->ents[i].type, "relationship") != 0 || rt == NULL ||
		    strcmp(rt, "located-at") != 0 ||
		    (s = str(o, "source_ref")) == NULL || strcmp(s, id) != 0)
			continue;
		if ((t = lookup(b, str(o, "target_ref"))) != NULL &&
		    strcmp(t->type, "location") == 0)
			return t->obj;
	}
	return NULL;
}

static void
place_asset(struct stix_rec *r, const struct bundle *b, const char *name)
{
	const struct asset *as;

	if (b->o->assets == NULL || r->asset >= 0 ||
	    (r->asset = assets_find(b->o->assets, name)) < 0)
		return;
	as = assets_get(b->o->assets, r->asset);
	snprintf(r->ev.id, sizeof r->ev.id, "asset:%s", as->name);
	if (!isnan(as->lat)) {
		r->ev.has_pos = true;
		r->ev.lat = as->lat;
		r->ev.lon = as->lon;
		tcop_str_copy(r->location, sizeof r->location, as->name);
	}
}

/* where_sighted_refs: identity name, asset, position. */
static void
where_sighted(struct stix_rec *r, const struct bundle *b, const cJSON *refs)
{
	const cJSON *it;
	const cJSON *ident = NULL, *loc = NULL;

	cJSON_ArrayForEach(it, refs) {
		const struct ent *e = cJSON_IsString(it) ?
		    lookup(b, it->valuestring) : NULL;
		if (e == NULL)
			continue;
		if (ident == NULL && strcmp(e->type, "identity") == 0)
			ident = e->obj;
		else if (loc == NULL && strcmp(e->type, "location") == 0)
			loc = e->obj;
	}
	if (ident != NULL && str(ident, "name") != NULL) {
		tcop_str_copy(r->ev.u.stix.where, sizeof r->ev.u.stix.where,
		    str(ident, "name"));
		place_asset(r, b, str(ident, "name"));
	}
	if (loc != NULL) {
		if (r->ev.u.stix.where[0] == '\0' && str(loc, "name") != NULL)
			tcop_str_copy(r->ev.u.stix.where, sizeof r->ev.u.stix.where,
			    str(loc, "name"));
		set_location(r, loc);
	}
	if (ident != NULL && (loc = located_at(b, str(ident, "id"))) != NULL)
		set_location(r, loc);
}

static void
sighting_event(struct bundle *b, const struct ent *e, stix_event_fn fn,
    void *arg)
{
	struct stix_rec r;
	const struct ent *of;
	const char *s;

	rec_init(&r, b, TCOP_K_SIGHTING, e->id);
	r.ev.t = first_time(e->obj, "last_seen", "first_seen", "modified");
	if (r.ev.t == TCOP_MS_NONE)
		r.ev.t = time_of(e->obj, "created");
	r.ev.u.stix.count = (int)cjget_int(
	    cJSON_GetObjectItemCaseSensitive(e->obj, "count"), 0, 999999999);
	r.ev.u.stix.first_seen = time_of(e->obj, "first_seen");
	r.ev.u.stix.last_seen = time_of(e->obj, "last_seen");
	r.ev.u.stix.confidence = (int)cjget_int(
	    cJSON_GetObjectItemCaseSensitive(e->obj, "confidence"), 0, 100);
	if ((s = str(e->obj, "sighting_of_ref")) != NULL) {
		tcop_str_copy(r.of_ref, sizeof r.of_ref, s);
		if ((of = lookup(b, s)) != NULL) {
			tcop_str_copy(r.of_type, sizeof r.of_type, of->type);
			text_fields(&r, of->obj);
		}
	}
	if ((s = str(e->obj, "description")) != NULL)
		r.description = s;
	where_sighted(&r, b, cJSON_GetObjectItemCaseSensitive(e->obj,
	    "where_sighted_refs"));
	if (r.ev.t == TCOP_MS_NONE) {
		b->rep->bad++;
		problem(b, e->id, "%s: no last_seen, first_seen, modified or "
		    "created time", e->id);
		return;
	}
	fn(arg, &r);
}

/* ==== The bundle ======================================================== */

tcop_err
stix_read(const char *text, size_t len, const char *name,
    const struct stix_opts *o, stix_event_fn on_event,
    stix_problem_fn on_problem, void *arg, struct stix_report *rep)
{
	struct bundle b = { text, len, name, o, NULL, 0, on_problem, arg, rep,
	    "" };
	const char *end = NULL, *type;
	const cJSON *objs;
	cJSON *root;
	tcop_err rv = TCOP_OK;

	root = cJSON_ParseWithLengthOpts(text, len, &end, false);
	if (root == NULL) {
		char msg[320];
		snprintf(msg, sizeof msg, "%s:%d: not JSON", name,
		    end ? line_at(&b, end) : 0);
		if (on_problem != NULL)
			on_problem(arg, msg);
		return TCOP_EJSON;
	}
	type = str(root, "type");
	objs = cJSON_GetObjectItemCaseSensitive(root, "objects");
	if (type == NULL || strcmp(type, "bundle") != 0 || !cJSON_IsArray(objs)) {
		char msg[320];
		snprintf(msg, sizeof msg, "%s:1: not a STIX bundle (no \"type\":"
		    "\"bundle\" with an \"objects\" array)", name);
		if (on_problem != NULL)
			on_problem(arg, msg);
		rv = TCOP_EFORMAT;
		goto out;
	}
	if (str(root, "id") != NULL)
		tcop_str_copy(b.id, sizeof b.id, str(root, "id"));
	if ((rv = index_objects(&b, objs)) != TCOP_OK)
		goto out;
	check_refs(&b);
	for (const cJSON *it = objs->child; it != NULL; it = it->next) {
		const struct ent *e = lookup(&b, str(it, "id"));
		if (e == NULL || e->obj != it)
			continue; /* bad, or a duplicate id */
		if (strcmp(e->type, "indicator") == 0)
			indicator_event(&b, e, on_event, arg);
		else if (strcmp(e->type, "sighting") == 0)
			sighting_event(&b, e, on_event, arg);
	}
out:
	free(b.ents);
	cJSON_Delete(root);
	return rv;
}

tcop_err
stix_format(const struct stix_rec *r, int64_t seq, char *buf, size_t size,
    size_t *len)
{
	const tcop_event *ev = &r->ev;
	const struct tcop_ev_stix *s = &ev->u.stix;
	struct jw w;

	jw_event(&w, buf, size, ev, seq);
	jw_pos(&w, ev);
	jw_str(&w, "stix_id", s->stix_id);
	if (r->name[0])
		jw_str(&w, "name", r->name);
	if (r->pattern[0])
		jw_str(&w, "pattern", r->pattern);
	if (r->pattern_type[0])
		jw_str(&w, "pattern_type", r->pattern_type);
	if (s->confidence >= 0)
		jw_int(&w, "confidence", s->confidence);
	if (s->count >= 0)
		jw_int(&w, "count", s->count);
	if (s->first_seen != TCOP_MS_NONE)
		jw_time(&w, "first_seen", s->first_seen);
	if (s->last_seen != TCOP_MS_NONE)
		jw_time(&w, "last_seen", s->last_seen);
	if (r->valid_from != TCOP_MS_NONE)
		jw_time(&w, "valid_from", r->valid_from);
	if (r->valid_until != TCOP_MS_NONE)
		jw_time(&w, "valid_until", r->valid_until);
	if (s->where[0])
		jw_str(&w, "where", s->where);
	if (r->asset >= 0 && strncmp(ev->id, "asset:", 6) == 0)
		jw_str(&w, "asset", ev->id + 6);
	if (r->location[0])
		jw_str(&w, "location", r->location);
	if (r->of_ref[0])
		jw_str(&w, "sighting_of_ref", r->of_ref);
	if (r->of_type[0])
		jw_str(&w, "sighting_of_type", r->of_type);
	if (r->indicates[0])
		jw_str(&w, "indicates", r->indicates);
	if (r->bundle[0])
		jw_str(&w, "bundle", r->bundle);
	if (r->description[0]) {
		char d[1024];
		tcop_str_copy(d, sizeof d, r->description);
		jw_str(&w, "description", d);
	}
	return jw_end(&w, len);
}
