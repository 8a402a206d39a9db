/*
 * cmd_view.c: `tcop view`, the operator's screen. One thread, one poll()
 * over the terminal, the signal self-pipe and every feed's descriptor,
 * with a timer for the next frame:
 *
 *   poll ─┬─ keys      → actions → view state, dirty
 *         ├─ signals   → quit (restore the terminal) or resize
 *         ├─ feeds     → feedbus_decode → event store, dirty
 *         └─ timer     → frame: map (rasterised only on pan/zoom/resize),
 *                        layers, page; copy the changed cells by priority
 *                        within the link budget; one doupdate()
 *
 * Frames: at most --fps a second (default 4), and only when something
 * changed (the status line's rates change once a second). The link budget
 * (--max-rate BYTES/s) spaces frames by what the last one cost and limits
 * a frame to the cells the budget pays for, sending the selection, the
 * banner and status first, then map symbols, then the panel, then the base
 * map; cells left over go in the next frame. The status line shows the
 * bytes per second actually written.
 *
 * Memory: every buffer is allocated at start and on a resize; a frame
 * allocates nothing. Logging goes to the status line while the terminal is
 * ours, never to stderr over the screen. Every event goes to the picture
 * (pic/pic.h: tracks, satellites, alerts, incidents), whose time is event
 * time, and to the event store behind the events list and the raw detail.
 * Annotations (a: picture/ack, m: picture/mark) are applied here and, with
 * --annotate URL, published to a relay's ingest point (feed/annot.h) for
 * every other viewer; this viewer sees its own again through the relay
 * (applying the same ack or mark twice changes nothing). Each carries the
 * marking of what the screen displayed (annot_marked), so a filtering
 * relay judges it like any event. A mark `jam
 * 25nm ...` / `spoof ...` also publishes a cyber/interference area, and
 * `clear` on a selected area closes it (ui/jammark.h).
 *
 * e exports the view (export_view: the map canvas of the last frame,
 * framed and written by ui/slide.h as an HTML slide and a .txt named by
 * the picture's time) into --export-dir or the config's export_dir.
 *
 * --replay CAPTURE... makes the viewer a replay deck (ui/deck.h): the
 * captures are indexed, merged and played into the deck's own picture at
 * the chosen speed by the capture's time (the wall clock only paces it);
 * space, ., [, ], <, >, {, }, g, n, N and r drive it and the status line
 * carries its time bar. Known limits: events from --feed beside a
 * --replay go into the deck's picture and are lost when a backward seek
 * rebuilds it; --max-cls applies to the replay too (withheld events are
 * not applied).
 *
 * Briefing (ui/brief.h, the "briefing" section): v shares this viewer's
 * view as picture/view on the --annotate feed (on change, at most 4/s,
 * and a keep-alive); --follow NAME or V applies briefer NAME's views from
 * the feeds until a key is touched; K publishes a bookmark (a picture/mark
 * with the view), B lists marks and bookmarks and Enter jumps to one. In a
 * replay, marks from the feeds wait in the book and enter the deck's
 * picture when the position reaches their time (again after a rebuild).
 * Views are not events of the picture: they are taken before it.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "feed/annot.h"
#include "feed/bus.h"
#include "feed/capture.h"
#include "geo/map.h"
#include "geo/regions.h"
#include "tty/tty.h"
#include "ui/brief.h"
#include "ui/canvas.h"
#include "ui/config.h"
#include "ui/deck.h"
#include "ui/jammark.h"
#include "ui/evstore.h"
#include "ui/keys.h"
#include "pic/pic.h"
#include "ui/layers.h"
#include "ui/picsrc.h"
#include "ui/screen.h"
#include "ui/slide.h"

#define VIEW_EVENTS 4096      /* events kept for the list */
#define VIEW_ENTITIES 65536   /* positioned entities kept for the map */
#define VIEW_DRAIN 2000       /* messages taken per poll round at most */
#define VIEW_ITEMS 32768      /* map items on screen at most */
#define VIEW_SATS_ALL 200     /* up to this many satellites: all drawn */
#define VIEW_FEEDS_MAX 16
#define VIEW_DECK_BATCH 20000 /* lines a deck tick applies at most */

static const char view_help[] =
    "usage: tcop view [--feed URL]... [--config FILE] [--region NAME]\n"
    "                 [--ascii] [--mono] [--max-rate BYTES/s] [--fps N]\n"
    "                 [--projection equirect|mercator] [--no-mouse]\n"
    "                 [--rules FILE] [--assets FILE] [--replay CAPTURE]...\n"
    "                 [--cert FILE --key FILE --ca FILE] [--max-cls X]\n"
    "                 [--annotate URL] [--export-dir DIR]\n"
    "                 [--name NAME] [--follow NAME]\n"
    "                 [--speed N|max] [--paused] [--loop]\n"
    "\n"
    "The operator's screen: the map of the region with what the feeds\n"
    "report on it, the lists, the detail of the selection, feed health.\n"
    "\n"
    "  --feed URL         subscribe to a publisher (repeatable; tcp://,\n"
    "                     ipc://, tls+tcp://); default: the config's feeds\n"
    "  --config FILE      default ~/.config/tcop/config.json if it exists\n"
    "  --region NAME      start on a preset of maps/regions.json (wpac)\n"
    "  --ascii            ASCII glyphs (also LANG=C, TERM=vt100)\n"
    "  --mono             no colour\n"
    "  --max-rate B       write at most B bytes/s to the terminal\n"
    "  --fps N            at most N frames a second (1..30, default 4)\n"
    "  --projection P     equirect (default) or mercator\n"
    "  --no-mouse         do not ask the terminal for mouse clicks\n"
    "  --rules FILE       correlation rules (docs/rules.md)\n"
    "  --assets FILE      asset inventory (docs/assets.md)\n"
    "  --replay CAPTURE   replay a capture (tcop record; .gz too) in the\n"
    "                     viewer's deck; repeat to merge captures by time\n"
    "  --speed N|max      play the replay from its start at N times real\n"
    "                     time (0.25..1000); without --speed or --paused\n"
    "                     the deck opens at the end: the whole picture\n"
    "  --paused           open the replay paused at its start\n"
    "  --loop             start the replay again at its end\n"
    "  --cert F --key F   this viewer's certificate for tls+tcp:// feeds\n"
    "  --ca F             the CA that signs the publishers' certificates\n"
    "  --max-cls X        show nothing marked above X (U, CUI, C, S, TS);\n"
    "                     withheld events are counted in the status line;\n"
    "                     unmarked events are shown\n"
    "  --annotate URL     publish this viewer's acknowledgements (a) and\n"
    "                     marks (m) to a relay's --ingest URL, for every\n"
    "                     viewer of the relay (TLS options apply);\n"
    "                     v shares this viewer's view there, K drops a\n"
    "                     bookmark (docs/briefing.md). A mark 'jam 25nm\n"
    "                     ...' or 'spoof 40km ...' (nm, km, m; then 'until\n"
    "                     T' or 'for 6h') also reports a GNSS interference\n"
    "                     area; 'clear' on a selected area or its incident\n"
    "                     closes it\n"
    "  --export-dir DIR   where e writes the view (an HTML slide and a\n"
    "                     .txt, named by the picture's time; default the\n"
    "                     config's export_dir, else .)\n"
    "  --name NAME        the operator's name in annotations and shared\n"
    "                     views (default $USER)\n"
    "  --follow NAME      follow the views briefer NAME shares (from a\n"
    "                     --feed relay): region, zoom, selection and the\n"
    "                     replay's time and speed; any key stops\n"
    "\n"
    "Keys: ? shows them all (generated from the live key map); q quits.\n"
    "Replay: space play/pause, . one event, [ ] speed, < > a minute,\n"
    "{ } an hour, g a typed time, n N next/previous incident, r loop.\n"
    "Briefing: v share the view on/off, V follow a briefer, K bookmark,\n"
    "B the bookmarks list (Enter jumps to one).\n";

enum {
	O_FEED = 256, O_CONFIG, O_REGION, O_ASCII, O_MONO, O_MAXRATE, O_FPS,
	O_PROJ, O_NOMOUSE, O_CERT, O_KEY, O_CA, O_REPLAY, O_RULES, O_ASSETS,
	O_MAXCLS, O_ANNOTATE, O_SPEED, O_PAUSED, O_LOOP, O_EXPORT_DIR, O_NAME,
	O_FOLLOW, O_HELP
};

static const struct option view_longopts[] = {
	{ "feed", required_argument, NULL, O_FEED },
	{ "config", required_argument, NULL, O_CONFIG },
	{ "region", required_argument, NULL, O_REGION },
	{ "ascii", no_argument, NULL, O_ASCII },
	{ "mono", no_argument, NULL, O_MONO },
	{ "max-rate", required_argument, NULL, O_MAXRATE },
	{ "fps", required_argument, NULL, O_FPS },
	{ "projection", required_argument, NULL, O_PROJ },
	{ "no-mouse", no_argument, NULL, O_NOMOUSE },
	{ "cert", required_argument, NULL, O_CERT },
	{ "key", required_argument, NULL, O_KEY },
	{ "ca", required_argument, NULL, O_CA },
	{ "replay", required_argument, NULL, O_REPLAY },
	{ "rules", required_argument, NULL, O_RULES },
	{ "assets", required_argument, NULL, O_ASSETS },
	{ "max-cls", required_argument, NULL, O_MAXCLS },
	{ "annotate", required_argument, NULL, O_ANNOTATE },
	{ "speed", required_argument, NULL, O_SPEED },
	{ "paused", no_argument, NULL, O_PAUSED },
	{ "loop", no_argument, NULL, O_LOOP },
	{ "export-dir", required_argument, NULL, O_EXPORT_DIR },
	{ "name", required_argument, NULL, O_NAME },
	{ "follow", required_argument, NULL, O_FOLLOW },
	{ "help", no_argument, NULL, O_HELP },
	{ NULL, 0, NULL, 0 },
};

