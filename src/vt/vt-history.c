/*
 * vt-history.c -- the scrollback history of the normal screen: compactly
 * encoded lines, oldest first, at most `limit` of them.
 *
 * A line is a 4-byte header, a table of style runs (full struct
 * vt_style, so history never refers to the screens' interned tables;
 * none when the whole line has the default style), and the characters:
 * one byte a cell when every cell is a single ASCII character or erased
 * (the usual case: a 100-column log line costs 104 bytes), else one
 * uint32_t a cell (a code point, VT_CH_MARK with an inline accent,
 * VT_HCELL_CONT, or VT_CH_CLUSTER | offset of the code points of a longer
 * cluster, stored after the cells, count first). Trailing erased cells
 * with the default style are not stored.
 *
 * Lines are encoded when they enter the history, straight into the
 * newest of a ring of blocks (VT_HBLOCK bytes, or one line if longer),
 * one after another, each block ending in a table of 2-byte offsets of
 * its lines: no allocation per line, 2 bytes of bookkeeping. Line i is
 * found by halving over the blocks' first sequence numbers. A block is
 * freed (or kept as the spare for the next one) when its last line leaves
 * the oldest end. Must not refer to the screens' style or cluster tables,
 * which are compacted independently.
 *
 * Encoding is on the path of every scroll: with SSE2 the cells are read
 * 16 bytes (two cells) at a time -- trailing blanks found eight cells a
 * compare, characters packed to bytes or widened to uint32_t values, the
 * kinds of cells OR-ed together and clusters found by their top bits --
 * with the plain C loops for the rest and for other machines.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "vt-private.h"

#if defined(__SSE2__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#include <emmintrin.h>
#define VT_HSIMD 1 /* cells scanned and copied 16 bytes at a time */
#endif

/* Bytes of a block's data (the allocation adds the block header and
   malloc's own). Small enough that the partly filled blocks at the two
   ends waste little; large enough that allocation is rare. */
#ifndef VT_HBLOCK /* -DVT_HBLOCK=... in a test: smaller blocks */
#define VT_HBLOCK (16384 - sizeof(struct vt_hblock) - 16)
#endif
_Static_assert(VT_HBLOCK % 4 == 0 && VT_HBLOCK <= UINT16_MAX,
    "block data: 4-byte units, offsets in a uint16_t");

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

/* Slot i of the ring wrapped into it: bcap is a power of two (8,
   doubled when full), so a mask rather than a division on each push. */
static inline unsigned
vt_hring(const struct vt_history *h, unsigned i)
{
	return i & (h->bcap - 1);
}

/* Block k of the ring, 0 the oldest. */
static inline struct vt_hblock *
vt_hblock_at(const struct vt_history *h, unsigned k)
{
	return h->blocks[vt_hring(h, h->bhead + k)];
}

/* The offset slots of a block, indexed -1 - k for slot k. */
static inline uint16_t *
vt_hblock_slots(const struct vt_hblock *b)
{
	return (uint16_t *)(uintptr_t)((const char *)b->data + b->size);
}

/* Lines of the history in a block. */
static unsigned
vt_hblock_live(const struct vt_history *h, const struct vt_hblock *b)
{
	uint64_t end = b->seq + b->n;

	return end > h->seq
	    ? (unsigned)(end - (b->seq > h->seq ? b->seq : h->seq))
	    : 0;
}

/* The oldest (front) or the newest block leaves the ring: it becomes the
   spare (the previous spare is freed). */
static void
vt_hblock_retire(struct vt_history *h, int front)
{
	struct vt_hblock *b;

	if (front) {
		b = vt_hblock_at(h, 0);
		h->bhead = vt_hring(h, h->bhead + 1);
	} else
		b = vt_hblock_at(h, h->nblocks - 1);
	h->nblocks--;
	free(h->spare);
	h->spare = b;
}

/*
 * Room for a line of size bytes at the newest end of the history: a
 * pointer into the newest block, or into a new one added after it. The
 * line is not part of the history until vt_history_commit(); a later
 * call may hand out the same room again (or a larger one).
 */
