/*
 * follow.c: tail -F with a remembered offset (follow.h has the contract).
 *
 * The buffer holds the bytes read but not yet returned; `off` is the file
 * offset just past them. A line is returned when its newline is in the
 * buffer. At end of file the path is stat()ed: another inode means
 * rotation, a size below `off` means truncation (copytruncate). The state
 * file is written to a temporary name and renamed, so a crash leaves the
 * old state or the new one, never half of one.
 *
 * Limits: a line longer than FOLLOW_LINE_MAX is returned in pieces; a
 * truncation followed by writes past the old offset before the next poll
 * looks like growth (only the first-bytes hash would tell, and it is
 * checked at open, not on every poll).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cyber/follow.h"

#define FP_MAX 64

static uint64_t
fnv(const unsigned char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h;
}

/* Hash of the first (up to) want bytes of fd; *got says how many. */
static uint64_t
fingerprint(int fd, uint32_t want, uint32_t *got)
{
	unsigned char b[FP_MAX];
	ssize_t n = pread(fd, b, want > FP_MAX ? FP_MAX : want, 0);

	*got = n > 0 ? (uint32_t)n : 0;
	return fnv(b, *got);
}

static void
reset_file(struct follow *f)
{
	f->off = 0;
	f->start = f->len = 0;
	f->lineno = 0;
	f->commit_off = 0;
	f->commit_line = 0;
}

