/*
 * lock.c -- end-to-end cases of issue 7: the lock screen (C-a x,
 * lockscreen -s, idle) checked through the real PAM library.
 *
 * The client runs with pam_wrapper preloaded (LD_PRELOAD, PAM_WRAPPER=1)
 * and a service directory of the case's own whose "roost" service uses
 * pam_matrix with a throw-away password file, so no real password is
 * involved. Under ASan the preload would break ASan's link-order check:
 * verify_asan_link_order=0 is added to ASAN_OPTIONS (log_path kept) and
 * pam_wrapper's deep binding is turned off, as its manual asks for
 * sanitizers. Without pam_wrapper every case is skipped, loudly.
 *
 * Every byte the locked client wrote is recorded by the harness: the
 * cases check that text made in a window while locked never reached the
 * terminal before the password was given. Markers are computed by the
 * shell ($((6*7))) so the echo of a command line never satisfies a wait.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>

#include <errno.h>
#include <glob.h>
#include <poll.h>
#include <signal.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "proto/proto.h"

#define ROWS 24
#define COLS 80

#define LOCK_PASSWORD "pa55-w0rd"

/* The pam_wrapper pieces, found once. */
static char lock_wrapper[1024];
static char lock_matrix[1024];

/* The first path matching pattern into buf; 0, or -1. */
static int
lock_glob(const char *pattern, char *buf, size_t size)
{
	glob_t g;
	int rv = -1;

	if (glob(pattern, 0, NULL, &g) == 0 && g.gl_pathc > 0) {
		snprintf(buf, size, "%s", g.gl_pathv[0]);
		rv = 0;
	}
	globfree(&g);
	return rv;
}

static int
lock_find_wrapper(void)
{
	if (lock_wrapper[0] != '\0')
		return 0;
	if (lock_glob("/usr/lib/*/libpam_wrapper.so*", lock_wrapper,
		sizeof lock_wrapper) != 0 &&
	    lock_glob("/usr/lib*/libpam_wrapper.so*", lock_wrapper,
		sizeof lock_wrapper) != 0)
		return -1;
	if (lock_glob("/usr/lib/*/pam_wrapper/pam_matrix.so", lock_matrix,
		sizeof lock_matrix) != 0 &&
	    lock_glob("/usr/lib*/pam_wrapper/pam_matrix.so", lock_matrix,
		sizeof lock_matrix) != 0) {
		lock_wrapper[0] = '\0';
		return -1;
	}
	return 0;
}

static const char *
lock_user(void)
{
	struct passwd *pw = getpwuid(getuid());

	return pw != NULL ? pw->pw_name : "root";
}

/* What the PAM directory of a case holds. */
enum lock_pam {
	LOCK_PAM_ROOST,	 /* a "roost" service: pam_matrix */
	LOCK_PAM_OTHER,	 /* only "other": the fallback */
	LOCK_PAM_BROKEN, /* "roost" names a module that does not exist */
};

/* The environment of a client that may lock: static strings. */
static char lock_env_buf[8][4096];
static const char *lock_env[10];

/* Make the case's PAM directory and the client's environment. */
static const char *const *
lock_setup(enum lock_pam kind)
{
	char *dir = h_path(h_case_dir(), "pam.d");
	char *passdb = h_path(h_case_dir(), "passdb");
	char *path, line[16384];
	const char *asan = getenv("ASAN_OPTIONS");
	const char *service = kind == LOCK_PAM_OTHER ? "other" : "roost";
	int n = 0;

	mkdir(dir, 0700);
	/* pam_matrix checks the service asked for: roost, whatever file. */
	snprintf(
	    line, sizeof line, "%s:%s:roost\n", lock_user(), LOCK_PASSWORD);
	h_write_file(passdb, line);
	if (kind == LOCK_PAM_BROKEN)
		snprintf(line, sizeof line,
		    "auth required %s/pam_roost_no_such_module.so\n"
		    "account required %s/pam_roost_no_such_module.so\n",
		    h_case_dir(), h_case_dir());
	else
		snprintf(line, sizeof line,
		    "auth required %s passdb=%s\n"
		    "account required %s passdb=%s\n",
		    lock_matrix, passdb, lock_matrix, passdb);
	path = h_path(dir, service);
	h_write_file(path, line);
	free(path);

	snprintf(lock_env_buf[n], sizeof lock_env_buf[n], "LD_PRELOAD=%s",
	    lock_wrapper);
	n++;
	snprintf(lock_env_buf[n], sizeof lock_env_buf[n], "PAM_WRAPPER=1");
	n++;
	snprintf(lock_env_buf[n], sizeof lock_env_buf[n],
	    "PAM_WRAPPER_SERVICE_DIR=%s", dir);
	n++;
	snprintf(lock_env_buf[n], sizeof lock_env_buf[n],
	    "PAM_WRAPPER_DISABLE_DEEPBIND=1");
	n++;
	/* pam_wrapper 1.1.4 reads this name for the same switch. */
	snprintf(lock_env_buf[n], sizeof lock_env_buf[n],
	    "UID_WRAPPER_DISABLE_DEEPBIND=1");
	n++;
	snprintf(lock_env_buf[n], sizeof lock_env_buf[n],
	    "ASAN_OPTIONS=%s%sverify_asan_link_order=0", asan ? asan : "",
	    asan && *asan ? ":" : "");
	n++;
	for (int i = 0; i < n; i++)
		lock_env[i] = lock_env_buf[i];
	lock_env[n] = NULL;
	free(dir);
	free(passdb);
	return lock_env;
}

