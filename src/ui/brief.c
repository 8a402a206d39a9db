/*
 * brief.c: briefer views and bookmarks (brief.h). Messages are written
 * with snprintf (strings escaped for JSON) and read from the decoded
 * event (tcop/event.h), plus a cJSON look at the two extras of a
 * picture/view (speed, playing) that the common decoder does not keep.
 * The book is a sorted array: marks arrive rarely, insertion is a shift.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/jarena.h"
#include "feed/capture.h"
#include "ui/brief.h"

/* src into dst (size bytes), cut to fit. */
static void
copy(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

void
brief_view_init(struct brief_view *v)
{
	memset(v, 0, sizeof *v);
	v->lat = v->lon = v->span = NAN;
	v->replay_t = TCOP_MS_NONE;
	v->speed = -1;
	v->playing = -1;
}

/* s as a JSON string body into out (cut to fit, never mid-escape). */
static void
json_str(char *out, size_t size, const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		char e[8];
		size_t k;

		if (c == '"' || c == '\\')
			k = (size_t)snprintf(e, sizeof e, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			k = (size_t)snprintf(e, sizeof e, "\\u%04x", c);
		else {
			e[0] = (char)c;
			k = 1;
		}
		if (n + k + 1 > size)
			break;
		memcpy(out + n, e, k);
		n += k;
	}
	out[n] = '\0';
}

static bool add(char *buf, size_t size, size_t *at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Append to buf at *at; false once it no longer fits. */
static bool
add(char *buf, size_t size, size_t *at, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*at >= size)
		return false;
	va_start(ap, fmt);
	n = vsnprintf(buf + *at, size - *at, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= size - *at) {
		*at = size;
		return false;
	}
	*at += (size_t)n;
	return true;
}

/* ,"name":"value" for a non-empty value. */
static void
add_str(char *buf, size_t size, size_t *at, const char *name, const char *v)
{
	char e[6 * TCOP_ID_MAX + 8];

	if (v[0] == '\0')
		return;
	json_str(e, sizeof e, v);
	add(buf, size, at, ",\"%s\":\"%s\"", name, e);
}

static void
add_time(char *buf, size_t size, size_t *at, const char *name, tcop_ms t)
{
	char ts[40];

	if (t == TCOP_MS_NONE)
		return;
	tcop_time_format_ms(t, ts, sizeof ts);
	add(buf, size, at, ",\"%s\":\"%s\"", name, ts);
}

/* The common head: TOPIC {"id":..,"t":..,"src":"tcop-view","by":.. */
static void
add_head(char *buf, size_t size, size_t *at, const char *topic,
    const char *id, tcop_ms t, const char *by)
{
	char e[6 * TCOP_ID_MAX + 8], ts[40];

	json_str(e, sizeof e, id);
	tcop_time_format_ms(t, ts, sizeof ts);
	add(buf, size, at, "%s {\"id\":\"%s\",\"t\":\"%s\",\"src\":\"tcop-view\"",
	    topic, e, ts);
	add_str(buf, size, at, "by", by);
}

static bool
span_ok(double span)
{
	return isfinite(span) && span > 0 && span <= 360;
}

tcop_err
brief_view_msg(const struct brief_view *v, const char *id, tcop_ms t,
    char *buf, size_t size, size_t *len)
{
	size_t at = 0;
	bool centre = v->has_center && span_ok(v->span);

	if (!centre && v->region[0] == '\0')
		return TCOP_EINVAL;
	add_head(buf, size, &at, "picture/view", id, t, v->by);
	add_str(buf, size, &at, "region", v->region);
	if (centre)
		add(buf, size, &at, ",\"center\":[%.5f,%.5f],\"span\":%.4f",
		    v->lat, v->lon, v->span);
	add_str(buf, size, &at, "selection", v->selection);
	add_time(buf, size, &at, "replay_t", v->replay_t);
	if (v->speed >= 0)
		add(buf, size, &at, ",\"speed\":%g", v->speed);
	if (v->playing >= 0)
		add(buf, size, &at, ",\"playing\":%s", v->playing ? "true" :
		    "false");
	if (!add(buf, size, &at, "}"))
		return TCOP_ETOOBIG;
	*len = at;
	return TCOP_OK;
}

/* The extras of a picture/view: speed and playing. */
static tcop_err
view_extras(const tcop_event *ev, struct brief_view *v)
{
	const cJSON *o, *s, *p;
	tcop_err e = TCOP_OK;

	if (ev->json == NULL)
		return TCOP_OK;
	tcop_json_init();
	jarena_begin();
	o = cJSON_ParseWithLength(ev->json, ev->json_len);
	if (o != NULL) {
		s = cJSON_GetObjectItemCaseSensitive(o, "speed");
		p = cJSON_GetObjectItemCaseSensitive(o, "playing");
		if (s != NULL) {
			if (cJSON_IsNumber(s) && s->valuedouble >= 0 &&
			    s->valuedouble <= 1000)
				v->speed = s->valuedouble;
			else
				e = TCOP_EFIELD;
		}
		if (p != NULL) {
			if (cJSON_IsBool(p))
				v->playing = cJSON_IsTrue(p);
			else
				e = TCOP_EFIELD;
		}
	}
	cJSON_Delete((cJSON *)o);
	jarena_end();
	return e;
}

/* The fields a view and a bookmark share. */
static void
view_common(const tcop_event *ev, struct brief_view *v)
{
	brief_view_init(v);
	copy(v->by, sizeof v->by, ev->u.pic.by);
	copy(v->region, sizeof v->region, ev->u.pic.region);
	snprintf(v->selection, sizeof v->selection, "%s",
	    ev->u.pic.selection);
	v->span = ev->u.pic.span;
	v->replay_t = ev->u.pic.replay_t;
}

tcop_err
brief_view_parse(const tcop_event *ev, struct brief_view *v)
{
	bool centre;

	if (ev->kind != TCOP_K_VIEW)
		return TCOP_ETOPIC;
	view_common(ev, v);
	centre = isfinite(ev->u.pic.center_lat) &&
	    isfinite(ev->u.pic.center_lon);
	if (centre) {
		v->has_center = true;
		v->lat = ev->u.pic.center_lat;
		v->lon = ev->u.pic.center_lon;
	}
	if (!isnan(v->span) && !span_ok(v->span))
		return TCOP_EFIELD;
	if (!(centre && span_ok(v->span)) && v->region[0] == '\0')
		return TCOP_EFIELD;
	return view_extras(ev, v);
}

tcop_err
brief_mark_msg(const struct brief_mark *m, char *buf, size_t size,
    size_t *len)
{
	size_t at = 0;

	add_head(buf, size, &at, "picture/mark", m->id, m->t, m->v.by);
	add_str(buf, size, &at, "text", m->text);
	if (m->bookmark)
		add_str(buf, size, &at, "ref", m->v.selection);
	if (m->has_pos)
		add(buf, size, &at, ",\"lat\":%.5f,\"lon\":%.5f", m->lat,
		    m->lon);
	if (m->bookmark) {
		add_str(buf, size, &at, "region", m->v.region);
		if (span_ok(m->v.span))
			add(buf, size, &at, ",\"span\":%.4f", m->v.span);
		add_str(buf, size, &at, "selection", m->v.selection);
		add_time(buf, size, &at, "replay_t", m->v.replay_t);
	}
	if (!add(buf, size, &at, "}"))
		return TCOP_ETOOBIG;
	*len = at;
	return TCOP_OK;
}

tcop_err
brief_mark_parse(const tcop_event *ev, struct brief_mark *m)
{
	if (ev->kind != TCOP_K_MARK)
		return TCOP_ETOPIC;
	memset(m, 0, sizeof *m);
	copy(m->id, sizeof m->id, ev->id);
	copy(m->text, sizeof m->text, ev->u.pic.text);
	m->t = ev->t;
	m->has_pos = ev->has_pos;
	m->lat = ev->lat;
	m->lon = ev->lon;
	view_common(ev, &m->v);
	if (isnan(m->v.span))
		return TCOP_OK;
	if (!span_ok(m->v.span) || !ev->has_pos)
		return TCOP_EFIELD;
	m->bookmark = true;
	m->v.has_center = true;
	m->v.lat = ev->lat;
	m->v.lon = ev->lon;
	return TCOP_OK;
}

tcop_ms
brief_mark_time(const struct brief_mark *m)
{
	return m->v.replay_t != TCOP_MS_NONE ? m->v.replay_t : m->t;
}

static int
mark_cmp(const struct brief_mark *a, const struct brief_mark *b)
{
	tcop_ms ta = brief_mark_time(a), tb = brief_mark_time(b);

	if (ta != tb)
		return ta < tb ? -1 : 1;
	return strcmp(a->id, b->id);
}

int
brief_book_find(const struct brief_book *b, const char *id)
{
	for (int i = 0; i < b->n; i++)
		if (strcmp(b->m[i].id, id) == 0)
			return i;
	return -1;
}

int
brief_book_add(struct brief_book *b, const struct brief_mark *m)
{
	int i = brief_book_find(b, m->id), at;

	if (i >= 0) { /* replaced: take the old one out first */
		memmove(&b->m[i], &b->m[i + 1],
		    (size_t)(b->n - i - 1) * sizeof b->m[0]);
		b->n--;
	}
	if (b->n == BRIEF_BOOK_MAX)
		return -1;
	for (at = b->n; at > 0 && mark_cmp(&b->m[at - 1], m) > 0; at--)
		;
	memmove(&b->m[at + 1], &b->m[at], (size_t)(b->n - at) * sizeof b->m[0]);
	b->m[at] = *m;
	b->n++;
	return at;
}

int
brief_book_scan(struct brief_book *b, const char *const *paths, int n,
    uint64_t *bad)
{
	static const char topic[] = "picture/mark";
	int added = 0;

	for (int i = 0; i < n; i++) {
		capture_reader *r;
		struct capture_line l;
		struct brief_mark m;
		tcop_event ev;
		tcop_err e;

		if (capture_open(&r, paths[i]) != TCOP_OK)
			continue;
		while ((e = capture_next(r, &l)) != TCOP_EOF) {
			if (e != TCOP_OK || l.topic_len != sizeof topic - 1 ||
			    memcmp(l.msg, topic, l.topic_len) != 0)
				continue;
			if (tcop_event_decode(l.msg, l.msg_len, &ev) != TCOP_OK ||
			    brief_mark_parse(&ev, &m) != TCOP_OK) {
				(*bad)++;
				continue;
			}
			m.in_capture = true;
			if (brief_book_add(b, &m) >= 0)
				added++;
		}
		capture_close(r);
	}
	return added;
}

int
brief_bar_ticks(char *bar, tcop_ms t0, tcop_ms t1, const struct brief_book *b)
{
	char *open = strchr(bar, '['), *close;
	int cells, n = 0;

	if (open == NULL || (close = strchr(open, ']')) == NULL ||
	    t0 == TCOP_MS_NONE || t1 < t0)
		return 0;
	open++;
	cells = (int)(close - open);
	if (cells <= 0)
		return 0;
	for (int i = 0; i < b->n; i++) {
		tcop_ms t = brief_mark_time(&b->m[i]);
		int c;

		if (t < t0 || t > t1)
			continue;
		c = t1 > t0 ? (int)((double)(t - t0) * cells / (double)(t1 - t0))
		    : 0;
		if (c >= cells)
			c = cells - 1;
		open[c] = '|';
		n++;
	}
	return n;
}

/* ---- sharing ---- */

static bool
same_num(double a, double b, double eps)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	return fabs(a - b) <= eps;
}

