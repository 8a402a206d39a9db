/*
 * decode_ais.c: `tcop decode ais [FILE|-] [--wire]`: AIS NMEA in, one JSON
 * object a decoded message out, no network.
 *
 * Without --wire the objects are gpsd's (`gpsdecode -j`: same names, order
 * and scaling; the deliberate differences are listed in
 * src/ais/ais_json.c), so the output can be diffed against gpsd. As
 * gpsdecode does, a type 24 is printed once its parts A and B have been
 * paired, and lone parts are not printed. With --wire each line is the
 * tcop/1 message `tcop feed ais` would publish: maritime/track JSON with
 * the vessel's static data merged in; `t` is the sentence's own time (tag
 * block or receiver metadata), else the time the line was read.
 *
 * Rejections go to stderr as FILE:LINE: reason (the first thousand), and
 * a count per reason at the end. Exit status: 0 if the input was read
 * (rejected sentences are part of normal input), 1 if it could not be.
 */
#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "ais/reader.h"
#include "ais/statics.h"
#include "cli/cli.h"

static const char help[] =
    "usage: tcop decode ais [FILE|-] [--wire] [--src NAME]\n"
    "                       [--via terrestrial|satellite] [--quiet]\n"
    "\n"
    "Decode AIS NMEA 0183 (!AIVDM/!AIVDO; NMEA 4.0 tag blocks and USCG\n"
    "receiver metadata understood) from FILE or standard input.\n"
    "\n"
    "  (default)   one gpsd-style JSON object a message, as gpsdecode -j\n"
    "  --wire      tcop/1 messages instead: maritime/track {...}\n"
    "  --src NAME  the src of --wire events (default: ais)\n"
    "  --via V     terrestrial (default) or satellite AIS, for --wire\n"
    "  --quiet     no per-line error messages (counts are still printed)\n"
    "\n"
    "Rejected sentences are reported as FILE:LINE: reason on stderr,\n"
    "with counts per reason at the end.\n";

struct dec {
	struct reader rd;
	struct statics st;
	bool wire;
	struct ais_wire w;
	const char *device;
	FILE *out;
};

static void
emit(struct dec *d, const struct ais_payload *pl, const struct ais_msg *m,
    tcop_ms read_time)
{
	char buf[2048];
	size_t n;

	if (!d->wire) {
		if (m->type == 24 && m->u.t24.part != AIS_24_AB)
			return;
		n = ais_json_gpsd(m, d->device, buf, sizeof buf - 1);
	} else {
		const struct ais_static *st = statics_update(&d->st, m);
		d->w.t = pl->t != TCOP_MS_NONE ? pl->t : read_time;
		d->w.seq++;
		n = ais_json_wire(m, st, &d->w, buf, sizeof buf - 1);
		if (n == 0)
			d->w.seq--;
		else
			fputs("maritime/track ", d->out);
	}
	if (n == 0)
		return;
	buf[n++] = '\n';
	fwrite(buf, 1, n, d->out);
}

/* Read f in large blocks and hand every line to the reader. */
static int
run(struct dec *d, FILE *f)
{
	static char buf[1 << 20];
	size_t have = 0, got;
	uint64_t lineno = 0;
	struct ais_payload pl;
	struct ais_msg m;
	tcop_ms now = d->wire ? tcop_now_ms() : TCOP_MS_NONE;

	while ((got = fread(buf + have, 1, sizeof buf - have, f)) > 0 ||
	    have > 0) {
		char *p = buf, *end = buf + have + got, *nl;
		bool eof = got == 0;

		while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL ||
		    (eof && p < end) || (p == buf && end == buf + sizeof buf)) {
			char *le = nl != NULL ? nl : end;
			if (reader_line(&d->rd, p, (size_t)(le - p), ++lineno,
			    TCOP_MS_NONE, &pl, &m) == TCOP_OK)
				emit(d, &pl, &m, now);
			p = nl != NULL ? nl + 1 : end;
		}
		have = (size_t)(end - p);
		memmove(buf, p, have);
		if (eof)
			break;
		if (d->wire)
			now = tcop_now_ms();
	}
	reader_end(&d->rd);
	return ferror(f) ? -1 : 0;
}

int
decode_ais(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "wire", no_argument, NULL, 'w' },
		{ "src", required_argument, NULL, 's' },
		{ "via", required_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct dec d;
	const char *path = "-";
	FILE *f = stdin;
	int c, rc = CLI_OK;

	memset(&d, 0, sizeof d);
	d.w.src = "ais";
	d.out = stdout;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'w': d.wire = true; break;
		case 's': d.w.src = optarg; break;
		case 'q': d.rd.quiet = true; break;
		case 'v':
			if (strcmp(optarg, "satellite") == 0)
				d.w.via_satellite = true;
			else if (strcmp(optarg, "terrestrial") != 0)
				return cli_usage("decode ais",
				    "--via: terrestrial or satellite, not '%s'",
				    optarg);
			break;
		case 'h': fputs(help, stdout); return CLI_OK;
		default: return cli_usage("decode ais", "bad option");
		}
	}
	if (argc - optind > 1)
		return cli_usage("decode ais", "one input at most");
	if (optind < argc)
		path = argv[optind];
	if (strcmp(path, "-") != 0 && (f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "tcop decode ais: %s: %s\n", path,
		    strerror(errno));
		return CLI_FAIL;
	}
	{
		bool quiet = d.rd.quiet;
		reader_init(&d.rd, f == stdin ? "stdin" : path);
		d.rd.quiet = quiet;
	}
	d.device = f == stdin ? "stdin" : path;
	if (d.wire && statics_init(&d.st, 1 << 16) != TCOP_OK) {
		fprintf(stderr, "tcop decode ais: out of memory\n");
		rc = CLI_FAIL;
		goto out;
	}
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	if (run(&d, f) != 0) {
		fprintf(stderr, "tcop decode ais: %s: read error: %s\n",
		    d.rd.name, strerror(errno));
		rc = CLI_FAIL;
	}
	fflush(stdout);
	reader_summary(&d.rd, "tcop decode ais: ", stderr);
	statics_fini(&d.st);
out:
	if (f != stdin)
		fclose(f);
	return rc;
}
