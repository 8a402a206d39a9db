/*
 * jammark.h: GNSS interference from an operator's mark. A mark whose text
 * starts with `jam` or `spoof` (or `jamming`, `spoofing`, any case) and a
 * radius also reports an interference area at the mark's position:
 *
 *   jam 25nm GPS L1 reported by MV X        gnss-jamming, 46,300 m
 *   spoof 40km until 2026-03-14T12:00:00Z   gnss-spoofing, ends then
 *   jam 500m for 2h harbour test            ends two hours after the mark
 *
 * The radius is a positive number with a unit, nm (1,852 m), km or m, at
 * most 1,000 km; an optional `until T` (RFC 3339) or `for D` (a duration:
 * 30m, 6h, 2d) right after it gives the area's end. A mark `clear` (on a
 * selected interference area, or its pnt-disruption incident) closes it. Any other text is an ordinary
 * mark. The viewer publishes the area as `cyber/interference` beside the
 * `picture/mark` (docs/operator.md); the correlation core then treats it
 * like any other interference area.
 *
 * Pure: no curses, no clock (the mark's time is an argument), no
 * allocation.
 */
#ifndef TCOP_UI_JAMMARK_H
#define TCOP_UI_JAMMARK_H

#include <stddef.h>

#include "tcop/tcop.h"

#define JAMMARK_MAX_M 1e6 /* the largest radius taken, m */

enum jammark_kind {
	JAMMARK_NONE,  /* an ordinary mark */
	JAMMARK_AREA,  /* jam/spoof with a radius: an interference area */
	JAMMARK_CLEAR, /* clear: close the selected area */
	JAMMARK_BAD,   /* jam/spoof without a usable radius or end: why says */
};

struct jammark {
	enum jammark_kind kind;
	const char *what;   /* gnss-jamming, gnss-spoofing (static) */
	double radius_m;
	tcop_ms end;        /* TCOP_MS_NONE: open until a clear */
	const char *why;    /* JAMMARK_BAD: the reason (static string) */
};

/* Read a mark's text, typed at time now (for `for D`). */
enum jammark_kind jammark_parse(const char *text, tcop_ms now,
    struct jammark *out);

/*
 * The tcop/1 message (TOPIC SP JSON, no LF) for m: an area (id, at
 * lat/lon) or, for JAMMARK_CLEAR, the clear of area id; by and text (the
 * mark's) go with it. TCOP_EINVAL for JAMMARK_NONE/BAD, TCOP_ETOOBIG.
 */
tcop_err jammark_msg(const struct jammark *m, const char *id, tcop_ms t,
    const char *by, const char *text, double lat, double lon, char *buf,
    size_t size, size_t *len);

#endif
