/*
 * log-window.c -- window logging (screen(1): log, logfile, deflog,
 * logtstamp, screen -L; roost adds logflush and lograw). What a window's
 * program writes is appended to a file, by default "roostlog.%n" in the
 * directory the window started in. Unless lograw is on the log holds
 * plain text: printable characters (UTF-8 kept), tabs and line ends, with
 * CR LF written as LF and escape sequences and other controls dropped.
 * Writes are gathered and flushed every logflush seconds and when the log
 * closes. The file is created mode 0600 and never opened through a
 * symbolic link. Only reads the window; never touches the emulator.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "copy.h"
#include "util/xmalloc.h"

/* Pending bytes written at once, whatever the flush interval. */
#define LOG_PENDING_MAX 65536

/* The plain-text filter's states (ECMA-48 sequence shapes). */
enum log_state {
	LOG_GROUND,
	LOG_ESC,	/* after ESC */
	LOG_ESC_INTER,	/* ESC and intermediates, waiting for the final */
	LOG_CSI,	/* parameters and intermediates, until the final */
	LOG_STRING,	/* OSC, DCS, SOS, PM, APC, screen's ESC k title */
	LOG_STRING_ESC, /* ESC inside a string: ST or not */
};

struct window_log {
	char *cwd;  /* the window's starting directory */
	int fd;	    /* -1 while not logging */
	char *path; /* the open log's path */
	struct copy_text pending;
	struct event *flush_ev;
	enum log_state state;
	time_t last; /* last output logged */
};

static struct copy_state *
log_state(struct window *w)
{
	return paste_state(w->session->server);
}

/* Record where w started (the session's directory now) and start its log
   if deflog is on. Called once when the window is created. */
void
log_window_create(struct window *w)
{
	struct window_log *wl;

	wl = xcalloc(1, sizeof *wl);
	wl->fd = -1;
	wl->cwd = xstrdup(w->session->cwd != NULL ? w->session->cwd : "/");
	w->log = wl;
	if (log_state(w)->deflog)
		log_window_set(w, 1, NULL);
}

