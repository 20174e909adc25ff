/*
 * mode-copy.c -- copy mode over a region (screen(1): copy, C-a [ and
 * C-a ESC): the window's history and screen shown in place of the
 * window, a cursor moved with vi's and screen's keys, / and ? searches
 * with n and N, marks, and copies into the paste buffer (paste.c). The
 * window keeps running underneath: its output accumulates while the view
 * stays where it was, because lines are numbered from the oldest line
 * ever kept (vt_history_dropped() + history index), not from the screen.
 * Copying never splits a wide character, joins a soft-wrapped line with
 * its continuation and trims trailing blanks. Only reads the emulator.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "cmd.h"
#include "copy.h"
#include "util/xmalloc.h"

#define COPY_PATTERN_MAX 128 /* code points of a search pattern */

struct copy_mode {
	struct window *w;
	unsigned long long top; /* absolute number of the first row shown */
	unsigned long long cy;	/* cursor line, absolute */
	unsigned cx;		/* cursor column, cells */
	int marked;
	unsigned long long my; /* the mark */
	unsigned mx;
	int left_set, right_set; /* c / C: column selection margins */
	unsigned left, right;
	int append; /* a: the next copy appends */
	unsigned count;
	unsigned rows; /* the size last drawn */
	/* Search: typing a pattern, and the last one. */
	int typing;
	int dir; /* 1 forward (/), -1 backward (?) */
	uint32_t pat[COPY_PATTERN_MAX];
	unsigned npat;
	uint32_t last[COPY_PATTERN_MAX];
	unsigned nlast;
	int lastdir;
	int highlight; /* show matches of last[] */
	unsigned long long origin_y, origin_top;
	unsigned origin_x;
};

/* The first and last absolute line numbers w holds now. */
static unsigned long long
copy_first(struct copy_mode *cm)
{
	return vt_history_dropped(cm->w->vt);
}

static unsigned long long
copy_last(struct copy_mode *cm)
{
	return copy_first(cm) + vt_history_size(cm->w->vt) +
	    vt_rows(cm->w->vt) - 1;
}

/* The emulator row (negative: history) of absolute line a. */
static int
copy_row(struct copy_mode *cm, unsigned long long a)
{
	return (int)(long long)(a - copy_first(cm)) -
	    (int)vt_history_size(cm->w->vt);
}

static int
copy_cell(struct copy_mode *cm, unsigned long long a, unsigned x,
    struct vt_cell *cell)
{
	if (vt_get_cell(cm->w->vt, copy_row(cm, a), x, cell) != 0) {
		memset(cell, 0, sizeof *cell);
		cell->width = 1;
		return -1;
	}
	return 0;
}

/* Word classes for w, b, e: 0 blank, 1 word characters, 2 other. */
static int
copy_class(const struct vt_cell *cell)
{
	uint32_t ch = cell->ch[0];

	if (ch == 0 || ch == ' ' || ch == '\t')
		return 0;
	if (ch == '_' || ch >= 0x80 || iswalnum((wint_t)ch))
		return 1;
	return 2;
}

/*
 * Append the text of cells from..to (inclusive, clamped to the line) of
 * emulator row `row` to t: erased cells as blanks, a wide character once
 * (a range starting on its right half takes it whole). Returns the offset
 * in t just after the last cell that was not erased.
 */
void
mode_copy_line_text(
    struct vt *vt, int row, unsigned from, unsigned to, struct copy_text *t)
{
	struct vt_cell *cells;
	unsigned cols = vt_cols(vt), x;
	char buf[64];
	size_t n;

	if (cols == 0 || from >= cols)
		return;
	if (to >= cols)
		to = cols - 1;
	cells = xreallocarray(NULL, cols, sizeof *cells);
	if (vt_get_line(vt, row, cells, cols) < 0) {
		free(cells);
		return;
	}
	while (from > 0 && cells[from].width == 0)
		from--;
	for (x = from; x <= to; x++) {
		if (cells[x].width == 0)
			continue;
		if (cells[x].ch[0] == 0)
			copy_text_add(t, " ", 1);
		else {
			n = vt_cell_utf8(&cells[x], buf, sizeof buf);
			copy_text_add(t, buf, n);
		}
	}
	free(cells);
}

