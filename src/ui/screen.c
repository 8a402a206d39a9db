/*
 * screen.c: the operator's screen in a canvas (screen.h).
 *
 * The list is an index (arrival numbers for events, entity indexes for
 * objects) rebuilt by screen_list_update() when the store or the sort or
 * filter changed, never while drawing. Sorting is by the column's key with
 * the arrival order as the tie-break, so equal keys keep a stable order
 * (newest first). The detail pane lists every common field and then each
 * member of the raw JSON on its own line, unknown members included.
 * Known limit: the side panel holds events and positioned objects; the
 * incidents, tracks, satellites and alerts lists come with the picture.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "geo/map.h"
#include "ui/screen.h"

struct screen {
	uint64_t *idx;   /* list: arrival numbers or entity indexes */
	size_t cap;
	int n;
	char detail[8192]; /* the detail pane's text, lines by '\n' */
	uint64_t detail_of; /* which selection it was built for */
	bool detail_obj;
};

/* ==== banner ==== */

void
banner_init(struct banner *b)
{
	memset(b, 0, sizeof *b);
	b->max = TCOP_CLS_NONE;
	b->nrel = 0;
}

static bool
rel_has(const char rel[][5], int n, const char *cc)
{
	for (int i = 0; i < n; i++)
		if (strcmp(rel[i], cc) == 0)
			return true;
	return false;
}

void
banner_add(struct banner *b, tcop_cls cls, int nrel, const char rel[][5])
{
	int j = 0;

	if (cls > b->max)
		b->max = cls;
	if (cls < TCOP_CLS_CUI || b->nrel < 0)
		return;
	if (nrel < 0) {
		b->nrel = -1;
		return;
	}
	if (!b->started) {
		b->started = true;
		for (int i = 0; i < nrel && i < TCOP_REL_MAX; i++)
			if (!rel_has(b->rel, j, rel[i]))
				memcpy(b->rel[j++], rel[i], 5);
		b->nrel = j;
		return;
	}
	for (int i = 0; i < b->nrel; i++)
		if (rel_has(rel, nrel, b->rel[i]))
			memcpy(b->rel[j++], b->rel[i], 5);
	b->nrel = j;
}

static int
rel_rank(const char *cc)
{
	if (strcmp(cc, "USA") == 0)
		return 0;
	return strlen(cc) == 3 ? 1 : 2;
}

static int
rel_cmp(const void *a, const void *b)
{
	const char *x = a, *y = b;
	int d = rel_rank(x) - rel_rank(y);

	return d != 0 ? d : strcmp(x, y);
}

enum canvas_role
banner_format(const struct banner *b, char *buf, size_t size)
{
	static const char *const text[] = { "UNCLASSIFIED", "UNCLASSIFIED",
		"CUI", "CONFIDENTIAL", "SECRET", "TOP SECRET" };
	static const enum canvas_role role[] = { ROLE_BANNER_U, ROLE_BANNER_U,
		ROLE_BANNER_CUI, ROLE_BANNER_C, ROLE_BANNER_S, ROLE_BANNER_TS };
	char rel[TCOP_REL_MAX][5];
	size_t at;
	int n = b->nrel;

	at = (size_t)snprintf(buf, size, "%s", text[b->max]);
	if (b->max < TCOP_CLS_CUI || !b->started || n <= 0 || at >= size)
		return role[b->max];
	memcpy(rel, b->rel, sizeof rel);
	qsort(rel, (size_t)n, sizeof rel[0], rel_cmp);
	for (int i = 0; i < n && at < size; i++)
		at += (size_t)snprintf(buf + at, size - at, "%s%s",
		    i == 0 ? "//REL TO " : ", ", rel[i]);
	return role[b->max];
}

/* ==== list ==== */

static const char *const ev_cols[] = { "#", "TIME", "TOPIC", "ID", "NAME",
	"SRC", "CLS" };
static const char *const obj_cols[] = { "LAST", "NAME", "ID", "KIND", "SPEED",
	"COURSE", "TIME" };

int
screen_columns(const struct view *v, const char *const **names)
{
	*names = v->list == LIST_EVENTS ? ev_cols : obj_cols;
	return 7;
}

struct screen *
screen_create(size_t rows, size_t ents)
{
	struct screen *s = calloc(1, sizeof *s);

	if (s == NULL)
		return NULL;
	s->cap = rows > ents ? rows : ents;
	if ((s->idx = calloc(s->cap, sizeof *s->idx)) == NULL) {
		free(s);
		return NULL;
	}
	return s;
}

