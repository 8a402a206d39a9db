/*
 * intf.h: GNSS interference areas (jamming, spoofing) from a JSON Lines
 * file, to cyber/interference events. One line is one report:
 *
 *   {"id":"area:jam-0007","t":"2026-03-14T06:00:00Z","what":"gnss-jamming",
 *    "lat":35.1,"lon":139.8,"radius_m":30000,"end":"2026-03-14T12:00:00Z",
 *    "text":"GPS L1 outage reported by ships"}
 *   {"id":"area:spoof-0002","t":"...","what":"gnss-spoofing",
 *    "area":[[lon,lat],[lon,lat],[lon,lat],...]}
 *   {"id":"area:jam-0007","t":"2026-03-14T09:00:00Z","clear":true}
 *
 * An area is open until its `end` time or a later line with "clear":true
 * for the same id (docs/cyber.md). A report needs id, t, and either
 * clear, or what plus a circle (lat, lon, radius_m > 0) or a polygon ring
 * (3..TCOP_AREA_MAX [lon,lat] vertices). An id without a namespace gets
 * "area:". `cls` and `rel` are passed on when valid.
 */
#ifndef TCOP_CYBER_INTF_H
#define TCOP_CYBER_INTF_H

#include "tcop/event.h"

struct intf_rec {
	tcop_event ev;  /* kind TCOP_K_INTERFERENCE: u.intf, lat/lon, area */
	char text[256]; /* free text, may be empty */
	const char *why; /* on a rejection: the reason (static string) */
};

/*
 * Decode one line. src names the source ("gnss-reports" if NULL).
 * TCOP_EEMPTY (blank), TCOP_EJSON, TCOP_EID, TCOP_ETIME, TCOP_EFIELD (no
 * what, or neither circle nor polygon, or a bad one), TCOP_ELAT,
 * TCOP_ELON; out->why says more.
 */
tcop_err intf_decode(const char *line, size_t len, const char *src,
    struct intf_rec *out);

/* The tcop/1 JSON of r (seq < 0: none). TCOP_ETOOBIG. */
tcop_err intf_format(const struct intf_rec *r, int64_t seq, char *buf,
    size_t size, size_t *len);

#endif