/* Keep the cursor on a character's first cell and the view around it. */
static void
copy_clamp(struct copy_mode *cm)
{
	unsigned long long first = copy_first(cm), last = copy_last(cm);
	unsigned cols = vt_cols(cm->w->vt), rows = cm->rows ? cm->rows : 1;
	struct vt_cell cell;

	if (cm->cy < first)
		cm->cy = first;
	if (cm->cy > last)
		cm->cy = last;
	if (cm->marked && cm->my < first)
		cm->my = first;
	if (cm->marked && cm->my > last)
		cm->my = last;
	if (cm->cx >= cols)
		cm->cx = cols - 1;
	while (cm->cx > 0 && copy_cell(cm, cm->cy, cm->cx, &cell) == 0 &&
	    cell.width == 0)
		cm->cx--;
	if (cm->top < first)
		cm->top = first;
	if (last >= rows - 1 && cm->top > last - (rows - 1))
		cm->top = last - (rows - 1) < first ? first : last - (rows - 1);
	if (cm->cy < cm->top)
		cm->top = cm->cy;
	if (cm->cy >= cm->top + rows)
		cm->top = cm->cy - rows + 1;
}

/* Ordered selection ends: *sa,*sx .. *ea,*ex. 0 if nothing is marked. */
static int
copy_selection(struct copy_mode *cm, unsigned long long *sa, unsigned *sx,
    unsigned long long *ea, unsigned *ex)
{
	if (!cm->marked)
		return 0;
	if (cm->my < cm->cy || (cm->my == cm->cy && cm->mx <= cm->cx)) {
		*sa = cm->my;
		*sx = cm->mx;
		*ea = cm->cy;
		*ex = cm->cx;
	} else {
		*sa = cm->cy;
		*sx = cm->cx;
		*ea = cm->my;
		*ex = cm->mx;
	}
	return 1;
}

static int
copy_columns(struct copy_mode *cm)
{
	return cm->left_set || cm->right_set;
}

static int
copy_selected(struct copy_mode *cm, unsigned long long a, unsigned x)
{
	unsigned long long sa, ea;
	unsigned sx, ex;

	if (!copy_selection(cm, &sa, &sx, &ea, &ex) || a < sa || a > ea)
		return 0;
	if (copy_columns(cm))
		return (!cm->left_set || x >= cm->left) &&
		    (!cm->right_set || x <= cm->right);
	if (a == sa && x < sx)
		return 0;
	if (a == ea && x > ex)
		return 0;
	return 1;
}

/* Trim trailing blanks of t after offset from. */
static void
copy_trim(struct copy_text *t, size_t from)
{
	while (t->len > from && t->data[t->len - 1] == ' ')
		t->len--;
}

/*
 * The text of lines sa..ea, from column sx of the first to ex of the
 * last (or between the margins in column mode), into t.
 */
static void
copy_extract(struct copy_mode *cm, unsigned long long sa, unsigned sx,
    unsigned long long ea, unsigned ex, struct copy_text *t)
{
	static const char *const joins[] = { "\n", "", " ", "," };
	struct copy_state *cs = paste_state(cm->w->session->server);
	unsigned cols = vt_cols(cm->w->vt), from, to;
	unsigned long long a;
	size_t start;
	int row, wrapped;

	for (a = sa; a <= ea; a++) {
		row = copy_row(cm, a);
		if (copy_columns(cm)) {
			from = cm->left_set ? cm->left : 0;
			to = cm->right_set ? cm->right : cols - 1;
			wrapped = 0;
		} else {
			from = a == sa ? sx : 0;
			to = a == ea ? ex : cols - 1;
			wrapped = a != ea && vt_line_wrapped(cm->w->vt, row);
		}
		start = t->len;
		mode_copy_line_text(cm->w->vt, row, from, to, t);
		/* A soft-wrapped line continues on the next: no line end,
		   and its blanks are text (but not a cell left empty by a
		   wide character that did not fit). */
		if (wrapped) {
			struct vt_cell cell;

			if (copy_cell(cm, a, cols - 1, &cell) == 0 &&
			    cell.ch[0] == 0 && t->len > start)
				t->len--;
			continue;
		}
		copy_trim(t, start);
		if (a != ea)
			copy_text_add(t, joins[cs->join & 3],
			    strlen(joins[cs->join & 3]));
	}
}

/* Copy t into the paste buffer, say so and leave copy mode. */
static void
copy_finish(struct client *c, struct copy_mode *cm, struct copy_text *t)
{
	int append = cm->append;
	size_t len = t->len;

	paste_set_buffer(c->server, c->session, t->data != NULL ? t->data : "",
	    t->len, append);
	copy_text_free(t);
	mode_end(c, &mode_copy);
	server_client_message(c, "%s %zu characters %s buffer",
	    append ? "Appended" : "Copied", len, append ? "to" : "into");
}

