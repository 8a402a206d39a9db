/*
 * cmd_relay.c: `tcop relay`. Not built yet: answers --help with the contract
 * of DESIGN.md and says so otherwise.
 */
#include "cli/cli.h"

int
cmd_relay(int argc, char **argv)
{
	return cli_not_yet(argc, argv,
	    "usage: tcop relay --feed URL... --listen URL [--releasable-to CC[,CC]]\n"
	    "                  [--max-cls X]\n");
}
