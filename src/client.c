/*
 * client.c -- the thin client: finds or starts the per-user server, says
 * HELLO, IDENTIFY and what the command line asked (PROTO_COMMAND), then
 * either prints what the server answers (-ls, -X, -dmS) or, once told it is
 * ATTACHED, puts the terminal in raw mode, forwards what is typed and draws
 * the frames it receives through tty.c.
 *
 * It holds no session state: killing it loses nothing. It always restores
 * the terminal, whatever ends it (detach, server exit, SIGHUP, SIGTERM).
 */
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client.h"
#include "lock.h"
#include "roost.h"
#include "tty.h"
#include "util/xmalloc.h"

extern char **environ;

/* Everything the client needs while its event loop runs. */
struct client_loop {
	struct event_base *base;
	int fd; /* the server socket */
	struct event *read_ev;
	struct event *write_ev;
	struct event *stdin_ev;
	struct event *tty_write_ev;
	struct event *sigwinch_ev;
	struct event *sighup_ev;
	struct event *sigterm_ev;
	struct proto_buf out;
	uint8_t *rbuf;
	size_t rlen, rsize;
	struct tty *tty;
	struct lock *lock; /* locked: the lock screen, else NULL */
	int attached;
	int got_hello;
	int exit_status;
	char *exit_message;
	int done;
	int paused; /* not reading the server: the terminal is behind */
	int retry;  /* the server closed before HELLO: try again */
};

/* Bytes waiting for the terminal before the client stops reading. */
#define CLIENT_TTY_BACKLOG (64 * 1024)

/* Connect to the server socket at path; -1 with errno on failure. */
static int
client_connect(const char *path)
{
	struct sockaddr_un sa;
	int fd;

	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sa.sun_path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strlcpy(sa.sun_path, path, sizeof sa.sun_path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == -1) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

/*
 * Start the server: under the lock, bind the listening socket here (so
 * that connecting succeeds as soon as we return, with no race), fork twice
 * so the server is no child of ours, and connect.
 */
static int
client_start_server(const char *dir, const char *path, const char *lock)
{
	struct sockaddr_un sa;
	int lockfd, lfd, fd, status;
	pid_t pid, server_pid;
	mode_t mask;
	char buf[32];

	lockfd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (lockfd == -1) {
		fprintf(stderr, "roost: cannot open %s: %s\n", lock,
		    strerror(errno));
		return -1;
	}
	if (flock(lockfd, LOCK_EX) == -1) {
		fprintf(stderr, "roost: cannot lock %s: %s\n", lock,
		    strerror(errno));
		close(lockfd);
		return -1;
	}
	/* Someone else may have started it while we waited. */
	if ((fd = client_connect(path)) != -1) {
		close(lockfd);
		return fd;
	}
	unlink(path);

	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sa.sun_path) {
		fprintf(stderr, "roost: socket path too long: %s\n", path);
		close(lockfd);
		return -1;
	}
	strlcpy(sa.sun_path, path, sizeof sa.sun_path);
	if ((lfd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1) {
		fprintf(stderr, "roost: socket: %s\n", strerror(errno));
		close(lockfd);
		return -1;
	}
	mask = umask(S_IXUSR | S_IRWXG | S_IRWXO);
	if (bind(lfd, (struct sockaddr *)&sa, sizeof sa) == -1 ||
	    listen(lfd, 128) == -1) {
		umask(mask);
		fprintf(stderr, "roost: cannot listen on %s: %s\n", path,
		    strerror(errno));
		close(lfd);
		close(lockfd);
		return -1;
	}
	umask(mask);

	fflush(stdout);
	fflush(stderr);
	switch ((pid = fork())) {
	case -1:
		fprintf(stderr, "roost: fork: %s\n", strerror(errno));
		close(lfd);
		close(lockfd);
		return -1;
	case 0:
		/* The intermediate child: start the server and go. */
		if (setsid() == -1)
			_exit(1);
		switch ((server_pid = fork())) {
		case -1:
			_exit(1);
		case 0:
			close(lockfd);
			_exit(server_start(lfd, dir, path, lock));
		default:
			snprintf(buf, sizeof buf, "%ld\n", (long)server_pid);
			if (ftruncate(lockfd, 0) == 0 &&
			    write(lockfd, buf, strlen(buf)) < 0)
				_exit(1);
			_exit(0);
		}
	}
	close(lfd);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	fd = client_connect(path);
	if (fd == -1)
		fprintf(stderr,
		    "roost: cannot connect to new server at %s: %s\n", path,
		    strerror(errno));
	flock(lockfd, LOCK_UN);
	close(lockfd);
	return fd;
}

static void
client_send(struct client_loop *cs)
{
	ssize_t n;

	while (cs->out.len > 0) {
		n = write(cs->fd, cs->out.data, cs->out.len);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN) {
				event_add(cs->write_ev, NULL);
				return;
			}
			/* The server is gone; the read side will see it. */
			cs->out.len = 0;
			return;
		}
		proto_buf_consume(&cs->out, (size_t)n);
	}
}

