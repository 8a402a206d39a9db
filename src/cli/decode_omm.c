/*
 * decode_omm.c: `tcop decode omm [FILE|-] [--wire]`. Not built yet: answers --help and says so otherwise.
 */
#include "cli/cli.h"

int
decode_omm(int argc, char **argv)
{
	return cli_not_yet(argc, argv, "usage: tcop decode omm [FILE|-] [--wire]\n");
}
