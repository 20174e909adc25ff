/*
 * lock.c -- the client's lock screen and its PAM conversation (issue 7).
 * The only file that includes PAM headers.
 *
 * While locked the client draws nothing of the session: the lock screen
 * is composed here as a PROTO_FRAME of its own and given to tty.c, so the
 * tty's copy of the display is the lock screen and the server's full
 * frame after unlocking repaints everything. Keys typed go to the
 * password line here, never to the server.
 *
 * Each attempt is one PAM transaction (pam_start, pam_authenticate,
 * pam_acct_mgmt, pam_end; Linux-PAM application developer's guide) run
 * in a child process, so that PAM's own delays and modules that block
 * never stop the client's event loop: the server socket is still read
 * and an UNLOCKED from elsewhere kills the child. The child never touches
 * the terminal (its stdin, stdout and stderr are /dev/null and it has a
 * process group of its own); it talks to the parent over a socketpair,
 * one line a message:
 *
 *   child -> parent   "P<prompt>" (ask, no echo), "E<prompt>" (ask, echo),
 *                     "I<text>" (information), "X<text>" (error),
 *                     "R<code><text>" last: 0 success, 1 refused, 2 error
 *   parent -> child   the line typed, without its Enter
 *
 * The parent reads the keys itself (the terminal is raw, ISIG off, so
 * C-c, C-z and C-\ are plain bytes here and do nothing) and wipes the
 * password buffer with explicit_bzero() after every attempt; the child
 * wipes its copy too. The password is never sent to the server nor
 * logged. Only a child that says "R0" and exits 0 unlocks: a PAM error,
 * a crash or anything unexpected leaves the display locked.
 *
 * With $LOCKPRG set (screen(1): LOCKPRG), that program runs instead, on
 * the terminal in its normal mode; its exit status 0 unlocks.
 */
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include <security/pam_appl.h>

#include <event2/event.h>

#include "lock.h"
#include "proto/proto.h"
#include "tty.h"
#include "util/xmalloc.h"

/* The PAM service roost asks for, and the one PAM itself falls back to. */
#define LOCK_SERVICE	      "roost"
#define LOCK_SERVICE_FALLBACK "other"
/* Longest password line kept, bytes; more is ignored. */
#define LOCK_LINE_MAX 512
/* Longest message line from the child, bytes. */
#define LOCK_MSG_MAX 1024
/* Failures in a row before the wait grows, and its cap (seconds). */
#define LOCK_FREE_FAILURES 2
#define LOCK_WAIT_MAX	   30

enum lock_state {
	LOCK_ASK,     /* a PAM child runs; a prompt may be pending */
	LOCK_WAIT,    /* after failures in a row: a timer starts the next */
	LOCK_ERROR,   /* PAM failed to work: Enter tries again */
	LOCK_PRG,     /* LOCKPRG has the terminal */
	LOCK_PRG_BAD, /* LOCKPRG failed: Enter runs it again */
};

struct lock {
	struct event_base *base;
	struct tty *tty;
	const struct lock_callbacks *cb;
	void *arg;

	char *session;
	int whole_session;
	char user[256];
	char host[256];
	char tty_name[256];
	time_t since;
	const char *lockprg; /* $LOCKPRG or NULL */

	enum lock_state state;
	const char *service; /* asked of pam_start() */
	int fallback;	     /* "other" was used: say so */
	unsigned failures;   /* in a row */
	struct event *timer_ev;

	/* The PAM child (or LOCKPRG). */
	pid_t pid;
	int fd;
	struct event *child_ev;
	struct event *sigchld_ev;
	char msg[LOCK_MSG_MAX];
	size_t msglen;
	int result; /* from "R", -1 until then */
	char result_text[256];
	struct sigaction old_int, old_quit, old_tstp;

	/* The prompt and the line being typed. */
	char prompt[256];
	int prompt_pending;
	int prompt_echo;
	char line[LOCK_LINE_MAX];
	size_t linelen;
	int line_ready; /* Enter was typed before the prompt came */

