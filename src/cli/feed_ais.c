/*
 * feed_ais.c: `tcop feed ais --listen URL [FILE|-] [--udp HOST:PORT]
 * [--tcp HOST:PORT]`: AIS NMEA from a file or stdin, from datagrams a
 * receiver sends us (AIS-catcher, rtl-ais and most receivers can push
 * NMEA over UDP), or from a receiver's TCP server, published as tcop/1
 * maritime/track events.
 *
 * Each input has its own reader (reassembly state, counters, name for
 * error messages: FILE:LINE, udp:HOST:PORT:N, tcp:HOST:PORT:N); the static
 * data cache is shared, so every event of a vessel carries the name, call
 * sign, type and dimensions known so far. `t` is the sentence's own time
 * (tag block c:, or the receiver's time in the USCG trailer), else the
 * time the line arrived; `seq` counts per --src from 1.
 *
 * One thread, one poll() loop, 100 ms at most between pub_tick() calls.
 * A file alone ends the command when it is read; with --udp or --tcp the
 * command runs until a signal. A TCP connection that drops is dialled
 * again every 2 s. Limits: IPv4 and IPv6 addresses or names for HOST; no
 * TLS on the receiver side (receivers do not speak it).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <netdb.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "ais/reader.h"
#include "ais/statics.h"
#include "cli/cli_pub.h"

static const char help[] =
    "usage: tcop feed ais --listen URL [FILE|-] [--udp HOST:PORT] [--tcp HOST:PORT]\n"
    "                     [--src NAME] [--via terrestrial|satellite] [OPTIONS]\n"
    "\n"
    "Publish AIS NMEA 0183 (!AIVDM/!AIVDO) as tcop/1 maritime/track events.\n"
    "\n"
    "inputs (any together; at least one):\n"
    "  FILE|-                    a log file, or standard input\n"
    "  --udp HOST:PORT           receive datagrams on this local address\n"
    "  --tcp HOST:PORT           connect to a receiver's NMEA server\n"
    "\n"
    "options:\n"
    CLI_PUB_HELP
    "  --src NAME                src of the events (default: ais)\n"
    "  --via V                   terrestrial (default) or satellite AIS\n"
    "  --rate N                  at most N sentences per second from FILE\n"
    "  -q, --quiet               no per-line error messages, only the summary\n"
    "  -h, --help                this help\n"
    "\n"
    "Rejected sentences are reported as INPUT:LINE: reason and counted; the\n"
    "counts are printed at the end (and on SIGUSR1). Exit status: 0, 1 if an\n"
    "input could not be opened or the URL not listened on, 2 usage.\n";

#define LBUF 65536

struct input {
	const char *what;        /* "file", "udp", "tcp" */
	char name[300];
	int fd;
	bool stream;             /* lines may span reads */
	bool done;
	char addr[256];          /* HOST:PORT for tcp re-dials */
	tcop_ms redial;          /* mono time of the next dial, tcp */
	struct reader rd;
	uint64_t lineno;
	size_t n;
	char buf[LBUF];
};

struct feed {
	pub *p;
	struct statics st;
	struct ais_wire w;
	uint64_t sent, failed;
	long rate;
	uint64_t paced;
	tcop_ms start;
	struct input *in[3];
	int nin;
};

/* ---- publishing ------------------------------------------------------------ */

static void
publish(struct feed *f, const struct ais_payload *pl, const struct ais_msg *m,
    tcop_ms rx)
{
	static const char topic[] = "maritime/track";
	static tcop_event ev;
	char json[2048];
	size_t n;

	if (!ais_is_vessel(m))
		return; /* base stations and aids to navigation are not tracks */
	f->w.t = pl->t != TCOP_MS_NONE ? pl->t : rx;
	f->w.seq = pub_next_seq(f->p, f->w.src);
	n = ais_json_wire(m, statics_update(&f->st, m), &f->w, json, sizeof json);
	if (tcop_event_decode2(topic, sizeof topic - 1, json, n, &ev) != TCOP_OK ||
	    pub_send(f->p, topic, json, n, &ev) != TCOP_OK) {
		f->failed++;
		return;
	}
	f->sent++;
}

static void
line(struct feed *f, struct input *in, const char *s, size_t len)
{
	static struct ais_payload pl;
	struct ais_msg m;
	tcop_ms now = tcop_now_ms();

	if (in->fd == 0 || strcmp(in->what, "file") == 0)
		cli_pace(f->rate, ++f->paced, f->start);
	if (reader_line(&in->rd, s, len, ++in->lineno, now, &pl, &m) == TCOP_OK)
		publish(f, &pl, &m, now);
}

