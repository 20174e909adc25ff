/*
 * server-lock.c -- the server's side of the lock (issue 7): which
 * displays and sessions are locked, the LOCK/UNLOCKED messages that tell
 * a client so, the UNLOCK a client sends once its user passed PAM, the
 * per-display idle timers, and the `lockscreen` and `idle` commands (a
 * family of the command table, as cmd-window.c).
 *
 * A locked display gets no frames (render.c skips it) and its input is
 * dropped (server-client.c asks server_lock_input()). The server never
 * sees a password: the client runs the PAM conversation on its own
 * terminal (lock.c) and reports success with PROTO_UNLOCK. That makes the
 * lock a guard against people at a terminal, not against programs of the
 * same user, which could send UNLOCK themselves; the man page says so.
 *
 * Rules. A session is locked (sess->locked) by `lockscreen -s`, by
 * `lockscreen` from -X, and when a locked display goes away (detached,
 * killed, lost): so detaching and reattaching never walks around a lock.
 * A display attaching to a locked session, or to one that has a locked
 * display, is locked before it gets any frame. A display that unlocks
 * clears the session's lock too (its user proved presence); the other
 * locked displays stay locked until their own user authenticates.
 * `lockscreen off` (from -X or an unlocked display) lifts every lock of
 * the session.
 *
 * Idle timers: one one-shot libevent timer per display, armed on attach
 * and re-armed on input, so an idle server has no periodic wakeups.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "util/xmalloc.h"

/* Longest `idle` timeout accepted, seconds (a day). */
#define SERVER_LOCK_IDLE_MAX 86400

static void server_lock_idle_cb(int, short, void *);

static int
server_lock_attached(const struct client *c)
{
	return c->state == CLIENT_ATTACHED && c->session != NULL;
}

/* Arm (or disarm) c's idle timer from its session's idle setting. */
static void
server_lock_arm(struct client *c)
{
	struct timeval tv;

	if (!server_lock_attached(c) || c->locked || c->session->idle == 0) {
		if (c->idle_ev != NULL)
			evtimer_del(c->idle_ev);
		return;
	}
	if (c->idle_ev == NULL)
		c->idle_ev =
		    evtimer_new(c->server->base, server_lock_idle_cb, c);
	tv.tv_sec = c->session->idle;
	tv.tv_usec = 0;
	evtimer_add(c->idle_ev, &tv);
}

/* Send LOCK to c and stop showing it anything. */
static void
server_lock_client(struct client *c, int whole_session)
{
	const char *argv[2];
	char name[512];

	if (!server_lock_attached(c))
		return;
	session_full_name(c->session, name, sizeof name);
	argv[0] = name;
	argv[1] = whole_session ? "session" : "display";
	proto_strings_encode(&c->out, PROTO_LOCK, argv, 2);
	if (!c->locked)
		log_debug("client %d locked (%s)", c->fd, argv[1]);
	c->locked = 1;
	c->prefix = 0;
	c->dirty = 0;
	server_lock_arm(c);
	server_client_flush(c);
}

/* Unlock c: the next frame redraws everything it missed. */
static void
server_lock_resume(struct client *c)
{
	c->locked = 0;
	c->last_input = time(NULL);
	c->full = 1;
	c->dirty = 1;
	server_lock_arm(c);
	server_render_soon(c->server);
}

/* Does a display of sess other than `except` hold a lock? */
static int
server_lock_session_has_locked(struct session *sess, struct client *except)
{
	struct client *c;

	TAILQ_FOREACH (c, &sess->server->clients, entry) {
		if (c != except && c->session == sess && c->locked &&
		    c->state == CLIENT_ATTACHED)
			return 1;
	}
	return 0;
}

/*
 * c has just attached (ATTACHED is queued, no frame yet): lock it if its
 * session is locked or has a locked display, and arm its idle timer.
 */
void
server_lock_attach(struct client *c)
{
	struct session *sess = c->session;

	c->locked = 0;
	if (sess == NULL)
		return;
	if (sess->locked || server_lock_session_has_locked(sess, c))
		server_lock_client(c, 1);
	else
		server_lock_arm(c);
}

/*
 * Input arrived from c: returns 1 when it must be dropped (c is locked),
 * else re-arms the idle timer and returns 0.
 */
int
server_lock_input(struct client *c)
{
	if (c->locked)
		return 1;
	server_lock_arm(c);
	return 0;
}

/* PROTO_UNLOCK from c: its user passed PAM (or LOCKPRG). */
void
server_lock_unlock(struct client *c)
{
	if (!c->locked || !server_lock_attached(c))
		return;
	log_debug("client %d unlocked", c->fd);
	c->session->locked = 0;
	server_lock_resume(c);
}

/*
 * c is leaving (detached, lost or freed): a locked display leaves its
 * session locked; its timer goes. Safe to call more than once.
 */
void
server_lock_client_gone(struct client *c)
{
	if (c->locked && c->session != NULL && !c->session->dying)
		c->session->locked = 1;
	c->locked = 0;
	if (c->idle_ev != NULL) {
		event_free(c->idle_ev);
		c->idle_ev = NULL;
	}
}

/* The session is being destroyed: free what this file gave it. */
void
server_lock_session_free(struct session *sess)
{
	int i;

	for (i = 0; i < sess->idle_argc; i++)
		free(sess->idle_argv[i]);
	free(sess->idle_argv);
	sess->idle_argv = NULL;
	sess->idle_argc = 0;
}

