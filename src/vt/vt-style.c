/*
 * vt-style.c -- interning of cell styles and of characters with combining
 * marks. Grid cells are 8 bytes, so they carry a 16-bit style index and,
 * for a character with marks, an index into a cluster pool (a character
 * with a single accent keeps it in the cell itself, VT_CH_MARK). Both tables
 * are compacted (garbage collected) from the cells of the two screens when
 * full, so hostile input with endless distinct colours or marks cannot
 * make them grow without bound. History lines do not use these tables
 * (vt-history.c stores full styles and code points).
 */
#include <stdlib.h>
#include <string.h>

#include "vt-private.h"

const struct vt_style vt_style_default;

static uint32_t
vt_style_hash(const struct vt_style *s)
{
	uint64_t a, b;
	uint32_t c;

	/* Three independent multiplies: short dependency chains. */
	memcpy(&a, (const char *)s, 8);
	memcpy(&b, (const char *)s + 8, 8);
	memcpy(&c, (const char *)s + 16, 4);
	a = a * 0x9e3779b97f4a7c15ull ^ b * 0xc2b2ae3d27d4eb4full ^
	    c * 0x165667b19e3779f9ull;
	return (uint32_t)(a >> 32) ^ (uint32_t)a;
}

/* Two styles are equal byte for byte (the padding is always 0). */
static inline int
vt_style_equal(const struct vt_style *a, const struct vt_style *b)
{
	uint64_t a0, a1, b0, b1;
	uint32_t a2, b2;

	_Static_assert(sizeof *a == 20, "a style is 20 bytes");
	memcpy(&a0, (const char *)a, 8);
	memcpy(&b0, (const char *)b, 8);
	memcpy(&a1, (const char *)a + 8, 8);
	memcpy(&b1, (const char *)b + 8, 8);
	memcpy(&a2, (const char *)a + 16, 4);
	memcpy(&b2, (const char *)b + 16, 4);
	return ((a0 ^ b0) | (a1 ^ b1) | (a2 ^ b2)) == 0;
}

/* A hash slot holds the style's id + 1 (at most VT_MAX_STYLES, 16 bits)
   under the top 16 bits of its hash, so that most slots of other styles
   are passed over without reading the style. 0: an empty slot. */
#define VT_STYLE_TAG 0xffff0000u
_Static_assert(VT_MAX_STYLES <= 0xffff, "an id + 1 fits in 16 bits");

static void
vt_style_rehash(struct vt_styles *t)
{
	uint32_t i, h, slot, mask = t->hashsize - 1;

	memset(t->hash, 0, t->hashsize * sizeof *t->hash);
	for (i = 0; i < t->n; i++) {
		h = vt_style_hash(&t->v[i]);
		slot = h & mask;
		while (t->hash[slot] != 0)
			slot = (slot + 1) & mask;
		t->hash[slot] = (h & VT_STYLE_TAG) | (i + 1);
	}
}

int
vt_style_init(struct vt *vt)
{
	struct vt_styles *t = &vt->styles;

	t->cap = 64;
	t->hashsize = 128;
	t->v = calloc(t->cap, sizeof *t->v);
	t->hash = calloc(t->hashsize, sizeof *t->hash);
	if (t->v == NULL || t->hash == NULL)
		return -1;
	t->n = 1; /* id 0 is the default style, always */
	t->limit = 4096;
	vt_style_rehash(t);
	vt->clusters.v = NULL;
	vt->clusters.n = vt->clusters.cap = 0;
	return 0;
}

void
vt_style_free(struct vt *vt)
{
	free(vt->styles.v);
	free(vt->styles.hash);
	free(vt->clusters.v);
}

/* Visit every cell of both screens; an unused grid (one shared erased
   line: character 0, style 0) is skipped. */
#define VT_FOREACH_CELL(vt, c, body)                                           \
	do {                                                                   \
		struct vt_grid *g_[2] = { &(vt)->normal, &(vt)->alt };         \
		unsigned gi_, r_, x_;                                          \
		for (gi_ = 0; gi_ < 2; gi_++)                                  \
			for (r_ = 0;                                           \
			     g_[gi_]->unused == NULL && r_ < (vt)->rows; r_++) \
				for (x_ = 0; x_ < (vt)->cols; x_++) {          \
					struct vt_gcell *c =                   \
					    &g_[gi_]->lines[r_]->cells[x_];    \
					body;                                  \
				}                                              \
	} while (0)

/* Drop the styles no cell uses; renumber the rest. */
static void
vt_style_collect(struct vt *vt)
{
	struct vt_styles *t = &vt->styles;
	uint32_t *map, i, n;

	map = vt_xcalloc(t->n, sizeof *map);
	map[0] = 1;
	map[vt->pen_id] = 1;
	if (!vt->erase_stale)
		map[vt->erase_id] = 1;
	VT_FOREACH_CELL(vt, c, map[c->style] = 1);
	for (i = 0, n = 0; i < t->n; i++) {
		if (map[i]) {
			t->v[n] = t->v[i];
			map[i] = n++;
		}
	}
	t->n = n;
	VT_FOREACH_CELL(vt, c, c->style = (uint16_t)map[c->style]);
	vt->pen_id = (uint16_t)map[vt->pen_id];
	if (!vt->erase_stale)
		vt->erase_id = (uint16_t)map[vt->erase_id];
	free(map);
	vt_style_rehash(t);
}

