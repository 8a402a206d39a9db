/*
 * ojson.c: JSON helpers of the orbit codecs (ojson.h). Kept in one place
 * so that OMM and CDM read numbers and names, and write their events, the
 * same way.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orbit/ojson.h"

bool
ojson_num_text(const char *s, double *out)
{
	char *end;

	if (s == NULL || *s == '\0' || strpbrk(s, "xXnNiI") != NULL)
		return false;
	*out = strtod(s, &end);
	return *end == '\0' && isfinite(*out);
}

void
ojson_clean(char *out, size_t size, const char *s)
{
	size_t n = 0;

	for (; *s && n + 1 < size; s++)
		if ((unsigned char)*s >= 0x20 && *s != 0x7f)
			out[n++] = *s;
	out[n] = '\0';
	while (n > 0 && out[n - 1] == ' ')
		out[--n] = '\0';
}

size_t
ojson_put_str(char *buf, size_t size, size_t n, const char *s,
    enum ojson_ctl ctl)
{
	if (n < size)
		buf[n] = '"';
	n++;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			if (n + 1 < size) {
				buf[n] = '\\';
				buf[n + 1] = (char)c;
			}
			n += 2;
		} else if (c < 0x20) {
			if (ctl == OJSON_CTL_DROP)
				continue;
			if (n + 6 < size)
				snprintf(buf + n, 7, "\\u%04x", c);
			n += 6;
		} else {
			if (n < size)
				buf[n] = (char)c;
			n++;
		}
	}
	if (n < size)
		buf[n] = '"';
	return n + 1;
}

size_t
ojson_put(char *buf, size_t size, size_t n, const char *fmt, ...)
{
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(n < size ? buf + n : NULL, n < size ? size - n : 0, fmt,
	    ap);
	va_end(ap);
	return n + (size_t)(k > 0 ? k : 0);
}
