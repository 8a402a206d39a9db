/*
 * feed_cyber.c: `tcop feed cyber --listen URL [--eve FILE [--follow]]
 * [--stix FILE|DIR]... [--interference FILE]... [--assets FILE]
 * [--src NAME]`: publish the cyber picture's inputs as tcop/1.
 *
 * Order: STIX bundles, then interference reports, then EVE. Without
 * --follow the EVE file is read once and the command ends (after
 * --linger). With --follow it is tailed like `tail -F` (cyber/follow.h)
 * until SIGINT/SIGTERM, and the offset of the last published line is kept
 * in a state file (--state, default FILE.tcop-follow) so that a restarted
 * feed never sends an alert twice: the state is written when the file is
 * idle, every 256 lines, and on exit.
 */
#include <getopt.h>
#include <string.h>
#include <time.h>

#include "cli/cli_pub.h"
#include "cli/cyber_run.h"
#include "cyber/follow.h"

static const char help[] =
    "usage: tcop feed cyber --listen URL [--eve FILE [--follow] [--state FILE]]\n"
    "                       [--stix FILE|DIR]... [--interference FILE]...\n"
    "                       [--assets FILE] [--src NAME]\n"
    "\n"
    "Publish Suricata EVE alerts (cyber/alert), STIX 2.1 indicators and\n"
    "sightings (cyber/indicator, cyber/sighting) and GNSS interference areas\n"
    "(cyber/interference), placed through the asset inventory.\n"
    "\n"
    "options:\n"
    CLI_PUB_HELP
    "  --eve FILE                Suricata eve.json (JSON Lines; - is stdin)\n"
    "  --follow                  keep reading FILE as it grows, across rotation\n"
    "                            and truncation, until SIGINT/SIGTERM\n"
    "  --state FILE              where --follow keeps its offset\n"
    "                            (default: the EVE file's name + .tcop-follow)\n"
    "  --stix FILE|DIR           STIX 2.1 bundle, or every *.json in DIR\n"
    "  --interference FILE       GNSS interference reports (JSON Lines)\n"
    "  --assets FILE             asset inventory (assets.json)\n"
    "  --src NAME                src of every event (default: suricata-HOST,\n"
    "                            stix, gnss-reports)\n"
    "  -q, --quiet               no per-line error messages, only the summary\n"
    "  -h, --help                this help\n"
    "\n"
    "exit status: 0 ok, 1 an input could not be read or it could not listen,\n"
    "2 usage. Bad lines and unresolved STIX references are reported, counted\n"
    "and skipped.\n";

enum { OPT_EVE = OPT_FIRST_FREE, OPT_FOLLOW, OPT_STATE, OPT_STIX, OPT_INTF,
	OPT_ASSETS, OPT_SRC };

#define MAX_INPUTS 64

struct feed_opts {
	const char *eve, *state, *assets;
	bool follow;
	const char *stix[MAX_INPUTS], *intf[MAX_INPUTS];
	int nstix, nintf;
};

static int64_t
pub_seq(void *arg, const char *src)
{
	return pub_next_seq(arg, src);
}

static tcop_err
pub_emit(void *arg, const char *topic, const char *json, size_t len,
    const tcop_event *ev)
{
	return pub_send(arg, topic, json, len, ev);
}

/* Tail the EVE file until stopped. */
static int
follow_eve(struct cyber_ctx *c, const struct feed_opts *fo, pub *p)
{
	char state[1100];
	struct follow f;
	const char *line;
	size_t len;
	uint64_t lineno, since_commit = 0;
	tcop_err rv;

	if (fo->state != NULL)
		snprintf(state, sizeof state, "%s", fo->state);
	else
		snprintf(state, sizeof state, "%s.tcop-follow", fo->eve);
	rv = follow_open(&f, fo->eve, state);
	if (rv != TCOP_OK && rv != TCOP_EFORMAT) {
		tcop_log("feed cyber: %s: cannot follow (%s)", fo->eve,
		    tcop_strerror(rv));
		follow_close(&f);
		return CLI_FAIL;
	}
	while (!cli_stop) {
		rv = follow_next(&f, &line, &len, &lineno);
		if (rv == TCOP_OK) {
			cyber_eve_line(c, fo->eve, lineno, line, len);
			if (++since_commit >= 256) {
				follow_commit(&f);
				since_commit = 0;
				pub_tick(p);
			}
			continue;
		}
		if (since_commit > 0) {
			follow_commit(&f);
			since_commit = 0;
		}
		if (rv == TCOP_ESYS)
			break;
		pub_tick(p);
		cli_nap(50);
	}
	follow_commit(&f);
	if (f.rotations || f.truncations)
		tcop_log("feed cyber: %s: followed across %llu rotations, %llu "
		    "truncations", fo->eve, (unsigned long long)f.rotations,
		    (unsigned long long)f.truncations);
	follow_close(&f);
	return rv == TCOP_ESYS ? CLI_FAIL : CLI_OK;
}

