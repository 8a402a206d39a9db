/*
 * cmd_snapshot.c: `tcop snapshot`, the picture rendered without a terminal:
 * the map engine draws into a canvas, which is dumped as text, ANSI or a
 * self-contained HTML page. Without --map-only the page has the screen's
 * frame: classification banner top and bottom and a status line; --size
 * is then the whole page, the map taking the rows between.
 *
 * Glyphs are braille unless --ascii: a snapshot is a file, not a terminal,
 * so the locale does not choose. --format geojson exports the picture
 * (snap_geojson.c) built from --replay CAPTURE up to --at, or from
 * --feed URL... for --duration; with text, ansi and html the picture of
 * --replay is drawn over the map by the viewer's layers (ui/layers.h), and
 * the banner carries the highest marking drawn. The page and the HTML
 * slide (legend, incidents) come from ui/slide.h, shared with the
 * viewer's export key. --every D writes a time-lapse, one frame a file,
 * in one pass through the capture (snap_series.c), each frame written by
 * the same code as a single snapshot. Known limits: --feed has no TLS
 * options yet, and feeds the GeoJSON export only.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/snap.h"
#include "geo/map.h"
#include "geo/proj.h"
#include "geo/regions.h"
#include "ui/canvas.h"
#include "ui/layers.h"
#include "ui/picsrc.h"
#include "ui/screen.h"
#include "ui/slide.h"

static const char snapshot_help[] =
    "usage: tcop snapshot [--region NAME | --center LAT,LON --span DEG |\n"
    "                      --bbox W,S,E,N] [--size WxH] [--layers LIST]\n"
    "                     [--map-only] [--ascii] [--projection equirect|mercator]\n"
    "                     [--format text|ansi|html] [--out FILE]\n"
    "       tcop snapshot --replay CAPTURE | --feed URL... [--duration D]\n"
    "                     [--at T] --format geojson [--rules FILE]\n"
    "                     [--assets FILE] [--out FILE]\n"
    "       tcop snapshot --replay CAPTURE --every D [--from T] [--to T]\n"
    "                     [--late D] [--format F] [--out DIR|PATTERN] ...\n"
    "\n"
    "Render the map headless, for briefings and tests.\n"
    "\n"
    "  --region NAME      a preset of maps/regions.json (default wpac);\n"
    "                     with --span, that span instead of the preset's\n"
    "  --center LAT,LON   centre of the view (degrees); needs --span\n"
    "  --span DEG         longitude degrees across the map\n"
    "  --bbox W,S,E,N     the box fills the map exactly: longitude linear\n"
    "                     across, latitude linear down (E < W crosses 180)\n"
    "  --size WxH         size in characters (default 100x40); the whole\n"
    "                     page, or the map alone with --map-only\n"
    "  --layers LIST      comma-separated: coast, land, borders, graticule,\n"
    "                     scale, all, none (default all)\n"
    "  --map-only         exactly W x H cells of map: no banner, no status\n"
    "  --ascii            ASCII glyphs instead of braille (UTF-8)\n"
    "  --projection P     equirect (default) or mercator\n"
    "  --format F         text (default), ansi (colours), html (a slide:\n"
    "                     page, legend, incidents),\n"
    "                     geojson (the picture: needs --replay or --feed)\n"
    "  --replay CAPTURE   build the picture from a capture: GeoJSON, or\n"
    "                     its entities drawn over the map (text, ansi, html)\n"
    "  --feed URL         or from feeds (repeatable), listened to for\n"
    "  --duration D       D (default 10s) before the export (geojson)\n"
    "  --at T             the picture at T: events with t <= T (RFC 3339)\n"
    "  --rules FILE       correlation rules (docs/rules.md)\n"
    "  --assets FILE      asset inventory (docs/assets.md)\n"
    "  --out FILE         write there instead of standard output\n"
    "\n"
    "A time-lapse, in one pass through the capture:\n"
    "  --every D          a frame every D (\"60s\", \"5m\"), each the picture\n"
    "                     --at that time would give\n"
    "  --from T, --to T   the first and last frame times (default: the\n"
    "                     first event's t, the latest event's t)\n"
    "  --late D           wait for events up to D after a frame's time,\n"
    "                     by the capture's receive time (default 5m)\n"
    "  --out DIR          frames DIR/tcop-YYYYmmddTHHMMSSZ.EXT (default .;\n"
    "                     made if missing), or a pattern with %n (frame\n"
    "                     number, 0001 ...), %t (its time) and %%\n"
    "\n"
    "Maps are read from $TCOP_MAPS, ./maps, or the installed copy.\n"
    "Not yet: --feed for the text, ansi and html maps; TLS options for\n"
    "--feed.\n";

enum fmt { FMT_TEXT, FMT_ANSI, FMT_HTML, FMT_GEOJSON };

struct snap_opts {
	const char *region, *out, *layers, *replay, *rules, *assets;
	tcop_ms at, duration;
	tcop_ms every, from, to, late; /* --every; TCOP_MS_NONE unset */
	int nfeeds;
	char *feeds[16];
	bool have_center, have_span, have_bbox, map_only, ascii;
	double lat, lon, span, bbox[4];
	int w, h;
	enum proj_kind proj;
	enum fmt fmt;
};

