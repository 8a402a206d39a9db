/*
 * fuzz_shp.c: shapefile loading (src/geo/shpload.c through libshp) on
 * malformed .shp/.shx/.dbf triples. libshp reads files, so each input is
 * split and written to a private temporary directory before every run:
 *
 *   u32 LE shp_len | u32 LE shx_len | shp bytes | shx bytes | dbf bytes (rest)
 *
 * What loads is then put through the border extraction and the Mercator
 * ordinates. Seeds (tests/fuzz/corpus/shp/) are small valid triples made with libshp's
 * writer: a polygon layer with a NAME field and a line layer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "geo/shpload.h"

static char dir[64];

static void
cleanup(void)
{
	const char *ext[] = { "shp", "shx", "dbf" };
	char path[128];

	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/f.%s", dir, ext[i]);
		unlink(path);
	}
	rmdir(dir);
}

static void
put(const char *ext, const uint8_t *p, size_t n)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof path, "%s/f.%s", dir, ext);
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	if (n > 0 && fwrite(p, 1, n, f) != n)
		abort();
	fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct geo_layer l;
	char base[128], why[512];
	uint32_t a, b;

	if (dir[0] == '\0') {
		snprintf(dir, sizeof dir, "/tmp/tcop_fuzz_shp_XXXXXX");
		if (mkdtemp(dir) == NULL)
			abort();
		atexit(cleanup);
	}
	if (size < 8)
		return 0;
	memcpy(&a, data, 4);
	memcpy(&b, data + 4, 4);
	data += 8;
	size -= 8;
	if (a > size)
		a = (uint32_t)size;
	if (b > size - a)
		b = (uint32_t)(size - a);
	put("shp", data, a);
	put("shx", data + a, b);
	put("dbf", data + a + b, size - a - b);
	snprintf(base, sizeof base, "%s/f", dir);
	if (geo_layer_load(&l, base, why, sizeof why) == TCOP_OK) {
		struct geo_layer b;

		for (uint32_t i = 0; i < l.nshape; i++)
			(void)geo_layer_name(&l, i);
		if (geo_layer_shared_edges(&l, &b) == TCOP_OK)
			geo_layer_fini(&b);
		(void)geo_layer_mercator(&l);
		geo_layer_fini(&l);
	}
	return 0;
}
