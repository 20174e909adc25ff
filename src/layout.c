/*
 * layout.c -- the regions of one display (screen(1): split, focus, remove,
 * only, resize). A display's layout is a tree: leaves are regions, each
 * showing a window (or nothing, "blank"); inner nodes stack their children
 * top to bottom (split) or left to right (split -v). Every node has a
 * rectangle in display cells; children of a node exactly tile its
 * rectangle. A region gives its last row to its caption (or a horizontal
 * border) unless it touches the bottom of the area and no caption is due,
 * and its last column to a vertical border unless it touches the right
 * edge. Layout knows nothing of drawing or of clients.
 */
#include <stdlib.h>
#include <string.h>

#include "roost.h"
#include "util/xmalloc.h"

/* A new leaf showing w (may be NULL). */
struct layout_cell *
layout_create_leaf(struct window *w)
{
	struct layout_cell *lc;

	lc = xcalloc(1, sizeof *lc);
	lc->type = LAYOUT_REGION;
	lc->window = w;
	TAILQ_INIT(&lc->cells);
	return lc;
}

/* Free a subtree. Regions in a mode have their mode freed first. */
void
layout_free(struct layout_cell *lc)
{
	struct layout_cell *child;

	if (lc == NULL)
		return;
	while ((child = TAILQ_FIRST(&lc->cells)) != NULL) {
		TAILQ_REMOVE(&lc->cells, child, entry);
		layout_free(child);
	}
	if (lc->mode != NULL && lc->mode->free != NULL)
		lc->mode->free(lc->mode_data);
	free(lc);
}

/* The first region (leaf) of a subtree in reading order. */
struct layout_cell *
layout_first(struct layout_cell *lc)
{
	while (lc->type != LAYOUT_REGION)
		lc = TAILQ_FIRST(&lc->cells);
	return lc;
}

/* The last region of a subtree. */
struct layout_cell *
layout_last(struct layout_cell *lc)
{
	while (lc->type != LAYOUT_REGION)
		lc = TAILQ_LAST(&lc->cells, layout_cells);
	return lc;
}

/* The region after lc in reading order, wrapping to the first. */
struct layout_cell *
layout_next(struct layout_cell *root, struct layout_cell *lc)
{
	struct layout_cell *p;

	while ((p = lc->parent) != NULL) {
		if (TAILQ_NEXT(lc, entry) != NULL)
			return layout_first(TAILQ_NEXT(lc, entry));
		lc = p;
	}
	return layout_first(root);
}

/* The region before lc, wrapping to the last. */
struct layout_cell *
layout_prev(struct layout_cell *root, struct layout_cell *lc)
{
	struct layout_cell *p;

	while ((p = lc->parent) != NULL) {
		if (TAILQ_PREV(lc, layout_cells, entry) != NULL)
			return layout_last(TAILQ_PREV(lc, layout_cells, entry));
		lc = p;
	}
	return layout_last(root);
}

/* How many regions a subtree has. */
unsigned
layout_count(struct layout_cell *lc)
{
	struct layout_cell *child;
	unsigned n = 0;

	if (lc->type == LAYOUT_REGION)
		return 1;
	TAILQ_FOREACH (child, &lc->cells, entry)
		n += layout_count(child);
	return n;
}

/* How layout_fit shares a node's room among its children. */
#define LAYOUT_FIT_SIZES   0 /* in proportion to their sizes now */
#define LAYOUT_FIT_EQUAL   1 /* equally */
#define LAYOUT_FIT_WEIGHTS 2 /* in proportion to their weights */

/* A child's share along its parent's orientation, by `how`. */
static unsigned
layout_share(
    const struct layout_cell *parent, const struct layout_cell *child, int how)
{
	if (how == LAYOUT_FIT_WEIGHTS)
		return child->weight > 0 ? child->weight : 1;
	return parent->type == LAYOUT_TOPBOTTOM ? child->h : child->w;
}

