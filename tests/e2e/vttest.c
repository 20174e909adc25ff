/*
 * vttest.c -- vttest (the Debian package's /usr/bin/vttest) run inside a
 * roost window and, side by side, directly in libvterm (the independent
 * reference emulator), both 80x24 with TERM=vt100, driven by the same
 * keystrokes. After every step the screen roost's client shows (read
 * through libvterm behind the real client) is compared with the reference
 * screen: text, widths, the attributes libvterm represents (bold,
 * underline, italic, blink, reverse with DECSCNM folded in, strike,
 * double width/height lines), colours, the cursor's position and
 * visibility. One case per compared screen, "vttest 2 screen05".
 *
 * The menus walked (vttest 2.7; vt_script): 1 (cursor movements), 2
 * (screen features), 3 (character sets), 4 (double-size characters), 8
 * (VT102 insert/delete), and of
 * 11: 11.1.2.2 DECTCEM, 11.1.2.3 ECH, 11.1.2.4 DECSCA, 11.1.6 DECSTR, all
 * of 11.5 (ISO 6429 cursor movement: HPA CBT CHA CHT HPR VPA CNL CPL VPR),
 * 11.6.2-11.6.9 (colours, SGR 0, BCE with ED/EL/ECH/IND and the VT102 and
 * screen-feature tests in colour, SGR 22-27), 11.7.2-11.7.6 (REP SD SL SR
 * SU), and the VT420 margin tests 11.3.2.7-10 (DECBI, DECFI, movement
 * inside the margins) and 11.3.3.9-13 (DECIC/DECDC, IND/RI, IL/DL,
 * ICH/DCH, BS/CR/HT inside the margins), each without margins, with
 * DECLRMM and both kinds of margins set, and in origin mode. Left out:
 * the reports (6, 11.1.1, 11.3.7 and the DECRQM/DECRQSS items: answers,
 * not screens), 8-bit controls (11.1.3: a UTF-8 terminal takes no C1
 * bytes), the printer, DECDLD, DECUDK and DECDMAC (roost has none of
 * them), SRM (11.1.2.1 needs local echo), the VT320 and VT520 menus and
 * the VT420 rectangle, keyboard and screen-display items (11.2, 11.4,
 * 11.3.4-6, 11.3.8: pages, rectangular area operations and status lines,
 * which neither the issue nor the reference has), the ISO protected areas
 * (11.7.1, SPA/EPA) and the xterm features (11.8: mouse, titles and
 * window operations, not screens). Menu 4 (double-size characters) is
 * walked: the right half of a double-size row is not compared, since the
 * terminal does not show it.
 *
 * Waiting is deterministic: a step is over when vttest sits in read(2) on
 * its terminal (/proc/PID/syscall) having slept since the keys were sent
 * (voluntary_ctxt_switches grew), and its terminal has nothing more to
 * show; the roost side is then compared until it agrees with the
 * reference or stops changing.
 *
 * A difference is a failed case (a roost bug) unless vt_divergences lists
 * it: a deviation of the reference from xterm's ctlseqs and DEC's manuals,
 * with its reason and the rows it may touch, reported as "ok - NAME # SKIP
 * divergence: reason". Where it can, the divergence is checked rather than
 * excused: roost must then equal the reference replayed with DECCOLM done
 * the DEC way, or differ only by the DEC Special Graphics forms.
 *
 * $VTTEST_BIN replaces /usr/bin/vttest (when it is missing the suite says
 * so and skips); $VTTEST_ONLY restricts the comparison cases to names
 * containing it; $VTTEST_SHOW prints every compared screen; $VTTEST_SAVE
 * (a directory) keeps the bytes both terminals received. Owns nothing
 * but its cases; the harness is harness.c.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#define VT_ROWS	      24
#define VT_COLS	      80
#define VT_MAX_SHOTS  400
#define VT_SHOW_DIFFS 12

/* One cell as compared. */
struct vt_cell {
	uint32_t ch[VTERM_MAX_CHARS_PER_CELL];
	int8_t width; /* 0: the right half of a wide character */
	uint8_t bold, underline, italic, blink, reverse, strike;
	uint8_t dwl, dhl;
	uint8_t fg_default, bg_default;
	uint8_t fg[3], bg[3];
};

/* One screen. */
struct vt_shot {
	struct vt_cell cell[VT_ROWS][VT_COLS];
	int crow, ccol, cvisible;
};

/* A compared screen: what roost's client showed and the reference. */
struct vt_pair {
	char name[64];
	struct vt_shot roost, ref;
	struct vt_shot *fixed; /* VT_DIV_DECCOLM: the corrected reference */
	char *bytes; /* what vttest wrote in the step, escaped (malloc'd) */
};

/* How a divergence is checked: what roost must show instead. */
enum vt_div_kind {
	/* Anything, inside the rows (for functions the reference lacks). */
	VT_DIV_ROWS,
	/* The reference replayed with DECCOLM clearing the screen, homing
	   the cursor and resetting the margins, exactly. */
	VT_DIV_DECCOLM,
	/* Where they differ, the DEC Special Graphics form of the
	   reference's character (0x5F a blank), or U+2264/U+2265 for its
	   U+2A7D/U+2A7E; the attributes the same. */
	VT_DIV_CHARSET,
	/* Where they differ, only the line size (DECDWL/DECDHL). */
	VT_DIV_LINESIZE,
};

/*
 * A reasoned divergence of the reference: the screen's case name, the
 * rows the differences may lie in (first..last, 0-based, inclusive), how
 * roost's screen is checked instead, and why.
 */
struct vt_divergence {
	const char *name;
	int first, last;
	enum vt_div_kind kind;
	const char *reason;
};

#define VT_DECCOLM                                                             \
	"libvterm 0.1.4 ignores DECCOLM (CSI ? 3 h/l) and keeps the previous " \
	"screen; DEC's VT100 erases the screen and homes the cursor when the " \
	"column mode changes, and so does xterm when it honours DECCOLM "      \
	"(ctlseqs: mode 40, and DECNCSM 95 to not clear); roost keeps 80 "     \
	"columns but clears, homes and resets the margins, as vttest expects"