static void
copy_copy_selection(struct client *c, struct copy_mode *cm)
{
	struct copy_text t;
	unsigned long long sa, ea;
	unsigned sx, ex;

	memset(&t, 0, sizeof t);
	if (!copy_selection(cm, &sa, &sx, &ea, &ex))
		return;
	copy_extract(cm, sa, sx, ea, ex, &t);
	copy_finish(c, cm, &t);
}

/* First and last non-blank columns of line a (0 and 0 if blank). */
static void
copy_line_bounds(
    struct copy_mode *cm, unsigned long long a, unsigned *lo, unsigned *hi)
{
	unsigned cols = vt_cols(cm->w->vt), x;
	struct vt_cell cell;
	int found = 0;

	*lo = *hi = 0;
	for (x = 0; x < cols; x++) {
		copy_cell(cm, a, x, &cell);
		if (cell.width == 0 || copy_class(&cell) == 0)
			continue;
		if (!found)
			*lo = x;
		found = 1;
		*hi = x;
	}
}

/* Step (a, x) one cell forward/back across lines; 0 at the ends. */
static int
copy_step(struct copy_mode *cm, unsigned long long *a, unsigned *x, int dir)
{
	unsigned cols = vt_cols(cm->w->vt);
	struct vt_cell cell;

	do {
		if (dir > 0) {
			if (*x + 1 < cols)
				(*x)++;
			else if (*a < copy_last(cm)) {
				(*a)++;
				*x = 0;
			} else
				return 0;
		} else {
			if (*x > 0)
				(*x)--;
			else if (*a > copy_first(cm)) {
				(*a)--;
				*x = cols - 1;
			} else
				return 0;
		}
		copy_cell(cm, *a, *x, &cell);
	} while (cell.width == 0);
	return 1;
}

static int
copy_class_at(struct copy_mode *cm, unsigned long long a, unsigned x)
{
	struct vt_cell cell;

	copy_cell(cm, a, x, &cell);
	return copy_class(&cell);
}

/* vi's w, b and e over the lines (a line end counts as a blank). */
static void
copy_word(struct copy_mode *cm, int key)
{
	unsigned long long a = cm->cy, pa;
	unsigned x = cm->cx, px;
	int cls;

	switch (key) {
	case 'w':
		cls = copy_class_at(cm, a, x);
		while (cls != 0) {
			pa = a;
			if (!copy_step(cm, &a, &x, 1))
				return;
			if (a != pa || copy_class_at(cm, a, x) != cls)
				break;
		}
		while (copy_class_at(cm, a, x) == 0) {
			if (!copy_step(cm, &a, &x, 1))
				break;
		}
		break;
	case 'b':
		if (!copy_step(cm, &a, &x, -1))
			return;
		while (copy_class_at(cm, a, x) == 0) {
			if (!copy_step(cm, &a, &x, -1))
				break;
		}
		cls = copy_class_at(cm, a, x);
		for (;;) {
			pa = a;
			px = x;
			if (!copy_step(cm, &pa, &px, -1) || pa != a ||
			    copy_class_at(cm, pa, px) != cls)
				break;
			x = px;
		}
		break;
	case 'e':
		if (!copy_step(cm, &a, &x, 1))
			return;
		while (copy_class_at(cm, a, x) == 0) {
			if (!copy_step(cm, &a, &x, 1))
				break;
		}
		cls = copy_class_at(cm, a, x);
		for (;;) {
			pa = a;
			px = x;
			if (!copy_step(cm, &pa, &px, 1) || pa != a ||
			    copy_class_at(cm, pa, px) != cls)
				break;
			x = px;
		}
		break;
	}
	cm->cy = a;
	cm->cx = x;
}

/* W: copy the word under the cursor. */
static void
copy_copy_word(struct client *c, struct copy_mode *cm)
{
	struct copy_text t;
	unsigned long long a = cm->cy;
	unsigned x = cm->cx, sx, ex, px;
	int cls = copy_class_at(cm, a, x);

	if (cls == 0) {
		server_client_message(c, "No word under the cursor");
		return;
	}
	sx = ex = x;
	for (;;) {
		unsigned long long pa = a;

		px = sx;
		if (!copy_step(cm, &pa, &px, -1) || pa != a ||
		    copy_class_at(cm, pa, px) != cls)
			break;
		sx = px;
	}
	for (;;) {
		unsigned long long pa = a;

		px = ex;
		if (!copy_step(cm, &pa, &px, 1) || pa != a ||
		    copy_class_at(cm, pa, px) != cls)
			break;
		ex = px;
	}
	memset(&t, 0, sizeof t);
	mode_copy_line_text(cm->w->vt, copy_row(cm, a), sx, ex, &t);
	copy_finish(c, cm, &t);
}

