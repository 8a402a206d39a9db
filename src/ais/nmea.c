/*
 * nmea.c: framing of one AIS sentence (see nmea.h): tag block, talker and
 * sentence id, the six comma fields, checksum, USCG trailer; and the 6-bit
 * de-armouring of payloads.
 *
 * Checks run in the order that gives the most useful reason: framing,
 * then the checksum (a corrupt line is reported as corrupt, whatever else
 * is wrong with it), then the fields one by one. This is the hot path of
 * `tcop decode ais` and `tcop feed ais`: one pass for the checksum, one
 * for the payload characters, no copies.
 */
#include <string.h>

#include "ais/nmea.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The 6-bit value of each armour character ('0'..'W', '`'..'w'); 255: not one. */
static const uint8_t armor[256] = {
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	  0,   1,   2,   3,   4,   5,   6,   7,   8,   9,  10,  11,  12,  13,  14,  15,
	 16,  17,  18,  19,  20,  21,  22,  23,  24,  25,  26,  27,  28,  29,  30,  31,
	 32,  33,  34,  35,  36,  37,  38,  39, 255, 255, 255, 255, 255, 255, 255, 255,
	 40,  41,  42,  43,  44,  45,  46,  47,  48,  49,  50,  51,  52,  53,  54,  55,
	 56,  57,  58,  59,  60,  61,  62,  63, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
};

static unsigned
xor_range(const char *p, const char *end)
{
	unsigned ck = 0;

	while (p < end)
		ck ^= (unsigned char)*p++;
	return ck;
}

/* Check "*hh" at star (end is the end of the text); 0 if it matches ck. */
static tcop_err
check_sum(const char *star, const char *end, unsigned ck)
{
	int hi, lo;

	if (end - star < 3)
		return TCOP_ECHECKSUM;
	hi = hexval(star[1]);
	lo = hexval(star[2]);
	if (hi < 0 || lo < 0 || (unsigned)(hi * 16 + lo) != ck)
		return TCOP_ECHECKSUM;
	return TCOP_OK;
}

/* Digits of [p, end) as an integer; false if empty, not all digits or huge. */
static bool
parse_digits(const char *p, const char *end, int64_t *out)
{
	int64_t v = 0;

	if (p == end || end - p > 15)
		return false;
	for (; p < end; p++) {
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10 + (*p - '0');
	}
	*out = v;
	return true;
}

static void
copy_field(char *dst, size_t size, const char *p, const char *end)
{
	size_t n = (size_t)(end - p);

	if (n >= size)
		n = size - 1;
	memcpy(dst, p, n);
	dst[n] = '\0';
}

/* NMEA 4.0 tag block "\k:v,k:v*hh\" at *pp; advances *pp past it. */
static tcop_err
tag_block(const char **pp, const char *end, struct nmea_sentence *s)
{
	const char *p = *pp + 1, *close, *star, *f;

	close = memchr(p, '\\', (size_t)(end - p));
	if (close == NULL)
		return TCOP_EFORMAT;
	star = memchr(p, '*', (size_t)(close - p));
	if (star == NULL)
		return TCOP_ECHECKSUM;
	if (close - star != 3 || check_sum(star, close, xor_range(p, star)))
		return TCOP_ECHECKSUM;
	for (f = p; f < star;) {
		const char *e = memchr(f, ',', (size_t)(star - f));
		int64_t v;

		if (e == NULL)
			e = star;
		if (e - f < 2 || f[1] != ':')
			return TCOP_EFORMAT;
		if (f[0] == 'c') {
			if (!parse_digits(f + 2, e, &v))
				return TCOP_EFORMAT;
			/* 13 digits and more: already milliseconds */
			s->t = e - (f + 2) >= 13 ? v : v * 1000;
		} else if (f[0] == 's') {
			copy_field(s->station, sizeof s->station, f + 2, e);
		}
		f = e + 1;
	}
	*pp = close + 1;
	return TCOP_OK;
}

/* USCG N-AIS metadata after the checksum: ",d-109,S2105,...,r003669946,T". */
static tcop_err
uscg_trailer(const char *p, const char *end, struct nmea_sentence *s)
{
	const char *last = p;
	int64_t v;

	for (const char *q = p; q < end; q++) {
		unsigned char c = (unsigned char)*q;
		if (c < 0x20 || c > 0x7e || c == '!' || c == '$' || c == '\\')
			return TCOP_EFORMAT;
		if (c == ',') {
			if (*p == 'r' && s->station[0] == '\0')
				copy_field(s->station, sizeof s->station, p + 1, q);
			p = q + 1;
			last = p;
		}
	}
	if (parse_digits(last, end, &v))
		s->t = v * 1000;
	return TCOP_OK;
}