#define VT_DECSC                                                               \
	"libvterm 0.1.4 does not save the G0-G3 designations with DECSC, so "  \
	"ESC 8 leaves ESC ( B in force; ctlseqs (ESC 7, Save Cursor) and the " \
	"VT100 guide save the character sets with the cursor, as roost does"
#define VT_SL_SR                                                             \
	"libvterm 0.1.4 has no SL/SR (CSI Ps SP @, CSI Ps SP A, in ctlseqs " \
	"and ECMA-48); roost shifts the columns, giving the column of *s "   \
	"vttest asks for"
#define VT_DECBI_DECFI                                                      \
	"libvterm 0.1.4 has no DECBI/DECFI (ESC 6, ESC 9, VT420, in "       \
	"ctlseqs); "                                                        \
	"roost moves the cursor or shifts the columns inside the margins, " \
	"numbering the top row 1 to 20 as vttest asks"
#define VT_RIGHT_MARGIN                                                        \
	"libvterm 0.1.4 moves the cursor past the DECSLRM right margin (CUF, " \
	"HT, printing without wrapping there); xterm stops CUF and HT at the " \
	"right margin and wraps at it when the cursor starts inside the "      \
	"margins (ctlseqs DECSLRM; VT420), as roost does and vttest asks"
#define VT_ICH_OUTSIDE                                                         \
	"libvterm 0.1.4 ignores ICH/DCH while the cursor is below the bottom " \
	"margin; xterm applies them whenever the cursor is inside the "        \
	"left/right margins, whatever the top/bottom ones, as roost does"
#define VT_SCROLL_LINESIZE                                                     \
	"libvterm 0.1.4 gives the rows that scroll in the line sizes of the "  \
	"rows that were there (its scroll moves the line sizes but does not "  \
	"reset the entering rows; later libvterm resets them); a new line is " \
	"single size on DEC terminals and in xterm, as in roost"
static const struct vt_divergence vt_divergences[] = {
	{ "vttest 4 screen06", 7, 18, VT_DIV_LINESIZE, VT_SCROLL_LINESIZE },
	{ "vttest 8 screen13", 23, 23, VT_DIV_LINESIZE, VT_SCROLL_LINESIZE },
	{ "vttest 1 screen03", 0, 23, VT_DIV_DECCOLM, VT_DECCOLM },
	{ "vttest 1 screen04", 0, 23, VT_DIV_DECCOLM, VT_DECCOLM },
	{ "vttest 2 screen15", 11, 15, VT_DIV_CHARSET, VT_DECSC },
	{ "vttest 3 screen01", 12, 13, VT_DIV_CHARSET,
	    "libvterm 0.1.4 maps DEC Special Graphics from 0x60 only, leaving "
	    "0x5F as '_' where the VT100 shows a blank (xterm: an empty cell; "
	    "roost: U+00A0), and maps 0x79/0x7A to the slanted U+2A7D/U+2A7E "
	    "where xterm uses U+2264/U+2265 as roost does" },
	{ "vttest 11.7.4 screen01", 0, 19, VT_DIV_ROWS, VT_SL_SR },
	{ "vttest 11.7.5 screen01", 0, 19, VT_DIV_ROWS, VT_SL_SR },
	{ "vttest 11.3.2.7 screen01", 0, 0, VT_DIV_ROWS, VT_DECBI_DECFI },
	{ "vttest 11.3.2.8 screen01", 0, 0, VT_DIV_ROWS, VT_DECBI_DECFI },
	{ "vttest 11.3.2.7-margins screen01", 0, 0, VT_DIV_ROWS,
	    VT_DECBI_DECFI },
	{ "vttest 11.3.2.8-margins screen01", 0, 0, VT_DIV_ROWS,
	    VT_DECBI_DECFI },
	{ "vttest 11.3.2.9-margins screen01", 0, 11, VT_DIV_ROWS,
	    VT_RIGHT_MARGIN },
	{ "vttest 11.3.2.10-margins screen01", 0, 11, VT_DIV_ROWS,
	    VT_RIGHT_MARGIN },
	{ "vttest 11.3.2.10-origin screen01", 0, 11, VT_DIV_ROWS,
	    VT_RIGHT_MARGIN },
	{ "vttest 11.3.3.13-margins screen01", 0, 11, VT_DIV_ROWS,
	    VT_RIGHT_MARGIN },
	{ "vttest 11.3.3.13-origin screen01", 0, 11, VT_DIV_ROWS,
	    VT_RIGHT_MARGIN },
	{ "vttest 11.3.3.12-margins screen01", 12, 19, VT_DIV_ROWS,
	    VT_ICH_OUTSIDE },
	{ "vttest 11.3.3.12-margins screen02", 12, 19, VT_DIV_ROWS,
	    VT_ICH_OUTSIDE },
	{ NULL, 0, 0, VT_DIV_ROWS, NULL },
};

static const char *vt_bin = "/usr/bin/vttest"; /* or $VTTEST_BIN */
static struct vt_pair **vt_pairs; /* VT_MAX_SHOTS, filled as recorded */
static int vt_npairs;
static int vt_cur; /* the pair the comparison case looks at */

/* The two sides of the run. */
static struct {
	struct h_term *roost, *ref;
	pid_t roost_pid, ref_pid; /* the two vttest processes */
	size_t ref_from;	  /* the reference's output at the last keys */
	long roost_vcs, ref_vcs;  /* their sleeps before the last keys */
	char menu[32];		  /* the menu being walked, "11.5.1" */
	int nscreen;		  /* screens recorded in it */
} vt;

