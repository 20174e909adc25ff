/*
 * cmd.c -- the one command table (DESIGN.md decision 5) and the default
 * key bindings. Every command -- a key binding, `-X`, later the rc file
 * and the `C-a :` prompt -- is an entry here: name, argument counts,
 * handler and one line of help. Commands act on the model (sessions,
 * windows, displays); they never touch ttys, sockets or raw fds.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roost.h"
#include "util/xmalloc.h"

/* What a command runs with. */
struct cmd_ctx {
	struct client *client; /* the display, or NULL (-X) */
	struct session *session;
	struct window *window; /* the window it acts on, may be NULL */
	char *result;	       /* allocated: output or error text */
};

struct cmd_entry {
	const char *name;
	int min_args, max_args; /* -1: no maximum */
	const char *usage;
	const char *help;
	int (*exec)(struct cmd_ctx *, int, char **);
};

static int cmd_error(struct cmd_ctx *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static int
cmd_error(struct cmd_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	free(ctx->result);
	va_start(ap, fmt);
	xvasprintf(&ctx->result, fmt, ap);
	va_end(ap);
	return -1;
}

static void cmd_result(struct cmd_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
cmd_result(struct cmd_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	free(ctx->result);
	va_start(ap, fmt);
	xvasprintf(&ctx->result, fmt, ap);
	va_end(ap);
}

/* Make w current for the display, or for the session under -X. */
static void
cmd_show(struct cmd_ctx *ctx, struct window *w)
{
	if (ctx->client != NULL)
		server_client_set_window(ctx->client, w);
	ctx->session->curw = w;
	ctx->window = w;
}

/*
 * Process screen's escapes in a -X or stuff argument: \n \r \t \e \\ \"
 * \' \ooo (octal) and ^X for control characters (screen(1): stuff).
 * Returns an allocated string and its length in *len.
 */
static char *
cmd_unescape(const char *s, size_t *len)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;
	int v, i;

	while (*s != '\0') {
		if (*s == '\\' && s[1] != '\0') {
			s++;
			switch (*s) {
			case 'n':
				*o++ = '\n';
				s++;
				break;
			case 'r':
				*o++ = '\r';
				s++;
				break;
			case 't':
				*o++ = '\t';
				s++;
				break;
			case 'e':
			case 'E':
				*o++ = '\033';
				s++;
				break;
			case 'a':
				*o++ = '\a';
				s++;
				break;
			case 'b':
				*o++ = '\b';
				s++;
				break;
			case 'f':
				*o++ = '\f';
				s++;
				break;
			default:
				if (*s >= '0' && *s <= '7') {
					for (v = 0, i = 0;
					     i < 3 && *s >= '0' && *s <= '7';
					     i++, s++)
						v = v * 8 + (*s - '0');
					*o++ = (char)v;
				} else
					*o++ = *s++;
				break;
			}
		} else if (*s == '^' && s[1] != '\0') {
			s++;
			if (*s == '?')
				*o++ = 0x7f;
			else
				*o++ = (char)(*s & 0x1f);
			s++;
		} else
			*o++ = *s++;
	}
	*o = '\0';
	*len = (size_t)(o - out);
	return out;
}

static int
cmd_screen_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct window *w;
	const char *title = NULL;
	char *cause;
	int number = -1, i = 0;
	unsigned rows = 24, cols = 80;
	const char *errstr;

	while (i < argc && argv[i][0] == '-') {
		if (strcmp(argv[i], "-t") == 0 && i + 1 < argc) {
			title = argv[i + 1];
			i += 2;
		} else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else
			return cmd_error(
			    ctx, "screen: unknown option %s", argv[i]);
	}
	if (i < argc && argv[i][strspn(argv[i], "0123456789")] == '\0') {
		number = (int)strtonum(argv[i], 0, 9999, &errstr);
		if (errstr != NULL)
			return cmd_error(
			    ctx, "screen: bad window number %s", argv[i]);
		i++;
	}
	if (ctx->window != NULL) {
		rows = ctx->window->rows;
		cols = ctx->window->cols;
	}
	w = window_create(ctx->session, number, title,
	    i < argc ? argv + i : NULL, rows, cols, &cause);
	if (w == NULL) {
		cmd_error(ctx, "%s", cause);
		free(cause);
		return -1;
	}
	cmd_show(ctx, w);
	return 0;
}

static int
cmd_select_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct window *w = NULL;
	const char *errstr;
	long n;

	if (argc == 0) {
		if (ctx->window == NULL)
			return cmd_error(ctx, "no window");
		cmd_result(ctx, "%u", ctx->window->number);
		return 0;
	}
	n = strtonum(argv[0], 0, 100000, &errstr);
	if (errstr == NULL)
		w = session_window(ctx->session, (unsigned)n);
	else {
		TAILQ_FOREACH(w, &ctx->session->windows, entry)
		{
			if (strcmp(w->title, argv[0]) == 0)
				break;
		}
	}
	if (w == NULL)
		return cmd_error(
		    ctx, "This window does not exist: %s", argv[0]);
	cmd_show(ctx, w);
	return 0;
}

