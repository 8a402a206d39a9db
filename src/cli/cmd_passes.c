/*
 * cmd_passes.c: `tcop passes ELEMENTS (--lat LAT --lon LON | --mmsi N
 * (--replay CAPTURE... | --feed URL... [--wait SEC])) [--alt M] [--from T]
 * --hours H [--min-el DEG] [--norad N,...]`: the passes of each element
 * set of ELEMENTS over a point or a ship, as CSV with a header:
 *
 *   norad,name,aos,aos_az,tca,max_el,tca_az,los,los_az
 *
 * Times RFC 3339 UTC with ms, angles in degrees (azimuth from north,
 * clockwise). A pass already under way at --from has aos = --from; one
 * still up at the end has los = the end (orbit/pass.c).
 *
 * A ship (--mmsi) is found in a picture (pic/pic.h) built from captures
 * (every event with t <= --from; without --from, all of them, and the
 * window starts at the picture's time, its latest event) or from feeds
 * (subscribed until the ship's position is seen, at most --wait s). A
 * comment line before the header names the ship, its dead-reckoned
 * position at the window's start and the age of the report behind it.
 * The ship moves: passes are searched from the position at the window's
 * start, then each one is searched again (30 min either side) from the
 * dead-reckoned position at its TCA, until that TCA settles, which moves
 * a pass by what the ship's run changes. Known limit: a pass that rises above --min-el only from a
 * later position, and none from the first, is not found; dead reckoning
 * holds course and speed over the whole window.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/snap.h"
#include "cli/space.h"
#include "orbit/pass.h"
#include "pic/pic.h"

static const char help[] =
    "usage: tcop passes ELEMENTS --lat LAT --lon LON [--alt M] --from T\n"
    "                   --hours H [--min-el DEG] [--norad N,...]\n"
    "       tcop passes ELEMENTS --mmsi N (--replay CAPTURE... |\n"
    "                   --feed URL... [--wait SEC]) [--from T] --hours H\n"
    "                   [--min-el DEG] [--norad N,...]\n"
    "\n"
    "Predicts the passes of every element set of ELEMENTS (TLE/3LE or OMM\n"
    "JSON; - for stdin) over the point LAT, LON (deg, WGS-84; --alt in\n"
    "metres above the ellipsoid) from T for H hours, above DEG of elevation\n"
    "(default 0), and prints CSV:\n"
    "  norad,name,aos,aos_az,tca,max_el,tca_az,los,los_az\n"
    "\n"
    "  --mmsi N        over ship N of the picture instead of a point:\n"
    "  --replay CAP    the picture of these captures at --from (events with\n"
    "                  t <= T), or at their end (their latest event) when\n"
    "                  --from is not given\n"
    "  --feed URL      the picture of these feeds, subscribed until the\n"
    "                  ship's position is seen (at most --wait SEC, default\n"
    "                  30); exit 1 if it is not\n"
    "A '#' line before the header names the ship, its position dead-reckoned\n"
    "to the window's start and the report's time and age. The ship is\n"
    "assumed to hold course and speed: each pass is searched again from its\n"
    "dead-reckoned position at the pass's TCA.\n";

#define MAX_PASSES 1024
#define MAX_SRC 16
#define REFINE_MS (30 * 60000) /* a pass searched again this far around */

struct opts {
	struct orb_site site;
	double hours, min_el, alt_m, wait_s;
	tcop_ms from;
	unsigned *ids;
	size_t nids;
	long mmsi;                /* 0: none */
	char *replay[MAX_SRC], *feed[MAX_SRC];
	int nreplay, nfeed;
	const char *elements;
};

/* The ship of --mmsi: its track and where the window starts. */
struct ship {
	struct track tr;          /* a copy: the picture is gone */
	tcop_ms t0;               /* the window's start */
};

static const char *
opt_name(int c)
{
	switch (c) {
	case 'y': return "lat";
	case 'x': return "lon";
	case 'z': return "alt";
	case 'f': return "from";
	case 'H': return "hours";
	case 'm': return "min-el";
	case 'M': return "mmsi";
	case 'w': return "wait";
	case 'R': return "replay";
	case 'F': return "feed";
	default: return "norad";
	}
}

static bool
opt_add(char **v, int *n, char *arg)
{
	if (*n >= MAX_SRC)
		return false;
	v[(*n)++] = arg;
	return true;
}