struct view_opts {
	const char *feeds[VIEW_FEEDS_MAX];
	int nfeeds;
	const char *replays[VIEW_FEEDS_MAX];
	int nreplays;
	const char *config, *region, *rules, *assets, *annotate;
	const char *export_dir; /* NULL: the config's, else . */
	const char *name, *follow; /* --name, --follow */
	bool ascii, mono, no_mouse, paused, loop, play;
	double speed;    /* replay: x real time, 0 max */
	long max_rate;   /* -1 unset */
	int fps;         /* 0 unset */
	int proj;        /* -1 unset */
	tcop_cls max_cls; /* TCOP_CLS_NONE: no ceiling */
	struct net_tls tls;
};

/* The briefing state (ui/brief.h): sharing, following, bookmarks. */
struct view_brief {
	struct brief_book book;   /* marks and bookmarks, time order */
	struct brief_share share; /* v: this viewer's view goes out */
	char follow[32];          /* following this briefer, "" not */
	char last[32];            /* the last briefer seen */
	char prefix[64];          /* ids of this viewer's views */
	int typing;               /* 0, or the key whose text is typed */
	char text[96];
	int nviews, nbooks;       /* sent, for their ids */
};

/* Everything the loop owns. */
struct app {
	struct view_config cfg;
	struct view v;
	struct map *map;
	struct regions regions;
	feedbus *bus;
	annot *ann;             /* --annotate, NULL: none */
	char by[32];            /* the operator's name in annotations */
	const char *export_dir; /* e writes there */
	bool marking;           /* typing a mark's text */
	bool noting;            /* ... and it is a note (;), not a mark */
	char mark_text[96];
	int nmarks;
	struct tty *tty;
	struct evstore *st;
	pic *pic;              /* the deck's when replaying */
	deck *deck;            /* NULL without --replay */
	bool typing_time;      /* g: reading a time into when */
	char when[40];
	tcop_ms deck_wall;     /* wall time of the last deck tick */
	struct picsrc *ps;
	struct screen *scr;
	struct canvas *page, *shown, *mapc;
	uint8_t *prio, *cells;
	struct screen_feed feeds[VIEW_FEEDS_MAX];
	struct pic_incident conj; /* the selected conjunction's two objects */
	int nfeeds, fps;
	tcop_cls max_cls;       /* --max-cls, TCOP_CLS_NONE: none */
	bool ascii, quit, dirty, view_changed, list_dirty;
	double bytes_per_cell;  /* measured, for the link budget */
	long win_bytes;         /* bytes written in the current second */
	tcop_ms win_start, next_frame, last_status;
	int win_frames;
	tcop_event ev;
	struct view_brief br;
};

static int
view_option(struct view_opts *o, int c, const char *arg)
{
	char *end;
	long n;

	switch (c) {
	case O_FEED:
		if (o->nfeeds == VIEW_FEEDS_MAX)
			return cli_usage("view", "at most %d feeds", VIEW_FEEDS_MAX);
		o->feeds[o->nfeeds++] = arg;
		break;
	case O_CONFIG: o->config = arg; break;
	case O_REGION: o->region = arg; break;
	case O_ASCII: o->ascii = true; break;
	case O_MONO: o->mono = true; break;
	case O_NOMOUSE: o->no_mouse = true; break;
	case O_MAXRATE:
		if (!cli_parse_long(arg, 0, 1000000000, &n))
			return cli_usage("view", "--max-rate %s: want bytes/s, "
			    "0..1e9", arg);
		o->max_rate = n;
		break;
	case O_FPS:
		if (!cli_parse_long(arg, 1, 30, &n))
			return cli_usage("view", "--fps %s: want 1..30", arg);
		o->fps = (int)n;
		break;
	case O_PROJ:
		if (strcmp(arg, "mercator") == 0)
			o->proj = PROJ_MERCATOR;
		else if (strcmp(arg, "equirect") == 0 ||
		    strcmp(arg, "equirectangular") == 0)
			o->proj = PROJ_EQUIRECT;
		else
			return cli_usage("view", "--projection %s: want equirect "
			    "or mercator", arg);
		break;
	case O_RULES: o->rules = arg; break;
	case O_ASSETS: o->assets = arg; break;
	case O_CERT: o->tls.cert = arg; break;
	case O_KEY: o->tls.key = arg; break;
	case O_CA: o->tls.ca = arg; break;
	case O_ANNOTATE: o->annotate = arg; break;
	case O_MAXCLS:
		if ((o->max_cls = tcop_cls_parse(arg)) == TCOP_CLS_NONE)
			return cli_usage("view", "--max-cls wants U, CUI, C, S or "
			    "TS, not '%s'", arg);
		break;
	case O_SPEED:
		o->play = true;
		if (strcmp(arg, "max") == 0)
			o->speed = 0;
		else if ((o->speed = strtod(arg, &end)) < 0.25 ||
		    o->speed > 1000 || *end != '\0')
			return cli_usage("view", "--speed %s: want 0.25..1000 "
			    "or max", arg);
		break;
	case O_PAUSED: o->paused = true; break;
	case O_LOOP: o->loop = true; break;
	case O_EXPORT_DIR: o->export_dir = arg; break;
	case O_NAME: o->name = arg; break;
	case O_FOLLOW: o->follow = arg; break;
	case O_REPLAY:
		if (o->nreplays == CAPIDX_FILES)
			return cli_usage("view", "at most %d captures",
			    CAPIDX_FILES);
		o->replays[o->nreplays++] = arg;
		break;
	default:
		return cli_usage("view", "unknown option");
	}
	return -1;
}

static int
view_args(struct view_opts *o, int argc, char **argv)
{
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", view_longopts, NULL)) != -1) {
		if (c == O_HELP) {
			fputs(view_help, stdout);
			return CLI_OK;
		}
		if (c == '?')
			return cli_usage("view", "unknown or incomplete option %s",
			    argv[optind - 1]);
		if ((rc = view_option(o, c, optarg)) >= 0)
			return rc;
	}
	if (optind < argc)
		return cli_usage("view", "unexpected argument %s", argv[optind]);
	return -1;
}

/* The config file: --config, else the user's if it exists. */
static int
load_config(struct app *a, const struct view_opts *o)
{
	char path[4096], why[600];
	const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
	struct stat sb;

	config_init(&a->cfg);
	if (o->config != NULL)
		snprintf(path, sizeof path, "%s", o->config);
	else if (xdg != NULL && xdg[0] != '\0')
		snprintf(path, sizeof path, "%s/tcop/config.json", xdg);
	else if (home != NULL)
		snprintf(path, sizeof path, "%s/.config/tcop/config.json", home);
	else
		return -1;
	if (o->config == NULL && stat(path, &sb) != 0)
		return -1;
	if (config_load(&a->cfg, path, why, sizeof why) != TCOP_OK) {
		fprintf(stderr, "tcop view: %s\n", why);
		return o->config != NULL && errno == ENOENT ? CLI_USAGE : CLI_FAIL;
	}
	return -1;
}

/*
 * Log lines go to the status row. The feed bus may log from its own
 * threads: the line waits under a lock until the loop takes it.
 */
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static char log_line[160];
static bool log_new;

static void
view_log(void *arg, const char *line)
{
	(void)arg;
	pthread_mutex_lock(&log_lock);
	snprintf(log_line, sizeof log_line, "%s", line);
	log_new = true;
	pthread_mutex_unlock(&log_lock);
}

static void
take_log(struct app *a)
{
	pthread_mutex_lock(&log_lock);
	if (log_new) {
		snprintf(a->v.msg, sizeof a->v.msg, "%s", log_line);
		log_new = false;
		a->dirty = true;
	}
	pthread_mutex_unlock(&log_lock);
}

/* (Re)build the canvases for a w x h terminal. */
static bool
alloc_frame(struct app *a, int w, int h)
{
	int mw, mh;

	canvas_destroy(a->page);
	canvas_destroy(a->shown);
	canvas_destroy(a->mapc);
	free(a->prio);
	free(a->cells);
	if (w < 20)
		w = 20;
	if (h < 8)
		h = 8;
	screen_map_size(w, h, &mw, &mh);
	a->page = canvas_create(w, h);
	a->shown = canvas_create(w, h);
	a->mapc = canvas_create(mw, mh);
	a->prio = calloc((size_t)w * h, 1);
	a->cells = calloc((size_t)mw * mh, 1);
	if (a->shown != NULL) {
		/* Nothing known on screen: every cell differs. */
		for (int i = 0; i < w * h; i++)
			a->shown->cells[i].ch = 0xffffffffu;
	}
	return a->page && a->shown && a->mapc && a->prio && a->cells;
}

static bool
set_view(struct app *a, double lat, double lon, double span)
{
	return viewport_center(&a->v.vp, a->v.vp.proj, a->mapc->w, a->mapc->h,
	    lat, lon, span) == TCOP_OK;
}

static void
goto_region(struct app *a, int i)
{
	const struct region *r;

	if (i < 0 || i >= a->regions.n)
		return;
	r = &a->regions.r[i];
	snprintf(a->v.region, sizeof a->v.region, "%s", r->name);
	set_view(a, r->lat, r->lon, r->span);
	a->v.follow = false;
	a->view_changed = true;
}

/* The terminal's size changed (curses knows it: KEY_RESIZE). */
static void
resize(struct app *a)
{
	int w, h;

	tty_size(a->tty, &w, &h);
	if (!alloc_frame(a, w, h)) {
		a->quit = true;
		return;
	}
	set_view(a, a->v.vp.center_lat, a->v.vp.center_lon, a->v.vp.span);
	tty_touch(a->tty);
	a->view_changed = a->dirty = true;
}

/* ==== keys ==== */

static void
search_key(struct app *a, int k)
{
	struct view *v = &a->v;
	size_t n = strlen(v->filter);

	if (k == UK_ENTER)
		v->searching = false;
	else if (k == UK_ESC) {
		v->searching = false;
		v->filter[0] = '\0';
	} else if (k == UK_BACKSPACE) {
		if (n > 0)
			v->filter[n - 1] = '\0';
	} else if (k >= ' ' && k < 127 && n + 1 < sizeof v->filter) {
		v->filter[n] = (char)k;
		v->filter[n + 1] = '\0';
	}
	v->sel = 0;
	a->list_dirty = true;
}