static struct vt_hline *
vt_history_room(struct vt_history *h, size_t size)
{
	struct vt_hblock *b = NULL, **blocks;
	size_t want, i;

	size = (size + 3) & ~(size_t)3;
	if (h->nblocks > 0) {
		b = vt_hblock_at(h, h->nblocks - 1);
		/* The line, and one more slot, must fit; its offset must fit
		   a slot. */
		if (b->used <= UINT16_MAX &&
		    b->size - b->used >= size + 2 * ((size_t)b->n + 1))
			return (struct vt_hline *)(void *)((char *)b->data +
			    b->used);
		if (vt_hblock_live(h, b) == 0) /* left by an earlier call */
			vt_hblock_retire(h, 0);
	}
	if (h->nblocks == h->bcap) {
		blocks = vt_xcalloc(h->bcap ? h->bcap * 2 : 8, sizeof *blocks);
		for (i = 0; i < h->nblocks; i++)
			blocks[i] = vt_hblock_at(h, (unsigned)i);
		free(h->blocks);
		h->blocks = blocks;
		h->bcap = h->bcap ? h->bcap * 2 : 8;
		h->bhead = 0;
	}
	want = size + 2 > VT_HBLOCK ? size + 4 : VT_HBLOCK;
	if (h->spare != NULL && h->spare->size >= want &&
	    h->spare->size <= 2 * want) {
		b = h->spare;
		h->spare = NULL;
	} else {
		b = vt_xmalloc(sizeof *b + want);
		b->size = (uint32_t)want;
	}
	b->seq = h->seq + h->n;
	b->used = 0;
	b->n = 0;
	b->pad = 0;
	h->blocks[vt_hring(h, h->bhead + h->nblocks)] = b;
	h->nblocks++;
	return (struct vt_hline *)(void *)b->data;
}

/* Append the line built in the room vt_history_room() gave, size bytes;
   the caller made room (n < limit). */
static void
vt_history_commit(struct vt_history *h, size_t size)
{
	struct vt_hblock *b = vt_hblock_at(h, h->nblocks - 1);

	vt_hblock_slots(b)[-1 - (long)b->n] = (uint16_t)b->used;
	b->used += (uint32_t)((size + 3) & ~(size_t)3);
	b->n++;
	h->n++;
}

/* The code points of a cell with marks (0-terminated within
   VT_CELL_CHARS): the pool's entry, or tmp filled for an inline mark. */
static inline const uint32_t *
vt_hline_cps(const struct vt *vt, uint32_t ch, uint32_t tmp[VT_CELL_CHARS])
{
	if (ch & VT_CH_CLUSTER)
		return vt->clusters.v[ch & ~VT_CH_CLUSTER];
	memset(tmp, 0, VT_CELL_CHARS * sizeof *tmp);
	tmp[0] = VT_CH_BASE(ch);
	tmp[1] = VT_CH_MARK_CP(ch);
	return tmp;
}

/* Whole cells as 64-bit words (may_alias: they are struct vt_gcell). */
typedef uint64_t __attribute__((__may_alias__)) vt_hword;

/* A cell's fields as a word, so that masks and references follow the
   struct's layout. */
static inline uint64_t
vt_hcell_word(uint32_t ch, uint16_t style, uint8_t width, uint8_t flags)
{
	struct vt_gcell g = { ch, style, width, flags };
	uint64_t w;

	memcpy(&w, &g, sizeof w);
	return w;
}

/* The number of cells left when trailing erased default cells (ch 0,
   style 0, width 1, whatever the flags) go from the first n. */
static unsigned
vt_hline_trim(const struct vt_gcell *c, unsigned n)
{
#ifdef VT_HSIMD
	/* Eight cells a turn, compared as a whole. */
	const __m128i blank =
	    _mm_set1_epi64x((long long)vt_hcell_word(0, 0, 1, 0));
	const __m128i mask = _mm_set1_epi64x(
	    (long long)vt_hcell_word(0xffffffffu, 0xffff, 0xff, 0));
	const __m128i *p;
	__m128i d;

	while (n >= 8) {
		p = (const __m128i *)(const void *)(c + n - 8);
		d = _mm_or_si128(
		    _mm_or_si128(_mm_xor_si128(_mm_loadu_si128(p), blank),
			_mm_xor_si128(_mm_loadu_si128(p + 1), blank)),
		    _mm_or_si128(_mm_xor_si128(_mm_loadu_si128(p + 2), blank),
			_mm_xor_si128(_mm_loadu_si128(p + 3), blank)));
		d = _mm_and_si128(d, mask);
		if (_mm_movemask_epi8(_mm_cmpeq_epi8(d, _mm_setzero_si128())) !=
		    0xffff)
			break;
		n -= 8;
	}
	if (n >= 8) {
		/* The block with a cell that stays: two bits a cell (its
		   halves), cell 7 on top; the blanks are the pairs of
		   leading ones. */
		unsigned m = 0, k;

		for (k = 0; k < 4; k++)
			m |= (unsigned)_mm_movemask_ps(
				 _mm_castsi128_ps(_mm_cmpeq_epi32(
				     _mm_and_si128(
					 _mm_xor_si128(
					     _mm_loadu_si128(p + k), blank),
					 mask),
				     _mm_setzero_si128())))
			    << 4 * k;
		return n - (unsigned)__builtin_clz(~(m << 16)) / 2;
	}
#endif
	while (n > 0 && c[n - 1].ch == 0 && c[n - 1].style == 0 &&
	    c[n - 1].width == 1)
		n--;
	return n;
}

