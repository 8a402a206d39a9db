/*
 * tcop.h: what every tcop module shares: the error codes, time in
 * milliseconds, and logging.
 *
 * Errors: every function that can fail returns a tcop_err; TCOP_OK (0) is
 * success and outputs go through pointer arguments. Foreign errors are
 * mapped at the boundary: errno values to TCOP_ESYS (errno is left set for
 * the caller's message), nng's to TCOP_ENET (the nng code is logged where it
 * happens). Decoders return the specific TCOP_E* reason of a rejection, so
 * that counters can be kept per reason (see tcop_err_name()).
 *
 * Time: instants are int64 milliseconds since 1970-01-01T00:00:00Z (UTC,
 * no leap seconds, as POSIX). Only main() and the feed layer read the clock;
 * decoders, the picture and the correlator take time as an argument.
 */
#ifndef TCOP_TCOP_H
#define TCOP_TCOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TCOP_VERSION "0.1.0"

/* X-macro: name, text. The order is the counter order everywhere. */
#define TCOP_ERRORS(X)                                                   \
	X(OK, "ok")                                                      \
	X(ENOMEM, "out of memory")                                       \
	X(EINVAL, "invalid argument")                                    \
	X(ESYS, "system error")                                          \
	X(ENET, "network error")                                         \
	X(EOF, "end of input")                                           \
	X(EAGAIN, "try again")                                           \
	X(ETOOBIG, "message too large")                                  \
	X(EEMPTY, "empty message")                                       \
	X(ETOPIC, "bad topic")                                           \
	X(EJSON, "not a JSON object")                                    \
	X(EID, "missing or mistyped id")                                 \
	X(ETIME, "missing or unparsable time t")                         \
	X(ESRC, "missing or mistyped src")                               \
	X(ESEQ, "mistyped seq")                                          \
	X(ECLS, "bad classification cls")                                \
	X(EREL, "bad releasability rel")                                 \
	X(ELAT, "lat missing, mistyped or outside [-90, 90]")            \
	X(ELON, "lon missing, mistyped or outside [-180, 180]")          \
	X(ENOTFINITE, "number is NaN or infinite")                       \
	X(EFIELD, "bad domain field")                                    \
	X(ECAPTURE, "bad capture line")                                  \
	X(ECHECKSUM, "checksum mismatch")                                \
	X(ECHAR, "bad character")                                        \
	X(EFILL, "bad fill bits")                                        \
	X(ETRUNC, "truncated")                                           \
	X(EFRAG_ORDER, "fragment out of order")                          \
	X(EFRAG_ORPHAN, "orphan fragment")                               \
	X(EUNSUPPORTED, "unsupported")                                   \
	X(ERANGE, "value out of range")                                  \
	X(EFORMAT, "bad format")

typedef enum tcop_err {
#define TCOP_ERR_ENUM(name, text) TCOP_##name,
	TCOP_ERRORS(TCOP_ERR_ENUM)
#undef TCOP_ERR_ENUM
	TCOP_NERR
} tcop_err;

/* Human text of an error ("lat missing, mistyped or outside [-90, 90]"). */
const char *tcop_strerror(tcop_err e);
/* Short stable name for counters and JSON ("ELAT"). */
const char *tcop_err_name(tcop_err e);

/* ---- time ---------------------------------------------------------------- */

typedef int64_t tcop_ms; /* milliseconds since the Unix epoch, UTC */

#define TCOP_MS_NONE INT64_MIN

/*
 * Parse RFC 3339 UTC ("2026-11-26T23:00:00Z", optional fraction, 'Z' or
 * "+00:00"; numeric offsets other than zero are applied). The string need
 * not be NUL-terminated: len bytes are read. Returns TCOP_ETIME when the
 * text is not such a time.
 */
tcop_err tcop_time_parse(const char *s, size_t len, tcop_ms *out);
/* Format as "2026-11-26T23:00:00.000Z" into buf (at least 25 bytes). */
void tcop_time_format_ms(tcop_ms t, char *buf, size_t size);
/* Format as "2026-11-26T23:00:00Z" (whole seconds) into buf (>= 21 bytes). */
void tcop_time_format_s(tcop_ms t, char *buf, size_t size);
/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
int64_t tcop_days_from_civil(int64_t y, unsigned m, unsigned d);
/* The civil date of a day since 1970-01-01 (the inverse). */
void tcop_civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d);
/* The wall clock, for main() and the feed layer only. */
tcop_ms tcop_now_ms(void);
/* A monotonic clock in ms, for pacing and rates. */
tcop_ms tcop_mono_ms(void);
/* Parse a duration "90", "90s", "15m", "2h", "1d", "250ms" into ms. */
tcop_err tcop_duration_parse(const char *s, tcop_ms *out);

/* ---- strings ------------------------------------------------------------- */

/*
 * Copy src into dst (size > 0 bytes, always NUL-terminated); a string that
 * does not fit is cut at a UTF-8 character boundary, so the result is still
 * valid UTF-8. Returns true if it fitted whole.
 */
bool tcop_str_copy(char *dst, size_t size, const char *src);
/*
 * The same, but an empty src leaves dst as it was: a report that does not
 * carry a field (an AIS name not sent) keeps the value known before.
 */
void tcop_str_set(char *dst, size_t size, const char *src);

/* ---- logging ------------------------------------------------------------- */

/*
 * Messages go to stderr as "tcop: <text>" unless a sink is installed (the
 * viewer installs one so nothing lands on its ncurses screen).
 */
typedef void (*tcop_log_sink)(void *arg, const char *line);
void tcop_log_set_sink(tcop_log_sink fn, void *arg);
void tcop_log_set_quiet(bool quiet);
void tcop_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
