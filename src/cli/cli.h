/*
 * cli.h: the subcommands of the one `tcop` binary, and the small helpers
 * they share for options and usage errors.
 *
 * Each subcommand is `int cmd_NAME(int argc, char **argv)` with argv[0] the
 * subcommand's name; it returns the process exit status: 0 ok, 1 runtime
 * failure, 2 usage (CLI_OK, CLI_FAIL, CLI_USAGE). Every subcommand answers
 * --help on stdout with exit 0.
 */
#ifndef TCOP_CLI_H
#define TCOP_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "tcop/tcop.h"

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

typedef int (*cli_fn)(int argc, char **argv);

struct cli_cmd {
	const char *name;
	cli_fn fn;
	const char *summary;
};

/* The table of subcommands, NULL-terminated (commands.c). */
extern const struct cli_cmd cli_commands[];

int cmd_view(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_feed(int argc, char **argv);
int cmd_record(int argc, char **argv);
int cmd_replay(int argc, char **argv);
int cmd_relay(int argc, char **argv);
int cmd_snapshot(int argc, char **argv);
int cmd_decode(int argc, char **argv);
int cmd_orbit(int argc, char **argv);
int cmd_passes(int argc, char **argv);

/* `tcop feed KIND` and `tcop decode KIND`, one file each (feed_*.c, decode_*.c). */
int feed_ais(int argc, char **argv);
int feed_space(int argc, char **argv);
int feed_cyber(int argc, char **argv);
int feed_jsonl(int argc, char **argv);
int decode_ais(int argc, char **argv);
int decode_tle(int argc, char **argv);
int decode_omm(int argc, char **argv);
int decode_cdm(int argc, char **argv);
int decode_eve(int argc, char **argv);
int decode_stix(int argc, char **argv);

/*
 * Print "tcop CMD: <message>" and "try 'tcop CMD --help'" on stderr;
 * returns CLI_USAGE so callers can `return cli_usage(...)`.
 */
int cli_usage(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* True if argv holds -h or --help before any "--". */
bool cli_wants_help(int argc, char **argv);
/* Parse a whole non-negative integer / a finite double; false if not. */
bool cli_parse_long(const char *s, long min, long max, long *out);
bool cli_parse_double(const char *s, double *out);

/*
 * For a subcommand that is not built yet: --help prints help (exit 0),
 * anything else says so on stderr (exit 1).
 */
int cli_not_yet(int argc, char **argv, const char *help);

/* Subcommands of `tcop feed` and `tcop decode`: name, function, summary. */
struct cli_sub {
	const char *name;
	cli_fn fn;
	const char *summary;
};
/* Run argv[1] from table subs (NULL-terminated) for command cmd. */
int cli_dispatch(const char *cmd, const struct cli_sub *subs, int argc,
    char **argv);

/* Network options every --listen/--feed takes (TLS, docs/security.md). */
struct cli_tls {
	const char *cert, *key, *ca;
	bool require_client_cert;
};

#endif
