/*
 * jfile.c: small JSON files read whole and parsed (jfile.h). The buffer
 * is allocated for the read and freed before jfile_load returns, so
 * parsers must copy what they keep.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/jfile.h"

int
jfile_line(const char *buf, size_t len, const char *at)
{
	int line = 1;

	if (at == NULL || at < buf || at > buf + len)
		return 0;
	for (const char *p = buf; p < at; p++)
		line += *p == '\n';
	return line;
}

cJSON *
jfile_object(const char *input, const char *buf, size_t len, char *why,
    size_t whylen)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(buf, len, &end, false);

	if (root == NULL || !cJSON_IsObject(root)) {
		snprintf(why, whylen, "%s:%d: not a JSON object", input,
		    jfile_line(buf, len, root == NULL ? end : buf));
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

tcop_err
jfile_load(const char *path, jfile_parse_fn parse, void *arg, char *why,
    size_t whylen)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;
	tcop_err e;

	if (f == NULL) {
		snprintf(why, whylen, "%s: %s", path, strerror(errno));
		return TCOP_ESYS;
	}
	if ((buf = malloc(JFILE_MAX)) == NULL) {
		fclose(f);
		snprintf(why, whylen, "%s: out of memory", path);
		return TCOP_ENOMEM;
	}
	n = fread(buf, 1, JFILE_MAX, f);
	if (ferror(f) || n == JFILE_MAX) {
		snprintf(why, whylen, "%s: %s", path,
		    ferror(f) ? strerror(errno) : "larger than 1 MiB");
		e = ferror(f) ? TCOP_ESYS : TCOP_ETOOBIG;
	} else {
		e = parse(arg, path, buf, n, why, whylen);
	}
	free(buf);
	fclose(f);
	return e;
}
