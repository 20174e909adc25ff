/*
 * xmalloc.h -- allocation that never returns NULL. roost's policy: running
 * out of memory is fatal and logged, because every caller handling NULL
 * differently is worse than one clear exit.
 */
#ifndef ROOST_XMALLOC_H
#define ROOST_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* asprintf that aborts on failure; returns the length. */
int xasprintf(char **ret, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int xvasprintf(char **ret, const char *fmt, va_list ap);

#endif
