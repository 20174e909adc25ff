/*
 * window.c -- windows: a pty, the process on it and the emulator that
 * reads it. Output is read in bounded slices (so one flooding window
 * cannot starve keys, other windows or clients), fed to the emulator, and
 * the clients showing the window are marked for a new frame. Input waits
 * in a buffer when the pty is full; the server never blocks on a pty.
 */
#include <sys/ioctl.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "copy.h"
#include "roost.h"
#include "util/xmalloc.h"

/* Most bytes one read from a pty asks for... */
#define WINDOW_READ_SLICE 65536
/* ... and most reads of a flooding pty per event-loop turn. */
#define WINDOW_READS_PER_TURN 4
/* A read this large means the program is pouring output out... */
#define WINDOW_FLOOD_BYTES 1024
/* ... and this many such reads in a row make the window flooding. */
#define WINDOW_FLOOD_READS 8
/* Longest pause of flooding windows while a keystroke is echoed. */
#define WINDOW_HOLD_US 3000
/* A window that brought nothing for this long no longer floods. */
#define WINDOW_FLOOD_OVER_US 100000
/* While keys were typed into another window this recently (seconds)... */
#define WINDOW_TYPING_S 1
/* ... a flooding window rests this long after each turn's reads. */
#define WINDOW_REST_US 1000

static void window_read_cb(int, short, void *);
static void window_hold_cb(int, short, void *);
static void window_notify(struct client *, const char *, unsigned);
static void window_write_raw(struct window *, const void *, size_t);
static void window_write_cb(int, short, void *);

/* Does display c show w, in its focused region or another one? */
static int
window_shown_on(const struct client *c, const struct window *w)
{
	return c->window == w || layout_shows(c->layout, w);
}

static void
window_mark_dirty(struct window *w)
{
	struct client *c;
	struct server *s = w->session->server;
	int shown = 0;

	/* Every display with a region on w draws again, not only the one
	   whose focus it has. */
	TAILQ_FOREACH (c, &s->clients, entry) {
		if (c->state == CLIENT_ATTACHED && window_shown_on(c, w)) {
			c->dirty = 1;
			shown = 1;
		}
	}
	w->last_output = time(NULL);
	if (w->silence > 0) {
		/* Re-arm: silence is counted from the last output. */
		struct timeval tv = { (time_t)w->silence, 0 };

		w->silent = 0;
		evtimer_add(w->silence_ev, &tv);
	}
	if (shown)
		server_render_soon(s);
	else if (!w->activity) {
		w->activity = 1;
		if (w->monitor) {
			/* screen(1): activity, reported once until seen. */
			TAILQ_FOREACH (c, &s->clients, entry) {
				if (c->state == CLIENT_ATTACHED &&
				    c->session == w->session)
					window_notify(c,
					    w->session->options.activity_msg !=
						    NULL
						? w->session->options
						      .activity_msg
						: "Activity in window %n",
					    w->number);
			}
		}
	}
}

/*
 * Show a bell or activity message on c: screen's form, where "%n" (or a
 * lone "%") is the window number and a BEL (^G) rings the terminal's
 * bell too. An empty message shows nothing.
 */
static void
window_notify(struct client *c, const char *fmt, unsigned number)
{
	char out[512], num[16];
	size_t n = 0, i;
	int ring = 0;

	snprintf(num, sizeof num, "%u", number);
	for (; *fmt != '\0' && n + sizeof num < sizeof out; fmt++) {
		if (*fmt == '%') {
			if (fmt[1] == 'n')
				fmt++;
			for (i = 0; num[i] != '\0'; i++)
				out[n++] = num[i];
		} else if (*fmt == '\a')
			ring = 1;
		else
			out[n++] = *fmt;
	}
	out[n] = '\0';
	if (ring && !c->locked) {
		proto_msg_begin(&c->out, PROTO_BELL);
		proto_msg_end(&c->out);
		server_client_flush(c);
	}
	if (n > 0)
		server_client_message(c, "%s", out);
}

