/*
 * server-client.c -- one connected client, seen from the server: reading
 * and validating its messages (the socket is an input like any other; a
 * client that lies is disconnected, never trusted), the requests of
 * PROTO_COMMAND (new, attach, list, detach, command, query, new-window),
 * the typed input of an attached display, and the queue of bytes waiting
 * for the socket to become writable. The server never blocks on a client.
 */
#include <sys/socket.h>
#include <sys/types.h>

#include <errno.h>
#include <stddef.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd-parse.h"
#include "cmd.h"
#include "copy.h"
#include "roost.h"
#include "util/xmalloc.h"

/* A client may queue this much unread output before it counts as dead. */
#define CLIENT_OUT_MAX (64u * 1024 * 1024)
/* Room kept for output between frames; more is freed once sent. */
#define CLIENT_OUT_KEEP (64u * 1024)
/* Least time between two frames to one display while output pours in:
   about one display refresh. */
#define CLIENT_FRAME_US 16000
/* How long a message stays on the status line (screen(1): msgwait). */
#define CLIENT_MSGWAIT 5

static void server_client_read_cb(int, short, void *);
static void server_client_write_cb(int, short, void *);

/* A new connection fd (non-blocking, peer uid checked) becomes a client
   of server s, waiting for HELLO. The client owns fd from now on. */
void
server_client_accept(struct server *s, int fd)
{
	struct client *c;

	c = xcalloc(1, sizeof *c);
	c->server = s;
	c->fd = fd;
	c->state = CLIENT_HELLO;
	proto_buf_init(&c->out);
	c->read_ev = event_new(
	    s->base, fd, EV_READ | EV_PERSIST, server_client_read_cb, c);
	c->write_ev =
	    event_new(s->base, fd, EV_WRITE, server_client_write_cb, c);
	/* Keys before the output of windows (server.c: priorities). */
	event_priority_set(c->read_ev, 0);
	event_add(c->read_ev, NULL);
	TAILQ_INSERT_TAIL(&s->clients, c, entry);
}

/* Close and free client c now; its display's regions are kept for the
   next attach (layout autosave), its session lives on. */
void
server_client_free(struct client *c)
{
	struct server *s = c->server;

	server_lock_client_gone(c);
	TAILQ_REMOVE(&s->clients, c, entry);
	if (c->session != NULL && c->layout != NULL && c->fd != -1)
		session_save_layout(c->session, c->layout, c->focus);
	event_free(c->read_ev);
	event_free(c->write_ev);
	if (c->message_ev != NULL)
		event_free(c->message_ev);
	if (c->pace_ev != NULL)
		event_free(c->pace_ev);
	if (c->overlay != NULL && c->overlay->free != NULL)
		c->overlay->free(c->overlay_data);
	layout_free(c->layout);
	prompt_free(c);
	close(c->fd);
	proto_buf_free(&c->out);
	if (c->identified)
		proto_identify_free(&c->id);
	free(c->rbuf);
	free(c->shown);
	free(c->lines_sent);
	render_free(c);
	free(c->message);
	free(c->lastmsg);
	free(c->prefix_class);
	free(c);
}

static void
server_client_pace_cb(int fd, short events, void *arg)
{
	(void)fd;
	(void)events;
	server_client_render(arg);
}

/*
 * Send c a frame if it needs one and can take it. A client whose socket
 * is still full only stays dirty: it gets the newest state once it
 * drains. While output keeps pouring in, frames are paced to about one
 * per display refresh (CLIENT_FRAME_US), so a flood costs parsing, not
 * drawing; an isolated change (a keystroke's echo) goes at once
 * (DESIGN.md decision 3).
 */
void
server_client_render(struct client *c)
{
	struct timespec now;
	struct timeval tv;
	long long elapsed;
	int echo = 0;

	if (c->state != CLIENT_ATTACHED || !c->dirty || c->out.len != 0 ||
	    c->fd == -1)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	elapsed = (long long)(now.tv_sec - c->last_frame.tv_sec) * 1000000 +
	    (now.tv_nsec - c->last_frame.tv_nsec) / 1000;
	/* What follows a keystroke (its echo) is never held back. */
	if (c->typed) {
		c->typed = 0;
		echo = 1;
		elapsed = CLIENT_FRAME_US;
	}
	if (elapsed >= 0 && elapsed < CLIENT_FRAME_US) {
		if (c->pace_ev == NULL)
			c->pace_ev = evtimer_new(
			    c->server->base, server_client_pace_cb, c);
		if (!evtimer_pending(c->pace_ev, NULL)) {
			tv.tv_sec = 0;
			tv.tv_usec = CLIENT_FRAME_US - elapsed;
			evtimer_add(c->pace_ev, &tv);
		}
		return;
	}
	c->last_frame = now;
	render_client(c);
	/* The echo has gone: flooding windows may be read again. */
	if (echo)
		window_release_floods(c->server);
}

/* Drop a client now (it died, lied or stalled); the session lives on. */
static void
server_client_lost(struct client *c)
{
	log_debug("client %d lost", c->fd);
	server_client_free(c);
}

/* Write what is queued; the rest waits for writability. */
void
server_client_flush(struct client *c)
{
	ssize_t n;

	if (c->fd == -1) {
		/* The rc file's template display has no socket. */
		c->out.len = 0;
		return;
	}
	while (c->out.len > 0) {
		n = write(c->fd, c->out.data, c->out.len);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN) {
				if (c->out.len > CLIENT_OUT_MAX) {
					/* Stalled for good; let it go. */
					c->state = CLIENT_CLOSING;
					c->out.len = 0;
					break;
				}
				event_add(c->write_ev, NULL);
				return;
			}
			c->out.len = 0;
			c->state = CLIENT_CLOSING;
			break;
		}
		proto_buf_consume(&c->out, (size_t)n);
	}
	if (c->out.len == 0 && c->out.size > CLIENT_OUT_KEEP) {
		/* A big frame (a full redraw) has gone: give its room back. */
		proto_buf_free(&c->out);
		proto_buf_init(&c->out);
	}
	if (c->state == CLIENT_CLOSING) {
		/* Freed from the write callback to keep callers' pointers
		   valid during this turn. */
		event_del(c->read_ev);
		event_active(c->write_ev, EV_WRITE, 0);
	}
}

