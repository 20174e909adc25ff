/*
 * render.c -- composes what each display should show and sends the
 * difference from what it showed before (DESIGN.md decision 3). The
 * composition is a rows x cols canvas of cells: the current window's rows
 * (cropped or padded with blanks when the window has another size; a wide
 * character cut by the right edge becomes a blank, never half of one) and
 * the status line on the last row. Only reads the emulator.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "roost.h"
#include "util/xmalloc.h"

/* The status line's colours: black on green, the current tab inverted. */
#define RENDER_STATUS_FG VT_COLOUR_INDEXED(0)
#define RENDER_STATUS_BG VT_COLOUR_INDEXED(2)

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
 * character that would not fit is not written). Returns nothing; *col
 * advances by the cells used.
 */
static void
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
			continue; /* controls never reach the status line */
		if (w == 0) {
			/* A combining mark joins the previous cell. */
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
static unsigned
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
 * The default status line (DESIGN.md decision 8): the session name, the
 * window list as tabs with the current one highlighted, and a clock
 * without seconds at the right. A message replaces it while shown.
 * row is cols cells.
 */
void
render_status(struct client *c, struct vt_cell *row, unsigned cols)
{
	struct vt_style bar, cur;
	struct window *w;
	unsigned col = 0, i, clock_width;
	char buf[512], clock[16];
	struct tm tm;
	time_t now;

	memset(&bar, 0, sizeof bar);
	bar.fg = RENDER_STATUS_FG;
	bar.bg = RENDER_STATUS_BG;
	cur = bar;
	cur.attrs = VT_ATTR_BOLD | VT_ATTR_INVERSE;
	for (i = 0; i < cols; i++)
		render_blank(&row[i], &bar);

	if (c->message != NULL) {
		struct vt_style msg = bar;

		msg.attrs = VT_ATTR_BOLD;
		render_text(row, cols, &col, c->message, &msg);
		return;
	}
	if (c->session == NULL)
		return;

	now = time(NULL);
	localtime_r(&now, &tm);
	strftime(clock, sizeof clock, " %H:%M ", &tm);
	clock_width = render_text_width(clock);

	snprintf(buf, sizeof buf, "[%s] ", c->session->name);
	render_text(row, cols, &col, buf, &bar);
	TAILQ_FOREACH(w, &c->session->windows, entry)
	{
		snprintf(buf, sizeof buf, " %u%s %s ", w->number,
		    w->bell ? "!" : "", window_title(w));
		if (col + clock_width >= cols)
			break;
		render_text(row, cols - clock_width, &col, buf,
		    w == c->window ? &cur : &bar);
	}
	if (cols >= clock_width) {
		col = cols - clock_width;
		render_text(row, cols, &col, clock, &bar);
	}
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

/* Compose the canvas for client c: rows x cols cells. */
static void
render_compose(
    struct client *c, struct vt_cell *canvas, unsigned rows, unsigned cols)
{
	struct window *w = c->window;
	unsigned area = rows > 1 ? rows - 1 : rows, r, i, n;
	struct vt_cell *row;

	for (r = 0; r < area; r++) {
		row = canvas + (size_t)r * cols;
		n = 0;
		if (w != NULL && r < w->rows) {
			int got = vt_get_line(w->vt, (int)r, row,
			    cols < w->cols ? cols : w->cols);

			n = got > 0 ? (unsigned)got : 0;
		}
		for (i = n; i < cols; i++)
			render_blank(&row[i], NULL);
		/* A wide character cut by the right edge shows as a blank. */
		if (n > 0 && row[n - 1].width == 2)
			render_blank(&row[n - 1], &row[n - 1].style);
		/* A continuation cell whose leader was not copied. */
		if (row[0].width == 0)
			render_blank(&row[0], NULL);
	}
	if (rows > 1)
		render_status(c, canvas + (size_t)(rows - 1) * cols, cols);
}

static int
render_cell_is_blank(const struct vt_cell *cell)
{
	static const struct vt_cell blank = {.width = 1};

	return memcmp(cell, &blank, sizeof blank) == 0;
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
	unsigned area = rows > 1 ? rows - 1 : rows;
	size_t ncells = (size_t)rows * cols, before;
	uint32_t modes = 0;
	int full = c->full, changed;

	c->dirty = 0;
	if (rows == 0 || cols == 0)
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
	render_compose(c, canvas, rows, cols);

	memset(&hdr, 0, sizeof hdr);
	hdr.rows = rows;
	hdr.cols = cols;
	if (c->window != NULL) {
		vt_cursor(c->window->vt, &cr, &cc);
		modes = vt_modes(c->window->vt);
		hdr.cursor_style = vt_cursor_style(c->window->vt);
	}
	hdr.cursor_visible = (modes & VT_MODE_CURSOR_VISIBLE) != 0 &&
	    cr < area && cc < cols && c->message == NULL;
	if (c->message != NULL) {
		cr = rows - 1;
		cc = render_text_width(c->message);
	}
	hdr.cursor_row = cr < rows ? cr : rows - 1;
	hdr.cursor_col = cc < cols ? cc : cols - 1;
	hdr.modes = modes & RENDER_MIRRORED;

	before = c->out.len;
	proto_frame_begin(&fw, &c->out, &hdr);
	if (full)
		proto_frame_clear(&fw);
	changed = full;
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
