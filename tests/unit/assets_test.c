/*
 * assets_test.c: the asset inventory (src/cyber/assets.c): longest-prefix
 * match against a brute-force reference on random prefixes (IPv4 and
 * IPv6), nested and edge prefixes (/0, /32, /128, the top of the space),
 * the sample inventory, and every rejection of the file format.
 */
#include <arpa/inet.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cyber/assets.h"

static uint64_t rng = 88172645463325252ULL;

static uint64_t
xr(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int
add_named(assets *a, const char *name)
{
	struct asset as;
	int idx = -1;

	memset(&as, 0, sizeof as);
	snprintf(as.name, sizeof as.name, "%s", name);
	snprintf(as.kind, sizeof as.kind, "port");
	as.lat = 35;
	as.lon = 139;
	assert_int_equal(assets_add(a, &as, &idx), TCOP_OK);
	return idx;
}

static void
add_text(assets *a, const char *cidr, int idx)
{
	uint8_t b[16];
	int plen;
	bool v6;

	assert_int_equal(assets_parse_prefix(cidr, b, &plen, &v6), TCOP_OK);
	assert_int_equal(assets_add_prefix(a, b, plen, v6, idx), TCOP_OK);
}

static void
nested_prefixes_resolve_to_the_longest(void **state)
{
	assets *a;
	int x, y, z;

	assert_int_equal(assets_create(&a), TCOP_OK);
	x = add_named(a, "wide");
	y = add_named(a, "site");
	z = add_named(a, "host");
	add_text(a, "10.0.0.0/8", x);
	add_text(a, "10.20.0.0/16", y);
	add_text(a, "10.20.5.7", z);
	add_text(a, "2001:db8::/32", x);
	add_text(a, "2001:db8:20::/48", y);
	add_text(a, "2001:db8:20::1", z);
	assert_int_equal(assets_build(a, NULL, 0), TCOP_OK);
	assert_int_equal(assets_lookup(a, "9.255.255.255"), -1);
	assert_int_equal(assets_lookup(a, "10.0.0.0"), x);
	assert_int_equal(assets_lookup(a, "10.19.255.255"), x);
	assert_int_equal(assets_lookup(a, "10.20.0.0"), y);
	assert_int_equal(assets_lookup(a, "10.20.5.6"), y);
	assert_int_equal(assets_lookup(a, "10.20.5.7"), z);
	assert_int_equal(assets_lookup(a, "10.20.5.8"), y);
	assert_int_equal(assets_lookup(a, "10.20.255.255"), y);
	assert_int_equal(assets_lookup(a, "10.21.0.0"), x);
	assert_int_equal(assets_lookup(a, "10.255.255.255"), x);
	assert_int_equal(assets_lookup(a, "11.0.0.0"), -1);
	assert_int_equal(assets_lookup(a, "2001:db8:20::1"), z);
	assert_int_equal(assets_lookup(a, "2001:db8:20::2"), y);
	assert_int_equal(assets_lookup(a, "2001:db8:21::"), x);
	assert_int_equal(assets_lookup(a, "2001:db9::"), -1);
	assert_int_equal(assets_lookup(a, "not an address"), -1);
	assert_int_equal(assets_lookup(a, ""), -1);
	assets_destroy(a);
}

static void
default_routes_and_the_top_of_the_space_work(void **state)
{
	assets *a;
	int x, y;

	assert_int_equal(assets_create(&a), TCOP_OK);
	x = add_named(a, "all");
	y = add_named(a, "top");
	add_text(a, "0.0.0.0/0", x);
	add_text(a, "255.255.255.255", y);
	add_text(a, "::/0", x);
	add_text(a, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", y);
	assert_int_equal(assets_build(a, NULL, 0), TCOP_OK);
	assert_int_equal(assets_lookup(a, "0.0.0.0"), x);
	assert_int_equal(assets_lookup(a, "255.255.255.254"), x);
	assert_int_equal(assets_lookup(a, "255.255.255.255"), y);
	assert_int_equal(assets_lookup(a, "::"), x);
	assert_int_equal(assets_lookup(a, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"), x);
	assert_int_equal(assets_lookup(a, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), y);
	assets_destroy(a);
}

static void
an_empty_inventory_finds_nothing(void **state)
{
	assets *a;

	assert_int_equal(assets_create(&a), TCOP_OK);
	assert_int_equal(assets_build(a, NULL, 0), TCOP_OK);
	assert_int_equal(assets_lookup(a, "10.0.0.1"), -1);
	assert_int_equal(assets_lookup(a, "::1"), -1);
	assets_destroy(a);
}

struct ref4 { uint32_t addr; int plen; int idx; };

/* The reference: scan every prefix, keep the longest that holds x. */
static int
brute4(const struct ref4 *p, int n, uint32_t x)
{
	int best = -1, blen = -1;

	for (int i = 0; i < n; i++) {
		uint32_t m = p[i].plen ? ~0u << (32 - p[i].plen) : 0;
		if ((x & m) == p[i].addr && p[i].plen > blen) {
			best = p[i].idx;
			blen = p[i].plen;
		}
	}
	return best;
}

static void
random_ipv4_prefixes_match_brute_force(void **state)
{
	enum { NP = 3000, NQ = 20000 };
	struct ref4 *p = calloc(NP, sizeof *p);
	assets *a;
	int n = 0, idx[8];

	assert_int_equal(assets_create(&a), TCOP_OK);
	for (int i = 0; i < 8; i++) {
		char nm[16];
		snprintf(nm, sizeof nm, "a%d", i);
		idx[i] = add_named(a, nm);
	}
	while (n < NP) {
		/* clustered in 10.0.0.0/12 so that prefixes nest */
		int plen = 8 + (int)(xr() % 25);
		uint32_t addr = (0x0A000000u | (uint32_t)(xr() & 0x000FFFFF)) &
		    (~0u << (32 - plen));
		uint8_t b[4] = { addr >> 24, addr >> 16, addr >> 8, addr };
		bool dup = false;
		for (int k = 0; k < n && !dup; k++)
			dup = p[k].addr == addr && p[k].plen == plen;
		if (dup)
			continue;
		p[n].addr = addr;
		p[n].plen = plen;
		p[n].idx = idx[xr() % 8];
		assert_int_equal(assets_add_prefix(a, b, plen, false, p[n].idx),
		    TCOP_OK);
		n++;
	}
	assert_int_equal(assets_build(a, NULL, 0), TCOP_OK);
	for (int q = 0; q < NQ; q++) {
		uint32_t x = q % 2 ? (uint32_t)xr() :
		    0x0A000000u | (uint32_t)(xr() & 0x000FFFFF);
		if (assets_lookup4(a, x) != brute4(p, n, x))
			fail_msg("lookup of %08x", x);
	}
	for (int k = 0; k < n; k++) { /* both ends of every prefix */
		uint32_t end = p[k].addr | (p[k].plen ? ~(~0u << (32 - p[k].plen)) : ~0u);
		assert_int_equal(assets_lookup4(a, p[k].addr), brute4(p, n, p[k].addr));
		assert_int_equal(assets_lookup4(a, end), brute4(p, n, end));
	}
	assets_destroy(a);
	free(p);
}

static void
random_ipv6_prefixes_match_brute_force(void **state)
{
	enum { NP = 500, NQ = 5000 };
	struct { uint8_t b[16]; int plen, idx; } *p = calloc(NP, sizeof *p);
	assets *a;
	int idx[4];

	assert_int_equal(assets_create(&a), TCOP_OK);
	for (int i = 0; i < 4; i++) {
		char nm[16];
		snprintf(nm, sizeof nm, "v%d", i);
		idx[i] = add_named(a, nm);
	}
	for (int n = 0; n < NP;) {
		uint8_t b[16] = { 0x20, 0x01, 0x0d, 0xb8 };
		bool dup = false;
		int plen = 32 + (int)(xr() % 97);
		b[4] = (uint8_t)(xr() & 3);
		for (int i = 5; i < 16; i++)
			b[i] = (uint8_t)xr();
		for (int bit = plen; bit < 128; bit++)
			b[bit / 8] &= (uint8_t)~(0x80 >> (bit % 8));
		for (int k = 0; k < n && !dup; k++)
			dup = p[k].plen == plen && memcmp(p[k].b, b, 16) == 0;
		if (dup)
			continue;
		memcpy(p[n].b, b, 16);
		p[n].plen = plen;
		p[n].idx = idx[n % 4];
		assert_int_equal(assets_add_prefix(a, b, plen, true, p[n].idx),
		    TCOP_OK);
		n++;
	}
	assert_int_equal(assets_build(a, NULL, 0), TCOP_OK);
	for (int q = 0; q < NQ; q++) {
		uint8_t x[16];
		int best = -1, blen = -1;
		memcpy(x, p[xr() % NP].b, 16);
		for (int i = 15 - (int)(xr() % 12); i < 16; i++)
			x[i] = (uint8_t)xr();
		if (q % 8 == 0) /* anywhere, mostly outside the prefixes' span */
			for (int i = q % 16 == 0 ? 0 : 3; i < 16; i++)
				x[i] = (uint8_t)xr();
		for (int k = 0; k < NP; k++) {
			int bit;
			for (bit = 0; bit < p[k].plen; bit++)
				if (((x[bit / 8] ^ p[k].b[bit / 8]) >> (7 - bit % 8)) & 1)
					break;
			if (bit == p[k].plen && p[k].plen > blen) {
				best = p[k].idx;
				blen = p[k].plen;
			}
		}
		assert_int_equal(assets_lookup6(a, x), best);
	}
	assets_destroy(a);
	free(p);
}

static void
the_sample_inventory_loads(void **state)
{
	assets *a;
	char err[256] = "";
	const struct asset *gs;

	assert_int_equal(assets_load(&a, "tests/data/cyber/assets.json", err,
	    sizeof err), TCOP_OK);
	assert_int_equal(assets_count(a), 6);
	assert_int_equal(assets_find(a, "katsuura-gs"), 1);
	assert_int_equal(assets_find(a, "tcop-ground-station-ids"), 1);
	gs = assets_get(a, 1);
	assert_string_equal(gs->kind, "ground-station");
	assert_int_equal(gs->ncontrols, 3);
	assert_int_equal(gs->controls[0], 39766);
	assert_true(fabs(gs->lat - 35.207) < 1e-9);
	assert_int_equal(assets_lookup(a, "10.30.5.20"), 1);
	assert_int_equal(assets_lookup(a, "2001:db8:30::5"), 1);
	assert_int_equal(assets_lookup(a, "2001:db8:50::10"), 3);
	assert_int_equal(assets_lookup(a, "2001:db8:50::11"), -1);
	assert_int_equal(assets_lookup(a, "10.60.1.1"), 5);
	assert_int_equal(assets_get(a, 5)->mmsi, 431999001);
	assert_true(isnan(assets_get(a, 5)->lat));
	assert_int_equal(assets_lookup(a, "198.51.100.23"), -1);
	assets_destroy(a);
}

static void
expect_reject(const char *text, tcop_err want, const char *msg)
{
	assets *a = (assets *)1;
	char err[256] = "";

	assert_int_equal(assets_parse(&a, text, strlen(text), "inv.json", err,
	    sizeof err), want);
	assert_null(a);
	if (strstr(err, msg) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", err, msg);
}

static void
bad_inventories_are_rejected_with_a_reason(void **state)
{
	expect_reject("{\"assets\":[", TCOP_EJSON, "inv.json:1: not JSON");
	expect_reject("{\"x\":1}", TCOP_EFIELD, "no \"assets\" array");
	expect_reject("{\"assets\":[{\"kind\":\"port\",\"lat\":1,\"lon\":2}]}",
	    TCOP_EFIELD, "\"name\" missing");
	expect_reject("{\"assets\":[{\"name\":\"Bad Name\",\"kind\":\"port\","
	    "\"lat\":1,\"lon\":2}]}", TCOP_EFIELD, "is not [a-z0-9._-]+");
	expect_reject("{\"assets\":[{\"name\":\"a\",\"kind\":\"port\"}]}",
	    TCOP_EFIELD, "needs lat and lon, or an mmsi");
	expect_reject("{\"assets\":[{\"name\":\"a\",\"kind\":\"port\",\"lat\":91,"
	    "\"lon\":2}]}", TCOP_EFIELD, "out of range");
	expect_reject("{\"assets\":[{\"name\":\"a\",\"kind\":\"port\",\"lat\":1,"
	    "\"lon\":2,\"cidrs\":[\"10.300.0.0/16\"]}]}", TCOP_EFIELD,
	    "bad cidr entry \"10.300.0.0/16\"");
	expect_reject("{\"assets\":[{\"name\":\"a\",\"kind\":\"port\",\"lat\":1,"
	    "\"lon\":2,\"cidrs\":[\"10.20.1.0/16\"]}]}", TCOP_EFIELD,
	    "host bits set");
	expect_reject("{\"assets\":[{\"name\":\"a\",\"kind\":\"port\",\"lat\":1,"
	    "\"lon\":2,\"cidrs\":[\"10.0.0.0/33\"]}]}", TCOP_EFIELD, "bad cidr");
	expect_reject("{\"assets\":[{\"name\":\"a\",\"kind\":\"port\",\"lat\":1,"
	    "\"lon\":2,\"hosts\":[\"10.0.0.0/8\"]}]}", TCOP_EFIELD, "bad host");
	expect_reject("{\"assets\":[{\"name\":\"a\",\"kind\":\"port\",\"lat\":1,"
	    "\"lon\":2,\"controls\":[0]}]}", TCOP_EFIELD, "bad NORAD id");
	expect_reject("{\"assets\":[{\"name\":\"a\",\"kind\":\"port\",\"lat\":1,"
	    "\"lon\":2},\n{\"name\":\"a\",\"kind\":\"port\",\"lat\":1,\"lon\":2}]}",
	    TCOP_EINVAL, "given twice");
	expect_reject("{\"assets\":[{\"name\":\"a\",\"kind\":\"port\",\"lat\":1,"
	    "\"lon\":2,\"cidrs\":[\"10.0.0.0/8\"]},\n{\"name\":\"b\",\"kind\":"
	    "\"port\",\"lat\":1,\"lon\":2,\"cidrs\":[\"10.0.0.0/8\"]}]}",
	    TCOP_EINVAL, "prefix 10.0.0.0/8 given to both a and b");
}

static void
a_missing_file_is_a_system_error(void **state)
{
	assets *a;
	char err[256];

	assert_int_equal(assets_load(&a, "tests/data/cyber/nope.json", err,
	    sizeof err), TCOP_ESYS);
	assert_non_null(strstr(err, "nope.json"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nested_prefixes_resolve_to_the_longest),
		cmocka_unit_test(default_routes_and_the_top_of_the_space_work),
		cmocka_unit_test(an_empty_inventory_finds_nothing),
		cmocka_unit_test(random_ipv4_prefixes_match_brute_force),
		cmocka_unit_test(random_ipv6_prefixes_match_brute_force),
		cmocka_unit_test(the_sample_inventory_loads),
		cmocka_unit_test(bad_inventories_are_rejected_with_a_reason),
		cmocka_unit_test(a_missing_file_is_a_system_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