/* "A,B[,C,D]": exactly n finite numbers separated by commas. */
static bool
parse_list(const char *s, double *v, int n)
{
	char buf[256], *p, *save = NULL;
	int i = 0;

	if (snprintf(buf, sizeof buf, "%s", s) >= (int)sizeof buf)
		return false;
	for (p = strtok_r(buf, ",", &save); p != NULL;
	    p = strtok_r(NULL, ",", &save)) {
		if (i >= n || !cli_parse_double(p, &v[i]))
			return false;
		i++;
	}
	return i == n;
}

static bool
parse_size(const char *s, int *w, int *h)
{
	char buf[64], *x;
	long a, b;

	if (snprintf(buf, sizeof buf, "%s", s) >= (int)sizeof buf)
		return false;
	if ((x = strchr(buf, 'x')) == NULL)
		return false;
	*x = '\0';
	if (!cli_parse_long(buf, 1, CANVAS_MAX_W, &a) ||
	    !cli_parse_long(x + 1, 1, CANVAS_MAX_H, &b))
		return false;
	*w = (int)a;
	*h = (int)b;
	return true;
}

enum {
	O_REGION = 256, O_CENTER, O_SPAN, O_BBOX, O_SIZE, O_FORMAT, O_LAYERS,
	O_MAPONLY, O_ASCII, O_PROJ, O_OUT, O_FEED, O_REPLAY, O_AT, O_RULES,
	O_ASSETS, O_DURATION, O_EVERY, O_FROM, O_TO, O_LATE, O_HELP
};

static const struct option snap_longopts[] = {
	{ "region", required_argument, NULL, O_REGION },
	{ "center", required_argument, NULL, O_CENTER },
	{ "span", required_argument, NULL, O_SPAN },
	{ "bbox", required_argument, NULL, O_BBOX },
	{ "size", required_argument, NULL, O_SIZE },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "layers", required_argument, NULL, O_LAYERS },
	{ "map-only", no_argument, NULL, O_MAPONLY },
	{ "ascii", no_argument, NULL, O_ASCII },
	{ "projection", required_argument, NULL, O_PROJ },
	{ "out", required_argument, NULL, O_OUT },
	{ "feed", required_argument, NULL, O_FEED },
	{ "replay", required_argument, NULL, O_REPLAY },
	{ "at", required_argument, NULL, O_AT },
	{ "rules", required_argument, NULL, O_RULES },
	{ "assets", required_argument, NULL, O_ASSETS },
	{ "duration", required_argument, NULL, O_DURATION },
	{ "every", required_argument, NULL, O_EVERY },
	{ "from", required_argument, NULL, O_FROM },
	{ "to", required_argument, NULL, O_TO },
	{ "late", required_argument, NULL, O_LATE },
	{ "help", no_argument, NULL, O_HELP },
	{ NULL, 0, NULL, 0 },
};

