/*
 * vt-screen.c -- the screen operations control functions are made of:
 * writing characters (with autowrap, wide characters and combining
 * marks), moving the cursor, scrolling inside the margins (lines leaving
 * the top of the whole-screen region of the normal screen go to the
 * history), erasing, inserting and deleting cells, lines and columns.
 * It does not parse anything and does not know sequence syntax; the
 * control functions in vt-csi.c and vt-esc.c decide what to call.
 *
 * Behaviour follows xterm (ctlseqs and its documented VT100/VT420 rules):
 * the cursor sits on the last column with a pending wrap after writing
 * there; scrolled-in and erased cells take the pen's colours.
 */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "vt-private.h"

/* Row y's line, to read; VT_LINE_W: to change (vt_line_touch()). */
#define VT_LINE(vt, y)	 ((vt)->grid->lines[(y)])
#define VT_LINE_W(vt, y) vt_line_touch((vt), (vt)->grid->lines[(y)])

/* Blank a cell in place, keeping its style (used to clear orphaned halves
   of wide characters). */
static inline void
vt_screen_blank(struct vt_gcell *c)
{
	c->ch = 0;
	c->width = 1;
}

static void
vt_screen_fix_line(struct vt *vt, struct vt_line *l)
{
	vt_line_fix_wide(l, vt->cols);
}

/* Is the cursor inside the left and right margins? */
static inline int
vt_screen_in_lr(const struct vt *vt)
{
	return vt->x >= vt->left && vt->x <= vt->right;
}

/* Is row y inside the top and bottom margins? */
static inline int
vt_screen_in_tb(const struct vt *vt, unsigned y)
{
	return y >= vt->top && y <= vt->bottom;
}

/* Does the scroll region cover the whole width? */
static inline int
vt_screen_full_width(const struct vt *vt)
{
	return vt->left == 0 && vt->right == vt->cols - 1;
}

/* Column right, or the middle of the screen (cols / 2 - 1) if that is
   less and the cursor's line is double-width or double-height (DECDWL,
   DECDHL; xterm: such a line holds half as many cells, what passes the
   middle is lost). */
static inline unsigned
vt_screen_half(const struct vt *vt, unsigned right)
{
	if (vt->sized_lines && VT_LINE(vt, vt->y)->size != VT_LINE_SINGLE &&
	    vt->cols > 1 && right > vt->cols / 2 - 1)
		return vt->cols / 2 - 1;
	return right;
}

/* The last column text may reach: the right margin if the cursor is
   inside the margins, else the last column; at most the middle on a
   double-width line (vt_screen_half()). */
static inline unsigned
vt_screen_right(struct vt *vt)
{
	unsigned right =
	    vt_screen_half(vt, vt->x <= vt->right ? vt->right : vt->cols - 1);

	if (vt->x > right) {
		/* The line became double-width under the cursor. */
		vt->x = right;
		vt->pending = 0;
	}
	return right;
}

/* Width of a code point in cells (0, 1 or 2). Non-printable or unknown
   code points (wcwidth -1) take one cell, so nothing disappears. */
static int
vt_screen_width_uncached(uint32_t ch)
{
	int w = wcwidth((wchar_t)ch);

	if (w < 0)
		return 1;
	return w > 2 ? 2 : w;
}

/* The width cache (vt->widths), allocated when first needed. */
static inline const uint8_t *
vt_screen_widths(struct vt *vt)
{
	if (vt->widths == NULL) {
		vt->widths = vt_xcalloc(0x10000 / 4, 1);
		/* Below U+0300 every code point is one cell (2: width + 1). */
		memset(vt->widths, 0xaa, 0x300 / 4);
	}
	return vt->widths;
}

/* Fill the cache for the 64 code points of block blk (cp >> 6 of the
   BMP): one miss for a block rather than one for each character of it
   (text of thousands of ideographs would leave the fast path at each new
   one). */
static __attribute__((__noinline__)) void
vt_screen_width_fill(struct vt *vt, unsigned blk)
{
	uint8_t *e = (uint8_t *)vt_screen_widths(vt) + blk * 16;
	unsigned i, v;
	uint32_t ch;

	for (i = 0; i < 64; i++) {
		ch = blk * 64 + i;
		v = ch < 0x300 ? 2 : (unsigned)vt_screen_width_uncached(ch) + 1;
		e[i / 4] = (uint8_t)((e[i / 4] & ~(3u << (i % 4 * 2))) |
		    v << (i % 4 * 2));
	}
}

/* The cached width of BMP code point ch >= 0x300, filling its block if
   needed. */
static inline unsigned
vt_screen_width_bmp(struct vt *vt, const uint8_t *widths, uint32_t ch)
{
	unsigned shift = (ch & 3) * 2, v = (widths[ch >> 2] >> shift) & 3;

	if (v == 0) {
		vt_screen_width_fill(vt, ch >> 6);
		v = (widths[ch >> 2] >> shift) & 3;
	}
	return v - 1;
}

static inline int
vt_screen_width(struct vt *vt, uint32_t ch)
{
	if (ch < 0x300)
		return 1;
	if (ch > 0xffff)
		return vt_screen_width_uncached(ch);
	return (int)vt_screen_width_bmp(vt, vt_screen_widths(vt), ch);
}

/* DEC Special Graphics (VT100 line drawing), 0x5f..0x7e, as Unicode. */
static const uint16_t vt_screen_dec_graphics[32] = {
	0x00a0,
	0x25c6,
	0x2592,
	0x2409,
	0x240c,
	0x240d,
	0x240a,
	0x00b0,
	0x00b1,
	0x2424,
	0x240b,
	0x2518,
	0x2510,
	0x250c,
	0x2514,
	0x253c,
	0x23ba,
	0x23bb,
	0x2500,
	0x23bc,
	0x23bd,
	0x251c,
	0x2524,
	0x2534,
	0x252c,
	0x2502,
	0x2264,
	0x2265,
	0x03c0,
	0x2260,
	0x00a3,
	0x00b7,
};

/* Map a GL character through the invoked (or single-shifted) set. */
static uint32_t
vt_screen_charset_map(struct vt *vt, uint32_t ch)
{
	uint8_t set = vt->charset[vt->ss ? vt->ss : vt->gl];

	vt->ss = 0;
	switch (set) {
	case VT_CHARSET_DEC_GRAPHICS:
		if (ch >= 0x5f && ch <= 0x7e)
			return vt_screen_dec_graphics[ch - 0x5f];
		break;
	case VT_CHARSET_UK:
		if (ch == '#')
			return 0xa3; /* pound sign */
		break;
	}
	return ch;
}

