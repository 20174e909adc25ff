/*
 * flow.c -- end-to-end cases of issue 6's flow control: a client whose
 * terminal stops reading (its pty is not drained, so the client blocks
 * writing to it and stops reading the server's socket) must not slow the
 * server or another client of the same session, and when its terminal
 * reads again it must show the final state of the window. DESIGN.md
 * decision 3: the server coalesces frames while a client's socket is not
 * writable and sends the newest state when it is.
 *
 * Two ways to stall a client: its terminal is never pumped (h_pump) until
 * the case lets it go, which roost's client absorbs itself (it keeps
 * reading frames and draws the newest once its terminal takes output);
 * or the client is stopped (SIGSTOP), so that its socket fills and the
 * server meets EAGAIN. Each case checks that the stall is real (output
 * left unread in the terminal with the client asleep writing or the
 * pty's buffer full; a socket queue that stopped growing), else it would
 * prove nothing. No timing assertions: every wait has a generous timeout.
 */
#include <sys/ioctl.h>
#include <sys/syscall.h>

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#define ROWS 24
#define COLS 80
/* Waits on the flood: seq of 200000 lines through two pseudo-terminals
   on a loaded machine, with sanitizers. */
#define FLOW_FLOOD_MS 120000
/* An endless flood whose every screenful differs in every cell. */
#define FLOW_RANDOM "od -An -tx1 -v /dev/urandom"

/* Bytes written to t's pty by its program and not read yet, or -1. */
static int
flow_unread(struct h_term *t)
{
	int n = 0;

	if (t->fd == -1 || ioctl(t->fd, FIONREAD, &n) == -1)
		return -1;
	return n;
}

/* 1 when process pid is asleep in a write to a terminal (its wchan names
   a tty write wait), 0 when not, -1 when it cannot be told. */
static int
flow_blocked_in_write(pid_t pid)
{
	char path[64], buf[128];
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "/proc/%ld/wchan", (long)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	if (n == 0 || strcmp(buf, "0") == 0)
		return -1; /* hidden (kptr_restrict) or not sleeping */
	/* n_tty_write sleeps in wait_woken (older kernels: n_tty_write). */
	return strstr(buf, "tty_write") != NULL ||
	    strstr(buf, "wait_woken") != NULL;
}

/*
 * 1 when t's client is flow-controlled: its terminal holds unread output
 * and the client is asleep writing more, or the pty's read buffer is full
 * (N_TTY_BUF_SIZE, 4 KiB: the writer is stopped whatever it waits in).
 */
static int
flow_stalled(struct h_term *t, int verbose)
{
	int unread = flow_unread(t), blocked = flow_blocked_in_write(t->pid);

	if (verbose)
		h_diag("%s: %d bytes unread in its terminal, asleep in a tty "
		       "write: %d",
		    t->name, unread, blocked);
	return unread >= 4000 || (unread > 0 && blocked == 1);
}

/* Wait (pumping other) until t is stalled. 0, or -1 with a diagnostic. */
static int
flow_wait_stalled(struct h_term *t, struct h_term *other)
{
	long long end = h_now_ms() + FLOW_FLOOD_MS;

	while (!flow_stalled(t, 0)) {
		if (h_now_ms() >= end) {
			flow_stalled(t, 1);
			return -1;
		}
		h_pump(other, 20);
	}
	return 0;
}

/*
 * The most bytes waiting unread in one socket of process pid (its socket
 * to the server, when it is stopped), or -1 when that cannot be told
 * (pidfd_getfd(2), Linux 5.6, refused or missing).
 */
static long
flow_socket_queued(pid_t pid)
{
#if defined(SYS_pidfd_open) && defined(SYS_pidfd_getfd)
	char dir[64], path[320], link[64];
	struct dirent *e;
	DIR *d;
	long best = -1;
	int pfd, fd, n, got = 0;
	ssize_t len;

	pfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (pfd == -1)
		return -1;
	snprintf(dir, sizeof dir, "/proc/%ld/fd", (long)pid);
	if ((d = opendir(dir)) == NULL) {
		close(pfd);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		len = readlink(path, link, sizeof link - 1);
		if (len <= 0)
			continue;
		link[len] = '\0';
		if (strncmp(link, "socket:", 7) != 0)
			continue;
		fd = (int)syscall(SYS_pidfd_getfd, pfd, atoi(e->d_name), 0);
		if (fd == -1)
			continue;
		got = 1;
		if (ioctl(fd, FIONREAD, &n) == 0 && n > best)
			best = n;
		close(fd);
	}
	closedir(d);
	close(pfd);
	return got ? best : -1;
#else
	(void)pid;
	return -1;
#endif
}

