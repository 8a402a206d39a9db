/*
 * fuzz_capture.c: libFuzzer target for the capture reader
 * (src/feed/capture.c): the bytes are written to a temporary file and read
 * back with capture_next() to the end, as `tcop replay` does (lines
 * malformed or truncated are reported and skipped, never fatal), each line
 * accepted also going through the tcop/1 decoder; and the first line is
 * parsed again on its own with capture_parse_line(). A gzip header in the
 * input exercises zlib's path too. Must never crash, hang or read out of
 * bounds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feed/capture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
read_all(const char *path)
{
	static tcop_event ev;
	capture_reader *r;
	struct capture_line l;
	tcop_err rv;
	long guard = 0;

	if (capture_open(&r, path) != TCOP_OK)
		abort();
	while ((rv = capture_next(r, &l)) != TCOP_EOF && guard++ < 1000000) {
		if (rv == TCOP_ECAPTURE) {
			if (l.why == NULL || l.lineno < 1)
				abort();
			continue;
		}
		if (rv != TCOP_OK)
			break;
		if (l.topic_len >= l.msg_len || l.msg_len > TCOP_MSG_MAX)
			abort();
		(void)tcop_event_decode(l.msg, l.msg_len, &ev);
	}
	capture_close(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct capture_line l;
	FILE *f;

	if (path[0] == '\0')
		snprintf(path, sizeof path, "/tmp/fuzz_capture.%d", (int)getpid());
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	read_all(path);
	unlink(path);
	const uint8_t *nl = memchr(data, '\n', size);
	(void)capture_parse_line((const char *)data,
	    nl != NULL ? (size_t)(nl - data) : size, &l);
	return 0;
}
