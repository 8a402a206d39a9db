/*
 * space_util.c: file reading and element-set loading shared by the space
 * subcommands (space.h). The CLI layer may exit on usage errors; these
 * functions only return codes and print the rejections they skip.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/space.h"
#include "orbit/omm.h"
#include "orbit/tle.h"

tcop_err
space_read_all(const char *path, char **buf, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t cap = 1 << 16, n = 0;
	char *b;

	if (f == NULL)
		return TCOP_ESYS;
	if ((b = malloc(cap)) == NULL) {
		if (f != stdin)
			fclose(f);
		return TCOP_ENOMEM;
	}
	for (;;) {
		size_t k;

		if (n + 1 >= cap) {
			char *nb = realloc(b, cap * 2);
			if (nb == NULL) {
				free(b);
				if (f != stdin)
					fclose(f);
				return TCOP_ENOMEM;
			}
			b = nb;
			cap *= 2;
		}
		k = fread(b + n, 1, cap - n - 1, f);
		n += k;
		if (k == 0)
			break;
	}
	if (ferror(f)) {
		int e = errno;
		free(b);
		if (f != stdin)
			fclose(f);
		errno = e;
		return TCOP_ESYS;
	}
	if (f != stdin)
		fclose(f);
	b[n] = '\0';
	*buf = b;
	*len = n;
	return TCOP_OK;
}

bool
space_is_json(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
		    buf[i] == '\n')
			continue;
		return buf[i] == '{' || buf[i] == '[';
	}
	return false;
}

tcop_err
space_load(const char *cmd, const char *name, const char *buf, size_t len,
    struct orb_elements **els, size_t *n, size_t *rejected)
{
	struct orb_elements *a = NULL, el;
	size_t cap = 0, k = 0, bad = 0;
	bool json = space_is_json(buf, len);
	struct tle_reader tr;
	struct omm_reader orr;
	char why[OMM_WHY_MAX > TLE_WHY_MAX ? OMM_WHY_MAX : TLE_WHY_MAX];
	long line;
	tcop_err rv;

	tle_reader_init(&tr, buf, len);
	omm_reader_init(&orr, buf, len);
	for (;;) {
		rv = json ? omm_next(&orr, &el, &line, why) :
		    tle_next(&tr, &el, &line, why);
		if (rv == TCOP_EOF)
			break;
		if (rv != TCOP_OK) {
			fprintf(stderr, "tcop %s: %s:%ld: %s (%s)\n", cmd, name,
			    line, why, tcop_err_name(rv));
			bad++;
			continue;
		}
		if (k == cap) {
			size_t nc = cap ? cap * 2 : 1024;
			struct orb_elements *na = realloc(a, nc * sizeof(*a));
			if (na == NULL) {
				free(a);
				return TCOP_ENOMEM;
			}
			a = na;
			cap = nc;
		}
		a[k++] = el;
	}
	*els = a;
	*n = k;
	*rejected = bad;
	return TCOP_OK;
}

bool
space_parse_ids(const char *s, unsigned **ids, size_t *n)
{
	size_t cap = 8, k = 0;
	unsigned *a = malloc(cap * sizeof(*a));
	const char *p = s;

	if (a == NULL)
		return false;
	while (*p) {
		char *end;
		unsigned long v = strtoul(p, &end, 10);

		if (end == p || v == 0 || v > ORB_NORAD_MAX ||
		    (*end != ',' && *end != '\0')) {
			free(a);
			return false;
		}
		if (k == cap) {
			unsigned *na = realloc(a, 2 * cap * sizeof(*a));
			if (na == NULL) {
				free(a);
				return false;
			}
			a = na;
			cap *= 2;
		}
		a[k++] = (unsigned)v;
		p = *end == ',' ? end + 1 : end;
	}
	*ids = a;
	*n = k;
	return k > 0;
}

bool
space_id_wanted(const unsigned *ids, size_t n, unsigned norad)
{
	if (n == 0)
		return true;
	for (size_t i = 0; i < n; i++)
		if (ids[i] == norad)
			return true;
	return false;
}

/* ---- tcop decode tle|omm|cdm ------------------------------------------ */

#include <getopt.h>

#include "cli/cli.h"
#include "orbit/cdm.h"

static int
decode_conjunctions(const char *cmd, const char *name, const char *buf,
    size_t len, bool wire, const char *src)
{
	struct cdm_reader r;
	struct cdm c;
	char why[CDM_WHY_MAX], out[4096];
	size_t good = 0, bad = 0;
	long line;
	tcop_err rv;

	cdm_reader_init(&r, buf, len);
	while ((rv = cdm_next(&r, &c, &line, why)) != TCOP_EOF) {
		if (rv != TCOP_OK) {
			fprintf(stderr, "tcop %s: %s:%ld: %s (%s)\n", cmd, name,
			    line, why, tcop_err_name(rv));
			bad++;
			continue;
		}
		if (cdm_event_json(&c, src, -1, out, sizeof(out)) == 0) {
			bad++;
			continue;
		}
		printf("%s%s\n", wire ? "space/conjunction " : "", out);
		good++;
	}
	fprintf(stderr, "tcop %s: %s: %zu conjunctions, %zu rejected\n", cmd,
	    name, good, bad);
	return CLI_OK;
}

int
space_decode(const char *kind, const char *help, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "wire", no_argument, NULL, 'w' },
		{ "src", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char cmd[32], *buf, out[4096];
	const char *path = "-", *src = kind;
	struct orb_elements *els;
	size_t len, n, bad;
	bool wire = false;
	int c;

	snprintf(cmd, sizeof(cmd), "decode %s", kind);
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "hws:", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(help, stdout);
			return CLI_OK;
		case 'w':
			wire = true;
			break;
		case 's':
			src = optarg;
			break;
		default:
			return cli_usage(cmd, "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind < argc)
		path = argv[optind++];
	if (optind < argc)
		return cli_usage(cmd, "one input file only");
	if (space_read_all(path, &buf, &len) != TCOP_OK) {
		fprintf(stderr, "tcop %s: %s: %s\n", cmd, path, strerror(errno));
		return CLI_FAIL;
	}
	if (strcmp(kind, "cdm") == 0) {
		c = decode_conjunctions(cmd, path, buf, len, wire, src);
		free(buf);
		return c;
	}
	if ((strcmp(kind, "omm") == 0) != space_is_json(buf, len))
		fprintf(stderr, "tcop %s: %s: this looks like %s\n", cmd, path,
		    space_is_json(buf, len) ? "OMM JSON" : "TLE text");
	if (space_load(cmd, path, buf, len, &els, &n, &bad) != TCOP_OK) {
		free(buf);
		fprintf(stderr, "tcop %s: out of memory\n", cmd);
		return CLI_FAIL;
	}
	for (size_t i = 0; i < n; i++) {
		if (omm_event_json(&els[i], src, -1, out, sizeof(out)) == 0)
			continue;
		printf("%s%s\n", wire ? "space/elements " : "", out);
	}
	fprintf(stderr, "tcop %s: %s: %zu element sets, %zu rejected\n", cmd,
	    path, n, bad);
	free(els);
	free(buf);
	return CLI_OK;
}
