/*
 * log.c: one line of diagnostics at a time, to stderr or to the sink the
 * viewer installs (so that nothing is ever written over an ncurses screen).
 * Lines are cut at 1 KiB. Not thread-safe by design: only the main thread
 * logs; nng callbacks count, they do not log.
 */
#include <stdarg.h>
#include <stdio.h>

#include "tcop/tcop.h"

static tcop_log_sink log_sink;
static void *log_arg;
static bool log_quiet;

void
tcop_log_set_sink(tcop_log_sink fn, void *arg)
{
	log_sink = fn;
	log_arg = arg;
}

void
tcop_log_set_quiet(bool quiet)
{
	log_quiet = quiet;
}

void
tcop_log(const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (log_sink != NULL) {
		log_sink(log_arg, line);
		return;
	}
	if (!log_quiet)
		fprintf(stderr, "tcop: %s\n", line);
}