/* Y: copy count whole lines. */
static void
copy_copy_lines(struct client *c, struct copy_mode *cm, unsigned n)
{
	struct copy_text t;
	unsigned long long ea = cm->cy + (n > 0 ? n - 1 : 0);

	if (ea > copy_last(cm))
		ea = copy_last(cm);
	memset(&t, 0, sizeof t);
	cm->left_set = cm->right_set = 0;
	copy_extract(cm, cm->cy, 0, ea, vt_cols(cm->w->vt) - 1, &t);
	copy_finish(c, cm, &t);
}

/*
 * Line a as code points (ch[0] of each character, folded when fold) and
 * the column each starts at. Returns the count; arrays hold cols.
 */
static unsigned
copy_line_chars(struct copy_mode *cm, unsigned long long a, uint32_t *chars,
    unsigned *at, int fold)
{
	unsigned cols = vt_cols(cm->w->vt), x, n = 0;
	struct vt_cell *cells;

	cells = xreallocarray(NULL, cols, sizeof *cells);
	if (vt_get_line(cm->w->vt, copy_row(cm, a), cells, cols) < 0) {
		free(cells);
		return 0;
	}
	for (x = 0; x < cols; x++) {
		if (cells[x].width == 0)
			continue;
		chars[n] = cells[x].ch[0] == 0 ? ' ' : cells[x].ch[0];
		if (fold)
			chars[n] = (uint32_t)towlower((wint_t)chars[n]);
		at[n++] = x;
	}
	free(cells);
	return n;
}

/* Case folding unless the pattern has a capital (smartcase). */
static int
copy_fold(const uint32_t *pat, unsigned npat)
{
	unsigned i;

	for (i = 0; i < npat; i++) {
		if (iswupper((wint_t)pat[i]))
			return 0;
	}
	return 1;
}

static int
copy_match_at(const uint32_t *chars, unsigned n, unsigned i,
    const uint32_t *pat, unsigned npat, int fold)
{
	unsigned j;
	uint32_t p;

	if (i + npat > n)
		return 0;
	for (j = 0; j < npat; j++) {
		p = fold ? (uint32_t)towlower((wint_t)pat[j]) : pat[j];
		if (chars[i + j] != p)
			return 0;
	}
	return 1;
}

/*
 * Search for pat from (cy, cx), exclusive, in direction dir, wrapping at
 * the ends. Moves the cursor and returns 1 when found.
 */
static int
copy_search(struct copy_mode *cm, const uint32_t *pat, unsigned npat, int dir)
{
	unsigned long long first = copy_first(cm), last = copy_last(cm);
	unsigned long long a = cm->cy, tries;
	unsigned cols = vt_cols(cm->w->vt), n, i, *at;
	uint32_t *chars;
	int fold = copy_fold(pat, npat), found = 0;

	if (npat == 0)
		return 0;
	chars = xreallocarray(NULL, cols, sizeof *chars);
	at = xreallocarray(NULL, cols, sizeof *at);
	for (tries = 0; tries <= last - first + 1 && !found; tries++) {
		n = copy_line_chars(cm, a, chars, at, fold);
		if (dir > 0) {
			for (i = 0; i < n; i++) {
				if (tries == 0 && at[i] <= cm->cx)
					continue;
				if (copy_match_at(
					chars, n, i, pat, npat, fold)) {
					found = 1;
					break;
				}
			}
		} else {
			for (i = n; i-- > 0;) {
				if (tries == 0 && at[i] >= cm->cx)
					continue;
				if (copy_match_at(
					chars, n, i, pat, npat, fold)) {
					found = 1;
					break;
				}
			}
		}
		if (found) {
			cm->cy = a;
			cm->cx = at[i];
			break;
		}
		if (dir > 0)
			a = a >= last ? first : a + 1;
		else
			a = a <= first ? last : a - 1;
	}
	free(chars);
	free(at);
	return found;
}

