/*
 * space.h: what the space subcommands share (decode tle|omm|cdm, orbit,
 * passes, feed space): reading a whole file or stdin, loading element sets
 * from TLE or OMM text with each rejection reported as FILE:LINE: reason,
 * and parsing comma-separated catalogue-number lists.
 */
#ifndef TCOP_CLI_SPACE_H
#define TCOP_CLI_SPACE_H

#include <stdbool.h>
#include <stddef.h>

#include "orbit/elements.h"

/* Read all of path ("-" is stdin) into a NUL-terminated malloc'd buffer.
 * TCOP_ESYS (errno set) on failure. */
tcop_err space_read_all(const char *path, char **buf, size_t *len);

/* True if text looks like JSON (first non-blank is '{' or '['). */
bool space_is_json(const char *buf, size_t len);

/*
 * Load every element set of buf (TLE/3LE or OMM JSON, told apart by
 * space_is_json) into a malloc'd array. Each rejection is printed on
 * stderr as "tcop CMD: NAME:LINE: reason" and counted in *rejected.
 * TCOP_ENOMEM only when memory runs out.
 */
tcop_err space_load(const char *cmd, const char *name, const char *buf,
    size_t len, struct orb_elements **els, size_t *n, size_t *rejected);

/* Parse "25544,48911" into a malloc'd array; false if malformed. */
bool space_parse_ids(const char *s, unsigned **ids, size_t *n);

/* True if norad is in ids (or ids is empty). */
bool space_id_wanted(const unsigned *ids, size_t n, unsigned norad);

/*
 * `tcop decode tle|omm|cdm [FILE|-] [--wire] [--src NAME]`: kind is "tle",
 * "omm" or "cdm", help its usage text. Prints one event's JSON a line
 * (with --wire: TOPIC SP JSON); rejections go to stderr with FILE:LINE and
 * the reason, and a count at the end. Exit 0 when the input was read.
 */
int space_decode(const char *kind, const char *help, int argc, char **argv);

#endif