#ifdef VT_HSIMD
/* Cells p[2k], p[2k + 1] as a vector. */
#define VT_HLOAD(p, k) _mm_loadu_si128((const __m128i *)(const void *)(p) + (k))

/* Whether the style is in the upper 32-bit half of a cell's word (a
   constant: the struct's layout on a little-endian machine). */
#define VT_HSTYLE_HI (offsetof(struct vt_gcell, style) >= 4)

/*
 * Cells p[2k], p[2k + 1] against the cells before them, per 32-bit lane:
 * all ones where the styles are equal. The half of each cell without the
 * style (masked out by smask, vt_hcell_word(0, 0xffff, 0, 0) in every
 * word) always compares equal.
 */
static inline __m128i
vt_hstyle_eq(const struct vt_gcell *p, int k, __m128i smask)
{
	return _mm_cmpeq_epi32(
	    _mm_and_si128(
		_mm_xor_si128(VT_HLOAD(p, k), VT_HLOAD(p - 1, k)), smask),
	    _mm_setzero_si128());
}

/* The characters of the cells in w[0..7] (two each) as 16 bytes: packed
   with saturation, which keeps values below 0x80 (the only ones a
   stored line has). */
static inline __m128i
vt_hline_pack16(const __m128i w[8])
{
#define VT_LO(a, b)                                          \
	_mm_castps_si128(_mm_shuffle_ps(_mm_castsi128_ps(a), \
	    _mm_castsi128_ps(b), _MM_SHUFFLE(2, 0, 2, 0)))
	return _mm_packus_epi16(
	    _mm_packs_epi32(VT_LO(w[0], w[1]), VT_LO(w[2], w[3])),
	    _mm_packs_epi32(VT_LO(w[4], w[5]), VT_LO(w[6], w[7])));
#undef VT_LO
}

/* Sixteen cells from p into w[0..7]. */
#define VT_HLOAD16(w, p)                 \
	do {                             \
		(w)[0] = VT_HLOAD(p, 0); \
		(w)[1] = VT_HLOAD(p, 1); \
		(w)[2] = VT_HLOAD(p, 2); \
		(w)[3] = VT_HLOAD(p, 3); \
		(w)[4] = VT_HLOAD(p, 4); \
		(w)[5] = VT_HLOAD(p, 5); \
		(w)[6] = VT_HLOAD(p, 6); \
		(w)[7] = VT_HLOAD(p, 7); \
	} while (0)
#endif

/* The characters of n cells, each below 0x80, one byte each. */
static void
vt_hline_put_bytes(uint8_t *bytes, const struct vt_gcell *c, unsigned n)
{
	unsigned x = 0;

#ifdef VT_HSIMD
	const struct vt_gcell *p, *end = c + (n & ~15u);
	__m128i w[8];
	uint8_t *o = bytes;

	for (p = c; p != end; p += 16, o += 16) {
		VT_HLOAD16(w, p);
		_mm_storeu_si128((__m128i *)(void *)o, vt_hline_pack16(w));
	}
	if (n >= 16) {
		/* The rest as the last 16, again in part. */
		if (n & 15) {
			VT_HLOAD16(w, c + n - 16);
			_mm_storeu_si128((__m128i *)(void *)(bytes + n - 16),
			    vt_hline_pack16(w));
		}
		return;
	}
#endif
	for (; x < n; x++)
		bytes[x] = (uint8_t)c[x].ch;
}

#ifdef VT_HSIMD
/* Sixteen cells from p as bytes at o; returns the OR of the cells XOR
   rv (what differs from the plain case). */
static inline __m128i
vt_hline_simple16(const struct vt_gcell *p, uint8_t *o, __m128i rv)
{
	__m128i v[8];

	VT_HLOAD16(v, p);
	_mm_storeu_si128((__m128i *)(void *)o, vt_hline_pack16(v));
	return _mm_or_si128(
	    _mm_or_si128(
		_mm_or_si128(_mm_xor_si128(v[0], rv), _mm_xor_si128(v[1], rv)),
		_mm_or_si128(_mm_xor_si128(v[2], rv), _mm_xor_si128(v[3], rv))),
	    _mm_or_si128(
		_mm_or_si128(_mm_xor_si128(v[4], rv), _mm_xor_si128(v[5], rv)),
		_mm_or_si128(
		    _mm_xor_si128(v[6], rv), _mm_xor_si128(v[7], rv))));
}
#endif

