/*
 * cli_util.c: option helpers shared by the subcommands: usage errors that
 * name the command, --help detection, strict number parsing.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int
cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "tcop %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\ntry 'tcop %s --help'\n", cmd);
	return CLI_USAGE;
}

bool
cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return true;
	}
	return false;
}

bool
cli_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool
cli_parse_double(const char *s, double *out)
{
	char *end;
	double v;

	if (s == NULL || *s == '\0')
		return false;
	v = strtod(s, &end);
	if (*end != '\0' || !isfinite(v))
		return false;
	*out = v;
	return true;
}

int
cli_not_yet(int argc, char **argv, const char *help)
{
	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return CLI_OK;
	}
	fprintf(stderr, "tcop %s: not built yet in this version\n", argv[0]);
	return CLI_FAIL;
}

int
cli_dispatch(const char *cmd, const struct cli_sub *subs, int argc,
    char **argv)
{
	FILE *f = stderr;
	bool help = argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0);

	if (argc >= 2 && !help) {
		for (const struct cli_sub *s = subs; s->name != NULL; s++)
			if (strcmp(argv[1], s->name) == 0)
				return s->fn(argc - 1, argv + 1);
		fprintf(stderr, "tcop %s: '%s' is not one of:", cmd, argv[1]);
		for (const struct cli_sub *s = subs; s->name != NULL; s++)
			fprintf(stderr, " %s", s->name);
		fprintf(stderr, "\n");
		return CLI_USAGE;
	}
	if (help)
		f = stdout;
	fprintf(f, "usage: tcop %s KIND [OPTIONS]\n\nkinds:\n", cmd);
	for (const struct cli_sub *s = subs; s->name != NULL; s++)
		fprintf(f, "  %-7s %s\n", s->name, s->summary);
	fprintf(f, "\n'tcop %s KIND --help' tells more.\n", cmd);
	return help ? CLI_OK : CLI_USAGE;
}
