/*
 * cmd-session.c -- the settings and session commands of the command
 * language (screen(1) names, arguments and defaults; roost's defaults
 * from DESIGN.md decision 8 where they differ): new-window defaults
 * (chdir, setenv, unsetenv, shell, shelltitle, term, defscrollback,
 * scrollback, deflogin, login, defmonitor, defsilence, altscreen,
 * defutf8, utf8, encoding, defencoding), messages (startup_message,
 * msgminwait, bell_msg, activity, vbell_msg, pow_detach_msg, wall),
 * the session (sessionname, autodetach, pow_detach, clear, reset, sleep,
 * meta, defescape, command, unbindall, bindkey, at, time) and named
 * layouts (layout ...).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "util/xmalloc.h"

/* Set an on/off option: no argument toggles when toggle is set. */
static int
cmd_session_onoff(struct cmd_ctx *ctx, const char *name, int argc, char **argv,
    int *value, int toggle)
{
	int on;

	if (argc == 0) {
		if (!toggle)
			return cmd_error(ctx,
			    "%s: invalid argument. Give 'on' "
			    "or 'off'",
			    name);
		on = !*value;
	} else if (cmd_onoff(argv[0], &on) != 0)
		return cmd_error(ctx,
		    "%s: invalid argument. Give 'on' or "
		    "'off'",
		    name);
	*value = on;
	return 0;
}

static void
cmd_session_setstr(char **dst, const char *value)
{
	free(*dst);
	*dst = value != NULL ? xstrdup(value) : NULL;
}

/* screen(1): chdir [dir]: where later windows start ($HOME without an
   argument). */
int
cmd_chdir_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct session *sess = ctx->session;
	struct stat sb;
	const char *dir = NULL;
	size_t i;
	char *path;

	if (argc > 0)
		dir = argv[0];
	else {
		for (i = 0; sess->env[i] != NULL; i++) {
			if (strncmp(sess->env[i], "HOME=", 5) == 0)
				dir = sess->env[i] + 5;
		}
		if (dir == NULL)
			return cmd_error(ctx, "chdir: no HOME");
	}
	if (dir[0] != '/')
		xasprintf(&path, "%s/%s", sess->cwd, dir);
	else
		path = xstrdup(dir);
	if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		cmd_error(ctx, "chdir: %s: %s", dir,
		    errno != 0 ? strerror(errno) : "not a directory");
		free(path);
		return -1;
	}
	free(sess->cwd);
	sess->cwd = path;
	return 0;
}

/* Set or remove NAME in a session's environment. */
static void
cmd_session_env_set(struct session *sess, const char *name, const char *value)
{
	size_t len = strlen(name), i, n;

	for (i = 0; sess->env[i] != NULL; i++) {
		if (strncmp(sess->env[i], name, len) == 0 &&
		    sess->env[i][len] == '=')
			break;
	}
	if (sess->env[i] != NULL) {
		free(sess->env[i]);
		if (value != NULL) {
			xasprintf(&sess->env[i], "%s=%s", name, value);
			return;
		}
		for (; sess->env[i] != NULL; i++)
			sess->env[i] = sess->env[i + 1];
		return;
	}
	if (value == NULL)
		return;
	for (n = 0; sess->env[n] != NULL; n++)
		;
	sess->env = xreallocarray(sess->env, n + 2, sizeof *sess->env);
	xasprintf(&sess->env[n], "%s=%s", name, value);
	sess->env[n + 1] = NULL;
}

int
cmd_setenv_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc == 0 || argv[0][0] == '\0' || strchr(argv[0], '=') != NULL)
		return cmd_error(ctx, "setenv: a variable name is needed");
	cmd_session_env_set(ctx->session, argv[0], argc > 1 ? argv[1] : "");
	return 0;
}

int
cmd_unsetenv_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	cmd_session_env_set(ctx->session, argv[0], NULL);
	return 0;
}

int
cmd_shell_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	cmd_session_setstr(&ctx->session->options.shell, argv[0]);
	return 0;
}

int
cmd_shelltitle_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	cmd_session_setstr(&ctx->session->options.shelltitle, argv[0]);
	return 0;
}

