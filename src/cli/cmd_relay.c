/*
 * cmd_relay.c: `tcop relay --feed URL... --listen URL [--releasable-to
 * CC[,CC]] [--max-cls X]`: subscribe to feeds, validate every message, and
 * publish what passes the filter again (feed/relay.h has the rules). A
 * relay is a publisher like any other, so --wait-subscribers, --linger and
 * the TLS options work as for `tcop feed`; the feed side takes the same
 * --cert/--key/--ca for tls+tcp:// upstreams (--feed-cert, --feed-key and
 * --feed-ca when the two sides need different files). Counts are printed
 * on exit and on SIGUSR1.
 *
 * --ingest URL listens for publishers instead (viewers' `--annotate`):
 * their picture/ and cyber/interference messages (relay_ingest_admits())
 * go out on --listen with the same filter. A
 * tls+tcp:// ingest uses the --cert/--key/--ca of --listen and always
 * demands a client certificate signed by --ca: only certificate holders
 * publish annotations.
 */
#include <getopt.h>
#include <string.h>

#include <nng/nng.h>

#include "cli/cli_pub.h"
#include "feed/relay.h"

static const char help[] =
    "usage: tcop relay --feed URL... --listen URL [OPTIONS]\n"
    "       tcop relay [--feed URL]... --ingest URL... --listen URL [OPTIONS]\n"
    "\n"
    "Forward tcop/1 feeds: subscribe to every --feed, validate each\n"
    "message, and publish it again on --listen, bytes, src and seq unchanged.\n"
    "With a filter, only marked events at or below --max-cls and releasable\n"
    "to every --releasable-to country pass (fail-closed: unmarked and\n"
    "malformed events are dropped and counted).\n"
    "\n"
    "options:\n"
    "  --feed URL                subscribe to URL (repeat for more feeds)\n"
    "  --topic PREFIX            only topics starting with PREFIX\n"
    "  --releasable-to CC[,CC]   ISO 3166 alpha-3 codes or tetragraphs (FVEY)\n"
    "  --max-cls X               U, CUI, C, S or TS\n"
    "  --ingest URL              listen here for publishers of picture/* and\n"
    "                            cyber/interference (viewers' --annotate;\n"
    "                            other topics are dropped); forwarded on --listen\n"
    "                            with the same filter; over tls+tcp:// only\n"
    "                            holders of a client certificate signed by\n"
    "                            --ca may publish (repeatable)\n"
    CLI_PUB_HELP
    "                            (--cert/--key/--ca serve the feeds too)\n"
    "  --feed-cert FILE --feed-key FILE --feed-ca FILE\n"
    "                            TLS for tls+tcp:// feeds, if not the above\n"
    "  --duration S              stop after S seconds\n"
    "  -q, --quiet               no per-message error lines\n"
    "  -h, --help                this help\n"
    "\n"
    "Counts (received, forwarded, dropped by reason, upstream lost) are\n"
    "printed on exit and on SIGUSR1. SIGINT, SIGTERM and SIGHUP stop it.\n"
    "exit status: 0 ok, 1 runtime failure, 2 usage.\n";

enum { OPT_FEED = OPT_FIRST_FREE, OPT_TOPIC, OPT_REL, OPT_MAXCLS,
	OPT_FCERT, OPT_FKEY, OPT_FCA, OPT_DURATION, OPT_INGEST };

/* Append url to list[*n] if it parses and there is room; false after a
 * usage message. */
static bool
add_url(const char *cmd, const char *opt, const char *what, const char **list,
    int *n, const char *url)
{
	nng_url *u;

	if (*n == RELAY_FEEDS_MAX) {
		cli_usage(cmd, "at most %d %s", RELAY_FEEDS_MAX, what);
		return false;
	}
	if (nng_url_parse(&u, url) != 0) {
		cli_usage(cmd, "%s wants an nng URL, not '%s'", opt, url);
		return false;
	}
	nng_url_free(u);
	list[(*n)++] = url;
	return true;
}

