/*
 * feed_space.c: `tcop feed space --listen URL --elements FILE...
 * [--cdm FILE...] [--src NAME]`: the space publisher.
 *
 * Publishes every element set of the --elements files (TLE/3LE or OMM
 * JSON) as space/elements, every conjunction of the --cdm files
 * (Space-Track JSON or CCSDS KVN) as space/conjunction, and a space/event
 * {"what":"maneuver"} when a reloaded element set disagrees with the
 * previous one of the same object, propagated to the new epoch, by more
 * than --maneuver-km. Files are checked every --poll seconds and read
 * again when their size or modification time changes; the publisher
 * (feed/pub.c) keeps the latest space/elements per object and re-sends it
 * to late joiners and on its refresh cycle. --once publishes the files
 * once and exits (after --linger).
 *
 * Rejected records are reported as FILE:LINE: reason and skipped; the
 * rest of the file is published.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli_pub.h"
#include "cli/space.h"
#include "orbit/cdm.h"
#include "orbit/omm.h"
#include "pic/sat.h"
#include "tcop/event.h"

#define MAX_FILES 64

static const char help[] =
    "usage: tcop feed space --listen URL --elements FILE... [--cdm FILE...]\n"
    "                       [OPTIONS]\n"
    "\n"
    "Publish element sets (TLE/3LE or CelesTrak OMM JSON) as space/elements,\n"
    "conjunction messages (Space-Track JSON or CCSDS CDM KVN) as\n"
    "space/conjunction, and maneuvers seen between successive element sets\n"
    "as space/event. Files are read again when they change.\n"
    "\n"
    "options:\n"
    CLI_PUB_HELP
    "  --elements FILE           element sets (repeat for more files)\n"
    "  --cdm FILE                conjunction messages (repeat for more)\n"
    "  --src NAME                the src of the events (default: space)\n"
    "  --poll S                  check the files every S seconds (default 5)\n"
    "  --maneuver-km KM          element sets further apart than this are a\n"
    "                            maneuver (default 25)\n"
    "  --once                    publish the files once, then exit\n"
    "  -q, --quiet               no per-record error messages\n"
    "  -h, --help                this help\n";

enum { OPT_ELEMENTS = OPT_FIRST_FREE, OPT_CDM, OPT_SRC, OPT_POLL,
	OPT_MANEUVER, OPT_ONCE };

struct watched {
	const char *path;
	bool cdm;
	off_t size;
	struct timespec mtime;
	bool seen;
};

struct feed {
	const char *src;
	double maneuver_km;
	bool quiet;
	sat_cat *cat;
	pub *p;
	uint64_t sent, bad;
};

/* Send TOPIC JSON after decoding it as any subscriber would. */
static void
send_event(struct feed *f, const char *topic, const char *json, size_t n)
{
	static tcop_event ev;
	tcop_err rv;

	rv = tcop_event_decode2(topic, strlen(topic), json, n, &ev);
	if (rv == TCOP_OK)
		rv = pub_send(f->p, topic, json, n, &ev);
	if (rv != TCOP_OK) {
		f->bad++;
		fprintf(stderr, "tcop feed space: %s not sent: %s\n", topic,
		    tcop_strerror(rv));
		return;
	}
	f->sent++;
}

static void
publish_elements(struct feed *f, const struct watched *w, const char *buf,
    size_t len)
{
	struct orb_elements *els;
	size_t n, bad;
	char json[4096];

	if (space_load("feed space", w->path, buf, len, &els, &n, &bad) !=
	    TCOP_OK) {
		fprintf(stderr, "tcop feed space: out of memory\n");
		return;
	}
	f->bad += bad;
	for (size_t i = 0; i < n; i++) {
		enum sat_put what;
		size_t k;

		if (sat_cat_put(f->cat, &els[i], &what) != TCOP_OK)
			continue;
		if (what == SAT_OLDER)
			continue; /* the newest set of this object is out already */
		k = omm_event_json(&els[i], f->src, pub_next_seq(f->p, f->src),
		    json, sizeof(json));
		if (k > 0)
			send_event(f, "space/elements", json, k);
		if (what == SAT_REPLACED) {
			const struct sat_obj *o = sat_cat_find(f->cat, els[i].norad);
			char t[32];

			if (o == NULL || !(o->jump_km > f->maneuver_km))
				continue;
			orb_epoch_text(&els[i], true, t, sizeof(t));
			k = (size_t)snprintf(json, sizeof(json),
			    "{\"id\":\"norad:%u\",\"t\":\"%s\",\"src\":\"%s\","
			    "\"seq\":%lld,\"what\":\"maneuver\",\"norad\":%u,"
			    "\"jump_km\":%.3f}", els[i].norad, t, f->src,
			    (long long)pub_next_seq(f->p, f->src), els[i].norad,
			    o->jump_km);
			if (k < sizeof(json))
				send_event(f, "space/event", json, k);
		}
	}
	fprintf(stderr, "tcop feed space: %s: %zu element sets, %zu rejected\n",
	    w->path, n, bad);
	free(els);
}

