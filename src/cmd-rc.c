/*
 * cmd-rc.c -- reading rc files into a session (DESIGN.md decision 8): the
 * system-wide file first ($ROOST_SYSTEMRC, empty for none, else
 * SYSCONFDIR/roostrc), then the user's (-c FILE, else $ROOSTRC, else
 * ~/.roostrc), every line through the one command table. A bad line is
 * reported as "file:line: message" and the rest loads (decision 9); a
 * screen command roost does not have is reported once as "not
 * supported". Commands in an rc file run for the session's template
 * display, whose regions the first display to attach inherits.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd-parse.h"
#include "cmd.h"
#include "util/xmalloc.h"

/* What one rc load collects. */
struct cmd_rc {
	struct client *display; /* the template display */
	struct session *session;
	char *errors; /* "file:line: message" lines, \n-joined */
	unsigned nerrors;
	char **unsupported; /* names already reported */
	unsigned nunsupported;
	int depth;
};

static void
cmd_rc_error(void *arg, const char *message)
{
	struct cmd_rc *rc = arg;
	char *joined;

	rc->nerrors++;
	if (rc->errors == NULL)
		rc->errors = xstrdup(message);
	else if (strlen(rc->errors) < 16384) {
		xasprintf(&joined, "%s\n%s", rc->errors, message);
		free(rc->errors);
		rc->errors = joined;
	}
}

/* Look a variable up in the session's environment (setenv changes it). */
static const char *
cmd_rc_getvar(void *arg, const char *name)
{
	struct cmd_rc *rc = arg;
	size_t len = strlen(name), i;
	char **env = rc->session->env;

	for (i = 0; env[i] != NULL; i++) {
		if (strncmp(env[i], name, len) == 0 && env[i][len] == '=')
			return env[i] + len + 1;
	}
	return NULL;
}

static int
cmd_rc_line(void *arg, const char *file, unsigned lineno, int argc, char **argv)
{
	struct cmd_rc *rc = arg;
	struct cmd_ctx ctx;
	char *msg;
	unsigned i;

	if (rc->session == NULL || rc->session->dying)
		return -1;
	if (!cmd_exists(argv[0])) {
		if (cmd_parse_is_screen_command(argv[0])) {
			for (i = 0; i < rc->nunsupported; i++) {
				if (strcmp(rc->unsupported[i], argv[0]) == 0)
					return 0;
			}
			rc->unsupported = xreallocarray(rc->unsupported,
			    rc->nunsupported + 1, sizeof *rc->unsupported);
			rc->unsupported[rc->nunsupported++] = xstrdup(argv[0]);
			xasprintf(&msg, "%s:%u: '%s' is not supported", file,
			    lineno, argv[0]);
		} else
			xasprintf(&msg, "%s:%u: unknown command '%s'", file,
			    lineno, argv[0]);
		cmd_rc_error(rc, msg);
		free(msg);
		return 0;
	}
	memset(&ctx, 0, sizeof ctx);
	ctx.client = rc->display;
	ctx.session = rc->session;
	ctx.window = rc->display != NULL && rc->display->window != NULL
	    ? rc->display->window
	    : rc->session->curw;
	ctx.rc = rc;
	if (cmd_run(&ctx, argc, argv) != 0) {
		xasprintf(&msg, "%s:%u: %s", file, lineno,
		    ctx.result != NULL ? ctx.result : "failed");
		cmd_rc_error(rc, msg);
		free(msg);
	}
	free(ctx.result);
	if (ctx.session == NULL)
		rc->session = NULL;
	return 0;
}

/*
 * Read one rc file for rc's session. missing_ok: a file that does not
 * exist is no error (the default ~/.roostrc). Returns 0 or -1 (the error
 * is recorded).
 */
static int
cmd_rc_file(struct cmd_rc *rc, const char *path, int missing_ok)
{
	char *cause = NULL;
	int r;

	if (rc->depth >= CMD_PARSE_SOURCE_DEPTH) {
		char *msg;

		xasprintf(&msg, "%s: source nested too deeply", path);
		cmd_rc_error(rc, msg);
		free(msg);
		return -1;
	}
	rc->depth++;
	r = cmd_parse_file(
	    path, cmd_rc_getvar, cmd_rc_line, cmd_rc_error, rc, &cause);
	rc->depth--;
	if (r != 0) {
		if (!(missing_ok && errno == ENOENT))
			cmd_rc_error(rc, cause);
		free(cause);
		return missing_ok && errno == ENOENT ? 0 : -1;
	}
	return 0;
}

/* screen(1): source file. Relative paths are taken from the session's
   directory. */
int
cmd_source_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct cmd_rc local, *rc = ctx->rc;
	char *path;
	int r;

	(void)argc;
	if (argv[0][0] == '/')
		path = xstrdup(argv[0]);
	else
		xasprintf(&path, "%s/%s", ctx->session->cwd, argv[0]);
	if (rc == NULL) {
		memset(&local, 0, sizeof local);
		local.display = ctx->client;
		local.session = ctx->session;
		rc = &local;
	}
	r = cmd_rc_file(rc, path, 0);
	free(path);
	if (rc == &local) {
		unsigned i;

		if (local.errors != NULL)
			cmd_error(ctx, "%s", local.errors);
		free(local.errors);
		for (i = 0; i < local.nunsupported; i++)
			free(local.unsupported[i]);
		free(local.unsupported);
		return local.nerrors > 0 ? -1 : 0;
	}
	return r;
}

static const char *
cmd_rc_env(char *const *env, const char *name)
{
	size_t len = strlen(name);

	for (; env != NULL && *env != NULL; env++) {
		if (strncmp(*env, name, len) == 0 && (*env)[len] == '=')
			return *env + len + 1;
	}
	return NULL;
}

/*
 * Load the rc files for a new session through its template display
 * (which must have a layout). env and cwd are the creating client's;
 * rcfile is -c FILE or NULL. Returns the errors, "\n"-separated and
 * allocated, or NULL.
 */
char *
cmd_rc_load(struct client *display, struct session *sess, char *const *env,
    const char *cwd, const char *rcfile)
{
	struct cmd_rc rc;
	const char *sys, *user, *home;
	char *path = NULL;
	unsigned i;

	memset(&rc, 0, sizeof rc);
	rc.display = display;
	rc.session = sess;

	sys = cmd_rc_env(env, "ROOST_SYSTEMRC");
	if (sys == NULL)
		cmd_rc_file(&rc, SYSCONFDIR "/roostrc", 1);
	else if (*sys != '\0')
		cmd_rc_file(&rc, sys, 0);

	if (rc.session != NULL) {
		if (rcfile != NULL)
			user = rcfile;
		else
			user = cmd_rc_env(env, "ROOSTRC");
		if (user != NULL && *user != '\0') {
			if (user[0] != '/' && cwd != NULL)
				xasprintf(&path, "%s/%s", cwd, user);
			else
				path = xstrdup(user);
			cmd_rc_file(&rc, path, 0);
		} else if ((home = cmd_rc_env(env, "HOME")) != NULL) {
			xasprintf(&path, "%s/.roostrc", home);
			cmd_rc_file(&rc, path, 1);
		}
	}
	free(path);
	for (i = 0; i < rc.nunsupported; i++)
		free(rc.unsupported[i]);
	free(rc.unsupported);
	return rc.errors;
}
