/*
 * cmd_record.c: `tcop record --feed URL... --out CAPTURE [--count N]
 * [--idle S]`: subscribe to feeds and write what arrives as a capture
 * (feed/capture.h), whole lines only, so a killed recorder leaves a valid
 * file. Messages are validated as the viewer would: rejected ones are
 * counted by reason and not recorded (they could not be replayed), and
 * gaps in each src's seq are counted as lost. Counts are printed on exit
 * and on SIGUSR1. Feeds that go away are redialled by nng, for ever.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <string.h>

#include "cli/cli_pub.h"
#include "feed/bus.h"
#include "feed/capture.h"

static const char help[] =
    "usage: tcop record --feed URL... --out CAPTURE [OPTIONS]\n"
    "\n"
    "Record tcop/1 feeds into CAPTURE, one message a line:\n"
    "  RX_TIME TOPIC JSON   (RX_TIME: RFC 3339 UTC with milliseconds)\n"
    "Lines are written whole: a killed recorder leaves a valid capture.\n"
    "\n"
    "options:\n"
    "  --feed URL         subscribe to URL (repeat for more feeds)\n"
    "  --topic PREFIX     only topics starting with PREFIX (default: all)\n"
    "  --out CAPTURE      the capture file ('-' is stdout)\n"
    "  --append           append to CAPTURE instead of replacing it\n"
    "  --count N          stop after recording N messages\n"
    "  --idle S           stop after S seconds without a message\n"
    "  --ca FILE, --cert FILE, --key FILE   TLS for tls+tcp:// feeds\n"
    "  -q, --quiet        no per-message error lines\n"
    "  -h, --help         this help\n"
    "\n"
    "Counts (received, recorded, lost, rejected by reason) are printed on\n"
    "exit and on SIGUSR1. SIGINT, SIGTERM and SIGHUP stop it cleanly.\n"
    "exit status: 0 ok, 1 the capture could not be written, 2 usage.\n";

#define FEEDS_MAX 64

static void
report(feedbus *b, capture_writer *w, FILE *f)
{
	struct feed_health t;
	tcop_ms now = tcop_mono_ms();

	for (int i = 0; i < feedbus_count(b); i++)
		(void)feedbus_health(b, i, now);
	feedbus_totals(b, &t);
	fprintf(f, "tcop record: received %llu, recorded %llu, lost %llu, "
	    "rejected %llu, unknown topics %llu, resets %llu, resent %llu",
	    (unsigned long long)t.received,
	    (unsigned long long)(capture_written(w)),
	    (unsigned long long)t.lost, (unsigned long long)t.rejected,
	    (unsigned long long)t.unknown, (unsigned long long)t.resets,
	    (unsigned long long)t.resent);
	for (int r = 0; r < TCOP_NERR; r++)
		if (t.rejected_by[r] > 0)
			fprintf(f, ", %s %llu", tcop_err_name((tcop_err)r),
			    (unsigned long long)t.rejected_by[r]);
	if (t.overflow > 0)
		fprintf(f, ", fell behind by more than the queue %llu",
		    (unsigned long long)t.overflow);
	if (capture_dropped(w) > 0)
		fprintf(f, ", NOT WRITTEN %llu",
		    (unsigned long long)capture_dropped(w));
	fprintf(f, "\n");
	for (int i = 0; i < feedbus_count(b); i++) {
		const struct feed_health *h = feedbus_health(b, i, now);
		fprintf(f, "tcop record:   %s: %s, received %llu, lost %llu, "
		    "rejected %llu, reconnects %d\n", h->url,
		    h->connected ? "connected" : "not connected",
		    (unsigned long long)h->received, (unsigned long long)h->lost,
		    (unsigned long long)h->rejected, h->reconnects);
	}
	fflush(f);
}

int
cmd_record(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "feed", required_argument, NULL, 'f' },
		{ "topic", required_argument, NULL, 't' },
		{ "out", required_argument, NULL, 'o' },
		{ "append", no_argument, NULL, 'a' },
		{ "count", required_argument, NULL, 'n' },
		{ "idle", required_argument, NULL, 'i' },
		{ "cert", required_argument, NULL, OPT_CERT },
		{ "key", required_argument, NULL, OPT_KEY },
		{ "ca", required_argument, NULL, OPT_CA },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "record", *feeds[FEEDS_MAX], *out = NULL;
	const char *topic = "";
	struct net_tls tls = { 0 };
	int nfeeds = 0, c, rc = CLI_OK;
	long count = 0;
	tcop_ms idle = 0;
	bool append = false;
	feedbus *b = NULL;
	capture_writer *w = NULL;

	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (nfeeds == FEEDS_MAX)
				return cli_usage(cmd, "at most %d feeds", FEEDS_MAX);
			feeds[nfeeds++] = optarg;
			break;
		case 't': topic = optarg; break;
		case 'o': out = optarg; break;
		case 'a': append = true; break;
		case 'n':
			if (!cli_parse_long(optarg, 1, INT64_MAX >> 1, &count))
				return cli_usage(cmd, "--count wants a number, not '%s'",
				    optarg);
			break;
		case 'i':
			if (tcop_duration_parse(optarg, &idle) != TCOP_OK || idle <= 0)
				return cli_usage(cmd, "--idle wants seconds, not '%s'",
				    optarg);
			break;
		case OPT_CERT: tls.cert = optarg; break;
		case OPT_KEY: tls.key = optarg; break;
		case OPT_CA: tls.ca = optarg; break;
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
	if (nfeeds == 0 || out == NULL)
		return cli_usage(cmd, "--feed URL and --out CAPTURE are required");
	if (capture_create(&w, out, append) != TCOP_OK) {
		fprintf(stderr, "tcop record: %s: %s\n", out, strerror(errno));
		return CLI_FAIL;
	}
	if (feedbus_create(&b) != TCOP_OK)
		goto fail;
	for (int i = 0; i < nfeeds; i++)
		if (feedbus_add(b, feeds[i], topic, &tls) != TCOP_OK)
			goto fail;
	cli_signals();
	/* A file size limit (RLIMIT_FSIZE) must end in a clear error and a
	 * capture cut at its last whole line, not in a core dump: with
	 * SIGXFSZ ignored, write() fails with EFBIG like a full disk. */
	signal(SIGXFSZ, SIG_IGN);

	tcop_ms last = tcop_mono_ms();
	uint64_t recorded = 0;
	static tcop_event ev;
	while (!cli_stop) {
		struct pollfd fds[FEEDS_MAX];
		struct feed_msg m;
		int n = feedbus_pollfds(b, fds, FEEDS_MAX);
		bool got = false;

		if (cli_report) {
			cli_report = 0;
			report(b, w, stderr);
		}
		poll(fds, (nfds_t)n, 100);
		while (feedbus_recv(b, &m) == TCOP_OK) {
			got = true;
			if (feedbus_decode(b, &m, &ev) != TCOP_OK)
				continue;
			if (capture_put(w, m.rx, m.data, m.len) != TCOP_OK)
				break;
			recorded++;
			if (count > 0 && recorded >= (uint64_t)count)
				break;
			if (capture_buffered(w) > 128 * 1024)
				break;
		}
		if (capture_flush(w) != TCOP_OK) {
			fprintf(stderr, "tcop record: %s: %s (the capture ends at "
			    "its last whole line)\n", out, strerror(errno));
			rc = CLI_FAIL;
			break;
		}
		tcop_ms now = tcop_mono_ms();
		if (got)
			last = now;
		if (count > 0 && recorded >= (uint64_t)count)
			break;
		if (idle > 0 && now - last >= idle)
			break;
	}
	report(b, w, stderr);
	if (capture_close_writer(w) != TCOP_OK && rc == CLI_OK) {
		fprintf(stderr, "tcop record: %s: %s\n", out, strerror(errno));
		rc = CLI_FAIL;
	}
	feedbus_destroy(b);
	return rc;
fail:
	capture_close_writer(w);
	feedbus_destroy(b);
	return CLI_FAIL;
}