static void
window_silence_cb(int fd, short events, void *arg)
{
	struct window *w = arg;
	struct client *c;

	(void)fd;
	(void)events;
	if (w->silence == 0)
		return;
	w->silent = 1;
	TAILQ_FOREACH (c, &w->session->server->clients, entry) {
		if (c->state == CLIENT_ATTACHED && c->session == w->session)
			server_client_message(c,
			    "Window %u: silence for %u seconds", w->number,
			    w->silence);
	}
}

/* Watch w for `seconds` of silence (screen(1): silence); 0 stops. */
void
window_set_silence(struct window *w, unsigned seconds)
{
	struct timeval tv = { (time_t)seconds, 0 };

	w->silence = seconds;
	w->silent = 0;
	if (w->silence_ev == NULL)
		w->silence_ev =
		    evtimer_new(w->session->server->base, window_silence_cb, w);
	if (seconds == 0)
		evtimer_del(w->silence_ev);
	else
		evtimer_add(w->silence_ev, &tv);
}

static void
window_vt_reply(void *arg, const char *buf, size_t len)
{
	window_write(arg, buf, len);
}

static void
window_vt_title(void *arg, const char *title)
{
	struct window *w = arg;
	struct client *c;

	if (w->title_manual)
		return;
	free(w->title);
	w->title = xstrdup(title);
	/* The status line shows titles: every display of the session. */
	TAILQ_FOREACH (c, &w->session->server->clients, entry) {
		if (c->session == w->session)
			c->dirty = 1;
	}
	server_render_soon(w->session->server);
}

static void
window_vt_bell(void *arg)
{
	struct window *w = arg;
	struct client *c;
	struct proto_buf *b;

	TAILQ_FOREACH (c, &w->session->server->clients, entry) {
		/* A locked display gets nothing of the windows (lock.c). */
		if (c->state != CLIENT_ATTACHED || c->session != w->session ||
		    c->locked)
			continue;
		if (c->window == w && w->session->options.vbell) {
			/* A visual bell: a message instead of a beep. */
			server_client_message(c, "%s",
			    w->session->options.vbell_msg != NULL
				? w->session->options.vbell_msg
				: "Wuff, Wuff!!");
		} else if (c->window == w) {
			b = &c->out;
			proto_msg_begin(b, PROTO_BELL);
			proto_msg_end(b);
			server_client_flush(c);
		} else {
			w->bell = 1;
			window_notify(c,
			    w->session->options.bell_msg != NULL
				? w->session->options.bell_msg
				: "Bell in window %n",
			    w->number);
		}
	}
}

static void
window_vt_clipboard(void *arg, const char *selection, const char *data)
{
	struct window *w = arg;
	struct client *c;
	const char *argv[2];

	/* Default policy: pass OSC 52 to the displays showing the window. */
	if (strcmp(data, "?") == 0)
		return;
	argv[0] = selection;
	argv[1] = data;
	TAILQ_FOREACH (c, &w->session->server->clients, entry) {
		if (c->state == CLIENT_ATTACHED && c->window == w &&
		    !c->locked) {
			proto_strings_encode(&c->out, PROTO_CLIPBOARD, argv, 2);
			server_client_flush(c);
		}
	}
}

static const struct vt_callbacks window_vt_callbacks = {
	window_vt_reply,
	window_vt_title,
	window_vt_bell,
	window_vt_clipboard,
};

/* The environment a window starts with: the session's, adjusted. */
static char **
window_environment(struct window *w, const char *term)
{
	struct session *sess = w->session;
	struct server *s = sess->server;
	char **env;
	size_t n, i, j;

	for (n = 0; sess->env[n] != NULL; n++)
		;
	env = xcalloc(n + 4, sizeof *env);
	for (i = j = 0; i < n; i++) {
		const char *e = sess->env[i];

		if (strncmp(e, "TERM=", 5) == 0 ||
		    strncmp(e, "ROOST=", 6) == 0 ||
		    strncmp(e, "WINDOW=", 7) == 0 ||
		    strncmp(e, "COLUMNS=", 8) == 0 ||
		    strncmp(e, "LINES=", 6) == 0 ||
		    strncmp(e, "TERMCAP=", 8) == 0)
			continue;
		env[j++] = xstrdup(e);
	}
	/* DESIGN.md decision 7: screen-256color, in every ncurses. */
	if (term == NULL)
		term = sess->options.term != NULL ? sess->options.term
						  : "screen-256color";
	xasprintf(&env[j++], "TERM=%s", term);
	xasprintf(&env[j++], "ROOST=%s,%u,%u", s->path, sess->id, w->number);
	xasprintf(&env[j++], "WINDOW=%u", w->number);
	env[j] = NULL;
	return env;
}