static void
pan(struct app *a, double dx, double dy)
{
	viewport_pan(&a->v.vp, dx * (a->mapc->w / 4 + 1),
	    dy * (a->mapc->h / 4 + 1));
	a->v.follow = false;
	a->v.region[0] = '\0';
	a->view_changed = true;
}

static void
toggle(struct app *a, bool *b, const char *what)
{
	*b = !*b;
	snprintf(a->v.msg, sizeof a->v.msg, "%s %s", what, *b ? "on" : "off");
	a->view_changed = true;
}

/* The operator moves the selection: an incident selected is framed. */
static void
user_select(struct app *a, int d)
{
	screen_select(a->scr, &a->v, d);
	a->v.framed = false;
}

static void
set_list(struct app *a, int list)
{
	struct view *v = &a->v;

	v->list = list;
	v->sel = v->top = 0;
	v->sort_col = 0;
	v->sort_rev = false;
	v->pane = PANE_LIST;
	screen_list_update(a->scr, v, a->st, a->pic);
	a->list_dirty = false;
}

static void brief_book_note(struct app *a, const tcop_event *ev,
    bool applied);

/*
 * P: the passes over the site (the last track, asset, area or zone
 * selected, else the map's centre; ui/screen.h), with no filter.
 */
static void
passes_list(struct app *a)
{
	a->v.filter[0] = '\0';
	a->v.searching = false;
	set_list(a, LIST_PASSES);
}

/*
 * Apply an annotation (a tcop/1 message) to this viewer's picture and, with
 * --annotate, publish it for every other viewer. Says what happened.
 */
/*
 * An annotation is derived from what the operator sees, so it carries the
 * marking of the last frame (the banner: the highest `cls`, and the `rel`
 * common to everything displayed), unless its builder marked it already.
 * An unmarked picture gives `U`. A relay's filter (--max-cls,
 * --releasable-to) then judges annotations like any other event, fail
 * closed: a mark made over SECRET//REL TO USA, JPN goes where that
 * picture may go, and no further. Writes the marked copy of msg into buf
 * and returns its length; 0 (use msg as it is) if msg is marked already
 * (its own `cls`, as the decoder reads it into *scratch: a text that
 * quotes "cls" is not a marking) or is not a tcop/1 message.
 */
static size_t
annot_marked(const struct banner *b, const char *msg, size_t len, char *buf,
    size_t size, tcop_event *scratch)
{
	const char *brace = memchr(msg, '{', len);
	size_t at, head, rest;

	if (brace == NULL || len + 32 + 8 * TCOP_REL_MAX > size ||
	    tcop_event_decode(msg, len, scratch) != TCOP_OK ||
	    scratch->cls != TCOP_CLS_NONE)
		return 0;
	head = (size_t)(brace + 1 - msg);
	rest = len - head;
	memcpy(buf, msg, head);
	at = head + (size_t)snprintf(buf + head, size - head,
	    "\"cls\":\"%s\",", b->max > TCOP_CLS_U ? tcop_cls_name(b->max) : "U");
	if (b->max > TCOP_CLS_U && b->nrel > 0) {
		at += (size_t)snprintf(buf + at, size - at, "\"rel\":[");
		for (int i = 0; i < b->nrel && i < TCOP_REL_MAX; i++)
			at += (size_t)snprintf(buf + at, size - at, "%s\"%.4s\"",
			    i ? "," : "", b->rel[i]);
		at += (size_t)snprintf(buf + at, size - at, "],");
	}
	memcpy(buf + at, brace + 1, rest);
	return at + rest;
}

static void
annotate_raw(struct app *a, const char *msg, size_t len, const char *what);

/* Apply an annotation here, marked (annot_marked), and publish it. */
static void
annotate(struct app *a, const char *msg, size_t len, const char *what)
{
	char buf[4096];
	size_t n = annot_marked(&a->v.shown, msg, len, buf, sizeof buf,
	    &a->ev);

	if (n > 0)
		annotate_raw(a, buf, n, what);
	else
		annotate_raw(a, msg, len, what);
}

static void
annotate_raw(struct app *a, const char *msg, size_t len, const char *what)
{
	struct view *v = &a->v;

	if (tcop_event_decode(msg, len, &a->ev) != TCOP_OK ||
	    pic_apply(a->pic, &a->ev) != TCOP_OK) {
		snprintf(v->msg, sizeof v->msg, "%s: failed", what);
		return;
	}
	evstore_add(a->st, &a->ev, -1);
	brief_book_note(a, &a->ev, true);
	a->list_dirty = true;
	if (a->ann == NULL)
		snprintf(v->msg, sizeof v->msg, "%s", what);
	else if (annot_send(a->ann, msg, len) != TCOP_OK)
		snprintf(v->msg, sizeof v->msg, "NOT published (annotate down): "
		    "%s", what);
	else
		snprintf(v->msg, sizeof v->msg, "published: %s", what);
}

/* Acknowledge the selected incident (picture/ack, pic_ack_msg()). */
static void
ack(struct app *a)
{
	struct view *v = &a->v;
	char msg[1024], what[160];
	size_t len;

	if (v->list != LIST_INCIDENTS ||
	    pic_incident_find(a->pic, v->sel_id) == NULL) {
		snprintf(v->msg, sizeof v->msg, "acknowledge: select an "
		    "incident first (I)");
		return;
	}
	if (pic_ack_msg(v->sel_id, a->by, pic_time(a->pic), "tcop-view", -1,
	    msg, sizeof msg, &len) != TCOP_OK) {
		snprintf(v->msg, sizeof v->msg, "acknowledge: failed");
		return;
	}
	snprintf(what, sizeof what, "acknowledged %.100s", v->sel_id);
	annotate(a, msg, len, what);
}

/* JSON string body of s (printable ASCII only, as typed). */
static void
json_text(char *out, size_t size, const char *s)
{
	size_t n = 0;

	for (; *s != '\0' && n + 3 < size; s++) {
		if (*s == '"' || *s == '\\')
			out[n++] = '\\';
		out[n++] = *s;
	}
	out[n] = '\0';
}

/*
 * A mark that reports GNSS interference (ui/jammark.h): `jam|spoof RADIUS
 * ...` also publishes a cyber/interference area at the mark (id
 * area:mark-NAME-PID-N for the mark mark:NAME-PID-N), `clear` closes the
 * selected area, or the area of the selected incident (pnt-disruption).
 * Returns false when the text is bad (status line says why): then nothing
 * is published, not even the mark. area gets the area a clear closes.
 */
static bool
jam_check(struct app *a, struct jammark *jm, char area[TCOP_ID_MAX])
{
	struct view *v = &a->v;
	const struct pic_incident *inc;
	struct pic_entity e;

	area[0] = '\0';
	switch (jammark_parse(a->mark_text, pic_time(a->pic), jm)) {
	case JAMMARK_BAD:
		snprintf(v->msg, sizeof v->msg, "NOT published: %s", jm->why);
		return false;
	case JAMMARK_CLEAR:
		if (pic_find(a->pic, v->sel_id, &e) && e.kind == PIC_AREA)
			snprintf(area, TCOP_ID_MAX, "%s", e.id);
		else if ((inc = pic_incident_find(a->pic, v->sel_id)) != NULL)
			for (int i = 0; i < inc->nmembers && !area[0]; i++)
				if (pic_find(a->pic, inc->members[i], &e) &&
				    e.kind == PIC_AREA)
					snprintf(area, TCOP_ID_MAX, "%s", e.id);
		if (area[0] == '\0') {
			snprintf(v->msg, sizeof v->msg, "NOT published: clear: "
			    "select an area or its incident");
			return false;
		}
		return true;
	default:
		return true;
	}
}

/* Publish the area (or the clear) of a jam mark after the mark itself. */
static void
jam_publish(struct app *a, const struct jammark *jm, const char *mark_id,
    const char *area, double lat, double lon)
{
	struct view *v = &a->v;
	char id[TCOP_ID_MAX], msg[1024], what[160];
	size_t len;

	if (jm->kind == JAMMARK_AREA) /* mark:NAME-PID-N -> area:mark-NAME-... */
		snprintf(id, sizeof id, "area:mark-%s", mark_id + 5);
	else
		snprintf(id, sizeof id, "%s", area);
	if (jammark_msg(jm, id, pic_time(a->pic), a->by, a->mark_text, lat,
	    lon, msg, sizeof msg, &len) != TCOP_OK) {
		snprintf(v->msg, sizeof v->msg, "interference: too long");
		return;
	}
	if (jm->kind == JAMMARK_AREA)
		snprintf(what, sizeof what, "%s area %.1f km \"%.60s\"",
		    jm->what, jm->radius_m / 1000, a->mark_text);
	else
		snprintf(what, sizeof what, "cleared %.100s", id);
	annotate(a, msg, len, what);
}

/*
 * The typed mark: on the selection (ref, at its position if it has one),
 * else at the clicked cursor, else at the map's centre.
 */
static void
mark_done(struct app *a)
{
	struct view *v = &a->v;
	const struct pic_incident *inc;
	struct pic_entity e;
	struct jammark jm;
	double lat = v->cursor_set ? v->cur_lat : v->vp.center_lat;
	double lon = v->cursor_set ? v->cur_lon : v->vp.center_lon;
	char text[200], ref[TCOP_ID_MAX + 16] = "", ts[32], msg[1024];
	char what[160], id[TCOP_ID_MAX - 8], area[TCOP_ID_MAX];
	int n;

	if (!jam_check(a, &jm, area))
		return;
	if (v->sel_id[0] != '\0' && strpbrk(v->sel_id, "\"\\") == NULL) {
		snprintf(ref, sizeof ref, ",\"ref\":\"%s\"", v->sel_id);
		if (pic_find(a->pic, v->sel_id, &e) && e.has_pos) {
			lat = e.lat;
			lon = e.lon;
		} else if ((inc = pic_incident_find(a->pic, v->sel_id)) != NULL) {
			/* an incident: at its first member with a position */
			for (int i = inc->nmembers - 1; i >= 0; i--)
				if (pic_find(a->pic, inc->members[i], &e) &&
				    e.has_pos) {
					lat = e.lat;
					lon = e.lon;
				}
		}
	}
	json_text(text, sizeof text, a->mark_text);
	tcop_time_format_ms(pic_time(a->pic), ts, sizeof ts);
	snprintf(id, sizeof id, "mark:%s-%d-%d", a->by, (int)getpid(),
	    ++a->nmarks);
	n = snprintf(msg, sizeof msg, "picture/mark {\"id\":\"%s\","
	    "\"t\":\"%s\",\"src\":\"tcop-view\",\"by\":\"%s\",\"text\":\"%s\"%s,"
	    "\"lat\":%.5f,\"lon\":%.5f}", id, ts, a->by, text, ref, lat, lon);
	if (n < 0 || (size_t)n >= sizeof msg) {
		snprintf(v->msg, sizeof v->msg, "mark: too long");
		return;
	}
	snprintf(what, sizeof what, "marked \"%.60s\"", a->mark_text);
	annotate(a, msg, (size_t)n, what);
	if (jm.kind == JAMMARK_AREA || jm.kind == JAMMARK_CLEAR)
		jam_publish(a, &jm, id, area, lat, lon);
}

