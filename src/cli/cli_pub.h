/*
 * cli_pub.h: the options and the life cycle every publishing subcommand
 * shares (`tcop feed *`, `tcop replay`, `tcop relay`, `tcop demo`):
 *
 *   --listen URL  --wait-subscribers N  --linger S
 *   --cert FILE  --key FILE  --ca FILE  --require-client-cert
 *
 * (read by cli_pub_getopt, which hands the command only its own options),
 * the signals that stop a long-running command cleanly (SIGINT, SIGTERM,
 * SIGHUP set cli_stop; SIGUSR1 sets cli_report), and the pacing and
 * sleeping those commands share.
 */
#ifndef TCOP_CLI_PUB_H
#define TCOP_CLI_PUB_H

#include <getopt.h>
#include <signal.h>

#include "cli/cli.h"
#include "feed/pub.h"

enum {
	OPT_LISTEN = 1000, OPT_WAIT_SUBS, OPT_LINGER, OPT_CERT, OPT_KEY, OPT_CA,
	OPT_REQ_CERT, OPT_FIRST_FREE
};

#define CLI_PUB_LONGOPTS                                               \
	{ "listen", required_argument, NULL, OPT_LISTEN },             \
	{ "wait-subscribers", required_argument, NULL, OPT_WAIT_SUBS }, \
	{ "linger", required_argument, NULL, OPT_LINGER },             \
	{ "cert", required_argument, NULL, OPT_CERT },                 \
	{ "key", required_argument, NULL, OPT_KEY },                   \
	{ "ca", required_argument, NULL, OPT_CA },                     \
	{ "require-client-cert", no_argument, NULL, OPT_REQ_CERT }

#define CLI_PUB_HELP                                                       \
	"  --listen URL              publish here (tcp://, ipc://, inproc://, tls+tcp://)\n" \
	"  --wait-subscribers N      start sending once N subscribers are connected\n" \
	"  --linger S                wait S seconds before exiting so the last\n" \
	"                            messages leave (default 1)\n"         \
	"  --cert FILE --key FILE    TLS certificate and key (PEM) for tls+tcp://\n" \
	"  --ca FILE                 CA (PEM) that client certificates must chain to\n" \
	"  --require-client-cert     refuse subscribers without a certificate\n"

struct cli_pub {
	struct pub_opts o;
	long wait_subs;
	tcop_ms linger;
};

extern volatile sig_atomic_t cli_stop;   /* SIGINT, SIGTERM, SIGHUP */
extern volatile sig_atomic_t cli_report; /* SIGUSR1 */

/* Install the handlers above (no SA_RESTART: blocking calls return). */
void cli_signals(void);

void cli_pub_init(struct cli_pub *p);
/* Handle option c if it is one of CLI_PUB_LONGOPTS: 1 handled, 0 not
 * ours, -1 bad value (usage message printed). */
int cli_pub_option(const char *cmd, struct cli_pub *p, int c, const char *arg);

/* What cli_pub_getopt returns for a bad value of one of its options. */
#define CLI_PUB_BAD (-2)

/*
 * getopt_long(argc, argv, "qh", longopts) with the CLI_PUB_LONGOPTS
 * options handled into p on the way: the next other option, -1 at the
 * end, or CLI_PUB_BAD (usage message printed: exit with CLI_USAGE). Set
 * optind = 1 before the first call, as for getopt_long.
 */
int cli_pub_getopt(const char *cmd, struct cli_pub *p, int argc, char **argv,
    const struct option *longopts);
/* Open the publisher and wait for --wait-subscribers. CLI_OK, or an exit
 * status after a message on stderr. */
int cli_pub_start(const char *cmd, struct cli_pub *p, pub **out);
/* Linger and close. */
void cli_pub_finish(struct cli_pub *p, pub *pb);

/* Sleep ms milliseconds (a signal cuts it short). */
void cli_nap(long ms);
/* Sleep until the monotonic clock reads due, in slices of at most 100 ms,
 * returning early once cli_stop is set. */
void cli_sleep_until(tcop_ms due);
/* Hold message n of a stream started at start (monotonic) to rate
 * messages a second: sleep until it is due. rate <= 0: no pacing. */
void cli_pace(long rate, uint64_t n, tcop_ms start);

#endif
