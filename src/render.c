/*
 * render.c -- composes what each display should show and sends the
 * difference from what it showed before (DESIGN.md decision 3). The
 * composition is a rows x cols canvas of cells: each region's window
 * (cropped, or padded with blanks, when the window has another size; a
 * wide character cut by the region's edge becomes a blank, never half of
 * one) or the mode over it, the region's caption or border, the
 * vertical borders, a display-wide overlay (help), and the status line
 * (hardstatus, a message or the prompt) on the last row. Only reads the
 * emulator.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "copy.h"
#include "format.h"
#include "roost.h"
#include "util/xmalloc.h"

#define RENDER_VLINE 0x2502 /* │ */
#define RENDER_HLINE 0x2500 /* ─ */

static void
render_blank(struct vt_cell *cell, const struct vt_style *style)
{
	memset(cell, 0, sizeof *cell);
	cell->width = 1;
	if (style != NULL)
		cell->style = *style;
}

/*
 * Write UTF-8 text into row from column *col on, stopping at cols (a wide
 * character that would not fit is not written); *col advances by the
 * cells used. Controls are skipped; combining marks join the previous
 * cell.
 */
void
render_text(struct vt_cell *row, unsigned cols, unsigned *col, const char *text,
    const struct vt_style *style)
{
	mbstate_t ps;
	wchar_t wc;
	size_t n;
	int w;

	memset(&ps, 0, sizeof ps);
	while (*text != '\0' && *col < cols) {
		n = mbrtowc(&wc, text, strlen(text), &ps);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&ps, 0, sizeof ps);
			wc = 0xfffd;
			n = 1;
		}
		text += n;
		w = wcwidth(wc);
		if (w < 0 || wc < 0x20)
			continue;
		if (w == 0) {
			if (*col > 0) {
				struct vt_cell *prev = &row[*col - 1];
				int i;

				if (prev->width == 0 && *col > 1)
					prev = &row[*col - 2];
				for (i = 1; i < VT_CELL_CHARS - 1; i++) {
					if (prev->ch[i] == 0) {
						prev->ch[i] = (uint32_t)wc;
						break;
					}
				}
			}
			continue;
		}
		if (*col + (unsigned)w > cols)
			break;
		render_blank(&row[*col], style);
		row[*col].ch[0] = (uint32_t)wc;
		row[*col].width = (uint8_t)w;
		if (w == 2) {
			render_blank(&row[*col + 1], style);
			row[*col + 1].width = 0;
		}
		*col += (unsigned)w;
	}
}

/* Display width of UTF-8 text in cells. */
unsigned
render_text_width(const char *text)
{
	mbstate_t ps;
	wchar_t wc;
	size_t n;
	unsigned width = 0;
	int w;

	memset(&ps, 0, sizeof ps);
	while (*text != '\0') {
		n = mbrtowc(&wc, text, strlen(text), &ps);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&ps, 0, sizeof ps);
			n = 1;
			wc = 0xfffd;
		}
		text += n;
		if ((w = wcwidth(wc)) > 0)
			width += (unsigned)w;
	}
	return width;
}

/*
 * Fill a format context for client c and window w (the window a caption
 * is for; NULL for the hardstatus, which is about the focused window).
 * The windows array is allocated; free it.
 */
static void
render_format_ctx(struct client *c, struct window *w, int caption, int focused,
    struct format_ctx *ctx, struct format_window **wins, char *host,
    size_t hostlen)
{
	struct window *it, *cur = caption ? w : c->window;
	struct client *other;
	size_t n = 0, i = 0;

	memset(ctx, 0, sizeof *ctx);
	if (gethostname(host, hostlen) != 0)
		strlcpy(host, "localhost", hostlen);
	host[hostlen - 1] = '\0';
	ctx->host = host;
	ctx->session = c->session != NULL ? c->session->name : "";
	ctx->now = time(NULL);
	ctx->current = -1;
	ctx->focused = focused;
	ctx->escape_pressed = c->prefix;
	ctx->copy_mode = c->focus != NULL && c->focus->mode != NULL;
	*wins = NULL;
	if (c->session == NULL)
		return;
	TAILQ_FOREACH (it, &c->session->windows, entry)
		n++;
	*wins = xcalloc(n + 1, sizeof **wins);
	TAILQ_FOREACH (it, &c->session->windows, entry) {
		struct format_window *fw = &(*wins)[i];

		fw->number = it->number;
		fw->title = window_title(it);
		fw->hardstatus = "";
		if (it == cur) {
			fw->flags |= FORMAT_WIN_CURRENT;
			ctx->current = (int)i;
		}
		if (it == c->last)
			fw->flags |= FORMAT_WIN_LAST;
		if (it->bell)
			fw->flags |= FORMAT_WIN_BELL;
		if (it->dead)
			fw->flags |= FORMAT_WIN_ZOMBIE;
		if (it->login)
			fw->flags |= FORMAT_WIN_LOGIN;
		if (it->monitor && it->activity)
			fw->flags |= FORMAT_WIN_ACTIVITY;
		if (it->silence > 0 && it->silent)
			fw->flags |= FORMAT_WIN_SILENCE;
		TAILQ_FOREACH (other, &c->server->clients, entry) {
			if (other != c && other->window == it &&
			    other->state == CLIENT_ATTACHED)
				fw->flags |= FORMAT_WIN_SHARED;
		}
		i++;
	}
	ctx->windows = *wins;
	ctx->nwindows = n;
}