/* One option; false: a bad value. */
static bool
opt_one(struct opts *o, int c, char *arg)
{
	switch (c) {
	case 'y':
		return cli_parse_double(arg, &o->site.lat) &&
		    o->site.lat >= -90 && o->site.lat <= 90;
	case 'x':
		return cli_parse_double(arg, &o->site.lon) &&
		    o->site.lon >= -180 && o->site.lon <= 360;
	case 'z':
		return cli_parse_double(arg, &o->alt_m) && o->alt_m > -1000 &&
		    o->alt_m < 1e5;
	case 'f':
		return tcop_time_parse(arg, strlen(arg), &o->from) == TCOP_OK;
	case 'H':
		return cli_parse_double(arg, &o->hours) && o->hours > 0 &&
		    o->hours <= 24 * 366;
	case 'm':
		return cli_parse_double(arg, &o->min_el) && o->min_el > -90 &&
		    o->min_el < 90;
	case 'M':
		return cli_parse_long(arg, 1, 999999999, &o->mmsi);
	case 'w':
		return cli_parse_double(arg, &o->wait_s) && o->wait_s > 0 &&
		    o->wait_s <= 86400;
	case 'R':
		return opt_add(o->replay, &o->nreplay, arg);
	case 'F':
		return opt_add(o->feed, &o->nfeed, arg);
	default:
		return space_parse_ids(arg, &o->ids, &o->nids);
	}
}

/* CLI_OK, CLI_USAGE, or -1 for --help (printed). */
static int
opt_parse(struct opts *o, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lat", required_argument, NULL, 'y' },
		{ "lon", required_argument, NULL, 'x' },
		{ "alt", required_argument, NULL, 'z' },
		{ "from", required_argument, NULL, 'f' },
		{ "hours", required_argument, NULL, 'H' },
		{ "min-el", required_argument, NULL, 'm' },
		{ "norad", required_argument, NULL, 'n' },
		{ "mmsi", required_argument, NULL, 'M' },
		{ "replay", required_argument, NULL, 'R' },
		{ "feed", required_argument, NULL, 'F' },
		{ "wait", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool point;
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h') {
			fputs(help, stdout);
			return -1;
		}
		if (c == '?' || c == ':')
			return cli_usage("passes", "unknown option '%s'",
			    argv[optind - 1]);
		if (!opt_one(o, c, optarg))
			return cli_usage("passes", "bad value '%s' for --%s",
			    optarg, opt_name(c));
	}
	point = o->site.lat <= 90 || o->site.lon <= 360;
	if (optind + 1 != argc || o->hours < 0)
		return cli_usage("passes", "ELEMENTS and --hours are required");
	o->elements = argv[optind];
	if (o->mmsi != 0 && point)
		return cli_usage("passes", "--mmsi or --lat/--lon, not both");
	if (o->mmsi == 0) {
		if (o->site.lat > 90 || o->site.lon > 360 ||
		    o->from == TCOP_MS_NONE)
			return cli_usage("passes", "--lat, --lon and --from "
			    "are required (or --mmsi)");
		if (o->nreplay || o->nfeed)
			return cli_usage("passes", "--replay and --feed go "
			    "with --mmsi");
		return CLI_OK;
	}
	if ((o->nreplay == 0) == (o->nfeed == 0))
		return cli_usage("passes", "--mmsi needs --replay CAPTURE... "
		    "or --feed URL... (one of the two)");
	return CLI_OK;
}

static bool
ship_seen(const pic *p, void *arg)
{
	const struct track *tr = track_find(pic_tracks(p), *(uint32_t *)arg);

	return tr != NULL && tr->has_pos;
}

static bool
ship_moves(const struct track *tr)
{
	return isfinite(tr->speed) && isfinite(tr->course) && tr->speed > 0;
}

/* Build the picture, find the ship, print the '#' line. */
static int
ship_find(const struct opts *o, struct ship *sh)
{
	uint32_t mmsi = (uint32_t)o->mmsi;
	const struct track *tr;
	char why[256], t0[32], tp[32];
	bool seen = false;
	double lat, lon;
	pic *p;
	int rc = CLI_OK;

	if (pic_create(&p, NULL, why, sizeof why) != TCOP_OK) {
		fprintf(stderr, "tcop passes: %s\n", why);
		return CLI_FAIL;
	}
	for (int i = 0; i < o->nreplay && rc == CLI_OK; i++)
		rc = snap_replay_as("passes", p, o->replay[i], o->from);
	if (rc == CLI_OK && o->nfeed > 0)
		rc = snap_feed_until("passes", p, o->feed, o->nfeed,
		    (tcop_ms)(o->wait_s * 1000), o->from, ship_seen, &mmsi,
		    &seen);
	if (rc != CLI_OK)
		goto out;
	rc = CLI_FAIL;
	if ((tr = track_find(pic_tracks(p), mmsi)) == NULL) {
		fprintf(stderr, "tcop passes: mmsi:%u: %s\n", mmsi, o->nfeed ?
		    "not seen on the feed within --wait" : "not in the picture "
		    "of the capture (at --from)");
		goto out;
	}
	if (!tr->has_pos) {
		fprintf(stderr, "tcop passes: mmsi:%u: no position %s\n", mmsi,
		    o->nfeed ? "seen on the feed within --wait" : "reported "
		    "in the capture (at --from)");
		goto out;
	}
	sh->tr = *tr;
	sh->t0 = o->from != TCOP_MS_NONE ? o->from : pic_time(p);
	track_predict(tr, sh->t0, &lat, &lon);
	tcop_time_format_ms(sh->t0, t0, sizeof t0);
	tcop_time_format_ms(tr->t_pos, tp, sizeof tp);
	printf("# mmsi:%u \"%s\" at %.6f,%.6f at %s (dead-reckoned from "
	    "the report of %s, age %.0f s; ", mmsi, tr->shipname, lat, lon,
	    t0, tp, (double)(sh->t0 - tr->t_pos) / 1000.0);
	if (ship_moves(tr))
		printf("%.1f kn, course %.1f)\n", tr->speed, tr->course);
	else
		printf("not moving, or speed or course unknown: held there)\n");
	rc = CLI_OK;
out:
	pic_destroy(p);
	return rc;
}

