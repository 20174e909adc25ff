/*
 * cmd.c -- the one command table (DESIGN.md decision 5), running
 * commands, and key bindings. Every command -- a key binding, `-X`/`-Q`,
 * the `C-a :` prompt, later the rc file -- is an entry of cmd_table: name,
 * argument counts, handler and one line of help; the help screen and
 * completion read the same table. The handlers live in cmd-window.c,
 * cmd-region.c and cmd-display.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd-parse.h"
#include "cmd.h"
#include "util/xmalloc.h"

/* Sorted by name: completion lists them in this order. */
static const struct cmd_entry cmd_table[] = {
	{ "activity", 1, 1, "message", "message for activity in a window",
	    cmd_activity_exec },
	{ "altscreen", 0, 1, "[on|off]", "alternate screen in windows",
	    cmd_altscreen_exec },
	{ "at", 2, -1, "[ident][#|*|%] command [args]",
	    "run a command for other windows or displays", cmd_at_exec },
	{ "autodetach", 1, 1, "on|off", "detach on hang-up",
	    cmd_autodetach_exec },
	{ "bell_msg", 0, 1, "[message]", "message for a bell in a window",
	    cmd_bell_msg_exec },
	{ "bind", 1, -1, "[-c class] key [command [args]]",
	    "bind a key after the command character", cmd_bind_exec },
	{ "bindkey", 0, -1, "[-d] [-m] [-a] [[-k|-t] string [command]]",
	    "bind a key sequence without the command character",
	    cmd_bindkey_exec },
	{ "bufferfile", 0, 1, "[file]", "the file of readbuf and writebuf",
	    cmd_bufferfile_exec },
	{ "caption", 1, 2, "always|splitonly|never|string [string]",
	    "when and how to show region captions", cmd_caption_exec },
	{ "chdir", 0, 1, "[directory]", "where new windows start",
	    cmd_chdir_exec },
	{ "clear", 0, 0, "", "clear the window (into the history)",
	    cmd_clear_exec },
	{ "colon", 0, 1, "[prefix]", "open the command prompt",
	    cmd_colon_exec },
	{ "command", 0, 2, "[-c class]",
	    "act as if the command character was typed", cmd_command_exec },
	{ "copy", 0, 0, "", "enter copy mode (scrollback)", cmd_copy_exec },
	{ "defencoding", 1, 1, "encoding", "encoding of new windows",
	    cmd_defencoding_exec },
	{ "defescape", 1, 1, "xy", "the default command character",
	    cmd_defescape_exec },
	{ "deflog", 1, 1, "on|off", "log new windows", cmd_deflog_exec },
	{ "deflogin", 1, 1, "on|off", "utmp records for new windows",
	    cmd_deflogin_exec },
	{ "defmonitor", 1, 1, "on|off", "monitor new windows for activity",
	    cmd_defmonitor_exec },
	{ "defscrollback", 1, 1, "lines", "history size of new windows",
	    cmd_defscrollback_exec },
	{ "defshell", 1, 1, "command", "the shell of new windows",
	    cmd_shell_exec },
	{ "defsilence", 1, 1, "on|off", "monitor new windows for silence",
	    cmd_defsilence_exec },
	{ "defutf8", 1, 1, "on|off", "UTF-8 in new windows", cmd_defutf8_exec },
	{ "detach", 0, 1, "[-h]", "detach the display(s) from the session",
	    cmd_detach_exec },
	{ "dumpscreen", 1, 1, "file",
	    "diagnostic: write the window's cells to a file",
	    cmd_dumpscreen_exec },
	{ "echo", 0, -1, "[-n] [text ...]", "show a message", cmd_echo_exec },
	{ "encoding", 1, 2, "encoding [encoding]", "the window's encoding",
	    cmd_encoding_exec },
	{ "escape", 1, 1, "xy", "set the command character and its literal",
	    cmd_escape_exec },
	{ "fit", 0, 0, "", "fit the window to the focused region",
	    cmd_fit_exec },
	{ "focus", 0, 1, "[next|prev|up|down|left|right|top|bottom]",
	    "move the focus to another region", cmd_focus_exec },
	{ "hardcopy", 0, 2, "[-h] [file]",
	    "write the screen (-h: and history) to a file", cmd_hardcopy_exec },
	{ "hardcopy_append", 0, 1, "[on|off]", "hardcopy appends to the file",
	    cmd_hardcopy_append_exec },
	{ "hardstatus", 0, 2, "[on|off|alwayslastline|ignore|string] [string]",
	    "the status line at the bottom", cmd_hardstatus_exec },
	{ "help", 0, 2, "[-c class]", "show the key bindings", cmd_help_exec },
	{ "idle", 0, -1, "[seconds|off [command [args]]]",
	    "run a command (lockscreen) after that long without input",
	    cmd_idle_exec },
	{ "info", 0, 0, "", "show information about the window",
	    cmd_info_exec },
	{ "kill", 0, 0, "", "kill the current window", cmd_kill_exec },
	{ "lastmsg", 0, 0, "", "show the last message again",
	    cmd_lastmsg_exec },
	{ "layout", 1, 2,
	    "new|remove|next|prev|select|show|title|number|save|autosave "
	    "[arg]",
	    "named arrangements of regions", cmd_layout_exec },
	{ "lockscreen", 0, 1, "[-s|off]",
	    "lock the display (-s: the session) until the password is typed",
	    cmd_lockscreen_exec },
	{ "log", 0, 1, "[on|off]", "log the window's output to a file",
	    cmd_log_exec },
	{ "logfile", 0, 2, "[file | flush secs]",
	    "name of log files (%n %t %S)", cmd_logfile_exec },
	{ "logflush", 1, 1, "secs", "how often logs are written",
	    cmd_logflush_exec },
	{ "login", 0, 1, "[on|off]", "the window's utmp record",
	    cmd_login_exec },
	{ "lograw", 0, 1, "[on|off]", "log the bytes as they came",
	    cmd_lograw_exec },
	{ "logtstamp", 0, 2, "[on|off | after secs]",
	    "time stamps in logs after silence", cmd_logtstamp_exec },
	{ "meta", 0, 0, "", "send the command character to the window",
	    cmd_meta_exec },
	{ "monitor", 0, 1, "[on|off]", "watch the window for activity",
	    cmd_monitor_exec },
	{ "mousescroll", 0, 1, "[on|off]", "the mouse wheel scrolls history",
	    cmd_mousescroll_exec },
	{ "msgminwait", 1, 1, "seconds", "least time a message stays",
	    cmd_msgminwait_exec },
	{ "msgwait", 1, 1, "seconds", "how long messages stay shown",
	    cmd_msgwait_exec },
	{ "next", 0, 0, "", "switch to the next window", cmd_next_exec },
	{ "number", 0, 1, "[[+|-]n]", "show or change the window's number",
	    cmd_number_exec },
	{ "only", 0, 0, "", "remove all regions but the focused one",
	    cmd_only_exec },
	{ "osc52", 0, 1, "[on|off]", "copies go to the terminal's clipboard",
	    cmd_osc52_exec },
	{ "other", 0, 0, "", "switch to the previously shown window",
	    cmd_other_exec },
	{ "paste", 0, 2, "[registers [dest]]", "paste the buffer or registers",
	    cmd_paste_exec },
	{ "pow_detach", 0, 0, "", "detach with the power-detach message",
	    cmd_pow_detach_exec },
	{ "pow_detach_msg", 0, 1, "[message]", "message of pow_detach",
	    cmd_pow_detach_msg_exec },
	{ "prev", 0, 0, "", "switch to the previous window", cmd_prev_exec },
	{ "quit", 0, 0, "", "kill all windows and end the session",
	    cmd_quit_exec },
	{ "readbuf", 0, 3, "[-e encoding] [file]",
	    "read the paste buffer from a file", cmd_readbuf_exec },
	{ "readreg", 1, 4, "[-e encoding] register [file]",
	    "fill a register from the buffer or a file", cmd_readreg_exec },
	{ "redisplay", 0, 0, "", "redraw the display", cmd_redisplay_exec },
	{ "register", 2, 4, "[-e encoding] key string",
	    "store a string in a register", cmd_register_exec },
	{ "remove", 0, 0, "", "remove the focused region", cmd_remove_exec },
	{ "removebuf", 0, 0, "", "remove the exchange file",
	    cmd_removebuf_exec },
	{ "reset", 0, 0, "", "reset the window's terminal", cmd_reset_exec },
	{ "resize", 0, 2, "[-h|-v|-b] [+n|-n|n|=|max|min]",
	    "change the focused region's size", cmd_resize_exec },
	{ "screen", 0, -1, "[-t title] [-h lines] [-T term] [-M] [n] [cmd]",
	    "open a new window", cmd_screen_exec },
	{ "scrollback", 1, 1, "lines", "history size of the window",
	    cmd_scrollback_exec },
	{ "select", 0, 1, "[n|title|-]", "switch to a window",
	    cmd_select_exec },
	{ "sessionname", 0, 1, "[name]", "rename (or show) the session",
	    cmd_sessionname_exec },
	{ "setenv", 1, 2, "var [value]", "environment of new windows",
	    cmd_setenv_exec },
	{ "shell", 1, 1, "command", "the shell of new windows",
	    cmd_shell_exec },
	{ "shelltitle", 1, 1, "title", "the title of shell windows",
	    cmd_shelltitle_exec },
	{ "silence", 0, 1, "[on|off|seconds]", "watch the window for silence",
	    cmd_silence_exec },
	{ "silencewait", 1, 1, "seconds", "default silence time",
	    cmd_silencewait_exec },
	{ "sleep", 1, 1, "seconds",
	    "pause (accepted; the server never "
	    "sleeps)",
	    cmd_sleep_exec },
	{ "source", 1, 1, "file", "run the commands in a file",
	    cmd_source_exec },
	{ "split", 0, 1, "[-v]", "split the focused region", cmd_split_exec },
	{ "splitwindow", 0, 1, "[on|off]",
	    "split opens a new window in the new region",
	    cmd_splitwindow_exec },
	{ "startup_message", 1, 1, "on|off", "the start-up page (none)",
	    cmd_startup_message_exec },
	{ "stuff", 1, -1, "string", "type string into the window",
	    cmd_stuff_exec },
	{ "term", 1, 1, "term", "TERM of new windows", cmd_term_exec },
	{ "time", 0, 0, "", "show the time", cmd_time_exec },
	{ "title", 0, 1, "[title]", "set (or show) the window's title",
	    cmd_title_exec },
	{ "unbindall", 0, 0, "", "remove every key binding",
	    cmd_unbindall_exec },
	{ "unsetenv", 1, 1, "var", "remove from new windows' environment",
	    cmd_unsetenv_exec },
	{ "utf8", 0, 2, "[on|off [on|off]]", "UTF-8 in the window",
	    cmd_utf8_exec },
	{ "vbell", 0, 1, "[on|off]", "flash instead of ringing the bell",
	    cmd_vbell_exec },
	{ "vbell_msg", 0, 1, "[message]", "message of the visual bell",
	    cmd_vbell_msg_exec },
	{ "version", 0, 0, "", "show roost's version", cmd_version_exec },
	{ "wall", 1, -1, "message", "message to every display", cmd_wall_exec },
	{ "windowlist", 0, 3, "[-b] [-m] [-g]", "choose a window from a list",
	    cmd_windowlist_exec },
	{ "windows", 0, 1, "[string]", "list the windows", cmd_windows_exec },
	{ "writebuf", 0, 3, "[-e encoding] [file]",
	    "write the paste buffer to a file", cmd_writebuf_exec },
	{ "zombie", 0, 1, "[on|off]",
	    "keep windows whose program exited (C-a k removes them)",
	    cmd_zombie_exec },
};
#define CMD_TABLE_SIZE (sizeof cmd_table / sizeof cmd_table[0])

