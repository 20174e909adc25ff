/*
 * mode-help.c -- the help screen over the whole display (screen(1):
 * help, C-a ?): the command character and every current key binding with
 * the command it runs, page by page. Space shows the next page; any
 * other key (or the last page's space) leaves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roost.h"
#include "util/xmalloc.h"

struct help {
	unsigned page;
	unsigned pages; /* computed when drawn */
};

static void
help_draw(struct client *c, void *data, struct vt_cell *canvas, unsigned stride,
    unsigned rows, unsigned cols)
{
	struct help *h = data;
	struct keytable *s;
	struct binding *b;
	struct vt_style plain, bold;
	char line[1024], key[32], *p;
	unsigned r, col, per_page, n = 0, idx = 0, colw, ncol, pos;
	int i;

	memset(&plain, 0, sizeof plain);
	bold = plain;
	bold.attrs = VT_ATTR_BOLD;
	if (rows == 0 || c->session == NULL)
		return;
	if (rows < 5) {
		/* No row left for a binding: only how to leave. */
		col = 0;
		render_text(canvas + (size_t)(rows - 1) * stride, cols, &col,
		    "[Press Space or Return to end.]", &bold);
		return;
	}
	s = &c->session->keys;
	keys_name(s->escape_key, key, sizeof key);
	snprintf(line, sizeof line, "Command key:  %s   Literal %s:  %c", key,
	    key, s->escape_literal);
	col = 0;
	render_text(canvas, cols, &col, "roost key bindings, page ", &bold);
	TAILQ_FOREACH (b, &s->bindings, entry) {
		if (b->class == NULL)
			n++;
	}
	colw = 38;
	ncol = cols / colw > 0 ? cols / colw : 1;
	per_page = (rows - 4) * ncol;
	if (per_page == 0)
		per_page = 1;
	h->pages = (n + per_page - 1) / per_page;
	if (h->pages == 0)
		h->pages = 1;
	if (h->page >= h->pages)
		h->page = h->pages - 1;
	snprintf(key, sizeof key, "%u of %u", h->page + 1, h->pages);
	render_text(canvas, cols, &col, key, &bold);
	col = 0;
	render_text(canvas + 2 * (size_t)stride, cols, &col, line, &plain);
	TAILQ_FOREACH (b, &s->bindings, entry) {
		if (b->class != NULL)
			continue;
		if (idx / per_page == h->page) {
			pos = idx % per_page;
			r = 3 + pos % (rows - 4);
			col = (pos / (rows - 4)) * colw;
			keys_name(b->key, key, sizeof key);
			snprintf(line, sizeof line, "%-7s", key);
			p = line + strlen(line);
			for (i = 0; i < b->argc; i++) {
				snprintf(p, sizeof line - (size_t)(p - line),
				    "%s%s", i > 0 ? " " : "", b->argv[i]);
				p += strlen(p);
			}
			render_text(canvas + (size_t)r * stride,
			    col + colw - 1 < cols ? col + colw - 1 : cols, &col,
			    line, &plain);
		}
		idx++;
	}
	col = 0;
	render_text(canvas + (size_t)(rows - 1) * stride, cols, &col,
	    h->page + 1 < h->pages ? "[Press Space for next page; Return to "
				     "end.]"
				   : "[Press Space or Return to end.]",
	    &bold);
}

static void
help_key(struct client *c, void *data, int key)
{
	struct help *h = data;

	if (key == ' ' && h->page + 1 < h->pages) {
		h->page++;
		c->dirty = 1;
		server_render_soon(c->server);
		return;
	}
	mode_end(c, &mode_help);
}

static int
help_cursor(struct client *c, void *data, unsigned *row, unsigned *col)
{
	(void)c;
	(void)data;
	(void)row;
	(void)col;
	return -1;
}

const struct mode_entry mode_help = { "help", help_draw, help_key, free,
	help_cursor };

/* Show the help screen over the whole of c's display. */
void
mode_help_start(struct client *c)
{
	if (c->overlay != NULL)
		mode_end(c, c->overlay);
	c->overlay = &mode_help;
	c->overlay_data = xcalloc(1, sizeof(struct help));
	c->dirty = 1;
	server_render_soon(c->server);
}