static int
cmd_next_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cmd_show(ctx, session_next_window(ctx->session, ctx->window));
	return 0;
}

static int
cmd_prev_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cmd_show(ctx, session_prev_window(ctx->session, ctx->window));
	return 0;
}

static int
cmd_other_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (ctx->client == NULL || ctx->client->last == NULL)
		return cmd_error(ctx, "No other window.");
	cmd_show(ctx, ctx->client->last);
	return 0;
}

static int
cmd_detach_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct client *c, *c1;
	char name[512];

	(void)argc;
	(void)argv;
	session_full_name(ctx->session, name, sizeof name);
	if (ctx->client != NULL) {
		server_client_detach(ctx->client, "[detached from %s]", name);
		return 0;
	}
	TAILQ_FOREACH_SAFE(c, &ctx->session->server->clients, entry, c1)
	{
		if (c->session == ctx->session && c->state == CLIENT_ATTACHED)
			server_client_detach(c, "[detached from %s]", name);
	}
	return 0;
}

static int
cmd_quit_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	session_destroy(ctx->session);
	ctx->session = NULL;
	ctx->window = NULL;
	ctx->client = NULL;
	return 0;
}

static int
cmd_kill_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct session *sess = ctx->session;

	(void)argc;
	(void)argv;
	if (ctx->window == NULL)
		return cmd_error(ctx, "no window");
	window_destroy(ctx->window);
	ctx->window = NULL;
	if (TAILQ_EMPTY(&sess->windows)) {
		session_destroy(sess);
		ctx->session = NULL;
		ctx->client = NULL;
	}
	return 0;
}

static int
cmd_title_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct client *c;

	if (ctx->window == NULL)
		return cmd_error(ctx, "no window");
	if (argc == 0) {
		cmd_result(ctx, "%s", ctx->window->title);
		return 0;
	}
	free(ctx->window->title);
	ctx->window->title = xstrdup(argv[0]);
	ctx->window->title_manual = 1;
	TAILQ_FOREACH(c, &ctx->session->server->clients, entry)
	{
		if (c->session == ctx->session)
			c->dirty = 1;
	}
	server_render_soon(ctx->session->server);
	return 0;
}

static int
cmd_number_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argv;
	if (ctx->window == NULL)
		return cmd_error(ctx, "no window");
	if (argc > 0)
		return cmd_error(ctx,
		    "number: renumbering is not supported "
		    "yet");
	cmd_result(ctx, "%u (%s)", ctx->window->number, ctx->window->title);
	return 0;
}

static int
cmd_stuff_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	char *text;
	size_t len;
	int i;

	if (ctx->window == NULL)
		return cmd_error(ctx, "no window");
	for (i = 0; i < argc; i++) {
		text = cmd_unescape(argv[i], &len);
		window_write(ctx->window, text, len);
		free(text);
	}
	return 0;
}

static int
cmd_windows_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct window *w;
	char *text = xstrdup(""), *next;

	(void)argc;
	(void)argv;
	TAILQ_FOREACH(w, &ctx->session->windows, entry)
	{
		xasprintf(&next, "%s%s%u%s %s", text, *text != '\0' ? "  " : "",
		    w->number, w == ctx->window ? "*" : "", w->title);
		free(text);
		text = next;
	}
	free(ctx->result);
	ctx->result = text;
	if (ctx->client != NULL)
		server_client_message(ctx->client, "%s", text);
	return 0;
}

static int
cmd_info_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct window *w = ctx->window;
	unsigned row, col;

	(void)argc;
	(void)argv;
	if (w == NULL)
		return cmd_error(ctx, "no window");
	vt_cursor(w->vt, &row, &col);
	cmd_result(ctx, "(%u,%u)/(%u,%u)+%u %u %s", col + 1, row + 1, w->cols,
	    w->rows, vt_history_size(w->vt), w->number, w->title);
	if (ctx->client != NULL)
		server_client_message(ctx->client, "%s", ctx->result);
	return 0;
}

static int
cmd_version_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cmd_result(ctx, "roost %s", ROOST_VERSION);
	if (ctx->client != NULL)
		server_client_message(ctx->client, "%s", ctx->result);
	return 0;
}

static int
cmd_echo_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	char *text = xstrdup(""), *next;
	int i;

	for (i = 0; i < argc; i++) {
		xasprintf(&next, "%s%s%s", text, i > 0 ? " " : "", argv[i]);
		free(text);
		text = next;
	}
	free(ctx->result);
	ctx->result = text;
	if (ctx->client != NULL)
		server_client_message(ctx->client, "%s", text);
	return 0;
}

static int
cmd_redisplay_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (ctx->client != NULL) {
		ctx->client->full = 1;
		ctx->client->dirty = 1;
		server_render_soon(ctx->session->server);
	}
	return 0;
}