/* The six fields between "!AIVDM," and '*'. */
static tcop_err
fields(const char *p, const char *star, struct nmea_sentence *s)
{
	const char *f[7];
	int n = 0;

	f[n++] = p;
	for (const char *q = p; q < star; q++) {
		if (*q == ',') {
			if (n == 6)
				return TCOP_EFORMAT; /* too many fields */
			f[n++] = q + 1;
		}
	}
	if (n < 6)
		return TCOP_ETRUNC;
	f[6] = star + 1;
#define FLEN(i) (f[(i) + 1] - f[i] - 1)
	if (FLEN(0) != 1 || f[0][0] < '1' || f[0][0] > '9')
		return TCOP_EFORMAT;
	s->nfrag = f[0][0] - '0';
	if (FLEN(1) != 1 || f[1][0] < '1' || f[1][0] - '0' > s->nfrag)
		return TCOP_EFORMAT;
	s->frag = f[1][0] - '0';
	if (FLEN(2) > 1 || (FLEN(2) == 1 && (f[2][0] < '0' || f[2][0] > '9')))
		return TCOP_EFORMAT;
	s->seqid = FLEN(2) == 1 ? f[2][0] - '0' : -1;
	if (FLEN(3) > 1)
		return TCOP_EFORMAT;
	s->channel = FLEN(3) == 1 ? f[3][0] : 0;
	if (FLEN(5) != 1 || f[5][0] < '0' || f[5][0] > '5')
		return TCOP_EFILL;
	s->fill = f[5][0] - '0';
	s->payload = f[4];
	s->payload_len = (size_t)FLEN(4);
#undef FLEN
	if (s->payload_len == 0)
		return TCOP_EEMPTY;
	{
		unsigned bad = 0;
		for (size_t i = 0; i < s->payload_len; i++)
			bad |= armor[(unsigned char)s->payload[i]] & 0x40u;
		if (bad != 0)
			return TCOP_ECHAR;
	}
	return TCOP_OK;
}

tcop_err
nmea_parse(const char *line, size_t len, struct nmea_sentence *s)
{
	const char *p = line, *end = line + len, *star;
	tcop_err rv;

	while (end > p && (end[-1] == '\n' || end[-1] == '\r' ||
	    end[-1] == ' ' || end[-1] == '\t'))
		end--;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p == end || *p == '#')
		return TCOP_EEMPTY;
	if (len > NMEA_LINE_MAX)
		return TCOP_ETOOBIG;
	s->t = TCOP_MS_NONE;
	s->station[0] = '\0';
	if (*p == '\\' && (rv = tag_block(&p, end, s)) != TCOP_OK)
		return rv;
	if (p == end || (*p != '!' && *p != '$'))
		return TCOP_EFORMAT;
	star = memchr(p, '*', (size_t)(end - p));
	if (star == NULL) {
		int commas = 0;
		for (const char *q = p; q < end; q++)
			commas += *q == ',';
		return commas < 6 ? TCOP_ETRUNC : TCOP_ECHECKSUM;
	}
	if ((rv = check_sum(star, end, xor_range(p + 1, star))) != TCOP_OK)
		return rv;
	if (star + 3 < end) {
		if (star[3] != ',')
			return TCOP_EFORMAT;
		if ((rv = uscg_trailer(star + 4, end, s)) != TCOP_OK)
			return rv;
	}
	if (star - p < 7 || p[6] != ',')
		return TCOP_EFORMAT;
	for (int i = 1; i < 6; i++)
		if (p[i] < 'A' || p[i] > 'Z')
			return TCOP_EFORMAT;
	if (memcmp(p + 3, "VDM", 3) == 0)
		s->own = false;
	else if (memcmp(p + 3, "VDO", 3) == 0)
		s->own = true;
	else
		return TCOP_EUNSUPPORTED;
	if (*p != '!')
		return TCOP_EFORMAT;
	s->talker[0] = p[1];
	s->talker[1] = p[2];
	s->talker[2] = '\0';
	return fields(p + 7, star, s);
}

tcop_err
nmea_unarmor(const char *payload, size_t nchars, uint8_t *bits,
    size_t *nbits)
{
	size_t n = *nbits;

	if (n + 6 * nchars > AIS_BITS_MAX)
		return TCOP_ETOOBIG;
	/*
	 * Invariant: the bits after position n in byte n / 8 are zero, so a
	 * 6-bit value is or-ed in, or assigned where it starts a byte.
	 */
	for (size_t i = 0; i < nchars; i++, n += 6) {
		unsigned v = armor[(unsigned char)payload[i]];
		size_t byte = n >> 3;
		unsigned off = (unsigned)(n & 7);

		if (off == 0) {
			bits[byte] = (uint8_t)(v << 2);
		} else if (off <= 2) {
			bits[byte] |= (uint8_t)(v << (2 - off));
		} else {
			bits[byte] |= (uint8_t)(v >> (off - 2));
			bits[byte + 1] = (uint8_t)(v << (10 - off));
		}
	}
	*nbits = n;
	return TCOP_OK;
}