static void
log_window_write(struct window *w)
{
	struct window_log *wl = w->log;
	ssize_t n;
	size_t off = 0;

	while (wl->fd != -1 && off < wl->pending.len) {
		n = write(
		    wl->fd, wl->pending.data + off, wl->pending.len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* a full disk: the text is lost, not the server */
		off += (size_t)n;
	}
	wl->pending.len = 0;
}

static void
log_window_flush_cb(int fd, short events, void *arg)
{
	(void)fd;
	(void)events;
	log_window_write(arg);
}

/* Flush every window's log (server exit). */
void
log_window_flush_all(struct server *s)
{
	struct session *sess;
	struct window *w;

	TAILQ_FOREACH (sess, &s->sessions, entry) {
		TAILQ_FOREACH (w, &sess->windows, entry) {
			if (w->log != NULL)
				log_window_write(w);
		}
	}
}

/* Queue bytes for the log; the flush timer or the size limit writes. */
static void
log_window_queue(struct window *w, const char *p, size_t n)
{
	struct window_log *wl = w->log;
	unsigned secs = log_state(w)->logflush;
	struct timeval tv;

	copy_text_add(&wl->pending, p, n);
	if (secs == 0 || wl->pending.len >= LOG_PENDING_MAX) {
		log_window_write(w);
		return;
	}
	if (wl->flush_ev == NULL)
		wl->flush_ev = evtimer_new(
		    w->session->server->base, log_window_flush_cb, w);
	if (!evtimer_pending(wl->flush_ev, NULL)) {
		tv.tv_sec = (time_t)secs;
		tv.tv_usec = 0;
		evtimer_add(wl->flush_ev, &tv);
	}
}

/* Keep the printable text of program output (see the file comment). */
static void
log_window_plain(struct window *w, const char *buf, size_t len)
{
	struct window_log *wl = w->log;
	char out[4096];
	size_t i, n = 0;
	unsigned char ch;

	for (i = 0; i < len; i++) {
		ch = (unsigned char)buf[i];
		if (ch == 0x18 || ch == 0x1a) { /* CAN, SUB: abort */
			wl->state = LOG_GROUND;
			continue;
		}
		switch (wl->state) {
		case LOG_GROUND:
			if (ch == 0x1b)
				wl->state = LOG_ESC;
			else if (ch == '\n' || ch == '\t' || ch >= 0x20) {
				if (ch != 0x7f)
					out[n++] = (char)ch;
			}
			/* CR and other controls are dropped: CR LF is LF. */
			break;
		case LOG_ESC:
			if (ch == '[')
				wl->state = LOG_CSI;
			else if (ch == ']' || ch == 'P' || ch == 'X' ||
			    ch == '^' || ch == '_' || ch == 'k')
				wl->state = LOG_STRING;
			else if (ch >= 0x20 && ch <= 0x2f)
				wl->state = LOG_ESC_INTER;
			else if (ch == 0x1b)
				wl->state = LOG_ESC;
			else
				wl->state = LOG_GROUND;
			break;
		case LOG_ESC_INTER:
			if (ch >= 0x30 && ch <= 0x7e)
				wl->state = LOG_GROUND;
			else if (ch == 0x1b)
				wl->state = LOG_ESC;
			break;
		case LOG_CSI:
			if (ch >= 0x40 && ch <= 0x7e)
				wl->state = LOG_GROUND;
			else if (ch == 0x1b)
				wl->state = LOG_ESC;
			break;
		case LOG_STRING:
			if (ch == 0x07)
				wl->state = LOG_GROUND;
			else if (ch == 0x1b)
				wl->state = LOG_STRING_ESC;
			break;
		case LOG_STRING_ESC:
			wl->state = ch == '\\' ? LOG_GROUND : LOG_STRING;
			break;
		}
		if (n == sizeof out) {
			log_window_queue(w, out, n);
			n = 0;
		}
	}
	if (n > 0)
		log_window_queue(w, out, n);
}

/* screen(1): logtstamp -- a line saying when output resumed. */
static void
log_window_stamp(struct window *w, time_t now)
{
	char line[512], when[64];
	struct tm tm;
	int n;

	localtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
	n = snprintf(line, sizeof line, "-- %u:%s -- time-stamp -- %s --\n",
	    w->number, window_title(w), when);
	if (n > 0)
		log_window_queue(w, line,
		    (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

/* Program output of w (len bytes as read from the pty). */
void
log_window_feed(struct window *w, const char *buf, size_t len)
{
	struct window_log *wl = w->log;
	struct copy_state *cs;
	time_t now;

	if (wl == NULL || wl->fd == -1 || len == 0)
		return;
	cs = log_state(w);
	now = time(NULL);
	if (cs->logtstamp && wl->last != 0 &&
	    now - wl->last >= (time_t)cs->logtstamp_after)
		log_window_stamp(w, now);
	wl->last = now;
	if (cs->lograw)
		log_window_queue(w, buf, len);
	else
		log_window_plain(w, buf, len);
}

/*
 * The log file's name: the logfile setting (default "roostlog.%n") with
 * %n the window number, %t its title, %S the session name, %% a percent;
 * relative names are in the window's starting directory. Allocated.
 */
static char *
log_window_path(struct window *w)
{
	const char *fmt = log_state(w)->logfile, *p;
	struct copy_text t;
	char num[16], *path;

	if (fmt == NULL || *fmt == '\0')
		fmt = "roostlog.%n";
	memset(&t, 0, sizeof t);
	for (p = fmt; *p != '\0'; p++) {
		if (*p != '%' || p[1] == '\0') {
			copy_text_add(&t, p, 1);
			continue;
		}
		switch (*++p) {
		case 'n':
			snprintf(num, sizeof num, "%u", w->number);
			copy_text_add(&t, num, strlen(num));
			break;
		case 't':
			copy_text_add(
			    &t, window_title(w), strlen(window_title(w)));
			break;
		case 'S':
			copy_text_add(
			    &t, w->session->name, strlen(w->session->name));
			break;
		case '%':
			copy_text_add(&t, "%", 1);
			break;
		default:
			copy_text_add(&t, p - 1, 2);
			break;
		}
	}
	copy_text_add(&t, "", 1);
	if (t.data[0] == '/')
		return t.data;
	xasprintf(&path, "%s/%s", w->log->cwd, t.data);
	copy_text_free(&t);
	return path;
}

/* Is w being logged? */
int
log_window_on(const struct window *w)
{
	return w->log != NULL && w->log->fd != -1;
}

/*
 * Start (on) or stop logging w. Returns 0, or -1 with *cause allocated
 * when the file cannot be opened (cause may be NULL: not wanted).
 */
int
log_window_set(struct window *w, int on, char **cause)
{
	struct window_log *wl = w->log;
	char *path, *why;
	int fd;

	if (wl == NULL)
		return 0;
	if (!on) {
		if (wl->fd == -1)
			return 0;
		log_window_write(w);
		close(wl->fd);
		wl->fd = -1;
		if (wl->flush_ev != NULL)
			evtimer_del(wl->flush_ev);
		return 0;
	}
	if (wl->fd != -1)
		return 0;
	path = log_window_path(w);
	if ((fd = paste_open_write(path, 1, &why)) == -1) {
		if (cause != NULL)
			*cause = why;
		else
			free(why);
		free(path);
		return -1;
	}
	wl->fd = fd;
	free(wl->path);
	wl->path = path;
	wl->state = LOG_GROUND;
	wl->last = 0;
	return 0;
}

/* Flush and close w's log and free its state (the window is going). */
void
log_window_destroy(struct window *w)
{
	struct window_log *wl = w->log;

	if (wl == NULL)
		return;
	log_window_set(w, 0, NULL);
	if (wl->flush_ev != NULL)
		event_free(wl->flush_ev);
	copy_text_free(&wl->pending);
	free(wl->path);
	free(wl->cwd);
	free(wl);
	w->log = NULL;
}

/* screen(1): log [on|off] -- no argument toggles (C-a H). */
int
cmd_log_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct window *w = ctx->window;
	char *cause = NULL;
	int on;

	if (w == NULL || w->log == NULL)
		return cmd_error(ctx, "log: no window");
	on = !log_window_on(w);
	if (argc > 0 && cmd_onoff(argv[0], &on) != 0)
		return cmd_error(
		    ctx, "log: invalid argument. Give 'on' or 'off'");
	if (on == log_window_on(w))
		return 0;
	if (log_window_set(w, on, &cause) != 0) {
		cmd_error(ctx, "log: %s", cause);
		free(cause);
		return -1;
	}
	if (on)
		cmd_message(ctx, "Logging window %u to \"%s\"", w->number,
		    w->log->path);
	else
		cmd_message(ctx, "Logfile \"%s\" closed.", w->log->path);
	return 0;
}

/* screen(1): logfile [filename] and logfile flush secs. */
int
cmd_logfile_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct copy_state *cs = paste_state(ctx->session->server);
	const char *errstr;
	long long n;

	if (argc == 0) {
		cmd_message(ctx, "logfile is \"%s\"",
		    cs->logfile != NULL ? cs->logfile : "roostlog.%n");
		return 0;
	}
	if (strcmp(argv[0], "flush") == 0) {
		if (argc < 2)
			return cmd_error(ctx, "logfile flush: seconds needed");
		n = strtonum(argv[1], 0, 86400, &errstr);
		if (errstr != NULL)
			return cmd_error(ctx, "logfile flush: %s", errstr);
		cs->logflush = (unsigned)n;
		return 0;
	}
	free(cs->logfile);
	cs->logfile = xstrdup(argv[0]);
	return 0;
}

/* logflush secs -- how long log output may wait before it is written. */
int
cmd_logflush_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	char *args[2] = { (char *)"flush", argv[0] };

	(void)argc;
	return cmd_logfile_exec(ctx, 2, args);
}

/* screen(1): logtstamp [on|off|after secs|string str]. */
int
cmd_logtstamp_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct copy_state *cs = paste_state(ctx->session->server);
	const char *errstr;
	long long n;

	if (argc == 0) {
		cs->logtstamp = !cs->logtstamp;
		return 0;
	}
	if (strcmp(argv[0], "after") == 0) {
		if (argc < 2)
			return cmd_error(
			    ctx, "logtstamp after: seconds needed");
		n = strtonum(argv[1], 0, 86400 * 365, &errstr);
		if (errstr != NULL)
			return cmd_error(ctx, "logtstamp after: %s", errstr);
		cs->logtstamp_after = (unsigned)n;
		return 0;
	}
	if (strcmp(argv[0], "string") == 0)
		return cmd_error(ctx, "logtstamp string: not supported");
	if (cmd_onoff(argv[0], &cs->logtstamp) != 0)
		return cmd_error(
		    ctx, "logtstamp: invalid argument. Give 'on' or 'off'");
	return 0;
}

/* lograw [on|off] -- log the bytes as they came, escapes and all. */
int
cmd_lograw_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct copy_state *cs = paste_state(ctx->session->server);

	if (argc == 0) {
		cs->lograw = !cs->lograw;
		return 0;
	}
	if (cmd_onoff(argv[0], &cs->lograw) != 0)
		return cmd_error(
		    ctx, "lograw: invalid argument. Give 'on' or 'off'");
	return 0;
}

/* screen(1): deflog on|off -- new windows log. */
int
cmd_deflog_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct copy_state *cs = paste_state(ctx->session->server);

	(void)argc;
	if (cmd_onoff(argv[0], &cs->deflog) != 0)
		return cmd_error(
		    ctx, "deflog: invalid argument. Give 'on' or 'off'");
	return 0;
}