	char info[256];	  /* PAM's last message */
	char status[512]; /* ours: failed, error, waiting */
};

static void lock_attempt(struct lock *);
static void lock_prg_run(struct lock *);

/* Wipe the typed line. */
static void
lock_line_wipe(struct lock *l)
{
	explicit_bzero(l->line, sizeof l->line);
	l->linelen = 0;
	l->line_ready = 0;
}

/* Copy text into a fixed buffer with control characters as spaces. */
static void
lock_copy_text(char *dst, size_t size, const char *src)
{
	size_t i;

	strlcpy(dst, src, size);
	for (i = 0; dst[i] != '\0'; i++) {
		if ((unsigned char)dst[i] < 0x20 || dst[i] == 0x7f)
			dst[i] = ' ';
	}
}

/*
 * Append UTF-8 text to the frame at row from column *col, one cell a
 * character (width from wcwidth(); combining and unprintable characters
 * are left out). Stops at cols.
 */
static void
lock_text(struct proto_frame_writer *fw, unsigned row, unsigned *col,
    unsigned cols, const char *text, uint16_t attrs)
{
	struct proto_cell pc;
	mbstate_t ps;
	wchar_t wc;
	size_t n;
	int w;

	memset(&ps, 0, sizeof ps);
	while (*text != '\0' && *col < cols) {
		n = mbrtowc(&wc, text, strlen(text), &ps);
		if (n == (size_t)-1 || n == (size_t)-2) {
			memset(&ps, 0, sizeof ps);
			wc = '?';
			n = 1;
		}
		if (n == 0)
			break;
		w = wcwidth(wc);
		if (w <= 0 || (unsigned)w > 2 || *col + (unsigned)w > cols ||
		    n > PROTO_CELL_TEXT_MAX) {
			text += n;
			continue;
		}
		memset(&pc, 0, sizeof pc);
		pc.width = (uint8_t)w;
		pc.len = (uint8_t)n;
		memcpy(pc.text, wc == '?' && n == 1 ? "?" : text, n);
		pc.style.attrs = attrs;
		proto_frame_cell(fw, row, *col, &pc);
		*col += (unsigned)w;
		text += n;
	}
}

/* A line of the lock screen, two columns in. */
static void
lock_line(struct proto_frame_writer *fw, unsigned row, unsigned rows,
    unsigned cols, const char *text, uint16_t attrs)
{
	unsigned col = 2;

	if (row < rows)
		lock_text(fw, row, &col, cols, text, attrs);
}

/* Columns text takes, as lock_text() draws it. */
static unsigned
lock_text_width(const char *text)
{
	mbstate_t ps;
	wchar_t wc;
	size_t n;
	unsigned width = 0;
	int w;

	memset(&ps, 0, sizeof ps);
	while (*text != '\0') {
		n = mbrtowc(&wc, text, strlen(text), &ps);
		if (n == (size_t)-1 || n == (size_t)-2) {
			memset(&ps, 0, sizeof ps);
			wc = '?';
			n = 1;
		}
		if (n == 0)
			break;
		w = wcwidth(wc);
		if (w > 0 && w <= 2 && n <= PROTO_CELL_TEXT_MAX)
			width += (unsigned)w;
		text += n;
	}
	return width;
}

/* Rows the lock screen takes; the prompt is on the last. */
#define LOCK_SCREEN_ROWS 15

