/*
 * regress.c -- end-to-end cases for bugs found by trying to break roost
 * as a user would: each case is the input that showed a bug, run through
 * the real binary, read back through libvterm or -Q.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define ROWS 24
#define COLS 80

/* The status line's message (or hardstatus) contains text. */
static int
regress_pred_status(struct h_term *t, void *arg)
{
	char row[1024];

	h_row_text(t, t->rows - 1, row, sizeof row);
	return strstr(row, arg) != NULL;
}

static int
regress_wait_status(struct h_term *t, const char *text)
{
	return h_wait_for(t, regress_pred_status, (void *)text, 0);
}

/* A window whose program exits at once still closes (libutempter hid
   its SIGCHLD) and its session ends. */
static int
regress_case_quick_exit(void)
{
	struct h_result r;
	char name[32];
	int i;

	for (i = 0; i < 6; i++) {
		snprintf(name, sizeof name, "q%d", i);
		H_REQUIRE(h_roost_run(&r, "-dmS", name, "true", NULL) == 0,
		    "-dmS %s true", name);
		h_result_free(&r);
	}
	for (i = 0; i < 100; i++) {
		h_roost_run(&r, "-ls", NULL);
		if (strstr(r.out.data, ".q") == NULL) {
			h_result_free(&r);
			return H_PASS;
		}
		h_result_free(&r);
		h_sleep_ms(100);
	}
	h_roost_run(&r, "-ls", NULL);
	h_diag("sessions left: %s", r.out.data);
	h_result_free(&r);
	return H_FAIL;
}

/* The command character and bindings belong to each session. */
static int
regress_case_keys_per_session(void)
{
	struct h_term *t;
	struct h_result r;

	t = h_roost_term(ROWS, COLS, "-S", "one", NULL);
	H_REQUIRE(t != NULL, "session one");
	H_REQUIRE(h_wait_text(t, "[one]", 0) == 0, "attached");
	H_REQUIRE(h_roost_run(&r, "-dmS", "two", NULL) == 0, "session two");
	h_result_free(&r);
	H_REQUIRE(
	    h_roost_run(&r, "-S", "two", "-X", "escape", "^Ee", NULL) == 0,
	    "escape ^Ee in two");
	h_result_free(&r);
	H_REQUIRE(h_roost_run(&r, "-S", "two", "-X", "unbindall", NULL) == 0,
	    "unbindall in two");
	h_result_free(&r);
	/* C-a c still opens a window in one. */
	H_REQUIRE(h_type(t, "\001c") == 0, "C-a c");
	H_REQUIRE(regress_wait_status(t, "1*") == 0,
	    "session one kept its C-a and bindings");
	return H_PASS;
}

/* bind -c CLASS and command -c CLASS (screen(1): command classes). */
static int
regress_case_command_class(void)
{
	char *rc = h_path(h_home(), "class.rc");
	struct h_term *t;

	h_write_file(rc,
	    "bind -c demo 1 echo demo-one\n"
	    "bind ^T command -c demo\n");
	t = h_roost_term(ROWS, COLS, "-c", rc, "-S", "cls", NULL);
	free(rc);
	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_wait_text(t, "[cls]", 0) == 0, "attached");
	H_REQUIRE(h_type(t, "\001\0241") == 0, "C-a C-t 1");
	H_REQUIRE(regress_wait_status(t, "demo-one") == 0,
	    "the key ran the class's binding");
	return H_PASS;
}

/* Two sessions of one name: -r and -X refuse to guess. */
static int
regress_case_ambiguous_name(void)
{
	struct h_result r;
	struct h_term *t;
	int code, status;

	H_REQUIRE(h_roost_run(&r, "-dmS", "foo", NULL) == 0, "foo");
	h_result_free(&r);
	H_REQUIRE(h_roost_run(&r, "-dmS", "foo", NULL) == 0, "foo again");
	h_result_free(&r);
	code = h_roost_run(&r, "-S", "foo", "-X", "title", "x", NULL);
	H_REQUIRE(code == 1 && strstr(r.err.data, "several") != NULL,
	    "-X with an ambiguous name: exit %d, stderr %s", code, r.err.data);
	h_result_free(&r);
	t = h_roost_term(ROWS, COLS, "-r", "foo", NULL);
	H_REQUIRE(t != NULL, "roost -r foo in a terminal");
	H_REQUIRE(h_wait_exit(t, 0, &status) == 0 && h_exit_code(status) == 1,
	    "-r with an ambiguous name exits 1");
	H_REQUIRE(strstr(t->out.data, "several") != NULL,
	    "and lists the candidates: %s", t->out.data);
	/* A number is no session name: it would look like an id. */
	code = h_roost_run(&r, "-dmS", "123", NULL);
	H_REQUIRE(code == 1 && strstr(r.err.data, "id") != NULL,
	    "-dmS 123: exit %d, stderr %s", code, r.err.data);
	h_result_free(&r);
	return H_PASS;
}

