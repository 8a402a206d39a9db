/*
 * bus.c: the subscriber side of the feed bus (bus.h has the contract).
 *
 * One SUB socket per feed so that health is per feed: nng's pipe
 * notifications (on nng's threads) only touch atomics; the counters are
 * the caller's thread's. Receive queues are deep (8192) and the maximum
 * message size is TCOP_MSG_MAX, so nng drops oversize messages itself
 * (they then show up as seq gaps, which is what they are).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nng/nng.h>
#include <nng/protocol/pubsub0/sub.h>
#include <nng/supplemental/util/platform.h>

#include "core/strmap.h"
#include "feed/bus.h"

#define FEEDS_MAX 64
#define LOG_FIRST 10       /* rejections logged per feed before thinning */
#define LOG_EVERY 10000    /* ... then one in this many */
#define BUS_RECVMAXSZ (4u << 20)

struct feed {
	nng_socket sock;
	nng_dialer dialer;
	nng_tls_config *tls;
	char url[256];
	atomic_int pipes;
	atomic_int adds;
	struct feed_health h;
	strmap seqs;         /* src -> last seq */
	tcop_ms win_start;   /* rate window (monotonic) */
	uint64_t win_count;
};

struct feedbus {
	struct feed *feeds[FEEDS_MAX];
	int n;
	int next;            /* round-robin start */
	nng_msg *cur;        /* the message handed out last */
};

static void
pipe_cb(nng_pipe pipe, nng_pipe_ev ev, void *arg)
{
	struct feed *f = arg;

	(void)pipe;
	if (ev == NNG_PIPE_EV_ADD_POST) {
		atomic_fetch_add(&f->pipes, 1);
		atomic_fetch_add(&f->adds, 1);
	} else if (ev == NNG_PIPE_EV_REM_POST) {
		atomic_fetch_sub(&f->pipes, 1);
	}
}

tcop_err
feedbus_create(feedbus **out)
{
	feedbus *b = calloc(1, sizeof *b);

	if (b == NULL)
		return TCOP_ENOMEM;
	*out = b;
	return TCOP_OK;
}

/*
 * nng 1.5.2 can deadlock in nng_close() when a socket is closed while its
 * peer is still sending hard (nanomsg/nng#1219, #1543; seen here about one
 * close in four under a 100k msg/s publisher). So: stop taking messages
 * (unsubscribe, drain), then close in a thread of its own and wait for it
 * at most 2 s (net_close_bounded). A close that does not come back is left behind
 * (its feed's memory with it) rather than hanging the caller, which is
 * about to exit in every case where this happens.
 */
static void
feed_free(struct feed *f)
{
	nng_msg *m;

	nng_socket_set(f->sock, NNG_OPT_SUB_UNSUBSCRIBE, "", 0);
	while (nng_recvmsg(f->sock, &m, NNG_FLAG_NONBLOCK) == 0)
		nng_msg_free(m);
	if (!net_close_bounded(f->sock, 2000)) {
		tcop_log("feed %s: the socket did not close in 2 s; left behind",
		    f->url);
		return;
	}
	if (f->tls != NULL)
		nng_tls_config_free(f->tls);
	strmap_fini(&f->seqs, NULL);
	free(f);
}

void
feedbus_destroy(feedbus *b)
{
	if (b == NULL)
		return;
	if (b->cur != NULL)
		nng_msg_free(b->cur);
	for (int i = 0; i < b->n; i++)
		feed_free(b->feeds[i]);
	free(b);
}

tcop_err
feedbus_add(feedbus *b, const char *url, const char *prefix,
    const struct net_tls *tls)
{
	struct feed *f;
	int rv;

	if (b->n == FEEDS_MAX) {
		tcop_log("feed %s: more than %d feeds", url, FEEDS_MAX);
		return TCOP_EINVAL;
	}
	if ((f = calloc(1, sizeof *f)) == NULL)
		return TCOP_ENOMEM;
	snprintf(f->url, sizeof f->url, "%s", url);
	f->h.url = f->url;
	strmap_init(&f->seqs);
	if ((rv = nng_sub0_open(&f->sock)) != 0) {
		free(f);
		return net_fail("subscribe to", url, rv);
	}
	nng_socket_set(f->sock, NNG_OPT_SUB_SUBSCRIBE, prefix ? prefix : "",
	    prefix ? strlen(prefix) : 0);
	nng_socket_set_int(f->sock, NNG_OPT_RECVBUF, 8192);
	/* Over TCOP_MSG_MAX the decoder rejects (ETOOBIG, counted); far over
	 * it nng drops the connection itself, a defence against floods. */
	nng_socket_set_size(f->sock, NNG_OPT_RECVMAXSZ, BUS_RECVMAXSZ);
	nng_socket_set_ms(f->sock, NNG_OPT_RECONNMINT, 100);
	nng_socket_set_ms(f->sock, NNG_OPT_RECONNMAXT, 5000);
	nng_pipe_notify(f->sock, NNG_PIPE_EV_ADD_POST, pipe_cb, f);
	nng_pipe_notify(f->sock, NNG_PIPE_EV_REM_POST, pipe_cb, f);
	if ((rv = nng_dialer_create(&f->dialer, f->sock, url)) != 0)
		goto fail;
	if (net_is_tls(url)) {
		struct net_tls none = { 0 };
		if (net_tls_config(tls ? tls : &none, false, &f->tls) != TCOP_OK) {
			feed_free(f);
			return TCOP_ENET;
		}
		if ((rv = nng_dialer_set_ptr(f->dialer, NNG_OPT_TLS_CONFIG,
		    f->tls)) != 0)
			goto fail;
	}
	/* NONBLOCK: if the publisher is not there yet, keep trying. */
	if ((rv = nng_dialer_start(f->dialer, NNG_FLAG_NONBLOCK)) != 0)
		goto fail;
	b->feeds[b->n++] = f;
	return TCOP_OK;
fail:
	net_fail("subscribe to", url, rv);
	feed_free(f);
	return TCOP_ENET;
}

