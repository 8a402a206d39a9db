/*
 * cli_pub.c: shared publisher options, signal handling, pacing and
 * sleeping (cli_pub.h).
 */
#include <string.h>
#include <time.h>

#include "cli/cli_pub.h"

volatile sig_atomic_t cli_stop;
volatile sig_atomic_t cli_report;

static void
on_stop(int sig)
{
	(void)sig;
	cli_stop = 1;
}

static void
on_report(int sig)
{
	(void)sig;
	cli_report = 1;
}

void
cli_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_report;
	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

void
cli_pub_init(struct cli_pub *p)
{
	memset(p, 0, sizeof *p);
	p->linger = 1000;
}

int
cli_pub_option(const char *cmd, struct cli_pub *p, int c, const char *arg)
{
	tcop_ms ms;

	switch (c) {
	case OPT_LISTEN:
		p->o.url = arg;
		return 1;
	case OPT_WAIT_SUBS:
		if (!cli_parse_long(arg, 0, 100000, &p->wait_subs)) {
			cli_usage(cmd, "--wait-subscribers wants a count, not '%s'", arg);
			return -1;
		}
		return 1;
	case OPT_LINGER:
		if (tcop_duration_parse(arg, &ms) != TCOP_OK) {
			cli_usage(cmd, "--linger wants seconds, not '%s'", arg);
			return -1;
		}
		p->linger = ms;
		return 1;
	case OPT_CERT:
		p->o.cert = arg;
		return 1;
	case OPT_KEY:
		p->o.key = arg;
		return 1;
	case OPT_CA:
		p->o.ca = arg;
		return 1;
	case OPT_REQ_CERT:
		p->o.require_client_cert = true;
		return 1;
	default:
		return 0;
	}
}

int
cli_pub_getopt(const char *cmd, struct cli_pub *p, int argc, char **argv,
    const struct option *longopts)
{
	int c, k;

	while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		if ((k = cli_pub_option(cmd, p, c, optarg)) < 0)
			return CLI_PUB_BAD;
		if (k == 0)
			return c;
	}
	return -1;
}

int
cli_pub_start(const char *cmd, struct cli_pub *p, pub **out)
{
	tcop_err rv;

	if (p->o.url == NULL)
		return cli_usage(cmd, "--listen URL is required");
	if (pub_open(out, &p->o) != TCOP_OK) {
		fprintf(stderr, "tcop %s: cannot listen on %s\n", cmd, p->o.url);
		return CLI_FAIL;
	}
	if (p->wait_subs > 0) {
		fprintf(stderr, "tcop %s: waiting for %ld subscriber%s on %s\n",
		    cmd, p->wait_subs, p->wait_subs == 1 ? "" : "s", p->o.url);
		for (;;) {
			rv = pub_wait_subscribers(*out, (int)p->wait_subs, 200);
			if (rv == TCOP_OK)
				break;
			if (cli_stop) {
				pub_close(*out, 0);
				*out = NULL;
				return CLI_FAIL;
			}
		}
		pub_tick(*out); /* take note of the joiners now, cache empty */
	}
	return CLI_OK;
}

void
cli_pub_finish(struct cli_pub *p, pub *pb)
{
	pub_close(pb, cli_stop ? 0 : p->linger);
}

void
cli_nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

void
cli_sleep_until(tcop_ms due)
{
	for (;;) {
		tcop_ms now = tcop_mono_ms();
		if (due <= now || cli_stop)
			return;
		cli_nap(due - now > 100 ? 100 : (long)(due - now));
	}
}

void
cli_pace(long rate, uint64_t n, tcop_ms start)
{
	tcop_ms due, now;

	if (rate <= 0)
		return;
	due = start + (tcop_ms)((double)n * 1000.0 / (double)rate);
	now = tcop_mono_ms();
	if (due > now)
		cli_nap((long)(due - now));
}
