/*
 * vt-grid.c -- allocation and clearing of screen lines. A grid is an array
 * of line pointers so that scrolling moves pointers, not cells. Knows
 * nothing of cursors, margins or history.
 */
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "vt-private.h"

/* A line of cols erased default cells; NULL on failure if fail_ok, else
   aborts. */
struct vt_line *
vt_line_create(unsigned cols, int fail_ok)
{
	struct vt_line *l;
	size_t size = sizeof *l + (size_t)cols * sizeof l->cells[0];

	l = fail_ok ? malloc(size) : vt_xmalloc(size);
	if (l == NULL)
		return NULL;
	memset(l, 0, sizeof *l);
	vt_line_clear(l, 0, cols, 0);
	return l;
}

int
vt_grid_create(struct vt_grid *g, unsigned rows, unsigned cols)
{
	unsigned i;

	g->lines = calloc(rows, sizeof *g->lines);
	if (g->lines == NULL)
		return -1;
	for (i = 0; i < rows; i++) {
		g->lines[i] = vt_line_create(cols, 1);
		if (g->lines[i] == NULL) {
			vt_grid_free(g, i);
			return -1;
		}
	}
	return 0;
}

/* An unused grid of rows x cols (see struct vt_grid): rows pointers to
   one erased line. Returns 0, or -1 if out of memory (g unchanged) if
   fail_ok, else aborts. */
int
vt_grid_create_unused(
    struct vt_grid *g, unsigned rows, unsigned cols, int fail_ok)
{
	struct vt_line **lines, *l;
	unsigned i;

	lines = fail_ok ? calloc(rows, sizeof *lines)
			: vt_xcalloc(rows, sizeof *lines);
	l = vt_line_create(cols, fail_ok);
	if (lines == NULL || l == NULL) {
		free(lines);
		free(l);
		return -1;
	}
	for (i = 0; i < rows; i++)
		lines[i] = l;
	g->lines = lines;
	g->unused = l;
	return 0;
}

/* Give an unused grid lines of its own, erased (aborts if out of
   memory); a grid in use is left as it is. */
void
vt_grid_use(struct vt_grid *g, unsigned rows, unsigned cols)
{
	unsigned i;

	if (g->unused == NULL)
		return;
	for (i = 0; i < rows; i++)
		g->lines[i] = vt_line_create(cols, 0);
	free(g->unused);
	g->unused = NULL;
}

void
vt_grid_touch_all(struct vt *vt)
{
	struct vt_grid *g[2] = { &vt->normal, &vt->alt };
	unsigned i, k;

	for (k = 0; k < 2; k++) {
		if (g[k]->unused != NULL)
			vt_line_touch(vt, g[k]->unused);
		else {
			for (i = 0; i < vt->rows; i++)
				vt_line_touch(vt, g[k]->lines[i]);
		}
	}
}

void
vt_grid_free(struct vt_grid *g, unsigned rows)
{
	unsigned i;

	if (g->lines == NULL)
		return;
	if (g->unused != NULL)
		free(g->unused);
	else {
		for (i = 0; i < rows; i++)
			free(g->lines[i]);
	}
	free(g->lines);
	g->lines = NULL;
	g->unused = NULL;
}

/* Repair wide characters broken by an operation on a line of cols cells:
   a leading half without its right half, or a right half without its
   leader, is blanked (its style kept). xterm: overwriting half of a wide
   character clears the other half. */
void
vt_line_fix_wide(struct vt_line *l, unsigned cols)
{
	struct vt_gcell *c = l->cells;
	unsigned x;

	for (x = 0; x < cols; x++) {
		if ((c[x].width == 2 &&
			(x + 1 == cols || c[x + 1].width != 0)) ||
		    (c[x].width == 0 && (x == 0 || c[x - 1].width != 2))) {
			c[x].ch = 0;
			c[x].width = 1;
		}
	}
}

/* Erase cells [from, to) of l to blanks of the given style. */
void
vt_line_clear(struct vt_line *l, unsigned from, unsigned to, uint16_t style)
{
	/* As 64-bit words (may_alias: they are struct vt_gcell), so that
	   the compiler uses wide stores rather than one per field; walked
	   by pointer: this runs on every scroll. */
	typedef uint64_t __attribute__((__may_alias__)) vt_word;
	struct vt_gcell blank = { 0, style, 1, 0 };
	vt_word v, *p, *end;

	if (from >= to)
		return;
	memcpy(&v, &blank, sizeof v);
	p = (vt_word *)(void *)(l->cells + from);
	end = (vt_word *)(void *)(l->cells + to);
#ifdef __SSE2__
	{
		/* Two cells a store, sixteen a turn. */
		__m128i v2 = _mm_set1_epi64x((long long)v);

		for (; end - p >= 16; p += 16) {
			_mm_storeu_si128((__m128i *)(void *)p, v2);
			_mm_storeu_si128((__m128i *)(void *)(p + 2), v2);
			_mm_storeu_si128((__m128i *)(void *)(p + 4), v2);
			_mm_storeu_si128((__m128i *)(void *)(p + 6), v2);
			_mm_storeu_si128((__m128i *)(void *)(p + 8), v2);
			_mm_storeu_si128((__m128i *)(void *)(p + 10), v2);
			_mm_storeu_si128((__m128i *)(void *)(p + 12), v2);
			_mm_storeu_si128((__m128i *)(void *)(p + 14), v2);
		}
		for (; end - p >= 2; p += 2)
			_mm_storeu_si128((__m128i *)(void *)p, v2);
	}
#else
	for (; end - p >= 4; p += 4) {
		p[0] = v;
		p[1] = v;
		p[2] = v;
		p[3] = v;
	}
#endif
	for (; p < end; p++)
		*p = v;
}