/* Compose the lock screen as a frame and hand it to the tty. */
static void
lock_draw(struct lock *l)
{
	struct proto_frame_writer fw;
	struct proto_frame hdr;
	struct proto_buf b;
	struct proto_cell blank;
	unsigned rows, cols, top, r, col, prow;
	char buf[LOCK_LINE_MAX + 256], when[64];
	struct tm tm;
	const uint8_t *payload;
	size_t plen, off;
	uint32_t type;
	char *nl;
	int prompt;

	if (l->state == LOCK_PRG)
		return;
	tty_get_size(l->tty, &rows, &cols);
	top = rows > LOCK_SCREEN_ROWS ? (rows - LOCK_SCREEN_ROWS) / 2 : 0;
	prompt = l->state == LOCK_ASK && l->prompt_pending;

	memset(&hdr, 0, sizeof hdr);
	hdr.rows = rows;
	hdr.cols = cols;
	/* On a terminal too short for it all, the prompt takes the last
	   row over whatever was there. */
	prow = top + LOCK_SCREEN_ROWS - 1 < rows ? top + LOCK_SCREEN_ROWS - 1
						 : rows - 1;
	if (prompt) {
		col = 2 + lock_text_width(l->prompt);
		if (l->prompt_echo) {
			memcpy(buf, l->line, l->linelen);
			buf[l->linelen] = '\0';
			col += lock_text_width(buf);
			explicit_bzero(buf, sizeof buf);
		}
		hdr.cursor_row = prow;
		hdr.cursor_col = col < cols ? col : cols - 1;
		hdr.cursor_visible = 1;
	}
	proto_buf_init(&b);
	proto_frame_begin(&fw, &b, &hdr);
	proto_frame_clear(&fw);

	r = top;
	if (l->whole_session)
		snprintf(
		    buf, sizeof buf, "roost: session %s is locked", l->session);
	else
		snprintf(buf, sizeof buf, "roost: this display is locked");
	lock_line(&fw, r++, rows, cols, buf, 0x01 /* bold */);
	r++;
	snprintf(buf, sizeof buf, "User:     %s", l->user);
	lock_line(&fw, r++, rows, cols, buf, 0);
	snprintf(buf, sizeof buf, "Host:     %s", l->host);
	lock_line(&fw, r++, rows, cols, buf, 0);
	snprintf(buf, sizeof buf, "Session:  %s", l->session);
	lock_line(&fw, r++, rows, cols, buf, 0);
	localtime_r(&l->since, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(buf, sizeof buf, "Locked:   since %s", when);
	lock_line(&fw, r++, rows, cols, buf, 0);
	r++;
	if (l->lockprg != NULL)
		snprintf(buf, sizeof buf, "LOCKPRG (%s) unlocks this display.",
		    l->lockprg);
	else
		snprintf(buf, sizeof buf,
		    "Type your password and press Enter to unlock.");
	lock_line(&fw, r++, rows, cols, buf, 0);
	snprintf(buf, sizeof buf,
	    "Or, from another shell: roost -S %s -X lockscreen off",
	    l->session);
	lock_line(&fw, r++, rows, cols, buf, 0);
	r++;
	if (l->fallback) {
		snprintf(buf, sizeof buf,
		    "Note: there is no PAM service \"%s\"; PAM uses \"%s\".",
		    LOCK_SERVICE, LOCK_SERVICE_FALLBACK);
		lock_line(&fw, r, rows, cols, buf, 0);
	}
	r++;
	if (l->info[0] != '\0')
		lock_line(&fw, r, rows, cols, l->info, 0);
	r++;
	/* Our status: one line, or two split at a newline. */
	if (l->status[0] != '\0') {
		strlcpy(buf, l->status, sizeof buf);
		if ((nl = strchr(buf, '\n')) != NULL)
			*nl++ = '\0';
		lock_line(&fw, r, rows, cols, buf, 0x01);
		if (nl != NULL)
			lock_line(&fw, r + 1, rows, cols, nl, 0x01);
	}
	if (prompt) {
		if (prow < top + LOCK_SCREEN_ROWS - 1) {
			for (col = 0; col < cols; col++) {
				memset(&blank, 0, sizeof blank);
				blank.width = blank.len = 1;
				blank.text[0] = ' ';
				proto_frame_cell(&fw, prow, col, &blank);
			}
		}
		col = 2;
		lock_text(&fw, prow, &col, cols, l->prompt, 0);
		if (l->prompt_echo) {
			memcpy(buf, l->line, l->linelen);
			buf[l->linelen] = '\0';
			lock_text(&fw, prow, &col, cols, buf, 0);
			explicit_bzero(buf, sizeof buf);
		}
	}
	proto_frame_end(&fw);

	for (off = 0; off < b.len; off += PROTO_HEADER_SIZE + plen) {
		if (proto_next_message(
			b.data + off, b.len - off, &type, &payload, &plen) != 1)
			break;
		tty_frame(l->tty, payload, plen);
	}
	explicit_bzero(b.data, b.size);
	proto_buf_free(&b);
	l->cb->flush(l->arg);
}

/* Seconds to wait after this many failures in a row: 0, 0, 1, 2, 4 ...
   up to LOCK_WAIT_MAX. */
static unsigned
lock_backoff(unsigned failures)
{
	unsigned n;

	if (failures <= LOCK_FREE_FAILURES)
		return 0;
	n = failures - LOCK_FREE_FAILURES - 1;
	return n >= 5 ? LOCK_WAIT_MAX : 1u << n;
}

/* Is there a PAM service file for name where PAM will read it? */
static int
lock_service_exists(const char *name)
{
	const char *dirs[3], *w, *d;
	char path[4096];
	size_t n = 0, i;

	/* Under pam_wrapper (the tests), PAM reads that directory only. */
	w = getenv("PAM_WRAPPER");
	d = getenv("PAM_WRAPPER_SERVICE_DIR");
	if (w != NULL && strcmp(w, "1") == 0 && d != NULL && *d != '\0')
		dirs[n++] = d;
	else {
		dirs[n++] = ROOST_PAMDIR;
		dirs[n++] = "/etc/pam.d";
	}
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dirs[i], name);
		if (access(path, R_OK) == 0)
			return 1;
	}
	return 0;
}