/*
 * The typed note (picture/note): a text on the selected incident or
 * entity, with no position of its own; every viewer's detail of that
 * incident or entity lists it (screen.c).
 */
static void
note_done(struct app *a)
{
	struct view *v = &a->v;
	char text[200], ts[32], msg[1024], what[160];
	int n;

	if (v->sel_id[0] == '\0' || strpbrk(v->sel_id, "\"\\") != NULL) {
		snprintf(v->msg, sizeof v->msg, "note: select an incident or "
		    "an entity first");
		return;
	}
	if (a->mark_text[0] == '\0') {
		snprintf(v->msg, sizeof v->msg, "note: empty, nothing sent");
		return;
	}
	json_text(text, sizeof text, a->mark_text);
	tcop_time_format_ms(pic_time(a->pic), ts, sizeof ts);
	n = snprintf(msg, sizeof msg, "picture/note {\"id\":\"note:%s-%d-%d\","
	    "\"t\":\"%s\",\"src\":\"tcop-view\",\"by\":\"%s\",\"text\":\"%s\","
	    "\"ref\":\"%s\"}", a->by, (int)getpid(), ++a->nmarks, ts, a->by, text,
	    v->sel_id);
	if (n < 0 || (size_t)n >= sizeof msg) {
		snprintf(v->msg, sizeof v->msg, "note: too long");
		return;
	}
	snprintf(what, sizeof what, "noted \"%.60s\" on %.60s", a->mark_text,
	    v->sel_id);
	annotate(a, msg, (size_t)n, what);
}

/*
 * m (or ;): type the mark's (the note's) text on the status line; Enter
 * sends it, Esc not.
 */
static void
mark_key(struct app *a, int k)
{
	struct view *v = &a->v;
	size_t n = strlen(a->mark_text);
	const char *what = a->noting ? "note" : "mark";

	if (k == UK_ENTER) {
		a->marking = false;
		if (a->noting)
			note_done(a);
		else
			mark_done(a);
		return;
	}
	if (k == UK_ESC) {
		a->marking = false;
		snprintf(v->msg, sizeof v->msg, "%s: cancelled", what);
		return;
	}
	if (k == UK_BACKSPACE) {
		if (n > 0)
			a->mark_text[n - 1] = '\0';
	} else if (k >= ' ' && k < 127 && n + 1 < sizeof a->mark_text) {
		a->mark_text[n] = (char)k;
		a->mark_text[n + 1] = '\0';
	}
	snprintf(v->msg, sizeof v->msg, "%s text: %s_", what, a->mark_text);
}

/* s: every satellite -> the selected only -> none -> every ... */
static void
space_layer(struct app *a)
{
	struct view *v = &a->v;

	if (!v->lo.space) {
		v->lo.space = true;
		v->sats_all = 1;
	} else if (v->lo.sats_all) {
		v->sats_all = 0;
	} else {
		v->lo.space = false;
	}
	snprintf(v->msg, sizeof v->msg, "space: %s", !v->lo.space ? "off" :
	    v->sats_all ? "all satellites" : "selected satellite only");
	a->view_changed = true;
}

/* ==== the replay deck ==== */

static void
deck_moved(struct app *a)
{
	a->pic = deck_pic(a->deck);
	a->list_dirty = a->dirty = true;
}

static void
deck_seek_by(struct app *a, tcop_ms d)
{
	struct deck_status st;

	deck_status(a->deck, &st);
	(void)deck_seek(a->deck, st.pos + d);
	deck_moved(a);
}

/*
 * The typed time of g: RFC 3339, or HH:MM[:SS] on the replay's current
 * day (UTC).
 */
static void
deck_goto(struct app *a)
{
	struct deck_status st;
	char day[64];
	tcop_ms t;
	int hh, mm, ss = 0, n = 0;

	deck_status(a->deck, &st);
	if (tcop_time_parse(a->when, strlen(a->when), &t) != TCOP_OK) {
		if (sscanf(a->when, "%2d:%2d%n:%2d%n", &hh, &mm, &n, &ss, &n) < 2 ||
		    a->when[n] != '\0' || hh > 23 || mm > 59 || ss > 59) {
			snprintf(a->v.msg, sizeof a->v.msg, "go to %s: want "
			    "HH:MM[:SS] or an RFC 3339 time", a->when);
			return;
		}
		tcop_time_format_s(st.pos, day, sizeof day);
		snprintf(day + 11, sizeof day - 11, "%02d:%02d:%02dZ", hh, mm,
		    ss);
		if (tcop_time_parse(day, strlen(day), &t) != TCOP_OK)
			return;
	}
	(void)deck_seek(a->deck, t);
	deck_moved(a);
}

static void
time_key(struct app *a, int k)
{
	size_t n = strlen(a->when);

	if (k == UK_ENTER) {
		a->typing_time = false;
		deck_goto(a);
		return;
	}
	if (k == UK_ESC) {
		a->typing_time = false;
		return;
	}
	if (k == UK_BACKSPACE && n > 0)
		a->when[n - 1] = '\0';
	else if (k > ' ' && k < 127 && n + 1 < sizeof a->when) {
		a->when[n] = (char)k;
		a->when[n + 1] = '\0';
	}
	snprintf(a->v.msg, sizeof a->v.msg, "go to (HH:MM[:SS] or RFC 3339, "
	    "Enter): %s", a->when);
}

/* A deck key; false if act_ is not one. */
static bool
deck_act(struct app *a, enum view_action act_)
{
	struct deck_status st;
	deck *d = a->deck;

	if (act_ < VA_PLAY || act_ > VA_LOOP)
		return false;
	if (d == NULL) {
		snprintf(a->v.msg, sizeof a->v.msg, "no replay: tcop view "
		    "--replay CAPTURE");
		return true;
	}
	deck_status(d, &st);
	switch (act_) {
	case VA_PLAY: deck_play(d, !st.playing); break;
	case VA_STEP: deck_play(d, false); deck_step(d); break;
	case VA_SLOWER: deck_speed_step(d, -1); break;
	case VA_FASTER: deck_speed_step(d, 1); break;
	case VA_BACK_MIN: deck_seek_by(a, -60000); break;
	case VA_FWD_MIN: deck_seek_by(a, 60000); break;
	case VA_BACK_HOUR: deck_seek_by(a, -3600000); break;
	case VA_FWD_HOUR: deck_seek_by(a, 3600000); break;
	case VA_GOTO:
		a->typing_time = true;
		a->when[0] = '\0';
		time_key(a, UK_NONE);
		break;
	case VA_NEXT_INC: case VA_PREV_INC:
		if (!deck_incident(d, act_ == VA_NEXT_INC ? 1 : -1))
			snprintf(a->v.msg, sizeof a->v.msg, "no %s incident",
			    act_ == VA_NEXT_INC ? "further" : "earlier");
		break;
	case VA_LOOP:
		deck_loop(d, !st.loop);
		break;
	default: break;
	}
	deck_moved(a);
	return true;
}

/*
 * e: the map as it is on screen (the last frame's map canvas) with a
 * banner of what it shows, a status line and the picture's incidents, as
 * an HTML slide and a .txt named by the picture's time (ui/slide.h). The
 * status line says where, or why not.
 */
static void
export_view(struct app *a)
{
	struct view *v = &a->v;
	struct canvas *page;
	struct banner b;
	char st[256], t[40] = "now", path[4200], why[4400], title[96];
	tcop_ms pt = pic_time(a->pic);
	tcop_err e;

	if (pt == TCOP_MS_NONE)
		pt = tcop_now_ms(); /* no event yet: the map alone, now */
	else
		tcop_time_format_s(pt, t, sizeof t);
	if ((page = canvas_create(a->mapc->w, a->mapc->h +
	    SLIDE_FRAME_ROWS)) == NULL) {
		snprintf(v->msg, sizeof v->msg, "export failed: out of memory");
		return;
	}
	banner_init(&b);
	slide_banner(&b, &v->vp, a->ps->items, a->ps->n);
	slide_banner_incidents(&b, a->pic);
	snprintf(st, sizeof st, " %s %.2f%c %.2f%c span %.2f deg | %s | "
	    "picture %s", v->region[0] ? v->region : "view",
	    fabs(v->vp.center_lat), v->vp.center_lat < 0 ? 'S' : 'N',
	    fabs(v->vp.center_lon), v->vp.center_lon < 0 ? 'W' : 'E',
	    v->vp.span, v->vp.proj == PROJ_MERCATOR ? "mercator" :
	    "equirect", t);
	slide_compose(page, a->mapc, &b, st);
	snprintf(title, sizeof title, "tcop view: %s %s",
	    v->region[0] ? v->region : "view", t);
	e = slide_export(a->export_dir, pt, page, a->pic, a->ascii, title,
	    path, sizeof path, why, sizeof why);
	/* The name first: the status line may cut the directory. */
	if (e == TCOP_OK)
		snprintf(v->msg, sizeof v->msg, "exported %.60s +.txt in %.80s",
		    strrchr(path, '/') ? strrchr(path, '/') + 1 : path,
		    a->export_dir);
	else
		snprintf(v->msg, sizeof v->msg, "%.150s", why);
	canvas_destroy(page);
}