/*
 * Give the children of lc sizes that fill it (`how`: LAYOUT_FIT_*), then
 * lay out each child recursively the same way.
 */
static void
layout_fit(struct layout_cell *lc, int how)
{
	struct layout_cell *child;
	unsigned n = 0, total = 0, avail, pos, size, i, given = 0;
	int equal = how == LAYOUT_FIT_EQUAL;

	if (lc->type == LAYOUT_REGION)
		return;
	TAILQ_FOREACH (child, &lc->cells, entry) {
		n++;
		total += layout_share(lc, child, how);
	}
	avail = lc->type == LAYOUT_TOPBOTTOM ? lc->h : lc->w;
	pos = lc->type == LAYOUT_TOPBOTTOM ? lc->y : lc->x;
	i = 0;
	TAILQ_FOREACH (child, &lc->cells, entry) {
		unsigned old = layout_share(lc, child, how);

		if (i == n - 1)
			size = avail - given;
		else if (equal || total == 0)
			size = avail / n;
		else
			size =
			    (unsigned)((unsigned long long)old * avail / total);
		/* Keep at least one cell for each later sibling. */
		if (i < n - 1 && size + given + (n - 1 - i) > avail)
			size = avail > given + (n - 1 - i)
			    ? avail - given - (n - 1 - i)
			    : 0;
		if (i < n - 1 && size == 0 && avail > given + (n - 1 - i))
			size = 1;
		if (lc->type == LAYOUT_TOPBOTTOM) {
			child->x = lc->x;
			child->w = lc->w;
			child->y = pos;
			child->h = size;
		} else {
			child->y = lc->y;
			child->h = lc->h;
			child->x = pos;
			child->w = size;
		}
		pos += size;
		given += size;
		i++;
		layout_fit(child, how);
	}
}

/*
 * Remember every node's size along its parent's orientation as its
 * weight, after a change the user asked for (split, remove, resize,
 * equalise): a later change of the display's size keeps these
 * proportions, however small the display was in between.
 */
static void
layout_weigh(struct layout_cell *lc)
{
	struct layout_cell *child;
	unsigned size;

	TAILQ_FOREACH (child, &lc->cells, entry) {
		size = lc->type == LAYOUT_TOPBOTTOM ? child->h : child->w;
		child->weight = size > 0 ? size : 1;
		layout_weigh(child);
	}
}

/* Set the whole layout's rectangle (the display's window area). */
void
layout_set_size(struct layout_cell *root, unsigned w, unsigned h)
{
	root->x = 0;
	root->y = 0;
	root->w = w;
	root->h = h;
	layout_fit(root, LAYOUT_FIT_WEIGHTS);
}

/*
 * Split region lc in two, the new region (showing w) after it: below
 * (vertical = 0, screen's `split`) or to the right (vertical = 1,
 * `split -v`). Returns the new region, or NULL if lc is too small (each
 * half needs at least 2 rows or columns).
 */
struct layout_cell *
layout_split(struct layout_cell *lc, int vertical, struct window *w)
{
	enum layout_type type = vertical ? LAYOUT_LEFTRIGHT : LAYOUT_TOPBOTTOM;
	struct layout_cell *parent = lc->parent, *node, *nlc;
	unsigned size = vertical ? lc->w : lc->h, first;

	if (size < 4)
		return NULL;
	nlc = layout_create_leaf(w);
	if (parent == NULL || parent->type != type) {
		/* Put a node of the right orientation in lc's place. */
		node = layout_create_leaf(NULL);
		node->type = type;
		node->x = lc->x;
		node->y = lc->y;
		node->w = lc->w;
		node->h = lc->h;
		node->parent = parent;
		if (parent != NULL) {
			TAILQ_INSERT_AFTER(&parent->cells, lc, node, entry);
			TAILQ_REMOVE(&parent->cells, lc, entry);
		}
		lc->parent = node;
		TAILQ_INSERT_TAIL(&node->cells, lc, entry);
		parent = node;
	}
	nlc->parent = parent;
	TAILQ_INSERT_AFTER(&parent->cells, lc, nlc, entry);
	first = size / 2 + size % 2;
	if (vertical) {
		nlc->y = lc->y;
		nlc->h = lc->h;
		nlc->x = lc->x + first;
		nlc->w = size - first;
		lc->w = first;
	} else {
		nlc->x = lc->x;
		nlc->w = lc->w;
		nlc->y = lc->y + first;
		nlc->h = size - first;
		lc->h = first;
	}
	layout_fit(lc, LAYOUT_FIT_SIZES);
	layout_weigh(layout_root(lc));
	return nlc;
}