/* roost with args in a terminal, with the PAM environment. */
static struct h_term *
lock_client(const char *a1, const char *a2)
{
	const char *argv[] = { NULL, a1, a2, NULL };

	return h_spawn(argv, lock_env, ROWS, COLS);
}

/* roost -X words... (no terminal); its exit code. */
static int
lock_x(const char *session, const char *w1, const char *w2, const char *w3)
{
	struct h_result r;
	int code;

	code = h_roost_run(&r, "-S", session, "-X", w1, w2, w3, NULL);
	if (code != 0)
		h_diag("roost -X %s: exit %d, stderr %s", w1, code, r.err.data);
	h_result_free(&r);
	return code;
}

static int
lock_start_session(const char *name)
{
	struct h_result r;
	int code;

	code = h_roost_run(&r, "-dmS", name, "/bin/sh", "-c",
	    "echo window-mark-$((6*7)); exec /bin/sh", NULL);
	if (code != 0)
		h_diag("roost -dmS %s: exit %d, stderr %s", name, code,
		    r.err.data);
	h_result_free(&r);
	return code == 0 ? 0 : -1;
}

/* Wait for the lock screen and its password prompt. */
static int
lock_wait_prompt(struct h_term *t)
{
	if (h_wait_text(t, "is locked", 0) != 0)
		return -1;
	return h_wait_text(t, "Password:", 0);
}

/* 1 when the bytes written from `from` on hold text. */
static int
lock_wrote(struct h_term *t, const char *text, size_t from)
{
	h_pump(t, 0);
	return h_output_has(t, text, strlen(text), from);
}

#define LOCK_SKIP_NO_WRAPPER()                                       \
	H_SKIP_IF(lock_find_wrapper() != 0,                          \
	    "pam_wrapper (libpam_wrapper.so, pam_matrix.so) is not " \
	    "installed: sh contrib/install-deps.sh test")

static int
lock_case_unlock(void)
{
	struct h_term *t;
	size_t from;

	LOCK_SKIP_NO_WRAPPER();
	lock_setup(LOCK_PAM_ROOST);
	H_REQUIRE(lock_start_session("lk") == 0, "start");
	t = lock_client("-r", "lk");
	H_REQUIRE(t != NULL, "spawn roost -r lk");
	H_REQUIRE(h_wait_text(t, "window-mark-42", 0) == 0, "the window shows");
	from = t->out.len;
	H_REQUIRE(h_type(t, "\001x") == 0, "type C-a x");
	H_REQUIRE(lock_wait_prompt(t) == 0, "the lock screen asks");
	H_REQUIRE(h_wait_gone(t, "window-mark-42", 0) == 0,
	    "the window is gone from the terminal");
	H_REQUIRE(h_wait_text(t, lock_user(), 0) == 0, "it names the user");
	H_REQUIRE(h_wait_text(t, "lockscreen off", 0) == 0,
	    "it says how to unlock from another shell");
	H_REQUIRE(h_type(t, LOCK_PASSWORD "\r") == 0, "type the password");
	H_REQUIRE(
	    h_wait_text(t, "window-mark-42", 0) == 0, "the window shows again");
	H_REQUIRE(h_wait_gone(t, "is locked", 0) == 0, "the lock screen went");
	H_REQUIRE(h_type(t, "echo after-$((7+7))\r") == 0, "type");
	H_REQUIRE(h_wait_text(t, "after-14", 0) == 0, "the window takes keys");
	H_REQUIRE(!lock_wrote(t, LOCK_PASSWORD, from),
	    "the password was never echoed");
	return H_PASS;
}

