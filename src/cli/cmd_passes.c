/*
 * cmd_passes.c: `tcop passes ELEMENTS --lat LAT --lon LON [--alt M]
 * --from T --hours H [--min-el DEG] [--norad N,...]`: the passes of each
 * element set of ELEMENTS over a point, as CSV with a header:
 *
 *   norad,name,aos,aos_az,tca,max_el,tca_az,los,los_az
 *
 * Times RFC 3339 UTC with ms, angles in degrees (azimuth from north,
 * clockwise). A pass already under way at --from has aos = --from; one
 * still up at the end has los = the end (orbit/pass.c).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/space.h"
#include "orbit/pass.h"

static const char help[] =
    "usage: tcop passes ELEMENTS --lat LAT --lon LON [--alt M] --from T\n"
    "                   --hours H [--min-el DEG] [--norad N,...]\n"
    "\n"
    "Predicts the passes of every element set of ELEMENTS (TLE/3LE or OMM\n"
    "JSON; - for stdin) over the point LAT, LON (deg, WGS-84; --alt in\n"
    "metres above the ellipsoid) from T for H hours, above DEG of elevation\n"
    "(default 0), and prints CSV:\n"
    "  norad,name,aos,aos_az,tca,max_el,tca_az,los,los_az\n";

#define MAX_PASSES 1024

int
cmd_passes(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lat", required_argument, NULL, 'y' },
		{ "lon", required_argument, NULL, 'x' },
		{ "alt", required_argument, NULL, 'z' },
		{ "from", required_argument, NULL, 'f' },
		{ "hours", required_argument, NULL, 'H' },
		{ "min-el", required_argument, NULL, 'm' },
		{ "norad", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct orb_site site = { .lat = 1000, .lon = 1000, .alt_km = 0 };
	double hours = -1, min_el = 0, alt_m = 0;
	tcop_ms from = TCOP_MS_NONE;
	unsigned *ids = NULL;
	size_t nids = 0, n = 0, bad = 0, len;
	struct orb_elements *els = NULL;
	static struct orb_pass ps[MAX_PASSES];
	char *buf = NULL;
	int c, rv = CLI_OK;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		bool ok = true;

		switch (c) {
		case 'h':
			fputs(help, stdout);
			free(ids);
			return CLI_OK;
		case 'y':
			ok = cli_parse_double(optarg, &site.lat) &&
			    site.lat >= -90 && site.lat <= 90;
			break;
		case 'x':
			ok = cli_parse_double(optarg, &site.lon) &&
			    site.lon >= -180 && site.lon <= 360;
			break;
		case 'z':
			ok = cli_parse_double(optarg, &alt_m) &&
			    alt_m > -1000 && alt_m < 1e5;
			break;
		case 'f':
			ok = tcop_time_parse(optarg, strlen(optarg), &from) ==
			    TCOP_OK;
			break;
		case 'H':
			ok = cli_parse_double(optarg, &hours) && hours > 0 &&
			    hours <= 24 * 366;
			break;
		case 'm':
			ok = cli_parse_double(optarg, &min_el) && min_el > -90 &&
			    min_el < 90;
			break;
		case 'n':
			ok = space_parse_ids(optarg, &ids, &nids);
			break;
		default:
			free(ids);
			return cli_usage("passes", "unknown option '%s'",
			    argv[optind - 1]);
		}
		if (!ok) {
			free(ids);
			return cli_usage("passes", "bad value '%s' for --%s",
			    optarg, opts[0].name == NULL ? "?" :
			    c == 'y' ? "lat" : c == 'x' ? "lon" : c == 'z' ?
			    "alt" : c == 'f' ? "from" : c == 'H' ? "hours" :
			    c == 'm' ? "min-el" : "norad");
		}
	}
	if (optind + 1 != argc || site.lat > 90 || site.lon > 360 ||
	    from == TCOP_MS_NONE || hours < 0) {
		free(ids);
		return cli_usage("passes", "ELEMENTS, --lat, --lon, --from and "
		    "--hours are required");
	}
	site.alt_km = alt_m / 1000.0;
	if (space_read_all(argv[optind], &buf, &len) != TCOP_OK) {
		fprintf(stderr, "tcop passes: %s: %s\n", argv[optind],
		    strerror(errno));
		free(ids);
		return CLI_FAIL;
	}
	if (space_load("passes", argv[optind], buf, len, &els, &n, &bad) !=
	    TCOP_OK) {
		fprintf(stderr, "tcop passes: out of memory\n");
		rv = CLI_FAIL;
		goto out;
	}
	puts("norad,name,aos,aos_az,tca,max_el,tca_az,los,los_az");
	for (size_t i = 0; i < n; i++) {
		tcop_ms to = from + (tcop_ms)(hours * 3600000.0);
		elsetrec s;
		int k;

		if (!space_id_wanted(ids, nids, els[i].norad))
			continue;
		orb_init(&els[i], &s);
		k = orb_passes(&s, &site, min_el, from, to, ps, MAX_PASSES);
		for (int j = 0; j < k; j++) {
			char a[32], t[32], l[32];

			tcop_time_format_ms(ps[j].aos, a, sizeof(a));
			tcop_time_format_ms(ps[j].tca, t, sizeof(t));
			tcop_time_format_ms(ps[j].los, l, sizeof(l));
			printf("%u,\"%s\",%s,%.1f,%s,%.2f,%.1f,%s,%.1f\n",
			    els[i].norad, els[i].name, a, ps[j].aos_az, t,
			    ps[j].max_el, ps[j].tca_az, l, ps[j].los_az);
		}
	}
out:
	free(els);
	free(buf);
	free(ids);
	return rv;
}
