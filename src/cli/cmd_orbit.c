/*
 * cmd_orbit.c: `tcop orbit ELEMENTS [--at T | --from T --to T --step S |
 * --since-epoch MIN[,MIN...]] [--norad N,...] [--frame teme|geodetic]`.
 *
 * Propagates every element set of ELEMENTS (TLE/3LE or OMM JSON, "-" for
 * stdin) with SGP4 and prints CSV with a header: TEME position (km) and
 * velocity (km/s), or WGS-84 latitude, longitude (deg) and height (km).
 * --since-epoch counts minutes from each element set's own epoch, as
 * Vallado's verification does. A time at which SGP4 fails (decay, bad
 * eccentricity) is reported on stderr and left out.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/space.h"

static const char help[] =
    "usage: tcop orbit ELEMENTS [--at T | --from T --to T --step S |\n"
    "                  --since-epoch MIN[,MIN...]] [--norad N,...]\n"
    "                  [--frame teme|geodetic]\n"
    "\n"
    "Propagates the element sets of ELEMENTS (TLE/3LE or OMM JSON; - for\n"
    "stdin) with SGP4 (WGS-72) and prints CSV:\n"
    "  teme (default):  norad,time,x,y,z,vx,vy,vz   (TEME, km, km/s)\n"
    "  geodetic:        norad,time,lat,lon,alt_km   (WGS-84)\n"
    "\n"
    "  --at T               one instant (RFC 3339 UTC); default: each epoch\n"
    "  --from T --to T --step S   a series (S: 60, 30s, 5m, 1h)\n"
    "  --since-epoch MIN,...      minutes from each element set's epoch\n"
    "  --norad N,...        only these catalogue numbers\n"
    "  --frame teme|geodetic\n";

static const char *const sgp4_errors[] = {
	"ok",
	"mean eccentricity outside [0, 1)",
	"mean motion below zero",
	"perturbed eccentricity outside [0, 1]",
	"semi-latus rectum below zero",
	"epoch elements are sub-orbital",
	"satellite has decayed",
};

/* One state; false (reported) if SGP4 fails. */
static bool
emit(elsetrec *s, unsigned norad, double tsince, bool geodetic)
{
	double r[3], v[3], jd, fr;
	tcop_ms t;
	char ts[32];

	jd = s->jdsatepoch;
	fr = s->jdsatepochF + tsince / 1440.0;
	t = (tcop_ms)llround(((jd - 2440587.5) + fr) * 86400000.0);
	tcop_time_format_ms(t, ts, sizeof(ts));
	if (!sgp4(s, tsince, r, v)) {
		fprintf(stderr, "tcop orbit: norad %u at %s: SGP4 error %d (%s)\n",
		    norad, ts, s->error, sgp4_errors[s->error % 7]);
		return false;
	}
	if (geodetic) {
		double re[3], lat, lon, alt;

		orb_teme_to_ecef(jd, fr, r, NULL, re, NULL);
		orb_ecef_to_geodetic(re, &lat, &lon, &alt);
		printf("%u,%s,%.6f,%.6f,%.3f\n", norad, ts, lat, lon, alt);
	} else {
		printf("%u,%s,%.8f,%.8f,%.8f,%.9f,%.9f,%.9f\n", norad, ts, r[0],
		    r[1], r[2], v[0], v[1], v[2]);
	}
	return true;
}

struct orbit_args {
	const char *path;
	tcop_ms at, from, to, step;
	double *mins;
	size_t nmins;
	unsigned *ids;
	size_t nids;
	bool geodetic;
};

static bool
parse_mins(const char *s, struct orbit_args *a)
{
	size_t cap = 8;
	const char *p = s;

	a->mins = malloc(cap * sizeof(double));
	if (a->mins == NULL)
		return false;
	while (*p) {
		char *end;
		double m = strtod(p, &end);

		if (end == p || !isfinite(m) || (*end != ',' && *end != '\0'))
			return false;
		if (a->nmins == cap) {
			double *n = realloc(a->mins, 2 * cap * sizeof(double));
			if (n == NULL)
				return false;
			a->mins = n;
			cap *= 2;
		}
		a->mins[a->nmins++] = m;
		p = *end == ',' ? end + 1 : end;
	}
	return a->nmins > 0;
}

