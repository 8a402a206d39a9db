/*
 * assets.c: the asset inventory and its address lookup (assets.h has the
 * contract, docs/assets.md the file format).
 *
 * Prefixes are kept as a plain list until assets_build() turns them into a
 * sorted list of disjoint ranges that cover the whole address space, each
 * range naming the asset of the longest prefix holding it (or -1):
 *
 *   prefixes  10.0.0.0/8 -> A, 10.20.0.0/16 -> B
 *   ranges    [0, 9.255.255.255] -1 | [10.0.0.0, ...] A |
 *             [10.20.0.0, 10.20.255.255] B | [10.21.0.0, ...] A | ... -1
 *
 * The sweep that makes them walks the prefixes sorted by (start, length)
 * with a stack of the prefixes that enclose the current address. Only the
 * start of each range is stored; IPv4 adds idx16[], the first range holding
 * each /16, so a lookup binary-searches only the ranges inside one /16
 * (usually one or two). IPv6 does the same over the 16 bits that follow
 * the leading bits all its prefixes share (a site's /32, say).
 *
 * Memory: the library-like layer returns TCOP_ENOMEM; nothing aborts.
 * Limits: asset names are checked for duplicates linearly (inventories
 * hold hundreds of assets, not millions; prefixes may be millions).
 * Messages name FILE:LINE, the line found by core/jfile.c's jfile_line.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <endian.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/jfile.h"
#include "cyber/assets.h"

__extension__ typedef unsigned __int128 u128;

struct pfx {
	u128 start, end;
	int plen;
	int idx;
};

struct assets {
	struct asset *v;
	int n, cap;
	struct pfx *p4, *p6; /* prefixes as added */
	size_t n4, cap4, n6, cap6;
	/* compiled (assets_build) */
	uint32_t *s4;  /* range starts, ascending, s4[0] == 0 */
	int32_t *a4;   /* asset of each range, -1: none */
	size_t nr4;
	uint32_t *idx16; /* 65537 entries: the range holding h << 16 */
	u128 *s6;
	int32_t *a6;
	size_t nr6;
	uint32_t *idx6;  /* 65537 entries over a 16-bit window of the span */
	u128 span_mask;  /* the leading bits all IPv6 prefixes share */
	u128 span_base;
	int win_shift;   /* where the window starts, from the right */
};

tcop_err
assets_create(assets **out)
{
	*out = calloc(1, sizeof **out);
	return *out == NULL ? TCOP_ENOMEM : TCOP_OK;
}

static void
compiled_free(assets *a)
{
	free(a->s4);
	free(a->a4);
	free(a->idx16);
	free(a->s6);
	free(a->a6);
	free(a->idx6);
	a->idx6 = NULL;
	a->s4 = NULL;
	a->a4 = NULL;
	a->idx16 = NULL;
	a->s6 = NULL;
	a->a6 = NULL;
	a->nr4 = a->nr6 = 0;
}

void
assets_destroy(assets *a)
{
	if (a == NULL)
		return;
	compiled_free(a);
	free(a->v);
	free(a->p4);
	free(a->p6);
	free(a);
}

static bool
name_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= ASSET_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) ||
		    s[i] == '-' || s[i] == '_' || s[i] == '.'))
			return false;
	return true;
}

int
assets_find(const assets *a, const char *name)
{
	for (int i = 0; i < a->n; i++)
		if (strcmp(a->v[i].name, name) == 0)
			return i;
	for (int i = 0; i < a->n; i++)
		for (int k = 0; k < a->v[i].naliases; k++)
			if (strcmp(a->v[i].aliases[k], name) == 0)
				return i;
	return -1;
}

tcop_err
assets_add(assets *a, const struct asset *as, int *idx)
{
	if (!name_ok(as->name))
		return TCOP_EINVAL;
	for (int i = 0; i < a->n; i++)
		if (strcmp(a->v[i].name, as->name) == 0)
			return TCOP_EINVAL;
	if (a->n == a->cap) {
		int cap = a->cap ? a->cap * 2 : 16;
		struct asset *v = realloc(a->v, (size_t)cap * sizeof *v);
		if (v == NULL)
			return TCOP_ENOMEM;
		a->v = v;
		a->cap = cap;
	}
	a->v[a->n] = *as;
	if (idx != NULL)
		*idx = a->n;
	a->n++;
	return TCOP_OK;
}

