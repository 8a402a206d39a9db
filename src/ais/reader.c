/*
 * reader.c: the AIS line pipeline with its counters (see reader.h).
 */
#include <inttypes.h>
#include <string.h>

#include "ais/reader.h"

static void
reject(struct reader *r, tcop_err why, uint64_t lineno)
{
	r->rejected[why]++;
	if (r->quiet || r->logged >= READER_LOG_MAX)
		return;
	if (++r->logged == READER_LOG_MAX)
		tcop_log("%s:%" PRIu64 ": %s (further errors are counted, "
		    "not shown)", r->name, lineno, tcop_strerror(why));
	else
		tcop_log("%s:%" PRIu64 ": %s", r->name, lineno,
		    tcop_strerror(why));
}

static void
late_reject(void *arg, tcop_err why, uint64_t tag)
{
	reject(arg, why, tag);
}

void
reader_init(struct reader *r, const char *name)
{
	memset(r, 0, sizeof *r);
	r->name = name;
	frag_init(&r->rx, 0, late_reject, r);
}

static bool
blank_or_comment(const char *p, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (p[i] == '#')
			return true;
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
			return false;
	}
	return true;
}

tcop_err
reader_line(struct reader *r, const char *line, size_t len, uint64_t lineno,
    tcop_ms rx_time, struct ais_payload *pl, struct ais_msg *m)
{
	struct nmea_sentence s;
	bool framed = false;
	tcop_err rv;

	r->lines++;
	if (len == 0 || blank_or_comment(line, len))
		return TCOP_EAGAIN;
	r->sentences++;
	if ((rv = nmea_parse(line, len, &s)) == TCOP_OK) {
		if (s.t == TCOP_MS_NONE)
			s.t = rx_time;
		rv = frag_push(&r->rx, &s, s.t, lineno, pl);
	}
	if (rv == TCOP_OK) {
		framed = true;
		rv = ais_decode(pl->bits, pl->nbits, m, &r->pair);
	}
	switch (rv) {
	case TCOP_OK:
		r->decoded++;
		return TCOP_OK;
	case TCOP_EAGAIN:
		return rv;
	case TCOP_EUNSUPPORTED:
		r->unsupported++;
		if (framed)
			r->unsupported_type[m->type & 63]++;
		return rv;
	default:
		reject(r, rv, lineno);
		return rv;
	}
}

void
reader_end(struct reader *r)
{
	frag_flush(&r->rx);
}

uint64_t
reader_rejected(const struct reader *r)
{
	uint64_t n = 0;

	for (int i = 0; i < TCOP_NERR; i++)
		n += r->rejected[i];
	return n;
}

void
reader_summary(const struct reader *r, const char *prefix, FILE *f)
{
	fprintf(f, "%s%s: %" PRIu64 " lines, %" PRIu64 " sentences, %"
	    PRIu64 " messages decoded, %" PRIu64 " unsupported, %" PRIu64
	    " rejected\n", prefix, r->name, r->lines, r->sentences,
	    r->decoded, r->unsupported, reader_rejected(r));
	for (int i = 1; i < TCOP_NERR; i++)
		if (r->rejected[i] != 0)
			fprintf(f, "%s  rejected %-13s %8" PRIu64 "  %s\n",
			    prefix, tcop_err_name((tcop_err)i),
			    r->rejected[i], tcop_strerror((tcop_err)i));
	for (int i = 0; i < 64; i++)
		if (r->unsupported_type[i] != 0)
			fprintf(f, "%s  unsupported AIS type %-2d %8" PRIu64 "\n",
			    prefix, i, r->unsupported_type[i]);
}
