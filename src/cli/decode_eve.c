/*
 * decode_eve.c: `tcop decode eve [FILE|-] [--wire]`. Not built yet: answers --help and says so otherwise.
 */
#include "cli/cli.h"

int
decode_eve(int argc, char **argv)
{
	return cli_not_yet(argc, argv, "usage: tcop decode eve [FILE|-] [--wire]\n");
}
