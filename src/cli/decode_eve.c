/*
 * decode_eve.c: `tcop decode eve [FILE|-]... [--wire] [--assets FILE]
 * [--src NAME]`: Suricata EVE lines to cyber/alert, one event's JSON a
 * line on stdout (--wire: TOPIC JSON with seq, as published). Bad lines
 * are reported as FILE:LINE on stderr and skipped; a summary of the counts
 * ends the run. Exit 1 only if an input cannot be read.
 */
#include "cli/cli.h"
#include "cli/cyber_run.h"

static const char help[] =
    "usage: tcop decode eve [FILE|-]... [--wire] [--assets FILE] [--src NAME]\n"
    "\n"
    "Suricata eve.json (JSON Lines) to cyber/alert events: alert and anomaly\n"
    "records become alerts, other event types are counted. With --assets the\n"
    "alerts are placed on their asset (docs/assets.md).\n"
    "\n"
    "  --wire          print tcop/1 messages (TOPIC JSON, with seq)\n"
    "  --assets FILE   asset inventory (assets.json)\n"
    "  --src NAME      src of the events (default suricata-HOST)\n"
    "  -q, --quiet     no per-line error messages, only the summary\n";

static tcop_err
eve_file(struct cyber_ctx *c, const char *path)
{
	return cyber_lines_file(c, path, cyber_eve_line);
}

int
decode_eve(int argc, char **argv)
{
	return cyber_decode_main(argc, argv, "decode eve", help, eve_file);
}
