/*
 * copy.c -- end-to-end cases of issue 8: copy mode over 5000 lines of
 * history (top, search, a range over a soft-wrapped line and a wide
 * character, pasted into another window), column selection, bracketed
 * paste, readbuf/writebuf round trips and the exchange file's rules,
 * window logs as plain text, hardcopy -h, and OSC 52 bytes reaching the
 * outer terminal. The real binary in a pty, read through libvterm.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#define ROWS 24
#define COLS 80

/* A file's bytes (malloc'd, NUL-terminated), or NULL. */
static char *
copy_read_file(const char *path, size_t *lenp)
{
	struct h_bytes b;
	char buf[4096];
	ssize_t n;
	int fd;

	memset(&b, 0, sizeof b);
	if ((fd = open(path, O_RDONLY)) == -1)
		return NULL;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		h_bytes_add(&b, buf, (size_t)n);
	close(fd);
	if (b.data == NULL) {
		b.data = malloc(1);
		b.data[0] = '\0';
	}
	if (lenp != NULL)
		*lenp = b.len;
	return b.data;
}

/* Wait until the file at path holds exactly want (len bytes). */
static int
copy_wait_file(const char *path, const char *want, size_t len)
{
	long long end = h_now_ms() + H_TIMEOUT_MS;
	char *got;
	size_t n;

	for (;;) {
		got = copy_read_file(path, &n);
		if (got != NULL && n == len && memcmp(got, want, len) == 0) {
			free(got);
			return 0;
		}
		if (h_now_ms() >= end) {
			h_diag("%s holds %zu bytes, not the %zu expected:",
			    path, got != NULL ? n : 0, len);
			h_diag("got:  \"%s\"", got != NULL ? got : "(missing)");
			h_diag("want: \"%s\"", want);
			free(got);
			return -1;
		}
		free(got);
		h_sleep_ms(100);
	}
}

struct copy_at {
	const char *text;
	int col;
};

/* The cursor's row starts with text and the cursor is at col. */
static int
copy_cursor_on(struct h_term *t, void *arg)
{
	struct copy_at *at = arg;
	char buf[512];
	int row, col;

	h_cursor(t, &row, &col);
	h_row_text(t, row, buf, sizeof buf);
	return strncmp(buf, at->text, strlen(at->text)) == 0 && col == at->col;
}

static int
copy_wait_cursor(struct h_term *t, const char *text, int col)
{
	struct copy_at at = { text, col };

	if (h_wait_for(t, copy_cursor_on, &at, 0) != 0) {
		h_diag("the cursor never sat on \"%s\" column %d", text, col);
		h_dump(t);
		return -1;
	}
	return 0;
}

/* Run roost -S name -X args...; the exit code. */
static int
copy_x(const char *name, const char *cmd, const char *a1, const char *a2)
{
	struct h_result r;
	int code;

	code = h_roost_run(&r, "-S", name, "-X", cmd, a1, a2, NULL);
	if (code != 0)
		h_diag("-X %s %s: exit %d, stdout \"%s\", stderr \"%s\"", cmd,
		    a1 != NULL ? a1 : "", code, r.out.data, r.err.data);
	h_result_free(&r);
	return code;
}

/*
 * 5000 lines, copy mode, g, /line 17, Y; then a range from a soft-wrapped
 * line to a line with a wide character; both pasted (bracketed: the
 * program asked for mode 2004) into another window's `cat > FILE`; the
 * first copy's OSC 52 reaches the outer terminal.
 */
