/*
 * tty.c -- the client's terminal (see tty.h). Owns the termios state of
 * the client's terminal, the terminfo description of its TERM, the two
 * kept copies of the display (what the server wants shown, what the
 * terminal shows) and the output buffer. Turns frame operations into the
 * fewest bytes this TERM takes, degrading colours and attributes to what
 * it has.
 *
 * It must not: use the curses screen functions (initscr, newterm,
 * refresh), read from the terminal, know about sockets or the event loop,
 * or hold any global state beyond the one pointer tputs() needs for its
 * output callback (tputs takes no argument for it).
 */
#include <sys/ioctl.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "proto/proto.h"
#include "tty.h"
#include "util/xmalloc.h"
#include "vt/vt.h"

/* After our headers: term.h defines every capability's long name as a
   macro (lines, bell, cursor_visible, ...). */
#include <curses.h>
#include <term.h>
#undef cursor_visible

/* A growable byte buffer; data[off .. len) is still to be written. */
struct tty_buf {
	char *data;
	size_t len;
	size_t size;
	size_t off;
};

/* One cell of a kept copy. width 0 is the right half of a wide cell;
   TTY_WIDTH_UNKNOWN marks a cell whose content on the terminal is not
   known (it never compares equal, so it is redrawn). */
#define TTY_WIDTH_UNKNOWN 0xff
struct tty_cell {
	struct proto_style style;
	uint8_t width;
	uint8_t len;
	char text[PROTO_CELL_TEXT_MAX + 1];
};

/* The rendition the terminal is asked for: a proto_style reduced to what
   the terminal can show (colours mapped down, missing attributes
   dropped). */
struct tty_sgr {
	uint16_t attrs;
	uint8_t underline;
	uint32_t fg, bg, ul;
};

/* Behaviour known from the TERM name where terminfo says nothing. */
#define TTY_KNOWN_XTERMLIKE 0x01 /* OSC titles, 9/53 SGR, mouse, 2004 */
#define TTY_KNOWN_SYNC	    0x02 /* mode 2026 */
#define TTY_KNOWN_ULCOLOUR  0x04 /* SGR 58/59 underline colour */
#define TTY_KNOWN_ULSTYLE   0x08 /* SGR 4:N underline styles */
#define TTY_KNOWN_MODERN                                             \
	(TTY_KNOWN_XTERMLIKE | TTY_KNOWN_SYNC | TTY_KNOWN_ULCOLOUR | \
	    TTY_KNOWN_ULSTYLE)

static const struct {
	const char *prefix;
	int flags;
} tty_known[] = {
	/* Longest matching prefix wins. */
	{ "xterm", TTY_KNOWN_XTERMLIKE },
	{ "xterm-kitty", TTY_KNOWN_MODERN },
	{ "xterm-ghostty", TTY_KNOWN_MODERN },
	{ "kitty", TTY_KNOWN_MODERN },
	{ "foot", TTY_KNOWN_MODERN },
	{ "contour", TTY_KNOWN_MODERN },
	{ "wezterm", TTY_KNOWN_MODERN },
	{ "alacritty", TTY_KNOWN_MODERN },
	{ "mintty", TTY_KNOWN_XTERMLIKE | TTY_KNOWN_SYNC },
	{ "iterm", TTY_KNOWN_XTERMLIKE | TTY_KNOWN_SYNC },
	{ "tmux", TTY_KNOWN_XTERMLIKE },
	{ "vte", TTY_KNOWN_XTERMLIKE | TTY_KNOWN_ULCOLOUR | TTY_KNOWN_ULSTYLE },
	{ "gnome", TTY_KNOWN_XTERMLIKE },
	{ "konsole", TTY_KNOWN_XTERMLIKE },
	{ "rxvt", TTY_KNOWN_XTERMLIKE },
};

/* Terminfo strings used; NULL when absent or cancelled. */
struct tty_caps {
	const char *acsc, *bel, *blink, *bold, *civis, *clear, *cnorm, *cr,
	    *csr, *cuf, *cup, *dim, *dl, *dl1, *ed, *el, *enacs, *fsl, *il,
	    *il1, *ind, *indn, *invis, *op, *rep, *rev, *rmacs, *rmcup, *rmkx,
	    *setab, *setaf, *setrgbb, *setrgbf, *sgr0, *sitm, *smacs, *smcup,
	    *smkx, *smul, *smxx, *tsl, *Se, *Setulc, *Smol, *Smulx, *Ss, *Sync,
	    *Ms;
	int am, xenl, bce, hs, XT;
	int colors; /* terminfo colors, -1 if absent */
};

/* shown_size of a row whose line size on the terminal is not known. */
#define TTY_SIZE_UNKNOWN 0xff

/* Output buffered beyond which frames are only applied to the kept copy
   and drawn when the terminal has taken the rest (see tty_frame()). */
#define TTY_DEFER_BYTES (32u * 1024)

/* Mode bits mirrored from frames onto the terminal. */
#define TTY_MODES_MIRRORED                                                    \
	(VT_MODE_CURSOR_KEYS | VT_MODE_KEYPAD | VT_MODE_MOUSE_X10 |           \
	    VT_MODE_MOUSE_NORMAL | VT_MODE_MOUSE_BUTTON | VT_MODE_MOUSE_ANY | \
	    VT_MODE_MOUSE_UTF8 | VT_MODE_MOUSE_SGR | VT_MODE_MOUSE_URXVT |    \
	    VT_MODE_FOCUS | VT_MODE_BRACKETED_PASTE)

/* Each mirrored mode: its bit and the DEC private mode number. */
static const struct {
	uint32_t bit;
	unsigned number;
} tty_mode_table[] = {
	{ VT_MODE_CURSOR_KEYS, 1 },
	{ VT_MODE_MOUSE_UTF8, 1005 },
	{ VT_MODE_MOUSE_SGR, 1006 },
	{ VT_MODE_MOUSE_URXVT, 1015 },
	{ VT_MODE_MOUSE_X10, 9 },
	{ VT_MODE_MOUSE_NORMAL, 1000 },
	{ VT_MODE_MOUSE_BUTTON, 1002 },
	{ VT_MODE_MOUSE_ANY, 1003 },
	{ VT_MODE_FOCUS, 1004 },
	{ VT_MODE_BRACKETED_PASTE, 2004 },
};

struct tty {
	int in_fd, out_fd;
	char *term_name;
	TERMINAL *term;
	struct tty_caps caps;

	/* What the terminal can do, decided once. */
	unsigned colours; /* 0 monochrome, 8, 16, 88, 256, or more (direct) */
	int truecolor;
	int utf8;
	int sync;
	int xtermlike;
	int ulcolour;	 /* SGR 58 understood */
	int ansi_keys;	 /* DECCKM and DECKPAM as plain ESC [ ? 1 h, ESC = */
	int mouse_ok;	 /* mouse modes 9 .. 1015 */
	int paste_ok;	 /* bracketed paste 2004 */
	int focus_ok;	 /* focus events 1004 */
	int ansi_colour; /* SGR 39/49 reset one colour */
	int sgr0_resets_acs;
	char acs[128]; /* VT100 line-drawing letter -> terminal character */
	int has_acs;

	/* The two kept copies, rows x cols; row pointers so that a scroll
	   moves pointers, not cells. */
	unsigned rows, cols;
	struct tty_cell **want;
	struct tty_cell **shown;
	struct tty_cell *want_cells, *shown_cells;
	uint8_t *dirty; /* per row: want and shown may differ */
	uint8_t *want_size, *shown_size; /* per row: PROTO_LINE_* line size,
					    shown TTY_SIZE_UNKNOWN if not known */
	int sizes_used;			 /* a row was ever made double size */
	int need_clear;			 /* the terminal's content is unknown */
	int deferring; /* applying a frame without drawing it */
	int deferred;  /* want has changes not drawn yet */

	/* The terminal's state as far as we know it. */
	unsigned cx, cy; /* cursor; cx == cols: pending wrap at the right
			    margin; (unsigned)-1: not known */
	struct tty_sgr sgr;
	int sgr_valid;
	int in_acs;
	uint32_t modes_shown;
	unsigned cstyle_shown;
	int cvisible_shown;
	unsigned rows_drawn; /* rows changed by the current draw */
	int redo_row;	     /* a cell left of the drawing was destroyed */

	/* What the server wants besides cells (last frame header). */
	unsigned want_crow, want_ccol;
	int want_cvisible;
	unsigned want_cstyle;
	uint32_t want_modes;

	/* Terminal state for tty_stop(). */
	int started;
	int tio_fd;
	int tio_saved;
	struct termios tio;

	/* Prepared at tty_create() so tty_stop() needs no terminfo calls. */
	char *stop_sgr0, *stop_rmacs, *stop_cnorm, *stop_rmcup, *stop_sync_end,
	    *stop_cstyle, *stop_rmkx;

	char *setaf_cache[256], *setab_cache[256]; /* expanded setaf/setab */

	struct tty_buf out;
};

/* tputs() takes a one-argument output function: where it appends. */
static struct tty_buf *tty_tputs_target;

static int
tty_tputs_cb(int c)
{
	struct tty_buf *b = tty_tputs_target;

	if (b->len == b->size) {
		b->size = b->size == 0 ? 4096 : b->size * 2;
		b->data = xreallocarray(b->data, 1, b->size);
	}
	b->data[b->len++] = (char)c;
	return c;
}

