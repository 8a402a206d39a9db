/*
 * feed_ais.c: `tcop feed ais --listen URL [FILE|-] [--udp HOST:PORT] [--tcp HOST:PORT]`. Not built yet: answers --help and says so otherwise.
 */
#include "cli/cli.h"

int
feed_ais(int argc, char **argv)
{
	return cli_not_yet(argc, argv, "usage: tcop feed ais --listen URL [FILE|-] [--udp HOST:PORT] [--tcp HOST:PORT]\n");
}
