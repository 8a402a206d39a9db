/*
 * frag.c: multi-sentence reassembly (see frag.h for the contract).
 *
 * Slot life:
 *
 *   fragment 1 ──► open ──(fragment k == next)──► ... ──(k == n)──► message
 *                   │  (wrong k or n) ──► EFRAG_ORDER for all its sentences
 *                   └─ (timeout | evicted | flush | new fragment 1) ──► EFRAG_ORPHAN
 *   fragment k>1, no slot ──► stray ──(its fragment 1 right after)──► EFRAG_ORDER
 *                               └─ (otherwise) ──► EFRAG_ORPHAN
 *
 * "Right after" means the very next sentence: a reversed pair is reported as
 * out of order, a lost fragment 2 followed later by a new message that
 * reuses its sequence id is not.
 * Single-sentence messages never touch a slot.
 */
#include <string.h>

#include "ais/frag.h"

void
frag_init(struct frag_rx *rx, tcop_ms timeout, frag_reject_fn reject,
    void *arg)
{
	memset(rx, 0, sizeof *rx);
	rx->timeout = timeout > 0 ? timeout : FRAG_TIMEOUT_MS;
	rx->reject = reject;
	rx->arg = arg;
}

static void
slot_reject(struct frag_rx *rx, struct frag_slot *sl, tcop_err why)
{
	if (rx->reject != NULL)
		for (int i = 0; i < sl->ntags; i++)
			rx->reject(rx->arg, why, sl->tags[i]);
	sl->used = false;
	rx->nused--;
}

/* Drop the fill bits and clear everything after the last bit. */
static tcop_err
finish(struct ais_payload *m, int fill)
{
	size_t nbytes;

	if ((size_t)fill > m->nbits)
		return TCOP_EFILL;
	m->nbits -= (size_t)fill;
	nbytes = (m->nbits + 7) / 8;
	if (m->nbits & 7)
		m->bits[nbytes - 1] &= (uint8_t)(0xff << (8 - (m->nbits & 7)));
	memset(m->bits + nbytes, 0, 8);
	return TCOP_OK;
}

static void
take_meta(struct ais_payload *m, const struct nmea_sentence *s)
{
	if (s->t != TCOP_MS_NONE)
		m->t = s->t;
	if (s->station[0] != '\0' && m->station[0] == '\0')
		memcpy(m->station, s->station, sizeof m->station);
}

static struct frag_slot *
slot_find(struct frag_rx *rx, const struct nmea_sentence *s)
{
	if (rx->nused == 0)
		return NULL;
	for (int i = 0; i < FRAG_SLOTS; i++) {
		struct frag_slot *sl = &rx->slot[i];
		if (sl->used && sl->seqid == s->seqid && sl->channel == s->channel)
			return sl;
	}
	return NULL;
}

/* A free slot, evicting the oldest message in progress if need be. */
static struct frag_slot *
slot_open(struct frag_rx *rx, const struct nmea_sentence *s, tcop_ms now,
    uint64_t tag)
{
	struct frag_slot *sl = NULL;

	for (int i = 0; i < FRAG_SLOTS && sl == NULL; i++)
		if (!rx->slot[i].used)
			sl = &rx->slot[i];
	if (sl == NULL) {
		sl = &rx->slot[0];
		for (int i = 1; i < FRAG_SLOTS; i++)
			if (rx->slot[i].order < sl->order)
				sl = &rx->slot[i];
		slot_reject(rx, sl, TCOP_EFRAG_ORPHAN);
	}
	sl->used = true;
	sl->stray = s->frag != 1;
	sl->seqid = s->seqid;
	sl->channel = s->channel;
	sl->nfrag = s->nfrag;
	sl->next = s->frag + 1;
	sl->order = sl->last = rx->count;
	sl->t0 = now;
	sl->ntags = 1;
	sl->tags[0] = tag;
	sl->msg.nbits = 0;
	sl->msg.channel = s->channel;
	sl->msg.own = s->own;
	sl->msg.nfrag = s->nfrag;
	sl->msg.t = TCOP_MS_NONE;
	sl->msg.station[0] = '\0';
	sl->msg.tag = tag;
	take_meta(&sl->msg, s);
	rx->nused++;
	return sl;
}