int
feedbus_count(const feedbus *b)
{
	return b->n;
}

int
feedbus_pollfds(feedbus *b, struct pollfd *fds, int max)
{
	int n = 0;

	for (int i = 0; i < b->n && n < max; i++) {
		int fd;
		if (nng_socket_get_int(b->feeds[i]->sock, NNG_OPT_RECVFD, &fd) != 0)
			continue;
		fds[n].fd = fd;
		fds[n].events = POLLIN;
		fds[n].revents = 0;
		n++;
	}
	return n;
}

tcop_err
feedbus_recv(feedbus *b, struct feed_msg *m)
{
	if (b->cur != NULL) {
		nng_msg_free(b->cur);
		b->cur = NULL;
	}
	for (int k = 0; k < b->n; k++) {
		int i = (b->next + k) % b->n;
		struct feed *f = b->feeds[i];
		nng_msg *msg;
		if (nng_recvmsg(f->sock, &msg, NNG_FLAG_NONBLOCK) != 0)
			continue;
		b->cur = msg;
		b->next = (i + 1) % b->n;
		m->feed = i;
		m->data = nng_msg_body(msg);
		m->len = nng_msg_len(msg);
		m->rx = tcop_now_ms();
		f->h.received++;
		f->h.last_heard = tcop_mono_ms();
		f->win_count++;
		return TCOP_OK;
	}
	return TCOP_EAGAIN;
}

static void
account_seq(struct feed *f, const tcop_event *ev)
{
	struct strmap_ent *e;
	bool created;

	if (ev->resend) {
		f->h.resent++;
		return;
	}
	if (ev->seq < 0)
		return;
	e = strmap_put(&f->seqs, ev->src, strlen(ev->src), &created);
	if (e == NULL)
		return;
	if (!created) {
		if (ev->seq > e->ival + 1)
			f->h.lost += (uint64_t)(ev->seq - e->ival - 1);
		else if (ev->seq <= e->ival)
			f->h.resets++;
	}
	e->ival = ev->seq;
}

tcop_err
feedbus_decode(feedbus *b, const struct feed_msg *m, tcop_event *ev)
{
	struct feed *f = b->feeds[m->feed];
	tcop_err rv = tcop_event_decode(m->data, m->len, ev);

	if (rv != TCOP_OK) {
		f->h.rejected++;
		f->h.rejected_by[rv]++;
		if (f->h.rejected <= LOG_FIRST || f->h.rejected % LOG_EVERY == 0) {
			char ex[64];
			size_t n = m->len < sizeof ex - 1 ? m->len : sizeof ex - 1;
			for (size_t i = 0; i < n; i++) {
				unsigned char c = (unsigned char)m->data[i];
				ex[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
			}
			ex[n] = '\0';
			tcop_log("feed %s: message %llu rejected (%s): %s%s", f->url,
			    (unsigned long long)f->h.received, tcop_strerror(rv),
			    ex, m->len > n ? "..." : "");
		}
		return rv;
	}
	f->h.accepted++;
	if (ev->kind == TCOP_K_UNKNOWN)
		f->h.unknown++;
	account_seq(f, ev);
	return TCOP_OK;
}

const struct feed_health *
feedbus_health(feedbus *b, int i, tcop_ms now)
{
	struct feed *f = b->feeds[i];
	int adds = atomic_load(&f->adds);

	f->h.connected = atomic_load(&f->pipes) > 0;
	f->h.reconnects = adds > 1 ? adds - 1 : 0;
	if (f->win_start == 0)
		f->win_start = now;
	if (now - f->win_start >= 1000) {
		double r = (double)f->win_count * 1000.0 /
		    (double)(now - f->win_start);
		f->h.rate = f->h.rate == 0 ? r : 0.5 * f->h.rate + 0.5 * r;
		f->win_start = now;
		f->win_count = 0;
	}
	return &f->h;
}

void
feedbus_totals(feedbus *b, struct feed_health *out)
{
	memset(out, 0, sizeof *out);
	for (int i = 0; i < b->n; i++) {
		const struct feed_health *h = &b->feeds[i]->h;
		out->connected |= atomic_load(&b->feeds[i]->pipes) > 0;
		out->received += h->received;
		out->accepted += h->accepted;
		out->unknown += h->unknown;
		out->rejected += h->rejected;
		for (int r = 0; r < TCOP_NERR; r++)
			out->rejected_by[r] += h->rejected_by[r];
		out->lost += h->lost;
		out->resets += h->resets;
		out->resent += h->resent;
		out->rate += h->rate;
		out->reconnects += h->reconnects;
	}
}
