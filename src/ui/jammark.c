/*
 * jammark.c: the mark text → interference area reading of jammark.h, and
 * the cyber/interference message it publishes. The text is read word by
 * word in place (words are at most 40 bytes; longer ones are not a
 * keyword, a radius or a time).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cyber/jw.h"
#include "ui/jammark.h"

#define WORD_MAX 40

/* Copy the word at *s into w (NUL-terminated, "" at the end) and move *s
 * past it and the blanks after it. */
static void
word(const char **s, char w[WORD_MAX])
{
	size_t n = 0;

	while (isspace((unsigned char)**s))
		(*s)++;
	for (; **s != '\0' && !isspace((unsigned char)**s); (*s)++)
		if (n + 1 < WORD_MAX)
			w[n++] = **s;
	w[n] = '\0';
	while (isspace((unsigned char)**s))
		(*s)++;
}

static const char *
keyword(const char *w)
{
	if (strcasecmp(w, "jam") == 0 || strcasecmp(w, "jamming") == 0)
		return "gnss-jamming";
	if (strcasecmp(w, "spoof") == 0 || strcasecmp(w, "spoofing") == 0)
		return "gnss-spoofing";
	return NULL;
}

/* "25nm", "40km", "500m", "2.5NM" → metres; false if not a radius. */
static bool
radius(const char *w, double *m)
{
	char *end;
	double v = strtod(w, &end);

	if (end == w || !isfinite(v) || v <= 0 || !isdigit((unsigned char)*w))
		return false;
	if (strcasecmp(end, "nm") == 0)
		v *= 1852.0;
	else if (strcasecmp(end, "km") == 0)
		v *= 1000.0;
	else if (strcasecmp(end, "m") != 0)
		return false;
	*m = v;
	return v <= JAMMARK_MAX_M;
}

static enum jammark_kind
bad(struct jammark *out, const char *why)
{
	out->kind = JAMMARK_BAD;
	out->why = why;
	return JAMMARK_BAD;
}

/* The optional `until T` / `for D` after the radius; *s moves past it. */
static enum jammark_kind
end_time(const char **s, tcop_ms now, struct jammark *out)
{
	const char *p = *s;
	char w[WORD_MAX], v[WORD_MAX];
	tcop_ms d;

	word(&p, w);
	if (strcasecmp(w, "until") != 0 && strcasecmp(w, "for") != 0)
		return JAMMARK_AREA;
	word(&p, v);
	if (strcasecmp(w, "until") == 0) {
		if (tcop_time_parse(v, strlen(v), &out->end) != TCOP_OK)
			return bad(out, "until needs a time: "
			    "2026-03-14T12:00:00Z");
		if (out->end <= now)
			return bad(out, "until is not after the picture's "
			    "time");
	} else {
		if (tcop_duration_parse(v, &d) != TCOP_OK || d <= 0 ||
		    now == TCOP_MS_NONE)
			return bad(out, "for needs a duration: 30m, 6h, 2d");
		out->end = now + d;
	}
	*s = p;
	return JAMMARK_AREA;
}

enum jammark_kind
jammark_parse(const char *text, tcop_ms now, struct jammark *out)
{
	const char *s = text;
	char w[WORD_MAX];

	memset(out, 0, sizeof *out);
	out->radius_m = NAN;
	out->end = TCOP_MS_NONE;
	out->kind = JAMMARK_NONE;
	word(&s, w);
	if (strcasecmp(w, "clear") == 0)
		return out->kind = JAMMARK_CLEAR;
	if ((out->what = keyword(w)) == NULL)
		return JAMMARK_NONE;
	word(&s, w);
	if (!radius(w, &out->radius_m))
		return bad(out, "jam/spoof needs a radius: 25nm, 40km, "
		    "500m (<= 1000km)");
	return out->kind = end_time(&s, now, out);
}

tcop_err
jammark_msg(const struct jammark *m, const char *id, tcop_ms t,
    const char *by, const char *text, double lat, double lon, char *buf,
    size_t size, size_t *len)
{
	static const char topic[] = "cyber/interference ";
	struct jw w;
	tcop_err e;

	if ((m->kind != JAMMARK_AREA && m->kind != JAMMARK_CLEAR) ||
	    size < sizeof topic)
		return m->kind == JAMMARK_AREA || m->kind == JAMMARK_CLEAR ?
		    TCOP_ETOOBIG : TCOP_EINVAL;
	memcpy(buf, topic, sizeof topic - 1);
	jw_init(&w, buf + sizeof topic - 1, size - (sizeof topic - 1));
	jw_str(&w, "id", id);
	jw_time(&w, "t", t);
	jw_str(&w, "src", "tcop-view");
	if (m->kind == JAMMARK_CLEAR) {
		jw_bool(&w, "clear", true);
	} else {
		jw_num(&w, "lat", lat);
		jw_num(&w, "lon", lon);
		jw_str(&w, "what", m->what);
		jw_num(&w, "radius_m", m->radius_m);
		if (m->end != TCOP_MS_NONE)
			jw_time(&w, "end", m->end);
	}
	jw_str(&w, "by", by);
	jw_str(&w, "text", text);
	if ((e = jw_end(&w, len)) != TCOP_OK)
		return e;
	*len += sizeof topic - 1;
	return TCOP_OK;
}