/* Replace ctx's result text. */
static void
cmd_vresult(struct cmd_ctx *ctx, const char *fmt, va_list ap)
{
	free(ctx->result);
	xvasprintf(&ctx->result, fmt, ap);
}

/* Fail with a message; returns -1 for `return cmd_error(...)`. */
int
cmd_error(struct cmd_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cmd_vresult(ctx, fmt, ap);
	va_end(ap);
	return -1;
}

/* The command's output (-Q prints it). */
void
cmd_result(struct cmd_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cmd_vresult(ctx, fmt, ap);
	va_end(ap);
}

/* A result that a display shows on its message line too. */
void
cmd_message(struct cmd_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cmd_vresult(ctx, fmt, ap);
	va_end(ap);
	/* screen(1): -Q sends the answer to the asking process instead. */
	if (ctx->client != NULL && !ctx->query)
		server_client_message(ctx->client, "%s", ctx->result);
}

/*
 * The display a display-level command acts on: the one typing, else
 * (-X) the session's first attached display. NULL if there is none.
 */
struct client *
cmd_display(struct cmd_ctx *ctx)
{
	struct client *c;

	if (ctx->client != NULL)
		return ctx->client->layout != NULL ? ctx->client : NULL;
	TAILQ_FOREACH (c, &ctx->session->server->clients, entry) {
		if (c->session == ctx->session && c->state == CLIENT_ATTACHED &&
		    c->layout != NULL)
			return c;
	}
	return NULL;
}