static const char *
window_env_get(char *const *env, const char *name)
{
	size_t len = strlen(name);

	for (; *env != NULL; env++) {
		if (strncmp(*env, name, len) == 0 && (*env)[len] == '=')
			return *env + len + 1;
	}
	return NULL;
}

/*
 * Create a window in sess running argv (NULL: the session's $SHELL, else
 * /bin/sh) on a rows x cols pty. number is the window number wanted, or
 * -1 for the lowest free one (screen(1)). title NULL means the command's
 * name. Returns the window or NULL with *cause allocated.
 */
struct window *
window_create(struct session *sess, int number, const char *title,
    char *const *argv, unsigned rows, unsigned cols,
    const struct window_spec *spec, char **cause)
{
	struct options *o = &sess->options;
	int is_shell = 0, login_shell = 0;
	unsigned history;
	struct window *w, *at;
	char **env, *shell_argv[2], *base, *copy;
	const char *shell;
	unsigned n;
	size_t i;

	if (number >= 0 && session_window(sess, (unsigned)number) != NULL) {
		xasprintf(cause, "window %d already exists", number);
		return NULL;
	}
	if (number < 0) {
		for (n = 0; session_window(sess, n) != NULL; n++)
			;
	} else
		n = (unsigned)number;
	if (rows < 1)
		rows = 1;
	if (cols < 1)
		cols = 1;

	w = xcalloc(1, sizeof *w);
	w->session = sess;
	w->number = n;
	w->fd = -1;
	w->pid = -1;
	w->rows = rows;
	w->cols = cols;

	w->encoding = o->defencoding;
	w->monitor =
	    spec != NULL && spec->monitor >= 0 ? spec->monitor : o->defmonitor;
	if (argv == NULL || argv[0] == NULL) {
		/* screen(1): shell, else $SHELL; a leading '-' asks for a
		   login shell (argv[0] "-name"). */
		shell = o->shell != NULL ? o->shell
					 : window_env_get(sess->env, "SHELL");
		login_shell = shell != NULL && shell[0] == '-';
		if (login_shell)
			shell++;
		if (shell == NULL || *shell == '\0')
			shell = "/bin/sh";
		shell_argv[0] = (char *)shell;
		shell_argv[1] = NULL;
		argv = shell_argv;
		is_shell = 1;
		if (title == NULL && o->shelltitle != NULL)
			title = o->shelltitle;
	}
	if (title != NULL)
		w->title = xstrdup(title);
	else {
		copy = xstrdup(argv[0]);
		base = basename(copy);
		w->title = xstrdup(base);
		free(copy);
	}

	history = spec != NULL && spec->history >= 0 ? (unsigned)spec->history
						     : o->defscrollback;
	w->id = ++sess->server->next_window_id;
	w->vt = vt_create(rows, cols, history, &window_vt_callbacks, w);
	if (w->vt != NULL && !o->altscreen)
		vt_set_altscreen(w->vt, 0);
	if (w->vt == NULL) {
		xasprintf(
		    cause, "out of memory for a %ux%u window", cols, rows);
		free(w->title);
		free(w);
		return NULL;
	}

	/* Insert by number before spawning: the environment names it. */
	TAILQ_FOREACH (at, &sess->windows, entry) {
		if (at->number > n)
			break;
	}
	if (at != NULL)
		TAILQ_INSERT_BEFORE(at, w, entry);
	else
		TAILQ_INSERT_TAIL(&sess->windows, w, entry);

	env = window_environment(w, spec != NULL ? spec->term : NULL);
	w->pid = spawn_window(argv, env, sess->cwd, rows, cols, &w->fd, w->tty,
	    sizeof w->tty, is_shell && login_shell, cause);
	for (i = 0; env[i] != NULL; i++)
		free(env[i]);
	free(env);
	if (w->pid == -1) {
		TAILQ_REMOVE(&sess->windows, w, entry);
		vt_free(w->vt);
		free(w->title);
		free(w);
		return NULL;
	}
	w->login = spec != NULL && spec->login >= 0 ? spec->login : o->deflogin;
	if (w->login)
		utmp_add(w->fd, "roost");
	if (o->defsilence)
		window_set_silence(w, o->silencewait);
	log_window_create(w);

	w->read_ev = event_new(
	    sess->server->base, w->fd, EV_READ | EV_PERSIST, window_read_cb, w);
	w->write_ev =
	    event_new(sess->server->base, w->fd, EV_WRITE, window_write_cb, w);
	event_add(w->read_ev, NULL);
	return w;
}