/* Read one cell of t into c. */
static void
vt_read_cell(struct h_term *t, int row, int col, struct vt_cell *c)
{
	VTermScreenCell vc;
	VTermColor fg, bg;
	int i;

	memset(c, 0, sizeof *c);
	if (h_cell(t, row, col, &vc) == -1) {
		c->width = -1;
		return;
	}
	if (vc.chars[0] == (uint32_t)-1)
		c->width = 0;
	else {
		c->width = vc.width;
		for (i = 0; i < VTERM_MAX_CHARS_PER_CELL && vc.chars[i] != 0;
		     i++)
			c->ch[i] = vc.chars[i];
	}
	c->bold = vc.attrs.bold;
	c->underline = vc.attrs.underline;
	c->italic = vc.attrs.italic;
	c->blink = vc.attrs.blink;
	/* DECSCNM reverses every cell. */
	c->reverse = vc.attrs.reverse ^ (t->reverse != 0);
	c->strike = vc.attrs.strike;
	c->dwl = vc.attrs.dwl;
	c->dhl = vc.attrs.dhl;
	fg = vc.fg;
	bg = vc.bg;
	c->fg_default = VTERM_COLOR_IS_DEFAULT_FG(&fg);
	c->bg_default = VTERM_COLOR_IS_DEFAULT_BG(&bg);
	vterm_screen_convert_color_to_rgb(t->screen, &fg);
	vterm_screen_convert_color_to_rgb(t->screen, &bg);
	c->fg[0] = fg.rgb.red;
	c->fg[1] = fg.rgb.green;
	c->fg[2] = fg.rgb.blue;
	c->bg[0] = bg.rgb.red;
	c->bg[1] = bg.rgb.green;
	c->bg[2] = bg.rgb.blue;
}

/* Take the screen of t (its top VT_ROWS rows). */
static void
vt_take(struct h_term *t, struct vt_shot *s)
{
	int r, c;

	h_pump(t, 0);
	for (r = 0; r < VT_ROWS; r++)
		for (c = 0; c < VT_COLS; c++)
			vt_read_cell(t, r, c, &s->cell[r][c]);
	h_cursor(t, &s->crow, &s->ccol);
	s->cvisible = t->cursor_visible;
}

static int
vt_blank(const struct vt_cell *c)
{
	return c->ch[0] == 0 || (c->ch[0] == ' ' && c->ch[1] == 0);
}

/* 1 when two cells look different. */
static int
vt_cell_differs(const struct vt_cell *a, const struct vt_cell *b)
{
	int fg_seen;

	if (a->width != b->width || vt_blank(a) != vt_blank(b))
		return 1;
	if (!vt_blank(a) && memcmp(a->ch, b->ch, sizeof a->ch) != 0)
		return 1;
	if (a->width == 0)
		return 0; /* the attributes are the leading cell's */
	if (a->reverse != b->reverse || a->underline != b->underline ||
	    a->strike != b->strike || a->dwl != b->dwl || a->dhl != b->dhl ||
	    a->bg_default != b->bg_default ||
	    memcmp(a->bg, b->bg, sizeof a->bg) != 0)
		return 1;
	/* A blank shows its foreground only reversed, underlined or struck
	   through. */
	fg_seen = !vt_blank(a) || a->reverse || a->underline || a->strike;
	if (fg_seen &&
	    (a->bold != b->bold || a->italic != b->italic ||
		a->blink != b->blink || a->fg_default != b->fg_default ||
		memcmp(a->fg, b->fg, sizeof a->fg) != 0))
		return 1;
	return 0;
}

/* Describe a cell: "'A' U+0041 w1 bold rev fg=#ffffff bg=default". */
static void
vt_cell_text(const struct vt_cell *c, char *buf, size_t size)
{
	char ch[64] = "blank";
	size_t off = 0;
	int i;

	if (!vt_blank(c)) {
		off = 0;
		for (i = 0; i < VTERM_MAX_CHARS_PER_CELL && c->ch[i] != 0 &&
		     off < sizeof ch;
		     i++)
			off += (size_t)snprintf(ch + off, sizeof ch - off,
			    "%sU+%04X", i > 0 ? "+" : "", c->ch[i]);
	}
	snprintf(buf, size,
	    "%s w%d%s%s%s%s%s%s%s%s ul=%d fg=%s%02x%02x%02x bg=%s%02x%02x%02x",
	    ch, c->width, c->bold ? " bold" : "", c->italic ? " italic" : "",
	    c->blink ? " blink" : "", c->reverse ? " rev" : "",
	    c->strike ? " strike" : "", c->dwl ? " dwl" : "",
	    c->dhl == 1 ? " dhl-top" : "", c->dhl == 2 ? " dhl-bottom" : "",
	    c->underline, c->fg_default ? "default/#" : "#", c->fg[0], c->fg[1],
	    c->fg[2], c->bg_default ? "default/#" : "#", c->bg[0], c->bg[1],
	    c->bg[2]);
}

/* A row as text (blanks as spaces, trailing blanks cut). */
static void
vt_row_text(const struct vt_shot *s, int r, char *buf, size_t size)
{
	size_t len = 0, keep = 0;
	int c;

	for (c = 0; c < VT_COLS && len + 5 < size; c++) {
		const struct vt_cell *cell = &s->cell[r][c];
		uint32_t u = vt_blank(cell) ? ' ' : cell->ch[0];

		if (cell->width == 0)
			continue;
		if (u < 0x80)
			buf[len++] = (char)u;
		else if (u < 0x800) {
			buf[len++] = (char)(0xc0 | (u >> 6));
			buf[len++] = (char)(0x80 | (u & 0x3f));
		} else {
			buf[len++] = (char)(0xe0 | ((u >> 12) & 0x0f));
			buf[len++] = (char)(0x80 | ((u >> 6) & 0x3f));
			buf[len++] = (char)(0x80 | (u & 0x3f));
		}
		if (u != ' ')
			keep = len;
	}
	buf[keep] = '\0';
}

/*
 * Count the differences between two screens (cells, and the cursor as one
 * more); the rows holding them widen *first..*last when not NULL. With
 * report, describe the first few with h_diag.
 */