static void
server_client_write_cb(int fd, short events, void *arg)
{
	struct client *c = arg;

	(void)fd;
	(void)events;
	if (c->state == CLIENT_CLOSING) {
		if (c->out.len > 0) {
			ssize_t n = write(c->fd, c->out.data, c->out.len);

			if (n > 0) {
				proto_buf_consume(&c->out, (size_t)n);
				if (c->out.len > 0) {
					event_add(c->write_ev, NULL);
					return;
				}
			}
		}
		server_client_lost(c);
		return;
	}
	server_client_flush(c);
	/* Drained: a dirty display gets the newest state now. */
	server_client_render(c);
}

static void server_client_output(struct client *c, int stream, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

static void
server_client_output(struct client *c, int stream, const char *fmt, ...)
{
	va_list ap;
	char *text;
	int n;

	va_start(ap, fmt);
	n = xvasprintf(&text, fmt, ap);
	va_end(ap);
	proto_output_encode(&c->out, stream, text, (size_t)n);
	free(text);
}

/* Send EXIT and close once it has been written. */
void
server_client_send_exit(struct client *c, int status, const char *msg)
{
	if (c->state == CLIENT_CLOSING)
		return;
	proto_exit_encode(&c->out, status, msg != NULL ? msg : "");
	server_lock_client_gone(c);
	if (c->session != NULL && c->layout != NULL && c->fd != -1)
		session_save_layout(c->session, c->layout, c->focus);
	c->session = NULL;
	c->window = NULL;
	c->last = NULL;
	c->state = CLIENT_CLOSING;
	server_client_flush(c);
}

/* Detach an attached client with a message ("[detached from 1.x]"). */
void
server_client_detach(struct client *c, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	server_client_send_exit(c, 0, msg);
	free(msg);
}

static void
server_client_message_cb(int fd, short events, void *arg)
{
	struct client *c = arg;

	(void)fd;
	(void)events;
	free(c->message);
	c->message = NULL;
	c->dirty = 1;
	server_render_soon(c->server);
}

/*
 * Show a message on the client's status line for the session's msgwait
 * seconds (screen(1): msgwait), one line: line breaks and tabs become
 * blanks. lastmsg (of the display and of the session) keeps it.
 */
void
server_client_message(struct client *c, const char *fmt, ...)
{
	struct timeval tv = { CLIENT_MSGWAIT, 0 };
	va_list ap;
	char *p;

	if (c->session != NULL)
		tv.tv_sec = c->session->options.msgwait;
	free(c->message);
	va_start(ap, fmt);
	xvasprintf(&c->message, fmt, ap);
	va_end(ap);
	for (p = c->message; *p != '\0'; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	}
	free(c->lastmsg);
	c->lastmsg = xstrdup(c->message);
	if (c->session != NULL) {
		free(c->session->lastmsg);
		c->session->lastmsg = xstrdup(c->message);
	}
	if (c->message_ev == NULL)
		c->message_ev =
		    evtimer_new(c->server->base, server_client_message_cb, c);
	evtimer_add(c->message_ev, &tv);
	c->dirty = 1;
	server_render_soon(c->server);
}

/* The rows of a display left for regions: all but the status line. */
static unsigned
server_client_area_rows(const struct client *c)
{
	if (c->session != NULL && c->session->options.hardstatus && c->rows > 1)
		return c->rows - 1;
	return c->rows > 0 ? c->rows : 1;
}

/* Where the focused region shows its window, in cells. */
static void
server_client_area(struct client *c, unsigned *rows, unsigned *cols)
{
	struct layout_geometry g;

	*rows = server_client_area_rows(c);
	*cols = c->cols > 0 ? c->cols : 1;
	if (c->layout == NULL || c->focus == NULL || c->session == NULL)
		return;
	layout_set_size(c->layout, *cols, *rows);
	layout_region_geometry(
	    c->layout, c->focus, c->session->options.caption, &g);
	*rows = g.h > 0 ? g.h : 1;
	*cols = g.w > 0 ? g.w : 1;
}

/* The window shown takes the size of the region that last sent input
   (or attached, resized or changed the layout). */
void
server_client_size_window(struct client *c)
{
	unsigned rows, cols;

	if (c->window == NULL || c->state != CLIENT_ATTACHED)
		return;
	server_client_area(c, &rows, &cols);
	window_resize(c->window, rows, cols);
}

/*
 * The previous window ("other": C-a C-a, the '-' flag of %w and windows)
 * a new display of sess starts with: the window of the session shown
 * most recently by any display (w->shown) other than cur, or NULL if no
 * other window was ever shown. The previous window so belongs to the
 * session across detach and reattach (screen(1): other, "the window
 * displayed previously"; tmux keeps it per session too); a window gone
 * is no candidate, nor the current one.
 */
static struct window *
server_client_session_other(struct session *sess, struct window *cur)
{
	struct window *it, *best = NULL;

	TAILQ_FOREACH (it, &sess->windows, entry) {
		if (it == cur || it->shown == 0)
			continue;
		if (best == NULL || it->shown > best->shown)
			best = it;
	}
	return best;
}

/*
 * The previous window is never the current one (screen(1): other, "the
 * window displayed previously"; the '-' flag of %w and windows). When
 * leaving the blank window (select -, layout new, a new region) for the
 * window that was the previous one, the previous one becomes the
 * session's previous window, as on attach, or none.
 */
static void
server_client_check_last(struct client *c)
{
	if (c->window == NULL || c->last != c->window)
		return;
	c->last = c->session != NULL
	    ? server_client_session_other(c->session, c->window)
	    : NULL;
}

/* Show window w (may be NULL: a blank region) in c's focused region. */
void
server_client_set_window(struct client *c, struct window *w)
{
	if (c->layout == NULL && c->state == CLIENT_ATTACHED) {
		c->layout = layout_create_leaf(NULL);
		c->focus = c->layout;
	}
	if (c->focus != NULL && c->focus->window != w && c->focus->mode != NULL)
		mode_end(c, c->focus->mode);
	if (c->focus != NULL)
		c->focus->window = w;
	if (c->window == w)
		return;
	if (c->window != NULL)
		c->last = c->window;
	c->window = w;
	if (w != NULL) {
		w->shown = ++c->server->shown_serial;
		w->bell = 0;
		w->activity = 0;
		w->silent = 0;
		if (c->session != NULL)
			c->session->curw = w;
		server_client_size_window(c);
	}
	server_client_check_last(c);
	c->dirty = 1;
	server_render_soon(c->server);
}

/* Move the focus to region lc. */
void
server_client_focus(struct client *c, struct layout_cell *lc)
{
	if (lc == NULL || lc == c->focus)
		return;
	c->focus = lc;
	if (c->window != NULL && c->window != lc->window)
		c->last = c->window;
	c->window = lc->window;
	if (c->window != NULL) {
		c->window->shown = ++c->server->shown_serial;
		c->window->bell = 0;
		c->window->activity = 0;
		c->session->curw = c->window;
		server_client_size_window(c);
	}
	server_client_check_last(c);
	c->dirty = 1;
	server_render_soon(c->server);
}

/*
 * Window w is going away: every region of every display showing it shows
 * another window instead (the display's previous one, else the first
 * other one), or is blank if there is none.
 */
void
server_client_window_gone(struct server *s, struct window *w)
{
	struct client *c;
	struct layout_cell *lc;
	struct window *other, *it;
	struct named_layout *nl;

	/* Saved layouts (the next attach's, named ones) hold windows too. */
	other = NULL;
	TAILQ_FOREACH (it, &w->session->windows, entry) {
		if (it != w) {
			other = it;
			break;
		}
	}
	if (w->session->layout != NULL)
		layout_window_gone(w->session->layout, w, other);
	TAILQ_FOREACH (nl, &w->session->layouts, entry) {
		if (nl->root != NULL)
			layout_window_gone(nl->root, w, other);
	}
	TAILQ_FOREACH (c, &s->clients, entry) {
		if (c->last == w)
			c->last = NULL;
		if (c->layout == NULL)
			continue;
		other = c->last;
		if (other == NULL && w->session != NULL) {
			TAILQ_FOREACH (it, &w->session->windows, entry) {
				if (it != w) {
					other = it;
					break;
				}
			}
		}
		lc = layout_first(c->layout);
		do {
			if (lc->window == w) {
				lc->window = other;
				if (lc->mode != NULL && lc == c->focus)
					mode_end(c, lc->mode);
			}
			lc = layout_next(c->layout, lc);
		} while (lc != layout_first(c->layout));
		if (c->window == w) {
			c->window = NULL;
			if (c->focus != NULL && c->focus->window != NULL) {
				c->window = c->focus->window;
				c->session->curw = c->window;
				server_client_size_window(c);
			}
			/* The one now shown was the "other": the other is now
			   the next one after it (screen(1)). */
			if (c->last == c->window && c->window != NULL) {
				c->last = NULL;
				TAILQ_FOREACH (
				    it, &w->session->windows, entry) {
					if (it != c->window && it != w) {
						c->last = it;
						break;
					}
				}
			}
		}
		c->dirty = 1;
	}
	server_render_soon(s);
}

/* The display of sess other than c that was typed in last (the first of
   those typed in the same second), or NULL if sess has no other. */
static struct client *
server_client_session_display(struct session *sess, struct client *c)
{
	struct client *it, *best = NULL;

	TAILQ_FOREACH (it, &sess->server->clients, entry) {
		if (it == c || it->session != sess ||
		    it->state != CLIENT_ATTACHED || it->layout == NULL ||
		    it->focus == NULL)
			continue;
		if (best == NULL || it->last_input > best->last_input)
			best = it;
	}
	return best;
}

/*
 * Attach display c to sess. Its regions, and the window each shows (a
 * window or the blank one), are those of the session's display typed in
 * last if another shows it, else those the last display of the session
 * left (session_save_layout), else one region on the session's current
 * window; w (-p, may be NULL) goes into the focused region instead.
 */
static void
server_client_attach(struct client *c, struct session *sess, struct window *w)
{
	struct client *live;
	struct window *shown;
	const char *argv[1];
	char name[512];

	c->session = sess;
	c->state = CLIENT_ATTACHED;
	c->rows = c->id.rows;
	c->cols = c->id.cols;
	c->full = 1;
	c->dirty = 1;
	c->last_input = time(NULL);
	session_full_name(sess, name, sizeof name);
	argv[0] = name;
	proto_strings_encode(&c->out, PROTO_ATTACHED, argv, 1);
	server_lock_attach(c);
	c->window = NULL;
	c->last = NULL;
	layout_free(c->layout);
	c->focus = NULL;
	live = server_client_session_display(sess, c);
	if (live != NULL) {
		/* Another display shows the session: start as it is. */
		c->layout = layout_copy(live->layout, live->focus, &c->focus);
		shown = c->focus->window;
	} else if (sess->layout != NULL) {
		/* The regions the last display left, each showing what it
		   showed there: its window, or the blank window (a split's
		   new region, layout new) -- not some other window. */
		c->layout =
		    layout_copy(sess->layout, sess->layout_focus, &c->focus);
		shown = c->focus->window;
	} else {
		c->layout = layout_create_leaf(NULL);
		c->focus = c->layout;
		shown = sess->curw != NULL ? sess->curw
					   : session_first_window(sess);
	}
	if (w != NULL)
		shown = w; /* -p */
	c->focus->window = NULL;
	server_client_set_window(c, shown);
	c->last = server_client_session_other(sess, c->window);
	server_client_size_window(c);
	server_client_flush(c);
	server_render_soon(c->server);
	server_clock_update(c->server);
}

/* The default session name: TTY.HOST (screen(1)). */
static char *
server_client_default_name(struct client *c)
{
	char host[256], *tty, *p, *name;

	if (gethostname(host, sizeof host) != 0)
		strlcpy(host, "localhost", sizeof host);
	host[sizeof host - 1] = '\0';
	if ((p = strchr(host, '.')) != NULL)
		*p = '\0';
	if (c->id.tty != NULL && *c->id.tty != '\0') {
		tty = c->id.tty;
		if (strncmp(tty, "/dev/", 5) == 0)
			tty += 5;
		tty = xstrdup(tty);
		for (p = tty; *p != '\0'; p++) {
			if (*p == '/')
				*p = '-';
		}
	} else
		tty = xstrdup("notty");
	xasprintf(&name, "%s.%s", tty, host);
	free(tty);
	return name;
}

/* Parsed options of a PROTO_COMMAND request. */
struct server_request {
	const char *verb;
	const char *session;
	const char *window;
	const char *title;
	const char *rcfile;
	const char *escape, *history, *term;
	int detached, multi, steal, create, first;
	char **argv;
	int argc;
};

/* Where the value of a request option taking an argument goes. */
static const char **
server_client_request_option(struct server_request *r, const char *flag)
{
	static const struct {
		const char *flag;
		size_t offset;
	} options[] = {
		{ "-s", offsetof(struct server_request, session) },
		{ "-p", offsetof(struct server_request, window) },
		{ "-t", offsetof(struct server_request, title) },
		{ "-F", offsetof(struct server_request, rcfile) },
		{ "-e", offsetof(struct server_request, escape) },
		{ "-h", offsetof(struct server_request, history) },
		{ "-T", offsetof(struct server_request, term) },
	};
	size_t i;

	for (i = 0; i < sizeof options / sizeof options[0]; i++) {
		if (strcmp(options[i].flag, flag) == 0)
			return (const char **)((char *)r + options[i].offset);
	}
	return NULL;
}

static int
server_client_parse_request(struct proto_strings *m, struct server_request *r)
{
	const char **opt;
	size_t i;

	memset(r, 0, sizeof *r);
	if (m->argc < 1)
		return -1;
	r->verb = m->argv[0];
	for (i = 1; i < m->argc; i++) {
		const char *a = m->argv[i];

		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (strcmp(a, "-d") == 0)
			r->detached = r->steal = 1;
		else if (strcmp(a, "-x") == 0)
			r->multi = 1;
		else if (strcmp(a, "-c") == 0)
			r->create = 1;
		else if (strcmp(a, "-f") == 0)
			r->first = 1;
		else if ((opt = server_client_request_option(r, a)) != NULL &&
		    i + 1 < m->argc)
			*opt = m->argv[++i];
		else
			return -1;
	}
	r->argv = m->argv + i;
	r->argc = (int)(m->argc - i);
	return 0;
}

/* Write the -ls lines for the sessions that pass filter (NULL: all). */
static int
server_client_list_lines(struct client *c, int (*filter)(struct session *),
    const char *match, char **out)
{
	struct session *sess;
	char *text = xstrdup(""), *line, *next, full[512], date[64];
	struct tm tm;
	int n = 0;

	TAILQ_FOREACH (sess, &c->server->sessions, entry) {
		if (filter != NULL && !filter(sess))
			continue;
		session_full_name(sess, full, sizeof full);
		if (match != NULL && strncmp(full, match, strlen(match)) != 0 &&
		    strncmp(sess->name, match, strlen(match)) != 0)
			continue;
		localtime_r(&sess->created, &tm);
		strftime(date, sizeof date, "%m/%d/%y %H:%M:%S", &tm);
		xasprintf(&line, "\t%s\t(%s)\t(%s)\n", full, date,
		    session_attached(sess) ? "Attached" : "Detached");
		xasprintf(&next, "%s%s", text, line);
		free(text);
		free(line);
		text = next;
		n++;
	}
	*out = text;
	return n;
}

static void
server_client_req_list(struct client *c, struct server_request *r)
{
	char *lines;
	int n;

	n = server_client_list_lines(c, NULL, r->session, &lines);
	if (n == 0) {
		server_client_output(
		    c, 1, "No Sessions found in %s.\n", c->server->dir);
		free(lines);
		server_client_send_exit(c, 1, NULL);
		return;
	}
	server_client_output(c, 1, "%s\n%s%d Session%s in %s.\n",
	    n == 1 ? "There is a session on:" : "There are sessions on:", lines,
	    n, n == 1 ? "" : "s", c->server->dir);
	free(lines);
	server_client_send_exit(c, 0, NULL);
}

/*
 * The command-line flags that are commands (-e escape, -h defscrollback,
 * -T term) run after the rc files, as screen applies them; their errors
 * join the rc file's.
 */
static void
server_client_flag_commands(struct client *tmpl, struct session *sess,
    struct server_request *r, char **errors)
{
	const char *flags[3][2] = { { "escape", r->escape },
		{ "defscrollback", r->history }, { "term", r->term } };
	char *argv[3], *result, *joined;
	size_t i;

	for (i = 0; i < 3; i++) {
		if (flags[i][1] == NULL || sess->dying)
			continue;
		argv[0] = (char *)flags[i][0];
		argv[1] = (char *)flags[i][1];
		argv[2] = NULL;
		result = NULL;
		if (cmd_execute(tmpl, sess, NULL, 2, argv, &result) != 0) {
			xasprintf(&joined, "%s%s-%c: %s",
			    *errors != NULL ? *errors : "",
			    *errors != NULL ? "\n" : "", "ehT"[i],
			    result != NULL ? result : "failed");
			free(*errors);
			*errors = joined;
		}
		free(result);
	}
}

/*
 * Why name cannot name a session, or NULL if it can: it must not be
 * empty, hold a slash or a control character, be a number (it would look
 * like a session's id) or start with a number and a dot (like "ID.NAME").
 */
static const char *
server_client_bad_name(const char *name)
{
	const char *p;
	size_t digits = strspn(name, "0123456789");

	if (*name == '\0')
		return "it is empty";
	for (p = name; *p != '\0'; p++) {
		if (*p == '/')
			return "it may not contain a slash";
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return "it may not contain control characters";
	}
	if (name[digits] == '\0')
		return "a number would look like a session id";
	if (digits > 0 && name[digits] == '.')
		return "a number and a dot would look like ID.NAME";
	return NULL;
}

/* Free the rc files' template display (never in the client list). */
static void
server_client_template_free(struct client *tmpl)
{
	if (tmpl->message_ev != NULL)
		event_free(tmpl->message_ev);
	if (tmpl->overlay != NULL && tmpl->overlay->free != NULL)
		tmpl->overlay->free(tmpl->overlay_data);
	layout_free(tmpl->layout);
	prompt_free(tmpl);
	proto_buf_free(&tmpl->out);
	free(tmpl->message);
	free(tmpl->lastmsg);
	free(tmpl);
}

static int
server_session_alive(struct server *s, struct session *sess)
{
	struct session *it;

	TAILQ_FOREACH (it, &s->sessions, entry) {
		if (it == sess)
			return 1;
	}
	return 0;
}

static int
server_client_new_session(
    struct client *c, struct server_request *r, int attach)
{
	struct session *sess;
	struct window *w;
	struct client *tmpl;
	char *name = NULL, *cause = NULL, *errors, *msg, *rcmsg = NULL;
	const char *why;
	unsigned rows, cols;

	if (r->session != NULL && *r->session != '\0')
		name = xstrdup(r->session);
	else
		name = server_client_default_name(c);
	if (r->session != NULL &&
	    (why = server_client_bad_name(name)) != NULL) {
		xasprintf(&msg, "roost: bad session name: %s", why);
		server_client_send_exit(c, 1, msg);
		free(msg);
		free(name);
		return -1;
	}
	sess = session_create(
	    c->server, name, c->id.env, c->id.cwd != NULL ? c->id.cwd : "/");
	free(name);
	c->rows = c->id.rows;
	c->cols = c->id.cols;

	/* The rc files run for a template display of the creating client's
	   size; the first display to attach inherits its regions. */
	tmpl = xcalloc(1, sizeof *tmpl);
	tmpl->server = c->server;
	tmpl->fd = -1;
	tmpl->state = CLIENT_ATTACHED;
	tmpl->session = sess;
	tmpl->rows = c->rows;
	tmpl->cols = c->cols;
	tmpl->layout = layout_create_leaf(NULL);
	tmpl->focus = tmpl->layout;
	proto_buf_init(&tmpl->out);
	errors = cmd_rc_load(tmpl, sess, c->id.env, c->id.cwd, r->rcfile);
	server_client_flag_commands(tmpl, sess, r, &errors);
	if (sess->dying || !server_session_alive(c->server, sess)) {
		server_client_template_free(tmpl);
		server_client_send_exit(c, 1,
		    errors != NULL ? errors
				   : "roost: the rc file ended the "
				     "session");
		free(errors);
		server_check_exit(c->server);
		return -1;
	}

	/* A command line's command, or the shell when the rc file opened
	   no window (screen(1)). */
	if (r->argc > 0 || TAILQ_EMPTY(&sess->windows) || r->title != NULL) {
		server_client_area(tmpl, &rows, &cols);
		w = window_create(sess, -1, r->title,
		    r->argc > 0 ? r->argv : NULL, rows, cols, NULL, &cause);
		if (w == NULL) {
			xasprintf(&msg, "roost: %s", cause);
			server_client_send_exit(c, 1, msg);
			free(msg);
			free(cause);
			free(errors);
			server_client_template_free(tmpl);
			session_destroy(sess);
			server_check_exit(c->server);
			return -1;
		}
		server_client_set_window(tmpl, w);
	} else if (tmpl->window == NULL)
		server_client_set_window(tmpl,
		    sess->curw != NULL ? sess->curw
				       : session_first_window(sess));
	session_save_layout(sess, tmpl->layout, tmpl->focus);
	if (errors == NULL && tmpl->lastmsg != NULL)
		rcmsg = xstrdup(tmpl->lastmsg); /* an rc file's echo */
	server_client_template_free(tmpl);
	if (sess->curw == NULL)
		sess->curw = session_first_window(sess);

	if (attach) {
		server_client_attach(c, sess, NULL);
		if (errors != NULL) {
			/* The first error, and how many more (all of them go
			   to stderr with -dmS). */
			unsigned more = 0;
			char *nl, *p;

			for (p = errors; (p = strchr(p, '\n')) != NULL; p++)
				more++;
			if ((nl = strchr(errors, '\n')) != NULL)
				*nl = '\0';
			if (more > 0)
				server_client_message(
				    c, "%s (and %u more)", errors, more);
			else
				server_client_message(c, "%s", errors);
		} else if (rcmsg != NULL)
			server_client_message(c, "%s", rcmsg);
	} else {
		if (errors != NULL)
			server_client_output(c, 2, "%s\n", errors);
		server_client_send_exit(c, 0, NULL);
	}
	free(errors);
	free(rcmsg);
	return 0;
}

static int
server_client_detached_filter(struct session *sess)
{
	return !session_attached(sess);
}

static void
server_client_detach_all(struct session *sess, struct client *except, int power)
{
	struct client *c, *c1;
	char name[512];

	session_full_name(sess, name, sizeof name);
	TAILQ_FOREACH_SAFE (c, &sess->server->clients, entry, c1) {
		if (c != except && c->session == sess &&
		    c->state == CLIENT_ATTACHED) {
			if (power)
				server_client_detach(c, "[power detached]");
			else
				server_client_detach(
				    c, "[remote detached from %s]", name);
		}
	}
}

/* Is client c running in a window of sess (its ROOST variable)? */
static int
server_client_inside(struct client *c, struct session *sess)
{
	const char *v = NULL, *comma;
	char id[32];
	size_t i, plen = strlen(c->server->path);

	for (i = 0; i < c->id.nenv; i++) {
		if (strncmp(c->id.env[i], "ROOST=", 6) == 0)
			v = c->id.env[i] + 6;
	}
	if (v == NULL || strncmp(v, c->server->path, plen) != 0 ||
	    v[plen] != ',')
		return 0;
	snprintf(id, sizeof id, "%u", sess->id);
	v += plen + 1;
	comma = strchr(v, ',');
	return comma != NULL && (size_t)(comma - v) == strlen(id) &&
	    strncmp(v, id, strlen(id)) == 0;
}

/* -r with more than one candidate: list them on stderr, exit 1. */
static void
server_client_several(
    struct client *c, int (*filter)(struct session *), const char *match)
{
	char *lines;

	server_client_list_lines(c, filter, match, &lines);
	server_client_output(c, 2,
	    "There are several suitable sessions on:\n%s"
	    "Type \"roost [-d] -r [pid.]tty.host\" to resume "
	    "one of them.\n",
	    lines);
	free(lines);
	server_client_send_exit(c, 1, NULL);
}

/*
 * Attach display c to sess (server_client_attach) with -p pick (may be
 * NULL): screen(1) -p, "Preselect a window": a number or title picks the
 * window of the focused region; "-" shows the blank window there, "="
 * the window list over the blank window (as C-a "), "+" a new window (as
 * C-a c). The window the display would have shown is then the previous
 * one. An empty or unknown name leaves the window the display would show
 * (screen attaches as without -p).
 */
static void
server_client_attach_pick(
    struct client *c, struct session *sess, const char *pick)
{
	char *argv[1] = { (char *)"screen" }, *result = NULL;
	int special, status;

	special = pick != NULL && pick[0] != '\0' &&
	    strchr("-=+", pick[0]) != NULL && pick[1] == '\0';
	if (!special) {
		server_client_attach(
		    c, sess, pick != NULL ? cmd_find_window(sess, pick) : NULL);
		return;
	}
	server_client_attach(c, sess, NULL);
	if (*pick == '+') {
		status =
		    cmd_execute_for(c, sess, c->window, 1, argv, 0, &result);
		if (status != 0)
			server_client_message(
			    c, "%s", result != NULL ? result : "screen failed");
		free(result);
		return;
	}
	server_client_set_window(c, NULL);
	if (*pick == '=')
		mode_winlist_start(c, 0);
}

static void
server_client_req_attach(struct client *c, struct server_request *r)
{
	struct session *sess = NULL, *s2;
	int ambiguous = 0, candidates = 0;

	if (r->session != NULL) {
		sess = server_find_session(c->server, r->session, &ambiguous);
		if (ambiguous) {
			server_client_several(c, NULL, r->session);
			return;
		}
	} else {
		/* The candidates: detached sessions, or any with -x/-d. */
		TAILQ_FOREACH (s2, &c->server->sessions, entry) {
			if (r->multi || r->steal || !session_attached(s2)) {
				if (sess == NULL)
					sess = s2;
				candidates++;
			}
		}
		if (candidates > 1 && !r->first) {
			server_client_several(c,
			    r->multi || r->steal
				? NULL
				: server_client_detached_filter,
			    NULL);
			return;
		}
	}
	if (sess != NULL && session_attached(sess) && !r->multi && !r->steal) {
		if (r->session != NULL || !r->create) {
			char name[512];

			session_full_name(sess, name, sizeof name);
			server_client_output(c, 2,
			    "There is a session on:\n\t%s\t(Attached)\n"
			    "There is no session to be resumed matching %s.\n",
			    name, r->session != NULL ? r->session : name);
			server_client_send_exit(c, 1, NULL);
			return;
		}
		sess = NULL;
	}
	if (sess == NULL) {
		if (r->create) {
			server_client_new_session(c, r, 1);
			return;
		}
		if (r->session != NULL)
			server_client_output(c, 2,
			    "There is no session to be resumed matching %s.\n",
			    r->session);
		else
			server_client_output(
			    c, 2, "There is no session to be resumed.\n");
		server_client_send_exit(c, 1, NULL);
		return;
	}
	if (server_client_inside(c, sess)) {
		/* screen(1): "Attaching from inside of screen?" */
		server_client_send_exit(c, 1,
		    "roost: this terminal is a window of that session; "
		    "attaching it to itself would loop");
		return;
	}
	if (r->steal)
		server_client_detach_all(sess, c, 0);
	server_client_attach_pick(c, sess, r->window);
}

static void
server_client_req_detach(struct client *c, struct server_request *r)
{
	struct session *sess = NULL, *s2;
	int ambiguous = 0, n = 0;
	char name[512];

	if (r->session != NULL)
		sess = server_find_session(c->server, r->session, &ambiguous);
	else {
		TAILQ_FOREACH (s2, &c->server->sessions, entry) {
			if (session_attached(s2)) {
				sess = s2;
				n++;
			}
		}
		if (n > 1)
			ambiguous = 1;
	}
	if (ambiguous) {
		server_client_output(
		    c, 2, "There are several suitable sessions; name one.\n");
		server_client_send_exit(c, 1, NULL);
		return;
	}
	if (sess == NULL || !session_attached(sess)) {
		if (r->session != NULL)
			server_client_output(c, 2,
			    "There is no session to be detached matching "
			    "%s.\n",
			    r->session);
		else
			server_client_output(
			    c, 2, "There is no session to be detached.\n");
		server_client_send_exit(c, 1, NULL);
		return;
	}
	session_full_name(sess, name, sizeof name);
	server_client_detach_all(sess, c, 0);
	server_client_output(c, 1, "[%s detached.]\n", name);
	server_client_send_exit(c, 0, NULL);
}

/* -X / -Q: run one command in a session. */
static void
server_client_req_command(struct client *c, struct server_request *r, int query)
{
	struct session *sess = NULL, *s2;
	struct window *w;
	struct client *display;
	int ambiguous = 0, n = 0, status, i;
	char *result = NULL, **words;
	size_t len;

	if (r->session != NULL)
		sess = server_find_session(c->server, r->session, &ambiguous);
	else {
		TAILQ_FOREACH (s2, &c->server->sessions, entry) {
			sess = s2;
			n++;
		}
		if (n > 1)
			ambiguous = 1;
	}
	if (ambiguous || sess == NULL) {
		server_client_output(c, 2,
		    ambiguous
			? "There are several suitable sessions; name one with "
			  "-S.\n"
			: "No session found.\n");
		server_client_send_exit(c, 1, NULL);
		return;
	}
	w = sess->curw != NULL ? sess->curw : session_first_window(sess);
	/* screen(1): -p - is the blank window, but a command given with it
	   acts as without -p, on the display's window or the session's
	   current one; "=" and "+" are names here (attach alone gives them
	   a meaning), an empty name none. */
	if (r->window != NULL && strcmp(r->window, "-") == 0)
		r->window = NULL;
	if (r->window != NULL) {
		if ((w = cmd_find_window(sess, r->window)) == NULL) {
			server_client_output(c, 2,
			    "roost: no window %s in session %u.%s\n", r->window,
			    sess->id, sess->name);
			server_client_send_exit(c, 1, NULL);
			return;
		}
	}
	/* Each -X word gets the rc file's backslash and ^X escapes, but no
	   quote or $ expansion (screen(1): -X). */
	words = xcalloc((size_t)r->argc + 1, sizeof *words);
	for (i = 0; i < r->argc; i++)
		words[i] = cmd_parse_unescape(r->argv[i], &len);
	/* -X acts for the session's first attached display, as if typed
	   there without the prompts (screen(1): -X), or for no display. */
	TAILQ_FOREACH (display, &c->server->clients, entry) {
		if (display->session == sess &&
		    display->state == CLIENT_ATTACHED && display->fd != -1)
			break;
	}
	if (display != NULL && r->window == NULL)
		w = display->window != NULL ? display->window : w;
	status =
	    cmd_execute_for(display, sess, w, r->argc, words, query, &result);
	for (i = 0; i < r->argc; i++)
		free(words[i]);
	free(words);
	if (result != NULL && *result != '\0') {
		if (status != 0)
			server_client_output(c, 2, "roost: %s\n", result);
		else if (query)
			server_client_output(c, 1, "%s\n", result);
	}
	free(result);
	server_client_send_exit(c, status == 0 ? 0 : 1, NULL);
	server_check_exit(c->server);
}

/* `roost CMD` inside a window: a new window in that session. */
static void
server_client_req_new_window(struct client *c, struct server_request *r)
{
	struct session *sess;
	struct window *w;
	struct client *other;
	const char *errstr;
	char *cause, *msg;
	long id;

	id = strtonum(
	    r->session != NULL ? r->session : "", 1, 1000000000, &errstr);
	sess = errstr == NULL ? server_find_session_id(c->server, id) : NULL;
	if (sess == NULL) {
		server_client_send_exit(
		    c, 1, "roost: the session of this window no longer exists");
		return;
	}
	w = window_create(sess, -1, r->title, r->argc > 0 ? r->argv : NULL,
	    sess->curw != NULL ? sess->curw->rows : 24,
	    sess->curw != NULL ? sess->curw->cols : 80, NULL, &cause);
	if (w == NULL) {
		xasprintf(&msg, "roost: %s", cause);
		server_client_send_exit(c, 1, msg);
		free(msg);
		free(cause);
		return;
	}
	/* Show it on the displays of that session, as screen does. */
	TAILQ_FOREACH (other, &c->server->clients, entry) {
		if (other->session == sess && other->state == CLIENT_ATTACHED)
			server_client_set_window(other, w);
	}
	sess->curw = w;
}

static void
server_client_command(struct client *c, const uint8_t *p, size_t len)
{
	struct proto_strings m;
	struct server_request r;
	struct client *requester = c;

	if (proto_strings_decode(p, len, &m) != 0) {
		server_client_lost(c);
		return;
	}
	if (server_client_parse_request(&m, &r) != 0) {
		server_client_send_exit(c, 1, "roost: malformed request");
		proto_strings_free(&m);
		return;
	}
	if (strcmp(r.verb, "new") == 0)
		server_client_new_session(c, &r, !r.detached);
	else if (strcmp(r.verb, "attach") == 0)
		server_client_req_attach(c, &r);
	else if (strcmp(r.verb, "list") == 0)
		server_client_req_list(c, &r);
	else if (strcmp(r.verb, "detach") == 0)
		server_client_req_detach(c, &r);
	else if (strcmp(r.verb, "command") == 0)
		server_client_req_command(c, &r, 0);
	else if (strcmp(r.verb, "query") == 0)
		server_client_req_command(c, &r, 1);
	else if (strcmp(r.verb, "new-window") == 0) {
		server_client_req_new_window(c, &r);
		if (requester->state != CLIENT_CLOSING)
			server_client_send_exit(requester, 0, NULL);
	} else {
		server_client_output(c, 2,
		    "roost: the server does not know the request '%s'\n",
		    r.verb);
		server_client_send_exit(c, 1, NULL);
	}
	proto_strings_free(&m);
}

/*
 * A bindkey sequence at p (len bytes): the binding if the bytes start
 * with one; *partial is set if they are a proper prefix of one.
 */
static struct keybinding *
server_client_keybinding(
    struct keytable *s, const uint8_t *p, size_t len, int *partial)
{
	struct keybinding *kb;
	size_t n;

	*partial = 0;
	TAILQ_FOREACH (kb, &s->keybindings, entry) {
		n = strlen(kb->seq);
		if ((uint8_t)kb->seq[0] != p[0])
			continue;
		if (len >= n && memcmp(kb->seq, p, n) == 0)
			return kb;
		if (len < n && memcmp(kb->seq, p, len) == 0)
			*partial = 1;
	}
	return NULL;
}

static void
server_client_run_keybinding(struct client *c, struct keybinding *kb)
{
	char **argv, *result = NULL;
	int i, argc = kb->argc, status;

	/* Copy: the command may rebind (and free) this binding. */
	argv = xcalloc((size_t)argc + 1, sizeof *argv);
	for (i = 0; i < argc; i++)
		argv[i] = xstrdup(kb->argv[i]);
	status = cmd_execute(c, c->session, c->window, argc, argv, &result);
	if (status != 0 && result != NULL && c->state == CLIENT_ATTACHED)
		server_client_message(c, "%s", result);
	free(result);
	for (i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
	server_check_exit(c->server);
}

/* Does something other than the window take c's keys? */
static int
server_client_keys_taken(const struct client *c)
{
	return c->prompt != NULL || c->overlay != NULL ||
	    (c->focus != NULL && c->focus->mode != NULL);
}

/* Keep n bytes of an incomplete key sequence for the next input; 0 if
   they do not fit in c->keybuf (nothing kept). */
static int
server_client_keep_keys(struct client *c, const uint8_t *p, size_t n)
{
	if (n > sizeof c->keybuf)
		return 0;
	memcpy(c->keybuf, p, n);
	c->keylen = n;
	return 1;
}

/*
 * Keys typed at an attached display: bytes go to the focused window
 * unchanged until the command character (screen(1): escape, C-a); the key
 * after it runs its binding. A prompt, the help screen or a region's mode
 * takes keys one by one instead.
 */
static void
server_client_input(struct client *c, const uint8_t *p, size_t len)
{
	struct keytable *s;
	uint8_t *buf;
	struct keybinding *kb;
	size_t off = 0, n, e, total;
	int key, partial, mouse;

	if (server_lock_input(c))
		return;
	if (c->session == NULL)
		return;
	s = &c->session->keys;
	c->last_input = time(NULL);
	c->typed = 1;
	window_hold_floods(c->server, c->window);
	/* The window follows the size of the display typing into it. */
	server_client_size_window(c);

	total = c->keylen + len;
	buf = xmalloc(total > 0 ? total : 1);
	memcpy(buf, c->keybuf, c->keylen);
	memcpy(buf + c->keylen, p, len);
	c->keylen = 0;

	while (off < total && c->state == CLIENT_ATTACHED) {
		if (c->prefix || server_client_keys_taken(c)) {
			n = keys_next(buf + off, total - off, &key);
			if (n == 0) {
				/* An incomplete sequence: wait for more. */
				server_client_keep_keys(
				    c, buf + off, total - off);
				break;
			}
			off += n;
			if (c->prefix) {
				c->prefix = 0;
				if (cmd_key(c, key) != 0 &&
				    c->state == CLIENT_ATTACHED)
					server_client_message(
					    c, "No binding for that key.");
				continue;
			}
			if (c->prompt != NULL)
				prompt_key(c, key);
			else if (key == s->escape_key)
				c->prefix = 1;
			else if (c->overlay != NULL)
				c->overlay->key(c, c->overlay_data, key);
			else if (c->focus != NULL && c->focus->mode != NULL)
				c->focus->mode->key(
				    c, c->focus->mode_data, key);
			continue;
		}
		kb = NULL;
		partial = mouse = 0;
		for (e = off; e < total; e++) {
			if (buf[e] == s->escape_key)
				break;
			if (!TAILQ_EMPTY(&s->keybindings) &&
			    (kb = server_client_keybinding(
				 s, buf + e, total - e, &partial)) != NULL)
				break;
			if (partial)
				break;
			/* A mouse report asked for the wheel (mode-copy.c). */
			if (c->wheel_mouse && buf[e] == 0x1b && e + 2 < total &&
			    buf[e + 1] == '[' && buf[e + 2] == '<') {
				mouse = 1;
				break;
			}
		}
		if (e > off && c->window != NULL)
			window_write(c->window, buf + off, e - off);
		off = e;
		if (off >= total)
			break;
		if (partial) {
			/* The start of a bound sequence: wait for the rest. */
			if (!server_client_keep_keys(
				c, buf + off, total - off) &&
			    c->window != NULL)
				window_write(c->window, buf + off, total - off);
			break;
		}
		if (kb != NULL) {
			off += strlen(kb->seq);
			server_client_run_keybinding(c, kb);
			continue;
		}
		if (mouse) {
			if ((n = keys_next(buf + off, total - off, &key)) ==
			    0) {
				server_client_keep_keys(
				    c, buf + off, total - off);
				break;
			}
			off += n;
			/* The wheel up opens copy mode; other reports go. */
			if (key == KEY_WHEEL_UP)
				mode_copy_start(c, 3);
			continue;
		}
		c->prefix = 1;
		off++;
	}
	free(buf);
}

static void
server_client_dispatch(
    struct client *c, uint32_t type, const uint8_t *p, size_t len)
{
	struct proto_hello h;
	struct proto_resize rs;

	switch (c->state) {
	case CLIENT_HELLO:
		if (type != PROTO_HELLO ||
		    proto_hello_decode(p, len, &h) != 0) {
			server_client_lost(c);
			return;
		}
		memset(&h, 0, sizeof h);
		h.version = PROTO_VERSION;
		strlcpy(h.program, ROOST_VERSION, sizeof h.program);
		proto_hello_encode(&c->out, &h);
		if (proto_hello_decode(p, len, &h) != 0 ||
		    h.version != PROTO_VERSION) {
			/* DESIGN.md decision 2: say who we are, then close;
			   the client explains the mismatch. */
			log_debug("client speaks protocol %u", h.version);
			c->state = CLIENT_CLOSING;
			server_client_flush(c);
			return;
		}
		c->state = CLIENT_IDENTIFY;
		server_client_flush(c);
		return;
	case CLIENT_IDENTIFY:
		if (type != PROTO_IDENTIFY ||
		    proto_identify_decode(p, len, &c->id) != 0) {
			server_client_lost(c);
			return;
		}
		c->identified = 1;
		c->rows = c->id.rows;
		c->cols = c->id.cols;
		c->state = CLIENT_REQUEST;
		return;
	case CLIENT_REQUEST:
		if (type != PROTO_COMMAND) {
			server_client_lost(c);
			return;
		}
		server_client_command(c, p, len);
		return;
	case CLIENT_ATTACHED:
		break;
	case CLIENT_CLOSING:
		return;
	}

	switch (type) {
	case PROTO_INPUT:
		server_client_input(c, p, len);
		break;
	case PROTO_RESIZE:
		if (proto_resize_decode(p, len, &rs) != 0) {
			server_client_lost(c);
			return;
		}
		if (rs.rows != c->rows || rs.cols != c->cols) {
			c->rows = rs.rows;
			c->cols = rs.cols;
			c->full = 1;
			c->dirty = 1;
			server_client_size_window(c);
			server_render_soon(c->server);
		}
		break;
	case PROTO_DETACH:
		server_client_lost(c);
		break;
	case PROTO_HANGUP:
		/* screen(1): autodetach off ends the session on hang-up. */
		if (c->session != NULL && !c->session->options.autodetach) {
			struct server *s = c->server;

			session_destroy(c->session);
			server_check_exit(s);
		} else
			server_client_lost(c);
		break;
	case PROTO_UNLOCK:
		server_lock_unlock(c);
		break;
	default:
		/* Unknown types are skipped by length. */
		break;
	}
}

static void
server_client_read_cb(int fd, short events, void *arg)
{
	struct client *c = arg;
	const uint8_t *payload;
	size_t plen, off;
	uint32_t type;
	ssize_t n;
	int r;

	(void)events;
	if (c->rsize - c->rlen < 16384) {
		c->rsize = c->rsize + 65536;
		if (c->rsize > PROTO_MAX_PAYLOAD + PROTO_HEADER_SIZE + 65536) {
			server_client_lost(c);
			return;
		}
		c->rbuf = xreallocarray(c->rbuf, 1, c->rsize);
	}
	n = read(fd, c->rbuf + c->rlen, c->rsize - c->rlen);
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		server_client_lost(c);
		return;
	}
	c->rlen += (size_t)n;
	off = 0;
	for (;;) {
		r = proto_next_message(
		    c->rbuf + off, c->rlen - off, &type, &payload, &plen);
		if (r == 0)
			break;
		if (r == -1) {
			server_client_lost(c);
			return;
		}
		off += PROTO_HEADER_SIZE + plen;
		/* The client may be freed inside: remember nothing of it
		   but what is checked right after. */
		{
			struct server *s = c->server;
			struct client *it;
			int alive = 0;

			server_client_dispatch(c, type, payload, plen);
			TAILQ_FOREACH (it, &s->clients, entry) {
				if (it == c) {
					alive = 1;
					break;
				}
			}
			if (!alive)
				return;
		}
		if (c->state == CLIENT_CLOSING)
			return;
	}
	memmove(c->rbuf, c->rbuf + off, c->rlen - off);
	c->rlen -= off;
}