/* Child: write one message line; exits if the parent is gone. */
static void
lock_child_send(int fd, char kind, const char *text)
{
	char buf[LOCK_MSG_MAX];
	size_t len, off = 0;
	ssize_t n;

	buf[0] = kind;
	lock_copy_text(buf + 1, sizeof buf - 2, text != NULL ? text : "");
	len = strlen(buf);
	buf[len++] = '\n';
	while (off < len) {
		n = write(fd, buf + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			_exit(2);
		off += (size_t)n;
	}
}

/* Child: read the parent's answer line into buf (NUL-terminated, no
   newline). -1 if the parent went away. */
static int
lock_child_read(int fd, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;
	char ch;

	for (;;) {
		n = read(fd, &ch, 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		if (ch == '\n')
			break;
		if (len + 1 < size)
			buf[len++] = ch;
	}
	buf[len] = '\0';
	return 0;
}

/* Child: the PAM conversation function (pam_conv(3)). */
static int
lock_child_conv(int n, const struct pam_message **msg,
    struct pam_response **resp, void *appdata)
{
	struct pam_response *r;
	char line[LOCK_LINE_MAX + 1];
	int fd = *(int *)appdata, i;

	if (n <= 0 || n > PAM_MAX_NUM_MSG)
		return PAM_CONV_ERR;
	r = calloc((size_t)n, sizeof *r);
	if (r == NULL)
		return PAM_BUF_ERR;
	for (i = 0; i < n; i++) {
		switch (msg[i]->msg_style) {
		case PAM_PROMPT_ECHO_OFF:
		case PAM_PROMPT_ECHO_ON:
			lock_child_send(fd,
			    msg[i]->msg_style == PAM_PROMPT_ECHO_ON ? 'E' : 'P',
			    msg[i]->msg);
			if (lock_child_read(fd, line, sizeof line) != 0)
				goto fail;
			r[i].resp = strdup(line);
			explicit_bzero(line, sizeof line);
			if (r[i].resp == NULL)
				goto fail;
			break;
		case PAM_ERROR_MSG:
			lock_child_send(fd, 'X', msg[i]->msg);
			break;
		case PAM_TEXT_INFO:
			lock_child_send(fd, 'I', msg[i]->msg);
			break;
		default:
			goto fail;
		}
	}
	*resp = r;
	return PAM_SUCCESS;
fail:
	explicit_bzero(line, sizeof line);
	for (i = 0; i < n; i++) {
		if (r[i].resp != NULL) {
			explicit_bzero(r[i].resp, strlen(r[i].resp));
			free(r[i].resp);
		}
	}
	free(r);
	return PAM_CONV_ERR;
}

/* Child: one PAM transaction; reports "R<code><text>" and exits. */
static void __attribute__((noreturn)) lock_child_main(
    int fd, const char *service, const char *user, const char *tty_name)
{
	struct pam_conv conv = { lock_child_conv, &fd };
	pam_handle_t *h = NULL;
	char text[300];
	int rv, code;

	rv = pam_start(service, user, &conv, &h);
	if (rv != PAM_SUCCESS && strcmp(service, LOCK_SERVICE_FALLBACK) != 0) {
		/* PAM itself reads "other" for a service without a file;
		   this is for a PAM that refuses instead. */
		if (h != NULL)
			pam_end(h, rv);
		h = NULL;
		rv = pam_start(LOCK_SERVICE_FALLBACK, user, &conv, &h);
	}
	if (rv != PAM_SUCCESS) {
		snprintf(text, sizeof text, "2pam_start: %s",
		    h != NULL ? pam_strerror(h, rv) : "failed");
		lock_child_send(fd, 'R', text);
		_exit(2);
	}
	if (*tty_name != '\0')
		pam_set_item(h, PAM_TTY, tty_name);
	rv = pam_authenticate(h, 0);
	if (rv == PAM_SUCCESS) {
		rv = pam_acct_mgmt(h, 0);
		/* An expired password still proves who types it: the lock
		   screen is no place to change it. */
		if (rv == PAM_NEW_AUTHTOK_REQD)
			rv = PAM_SUCCESS;
	}
	switch (rv) {
	case PAM_SUCCESS:
		code = 0;
		break;
	case PAM_AUTH_ERR:
	case PAM_CRED_INSUFFICIENT:
	case PAM_USER_UNKNOWN:
	case PAM_MAXTRIES:
	case PAM_PERM_DENIED:
	case PAM_ACCT_EXPIRED:
		code = 1;
		break;
	default:
		code = 2;
		break;
	}
	snprintf(text, sizeof text, "%d%s", code, pam_strerror(h, rv));
	pam_end(h, rv);
	lock_child_send(fd, 'R', text);
	_exit(code);
}

/* Reap the child (it has closed its end: it is exiting, or was killed). */
static int
lock_reap(struct lock *l)
{
	int status = -1;

	if (l->pid <= 0)
		return -1;
	while (waitpid(l->pid, &status, 0) == -1 && errno == EINTR)
		;
	l->pid = -1;
	return status;
}

static void
lock_child_close(struct lock *l)
{
	if (l->child_ev != NULL) {
		event_free(l->child_ev);
		l->child_ev = NULL;
	}
	if (l->fd != -1) {
		close(l->fd);
		l->fd = -1;
	}
}

/* Send the typed line to the child as the answer to its prompt. */
static void
lock_submit(struct lock *l)
{
	size_t off = 0, len;
	ssize_t n;

	l->line[l->linelen] = '\n';
	len = l->linelen + 1;
	while (off < len) {
		n = write(l->fd, l->line + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* the child is gone; its EOF says what next */
		off += (size_t)n;
	}
	lock_line_wipe(l);
	l->prompt_pending = 0;
	l->status[0] = '\0';
}

static void
lock_timer_cb(int fd, short events, void *arg)
{
	struct lock *l = arg;

	(void)fd;
	(void)events;
	if (l->state == LOCK_WAIT) {
		l->status[0] = '\0';
		lock_attempt(l);
	}
}

/* The child ended: unlock, ask again, or report the error. */
static void
lock_child_done(struct lock *l)
{
	struct timeval tv;
	unsigned wait;
	int status;

	lock_child_close(l);
	status = lock_reap(l);
	l->prompt_pending = 0;
	lock_line_wipe(l);
	if (l->result == 0 && status != -1 && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0) {
		l->failures = 0;
		snprintf(l->status, sizeof l->status, "Unlocked.");
		lock_draw(l);
		l->cb->unlocked(l->arg); /* may free l */
		return;
	}
	if (l->result == 1) {
		l->failures++;
		wait = lock_backoff(l->failures);
		if (wait == 0) {
			if (l->failures == 1)
				snprintf(l->status, sizeof l->status,
				    "Authentication failed.");
			else
				snprintf(l->status, sizeof l->status,
				    "Authentication failed (%u in a row).",
				    l->failures);
			lock_attempt(l);
			return;
		}
		snprintf(l->status, sizeof l->status,
		    "Authentication failed (%u in a row); wait %u s.",
		    l->failures, wait);
		l->state = LOCK_WAIT;
		tv.tv_sec = wait;
		tv.tv_usec = 0;
		evtimer_add(l->timer_ev, &tv);
		lock_draw(l);
		return;
	}
	/* Never unlock on an error. */
	l->state = LOCK_ERROR;
	if (l->result == 2)
		snprintf(l->status, sizeof l->status,
		    "PAM error (service %s): %s.\nStill locked; press Enter "
		    "to try again.",
		    l->service, l->result_text);
	else
		snprintf(l->status, sizeof l->status,
		    "PAM check ended abnormally (service %s).\nStill locked; "
		    "press Enter to try again.",
		    l->service);
	lock_draw(l);
}

/* One message line from the child. */
static void
lock_child_message(struct lock *l, const char *m)
{
	switch (m[0]) {
	case 'P':
	case 'E':
		lock_copy_text(l->prompt, sizeof l->prompt, m + 1);
		l->prompt_echo = m[0] == 'E';
		l->prompt_pending = 1;
		if (l->line_ready)
			lock_submit(l);
		break;
	case 'I':
	case 'X':
		lock_copy_text(l->info, sizeof l->info, m + 1);
		break;
	case 'R':
		if (m[1] >= '0' && m[1] <= '2') {
			l->result = m[1] - '0';
			lock_copy_text(
			    l->result_text, sizeof l->result_text, m + 2);
		}
		break;
	}
}

static void
lock_child_cb(int fd, short events, void *arg)
{
	struct lock *l = arg;
	ssize_t n;
	char *nl;
	size_t len;

	(void)events;
	n = read(fd, l->msg + l->msglen, sizeof l->msg - 1 - l->msglen);
	if (n == -1 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		lock_child_done(l); /* may free l */
		return;
	}
	l->msglen += (size_t)n;
	l->msg[l->msglen] = '\0';
	while ((nl = memchr(l->msg, '\n', l->msglen)) != NULL) {
		*nl = '\0';
		lock_child_message(l, l->msg);
		len = (size_t)(nl + 1 - l->msg);
		memmove(l->msg, nl + 1, l->msglen - len);
		l->msglen -= len;
	}
	if (l->msglen == sizeof l->msg - 1)
		l->msglen = 0; /* a line too long: dropped */
	lock_draw(l);
}

/* Start one PAM transaction in a child. */
static void
lock_attempt(struct lock *l)
{
	int sv[2], null;
	pid_t pid;

	l->state = LOCK_ASK;
	l->result = -1;
	l->msglen = 0;
	l->prompt_pending = 0;
	l->info[0] = '\0';
	lock_line_wipe(l);
	/* Without a "roost" file PAM uses "other" by itself (asking for
	   "other" by name would run its stack under another service name);
	   the screen says so. */
	l->service = LOCK_SERVICE;
	if (!lock_service_exists(LOCK_SERVICE))
		l->fallback = 1;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1)
		goto fail;
	switch ((pid = fork())) {
	case -1:
		close(sv[0]);
		close(sv[1]);
		goto fail;
	case 0:
		close(sv[0]);
		setpgid(0, 0);
		signal(SIGPIPE, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGWINCH, SIG_DFL);
		if ((null = open("/dev/null", O_RDWR)) != -1) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
			if (null > STDERR_FILENO)
				close(null);
		}
		lock_child_main(sv[1], l->service, l->user, l->tty_name);
	}
	close(sv[1]);
	l->pid = pid;
	l->fd = sv[0];
	fcntl(l->fd, F_SETFL, fcntl(l->fd, F_GETFL) | O_NONBLOCK);
	l->child_ev =
	    event_new(l->base, l->fd, EV_READ | EV_PERSIST, lock_child_cb, l);
	event_add(l->child_ev, NULL);
	lock_draw(l);
	return;
fail:
	l->state = LOCK_ERROR;
	snprintf(l->status, sizeof l->status,
	    "Cannot start the PAM check: %s.\nStill locked; press Enter "
	    "to try again.",
	    strerror(errno));
	lock_draw(l);
}

/* LOCKPRG: the terminal goes back to it, the client stops reading. */
static void
lock_prg_give_terminal(struct lock *l)
{
	struct sigaction sa;

	l->cb->input(l->arg, 0);
	tty_stop(l->tty);
	/* ISIG is on again: the keys must not stop the client. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &l->old_int);
	sigaction(SIGQUIT, &sa, &l->old_quit);
	sigaction(SIGTSTP, &sa, &l->old_tstp);
}

static void
lock_prg_take_terminal(struct lock *l)
{
	sigaction(SIGINT, &l->old_int, NULL);
	sigaction(SIGQUIT, &l->old_quit, NULL);
	sigaction(SIGTSTP, &l->old_tstp, NULL);
	tty_start(l->tty);
	l->cb->input(l->arg, 1);
}

static void
lock_prg_sigchld_cb(int sig, short events, void *arg)
{
	struct lock *l = arg;
	int status;
	pid_t pid;

	(void)sig;
	(void)events;
	if (l->pid <= 0)
		return;
	pid = waitpid(l->pid, &status, WNOHANG);
	if (pid != l->pid)
		return;
	l->pid = -1;
	evsignal_del(l->sigchld_ev);
	lock_prg_take_terminal(l);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		l->state = LOCK_PRG_BAD; /* nothing runs any more */
		snprintf(l->status, sizeof l->status, "Unlocked.");
		lock_draw(l);
		l->cb->unlocked(l->arg); /* may free l */
		return;
	}
	l->state = LOCK_PRG_BAD;
	if (WIFEXITED(status))
		snprintf(l->status, sizeof l->status,
		    "LOCKPRG exited with status %d.\nStill locked; press Enter "
		    "to run it again.",
		    WEXITSTATUS(status));
	else
		snprintf(l->status, sizeof l->status,
		    "LOCKPRG was killed by signal %d.\nStill locked; press "
		    "Enter to run it again.",
		    WTERMSIG(status));
	lock_draw(l);
}