void
screen_destroy(struct screen *s)
{
	if (s == NULL)
		return;
	free(s->idx);
	free(s);
}

int
screen_list_len(const struct screen *s)
{
	return s->n;
}

static bool
ci_has(const char *hay, const char *needle)
{
	return needle[0] == '\0' || strcasestr(hay, needle) != NULL;
}

static bool
row_match(const struct ev_row *r, const char *f)
{
	return f[0] == '\0' || ci_has(r->topic, f) || ci_has(r->id, f) ||
	    ci_has(r->name, f) || ci_has(r->src, f);
}

static bool
ent_match(const struct ev_ent *e, const char *f)
{
	return f[0] == '\0' || ci_has(e->id, f) || ci_has(e->name, f) ||
	    ci_has(tcop_kind_topic(e->kind), f);
}

struct sort_ctx {
	const struct evstore *st;
	int col;
	bool rev;
};

static int
cmp_num(double a, double b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) - isnan(b);
	return (a > b) - (a < b);
}

static int
cmp_ev(const void *pa, const void *pb, void *arg)
{
	const struct sort_ctx *c = arg;
	uint64_t na = *(const uint64_t *)pa, nb = *(const uint64_t *)pb;
	const struct ev_row *a = evstore_find_row(c->st, na);
	const struct ev_row *b = evstore_find_row(c->st, nb);
	int d = 0;

	switch (c->col) {
	case 1: d = (a->t > b->t) - (a->t < b->t); break;
	case 2: d = strcmp(a->topic, b->topic); break;
	case 3: d = strcmp(a->id, b->id); break;
	case 4: d = strcasecmp(a->name, b->name); break;
	case 5: d = strcmp(a->src, b->src); break;
	case 6: d = (int)b->cls - (int)a->cls; break;
	default: break;
	}
	/* Time and arrival: newest first by default. */
	if (c->col <= 1)
		d = -d;
	if (c->rev)
		d = -d;
	if (d == 0)
		d = (na < nb) - (na > nb);
	return d;
}

static int
cmp_obj(const void *pa, const void *pb, void *arg)
{
	const struct sort_ctx *c = arg;
	uint64_t ia = *(const uint64_t *)pa, ib = *(const uint64_t *)pb;
	const struct ev_ent *a = &c->st->ents[ia], *b = &c->st->ents[ib];
	int d = 0;

	switch (c->col) {
	case 1: d = strcasecmp(a->name, b->name); break;
	case 2: d = strcmp(a->id, b->id); break;
	case 3: d = (int)a->kind - (int)b->kind; break;
	case 4: d = -cmp_num(a->speed, b->speed); break;
	case 5: d = cmp_num(a->course, b->course); break;
	case 6: d = (a->t < b->t) - (a->t > b->t); break;
	default: break;
	}
	if (c->rev)
		d = -d;
	if (d == 0)
		d = (a->last_row < b->last_row) - (a->last_row > b->last_row);
	if (d == 0)
		d = (ia > ib) - (ia < ib);
	return d;
}

static void
sel_sync(struct screen *s, struct view *v, const struct evstore *st)
{
	if (s->n == 0) {
		v->sel = 0;
		return;
	}
	if (v->sel >= s->n)
		v->sel = s->n - 1;
	if (v->sel < 0)
		v->sel = 0;
	if (v->list == LIST_EVENTS) {
		const struct ev_row *r = evstore_find_row(st, s->idx[v->sel]);
		v->sel_n = s->idx[v->sel];
		snprintf(v->sel_id, sizeof v->sel_id, "%s",
		    r != NULL && r->has_pos ? r->id : "");
	} else {
		const struct ev_ent *e = &st->ents[s->idx[v->sel]];
		v->sel_n = e->last_row;
		snprintf(v->sel_id, sizeof v->sel_id, "%s", e->id);
	}
}