/* Wrap to the start of the next line (autowrap): the current line is
   marked soft-wrapped. */
static void
vt_screen_wrap(struct vt *vt)
{
	VT_LINE_W(vt, vt->y)->wrapped = 1;
	vt->pending = 0;
	if (vt->y == vt->bottom)
		vt_screen_scroll_up(vt, 1);
	else if (vt->y < vt->rows - 1)
		vt->y++;
	vt->x = vt->left;
}

/* The cell a zero-width character written at column x of line l goes
   onto: the character before (the leading half of a wide one), or NULL
   if there is none. */
static inline struct vt_gcell *
vt_screen_mark_cell(struct vt_line *l, unsigned x)
{
	struct vt_gcell *c;

	if (x == 0)
		return NULL;
	c = &l->cells[x - 1];
	if (c->width == 0 && x > 1)
		c--;
	return c->ch == 0 ? NULL : c;
}

/* Append a zero-width character to the cell at c (not erased): a single
   accent goes into the cell itself, anything else to the cluster pool. */
static inline void
vt_screen_add_mark(struct vt *vt, struct vt_gcell *c, uint32_t ch)
{
	if (vt->nlast_marks < VT_CELL_CHARS - 1)
		vt->last_marks[vt->nlast_marks++] = ch;
	if ((c->ch & (VT_CH_CLUSTER | VT_CH_MARK)) == 0 && ch >= 0x300 &&
	    ch < 0x500)
		c->ch = VT_CH_WITH_MARK(c->ch, ch);
	else
		c->ch = vt_cluster_add(vt, c->ch, ch);
}

/* Attach a zero-width character (combining mark, variation selector,
   ZWJ) to the character before the cursor. */
static void
vt_screen_combine(struct vt *vt, uint32_t ch)
{
	struct vt_line *l = VT_LINE_W(vt, vt->y);
	struct vt_gcell *c;

	/* With a wrap pending, the cursor's own cell is the last one. */
	c = vt_screen_mark_cell(l, vt->pending ? vt->x + 1 : vt->x);
	if (c != NULL)
		vt_screen_add_mark(vt, c, ch);
}

/* Shift cells [x, right] of row y right by n, blanking [x, x+n). */
static void
vt_screen_shift_cells_right(struct vt *vt, unsigned y, unsigned x,
    unsigned right, unsigned n, uint16_t style)
{
	struct vt_line *l = VT_LINE_W(vt, y);

	if (x > right)
		return;
	if (n > right - x + 1)
		n = right - x + 1;
	memmove(&l->cells[x + n], &l->cells[x],
	    (right - x + 1 - n) * sizeof l->cells[0]);
	vt_line_clear(l, x, x + n, style);
	vt_screen_fix_line(vt, l);
}

/* Shift cells [x+n, right] of row y left to x, blanking the last n. */
static void
vt_screen_shift_cells_left(struct vt *vt, unsigned y, unsigned x,
    unsigned right, unsigned n, uint16_t style)
{
	struct vt_line *l = VT_LINE_W(vt, y);

	if (x > right)
		return;
	if (n > right - x + 1)
		n = right - x + 1;
	memmove(&l->cells[x], &l->cells[x + n],
	    (right - x + 1 - n) * sizeof l->cells[0]);
	vt_line_clear(l, right + 1 - n, right + 1, style);
	vt_screen_fix_line(vt, l);
}

void
vt_screen_print(struct vt *vt, uint32_t ch)
{
	struct vt_line *l;
	struct vt_gcell *c;
	unsigned right, w;
	int autowrap = (vt->modes & VT_MODE_AUTOWRAP) != 0;

	if (ch < 0x80)
		ch = vt_screen_charset_map(vt, ch);
	else
		vt->ss = 0;
	w = (unsigned)vt_screen_width(vt, ch);
	if (w == 0) {
		vt_screen_combine(vt, ch);
		return;
	}
	if (vt->pending && autowrap)
		vt_screen_wrap(vt);
	vt->pending = 0;
	right = vt_screen_right(vt);
	if (w == 2 && vt->x + 1 > right) {
		/* A wide character that does not fit: wrap (xterm), or
		   overwrite the last two columns without autowrap. */
		if (vt->x == 0 || (!autowrap && right == 0))
			return; /* can never fit */
		if (autowrap)
			vt_screen_wrap(vt);
		else
			vt->x = right - 1;
		right = vt_screen_right(vt);
		if (vt->x + 1 > right)
			return;
	}
	if (vt->modes & VT_MODE_INSERT)
		vt_screen_shift_cells_right(
		    vt, vt->y, vt->x, right, w, vt_erase_id(vt));
	l = VT_LINE_W(vt, vt->y);
	c = &l->cells[vt->x];
	if (c->width == 0 && vt->x > 0)
		vt_screen_blank(c - 1);
	if (vt->x + w < vt->cols && c[w].width == 0)
		vt_screen_blank(&c[w]);
	c[0].ch = ch;
	c[0].style = vt->pen_id;
	c[0].width = (uint8_t)w;
	if (w == 2) {
		c[1].ch = 0;
		c[1].style = vt->pen_id;
		c[1].width = 0;
	}
	vt->last_ch = ch;
	vt->nlast_marks = 0;
	if (vt->x + w > right) {
		vt->x = right;
		vt->pending = autowrap;
	} else
		vt->x += w;
}

/* Store one cell: a single 8-byte store where the layout allows. */
static inline void
vt_screen_put(struct vt_gcell *c, uint32_t ch, uint16_t style, unsigned w)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t v = ch | (uint64_t)style << 32 | (uint64_t)w << 48;

	memcpy(c, &v, sizeof v);
#else
	*c = (struct vt_gcell){ ch, style, (uint8_t)w, 0 };
#endif
}

/*
 * Print n characters (>= U+00A0, or printable ASCII): the path for UTF-8
 * text. The common case (no wrap due, no insert mode, no double-width
 * line, no character set but ASCII invoked) is done here, one line segment
 * at a time with the line, column, margin and pen in registers; anything
 * else (a wrap, a wide character that does not fit) goes through
 * vt_screen_print(), which does the same as this for one character.
 */
