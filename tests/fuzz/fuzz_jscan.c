/*
 * fuzz_jscan.c: libFuzzer target for the tree-less JSON checker
 * (src/cyber/jscan.c), differential against cJSON: whatever jscan accepts
 * as an object, cJSON must parse as one object too, and the event_type it
 * picks out must be the one cJSON finds when no escape is involved.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cyber/jscan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jscan_member m = { "event_type", NULL, 0, false };
	const char *s = (const char *)data, *end = NULL;
	enum jscan_result r = jscan_object(s, size, &m);
	cJSON *root;
	const cJSON *et;

	if (r != JSCAN_OBJECT)
		return 0;
	root = cJSON_ParseWithLengthOpts(s, size, &end, false);
	if (root == NULL || !cJSON_IsObject(root))
		abort(); /* jscan is stricter than cJSON, never looser */
	et = cJSON_GetObjectItemCaseSensitive(root, "event_type");
	if (!m.escaped) {
		if ((m.val != NULL) != cJSON_IsString(et))
			abort();
		if (m.val != NULL && (strlen(et->valuestring) != m.len ||
		    memcmp(et->valuestring, m.val, m.len) != 0))
			abort();
	}
	cJSON_Delete(root);
	return 0;
}