/* Expand a caption or hardstatus format into row (cols cells). */
static void
render_format(struct client *c, const char *fmt, struct window *w, int caption,
    int focused, struct vt_cell *row, unsigned cols)
{
	struct format_ctx ctx;
	struct format_window *wins;
	char host[256];

	render_format_ctx(
	    c, w, caption, focused, &ctx, &wins, host, sizeof host);
	format_expand(fmt, &ctx, row, cols);
	free(wins);
}

/*
 * The status line: a message or the prompt while one is shown, else the
 * hardstatus (DESIGN.md decision 8: by default the window list as tabs,
 * the session name and a clock without seconds). row is cols cells.
 */
void
render_status(struct client *c, struct vt_cell *row, unsigned cols)
{
	struct options *o = c->session != NULL ? &c->session->options : NULL;
	struct vt_style msg;
	unsigned col = 0, i;

	memset(&msg, 0, sizeof msg);
	msg.attrs = VT_ATTR_INVERSE;
	if (c->message != NULL) {
		for (i = 0; i < cols; i++)
			render_blank(&row[i], &msg);
		render_text(row, cols, &col, c->message, &msg);
		return;
	}
	render_format(c,
	    o != NULL && o->hardstatus_fmt != NULL ? o->hardstatus_fmt
						   : FORMAT_DEFAULT_HARDSTATUS,
	    NULL, 0, 1, row, cols);
}

/*
 * Cells of more than one code point, or with an underline colour, as a
 * display's canvas refers to them (RENDER_TEXT_EXTRA): each distinct one
 * once, found again through an open-addressing hash of indexes.
 */
struct render_extra {
	uint32_t ch[VT_CELL_CHARS]; /* 0-terminated, zero-filled */
	uint32_t ul;		    /* VT_COLOUR_* */
};
struct render_extras {
	struct render_extra *e;
	uint32_t n, size;
	uint32_t *hash; /* hsize slots: 0 empty, else index + 1 */
	uint32_t hsize;
};

/*
 * The canvas of one frame: rows x cols compact cells, and scratch space
 * in struct vt_cell for what draws in that form (the emulator's lines,
 * modes, captions, the status line).
 */
#define RENDER_SPARE_ROWS 4
struct render_canvas {
	/* Row y: row[y] once drawn on this frame (a copy of base's row made
	   at the first write, or zeros if `zero`), else base's row: the
	   last frame's, which the client was sent (c->shown). */
	struct render_cell **row;
	const struct render_cell *base;
	int zero;
	/* Where drawn rows live: the first RENDER_SPARE_ROWS in buffers
	   kept between frames (a keystroke's frame draws one or two rows and
	   costs no system call), the others in `arena`, rows x cols cells
	   xmap()ed when needed and given back after the frame. */
	struct render_cell *spare[RENDER_SPARE_ROWS];
	unsigned nspare;
	struct render_cell *arena;
	unsigned rows, cols;
	struct render_extras extras; /* kept between frames */
	struct vt_cell *scratch;
	size_t scratch_size;
	uint8_t *lines;	  /* rows line sizes, VT_LINE_* */
	uint8_t *changed; /* rows: does the row differ from what is shown */
};

/* Canvas row y (0-based), to draw on. */
static struct render_cell *
render_row_w(struct render_canvas *cv, unsigned y)
{
	size_t bytes = (size_t)cv->cols * sizeof **cv->row;

	if (cv->row[y] == NULL) {
		if (cv->nspare < RENDER_SPARE_ROWS) {
			if (cv->spare[cv->nspare] == NULL)
				cv->spare[cv->nspare] = xmalloc(bytes);
			cv->row[y] = cv->spare[cv->nspare++];
		} else {
			if (cv->arena == NULL)
				cv->arena = xmap((size_t)cv->rows * cv->cols,
				    sizeof *cv->arena);
			cv->row[y] = cv->arena + (size_t)y * cv->cols;
		}
		if (cv->zero)
			memset(cv->row[y], 0, bytes);
		else
			memcpy(
			    cv->row[y], cv->base + (size_t)y * cv->cols, bytes);
	}
	return cv->row[y];
}

/* Canvas row y, to read. */
static const struct render_cell *
render_row(const struct render_canvas *cv, unsigned y)
{
	if (cv->row[y] != NULL)
		return cv->row[y];
	return cv->base + (size_t)y * cv->cols;
}

