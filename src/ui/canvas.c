/*
 * canvas.c: the cell grid of canvas.h and its three dumps (text, ANSI,
 * HTML). Known limits: canvas_text() takes ASCII only; the HTML dump relies
 * on the reader's monospace font having the braille block (DejaVu Sans Mono
 * and most terminal fonts do).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ui/canvas.h"

struct role_info {
	const char *name, *sgr, *fg, *bg, *mono;
};

static const struct role_info roles[ROLE_COUNT] = {
#define CANVAS_ROLE_INFO(n, sgr, fg, bg, mono) { #n, sgr, fg, bg, mono },
	CANVAS_ROLES(CANVAS_ROLE_INFO)
#undef CANVAS_ROLE_INFO
};

static enum canvas_role
role_ok(unsigned r)
{
	return r < ROLE_COUNT ? (enum canvas_role)r : ROLE_NONE;
}

const char *
canvas_role_name(enum canvas_role r)
{
	return roles[role_ok(r)].name;
}

const char *
canvas_role_sgr(enum canvas_role r)
{
	return roles[role_ok(r)].sgr;
}

const char *
canvas_role_mono(enum canvas_role r)
{
	return roles[role_ok(r)].mono;
}

struct canvas *
canvas_create(int w, int h)
{
	struct canvas *c;

	if (w < 1 || h < 1 || w > CANVAS_MAX_W || h > CANVAS_MAX_H)
		return NULL;
	if ((c = malloc(sizeof *c)) == NULL)
		return NULL;
	c->w = w;
	c->h = h;
	c->cells = malloc((size_t)w * (size_t)h * sizeof *c->cells);
	if (c->cells == NULL) {
		free(c);
		return NULL;
	}
	canvas_clear(c);
	return c;
}

void
canvas_destroy(struct canvas *c)
{
	if (c == NULL)
		return;
	free(c->cells);
	free(c);
}

void
canvas_clear(struct canvas *c)
{
	size_t n = (size_t)c->w * (size_t)c->h;

	for (size_t i = 0; i < n; i++) {
		c->cells[i].ch = ' ';
		c->cells[i].role = ROLE_NONE;
	}
}

void
canvas_put(struct canvas *c, int x, int y, uint32_t ch, enum canvas_role role)
{
	struct canvas_cell *p;

	if (x < 0 || y < 0 || x >= c->w || y >= c->h)
		return;
	p = &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
	p->ch = ch;
	p->role = (uint8_t)role;
}

const struct canvas_cell *
canvas_at(const struct canvas *c, int x, int y)
{
	if (x < 0 || y < 0 || x >= c->w || y >= c->h)
		return NULL;
	return &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
}

int
canvas_text(struct canvas *c, int x, int y, const char *s,
    enum canvas_role role)
{
	int n = 0;

	for (; s[n] != '\0'; n++) {
		unsigned char b = (unsigned char)s[n];
		canvas_put(c, x + n, y, b >= 0x20 && b < 0x7f ? b : '?', role);
	}
	return n;
}

void
canvas_blit(struct canvas *dst, int x, int y, const struct canvas *src)
{
	for (int r = 0; r < src->h; r++) {
		int dy = y + r, x0 = x < 0 ? -x : 0, x1 = src->w;

		if (dy < 0 || dy >= dst->h)
			continue;
		if (x + x1 > dst->w)
			x1 = dst->w - x;
		if (x1 <= x0)
			continue;
		memcpy(&dst->cells[(size_t)dy * (size_t)dst->w + (size_t)(x + x0)],
		    &src->cells[(size_t)r * (size_t)src->w + (size_t)x0],
		    (size_t)(x1 - x0) * sizeof *src->cells);
	}
}

int
canvas_utf8(uint32_t cp, char *b)
{
	if (cp < 0x80) {
		b[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (char)(0xc0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		b[0] = (char)(0xe0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	b[0] = (char)(0xf0 | ((cp >> 18) & 0x07));
	b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	b[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

static void
put_glyph(uint32_t cp, FILE *f)
{
	char b[4];

	if (cp < 0x20 || cp == 0x7f || cp > 0x10ffff)
		cp = '?';
	fwrite(b, 1, (size_t)canvas_utf8(cp, b), f);
}

static tcop_err
done(FILE *f)
{
	if (fflush(f) != 0 || ferror(f)) {
		if (errno == 0)
			errno = EIO;
		return TCOP_ESYS;
	}
	return TCOP_OK;
}

tcop_err
canvas_dump_text(const struct canvas *c, FILE *f)
{
	for (int y = 0; y < c->h; y++) {
		for (int x = 0; x < c->w; x++)
			put_glyph(canvas_at(c, x, y)->ch, f);
		fputc('\n', f);
	}
	return done(f);
}

tcop_err
canvas_dump_ansi(const struct canvas *c, FILE *f)
{
	for (int y = 0; y < c->h; y++) {
		int cur = -1;

		for (int x = 0; x < c->w; x++) {
			const struct canvas_cell *p = canvas_at(c, x, y);
			int r = role_ok(p->role);

			if (r != cur) {
				fprintf(f, "\033[0;%sm", roles[r].sgr);
				cur = r;
			}
			put_glyph(p->ch, f);
		}
		fputs("\033[0m\n", f);
	}
	return done(f);
}

static void
html_escaped(const char *s, FILE *f)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f);
		}
	}
}

static void
html_style(FILE *f)
{
	fputs("<style>\n"
	    "body { background: #0b1016; margin: 1em; }\n"
	    "pre { font-family: 'DejaVu Sans Mono', 'Noto Sans Mono', monospace;"
	    " font-size: 12px; line-height: 1.15; color: #c8c8c8; }\n", f);
	for (int r = 0; r < ROLE_COUNT; r++) {
		fprintf(f, ".%s { color: %s;", roles[r].name, roles[r].fg);
		if (roles[r].bg[0] != '\0')
			fprintf(f, " background: %s;", roles[r].bg);
		fputs(" }\n", f);
	}
	fputs("</style>\n", f);
}

void
canvas_html_head(FILE *f, const char *title, const char *css)
{
	fputs("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>", f);
	html_escaped(title, f);
	fputs("</title>\n", f);
	html_style(f);
	if (css != NULL)
		fprintf(f, "<style>\n%s</style>\n", css);
	fputs("</head><body>\n", f);
}

void
canvas_html_pre(const struct canvas *c, FILE *f)
{
	fputs("<pre>", f);
	for (int y = 0; y < c->h; y++) {
		int cur = -1;

		for (int x = 0; x < c->w; x++) {
			const struct canvas_cell *p = canvas_at(c, x, y);
			int r = role_ok(p->role);
			char b[5] = { 0 };

			if (r != cur) {
				if (cur >= 0)
					fputs("</span>", f);
				fprintf(f, "<span class=\"%s\">", roles[r].name);
				cur = r;
			}
			if (p->ch < 0x20 || p->ch == 0x7f || p->ch > 0x10ffff)
				b[0] = '?';
			else
				canvas_utf8(p->ch, b);
			html_escaped(b, f);
		}
		fputs("</span>\n", f);
	}
	fputs("</pre>\n", f);
}

void
canvas_html_text(const char *s, FILE *f)
{
	html_escaped(s, f);
}

tcop_err
canvas_html_done(FILE *f)
{
	fputs("</body></html>\n", f);
	return done(f);
}

tcop_err
canvas_dump_html(const struct canvas *c, FILE *f, const char *title)
{
	canvas_html_head(f, title, NULL);
	canvas_html_pre(c, f);
	return canvas_html_done(f);
}