/*
 * The common case, fast: n > 0 cells of one style, each a single ASCII
 * character or erased. One branch-free pass copies the characters into
 * the history's room while checking the line is of that kind. Returns 0
 * (nothing added) if it is not.
 */
static int
vt_hline_add_simple(struct vt *vt, const struct vt_line *line, unsigned n)
{
	struct vt_history *h = &vt->history;
	const struct vt_gcell *c = line->cells;
	uint32_t orch = 0, orw = 0, ors = 0, style = c[0].style;
	unsigned x = 0, nruns = style != 0;
	struct vt_hline *hl;
	uint8_t *bytes;
	size_t size;

	size = sizeof *hl + nruns * sizeof hl->runs[0] + n;
	hl = vt_history_room(h, size);
	bytes = (uint8_t *)&hl->runs[nruns];
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	{
		/* Whole cells as words: one must differ from the first
		   cell's style, width 1 and flags 0 only in the low 7 bits
		   (the character). */
		const vt_hword *w = (const vt_hword *)(const void *)c;
		uint64_t r = vt_hcell_word(0, (uint16_t)style, 1, 0), bad = 0;
#ifdef VT_HSIMD
		const __m128i rv = _mm_set1_epi64x((long long)r);
		const struct vt_gcell *p, *end = c + (n & ~15u);
		__m128i acc = _mm_setzero_si128();
		uint8_t *o = bytes;
		uint64_t a[2];

		for (p = c; p != end; p += 16, o += 16)
			acc = _mm_or_si128(acc, vt_hline_simple16(p, o, rv));
		if (n >= 16) {
			/* The rest as the last 16, again in part. */
			if (n & 15)
				acc = _mm_or_si128(acc,
				    vt_hline_simple16(
					c + n - 16, bytes + n - 16, rv));
			x = n;
		}
		memcpy(a, &acc, sizeof a);
		bad = a[0] | a[1];
#endif
		for (; x < n; x++) {
			bad |= w[x] ^ r;
			bytes[x] = (uint8_t)w[x];
		}
		orw = (bad & ~(uint64_t)0x7f) != 0;
	}
#else
	for (; x < n; x++) {
		orch |= c[x].ch;
		orw |= c[x].width ^ 1u;
		ors |= c[x].style ^ style;
		bytes[x] = (uint8_t)c[x].ch;
	}
#endif
	if (orch >= 0x80 || orw != 0 || ors != 0)
		return 0;
	hl->ncells = (uint16_t)n;
	hl->nruns = (uint16_t)nruns;
	hl->flags = (line->wrapped ? VT_HLINE_WRAPPED : 0) | VT_HLINE_ASCII;
	if (nruns) {
		hl->runs[0].style = vt->styles.v[style];
		hl->runs[0].start = 0;
		hl->runs[0].pad = 0;
	}
	vt_history_commit(h, size);
	return 1;
}

#ifdef VT_HSIMD
/* Four cells a, b (two each) as uint32_t values at o: the characters,
   OR all ones where the width is 0. lo: the characters of a, b. */
static inline void
vt_hline_cells4(__m128i a, __m128i b, __m128 lo, uint32_t *o)
{
	const __m128i wmask =
	    _mm_set1_epi32((int)(uint32_t)(vt_hcell_word(0, 0, 0xff, 0) >> 32));
	__m128i z;

	_Static_assert(VT_HCELL_CONT == 0xffffffffu,
	    "a right half is all ones: the OR of a compare");
	z = _mm_castps_si128(_mm_shuffle_ps(
	    _mm_castsi128_ps(a), _mm_castsi128_ps(b), _MM_SHUFFLE(3, 1, 3, 1)));
	z = _mm_cmpeq_epi32(_mm_and_si128(z, wmask), _mm_setzero_si128());
	_mm_storeu_si128(
	    (__m128i *)(void *)o, _mm_or_si128(_mm_castps_si128(lo), z));
}

/* Eight cells from p: the OR of each XOR rv into *acc, their values
   at o (vt_hline_cells4) unless o is NULL; returns the top bits of their
   characters (bit k: cell k has a pool cluster). */
