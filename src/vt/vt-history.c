/*
 * vt-history.c -- the scrollback history of the normal screen: a ring of
 * compactly encoded lines, oldest first, at most `limit` of them.
 *
 * A line is one allocation: a header, a table of style runs (full struct
 * vt_style, so history never refers to the screens' interned tables), and
 * the characters: one byte a cell when every cell is a single ASCII
 * character or erased (the usual case: an 80-column log line costs about
 * 80 bytes plus 48 of header and run), else one uint32_t a cell (a code
 * point, VT_CH_MARK with an inline accent, VT_HCELL_CONT, or
 * VT_CH_CLUSTER | offset of the code points of a longer cluster, stored
 * after the cells, count first). Trailing erased cells with the default
 * style are not stored. Lines are encoded when they enter the history;
 * the evicted oldest line's memory is reused. Must not refer to the
 * screens' style or cluster tables, which are compacted independently.
 */
#include <stdlib.h>
#include <string.h>

#include "vt-private.h"

static inline uint32_t *
vt_hline_cells32(const struct vt_hline *hl)
{
	return (uint32_t *)(uintptr_t)&hl->runs[hl->nruns];
}

static inline uint8_t *
vt_hline_bytes(const struct vt_hline *hl)
{
	return (uint8_t *)(uintptr_t)&hl->runs[hl->nruns];
}

/* The code points of a cell with marks (0-terminated within
   VT_CELL_CHARS): the pool's entry, or tmp filled for an inline mark. */
static inline const uint32_t *
vt_hline_cps(const struct vt *vt, uint32_t ch, uint32_t tmp[3])
{
	if (ch & VT_CH_CLUSTER)
		return vt->clusters.v[ch & ~VT_CH_CLUSTER];
	tmp[0] = VT_CH_BASE(ch);
	tmp[1] = VT_CH_MARK_CP(ch);
	tmp[2] = 0;
	return tmp;
}

/*
 * The common case, fast: n > 0 cells of one style, each a single ASCII
 * character or erased. One branch-free pass copies the characters into
 * the line's memory while checking the line is of that kind. Returns NULL
 * if it is not; *reuse is then memory the general path may reuse.
 */
static struct vt_hline *
vt_hline_encode_simple(struct vt *vt, const struct vt_line *line, unsigned n,
    struct vt_hline **reuse)
{
	const struct vt_gcell *c = line->cells;
	struct vt_hline *hl = *reuse;
	uint32_t orch = 0, orw = 0, ors = 0, style = c[0].style;
	size_t size;
	uint8_t *bytes;
	unsigned x;

	size = sizeof *hl + sizeof hl->runs[0] + n;
	if (hl == NULL || hl->size < size || hl->size > size * 2 + 64) {
		free(hl);
		hl = *reuse = vt_xmalloc(size);
		hl->size = size;
	}
	bytes = (uint8_t *)&hl->runs[1];
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	{
		/* Whole cells as words: one must differ from the first
		   cell's style, width 1 and flags 0 only in the low 7 bits
		   (the character). */
		typedef uint64_t __attribute__((__may_alias__)) vt_word;
		const vt_word *w = (const vt_word *)(const void *)c;
		struct vt_gcell ref = { 0, (uint16_t)style, 1, 0 };
		uint64_t r, bad = 0;

		memcpy(&r, &ref, sizeof r);
		for (x = 0; x < n; x++) {
			bad |= (w[x] ^ r) & ~(uint64_t)0x7f;
			bytes[x] = (uint8_t)w[x];
		}
		orw = bad != 0;
	}
#else
	for (x = 0; x < n; x++) {
		orch |= c[x].ch;
		orw |= c[x].width ^ 1u;
		ors |= c[x].style ^ style;
		bytes[x] = (uint8_t)c[x].ch;
	}
#endif
	if (orch >= 0x80 || orw != 0 || ors != 0)
		return NULL;
	hl->ncells = (uint16_t)n;
	hl->nruns = 1;
	hl->flags = (line->wrapped ? VT_HLINE_WRAPPED : 0) | VT_HLINE_ASCII;
	memset(hl->pad, 0, sizeof hl->pad);
	hl->nextra = 0;
	hl->runs[0].style = vt->styles.v[style];
	hl->runs[0].start = 0;
	hl->runs[0].pad = 0;
	return hl;
}

/*
 * Encode the first cols cells of a screen line. reuse, if not NULL, is a
 * line whose memory may be reused (or freed). Returns the new line.
 */
struct vt_hline *
vt_hline_encode(struct vt *vt, const struct vt_line *line, unsigned cols,
    struct vt_hline *reuse)
{
	const struct vt_gcell *c = line->cells;
	const uint32_t *cl;
	struct vt_hline *hl;
	unsigned n = cols, x, r, nruns = 0, ascii, k, np = 0, i;
	uint32_t nextra = 0, prev = 0xffffffffu, *cells = NULL, *extra = NULL;
	uint32_t orch = 0, orw = 0;
	uint16_t pos[VT_MAX_DIM];
	uint32_t tmp[3];
	size_t size;
	uint8_t *bytes = NULL;

