/*
 * objscan.h: find the top-level JSON objects of a text that is either one
 * JSON array of objects or one object per line (JSONL), with the line each
 * starts on, without parsing them. Strings and escapes are respected.
 * Used by the OMM and CDM readers so that a rejection names a line and a
 * bad object does not stop the rest. Nothing is allocated.
 */
#ifndef TCOP_ORBIT_OBJSCAN_H
#define TCOP_ORBIT_OBJSCAN_H

#include <stddef.h>

#include "tcop/tcop.h"

struct objscan {
	const char *buf; /* borrowed */
	size_t len, pos;
	long line;       /* line of buf[pos], 1-based */
	int depth;       /* 1 inside the top-level array */
};

void objscan_init(struct objscan *r, const char *buf, size_t len);

/*
 * The next object: TCOP_OK with *obj and *objlen its bytes and *lineno the
 * line it starts on; TCOP_EOF at the end; TCOP_EJSON when something other
 * than an object stands at the top level (the rest of that line is
 * skipped); TCOP_ETRUNC when an object is not closed. why (>= 64 bytes)
 * says which.
 */
tcop_err objscan_next(struct objscan *r, const char **obj, size_t *objlen,
    long *lineno, char *why, size_t whysize);

#endif
