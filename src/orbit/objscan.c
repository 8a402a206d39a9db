/*
 * objscan.c: the top-level JSON object finder (objscan.h). It skips white
 * space, one enclosing '[' ... ']' and the commas between objects, and
 * returns each balanced {...}; it does not validate the inside (cJSON does
 * that next).
 */
#include <stdio.h>

#include "orbit/objscan.h"

void
objscan_init(struct objscan *r, const char *buf, size_t len)
{
	r->buf = buf;
	r->len = len;
	r->pos = 0;
	r->line = 1;
	r->depth = 0;
}

/* Index one past the '}' closing the object at r->pos, or 0 if none. */
static size_t
object_end(const struct objscan *r, long *lines)
{
	int depth = 0;
	bool str = false, esc = false;

	*lines = 0;
	for (size_t i = r->pos; i < r->len; i++) {
		char c = r->buf[i];

		if (c == '\n')
			(*lines)++;
		if (str) {
			if (esc)
				esc = false;
			else if (c == '\\')
				esc = true;
			else if (c == '"')
				str = false;
			continue;
		}
		if (c == '"')
			str = true;
		else if (c == '{' || c == '[')
			depth++;
		else if ((c == '}' || c == ']') && --depth == 0)
			return i + 1;
	}
	return 0;
}

tcop_err
objscan_next(struct objscan *r, const char **obj, size_t *objlen,
    long *lineno, char *why, size_t whysize)
{
	why[0] = '\0';
	for (;;) {
		char c;

		if (r->pos >= r->len)
			return TCOP_EOF;
		c = r->buf[r->pos];
		if (c == '\n') {
			r->line++;
			r->pos++;
		} else if (c == ' ' || c == '\t' || c == '\r' || c == ',') {
			r->pos++;
		} else if (c == '[' && r->depth == 0) {
			r->depth = 1;
			r->pos++;
		} else if (c == ']' && r->depth == 1) {
			r->depth = 0;
			r->pos++;
		} else if (c == '{') {
			long lines;
			size_t end = object_end(r, &lines);

			*lineno = r->line;
			if (end == 0) {
				snprintf(why, whysize,
				    "object not closed before the end of input");
				r->pos = r->len;
				return TCOP_ETRUNC;
			}
			*obj = r->buf + r->pos;
			*objlen = end - r->pos;
			r->pos = end;
			r->line += lines;
			return TCOP_OK;
		} else {
			*lineno = r->line;
			snprintf(why, whysize,
			    "expected a JSON object, found '%c'",
			    c >= 0x20 && c < 0x7f ? c : '?');
			while (r->pos < r->len && r->buf[r->pos] != '\n')
				r->pos++;
			return TCOP_EJSON;
		}
	}
}