/* The root of the tree lc is in. */
struct layout_cell *
layout_root(struct layout_cell *lc)
{
	while (lc->parent != NULL)
		lc = lc->parent;
	return lc;
}

/*
 * Remove region lc (not the only one): its space goes to the sibling
 * before it, else after it. Returns the region that should get the
 * focus. *rootp is updated if the root changes. lc is freed.
 */
struct layout_cell *
layout_remove(struct layout_cell **rootp, struct layout_cell *lc)
{
	struct layout_cell *parent = lc->parent, *sib, *only, *gp, *target;

	if (parent == NULL)
		return lc;
	sib = TAILQ_PREV(lc, layout_cells, entry);
	if (sib == NULL)
		sib = TAILQ_NEXT(lc, entry);
	TAILQ_REMOVE(&parent->cells, lc, entry);
	if (parent->type == LAYOUT_TOPBOTTOM) {
		if (sib->y > lc->y)
			sib->y = lc->y;
		sib->h += lc->h;
	} else {
		if (sib->x > lc->x)
			sib->x = lc->x;
		sib->w += lc->w;
	}
	layout_fit(sib, LAYOUT_FIT_SIZES);
	target = layout_first(sib);
	layout_free(lc);
	/* A node left with one child is replaced by that child. */
	if (TAILQ_FIRST(&parent->cells) ==
	    TAILQ_LAST(&parent->cells, layout_cells)) {
		only = TAILQ_FIRST(&parent->cells);
		TAILQ_REMOVE(&parent->cells, only, entry);
		gp = parent->parent;
		only->parent = gp;
		only->x = parent->x;
		only->y = parent->y;
		only->w = parent->w;
		only->h = parent->h;
		if (gp != NULL) {
			TAILQ_INSERT_AFTER(&gp->cells, parent, only, entry);
			TAILQ_REMOVE(&gp->cells, parent, entry);
		} else
			*rootp = only;
		free(parent);
		/* A child of the same orientation as its new parent merges
		   into it, so sibling lists stay flat. */
		if (gp != NULL && only->type == gp->type) {
			struct layout_cell *ch;

			while ((ch = TAILQ_FIRST(&only->cells)) != NULL) {
				TAILQ_REMOVE(&only->cells, ch, entry);
				ch->parent = gp;
				TAILQ_INSERT_BEFORE(only, ch, entry);
			}
			TAILQ_REMOVE(&gp->cells, only, entry);
			free(only);
			layout_fit(gp, LAYOUT_FIT_SIZES);
		} else
			layout_fit(only, LAYOUT_FIT_SIZES);
	}
	layout_weigh(*rootp);
	return target;
}

/*
 * Change the size of region lc along an orientation (vertical = 1: its
 * width in a left-right node; 0: its height in a top-bottom node) to
 * `size` cells, taking from or giving to its following siblings (then
 * the preceding ones). Returns 0, or -1 if no such node encloses lc.
 */
