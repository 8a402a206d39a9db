/*
 * cmd_demo.c: `tcop demo`. Not built yet: answers --help with the contract
 * of DESIGN.md and says so otherwise.
 */
#include "cli/cli.h"

int
cmd_demo(int argc, char **argv)
{
	return cli_not_yet(argc, argv,
	    "usage: tcop demo [--region NAME] [--speed N] [--seed N] [--record FILE]\n"
	    "                 [--no-view --duration D]\n");
}
