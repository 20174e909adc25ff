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

/* Copy window w's screen into the rectangle (x, y, width, height). */
static void
render_window(struct window *w, struct vt_cell *canvas, unsigned stride,
    unsigned x, unsigned y, unsigned width, unsigned height)
{
	struct vt_cell *row;
	unsigned r, i, n;
	int got;

	for (r = 0; r < height; r++) {
		row = canvas + (size_t)(y + r) * stride + x;
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
	}
}

static void
render_region(struct client *c, struct layout_cell *root,
    struct layout_cell *lc, struct vt_cell *canvas, unsigned stride)
{
	struct options *o = &c->session->options;
	struct layout_geometry g;
	struct vt_style border;
	struct vt_cell *row;
	unsigned r, i;

	layout_region_geometry(root, lc, o->caption, &g);
	memset(&border, 0, sizeof border);
	if (lc->mode != NULL) {
		for (r = 0; r < g.h; r++) {
			for (i = 0; i < g.w; i++)
				render_blank(
				    &canvas[(size_t)(g.y + r) * stride + g.x +
					i],
				    NULL);
		}
		lc->mode->draw(c, lc->mode_data,
		    canvas + (size_t)g.y * stride + g.x, stride, g.h, g.w);
	} else
		render_window(lc->window, canvas, stride, g.x, g.y, g.w, g.h);
	if (g.bottom_line && lc->h > 0) {
		row = canvas + (size_t)(lc->y + lc->h - 1) * stride + lc->x;
		if (g.caption) {
			render_format(c,
			    o->caption_fmt != NULL ? o->caption_fmt
						   : FORMAT_DEFAULT_CAPTION,
			    lc->window, 1, lc == c->focus, row, g.w);
		} else {
			for (i = 0; i < g.w; i++) {
				render_blank(&row[i], &border);
				row[i].ch[0] = RENDER_HLINE;
			}
		}
	}
	if (g.right_border && lc->w > 0) {
		for (r = 0; r < lc->h; r++) {
			row = canvas + (size_t)(lc->y + r) * stride;
			render_blank(&row[lc->x + lc->w - 1], &border);
			row[lc->x + lc->w - 1].ch[0] = RENDER_VLINE;
		}
	}
}

/*
 * Compose the canvas for client c: rows x cols cells. Sets *cr, *cc to
 * where the cursor belongs and returns whether it is visible there.
 */
static int
render_compose(struct client *c, struct vt_cell *canvas, unsigned rows,
    unsigned cols, unsigned *cr, unsigned *cc)
{
	struct options *o = &c->session->options;
	struct layout_cell *lc;
	struct layout_geometry g;
	unsigned area = rows, r, i, wr = 0, wc = 0;
	int status_row =
	    o->hardstatus || c->message != NULL || c->prompt != NULL;
	int visible = 0;

	if (o->hardstatus && rows > 1)
		area = rows - 1;
	for (i = 0; i < (size_t)rows * cols; i++)
		render_blank(&canvas[i], NULL);
	if (c->layout != NULL) {
		layout_set_size(c->layout, cols, area);
		lc = layout_first(c->layout);
		do {
			render_region(c, c->layout, lc, canvas, cols);
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
		for (i = 0; i < (size_t)area * cols; i++)
			render_blank(&canvas[i], NULL);
		c->overlay->draw(c, c->overlay_data, canvas, cols, area, cols);
		visible = 0;
	}

	if (status_row && rows > 0) {
		struct vt_cell *row = canvas + (size_t)(rows - 1) * cols;

		if (c->prompt != NULL) {
			for (r = 0; r < cols; r++)
				render_blank(&row[r], NULL);
			prompt_draw(c, row, cols, cc);
			*cr = rows - 1;
			visible = 1;
		} else
			render_status(c, row, cols);
	}
	return visible;
}

static void
render_to_proto(const struct vt_cell *in, struct proto_cell *out)
{
	size_t len;

	len = vt_cell_utf8(in, out->text, sizeof out->text);
	if (len == 0) {
		out->text[0] = ' ';
		out->text[1] = '\0';
		len = 1;
	}
	out->len = (uint8_t)len;
	out->width = in->width == 2 ? 2 : 1;
	out->style.attrs = in->style.attrs;
	out->style.underline = in->style.underline;
	out->style.fg = in->style.fg;
	out->style.bg = in->style.bg;
	out->style.ul = in->style.ul;
}

static int
render_cell_is_blank(const struct vt_cell *cell)
{
	static const struct vt_cell blank = { .width = 1 };

	return memcmp(cell, &blank, sizeof blank) == 0;
}

/* A row's hash, to find rows that moved (FNV-1a over the cells). */
static uint64_t
render_row_hash(const struct vt_cell *row, unsigned cols, int *blank)
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
	/* What tells rows apart: the first code point, the width and the
	   colours and attributes, a word at a time (FNV-1a on words). */
	for (col = 0; col < cols; col++) {
		word = (uint64_t)row[col].ch[0] << 32 | row[col].ch[1] << 8 |
		    row[col].width;
		h = (h ^ word) * 0x100000001b3ULL;
		word = (uint64_t)row[col].style.fg << 32 | row[col].style.bg;
		h = (h ^ word) * 0x100000001b3ULL;
		word = (uint64_t)row[col].style.attrs << 32 |
		    row[col].style.underline;
		h = (h ^ word) * 0x100000001b3ULL;
	}
	return h;
}

