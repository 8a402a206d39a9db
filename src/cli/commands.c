/*
 * commands.c: the table of tcop's subcommands, in the order `tcop --help`
 * lists them.
 */
#include <stddef.h>

#include "cli/cli.h"

const struct cli_cmd cli_commands[] = {
	{ "view", cmd_view, "the operator's map of the picture (ncurses)" },
	{ "demo", cmd_demo, "the embedded scenario of the region, live" },
	{ "feed", cmd_feed, "publish a source (ais, space, cyber, jsonl) as tcop/1" },
	{ "record", cmd_record, "record feeds into a capture file" },
	{ "replay", cmd_replay, "publish a capture again, paced by receive time" },
	{ "relay", cmd_relay, "forward feeds, filtered by releasability" },
	{ "snapshot", cmd_snapshot, "render the picture without a terminal" },
	{ "decode", cmd_decode, "print what an adapter makes of a file, one event a line" },
	{ "orbit", cmd_orbit, "propagate element sets with SGP4/SDP4" },
	{ "passes", cmd_passes, "predict satellite passes over a point" },
	{ NULL, NULL, NULL },
};
