/*
 * evstore.h: what the viewer has received, in the viewer's own terms, until
 * (and beside) the picture model: a ring of the most recent events for the
 * events list and the detail pane, and one entry per entity id (the latest
 * position, course, name, marking and a short trail) for the map layers.
 *
 * Everything is allocated once by evstore_create(); evstore_add() copies
 * what it keeps (the raw JSON too, cut at EVSTORE_JSON_MAX) and allocates
 * nothing. When the ring is full the oldest event is overwritten; when the
 * entity table is full a new entity is counted as dropped and not shown.
 * No wall clock: event time is the event's `t`.
 */
#ifndef TCOP_EVSTORE_H
#define TCOP_EVSTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcop/event.h"

#define EVSTORE_JSON_MAX 1536 /* raw JSON kept per event, bytes */
#define EVSTORE_NAME_MAX 32
#define EVSTORE_TRAIL 16     /* past positions kept per entity */

/* One received event, as the lists and the detail pane need it. */
struct ev_row {
	uint64_t n;             /* arrival number, 1.. (stable sort key) */
	tcop_kind kind;
	char topic[TCOP_TOPIC_MAX];
	char id[TCOP_ID_MAX];
	char src[TCOP_SRC_MAX];
	char name[EVSTORE_NAME_MAX]; /* shipname, object name, signature... */
	tcop_ms t;
	tcop_cls cls;
	int nrel;               /* -1: no `rel` */
	char rel[TCOP_REL_MAX][5];
	bool has_pos;
	double lat, lon;
	int feed;               /* feed index it came on */
	struct {                /* space/conjunction only */
		tcop_ms tca;
		double min_rng, pc; /* m; NaN if absent */
		char sat[2][16];    /* SAT_1_ID, SAT_2_ID */
		char name[2][24];   /* SAT_1_NAME, SAT_2_NAME */
	} cdm;
	uint16_t json_len;
	bool json_cut;          /* json was longer than EVSTORE_JSON_MAX */
	char json[EVSTORE_JSON_MAX];
};

/* One entity (an `id`) with a position: what the map draws. */
struct ev_ent {
	char id[TCOP_ID_MAX];
	tcop_kind kind;
	char name[EVSTORE_NAME_MAX];
	tcop_cls cls;
	int nrel;
	char rel[TCOP_REL_MAX][5];
	double lat, lon;
	double course;          /* deg, NaN if unknown */
	double speed;           /* kn, NaN */
	double radius_m;        /* interference circle, NaN */
	int severity;           /* cyber alert severity 1..4, -1 */
	tcop_ms t;              /* event time of the latest report */
	uint64_t last_row;      /* arrival number of its latest event */
	int ntrail;             /* positions in trail[], oldest first */
	float trail[EVSTORE_TRAIL][2]; /* lat, lon */
	bool cleared;           /* interference cleared: not drawn */
};

struct evstore {
	struct ev_row *rows;    /* ring of cap rows */
	size_t cap, count;      /* count <= cap */
	uint64_t next_n;        /* arrival number of the next event */
	struct ev_ent *ents;    /* ent_cap entities, first nent used */
	size_t ent_cap, nent;
	uint32_t *ent_hash;     /* open addressing: index+1, 0 empty */
	size_t hash_cap;        /* power of two, >= 2 * ent_cap */
	uint64_t dropped;       /* entities not kept: table full */
	tcop_ms latest_t;       /* newest event time seen: the picture's time */
	tcop_cls cls_max;       /* highest marking received */
};

/* cap events in the ring, ent_cap entities; NULL on ENOMEM or 0 sizes. */
struct evstore *evstore_create(size_t cap, size_t ent_cap);
void evstore_destroy(struct evstore *s);

/* Keep ev (received on feed). Returns the row it now occupies. */
const struct ev_row *evstore_add(struct evstore *s, const tcop_event *ev,
    int feed);

/* The i-th newest event (0 = newest), or NULL past count. */
const struct ev_row *evstore_row(const struct evstore *s, size_t i);
/* The row with arrival number n if it is still in the ring, else NULL. */
const struct ev_row *evstore_find_row(const struct evstore *s, uint64_t n);
/* The entity with this id, or NULL. */
const struct ev_ent *evstore_ent(const struct evstore *s, const char *id);

#endif