/* Hand the complete lines of in->buf to line(); keep the rest. */
static void
split(struct feed *f, struct input *in, bool all)
{
	char *p = in->buf, *end = in->buf + in->n, *nl;

	while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		line(f, in, p, (size_t)(nl - p));
		p = nl + 1;
	}
	if ((all || (p == in->buf && end == in->buf + LBUF)) && p < end) {
		line(f, in, p, (size_t)(end - p)); /* last, or over-long */
		p = end;
	}
	in->n = (size_t)(end - p);
	memmove(in->buf, p, in->n);
}

/* ---- inputs ------------------------------------------------------------------ */

static int
resolve(const char *hostport, int socktype, bool passive,
    struct addrinfo **res)
{
	char host[256];
	const char *colon = strrchr(hostport, ':');
	struct addrinfo hints;
	size_t hl;

	if (colon == NULL || colon == hostport || colon[1] == '\0' ||
	    (hl = (size_t)(colon - hostport)) >= sizeof host)
		return EAI_NONAME;
	memcpy(host, hostport, hl);
	host[hl] = '\0';
	if (host[0] == '[' && hl > 2 && host[hl - 1] == ']') {
		memmove(host, host + 1, hl - 2);
		host[hl - 2] = '\0';
	}
	memset(&hints, 0, sizeof hints);
	hints.ai_socktype = socktype;
	hints.ai_flags = passive ? AI_PASSIVE : 0;
	return getaddrinfo(host, colon + 1, &hints, res);
}

static int
open_udp(struct input *in, const char *addr)
{
	struct addrinfo *res, *a;
	int rv, fd = -1;

	if ((rv = resolve(addr, SOCK_DGRAM, true, &res)) != 0) {
		fprintf(stderr, "tcop feed ais: --udp %s: %s\n", addr,
		    gai_strerror(rv));
		return -1;
	}
	for (a = res; a != NULL && fd < 0; a = a->ai_next) {
		int one = 1;
		fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK, 0);
		if (fd < 0)
			continue;
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
		if (bind(fd, a->ai_addr, a->ai_addrlen) != 0) {
			close(fd);
			fd = -1;
		}
	}
	freeaddrinfo(res);
	if (fd < 0) {
		fprintf(stderr, "tcop feed ais: --udp %s: %s\n", addr,
		    strerror(errno));
		return -1;
	}
	in->fd = fd;
	return 0;
}

/* Dial the receiver; on failure try again later (tcp inputs never give up). */
static void
dial_tcp(struct input *in)
{
	struct addrinfo *res, *a;
	int fd = -1;

	in->redial = tcop_mono_ms() + 2000;
	if (resolve(in->addr, SOCK_STREAM, false, &res) != 0)
		return;
	for (a = res; a != NULL && fd < 0; a = a->ai_next) {
		fd = socket(a->ai_family, a->ai_socktype, 0);
		if (fd >= 0 && connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
			close(fd);
			fd = -1;
		}
	}
	freeaddrinfo(res);
	if (fd >= 0) {
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
		in->fd = fd;
		in->n = 0;
	}
}

static struct input *
input_new(const char *what, const char *name)
{
	struct input *in = calloc(1, sizeof *in);

	if (in == NULL)
		return NULL;
	in->what = what;
	in->fd = -1;
	snprintf(in->name, sizeof in->name, "%s", name);
	reader_init(&in->rd, in->name);
	return in;
}

/* Read what is there; false when the input has ended. */
static bool
input_read(struct feed *f, struct input *in)
{
	ssize_t r;

	if (!in->stream) { /* a datagram is a whole number of lines */
		r = recv(in->fd, in->buf, LBUF, 0);
		if (r > 0) {
			in->n = (size_t)r;
			split(f, in, true);
		}
		return true;
	}
	r = read(in->fd, in->buf + in->n, LBUF - in->n);
	if (r > 0) {
		in->n += (size_t)r;
		split(f, in, false);
		return true;
	}
	if (r < 0 && (errno == EAGAIN || errno == EINTR))
		return true;
	split(f, in, true);
	return false;
}

/* ---- the command ----------------------------------------------------------------- */

static void
summary(struct feed *f)
{
	for (int i = 0; i < f->nin; i++)
		reader_summary(&f->in[i]->rd, "tcop feed ais: ", stderr);
	fprintf(stderr, "tcop feed ais: %" PRIu64 " events published, %" PRIu64
	    " failed\n", f->sent, f->failed);
}