uint16_t
vt_style_intern(struct vt *vt, const struct vt_style *s)
{
	struct vt_styles *t = &vt->styles;
	uint32_t h = vt_style_hash(s), slot, mask = t->hashsize - 1, id, e;
	int collected = 0;

	for (slot = h & mask; (e = t->hash[slot]) != 0;
	     slot = (slot + 1) & mask) {
		id = e & 0xffff;
		if ((e & VT_STYLE_TAG) == (h & VT_STYLE_TAG) &&
		    vt_style_equal(&t->v[id - 1], s))
			return (uint16_t)(id - 1);
	}
	if (t->n >= t->limit) {
		/* A small table stays in the cache: collect often, and grow
		   the limit only when the screens really use many styles. */
		if (vt->styles.nogc && t->limit == VT_MAX_STYLES)
			return 0;
		if (!vt->styles.nogc) {
			vt_style_collect(vt);
			collected = 1;
		}
		if (t->n > t->limit / 2 || vt->styles.nogc)
			t->limit = vt_min(t->limit * 2, VT_MAX_STYLES);
		if (t->n >= t->limit)
			return 0; /* every style in use: draw plainly */
	}
	if (t->n == t->cap) {
		t->cap *= 2;
		t->v = vt_xrealloc(t->v, t->cap, sizeof *t->v);
	}
	t->v[t->n++] = *s;
	if (t->n * 2 > t->hashsize) {
		t->hashsize *= 2;
		t->hash = vt_xrealloc(t->hash, t->hashsize, sizeof *t->hash);
		vt_style_rehash(t);
	} else if (collected)
		vt_style_rehash(t); /* slot is stale */
	else
		t->hash[slot] = (h & VT_STYLE_TAG) | t->n;
	return (uint16_t)(t->n - 1);
}

/* Recompute the interned pen and erase style after SGR changed vt->pen.
   Erased cells take the pen's colours and nothing else (xterm ctlseqs:
   "erase ... using the current background"). */
void
vt_style_pen_changed(struct vt *vt)
{
	const struct vt_style *p = &vt->pen;

	if (p->attrs == 0 && p->underline == 0 && p->fg == 0 && p->bg == 0 &&
	    p->ul == 0 && p->link == 0)
		vt->pen_id = 0; /* SGR 0, the most common */
	else
		vt->pen_id = vt_style_intern(vt, &vt->pen);
	if (vt->pen.fg == 0 && vt->pen.bg == 0) {
		vt->erase_id = 0;
		vt->erase_stale = 0;
	} else
		vt->erase_stale = 1;
}

void
vt_style_erase_update(struct vt *vt)
{
	struct vt_style e = vt_style_default;

	e.fg = vt->pen.fg;
	e.bg = vt->pen.bg;
	/* Still stale while interning: a collection must not map it. */
	vt->erase_id = vt_style_intern(vt, &e);
	vt->erase_stale = 0;
}

/* Drop the clusters no cell uses; renumber the rest. */
static void
vt_cluster_collect(struct vt *vt)
{
	struct vt_clusters *t = &vt->clusters;
	uint32_t *map, i, n;

	map = vt_xcalloc(t->n, sizeof *map);
	VT_FOREACH_CELL(
	    vt, c, if (c->ch & VT_CH_CLUSTER) map[c->ch & ~VT_CH_CLUSTER] = 1);
	for (i = 0, n = 0; i < t->n; i++) {
		if (map[i]) {
			memcpy(t->v[n], t->v[i], sizeof t->v[n]);
			map[i] = n++;
		}
	}
	t->n = n;
	VT_FOREACH_CELL(vt, c,
	    if (c->ch & VT_CH_CLUSTER) c->ch =
		VT_CH_CLUSTER | map[c->ch & ~VT_CH_CLUSTER]);
	free(map);
}

/* Code points of a cell's ch into out[VT_CELL_CHARS], 0-filled. */
void
vt_cluster_get(const struct vt *vt, uint32_t ch, uint32_t *out)
{
	if (ch & VT_CH_CLUSTER) {
		memcpy(out, vt->clusters.v[ch & ~VT_CH_CLUSTER],
		    VT_CELL_CHARS * sizeof *out);
		return;
	}
	memset(out, 0, VT_CELL_CHARS * sizeof *out);
	if (ch & VT_CH_MARK) {
		out[0] = VT_CH_BASE(ch);
		out[1] = VT_CH_MARK_CP(ch);
	} else
		out[0] = ch;
}

/*
 * A new ch value for a cell holding ch with mark appended. A new pool
 * entry every time (entries may be shared by copies of a cell, so they are
 * never changed in place). Returns ch unchanged if the cell is full.
 */
uint32_t
vt_cluster_add(struct vt *vt, uint32_t ch, uint32_t mark)
{
	struct vt_clusters *t = &vt->clusters;
	uint32_t cps[VT_CELL_CHARS];
	unsigned i;

	if (ch != 0 && (ch & (VT_CH_CLUSTER | VT_CH_MARK)) == 0 &&
	    mark >= 0x300 && mark < 0x500)
		return VT_CH_WITH_MARK(ch, mark);
	vt_cluster_get(vt, ch, cps);
	for (i = 0; i < VT_CELL_CHARS && cps[i] != 0; i++)
		;
	if (i == VT_CELL_CHARS || i == 0)
		return ch;
	cps[i] = mark;
	if (t->n == t->cap) {
		if (t->cap >= 4096 && t->cap >= vt->rows * vt->cols &&
		    !vt->styles.nogc)
			vt_cluster_collect(vt);
		if (t->n * 2 > t->cap || t->cap < 4096) {
			if (t->cap >= (1u << 24))
				return ch;
			t->cap = t->cap ? t->cap * 2 : 256;
			t->v = vt_xrealloc(t->v, t->cap, sizeof *t->v);
		}
		if (t->n == t->cap)
			return ch;
	}
	memcpy(t->v[t->n], cps, sizeof cps);
	return VT_CH_CLUSTER | t->n++;
}
