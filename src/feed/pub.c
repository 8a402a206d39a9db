/*
 * pub.c: the tcop/1 publisher (pub.h has the contract).
 *
 * One nng PUB socket with one listener. Pipe notifications (on nng's
 * threads) only bump atomic counters; everything else happens on the
 * caller's thread in pub_send() and pub_tick().
 *
 * Late-joiner cache: (topic, id) -> the latest state message, stored ready
 * to send with "resend":true spliced in before the closing brace. A re-send
 * cycle walks the cache in slot order and spreads the messages over
 * RESEND_SPREAD ms, so a joiner gets every state within a few seconds
 * without a burst that would overflow its queue:
 *
 *   new subscriber (pipe added) --> cycle starts at next pub_tick()
 *   every `refresh` ms          --> cycle starts (for joiners behind relays)
 *   cycle running               --> each tick sends its share of the cache
 */
#include <signal.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <nng/nng.h>
#include <nng/protocol/pubsub0/pub.h>
#include <nng/supplemental/util/platform.h>

#include "core/strmap.h"
#include "feed/net.h"
#include "feed/pub.h"

#define RESEND_SPREAD 2000 /* ms over which one cycle is sent */

struct cached {
	uint64_t stamp; /* p->sent when it was cached */
	size_t len;
	char msg[]; /* TOPIC SP JSON-with-resend */
};

struct pub {
	nng_socket sock;
	nng_listener listener;
	nng_tls_config *tls;
	atomic_int nsubs;
	atomic_int joins;  /* pipes ever added */
	int joins_seen;    /* joins at the last cycle start */
	volatile sig_atomic_t interrupted;
	strmap seqs;       /* src -> last seq given */
	strmap cache;      /* topic \0 id -> struct cached * */
	size_t cache_max;
	uint64_t cache_refused;
	tcop_ms refresh;
	tcop_ms next_refresh;
	bool cycling;      /* a re-send cycle is running */
	tcop_ms cycle_start;
	size_t cycle_pos;  /* next cache slot to visit */
	size_t cycle_sent; /* messages sent in this cycle */
	size_t cycle_total;
	uint64_t cycle_stamp; /* only entries cached before this are re-sent */
	uint64_t sent, resent;
	char url[256];
};

static void
pipe_cb(nng_pipe pipe, nng_pipe_ev ev, void *arg)
{
	struct pub *p = arg;

	(void)pipe;
	if (ev == NNG_PIPE_EV_ADD_POST) {
		atomic_fetch_add(&p->nsubs, 1);
		atomic_fetch_add(&p->joins, 1);
	} else if (ev == NNG_PIPE_EV_REM_POST) {
		atomic_fetch_sub(&p->nsubs, 1);
	}
}

static tcop_ms
mono(void)
{
	return tcop_mono_ms();
}

tcop_err
pub_open(pub **out, const struct pub_opts *o)
{
	struct pub *p = calloc(1, sizeof *p);
	int rv;

	if (p == NULL)
		return TCOP_ENOMEM;
	snprintf(p->url, sizeof p->url, "%s", o->url);
	strmap_init(&p->seqs);
	strmap_init(&p->cache);
	p->cache_max = o->cache_max > 0 ? o->cache_max : 200000;
	p->refresh = o->refresh == 0 ? 60000 : o->refresh;
	p->next_refresh = p->refresh > 0 ? mono() + p->refresh : INT64_MAX;
	if ((rv = nng_pub0_open(&p->sock)) != 0) {
		free(p);
		return net_fail("publish on", o->url, rv);
	}
	nng_socket_set_int(p->sock, NNG_OPT_SENDBUF,
	    o->sendbuf > 0 ? o->sendbuf : 8192);
	nng_pipe_notify(p->sock, NNG_PIPE_EV_ADD_POST, pipe_cb, p);
	nng_pipe_notify(p->sock, NNG_PIPE_EV_REM_POST, pipe_cb, p);
	if ((rv = nng_listener_create(&p->listener, p->sock, o->url)) != 0)
		goto fail;
	if (net_is_tls(o->url)) {
		struct net_tls t = { o->cert, o->key, o->ca,
			o->require_client_cert };
		if (net_tls_config(&t, true, &p->tls) != TCOP_OK) {
			nng_close(p->sock);
			strmap_fini(&p->seqs, NULL);
			strmap_fini(&p->cache, NULL);
			free(p);
			return TCOP_EINVAL;
		}
		if ((rv = nng_listener_set_ptr(p->listener, NNG_OPT_TLS_CONFIG,
		    p->tls)) != 0)
			goto fail;
	}
	if ((rv = nng_listener_start(p->listener, 0)) != 0)
		goto fail;
	*out = p;
	return TCOP_OK;
fail:
	net_fail("listen on", o->url, rv);
	nng_close(p->sock);
	if (p->tls != NULL)
		nng_tls_config_free(p->tls);
	strmap_fini(&p->seqs, NULL);
	strmap_fini(&p->cache, NULL);
	free(p);
	return TCOP_ENET;
}