static int
vt_compare(const struct vt_shot *a, const struct vt_shot *b, int *first,
    int *last, int report)
{
	char x[256], y[256];
	int r, c, n = 0;

	for (r = 0; r < VT_ROWS; r++)
		for (c = 0; c < VT_COLS; c++) {
			/* The right half of a double-size row is not shown
			   (libvterm keeps stale cells there). */
			if (c >= VT_COLS / 2 && a->cell[r][0].dwl &&
			    b->cell[r][0].dwl &&
			    a->cell[r][0].dhl == b->cell[r][0].dhl)
				break;
			if (!vt_cell_differs(&a->cell[r][c], &b->cell[r][c]))
				continue;
			if (report && n < VT_SHOW_DIFFS) {
				vt_cell_text(&a->cell[r][c], x, sizeof x);
				vt_cell_text(&b->cell[r][c], y, sizeof y);
				h_diag("row %d col %d: roost %s; reference %s",
				    r, c, x, y);
			}
			if (first != NULL && r < *first)
				*first = r;
			if (last != NULL && r > *last)
				*last = r;
			n++;
		}
	/* A hidden cursor's position shows nowhere. */
	if (a->cvisible != b->cvisible ||
	    (a->cvisible && (a->crow != b->crow || a->ccol != b->ccol))) {
		if (report)
			h_diag("cursor: roost %d,%d%s; reference %d,%d%s",
			    a->crow, a->ccol, a->cvisible ? "" : " hidden",
			    b->crow, b->ccol, b->cvisible ? "" : " hidden");
		if (first != NULL && a->crow < *first)
			*first = a->crow;
		if (last != NULL && a->crow > *last)
			*last = a->crow;
		if (first != NULL && b->crow < *first)
			*first = b->crow;
		if (last != NULL && b->crow > *last)
			*last = b->crow;
		n++;
	}
	return n;
}

/* Print both screens side by side, rows that differ marked '!'. */
static void
vt_show(const struct vt_shot *roost, const struct vt_shot *ref, int as_diag)
{
	char a[512], b[512];
	int r;

	for (r = 0; r < VT_ROWS; r++) {
		int c, differs = 0;

		for (c = 0; c < VT_COLS; c++)
			if (vt_cell_differs(
				&roost->cell[r][c], &ref->cell[r][c]))
				differs = 1;
		vt_row_text(roost, r, a, sizeof a);
		vt_row_text(ref, r, b, sizeof b);
		if (as_diag) {
			h_diag("%2d%c roost    |%s", r, differs ? '!' : ' ', a);
			if (differs)
				h_diag("%2d%c reference|%s", r, '!', b);
		} else
			printf("# %2d%c|%s\n", r, differs ? '!' : ' ', a);
	}
}

/* Read /proc/PID: whether it sits in read(2) on fd 0, and its voluntary
   context switches. 0, or -1 when the process is gone. */
static int
vt_proc(pid_t pid, int *in_read, long *vcs)
{
	char path[64], line[256];
	FILE *fp;
	long nr = -1;
	unsigned long fd = 1;

	*in_read = 0;
	*vcs = -1;
	snprintf(path, sizeof path, "/proc/%d/syscall", (int)pid);
	if ((fp = fopen(path, "r")) == NULL)
		return -1;
	if (fgets(line, sizeof line, fp) != NULL &&
	    sscanf(line, "%ld 0x%lx", &nr, &fd) == 2)
		*in_read = nr == 0 && fd == 0;
	fclose(fp);
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if ((fp = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, fp) != NULL)
		if (sscanf(line, "voluntary_ctxt_switches: %ld", vcs) == 1)
			break;
	fclose(fp);
	return 0;
}

/*
 * Wait until the vttest process pid of t has slept since the keys (its
 * switches above vcs0) and sits in read(2) on its terminal with nothing
 * more written, three looks in a row. *vcs gets its switches then.
 */
static int
vt_wait_reading(struct h_term *t, pid_t pid, long vcs0, long *vcs)
{
	long long end = h_now_ms() + H_TIMEOUT_MS;
	size_t len = (size_t)-1;
	long last = -2;
	int still = 0, in_read;

	for (;;) {
		h_pump(t, 20);
		if (vt_proc(pid, &in_read, vcs) == -1) {
			h_diag(
			    "vttest (pid %d) in %s is gone", (int)pid, t->name);
			return -1;
		}
		if (in_read && *vcs > vcs0 && *vcs == last && t->out.len == len)
			still++;
		else
			still = 0;
		if (still >= 3)
			return 0;
		last = *vcs;
		len = t->out.len;
		if (h_now_ms() >= end) {
			h_diag("vttest in %s never waited for input (syscall "
			       "read: %d, switches %ld, before %ld)",
			    t->name, in_read, *vcs, vcs0);
			return -1;
		}
	}
}

/*
 * After vttest in roost waits for input: compare the display with the
 * reference until they agree, or until the display has not changed for a
 * second (then the difference is real; a difference costs that second).
 */
static void
vt_settle_roost(const struct vt_shot *ref, struct vt_shot *got)
{
	long long end = h_now_ms() + H_TIMEOUT_MS;
	size_t len = (size_t)-1;
	int still = 0;

	for (;;) {
		h_pump(vt.roost, 50);
		vt_take(vt.roost, got);
		if (vt_compare(got, ref, NULL, NULL, 0) == 0)
			return;
		if (vt.roost->out.len == len)
			still++;
		else
			still = 0;
		len = vt.roost->out.len;
		if (still >= 20 || h_now_ms() >= end)
			return;
	}
}

/* Find the vttest process that is not pid `not` (the one in roost's
   window). Waits for it to start. */
static pid_t
vt_find_roost_vttest(pid_t not )
{
	long long end = h_now_ms() + H_TIMEOUT_MS;

	for (;;) {
		char path[64], comm[64];
		FILE *fp;
		pid_t server = h_server_pid();
		pid_t pid;

		/* The window's process is the server's child. */
		if (server > 0) {
			snprintf(path, sizeof path, "/proc/%d/task/%d/children",
			    (int)server, (int)server);
			if ((fp = fopen(path, "r")) != NULL) {
				while (fscanf(fp, "%d", &pid) == 1) {
					FILE *cp;

					if (pid == not )
						continue;
					snprintf(path, sizeof path,
					    "/proc/%d/comm", (int)pid);
					if ((cp = fopen(path, "r")) == NULL)
						continue;
					if (fgets(comm, sizeof comm, cp) !=
						NULL &&
					    strcmp(comm, "vttest\n") == 0) {
						fclose(cp);
						fclose(fp);
						return pid;
					}
					fclose(cp);
				}
				fclose(fp);
			}
		}
		if (h_now_ms() >= end)
			return -1;
		h_pump(vt.roost, 50);
	}
}