/*
 * Scrolling travels as a scroll operation, not as a redraw of every row
 * (DESIGN.md decision 3): for each full-width region whose new rows are
 * its old rows moved up by k, send PROTO_OP_SCROLL and move the rows in
 * what the client is known to show, so the diff that follows sends only
 * the rows that came in. Returns 1 if it sent anything.
 */
static int
render_scroll(struct client *c, struct proto_frame_writer *fw,
    const struct vt_cell *canvas, unsigned rows, unsigned cols)
{
	struct layout_cell *lc;
	struct layout_geometry g;
	uint64_t *oldh, *newh;
	int *oldblank, *newblank, sent = 0;
	unsigned i, k, h, best, bestk, matched, top;

	if (c->layout == NULL || c->session == NULL)
		return 0;
	oldh = xcalloc(rows, sizeof *oldh);
	newh = xcalloc(rows, sizeof *newh);
	oldblank = xcalloc(rows, sizeof *oldblank);
	newblank = xcalloc(rows, sizeof *newblank);
	lc = layout_first(c->layout);
	do {
		layout_region_geometry(
		    c->layout, lc, c->session->options.caption, &g);
		h = g.h;
		top = g.y;
		if (g.x != 0 || g.w != cols || h < 3 || top + h > rows ||
		    lc->mode != NULL)
			goto next;
		/* A region whose top row did not change did not scroll:
		   the common case (a keystroke's echo) costs one row. */
		if (memcmp(c->shown + (size_t)top * cols,
			canvas + (size_t)top * cols,
			(size_t)cols * sizeof *canvas) == 0)
			goto next;
		for (i = 0; i < h; i++) {
			oldh[i] =
			    render_row_hash(c->shown + (size_t)(top + i) * cols,
				cols, &oldblank[i]);
			newh[i] =
			    render_row_hash(canvas + (size_t)(top + i) * cols,
				cols, &newblank[i]);
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
		memmove(c->shown + (size_t)top * cols,
		    c->shown + (size_t)(top + bestk) * cols,
		    (size_t)(h - bestk) * cols * sizeof *c->shown);
		for (i = h - bestk; i < h; i++) {
			for (k = 0; k < cols; k++)
				render_blank(
				    &c->shown[(size_t)(top + i) * cols + k],
				    NULL);
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
 * Send client c a frame with what changed since the last one, or nothing
 * if nothing did. Clears c->dirty.
 */
void
render_client(struct client *c)
{
	struct proto_frame_writer fw;
	struct proto_frame hdr;
	struct proto_cell pc;
	struct vt_cell *canvas, *cell, *old;
	unsigned rows = c->rows, cols = c->cols, r, col, cr = 0, cc = 0;
	size_t ncells = (size_t)rows * cols, before;
	uint32_t modes = 0;
	int full = c->full, changed, visible;

	c->dirty = 0;
	if (c->locked)
		return;
	if (rows == 0 || cols == 0 || c->session == NULL)
		return;
	if (c->shown == NULL || c->shown_rows != rows ||
	    c->shown_cols != cols) {
		free(c->shown);
		c->shown = xcalloc(ncells, sizeof *c->shown);
		c->shown_rows = rows;
		c->shown_cols = cols;
		full = 1;
	}
	canvas = xreallocarray(NULL, ncells, sizeof *canvas);
	visible = render_compose(c, canvas, rows, cols, &cr, &cc);

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

	before = c->out.len;
	proto_frame_begin(&fw, &c->out, &hdr);
	if (full)
		proto_frame_clear(&fw);
	changed = full;
	if (!full)
		changed = render_scroll(c, &fw, canvas, rows, cols);
	for (r = 0; r < rows; r++) {
		for (col = 0; col < cols; col++) {
			cell = &canvas[(size_t)r * cols + col];
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
			render_to_proto(cell, &pc);
			proto_frame_cell(&fw, r, col, &pc);
			changed = 1;
		}
	}
	proto_frame_end(&fw);
	if (!changed && memcmp(&hdr, &c->last_hdr, sizeof hdr) == 0) {
		/* Nothing to say: take the frame back. */
		c->out.len = before;
	} else
		c->last_hdr = hdr;
	memcpy(c->shown, canvas, ncells * sizeof *canvas);
	free(canvas);
	c->full = 0;
	server_client_flush(c);
}
