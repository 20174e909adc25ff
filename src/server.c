/*
 * server.c -- the per-user server: one libevent loop that owns every
 * session, window, pty and client (DESIGN.md decision 1). It never blocks:
 * ptys and client sockets are non-blocking, and frames are drawn from a
 * deferred event so that many pty reads in one loop turn cost one frame.
 * It exits when its last session ends, removing its socket.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "copy.h"
#include "format.h"
#include "roost.h"
#include "util/xmalloc.h"

static void
server_accept_cb(int fd, short events, void *arg)
{
	struct server *s = arg;
	struct ucred cred;
	socklen_t len = sizeof cred;
	int cfd;

	(void)events;
	cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (cfd == -1)
		return;
	/* Only the owner may connect (DESIGN.md decision 1). */
	if (getsockopt(cfd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == -1 ||
	    cred.uid != getuid()) {
		log_debug("refused a peer with uid %ld", (long)cred.uid);
		close(cfd);
		return;
	}
	server_client_accept(s, cfd);
}

static void
server_sigchld_cb(int sig, short events, void *arg)
{
	struct server *s = arg;
	struct session *sess, *sess1;
	struct window *w, *w1;
	int status;
	pid_t pid;

	(void)sig;
	(void)events;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (WIFSTOPPED(status))
			continue;
		TAILQ_FOREACH_SAFE (sess, &s->sessions, entry, sess1) {
			TAILQ_FOREACH_SAFE (w, &sess->windows, entry, w1) {
				if (w->pid == pid) {
					window_child_exited(w, status);
					goto next;
				}
			}
		}
	next:;
	}
}

static void
server_sigterm_cb(int sig, short events, void *arg)
{
	struct server *s = arg;
	struct session *sess;

	(void)sig;
	(void)events;
	while ((sess = TAILQ_FIRST(&s->sessions)) != NULL)
		session_destroy(sess);
	server_check_exit(s);
}

static void
server_render_cb(int fd, short events, void *arg)
{
	struct server *s = arg;
	struct client *c;

	(void)fd;
	(void)events;
	TAILQ_FOREACH (c, &s->clients, entry)
		server_client_render(c);
}

/* Draw dirty clients at the end of this loop turn. */
void
server_render_soon(struct server *s)
{
	event_active(s->render_ev, EV_TIMEOUT, 0);
}

