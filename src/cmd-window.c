/*
 * cmd-window.c -- the commands about windows: screen, select, next, prev,
 * other, kill, title, number, stuff, windows, windowlist, info, monitor,
 * silence, silencewait, fit (screen(1) names, arguments and defaults).
 * Interactive forms (C-a ', C-a A, C-a k) prompt on the status line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "copy.h"
#include "util/xmalloc.h"

/*
 * screen(1): screen [-t title] [-h lines] [-T term] [-M] [-L] [-l|-ln]
 * [n] [cmd [args]]. n taken: the next free number.
 */
int
cmd_screen_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct window_spec spec = { -1, NULL, -1, -1 };
	struct window *w;
	const char *title = NULL, *errstr, *arg;
	char *cause;
	int number = -1, i = 0, log = 0;
	unsigned rows = 24, cols = 80;

	while (i < argc && argv[i][0] == '-' && argv[i][1] != '\0') {
		arg = argv[i];
		if (strcmp(arg, "--") == 0) {
			i++;
			break;
		}
		if (strcmp(arg, "-M") == 0)
			spec.monitor = 1;
		else if (strcmp(arg, "-L") == 0)
			log = 1;
		else if (strcmp(arg, "-l") == 0)
			spec.login = 1;
		else if (strcmp(arg, "-ln") == 0)
			spec.login = 0;
		else if (strchr("thT", arg[1]) != NULL) {
			const char *val = arg[2] != '\0' ? arg + 2 : NULL;

			if (val == NULL) {
				if (i + 1 >= argc)
					return cmd_error(ctx,
					    "screen: %s needs an argument",
					    arg);
				val = argv[++i];
			}
			if (arg[1] == 't')
				title = val;
			else if (arg[1] == 'T')
				spec.term = val;
			else {
				spec.history =
				    (int)strtonum(val, 0, 1000000, &errstr);
				if (errstr != NULL)
					return cmd_error(ctx,
					    "screen: bad history size %s", val);
			}
		} else
			return cmd_error(ctx, "screen: unknown option %s", arg);
		i++;
	}
	if (i < argc && argv[i][0] != '\0' &&
	    argv[i][strspn(argv[i], "0123456789")] == '\0') {
		number = (int)strtonum(argv[i], 0, 9999, &errstr);
		if (errstr != NULL)
			return cmd_error(
			    ctx, "screen: bad window number %s", argv[i]);
		i++;
		/* screen(1): a number in use means the next free one. */
		while (session_window(ctx->session, (unsigned)number) != NULL)
			number++;
	}
	if (ctx->window != NULL) {
		rows = ctx->window->rows;
		cols = ctx->window->cols;
	}
	w = window_create(ctx->session, number, title,
	    i < argc ? argv + i : NULL, rows, cols, &spec, &cause);
	if (w == NULL) {
		cmd_error(ctx, "%s", cause);
		free(cause);
		return -1;
	}
	if (log && log_window_set(w, 1, &cause) != 0) {
		cmd_message(ctx, "screen -L: %s", cause);
		free(cause);
	}
	cmd_show(ctx, w);
	return 0;
}

static void
cmd_select_prompt_done(struct client *c, const char *text, void *arg)
{
	char *argv[2] = { (char *)"select", (char *)text };
	char *result = NULL;

	(void)arg;
	if (*text == '\0' || c->session == NULL)
		return;
	if (cmd_execute(c, c->session, c->window, 2, argv, &result) != 0 &&
	    result != NULL)
		server_client_message(c, "%s", result);
	free(result);
}

int
cmd_select_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct window *w;

	if (argc == 0) {
		if (ctx->interactive && ctx->client != NULL) {
			prompt_start(ctx->client, "Switch to window:", NULL,
			    cmd_select_prompt_done, NULL);
			return 0;
		}
		if (ctx->window == NULL)
			return cmd_error(ctx, "no window");
		cmd_result(ctx, "%u", ctx->window->number);
		return 0;
	}
	if (strcmp(argv[0], "-") == 0) {
		/* screen(1): select - shows a blank region. */
		if (ctx->client == NULL)
			return cmd_error(ctx, "select -: no display");
		server_client_set_window(ctx->client, NULL);
		return 0;
	}
	if ((w = cmd_find_window(ctx->session, argv[0])) == NULL)
		return cmd_error(
		    ctx, "This window does not exist: %s", argv[0]);
	if (w == ctx->window && ctx->client != NULL) {
		cmd_message(
		    ctx, "This IS window %u (%s).", w->number, window_title(w));
		return 0;
	}
	cmd_show(ctx, w);
	return 0;
}