int
cmd_term_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	if (argv[0][0] == '\0' || strchr(argv[0], '/') != NULL)
		return cmd_error(ctx, "term: bad terminal name '%s'", argv[0]);
	cmd_session_setstr(&ctx->session->options.term, argv[0]);
	return 0;
}

int
cmd_defscrollback_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	return cmd_number(ctx, "defscrollback", argv[0], 0, 1000000,
	    &ctx->session->options.defscrollback);
}

int
cmd_scrollback_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	unsigned v = 0;

	(void)argc;
	if (ctx->window == NULL)
		return cmd_error(ctx, "scrollback: no window");
	if (cmd_number(ctx, "scrollback", argv[0], 0, 1000000, &v) != 0)
		return -1;
	vt_set_history_limit(ctx->window->vt, v);
	cmd_result(ctx, "scrollback set to %u", v);
	return 0;
}

int
cmd_startup_message_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return cmd_session_onoff(ctx, "startup_message", argc, argv,
	    &ctx->session->options.startup_message, 0);
}

int
cmd_msgminwait_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	return cmd_number(ctx, "msgminwait", argv[0], 0, 3600,
	    &ctx->session->options.msgminwait);
}

/* A message option: no argument shows it (or its default), one sets it. */
static int
cmd_session_msg(struct cmd_ctx *ctx, const char *name, char **value,
    const char *dflt, int argc, char **argv)
{
	if (argc == 0) {
		cmd_message(
		    ctx, "%s is '%s'", name, *value != NULL ? *value : dflt);
		return 0;
	}
	cmd_session_setstr(value, argv[0]);
	return 0;
}

int
cmd_bell_msg_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return cmd_session_msg(ctx, "bell_msg", &ctx->session->options.bell_msg,
	    "Bell in window %n", argc, argv);
}

int
cmd_activity_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	cmd_session_setstr(&ctx->session->options.activity_msg, argv[0]);
	return 0;
}

int
cmd_vbell_msg_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return cmd_session_msg(ctx, "vbell_msg",
	    &ctx->session->options.vbell_msg, "Wuff, Wuff!!", argc, argv);
}

int
cmd_pow_detach_msg_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	cmd_session_setstr(
	    &ctx->session->options.pow_detach_msg, argc > 0 ? argv[0] : NULL);
	return 0;
}

int
cmd_defmonitor_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return cmd_session_onoff(ctx, "defmonitor", argc, argv,
	    &ctx->session->options.defmonitor, 0);
}

int
cmd_defsilence_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return cmd_session_onoff(ctx, "defsilence", argc, argv,
	    &ctx->session->options.defsilence, 0);
}

int
cmd_autodetach_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return cmd_session_onoff(ctx, "autodetach", argc, argv,
	    &ctx->session->options.autodetach, 0);
}

int
cmd_deflogin_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return cmd_session_onoff(
	    ctx, "deflogin", argc, argv, &ctx->session->options.deflogin, 0);
}

/* screen(1): login [on|off]: the window's utmp record. */
int
cmd_login_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct window *w = ctx->window;
	int on;

	if (w == NULL)
		return cmd_error(ctx, "login: no window");
	on = w->login;
	if (cmd_session_onoff(ctx, "login", argc, argv, &on, 1) != 0)
		return -1;
	if (on != w->login && w->fd != -1) {
		if (on)
			utmp_add(w->fd, "roost");
		else
			utmp_remove(w->fd);
	}
	w->login = on;
	cmd_message(ctx, "This window is now %slogged in.", on ? "" : "not ");
	return 0;
}

int
cmd_altscreen_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct window *w;

	if (cmd_session_onoff(ctx, "altscreen", argc, argv,
		&ctx->session->options.altscreen, 1) != 0)
		return -1;
	TAILQ_FOREACH (w, &ctx->session->windows, entry)
		vt_set_altscreen(w->vt, ctx->session->options.altscreen);
	return 0;
}

int
cmd_defutf8_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct options *o = &ctx->session->options;

	if (cmd_session_onoff(ctx, "defutf8", argc, argv, &o->defutf8, 0) != 0)
		return -1;
	o->defencoding = o->defutf8 ? ENCODING_UTF8 : ENCODING_LATIN1;
	return 0;
}

