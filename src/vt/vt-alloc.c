/*
 * vt-alloc.c -- memory allocation for the emulator. libvt.a uses libc only
 * (not src/util's xmalloc), and vt_feed() cannot return an error, so
 * allocation inside it aborts on failure: running out of memory while
 * drawing a few cells leaves nothing sensible to do.
 */
#include <stdio.h>
#include <stdlib.h>

#include "vt-private.h"

static void
vt_alloc_fail(size_t size)
{
	fprintf(stderr, "roost: emulator out of memory (%zu bytes)\n", size);
	abort();
}

void *
vt_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		vt_alloc_fail(size);
	return p;
}

void *
vt_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		vt_alloc_fail(n * size);
	return p;
}

void *
vt_xrealloc(void *p, size_t n, size_t size)
{
	if (size != 0 && n > (size_t)-1 / size)
		vt_alloc_fail((size_t)-1);
	p = realloc(p, n * size != 0 ? n * size : 1);
	if (p == NULL)
		vt_alloc_fail(n * size);
	return p;
}