void
vt_screen_print_run(struct vt *vt, const uint32_t *run, unsigned n)
{
	struct vt_line *l;
	struct vt_gcell *c;
	unsigned i = 0, w, x, xe, right, cols = vt->cols, last = n, reset;
	const uint8_t *widths;
	uint16_t pen;
	uint32_t ch;

	if ((vt->modes & VT_MODE_INSERT) || vt->sized_lines || vt->ss ||
	    vt->charset[vt->gl] != VT_CHARSET_ASCII) {
		for (; i < n; i++) {
			ch = run[i];
			if (ch >= 0x80 && vt_screen_width(vt, ch) == 0) {
				vt->ss = 0;
				vt_screen_combine(vt, ch);
			} else
				vt_screen_print(vt, ch);
		}
		return;
	}
	widths = vt_screen_widths(vt);
	while (i < n) {
		if (vt->pending) {
			/* A wrap first (or, without autowrap, the last
			   column again): the general path. */
			ch = run[i++];
			if (ch >= 0x80 && vt_screen_width(vt, ch) == 0)
				vt_screen_combine(vt, ch);
			else
				vt_screen_print(vt, ch);
			continue;
		}
		x = vt->x;
		right = x <= vt->right ? vt->right : cols - 1;
		l = VT_LINE_W(vt, vt->y);
		pen = vt->pen_id;
		last = reset = n;
		xe = 0; /* nothing written yet on this segment */
		for (; i < n; i++) {
			ch = run[i];
			if (ch < 0x300)
				w = 1;
			else if (ch <= 0xffff) {
				unsigned shift = (ch & 3) * 2;

				w = (widths[ch >> 2] >> shift) & 3;
				if (w-- == 0)
					w = (unsigned)vt_screen_width(vt, ch);
			} else
				w = (unsigned)vt_screen_width_uncached(ch);
			if (w == 0) {
				/* A mark: onto the character before. */
				if ((c = vt_screen_mark_cell(l, x)) == NULL)
					continue;
				if (reset != last) {
					/* The marks of REP's character. */
					vt->nlast_marks = 0;
					reset = last;
				}
				vt_screen_add_mark(vt, c, ch);
				continue;
			}
			if (x + w - 1 > right)
				break; /* a wide character that does not fit */
			c = &l->cells[x];
			/* A wide character cut in half by the first cell
			   written is repaired here, and by the last one
			   after the loop; cells in between are overwritten. */
			if (xe == 0 && c->width == 0 && x > 0)
				vt_screen_blank(c - 1);
			vt_screen_put(c, ch, pen, w);
			if (w == 2)
				vt_screen_put(c + 1, 0, pen, 0);
			last = i;
			x += w;
			xe = x;
			if (x > right) {
				x = right;
				vt->pending =
				    (vt->modes & VT_MODE_AUTOWRAP) != 0;
				i++;
				break;
			}
		}
		if (xe > 0 && xe < cols && l->cells[xe].width == 0)
			vt_screen_blank(&l->cells[xe]);
		vt->x = x;
		if (last != n)
			vt->last_ch = run[last]; /* for REP */
		if (reset != last)
			vt->nlast_marks = 0;
		if (i < n && !vt->pending)
			vt_screen_print(vt, run[i++]); /* it wraps */
	}
}

/* The four bytes at s as a little-endian word (the first in the low
   bits), whatever the machine. */
static inline uint32_t
vt_screen_load4(const uint8_t *s)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint32_t v;

	memcpy(&v, s, sizeof v);
	return v;
#else
	return (uint32_t)s[0] | (uint32_t)s[1] << 8 | (uint32_t)s[2] << 16 |
	    (uint32_t)s[3] << 24;
#endif
}

/*
 * Decode and print the UTF-8 text at s (before end) in one pass, as far as
 * the simple case goes: well-formed 2- and 3-byte characters and printable
 * ASCII (what the parser's run decoder takes), no wrap due, insert mode,
 * line size or character set other than ASCII, each character fitting
 * before the margin, at least four bytes left in the buffer. Returns the
 * first byte not taken (s itself if none was): the caller goes on with
 * its general path from there. One pass means the branch on a character's
 * length also predicts its width (text mixing 1-, 2- and 3-byte
 * characters).
 *
 * What keeps it short, and its branches few (text mixing wide and narrow
 * characters and marks defeats branch prediction): a character's length
 * is found by masked compares of a word of four bytes; its width by one
 * read of the cache, which covers every code point below U+0300 and is
 * filled a block at a time on a miss (no leaving the loop for it); a
 * character is two stores whatever its width (the second, for a narrow
 * one, writes back the cell that was there, which the next character
 * overwrites); a mark after a character printed here goes onto that cell
 * without looking for it; the cell before the first one written is
 * repaired after the loop (nothing else writes there); and the calls (a
 * mark for the cluster pool, a block to fill) leave the inner loop, so
 * that its values stay in registers.
 */
