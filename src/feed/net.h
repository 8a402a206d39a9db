/*
 * net.h: what the publisher and the subscriber share about nng: TLS
 * configuration from --cert/--key/--ca files, and nng error reporting.
 */
#ifndef TCOP_NET_H
#define TCOP_NET_H

#include <nng/nng.h>
#include <nng/supplemental/tls/tls.h>

#include "tcop/tcop.h"

struct net_tls {
	const char *cert, *key, *ca; /* PEM files; NULL if not given */
	bool require_client_cert;    /* server side: refuse peers without one */
};

/* True if url is tls+tcp:// (or tls+tcp4/6). */
bool net_is_tls(const char *url);

/*
 * A TLS config for a server (listener) or client (dialer) from t. A client
 * with no --ca does not verify the server; a server with --ca and
 * require_client_cert demands a client certificate signed by that CA.
 * TCOP_EINVAL (logged: which file, why) on failure.
 */
tcop_err net_tls_config(const struct net_tls *t, bool server,
    nng_tls_config **out);

/* Log "what URL: nng's reason" and return TCOP_ENET. */
tcop_err net_fail(const char *what, const char *url, int nng_rv);

/*
 * nng_close() in a thread of its own, waited for at most wait_ms: nng 1.5.2
 * can deadlock closing a socket whose peer is sending hard (nanomsg/nng
 * #1219, #1543). False if it did not come back in time (the socket is then
 * left behind; callers are about to exit when this matters).
 */
bool net_close_bounded(nng_socket sock, int wait_ms);

#endif