static int
lock_case_wrong(void)
{
	struct h_term *t;
	size_t from;
	char *screen;

	LOCK_SKIP_NO_WRAPPER();
	lock_setup(LOCK_PAM_ROOST);
	H_REQUIRE(lock_start_session("lk") == 0, "start");
	t = lock_client("-r", "lk");
	H_REQUIRE(t != NULL, "spawn roost -r lk");
	H_REQUIRE(h_wait_text(t, "window-mark-42", 0) == 0, "the window shows");
	from = t->out.len;
	H_REQUIRE(h_type(t, "\001x") == 0, "type C-a x");
	H_REQUIRE(lock_wait_prompt(t) == 0, "the lock screen asks");
	/* Output made in the window while locked. */
	H_REQUIRE(lock_x("lk", "stuff", "echo secret-$((5*5))\\n", NULL) == 0,
	    "-X stuff");
	H_REQUIRE(h_type(t, "not-the-password\r") == 0, "type a wrong one");
	H_REQUIRE(h_wait_text(t, "Authentication failed", 0) == 0,
	    "refused: Authentication failed");
	H_REQUIRE(h_wait_text(t, "Password:", 0) == 0, "and asked again");
	h_sleep_ms(300);
	screen = h_screen_text(t);
	H_REQUIRE(strstr(screen, "is locked") != NULL, "still locked");
	free(screen);
	H_REQUIRE(!lock_wrote(t, "secret-25", from) &&
		!lock_wrote(t, "secret-$((", from),
	    "nothing of the window reached the locked terminal");
	H_REQUIRE(!lock_wrote(t, "not-the-password", from),
	    "the password was not echoed");
	H_REQUIRE(h_type(t, LOCK_PASSWORD "\r") == 0, "type the password");
	H_REQUIRE(h_wait_text(t, "secret-25", 0) == 0,
	    "what the window printed while locked shows after unlocking");
	return H_PASS;
}

static int
lock_case_three_wrong(void)
{
	struct h_term *t;
	int i;

	LOCK_SKIP_NO_WRAPPER();
	lock_setup(LOCK_PAM_ROOST);
	H_REQUIRE(lock_start_session("lk") == 0, "start");
	t = lock_client("-r", "lk");
	H_REQUIRE(t != NULL, "spawn roost -r lk");
	H_REQUIRE(h_wait_text(t, "window-mark-42", 0) == 0, "the window shows");
	H_REQUIRE(h_type(t, "\001\030") == 0, "type C-a C-x");
	H_REQUIRE(lock_wait_prompt(t) == 0, "the lock screen asks");
	for (i = 0; i < 3; i++) {
		char typed[64], said[64];

		snprintf(typed, sizeof typed, "wrong-%d\r", i);
		H_REQUIRE(h_type(t, typed) == 0, "type a wrong password");
		if (i == 0)
			snprintf(said, sizeof said, "Authentication failed.");
		else
			snprintf(said, sizeof said, "(%d in a row)", i + 1);
		H_REQUIRE(h_wait_text(t, said, 0) == 0,
		    "failure %d refused: %s", i + 1, said);
		if (i < 2)
			H_REQUIRE(h_wait_text(t, "Password:", 0) == 0,
			    "asked again after failure %d", i + 1);
	}
	/* The third failure in a row costs a wait; keys typed meanwhile
	   are dropped. */
	H_REQUIRE(h_wait_text(t, "(3 in a row); wait 1 s", 0) == 0,
	    "the third failure makes the user wait");
	H_REQUIRE(h_wait_gone(t, "(3 in a row)", 0) == 0, "the wait ends");
	H_REQUIRE(h_wait_text(t, "Password:", 0) == 0, "asked again");
	H_REQUIRE(h_type(t, LOCK_PASSWORD "\r") == 0, "type the password");
	H_REQUIRE(
	    h_wait_text(t, "window-mark-42", 0) == 0, "the right one unlocks");
	return H_PASS;
}

