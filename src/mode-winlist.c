/*
 * mode-winlist.c -- the interactive window list over the focused region
 * (screen(1): windowlist, C-a "): the session's windows in number order,
 * opening on the current one (-m: most recently shown first); up/down or k/j move, Enter (or space)
 * shows the chosen window in the region, a digit jumps to that window,
 * q or Escape leaves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roost.h"
#include "util/xmalloc.h"

struct winlist {
	unsigned selected; /* index in the list shown */
	unsigned top;	   /* first index shown */
	int mru;	   /* -m: most recently shown first */
};

static unsigned
winlist_count(struct client *c)
{
	struct window *w;
	unsigned n = 0;

	if (c->session == NULL)
		return 0;
	TAILQ_FOREACH (w, &c->session->windows, entry)
		n++;
	return n;
}

/* The idx-th window of the list: by number, or (-m) the idx-th most
   recently shown. Windows are few: a linear search each time. */
static struct window *
winlist_at(struct client *c, const struct winlist *wl, unsigned idx)
{
	struct window *w, *best, *prev = NULL;
	unsigned i;

	if (c->session == NULL)
		return NULL;
	if (!wl->mru) {
		TAILQ_FOREACH (w, &c->session->windows, entry) {
			if (idx-- == 0)
				return w;
		}
		return NULL;
	}
	for (i = 0; i <= idx; i++) {
		best = NULL;
		TAILQ_FOREACH (w, &c->session->windows, entry) {
			if (prev != NULL &&
			    (w->shown > prev->shown ||
				(w->shown == prev->shown &&
				    w->number <= prev->number)))
				continue;
			if (best == NULL || w->shown > best->shown ||
			    (w->shown == best->shown &&
				w->number < best->number))
				best = w;
		}
		if (best == NULL)
			return NULL;
		prev = best;
	}
	return prev;
}

static void
winlist_draw(struct client *c, void *data, struct vt_cell *canvas,
    unsigned stride, unsigned rows, unsigned cols)
{
	struct winlist *wl = data;
	struct vt_style plain, sel;
	struct window *w;
	unsigned r, col, n = winlist_count(c), idx;
	char line[512];

	memset(&plain, 0, sizeof plain);
	sel = plain;
	sel.attrs = VT_ATTR_INVERSE;
	if (rows < 2)
		return;
	if (wl->selected >= n && n > 0)
		wl->selected = n - 1;
	if (wl->selected < wl->top)
		wl->top = wl->selected;
	if (wl->selected >= wl->top + rows - 1)
		wl->top = wl->selected - (rows - 2);
	col = 0;
	render_text(canvas, cols, &col, "Num Name", &plain);
	for (r = 1; r < rows; r++) {
		idx = wl->top + r - 1;
		if ((w = winlist_at(c, wl, idx)) == NULL)
			break;
		snprintf(
		    line, sizeof line, "%3u %s", w->number, window_title(w));
		col = 0;
		if (idx == wl->selected) {
			unsigned i;

			for (i = 0; i < cols; i++)
				canvas[(size_t)r * stride + i].style = sel;
		}
		render_text(canvas + (size_t)r * stride, cols, &col, line,
		    idx == wl->selected ? &sel : &plain);
	}
}

static void
winlist_key(struct client *c, void *data, int key)
{
	struct winlist *wl = data;
	struct window *w;
	unsigned n = winlist_count(c);

	c->dirty = 1;
	server_render_soon(c->server);
	switch (key) {
	case KEY_UP:
	case 'k':
	case 0x10:
		if (wl->selected > 0)
			wl->selected--;
		return;
	case KEY_DOWN:
	case 'j':
	case 0x0e:
		if (wl->selected + 1 < n)
			wl->selected++;
		return;
	case KEY_HOME:
	case 'g':
		wl->selected = 0;
		return;
	case KEY_END:
	case 'G':
		wl->selected = n > 0 ? n - 1 : 0;
		return;
	case '\r':
	case '\n':
	case ' ':
		w = winlist_at(c, wl, wl->selected);
		mode_end(c, &mode_winlist);
		if (w != NULL)
			server_client_set_window(c, w);
		return;
	case 'q':
	case 0x1b:
	case 0x07:
		mode_end(c, &mode_winlist);
		return;
	}
	if (key >= '0' && key <= '9' && c->session != NULL &&
	    (w = session_window(c->session, (unsigned)(key - '0'))) != NULL) {
		mode_end(c, &mode_winlist);
		server_client_set_window(c, w);
	}
}

static int
winlist_cursor(struct client *c, void *data, unsigned *row, unsigned *col)
{
	struct winlist *wl = data;

	(void)c;
	*row = wl->selected - wl->top + 1;
	*col = 0;
	return 0;
}

const struct mode_entry mode_winlist = { "windowlist", winlist_draw,
	winlist_key, free, winlist_cursor };

/* Open the window list over c's focused region, on the current window. */
void
mode_winlist_start(struct client *c, int mru)
{
	struct winlist *wl;
	struct window *w;
	unsigned idx;

	if (c->focus == NULL || c->session == NULL)
		return;
	if (c->focus->mode != NULL)
		mode_end(c, c->focus->mode);
	wl = xcalloc(1, sizeof *wl);
	wl->mru = mru;
	for (idx = 0; (w = winlist_at(c, wl, idx)) != NULL; idx++) {
		if (w == c->window)
			wl->selected = idx;
	}
	c->focus->mode = &mode_winlist;
	c->focus->mode_data = wl;
	c->dirty = 1;
	server_render_soon(c->server);
}

/* End mode me wherever it is shown on c (the focused region first, then
   the display overlay). */
void
mode_end(struct client *c, const struct mode_entry *me)
{
	struct layout_cell *lc;

	if (c->overlay == me) {
		if (me->free != NULL)
			me->free(c->overlay_data);
		c->overlay = NULL;
		c->overlay_data = NULL;
	} else if (c->focus != NULL && c->focus->mode == me) {
		lc = c->focus;
		if (me->free != NULL)
			me->free(lc->mode_data);
		lc->mode = NULL;
		lc->mode_data = NULL;
	}
	c->dirty = 1;
	server_render_soon(c->server);
}
