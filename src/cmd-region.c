/*
 * cmd-region.c -- the commands about a display's regions: split, focus,
 * remove, only, resize (screen(1) names and arguments). They need a
 * display: from -X they act on the session's first attached display.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "util/xmalloc.h"

/* After a layout change: sizes follow, everything is drawn again. */
static void
cmd_region_changed(struct client *c)
{
	server_client_size_window(c);
	c->dirty = 1;
	server_render_soon(c->server);
}

int
cmd_split_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct client *c = cmd_display(ctx);
	struct layout_cell *nlc;
	struct layout_geometry g;
	struct window *w;
	char *cause;
	int vertical = 0;

	if (argc > 0) {
		if (strcmp(argv[0], "-v") == 0)
			vertical = 1;
		else if (strcmp(argv[0], "-h") != 0)
			return cmd_error(ctx, "split: usage: split [-v]");
	}
	if (c == NULL)
		return cmd_error(ctx, "split: no display");
	/* screen(1): the new region is blank until a window is chosen;
	   with splitwindow on it gets a new window, and the focus. */
	if ((nlc = layout_split(c->focus, vertical, NULL)) == NULL)
		return cmd_error(ctx, "split: region too small");
	c->layout = layout_root(c->focus);
	if (ctx->session->options.splitwindow) {
		layout_set_size(c->layout, c->layout->w, c->layout->h);
		layout_region_geometry(
		    c->layout, nlc, ctx->session->options.caption, &g);
		w = window_create(ctx->session, -1, NULL, NULL,
		    g.h > 0 ? g.h : 1, g.w > 0 ? g.w : 1, NULL, &cause);
		if (w == NULL) {
			cmd_error(ctx, "split: %s", cause);
			free(cause);
		} else {
			server_client_focus(c, nlc);
			server_client_set_window(c, w);
		}
	}
	cmd_region_changed(c);
	return 0;
}

int
cmd_focus_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct client *c = cmd_display(ctx);
	struct layout_cell *lc = NULL;
	struct layout_geometry g;
	const char *how = argc > 0 ? argv[0] : "next";
	unsigned row = 0, col = 0;
	int dir = -1;

	if (c == NULL)
		return cmd_error(ctx, "focus: no display");
	if (strcmp(how, "next") == 0)
		lc = layout_next(c->layout, c->focus);
	else if (strcmp(how, "prev") == 0)
		lc = layout_prev(c->layout, c->focus);
	else if (strcmp(how, "top") == 0)
		lc = layout_first(c->layout);
	else if (strcmp(how, "bottom") == 0)
		lc = layout_last(c->layout);
	else if (strcmp(how, "up") == 0)
		dir = 0;
	else if (strcmp(how, "down") == 0)
		dir = 1;
	else if (strcmp(how, "left") == 0)
		dir = 2;
	else if (strcmp(how, "right") == 0)
		dir = 3;
	else
		return cmd_error(ctx, "focus: unknown direction '%s'", how);
	if (dir != -1) {
		/* Measure from the cursor, as the eye does. */
		layout_region_geometry(
		    c->layout, c->focus, ctx->session->options.caption, &g);
		if (c->window != NULL)
			vt_cursor(c->window->vt, &row, &col);
		row = g.y + (row < g.h ? row : 0);
		col = g.x + (col < g.w ? col : 0);
		lc = layout_neighbour(c->layout, c->focus, dir, col, row);
		if (lc == NULL)
			return 0;
	}
	server_client_focus(c, lc);
	return 0;
}

int
cmd_remove_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct client *c = cmd_display(ctx);
	struct layout_cell *next;

	(void)argc;
	(void)argv;
	if (c == NULL)
		return cmd_error(ctx, "remove: no display");
	if (c->focus->parent == NULL)
		return cmd_error(ctx, "remove: this is the only region");
	next = layout_remove(&c->layout, c->focus);
	c->focus = NULL;
	c->window = NULL;
	server_client_focus(c, next);
	cmd_region_changed(c);
	return 0;
}

int
cmd_only_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct client *c = cmd_display(ctx);
	struct layout_cell *lc;
	struct window *w;

	(void)argc;
	(void)argv;
	if (c == NULL)
		return cmd_error(ctx, "only: no display");
	w = c->focus->window;
	lc = layout_create_leaf(w);
	if (c->focus->mode != NULL) {
		/* The mode goes with the region it is over. */
		lc->mode = c->focus->mode;
		lc->mode_data = c->focus->mode_data;
		c->focus->mode = NULL;
		c->focus->mode_data = NULL;
	}
	layout_free(c->layout);
	c->layout = lc;
	c->focus = lc;
	c->window = w;
	cmd_region_changed(c);
	return 0;
}

/*
 * screen(1): resize [-h|-v|-b] [[+|-]n | = | max | min]. Without -h/-v
 * the direction is the one the focused region was split in.
 */
int
cmd_resize_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct client *c = cmd_display(ctx);
	struct layout_cell *node;
	const char *how = NULL, *errstr;
	unsigned cur, total, size;
	int vertical = -1, i;
	long n;

	if (c == NULL)
		return cmd_error(ctx, "resize: no display");
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0)
			vertical = 1;
		else if (strcmp(argv[i], "-v") == 0)
			vertical = 0;
		else if (strcmp(argv[i], "-b") == 0 ||
		    strcmp(argv[i], "-l") == 0 || strcmp(argv[i], "-p") == 0)
			;
		else
			how = argv[i];
	}
	if (how == NULL || strcmp(how, "=") == 0) {
		layout_equalise(c->layout);
		cmd_region_changed(c);
		return 0;
	}
	if (vertical == -1) {
		node = c->focus;
		vertical = node->parent != NULL &&
		    node->parent->type == LAYOUT_LEFTRIGHT;
	}
	cur = layout_size_along(c->focus, vertical, &total);
	if (strcmp(how, "max") == 0)
		size = total;
	else if (strcmp(how, "min") == 0)
		size = 2;
	else {
		n = strtonum(
		    how + (how[0] == '+' || how[0] == '-'), 0, 10000, &errstr);
		if (errstr != NULL)
			return cmd_error(ctx, "resize: bad size '%s'", how);
		if (how[0] == '+')
			size = cur + (unsigned)n;
		else if (how[0] == '-')
			size = cur > (unsigned)n ? cur - (unsigned)n : 1;
		else
			size = (unsigned)n;
	}
	if (layout_resize(c->focus, vertical, size) != 0)
		return cmd_error(ctx,
		    "resize: the region was not split that "
		    "way");
	cmd_region_changed(c);
	return 0;
}
