/*
 * jscan.c: a JSON syntax checker without a tree (jscan.h). Recursive
 * descent over RFC 8259's grammar, one function per production, depth
 * bounded by JSCAN_DEPTH_MAX; nothing is allocated or copied. \u escapes
 * are read by jread's jr_hex4, so both strict readers agree on them.
 */
#include <string.h>

#include "cyber/jscan.h"
#include "decode/jread.h"

struct sc {
	const char *p, *end;
	int depth;
	struct jscan_member *m;
	bool top_seen; /* the wanted key was seen at the top level */
};

static bool value(struct sc *s);

static void
ws(struct sc *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' ||
	    *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

/* A string; s->p at the opening quote. *esc: it held an escape. */
static bool
string(struct sc *s, const char **start, size_t *len, bool *esc)
{
	const char *p = s->p + 1;

	*esc = false;
	*start = p;
	while (p < s->end) {
		unsigned char c = (unsigned char)*p;
		if (c == '"') {
			*len = (size_t)(p - *start);
			s->p = p + 1;
			return true;
		}
		if (c < 0x20)
			return false;
		if (c != '\\') {
			p++;
			continue;
		}
		*esc = true;
		if (++p == s->end)
			return false;
		if (*p == 'u') {
			int u = jr_hex4(p + 1, s->end);
			if (u < 0 || (u >= 0xDC00 && u <= 0xDFFF))
				return false;
			p += 5;
			if (u >= 0xD800 && u <= 0xDBFF) { /* needs its low half */
				int lo;
				if (s->end - p < 6 || p[0] != '\\' || p[1] != 'u' ||
				    (lo = jr_hex4(p + 2, s->end)) < 0xDC00 ||
				    lo > 0xDFFF)
					return false;
				p += 6;
			}
		} else if (strchr("\"\\/bfnrt", *p) != NULL && *p != '\0') {
			p++;
		} else {
			return false;
		}
	}
	return false;
}

static bool
digits(struct sc *s)
{
	const char *q = s->p;

	while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
		s->p++;
	return s->p > q;
}

static bool
number(struct sc *s)
{
	if (s->p < s->end && *s->p == '-')
		s->p++;
	if (s->p < s->end && *s->p == '0')
		s->p++;
	else if (!digits(s))
		return false;
	if (s->p < s->end && *s->p == '.') {
		s->p++;
		if (!digits(s))
			return false;
	}
	if (s->p < s->end && (*s->p == 'e' || *s->p == 'E')) {
		s->p++;
		if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
			s->p++;
		if (!digits(s))
			return false;
	}
	return true;
}

static bool
word(struct sc *s, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(s->end - s->p) < n || memcmp(s->p, w, n) != 0)
		return false;
	s->p += n;
	return true;
}

/* A top-level member's key: is it the wanted one? */
static void
top_key(struct sc *s, const char *k, size_t kl, bool kesc)
{
	struct jscan_member *m = s->m;
	size_t wl = strlen(m->key);
	bool esc;

	if (kesc) {
		m->escaped = true; /* might spell the key */
		return;
	}
	if (kl != wl || memcmp(k, m->key, kl) != 0)
		return;
	if (s->top_seen) {
		m->escaped = true; /* twice: a parser decides which wins */
		return;
	}
	s->top_seen = true;
	ws(s);
	if (s->p < s->end && *s->p == '"') {
		const char *save = s->p, *v;
		size_t vl;
		if (string(s, &v, &vl, &esc)) {
			m->val = v;
			m->len = vl;
			m->escaped |= esc;
		}
		s->p = save; /* value() reads it again */
	}
}

static bool
object(struct sc *s)
{
	bool top = s->depth == 1 && s->m != NULL;

	s->p++; /* '{' */
	ws(s);
	if (s->p < s->end && *s->p == '}') {
		s->p++;
		return true;
	}
	for (;;) {
		const char *k;
		size_t kl;
		bool kesc;

		if (s->p >= s->end || *s->p != '"' || !string(s, &k, &kl, &kesc))
			return false;
		ws(s);
		if (s->p >= s->end || *s->p != ':')
			return false;
		s->p++;
		if (top)
			top_key(s, k, kl, kesc);
		if (!value(s))
			return false;
		ws(s);
		if (s->p < s->end && *s->p == ',') {
			s->p++;
			ws(s);
			continue;
		}
		if (s->p < s->end && *s->p == '}') {
			s->p++;
			return true;
		}
		return false;
	}
}

static bool
array(struct sc *s)
{
	s->p++; /* '[' */
	ws(s);
	if (s->p < s->end && *s->p == ']') {
		s->p++;
		return true;
	}
	for (;;) {
		if (!value(s))
			return false;
		ws(s);
		if (s->p < s->end && *s->p == ',') {
			s->p++;
			continue;
		}
		if (s->p < s->end && *s->p == ']') {
			s->p++;
			return true;
		}
		return false;
	}
}

static bool
value(struct sc *s)
{
	const char *k;
	size_t kl;
	bool esc, ok;

	ws(s);
	if (s->p >= s->end)
		return false;
	switch (*s->p) {
	case '{':
	case '[':
		if (++s->depth > JSCAN_DEPTH_MAX)
			return false;
		ok = *s->p == '{' ? object(s) : array(s);
		s->depth--;
		return ok;
	case '"':
		return string(s, &k, &kl, &esc);
	case 't':
		return word(s, "true");
	case 'f':
		return word(s, "false");
	case 'n':
		return word(s, "null");
	default:
		return number(s);
	}
}

enum jscan_result
jscan_object(const char *text, size_t n, struct jscan_member *m)
{
	struct sc s = { text, text + n, 0, m, false };
	bool is_obj;

	if (m != NULL) {
		m->val = NULL;
		m->len = 0;
		m->escaped = false;
	}
	ws(&s);
	is_obj = s.p < s.end && *s.p == '{';
	if (!value(&s))
		return JSCAN_NOT_JSON;
	ws(&s);
	if (!is_obj || s.p != s.end)
		return JSCAN_NOT_OBJECT;
	return JSCAN_OBJECT;
}
