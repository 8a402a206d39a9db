/*
 * reader.h: the AIS input pipeline shared by `tcop decode ais` and
 * `tcop feed ais`: a line of text in, a decoded message out, with every
 * rejection counted per reason and reported as "INPUT:LINE: reason".
 *
 *   line ─► nmea_parse ─► frag_push ─► ais_decode ─► struct ais_msg
 *
 * Blank lines and '#' comments are skipped uncounted. Well-formed NMEA
 * that is not AIS ($GPRMC ...) and AIS types we do not decode are counted
 * as unsupported, not reported as errors. Error lines are logged through
 * tcop_log(), at most READER_LOG_MAX of them; the counts are always kept.
 */
#ifndef TCOP_AIS_READER_H
#define TCOP_AIS_READER_H

#include <stdio.h>

#include "ais/ais.h"

#define READER_LOG_MAX 1000

struct reader {
	struct frag_rx rx;
	struct ais_pair24 pair;
	const char *name;             /* borrowed: input name for messages */
	uint64_t lines;               /* lines read, comments included */
	uint64_t sentences;           /* non-blank, non-comment lines */
	uint64_t decoded;             /* messages decoded */
	uint64_t unsupported;         /* non-AIS NMEA and AIS types we skip */
	uint64_t unsupported_type[64];
	uint64_t rejected[TCOP_NERR]; /* per reason */
	uint64_t logged;
	bool quiet;                   /* log no error lines */
};

/* A reader for an input called name (kept, not copied). */
void reader_init(struct reader *r, const char *name);

/*
 * One line (len bytes, not NUL-terminated) with its 1-based number, and
 * the time it was received (TCOP_MS_NONE: unknown; the sentence's own time
 * wins). TCOP_OK: *m holds a decoded message and *pl the payload it came
 * from (pl->t its time, if the input gave one). Anything else: nothing to
 * use (counted already; TCOP_EAGAIN for a fragment kept or a line
 * skipped).
 */
tcop_err reader_line(struct reader *r, const char *line, size_t len,
    uint64_t lineno, tcop_ms rx_time, struct ais_payload *pl,
    struct ais_msg *m);

/* End of input: pending fragments are orphans. */
void reader_end(struct reader *r);

/* Total rejected sentences. */
uint64_t reader_rejected(const struct reader *r);

/* The counts, on f, lines prefixed with `prefix`. */
void reader_summary(const struct reader *r, const char *prefix, FILE *f);

#endif