static void
client_finish(struct client_loop *cs, int status, const char *message)
{
	if (cs->done)
		return;
	cs->done = 1;
	cs->exit_status = status;
	free(cs->exit_message);
	cs->exit_message = message != NULL ? xstrdup(message) : NULL;
	event_base_loopexit(cs->base, NULL);
}

static void
client_tty_flush(struct client_loop *cs)
{
	if (cs->tty == NULL)
		return;
	if (tty_flush(cs->tty) == -1 && errno != EAGAIN) {
		/* The terminal is gone (hang-up): detach. */
		client_finish(cs, 0, NULL);
		return;
	}
	if (tty_pending(cs->tty) > 0)
		event_add(cs->tty_write_ev, NULL);
	/*
	 * A terminal that is behind stops us reading the server: the
	 * server then sees its socket full and sends fewer, newer frames
	 * (DESIGN.md decision 3) instead of us decoding frames we would
	 * never draw.
	 */
	if (tty_pending(cs->tty) > CLIENT_TTY_BACKLOG) {
		if (!cs->paused) {
			event_del(cs->read_ev);
			cs->paused = 1;
		}
	} else if (cs->paused) {
		event_add(cs->read_ev, NULL);
		cs->paused = 0;
	}
}

static void
client_tty_write_cb(int fd, short events, void *arg)
{
	(void)fd;
	(void)events;
	client_tty_flush(arg);
}

static void
client_resize(struct client_loop *cs)
{
	struct proto_resize r;
	unsigned rows, cols;

	if (tty_get_size(cs->tty, &rows, &cols) != 0)
		return;
	tty_resize(cs->tty, rows, cols);
	r.rows = rows;
	r.cols = cols;
	proto_resize_encode(&cs->out, &r);
	client_send(cs);
}

/*
 * The terminal hung up (SIGHUP, or the end of its input): tell the
 * server, which detaches this display -- or, with `autodetach off`, ends
 * the session (screen(1): autodetach) -- and go.
 */
static void
client_hangup(struct client_loop *cs)
{
	int flags;

	if (cs->attached) {
		proto_msg_begin(&cs->out, PROTO_HANGUP);
		proto_msg_end(&cs->out);
		/* Best effort, at once: the loop ends now. */
		flags = fcntl(cs->fd, F_GETFL);
		fcntl(cs->fd, F_SETFL, flags & ~O_NONBLOCK);
		client_send(cs);
		fcntl(cs->fd, F_SETFL, flags);
	}
	client_finish(cs, 1, cs->attached ? "[detached]" : NULL);
}

static void
client_signal_cb(int sig, short events, void *arg)
{
	struct client_loop *cs = arg;

	(void)events;
	switch (sig) {
	case SIGWINCH:
		if (cs->attached)
			client_resize(cs);
		if (cs->lock != NULL)
			lock_resize(cs->lock);
		break;
	case SIGHUP:
		client_hangup(cs);
		break;
	case SIGTERM:
		/* Asked to stop: detach, the session lives. */
		client_finish(cs, 0, cs->attached ? "[detached]" : NULL);
		break;
	}
}

static void
client_stdin_cb(int fd, short events, void *arg)
{
	struct client_loop *cs = arg;
	char buf[4096];
	ssize_t n;

	(void)events;
	n = read(fd, buf, sizeof buf);
	if (n == -1 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		/* The terminal went away: as a hang-up. */
		client_hangup(cs);
		return;
	}
	if (cs->lock != NULL) {
		/* The password line: never sent to the server. */
		lock_input(cs->lock, (uint8_t *)buf, (size_t)n);
		explicit_bzero(buf, sizeof buf);
		return;
	}
	proto_msg_begin(&cs->out, PROTO_INPUT);
	proto_put_bytes(&cs->out, buf, (size_t)n);
	proto_msg_end(&cs->out);
	client_send(cs);
}

