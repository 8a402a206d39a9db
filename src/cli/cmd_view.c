/*
 * cmd_view.c: `tcop view`. Not built yet: answers --help with the contract
 * of DESIGN.md and says so otherwise.
 */
#include "cli/cli.h"

int
cmd_view(int argc, char **argv)
{
	return cli_not_yet(argc, argv,
	    "usage: tcop view [--feed URL]... [--config FILE] [--region NAME]\n"
	    "                 [--replay CAPTURE]... [--ascii]\n");
}