int
cmd_relay(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_PUB_LONGOPTS,
		{ "feed", required_argument, NULL, OPT_FEED },
		{ "topic", required_argument, NULL, OPT_TOPIC },
		{ "releasable-to", required_argument, NULL, OPT_REL },
		{ "max-cls", required_argument, NULL, OPT_MAXCLS },
		{ "feed-cert", required_argument, NULL, OPT_FCERT },
		{ "feed-key", required_argument, NULL, OPT_FKEY },
		{ "feed-ca", required_argument, NULL, OPT_FCA },
		{ "duration", required_argument, NULL, OPT_DURATION },
		{ "ingest", required_argument, NULL, OPT_INGEST },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "relay";
	static struct relay_opts o;
	struct cli_pub cp;
	bool feed_tls = false;
	tcop_ms duration = 0;
	relay *r = NULL;
	int c, rc;

	memset(&o, 0, sizeof o);
	relay_filter_init(&o.filter);
	cli_pub_init(&cp);
	optind = 1;
	while ((c = cli_pub_getopt(cmd, &cp, argc, argv, longopts)) != -1) {
		switch (c) {
		case CLI_PUB_BAD:
			return CLI_USAGE;
		case OPT_FEED:
			if (!add_url(cmd, "--feed", "feeds", o.feeds, &o.nfeeds,
			    optarg))
				return CLI_USAGE;
			break;
		case OPT_INGEST:
			if (!add_url(cmd, "--ingest", "ingest URLs", o.ingest,
			    &o.ningest, optarg))
				return CLI_USAGE;
			break;
		case OPT_TOPIC: o.prefix = optarg; break;
		case OPT_REL:
			if (relay_filter_rel(&o.filter, optarg) != TCOP_OK)
				return cli_usage(cmd, "--releasable-to wants upper-case "
				    "trigraphs or tetragraphs, comma-separated (at most "
				    "%d), not '%s'", TCOP_REL_MAX, optarg);
			break;
		case OPT_MAXCLS:
			if (relay_filter_cls(&o.filter, optarg) != TCOP_OK)
				return cli_usage(cmd, "--max-cls wants U, CUI, C, S or "
				    "TS, not '%s'", optarg);
			break;
		case OPT_FCERT: o.tls.cert = optarg; feed_tls = true; break;
		case OPT_FKEY: o.tls.key = optarg; feed_tls = true; break;
		case OPT_FCA: o.tls.ca = optarg; feed_tls = true; break;
		case OPT_DURATION:
			if (tcop_duration_parse(optarg, &duration) != TCOP_OK ||
			    duration <= 0)
				return cli_usage(cmd, "--duration wants seconds, not "
				    "'%s'", optarg);
			break;
		case 'q': tcop_log_set_quiet(true); break;
		case 'h':
			fputs(help, stdout);
			return CLI_OK;
		default:
			return cli_usage(cmd, "unknown option");
		}
	}
	if (optind != argc)
		return cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
	if ((o.nfeeds == 0 && o.ningest == 0) || cp.o.url == NULL)
		return cli_usage(cmd, "--listen URL and a --feed URL or an "
		    "--ingest URL are required");
	for (int i = 0; i < o.ningest; i++)
		if (net_is_tls(o.ingest[i]) && (cp.o.cert == NULL ||
		    cp.o.ca == NULL))
			return cli_usage(cmd, "--ingest %s: a TLS ingest needs "
			    "--cert, --key and --ca (the CA of the publishers' "
			    "client certificates)", o.ingest[i]);
	o.ingest_tls = (struct net_tls){ .cert = cp.o.cert, .key = cp.o.key,
		.ca = cp.o.ca, .require_client_cert = true };
	if (!feed_tls) {
		o.tls.cert = cp.o.cert;
		o.tls.key = cp.o.key;
		o.tls.ca = cp.o.ca;
	}
	o.pub = cp.o;
	cli_signals();
	if (relay_create(&r, &o) != TCOP_OK) {
		fprintf(stderr, "tcop relay: cannot start (see above)\n");
		return CLI_FAIL;
	}
	if (cp.wait_subs > 0) {
		fprintf(stderr, "tcop relay: waiting for %ld subscriber%s on %s\n",
		    cp.wait_subs, cp.wait_subs == 1 ? "" : "s", cp.o.url);
		while (!cli_stop && pub_wait_subscribers(relay_pub(r),
		    (int)cp.wait_subs, 200) != TCOP_OK)
			;
		pub_tick(relay_pub(r));
	}
	/* the feeds only now: upstream waits for the whole tree below */
	if (!cli_stop && relay_connect(r) != TCOP_OK) {
		fprintf(stderr, "tcop relay: cannot subscribe (see above)\n");
		relay_destroy(r, 0);
		return CLI_FAIL;
	}
	tcop_ms end = duration > 0 ? tcop_mono_ms() + duration : INT64_MAX;
	while (!cli_stop && tcop_mono_ms() < end) {
		if (cli_report) {
			cli_report = 0;
			relay_report(r, stderr);
		}
		relay_step(r, 100);
	}
	relay_report(r, stderr);
	rc = CLI_OK;
	relay_destroy(r, cli_stop ? 0 : cp.linger);
	return rc;
}