static int
lock_case_session(void)
{
	struct h_term *t1, *t2, *t3;
	char *screen;

	LOCK_SKIP_NO_WRAPPER();
	lock_setup(LOCK_PAM_ROOST);
	H_REQUIRE(lock_start_session("lk") == 0, "start");
	H_REQUIRE(
	    lock_x("lk", "lockscreen", "-s", NULL) == 0, "-X lockscreen -s");

	/* -r of the locked session: the lock screen, never the window. */
	t1 = lock_client("-r", "lk");
	H_REQUIRE(t1 != NULL, "spawn roost -r lk");
	H_REQUIRE(lock_wait_prompt(t1) == 0, "-r shows the lock screen");
	H_REQUIRE(h_wait_text(t1, "session", 0) == 0, "a session-wide lock");
	h_sleep_ms(300);
	H_REQUIRE(!lock_wrote(t1, "window-mark-42", 0),
	    "no window content reached the new client");
	H_REQUIRE(h_type(t1, LOCK_PASSWORD "\r") == 0, "type the password");
	H_REQUIRE(
	    h_wait_text(t1, "window-mark-42", 0) == 0, "the password opens it");

	/* -x while the session is locked again. */
	H_REQUIRE(
	    lock_x("lk", "lockscreen", "-s", NULL) == 0, "-X lockscreen -s");
	H_REQUIRE(lock_wait_prompt(t1) == 0, "the attached display locks");
	t2 = lock_client("-x", "lk");
	H_REQUIRE(t2 != NULL, "spawn roost -x lk");
	H_REQUIRE(lock_wait_prompt(t2) == 0, "-x shows the lock screen");
	h_sleep_ms(300);
	H_REQUIRE(!lock_wrote(t2, "window-mark-42", 0),
	    "no window content reached the -x client");
	H_REQUIRE(h_type(t2, LOCK_PASSWORD "\r") == 0, "type the password");
	H_REQUIRE(h_wait_text(t2, "window-mark-42", 0) == 0,
	    "the password opens the -x display");
	screen = h_screen_text(t1);
	H_REQUIRE(strstr(screen, "is locked") != NULL,
	    "the other display stays locked until its own user types");
	free(screen);

	/* A display lock, and the display killed: the next attach locks. */
	H_REQUIRE(
	    lock_x("lk", "lockscreen", "off", NULL) == 0, "-X lockscreen off");
	H_REQUIRE(h_wait_text(t1, "window-mark-42", 0) == 0,
	    "-X lockscreen off lifts the lock");
	H_REQUIRE(h_type(t2, "\001x") == 0, "C-a x on the second display");
	H_REQUIRE(lock_wait_prompt(t2) == 0, "it locks");
	h_kill(t2, SIGKILL);
	h_close(t2);
	H_REQUIRE(h_type(t1, "\001d") == 0, "detach the first");
	H_REQUIRE(h_wait_ls("Detached") == 0, "the session is detached");
	t3 = lock_client("-r", "lk");
	H_REQUIRE(t3 != NULL, "spawn roost -r lk");
	H_REQUIRE(lock_wait_prompt(t3) == 0,
	    "a killed locked display leaves the session locked");
	h_sleep_ms(300);
	H_REQUIRE(!lock_wrote(t3, "window-mark-42", 0),
	    "no window content reached the new client");
	return H_PASS;
}

static int
lock_case_walk_around(void)
{
	struct h_term *t1, *t2, *t3;
	int status;

	LOCK_SKIP_NO_WRAPPER();
	lock_setup(LOCK_PAM_ROOST);
	H_REQUIRE(lock_start_session("lk") == 0, "start");
	t1 = lock_client("-r", "lk");
	H_REQUIRE(t1 != NULL, "spawn roost -r lk");
	H_REQUIRE(
	    h_wait_text(t1, "window-mark-42", 0) == 0, "the window shows");
	H_REQUIRE(h_type(t1, "\001x") == 0, "type C-a x");
	H_REQUIRE(lock_wait_prompt(t1) == 0, "the display locks");

	/* Another display next to a locked one is locked too. */
	t2 = lock_client("-x", "lk");
	H_REQUIRE(t2 != NULL, "spawn roost -x lk");
	H_REQUIRE(
	    lock_wait_prompt(t2) == 0, "-x next to a locked display locks");
	h_sleep_ms(300);
	H_REQUIRE(!lock_wrote(t2, "window-mark-42", 0),
	    "no window content reached the -x client");
	h_close(t2);

	/* Stealing the session detaches the locked display: still locked. */
	t3 = lock_client("-d", "-r");
	H_REQUIRE(t3 != NULL, "spawn roost -d -r");
	H_REQUIRE(
	    h_wait_exit(t1, 0, &status) == 0, "the locked display is detached");
	H_REQUIRE(lock_wait_prompt(t3) == 0, "-d -r shows the lock screen");
	h_sleep_ms(300);
	H_REQUIRE(!lock_wrote(t3, "window-mark-42", 0),
	    "no window content reached the -d -r client");
	H_REQUIRE(h_type(t3, LOCK_PASSWORD "\r") == 0, "type the password");
	H_REQUIRE(
	    h_wait_text(t3, "window-mark-42", 0) == 0, "the password opens it");
	return H_PASS;
}