int
assets_count(const assets *a)
{
	return a->n;
}

const struct asset *
assets_get(const assets *a, int idx)
{
	return idx >= 0 && idx < a->n ? &a->v[idx] : NULL;
}

size_t
assets_nprefixes(const assets *a, bool v6)
{
	return v6 ? a->n6 : a->n4;
}

/* ==== Prefixes ========================================================== */

static u128
bytes_to_u128(const uint8_t *b, int n)
{
	u128 v = 0;

	for (int i = 0; i < n; i++)
		v = (v << 8) | b[i];
	return v;
}

tcop_err
assets_add_prefix(assets *a, const uint8_t *addr, int plen, bool v6, int idx)
{
	int width = v6 ? 128 : 32;
	struct pfx p;
	struct pfx **arr = v6 ? &a->p6 : &a->p4;
	size_t *n = v6 ? &a->n6 : &a->n4, *cap = v6 ? &a->cap6 : &a->cap4;
	u128 hostmask;

	if (idx < 0 || idx >= a->n || plen < 0 || plen > width)
		return TCOP_EINVAL;
	p.start = bytes_to_u128(addr, width / 8);
	if (plen == 0)
		hostmask = width == 128 ? ~(u128)0 : (((u128)1 << 32) - 1);
	else
		hostmask = (((u128)1 << (width - plen)) - 1);
	if ((p.start & hostmask) != 0)
		return TCOP_EINVAL;
	p.end = p.start | hostmask;
	p.plen = plen;
	p.idx = idx;
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 64;
		struct pfx *q = realloc(*arr, c * sizeof *q);
		if (q == NULL)
			return TCOP_ENOMEM;
		*arr = q;
		*cap = c;
	}
	(*arr)[(*n)++] = p;
	return TCOP_OK;
}

tcop_err
assets_parse_prefix(const char *s, uint8_t addr[16], int *plen, bool *v6)
{
	char buf[64];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	long len;
	char *end;

	if (n == 0 || n >= sizeof buf)
		return TCOP_EFORMAT;
	memcpy(buf, s, n);
	buf[n] = '\0';
	memset(addr, 0, 16);
	*v6 = strchr(buf, ':') != NULL;
	if (inet_pton(*v6 ? AF_INET6 : AF_INET, buf, addr) != 1)
		return TCOP_EFORMAT;
	*plen = *v6 ? 128 : 32;
	if (slash == NULL)
		return TCOP_OK;
	if (!isdigit((unsigned char)slash[1]))
		return TCOP_EFORMAT;
	errno = 0;
	len = strtol(slash + 1, &end, 10);
	if (errno != 0 || *end != '\0' || len < 0 || len > *plen)
		return TCOP_EFORMAT;
	*plen = (int)len;
	return TCOP_OK;
}

/* ==== Compilation ======================================================= */

static int
pfx_cmp(const void *x, const void *y)
{
	const struct pfx *a = x, *b = y;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->plen - b->plen;
}

struct ranges {
	u128 *s;
	int32_t *a;
	size_t n, cap;
	bool oom;
};

static void
emit(struct ranges *r, u128 start, int asset)
{
	if (r->n > 0 && r->a[r->n - 1] == asset)
		return; /* extends the previous range */
	if (r->n == r->cap) {
		size_t c = r->cap ? r->cap * 2 : 256;
		u128 *s = realloc(r->s, c * sizeof *s);
		int32_t *a = s ? realloc(r->a, c * sizeof *a) : NULL;
		if (s != NULL)
			r->s = s;
		if (a == NULL) {
			r->oom = true;
			return;
		}
		r->a = a;
		r->cap = c;
	}
	r->s[r->n] = start;
	r->a[r->n] = asset;
	r->n++;
}

/*
 * The sweep. p sorted by (start, plen); max is the last address of the
 * space. Duplicates were rejected before.
 */
