/*
 * decode_cdm.c: `tcop decode cdm [FILE|-] [--wire]`. Not built yet: answers --help and says so otherwise.
 */
#include "cli/cli.h"

int
decode_cdm(int argc, char **argv)
{
	return cli_not_yet(argc, argv, "usage: tcop decode cdm [FILE|-] [--wire]\n");
}
