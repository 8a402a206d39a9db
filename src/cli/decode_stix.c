/*
 * decode_stix.c: `tcop decode stix [FILE|DIR|-]... [--wire] [--assets FILE]
 * [--src NAME]`: STIX 2.1 bundles to cyber/indicator and cyber/sighting,
 * one event's JSON a line (--wire: TOPIC JSON with seq). References that
 * do not resolve within their bundle are reported on stderr as FILE:LINE
 * and counted; they do not stop the run. Exit 1 only if an input cannot
 * be read.
 */
#include "cli/cli.h"
#include "cli/cyber_run.h"

static const char help[] =
    "usage: tcop decode stix [FILE|DIR|-]... [--wire] [--assets FILE] [--src NAME]\n"
    "\n"
    "STIX 2.1 bundles (a file, or every *.json of a directory) to\n"
    "cyber/indicator and cyber/sighting events. Sightings are placed through\n"
    "where_sighted_refs: an identity named like an asset (--assets), or a\n"
    "location with latitude/longitude.\n"
    "\n"
    "  --wire          print tcop/1 messages (TOPIC JSON, with seq)\n"
    "  --assets FILE   asset inventory (assets.json)\n"
    "  --src NAME      src of the events (default stix)\n"
    "  -q, --quiet     no per-problem messages, only the summary\n";

int
decode_stix(int argc, char **argv)
{
	return cyber_decode_main(argc, argv, "decode stix", help,
	    cyber_stix_path);
}