/*
 * What a client's canvas was composed from, kept between frames so that a
 * frame composes only the window rows that changed (vt_line_seq()): a
 * keystroke's echo reads one row, not the whole screen. Rows not drawn
 * again are what the last frame sent (c->shown): no copy of the canvas is
 * kept. `key` describes the layout the canvas was drawn for (sizes,
 * regions, their windows, modes, an overlay, a message over the last row);
 * when it differs, everything is drawn again.
 */
struct render_cache {
	struct render_canvas cv;
	unsigned *key, *prev; /* this frame's key, the last frame's */
	size_t nkey, keysize, nprev, prevsize;
	/* For each region in layout order, for each of its rows: 0, or
	   1 + vt_line_seq() of the window row drawn there (RENDER_PADDED: a
	   blank row below the window). */
	uint64_t *seq;
	size_t nseq;
};
#define RENDER_PADDED UINT64_MAX

/* Scratch space for n struct vt_cell, valid until the next call. */
static struct vt_cell *
render_scratch(struct render_canvas *cv, size_t n)
{
	if (cv->scratch_size < n) {
		free(cv->scratch);
		cv->scratch = xreallocarray(NULL, n, sizeof *cv->scratch);
		cv->scratch_size = n;
	}
	return cv->scratch;
}

/* A blank compact cell: erased, width 1, the default style. */
static void
render_cblank(struct render_cell *cell)
{
	memset(cell, 0, sizeof *cell);
	cell->width = 1;
}

/* Forget every entry of x (the cells referring to them must all be drawn
   again). */
static void
render_extras_clear(struct render_extras *x)
{
	free(x->e);
	free(x->hash);
	memset(x, 0, sizeof *x);
}

/* FNV-1a over e's code points and underline colour. */
static uint32_t
render_extra_hash(const struct render_extra *e)
{
	uint32_t h = 2166136261u;
	size_t k;

	for (k = 0; k < VT_CELL_CHARS && e->ch[k] != 0; k++)
		h = (h ^ e->ch[k]) * 16777619u;
	return (h ^ e->ul) * 16777619u;
}

/* Put index i into x's hash, whose slots are fewer than twice x->n. */
static void
render_extras_slot(struct render_extras *x, uint32_t i)
{
	uint32_t slot = render_extra_hash(&x->e[i]) & (x->hsize - 1);

	while (x->hash[slot] != 0)
		slot = (slot + 1) & (x->hsize - 1);
	x->hash[slot] = i + 1;
}

/* The index of `e` in x, added if it is not there yet. */
static uint32_t
render_extras_intern(struct render_extras *x, const struct render_extra *e)
{
	uint32_t slot, i;

	if (x->hsize > 0) {
		for (slot = render_extra_hash(e) & (x->hsize - 1);
		     x->hash[slot] != 0; slot = (slot + 1) & (x->hsize - 1)) {
			i = x->hash[slot] - 1;
			if (memcmp(&x->e[i], e, sizeof *e) == 0)
				return i;
		}
	}
	if (x->n == x->size) {
		x->size = x->size * 2 + 16;
		x->e = xreallocarray(x->e, x->size, sizeof *x->e);
	}
	x->e[x->n] = *e;
	if ((x->n + 1) * 2 > x->hsize) {
		/* At most half full: rebuild twice as large. */
		free(x->hash);
		x->hsize = x->hsize > 0 ? x->hsize * 2 : 64;
		x->hash = xcalloc(x->hsize, sizeof *x->hash);
		for (i = 0; i < x->n; i++)
			render_extras_slot(x, i);
	}
	render_extras_slot(x, x->n);
	return x->n++;
}

/* Put in's cell into out. */
static void
render_pack(
    struct render_canvas *cv, struct render_cell *out, const struct vt_cell *in)
{
	struct render_extra e;
	size_t k;

	out->text = in->ch[0];
	out->fg = in->style.fg;
	out->bg = in->style.bg;
	out->attrs = in->style.attrs;
	out->underline = in->style.underline;
	out->width = in->width;
	if (in->ch[1] != 0 || in->style.ul != VT_COLOUR_DEFAULT) {
		memset(&e, 0, sizeof e);
		for (k = 0; k < VT_CELL_CHARS && in->ch[k] != 0; k++)
			e.ch[k] = in->ch[k];
		e.ul = in->style.ul;
		out->text =
		    RENDER_TEXT_EXTRA | render_extras_intern(&cv->extras, &e);
	}
}

/* Put a w x h rectangle of cells (row stride `stride`) at (x, y). */
static void
render_pack_rect(struct render_canvas *cv, const struct vt_cell *src,
    unsigned stride, unsigned x, unsigned y, unsigned w, unsigned h)
{
	struct render_cell *out;
	unsigned r, i;

	for (r = 0; r < h; r++) {
		out = render_row_w(cv, y + r) + x;
		for (i = 0; i < w; i++)
			render_pack(cv, &out[i], &src[(size_t)r * stride + i]);
	}
}

/* Blank a w x h rectangle of vt cells (row stride `stride`). */
static void
render_blank_rect(
    struct vt_cell *cells, unsigned stride, unsigned w, unsigned h)
{
	unsigned r, i;