/*
 * Search pass *ps again from the ship's position at its TCA, and again
 * from the position at the new TCA until the TCA moves by less than a
 * second (at most 4 times); false if it no longer rises above min_el.
 */
static bool
pass_refine(elsetrec *s, const struct track *tr, double alt_km,
    double min_el, tcop_ms from, tcop_ms to, struct orb_pass *ps)
{
	struct orb_site site = { .alt_km = alt_km };
	struct orb_pass q[8];
	tcop_ms w0, w1, moved = REFINE_MS;

	for (int it = 0; it < 4 && llabs(moved) >= 1000; it++) {
		int n, best = -1;

		w0 = ps->aos - REFINE_MS;
		w1 = ps->los + REFINE_MS;
		track_predict(tr, ps->tca, &site.lat, &site.lon);
		n = orb_passes(s, &site, min_el, w0 < from ? from : w0,
		    w1 > to ? to : w1, q, 8);
		for (int i = 0; i < n; i++)
			if (best < 0 || llabs(q[i].tca - ps->tca) <
			    llabs(q[best].tca - ps->tca))
				best = i;
		if (best < 0)
			return false;
		moved = q[best].tca - ps->tca;
		*ps = q[best];
	}
	return true;
}

static void
pass_print(const struct orb_elements *el, const struct orb_pass *p)
{
	char a[32], t[32], l[32];

	tcop_time_format_ms(p->aos, a, sizeof(a));
	tcop_time_format_ms(p->tca, t, sizeof(t));
	tcop_time_format_ms(p->los, l, sizeof(l));
	printf("%u,\"%s\",%s,%.1f,%s,%.2f,%.1f,%s,%.1f\n", el->norad, el->name,
	    a, p->aos_az, t, p->max_el, p->tca_az, l, p->los_az);
}

static void
passes_print(const struct opts *o, const struct ship *sh,
    const struct orb_elements *els, size_t n)
{
	static struct orb_pass ps[MAX_PASSES];
	struct orb_site site = o->site;
	tcop_ms from = sh ? sh->t0 : o->from;
	tcop_ms to = from + (tcop_ms)(o->hours * 3600000.0);

	site.alt_km = o->alt_m / 1000.0;
	if (sh != NULL)
		track_predict(&sh->tr, from, &site.lat, &site.lon);
	puts("norad,name,aos,aos_az,tca,max_el,tca_az,los,los_az");
	for (size_t i = 0; i < n; i++) {
		elsetrec s;
		int k;

		if (!space_id_wanted(o->ids, o->nids, els[i].norad))
			continue;
		orb_init(&els[i], &s);
		k = orb_passes(&s, &site, o->min_el, from, to, ps, MAX_PASSES);
		for (int j = 0; j < k; j++) {
			if (sh != NULL && ship_moves(&sh->tr) &&
			    !pass_refine(&s, &sh->tr, site.alt_km, o->min_el,
			    from, to, &ps[j]))
				continue;
			pass_print(&els[i], &ps[j]);
		}
	}
}

int
cmd_passes(int argc, char **argv)
{
	struct opts o = { .site = { .lat = 1000, .lon = 1000 }, .hours = -1,
		.from = TCOP_MS_NONE, .wait_s = 30 };
	struct orb_elements *els = NULL;
	struct ship sh;
	size_t n = 0, bad = 0, len;
	char *buf = NULL;
	int rv;

	if ((rv = opt_parse(&o, argc, argv)) != CLI_OK) {
		free(o.ids);
		return rv < 0 ? CLI_OK : rv;
	}
	if (space_read_all(o.elements, &buf, &len) != TCOP_OK) {
		fprintf(stderr, "tcop passes: %s: %s\n", o.elements,
		    strerror(errno));
		free(o.ids);
		return CLI_FAIL;
	}
	if (space_load("passes", o.elements, buf, len, &els, &n, &bad) !=
	    TCOP_OK) {
		fprintf(stderr, "tcop passes: out of memory\n");
		rv = CLI_FAIL;
		goto out;
	}
	if (o.mmsi != 0 && (rv = ship_find(&o, &sh)) != CLI_OK)
		goto out;
	passes_print(&o, o.mmsi != 0 ? &sh : NULL, els, n);
out:
	free(els);
	free(buf);
	free(o.ids);
	return rv;
}
