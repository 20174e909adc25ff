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
#include <stdio.h>
#include <time.h>

#include <event2/event.h>

#include "proto/proto.h"
#include "vt/vt.h"

#define ROOST_VERSION PACKAGE_VERSION

struct server;
struct session;
struct client;
struct layout_cell;
struct copy_state;
struct window_log;

/*
 * Keys as the server sees them after parsing a display's input: Unicode
 * code points (controls included) below KEY_SPECIAL, named keys above.
 */
#define KEY_SPECIAL 0x200000
enum key_code {
	KEY_UP = KEY_SPECIAL,
	KEY_DOWN,
	KEY_LEFT,
	KEY_RIGHT,
	KEY_HOME,
	KEY_END,
	KEY_PPAGE,
	KEY_NPAGE,
	KEY_INSERT,
	KEY_DELETE,
	KEY_F1,
	KEY_WHEEL_UP,	/* mouse wheel (SGR or X10 report, button 64) */
	KEY_WHEEL_DOWN, /* button 65 */
	KEY_MOUSE,	/* any other mouse report */
	KEY_UNKNOWN = KEY_SPECIAL + 0x1000, /* a sequence we do not name */
};

/*
 * A mode shown over a region (window list, copy mode) or over the whole
 * display (help): it draws instead of the window and takes the keys.
 */
struct mode_entry {
	const char *name;
	/* Draw into rows x cols cells at canvas (row stride `stride`). */
	void (*draw)(struct client *, void *data, struct vt_cell *canvas,
	    unsigned stride, unsigned rows, unsigned cols);
	/* One key; the mode may end itself with mode_end(). */
	void (*key)(struct client *, void *data, int key);
	void (*free)(void *data);
	/* Cursor position inside the mode's area, or -1 to hide it. */
	int (*cursor)(
	    struct client *, void *data, unsigned *row, unsigned *col);
};

/* Layout nodes (layout.c). */
enum layout_type {
	LAYOUT_REGION,	  /* a leaf: shows a window or is blank */
	LAYOUT_TOPBOTTOM, /* children stacked: screen's split */
	LAYOUT_LEFTRIGHT, /* children side by side: split -v */
};
struct layout_cell {
	enum layout_type type;
	struct layout_cell *parent;
	TAILQ_HEAD(layout_cells, layout_cell) cells;
	TAILQ_ENTRY(layout_cell) entry;
	unsigned x, y, w, h;   /* rectangle in display cells */
	unsigned weight;       /* share of the parent kept across resizes */
	struct window *window; /* regions: what is shown, or NULL */
	const struct mode_entry *mode; /* regions: a mode over the window */
	void *mode_data;
};
/* Where a region's window shows, and its decorations. */
struct layout_geometry {
	unsigned x, y, w, h; /* content, in display cells */
	int bottom_line;     /* a caption or border row below it */
	int caption;	     /* that row is a caption */
	int right_border;    /* a border column at its right */
};

/*
 * The status-line prompt (C-a :, C-a ', C-a A, y/n confirmations).
 * done() gets the text typed (UTF-8) when Enter is pressed; it is not
 * called when the prompt is cancelled.
 */
struct prompt {
	char *label;	  /* shown before the input */
	char *buf;	  /* the input, UTF-8, NUL-terminated */
	size_t len, size; /* bytes */
	size_t cursor;	  /* byte offset, at a character boundary */
	int single;	  /* one key answers (y/n) */
	int complete;	  /* tab completes command names */
	int history;	  /* index into the server's history, -1 */
	void (*done)(struct client *, const char *, void *);
	void *arg;
};

#define PROMPT_HISTORY 100 /* lines kept (screen(1): colon history) */

/* A key binding: the key after the command character, and its command. */
struct binding {
	TAILQ_ENTRY(binding) entry;
	char *class; /* NULL: the default table; bind -c */
	int key;     /* KEY_* or a character */
	char **argv; /* owned, NULL-terminated */
	int argc;
};
TAILQ_HEAD(bindings, binding);

/* A key sequence bound without the command character (bindkey). */
struct keybinding {
	TAILQ_ENTRY(keybinding) entry;
	char *seq;   /* the bytes the terminal sends */
	char **argv; /* owned, NULL-terminated */
	int argc;
};
TAILQ_HEAD(keybindings, keybinding);

/* A session's keys (screen(1): bind, bindkey, escape): each session has
   its own, as each screen session does. */
