/*
 * vt.c -- the public API of vt.h: creating and freeing an emulator,
 * feeding it, and reading its screen, history, cursor, modes and title.
 * Readers copy cells out of the grid (struct vt_gcell) or the history
 * (struct vt_hline) into struct vt_cell; nothing here interprets input.
 */
#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vt-private.h"

static unsigned
vt_clamp_dim(unsigned n)
{
	if (n < 1)
		return 1;
	return n > VT_MAX_DIM ? VT_MAX_DIM : n;
}

struct vt *
vt_create(unsigned rows, unsigned cols, unsigned history_limit,
    const struct vt_callbacks *cb, void *arg)
{
	struct vt *vt;

	/* The dispatch tables are searched by halving: a misplaced entry
	   would silently never match. */
	assert(vt_csi_table_sorted() && vt_esc_table_sorted());
	vt = calloc(1, sizeof *vt);
	if (vt == NULL)
		return NULL;
	vt->rows = vt_clamp_dim(rows);
	vt->cols = vt_clamp_dim(cols);
	if (cb != NULL)
		vt->cb = *cb;
	vt->arg = arg;
	vt->history.limit = history_limit;
	if (vt_style_init(vt) != 0 ||
	    vt_grid_create(&vt->normal, vt->rows, vt->cols) != 0 ||
	    vt_grid_create_unused(&vt->alt, vt->rows, vt->cols, 1) != 0 ||
	    (vt->tabs = calloc(vt->cols, 1)) == NULL) {
		vt_free(vt);
		errno = ENOMEM;
		return NULL;
	}
	vt->grid = &vt->normal;
	vt_parser_init(&vt->parser);
	vt_screen_full_reset(vt);
	return vt;
}

void
vt_free(struct vt *vt)
{
	if (vt == NULL)
		return;
	vt_grid_free(&vt->normal, vt->rows);
	vt_grid_free(&vt->alt, vt->rows);
	vt_history_clear(&vt->history);
	vt_style_free(vt);
	vt_parser_free(&vt->parser);
	vt_links_free(vt);
	free(vt->tabs);
	free(vt->widths);
	free(vt);
}

void
vt_feed(struct vt *vt, const void *buf, size_t len)
{
	if (len == 0)
		return;
	vt_parser_feed(vt, buf, len);
	vt->generation++;
}

void
vt_set_history_limit(struct vt *vt, unsigned lines)
{
	vt_history_trim(&vt->history, lines);
	vt->generation++;
}

void
vt_set_altscreen(struct vt *vt, int allowed)
{
	vt->no_altscreen = !allowed;
}

void
vt_reset(struct vt *vt)
{
	vt_parser_init(&vt->parser);
	vt_screen_full_reset(vt);
	vt->generation++;
}

unsigned
vt_rows(const struct vt *vt)
{
	return vt->rows;
}

unsigned
vt_cols(const struct vt *vt)
{
	return vt->cols;
}

unsigned
vt_history_size(const struct vt *vt)
{
	return vt->history.n;
}

uint64_t
vt_history_dropped(const struct vt *vt)
{
	return vt->history.dropped;
}

/* A grid cell as the API hands it out. */
static void
vt_cell_from_grid(
    const struct vt *vt, const struct vt_gcell *g, struct vt_cell *cell)
{
	vt_cluster_get(vt, g->ch, cell->ch);
	cell->width = g->width;
	memset(cell->pad, 0, sizeof cell->pad);
	cell->style = vt->styles.v[g->style];
}

int
vt_get_line(
    const struct vt *vt, int row, struct vt_cell *cells, unsigned ncells)
{
	const struct vt_hline *hl;
	const struct vt_line *l;
	unsigned x, n = vt_min(ncells, vt->cols);

	if (row >= 0 && (unsigned)row < vt->rows) {
		l = vt->grid->lines[row];
		for (x = 0; x < n; x++)
			vt_cell_from_grid(vt, &l->cells[x], &cells[x]);
		return (int)n;
	}
	if (row < 0 && (unsigned)-(long)row <= vt->history.n) {
		hl = vt_history_get(
		    &vt->history, vt->history.n - (unsigned)-(long)row);
		for (x = 0; x < n; x++)
			vt_hline_decode(hl, x, &cells[x]);
		return (int)n;
	}
	errno = EINVAL;
	return -1;
}

int
vt_get_cell(const struct vt *vt, int row, unsigned col, struct vt_cell *cell)
{
	if (col >= vt->cols) {
		errno = EINVAL;
		return -1;
	}
	if (row >= 0 && (unsigned)row < vt->rows) {
		vt_cell_from_grid(vt, &vt->grid->lines[row]->cells[col], cell);
		return 0;
	}
	if (row < 0 && (unsigned)-(long)row <= vt->history.n) {
		vt_hline_decode(vt_history_get(&vt->history,
				    vt->history.n - (unsigned)-(long)row),
		    col, cell);
		return 0;
	}
	errno = EINVAL;
	return -1;
}

int
vt_line_wrapped(const struct vt *vt, int row)
{
	if (row >= 0 && (unsigned)row < vt->rows)
		return vt->grid->lines[row]->wrapped != 0;
	if (row < 0 && (unsigned)-(long)row <= vt->history.n)
		return (vt_history_get(
			    &vt->history, vt->history.n - (unsigned)-(long)row)
			       ->flags &
			   VT_HLINE_WRAPPED) != 0;
	return 0;
}

uint64_t
vt_line_seq(const struct vt *vt, int row)
{
	if (row >= 0 && (unsigned)row < vt->rows)
		return vt->grid->lines[row]->seq;
	return 0;
}

unsigned
vt_line_size(const struct vt *vt, int row)
{
	if (row >= 0 && (unsigned)row < vt->rows)
		return vt->grid->lines[row]->size;
	return VT_LINE_SINGLE;
}

void
vt_cursor(const struct vt *vt, unsigned *row, unsigned *col)
{
	*row = vt->y;
	*col = vt->x;
}

int
vt_cursor_pending_wrap(const struct vt *vt)
{
	return vt->pending != 0;
}

unsigned
vt_cursor_style(const struct vt *vt)
{
	return vt->cursor_style;
}

uint32_t
vt_modes(const struct vt *vt)
{
	return vt->modes;
}

const char *
vt_title(const struct vt *vt)
{
	return vt->title;
}

uint64_t
vt_generation(const struct vt *vt)
{
	return vt->generation;
}

size_t
vt_cell_utf8(const struct vt_cell *cell, char *buf, size_t size)
{
	size_t len = 0, k;
	unsigned i;
	char enc[4];

	if (size == 0)
		return 0;
	if (cell->ch[0] == 0) {
		if (size > 1)
			buf[len++] = ' ';
		buf[len] = '\0';
		return len;
	}
	for (i = 0; i < VT_CELL_CHARS && cell->ch[i] != 0; i++) {
		k = vt_utf8_encode(cell->ch[i], enc);
		if (len + k + 1 > size)
			break;
		memcpy(buf + len, enc, k);
		len += k;
	}
	buf[len] = '\0';
	return len;
}