static void
sweep(const struct pfx *p, size_t n, u128 max, struct ranges *r)
{
	struct { u128 end; int idx; } st[130];
	int sp = 0;
	u128 cur = 0;
	bool done = false;

	for (size_t i = 0; i < n && !done; i++) {
		while (sp > 0 && st[sp - 1].end < p[i].start) {
			emit(r, cur, st[sp - 1].idx);
			if (st[sp - 1].end == max)
				done = true;
			cur = st[sp - 1].end + 1;
			sp--;
		}
		if (cur < p[i].start) {
			emit(r, cur, sp > 0 ? st[sp - 1].idx : -1);
			cur = p[i].start;
		}
		st[sp].end = p[i].end;
		st[sp].idx = p[i].idx;
		sp++;
	}
	while (sp > 0 && !done) {
		emit(r, cur, st[sp - 1].idx);
		if (st[sp - 1].end == max)
			done = true;
		cur = st[sp - 1].end + 1;
		sp--;
	}
	if (!done)
		emit(r, cur, -1);
}

static void
fmt_prefix(const struct pfx *p, bool v6, char *buf, size_t size)
{
	uint8_t b[16];
	char txt[INET6_ADDRSTRLEN];
	int nb = v6 ? 16 : 4;

	for (int i = 0; i < nb; i++)
		b[i] = (uint8_t)(p->start >> (8 * (nb - 1 - i)));
	inet_ntop(v6 ? AF_INET6 : AF_INET, b, txt, sizeof txt);
	snprintf(buf, size, "%s/%d", txt, p->plen);
}

static tcop_err
build_one(assets *a, bool v6, struct ranges *r, char *err, size_t errsz)
{
	struct pfx *p = v6 ? a->p6 : a->p4;
	size_t n = v6 ? a->n6 : a->n4;
	u128 max = v6 ? ~(u128)0 : (((u128)1 << 32) - 1);

	if (n > 1)
		qsort(p, n, sizeof *p, pfx_cmp);
	for (size_t i = 1; i < n; i++) {
		if (p[i].start == p[i - 1].start && p[i].plen == p[i - 1].plen) {
			char txt[64];
			fmt_prefix(&p[i], v6, txt, sizeof txt);
			if (err != NULL)
				snprintf(err, errsz, "prefix %s given to both %s and %s",
				    txt, a->v[p[i - 1].idx].name, a->v[p[i].idx].name);
			return TCOP_EINVAL;
		}
	}
	sweep(p, n, max, r);
	return r->oom ? TCOP_ENOMEM : TCOP_OK;
}

static tcop_err
build_v4(assets *a, struct ranges *r)
{
	size_t j = 0;

	a->s4 = malloc(r->n * sizeof *a->s4);
	a->idx16 = malloc(65537 * sizeof *a->idx16);
	if (a->s4 == NULL || a->idx16 == NULL)
		return TCOP_ENOMEM;
	for (size_t i = 0; i < r->n; i++)
		a->s4[i] = (uint32_t)r->s[i];
	a->a4 = r->a;
	a->nr4 = r->n;
	r->a = NULL;
	for (uint32_t h = 0; h < 65536; h++) {
		uint32_t x = h << 16;
		while (j + 1 < a->nr4 && a->s4[j + 1] <= x)
			j++;
		a->idx16[h] = (uint32_t)j;
	}
	a->idx16[65536] = (uint32_t)(a->nr4 - 1);
	return TCOP_OK;
}

/*
 * IPv6 prefixes usually sit in a few /32s: index the 16 bits that follow
 * the leading bits they all share (at most 112), so a lookup searches one
 * bucket; addresses outside that span hold no prefix.
 */
static tcop_err
build_v6_index(assets *a)
{
	u128 lo, hi = 0;
	int cp = 0;
	size_t j = 0;

	if (a->n6 == 0)
		return TCOP_OK;
	lo = a->p6[0].start; /* sorted by start */
	for (size_t i = 0; i < a->n6; i++)
		if (a->p6[i].end > hi)
			hi = a->p6[i].end;
	while (cp < 112 && !(((lo ^ hi) >> (127 - cp)) & 1))
		cp++;
	a->span_mask = cp == 0 ? 0 : ~(u128)0 << (128 - cp);
	a->span_base = lo & a->span_mask;
	a->win_shift = 128 - cp - 16;
	if ((a->idx6 = malloc(65537 * sizeof *a->idx6)) == NULL)
		return TCOP_ENOMEM;
	for (uint32_t h = 0; h < 65536; h++) {
		u128 x = a->span_base | (u128)h << a->win_shift;
		while (j + 1 < a->nr6 && a->s6[j + 1] <= x)
			j++;
		a->idx6[h] = (uint32_t)j;
	}
	a->idx6[65536] = (uint32_t)(a->nr6 - 1);
	return TCOP_OK;
}

