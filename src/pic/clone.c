/*
 * clone.c: pic_clone(), a deep copy of a picture, for the replay deck's
 * checkpoints (ui/deck.h): a copy taken at some line of a capture and fed
 * the lines after it becomes the picture a straight replay builds.
 *
 * Every table is copied with its layout, not rebuilt: hash tables keep
 * their slots and tombstones, vectors their order, so iteration order,
 * incident ids and every later decision are the original's. Only two
 * things are not copied: the track extras' cached pool pointers (reset:
 * trk_track() finds them again in the copy's own pool) and the
 * satellite batch (rebuilt from the copied objects at the next update,
 * which gives the same batch). The asset inventory is read-only after
 * pic_create() and is shared, reference counted, between a picture and
 * its copies: any of them may be destroyed first.
 *
 * Memory: the copy's arrays have the original's capacities, but only the
 * entries in use are copied and the rest are left unzeroed (every table
 * resets an entry when it starts using it), so a copy costs what is in
 * use, not what was reserved (pic_bytes). TCOP_ENOMEM frees the half-made
 * copy.
 *
 * Keep this file in step with struct pic (pic_int.h): a field added there
 * must be copied here, and pic_clone_test compares a copy with its
 * original after both are fed the same events.
 */
#include <stdlib.h>
#include <string.h>

#include "pic/pic_int.h"

static void *
dup_n(const void *src, size_t n)
{
	void *d;

	if (src == NULL || n == 0)
		return NULL;
	if ((d = malloc(n)) != NULL)
		memcpy(d, src, n);
	return d;
}

/* A copy of a meta's JSON into m (the rest of m already copied). */
static tcop_err
meta_dup(struct meta *m)
{
	const char *j = m->json;

	m->json = NULL;
	if (j == NULL)
		return TCOP_OK;
	if ((m->json = malloc(m->json_cap)) == NULL) {
		m->json_cap = m->json_len = 0;
		return TCOP_ENOMEM;
	}
	memcpy(m->json, j, (size_t)m->json_len + 1);
	return TCOP_OK;
}

static void *
meta_val_dup(const void *v)
{
	struct meta *m = dup_n(v, sizeof *m);

	if (m != NULL && meta_dup(m) != TCOP_OK) {
		free(m);
		return NULL;
	}
	return m;
}

static tcop_err
gvec_clone(struct gvec *d, const struct gvec *s)
{
	memset(d, 0, sizeof *d);
	if (strmap_clone(&d->idx, &s->idx, NULL) != TCOP_OK)
		return TCOP_ENOMEM;
	if (s->cap == 0)
		return TCOP_OK;
	if ((d->v = malloc(s->cap * sizeof *d->v)) == NULL)
		return TCOP_ENOMEM;
	d->cap = s->cap;
	for (size_t i = 0; i < s->n; i++) {
		struct gent *g = &d->v[i];

		*g = s->v[i];
		g->z.v = NULL;
		d->n = i + 1;
		if (meta_dup(&g->m) != TCOP_OK)
			return TCOP_ENOMEM;
		if (s->v[i].z.v != NULL && (g->z.v = dup_n(s->v[i].z.v,
		    (size_t)s->v[i].z.n * sizeof *g->z.v)) == NULL)
			return TCOP_ENOMEM;
	}
	return TCOP_OK;
}

/* The tables: every pointer of d (a copy of s's struct) made its own. */
static tcop_err
clone_tables(pic *d, const pic *s)
{
	size_t nas = s->as != NULL ? (size_t)assets_count(s->as) : 0;

	if (track_table_clone(&d->tt, s->tt) != TCOP_OK ||
	    sat_cat_clone(&d->sats, s->sats) != TCOP_OK ||
	    alerts_clone(&d->al, s->al) != TCOP_OK ||
	    grid_clone(&d->grid, s->grid) != TCOP_OK ||
	    rules_clone(&d->rules, &s->rules) != TCOP_OK)
		return TCOP_ENOMEM;
	if (s->asset_meta != NULL) {
		if ((d->asset_meta = calloc(nas + 1, sizeof *d->asset_meta)) ==
		    NULL)
			return TCOP_ENOMEM;
		for (size_t i = 0; i < nas; i++) {
			d->asset_meta[i] = s->asset_meta[i];
			if (meta_dup(&d->asset_meta[i]) != TCOP_OK)
				return TCOP_ENOMEM;
		}
	}
	return TCOP_OK;
}

static tcop_err
clone_tracks(pic *d, const pic *s)
{
	if (s->captx > 0) {
		if ((d->tx = malloc(s->captx * sizeof *d->tx)) == NULL ||
		    (d->gn = malloc(s->captx * sizeof *d->gn)) == NULL)
			return TCOP_ENOMEM;
		d->captx = s->captx;
		memcpy(d->gn, s->gn, s->ntx * sizeof *d->gn);
		for (size_t i = 0; i < s->ntx; i++) {
			d->tx[i] = s->tx[i];
			d->tx[i].tr = NULL;
			d->ntx = i + 1;
			if (meta_dup(&d->tx[i].m) != TCOP_OK)
				return TCOP_ENOMEM;
		}
	}
	if (s->txcap > 0 &&
	    ((d->txkey = dup_n(s->txkey, s->txcap * sizeof *d->txkey)) ==
	    NULL || (d->txval = dup_n(s->txval, s->txcap *
	    sizeof *d->txval)) == NULL))
		return TCOP_ENOMEM;
	return TCOP_OK;
}