/* Close the pty, hang up the process and free the window. Clients showing
   it move to another window of the session. */
void
window_destroy(struct window *w)
{
	struct session *sess = w->session;

	TAILQ_REMOVE(&sess->windows, w, entry);
	if (sess->curw == w)
		sess->curw = TAILQ_FIRST(&sess->windows);
	mode_copy_window_gone(sess->server, w);
	server_client_window_gone(sess->server, w);
	log_window_destroy(w);
	if (w->read_ev != NULL)
		event_free(w->read_ev);
	if (w->write_ev != NULL)
		event_free(w->write_ev);
	if (w->fd != -1) {
		if (w->login)
			utmp_remove(w->fd);
		close(w->fd);
	}
	if (w->pid != -1 && !w->dead)
		kill(w->pid, SIGHUP);
	if (w->silence_ev != NULL)
		event_free(w->silence_ev);
	vt_free(w->vt);
	free(w->wbuf);
	free(w->title);
	free(w);
}

/*
 * Give the emulator what the program wrote, in the window's encoding
 * (screen(1): encoding).
 */
static void
window_feed(struct window *w, const char *buf, size_t len)
{
	if (w->log != NULL)
		log_window_feed(w, buf, len);
	if (w->encoding == ENCODING_LATIN1)
		vt_feed_latin1(w->vt, buf, len);
	else
		vt_feed(w->vt, buf, len);
}

/* Read what remains on the pty into the emulator (the child is gone). */
static void
window_drain(struct window *w)
{
	char buf[16384];
	ssize_t n;
	int rounds = 64;

	while (w->fd != -1 && rounds-- > 0) {
		n = read(w->fd, buf, sizeof buf);
		if (n <= 0)
			break;
		window_feed(w, buf, (size_t)n);
	}
}

/*
 * Stop reading w until window_release_floods(), at the latest when
 * s->hold_ev fires: in us microseconds, or (keep) when an armed hold_ev
 * fires. The output waits in the pty.
 */
static void
window_pause(struct window *w, long us, int keep)
{
	struct server *s = w->session->server;
	struct timeval tv = { 0, us };

	event_del(w->read_ev);
	w->held = 1;
	if (s->hold_ev == NULL)
		s->hold_ev = evtimer_new(s->base, window_hold_cb, s);
	if (!keep || !evtimer_pending(s->hold_ev, NULL))
		evtimer_add(s->hold_ev, &tv);
}

/*
 * w flooded through a whole turn's reads. While someone types into
 * another window, let it rest WINDOW_REST_US before it is read again:
 * its program blocks on the full pty, and the typing finds the CPUs
 * (two on the machines roost is measured on) mostly free, not only
 * during the echo (window_hold_floods()) but when the next key comes.
 * The flood still moves, at 16 KiB a rest (about 15 MB/s); nothing is
 * lost; a second after the last key it goes at full speed again.
 */