/* The bytes p[0..n) as C-escaped text (malloc'd). */
static char *
vt_escape(const char *p, size_t n)
{
	struct h_bytes b = { 0 };
	size_t i;

	h_bytes_add(&b, "", 0);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		char e[8];

		if (c == 0x1b)
			snprintf(e, sizeof e, "\\e");
		else if (c == '\\')
			snprintf(e, sizeof e, "\\\\");
		else if (c < 0x20 || c >= 0x7f)
			snprintf(e, sizeof e, "\\x%02x", c);
		else
			snprintf(e, sizeof e, "%c", c);
		h_bytes_add(&b, e, strlen(e));
	}
	return b.data;
}

/* The divergence listed for a screen, or NULL. */
static const struct vt_divergence *
vt_divergence(const char *name)
{
	size_t i;

	for (i = 0; vt_divergences[i].name != NULL; i++)
		if (strcmp(vt_divergences[i].name, name) == 0)
			return &vt_divergences[i];
	return NULL;
}

/* libvterm's replies of the replay go nowhere. */
static void
vt_replay_output(const char *s, size_t len, void *user)
{
	(void)s;
	(void)len;
	(void)user;
}

static int
vt_replay_prop(VTermProp prop, VTermValue *val, void *user)
{
	struct h_term *t = user;

	if (prop == VTERM_PROP_CURSORVISIBLE)
		t->cursor_visible = val->boolean;
	else if (prop == VTERM_PROP_REVERSE)
		t->reverse = val->boolean;
	return 1;
}

/*
 * The reference corrected for DECCOLM: everything vttest wrote to it so
 * far, replayed into a new libvterm of the same size with each DECCOLM
 * (CSI ? 3 h, CSI ? 3 l) followed by what a DEC terminal does then:
 * margins reset (DECSTBM), cursor home, screen erased. Into s.
 */
static void
vt_replay_deccolm(struct vt_shot *s)
{
	static const VTermScreenCallbacks cbs = {
		.settermprop = vt_replay_prop,
	};
	static const char fix[] = "\033[r\033[H\033[2J";
	const char *p = vt.ref->out.data, *end = p + vt.ref->out.len;
	struct h_term t;

	memset(&t, 0, sizeof t);
	t.pid = -1;
	t.fd = -1;
	t.rows = VT_ROWS;
	t.cols = VT_COLS;
	t.cursor_visible = 1;
	t.vt = vterm_new(VT_ROWS, VT_COLS);
	vterm_set_utf8(t.vt, 1);
	vterm_output_set_callback(t.vt, vt_replay_output, NULL);
	t.screen = vterm_obtain_screen(t.vt);
	vterm_screen_set_callbacks(t.screen, &cbs, &t);
	vterm_screen_enable_altscreen(t.screen, 1);
	vterm_screen_reset(t.screen, 1);
	while (p < end) {
		const char *hit = memmem(p, (size_t)(end - p), "\033[?3", 4);

		if (hit == NULL || hit + 5 > end ||
		    (hit[4] != 'h' && hit[4] != 'l')) {
			const char *to = hit != NULL ? hit + 4 : end;

			if (to > end)
				to = end;
			vterm_input_write(t.vt, p, (size_t)(to - p));
			p = to;
			continue;
		}
		vterm_input_write(t.vt, p, (size_t)(hit + 5 - p));
		vterm_input_write(t.vt, fix, sizeof fix - 1);
		p = hit + 5;
	}
	vt_take(&t, s);
	vterm_free(t.vt);
}

/* The DEC Special Graphics character for c (0x5F-0x7E, as xterm and the
   VT100 guide show them), or 0. */
static uint32_t
vt_dec_graphic(uint32_t c)
{
	static const uint32_t map[] = { 0x00a0, 0x25c6, 0x2592, 0x2409, 0x240c,
		0x240d, 0x240a, 0x00b0, 0x00b1, 0x2424, 0x240b, 0x2518, 0x2510,
		0x250c, 0x2514, 0x253c, 0x23ba, 0x23bb, 0x2500, 0x23bc, 0x23bd,
		0x251c, 0x2524, 0x2534, 0x252c, 0x2502, 0x2264, 0x2265, 0x03c0,
		0x2260, 0x00a3, 0x00b7 };

	return c >= 0x5f && c <= 0x7e ? map[c - 0x5f] : 0;
}

/* VT_DIV_CHARSET: the cells that differ for another reason than the
   character set (described with report). */
static int
vt_charset_unexplained(
    const struct vt_shot *roost, const struct vt_shot *ref, int report)
{
	char x[256], y[256];
	int r, c, n = 0;

	for (r = 0; r < VT_ROWS; r++)
		for (c = 0; c < VT_COLS; c++) {
			const struct vt_cell *a = &roost->cell[r][c];
			const struct vt_cell *b = &ref->cell[r][c];
			struct vt_cell want = *b;
			uint32_t g = vt_dec_graphic(b->ch[0]);

			if (!vt_cell_differs(a, b))
				continue;
			if (b->ch[1] == 0 && g != 0)
				want.ch[0] = g;
			else if (b->ch[0] == 0x2a7d)
				want.ch[0] = 0x2264;
			else if (b->ch[0] == 0x2a7e)
				want.ch[0] = 0x2265;
			/* 0x5F is a blank: U+00A0 or an empty cell. */
			if (b->ch[0] == '_' && b->ch[1] == 0 && vt_blank(a))
				want.ch[0] = a->ch[0];
			if (!vt_cell_differs(a, &want))
				continue;
			if (report) {
				vt_cell_text(a, x, sizeof x);
				vt_cell_text(b, y, sizeof y);
				h_diag("row %d col %d is not a character-set "
				       "difference: roost %s; reference %s",
				    r, c, x, y);
			}
			n++;
		}
	return n;
}

