/*
 * cmd_replay.c: `tcop replay --listen URL CAPTURE [--speed N|max] [--from T] [--to T] [--loop]`. Not built yet: answers --help and says so otherwise.
 */
#include "cli/cli.h"

int
cmd_replay(int argc, char **argv)
{
	return cli_not_yet(argc, argv, "usage: tcop replay --listen URL CAPTURE [--speed N|max] [--from T] [--to T] [--loop]\n");
}