/* ==== briefing: shared views, following, bookmarks (ui/brief.h) ==== */

/* The list an id is listed in, for a selection that arrives by id. */
static int
list_of_id(const char *id)
{
	if (strncmp(id, "inc:", 4) == 0)
		return LIST_INCIDENTS;
	if (strncmp(id, "mmsi:", 5) == 0)
		return LIST_TRACKS;
	if (strncmp(id, "norad:", 6) == 0)
		return LIST_SATS;
	if (strncmp(id, "asset:", 6) == 0)
		return LIST_ALERTS;
	if (strncmp(id, "bm:", 3) == 0 || strncmp(id, "mark:", 5) == 0)
		return LIST_BOOKMARKS;
	return LIST_EVENTS;
}

/* The picture's time, or the wall clock before the first event. */
static tcop_ms
brief_now(struct app *a)
{
	tcop_ms t = pic_time(a->pic);

	return t != TCOP_MS_NONE ? t : tcop_now_ms();
}

/* This viewer's view as a briefer shares it. */
static void
brief_current(struct app *a, struct brief_view *bv)
{
	struct view *v = &a->v;

	brief_view_init(bv);
	snprintf(bv->by, sizeof bv->by, "%s", a->by);
	snprintf(bv->region, sizeof bv->region, "%s", v->region);
	bv->has_center = true;
	bv->lat = v->vp.center_lat;
	bv->lon = v->vp.center_lon;
	bv->span = v->vp.span;
	snprintf(bv->selection, sizeof bv->selection, "%s", v->sel_id);
	if (a->deck != NULL) {
		struct deck_status st;

		deck_status(a->deck, &st);
		bv->replay_t = st.pos;
		bv->speed = st.speed;
		bv->playing = st.playing;
	}
}

/* Select id (in the list it belongs to) without reframing the view. */
static void
brief_select(struct app *a, const char *id)
{
	struct view *v = &a->v;
	int list = list_of_id(id);

	if (id[0] == '\0' || strcmp(v->sel_id, id) == 0)
		return;
	if (v->list != list)
		set_list(a, list);
	screen_select_id(a->scr, v, id);
	v->framed = true;
	a->list_dirty = true;
}

/* Show a view: centre and span (else the region preset), selection. */
static void
brief_show(struct app *a, const struct brief_view *bv)
{
	struct view *v = &a->v;

	if (bv->has_center && isfinite(bv->span) && bv->span > 0)
		set_view(a, bv->lat, bv->lon, bv->span);
	else
		for (int i = 0; i < a->regions.n; i++)
			if (strcmp(a->regions.r[i].name, bv->region) == 0)
				goto_region(a, i);
	snprintf(v->region, sizeof v->region, "%s", bv->region);
	v->follow = false;
	a->view_changed = true;
	brief_select(a, bv->selection);
}

/* A followed briefer's view: the map, the selection, the deck. */
static void
brief_apply(struct app *a, const struct brief_view *bv)
{
	struct deck_status st;

	brief_show(a, bv);
	if (a->deck != NULL && bv->replay_t != TCOP_MS_NONE) {
		deck_status(a->deck, &st);
		if (bv->speed >= 0 && bv->speed != st.speed)
			deck_set_speed(a->deck, bv->speed);
		if (bv->playing >= 0 && (bv->playing == 1) != st.playing)
			deck_play(a->deck, bv->playing == 1);
		if (brief_should_seek(bv, st.pos)) {
			(void)deck_seek(a->deck, bv->replay_t);
			deck_moved(a);
		}
	}
	a->dirty = true;
}

/* A mark or bookmark into the book; applied: it is in the picture. */
static void
brief_book_note(struct app *a, const tcop_event *ev, bool applied)
{
	struct brief_mark m;
	int i;

	if (brief_mark_parse(ev, &m) != TCOP_OK)
		return;
	if ((i = brief_book_find(&a->br.book, m.id)) >= 0) {
		m.applied = applied || a->br.book.m[i].applied;
		m.in_capture = a->br.book.m[i].in_capture;
	} else
		m.applied = applied;
	if (brief_book_add(&a->br.book, &m) < 0)
		snprintf(a->v.msg, sizeof a->v.msg, "bookmarks: the list is "
		    "full (%d)", BRIEF_BOOK_MAX);
	if (a->v.list == LIST_BOOKMARKS)
		a->list_dirty = true;
}

/*
 * A feed event the briefing takes: a picture/view (followed or not, it
 * is not an event of the picture), and in a replay a mark (the book puts
 * it in the picture at its time). True: taken.
 */
static bool
brief_event(struct app *a, const tcop_event *ev)
{
	struct brief_view bv;

	if (ev->kind == TCOP_K_MARK) {
		brief_book_note(a, ev, a->deck == NULL);
		return a->deck != NULL &&
		    brief_book_find(&a->br.book, ev->id) >= 0;
	}
	if (ev->kind != TCOP_K_VIEW)
		return false;
	if (strncmp(ev->id, a->br.prefix, strlen(a->br.prefix)) == 0 ||
	    brief_view_parse(ev, &bv) != TCOP_OK)
		return true; /* our own, or not one we can show */
	if (bv.by[0] != '\0')
		snprintf(a->br.last, sizeof a->br.last, "%s", bv.by);
	if (a->br.follow[0] != '\0' && strcmp(bv.by, a->br.follow) == 0)
		brief_apply(a, &bv);
	return true;
}

/* The deck rebuilt its picture: the book's marks go in again in time. */
static void
brief_deck_reset(struct app *a)
{
	for (int i = 0; i < a->br.book.n; i++)
		a->br.book.m[i].applied = false;
}

/* In a replay: the book's marks whose time has come go in the picture. */
static void
brief_apply_due(struct app *a)
{
	struct deck_status st;
	char msg[2048];
	size_t len;

	deck_status(a->deck, &st);
	for (int i = 0; i < a->br.book.n; i++) {
		struct brief_mark *m = &a->br.book.m[i];

		if (m->applied || m->in_capture || m->t > st.pos)
			continue;
		m->applied = true;
		if (brief_mark_msg(m, msg, sizeof msg, &len) != TCOP_OK ||
		    tcop_event_decode(msg, len, &a->ev) != TCOP_OK ||
		    pic_apply(a->pic, &a->ev) != TCOP_OK)
			continue;
		evstore_add(a->st, &a->ev, -1);
		a->list_dirty = a->dirty = true;
	}
}

/* The briefing's state or prompt, first on the status row. */
static void
brief_status(struct app *a)
{
	struct view_brief *b = &a->br;
	char s[sizeof a->v.brief];

	if (b->typing == 'K')
		snprintf(s, sizeof s, "bookmark text: %.40s_", b->text);
	else if (b->typing == 'V')
		snprintf(s, sizeof s, "follow (Enter: %.20s): %.20s_",
		    b->last[0] ? b->last : "type a name", b->text);
	else if (b->follow[0] != '\0')
		snprintf(s, sizeof s, "following %s", b->follow);
	else if (b->share.on)
		snprintf(s, sizeof s, "sharing");
	else
		s[0] = '\0';
	if (strcmp(s, a->v.brief) != 0) {
		memcpy(a->v.brief, s, sizeof s);
		a->dirty = true;
	}
}

/* Each loop: marks due in a replay; this viewer's view if shared. */
static void
brief_run(struct app *a, tcop_ms now)
{
	struct brief_view bv;
	char msg[2048], id[96], marked[4096];
	size_t len, n;

	brief_status(a);
	if (a->deck != NULL)
		brief_apply_due(a);
	if (!a->br.share.on)
		return;
	brief_current(a, &bv);
	if (!brief_share_due(&a->br.share, &bv, now))
		return;
	snprintf(id, sizeof id, "%s%d", a->br.prefix, ++a->br.nviews);
	if (brief_view_msg(&bv, id, brief_now(a), msg, sizeof msg, &len) !=
	    TCOP_OK)
		return;
	/* Sent or not (the link is down: the status line says so), the
	 * next one goes out at the keep-alive or on the next change. */
	if ((n = annot_marked(&a->v.shown, msg, len, marked, sizeof marked,
	    &a->ev)) > 0)
		(void)annot_send(a->ann, marked, n);
	else
		(void)annot_send(a->ann, msg, len);
	brief_share_sent(&a->br.share, &bv, now);
}

/* The deck's time bar, with a tick per bookmark (and room for them). */
static void
brief_deckbar(struct app *a)
{
	struct view *v = &a->v;
	const struct capidx *ix = deck_index(a->deck);
	int w = a->page->w;

	/* Beside feeds, the bar without its gauge leaves them room; with
	 * bookmarks, a short gauge shows where they are. */
	if (a->nfeeds > 0 || v->annotate >= 0 || v->max_cls != TCOP_CLS_NONE)
		w = a->br.book.n > 0 ? 60 + (w >= 100 ? 30 : 12) : 0;
	deck_bar(a->deck, v->deckbar, sizeof v->deckbar, w);
	brief_bar_ticks(v->deckbar, ix->t0, ix->t1, &a->br.book);
}

/* K's text typed: the bookmark of this moment, view and selection. */
static void
brief_bookmark(struct app *a)
{
	struct brief_mark m;
	char msg[2048], what[160];
	size_t len;

	memset(&m, 0, sizeof m);
	snprintf(m.id, sizeof m.id, "bm:%s-%d-%d", a->by, (int)getpid(),
	    ++a->br.nbooks);
	snprintf(m.text, sizeof m.text, "%s", a->br.text);
	brief_current(a, &m.v);
	m.v.speed = -1;
	m.v.playing = -1;
	m.t = m.v.replay_t != TCOP_MS_NONE ? m.v.replay_t : brief_now(a);
	m.bookmark = m.has_pos = true;
	m.lat = m.v.lat;
	m.lon = m.v.lon;
	if (brief_mark_msg(&m, msg, sizeof msg, &len) != TCOP_OK) {
		snprintf(a->v.msg, sizeof a->v.msg, "bookmark: too long");
		return;
	}
	snprintf(what, sizeof what, "bookmark \"%.60s\"", a->br.text);
	annotate(a, msg, len, what);
}

