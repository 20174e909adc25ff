/*
 * copy.h -- what copy mode, the paste buffers, window logging and
 * hardcopy share with the rest of the server: the settings they keep
 * (one struct copy_state hanging off struct server), the hooks the
 * window code calls, and the command handlers' helpers. The command
 * handlers themselves are declared in cmd.h.
 */
#ifndef ROOST_COPY_H
#define ROOST_COPY_H

#include "roost.h"

/* A growable text buffer (UTF-8 or raw bytes, not NUL-terminated). */
struct copy_text {
	char *data;
	size_t len, size; /* bytes */
};
void copy_text_add(struct copy_text *t, const void *p, size_t n);
void copy_text_free(struct copy_text *t);

/* One named register (screen(1): register, paste). */
struct copy_register {
	char *data; /* owned, may be NULL when empty */
	size_t len; /* bytes */
};

/*
 * Server-wide state and settings of this family. Like screen's paste
 * buffer they belong to the user, not to a session, so they live on the
 * server (created on first use by paste_state()).
 */
struct copy_state {
	char *buf; /* the paste buffer (register "."), owned */
	size_t len;
	struct copy_register reg[256]; /* by the register's byte */
	char *bufferfile;	       /* NULL: "exchange" in the socket dir */
	int osc52;		       /* send copies to the terminals */
	int mousescroll;	       /* wheel scrolls history */
	char *logfile;		       /* NULL: "roostlog.%n" */
	unsigned logflush;	       /* seconds */
	int logtstamp;		       /* timestamp lines after silence */
	unsigned logtstamp_after;      /* seconds of silence */
	int lograw;		       /* keep the bytes as they came */
	int deflog;		       /* new windows log */
	int hardcopy_append;	       /* hardcopy appends */
	int join;		       /* copy mode J: COPY_JOIN_* */
};
#define COPY_JOIN_NEWLINE 0
#define COPY_JOIN_NONE	  1
#define COPY_JOIN_BLANK	  2
#define COPY_JOIN_COMMA	  3

/* paste.c */
struct copy_state *paste_state(struct server *s);
void paste_free(struct server *s);
void paste_set_buffer(struct server *s, struct session *sess, const char *p,
    size_t len, int append);
void paste_to_window(struct window *w, const char *p, size_t len);
char *paste_path(struct session *sess, const char *name);
int paste_open_write(const char *path, int append, char **cause);

/* log-window.c */
void log_window_create(struct window *w);
void log_window_feed(struct window *w, const char *buf, size_t len);
void log_window_destroy(struct window *w);
int log_window_set(struct window *w, int on, char **cause);
int log_window_on(const struct window *w);
void log_window_flush_all(struct server *s);

/* hardcopy.c */
int hardcopy_write(
    struct window *w, const char *path, int history, char **cause);

/* mode-copy.c */
extern const struct mode_entry mode_copy;
int mode_copy_start(struct client *c, int scroll);
uint32_t mode_copy_modes(struct client *c);
void mode_copy_window_gone(struct server *s, struct window *w);
void mode_copy_line_text(
    struct vt *vt, int row, unsigned from, unsigned to, struct copy_text *t);

#endif /* ROOST_COPY_H */