int
cmd_next_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cmd_show(ctx, session_next_window(ctx->session, ctx->window));
	return 0;
}

int
cmd_prev_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cmd_show(ctx, session_prev_window(ctx->session, ctx->window));
	return 0;
}

int
cmd_other_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct window *next;

	(void)argc;
	(void)argv;
	if (ctx->client != NULL && ctx->client->last != NULL &&
	    ctx->client->last != ctx->window) {
		cmd_show(ctx, ctx->client->last);
		return 0;
	}
	/* screen(1): with the other window gone, as next. */
	next = session_next_window(ctx->session, ctx->window);
	if (next == NULL || next == ctx->window) {
		cmd_message(ctx, "No other window.");
		return 0;
	}
	cmd_show(ctx, next);
	return 0;
}

/* Kill window w; ends the session with its last window. */
static void
cmd_kill_window(struct session *sess, struct window *w)
{
	struct server *s = sess->server;

	window_destroy(w);
	if (TAILQ_EMPTY(&sess->windows))
		session_destroy(sess);
	server_check_exit(s);
}

static void
cmd_kill_confirmed(struct client *c, const char *text, void *arg)
{
	unsigned number = (unsigned)(uintptr_t)arg;
	struct window *w;

	(void)text;
	if (c->session == NULL ||
	    (w = session_window(c->session, number)) == NULL)
		return;
	cmd_kill_window(c->session, w);
}

int
cmd_kill_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	char question[512];

	(void)argc;
	(void)argv;
	if (ctx->window == NULL)
		return cmd_error(ctx, "no window");
	if (ctx->from_key && ctx->client != NULL) {
		/* screen(1): C-a k asks first (a typed `kill` does not). */
		snprintf(question, sizeof question,
		    "Really kill this window %u (%s) [y/n]",
		    ctx->window->number, window_title(ctx->window));
		prompt_confirm(ctx->client, question, cmd_kill_confirmed,
		    (void *)(uintptr_t)ctx->window->number);
		return 0;
	}
	cmd_kill_window(ctx->session, ctx->window);
	ctx->window = NULL;
	ctx->session = NULL;
	ctx->client = NULL;
	return 0;
}

static void
cmd_title_prompt_done(struct client *c, const char *text, void *arg)
{
	char *argv[2] = { (char *)"title", (char *)text };
	char *result = NULL;

	(void)arg;
	if (c->session == NULL)
		return;
	cmd_execute(c, c->session, c->window, 2, argv, &result);
	free(result);
}

int
cmd_title_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (ctx->window == NULL)
		return cmd_error(ctx, "no window");
	if (argc == 0) {
		if (ctx->interactive && ctx->client != NULL) {
			/* screen(1): C-a A, pre-filled with the title. */
			prompt_start(ctx->client,
			    "Set window's title to:", window_title(ctx->window),
			    cmd_title_prompt_done, NULL);
			return 0;
		}
		cmd_result(ctx, "%s", window_title(ctx->window));
		return 0;
	}
	free(ctx->window->title);
	ctx->window->title = xstrdup(argv[0]);
	ctx->window->title_manual = 1;
	cmd_redraw_session(ctx->session);
	return 0;
}

int
cmd_number_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct session *sess = ctx->session;
	struct window *w = ctx->window, *other, *at;
	const char *errstr;
	long n;
	int relative = 0;

	if (w == NULL)
		return cmd_error(ctx, "no window");
	if (argc == 0) {
		cmd_message(
		    ctx, "This is window %u (%s).", w->number, window_title(w));
		return 0;
	}
	if (argv[0][0] == '+' || argv[0][0] == '-')
		relative = argv[0][0] == '+' ? 1 : -1;
	n = strtonum(argv[0] + (relative != 0), 0, 9999, &errstr);
	if (errstr != NULL)
		return cmd_error(ctx, "number: bad number %s", argv[0]);
	if (relative != 0)
		n = (long)w->number + relative * n;
	if (n < 0 || n > 9999)
		return cmd_error(ctx, "number: out of range");
	/* screen(1): a window already there swaps numbers with this one. */
	other = session_window(sess, (unsigned)n);
	if (other == w)
		return 0;
	TAILQ_REMOVE(&sess->windows, w, entry);
	if (other != NULL) {
		TAILQ_REMOVE(&sess->windows, other, entry);
		other->number = w->number;
		TAILQ_FOREACH (at, &sess->windows, entry) {
			if (at->number > other->number)
				break;
		}
		if (at != NULL)
			TAILQ_INSERT_BEFORE(at, other, entry);
		else
			TAILQ_INSERT_TAIL(&sess->windows, other, entry);
	}
	w->number = (unsigned)n;
	TAILQ_FOREACH (at, &sess->windows, entry) {
		if (at->number > w->number)
			break;
	}
	if (at != NULL)
		TAILQ_INSERT_BEFORE(at, w, entry);
	else
		TAILQ_INSERT_TAIL(&sess->windows, w, entry);
	cmd_redraw_session(sess);
	return 0;
}