	for (r = 0; r < h; r++) {
		for (i = 0; i < w; i++)
			render_blank(&cells[(size_t)r * stride + i], NULL);
	}
}

/*
 * Copy window w's screen into the rectangle (x, y, width, height). seq
 * (height entries, or NULL) says what each row was drawn from last frame
 * (struct render_cache): rows whose window row has not changed since are
 * left as they are.
 */
static void
render_window(struct render_canvas *cv, struct window *w, unsigned x,
    unsigned y, unsigned width, unsigned height, uint64_t *seq)
{
	struct vt_cell *row = render_scratch(cv, width > 0 ? width : 1);
	unsigned r, i, n;
	uint64_t now;
	int got;

	for (r = 0; r < height; r++) {
		now = RENDER_PADDED;
		if (w != NULL && r < w->rows)
			now = 1 + vt_line_seq(w->vt, (int)r);
		if (seq != NULL && seq[r] == now) {
			if (w != NULL && r < w->rows && x == 0 &&
			    width == cv->cols && w->cols == width)
				cv->lines[y + r] =
				    (uint8_t)vt_line_size(w->vt, (int)r);
			continue;
		}
		n = 0;
		if (w != NULL && r < w->rows) {
			got = vt_get_line(w->vt, (int)r, row,
			    width < w->cols ? width : w->cols);
			n = got > 0 ? (unsigned)got : 0;
		}
		for (i = n; i < width; i++)
			render_blank(&row[i], NULL);
		/* A wide character cut by the edge shows as a blank. */
		if (n > 0 && row[n - 1].width == 2)
			render_blank(&row[n - 1], &row[n - 1].style);
		if (width > 0 && row[0].width == 0)
			render_blank(&row[0], NULL);
		render_pack_rect(cv, row, width, x, y + r, width, 1);
		if (seq != NULL)
			seq[r] = now;
		/* A double-width or double-height line keeps its size only
		   where the window fills the display's row at its own
		   width: the terminal doubles the whole row. */
		if (w != NULL && r < w->rows && x == 0 && width == cv->cols &&
		    w->cols == width)
			cv->lines[y + r] = (uint8_t)vt_line_size(w->vt, (int)r);
	}
}

static void
render_region(struct client *c, struct layout_cell *root,
    struct layout_cell *lc, struct render_canvas *cv, uint64_t *seq)
{
	struct options *o = &c->session->options;
	struct layout_geometry g;
	struct render_cell *crow;
	struct vt_cell *tmp;
	unsigned r, i;

	layout_region_geometry(root, lc, o->caption, &g);
	if (lc->mode != NULL) {
		tmp = render_scratch(cv, (size_t)g.w * g.h + 1);
		render_blank_rect(tmp, g.w, g.w, g.h);
		lc->mode->draw(c, lc->mode_data, tmp, g.w, g.h, g.w);
		render_pack_rect(cv, tmp, g.w, g.x, g.y, g.w, g.h);
	} else
		render_window(cv, lc->window, g.x, g.y, g.w, g.h, seq);
	if (g.bottom_line && lc->h > 0) {
		crow = render_row_w(cv, lc->y + lc->h - 1) + lc->x;
		if (g.caption) {
			tmp = render_scratch(cv, (size_t)g.w + 1);
			render_blank_rect(tmp, g.w, g.w, 1);
			render_format(c,
			    o->caption_fmt != NULL ? o->caption_fmt
						   : FORMAT_DEFAULT_CAPTION,
			    lc->window, 1, lc == c->focus, tmp, g.w);
			render_pack_rect(
			    cv, tmp, g.w, lc->x, lc->y + lc->h - 1, g.w, 1);
		} else {
			for (i = 0; i < g.w; i++) {
				render_cblank(&crow[i]);
				crow[i].text = RENDER_HLINE;
			}
		}
	}
	if (g.right_border && lc->w > 0) {
		for (r = 0; r < lc->h; r++) {
			crow = render_row_w(cv, lc->y + r);
			render_cblank(&crow[lc->x + lc->w - 1]);
			crow[lc->x + lc->w - 1].text = RENDER_VLINE;
		}
	}
}

/* Append v to rc's key. */
static void
render_key_add(struct render_cache *rc, unsigned v)
{
	if (rc->nkey == rc->keysize) {
		rc->keysize = rc->keysize * 2 + 32;
		rc->key = xreallocarray(rc->key, rc->keysize, sizeof *rc->key);
	}
	rc->key[rc->nkey++] = v;
}

/*
 * Describe the layout client c's canvas is composed for this frame (area:
 * the rows of the regions; over: a message or prompt covers the last of
 * them) and compare it with the last frame's. Returns 1 if it differs,
 * or the frame is a full one: what rc kept is forgotten and everything
 * must be drawn again.
 */
static int
render_cache_check(
    struct client *c, struct render_cache *rc, unsigned area, int over)
{
	struct layout_cell *lc;
	struct layout_geometry g;
	unsigned *swap = rc->prev;
	size_t nseq = 0, swapsize = rc->prevsize;
	int same;