static void
window_rest(struct window *w)
{
	struct server *s = w->session->server;
	struct timeval now, since;

	if (w->id == s->typed_window || w->held ||
	    w->flood_reads < WINDOW_FLOOD_READS || w->fd == -1)
		return;
	event_base_gettimeofday_cached(s->base, &now);
	timersub(&now, &s->typed_at, &since);
	if (since.tv_sec < 0 || since.tv_sec >= WINDOW_TYPING_S)
		return;
	window_pause(w, WINDOW_REST_US, 1);
}

static void
window_read_cb(int fd, short events, void *arg)
{
	struct window *w = arg;
	char buf[WINDOW_READ_SLICE];
	ssize_t n;
	int reads, got = 0;

	(void)events;
	for (reads = 0; reads < WINDOW_READS_PER_TURN; reads++) {
		n = read(fd, buf, sizeof buf);
		if (n == -1 && (errno == EAGAIN || errno == EINTR))
			break;
		if (n <= 0) {
			/* EIO: the last slave fd closed. Wait for SIGCHLD. */
			w->flood_reads = 0;
			event_del(w->read_ev);
			break;
		}
		window_feed(w, buf, (size_t)n);
		got = 1;
		if (n < WINDOW_FLOOD_BYTES) {
			w->flood_reads = 0;
			break;
		}
		if (w->flood_reads < WINDOW_FLOOD_READS)
			w->flood_reads++;
		event_base_gettimeofday_cached(
		    w->session->server->base, &w->flood_last);
		/* A pty gives at most its line discipline's 4 KiB a read;
		   while this one was parsed the kernel has most likely
		   refilled it: read again without a trip through the loop,
		   a few times (keys wait at most that long). */
	}
	if (got)
		window_mark_dirty(w);
	if (reads == WINDOW_READS_PER_TURN)
		window_rest(w);
}

static void
window_hold_cb(int fd, short events, void *arg)
{
	(void)fd;
	(void)events;
	window_release_floods(arg);
}

/*
 * A key was typed into window `except` (NULL: none): pause reading the
 * other windows of server s that flood, until the echo's frame has gone
 * (window_release_floods()) or WINDOW_HOLD_US at most. Parsing a flood
 * takes a core, and the program writing it the other; paused, the
 * program blocks on its full pty within a fraction of a millisecond and
 * the echo's path (pty, server, client, terminal) finds the CPUs free.
 * Nothing is lost: the output waits in the pty.
 */
void
window_hold_floods(struct server *s, struct window *except)
{
	struct session *sess;
	struct window *w;
	struct timeval now, since;

	event_base_gettimeofday_cached(s->base, &now);
	s->typed_window = except != NULL ? except->id : 0;
	s->typed_at = now;
	TAILQ_FOREACH (sess, &s->sessions, entry) {
		TAILQ_FOREACH (w, &sess->windows, entry) {
			if (w == except || w->held || w->fd == -1 ||
			    w->flood_reads < WINDOW_FLOOD_READS)
				continue;
			timersub(&now, &w->flood_last, &since);
			if (since.tv_sec != 0 ||
			    since.tv_usec > WINDOW_FLOOD_OVER_US) {
				w->flood_reads = 0; /* it stopped */
				continue;
			}
			window_pause(w, WINDOW_HOLD_US, 0);
		}
	}
}

/* Read the windows window_hold_floods() paused again. */
void
window_release_floods(struct server *s)
{
	struct session *sess;
	struct window *w;

	if (s->hold_ev == NULL)
		return;
	evtimer_del(s->hold_ev);
	TAILQ_FOREACH (sess, &s->sessions, entry) {
		TAILQ_FOREACH (w, &sess->windows, entry) {
			if (!w->held)
				continue;
			w->held = 0;
			if (w->fd != -1 && w->read_ev != NULL)
				event_add(w->read_ev, NULL);
		}
	}
}

static void
window_flush(struct window *w)
{
	ssize_t n;

	while (w->wlen > 0 && w->fd != -1) {
		n = write(w->fd, w->wbuf, w->wlen);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				event_add(w->write_ev, NULL);
			else
				w->wlen = 0; /* the pty is gone */
			return;
		}
		memmove(w->wbuf, w->wbuf + n, w->wlen - (size_t)n);
		w->wlen -= (size_t)n;
	}
}