int
cmd_stuff_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	int i;

	if (ctx->window == NULL)
		return cmd_error(ctx, "no window");
	/* The words were unescaped already (rc tokenizer or -X). */
	for (i = 0; i < argc; i++)
		window_write(ctx->window, argv[i], strlen(argv[i]));
	return 0;
}

int
cmd_windows_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct window *w;
	struct client *c = ctx->client;
	char *text = xstrdup(""), *next;
	const char *flags;

	(void)argc;
	(void)argv;
	/* screen(1): windows, "0-$ bash  1*$ vim" with * current, - last. */
	TAILQ_FOREACH (w, &ctx->session->windows, entry) {
		if (w == ctx->window)
			flags = "*";
		else if (c != NULL && w == c->last)
			flags = "-";
		else
			flags = "";
		xasprintf(&next, "%s%s%u%s%s%s %s", text,
		    *text != '\0' ? "  " : "", w->number, flags,
		    w->bell ? "!" : "", w->monitor ? "@" : "", w->title);
		free(text);
		text = next;
	}
	cmd_message(ctx, "%s", text);
	free(text);
	return 0;
}

int
cmd_windowlist_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	int i, mru = 0;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-m") == 0)
			mru = 1;
		else if (strcmp(argv[i], "-b") != 0 &&
		    strcmp(argv[i], "-g") != 0)
			return cmd_error(ctx,
			    "windowlist: usage: windowlist "
			    "[-b] [-m] [-g]");
	}
	if (ctx->client == NULL)
		return cmd_error(ctx, "windowlist: needs a display");
	mode_winlist_start(ctx->client, mru);
	return 0;
}

int
cmd_info_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct window *w = ctx->window;
	unsigned row, col;

	(void)argc;
	(void)argv;
	if (w == NULL)
		return cmd_error(ctx, "no window");
	vt_cursor(w->vt, &row, &col);
	cmd_message(ctx, "(%u,%u)/(%u,%u)+%u %s %u (%s)", col + 1, row + 1,
	    w->cols, w->rows, vt_history_size(w->vt),
	    w->monitor ? "+monitor" : "-monitor", w->number, window_title(w));
	return 0;
}

int
cmd_monitor_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct window *w = ctx->window;
	int on;

	if (w == NULL)
		return cmd_error(ctx, "no window");
	if (argc == 0)
		on = !w->monitor;
	else if (cmd_onoff(argv[0], &on) != 0)
		return cmd_error(ctx, "monitor: on or off");
	w->monitor = on;
	w->activity = 0;
	cmd_message(ctx,
	    on ? "Window %u (%s) is now being monitored for all "
		 "activity."
	       : "Window %u (%s) is no longer being monitored "
		 "for activity.",
	    w->number, window_title(w));
	return 0;
}

int
cmd_silence_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct window *w = ctx->window;
	unsigned seconds = ctx->session->options.silencewait;
	const char *errstr;
	int on;

	if (w == NULL)
		return cmd_error(ctx, "no window");
	if (argc == 0)
		on = w->silence == 0;
	else if (cmd_onoff(argv[0], &on) != 0) {
		seconds = (unsigned)strtonum(argv[0], 1, 86400, &errstr);
		if (errstr != NULL)
			return cmd_error(ctx, "silence: on, off or seconds");
		on = 1;
	}
	window_set_silence(w, on ? seconds : 0);
	if (on)
		cmd_message(ctx,
		    "The window is now being monitored for %u "
		    "sec. silence.",
		    seconds);
	else
		cmd_message(ctx,
		    "The window is no longer being monitored "
		    "for silence.");
	return 0;
}

int
cmd_silencewait_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	return cmd_number(ctx, "silencewait", argv[0], 1, 86400,
	    &ctx->session->options.silencewait);
}

int
cmd_fit_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (ctx->client == NULL)
		return cmd_error(ctx, "fit: needs a display");
	server_client_size_window(ctx->client);
	return 0;
}