static int
lock_case_small(void)
{
	struct h_term *t;

	LOCK_SKIP_NO_WRAPPER();
	lock_setup(LOCK_PAM_ROOST);
	H_REQUIRE(lock_start_session("lk") == 0, "start");
	t = lock_client("-r", "lk");
	H_REQUIRE(t != NULL, "spawn roost -r lk");
	H_REQUIRE(h_wait_text(t, "window-mark-42", 0) == 0, "the window shows");
	H_REQUIRE(h_type(t, "\001x") == 0, "type C-a x");
	H_REQUIRE(lock_wait_prompt(t) == 0, "locked");
	H_REQUIRE(h_resize(t, 6, 40) == 0, "resize the terminal to 6x40");
	H_REQUIRE(h_wait_row(t, 5, "  Password:", 0) == 0,
	    "the prompt moves to the last row");
	H_REQUIRE(h_type(t, LOCK_PASSWORD "\r") == 0, "type the password");
	H_REQUIRE(h_wait_text(t, "window-mark-42", 0) == 0,
	    "unlocked at the new size");
	return H_PASS;
}

static int
lock_case_off(void)
{
	struct h_term *t;

	LOCK_SKIP_NO_WRAPPER();
	lock_setup(LOCK_PAM_ROOST);
	H_REQUIRE(lock_start_session("lk") == 0, "start");
	H_REQUIRE(lock_x("lk", "lockscreen", NULL, NULL) == 0,
	    "-X lockscreen (no display: the session)");
	t = lock_client("-r", "lk");
	H_REQUIRE(t != NULL, "spawn roost -r lk");
	H_REQUIRE(lock_wait_prompt(t) == 0, "locked");
	H_REQUIRE(
	    lock_x("lk", "lockscreen", "off", NULL) == 0, "-X lockscreen off");
	H_REQUIRE(h_wait_text(t, "window-mark-42", 0) == 0,
	    "the window shows without a password");
	H_REQUIRE(h_type(t, "echo free-$((3+4))\r") == 0, "type");
	H_REQUIRE(h_wait_text(t, "free-7", 0) == 0, "the window takes keys");
	return H_PASS;
}

static int
lock_case_idle(void)
{
	struct h_term *t;

	LOCK_SKIP_NO_WRAPPER();
	lock_setup(LOCK_PAM_ROOST);
	H_REQUIRE(lock_start_session("lk") == 0, "start");
	H_REQUIRE(lock_x("lk", "idle", "3", "lockscreen") == 0,
	    "-X idle 3 lockscreen");
	t = lock_client("-r", "lk");
	H_REQUIRE(t != NULL, "spawn roost -r lk");
	H_REQUIRE(h_wait_text(t, "window-mark-42", 0) == 0, "the window shows");
	H_REQUIRE(lock_wait_prompt(t) == 0,
	    "three seconds without input lock the display");
	H_REQUIRE(h_type(t, LOCK_PASSWORD "\r") == 0, "type the password");
	H_REQUIRE(h_wait_text(t, "window-mark-42", 0) == 0, "unlocked");
	H_REQUIRE(lock_x("lk", "idle", "off", NULL) == 0, "-X idle off");
	return H_PASS;
}

