/*
 * pub.h: a tcop/1 publisher: one nng PUB socket listening on a URL, with
 * per-src sequence numbers, the late-joiner state cache and the
 * --wait-subscribers / --linger behaviour every publisher shares
 * (`tcop feed *`, `tcop replay`, `tcop relay`, the demo).
 *
 * Sending never blocks: a subscriber that cannot keep up loses messages,
 * and sees the loss as a gap in `seq`. Send buffers are deep (8192
 * messages) so that bursts do not drop.
 *
 * Late joiners (docs/protocol.md): the latest message per (topic, id) of the
 * state-like topics (space/elements, maritime/track carrying static data,
 * cyber/interference, picture/zone) is kept; when a new subscriber
 * connects, the whole cache is sent again within a few seconds, each
 * message marked "resend":true; and every `refresh` ms the cache is sent
 * again anyway, for subscribers behind relays.
 */
#ifndef TCOP_PUB_H
#define TCOP_PUB_H

#include "tcop/event.h"

typedef struct pub pub;

struct pub_opts {
	const char *url;          /* nng URL to listen on */
	const char *cert, *key, *ca; /* tls+tcp:// (NULL otherwise) */
	bool require_client_cert;
	int sendbuf;              /* 0: 8192 */
	tcop_ms refresh;          /* periodic re-send of the cache; 0: 60 s, <0: never */
	size_t cache_max;         /* 0: 200,000 entries */
};

/* Listen on o->url. TCOP_ENET (logged with nng's reason) on failure. */
tcop_err pub_open(pub **out, const struct pub_opts *o);

/* Close after lingering `linger` ms so that queued messages leave. */
void pub_close(pub *p, tcop_ms linger);

/* Subscribers connected now. */
int pub_subscribers(pub *p);

/*
 * Wait until at least n subscribers are connected, or timeout ms pass
 * (timeout < 0: forever). TCOP_EAGAIN on time-out; TCOP_EINVAL if
 * interrupted (see pub_interrupt()).
 */
tcop_err pub_wait_subscribers(pub *p, int n, tcop_ms timeout);

/*
 * Send one message, TOPIC SP JSON. ev is its decoded form (it decides
 * whether the message goes into the late-joiner cache); NULL means "not
 * state". The message is copied. TCOP_ETOOBIG over TCOP_MSG_MAX.
 */
tcop_err pub_send(pub *p, const char *topic, const char *json, size_t json_len,
    const tcop_event *ev);

/* The next sequence number for src (1, 2, 3, ... per src). */
int64_t pub_next_seq(pub *p, const char *src);

/* Do the work that is due (late-joiner re-sends). Call at least every
 * 100 ms from the publisher's loop; cheap when nothing is due. */
void pub_tick(pub *p);

/* Messages sent, and re-sent from the cache. */
uint64_t pub_sent(const pub *p);
uint64_t pub_resent(const pub *p);

/* Make pub_wait_subscribers() return (from a signal handler: async-safe). */
void pub_interrupt(pub *p);

#endif
