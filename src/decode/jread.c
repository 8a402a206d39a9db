/*
 * jread.c: the strict JSON pull reader (jread.h has the contract).
 *
 * Numbers take Clinger's fast path when they can (at most 15 significant
 * digits and a power of ten up to 22: one exact multiply or divide, the
 * correctly rounded result) and strtod otherwise, on a bounded copy.
 * Strings are copied in runs between escapes.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode/jread.h"

static const double pow10_tab[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static bool
fail(struct jread *r, const char *why)
{
	if (r->err == NULL)
		r->err = why;
	r->p = r->end;
	return false;
}

static void
ws(struct jread *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' ||
	    *r->p == '\n' || *r->p == '\r'))
		r->p++;
}

void
jr_init(struct jread *r, const char *text, size_t len)
{
	r->p = text;
	r->end = text + len;
	r->err = NULL;
	r->depth = 0;
	r->need_comma[0] = false;
}

enum jr_type
jr_peek(struct jread *r)
{
	if (r->err != NULL)
		return JR_ERROR;
	ws(r);
	if (r->p >= r->end)
		return JR_ERROR;
	switch (*r->p) {
	case '"': return JR_STRING;
	case '{': return JR_OBJECT;
	case '[': return JR_ARRAY;
	case 't': return JR_TRUE;
	case 'f': return JR_FALSE;
	case 'n': return JR_NULL;
	case '-': case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return JR_NUMBER;
	default:
		return JR_ERROR;
	}
}

static bool
open_level(struct jread *r, char c)
{
	if (jr_peek(r) == JR_ERROR || *r->p != c)
		return fail(r, c == '{' ? "expected an object" : "expected an array");
	if (r->depth == JREAD_DEPTH)
		return fail(r, "nested too deep");
	r->p++;
	r->depth++;
	r->need_comma[r->depth] = false;
	return true;
}

bool
jr_object(struct jread *r)
{
	return open_level(r, '{');
}

bool
jr_array(struct jread *r)
{
	return open_level(r, '[');
}

/* Before the next member/element: ',' if one was seen, or the closer. */
static int
next_item(struct jread *r, char closer)
{
	if (r->err != NULL)
		return 0;
	ws(r);
	if (r->p >= r->end)
		return fail(r, "unexpected end"), 0;
	if (*r->p == closer) {
		r->p++;
		r->depth--;
		return -1;
	}
	if (r->need_comma[r->depth]) {
		if (*r->p != ',')
			return fail(r, "expected ','"), 0;
		r->p++;
		ws(r);
		if (r->p >= r->end || *r->p == closer)
			return fail(r, "trailing ','"), 0;
	}
	r->need_comma[r->depth] = true;
	return 1;
}

bool
jr_key(struct jread *r, const char **key, size_t *klen)
{
	const char *s;

	if (next_item(r, '}') <= 0)
		return false;
	if (*r->p != '"')
		return fail(r, "expected a member name");
	s = ++r->p;
	while (r->p < r->end && *r->p != '"') {
		unsigned char c = (unsigned char)*r->p;
		if (c < 0x20)
			return fail(r, "control character in a string");
		if (c == '\\') {
			/* validated by a skip over the whole key below */
			r->p = s - 1;
			size_t dummy;
			if (!jr_string(r, NULL, 0, &dummy))
				return false;
			*key = s;
			*klen = (size_t)(r->p - 1 - s);
			goto colon;
		}
		r->p++;
	}
	if (r->p >= r->end)
		return fail(r, "unterminated string");
	*key = s;
	*klen = (size_t)(r->p - s);
	r->p++;
colon:
	ws(r);
	if (r->p >= r->end || *r->p != ':')
		return fail(r, "expected ':'");
	r->p++;
	return true;
}

bool
jr_more(struct jread *r)
{
	return next_item(r, ']') > 0;
}