/* An encoding name screen accepts for UTF-8 or Latin-1; -1 otherwise. */
static int
cmd_session_encoding(const char *name)
{
	static const char *const utf8[] = { "utf8", "utf-8", "UTF-8", "UTF8" };
	static const char *const latin1[] = { "latin1", "iso8859-1",
		"ISO8859-1", "iso-8859-1", "ISO-8859-1", "l1" };
	size_t i;

	for (i = 0; i < sizeof utf8 / sizeof utf8[0]; i++) {
		if (strcasecmp(name, utf8[i]) == 0)
			return ENCODING_UTF8;
	}
	for (i = 0; i < sizeof latin1 / sizeof latin1[0]; i++) {
		if (strcasecmp(name, latin1[i]) == 0)
			return ENCODING_LATIN1;
	}
	return -1;
}

/* screen(1): encoding enc [enc]: the window's encoding (the second, the
   terminal's, is always UTF-8 here and is checked only). */
int
cmd_encoding_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	int e;

	if (ctx->window == NULL)
		return cmd_error(ctx, "encoding: no window");
	if ((e = cmd_session_encoding(argv[0])) == -1)
		return cmd_error(ctx,
		    "encoding: unknown encoding '%s' "
		    "(UTF-8 and ISO8859-1 are supported)",
		    argv[0]);
	if (argc > 1 && cmd_session_encoding(argv[1]) == -1)
		return cmd_error(
		    ctx, "encoding: unknown encoding '%s'", argv[1]);
	ctx->window->encoding = e;
	return 0;
}

int
cmd_defencoding_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	int e;

	(void)argc;
	if ((e = cmd_session_encoding(argv[0])) == -1)
		return cmd_error(
		    ctx, "defencoding: unknown encoding '%s'", argv[0]);
	ctx->session->options.defencoding = e;
	ctx->session->options.defutf8 = e == ENCODING_UTF8;
	return 0;
}

/* screen(1): utf8 [on|off [on|off]]: the window's encoding. */
int
cmd_utf8_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	int on;

	if (ctx->window == NULL)
		return cmd_error(ctx, "utf8: no window");
	on = ctx->window->encoding == ENCODING_UTF8;
	if (cmd_session_onoff(ctx, "utf8", argc > 0 ? 1 : 0, argv, &on, 1) != 0)
		return -1;
	ctx->window->encoding = on ? ENCODING_UTF8 : ENCODING_LATIN1;
	cmd_message(ctx, "UTF-8 %s", on ? "on" : "off");
	return 0;
}

/* screen(1): sessionname [name]. */
int
cmd_sessionname_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct session *sess = ctx->session, *other;
	int ambiguous;

	if (argc == 0) {
		cmd_message(
		    ctx, "This session is named '%u.%s'", sess->id, sess->name);
		return 0;
	}
	if (argv[0][0] == '\0' || strchr(argv[0], '/') != NULL ||
	    strspn(argv[0], "0123456789") == strlen(argv[0]))
		return cmd_error(ctx, "sessionname: bad name '%s'", argv[0]);
	other = server_find_session(sess->server, argv[0], &ambiguous);
	if (other != NULL && other != sess && strcmp(other->name, argv[0]) == 0)
		return cmd_error(ctx, "sessionname: '%s' is taken", argv[0]);
	free(sess->name);
	sess->name = xstrdup(argv[0]);
	cmd_redraw_session(sess);
	return 0;
}

/* screen(1): clear: the screen goes into the history. */
int
cmd_clear_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	unsigned i, rows;

	(void)argc;
	(void)argv;
	if (ctx->window == NULL)
		return cmd_error(ctx, "clear: no window");
	/* Scroll every row off into the history, then home the cursor:
	   CSI r (whole screen), cursor to the last row, enough LFs. */
	rows = vt_rows(ctx->window->vt);
	vt_feed(ctx->window->vt, "\033[r\033[999;1H", 10);
	for (i = 0; i < rows; i++)
		vt_feed(ctx->window->vt, "\n", 1);
	vt_feed(ctx->window->vt, "\033[H", 3);
	cmd_redraw_session(ctx->session);
	return 0;
}

/* screen(1): reset: the window's terminal as at power-on. */
int
cmd_reset_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (ctx->window == NULL)
		return cmd_error(ctx, "reset: no window");
	vt_reset(ctx->window->vt);
	cmd_redraw_session(ctx->session);
	return 0;
}

