/*
 * capture.h: the capture file (DESIGN.md, docs/protocol.md): one received
 * message a line,
 *
 *     RX_TIME SP TOPIC SP JSON LF
 *     2026-11-26T23:00:00.123Z maritime/track {"id":"mmsi:431000001",...}
 *
 * RX_TIME is RFC 3339 UTC with milliseconds. Reading is through zlib, so a
 * .gz capture (or a concatenation of gzip members) reads like a plain one.
 * Writing appends whole lines only: a line is either entirely in the file
 * or not at all, even when the process is killed or the disk fills.
 */
#ifndef TCOP_CAPTURE_H
#define TCOP_CAPTURE_H

#include <sys/types.h>

#include "tcop/event.h"

#define CAPTURE_LINE_MAX (TCOP_MSG_MAX + 64)

struct capture_line {
	tcop_ms rx;
	const char *msg;   /* TOPIC SP JSON, inside the reader's buffer */
	size_t msg_len;
	size_t topic_len;
	long lineno;       /* 1-based */
	const char *why;   /* for TCOP_ECAPTURE: what is wrong with the line */
};

typedef struct capture_reader capture_reader;

/* Open path ("-" is stdin) for reading. TCOP_ESYS (errno set) if it can't. */
tcop_err capture_open(capture_reader **out, const char *path);
/*
 * The next line. TCOP_OK: *l is filled (valid until the next call).
 * TCOP_ECAPTURE: the line is malformed (l->lineno, l->why say where and
 * why); the caller reports it and calls again. TCOP_EOF at the end (a last
 * line without its LF is a truncated write: reported as ECAPTURE first).
 * Blank lines and lines starting with '#' are skipped.
 */
tcop_err capture_next(capture_reader *r, struct capture_line *l);
/* Start again from the first line (for --loop). */
tcop_err capture_rewind(capture_reader *r);
void capture_close(capture_reader *r);
/*
 * A reader's position: where its next line starts in the (uncompressed)
 * stream and the line number before it. capture_seek() goes back (or on)
 * to a position capture_tell() gave for the same file: a plain capture
 * seeks directly; a .gz one is decompressed again from its start up to
 * the position (zlib has no random access). TCOP_ESYS.
 */
struct capture_pos {
	int64_t off;
	long lineno;
};
void capture_tell(capture_reader *r, struct capture_pos *pos);
tcop_err capture_seek(capture_reader *r, const struct capture_pos *pos);

/* Parse one line (without its LF) in place. */
tcop_err capture_parse_line(const char *line, size_t len,
    struct capture_line *l);

typedef struct capture_writer capture_writer;

/* Create (truncate) or append to path. */
tcop_err capture_create(capture_writer **out, const char *path, bool append);
/* Buffer one line for msg received at rx. */
tcop_err capture_put(capture_writer *w, tcop_ms rx, const void *msg,
    size_t len);
/*
 * Write out the buffered lines. On a write error (disk full) the file is
 * cut back to its last whole line and TCOP_ESYS is returned (errno set);
 * the lines in the buffer are then lost, and counted in capture_dropped().
 */
tcop_err capture_flush(capture_writer *w);
size_t capture_buffered(const capture_writer *w);
uint64_t capture_written(const capture_writer *w); /* lines on disk */
uint64_t capture_dropped(const capture_writer *w);
/* Flush and close; returns the flush's result. */
tcop_err capture_close_writer(capture_writer *w);

#endif