/* (Re)arm the clock timer for what the status lines show. */
void
server_clock_update(struct server *s)
{
	struct timeval tv;
	struct timespec ts;

	struct session *sess;
	unsigned g, step = 60;

	/* Wake at the next minute boundary only, unless a caption or
	   hardstatus shows seconds: the default status line shows minutes,
	   and nothing else on it depends on time. */
	TAILQ_FOREACH (sess, &s->sessions, entry) {
		if (!session_attached(sess))
			continue;
		g = format_time_granularity(sess->options.hardstatus_fmt != NULL
			? sess->options.hardstatus_fmt
			: FORMAT_DEFAULT_HARDSTATUS);
		if (g == 1)
			step = 1;
		if (sess->options.caption_fmt != NULL &&
		    format_time_granularity(sess->options.caption_fmt) == 1)
			step = 1;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	tv.tv_sec = step - ts.tv_sec % step;
	tv.tv_usec = 0;
	if (ts.tv_nsec > 0) {
		tv.tv_sec--;
		tv.tv_usec = (1000000000 - ts.tv_nsec) / 1000 + 1000;
		if (tv.tv_usec >= 1000000) {
			tv.tv_sec++;
			tv.tv_usec -= 1000000;
		}
	}
	evtimer_add(s->clock_ev, &tv);
}

static void
server_clock_cb(int fd, short events, void *arg)
{
	struct server *s = arg;
	struct client *c;

	(void)fd;
	(void)events;
	TAILQ_FOREACH (c, &s->clients, entry) {
		if (c->state == CLIENT_ATTACHED)
			c->dirty = 1;
	}
	server_render_soon(s);
	server_clock_update(s);
}

/* Leave the loop once no session is left. */
void
server_check_exit(struct server *s)
{
	if (TAILQ_EMPTY(&s->sessions) && !s->exiting) {
		s->exiting = 1;
		/* Stop listening at once, so that a client starting now starts
		   a new server instead of reaching this one as it goes. */
		event_del(s->listen_ev);
		unlink(s->path);
		/* Let the clients read their EXIT first. */
		event_base_loopexit(s->base, NULL);
	}
}

/*
 * Find a session by what a user typed: "ID.NAME", "ID", "NAME", or a
 * unique prefix of "ID.NAME" or NAME. NULL with *ambiguous set when more
 * than one matches.
 */
struct session *
server_find_session(struct server *s, const char *name, int *ambiguous)
{
	struct session *sess, *found = NULL;
	char full[512];
	size_t len = strlen(name);
	int n = 0;

	*ambiguous = 0;
	/* "ID.NAME" is unique. */
	TAILQ_FOREACH (sess, &s->sessions, entry) {
		session_full_name(sess, full, sizeof full);
		if (strcmp(full, name) == 0)
			return sess;
	}
	/* Then exact names and ids: two sessions may share a name, and a
	   name may look like another's id -- then say it is ambiguous. */
	TAILQ_FOREACH (sess, &s->sessions, entry) {
		char id[16];

		snprintf(id, sizeof id, "%u", sess->id);
		if (strcmp(sess->name, name) == 0 || strcmp(id, name) == 0) {
			found = sess;
			n++;
		}
	}
	if (n > 1) {
		*ambiguous = 1;
		return NULL;
	}
	if (found != NULL)
		return found;
	TAILQ_FOREACH (sess, &s->sessions, entry) {
		session_full_name(sess, full, sizeof full);
		if (strncmp(full, name, len) == 0 ||
		    strncmp(sess->name, name, len) == 0) {
			found = sess;
			n++;
		}
	}
	if (n > 1) {
		*ambiguous = 1;
		return NULL;
	}
	return found;
}

/* The session with that id (unique within the server's run), or NULL. */
struct session *
server_find_session_id(struct server *s, unsigned id)
{
	struct session *sess;

	TAILQ_FOREACH (sess, &s->sessions, entry) {
		if (sess->id == id)
			return sess;
	}
	return NULL;
}

static void
server_free(struct server *s)
{
	struct client *c;
	struct session *sess;

	while ((sess = TAILQ_FIRST(&s->sessions)) != NULL)
		session_destroy(sess);
	while ((c = TAILQ_FIRST(&s->clients)) != NULL) {
		/* Best effort: whatever is queued (EXIT messages). */
		if (c->out.len > 0) {
			fcntl(c->fd, F_SETFL,
			    fcntl(c->fd, F_GETFL) & ~O_NONBLOCK);
			server_client_flush(c);
		}
		server_client_free(c);
	}
	event_free(s->listen_ev);
	event_free(s->sigchld_ev);
	event_free(s->sigterm_ev);
	event_free(s->sighup_ev);
	event_free(s->render_ev);
	event_free(s->clock_ev);
	if (s->hold_ev != NULL)
		event_free(s->hold_ev);
	event_base_free(s->base);
	while (s->nhistory > 0)
		free(s->history[--s->nhistory]);
	free(s->dir);
	free(s->path);
	free(s->lock_path);
	paste_free(s);
}

/*
 * Run the server on the already-listening socket listen_fd (bound at path
 * in the socket directory dir). Called in a fresh process forked by the
 * client; returns the exit status when the last session has ended.
 */
int
server_start(
    int listen_fd, const char *dir, const char *path, const char *lock_path)
{
	struct server server, *s = &server;
	char *logpath;
	int fd;

	memset(s, 0, sizeof *s);
	/* DESIGN.md decision 4: widths from the C library in UTF-8, even
	   when started from cron with no locale. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "C.utf8");
	if ((fd = open("/dev/null", O_RDWR)) != -1) {
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}
	if (chdir("/") != 0)
		return 1;
	umask(077);
	if (getenv("ROOST_DEBUG") != NULL) {
		xasprintf(&logpath, "%s/server.log", dir);
		log_open(logpath);
		free(logpath);
	}
	signal(SIGPIPE, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);

	s->dir = xstrdup(dir);
	s->path = xstrdup(path);
	s->lock_path = xstrdup(lock_path);
	s->listen_fd = listen_fd;
	TAILQ_INIT(&s->sessions);
	TAILQ_INIT(&s->clients);
	fcntl(listen_fd, F_SETFL, fcntl(listen_fd, F_GETFL) | O_NONBLOCK);
	fcntl(listen_fd, F_SETFD, FD_CLOEXEC);

	if ((s->base = event_base_new()) == NULL)
		return 1;
	/* Two priorities: what clients send (keys above all) before the
	   ptys, frames and timers of the default, lower one. */
	event_base_priority_init(s->base, 2);
	s->listen_ev = event_new(
	    s->base, listen_fd, EV_READ | EV_PERSIST, server_accept_cb, s);
	s->sigchld_ev = evsignal_new(s->base, SIGCHLD, server_sigchld_cb, s);
	s->sigterm_ev = evsignal_new(s->base, SIGTERM, server_sigterm_cb, s);
	s->sighup_ev = evsignal_new(s->base, SIGHUP, server_sigterm_cb, s);
	s->render_ev = event_new(s->base, -1, 0, server_render_cb, s);
	s->clock_ev = evtimer_new(s->base, server_clock_cb, s);
	event_add(s->listen_ev, NULL);
	event_add(s->sigchld_ev, NULL);
	event_add(s->sigterm_ev, NULL);
	/* SIGHUP to a daemon is no reason to lose sessions: ignore it. */
	signal(SIGHUP, SIG_IGN);
	server_clock_update(s);
	log_debug("server %ld started on %s", (long)getpid(), path);

	event_base_dispatch(s->base);

	log_debug("server exiting");
	unlink(s->path);
	close(listen_fd);
	server_free(s);
	log_open(NULL);
	return 0;
}