/* screen(1): sleep num. The server never blocks: in an rc file there is
   no display yet to read echo output, so this only checks its argument. */
int
cmd_sleep_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	unsigned v = 0;

	(void)argc;
	return cmd_number(ctx, "sleep", argv[0], 0, 3600, &v);
}

int
cmd_wall_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct client *c;
	char *text = xstrdup(""), *next;
	int i;

	for (i = 0; i < argc; i++) {
		xasprintf(&next, "%s%s%s", text, i > 0 ? " " : "", argv[i]);
		free(text);
		text = next;
	}
	TAILQ_FOREACH (c, &ctx->session->server->clients, entry) {
		if (c->session == ctx->session && c->state == CLIENT_ATTACHED)
			server_client_message(c, "%s", text);
	}
	free(text);
	return 0;
}

/* screen(1): meta: send the command character to the window. */
int
cmd_meta_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	char ch = (char)ctx->session->keys.escape_key;

	(void)argc;
	(void)argv;
	if (ctx->window == NULL)
		return cmd_error(ctx, "meta: no window");
	window_write(ctx->window, &ch, 1);
	return 0;
}

int
cmd_defescape_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	/* One user per server: the default escape is the escape. */
	return cmd_escape_exec(ctx, argc, argv);
}

/* screen(1): pow_detach: detach and hang up the attaching shell. roost
   detaches with the message; the client cannot kill its parent safely
   under ssh, so the hang-up is left to the login session. */
int
cmd_pow_detach_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *msg = ctx->session->options.pow_detach_msg;

	(void)argc;
	(void)argv;
	if (ctx->client == NULL)
		return cmd_error(ctx, "pow_detach: needs a display");
	server_client_detach(
	    ctx->client, "%s", msg != NULL ? msg : "[power detached]");
	return 0;
}

/* screen(1): command [-c class]: as if the command character was typed. */
int
cmd_command_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct client *c = ctx->client;

	if (c == NULL || c->fd == -1)
		return cmd_error(ctx, "command: needs a display");
	free(c->prefix_class);
	c->prefix_class = NULL;
	if (argc >= 2 && strcmp(argv[0], "-c") == 0)
		c->prefix_class = xstrdup(argv[1]);
	else if (argc != 0)
		return cmd_error(ctx, "command: usage: command [-c class]");
	c->prefix = 1;
	return 0;
}

int
cmd_unbindall_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cmd_free_bindings(&ctx->session->keys);
	return 0;
}

int
cmd_time_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	char buf[64];
	struct tm tm;
	time_t now = time(NULL);

	(void)argc;
	(void)argv;
	localtime_r(&now, &tm);
	strftime(buf, sizeof buf, "%H:%M:%S %d-%b-%y", &tm);
	cmd_message(ctx, "%s", buf);
	return 0;
}

/*
 * Run at's command (argv[1..]) for display c (may be NULL) and window w;
 * a failure sets *status to -1 and the error. Returns -1 if the command
 * ended the session (nothing more can run), else 0.
 */
static int
cmd_at_one(struct cmd_ctx *ctx, struct client *c, struct window *w, int argc,
    char **argv, int *status)
{
	struct cmd_ctx sub;

	memset(&sub, 0, sizeof sub);
	sub.client = c;
	sub.session = ctx->session;
	sub.window = w;
	sub.rc = ctx->rc;
	if (cmd_run(&sub, argc - 1, argv + 1) != 0) {
		*status = -1;
		cmd_error(
		    ctx, "%s", sub.result != NULL ? sub.result : "at: failed");
	}
	free(sub.result);
	if (sub.session == NULL) {
		ctx->session = NULL;
		return -1;
	}
	return 0;
}

/*
 * screen(1): at [identifier][#|*|%] command [args]: run the command for
 * every window matched by number or title (#; none given: all), or for
 * every display (* users, % ttys; one user here, so every display).
 */