/* Keys while typing a search pattern: incremental from the origin. */
static void
copy_search_key(struct client *c, struct copy_mode *cm, int key)
{
	switch (key) {
	case '\r':
	case '\n':
		cm->typing = 0;
		if (cm->npat == 0) {
			/* An empty pattern repeats the last search. */
			cm->lastdir = cm->dir;
			if (cm->nlast > 0 &&
			    !copy_search(cm, cm->last, cm->nlast, cm->dir))
				server_client_message(c, "Pattern not found");
			return;
		}
		memcpy(cm->last, cm->pat, cm->npat * sizeof cm->pat[0]);
		cm->nlast = cm->npat;
		cm->lastdir = cm->dir;
		cm->highlight = 1;
		if (cm->cy == cm->origin_y && cm->cx == cm->origin_x)
			server_client_message(c, "Pattern not found");
		return;
	case 0x1b:
	case 0x07:
	case 0x03:
		cm->typing = 0;
		cm->cy = cm->origin_y;
		cm->cx = cm->origin_x;
		cm->top = cm->origin_top;
		return;
	case 0x08:
	case 0x7f:
		if (cm->npat == 0) {
			cm->typing = 0;
			return;
		}
		cm->npat--;
		break;
	case 0x15: /* C-u */
		cm->npat = 0;
		break;
	default:
		if (key < 0x20 || key >= KEY_SPECIAL ||
		    cm->npat >= COPY_PATTERN_MAX)
			return;
		cm->pat[cm->npat++] = (uint32_t)key;
		break;
	}
	cm->cy = cm->origin_y;
	cm->cx = cm->origin_x;
	cm->top = cm->origin_top;
	copy_search(cm, cm->pat, cm->npat, cm->dir);
}

static void
copy_free(void *data)
{
	free(data);
}

