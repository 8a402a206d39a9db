/*
 * event.h: the typed form of one tcop/1 message, and its decoder.
 *
 * A tcop/1 message is TOPIC SP JSON (docs/protocol.md). The decoder checks
 * it strictly, copies the common fields and the known domain fields of its
 * topic into a caller-owned tcop_event, and lets no cJSON tree escape. It
 * allocates nothing the caller must free. The raw JSON text is not copied:
 * ev->json points into the caller's message buffer (borrowed), so it is
 * valid only as long as that buffer is; whoever keeps an event beyond that
 * (the picture, for the detail pane and unknown fields) copies the bytes.
 *
 * Numbers that are absent are NaN (doubles) or -1 (ints, where -1 is not a
 * legal value); strings that are absent are empty. Strings longer than
 * their field are cut at a UTF-8 character boundary.
 */
#ifndef TCOP_EVENT_H
#define TCOP_EVENT_H

#include "tcop/tcop.h"

#define TCOP_MSG_MAX (64 * 1024) /* a whole message, topic included */
#define TCOP_TOPIC_MAX 64
#define TCOP_ID_MAX 96
#define TCOP_SRC_MAX 64
#define TCOP_REL_MAX 16
#define TCOP_AREA_MAX 256 /* polygon vertices in `area` */

/* The known topics; TCOP_K_UNKNOWN is a well-formed message of any other. */
#define TCOP_KINDS(X)                                   \
	X(UNKNOWN, "", "")                              \
	X(TRACK, "maritime/track", "maritime")          \
	X(DETECTION, "maritime/detection", "maritime")  \
	X(ELEMENTS, "space/elements", "space")          \
	X(CONJUNCTION, "space/conjunction", "space")    \
	X(SPACE_EVENT, "space/event", "space")          \
	X(ALERT, "cyber/alert", "cyber")                \
	X(INDICATOR, "cyber/indicator", "cyber")        \
	X(SIGHTING, "cyber/sighting", "cyber")          \
	X(INTERFERENCE, "cyber/interference", "cyber")  \
	X(MARK, "picture/mark", "picture")              \
	X(NOTE, "picture/note", "picture")              \
	X(ACK, "picture/ack", "picture")                \
	X(VIEW, "picture/view", "picture")              \
	X(ZONE, "picture/zone", "picture")

typedef enum tcop_kind {
#define TCOP_KIND_ENUM(name, topic, domain) TCOP_K_##name,
	TCOP_KINDS(TCOP_KIND_ENUM)
#undef TCOP_KIND_ENUM
	TCOP_K_COUNT
} tcop_kind;

const char *tcop_kind_topic(tcop_kind k);  /* "maritime/track" */
const char *tcop_kind_domain(tcop_kind k); /* "maritime" */
tcop_kind tcop_kind_of_topic(const char *topic, size_t len);

/* Classification, ordered: a higher value is a higher marking. */
typedef enum tcop_cls {
	TCOP_CLS_NONE = 0, /* unmarked: no `cls` field */
	TCOP_CLS_U,
	TCOP_CLS_CUI,
	TCOP_CLS_C,
	TCOP_CLS_S,
	TCOP_CLS_TS,
} tcop_cls;

const char *tcop_cls_name(tcop_cls c); /* "U", ..., "" for NONE */
tcop_cls tcop_cls_parse(const char *s);  /* NONE if not a marking */
/* A releasability code: a trigraph or tetragraph, 3-4 of A-Z (s[0..n)). */
bool tcop_rel_code_ok(const char *s, size_t n);

/* maritime/track: gpsd's AIS JSON names and scaling. */
struct tcop_ev_track {
	int type;          /* AIS message type, -1 if absent */
	uint32_t mmsi;     /* 0 if absent */
	int status;        /* navigational status 0..15, -1 */
	double speed;      /* kn */
	double course;     /* deg true */
	double heading;    /* deg true */
	double turn;       /* deg/min, signed as ITU-R M.1371 */
	int accuracy;      /* 0/1, -1 */
	char shipname[24];
	char callsign[12];
	uint32_t imo;      /* 0 if absent */
	int shiptype;      /* -1 */
	int to_bow, to_stern, to_port, to_starboard; /* m, -1 */
	char destination[24];
	bool via_satellite; /* `via`: "satellite"; default terrestrial */
};

/* maritime/detection: an unidentified contact. */
struct tcop_ev_detection {
	char sensor[32];
	double ce;     /* circular error, m */
	double length; /* m */
	double speed;  /* kn */
	double course; /* deg */
};

/* space/elements: CelesTrak OMM keys, or tle1/tle2. */
struct tcop_ev_elements {
	char object_name[32];
	char object_id[16];
	uint32_t norad_cat_id; /* 0 if absent */
	tcop_ms epoch;         /* TCOP_MS_NONE if absent */
	char epoch_text[32];   /* as sent (sub-ms digits matter to SGP4) */
	double mean_motion, eccentricity, inclination, ra_of_asc_node;
	double arg_of_pericenter, mean_anomaly, bstar;
	double mean_motion_dot, mean_motion_ddot;
	int ephemeris_type, element_set_no;
	double rev_at_epoch;
	char tle1[72], tle2[72];
};

