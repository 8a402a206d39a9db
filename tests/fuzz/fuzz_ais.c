/*
 * fuzz_ais.c: libFuzzer target for the AIS decoder. The input is read two
 * ways: as text lines through the whole pipeline (framing, reassembly,
 * decoding, both JSON writers, the static cache), and as raw bits straight
 * into the binary decoder, so that message bodies no armour could carry are
 * tried too. Nothing may crash, leak or read out of bounds.
 */
#include <stdint.h>
#include <string.h>

#include "ais/reader.h"
#include "ais/statics.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct reader rd;
	static struct statics sc;
	static struct ais_payload pl;
	static struct ais_pair24 pair;
	struct ais_msg m;
	struct ais_wire w = { 0, "fuzz", 1, false };
	const char *p = (const char *)data, *end = p + size;
	char buf[4096];
	uint64_t n = 0;

	if (sc.e == NULL && statics_init(&sc, 64) != TCOP_OK)
		return 0;
	tcop_log_set_quiet(true);
	reader_init(&rd, "fuzz");
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl != NULL ? nl : end;
		tcop_ms t = (tcop_ms)(n * 1000);
		if (reader_line(&rd, p, (size_t)(le - p), ++n, t, &pl, &m) ==
		    TCOP_OK) {
			(void)ais_json_gpsd(&m, "stdin", buf, sizeof buf);
			(void)ais_json_wire(&m, statics_update(&sc, &m), &w, buf,
			    sizeof buf);
		}
		p = nl != NULL ? nl + 1 : end;
	}
	reader_end(&rd);

	/* the raw bytes as a message body */
	if (size <= AIS_BYTES_MAX) {
		memset(pl.bits, 0, sizeof pl.bits);
		memcpy(pl.bits, data, size);
		if (ais_decode(pl.bits, size * 8, &m, &pair) == TCOP_OK) {
			(void)ais_json_gpsd(&m, NULL, buf, sizeof buf);
			(void)ais_json_wire(&m, NULL, &w, buf, sizeof buf);
		}
	}
	return 0;
}
