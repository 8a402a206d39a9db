/*
 * strmap.c: see strmap.h. Deleted slots are tombstones, reclaimed when the
 * table is rebuilt on growth.
 */
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"

#define TOMB ((char *)1)

static uint64_t
fnv1a(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

void
strmap_init(strmap *m)
{
	memset(m, 0, sizeof *m);
}

void
strmap_fini(strmap *m, void (*free_val)(void *))
{
	for (size_t i = 0; i < m->cap; i++) {
		struct strmap_ent *e = &m->ents[i];
		if (e->key == NULL || e->key == TOMB)
			continue;
		free(e->key);
		if (free_val != NULL && e->pval != NULL)
			free_val(e->pval);
	}
	free(m->ents);
	memset(m, 0, sizeof *m);
}

static struct strmap_ent *
find(strmap *m, const char *key, size_t klen, uint64_t h, bool for_insert)
{
	struct strmap_ent *tomb = NULL;
	size_t mask = m->cap - 1;

	if (m->cap == 0)
		return NULL;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct strmap_ent *e = &m->ents[i];
		if (e->key == NULL)
			return for_insert ? (tomb != NULL ? tomb : e) : NULL;
		if (e->key == TOMB) {
			if (tomb == NULL)
				tomb = e;
			continue;
		}
		if (e->hash == h && e->klen == klen &&
		    memcmp(e->key, key, klen) == 0)
			return e;
	}
}

static bool
grow(strmap *m)
{
	size_t ncap = m->cap == 0 ? 16 : m->cap * 2;
	struct strmap_ent *old = m->ents, *ne;
	size_t ocap = m->cap;

	if (m->count * 2 < m->cap) /* mostly tombstones: rebuild same size */
		ncap = m->cap;
	ne = calloc(ncap, sizeof *ne);
	if (ne == NULL)
		return false;
	m->ents = ne;
	m->cap = ncap;
	m->used = m->count;
	for (size_t i = 0; i < ocap; i++) {
		struct strmap_ent *e = &old[i];
		if (e->key == NULL || e->key == TOMB)
			continue;
		*find(m, e->key, e->klen, e->hash, true) = *e;
	}
	free(old);
	return true;
}

struct strmap_ent *
strmap_get(strmap *m, const char *key, size_t klen)
{
	return find(m, key, klen, fnv1a(key, klen), false);
}

struct strmap_ent *
strmap_put(strmap *m, const char *key, size_t klen, bool *created)
{
	uint64_t h = fnv1a(key, klen);
	struct strmap_ent *e;

	*created = false;
	e = find(m, key, klen, h, false);
	if (e != NULL)
		return e;
	if ((m->used + 1) * 10 > m->cap * 7 && !grow(m))
		return NULL;
	e = find(m, key, klen, h, true);
	char *k = malloc(klen + 1);
	if (k == NULL)
		return NULL;
	memcpy(k, key, klen);
	k[klen] = '\0';
	if (e->key == NULL)
		m->used++;
	e->key = k;
	e->klen = klen;
	e->hash = h;
	e->ival = 0;
	e->pval = NULL;
	m->count++;
	*created = true;
	return e;
}

void *
strmap_del(strmap *m, const char *key, size_t klen)
{
	struct strmap_ent *e = strmap_get(m, key, klen);
	void *v;

	if (e == NULL)
		return NULL;
	v = e->pval;
	free(e->key);
	e->key = TOMB;
	e->pval = NULL;
	m->count--;
	return v;
}

struct strmap_ent *
strmap_at(strmap *m, size_t i)
{
	struct strmap_ent *e = &m->ents[i];

	return e->key == NULL || e->key == TOMB ? NULL : e;
}

tcop_err
strmap_clone(strmap *dst, const strmap *src, void *(*dup_val)(const void *))
{
	strmap_init(dst);
	if (src->cap == 0)
		return TCOP_OK;
	if ((dst->ents = calloc(src->cap, sizeof *dst->ents)) == NULL)
		return TCOP_ENOMEM;
	dst->cap = src->cap;
	dst->used = src->used;
	for (size_t i = 0; i < src->cap; i++) {
		const struct strmap_ent *s = &src->ents[i];
		struct strmap_ent *d = &dst->ents[i];

		if (s->key == NULL || s->key == TOMB) {
			d->key = s->key;
			continue;
		}
		*d = *s;
		d->pval = NULL;
		if ((d->key = malloc(s->klen + 1)) == NULL)
			goto fail;
		memcpy(d->key, s->key, s->klen + 1);
		dst->count++;
		if (s->pval != NULL && dup_val != NULL &&
		    (d->pval = dup_val(s->pval)) == NULL)
			goto fail;
	}
	return TCOP_OK;
fail:
	return TCOP_ENOMEM; /* the caller's strmap_fini frees what was made */
}
