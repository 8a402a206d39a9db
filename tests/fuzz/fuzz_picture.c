/*
 * fuzz_picture.c: libFuzzer target for the picture (src/pic/): hostile
 * tcop/1 events straight into the correlation core. The input is one
 * message a line; each is decoded and applied with pic_apply_msg(), every
 * eighth line also moves time on by a step taken from the input, and the
 * picture's invariants (pic_check) must hold after every step. Small
 * tables (64 tracks, detections, incidents) so that "no room" paths are
 * reached too. A decoder or model rejection is fine; a crash, a leak, a
 * sanitizer report or a broken invariant is a finding.
 */
#include <stdlib.h>
#include <string.h>

#include "pic/pic.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct pic_cfg cfg = { .max_tracks = 64,
		.max_detections = 64, .max_incidents = 64, .recent = 16 };
	const char *p = (const char *)data, *end = p + size;
	char why[256];
	pic *pc;
	int n = 0;

	if (pic_create(&pc, &cfg, why, sizeof why) != TCOP_OK)
		abort();
	while (p < end && n < 4096) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		(void)pic_apply_msg(pc, p, len);
		if (++n % 8 == 0 && pic_time(pc) != TCOP_MS_NONE)
			pic_advance(pc, pic_time(pc) +
			    (tcop_ms)(len % 64) * 60000);
		if (!pic_check(pc, why, sizeof why))
			abort();
		p += len + 1;
	}
	if (pic_time(pc) != TCOP_MS_NONE)
		pic_advance(pc, pic_time(pc) + 3600000);
	if (!pic_check(pc, why, sizeof why))
		abort();
	pic_destroy(pc);
	return 0;
}