/* Enter in the bookmarks list: to its time, its view, its selection. */
static void
brief_jump(struct app *a)
{
	int i = brief_book_find(&a->br.book, a->v.sel_id);
	const struct brief_mark *m;
	struct brief_view bv;
	char t[40];

	if (i < 0) {
		snprintf(a->v.msg, sizeof a->v.msg, "bookmarks: none selected");
		return;
	}
	m = &a->br.book.m[i];
	bv = m->v;
	if (!m->bookmark) { /* a mark: centred on it, at the same zoom */
		bv.has_center = m->has_pos;
		bv.lat = m->lat;
		bv.lon = m->lon;
		bv.span = a->v.vp.span;
		bv.region[0] = '\0';
		bv.selection[0] = '\0';
	}
	if (a->deck != NULL) {
		(void)deck_seek(a->deck, brief_mark_time(m));
		deck_moved(a);
	}
	if (bv.has_center)
		brief_show(a, &bv);
	tcop_time_format_s(brief_mark_time(m), t, sizeof t);
	snprintf(a->v.msg, sizeof a->v.msg, "at %s \"%.60s\" (%s)",
	    m->bookmark ? "bookmark" : "mark", m->text,
	    t + (strlen(t) > 11 ? 11 : 0));
}

static void
brief_follow(struct app *a, const char *name)
{
	snprintf(a->br.follow, sizeof a->br.follow, "%.31s", name);
	snprintf(a->v.msg, sizeof a->v.msg, "any key stops following");
}

/*
 * Keys while typing a bookmark's text (K) or a briefer's name (V), and
 * the key that stops following. True: the key is used up.
 */
static bool
brief_key(struct app *a, int k)
{
	struct view_brief *b = &a->br;
	size_t n = strlen(b->text);

	if (b->typing == 0) {
		if (b->follow[0] != '\0' && k != UK_RESIZE &&
		    keymap_lookup(&a->cfg.keys, k) != VA_FOLLOW_BRIEFER) {
			snprintf(a->v.msg, sizeof a->v.msg, "stopped following "
			    "%s", b->follow);
			b->follow[0] = '\0';
			return true;
		}
		return false;
	}
	if (k == UK_ENTER || k == UK_ESC) {
		int typing = b->typing;

		b->typing = 0;
		a->v.msg[0] = '\0';
		if (k == UK_ESC)
			snprintf(a->v.msg, sizeof a->v.msg, "cancelled");
		else if (typing == 'K')
			brief_bookmark(a);
		else if (n > 0 || b->last[0] != '\0')
			brief_follow(a, n > 0 ? b->text : b->last);
		else
			snprintf(a->v.msg, sizeof a->v.msg, "follow: no briefer "
			    "seen yet: type a name");
		return true;
	}
	if (k == UK_BACKSPACE) {
		if (n > 0)
			b->text[n - 1] = '\0';
	} else if (k >= ' ' && k < 127 && n + 1 < sizeof b->text &&
	    (b->typing == 'K' || (k != ' ' && n + 1 < sizeof b->follow))) {
		b->text[n] = (char)k;
		b->text[n + 1] = '\0';
	}
	brief_status(a); /* the prompt */
	return true;
}

/* A briefing key; false if act_ is not one. */
static bool
brief_act(struct app *a, enum view_action act_)
{
	struct view_brief *b = &a->br;
	struct view *v = &a->v;

	switch (act_) {
	case VA_SHARE_VIEW:
		if (a->ann == NULL) {
			snprintf(v->msg, sizeof v->msg, "share: needs --annotate "
			    "URL (a relay's --ingest)");
			break;
		}
		b->share.on = !b->share.on;
		b->share.sent_any = false;
		snprintf(v->msg, sizeof v->msg, "sharing view as %s %s", a->by,
		    b->share.on ? "on" : "off");
		break;
	case VA_FOLLOW_BRIEFER:
		if (b->follow[0] != '\0') {
			snprintf(v->msg, sizeof v->msg, "stopped following %s",
			    b->follow);
			b->follow[0] = '\0';
			break;
		}
		b->typing = 'V';
		b->text[0] = '\0';
		brief_key(a, UK_NONE);
		break;
	case VA_BOOKMARK:
		b->typing = 'K';
		b->text[0] = '\0';
		brief_key(a, UK_NONE);
		break;
	case VA_LIST_BOOKMARKS: set_list(a, LIST_BOOKMARKS); break;
	case VA_DETAIL:
		if (v->list != LIST_BOOKMARKS)
			return false;
		brief_jump(a);
		break;
	default: return false;
	}
	return true;
}

static void
act(struct app *a, enum view_action act_)
{
	struct view *v = &a->v;
	int page = a->mapc->h - 2;

	if (deck_act(a, act_) || brief_act(a, act_))
		return;
	switch (act_) {
	case VA_QUIT: a->quit = true; break;
	case VA_HELP: v->help = !v->help; v->help_page = 0; break;
	case VA_PAN_LEFT: pan(a, -1, 0); break;
	case VA_PAN_RIGHT: pan(a, 1, 0); break;
	case VA_PAN_UP:
		if (v->pane == PANE_LIST)
			user_select(a, -1);
		else
			pan(a, 0, -1);
		break;
	case VA_PAN_DOWN:
		if (v->pane == PANE_LIST)
			user_select(a, 1);
		else
			pan(a, 0, 1);
		break;
	case VA_PAGE_UP: user_select(a, -page); break;
	case VA_PAGE_DOWN: user_select(a, page); break;
	case VA_ZOOM_IN: viewport_zoom(&v->vp, 2); a->view_changed = true; break;
	case VA_ZOOM_OUT: viewport_zoom(&v->vp, 0.5); a->view_changed = true; break;
	case VA_REGION_1: case VA_REGION_2: case VA_REGION_3: case VA_REGION_4:
	case VA_REGION_5: case VA_REGION_6: case VA_REGION_7: case VA_REGION_8:
	case VA_REGION_9:
		goto_region(a, (int)(act_ - VA_REGION_1));
		break;
	case VA_NEXT_PANE: case VA_PREV_PANE:
		v->pane = (v->pane + 1) % PANE_COUNT;
		break;
	case VA_NEXT_LIST: set_list(a, (v->list + 1) % LIST_COUNT); break;
	case VA_LIST_INCIDENTS: set_list(a, LIST_INCIDENTS); break;
	case VA_LIST_TRACKS: set_list(a, LIST_TRACKS); break;
	case VA_LIST_SATS: set_list(a, LIST_SATS); break;
	case VA_LIST_CONJ: set_list(a, LIST_CONJ); break;
	case VA_LIST_ALERTS: set_list(a, LIST_ALERTS); break;
	case VA_LIST_EVENTS: set_list(a, LIST_EVENTS); break;
	case VA_LIST_PASSES: passes_list(a); break;
	case VA_SEARCH:
		v->searching = true;
		v->pane = PANE_LIST;
		break;
	case VA_DETAIL: v->detail = !v->detail; break;
	case VA_FOLLOW:
		if (v->sel_id[0] == '\0') {
			snprintf(v->msg, sizeof v->msg, "follow: select something "
			    "with a position first");
			break;
		}
		v->follow = !v->follow;
		snprintf(v->msg, sizeof v->msg, "follow %s%s", v->follow ?
		    v->sel_id : "off", "");
		a->view_changed = true;
		break;
	case VA_ACK: ack(a); break;
	case VA_MARK:
	case VA_NOTE:
		a->noting = act_ == VA_NOTE;
		if (a->noting && v->sel_id[0] == '\0') {
			snprintf(v->msg, sizeof v->msg, "note: select an "
			    "incident or an entity first");
			break;
		}
		a->marking = true;
		a->mark_text[0] = '\0';
		snprintf(v->msg, sizeof v->msg, "%s text: _", a->noting ?
		    "note" : "mark");
		break;
	case VA_SORT:
		{
			const char *const *cols;
			v->sort_col = (v->sort_col + 1) %
			    (screen_columns(v->list, &cols) + 1);
		}
		a->list_dirty = true;
		break;
	case VA_SORT_REVERSE: v->sort_rev = !v->sort_rev; a->list_dirty = true; break;
	case VA_LAYER_MARITIME: toggle(a, &v->lo.maritime, "maritime"); break;
	case VA_LAYER_SPACE: space_layer(a); break;
	case VA_LAYER_CYBER: toggle(a, &v->lo.cyber, "cyber"); break;
	case VA_TRAILS: toggle(a, &v->lo.trails_all, "trails"); break;
	case VA_BORDERS:
		v->map_layers ^= MAP_BORDERS;
		snprintf(v->msg, sizeof v->msg, "borders %s",
		    v->map_layers & MAP_BORDERS ? "on" : "off");
		a->view_changed = true;
		break;
	case VA_REDRAW: tty_touch(a->tty); break;
	case VA_EXPORT: export_view(a); break;
	default: break;
	}
}

static int
list_of_item(enum layer_kind k)
{
	switch (k) {
	case LK_SHIP: return LIST_TRACKS;
	case LK_SAT: return LIST_SATS;
	case LK_ALERT: case LK_ASSET: return LIST_ALERTS;
	default: return LIST_EVENTS;
	}
}

static void
click(struct app *a, int x, int y)
{
	int mw, mh;
	struct view *v = &a->v;

	screen_map_size(a->page->w, a->page->h, &mw, &mh);
	if (y >= 1 && y <= mh && x < mw) {
		const struct layer_item *e = layers_pick(&v->vp, a->ps->items,
		    a->ps->n, &v->lo, x, y - 1);
		proj_cell_to_ll(&v->vp, x + 0.5, y - 1 + 0.5, &v->cur_lat,
		    &v->cur_lon);
		v->cursor_set = true;
		if (e != NULL) {
			char id[TCOP_ID_MAX];
			snprintf(id, sizeof id, "%s", e->id);
			v->list = list_of_item(e->kind);
			v->filter[0] = '\0';
			screen_list_update(a->scr, v, a->st, a->pic);
			screen_select_id(a->scr, v, id);
		}
	} else if (y >= 2 && y <= mh && x > mw) {
		v->pane = PANE_LIST;
		v->sel = v->top + (y - 2);
		user_select(a, 0);
	}
}

