/*
 * cmd_feed.c: `tcop feed KIND`: one publisher per source kind. The kinds
 * live in feed_*.c; this is only their table.
 */
#include <stddef.h>

#include "cli/cli.h"

static const struct cli_sub feed_kinds[] = {
	{ "ais", feed_ais, "AIS NMEA (file, stdin, UDP, TCP) as maritime/track" },
	{ "space", feed_space, "element sets and conjunctions as space/*" },
	{ "cyber", feed_cyber, "Suricata EVE, STIX 2.1, GNSS interference as cyber/*" },
	{ "jsonl", feed_jsonl, "tcop/1 messages from a file, one a line" },
	{ NULL, NULL, NULL },
};

int
cmd_feed(int argc, char **argv)
{
	return cli_dispatch("feed", feed_kinds, argc, argv);
}
