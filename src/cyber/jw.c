/*
 * jw.c: the JSON object writer of jw.h. Everything goes through put(),
 * which stops writing (and remembers it) when the buffer is full, so a
 * caller checks once, at jw_end().
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cyber/jw.h"

static void
put(struct jw *w, const char *s, size_t n)
{
	if (w->overflow || n >= w->size - w->len) {
		w->overflow = true;
		return;
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

static void
putc1(struct jw *w, char c)
{
	put(w, &c, 1);
}

static void
put_escaped(struct jw *w, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = s;

	putc1(w, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		put(w, run, (size_t)(s - run));
		run = s + 1;
		switch (c) {
		case '"': put(w, "\\\"", 2); break;
		case '\\': put(w, "\\\\", 2); break;
		case '\n': put(w, "\\n", 2); break;
		case '\r': put(w, "\\r", 2); break;
		case '\t': put(w, "\\t", 2); break;
		default: {
			char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			put(w, u, 6);
		}
		}
	}
	put(w, run, (size_t)(s - run));
	putc1(w, '"');
}

static void
key(struct jw *w, const char *k)
{
	if (!w->first)
		putc1(w, ',');
	w->first = false;
	if (k != NULL) {
		putc1(w, '"');
		put(w, k, strlen(k));
		put(w, "\":", 2);
	}
}

void
jw_init(struct jw *w, char *buf, size_t size)
{
	w->buf = buf;
	w->size = size;
	w->len = 0;
	w->overflow = size == 0;
	w->first = true;
	putc1(w, '{');
}

void
jw_str(struct jw *w, const char *k, const char *v)
{
	key(w, k);
	put_escaped(w, v);
}

static void
num(struct jw *w, double v)
{
	char b[32];
	int n;

	if (!isfinite(v)) {
		put(w, "null", 4);
		return;
	}
	n = snprintf(b, sizeof b, "%.15g", v);
	put(w, b, (size_t)n);
}

void
jw_num(struct jw *w, const char *k, double v)
{
	key(w, k);
	num(w, v);
}

void
jw_int(struct jw *w, const char *k, int64_t v)
{
	char b[24];
	int n = snprintf(b, sizeof b, "%lld", (long long)v);

	key(w, k);
	put(w, b, (size_t)n);
}

void
jw_bool(struct jw *w, const char *k, bool v)
{
	key(w, k);
	put(w, v ? "true" : "false", v ? 4 : 5);
}

void
jw_time(struct jw *w, const char *k, tcop_ms t)
{
	char b[32];

	tcop_time_format_ms(t, b, sizeof b);
	jw_str(w, k, b);
}

void
jw_raw(struct jw *w, const char *k, const char *json, size_t len)
{
	key(w, k);
	put(w, json, len);
}

void
jw_raw_members(struct jw *w, const char *k, const char *members, size_t len)
{
	key(w, k);
	putc1(w, '{');
	put(w, members, len);
	putc1(w, '}');
}

void
jw_arr_open(struct jw *w, const char *k)
{
	key(w, k);
	putc1(w, '[');
	w->first = true;
}

void
jw_arr_str(struct jw *w, const char *v)
{
	key(w, NULL);
	put_escaped(w, v);
}

void
jw_arr_int(struct jw *w, int64_t v)
{
	char b[24];
	int n = snprintf(b, sizeof b, "%lld", (long long)v);

	key(w, NULL);
	put(w, b, (size_t)n);
}

void
jw_arr_pair(struct jw *w, double a, double b)
{
	key(w, NULL);
	putc1(w, '[');
	num(w, a);
	putc1(w, ',');
	num(w, b);
	putc1(w, ']');
}

void
jw_arr_close(struct jw *w)
{
	putc1(w, ']');
	w->first = false;
}

void
jw_event(struct jw *w, char *buf, size_t size, const tcop_event *ev,
    int64_t seq)
{
	jw_init(w, buf, size);
	jw_str(w, "id", ev->id);
	jw_time(w, "t", ev->t);
	jw_str(w, "src", ev->src);
	if (seq >= 0)
		jw_int(w, "seq", seq);
}

void
jw_pos(struct jw *w, const tcop_event *ev)
{
	if (ev->has_pos) {
		jw_num(w, "lat", ev->lat);
		jw_num(w, "lon", ev->lon);
	}
}

tcop_err
jw_end(struct jw *w, size_t *len)
{
	putc1(w, '}');
	if (w->overflow || w->len >= w->size) {
		if (w->size > 0)
			w->buf[0] = '\0';
		return TCOP_ETOOBIG;
	}
	w->buf[w->len] = '\0';
	if (len != NULL)
		*len = w->len;
	return TCOP_OK;
}