	/* The last key becomes prev; this one is built in prev's room. */
	rc->prev = rc->key;
	rc->nprev = rc->nkey;
	rc->prevsize = rc->keysize;
	rc->key = swap;
	rc->keysize = swapsize;
	rc->nkey = 0;
	render_key_add(rc, rc->cv.rows);
	render_key_add(rc, rc->cv.cols);
	render_key_add(rc, area);
	render_key_add(rc, c->overlay != NULL);
	render_key_add(rc, over);
	if (c->layout != NULL) {
		lc = layout_first(c->layout);
		do {
			layout_region_geometry(
			    c->layout, lc, c->session->options.caption, &g);
			render_key_add(rc, g.x);
			render_key_add(rc, g.y);
			render_key_add(rc, g.w);
			render_key_add(rc, g.h);
			render_key_add(rc,
			    (unsigned)g.bottom_line << 2 |
				(unsigned)g.caption << 1 |
				(unsigned)g.right_border);
			render_key_add(rc, lc->mode != NULL);
			render_key_add(
			    rc, lc->window != NULL ? lc->window->id + 1 : 0);
			render_key_add(
			    rc, lc->window != NULL ? lc->window->rows : 0);
			render_key_add(
			    rc, lc->window != NULL ? lc->window->cols : 0);
			nseq += g.h;
			lc = layout_next(c->layout, lc);
		} while (lc != layout_first(c->layout));
	}
	/* A full frame (C-a l, a new display) composes everything from the
	   windows again: nothing remembered is trusted. */
	same = !c->full && rc->nprev == rc->nkey &&
	    memcmp(rc->prev, rc->key, rc->nkey * sizeof *rc->key) == 0;
	if (same)
		return 0;
	free(rc->seq);
	rc->seq = xcalloc(nseq > 0 ? nseq : 1, sizeof *rc->seq);
	rc->nseq = nseq;
	return 1;
}

/*
 * Compose the canvas of client c (rc->cv) where it may differ from the
 * last frame's (rows drawn have cv->row[] set). Sets *cr, *cc to
 * where the cursor belongs and returns whether it is visible there.
 */
static int
render_compose(
    struct client *c, struct render_cache *rc, unsigned *cr, unsigned *cc)
{
	struct render_canvas *cv = &rc->cv;
	struct options *o = &c->session->options;
	struct layout_cell *lc;
	struct layout_geometry g;
	struct vt_cell *tmp;
	struct render_cell *crow;
	unsigned rows = cv->rows, cols = cv->cols;
	unsigned area = rows, i, r, wr = 0, wc = 0;
	int status_row =
	    o->hardstatus || c->message != NULL || c->prompt != NULL;
	int visible = 0, single = 0, fresh;
	size_t off = 0;

	if (o->hardstatus && rows > 1)
		area = rows - 1;
	/* The regions cover the area and the status row is drawn whole.
	   A single region surely does: no clearing (the common case, and
	   a 200x50 canvas is 280 KB); otherwise a cell nothing drew is
	   skipped like the right half of a wide character. */
	if (c->layout != NULL) {
		layout_set_size(c->layout, cols, area);
		lc = layout_first(c->layout);
		single = layout_next(c->layout, lc) == lc && lc->x == 0 &&
		    lc->y == 0 && lc->w == cols && lc->h == area;
	}
	fresh = render_cache_check(c, rc, area, status_row && area == rows);
	if (fresh) {
		/* Every row is drawn; from zeros unless one region covers
		   them. */
		cv->zero = !single;
		for (r = 0; r < rows; r++)
			render_row_w(cv, r);
		cv->zero = 0;
	}
	memset(cv->lines, VT_LINE_SINGLE, rows);
	for (r = c->layout == NULL ? 0 : area; r < rows; r++) {
		crow = render_row_w(cv, r);
		for (i = 0; i < cols; i++)
			render_cblank(&crow[i]);
	}
	if (c->layout != NULL) {
		lc = layout_first(c->layout);
		do {
			layout_region_geometry(c->layout, lc, o->caption, &g);
			render_region(c, c->layout, lc, cv,
			    lc->mode == NULL ? rc->seq + off : NULL);
			off += g.h;
			lc = layout_next(c->layout, lc);
		} while (lc != layout_first(c->layout));
	}

	/* Where the cursor goes: the focused region's window or mode. */
	if (c->focus != NULL) {
		layout_region_geometry(c->layout, c->focus, o->caption, &g);
		if (c->focus->mode != NULL) {
			if (c->focus->mode->cursor(
				c, c->focus->mode_data, &wr, &wc) == 0 &&
			    wr < g.h && wc < g.w)
				visible = 1;
		} else if (c->window != NULL) {
			vt_cursor(c->window->vt, &wr, &wc);
			visible = (vt_modes(c->window->vt) &
				      VT_MODE_CURSOR_VISIBLE) != 0 &&
			    wr < g.h && wc < g.w;
		}
		*cr = g.y + wr;
		*cc = g.x + wc;
	}