static void
copy_key(struct client *c, void *data, int key)
{
	struct copy_mode *cm = data;
	struct copy_state *cs = paste_state(c->server);
	unsigned n, rows = cm->rows ? cm->rows : 1, lo, hi, i;
	unsigned long long first = copy_first(cm), last;
	static const char *const joins[] = { "Multiple lines (LF)",
		"Lines joined", "Lines joined with blanks",
		"Lines joined with comma" };

	c->dirty = 1;
	server_render_soon(c->server);
	if (cm->typing) {
		copy_search_key(c, cm, key);
		copy_clamp(cm);
		return;
	}
	if ((key >= '1' && key <= '9') || (key == '0' && cm->count > 0)) {
		if (cm->count < 100000000)
			cm->count = cm->count * 10 + (unsigned)(key - '0');
		return;
	}
	n = cm->count > 0 ? cm->count : 1;
	last = copy_last(cm);
	switch (key) {
	case 'h':
	case KEY_LEFT:
	case 0x08:
	case 0x7f:
		for (i = 0; i < n && cm->cx > 0; i++) {
			unsigned long long a = cm->cy;

			copy_step(cm, &a, &cm->cx, -1);
		}
		break;
	case 'l':
	case KEY_RIGHT:
		for (i = 0; i < n; i++) {
			unsigned long long a = cm->cy;
			unsigned x = cm->cx;

			if (!copy_step(cm, &a, &x, 1) || a != cm->cy)
				break;
			cm->cx = x;
		}
		break;
	case 'j':
	case KEY_DOWN:
	case 0x0e:
	case '+':
		cm->cy = cm->cy + n > last ? last : cm->cy + n;
		if (key == '+') {
			copy_line_bounds(cm, cm->cy, &lo, &hi);
			cm->cx = lo;
		}
		break;
	case 'k':
	case KEY_UP:
	case 0x10:
	case '-':
		cm->cy = cm->cy < first + n ? first : cm->cy - n;
		if (key == '-') {
			copy_line_bounds(cm, cm->cy, &lo, &hi);
			cm->cx = lo;
		}
		break;
	case '0':
	case KEY_HOME:
		cm->cx = 0;
		break;
	case '^':
		copy_line_bounds(cm, cm->cy, &lo, &hi);
		cm->cx = lo;
		break;
	case '$':
	case KEY_END:
		copy_line_bounds(cm, cm->cy, &lo, &hi);
		cm->cx = hi;
		break;
	case '|':
		cm->cx = n - 1;
		break;
	case 'w':
	case 'b':
	case 'e':
		for (i = 0; i < n; i++)
			copy_word(cm, key);
		break;
	case 'H':
		cm->cy = cm->top;
		break;
	case 'M':
		cm->cy = cm->top + rows / 2;
		break;
	case 'L':
		cm->cy = cm->top + rows - 1;
		break;
	case 'g':
		cm->cy = first;
		cm->cx = 0;
		break;
	case 'G':
		/* NUMBER G: that line (1 the oldest); G alone: the last. */
		cm->cy = cm->count > 0 ? first + cm->count - 1 : last;
		cm->cx = 0;
		break;
	case 0x15: /* C-u */
	case 0x02: /* C-b */
	case KEY_PPAGE:
		i = key == 0x15 ? (rows + 1) / 2 : rows;
		cm->cy = cm->cy < first + i ? first : cm->cy - i;
		cm->top = cm->top < first + i ? first : cm->top - i;
		break;
	case 0x04: /* C-d */
	case 0x06: /* C-f */
	case KEY_NPAGE:
		i = key == 0x04 ? (rows + 1) / 2 : rows;
		cm->cy += i;
		cm->top += i;
		break;
	case 0x05: /* C-e: the view down a line */
		cm->top++;
		if (cm->cy < cm->top)
			cm->cy = cm->top;
		break;
	case 0x19: /* C-y: the view up a line */
		if (cm->top > first)
			cm->top--;
		if (cm->cy >= cm->top + rows)
			cm->cy = cm->top + rows - 1;
		break;
	case KEY_WHEEL_UP: /* the view up three lines */
		cm->top = cm->top < first + 3 ? first : cm->top - 3;
		if (cm->cy >= cm->top + rows)
			cm->cy = cm->top + rows - 1;
		break;
	case KEY_WHEEL_DOWN:
		cm->top += 3;
		if (cm->cy < cm->top)
			cm->cy = cm->top;
		break;
	case '/':
	case '?':
		cm->typing = 1;
		cm->dir = key == '/' ? 1 : -1;
		cm->npat = 0;
		cm->origin_y = cm->cy;
		cm->origin_x = cm->cx;
		cm->origin_top = cm->top;
		break;
	case 'n':
	case 'N':
		if (cm->nlast == 0)
			server_client_message(c, "No previous pattern");
		else if (!copy_search(cm, cm->last, cm->nlast,
			     key == 'n' ? cm->lastdir : -cm->lastdir))
			server_client_message(c, "Pattern not found");
		cm->highlight = 1;
		break;
	case 'v':
		cm->marked = 1;
		cm->my = cm->cy;
		cm->mx = cm->cx;
		server_client_message(c, "First mark set - Column %u Line %llu",
		    cm->cx + 1, cm->cy - first + 1);
		break;
	case ' ':
	case '\r':
	case '\n':
	case 'y':
		if (cm->marked) {
			copy_copy_selection(c, cm);
			return;
		}
		if (key == 'y') {
			copy_copy_lines(c, cm, n);
			return;
		}
		cm->marked = 1;
		cm->my = cm->cy;
		cm->mx = cm->cx;
		server_client_message(c, "First mark set - Column %u Line %llu",
		    cm->cx + 1, cm->cy - first + 1);
		break;
	case 'Y':
		copy_copy_lines(c, cm, n);
		return;
	case 'W':
		copy_copy_word(c, cm);
		return;
	case 'c':
		cm->left_set = 1;
		cm->left = cm->cx;
		server_client_message(
		    c, "Column %u set as left margin", cm->cx + 1);
		break;
	case 'C':
		cm->right_set = 1;
		cm->right = cm->cx;
		server_client_message(
		    c, "Column %u set as right margin", cm->cx + 1);
		break;
	case 'a':
		cm->append = !cm->append;
		server_client_message(c, "Append mode %s",
		    cm->append ? "on: the copy is added to the buffer" : "off");
		break;
	case 'A':
		cm->append = 1;
		cm->marked = 1;
		cm->my = cm->cy;
		cm->mx = cm->cx;
		server_client_message(c, "Append mode on, first mark set");
		break;
	case 'J':
		cs->join = (cs->join + 1) & 3;
		server_client_message(c, "%s", joins[cs->join]);
		break;
	case 'x':
		if (cm->marked) {
			unsigned long long a = cm->my;
			unsigned x = cm->mx;

			cm->my = cm->cy;
			cm->mx = cm->cx;
			cm->cy = a;
			cm->cx = x;
		}
		break;
	case 'q':
	case 0x1b:
	case 0x07:
		cm->count = 0;
		mode_end(c, &mode_copy);
		return;
	default:
		break;
	}
	cm->count = 0;
	copy_clamp(cm);
}

