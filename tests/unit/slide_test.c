/*
 * slide_test.c: the slide module (src/ui/slide.c): the page's frame
 * (banner rows, map, status), the HTML slide's sections and escaping,
 * and the export's names: the picture's time, never overwriting (-1,
 * -2), a clear reason and no file left behind when the directory is
 * missing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "ui/slide.h"

/* 2026-03-19T12:14:05.500Z */
#define T_PIC 1773922445500LL

static struct canvas *
sample_page(void)
{
	struct canvas *map = canvas_create(30, 4), *page;
	struct banner b;

	assert_non_null(map);
	canvas_text(map, 2, 1, "<map & co>", ROLE_COAST);
	page = canvas_create(30, 4 + SLIDE_FRAME_ROWS);
	assert_non_null(page);
	banner_init(&b);
	slide_compose(page, map, &b, " status line");
	canvas_destroy(map);
	return page;
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	static char buf[65536];
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
compose_frames_the_map_with_banners_and_status(void **state)
{
	struct canvas *page = sample_page();
	char row[64];

	(void)state;
	for (int y = 0; y < page->h; y++) {
		for (int x = 0; x < page->w; x++)
			row[x] = (char)canvas_at(page, x, y)->ch;
		row[page->w] = '\0';
		if (y == 0 || y == page->h - 1)
			assert_non_null(strstr(row, "UNCLASSIFIED"));
		if (y == 2)
			assert_non_null(strstr(row, "<map & co>"));
		if (y == page->h - 2)
			assert_non_null(strstr(row, "status line"));
	}
	assert_int_equal(canvas_at(page, 0, 0)->role, ROLE_BANNER_U);
	assert_int_equal(canvas_at(page, 0, page->h - 2)->role, ROLE_STATUS);
	canvas_destroy(page);
}

static void
html_has_page_legend_and_escapes(void **state)
{
	struct canvas *page = sample_page();
	char path[] = "/tmp/slide_test_XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	const char *s;

	(void)state;
	assert_non_null(f);
	assert_int_equal(slide_html(f, page, NULL, true, "a <title>"), TCOP_OK);
	fclose(f);
	s = slurp(path);
	assert_non_null(strstr(s, "<title>a &lt;title&gt;</title>"));
	assert_non_null(strstr(s, "&lt;map &amp; co&gt;"));
	assert_non_null(strstr(s, "Legend</h2>"));
	assert_non_null(strstr(s, "dark contact"));
	assert_null(strstr(s, "Incidents"));   /* no picture, no list */
	assert_null(strstr(s, "<script"));
	assert_non_null(strstr(s, "</html>\n"));
	unlink(path);
	canvas_destroy(page);
}

static void
export_names_by_time_and_never_overwrites(void **state)
{
	struct canvas *page = sample_page();
	char dir[] = "/tmp/slide_test_dir_XXXXXX", path[4200], why[4400];
	char want[4200];

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(slide_export(dir, T_PIC, page, NULL, false, "t",
	    path, sizeof path, why, sizeof why), TCOP_OK);
	snprintf(want, sizeof want, "%s/tcop-20260319T121405Z.html", dir);
	assert_string_equal(path, want);
	assert_non_null(strstr(slurp(path), "<!DOCTYPE html>"));
	snprintf(want, sizeof want, "%s/tcop-20260319T121405Z.txt", dir);
	assert_non_null(strstr(slurp(want), "status line"));
	assert_int_equal(slide_export(dir, T_PIC, page, NULL, false, "t",
	    path, sizeof path, why, sizeof why), TCOP_OK);
	assert_non_null(strstr(path, "tcop-20260319T121405Z-1.html"));
	/* a lone .txt in the way moves the pair on too */
	snprintf(want, sizeof want, "%s/tcop-20260319T121405Z-2.txt", dir);
	fclose(fopen(want, "w"));
	assert_int_equal(slide_export(dir, T_PIC, page, NULL, false, "t",
	    path, sizeof path, why, sizeof why), TCOP_OK);
	assert_non_null(strstr(path, "tcop-20260319T121405Z-3.html"));
	snprintf(want, sizeof want, "%s/tcop-20260319T121405Z-2.html", dir);
	assert_int_not_equal(access(want, F_OK), 0);
	for (const char *sfx = "\0-1\0-2\0-3\0"; ; sfx += strlen(sfx) + 1) {
		snprintf(want, sizeof want, "%s/tcop-20260319T121405Z%s.html",
		    dir, sfx);
		unlink(want);
		snprintf(want, sizeof want, "%s/tcop-20260319T121405Z%s.txt",
		    dir, sfx);
		unlink(want);
		if (strcmp(sfx, "-3") == 0)
			break;
	}
	assert_int_equal(rmdir(dir), 0);
	canvas_destroy(page);
}

static void
export_into_a_missing_directory_says_why(void **state)
{
	struct canvas *page = sample_page();
	char path[4200], why[4400];

	(void)state;
	assert_int_equal(slide_export("/nonexistent/tcop", T_PIC, page, NULL,
	    false, "t", path, sizeof path, why, sizeof why), TCOP_ESYS);
	assert_non_null(strstr(why, "export failed: "
	    "tcop-20260319T121405Z.html: No such file or directory "
	    "(in /nonexistent/tcop)"));
	assert_int_equal(slide_export(".", TCOP_MS_NONE, page, NULL, false,
	    "t", path, sizeof path, why, sizeof why), TCOP_EINVAL);
	canvas_destroy(page);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(compose_frames_the_map_with_banners_and_status),
		cmocka_unit_test(html_has_page_legend_and_escapes),
		cmocka_unit_test(export_names_by_time_and_never_overwrites),
		cmocka_unit_test(export_into_a_missing_directory_says_why),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
