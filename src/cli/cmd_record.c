/*
 * cmd_record.c: `tcop record --feed URL... --out CAPTURE [--count N] [--idle S]`. Not built yet: answers --help and says so otherwise.
 */
#include "cli/cli.h"

int
cmd_record(int argc, char **argv)
{
	return cli_not_yet(argc, argv, "usage: tcop record --feed URL... --out CAPTURE [--count N] [--idle S]\n");
}
