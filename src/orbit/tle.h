/*
 * tle.h: two-line and three-line element sets (NORAD/CelesTrak text).
 *
 * tle_parse() checks one pair of lines column by column (the layout of
 * CelesTrak's "NORAD Two-Line Element Set Format"): line numbers, Alpha-5
 * catalogue numbers (A0000 = 100000 .. Z9999 = 339999, I and O unused),
 * matching catalogue numbers, the mod-10 checksums ('-' counts 1), the
 * implied-decimal fields, and the ranges of orb_check(). Text after column
 * 69 is ignored (Vallado's verification file puts start/stop/step there).
 *
 * tle_next() walks a whole file held in memory: 2LE and 3LE (a name line,
 * "0 NAME" or "NAME", padded or not), CRLF or LF, blank lines, '#'
 * comment lines. A bad record
 * is reported with its line number and reason and skipped; the rest of the
 * file still loads. Nothing is allocated.
 */
#ifndef TCOP_ORBIT_TLE_H
#define TCOP_ORBIT_TLE_H

#include <stdbool.h>

#include "orbit/elements.h"

#define TLE_WHY_MAX 96

/*
 * Parse one element set. name may be NULL (2LE); l1/l2 are single lines
 * without their line ends. check_sum false skips the checksum test only.
 * Returns TCOP_OK, or TCOP_EFORMAT (layout), TCOP_ECHAR (bad character),
 * TCOP_ETRUNC (line too short), TCOP_ECHECKSUM, TCOP_ERANGE, with a reason
 * in why naming the line (1 or 2) and the field.
 */
tcop_err tle_parse(const char *name, const char *l1, const char *l2,
    bool check_sum, struct orb_elements *el, char why[TLE_WHY_MAX]);

/* The mod-10 checksum of the first 68 columns of line. */
int tle_checksum(const char *line);

struct tle_reader {
	const char *buf; /* borrowed; the caller keeps it alive */
	size_t len, pos;
	long line;       /* lines consumed so far */
	bool check_sum;  /* default true */
};

void tle_reader_init(struct tle_reader *r, const char *buf, size_t len);

/*
 * The next element set. TCOP_OK: *el is filled and *lineno is the line
 * number (1-based) of its line 1. TCOP_EOF: no more. Any other code: a
 * rejection at *lineno, reason in why; call again for the next record.
 */
tcop_err tle_next(struct tle_reader *r, struct orb_elements *el,
    long *lineno, char why[TLE_WHY_MAX]);

#endif