static int
parse(int argc, char **argv, struct feed_opts *fo, struct cli_pub *cp,
    struct cyber_ctx *c)
{
	static const struct option longopts[] = {
		CLI_PUB_LONGOPTS,
		{ "eve", required_argument, NULL, OPT_EVE },
		{ "follow", no_argument, NULL, OPT_FOLLOW },
		{ "state", required_argument, NULL, OPT_STATE },
		{ "stix", required_argument, NULL, OPT_STIX },
		{ "interference", required_argument, NULL, OPT_INTF },
		{ "assets", required_argument, NULL, OPT_ASSETS },
		{ "src", required_argument, NULL, OPT_SRC },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "feed cyber";
	int ch;

	optind = 1;
	while ((ch = cli_pub_getopt(cmd, cp, argc, argv, longopts)) != -1) {
		switch (ch) {
		case CLI_PUB_BAD:
			return CLI_USAGE;
		case OPT_EVE: fo->eve = optarg; break;
		case OPT_FOLLOW: fo->follow = true; break;
		case OPT_STATE: fo->state = optarg; break;
		case OPT_ASSETS: fo->assets = optarg; break;
		case OPT_SRC: c->src = optarg; break;
		case 'q': c->quiet = true; break;
		case OPT_STIX:
		case OPT_INTF:
			if ((ch == OPT_STIX ? fo->nstix : fo->nintf) == MAX_INPUTS)
				return cli_usage(cmd, "at most %d of each input",
				    MAX_INPUTS);
			if (ch == OPT_STIX)
				fo->stix[fo->nstix++] = optarg;
			else
				fo->intf[fo->nintf++] = optarg;
			break;
		case 'h': fputs(help, stdout); return -1;
		default: return cli_usage(cmd, "unknown option");
		}
	}
	if (optind != argc)
		return cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
	if (fo->eve == NULL && fo->nstix == 0 && fo->nintf == 0)
		return cli_usage(cmd, "nothing to publish: give --eve, --stix or "
		    "--interference");
	if (fo->follow && (fo->eve == NULL || strcmp(fo->eve, "-") == 0))
		return cli_usage(cmd, "--follow wants --eve FILE (not stdin)");
	if (c->src != NULL && (c->src[0] == '\0' ||
	    strlen(c->src) >= TCOP_SRC_MAX))
		return cli_usage(cmd, "--src must be 1..63 characters");
	return CLI_OK;
}

int
feed_cyber(int argc, char **argv)
{
	struct feed_opts fo;
	struct cli_pub cp;
	struct cyber_ctx c;
	assets *as = NULL;
	pub *p = NULL;
	char err[512];
	int rc, i;

	memset(&fo, 0, sizeof fo);
	memset(&c, 0, sizeof c);
	cli_pub_init(&cp);
	if ((rc = parse(argc, argv, &fo, &cp, &c)) != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (fo.assets != NULL &&
	    assets_load(&as, fo.assets, err, sizeof err) != TCOP_OK) {
		tcop_log("feed cyber: %s", err);
		return CLI_FAIL;
	}
	c.eve.assets = c.stix.assets = as;
	c.eve.src = c.stix.src = c.src;
	cli_signals();
	if ((rc = cli_pub_start("feed cyber", &cp, &p)) != CLI_OK) {
		assets_destroy(as);
		return rc;
	}
	c.sink.next_seq = pub_seq;
	c.sink.emit = pub_emit;
	c.sink.arg = p;
	for (i = 0; i < fo.nstix && !cli_stop; i++)
		if (cyber_stix_path(&c, fo.stix[i]) != TCOP_OK)
			rc = CLI_FAIL;
	for (i = 0; i < fo.nintf && !cli_stop; i++)
		if (cyber_lines_file(&c, fo.intf[i], cyber_intf_line) != TCOP_OK)
			rc = CLI_FAIL;
	pub_tick(p);
	if (fo.eve != NULL && !cli_stop) {
		if (fo.follow) {
			if (follow_eve(&c, &fo, p) != CLI_OK)
				rc = CLI_FAIL;
		} else if (cyber_lines_file(&c, fo.eve, cyber_eve_line) !=
		    TCOP_OK) {
			rc = CLI_FAIL;
		}
	}
	pub_tick(p);
	cyber_summary(&c, "feed cyber");
	if (c.n.emit_failed > 0)
		tcop_log("feed cyber: %llu messages could not be sent",
		    (unsigned long long)c.n.emit_failed);
	cli_pub_finish(&cp, p);
	assets_destroy(as);
	return rc;
}
