/*
 * follow_test.c: the tail -F follower (src/cyber/follow.c) on its own:
 * partial lines wait for their newline, rotation and truncation, and the
 * state file: resuming at the committed line, and starting again when the
 * file at the path is no longer the one the state describes. (The feed's
 * end-to-end test, tests/e2e/cyber_follow.sh, runs it under the publisher.)
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

#include "cyber/follow.h"

static char dir[256], path[300], state[300];

static int
setup(void **st)
{
	snprintf(dir, sizeof dir, "tests/out/follow_test");
	mkdir("tests/out", 0755);
	mkdir(dir, 0755);
	snprintf(path, sizeof path, "%s/eve.json", dir);
	snprintf(state, sizeof state, "%s/state", dir);
	unlink(path);
	unlink(state);
	return 0;
}

static void
put(const char *mode, const char *text)
{
	FILE *f = fopen(path, mode);

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* The next line as a string, or NULL when there is none now. */
static const char *
next(struct follow *f)
{
	static char buf[256];
	const char *l;
	size_t n;
	uint64_t no;
	tcop_err rv = follow_next(f, &l, &n, &no);

	if (rv == TCOP_EAGAIN)
		return NULL;
	assert_int_equal(rv, TCOP_OK);
	assert_true(n < sizeof buf);
	memcpy(buf, l, n);
	buf[n] = '\0';
	return buf;
}

static void
a_line_waits_for_its_newline(void **st)
{
	struct follow f;

	setup(st);
	assert_int_equal(follow_open(&f, path, NULL), TCOP_OK);
	assert_null(next(&f)); /* no file yet */
	put("w", "one\ntw");
	assert_string_equal(next(&f), "one");
	assert_null(next(&f));
	put("a", "o\n\nthree\n");
	assert_string_equal(next(&f), "two");
	assert_string_equal(next(&f), "");
	assert_string_equal(next(&f), "three");
	assert_null(next(&f));
	follow_close(&f);
}

static void
rotation_and_truncation_are_followed(void **st)
{
	struct follow f;
	char old[320];

	setup(st);
	snprintf(old, sizeof old, "%s.1", path);
	put("w", "a\n");
	assert_int_equal(follow_open(&f, path, NULL), TCOP_OK);
	assert_string_equal(next(&f), "a");
	rename(path, old);
	assert_null(next(&f)); /* the path is gone: keep the old file */
	FILE *o = fopen(old, "a");
	fputs("b\nlast-without-newline", o);
	fclose(o);
	put("w", "c\n");
	assert_string_equal(next(&f), "b");
	assert_string_equal(next(&f), "last-without-newline");
	assert_string_equal(next(&f), "c");
	assert_int_equal(f.rotations, 1);
	put("w", ""); /* truncated */
	assert_null(next(&f));
	put("a", "d\n");
	assert_string_equal(next(&f), "d");
	assert_int_equal(f.truncations, 1);
	follow_close(&f);
	unlink(old);
}

static void
a_restart_resumes_after_the_committed_line(void **st)
{
	struct follow f;

	setup(st);
	put("w", "1\n2\n3\n");
	assert_int_equal(follow_open(&f, path, state), TCOP_OK);
	assert_string_equal(next(&f), "1");
	assert_string_equal(next(&f), "2");
	assert_int_equal(follow_commit(&f), TCOP_OK);
	assert_string_equal(next(&f), "3"); /* read, not committed */
	follow_close(&f);
	put("a", "4\n");
	assert_int_equal(follow_open(&f, path, state), TCOP_OK);
	assert_string_equal(next(&f), "3");
	assert_string_equal(next(&f), "4");
	assert_int_equal(f.lineno, 4);
	assert_int_equal(follow_commit(&f), TCOP_OK);
	follow_close(&f);
	assert_int_equal(follow_open(&f, path, state), TCOP_OK);
	assert_null(next(&f));
	follow_close(&f);
}

static void
another_file_at_the_path_is_read_from_the_start(void **st)
{
	struct follow f;

	setup(st);
	put("w", "first line\nsecond\n");
	assert_int_equal(follow_open(&f, path, state), TCOP_OK);
	assert_string_equal(next(&f), "first line");
	assert_string_equal(next(&f), "second");
	follow_commit(&f);
	follow_close(&f);
	/* rewritten in place while stopped, longer than before: same inode,
	 * but not the same first bytes */
	put("w", "FIRST LINE\nsecond\nthird\n");
	assert_int_equal(follow_open(&f, path, state), TCOP_OK);
	assert_string_equal(next(&f), "FIRST LINE");
	follow_close(&f);
	/* a state file that is not ours */
	FILE *s = fopen(state, "w");
	fputs("garbage\n", s);
	fclose(s);
	assert_int_equal(follow_open(&f, path, state), TCOP_EFORMAT);
	assert_string_equal(next(&f), "FIRST LINE");
	follow_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_line_waits_for_its_newline),
		cmocka_unit_test(rotation_and_truncation_are_followed),
		cmocka_unit_test(a_restart_resumes_after_the_committed_line),
		cmocka_unit_test(another_file_at_the_path_is_read_from_the_start),
	};
	tcop_log_set_quiet(true);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