void
pub_close(pub *p, tcop_ms linger)
{
	if (p == NULL)
		return;
	if (linger > 0) {
		struct timespec ts = { linger / 1000, (linger % 1000) * 1000000 };
		nanosleep(&ts, NULL);
	}
	if (!net_close_bounded(p->sock, 2000)) {
		tcop_log("publisher %s: the socket did not close in 2 s", p->url);
		return;
	}
	if (p->tls != NULL)
		nng_tls_config_free(p->tls);
	strmap_fini(&p->seqs, NULL);
	strmap_fini(&p->cache, free);
	free(p);
}

int
pub_subscribers(pub *p)
{
	return atomic_load(&p->nsubs);
}

void
pub_interrupt(pub *p)
{
	p->interrupted = 1;
}

tcop_err
pub_wait_subscribers(pub *p, int n, tcop_ms timeout)
{
	tcop_ms end = timeout < 0 ? INT64_MAX : mono() + timeout;

	while (atomic_load(&p->nsubs) < n) {
		if (p->interrupted)
			return TCOP_EINVAL;
		if (mono() >= end)
			return TCOP_EAGAIN;
		nng_msleep(10);
	}
	/* a joiner's pipe is up: PUB filters nothing, SUB filters locally,
	 * so what is sent from now on reaches it. */
	return TCOP_OK;
}

int64_t
pub_next_seq(pub *p, const char *src)
{
	bool created;
	struct strmap_ent *e = strmap_put(&p->seqs, src, strlen(src), &created);

	if (e == NULL)
		return 0;
	return ++e->ival;
}

static tcop_err
send_raw(pub *p, const char *msg, size_t len)
{
	nng_msg *m;
	int rv;

	if ((rv = nng_msg_alloc(&m, len)) != 0)
		return TCOP_ENOMEM;
	memcpy(nng_msg_body(m), msg, len);
	if ((rv = nng_sendmsg(p->sock, m, NNG_FLAG_NONBLOCK)) != 0) {
		nng_msg_free(m);
		return TCOP_EAGAIN;
	}
	return TCOP_OK;
}

/* Is this the kind of message a late joiner needs? */
static bool
is_state(const tcop_event *ev)
{
	switch (ev->kind) {
	case TCOP_K_ELEMENTS:
	case TCOP_K_ZONE:
		return true;
	case TCOP_K_INTERFERENCE:
		return true; /* a clear removes it, see cache_update() */
	case TCOP_K_TRACK:
		return ev->u.track.shipname[0] != '\0' ||
		    ev->u.track.callsign[0] != '\0' || ev->u.track.imo != 0 ||
		    ev->u.track.shiptype >= 0;
	default:
		return false;
	}
}