/* Make w current for the display, or for the session under -X. */
void
cmd_show(struct cmd_ctx *ctx, struct window *w)
{
	if (ctx->client != NULL)
		server_client_set_window(ctx->client, w);
	if (ctx->session != NULL)
		ctx->session->curw = w;
	ctx->window = w;
}

/* Every display of the session needs a new frame (titles, options). */
void
cmd_redraw_session(struct session *sess)
{
	struct client *c;

	TAILQ_FOREACH (c, &sess->server->clients, entry) {
		if (c->session == sess) {
			c->dirty = 1;
			if (c->state == CLIENT_ATTACHED)
				server_client_size_window(c);
		}
	}
	server_render_soon(sess->server);
	server_clock_update(sess->server);
}

/* "on"/"off" and friends; 0 or -1 if s is neither. */
int
cmd_onoff(const char *s, int *value)
{
	if (strcmp(s, "on") == 0 || strcmp(s, "yes") == 0 ||
	    strcmp(s, "1") == 0) {
		*value = 1;
		return 0;
	}
	if (strcmp(s, "off") == 0 || strcmp(s, "no") == 0 ||
	    strcmp(s, "0") == 0) {
		*value = 0;
		return 0;
	}
	return -1;
}

/* A whole number in [min, max] for command `name`; 0, or -1 with the
   error set. */