static inline unsigned
vt_hline_scan8(const struct vt_gcell *p, __m128i rv, __m128i *acc, uint32_t *o)
{
	__m128i v0 = VT_HLOAD(p, 0), v1 = VT_HLOAD(p, 1);
	__m128i v2 = VT_HLOAD(p, 2), v3 = VT_HLOAD(p, 3);
	__m128 lo0, lo1;

	*acc = _mm_or_si128(*acc,
	    _mm_or_si128(
		_mm_or_si128(_mm_xor_si128(v0, rv), _mm_xor_si128(v1, rv)),
		_mm_or_si128(_mm_xor_si128(v2, rv), _mm_xor_si128(v3, rv))));
	lo0 = _mm_shuffle_ps(_mm_castsi128_ps(v0), _mm_castsi128_ps(v1),
	    _MM_SHUFFLE(2, 0, 2, 0));
	lo1 = _mm_shuffle_ps(_mm_castsi128_ps(v2), _mm_castsi128_ps(v3),
	    _MM_SHUFFLE(2, 0, 2, 0));
	if (o != NULL) {
		vt_hline_cells4(v0, v1, lo0, o);
		vt_hline_cells4(v2, v3, lo1, o + 4);
	}
	return (unsigned)_mm_movemask_ps(lo0) |
	    (unsigned)_mm_movemask_ps(lo1) << 4;
}

/* Adds x0 + k for each bit k of m to the np positions in pos[]; returns
   the new count. */
static inline unsigned
vt_hline_pos(uint16_t *pos, unsigned np, unsigned m, unsigned x0)
{
	while (m != 0) {
		pos[np++] = (uint16_t)(x0 + (unsigned)__builtin_ctz(m));
		m &= m - 1;
	}
	return np;
}

/* vt_hline_scan()'s loop for n >= 8 cells: eight a turn, the rest as
   the last eight, the clusters of those seen already left out. Inlined
   twice, so that a NULL out costs nothing. */
static inline __attribute__((__always_inline__)) unsigned
vt_hline_scan_simd(const struct vt_gcell *c, unsigned n, uint16_t *pos,
    uint32_t *out, __m128i rv, __m128i *acc)
{
	const struct vt_gcell *p, *end = c + (n & ~7u);
	unsigned np = 0;

	for (p = c; p != end; p += 8)
		np = vt_hline_pos(pos, np,
		    vt_hline_scan8(p, rv, acc, out ? out + (p - c) : NULL),
		    (unsigned)(p - c));
	if (n & 7)
		np = vt_hline_pos(pos, np,
		    vt_hline_scan8(
			c + n - 8, rv, acc, out ? out + n - 8 : NULL) &
			(0xffu << (8 - (n & 7))),
		    n - 8);
	return np;
}
#endif

/*
 * One pass over n > 0 cells: what makes them differ from the plain
 * case, each cell compared with the first one's style and width 1 --
 * *orch the OR of the characters, *ors of the styles XOR the first's,
 * *orw of the widths XOR 1 -- and the positions of the cells with a
 * pool cluster (VT_CH_CLUSTER) into pos[], in order. Unless out is
 * NULL, the cells' values (vt_hline_put_cells()) into out[] on the way.
 * Returns how many clusters.
 */
static unsigned
vt_hline_scan(const struct vt_gcell *c, unsigned n, uint16_t *pos,
    uint32_t *out, uint32_t *orch, uint32_t *ors, uint32_t *orw)
{
	uint16_t style = c[0].style;
	unsigned x = 0, np = 0;
	uint32_t och = 0, os = 0, ow = 0;

#ifdef VT_HSIMD
	if (n >= 8) {
		const __m128i rv =
		    _mm_set1_epi64x((long long)vt_hcell_word(0, style, 1, 0));
		__m128i acc = _mm_setzero_si128();
		struct vt_gcell g[2];

		if (out != NULL)
			np = vt_hline_scan_simd(c, n, pos, out, rv, &acc);
		else
			np = vt_hline_scan_simd(c, n, pos, NULL, rv, &acc);
		memcpy(g, &acc, sizeof g);
		och = g[0].ch | g[1].ch;
		os = (uint32_t)(g[0].style | g[1].style);
		ow = (uint32_t)(g[0].width | g[1].width);
		x = n;
	}
#endif
	for (; x < n; x++) {
		och |= c[x].ch;
		ow |= c[x].width ^ 1u;
		os |= c[x].style ^ style;
		pos[np] = (uint16_t)x;
		np += c[x].ch >> 31; /* a pool cluster (inline marks stay) */
		if (out != NULL)
			out[x] = c[x].width == 0 ? VT_HCELL_CONT : c[x].ch;
	}
	*orch = och;
	*ors = os;
	*orw = ow;
	return np;
}

/* The cells of a line that is not all ASCII as uint32_t values: the
   characters, VT_HCELL_CONT for the right half of a wide one. */