/* After the shown window exits, C-a C-a goes to another window. */
static int
regress_case_other_after_exit(void)
{
	struct h_term *t;

	t = h_roost_term(ROWS, COLS, "-S", "oth", NULL);
	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_wait_text(t, "[oth]", 0) == 0, "attached");
	H_REQUIRE(h_type(t, "\001c") == 0, "C-a c");
	H_REQUIRE(regress_wait_status(t, "1*") == 0, "window 1");
	H_REQUIRE(h_type(t, "\001c") == 0, "C-a c");
	H_REQUIRE(regress_wait_status(t, "2*") == 0, "window 2");
	H_REQUIRE(h_type(t, "\0011") == 0, "C-a 1");
	H_REQUIRE(regress_wait_status(t, "1*") == 0, "window 1 again");
	H_REQUIRE(h_type(t, "exit\r") == 0, "exit");
	H_REQUIRE(regress_wait_status(t, "2*") == 0, "window 2 shown");
	H_REQUIRE(h_type(t, "\001\001") == 0, "C-a C-a");
	H_REQUIRE(
	    regress_wait_status(t, "0*") == 0, "the other window is window 0");
	return H_PASS;
}

/* Attaching a session from inside one of its own windows is refused. */
static int
regress_case_attach_inside(void)
{
	struct h_term *t;
	char line[1024];

	t = h_roost_term(ROWS, COLS, "-S", "self", NULL);
	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_wait_text(t, "[self]", 0) == 0, "attached");
	snprintf(line, sizeof line, "'%s' -x self; echo rc=$?\r", h_roost());
	H_REQUIRE(h_type(t, line) == 0, "roost -x self inside it");
	H_REQUIRE(h_wait_text(t, "rc=1", 0) == 0, "refused, exit 1");
	H_REQUIRE(h_wait_text(t, "itself", 0) == 0, "saying why");
	return H_PASS;
}

/* kill typed at the C-a : prompt acts at once (only C-a k asks). */
static int
regress_case_colon_kill(void)
{
	struct h_term *t;

	t = h_roost_term(ROWS, COLS, "-S", "ck", NULL);
	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_wait_text(t, "[ck]", 0) == 0, "attached");
	H_REQUIRE(h_type(t, "\001c") == 0, "C-a c");
	H_REQUIRE(regress_wait_status(t, "1*") == 0, "window 1");
	H_REQUIRE(h_type(t, "\001:kill\r") == 0, "C-a :kill");
	H_REQUIRE(regress_wait_status(t, "0*") == 0,
	    "window 1 killed without a question");
	return H_PASS;
}

/* A relative socket directory is refused, not created here. */
static int
regress_case_relative_sockdir(void)
{
	const char *env[] = { "ROOST_SOCKET_DIR=relsock", NULL };
	const char *argv[] = { NULL, "-ls", NULL };
	struct h_result r;
	int code;

	code = h_run(&r, argv, env, 0);
	H_REQUIRE(code == 1 && strstr(r.err.data, "absolute") != NULL,
	    "exit %d, stderr %s", code, r.err.data);
	h_result_free(&r);
	return H_PASS;
}

/*
 * Output of a window shown in a region without the focus is drawn at
 * once, not when the focused window next prints (screen, tmux: every
 * region is live).
 */
static int
regress_case_unfocused_region(void)
{
	const char *argv[] = { NULL, "-S", "unf", "-p", "1", "-X", "stuff",
		"echo BOT$((6*7))\n", NULL };
	struct h_result r;
	struct h_term *t;

	t = h_roost_term(ROWS, COLS, "-S", "unf", NULL);
	H_REQUIRE(t != NULL, "a session");
	H_REQUIRE(h_wait_text(t, "[unf]", 0) == 0, "attached");
	H_REQUIRE(h_type(t, "\001S") == 0, "C-a S");
	H_REQUIRE(h_type(t, "\001\t") == 0, "C-a Tab");
	H_REQUIRE(h_type(t, "\001c") == 0, "C-a c");
	H_REQUIRE(regress_wait_status(t, "1*") == 0, "window 1 below");
	H_REQUIRE(h_type(t, "\001\t") == 0, "C-a Tab");
	H_REQUIRE(regress_wait_status(t, "0*") == 0, "the focus on window 0");
	H_REQUIRE(h_run(&r, argv, NULL, 0) == 0, "-p 1 -X stuff: %s",
	    r.err.data != NULL ? r.err.data : "");
	h_result_free(&r);
	H_REQUIRE(h_wait_text(t, "BOT42", 0) == 0,
	    "window 1's output shows in its region");
	return H_PASS;
}

