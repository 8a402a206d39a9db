/*
 * cmd_orbit.c: `tcop orbit`. Not built yet: answers --help with the contract
 * of DESIGN.md and says so otherwise.
 */
#include "cli/cli.h"

int
cmd_orbit(int argc, char **argv)
{
	return cli_not_yet(argc, argv,
	    "usage: tcop orbit ELEMENTS [--at T | --from T --to T --step S |\n"
	    "                  --since-epoch MIN,...] [--frame teme|geodetic]\n");
}