int
cmd_number(struct cmd_ctx *ctx, const char *name, const char *arg,
    long long min, long long max, unsigned *value)
{
	const char *errstr;
	long long v;

	v = strtonum(arg, min, max, &errstr);
	if (errstr != NULL)
		return cmd_error(ctx,
		    "%s: invalid argument. Give numeric "
		    "argument (%s)",
		    name, errstr);
	*value = (unsigned)v;
	return 0;
}

/* A window of sess by number or title (exact, then prefix), or NULL;
   an empty name names none (not every title's prefix). */
struct window *
cmd_find_window(struct session *sess, const char *name)
{
	struct window *w;
	const char *errstr;
	long n;

	if (*name == '\0')
		return NULL; /* no name is no window's */
	n = strtonum(name, 0, 100000, &errstr);
	if (errstr == NULL)
		return session_window(sess, (unsigned)n);
	TAILQ_FOREACH (w, &sess->windows, entry) {
		if (strcmp(w->title, name) == 0)
			return w;
	}
	TAILQ_FOREACH (w, &sess->windows, entry) {
		if (strncmp(w->title, name, strlen(name)) == 0)
			return w;
	}
	return NULL;
}

static const struct cmd_entry *
cmd_find(const char *name)
{
	size_t i;

	for (i = 0; i < CMD_TABLE_SIZE; i++) {
		if (strcmp(cmd_table[i].name, name) == 0)
			return &cmd_table[i];
	}
	return NULL;
}