/* VT_DIV_LINESIZE: the cells that differ in more than their line size. */
static int
vt_linesize_unexplained(const struct vt_shot *roost, const struct vt_shot *ref)
{
	int r, c, n = 0;

	for (r = 0; r < VT_ROWS; r++)
		for (c = 0; c < VT_COLS; c++) {
			struct vt_cell want = ref->cell[r][c];

			want.dwl = roost->cell[r][c].dwl;
			want.dhl = roost->cell[r][c].dhl;
			if (vt_cell_differs(&roost->cell[r][c], &want))
				n++;
		}
	return n;
}

/* Record the current screens of both sides as the next case of the menu
   being walked. */
static void
vt_record(const char *name)
{
	const struct vt_divergence *d;
	struct vt_pair *p;

	if (vt_npairs >= VT_MAX_SHOTS)
		return;
	p = calloc(1, sizeof *p);
	if (p == NULL)
		exit(99);
	vt_pairs[vt_npairs++] = p;
	if (name != NULL)
		snprintf(p->name, sizeof p->name, "vttest %s", name);
	else
		snprintf(p->name, sizeof p->name, "vttest %s screen%02d",
		    vt.menu, ++vt.nscreen);
	vt_take(vt.ref, &p->ref);
	vt_settle_roost(&p->ref, &p->roost);
	p->bytes = vt_escape(
	    vt.ref->out.data + vt.ref_from, vt.ref->out.len - vt.ref_from);
	d = vt_divergence(p->name);
	if (d != NULL && d->kind == VT_DIV_DECCOLM) {
		p->fixed = malloc(sizeof *p->fixed);
		if (p->fixed == NULL)
			exit(99);
		vt_replay_deccolm(p->fixed);
	}
	if (getenv("VTTEST_SHOW") != NULL) {
		printf("# === %s (roost; ! marks rows that differ)\n", p->name);
		vt_show(&p->roost, &p->ref, 0);
	}
}

/* Send keys to both sides and wait until both vttests wait again. */
static int
vt_keys(const char *keys)
{
	int in_read;

	if (vt_proc(vt.ref_pid, &in_read, &vt.ref_vcs) == -1 ||
	    vt_proc(vt.roost_pid, &in_read, &vt.roost_vcs) == -1) {
		h_diag(
		    "a vttest is gone before \"%s\" in menu %s", keys, vt.menu);
		return -1;
	}
	h_pump(vt.ref, 0);
	vt.ref_from = vt.ref->out.len;
	if (h_type(vt.ref, keys) == -1 || h_type(vt.roost, keys) == -1)
		return -1;
	if (vt_wait_reading(vt.ref, vt.ref_pid, vt.ref_vcs, &vt.ref_vcs) ==
		-1 ||
	    vt_wait_reading(
		vt.roost, vt.roost_pid, vt.roost_vcs, &vt.roost_vcs) == -1) {
		h_diag("after \"%s\" in menu %s", keys, vt.menu);
		return -1;
	}
	return 0;
}

/* 1 when the reference shows text. */
static int
vt_shows(const char *text)
{
	char row[512];
	int r;

	for (r = 0; r < VT_ROWS; r++)
		if (strstr(h_row_text(vt.ref, r, row, sizeof row), text) !=
		    NULL)
			return 1;
	return 0;
}

/* 1 when the reference shows a menu ("Enter choice number"). */
static int
vt_at_menu(void)
{
	return vt_shows("Enter choice number");
}

/* Open a (sub)menu by its number and record it as "vttest NAME menu". */
static int
vt_menu(const char *keys, const char *name)
{
	char full[64];

	if (vt_keys(keys) == -1)
		return -1;
	snprintf(full, sizeof full, "%s menu", name);
	vt_record(full);
	if (!vt_at_menu()) {
		h_diag("\"%s\" did not show menu %s", keys, name);
		return -1;
	}
	return 0;
}

/*
 * Run the test of a menu item: type keys, then record each screen and
 * push RETURN until vttest shows a menu again (recorded too, as the last
 * screen of the walk).
 */
static int
vt_walk(const char *menu, const char *keys)
{
	/* The same step again goes on numbering its screens. */
	if (strcmp(vt.menu, menu) != 0)
		vt.nscreen = 0;
	snprintf(vt.menu, sizeof vt.menu, "%s", menu);
	if (vt_keys(keys) == -1)
		return -1;
	for (;;) {
		vt_record(NULL);
		if (vt_at_menu())
			return 0;
		if (vt.nscreen >= 60) {
			h_diag("menu %s: no way back to a menu", menu);
			return -1;
		}
		if (vt_keys("\r") == -1)
			return -1;
	}
}

/*
 * The walk, after the main menu: each step types its keys and RETURN, then
 * records the screens as "vttest NAME screenNN" until vttest shows a menu
 * again, or (menu) records the menu it opens as "vttest NAME menu". Going
 * back ("0") is a step too: the menu redrawn is compared.
 */
