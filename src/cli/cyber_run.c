/*
 * cyber_run.c: the input side shared by `tcop decode eve|stix` and `tcop
 * feed cyber` (cyber_run.h): files of lines and STIX bundles through the
 * cyber decoders, each message to a sink, each problem to stderr as
 * "FILE:LINE: reason" and a counter. The CLI layer may allocate (lines of
 * any length, whole bundles); the decoders under it do not.
 */
#include <dirent.h>
#include <stddef.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/cyber_run.h"

#define MSG_BUF (TCOP_MSG_MAX)

static void
say_bad(struct cyber_ctx *c, const char *name, uint64_t lineno, tcop_err rv,
    const char *why)
{
	c->n.bad++;
	if (!c->quiet)
		tcop_log("%s:%llu: %s (%s)", name, (unsigned long long)lineno,
		    why && why[0] ? why : tcop_strerror(rv), tcop_err_name(rv));
}

static void
emit_msg(struct cyber_ctx *c, const tcop_event *ev, const char *json, size_t len)
{
	if (c->sink.emit(c->sink.arg, ev->topic, json, len, ev) != TCOP_OK)
		c->n.emit_failed++;
}

static int64_t
seq_of(struct cyber_ctx *c, const char *src)
{
	return c->sink.next_seq ? c->sink.next_seq(c->sink.arg, src) : -1;
}

void
cyber_eve_line(struct cyber_ctx *c, const char *name, uint64_t lineno,
    const char *line, size_t len)
{
	static _Thread_local struct eve_alert a;
	static _Thread_local char buf[MSG_BUF];
	size_t n;
	tcop_err rv;

	c->n.lines++;
	rv = eve_decode(line, len, &c->eve, &a);
	if (rv == TCOP_EEMPTY) {
		c->n.lines--; /* blank lines are not events */
		return;
	}
	if (rv != TCOP_OK) {
		say_bad(c, name, lineno, rv, a.why);
		return;
	}
	if (a.ev.kind != TCOP_K_ALERT) {
		c->n.other++;
		return;
	}
	if (a.asset < 0)
		c->n.unplaced++;
	rv = eve_format(&a, seq_of(c, a.ev.src), buf, sizeof buf -
	    TCOP_TOPIC_MAX, &n);
	if (rv != TCOP_OK) {
		say_bad(c, name, lineno, rv, "alert too large for one message");
		return;
	}
	c->n.alerts++;
	if (strcmp(a.event_type, "anomaly") == 0)
		c->n.anomalies++;
	emit_msg(c, &a.ev, buf, n);
}

void
cyber_intf_line(struct cyber_ctx *c, const char *name, uint64_t lineno,
    const char *line, size_t len)
{
	static _Thread_local struct intf_rec r;
	static _Thread_local char buf[MSG_BUF];
	size_t n;
	tcop_err rv;

	c->n.lines++;
	rv = intf_decode(line, len, c->src, &r);
	if (rv == TCOP_EEMPTY) {
		c->n.lines--;
		return;
	}
	if (rv == TCOP_OK)
		rv = intf_format(&r, seq_of(c, r.ev.src), buf,
		    sizeof buf - TCOP_TOPIC_MAX, &n);
	if (rv != TCOP_OK) {
		say_bad(c, name, lineno, rv, r.why);
		return;
	}
	c->n.interference++;
	emit_msg(c, &r.ev, buf, n);
}

tcop_err
cyber_lines_file(struct cyber_ctx *c, const char *path,
    void (*fn)(struct cyber_ctx *, const char *, uint64_t, const char *,
    size_t))
{
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	uint64_t lineno = 0;
	const char *name = is_stdin ? "<stdin>" : path;
	tcop_err rv = TCOP_OK;

	if (f == NULL) {
		tcop_log("%s: %s", path, strerror(errno));
		c->n.bad++;
		return TCOP_ESYS;
	}
	while ((n = getline(&line, &cap, f)) >= 0)
		fn(c, name, ++lineno, line, (size_t)n);
	if (ferror(f)) {
		tcop_log("%s: %s", name, strerror(errno));
		rv = TCOP_ESYS;
	}
	free(line);
	if (!is_stdin)
		fclose(f);
	return rv;
}

