/*
 * decode_ais.c: `tcop decode ais [FILE|-] [--wire]`. Not built yet: answers --help and says so otherwise.
 */
#include "cli/cli.h"

int
decode_ais(int argc, char **argv)
{
	return cli_not_yet(argc, argv, "usage: tcop decode ais [FILE|-] [--wire]\n");
}
