/*
 * cyber_run.h: what `tcop decode eve|stix` and `tcop feed cyber` share:
 * reading EVE lines, STIX bundles and interference lines from files, and
 * handing each resulting tcop/1 message to a sink (stdout for decode, the
 * publisher for feed). Errors are printed as "FILE:LINE: reason" and
 * counted; they never stop the run.
 */
#ifndef TCOP_CLI_CYBER_RUN_H
#define TCOP_CLI_CYBER_RUN_H

#include <stdint.h>
#include <stdio.h>

#include "cyber/eve.h"
#include "cyber/intf.h"
#include "cyber/stix.h"

struct cyber_sink {
	/* The seq of the next message of src; NULL leaves `seq` out. */
	int64_t (*next_seq)(void *arg, const char *src);
	/* Take one message; its JSON is valid only during the call. */
	tcop_err (*emit)(void *arg, const char *topic, const char *json,
	    size_t len, const tcop_event *ev);
	void *arg;
};

struct cyber_counts {
	uint64_t lines;       /* EVE and interference lines read */
	uint64_t alerts;      /* cyber/alert made (alert + anomaly) */
	uint64_t anomalies;   /* of which from anomaly events */
	uint64_t other;       /* valid EVE events of other types */
	uint64_t unplaced;    /* alerts no asset was found for */
	uint64_t indicators, sightings, interference;
	uint64_t unresolved;  /* STIX references not in their bundle */
	uint64_t bad;         /* rejected lines / objects / files */
	uint64_t emit_failed; /* messages the sink refused */
};

struct cyber_ctx {
	struct eve_opts eve;
	struct stix_opts stix;
	const char *src;      /* --src, or NULL */
	struct cyber_sink sink;
	struct cyber_counts n;
	bool quiet;           /* no per-line messages (counters only) */
};

/* One EVE line of input `name` at line number lineno. */
void cyber_eve_line(struct cyber_ctx *c, const char *name, uint64_t lineno,
    const char *line, size_t len);
/* One interference line. */
void cyber_intf_line(struct cyber_ctx *c, const char *name, uint64_t lineno,
    const char *line, size_t len);
/*
 * A whole file of lines ("-": stdin), through fn. TCOP_ESYS (reported)
 * if it cannot be opened or read.
 */
tcop_err cyber_lines_file(struct cyber_ctx *c, const char *path,
    void (*fn)(struct cyber_ctx *, const char *, uint64_t, const char *,
    size_t));
/* A STIX bundle file, or every *.json file of a directory ("-": stdin). */
tcop_err cyber_stix_path(struct cyber_ctx *c, const char *path);
/* The counters, one line on stderr: "tcop CMD: 855 lines, ...". */
void cyber_summary(const struct cyber_ctx *c, const char *cmd);

/*
 * The whole of `tcop decode eve|stix`: options (--wire, --assets, --src,
 * --quiet, --help), the asset inventory, one call of input() per FILE (or
 * "-" when none), the summary. Returns the exit status.
 */
int cyber_decode_main(int argc, char **argv, const char *cmd,
    const char *help, tcop_err (*input)(struct cyber_ctx *c, const char *path));

/* A stdout sink for decode: JSON lines, or TOPIC JSON with --wire. */
struct cyber_stdout {
	bool wire;
	int nsrc;
	struct { char src[TCOP_SRC_MAX]; int64_t seq; } seqs[64];
};
void cyber_stdout_sink(struct cyber_sink *s, struct cyber_stdout *o);

#endif
