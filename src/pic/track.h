/*
 * track.h: vessel tracks of the picture, keyed by MMSI, built from
 * maritime/track events (tcop_event of kind TCOP_K_TRACK).
 *
 * Pure model: no curses, no sockets, no wall clock; time is always an
 * argument (the event's `t`, or the picture's `now`). Each track keeps its
 * latest kinematics, its static data merged from every event that carried
 * some (types 5, 19, 24 as the publisher merged them), a bounded ring of
 * past positions, and a state:
 *
 *     report            no report for `stale`       no report for `lost`
 *   ─────────► ACTIVE ──────────────────────► STALE ─────────────────────► LOST
 *                 ▲                              │                          │
 *                 └────────── any report ────────┴──────────────────────────┘
 *                                          LOST for `drop` ──► removed (track_tick)
 *
 * The timeouts depend on how often the vessel reports (ITU-R M.1371): a
 * class A ship every 2-10 s under way and every 3 min at anchor, a class B
 * unit every 30 s to 3 min; and on how it is heard: satellite AIS sees a
 * ship once per pass, hours apart, so a track last heard via satellite
 * (or by a type 27 long-range message) keeps its own, much longer,
 * timeouts. All of them are in struct track_cfg.
 *
 * Memory: one table allocation, sized for cfg.max_tracks tracks of at most
 * 512 bytes each (TRACK_BYTES) plus cfg.history positions of 24 bytes,
 * and an index of 4 bytes a slot; nothing is allocated afterwards.
 * Older reports (t before the track's last position) still merge static
 * data but leave the position and the history alone.
 */
#ifndef TCOP_PIC_TRACK_H
#define TCOP_PIC_TRACK_H

#include "tcop/event.h"

enum track_state { TRACK_ACTIVE, TRACK_STALE, TRACK_LOST };

/* How the vessel reports, from the AIS type of its events. */
enum track_class {
	TRACK_CLASS_A,     /* types 1-3, 5 */
	TRACK_CLASS_B,     /* types 18, 19, 24 */
	TRACK_CLASS_OTHER, /* SAR aircraft (9), anything else */
};

struct track_cfg {
	size_t max_tracks;       /* 0: 100,000 */
	unsigned history;        /* positions kept per track; 0: 32 */
	tcop_ms stale_a, lost_a; /* class A, terrestrial; 0: 6 min, 20 min */
	tcop_ms stale_b, lost_b; /* class B, terrestrial; 0: 10 min, 30 min */
	tcop_ms stale_sat, lost_sat; /* last heard via satellite; 0: 3 h, 12 h */
	tcop_ms drop;            /* LOST this long: removed; 0: 1 h */
};

/* One past position. */
struct track_fix {
	tcop_ms t;
	int32_t lat_e7, lon_e7;  /* degrees * 1e7 */
	uint16_t speed_dkn;      /* 1/10 kn, 0xffff unknown */
	uint16_t course_ddeg;    /* 1/10 deg, 0xffff unknown */
};

struct track {
	uint32_t mmsi;           /* 0: free */
	uint8_t state;           /* enum track_state, as of the last track_tick */
	uint8_t cls;             /* enum track_class */
	bool via_satellite;      /* the latest report came via satellite */
	bool has_pos;
	int type;                /* AIS type of the latest report */
	tcop_ms t_first;         /* first report */
	tcop_ms t_last;          /* latest report of any kind */
	tcop_ms t_pos;           /* time of lat/lon */
	tcop_ms t_lost;          /* when it went LOST, or TCOP_MS_NONE */
	uint64_t reports;
	double lat, lon;         /* latest position, when has_pos */
	double speed;            /* kn, NaN unknown */
	double course;           /* deg true, NaN */
	double heading;          /* deg true, NaN */
	double turn;             /* deg/min, NaN */
	int status;              /* navigational status, -1 */
	int accuracy;            /* -1 */
	/* static data, merged */
	char shipname[24];
	char callsign[12];
	char destination[24];
	uint32_t imo;            /* 0 unknown */
	int shiptype;            /* -1 */
	int to_bow, to_stern, to_port, to_starboard; /* m, -1 */
	char src[32];            /* src of the latest report */
	/* history ring (in the table's storage), owned by the table */
	uint32_t ring_head;      /* next slot to write */
	uint32_t ring_n;         /* positions held */
};

#define TRACK_BYTES 512

typedef struct track_table track_table;

/* Fill cfg with the defaults above. */
void track_cfg_default(struct track_cfg *cfg);

/* A table for cfg (NULL: defaults). TCOP_ENOMEM, TCOP_EINVAL. */
tcop_err track_table_create(track_table **out, const struct track_cfg *cfg);
void track_table_destroy(track_table *tt);

/*
 * A deep copy of src: the same tracks in the same pool entries, rings and
 * index, so the copy and the original evolve identically. The copy has
 * its own storage, as large as src's (pages of the unused part are not
 * touched). TCOP_ENOMEM.
 */
tcop_err track_table_clone(track_table **out, const track_table *src);

/*
 * Apply one maritime/track event (the MMSI from u.track.mmsi, else from an
 * id "mmsi:N"). *out (may be NULL) is the updated track, valid until the
 * next call that adds or removes tracks. Returns TCOP_OK, TCOP_EINVAL (not
 * a track event, or no MMSI), TCOP_ENOMEM (max_tracks reached).
 */
tcop_err track_apply(track_table *tt, const tcop_event *ev,
    const struct track **out);

/*
 * Bring every track's state to time now, and remove the tracks LOST for
 * longer than cfg.drop. Returns the number removed.
 */
size_t track_tick(track_table *tt, tcop_ms now);

/* The state a track would have at now (without changing anything). */
enum track_state track_state_at(const track_table *tt, const struct track *tr,
    tcop_ms now);

/* Milliseconds since the latest report (0 if now is earlier). */
tcop_ms track_age(const struct track *tr, tcop_ms now);

/*
 * Dead reckoning: the position at time t from the latest position, speed
 * and course (rhumb line on a sphere). Without speed or course the latest
 * position. false if the track has no position.
 */
bool track_predict(const struct track *tr, tcop_ms t, double *lat,
    double *lon);

/*
 * How far (m, one sigma) the true position may be from track_predict()'s
 * at time t, for gating detections against tracks: the fix's own accuracy
 * (10 m with the AIS high-accuracy flag, 100 m without), plus a tenth of
 * the distance run since it (course and speed change), plus, without a
 * known speed, what 15 kn would cover at half that rate. A heuristic,
 * not a filter's covariance. -1 if the track has no position.
 */
double track_uncertainty_m(const struct track *tr, tcop_ms t);

const struct track *track_find(const track_table *tt, uint32_t mmsi);
size_t track_count(const track_table *tt);

/*
 * Iterate: start with *cursor = 0; each call returns the next track, or
 * NULL at the end. Adding or removing tracks invalidates the cursor.
 */
const struct track *track_next(const track_table *tt, size_t *cursor);

/* Up to max past positions of tr, newest first. Returns how many. */
size_t track_history(const track_table *tt, const struct track *tr,
    struct track_fix *out, size_t max);

/* Bytes the table holds (tracks, rings and index). */
size_t track_table_bytes(const track_table *tt);
/* Bytes of it in use (entries ever used, their rings, the index). */
size_t track_table_used_bytes(const track_table *tt);

const char *track_state_name(enum track_state s); /* "active", ... */

/* Check the table's invariants (see track.c); false if one is broken. */
bool track_check(const track_table *tt);

#endif