	if (c->overlay != NULL) {
		tmp = render_scratch(cv, (size_t)area * cols + 1);
		render_blank_rect(tmp, cols, cols, area);
		c->overlay->draw(c, c->overlay_data, tmp, cols, area, cols);
		render_pack_rect(cv, tmp, cols, 0, 0, cols, area);
		memset(cv->lines, VT_LINE_SINGLE, area);
		visible = 0;
	}

	if (status_row && rows > 0) {
		/* The row is blank under a hardstatus line; a message and
		   the prompt cover all of it. */
		tmp = render_scratch(cv, cols);
		render_blank_rect(tmp, cols, cols, 1);
		if (c->prompt != NULL) {
			prompt_draw(c, tmp, cols, cc);
			*cr = rows - 1;
			visible = 1;
		} else
			render_status(c, tmp, cols);
		render_pack_rect(cv, tmp, cols, 0, rows - 1, cols, 1);
		cv->lines[rows - 1] = VT_LINE_SINGLE;
	}
	return visible;
}

/* The display protocol's form of canvas cell `in`. */
static void
render_to_proto(const struct render_canvas *cv, const struct render_cell *in,
    struct proto_cell *out)
{
	const struct render_extra *e;
	struct vt_cell full;
	size_t len;

	memset(&full, 0, sizeof full);
	full.width = in->width;
	out->style.ul = VT_COLOUR_DEFAULT;
	if (in->text & RENDER_TEXT_EXTRA) {
		e = &cv->extras.e[in->text & ~RENDER_TEXT_EXTRA];
		memcpy(full.ch, e->ch, sizeof full.ch);
		out->style.ul = e->ul;
	} else
		full.ch[0] = in->text;
	len = vt_cell_utf8(&full, out->text, sizeof out->text);
	if (len == 0) {
		out->text[0] = ' ';
		out->text[1] = '\0';
		len = 1;
	}
	out->len = (uint8_t)len;
	out->width = in->width == 2 ? 2 : 1;
	out->style.attrs = in->attrs;
	out->style.underline = in->underline;
	out->style.fg = in->fg;
	out->style.bg = in->bg;
}

static int
render_cell_is_blank(const struct render_cell *cell)
{
	static const struct render_cell blank = { .width = 1 };

	return memcmp(cell, &blank, sizeof blank) == 0;
}

/* A row's hash, to find rows that moved (FNV-1a over the cells). */
static uint64_t
render_row_hash(const struct render_cell *row, unsigned cols, int *blank)
{
	uint64_t h = 0xcbf29ce484222325ULL, word;
	unsigned col;

	*blank = 1;
	for (col = 0; col < cols; col++) {
		if (!render_cell_is_blank(&row[col])) {
			*blank = 0;
			break;
		}
	}
	/* What tells rows apart: the text, the width and the colours and
	   attributes, a word at a time (FNV-1a on words). */
	for (col = 0; col < cols; col++) {
		word = (uint64_t)row[col].text << 32 | row[col].width;
		h = (h ^ word) * 0x100000001b3ULL;
		word = (uint64_t)row[col].fg << 32 | row[col].bg;
		h = (h ^ word) * 0x100000001b3ULL;
		word = (uint64_t)row[col].attrs << 32 | row[col].underline;
		h = (h ^ word) * 0x100000001b3ULL;
	}
	return h;
}

/*
 * Scrolling travels as a scroll operation, not as a redraw of every row
 * (DESIGN.md decision 3): for each full-width region whose new rows are
 * its old rows moved up by k, send PROTO_OP_SCROLL and move the rows in
 * what the client is known to show, so the diff that follows sends only
 * the rows that came in. changed[r] says whether canvas row r differs
 * from what is shown; it is updated for the rows moved. Returns 1 if it
 * sent anything.
 */
static int
render_scroll(struct client *c, struct proto_frame_writer *fw,
    struct render_canvas *cv, uint8_t *changed)
{
	unsigned rows = cv->rows, cols = cv->cols;
	size_t rowbytes = (size_t)cols * sizeof *c->shown;
	struct layout_cell *lc;
	struct layout_geometry g;
	uint64_t *oldh, *newh;
	int *oldblank, *newblank, sent = 0;
	unsigned i, k, h, best, bestk, matched, top;