/* ==== STIX ============================================================== */

static void
stix_event(void *arg, const struct stix_rec *r)
{
	struct cyber_ctx *c = arg;
	static _Thread_local char buf[MSG_BUF];
	size_t n;

	if (stix_format(r, seq_of(c, r->ev.src), buf, sizeof buf -
	    TCOP_TOPIC_MAX, &n) != TCOP_OK) {
		c->n.bad++;
		tcop_log("%s: %s too large for one message", r->bundle,
		    r->ev.u.stix.stix_id);
		return;
	}
	if (r->ev.kind == TCOP_K_SIGHTING)
		c->n.sightings++;
	else
		c->n.indicators++;
	emit_msg(c, &r->ev, buf, n);
}

static void
stix_problem(void *arg, const char *msg)
{
	struct cyber_ctx *c = arg;

	if (!c->quiet)
		tcop_log("%s", msg);
}

static char *
slurp(FILE *f, size_t *len)
{
	char *buf = NULL, *b;
	size_t n = 0, cap = 0, got;

	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			if (cap > (256u << 20) || (b = realloc(buf, cap)) == NULL) {
				free(buf);
				errno = ENOMEM;
				return NULL;
			}
			buf = b;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	if (ferror(f)) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

static tcop_err
stix_file(struct cyber_ctx *c, const char *path)
{
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	struct stix_report rep = { 0 };
	char *text;
	size_t len;
	tcop_err rv;

	if (f == NULL || (text = slurp(f, &len)) == NULL) {
		tcop_log("%s: %s", path, strerror(errno));
		if (f != NULL && !is_stdin)
			fclose(f);
		c->n.bad++;
		return TCOP_ESYS;
	}
	if (!is_stdin)
		fclose(f);
	rv = stix_read(text, len, is_stdin ? "<stdin>" : path, &c->stix,
	    stix_event, stix_problem, c, &rep);
	free(text);
	c->n.unresolved += rep.unresolved;
	c->n.bad += rep.bad + (rv != TCOP_OK);
	return rv;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.json of a directory, in name order (so runs repeat). */
static tcop_err
stix_dir(struct cyber_ctx *c, const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	tcop_err rv = TCOP_OK;

	if (d == NULL) {
		tcop_log("%s: %s", path, strerror(errno));
		c->n.bad++;
		return TCOP_ESYS;
	}
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);
		char **nn;
		if (l < 6 || strcmp(de->d_name + l - 5, ".json") != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((nn = realloc(names, cap * sizeof *nn)) == NULL)
				break;
			names = nn;
		}
		if (asprintf(&names[n], "%s/%s", path, de->d_name) < 0)
			break;
		n++;
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, name_cmp);
	for (size_t i = 0; i < n; i++) {
		tcop_err r = stix_file(c, names[i]);
		if (r == TCOP_ESYS)
			rv = r;
		free(names[i]);
	}
	free(names);
	return rv;
}

tcop_err
cyber_stix_path(struct cyber_ctx *c, const char *path)
{
	struct stat st;

	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 &&
	    S_ISDIR(st.st_mode))
		return stix_dir(c, path);
	return stix_file(c, path) == TCOP_ESYS ? TCOP_ESYS : TCOP_OK;
}

