/*
 * pic_int.h: the inside of the picture, shared by pic.c (the model and
 * its readers), correlate.c (levels 1 and 2) and assoc.c (the spatial
 * index and the assignment). Not for other modules: they use pic.h.
 */
#ifndef TCOP_PIC_INT_H
#define TCOP_PIC_INT_H

#include <stdatomic.h>
#include <string.h>

#include "core/strmap.h"
#include "pic/pic.h"
#include "pic/rules.h"

/* What the picture keeps of an entity's latest event. */
struct meta {
	tcop_cls cls;
	int nrel;
	char rel[TCOP_REL_MAX][5];
	tcop_ms t;
	char *json;            /* owned copy, NUL-terminated */
	uint32_t json_len, json_cap;
};

/* Detections, areas, zones and marks: the generic entities. */
struct gent {
	char id[TCOP_ID_MAX];
	char label[64];
	char ref[TCOP_ID_MAX];
	const char *state;     /* static string */
	bool has_pos;
	bool live;             /* area open, detection dark ... (per kind) */
	double lat, lon, speed, course, radius_m, ce;
	tcop_ms t, end;
	struct pic_zone z;     /* polygon (areas, zones); z.v owned */
	struct meta m;
};

struct gvec {
	struct gent *v;
	size_t n, cap;
	strmap idx;            /* id -> index + 1 in ival */
};

/* Per-track state of the correlation core, beside track.h's struct. */
struct trk_x {
	uint32_t mmsi;
	const struct track *tr; /* cached pool entry (pool entries never
	                         * move); check tr->mmsi before use */
	struct meta m;
	tcop_cls cls;          /* the highest marking of its reports */
	int nrel;
	char rel[TCOP_REL_MAX][5];
	bool gone;             /* dropped from the track table */
	/* anomalies */
	tcop_ms gap_t;         /* t_last of the report a gap was raised for */
	tcop_ms jump_t;        /* time of the last implied jump */
	tcop_ms silent_t;      /* when it went silent inside an area */
};

/*
 * A track's node in the spatial index (assoc.c), in an array parallel to
 * the extras (p->gn[i] is p->tx[i]'s), compact so that a search touches
 * only these bytes.
 */
struct gnode {
	double blat, blon;     /* where it is binned ... */
	tcop_ms bt;            /* ... for this time */
	double rlat, rlon;     /* the latest report's position ... */
	tcop_ms rt;            /* ... and time (0: none) */
	int64_t cell;          /* INT64_MIN: not binned */
	float bspeed;          /* m/s of the report (1e9: unknown) */
	float vn, ve;          /* m/s north, east of the report */
	float rcos;            /* cos(rlat) */
	int32_t gnext, gprev;  /* the cell's list */
	bool far;              /* on the far list */
};

struct inc {
	struct pic_incident pub;
	enum pic_rule rule;
	char key[2 * TCOP_ID_MAX];
	tcop_ms expires;       /* closes at this time without new members */
};

struct pending_det {
	int gi;                /* index in dets */
	tcop_ms t;
	double lat, lon, ce;
};

/* A small time-ordered member list for windowed counts. */
struct wmember {
	char id[TCOP_ID_MAX];
	tcop_ms t;
};
#define WIN_MAX 64
struct window {
	int n;
	struct wmember m[WIN_MAX];
};

struct recent_ent {
	tcop_ms t;
	tcop_kind kind;
	char id[TCOP_ID_MAX];
	char what[64];
};

struct port {
	double lat, lon;
};

/* Every field is copied by pic_clone (clone.c): keep it in step. */
struct pic {
	struct pic_cfg cfg;
	struct pic_rules rules;
	track_table *tt;
	sat_cat *sats;
	alerts *al;
	assets *as;            /* read-only after creation: shared with
	                        * the picture's clones ... */
	_Atomic int *as_refs;  /* ... that many of them (NULL: no as) */
	struct meta *asset_meta;
	tcop_ms now;
	tcop_ms sat_t;         /* time of the last sat_cat_update */
	uint64_t sat_rev_done;
	struct pic_stats st;
	uint64_t rev[PIC_NKINDS];

	/* tracks' extras */
	struct trk_x *tx;
	struct gnode *gn;      /* parallel to tx */
	size_t ntx, captx;
	uint32_t *txkey;       /* open addressing: mmsi (0 empty) ... */
	uint32_t *txval;       /* ... -> index in tx */
	size_t txcap;          /* power of two, at most half full */