	if (c->layout == NULL || c->session == NULL)
		return 0;
	oldh = newh = NULL;
	oldblank = newblank = NULL;
	lc = layout_first(c->layout);
	do {
		layout_region_geometry(
		    c->layout, lc, c->session->options.caption, &g);
		h = g.h;
		top = g.y;
		if (g.x != 0 || g.w != cols || h < 3 || top + h > rows ||
		    lc->mode != NULL)
			goto next;
		/* A region whose top row did not change did not scroll,
		   nor one where at most one row changed in place (a
		   keystroke's echo): a shift could save at most that row. */
		if (!changed[top])
			goto next;
		for (i = 1, k = 1; i < h && k < 2; i++)
			k += changed[top + i];
		if (k < 2)
			goto next;
		if (oldh == NULL) {
			oldh = xcalloc(rows, sizeof *oldh);
			newh = xcalloc(rows, sizeof *newh);
			oldblank = xcalloc(rows, sizeof *oldblank);
			newblank = xcalloc(rows, sizeof *newblank);
		}
		for (i = 0; i < h; i++) {
			oldh[i] =
			    render_row_hash(c->shown + (size_t)(top + i) * cols,
				cols, &oldblank[i]);
			newh[i] = render_row_hash(
			    render_row(cv, top + i), cols, &newblank[i]);
		}
		/* The shift that keeps the most non-blank rows. */
		best = 0;
		bestk = 0;
		for (k = 1; k < h; k++) {
			if (newh[0] != oldh[k] &&
			    newh[h - k - 1] != oldh[h - 1])
				continue;
			matched = 0;
			for (i = 0; i + k < h; i++) {
				if (newh[i] == oldh[i + k] && !newblank[i])
					matched++;
			}
			if (matched > best) {
				best = matched;
				bestk = k;
			}
		}
		/* Worth it only if more rows are saved than already match. */
		matched = 0;
		for (i = 0; i < h; i++) {
			if (newh[i] == oldh[i] && !newblank[i])
				matched++;
		}
		if (bestk == 0 || best <= matched || best < 2)
			goto next;
		proto_frame_scroll(fw, top, top + h - 1, bestk);
		/* The canvas's rows not drawn are c->shown's: copy them
		   before c->shown moves. */
		for (i = 0; i < h; i++)
			render_row_w(cv, top + i);
		memmove(c->shown + (size_t)top * cols,
		    c->shown + (size_t)(top + bestk) * cols,
		    (size_t)(h - bestk) * rowbytes);
		for (i = h - bestk; i < h; i++) {
			for (k = 0; k < cols; k++)
				render_cblank(
				    &c->shown[(size_t)(top + i) * cols + k]);
		}
		for (i = 0; i < h; i++) {
			changed[top + i] =
			    memcmp(c->shown + (size_t)(top + i) * cols,
				cv->row[top + i], rowbytes) != 0;
		}
		sent = 1;
	next:
		lc = layout_next(c->layout, lc);
	} while (lc != layout_first(c->layout));
	free(oldh);
	free(newh);
	free(oldblank);
	free(newblank);
	return sent;
}

/* Modes the outer terminal mirrors for the window shown. */
#define RENDER_MIRRORED                                                       \
	(VT_MODE_CURSOR_KEYS | VT_MODE_KEYPAD | VT_MODE_MOUSE_X10 |           \
	    VT_MODE_MOUSE_NORMAL | VT_MODE_MOUSE_BUTTON | VT_MODE_MOUSE_ANY | \
	    VT_MODE_MOUSE_UTF8 | VT_MODE_MOUSE_SGR | VT_MODE_MOUSE_URXVT |    \
	    VT_MODE_FOCUS | VT_MODE_BRACKETED_PASTE | VT_MODE_CURSOR_BLINK)

/*
 * Send client c the rows' line sizes (PROTO_LINES) if they are not what
 * it was last sent.
 */
static void
render_lines(struct client *c, const struct render_canvas *cv)
{
	struct proto_line *lines;
	unsigned r;
	size_t n = 0;

	if (memcmp(cv->lines, c->lines_sent, cv->rows) == 0)
		return;
	lines = xreallocarray(NULL, cv->rows, sizeof *lines);
	for (r = 0; r < cv->rows; r++) {
		if (cv->lines[r] != VT_LINE_SINGLE) {
			lines[n].row = (uint16_t)r;
			lines[n++].size = cv->lines[r];
		}
	}
	proto_lines_encode(&c->out, cv->rows, lines, n);
	memcpy(c->lines_sent, cv->lines, cv->rows);
	free(lines);
}

/*
 * Send client c a frame with what changed since the last one, or nothing
 * if nothing did. Clears c->dirty. The canvas is composed in compact
 * cells; rows equal to what is shown cost one compare.
 */
void
render_free(struct client *c)
{
	struct render_cache *rc = c->render;
	unsigned i;

	if (rc == NULL)
		return;
	for (i = 0; i < RENDER_SPARE_ROWS; i++)
		free(rc->cv.spare[i]);
	free(rc->cv.row);
	free(rc->cv.lines);
	free(rc->cv.changed);
	render_extras_clear(&rc->cv.extras);
	free(rc->cv.scratch);
	free(rc->key);
	free(rc->prev);
	free(rc->seq);
	free(rc);
	c->render = NULL;
}