/* The nth (from 0) command name starting with prefix, or NULL. */
const char *
cmd_complete(const char *prefix, int nth)
{
	size_t i, len = strlen(prefix);

	for (i = 0; i < CMD_TABLE_SIZE; i++) {
		if (strncmp(cmd_table[i].name, prefix, len) == 0 && nth-- == 0)
			return cmd_table[i].name;
	}
	return NULL;
}

/* 1 if name is a command of the table. */
int
cmd_exists(const char *name)
{
	return cmd_find(name) != NULL;
}

/* Run a command line in ctx: checks the name and argument count. */
int
cmd_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry *ce;

	if (argc < 1)
		return cmd_error(ctx, "no command given");
	if ((ce = cmd_find(argv[0])) == NULL)
		return cmd_error(ctx, "unknown command '%s'", argv[0]);
	if (argc - 1 < ce->min_args ||
	    (ce->max_args >= 0 && argc - 1 > ce->max_args))
		return cmd_error(
		    ctx, "%s: usage: %s %s", ce->name, ce->name, ce->usage);
	return ce->exec(ctx, argc - 1, argv + 1);
}

/* Run a command in a fresh context (cmd_execute, cmd_execute_for). */
static int
cmd_execute_ctx(struct client *c, struct session *sess, struct window *w,
    int interactive, int query, int argc, char **argv, char **result)
{
	struct cmd_ctx ctx;
	int status;

	memset(&ctx, 0, sizeof ctx);
	ctx.client = c;
	ctx.session = sess;
	ctx.window = w;
	ctx.interactive = interactive;
	ctx.query = query;
	status = cmd_run(&ctx, argc, argv);
	*result = ctx.result;
	return status;
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
	return cmd_execute_ctx(c, sess, w, c != NULL, 0, argc, argv, result);
}

/*
 * As cmd_execute, for -X/-Q: on behalf of display c (may be NULL) but not
 * typed there, so commands act at once instead of prompting; with query
 * (-Q) results are not shown on the display's message line.
 */
int
cmd_execute_for(struct client *c, struct session *sess, struct window *w,
    int argc, char **argv, int query, char **result)
{
	return cmd_execute_ctx(c, sess, w, 0, query, argc, argv, result);
}

/* $VAR in a typed command line: the session's environment. */
static const char *
cmd_getvar(void *arg, const char *name)
{
	struct session *sess = arg;
	size_t len = strlen(name), i;

	for (i = 0; sess->env[i] != NULL; i++) {
		if (strncmp(sess->env[i], name, len) == 0 &&
		    sess->env[i][len] == '=')
			return sess->env[i] + len + 1;
	}
	return NULL;
}

/* Run a command line typed at display c (C-a :); errors on its message
   line. */
void
cmd_run_line(struct client *c, const char *line)
{
	char **argv, *result = NULL, *cause = NULL;
	int argc, status;

	if (c->session == NULL)
		return;
	if (cmd_parse_line(
		line, cmd_getvar, c->session, &argv, &argc, &cause) != 0) {
		server_client_message(c, "%s", cause);
		free(cause);
		return;
	}
	if (argc > 0) {
		status =
		    cmd_execute(c, c->session, c->window, argc, argv, &result);
		if (status != 0 && result != NULL &&
		    c->state == CLIENT_ATTACHED)
			server_client_message(c, "%s", result);
		free(result);
	}
	cmd_parse_free(argv);
	server_check_exit(c->server);
}

