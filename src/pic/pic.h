/*
 * pic.h: the picture — everything a viewer or `tcop snapshot` shows, built
 * from tcop/1 events by the correlation core (DESIGN.md, "The correlation
 * core"), with no curses, no sockets and no wall clock.
 *
 *   events ──pic_apply()──► level 1: tracks, satellites, detections
 *                                    (associated or dark), alerts, assets,
 *                                    interference areas, zones, marks
 *                           level 2: incidents by rule (correlate.c)
 *   time ───pic_advance()─► timeouts, gaps, closing incidents, satellite
 *                           positions
 *   reader ─pic_next(), pic_incident_at(), pic_recent(), pic_rev() ─► view
 *
 * Time is the events' `t`: the picture's time is the latest `t` applied or
 * the latest pic_advance(), whichever is later. Two pictures fed the same
 * events in the same order are identical, incident ids included, which is
 * what makes a `picture/ack` from one viewer mean the same incident on
 * every other.
 *
 * Ownership: the picture owns every table; everything a getter returns is
 * borrowed and valid until the next pic_apply() or pic_advance(). Not
 * thread-safe: one owner. Memory: TCOP_ENOMEM at creation; while running,
 * an entity that finds no room is counted as rejected, never fatal.
 */
#ifndef TCOP_PIC_PIC_H
#define TCOP_PIC_PIC_H

#include "cyber/assets.h"
#include "pic/alerts.h"
#include "pic/sat.h"
#include "pic/track.h"
#include "tcop/event.h"

typedef struct pic pic;

struct pic_cfg {
	const char *rules_path;  /* rules file (docs/rules.md); NULL: defaults */
	const char *maps_dir;    /* ports (ne_places_region.csv) and shapefile
	                          * zones; NULL: no ports */
	const char *assets_path; /* asset inventory (docs/assets.md); NULL:
	                          * none (ground-station links then unknown) */
	size_t max_tracks;       /* 0: 100,000 */
	size_t max_detections;   /* detections kept; 0: 65,536 */
	size_t max_incidents;    /* 0: 65,536 */
	size_t recent;           /* recent events ring; 0: 256 */
};

/* The kinds of entity, one layer each; also the revision counter index. */
enum pic_kind {
	PIC_TRACK,      /* maritime/track, keyed by MMSI (track.h) */
	PIC_DETECTION,  /* maritime/detection */
	PIC_SAT,        /* space/elements, keyed by NORAD id (sat.h) */
	PIC_ASSET,      /* the inventory (assets.h) */
	PIC_ALERT,      /* cyber/alert rows (alerts.h) */
	PIC_AREA,       /* cyber/interference */
	PIC_ZONE,       /* zones of interest: picture/zone, rules file */
	PIC_MARK,       /* picture/mark, picture/note, picture/ack */
	PIC_INCIDENT,   /* level 2 (only as a layer: see pic_incident_at) */
	PIC_EVENTS,     /* the recent events ring (only as a layer) */
	PIC_NKINDS
};

const char *pic_kind_name(enum pic_kind k); /* "track", "detection", ... */

/* One entity as a list or the map shows it. Strings are borrowed. */
struct pic_entity {
	enum pic_kind kind;
	const char *id;        /* as in events: mmsi:N, det:.., norad:N ... */
	const char *label;     /* ship name, object name, signature ...; "" */
	const char *state;     /* track: active/stale/lost; detection:
	                        * associated/dark; area: open/closed; ... */
	bool has_pos;
	double lat, lon;       /* WGS84 deg, at the picture's time where it
	                        * moves (satellites: at the last advance) */
	double speed, course;  /* kn, deg; NaN unknown */
	double radius_m;       /* areas: circle radius; NaN otherwise */
	int narea;             /* areas, zones: polygon vertices, else 0 */
	const double (*area)[2]; /* [lon, lat] */
	tcop_ms t;             /* latest event time */
	tcop_ms age;           /* picture time - t (>= 0) */
	tcop_cls cls;          /* marking of the latest event; tracks: the
	                        * highest of their reports (pic_mark_merge) */
	int nrel;              /* -1: no rel */
	const char (*rel)[5];
	const char *json;      /* the latest event's raw JSON; may be "" */
	size_t json_len;
	const char *ref;       /* detection: the track it is associated to;
	                        * mark: the referenced id; else "" */
	const void *obj;       /* the underlying struct track, sat_obj,
	                        * struct asset, alert_row; else NULL */
	char idbuf[TCOP_ID_MAX + 8]; /* id may point here (tracks,
	                        * satellites, assets, alerts): a copy of the
	                        * struct keeps pointing at the original's */
};