static void
vt_hline_put_cells(uint32_t *cells, const struct vt_gcell *c, unsigned n)
{
	unsigned x = 0;

#ifdef VT_HSIMD
	if (n >= 8) {
		/* Eight cells a turn; the rest as the last eight, again in
		   part. */
		const struct vt_gcell *p, *end = c + (n & ~7u);
		__m128i acc = _mm_setzero_si128();

		for (p = c; p != end; p += 8)
			vt_hline_scan8(p, acc, &acc, cells + (p - c));
		if (n & 7)
			vt_hline_scan8(c + n - 8, acc, &acc, cells + n - 8);
		return;
	}
#endif
	for (; x < n; x++)
		cells[x] = c[x].width == 0 ? VT_HCELL_CONT : c[x].ch;
}

/* The number of style runs in n >= 1 cells: 1 and each change of
   style from one cell to the next. */
static unsigned
vt_hline_nruns(const struct vt_gcell *c, unsigned n)
{
	unsigned x = 1, nruns = 1;

#ifdef VT_HSIMD
	{
		/* Eight cells a turn against the eight before them shifted
		   by one: a 32-bit lane counts the equal pairs (the style's
		   half; the other is masked to 0 and always equal). */
		const __m128i smask =
		    _mm_set1_epi64x((long long)vt_hcell_word(0, 0xffff, 0, 0));
		__m128i cnt = _mm_setzero_si128();
		uint32_t lane[4];

		for (; x + 8 <= n; x += 8)
			cnt = _mm_sub_epi32(cnt,
			    _mm_add_epi32(
				_mm_add_epi32(vt_hstyle_eq(c + x, 0, smask),
				    vt_hstyle_eq(c + x, 1, smask)),
				_mm_add_epi32(vt_hstyle_eq(c + x, 2, smask),
				    vt_hstyle_eq(c + x, 3, smask))));
		memcpy(lane, &cnt, sizeof lane);
		/* The pairs seen less the equal ones. */
		nruns += x - 1 -
		    (VT_HSTYLE_HI ? lane[1] + lane[3] : lane[0] + lane[2]);
	}
#endif
	for (; x < n; x++)
		nruns += c[x].style != c[x - 1].style;
	return nruns;
}

/* The style runs of n >= 1 cells into runs[]: one at cell 0 and at
   each cell whose style differs from the one before. */
static void
vt_hline_put_runs(const struct vt *vt, struct vt_hrun *runs,
    const struct vt_gcell *c, unsigned n)
{
	unsigned x = 1, r = 0;

#define VT_HRUN(at)                                        \
	do {                                               \
		runs[r].style = vt->styles.v[c[at].style]; \
		runs[r].start = (uint16_t)(at);            \
		runs[r].pad = 0;                           \
		r++;                                       \
	} while (0)
	VT_HRUN(0);
#ifdef VT_HSIMD
	{
		/* Eight cells a turn against the eight before them shifted
		   by one, the equal styles as bits (the style's half of
		   each compare). */
		const __m128i smask =
		    _mm_set1_epi64x((long long)vt_hcell_word(0, 0xffff, 0, 0));
		unsigned m, at;

		/* The lanes holding the styles, two cells a vector. */
#define VT_HEQ2(k)                                                            \
	_mm_shuffle_ps(_mm_castsi128_ps(vt_hstyle_eq(c + x, 2 * (k), smask)), \
	    _mm_castsi128_ps(vt_hstyle_eq(c + x, 2 * (k) + 1, smask)),        \
	    VT_HSTYLE_HI ? _MM_SHUFFLE(3, 1, 3, 1) : _MM_SHUFFLE(2, 0, 2, 0))
		for (; x + 8 <= n; x += 8) {
			m = (unsigned)_mm_movemask_ps(VT_HEQ2(0)) |
			    (unsigned)_mm_movemask_ps(VT_HEQ2(1)) << 4;
			for (m = ~m & 0xffu; m != 0; m &= m - 1) {
				at = x + (unsigned)__builtin_ctz(m);
				VT_HRUN(at);
			}
		}
#undef VT_HEQ2
	}
#endif
	for (; x < n; x++) {
		if (c[x].style != c[x - 1].style)
			VT_HRUN(x);
	}
#undef VT_HRUN
}

/* The code points of a pool cluster (VT_CELL_CHARS, 0 after the last;
   the first is never 0): how many, the first among cl[1..] being taken
   as there. */
static inline unsigned
vt_hline_cluster_len(const uint32_t *cl)
{
#ifdef VT_HSIMD
	const __m128i z = _mm_setzero_si128();
	unsigned m;

	_Static_assert(VT_CELL_CHARS == 8, "two vectors a cluster");
	m = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(
		_mm_loadu_si128((const __m128i *)(const void *)cl), z))) |
	    (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(
		_mm_loadu_si128((const __m128i *)(const void *)(cl + 4)), z)))
		<< 4;
	return (unsigned)__builtin_ctz((m & ~1u) | 0x100u);