void
render_client(struct client *c)
{
	struct proto_frame_writer fw;
	struct proto_frame hdr;
	struct proto_cell pc;
	struct render_cache *rc;
	struct render_canvas *cv;
	const struct render_cell *cell, *crow;
	struct render_cell *old;
	unsigned rows = c->rows, cols = c->cols, r, col, cr = 0, cc = 0;
	size_t ncells = (size_t)rows * cols, before,
	       rowbytes = (size_t)cols * sizeof *c->shown;
	uint32_t modes = 0;
	uint8_t *changed;
	int full = c->full, any, visible;

	c->dirty = 0;
	if (c->locked)
		return;
	if (rows == 0 || cols == 0 || c->session == NULL)
		return;
	if (c->shown == NULL || c->shown_rows != rows ||
	    c->shown_cols != cols) {
		free(c->shown);
		c->shown = xcalloc(ncells, sizeof *c->shown);
		free(c->lines_sent);
		c->lines_sent = xcalloc(rows, 1);
		c->shown_rows = rows;
		c->shown_cols = cols;
		full = 1;
	}
	if (c->render == NULL)
		c->render = xcalloc(1, sizeof *c->render);
	rc = c->render;
	cv = &rc->cv;
	if (cv->rows != rows || cv->cols != cols) {
		/* The key holds the size: all is drawn again. */
		for (r = 0; r < RENDER_SPARE_ROWS; r++) {
			free(cv->spare[r]);
			cv->spare[r] = NULL;
		}
		free(cv->row);
		free(cv->lines);
		free(cv->changed);
		cv->row = xcalloc(rows, sizeof *cv->row);
		cv->lines = xmalloc(rows);
		cv->changed = xmalloc(rows);
		cv->rows = rows;
		cv->cols = cols;
	}
	cv->base = c->shown;
	/* The table of cells with extras only grows while the display
	   lives: when it holds more than twice as many as the canvas has
	   cells, start it again and send everything. */
	if (cv->extras.n > 2 * ncells + 256) {
		render_extras_clear(&cv->extras);
		c->full = full = 1;
	}
	visible = render_compose(c, rc, &cr, &cc);

	memset(&hdr, 0, sizeof hdr);
	hdr.rows = rows;
	hdr.cols = cols;
	if (c->window != NULL && c->focus != NULL && c->focus->mode == NULL &&
	    c->overlay == NULL && c->prompt == NULL) {
		modes = vt_modes(c->window->vt);
		hdr.cursor_style = vt_cursor_style(c->window->vt);
	}
	hdr.cursor_visible = visible && cr < rows && cc < cols;
	hdr.cursor_row = cr < rows ? cr : rows - 1;
	hdr.cursor_col = cc < cols ? cc : cols - 1;
	hdr.modes = modes & RENDER_MIRRORED;
	hdr.modes |= mode_copy_modes(c);

	/* Which rows differ from what is shown: a row not drawn on this
	   frame holds what the last frame sent; a row drawn costs one
	   compare. */
	changed = cv->changed;
	for (r = 0; r < rows; r++) {
		changed[r] = full ||
		    (cv->row[r] != NULL &&
			memcmp(cv->row[r], c->shown + (size_t)r * cols,
			    rowbytes) != 0);
	}

	before = c->out.len;
	proto_frame_begin(&fw, &c->out, &hdr);
	if (full)
		proto_frame_clear(&fw);
	any = full;
	if (!full)
		any = render_scroll(c, &fw, cv, changed);
	for (r = 0; r < rows; r++) {
		if (!changed[r])
			continue;
		crow = render_row(cv, r);
		for (col = 0; col < cols; col++) {
			cell = &crow[col];
			old = &c->shown[(size_t)r * cols + col];
			if (cell->width == 0)
				continue;
			if (full) {
				if (render_cell_is_blank(cell))
					continue;
			} else if (memcmp(cell, old, sizeof *cell) == 0 &&
			    (cell->width != 2 || col + 1 >= cols ||
				memcmp(cell + 1, old + 1, sizeof *cell) == 0))
				continue;
			render_to_proto(cv, cell, &pc);
			proto_frame_cell(&fw, r, col, &pc);
			any = 1;
		}
		/* Keep what was sent. */
		if (cv->row[r] == NULL)
			continue; /* a full frame: shown holds it already */
		memcpy(c->shown + (size_t)r * cols, cv->row[r], rowbytes);
	}
	proto_frame_end(&fw);
	if (!any && memcmp(&hdr, &c->last_hdr, sizeof hdr) == 0) {
		/* Nothing to say: take the frame back. */
		c->out.len = before;
	} else
		c->last_hdr = hdr;
	if (full)
		memset(c->lines_sent, VT_LINE_SINGLE, rows);
	render_lines(c, cv);
	memset(cv->row, 0, rows * sizeof *cv->row);
	cv->nspare = 0;
	xunmap(cv->arena, ncells, sizeof *cv->arena);
	cv->arena = NULL;
	/* Scratch space beyond a row (the help, a mode) is for this frame
	   only; a row's is kept for the next (an echo's frame allocates
	   nothing). */
	if (cv->scratch_size > cols + 1) {
		free(cv->scratch);
		cv->scratch = NULL;
		cv->scratch_size = 0;
	}
	c->full = 0;
	server_client_flush(c);
}
