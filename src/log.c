/*
 * log.c -- the server's debug log and fatal errors. The daemonised server
 * has no terminal: with ROOST_DEBUG set in the environment it appends to
 * DIR/server.log, otherwise debug messages go nowhere.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "roost.h"

static FILE *log_file; /* the only static: process-wide, not server state */

/* Start logging to path (appended); NULL stops. */
void
log_open(const char *path)
{
	if (log_file != NULL)
		fclose(log_file);
	log_file = NULL;
	if (path != NULL && (log_file = fopen(path, "a")) != NULL)
		setvbuf(log_file, NULL, _IOLBF, 0);
}

/* One line (printf-style, a time stamp before it) in the debug log, if
   log_open() opened one. */
void
log_debug(const char *fmt, ...)
{
	va_list ap;

	if (log_file == NULL)
		return;
	va_start(ap, fmt);
	fprintf(log_file, "%ld ", (long)time(NULL));
	vfprintf(log_file, fmt, ap);
	fputc('\n', log_file);
	va_end(ap);
}

/* Print "roost: message" on stderr (and the log) and exit 1. */
void
fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "roost: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	if (log_file != NULL) {
		va_start(ap, fmt);
		vfprintf(log_file, fmt, ap);
		fputc('\n', log_file);
		va_end(ap);
	}
	exit(1);
}