	/* satellites' metas, keyed by NORAD id (4 bytes) */
	strmap satmeta;
	strmap alertmeta;      /* alert row key|signature -> meta */

	struct gvec g[PIC_NKINDS]; /* DETECTION, AREA, ZONE, MARK used */

	/* incidents */
	struct inc *inc;
	size_t ninc, capinc;
	strmap incidx;         /* rule|key of open ones -> index + 1 */
	strmap incid;          /* incident id -> index + 1 (all) */
	size_t dark_open;      /* open dark-vessel incidents (track_resumed) */
	size_t *rank;
	bool rank_dirty;

	/* recent events ring */
	struct recent_ent *recent;
	size_t nrecent, recent_head;

	/* level 1: association */
	struct pending_det *pend;
	size_t npend, cappend;
	char pend_key[TCOP_SRC_MAX + 32];
	struct grid *grid;

	/* level 2 state */
	strmap win;            /* rule|key -> struct window * (owned) */
	strmap pairs;          /* rendezvous: "a|b" -> start time in ival */
	strmap gs_alert;       /* "norad" -> last alert time (ival), asset
	                        * id (pval, owned string) */
	struct port *ports;
	size_t nports;
	tcop_ms gap_scan_t;
	tcop_event *scratch;   /* pic_apply_msg's event, reused */
};

/* Copy a string into a fixed field, cut to fit (no format warnings). */
static inline void
pic_copy(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* pic.c */
/* The extras of mmsi, or NULL (const: no creation). */
struct trk_x *pic_trk_find(const pic *p, uint32_t mmsi);
/* The track of x, through the cache when it still holds. */
const struct track *trk_track(pic *p, struct trk_x *x);
tcop_err meta_set(struct meta *m, const tcop_event *ev);
void meta_free(struct meta *m);
struct trk_x *pic_trk(pic *p, uint32_t mmsi, bool create);
struct gent *gvec_get(struct gvec *g, const char *id);
struct gent *gvec_put(struct gvec *g, const char *id, bool *created);
void pic_bump(pic *p, enum pic_kind k);
bool pic_in_zone(const pic *p, enum pic_rule rule, double lat, double lon,
    const char **zname);

/* correlate.c */
struct inc *inc_raise(pic *p, enum pic_rule rule, const char *key,
    tcop_ms t, unsigned domains, const char *why);
void inc_member(pic *p, struct inc *in, const char *id);
void inc_close(pic *p, struct inc *in, tcop_ms t);
struct inc *inc_open_find(pic *p, enum pic_rule rule, const char *key);
void corr_track(pic *p, const tcop_event *ev, const struct track *tr,
    struct trk_x *x, bool moved);
void corr_detection(pic *p, struct gent *d, bool dark, const char *trk);
void corr_elements(pic *p, uint32_t norad, const struct sat_obj *o,
    double old_epoch_days, tcop_ms t);
void corr_space_event(pic *p, const tcop_event *ev);
void corr_alert(pic *p, const tcop_event *ev, const struct alert_row *row);
void corr_conjunction(pic *p, const tcop_event *ev);
void corr_area(pic *p, struct gent *a);
void corr_tick(pic *p, tcop_ms now);
void corr_ack(pic *p, const tcop_event *ev);
/* Copies of the values of p->win, p->pairs, p->gs_alert (pic_clone). */
void *corr_window_dup(const void *v);
void *corr_pair_dup(const void *v);
void *corr_gsa_dup(const void *v);
double geo_dist_m(double lat1, double lon1, double lat2, double lon2);
bool area_contains(const struct gent *a, double lat, double lon);

/* assoc.c */
tcop_err grid_create(struct grid **out);
void grid_destroy(struct grid *g);
/* A deep copy of src (the cells in use, the far list). TCOP_ENOMEM. */
tcop_err grid_clone(struct grid **out, const struct grid *src);
size_t grid_bytes(const struct grid *g);
void grid_update(pic *p, struct trk_x *x, const struct track *tr);
void grid_remove(pic *p, struct trk_x *x);
/* Tracks whose position at t is within radius_m of lat/lon (candidates
 * for gating and rendezvous): indexes into p->tx, at most max. */
size_t grid_near(pic *p, double lat, double lon, double radius_m,
    tcop_ms t, int32_t *out, size_t max);
void assoc_flush(pic *p);
/* Minimum-cost assignment of n rows to m columns (n <= m), cost[i*m+j];
 * col[i] receives row i's column. Hungarian method, O(n^2 m). */
void assign_min(const double *cost, int n, int m, int *col);

#endif