static void
publish_cdms(struct feed *f, const struct watched *w, const char *buf,
    size_t len)
{
	struct cdm_reader r;
	struct cdm c;
	char why[CDM_WHY_MAX], json[4096];
	size_t good = 0, bad = 0;
	long line;
	tcop_err rv;

	cdm_reader_init(&r, buf, len);
	while ((rv = cdm_next(&r, &c, &line, why)) != TCOP_EOF) {
		size_t k;

		if (rv != TCOP_OK) {
			if (!f->quiet)
				fprintf(stderr, "tcop feed space: %s:%ld: %s (%s)\n",
				    w->path, line, why, tcop_err_name(rv));
			bad++;
			continue;
		}
		k = cdm_event_json(&c, f->src, pub_next_seq(f->p, f->src), json,
		    sizeof(json));
		if (k > 0) {
			send_event(f, "space/conjunction", json, k);
			good++;
		}
	}
	f->bad += bad;
	fprintf(stderr, "tcop feed space: %s: %zu conjunctions, %zu rejected\n",
	    w->path, good, bad);
}

/* Read w again if it changed since the last look. */
static void
check_file(struct feed *f, struct watched *w)
{
	struct stat st;
	char *buf;
	size_t len;

	if (stat(w->path, &st) != 0) {
		if (!w->seen)
			fprintf(stderr, "tcop feed space: %s: %s\n", w->path,
			    strerror(errno));
		w->seen = true;
		return;
	}
	if (w->seen && st.st_size == w->size &&
	    st.st_mtim.tv_sec == w->mtime.tv_sec &&
	    st.st_mtim.tv_nsec == w->mtime.tv_nsec)
		return;
	w->seen = true;
	w->size = st.st_size;
	w->mtime = st.st_mtim;
	if (space_read_all(w->path, &buf, &len) != TCOP_OK) {
		fprintf(stderr, "tcop feed space: %s: %s\n", w->path,
		    strerror(errno));
		return;
	}
	if (w->cdm)
		publish_cdms(f, w, buf, len);
	else
		publish_elements(f, w, buf, len);
	free(buf);
}

int
feed_space(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_PUB_LONGOPTS,
		{ "elements", required_argument, NULL, OPT_ELEMENTS },
		{ "cdm", required_argument, NULL, OPT_CDM },
		{ "src", required_argument, NULL, OPT_SRC },
		{ "poll", required_argument, NULL, OPT_POLL },
		{ "maneuver-km", required_argument, NULL, OPT_MANEUVER },
		{ "once", no_argument, NULL, OPT_ONCE },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "feed space";
	struct watched files[MAX_FILES];
	struct feed f = { .src = "space", .maneuver_km = 25.0 };
	struct cli_pub cp;
	int nfiles = 0, c, rc;
	double poll_s = 5.0;
	bool once = false;

	cli_pub_init(&cp);
	optind = 1;
	while ((c = cli_pub_getopt(cmd, &cp, argc, argv, longopts)) != -1) {
		switch (c) {
		case CLI_PUB_BAD:
			return CLI_USAGE;
		case OPT_ELEMENTS:
		case OPT_CDM:
			if (nfiles == MAX_FILES)
				return cli_usage(cmd, "at most %d files", MAX_FILES);
			memset(&files[nfiles], 0, sizeof(files[nfiles]));
			files[nfiles].path = optarg;
			files[nfiles++].cdm = c == OPT_CDM;
			break;
		case OPT_SRC:
			if (*optarg == '\0' || strlen(optarg) >= TCOP_SRC_MAX ||
			    strpbrk(optarg, "\"\\") != NULL)
				return cli_usage(cmd, "bad --src '%s'", optarg);
			f.src = optarg;
			break;
		case OPT_POLL:
			if (!cli_parse_double(optarg, &poll_s) || poll_s < 0.1)
				return cli_usage(cmd, "--poll wants seconds >= 0.1");
			break;
		case OPT_MANEUVER:
			if (!cli_parse_double(optarg, &f.maneuver_km) ||
			    f.maneuver_km <= 0)
				return cli_usage(cmd, "--maneuver-km wants km > 0");
			break;
		case OPT_ONCE:
			once = true;
			break;
		case 'q':
			f.quiet = true;
			break;
		case 'h':
			fputs(help, stdout);
			return CLI_OK;
		default:
			return cli_usage(cmd, "unknown option");
		}
	}
	if (optind != argc)
		return cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
	if (nfiles == 0)
		return cli_usage(cmd, "give at least one --elements or --cdm FILE");
	if (sat_cat_create(&f.cat) != TCOP_OK) {
		fprintf(stderr, "tcop %s: out of memory\n", cmd);
		return CLI_FAIL;
	}
	cli_signals();
	if ((rc = cli_pub_start(cmd, &cp, &f.p)) != CLI_OK) {
		sat_cat_destroy(f.cat);
		return rc;
	}
	for (tcop_ms next = 0; !cli_stop;) {
		tcop_ms now = tcop_mono_ms();
		if (now >= next) {
			for (int i = 0; i < nfiles; i++)
				check_file(&f, &files[i]);
			next = now + (tcop_ms)(poll_s * 1000);
		}
		pub_tick(f.p);
		if (once)
			break;
		if (cli_report)
			fprintf(stderr, "tcop %s: %llu sent, %llu rejected\n", cmd,
			    (unsigned long long)f.sent,
			    (unsigned long long)f.bad), cli_report = 0;
		cli_nap(100);
	}
	fprintf(stderr, "tcop %s: %llu sent, %llu rejected\n", cmd,
	    (unsigned long long)f.sent, (unsigned long long)f.bad);
	cli_pub_finish(&cp, f.p);
	sat_cat_destroy(f.cat);
	return CLI_OK;
}