static int
parse_args(int argc, char **argv, struct orbit_args *a)
{
	static const struct option opts[] = {
		{ "at", required_argument, NULL, 'a' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "step", required_argument, NULL, 's' },
		{ "since-epoch", required_argument, NULL, 'e' },
		{ "norad", required_argument, NULL, 'n' },
		{ "frame", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		tcop_ms *tp = NULL;

		switch (c) {
		case 'h':
			fputs(help, stdout);
			return -1;
		case 'a': tp = &a->at; break;
		case 'f': tp = &a->from; break;
		case 't': tp = &a->to; break;
		case 's':
			if (tcop_duration_parse(optarg, &a->step) != TCOP_OK ||
			    a->step <= 0)
				return cli_usage("orbit", "bad --step '%s'", optarg);
			break;
		case 'e':
			if (!parse_mins(optarg, a))
				return cli_usage("orbit", "bad --since-epoch '%s'",
				    optarg);
			break;
		case 'n':
			if (!space_parse_ids(optarg, &a->ids, &a->nids))
				return cli_usage("orbit", "bad --norad '%s'", optarg);
			break;
		case 'F':
			if (strcmp(optarg, "geodetic") == 0)
				a->geodetic = true;
			else if (strcmp(optarg, "teme") != 0)
				return cli_usage("orbit", "--frame is teme or "
				    "geodetic, not '%s'", optarg);
			break;
		default:
			return cli_usage("orbit", "unknown option '%s'",
			    argv[optind - 1]);
		}
		if (tp != NULL &&
		    tcop_time_parse(optarg, strlen(optarg), tp) != TCOP_OK)
			return cli_usage("orbit", "'%s' is not an RFC 3339 time",
			    optarg);
	}
	if (optind + 1 != argc)
		return cli_usage("orbit", "one ELEMENTS file expected");
	a->path = argv[optind];
	if ((a->from != TCOP_MS_NONE) != (a->to != TCOP_MS_NONE) ||
	    (a->from != TCOP_MS_NONE && a->step == 0))
		return cli_usage("orbit", "--from, --to and --step go together");
	if ((a->from != TCOP_MS_NONE) + (a->at != TCOP_MS_NONE) +
	    (a->nmins > 0) > 1)
		return cli_usage("orbit", "--at, --from/--to and --since-epoch "
		    "exclude each other");
	if (a->from != TCOP_MS_NONE &&
	    (a->to < a->from || (a->to - a->from) / a->step > 10000000))
		return cli_usage("orbit", "--to before --from, or over 10 "
		    "million steps");
	return 0;
}

int
cmd_orbit(int argc, char **argv)
{
	struct orbit_args a = { .at = TCOP_MS_NONE, .from = TCOP_MS_NONE,
		.to = TCOP_MS_NONE };
	struct orb_elements *els = NULL;
	size_t len, n = 0, bad = 0, fails = 0;
	char *buf = NULL;
	int rv;

	if ((rv = parse_args(argc, argv, &a)) != 0) {
		free(a.mins);
		free(a.ids);
		return rv < 0 ? CLI_OK : rv;
	}
	if (space_read_all(a.path, &buf, &len) != TCOP_OK) {
		fprintf(stderr, "tcop orbit: %s: %s\n", a.path, strerror(errno));
		rv = CLI_FAIL;
		goto out;
	}
	if (space_load("orbit", a.path, buf, len, &els, &n, &bad) != TCOP_OK) {
		fprintf(stderr, "tcop orbit: out of memory\n");
		rv = CLI_FAIL;
		goto out;
	}
	puts(a.geodetic ? "norad,time,lat,lon,alt_km" :
	    "norad,time,x,y,z,vx,vy,vz");
	for (size_t i = 0; i < n; i++) {
		elsetrec s;

		if (!space_id_wanted(a.ids, a.nids, els[i].norad))
			continue;
		orb_init(&els[i], &s);
		if (a.nmins > 0) {
			for (size_t k = 0; k < a.nmins; k++)
				fails += !emit(&s, els[i].norad, a.mins[k],
				    a.geodetic);
		} else if (a.from != TCOP_MS_NONE) {
			for (tcop_ms t = a.from; t <= a.to; t += a.step)
				fails += !emit(&s, els[i].norad,
				    orb_tsince(&s, t), a.geodetic);
		} else {
			double ts = a.at == TCOP_MS_NONE ? 0.0 :
			    orb_tsince(&s, a.at);
			fails += !emit(&s, els[i].norad, ts, a.geodetic);
		}
	}
	if (bad > 0 || fails > 0)
		fprintf(stderr, "tcop orbit: %zu element sets, %zu rejected, "
		    "%zu states not computed\n", n, bad, fails);
	rv = CLI_OK;
out:
	free(els);
	free(buf);
	free(a.mins);
	free(a.ids);
	return rv;
}
