/*
 * capture.c: reading and writing capture files (capture.h has the format
 * and the guarantees).
 *
 * The reader keeps one line buffer of CAPTURE_LINE_MAX; a longer line is
 * reported (ECAPTURE "line too long") and skipped to its end. The writer
 * keeps whole lines in a buffer and hands them to write(2) together; after
 * every successful write it knows the offset of the last whole line, which
 * is where it cuts the file back to if a write fails half-way.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "feed/capture.h"

struct capture_reader {
	gzFile gz;
	long lineno;
	char buf[CAPTURE_LINE_MAX + 2];
};

tcop_err
capture_open(capture_reader **out, const char *path)
{
	capture_reader *r = calloc(1, sizeof *r);

	if (r == NULL)
		return TCOP_ENOMEM;
	if (strcmp(path, "-") == 0)
		r->gz = gzdopen(dup(STDIN_FILENO), "rb");
	else
		r->gz = gzopen(path, "rb");
	if (r->gz == NULL) {
		free(r);
		if (errno == 0)
			errno = ENOENT;
		return TCOP_ESYS;
	}
	gzbuffer(r->gz, 1 << 17);
	*out = r;
	return TCOP_OK;
}

void
capture_close(capture_reader *r)
{
	if (r == NULL)
		return;
	gzclose(r->gz);
	free(r);
}

tcop_err
capture_rewind(capture_reader *r)
{
	r->lineno = 0;
	return gzrewind(r->gz) == 0 ? TCOP_OK : TCOP_ESYS;
}

void
capture_tell(capture_reader *r, struct capture_pos *pos)
{
	pos->off = (int64_t)gztell(r->gz);
	pos->lineno = r->lineno;
}

tcop_err
capture_seek(capture_reader *r, const struct capture_pos *pos)
{
	if (pos->off < 0 || gzseek(r->gz, (z_off_t)pos->off, SEEK_SET) < 0)
		return TCOP_ESYS;
	r->lineno = pos->lineno;
	return TCOP_OK;
}

tcop_err
capture_parse_line(const char *line, size_t len, struct capture_line *l)
{
	const char *sp = memchr(line, ' ', len < 40 ? len : 40);
	long tl;

	if (sp == NULL) {
		l->why = "no space after RX_TIME";
		return TCOP_ECAPTURE;
	}
	if (tcop_time_parse(line, (size_t)(sp - line), &l->rx) != TCOP_OK) {
		l->why = "RX_TIME is not an RFC 3339 UTC time";
		return TCOP_ECAPTURE;
	}
	l->msg = sp + 1;
	l->msg_len = len - (size_t)(sp + 1 - line);
	tl = tcop_msg_topic_len(l->msg, l->msg_len);
	if (tl < 0) {
		l->why = "no TOPIC SP JSON after RX_TIME";
		return TCOP_ECAPTURE;
	}
	l->topic_len = (size_t)tl;
	if (l->msg_len < (size_t)tl + 3 || l->msg[tl + 1] != '{' ||
	    l->msg[l->msg_len - 1] != '}') {
		l->why = "the message is not a JSON object (truncated line?)";
		return TCOP_ECAPTURE;
	}
	return TCOP_OK;
}

tcop_err
capture_next(capture_reader *r, struct capture_line *l)
{
	for (;;) {
		char *line = gzgets(r->gz, r->buf, sizeof r->buf);
		size_t len;

		if (line == NULL)
			return TCOP_EOF;
		r->lineno++;
		l->lineno = r->lineno;
		len = strlen(line);
		if (len > 0 && line[len - 1] == '\n') {
			line[--len] = '\0';
			if (len > 0 && line[len - 1] == '\r')
				line[--len] = '\0';
		} else if (len == sizeof r->buf - 1) {
			/* too long: skip to the end of the line */
			int c;
			while ((c = gzgetc(r->gz)) != -1 && c != '\n')
				;
			l->why = "line too long";
			return TCOP_ECAPTURE;
		} else if (!gzeof(r->gz)) {
			l->why = "NUL byte in line";
			return TCOP_ECAPTURE;
		} else {
			l->why = "last line has no end (truncated capture)";
			return TCOP_ECAPTURE;
		}
		if (len == 0 || line[0] == '#')
			continue;
		if (strlen(line) != len) {
			l->why = "NUL byte in line";
			return TCOP_ECAPTURE;
		}
		return capture_parse_line(line, len, l);
	}
}

/* ---- writer -------------------------------------------------------------- */

#define WBUF (256 * 1024)

struct capture_writer {
	int fd;
	off_t good;   /* offset after the last whole line on disk */
	size_t len;   /* bytes buffered */
	size_t lines; /* lines buffered */
	uint64_t written, dropped;
	char buf[WBUF];
};

tcop_err
capture_create(capture_writer **out, const char *path, bool append)
{
	capture_writer *w = calloc(1, sizeof *w);
	int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC);

	if (w == NULL)
		return TCOP_ENOMEM;
	w->fd = strcmp(path, "-") == 0 ? dup(STDOUT_FILENO) :
	    open(path, flags, 0644);
	if (w->fd < 0) {
		free(w);
		return TCOP_ESYS;
	}
	w->good = lseek(w->fd, 0, SEEK_END);
	if (w->good < 0)
		w->good = 0;
	*out = w;
	return TCOP_OK;
}

tcop_err
capture_flush(capture_writer *w)
{
	size_t off = 0;

	while (off < w->len) {
		ssize_t n = write(w->fd, w->buf + off, w->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n < 0 ? errno : ENOSPC;
			/* cut back to the last whole line; the buffer is lost */
			if (ftruncate(w->fd, w->good) == 0)
				lseek(w->fd, w->good, SEEK_SET);
			w->dropped += w->lines;
			w->len = w->lines = 0;
			errno = e;
			return TCOP_ESYS;
		}
		off += (size_t)n;
	}
	w->good += (off_t)w->len;
	w->written += w->lines;
	w->len = w->lines = 0;
	return TCOP_OK;
}

tcop_err
capture_put(capture_writer *w, tcop_ms rx, const void *msg, size_t len)
{
	tcop_err rv;

	if (len > TCOP_MSG_MAX)
		return TCOP_ETOOBIG;
	if (w->len + len + 32 > WBUF && (rv = capture_flush(w)) != TCOP_OK)
		return rv;
	tcop_time_format_ms(rx, w->buf + w->len, 32);
	w->len += strlen(w->buf + w->len);
	w->buf[w->len++] = ' ';
	memcpy(w->buf + w->len, msg, len);
	w->len += len;
	w->buf[w->len++] = '\n';
	w->lines++;
	return TCOP_OK;
}

size_t
capture_buffered(const capture_writer *w)
{
	return w->len;
}

uint64_t
capture_written(const capture_writer *w)
{
	return w->written;
}

uint64_t
capture_dropped(const capture_writer *w)
{
	return w->dropped;
}

tcop_err
capture_close_writer(capture_writer *w)
{
	tcop_err rv;

	if (w == NULL)
		return TCOP_OK;
	rv = capture_flush(w);
	if (close(w->fd) != 0 && rv == TCOP_OK)
		rv = TCOP_ESYS;
	free(w);
	return rv;
}