const uint8_t *
vt_screen_print_utf8(struct vt *vt, const uint8_t *s, const uint8_t *end)
{
	const uint8_t *widths;
	struct vt_line *l;
	struct vt_gcell *c, *cr, *m = NULL, *prev = NULL;
	unsigned x = vt->x, w = 0, len, e, nm, cut;
	uint32_t v, ch;
	uint64_t c1, pen;
	uintptr_t lim = (uintptr_t)end - 3; /* s below: 4 bytes left */

	if (vt->pending || (vt->modes & VT_MODE_INSERT) || vt->sized_lines ||
	    vt->ss || vt->charset[vt->gl] != VT_CHARSET_ASCII || end - s < 4)
		return s;
	widths = vt_screen_widths(vt);
	l = VT_LINE_W(vt, vt->y);
	c = &l->cells[x];
	cr = &l->cells[x <= vt->right ? vt->right : vt->cols - 1];
	/* The first cell written cuts a wide character in half. */
	cut = x > 0 && c->width == 0;
	nm = vt->nlast_marks;
	pen = (uint64_t)vt->pen_id << 32; /* a right half of the pen */
	for (;;) {
		while ((uintptr_t)s < lim) {
			v = vt_screen_load4(s);
			if ((v & 0xc0c0f0) == 0x8080e0) {
				/* 1110xxxx 10xxxxxx 10xxxxxx */
				ch = (v & 0x0f) << 12 | (v & 0x3f00) >> 2 |
				    (v >> 16 & 0x3f);
				if (ch < 0x800 || ch - 0xd800 < 0x800)
					goto done; /* overlong, surrogate */
				len = 3;
				e = (widths[ch >> 2] >> ((ch & 3) * 2)) & 3;
			} else if ((v & 0x80) == 0) {
				ch = v & 0xff;
				if (ch - 0x20 >= 0x5f)
					goto done; /* a control */
				len = 1;
				e = 2; /* one cell */
			} else if ((v & 0xc0e0) == 0x80c0) {
				/* 110xxxxx 10xxxxxx */
				ch = (v & 0x1f) << 6 | (v >> 8 & 0x3f);
				if (ch < 0xa0)
					goto done; /* overlong, or C1 */
				len = 2;
				e = (widths[ch >> 2] >> ((ch & 3) * 2)) & 3;
			} else
				goto done;
			if (e == 0)
				goto fill; /* not cached yet */
			if (e == 1) {
				/* A mark: onto the character before, the last
				   one printed if there is one. */
				s += len;
				m = prev;
				if (m == NULL &&
				    (m = vt_screen_mark_cell(
					 l, (unsigned)(c - l->cells))) == NULL)
					continue;
				if (nm < VT_CELL_CHARS - 1)
					vt->last_marks[nm++] = ch;
				if ((m->ch & (VT_CH_CLUSTER | VT_CH_MARK)) !=
					0 ||
				    ch - 0x300 >= 0x200)
					goto pool;
				m->ch = VT_CH_WITH_MARK(m->ch, ch);
				continue;
			}
			w = e - 1;
			if (c + w > cr)
				break; /* the last columns */
			memcpy(&c1, c + 1, sizeof c1);
			vt_screen_put(c, ch, (uint16_t)(pen >> 32), w);
			c1 = w == 2 ? pen : c1;
			memcpy(c + 1, &c1, sizeof c1);
			prev = c;
			nm = 0;
			s += len;
			c += w;
		}
		if ((uintptr_t)s >= lim || c + w - 1 > cr)
			goto done; /* or a wide character that does not fit */
		/* The last column (two for a wide character). */
		vt_screen_put(c, ch, (uint16_t)(pen >> 32), w);
		if (w == 2)
			vt_screen_put(c + 1, 0, (uint16_t)(pen >> 32), 0);
		prev = c;
		nm = 0;
		s += len;
		c = cr;
		vt->pending = (vt->modes & VT_MODE_AUTOWRAP) != 0;
		goto done;
	pool:
		m->ch = vt_cluster_add_fast(vt, m->ch, ch);
		continue;
	fill:
		vt_screen_width_fill(vt, ch >> 6);
		/* Again, the block known. */
	}
done:
	if (prev != NULL) {
		/* A wide character cut in half by the first cell or the
		   last one written. */
		unsigned xe = (unsigned)(prev - l->cells) + prev->width;

		if (cut)
			vt_screen_blank(&l->cells[x - 1]);
		if (xe < vt->cols && l->cells[xe].width == 0)
			vt_screen_blank(&l->cells[xe]);
		/* For REP: the character, without the marks it took. */
		vt->last_ch = prev->ch & VT_CH_CLUSTER
		    ? vt->clusters.v[prev->ch & ~VT_CH_CLUSTER][0]
		    : VT_CH_BASE(prev->ch);
	}
	vt->x = (unsigned)(c - l->cells);
	vt->nlast_marks = (uint8_t)nm;
	return s;
}

/* Word tests on eight bytes: some byte is < n, or > n (n <= 127). */
#define VT_ONES		 0x0101010101010101ull
#define VT_HASLESS(x, n) (((x)-VT_ONES * (n)) & ~(x)&VT_ONES * 0x80)
#define VT_HASMORE(x, n) \
	((((x) + VT_ONES * (127 - (n))) | (x)) & VT_ONES * 0x80)

static inline int
vt_screen_printable(uint8_t b)
{
	return (unsigned)(b - 0x20) < 0x5f;
}

/* The last of the printable bytes s[0..n-1] goes to the last column
   (autowrap off: each overwrites the one before); returns the run length. */
static size_t
vt_screen_print_nowrap(struct vt *vt, const uint8_t *s, size_t n)
{
	size_t j = 0;

	while (j < n && vt_screen_printable(s[j]))
		j++;
	if (j > 0) {
		vt->pending = 0;
		vt_screen_print(vt, s[j - 1]);
	}
	return j;
}

/*
 * Write the run of printable ASCII (0x20..0x7e) at the start of s[0..n-1]
 * and return its length: the fast path for plain text. Each line segment
 * is one loop of 8-byte cell stores that also finds the end of the run, so
 * the input is read once.
 */
static size_t vt_screen_print_ascii_run(
    struct vt *vt, const uint8_t *s, size_t n);

size_t
vt_screen_print_ascii(struct vt *vt, const uint8_t *s, size_t n)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	unsigned x = vt->x, right, j;
	uint64_t b, m, v;
	struct vt_gcell *c;

	/* Fast path, in few registers: a word of fewer than eight
	   characters (the most frequent run between escape sequences)
	   with room before the margin, nothing special in effect. */
	if (n < 8 || vt->pending || vt->ss || vt->sized_lines ||
	    (vt->modes & VT_MODE_INSERT) ||
	    vt->charset[vt->gl] != VT_CHARSET_ASCII)
		return vt_screen_print_ascii_run(vt, s, n);
	right = x <= vt->right ? vt->right : vt->cols - 1;
	memcpy(&b, s, sizeof b);
	m = VT_HASLESS(b, 0x20) | VT_HASMORE(b, 0x7e);
	if (right - x < 8 || m == 0)
		return vt_screen_print_ascii_run(vt, s, n);
	/* s[0] is printable: 1 <= j <= 7, and x + j <= right. */
	j = (unsigned)__builtin_ctzll(m) >> 3;
	c = &VT_LINE_W(vt, vt->y)->cells[x];
	if (c->width == 0 && x > 0)
		vt_screen_blank(c - 1);
	if (c[j].width == 0)
		vt_screen_blank(&c[j]);
	v = (uint64_t)vt->pen_id << 32 | (uint64_t)1 << 48;
	vt->last_ch = (uint32_t)(b >> (8 * (j - 1))) & 0xff;
	vt->nlast_marks = 0;
	vt->x = x + j;
	for (x = 0; x < j; x++, b >>= 8) {
		uint64_t cell = v | (b & 0xff);

		memcpy(&c[x], &cell, sizeof cell);
	}
	return j;
