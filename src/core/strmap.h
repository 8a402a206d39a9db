/*
 * strmap.h: a string-keyed hash map (open addressing, linear probing,
 * FNV-1a), for the small maps of the feed layer: src -> last seq, (topic,
 * id) -> cached message. Keys are copied; values are one int64 and one
 * pointer per entry, owned by the caller. Entries are never removed one by
 * one except through strmap_del (tombstones), and the table grows at 70%.
 */
#ifndef TCOP_STRMAP_H
#define TCOP_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcop/tcop.h"

struct strmap_ent {
	char *key;   /* NULL: empty; (char *)1: deleted */
	size_t klen;
	uint64_t hash;
	int64_t ival;
	void *pval;
};

typedef struct strmap {
	struct strmap_ent *ents;
	size_t cap;   /* power of two */
	size_t count; /* live entries */
	size_t used;  /* live + deleted */
} strmap;

void strmap_init(strmap *m);
/* Frees the keys; calls free_val on each pval if not NULL. */
void strmap_fini(strmap *m, void (*free_val)(void *));
/* The entry for key, or NULL. */
struct strmap_ent *strmap_get(strmap *m, const char *key, size_t klen);
/* The entry for key, created (ival 0, pval NULL) if absent; NULL if out of
 * memory. *created says which. */
struct strmap_ent *strmap_put(strmap *m, const char *key, size_t klen,
    bool *created);
/* Remove key; its pval is returned to the caller (NULL if absent). */
void *strmap_del(strmap *m, const char *key, size_t klen);
/*
 * A copy of src in dst (dst uninitialised): the same slots, tombstones
 * and iteration order, the keys copied and each pval through dup_val
 * (NULL: values not kept, pval NULL). TCOP_ENOMEM: dst holds what was
 * copied, for strmap_fini with the same free_val.
 */
tcop_err strmap_clone(strmap *dst, const strmap *src,
    void *(*dup_val)(const void *));
/* Live entry at slot i (0 <= i < m->cap), or NULL: for iteration. */
struct strmap_ent *strmap_at(strmap *m, size_t i);

#endif