static const struct vt_step {
	int menu;	   /* 1: opens a menu, recorded as "NAME menu" */
	const char *keys;  /* typed, then RETURN */
	const char *name;  /* the screens' names */
	const char *title; /* "0" steps: the menu to get back to (vttest may
			      show another menu first: "0" again) */
} vt_script[] = {
	{ 0, "1", "1", NULL },
	{ 0, "2", "2", NULL },
	{ 0, "3", "3", NULL },
	{ 0, "4", "4", NULL },
	{ 0, "8", "8", NULL },
	{ 1, "11", "11", NULL },
	/* VT220: DECTCEM, ECH, DECSCA; DECSTR. */
	{ 1, "1", "11.1", NULL },
	{ 1, "2", "11.1.2", NULL },
	{ 0, "2", "11.1.2.2", NULL },
	{ 0, "3", "11.1.2.3", NULL },
	{ 0, "4", "11.1.2.4", NULL },
	{ 0, "0", "11.1.2.0", "Menu 11.1: " },
	{ 0, "6", "11.1.6", NULL },
	{ 0, "0", "11.1.0", "Menu 11: " },
	/* ISO 6429 cursor movement: HPA CBT CHA CHT HPR VPA CNL CPL VPR. */
	{ 1, "5", "11.5", NULL },
	{ 0, "1", "11.5.1", NULL },
	{ 0, "2", "11.5.2", NULL },
	{ 0, "3", "11.5.3", NULL },
	{ 0, "4", "11.5.4", NULL },
	{ 0, "5", "11.5.5", NULL },
	{ 0, "6", "11.5.6", NULL },
	{ 0, "7", "11.5.7", NULL },
	{ 0, "8", "11.5.8", NULL },
	{ 0, "9", "11.5.9", NULL },
	{ 0, "0", "11.5.0", "Menu 11: " },
	/* Colours: the pattern, SGR 0, BCE, VT102 and screen features in
	   colour, SGR 22-27. */
	{ 1, "6", "11.6", NULL },
	{ 0, "2", "11.6.2", NULL },
	{ 0, "3", "11.6.3", NULL },
	{ 0, "4", "11.6.4", NULL },
	{ 0, "5", "11.6.5", NULL },
	{ 0, "6", "11.6.6", NULL },
	{ 0, "7", "11.6.7", NULL },
	{ 0, "8", "11.6.8", NULL },
	{ 0, "9", "11.6.9", NULL },
	{ 0, "0", "11.6.0", "Menu 11: " },
	/* REP SD SL SR SU. */
	{ 1, "7", "11.7", NULL },
	{ 0, "2", "11.7.2", NULL },
	{ 0, "3", "11.7.3", NULL },
	{ 0, "4", "11.7.4", NULL },
	{ 0, "5", "11.7.5", NULL },
	{ 0, "6", "11.7.6", NULL },
	{ 0, "0", "11.7.0", "Menu 11: " },
	/* VT420: DECBI, DECFI, movement and editing inside the margins,
	   first without, then with left/right and top/bottom margins, then
	   in origin mode too. Last: vttest keeps the margin settings for
	   the tests of other menus. */
	{ 1, "3", "11.3", NULL },
	{ 1, "2", "11.3.2", NULL },
	{ 0, "7", "11.3.2.7", NULL },
	{ 0, "8", "11.3.2.8", NULL },
	{ 0, "9", "11.3.2.9", NULL },
	{ 0, "10", "11.3.2.10", NULL },
	{ 0, "3", "11.3.2.3", NULL }, /* DECLRMM on */
	{ 0, "4", "11.3.2.4", NULL }, /* top/bottom margins set */
	{ 0, "5", "11.3.2.5", NULL }, /* left/right margins set */
	{ 0, "7", "11.3.2.7-margins", NULL },
	{ 0, "8", "11.3.2.8-margins", NULL },
	{ 0, "9", "11.3.2.9-margins", NULL },
	{ 0, "10", "11.3.2.10-margins", NULL },
	{ 0, "2", "11.3.2.2", NULL }, /* DECOM on */
	{ 0, "9", "11.3.2.9-origin", NULL },
	{ 0, "10", "11.3.2.10-origin", NULL },
	{ 0, "0", "11.3.2.0", "Menu 11.3: " },
	{ 1, "3", "11.3.3", NULL },
	{ 0, "9", "11.3.3.9", NULL },
	{ 0, "10", "11.3.3.10", NULL },
	{ 0, "11", "11.3.3.11", NULL },
	{ 0, "12", "11.3.3.12", NULL },
	{ 0, "13", "11.3.3.13", NULL },
	{ 0, "2", "11.3.3.2", NULL }, /* DECLRMM on */
	{ 0, "3", "11.3.3.3", NULL }, /* top/bottom margins set */
	{ 0, "4", "11.3.3.4", NULL }, /* left/right margins set */
	{ 0, "9", "11.3.3.9-margins", NULL },
	{ 0, "10", "11.3.3.10-margins", NULL },
	{ 0, "11", "11.3.3.11-margins", NULL },
	{ 0, "12", "11.3.3.12-margins", NULL },
	{ 0, "13", "11.3.3.13-margins", NULL },
	{ 0, "1", "11.3.3.1", NULL }, /* DECOM on */
	{ 0, "9", "11.3.3.9-origin", NULL },
	{ 0, "10", "11.3.3.10-origin", NULL },
	{ 0, "11", "11.3.3.11-origin", NULL },
	{ 0, "12", "11.3.3.12-origin", NULL },
	{ 0, "13", "11.3.3.13-origin", NULL },
	{ 0, "0", "11.3.3.0", "Menu 11.3: " },
	{ 0, "0", "11.3.0", "Menu 11: " },
	{ 0, "0", "11.0", "VT100 test program" },
};

/* Without vttest: say so, loudly. */
static int
vt_case_missing(void)
{
	printf("# %s is missing: install the vttest package "
	       "(contrib/install-deps.sh test)\n",
	    vt_bin);
	h_skip_reason("vttest not installed");
	return H_SKIP;
}

