/*
 * jw.h: a small JSON object writer into a caller's buffer, for the tcop/1
 * messages the cyber adapters make (compact, one object, no newline).
 * It allocates nothing; a buffer that is too small sets `overflow` and
 * jw_end() reports TCOP_ETOOBIG. Strings are escaped as RFC 8259 asks
 * (quotes, backslash, control characters); bytes >= 0x80 pass through, so
 * the caller's text must already be UTF-8 (cJSON's output is).
 * jw_event() and jw_pos() write the tcop/1 envelope members every cyber
 * event starts with, so the adapters write them the same way.
 */
#ifndef TCOP_CYBER_JW_H
#define TCOP_CYBER_JW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcop/event.h"
#include "tcop/tcop.h"

struct jw {
	char *buf;
	size_t size, len;
	bool overflow;
	bool first; /* no member written yet at this nesting level */
};

/* Start an object ("{"). */
void jw_init(struct jw *w, char *buf, size_t size);
/* Start an event object with its envelope: id, t, src, and seq when
 * seq >= 0. */
void jw_event(struct jw *w, char *buf, size_t size, const tcop_event *ev,
    int64_t seq);
/* lat and lon, when ev has a position. */
void jw_pos(struct jw *w, const tcop_event *ev);
/* Members; k is a key without quotes. */
void jw_str(struct jw *w, const char *k, const char *v);
void jw_num(struct jw *w, const char *k, double v); /* 15 significant digits */
void jw_int(struct jw *w, const char *k, int64_t v);
void jw_bool(struct jw *w, const char *k, bool v);
void jw_time(struct jw *w, const char *k, tcop_ms t); /* RFC 3339, ms */
/* A member whose value is already JSON text. */
void jw_raw(struct jw *w, const char *k, const char *json, size_t len);
/* A member whose value is an object made of members already JSON text
 * ("\"a\":1,\"b\":{}"). */
void jw_raw_members(struct jw *w, const char *k, const char *members,
    size_t len);
/* Arrays: jw_arr_open(w, "k"); jw_arr_str/jw_arr_int...; jw_arr_close(w). */
void jw_arr_open(struct jw *w, const char *k);
void jw_arr_str(struct jw *w, const char *v);
void jw_arr_int(struct jw *w, int64_t v);
void jw_arr_pair(struct jw *w, double a, double b); /* [a,b] */
void jw_arr_close(struct jw *w);
/* End the object ("}"), NUL-terminate; *len is its length. TCOP_ETOOBIG. */
tcop_err jw_end(struct jw *w, size_t *len);

#endif
