/*
 * follow.h: read a growing log file line by line the way `tail -F` does,
 * and remember how far it got so that a restart carries on where the last
 * run stopped (Suricata's eve.json under logrotate).
 *
 *   - appended lines are returned as they arrive (a line counts once it
 *     has its newline);
 *   - rotation (the path now names another file): the old file is read to
 *     its end first (a last line without a newline is returned then), and
 *     the new file is read from its start;
 *   - truncation (the file got shorter than the offset read): read again
 *     from the start;
 *   - the state file holds "tcop-follow 1 DEV INO OFFSET LINE FPLEN FP":
 *     the file identity, the offset after the last line the caller
 *     committed, its line number, and a hash of the file's first bytes.
 *     At open, reading resumes at OFFSET if the path is still that file
 *     (same device, inode and first bytes, and not shorter); otherwise it
 *     starts at 0.
 *
 * Exactly once across restarts holds for lines committed with
 * follow_commit() before the process stops; lines returned after the last
 * commit are returned again by the next run. Lines written to the old file
 * after rotation while no follower runs are not seen (as with tail -F).
 * Time is not read here: the caller decides when to poll.
 */
#ifndef TCOP_CYBER_FOLLOW_H
#define TCOP_CYBER_FOLLOW_H

#include <stdint.h>
#include <sys/types.h>

#include "tcop/tcop.h"

#define FOLLOW_LINE_MAX (1024 * 1024) /* longer lines are cut into pieces */

struct follow {
	char path[1024];
	char state[1024];   /* state file path, "" for none */
	int fd;             /* -1 while the path does not exist */
	dev_t dev;
	ino_t ino;
	off_t off;          /* file offset of buf[0] + start */
	uint64_t lineno;    /* lines returned from this file */
	off_t commit_off;   /* offset after the last returned line */
	uint64_t commit_line;
	char *buf;          /* FOLLOW_LINE_MAX + 1 bytes */
	size_t start, len;  /* unreturned bytes: buf[start, len) */
	uint64_t fp;        /* hash of the first FP bytes of the file */
	uint32_t fplen;
	uint64_t rotations, truncations;
	bool state_failed;  /* the last commit failed (logged once) */
};

/*
 * Open path for following; state_path (NULL: none) says where the offset
 * is kept. A path that does not exist yet is waited for. TCOP_ENOMEM;
 * TCOP_EFORMAT if the state file is not ours (its content is not trusted).
 */
tcop_err follow_open(struct follow *f, const char *path,
    const char *state_path);

/*
 * The next complete line (without its newline) in *line / *len, valid
 * until the next call; its line number in the current file in *lineno.
 * TCOP_EAGAIN when there is none now (poll again later); TCOP_ESYS on a
 * read error (logged).
 */
tcop_err follow_next(struct follow *f, const char **line, size_t *len,
    uint64_t *lineno);

/* Write the state file: everything returned so far is done. TCOP_ESYS
 * (logged once until a commit succeeds again). */
tcop_err follow_commit(struct follow *f);

void follow_close(struct follow *f);

#endif