/* The run: both vttests through the menus, recording the screens. */
static int
vt_case_run(void)
{
	static const char *const env[] = { "TERM=vt100", NULL };
	const char *const ref_argv[] = { vt_bin, NULL };
	const char *const roost_argv[] = { NULL, "-S", "vt", "/usr/bin/env",
		"TERM=vt100", vt_bin, NULL };
	char keys[16];
	size_t i;
	int k;

	H_SKIP_IF(access(vt_bin, X_OK) != 0, "vttest not installed");
	vt.roost = h_spawn(roost_argv, NULL, VT_ROWS + 1, VT_COLS);
	H_REQUIRE(vt.roost != NULL, "roost with vttest in its window");
	snprintf(vt.roost->name, sizeof vt.roost->name, "roost: vttest");
	vt.roost_pid = vt_find_roost_vttest(-1);
	H_REQUIRE(vt.roost_pid > 0, "vttest runs in roost's window");
	vt.ref = h_spawn(ref_argv, env, VT_ROWS, VT_COLS);
	H_REQUIRE(vt.ref != NULL, "vttest in libvterm");
	snprintf(vt.ref->name, sizeof vt.ref->name, "reference: vttest");
	vt.ref_pid = vt.ref->pid;
	snprintf(vt.menu, sizeof vt.menu, "main");
	H_REQUIRE(vt_wait_reading(vt.ref, vt.ref_pid, -1, &vt.ref_vcs) == 0 &&
		vt_wait_reading(vt.roost, vt.roost_pid, -1, &vt.roost_vcs) == 0,
	    "both vttests start");
	vt_record("menu");
	H_REQUIRE(vt_at_menu(), "vttest shows its main menu");

	for (i = 0; i < sizeof vt_script / sizeof vt_script[0]; i++) {
		const struct vt_step *st = &vt_script[i];

		snprintf(keys, sizeof keys, "%s\r", st->keys);
		if (st->menu)
			H_REQUIRE(
			    vt_menu(keys, st->name) == 0, "menu %s", st->name);
		else
			H_REQUIRE(vt_walk(st->name, keys) == 0, "%s", st->name);
		for (k = 0; st->title != NULL && !vt_shows(st->title); k++) {
			H_REQUIRE(k < 3, "%s: never back at \"%s\"", st->name,
			    st->title);
			H_REQUIRE(vt_walk(st->name, keys) == 0, "%s", st->name);
		}
	}
	H_REQUIRE(vt_npairs < VT_MAX_SHOTS, "at most %d screens", VT_MAX_SHOTS);
	/* $VTTEST_SAVE: keep what each side's terminal received. */
	if (getenv("VTTEST_SAVE") != NULL) {
		char *path;
		FILE *fp;

		path = h_path(getenv("VTTEST_SAVE"), "reference.out");
		if ((fp = fopen(path, "wb")) != NULL) {
			fwrite(vt.ref->out.data, 1, vt.ref->out.len, fp);
			fclose(fp);
		}
		free(path);
		path = h_path(getenv("VTTEST_SAVE"), "roost-client.out");
		if ((fp = fopen(path, "wb")) != NULL) {
			fwrite(vt.roost->out.data, 1, vt.roost->out.len, fp);
			fclose(fp);
		}
		free(path);
	}
	return H_PASS;
}

/* One compared screen. */
static int
vt_case_screen(void)
{
	const struct vt_pair *p = vt_pairs[vt_cur];
	const struct vt_divergence *d;
	int first = VT_ROWS, last = -1, n;

	n = vt_compare(&p->roost, &p->ref, &first, &last, 0);
	if (n == 0)
		return H_PASS;
	d = vt_divergence(p->name);
	if (d != NULL && d->kind == VT_DIV_DECCOLM) {
		H_SKIP_IF(vt_compare(&p->roost, p->fixed, NULL, NULL, 0) == 0,
		    "divergence: %s", d->reason);
		h_diag("%s: roost's window differs from the reference replayed "
		       "with DECCOLM clearing (listed divergence)",
		    p->name);
		vt_compare(&p->roost, p->fixed, NULL, NULL, 1);
		vt_show(&p->roost, p->fixed, 1);
		return H_FAIL;
	}
	if (d != NULL && first >= d->first && last <= d->last &&
	    (d->kind == VT_DIV_ROWS ||
		(d->kind == VT_DIV_LINESIZE &&
		    vt_linesize_unexplained(&p->roost, &p->ref) == 0) ||
		(d->kind == VT_DIV_CHARSET &&
		    vt_charset_unexplained(&p->roost, &p->ref, 0) == 0)))
		H_SKIP_IF(1, "divergence: %s", d->reason);
	h_diag("%s: %d differences (rows %d-%d) between roost's window and "
	       "vttest in libvterm%s",
	    p->name, n, first, last,
	    d != NULL ? ", not all explained by the listed divergence" : "");
	if (d != NULL && d->kind == VT_DIV_CHARSET)
		vt_charset_unexplained(&p->roost, &p->ref, 1);
	vt_compare(&p->roost, &p->ref, NULL, NULL, 1);
	vt_show(&p->roost, &p->ref, 1);
	h_diag("vttest wrote in this step (%zu bytes escaped): %.6000s%s",
	    strlen(p->bytes), p->bytes, strlen(p->bytes) > 6000 ? "..." : "");
	return H_FAIL;
}

int
main(void)
{
	const char *only = getenv("VTTEST_ONLY");
	size_t i;
	int run;

	h_init();
	if (getenv("VTTEST_BIN") != NULL && *getenv("VTTEST_BIN") != '\0')
		vt_bin = getenv("VTTEST_BIN");
	if (access(vt_bin, X_OK) != 0) {
		h_case("vttest", vt_case_missing);
		return h_done();
	}
	vt_pairs = calloc(VT_MAX_SHOTS, sizeof *vt_pairs);
	if (vt_pairs == NULL)
		return 99;
	run = h_case("vttest run", vt_case_run);
	for (vt_cur = 0; vt_cur < vt_npairs; vt_cur++) {
		if (only != NULL &&
		    strstr(vt_pairs[vt_cur]->name, only) == NULL)
			continue;
		h_case(vt_pairs[vt_cur]->name, vt_case_screen);
	}
	/* Every divergence names a screen the run reached. */
	for (i = 0; run == H_PASS && vt_divergences[i].name != NULL; i++) {
		int k, seen = 0;

		for (k = 0; k < vt_npairs; k++)
			if (strcmp(vt_pairs[k]->name, vt_divergences[i].name) ==
			    0)
				seen = 1;
		if (!seen)
			printf("# divergence for \"%s\" names no screen\n",
			    vt_divergences[i].name);
	}
	for (i = 0; i < (size_t)vt_npairs; i++) {
		free(vt_pairs[i]->bytes);
		free(vt_pairs[i]->fixed);
		free(vt_pairs[i]);
	}
	free(vt_pairs);
	return h_done();
}