int
layout_resize(struct layout_cell *lc, int vertical, unsigned size)
{
	enum layout_type type = vertical ? LAYOUT_LEFTRIGHT : LAYOUT_TOPBOTTOM;
	struct layout_cell *node = lc, *child;
	unsigned total, others, n = 0, cur;
	int diff;

	while (node->parent != NULL && node->parent->type != type)
		node = node->parent;
	if (node->parent == NULL)
		return -1;
	total = type == LAYOUT_TOPBOTTOM ? node->parent->h : node->parent->w;
	TAILQ_FOREACH (child, &node->parent->cells, entry)
		n++;
	others = n - 1;
	if (size < 2)
		size = 2;
	if (size + others * 2 > total)
		size = total > others * 2 ? total - others * 2 : 1;
	cur = type == LAYOUT_TOPBOTTOM ? node->h : node->w;
	diff = (int)size - (int)cur;
	/* Take the difference from the siblings after, then before. */
	for (child = TAILQ_NEXT(node, entry); child != NULL && diff != 0;
	     child = TAILQ_NEXT(child, entry)) {
		unsigned *cs = type == LAYOUT_TOPBOTTOM ? &child->h : &child->w;
		int give = diff > 0
		    ? ((int)*cs - 2 < diff ? (int)*cs - 2 : diff)
		    : diff;

		if (give < 0 && diff > 0)
			give = 0;
		*cs = (unsigned)((int)*cs - give);
		diff -= give;
	}
	for (child = TAILQ_PREV(node, layout_cells, entry);
	     child != NULL && diff != 0;
	     child = TAILQ_PREV(child, layout_cells, entry)) {
		unsigned *cs = type == LAYOUT_TOPBOTTOM ? &child->h : &child->w;
		int give = diff > 0
		    ? ((int)*cs - 2 < diff ? (int)*cs - 2 : diff)
		    : diff;

		if (give < 0 && diff > 0)
			give = 0;
		*cs = (unsigned)((int)*cs - give);
		diff -= give;
	}
	if (type == LAYOUT_TOPBOTTOM)
		node->h = (unsigned)((int)size - diff);
	else
		node->w = (unsigned)((int)size - diff);
	/* Re-place the siblings from the parent's origin. */
	cur = type == LAYOUT_TOPBOTTOM ? node->parent->y : node->parent->x;
	TAILQ_FOREACH (child, &node->parent->cells, entry) {
		if (type == LAYOUT_TOPBOTTOM) {
			child->y = cur;
			cur += child->h;
		} else {
			child->x = cur;
			cur += child->w;
		}
		layout_fit(child, LAYOUT_FIT_SIZES);
	}
	layout_weigh(layout_root(lc));
	return 0;
}

/* The size along an orientation of the node that resize would change. */
unsigned
layout_size_along(struct layout_cell *lc, int vertical, unsigned *total)
{
	enum layout_type type = vertical ? LAYOUT_LEFTRIGHT : LAYOUT_TOPBOTTOM;
	struct layout_cell *node = lc;

	while (node->parent != NULL && node->parent->type != type)
		node = node->parent;
	if (node->parent == NULL) {
		*total = vertical ? node->w : node->h;
		return *total;
	}
	*total = vertical ? node->parent->w : node->parent->h;
	return vertical ? node->w : node->h;
}

/* Make all regions under lc's nearest enclosing node equal. */
void
layout_equalise(struct layout_cell *root)
{
	layout_fit(root, LAYOUT_FIT_EQUAL);
	layout_weigh(root);
}

/*
 * The geometry of a region: its content (where the window shows) and
 * whether it has a bottom line (caption or border) and a right border.
 * captions: 0 never, 1 splitonly, 2 always.
 */
void
layout_region_geometry(struct layout_cell *root, struct layout_cell *lc,
    int captions, struct layout_geometry *g)
{
	unsigned nregions = layout_count(root);
	int caption = captions == 2 || (captions == 1 && nregions > 1);

	memset(g, 0, sizeof *g);
	g->x = lc->x;
	g->y = lc->y;
	g->right_border = lc->x + lc->w < root->x + root->w;
	g->bottom_line = caption || lc->y + lc->h < root->y + root->h;
	g->caption = caption;
	g->w = lc->w > (unsigned)g->right_border ? lc->w - g->right_border : 0;
	g->h = lc->h > (unsigned)g->bottom_line ? lc->h - g->bottom_line : 0;
}

