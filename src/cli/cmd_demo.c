/*
 * cmd_demo.c: `tcop demo`: the embedded scenario (demo/scenario.h) played
 * through the real feed bus. The generator feeds three in-process
 * publishers, one per domain (inproc://tcop-demo/maritime, .../space,
 * .../cyber), paced at --speed times scenario time (`max`: no pacing);
 * --record writes every message it sends as a capture whose RX_TIME is the
 * scenario time of sending, so a replay paces like the scenario and the
 * file is the same bytes for the same --seed at any speed.
 *
 * With a terminal, the viewer (`tcop view`, the same code) subscribes to
 * the three feeds and the scenario runs in a thread beside it
 * (demo_start_view() is the one call that starts it); quitting the viewer
 * stops the scenario. Without a terminal (or with --no-view) the scenario
 * runs alone, with a one-line progress on stderr when that is a terminal.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli_pub.h"
#include "demo/scenario.h"
#include "feed/capture.h"
#include "geo/map.h"
#include "geo/regions.h"

static const char help[] =
    "usage: tcop demo [--region NAME] [--speed N|max] [--seed N] [--record FILE]\n"
    "                 [--no-view --duration D] [--print-manifest]\n"
    "\n"
    "Play the embedded scenario of the region: a few hundred ships on the\n"
    "real lanes (class A and B, terrestrial and satellite AIS), the shipped\n"
    "satellite catalogue with SAR/RF passes detecting ships, cyber alerts on\n"
    "the sample asset inventory, and every incident rule of the correlation\n"
    "core staged each 30 minutes with new identities. The same --seed gives\n"
    "the same messages, byte for byte.\n"
    "\n"
    "options:\n"
    "  --region NAME       the viewer's first region (maps/regions.json; wpac)\n"
    "  --speed N|max       N times scenario time (default 1); max: no pacing\n"
    "  --seed N            scenario seed (default 1)\n"
    "  --record FILE       also write the scenario as a capture\n"
    "  --no-view           no viewer: publish (and record) only (also\n"
    "                      when there is no terminal)\n"
    "  --duration D        stop after D of scenario time (90s, 45m, 2h)\n"
    "  --start T           scenario start, RFC 3339 (default "
    DEMO_START_DEFAULT ")\n"
    "  --ships N           vessels under way (default 300)\n"
    "  --print-manifest    print what is staged, when (over --duration,\n"
    "                      default 30m), and exit\n"
    "  -q, --quiet         no progress line\n"
    "  -h, --help          this help\n"
    "\n"
    "Feeds: inproc://tcop-demo/maritime, inproc://tcop-demo/space and\n"
    "inproc://tcop-demo/cyber. The data (lanes.json, demo_sats.tle,\n"
    "assets.json) is read from the maps directory ($TCOP_MAPS, ./maps, or\n"
    "the installed one).\n"
    "exit status: 0 ok, 1 runtime failure, 2 usage.\n";

static const char *const feed_url[DEMO_NDOMAINS] = {
	"inproc://tcop-demo/maritime", "inproc://tcop-demo/space",
	"inproc://tcop-demo/cyber",
};

struct demo_run {
	double speed;          /* <= 0: max */
	tcop_ms duration;      /* scenario ms; <= 0: for ever */
	const char *record;
	const char *region;
	bool quiet;
	pub *pubs[DEMO_NDOMAINS];
	capture_writer *cap;
	demo *d;
	tcop_ms t0;
	int rc;                /* run()'s, from the scenario thread */
};

static void
progress(struct demo_run *r, tcop_ms t, bool last)
{
	char ts[32];
	uint64_t n[DEMO_NDOMAINS];
	tcop_ms el = t - r->t0;

	if (r->quiet && !last)
		return;
	for (int i = 0; i < DEMO_NDOMAINS; i++)
		n[i] = demo_count(r->d, i);
	tcop_time_format_s(t, ts, sizeof ts);
	fprintf(stderr, "%stcop demo: %s (+%02lld:%02lld:%02lld), maritime %llu, "
	    "space %llu, cyber %llu%s", isatty(2) && !last ? "\r" : "", ts,
	    (long long)(el / 3600000), (long long)(el / 60000 % 60),
	    (long long)(el / 1000 % 60), (unsigned long long)n[0],
	    (unsigned long long)n[1], (unsigned long long)n[2],
	    isatty(2) && !last ? "" : "\n");
	fflush(stderr);
}

static int
send_one(struct demo_run *r, const struct demo_msg *m)
{
	const char *sp = memchr(m->msg, ' ', m->len);
	char topic[TCOP_TOPIC_MAX];
	size_t tl;
	tcop_event ev;

	if (sp == NULL || (tl = (size_t)(sp - m->msg)) >= sizeof topic)
		return -1;
	memcpy(topic, m->msg, tl);
	topic[tl] = '\0';
	if (tcop_event_decode(m->msg, m->len, &ev) != TCOP_OK) {
		tcop_log("demo: generated an invalid message: %.80s", m->msg);
		return -1;
	}
	(void)pub_send(r->pubs[m->dom], topic, sp + 1, m->len - tl - 1, &ev);
	if (r->cap != NULL) {
		if (capture_put(r->cap, m->t, m->msg, m->len) != TCOP_OK)
			return -1;
		if (capture_buffered(r->cap) >= 1024 &&
		    capture_flush(r->cap) != TCOP_OK)
			return -1;
	}
	return 0;
}