/* Open the path anew, reading from its start. */
static bool
open_path(struct follow *f)
{
	struct stat st;
	int fd = open(f->path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	if (fstat(fd, &st) != 0) {
		close(fd);
		return false;
	}
	f->fd = fd;
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	reset_file(f);
	return true;
}

/* The saved state, if it still describes the file at the path. */
static tcop_err
resume(struct follow *f)
{
	FILE *s = fopen(f->state, "r");
	unsigned long long dev, ino, line;
	uint64_t fp;
	long long off;
	unsigned fplen;
	uint32_t got;
	struct stat st;
	int n;

	if (s == NULL)
		return TCOP_OK; /* first run */
	n = fscanf(s, "tcop-follow 1 %llu %llu %lld %llu %u %" SCNx64 "",
	    &dev, &ino, &off, &line, &fplen, &fp);
	fclose(s);
	if (n != 6 || off < 0 || fplen > FP_MAX) {
		tcop_log("%s: not a follow state file; starting at the beginning "
		    "of %s", f->state, f->path);
		return TCOP_EFORMAT;
	}
	if (f->fd < 0 || fstat(f->fd, &st) != 0 || (unsigned long long)st.st_dev
	    != dev || (unsigned long long)st.st_ino != ino || st.st_size < off ||
	    fingerprint(f->fd, fplen, &got) != fp || got != fplen) {
		tcop_log("%s: %s is not the file it was; reading it from the start",
		    f->state, f->path);
		return TCOP_OK;
	}
	if (lseek(f->fd, (off_t)off, SEEK_SET) < 0)
		return TCOP_OK;
	f->off = f->commit_off = (off_t)off;
	f->lineno = f->commit_line = line;
	return TCOP_OK;
}

tcop_err
follow_open(struct follow *f, const char *path, const char *state_path)
{
	memset(f, 0, sizeof *f);
	f->fd = -1;
	if (strlen(path) >= sizeof f->path ||
	    (state_path != NULL && strlen(state_path) + 8 >= sizeof f->state))
		return TCOP_EINVAL;
	snprintf(f->path, sizeof f->path, "%s", path);
	if (state_path != NULL)
		snprintf(f->state, sizeof f->state, "%s", state_path);
	if ((f->buf = malloc(FOLLOW_LINE_MAX + 1)) == NULL)
		return TCOP_ENOMEM;
	open_path(f);
	return f->state[0] != '\0' ? resume(f) : TCOP_OK;
}

void
follow_close(struct follow *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	free(f->buf);
	f->buf = NULL;
}

/* Return buf[start, start + n) as a line, skipping `skip` more bytes. */
static tcop_err
give(struct follow *f, size_t n, size_t skip, const char **line, size_t *len,
    uint64_t *lineno)
{
	*line = f->buf + f->start;
	*len = n;
	f->buf[f->start + n] = '\0';
	f->start += n + skip;
	f->lineno++;
	*lineno = f->lineno;
	f->commit_off = f->off - (off_t)(f->len - f->start);
	f->commit_line = f->lineno;
	return TCOP_OK;
}

/* At end of file: rotated or truncated? */
static enum { SAME, ROTATED, TRUNCATED } file_changed(struct follow *f)
{
	struct stat st, cur;

	if (stat(f->path, &st) != 0)
		return SAME; /* renamed away, new one not there yet */
	if (st.st_dev != f->dev || st.st_ino != f->ino)
		return ROTATED;
	if (fstat(f->fd, &cur) == 0 && cur.st_size < f->off)
		return TRUNCATED;
	return SAME;
}

tcop_err
follow_next(struct follow *f, const char **line, size_t *len,
    uint64_t *lineno)
{
	for (;;) {
		char *nl;
		ssize_t r;

		if (f->fd < 0 && !open_path(f))
			return TCOP_EAGAIN;
		nl = memchr(f->buf + f->start, '\n', f->len - f->start);
		if (nl != NULL)
			return give(f, (size_t)(nl - (f->buf + f->start)), 1, line,
			    len, lineno);
		if (f->start > 0) {
			memmove(f->buf, f->buf + f->start, f->len - f->start);
			f->len -= f->start;
			f->start = 0;
		}
		if (f->len == FOLLOW_LINE_MAX)
			return give(f, f->len, 0, line, len, lineno);
		r = read(f->fd, f->buf + f->len, FOLLOW_LINE_MAX - f->len);
		if (r > 0) {
			f->len += (size_t)r;
			f->off += r;
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			tcop_log("%s: %s", f->path, strerror(errno));
			return TCOP_ESYS;
		}
		switch (file_changed(f)) {
		case SAME:
			return TCOP_EAGAIN;
		case ROTATED:
			if (f->len > f->start) /* the old file's last line */
				return give(f, f->len - f->start, 0, line, len,
				    lineno);
			close(f->fd);
			f->fd = -1;
			f->rotations++;
			if (!open_path(f))
				return TCOP_EAGAIN;
			break;
		case TRUNCATED:
			if (lseek(f->fd, 0, SEEK_SET) < 0)
				return TCOP_ESYS;
			reset_file(f);
			f->truncations++;
			break;
		}
	}
}

tcop_err
follow_commit(struct follow *f)
{
	char tmp[sizeof f->state + 8];
	uint32_t fplen = 0;
	uint64_t fp = 0;
	FILE *s;

	if (f->state[0] == '\0')
		return TCOP_OK;
	if (f->fd >= 0)
		fp = fingerprint(f->fd, FP_MAX, &fplen);
	snprintf(tmp, sizeof tmp, "%s.tmp", f->state);
	if ((s = fopen(tmp, "w")) == NULL) {
		if (!f->state_failed)
			tcop_log("%s: %s (the offset is not kept)", tmp,
			    strerror(errno));
		f->state_failed = true;
		return TCOP_ESYS;
	}
	fprintf(s, "tcop-follow 1 %llu %llu %lld %llu %u %016" PRIx64 "\n",
	    (unsigned long long)f->dev, (unsigned long long)f->ino,
	    (long long)f->commit_off, (unsigned long long)f->commit_line,
	    (unsigned)fplen, fp);
	if (fclose(s) != 0 || rename(tmp, f->state) != 0) {
		if (!f->state_failed)
			tcop_log("%s: %s (the offset is not kept)", f->state,
			    strerror(errno));
		f->state_failed = true;
		return TCOP_ESYS;
	}
	f->state_failed = false;
	return TCOP_OK;
}