/* Run $LOCKPRG on the terminal (through sh -c, so it may have words). */
static void
lock_prg_run(struct lock *l)
{
	pid_t pid;

	/* Blank the terminal first: what was drawn must not stay visible
	   if the program draws nothing. */
	l->state = LOCK_PRG_BAD;
	l->status[0] = '\0';
	lock_draw(l);
	l->state = LOCK_PRG;
	lock_prg_give_terminal(l);
	evsignal_add(l->sigchld_ev, NULL);
	switch ((pid = fork())) {
	case -1:
		evsignal_del(l->sigchld_ev);
		lock_prg_take_terminal(l);
		l->state = LOCK_PRG_BAD;
		snprintf(l->status, sizeof l->status,
		    "Cannot run LOCKPRG: %s.\nPress Enter to try again.",
		    strerror(errno));
		lock_draw(l);
		return;
	case 0:
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGTSTP, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGWINCH, SIG_DFL);
		signal(SIGCHLD, SIG_DFL);
		execl("/bin/sh", "sh", "-c", l->lockprg, (char *)NULL);
		_exit(127);
	}
	l->pid = pid;
}

struct lock *
lock_start(struct event_base *base, struct tty *tty, const char *session,
    int whole_session, const struct lock_callbacks *cb, void *arg)
{
	struct lock *l;
	struct passwd *pw;
	const char *s;
	char *p;

	l = xcalloc(1, sizeof *l);
	l->base = base;
	l->tty = tty;
	l->cb = cb;
	l->arg = arg;
	l->session = xstrdup(session);
	l->whole_session = whole_session;
	l->since = time(NULL);
	l->pid = -1;
	l->fd = -1;
	l->result = -1;
	/* The user who owns the server: the same uid as this client. */
	if ((pw = getpwuid(getuid())) != NULL)
		strlcpy(l->user, pw->pw_name, sizeof l->user);
	else if ((s = getenv("USER")) != NULL)
		strlcpy(l->user, s, sizeof l->user);
	else
		snprintf(
		    l->user, sizeof l->user, "%lu", (unsigned long)getuid());
	if (gethostname(l->host, sizeof l->host) != 0)
		strlcpy(l->host, "localhost", sizeof l->host);
	l->host[sizeof l->host - 1] = '\0';
	if ((p = strchr(l->host, '.')) != NULL)
		*p = '\0';
	if (ttyname_r(STDIN_FILENO, l->tty_name, sizeof l->tty_name) != 0)
		l->tty_name[0] = '\0';
	l->timer_ev = evtimer_new(base, lock_timer_cb, l);
	l->sigchld_ev = evsignal_new(base, SIGCHLD, lock_prg_sigchld_cb, l);

	s = getenv("LOCKPRG");
	if (s != NULL && *s != '\0') {
		l->lockprg = s;
		lock_prg_run(l);
	} else
		lock_attempt(l);
	return l;
}