struct keytable {
	struct bindings bindings;
	struct keybindings keybindings;
	int escape_key;	    /* the command character, C-a */
	int escape_literal; /* after it, sends it literally: 'a' */
};

/* Session-wide display settings (screen(1) commands of these names). */
struct options {
	int caption; /* 0 never, 1 splitonly, 2 always */
	char *caption_fmt;
	int hardstatus; /* 1: always last line, 0: off */
	char *hardstatus_fmt;
	unsigned msgwait; /* seconds */
	unsigned msgminwait;
	int vbell;
	char *vbell_msg;	/* NULL: "Wuff, Wuff!!" */
	unsigned silencewait;	/* seconds */
	char *shell;		/* shell: NULL for $SHELL */
	char *shelltitle;	/* NULL: the command's name */
	char *term;		/* term: NULL for screen-256color */
	unsigned defscrollback; /* lines */
	int startup_message;
	char *bell_msg;	    /* NULL: "Bell in window %n" */
	char *activity_msg; /* NULL: "Activity in window %n" */
	char *pow_detach_msg;
	int defmonitor;
	int defsilence;
	int autodetach;
	int deflogin;
	int altscreen;
	int defutf8;
	int defencoding; /* ENCODING_* */
	int layout_autosave;
	int zombie;	 /* keep windows whose program exited */
	int splitwindow; /* split opens a new window in the region */
};

#define ENCODING_UTF8	0
#define ENCODING_LATIN1 1

/* A named layout of a session (screen(1): layout save/select). */
struct named_layout {
	TAILQ_ENTRY(named_layout) entry;
	unsigned number;
	char *title;
	struct layout_cell *root;
	struct layout_cell *focus;
};
TAILQ_HEAD(named_layouts, named_layout);

/* A window: one pty, its child process and the emulator reading it. */
struct window {
	TAILQ_ENTRY(window) entry; /* in session->windows, by number */
	struct session *session;
	unsigned number;  /* screen(1): window number, from 0 */
	unsigned id;	  /* unique within the server's run */
	char *title;	  /* owned; never NULL */
	int title_manual; /* set by hand: programs no longer rename */
	int fd;		  /* pty master, -1 once closed */
	pid_t pid;	  /* child, -1 once reaped */
	char tty[64];	  /* slave name, for utmp and `info` */
	struct event *read_ev;
	struct event *write_ev;
	unsigned flood_reads;	   /* reads in a row that brought much output */
	struct timeval flood_last; /* the last of them (loop time) */
	int held;		   /* reading paused for a keystroke's echo */
	uint8_t *wbuf;		   /* input waiting to be written to the pty */
	size_t wlen, wsize;
	struct vt *vt;
	unsigned rows, cols; /* the pty's and the emulator's size */
	int bell;	     /* bell rang while not shown */
	int activity;	     /* output while not shown */
	int monitor;	     /* screen(1): monitor (activity) */
	unsigned silence;    /* screen(1): silence seconds, 0 off */
	int silent;	     /* silence was reported */
	struct event *silence_ev;
	time_t last_output;
	int dead; /* the child exited */
	int exit_status;
	int login;	     /* a utmp record is held */
	int encoding;	     /* ENCODING_*: what the program writes and reads */
	unsigned long shown; /* when last shown (a serial), for windowlist -m */
	struct window_log *log; /* log-window.c */
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
	struct options options;
	struct keytable keys;	      /* bindings and the command character */
	char *lastmsg;		      /* the last message any display showed */
	struct named_layouts layouts; /* screen(1): layout save */
	struct named_layout *curlayout;
	struct layout_cell *layout; /* regions a new display starts with */
	struct layout_cell *layout_focus;
	int dying;
	int locked;	  /* server-lock.c: attaching displays lock */
	unsigned idle;	  /* server-lock.c: seconds, 0 off (idle) */
	char **idle_argv; /* the idle command, owned */
	int idle_argc;
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
	struct session *session;	  /* attached session or NULL */
	struct window *window;		  /* current window of this display */
	struct window *last;		  /* previously shown (C-a C-a) */
	struct layout_cell *layout;	  /* this display's regions */
	struct layout_cell *focus;	  /* the focused region */
	const struct mode_entry *overlay; /* display-wide mode (help) */
	void *overlay_data;
	struct prompt *prompt; /* the status-line prompt, or NULL */
	uint8_t keybuf[16];    /* an escape sequence not yet complete */
	size_t keylen;
	unsigned rows, cols; /* the terminal's size */
	int prefix;	     /* C-a was typed, the next key is a command */
	char *prefix_class;  /* command -c CLASS: its bindings, or NULL */
	time_t last_input;
	/* Render state: what the terminal shows now, rows x cols cells. */
	struct render_cell *shown;
	unsigned shown_rows, shown_cols;
	/* The rows' line sizes (VT_LINE_*) last sent in LINES, shown_rows
	   of them; all single after a full frame. */
	uint8_t *lines_sent;
	struct render_cache *render; /* render.c: the last frame's canvas */
	int full;		     /* next frame must clear and redraw */
	int dirty; /* something changed since the last frame */
	struct proto_frame last_hdr;
	char *message; /* on the status line until message_ev */
	char *lastmsg; /* the last message shown (lastmsg) */
	struct event *message_ev;
	int typed;	 /* input came: the next frame is not paced */
	int wheel_mouse; /* the terminal reports the mouse for the wheel */
	struct event *pace_ev;	    /* the next frame, when paced */
	struct timespec last_frame; /* when the last frame was composed */
	int locked;		    /* server-lock.c: no frames, no input */
	struct event *idle_ev;	    /* server-lock.c: idle timer */
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
	struct event *hold_ev;	 /* ends a pause of flooding windows */
	/* Where (window id, 0: none) and when (loop time) a key was last
	   typed: window.c paces flooding windows while someone types. */
	unsigned typed_window;
	struct timeval typed_at;
	struct sessions sessions;
	struct clients clients;
	char *history[PROMPT_HISTORY]; /* the prompt's, oldest first */
	unsigned nhistory;
	unsigned long shown_serial; /* windows' shown counter */
	unsigned next_session_id;
	unsigned next_window_id;
	int exiting;
	struct copy_state *copy; /* paste.c: buffers, copy and log settings */
};