/*
 * Wait (pumping other) until the stopped client t's socket is full: at
 * least 64 KiB queued and no more for a second while the window floods,
 * so the server has had EAGAIN on it. 1 when it is, 0 on timeout (with a
 * diagnostic), -1 when the queue cannot be read.
 */
static int
flow_wait_socket_full(struct h_term *t, struct h_term *other)
{
	long long end = h_now_ms() + FLOW_FLOOD_MS, since = h_now_ms();
	long q, last = -2;

	for (;;) {
		q = flow_socket_queued(t->pid);
		if (q < 0)
			return -1;
		if (q != last) {
			last = q;
			since = h_now_ms();
		} else if (q >= 65536 && h_now_ms() - since >= 1000)
			return 1;
		if (h_now_ms() >= end) {
			h_diag("%s's socket: %ld bytes queued", t->name, q);
			return 0;
		}
		h_pump(other, 50);
	}
}

/* Start a detached session and attach a (to be stalled) and b (-x). */
static int
flow_start(const char *name, struct h_term **a, struct h_term **b)
{
	struct h_result r;
	int code = h_roost_run(&r, "-dmS", name, NULL);

	if (code != 0) {
		h_diag("roost -dmS %s: exit %d, stderr \"%s\"", name, code,
		    r.err.data);
		h_result_free(&r);
		return -1;
	}
	h_result_free(&r);
	*a = h_roost_term(ROWS, COLS, "-r", name, NULL);
	if (*a == NULL || h_type(*a, "echo a-$((20+1))\n") == -1 ||
	    h_wait_text(*a, "a-21", 0) == -1)
		return -1;
	*b = h_roost_term(ROWS, COLS, "-x", name, NULL);
	if (*b == NULL || h_wait_text(*b, "a-21", 0) == -1)
		return -1;
	return 0;
}

/* Cut the spaces that end each line of s (a cell holding a space and an
   erased one look alike; a client may leave either). */
static void
flow_trim_lines(char *s)
{
	char *in = s, *out = s, *eol;

	while (*in != '\0') {
		eol = strchr(in, '\n');
		if (eol == NULL)
			eol = in + strlen(in);
		while (eol > in && eol[-1] == ' ')
			eol--;
		memmove(out, in, (size_t)(eol - in));
		out += eol - in;
		in = eol;
		while (*in == ' ')
			in++;
		if (*in == '\n')
			*out++ = *in++;
	}
	*out = '\0';
}

/* The screens of a and b are the same text (arg: b). */
static int
flow_same_screen(struct h_term *a, void *arg)
{
	struct h_term *b = arg;
	char *sa = h_screen_text(a), *sb;
	int same;

	h_pump(b, 0);
	sb = h_screen_text(b);
	flow_trim_lines(sa);
	flow_trim_lines(sb);
	same = strcmp(sa, sb) == 0;
	free(sa);
	free(sb);
	return same;
}

/*
 * A stalls while the window prints 200000 lines; B sees the end and its
 * keystrokes are handled meanwhile; then A drains and shows the final
 * state, the same screen as B.
 */
static int
flow_case_stalled_client(void)
{
	struct h_term *a, *b;
	char row[256], *sa, *sb;
	int r;

	H_REQUIRE(flow_start("flow", &a, &b) == 0, "two clients attached");
	h_pump(a, 100); /* A reads nothing from here until released */
	/* Random text until A is stalled (a frame differs in every cell,
	   however few frames the server sends), then seq. */
	H_REQUIRE(h_type(b,
		      FLOW_RANDOM " & read x; kill $!; seq 1 200000; "
				  "echo end-$((6*7))\n") == 0,
	    "type the flood in B");
	H_REQUIRE(flow_wait_stalled(a, b) == 0,
	    "A becomes flow-controlled during the flood");
	H_REQUIRE(h_type(b, "go\n") == 0, "type a line in B");
	H_REQUIRE(h_wait_text(b, "end-42", FLOW_FLOOD_MS) == 0,
	    "B sees the end marker while A is stalled");
	H_REQUIRE(h_find_row(b, "200000", row, sizeof row) >= 0,
	    "B shows the last line of seq");
	H_REQUIRE(flow_stalled(a, 1), "A is still stalled");

	/* Keystrokes from B are handled while A is still stalled. */
	H_REQUIRE(h_type(b, "echo typed-$((5*5))\n") == 0, "type in B");
	H_REQUIRE(h_wait_text(b, "typed-25", 0) == 0,
	    "B's keystrokes are handled while A is stalled");
	H_REQUIRE(flow_stalled(a, 1), "A is still stalled");

	/* A reads again: it shows the final state. */
	r = h_wait_text(a, "typed-25", FLOW_FLOOD_MS);
	if (r != 0)
		h_dump(a);
	H_REQUIRE(r == 0, "A shows the final state once drained");
	H_REQUIRE(h_wait_text(a, "end-42", 0) == 0, "A shows the end marker");
	H_REQUIRE(h_find_row(a, "200000", row, sizeof row) >= 0,
	    "A shows the last line of seq");
	r = h_wait_for(a, flow_same_screen, b, 0);
	if (r != 0) {
		sa = h_screen_text(a);
		sb = h_screen_text(b);
		h_diag("A's screen:\n%s\nB's screen:\n%s", sa, sb);
		free(sa);
		free(sb);
	}
	H_REQUIRE(r == 0, "A's screen is B's screen, row for row");
	H_REQUIRE(!a->exited && !b->exited, "both clients stay attached");
	return H_PASS;
}