#else
	unsigned k;

	for (k = 1; k < VT_CELL_CHARS && cl[k]; k++)
		;
	return k;
#endif
}

/* Encode the first cols cells of a screen line as the newest history
   line; the caller made room in the ring (n < limit). A line that is not
   all ASCII has its cells' values made while scanning, straight into
   room asked for as if the line had no clusters and the first cell's
   style throughout (the usual case); when it has more, the room is asked
   for again, which is the same place unless the block is full. */
static void
vt_hline_add(struct vt *vt, const struct vt_line *line, unsigned cols)
{
	const struct vt_gcell *c = line->cells;
	const uint32_t *cl;
	struct vt_hline *hl, *hl0 = NULL;
	unsigned n = cols, nruns = 0, nruns0 = 0, ascii, k, np = 0, i;
	int glance;
	uint32_t nextra = 0, *cells = NULL, *extra = NULL, *made = NULL;
	uint32_t orch = 0, orw = 0, ors = 0;
	uint16_t pos[VT_MAX_DIM];
	uint32_t tmp[VT_CELL_CHARS];
	size_t size;

	/* Trailing blanks go, but not on a soft-wrapped line: there they
	   are text (a tab's gap) that a reflow must join back. */
	if (!line->wrapped)
		n = vt_hline_trim(c, n);
	/* A glance: the first and middle cells narrow ASCII. */
	glance = n > 0 && c[0].ch < 0x80 && c[0].width == 1 &&
	    c[n / 2].ch < 0x80 && c[n / 2].width == 1;
	/* The plain case first, unless the glance says it is not plain. */
	if (glance && c[n / 2].style == c[0].style &&
	    vt_hline_add_simple(vt, line, n))
		return;
	if (n > 0) {
		/* One style: a run unless the default. */
		nruns = nruns0 = c[0].style != 0;
		if (!glance) {
			/* Not ASCII, as the glance says: the cells' values
			   go where they will stay. */
			hl0 = vt_history_room(&vt->history,
			    sizeof *hl0 + nruns0 * sizeof hl0->runs[0] +
				(size_t)n * sizeof(uint32_t));
			made = (uint32_t *)(void *)&hl0->runs[nruns0];
		}
		np = vt_hline_scan(c, n, pos, made, &orch, &ors, &orw);
	}
	if (ors != 0) /* several styles */
		nruns = vt_hline_nruns(c, n);
	ascii = orch < 0x80 && orw == 0;
	for (i = 0; i < np; i++) {
		cl = vt_hline_cps(vt, c[pos[i]].ch, tmp);
		nextra += vt_hline_cluster_len(cl) + 1;
	}
	size = sizeof *hl + nruns * sizeof hl->runs[0];
	if (ascii)
		size += n;
	else
		size += ((size_t)n + nextra) * sizeof(uint32_t);
	/* Room for a whole entry copied after the last cluster's (see
	   below); only size is kept. */
	hl = vt_history_room(&vt->history,
	    size + (np > 0 ? VT_CELL_CHARS * sizeof(uint32_t) : 0));
	if (hl != hl0)
		made = NULL; /* elsewhere (another block): made again */
	if (made != NULL && nruns != nruns0) {
		/* Where the cells go moves with the number of runs. */
		memmove(&hl->runs[nruns], made, n * sizeof *made);
		made = (uint32_t *)(void *)&hl->runs[nruns];
	}
	hl->ncells = (uint16_t)n;
	hl->nruns = (uint16_t)nruns;
	hl->flags = (line->wrapped ? VT_HLINE_WRAPPED : 0) |
	    (ascii ? VT_HLINE_ASCII : 0);
	if (nruns == 1) { /* one style: no need to look for changes */
		hl->runs[0].style = vt->styles.v[c[0].style];
		hl->runs[0].start = 0;
		hl->runs[0].pad = 0;
	} else if (nruns > 1)
		vt_hline_put_runs(vt, hl->runs, c, n);
	if (ascii)
		vt_hline_put_bytes(vt_hline_bytes(hl), c, n);
	else {
		cells = vt_hline_cells32(hl);
		extra = cells + n;
		if (made == NULL)
			vt_hline_put_cells(cells, c, n);
		nextra = 0;
		for (i = 0; i < np; i++) {
			/* The whole entry (0 after its code points), then
			   its count over the word after them: the next
			   cluster's, or room past the line. */
			cl = vt_hline_cps(vt, c[pos[i]].ch, tmp);
			k = cl[0] != 0 ? vt_hline_cluster_len(cl) : 0;
			cells[pos[i]] = VT_CH_CLUSTER | nextra;
			memcpy(
			    &extra[nextra + 1], cl, VT_CELL_CHARS * sizeof *cl);
			extra[nextra] = k;
			nextra += k + 1;
		}
	}
	vt_history_commit(&vt->history, size);
}

