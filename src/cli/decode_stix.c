/*
 * decode_stix.c: `tcop decode stix [FILE|-] [--wire]`. Not built yet: answers --help and says so otherwise.
 */
#include "cli/cli.h"

int
decode_stix(int argc, char **argv)
{
	return cli_not_yet(argc, argv, "usage: tcop decode stix [FILE|-] [--wire]\n");
}
