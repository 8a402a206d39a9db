/*
 * cdm.h: conjunction data messages, in the two forms feeds deliver them:
 *   - Space-Track JSON: the flat `cdm_public` class (CDM_ID, CREATED, TCA,
 *     MIN_RNG, PC, SAT_1_ID, SAT_1_NAME, SAT_2_ID, SAT_2_NAME) or the full
 *     CDM class (CDM_ID, CREATION_DATE, TCA, MISS_DISTANCE, RELATIVE_SPEED,
 *     COLLISION_PROBABILITY, SAT1_OBJECT_DESIGNATOR, SAT1_OBJECT_NAME,
 *     SAT2_...); numbers as JSON numbers or strings; one array of objects
 *     or one object per line;
 *   - CCSDS CDM KVN (CCSDS 508.0-B-1): "KEY = VALUE [unit]" lines, one or
 *     more messages each opened by CCSDS_CDM_VERS; the OBJECT = OBJECT1 /
 *     OBJECT2 sections give the two objects.
 * Either way the result is the Space-Track `cdm_public` names of DESIGN.md.
 * Nothing is allocated for the caller; rejections carry a line number.
 */
#ifndef TCOP_ORBIT_CDM_H
#define TCOP_ORBIT_CDM_H

#include <stdbool.h>

#include "orbit/objscan.h"
#include "tcop/tcop.h"

#define CDM_WHY_MAX 96

struct cdm {
	char cdm_id[64];     /* CDM_ID, else MESSAGE_ID */
	tcop_ms created;     /* CREATED / CREATION_DATE, TCOP_MS_NONE */
	tcop_ms tca;         /* time of closest approach */
	char tca_text[40];   /* as given, normalised to end in 'Z' */
	double min_rng;      /* m */
	double pc;           /* probability of collision, NaN if absent */
	double rel_speed;    /* m/s, NaN if absent */
	char sat_1_id[16], sat_1_name[32];
	char sat_2_id[16], sat_2_name[32];
};

/* One JSON object (len bytes). TCOP_OK, TCOP_EJSON, TCOP_EFIELD,
 * TCOP_ETIME or TCOP_ERANGE with a reason in why. */
tcop_err cdm_parse_json(const char *json, size_t len, struct cdm *c,
    char why[CDM_WHY_MAX]);

struct cdm_reader {
	const char *buf; /* borrowed */
	size_t len;
	bool kvn;        /* decided from the first non-blank character */
	struct objscan scan;
	size_t pos;      /* KVN */
	long line;
};

void cdm_reader_init(struct cdm_reader *r, const char *buf, size_t len);

/* The next message: TCOP_OK (*lineno: where it starts), TCOP_EOF, or a
 * rejection at *lineno with why. */
tcop_err cdm_next(struct cdm_reader *r, struct cdm *c, long *lineno,
    char why[CDM_WHY_MAX]);

/* The JSON object of a space/conjunction event (no topic): id "cdm:ID",
 * t (the creation time if known, else the TCA), src, seq (omitted when
 * < 0), then the cdm_public keys. Returns the length or 0 if too small. */
size_t cdm_event_json(const struct cdm *c, const char *src, int64_t seq,
    char *buf, size_t size);

#endif
