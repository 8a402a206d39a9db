/*
 * decode_eve.c: `tcop decode eve [FILE|-]... [--wire] [--assets FILE]
 * [--src NAME]`: Suricata EVE lines to cyber/alert, one event's JSON a
 * line on stdout (--wire: TOPIC JSON with seq, as published). Bad lines
 * are reported as FILE:LINE on stderr and skipped; a summary of the counts
 * ends the run. Exit 1 only if an input cannot be read.
 */
#include <getopt.h>
#include <string.h>

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

int
decode_eve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "wire", no_argument, NULL, 'w' },
		{ "assets", required_argument, NULL, 'a' },
		{ "src", required_argument, NULL, 's' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cyber_ctx c;
	struct cyber_stdout out = { 0 };
	const char *assets_path = NULL;
	assets *as = NULL;
	char err[512];
	int ch, rc = CLI_OK;

	memset(&c, 0, sizeof c);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "hq", opts, NULL)) != -1) {
		switch (ch) {
		case 'w': out.wire = true; break;
		case 'a': assets_path = optarg; break;
		case 's': c.src = optarg; break;
		case 'q': c.quiet = true; break;
		case 'h': fputs(help, stdout); return CLI_OK;
		default: return cli_usage("decode eve", "unknown option");
		}
	}
	if (c.src != NULL && (c.src[0] == '\0' || strlen(c.src) >= TCOP_SRC_MAX))
		return cli_usage("decode eve", "--src must be 1..63 characters");
	if (assets_path != NULL &&
	    assets_load(&as, assets_path, err, sizeof err) != TCOP_OK) {
		tcop_log("%s", err);
		return CLI_FAIL;
	}
	c.eve.assets = as;
	c.eve.src = c.src;
	cyber_stdout_sink(&c.sink, &out);
	if (optind == argc) {
		if (cyber_lines_file(&c, "-", cyber_eve_line) != TCOP_OK)
			rc = CLI_FAIL;
	}
	for (int i = optind; i < argc; i++)
		if (cyber_lines_file(&c, argv[i], cyber_eve_line) != TCOP_OK)
			rc = CLI_FAIL;
	fflush(stdout);
	cyber_summary(&c, "decode eve");
	assets_destroy(as);
	return rc;
}
