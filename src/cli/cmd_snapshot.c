/*
 * cmd_snapshot.c: `tcop snapshot`. Not built yet: answers --help with the contract
 * of DESIGN.md and says so otherwise.
 */
#include "cli/cli.h"

int
cmd_snapshot(int argc, char **argv)
{
	return cli_not_yet(argc, argv,
	    "usage: tcop snapshot [--feed URL...|--replay CAPTURE] [--at T]\n"
	    "                     [--region NAME | --bbox W,S,E,N] [--size WxH]\n"
	    "                     [--layers LIST] [--map-only]\n"
	    "                     [--format text|ansi|html|geojson] [--out FILE]\n");
}
