/*
 * statics.h: what a publisher knows of each vessel's static data, so that
 * every maritime/track event of a vessel carries its name, call sign, type
 * and dimensions once any type 5, 19 or 24 message has told them.
 *
 * An open-addressing table keyed by MMSI, sized once (the only
 * allocation). Bounded: when it is three quarters full it forgets
 * everything and starts again (vessels re-send static data every six
 * minutes), which keeps lookups short without an eviction policy.
 */
#ifndef TCOP_AIS_STATICS_H
#define TCOP_AIS_STATICS_H

#include "ais/ais.h"

struct statics_entry {
	uint32_t mmsi; /* 0: free */
	struct ais_static st;
};

struct statics {
	struct statics_entry *e;
	size_t cap;    /* a power of two */
	size_t n;
	uint64_t resets;
};

/* Room for about cap * 3 / 4 vessels. TCOP_ENOMEM. */
tcop_err statics_init(struct statics *s, size_t cap);
void statics_fini(struct statics *s);

/*
 * Fold m into its vessel's record and return the record (NULL for MMSI 0).
 * The pointer is valid until the next statics_update().
 */
const struct ais_static *statics_update(struct statics *s,
    const struct ais_msg *m);

#endif
