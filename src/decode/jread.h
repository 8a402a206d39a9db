/*
 * jread.h: a strict pull reader for one JSON text (RFC 8259), for the hot
 * decoders: no tree, no allocation, values read straight into the caller's
 * fields. The tcop/1 decoder reads hundreds of thousands of events a second
 * through it; cJSON, which builds a node per value, stays for the cold
 * paths (files, configs).
 *
 * Strictness: exactly RFC 8259's grammar (no comments, no trailing commas,
 * no leading zeros, no control characters in strings, escapes checked,
 * \u surrogate pairs joined), nesting at most JREAD_DEPTH deep. UTF-8 is
 * not validated beyond what the grammar needs (as cJSON). On the first
 * error the reader stops: every later call fails and jr->err says why.
 *
 *   struct jread r; jr_init(&r, text, len);
 *   if (!jr_object(&r)) ...;           // consumes '{'
 *   while (jr_key(&r, &k, &kl)) {      // false at '}' (or error)
 *       switch (jr_peek(&r)) { ... jr_string / jr_number / jr_skip ... }
 *   }
 *   if (!jr_end(&r)) ...;              // only whitespace may follow
 */
#ifndef TCOP_JREAD_H
#define TCOP_JREAD_H

#include <stdbool.h>
#include <stddef.h>

#define JREAD_DEPTH 64

enum jr_type {
	JR_ERROR = 0,
	JR_STRING,
	JR_NUMBER,
	JR_OBJECT,
	JR_ARRAY,
	JR_TRUE,
	JR_FALSE,
	JR_NULL,
};

struct jread {
	const char *p, *end;
	const char *err; /* NULL while all is well */
	int depth;
	bool need_comma[JREAD_DEPTH + 1]; /* per level: a member/element seen */
};

void jr_init(struct jread *r, const char *text, size_t len);
/* The type of the next value (after whitespace), without consuming it. */
enum jr_type jr_peek(struct jread *r);
/* Consume '{' / '['. */
bool jr_object(struct jread *r);
bool jr_array(struct jread *r);
/* Next member key of the current object (raw bytes between the quotes, no
 * escapes allowed in keys we match: an escaped key is read but returned
 * as-is, so it never equals a plain name); false at '}' or on error. */
bool jr_key(struct jread *r, const char **key, size_t *klen);
/* Whether the current array has another element; false at ']'. */
bool jr_more(struct jread *r);
/* A string value, unescaped into dst (NUL-terminated, cut to size-1 at a
 * UTF-8 boundary); *len its full unescaped length (may exceed size-1). */
bool jr_string(struct jread *r, char *dst, size_t size, size_t *len);
/* A number value. Infinite results (1e999) are returned as such: the caller
 * decides. */
bool jr_number(struct jread *r, double *v);
/* true/false; false on any other value (error set). */
bool jr_bool(struct jread *r, bool *v);
/* Any value, checked and skipped. */
bool jr_skip(struct jread *r);
/* Only whitespace left. */
bool jr_end(struct jread *r);

/* The four hex digits at p (of a \uXXXX escape) as a value 0..0xFFFF; -1
 * if fewer than four bytes are left before end or one is not a hex digit.
 * Shared with the tree-less checker (cyber/jscan.c). */
int jr_hex4(const char *p, const char *end);

#endif