/*
 * A terminal wider than a display may be (PROTO_MAX_SIDE, 2000 columns)
 * is used in its left part: the window gets 2000 columns, not 3000 (at
 * 65535 x 65535 the server grew past 3 GB), and what it prints shows.
 */
static int
regress_case_huge_terminal(void)
{
	char *path = h_path(h_case_dir(), "dump"), *text;
	unsigned rows = 0, cols = 0;
	struct h_result r;
	struct h_term *t;
	FILE *fp;

	t = h_roost_term(6, 3000, "-S", "huge", NULL);
	H_REQUIRE(t != NULL, "a session in a 6x3000 terminal");
	H_REQUIRE(h_wait_text(t, "[huge]", 0) == 0, "attached");
	H_REQUIRE(h_type(t, "echo W$((6*7))\r") == 0, "echo");
	H_REQUIRE(h_wait_text(t, "W42", 0) == 0, "the window's output shows");
	H_REQUIRE(
	    h_roost_run(&r, "-S", "huge", "-X", "dumpscreen", path, NULL) == 0,
	    "dumpscreen: %s", r.err.data != NULL ? r.err.data : "");
	h_result_free(&r);
	fp = fopen(path, "r");
	H_REQUIRE(fp != NULL, "open %s", path);
	text = fgets((char[256]){ 0 }, 256, fp);
	fclose(fp);
	H_REQUIRE(
	    text != NULL && sscanf(text, "dumpscreen %u %u", &rows, &cols) == 2,
	    "a dumpscreen header");
	H_REQUIRE(rows == 5 && cols == 2000, "the window is %ux%u, not 5x2000",
	    rows, cols);
	free(path);
	return H_PASS;
}

/*
 * Options after the session's name (screen(1): -r, -R and -x take the
 * next word as the name and go on reading options): -p after it picks
 * the window, and -X after it runs the command in that session instead
 * of attaching.
 */
static int
regress_case_options_after_name(void)
{
	const char *mk[] = { NULL, "-dmS", "optafter", NULL };
	const char *win[] = { NULL, "-S", "optafter", "-X", "screen", NULL };
	struct h_result r;
	struct h_term *t;

	H_REQUIRE(h_run(&r, mk, NULL, 0) == 0, "-dmS: %s", r.err.data);
	h_result_free(&r);
	H_REQUIRE(h_wait_ls("optafter") == 0, "the session is up");
	H_REQUIRE(h_run(&r, win, NULL, 0) == 0, "-X screen: %s", r.err.data);
	h_result_free(&r);
	H_REQUIRE(h_run(&r, win, NULL, 0) == 0, "-X screen: %s", r.err.data);
	h_result_free(&r);
	t = h_roost_term(ROWS, COLS, "-r", "optafter", "-p", "1", NULL);
	H_REQUIRE(t != NULL, "roost -r optafter -p 1");
	H_REQUIRE(regress_wait_status(t, "1*") == 0, "window 1 shown");
	H_REQUIRE(h_roost_run(&r, "-x", "optafter", "-p", "1", "-X", "stuff",
		      "echo P$((6*7))\n", NULL) == 0,
	    "roost -x optafter -p 1 -X stuff: %s", r.err.data);
	h_result_free(&r);
	H_REQUIRE(h_wait_text(t, "P42", 0) == 0,
	    "the command ran in window 1 of the session");
	return H_PASS;
}

int
main(void)
{
	h_init();
	h_case("a window whose program exits at once closes",
	    regress_case_quick_exit);
	h_case("the command character and bindings are per session",
	    regress_case_keys_per_session);
	h_case("bind -c and command -c", regress_case_command_class);
	h_case("an ambiguous session name is not guessed",
	    regress_case_ambiguous_name);
	h_case("C-a C-a after the shown window exits",
	    regress_case_other_after_exit);
	h_case("attaching from inside the session is refused",
	    regress_case_attach_inside);
	h_case("kill at the prompt acts at once", regress_case_colon_kill);
	h_case("a region without the focus shows its window's output",
	    regress_case_unfocused_region);
	h_case("a terminal wider than 2000 columns is used in its left part",
	    regress_case_huge_terminal);
	h_case("options after the session's name: -r NAME -p N, -x NAME -X",
	    regress_case_options_after_name);
	h_case("a relative ROOST_SOCKET_DIR is refused",
	    regress_case_relative_sockdir);
	return h_done();
}
