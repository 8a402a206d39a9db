/*
 * feed_cyber.c: `tcop feed cyber --listen URL [--eve FILE [--follow]] [--stix FILE]... [--assets FILE]`. Not built yet: answers --help and says so otherwise.
 */
#include "cli/cli.h"

int
feed_cyber(int argc, char **argv)
{
	return cli_not_yet(argc, argv, "usage: tcop feed cyber --listen URL [--eve FILE [--follow]] [--stix FILE]... [--assets FILE]\n");
}
