/*
 * decode_stix.c: `tcop decode stix [FILE|DIR|-]... [--wire] [--assets FILE]
 * [--src NAME]`: STIX 2.1 bundles to cyber/indicator and cyber/sighting,
 * one event's JSON a line (--wire: TOPIC JSON with seq). References that
 * do not resolve within their bundle are reported on stderr as FILE:LINE
 * and counted; they do not stop the run. Exit 1 only if an input cannot
 * be read.
 */
#include <getopt.h>
#include <string.h>

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
		default: return cli_usage("decode stix", "unknown option");
		}
	}
	if (c.src != NULL && (c.src[0] == '\0' || strlen(c.src) >= TCOP_SRC_MAX))
		return cli_usage("decode stix", "--src must be 1..63 characters");
	if (assets_path != NULL &&
	    assets_load(&as, assets_path, err, sizeof err) != TCOP_OK) {
		tcop_log("%s", err);
		return CLI_FAIL;
	}
	c.stix.assets = as;
	c.stix.src = c.src;
	cyber_stdout_sink(&c.sink, &out);
	if (optind == argc && cyber_stix_path(&c, "-") != TCOP_OK)
		rc = CLI_FAIL;
	for (int i = optind; i < argc; i++)
		if (cyber_stix_path(&c, argv[i]) != TCOP_OK)
			rc = CLI_FAIL;
	fflush(stdout);
	cyber_summary(&c, "decode stix");
	assets_destroy(as);
	return rc;
}
