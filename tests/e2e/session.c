/*
 * session.c -- end-to-end cases of issue 2: sessions started, listed,
 * detached and reattached through roost's command line (GNU screen's
 * flags, see doc/ and the README), the socket directory's rules, the
 * protocol version handshake, the terminal restored after detach, and the
 * windows' environment. Every case runs the real binary ($ROOST_BIN) in a
 * private socket directory; screens are read through libvterm.
 *
 * Commands typed into windows compute their marker text ($((6*7))) so
 * that the echo of the command line never satisfies a wait by itself.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "harness.h"
#include "proto/proto.h"

#define ROWS 24
#define COLS 80

/* Start a detached session running the default shell or argv. */
static int
session_start_detached(const char *name)
{
	struct h_result r;
	int code = h_roost_run(&r, "-dmS", name, NULL);

	if (code != 0)
		h_diag("roost -dmS %s: exit %d, stdout \"%s\", stderr \"%s\"",
		    name, code, r.out.data, r.err.data);
	h_result_free(&r);
	return code == 0 ? 0 : -1;
}

/* Poll `roost -ls` until its output contains text (the server may take a
   moment to notice a client gone). 0, or -1 with a diagnostic. */
static int
session_wait_ls(const char *text)
{
	long long end = h_now_ms() + H_TIMEOUT_MS;
	struct h_result r;

	for (;;) {
		h_roost_run(&r, "-ls", NULL);
		if (strstr(r.out.data, text) != NULL) {
			h_result_free(&r);
			return 0;
		}
		if (h_now_ms() >= end) {
			h_diag("roost -ls never showed \"%s\"; last stdout:\n%s"
			       "stderr: %s",
			    text, r.out.data, r.err.data);
			h_result_free(&r);
			return -1;
		}
		h_result_free(&r);
		h_sleep_ms(100);
	}
}

/* Count the session lines ("\tID.NAME\t...") of -ls output. */
static int
session_ls_lines(const char *out)
{
	const char *p;
	int n = 0;

	for (p = out; (p = strchr(p, '\n')) != NULL; p++)
		if (p[1] == '\t')
			n++;
	return n;
}

static int
session_case_dms_returns(void)
{
	struct h_result r;
	int code = h_roost_run(&r, "-dmS", "bg", NULL);

	H_REQUIRE(
	    code == 0, "roost -dmS bg: exit %d, stderr: %s", code, r.err.data);
	/* `ssh host roost -dmS job` hangs if the server keeps them. */
	H_REQUIRE(!r.held_open,
	    "the server keeps no copy of the client's stdout and stderr");
	h_result_free(&r);
	H_REQUIRE(h_wait_ls("bg") == 0, "the session runs");
	return H_PASS;
}