static int
lock_case_pam_error(void)
{
	struct h_term *t;
	char *screen;

	LOCK_SKIP_NO_WRAPPER();
	lock_setup(LOCK_PAM_BROKEN);
	H_REQUIRE(lock_start_session("lk") == 0, "start");
	t = lock_client("-r", "lk");
	H_REQUIRE(t != NULL, "spawn roost -r lk");
	H_REQUIRE(h_wait_text(t, "window-mark-42", 0) == 0, "the window shows");
	H_REQUIRE(h_type(t, "\001x") == 0, "type C-a x");
	H_REQUIRE(h_wait_text(t, "is locked", 0) == 0, "locked");
	H_REQUIRE(
	    h_wait_text(t, "PAM error", 0) == 0, "a clear message about PAM");
	H_REQUIRE(h_type(t, "\r") == 0, "Enter tries again");
	H_REQUIRE(h_type(t, LOCK_PASSWORD "\r") == 0, "type something");
	h_sleep_ms(500);
	H_REQUIRE(h_wait_text(t, "PAM error", 0) == 0, "the error stays");
	screen = h_screen_text(t);
	H_REQUIRE(strstr(screen, "is locked") != NULL &&
		strstr(screen, "window-mark-42") == NULL,
	    "never unlocked on an error");
	free(screen);
	H_REQUIRE(
	    lock_x("lk", "lockscreen", "off", NULL) == 0, "-X lockscreen off");
	H_REQUIRE(h_wait_text(t, "window-mark-42", 0) == 0,
	    "-X lockscreen off is the way out");
	return H_PASS;
}

static int
lock_case_fallback(void)
{
	struct h_term *t;

	LOCK_SKIP_NO_WRAPPER();
	lock_setup(LOCK_PAM_OTHER);
	H_REQUIRE(lock_start_session("lk") == 0, "start");
	t = lock_client("-r", "lk");
	H_REQUIRE(t != NULL, "spawn roost -r lk");
	H_REQUIRE(h_wait_text(t, "window-mark-42", 0) == 0, "the window shows");
	H_REQUIRE(h_type(t, "\001x") == 0, "type C-a x");
	H_REQUIRE(lock_wait_prompt(t) == 0, "locked");
	H_REQUIRE(h_wait_text(t, "no PAM service \"roost\"", 0) == 0,
	    "the fallback to \"other\" is said");
	H_REQUIRE(h_type(t, LOCK_PASSWORD "\r") == 0, "type the password");
	H_REQUIRE(h_wait_text(t, "window-mark-42", 0) == 0,
	    "the service \"other\" unlocks");
	return H_PASS;
}

static int
lock_case_signals(void)
{
	struct h_term *t;
	char *screen, *p;
	int n = 0;

	LOCK_SKIP_NO_WRAPPER();
	lock_setup(LOCK_PAM_ROOST);
	H_REQUIRE(lock_start_session("lk") == 0, "start");
	t = lock_client("-r", "lk");
	H_REQUIRE(t != NULL, "spawn roost -r lk");
	H_REQUIRE(h_wait_text(t, "window-mark-42", 0) == 0, "the window shows");
	H_REQUIRE(h_type(t, "cat\r") == 0, "run cat in the window");
	h_sleep_ms(300);
	H_REQUIRE(h_type(t, "\001x") == 0, "type C-a x");
	H_REQUIRE(lock_wait_prompt(t) == 0, "locked");
	H_REQUIRE(h_type(t, "\003\032\034") == 0, "type C-c C-z C-\\");
	h_sleep_ms(300);
	H_REQUIRE(!t->exited, "the client is still running");
	screen = h_screen_text(t);
	H_REQUIRE(strstr(screen, "is locked") != NULL, "still locked");
	free(screen);
	H_REQUIRE(h_type(t, LOCK_PASSWORD "\r") == 0, "type the password");
	H_REQUIRE(h_wait_gone(t, "is locked", 0) == 0, "unlocked");
	H_REQUIRE(h_type(t, "alive-cat\r") == 0, "type into cat");
	H_REQUIRE(h_wait_text(t, "alive-cat", 0) == 0, "echo");
	h_sleep_ms(300);
	h_pump(t, 100);
	screen = h_screen_text(t);
	for (p = screen; (p = strstr(p, "alive-cat")) != NULL; p++)
		n++;
	H_REQUIRE(n == 2 && strstr(screen, "not found") == NULL,
	    "cat got no signal: it echoes the line (%d copies)", n);
	H_REQUIRE(strstr(screen, LOCK_PASSWORD) == NULL,
	    "the password never reached the window");
	free(screen);
	return H_PASS;
}