int
cmd_at_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct session *sess = ctx->session;
	struct window *w, *w1;
	struct client *c, *c1;
	char *ident, kind;
	size_t len;
	int status = 0, matched = 0;

	if (argc < 2)
		return cmd_error(ctx,
		    "at: usage: at [identifier][#|*|%%] "
		    "command [args]");
	ident = xstrdup(argv[0]);
	len = strlen(ident);
	kind = len > 0 ? ident[len - 1] : '\0';
	if (kind == '#' || kind == '*' || kind == '%')
		ident[--len] = '\0';
	else
		kind = '#';
	if (kind == '#') {
		TAILQ_FOREACH_SAFE (w, &sess->windows, entry, w1) {
			char num[16];

			snprintf(num, sizeof num, "%u", w->number);
			if (len > 0 && strcmp(num, ident) != 0 &&
			    strncmp(w->title, ident, len) != 0)
				continue;
			matched++;
			if (cmd_at_one(ctx, NULL, w, argc, argv, &status) != 0)
				break;
		}
	} else {
		TAILQ_FOREACH_SAFE (c, &sess->server->clients, entry, c1) {
			if (c->session != sess || c->state != CLIENT_ATTACHED)
				continue;
			matched++;
			if (cmd_at_one(
				ctx, c, c->window, argc, argv, &status) != 0)
				break;
		}
	}
	free(ident);
	if (matched == 0)
		return cmd_error(ctx, "at: nothing matches '%s'", argv[0]);
	return status;
}

/* The -k names bindkey knows, as an xterm-like terminal sends them. */
static const char *
cmd_session_capname(const char *cap)
{
	static const struct {
		const char *cap, *seq;
	} caps[] = {
		{ "k1", "\033OP" },
		{ "k2", "\033OQ" },
		{ "k3", "\033OR" },
		{ "k4", "\033OS" },
		{ "k5", "\033[15~" },
		{ "k6", "\033[17~" },
		{ "k7", "\033[18~" },
		{ "k8", "\033[19~" },
		{ "k9", "\033[20~" },
		{ "k;", "\033[21~" },
		{ "F1", "\033[23~" },
		{ "F2", "\033[24~" },
		{ "ku", "\033[A" },
		{ "kd", "\033[B" },
		{ "kr", "\033[C" },
		{ "kl", "\033[D" },
		{ "kh", "\033[H" },
		{ "kH", "\033[F" },
		{ "@7", "\033[F" },
		{ "kP", "\033[5~" },
		{ "kN", "\033[6~" },
		{ "kI", "\033[2~" },
		{ "kD", "\033[3~" },
	};
	size_t i;

	for (i = 0; i < sizeof caps / sizeof caps[0]; i++) {
		if (strcmp(caps[i].cap, cap) == 0)
			return caps[i].seq;
	}
	return NULL;
}

/*
 * screen(1): bindkey [-d] [-m] [-a] [[-k|-t] string [command [args]]]:
 * a key sequence typed at a display runs a command without the command
 * character. -k names a termcap key (the xterm sequences of the common
 * keys); no command removes the binding; no string lists them.
 */
int
cmd_bindkey_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct keytable *s = &ctx->session->keys;
	struct keybinding *kb, *kb1;
	const char *seq = NULL;
	char *list = NULL, *next;
	int i = 0, j;

	while (i < argc && argv[i][0] == '-' && seq == NULL) {
		if (strcmp(argv[i], "-k") == 0 && i + 1 < argc) {
			if ((seq = cmd_session_capname(argv[i + 1])) == NULL)
				return cmd_error(ctx,
				    "bindkey: unknown key "
				    "'%s'",
				    argv[i + 1]);
			i += 2;
		} else if (strcmp(argv[i], "-d") == 0 ||
		    strcmp(argv[i], "-m") == 0 || strcmp(argv[i], "-a") == 0 ||
		    strcmp(argv[i], "-t") == 0)
			i++;
		else
			break;
	}
	if (seq == NULL && i < argc)
		seq = argv[i++];
	if (seq == NULL) {
		TAILQ_FOREACH (kb, &s->keybindings, entry) {
			xasprintf(&next, "%s%s%zu-byte key: %s",
			    list ? list : "", list ? "; " : "", strlen(kb->seq),
			    kb->argv[0]);
			free(list);
			list = next;
		}
		cmd_message(ctx, "%s", list != NULL ? list : "no key bindings");
		free(list);
		return 0;
	}
	if (*seq == '\0')
		return cmd_error(ctx, "bindkey: empty key sequence");
	if (i < argc && !cmd_exists(argv[i]))
		return cmd_error(ctx, "bindkey: unknown command '%s'", argv[i]);
	TAILQ_FOREACH_SAFE (kb, &s->keybindings, entry, kb1) {
		if (strcmp(kb->seq, seq) == 0) {
			TAILQ_REMOVE(&s->keybindings, kb, entry);
			for (j = 0; j < kb->argc; j++)
				free(kb->argv[j]);
			free(kb->argv);
			free(kb->seq);
			free(kb);
		}
	}
	if (i >= argc)
		return 0;
	kb = xcalloc(1, sizeof *kb);
	kb->seq = xstrdup(seq);
	kb->argc = argc - i;
	kb->argv = xcalloc((size_t)kb->argc + 1, sizeof *kb->argv);
	for (j = 0; j < kb->argc; j++)
		kb->argv[j] = xstrdup(argv[i + j]);
	TAILQ_INSERT_TAIL(&s->keybindings, kb, entry);
	return 0;
}