/* sockdir.c */
int sockdir_resolve(char **dir, char **cause);
char *sockdir_socket_path(const char *dir);
char *sockdir_lock_path(const char *dir);

/* server.c */
int server_start(
    int listen_fd, const char *dir, const char *path, const char *lock_path);
void server_render_soon(struct server *s);
void server_clock_update(struct server *s);
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
void server_client_focus(struct client *c, struct layout_cell *lc);
void server_client_window_gone(struct server *s, struct window *w);
void server_client_size_window(struct client *c);
void server_client_message(struct client *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void server_client_flush(struct client *c);
void server_client_render(struct client *c);

/* server-lock.c */
void server_lock_attach(struct client *c);
int server_lock_input(struct client *c);
void server_lock_unlock(struct client *c);
void server_lock_client_gone(struct client *c);
void server_lock_session_free(struct session *sess);

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
void session_save_layout(
    struct session *sess, struct layout_cell *root, struct layout_cell *focus);

/* window.c */
/* What `screen` may ask of a new window beyond the session defaults
   (-1 or NULL: the default). */
struct window_spec {
	int history;	  /* -h lines */
	const char *term; /* -T term */
	int monitor;	  /* -M */
	int login;	  /* -l / -ln */
};
struct window *window_create(struct session *sess, int number,
    const char *title, char *const *argv, unsigned rows, unsigned cols,
    const struct window_spec *spec, char **cause);
void window_destroy(struct window *w);
void window_hold_floods(struct server *s, struct window *except);
void window_release_floods(struct server *s);
void window_write(struct window *w, const void *buf, size_t len);
void window_resize(struct window *w, unsigned rows, unsigned cols);
void window_child_exited(struct window *w, int status);
const char *window_title(const struct window *w);
void window_set_silence(struct window *w, unsigned seconds);

/* spawn.c */
pid_t spawn_window(char *const *argv, char *const *env, const char *cwd,
    unsigned rows, unsigned cols, int *master, char *tty_name,
    size_t tty_name_len, int login_shell, char **cause);

/* utmp.c */
void utmp_add(int master_fd, const char *host);
void utmp_remove(int master_fd);

/* render.c */

/*
 * A cell as render.c keeps it for a display (the canvas it composes, what
 * the display was last sent): the parts of a struct vt_cell the display
 * protocol carries, in 16 bytes. `text` is the cell's code point, or, for
 * a cell of more than one code point (combining marks, a variation
 * selector, a ZWJ sequence) or with an underline colour,
 * RENDER_TEXT_EXTRA | i: entry i of the display's table of such cells,
 * which keeps the same i for the same text and colour while the display
 * lives. Zero-initialise; compare with memcmp.
 */
#define RENDER_TEXT_EXTRA 0x80000000u
struct render_cell {
	uint32_t text;	   /* code point, or RENDER_TEXT_EXTRA | index */
	uint32_t fg, bg;   /* VT_COLOUR_* */
	uint16_t attrs;	   /* VT_ATTR_* */
	uint8_t underline; /* enum vt_underline */
	uint8_t width;	   /* 0 (right half of a wide character), 1, 2 */
};

void render_client(struct client *c);
/* Free what render_client() keeps of client c between frames. */
void render_free(struct client *c);
void render_status(struct client *c, struct vt_cell *row, unsigned cols);
void render_text(struct vt_cell *row, unsigned cols, unsigned *col,
    const char *text, const struct vt_style *style);
unsigned render_text_width(const char *text);

/* layout.c */
struct layout_cell *layout_create_leaf(struct window *w);
void layout_free(struct layout_cell *lc);
struct layout_cell *layout_first(struct layout_cell *lc);
struct layout_cell *layout_last(struct layout_cell *lc);
struct layout_cell *layout_next(
    struct layout_cell *root, struct layout_cell *lc);
struct layout_cell *layout_prev(
    struct layout_cell *root, struct layout_cell *lc);
unsigned layout_count(struct layout_cell *lc);
void layout_set_size(struct layout_cell *root, unsigned w, unsigned h);
struct layout_cell *layout_split(
    struct layout_cell *lc, int vertical, struct window *w);
struct layout_cell *layout_root(struct layout_cell *lc);
struct layout_cell *layout_copy(struct layout_cell *src,
    struct layout_cell *src_focus, struct layout_cell **focus);
void layout_window_gone(
    struct layout_cell *root, struct window *w, struct window *other);
/* Does a region of the layout root (NULL: none) show window w? */
int layout_shows(struct layout_cell *root, const struct window *w);
struct layout_cell *layout_remove(
    struct layout_cell **rootp, struct layout_cell *lc);
int layout_resize(struct layout_cell *lc, int vertical, unsigned size);
unsigned layout_size_along(
    struct layout_cell *lc, int vertical, unsigned *total);
void layout_equalise(struct layout_cell *root);
void layout_region_geometry(struct layout_cell *root, struct layout_cell *lc,
    int captions, struct layout_geometry *g);
struct layout_cell *layout_neighbour(struct layout_cell *root,
    struct layout_cell *lc, int dir, unsigned px, unsigned py);

/* mode-prompt.c */
void prompt_start(struct client *c, const char *label, const char *initial,
    void (*done)(struct client *, const char *, void *), void *arg);
void prompt_confirm(struct client *c, const char *question,
    void (*done)(struct client *, const char *, void *), void *arg);
void prompt_free(struct client *c);
void prompt_key(struct client *c, int key);
void prompt_draw(
    struct client *c, struct vt_cell *row, unsigned cols, unsigned *cursor_col);

/* mode-winlist.c, mode-help.c */
extern const struct mode_entry mode_winlist;
extern const struct mode_entry mode_help;
void mode_winlist_start(struct client *c, int mru);
void mode_help_start(struct client *c);
void mode_end(struct client *c, const struct mode_entry *me);

/* keys.c */
size_t keys_next(const uint8_t *p, size_t len, int *key);
const char *keys_name(int key, char *buf, size_t len);

/* cmd.c */
int cmd_execute(struct client *c, struct session *sess, struct window *w,
    int argc, char **argv, char **result);
int cmd_execute_for(struct client *c, struct session *sess, struct window *w,
    int argc, char **argv, int query, char **result);
int cmd_key(struct client *c, int key);
void cmd_default_bindings(struct keytable *k);
void cmd_free_bindings(struct keytable *k);
void cmd_run_line(struct client *c, const char *line);
const char *cmd_complete(const char *prefix, int nth);
void cmd_options_default(struct options *o);
void cmd_list_mdoc(FILE *f);
void cmd_redraw_session(struct session *sess);
void cmd_options_free(struct options *o);
char *cmd_rc_load(struct client *display, struct session *sess,
    char *const *env, const char *cwd, const char *rcfile);

/* log.c */
void log_open(const char *path);
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

#endif /* ROOST_H */