/* Add (or replace) a binding of key in class (NULL: default). */
static void
cmd_bind(
    struct keytable *s, const char *class, int key, int argc, char *const *argv)
{
	struct binding *b, *b1;
	int i;

	TAILQ_FOREACH_SAFE (b, &s->bindings, entry, b1) {
		if (b->key == key &&
		    ((b->class == NULL && class == NULL) ||
			(b->class != NULL && class != NULL &&
			    strcmp(b->class, class) == 0))) {
			TAILQ_REMOVE(&s->bindings, b, entry);
			for (i = 0; i < b->argc; i++)
				free(b->argv[i]);
			free(b->argv);
			free(b->class);
			free(b);
		}
	}
	if (argc == 0)
		return;
	b = xcalloc(1, sizeof *b);
	b->class = class != NULL ? xstrdup(class) : NULL;
	b->key = key;
	b->argc = argc;
	b->argv = xcalloc((size_t)argc + 1, sizeof *b->argv);
	for (i = 0; i < argc; i++)
		b->argv[i] = xstrdup(argv[i]);
	TAILQ_INSERT_TAIL(&s->bindings, b, entry);
}

/*
 * A key as bind writes it: one character, ^X, \ooo, or a name (up, down,
 * left, right). -1 if it is none of these.
 */
static int
cmd_key_parse(const char *s)
{
	static const char *const names[] = { "up", "down", "left", "right" };
	size_t len;
	char *end;
	long v;
	int key;
	size_t i;

	for (i = 0; i < 4; i++) {
		if (strcmp(s, names[i]) == 0)
			return KEY_UP + (int)i;
	}
	if (s[0] == '^' && s[1] != '\0' && s[2] == '\0')
		return s[1] == '?' ? 0x7f : (s[1] & 0x1f);
	if (s[0] == '\\' && s[1] >= '0' && s[1] <= '7') {
		v = strtol(s + 1, &end, 8);
		if (*end == '\0' && v >= 0 && v < 256)
			return (int)v;
		return -1;
	}
	if (s[0] == '\\' && s[1] != '\0' && s[2] == '\0')
		return (unsigned char)s[1];
	len = keys_next((const uint8_t *)s, strlen(s), &key);
	if (len == strlen(s) && len > 0)
		return key;
	return -1;
}

