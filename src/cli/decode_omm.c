/*
 * decode_omm.c: `tcop decode omm [FILE|-] [--wire] [--src NAME]`: CelesTrak OMM JSON element sets
 * as tcop/1 space/elements events, one JSON a line; no network. The work
 * is space_decode() (space_util.c), shared with the other space kinds.
 */
#include "cli/cli.h"
#include "cli/space.h"

static const char help[] =
    "usage: tcop decode omm [FILE|-] [--wire] [--src NAME]\n"
    "\n"
    "Reads CelesTrak OMM JSON (one array of objects, or one object a line;\n"
    "numbers or numeric strings) and prints each as a tcop/1 space/elements\n"
    "event with the OMM keys.\n"
    "Rejected records are reported on stderr as FILE:LINE: reason and\n"
    "skipped; the rest of the file is still decoded.\n"
    "\n"
    "  --wire       print tcop/1 messages (space/elements JSON)\n"
    "  --src NAME   the src field (default: omm)\n";

int
decode_omm(int argc, char **argv)
{
	return space_decode("omm", help, argc, argv);
}