#else
	return vt_screen_print_ascii_run(vt, s, n);
#endif
}

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__SSE2__)
/* Four characters (32-bit lanes of w32) as four cells at o: each
   zero-extended to 64 bits and or-ed with the pen's blank cell. */
static inline void
vt_screen_put4(char *o, __m128i w32, __m128i pen)
{
	__m128i z = _mm_setzero_si128();

	_mm_storeu_si128((__m128i *)(void *)o,
	    _mm_or_si128(_mm_unpacklo_epi32(w32, z), pen));
	_mm_storeu_si128((__m128i *)(void *)(o + 16),
	    _mm_or_si128(_mm_unpackhi_epi32(w32, z), pen));
}
#endif

/* The general case of vt_screen_print_ascii(). */
static size_t
vt_screen_print_ascii_run(struct vt *vt, const uint8_t *s, size_t n)
{
	struct vt_gcell *c;
	unsigned right, avail, k, i;
	size_t done = 0;
	int autowrap = (vt->modes & VT_MODE_AUTOWRAP) != 0;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	typedef uint64_t __attribute__((__may_alias__)) vt_word;
	struct vt_gcell blank = { 0, vt->pen_id, 1, 0 };
	vt_word v, *p;

#define VT_SCREEN_WORD()                                      \
	do {                                                  \
		blank.style = vt->pen_id;                     \
		memcpy(&v, &blank, sizeof v);                 \
		__asm__("" : "+r"(v)); /* keep it one word */ \
	} while (0)
	VT_SCREEN_WORD();
#else
	struct vt_gcell cell = { 0, vt->pen_id, 1, 0 };
#endif

	if (vt->charset[vt->gl] != VT_CHARSET_ASCII || vt->ss != 0 ||
	    (vt->modes & VT_MODE_INSERT)) {
		while (done < n && vt_screen_printable(s[done]))
			vt_screen_print(vt, s[done++]);
		return done;
	}
	while (done < n && vt_screen_printable(s[done])) {
		if (vt->pending) {
			if (!autowrap)
				return done +
				    vt_screen_print_nowrap(
					vt, s + done, n - done);
			vt_screen_wrap(vt);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			VT_SCREEN_WORD(); /* scrolling may renumber styles */
#else
			cell.style = vt->pen_id;
#endif
		}
		right = vt_screen_right(vt);
		avail = right - vt->x + 1;
		k = n - done < avail ? (unsigned)(n - done) : avail;
		c = &VT_LINE_W(vt, vt->y)->cells[vt->x];
		if (c->width == 0 && vt->x > 0)
			vt_screen_blank(c - 1);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		p = (vt_word *)(void *)c;
		i = 0;
#ifdef __SSE2__
		/* Sixteen bytes at a time while all are printable: each
		   byte widened to a cell (zero-extended to 64 bits) and
		   or-ed with the blank cell of the pen. */
		for (; i + 16 <= k; i += 16) {
			__m128i b, z = _mm_setzero_si128(), w16;
			__m128i pen = _mm_set1_epi64x((long long)v);
			char *o = (char *)(p + i);

			b = _mm_loadu_si128((const __m128i *)(s + done + i));
			if (_mm_movemask_epi8(_mm_and_si128(
				_mm_cmpgt_epi8(b, _mm_set1_epi8(0x1f)),
				_mm_cmplt_epi8(b, _mm_set1_epi8(0x7f)))) !=
			    0xffff)
				break;
			w16 = _mm_unpacklo_epi8(b, z);
			vt_screen_put4(o, _mm_unpacklo_epi16(w16, z), pen);
			vt_screen_put4(o + 32, _mm_unpackhi_epi16(w16, z), pen);
			w16 = _mm_unpackhi_epi8(b, z);
			vt_screen_put4(o + 64, _mm_unpacklo_epi16(w16, z), pen);
			vt_screen_put4(o + 96, _mm_unpackhi_epi16(w16, z), pen);
		}
#endif
		/* Eight bytes at a time while all eight are printable (the
		   "has a byte less than / more than" word tests). */
		for (; i + 8 <= k; i += 8) {
			uint64_t b, m;
			unsigned j;

			memcpy(&b, s + done + i, sizeof b);
			m = VT_HASLESS(b, 0x20) | VT_HASMORE(b, 0x7e);
			if (m != 0) {
				/* The lowest flagged byte is exact (carries
				   and borrows only go up): the run ends
				   there, inside this word. */
				j = (unsigned)__builtin_ctzll(m) >> 3;
				for (; j > 0; j--, i++, b >>= 8)
					p[i] = v | (b & 0xff);
				goto ended;
			}
			p[i] = v | (b & 0xff);
			p[i + 1] = v | ((b >> 8) & 0xff);
			p[i + 2] = v | ((b >> 16) & 0xff);
			p[i + 3] = v | ((b >> 24) & 0xff);
			p[i + 4] = v | ((b >> 32) & 0xff);
			p[i + 5] = v | ((b >> 40) & 0xff);
			p[i + 6] = v | ((b >> 48) & 0xff);
			p[i + 7] = v | (b >> 56);
		}
		for (; i < k && vt_screen_printable(s[done + i]); i++)
			p[i] = v | s[done + i];
	ended:
#else
		for (i = 0; i < k && vt_screen_printable(s[done + i]); i++) {
			cell.ch = s[done + i];
			c[i] = cell;
		}
#endif
		if (i == 0)
			break;
		if (vt->x + i < vt->cols && c[i].width == 0)
			vt_screen_blank(&c[i]);
		vt->last_ch = s[done + i - 1];
		vt->nlast_marks = 0;
		done += i;
		if (vt->x + i > right) {
			vt->x = right;
			if (!autowrap)
				return done +
				    vt_screen_print_nowrap(
					vt, s + done, n - done);
			vt->pending = 1;
		} else
			vt->x += i;
		if (i < k)
			break;
	}
	return done;
}

/* Move lines [top, bottom margin] up by n inside the left and right
   margins; lines leaving the top of the whole normal screen go to the
   history if tohistory. */