tcop_err
assets_build(assets *a, char *err, size_t errsz)
{
	struct ranges r4 = { 0 }, r6 = { 0 };
	tcop_err rv;

	compiled_free(a);
	if ((rv = build_one(a, false, &r4, err, errsz)) != TCOP_OK ||
	    (rv = build_one(a, true, &r6, err, errsz)) != TCOP_OK)
		goto out;
	if ((rv = build_v4(a, &r4)) != TCOP_OK)
		goto out;
	a->s6 = r6.s;
	a->a6 = r6.a;
	a->nr6 = r6.n;
	r6.s = NULL;
	r6.a = NULL;
	rv = build_v6_index(a);
out:
	free(r4.s);
	free(r4.a);
	free(r6.s);
	free(r6.a);
	if (rv != TCOP_OK)
		compiled_free(a);
	return rv;
}

/* ==== Lookup ============================================================ */

int
assets_lookup4(const assets *a, uint32_t addr)
{
	size_t lo, hi;
	uint32_t h = addr >> 16;

	if (a->nr4 == 0)
		return -1;
	lo = a->idx16[h];
	hi = a->idx16[h + 1];
	/* the last range in [lo, hi] that starts at or before addr, without
	 * branches (s4[lo] <= addr holds) */
	for (size_t n = hi - lo + 1; n > 1;) {
		size_t half = n / 2;
		lo = a->s4[lo + half] <= addr ? lo + half : lo;
		n -= half;
	}
	return a->a4[lo];
}

int
assets_lookup6(const assets *a, const uint8_t addr[16])
{
	uint64_t hi8, lo8;
	size_t base = 0, n = a->nr6;
	u128 x;

	if (n == 0)
		return -1;
	memcpy(&hi8, addr, 8);
	memcpy(&lo8, addr + 8, 8);
	x = (u128)be64toh(hi8) << 64 | be64toh(lo8);
	if (a->idx6 != NULL) {
		uint32_t h;
		if ((x & a->span_mask) != a->span_base)
			return -1;
		h = (uint32_t)(x >> a->win_shift) & 0xFFFF;
		base = a->idx6[h];
		n = a->idx6[h + 1] - base + 1;
	}
	/* branch-free: the last range in [base, base + n) that starts at or
	 * before x (s6[base] <= x holds) */
	while (n > 1) {
		size_t half = n / 2;
		base = a->s6[base + half] <= x ? base + half : base;
		n -= half;
	}
	return a->a6[base];
}

int
assets_lookup(const assets *a, const char *ip)
{
	uint8_t b[16];

	if (a == NULL || ip == NULL || ip[0] == '\0')
		return -1;
	if (strchr(ip, ':') != NULL) {
		if (inet_pton(AF_INET6, ip, b) != 1)
			return -1;
		return assets_lookup6(a, b);
	}
	if (inet_pton(AF_INET, ip, b) != 1)
		return -1;
	return assets_lookup4(a, (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3]);
}

/* ==== The inventory file ================================================ */

static void
copy_str(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src);
}

/* One "cidrs" or "hosts" array. */
static tcop_err
read_prefixes(assets *a, const cJSON *arr, int idx, bool hosts, char *why,
    size_t whysz)
{
	const cJSON *it;

	if (arr == NULL)
		return TCOP_OK;
	if (!cJSON_IsArray(arr)) {
		snprintf(why, whysz, "\"%s\" is not an array",
		    hosts ? "hosts" : "cidrs");
		return TCOP_EFIELD;
	}
	cJSON_ArrayForEach(it, arr) {
		uint8_t b[16];
		int plen;
		bool v6;
		tcop_err rv;

		if (!cJSON_IsString(it) ||
		    assets_parse_prefix(it->valuestring, b, &plen, &v6) != 0 ||
		    (hosts && strchr(it->valuestring, '/') != NULL)) {
			snprintf(why, whysz, "bad %s entry %s%.60s%s",
			    hosts ? "host" : "cidr", cJSON_IsString(it) ? "\"" : "",
			    cJSON_IsString(it) ? it->valuestring : "(not a string)",
			    cJSON_IsString(it) ? "\"" : "");
			return TCOP_EFIELD;
		}
		rv = assets_add_prefix(a, b, plen, v6, idx);
		if (rv == TCOP_EINVAL) {
			snprintf(why, whysz, "cidr \"%.60s\" has host bits set",
			    it->valuestring);
			return TCOP_EFIELD;
		}
		if (rv != TCOP_OK)
			return rv;
	}
	return TCOP_OK;
}