/* One option into o; returns -1 when fine, else the exit status. */
static int
snap_option(struct snap_opts *o, int c, const char *arg)
{
	switch (c) {
	case O_REGION: o->region = arg; break;
	case O_CENTER: {
		double v[2];
		if (!parse_list(arg, v, 2))
			return cli_usage("snapshot", "--center %s: want LAT,LON",
			    arg);
		o->lat = v[0];
		o->lon = v[1];
		o->have_center = true;
		break;
	}
	case O_SPAN:
		if (!cli_parse_double(arg, &o->span) || o->span < 0.01 ||
		    o->span > 360)
			return cli_usage("snapshot",
			    "--span %s: want degrees in [0.01, 360]", arg);
		o->have_span = true;
		break;
	case O_BBOX:
		if (!parse_list(arg, o->bbox, 4))
			return cli_usage("snapshot", "--bbox %s: want W,S,E,N", arg);
		o->have_bbox = true;
		break;
	case O_SIZE:
		if (!parse_size(arg, &o->w, &o->h))
			return cli_usage("snapshot", "--size %s: want WxH, "
			    "1..%d x 1..%d", arg, CANVAS_MAX_W, CANVAS_MAX_H);
		break;
	case O_FORMAT:
		if (strcmp(arg, "text") == 0) o->fmt = FMT_TEXT;
		else if (strcmp(arg, "ansi") == 0) o->fmt = FMT_ANSI;
		else if (strcmp(arg, "html") == 0) o->fmt = FMT_HTML;
		else if (strcmp(arg, "geojson") == 0) o->fmt = FMT_GEOJSON;
		else
			return cli_usage("snapshot", "--format %s: want text, "
			    "ansi, html or geojson", arg);
		break;
	case O_LAYERS: o->layers = arg; break;
	case O_MAPONLY: o->map_only = true; break;
	case O_ASCII: o->ascii = true; break;
	case O_PROJ:
		if (strcmp(arg, "equirect") == 0 ||
		    strcmp(arg, "equirectangular") == 0)
			o->proj = PROJ_EQUIRECT;
		else if (strcmp(arg, "mercator") == 0)
			o->proj = PROJ_MERCATOR;
		else
			return cli_usage("snapshot", "--projection %s: want "
			    "equirect or mercator", arg);
		break;
	case O_OUT: o->out = arg; break;
	case O_REPLAY: o->replay = arg; break;
	case O_RULES: o->rules = arg; break;
	case O_ASSETS: o->assets = arg; break;
	case O_AT: case O_FROM: case O_TO: {
		tcop_ms *t = c == O_AT ? &o->at : c == O_FROM ? &o->from :
		    &o->to;
		if (tcop_time_parse(arg, strlen(arg), t) != TCOP_OK)
			return cli_usage("snapshot", "--%s %s: want an RFC 3339 "
			    "UTC time", c == O_AT ? "at" : c == O_FROM ? "from" :
			    "to", arg);
		break;
	}
	case O_EVERY: case O_LATE: {
		tcop_ms *d = c == O_EVERY ? &o->every : &o->late;
		if (tcop_duration_parse(arg, d) != TCOP_OK ||
		    *d < (c == O_EVERY ? 1000 : 0))
			return cli_usage("snapshot", "--%s %s: want a duration "
			    "(\"60s\", \"5m\")%s", c == O_EVERY ? "every" :
			    "late", arg, c == O_EVERY ? " of 1s or more" : "");
		break;
	}
	case O_FEED:
		if (o->nfeeds == 16)
			return cli_usage("snapshot", "--feed: at most 16");
		o->feeds[o->nfeeds++] = (char *)arg;
		break;
	case O_DURATION:
		if (tcop_duration_parse(arg, &o->duration) != TCOP_OK ||
		    o->duration <= 0)
			return cli_usage("snapshot", "--duration %s: want a "
			    "duration (\"10s\", \"2m\")", arg);
		break;
	default:
		return cli_usage("snapshot", "unknown option");
	}
	return -1;
}