static tcop_err
clone_maps(pic *d, const pic *s)
{
	if (strmap_clone(&d->satmeta, &s->satmeta, meta_val_dup) != TCOP_OK ||
	    strmap_clone(&d->alertmeta, &s->alertmeta, meta_val_dup) !=
	    TCOP_OK ||
	    strmap_clone(&d->incidx, &s->incidx, NULL) != TCOP_OK ||
	    strmap_clone(&d->incid, &s->incid, NULL) != TCOP_OK ||
	    strmap_clone(&d->win, &s->win, corr_window_dup) != TCOP_OK ||
	    strmap_clone(&d->pairs, &s->pairs, corr_pair_dup) != TCOP_OK ||
	    strmap_clone(&d->gs_alert, &s->gs_alert, corr_gsa_dup) != TCOP_OK)
		return TCOP_ENOMEM;
	for (int k = 0; k < PIC_NKINDS; k++)
		if (gvec_clone(&d->g[k], &s->g[k]) != TCOP_OK)
			return TCOP_ENOMEM;
	return TCOP_OK;
}

static tcop_err
clone_vectors(pic *d, const pic *s)
{
	if (s->capinc > 0 && (d->inc = malloc(s->capinc * sizeof *d->inc)) ==
	    NULL)
		return TCOP_ENOMEM;
	if (s->ninc > 0)
		memcpy(d->inc, s->inc, s->ninc * sizeof *d->inc);
	if (s->rank != NULL && !s->rank_dirty) { /* else remade when read */
		if ((d->rank = calloc(s->ninc + 1, sizeof *d->rank)) == NULL)
			return TCOP_ENOMEM;
		memcpy(d->rank, s->rank, s->ninc * sizeof *d->rank);
	}
	if ((d->recent = dup_n(s->recent, s->cfg.recent *
	    sizeof *d->recent)) == NULL)
		return TCOP_ENOMEM;
	if (s->cappend > 0 && (d->pend = calloc(s->cappend,
	    sizeof *d->pend)) == NULL)
		return TCOP_ENOMEM;
	if (s->npend > 0)
		memcpy(d->pend, s->pend, s->npend * sizeof *d->pend);
	if (s->nports > 0 && (d->ports = dup_n(s->ports, s->nports *
	    sizeof *d->ports)) == NULL)
		return TCOP_ENOMEM;
	return TCOP_OK;
}

tcop_err
pic_clone(pic **out, const pic *src)
{
	pic *d;

	*out = NULL;
	if ((d = malloc(sizeof *d)) == NULL)
		return TCOP_ENOMEM;
	*d = *src;
	/* Nothing of src's is owned yet: every pointer starts empty, so that
	 * pic_destroy() can undo a copy that stops half-way. */
	d->tt = NULL;
	d->sats = NULL;
	d->al = NULL;
	d->grid = NULL;
	d->asset_meta = NULL;
	d->tx = NULL;
	d->gn = NULL;
	d->ntx = d->captx = 0;
	d->txkey = d->txval = NULL;
	d->inc = NULL;
	d->rank = NULL;
	d->recent = NULL;
	d->pend = NULL;
	d->ports = NULL;
	d->scratch = NULL;
	rules_default(&d->rules);
	strmap_init(&d->satmeta);
	strmap_init(&d->alertmeta);
	strmap_init(&d->incidx);
	strmap_init(&d->incid);
	strmap_init(&d->win);
	strmap_init(&d->pairs);
	strmap_init(&d->gs_alert);
	memset(d->g, 0, sizeof d->g);
	if (d->as_refs != NULL)
		atomic_fetch_add(d->as_refs, 1);
	if (clone_tables(d, src) != TCOP_OK ||
	    clone_tracks(d, src) != TCOP_OK ||
	    clone_maps(d, src) != TCOP_OK ||
	    clone_vectors(d, src) != TCOP_OK) {
		pic_destroy(d);
		return TCOP_ENOMEM;
	}
	*out = d;
	return TCOP_OK;
}

size_t
pic_bytes(const pic *p)
{
	size_t n = sizeof *p + track_table_used_bytes(p->tt) +
	    sat_cat_bytes(p->sats) + alerts_bytes(p->al) + grid_bytes(p->grid);
	const strmap *maps[] = { &p->satmeta, &p->alertmeta, &p->incidx,
		&p->incid, &p->win, &p->pairs, &p->gs_alert };

	n += p->captx * (sizeof *p->tx + sizeof *p->gn) + p->txcap * 8;
	for (size_t i = 0; i < p->ntx; i++)
		n += p->tx[i].m.json_cap;
	for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++)
		n += maps[i]->cap * sizeof *maps[i]->ents + maps[i]->count *
		    (TCOP_ID_MAX + sizeof(struct meta));
	for (int k = 0; k < PIC_NKINDS; k++) {
		n += p->g[k].cap * sizeof *p->g[k].v + p->g[k].idx.cap *
		    sizeof *p->g[k].idx.ents;
		for (size_t i = 0; i < p->g[k].n; i++)
			n += p->g[k].v[i].m.json_cap + (size_t)p->g[k].v[i].z.n *
			    sizeof *p->g[k].v[i].z.v;
	}
	n += p->capinc * sizeof *p->inc + p->cfg.recent * sizeof *p->recent +
	    p->cappend * sizeof *p->pend;
	return n;
}
