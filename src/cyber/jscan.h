/*
 * jscan.h: check that a text is exactly one JSON object (RFC 8259) without
 * building a tree, and pick out the raw value of one top-level string
 * member on the way. The EVE reader uses it to count the records it does
 * not decode (flow, dns, ...: most of an eve.json) at a fraction of the
 * cost of a parse, while still rejecting lines that are not JSON.
 *
 * Strict where cJSON is lenient (control characters in strings, leading
 * zeros, whitespace other than RFC 8259's four, a byte-order mark), so
 * whatever jscan accepts, cJSON accepts too (a fuzz target checks that).
 * Nesting deeper than JSCAN_DEPTH_MAX is rejected. UTF-8 is not checked.
 */
#ifndef TCOP_CYBER_JSCAN_H
#define TCOP_CYBER_JSCAN_H

#include <stdbool.h>
#include <stddef.h>

#define JSCAN_DEPTH_MAX 512

enum jscan_result {
	JSCAN_OBJECT,     /* one object, nothing but whitespace around it */
	JSCAN_NOT_OBJECT, /* valid JSON value, but not (only) an object */
	JSCAN_NOT_JSON,   /* a syntax error */
};

struct jscan_member {
	const char *key;   /* the top-level key to look for (plain ASCII) */
	const char *val;   /* out: its raw string value (between the quotes),
	                      NULL if absent or not a string */
	size_t len;
	bool escaped;      /* out: the value, or some top-level key, holds a
	                      backslash escape, or the key appears twice:
	                      ask a real parser */
};

/* Scan s[0, n). m may be NULL. */
enum jscan_result jscan_object(const char *s, size_t n, struct jscan_member *m);

#endif
