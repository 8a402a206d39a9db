/*
 * testdata.h: reading the checked-in test data (tests/data/...) from a
 * cmocka test. The directory is $TCOP_DATA (tests/run.sh sets it), else
 * tests/data relative to the source tree. Header-only (static inline), so
 * that every unit test stays one program of its own; include it
 * after <cmocka.h>.
 */
#ifndef TCOP_TESTDATA_H
#define TCOP_TESTDATA_H

#include <stdio.h>
#include <stdlib.h>

/* The path of tests/data/<rel> into out. */
static inline void
td_path(char *out, size_t size, const char *rel)
{
	const char *dir = getenv("TCOP_DATA");

	snprintf(out, size, "%s/%s", dir != NULL ? dir : "tests/data", rel);
}

/* The whole of tests/data/<rel>, NUL-terminated, to free(); *len its length
 * (len may be NULL). The test fails if the file cannot be read. */
static inline char *
td_slurp(const char *rel, size_t *len)
{
	char path[512];
	FILE *f;
	char *buf;
	long n;

	td_path(path, sizeof path, rel);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	if (len != NULL)
		*len = (size_t)n;
	return buf;
}

#endif