static void
on_key(struct app *a, int k, int mx, int my)
{
	a->dirty = true;
	if (k == UK_RESIZE) {
		resize(a);
		return;
	}
	if (a->marking) {
		mark_key(a, k);
		return;
	}
	if (brief_key(a, k))
		return;
	a->v.msg[0] = '\0';
	if (a->v.help && k != UK_MOUSE) {
		/* Space/PgDn turn the help's page, PgUp back; others close */
		if (k == ' ' || k == UK_PGDN)
			a->v.help_page++;
		else if (k == UK_PGUP)
			a->v.help_page--;
		else
			a->v.help = false;
		return;
	}
	if (a->v.searching) {
		search_key(a, k);
		return;
	}
	if (a->typing_time) {
		time_key(a, k);
		return;
	}
	if (k == UK_MOUSE) {
		click(a, mx, my);
		return;
	}
	act(a, keymap_lookup(&a->cfg.keys, k));
}

/* ==== feeds ==== */

/*
 * --max-cls: an event marked above the ceiling is withheld (counted, never
 * shown, never in the picture). Unmarked events pass, as DESIGN.md has it
 * for a viewer; a releasability filter is the relay's job.
 */
static bool
withhold(struct app *a)
{
	if (a->max_cls == TCOP_CLS_NONE || a->ev.cls <= a->max_cls)
		return false;
	a->v.withheld++;
	return true;
}

static void
drain_feeds(struct app *a)
{
	struct feed_msg m;
	int applied = 0;

	for (int n = 0; n < VIEW_DRAIN && feedbus_recv(a->bus, &m) == TCOP_OK;
	    n++) {
		if (feedbus_decode(a->bus, &m, &a->ev) != TCOP_OK ||
		    withhold(a) || brief_event(a, &a->ev))
			continue;
		(void)pic_apply(a->pic, &a->ev);
		applied++;
		if (a->ev.kind == TCOP_K_UNKNOWN)
			continue;
		evstore_add(a->st, &a->ev, m.feed);
	}
	if (applied > 0) {
		/* The picture's time is event time: bring timeouts, gaps and
		 * satellite positions up to the newest event. */
		pic_advance(a->pic, pic_time(a->pic));
		a->list_dirty = a->dirty = true;
	}
}

static void
health(struct app *a, tcop_ms now)
{
	if (a->ann != NULL)
		a->v.annotate = annot_connected(a->ann);
	for (int i = 0; i < a->nfeeds; i++) {
		const struct feed_health *h = feedbus_health(a->bus, i, now);
		struct screen_feed *f = &a->feeds[i];

		f->url = h->url;
		f->connected = h->connected;
		f->rate = h->rate;
		f->lost = h->lost;
		f->rejected = h->rejected;
		f->received = h->received;
	}
}

/* The deck applied an event: into the events list too. */
static void
deck_event(void *arg, const tcop_event *ev)
{
	struct app *a = arg;

	evstore_add(a->st, ev, -1);
}

/* --max-cls holds for the replay too. */
static bool
deck_keep(void *arg, const tcop_event *ev)
{
	struct app *a = arg;

	if (a->max_cls == TCOP_CLS_NONE || ev->cls <= a->max_cls)
		return true;
	a->v.withheld++;
	return false;
}

static void brief_deck_reset(struct app *a);

/* The deck rebuilt its picture from the start: so does the list. */
static void
deck_reset(void *arg)
{
	struct app *a = arg;
	struct evstore *st;

	if (a->st == NULL ||
	    (st = evstore_create(VIEW_EVENTS, VIEW_ENTITIES)) == NULL)
		return;
	evstore_destroy(a->st);
	a->st = st;
	a->list_dirty = true;
	brief_deck_reset(a);
}

/* --replay: the deck, its picture the viewer's. */
static int
open_deck(struct app *a, const struct view_opts *o,
    const struct pic_cfg *pc)
{
	struct deck_hooks h = { .on_event = deck_event, .on_reset = deck_reset,
		.keep = deck_keep, .arg = a };
	const struct capidx *ix;
	char why[512];
	tcop_err e;

	e = deck_open(&a->deck, o->replays, o->nreplays, pc, &h, why,
	    sizeof why);
	if (e != TCOP_OK) {
		fprintf(stderr, "tcop view: --replay %s\n", why);
		return CLI_FAIL;
	}
	deck_set_speed(a->deck, o->speed);
	deck_loop(a->deck, o->loop);
	/* Without --speed or --paused: the whole picture, at the end. */
	(void)deck_seek(a->deck, o->play || o->paused ?
	    TCOP_MS_NONE : deck_index(a->deck)->t1);
	deck_play(a->deck, o->play && !o->paused);
	a->pic = deck_pic(a->deck);
	ix = deck_index(a->deck);
	(void)brief_book_scan(&a->br.book, o->replays, o->nreplays,
	    &(uint64_t){ 0 });
	snprintf(a->v.msg, sizeof a->v.msg, "replay: %llu events, %llu bad "
	    "lines%s%.80s", (unsigned long long)ix->lines,
	    (unsigned long long)ix->bad, ix->bad ? ", first: " : "",
	    ix->bad ? ix->why : "");
	return -1;
}

/* Play the deck for the wall time since the last call. */
static void
deck_run(struct app *a, tcop_ms now)
{
	struct deck_status st;

	if (a->deck == NULL)
		return;
	if (deck_tick(a->deck, now - a->deck_wall, VIEW_DECK_BATCH) > 0)
		a->list_dirty = true;
	a->deck_wall = now;
	deck_status(a->deck, &st);
	if (st.playing)
		a->dirty = true;
	a->pic = deck_pic(a->deck);
}

/* ==== frames ==== */

static void
follow(struct app *a)
{
	const struct ev_ent *e;

	if (!a->v.follow || (e = evstore_ent(a->st, a->v.sel_id)) == NULL)
		return;
	if (fabs(e->lat - a->v.vp.center_lat) > 1e-9 ||
	    fabs(e->lon - a->v.vp.center_lon) > 1e-9) {
		set_view(a, e->lat, e->lon, a->v.vp.span);
		a->view_changed = true;
	}
}

/*
 * The two objects of a selected conjunction, as an incident-shaped member
 * list for the layers to highlight; NULL if the row is gone.
 */
static const struct pic_incident *
conj_members(struct app *a, const struct ev_row *r)
{
	struct pic_incident *x = &a->conj;

	if (r == NULL || r->kind != TCOP_K_CONJUNCTION)
		return NULL;
	x->nmembers = 0;
	for (int i = 0; i < 2; i++)
		if (r->cdm.sat[i][0] != '\0')
			snprintf(x->members[x->nmembers++], sizeof x->members[0],
			    "norad:%s", r->cdm.sat[i]);
	return x;
}

/* Centre the view on an incident's members (and zoom to hold them). */
static void
frame_incident(struct app *a, const struct pic_incident *inc)
{
	double s = 90, n = -90, w = 1e9, e = -1e9, span;
	struct pic_entity x;
	int got = 0;

	a->v.framed = true;
	for (int i = 0; i < inc->nmembers; i++) {
		if (!pic_find(a->pic, inc->members[i], &x) || !x.has_pos)
			continue;
		s = fmin(s, x.lat); n = fmax(n, x.lat);
		w = fmin(w, x.lon); e = fmax(e, x.lon);
		got++;
	}
	if (got == 0)
		return;
	span = fmax((e - w) * 2.5, (n - s) * 5.0);
	set_view(a, (s + n) / 2, (w + e) / 2, fmin(fmax(span, 0.5), 90));
	a->v.region[0] = '\0';
	a->v.follow = false;
	a->view_changed = true;
}

static void
frame(struct app *a, tcop_ms now)
{
	struct view *v = &a->v;
	long budget = -1, bytes, left, sent = 0;
	double interval = 1000.0 / a->fps;

	const struct pic_incident *inc = NULL;

	if (a->list_dirty || screen_list_pending(a->scr)) {
		screen_list_update(a->scr, v, a->st, a->pic);
		a->list_dirty = false;
	}
	if (v->list == LIST_INCIDENTS && v->sel_id[0])
		inc = pic_incident_find(a->pic, v->sel_id);
	else if (v->list == LIST_CONJ && v->sel_n != 0)
		inc = conj_members(a, evstore_find_row(a->st, v->sel_n));
	if (inc != NULL && !v->framed)
		frame_incident(a, inc);
	follow(a);
	if (a->deck != NULL)
		brief_deckbar(a);
	v->lo.selected = v->sel_id[0] ? v->sel_id : NULL;
	if (map_render(a->map, &v->vp, v->map_layers, a->ascii, a->mapc) !=
	    TCOP_OK)
		snprintf(v->msg, sizeof v->msg, "%s", map_error(a->map));
	v->lo.sats_all = v->sats_all >= 0 ? v->sats_all != 0 :
	    pic_count(a->pic, PIC_SAT) <= VIEW_SATS_ALL;
	picsrc_fill(a->ps, a->pic, &v->vp, &v->lo, inc);
	layers_draw(a->mapc, &v->vp, a->ps->items, a->ps->n, &v->lo, a->cells);
	screen_draw(a->scr, a->page, a->prio, a->mapc, a->cells, v, a->st,
	    a->pic, a->ps->items, a->ps->n, &a->cfg.keys, &a->regions);
	if (v->max_rate > 0)
		budget = (long)(v->max_rate * interval / 1000.0 /
		    a->bytes_per_cell);
	if (budget == 0)
		budget = 1;
	left = tty_blit(a->tty, a->page, a->shown, a->prio, 4, budget, &sent);
	bytes = tty_flush(a->tty);
	if (bytes > 0) {
		a->win_bytes += bytes;
		/* What a cell costs on this terminal, for the next budget. */
		if (sent >= 16)
			a->bytes_per_cell = 0.5 * a->bytes_per_cell +
			    0.5 * ((double)bytes / (double)sent);
	}
	a->win_frames++;
	a->dirty = left > 0;
	a->view_changed = false;
	/* Space the frames by what this one cost on the link. */
	a->next_frame = now + (tcop_ms)interval;
	if (v->max_rate > 0 && bytes > 0) {
		tcop_ms cost = (tcop_ms)(bytes * 1000 / v->max_rate);
		if (cost > a->next_frame - now)
			a->next_frame = now + cost;
	}
}

