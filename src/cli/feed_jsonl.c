/*
 * feed_jsonl.c: `tcop feed jsonl --listen URL FILE`. Not built yet: answers --help and says so otherwise.
 */
#include "cli/cli.h"

int
feed_jsonl(int argc, char **argv)
{
	return cli_not_yet(argc, argv, "usage: tcop feed jsonl --listen URL FILE\n");
}