static void
vt_screen_scroll_up_at(struct vt *vt, unsigned top, unsigned n, int tohistory)
{
	struct vt_line **lines = vt->grid->lines, *tmp[64], **save;
	unsigned bottom = vt->bottom, h = bottom - top + 1;
	unsigned i, y;

	if (n == 0)
		return;
	if (n > h)
		n = h;
	if (!vt_screen_full_width(vt)) {
		unsigned w = vt->right - vt->left + 1;

		for (y = top; y + n <= bottom; y++)
			memcpy(&lines[y]->cells[vt->left],
			    &lines[y + n]->cells[vt->left],
			    w * sizeof lines[0]->cells[0]);
		for (; y <= bottom; y++)
			vt_line_clear(
			    lines[y], vt->left, vt->right + 1, vt_erase_id(vt));
		for (y = top; y <= bottom; y++)
			vt_screen_fix_line(vt, vt_line_touch(vt, lines[y]));
		return;
	}
	if (tohistory && vt->grid == &vt->normal && top == 0 &&
	    bottom == vt->rows - 1) {
		for (i = 0; i < n; i++)
			vt_history_push(vt, lines[i]);
	}
	save = n <= 64 ? tmp : vt_xcalloc(n, sizeof *save);
	memcpy(save, &lines[top], n * sizeof *save);
	memmove(&lines[top], &lines[top + n], (h - n) * sizeof *lines);
	memcpy(&lines[bottom + 1 - n], save, n * sizeof *save);
	for (y = bottom + 1 - n; y <= bottom; y++) {
		vt_line_touch(vt, lines[y]);
		vt_line_clear(lines[y], 0, vt->cols, vt_erase_id(vt));
		lines[y]->wrapped = 0;
		lines[y]->size = VT_LINE_SINGLE;
	}
	if (save != tmp)
		free(save);
}

/* SU, and a line feed at the bottom margin. */
void
vt_screen_scroll_up(struct vt *vt, unsigned n)
{
	vt_screen_scroll_up_at(vt, vt->top, n, 1);
}

/* Move lines [top, bottom margin] down by n inside the margins. */
static void
vt_screen_scroll_down_at(struct vt *vt, unsigned top, unsigned n)
{
	struct vt_line **lines = vt->grid->lines, *tmp[64], **save;
	unsigned bottom = vt->bottom, h = bottom - top + 1;
	unsigned y;

	if (n == 0)
		return;
	if (n > h)
		n = h;
	if (!vt_screen_full_width(vt)) {
		unsigned w = vt->right - vt->left + 1;

		for (y = bottom; y >= top + n; y--)
			memcpy(&lines[y]->cells[vt->left],
			    &lines[y - n]->cells[vt->left],
			    w * sizeof lines[0]->cells[0]);
		for (y = top; y < top + n; y++)
			vt_line_clear(
			    lines[y], vt->left, vt->right + 1, vt_erase_id(vt));
		for (y = top; y <= bottom; y++)
			vt_screen_fix_line(vt, vt_line_touch(vt, lines[y]));
		return;
	}
	save = n <= 64 ? tmp : vt_xcalloc(n, sizeof *save);
	memcpy(save, &lines[bottom + 1 - n], n * sizeof *save);
	memmove(&lines[top + n], &lines[top], (h - n) * sizeof *lines);
	memcpy(&lines[top], save, n * sizeof *save);
	for (y = top; y < top + n; y++) {
		vt_line_touch(vt, lines[y]);
		vt_line_clear(lines[y], 0, vt->cols, vt_erase_id(vt));
		lines[y]->wrapped = 0;
		lines[y]->size = VT_LINE_SINGLE;
	}
	if (top > 0)
		vt_line_touch(vt, lines[top - 1])->wrapped = 0;
	if (save != tmp)
		free(save);
}

/* SD, and RI at the top margin. */
void
vt_screen_scroll_down(struct vt *vt, unsigned n)
{
	vt_screen_scroll_down_at(vt, vt->top, n);
}

/* IND / LF: down one line, scrolling at the bottom margin. */
void
vt_screen_linefeed(struct vt *vt)
{
	vt->pending = 0;
	if (vt->y == vt->bottom) {
		if (vt_screen_in_lr(vt))
			vt_screen_scroll_up(vt, 1);
	} else if (vt->y < vt->rows - 1)
		vt->y++;
}

/* RI: up one line, scrolling down at the top margin. */
void
vt_screen_reverse_index(struct vt *vt)
{
	vt->pending = 0;
	if (vt->y == vt->top) {
		if (vt_screen_in_lr(vt))
			vt_screen_scroll_down(vt, 1);
	} else if (vt->y > 0)
		vt->y--;
}

/* CR: to the left margin (column 0 if left of it). */
void
vt_screen_carriage_return(struct vt *vt)
{
	vt->pending = 0;
	vt->x = vt->x >= vt->left ? vt->left : 0;
}

/* BS: one column left; with reverse wraparound (?45) and autowrap, from
   the left margin to the right margin of the line above (xterm). */
void
vt_screen_backspace(struct vt *vt)
{
	unsigned left = vt->x >= vt->left ? vt->left : 0;
	uint32_t rw = VT_MODE_REVERSE_WRAP | VT_MODE_AUTOWRAP;

	if (vt->pending) {
		vt->pending = 0;
		if ((vt->modes & rw) == rw)
			return; /* xterm: undo the pending wrap only */
	}
	if (vt->x > left)
		vt->x--;
	else if ((vt->modes & rw) == rw) {
		if (vt->y == vt->top)
			vt->y = vt->bottom;
		else if (vt->y > 0)
			vt->y--;
		vt->x = vt->right;
	}
}

/* HT / CHT (n > 0) and CBT (n < 0): to the n-th next or previous tab
   stop, stopping at the margins. */
void
vt_screen_tab(struct vt *vt, int n)
{
	unsigned right = vt->x <= vt->right ? vt->right : vt->cols - 1;
	unsigned left = vt->x >= vt->left ? vt->left : 0;

	if (n > 0 && vt->pending)
		return; /* xterm: HT at the margin keeps the wrap pending */
	vt->pending = 0;
	for (; n > 0; n--) {
		if (vt->x >= right)
			break;
		do
			vt->x++;
		while (vt->x < right && !vt->tabs[vt->x]);
	}
	for (; n < 0; n++) {
		if (vt->x <= left)
			break;
		do
			vt->x--;
		while (vt->x > left && !vt->tabs[vt->x]);
	}
}