void
screen_list_update(struct screen *s, struct view *v, const struct evstore *st)
{
	struct sort_ctx c = { st, v->sort_col, v->sort_rev };
	uint64_t keep = v->list == LIST_EVENTS ? v->sel_n : 0;
	bool had = s->n > 0;

	s->n = 0;
	if (v->list == LIST_EVENTS) {
		for (size_t i = 0; i < st->count; i++) {
			const struct ev_row *r = evstore_row(st, i);
			if (row_match(r, v->filter))
				s->idx[s->n++] = r->n;
		}
		qsort_r(s->idx, (size_t)s->n, sizeof *s->idx, cmp_ev, &c);
	} else {
		for (size_t i = 0; i < st->nent; i++)
			if (ent_match(&st->ents[i], v->filter))
				s->idx[s->n++] = i;
		qsort_r(s->idx, (size_t)s->n, sizeof *s->idx, cmp_obj, &c);
	}
	/* Keep the selection on the same item when the list moves. */
	if (had && v->pane == PANE_LIST) {
		for (int i = 0; i < s->n; i++) {
			bool same = v->list == LIST_EVENTS ? s->idx[i] == keep :
			    strcmp(st->ents[s->idx[i]].id, v->sel_id) == 0;
			if (same) {
				v->sel = i;
				break;
			}
		}
	}
	sel_sync(s, v, st);
}

void
screen_select(struct screen *s, struct view *v, const struct evstore *st,
    int d)
{
	v->sel += d;
	sel_sync(s, v, st);
}

void
screen_select_id(struct screen *s, struct view *v, const struct evstore *st,
    const char *id)
{
	snprintf(v->sel_id, sizeof v->sel_id, "%s", id);
	for (int i = 0; i < s->n; i++) {
		bool same;

		if (v->list == LIST_EVENTS) {
			const struct ev_row *r = evstore_find_row(st, s->idx[i]);
			same = r != NULL && strcmp(r->id, id) == 0;
		} else
			same = strcmp(st->ents[s->idx[i]].id, id) == 0;
		if (same) {
			v->sel = i;
			sel_sync(s, v, st);
			return;
		}
	}
}

/* ==== drawing ==== */

void
screen_map_size(int w, int h, int *mw, int *mh)
{
	int pw = w >= 100 ? 46 : w * 2 / 5;

	*mw = w - pw - 1;
	if (*mw < 1)
		*mw = 1;
	*mh = h - 4;
	if (*mh < 1)
		*mh = 1;
}

static void
fill(struct canvas *c, uint8_t *prio, int x0, int y0, int w, int h,
    enum canvas_role role, uint8_t p)
{
	for (int y = y0; y < y0 + h; y++)
		for (int x = x0; x < x0 + w; x++) {
			canvas_put(c, x, y, ' ', role);
			if (x >= 0 && y >= 0 && x < c->w && y < c->h)
				prio[y * c->w + x] = p;
		}
}

/* Text clipped to width w. */
static void
text_w(struct canvas *c, int x, int y, int w, const char *s,
    enum canvas_role role)
{
	char buf[512];
	int n = w < (int)sizeof buf - 1 ? w : (int)sizeof buf - 1;

	if (n <= 0)
		return;
	snprintf(buf, (size_t)n + 1, "%s", s);
	canvas_text(c, x, y, buf, role);
}

static void
fmt_time(tcop_ms t, char *buf, size_t size)
{
	if (t == TCOP_MS_NONE)
		snprintf(buf, size, "-");
	else
		tcop_time_format_s(t, buf, size);
}

static void
ev_line(const struct ev_row *r, char *buf, size_t size)
{
	char t[40];

	fmt_time(r->t, t, sizeof t);
	const char *k = strchr(r->topic, '/');

	snprintf(buf, size, "%-8.8s %-12.12s %-16.16s %s",
	    strlen(t) >= 19 ? t + 11 : t, k ? k + 1 : r->topic, r->id, r->name);
}

static void
obj_line(const struct ev_ent *e, char *buf, size_t size)
{
	char sp[16] = "", co[16] = "";

	if (isfinite(e->speed))
		snprintf(sp, sizeof sp, "%.1fkn", e->speed);
	if (isfinite(e->course))
		snprintf(co, sizeof co, "%03.0f", e->course);
	snprintf(buf, size, "%-16.16s %-16.16s %6s %3s %s", e->name[0] ?
	    e->name : "-", e->id, sp, co, tcop_kind_topic(e->kind));
}

