/*
 * windows.c -- end-to-end cases of issue 4: windows as tabs, split
 * regions, the status line and captions, several displays of one session.
 * Every default key binding of the issue is pressed in a real roost in a
 * pseudo-terminal and its effect read from the screen through libvterm
 * (never roost's own emulator); commands that set things up go through
 * `roost -X`. Owns nothing but its cases; the harness is harness.c.
 *
 * Windows print a marker when they start ("mark-10N" for window N, by
 * `sh -c 'echo ...; exec sh'`), so no typed command line can satisfy a
 * wait by itself. Every session reads an rc file setting `msgwait 1`, so
 * the status line comes back quickly after a message, and opening windows
 * 1 .. N-1; the command line's window takes number 0 and is shown.
 * Beyond the bindings: nested and tiny splits, outer resizes, two
 * displays, the status line, captions, hardstatus, bell/activity/silence,
 * windows exiting under regions and modes, titles, numbers, resize, vbell,
 * msgwait, ACS borders, wide characters at a region's edge.
 *
 * E2E_ONLY=SUBSTRING in the environment runs only the matching cases.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"

#define ROWS 24
#define COLS 80
#define SROW (ROWS - 1) /* the status line */

/* Run `roost -S sess [-p win] WORDS...` without a terminal; exit code,
   stdout in out (may be NULL; else the caller frees). */
static int
windows_xv(
    const char *sess, const char *win, const char *const *words, char **out)
{
	const char *argv[32];
	struct h_result r;
	int n = 0, i, code;

	argv[n++] = NULL;
	argv[n++] = "-S";
	argv[n++] = sess;
	if (win != NULL) {
		argv[n++] = "-p";
		argv[n++] = win;
	}
	if (words[0][0] != '-')
		argv[n++] = "-X";
	for (i = 0; words[i] != NULL && n < 31; i++)
		argv[n++] = words[i];
	argv[n] = NULL;
	code = h_run(&r, argv, NULL, 0);
	if (code != 0) {
		h_diag("roost -S %s%s%s", sess, win != NULL ? " -p " : "",
		    win != NULL ? win : "");
		for (i = 0; words[i] != NULL; i++)
			h_diag("   word \"%s\"", words[i]);
		h_diag("exit %d, stdout \"%s\", stderr \"%s\"", code,
		    r.out.data, r.err.data);
	}
	if (out != NULL)
		*out = strdup(r.out.data != NULL ? r.out.data : "");
	h_result_free(&r);
	return code;
}
#define WINDOWS_X(sess, ...) \
	windows_xv(sess, NULL, (const char *[]){ __VA_ARGS__, NULL }, NULL)
#define WINDOWS_XP(sess, win, ...) \
	windows_xv(sess, win, (const char *[]){ __VA_ARGS__, NULL }, NULL)

/* "mark-10N": what window N printed when it started. */
static const char *
windows_marker(int n)
{
	static char buf[8][32];
	static int i;

	i = (i + 1) % 8;
	snprintf(buf[i], sizeof buf[i], "mark-%d", 100 + n);
	return buf[i];
}

/* Open window n (title tN) in sess through -X screen. */
static int
windows_open(const char *sess, int n)
{
	char title[16], num[16], cmd[64];

	snprintf(title, sizeof title, "t%d", n);
	snprintf(num, sizeof num, "%d", n);
	snprintf(cmd, sizeof cmd, "echo %s; exec /bin/sh", windows_marker(n));
	return WINDOWS_X(
	    sess, "screen", "-t", title, num, "/bin/sh", "-c", cmd);
}

/*
 * The number of the window the status line highlights (reverse and bold,
 * the default hardstatus), or -1 when the status line shows something
 * else (a message, a prompt).
 */
static int
windows_current(struct h_term *t)
{
	VTermScreenCell cell;
	char row[1024];
	int c, n = -1;

	h_row_text(t, t->rows - 1, row, sizeof row);
	if (row[0] != '[')
		return -1;
	for (c = 0; c < t->cols; c++) {
		if (h_cell(t, t->rows - 1, c, &cell) == -1)
			return -1;
		if (cell.attrs.reverse && cell.chars[0] < 128 &&
		    isdigit((int)cell.chars[0])) {
			n = 0;
			while (cell.attrs.reverse && cell.chars[0] < 128 &&
			    isdigit((int)cell.chars[0])) {
				n = n * 10 + (int)(cell.chars[0] - '0');
				if (h_cell(t, t->rows - 1, ++c, &cell) == -1)
					break;
			}
			return n;
		}
	}
	return -1;
}

static int
windows_pred_current(struct h_term *t, void *arg)
{
	return windows_current(t) == *(int *)arg;
}

/* Wait until window n is the highlighted tab and its marker is shown. */
static int
windows_wait_current(struct h_term *t, int n)
{
	if (h_wait_for(t, windows_pred_current, &n, 0) == -1) {
		h_diag("window %d never became the current tab (now %d)", n,
		    windows_current(t));
		return -1;
	}
	return h_wait_text(t, windows_marker(n), 0);
}

/*
 * A session `name` attached in a ROWS x COLS terminal with windows
 * 0 .. nwin-1 (titles t0 ...), window 0 shown. extra_rc: more rc lines.
 */
static struct h_term *
windows_session_rc(
    const char *name, int nwin, const char *extra_rc, int rows, int cols)
{
	struct h_term *t;
	char *rc = h_path(h_home(), "roostrc"), *text, *line;
	int i;

	/* Windows 1 .. nwin-1 from the rc file; the command line's window
	   takes the lowest free number, 0, and is shown. */
	if (asprintf(
		&text, "msgwait 1\n%s", extra_rc != NULL ? extra_rc : "") == -1)
		return NULL;
	for (i = 1; i < nwin; i++) {
		if (asprintf(&line,
			"%sscreen -t t%d %d /bin/sh -c 'echo %s; exec "
			"/bin/sh'\n",
			text, i, i, windows_marker(i)) == -1)
			return NULL;
		free(text);
		text = line;
	}
	h_write_file(rc, text);
	free(text);
	free(rc);
	t = h_roost_term(rows, cols, "-S", name, "-t", "t0", "/bin/sh", "-c",
	    "echo mark-100; exec /bin/sh", NULL);
	if (t == NULL)
		return NULL;
	snprintf(t->name, sizeof t->name, "%s %dx%d", name, rows, cols);
	if (windows_wait_current(t, 0) == -1)
		return NULL;
	return t;
}

static struct h_term *
windows_session(const char *name, int nwin)
{
	return windows_session_rc(name, nwin, NULL, ROWS, COLS);
}

/*
 * The status row shows a tab "N<flags> TITLE" (flags from screen's set
 * * - $ ! @ ~ & Z (L)); flags, when not NULL, must all be among its flags.
 */
static int
windows_tab_in(const char *row, int n, const char *title, const char *flags)
{
	char num[16];
	const char *p;
	size_t len, nf, tl = strlen(title);

	snprintf(num, sizeof num, "%d", n);
	len = strlen(num);
	if (row[0] != '[')
		return 0;
	for (p = row; (p = strstr(p, num)) != NULL; p++) {
		if (p != row && p[-1] != ' ')
			continue;
		nf = strspn(p + len, "*-$!@~&Z(L)");
		if (p[len + nf] != ' ' ||
		    strncmp(p + len + nf + 1, title, tl) != 0)
			continue;
		if (p[len + nf + 1 + tl] != ' ' && p[len + nf + 1 + tl] != '\0')
			continue;
		if (flags != NULL) {
			const char *f;

			for (f = flags; *f != '\0'; f++)
				if (memchr(p + len, *f, nf) == NULL)
					break;
			if (*f != '\0')
				continue;
		}
		return 1;
	}
	return 0;
}

struct windows_tab {
	int n;
	const char *title, *flags;
};

static int
windows_pred_tab(struct h_term *t, void *arg)
{
	struct windows_tab *tab = arg;
	char row[1024];

	h_row_text(t, t->rows - 1, row, sizeof row);
	return windows_tab_in(row, tab->n, tab->title, tab->flags);
}

/* Wait for the status line's tab N TITLE with flags (NULL: any). */
static int
windows_wait_tab(struct h_term *t, int n, const char *title, const char *flags)
{
	struct windows_tab tab = { n, title, flags };
	char row[1024];

	if (h_wait_for(t, windows_pred_tab, &tab, 0) == 0)
		return 0;
	h_diag("no tab \"%d%s %s\" on the status line: \"%s\"", n,
	    flags != NULL ? flags : "", title,
	    h_row_text(t, t->rows - 1, row, sizeof row));
	return -1;
}

/* The status row shows a message (not the hardstatus) containing text. */
static int
windows_pred_message(struct h_term *t, void *arg)
{
	char row[1024];

	h_row_text(t, t->rows - 1, row, sizeof row);
	return row[0] != '[' && strstr(row, arg) != NULL;
}

static int
windows_wait_message(struct h_term *t, const char *text)
{
	char row[1024];

	if (h_wait_for(t, windows_pred_message, (void *)text, 0) == 0)
		return 0;
	h_diag("no message \"%s\" on the status line: \"%s\"", text,
	    h_row_text(t, t->rows - 1, row, sizeof row));
	return -1;
}

/* A cell's background is palette colour idx. */
static int
windows_bg_is(const VTermScreenCell *cell, int idx)
{
	return VTERM_COLOR_IS_INDEXED(&cell->bg) && cell->bg.indexed.idx == idx;
}

/* Caption segments (default caption colours: white, or blue when
   focused) above the status row. */
struct windows_caption {
	int row, col, width, focused;
	char text[256];
};

static int
windows_captions(struct h_term *t, struct windows_caption *caps, int max)
{
	VTermScreenCell cell;
	int r, c, n = 0, in = 0;

	for (r = 0; r < t->rows - 1; r++) {
		in = 0;
		for (c = 0; c < t->cols; c++) {
			int is, focused;

			if (h_cell(t, r, c, &cell) == -1)
				break;
			focused = windows_bg_is(&cell, 4);
			is = focused || windows_bg_is(&cell, 7);
			if (is && !in && n < max) {
				caps[n].row = r;
				caps[n].col = c;
				caps[n].width = 0;
				caps[n].focused = focused;
				caps[n].text[0] = '\0';
				n++;
			}
			if (is && n > 0 && caps[n - 1].row == r) {
				size_t len = strlen(caps[n - 1].text);
				uint32_t ch = cell.chars[0];

				if (len + 2 < sizeof caps[n - 1].text) {
					caps[n - 1].text[len] =
					    ch > 0 && ch < 128 ? (char)ch : ' ';
					caps[n - 1].text[len + 1] = '\0';
				}
				caps[n - 1].width++;
			}
			in = is;
		}
	}
	return n;
}

static int
windows_pred_ncaptions(struct h_term *t, void *arg)
{
	struct windows_caption caps[64];

	return windows_captions(t, caps, 64) == *(int *)arg;
}

static int
windows_wait_ncaptions(struct h_term *t, int n)
{
	struct windows_caption caps[64];

	if (h_wait_for(t, windows_pred_ncaptions, &n, 0) == 0)
		return 0;
	h_diag("expected %d region captions, saw %d", n,
	    windows_captions(t, caps, 64));
	return -1;
}

/* The focused caption (blue), or NULL. */
static const struct windows_caption *
windows_focused(struct h_term *t)
{
	static struct windows_caption caps[64];
	int n = windows_captions(t, caps, 64), i;

	for (i = 0; i < n; i++)
		if (caps[i].focused)
			return &caps[i];
	return NULL;
}

struct windows_where {
	int top, left; /* 1: the focused caption is in the top/left half */
};

static int
windows_pred_focus_at(struct h_term *t, void *arg)
{
	struct windows_where *w = arg;
	const struct windows_caption *f = windows_focused(t);

	if (f == NULL)
		return 0;
	return (f->row <= (t->rows - 1) / 2) == w->top &&
	    (w->left == -1 || (f->col < t->cols / 2) == w->left);
}

/* Wait until the focused region is in that quarter (left -1: either). */
static int
windows_wait_focus(struct h_term *t, int top, int left)
{
	struct windows_where w = { top, left };
	const struct windows_caption *f;

	if (h_wait_for(t, windows_pred_focus_at, &w, 0) == 0)
		return 0;
	f = windows_focused(t);
	h_diag("the focused caption should be %s%s; it is %s (row %d col %d)",
	    top ? "top" : "bottom",
	    left == -1	    ? ""
		: left == 1 ? " left"
			    : " right",
	    f != NULL ? "at" : "nowhere", f != NULL ? f->row : -1,
	    f != NULL ? f->col : -1);
	return -1;
}

/* Next/previous cycling with a key in t: windows 0, 1, 2, 0 shown. */
static int
windows_cycle_in(struct h_term *t, const char *key, int dir)
{
	int i, expect = 0;

	for (i = 0; i < 4; i++) {
		expect = (expect + dir + 3) % 3;
		H_REQUIRE(h_type(t, key) == 0, "type");
		H_REQUIRE(windows_wait_current(t, expect) == 0,
		    "press %d: window %d shows", i + 1, expect);
	}
	H_REQUIRE(h_type(t, "\0010") == 0, "C-a 0");
	H_REQUIRE(windows_wait_current(t, 0) == 0, "window 0 again");
	return H_PASS;
}

static int
windows_cycle(const char *key, int dir)
{
	struct h_term *t = windows_session("cyc", 3);

	H_REQUIRE(t != NULL, "a session with windows 0, 1, 2");
	return windows_cycle_in(t, key, dir);
}