static int
session_case_detached_reattach(void)
{
	struct h_result r;
	struct h_term *t;
	int code;

	/* The output is produced while no client is attached. */
	code = h_roost_run(&r, "-dmS", "job", "/bin/sh", "-c",
	    "echo made-while-detached-$((6*7)); exec /bin/sh", NULL);
	H_REQUIRE(
	    code == 0, "roost -dmS job: exit %d, stderr: %s", code, r.err.data);
	h_result_free(&r);
	H_REQUIRE(h_server_pid() > 0, "server.lock names the server");
	H_REQUIRE(session_wait_ls("job") == 0, "-ls lists job");
	H_REQUIRE(session_wait_ls("Detached") == 0, "job is detached");

	t = h_roost_term(ROWS, COLS, "-r", "job", NULL);
	H_REQUIRE(t != NULL, "spawn roost -r job");
	H_REQUIRE(h_wait_text(t, "made-while-detached-42", 0) == 0,
	    "the window shows what was written while detached");
	H_REQUIRE(h_type(t, "echo live-$((20+3))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "live-23", 0) == 0, "the shell answers");
	return H_PASS;
}

static int
session_case_detach_key(void)
{
	struct h_term *t = h_roost_term(ROWS, COLS, "-S", "det", NULL);
	int status;

	H_REQUIRE(t != NULL, "spawn roost -S det");
	H_REQUIRE(h_type(t, "echo up-$((40+2))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "up-42", 0) == 0, "the shell runs");
	H_REQUIRE(h_type(t, "\001d") == 0, "type C-a d");
	H_REQUIRE(h_wait_exit(t, 0, &status) == 0, "the client exits");
	H_REQUIRE(h_exit_code(status) == 0, "exit status 0, got %d",
	    h_exit_code(status));
	H_REQUIRE(h_wait_output(t, "[detached from ", 0) == 0,
	    "prints [detached from ...]");
	H_REQUIRE(h_wait_output(t, "det]", 0) == 0, "naming the session");
	H_REQUIRE(session_wait_ls("Detached") == 0, "the session lives on");
	return H_PASS;
}

static int
session_case_multi_attach(void)
{
	struct h_term *t1, *t2;

	H_REQUIRE(session_start_detached("shared") == 0, "start");
	t1 = h_roost_term(ROWS, COLS, "-r", "shared", NULL);
	H_REQUIRE(t1 != NULL, "spawn first client");
	H_REQUIRE(h_type(t1, "echo first-$((1+1))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t1, "first-2", 0) == 0, "first client works");
	H_REQUIRE(session_wait_ls("Attached") == 0, "-ls says Attached");

	t2 = h_roost_term(ROWS, COLS, "-x", "shared", NULL);
	H_REQUIRE(t2 != NULL, "spawn second client");
	H_REQUIRE(h_wait_text(t2, "first-2", 0) == 0,
	    "the second client shows the window as it is");
	H_REQUIRE(h_type(t2, "echo second-$((3*3))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t2, "second-9", 0) == 0,
	    "input from the second client reaches the window");
	H_REQUIRE(h_wait_text(t1, "second-9", 0) == 0,
	    "the first client shows it too");
	H_REQUIRE(h_type(t1, "echo third-$((5*5))\n") == 0, "type");
	H_REQUIRE(
	    h_wait_text(t2, "third-25", 0) == 0, "and the other way round");
	H_REQUIRE(!t1->exited && !t2->exited, "both clients stay attached");
	return H_PASS;
}

static int
session_case_steal(void)
{
	struct h_term *t1, *t2;
	int status;

	H_REQUIRE(session_start_detached("steal") == 0, "start");
	t1 = h_roost_term(ROWS, COLS, "-r", "steal", NULL);
	H_REQUIRE(t1 != NULL, "spawn first client");
	H_REQUIRE(h_type(t1, "echo mine-$((4+4))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t1, "mine-8", 0) == 0, "first client works");

	t2 = h_roost_term(ROWS, COLS, "-d", "-r", "steal", NULL);
	H_REQUIRE(t2 != NULL, "spawn roost -d -r");
	H_REQUIRE(
	    h_wait_text(t2, "mine-8", 0) == 0, "the thief sees the window");
	H_REQUIRE(h_wait_exit(t1, 0, &status) == 0,
	    "the first client is detached and exits");
	H_REQUIRE(h_wait_output(t1, "[remote detached from ", 0) == 0,
	    "the first client says it was detached from elsewhere (screen: "
	    "[remote detached from ...])");
	H_REQUIRE(h_type(t2, "echo stolen-$((9+1))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t2, "stolen-10", 0) == 0, "the thief types");
	return H_PASS;
}

/* Attach, kill the client with sig, reattach: nothing lost. */
static int
session_kill_client_then_reattach(int sig)
{
	struct h_term *t1, *t2;
	int status;

	t1 = h_roost_term(ROWS, COLS, "-S", "victim", NULL);
	H_REQUIRE(t1 != NULL, "spawn roost -S victim");
	H_REQUIRE(h_type(t1, "echo before-$((6+6))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t1, "before-12", 0) == 0, "shell runs");
	H_REQUIRE(h_kill(t1, sig) == 0, "kill the client");
	H_REQUIRE(h_wait_exit(t1, 0, &status) == 0, "the client goes away");
	H_REQUIRE(session_wait_ls("Detached") == 0,
	    "the session is detached, not gone");

	t2 = h_roost_term(ROWS, COLS, "-r", "victim", NULL);
	H_REQUIRE(t2 != NULL, "spawn roost -r victim");
	H_REQUIRE(
	    h_wait_text(t2, "before-12", 0) == 0, "the window is as it was");
	H_REQUIRE(h_type(t2, "echo after-$((7+7))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t2, "after-14", 0) == 0, "the shell lives");
	return H_PASS;
}

static int
session_case_sigkill(void)
{
	return session_kill_client_then_reattach(SIGKILL);
}

static int
session_case_sighup(void)
{
	return session_kill_client_then_reattach(SIGHUP);
}

static int
session_case_terminal_vanishes(void)
{
	struct h_term *t1, *t2;

	t1 = h_roost_term(ROWS, COLS, "-S", "gone", NULL);
	H_REQUIRE(t1 != NULL, "spawn roost -S gone");
	H_REQUIRE(h_type(t1, "echo here-$((2+3))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t1, "here-5", 0) == 0, "shell runs");
	/* Closing the master is what a dropped ssh connection does. */
	h_close(t1);
	H_REQUIRE(session_wait_ls("Detached") == 0, "the session is detached");
	t2 = h_roost_term(ROWS, COLS, "-r", "gone", NULL);
	H_REQUIRE(t2 != NULL, "spawn roost -r gone");
	H_REQUIRE(h_wait_text(t2, "here-5", 0) == 0, "the window is kept");
	return H_PASS;
}

static int
session_ls_regex_match(const char *out, const char *name, const char *state)
{
	char pattern[256];
	regex_t re;
	int ok;

	/* TAB ID.NAME TAB (MM/DD/YY HH:MM:SS) TAB (Attached|Detached) */
	snprintf(pattern, sizeof pattern,
	    "\n\t[0-9]+\\.%s\t\\([0-9]{2}/[0-9]{2}/[0-9]{2} "
	    "[0-9]{2}:[0-9]{2}:[0-9]{2}\\)\t\\(%s\\)\n",
	    name, state);
	if (regcomp(&re, pattern, REG_EXTENDED) != 0)
		return 0;
	ok = regexec(&re, out, 0, NULL, 0) == 0;
	regfree(&re);
	return ok;
}

static int
session_case_ls(void)
{
	struct h_result r;
	int code;

	code = h_roost_run(&r, "-ls", NULL);
	H_REQUIRE(code == 1, "-ls with no session exits 1, got %d", code);
	H_REQUIRE(strstr(r.out.data, "No Sessions found") != NULL,
	    "says No Sessions found: stdout \"%s\" stderr \"%s\"", r.out.data,
	    r.err.data);
	h_result_free(&r);

	H_REQUIRE(session_start_detached("one") == 0, "start one");
	code = h_roost_run(&r, "-ls", NULL);
	H_REQUIRE(code == 0, "-ls with a session exits 0, got %d", code);
	H_REQUIRE(strstr(r.out.data, "There is a session on:") != NULL,
	    "singular heading: \"%s\"", r.out.data);
	H_REQUIRE(
	    session_ls_lines(r.out.data) == 1, "one line: \"%s\"", r.out.data);
	H_REQUIRE(session_ls_regex_match(r.out.data, "one", "Detached"),
	    "screen's line shape: \"%s\"", r.out.data);
	H_REQUIRE(strstr(r.out.data, "1 Session in ") != NULL,
	    "count line: \"%s\"", r.out.data);
	h_result_free(&r);

	H_REQUIRE(session_start_detached("two") == 0, "start two");
	H_REQUIRE(session_start_detached("three") == 0, "start three");
	code = h_roost_run(&r, "-ls", NULL);
	H_REQUIRE(code == 0, "-ls exits 0, got %d", code);
	H_REQUIRE(strstr(r.out.data, "There are sessions on:") != NULL,
	    "plural heading: \"%s\"", r.out.data);
	H_REQUIRE(session_ls_lines(r.out.data) == 3, "three lines: \"%s\"",
	    r.out.data);
	H_REQUIRE(session_ls_regex_match(r.out.data, "two", "Detached") &&
		session_ls_regex_match(r.out.data, "three", "Detached"),
	    "each in screen's shape: \"%s\"", r.out.data);
	H_REQUIRE(strstr(r.out.data, "3 Sessions in ") != NULL,
	    "count line: \"%s\"", r.out.data);
	h_result_free(&r);

	/* -list is the same. */
	code = h_roost_run(&r, "-list", NULL);
	H_REQUIRE(code == 0 && session_ls_lines(r.out.data) == 3,
	    "-list: exit %d \"%s\"", code, r.out.data);
	h_result_free(&r);
	return H_PASS;
}

/* Run roost ARGS in a terminal (as a person would) until it exits;
   returns its exit code, the terminal in *tp. */
static int
session_run_in_term(struct h_term **tp, const char *a1, const char *a2)
{
	struct h_term *t = h_roost_term(ROWS, COLS, a1, a2, NULL);
	int status;

	*tp = t;
	if (t == NULL || h_wait_exit(t, 0, &status) == -1)
		return -2;
	return h_exit_code(status);
}

static int
session_case_ambiguous(void)
{
	struct h_result r;
	struct h_term *t;
	int code;

	H_REQUIRE(session_start_detached("work1") == 0, "start work1");
	H_REQUIRE(session_start_detached("work2") == 0, "start work2");
	code = session_run_in_term(&t, "-r", "work");
	H_REQUIRE(code == 1, "-r work exits 1, got %d", code);
	H_REQUIRE(h_wait_output(t, "several suitable sessions", 0) == 0,
	    "says there are several");
	H_REQUIRE(h_wait_output(t, "work1", 0) == 0 &&
		h_wait_output(t, "work2", 0) == 0,
	    "lists both");

	code = session_run_in_term(&t, "-r", "nosuch");
	H_REQUIRE(code == 1, "-r nosuch exits 1, got %d", code);
	H_REQUIRE(h_wait_output(t, "There is no session to be resumed", 0) == 0,
	    "says there is none");

	/* Neither got attached by the failed attempts. */
	code = h_roost_run(&r, "-ls", NULL);
	H_REQUIRE(strstr(r.out.data, "Attached") == NULL,
	    "nothing attached: \"%s\"", r.out.data);
	h_result_free(&r);
	return H_PASS;
}

static int
session_case_sockdir_mode(void)
{
	struct h_result r;
	char *sock = h_path(h_socket_dir(), "server");
	int code;

	H_REQUIRE(chmod(h_socket_dir(), 0755) == 0, "chmod");
	code = h_roost_run(&r, "-dmS", "x", NULL);
	H_REQUIRE(code != 0 && code != -1,
	    "refused with an exit status, got %d", code);
	H_REQUIRE(strstr(r.err.data, h_socket_dir()) != NULL,
	    "the message names the directory: \"%s\"", r.err.data);
	H_REQUIRE(strstr(r.err.data, "chmod") != NULL,
	    "and says how to fix it: \"%s\"", r.err.data);
	H_REQUIRE(access(sock, F_OK) == -1, "no socket was made");
	h_result_free(&r);
	free(sock);
	return H_PASS;
}

static int
session_case_sockdir_owner(void)
{
	struct h_result r;
	int code;

	H_SKIP_IF(geteuid() != 0, "needs root to give the directory away");
	H_REQUIRE(chown(h_socket_dir(), 65534, 65534) == 0, "chown nobody");
	code = h_roost_run(&r, "-dmS", "x", NULL);
	H_REQUIRE(code != 0 && code != -1,
	    "refused with an exit status, got %d", code);
	H_REQUIRE(strstr(r.err.data, h_socket_dir()) != NULL,
	    "the message names the directory: \"%s\"", r.err.data);
	h_result_free(&r);
	H_REQUIRE(chown(h_socket_dir(), 0, 0) == 0, "chown back");
	return H_PASS;
}

static int
session_case_sockdir_created(void)
{
	char *dir = h_path(h_case_dir(), "fresh");
	char *env;
	const char *argv[] = { NULL, "-dmS", "x", NULL };
	const char *envv[2];
	struct h_result r;
	struct stat st;
	int code;

	if (asprintf(&env, "ROOST_SOCKET_DIR=%s", dir) == -1)
		return H_FAIL;
	envv[0] = env;
	envv[1] = NULL;
	code = h_run(&r, argv, envv, 0);
	H_REQUIRE(code == 0, "roost -dmS with a missing directory: exit %d, %s",
	    code, r.err.data);
	h_result_free(&r);
	H_REQUIRE(stat(dir, &st) == 0, "the directory was created");
	H_REQUIRE((st.st_mode & 0777) == 0700, "mode 0700, got %o",
	    st.st_mode & 0777);
	/* Stop that server: the case only knows its own directory. */
	h_kill_server_in(dir);
	free(env);
	free(dir);
	return H_PASS;
}

/* Connect to the case's server socket. */
static int
session_connect(void)
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

/* Read from fd into b until a whole message is there or EOF/timeout.
   1 with the message, 0 at EOF, -1 on timeout or error. */
static int
session_read_message(int fd, struct h_bytes *b, uint32_t *type,
    const uint8_t **payload, size_t *len)
{
	long long end = h_now_ms() + H_TIMEOUT_MS;
	struct pollfd pfd = { fd, POLLIN, 0 };
	char buf[4096];
	ssize_t n;

	for (;;) {
		int m = proto_next_message(b->data, b->len, type, payload, len);

		if (m != 0)
			return m;
		if (h_now_ms() >= end)
			return -1;
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		n = read(fd, buf, sizeof buf);
		if (n == 0)
			return 0;
		if (n < 0)
			return errno == EINTR ? 0 : -1;
		h_bytes_add(b, buf, n);
	}
}

static void
session_bytes_consume(struct h_bytes *b, size_t n)
{
	memmove(b->data, b->data + n, b->len - n);
	b->len -= n;
}

static int
session_case_client_version_mismatch(void)
{
	struct proto_buf pb;
	struct proto_hello hello = { .version = 999 };
	struct h_bytes in = { 0 };
	struct h_term *t;
	const uint8_t *payload;
	uint32_t type;
	size_t len;
	int fd, m, others = 0;

	H_REQUIRE(session_start_detached("proto") == 0, "start");
	fd = session_connect();
	H_REQUIRE(fd != -1, "connect to the server");
	snprintf(hello.program, sizeof hello.program, "roost 99.0.0-test");
	proto_buf_init(&pb);
	proto_hello_encode(&pb, &hello);
	H_REQUIRE(write(fd, pb.data, pb.len) == (ssize_t)pb.len, "send HELLO");
	proto_buf_free(&pb);

	m = session_read_message(fd, &in, &type, &payload, &len);
	H_REQUIRE(m == 1, "the server answers (got %s)",
	    m == 0 ? "EOF" : "nothing in time");
	H_REQUIRE(type == PROTO_HELLO, "with HELLO first, got %s (0x%x)",
	    proto_type_name(type), type);
	H_REQUIRE(
	    proto_hello_decode(payload, len, &hello) == 0, "a valid HELLO");
	H_REQUIRE(hello.version != 999, "naming its own protocol, got %u",
	    hello.version);
	session_bytes_consume(&in, PROTO_HEADER_SIZE + len);
	/* Then it closes (whatever it says first, e.g. an EXIT). */
	while (
	    (m = session_read_message(fd, &in, &type, &payload, &len)) == 1) {
		session_bytes_consume(&in, PROTO_HEADER_SIZE + len);
		others++;
	}
	close(fd);
	free(in.data);
	H_REQUIRE(m == 0,
	    "the server closes the connection (after %d more "
	    "messages)",
	    others);

	/* The server is unharmed: a normal client attaches. */
	H_REQUIRE(session_wait_ls("proto") == 0, "-ls still works");
	t = h_roost_term(ROWS, COLS, "-r", "proto", NULL);
	H_REQUIRE(t != NULL, "spawn roost -r proto");
	H_REQUIRE(h_type(t, "echo fine-$((8*8))\n") == 0, "type");
	H_REQUIRE(
	    h_wait_text(t, "fine-64", 0) == 0, "a normal client still works");
	return H_PASS;
}

/* The fake server: accept one client, read its HELLO, answer with
   protocol 999, wait for the client to hang up. Runs in a child. */
static void
session_fake_server(int lfd)
{
	struct proto_hello hello = { .version = 999 };
	struct h_bytes in = { 0 };
	struct proto_buf pb;
	const uint8_t *payload;
	uint32_t type;
	size_t len;
	char buf[256];
	int fd;

	alarm(20);
	fd = accept(lfd, NULL, NULL);
	if (fd == -1)
		_exit(2);
	if (session_read_message(fd, &in, &type, &payload, &len) != 1 ||
	    type != PROTO_HELLO)
		_exit(3);
	snprintf(hello.program, sizeof hello.program, "roost 9.9.9");
	proto_buf_init(&pb);
	proto_hello_encode(&pb, &hello);
	if (write(fd, pb.data, pb.len) != (ssize_t)pb.len)
		_exit(4);
	while (read(fd, buf, sizeof buf) > 0)
		;
	_exit(0);
}

static int
session_case_server_version_mismatch(void)
{
	struct sockaddr_un sun;
	struct h_result r, v;
	char version[64] = "";
	char *nl;
	int lfd, code, status;
	pid_t pid;

	/* Our own version, to see that the message names it. */
	h_roost_run(&v, "-v", NULL);
	if (sscanf(v.out.data, "roost version %63s", version) != 1)
		version[0] = '\0';
	h_result_free(&v);
	H_REQUIRE(version[0] != '\0', "roost -v says \"roost version X\"");

	lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	H_REQUIRE(lfd != -1, "socket");
	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	snprintf(
	    sun.sun_path, sizeof sun.sun_path, "%s/server", h_socket_dir());
	H_REQUIRE(bind(lfd, (struct sockaddr *)&sun, sizeof sun) == 0 &&
		listen(lfd, 4) == 0,
	    "listen on %s: %s", sun.sun_path, strerror(errno));
	pid = fork();
	H_REQUIRE(pid != -1, "fork");
	if (pid == 0)
		session_fake_server(lfd);
	close(lfd);

	code = h_roost_run(&r, "-ls", NULL);
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	H_REQUIRE(code != 0 && code != -1,
	    "the client exits non-zero, got %d (stderr \"%s\")", code,
	    r.err.data);
	nl = strchr(r.err.data, '\n');
	H_REQUIRE(r.err.len > 0 && nl != NULL && nl[1] == '\0',
	    "one line on stderr: \"%s\"", r.err.data);
	H_REQUIRE(strstr(r.err.data, "999") != NULL,
	    "naming the server's protocol: \"%s\"", r.err.data);
	H_REQUIRE(strstr(r.err.data, "9.9.9") != NULL,
	    "the server's version: \"%s\"", r.err.data);
	H_REQUIRE(strstr(r.err.data, version) != NULL,
	    "and the client's own (%s): \"%s\"", version, r.err.data);
	h_result_free(&r);
	return H_PASS;
}

static int
session_case_last_window_ends_server(void)
{
	struct h_result r;
	struct h_term *t;
	char *sock = h_path(h_socket_dir(), "server");
	pid_t server;
	int status, code;

	H_REQUIRE(session_start_detached("last") == 0, "start");
	server = h_server_pid();
	H_REQUIRE(server > 0, "server.lock names the server");
	t = h_roost_term(ROWS, COLS, "-r", "last", NULL);
	H_REQUIRE(t != NULL, "spawn roost -r last");
	H_REQUIRE(h_type(t, "echo bye-$((3+4))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "bye-7", 0) == 0, "shell runs");
	H_REQUIRE(h_type(t, "exit\n") == 0, "type exit");
	H_REQUIRE(h_wait_exit(t, 0, &status) == 0, "the client exits");
	H_REQUIRE(h_exit_code(status) == 0, "with status 0, got %d",
	    h_exit_code(status));
	H_REQUIRE(h_wait_output(t, "terminating", 0) == 0,
	    "saying [roost is terminating]");
	H_REQUIRE(h_wait_pid_gone(server, 0) == 0, "the server exits");
	H_REQUIRE(access(sock, F_OK) == -1, "and removes its socket");
	code = h_roost_run(&r, "-ls", NULL);
	H_REQUIRE(code == 1, "-ls finds nothing, exit %d", code);
	h_result_free(&r);
	free(sock);
	return H_PASS;
}

static int
session_pred_cursor_hidden(struct h_term *t, void *arg)
{
	(void)arg;
	return !t->cursor_visible;
}

/* Check the pty as the client left it: cooked, echoing, cursor shown,
   main screen; bytes from `from` on restore them. */
static int
session_check_restored(struct h_term *t, size_t from)
{
	struct termios tio;

	H_REQUIRE(h_termios(t, &tio) == 0, "termios");
	H_REQUIRE((tio.c_lflag & ICANON) != 0, "ICANON is back on");
	H_REQUIRE((tio.c_lflag & ECHO) != 0, "ECHO is back on");
	H_REQUIRE((tio.c_lflag & ISIG) != 0, "ISIG is back on");
	H_REQUIRE((tio.c_iflag & ICRNL) != 0, "ICRNL is back on");
	H_REQUIRE(h_output_has(t, "\033[?25h", 6, from),
	    "the cursor is made visible (CSI ? 25 h)");
	H_REQUIRE(h_output_has(t, "\033[?1049l", 8, from),
	    "the alternate screen is left (CSI ? 1049 l)");
	H_REQUIRE(t->cursor_visible && !t->altscreen,
	    "libvterm agrees: cursor visible %d, alternate screen %d",
	    t->cursor_visible, t->altscreen);
	return H_PASS;
}

static int
session_case_modes_restored_detach(void)
{
	struct h_term *t = h_roost_term(ROWS, COLS, "-S", "modes", NULL);
	struct termios tio;
	size_t from;
	int status;

	H_REQUIRE(t != NULL, "spawn");
	H_REQUIRE(h_type(t, "echo raw-$((5+6))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "raw-11", 0) == 0, "attached");
	H_REQUIRE(h_termios(t, &tio) == 0, "termios");
	H_REQUIRE((tio.c_lflag & (ICANON | ECHO)) == 0,
	    "attached, the terminal is raw");
	/* The window hides the cursor: detaching must show it again. */
	H_REQUIRE(
	    h_type(t, "printf '\\033[?25l'; echo hid-$((1+1))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "hid-2", 0) == 0, "cursor hidden");
	H_REQUIRE(h_wait_for(t, session_pred_cursor_hidden, NULL, 0) == 0,
	    "the client hid the outer cursor as the window asked");
	from = t->out.len;
	H_REQUIRE(h_type(t, "\001d") == 0, "type C-a d");
	H_REQUIRE(h_wait_exit(t, 0, &status) == 0, "detached");
	return session_check_restored(t, from);
}

static int
session_case_modes_restored_sigterm(void)
{
	struct h_term *t = h_roost_term(ROWS, COLS, "-S", "term", NULL);
	size_t from;
	int status;

	H_REQUIRE(t != NULL, "spawn");
	H_REQUIRE(h_type(t, "echo up-$((5+5))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "up-10", 0) == 0, "attached");
	H_REQUIRE(
	    h_type(t, "printf '\\033[?25l'; echo hid-$((1+1))\n") == 0, "type");
	H_REQUIRE(h_wait_for(t, session_pred_cursor_hidden, NULL, 0) == 0,
	    "the client hid the outer cursor as the window asked");
	from = t->out.len;
	H_REQUIRE(h_kill(t, SIGTERM) == 0, "SIGTERM the client");
	H_REQUIRE(h_wait_exit(t, 0, &status) == 0, "the client exits");
	if (session_check_restored(t, from) != H_PASS)
		return H_FAIL;
	H_REQUIRE(session_wait_ls("Detached") == 0, "the session lives on");
	return H_PASS;
}

static int
session_case_window_environment(void)
{
	char *out = h_path(h_case_dir(), "env.txt");
	char *script, buf[1024] = "", expect[700], *p;
	long pid, sid, pgid;
	struct h_result r;
	long long end;
	FILE *f;
	int code;

	if (asprintf(&script,
		"{ echo \"TERM=$TERM\"; echo \"ROOST=$ROOST\"; "
		"echo \"pid=$$ sid=$(ps -o sid= -p $$ | tr -d ' ') "
		"pgid=$(ps -o pgid= -p $$ | tr -d ' ')\"; "
		"echo \"tty=$(tty)\"; } >%s.tmp && "
		"mv %s.tmp %s; exec sleep 60",
		out, out, out) == -1)
		return H_FAIL;
	code = h_roost_run(&r, "-dmS", "envs", "/bin/sh", "-c", script, NULL);
	free(script);
	H_REQUIRE(code == 0, "roost -dmS: exit %d, %s", code, r.err.data);
	h_result_free(&r);
	for (end = h_now_ms() + H_TIMEOUT_MS; h_now_ms() < end; h_sleep_ms(50))
		if (access(out, F_OK) == 0)
			break;
	f = fopen(out, "r");
	H_REQUIRE(f != NULL, "the window's command ran and wrote %s", out);
	(void)!fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	H_REQUIRE(strstr(buf, "TERM=screen-256color\n") != NULL,
	    "TERM=screen-256color in the window: \"%s\"", buf);
	snprintf(expect, sizeof expect, "ROOST=%s/server,", h_socket_dir());
	H_REQUIRE(strstr(buf, expect) != NULL,
	    "ROOST=SOCKET,SESSION,WINDOW: \"%s\" (wanted \"%s...\")", buf,
	    expect);
	p = strstr(buf, "pid=");
	H_REQUIRE(p != NULL &&
		sscanf(p, "pid=%ld sid=%ld pgid=%ld", &pid, &sid, &pgid) == 3,
	    "ps worked: \"%s\"", buf);
	H_REQUIRE(sid == pid && pgid == pid,
	    "the window's process leads its own session and process group: "
	    "pid %ld sid %ld pgid %ld",
	    pid, sid, pgid);
	H_REQUIRE(strstr(buf, "tty=/dev/pts/") != NULL,
	    "on a pty of its own: \"%s\"", buf);
	free(out);
	return H_PASS;
}

/* The status line (last row) has a tab for window 1: " 1" not followed
   by a digit or ':' (so not the clock), as in "0 sh  1* sh". */
static int
session_pred_tab_1(struct h_term *t, void *arg)
{
	char row[512];
	const char *p;

	(void)arg;
	h_row_text(t, t->rows - 1, row, sizeof row);
	for (p = row; (p = strstr(p, " 1")) != NULL; p++)
		if (p[2] == '\0' || (p[2] != ':' && (p[2] < '0' || p[2] > '9')))
			return 1;
	return 0;
}

static int
session_case_nested_new_window(void)
{
	struct h_term *t = h_roost_term(ROWS, COLS, "-S", "nest", NULL);
	struct h_result r;
	char cmd[PATH_MAX + 128];
	char bin[PATH_MAX];
	int code;

	H_REQUIRE(t != NULL, "spawn");
	H_REQUIRE(realpath(h_roost(), bin) != NULL, "realpath %s", h_roost());
	H_REQUIRE(h_type(t, "echo outer-$((1+2))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "outer-3", 0) == 0, "attached");
	snprintf(cmd, sizeof cmd,
	    "%s /bin/sh -c 'echo inner-$((2*21)); exec /bin/sh'\n", bin);
	H_REQUIRE(h_type(t, cmd) == 0, "type roost CMD");
	H_REQUIRE(h_wait_text(t, "inner-42", 0) == 0,
	    "the new window shows its command's output");
	H_REQUIRE(h_wait_for(t, session_pred_tab_1, NULL, 0) == 0,
	    "the status line lists window 1");
	code = h_roost_run(&r, "-ls", NULL);
	H_REQUIRE(code == 0 && session_ls_lines(r.out.data) == 1,
	    "still one session: \"%s\"", r.out.data);
	h_result_free(&r);
	return H_PASS;
}

static int
session_case_literal_prefix(void)
{
	struct h_term *t = h_roost_term(ROWS, COLS, "-S", "lit", NULL);

	H_REQUIRE(t != NULL, "spawn");
	H_REQUIRE(h_type(t, "echo ready-$((2+2))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "ready-4", 0) == 0, "attached");
	H_REQUIRE(h_type(t, "od -c\n") == 0, "type od -c");
	H_REQUIRE(h_type(t, "\001a\n\004") == 0, "type C-a a, RET, C-d");
	H_REQUIRE(h_wait_text(t, "001  \\n", 0) == 0,
	    "the window received a literal C-a (od shows 001)");
	return H_PASS;
}

static int
session_case_resize(void)
{
	struct h_term *t = h_roost_term(ROWS, COLS, "-S", "size", NULL);

	H_REQUIRE(t != NULL, "spawn");
	/* One row belongs to the status line. */
	H_REQUIRE(h_type(t, "stty size\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "23 80", 0) == 0,
	    "the window is the terminal less the status line");
	H_REQUIRE(h_resize(t, 30, 100) == 0, "resize the terminal");
	H_REQUIRE(h_wait_row(t, 29, "size", 0) == 0,
	    "the status line moves to the new last row");
	H_REQUIRE(h_type(t, "stty size\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "29 100", 0) == 0, "the window follows");
	return H_PASS;
}

static int
session_case_version(void)
{
	struct h_result r;
	int code = h_roost_run(&r, "-v", NULL);

	H_REQUIRE(code == 0, "roost -v exits 0, got %d", code);
	H_REQUIRE(strncmp(r.out.data, "roost version ", 14) == 0,
	    "prints \"roost version X\": \"%s\"", r.out.data);
	h_result_free(&r);
	return H_PASS;
}

static int
session_case_server_death(void)
{
	struct h_term *t = h_roost_term(ROWS, COLS, "-S", "doomed", NULL);
	pid_t server;
	size_t from;
	int status;

	H_REQUIRE(t != NULL, "spawn");
	H_REQUIRE(h_type(t, "echo up-$((9+9))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "up-18", 0) == 0, "attached");
	H_REQUIRE(
	    h_type(t, "printf '\\033[?25l'; echo hid-$((1+1))\n") == 0, "type");
	H_REQUIRE(h_wait_for(t, session_pred_cursor_hidden, NULL, 0) == 0,
	    "the window hid the cursor");
	server = h_server_pid();
	H_REQUIRE(server > 0, "server.lock names the server");
	from = t->out.len;
	H_REQUIRE(kill(server, SIGKILL) == 0, "kill -9 the server");
	H_REQUIRE(
	    h_wait_exit(t, 0, &status) == 0, "the client notices and exits");
	return session_check_restored(t, from);
}

static int
session_case_garbage_client(void)
{
	/* A header announcing a payload beyond PROTO_MAX_PAYLOAD. */
	static const unsigned char junk[] = { 0x01, 0x00, 0x00, 0x00, 0xff,
		0xff, 0xff, 0xff, 'j', 'u', 'n', 'k' };
	struct h_bytes in = { 0 };
	struct h_term *t;
	const uint8_t *payload;
	uint32_t type;
	size_t len;
	int fd, m;

	H_REQUIRE(session_start_detached("sturdy") == 0, "start");
	fd = session_connect();
	H_REQUIRE(fd != -1, "connect");
	H_REQUIRE(write(fd, junk, sizeof junk) == (ssize_t)sizeof junk,
	    "send garbage");
	/* Whatever it answers first, the server hangs up. */
	while ((m = session_read_message(fd, &in, &type, &payload, &len)) == 1)
		session_bytes_consume(&in, PROTO_HEADER_SIZE + len);
	close(fd);
	free(in.data);
	H_REQUIRE(m == 0, "the server closes the connection");
	t = h_roost_term(ROWS, COLS, "-r", "sturdy", NULL);
	H_REQUIRE(t != NULL, "spawn roost -r");
	H_REQUIRE(h_type(t, "echo still-$((6*6))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "still-36", 0) == 0,
	    "the session and the server are unharmed");
	return H_PASS;
}

static int
session_case_wipe(void)
{
	struct h_result r;
	int code;

	code = h_roost_run(&r, "-wipe", NULL);
	H_REQUIRE(code == 1, "-wipe with no session exits 1, got %d", code);
	h_result_free(&r);
	H_REQUIRE(session_start_detached("w") == 0, "start");
	code = h_roost_run(&r, "-wipe", NULL);
	H_REQUIRE(code == 0 && session_ls_lines(r.out.data) == 1,
	    "-wipe lists like -ls: exit %d \"%s\"", code, r.out.data);
	h_result_free(&r);
	return H_PASS;
}

static int
session_case_nested_new_session(void)
{
	struct h_term *t = h_roost_term(ROWS, COLS, "-S", "outer", NULL);
	char cmd[PATH_MAX + 64], bin[PATH_MAX];

	H_REQUIRE(t != NULL, "spawn");
	H_REQUIRE(realpath(h_roost(), bin) != NULL, "realpath");
	H_REQUIRE(h_type(t, "echo out-$((1+4))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "out-5", 0) == 0, "attached");
	snprintf(cmd, sizeof cmd, "%s -S inner\n", bin);
	H_REQUIRE(h_type(t, cmd) == 0, "type roost -S inner");
	H_REQUIRE(h_wait_ls("inner") == 0, "a session named inner exists");
	H_REQUIRE(h_wait_ls("outer") == 0, "beside outer");
	return H_PASS;
}

int
main(void)
{
	h_init();
	h_case("-v prints the version", session_case_version);
	h_case("-ls with 0, 1 and 3 sessions", session_case_ls);
	h_case("-dmS returns at once, leaving no pipe open",
	    session_case_dms_returns);
	h_case("-dmS then -r shows output made while detached",
	    session_case_detached_reattach);
	h_case("C-a d detaches and prints [detached from NAME]",
	    session_case_detach_key);
	h_case(
	    "-x: two clients show the same window", session_case_multi_attach);
	h_case("-d -r steals the session from its client", session_case_steal);
	h_case("SIGKILL of a client, then -r", session_case_sigkill);
	h_case("SIGHUP of a client, then -r", session_case_sighup);
	h_case(
	    "the terminal vanishing detaches", session_case_terminal_vanishes);
	h_case("-r with an ambiguous or unknown name lists and exits 1",
	    session_case_ambiguous);
	h_case(
	    "socket directory of mode 0755 refused", session_case_sockdir_mode);
	h_case("socket directory of another owner refused",
	    session_case_sockdir_owner);
	h_case("missing socket directory created 0700",
	    session_case_sockdir_created);
	h_case("a client of another protocol version: server says HELLO, "
	       "closes, serves others",
	    session_case_client_version_mismatch);
	h_case("a server of another protocol version: one sentence naming "
	       "both, exit non-zero",
	    session_case_server_version_mismatch);
	h_case("the last window exiting ends the session and the server",
	    session_case_last_window_ends_server);
	h_case("terminal modes restored after C-a d",
	    session_case_modes_restored_detach);
	h_case("SIGTERM detaches and restores the terminal",
	    session_case_modes_restored_sigterm);
	h_case("windows: TERM=screen-256color, ROOST, own session and pty",
	    session_case_window_environment);
	h_case("roost CMD inside a window opens a new window",
	    session_case_nested_new_window);
	h_case("C-a a sends a literal C-a", session_case_literal_prefix);
	h_case("SIGWINCH resizes the window", session_case_resize);
	h_case("the server dying: the client exits, terminal restored",
	    session_case_server_death);
	h_case("a client sending garbage is dropped, the server lives",
	    session_case_garbage_client);
	h_case("-wipe lists as -ls", session_case_wipe);
	h_case("roost -S NAME inside a window makes a separate session",
	    session_case_nested_new_session);
	return h_done();
}