static int
draw_list(struct screen *s, struct canvas *page, uint8_t *prio, int x0,
    int y0, int w, int h, struct view *v, const struct evstore *st)
{
	const char *const *cols;
	char head[256], line[512];
	int rows;

	screen_columns(v, &cols);
	snprintf(head, sizeof head, " %s %d%s  sort:%s%s  %s%s%s",
	    v->list == LIST_EVENTS ? "EVENTS" : "OBJECTS", s->n,
	    v->pane == PANE_LIST ? "*" : "", cols[v->sort_col],
	    v->sort_rev ? "-" : "", v->searching || v->filter[0] ? "/" : "",
	    v->filter, v->searching ? "_" : "");
	fill(page, prio, x0, y0, w, 1, ROLE_HEADING, 0);
	text_w(page, x0, y0, w, head, ROLE_HEADING);
	rows = h - 1;
	if (rows < 1)
		return 0;
	if (v->sel < v->top)
		v->top = v->sel;
	if (v->sel >= v->top + rows)
		v->top = v->sel - rows + 1;
	if (v->top > s->n - rows)
		v->top = s->n - rows > 0 ? s->n - rows : 0;
	for (int i = 0; i < rows; i++) {
		int k = v->top + i;
		bool sel = k == v->sel && s->n > 0;

		fill(page, prio, x0, y0 + 1 + i, w, 1, ROLE_NONE, sel ? 0 : 2);
		if (k >= s->n)
			continue;
		if (v->list == LIST_EVENTS) {
			const struct ev_row *r = evstore_find_row(st, s->idx[k]);
			if (r == NULL)
				continue;
			ev_line(r, line, sizeof line);
		} else
			obj_line(&st->ents[s->idx[k]], line, sizeof line);
		if (sel)
			fill(page, prio, x0, y0 + 1 + i, w, 1, ROLE_SELECT, 0);
		text_w(page, x0, y0 + 1 + i, w, line,
		    sel ? ROLE_SELECT : ROLE_NONE);
	}
	return rows;
}