/* Lock every display of sess and the session itself. */
static void
server_lock_session(struct session *sess)
{
	struct client *c;

	sess->locked = 1;
	TAILQ_FOREACH (c, &sess->server->clients, entry) {
		if (c->session == sess && c->state == CLIENT_ATTACHED)
			server_lock_client(c, 1);
	}
}

/* Lift every lock of sess; returns how many displays were unlocked. */
static int
server_lock_lift(struct session *sess)
{
	struct client *c;
	int n = 0;

	sess->locked = 0;
	TAILQ_FOREACH (c, &sess->server->clients, entry) {
		if (c->session != sess || !c->locked ||
		    c->state != CLIENT_ATTACHED)
			continue;
		proto_msg_begin(&c->out, PROTO_UNLOCKED);
		proto_msg_end(&c->out);
		server_client_flush(c);
		server_lock_resume(c);
		n++;
	}
	return n;
}

/*
 * lockscreen [-s|off] (screen(1): lockscreen, C-a x): no argument, typed
 * at a display (a key, the prompt, its idle timer), locks that display;
 * from -X/-Q or an rc file it locks the whole session, whatever display
 * -X acts for. -s locks the session and every display of it. off lifts
 * every lock of the session, unless typed at a locked display (which
 * cannot happen: its keys are dropped).
 */
int
cmd_lockscreen_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct session *sess = ctx->session;
	struct client *c = ctx->client;
	char name[512];
	int n, typed = ctx->interactive && c != NULL;

	if (sess == NULL)
		return cmd_error(ctx, "lockscreen: no session");
	if (argc == 1 && strcmp(argv[0], "-s") != 0 &&
	    strcmp(argv[0], "off") != 0)
		return cmd_error(ctx, "lockscreen: usage: lockscreen [-s|off]");
	session_full_name(sess, name, sizeof name);
	if (argc == 1 && strcmp(argv[0], "off") == 0) {
		if (typed && c->locked)
			return cmd_error(
			    ctx, "lockscreen: this display is locked");
		n = server_lock_lift(sess);
		cmd_result(ctx, "%s unlocked (%d display%s)", name, n,
		    n == 1 ? "" : "s");
		return 0;
	}
	if (argc == 1 || !typed || !server_lock_attached(c)) {
		server_lock_session(sess);
		cmd_result(ctx, "%s locked", name);
		return 0;
	}
	server_lock_client(c, 0);
	return 0;
}

/*
 * idle [SECONDS|off [COMMAND [ARGS]]] (screen(1): idle): no argument
 * shows the setting; off or 0 disables it; otherwise COMMAND (default:
 * the one set before, else lockscreen) runs on a display after SECONDS
 * without input there. The setting belongs to the session; each of its
 * displays has its own timer.
 */
int
cmd_idle_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct session *sess = ctx->session;
	struct client *it;
	const char *errstr;
	char *text, *next;
	long secs;
	int i;

	if (sess == NULL)
		return cmd_error(ctx, "idle: no session");
	if (argc == 0) {
		if (sess->idle == 0) {
			cmd_result(ctx, "idle off");
			return 0;
		}
		xasprintf(&text, "idle %u", sess->idle);
		for (i = 0; i < sess->idle_argc; i++) {
			xasprintf(&next, "%s %s", text, sess->idle_argv[i]);
			free(text);
			text = next;
		}
		cmd_message(ctx, "%s", text);
		free(text);
		return 0;
	}
	if (strcmp(argv[0], "off") == 0)
		secs = 0;
	else {
		secs = strtonum(argv[0], 0, SERVER_LOCK_IDLE_MAX, &errstr);
		if (errstr != NULL)
			return cmd_error(ctx,
			    "idle: the timeout is seconds (0 to %d) or off: %s",
			    SERVER_LOCK_IDLE_MAX, argv[0]);
	}
	sess->idle = (unsigned)secs;
	if (argc > 1) {
		server_lock_session_free(sess);
		sess->idle_argc = argc - 1;
		sess->idle_argv =
		    xcalloc((size_t)argc, sizeof *sess->idle_argv);
		for (i = 1; i < argc; i++)
			sess->idle_argv[i - 1] = xstrdup(argv[i]);
	} else if (sess->idle_argv == NULL) {
		sess->idle_argc = 1;
		sess->idle_argv = xcalloc(2, sizeof *sess->idle_argv);
		sess->idle_argv[0] = xstrdup("lockscreen");
	}
	TAILQ_FOREACH (it, &sess->server->clients, entry) {
		if (it->session == sess)
			server_lock_arm(it);
	}
	return 0;
}

/* A display was idle long enough: run the session's idle command. */
static void
server_lock_idle_cb(int fd, short events, void *arg)
{
	struct client *c = arg;
	struct server *s = c->server;
	struct session *sess = c->session;
	char **argv, *result = NULL;
	int argc, i, status;

	(void)fd;
	(void)events;
	if (!server_lock_attached(c) || c->locked || sess->idle == 0 ||
	    sess->idle_argc == 0)
		return;
	/* A copy: the command may change the idle setting. */
	argc = sess->idle_argc;
	argv = xcalloc((size_t)argc + 1, sizeof *argv);
	for (i = 0; i < argc; i++)
		argv[i] = xstrdup(sess->idle_argv[i]);
	log_debug("client %d idle for %u s: %s", c->fd, sess->idle, argv[0]);
	status = cmd_execute(c, sess, c->window, argc, argv, &result);
	if (status != 0 && result != NULL && server_lock_attached(c) &&
	    !c->locked)
		server_client_message(c, "%s", result);
	free(result);
	for (i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
	server_check_exit(s);
}
