/*
 * usage.c -- end-to-end cases of issue 2 about using roost the way a
 * person does: an interactive bash in a window (line editing, clear,
 * less, top, ls --color), attributes and colours reaching the outer
 * terminal, two displays of different sizes, the key bindings for
 * windows, and the rest of screen's session flags (-d, -R, -D -R, -X,
 * --help). The screen is read through libvterm, never roost's emulator.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#define ROWS 24
#define COLS 80

static int
usage_start_detached(const char *name)
{
	struct h_result r;
	int code = h_roost_run(&r, "-dmS", name, NULL);

	if (code != 0)
		h_diag("roost -dmS %s: exit %d, stderr \"%s\"", name, code,
		    r.err.data);
	h_result_free(&r);
	return code == 0 ? 0 : -1;
}

/* A bash window, attached, prompt shown. */
static struct h_term *
usage_bash(const char *name)
{
	struct h_term *t;

	h_shell = "/bin/bash";
	t = h_roost_term(ROWS, COLS, "-S", name, NULL);
	h_shell = "/bin/sh";
	if (t == NULL)
		return NULL;
	if (h_type(t, "echo bash-$((40+2))-$BASH_VERSINFO\n") == -1 ||
	    h_wait_text(t, "bash-42-", 0) == -1)
		return NULL;
	return t;
}

/* A row reads exactly arg. */
static int
usage_pred_row_is(struct h_term *t, void *arg)
{
	char row[512];

	return h_find_row(t, arg, row, sizeof row) != -1;
}

/* At least two rows read exactly arg. */
static int
usage_pred_two_rows(struct h_term *t, void *arg)
{
	char row[512];
	int r, n = 0;

	for (r = 0; r < t->rows; r++)
		if (strcmp(h_row_text(t, r, row, sizeof row), arg) == 0)
			n++;
	return n >= 2;
}

static int
usage_case_line_editing(void)
{
	struct h_term *t;

	H_SKIP_IF(access("/bin/bash", X_OK) != 0, "no /bin/bash");
	t = usage_bash("edit");
	H_REQUIRE(t != NULL, "bash in a window");
	/* "echo x-ac", cursor left once, insert b: x-abc. */
	H_REQUIRE(h_type(t, "echo x-ac\033[Db\r") == 0, "type");
	H_REQUIRE(
	    h_wait_text(t, "\nx-abc\n", 0) == 0, "readline edited the line");
	/* Up arrow recalls it. */
	H_REQUIRE(h_type(t, "\033[A\r") == 0, "type up, RET");
	H_REQUIRE(h_wait_for(t, usage_pred_two_rows, "x-abc", 0) == 0,
	    "the recalled line ran again");
	return H_PASS;
}

static int
usage_pred_cursor_top(struct h_term *t, void *arg)
{
	char row[512];
	int r, c;

	(void)arg;
	h_cursor(t, &r, &c);
	return r == 0 && c > 0 && *h_row_text(t, 0, row, sizeof row) != '\0';
}