static int
lock_case_lockprg(void)
{
	const char *argv[] = { NULL, "-r", "lk", NULL };
	const char *env[] = { "LOCKPRG=read x; test \"$x\" = open-sesame",
		NULL };
	struct h_term *t;

	H_REQUIRE(lock_start_session("lk") == 0, "start");
	t = h_spawn(argv, env, ROWS, COLS);
	H_REQUIRE(t != NULL, "spawn roost -r lk with LOCKPRG");
	H_REQUIRE(h_wait_text(t, "window-mark-42", 0) == 0, "the window shows");
	H_REQUIRE(h_type(t, "\001x") == 0, "type C-a x");
	H_REQUIRE(
	    h_wait_gone(t, "window-mark-42", 0) == 0, "the window is gone");
	h_sleep_ms(500);
	H_REQUIRE(h_type(t, "wrong\r") == 0, "type a wrong word");
	H_REQUIRE(h_wait_text(t, "LOCKPRG exited with status 1", 0) == 0,
	    "LOCKPRG's failure keeps the lock");
	H_REQUIRE(h_type(t, "\r") == 0, "Enter runs it again");
	h_sleep_ms(500);
	H_REQUIRE(h_type(t, "open-sesame\r") == 0, "type the right word");
	H_REQUIRE(h_wait_text(t, "window-mark-42", 0) == 0,
	    "LOCKPRG's exit status 0 unlocks");
	return H_PASS;
}