static int
snap_args(struct snap_opts *o, int argc, char **argv)
{
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", snap_longopts, NULL)) != -1) {
		if (c == O_HELP) {
			fputs(snapshot_help, stdout);
			return CLI_OK;
		}
		if (c == '?')
			return cli_usage("snapshot", "unknown or incomplete "
			    "option %s", argv[optind - 1]);
		if ((rc = snap_option(o, c, optarg)) >= 0)
			return rc;
	}
	if (optind < argc)
		return cli_usage("snapshot", "unexpected argument %s",
		    argv[optind]);
	if (o->every == 0 && (o->from != TCOP_MS_NONE ||
	    o->to != TCOP_MS_NONE || o->late >= 0))
		return cli_usage("snapshot", "--from, --to and --late go with "
		    "--every");
	if (o->every > 0 && (o->replay == NULL || o->at != TCOP_MS_NONE))
		return cli_usage("snapshot", "--every needs --replay CAPTURE "
		    "(and --from/--to instead of --at)");
	if (o->from != TCOP_MS_NONE && o->to != TCOP_MS_NONE &&
	    o->to < o->from)
		return cli_usage("snapshot", "--to is before --from");
	if (o->late < 0)
		o->late = 300000;
	if (o->fmt == FMT_GEOJSON && (o->replay == NULL) == (o->nfeeds == 0))
		return cli_usage("snapshot", "--format geojson needs --replay "
		    "CAPTURE or --feed URL... (one of the two)");
	if (o->fmt != FMT_GEOJSON && (o->nfeeds || o->duration))
		return cli_usage("snapshot", "--feed and --duration go with "
		    "--format geojson (the maps draw the picture of --replay)");
	if (o->replay == NULL && o->nfeeds == 0 && (o->at != TCOP_MS_NONE ||
	    o->rules || o->assets))
		return cli_usage("snapshot", "--at, --rules and --assets go "
		    "with --replay CAPTURE or --feed URL");
	if ((o->region != NULL) + o->have_center + o->have_bbox > 1)
		return cli_usage("snapshot", "--region, --center and --bbox "
		    "exclude each other");
	if (o->have_center && !o->have_span)
		return cli_usage("snapshot", "--center needs --span");
	if (o->have_bbox && o->have_span)
		return cli_usage("snapshot", "--bbox sets its own span");
	if (o->map_only ? o->h < 1 : o->h < 6)
		return cli_usage("snapshot", "--size: a page needs at least 6 "
		    "rows (banner, map, status, banner)");
	return -1;
}

/* The viewport the options ask for; exit status or -1. */
static int
snap_viewport(struct snap_opts *o, struct map *m, int w, int h,
    struct viewport *vp, const char **name)
{
	char path[4200], why[512];
	struct regions *rs;
	const struct region *r;

	*name = NULL;
	if (o->have_bbox) {
		if (viewport_bbox(vp, o->proj, w, h, o->bbox[0], o->bbox[1],
		    o->bbox[2], o->bbox[3]) != TCOP_OK)
			return cli_usage("snapshot", "--bbox: want W,S,E,N with "
			    "S < N in [-90, 90], W, E in [-180, 360]");
		return -1;
	}
	if (o->have_center) {
		if (viewport_center(vp, o->proj, w, h, o->lat, o->lon,
		    o->span) != TCOP_OK)
			return cli_usage("snapshot", "--center: latitude outside "
			    "[-90, 90]");
		return -1;
	}
	if ((rs = malloc(sizeof *rs)) == NULL)
		return CLI_FAIL;
	snprintf(path, sizeof path, "%s/regions.json", map_dir(m));
	if (regions_load(rs, path, why, sizeof why) != TCOP_OK) {
		fprintf(stderr, "tcop snapshot: %s\n", why);
		free(rs);
		return CLI_FAIL;
	}
	if ((r = regions_find(rs, o->region ? o->region : "wpac")) == NULL) {
		fprintf(stderr, "tcop snapshot: --region %s: no such region; "
		    "known:", o->region);
		for (int i = 0; i < rs->n; i++)
			fprintf(stderr, " %s", rs->r[i].name);
		fprintf(stderr, "\n");
		free(rs);
		return CLI_USAGE;
	}
	viewport_center(vp, o->proj, w, h, r->lat, r->lon,
	    o->have_span ? o->span : r->span);
	*name = o->region ? o->region : "wpac";
	free(rs);
	return -1;
}

static const char *maps_dir(void);

/* The picture's configuration from the options. */
static int
snap_pic(const struct snap_opts *o, pic **p)
{
	struct pic_cfg cfg = { .rules_path = o->rules,
		.assets_path = o->assets, .maps_dir = maps_dir() };
	char why[512];

	if (pic_create(p, &cfg, why, sizeof why) != TCOP_OK) {
		fprintf(stderr, "tcop snapshot: %s\n", why);
		return CLI_FAIL;
	}
	return CLI_OK;
}

