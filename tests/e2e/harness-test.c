/*
 * harness-test.c -- checks the end-to-end harness itself against /bin/sh,
 * so that a failure in the roost cases is roost's, not the reader's. Needs
 * no roost binary.
 */
#include <stdlib.h>
#include <string.h>
#include <termios.h>

#include "harness.h"

static const char *const sh_argv[] = { "/bin/sh", "-i", NULL };

static int
harness_test_type_and_read(void)
{
	struct h_term *t = h_spawn(sh_argv, NULL, 10, 40);
	char row[256];
	int r, c;

	H_REQUIRE(t != NULL, "spawn /bin/sh");
	H_REQUIRE(h_wait_text(t, "$", 0) == 0, "prompt");
	H_REQUIRE(h_type(t, "echo one; echo t''wo\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "two", 0) == 0, "echo output shows");
	/* "two" appears on its own row, below the command line. */
	for (r = 0; r < t->rows; r++)
		if (strcmp(h_row_text(t, r, row, sizeof row), "two") == 0)
			break;
	H_REQUIRE(r < t->rows, "a row reads exactly \"two\"");
	h_cursor(t, &r, &c);
	H_REQUIRE(r >= 1, "cursor moved down (row %d)", r);
	return H_PASS;
}

static int
harness_test_attributes(void)
{
	struct h_term *t = h_spawn(sh_argv, NULL, 10, 40);
	VTermScreenCell cell;
	char row[256];
	int r, c;

	H_REQUIRE(t != NULL, "spawn /bin/sh");
	H_REQUIRE(h_wait_text(t, "$", 0) == 0, "prompt");
	H_REQUIRE(
	    h_type(t, "printf 'x\\033[1;31mBOLD\\033[m\\n'\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "xBOLD", 0) == 0, "bold text shows");
	for (r = 0; r < t->rows; r++)
		if (strstr(h_row_text(t, r, row, sizeof row), "xBOLD") != NULL)
			break;
	H_REQUIRE(r < t->rows, "row with xBOLD");
	c = strstr(row, "xBOLD") - row;
	H_REQUIRE(h_cell(t, r, c + 1, &cell) == 0, "cell");
	H_REQUIRE(cell.chars[0] == 'B' && cell.attrs.bold, "B is bold");
	H_REQUIRE(VTERM_COLOR_IS_INDEXED(&cell.fg) && cell.fg.indexed.idx == 1,
	    "B is red");
	H_REQUIRE(h_cell(t, r, c, &cell) == 0 && !cell.attrs.bold, "x plain");
	H_REQUIRE(h_output_has(t, "\033[1;31m", 7, 0), "bytes recorded");
	return H_PASS;
}

static int
harness_test_resize(void)
{
	struct h_term *t = h_spawn(sh_argv, NULL, 10, 40);

	H_REQUIRE(t != NULL, "spawn /bin/sh");
	H_REQUIRE(h_type(t, "stty size\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "10 40", 0) == 0, "initial size");
	H_REQUIRE(h_resize(t, 20, 60) == 0, "resize");
	H_REQUIRE(h_type(t, "stty size\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "20 60", 0) == 0, "new size");
	return H_PASS;
}

static int
harness_test_exit_and_termios(void)
{
	static const char *const argv[] = { "/bin/sh", "-c",
		"stty -echo -icanon; echo bye; exit 3", NULL };
	struct h_term *t = h_spawn(argv, NULL, 5, 20);
	struct termios tio;
	int status;

	H_REQUIRE(t != NULL, "spawn");
	H_REQUIRE(h_wait_exit(t, 0, &status) == 0, "exits");
	H_REQUIRE(
	    h_exit_code(status) == 3, "status 3, got %d", h_exit_code(status));
	H_REQUIRE(h_wait_text(t, "bye", 0) == 0, "last output read");
	H_REQUIRE(h_termios(t, &tio) == 0, "termios");
	H_REQUIRE((tio.c_lflag & (ECHO | ICANON)) == 0,
	    "the modes the program left are seen");
	return H_PASS;
}

static int
harness_test_run(void)
{
	static const char *const argv[] = { "/bin/sh", "-c",
		"echo out; echo err >&2; test -t 0 || echo notty; "
		"echo $ROOST_SOCKET_DIR; exit 4",
		NULL };
	struct h_result r;
	int code = h_run(&r, argv, NULL, 0);

	H_REQUIRE(code == 4, "exit code 4, got %d", code);
	H_REQUIRE(strstr(r.out.data, "out\nnotty\n") != NULL, "stdout: %s",
	    r.out.data);
	H_REQUIRE(strstr(r.out.data, h_socket_dir()) != NULL, "socket dir: %s",
	    r.out.data);
	H_REQUIRE(strcmp(r.err.data, "err\n") == 0, "stderr: %s", r.err.data);
	h_result_free(&r);
	return H_PASS;
}

static int
harness_test_run_held_open(void)
{
	static const char *const held[] = { "/bin/sh", "-c",
		"sleep 4 & echo started", NULL };
	static const char *const clean[] = { "/bin/sh", "-c",
		"sleep 4 >/dev/null 2>&1 & echo started", NULL };
	struct h_result r;

	H_REQUIRE(h_run(&r, held, NULL, 0) == 0, "exit 0");
	H_REQUIRE(r.held_open, "a child left holding stdout is noticed");
	H_REQUIRE(
	    strcmp(r.out.data, "started\n") == 0, "stdout: %s", r.out.data);
	h_result_free(&r);
	H_REQUIRE(h_run(&r, clean, NULL, 0) == 0, "exit 0");
	H_REQUIRE(!r.held_open, "a child on /dev/null is fine");
	h_result_free(&r);
	return H_PASS;
}

static int
harness_test_wait_fails(void)
{
	struct h_term *t = h_spawn(sh_argv, NULL, 5, 20);

	H_REQUIRE(t != NULL, "spawn");
	/* A wait that must time out: the harness cannot pass blindly. */
	H_REQUIRE(h_wait_text(t, "never-printed", 300) == -1,
	    "a missing text is reported missing");
	return H_PASS;
}

int
main(void)
{
	h_init();
	h_case("harness: type and read the screen", harness_test_type_and_read);
	h_case("harness: cell attributes and recorded bytes",
	    harness_test_attributes);
	h_case("harness: resize reaches the program", harness_test_resize);
	h_case("harness: exit status and termios after exit",
	    harness_test_exit_and_termios);
	h_case("harness: run without a terminal", harness_test_run);
	h_case("harness: a command's leftover child holding its pipes",
	    harness_test_run_held_open);
	h_case("harness: a wait times out", harness_test_wait_fails);
	return h_done();
}
