/*
 * session.c -- sessions: a named, numbered list of windows with the
 * environment and directory new windows start with. Sessions are few, so
 * they live in a plain list on the server and are searched linearly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roost.h"
#include "util/xmalloc.h"

/* Copy a NULL-terminated string vector. */
static char **
session_copy_env(char *const *env)
{
	char **copy;
	size_t n, i;

	for (n = 0; env != NULL && env[n] != NULL; n++)
		;
	copy = xcalloc(n + 1, sizeof *copy);
	for (i = 0; i < n; i++)
		copy[i] = xstrdup(env[i]);
	return copy;
}

/*
 * Create an empty session named name (copied) with the environment env
 * and directory cwd for its windows. Its id is the server's next number.
 */
struct session *
session_create(
    struct server *s, const char *name, char *const *env, const char *cwd)
{
	struct session *sess;

	sess = xcalloc(1, sizeof *sess);
	sess->server = s;
	sess->id = ++s->next_session_id;
	sess->name = xstrdup(name);
	sess->created = time(NULL);
	TAILQ_INIT(&sess->windows);
	sess->env = session_copy_env(env);
	sess->cwd = xstrdup(cwd != NULL && *cwd != '\0' ? cwd : "/");
	cmd_options_default(&sess->options);
	TAILQ_INIT(&sess->layouts);
	cmd_default_bindings(&sess->keys);
	TAILQ_INSERT_TAIL(&s->sessions, sess, entry);
	return sess;
}

/*
 * Destroy a session: its windows are closed (their processes hung up) and
 * every client attached to it is told the session ended.
 */
void
session_destroy(struct session *sess)
{
	struct server *s = sess->server;
	struct client *c, *c1;
	struct window *w;
	struct named_layout *nl;
	size_t i;

	sess->dying = 1;
	TAILQ_FOREACH_SAFE (c, &s->clients, entry, c1) {
		if (c->session == sess) {
			c->session = NULL;
			server_client_set_window(c, NULL);
			c->last = NULL;
			server_client_send_exit(c, 0, "[roost is terminating]");
		}
	}
	while ((w = TAILQ_FIRST(&sess->windows)) != NULL)
		window_destroy(w);
	TAILQ_REMOVE(&s->sessions, sess, entry);
	layout_free(sess->layout);
	while ((nl = TAILQ_FIRST(&sess->layouts)) != NULL) {
		TAILQ_REMOVE(&sess->layouts, nl, entry);
		layout_free(nl->root);
		free(nl->title);
		free(nl);
	}
	for (i = 0; sess->env[i] != NULL; i++)
		free(sess->env[i]);
	free(sess->env);
	server_lock_session_free(sess);
	free(sess->cwd);
	free(sess->lastmsg);
	cmd_options_free(&sess->options);
	cmd_free_bindings(&sess->keys);
	free(sess->name);
	free(sess);
}

/* 1 if any client is attached to the session. */
int
session_attached(const struct session *sess)
{
	struct client *c;

	TAILQ_FOREACH (c, &sess->server->clients, entry) {
		if (c->session == sess && c->state == CLIENT_ATTACHED)
			return 1;
	}
	return 0;
}

/* The window numbered number, or NULL. */
struct window *
session_window(struct session *sess, unsigned number)
{
	struct window *w;

	TAILQ_FOREACH (w, &sess->windows, entry) {
		if (w->number == number)
			return w;
	}
	return NULL;
}

/* The lowest-numbered window, or NULL if there is none. */
struct window *
session_first_window(struct session *sess)
{
	return TAILQ_FIRST(&sess->windows);
}

/* The next window after w by number, wrapping around. */
struct window *
session_next_window(struct session *sess, struct window *w)
{
	struct window *n;

	if (w == NULL)
		return TAILQ_FIRST(&sess->windows);
	n = TAILQ_NEXT(w, entry);
	return n != NULL ? n : TAILQ_FIRST(&sess->windows);
}

/* The previous window before w by number, wrapping around. */
struct window *
session_prev_window(struct session *sess, struct window *w)
{
	struct window *p;

	if (w == NULL)
		return TAILQ_LAST(&sess->windows, windows);
	p = TAILQ_PREV(w, windows, entry);
	return p != NULL ? p : TAILQ_LAST(&sess->windows, windows);
}

/* "ID.NAME", as -ls shows it. */
void
session_full_name(const struct session *sess, char *buf, size_t len)
{
	snprintf(buf, len, "%u.%s", sess->id, sess->name);
}

/* Keep a copy of a display's regions as what the next display to attach
   starts with (screen(1): layout autosave). */
void
session_save_layout(
    struct session *sess, struct layout_cell *root, struct layout_cell *focus)
{
	struct layout_cell *copy, *cfocus = NULL;

	copy = layout_copy(root, focus, &cfocus);
	layout_free(sess->layout);
	sess->layout = copy;
	sess->layout_focus = cfocus;
}