static struct named_layout *
cmd_layout_find(struct session *sess, const char *name)
{
	struct named_layout *nl;
	const char *errstr;
	long n;

	n = strtonum(name, 0, 1000, &errstr);
	TAILQ_FOREACH (nl, &sess->layouts, entry) {
		if ((errstr == NULL && nl->number == (unsigned)n) ||
		    strcmp(nl->title, name) == 0)
			return nl;
	}
	return NULL;
}

static struct named_layout *
cmd_layout_new(struct session *sess, const char *title)
{
	struct named_layout *nl, *at;
	unsigned n = 0;

	TAILQ_FOREACH (at, &sess->layouts, entry) {
		if (at->number == n)
			n++;
	}
	nl = xcalloc(1, sizeof *nl);
	nl->number = n;
	nl->title = xstrdup(title != NULL ? title : "layout");
	TAILQ_FOREACH (at, &sess->layouts, entry) {
		if (at->number > n)
			break;
	}
	if (at != NULL)
		TAILQ_INSERT_BEFORE(at, nl, entry);
	else
		TAILQ_INSERT_TAIL(&sess->layouts, nl, entry);
	return nl;
}

/* Store display c's regions in nl. */
static void
cmd_layout_store(struct named_layout *nl, struct client *c)
{
	layout_free(nl->root);
	nl->focus = NULL;
	nl->root = layout_copy(c->layout, c->focus, &nl->focus);
}

/* Show nl's regions on display c. */
static void
cmd_layout_load(struct session *sess, struct named_layout *nl, struct client *c)
{
	struct layout_cell *focus = NULL;

	if (sess->curlayout != NULL && sess->curlayout != nl &&
	    sess->options.layout_autosave)
		cmd_layout_store(sess->curlayout, c);
	sess->curlayout = nl;
	layout_free(c->layout);
	if (nl->root == NULL) {
		/* A new layout: one region on the blank window. */
		c->layout = layout_create_leaf(NULL);
		c->focus = c->layout;
	} else {
		c->layout = layout_copy(nl->root, nl->focus, &focus);
		c->focus = focus;
	}
	/* Show the focused region's window as when a display switches
	   windows: the window left (c->window still) is the previous one
	   (other, '-'), never the one now shown. */
	server_client_set_window(c, c->focus->window);
	server_client_size_window(c);
	c->full = 1;
	c->dirty = 1;
	server_render_soon(c->server);
}

/* screen(1): layout new|remove|next|prev|select|show|title|number|
   save|autosave ... */