	/* Trailing blanks go, but not on a soft-wrapped line: there they
	   are text (a tab's gap) that a reflow must join back. */
	while (!line->wrapped && n > 0 && c[n - 1].ch == 0 &&
	    c[n - 1].style == 0 && c[n - 1].width == 1)
		n--;
	/* The plain case first, unless a glance says it is not plain. */
	if (n > 0 && c[0].ch < 0x80 && c[0].width == 1 && c[n / 2].ch < 0x80 &&
	    c[n / 2].width == 1 && c[n / 2].style == c[0].style &&
	    (hl = vt_hline_encode_simple(vt, line, n, &reuse)) != NULL)
		return hl;
	/* Branch-free where the data is unpredictable (mixed text): the
	   kinds of cells are OR-ed together, clusters and runs counted. */
	for (x = 0; x < n; x++) {
		orch |= c[x].ch;
		orw |= c[x].width ^ 1u;
		np += c[x].ch >> 31; /* a pool cluster (inline marks stay) */
		nruns += c[x].style != prev;
		prev = c[x].style;
	}
	if (np > 0) {
		for (x = 0, i = 0; x < n; x++) {
			if (c[x].ch & VT_CH_CLUSTER)
				pos[i++] = (uint16_t)x;
		}
	}
	ascii = orch < 0x80 && orw == 0;
	for (i = 0; i < np; i++) {
		cl = vt_hline_cps(vt, c[pos[i]].ch, tmp);
		for (k = 1; k < VT_CELL_CHARS && cl[k]; k++)
			;
		nextra += k + 1;
	}
	size = sizeof *hl + nruns * sizeof hl->runs[0];
	if (ascii)
		size += n;
	else
		size += ((size_t)n + nextra) * sizeof(uint32_t);
	if (reuse != NULL && reuse->size >= size &&
	    reuse->size <= size * 2 + 256)
		hl = reuse;
	else {
		free(reuse);
		hl = vt_xmalloc(size);
		hl->size = size;
	}
	hl->ncells = (uint16_t)n;
	hl->nruns = (uint16_t)nruns;
	hl->flags = (line->wrapped ? VT_HLINE_WRAPPED : 0) |
	    (ascii ? VT_HLINE_ASCII : 0);
	memset(hl->pad, 0, sizeof hl->pad);
	hl->nextra = nextra;
	if (ascii)
		bytes = vt_hline_bytes(hl);
	else {
		cells = vt_hline_cells32(hl);
		extra = cells + n;
	}
	if (nruns == 1) { /* one style: no need to look for changes */
		hl->runs[0].style = vt->styles.v[c[0].style];
		hl->runs[0].start = 0;
		hl->runs[0].pad = 0;
	} else {
		prev = 0xffffffffu;
		for (x = 0, r = 0; x < n; x++) {
			if (c[x].style != prev) {
				hl->runs[r].style = vt->styles.v[c[x].style];
				hl->runs[r].start = (uint16_t)x;
				hl->runs[r].pad = 0;
				r++;
				prev = c[x].style;
			}
		}
	}
	if (ascii) {
		for (x = 0; x < n; x++)
			bytes[x] = (uint8_t)c[x].ch;
		return hl;
	}
	for (x = 0; x < n; x++)
		cells[x] = c[x].width == 0 ? VT_HCELL_CONT : c[x].ch;
	nextra = 0;
	for (i = 0; i < np; i++) {
		cl = vt_hline_cps(vt, c[pos[i]].ch, tmp);
		cells[pos[i]] = VT_CH_CLUSTER | nextra;
		for (k = 0; k < VT_CELL_CHARS && cl[k]; k++)
			extra[nextra + 1 + k] = cl[k];
		extra[nextra] = k;
		nextra += k + 1;
	}
	return hl;
}

/* The run holding cell col: the last run starting at or before it. */
static const struct vt_hrun *
vt_hline_run(const struct vt_hline *hl, unsigned col)
{
	unsigned lo = 0, hi = hl->nruns, mid;

	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if (hl->runs[mid].start <= col)
			lo = mid;
		else
			hi = mid;
	}
	return &hl->runs[lo];
}