void
lock_set_kind(struct lock *l, int whole_session)
{
	if (l->whole_session == whole_session)
		return;
	l->whole_session = whole_session;
	lock_draw(l);
}

void
lock_resize(struct lock *l)
{
	lock_draw(l);
}

/* Remove the last UTF-8 character of the line. */
static void
lock_line_backspace(struct lock *l)
{
	while (l->linelen > 0) {
		l->linelen--;
		if (((unsigned char)l->line[l->linelen] & 0xc0) != 0x80)
			break;
	}
	explicit_bzero(l->line + l->linelen, sizeof l->line - l->linelen);
}

void
lock_input(struct lock *l, const uint8_t *buf, size_t len)
{
	size_t i;
	uint8_t ch;
	int redraw = 0;

	for (i = 0; i < len; i++) {
		ch = buf[i];
		switch (l->state) {
		case LOCK_ERROR:
			if (ch == '\r' || ch == '\n')
				lock_attempt(l);
			continue;
		case LOCK_PRG_BAD:
			if ((ch == '\r' || ch == '\n') && l->pid <= 0) {
				lock_prg_run(l);
				return;
			}
			continue;
		case LOCK_WAIT:
		case LOCK_PRG:
			continue;
		case LOCK_ASK:
			break;
		}
		if (l->line_ready)
			continue; /* until the prompt takes the line */
		if (ch == '\r' || ch == '\n') {
			if (l->prompt_pending)
				lock_submit(l);
			else
				l->line_ready = 1;
			redraw = 1;
		} else if (ch == 0x7f || ch == 0x08) {
			lock_line_backspace(l);
			redraw = l->prompt_echo;
		} else if (ch == 0x15) { /* C-u: start the line again */
			lock_line_wipe(l);
			redraw = l->prompt_echo;
		} else if (ch < 0x20) {
			/* C-c, C-z, C-\ and other controls do nothing. */
		} else if (l->linelen < sizeof l->line - 1) {
			l->line[l->linelen++] = (char)ch;
			redraw = l->prompt_echo;
		}
	}
	if (redraw && (l->state == LOCK_ASK))
		lock_draw(l);
}

void
lock_free(struct lock *l)
{
	if (l == NULL)
		return;
	lock_child_close(l);
	if (l->pid > 0) {
		kill(l->pid, SIGKILL);
		lock_reap(l);
		if (l->state == LOCK_PRG) {
			evsignal_del(l->sigchld_ev);
			lock_prg_take_terminal(l);
		}
	}
	lock_line_wipe(l);
	event_free(l->timer_ev);
	event_free(l->sigchld_ev);
	free(l->session);
	explicit_bzero(l, sizeof *l);
	free(l);
}
