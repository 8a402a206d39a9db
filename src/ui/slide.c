/*
 * slide.c: the picture as a slide (slide.h): page composition, the HTML
 * slide with its legend and incident list, and the export of a view to
 * files that never overwrite. The HTML is one file (inline CSS, no script,
 * nothing fetched), so it can be mailed or dropped into a briefing as is.
 * Known limits: the incident list holds the first SLIDE_INCIDENTS by rank
 * and, per incident, the first SLIDE_MEMBERS members (the total is said).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ui/slide.h"

#define SLIDE_INCIDENTS 500
#define SLIDE_MEMBERS 6

void
slide_banner(struct banner *b, const struct viewport *vp,
    const struct layer_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		double x, y;

		proj_ll_to_cell(vp, items[i].lat, items[i].lon, &x, &y);
		if ((x >= 0 && y >= 0 && x < vp->w && y < vp->h) ||
		    items[i].kind == LK_AREA)
			banner_add(b, items[i].cls, items[i].nrel, items[i].rel);
	}
}

void
slide_banner_incidents(struct banner *b, const pic *p)
{
	const struct pic_incident *inc;

	for (size_t i = 0; (inc = pic_incident_at(p, i)) != NULL; i++)
		banner_add(b, inc->cls, inc->nrel, inc->rel);
}

static void
fill_row(struct canvas *c, int y, enum canvas_role role)
{
	for (int x = 0; x < c->w; x++)
		canvas_put(c, x, y, ' ', role);
}

static void
banner_row(struct canvas *c, int y, const struct banner *b)
{
	char t[256];
	enum canvas_role role = banner_format(b, t, sizeof t);
	int x = (c->w - (int)strlen(t)) / 2;

	fill_row(c, y, role);
	canvas_text(c, x < 0 ? 0 : x, y, t, role);
}

void
slide_compose(struct canvas *page, const struct canvas *map,
    const struct banner *b, const char *status)
{
	banner_row(page, 0, b);
	canvas_blit(page, 0, 1, map);
	fill_row(page, page->h - 2, ROLE_STATUS);
	canvas_text(page, 0, page->h - 2, status, ROLE_STATUS);
	banner_row(page, page->h - 1, b);
}

/* ==== HTML ==== */

static const char slide_css[] =
    "body { color: #c8c8c8; font-family: 'DejaVu Sans', sans-serif;"
    " font-size: 13px; }\n"
    "h2 { font-size: 14px; margin: 1em 0 0.3em; }\n"
    ".legend span.g { font-family: 'DejaVu Sans Mono', monospace;"
    " display: inline-block; width: 1.2em; }\n"
    ".legend li { display: inline-block; margin-right: 1.5em; }\n"
    ".legend ul { padding: 0; list-style: none; }\n"
    "table { border-collapse: collapse; }\n"
    "td, th { border-bottom: 1px solid #333; padding: 2px 6px;"
    " text-align: left; vertical-align: top; }\n";

static const struct {
	enum layer_kind kind;
	const char *what;
} legend_items[] = {
	{ LK_SHIP, "vessel (arrow: course; circle: no course)" },
	{ LK_DETECTION, "detection (SAR, RF, radar)" },
	{ LK_DARK, "dark contact (no AIS explains it)" },
	{ LK_SAT, "satellite" },
	{ LK_ASSET, "asset (colour: its worst open alert)" },
	{ LK_ALERT, "cyber alert" },
	{ LK_AREA, "GNSS interference area" },
	{ LK_OTHER, "other event" },
};

static void
glyph_span(FILE *f, uint32_t ch, enum canvas_role role)
{
	char b[5] = { 0 };

	canvas_utf8(ch, b);
	fprintf(f, "<span class=\"g %s\">", canvas_role_name(role));
	canvas_html_text(b, f);
	fputs("</span>", f);
}

static void
legend(FILE *f, bool ascii)
{
	uint32_t ch;
	enum canvas_role role;

	fputs("<div class=\"legend\"><h2>Legend</h2><ul>\n", f);
	for (size_t i = 0; i < sizeof legend_items / sizeof legend_items[0];
	    i++) {
		layers_glyph(legend_items[i].kind, ascii, &ch, &role);
		fputs("<li>", f);
		glyph_span(f, ch, role);
		canvas_html_text(legend_items[i].what, f);
		fputs("</li>\n", f);
	}
	fputs("<li>", f);
	glyph_span(f, ascii ? '.' : 0x00b7, ROLE_TRAIL);
	fputs("trail; dim: stale</li>\n<li>", f);
	glyph_span(f, '2', ROLE_LABEL);
	fputs("2..9, +: that many in one cell</li>\n</ul></div>\n", f);
}

static void
cell_time(FILE *f, tcop_ms t)
{
	char b[40];

	if (t == TCOP_MS_NONE) {
		fputs("<td></td>", f);
		return;
	}
	tcop_time_format_s(t, b, sizeof b);
	fputs("<td>", f);
	canvas_html_text(b, f);
	fputs("</td>", f);
}

static void
cell_text(FILE *f, const char *s)
{
	fputs("<td>", f);
	canvas_html_text(s, f);
	fputs("</td>", f);
}