/* Sorted by name. */
static const struct cmd_entry cmd_table[] = {
    {"detach", 0, 0, "", "detach the display(s) from the session",
	cmd_detach_exec},
    {"echo", 0, -1, "[text ...]", "show a message", cmd_echo_exec},
    {"info", 0, 0, "", "show information about the window", cmd_info_exec},
    {"kill", 0, 0, "", "kill the current window", cmd_kill_exec},
    {"next", 0, 0, "", "switch to the next window", cmd_next_exec},
    {"number", 0, 1, "[n]", "show the window's number", cmd_number_exec},
    {"other", 0, 0, "", "switch to the previously shown window",
	cmd_other_exec},
    {"prev", 0, 0, "", "switch to the previous window", cmd_prev_exec},
    {"quit", 0, 0, "", "kill all windows and end the session", cmd_quit_exec},
    {"redisplay", 0, 0, "", "redraw the display", cmd_redisplay_exec},
    {"screen", 0, -1, "[-t title] [n] [cmd [args]]", "open a new window",
	cmd_screen_exec},
    {"select", 0, 1, "[n|title]", "switch to a window", cmd_select_exec},
    {"stuff", 1, -1, "string", "type string into the window", cmd_stuff_exec},
    {"title", 0, 1, "[title]", "set (or show) the window's title",
	cmd_title_exec},
    {"version", 0, 0, "", "show roost's version", cmd_version_exec},
    {"windows", 0, 0, "", "list the windows", cmd_windows_exec},
};

static const struct cmd_entry *
cmd_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof cmd_table / sizeof cmd_table[0]; i++) {
		if (strcmp(cmd_table[i].name, name) == 0)
			return &cmd_table[i];
	}
	return NULL;
}

/*
 * Run argv[0] with its arguments for session sess and window w, on behalf
 * of display c (NULL for -X). Returns 0 or -1; *result is an allocated
 * output or error text (or NULL).
 */
int
cmd_execute(struct client *c, struct session *sess, struct window *w, int argc,
    char **argv, char **result)
{
	const struct cmd_entry *ce;
	struct cmd_ctx ctx;
	int status;

	*result = NULL;
	memset(&ctx, 0, sizeof ctx);
	ctx.client = c;
	ctx.session = sess;
	ctx.window = w;
	if (argc < 1) {
		*result = xstrdup("no command given");
		return -1;
	}
	if ((ce = cmd_find(argv[0])) == NULL) {
		xasprintf(result, "unknown command '%s'", argv[0]);
		return -1;
	}
	if (argc - 1 < ce->min_args ||
	    (ce->max_args >= 0 && argc - 1 > ce->max_args)) {
		xasprintf(
		    result, "%s: usage: %s %s", ce->name, ce->name, ce->usage);
		return -1;
	}
	status = ce->exec(&ctx, argc - 1, argv + 1);
	*result = ctx.result;
	return status;
}

/* A default binding: the key after C-a and the command line it runs. */
struct cmd_binding {
	unsigned char key;
	const char *argv[3];
};

static const struct cmd_binding cmd_default_bindings[] = {
    {'c', {"screen"}},
    {0x03, {"screen"}},
    {'d', {"detach"}},
    {0x04, {"detach"}},
    {'n', {"next"}},
    {' ', {"next"}},
    {0x0e, {"next"}},
    {'p', {"prev"}},
    {0x7f, {"prev"}},
    {0x08, {"prev"}},
    {0x10, {"prev"}},
    {0x01, {"other"}},
    {'w', {"windows"}},
    {0x17, {"windows"}},
    {'i', {"info"}},
    {'l', {"redisplay"}},
    {0x0c, {"redisplay"}},
    {'v', {"version"}},
};

/*
 * A key typed after the prefix at display c. Returns 0 if it ran a
 * command, -1 if the key is not bound.
 */
int
cmd_key(struct client *c, unsigned char key)
{
	const struct cmd_binding *b;
	char *argv[4], *result = NULL, num[4];
	size_t i;
	int argc, status;

	if (c->session == NULL)
		return -1;
	if (key == 'a') {
		/* screen(1): C-a a sends a literal C-a. */
		if (c->window != NULL)
			window_write(c->window, "\001", 1);
		return 0;
	}
	if (key >= '0' && key <= '9') {
		snprintf(num, sizeof num, "%c", key);
		argv[0] = (char *)"select";
		argv[1] = num;
		argv[2] = NULL;
		status =
		    cmd_execute(c, c->session, c->window, 2, argv, &result);
		goto done;
	}
	for (i = 0;
	     i < sizeof cmd_default_bindings / sizeof cmd_default_bindings[0];
	     i++) {
		b = &cmd_default_bindings[i];
		if (b->key != key || b->argv[0] == NULL)
			continue;
		for (argc = 0; argc < 3 && b->argv[argc] != NULL; argc++)
			argv[argc] = (char *)b->argv[argc];
		argv[argc] = NULL;
		status =
		    cmd_execute(c, c->session, c->window, argc, argv, &result);
		goto done;
	}
	return -1;
done:
	if (status != 0 && result != NULL && c->state == CLIENT_ATTACHED)
		server_client_message(c, "%s", result);
	free(result);
	server_check_exit(c->server);
	return 0;
}