static void
client_attached(struct client_loop *cs)
{
	if (cs->tty == NULL || cs->attached)
		return;
	if (tty_start(cs->tty) == -1) {
		client_finish(cs, 1, "cannot set the terminal to raw mode");
		return;
	}
	cs->attached = 1;
	cs->stdin_ev = event_new(
	    cs->base, STDIN_FILENO, EV_READ | EV_PERSIST, client_stdin_cb, cs);
	event_add(cs->stdin_ev, NULL);
	/* The size may have changed between IDENTIFY and now. */
	client_resize(cs);
	client_tty_flush(cs);
}

static void
client_lock_flush_cb(void *arg)
{
	client_tty_flush(arg);
}

static void
client_lock_input_cb(void *arg, int on)
{
	struct client_loop *cs = arg;

	if (cs->stdin_ev == NULL)
		return;
	if (on)
		event_add(cs->stdin_ev, NULL);
	else
		event_del(cs->stdin_ev);
}

/* The user passed PAM: tell the server, which sends a full frame. */
static void
client_lock_unlocked_cb(void *arg)
{
	struct client_loop *cs = arg;

	lock_free(cs->lock);
	cs->lock = NULL;
	proto_msg_begin(&cs->out, PROTO_UNLOCK);
	proto_msg_end(&cs->out);
	client_send(cs);
}

static const struct lock_callbacks client_lock_callbacks = {
	client_lock_flush_cb,
	client_lock_input_cb,
	client_lock_unlocked_cb,
};

/* PROTO_LOCK: {session, "display"|"session"} (lock.h). */
static void
client_lock(struct client_loop *cs, struct proto_strings *s)
{
	int whole;

	if (!cs->attached || s->argc < 2)
		return;
	whole = strcmp(s->argv[1], "session") == 0;
	if (cs->lock != NULL)
		lock_set_kind(cs->lock, whole);
	else
		cs->lock = lock_start(cs->base, cs->tty, s->argv[0], whole,
		    &client_lock_callbacks, cs);
	client_tty_flush(cs);
}

static int
client_hello(struct client_loop *cs, const uint8_t *p, size_t len)
{
	struct proto_hello h;
	char *msg;

	if (proto_hello_decode(p, len, &h) != 0) {
		client_finish(cs, 1,
		    "roost: the server sent a malformed greeting; it may not "
		    "be a roost server");
		return -1;
	}
	if (h.version != PROTO_VERSION) {
		xasprintf(&msg,
		    "roost: version mismatch: this client is roost %s "
		    "(protocol %u) but the server is roost %s (protocol %u); "
		    "use the matching client, or end the old server's "
		    "sessions and start again",
		    ROOST_VERSION, PROTO_VERSION, h.program, h.version);
		client_finish(cs, 1, msg);
		free(msg);
		return -1;
	}
	cs->got_hello = 1;
	return 0;
}

static void
client_dispatch(
    struct client_loop *cs, uint32_t type, const uint8_t *p, size_t len)
{
	struct proto_output o;
	struct proto_exit e;
	struct proto_strings s;

	if (!cs->got_hello && type != PROTO_HELLO) {
		client_finish(cs, 1, "roost: the server did not say hello");
		return;
	}
	switch (type) {
	case PROTO_HELLO:
		client_hello(cs, p, len);
		break;
	case PROTO_OUTPUT:
		if (proto_output_decode(p, len, &o) != 0)
			goto bad;
		fwrite(o.text, 1, o.len, o.stream == 2 ? stderr : stdout);
		fflush(o.stream == 2 ? stderr : stdout);
		break;
	case PROTO_EXIT:
		if (proto_exit_decode(p, len, &e) != 0)
			goto bad;
		client_finish(cs, (int)e.status, e.message);
		free(e.message);
		break;
	case PROTO_ATTACHED:
		if (proto_strings_decode(p, len, &s) != 0)
			goto bad;
		proto_strings_free(&s);
		client_attached(cs);
		break;
	case PROTO_FRAME:
	case PROTO_LINES:
		/* Nothing of the session is drawn while locked. */
		if (!cs->attached || cs->lock != NULL)
			break;
		if ((type == PROTO_FRAME ? tty_frame : tty_lines)(
			cs->tty, p, len) != 0)
			goto bad;
		client_tty_flush(cs);
		break;
	case PROTO_BELL:
		if (cs->attached && cs->lock == NULL) {
			tty_bell(cs->tty);
			client_tty_flush(cs);
		}
		break;
	case PROTO_TITLE:
		if (proto_strings_decode(p, len, &s) != 0)
			goto bad;
		if (cs->attached && cs->lock == NULL && s.argc > 0) {
			tty_title(cs->tty, s.argv[0]);
			client_tty_flush(cs);
		}
		proto_strings_free(&s);
		break;
	case PROTO_CLIPBOARD:
		if (proto_strings_decode(p, len, &s) != 0)
			goto bad;
		if (cs->attached && cs->lock == NULL && s.argc == 2) {
			tty_clipboard(cs->tty, s.argv[0], s.argv[1]);
			client_tty_flush(cs);
		}
		proto_strings_free(&s);
		break;
	case PROTO_LOCK:
		if (proto_strings_decode(p, len, &s) != 0)
			goto bad;
		client_lock(cs, &s);
		proto_strings_free(&s);
		break;
	case PROTO_UNLOCKED:
		/* Lifted elsewhere (-X lockscreen off); a full frame follows. */
		lock_free(cs->lock);
		cs->lock = NULL;
		break;
	default:
		/* Unknown types are skipped by length (DESIGN.md 2). */
		break;
	}
	return;
bad:
	client_finish(cs, 1, "roost: malformed message from the server");
}

