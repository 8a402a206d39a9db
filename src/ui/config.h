/*
 * config.h: the viewer's configuration file, ~/.config/tcop/config.json or
 * --config FILE (docs/operator.md):
 *
 *   { "feeds": ["tcp://127.0.0.1:7001", ...],
 *     "region": "japan",
 *     "projection": "equirect" | "mercator",
 *     "ascii": false,
 *     "max_rate": 9600,                        bytes/s written, 0: no cap
 *     "fps": 4,                                frames per second at most
 *     "export_dir": "/srv/briefings",          where e writes (default .)
 *     "keys": { "quit": "q", "zoom-in": ["+", "="], ... },
 *     "colours": { "HOSTILE": "red", "COAST": 44, ... } }
 *
 * Every member is optional; unknown members are rejected (a typo should
 * not pass silently). Parsing fills a caller-owned struct; the cJSON tree
 * lives in the per-thread arena and never escapes. Errors name the input,
 * the JSON line for syntax errors, the member and the reason.
 */
#ifndef TCOP_VIEW_CONFIG_H
#define TCOP_VIEW_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "tcop/tcop.h"
#include "ui/canvas.h"
#include "ui/keys.h"

#define CONFIG_FEEDS_MAX 16
#define CONFIG_URL_MAX 256
#define CONFIG_COLOUR_UNSET (-2) /* role keeps its built-in colour */
#define CONFIG_COLOUR_DEFAULT (-1) /* the terminal's default colour */

struct view_config {
	int nfeeds;
	char feeds[CONFIG_FEEDS_MAX][CONFIG_URL_MAX];
	char region[32];          /* "" if not set */
	int projection;           /* -1 unset, else enum proj_kind */
	int ascii;                /* -1 unset, 0, 1 */
	long max_rate;            /* -1 unset, 0 no cap, else bytes/s */
	int fps;                  /* 0 unset, else 1..30 */
	char export_dir[1024];    /* "" unset */
	struct keymap keys;
	short colours[ROLE_COUNT]; /* CONFIG_COLOUR_*, or 0..255 */
};

/* Defaults: nothing set, the default key map. */
void config_init(struct view_config *c);
/*
 * Parse len bytes of JSON named input over c (members present replace
 * what c has). TCOP_EJSON for a syntax error or a non-object, TCOP_EFIELD
 * for a bad member; why says where and why.
 */
tcop_err config_parse(struct view_config *c, const char *input,
    const char *buf, size_t len, char *why, size_t whylen);
/* Read and parse a file; TCOP_ESYS if it cannot be read (why says so). */
tcop_err config_load(struct view_config *c, const char *path, char *why,
    size_t whylen);
/* A colour by name (black red green yellow blue magenta cyan white
 * default) or number 0..255; CONFIG_COLOUR_UNSET if not one. */
int config_colour(const char *name);

#endif