/*
 * Iterate one kind: *cursor = 0 first; returns false at the end. The order
 * is deterministic (the order the entities were first seen, tracks in
 * table order). Any pic_apply/pic_advance invalidates the cursor.
 */
bool pic_next(const pic *p, enum pic_kind kind, size_t *cursor,
    struct pic_entity *out);
/* The entity with this id (any kind); false if none. */
bool pic_find(const pic *p, const char *id, struct pic_entity *out);
size_t pic_count(const pic *p, enum pic_kind kind);

/*
 * Markings of derived things (DESIGN.md, issue "Trust"): merge one more
 * marking (c, n, r) into (*cls, *nrel, rel). The class is the highest of
 * the two; unmarked (TCOP_CLS_NONE) adds nothing. Releasability follows
 * the banner's rule: only CUI and above restrict it; between two such
 * markings `rel` is the intersection, and one without `rel` (nrel -1)
 * leaves none. Start from *cls = TCOP_CLS_NONE.
 */
void pic_mark_merge(tcop_cls *cls, int *nrel, char rel[][5], tcop_cls c,
    int n, const char r[][5]);

/* ---- incidents (level 2, ranked by level 3) ------------------------------ */

enum pic_state { PIC_OPEN, PIC_ACKED, PIC_CLOSED };
const char *pic_state_name(enum pic_state s); /* open, acknowledged, closed */

/* Severity, higher is worse. */
enum pic_sev { PIC_SEV_LOW = 1, PIC_SEV_MEDIUM, PIC_SEV_HIGH,
	PIC_SEV_CRITICAL };
const char *pic_sev_name(int sev); /* low, medium, high, critical */

/* Domain bits of an incident. */
enum { PIC_DOM_MARITIME = 1, PIC_DOM_SPACE = 2, PIC_DOM_CYBER = 4 };

#define PIC_MEMBERS_MAX 64 /* members kept per incident; more are counted */

struct pic_incident {
	char id[24];           /* "inc:" + 16 hex: rule + founding members */
	char rule[24];         /* dark-vessel, pnt-disruption, ... */
	int severity;          /* enum pic_sev */
	enum pic_state state;
	unsigned domains;      /* PIC_DOM_* bits */
	int ndomains;
	tcop_ms first, last;   /* event time of the first and latest member */
	tcop_ms closed_at;     /* TCOP_MS_NONE while not closed */
	char why[256];         /* one line: why the members were joined */
	char ack_by[32];       /* who acknowledged; "" */
	int nmembers;          /* held (<= PIC_MEMBERS_MAX) */
	unsigned members_total; /* ever joined, held or not */
	char members[PIC_MEMBERS_MAX][TCOP_ID_MAX]; /* entity ids, in order
	                        * of joining */
	tcop_cls cls;          /* the highest marking of its members, merged
	                        * (pic_mark_merge) each time one joins or the
	                        * rule fires again with it */
	int nrel;              /* -1: no rel */
	char rel[TCOP_REL_MAX][5];
};

/* Incidents in the picture (every state). */
size_t pic_incident_count(const pic *p);
/*
 * The incident of rank i (0 is the most important): severity, then number
 * of domains, then recency (last), then id. NULL past the end.
 */
const struct pic_incident *pic_incident_at(const pic *p, size_t i);
const struct pic_incident *pic_incident_find(const pic *p, const char *id);

