/*
 * bus.c: the subscriber side of the feed bus (bus.h has the contract).
 *
 * One SUB socket per feed so that health is per feed: nng's pipe
 * notifications (on nng's threads) only touch atomics; the counters are
 * the caller's thread's.
 *
 * A receiver thread of the bus's own drains every socket as soon as nng
 * has a message and queues it (with its receive time) in a ring of
 * RING_SIZE messages, so a consumer that stalls for a while (a recorder
 * waiting on its disk, a viewer drawing over a slow link) loses nothing
 * until that ring is full; nng's own queues stop at 8192 messages. What
 * does not fit is dropped and shows up as seq gaps, which is what it is.
 * The consumer polls one eventfd, readable while the ring is not empty:
 *
 *   nng sockets --(thread: recv, stamp rx)--> ring --(feedbus_recv)--> caller
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <nng/nng.h>
#include <nng/protocol/pubsub0/sub.h>
#include <nng/supplemental/util/platform.h>

#include "core/strmap.h"
#include "feed/bus.h"

#define FEEDS_MAX 64
#define LOG_FIRST 10       /* rejections logged per feed before thinning */
#define LOG_EVERY 10000    /* ... then one in this many */
#define BUS_RECVMAXSZ (4u << 20)
#define RING_SIZE (1u << 17) /* messages queued between thread and caller */

struct feed {
	nng_socket sock;
	nng_dialer dialer;
	nng_listener listener; /* feedbus_listen(): publishers dial in */
	nng_tls_config *tls;
	char url[256];
	atomic_int pipes;
	atomic_int adds;
	struct feed_health h;
	strmap seqs;         /* src -> last seq */
	tcop_ms win_start;   /* rate window (monotonic) */
	uint64_t win_count;
};

struct slot {
	nng_msg *msg;
	int feed;
	tcop_ms rx;
};

struct feedbus {
	struct feed *feeds[FEEDS_MAX];
	atomic_int n;        /* feeds[0..n) are ready for the thread */
	nng_msg *cur;        /* the message handed out last */
	pthread_t thread;
	bool running;
	atomic_int stop;
	int efd;             /* eventfd: readable while the ring has messages */
	pthread_mutex_t mu;  /* guards the ring */
	struct slot *ring;
	size_t head, tail;   /* tail - head messages queued */
	atomic_ulong overflow[FEEDS_MAX]; /* dropped: ring full */
};

static bool
ring_push(feedbus *b, nng_msg *m, int feed, tcop_ms rx)
{
	bool was_empty;

	pthread_mutex_lock(&b->mu);
	if (b->tail - b->head == RING_SIZE) {
		pthread_mutex_unlock(&b->mu);
		return false;
	}
	was_empty = b->tail == b->head;
	b->ring[b->tail % RING_SIZE] = (struct slot){ m, feed, rx };
	b->tail++;
	pthread_mutex_unlock(&b->mu);
	if (was_empty) {
		uint64_t one = 1;
		if (write(b->efd, &one, sizeof one) < 0) {
			/* the counter cannot overflow at our rates; nothing to do */
		}
	}
	return true;
}

static bool
ring_pop(feedbus *b, struct slot *out)
{
	bool got = false;

	pthread_mutex_lock(&b->mu);
	if (b->tail != b->head) {
		*out = b->ring[b->head % RING_SIZE];
		b->head++;
		got = true;
	}
	pthread_mutex_unlock(&b->mu);
	return got;
}

static void *
receiver(void *arg)
{
	feedbus *b = arg;
	struct pollfd fds[FEEDS_MAX];
	int idx[FEEDS_MAX];

	while (!atomic_load(&b->stop)) {
		int n = atomic_load(&b->n), nf = 0;
		for (int i = 0; i < n; i++) {
			int fd;
			if (nng_socket_get_int(b->feeds[i]->sock, NNG_OPT_RECVFD,
			    &fd) != 0)
				continue;
			fds[nf].fd = fd;
			fds[nf].events = POLLIN;
			idx[nf++] = i;
		}
		if (poll(fds, (nfds_t)nf, 100) <= 0) {
			if (nf == 0)
				nng_msleep(1); /* poll(0 fds) returns at once on some libcs */
			continue;
		}
		for (int k = 0; k < nf; k++) {
			nng_msg *m;
			if (!(fds[k].revents & POLLIN))
				continue;
			while (nng_recvmsg(b->feeds[idx[k]]->sock, &m,
			    NNG_FLAG_NONBLOCK) == 0) {
				if (!ring_push(b, m, idx[k], tcop_now_ms())) {
					nng_msg_free(m);
					atomic_fetch_add(&b->overflow[idx[k]], 1);
				}
			}
		}
	}
	return NULL;
}

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
	b->ring = calloc(RING_SIZE, sizeof *b->ring);
	b->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (b->ring == NULL || b->efd < 0) {
		free(b->ring);
		if (b->efd >= 0)
			close(b->efd);
		free(b);
		return TCOP_ENOMEM;
	}
	pthread_mutex_init(&b->mu, NULL);
	if (pthread_create(&b->thread, NULL, receiver, b) != 0) {
		close(b->efd);
		free(b->ring);
		free(b);
		return TCOP_ESYS;
	}
	b->running = true;
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
	struct slot sl;

	if (b == NULL)
		return;
	atomic_store(&b->stop, 1);
	if (b->running)
		pthread_join(b->thread, NULL);
	if (b->cur != NULL)
		nng_msg_free(b->cur);
	while (ring_pop(b, &sl))
		nng_msg_free(sl.msg);
	for (int i = 0; i < atomic_load(&b->n); i++)
		feed_free(b->feeds[i]);
	pthread_mutex_destroy(&b->mu);
	close(b->efd);
	free(b->ring);
	free(b);
}