int
jr_hex4(const char *p, const char *end)
{
	int v = 0;

	if (end - p < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

struct sink {
	char *dst;
	size_t size, n; /* n: bytes produced (may pass size) */
};

static void
put(struct sink *s, const char *b, size_t n)
{
	if (s->n < s->size) {
		size_t room = s->size - s->n;
		memcpy(s->dst + s->n, b, n < room ? n : room);
	}
	s->n += n;
}

static bool
escape(struct jread *r, struct sink *s)
{
	char c, u8[4];
	long cp;

	if (r->p >= r->end)
		return fail(r, "unterminated string");
	c = *r->p++;
	switch (c) {
	case '"': case '\\': case '/': put(s, &c, 1); return true;
	case 'b': put(s, "\b", 1); return true;
	case 'f': put(s, "\f", 1); return true;
	case 'n': put(s, "\n", 1); return true;
	case 'r': put(s, "\r", 1); return true;
	case 't': put(s, "\t", 1); return true;
	case 'u': break;
	default: return fail(r, "bad escape");
	}
	if ((cp = jr_hex4(r->p, r->end)) < 0)
		return fail(r, "bad \\u escape");
	r->p += 4;
	if (cp >= 0xDC00 && cp <= 0xDFFF)
		return fail(r, "lone low surrogate");
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		long lo;
		if (r->end - r->p < 6 || r->p[0] != '\\' || r->p[1] != 'u' ||
		    (lo = jr_hex4(r->p + 2, r->end)) < 0xDC00 || lo > 0xDFFF)
			return fail(r, "unpaired surrogate");
		r->p += 6;
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
	}
	if (cp < 0x80) {
		u8[0] = (char)cp;
		put(s, u8, 1);
	} else if (cp < 0x800) {
		u8[0] = (char)(0xC0 | (cp >> 6));
		u8[1] = (char)(0x80 | (cp & 0x3F));
		put(s, u8, 2);
	} else if (cp < 0x10000) {
		u8[0] = (char)(0xE0 | (cp >> 12));
		u8[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u8[2] = (char)(0x80 | (cp & 0x3F));
		put(s, u8, 3);
	} else {
		u8[0] = (char)(0xF0 | (cp >> 18));
		u8[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u8[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u8[3] = (char)(0x80 | (cp & 0x3F));
		put(s, u8, 4);
	}
	return true;
}

bool
jr_string(struct jread *r, char *dst, size_t size, size_t *len)
{
	struct sink s = { dst, size > 0 ? size - 1 : 0, 0 };

	if (jr_peek(r) != JR_STRING)
		return fail(r, "expected a string");
	r->p++;
	for (;;) {
		const char *run = r->p;
		while (r->p < r->end) {
			unsigned char c = (unsigned char)*r->p;
			if (c == '"' || c == '\\' || c < 0x20)
				break;
			r->p++;
		}
		put(&s, run, (size_t)(r->p - run));
		if (r->p >= r->end)
			return fail(r, "unterminated string");
		if (*r->p == '"')
			break;
		if ((unsigned char)*r->p < 0x20)
			return fail(r, "control character in a string");
		r->p++; /* backslash */
		if (!escape(r, &s))
			return false;
	}
	r->p++;
	*len = s.n;
	if (dst != NULL && size > 0) {
		size_t n = s.n < s.size ? s.n : s.size;
		if (s.n > s.size) /* cut: back off a partial UTF-8 character */
			while (n > 0 && ((unsigned char)dst[n] & 0xC0) == 0x80)
				n--;
		dst[n] = '\0';
	}
	return true;
}

bool
jr_number(struct jread *r, double *v)
{
	const char *s;
	uint64_t m = 0;
	int sig = 0, frac = 0, e = 0, esign = 1;
	bool neg = false, exact = true;

	if (jr_peek(r) != JR_NUMBER)
		return fail(r, "expected a number");
	s = r->p;
	if (*r->p == '-') {
		neg = true;
		r->p++;
	}
	if (r->p >= r->end || *r->p < '0' || *r->p > '9')
		return fail(r, "bad number");
	if (*r->p == '0') {
		r->p++;
		if (r->p < r->end && *r->p >= '0' && *r->p <= '9')
			return fail(r, "leading zero");
	} else {
		while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
			if (sig < 19) {
				m = m * 10 + (uint64_t)(*r->p - '0');
				if (m != 0)
					sig++;
			} else {
				exact = false;
				e++;
			}
			r->p++;
		}
	}
	if (r->p < r->end && *r->p == '.') {
		r->p++;
		if (r->p >= r->end || *r->p < '0' || *r->p > '9')
			return fail(r, "bad fraction");
		while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
			if (sig < 19) {
				m = m * 10 + (uint64_t)(*r->p - '0');
				if (m != 0)
					sig++;
				frac++;
			} else {
				exact = false;
			}
			r->p++;
		}
	}
	if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
		int x = 0;
		r->p++;
		if (r->p < r->end && (*r->p == '+' || *r->p == '-')) {
			esign = *r->p == '-' ? -1 : 1;
			r->p++;
		}
		if (r->p >= r->end || *r->p < '0' || *r->p > '9')
			return fail(r, "bad exponent");
		while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
			if (x < 100000)
				x = x * 10 + (*r->p - '0');
			r->p++;
		}
		e += esign * x;
	}
	e -= frac;
	if (exact && sig <= 15 && e >= -22 && e <= 22) {
		double d = (double)m;
		d = e >= 0 ? d * pow10_tab[e] : d / pow10_tab[-e];
		*v = neg ? -d : d;
		return true;
	}
	/* the slow, general path */
	char buf[512];
	size_t n = (size_t)(r->p - s);
	if (n >= sizeof buf)
		return fail(r, "number too long");
	memcpy(buf, s, n);
	buf[n] = '\0';
	*v = strtod(buf, NULL);
	return true;
}

static bool
literal(struct jread *r, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
		return fail(r, "bad literal");
	r->p += n;
	return true;
}

bool
jr_bool(struct jread *r, bool *v)
{
	switch (jr_peek(r)) {
	case JR_TRUE:
		*v = true;
		return literal(r, "true");
	case JR_FALSE:
		*v = false;
		return literal(r, "false");
	default:
		return fail(r, "expected true or false");
	}
}

bool
jr_skip(struct jread *r)
{
	const char *k;
	size_t n;
	double d;

	switch (jr_peek(r)) {
	case JR_STRING:
		return jr_string(r, NULL, 0, &n);
	case JR_NUMBER:
		return jr_number(r, &d);
	case JR_TRUE:
		return literal(r, "true");
	case JR_FALSE:
		return literal(r, "false");
	case JR_NULL:
		return literal(r, "null");
	case JR_OBJECT:
		if (!jr_object(r))
			return false;
		while (jr_key(r, &k, &n))
			if (!jr_skip(r))
				return false;
		return r->err == NULL;
	case JR_ARRAY:
		if (!jr_array(r))
			return false;
		while (jr_more(r))
			if (!jr_skip(r))
				return false;
		return r->err == NULL;
	default:
		return fail(r, "expected a value");
	}
}

bool
jr_end(struct jread *r)
{
	if (r->err != NULL)
		return false;
	ws(r);
	if (r->p != r->end || r->depth != 0)
		return fail(r, "trailing bytes");
	return true;
}