static bool
str_member(const cJSON *o, const char *k, char *dst, size_t size, bool need,
    char *why, size_t whysz)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, k);

	if (it == NULL && !need)
		return true;
	if (!cJSON_IsString(it) || it->valuestring[0] == '\0' ||
	    strlen(it->valuestring) >= size) {
		snprintf(why, whysz, "\"%s\" %s", k, it == NULL ? "missing" :
		    "is not a string of 1.." "95 characters");
		return false;
	}
	copy_str(dst, size, it->valuestring);
	return true;
}

static bool
read_position(const cJSON *o, struct asset *as, char *why, size_t whysz)
{
	const cJSON *la = cJSON_GetObjectItemCaseSensitive(o, "lat");
	const cJSON *lo = cJSON_GetObjectItemCaseSensitive(o, "lon");
	const cJSON *mm = cJSON_GetObjectItemCaseSensitive(o, "mmsi");

	as->lat = as->lon = NAN;
	as->mmsi = 0;
	if (la != NULL || lo != NULL) {
		if (!cJSON_IsNumber(la) || !cJSON_IsNumber(lo) ||
		    !(fabs(la->valuedouble) <= 90) ||
		    !(fabs(lo->valuedouble) <= 180)) {
			snprintf(why, whysz, "lat/lon missing one or out of range");
			return false;
		}
		as->lat = la->valuedouble;
		as->lon = lo->valuedouble;
	}
	if (mm != NULL) {
		if (!cJSON_IsNumber(mm) || mm->valuedouble < 1 ||
		    mm->valuedouble > 999999999 ||
		    mm->valuedouble != floor(mm->valuedouble)) {
			snprintf(why, whysz, "\"mmsi\" is not a 9-digit number");
			return false;
		}
		as->mmsi = (uint32_t)mm->valuedouble;
	}
	if (isnan(as->lat) && as->mmsi == 0) {
		snprintf(why, whysz, "needs lat and lon, or an mmsi");
		return false;
	}
	return true;
}

static bool
read_lists(const cJSON *o, struct asset *as, char *why, size_t whysz)
{
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(o, "controls");
	const cJSON *al = cJSON_GetObjectItemCaseSensitive(o, "aliases");
	const cJSON *it;

	as->ncontrols = as->naliases = 0;
	if (c != NULL && !cJSON_IsArray(c)) {
		snprintf(why, whysz, "\"controls\" is not an array");
		return false;
	}
	cJSON_ArrayForEach(it, c) {
		if (!cJSON_IsNumber(it) || it->valuedouble < 1 ||
		    it->valuedouble > 999999999 ||
		    it->valuedouble != floor(it->valuedouble) ||
		    as->ncontrols == ASSET_CONTROLS_MAX) {
			snprintf(why, whysz, "\"controls\" holds a bad NORAD id "
			    "(or more than %d)", ASSET_CONTROLS_MAX);
			return false;
		}
		as->controls[as->ncontrols++] = (uint32_t)it->valuedouble;
	}
	if (al != NULL && !cJSON_IsArray(al)) {
		snprintf(why, whysz, "\"aliases\" is not an array");
		return false;
	}
	cJSON_ArrayForEach(it, al) {
		if (!cJSON_IsString(it) || it->valuestring[0] == '\0' ||
		    strlen(it->valuestring) >= sizeof as->aliases[0] ||
		    as->naliases == ASSET_ALIASES_MAX) {
			snprintf(why, whysz, "\"aliases\" holds a bad name (or "
			    "more than %d)", ASSET_ALIASES_MAX);
			return false;
		}
		copy_str(as->aliases[as->naliases++], sizeof as->aliases[0],
		    it->valuestring);
	}
	return true;
}

