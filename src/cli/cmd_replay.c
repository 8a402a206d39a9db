/*
 * cmd_replay.c: `tcop replay --listen URL CAPTURE [--speed N|max] [--from T]
 * [--to T] [--loop]`: publish a capture again, paced by its RX_TIME (scaled
 * by --speed; `max` does not wait). Lines are validated as a subscriber
 * would; malformed ones (garbage, a truncated last line) are reported as
 * CAPTURE:LINE and the reason, counted and skipped. Messages go out as they
 * were recorded: their src and seq are the original ones, so a subscriber
 * sees the capture's own gaps and nothing more.
 */
#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <time.h>

#include "cli/cli_pub.h"
#include "feed/capture.h"

static const char help[] =
    "usage: tcop replay --listen URL [OPTIONS] CAPTURE\n"
    "\n"
    "Publish a capture again, paced by its receive times.\n"
    "\n"
    "options:\n"
    CLI_PUB_HELP
    "  --speed N|max      N times real time (default 1); max: as fast as\n"
    "                     --max-rate allows\n"
    "  --max-rate N       never more than N messages/s (default 50000 with\n"
    "                     --speed max, else none; 0: no cap). PUB/SUB has no\n"
    "                     flow control: a subscriber slower than this loses\n"
    "                     messages (and counts them)\n"
    "  --from T, --to T   only lines received in [T, T] (RFC 3339 UTC)\n"
    "  --loop             start again at the end, until stopped\n"
    "  -q, --quiet        no per-line error messages\n"
    "  -h, --help         this help\n"
    "\n"
    "exit status: 0 ok, 1 the capture could not be read or had bad lines,\n"
    "2 usage.\n";

int
cmd_replay(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_PUB_LONGOPTS,
		{ "speed", required_argument, NULL, 's' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "loop", no_argument, NULL, 'l' },
		{ "max-rate", required_argument, NULL, 'r' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "replay", *path;
	struct cli_pub cp;
	double speed = 1;
	bool maxspeed = false, loop = false, quiet = false;
	long max_rate = -1;
	tcop_ms from = INT64_MIN, to = INT64_MAX;
	int c, rc;
	pub *p = NULL;
	capture_reader *r = NULL;
	uint64_t sent = 0, bad = 0;
	static tcop_event ev;

	cli_pub_init(&cp);
	optind = 1;
	while ((c = cli_pub_getopt(cmd, &cp, argc, argv, longopts)) != -1) {
		switch (c) {
		case CLI_PUB_BAD:
			return CLI_USAGE;
		case 's':
			if (strcmp(optarg, "max") == 0)
				maxspeed = true;
			else if (!cli_parse_double(optarg, &speed) || speed <= 0)
				return cli_usage(cmd, "--speed wants a factor > 0 or "
				    "'max', not '%s'", optarg);
			break;
		case 'f':
		case 't':
			if (tcop_time_parse(optarg, strlen(optarg),
			    c == 'f' ? &from : &to) != TCOP_OK)
				return cli_usage(cmd, "--%s wants an RFC 3339 UTC time, "
				    "not '%s'", c == 'f' ? "from" : "to", optarg);
			break;
		case 'l': loop = true; break;
		case 'r':
			if (!cli_parse_long(optarg, 0, 100000000, &max_rate))
				return cli_usage(cmd, "--max-rate wants messages/s, not "
				    "'%s'", optarg);
			break;
		case 'q': quiet = true; break;
		case 'h':
			fputs(help, stdout);
			return CLI_OK;
		default:
			return cli_usage(cmd, "unknown option");
		}
	}
	if (optind != argc - 1)
		return cli_usage(cmd, "wants one CAPTURE");
	/*
	 * The default cap is the rate the bus bench delivers with nothing
	 * lost (50k msg/s over tcp and ipc on 2 cores); nng's ipc transport
	 * tops out near 100k msg/s flat out here, so a cap at that level
	 * lost 3-20% of a replay into one recorder.
	 */
	if (max_rate < 0)
		max_rate = maxspeed ? 50000 : 0;
	path = argv[optind];
	if (capture_open(&r, path) != TCOP_OK) {
		fprintf(stderr, "tcop replay: %s: %s\n", path, strerror(errno));
		return CLI_FAIL;
	}
	cli_signals();
	if ((rc = cli_pub_start(cmd, &cp, &p)) != CLI_OK) {
		capture_close(r);
		return rc;
	}

	do {
		tcop_ms base = TCOP_MS_NONE, start = 0;
		uint64_t n = 0;
		struct capture_line l;
		tcop_err e;

		while (!cli_stop && (e = capture_next(r, &l)) != TCOP_EOF) {
			if (e == TCOP_OK)
				e = tcop_event_decode(l.msg, l.msg_len, &ev);
			if (e != TCOP_OK) {
				bad++;
				if (!quiet)
					fprintf(stderr, "%s:%ld: %s\n", path, l.lineno,
					    e == TCOP_ECAPTURE ? l.why : tcop_strerror(e));
				continue;
			}
			if (l.rx < from)
				continue;
			if (l.rx > to)
				break;
			if (base == TCOP_MS_NONE) {
				base = l.rx;
				start = tcop_mono_ms();
			}
			if (!maxspeed)
				cli_sleep_until(start + (tcop_ms)((double)(l.rx - base) / speed));
			if (max_rate > 0 && (++n & 63) == 0)
				cli_sleep_until(start + (tcop_ms)((double)n * 1000.0 /
				    (double)max_rate));
			char topic[TCOP_TOPIC_MAX];
			memcpy(topic, l.msg, l.topic_len);
			topic[l.topic_len] = '\0';
			if (pub_send(p, topic, l.msg + l.topic_len + 1,
			    l.msg_len - l.topic_len - 1, &ev) == TCOP_OK)
				sent++;
			if ((sent & 255) == 0)
				pub_tick(p);
		}
	} while (loop && !cli_stop && capture_rewind(r) == TCOP_OK);
	capture_close(r);
	fprintf(stderr, "tcop replay: %s: %llu sent, %llu bad lines skipped\n",
	    path, (unsigned long long)sent, (unsigned long long)bad);
	cli_pub_finish(&cp, p);
	return bad > 0 ? CLI_FAIL : CLI_OK;
}
