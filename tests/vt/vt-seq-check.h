/*
 * vt-seq-check.h -- checks vt_line_seq()'s promise from the outside, for
 * the script tests and the emulator's fuzzer: a visible row whose number
 * did not change between two looks shows exactly what it showed before
 * (cells, soft wrap, line size). Uses src/vt/vt.h only.
 */
#ifndef ROOST_VT_SEQ_CHECK_H
#define ROOST_VT_SEQ_CHECK_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vt/vt.h"

/* What the rows showed at the last look; all zero: no look yet. */
struct vt_seq_snap {
	unsigned rows, cols;
	uint64_t *seq;		/* rows numbers */
	struct vt_cell *cells;	/* rows x cols */
	unsigned char *wrapped; /* rows */
	unsigned char *size;	/* rows */
};

static inline void
vt_seq_snap_free(struct vt_seq_snap *s)
{
	free(s->seq);
	free(s->cells);
	free(s->wrapped);
	free(s->size);
	memset(s, 0, sizeof *s);
}

/*
 * Look at vt's visible rows: returns the first row (0-based) whose number
 * is the one of the last look while its contents differ, or -1 if none
 * does (or the size changed, or there was no last look). The look becomes
 * the last one. Aborts if out of memory.
 */
static inline int
vt_seq_snap_check(struct vt_seq_snap *s, const struct vt *vt)
{
	unsigned rows = vt_rows(vt), cols = vt_cols(vt), r;
	struct vt_cell *row;
	int bad = -1, same = rows == s->rows && cols == s->cols;

	if (!same) {
		vt_seq_snap_free(s);
		s->seq = calloc(rows, sizeof *s->seq);
		s->cells = calloc((size_t)rows * cols + 1, sizeof *s->cells);
		s->wrapped = calloc(rows, 1);
		s->size = calloc(rows, 1);
		row = calloc(cols + 1, sizeof *row);
		if (s->seq == NULL || s->cells == NULL || s->wrapped == NULL ||
		    s->size == NULL || row == NULL)
			abort();
		s->rows = rows;
		s->cols = cols;
	} else if ((row = calloc(cols + 1, sizeof *row)) == NULL)
		abort();
	for (r = 0; r < rows; r++) {
		struct vt_cell *old = s->cells + (size_t)r * cols;
		uint64_t seq = vt_line_seq(vt, (int)r);
		unsigned char wrapped =
		    (unsigned char)vt_line_wrapped(vt, (int)r);
		unsigned char size = (unsigned char)vt_line_size(vt, (int)r);

		if (vt_get_line(vt, (int)r, row, cols) != (int)cols)
			abort();
		if (same && bad == -1 && seq == s->seq[r] &&
		    (memcmp(row, old, cols * sizeof *row) != 0 ||
			wrapped != s->wrapped[r] || size != s->size[r]))
			bad = (int)r;
		memcpy(old, row, cols * sizeof *row);
		s->seq[r] = seq;
		s->wrapped[r] = wrapped;
		s->size[r] = size;
	}
	free(row);
	return bad;
}

#endif /* ROOST_VT_SEQ_CHECK_H */