/*
 * The region next to lc in a direction (0 up, 1 down, 2 left, 3 right),
 * measured from the point (px, py) in lc (usually the cursor), or NULL.
 */
struct layout_cell *
layout_neighbour(struct layout_cell *root, struct layout_cell *lc, int dir,
    unsigned px, unsigned py)
{
	struct layout_cell *it, *best = NULL;
	unsigned long bestd = (unsigned long)-1, d;
	unsigned tx, ty;

	it = layout_first(root);
	do {
		if (it != lc) {
			int ok = 0;

			switch (dir) {
			case 0:
				ok = it->y + it->h == lc->y &&
				    it->x <= px + 0 && px < it->x + it->w + 1;
				break;
			case 1:
				ok = it->y == lc->y + lc->h && it->x <= px &&
				    px < it->x + it->w + 1;
				break;
			case 2:
				ok = it->x + it->w == lc->x && it->y <= py &&
				    py < it->y + it->h;
				break;
			case 3:
				ok = it->x == lc->x + lc->w && it->y <= py &&
				    py < it->y + it->h;
				break;
			}
			if (!ok) {
				/* Fall back to any region on that side. */
				switch (dir) {
				case 0:
					ok = it->y + it->h <= lc->y;
					break;
				case 1:
					ok = it->y >= lc->y + lc->h;
					break;
				case 2:
					ok = it->x + it->w <= lc->x;
					break;
				case 3:
					ok = it->x >= lc->x + lc->w;
					break;
				}
				if (!ok)
					goto next;
			}
			tx = px < it->x		  ? it->x
			    : px >= it->x + it->w ? it->x + it->w - 1
						  : px;
			ty = py < it->y		  ? it->y
			    : py >= it->y + it->h ? it->y + it->h - 1
						  : py;
			d = (unsigned long)(tx > px ? tx - px : px - tx) *
				(tx > px ? tx - px : px - tx) +
			    (unsigned long)(ty > py ? ty - py : py - ty) *
				(ty > py ? ty - py : py - ty);
			if (d < bestd) {
				bestd = d;
				best = it;
			}
		}
	next:
		it = layout_next(root, it);
	} while (it != layout_first(root));
	return best;
}

/*
 * Copy a layout (regions and the windows they show, not their modes).
 * *focus gets the copy of src_focus (or the first region).
 */
struct layout_cell *
layout_copy(struct layout_cell *src, struct layout_cell *src_focus,
    struct layout_cell **focus)
{
	struct layout_cell *lc, *child, *copy;

	lc = layout_create_leaf(src->window);
	lc->type = src->type;
	lc->x = src->x;
	lc->y = src->y;
	lc->w = src->w;
	lc->h = src->h;
	lc->weight = src->weight;
	if (src == src_focus)
		*focus = lc;
	TAILQ_FOREACH (child, &src->cells, entry) {
		copy = layout_copy(child, src_focus, focus);
		copy->parent = lc;
		TAILQ_INSERT_TAIL(&lc->cells, copy, entry);
	}
	if (src->parent == NULL && (src_focus == NULL || *focus == NULL))
		*focus = layout_first(lc);
	return lc;
}

int
layout_shows(struct layout_cell *root, const struct window *w)
{
	struct layout_cell *lc;

	if (root == NULL)
		return 0;
	lc = layout_first(root);
	do {
		if (lc->window == w)
			return 1;
		lc = layout_next(root, lc);
	} while (lc != layout_first(root));
	return 0;
}

/* Regions showing w show other (may be NULL) instead. */
void
layout_window_gone(
    struct layout_cell *root, struct window *w, struct window *other)
{
	struct layout_cell *lc;

	lc = layout_first(root);
	do {
		if (lc->window == w)
			lc->window = other;
		lc = layout_next(root, lc);
	} while (lc != layout_first(root));
}
