/*
 * roost.h -- the server's model and the declarations shared by the
 * program's files (not by libvt or libproto, which stand alone).
 *
 * All server state hangs off one struct server: no file keeps hidden
 * state in statics, so that a later upgrade-in-place can walk and
 * serialise everything from that root.
 */
#ifndef ROOST_H
#define ROOST_H

#include <sys/types.h>

#include <bsd/sys/queue.h>
#include <stdint.h>
#include <time.h>

#include <event2/event.h>

#include "proto/proto.h"
#include "vt/vt.h"

#define ROOST_VERSION PACKAGE_VERSION

struct server;
struct session;
struct client;

/* A window: one pty, its child process and the emulator reading it. */
struct window {
	TAILQ_ENTRY(window) entry; /* in session->windows, by number */
	struct session *session;
	unsigned number;  /* screen(1): window number, from 0 */
	char *title;	  /* owned; never NULL */
	int title_manual; /* set by hand: programs no longer rename */
	int fd;		  /* pty master, -1 once closed */
	pid_t pid;	  /* child, -1 once reaped */
	char tty[64];	  /* slave name, for utmp and `info` */
	struct event *read_ev;
	struct event *write_ev;
	uint8_t *wbuf; /* input waiting to be written to the pty */
	size_t wlen, wsize;
	struct vt *vt;
	unsigned rows, cols; /* the pty's and the emulator's size */
	int bell;	     /* bell rang while not shown */
	int activity;	     /* output while not shown */
	int dead;	     /* the child exited */
	int exit_status;
	int refs; /* clients holding a pointer to it */
};
TAILQ_HEAD(windows, window);

/* A session: windows and the environment they start with. */
struct session {
	TAILQ_ENTRY(session) entry;
	struct server *server;
	unsigned id; /* unique within the server's run */
	char *name;  /* without the "ID." */
	time_t created;
	struct windows windows;
	char **env;	     /* owned, NULL-terminated: for new windows */
	char *cwd;	     /* owned */
	struct window *curw; /* last window selected by any display:
				     what -X acts on without -p */
	int dying;
};
TAILQ_HEAD(sessions, session);

/* Client states. */
enum client_state {
	CLIENT_HELLO,	 /* waiting for HELLO */
	CLIENT_IDENTIFY, /* waiting for IDENTIFY */
	CLIENT_REQUEST,	 /* waiting for COMMAND */
	CLIENT_ATTACHED, /* showing a session */
	CLIENT_CLOSING	 /* flushing, then closed */
};

/* One connected client (a display once attached). */
struct client {
	TAILQ_ENTRY(client) entry;
	struct server *server;
	int fd;
	struct event *read_ev;
	struct event *write_ev;
	uint8_t *rbuf; /* bytes read, not yet a whole message */
	size_t rlen, rsize;
	struct proto_buf out; /* bytes waiting to be written */
	enum client_state state;
	struct proto_identify id; /* what the client told of itself */
	int identified;
	struct session *session; /* attached session or NULL */
	struct window *window;	 /* current window of this display */
	struct window *last;	 /* previously shown (C-a C-a) */
	unsigned rows, cols;	 /* the terminal's size */
	int prefix;		 /* C-a was typed, the next key is a command */
	time_t last_input;
	/* Render state: what the terminal shows now, rows x cols cells. */
	struct vt_cell *shown;
	unsigned shown_rows, shown_cols;
	int full;  /* next frame must clear and redraw */
	int dirty; /* something changed since the last frame */
	struct proto_frame last_hdr;
	char *message; /* on the status line until message_ev */
	struct event *message_ev;
	char *title_sent;
};
TAILQ_HEAD(clients, client);

/* The root of all server state. */
struct server {
	struct event_base *base;
	char *dir;  /* socket directory */
	char *path; /* socket path */
	char *lock_path;
	int listen_fd;
	struct event *listen_ev;
	struct event *sigchld_ev;
	struct event *sigterm_ev;
	struct event *sighup_ev;
	struct event *render_ev; /* deferred: draw dirty clients */
	struct event *clock_ev;	 /* once a minute, for the status clock */
	struct sessions sessions;
	struct clients clients;
	unsigned next_session_id;
	int exiting;
};

/* sockdir.c */
int sockdir_resolve(char **dir, char **cause);
char *sockdir_socket_path(const char *dir);
char *sockdir_lock_path(const char *dir);

/* server.c */
int server_start(
    int listen_fd, const char *dir, const char *path, const char *lock_path);
void server_render_soon(struct server *s);
void server_check_exit(struct server *s);
struct session *server_find_session(
    struct server *s, const char *name, int *ambiguous);
struct session *server_find_session_id(struct server *s, unsigned id);

/* server-client.c */
void server_client_accept(struct server *s, int fd);
void server_client_free(struct client *c);
void server_client_send_exit(struct client *c, int status, const char *msg);
void server_client_detach(struct client *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void server_client_set_window(struct client *c, struct window *w);
void server_client_message(struct client *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void server_client_flush(struct client *c);
int server_client_is_attached(const struct client *c);

/* session.c */
struct session *session_create(
    struct server *s, const char *name, char *const *env, const char *cwd);
void session_destroy(struct session *sess);
int session_attached(const struct session *sess);
struct window *session_window(struct session *sess, unsigned number);
struct window *session_first_window(struct session *sess);
struct window *session_next_window(struct session *sess, struct window *w);
struct window *session_prev_window(struct session *sess, struct window *w);
void session_full_name(const struct session *sess, char *buf, size_t len);

/* window.c */
struct window *window_create(struct session *sess, int number,
    const char *title, char *const *argv, unsigned rows, unsigned cols,
    char **cause);
void window_destroy(struct window *w);
void window_write(struct window *w, const void *buf, size_t len);
void window_resize(struct window *w, unsigned rows, unsigned cols);
void window_child_exited(struct window *w, int status);
const char *window_title(const struct window *w);

/* spawn.c */
pid_t spawn_window(char *const *argv, char *const *env, const char *cwd,
    unsigned rows, unsigned cols, int *master, char *tty_name,
    size_t tty_name_len, char **cause);

/* utmp.c */
void utmp_add(int master_fd, const char *host);
void utmp_remove(int master_fd);

/* render.c */
void render_client(struct client *c);
void render_status(struct client *c, struct vt_cell *row, unsigned cols);

/* cmd.c */
int cmd_execute(struct client *c, struct session *sess, struct window *w,
    int argc, char **argv, char **result);
int cmd_key(struct client *c, unsigned char key);

/* log.c */
void log_open(const char *path);
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

#endif /* ROOST_H */
