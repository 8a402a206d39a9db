/*
 * fuzz_viewcfg.c: the viewer's config file parser (src/ui/config.c) on
 * arbitrary bytes; seeds in tests/fuzz/corpus/viewcfg/. Whatever it
 * accepts must leave a usable key map: quit still has at most one action
 * per key and every binding names a real action.
 */
#include <stdint.h>
#include <stdlib.h>

#include "ui/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct view_config c;
	char why[512];

	config_init(&c);
	if (config_parse(&c, "fuzz", (const char *)data, size, why,
	    sizeof why) != TCOP_OK)
		return 0;
	if (c.keys.n < 0 || c.keys.n > KEYMAP_MAX || c.nfeeds < 0 ||
	    c.nfeeds > CONFIG_FEEDS_MAX)
		abort();
	for (int i = 0; i < c.keys.n; i++) {
		if (c.keys.b[i].action <= VA_NONE || c.keys.b[i].action >= VA_COUNT)
			abort();
		for (int j = i + 1; j < c.keys.n; j++)
			if (c.keys.b[i].key == c.keys.b[j].key)
				abort();
	}
	return 0;
}
