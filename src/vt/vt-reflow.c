/*
 * vt-reflow.c -- vt_resize(): changing the screen size. Height changes
 * move lines between the screen and the history (the normal screen only;
 * the alternate screen has no history). A width change reflows the normal
 * screen and its history like modern terminals: soft-wrapped lines are
 * joined into logical lines and split again at the new width, wide
 * characters never split, and the cursor stays on its character. The
 * alternate screen is cut or padded (its programs redraw). Must leave the
 * cursor on the screen and the margins valid.
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

/* How many of the n cells at c are left when the trailing erased default
   blanks go. */
static unsigned
vt_reflow_used(const struct vt_gcell *c, unsigned n)
{
	while (n > 0 && c[n - 1].ch == 0 && c[n - 1].style == 0 &&
	    c[n - 1].width == 1)
		n--;
	return n;
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
	vt_line_fix_wide(n, cols);
	n->wrapped = oldcols <= cols ? l->wrapped : 0;
	n->size = l->size; /* xterm keeps DECDWL/DECDHL across a resize */
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
	const struct vt_hline *hl;

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
		hl = vt_history_get(&vt->history, vt->history.n - 1);
		lines[pull - 1 - i] = vt_line_create(cols, 0);
		vt_hline_to_line(vt, hl, lines[pull - 1 - i], cols);
		vt_history_remove_newest(&vt->history);
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

/* The new physical lines of a reflow, and the logical line being built. */
struct vt_reflow {
	struct vt_line **out;
	unsigned nout, capout;
	struct vt_gcell *buf;
	unsigned len, capbuf;
	unsigned cols;
	int cursor_here;     /* the logical line being built holds the cursor */
	unsigned cursor_off; /* its offset in the logical line */
	int pending;
	unsigned cur_row, cur_col; /* the result */
	int cur_pending;
	int pad;		 /* the last cell taken is held back: */
	struct vt_gcell padcell; /* an erased cell ending a wrapped line */
};

static void
vt_reflow_append(struct vt_reflow *r, const struct vt_gcell *c, unsigned n)
{
	if (n == 0)
		return;
	if (r->len + n > r->capbuf) {
		while (r->len + n > r->capbuf)
			r->capbuf = r->capbuf ? r->capbuf * 2 : 256;
		r->buf = vt_xrealloc(r->buf, r->capbuf, sizeof *r->buf);
	}
	memcpy(r->buf + r->len, c, n * sizeof *c);
	r->len += n;
}

static void
vt_reflow_emit(struct vt_reflow *r, struct vt_line *l)
{
	if (r->nout == r->capout) {
		r->capout = r->capout ? r->capout * 2 : 256;
		r->out = vt_xrealloc(r->out, r->capout, sizeof *r->out);
	}
	r->out[r->nout++] = l;
}

/* Split the finished logical line at the new width. */
static void
vt_reflow_split(struct vt_reflow *r)
{
	unsigned pos = 0, k, cols = r->cols, off;
	struct vt_line *l;

	do {
		k = vt_min(r->len - pos, cols);
		/* A wide character never straddles two lines. */
		if (k == cols && k > 1 && pos + k < r->len &&
		    r->buf[pos + k].width == 0)
			k--;
		/* At width 1 nothing wide fits: one blank for both halves. */
		if (cols == 1 && pos + 1 < r->len && r->buf[pos].width == 2)
			k = 2;
		l = vt_line_create(cols, 0);
		if (k > 0)
			memcpy(l->cells, r->buf + pos,
			    vt_min(k, cols) * sizeof *r->buf);
		vt_line_fix_wide(l, cols); /* a wide character cut in half */
		l->wrapped = pos + k < r->len;
		if (r->cursor_here) {
			off = r->cursor_off;
			if (off >= pos &&
			    (off < pos + k || pos + k >= r->len)) {
				r->cur_row = r->nout;
				r->cur_col = off - pos;
				r->cur_pending = 0;
				if (r->cur_col >= cols) {
					r->cur_col = cols - 1;
					r->cur_pending = r->pending;
				}
				r->cursor_here = 0;
			}
		}
		vt_reflow_emit(r, l);
		pos += k;
	} while (pos < r->len);
	r->len = 0;
}

/*
 * An erased cell that ended a soft-wrapped line is no part of the text if
 * the next line starts with a wide character: that character did not fit
 * there and left the cell as padding. Otherwise (a tab's gap, say) it is
 * kept. first is the next line's first cell, NULL if there is none.
 */
static void
vt_reflow_resolve(struct vt_reflow *r, const struct vt_gcell *first)
{
	if (!r->pad)
		return;
	r->pad = 0;
	if (first == NULL || first->width != 2)
		vt_reflow_append(r, &r->padcell, 1);
}

/* Add one old physical line of n cells to the logical line. */
static void
vt_reflow_take(
    struct vt_reflow *r, const struct vt_gcell *c, unsigned n, int wrapped)
{
	vt_reflow_resolve(r, n > 0 ? &c[0] : NULL);
	if (!wrapped)
		n = vt_reflow_used(c, n);
	else if (n > 1 && c[n - 1].ch == 0 && c[n - 1].width == 1 &&
	    c[n - 2].width != 2) {
		r->pad = 1;
		r->padcell = c[n - 1];
		n--;
	}
	vt_reflow_append(r, c, n);
	if (!wrapped)
		vt_reflow_split(r);
}

/* Reflow the normal screen and the history to a new width (and height).
   *cy, *cx are the normal screen's cursor, updated; *pending too. */
static void
vt_reflow_normal(struct vt *vt, unsigned rows, unsigned cols, unsigned *cy,
    unsigned *cx, int *pending)
{
	struct vt_history *h = &vt->history;
	struct vt_grid *g = &vt->normal;
	struct vt_reflow r;
	struct vt_line *tmp;
	unsigned oldcols = vt->cols, i, y, last, top, limit = h->limit, used;
	unsigned nhist;
	const struct vt_hline *hl;

	memset(&r, 0, sizeof r);
	r.cols = cols;
	/* Cells held in r carry style and cluster ids the collectors of
	   vt-style.c cannot see: no collection until the end. */
	vt->styles.nogc = 1;
	r.cur_row = 0;
	r.cur_col = 0;
	/* The history, oldest first; each line leaves it as it is read
	   (not counted as dropped: the lines come back). */
	while (h->n > 0) {
		hl = vt_history_get(h, 0);
		tmp = vt_line_create(vt_max(hl->ncells, 1), 0);
		vt_hline_to_line(vt, hl, tmp, vt_max(hl->ncells, 1));
		vt_reflow_take(&r, tmp->cells, hl->ncells,
		    (hl->flags & VT_HLINE_WRAPPED) != 0);
		free(tmp);
		vt_history_remove_oldest(h);
	}
	/* The screen down to the cursor or the last line with content. */
	last = *cy;
	for (y = vt->rows; y-- > *cy + 1;) {
		if (!vt_reflow_blank(g->lines[y], oldcols)) {
			last = y;
			break;
		}
	}
	nhist = r.nout; /* lines made of history lines only */
	for (y = 0; y <= last; y++) {
		/* A double-size line holds cells in its left half only. */
		used =
		    g->lines[y]->size != VT_LINE_SINGLE ? oldcols / 2 : oldcols;
		if (used < oldcols && r.len == 0 &&
		    !(g->lines[y]->wrapped && y < last) &&
		    vt_reflow_used(g->lines[y]->cells, used) <= cols / 2) {
			/* A double-size line on its own that still fits
			   keeps its size and its cells (xterm); one that
			   does not is reflowed as text, losing nothing. */
			if (y == *cy) {
				r.cur_row = r.nout;
				r.cur_col = vt_min(*cx, cols - 1);
				r.cur_pending = 0;
			}
			vt_reflow_emit(
			    &r, vt_reflow_copy(g->lines[y], oldcols, cols));
			continue;
		}
		if (y == *cy) {
			vt_reflow_resolve(&r, &g->lines[y]->cells[0]);
			r.cursor_here = 1;
			r.cursor_off = r.len + *cx + (*pending ? 1 : 0);
			r.pending = *pending;
		}
		vt_reflow_take(&r, g->lines[y]->cells, used,
		    g->lines[y]->wrapped && y < last);
	}
	vt_reflow_resolve(&r, NULL);
	if (r.len > 0)
		vt_reflow_split(&r);
	/* The last rows lines are the screen, the rest the history. */
	/* The bottom rows lines are the screen, the rest the history; a
	   wider screen does not pull history lines back down (libvterm),
	   only a taller one does, by as many rows as it gained. */
	top = r.nout > rows ? r.nout - rows : 0;
	if (rows > vt->rows)
		nhist = nhist > rows - vt->rows ? nhist - (rows - vt->rows) : 0;
	if (top < nhist)
		top = nhist;
	for (i = 0; i < top; i++) {
		if (limit > 0)
			vt_history_add(vt, r.out[i], cols);
		free(r.out[i]);
	}
	for (y = 0; y < vt->rows; y++)
		free(g->lines[y]);
	free(g->lines);
	g->lines = vt_xcalloc(rows, sizeof *g->lines);
	for (y = 0; y < rows; y++)
		g->lines[y] =
		    top + y < r.nout ? r.out[top + y] : vt_line_create(cols, 0);
	*cy = r.cur_row >= top ? r.cur_row - top : 0;
	*cx = r.cur_col;
	*pending = r.cur_pending;
	free(r.out);
	free(r.buf);
	vt->styles.nogc = 0;
}

int
vt_resize(struct vt *vt, unsigned rows, unsigned cols)
{
	unsigned x, cy, other;
	uint8_t *tabs;
	void *probe;
	int alt = vt->grid == &vt->alt, width_changed;

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
	width_changed = cols != vt->cols;
	/* The allocations below abort on failure. Most of their size is the
	   two new screens: try that much first, so that an impossible size
	   fails here with the emulator unchanged (a best effort: later,
	   smaller allocations may still fail). */
	probe = malloc(2 * (size_t)rows *
	    (sizeof(struct vt_line) + (size_t)cols * sizeof(struct vt_gcell)));
	if (probe == NULL) {
		errno = ENOMEM;
		return -1;
	}
	free(probe);
	tabs = realloc(vt->tabs, cols);
	if (tabs == NULL) {
		errno = ENOMEM;
		return -1;
	}
	vt->tabs = tabs;
	for (x = vt->cols; x < cols; x++)
		vt->tabs[x] = x % 8 == 0;

	cy = vt->y;
	if (width_changed) {
		unsigned ny, nx;
		int np;

		if (alt && vt->saved[0].valid) {
			/* Saved before an earlier resize, it may be off the
			   screen. */
			ny = vt_min(vt->saved[0].y, vt->rows - 1);
			nx = vt_min(vt->saved[0].x, vt->cols - 1);
			np = vt->saved[0].pending;
		} else {
			ny = vt->y;
			nx = vt->x;
			np = vt->pending;
		}
		vt_reflow_normal(vt, rows, cols, &ny, &nx, &np);
		if (alt && vt->saved[0].valid) {
			vt->saved[0].y = ny;
			vt->saved[0].x = nx;
			vt->saved[0].pending = np;
		} else if (!alt) {
			vt->y = cy = ny;
			vt->x = nx;
			vt->pending = np;
		}
	} else {
		other = alt ? vt->saved[0].y : vt->y;
		vt_reflow_grid(
		    vt, &vt->normal, rows, cols, 1, alt ? &other : &cy);
		if (alt)
			vt->saved[0].y = other;
	}
	other = vt->y;
	if (vt->alt.unused != NULL) { /* never used: stays blank */
		vt_grid_free(&vt->alt, vt->rows);
		vt_grid_create_unused(&vt->alt, rows, cols, 0);
	} else
		vt_reflow_grid(vt, &vt->alt, rows, cols, 0, alt ? &cy : &other);
	vt->rows = rows;
	vt->cols = cols;
	vt->y = cy;
	if (vt->x >= cols)
		vt->x = cols - 1;
	if (alt || !width_changed)
		vt->pending = 0;
	vt->top = vt->left = 0;
	vt->bottom = rows - 1;
	vt->right = cols - 1;
	vt_grid_touch_all(vt);
	vt->generation++;
	return 0;
}