/*
 * While A is stalled and a window program floods without end, a line
 * typed in B reaches the foreground program (read), which stops the
 * flood: keys are handled during the flood, not after it.
 */
static int
flow_case_keys_during_flood(void)
{
	struct h_term *a, *b;

	H_REQUIRE(flow_start("keys", &a, &b) == 0, "two clients attached");
	h_pump(a, 100);
	H_REQUIRE(h_type(b,
		      FLOW_RANDOM " & read x; kill $!; "
				  "echo got-$x-$((2+2))\n") == 0,
	    "start the flood and the reader");
	H_REQUIRE(flow_wait_stalled(a, b) == 0,
	    "A becomes flow-controlled during the flood");
	H_REQUIRE(h_type(b, "key\n") == 0, "type a line in B");
	H_REQUIRE(h_wait_text(b, "got-key-4", FLOW_FLOOD_MS) == 0,
	    "the line typed in B reached the flooding window");
	H_REQUIRE(flow_stalled(a, 1), "A was stalled all along");
	H_REQUIRE(h_wait_text(a, "got-key-4", FLOW_FLOOD_MS) == 0,
	    "A shows the end once drained");
	H_REQUIRE(h_wait_for(a, flow_same_screen, b, 0) == 0,
	    "A's screen is B's screen");
	return H_PASS;
}

/*
 * A client that reads neither its terminal nor its socket (stopped, as a
 * frozen ssh connection's): its socket fills, the server gets EAGAIN and
 * must only mark it dirty. B still sees the flood's end and its keys are
 * handled; A, continued, shows the final state.
 */
static int
flow_case_stopped_client(void)
{
	struct h_term *a, *b;
	char row[256];
	int full, r;

	H_REQUIRE(flow_start("stop", &a, &b) == 0, "two clients attached");
	h_pump(a, 100);
	H_REQUIRE(h_kill(a, SIGSTOP) == 0, "stop A");
	H_REQUIRE(h_type(b,
		      FLOW_RANDOM " & read x; kill $!; seq 1 200000; "
				  "echo end-$((6*7))\n") == 0,
	    "type the flood in B");
	full = flow_wait_socket_full(a, b);
	if (full == -1) {
		h_kill(a, SIGCONT);
		h_skip_reason("cannot read the stopped client's socket queue "
			      "(pidfd_getfd)");
		return H_SKIP;
	}
	if (full == 0)
		h_kill(a, SIGCONT);
	H_REQUIRE(full == 1,
	    "A's socket fills while A is stopped (else the case proves "
	    "nothing)");
	H_REQUIRE(h_type(b, "go\n") == 0, "type a line in B");
	r = h_wait_text(b, "end-42", FLOW_FLOOD_MS);
	if (r != 0)
		h_kill(a, SIGCONT);
	H_REQUIRE(r == 0, "B sees the end marker while A's socket is full");
	H_REQUIRE(h_find_row(b, "200000", row, sizeof row) >= 0,
	    "B shows the last line of seq");
	r = h_type(b, "echo typed-$((5*5))\n") == 0 &&
	    h_wait_text(b, "typed-25", 0) == 0;
	h_kill(a, SIGCONT);
	H_REQUIRE(r, "B's keystrokes are handled while A is stopped");
	H_REQUIRE(h_wait_text(a, "typed-25", FLOW_FLOOD_MS) == 0,
	    "A shows the final state once continued");
	H_REQUIRE(h_find_row(a, "200000", row, sizeof row) >= 0,
	    "A shows the last line of seq");
	H_REQUIRE(h_wait_for(a, flow_same_screen, b, 0) == 0,
	    "A's screen is B's screen");
	H_REQUIRE(!a->exited && !b->exited, "both clients stay attached");
	return H_PASS;
}

/* The window's rows of t's screen (all but the status line), as one
   string; free it. */
