/*
 * cmd_passes.c: `tcop passes`. Not built yet: answers --help with the contract
 * of DESIGN.md and says so otherwise.
 */
#include "cli/cli.h"

int
cmd_passes(int argc, char **argv)
{
	return cli_not_yet(argc, argv,
	    "usage: tcop passes ELEMENTS --lat LAT --lon LON --from T --hours H\n"
	    "                   [--min-el DEG]\n");
}