static tcop_err
read_asset(assets *a, const cJSON *o, char *why, size_t whysz)
{
	struct asset as;
	int idx;
	tcop_err rv;

	memset(&as, 0, sizeof as);
	if (!cJSON_IsObject(o)) {
		snprintf(why, whysz, "not an object");
		return TCOP_EFIELD;
	}
	if (!str_member(o, "name", as.name, sizeof as.name, true, why, whysz) ||
	    !str_member(o, "kind", as.kind, sizeof as.kind, true, why, whysz) ||
	    !str_member(o, "label", as.label, sizeof as.label, false, why,
	    whysz) || !read_position(o, &as, why, whysz) ||
	    !read_lists(o, &as, why, whysz))
		return TCOP_EFIELD;
	if (!name_ok(as.name)) {
		snprintf(why, whysz, "name \"%s\" is not [a-z0-9._-]+", as.name);
		return TCOP_EFIELD;
	}
	if ((rv = assets_add(a, &as, &idx)) != TCOP_OK) {
		snprintf(why, whysz, "name \"%s\" given twice", as.name);
		return rv == TCOP_EINVAL ? TCOP_EINVAL : rv;
	}
	if ((rv = read_prefixes(a, cJSON_GetObjectItemCaseSensitive(o, "cidrs"),
	    idx, false, why, whysz)) != TCOP_OK)
		return rv;
	return read_prefixes(a, cJSON_GetObjectItemCaseSensitive(o, "hosts"), idx,
	    true, why, whysz);
}

/* The line where `"name": "NAME"` appears, for messages; 0 if not found. */
static int
line_of_name(const char *text, size_t len, const char *name)
{
	char pat[ASSET_NAME_MAX + 4];
	size_t pl;

	snprintf(pat, sizeof pat, "\"%s\"", name);
	pl = strlen(pat);
	for (size_t i = 0; i + pl <= len; i++)
		if (memcmp(text + i, pat, pl) == 0)
			return jfile_line(text, len, text + i);
	return 0;
}

tcop_err
assets_parse(assets **out, const char *text, size_t len, const char *name,
    char *err, size_t errsz)
{
	cJSON *root;
	const cJSON *arr, *it;
	const char *end = NULL;
	char why[192] = "";
	assets *a = NULL;
	tcop_err rv = TCOP_OK;
	int i = 0;

	*out = NULL;
	root = cJSON_ParseWithLengthOpts(text, len, &end, false);
	if (root == NULL) {
		snprintf(err, errsz, "%s:%d: not JSON", name,
		    jfile_line(text, len, end));
		return TCOP_EJSON;
	}
	arr = cJSON_IsArray(root) ? root :
	    cJSON_GetObjectItemCaseSensitive(root, "assets");
	if (!cJSON_IsArray(arr)) {
		snprintf(err, errsz, "%s:1: no \"assets\" array", name);
		rv = TCOP_EFIELD;
		goto out;
	}
	if ((rv = assets_create(&a)) != TCOP_OK)
		goto out;
	cJSON_ArrayForEach(it, arr) {
		if ((rv = read_asset(a, it, why, sizeof why)) != TCOP_OK) {
			const cJSON *nm = cJSON_GetObjectItemCaseSensitive(it,
			    "name");
			const char *n = cJSON_IsString(nm) ? nm->valuestring : "";
			snprintf(err, errsz, "%s:%d: asset %d%s%.64s%s: %s", name,
			    line_of_name(text, len, n), i, n[0] ? " \"" : "", n,
			    n[0] ? "\"" : "", why);
			goto out;
		}
		i++;
	}
	if ((rv = assets_build(a, why, sizeof why)) != TCOP_OK)
		snprintf(err, errsz, "%s: %s", name, why);
out:
	cJSON_Delete(root);
	if (rv != TCOP_OK) {
		assets_destroy(a);
		return rv;
	}
	*out = a;
	return TCOP_OK;
}

tcop_err
assets_load(assets **out, const char *path, char *err, size_t errsz)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;
	tcop_err rv;

	*out = NULL;
	if (f == NULL) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return TCOP_ESYS;
	}
	for (;;) {
		if (n == cap) {
			size_t c = cap ? cap * 2 : 65536;
			char *b = c > (64u << 20) ? NULL : realloc(buf, c);
			if (b == NULL) {
				free(buf);
				fclose(f);
				snprintf(err, errsz, "%s: too large", path);
				return TCOP_ENOMEM;
			}
			buf = b;
			cap = c;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		free(buf);
		fclose(f);
		return TCOP_ESYS;
	}
	fclose(f);
	rv = assets_parse(out, buf, n, path, err, errsz);
	free(buf);
	return rv;
}