int
cmd_layout_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct session *sess = ctx->session;
	struct client *c = cmd_display(ctx);
	struct named_layout *nl, *cur = sess->curlayout;
	const char *sub = argv[0], *arg = argc > 1 ? argv[1] : NULL;
	char *list = NULL, *next;
	int on;

	if (strcmp(sub, "autosave") == 0) {
		if (arg == NULL) {
			cmd_message(ctx, "autosave is %s",
			    sess->options.layout_autosave ? "on" : "off");
			return 0;
		}
		if (cmd_onoff(arg, &on) != 0)
			return cmd_error(ctx, "layout autosave: on or off");
		sess->options.layout_autosave = on;
		return 0;
	}
	if (strcmp(sub, "show") == 0) {
		TAILQ_FOREACH (nl, &sess->layouts, entry) {
			xasprintf(&next, "%s%s%u%s %s", list ? list : "",
			    list ? "  " : "", nl->number, nl == cur ? "*" : "",
			    nl->title);
			free(list);
			list = next;
		}
		cmd_message(
		    ctx, "%s", list != NULL ? list : "No layouts defined");
		free(list);
		return 0;
	}
	if (strcmp(sub, "remove") == 0) {
		nl = arg != NULL ? cmd_layout_find(sess, arg) : cur;
		if (nl == NULL)
			return cmd_error(ctx, "layout remove: no such layout");
		TAILQ_REMOVE(&sess->layouts, nl, entry);
		if (sess->curlayout == nl)
			sess->curlayout = NULL;
		layout_free(nl->root);
		free(nl->title);
		free(nl);
		return 0;
	}
	if (strcmp(sub, "title") == 0 || strcmp(sub, "number") == 0) {
		if (cur == NULL)
			return cmd_error(
			    ctx, "layout %s: no current layout", sub);
		if (arg == NULL) {
			cmd_message(ctx, "This is layout %u (%s).", cur->number,
			    cur->title);
			return 0;
		}
		if (strcmp(sub, "title") == 0) {
			free(cur->title);
			cur->title = xstrdup(arg);
		} else {
			const char *errstr;
			unsigned n = (unsigned)strtonum(arg, 0, 1000, &errstr);

			if (errstr != NULL)
				return cmd_error(
				    ctx, "layout number: bad number");
			TAILQ_FOREACH (nl, &sess->layouts, entry) {
				if (nl->number == n && nl != cur)
					nl->number = cur->number;
			}
			cur->number = n;
		}
		return 0;
	}
	if (strcmp(sub, "attach") == 0 || strcmp(sub, "dump") == 0)
		return 0; /* reattach shows the last layout: :last */
	if (c == NULL)
		return cmd_error(ctx, "layout %s: needs a display", sub);
	if (strcmp(sub, "save") == 0) {
		nl = arg != NULL ? cmd_layout_find(sess, arg) : cur;
		if (nl == NULL)
			nl = cmd_layout_new(sess, arg);
		cmd_layout_store(nl, c);
		sess->curlayout = nl;
		return 0;
	}
	if (strcmp(sub, "new") == 0) {
		nl = cmd_layout_new(sess, arg);
		cmd_layout_load(sess, nl, c);
		return 0;
	}
	if (strcmp(sub, "select") == 0) {
		if (arg == NULL)
			return cmd_error(ctx, "layout select: which layout?");
		if ((nl = cmd_layout_find(sess, arg)) == NULL)
			return cmd_error(
			    ctx, "layout select: no layout '%s'", arg);
		cmd_layout_load(sess, nl, c);
		return 0;
	}
	if (strcmp(sub, "next") == 0 || strcmp(sub, "prev") == 0) {
		if (TAILQ_EMPTY(&sess->layouts))
			return cmd_error(ctx, "No layouts defined");
		if (strcmp(sub, "next") == 0) {
			nl = cur != NULL ? TAILQ_NEXT(cur, entry) : NULL;
			if (nl == NULL)
				nl = TAILQ_FIRST(&sess->layouts);
		} else {
			nl = cur != NULL ? TAILQ_PREV(cur, named_layouts, entry)
					 : NULL;
			if (nl == NULL)
				nl = TAILQ_LAST(&sess->layouts, named_layouts);
		}
		cmd_layout_load(sess, nl, c);
		return 0;
	}
	return cmd_error(ctx, "layout: unknown subcommand '%s'", sub);
}

/* screen(1): zombie: keep a window whose program exited, showing its exit
   status, until it is killed. roost takes on/off (screen takes the keys
   that kill or restart it). */
int
cmd_zombie_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct options *o = &ctx->session->options;

	if (argc > 0 && cmd_onoff(argv[0], &o->zombie) != 0) {
		/* screen's form names keys: any keys turn it on. */
		o->zombie = 1;
	} else if (argc == 0)
		o->zombie = !o->zombie;
	return 0;
}

/* splitwindow on|off: split puts a new window in the new region and
   focuses it, instead of screen's blank region. */
int
cmd_splitwindow_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return cmd_session_onoff(ctx, "splitwindow", argc, argv,
	    &ctx->session->options.splitwindow, 1);
}
