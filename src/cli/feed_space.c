/*
 * feed_space.c: `tcop feed space --listen URL [--elements FILE]... [--cdm FILE]...`. Not built yet: answers --help and says so otherwise.
 */
#include "cli/cli.h"

int
feed_space(int argc, char **argv)
{
	return cli_not_yet(argc, argv, "usage: tcop feed space --listen URL [--elements FILE]... [--cdm FILE]...\n");
}