/* Screen's default key bindings (screen(1): DEFAULT KEY BINDINGS). */
void
cmd_default_bindings(struct keytable *s)
{
	static const struct {
		const char *key;
		const char *argv[4];
	} defaults[] = {
		{ "c", { "screen" } },
		{ "^C", { "screen" } },
		{ "d", { "detach" } },
		{ "^D", { "detach" } },
		{ "n", { "next" } },
		{ " ", { "next" } },
		{ "^N", { "next" } },
		{ "p", { "prev" } },
		{ "^H", { "prev" } },
		{ "^?", { "prev" } },
		{ "^P", { "prev" } },
		{ "^A", { "other" } },
		{ "-", { "select", "-" } },
		{ "^\\", { "quit" } },
		{ "\\\\", { "quit" } },
		{ "'", { "select" } },
		{ "\"", { "windowlist" } },
		{ "A", { "title" } },
		{ "k", { "kill" } },
		{ "^K", { "kill" } },
		{ "N", { "number" } },
		{ "w", { "windows" } },
		{ "^W", { "windows" } },
		{ "i", { "info" } },
		{ "^I", { "focus" } },
		{ "l", { "redisplay" } },
		{ "^L", { "redisplay" } },
		{ "M", { "monitor" } },
		{ "_", { "silence" } },
		{ "?", { "help" } },
		{ "F", { "fit" } },
		{ "S", { "split" } },
		{ "|", { "split", "-v" } },
		{ "X", { "remove" } },
		{ "Q", { "only" } },
		{ ":", { "colon" } },
		{ "v", { "version" } },
		{ "x", { "lockscreen" } },
		{ "^X", { "lockscreen" } },
		{ "^M", { "lastmsg" } },
		{ "m", { "lastmsg" } },
		{ "up", { "focus", "up" } },
		{ "down", { "focus", "down" } },
		{ "[", { "copy" } },
		{ "^[", { "copy" } },
		{ "]", { "paste", "." } },
		{ "^]", { "paste", "." } },
		{ "H", { "log" } },
		{ "h", { "hardcopy" } },
		{ ">", { "writebuf" } },
		{ "<", { "readbuf" } },
		{ "=", { "removebuf" } },
		{ "left", { "focus", "left" } },
		{ "right", { "focus", "right" } },
	};
	char num[2][4];
	const char *argv[2];
	size_t i;
	int argc;

	TAILQ_INIT(&s->bindings);
	TAILQ_INIT(&s->keybindings);
	s->escape_key = 0x01;
	s->escape_literal = 'a';
	for (i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
		for (argc = 0; argc < 4 && defaults[i].argv[argc] != NULL;
		     argc++)
			;
		cmd_bind(s, NULL, cmd_key_parse(defaults[i].key), argc,
		    (char *const *)defaults[i].argv);
	}
	for (i = 0; i < 10; i++) {
		snprintf(num[0], sizeof num[0], "%zu", i);
		argv[0] = "select";
		argv[1] = num[0];
		cmd_bind(s, NULL, '0' + (int)i, 2, (char *const *)argv);
	}
	(void)num[1];
}

/* Free every binding and bindkey of a key table (it stays usable,
   empty). */
void
cmd_free_bindings(struct keytable *s)
{
	struct binding *b;
	struct keybinding *kb;
	int i;

	while ((kb = TAILQ_FIRST(&s->keybindings)) != NULL) {
		TAILQ_REMOVE(&s->keybindings, kb, entry);
		for (i = 0; i < kb->argc; i++)
			free(kb->argv[i]);
		free(kb->argv);
		free(kb->seq);
		free(kb);
	}
	while ((b = TAILQ_FIRST(&s->bindings)) != NULL) {
		TAILQ_REMOVE(&s->bindings, b, entry);
		for (i = 0; i < b->argc; i++)
			free(b->argv[i]);
		free(b->argv);
		free(b->class);
		free(b);
	}
}

int
cmd_bind_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct keytable *s = &ctx->session->keys;
	const char *class = NULL;
	int key;

	if (argc >= 2 && strcmp(argv[0], "-c") == 0) {
		class = argv[1];
		argc -= 2;
		argv += 2;
	}
	if (argc < 1)
		return cmd_error(ctx, "bind: a key is needed");
	if ((key = cmd_key_parse(argv[0])) == -1)
		return cmd_error(ctx, "bind: bad key '%s'", argv[0]);
	if (argc > 1 && cmd_find(argv[1]) == NULL)
		return cmd_error(ctx, "bind: unknown command '%s'", argv[1]);
	cmd_bind(s, class, key, argc - 1, argv + 1);
	return 0;
}

int
cmd_escape_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct keytable *s = &ctx->session->keys;
	const char *p = argv[0];
	int keys[2], n = 0;

	(void)argc;
	while (*p != '\0' && n < 2) {
		if (*p == '^' && p[1] != '\0') {
			keys[n++] = p[1] == '?' ? 0x7f : (p[1] & 0x1f);
			p += 2;
		} else if (*p == '\\' && p[1] != '\0') {
			keys[n++] = (unsigned char)p[1];
			p += 2;
		} else
			keys[n++] = (unsigned char)*p++;
	}
	if (n != 2 || *p != '\0')
		return cmd_error(ctx,
		    "escape: two characters are needed, "
		    "e.g. ^Aa");
	s->escape_key = keys[0];
	s->escape_literal = keys[1];
	return 0;
}

