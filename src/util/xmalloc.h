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
/*
 * n x size bytes of zeroed anonymous pages (mmap), for a large buffer that
 * lives a short while: xunmap() gives them back to the system, where
 * glibc keeps freed heap memory resident. Pages not touched cost nothing.
 */
void *xmap(size_t n, size_t size);
void xunmap(void *p, size_t n, size_t size);
/* asprintf that aborts on failure; returns the length. */
int xasprintf(char **ret, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int xvasprintf(char **ret, const char *fmt, va_list ap);

#endif