/* The scenario loop: until --duration, a signal, or a write error. */
static int
run(struct demo_run *r)
{
	struct demo_msg m;
	tcop_ms wall0 = tcop_mono_ms(), tick = wall0, shown = 0;
	uint64_t n = 0;

	for (;;) {
		demo_next(r->d, &m);
		if ((r->duration > 0 && m.t >= r->t0 + r->duration) || cli_stop)
			break;
		if (r->speed > 0)
			cli_sleep_until(wall0 + (tcop_ms)((double)(m.t - r->t0) /
			    r->speed));
		if (send_one(r, &m) != 0) {
			fprintf(stderr, "tcop demo: %s: %s\n", r->record ?
			    r->record : "publish", strerror(errno));
			return CLI_FAIL;
		}
		if ((++n & 255) == 0 || r->speed > 0) {
			tcop_ms now = tcop_mono_ms();
			if (now - tick >= 100) {
				for (int i = 0; i < DEMO_NDOMAINS; i++)
					pub_tick(r->pubs[i]);
				tick = now;
			}
			if (now - shown >= 1000 && isatty(2)) {
				progress(r, m.t, false);
				shown = now;
			}
		}
	}
	progress(r, m.t < r->t0 + r->duration || r->duration <= 0 ? m.t :
	    r->t0 + r->duration, true);
	return CLI_OK;
}

/* ==== With the viewer ================================================== */

static void *
scenario_thread(void *arg)
{
	struct demo_run *r = arg;

	/* Give the viewer's dials a moment, so it sees the zones and the
	 * catalogue as they are sent (late joiners get them again anyway). */
	for (int i = 0; i < DEMO_NDOMAINS; i++)
		(void)pub_wait_subscribers(r->pubs[i], 1, 3000);
	r->rc = run(r);
	return NULL;
}

/*
 * The one call that starts the viewer on the demo's feeds, in this
 * process, with the scenario in a thread beside it; it returns when the
 * operator quits. TCOP_EUNSUPPORTED (nothing started) without a terminal.
 */
static tcop_err
demo_start_view(struct demo_run *r, const char *assets_path, int *rc)
{
	pthread_t th;
	char *argv[] = {
		"view", "--feed", (char *)feed_url[0], "--feed",
		(char *)feed_url[1], "--feed", (char *)feed_url[2], "--region",
		(char *)r->region, "--assets", (char *)assets_path, NULL,
	};

	if (!isatty(0) || !isatty(1))
		return TCOP_EUNSUPPORTED;
	r->quiet = true; /* nothing on stderr over the screen */
	if (pthread_create(&th, NULL, scenario_thread, r) != 0)
		return TCOP_ESYS;
	*rc = cmd_view((int)(sizeof argv / sizeof argv[0]) - 1, argv);
	cli_stop = 1;
	pthread_join(th, NULL);
	if (*rc == CLI_OK)
		*rc = r->rc;
	return TCOP_OK;
}

static int
parse_args(int argc, char **argv, struct demo_run *r, struct demo_opts *o,
    bool *no_view, bool *manifest)
{
	static const struct option longopts[] = {
		{ "region", required_argument, NULL, 'r' },
		{ "speed", required_argument, NULL, 's' },
		{ "seed", required_argument, NULL, 'S' },
		{ "record", required_argument, NULL, 'o' },
		{ "no-view", no_argument, NULL, 'n' },
		{ "duration", required_argument, NULL, 'd' },
		{ "start", required_argument, NULL, 't' },
		{ "ships", required_argument, NULL, 'N' },
		{ "print-manifest", no_argument, NULL, 'm' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "demo";
	long v;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': r->region = optarg; break;
		case 's':
			if (strcmp(optarg, "max") == 0)
				r->speed = 0;
			else if (!cli_parse_double(optarg, &r->speed) ||
			    r->speed <= 0 || r->speed > 1e6)
				return cli_usage(cmd, "--speed wants a factor > 0 or "
				    "max, not '%s'", optarg);
			break;
		case 'S':
			if (!cli_parse_long(optarg, 0, INT64_MAX >> 1, &v))
				return cli_usage(cmd, "--seed wants a number, not '%s'",
				    optarg);
			o->seed = (uint64_t)v;
			break;
		case 'o': r->record = optarg; break;
		case 'n': *no_view = true; break;
		case 'd':
			if (tcop_duration_parse(optarg, &r->duration) != TCOP_OK ||
			    r->duration <= 0)
				return cli_usage(cmd, "--duration wants a duration "
				    "(45m, 2h), not '%s'", optarg);
			break;
		case 't':
			if (tcop_time_parse(optarg, strlen(optarg), &o->start) !=
			    TCOP_OK)
				return cli_usage(cmd, "--start wants an RFC 3339 UTC "
				    "time, not '%s'", optarg);
			break;
		case 'N':
			if (!cli_parse_long(optarg, 10, 20000, &v))
				return cli_usage(cmd, "--ships wants 10..20000, not "
				    "'%s'", optarg);
			o->ships = (int)v;
			break;
		case 'm': *manifest = true; break;
		case 'q': r->quiet = true; break;
		case 'h':
			fputs(help, stdout);
			return -1;
		default:
			return cli_usage(cmd, "unknown option");
		}
	}
	if (optind != argc)
		return cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
	if (r->duration > 0 && !*no_view && !*manifest)
		return cli_usage(cmd, "--duration goes with --no-view");
	return CLI_OK;
}