/* The style of cell col: that of the last run starting at or before
   it, or the default if the line has no runs. */
static const struct vt_style *
vt_hline_style(const struct vt_hline *hl, unsigned col)
{
	unsigned lo = 0, hi = hl->nruns, mid;

	if (hi == 0)
		return &vt_style_default;
	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if (hl->runs[mid].start <= col)
			lo = mid;
		else
			hi = mid;
	}
	return &hl->runs[lo].style;
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
	cell->style = *vt_hline_style(hl, col);
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
	} else if (v & VT_CH_MARK) {
		cell->ch[0] = VT_CH_BASE(v);
		cell->ch[1] = VT_CH_MARK_CP(v);
	} else
		cell->ch[0] = v;
	if (col + 1 < hl->ncells &&
	    vt_hline_cells32(hl)[col + 1] == VT_HCELL_CONT)
		cell->width = 2;
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
	const struct vt_style *run, *last = &vt_style_default;

	vt_line_clear(l, 0, cols, 0);
	for (x = 0; x < n; x++) {
		vt_hline_decode(hl, x, &cell);
		run = vt_hline_style(hl, x);
		if (run != last) {
			style = vt_style_intern(vt, run);
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

/* Line i of the history, 0 the oldest; valid until the history
   changes. The block holding it is found by halving. */
const struct vt_hline *
vt_history_get(const struct vt_history *h, unsigned i)
{
	uint64_t seq = h->seq + i;
	unsigned lo = 0, hi = h->nblocks, mid;
	const struct vt_hblock *b;

	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if (vt_hblock_at(h, mid)->seq <= seq)
			lo = mid;
		else
			hi = mid;
	}
	b = vt_hblock_at(h, lo);
	return (const struct vt_hline *)(const void *)((const char *)b->data +
	    vt_hblock_slots(b)[-1 - (long)(seq - b->seq)]);
}

/* Start the only block again when the history is empty. */
static void
vt_history_emptied(struct vt_history *h)
{
	struct vt_hblock *b;

	if (h->n > 0 || h->nblocks != 1)
		return;
	b = vt_hblock_at(h, 0);
	b->seq = h->seq;
	b->used = 0;
	b->n = 0;
}

/* Remove the oldest line (not counted in dropped); n > 0. */
void
vt_history_remove_oldest(struct vt_history *h)
{
	h->seq++;
	h->n--;
	if (h->nblocks > 1 && vt_hblock_live(h, vt_hblock_at(h, 0)) == 0)
		vt_hblock_retire(h, 1);
	vt_history_emptied(h);
}

/* Remove the newest line; n > 0. Its bytes, the last of the newest
   block, are given back to that block. */
void
vt_history_remove_newest(struct vt_history *h)
{
	struct vt_hblock *b = vt_hblock_at(h, h->nblocks - 1);

	h->n--;
	b->n--;
	b->used = vt_hblock_slots(b)[-1 - (long)b->n];
	if (h->nblocks > 1 && b->n == 0)
		vt_hblock_retire(h, 0);
	vt_history_emptied(h);
}

/* Append the first cols cells of a screen line as the newest history
   line, dropping the oldest if the history holds limit lines; nothing
   if the limit is 0. */
void
vt_history_add(struct vt *vt, const struct vt_line *line, unsigned cols)
{
	struct vt_history *h = &vt->history;

	if (h->limit == 0)
		return;
	if (h->n >= h->limit) {
		vt_history_remove_oldest(h);
		h->dropped++;
	}
	vt_hline_add(vt, line, cols);
}

/* A line leaves the top of the screen. */
void
vt_history_push(struct vt *vt, struct vt_line *line)
{
	vt_history_add(vt, line, vt->cols);
}

/* Keep at most limit lines (the newest), and set the limit; a limit of
   0 frees the history's memory. */
void
vt_history_trim(struct vt_history *h, unsigned limit)
{
	while (h->n > limit) {
		vt_history_remove_oldest(h);
		h->dropped++;
	}
	if (limit == 0)
		vt_history_clear(h);
	h->limit = limit;
}

/* Drop every line (counted in dropped) and free the history's memory;
   the limit stays. */
void
vt_history_clear(struct vt_history *h)
{
	unsigned k;

	h->dropped += h->n;
	h->seq += h->n;
	for (k = 0; k < h->nblocks; k++)
		free(vt_hblock_at(h, k));
	free(h->blocks);
	free(h->spare);
	h->blocks = NULL;
	h->spare = NULL;
	h->bcap = h->bhead = h->nblocks = h->n = 0;
}