static int
windows_case_c(void)
{
	struct h_term *t = windows_session("new", 1);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001c") == 0, "C-a c");
	H_REQUIRE(h_wait_gone(t, "mark-100", 0) == 0,
	    "a new window replaces window 0 on the screen");
	{
		int one = 1;

		H_REQUIRE(h_wait_for(t, windows_pred_current, &one, 0) == 0,
		    "the status line shows window 1 as current (now %d)",
		    windows_current(t));
	}
	H_REQUIRE(h_type(t, "echo new-$((40+2))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "new-42", 0) == 0, "its shell runs");
	/* The lowest free number: close 1, open again. */
	H_REQUIRE(h_type(t, "\0010") == 0, "C-a 0");
	H_REQUIRE(windows_wait_current(t, 0) == 0, "back to 0");
	H_REQUIRE(windows_open("new", 2) == 0, "window 2");
	H_REQUIRE(WINDOWS_XP("new", "1", "kill") == 0, "kill window 1");
	H_REQUIRE(h_type(t, "\001c") == 0, "C-a c");
	{
		int one = 1;

		H_REQUIRE(h_wait_for(t, windows_pred_current, &one, 0) == 0,
		    "the new window took the free number 1 (current %d)",
		    windows_current(t));
	}
	return H_PASS;
}

static int
windows_case_n(void)
{
	return windows_cycle("\001n", 1);
}
static int
windows_case_space(void)
{
	return windows_cycle("\001 ", 1);
}
static int
windows_case_cn(void)
{
	return windows_cycle("\001\016", 1);
}
static int
windows_case_p(void)
{
	return windows_cycle("\001p", -1);
}
static int
windows_case_backspace(void)
{
	struct h_term *t = windows_session("bs", 3);

	H_REQUIRE(t != NULL, "a session with windows 0, 1, 2");
	H_REQUIRE(windows_cycle_in(t, "\001\177", -1) == H_PASS, "C-a DEL");
	H_REQUIRE(windows_cycle_in(t, "\001\010", -1) == H_PASS, "C-a C-h");
	return H_PASS;
}
static int
windows_case_cp(void)
{
	return windows_cycle("\001\020", -1);
}

static int
windows_case_digits(void)
{
	struct h_term *t = windows_session("dig", 10);
	char key[3] = "\001x";
	int i;

	H_REQUIRE(t != NULL, "a session with windows 0 .. 9");
	for (i = 9; i >= 0; i--) {
		key[1] = (char)('0' + i);
		H_REQUIRE(h_type(t, key) == 0, "type");
		H_REQUIRE(windows_wait_current(t, i) == 0,
		    "C-a %d shows window %d", i, i);
	}
	return H_PASS;
}

static int
windows_case_quote(void)
{
	struct h_term *t = windows_session("quote", 3);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001'") == 0, "C-a '");
	H_REQUIRE(windows_wait_message(t, "window") == 0,
	    "a prompt for the window on the status line");
	H_REQUIRE(h_type(t, "2\r") == 0, "type 2");
	H_REQUIRE(windows_wait_current(t, 2) == 0, "window 2 by number");
	H_REQUIRE(h_type(t, "\001'") == 0, "C-a '");
	H_REQUIRE(windows_wait_message(t, "window") == 0, "the prompt again");
	H_REQUIRE(h_type(t, "t1\r") == 0, "type t1");
	H_REQUIRE(windows_wait_current(t, 1) == 0, "window 1 by title");
	return H_PASS;
}

static int
windows_case_other(void)
{
	struct h_term *t = windows_session("other", 3);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\0012") == 0, "C-a 2");
	H_REQUIRE(windows_wait_current(t, 2) == 0, "window 2");
	H_REQUIRE(h_type(t, "\001\001") == 0, "C-a C-a");
	H_REQUIRE(windows_wait_current(t, 0) == 0, "back to window 0");
	H_REQUIRE(h_type(t, "\001\001") == 0, "C-a C-a");
	H_REQUIRE(windows_wait_current(t, 2) == 0, "and to window 2 again");
	return H_PASS;
}

/* The row of the window list reading `text` (trailing blanks cut) is
   drawn in reverse video. */
static int
windows_pred_list_selected(struct h_term *t, void *arg)
{
	VTermScreenCell cell;
	char row[512];
	int r;

	for (r = 0; r < t->rows - 1; r++) {
		h_row_text(t, r, row, sizeof row);
		if (strstr(row, arg) != NULL) {
			int c = (int)(strstr(row, arg) - row);

			if (h_cell(t, r, c, &cell) == 0 && cell.attrs.reverse)
				return 1;
		}
	}
	return 0;
}

static int
windows_case_windowlist(void)
{
	struct h_term *t = windows_session("wl", 3);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\0011") == 0, "C-a 1");
	H_REQUIRE(windows_wait_current(t, 1) == 0, "window 1");
	H_REQUIRE(h_type(t, "\001\"") == 0, "C-a \"");
	H_REQUIRE(h_wait_text(t, "0 t0", 0) == 0 &&
		h_wait_text(t, "1 t1", 0) == 0 &&
		h_wait_text(t, "2 t2", 0) == 0,
	    "the list shows the windows");
	H_REQUIRE(
	    h_wait_gone(t, "mark-101", 0) == 0, "over the window's contents");
	{
		char row[512];
		int r0 = -1, r1 = -1, r2 = -1, r;

		for (r = 0; r < ROWS - 1; r++) {
			h_row_text(t, r, row, sizeof row);
			if (strstr(row, "0 t0") != NULL)
				r0 = r;
			if (strstr(row, "1 t1") != NULL)
				r1 = r;
			if (strstr(row, "2 t2") != NULL)
				r2 = r;
		}
		H_REQUIRE(r0 < r1 && r1 < r2, "in number order (rows %d %d %d)",
		    r0, r1, r2);
	}
	H_REQUIRE(h_wait_for(t, windows_pred_list_selected, "1 t1", 0) == 0,
	    "it opens on the current window (1 t1 highlighted)");
	H_REQUIRE(h_type(t, "j") == 0, "j");
	H_REQUIRE(h_wait_for(t, windows_pred_list_selected, "2 t2", 0) == 0,
	    "j moves down");
	H_REQUIRE(h_type(t, "\033[A") == 0, "up arrow");
	H_REQUIRE(h_wait_for(t, windows_pred_list_selected, "1 t1", 0) == 0,
	    "the up arrow moves up");
	H_REQUIRE(h_type(t, "\033[B") == 0, "down arrow");
	H_REQUIRE(h_wait_for(t, windows_pred_list_selected, "2 t2", 0) == 0,
	    "the down arrow moves down");
	H_REQUIRE(h_type(t, "\r") == 0, "enter");
	H_REQUIRE(windows_wait_current(t, 2) == 0, "enter selects window 2");
	return H_PASS;
}

static int
windows_case_title_key(void)
{
	struct h_term *t = windows_session("ren", 1);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001A") == 0, "C-a A");
	H_REQUIRE(windows_wait_message(t, "t0") == 0,
	    "a title prompt pre-filled with the title");
	H_REQUIRE(h_type(t, "\177\177renamed\r") == 0, "type a title");
	H_REQUIRE(windows_wait_tab(t, 0, "renamed", "*") == 0,
	    "the tab shows the new title");
	return H_PASS;
}

static int
windows_case_kill(void)
{
	struct h_term *t = windows_session("kill", 2);
	char *out = NULL;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001k") == 0, "C-a k");
	H_REQUIRE(windows_wait_message(t, "y/n") == 0, "asks y/n");
	H_REQUIRE(h_type(t, "n") == 0, "n");
	H_REQUIRE(windows_wait_current(t, 0) == 0, "n keeps the window");
	h_pump(t, 300);
	H_REQUIRE(h_wait_text(t, "mark-100", 0) == 0, "still shown");
	H_REQUIRE(windows_xv("kill", NULL,
		      (const char *[]){ "-Q", "windows", NULL }, &out) == 0,
	    "-Q windows");
	H_REQUIRE(strstr(out, "t0") != NULL, "window 0 lives: \"%s\"", out);
	H_REQUIRE(h_type(t, "\001k") == 0, "C-a k");
	H_REQUIRE(windows_wait_message(t, "y/n") == 0, "asks y/n");
	H_REQUIRE(h_type(t, "y") == 0, "y");
	H_REQUIRE(windows_wait_current(t, 1) == 0,
	    "y kills it: the display moves to window 1");
	H_REQUIRE(h_wait_gone(t, "t0", 0) == 0, "no tab for window 0");
	free(out);
	return H_PASS;
}

static int
windows_case_number_key(void)
{
	struct h_term *t = windows_session("num", 2);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001N") == 0, "C-a N");
	H_REQUIRE(windows_wait_message(t, "window 0") == 0,
	    "the message names the number");
	H_REQUIRE(windows_wait_message(t, "t0") == 0, "and the title");
	return H_PASS;
}

static int
windows_case_windows_key(void)
{
	struct h_term *t = windows_session("ws", 3);
	char row[512];

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001w") == 0, "C-a w");
	H_REQUIRE(windows_wait_message(t, "0*") == 0,
	    "the list on the message line marks window 0 current");
	h_row_text(t, SROW, row, sizeof row);
	H_REQUIRE(row[0] != '[' && strstr(row, "t1") != NULL &&
		strstr(row, "t2") != NULL && strstr(row, "1") != NULL,
	    "and lists the others: \"%s\"", row);
	return H_PASS;
}

static int
windows_case_info_key(void)
{
	struct h_term *t = windows_session("info", 1);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001i") == 0, "C-a i");
	H_REQUIRE(windows_wait_message(t, ")/(80,23)") == 0,
	    "screen's (col,row)/(width,height) on the message line");
	return H_PASS;
}

static int
windows_case_redraw_key(void)
{
	struct h_term *t = windows_session("redraw", 1);
	static const char wipe[] = "\033[H\033[2J";

	H_REQUIRE(t != NULL, "a session");
	/* Wipe what the harness's terminal shows, as line noise would. */
	vterm_input_write(t->vt, wipe, sizeof wipe - 1);
	H_REQUIRE(h_wait_gone(t, "mark-100", 100) == 0, "wiped");
	H_REQUIRE(h_type(t, "\001l") == 0, "C-a l");
	H_REQUIRE(h_wait_text(t, "mark-100", 0) == 0, "the window is redrawn");
	H_REQUIRE(
	    h_wait_row(t, SROW, "[redraw]", 0) == 0, "and the status line");
	vterm_input_write(t->vt, wipe, sizeof wipe - 1);
	H_REQUIRE(h_type(t, "\001\014") == 0, "C-a C-l");
	H_REQUIRE(h_wait_text(t, "mark-100", 0) == 0, "C-l redraws too");
	return H_PASS;
}

static int
windows_case_monitor_key(void)
{
	struct h_term *t = windows_session("mon", 2);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001M") == 0, "C-a M");
	H_REQUIRE(windows_wait_message(t, "monitored") == 0,
	    "a message says window 0 is now monitored");
	H_REQUIRE(h_type(t, "\0011") == 0, "C-a 1");
	H_REQUIRE(windows_wait_current(t, 1) == 0, "window 1");
	H_REQUIRE(WINDOWS_XP("mon", "0", "stuff", "echo act-$((2+2))\\n") == 0,
	    "output in window 0");
	H_REQUIRE(windows_wait_message(t, "Activity in window 0") == 0,
	    "Activity in window 0");
	H_REQUIRE(h_type(t, "\001M") == 0, "C-a M in window 1");
	H_REQUIRE(
	    windows_wait_message(t, "monitored") == 0, "toggles window 1");
	H_REQUIRE(h_type(t, "\001M") == 0, "C-a M again");
	H_REQUIRE(windows_wait_message(t, "no longer") == 0, "toggles it off");
	return H_PASS;
}

static int
windows_case_silence_key(void)
{
	struct h_term *t = windows_session("sil", 1);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001_") == 0, "C-a _");
	H_REQUIRE(windows_wait_message(t, "silence") == 0,
	    "a message about silence monitoring");
	H_REQUIRE(windows_wait_message(t, "30") == 0, "of 30 seconds");
	H_REQUIRE(h_type(t, "\001_") == 0, "C-a _ again");
	H_REQUIRE(windows_wait_message(t, "no longer") == 0, "toggles it off");
	return H_PASS;
}

static int
windows_case_help_key(void)
{
	struct h_term *t = windows_session("help", 1);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001?") == 0, "C-a ?");
	H_REQUIRE(h_wait_text(t, "split", 0) == 0 &&
		h_wait_text(t, "windowlist", 0) == 0 &&
		h_wait_text(t, "detach", 0) == 0,
	    "a full-screen list of bindings");
	H_REQUIRE(h_wait_gone(t, "mark-100", 0) == 0, "over the window");
	H_REQUIRE(h_type(t, " ") == 0, "space");
	h_sleep_ms(200);
	H_REQUIRE(h_type(t, "\r") == 0, "return");
	H_REQUIRE(h_wait_text(t, "mark-100", 0) == 0, "the window returns");
	H_REQUIRE(h_wait_gone(t, "windowlist", 0) == 0, "the help is gone");
	return H_PASS;
}

static int
windows_case_fit_key(void)
{
	struct h_term *a, *b;
	char *out = NULL;

	a = windows_session("fit", 1);
	H_REQUIRE(a != NULL, "a session in 24x80");
	b = h_roost_term(30, 100, "-x", "fit", NULL);
	H_REQUIRE(b != NULL, "a second display, 30x100");
	snprintf(b->name, sizeof b->name, "fit 30x100");
	H_REQUIRE(h_type(b, "clear; stty size\n") == 0, "type in the big one");
	H_REQUIRE(h_wait_text(b, "29 100", 0) == 0,
	    "the window takes the big display's size");
	H_REQUIRE(h_type(a, "\001F") == 0, "C-a F in the small one");
	h_sleep_ms(300);
	H_REQUIRE(windows_xv("fit", NULL,
		      (const char *[]){ "-Q", "info", NULL }, &out) == 0,
	    "-Q info");
	H_REQUIRE(strstr(out, "/(80,23)") != NULL,
	    "C-a F fitted the window to 80x23: info says \"%s\"", out);
	free(out);
	return H_PASS;
}

static int
windows_case_split_key(void)
{
	struct h_term *t = windows_session("split", 1);
	struct windows_caption caps[8];
	int n;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(
	    windows_wait_ncaptions(t, 0) == 0, "no caption with one region");
	H_REQUIRE(h_type(t, "\001S") == 0, "C-a S");
	H_REQUIRE(
	    windows_wait_ncaptions(t, 2) == 0, "two regions, two captions");
	n = windows_captions(t, caps, 8);
	H_REQUIRE(n == 2 && caps[0].row < caps[1].row && caps[0].col == 0 &&
		caps[1].col == 0,
	    "one above the other");
	H_REQUIRE(strstr(caps[0].text, "0 t0") != NULL,
	    "the top one shows window 0: \"%s\"", caps[0].text);
	H_REQUIRE(caps[0].width == COLS && caps[1].width == COLS,
	    "full-width captions (%d, %d)", caps[0].width, caps[1].width);
	H_REQUIRE(h_wait_text(t, "mark-100", 0) == 0, "window 0 is shown");
	return H_PASS;
}

static int
windows_pred_vborder(struct h_term *t, void *arg)
{
	VTermScreenCell cell;
	int r, c, best = 0;

	(void)arg;
	for (c = 1; c < t->cols - 1; c++) {
		int n = 0;

		for (r = 0; r < t->rows - 1; r++)
			if (h_cell(t, r, c, &cell) == 0 &&
			    cell.chars[0] == 0x2502)
				n++;
		if (n > best)
			best = n;
	}
	return best >= t->rows - 3;
}

static int
windows_case_vsplit_key(void)
{
	struct h_term *t = windows_session("vsplit", 1);
	struct windows_caption caps[8];
	int n;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001|") == 0, "C-a |");
	H_REQUIRE(windows_wait_ncaptions(t, 2) == 0, "two captions");
	n = windows_captions(t, caps, 8);
	H_REQUIRE(
	    n == 2 && caps[0].row == caps[1].row && caps[0].col < caps[1].col,
	    "side by side");
	H_REQUIRE(h_wait_for(t, windows_pred_vborder, NULL, 0) == 0,
	    "a vertical line-drawing border between them");
	H_REQUIRE(h_wait_text(t, "mark-100", 0) == 0, "window 0 is shown");
	return H_PASS;
}

/* The row starting "dw2" shows with the DECDWL attribute *(int *)arg. */
static int
windows_pred_dwl(struct h_term *t, void *arg)
{
	VTermScreenCell cell;
	char row[512];
	int r;

	for (r = 0; r < t->rows; r++) {
		if (strncmp(h_row_text(t, r, row, sizeof row), "dw2", 3) == 0)
			return h_cell(t, r, 0, &cell) == 0 &&
			    (cell.attrs.dwl != 0) == *(int *)arg;
	}
	return 0;
}

/*
 * A double-width line (DECDWL) reaches the terminal as one while its
 * window fills the display's width, across a split that keeps the width
 * and the resize it brings; beside another region it is drawn single.
 */
static int
windows_case_dwl_regions(void)
{
	struct h_term *t = windows_session("dwl", 1);
	int on = 1, off = 0;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_wait_text(t, "mark-100", 0) == 0, "window 0 is shown");
	H_REQUIRE(h_type(t, "printf '\\033#6dw%s\\n' $((1+1))\n") == 0,
	    "print a double-width line");
	H_REQUIRE(
	    h_wait_for(t, windows_pred_dwl, &on, 0) == 0, "shown double width");
	H_REQUIRE(h_type(t, "\001S") == 0, "C-a S");
	H_REQUIRE(windows_wait_ncaptions(t, 2) == 0, "two regions");
	H_REQUIRE(h_wait_for(t, windows_pred_dwl, &on, 0) == 0,
	    "still double width in a full-width region, after the resize");
	H_REQUIRE(h_type(t, "\001Q\001|") == 0, "C-a Q, C-a |");
	H_REQUIRE(h_wait_for(t, windows_pred_dwl, &off, 0) == 0,
	    "single width beside another region");
	H_REQUIRE(h_type(t, "\001Q") == 0, "C-a Q");
	H_REQUIRE(h_wait_for(t, windows_pred_dwl, &on, 0) == 0,
	    "double width again when the window has the display's width");
	return H_PASS;
}

static int
windows_case_tab_key(void)
{
	struct h_term *t = windows_session("tab", 1);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001S") == 0, "C-a S");
	H_REQUIRE(windows_wait_ncaptions(t, 2) == 0, "two regions");
	H_REQUIRE(
	    windows_wait_focus(t, 1, -1) == 0, "the top region has focus");
	H_REQUIRE(h_type(t, "\001\t") == 0, "C-a tab");
	H_REQUIRE(
	    windows_wait_focus(t, 0, -1) == 0, "the bottom one has it now");
	H_REQUIRE(h_type(t, "\001\t") == 0, "C-a tab");
	H_REQUIRE(windows_wait_focus(t, 1, -1) == 0, "and round to the top");
	return H_PASS;
}

/* Four regions 2x2, focus in the top left one. */
static int
windows_grid(struct h_term *t)
{
	H_REQUIRE(h_type(t, "\001S\001|") == 0, "C-a S C-a |");
	H_REQUIRE(windows_wait_ncaptions(t, 3) == 0, "three regions");
	H_REQUIRE(h_type(t, "\001\t\001\t") == 0, "C-a tab twice");
	H_REQUIRE(windows_wait_focus(t, 0, -1) == 0, "the bottom region");
	H_REQUIRE(h_type(t, "\001|") == 0, "C-a |");
	H_REQUIRE(windows_wait_ncaptions(t, 4) == 0, "four regions");
	H_REQUIRE(h_type(t, "\001\t\001\t") == 0, "C-a tab twice");
	H_REQUIRE(windows_wait_focus(t, 1, 1) == 0, "back at the top left");
	return H_PASS;
}

static int
windows_case_arrows(void)
{
	struct h_term *t = windows_session("arrows", 1);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(windows_grid(t) == H_PASS, "a 2x2 grid");
	H_REQUIRE(h_type(t, "\001\033[C") == 0, "C-a right");
	H_REQUIRE(windows_wait_focus(t, 1, 0) == 0, "right: top right");
	H_REQUIRE(h_type(t, "\001\033[B") == 0, "C-a down");
	H_REQUIRE(windows_wait_focus(t, 0, 0) == 0, "down: bottom right");
	H_REQUIRE(h_type(t, "\001\033[D") == 0, "C-a left");
	H_REQUIRE(windows_wait_focus(t, 0, 1) == 0, "left: bottom left");
	H_REQUIRE(h_type(t, "\001\033[A") == 0, "C-a up");
	H_REQUIRE(windows_wait_focus(t, 1, 1) == 0, "up: top left");
	/* At an edge nothing moves. */
	H_REQUIRE(h_type(t, "\001\033[A\001\033[D") == 0, "C-a up, C-a left");
	h_sleep_ms(300);
	H_REQUIRE(windows_wait_focus(t, 1, 1) == 0, "still top left");
	return H_PASS;
}

static int
windows_case_remove_key(void)
{
	struct h_term *t = windows_session("rm", 2);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001S") == 0, "C-a S");
	H_REQUIRE(windows_wait_ncaptions(t, 2) == 0, "two regions");
	H_REQUIRE(h_type(t, "\001\t\0011") == 0, "C-a tab, C-a 1");
	H_REQUIRE(h_wait_text(t, "mark-101", 0) == 0, "window 1 below");
	H_REQUIRE(h_wait_text(t, "mark-100", 0) == 0, "window 0 above");
	H_REQUIRE(h_type(t, "\001X") == 0, "C-a X");
	H_REQUIRE(windows_wait_ncaptions(t, 0) == 0,
	    "one region left, no caption (splitonly)");
	H_REQUIRE(windows_wait_current(t, 0) == 0,
	    "the remaining region shows window 0");
	H_REQUIRE(h_wait_gone(t, "mark-101", 0) == 0, "window 1 is not shown");
	H_REQUIRE(h_type(t, "echo still-$((1+2))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "still-3", 0) == 0, "window 0 has the focus");
	return H_PASS;
}

static int
windows_case_only_key(void)
{
	struct h_term *t = windows_session("only", 2);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001S\001|") == 0, "C-a S, C-a |");
	H_REQUIRE(windows_wait_ncaptions(t, 3) == 0, "three regions");
	H_REQUIRE(h_type(t, "\001\t\0011") == 0, "C-a tab, C-a 1");
	H_REQUIRE(h_wait_text(t, "mark-101", 0) == 0, "window 1 in one");
	H_REQUIRE(h_type(t, "\001Q") == 0, "C-a Q");
	H_REQUIRE(windows_wait_ncaptions(t, 0) == 0, "one region left");
	H_REQUIRE(windows_wait_current(t, 1) == 0,
	    "the focused region's window 1 fills the display");
	H_REQUIRE(h_wait_gone(t, "mark-100", 0) == 0, "window 0 is not shown");
	H_REQUIRE(h_wait_for(t, windows_pred_vborder, NULL, 300) == -1,
	    "no border left");
	return H_PASS;
}

/* 3x3 regions, window N in the Nth, each marker above its caption. */
/* Split t's display 3x3 and show window N in the Nth region. */
static int
windows_build_3x3(struct h_term *t)
{
	char key[3] = "\001x";
	int i;

	H_REQUIRE(h_type(t, "\001S\001S") == 0, "C-a S twice");
	H_REQUIRE(windows_wait_ncaptions(t, 3) == 0, "three rows of regions");
	for (i = 0; i < 9; i++) {
		if (i % 3 == 0) {
			H_REQUIRE(h_type(t, "\001|\001|") == 0, "C-a | twice");
			H_REQUIRE(
			    windows_wait_ncaptions(t, 3 + 2 * (i / 3 + 1)) == 0,
			    "row %d split in three", i / 3);
		} else
			H_REQUIRE(h_type(t, "\001\t") == 0, "C-a tab");
		key[1] = (char)('0' + i);
		H_REQUIRE(h_type(t, key) == 0, "C-a %d", i);
		H_REQUIRE(h_wait_text(t, windows_marker(i), 0) == 0,
		    "window %d shown", i);
		if (i % 3 == 2 && i < 8)
			H_REQUIRE(h_type(t, "\001\t") == 0, "C-a tab");
	}
	return H_PASS;
}

static int
windows_case_nested(void)
{
	struct h_term *t = windows_session("nest", 9);
	struct windows_caption caps[32];
	char row[512];
	int i, n, r, j;

	H_REQUIRE(t != NULL, "a session with windows 0 .. 8");
	H_REQUIRE(windows_build_3x3(t) == H_PASS, "3x3 regions");
	H_REQUIRE(windows_wait_ncaptions(t, 9) == 0, "nine captions");
	n = windows_captions(t, caps, 32);
	for (i = 0; i < 9; i++) {
		char want[32];
		int found = 0;

		snprintf(want, sizeof want, "%d t%d", i, i);
		for (r = 0; r < ROWS - 1 && !found; r++) {
			const char *p;
			int col;

			h_row_text(t, r, row, sizeof row);
			if ((p = strstr(row, windows_marker(i))) == NULL)
				continue;
			col = (int)(p - row);
			for (j = 0; j < n; j++)
				if (caps[j].row > r && caps[j].col <= col &&
				    col < caps[j].col + caps[j].width) {
					/* The first caption below it. */
					H_REQUIRE(
					    strstr(caps[j].text, want) != NULL,
					    "window %d's marker (row %d col "
					    "%d) sits above caption \"%s\"",
					    i, r, col, caps[j].text);
					found = 1;
					break;
				}
		}
		H_REQUIRE(found, "window %d's marker and its caption", i);
	}
	H_REQUIRE(h_wait_for(t, windows_pred_vborder, NULL, 0) == 0,
	    "vertical borders");
	return H_PASS;
}

/* The screen but the status line, as text. */
static char *
windows_body(struct h_term *t)
{
	char *s = h_screen_text(t), *p;
	int r = 0;

	for (p = s; *p != '\0'; p++)
		if (*p == '\n' && ++r == t->rows - 1) {
			*p = '\0';
			break;
		}
	return s;
}

/* Drop rows holding only blanks and vertical borders: what is left is
   the content, whatever the regions' heights. */
static void
windows_squeeze(char *s)
{
	char *in = s, *out = s, *eol;

	while (*in != '\0') {
		size_t len;
		const char *p;
		int blank = 1;

		eol = strchr(in, '\n');
		len = eol != NULL ? (size_t)(eol - in) : strlen(in);
		for (p = in; p < in + len; p++)
			if (*p != ' ' && strncmp(p, "\xe2\x94\x82", 3) != 0 &&
			    !(p > in + 1 &&
				strncmp(p - 1, "\xe2\x94\x82", 3) == 0) &&
			    !(p > in + 2 &&
				strncmp(p - 2, "\xe2\x94\x82", 3) == 0)) {
				blank = 0;
				break;
			}
		if (!blank) {
			memmove(out, in, len);
			out += len;
			*out++ = '\n';
		}
		in += len;
		if (*in == '\n')
			in++;
	}
	*out = '\0';
}

static int
windows_pred_body_is(struct h_term *t, void *arg)
{
	char *s = windows_body(t);
	int same;

	windows_squeeze(s);
	same = strcmp(s, arg) == 0;

	free(s);
	return same;
}

static int
windows_pred_small(struct h_term *t, void *arg)
{
	char row[512];

	(void)arg;
	return t->rows == 5 && h_row_text(t, 4, row, sizeof row)[0] == '[';
}

static int
windows_case_outer_resize(void)
{
	struct h_term *t = windows_session("rsz", 3);
	char *before, *after;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001S\001|\001\t\0011\001\t\0012") == 0,
	    "three regions with windows 0, 1, 2");
	H_REQUIRE(windows_wait_ncaptions(t, 3) == 0 &&
		h_wait_text(t, "mark-100", 0) == 0 &&
		h_wait_text(t, "mark-101", 0) == 0 &&
		h_wait_text(t, "mark-102", 0) == 0,
	    "all three shown");
	h_pump(t, 300);
	before = windows_body(t);
	windows_squeeze(before);
	H_REQUIRE(h_resize(t, 5, 20) == 0, "shrink to 20x5");
	H_REQUIRE(h_wait_for(t, windows_pred_small, NULL, 0) == 0,
	    "the status line is on the fifth row");
	h_pump(t, 300);
	H_REQUIRE(h_server_pid() > 0 && !h_pid_gone(h_server_pid()),
	    "the server lives");
	H_REQUIRE(h_resize(t, ROWS, COLS) == 0, "grow to 80x24");
	if (h_wait_for(t, windows_pred_body_is, before, 0) == -1) {
		after = windows_body(t);
		windows_squeeze(after);
		h_diag("before the shrink:\n%s\nafter growing again:\n%s",
		    before, after);
		free(after);
		free(before);
		H_REQUIRE(0,
		    "the screen shows what it showed before the shrink "
		    "(rows of blanks and borders aside)");
	}
	free(before);
	H_REQUIRE(h_wait_row(t, SROW, "[rsz]", 0) == 0,
	    "the status line on the last row");
	H_REQUIRE(h_type(t, "echo alive-$((5+5))\n") == 0, "type");
	H_REQUIRE(
	    h_wait_text(t, "alive-10", 0) == 0, "the focused window runs");
	return H_PASS;
}

static int
windows_case_two_displays(void)
{
	struct h_term *a, *b;
	struct windows_caption caps[8];
	int one = 1, zero = 0;

	a = windows_session("two", 2);
	H_REQUIRE(a != NULL, "display A, 80x24");
	/* Another terminal type too. */
	h_term_type = "xterm";
	b = h_roost_term(40, 132, "-x", "two", NULL);
	h_term_type = "xterm-256color";
	H_REQUIRE(b != NULL, "display B, 132x40");
	snprintf(b->name, sizeof b->name, "two 132x40");
	H_REQUIRE(h_wait_row(b, 39, "[two]", 0) == 0,
	    "B's status line on its row 40");
	{
		char row[512];
		size_t len;

		h_row_text(b, 39, row, sizeof row);
		len = strlen(row);
		while (len > 0 && row[len - 1] == ' ')
			len--;
		H_REQUIRE(len > 120 && row[len - 3] == ':',
		    "its clock at the right margin of 132 columns: \"%s\"",
		    row);
	}
	H_REQUIRE(h_type(b, "\0011") == 0, "C-a 1 in B");
	H_REQUIRE(h_wait_for(b, windows_pred_current, &one, 0) == 0 &&
		h_wait_text(b, "mark-101", 0) == 0,
	    "B shows window 1");
	H_REQUIRE(h_type(a, "\001S") == 0, "C-a S in A");
	H_REQUIRE(windows_wait_ncaptions(a, 2) == 0, "A has two regions");
	h_pump(b, 300);
	H_REQUIRE(windows_captions(b, caps, 8) == 0,
	    "B still has one region (no caption)");
	H_REQUIRE(h_wait_for(a, windows_pred_current, &zero, 0) == 0 &&
		h_wait_text(a, "mark-100", 0) == 0,
	    "A still shows window 0");
	H_REQUIRE(
	    h_wait_gone(b, "mark-100", 300) == 0, "B does not show window 0");
	H_REQUIRE(h_type(b, "echo bee-$((3+4))\n") == 0, "type in B");
	H_REQUIRE(h_wait_text(b, "bee-7", 0) == 0, "B's window answers");
	H_REQUIRE(h_type(a, "echo ay-$((4+4))\n") == 0, "type in A");
	H_REQUIRE(h_wait_text(a, "ay-8", 0) == 0, "A's window answers");
	H_REQUIRE(h_wait_gone(b, "ay-8", 300) == 0, "not in B's window");
	/* B detaches: A goes on. */
	H_REQUIRE(h_type(b, "\001d") == 0, "C-a d in B");
	H_REQUIRE(h_wait_exit(b, 0, NULL) == 0, "B exits");
	H_REQUIRE(h_type(a, "echo on-$((2*5))\n") == 0, "type in A");
	H_REQUIRE(h_wait_text(a, "on-10", 0) == 0, "A is undisturbed");
	H_REQUIRE(windows_wait_ncaptions(a, 2) == 0, "with its two regions");
	return H_PASS;
}

/* The status line's clock "HH:MM" at its end, within a minute of now. */
static int
windows_clock_ok(const char *row)
{
	size_t len = strlen(row);
	time_t now = time(NULL);
	char want[16];
	int d;

	while (len > 0 && row[len - 1] == ' ')
		len--;
	if (len < 5)
		return 0;
	for (d = -60; d <= 60; d += 60) {
		time_t t = now + d;
		struct tm tm;

		localtime_r(&t, &tm);
		strftime(want, sizeof want, "%H:%M", &tm);
		if (strncmp(row + len - 5, want, 5) == 0)
			return 1;
	}
	return 0;
}

static int
windows_case_status_line(void)
{
	struct h_term *t = windows_session("stat", 3);
	VTermScreenCell cell;
	char row[512];
	const char *p;
	int col;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\0011") == 0, "C-a 1");
	H_REQUIRE(windows_wait_current(t, 1) == 0, "window 1");
	h_row_text(t, SROW, row, sizeof row);
	H_REQUIRE(strstr(row, "stat") != NULL,
	    "the session name on the status line: \"%s\"", row);
	H_REQUIRE(strstr(row, "t0") != NULL && strstr(row, "t1") != NULL &&
		strstr(row, "t2") != NULL,
	    "a tab per window: \"%s\"", row);
	H_REQUIRE(strstr(row, "t0") < strstr(row, "t1") &&
		strstr(row, "t1") < strstr(row, "t2"),
	    "in number order");
	p = strstr(row, "t1");
	col = (int)(p - row);
	H_REQUIRE(h_cell(t, SROW, col, &cell) == 0 && cell.attrs.reverse,
	    "the current tab is highlighted (reverse %d bold %d)",
	    cell.attrs.reverse, cell.attrs.bold);
	col = (int)(strstr(row, "t0") - row);
	H_REQUIRE(h_cell(t, SROW, col, &cell) == 0 && !cell.attrs.reverse,
	    "the others are not");
	col = (int)(strstr(row, "t2") - row);
	H_REQUIRE(h_cell(t, SROW, col, &cell) == 0 && !cell.attrs.reverse,
	    "the others are not");
	H_REQUIRE(windows_clock_ok(row),
	    "a clock HH:MM (now) at the end: \"%s\"", row);
	H_REQUIRE(h_type(t, "\0012") == 0, "C-a 2");
	H_REQUIRE(windows_wait_current(t, 2) == 0, "the highlight follows");
	return H_PASS;
}

static int
windows_case_caption_always(void)
{
	struct h_term *t = windows_session("cap", 1);
	struct windows_caption caps[8];

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(windows_wait_ncaptions(t, 0) == 0, "no caption by default");
	H_REQUIRE(
	    WINDOWS_X("cap", "caption", "always") == 0, "-X caption always");
	H_REQUIRE(
	    windows_wait_ncaptions(t, 1) == 0, "one region has a caption now");
	windows_captions(t, caps, 8);
	H_REQUIRE(caps[0].row == SROW - 1 && strstr(caps[0].text, "0 t0"),
	    "on the row above the status line, \"%%3n %%t\": row %d \"%s\"",
	    caps[0].row, caps[0].text);
	H_REQUIRE(WINDOWS_X("cap", "caption", "splitonly") == 0,
	    "-X caption splitonly");
	H_REQUIRE(windows_wait_ncaptions(t, 0) == 0, "gone with one region");
	H_REQUIRE(h_type(t, "\001S") == 0, "C-a S");
	H_REQUIRE(windows_wait_ncaptions(t, 2) == 0, "back with two");
	H_REQUIRE(h_type(t, "\001Q") == 0, "C-a Q");
	H_REQUIRE(
	    WINDOWS_X("cap", "caption", "always", "%{= wk}<%n|%t>CAP") == 0,
	    "-X caption always STRING");
	H_REQUIRE(
	    h_wait_row(t, SROW - 1, "<0|t0>CAP", 0) == 0, "the custom caption");
	return H_PASS;
}

static int
windows_case_hardstatus(void)
{
	struct h_term *t = windows_session("hs", 2);
	char row[512];

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(WINDOWS_X("hs", "hardstatus", "alwayslastline",
		      "HS:%n:%t:%S:%w:end") == 0,
	    "-X hardstatus alwayslastline STRING");
	H_REQUIRE(h_wait_row(t, SROW, "HS:0:t0:hs:", 0) == 0,
	    "the custom status line");
	h_row_text(t, SROW, row, sizeof row);
	H_REQUIRE(strstr(row, "1 t1") != NULL && strstr(row, ":end") != NULL,
	    "%%w lists the windows: \"%s\"", row);
	H_REQUIRE(WINDOWS_X("hs", "hardstatus", "string", "HS2 %n") == 0,
	    "-X hardstatus string");
	H_REQUIRE(h_wait_row(t, SROW, "HS2 0", 0) == 0, "changes it");
	H_REQUIRE(h_type(t, "\0011") == 0, "C-a 1");
	H_REQUIRE(
	    h_wait_row(t, SROW, "HS2 1", 0) == 0, "and follows the window");
	return H_PASS;
}

/* The status line shows window n's tab with flag f (after msgwait). */
static int
windows_pred_flag(struct h_term *t, void *arg)
{
	const char *want = arg; /* "N" then the flag */
	char row[512];
	const char *p;

	h_row_text(t, t->rows - 1, row, sizeof row);
	if (row[0] != '[')
		return 0;
	for (p = row; (p = strchr(p, want[0])) != NULL; p++) {
		size_t n = strspn(p + 1, "*-$!@~&Z(L)");

		if ((p == row || p[-1] == ' ') && memchr(p + 1, want[1], n))
			return 1;
	}
	return 0;
}

static int
windows_case_bell(void)
{
	struct h_term *t = windows_session("bell", 2);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(WINDOWS_XP("bell", "1", "stuff", "printf '\\\\a'\\n") == 0,
	    "a bell in hidden window 1");
	H_REQUIRE(windows_wait_message(t, "Bell in window 1") == 0,
	    "the message Bell in window 1");
	H_REQUIRE(h_wait_for(t, windows_pred_flag, "1!", 0) == 0,
	    "then window 1's tab is marked !");
	H_REQUIRE(windows_wait_current(t, 0) == 0, "window 0 still shown");
	return H_PASS;
}

static int
windows_case_activity(void)
{
	struct h_term *t = windows_session("act", 2);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(
	    WINDOWS_XP("act", "1", "monitor", "on") == 0, "-p 1 -X monitor on");
	h_pump(t, 300);
	H_REQUIRE(WINDOWS_XP("act", "1", "stuff", "echo act\\n") == 0,
	    "output in hidden window 1");
	H_REQUIRE(windows_wait_message(t, "Activity in window 1") == 0,
	    "the message Activity in window 1");
	H_REQUIRE(h_wait_for(t, windows_pred_flag, "1@", 0) == 0,
	    "then window 1's tab is marked @");
	return H_PASS;
}

static int
windows_case_silence(void)
{
	struct h_term *t = windows_session("silent", 2);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(WINDOWS_XP("silent", "1", "silence", "2") == 0,
	    "-p 1 -X silence 2");
	H_REQUIRE(windows_wait_message(t, "ilence") == 0,
	    "after two quiet seconds, a silence message");
	H_REQUIRE(windows_wait_message(t, "1") == 0, "naming window 1");
	return H_PASS;
}

/* Every caption (at least one) contains arg. */
static int
windows_pred_all_captions(struct h_term *t, void *arg)
{
	struct windows_caption caps[16];
	int n = windows_captions(t, caps, 16), i;

	for (i = 0; i < n; i++)
		if (strstr(caps[i].text, arg) == NULL)
			return 0;
	return n > 0;
}

static int
windows_case_exit_in_two_regions(void)
{
	struct h_term *t = windows_session("exit2", 2);
	struct windows_caption caps[8];
	char *out = NULL;
	int n, i;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\0011\001S\001\t\0011") == 0,
	    "window 1 in both of two regions");
	H_REQUIRE(windows_wait_ncaptions(t, 2) == 0, "two regions");
	if (h_wait_for(t, windows_pred_all_captions, "1 t1", 0) == -1) {
		n = windows_captions(t, caps, 8);
		H_REQUIRE(0, "both captions show window 1 (\"%s\", \"%s\")",
		    n > 0 ? caps[0].text : "", n > 1 ? caps[1].text : "");
	}
	H_REQUIRE(WINDOWS_XP("exit2", "1", "stuff", "exit\\n") == 0,
	    "window 1 exits");
	H_REQUIRE(
	    h_wait_gone(t, "mark-101", 0) == 0, "window 1 is shown nowhere");
	H_REQUIRE(h_wait_gone(t, "t1", 0) == 0, "nor named anywhere");
	n = windows_captions(t, caps, 8);
	H_REQUIRE(n == 2, "both regions are still there");
	for (i = 0; i < n; i++)
		H_REQUIRE(strstr(caps[i].text, "0 t0") != NULL ||
			strchr(caps[i].text, '-') != NULL,
		    "each shows window 0 or the blank: \"%s\"", caps[i].text);
	H_REQUIRE(h_server_pid() > 0 && !h_pid_gone(h_server_pid()),
	    "the server lives");
	H_REQUIRE(windows_xv("exit2", NULL,
		      (const char *[]){ "-Q", "windows", NULL }, &out) == 0,
	    "the session answers");
	H_REQUIRE(strstr(out, "t0") != NULL && strstr(out, "t1") == NULL,
	    "with window 0 alone: \"%s\"", out);
	free(out);
	H_REQUIRE(h_type(t, "\0010") == 0, "C-a 0");
	H_REQUIRE(h_type(t, "echo live-$((6+1))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "live-7", 0) == 0, "window 0 works");
	return H_PASS;
}

static int
windows_case_no_such_window(void)
{
	struct h_term *t = windows_session("nosuch", 2);
	char row[512];

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\0017") == 0, "C-a 7");
	H_REQUIRE(windows_wait_message(t, "7") == 0,
	    "a message on the status line names window 7");
	h_row_text(t, SROW, row, sizeof row);
	H_REQUIRE(row[0] != '[' && strstr(row, "exist") != NULL,
	    "and says it does not exist: \"%s\"", row);
	H_REQUIRE(h_wait_text(t, "mark-100", 0) == 0, "window 0 stays");
	return H_PASS;
}

static int
windows_case_renumber(void)
{
	struct h_term *t = windows_session("renum", 2);
	char *out = NULL;
	int five = 5;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(
	    WINDOWS_XP("renum", "1", "number", "5") == 0, "-p 1 -X number 5");
	H_REQUIRE(windows_wait_tab(t, 5, "t1", NULL) == 0, "the tab says 5 t1");
	H_REQUIRE(h_type(t, "\0015") == 0, "C-a 5");
	H_REQUIRE(h_wait_for(t, windows_pred_current, &five, 0) == 0 &&
		h_wait_text(t, "mark-101", 0) == 0,
	    "C-a 5 selects the renumbered window");
	H_REQUIRE(windows_xv("renum", NULL,
		      (const char *[]){ "-Q", "windows", NULL }, &out) == 0,
	    "-Q windows");
	H_REQUIRE(strstr(out, "5") != NULL && strstr(out, "1 ") == NULL,
	    "-Q windows agrees: \"%s\"", out);
	free(out);
	/* screen: a number in use swaps. */
	H_REQUIRE(h_type(t, "\001:number 0\r") == 0, "C-a : number 0");
	H_REQUIRE(windows_wait_tab(t, 0, "t1", "*") == 0, "t1 is 0 now");
	H_REQUIRE(windows_wait_tab(t, 5, "t0", NULL) == 0, "and t0 is 5");
	return H_PASS;
}

static int
windows_case_titles(void)
{
	struct h_term *t;
	char *rc = h_path(h_home(), "roostrc");

	h_write_file(rc, "msgwait 1\n");
	free(rc);
	t = h_roost_term(ROWS, COLS, "-S", "titles", NULL);
	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "echo up-$((1+1))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "up-2", 0) == 0, "the shell runs");
	H_REQUIRE(
	    h_type(t, "printf '\\033]2;osc-%s\\007' two\n") == 0, "OSC 2");
	H_REQUIRE(windows_wait_tab(t, 0, "osc-two", "*") == 0,
	    "the tab follows OSC 2");
	H_REQUIRE(h_type(t, "printf '\\033]0;osc0-%s\\007' x\n") == 0, "OSC 0");
	H_REQUIRE(windows_wait_tab(t, 0, "osc0-x", "*") == 0,
	    "the tab follows OSC 0");
	H_REQUIRE(h_type(t, "printf '\\033kesck-%s\\033\\\\' y\n") == 0,
	    "ESC k ... ESC \\");
	H_REQUIRE(windows_wait_tab(t, 0, "esck-y", "*") == 0,
	    "the tab follows ESC k");
	H_REQUIRE(h_type(t, "\001A") == 0, "C-a A");
	H_REQUIRE(windows_wait_message(t, "esck-y") == 0, "pre-filled prompt");
	H_REQUIRE(h_type(t, "\177\177\177\177\177\177manual\r") == 0,
	    "a title by hand");
	H_REQUIRE(
	    windows_wait_tab(t, 0, "manual", "*") == 0, "the tab says so");
	H_REQUIRE(h_type(t, "printf '\\033]2;osc-%s\\007' three\n") == 0,
	    "OSC 2 again");
	H_REQUIRE(h_type(t, "echo done-$((2+3))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "done-5", 0) == 0, "the shell ran it");
	h_pump(t, 300);
	H_REQUIRE(windows_wait_tab(t, 0, "manual", "*") == 0 &&
		h_wait_gone(t, "osc-three", 300) == 0,
	    "a title set by hand stays");
	return H_PASS;
}

static int
windows_case_blank_region(void)
{
	struct h_term *t = windows_session("blank", 2);
	struct windows_caption caps[8];
	char row[512];
	int r, n;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001S") == 0, "C-a S");
	H_REQUIRE(windows_wait_ncaptions(t, 2) == 0, "two regions");
	n = windows_captions(t, caps, 8);
	H_REQUIRE(n == 2 && strstr(caps[1].text, "t0") == NULL &&
		strstr(caps[1].text, "t1") == NULL,
	    "the new region's caption names no window: \"%s\"", caps[1].text);
	for (r = caps[0].row + 1; r < caps[1].row; r++)
		H_REQUIRE(h_row_text(t, r, row, sizeof row)[0] == '\0',
		    "the new region is blank, row %d: \"%s\"", r, row);
	H_REQUIRE(h_type(t, "\001\t\0011") == 0, "C-a tab, C-a 1");
	H_REQUIRE(
	    h_wait_text(t, "mark-101", 0) == 0, "selecting a window fills it");
	return H_PASS;
}

/* The focused (or only) region's caption row, or -1. */
static int
windows_caption_row(struct h_term *t, int index)
{
	struct windows_caption caps[8];
	int n = windows_captions(t, caps, 8);

	return index < n ? caps[index].row : -1;
}

/* Wait until caption `index` has its row (col: its column) in lo..hi;
   the value seen, or -1000 on timeout (with a diagnostic). */
struct windows_range {
	int index, col, lo, hi;
};

static int
windows_caption_at(struct h_term *t, int index, int col)
{
	struct windows_caption caps[8];
	int n = windows_captions(t, caps, 8);

	if (index >= n)
		return -1;
	return col ? caps[index].col : caps[index].row;
}

static int
windows_pred_range(struct h_term *t, void *arg)
{
	struct windows_range *w = arg;
	int v = windows_caption_at(t, w->index, w->col);

	return v >= w->lo && v <= w->hi;
}

static int
windows_wait_range(struct h_term *t, int index, int col, int lo, int hi)
{
	struct windows_range w = { index, col, lo, hi };

	if (h_wait_for(t, windows_pred_range, &w, 0) == 0)
		return 0;
	h_diag("caption %d's %s is %d, wanted %d..%d", index,
	    col ? "column" : "row", windows_caption_at(t, index, col), lo, hi);
	return -1;
}

static int
windows_case_resize_cmd(void)
{
	struct h_term *t = windows_session("resz", 2);
	int top, mid;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001S") == 0, "C-a S");
	H_REQUIRE(windows_wait_ncaptions(t, 2) == 0, "two regions");
	top = windows_caption_row(t, 0);
	H_REQUIRE(WINDOWS_X("resz", "resize", "-3") == 0, "-X resize -3");
	H_REQUIRE(windows_wait_range(t, 0, 0, top - 3, top - 3) == 0,
	    "the top region is 3 rows shorter");
	H_REQUIRE(WINDOWS_X("resz", "resize", "+5") == 0, "-X resize +5");
	H_REQUIRE(windows_wait_range(t, 0, 0, top + 2, top + 2) == 0,
	    "then 5 rows taller");
	H_REQUIRE(WINDOWS_X("resz", "resize", "=") == 0, "-X resize =");
	H_REQUIRE(
	    windows_wait_range(t, 0, 0, top - 1, top + 1) == 0, "equal again");
	H_REQUIRE(WINDOWS_X("resz", "resize", "max") == 0, "-X resize max");
	H_REQUIRE(windows_wait_range(t, 0, 0, top + 6, SROW - 1) == 0,
	    "max: the top region takes nearly all");
	H_REQUIRE(WINDOWS_X("resz", "resize", "min") == 0, "-X resize min");
	H_REQUIRE(windows_wait_range(t, 0, 0, 0, 3) == 0, "min: a few rows");
	H_REQUIRE(WINDOWS_X("resz", "resize", "8") == 0, "-X resize 8");
	H_REQUIRE(windows_wait_range(t, 0, 0, 6, 8) == 0, "8 rows");
	/* Side by side: -h changes widths. */
	H_REQUIRE(h_type(t, "\001|") == 0, "C-a |");
	H_REQUIRE(windows_wait_ncaptions(t, 3) == 0, "three regions");
	mid = windows_caption_at(t, 1, 1);
	H_REQUIRE(
	    WINDOWS_X("resz", "resize", "-h", "-10") == 0, "-X resize -h -10");
	H_REQUIRE(windows_wait_range(t, 1, 1, mid - 10, mid - 10) == 0,
	    "the left region is 10 columns narrower");
	return H_PASS;
}

/* Rows reading `text` (within the row) in t. */
static int
windows_count_rows(struct h_term *t, const char *text)
{
	char row[512];
	int r, n = 0;

	for (r = 0; r < t->rows - 1; r++)
		if (strstr(h_row_text(t, r, row, sizeof row), text) != NULL)
			n++;
	return n;
}

static int
windows_pred_two_rows(struct h_term *t, void *arg)
{
	return windows_count_rows(t, arg) == 2;
}

static int
windows_case_shared_window_sizes(void)
{
	struct h_term *t = windows_session("share", 1);
	struct windows_caption caps[8];
	char want[32];
	int h1, h2;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001S\001\t\0010") == 0,
	    "window 0 in both of two regions");
	H_REQUIRE(windows_wait_ncaptions(t, 2) == 0, "two regions");
	windows_captions(t, caps, 8);
	h1 = caps[0].row;		    /* rows of the top region */
	h2 = caps[1].row - caps[0].row - 1; /* and of the bottom one */
	H_REQUIRE(h1 != h2, "regions of different heights (%d, %d)", h1, h2);
	H_REQUIRE(h_type(t, "clear; stty size\n") == 0, "type in the bottom");
	snprintf(want, sizeof want, "%d 80", h2);
	H_REQUIRE(h_wait_for(t, windows_pred_two_rows, want, 0) == 0,
	    "the window takes the bottom region's size (%s, shown twice)",
	    want);
	H_REQUIRE(h_type(t, "\001\t") == 0, "C-a tab");
	H_REQUIRE(h_type(t, "clear; stty size\n") == 0, "type in the top");
	snprintf(want, sizeof want, "%d 80", h1);
	H_REQUIRE(h_wait_for(t, windows_pred_two_rows, want, 0) == 0,
	    "then the top one's (%s, shown twice, cropped below)", want);
	H_REQUIRE(windows_wait_ncaptions(t, 2) == 0, "captions intact");
	return H_PASS;
}

static int
windows_case_vbell(void)
{
	struct h_term *t = windows_session("vb", 1);
	size_t from;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "printf '\\007'; echo rang-$((1+1))\n") == 0,
	    "a bell in the shown window");
	H_REQUIRE(h_wait_text(t, "rang-2", 0) == 0, "rang");
	H_REQUIRE(h_output_has(t, "\007", 1, 0),
	    "an audible bell reaches the terminal");
	H_REQUIRE(WINDOWS_X("vb", "vbell", "on") == 0, "-X vbell on");
	h_pump(t, 300);
	from = t->out.len;
	H_REQUIRE(h_type(t, "printf '\\007'; echo rang-$((2+2))\n") == 0,
	    "a bell again");
	H_REQUIRE(h_wait_text(t, "rang-4", 0) == 0, "rang");
	h_pump(t, 300);
	H_REQUIRE(!h_output_has(t, "\007", 1, from),
	    "with vbell on, no BEL reaches the terminal");
	H_REQUIRE(h_output_has(t, "\033[?5h", 5, from) ||
		h_output_has(t, "Wuff", 4, from),
	    "a flash (DECSCNM) or screen's visual bell message instead");
	return H_PASS;
}

static int
windows_case_msgwait(void)
{
	struct h_term *t =
	    windows_session_rc("mw", 1, "msgwait 20\n", ROWS, COLS);

	H_REQUIRE(t != NULL, "a session with msgwait 20");
	H_REQUIRE(h_type(t, "\001N") == 0, "C-a N");
	H_REQUIRE(windows_wait_message(t, "t0") == 0, "a message");
	/* Well past the default 5 s, well short of 20. */
	{
		long long end = h_now_ms() + 7000;

		while (h_now_ms() < end)
			h_pump(t, 100);
	}
	H_REQUIRE(windows_wait_message(t, "t0") == 0,
	    "msgwait 20 keeps it longer than the default 5 s");
	H_REQUIRE(WINDOWS_X("mw", "msgwait", "1") == 0, "-X msgwait 1");
	H_REQUIRE(h_type(t, "\001N") == 0, "C-a N");
	H_REQUIRE(windows_wait_message(t, "t0") == 0, "a message");
	H_REQUIRE(
	    windows_wait_current(t, 0) == 0, "then the status line returns");
	return H_PASS;
}

static int
windows_case_many_windows(void)
{
	struct h_term *t;
	char row[512];
	int i, eleven = 11;

	t = windows_session("many", 1);
	H_REQUIRE(t != NULL, "a session");
	for (i = 1; i < 12; i++) {
		char title[64], num[16];

		snprintf(title, sizeof title, "a-rather-long-title-%d", i);
		snprintf(num, sizeof num, "%d", i);
		H_REQUIRE(WINDOWS_X("many", "screen", "-t", title, num,
			      "/bin/sh") == 0,
		    "window %d", i);
	}
	H_REQUIRE(h_type(t, "\001'11\r") == 0, "select 11");
	H_REQUIRE(h_wait_for(t, windows_pred_current, &eleven, 0) == 0,
	    "the current tab (11) is shown although the list does not fit");
	h_row_text(t, SROW, row, sizeof row);
	H_REQUIRE(strncmp(row, "[many]", 6) == 0,
	    "the session name stays: \"%s\"", row);
	H_REQUIRE(windows_clock_ok(row), "the clock stays: \"%s\"", row);
	H_REQUIRE(strstr(row, "...") != NULL || strstr(row, "\xe2\x80\xa6"),
	    "the cut is marked: \"%s\"", row);
	return H_PASS;
}

static int
windows_case_acs_borders(void)
{
	static const char *env[] = { "LANG=C", "LC_ALL=C", NULL };
	const char *argv[] = { NULL, "-S", "acs", NULL };
	struct h_term *t;

	h_term_type = "xterm";
	t = h_spawn(argv, env, ROWS, COLS);
	h_term_type = "xterm-256color";
	H_REQUIRE(t != NULL, "roost in a C locale, TERM=xterm");
	H_REQUIRE(h_type(t, "echo up-$((2+3))\n") == 0 &&
		h_wait_text(t, "up-5", 0) == 0,
	    "the shell runs");
	H_REQUIRE(h_type(t, "\001|") == 0, "C-a |");
	H_REQUIRE(h_wait_for(t, windows_pred_vborder, NULL, 0) == 0,
	    "a vertical line-drawing border");
	H_REQUIRE(!h_output_has(t, "\xe2\x94\x82", 3, 0),
	    "drawn with ACS, not UTF-8, on a terminal without UTF-8");
	return H_PASS;
}

static int
windows_case_zombie(void)
{
	struct h_term *t = windows_session("zomb", 2);
	char *out = NULL;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(WINDOWS_X("zomb", "zombie", "kr") == 0, "-X zombie kr");
	H_REQUIRE(h_type(t, "\0011") == 0, "C-a 1");
	H_REQUIRE(windows_wait_current(t, 1) == 0, "window 1");
	H_REQUIRE(h_type(t, "exit 3\n") == 0, "its shell exits with status 3");
	H_REQUIRE(h_wait_text(t, "[process exited, status 3]", 0) == 0,
	    "the window stays, saying [process exited, status 3]");
	H_REQUIRE(
	    windows_wait_tab(t, 1, "t1", "*") == 0, "still window 1, current");
	H_REQUIRE(h_type(t, "\001k") == 0, "C-a k");
	H_REQUIRE(windows_wait_message(t, "y/n") == 0, "asks y/n");
	H_REQUIRE(h_type(t, "y") == 0, "y");
	H_REQUIRE(windows_wait_current(t, 0) == 0,
	    "C-a k removed it: window 0 shows");
	H_REQUIRE(windows_xv("zomb", NULL,
		      (const char *[]){ "-Q", "windows", NULL }, &out) == 0,
	    "-Q windows");
	H_REQUIRE(strstr(out, "t1") == NULL, "window 1 is gone: \"%s\"", out);
	free(out);
	return H_PASS;
}

static int
windows_case_exit_on_two_displays(void)
{
	struct h_term *a = windows_session("exitd", 2), *b;
	int one = 1;

	H_REQUIRE(a != NULL, "display A");
	b = h_roost_term(ROWS, COLS, "-x", "exitd", NULL);
	H_REQUIRE(b != NULL, "display B");
	snprintf(b->name, sizeof b->name, "exitd B");
	H_REQUIRE(h_type(a, "\0011") == 0 && h_type(b, "\0011") == 0,
	    "C-a 1 on both");
	H_REQUIRE(h_wait_for(a, windows_pred_current, &one, 0) == 0 &&
		h_wait_for(b, windows_pred_current, &one, 0) == 0,
	    "both show window 1");
	H_REQUIRE(h_type(b, "exit\n") == 0, "window 1's shell exits");
	H_REQUIRE(windows_wait_current(a, 0) == 0, "A moves on to window 0");
	H_REQUIRE(windows_wait_current(b, 0) == 0, "B moves on to window 0");
	H_REQUIRE(h_type(a, "echo ok-$((3+3))\n") == 0, "type in A");
	H_REQUIRE(h_wait_text(b, "ok-6", 0) == 0, "both work");
	return H_PASS;
}

static int
windows_case_last_window(void)
{
	struct h_term *t = windows_session("last", 1);
	int status;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001k") == 0, "C-a k");
	H_REQUIRE(windows_wait_message(t, "y/n") == 0, "asks");
	H_REQUIRE(h_type(t, "y") == 0, "y");
	H_REQUIRE(h_wait_exit(t, 0, &status) == 0,
	    "killing the last window ends the session");
	H_REQUIRE(h_exit_code(status) == 0, "the client exits 0, got %d",
	    h_exit_code(status));
	H_REQUIRE(h_wait_output(t, "terminating", 0) == 0,
	    "saying [roost is terminating]");
	return H_PASS;
}

/* A session `name` with one window whose status line was turned off
   (hardstatus off): the window has the terminal's last row. */
static struct h_term *
windows_session_no_status(const char *name)
{
	struct h_term *t = windows_session(name, 1);
	char status[64];

	snprintf(status, sizeof status, "[%s]", name);
	if (t == NULL || WINDOWS_X(name, "hardstatus", "off") != 0 ||
	    h_wait_gone(t, status, 0) != 0) {
		h_diag("%s: no session without a status line", name);
		return NULL;
	}
	return t;
}

static int
windows_case_hardstatus_off(void)
{
	struct h_term *t = windows_session_no_status("hsoff");

	H_REQUIRE(t != NULL, "a session, hardstatus off: no status line");
	H_REQUIRE(h_type(t, "clear; stty size\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "24 80", 0) == 0,
	    "the window has the whole terminal");
	H_REQUIRE(h_type(t, "\001N") == 0, "C-a N");
	H_REQUIRE(h_wait_row(t, SROW, "t0", 0) == 0,
	    "messages still show on the last row");
	H_REQUIRE(WINDOWS_X("hsoff", "hardstatus", "alwayslastline") == 0,
	    "-X hardstatus alwayslastline");
	H_REQUIRE(h_wait_row(t, SROW, "[hsoff]", 0) == 0, "the status is back");
	H_REQUIRE(h_type(t, "clear; stty size\n") == 0, "type");
	H_REQUIRE(
	    h_wait_text(t, "23 80", 0) == 0, "the window is 23 rows again");
	return H_PASS;
}

/*
 * A frame draws again only the window rows that changed: rows a message or
 * the help covered, and that the window did not touch meanwhile, must
 * still come back when the message or the help goes.
 */
static int
windows_case_covered_rows_return(void)
{
	struct h_term *t = windows_session_no_status("cover");

	H_REQUIRE(t != NULL, "a session, hardstatus off: no status line");
	H_REQUIRE(h_type(t,
		      "clear; seq -f 'row-%g' 1 23; printf 'last-row'; "
		      "exec sleep 1000\n") == 0,
	    "fill the window, the last row too, and go quiet");
	H_REQUIRE(h_wait_row(t, SROW, "last-row", 0) == 0 &&
		h_wait_row(t, 0, "row-1", 0) == 0,
	    "the window fills the terminal");
	H_REQUIRE(
	    WINDOWS_X("cover", "echo", "covering-message") == 0, "-X echo");
	H_REQUIRE(h_wait_row(t, SROW, "covering-message", 0) == 0,
	    "the message covers the window's last row");
	H_REQUIRE(h_wait_row(t, SROW, "last-row", 0) == 0,
	    "the row comes back when the message goes (msgwait 1)");
	H_REQUIRE(h_type(t, "\001?") == 0, "C-a ?");
	H_REQUIRE(h_wait_text(t, "windowlist", 0) == 0 &&
		h_wait_gone(t, "row-1", 0) == 0,
	    "the help covers the window");
	H_REQUIRE(h_type(t, "q") == 0, "a key ends the help");
	H_REQUIRE(h_wait_gone(t, "windowlist", 0) == 0, "the help is gone");
	H_REQUIRE(h_wait_row(t, 0, "row-1", 0) == 0 &&
		h_wait_row(t, 11, "row-12", 0) == 0 &&
		h_wait_row(t, SROW, "last-row", 0) == 0,
	    "every row of the window is back");
	return H_PASS;
}

static int
windows_case_burst(void)
{
	struct h_term *t = windows_session("burst", 1);
	struct windows_caption caps[8];
	char *out = NULL;
	int two = 2, n;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001c\001c\001c\0010\001S\001\t\0012") == 0,
	    "C-a c three times, C-a 0, C-a S, C-a tab, C-a 2 in one write");
	H_REQUIRE(windows_wait_ncaptions(t, 2) == 0, "two regions");
	H_REQUIRE(h_wait_text(t, "mark-100", 0) == 0, "window 0 above");
	H_REQUIRE(windows_xv("burst", NULL,
		      (const char *[]){ "-Q", "windows", NULL }, &out) == 0,
	    "-Q windows");
	H_REQUIRE(strstr(out, "1") != NULL && strstr(out, "2") != NULL &&
		strstr(out, "3") != NULL,
	    "windows 1, 2, 3 were opened: \"%s\"", out);
	free(out);
	H_REQUIRE(h_wait_for(t, windows_pred_current, &two, 0) == 0,
	    "the focused region shows window 2 (current tab %d)",
	    windows_current(t));
	n = windows_captions(t, caps, 8);
	H_REQUIRE(n == 2 && strstr(caps[0].text, "0 t0") != NULL &&
		strstr(caps[1].text, "2 ") != NULL,
	    "captions \"%s\" and \"%s\"", n > 0 ? caps[0].text : "",
	    n > 1 ? caps[1].text : "");
	return H_PASS;
}

static int
windows_case_tiny(void)
{
	static const int sizes[][2] = { { 5, 20 }, { 2, 10 }, { 1, 1 },
		{ 3, 2 }, { 1, 80 }, { 40, 3 }, { ROWS, COLS } };
	struct h_term *t = windows_session("tiny", 9);
	size_t k;
	int i;

	H_REQUIRE(t != NULL, "a session with windows 0 .. 8");
	H_REQUIRE(windows_build_3x3(t) == H_PASS, "3x3 regions");
	for (k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		H_REQUIRE(h_resize(t, sizes[k][0], sizes[k][1]) == 0,
		    "resize to %dx%d", sizes[k][1], sizes[k][0]);
		h_pump(t, 300);
		H_REQUIRE(h_server_pid() > 0 && !h_pid_gone(h_server_pid()),
		    "the server lives at %dx%d", sizes[k][1], sizes[k][0]);
		H_REQUIRE(!t->exited && !t->eof,
		    "the client lives at %dx%d (exit status %d)", sizes[k][1],
		    sizes[k][0], t->exited ? h_exit_code(t->status) : -1);
	}
	H_REQUIRE(
	    windows_wait_ncaptions(t, 9) == 0, "back at 80x24: nine regions");
	for (i = 0; i < 9; i++)
		H_REQUIRE(h_wait_text(t, windows_marker(i), 0) == 0,
		    "window %d's marker is back", i);
	H_REQUIRE(h_type(t, "echo alive-$((4+5))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "alive-9", 0) == 0, "the focused window runs");
	return H_PASS;
}

static int
windows_case_too_many_splits(void)
{
	struct h_term *t;
	int i;

	t = windows_session_rc("splits", 1, NULL, 8, 30);
	H_REQUIRE(t != NULL, "a session in 30x8");
	for (i = 0; i < 8; i++)
		H_REQUIRE(h_type(t, "\001S\001|") == 0, "C-a S C-a |");
	h_pump(t, 500);
	H_REQUIRE(
	    !t->exited && h_server_pid() > 0 && !h_pid_gone(h_server_pid()),
	    "splitting until nothing is left to split breaks nothing");
	H_REQUIRE(h_type(t, "\001Q") == 0, "C-a Q");
	H_REQUIRE(windows_wait_ncaptions(t, 0) == 0, "one region again");
	H_REQUIRE(h_type(t, "\001X") == 0, "C-a X on the only region");
	h_pump(t, 300);
	H_REQUIRE(h_type(t, "\0010") == 0, "C-a 0");
	H_REQUIRE(h_type(t, "echo fine-$((1+1))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "fine-2", 0) == 0, "the window runs");
	return H_PASS;
}

/* The server and the client t are both alive. */
static int
windows_alive(struct h_term *t)
{
	h_pump(t, 200);
	return h_server_pid() > 0 && !h_pid_gone(h_server_pid()) &&
	    !t->exited && !t->eof;
}

static int
windows_case_modes_and_changes(void)
{
	struct h_term *t = windows_session("modes", 3);

	H_REQUIRE(t != NULL, "a session");
	/* The window list, its selected window killed under it. */
	H_REQUIRE(h_type(t, "\001\"") == 0, "C-a \"");
	H_REQUIRE(h_wait_text(t, "2 t2", 0) == 0, "the list");
	H_REQUIRE(h_type(t, "jj") == 0, "select window 2");
	H_REQUIRE(h_wait_for(t, windows_pred_list_selected, "2 t2", 0) == 0,
	    "window 2 selected");
	H_REQUIRE(WINDOWS_XP("modes", "2", "kill") == 0, "-p 2 -X kill");
	H_REQUIRE(h_wait_gone(t, "2 t2", 0) == 0, "the list loses it");
	H_REQUIRE(h_type(t, "\r") == 0, "enter");
	H_REQUIRE(windows_alive(t), "nothing crashed");
	H_REQUIRE(h_wait_gone(t, "Num Name", 0) == 0, "the list is closed");
	/* The help over the display while the terminal is resized. */
	H_REQUIRE(h_type(t, "\001?") == 0, "C-a ?");
	H_REQUIRE(h_wait_text(t, "key bindings", 0) == 0, "the help");
	H_REQUIRE(h_resize(t, 6, 30) == 0, "resize to 30x6");
	H_REQUIRE(windows_alive(t), "the help at 30x6");
	/* 5 rows: 4 for the help (the status line takes one), none left
	   for a binding; and smaller. */
	for (int r = 5; r >= 1; r--) {
		H_REQUIRE(h_resize(t, r, 30) == 0, "resize to 30x%d", r);
		H_REQUIRE(windows_alive(t), "the help at 30x%d", r);
	}
	H_REQUIRE(
	    h_resize(t, 5, 30) == 0 && h_wait_text(t, "Press Space", 0) == 0,
	    "at 30x5 the help says how to leave it");
	H_REQUIRE(h_resize(t, ROWS, COLS) == 0, "back to 80x24");
	H_REQUIRE(h_wait_text(t, "key bindings", 0) == 0, "the help again");
	H_REQUIRE(h_type(t, "\r") == 0, "return");
	H_REQUIRE(h_wait_gone(t, "key bindings", 0) == 0, "the help is gone");
	/* The prompt open while the shown window exits. */
	H_REQUIRE(h_type(t, "\0010") == 0, "C-a 0");
	H_REQUIRE(windows_wait_current(t, 0) == 0, "window 0");
	H_REQUIRE(h_type(t, "\001:tit") == 0, "C-a : tit");
	H_REQUIRE(h_wait_row(t, SROW, "tit", 0) == 0, "the prompt");
	H_REQUIRE(WINDOWS_XP("modes", "0", "stuff", "exit\\n") == 0,
	    "window 0 exits");
	H_REQUIRE(h_wait_gone(t, "mark-100", 0) == 0, "window 0 is gone");
	H_REQUIRE(h_type(t, "le after\r") == 0, "finish: title after");
	H_REQUIRE(windows_alive(t), "nothing crashed");
	H_REQUIRE(windows_wait_tab(t, 1, "after", NULL) == 0,
	    "the command ran for the window shown now");
	/* The kill question open while its window exits by itself. */
	H_REQUIRE(WINDOWS_X("modes", "screen", "-t", "t4", "4", "/bin/sh") == 0,
	    "window 4");
	H_REQUIRE(h_type(t, "\0011") == 0, "C-a 1");
	H_REQUIRE(h_type(t, "\001k") == 0, "C-a k");
	H_REQUIRE(windows_wait_message(t, "y/n") == 0, "the question");
	H_REQUIRE(WINDOWS_XP("modes", "1", "stuff", "exit\\n") == 0,
	    "window 1 exits meanwhile");
	H_REQUIRE(h_wait_gone(t, "mark-101", 0) == 0, "window 1 is gone");
	H_REQUIRE(h_type(t, "y") == 0, "y");
	H_REQUIRE(windows_alive(t), "nothing crashed");
	{
		char *out = NULL;

		H_REQUIRE(
		    windows_xv("modes", NULL,
			(const char *[]){ "-Q", "windows", NULL }, &out) == 0,
		    "-Q windows");
		H_REQUIRE(strstr(out, "t4") != NULL,
		    "the y killed nothing else: \"%s\"", out);
		free(out);
	}
	return H_PASS;
}

/* B's left region shows the row of wide characters up to its edge. */
static int
windows_pred_wide_cut(struct h_term *t, void *arg)
{
	VTermScreenCell cell;
	int r, c, border = -1;

	(void)arg;
	for (r = 0; r < t->rows - 1; r++) {
		if (h_cell(t, r, 0, &cell) == -1 || cell.chars[0] != 0x4e2d)
			continue;
		for (c = 0; c < t->cols; c++)
			if (h_cell(t, r, c, &cell) == 0 &&
			    cell.chars[0] == 0x2502) {
				border = c;
				break;
			}
		return border > 2;
	}
	return 0;
}

static int
windows_case_wide_cut(void)
{
	VTermScreenCell cell;
	struct h_term *a = windows_session("wide", 1), *b;
	int r, c, border = -1;

	H_REQUIRE(a != NULL, "display A, 80 columns");
	b = h_roost_term(ROWS, COLS, "-x", "wide", NULL);
	H_REQUIRE(b != NULL, "display B");
	snprintf(b->name, sizeof b->name, "wide B");
	H_REQUIRE(h_wait_row(b, SROW, "[wide]", 0) == 0, "attached");
	H_REQUIRE(h_type(b, "\001|") == 0, "B: C-a |");
	H_REQUIRE(windows_wait_ncaptions(b, 2) == 0, "B has two regions");
	H_REQUIRE(h_type(a,
		      "clear; for i in 1 2 3 4 5 6 7 8 9 10; do printf "
		      "'\\344\\270\\255\\344\\270\\255\\344\\270\\255"
		      "\\344\\270\\255'; done; echo\n") == 0,
	    "A: 40 wide characters (80 cells) on a line");
	H_REQUIRE(h_wait_for(b, windows_pred_wide_cut, NULL, 0) == 0,
	    "B's left region shows them, cropped");
	for (r = 0; r < ROWS - 1; r++)
		if (h_cell(b, r, 0, &cell) == 0 && cell.chars[0] == 0x4e2d)
			break;
	for (c = 0; c < COLS; c++)
		if (h_cell(b, r, c, &cell) == 0 && cell.chars[0] == 0x2502) {
			border = c;
			break;
		}
	H_REQUIRE(border > 0, "the border on that row");
	for (c = 0; c < border;) {
		H_REQUIRE(h_cell(b, r, c, &cell) == 0, "cell");
		H_REQUIRE(cell.chars[0] == 0x4e2d || cell.chars[0] == 0 ||
			cell.chars[0] == ' ',
		    "column %d holds a wide character or a blank (U+%04X)", c,
		    cell.chars[0]);
		if (cell.chars[0] == 0x4e2d) {
			H_REQUIRE(cell.width == 2 && c + 1 < border,
			    "a whole wide character left of the border, "
			    "column %d",
			    c);
			c += 2;
		} else
			c++;
	}
	H_REQUIRE(h_cell(b, r, border - 1, &cell) == 0 &&
		(cell.chars[0] == 0 || cell.chars[0] == ' '),
	    "the last column, where half a character would go, is blank");
	return H_PASS;
}

static int
windows_case_other_gone(void)
{
	struct h_term *t = windows_session("ogone", 3);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\0011") == 0, "C-a 1");
	H_REQUIRE(windows_wait_current(t, 1) == 0, "window 1");
	H_REQUIRE(h_type(t, "\0010") == 0, "C-a 0");
	H_REQUIRE(windows_wait_current(t, 0) == 0, "window 0, 1 the other");
	H_REQUIRE(WINDOWS_XP("ogone", "1", "kill") == 0, "-p 1 -X kill");
	H_REQUIRE(h_wait_gone(t, "t1", 0) == 0, "window 1 is gone");
	H_REQUIRE(h_type(t, "\001\001") == 0, "C-a C-a");
	H_REQUIRE(windows_wait_current(t, 2) == 0,
	    "with the other window gone, C-a C-a goes to the next (2)");
	return H_PASS;
}

static int
windows_case_default_title(void)
{
	struct h_term *t = windows_session("dtitle", 1);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001c") == 0, "C-a c");
	H_REQUIRE(windows_wait_tab(t, 1, "sh", "*") == 0,
	    "a shell window is named after the shell (sh)");
	H_REQUIRE(WINDOWS_X("dtitle", "screen", "/usr/bin/env", "sh") == 0,
	    "-X screen /usr/bin/env sh");
	H_REQUIRE(windows_wait_tab(t, 2, "env", NULL) == 0,
	    "a command's window is named after its basename (env)");
	return H_PASS;
}

struct windows_layout_snap {
	int n;
	struct windows_caption caps[16];
};

static int
windows_pred_same_captions(struct h_term *t, void *arg)
{
	struct windows_layout_snap *want = arg;
	struct windows_caption caps[16];
	int n = windows_captions(t, caps, 16), i;

	if (n != want->n)
		return 0;
	for (i = 0; i < n; i++)
		if (caps[i].row != want->caps[i].row ||
		    caps[i].col != want->caps[i].col ||
		    caps[i].width != want->caps[i].width)
			return 0;
	return 1;
}

static int
windows_case_proportions(void)
{
	struct h_term *t = windows_session("prop", 3);
	struct windows_layout_snap snap;
	struct windows_caption now[16];
	int i, n;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001S\001|\001\t\0011\001\t\0012") == 0,
	    "three regions");
	H_REQUIRE(windows_wait_ncaptions(t, 3) == 0, "three captions");
	H_REQUIRE(WINDOWS_X("prop", "resize", "-v", "-4") == 0, "-X resize -4");
	h_pump(t, 300);
	snap.n = windows_captions(t, snap.caps, 16);
	H_REQUIRE(h_resize(t, 5, 20) == 0, "shrink to 20x5");
	H_REQUIRE(h_wait_for(t, windows_pred_small, NULL, 0) == 0, "small");
	H_REQUIRE(h_resize(t, ROWS, COLS) == 0, "grow to 80x24");
	if (h_wait_for(t, windows_pred_same_captions, &snap, 0) == -1) {
		n = windows_captions(t, now, 16);
		for (i = 0; i < snap.n || i < n; i++)
			h_diag("caption %d: before row %d col %d width %d, "
			       "after row %d col %d width %d",
			    i, i < snap.n ? snap.caps[i].row : -1,
			    i < snap.n ? snap.caps[i].col : -1,
			    i < snap.n ? snap.caps[i].width : -1,
			    i < n ? now[i].row : -1, i < n ? now[i].col : -1,
			    i < n ? now[i].width : -1);
		H_REQUIRE(0, "the regions are where they were");
	}
	return H_PASS;
}

static int
windows_case_reattach_regions(void)
{
	struct h_term *t = windows_session("rereg", 2);
	int status;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(
	    h_type(t, "\001S\001\t\0011") == 0, "two regions, windows 0 and 1");
	H_REQUIRE(windows_wait_ncaptions(t, 2) == 0 &&
		h_wait_text(t, "mark-101", 0) == 0,
	    "shown");
	H_REQUIRE(h_type(t, "\001d") == 0, "C-a d");
	H_REQUIRE(h_wait_exit(t, 0, &status) == 0, "detached");
	t = h_roost_term(30, 100, "-r", "rereg", NULL);
	H_REQUIRE(t != NULL, "reattach in 100x30");
	snprintf(t->name, sizeof t->name, "rereg 100x30");
	H_REQUIRE(windows_wait_ncaptions(t, 2) == 0,
	    "the regions come back (screen's layout autosave)");
	H_REQUIRE(h_wait_text(t, "mark-100", 0) == 0 &&
		h_wait_text(t, "mark-101", 0) == 0,
	    "with their windows");
	H_REQUIRE(h_wait_row(t, 29, "[rereg]", 0) == 0,
	    "the status line on the new last row");
	return H_PASS;
}

/*
 * The previous window is the session's: a display attaching after a
 * detach (or beside another, -x) marks it '-' on the status line and in
 * C-a w, and C-a C-a goes back to it (not to the next window, what
 * `other` does without one).
 */
static int
windows_case_other_reattach(void)
{
	struct h_term *t = windows_session("prevre", 3), *t2;
	char row[1024];
	int status;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\0011") == 0, "C-a 1");
	H_REQUIRE(windows_wait_current(t, 1) == 0, "window 1");
	H_REQUIRE(windows_wait_tab(t, 0, "t0", "-") == 0,
	    "window 0 is the previous one");
	H_REQUIRE(h_type(t, "\001d") == 0, "C-a d");
	H_REQUIRE(h_wait_exit(t, 0, &status) == 0, "detached");

	t = h_roost_term(ROWS, COLS, "-r", "prevre", NULL);
	H_REQUIRE(t != NULL, "reattach");
	snprintf(t->name, sizeof t->name, "prevre reattached");
	H_REQUIRE(windows_wait_current(t, 1) == 0, "window 1 again");
	H_REQUIRE(windows_wait_tab(t, 0, "t0", "-") == 0,
	    "window 0 is still the previous one on the status line");
	h_row_text(t, SROW, row, sizeof row);
	H_REQUIRE(!windows_tab_in(row, 2, "t2", "-") &&
		!windows_tab_in(row, 1, "t1", "-"),
	    "and no other window is: \"%s\"", row);
	H_REQUIRE(h_type(t, "\001w") == 0, "C-a w");
	H_REQUIRE(windows_wait_message(t, "0-") == 0,
	    "C-a w marks window 0 with '-'");
	H_REQUIRE(h_type(t, "\001\001") == 0, "C-a C-a");
	H_REQUIRE(windows_wait_current(t, 0) == 0,
	    "C-a C-a goes back to window 0 (not on to window 2)");
	H_REQUIRE(h_type(t, "\001\001") == 0, "C-a C-a");
	H_REQUIRE(windows_wait_current(t, 1) == 0, "and again to window 1");

	/* A second display starts with the window the first one left. */
	H_REQUIRE(h_type(t, "\0012") == 0, "C-a 2");
	H_REQUIRE(windows_wait_current(t, 2) == 0, "window 2");
	t2 = h_roost_term(ROWS, COLS, "-x", "-r", "prevre", NULL);
	H_REQUIRE(t2 != NULL, "a second display (-x)");
	snprintf(t2->name, sizeof t2->name, "prevre -x");
	H_REQUIRE(windows_wait_current(t2, 2) == 0, "shows window 2");
	H_REQUIRE(windows_wait_tab(t2, 1, "t1", "-") == 0,
	    "and marks window 1, the session's previous one, with '-'");
	H_REQUIRE(h_type(t2, "\001\001") == 0, "C-a C-a there");
	H_REQUIRE(windows_wait_current(t2, 1) == 0, "goes to window 1");
	return H_PASS;
}

/* -p on a reattach picks the window shown in the focused region of the
   regions the last display left (screen(1): -p preselects a window). */
static int
windows_case_reattach_p(void)
{
	struct h_term *t = windows_session("repick", 3);
	int status;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001S") == 0, "C-a S");
	H_REQUIRE(windows_wait_ncaptions(t, 2) == 0, "two regions");
	H_REQUIRE(h_type(t, "\001d") == 0, "C-a d");
	H_REQUIRE(h_wait_exit(t, 0, &status) == 0, "detached");
	t = h_roost_term(ROWS, COLS, "-p", "2", "-r", "repick", NULL);
	H_REQUIRE(t != NULL, "roost -p 2 -r repick");
	snprintf(t->name, sizeof t->name, "repick -p 2");
	H_REQUIRE(windows_wait_current(t, 2) == 0, "window 2 is shown");
	H_REQUIRE(windows_wait_ncaptions(t, 2) == 0, "in the two regions");
	H_REQUIRE(h_type(t, "\001d") == 0, "C-a d");
	H_REQUIRE(h_wait_exit(t, 0, &status) == 0, "detached");
	t = h_roost_term(ROWS, COLS, "-p", "t1", "-r", "repick", NULL);
	H_REQUIRE(t != NULL, "roost -p t1 -r repick");
	snprintf(t->name, sizeof t->name, "repick -p t1");
	H_REQUIRE(windows_wait_current(t, 1) == 0, "window 1 by its title");
	return H_PASS;
}

/* The display shows the blank window: the status line (of session arg)
   highlights no window's number, and nothing is above it. */
static int
windows_pred_blank(struct h_term *t, void *arg)
{
	char row[1024];
	int r;

	h_row_text(t, t->rows - 1, row, sizeof row);
	if (strncmp(row, arg, strlen(arg)) != 0 || windows_current(t) != -1)
		return 0;
	for (r = 0; r < t->rows - 1; r++)
		if (h_row_text(t, r, row, sizeof row)[0] != '\0')
			return 0;
	return 1;
}

static int
windows_wait_blank(struct h_term *t, const char *status)
{
	char row[1024];

	if (h_wait_for(t, windows_pred_blank, (void *)status, 0) == 0)
		return 0;
	h_diag("not the blank window; status line \"%s\", current tab %d",
	    h_row_text(t, t->rows - 1, row, sizeof row), windows_current(t));
	h_dump(t);
	return -1;
}

/* The status line on the blank window still lists the windows: %+w is
   every window when none is current (screen: after window -1). */
static int
windows_case_blank_status(void)
{
	struct h_term *t = windows_session("blankst", 2);
	char row[1024];

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(WINDOWS_X("blankst", "select", "-") == 0, "select -");
	H_REQUIRE(windows_wait_blank(t, "[blankst] ") == 0, "the blank window");
	H_REQUIRE(h_wait_row(t, t->rows - 1, "0-$ t0", 0) == 0 &&
		h_wait_row(t, t->rows - 1, "1$ t1", 0) == 0,
	    "the status line lists both windows, 0 the previous one: \"%s\"",
	    h_row_text(t, t->rows - 1, row, sizeof row));
	return H_PASS;
}

/*
 * layout new switches to the blank window (screen(1)); a display
 * attaching beside it (-x) or after it detached shows the blank window
 * too, and so do layout select, next and prev coming back to that
 * layout.
 */
static int
windows_case_layout_new_reattach(void)
{
	struct h_term *t = windows_session("laynew", 2), *t2;
	int status;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(WINDOWS_X("laynew", "layout", "save", "one") == 0,
	    "layout save one (window 0)");
	H_REQUIRE(
	    WINDOWS_X("laynew", "layout", "new", "two") == 0, "layout new two");
	H_REQUIRE(windows_wait_blank(t, "[laynew] ") == 0,
	    "layout new shows the blank window");
	t2 = h_roost_term(ROWS, COLS, "-x", "-r", "laynew", NULL);
	H_REQUIRE(t2 != NULL, "a second display (-x)");
	snprintf(t2->name, sizeof t2->name, "laynew -x");
	H_REQUIRE(windows_wait_blank(t2, "[laynew] ") == 0,
	    "a second display shows the blank window too");
	H_REQUIRE(h_type(t2, "\001d") == 0, "C-a d there");
	H_REQUIRE(h_wait_exit(t2, 0, &status) == 0, "it detached");
	H_REQUIRE(h_type(t, "\001d") == 0, "C-a d");
	H_REQUIRE(h_wait_exit(t, 0, &status) == 0, "detached");

	t = h_roost_term(ROWS, COLS, "-r", "laynew", NULL);
	H_REQUIRE(t != NULL, "reattach");
	snprintf(t->name, sizeof t->name, "laynew reattached");
	H_REQUIRE(windows_wait_blank(t, "[laynew] ") == 0,
	    "the reattached display shows the blank window too");
	H_REQUIRE(WINDOWS_X("laynew", "layout", "select", "one") == 0,
	    "layout select one");
	H_REQUIRE(windows_wait_current(t, 0) == 0, "layout one: window 0");
	H_REQUIRE(WINDOWS_X("laynew", "layout", "select", "two") == 0,
	    "layout select two");
	H_REQUIRE(windows_wait_blank(t, "[laynew] ") == 0,
	    "layout two: the blank window");
	H_REQUIRE(WINDOWS_X("laynew", "layout", "next") == 0, "layout next");
	H_REQUIRE(windows_wait_current(t, 0) == 0, "layout one: window 0");
	H_REQUIRE(WINDOWS_X("laynew", "layout", "prev") == 0, "layout prev");
	H_REQUIRE(windows_wait_blank(t, "[laynew] ") == 0,
	    "layout two: the blank window");
	return H_PASS;
}

/*
 * The window a display leaves for layout new's blank window is the
 * previous one: C-a C-a (other) brings it into the blank region
 * (screen(1): other, "the window displayed previously").
 */
static int
windows_case_layout_new_other(void)
{
	struct h_term *t = windows_session("layoth", 3);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(WINDOWS_X("layoth", "select", "1", NULL) == 0, "select 1");
	H_REQUIRE(windows_wait_current(t, 1) == 0, "window 1 shown");
	H_REQUIRE(WINDOWS_X("layoth", "select", "2", NULL) == 0, "select 2");
	H_REQUIRE(windows_wait_current(t, 2) == 0, "window 2 shown");
	H_REQUIRE(
	    WINDOWS_X("layoth", "layout", "new", "two") == 0, "layout new two");
	H_REQUIRE(windows_wait_blank(t, "[layoth] ") == 0,
	    "layout new shows the blank window");
	H_REQUIRE(h_type(t, "\001\001") == 0, "C-a C-a");
	H_REQUIRE(windows_wait_current(t, 2) == 0,
	    "C-a C-a brings back window 2, the one left for the blank "
	    "window");
	return H_PASS;
}

/*
 * Window n is the current one ('*' on the status line) and not also the
 * previous one ('-'); window prev (-1: none) is the previous one and no
 * other window is. Windows are titled tN. The flags are read from the
 * frame that made n current: '*' and '-' change together.
 */
static int
windows_check_prev(struct h_term *t, int n, int prev)
{
	char row[1024], title[16];
	int i;

	if (windows_wait_current(t, n) == -1)
		return -1;
	h_row_text(t, SROW, row, sizeof row);
	snprintf(title, sizeof title, "t%d", n);
	if (!windows_tab_in(row, n, title, "*") ||
	    windows_tab_in(row, n, title, "-")) {
		h_diag("window %d is current and previous at once: \"%s\"", n,
		    row);
		return -1;
	}
	for (i = 0; i < 10; i++) {
		snprintf(title, sizeof title, "t%d", i);
		if (i != n &&
		    windows_tab_in(row, i, title, "-") != (i == prev)) {
			h_diag("window %d should%s be the previous one: \"%s\"",
			    i, i == prev ? "" : " not", row);
			return -1;
		}
	}
	return 0;
}

/*
 * Leaving layout new's blank window for the previous window (C-a C-a)
 * or layout select's layout showing it: the window now shown is not
 * also the previous one; the session's previous window takes its place
 * (screen(1): other, "the window displayed previously").
 */
static int
windows_case_blank_prev_layout(void)
{
	struct h_term *t = windows_session("blkly", 2);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(WINDOWS_X("blkly", "layout", "save", "one") == 0,
	    "layout save one");
	H_REQUIRE(h_type(t, "\0011") == 0, "C-a 1");
	H_REQUIRE(windows_check_prev(t, 1, 0) == 0, "window 1, previous 0");
	H_REQUIRE(
	    h_type(t, "\001:layout new two\r") == 0, "C-a :layout new two");
	H_REQUIRE(windows_wait_blank(t, "[blkly] ") == 0, "the blank window");
	H_REQUIRE(h_type(t, "\001\001") == 0, "C-a C-a");
	H_REQUIRE(windows_check_prev(t, 1, 0) == 0,
	    "window 1 back, and window 0 (not 1) is the previous one");
	H_REQUIRE(h_type(t, "\001w") == 0, "C-a w");
	H_REQUIRE(windows_wait_message(t, "0- t0") == 0 &&
		windows_wait_message(t, "1* t1") == 0,
	    "C-a w agrees");
	H_REQUIRE(h_type(t, "\001\001") == 0, "C-a C-a");
	H_REQUIRE(windows_check_prev(t, 0, 1) == 0, "C-a C-a: window 0");
	H_REQUIRE(h_type(t, "\001\001") == 0, "C-a C-a");
	H_REQUIRE(windows_check_prev(t, 1, 0) == 0, "and back to window 1");

	/* The blank window (select -), then layout one: autosaved when
	   layout new left it, its region shows window 1, the window left
	   for the blank one. */
	H_REQUIRE(WINDOWS_X("blkly", "select", "-") == 0, "select -");
	H_REQUIRE(windows_wait_blank(t, "[blkly] ") == 0, "the blank window");
	H_REQUIRE(WINDOWS_X("blkly", "layout", "select", "one") == 0,
	    "layout select one");
	H_REQUIRE(windows_check_prev(t, 1, 0) == 0,
	    "layout one: window 1, window 0 the previous one");
	return H_PASS;
}

/* select - then C-a C-a: the window left for the blank window comes
   back, and is not marked as the previous one. */
static int
windows_case_blank_prev_select(void)
{
	struct h_term *t = windows_session("blksel", 2);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\0011") == 0, "C-a 1");
	H_REQUIRE(windows_check_prev(t, 1, 0) == 0, "window 1, previous 0");
	H_REQUIRE(h_type(t, "\001:select -\r") == 0, "C-a :select -");
	H_REQUIRE(windows_wait_blank(t, "[blksel] ") == 0, "the blank window");
	H_REQUIRE(h_type(t, "\001\001") == 0, "C-a C-a");
	H_REQUIRE(windows_check_prev(t, 1, 0) == 0,
	    "window 1 back, window 0 the previous one");
	H_REQUIRE(h_type(t, "\001\001") == 0, "C-a C-a");
	H_REQUIRE(windows_check_prev(t, 0, 1) == 0, "C-a C-a: window 0");
	return H_PASS;
}

/* The status line is the hardstatus and highlights no window. */
static int
windows_pred_no_current(struct h_term *t, void *arg)
{
	char row[1024];

	(void)arg;
	h_row_text(t, t->rows - 1, row, sizeof row);
	return row[0] == '[' && windows_current(t) == -1;
}

/* A new (blank) region focused, C-a C-a shows the window left there;
   with no other window there is no previous one. */
static int
windows_case_blank_prev_region(void)
{
	struct h_term *t = windows_session("blkreg", 1);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\001S") == 0, "C-a S");
	H_REQUIRE(windows_wait_ncaptions(t, 2) == 0, "two regions");
	H_REQUIRE(h_type(t, "\001\t") == 0, "C-a tab: the blank region");
	H_REQUIRE(h_wait_for(t, windows_pred_no_current, NULL, 0) == 0,
	    "no current window");
	H_REQUIRE(h_type(t, "\001\001") == 0, "C-a C-a");
	H_REQUIRE(windows_check_prev(t, 0, -1) == 0,
	    "window 0 in the blank region, no previous window");
	return H_PASS;
}

/* Detach t (C-a d) and wait for its client to exit. */
static int
windows_detach(struct h_term *t)
{
	int status;

	if (h_type(t, "\001d") == -1)
		return -1;
	return h_wait_exit(t, 0, &status);
}

/* `roost -S sess -p win -X WORDS...`: the exit code; stderr in err
   (the caller frees). */
static int
windows_xerr(
    const char *sess, const char *win, const char *const *words, char **err)
{
	const char *argv[16];
	struct h_result r;
	int n = 0, i, code;

	argv[n++] = NULL;
	argv[n++] = "-S";
	argv[n++] = sess;
	argv[n++] = "-p";
	argv[n++] = win;
	argv[n++] = "-X";
	for (i = 0; words[i] != NULL && n < 15; i++)
		argv[n++] = words[i];
	argv[n] = NULL;
	code = h_run(&r, argv, NULL, 0);
	*err = strdup(r.err.data != NULL ? r.err.data : "");
	h_result_free(&r);
	return code;
}

/*
 * -p with an empty name names no window: an attach shows the window the
 * session left (as with an unknown name), and -X is refused with "no
 * window" (as with an unknown name), window 0 untouched.
 */
static int
windows_case_p_empty(void)
{
	struct h_term *t = windows_session("pempty", 3);
	char *err = NULL;
	char row[1024];
	int code;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\0012") == 0, "C-a 2");
	H_REQUIRE(windows_wait_current(t, 2) == 0, "window 2");
	H_REQUIRE(windows_detach(t) == 0, "detached");
	t = h_roost_term(ROWS, COLS, "-r", "-p", "", "pempty", NULL);
	H_REQUIRE(t != NULL, "roost -r -p '' pempty");
	snprintf(t->name, sizeof t->name, "pempty -p ''");
	H_REQUIRE(windows_check_prev(t, 2, 0) == 0,
	    "window 2, the one left, is shown (not window 0)");
	code = windows_xerr(
	    "pempty", "nosuch", (const char *[]){ "title", "T", NULL }, &err);
	H_REQUIRE(code == 1 && strstr(err, "no window") != NULL,
	    "-p nosuch -X title: refused, exit %d, stderr \"%s\"", code, err);
	free(err);
	code = windows_xerr(
	    "pempty", "", (const char *[]){ "title", "T", NULL }, &err);
	H_REQUIRE(code == 1 && strstr(err, "no window") != NULL,
	    "-p '' -X title: refused the same, exit %d, stderr \"%s\"", code,
	    err);
	free(err);
	H_REQUIRE(WINDOWS_X("pempty", "redisplay") == 0, "redisplay");
	H_REQUIRE(windows_wait_current(t, 2) == 0, "window 2 still");
	h_row_text(t, SROW, row, sizeof row);
	H_REQUIRE(windows_tab_in(row, 0, "t0", NULL) &&
		windows_tab_in(row, 2, "t2", "*"),
	    "no window was renamed: \"%s\"", row);
	return H_PASS;
}

/*
 * -p - on attach shows the blank window in the focused region; the
 * window the display would have shown is the previous one (C-a C-a).
 * With -x the other display keeps its window.
 */
static int
windows_case_p_blank(void)
{
	struct h_term *t = windows_session("pblank", 3), *t2;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\0011") == 0, "C-a 1");
	H_REQUIRE(windows_wait_current(t, 1) == 0, "window 1");
	H_REQUIRE(windows_detach(t) == 0, "detached");
	t = h_roost_term(ROWS, COLS, "-r", "-p", "-", "pblank", NULL);
	H_REQUIRE(t != NULL, "roost -r -p - pblank");
	snprintf(t->name, sizeof t->name, "pblank -p -");
	H_REQUIRE(windows_wait_blank(t, "[pblank] ") == 0, "the blank window");
	H_REQUIRE(h_type(t, "\001w") == 0, "C-a w");
	H_REQUIRE(windows_wait_message(t, "1- t1") == 0,
	    "window 1 is the previous one");
	H_REQUIRE(h_type(t, "\001\001") == 0, "C-a C-a");
	H_REQUIRE(windows_check_prev(t, 1, 0) == 0, "window 1");
	t2 = h_roost_term(ROWS, COLS, "-x", "-p", "-", "pblank", NULL);
	H_REQUIRE(t2 != NULL, "roost -x -p - pblank");
	snprintf(t2->name, sizeof t2->name, "pblank -x -p -");
	H_REQUIRE(windows_wait_blank(t2, "[pblank] ") == 0,
	    "the second display shows the blank window");
	H_REQUIRE(h_type(t, "\0012") == 0, "C-a 2 on the first");
	H_REQUIRE(windows_check_prev(t, 2, 1) == 0,
	    "the first display goes its own way");
	return H_PASS;
}

/*
 * -p = on attach opens the window list over the blank window (as
 * C-a "); choosing a window shows it.
 */
static int
windows_case_p_list(void)
{
	struct h_term *t = windows_session("plist", 3);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\0012") == 0, "C-a 2");
	H_REQUIRE(windows_wait_current(t, 2) == 0, "window 2");
	H_REQUIRE(windows_detach(t) == 0, "detached");
	t = h_roost_term(ROWS, COLS, "-r", "-p", "=", "plist", NULL);
	H_REQUIRE(t != NULL, "roost -r -p = plist");
	snprintf(t->name, sizeof t->name, "plist -p =");
	H_REQUIRE(h_wait_text(t, "Num Name", 0) == 0 &&
		h_wait_for(t, windows_pred_list_selected, "0 t0", 0) == 0,
	    "the window list");
	H_REQUIRE(h_wait_for(t, windows_pred_no_current, NULL, 0) == 0,
	    "over the blank window");
	H_REQUIRE(h_type(t, "j") == 0, "j");
	H_REQUIRE(h_wait_for(t, windows_pred_list_selected, "1 t1", 0) == 0,
	    "j moves down");
	H_REQUIRE(h_type(t, "\r") == 0, "enter");
	H_REQUIRE(windows_check_prev(t, 1, 2) == 0,
	    "window 1, window 2 (the one left) the previous one");
	H_REQUIRE(h_wait_gone(t, "Num Name", 0) == 0, "the list is gone");
	return H_PASS;
}

/* -p + on attach opens a new window (as C-a c) and shows it; the window
   the display would have shown is the previous one. */
static int
windows_case_p_new(void)
{
	struct h_term *t = windows_session("pnew", 2), *t2;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\0011") == 0, "C-a 1");
	H_REQUIRE(windows_wait_current(t, 1) == 0, "window 1");
	H_REQUIRE(windows_detach(t) == 0, "detached");
	t = h_roost_term(ROWS, COLS, "-r", "-p", "+", "pnew", NULL);
	H_REQUIRE(t != NULL, "roost -r -p + pnew");
	snprintf(t->name, sizeof t->name, "pnew -p +");
	H_REQUIRE(windows_wait_tab(t, 2, "sh", "*") == 0,
	    "a new window 2 running the shell is shown");
	H_REQUIRE(windows_wait_tab(t, 1, "t1", "-") == 0,
	    "window 1 is the previous one");
	t2 = h_roost_term(ROWS, COLS, "-x", "-p", "+", "pnew", NULL);
	H_REQUIRE(t2 != NULL, "roost -x -p + pnew");
	snprintf(t2->name, sizeof t2->name, "pnew -x -p +");
	H_REQUIRE(windows_wait_tab(t2, 3, "sh", "*") == 0,
	    "another new window, 3, on the second display");
	H_REQUIRE(windows_wait_tab(t2, 2, "sh", "-") == 0,
	    "window 2 its previous one");
	return H_PASS;
}

/*
 * -X with -p -: screen runs the command as without -p (on the display's
 * window); with -p = or -p + (names outside an attach) it is refused as
 * for any window that does not exist.
 */
static int
windows_case_p_x(void)
{
	struct h_term *t = windows_session("pxdash", 2);
	char *err = NULL, row[1024];
	int code;

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\0011") == 0, "C-a 1");
	H_REQUIRE(windows_wait_current(t, 1) == 0, "window 1");
	code = windows_xerr(
	    "pxdash", "-", (const char *[]){ "title", "T", NULL }, &err);
	H_REQUIRE(
	    code == 0, "-p - -X title T: exit %d, stderr \"%s\"", code, err);
	free(err);
	H_REQUIRE(windows_wait_tab(t, 1, "T", "*") == 0,
	    "renames the display's window");
	code = windows_xerr(
	    "pxdash", "=", (const char *[]){ "title", "U", NULL }, &err);
	H_REQUIRE(code == 1 && strstr(err, "no window") != NULL,
	    "-p = -X: refused, exit %d, stderr \"%s\"", code, err);
	free(err);
	code = windows_xerr(
	    "pxdash", "+", (const char *[]){ "title", "U", NULL }, &err);
	H_REQUIRE(code == 1 && strstr(err, "no window") != NULL,
	    "-p + -X: refused, exit %d, stderr \"%s\"", code, err);
	free(err);
	h_row_text(t, SROW, row, sizeof row);
	H_REQUIRE(strstr(row, " U") == NULL, "nothing renamed U: \"%s\"", row);
	return H_PASS;
}

/* C-a - shows the blank window (screen(1): select -, a default
   binding); C-a C-a brings back the window left; C-a ? lists it. */
static int
windows_case_dash_key(void)
{
	struct h_term *t = windows_session("dashk", 2);

	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_type(t, "\0011") == 0, "C-a 1");
	H_REQUIRE(windows_wait_current(t, 1) == 0, "window 1");
	H_REQUIRE(h_type(t, "\001-") == 0, "C-a -");
	H_REQUIRE(windows_wait_blank(t, "[dashk] ") == 0, "the blank window");
	H_REQUIRE(h_type(t, "\001\001") == 0, "C-a C-a");
	H_REQUIRE(windows_check_prev(t, 1, 0) == 0, "window 1 again");
	H_REQUIRE(h_type(t, "\001?") == 0, "C-a ?");
	H_REQUIRE(h_wait_text(t, "-      select -", 0) == 0,
	    "the help lists C-a - (on its first page)");
	return H_PASS;
}

/* E2E_ONLY=substring runs only the matching cases (for debugging). */
static void
windows_run(const char *name, int (*fn)(void))
{
	const char *only = getenv("E2E_ONLY");

	if (only == NULL || strstr(name, only) != NULL)
		h_case(name, fn);
}

int
main(void)
{
	h_init();
	windows_run(
	    "C-a c opens a window with the lowest free number", windows_case_c);
	windows_run("C-a n: next window, wrapping", windows_case_n);
	windows_run("C-a space: next window", windows_case_space);
	windows_run("C-a C-n: next window", windows_case_cn);
	windows_run("C-a p: previous window, wrapping", windows_case_p);
	windows_run("C-a backspace (DEL and C-h): previous window",
	    windows_case_backspace);
	windows_run("C-a C-p: previous window", windows_case_cp);
	windows_run(
	    "C-a 0 .. C-a 9 select windows 0 .. 9", windows_case_digits);
	windows_run("C-a ': select by number or title from a prompt",
	    windows_case_quote);
	windows_run(
	    "C-a C-a toggles to the previous window", windows_case_other);
	windows_run("C-a \": window list in number order, opens on the current "
		    "one, arrows/jk, enter selects",
	    windows_case_windowlist);
	windows_run("C-a A: title prompt pre-filled", windows_case_title_key);
	windows_run("C-a k asks y/n: n keeps, y kills", windows_case_kill);
	windows_run("C-a N shows number and title", windows_case_number_key);
	windows_run("C-a w lists windows on the message line",
	    windows_case_windows_key);
	windows_run("C-a i shows window information", windows_case_info_key);
	windows_run("C-a l and C-a C-l redraw", windows_case_redraw_key);
	windows_run(
	    "C-a M toggles activity monitoring", windows_case_monitor_key);
	windows_run("C-a _ toggles silence monitoring (30 s)",
	    windows_case_silence_key);
	windows_run(
	    "C-a ? shows the bindings, return leaves", windows_case_help_key);
	windows_run(
	    "C-a F fits the window to the display", windows_case_fit_key);
	windows_run(
	    "C-a S splits horizontally, captions", windows_case_split_key);
	windows_run("C-a | splits vertically, line-drawing border",
	    windows_case_vsplit_key);
	windows_run("a double-width line across splits and resizes",
	    windows_case_dwl_regions);
	windows_run("C-a tab moves the focus, the focused caption stands out",
	    windows_case_tab_key);
	windows_run(
	    "C-a + arrows move the focus in a 2x2 grid", windows_case_arrows);
	windows_run("C-a X removes the region", windows_case_remove_key);
	windows_run(
	    "C-a Q keeps only the focused region", windows_case_only_key);
	windows_run("nested 3x3 splits, a window and caption in each",
	    windows_case_nested);
	windows_run("outer resize with splits: 20x5 and back to 80x24",
	    windows_case_outer_resize);
	windows_run("two displays 80x24 and 132x40: own regions and windows",
	    windows_case_two_displays);
	windows_run("status line: tabs, current highlighted, session, clock",
	    windows_case_status_line);
	windows_run("caption always / splitonly / custom string",
	    windows_case_caption_always);
	windows_run("hardstatus with a custom string", windows_case_hardstatus);
	windows_run("bell in a hidden window: message and ! on the tab",
	    windows_case_bell);
	windows_run("activity in a monitored hidden window: message and @",
	    windows_case_activity);
	windows_run(
	    "silence 2 in a hidden window: message", windows_case_silence);
	windows_run("a window exiting while shown in two regions",
	    windows_case_exit_in_two_regions);
	windows_run(
	    "selecting a missing window says so", windows_case_no_such_window);
	windows_run("number N renumbers (and swaps)", windows_case_renumber);
	windows_run("titles follow OSC 0/2 and ESC k unless set by hand",
	    windows_case_titles);
	windows_run("a new region is blank until a window is selected",
	    windows_case_blank_region);
	windows_run(
	    "resize -N, +N, =, max, min, N, -h", windows_case_resize_cmd);
	windows_run(
	    "a window in two regions takes the size of the one typed in",
	    windows_case_shared_window_sizes);
	windows_run(
	    "vbell on: no beep, a flash or message", windows_case_vbell);
	windows_run(
	    "msgwait sets how long messages stay", windows_case_msgwait);
	windows_run("many windows: the status line keeps the current tab, the "
		    "session and the clock",
	    windows_case_many_windows);
	windows_run("borders with ACS on a terminal without UTF-8",
	    windows_case_acs_borders);
	windows_run(
	    "zombie: an exited window stays until C-a k", windows_case_zombie);
	windows_run("a window exiting while shown on two displays",
	    windows_case_exit_on_two_displays);
	windows_run("C-a k on the last window ends the session",
	    windows_case_last_window);
	windows_run("hardstatus off gives the window the last row",
	    windows_case_hardstatus_off);
	windows_run("rows a message or the help covered come back unchanged",
	    windows_case_covered_rows_return);
	windows_run("bindings typed in one burst", windows_case_burst);
	windows_run("3x3 splits through tiny terminal sizes and back",
	    windows_case_tiny);
	windows_run("splitting a small display until nothing is left",
	    windows_case_too_many_splits);
	windows_run("modes (list, help, prompt, question) while things change",
	    windows_case_modes_and_changes);
	windows_run("a wide character cut by a region's edge is a blank",
	    windows_case_wide_cut);
	windows_run("C-a C-a when the other window is gone goes to the next",
	    windows_case_other_gone);
	windows_run("default titles: the shell's or the command's basename",
	    windows_case_default_title);
	windows_run("region proportions survive a shrink to 20x5 and back",
	    windows_case_proportions);
	windows_run("regions come back on reattach, in another size",
	    windows_case_reattach_regions);
	windows_run("the previous window survives a reattach",
	    windows_case_other_reattach);
	windows_run("-r -p picks the window over the regions left",
	    windows_case_reattach_p);
	windows_run("the status line on the blank window lists the windows",
	    windows_case_blank_status);
	windows_run("C-a C-a after layout new brings back the window left",
	    windows_case_layout_new_other);
	windows_run("layout new's blank window survives a reattach and "
		    "layout select/next/prev",
	    windows_case_layout_new_reattach);
	windows_run("the window left for the blank window is not the "
		    "previous one when it comes back (layout new/select)",
	    windows_case_blank_prev_layout);
	windows_run("select - then C-a C-a: the window back is not the "
		    "previous one",
	    windows_case_blank_prev_select);
	windows_run("C-a C-a in a blank region: no previous window",
	    windows_case_blank_prev_region);
	windows_run(
	    "-p '' names no window (attach and -X)", windows_case_p_empty);
	windows_run("-r/-x -p - shows the blank window", windows_case_p_blank);
	windows_run("-r -p = opens the window list on the blank window",
	    windows_case_p_list);
	windows_run("-r/-x -p + opens a new window", windows_case_p_new);
	windows_run("-X with -p -, -p =, -p +", windows_case_p_x);
	windows_run("C-a - shows the blank window", windows_case_dash_key);
	return h_done();
}