static int
usage_case_clear(void)
{
	struct h_term *t;
	char row[512];

	H_SKIP_IF(access("/bin/bash", X_OK) != 0, "no /bin/bash");
	t = usage_bash("clear");
	H_REQUIRE(t != NULL, "bash in a window");
	H_REQUIRE(h_type(t, "echo junk-$((5*5))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "junk-25", 0) == 0, "output");
	H_REQUIRE(h_type(t, "clear\n") == 0, "type clear");
	H_REQUIRE(h_wait_gone(t, "junk-25", 0) == 0, "the window is cleared");
	H_REQUIRE(h_wait_for(t, usage_pred_cursor_top, NULL, 0) == 0,
	    "the prompt is on the first row");
	H_REQUIRE(strcmp(h_row_text(t, 1, row, sizeof row), "") == 0,
	    "the second row is blank: \"%s\"", row);
	return H_PASS;
}

static int
usage_case_less(void)
{
	struct h_bytes text = { 0 };
	struct h_term *t;
	char line[64], *path;
	int i;

	H_SKIP_IF(access("/usr/bin/less", X_OK) != 0, "less is not installed");
	for (i = 1; i <= 100; i++) {
		snprintf(line, sizeof line, "line-%d\n", i);
		h_bytes_add(&text, line, strlen(line));
	}
	path = h_path(h_home(), "lines.txt");
	H_REQUIRE(h_write_file(path, text.data) == 0, "write %s", path);
	free(path);
	free(text.data);

	t = h_roost_term(ROWS, COLS, "-S", "less", NULL);
	H_REQUIRE(t != NULL, "spawn");
	H_REQUIRE(h_type(t, "echo before-$((3+4))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "before-7", 0) == 0, "shell runs");
	H_REQUIRE(h_type(t, "less lines.txt\n") == 0, "type less");
	H_REQUIRE(h_wait_row(t, 0, "line-1", 0) == 0, "less shows the top");
	/* 23 window rows: 22 lines and less's prompt. */
	H_REQUIRE(h_wait_text(t, "\nline-22\n", 0) == 0, "a page of it");
	H_REQUIRE(
	    h_wait_gone(t, "before-7", 0) == 0, "on the alternate screen");
	H_REQUIRE(h_type(t, " ") == 0, "page down");
	H_REQUIRE(h_wait_text(t, "\nline-44\n", 0) == 0, "the next page");
	H_REQUIRE(h_type(t, "q") == 0, "q");
	H_REQUIRE(h_wait_text(t, "before-7", 0) == 0,
	    "the shell's screen comes back");
	H_REQUIRE(h_wait_gone(t, "line-44", 0) == 0, "less is gone");
	return H_PASS;
}

static int
usage_case_top(void)
{
	struct h_term *t;

	H_SKIP_IF(
	    access("/usr/bin/top", X_OK) != 0, "top is not installed (procps)");
	t = h_roost_term(ROWS, COLS, "-S", "top", NULL);
	H_REQUIRE(t != NULL, "spawn");
	H_REQUIRE(h_type(t, "echo before-$((3+5))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "before-8", 0) == 0, "shell runs");
	H_REQUIRE(h_type(t, "top -d 1\n") == 0, "type top");
	H_REQUIRE(h_wait_text(t, "load average", 0) == 0, "top's header");
	H_REQUIRE(h_wait_text(t, "PID", 0) == 0, "top's table");
	H_REQUIRE(h_type(t, "q") == 0, "q");
	H_REQUIRE(h_wait_gone(t, "load average", 0) == 0, "top is gone");
	H_REQUIRE(h_type(t, "echo after-$((3+6))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "after-9", 0) == 0, "the shell answers");
	return H_PASS;
}

static int
usage_case_ls_color(void)
{
	VTermScreenCell cell;
	struct h_term *t;
	char row[512], *dir;
	int r;

	dir = h_path(h_home(), "somedir");
	H_REQUIRE(mkdir(dir, 0755) == 0, "mkdir");
	free(dir);
	t = h_roost_term(ROWS, COLS, "-S", "ls", NULL);
	H_REQUIRE(t != NULL, "spawn");
	/* Type only once the shell prompts: typed-ahead input would be
	   echoed before the prompt and share its row with the output. */
	H_REQUIRE(
	    h_wait_for(t, usage_pred_row_is, "$", 0) == 0, "the shell prompts");
	/* The default colours: directories bold blue (di=01;34). */
	H_REQUIRE(h_type(t, "LS_COLORS= ls --color=always -d somedir\n") == 0,
	    "type");
	H_REQUIRE(
	    h_wait_for(t, usage_pred_row_is, "somedir", 0) == 0, "ls output");
	r = h_find_row(t, "somedir", row, sizeof row);
	H_REQUIRE(r >= 0, "a row reads somedir");
	H_REQUIRE(h_cell(t, r, 0, &cell) == 0, "cell");
	H_REQUIRE(cell.attrs.bold, "the directory is bold");
	H_REQUIRE(VTERM_COLOR_IS_INDEXED(&cell.fg) &&
		(cell.fg.indexed.idx == 4 || cell.fg.indexed.idx == 12),
	    "and blue (fg type %d index %d)", cell.fg.type,
	    cell.fg.indexed.idx);
	return H_PASS;
}

/* The row showing `text` printed by printf (not the echo of the command
   line), and the column just after its "mark:". -1 if none. */
static int
usage_find_mark(struct h_term *t, const char *text, int *col)
{
	char row[512];
	const char *p;
	int r;

	for (r = 0; r < t->rows; r++) {
		h_row_text(t, r, row, sizeof row);
		if (strstr(row, "printf") == NULL &&
		    (p = strstr(row, text)) != NULL) {
			/* Columns are cells: the row is ASCII up to here. */
			*col = (int)(p - row) + 5;
			return r;
		}
	}
	return -1;
}

static int
usage_pred_mark(struct h_term *t, void *arg)
{
	int col;

	return usage_find_mark(t, arg, &col) != -1;
}

static int
usage_case_attributes(void)
{
	VTermScreenCell a, b, c;
	struct h_term *t = h_roost_term(ROWS, COLS, "-S", "attr", NULL);
	int r, col;

	H_REQUIRE(t != NULL, "spawn");
	/* A: bold italic underline reverse; B: 256-colour fg and bg; C:
	   plain again. The marker is printed by printf, not echoed. */
	H_REQUIRE(h_type(t,
		      "printf 'mark:\\033[1;3;4;7mA\\033[0m"
		      "\\033[38;5;200;48;5;22mB\\033[0mC\\n'\n") == 0,
	    "type");
	H_REQUIRE(h_wait_for(t, usage_pred_mark, "mark:ABC", 0) == 0, "output");
	r = usage_find_mark(t, "mark:ABC", &col);
	H_REQUIRE(r >= 0, "the row");
	H_REQUIRE(h_cell(t, r, col, &a) == 0 &&
		h_cell(t, r, col + 1, &b) == 0 &&
		h_cell(t, r, col + 2, &c) == 0,
	    "cells");
	H_REQUIRE(a.attrs.bold && a.attrs.italic && a.attrs.underline &&
		a.attrs.reverse,
	    "A: bold %d italic %d underline %d reverse %d", a.attrs.bold,
	    a.attrs.italic, a.attrs.underline, a.attrs.reverse);
	H_REQUIRE(!b.attrs.bold && !b.attrs.reverse, "B has no attributes");
	H_REQUIRE(VTERM_COLOR_IS_INDEXED(&b.fg) && b.fg.indexed.idx == 200,
	    "B's foreground is colour 200 (type %d index %d)", b.fg.type,
	    b.fg.indexed.idx);
	H_REQUIRE(VTERM_COLOR_IS_INDEXED(&b.bg) && b.bg.indexed.idx == 22,
	    "B's background is colour 22 (type %d index %d)", b.bg.type,
	    b.bg.indexed.idx);
	H_REQUIRE(VTERM_COLOR_IS_DEFAULT_FG(&c.fg) &&
		VTERM_COLOR_IS_DEFAULT_BG(&c.bg) && !c.attrs.bold,
	    "C is plain");
	return H_PASS;
}

static int
usage_case_truecolor(void)
{
	static const char *env[] = { "COLORTERM=truecolor", NULL };
	const char *argv[] = { NULL, "-S", "rgb", NULL };
	VTermScreenCell x;
	struct h_term *t = h_spawn(argv, env, ROWS, COLS);
	int r, col;

	H_REQUIRE(t != NULL, "spawn");
	H_REQUIRE(h_type(t,
		      "printf 'mark:\\033[38;2;10;200;30;48;2;1;2;3m"
		      "X\\033[0m\\n'\n") == 0,
	    "type");
	H_REQUIRE(h_wait_for(t, usage_pred_mark, "mark:X", 0) == 0, "output");
	r = usage_find_mark(t, "mark:X", &col);
	H_REQUIRE(r >= 0 && h_cell(t, r, col, &x) == 0, "the cell");
	H_REQUIRE(VTERM_COLOR_IS_RGB(&x.fg) && x.fg.rgb.red == 10 &&
		x.fg.rgb.green == 200 && x.fg.rgb.blue == 30,
	    "24-bit foreground arrives as such (type %d, %d/%d/%d)", x.fg.type,
	    x.fg.rgb.red, x.fg.rgb.green, x.fg.rgb.blue);
	H_REQUIRE(VTERM_COLOR_IS_RGB(&x.bg) && x.bg.rgb.red == 1 &&
		x.bg.rgb.green == 2 && x.bg.rgb.blue == 3,
	    "and the background (type %d, %d/%d/%d)", x.bg.type, x.bg.rgb.red,
	    x.bg.rgb.green, x.bg.rgb.blue);
	return H_PASS;
}

/* The big (30x100) client shows the 23x80 window after "clear; stty
   size": "23 80" in it, blanks right of column 80 and below row 23 but
   for its status line. */
static int
usage_pred_padded(struct h_term *t, void *arg)
{
	VTermScreenCell cell;
	char row[512];
	int r, c, seen = 0;

	(void)arg;
	for (r = 0; r < 23; r++)
		if (strstr(h_row_text(t, r, row, sizeof row), "23 80") != NULL)
			seen = 1;
	if (!seen)
		return 0;
	for (r = 0; r < t->rows - 1; r++)
		for (c = r < 23 ? 80 : 0; c < t->cols; c++)
			if (h_cell(t, r, c, &cell) == -1 ||
			    (cell.chars[0] != 0 && cell.chars[0] != ' '))
				return 0;
	return 1;
}

static int
usage_case_two_sizes(void)
{
	struct h_term *small, *big;

	H_REQUIRE(usage_start_detached("sz") == 0, "start");
	small = h_roost_term(ROWS, COLS, "-r", "sz", NULL);
	H_REQUIRE(small != NULL, "spawn the small client");
	H_REQUIRE(h_type(small, "stty size\n") == 0, "type");
	H_REQUIRE(h_wait_text(small, "23 80", 0) == 0, "window 23x80");
	big = h_roost_term(30, 100, "-x", "sz", NULL);
	H_REQUIRE(big != NULL, "spawn the big client");
	H_REQUIRE(h_wait_text(big, "23 80", 0) == 0, "the big one shows it");
	H_REQUIRE(
	    h_type(big, "clear; stty size\n") == 0, "type in the big one");
	H_REQUIRE(h_wait_text(big, "29 100", 0) == 0,
	    "the window takes the size of the client that typed");
	H_REQUIRE(h_wait_row(big, 29, "sz", 0) == 0,
	    "the big client's status line is on its last row");
	H_REQUIRE(h_wait_row(small, 23, "sz", 0) == 0,
	    "the small client's status line stays on its own last row");
	H_REQUIRE(
	    h_type(small, "clear; stty size\n") == 0, "type in the small one");
	H_REQUIRE(h_wait_text(small, "23 80", 0) == 0, "and back");
	H_REQUIRE(h_wait_for(big, usage_pred_padded, NULL, 0) == 0,
	    "the big client shows the 23x80 window padded with blanks");
	return H_PASS;
}

static int
usage_case_windows(void)
{
	struct h_term *t = h_roost_term(ROWS, COLS, "-S", "wins", NULL);

	H_REQUIRE(t != NULL, "spawn");
	H_REQUIRE(h_type(t, "echo zero-$((0+100))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "zero-100", 0) == 0, "window 0");
	H_REQUIRE(h_type(t, "\001c") == 0, "C-a c");
	H_REQUIRE(h_wait_gone(t, "zero-100", 0) == 0, "a new window shows");
	H_REQUIRE(h_type(t, "echo one-$((1+100))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "one-101", 0) == 0, "window 1 runs");
	H_REQUIRE(h_type(t, "\001p") == 0, "C-a p");
	H_REQUIRE(h_wait_text(t, "zero-100", 0) == 0, "back to window 0");
	H_REQUIRE(h_type(t, "\001n") == 0, "C-a n");
	H_REQUIRE(h_wait_text(t, "one-101", 0) == 0, "on to window 1");
	H_REQUIRE(h_type(t, "\0010") == 0, "C-a 0");
	H_REQUIRE(h_wait_text(t, "zero-100", 0) == 0, "window 0 by number");
	H_REQUIRE(h_type(t, "\0011") == 0, "C-a 1");
	H_REQUIRE(h_wait_text(t, "one-101", 0) == 0, "window 1 by number");
	return H_PASS;
}

static int
usage_case_detach_elsewhere(void)
{
	struct h_result r;
	struct h_term *t;
	int code, status;

	t = h_roost_term(ROWS, COLS, "-S", "far", NULL);
	H_REQUIRE(t != NULL, "spawn");
	H_REQUIRE(h_type(t, "echo far-$((2+2))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "far-4", 0) == 0, "attached");
	code = h_roost_run(&r, "-d", "far", NULL);
	H_REQUIRE(code == 0, "-d far exits 0, got %d: %s", code, r.err.data);
	H_REQUIRE(strstr(r.out.data, "detached.]") != NULL,
	    "prints [NAME detached.]: \"%s\"", r.out.data);
	h_result_free(&r);
	H_REQUIRE(
	    h_wait_exit(t, 0, &status) == 0, "the attached client is detached");
	H_REQUIRE(h_wait_ls("Detached") == 0, "the session lives on");
	return H_PASS;
}

static int
usage_case_reattach_or_create(void)
{
	struct h_term *t;
	int status;

	/* Nothing to reattach: -R creates. */
	t = h_roost_term(ROWS, COLS, "-R", "rr", NULL);
	H_REQUIRE(t != NULL, "spawn -R");
	H_REQUIRE(h_type(t, "echo made-$((6+1))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "made-7", 0) == 0, "a new session");
	H_REQUIRE(h_type(t, "\001d") == 0, "C-a d");
	H_REQUIRE(h_wait_exit(t, 0, &status) == 0, "detached");
	/* Now -R reattaches it. */
	t = h_roost_term(ROWS, COLS, "-R", "rr", NULL);
	H_REQUIRE(t != NULL, "spawn -R again");
	H_REQUIRE(h_wait_text(t, "made-7", 0) == 0, "the same session");
	/* And -D -R takes it from that client. */
	{
		struct h_term *t2 =
		    h_roost_term(ROWS, COLS, "-D", "-R", "rr", NULL);

		H_REQUIRE(t2 != NULL, "spawn -D -R");
		H_REQUIRE(h_wait_text(t2, "made-7", 0) == 0,
		    "-D -R shows the session");
		H_REQUIRE(h_wait_exit(t, 0, &status) == 0,
		    "the other client was detached");
	}
	return H_PASS;
}

static int
usage_case_remote_commands(void)
{
	struct h_result r;
	struct h_term *t;
	int code;

	H_REQUIRE(usage_start_detached("cmds") == 0, "start");
	code = h_roost_run(
	    &r, "-S", "cmds", "-X", "stuff", "echo stuffed-$((3*3))\n", NULL);
	H_REQUIRE(code == 0, "-X stuff exits 0, got %d: %s", code, r.err.data);
	h_result_free(&r);
	t = h_roost_term(ROWS, COLS, "-r", "cmds", NULL);
	H_REQUIRE(t != NULL, "spawn -r");
	H_REQUIRE(h_wait_text(t, "stuffed-9", 0) == 0,
	    "the window ran the stuffed text");
	h_close(t);

	code = h_roost_run(&r, "-S", "nosuch", "-X", "quit", NULL);
	H_REQUIRE(code != 0 && code != -1 && r.err.len > 0,
	    "-X to a missing session fails with a message (exit %d)", code);
	h_result_free(&r);

	code = h_roost_run(&r, "-S", "cmds", "-X", "quit", NULL);
	H_REQUIRE(code == 0, "-X quit exits 0, got %d: %s", code, r.err.data);
	h_result_free(&r);
	code = h_roost_run(&r, "-ls", NULL);
	H_REQUIRE(code == 1, "the session is gone (-ls exit %d): %s", code,
	    r.out.data);
	h_result_free(&r);
	return H_PASS;
}

static int
usage_case_help(void)
{
	struct h_result r;
	int code = h_roost_run(&r, "--help", NULL);

	H_REQUIRE(code == 0, "--help exits 0, got %d", code);
	h_bytes_add(&r.out, r.err.data, r.err.len);
	H_REQUIRE(strstr(r.out.data, "-ls") != NULL &&
		strstr(r.out.data, "-r") != NULL,
	    "usage names the flags: \"%s\"", r.out.data);
	h_result_free(&r);
	return H_PASS;
}

int
main(void)
{
	h_init();
	h_case("bash: line editing and history", usage_case_line_editing);
	h_case("bash: clear", usage_case_clear);
	h_case("less: pages, q restores the shell's screen", usage_case_less);
	h_case("top runs and quits", usage_case_top);
	h_case("ls --color: bold blue directory", usage_case_ls_color);
	h_case("attributes and 256 colours reach the terminal",
	    usage_case_attributes);
	h_case("24-bit colour with COLORTERM=truecolor", usage_case_truecolor);
	h_case("two clients of different sizes", usage_case_two_sizes);
	h_case("C-a c, C-a n, C-a p, C-a 0..9", usage_case_windows);
	h_case(
	    "-d NAME detaches it from elsewhere", usage_case_detach_elsewhere);
	h_case("-R creates or reattaches, -D -R takes over",
	    usage_case_reattach_or_create);
	h_case("-X stuff and -X quit", usage_case_remote_commands);
	h_case("--help", usage_case_help);
	return h_done();
}