/* space/conjunction: Space-Track cdm_public names. */
struct tcop_ev_conjunction {
	char cdm_id[24];
	tcop_ms tca;
	double min_rng; /* m */
	double pc;
	char sat_1_id[16], sat_1_name[32];
	char sat_2_id[16], sat_2_name[32];
};

/* space/event */
struct tcop_ev_space_event {
	char what[16]; /* launch, maneuver, anomaly, breakup, asat-test */
	uint32_t norad;
};

/* cyber/alert: Suricata EVE names. */
struct tcop_ev_alert {
	char signature[160];
	int64_t signature_id; /* -1 */
	int severity;         /* 1 (high) .. 4, -1 */
	char category[96];
	char src_ip[48], dest_ip[48];
	int src_port, dest_port; /* -1 */
	char proto[12];
	char asset[64];
};

/* cyber/indicator and cyber/sighting: STIX 2.1 names. */
struct tcop_ev_stix {
	char stix_id[64];
	char name[96];
	char pattern[256];
	int confidence; /* -1 */
	int count;      /* -1 */
	tcop_ms first_seen, last_seen;
	char where[96];
};

/* cyber/interference: circle (lat/lon + radius_m) or polygon (area). */
struct tcop_ev_interference {
	char what[16]; /* gnss-jamming, gnss-spoofing */
	double radius_m;
	tcop_ms end;   /* `end`, TCOP_MS_NONE if open-ended */
	bool clear;    /* `clear`: true closes the area */
};

/* picture/mark, picture/note, picture/ack, picture/view, picture/zone */
struct tcop_ev_picture {
	char by[32];
	char text[256];
	char ref[TCOP_ID_MAX];
	char name[64];     /* zone */
	char region[32];   /* view */
	char selection[TCOP_ID_MAX];
	double center_lat, center_lon, span; /* view */
	tcop_ms replay_t;
	char rules[128];   /* zone: rule ids it applies to, comma-joined */
};

typedef struct tcop_event {
	tcop_kind kind;
	char topic[TCOP_TOPIC_MAX];
	char id[TCOP_ID_MAX];
	char src[TCOP_SRC_MAX];
	tcop_ms t;
	int64_t seq;     /* -1 if absent */
	tcop_cls cls;
	int nrel;        /* -1: no `rel` field; 0: empty array */
	char rel[TCOP_REL_MAX][5];
	bool has_pos;
	double lat, lon; /* WGS84 degrees, when has_pos */
	bool resend;     /* a publisher's late-joiner re-send (docs/protocol.md) */
	int narea;       /* vertices in area (interference, zone); 0 if none */
	double area[TCOP_AREA_MAX][2]; /* [lon, lat] */
	union {
		struct tcop_ev_track track;
		struct tcop_ev_detection det;
		struct tcop_ev_elements el;
		struct tcop_ev_conjunction cdm;
		struct tcop_ev_space_event sev;
		struct tcop_ev_alert alert;
		struct tcop_ev_stix stix;
		struct tcop_ev_interference intf;
		struct tcop_ev_picture pic;
	} u;
	const char *json; /* borrowed: the JSON text in the caller's buffer */
	size_t json_len;
} tcop_event;

/*
 * Make ev an event of kind with every field absent (the state the decoder
 * starts from): adapters that build events themselves start here.
 */
void tcop_event_init(tcop_event *ev, tcop_kind kind);

/*
 * Decode one tcop/1 message of len bytes (not NUL-terminated). On success
 * fills *ev and returns TCOP_OK (ev->kind is TCOP_K_UNKNOWN for a topic we
 * do not know: the caller counts and ignores it). On failure returns the
 * reason: TCOP_EEMPTY, TCOP_ETOOBIG (over TCOP_MSG_MAX), TCOP_ETOPIC,
 * TCOP_EJSON, TCOP_EID, TCOP_ETIME, TCOP_ESRC, TCOP_ESEQ, TCOP_ECLS,
 * TCOP_EREL, TCOP_ELAT, TCOP_ELON, TCOP_ENOTFINITE or TCOP_EFIELD, and *ev
 * is unspecified. Thread-safe (the cJSON arena is per thread).
 */
tcop_err tcop_event_decode(const void *msg, size_t len, tcop_event *ev);

/* The same, topic and JSON given apart (capture lines, JSONL files). */
tcop_err tcop_event_decode2(const char *topic, size_t topic_len,
    const char *json, size_t json_len, tcop_event *ev);

/*
 * Where the topic ends: the index of the space after TOPIC in msg, or -1 if
 * the message is not framed as TOPIC SP JSON. Cheap; no JSON is parsed.
 */
long tcop_msg_topic_len(const void *msg, size_t len);

#endif