/* What stays the same from frame to frame: view, canvases, buffers. */
struct frame_ctx {
	const struct snap_opts *o;
	struct map *m;
	struct viewport vp;
	const char *name;
	unsigned layers;
	struct canvas *page, *mapc;
	struct picsrc *ps;
	uint8_t *scratch;
};

static void
status_text(const struct frame_ctx *x, const pic *p, char *s, size_t size)
{
	char ls[128], t[40] = "";
	const struct viewport *vp = &x->vp;

	map_layers_format(x->layers, ls, sizeof ls);
	if (p != NULL && pic_time(p) != TCOP_MS_NONE)
		tcop_time_format_s(x->o->at != TCOP_MS_NONE ? x->o->at :
		    pic_time(p), t, sizeof t);
	snprintf(s, size, " %s %.2f%c %.2f%c span %.2f deg | %s | %s | "
	    "%.1f NM/col | %s%s%s",
	    x->name ? x->name : "view", vp->center_lat < 0 ? -vp->center_lat :
	    vp->center_lat, vp->center_lat < 0 ? 'S' : 'N',
	    vp->center_lon < 0 ? -vp->center_lon : vp->center_lon,
	    vp->center_lon < 0 ? 'W' : 'E', vp->span,
	    vp->proj == PROJ_MERCATOR ? "mercator" : "equirect",
	    map_stats(x->m)->lod, viewport_nm_per_cell(vp), ls,
	    t[0] ? " | " : "", t);
}

/* The viewport, canvases and buffers; exit status or -1. */
static int
frame_init(struct frame_ctx *x, const struct snap_opts *o, struct map *m)
{
	const char *bad = NULL;
	int mh = o->map_only ? o->h : o->h - SLIDE_FRAME_ROWS, rc;

	memset(x, 0, sizeof *x);
	x->o = o;
	x->m = m;
	x->layers = MAP_LAYERS_DEFAULT;
	if (o->fmt == FMT_GEOJSON)
		return -1;
	if (o->layers != NULL &&
	    map_layers_parse(o->layers, &x->layers, &bad) != TCOP_OK)
		return cli_usage("snapshot", "--layers: unknown layer at '%s' "
		    "(known: coast, land, borders, graticule, scale, all, none)",
		    bad);
	if ((rc = snap_viewport((struct snap_opts *)o, m, o->w, mh, &x->vp,
	    &x->name)) >= 0)
		return rc;
	x->page = canvas_create(o->w, o->h);
	x->mapc = o->map_only ? x->page : canvas_create(o->w, mh);
	x->ps = picsrc_create(32768);
	x->scratch = malloc((size_t)o->w * mh);
	if (x->page == NULL || x->mapc == NULL || x->ps == NULL ||
	    x->scratch == NULL) {
		fprintf(stderr, "tcop snapshot: out of memory\n");
		return CLI_FAIL;
	}
	return -1;
}

static void
frame_fini(struct frame_ctx *x)
{
	if (x->mapc != x->page)
		canvas_destroy(x->mapc);
	canvas_destroy(x->page);
	picsrc_destroy(x->ps);
	free(x->scratch);
}

/*
 * The page of picture p (NULL: the base map alone): the map, the
 * picture drawn over it with the viewer's layers, and, without
 * --map-only, the frame whose banner accounts for every item drawn.
 */
static int
frame_render(struct frame_ctx *x, const pic *p)
{
	const struct snap_opts *o = x->o;
	struct layer_opts lo = { .ascii = o->ascii, .maritime = true,
		.space = true, .cyber = true, .other = true, .labels = true };
	struct banner b;
	char st[512];

	if (map_render(x->m, &x->vp, x->layers, o->ascii, x->mapc) !=
	    TCOP_OK) {
		fprintf(stderr, "tcop snapshot: %s\n", map_error(x->m));
		return CLI_FAIL;
	}
	banner_init(&b);
	if (p != NULL) {
		picsrc_fill(x->ps, (pic *)p, &x->vp, &lo, NULL);
		layers_draw(x->mapc, &x->vp, x->ps->items, x->ps->n, &lo,
		    x->scratch);
		slide_banner(&b, &x->vp, x->ps->items, x->ps->n);
		if (o->fmt == FMT_HTML)
			slide_banner_incidents(&b, p);
	}
	if (!o->map_only) {
		status_text(x, p, st, sizeof st);
		slide_compose(x->page, x->mapc, &b, st);
	}
	return CLI_OK;
}

