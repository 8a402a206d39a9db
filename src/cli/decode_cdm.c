/*
 * decode_cdm.c: `tcop decode cdm [FILE|-] [--wire] [--src NAME]`: conjunction data messages
 * as tcop/1 space/conjunction events, one JSON a line; no network. The work
 * is space_decode() (space_util.c), shared with the other space kinds.
 */
#include "cli/cli.h"
#include "cli/space.h"

static const char help[] =
    "usage: tcop decode cdm [FILE|-] [--wire] [--src NAME]\n"
    "\n"
    "Reads conjunction data messages: Space-Track JSON (cdm_public or full\n"
    "CDM keys, an array or one object a line) or CCSDS CDM KVN, and prints\n"
    "each as a tcop/1 space/conjunction event (CDM_ID, TCA, MIN_RNG (m), PC,\n"
    "SAT_1_ID, SAT_1_NAME, SAT_2_ID, SAT_2_NAME).\n"
    "Rejected records are reported on stderr as FILE:LINE: reason and\n"
    "skipped; the rest of the file is still decoded.\n"
    "\n"
    "  --wire       print tcop/1 messages (space/conjunction JSON)\n"
    "  --src NAME   the src field (default: cdm)\n";

int
decode_cdm(int argc, char **argv)
{
	return space_decode("cdm", help, argc, argv);
}