static int
check_region(const char *dir, const char *name)
{
	struct regions rs;
	char path[1100], why[200];

	snprintf(path, sizeof path, "%s/regions.json", dir);
	if (regions_load(&rs, path, why, sizeof why) != TCOP_OK) {
		fprintf(stderr, "tcop demo: %s: %s\n", path, why);
		return CLI_FAIL;
	}
	if (regions_find(&rs, name) == NULL)
		return cli_usage("demo", "no region '%s' in %s", name, path);
	return CLI_OK;
}

static int
print_manifest(struct demo_run *r)
{
	struct demo_msg m;
	tcop_ms end = r->t0 + (r->duration > 0 ? r->duration : 30 * 60000);

	do
		demo_next(r->d, &m);
	while (m.t < end);
	demo_manifest(r->d, stdout);
	return CLI_OK;
}

static int
open_outputs(struct demo_run *r)
{
	for (int i = 0; i < DEMO_NDOMAINS; i++) {
		struct pub_opts po = { .url = feed_url[i] };
		if (pub_open(&r->pubs[i], &po) != TCOP_OK) {
			fprintf(stderr, "tcop demo: cannot publish on %s\n",
			    feed_url[i]);
			return CLI_FAIL;
		}
	}
	if (r->record != NULL && capture_create(&r->cap, r->record, false) !=
	    TCOP_OK) {
		fprintf(stderr, "tcop demo: %s: %s\n", r->record, strerror(errno));
		return CLI_FAIL;
	}
	return CLI_OK;
}

int
cmd_demo(int argc, char **argv)
{
	struct demo_run r = { .speed = 1, .region = "wpac" };
	struct demo_opts o = { .seed = 1 };
	struct demo_world w;
	bool no_view = false, manifest = false;
	char dir[1024], why[300];
	int rc;

	(void)tcop_time_parse(DEMO_START_DEFAULT, strlen(DEMO_START_DEFAULT),
	    &o.start);
	if ((rc = parse_args(argc, argv, &r, &o, &no_view, &manifest)) != 0)
		return rc < 0 ? CLI_OK : rc;
	if (map_find_dir(dir, sizeof dir) != TCOP_OK) {
		fprintf(stderr, "tcop demo: no maps directory ($TCOP_MAPS, ./maps, "
		    "or the installed one)\n");
		return CLI_FAIL;
	}
	if ((rc = check_region(dir, r.region)) != CLI_OK)
		return rc;
	if (demo_world_load(&w, dir, why, sizeof why) != TCOP_OK) {
		fprintf(stderr, "tcop demo: %s\n", why);
		return CLI_FAIL;
	}
	r.t0 = o.start;
	if (demo_create(&r.d, &w, &o) != TCOP_OK) {
		fprintf(stderr, "tcop demo: cannot build the scenario\n");
		demo_world_fini(&w);
		return CLI_FAIL;
	}
	if (manifest) {
		rc = print_manifest(&r);
		goto out;
	}
	cli_signals();
	if ((rc = open_outputs(&r)) != CLI_OK)
		goto out;
	if (!no_view) {
		char assets_path[1100];
		snprintf(assets_path, sizeof assets_path, "%s/assets.json", dir);
		if (demo_start_view(&r, assets_path, &rc) == TCOP_OK)
			goto out;
		fprintf(stderr, "tcop demo: no terminal for the viewer: running "
		    "without it (as --no-view) at --speed %g.\n"
		    "tcop demo: feeds: %s %s %s; Ctrl-C stops.\n", r.speed > 0 ?
		    r.speed : 1, feed_url[0], feed_url[1], feed_url[2]);
		if (r.speed <= 0)
			r.speed = 1;
	}
	rc = run(&r);
out:
	if (r.cap != NULL) {
		if (capture_close_writer(r.cap) != TCOP_OK && rc == CLI_OK) {
			fprintf(stderr, "tcop demo: %s: %s\n", r.record,
			    strerror(errno));
			rc = CLI_FAIL;
		}
	}
	for (int i = 0; i < DEMO_NDOMAINS; i++)
		if (r.pubs[i] != NULL)
			pub_close(r.pubs[i], 0);
	demo_destroy(r.d);
	demo_world_fini(&w);
	return rc;
}
