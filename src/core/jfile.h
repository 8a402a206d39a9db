/*
 * jfile.h: loading a small JSON file (a configuration, a preset table):
 * read it whole into memory, hand it to the module's parser, and report
 * a syntax error as "input:line: not a JSON object". Used by the viewer's
 * configuration (ui/config.c) and the region presets (geo/regions.c), so
 * that both refuse the same files the same way. Files are at most
 * JFILE_MAX bytes (1 MiB): anything larger is not a configuration.
 */
#ifndef TCOP_JFILE_H
#define TCOP_JFILE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "tcop/tcop.h"

#define JFILE_MAX (1 << 20)

/* A parser of a file's bytes; path names the input in messages. */
typedef tcop_err (*jfile_parse_fn)(void *arg, const char *path,
    const char *buf, size_t len, char *why, size_t whylen);

/*
 * Read path and call parse on its bytes; its result is returned. Before
 * parse is called: TCOP_ESYS (cannot open or read, why "path: strerror"),
 * TCOP_ENOMEM, TCOP_ETOOBIG (JFILE_MAX bytes or more).
 */
tcop_err jfile_load(const char *path, jfile_parse_fn parse, void *arg,
    char *why, size_t whylen);

/*
 * Parse buf as exactly one JSON object (cJSON; trailing bytes allowed, as
 * cJSON allows). The tree is the caller's (call between jarena_begin and
 * jarena_end if it should live in the arena). NULL when it is not JSON or
 * not an object, with why "input:line: not a JSON object" (the line of the
 * syntax error, or 1).
 */
cJSON *jfile_object(const char *input, const char *buf, size_t len,
    char *why, size_t whylen);

/* The 1-based line of buf on which at stands; 0 if at is not in buf
 * (also used by the asset inventory's messages, cyber/assets.c). */
int jfile_line(const char *buf, size_t len, const char *at);

#endif
