/*
 * frag.h: reassembly of multi-sentence AIS messages.
 *
 * A message of n fragments arrives as n sentences sharing a sequential
 * message id and a radio channel, fragment 1 first. The reassembler keeps
 * a fixed number of messages in progress (FRAG_SLOTS, no allocation),
 * keyed by (sequence id, channel), and de-armours each fragment into the
 * message's bit buffer as it comes.
 *
 * Verdicts on a sentence can come late: a fragment is pending until its
 * message completes, and is rejected when
 *   - its message never completes: the slot times out (event time: a
 *     pending message older than `timeout` ms than the newest sentence
 *     time, when both are known), is evicted for a newer message when
 *     every slot is busy, or is still pending at frag_flush()
 *     -> TCOP_EFRAG_ORPHAN;
 *   - a fragment comes out of order (a later fragment before fragment 1,
 *     a gap, a repeated number, a different fragment count)
 *     -> TCOP_EFRAG_ORDER, for every sentence of that message.
 * Such late verdicts go to the `reject` callback with the caller's tag of
 * each sentence (a line number, say), once per sentence. A verdict known
 * at once is the return value of frag_push(), and is not also reported
 * through the callback.
 */
#ifndef TCOP_AIS_FRAG_H
#define TCOP_AIS_FRAG_H

#include "ais/nmea.h"

#define FRAG_SLOTS 32
#define FRAG_TIMEOUT_MS 30000 /* default: fragments come within a second */

/* A complete message: its bits and what its sentences said. */
struct ais_payload {
	uint8_t bits[AIS_BYTES_MAX + 8]; /* zero after nbits, 8 bytes at least */
	size_t nbits;
	char channel;
	bool own;                 /* from !..VDO */
	int nfrag;
	tcop_ms t;                /* time of the last sentence that had one */
	char station[24];
	uint64_t tag;             /* tag of the first sentence */
};

typedef void (*frag_reject_fn)(void *arg, tcop_err why, uint64_t tag);

struct frag_slot {
	bool used;
	bool stray;               /* began with a fragment other than 1 */
	int seqid;
	char channel;
	int nfrag, next;          /* next fragment number expected */
	uint64_t order;           /* rx->count when the slot was opened */
	uint64_t last;            /* rx->count at its latest sentence */
	tcop_ms t0;               /* event time of its first sentence */
	int ntags;
	uint64_t tags[9];
	struct ais_payload msg;
};

struct frag_rx {
	struct frag_slot slot[FRAG_SLOTS];
	int nused;
	uint64_t count;           /* sentences pushed */
	tcop_ms timeout;
	frag_reject_fn reject;
	void *arg;
};

/* Empty reassembler; timeout in ms (<= 0: FRAG_TIMEOUT_MS). */
void frag_init(struct frag_rx *rx, tcop_ms timeout, frag_reject_fn reject,
    void *arg);

/*
 * Take one checked sentence (from nmea_parse()) observed at event time now
 * (TCOP_MS_NONE if unknown), with the caller's tag. Returns
 *   TCOP_OK            *out holds a complete message (a single-sentence
 *                      one, or the last fragment completed one);
 *   TCOP_EAGAIN        the fragment is kept, nothing to decode yet;
 *   TCOP_EFRAG_ORDER   this sentence (and the others of its message,
 *                      through the callback) rejected;
 *   TCOP_ETOOBIG       the message would pass AIS_BITS_MAX bits;
 *   TCOP_EFILL         fill bits more than the payload has.
 */
tcop_err frag_push(struct frag_rx *rx, const struct nmea_sentence *s,
    tcop_ms now, uint64_t tag, struct ais_payload *out);

/* Reject (TCOP_EFRAG_ORPHAN) every message pending longer than the
 * timeout at event time now. */
void frag_expire(struct frag_rx *rx, tcop_ms now);

/* Reject every message still pending (end of input). */
void frag_flush(struct frag_rx *rx);

#endif