static void
client_read_cb(int fd, short events, void *arg)
{
	struct client_loop *cs = arg;
	const uint8_t *payload;
	size_t plen, off;
	uint32_t type;
	ssize_t n;
	int r;

	(void)events;
	if (cs->rsize - cs->rlen < 65536) {
		cs->rsize = cs->rsize * 2 + 65536;
		cs->rbuf = xreallocarray(cs->rbuf, 1, cs->rsize);
	}
	n = read(fd, cs->rbuf + cs->rlen, cs->rsize - cs->rlen);
	if (n == -1 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		/* A server that was just ending may close on us before its
		   HELLO: the caller starts a new one and tries again. */
		if (!cs->got_hello)
			cs->retry = 1;
		client_finish(cs, 1,
		    cs->attached ? "[lost the server]"
				 : "roost: the server closed the connection");
		return;
	}
	cs->rlen += (size_t)n;
	off = 0;
	while (!cs->done) {
		r = proto_next_message(
		    cs->rbuf + off, cs->rlen - off, &type, &payload, &plen);
		if (r == 0)
			break;
		if (r == -1) {
			client_finish(
			    cs, 1, "roost: malformed message from the server");
			return;
		}
		client_dispatch(cs, type, payload, plen);
		off += PROTO_HEADER_SIZE + plen;
	}
	memmove(cs->rbuf, cs->rbuf + off, cs->rlen - off);
	cs->rlen -= off;
}

static void
client_write_cb(int fd, short events, void *arg)
{
	(void)fd;
	(void)events;
	client_send(arg);
}

/* Append the PROTO_COMMAND request that says what req asks. */
static void
client_encode_request(struct client_loop *cs, struct client_request *req,
    const char *nested_session)
{
	const char **argv;
	size_t argc = 0;
	int i;

	argv = xcalloc((size_t)req->argc + 16, sizeof *argv);
	switch (req->verb) {
	case CLIENT_NEW:
		if (nested_session != NULL) {
			argv[argc++] = "new-window";
			argv[argc++] = "-s";
			argv[argc++] = nested_session;
		} else {
			argv[argc++] = "new";
			if (req->detached)
				argv[argc++] = "-d";
		}
		break;
	case CLIENT_ATTACH:
		argv[argc++] = "attach";
		if (req->multi)
			argv[argc++] = "-x";
		if (req->steal)
			argv[argc++] = "-d";
		if (req->create)
			argv[argc++] = "-c";
		if (req->first)
			argv[argc++] = "-f";
		break;
	case CLIENT_LIST:
	case CLIENT_WIPE:
		argv[argc++] = "list";
		break;
	case CLIENT_DETACH:
		argv[argc++] = "detach";
		break;
	case CLIENT_COMMAND:
		argv[argc++] = "command";
		break;
	case CLIENT_QUERY:
		argv[argc++] = "query";
		break;
	}
	if (req->session != NULL && nested_session == NULL) {
		argv[argc++] = "-s";
		argv[argc++] = req->session;
	}
	if (req->window != NULL) {
		argv[argc++] = "-p";
		argv[argc++] = req->window;
	}
	if (req->title != NULL) {
		argv[argc++] = "-t";
		argv[argc++] = req->title;
	}
	if (req->rcfile != NULL) {
		argv[argc++] = "-F";
		argv[argc++] = req->rcfile;
	}
	if (req->escape != NULL) {
		argv[argc++] = "-e";
		argv[argc++] = req->escape;
	}
	if (req->history != NULL) {
		argv[argc++] = "-h";
		argv[argc++] = req->history;
	}
	if (req->term != NULL) {
		argv[argc++] = "-T";
		argv[argc++] = req->term;
	}
	argv[argc++] = "--";
	for (i = 0; i < req->argc; i++)
		argv[argc++] = req->argv[i];
	proto_strings_encode(&cs->out, PROTO_COMMAND, argv, argc);
	free(argv);
}