/* Styles: the selection inverts, matches show black on yellow. */
static void
copy_style_cell(struct vt_cell *cell, int selected, int match)
{
	if (match) {
		cell->style.fg = VT_COLOUR_INDEXED(0);
		cell->style.bg = VT_COLOUR_INDEXED(3);
		cell->style.attrs &= (uint16_t)~VT_ATTR_INVERSE;
	}
	if (selected)
		cell->style.attrs ^= VT_ATTR_INVERSE;
}

static void
copy_draw(struct client *c, void *data, struct vt_cell *canvas, unsigned stride,
    unsigned rows, unsigned cols)
{
	struct copy_mode *cm = data;
	struct vt_cell *row, *cells;
	struct vt_style inv;
	unsigned vcols = vt_cols(cm->w->vt), r, x, width, n, i, j, col, *at;
	unsigned long long a, first, last;
	uint32_t *chars, *pat;
	unsigned char *match;
	unsigned npat;
	int fold;
	char text[64];

	(void)c;
	cm->rows = rows;
	copy_clamp(cm);
	first = copy_first(cm);
	last = copy_last(cm);
	width = cols < vcols ? cols : vcols;
	cells = xreallocarray(NULL, vcols, sizeof *cells);
	chars = xreallocarray(NULL, vcols, sizeof *chars);
	at = xreallocarray(NULL, vcols, sizeof *at);
	match = xcalloc(vcols, 1);
	pat = cm->typing ? cm->pat : cm->last;
	npat = cm->typing ? cm->npat : (cm->highlight ? cm->nlast : 0);
	fold = copy_fold(pat, npat);
	memset(&inv, 0, sizeof inv);
	inv.attrs = VT_ATTR_INVERSE;
	for (r = 0; r < rows; r++) {
		a = cm->top + r;
		if (a > last)
			break;
		row = canvas + (size_t)r * stride;
		if (vt_get_line(cm->w->vt, copy_row(cm, a), cells, vcols) < 0)
			continue;
		memset(match, 0, vcols);
		if (npat > 0) {
			n = copy_line_chars(cm, a, chars, at, fold);
			for (i = 0; i < n; i++) {
				if (!copy_match_at(
					chars, n, i, pat, npat, fold))
					continue;
				for (j = 0; j < npat; j++) {
					x = at[i + j];
					match[x] = 1;
					if (cells[x].width == 2 &&
					    x + 1 < vcols)
						match[x + 1] = 1;
				}
			}
		}
		for (x = 0; x < width; x++) {
			row[x] = cells[x];
			copy_style_cell(
			    &row[x], copy_selected(cm, a, x), match[x]);
		}
		/* Never half a wide character at either edge. */
		if (width > 0 && row[width - 1].width == 2) {
			memset(&row[width - 1], 0, sizeof row[width - 1]);
			row[width - 1].width = 1;
		}
		if (width > 0 && row[0].width == 0) {
			memset(&row[0], 0, sizeof row[0]);
			row[0].width = 1;
		}
	}
	free(cells);
	free(chars);
	free(at);
	free(match);

	/* The position: [line/total] at the top right. */
	snprintf(text, sizeof text, "[%llu/%llu]", cm->cy - first + 1,
	    last - first + 1);
	n = render_text_width(text);
	if (n <= cols && rows > 0) {
		col = cols - n;
		if (col > 0 && canvas[col].width == 0) {
			memset(&canvas[col - 1], 0, sizeof canvas[0]);
			canvas[col - 1].width = 1;
		}
		render_text(canvas, cols, &col, text, &inv);
	}
	/* The pattern being typed, on the last row. */
	if (cm->typing && rows > 0) {
		row = canvas + (size_t)(rows - 1) * stride;
		for (x = 0; x < cols; x++) {
			memset(&row[x], 0, sizeof row[x]);
			row[x].width = 1;
			row[x].style = inv;
		}
		col = 0;
		render_text(row, cols, &col, cm->dir > 0 ? "/" : "?", &inv);
		for (i = 0; i < cm->npat; i++) {
			char u[8];
			int len = wctomb(u, (wchar_t)cm->pat[i]);

			if (len <= 0)
				continue;
			u[len] = '\0';
			render_text(row, cols, &col, u, &inv);
		}
	}
}