/* A raw protocol client: connect to the case's server socket. */
static int
lock_raw_connect(void)
{
	struct sockaddr_un sun;
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd == -1)
		return -1;
	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	snprintf(
	    sun.sun_path, sizeof sun.sun_path, "%s/server", h_socket_dir());
	if (connect(fd, (struct sockaddr *)&sun, sizeof sun) == -1) {
		h_diag("connect %s: %s", sun.sun_path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* Write what b holds to fd and empty it. 0, or -1. */
static int
lock_raw_send(int fd, struct proto_buf *b)
{
	int rv = write(fd, b->data, b->len) == (ssize_t)b->len ? 0 : -1;

	b->len = 0;
	return rv;
}

/*
 * Read messages from fd for up to ms, appending their types to
 * types[*n] (at most max). Stops early after a message of type `until`
 * (0: never). Returns 0, or -1 at EOF or on a malformed stream.
 */
static int
lock_raw_read(int fd, struct h_bytes *in, uint32_t *types, size_t *n,
    size_t max, uint32_t until, int ms)
{
	long long end = h_now_ms() + ms;
	struct pollfd pfd = { fd, POLLIN, 0 };
	const uint8_t *payload;
	char buf[4096];
	uint32_t type;
	size_t len;
	ssize_t got;
	int m;

	for (;;) {
		while ((m = proto_next_message(
			    in->data, in->len, &type, &payload, &len)) == 1) {
			if (*n < max)
				types[(*n)++] = type;
			memmove(in->data, in->data + PROTO_HEADER_SIZE + len,
			    in->len - PROTO_HEADER_SIZE - len);
			in->len -= PROTO_HEADER_SIZE + len;
			if (type == until)
				return 0;
		}
		if (m == -1 || h_now_ms() >= end)
			return m == -1 ? -1 : 0;
		if (poll(&pfd, 1, 50) <= 0)
			continue;
		got = read(fd, buf, sizeof buf);
		if (got <= 0)
			return -1;
		h_bytes_add(in, buf, (size_t)got);
	}
}

/* Where in types[0..n) type first is, or -1. */
static int
lock_raw_find(const uint32_t *types, size_t n, uint32_t type)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (types[i] == type)
			return (int)i;
	return -1;
}

static int
lock_case_raw(void)
{
	static const char *argv[] = { "attach", "-x", "-s", "lk", "--" };
	struct proto_hello hello = { .version = PROTO_VERSION };
	struct proto_identify id;
	struct proto_buf b;
	struct h_bytes in = { 0 };
	struct h_term *t;
	uint32_t types[4096];
	size_t n = 0;
	int fd, at, lock, frame;
	char *env[] = { NULL };

	H_REQUIRE(lock_start_session("lk") == 0, "start");
	H_REQUIRE(
	    lock_x("lk", "lockscreen", "-s", NULL) == 0, "-X lockscreen -s");
	fd = lock_raw_connect();
	H_REQUIRE(fd != -1, "connect");
	proto_buf_init(&b);
	snprintf(hello.program, sizeof hello.program, "lock-test");
	proto_hello_encode(&b, &hello);
	memset(&id, 0, sizeof id);
	id.rows = ROWS;
	id.cols = COLS;
	id.term = (char *)"xterm";
	id.cwd = (char *)"/";
	id.tty = (char *)"";
	id.env = env;
	proto_identify_encode(&b, &id);
	proto_strings_encode(&b, PROTO_COMMAND, argv, 5);
	H_REQUIRE(lock_raw_send(fd, &b) == 0, "send HELLO, IDENTIFY, attach");
	H_REQUIRE(lock_raw_read(
		      fd, &in, types, &n, 4096, PROTO_LOCK, H_TIMEOUT_MS) == 0,
	    "the server answers");
	at = lock_raw_find(types, n, PROTO_ATTACHED);
	lock = lock_raw_find(types, n, PROTO_LOCK);
	frame = lock_raw_find(types, n, PROTO_FRAME);
	H_REQUIRE(at != -1 && lock > at, "ATTACHED, then LOCK");
	H_REQUIRE(frame == -1, "no FRAME before LOCK");

	/* Keys from the locked display never reach the window. */
	proto_msg_begin(&b, PROTO_INPUT);
	proto_put_bytes(&b, "echo leaked-$((8*8))\r", 20);
	proto_msg_end(&b);
	H_REQUIRE(lock_raw_send(fd, &b) == 0, "send INPUT");
	H_REQUIRE(lock_raw_read(fd, &in, types, &n, 4096, 0, 1000) == 0,
	    "the connection stays");
	H_REQUIRE(lock_raw_find(types, n, PROTO_FRAME) == -1,
	    "still no FRAME while locked");

	H_REQUIRE(
	    lock_x("lk", "lockscreen", "off", NULL) == 0, "-X lockscreen off");
	n = 0;
	H_REQUIRE(lock_raw_read(
		      fd, &in, types, &n, 4096, PROTO_FRAME, H_TIMEOUT_MS) == 0,
	    "read after unlocking");
	H_REQUIRE(lock_raw_find(types, n, PROTO_UNLOCKED) != -1 &&
		lock_raw_find(types, n, PROTO_FRAME) >
		    lock_raw_find(types, n, PROTO_UNLOCKED),
	    "UNLOCKED, then frames");

	t = h_roost_term(ROWS, COLS, "-x", "lk", NULL);
	H_REQUIRE(t != NULL, "spawn roost -x lk");
	H_REQUIRE(h_wait_text(t, "window-mark-42", 0) == 0, "the window shows");
	H_REQUIRE(h_type(t, "echo typed-$((9*9))\r") == 0, "type");
	H_REQUIRE(h_wait_text(t, "typed-81", 0) == 0, "the shell answers");
	H_REQUIRE(!lock_wrote(t, "leaked-64", 0),
	    "the locked display's INPUT never reached the window");
	close(fd);
	proto_buf_free(&b);
	free(in.data);
	return H_PASS;
}

int
main(void)
{
	h_init();
	if (lock_find_wrapper() != 0) {
		printf(
		    "##########################################################"
		    "\n"
		    "# WARNING: pam_wrapper is not installed: the PAM cases\n"
		    "# of the lock screen are skipped.\n"
		    "##########################################################"
		    "\n");
	}
	h_case("C-a x locks; the password unlocks and the window returns",
	    lock_case_unlock);
	h_case("a wrong password is refused; nothing of the window reaches "
	       "the locked terminal",
	    lock_case_wrong);
	h_case(
	    "three wrong passwords, then the right one", lock_case_three_wrong);
	h_case("lockscreen -s blocks -r and -x until the password; a killed "
	       "locked display leaves the session locked",
	    lock_case_session);
	h_case("a locked display cannot be walked around with -x or -d -r",
	    lock_case_walk_around);
	h_case("-X lockscreen off lifts the lock", lock_case_off);
	h_case("a terminal resized to 6 rows while locked keeps the prompt",
	    lock_case_small);
	h_case("idle 3 lockscreen locks an idle display", lock_case_idle);
	h_case("a PAM service that errors says so and stays locked",
	    lock_case_pam_error);
	h_case("no roost PAM service: falls back to other and says so",
	    lock_case_fallback);
	h_case("C-c, C-z, C-\\ while locked do nothing", lock_case_signals);
	h_case(
	    "LOCKPRG runs instead of PAM; status 0 unlocks", lock_case_lockprg);
	h_case("protocol: LOCK before any FRAME, a locked display's INPUT "
	       "ignored, UNLOCKED then frames",
	    lock_case_raw);
	return h_done();
}
