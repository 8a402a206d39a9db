/*
 * main.c: `tcop SUBCOMMAND [ARGS]`, git-style. Looks the subcommand up in
 * cli_commands and runs it; everything else lives in the subcommands.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static void
usage(FILE *f)
{
	fprintf(f, "usage: tcop SUBCOMMAND [OPTIONS]\n"
	    "       tcop SUBCOMMAND --help\n\n"
	    "tcop is a terminal common operating picture: one map of the region\n"
	    "that merges maritime, space and cyber feeds and tells the operator\n"
	    "which events belong together.\n\nsubcommands:\n");
	for (const struct cli_cmd *c = cli_commands; c->name != NULL; c++)
		fprintf(f, "  %-9s %s\n", c->name, c->summary);
	fprintf(f, "\nSee tcop(1) and docs/ for more.\n");
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return CLI_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return CLI_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("tcop %s\n", TCOP_VERSION);
		return CLI_OK;
	}
	for (const struct cli_cmd *c = cli_commands; c->name != NULL; c++)
		if (strcmp(argv[1], c->name) == 0)
			return c->fn(argc - 1, argv + 1);
	fprintf(stderr, "tcop: '%s' is not a subcommand\n", argv[1]);
	usage(stderr);
	return CLI_USAGE;
}
