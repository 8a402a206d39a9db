/*
 * ojson.h: the small JSON helpers the OMM (omm.c) and CDM (cdm.c) codecs
 * share: reading a number written as text, copying a name without control
 * characters, and appending to an event's JSON text in a caller's buffer.
 * Nothing is allocated. The appenders follow snprintf's contract: they
 * take and return the length the text would have (n), write only what
 * fits in size, and the caller checks n < size at the end.
 */
#ifndef TCOP_ORBIT_OJSON_H
#define TCOP_ORBIT_OJSON_H

#include <stdbool.h>
#include <stddef.h>

/* s holds exactly one finite number (no hex, nan or inf): *out set. *out
 * may also be written when false is returned. */
bool ojson_num_text(const char *s, double *out);

/* Copy s into out (cut to size-1 bytes), dropping control characters and
 * trailing blanks. */
void ojson_clean(char *out, size_t size, const char *s);

/* How ojson_put_str writes control characters. */
enum ojson_ctl {
	OJSON_CTL_ESCAPE, /* as \u00XX */
	OJSON_CTL_DROP,   /* not at all */
};

/* Append s as a JSON string (quoted; '"' and '\\' escaped). */
size_t ojson_put_str(char *buf, size_t size, size_t n, const char *s,
    enum ojson_ctl ctl);

/* Append printf-formatted text. */
size_t ojson_put(char *buf, size_t size, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