static void
cache_update(pub *p, const char *topic, const char *json, size_t json_len,
    const tcop_event *ev)
{
	char key[TCOP_TOPIC_MAX + TCOP_ID_MAX + 1];
	size_t tl = strlen(topic), il = strlen(ev->id), klen = tl + 1 + il;
	struct strmap_ent *e;
	struct cached *c;
	bool created;

	memcpy(key, topic, tl);
	key[tl] = '\0';
	memcpy(key + tl + 1, ev->id, il);
	if (ev->kind == TCOP_K_INTERFERENCE && ev->u.intf.clear) {
		free(strmap_del(&p->cache, key, klen));
		return;
	}
	while (json_len > 0 && json[json_len - 1] != '}')
		json_len--;
	if (json_len < 2)
		return;
	static const char mark[] = ",\"resend\":true}";
	size_t len = tl + 1 + (json_len - 1) + sizeof mark - 1;
	if (strmap_get(&p->cache, key, klen) == NULL &&
	    p->cache.count >= p->cache_max) {
		p->cache_refused++;
		return;
	}
	c = malloc(sizeof *c + len);
	if (c == NULL)
		return;
	c->len = len;
	c->stamp = p->sent;
	memcpy(c->msg, topic, tl);
	c->msg[tl] = ' ';
	memcpy(c->msg + tl + 1, json, json_len - 1);
	memcpy(c->msg + tl + 1 + json_len - 1, mark, sizeof mark - 1);
	e = strmap_put(&p->cache, key, klen, &created);
	if (e == NULL) {
		free(c);
		return;
	}
	free(e->pval);
	e->pval = c;
}

tcop_err
pub_send(pub *p, const char *topic, const char *json, size_t json_len,
    const tcop_event *ev)
{
	size_t tl = strlen(topic), len = tl + 1 + json_len;
	nng_msg *m;
	int rv;

	if (len > TCOP_MSG_MAX)
		return TCOP_ETOOBIG;
	if ((rv = nng_msg_alloc(&m, len)) != 0)
		return TCOP_ENOMEM;
	char *b = nng_msg_body(m);
	memcpy(b, topic, tl);
	b[tl] = ' ';
	memcpy(b + tl + 1, json, json_len);
	if ((rv = nng_sendmsg(p->sock, m, NNG_FLAG_NONBLOCK)) != 0) {
		nng_msg_free(m);
		return TCOP_EAGAIN;
	}
	p->sent++;
	if (ev != NULL && !ev->resend && is_state(ev))
		cache_update(p, topic, json, json_len, ev);
	return TCOP_OK;
}

void
pub_tick(pub *p)
{
	tcop_ms now = mono();
	int joins = atomic_load(&p->joins);

	if (!p->cycling && (joins != p->joins_seen || now >= p->next_refresh)) {
		p->joins_seen = joins;
		if (p->refresh > 0)
			p->next_refresh = now + p->refresh;
		if (p->cache.count > 0) {
			p->cycling = true;
			p->cycle_start = now;
			p->cycle_pos = 0;
			p->cycle_sent = 0;
			p->cycle_total = p->cache.count;
			p->cycle_stamp = p->sent;
		}
	}
	if (!p->cycling)
		return;
	/* the share of the cycle that is due by now */
	tcop_ms el = now - p->cycle_start;
	size_t due = el >= RESEND_SPREAD ? p->cycle_total :
	    (size_t)((double)p->cycle_total * (double)(el + 100) / RESEND_SPREAD);
	while (p->cycle_sent < due && p->cycle_pos < p->cache.cap) {
		struct strmap_ent *e = strmap_at(&p->cache, p->cycle_pos++);
		if (e == NULL)
			continue;
		struct cached *c = e->pval;
		p->cycle_sent++;
		if (c->stamp > p->cycle_stamp)
			continue; /* sent after the cycle began: the joiner has it */
		if (send_raw(p, c->msg, c->len) == TCOP_OK)
			p->resent++;
	}
	if (p->cycle_pos >= p->cache.cap || p->cycle_sent >= p->cycle_total)
		p->cycling = false;
}

uint64_t
pub_sent(const pub *p)
{
	return p->sent;
}

uint64_t
pub_resent(const pub *p)
{
	return p->resent;
}