static int
copy_case_history_search_paste(void)
{
	struct h_term *t;
	char *file = h_path(h_case_dir(), "pasted");
	char cmd[512], want[512], zeros[80];
	size_t from;
	int i;

	t = h_roost_term(ROWS, COLS, "-S", "cp", NULL);
	H_REQUIRE(t != NULL, "spawn roost");
	H_REQUIRE(h_type(t, "echo ready-$((6*7))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "ready-42", 0) == 0, "the shell runs");
	H_REQUIRE(
	    h_type(t,
		"i=1; while [ $i -le 5000 ]; do echo \"line $i\"; "
		"i=$((i+1)); done; printf W; for j in 1 2 3 4 5 6 7; do printf "
		"0123456789; done; "
		"printf '01234567XYZ\\n'; "
		"printf 'k\\344\\270\\255m\\n'; echo fill-$((2*3))\n") == 0,
	    "type");
	H_REQUIRE(h_wait_text(t, "fill-6", 20000) == 0, "5000 lines written");

	/* Window 1: bracketed paste on, then cat into a file. */
	H_REQUIRE(h_type(t, "\001c") == 0, "C-a c");
	snprintf(cmd, sizeof cmd,
	    "printf '\\033[?2004h'; echo cat-$((3+4)); cat > '%s'\n", file);
	H_REQUIRE(h_type(t, cmd) == 0, "type");
	H_REQUIRE(h_wait_text(t, "cat-7", 0) == 0, "cat runs");
	H_REQUIRE(h_type(t, "\0010") == 0, "C-a 0");
	H_REQUIRE(h_wait_text(t, "fill-6", 0) == 0, "window 0 again");

	/* Copy mode: the top, then a search for line 17. */
	from = t->out.len;
	H_REQUIRE(h_type(t, "\001[") == 0, "C-a [");
	H_REQUIRE(h_type(t, "g") == 0, "g");
	H_REQUIRE(h_wait_text(t, "[1/", 0) == 0, "at the top: [1/total]");
	H_REQUIRE(h_wait_text(t, "line 1", 0) == 0, "the oldest lines show");
	H_REQUIRE(h_type(t, "/line 17\r") == 0, "search");
	H_REQUIRE(copy_wait_cursor(t, "line 17", 0) == 0, "found line 17");
	H_REQUIRE(h_type(t, "Y") == 0, "Y copies the line");
	H_REQUIRE(h_wait_text(t, "Copied 7 characters", 0) == 0,
	    "the copy is reported");
	/* base64("line 17") */
	H_REQUIRE(h_output_has(t, "\033]52;c;bGluZSAxNw==\a", 19, from),
	    "OSC 52 with the copied text reached the outer terminal");

	H_REQUIRE(h_type(t, "\0011") == 0, "C-a 1");
	H_REQUIRE(h_wait_text(t, "cat-7", 0) == 0, "window 1");
	H_REQUIRE(h_type(t, "\001]") == 0, "C-a ]");
	H_REQUIRE(h_wait_text(t, "line 17", 0) == 0, "pasted");
	H_REQUIRE(h_type(t, "\n") == 0, "end the line");

	/* A range from the soft-wrapped line to the wide character. */
	H_REQUIRE(h_type(t, "\0010") == 0, "C-a 0");
	H_REQUIRE(h_wait_text(t, "fill-6", 0) == 0, "window 0 again");
	H_REQUIRE(h_type(t, "\001[") == 0, "C-a [");
	H_REQUIRE(h_type(t, "?W0123\r") == 0, "search backwards");
	H_REQUIRE(copy_wait_cursor(t, "W0123", 0) == 0, "on the wrapped line");
	H_REQUIRE(h_type(t, " jj$") == 0, "mark, two down, end of line");
	H_REQUIRE(copy_wait_cursor(t, "k\xe4\xb8\xadm", 3) == 0,
	    "on the m after the wide character");
	H_REQUIRE(h_type(t, " ") == 0, "copy");
	H_REQUIRE(h_wait_text(t, "Copied 88 characters", 0) == 0,
	    "W, 78 digits, XYZ, LF, k, the wide character (3 bytes), m");
	H_REQUIRE(h_type(t, "\0011") == 0, "C-a 1");
	H_REQUIRE(h_wait_text(t, "cat-7", 0) == 0, "window 1");
	H_REQUIRE(h_type(t, "\001]\n\004") == 0, "C-a ], newline, EOF");

	/* Digits, not a run of one character: libvterm 0.1.4 takes REP
	   (CSI b) one character too far. */
	for (i = 0; i < 78; i++)
		zeros[i] = (char)('0' + i % 10);
	zeros[78] = '\0';
	snprintf(want, sizeof want,
	    "\033[200~line 17\033[201~\n\033[200~W%sXYZ\nk\xe4\xb8\xadm"
	    "\033[201~\n",
	    zeros);
	H_REQUIRE(copy_wait_file(file, want, strlen(want)) == 0,
	    "cat received both pastes, bracketed, byte for byte");
	free(file);
	return H_PASS;
}

/* c and C: a column of three lines. */
static int
copy_case_columns(void)
{
	struct h_term *t;
	char *file = h_path(h_case_dir(), "exchange-out");
	char cmd[512];

	t = h_roost_term(ROWS, COLS, "-S", "col", NULL);
	H_REQUIRE(t != NULL, "spawn roost");
	/* The output starts on a line of its own even when the shell's
	   prompt comes after the typed line's echo. */
	H_REQUIRE(
	    h_type(t,
		"printf '\\nr%dabcdef\\nr%dghijkl\\nr%dmnopqr\\n' 1 2 3\n") ==
		0,
	    "type");
	H_REQUIRE(h_wait_text(t, "r3mnopqr", 0) == 0, "printed");
	H_REQUIRE(h_type(t, "\001[?r1a\r") == 0, "copy mode, search");
	H_REQUIRE(copy_wait_cursor(t, "r1abcdef", 0) == 0, "on r1");
	H_REQUIRE(h_type(t, "llcvjjlllC ") == 0,
	    "left margin at 3, mark, two down, right margin at 6, copy");
	H_REQUIRE(h_wait_text(t, "Copied 14 characters", 0) == 0, "copied");
	snprintf(cmd, sizeof cmd, "writebuf %s", file);
	H_REQUIRE(h_type(t, "\001:") == 0, "C-a :");
	H_REQUIRE(h_type(t, cmd) == 0, "type");
	H_REQUIRE(h_type(t, "\r") == 0, "enter");
	H_REQUIRE(copy_wait_file(file, "abcd\nghij\nmnop", 14) == 0,
	    "the column, trailing blanks trimmed, no newline added");
	free(file);
	return H_PASS;
}

/* readbuf then writebuf: byte for byte; the exchange file's rules. */
static int
copy_case_readbuf_writebuf(void)
{
	struct h_result r;
	char *in = h_path(h_case_dir(), "in");
	char *out = h_path(h_case_dir(), "out");
	char *exch = h_path(h_socket_dir(), "exchange");
	char *victim = h_path(h_case_dir(), "victim");
	static const char data[] = "tab\there\r\nUTF-8 \xc3\xa9\xe4\xb8\xad"
				   "\n\nno newline at the end \x01\x7f";
	struct stat sb;
	int code;

	code = h_roost_run(&r, "-dmS", "buf", NULL);
	h_result_free(&r);
	H_REQUIRE(code == 0, "roost -dmS buf");
	H_REQUIRE(h_write_file(in, data) == 0, "write the input");
	H_REQUIRE(copy_x("buf", "readbuf", in, NULL) == 0, "readbuf FILE");
	H_REQUIRE(copy_x("buf", "writebuf", out, NULL) == 0, "writebuf FILE");
	H_REQUIRE(copy_wait_file(out, data, sizeof data - 1) == 0,
	    "the same bytes, no newline added");

	H_REQUIRE(copy_x("buf", "writebuf", NULL, NULL) == 0, "writebuf");
	H_REQUIRE(stat(exch, &sb) == 0, "exchange in the socket directory");
	H_REQUIRE((sb.st_mode & 0777) == 0600, "mode 0600, not %o",
	    (unsigned)(sb.st_mode & 0777));
	H_REQUIRE(copy_wait_file(exch, data, sizeof data - 1) == 0,
	    "exchange holds the buffer");
	H_REQUIRE(copy_x("buf", "register", "x", "other") == 0, "register");
	H_REQUIRE(copy_x("buf", "paste", "x", ".") == 0, "paste x .");
	H_REQUIRE(copy_x("buf", "writebuf", out, NULL) == 0, "writebuf");
	H_REQUIRE(copy_wait_file(out, "other", 5) == 0,
	    "paste into a register replaced the buffer");
	H_REQUIRE(copy_x("buf", "readbuf", NULL, NULL) == 0, "readbuf");
	H_REQUIRE(copy_x("buf", "writebuf", out, NULL) == 0, "writebuf");
	H_REQUIRE(copy_wait_file(out, data, sizeof data - 1) == 0,
	    "readbuf with no file reads exchange");

	H_REQUIRE(copy_x("buf", "removebuf", NULL, NULL) == 0, "removebuf");
	H_REQUIRE(stat(exch, &sb) != 0 && errno == ENOENT, "exchange removed");

	/* A symbolic link in its place is never followed. */
	H_REQUIRE(h_write_file(victim, "untouched") == 0, "victim");
	H_REQUIRE(symlink(victim, exch) == 0, "symlink");
	code = h_roost_run(&r, "-S", "buf", "-X", "writebuf", NULL);
	h_result_free(&r);
	H_REQUIRE(code != 0, "writebuf through a symlink fails");
	H_REQUIRE(copy_wait_file(victim, "untouched", 9) == 0,
	    "the link's target is unchanged");
	free(in);
	free(out);
	free(exch);
	free(victim);
	return H_PASS;
}

/* deflog from the rc file: the log holds exactly the printed text. */
static int
copy_case_log(void)
{
	struct h_result r;
	char *rc = h_path(h_home(), "roostrc");
	char *logp = h_path(h_case_dir(), "win.log");
	char *raw = h_path(h_case_dir(), "raw.log");
	char text[1024];
	const char *want = "alpha bold\nbeta\tgamma\ndelta \xc3\xa9\n";
	char *got;
	size_t n;
	int code;

	snprintf(text, sizeof text,
	    "logfile %s/%%S-%%n.log\ndeflog on\nlogflush 1\n", h_case_dir());
	H_REQUIRE(h_write_file(rc, text) == 0, "rc");
	code = h_roost_run(&r, "-dmS", "lg", "/bin/sh", "-c",
	    "printf 'alpha \\033[1mbold\\033[0m\\nbeta\\tgamma\\n"
	    "\\033]0;a title\\007\\033[2Kdelta \\303\\251\\n'; exec sleep 60",
	    NULL);
	h_result_free(&r);
	H_REQUIRE(code == 0, "roost -dmS lg");
	free(logp);
	logp = h_path(h_case_dir(), "lg-0.log");
	H_REQUIRE(copy_wait_file(logp, want, strlen(want)) == 0,
	    "plain text: escapes dropped, CR LF as LF");

	/* lograw keeps the bytes; log off closes the file. */
	H_REQUIRE(copy_x("lg", "lograw", "on", NULL) == 0, "lograw on");
	H_REQUIRE(copy_x("lg", "logfile", raw, NULL) == 0, "logfile");
	code = h_roost_run(&r, "-S", "lg", "-X", "screen", "/bin/sh", "-c",
	    "printf 'x\\033[1my\\n'; exec sleep 60", NULL);
	h_result_free(&r);
	H_REQUIRE(code == 0, "a second window");
	/* It started logging from deflog, with the bytes as they came. */
	H_REQUIRE(copy_wait_file(raw, "x\033[1my\r\n", 8) == 0,
	    "lograw: the bytes as they came");
	H_REQUIRE(copy_x("lg", "log", "off", NULL) == 0, "log off");
	got = copy_read_file(logp, &n);
	H_REQUIRE(got != NULL, "log kept");
	free(got);

	/* screen -L logs one window whatever deflog says. */
	free(raw);
	raw = h_path(h_case_dir(), "dash-l.log");
	H_REQUIRE(copy_x("lg", "deflog", "off", NULL) == 0, "deflog off");
	H_REQUIRE(copy_x("lg", "lograw", "off", NULL) == 0, "lograw off");
	H_REQUIRE(copy_x("lg", "logfile", raw, NULL) == 0, "logfile");
	code = h_roost_run(&r, "-S", "lg", "-X", "screen", "-L", "/bin/sh",
	    "-c", "echo dash-$((6*7)); exec sleep 60", NULL);
	h_result_free(&r);
	H_REQUIRE(code == 0, "screen -L");
	H_REQUIRE(copy_wait_file(raw, "dash-42\n", 8) == 0, "screen -L logs");
	free(rc);
	free(logp);
	free(raw);
	return H_PASS;
}

/* hardcopy -h: the history and the screen as text. */
static int
copy_case_hardcopy(void)
{
	struct h_result r;
	char *file = h_path(h_case_dir(), "hc");
	struct h_bytes want;
	char line[64], *got = NULL;
	long long end = h_now_ms() + H_TIMEOUT_MS;
	struct stat sb;
	size_t n;
	int code, i;

	code = h_roost_run(&r, "-dmS", "hc", "/bin/sh", "-c",
	    "i=1; while [ $i -le 100 ]; do echo \"hc-line $i   \"; "
	    "i=$((i+1)); done; exec sleep 60",
	    NULL);
	h_result_free(&r);
	H_REQUIRE(code == 0, "roost -dmS hc");
	memset(&want, 0, sizeof want);
	for (i = 1; i <= 100; i++) {
		snprintf(line, sizeof line, "hc-line %d\n", i);
		h_bytes_add(&want, line, strlen(line));
	}
	for (;;) {
		H_REQUIRE(copy_x("hc", "hardcopy", "-h", file) == 0,
		    "-X hardcopy -h FILE");
		free(got);
		got = copy_read_file(file, &n);
		if (got != NULL && strstr(got, "hc-line 100\n") != NULL)
			break;
		H_REQUIRE(h_now_ms() < end, "hardcopy never showed line 100");
		h_sleep_ms(100);
	}
	H_REQUIRE(strncmp(got, want.data, want.len) == 0,
	    "history first, trailing blanks trimmed:\n%.300s", got);
	for (i = (int)want.len; i < (int)n; i++)
		H_REQUIRE(got[i] == '\n', "only empty rows after the text");
	H_REQUIRE(
	    stat(file, &sb) == 0 && (sb.st_mode & 0777) == 0600, "mode 0600");
	free(got);
	free(want.data);
	free(file);
	return H_PASS;
}

/* The largest "tick N" number in text, or -1. */
static long
copy_max_tick(const char *text)
{
	const char *p = text;
	long n, max = -1;

	while ((p = strstr(p, "tick ")) != NULL) {
		p += 5;
		n = strtol(p, NULL, 10);
		if (n > max)
			max = n;
	}
	return max;
}

/*
 * Output keeps coming while copy mode is shown (and the history, at its
 * limit, drops old lines): the view stays put; G shows the newest lines.
 */
static int
copy_case_view_stays(void)
{
	struct h_term *t;
	char *file = h_path(h_case_dir(), "hc"), *got, *before, *after;
	long long end = h_now_ms() + H_TIMEOUT_MS;
	long shown;
	int r;

	t = h_roost_term(ROWS, COLS, "-S", "vs", NULL);
	H_REQUIRE(t != NULL, "spawn roost");
	H_REQUIRE(h_type(t, "echo ready-$((6*7))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "ready-42", 0) == 0, "the shell runs");
	H_REQUIRE(h_type(t, "\001:scrollback 200\r") == 0, "scrollback 200");
	H_REQUIRE(h_type(t,
		      "i=0; while [ $i -lt 400 ]; do echo \"pre $i\"; "
		      "i=$((i+1)); done; while :; do echo \"tick $i\"; "
		      "i=$((i+1)); sleep 0.05; done\n") == 0,
	    "type");
	H_REQUIRE(h_wait_text(t, "tick 410", 0) == 0, "ticking");
	H_REQUIRE(h_type(t, "\001[k") == 0, "copy mode");
	H_REQUIRE(h_wait_text(t, "/", 0) == 0, "the position shows");
	h_pump(t, 300);
	/* Rows 1 .. 22: row 0 holds the position, row 23 the clock. */
	before = h_screen_text(t);
	H_REQUIRE(before != NULL, "screen");
	shown = copy_max_tick(before);
	H_REQUIRE(shown > 0, "ticks on the screen:\n%s", before);
	for (;;) {
		H_REQUIRE(
		    copy_x("vs", "hardcopy", file, NULL) == 0, "hardcopy");
		got = copy_read_file(file, NULL);
		r = got != NULL && copy_max_tick(got) >= shown + 20;
		free(got);
		if (r)
			break;
		H_REQUIRE(h_now_ms() < end, "the window stopped ticking");
		h_sleep_ms(100);
	}
	h_pump(t, 200);
	after = h_screen_text(t);
	H_REQUIRE(strchr(before, '\n') != NULL && strchr(after, '\n') != NULL,
	    "screens");
	/* Without the status row: -X messages (hardcopy's) show there. */
	*strrchr(before, '\n') = '\0';
	*strrchr(after, '\n') = '\0';
	if (strrchr(before, '\n') != NULL)
		*strrchr(before, '\n') = '\0';
	if (strrchr(after, '\n') != NULL)
		*strrchr(after, '\n') = '\0';
	H_REQUIRE(strcmp(strchr(before, '\n'), strchr(after, '\n')) == 0,
	    "the view stayed put:\n%s\n-- now --\n%s", before, after);
	H_REQUIRE(copy_max_tick(after) == shown, "no newer tick shown");
	H_REQUIRE(h_type(t, "G") == 0, "G");
	end = h_now_ms() + H_TIMEOUT_MS;
	for (;;) {
		h_pump(t, 100);
		free(after);
		after = h_screen_text(t);
		if (copy_max_tick(after) >= shown + 20)
			break;
		H_REQUIRE(h_now_ms() < end, "G never showed the newest lines");
	}
	H_REQUIRE(h_type(t, "q") == 0, "q");
	free(before);
	free(after);
	free(file);
	return H_PASS;
}

/* Wait until the terminal received text after offset from. */
static int
copy_wait_output_from(struct h_term *t, const char *text, size_t from)
{
	long long end = h_now_ms() + H_TIMEOUT_MS;

	while (!h_output_has(t, text, strlen(text), from)) {
		if (h_now_ms() >= end || h_pump(t, 100) < 0)
			return -1;
	}
	return 0;
}

/* mousescroll: copy mode asks the terminal for the mouse; the wheel
   scrolls the view three lines. */
static int
copy_case_wheel(void)
{
	struct h_term *t;
	char before[256], after[256], want[256];
	long long end = h_now_ms() + H_TIMEOUT_MS;
	size_t from;
	int n;

	t = h_roost_term(ROWS, COLS, "-S", "wh", NULL);
	H_REQUIRE(t != NULL, "spawn roost");
	H_REQUIRE(h_type(t,
		      "i=1; while [ $i -le 100 ]; do echo \"n $i\"; "
		      "i=$((i+1)); done; echo end-$((6*7))\n") == 0,
	    "type");
	H_REQUIRE(h_wait_text(t, "end-42", 0) == 0, "printed");
	from = t->out.len;
	H_REQUIRE(h_type(t, "\001[") == 0, "copy mode");
	/* With mousescroll on the terminal reports the mouse from the
	   attach on (the wheel opens copy mode), so look from the start. */
	H_REQUIRE(copy_wait_output_from(t, "\033[?1000h", 0) == 0,
	    "the terminal reports the mouse in copy mode");
	H_REQUIRE(h_output_has(t, "\033[?1006h", 8, 0), "in SGR form");
	(void)from;
	h_pump(t, 200);
	h_row_text(t, 5, before, sizeof before);
	H_REQUIRE(sscanf(before, "n %d", &n) == 1, "row 5: %s", before);
	snprintf(want, sizeof want, "n %d", n - 3);
	H_REQUIRE(h_type(t, "\033[<64;10;5M") == 0, "wheel up");
	for (;;) {
		h_pump(t, 100);
		h_row_text(t, 5, after, sizeof after);
		if (strcmp(after, want) == 0)
			break;
		H_REQUIRE(h_now_ms() < end, "row 5 shows \"%s\", not \"%s\"",
		    after, want);
	}
	H_REQUIRE(h_type(t, "\033[<65;10;5M") == 0, "wheel down");
	end = h_now_ms() + H_TIMEOUT_MS;
	for (;;) {
		h_pump(t, 100);
		h_row_text(t, 5, after, sizeof after);
		if (strcmp(after, before) == 0)
			break;
		H_REQUIRE(h_now_ms() < end, "row 5 shows \"%s\", not \"%s\"",
		    after, before);
	}
	H_REQUIRE(h_type(t, "q") == 0, "q");
	H_REQUIRE(h_wait_gone(t, "/", 0) == 0, "copy mode ends");
	/* Outside copy mode the wheel opens it (mousescroll on, and the
	   shell did not ask for the mouse). */
	H_REQUIRE(h_type(t, "\033[<64;10;5M") == 0, "wheel up");
	end = h_now_ms() + H_TIMEOUT_MS;
	for (;;) {
		h_pump(t, 100);
		h_row_text(t, 5, after, sizeof after);
		if (strcmp(after, want) == 0)
			break;
		H_REQUIRE(h_now_ms() < end,
		    "the wheel opens copy mode: row 5 shows \"%s\", not \"%s\"",
		    after, want);
	}
	H_REQUIRE(h_type(t, "q") == 0, "q");
	return H_PASS;
}

/* Copy the buffer out with writebuf and compare. */
static int
copy_buffer_is(const char *name, const char *file, const char *want)
{
	if (copy_x(name, "writebuf", file, NULL) != 0)
		return -1;
	return copy_wait_file(file, want, strlen(want));
}

/* C-a ESC, case folding, W, e, a (append), J (join), n. */
static int
copy_case_keys(void)
{
	struct h_term *t;
	char *file = h_path(h_case_dir(), "buf");

	t = h_roost_term(ROWS, COLS, "-S", "ks", NULL);
	H_REQUIRE(t != NULL, "spawn roost");
	H_REQUIRE(h_type(t, "echo ready-$((6*7))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "ready-42", 0) == 0, "the shell runs");
	H_REQUIRE(h_type(t, "clear\n") == 0, "clear");
	H_REQUIRE(h_wait_gone(t, "ready-42", 0) == 0, "cleared");
	/* "Alpha" only in the output, not in the command line the search
	   could also find (where it lands depends on the prompt); the
	   output starts on a line of its own even when the prompt comes
	   after the typed line's echo. */
	H_REQUIRE(
	    h_type(t,
		"A=Alph; printf '\\n%s beta-gamma delta\\nsecond %s here\\n"
		"third\\n' \"${A}a\" LINE; echo done-$((2*5))\n") == 0,
	    "type");
	H_REQUIRE(h_wait_text(t, "done-10", 0) == 0, "printed");

	H_REQUIRE(h_type(t, "\001\033") == 0, "C-a ESC");
	H_REQUIRE(h_wait_text(t, "/23]", 0) == 0, "copy mode");
	H_REQUIRE(h_type(t, "?alpha\r") == 0, "a lower-case pattern");
	H_REQUIRE(copy_wait_cursor(t, "Alpha beta", 0) == 0,
	    "matches Alpha: case is folded");
	H_REQUIRE(h_type(t, "wW") == 0, "w, W");
	H_REQUIRE(h_wait_text(t, "Copied 4 characters", 0) == 0, "copied");
	H_REQUIRE(copy_buffer_is("ks", file, "beta") == 0, "W copied a word");

	H_REQUIRE(h_type(t, "\001[?LINE\r") == 0, "a capital: exact case");
	H_REQUIRE(copy_wait_cursor(t, "second LINE", 7) == 0, "on LINE");
	H_REQUIRE(h_type(t, "veay") == 0, "mark, end of word, append, copy");
	H_REQUIRE(h_wait_text(t, "Appended 4 characters", 0) == 0, "added");
	H_REQUIRE(copy_buffer_is("ks", file, "betaLINE") == 0, "appended");

	H_REQUIRE(h_type(t, "\001[?Alpha\r") == 0, "search");
	H_REQUIRE(copy_wait_cursor(t, "Alpha beta", 0) == 0, "on Alpha");
	H_REQUIRE(h_type(t, "J") == 0, "J");
	H_REQUIRE(h_wait_text(t, "Lines joined", 0) == 0, "joined");
	H_REQUIRE(h_type(t, "vj$y") == 0, "two lines");
	H_REQUIRE(h_wait_text(t, "Copied 38 characters", 0) == 0, "copied");
	H_REQUIRE(copy_buffer_is("ks", file,
		      "Alpha beta-gamma deltasecond LINE here") == 0,
	    "lines joined without a line feed");

	H_REQUIRE(h_type(t, "\001[JJJ") == 0, "J back to line feeds");
	H_REQUIRE(h_type(t, "g/e\r") == 0, "search e from the top");
	H_REQUIRE(h_type(t, "nnN") == 0, "n n N");
	H_REQUIRE(h_type(t, "Y") == 0, "Y");
	H_REQUIRE(h_wait_text(t, "Copied", 0) == 0, "copied");
	free(file);
	return H_PASS;
}

/* C-a H starts and stops the log; logtstamp marks output after silence. */
static int
copy_case_log_key(void)
{
	struct h_term *t;
	char *rc = h_path(h_home(), "roostrc");
	char *logp = h_path(h_case_dir(), "key.log");
	char text[1024], *got;
	long long end = h_now_ms() + H_TIMEOUT_MS;

	snprintf(text, sizeof text,
	    "logfile %s\nlogtstamp on\nlogtstamp after 1\nlogflush 0\n", logp);
	H_REQUIRE(h_write_file(rc, text) == 0, "rc");
	t = h_roost_term(ROWS, COLS, "-S", "lk", NULL);
	H_REQUIRE(t != NULL, "spawn roost");
	H_REQUIRE(h_type(t, "echo ready-$((6*7))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "ready-42", 0) == 0, "the shell runs");
	H_REQUIRE(h_type(t, "\001H") == 0, "C-a H");
	H_REQUIRE(h_wait_text(t, "Logging window 0", 0) == 0, "logging");
	H_REQUIRE(
	    h_type(t, "echo one-$((1+1)); sleep 2; echo two-$((1+2))\n") == 0,
	    "type");
	H_REQUIRE(h_wait_text(t, "two-3", 0) == 0, "printed");
	H_REQUIRE(h_type(t, "\001H") == 0, "C-a H");
	H_REQUIRE(h_wait_text(t, "closed", 0) == 0, "log closed");
	H_REQUIRE(h_type(t, "echo three-$((1+3))\n") == 0, "type");
	H_REQUIRE(h_wait_text(t, "three-4", 0) == 0, "printed");
	for (;;) {
		got = copy_read_file(logp, NULL);
		if (got != NULL && strstr(got, "two-3\n") != NULL)
			break;
		free(got);
		H_REQUIRE(h_now_ms() < end, "the log never held two-3");
		h_sleep_ms(100);
	}
	H_REQUIRE(
	    strstr(got, "one-2\n") != NULL, "first line logged:\n%s", got);
	H_REQUIRE(strstr(got, "one-2\n-- 0:") != NULL &&
		strstr(got, " -- time-stamp -- ") != NULL,
	    "a time stamp after the silence:\n%s", got);
	H_REQUIRE(strstr(got, "three-4") == NULL,
	    "nothing after the log closed:\n%s", got);
	H_REQUIRE(strchr(got, '\r') == NULL && strchr(got, '\033') == NULL,
	    "no CR and no escapes:\n%s", got);
	free(got);
	free(rc);
	free(logp);
	return H_PASS;
}

int
main(void)
{
	h_init();
	h_case("copy mode: 5000 lines, search, wrap and wide copy, paste",
	    copy_case_history_search_paste);
	h_case("copy mode: column selection", copy_case_columns);
	h_case("readbuf/writebuf round trip and the exchange file",
	    copy_case_readbuf_writebuf);
	h_case("log: plain text and lograw", copy_case_log);
	h_case("log: C-a H and logtstamp", copy_case_log_key);
	h_case("hardcopy -h", copy_case_hardcopy);
	h_case("copy mode: the view stays put while output arrives",
	    copy_case_view_stays);
	h_case("copy mode: the mouse wheel scrolls", copy_case_wheel);
	h_case("copy mode: C-a ESC, case folding, W, e, append, J",
	    copy_case_keys);
	return h_done();
}