/* Does this request end up attached to a terminal? */
static int
client_wants_terminal(const struct client_request *req, int nested_window)
{
	if (nested_window)
		return 0;
	switch (req->verb) {
	case CLIENT_NEW:
		return !req->detached;
	case CLIENT_ATTACH:
		return 1;
	default:
		return 0;
	}
}

static int
client_run(struct client_request *req, int *retry)
{
	struct client_loop cs;
	struct proto_hello hello;
	struct proto_identify id;
	char *dir = NULL, *path = NULL, *lock = NULL, *cause = NULL;
	char *nested = NULL, *comma, cwd[4096], ttyname_buf[256];
	const char *term, *colorterm;
	int status, want_tty;
	unsigned rows = 24, cols = 80;

	memset(&cs, 0, sizeof cs);
	cs.fd = -1;

	/* Inside a roost window with no -S: open a window in that session. */
	if (req->nested && req->verb == CLIENT_NEW && req->session == NULL &&
	    !req->detached) {
		path = xstrdup(getenv("ROOST"));
		if ((comma = strchr(path, ',')) != NULL) {
			*comma++ = '\0';
			nested = xstrdup(comma);
			if ((comma = strchr(nested, ',')) != NULL)
				*comma = '\0';
		}
	}
	if (nested == NULL) {
		free(path);
		if (sockdir_resolve(&dir, &cause) != 0) {
			fprintf(stderr, "roost: %s\n", cause);
			free(cause);
			return 1;
		}
		path = sockdir_socket_path(dir);
		lock = sockdir_lock_path(dir);
	}
	want_tty = client_wants_terminal(req, nested != NULL);

	if (want_tty) {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			fprintf(stderr,
			    "roost: Must be connected to a "
			    "terminal.\n");
			status = 1;
			goto out;
		}
		term = getenv("TERM");
		if (term == NULL || *term == '\0')
			term = "vt100";
		colorterm = getenv("COLORTERM");
		cs.tty = tty_create(STDIN_FILENO, STDOUT_FILENO, term,
		    colorterm != NULL &&
			(strcmp(colorterm, "truecolor") == 0 ||
			    strcmp(colorterm, "24bit") == 0),
		    &cause);
		if (cs.tty == NULL) {
			fprintf(stderr, "roost: %s\n", cause);
			free(cause);
			status = 1;
			goto out;
		}
		tty_set_utf8(
		    cs.tty, strcmp(nl_langinfo(CODESET), "UTF-8") == 0);
		tty_get_size(cs.tty, &rows, &cols);
	}

	if ((cs.fd = client_connect(path)) == -1) {
		switch (req->verb) {
		case CLIENT_LIST:
		case CLIENT_WIPE:
			printf("No Sessions found in %s.\n", dir);
			status = 1;
			goto out;
		case CLIENT_ATTACH:
			if (req->create)
				break;
			/* FALLTHROUGH */
		case CLIENT_DETACH:
			if (req->session != NULL)
				fprintf(stderr,
				    "There is no session to be "
				    "resumed matching %s.\n",
				    req->session);
			else
				fprintf(stderr,
				    "There is no session to be "
				    "resumed.\n");
			status = 1;
			goto out;
		case CLIENT_COMMAND:
		case CLIENT_QUERY:
			fprintf(stderr, "No session found.\n");
			status = 1;
			goto out;
		default:
			break;
		}
		if (nested != NULL) {
			fprintf(stderr,
			    "roost: cannot reach the server at %s: "
			    "%s\n",
			    path, strerror(errno));
			status = 1;
			goto out;
		}
		if ((cs.fd = client_start_server(dir, path, lock)) == -1) {
			status = 1;
			goto out;
		}
	}

	/* Messages are written before the loop starts; all fit the buffer
	   or wait for writability. */
	memset(&hello, 0, sizeof hello);
	hello.version = PROTO_VERSION;
	strlcpy(hello.program, ROOST_VERSION, sizeof hello.program);
	proto_hello_encode(&cs.out, &hello);

	memset(&id, 0, sizeof id);
	id.rows = rows;
	id.cols = cols;
	if (cs.tty != NULL) {
		id.flags = tty_flags(cs.tty);
		id.colours = tty_colours(cs.tty);
	}
	term = getenv("TERM");
	id.term = (char *)(term != NULL ? term : "");
	id.cwd = getcwd(cwd, sizeof cwd) != NULL ? cwd : (char *)"/";
	if (ttyname_r(STDIN_FILENO, ttyname_buf, sizeof ttyname_buf) != 0)
		ttyname_buf[0] = '\0';
	id.tty = ttyname_buf;
	id.env = environ;
	for (id.nenv = 0; environ[id.nenv] != NULL; id.nenv++)
		;
	proto_identify_encode(&cs.out, &id);
	client_encode_request(&cs, req, nested);

	cs.base = event_base_new();
	if (cs.base == NULL) {
		fprintf(stderr, "roost: cannot create the event loop\n");
		status = 1;
		goto out;
	}
	fcntl(cs.fd, F_SETFL, fcntl(cs.fd, F_GETFL) | O_NONBLOCK);
	cs.read_ev = event_new(
	    cs.base, cs.fd, EV_READ | EV_PERSIST, client_read_cb, &cs);
	cs.write_ev = event_new(cs.base, cs.fd, EV_WRITE, client_write_cb, &cs);
	event_add(cs.read_ev, NULL);
	signal(SIGPIPE, SIG_IGN);
	cs.sighup_ev = evsignal_new(cs.base, SIGHUP, client_signal_cb, &cs);
	cs.sigterm_ev = evsignal_new(cs.base, SIGTERM, client_signal_cb, &cs);
	event_add(cs.sighup_ev, NULL);
	event_add(cs.sigterm_ev, NULL);
	if (cs.tty != NULL) {
		cs.sigwinch_ev =
		    evsignal_new(cs.base, SIGWINCH, client_signal_cb, &cs);
		event_add(cs.sigwinch_ev, NULL);
		cs.tty_write_ev = event_new(
		    cs.base, STDOUT_FILENO, EV_WRITE, client_tty_write_cb, &cs);
	}
	client_send(&cs);
	/* The display's grids while the server composes the first frame. */
	if (cs.tty != NULL)
		tty_ready(cs.tty);

	event_base_dispatch(cs.base);
	if (!cs.done)
		client_finish(&cs, 1, "roost: lost the server");

	lock_free(cs.lock);
	cs.lock = NULL;
	if (cs.tty != NULL) {
		if (cs.attached)
			tty_stop(cs.tty);
		tty_free(cs.tty);
		cs.tty = NULL;
	}
	*retry = cs.retry && !cs.attached;
	if (cs.exit_message != NULL && *cs.exit_message != '\0' && !*retry)
		fprintf(cs.exit_status == 0 ? stdout : stderr, "%s\n",
		    cs.exit_message);
	status = cs.exit_status;

	if (cs.stdin_ev != NULL)
		event_free(cs.stdin_ev);
	if (cs.tty_write_ev != NULL)
		event_free(cs.tty_write_ev);
	if (cs.sigwinch_ev != NULL)
		event_free(cs.sigwinch_ev);
	event_free(cs.sighup_ev);
	event_free(cs.sigterm_ev);
	event_free(cs.read_ev);
	event_free(cs.write_ev);
	event_base_free(cs.base);
out:
	if (cs.tty != NULL)
		tty_free(cs.tty);
	if (cs.fd != -1)
		close(cs.fd);
	proto_buf_free(&cs.out);
	free(cs.rbuf);
	free(cs.exit_message);
	free(dir);
	free(path);
	free(lock);
	free(nested);
	return status;
}

/*
 * Carry out what the command line asked; returns the exit status. A
 * server that was ending as we connected closes before its HELLO: then
 * the request is tried again (a new server is started), a few times.
 */
int
client_main(struct client_request *req)
{
	int status, retry, tries = 0;

	do {
		retry = 0;
		status = client_run(req, &retry);
	} while (retry && ++tries < 5);
	return status;
}