/* The frame of p in o->fmt to path (NULL: standard output). */
static int
frame_write(struct frame_ctx *x, const pic *p, const char *path)
{
	const struct snap_opts *o = x->o;
	FILE *f = stdout;
	char title[128];
	tcop_err e = TCOP_OK;

	if (o->fmt != FMT_GEOJSON && frame_render(x, p) != CLI_OK)
		return CLI_FAIL;
	if (path != NULL && (f = fopen(path, "w")) == NULL) {
		fprintf(stderr, "tcop snapshot: %s: %s\n", path,
		    strerror(errno));
		return CLI_FAIL;
	}
	snprintf(title, sizeof title, "tcop snapshot: %s",
	    x->name ? x->name : "view");
	errno = 0;
	if (o->fmt == FMT_GEOJSON)
		e = snap_geojson_write(p, f) == CLI_OK ? TCOP_OK : TCOP_ESYS;
	else if (o->fmt == FMT_HTML && !o->map_only)
		e = slide_html(f, x->page, p, o->ascii, title);
	else if (o->fmt == FMT_HTML)
		e = canvas_dump_html(x->page, f, title);
	else if (o->fmt == FMT_ANSI)
		e = canvas_dump_ansi(x->page, f);
	else
		e = canvas_dump_text(x->page, f);
	if (f != stdout && fclose(f) != 0 && e == TCOP_OK)
		e = TCOP_ESYS;
	if (e != TCOP_OK) {
		fprintf(stderr, "tcop snapshot: %s: %s\n",
		    path ? path : "standard output",
		    errno ? strerror(errno) : "write failed");
		return CLI_FAIL;
	}
	return CLI_OK;
}

static int
snap_run(const struct snap_opts *o, struct map *m)
{
	struct frame_ctx x;
	pic *p = NULL;
	int rc;

	if ((rc = frame_init(&x, o, m)) >= 0)
		goto out;
	rc = CLI_FAIL;
	if (o->replay != NULL && (snap_pic(o, &p) != CLI_OK ||
	    snap_replay(p, o->replay, o->at) != CLI_OK))
		goto out;
	rc = frame_write(&x, p, o->out);
out:
	pic_destroy(p);
	frame_fini(&x);
	return rc;
}

/* ==== --every: a series of frames ==== */

static const char *
fmt_ext(enum fmt f)
{
	return f == FMT_HTML ? "html" : f == FMT_ANSI ? "ans" :
	    f == FMT_GEOJSON ? "geojson" : "txt";
}

/*
 * The path of frame n at t: --out's pattern with %n (the frame number,
 * 4 digits), %t (YYYYmmddTHHMMSSZ) and %%, or DIR/tcop-%t.EXT when --out
 * is a directory (the default: .). False if it does not fit.
 */
