/*
 * relay.c: the forwarding node behind `tcop relay` (relay.h has the
 * contract and the filter's rules).
 *
 * One thread: poll the feeds, receive what is there, decode each message
 * (the validation every subscriber does), judge it, and hand the original
 * bytes to the publisher, which copies them into one nng message that nng
 * fans out to every subscriber. Nothing here blocks on a subscriber.
 * (nng_device() would forward between raw sockets with less work, but it
 * can neither validate nor filter, and a relay must do both.)
 *
 * Known limits: upstream late-joiner re-sends are forwarded as they are
 * (marked "resend"), but the relay's own cache keeps only state that
 * arrived live, so a subscriber that joins the relay gets the rest at the
 * next upstream refresh (pub.h, every 60 s by default).
 */
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "feed/relay.h"

#define STEP_MAX 4096 /* messages per relay_step before the publisher's tick */

struct relay {
	struct relay_opts o;
	feedbus *bus;
	pub *pub;
	struct relay_filter filter;
	struct relay_stats st;
	tcop_event ev;
};

static const char *const verdict_text[] = {
#define RELAY_VERDICT_TEXT(name, text) text,
	RELAY_VERDICTS(RELAY_VERDICT_TEXT)
#undef RELAY_VERDICT_TEXT
};

const char *
relay_verdict_text(enum relay_verdict v)
{
	return (unsigned)v < RELAY_NVERDICTS ? verdict_text[v] : "?";
}

/* ---- the filter ----------------------------------------------------------- */

/* Tetragraphs that stand for a fixed set of countries. */
static const struct {
	const char *tetra;
	const char *members[6];
} tetragraphs[] = {
	{ "FVEY", { "AUS", "CAN", "GBR", "NZL", "USA", NULL } },
	{ "ACGU", { "AUS", "CAN", "GBR", "USA", NULL, NULL } },
};

void
relay_filter_init(struct relay_filter *f)
{
	memset(f, 0, sizeof *f);
	f->max_cls = TCOP_CLS_NONE;
}

tcop_err
relay_filter_rel(struct relay_filter *f, const char *list)
{
	const char *p = list;

	if (*p == '\0')
		return TCOP_EREL;
	for (;;) {
		size_t n = strcspn(p, ",");
		if (!tcop_rel_code_ok(p, n) || f->nrel == TCOP_REL_MAX)
			return TCOP_EREL;
		memcpy(f->rel[f->nrel], p, n);
		f->rel[f->nrel++][n] = '\0';
		if (p[n] == '\0')
			break;
		p += n + 1;
	}
	f->active = true;
	return TCOP_OK;
}

tcop_err
relay_filter_cls(struct relay_filter *f, const char *cls)
{
	tcop_cls c = tcop_cls_parse(cls);

	if (c == TCOP_CLS_NONE)
		return TCOP_ECLS;
	f->max_cls = c;
	f->active = true;
	return TCOP_OK;
}

static bool
rel_has(const tcop_event *ev, const char *code)
{
	for (int i = 0; i < ev->nrel; i++)
		if (strcmp(ev->rel[i], code) == 0)
			return true;
	return false;
}

bool
relay_rel_allows(const tcop_event *ev, const char *code)
{
	if (rel_has(ev, code))
		return true;
	for (size_t t = 0; t < sizeof tetragraphs / sizeof tetragraphs[0]; t++) {
		const char *const *m = tetragraphs[t].members;
		if (strcmp(code, tetragraphs[t].tetra) == 0) {
			/* asked for a tetragraph: every member released will do */
			for (; *m != NULL; m++)
				if (!relay_rel_allows(ev, *m))
					return false;
			return true;
		}
		if (!rel_has(ev, tetragraphs[t].tetra))
			continue;
		for (; *m != NULL; m++)
			if (strcmp(*m, code) == 0)
				return true;
	}
	return false;
}

enum relay_verdict
relay_check(const struct relay_filter *f, const tcop_event *ev)
{
	if (!f->active)
		return RELAY_PASS;
	if (ev->cls == TCOP_CLS_NONE)
		return RELAY_UNMARKED;
	if (f->max_cls != TCOP_CLS_NONE && ev->cls > f->max_cls)
		return RELAY_ABOVE_CLS;
	if (f->nrel == 0)
		return RELAY_PASS;
	if (ev->nrel <= 0)
		return RELAY_NO_REL;
	for (int i = 0; i < f->nrel; i++)
		if (!relay_rel_allows(ev, f->rel[i]))
			return RELAY_NOT_RELEASABLE;
	return RELAY_PASS;
}

/* ---- the node ------------------------------------------------------------- */

tcop_err
relay_create(relay **out, const struct relay_opts *o)
{
	struct relay *r = calloc(1, sizeof *r);
	tcop_err rv;

	if (r == NULL)
		return TCOP_ENOMEM;
	r->o = *o;
	r->filter = o->filter;
	if ((rv = feedbus_create(&r->bus)) != TCOP_OK ||
	    (rv = pub_open(&r->pub, &o->pub)) != TCOP_OK) {
		feedbus_destroy(r->bus);
		free(r);
		return rv;
	}
	*out = r;
	return TCOP_OK;
}