/* Where a deck playing since the last send would be now. */
static bool
replay_moved(const struct brief_share *s, const struct brief_view *v,
    tcop_ms now)
{
	const struct brief_view *o = &s->sent;
	double expect, slack;

	if ((o->replay_t == TCOP_MS_NONE) != (v->replay_t == TCOP_MS_NONE))
		return true;
	if (v->replay_t == TCOP_MS_NONE)
		return false;
	if (v->playing != 1 || o->playing != 1)
		return v->replay_t != o->replay_t;
	if (v->speed <= 0) /* as fast as it goes: no expectation */
		return false;
	expect = (double)o->replay_t + (double)(now - s->sent_at) * v->speed;
	slack = fmax(2000, 1000 * v->speed);
	return fabs((double)v->replay_t - expect) > slack;
}

bool
brief_share_due(const struct brief_share *s, const struct brief_view *v,
    tcop_ms now)
{
	const struct brief_view *o = &s->sent;
	bool changed;

	if (!s->on)
		return false;
	if (!s->sent_any || now - s->sent_at >= BRIEF_KEEP_MS)
		return true;
	if (now - s->sent_at < BRIEF_MIN_MS)
		return false;
	changed = strcmp(o->region, v->region) != 0 ||
	    strcmp(o->selection, v->selection) != 0 ||
	    o->has_center != v->has_center ||
	    !same_num(o->lat, v->lat, 1e-6) || !same_num(o->lon, v->lon, 1e-6) ||
	    !same_num(o->span, v->span, 1e-6) || o->speed != v->speed ||
	    o->playing != v->playing || replay_moved(s, v, now);
	return changed;
}

void
brief_share_sent(struct brief_share *s, const struct brief_view *v,
    tcop_ms now)
{
	s->sent = *v;
	s->sent_at = now;
	s->sent_any = true;
}

bool
brief_should_seek(const struct brief_view *v, tcop_ms pos)
{
	double slack;

	if (v->replay_t == TCOP_MS_NONE)
		return false;
	if (v->playing != 1)
		return pos != v->replay_t;
	slack = fmax(2000, 1000 * (v->speed > 0 ? v->speed : 1000));
	return fabs((double)(pos - v->replay_t)) > slack;
}