static int
copy_cursor(struct client *c, void *data, unsigned *row, unsigned *col)
{
	struct copy_mode *cm = data;
	unsigned i;

	(void)c;
	if (cm->typing) {
		*row = cm->rows > 0 ? cm->rows - 1 : 0;
		*col = 1;
		for (i = 0; i < cm->npat; i++) {
			int w = wcwidth((wchar_t)cm->pat[i]);

			*col += w > 0 ? (unsigned)w : 0;
		}
		return 0;
	}
	if (cm->cy < cm->top || cm->cy >= cm->top + cm->rows)
		return -1;
	*row = (unsigned)(cm->cy - cm->top);
	*col = cm->cx;
	return 0;
}

const struct mode_entry mode_copy = { "copy", copy_draw, copy_key, copy_free,
	copy_cursor };

/*
 * Enter copy mode over c's focused region, on its window's cursor (scroll
 * > 0: that many lines up, for the mouse wheel). Returns 0, or -1 when
 * there is no window to copy from.
 */
int
mode_copy_start(struct client *c, int scroll)
{
	struct copy_mode *cm;
	struct window *w = c->window;
	unsigned row, col;

	if (c->focus == NULL || w == NULL)
		return -1;
	if (c->focus->mode == &mode_copy)
		return 0;
	if (c->focus->mode != NULL)
		mode_end(c, c->focus->mode);
	cm = xcalloc(1, sizeof *cm);
	cm->w = w;
	vt_cursor(w->vt, &row, &col);
	cm->top = vt_history_dropped(w->vt) + vt_history_size(w->vt);
	cm->cy = cm->top + row;
	cm->cx = col;
	cm->rows = w->rows;
	if (scroll > 0) {
		cm->top =
		    cm->top < (unsigned)scroll ? 0 : cm->top - (unsigned)scroll;
		if (cm->cy >= cm->top + cm->rows)
			cm->cy = cm->top + cm->rows - 1;
	}
	copy_clamp(cm);
	c->focus->mode = &mode_copy;
	c->focus->mode_data = cm;
	c->dirty = 1;
	server_render_soon(c->server);
	return 0;
}

/*
 * The terminal modes c's terminal needs for the wheel: the mouse is
 * reported (normal tracking, SGR encoding) while the focused region is in
 * copy mode, and -- with mousescroll on -- while the focused window shows
 * and its program has not asked for the mouse itself, so that the wheel
 * can open copy mode (c->wheel_mouse tells the input path to take the
 * reports). Terminals keep their own selection on shift-drag.
 */
uint32_t
mode_copy_modes(struct client *c)
{
	const uint32_t mouse = VT_MODE_MOUSE_X10 | VT_MODE_MOUSE_NORMAL |
	    VT_MODE_MOUSE_BUTTON | VT_MODE_MOUSE_ANY;

	c->wheel_mouse = 0;
	if (c->focus == NULL || !paste_state(c->server)->mousescroll)
		return 0;
	if (c->focus->mode == &mode_copy)
		return VT_MODE_MOUSE_NORMAL | VT_MODE_MOUSE_SGR;
	if (c->focus->mode != NULL || c->overlay != NULL || c->prompt != NULL ||
	    c->window == NULL || (vt_modes(c->window->vt) & mouse) != 0)
		return 0;
	c->wheel_mouse = 1;
	return VT_MODE_MOUSE_NORMAL | VT_MODE_MOUSE_SGR;
}

/* Window w is going: copy modes over it end, on every display. */
void
mode_copy_window_gone(struct server *s, struct window *w)
{
	struct client *c;
	struct layout_cell *lc;
	struct copy_mode *cm;

	TAILQ_FOREACH (c, &s->clients, entry) {
		if (c->layout == NULL)
			continue;
		lc = layout_first(c->layout);
		do {
			cm = lc->mode_data;
			if (lc->mode == &mode_copy && cm != NULL &&
			    cm->w == w) {
				copy_free(cm);
				lc->mode = NULL;
				lc->mode_data = NULL;
				c->dirty = 1;
			}
			lc = layout_next(c->layout, lc);
		} while (lc != layout_first(c->layout));
	}
}

/* screen(1): copy -- C-a [ and C-a ESC. */
int
cmd_copy_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct client *c = ctx->client;

	(void)argc;
	(void)argv;
	if (c == NULL && ctx->session != NULL) {
		/* From -X: the session's first attached display. */
		TAILQ_FOREACH (c, &ctx->session->server->clients, entry) {
			if (c->state == CLIENT_ATTACHED &&
			    c->session == ctx->session)
				break;
		}
	}
	if (c == NULL)
		return cmd_error(ctx, "copy: no display");
	if (mode_copy_start(c, 0) != 0)
		return cmd_error(ctx, "copy: no window");
	return 0;
}
