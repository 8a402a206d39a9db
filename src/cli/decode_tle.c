/*
 * decode_tle.c: `tcop decode tle [FILE|-] [--wire] [--src NAME]`: two- and three-line element sets (TLE/3LE)
 * as tcop/1 space/elements events, one JSON a line; no network. The work
 * is space_decode() (space_util.c), shared with the other space kinds.
 */
#include "cli/cli.h"
#include "cli/space.h"

static const char help[] =
    "usage: tcop decode tle [FILE|-] [--wire] [--src NAME]\n"
    "\n"
    "Reads NORAD two-line or three-line element sets (checksums, Alpha-5\n"
    "catalogue numbers, names with padding) and prints each as a tcop/1\n"
    "space/elements event: CelesTrak OMM keys plus tle1/tle2.\n"
    "Rejected records are reported on stderr as FILE:LINE: reason and\n"
    "skipped; the rest of the file is still decoded.\n"
    "\n"
    "  --wire       print tcop/1 messages (space/elements JSON)\n"
    "  --src NAME   the src field (default: tle)\n";

int
decode_tle(int argc, char **argv)
{
	return space_decode("tle", help, argc, argv);
}