static void
run(struct feed *f)
{
	struct pollfd pfd[3];

	for (;;) {
		int live = 0, n;
		for (int i = 0; i < f->nin; i++) {
			struct input *in = f->in[i];
			if (strcmp(in->what, "tcp") == 0 && in->fd < 0 &&
			    tcop_mono_ms() >= in->redial)
				dial_tcp(in);
			pfd[i].fd = in->done ? -1 : in->fd;
			pfd[i].events = POLLIN;
			pfd[i].revents = 0;
			live += !in->done;
		}
		if (live == 0 || cli_stop)
			break;
		if (cli_report) {
			cli_report = 0;
			summary(f);
		}
		n = poll(pfd, (nfds_t)f->nin, 100);
		pub_tick(f->p);
		if (n <= 0)
			continue;
		for (int i = 0; i < f->nin; i++) {
			struct input *in = f->in[i];
			if ((pfd[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0)
				continue;
			if (input_read(f, in))
				continue;
			reader_end(&in->rd);
			if (strcmp(in->what, "tcp") == 0) {
				close(in->fd);
				in->fd = -1;
				in->redial = tcop_mono_ms() + 2000;
				reader_init(&in->rd, in->name);
			} else {
				in->done = true;
			}
		}
	}
}

static int
add_input(struct feed *f, const char *what, const char *arg)
{
	char name[300];
	struct input *in;

	snprintf(name, sizeof name, "%s%s%s", strcmp(what, "file") == 0 ? "" :
	    what, strcmp(what, "file") == 0 ? "" : ":",
	    strcmp(arg, "-") == 0 ? "stdin" : arg);
	if ((in = input_new(what, name)) == NULL)
		return -1;
	f->in[f->nin++] = in;
	if (strcmp(what, "file") == 0) {
		in->stream = true;
		in->fd = strcmp(arg, "-") == 0 ? 0 : open(arg, O_RDONLY);
		if (in->fd < 0) {
			fprintf(stderr, "tcop feed ais: %s: %s\n", arg,
			    strerror(errno));
			return -1;
		}
		return 0;
	}
	if (strcmp(what, "udp") == 0)
		return open_udp(in, arg);
	in->stream = true;
	snprintf(in->addr, sizeof in->addr, "%s", arg);
	dial_tcp(in);
	return 0;
}

int
feed_ais(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_PUB_LONGOPTS,
		{ "udp", required_argument, NULL, 'u' },
		{ "tcp", required_argument, NULL, 't' },
		{ "src", required_argument, NULL, 's' },
		{ "via", required_argument, NULL, 'v' },
		{ "rate", required_argument, NULL, 'r' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "feed ais", *udp = NULL, *tcp = NULL;
	static struct feed f;
	struct cli_pub cp;
	bool quiet = false;
	int c, rc = CLI_OK;

	memset(&f, 0, sizeof f);
	f.w.src = "ais";
	cli_pub_init(&cp);
	optind = 1;
	while ((c = cli_pub_getopt(cmd, &cp, argc, argv, longopts)) != -1) {
		switch (c) {
		case CLI_PUB_BAD:
			return CLI_USAGE;
		case 'u': udp = optarg; break;
		case 't': tcp = optarg; break;
		case 's': f.w.src = optarg; break;
		case 'q': quiet = true; break;
		case 'v':
			if (strcmp(optarg, "satellite") == 0)
				f.w.via_satellite = true;
			else if (strcmp(optarg, "terrestrial") != 0)
				return cli_usage(cmd, "--via: terrestrial or "
				    "satellite, not '%s'", optarg);
			break;
		case 'r':
			if (!cli_parse_long(optarg, 1, 100000000, &f.rate))
				return cli_usage(cmd, "--rate wants sentences/s, "
				    "not '%s'", optarg);
			break;
		case 'h': fputs(help, stdout); return CLI_OK;
		default: return cli_usage(cmd, "unknown option");
		}
	}
	if (argc - optind > 1)
		return cli_usage(cmd, "one FILE at most");
	if (optind == argc && udp == NULL && tcp == NULL)
		return cli_usage(cmd, "no input: give FILE, -, --udp or --tcp");
	if (cp.o.url == NULL)
		return cli_usage(cmd, "--listen URL is required");
	if (statics_init(&f.st, 1 << 17) != TCOP_OK)
		return CLI_FAIL;
	if ((optind < argc && add_input(&f, "file", argv[optind]) != 0) ||
	    (udp != NULL && add_input(&f, "udp", udp) != 0) ||
	    (tcp != NULL && add_input(&f, "tcp", tcp) != 0)) {
		rc = CLI_FAIL;
		goto out;
	}
	for (int i = 0; i < f.nin; i++)
		f.in[i]->rd.quiet = quiet;
	cli_signals();
	if ((rc = cli_pub_start(cmd, &cp, &f.p)) != CLI_OK)
		goto out;
	f.start = tcop_mono_ms();
	run(&f);
	pub_tick(f.p);
	summary(&f);
	cli_pub_finish(&cp, f.p);
out:
	for (int i = 0; i < f.nin; i++) {
		if (f.in[i]->fd > 0)
			close(f.in[i]->fd);
		free(f.in[i]);
	}
	statics_fini(&f.st);
	return rc;
}