void
cyber_summary(const struct cyber_ctx *c, const char *cmd)
{
	const struct cyber_counts *n = &c->n;
	static const struct { const char *what; size_t off; } f[] = {
		{ "lines", offsetof(struct cyber_counts, lines) },
		{ "alerts", offsetof(struct cyber_counts, alerts) },
		{ "from anomalies", offsetof(struct cyber_counts, anomalies) },
		{ "not placed", offsetof(struct cyber_counts, unplaced) },
		{ "other events", offsetof(struct cyber_counts, other) },
		{ "indicators", offsetof(struct cyber_counts, indicators) },
		{ "sightings", offsetof(struct cyber_counts, sightings) },
		{ "interference", offsetof(struct cyber_counts, interference) },
		{ "unresolved references", offsetof(struct cyber_counts,
		    unresolved) },
		{ "bad", offsetof(struct cyber_counts, bad) },
	};
	char line[512];
	size_t len = 0;

	/* "lines" and "bad" always; the others when they happened, but
	 * alerts and references always when the input had them at all */
	for (size_t i = 0; i < sizeof f / sizeof f[0] && len < sizeof line; i++) {
		uint64_t v = *(const uint64_t *)((const char *)n + f[i].off);
		bool always = (i == 0 && (n->lines > 0 || (!n->indicators &&
		    !n->sightings))) || i == 9 || (i == 1 && n->lines > 0) ||
		    (i == 8 && (n->indicators || n->sightings));
		if (v == 0 && !always)
			continue;
		len += (size_t)snprintf(line + len, sizeof line - len, "%s%llu %s",
		    len ? ", " : "", (unsigned long long)v, f[i].what);
	}
	tcop_log("%s: %s", cmd, line);
}

/* ==== stdout sink ======================================================= */

static int64_t
stdout_seq(void *arg, const char *src)
{
	struct cyber_stdout *o = arg;
	int i;

	if (!o->wire)
		return -1;
	for (i = 0; i < o->nsrc; i++)
		if (strcmp(o->seqs[i].src, src) == 0)
			return ++o->seqs[i].seq;
	if (o->nsrc == (int)(sizeof o->seqs / sizeof o->seqs[0]))
		return -1;
	snprintf(o->seqs[i].src, sizeof o->seqs[i].src, "%s", src);
	o->seqs[i].seq = 1;
	o->nsrc++;
	return 1;
}

static tcop_err
stdout_emit(void *arg, const char *topic, const char *json, size_t len,
    const tcop_event *ev)
{
	struct cyber_stdout *o = arg;

	(void)ev;
	if (o->wire)
		printf("%s ", topic);
	fwrite(json, 1, len, stdout);
	putchar('\n');
	return ferror(stdout) ? TCOP_ESYS : TCOP_OK;
}

void
cyber_stdout_sink(struct cyber_sink *s, struct cyber_stdout *o)
{
	s->next_seq = stdout_seq;
	s->emit = stdout_emit;
	s->arg = o;
}

int
cyber_decode_main(int argc, char **argv, const char *cmd, const char *help,
    tcop_err (*input)(struct cyber_ctx *c, const char *path))
{
	static const struct option opts[] = {
		{ "wire", no_argument, NULL, 'w' },
		{ "assets", required_argument, NULL, 'a' },
		{ "src", required_argument, NULL, 's' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cyber_ctx c;
	struct cyber_stdout out = { 0 };
	const char *assets_path = NULL;
	assets *as = NULL;
	char err[512];
	int ch, rc = CLI_OK;

	memset(&c, 0, sizeof c);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "hq", opts, NULL)) != -1) {
		switch (ch) {
		case 'w': out.wire = true; break;
		case 'a': assets_path = optarg; break;
		case 's': c.src = optarg; break;
		case 'q': c.quiet = true; break;
		case 'h': fputs(help, stdout); return CLI_OK;
		default: return cli_usage(cmd, "unknown option");
		}
	}
	if (c.src != NULL && (c.src[0] == '\0' || strlen(c.src) >= TCOP_SRC_MAX))
		return cli_usage(cmd, "--src must be 1..63 characters");
	if (assets_path != NULL &&
	    assets_load(&as, assets_path, err, sizeof err) != TCOP_OK) {
		tcop_log("%s", err);
		return CLI_FAIL;
	}
	c.eve.assets = c.stix.assets = as;
	c.eve.src = c.stix.src = c.src;
	cyber_stdout_sink(&c.sink, &out);
	if (optind == argc && input(&c, "-") != TCOP_OK)
		rc = CLI_FAIL;
	for (int i = optind; i < argc; i++)
		if (input(&c, argv[i]) != TCOP_OK)
			rc = CLI_FAIL;
	fflush(stdout);
	cyber_summary(&c, cmd);
	assets_destroy(as);
	return rc;
}
