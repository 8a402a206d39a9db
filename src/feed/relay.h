/*
 * relay.h: the forwarding node behind `tcop relay`: fan-in from any number
 * of feeds (feed/bus.h), fan-out through one publisher (feed/pub.h, so late
 * joiners and --wait-subscribers work as for any publisher), and an
 * optional releasability filter at a site boundary.
 *
 *   upstream PUB ... --> feedbus --> decode --> relay_check --> pub_send
 *                        (validate)             (fail-closed)   (bytes kept)
 *
 * Messages are forwarded byte for byte, so src and seq are the upstream
 * ones: a subscriber behind a relay counts the upstream's gaps, and also
 * sees every message the relay dropped (filtered or malformed) as a gap.
 * The relay's own counts (relay_stats) tell the two apart.
 *
 * The filter (docs/security.md): with any filter set, an event passes only
 * if it carries a known `cls`, that `cls` is at or below max_cls, and its
 * `rel` makes it releasable to every country in the filter. Anything else,
 * unmarked events included, is dropped and counted by reason. `picture/...`
 * and unknown topics are filtered the same way. Known tetragraphs in `rel`
 * stand for their members (FVEY: AUS CAN GBR NZL USA; ACGU: AUS CAN GBR
 * USA); an unknown tetragraph releases only to a filter naming it.
 */
#ifndef TCOP_RELAY_H
#define TCOP_RELAY_H

#include <stdio.h>

#include "feed/bus.h"
#include "feed/pub.h"

#define RELAY_FEEDS_MAX 64

/* Why an event was dropped (or RELAY_PASS). */
#define RELAY_VERDICTS(X)                                        \
	X(PASS, "passed")                                        \
	X(MALFORMED, "malformed")                                \
	X(UNMARKED, "unmarked (no cls)")                         \
	X(ABOVE_CLS, "classified above --max-cls")               \
	X(NO_REL, "no rel")                                      \
	X(NOT_RELEASABLE, "not releasable to every --releasable-to") \
	X(NOT_ADMITTED, "topic not admitted at --ingest")

enum relay_verdict {
#define RELAY_VERDICT_ENUM(name, text) RELAY_##name,
	RELAY_VERDICTS(RELAY_VERDICT_ENUM)
#undef RELAY_VERDICT_ENUM
	RELAY_NVERDICTS
};

const char *relay_verdict_text(enum relay_verdict v);

struct relay_filter {
	bool active;          /* any filter given: fail closed */
	tcop_cls max_cls;     /* TCOP_CLS_NONE: no ceiling */
	int nrel;
	char rel[TCOP_REL_MAX][5]; /* each must be releasable-to */
};

/* An empty filter (forwards everything well-formed). */
void relay_filter_init(struct relay_filter *f);
/*
 * Parse --releasable-to "JPN,USA" (trigraphs, tetragraphs, upper case,
 * comma-separated) into f. TCOP_EREL naming nothing, lower case, or more
 * than TCOP_REL_MAX codes.
 */
tcop_err relay_filter_rel(struct relay_filter *f, const char *list);
/* Parse --max-cls (U, CUI, C, S, TS) into f. TCOP_ECLS if not a marking. */
tcop_err relay_filter_cls(struct relay_filter *f, const char *cls);

/* The verdict on one decoded event. Pure. */
enum relay_verdict relay_check(const struct relay_filter *f,
    const tcop_event *ev);

/*
 * May an ingest point (operators' viewers) publish this topic? picture/...
 * (marks, notes, acks, views, zones) and cyber/interference (a GNSS
 * interference area from an operator's mark): a trust decision,
 * docs/security.md. Pure.
 */
bool relay_ingest_admits(const char *topic);

/* Is the code releasable under ev's rel (tetragraphs expanded)? */
bool relay_rel_allows(const tcop_event *ev, const char *code);

struct relay_opts {
	const char *feeds[RELAY_FEEDS_MAX];
	int nfeeds;
	const char *prefix;     /* topic prefix upstream; NULL: everything */
	struct net_tls tls;     /* for tls+tcp:// feeds (client side) */
	/* Ingest points: SUB sockets listening for publishers that dial in
	 * (viewers' annotations); only the topics relay_ingest_admits() are
	 * taken from them (the rest are dropped as NOT_ADMITTED), then
	 * filtered and forwarded like any feed. */
	const char *ingest[RELAY_FEEDS_MAX];
	int ningest;
	struct net_tls ingest_tls; /* server side of tls+tcp:// ingest */
	struct pub_opts pub;    /* the downstream listener */
	struct relay_filter filter;
};

struct relay_stats {
	uint64_t received;      /* messages in from every feed */
	uint64_t forwarded;     /* sent on */
	uint64_t resent;        /* of which upstream late-joiner re-sends */
	uint64_t send_failed;   /* publisher refused (queue full: never blocks) */
	uint64_t dropped;       /* sum of by[] besides PASS */
	uint64_t by[RELAY_NVERDICTS];
	uint64_t malformed_by[TCOP_NERR];
	struct feed_health up;  /* upstream totals: lost, rejected, ... */
};

typedef struct relay relay;

/*
 * Listen on o->pub.url (o is copied; its strings must outlive the relay).
 * The feeds are not dialled yet: see relay_connect(). TCOP_ENET (logged)
 * if the listener cannot start.
 */
tcop_err relay_create(relay **out, const struct relay_opts *o);
/*
 * Subscribe to every feed, then listen on every ingest URL. Apart from relay_create() so that a relay can
 * wait for its own subscribers first (pub_wait_subscribers on relay_pub):
 * an upstream publisher waiting for subscribers then waits for the whole
 * tree below the relay, and nothing is lost at start. TCOP_ENET (logged)
 * for a malformed URL, an ingest URL it cannot listen on, or a TLS set-up
 * failure.
 */
tcop_err relay_connect(relay *r);
/* Close the feeds, then the publisher after lingering `linger` ms. */
void relay_destroy(relay *r, tcop_ms linger);

/* The publisher, for pub_wait_subscribers() and pub_interrupt(). */
pub *relay_pub(relay *r);

/*
 * Wait at most timeout_ms for messages, forward (or drop) what arrived,
 * and do the publisher's due work. Returns how many messages were
 * handled. Never blocks on a slow subscriber.
 */
int relay_step(relay *r, int timeout_ms);

/* Counts so far (upstream health brought up to date). */
void relay_stats(relay *r, struct relay_stats *out);

/* Print the counts as one line, plus one line per feed, to f. */
void relay_report(relay *r, FILE *f);

#endif