static size_t
addf(char *buf, size_t at, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static size_t
addf(char *buf, size_t at, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (at >= size)
		return at;
	va_start(ap, fmt);
	n = vsnprintf(buf + at, size - at, fmt, ap);
	va_end(ap);
	return n < 0 ? at : (at + (size_t)n < size ? at + (size_t)n : size - 1);
}

/*
 * The raw JSON one member a line, "key: value" (nested values as their
 * text): a scan, not a parse, of JSON the decoder already accepted.
 */
static size_t
json_members(const char *j, size_t len, char *buf, size_t at, size_t size)
{
	int depth = 0;
	bool str = false, esc = false, key = false;

	at = addf(buf, at, size, "%s", "-- raw JSON --\n");
	for (size_t i = 0; i < len && at < size - 3; i++) {
		char ch = j[i];

		if (str) {
			if (esc)
				esc = false;
			else if (ch == '\\')
				esc = true;
			else if (ch == '"') {
				str = false;
				if (key) {
					key = false;
					continue;
				}
			}
			buf[at++] = ch;
			continue;
		}
		if (ch == '"') {
			str = true;
			if (depth == 1 && (i == 0 || j[i - 1] == '{' ||
			    j[i - 1] == ',')) {
				key = true;
				continue;
			}
		}
		if ((ch == '{' || ch == '[') && depth++ == 0)
			continue;
		if ((ch == '}' || ch == ']') && --depth == 0)
			continue;
		if (ch == ',' && depth == 1) {
			buf[at++] = '\n';
			continue;
		}
		buf[at++] = ch;
		if (ch == ':' && depth == 1)
			buf[at++] = ' ';
	}
	buf[at] = '\0';
	return at;
}

static void
detail_build(struct screen *s, const struct view *v, const struct evstore *st)
{
	const struct ev_row *r = evstore_find_row(st, v->sel_n);
	const struct ev_ent *e = v->sel_id[0] ? evstore_ent(st, v->sel_id) : NULL;
	size_t at = 0, sz = sizeof s->detail;
	char t[40];

	s->detail[0] = '\0';
	s->detail_of = v->sel_n;
	s->detail_obj = v->list == LIST_OBJECTS;
	if (e != NULL && v->list == LIST_OBJECTS) {
		fmt_time(e->t, t, sizeof t);
		at = addf(s->detail, at, sz, "entity %s\nname %s\nkind %s\n"
		    "last %s\npos %.5f, %.5f\n", e->id, e->name,
		    tcop_kind_topic(e->kind), t, e->lat, e->lon);
		if (isfinite(e->speed) || isfinite(e->course))
			at = addf(s->detail, at, sz, "speed %.1f kn course %.1f\n",
			    e->speed, e->course);
		at = addf(s->detail, at, sz, "trail %d positions\n", e->ntrail);
	}
	if (r == NULL)
		return;
	at = addf(s->detail, at, sz, "%s %s\ncls %s", r->topic, r->id,
	    r->cls ? tcop_cls_name(r->cls) : "(unmarked)");
	if (r->nrel >= 0) {
		at = addf(s->detail, at, sz, " rel");
		for (int i = 0; i < r->nrel; i++)
			at = addf(s->detail, at, sz, " %s", r->rel[i]);
	}
	at = addf(s->detail, at, sz, "%s", "\n");
	at = json_members(r->json, r->json_len, s->detail, at, sz);
	if (r->json_cut)
		addf(s->detail, at, sz, "\n(cut at %d bytes)", EVSTORE_JSON_MAX);
}

static void
draw_detail(struct screen *s, struct canvas *page, uint8_t *prio, int x0,
    int y0, int w, int h, const struct view *v, const struct evstore *st)
{
	const char *p;
	int y = y0 + 1;

	detail_build(s, v, st);
	fill(page, prio, x0, y0, w, h, ROLE_NONE, 2);
	text_w(page, x0, y0, w, " DETAIL", ROLE_HEADING);
	for (p = s->detail; *p != '\0' && y < y0 + h;) {
		size_t n = strcspn(p, "\n");
		int k = (int)n < w - 1 ? (int)n : w - 1;
		char line[512];

		if (k > (int)sizeof line - 1)
			k = (int)sizeof line - 1;
		memcpy(line, p, (size_t)k);
		line[k] = '\0';
		canvas_text(page, x0 + 1, y++, line, ROLE_NONE);
		p += k;
		if ((size_t)k == n && *p == '\n')
			p++;
	}
}

static void
draw_help(struct canvas *page, uint8_t *prio, const struct keymap *km,
    const struct regions *rs, int y0, int h)
{
	int colw = page->w / 2, row = 0;
	char keys[64], line[256];

	fill(page, prio, 0, y0, page->w, h, ROLE_NONE, 0);
	text_w(page, 1, y0, page->w - 2, "KEYS (rebind in the config file; "
	    "any key closes this)", ROLE_HEADING);
	for (int a = 1; a < VA_COUNT; a++) {
		int col, y;

		if (a > VA_REGION_1 && a <= VA_REGION_9)
			continue;
		keymap_keys_of(km, (enum view_action)a, keys, sizeof keys);
		if (a == VA_REGION_1) {
			int n = 0;
			snprintf(keys, sizeof keys, "1..9");
			n = snprintf(line, sizeof line, "%-10s regions:", keys);
			for (int i = 0; i < 9 && rs != NULL && i < rs->n; i++)
				n += snprintf(line + n, sizeof line - (size_t)n,
				    " %s", rs->r[i].name);
		} else
			snprintf(line, sizeof line, "%-10s %s", keys[0] ? keys :
			    "-", view_action_help((enum view_action)a));
		col = row / (h - 2) ;
		y = y0 + 1 + row % (h - 2);
		if (col > 1)
			break;
		text_w(page, 1 + col * colw, y, colw - 2, line, ROLE_NONE);
		row++;
	}
}

static void
fmt_rate(double v, char *buf, size_t size)
{
	if (v >= 1e6)
		snprintf(buf, size, "%.1fM", v / 1e6);
	else if (v >= 1e3)
		snprintf(buf, size, "%.1fk", v / 1e3);
	else
		snprintf(buf, size, "%.0f", v);
}

static void
draw_status(struct canvas *page, uint8_t *prio, int y, const struct view *v,
    const struct evstore *st)
{
	char line[512], t[40], r[16], cap[32] = "", cur[48];
	double lat = v->cursor_set ? v->cur_lat : v->vp.center_lat;
	double lon = v->cursor_set ? v->cur_lon : v->vp.center_lon;
	size_t at;

	fmt_time(st->latest_t, t, sizeof t);
	fmt_rate((double)v->rate, r, sizeof r);
	if (v->max_rate > 0) {
		char c[16];
		fmt_rate((double)v->max_rate, c, sizeof c);
		snprintf(cap, sizeof cap, "/%s", c);
	}
	snprintf(cur, sizeof cur, "%.2f%c %.2f%c", fabs(lat), lat < 0 ? 'S' : 'N',
	    fabs(lon), lon < 0 ? 'W' : 'E');
	snprintf(line, sizeof line, " %s | span %.2f%s | %s | %s | %.0f fps "
	    "%sB/s%s%s%s", cur, v->vp.span, v->follow ? " follow" : "",
	    v->region[0] ? v->region : "-", t, v->fps, r, cap,
	    v->msg[0] ? " | " : "", v->msg);
	fill(page, prio, 0, y, page->w, 1, ROLE_STATUS, 0);
	text_w(page, 0, y, page->w, line, ROLE_STATUS);
	at = 0;
	line[0] = '\0';
	for (int i = 0; i < v->nfeeds; i++) {
		const struct screen_feed *f = &v->feeds[i];
		char rr[16];

		fmt_rate(f->rate, rr, sizeof rr);
		at += (size_t)snprintf(line + at, sizeof line - at,
		    "%s%s %s %s/s lost %llu rej %llu", i ? " | " : " ",
		    v->nfeeds > 1 || page->w >= 100 ? f->url : "feed",
		    f->connected ? "up" : "DOWN", rr,
		    (unsigned long long)f->lost,
		    (unsigned long long)f->rejected);
		if (at >= sizeof line)
			break;
	}
	if (v->nfeeds == 0)
		snprintf(line, sizeof line, " no feeds (--feed URL)");
	fill(page, prio, 0, y + 1, page->w, 1, ROLE_STATUS, 0);
	text_w(page, 0, y + 1, page->w, line, ROLE_STATUS);
}

static void
banner_row(struct canvas *page, uint8_t *prio, int y, const char *text,
    enum canvas_role role)
{
	int n = (int)strlen(text), x = (page->w - n) / 2;

	fill(page, prio, 0, y, page->w, 1, role, 0);
	text_w(page, x < 0 ? 0 : x, y, page->w, text, role);
}

/* What is displayed: the list's visible rows and the entities drawn. */
static void
banner_of_view(const struct screen *s, const struct view *v,
    const struct evstore *st, struct banner *b)
{
	banner_init(b);
	for (size_t i = 0; i < st->nent; i++) {
		const struct ev_ent *e = &st->ents[i];
		double x, y;

		proj_ll_to_cell(&v->vp, e->lat, e->lon, &x, &y);
		if (x >= 0 && y >= 0 && x < v->vp.w && y < v->vp.h)
			banner_add(b, e->cls, e->nrel, e->rel);
	}
	for (int k = v->top; k < s->n && k < v->top + v->vp.h; k++) {
		if (v->list == LIST_EVENTS) {
			const struct ev_row *r = evstore_find_row(st, s->idx[k]);
			if (r != NULL)
				banner_add(b, r->cls, r->nrel, r->rel);
		} else {
			const struct ev_ent *e = &st->ents[s->idx[k]];
			banner_add(b, e->cls, e->nrel, e->rel);
		}
	}
}

void
screen_draw(struct screen *s, struct canvas *page, uint8_t *prio,
    const struct canvas *map, const uint8_t *map_cells, struct view *v,
    const struct evstore *st, const struct keymap *km,
    const struct regions *rs)
{
	int mw, mh, px, pw, lh;
	char btext[256];
	enum canvas_role brole;
	struct banner b;

	screen_map_size(page->w, page->h, &mw, &mh);
	px = mw + 1;
	pw = page->w - px;
	for (int y = 0; y < mh && y < map->h; y++)
		for (int x = 0; x < mw && x < map->w; x++) {
			const struct canvas_cell *c = &map->cells[y * map->w + x];
			uint8_t lc = map_cells ? map_cells[y * map->w + x] : 0;

			canvas_put(page, x, 1 + y, c->ch, (enum canvas_role)c->role);
			prio[(1 + y) * page->w + x] = lc == LC_SELECTED ? 0 :
			    lc >= LC_LABEL ? 1 : 3;
		}
	for (int y = 1; y <= mh; y++) {
		canvas_put(page, mw, y, page->w > 0 && v->pane == PANE_LIST ?
		    '|' : ':', ROLE_GRATICULE);
		prio[y * page->w + mw] = 2;
	}
	lh = v->detail ? mh / 3 : mh;
	if (pw > 0) {
		draw_list(s, page, prio, px, 1, pw, lh, v, st);
		if (v->detail)
			draw_detail(s, page, prio, px, 1 + lh, pw, mh - lh, v, st);
	}
	if (v->help)
		draw_help(page, prio, km, rs, 1, mh);
	draw_status(page, prio, page->h - 3, v, st);
	banner_of_view(s, v, st, &b);
	brole = banner_format(&b, btext, sizeof btext);
	banner_row(page, prio, 0, btext, brole);
	banner_row(page, prio, page->h - 1, btext, brole);
}