static void
tick(struct app *a, tcop_ms now)
{
	if (now - a->win_start < 1000)
		return;
	a->v.rate = (long)(a->win_bytes * 1000 / (now - a->win_start));
	a->v.fps = a->win_frames * 1000.0 / (double)(now - a->win_start);
	a->win_bytes = 0;
	a->win_frames = 0;
	a->win_start = now;
	health(a, now);
	a->dirty = true;
}

static int
loop(struct app *a)
{
	while (!a->quit) {
		struct pollfd fds[VIEW_FEEDS_MAX + 2];
		tcop_ms now = tcop_mono_ms(), wait;
		int n = 2, mx = 0, my = 0, k, sig;
		bool winch = false;

		fds[0] = (struct pollfd){ .fd = tty_input_fd(a->tty), .events = POLLIN };
		fds[1] = (struct pollfd){ .fd = tty_signal_fd(a->tty), .events = POLLIN };
		n += feedbus_pollfds(a->bus, fds + 2, VIEW_FEEDS_MAX);
		wait = a->dirty ? a->next_frame - now : 1000 - (now - a->win_start);
		if (wait < 0)
			wait = 0;
		if (wait > 1000)
			wait = 1000;
		if (a->deck != NULL && wait > 50)
			wait = 50; /* pace the replay finely */
		if (poll(fds, (nfds_t)n, (int)wait) < 0 && errno != EINTR)
			return CLI_FAIL;
		if ((sig = tty_signals(a->tty, &winch)) != 0)
			return 128 + sig;
		if (winch)
			tty_resize(a->tty); /* curses then sends UK_RESIZE */
		while ((k = tty_key(a->tty, &mx, &my)) != UK_NONE && !a->quit)
			on_key(a, k, mx, my);
		drain_feeds(a);
		now = tcop_mono_ms();
		deck_run(a, now);
		brief_run(a, now);
		take_log(a);
		tick(a, now);
		if ((a->dirty || a->view_changed) && now >= a->next_frame)
			frame(a, now);
	}
	return CLI_OK;
}

/* ==== set-up ==== */

/*
 * --name, else $USER, as far as it is safe in a JSON string and an id;
 * else operator.
 */
static void
operator_name(char *out, size_t size, const char *name)
{
	const char *u = name != NULL ? name : getenv("USER");
	size_t n = 0;

	for (; u != NULL && *u != '\0' && n + 1 < size; u++)
		if ((*u >= 'a' && *u <= 'z') || (*u >= 'A' && *u <= 'Z') ||
		    (*u >= '0' && *u <= '9') || *u == '-' || *u == '_' ||
		    *u == '.')
			out[n++] = *u;
	out[n] = '\0';
	if (n == 0)
		snprintf(out, size, "operator");
}

static int
setup(struct app *a, const struct view_opts *o, int *rip)
{
	char why[4400], path[4200];
	const char *region = o->region ? o->region :
	    a->cfg.region[0] ? a->cfg.region : "wpac";
	int ri = -1, rc;

	if (map_create(&a->map, NULL, why, sizeof why) != TCOP_OK) {
		fprintf(stderr, "tcop view: %s\n", why);
		return CLI_FAIL;
	}
	snprintf(path, sizeof path, "%s/regions.json", map_dir(a->map));
	if (regions_load(&a->regions, path, why, sizeof why) != TCOP_OK) {
		fprintf(stderr, "tcop view: %s\n", why);
		return CLI_FAIL;
	}
	for (int i = 0; i < a->regions.n; i++)
		if (strcmp(a->regions.r[i].name, region) == 0)
			ri = i;
	if (ri < 0) {
		fprintf(stderr, "tcop view: --region %s: no such region in %s\n",
		    region, path);
		return CLI_USAGE;
	}
	a->max_cls = o->max_cls;
	a->v.max_cls = o->max_cls;
	a->v.annotate = -1;
	operator_name(a->by, sizeof a->by, o->name);
	snprintf(a->br.prefix, sizeof a->br.prefix, "view:%s-%d-", a->by,
	    (int)getpid());
	if (o->follow != NULL)
		brief_follow(a, o->follow);
	if (o->annotate != NULL &&
	    annot_open(&a->ann, o->annotate, &o->tls) != TCOP_OK) {
		fprintf(stderr, "tcop view: --annotate %s: cannot publish "
		    "(see above)\n", o->annotate);
		return CLI_USAGE;
	}
	if (a->ann != NULL)
		a->v.annotate = 0;
	if (feedbus_create(&a->bus) != TCOP_OK)
		return CLI_FAIL;
	for (int i = 0; i < o->nfeeds; i++)
		if (feedbus_add(a->bus, o->feeds[i], "", &o->tls) != TCOP_OK)
			return CLI_USAGE;
	if (o->nfeeds == 0)
		for (int i = 0; i < a->cfg.nfeeds; i++)
			if (feedbus_add(a->bus, a->cfg.feeds[i], "", &o->tls) !=
			    TCOP_OK)
				return CLI_USAGE;
	a->nfeeds = feedbus_count(a->bus);
	if (a->nfeeds == 0 && o->follow != NULL) {
		fprintf(stderr, "tcop view: --follow %s: a briefer's views "
		    "arrive on a --feed (a relay's --listen URL); none given\n",
		    o->follow);
		return CLI_USAGE;
	}
	if (a->nfeeds == 0 && o->nreplays == 0) {
		fprintf(stderr, "tcop view: no feed: give --feed URL, --replay "
		    "CAPTURE or \"feeds\" in the config file\n");
		return CLI_USAGE;
	}
	a->st = evstore_create(VIEW_EVENTS, VIEW_ENTITIES);
	a->ps = picsrc_create(VIEW_ITEMS);
	a->scr = screen_create();
	if (a->st == NULL || a->scr == NULL || a->ps == NULL) {
		fprintf(stderr, "tcop view: out of memory\n");
		return CLI_FAIL;
	}
	{
		/* Borrowed by the deck for its rebuilds: static. */
		static struct pic_cfg pc;

		pc = (struct pic_cfg){ .rules_path = o->rules,
			.maps_dir = map_dir(a->map), .assets_path = o->assets };
		if (o->nreplays > 0) {
			if ((rc = open_deck(a, o, &pc)) >= 0)
				return rc;
		} else if (pic_create(&a->pic, &pc, why, sizeof why) != TCOP_OK) {
			fprintf(stderr, "tcop view: %s\n", why);
			return CLI_FAIL;
		}
	}
	*rip = ri;
	return -1;
}

static void
view_init(struct app *a, const struct view_opts *o)
{
	struct view *v = &a->v;

	v->vp.proj = o->proj >= 0 ? (enum proj_kind)o->proj :
	    a->cfg.projection >= 0 ? (enum proj_kind)a->cfg.projection :
	    PROJ_EQUIRECT;
	v->map_layers = MAP_LAYERS_DEFAULT;
	v->lo.maritime = v->lo.space = v->lo.cyber = v->lo.other = true;
	v->lo.labels = true;
	v->lo.ascii = a->ascii;
	v->max_rate = o->max_rate >= 0 ? o->max_rate :
	    a->cfg.max_rate >= 0 ? a->cfg.max_rate : 0;
	v->framed = true;
	v->sats_all = -1;
	v->feeds = a->feeds;
	v->nfeeds = a->nfeeds;
	v->book = &a->br.book;
	a->fps = o->fps > 0 ? o->fps : a->cfg.fps > 0 ? a->cfg.fps : 4;
	a->bytes_per_cell = 12;
	a->export_dir = o->export_dir ? o->export_dir :
	    a->cfg.export_dir[0] ? a->cfg.export_dir : ".";
}

static void
teardown(struct app *a)
{
	tty_close(a->tty);
	tcop_log_set_sink(NULL, NULL);
	canvas_destroy(a->page);
	canvas_destroy(a->shown);
	canvas_destroy(a->mapc);
	free(a->prio);
	free(a->cells);
	screen_destroy(a->scr);
	picsrc_destroy(a->ps);
	if (a->deck != NULL)
		deck_close(a->deck);
	else
		pic_destroy(a->pic);
	evstore_destroy(a->st);
	feedbus_destroy(a->bus);
	annot_close(a->ann);
	map_destroy(a->map);
}

int
cmd_view(int argc, char **argv)
{
	struct view_opts o = { .max_rate = -1, .proj = -1, .speed = 1 };
	struct app *a;
	struct tty_opts to;
	char why[256];
	int rc, ri, w, h;

	if ((rc = view_args(&o, argc, argv)) >= 0)
		return rc;
	if ((a = calloc(1, sizeof *a)) == NULL)
		return CLI_FAIL;
	if ((rc = load_config(a, &o)) >= 0 || (rc = setup(a, &o, &ri)) >= 0) {
		teardown(a);
		free(a);
		return rc;
	}
	to = (struct tty_opts){ .in_fd = 0, .out_fd = 1,
		.ascii = o.ascii || a->cfg.ascii == 1, .mono = o.mono,
		.mouse = !o.no_mouse, .colours = a->cfg.colours };
	if (tty_open(&a->tty, &to, why, sizeof why) != TCOP_OK) {
		fprintf(stderr, "tcop view: %s\n", why);
		teardown(a);
		free(a);
		return CLI_FAIL;
	}
	tcop_log_set_sink(view_log, NULL);
	a->ascii = tty_ascii(a->tty);
	view_init(a, &o);
	tty_size(a->tty, &w, &h);
	rc = CLI_FAIL;
	if (alloc_frame(a, w, h)) {
		goto_region(a, ri);
		a->win_start = a->next_frame = a->deck_wall = tcop_mono_ms();
		a->dirty = a->list_dirty = true;
		health(a, a->win_start);
		rc = loop(a);
	}
	teardown(a);
	free(a);
	return rc;
}
