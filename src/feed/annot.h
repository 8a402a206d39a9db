/*
 * annot.h: a viewer's annotation publisher (`tcop view --annotate URL`).
 * One nng PUB socket that *dials* a relay's ingest point (`tcop relay
 * --ingest URL`, a listening SUB), so any number of viewers publish into
 * one place and every viewer subscribed to the relay sees their
 * picture/ack, picture/mark and picture/note messages.
 *
 *   view --annotate ──PUB dial──> relay --ingest (SUB listen) ──> --listen
 *
 * Sending never blocks; a message sent while no connection is up is lost
 * (nng PUB semantics), so annot_connected() lets the caller say so.
 * Known limit: no retry queue, no late-joiner cache of annotations.
 */
#ifndef TCOP_ANNOT_H
#define TCOP_ANNOT_H

#include "feed/net.h"

typedef struct annot annot;

/*
 * Dial url (tcp://, ipc://, tls+tcp:// with tls as the client side; tls
 * may be NULL). The dial is asynchronous and retried for ever. TCOP_ENET
 * (logged) for a malformed URL or a TLS set-up failure.
 */
tcop_err annot_open(annot **out, const char *url, const struct net_tls *tls);
void annot_close(annot *a);

/* True while a connection to the ingest point is up. */
bool annot_connected(annot *a);

/*
 * Send one tcop/1 message (TOPIC SP JSON). TCOP_ENET if not connected
 * (nothing sent) or nng refused it.
 */
tcop_err annot_send(annot *a, const char *msg, size_t len);

#endif