/*
 * The tcop/1 message acknowledging incident id (TOPIC SP JSON, no LF) for
 * the viewer to publish and pic_apply() like any other event: every
 * viewer applies the same ack. seq < 0: none. TCOP_ETOOBIG, TCOP_EINVAL.
 */
tcop_err pic_ack_msg(const char *incident_id, const char *by, tcop_ms t,
    const char *src, int64_t seq, char *buf, size_t size, size_t *len);

/* ---- applying events and time -------------------------------------------- */

/*
 * A picture for cfg (NULL: defaults). On failure err (if not NULL) says
 * why ("rules.json:12: ..."): TCOP_ENOMEM, TCOP_ESYS (a file can't be
 * read), TCOP_EJSON/TCOP_EFIELD (a bad rules file or inventory).
 */
tcop_err pic_create(pic **out, const struct pic_cfg *cfg, char *err,
    size_t errsz);
void pic_destroy(pic *p);

/*
 * A deep copy of src: fed the same events and pic_advance() calls from
 * here on, the copy and src stay identical (every reader, incident ids,
 * revisions, GeoJSON byte for byte). The copy owns its tables; the
 * read-only asset inventory is shared, reference counted, so either may
 * be destroyed first (the count is atomic). Costs about pic_bytes(src) of memory and a copy of it (see
 * docs/performance.md). TCOP_ENOMEM.
 */
tcop_err pic_clone(pic **out, const pic *src);
/* Bytes the picture holds, about (its tables in use, without the shared
 * inventory): what a pic_clone() of it costs. */
size_t pic_bytes(const pic *p);

/*
 * Apply one decoded event (its raw JSON is copied). Returns TCOP_OK, or
 * the reason it was rejected (counted): TCOP_EINVAL (not usable: a track
 * without MMSI, elements that fail orb_check), TCOP_ENOMEM (no room).
 * Unknown topics are counted and return TCOP_OK.
 */
tcop_err pic_apply(pic *p, const tcop_event *ev);
/* Decode one tcop/1 message and apply it; decoder rejections counted. */
tcop_err pic_apply_msg(pic *p, const void *msg, size_t len);

/*
 * Bring the picture to time t (ignored if earlier than its time): track
 * states, ais-gap, closing incidents whose rule no longer holds, and
 * satellite positions (sat_cat_update) if the satellite layer changed or
 * t moved.
 */
void pic_advance(pic *p, tcop_ms t);
tcop_ms pic_time(const pic *p); /* TCOP_MS_NONE before any event */

/* ---- counters, revisions, recent events ---------------------------------- */

struct pic_stats {
	uint64_t applied;          /* events applied */
	uint64_t unknown;          /* unknown topics */
	uint64_t rejected;         /* decoder or model rejections */
	uint64_t rejected_by[TCOP_NERR];
	uint64_t by_kind[TCOP_K_COUNT];
	uint64_t associated;       /* detections associated to a track */
	uint64_t dark;             /* dark contacts */
	uint64_t incidents_opened;
};
const struct pic_stats *pic_stats(const pic *p);

/* A counter per layer, bumped whenever anything in it changes. */
uint64_t pic_rev(const pic *p, enum pic_kind layer);

struct pic_recent {
	tcop_ms t;
	tcop_kind kind;
	char id[TCOP_ID_MAX];
	char text[96];            /* a short summary for a list */
};
/* The i-th most recent event (0 newest); false past the end. */
bool pic_recent(const pic *p, size_t i, struct pic_recent *out);

/* ---- the tables inside, read-only ---------------------------------------- */

const track_table *pic_tracks(const pic *p);
const sat_cat *pic_sats(const pic *p);
const alerts *pic_alerts(const pic *p);
const assets *pic_assets(const pic *p); /* NULL without an inventory */

/*
 * Check the picture's invariants (pic.c lists them). false and a message
 * in why (if not NULL) when one is broken. Called from tests and, in
 * debug builds (-DTCOP_DEBUG), after every pic_apply(), which aborts on a
 * broken invariant.
 */
bool pic_check(const pic *p, char *why, size_t whysz);

#endif