static tcop_err
push_single(const struct nmea_sentence *s, uint64_t tag,
    struct ais_payload *out)
{
	tcop_err rv;

	out->nbits = 0;
	out->channel = s->channel;
	out->own = s->own;
	out->nfrag = 1;
	out->t = s->t;
	out->tag = tag;
	memcpy(out->station, s->station, sizeof out->station);
	if ((rv = nmea_unarmor(s->payload, s->payload_len, out->bits,
	    &out->nbits)) != TCOP_OK)
		return rv;
	return finish(out, s->fill);
}

/* Fragment 1 of a multi-sentence message. */
static tcop_err
push_first(struct frag_rx *rx, struct frag_slot *sl,
    const struct nmea_sentence *s, tcop_ms now, uint64_t tag)
{
	tcop_err rv;

	if (sl != NULL) {
		if (sl->stray && sl->nfrag == s->nfrag &&
		    rx->count - sl->last == 1) {
			slot_reject(rx, sl, TCOP_EFRAG_ORDER);
			return TCOP_EFRAG_ORDER;
		}
		slot_reject(rx, sl, TCOP_EFRAG_ORPHAN);
	}
	sl = slot_open(rx, s, now, tag);
	if ((rv = nmea_unarmor(s->payload, s->payload_len, sl->msg.bits,
	    &sl->msg.nbits)) != TCOP_OK) {
		sl->ntags = 0;
		slot_reject(rx, sl, rv);
		return rv;
	}
	return TCOP_EAGAIN;
}

/* Fragment k > 1. */
static tcop_err
push_next(struct frag_rx *rx, struct frag_slot *sl,
    const struct nmea_sentence *s, tcop_ms now, uint64_t tag,
    struct ais_payload *out)
{
	tcop_err rv;

	if (sl == NULL) {
		(void)slot_open(rx, s, now, tag);
		return TCOP_EAGAIN;
	}
	if (sl->stray) {
		if (sl->ntags < 9)
			sl->tags[sl->ntags++] = tag;
		sl->last = rx->count;
		return TCOP_EAGAIN;
	}
	if (s->nfrag != sl->nfrag || s->frag != sl->next) {
		slot_reject(rx, sl, TCOP_EFRAG_ORDER);
		return TCOP_EFRAG_ORDER;
	}
	if ((rv = nmea_unarmor(s->payload, s->payload_len, sl->msg.bits,
	    &sl->msg.nbits)) != TCOP_OK) {
		slot_reject(rx, sl, rv);
		return rv;
	}
	sl->tags[sl->ntags++] = tag;
	take_meta(&sl->msg, s);
	sl->next++;
	if (s->frag < s->nfrag)
		return TCOP_EAGAIN;
	*out = sl->msg;
	sl->used = false;
	rx->nused--;
	return finish(out, s->fill);
}

tcop_err
frag_push(struct frag_rx *rx, const struct nmea_sentence *s, tcop_ms now,
    uint64_t tag, struct ais_payload *out)
{
	struct frag_slot *sl;

	rx->count++;
	if (s->nfrag == 1)
		return push_single(s, tag, out);
	if (rx->nused > 0)
		frag_expire(rx, now);
	sl = slot_find(rx, s);
	if (s->frag == 1)
		return push_first(rx, sl, s, now, tag);
	return push_next(rx, sl, s, now, tag, out);
}

void
frag_expire(struct frag_rx *rx, tcop_ms now)
{
	if (now == TCOP_MS_NONE || rx->nused == 0)
		return;
	for (int i = 0; i < FRAG_SLOTS; i++) {
		struct frag_slot *sl = &rx->slot[i];
		if (sl->used && sl->t0 != TCOP_MS_NONE &&
		    now - sl->t0 > rx->timeout)
			slot_reject(rx, sl, TCOP_EFRAG_ORPHAN);
	}
}

void
frag_flush(struct frag_rx *rx)
{
	for (int i = 0; i < FRAG_SLOTS && rx->nused > 0; i++)
		if (rx->slot[i].used)
			slot_reject(rx, &rx->slot[i], TCOP_EFRAG_ORPHAN);
}