static bool
frame_path(const struct snap_opts *o, tcop_ms t, int n, char *out,
    size_t size)
{
	char stamp[32], pat[4096];
	const char *s;
	size_t k = 0;
	time_t sec = (time_t)(t / 1000);
	struct tm tm;

	gmtime_r(&sec, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	if (o->out == NULL || strchr(o->out, '%') == NULL)
		snprintf(pat, sizeof pat, "%s/tcop-%%t.%s",
		    o->out ? o->out : ".", fmt_ext(o->fmt));
	else
		snprintf(pat, sizeof pat, "%s", o->out);
	for (s = pat; *s != '\0'; s++) {
		int w;

		if (*s != '%' || (s[1] != 'n' && s[1] != 't' && s[1] != '%')) {
			w = snprintf(out + k, size - k, "%c", *s);
		} else {
			s++;
			w = *s == 'n' ? snprintf(out + k, size - k, "%04d", n) :
			    *s == 't' ? snprintf(out + k, size - k, "%s", stamp) :
			    snprintf(out + k, size - k, "%%");
		}
		if (w < 0 || (size_t)w >= size - k)
			return false;
		k += (size_t)w;
	}
	return true;
}

static int
series_frame(void *arg, const pic *p, tcop_ms t, int n)
{
	struct frame_ctx *x = arg;
	struct snap_opts o = *x->o;
	const struct snap_opts *keep = x->o;
	char path[4200];
	int rc;

	if (!frame_path(keep, t, n, path, sizeof path)) {
		fprintf(stderr, "tcop snapshot: --out: frame path too long\n");
		return CLI_FAIL;
	}
	o.at = t; /* the status line's time */
	x->o = &o;
	rc = frame_write(x, p, path);
	x->o = keep;
	return rc;
}

static int
snap_every(const struct snap_opts *o, struct map *m)
{
	struct frame_ctx x;
	struct snap_series_opts so = { .from = o->from, .to = o->to,
		.every = o->every, .late = o->late, .progress = true,
		.frame = series_frame, .arg = &x };
	struct stat sb;
	pic *p = NULL;
	int rc, n;

	if (o->out != NULL && strchr(o->out, '%') == NULL &&
	    stat(o->out, &sb) != 0 && mkdir(o->out, 0777) != 0) {
		fprintf(stderr, "tcop snapshot: --out %s: %s\n", o->out,
		    strerror(errno));
		return CLI_FAIL;
	}
	if ((rc = frame_init(&x, o, m)) >= 0)
		goto out;
	rc = CLI_FAIL;
	if (snap_pic(o, &p) != CLI_OK)
		goto out;
	if ((n = snap_series(p, o->replay, &so)) < 0)
		goto out;
	fprintf(stderr, "tcop snapshot: %d frame%s written to %s\n", n,
	    n == 1 ? "" : "s", o->out ? o->out : ".");
	rc = CLI_OK;
out:
	pic_destroy(p);
	frame_fini(&x);
	return rc;
}

/* The maps directory for ports, as the map engine finds it. */
static const char *
maps_dir(void)
{
	const char *e = getenv("TCOP_MAPS");
	FILE *f;

	if (e != NULL && *e != '\0')
		return e;
	if ((f = fopen("maps/ne_places_region.csv", "r")) != NULL) {
		fclose(f);
		return "maps";
	}
	return TCOP_DATADIR "/maps";
}

static int
snap_picture(const struct snap_opts *o)
{
	struct pic_cfg cfg = { .rules_path = o->rules,
		.assets_path = o->assets, .maps_dir = maps_dir() };
	FILE *f = stdout;
	char why[512];
	pic *p;
	int rc;

	if (pic_create(&p, &cfg, why, sizeof why) != TCOP_OK) {
		fprintf(stderr, "tcop snapshot: %s\n", why);
		return CLI_FAIL;
	}
	rc = o->replay != NULL ? snap_replay(p, o->replay, o->at) :
	    snap_feed(p, o->feeds, o->nfeeds, o->duration ? o->duration :
	    10000, o->at);
	if (rc != CLI_OK) {
		pic_destroy(p);
		return rc;
	}
	if (o->out != NULL && (f = fopen(o->out, "w")) == NULL) {
		fprintf(stderr, "tcop snapshot: %s: %s\n", o->out,
		    strerror(errno));
		pic_destroy(p);
		return CLI_FAIL;
	}
	rc = snap_geojson_write(p, f);
	if (f != stdout && fclose(f) != 0)
		rc = CLI_FAIL;
	if (rc != CLI_OK)
		fprintf(stderr, "tcop snapshot: %s: write failed\n",
		    o->out ? o->out : "standard output");
	pic_destroy(p);
	return rc;
}

int
cmd_snapshot(int argc, char **argv)
{
	struct snap_opts o = { .w = 100, .h = 40, .proj = PROJ_EQUIRECT,
		.at = TCOP_MS_NONE, .from = TCOP_MS_NONE, .to = TCOP_MS_NONE,
		.late = -1 };
	struct map *m;
	char why[4400];
	int rc;

	if ((rc = snap_args(&o, argc, argv)) >= 0)
		return rc;
	if (o.fmt == FMT_GEOJSON && o.every == 0)
		return snap_picture(&o);
	if (o.fmt == FMT_GEOJSON)
		return snap_every(&o, NULL);
	if (map_create(&m, NULL, why, sizeof why) != TCOP_OK) {
		fprintf(stderr, "tcop snapshot: %s\n", why);
		return CLI_FAIL;
	}
	rc = o.every > 0 ? snap_every(&o, m) : snap_run(&o, m);
	map_destroy(m);
	return rc;
}
