/*
 * bus.h: the subscriber side of the feed bus. Any number of nng URLs at
 * once (tcp, ipc, inproc, tls+tcp), one SUB socket each, each dialled with
 * nng's own reconnect and backoff; messages are received without blocking
 * so a poll() loop (the viewer's) never waits on the network.
 *
 * Health per feed: connected, last heard, messages/s, accepted, unknown
 * topics, rejected by reason, and lost, counted from the gaps in each
 * src's seq (a seq that goes backwards is a restarted source: counted as a
 * reset, not a loss; "resend":true messages are not counted at all).
 *
 *   feedbus_create -> feedbus_add(url)... -> loop { poll(feedbus_pollfds);
 *       while (feedbus_recv(&m) == OK) feedbus_decode(&m, &ev) } -> destroy
 */
#ifndef TCOP_BUS_H
#define TCOP_BUS_H

#include <poll.h>

#include "feed/net.h"
#include "tcop/event.h"

typedef struct feedbus feedbus;

struct feed_health {
	const char *url;
	bool connected;
	tcop_ms last_heard;   /* monotonic ms of the last message, 0: never */
	uint64_t received;    /* every message */
	uint64_t accepted;    /* decoded, known or unknown topic */
	uint64_t unknown;     /* well-formed, topic not known */
	uint64_t rejected;    /* sum of rejected_by[] */
	uint64_t rejected_by[TCOP_NERR];
	uint64_t lost;        /* seq gaps */
	uint64_t resets;      /* seq went backwards: a source restarted */
	uint64_t resent;      /* late-joiner re-sends received */
	double rate;          /* messages/s over the last few seconds */
	int reconnects;       /* pipes added after the first */
	uint64_t overflow;    /* dropped because the consumer fell behind by
	                         more than the bus's queue (also seen as lost) */
};

/* A received message: valid until the next feedbus_recv() or destroy. */
struct feed_msg {
	int feed;          /* index of the feed it came on */
	const char *data;  /* TOPIC SP JSON, not NUL-terminated */
	size_t len;
	tcop_ms rx;        /* wall-clock receive time (the capture's RX_TIME) */
};

tcop_err feedbus_create(feedbus **out);
void feedbus_destroy(feedbus *b);

/*
 * Subscribe to url ("" topic prefix: everything; else e.g. "maritime/").
 * The dial is asynchronous: a feed that is not up yet is retried with
 * backoff (100 ms .. 5 s) for ever. TCOP_ENET for a malformed URL or a TLS
 * set-up failure (logged); otherwise TCOP_OK.
 */
tcop_err feedbus_add(feedbus *b, const char *url, const char *prefix,
    const struct net_tls *tls);
/*
 * The other way round, for an ingest point: a SUB socket listening on url
 * that publishers dial into (nng PUB dialers; `tcop view --annotate`).
 * Health and decoding are as for any feed; "connected" means at least one
 * publisher is dialled in. tls is the server side (tls->cert and key
 * required; with require_client_cert only holders of a certificate signed
 * by tls->ca can publish). TCOP_ENET (logged) if it cannot listen.
 */
tcop_err feedbus_listen(feedbus *b, const char *url, const char *prefix,
    const struct net_tls *tls);
int feedbus_count(const feedbus *b);

/* Fill fds (up to max) with the POLLIN descriptor(s) to wait on; returns
 * how many (1). Readable means feedbus_recv() has something. */
int feedbus_pollfds(feedbus *b, struct pollfd *fds, int max);

/* The next message from any feed, round-robin; TCOP_EAGAIN if none. */
tcop_err feedbus_recv(feedbus *b, struct feed_msg *m);

/*
 * Decode m into ev (event.h) and account for it in its feed's health:
 * rejections by reason, unknown topics, seq gaps. Returns the decoder's
 * answer; a rejection is also logged (rate-limited) with the feed URL.
 */
tcop_err feedbus_decode(feedbus *b, const struct feed_msg *m, tcop_event *ev);

/* Health of feed i, with the rate brought up to date at mono time now. */
const struct feed_health *feedbus_health(feedbus *b, int i, tcop_ms now);

/* Sums over every feed (url NULL). */
void feedbus_totals(feedbus *b, struct feed_health *out);

#endif