static char *
flow_window_text(struct h_term *t)
{
	char row[1024], *text = strdup("");
	size_t len = 0, n;
	int r;

	for (r = 0; r < ROWS - 1 && text != NULL; r++) {
		h_row_text(t, r, row, sizeof row);
		n = strlen(row);
		text = realloc(text, len + n + 2);
		if (text == NULL)
			break;
		memcpy(text + len, row, n);
		len += n;
		text[len++] = '\n';
		text[len] = '\0';
	}
	return text;
}

/* The window's rows of t's screen are no longer the text at arg (the
   status line is left out: its clock changes by itself). */
static int
flow_window_changed(struct h_term *t, void *arg)
{
	char *now = flow_window_text(t);
	int changed = now != NULL && strcmp(now, arg) != 0;

	free(now);
	return changed;
}

/* Run `roost -S session -X` with up to three arguments; 0 on success. */
static int
flow_command(const char *session, const char *a1, const char *a2,
    const char *a3, const char *a4)
{
	struct h_result r;
	int code = h_roost_run(&r, "-S", session, "-X", a1, a2, a3, a4, NULL);

	if (code != 0)
		h_diag("roost -X %s: exit %d, stderr \"%s\"", a1, code,
		    r.err.data);
	h_result_free(&r);
	return code == 0 ? 0 : -1;
}

/*
 * A window that floods while another window of the session is shown: the
 * shown window's output and the keys typed into it reach the client all
 * along (the server pauses reading a flooding window while a keystroke's
 * echo is on its way), and the flooding window goes on afterwards -- its
 * output is read again, nothing stays paused.
 */
static int
flow_case_background_flood(void)
{
	struct h_result r;
	struct h_term *t;
	char *before;
	int i, code;

	code = h_roost_run(&r, "-dmS", "bg", NULL);
	h_result_free(&r);
	H_REQUIRE(code == 0, "session started");
	t = h_roost_term(ROWS, COLS, "-r", "bg", NULL);
	H_REQUIRE(t != NULL && h_type(t, "echo a-$((20+1))\n") == 0 &&
		h_wait_text(t, "a-21", 0) == 0,
	    "client attached");
	/* Big writes (cat), endless, every screenful different. */
	H_REQUIRE(flow_command("bg", "screen", "/bin/sh", "-c",
		      "seq 1 1000000000 | cat") == 0,
	    "open a flooding window");
	H_REQUIRE(flow_command("bg", "select", "0", NULL, NULL) == 0,
	    "show window 0 again");
	H_REQUIRE(h_wait_text(t, "a-21", 0) == 0, "window 0 is shown");

	/* Output of the shown window, paced, and keys one by one. */
	H_REQUIRE(h_type(t,
		      "for i in 1 2 3 4 5 6; do echo tick-$i; sleep 0.1; "
		      "done\n") == 0,
	    "type a paced loop");
	H_REQUIRE(h_wait_text(t, "tick-6", FLOW_FLOOD_MS) == 0,
	    "the shown window's output arrives during the flood");
	for (i = 0; i < 20; i++)
		H_REQUIRE(h_type(t, "x") == 0, "type a key");
	H_REQUIRE(h_wait_text(t, "xxxxxxxxxxxxxxxxxxxx", FLOW_FLOOD_MS) == 0,
	    "the echo of keys typed one by one arrives during the flood");
	H_REQUIRE(h_type(t, "\025echo k-$((6*7))\n") == 0, "type a line");
	H_REQUIRE(h_wait_text(t, "k-42", FLOW_FLOOD_MS) == 0,
	    "a line typed during the flood is run");

	/* The flooding window was not left paused. */
	H_REQUIRE(flow_command("bg", "select", "1", NULL, NULL) == 0,
	    "show the flooding window");
	H_REQUIRE(h_wait_gone(t, "k-42", FLOW_FLOOD_MS) == 0,
	    "the flooding window is shown");
	h_pump(t, 200);
	before = flow_window_text(t);
	H_REQUIRE(before != NULL, "read the window's rows");
	code = h_wait_for(t, flow_window_changed, before, FLOW_FLOOD_MS);
	free(before);
	H_REQUIRE(code == 0, "the flooding window's output goes on");
	H_REQUIRE(!t->exited, "the client stays attached");
	flow_command("bg", "quit", NULL, NULL, NULL);
	return H_PASS;
}

int
main(void)
{
	h_init();
	h_case("a stalled client: another client sees the flood's end, its "
	       "keys are handled; the stalled one then shows the final state",
	    flow_case_stalled_client);
	h_case("keys from one client reach the window during a flood while "
	       "another client is stalled",
	    flow_case_keys_during_flood);
	h_case("a stopped client whose socket is full: another client sees "
	       "the flood's end, its keys are handled; continued, the "
	       "stopped one shows the final state",
	    flow_case_stopped_client);
	h_case("a flooding window in the background: the shown window's "
	       "output and keys arrive all along; the flood goes on",
	    flow_case_background_flood);
	return h_done();
}
