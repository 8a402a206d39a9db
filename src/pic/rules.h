/*
 * rules.h: the correlation core's rules file (docs/rules.md): thresholds,
 * windows, zones of interest, protected objects, per-rule enable, severity
 * and suppression lists. With no file every value is the documented
 * default (rules_default()), so any capture gives a predictable picture.
 *
 * The parser copies what it needs into caller-visible structs and lets no
 * cJSON tree escape; zones and lists are allocated and freed by
 * rules_free(). Zones come from inline rings, GeoJSON (inline or a file)
 * or shapefiles; known limits: holes are not subtracted, and a zone may
 * not cross the antimeridian.
 */
#ifndef TCOP_PIC_RULES_H
#define TCOP_PIC_RULES_H

#include "tcop/event.h"

/* The rule ids: part of the contract (DESIGN.md, docs/rules.md). */
#define PIC_RULES(X)                                  \
	X(DARK, "dark-vessel")                        \
	X(PNT, "pnt-disruption")                      \
	X(C2S, "cyber-to-space")                      \
	X(CONJ, "conjunction")                        \
	X(RDV, "rendezvous")                          \
	X(CAMP, "campaign")                           \
	X(GAP, "ais-gap")                             \
	X(JUMP, "ais-jump")                           \
	X(IDC, "identity-conflict")                   \
	X(MNV, "maneuver")

enum pic_rule {
#define PIC_RULE_ENUM(n, s) R_##n,
	PIC_RULES(PIC_RULE_ENUM)
#undef PIC_RULE_ENUM
	R_COUNT
};

const char *rule_name(enum pic_rule r);
int rule_of_name(const char *s); /* -1 if unknown */

/* A zone of interest: a polygon ring and the rules it applies to. */
struct pic_zone {
	char id[TCOP_ID_MAX];
	char name[64];
	unsigned rules;      /* bit per enum pic_rule; all bits: every rule */
	int n;
	double (*v)[2];      /* [lon, lat], owned */
	double w, s, e, nn;  /* bounding box */
};

struct pic_rules {
	bool enabled[R_COUNT];
	int severity[R_COUNT];       /* enum pic_sev */
	int nsuppress[R_COUNT];
	char (*suppress[R_COUNT])[TCOP_ID_MAX]; /* entity ids, owned */
	/* association */
	double gate_k;               /* 3 */
	double sigma_m;              /* 100 */
	double sigma_frac;           /* 0.1 */
	tcop_ms assoc_max_age;       /* 6 h */
	/* ais-gap */
	tcop_ms gap_a, gap_b, gap_sat; /* 20 min, 30 min, 6 h */
	double gap_min_kn;           /* 1 */
	/* ais-jump */
	double jump_kn, jump_hsc_kn; /* 50, 70 */
	/* identity-conflict */
	double idc_nm, idc_kn;       /* 10, 100 */
	/* pnt-disruption */
	int pnt_tracks;              /* 3 */
	tcop_ms pnt_window;          /* 30 min */
	/* cyber-to-space */
	tcop_ms c2s_window;          /* 6 h */
	/* conjunction */
	double conj_pc, conj_rng_m;  /* 1e-4, 1000 */
	int nprotected;              /* 0: every object */
	uint32_t *protected_ids;     /* owned */
	/* rendezvous */
	double rdv_m, rdv_kn, rdv_port_nm; /* 500, 2, 5 */
	tcop_ms rdv_time;            /* 30 min */
	/* campaign */
	int camp_assets;             /* 3 */
	tcop_ms camp_window;         /* 60 min */
	/* maneuver */
	double mnv_km, mnv_km_day;   /* 5, 2 */
	/* how long an incident stays open without a new member */
	tcop_ms hold[R_COUNT];
	/* zones of interest from the file */
	int nzones;
	struct pic_zone *zones;      /* owned */
};

void rules_default(struct pic_rules *r);
/*
 * Parse a rules file of len bytes into r (which starts from the
 * defaults). name names the input in err ("NAME: reason"). TCOP_EJSON,
 * TCOP_EFIELD, TCOP_ESYS (a zone file), TCOP_ENOMEM; r is then left with
 * the defaults.
 */
tcop_err rules_parse(struct pic_rules *r, const char *text, size_t len,
    const char *name, char *err, size_t errsz);
tcop_err rules_load(struct pic_rules *r, const char *path, char *err,
    size_t errsz);
void rules_free(struct pic_rules *r);
/* A deep copy of src into dst (zones, lists). TCOP_ENOMEM, dst then
 * the defaults. */
tcop_err rules_clone(struct pic_rules *dst, const struct pic_rules *src);

/* True if id is on rule r's suppression list. */
bool rules_suppressed(const struct pic_rules *r, enum pic_rule rule,
    const char *id);
bool rules_protected(const struct pic_rules *r, uint32_t norad);

/* Fill a zone from a ring ([lon, lat], n >= 3); TCOP_EINVAL, ENOMEM. */
tcop_err zone_set(struct pic_zone *z, const double (*v)[2], int n);
bool zone_contains(const struct pic_zone *z, double lat, double lon);

#endif
