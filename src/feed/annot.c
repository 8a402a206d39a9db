/*
 * annot.c: the viewer's annotation publisher (see annot.h): an nng PUB
 * socket with a dialer (reconnecting 100 ms .. 5 s) and a pipe counter
 * for annot_connected(). Library layer: TCOP_ENOMEM on allocation failure.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "feed/annot.h"

#include <nng/protocol/pubsub0/pub.h>

struct annot {
	nng_socket sock;
	nng_dialer dialer;
	nng_tls_config *tls;
	atomic_int pipes;
	char url[256];
};

static void
annot_pipe_cb(nng_pipe pipe, nng_pipe_ev ev, void *arg)
{
	struct annot *a = arg;

	(void)pipe;
	if (ev == NNG_PIPE_EV_ADD_POST)
		atomic_fetch_add(&a->pipes, 1);
	else if (ev == NNG_PIPE_EV_REM_POST)
		atomic_fetch_sub(&a->pipes, 1);
}

tcop_err
annot_open(annot **out, const char *url, const struct net_tls *tls)
{
	struct net_tls none = { 0 };
	annot *a;
	int rv;

	if ((a = calloc(1, sizeof *a)) == NULL)
		return TCOP_ENOMEM;
	snprintf(a->url, sizeof a->url, "%s", url);
	if ((rv = nng_pub0_open(&a->sock)) != 0) {
		free(a);
		return net_fail("annotate", url, rv);
	}
	nng_socket_set_ms(a->sock, NNG_OPT_RECONNMINT, 100);
	nng_socket_set_ms(a->sock, NNG_OPT_RECONNMAXT, 5000);
	nng_pipe_notify(a->sock, NNG_PIPE_EV_ADD_POST, annot_pipe_cb, a);
	nng_pipe_notify(a->sock, NNG_PIPE_EV_REM_POST, annot_pipe_cb, a);
	if (net_is_tls(url) &&
	    net_tls_config(tls ? tls : &none, false, &a->tls) != TCOP_OK) {
		annot_close(a);
		return TCOP_ENET;
	}
	if ((rv = nng_dialer_create(&a->dialer, a->sock, url)) != 0 ||
	    (a->tls != NULL && (rv = nng_dialer_set_ptr(a->dialer,
	    NNG_OPT_TLS_CONFIG, a->tls)) != 0) ||
	    (rv = nng_dialer_start(a->dialer, NNG_FLAG_NONBLOCK)) != 0) {
		net_fail("annotate", url, rv);
		annot_close(a);
		return TCOP_ENET;
	}
	*out = a;
	return TCOP_OK;
}

void
annot_close(annot *a)
{
	if (a == NULL)
		return;
	/* A PUB socket's peer never sends: an ordinary close is safe, but
	 * bounded all the same (net.h). */
	if (!net_close_bounded(a->sock, 2000))
		return;
	if (a->tls != NULL)
		nng_tls_config_free(a->tls);
	free(a);
}

bool
annot_connected(annot *a)
{
	return a != NULL && atomic_load(&a->pipes) > 0;
}

tcop_err
annot_send(annot *a, const char *msg, size_t len)
{
	int rv;

	if (!annot_connected(a))
		return TCOP_ENET;
	if ((rv = nng_send(a->sock, (void *)msg, len, NNG_FLAG_NONBLOCK)) != 0)
		return net_fail("annotate", a->url, rv);
	return TCOP_OK;
}