/*
 * One SUB socket on url: dialled (feedbus_add) or listening for publishers
 * (feedbus_listen). TLS: a dialer is a TLS client, a listener a server.
 */
static tcop_err
feed_open(feedbus *b, const char *url, const char *prefix,
    const struct net_tls *tls, bool listen)
{
	struct net_tls none = { 0 };
	struct feed *f;
	int rv;

	if (atomic_load(&b->n) == FEEDS_MAX) {
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
	if (net_is_tls(url) &&
	    net_tls_config(tls ? tls : &none, listen, &f->tls) != TCOP_OK) {
		feed_free(f);
		return TCOP_ENET;
	}
	if (listen) {
		if ((rv = nng_listener_create(&f->listener, f->sock, url)) != 0 ||
		    (f->tls != NULL && (rv = nng_listener_set_ptr(f->listener,
		    NNG_OPT_TLS_CONFIG, f->tls)) != 0) ||
		    (rv = nng_listener_start(f->listener, 0)) != 0)
			goto fail;
	} else {
		if ((rv = nng_dialer_create(&f->dialer, f->sock, url)) != 0 ||
		    (f->tls != NULL && (rv = nng_dialer_set_ptr(f->dialer,
		    NNG_OPT_TLS_CONFIG, f->tls)) != 0))
			goto fail;
		/* NONBLOCK: if the publisher is not there yet, keep trying. */
		if ((rv = nng_dialer_start(f->dialer, NNG_FLAG_NONBLOCK)) != 0)
			goto fail;
	}
	b->feeds[atomic_load(&b->n)] = f;
	atomic_fetch_add(&b->n, 1); /* publish it to the receiver thread */
	return TCOP_OK;
fail:
	net_fail(listen ? "listen for publishers on" : "subscribe to", url, rv);
	feed_free(f);
	return TCOP_ENET;
}

tcop_err
feedbus_add(feedbus *b, const char *url, const char *prefix,
    const struct net_tls *tls)
{
	return feed_open(b, url, prefix, tls, false);
}

tcop_err
feedbus_listen(feedbus *b, const char *url, const char *prefix,
    const struct net_tls *tls)
{
	return feed_open(b, url, prefix, tls, true);
}

int
feedbus_count(const feedbus *b)
{
	return atomic_load(&((feedbus *)b)->n);
}

int
feedbus_pollfds(feedbus *b, struct pollfd *fds, int max)
{
	if (max < 1)
		return 0;
	fds[0].fd = b->efd;
	fds[0].events = POLLIN;
	fds[0].revents = 0;
	return 1;
}

tcop_err
feedbus_recv(feedbus *b, struct feed_msg *m)
{
	struct slot sl;

	if (b->cur != NULL) {
		nng_msg_free(b->cur);
		b->cur = NULL;
	}
	if (!ring_pop(b, &sl)) {
		/* empty: reset the eventfd, then look again, so a message
		 * queued in between is not left without a wake-up */
		uint64_t v;
		if (read(b->efd, &v, sizeof v) < 0 && errno != EAGAIN)
			return TCOP_EAGAIN;
		if (!ring_pop(b, &sl))
			return TCOP_EAGAIN;
		uint64_t one = 1;
		if (write(b->efd, &one, sizeof one) < 0) {
			/* cannot overflow */
		}
	}
	struct feed *f = b->feeds[sl.feed];
	b->cur = sl.msg;
	m->feed = sl.feed;
	m->data = nng_msg_body(sl.msg);
	m->len = nng_msg_len(sl.msg);
	m->rx = sl.rx;
	f->h.received++;
	f->h.last_heard = tcop_mono_ms();
	f->win_count++;
	return TCOP_OK;
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
	f->h.overflow = atomic_load(&b->overflow[i]);
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
	for (int i = 0; i < atomic_load(&b->n); i++) {
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
		out->overflow += atomic_load(&b->overflow[i]);
	}
}