static void
tty_buf_add(struct tty_buf *b, const void *p, size_t n)
{
	if (b->len + n > b->size) {
		while (b->len + n > b->size)
			b->size = b->size == 0 ? 4096 : b->size * 2;
		b->data = xreallocarray(b->data, 1, b->size);
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

static void
tty_add(struct tty *tty, const void *p, size_t n)
{
	tty_buf_add(&tty->out, p, n);
}

static void
tty_adds(struct tty *tty, const char *s)
{
	tty_buf_add(&tty->out, s, strlen(s));
}

static void
tty_addc(struct tty *tty, char c)
{
	tty_buf_add(&tty->out, &c, 1);
}

static void tty_addf(struct tty *tty, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
tty_addf(struct tty *tty, const char *fmt, ...)
{
	char buf[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n > 0)
		tty_add(tty, buf,
		    (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* Append an expanded terminfo string (padding handled by tputs). */
static void
tty_putcap(struct tty *tty, const char *s)
{
	if (s == NULL)
		return;
	if (strchr(s, '$') == NULL) {
		/* No padding: tputs would copy it unchanged, only slower. */
		tty_adds(tty, s);
		return;
	}
	tty_tputs_target = &tty->out;
	tputs(s, 1, tty_tputs_cb);
}

/* A terminfo string with padding expanded, as an allocated C string (or
   NULL for NULL), for tty_stop(). */
static char *
tty_prepare(const char *s)
{
	struct tty_buf b;

	if (s == NULL)
		return NULL;
	memset(&b, 0, sizeof b);
	tty_tputs_target = &b;
	tputs(s, 1, tty_tputs_cb);
	tty_buf_add(&b, "", 1);
	return b.data;
}

static const char *
tty_getstr(const char *name)
{
	char *s = tigetstr(name);

	if (s == NULL || s == (char *)-1 || *s == '\0')
		return NULL;
	return s;
}

static int
tty_getflag(const char *name)
{
	return tigetflag(name) > 0;
}

static int
tty_known_flags(const char *term)
{
	size_t i, n, best = 0;
	int flags = 0;

	for (i = 0; i < sizeof tty_known / sizeof tty_known[0]; i++) {
		n = strlen(tty_known[i].prefix);
		if (n > best && strncmp(term, tty_known[i].prefix, n) == 0) {
			best = n;
			flags = tty_known[i].flags;
		}
	}
	return flags;
}

static void
tty_read_caps(struct tty *tty)
{
	struct tty_caps *c = &tty->caps;

	c->acsc = tty_getstr("acsc");
	c->bel = tty_getstr("bel");
	c->blink = tty_getstr("blink");
	c->bold = tty_getstr("bold");
	c->civis = tty_getstr("civis");
	c->clear = tty_getstr("clear");
	c->cnorm = tty_getstr("cnorm");
	c->cr = tty_getstr("cr");
	c->csr = tty_getstr("csr");
	c->cuf = tty_getstr("cuf");
	c->cup = tty_getstr("cup");
	c->dim = tty_getstr("dim");
	c->dl = tty_getstr("dl");
	c->dl1 = tty_getstr("dl1");
	c->ed = tty_getstr("ed");
	c->el = tty_getstr("el");
	c->enacs = tty_getstr("enacs");
	c->fsl = tty_getstr("fsl");
	c->il = tty_getstr("il");
	c->il1 = tty_getstr("il1");
	c->ind = tty_getstr("ind");
	c->indn = tty_getstr("indn");
	c->invis = tty_getstr("invis");
	c->op = tty_getstr("op");
	c->rep = tty_getstr("rep");
	c->rev = tty_getstr("rev");
	c->rmacs = tty_getstr("rmacs");
	c->rmcup = tty_getstr("rmcup");
	c->rmkx = tty_getstr("rmkx");
	c->setab = tty_getstr("setab");
	c->setaf = tty_getstr("setaf");
	c->setrgbb = tty_getstr("setrgbb");
	c->setrgbf = tty_getstr("setrgbf");
	c->sgr0 = tty_getstr("sgr0");
	c->sitm = tty_getstr("sitm");
	c->smacs = tty_getstr("smacs");
	c->smcup = tty_getstr("smcup");
	c->smkx = tty_getstr("smkx");
	c->smul = tty_getstr("smul");
	c->smxx = tty_getstr("smxx");
	c->tsl = tty_getstr("tsl");
	c->Se = tty_getstr("Se");
	c->Setulc = tty_getstr("Setulc");
	c->Smol = tty_getstr("Smol");
	c->Smulx = tty_getstr("Smulx");
	c->Ss = tty_getstr("Ss");
	c->Sync = tty_getstr("Sync");
	c->Ms = tty_getstr("Ms");
	c->am = tty_getflag("am");
	c->xenl = tty_getflag("xenl");
	c->bce = tty_getflag("bce");
	c->hs = tty_getflag("hs");
	c->XT = tty_getflag("XT");
	c->colors = tigetnum("colors");
}

/* Decide what the terminal can do from its capabilities and its name. */
static void
tty_decide(struct tty *tty, int colorterm_truecolor)
{
	struct tty_caps *c = &tty->caps;
	int known = tty_known_flags(tty->term_name);
	const char *p;
	int rgb;

	tty->xtermlike = c->XT || (known & TTY_KNOWN_XTERMLIKE);
	if (c->setaf == NULL || c->colors < 8)
		tty->colours = 0;
	else
		tty->colours = (unsigned)c->colors;
	/* RGB may be a flag, a number or a string (ncurses user_caps(5)). */
	rgb = tigetflag("RGB") > 0 || tigetnum("RGB") > 0 ||
	    tty_getstr("RGB") != NULL;
	tty->truecolor = tty->colours != 0 &&
	    (rgb || tty_getflag("Tc") || colorterm_truecolor ||
		tty->colours >= 0x1000000);
	tty->sync = c->Sync != NULL || (known & TTY_KNOWN_SYNC);
	tty->ulcolour = c->Setulc != NULL || (known & TTY_KNOWN_ULCOLOUR);
	if (c->Smulx == NULL && (known & TTY_KNOWN_ULSTYLE))
		c->Smulx = "\033[4:%p1%dm";
	tty->ansi_keys = c->smkx != NULL && strstr(c->smkx, "\033[?1h") &&
	    strstr(c->smkx, "\033=");
	tty->mouse_ok = tty_getstr("kmous") != NULL || tty->xtermlike;
	tty->paste_ok = tty_getstr("BE") != NULL || tty->xtermlike;
	tty->focus_ok = tty_getstr("fe") != NULL || tty->xtermlike;
	tty->ansi_colour = c->op != NULL && c->setaf != NULL &&
	    strncmp(c->setaf, "\033[", 2) == 0 &&
	    strncmp(c->op, "\033[39;49m", 8) == 0;
	tty->sgr0_resets_acs = c->sgr0 != NULL && c->rmacs != NULL &&
	    strstr(c->sgr0, c->rmacs) != NULL;

	memset(tty->acs, 0, sizeof tty->acs);
	tty->has_acs = c->acsc != NULL && c->smacs != NULL && c->rmacs != NULL;
	if (tty->has_acs) {
		for (p = c->acsc; p[0] != '\0' && p[1] != '\0'; p += 2) {
			if ((unsigned char)p[0] < 128)
				tty->acs[(unsigned char)p[0]] = p[1];
		}
	}
}

/* Kept copies. */

static void
tty_cell_blank(struct tty_cell *cell)
{
	memset(cell, 0, sizeof *cell);
	cell->width = 1;
	cell->len = 1;
	cell->text[0] = ' ';
}

static int
tty_style_equal(const struct proto_style *a, const struct proto_style *b)
{
	return a->attrs == b->attrs && a->underline == b->underline &&
	    a->fg == b->fg && a->bg == b->bg && a->ul == b->ul;
}

static int
tty_cell_equal(const struct tty_cell *a, const struct tty_cell *b)
{
	if (a->width == TTY_WIDTH_UNKNOWN || a->width != b->width ||
	    a->len != b->len)
		return 0;
	return memcmp(a->text, b->text, a->len) == 0 &&
	    tty_style_equal(&a->style, &b->style);
}

static void
tty_grid_alloc(struct tty *tty, unsigned rows, unsigned cols)
{
	unsigned r, c;

	tty->rows = rows;
	tty->cols = cols;
	tty->want_cells =
	    xreallocarray(NULL, (size_t)rows * cols, sizeof *tty->want_cells);
	tty->shown_cells =
	    xreallocarray(NULL, (size_t)rows * cols, sizeof *tty->shown_cells);
	tty->want = xreallocarray(NULL, rows, sizeof *tty->want);
	tty->shown = xreallocarray(NULL, rows, sizeof *tty->shown);
	tty->dirty = xcalloc(rows, 1);
	tty->want_size = xcalloc(rows, 1);
	tty->shown_size = xmalloc(rows);
	/* A terminal that showed double-size rows may still have them. */
	memset(tty->shown_size,
	    tty->sizes_used ? TTY_SIZE_UNKNOWN : PROTO_LINE_SINGLE, rows);
	for (r = 0; r < rows; r++) {
		tty->want[r] = tty->want_cells + (size_t)r * cols;
		tty->shown[r] = tty->shown_cells + (size_t)r * cols;
		for (c = 0; c < cols; c++) {
			tty_cell_blank(&tty->want[r][c]);
			tty_cell_blank(&tty->shown[r][c]);
		}
	}
}

void
tty_ready(struct tty *tty)
{
	if (tty->want == NULL)
		tty_grid_alloc(tty, tty->rows, tty->cols);
}

static void
tty_grid_free(struct tty *tty)
{
	free(tty->want_cells);
	free(tty->shown_cells);
	free(tty->want);
	free(tty->shown);
	free(tty->dirty);
	free(tty->want_size);
	free(tty->shown_size);
	tty->want_cells = tty->shown_cells = NULL;
	tty->want = tty->shown = NULL;
	tty->dirty = tty->want_size = tty->shown_size = NULL;
}

/* Everything on the terminal is blank (after a clear). */
static void
tty_shown_blank(struct tty *tty)
{
	unsigned r, c;

	for (r = 0; r < tty->rows; r++) {
		for (c = 0; c < tty->cols; c++)
			tty_cell_blank(&tty->shown[r][c]);
		tty->dirty[r] = 1;
		/* Whether a clear makes a double-size row single differs
		   between terminals: say it again. */
		if (tty->shown_size[r] != PROTO_LINE_SINGLE)
			tty->shown_size[r] = TTY_SIZE_UNKNOWN;
	}
}

/* Scroll rows top..bottom of a copy up by count, blanks entering. */
static void
tty_grid_scroll(struct tty *tty, struct tty_cell **grid, unsigned top,
    unsigned bottom, unsigned count)
{
	struct tty_cell *save[64], **tmp;
	unsigned r, c, h = bottom - top + 1;

	if (count > h)
		count = h;
	tmp = count <= 64 ? save : xreallocarray(NULL, count, sizeof *tmp);
	memcpy(tmp, grid + top, count * sizeof *tmp);
	memmove(grid + top, grid + top + count, (h - count) * sizeof *grid);
	memcpy(grid + bottom + 1 - count, tmp, count * sizeof *tmp);
	for (r = bottom + 1 - count; r <= bottom; r++) {
		for (c = 0; c < tty->cols; c++)
			tty_cell_blank(&grid[r][c]);
	}
	if (tmp != save)
		free(tmp);
}

/* Creation. */

struct tty *
tty_create(int in_fd, int out_fd, const char *term, int colorterm_truecolor,
    char **cause)
{
	struct tty *tty;
	TERMINAL *old;
	unsigned rows, cols;
	int err = 0;

	*cause = NULL;
	if (term == NULL || *term == '\0')
		term = getenv("TERM");
	if (term == NULL || *term == '\0')
		term = "dumb";

	old = cur_term;
	if (setupterm((char *)term, out_fd, &err) != OK) {
		if (err == 0)
			xasprintf(cause, "unknown terminal type '%s'", term);
		else
			xasprintf(cause,
			    "cannot read the terminfo database for '%s'", term);
		if (old != NULL)
			set_curterm(old);
		return NULL;
	}

	tty = xcalloc(1, sizeof *tty);
	tty->in_fd = in_fd;
	tty->out_fd = out_fd;
	tty->term_name = xstrdup(term);
	tty->term = cur_term;
	tty->tio_fd = -1;
	tty_read_caps(tty);
	tty_decide(tty, colorterm_truecolor);
	if (tty->caps.cup == NULL) {
		xasprintf(cause,
		    "terminal type '%s' cannot move the cursor (no cup)", term);
		tty_free(tty);
		return NULL;
	}

	tty->stop_sgr0 = tty_prepare(tty->caps.sgr0);
	tty->stop_rmacs = tty_prepare(tty->caps.rmacs);
	tty->stop_cnorm = tty_prepare(tty->caps.cnorm);
	if (tty->caps.rmcup != NULL)
		tty->stop_rmcup = tty_prepare(tty->caps.rmcup);
	else {
		/* No alternate screen: leave a clear screen rather than
		   the windows' content under the shell prompt. */
		tty->stop_rmcup = tty_prepare(tty->caps.clear);
	}
	if (tty->caps.Sync != NULL)
		tty->stop_sync_end = xstrdup(tiparm(tty->caps.Sync, 2));
	else if (tty->sync)
		tty->stop_sync_end = xstrdup("\033[?2026l");
	if (tty->caps.Se != NULL)
		tty->stop_cstyle = tty_prepare(tty->caps.Se);
	else if (tty->caps.Ss != NULL || tty->xtermlike)
		tty->stop_cstyle = xstrdup("\033[0 q");
	if (!tty->ansi_keys && tty->caps.rmkx != NULL)
		tty->stop_rmkx = tty_prepare(tty->caps.rmkx);

	/* The grids are allocated by tty_ready(), so that a client can
	   send its requests first and fill them while the server works. */
	tty_get_size(tty, &rows, &cols);
	tty->rows = rows;
	tty->cols = cols;
	tty->need_clear = 1;
	tty->cx = tty->cy = (unsigned)-1;
	tty->cvisible_shown = 1;
	tty->want_cvisible = 1;
	return tty;
}

void
tty_free(struct tty *tty)
{
	unsigned i;

	if (tty == NULL)
		return;
	if (tty->term != NULL) {
		set_curterm(tty->term);
		del_curterm(tty->term);
	}
	tty_grid_free(tty);
	free(tty->term_name);
	free(tty->stop_sgr0);
	free(tty->stop_rmacs);
	free(tty->stop_cnorm);
	free(tty->stop_rmcup);
	free(tty->stop_sync_end);
	free(tty->stop_cstyle);
	free(tty->stop_rmkx);
	for (i = 0; i < 256; i++) {
		free(tty->setaf_cache[i]);
		free(tty->setab_cache[i]);
	}
	free(tty->out.data);
	free(tty);
}

static void
tty_select(struct tty *tty)
{
	if (cur_term != tty->term)
		set_curterm(tty->term);
}

void
tty_set_utf8(struct tty *tty, int utf8)
{
	tty->utf8 = utf8 != 0;
}

uint32_t
tty_flags(struct tty *tty)
{
	uint32_t flags = 0;

	if (tty->utf8)
		flags |= PROTO_TERM_UTF8;
	if (tty->truecolor)
		flags |= PROTO_TERM_TRUECOLOR;
	if (tty->sync)
		flags |= PROTO_TERM_SYNC;
	return flags;
}

unsigned
tty_colours(struct tty *tty)
{
	return tty->colours;
}

const char *
tty_term(struct tty *tty)
{
	return tty->term_name;
}

int
tty_get_size(struct tty *tty, unsigned *rows, unsigned *cols)
{
	struct winsize ws;
	int n;

	if ((ioctl(tty->out_fd, TIOCGWINSZ, &ws) == 0 ||
		ioctl(tty->in_fd, TIOCGWINSZ, &ws) == 0) &&
	    ws.ws_row > 0 && ws.ws_col > 0) {
		*rows = ws.ws_row;
		*cols = ws.ws_col;
		if (*rows > PROTO_MAX_SIDE)
			*rows = PROTO_MAX_SIDE;
		if (*cols > PROTO_MAX_SIDE)
			*cols = PROTO_MAX_SIDE;
		return 0;
	}
	tty_select(tty);
	n = tigetnum("lines");
	*rows = n > 0 && n <= PROTO_MAX_SIDE ? (unsigned)n : 24;
	n = tigetnum("cols");
	*cols = n > 0 && n <= PROTO_MAX_SIDE ? (unsigned)n : 80;
	return -1;
}

/* Cursor movement. */

/* The cursor position is not known (after csr, a clear without home...). */
static void
tty_cursor_lost(struct tty *tty)
{
	tty->cx = tty->cy = (unsigned)-1;
}

/* Move the terminal's cursor to row, col (0-based), cheaply. */
static void
tty_move(struct tty *tty, unsigned row, unsigned col)
{
	const char *s;

	if (tty->cy == row && tty->cx == col)
		return;
	if (col == 0 && tty->cy == row) {
		/* CR: also leaves the pending-wrap state. */
		tty_addc(tty, '\r');
	} else if (col == 0 && tty->cy < tty->rows && row == tty->cy + 1) {
		/* CR LF: never scrolls, as row is on the screen. */
		tty_add(tty, "\r\n", 2);
	} else if (tty->cy == row && tty->cx < tty->cols && col > tty->cx &&
	    col - tty->cx <= 3 && tty->caps.cuf != NULL) {
		s = tiparm(tty->caps.cuf, (int)(col - tty->cx));
		tty_putcap(tty, s);
	} else {
		s = tiparm(tty->caps.cup, (int)row, (int)col);
		tty_putcap(tty, s);
	}
	tty->cy = row;
	tty->cx = col;
}

/* Colours. */

static const uint8_t tty_palette16[16][3] = {
	{ 0, 0, 0 },
	{ 205, 0, 0 },
	{ 0, 205, 0 },
	{ 205, 205, 0 },
	{ 0, 0, 238 },
	{ 205, 0, 205 },
	{ 0, 205, 205 },
	{ 229, 229, 229 },
	{ 127, 127, 127 },
	{ 255, 0, 0 },
	{ 0, 255, 0 },
	{ 255, 255, 0 },
	{ 92, 92, 255 },
	{ 255, 0, 255 },
	{ 0, 255, 255 },
	{ 255, 255, 255 },
};
static const uint8_t tty_cube256[6] = { 0, 95, 135, 175, 215, 255 };
static const uint8_t tty_cube88[4] = { 0, 139, 205, 255 };
static const uint8_t tty_grey88[8] = { 46, 92, 115, 139, 162, 185, 208, 231 };

/* xterm's default RGB for a 256-colour index. */
static void
tty_index_rgb(unsigned i, unsigned *r, unsigned *g, unsigned *b)
{
	if (i < 16) {
		*r = tty_palette16[i][0];
		*g = tty_palette16[i][1];
		*b = tty_palette16[i][2];
	} else if (i < 232) {
		i -= 16;
		*r = tty_cube256[i / 36];
		*g = tty_cube256[(i / 6) % 6];
		*b = tty_cube256[i % 6];
	} else {
		*r = *g = *b = 8 + 10 * (i - 232);
	}
}

static unsigned
tty_dist(unsigned r1, unsigned g1, unsigned b1, unsigned r2, unsigned g2,
    unsigned b2)
{
	int dr = (int)r1 - (int)r2, dg = (int)g1 - (int)g2,
	    db = (int)b1 - (int)b2;

	return (unsigned)(dr * dr + dg * dg + db * db);
}

/* Index of the nearest of n levels. */
static unsigned
tty_nearest_level(const uint8_t *levels, unsigned n, unsigned v)
{
	unsigned i, best = 0, d, bestd = 1000;

	for (i = 0; i < n; i++) {
		d = v > levels[i] ? v - levels[i] : levels[i] - v;
		if (d < bestd) {
			bestd = d;
			best = i;
		}
	}
	return best;
}

/* The nearest colour of a palette of n (8, 16, 88 or 256) to r, g, b. */
static unsigned
tty_nearest(unsigned n, unsigned r, unsigned g, unsigned b)
{
	unsigned i, best = 0, d, bestd = (unsigned)-1, ri, gi, bi, grey, gv;

	if (n >= 256) {
		/* The 6x6x6 cube and the grey ramp (16..255): the first 16
		   are often redefined by users, so they are not used. */
		ri = tty_nearest_level(tty_cube256, 6, r);
		gi = tty_nearest_level(tty_cube256, 6, g);
		bi = tty_nearest_level(tty_cube256, 6, b);
		best = 16 + 36 * ri + 6 * gi + bi;
		bestd = tty_dist(
		    r, g, b, tty_cube256[ri], tty_cube256[gi], tty_cube256[bi]);
		grey = (r + g + b) / 3;
		gv = grey < 8 ? 0 : (grey - 8 + 5) / 10;
		if (gv > 23)
			gv = 23;
		d = tty_dist(r, g, b, 8 + 10 * gv, 8 + 10 * gv, 8 + 10 * gv);
		if (d < bestd)
			best = 232 + gv;
		return best;
	}
	if (n >= 88) {
		ri = tty_nearest_level(tty_cube88, 4, r);
		gi = tty_nearest_level(tty_cube88, 4, g);
		bi = tty_nearest_level(tty_cube88, 4, b);
		best = 16 + 16 * ri + 4 * gi + bi;
		bestd = tty_dist(
		    r, g, b, tty_cube88[ri], tty_cube88[gi], tty_cube88[bi]);
		for (i = 0; i < 8; i++) {
			gv = tty_grey88[i];
			d = tty_dist(r, g, b, gv, gv, gv);
			if (d < bestd) {
				bestd = d;
				best = 80 + i;
			}
		}
		return best;
	}
	n = n >= 16 ? 16 : 8;
	for (i = 0; i < n; i++) {
		d = tty_dist(r, g, b, tty_palette16[i][0], tty_palette16[i][1],
		    tty_palette16[i][2]);
		if (d < bestd) {
			bestd = d;
			best = i;
		}
	}
	return best;
}

/* Map a VT_COLOUR_* to one this terminal shows. */
static uint32_t
tty_colour_map(struct tty *tty, uint32_t c)
{
	unsigned r, g, b, i;

	if (tty->colours == 0)
		return VT_COLOUR_DEFAULT;
	switch (VT_COLOUR_KIND(c)) {
	case 1:
		i = VT_COLOUR_INDEX(c);
		if (tty->colours > 256) {
			/* Direct colour: setaf takes RGB above 7. */
			if (i < 8)
				return c;
			tty_index_rgb(i, &r, &g, &b);
			return VT_COLOUR_RGB(r, g, b);
		}
		if (i < tty->colours)
			return c;
		if (i < 16 && tty->colours < 16)
			return VT_COLOUR_INDEXED(i - 8);
		tty_index_rgb(i, &r, &g, &b);
		return VT_COLOUR_INDEXED(tty_nearest(tty->colours, r, g, b));
	case 2:
		if (tty->truecolor)
			return c;
		r = (c >> 16) & 0xff;
		g = (c >> 8) & 0xff;
		b = c & 0xff;
		return VT_COLOUR_INDEXED(tty_nearest(tty->colours, r, g, b));
	default:
		return VT_COLOUR_DEFAULT;
	}
}

/* The rendition this terminal can show for a cell style. */
static void
tty_sgr_map(struct tty *tty, const struct proto_style *s, struct tty_sgr *out)
{
	const struct tty_caps *c = &tty->caps;
	uint16_t a = s->attrs;

	memset(out, 0, sizeof *out);
	if (tty->colours == 0 && s->bg != VT_COLOUR_DEFAULT)
		a |= VT_ATTR_INVERSE; /* monochrome: a background shows as
					 reverse video */
	if ((a & VT_ATTR_BOLD) && c->bold != NULL)
		out->attrs |= VT_ATTR_BOLD;
	if ((a & VT_ATTR_FAINT) && c->dim != NULL)
		out->attrs |= VT_ATTR_FAINT;
	if ((a & VT_ATTR_ITALIC) && c->sitm != NULL)
		out->attrs |= VT_ATTR_ITALIC;
	if ((a & VT_ATTR_BLINK) && c->blink != NULL)
		out->attrs |= VT_ATTR_BLINK;
	if ((a & VT_ATTR_INVERSE) && c->rev != NULL)
		out->attrs |= VT_ATTR_INVERSE;
	if ((a & VT_ATTR_INVISIBLE) && c->invis != NULL)
		out->attrs |= VT_ATTR_INVISIBLE;
	if ((a & VT_ATTR_STRIKE) && (c->smxx != NULL || tty->xtermlike))
		out->attrs |= VT_ATTR_STRIKE;
	if ((a & VT_ATTR_OVERLINE) && (c->Smol != NULL || tty->xtermlike))
		out->attrs |= VT_ATTR_OVERLINE;
	if (s->underline != 0 && c->smul != NULL) {
		if (c->Smulx != NULL)
			out->underline = s->underline;
		else if (s->underline == VT_UNDERLINE_DOUBLE && tty->xtermlike)
			out->underline = VT_UNDERLINE_DOUBLE; /* SGR 21 */
		else
			out->underline = VT_UNDERLINE_SINGLE;
		if (tty->ulcolour && s->ul != VT_COLOUR_DEFAULT)
			out->ul = s->ul;
	}
	out->fg = tty_colour_map(tty, s->fg);
	out->bg = tty_colour_map(tty, s->bg);
}

/* Decimal digits of v at p; returns the end. */
static char *
tty_utoa(char *p, unsigned v)
{
	char tmp[12];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n > 0)
		*p++ = tmp[--n];
	return p;
}

static void
tty_colour_put(struct tty *tty, uint32_t c, int bg)
{
	unsigned r = (c >> 16) & 0xff, g = (c >> 8) & 0xff, b = c & 0xff;
	const char *rgbcap = bg ? tty->caps.setrgbb : tty->caps.setrgbf;
	char **cache, num[32], *p;
	unsigned i;

	switch (VT_COLOUR_KIND(c)) {
	case 0:
		tty_adds(tty, bg ? "\033[49m" : "\033[39m");
		break;
	case 1:
		/* tiparm() interprets the string each time: keep the 2 x 256
		   results, colour changes are the commonest output. */
		cache = bg ? tty->setab_cache : tty->setaf_cache;
		i = VT_COLOUR_INDEX(c);
		if (cache[i] == NULL)
			cache[i] = xstrdup(tiparm(
			    bg ? tty->caps.setab : tty->caps.setaf, (int)i));
		tty_putcap(tty, cache[i]);
		break;
	case 2:
		if (rgbcap != NULL)
			tty_putcap(tty, tiparm(rgbcap, (int)r, (int)g, (int)b));
		else {
			/* By hand: printf is slow for the commonest case. */
			p = num;
			memcpy(p, bg ? "\033[48;2;" : "\033[38;2;", 7);
			p += 7;
			p = tty_utoa(p, r);
			*p++ = ';';
			p = tty_utoa(p, g);
			*p++ = ';';
			p = tty_utoa(p, b);
			*p++ = 'm';
			tty_add(tty, num, (size_t)(p - num));
		}
		break;
	}
}

static void
tty_ulcolour_put(struct tty *tty, uint32_t c)
{
	unsigned r, g, b;

	if (VT_COLOUR_KIND(c) == 0) {
		tty_adds(tty, "\033[59m");
		return;
	}
	if (VT_COLOUR_KIND(c) == 1)
		tty_index_rgb(VT_COLOUR_INDEX(c), &r, &g, &b);
	else {
		r = (c >> 16) & 0xff;
		g = (c >> 8) & 0xff;
		b = c & 0xff;
	}
	if (tty->caps.Setulc != NULL)
		tty_putcap(tty,
		    tiparm(tty->caps.Setulc, (int)((r << 16) | (g << 8) | b)));
	else if (VT_COLOUR_KIND(c) == 1)
		tty_addf(tty, "\033[58:5:%um", VT_COLOUR_INDEX(c));
	else
		tty_addf(tty, "\033[58:2::%u:%u:%um", r, g, b);
}

static void
tty_sgr_reset(struct tty *tty)
{
	if (tty->caps.sgr0 != NULL)
		tty_putcap(tty, tty->caps.sgr0);
	else
		tty_adds(tty, "\033[m");
	if (tty->sgr0_resets_acs)
		tty->in_acs = 0;
	memset(&tty->sgr, 0, sizeof tty->sgr);
	tty->sgr_valid = 1;
}

/* Make the terminal's rendition *want: sgr0 when something must be
   turned off, then only what is added or changed. */
static void
tty_sgr_set(struct tty *tty, const struct tty_sgr *want)
{
	struct tty_sgr *cur = &tty->sgr;
	const struct tty_caps *c = &tty->caps;
	uint16_t add;

	if (tty->sgr_valid && cur->attrs == want->attrs &&
	    cur->underline == want->underline && cur->fg == want->fg &&
	    cur->bg == want->bg && cur->ul == want->ul)
		return;
	if (!tty->sgr_valid || (cur->attrs & ~want->attrs) ||
	    (cur->underline != 0 && want->underline == 0) ||
	    (!tty->ansi_colour &&
		((cur->fg != 0 && want->fg == 0) ||
		    (cur->bg != 0 && want->bg == 0))))
		tty_sgr_reset(tty);

	add = want->attrs & ~cur->attrs;
	if (add & VT_ATTR_BOLD)
		tty_putcap(tty, c->bold);
	if (add & VT_ATTR_FAINT)
		tty_putcap(tty, c->dim);
	if (add & VT_ATTR_ITALIC)
		tty_putcap(tty, c->sitm);
	if (add & VT_ATTR_BLINK)
		tty_putcap(tty, c->blink);
	if (add & VT_ATTR_INVERSE)
		tty_putcap(tty, c->rev);
	if (add & VT_ATTR_INVISIBLE)
		tty_putcap(tty, c->invis);
	if (add & VT_ATTR_STRIKE) {
		if (c->smxx != NULL)
			tty_putcap(tty, c->smxx);
		else
			tty_adds(tty, "\033[9m");
	}
	if (add & VT_ATTR_OVERLINE) {
		if (c->Smol != NULL)
			tty_putcap(tty, c->Smol);
		else
			tty_adds(tty, "\033[53m");
	}
	if (want->underline != cur->underline) {
		if (c->Smulx != NULL &&
		    (want->underline > 1 || cur->underline > 1))
			tty_putcap(tty, tiparm(c->Smulx, (int)want->underline));
		else if (want->underline == VT_UNDERLINE_DOUBLE)
			tty_adds(tty, "\033[21m"); /* ECMA-48: doubly
						       underlined */
		else
			tty_putcap(tty, c->smul);
	}
	if (want->fg != cur->fg)
		tty_colour_put(tty, want->fg, 0);
	if (want->bg != cur->bg)
		tty_colour_put(tty, want->bg, 1);
	if (want->ul != cur->ul)
		tty_ulcolour_put(tty, want->ul);
	*cur = *want;
	tty->sgr_valid = 1;
}

static void
tty_sgr_default(struct tty *tty)
{
	struct tty_sgr none;

	memset(&none, 0, sizeof none);
	tty_sgr_set(tty, &none);
}

/* Text. */

/* clang-format off */
/* Box drawing and other VT100 line-drawing characters: code point and
   the VT100 letter (terminfo acsc), sorted by code point. */
static const struct {
	uint32_t cp;
	char acs;
} tty_acs_table[] = {
	{ 0x00a3, '}' }, { 0x00b0, 'f' }, { 0x00b1, 'g' }, { 0x00b7, '~' },
	{ 0x03c0, '{' }, { 0x2190, ',' }, { 0x2191, '-' }, { 0x2192, '+' },
	{ 0x2193, '.' }, { 0x2260, '|' }, { 0x2264, 'y' }, { 0x2265, 'z' },
	{ 0x23ba, 'o' }, { 0x23bb, 'p' }, { 0x23bc, 'r' }, { 0x23bd, 's' },
	{ 0x2500, 'q' }, { 0x2501, 'q' }, { 0x2502, 'x' }, { 0x2503, 'x' },
	{ 0x250c, 'l' }, { 0x250d, 'l' }, { 0x250e, 'l' }, { 0x250f, 'l' },
	{ 0x2510, 'k' }, { 0x2511, 'k' }, { 0x2512, 'k' }, { 0x2513, 'k' },
	{ 0x2514, 'm' }, { 0x2515, 'm' }, { 0x2516, 'm' }, { 0x2517, 'm' },
	{ 0x2518, 'j' }, { 0x2519, 'j' }, { 0x251a, 'j' }, { 0x251b, 'j' },
	{ 0x251c, 't' }, { 0x251d, 't' }, { 0x251e, 't' }, { 0x251f, 't' },
	{ 0x2520, 't' }, { 0x2521, 't' }, { 0x2522, 't' }, { 0x2523, 't' },
	{ 0x2524, 'u' }, { 0x2525, 'u' }, { 0x2526, 'u' }, { 0x2527, 'u' },
	{ 0x2528, 'u' }, { 0x2529, 'u' }, { 0x252a, 'u' }, { 0x252b, 'u' },
	{ 0x252c, 'w' }, { 0x252d, 'w' }, { 0x252e, 'w' }, { 0x252f, 'w' },
	{ 0x2530, 'w' }, { 0x2531, 'w' }, { 0x2532, 'w' }, { 0x2533, 'w' },
	{ 0x2534, 'v' }, { 0x2535, 'v' }, { 0x2536, 'v' }, { 0x2537, 'v' },
	{ 0x2538, 'v' }, { 0x2539, 'v' }, { 0x253a, 'v' }, { 0x253b, 'v' },
	{ 0x253c, 'n' }, { 0x253d, 'n' }, { 0x253e, 'n' }, { 0x253f, 'n' },
	{ 0x2540, 'n' }, { 0x2541, 'n' }, { 0x2542, 'n' }, { 0x2543, 'n' },
	{ 0x2544, 'n' }, { 0x2545, 'n' }, { 0x2546, 'n' }, { 0x2547, 'n' },
	{ 0x2548, 'n' }, { 0x2549, 'n' }, { 0x254a, 'n' }, { 0x254b, 'n' },
	{ 0x2550, 'q' }, { 0x2551, 'x' }, { 0x2552, 'l' }, { 0x2553, 'l' },
	{ 0x2554, 'l' }, { 0x2555, 'k' }, { 0x2556, 'k' }, { 0x2557, 'k' },
	{ 0x2558, 'm' }, { 0x2559, 'm' }, { 0x255a, 'm' }, { 0x255b, 'j' },
	{ 0x255c, 'j' }, { 0x255d, 'j' }, { 0x255e, 't' }, { 0x255f, 't' },
	{ 0x2560, 't' }, { 0x2561, 'u' }, { 0x2562, 'u' }, { 0x2563, 'u' },
	{ 0x2564, 'w' }, { 0x2565, 'w' }, { 0x2566, 'w' }, { 0x2567, 'v' },
	{ 0x2568, 'v' }, { 0x2569, 'v' }, { 0x256a, 'n' }, { 0x256b, 'n' },
	{ 0x256c, 'n' }, { 0x256d, 'l' }, { 0x256e, 'k' }, { 0x256f, 'j' },
	{ 0x2570, 'm' }, { 0x2574, 'q' }, { 0x2576, 'q' }, { 0x2578, 'q' },
	{ 0x257a, 'q' }, { 0x2575, 'x' }, { 0x2577, 'x' }, { 0x2579, 'x' },
	{ 0x257b, 'x' }, { 0x2588, '0' }, { 0x2592, 'a' }, { 0x25c6, '`' },
};
/* clang-format on */

/* The VT100 line-drawing letter for a code point, or 0. */
static char
tty_acs_letter(uint32_t cp)
{
	size_t lo = 0, hi = sizeof tty_acs_table / sizeof tty_acs_table[0];
	size_t mid;

	if (cp < 0x00a3 || cp > 0x25c6)
		return 0;
	/* The table is sorted except the 0x2574.. group: search linearly
	   there (few entries). */
	if (cp >= 0x2574 && cp <= 0x257b) {
		for (mid = 0; mid < hi; mid++) {
			if (tty_acs_table[mid].cp == cp)
				return tty_acs_table[mid].acs;
		}
		return 0;
	}
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (tty_acs_table[mid].cp == cp)
			return tty_acs_table[mid].acs;
		if (tty_acs_table[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* The first code point of UTF-8 text (validated by the decoder). */
static uint32_t
tty_utf8_first(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (p[0] < 0x80)
		return p[0];
	if (p[0] < 0xe0)
		return ((uint32_t)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
	if (p[0] < 0xf0)
		return ((uint32_t)(p[0] & 0x0f) << 12) |
		    ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
	return ((uint32_t)(p[0] & 0x07) << 18) |
	    ((uint32_t)(p[1] & 0x3f) << 12) | ((uint32_t)(p[2] & 0x3f) << 6) |
	    (p[3] & 0x3f);
}

static void
tty_acs_off(struct tty *tty)
{
	if (tty->in_acs) {
		tty_putcap(tty, tty->caps.rmacs);
		tty->in_acs = 0;
	}
}

/*
 * Does a terminal's width for this text depend on the terminal? Emoji
 * sequences: a variation selector-16 (U+FE0F), a zero-width joiner
 * (U+200D), regional indicators (flags, U+1F1E6..1F1FF) and skin-tone
 * modifiers (U+1F3FB..1F3FF). roost (like screen and tmux) gives them the
 * width of their first character; some terminals draw them two cells wide
 * or join them, and leave the cursor elsewhere.
 */
static int
tty_text_width_unsure(const struct tty_cell *cell)
{
	const unsigned char *p = (const unsigned char *)cell->text;
	size_t i;

	if (cell->len < 3)
		return 0;
	for (i = 0; i + 2 < cell->len; i++) {
		if (p[i] == 0xef && p[i + 1] == 0xb8 && p[i + 2] == 0x8f)
			return 1; /* U+FE0F */
		if (p[i] == 0xe2 && p[i + 1] == 0x80 && p[i + 2] == 0x8d)
			return 1; /* U+200D */
		if (i + 3 < cell->len && p[i] == 0xf0 && p[i + 1] == 0x9f &&
		    ((p[i + 2] == 0x87 && p[i + 3] >= 0xa6) ||
			(p[i + 2] == 0x8f && p[i + 3] >= 0xbb)))
			return 1; /* U+1F1E6.., U+1F3FB.. */
	}
	return 0;
}

/* Write a cell's text (the rendition is already set). */
static void
tty_put_text(struct tty *tty, const struct tty_cell *cell)
{
	uint32_t cp;
	char letter, ch;

	if ((unsigned char)cell->text[0] < 0x80 && cell->len == 1) {
		tty_acs_off(tty);
		tty_addc(tty, cell->text[0]);
		return;
	}
	cp = tty_utf8_first(cell->text);
	if (cp < 0x80 && !tty->utf8) {
		/* An ASCII base with combining marks: the base alone. */
		tty_acs_off(tty);
		tty_addc(tty, (char)cp);
		return;
	}
	letter = tty_acs_letter(cp);
	if (tty->utf8) {
		/* A UTF-8 terminal draws box characters itself. */
		tty_acs_off(tty);
		tty_add(tty, cell->text, cell->len);
		return;
	}
	if (letter != 0 && tty->has_acs && tty->acs[(unsigned char)letter]) {
		if (!tty->in_acs) {
			tty_putcap(tty, tty->caps.smacs);
			tty->in_acs = 1;
		}
		tty_addc(tty, tty->acs[(unsigned char)letter]);
		return;
	}
	tty_acs_off(tty);
	switch (letter) {
	case 'q':
		ch = '-';
		break;
	case 'x':
		ch = '|';
		break;
	case 'l':
	case 'k':
	case 'm':
	case 'j':
	case 't':
	case 'u':
	case 'w':
	case 'v':
	case 'n':
		ch = '+';
		break;
	default:
		ch = '?';
		break;
	}
	tty_addc(tty, ch);
	if (cell->width == 2)
		tty_addc(tty, ch);
}

/* Drawing. */

/* A cell that el (or, with bce, el after setting the background) can
   produce: a blank with nothing that shows on a blank. */
static int
tty_cell_erasable(
    struct tty *tty, const struct tty_cell *cell, struct tty_sgr *sgr)
{
	if (cell->width != 1 || cell->len != 1 || cell->text[0] != ' ')
		return 0;
	tty_sgr_map(tty, &cell->style, sgr);
	if (sgr->attrs & (VT_ATTR_INVERSE | VT_ATTR_STRIKE | VT_ATTR_OVERLINE))
		return 0;
	if (sgr->underline != 0)
		return 0;
	if (sgr->bg != VT_COLOUR_DEFAULT && !tty->caps.bce)
		return 0;
	return 1;
}

/* After the cursor wrote up to and including column `last` of its row. */
static void
tty_advance(struct tty *tty, unsigned last)
{
	if (last + 1 < tty->cols)
		tty->cx = last + 1;
	else if (!tty->caps.am)
		tty->cx = tty->cols - 1;
	else if (tty->caps.xenl)
		tty->cx = tty->cols; /* pending wrap: reposition explicitly */
	else
		tty_cursor_lost(tty);
}

/* Draw want[row][col] at its place; returns the columns it covered. */
static unsigned
tty_draw_cell(struct tty *tty, unsigned row, unsigned col)
{
	struct tty_cell *w = &tty->want[row][col], *s = tty->shown[row];
	struct tty_sgr sgr;
	unsigned n, i, width, len;
	const char *rep;
	int unsure;

	width = w->width == 2 ? 2 : 1;
	if (w->width == 0) {
		/* A lone right half: should not happen (want keeps pairs);
		   draw a blank there. */
		tty_cell_blank(w);
		width = 1;
	}
	/* Writing over half of a wide character on the terminal destroys
	   the other half: mark it unknown so it is drawn again. */
	if (s[col].width == 0 && col > 0) {
		s[col - 1].width = TTY_WIDTH_UNKNOWN;
		tty->redo_row = 1;
	}
	if (col + width < tty->cols && s[col + width].width == 0)
		s[col + width].width = TTY_WIDTH_UNKNOWN;
	if (width == 2 && s[col + 1].width == 2 && col + 2 < tty->cols)
		s[col + 2].width = TTY_WIDTH_UNKNOWN;

	/* The bottom right cell of an am terminal without xenl would
	   scroll the screen: leave it. */
	if (tty->caps.am && !tty->caps.xenl && row == tty->rows - 1 &&
	    col + width >= tty->cols) {
		s[col] = *w;
		return width;
	}

	tty_move(tty, row, col);
	tty_sgr_map(tty, &w->style, &sgr);
	tty_sgr_set(tty, &sgr);

	/* A run of one printable ASCII character: rep when it is cheaper. */
	n = 1;
	if (tty->caps.rep != NULL && width == 1 && w->len == 1 &&
	    (unsigned char)w->text[0] > 0x20 &&
	    (unsigned char)w->text[0] < 0x7f) {
		while (col + n < tty->cols &&
		    tty_cell_equal(&tty->want[row][col + n], w))
			n++;
		/*
		 * libvterm 0.1.4 leaves a REP that ends with the cursor on
		 * the last column in the pending-wrap state, so the next
		 * character lands on the row below: end every rep at least
		 * three columns before the right margin and write the rest
		 * as text.
		 */
		if (col + n + 3 > tty->cols)
			n = col + 3 < tty->cols ? tty->cols - 3 - col : 1;
		if (n > 8) {
			tty_acs_off(tty);
			rep = tiparm(tty->caps.rep, (int)w->text[0], (int)n);
			len = (unsigned)strlen(rep);
			if (len < n) {
				tty_putcap(tty, rep);
				for (i = 0; i < n; i++)
					s[col + i] = *w;
				if (col + n < tty->cols &&
				    s[col + n].width == 0)
					s[col + n].width = TTY_WIDTH_UNKNOWN;
				tty_advance(tty, col + n - 1);
				return n;
			}
		}
	}

	unsure = tty->utf8 && tty_text_width_unsure(w);
	if (unsure && col + width >= tty->cols) {
		/* In the last column such text may be drawn two cells wide
		   and wrap (on the last row: scroll the screen): a blank. */
		tty_acs_off(tty);
		tty_addc(tty, ' ');
	} else
		tty_put_text(tty, w);
	s[col] = *w;
	if (width == 2) {
		s[col + 1] = tty->want[row][col + 1];
	}
	tty_advance(tty, col + width - 1);
	/* Where the terminal's cursor went after such text is not known:
	   the next cell is written at an explicit position. */
	if (unsure)
		tty_cursor_lost(tty);
	return width;
}

/* Without synchronized output, hide the cursor while it runs about
   drawing (tty_draw_cursor() shows it again). */
static void
tty_draw_hide(struct tty *tty)
{
	/* Drawing within one row (an echo) is not worth it. */
	if (tty->rows_drawn++ == 0)
		return;
	if (!tty->sync && tty->cvisible_shown && tty->caps.civis != NULL) {
		tty_putcap(tty, tty->caps.civis);
		tty->cvisible_shown = 0;
	}
}

static void tty_draw_cells(struct tty *tty, unsigned row);

/*
 * Give a row the line size wanted (DECSWL ESC # 5, DECDWL ESC # 6, DECDHL
 * ESC # 3 / ESC # 4; xterm ctlseqs) if the terminal does not show it
 * already. Its cells are then drawn again.
 */
static void
tty_draw_size(struct tty *tty, unsigned row)
{
	static const char digit[] = { '5', '6', '3', '4' };
	unsigned want = tty->want_size[row], c;

	if (tty->shown_size[row] == want || want > PROTO_LINE_DOUBLE_BOTTOM)
		return;
	tty_sgr_default(tty);
	tty_acs_off(tty);
	tty_move(tty, row, 0);
	tty_addc(tty, '\033');
	tty_addc(tty, '#');
	tty_addc(tty, digit[want]);
	tty->shown_size[row] = (uint8_t)want;
	for (c = 0; c < tty->cols; c++)
		tty->shown[row][c].width = TTY_WIDTH_UNKNOWN;
}

/*
 * Bring one row of the terminal to what is wanted. A double-size row
 * holds cols / 2 cells, each shown twice as wide: only those are drawn,
 * as if the terminal were that narrow (the rest of want is blank).
 */
static void
tty_draw_row(struct tty *tty, unsigned row)
{
	unsigned cols = tty->cols, c;

	tty_draw_size(tty, row);
	if (tty->shown_size[row] == PROTO_LINE_SINGLE || cols < 2) {
		tty_draw_cells(tty, row);
		return;
	}
	/* A wide character across the middle would wrap onto the next
	   row: it shows as a blank, as at a region's edge. */
	if (tty->want[row][cols / 2 - 1].width == 2) {
		struct tty_cell *w = &tty->want[row][cols / 2 - 1];

		tty_cell_blank(&w[0]);
		w[0].style = w[1].style;
		tty_cell_blank(&w[1]);
		w[1].style = w[0].style;
	}
	tty->cols = cols / 2;
	tty_draw_cells(tty, row);
	tty->cols = cols;
	for (c = cols / 2; c < cols; c++)
		tty->shown[row][c] = tty->want[row][c];
	/* The cursor's column on such a row counts double cells. */
	tty_cursor_lost(tty);
}

/* Bring one row's cells on the terminal to what is wanted. */
static void
tty_draw_cells(struct tty *tty, unsigned row)
{
	struct tty_cell *w = tty->want[row], *s = tty->shown[row];
	struct tty_sgr sgr, last;
	unsigned c, blank_from, pass;
	int hidden;

	memset(&last, 0, sizeof last);
	/* Trailing cells el can make: same rendition, erasable. */
	blank_from = tty->cols;
	if (tty->caps.el != NULL &&
	    tty_cell_erasable(tty, &w[tty->cols - 1], &last)) {
		blank_from = tty->cols - 1;
		while (blank_from > 0 &&
		    tty_cell_erasable(tty, &w[blank_from - 1], &sgr) &&
		    sgr.bg == last.bg)
			blank_from--;
	}

	/* A second pass catches left halves of wide characters that a
	   later cell destroyed. */
	hidden = 0;
	for (pass = 0; pass < 2; pass++) {
		tty->redo_row = 0;
		c = 0;
		while (c < tty->cols) {
			if (tty_cell_equal(&s[c], &w[c])) {
				c++;
				continue;
			}
			if (!hidden) {
				tty_draw_hide(tty);
				hidden = 1;
			}
			if (c >= blank_from && tty->cols - c > 3) {
				tty_move(tty, row, c);
				tty_sgr_set(tty, &last);
				tty_putcap(tty, tty->caps.el);
				if (c > 0 && s[c].width == 0) {
					s[c - 1].width = TTY_WIDTH_UNKNOWN;
					tty->redo_row = 1;
				}
				for (; c < tty->cols; c++)
					s[c] = w[c];
				break;
			}
			if (w[c].width == 0 && c > 0 && w[c - 1].width == 2) {
				/* The right half differs but not the left:
				   draw the whole character again. */
				s[c - 1].width = TTY_WIDTH_UNKNOWN;
				c--;
			}
			c += tty_draw_cell(tty, row, c);
		}
		if (!tty->redo_row)
			break;
	}
	tty->dirty[row] = 0;
}

/* Store a cell in want, keeping wide characters whole: what it overlaps
   of a wide character becomes a blank of that character's rendition. */
static void
tty_want_set(
    struct tty *tty, unsigned row, unsigned col, const struct tty_cell *cell)
{
	struct tty_cell *w = tty->want[row];
	unsigned width = cell->width;

	/* Keep wide pairs whole in want: break what this cell overlaps. */
	if (w[col].width == 0 && col > 0) {
		tty_cell_blank(&w[col - 1]);
		w[col - 1].style = w[col].style;
	}
	if (w[col].width == 2 && col + 1 < tty->cols && width == 1) {
		tty_cell_blank(&w[col + 1]);
		w[col + 1].style = w[col].style;
	}
	if (width == 2 && col + 2 < tty->cols && w[col + 1].width == 2) {
		tty_cell_blank(&w[col + 2]);
		w[col + 2].style = w[col + 1].style;
	}
	w[col] = *cell;
	if (width == 2) {
		w[col + 1] = *cell;
		w[col + 1].width = 0;
		w[col + 1].len = 0;
		w[col + 1].text[0] = '\0';
	}
	tty->dirty[row] = 1;
}

/* Frame operations (proto_frame_decode callbacks). */

static int
tty_op_clear(void *arg)
{
	struct tty *tty = arg;
	unsigned r, c;

	for (r = 0; r < tty->rows; r++) {
		for (c = 0; c < tty->cols; c++)
			tty_cell_blank(&tty->want[r][c]);
	}
	/* CLEAR makes every row single size (doc/protocol.md, LINES). */
	memset(tty->want_size, PROTO_LINE_SINGLE, tty->rows);
	/* One clear is cheaper than erasing row by row. */
	tty->need_clear = 1;
	return 0;
}

static int
tty_op_scroll(void *arg, unsigned top, unsigned bottom, unsigned count)
{
	struct tty *tty = arg;
	const struct tty_caps *c = &tty->caps;
	unsigned h, i, r;
	int done = 0;

	if (top >= tty->rows)
		return 0;
	if (bottom >= tty->rows)
		bottom = tty->rows - 1;
	h = bottom - top + 1;
	if (count > h)
		count = h;
	tty_grid_scroll(tty, tty->want, top, bottom, count);

	/* Scroll the terminal too when it can and the region is worth
	   it; otherwise the rows are simply redrawn. */
	if (tty->need_clear || tty->deferring || count >= h || h < 2)
		done = 0;
	else if (top == 0 && bottom == tty->rows - 1 && c->ind != NULL) {
		tty_sgr_default(tty);
		tty_acs_off(tty);
		tty_move(tty, bottom, 0);
		if (count > 1 && c->indn != NULL)
			tty_putcap(tty, tiparm(c->indn, (int)count));
		else {
			for (i = 0; i < count; i++)
				tty_putcap(tty, c->ind);
		}
		done = 1;
	} else if (c->csr != NULL && c->ind != NULL) {
		tty_sgr_default(tty);
		tty_acs_off(tty);
		tty_putcap(tty, tiparm(c->csr, (int)top, (int)bottom));
		tty_cursor_lost(tty);
		tty_move(tty, bottom, 0);
		if (count > 1 && c->indn != NULL)
			tty_putcap(tty, tiparm(c->indn, (int)count));
		else {
			for (i = 0; i < count; i++)
				tty_putcap(tty, c->ind);
		}
		tty_putcap(tty, tiparm(c->csr, 0, (int)tty->rows - 1));
		tty_cursor_lost(tty);
		done = 1;
	} else if ((c->dl != NULL || c->dl1 != NULL) &&
	    (bottom == tty->rows - 1 || c->il != NULL || c->il1 != NULL)) {
		tty_sgr_default(tty);
		tty_acs_off(tty);
		tty_move(tty, top, 0);
		if (c->dl != NULL && count > 1)
			tty_putcap(tty, tiparm(c->dl, (int)count));
		else {
			for (i = 0; i < count; i++)
				tty_putcap(tty, c->dl1);
		}
		if (bottom != tty->rows - 1) {
			tty_move(tty, bottom + 1 - count, 0);
			if (c->il != NULL && count > 1)
				tty_putcap(tty, tiparm(c->il, (int)count));
			else {
				for (i = 0; i < count; i++)
					tty_putcap(tty, c->il1);
			}
		}
		done = 1;
	}
	if (done) {
		/* Both copies moved the same way: the dirty flags move with
		   the rows; the rows that entered are blank in both. */
		tty_grid_scroll(tty, tty->shown, top, bottom, count);
		memmove(tty->dirty + top, tty->dirty + top + count, h - count);
		memset(tty->dirty + bottom + 1 - count, 0, count);
		/* A terminal's line sizes travel with its lines. The lines
		   that enter are single size on DEC terminals and xterm,
		   but some emulators keep the size that was there: once
		   double sizes were used, say it again. */
		memmove(tty->shown_size + top, tty->shown_size + top + count,
		    h - count);
		memset(tty->shown_size + bottom + 1 - count,
		    tty->sizes_used ? TTY_SIZE_UNKNOWN : PROTO_LINE_SINGLE,
		    count);
		for (r = top; r <= bottom; r++) {
			if (tty->shown_size[r] != tty->want_size[r])
				tty->dirty[r] = 1;
		}
	} else {
		for (r = top; r <= bottom; r++)
			tty->dirty[r] = 1;
	}
	return 0;
}

static int
tty_op_cell(void *arg, unsigned row, unsigned col, const struct proto_cell *pc)
{
	struct tty *tty = arg;
	struct tty_cell cell;

	if (row >= tty->rows || col >= tty->cols)
		return 0;
	memset(&cell, 0, sizeof cell);
	cell.style = pc->style;
	cell.width = pc->width;
	cell.len = pc->len;
	memcpy(cell.text, pc->text, pc->len);
	if (cell.width == 2 && col + 1 >= tty->cols) {
		/* Never split a wide character at the right edge. */
		cell.width = 1;
		cell.len = 1;
		cell.text[0] = ' ';
		cell.text[1] = '\0';
	}
	tty_want_set(tty, row, col, &cell);
	return 0;
}

/* Mirror modes, cursor style, position and visibility. */
static void
tty_draw_modes(struct tty *tty)
{
	uint32_t want = tty->want_modes & TTY_MODES_MIRRORED, change;
	size_t i;
	uint32_t bit;
	int on;

	if (!tty->mouse_ok)
		want &= ~(VT_MODE_MOUSE_X10 | VT_MODE_MOUSE_NORMAL |
		    VT_MODE_MOUSE_BUTTON | VT_MODE_MOUSE_ANY |
		    VT_MODE_MOUSE_UTF8 | VT_MODE_MOUSE_SGR |
		    VT_MODE_MOUSE_URXVT);
	if (!tty->paste_ok)
		want &= ~VT_MODE_BRACKETED_PASTE;
	if (!tty->focus_ok)
		want &= ~VT_MODE_FOCUS;
	if (!tty->ansi_keys && tty->caps.smkx == NULL)
		want &= ~(VT_MODE_CURSOR_KEYS | VT_MODE_KEYPAD);
	change = want ^ tty->modes_shown;
	if (change == 0)
		return;

	if (!tty->ansi_keys &&
	    (change & (VT_MODE_CURSOR_KEYS | VT_MODE_KEYPAD))) {
		/* One smkx/rmkx for both. */
		if (want & (VT_MODE_CURSOR_KEYS | VT_MODE_KEYPAD))
			tty_putcap(tty, tty->caps.smkx);
		else
			tty_putcap(tty, tty->caps.rmkx);
		change &= ~(VT_MODE_CURSOR_KEYS | VT_MODE_KEYPAD);
	}
	if (change & VT_MODE_KEYPAD)
		tty_adds(tty, (want & VT_MODE_KEYPAD) ? "\033=" : "\033>");
	for (i = 0; i < sizeof tty_mode_table / sizeof tty_mode_table[0]; i++) {
		bit = tty_mode_table[i].bit;
		if (!(change & bit))
			continue;
		on = (want & bit) != 0;
		tty_addf(tty, "\033[?%u%c", tty_mode_table[i].number,
		    on ? 'h' : 'l');
	}
	tty->modes_shown = want;
}

static void
tty_draw_cursor(struct tty *tty)
{
	unsigned row = tty->want_crow, col = tty->want_ccol;

	if (tty->want_cstyle != tty->cstyle_shown) {
		if (tty->caps.Ss != NULL) {
			tty_putcap(
			    tty, tiparm(tty->caps.Ss, (int)tty->want_cstyle));
			tty->cstyle_shown = tty->want_cstyle;
		} else if (tty->xtermlike) {
			tty_addf(tty, "\033[%u q", tty->want_cstyle);
			tty->cstyle_shown = tty->want_cstyle;
		}
	}
	if (row >= tty->rows)
		row = tty->rows - 1;
	if (col >= tty->cols)
		col = tty->cols - 1;
	if (tty->want_cvisible) {
		tty_move(tty, row, col);
		if (!tty->cvisible_shown && tty->caps.cnorm != NULL) {
			tty_putcap(tty, tty->caps.cnorm);
			tty->cvisible_shown = 1;
		}
	} else if (tty->cvisible_shown && tty->caps.civis != NULL) {
		tty_putcap(tty, tty->caps.civis);
		tty->cvisible_shown = 0;
	}
}

static void
tty_sync_begin(struct tty *tty)
{
	if (tty->caps.Sync != NULL)
		tty_putcap(tty, tiparm(tty->caps.Sync, 1));
	else if (tty->sync)
		tty_adds(tty, "\033[?2026h");
}

static void
tty_sync_end(struct tty *tty)
{
	if (tty->caps.Sync != NULL)
		tty_putcap(tty, tiparm(tty->caps.Sync, 2));
	else if (tty->sync)
		tty_adds(tty, "\033[?2026l");
}

/* Clear the terminal if its content is not known. */
static void
tty_draw_clear(struct tty *tty)
{
	if (!tty->need_clear)
		return;
	tty_sgr_default(tty);
	tty_acs_off(tty);
	if (tty->caps.clear != NULL)
		tty_putcap(tty, tty->caps.clear);
	else {
		tty_cursor_lost(tty);
		tty_move(tty, 0, 0);
		tty_putcap(tty, tty->caps.ed);
	}
	tty_cursor_lost(tty);
	tty_shown_blank(tty);
	tty->need_clear = 0;
}

/* Write everything that differs, then modes and cursor. */
static void
tty_draw_body(struct tty *tty)
{
	unsigned r;

	tty->rows_drawn = 0;
	tty_draw_clear(tty);
	for (r = 0; r < tty->rows; r++) {
		if (tty->dirty[r])
			tty_draw_row(tty, r);
	}
	tty_draw_modes(tty);
	tty_draw_cursor(tty);
}

/* End a synchronized update begun at out.len == start (body: where the
   update's own bytes begin); an update with nothing in it is dropped. */
static void
tty_draw_end(struct tty *tty, size_t start, size_t body)
{
	if (tty->out.len == body)
		tty->out.len = start;
	else
		tty_sync_end(tty);
}

static void
tty_frame_header(struct tty *tty, const struct proto_frame *hdr)
{
	tty->want_crow = hdr->cursor_row;
	tty->want_ccol = hdr->cursor_col;
	tty->want_cvisible = hdr->cursor_visible;
	tty->want_cstyle = hdr->cursor_style;
	tty->want_modes = hdr->modes;
}

/* Draw what frames left for later. */
static void
tty_draw_deferred(struct tty *tty)
{
	size_t start, body;

	tty->deferred = 0;
	tty_select(tty);
	start = tty->out.len;
	tty_sync_begin(tty);
	body = tty->out.len;
	tty_draw_body(tty);
	tty_draw_end(tty, start, body);
}

int
tty_frame(struct tty *tty, const uint8_t *payload, size_t len)
{
	static const struct proto_frame_ops ops = {
		tty_op_clear,
		tty_op_scroll,
		tty_op_cell,
	};
	struct proto_frame hdr;
	size_t start, body;

	/* Validate first, so a bad frame changes nothing. */
	if (proto_frame_decode(payload, len, &hdr, NULL, NULL) != 0)
		return -1;
	tty_ready(tty);
	tty_select(tty);
	if (tty_pending(tty) > TTY_DEFER_BYTES) {
		/* The terminal is behind: only remember what is wanted and
		   draw the newest state when it has caught up (tty_flush()),
		   so a slow terminal gets fewer, newer frames. */
		tty->deferring = 1;
		proto_frame_decode(payload, len, &hdr, &ops, tty);
		tty->deferring = 0;
		tty_frame_header(tty, &hdr);
		tty->deferred = 1;
		return 0;
	}
	start = tty->out.len;
	tty_sync_begin(tty);
	body = tty->out.len;
	/* Scroll operations write as they are decoded, inside the update. */
	if (proto_frame_decode(payload, len, &hdr, &ops, tty) != 0) {
		tty_draw_end(tty, start, body);
		return -1; /* cannot happen: validated above */
	}
	tty_frame_header(tty, &hdr);
	tty_draw_body(tty);
	tty_draw_end(tty, start, body);
	return 0;
}

int
tty_lines(struct tty *tty, const uint8_t *payload, size_t len)
{
	struct proto_lines m;
	unsigned r;
	size_t i;

	if (proto_lines_decode(payload, len, &m) != 0)
		return -1;
	tty_ready(tty);
	if (m.rows != tty->rows) {
		/* Composed for a size this terminal no longer has: the
		   frames for the new size bring their own. */
		free(m.list);
		return 0;
	}
	memset(tty->want_size, PROTO_LINE_SINGLE, tty->rows);
	for (i = 0; i < m.n; i++) {
		tty->want_size[m.list[i].row] = m.list[i].size;
		tty->sizes_used = 1;
	}
	free(m.list);
	for (r = 0; r < tty->rows; r++) {
		if (tty->want_size[r] != tty->shown_size[r])
			tty->dirty[r] = 1;
	}
	if (tty_pending(tty) > TTY_DEFER_BYTES)
		tty->deferred = 1;
	else
		tty_draw_deferred(tty);
	return 0;
}

void
tty_redraw(struct tty *tty)
{
	size_t start, body;
	unsigned r;

	tty_ready(tty);
	tty_select(tty);
	/* The terminal may have been disturbed: assume nothing of it
	   (modes that are on are sent again, the cursor shown or hidden). */
	tty->need_clear = 1;
	tty->deferred = 0;
	tty->sgr_valid = 0;
	tty->modes_shown = 0;
	tty->cvisible_shown = !tty->want_cvisible;
	for (r = 0; r < tty->rows; r++)
		tty->dirty[r] = 1;
	start = tty->out.len;
	tty_sync_begin(tty);
	body = tty->out.len;
	tty_draw_body(tty);
	tty_draw_end(tty, start, body);
}

void
tty_resize(struct tty *tty, unsigned rows, unsigned cols)
{
	struct tty_cell **old_want, *old_cells;
	struct tty_cell *w;
	unsigned old_rows, old_cols, r, c;

	tty_ready(tty);
	old_want = tty->want;
	old_cells = tty->want_cells;
	old_rows = tty->rows;
	old_cols = tty->cols;

	if (rows < 1)
		rows = 1;
	if (cols < 1)
		cols = 1;
	if (rows > PROTO_MAX_SIDE)
		rows = PROTO_MAX_SIDE;
	if (cols > PROTO_MAX_SIDE)
		cols = PROTO_MAX_SIDE;
	if (rows == old_rows && cols == old_cols)
		return;

	tty->want = NULL;
	tty->want_cells = NULL;
	free(tty->shown_cells);
	free(tty->shown);
	free(tty->dirty);
	free(tty->want_size);
	free(tty->shown_size);
	tty_grid_alloc(tty, rows, cols);
	for (r = 0; r < rows && r < old_rows; r++) {
		for (c = 0; c < cols && c < old_cols; c++)
			tty->want[r][c] = old_want[r][c];
		w = &tty->want[r][cols - 1];
		if (cols < old_cols && w->width == 2) {
			/* A wide character cut in half by the new edge. */
			tty_cell_blank(w);
			w->style = old_want[r][cols - 1].style;
		}
	}
	free(old_want);
	free(old_cells);
	for (r = 0; r < rows; r++)
		tty->dirty[r] = 1;
	tty->need_clear = 1;
	tty_cursor_lost(tty);
}

/* Start and stop. */

int
tty_start(struct tty *tty)
{
	struct termios tio;
	unsigned rows, cols;

	tty_ready(tty);
	tty_select(tty);
	if (tty->started)
		return 0;
	tty->tio_fd = -1;
	if (isatty(tty->in_fd))
		tty->tio_fd = tty->in_fd;
	else if (isatty(tty->out_fd))
		tty->tio_fd = tty->out_fd;
	if (tty->tio_fd != -1) {
		if (tcgetattr(tty->tio_fd, &tty->tio) != 0)
			return -1;
		tio = tty->tio;
		tio.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR |
		    IGNCR | ICRNL | IXON | IXOFF);
		tio.c_oflag &= ~OPOST;
		tio.c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
		tio.c_cflag &= ~(CSIZE | PARENB);
		tio.c_cflag |= CS8;
		tio.c_cc[VMIN] = 1;
		tio.c_cc[VTIME] = 0;
		if (tcsetattr(tty->tio_fd, TCSADRAIN, &tio) != 0)
			return -1;
		tty->tio_saved = 1;
	}
	if (tty_get_size(tty, &rows, &cols) == 0)
		tty_resize(tty, rows, cols);

	tty_putcap(tty, tty->caps.smcup);
	tty_putcap(tty, tty->caps.enacs);
	tty->in_acs = 0;
	tty_sgr_reset(tty);
	tty->need_clear = 1;
	tty_draw_clear(tty);
	tty->cvisible_shown = 1;
	tty->modes_shown = 0;
	tty->cstyle_shown = 0;
	tty_cursor_lost(tty);
	tty->started = 1;
	return 0;
}

/* write() all of buf, waiting while the fd would block, until deadline
   (monotonic seconds). Async-signal-safe. Returns 0 or -1. */
static int
tty_write_all(int fd, const char *buf, size_t len, time_t deadline)
{
	struct pollfd pfd;
	struct timespec ts;
	ssize_t n;

	while (len > 0) {
		n = write(fd, buf, len);
		if (n > 0) {
			buf += n;
			len -= (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
			return -1;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		if (ts.tv_sec >= deadline)
			return -1;
		pfd.fd = fd;
		pfd.events = POLLOUT;
		poll(&pfd, 1, 250);
	}
	return 0;
}

static size_t
tty_stop_add(char *buf, size_t len, size_t size, const char *s)
{
	size_t n;

	if (s == NULL)
		return len;
	n = strlen(s);
	if (len + n < size) {
		memcpy(buf + len, s, n);
		len += n;
	}
	return len;
}

void
tty_stop(struct tty *tty)
{
	char buf[1024], num[16];
	struct timespec ts;
	size_t len = 0, i;
	unsigned v;
	int saved_errno = errno, k, fl;
	time_t deadline;

	if (!tty->started)
		return;
	tty->started = 0;

	/* A stalled terminal (a hung ssh link) must not hang us: write
	   without blocking, for a bounded time; the flags are shared with
	   other processes on the terminal, so they are put back. */
	fl = fcntl(tty->out_fd, F_GETFL);
	if (fl != -1 && !(fl & O_NONBLOCK))
		fcntl(tty->out_fd, F_SETFL, fl | O_NONBLOCK);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	deadline = ts.tv_sec + 2;
	if (tty->out.len > tty->out.off) {
		if (tty_write_all(tty->out_fd, tty->out.data + tty->out.off,
			tty->out.len - tty->out.off, deadline) != 0)
			buf[len++] = '\030'; /* CAN: end any cut sequence */
	}
	tty->out.len = tty->out.off = 0;

	len = tty_stop_add(buf, len, sizeof buf, tty->stop_sync_end);
	if (tty->in_acs)
		len = tty_stop_add(buf, len, sizeof buf, tty->stop_rmacs);
	len = tty_stop_add(buf, len, sizeof buf,
	    tty->stop_sgr0 != NULL ? tty->stop_sgr0 : "\033[m");
	if (!tty->cvisible_shown)
		len = tty_stop_add(buf, len, sizeof buf, tty->stop_cnorm);
	if (tty->cstyle_shown != 0)
		len = tty_stop_add(buf, len, sizeof buf, tty->stop_cstyle);
	if (tty->modes_shown & VT_MODE_KEYPAD)
		len = tty_stop_add(
		    buf, len, sizeof buf, tty->ansi_keys ? "\033>" : NULL);
	if (!tty->ansi_keys &&
	    (tty->modes_shown & (VT_MODE_CURSOR_KEYS | VT_MODE_KEYPAD)))
		len = tty_stop_add(buf, len, sizeof buf, tty->stop_rmkx);
	for (i = 0; i < sizeof tty_mode_table / sizeof tty_mode_table[0]; i++) {
		if (!(tty->modes_shown & tty_mode_table[i].bit))
			continue;
		if (tty_mode_table[i].bit == VT_MODE_CURSOR_KEYS &&
		    !tty->ansi_keys)
			continue;
		/* By hand: snprintf is not async-signal-safe. */
		v = tty_mode_table[i].number;
		k = sizeof num;
		num[--k] = '\0';
		num[--k] = 'l';
		do {
			num[--k] = (char)('0' + v % 10);
			v /= 10;
		} while (v != 0);
		num[--k] = '?';
		num[--k] = '[';
		num[--k] = '\033';
		len = tty_stop_add(buf, len, sizeof buf, num + k);
	}
	len = tty_stop_add(buf, len, sizeof buf, tty->stop_rmcup);
	tty->modes_shown = 0;
	tty->cvisible_shown = 1;
	tty->cstyle_shown = 0;
	tty->in_acs = 0;
	tty->sgr_valid = 0;
	tty_write_all(tty->out_fd, buf, len, deadline);
	if (fl != -1 && !(fl & O_NONBLOCK))
		fcntl(tty->out_fd, F_SETFL, fl);

	if (tty->tio_saved) {
		tcsetattr(tty->tio_fd, TCSADRAIN, &tty->tio);
		tty->tio_saved = 0;
	}
	errno = saved_errno;
}

/* Bell, title, clipboard. */

void
tty_bell(struct tty *tty)
{
	tty_select(tty);
	if (tty->caps.bel != NULL)
		tty_putcap(tty, tty->caps.bel);
	else
		tty_addc(tty, '\a');
}

void
tty_title(struct tty *tty, const char *utf8)
{
	const unsigned char *p = (const unsigned char *)utf8;
	char clean[257];
	size_t n = 0, k;

	tty_select(tty);
	while (*p != '\0') {
		if (*p < 0x20 || *p == 0x7f) {
			p++; /* C0 and DEL */
			continue;
		}
		if (*p < 0x80) {
			if (n + 1 >= sizeof clean)
				break;
			clean[n++] = (char)*p++;
			continue;
		}
		/* One UTF-8 sequence: its length from the lead byte. */
		k = *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc0 ? 2 : 1;
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			p += 2; /* C1 controls */
			continue;
		}
		if (!tty->utf8 || k == 1) {
			if (n + 1 >= sizeof clean)
				break;
			clean[n++] = '?';
			p++;
			while ((*p & 0xc0) == 0x80)
				p++;
			continue;
		}
		if (n + k >= sizeof clean)
			break;
		clean[n++] = (char)*p++;
		while (--k > 0 && (*p & 0xc0) == 0x80)
			clean[n++] = (char)*p++;
	}
	clean[n] = '\0';

	if (tty->caps.hs && tty->caps.tsl != NULL) {
		tty_putcap(tty, tiparm(tty->caps.tsl, 0));
		tty_add(tty, clean, n);
		if (tty->caps.fsl != NULL)
			tty_putcap(tty, tty->caps.fsl);
		else
			tty_addc(tty, '\a');
	} else if (tty->xtermlike) {
		tty_adds(tty, "\033]2;");
		tty_add(tty, clean, n);
		tty_addc(tty, '\a');
	}
}

void
tty_clipboard(struct tty *tty, const char *sel, const char *b64)
{
	const char *p;

	if (!tty->xtermlike && tty->caps.Ms == NULL)
		return;
	for (p = sel; *p != '\0'; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
			return;
	}
	for (p = b64; *p != '\0'; p++) {
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
			(*p >= '0' && *p <= '9') || *p == '+' || *p == '/' ||
			*p == '='))
			return;
	}
	tty_adds(tty, "\033]52;");
	tty_adds(tty, sel);
	tty_addc(tty, ';');
	tty_adds(tty, b64);
	tty_addc(tty, '\a');
}

/* Output. */

int
tty_flush(struct tty *tty)
{
	struct tty_buf *b = &tty->out;
	ssize_t n;

again:
	while (b->off < b->len) {
		n = write(tty->out_fd, b->data + b->off, b->len - b->off);
		if (n > 0) {
			b->off += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n == 0)
			errno = EIO;
		return -1;
	}
	if (b->off == b->len) {
		b->off = b->len = 0;
		if (tty->deferred) {
			tty_draw_deferred(tty);
			goto again;
		}
	} else if (b->off > 65536 && b->off * 2 > b->len) {
		memmove(b->data, b->data + b->off, b->len - b->off);
		b->len -= b->off;
		b->off = 0;
	}
	return 0;
}

size_t
tty_pending(struct tty *tty)
{
	return tty->out.len - tty->out.off;
}

int
tty_out_fd(struct tty *tty)
{
	return tty->out_fd;
}
