/*
 * statics.c: the per-MMSI static data cache of the AIS publisher (see
 * statics.h). Linear probing on a multiplicative hash of the MMSI.
 */
#include <stdlib.h>
#include <string.h>

#include "ais/statics.h"

tcop_err
statics_init(struct statics *s, size_t cap)
{
	size_t c = 16;

	while (c < cap)
		c <<= 1;
	memset(s, 0, sizeof *s);
	if ((s->e = calloc(c, sizeof *s->e)) == NULL)
		return TCOP_ENOMEM;
	s->cap = c;
	return TCOP_OK;
}

void
statics_fini(struct statics *s)
{
	free(s->e);
	s->e = NULL;
}

const struct ais_static *
statics_update(struct statics *s, const struct ais_msg *m)
{
	size_t mask = s->cap - 1;
	size_t i = (size_t)((m->mmsi * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & mask;

	if (m->mmsi == 0)
		return NULL;
	while (s->e[i].mmsi != 0 && s->e[i].mmsi != m->mmsi)
		i = (i + 1) & mask;
	if (s->e[i].mmsi == 0) {
		if (s->n + 1 > s->cap / 4 * 3) {
			memset(s->e, 0, s->cap * sizeof *s->e);
			s->n = 0;
			s->resets++;
			return statics_update(s, m);
		}
		s->e[i].mmsi = m->mmsi;
		ais_static_init(&s->e[i].st);
		s->n++;
	}
	ais_static_merge(&s->e[i].st, m);
	return &s->e[i].st;
}