tcop_err
relay_connect(relay *r)
{
	tcop_err rv;

	for (int i = feedbus_count(r->bus); i < r->o.nfeeds + r->o.ningest;
	    i++) {
		if (i < r->o.nfeeds)
			rv = feedbus_add(r->bus, r->o.feeds[i], r->o.prefix,
			    &r->o.tls);
		else
			rv = feedbus_listen(r->bus, r->o.ingest[i - r->o.nfeeds],
			    "", &r->o.ingest_tls); /* relay_ingest_admits */
		if (rv != TCOP_OK)
			return rv;
	}
	return TCOP_OK;
}

void
relay_destroy(relay *r, tcop_ms linger)
{
	if (r == NULL)
		return;
	feedbus_destroy(r->bus);
	pub_close(r->pub, linger);
	free(r);
}

pub *
relay_pub(relay *r)
{
	return r->pub;
}

bool
relay_ingest_admits(const char *topic)
{
	return strncmp(topic, "picture/", 8) == 0 ||
	    strcmp(topic, "cyber/interference") == 0;
}

static void
relay_one(relay *r, const struct feed_msg *m)
{
	tcop_event *ev = &r->ev;
	tcop_err rv = feedbus_decode(r->bus, m, ev);
	enum relay_verdict v;

	r->st.received++;
	if (rv != TCOP_OK) {
		r->st.malformed_by[rv]++;
		v = RELAY_MALFORMED;
	} else if (m->feed >= r->o.nfeeds &&
	    !relay_ingest_admits(ev->topic)) {
		v = RELAY_NOT_ADMITTED;
	} else {
		v = relay_check(&r->filter, ev);
	}
	r->st.by[v]++;
	if (v != RELAY_PASS) {
		r->st.dropped++;
		return;
	}
	size_t tl = strlen(ev->topic);
	if (pub_send(r->pub, ev->topic, m->data + tl + 1, m->len - tl - 1,
	    ev) != TCOP_OK) {
		r->st.send_failed++;
		return;
	}
	r->st.forwarded++;
	if (ev->resend)
		r->st.resent++;
}

int
relay_step(relay *r, int timeout_ms)
{
	struct pollfd fds[RELAY_FEEDS_MAX];
	struct feed_msg m;
	int n = 0;

	if (feedbus_recv(r->bus, &m) != TCOP_OK) {
		int nf = feedbus_pollfds(r->bus, fds, RELAY_FEEDS_MAX);
		if (poll(fds, (nfds_t)nf, timeout_ms) <= 0) {
			pub_tick(r->pub);
			return 0;
		}
		if (feedbus_recv(r->bus, &m) != TCOP_OK) {
			pub_tick(r->pub);
			return 0;
		}
	}
	do {
		relay_one(r, &m);
	} while (++n < STEP_MAX && feedbus_recv(r->bus, &m) == TCOP_OK);
	pub_tick(r->pub);
	return n;
}

void
relay_stats(relay *r, struct relay_stats *out)
{
	tcop_ms now = tcop_mono_ms();

	for (int i = 0; i < feedbus_count(r->bus); i++)
		(void)feedbus_health(r->bus, i, now);
	*out = r->st;
	feedbus_totals(r->bus, &out->up);
}

void
relay_report(relay *r, FILE *f)
{
	struct relay_stats s;
	tcop_ms now = tcop_mono_ms();

	relay_stats(r, &s);
	fprintf(f, "tcop relay: received %llu, forwarded %llu, dropped %llu "
	    "(", (unsigned long long)s.received,
	    (unsigned long long)s.forwarded, (unsigned long long)s.dropped);
	const char *sep = "";
	for (int v = 1; v < RELAY_NVERDICTS; v++) {
		fprintf(f, "%s%s %llu", sep, relay_verdict_text(v),
		    (unsigned long long)s.by[v]);
		sep = ", ";
	}
	fprintf(f, "), upstream lost %llu, resets %llu, resent %llu, "
	    "subscribers %d", (unsigned long long)s.up.lost,
	    (unsigned long long)s.up.resets, (unsigned long long)s.up.resent,
	    pub_subscribers(r->pub));
	for (int e = 0; e < TCOP_NERR; e++)
		if (s.malformed_by[e] > 0)
			fprintf(f, ", %s %llu", tcop_err_name((tcop_err)e),
			    (unsigned long long)s.malformed_by[e]);
	if (s.send_failed > 0)
		fprintf(f, ", NOT SENT %llu", (unsigned long long)s.send_failed);
	fprintf(f, "\n");
	for (int i = 0; i < feedbus_count(r->bus); i++) {
		const struct feed_health *h = feedbus_health(r->bus, i, now);
		fprintf(f, "tcop relay:   %s: %s, received %llu, lost %llu, "
		    "rejected %llu, reconnects %d\n", h->url,
		    h->connected ? "connected" : "not connected",
		    (unsigned long long)h->received, (unsigned long long)h->lost,
		    (unsigned long long)h->rejected, h->reconnects);
	}
	fflush(f);
}