/* Erase cells [from, to) of row y; selective (DECSED/DECSEL) spares
   protected cells. */
void
vt_screen_erase_cells(
    struct vt *vt, unsigned y, unsigned from, unsigned to, int selective)
{
	struct vt_line *l = VT_LINE_W(vt, y);
	unsigned x;

	if (to > vt->cols)
		to = vt->cols;
	if (from >= to)
		return;
	if (!selective)
		vt_line_clear(l, from, to, vt_erase_id(vt));
	else {
		for (x = from; x < to; x++) {
			struct vt_gcell *c = &l->cells[x];

			if (vt->styles.v[c->style].attrs & VT_ATTR_PROTECTED)
				continue;
			c->ch = 0;
			c->width = 1;
			c->style = vt_erase_id(vt);
		}
	}
	if ((from > 0 && l->cells[from].width == 0) ||
	    (to < vt->cols && l->cells[to].width == 0))
		vt_screen_fix_line(vt, l);
	if (to == vt->cols)
		l->wrapped = 0;
}

/* Erase rows [from, to] entirely. */
void
vt_screen_erase_rows(struct vt *vt, unsigned from, unsigned to, int selective)
{
	unsigned y;

	for (y = from; y <= to && y < vt->rows; y++) {
		vt_screen_erase_cells(vt, y, 0, vt->cols, selective);
		VT_LINE_W(vt, y)->size = VT_LINE_SINGLE;
	}
}

/* ICH: insert n blanks at the cursor, shifting right to the margin. */
void
vt_screen_insert_cells(struct vt *vt, unsigned n)
{
	vt->pending = 0;
	if (!vt_screen_in_lr(vt))
		return;
	vt_screen_shift_cells_right(vt, vt->y, vt->x,
	    vt_screen_half(vt, vt->right), n, vt_erase_id(vt));
}

/* DCH: delete n cells at the cursor, pulling in blanks at the margin. */
void
vt_screen_delete_cells(struct vt *vt, unsigned n)
{
	vt->pending = 0;
	if (!vt_screen_in_lr(vt))
		return;
	vt_screen_shift_cells_left(vt, vt->y, vt->x,
	    vt_screen_half(vt, vt->right), n, vt_erase_id(vt));
}

/* IL: insert n blank lines at the cursor row inside the margins. */
void
vt_screen_insert_lines(struct vt *vt, unsigned n)
{
	vt->pending = 0;
	if (!vt_screen_in_tb(vt, vt->y) || !vt_screen_in_lr(vt))
		return;
	vt_screen_scroll_down_at(vt, vt->y, n);
}

/* DL: delete n lines at the cursor row inside the margins (never into
   the history). */
void
vt_screen_delete_lines(struct vt *vt, unsigned n)
{
	vt->pending = 0;
	if (!vt_screen_in_tb(vt, vt->y) || !vt_screen_in_lr(vt))
		return;
	vt_screen_scroll_up_at(vt, vt->y, n, 0);
}

/* DECIC: insert n blank columns at the cursor column, inside the
   margins, on every row of the scroll region. */
void
vt_screen_insert_columns(struct vt *vt, unsigned n)
{
	unsigned y;

	if (!vt_screen_in_lr(vt) || !vt_screen_in_tb(vt, vt->y))
		return;
	for (y = vt->top; y <= vt->bottom; y++)
		vt_screen_shift_cells_right(
		    vt, y, vt->x, vt->right, n, vt_erase_id(vt));
}

/* DECDC: delete n columns at the cursor column. */
void
vt_screen_delete_columns(struct vt *vt, unsigned n)
{
	unsigned y;

	if (!vt_screen_in_lr(vt) || !vt_screen_in_tb(vt, vt->y))
		return;
	for (y = vt->top; y <= vt->bottom; y++)
		vt_screen_shift_cells_left(
		    vt, y, vt->x, vt->right, n, vt_erase_id(vt));
}

/* SL: shift the scroll region's columns left by n. */
void
vt_screen_shift_left(struct vt *vt, unsigned n)
{
	unsigned y;

	for (y = vt->top; y <= vt->bottom; y++)
		vt_screen_shift_cells_left(
		    vt, y, vt->left, vt->right, n, vt_erase_id(vt));
}

/* SR: shift the scroll region's columns right by n. */
void
vt_screen_shift_right(struct vt *vt, unsigned n)
{
	unsigned y;

	for (y = vt->top; y <= vt->bottom; y++)
		vt_screen_shift_cells_right(
		    vt, y, vt->left, vt->right, n, vt_erase_id(vt));
}

/* Absolute move, 0-based screen coordinates, clamped to the screen. */
void
vt_screen_move(struct vt *vt, int y, int x)
{
	if (y < 0)
		y = 0;
	if (x < 0)
		x = 0;
	vt->y = vt_min((unsigned)y, vt->rows - 1);
	vt->x = vt_min((unsigned)x, vt->cols - 1);
	if (VT_LINE(vt, vt->y)->size != VT_LINE_SINGLE && vt->cols > 1)
		vt->x = vt_min(vt->x, vt->cols / 2 - 1);
	vt->pending = 0;
}

/* DECSWL, DECDWL, DECDHL (ESC # 5, 6, 3, 4): the cursor line's size. The
   cells that no longer fit are erased (VT510: they are lost). */
void
vt_screen_line_size(struct vt *vt, unsigned size)
{
	struct vt_line *l = VT_LINE_W(vt, vt->y);

	l->size = (uint8_t)size;
	if (size != VT_LINE_SINGLE)
		vt->sized_lines = 1;
	if (size != VT_LINE_SINGLE && vt->cols > 1) {
		vt_line_clear(l, vt->cols / 2, vt->cols, vt_erase_id(vt));
		vt_screen_fix_line(vt, l);
		vt_screen_move(vt, (int)vt->y, (int)vt->x);
	}
}

/* Relative move (CUU/CUD/CUF/CUB): stops at a margin when starting inside
   it, else at the screen edge. */