static void
window_write_cb(int fd, short events, void *arg)
{
	(void)fd;
	(void)events;
	window_flush(arg);
}

/* Queue len bytes of input for the window's program and try to write. */
void
window_write(struct window *w, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	uint8_t *conv = NULL;
	size_t i, n, used;
	int key;

	if (w->fd == -1 || w->dead || len == 0)
		return;
	if (w->encoding == ENCODING_LATIN1) {
		/* Typed UTF-8 becomes Latin-1; what has no Latin-1 form
		   becomes '?'. */
		conv = xmalloc(len);
		for (i = n = 0; i < len; i += used) {
			used = keys_next(p + i, len - i, &key);
			if (used == 0) {
				used = len - i;
				key = '?';
			}
			if (p[i] == 0x1b)
				key = 0x1b; /* sequences pass as bytes */
			if (p[i] < 0x80) {
				conv[n++] = p[i];
				used = 1;
			} else
				conv[n++] = key < 0x100 ? (uint8_t)key : '?';
		}
		window_write_raw(w, conv, n);
		free(conv);
		return;
	}
	window_write_raw(w, buf, len);
}

/* Queue bytes for the pty as they are. */
static void
window_write_raw(struct window *w, const void *buf, size_t len)
{
	/* Bound what waits: a program that never reads must not make the
	   server grow without limit (64 MiB -- room for a large paste --
	   then input is dropped). */
	if (w->wlen + len > 64 * 1024 * 1024)
		return;
	if (w->wsize < w->wlen + len) {
		w->wsize = w->wlen + len + 4096;
		w->wbuf = xreallocarray(w->wbuf, 1, w->wsize);
	}
	memcpy(w->wbuf + w->wlen, buf, len);
	w->wlen += len;
	window_flush(w);
}

/* Resize the pty and the emulator to rows x cols cells (SIGWINCH goes to
   the program through the kernel). */
void
window_resize(struct window *w, unsigned rows, unsigned cols)
{
	struct winsize ws;
	struct client *c;

	if (rows < 1)
		rows = 1;
	if (cols < 1)
		cols = 1;
	if (rows == w->rows && cols == w->cols)
		return;
	if (vt_resize(w->vt, rows, cols) != 0)
		return;
	w->rows = rows;
	w->cols = cols;
	memset(&ws, 0, sizeof ws);
	ws.ws_row = rows;
	ws.ws_col = cols;
	if (w->fd != -1)
		ioctl(w->fd, TIOCSWINSZ, &ws);
	TAILQ_FOREACH (c, &w->session->server->clients, entry) {
		if (window_shown_on(c, w))
			c->dirty = 1;
	}
	server_render_soon(w->session->server);
}

/* The child exited with wait status `status`: show its last output, then
   close the window (and the session with its last window). */
void
window_child_exited(struct window *w, int status)
{
	struct session *sess = w->session;
	struct server *s = sess->server;

	char msg[96];
	int n;

	w->dead = 1;
	w->pid = -1;
	w->exit_status =
	    WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	window_drain(w);
	if (sess->options.zombie) {
		/* screen(1): zombie: the window stays, saying why, until it
		   is killed (C-a k). */
		if (WIFEXITED(status))
			n = snprintf(msg, sizeof msg,
			    "\r\n[process exited, status %d]",
			    WEXITSTATUS(status));
		else
			n = snprintf(msg, sizeof msg,
			    "\r\n[process killed by signal %d]",
			    WTERMSIG(status));
		vt_feed(w->vt, msg, (size_t)n);
		if (w->read_ev != NULL)
			event_del(w->read_ev);
		if (w->fd != -1) {
			if (w->login)
				utmp_remove(w->fd);
			w->login = 0;
			close(w->fd);
			w->fd = -1;
		}
		window_mark_dirty(w);
		cmd_redraw_session(sess);
		return;
	}
	window_destroy(w);
	if (TAILQ_EMPTY(&sess->windows))
		session_destroy(sess);
	server_check_exit(s);
}

/* The window's title (UTF-8, owned by the window, never NULL). */
const char *
window_title(const struct window *w)
{
	return w->title;
}
