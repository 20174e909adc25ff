/*
 * vt-reflow.c -- vt_resize(): changing the screen size. Height changes
 * move lines between the screen and the history (the normal screen only;
 * the alternate screen has no history). Width changes cut or pad lines.
 * Must leave the cursor on the screen and the margins valid.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vt-private.h"

/* Is a screen line blank (all cells erased with the default style)? */
static int
vt_reflow_blank(const struct vt_line *l, unsigned cols)
{
	unsigned x;

	for (x = 0; x < cols; x++) {
		if (l->cells[x].ch != 0 || l->cells[x].style != 0)
			return 0;
	}
	return 1;
}

/* Copy a line to a new width, repairing a wide character cut in half. */
static struct vt_line *
vt_reflow_copy(const struct vt_line *l, unsigned oldcols, unsigned cols)
{
	struct vt_line *n = vt_line_create(cols, 0);
	unsigned k = vt_min(oldcols, cols);

	memcpy(n->cells, l->cells, k * sizeof n->cells[0]);
	if (k > 0 && n->cells[k - 1].width == 2) {
		n->cells[k - 1].ch = 0;
		n->cells[k - 1].width = 1;
	}
	n->wrapped = oldcols <= cols ? l->wrapped : 0;
	return n;
}

/* Resize one grid; history moves only if hist (the normal screen). *cy
   is the cursor row, updated. */
static void
vt_reflow_grid(struct vt *vt, struct vt_grid *g, unsigned rows, unsigned cols,
    int hist, unsigned *cy)
{
	struct vt_line **lines, **old = g->lines;
	unsigned oldrows = vt->rows, oldcols = vt->cols, y, first = 0, last;
	unsigned n, pull = 0, i;
	struct vt_hline *hl;

	last = oldrows; /* old lines [first, last) are kept */
	if (rows < oldrows) {
		/* Drop blank lines below the cursor first, then push the
		   top lines into the history. */
		while (last - first > rows && last - 1 > *cy &&
		    vt_reflow_blank(old[last - 1], oldcols))
			last--;
		while (last - first > rows) {
			if (hist) {
				struct vt_grid *save = vt->grid;

				vt->grid = g;
				vt_history_push(vt, old[first]);
				vt->grid = save;
			}
			first++;
		}
	} else if (rows > oldrows && hist)
		pull = vt_min(rows - oldrows, vt->history.n);
	lines = vt_xcalloc(rows, sizeof *lines);
	for (i = 0; i < pull; i++) {
		hl = vt_history_pop_newest(&vt->history);
		lines[pull - 1 - i] = vt_line_create(cols, 0);
		vt_hline_to_line(vt, hl, lines[pull - 1 - i], cols);
		free(hl);
	}
	n = pull;
	for (y = first; y < last; y++)
		lines[n++] = vt_reflow_copy(old[y], oldcols, cols);
	for (; n < rows; n++)
		lines[n] = vt_line_create(cols, 0);
	for (y = 0; y < oldrows; y++)
		free(old[y]);
	free(old);
	g->lines = lines;
	if (*cy < first)
		*cy = 0;
	else
		*cy = *cy - first + pull;
	if (*cy >= rows)
		*cy = rows - 1;
}

int
vt_resize(struct vt *vt, unsigned rows, unsigned cols)
{
	unsigned x, cy, other;
	uint8_t *tabs;
	int alt = vt->grid == &vt->alt;

	if (rows < 1)
		rows = 1;
	if (cols < 1)
		cols = 1;
	if (rows > VT_MAX_DIM)
		rows = VT_MAX_DIM;
	if (cols > VT_MAX_DIM)
		cols = VT_MAX_DIM;
	if (rows == vt->rows && cols == vt->cols)
		return 0;
	tabs = realloc(vt->tabs, cols);
	if (tabs == NULL) {
		errno = ENOMEM;
		return -1;
	}
	vt->tabs = tabs;
	for (x = vt->cols; x < cols; x++)
		vt->tabs[x] = x % 8 == 0;

	cy = vt->y;
	other = alt ? vt->saved[0].y : vt->y;
	vt_reflow_grid(vt, &vt->normal, rows, cols, 1, alt ? &other : &cy);
	if (alt)
		vt->saved[0].y = other;
	other = vt->y;
	vt_reflow_grid(vt, &vt->alt, rows, cols, 0, alt ? &cy : &other);
	vt->rows = rows;
	vt->cols = cols;
	vt->y = cy;
	if (vt->x >= cols)
		vt->x = cols - 1;
	vt->pending = 0;
	vt->top = vt->left = 0;
	vt->bottom = rows - 1;
	vt->right = cols - 1;
	vt->generation++;
	return 0;
}