/*
 * A key typed after the command character at display c. Returns 0 if it
 * ran something, -1 if the key is not bound.
 */
int
cmd_key(struct client *c, int key)
{
	struct server *s = c->server;
	struct keytable *k;
	struct binding *b;
	struct cmd_ctx ctx;
	char *class;
	int status;

	if (c->session == NULL)
		return -1;
	k = &c->session->keys;
	/* command -c CLASS: this key is looked up in that class. */
	class = c->prefix_class;
	c->prefix_class = NULL;
	if (class == NULL && key == k->escape_literal) {
		/* screen(1): C-a a sends a literal C-a. */
		if (c->window != NULL) {
			char ch = (char)k->escape_key;

			window_write(c->window, &ch, 1);
		}
		return 0;
	}
	TAILQ_FOREACH (b, &k->bindings, entry) {
		if (b->key != key)
			continue;
		if (class == NULL
			? b->class == NULL
			: b->class != NULL && strcmp(b->class, class) == 0)
			break;
	}
	free(class);
	if (b == NULL)
		return -1;
	memset(&ctx, 0, sizeof ctx);
	ctx.client = c;
	ctx.session = c->session;
	ctx.window = c->window;
	ctx.interactive = 1;
	ctx.from_key = 1;
	status = cmd_run(&ctx, b->argc, b->argv);
	if (status != 0 && ctx.result != NULL && c->state == CLIENT_ATTACHED)
		server_client_message(c, "%s", ctx.result);
	free(ctx.result);
	server_check_exit(s);
	return 0;
}

/* roost's defaults for a new session's settings. */
void
cmd_options_default(struct options *o)
{
	memset(o, 0, sizeof *o);
	o->caption = 1; /* splitonly */
	o->hardstatus = 1;
	o->msgwait = 5;
	o->msgminwait = 1;
	o->silencewait = 30;
	o->defscrollback = VT_HISTORY_DEFAULT;
	o->autodetach = 1;
	o->deflogin = 1;
	o->altscreen = 1;
	o->defutf8 = 1;
	o->defencoding = ENCODING_UTF8;
	o->layout_autosave = 1;
}

/* Free a session's settings (the strings they own) and zero them. */
void
cmd_options_free(struct options *o)
{
	free(o->caption_fmt);
	free(o->hardstatus_fmt);
	free(o->vbell_msg);
	free(o->shell);
	free(o->shelltitle);
	free(o->term);
	free(o->bell_msg);
	free(o->activity_msg);
	free(o->pow_detach_msg);
	memset(o, 0, sizeof *o);
}

/*
 * Write the command table as the man page's COMMANDS list (mdoc), so the
 * manual is generated from the one table (DESIGN.md decision 5):
 * `roost --commands` prints it; tests/check-commands compares it with
 * doc/roost.1.
 */
void
cmd_list_mdoc(FILE *f)
{
	const char *p;
	size_t i;

	fprintf(f, ".Bl -tag -width Ds\n");
	for (i = 0; i < CMD_TABLE_SIZE; i++) {
		fprintf(f, ".It Ic %s", cmd_table[i].name);
		if (*cmd_table[i].usage != '\0') {
			fprintf(f, " Li \"");
			for (p = cmd_table[i].usage; *p != '\0'; p++) {
				if (*p == '\\' || *p == '"')
					fputc('\\', f);
				fputc(*p, f);
			}
			fprintf(f, "\"");
		}
		fprintf(f, "\n%c%s.\n",
		    cmd_table[i].help[0] >= 'a' && cmd_table[i].help[0] <= 'z'
			? cmd_table[i].help[0] - 'a' + 'A'
			: cmd_table[i].help[0],
		    cmd_table[i].help + 1);
	}
	fprintf(f, ".El\n");
}