static void
incident_row(FILE *f, size_t rank, const struct pic_incident *inc)
{
	char m[64];
	const char *cls = tcop_cls_name(inc->cls);

	fprintf(f, "<tr><td>%zu</td>", rank);
	cell_text(f, pic_sev_name(inc->severity));
	cell_text(f, inc->rule);
	cell_text(f, pic_state_name(inc->state));
	cell_text(f, cls[0] ? cls : "-");
	cell_time(f, inc->first);
	cell_time(f, inc->last);
	fputs("<td>", f);
	for (int i = 0; i < inc->nmembers && i < SLIDE_MEMBERS; i++) {
		if (i)
			fputs(", ", f);
		canvas_html_text(inc->members[i], f);
	}
	if (inc->members_total > SLIDE_MEMBERS) {
		snprintf(m, sizeof m, " (%u in all)", inc->members_total);
		canvas_html_text(m, f);
	}
	fputs("</td>", f);
	cell_text(f, inc->why);
	fputs("</tr>\n", f);
}

static void
incidents(FILE *f, const pic *p)
{
	size_t n = pic_incident_count(p);
	const struct pic_incident *inc;

	fprintf(f, "<div class=\"incidents\"><h2>Incidents (%zu)</h2>\n", n);
	if (n == 0) {
		fputs("<p>none</p></div>\n", f);
		return;
	}
	fputs("<table><tr><th>#</th><th>severity</th><th>rule</th>"
	    "<th>state</th><th>marking</th><th>first</th><th>last</th>"
	    "<th>members</th><th>why</th></tr>\n", f);
	for (size_t i = 0; i < n && i < SLIDE_INCIDENTS; i++)
		if ((inc = pic_incident_at(p, i)) != NULL)
			incident_row(f, i + 1, inc);
	fputs("</table>\n", f);
	if (n > SLIDE_INCIDENTS)
		fprintf(f, "<p>and %zu more</p>\n", n - SLIDE_INCIDENTS);
	fputs("</div>\n", f);
}

tcop_err
slide_html(FILE *f, const struct canvas *page, const pic *p, bool ascii,
    const char *title)
{
	canvas_html_head(f, title, slide_css);
	canvas_html_pre(page, f);
	legend(f, ascii);
	if (p != NULL)
		incidents(f, p);
	return canvas_html_done(f);
}

/* ==== export ==== */

/* Create path exclusively; NULL with errno if it exists or fails. */
static FILE *
create_new(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	FILE *f;

	if (fd < 0)
		return NULL;
	if ((f = fdopen(fd, "w")) == NULL) {
		int e = errno;
		close(fd);
		unlink(path);
		errno = e;
	}
	return f;
}

/* Open a free pair base[-n].html / .txt; the html path goes into path. */
static tcop_err
open_pair(const char *base, char *path, size_t size, char *txt,
    size_t tsize, FILE **fh, FILE **ft)
{
	for (int n = 0; n < 1000; n++) {
		char sfx[16] = "";

		if (n > 0)
			snprintf(sfx, sizeof sfx, "-%d", n);
		if (snprintf(path, size, "%s%s.html", base, sfx) >= (int)size ||
		    snprintf(txt, tsize, "%s%s.txt", base, sfx) >= (int)tsize)
			return TCOP_EINVAL;
		if ((*fh = create_new(path)) == NULL) {
			if (errno == EEXIST)
				continue;
			return TCOP_ESYS;
		}
		if ((*ft = create_new(txt)) == NULL) {
			int e = errno;
			fclose(*fh);
			unlink(path);
			if (e == EEXIST)
				continue;
			errno = e;
			snprintf(path, size, "%s", txt);
			return TCOP_ESYS;
		}
		return TCOP_OK;
	}
	errno = EEXIST;
	return TCOP_ESYS;
}

/* The last component of path. */
static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

tcop_err
slide_export(const char *dir, tcop_ms t, const struct canvas *page,
    const pic *p, bool ascii, const char *title, char *path, size_t size,
    char *why, size_t why_size)
{
	char base[4096], txt[4200], stamp[32];
	time_t s;
	struct tm tm;
	FILE *fh = NULL, *ft = NULL;
	tcop_err e, e2;

	if (t == TCOP_MS_NONE) {
		snprintf(why, why_size, "export: no picture time");
		return TCOP_EINVAL;
	}
	s = (time_t)(t >= 0 ? t / 1000 : (t - 999) / 1000);
	if (gmtime_r(&s, &tm) == NULL ||
	    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm) == 0) {
		snprintf(why, why_size, "export: time out of range");
		return TCOP_EINVAL;
	}
	if (dir == NULL || dir[0] == '\0')
		dir = ".";
	if (snprintf(base, sizeof base, "%s/tcop-%s", dir, stamp) >=
	    (int)sizeof base) {
		snprintf(why, why_size, "export: directory name too long");
		return TCOP_EINVAL;
	}
	if ((e = open_pair(base, path, size, txt, sizeof txt, &fh, &ft)) !=
	    TCOP_OK) {
		if (e == TCOP_EINVAL)
			snprintf(why, why_size, "export failed: %s: path too "
			    "long", dir);
		else
			snprintf(why, why_size, "export failed: %s: %s (in %s)",
			    base_name(path), strerror(errno), dir);
		return e;
	}
	e = slide_html(fh, page, p, ascii, title);
	e2 = canvas_dump_text(page, ft);
	if (fclose(fh) != 0)
		e = TCOP_ESYS;
	if (fclose(ft) != 0)
		e2 = TCOP_ESYS;
	if (e != TCOP_OK || e2 != TCOP_OK) {
		snprintf(why, why_size, "export failed: %s: %s (in %s)",
		    base_name(e != TCOP_OK ? path : txt),
		    strerror(errno ? errno : EIO), dir);
		unlink(path);
		unlink(txt);
		return TCOP_ESYS;
	}
	return TCOP_OK;
}