/* Cell col of a history line, as the API hands it out. */
void
vt_hline_decode(const struct vt_hline *hl, unsigned col, struct vt_cell *cell)
{
	uint32_t v, *extra;
	unsigned k;

	memset(cell, 0, sizeof *cell);
	cell->width = 1;
	if (col >= hl->ncells)
		return;
	cell->style = vt_hline_run(hl, col)->style;
	if (hl->flags & VT_HLINE_ASCII) {
		cell->ch[0] = vt_hline_bytes(hl)[col];
		return;
	}
	v = vt_hline_cells32(hl)[col];
	if (v == VT_HCELL_CONT) {
		cell->width = 0;
		return;
	}
	if (v & VT_CH_CLUSTER) {
		extra =
		    vt_hline_cells32(hl) + hl->ncells + (v & ~VT_CH_CLUSTER);
		for (k = 0; k < extra[0] && k < VT_CELL_CHARS; k++)
			cell->ch[k] = extra[1 + k];
		v = cell->ch[0];
	} else if (v & VT_CH_MARK) {
		cell->ch[0] = VT_CH_BASE(v);
		cell->ch[1] = VT_CH_MARK_CP(v);
	} else
		cell->ch[0] = v;
	if (col + 1 < hl->ncells &&
	    vt_hline_cells32(hl)[col + 1] == VT_HCELL_CONT)
		cell->width = 2;
	(void)v;
}

/* Write a history line back into a screen line of cols cells (interning
   its styles and clusters); cells beyond are erased. */
void
vt_hline_to_line(
    struct vt *vt, const struct vt_hline *hl, struct vt_line *l, unsigned cols)
{
	struct vt_cell cell;
	unsigned x, k, n = vt_min(hl->ncells, cols);
	uint16_t style = 0;
	const struct vt_hrun *run, *last = NULL;

	vt_line_clear(l, 0, cols, 0);
	for (x = 0; x < n; x++) {
		vt_hline_decode(hl, x, &cell);
		run = vt_hline_run(hl, x);
		if (run != last) {
			style = vt_style_intern(vt, &run->style);
			last = run;
		}
		l->cells[x].style = style;
		l->cells[x].width = cell.width;
		l->cells[x].ch = cell.ch[0];
		for (k = 1; k < VT_CELL_CHARS && cell.ch[k]; k++)
			l->cells[x].ch =
			    vt_cluster_add(vt, l->cells[x].ch, cell.ch[k]);
	}
	vt_line_fix_wide(l, cols); /* a wide character cut at the edge */
	l->wrapped = (hl->flags & VT_HLINE_WRAPPED) && hl->ncells <= cols;
}

/* Line i of the history, 0 the oldest. */
const struct vt_hline *
vt_history_get(const struct vt_history *h, unsigned i)
{
	return h->lines[(h->head + i) % h->cap];
}

/* Append an encoded line; the caller made room (n < limit). */
void
vt_history_append(struct vt_history *h, struct vt_hline *hl)
{
	struct vt_hline **lines;
	unsigned i, cap;

	if (h->n == h->cap) {
		cap = h->cap ? h->cap * 2 : 64;
		lines = vt_xcalloc(cap, sizeof *lines);
		for (i = 0; i < h->n; i++)
			lines[i] = h->lines[(h->head + i) % h->cap];
		free(h->lines);
		h->lines = lines;
		h->cap = cap;
		h->head = 0;
	}
	h->lines[(h->head + h->n) % h->cap] = hl;
	h->n++;
}

/* A line leaves the top of the screen. */
void
vt_history_push(struct vt *vt, struct vt_line *line)
{
	struct vt_history *h = &vt->history;
	struct vt_hline *old;

	if (h->limit == 0)
		return;
	old = NULL;
	if (h->n >= h->limit) {
		/* Evict the oldest line; its memory is reused. It was last
		   touched `limit` lines ago: fetch it into the cache a few
		   pushes ahead, in two stages (the header first, to learn the
		   size; the rest later). Hints only. */
		if (h->n > 8) {
			const char *p8 =
			    (const char *)h->lines[(h->head + 8) % h->cap];
			const struct vt_hline *p4 =
			    h->lines[(h->head + 4) % h->cap];
			size_t off;

			__builtin_prefetch(p8, 1);
			for (off = 64; off < p4->size && off < 1024; off += 64)
				__builtin_prefetch((const char *)p4 + off, 1);
		}
		old = h->lines[h->head];
		h->head = (h->head + 1) % h->cap;
		h->n--;
		h->dropped++;
	}
	vt_history_append(h, vt_hline_encode(vt, line, vt->cols, old));
}

/* Remove and return the newest line (the caller frees it), or NULL. */
struct vt_hline *
vt_history_pop_newest(struct vt_history *h)
{
	if (h->n == 0)
		return NULL;
	h->n--;
	return h->lines[(h->head + h->n) % h->cap];
}

/* Keep at most limit lines (the newest), and set the limit. */
void
vt_history_trim(struct vt_history *h, unsigned limit)
{
	while (h->n > limit) {
		free(h->lines[h->head]);
		h->head = (h->head + 1) % h->cap;
		h->n--;
		h->dropped++;
	}
	h->limit = limit;
}

void
vt_history_clear(struct vt_history *h)
{
	unsigned limit = h->limit;

	vt_history_trim(h, 0);
	h->limit = limit;
	h->head = 0;
}
