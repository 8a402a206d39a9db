/*
 * decode_tle.c: `tcop decode tle [FILE|-] [--wire]`. Not built yet: answers --help and says so otherwise.
 */
#include "cli/cli.h"

int
decode_tle(int argc, char **argv)
{
	return cli_not_yet(argc, argv, "usage: tcop decode tle [FILE|-] [--wire]\n");
}
