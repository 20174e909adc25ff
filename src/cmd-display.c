/*
 * cmd-display.c -- the commands about displays and the session as a
 * whole: detach, quit, caption, hardstatus, msgwait, vbell, help, colon,
 * redisplay, echo, version, lastmsg (screen(1) names and arguments).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "util/xmalloc.h"

int
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
	TAILQ_FOREACH_SAFE (c, &ctx->session->server->clients, entry, c1) {
		if (c->session == ctx->session && c->state == CLIENT_ATTACHED)
			server_client_detach(
			    c, "[remote detached from %s]", name);
	}
	return 0;
}

static void
cmd_quit_confirmed(struct client *c, const char *text, void *arg)
{
	(void)text;
	(void)arg;
	if (c->session != NULL) {
		struct server *s = c->server;

		session_destroy(c->session);
		server_check_exit(s);
	}
}

int
cmd_quit_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (ctx->from_key && ctx->client != NULL) {
		prompt_confirm(ctx->client,
		    "Really quit and kill all your windows [y/n]",
		    cmd_quit_confirmed, NULL);
		return 0;
	}
	session_destroy(ctx->session);
	ctx->session = NULL;
	ctx->window = NULL;
	ctx->client = NULL;
	return 0;
}

/* screen(1): caption always|splitonly|never [string], caption string. */
int
cmd_caption_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct options *o = &ctx->session->options;

	if (strcmp(argv[0], "always") == 0)
		o->caption = 2;
	else if (strcmp(argv[0], "splitonly") == 0)
		o->caption = 1;
	else if (strcmp(argv[0], "never") == 0)
		o->caption = 0;
	else if (strcmp(argv[0], "string") != 0)
		return cmd_error(ctx,
		    "caption: always, splitonly, never or "
		    "string");
	if (strcmp(argv[0], "string") == 0 && argc < 2)
		return cmd_error(ctx, "caption string: a string is needed");
	if (argc > 1) {
		free(o->caption_fmt);
		o->caption_fmt = xstrdup(argv[1]);
	}
	cmd_redraw_session(ctx->session);
	return 0;
}

/*
 * screen(1): hardstatus [on|off], hardstatus [always]lastline|
 * [always]ignore|[always]message [string], hardstatus string [string].
 * roost shows the hardstatus on the last line unless it is off or ignore.
 */
int
cmd_hardstatus_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct options *o = &ctx->session->options;
	const char *what;
	int on;

	if (argc == 0) {
		cmd_result(ctx, "%s", o->hardstatus ? "alwayslastline" : "off");
		return 0;
	}
	what = argv[0];
	if (strncmp(what, "always", 6) == 0)
		what += 6;
	if (cmd_onoff(argv[0], &on) == 0)
		o->hardstatus = on;
	else if (strcmp(what, "lastline") == 0)
		o->hardstatus = 1;
	else if (strcmp(what, "ignore") == 0 || strcmp(what, "message") == 0)
		o->hardstatus = 0;
	else if (strcmp(argv[0], "string") == 0) {
		if (argc < 2)
			return cmd_error(ctx,
			    "hardstatus string: a string is "
			    "needed");
	} else
		return cmd_error(ctx,
		    "hardstatus: on, off, alwayslastline, "
		    "ignore or string");
	if (argc > 1) {
		free(o->hardstatus_fmt);
		o->hardstatus_fmt = xstrdup(argv[1]);
	}
	cmd_redraw_session(ctx->session);
	return 0;
}

int
cmd_msgwait_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	return cmd_number(
	    ctx, "msgwait", argv[0], 0, 3600, &ctx->session->options.msgwait);
}

int
cmd_vbell_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct options *o = &ctx->session->options;
	int on;

	if (argc == 0)
		on = !o->vbell;
	else if (cmd_onoff(argv[0], &on) != 0)
		return cmd_error(ctx, "vbell: on or off");
	o->vbell = on;
	cmd_message(
	    ctx, on ? "switched to visual bell" : "switched to audible bell");
	return 0;
}

int
cmd_help_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (ctx->client == NULL)
		return cmd_error(ctx, "help: needs a display");
	mode_help_start(ctx->client);
	return 0;
}

static void
cmd_colon_done(struct client *c, const char *text, void *arg)
{
	(void)arg;
	cmd_run_line(c, text);
}

int
cmd_colon_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (ctx->client == NULL)
		return cmd_error(ctx, "colon: needs a display");
	prompt_start(
	    ctx->client, ":", argc > 0 ? argv[0] : NULL, cmd_colon_done, NULL);
	return 0;
}

int
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

int
cmd_echo_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	char *text = xstrdup(""), *next;
	int i;

	for (i = 0; i < argc; i++) {
		xasprintf(&next, "%s%s%s", text, i > 0 ? " " : "", argv[i]);
		free(text);
		text = next;
	}
	cmd_message(ctx, "%s", text);
	free(text);
	return 0;
}

int
cmd_version_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cmd_message(ctx, "roost %s", ROOST_VERSION);
	return 0;
}

int
cmd_lastmsg_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	const char *msg = ctx->client != NULL && ctx->client->lastmsg != NULL
	    ? ctx->client->lastmsg
	    : ctx->session->lastmsg;
	char *copy;

	if (msg == NULL) {
		cmd_result(ctx, "%s", "");
		return 0;
	}
	copy = xstrdup(msg);
	cmd_message(ctx, "%s", copy);
	free(copy);
	return 0;
}