void
vt_screen_move_rel(struct vt *vt, int dy, int dx)
{
	int y = (int)vt->y, x = (int)vt->x, lo, hi;

	if (dy != 0) {
		lo = vt->y >= vt->top ? (int)vt->top : 0;
		hi = vt->y <= vt->bottom ? (int)vt->bottom : (int)vt->rows - 1;
		y += dy;
		y = y < lo ? lo : y > hi ? hi : y;
	}
	if (dx != 0) {
		lo = vt->x >= vt->left ? (int)vt->left : 0;
		hi = vt->x <= vt->right ? (int)vt->right : (int)vt->cols - 1;
		x += dx;
		x = x < lo ? lo : x > hi ? hi : x;
	}
	vt->y = (unsigned)y;
	vt->x = (unsigned)x;
	if (VT_LINE(vt, vt->y)->size != VT_LINE_SINGLE && vt->cols > 1)
		vt->x = vt_min(vt->x, vt->cols / 2 - 1);
	vt->pending = 0;
}

/* DECALN: fill the screen with E, reset the margins, cursor home. */
void
vt_screen_alignment(struct vt *vt)
{
	struct vt_gcell e = { 'E', 0, 1, 0 };
	unsigned y, x;

	for (y = 0; y < vt->rows; y++) {
		vt_line_touch(vt, VT_LINE(vt, y));
		for (x = 0; x < vt->cols; x++)
			VT_LINE(vt, y)->cells[x] = e;
		VT_LINE(vt, y)->wrapped = 0;
		VT_LINE(vt, y)->size = VT_LINE_SINGLE;
	}
	vt->top = vt->left = 0;
	vt->bottom = vt->rows - 1;
	vt->right = vt->cols - 1;
	vt->x = vt->y = 0;
	vt->pending = 0;
}

/* DECSC: cursor, pen, charsets, origin and wrap state, per screen. */
void
vt_screen_save_cursor(struct vt *vt)
{
	struct vt_saved *s = &vt->saved[vt->grid == &vt->alt];

	s->valid = 1;
	s->x = vt->x;
	s->y = vt->y;
	s->pending = vt->pending;
	s->pen = vt->pen;
	memcpy(s->charset, vt->charset, sizeof s->charset);
	s->gl = vt->gl;
	s->gr = vt->gr;
	s->origin = (vt->modes & VT_MODE_ORIGIN) != 0;
	s->autowrap = (vt->modes & VT_MODE_AUTOWRAP) != 0;
}

/* DECRC: restore what DECSC saved; without a save, home and defaults. */
void
vt_screen_restore_cursor(struct vt *vt)
{
	struct vt_saved *s = &vt->saved[vt->grid == &vt->alt];

	if (!s->valid) {
		vt->x = vt->y = 0;
		vt->pending = 0;
		vt->pen = vt_style_default;
		memset(vt->charset, 0, sizeof vt->charset);
		vt->gl = 0;
		vt->gr = 1;
		vt->modes &= ~VT_MODE_ORIGIN;
	} else {
		vt->x = vt_min(s->x, vt->cols - 1);
		vt->y = vt_min(s->y, vt->rows - 1);
		vt->pending = s->pending && s->x == vt->x;
		vt->pen = s->pen;
		memcpy(vt->charset, s->charset, sizeof vt->charset);
		vt->gl = s->gl;
		vt->gr = s->gr;
		if (s->origin)
			vt->modes |= VT_MODE_ORIGIN;
		else
			vt->modes &= ~VT_MODE_ORIGIN;
	}
	vt->ss = 0;
	vt_style_pen_changed(vt);
}

/* Switch between the normal and alternate screens; clear the alternate
   one when entering (clear > 0) or leaving (clear < 0). */
void
vt_screen_set_alt(struct vt *vt, int on, int clear)
{
	struct vt_grid *g = vt->grid;

	if (on) /* the alternate screen gets its lines when first used */
		vt_grid_use(&vt->alt, vt->rows, vt->cols);
	if (clear < 0 && g == &vt->alt)
		vt_screen_erase_rows(vt, 0, vt->rows - 1, 0);
	vt->grid = on ? &vt->alt : &vt->normal;
	if (vt->grid != g)
		vt_grid_touch_all(vt);
	if (on)
		vt->modes |= VT_MODE_ALTSCREEN;
	else
		vt->modes &= ~VT_MODE_ALTSCREEN;
	if (clear > 0 && on)
		vt_screen_erase_rows(vt, 0, vt->rows - 1, 0);
}

void
vt_screen_reset_tabs(struct vt *vt)
{
	unsigned x;

	for (x = 0; x < vt->cols; x++)
		vt->tabs[x] = x % 8 == 0 && x != 0;
}

/* DECSTR (xterm ctlseqs: CSI ! p): modes, margins, pen, charsets and the
   saved cursor go back to their defaults; the screen is kept. */
void
vt_screen_soft_reset(struct vt *vt)
{
	vt->modes &= ~(VT_MODE_INSERT | VT_MODE_ORIGIN | VT_MODE_CURSOR_KEYS |
	    VT_MODE_KEYPAD | VT_MODE_LRMM | VT_MODE_REVERSE_WRAP);
	vt->modes |= VT_MODE_CURSOR_VISIBLE | VT_MODE_AUTOWRAP;
	vt->top = vt->left = 0;
	vt->bottom = vt->rows - 1;
	vt->right = vt->cols - 1;
	vt->pen = vt_style_default;
	vt_style_pen_changed(vt);
	memset(vt->charset, 0, sizeof vt->charset);
	vt->gl = 0;
	vt->gr = 1;
	vt->ss = 0;
	vt->pending = 0;
	memset(vt->saved, 0, sizeof vt->saved);
}

/* RIS (ESC c): everything but the history and the title. */
void
vt_screen_full_reset(struct vt *vt)
{
	vt->grid = &vt->alt;
	vt->pen = vt_style_default;
	vt_style_pen_changed(vt);
	vt->top = vt->left = 0;
	vt->bottom = vt->rows - 1;
	vt->right = vt->cols - 1;
	vt_screen_erase_rows(vt, 0, vt->rows - 1, 0);
	vt->grid = &vt->normal;
	vt_screen_erase_rows(vt, 0, vt->rows - 1, 0);
	vt_screen_soft_reset(vt);
	vt->modes = VT_MODE_AUTOWRAP | VT_MODE_CURSOR_VISIBLE;
	vt->cursor_style = 0;
	vt->x = vt->y = 0;
	vt->last_ch = 0;
	vt->sized_lines = 0; /* every line was erased to single size */
	vt_screen_reset_tabs(vt);
}
