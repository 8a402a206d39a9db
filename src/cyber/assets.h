/*
 * assets.h: the asset inventory that puts cyber events on the map. An
 * asset is a named place or platform (a port's OT network, a naval base, a
 * satellite ground station, a ship) with a position (or the MMSI of the
 * ship it moves with), the address blocks and hosts that belong to it, and
 * for a ground station the NORAD ids of the satellites it controls. The
 * file format is docs/assets.md.
 *
 * Address lookup is longest-prefix match over IPv4 and IPv6 prefixes. The
 * prefixes are compiled (assets_build) into a sorted table of disjoint
 * address ranges with a direct index on the top 16 bits of an IPv4
 * address, so that a lookup is one index read and a short binary search.
 * Lookups are read-only and may run from many threads at once; adding
 * prefixes needs one writer and a new assets_build() before lookups.
 */
#ifndef TCOP_CYBER_ASSETS_H
#define TCOP_CYBER_ASSETS_H

#include <stdint.h>

#include "tcop/tcop.h"

#define ASSET_NAME_MAX 64
#define ASSET_CONTROLS_MAX 32
#define ASSET_ALIASES_MAX 8

struct asset {
	char name[ASSET_NAME_MAX]; /* [a-z0-9._-]+, unique: the id is asset:NAME */
	char kind[24];             /* port, naval-base, ground-station, ship, ... */
	char label[96];            /* free text for the detail pane; may be empty */
	double lat, lon;           /* WGS84 degrees; NaN when the asset has none */
	uint32_t mmsi;             /* a ship asset moves with this track; 0: none */
	int ncontrols;
	uint32_t controls[ASSET_CONTROLS_MAX]; /* NORAD ids (ground stations) */
	int naliases;              /* other names sources use for it: STIX */
	char aliases[ASSET_ALIASES_MAX][96]; /* identity names, IDS sensor hosts */
};

typedef struct assets assets;

/* An empty inventory. TCOP_ENOMEM. */
tcop_err assets_create(assets **out);
void assets_destroy(assets *a);

/*
 * Parse an inventory (docs/assets.md) of len bytes and build it. On a
 * rejection, err receives "NAME:LINE: reason" (NAME names the input) and
 * the return is TCOP_EJSON (not JSON), TCOP_EFIELD (a bad asset or
 * address), TCOP_EINVAL (a duplicate name or prefix) or TCOP_ENOMEM; *out
 * is then NULL. Nothing is half-loaded.
 */
tcop_err assets_parse(assets **out, const char *text, size_t len,
    const char *name, char *err, size_t errsz);

/* assets_parse() of a file; TCOP_ESYS (errno set) if it cannot be read. */
tcop_err assets_load(assets **out, const char *path, char *err, size_t errsz);

/* Add an asset; its index is returned in *idx. TCOP_EINVAL on a duplicate
 * or malformed name, TCOP_ENOMEM. */
tcop_err assets_add(assets *a, const struct asset *as, int *idx);

/*
 * Give a prefix to asset idx. addr is 4 bytes (v6 false) or 16 bytes,
 * network order; bits past plen must be zero. TCOP_EINVAL if the arguments
 * are wrong (duplicates are found by assets_build()).
 */
tcop_err assets_add_prefix(assets *a, const uint8_t *addr, int plen, bool v6,
    int idx);

/* Parse "10.20.0.0/16", "2001:db8::/32" or a bare address (a host). */
tcop_err assets_parse_prefix(const char *s, uint8_t addr[16], int *plen,
    bool *v6);

/*
 * Compile the prefixes for lookup. TCOP_EINVAL if one prefix was given to
 * two assets (err, if not NULL, says which), TCOP_ENOMEM.
 */
tcop_err assets_build(assets *a, char *err, size_t errsz);

/* The asset index of the longest prefix holding the address, or -1. */
int assets_lookup4(const assets *a, uint32_t addr); /* host order */
int assets_lookup6(const assets *a, const uint8_t addr[16]);
/* The same from text ("10.20.1.5", "2001:db8::1"); -1 if not an address. */
int assets_lookup(const assets *a, const char *ip);

/* By name, or by one of the aliases; -1 if none. */
int assets_find(const assets *a, const char *name);

int assets_count(const assets *a);
const struct asset *assets_get(const assets *a, int idx);
/* Prefixes held (IPv4, IPv6). */
size_t assets_nprefixes(const assets *a, bool v6);

#endif
