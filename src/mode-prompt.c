/*
 * mode-prompt.c -- the prompt on a display's status line: C-a : (a
 * command line, with history on up/down and command-name completion on
 * tab), C-a ' (a window), C-a A (a title, pre-filled), and the one-key
 * y/n confirmations. Line editing as in screen's input line: left/right,
 * C-a/home, C-e/end, backspace, C-d/delete, C-u, C-k, C-w; Enter accepts,
 * Escape or C-g cancels.
 */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "roost.h"
#include "util/xmalloc.h"

static void
prompt_set(struct prompt *p, const char *text)
{
	p->len = strlen(text);
	if (p->size < p->len + 8) {
		p->size = p->len + 64;
		p->buf = xreallocarray(p->buf, 1, p->size);
	}
	memcpy(p->buf, text, p->len + 1);
	p->cursor = p->len;
}

/*
 * Open a prompt on client c's status line labelled label, holding
 * initial (may be NULL). done(c, text, arg) runs on Enter.
 */
void
prompt_start(struct client *c, const char *label, const char *initial,
    void (*done)(struct client *, const char *, void *), void *arg)
{
	struct prompt *p;

	prompt_free(c);
	p = xcalloc(1, sizeof *p);
	p->label = xstrdup(label);
	prompt_set(p, initial != NULL ? initial : "");
	p->done = done;
	p->arg = arg;
	p->history = -1;
	p->complete = strcmp(label, ":") == 0;
	c->prompt = p;
	c->dirty = 1;
	server_render_soon(c->server);
}

/* A question answered by one key: done() runs only for 'y'. */
void
prompt_confirm(struct client *c, const char *question,
    void (*done)(struct client *, const char *, void *), void *arg)
{
	prompt_start(c, question, NULL, done, arg);
	c->prompt->single = 1;
}

/* Close c's prompt, if any, without running its done(). */
void
prompt_free(struct client *c)
{
	struct prompt *p = c->prompt;

	if (p == NULL)
		return;
	free(p->label);
	free(p->buf);
	free(p);
	c->prompt = NULL;
	c->dirty = 1;
}

/* Length of the UTF-8 character ending before byte offset at. */
static size_t
prompt_char_before(const struct prompt *p, size_t at)
{
	size_t i = at;

	if (i == 0)
		return 0;
	i--;
	while (i > 0 && (p->buf[i] & 0xc0) == 0x80)
		i--;
	return at - i;
}

static size_t
prompt_char_at(const struct prompt *p, size_t at)
{
	size_t i = at;

	if (i >= p->len)
		return 0;
	i++;
	while (i < p->len && (p->buf[i] & 0xc0) == 0x80)
		i++;
	return i - at;
}

static void
prompt_delete(struct prompt *p, size_t at, size_t n)
{
	memmove(p->buf + at, p->buf + at + n, p->len - at - n + 1);
	p->len -= n;
	if (p->cursor > at)
		p->cursor = p->cursor >= at + n ? p->cursor - n : at;
}

static void
prompt_insert(struct prompt *p, int key)
{
	char enc[8];
	size_t n = 0;
	uint32_t cp = (uint32_t)key;

	if (cp < 0x80)
		enc[n++] = (char)cp;
	else if (cp < 0x800) {
		enc[n++] = (char)(0xc0 | (cp >> 6));
		enc[n++] = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		enc[n++] = (char)(0xe0 | (cp >> 12));
		enc[n++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		enc[n++] = (char)(0x80 | (cp & 0x3f));
	} else {
		enc[n++] = (char)(0xf0 | (cp >> 18));
		enc[n++] = (char)(0x80 | ((cp >> 12) & 0x3f));
		enc[n++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		enc[n++] = (char)(0x80 | (cp & 0x3f));
	}
	/* Bounded on purpose: a prompt line is for commands, not files. */
	if (p->len + n > 4096)
		return;
	if (p->size < p->len + n + 1) {
		p->size = p->len + n + 64;
		p->buf = xreallocarray(p->buf, 1, p->size);
	}
	memmove(
	    p->buf + p->cursor + n, p->buf + p->cursor, p->len - p->cursor + 1);
	memcpy(p->buf + p->cursor, enc, n);
	p->len += n;
	p->cursor += n;
}

static void
prompt_history_add(struct server *s, const char *line)
{
	unsigned i;

	if (*line == '\0')
		return;
	if (s->nhistory > 0 && strcmp(s->history[s->nhistory - 1], line) == 0)
		return;
	if (s->nhistory == PROMPT_HISTORY) {
		free(s->history[0]);
		for (i = 1; i < PROMPT_HISTORY; i++)
			s->history[i - 1] = s->history[i];
		s->nhistory--;
	}
	s->history[s->nhistory++] = xstrdup(line);
}

static void
prompt_complete(struct prompt *p)
{
	const char *match, *first;
	size_t n;
	int i;

	/* Complete the first word only: the command name. */
	if (memchr(p->buf, ' ', p->cursor) != NULL)
		return;
	first = cmd_complete(p->buf, 0);
	if (first == NULL)
		return;
	n = strlen(first);
	/* The longest prefix all matches share. */
	for (i = 1; (match = cmd_complete(p->buf, i)) != NULL; i++) {
		size_t j = 0;

		while (j < n && first[j] == match[j])
			j++;
		n = j;
	}
	if (n > p->len || (i == 1 && n == strlen(first))) {
		char *text = xmalloc(n + 2);

		memcpy(text, first, n);
		text[n] = '\0';
		if (i == 1)
			strlcat(text, " ", n + 2);
		prompt_set(p, text);
		free(text);
	}
}

/* A key typed while the prompt is open. */
void
prompt_key(struct client *c, int key)
{
	struct prompt *p = c->prompt;
	struct server *s = c->server;
	void (*done)(struct client *, const char *, void *);
	void *arg;
	char *text;
	size_t n;

	if (p == NULL)
		return;
	c->dirty = 1;
	server_render_soon(s);
	if (p->single) {
		done = p->done;
		arg = p->arg;
		prompt_free(c);
		if (key == 'y' || key == 'Y')
			done(c, "y", arg);
		return;
	}
	switch (key) {
	case '\r':
	case '\n':
		done = p->done;
		arg = p->arg;
		text = xstrdup(p->buf);
		if (p->complete)
			prompt_history_add(s, text);
		prompt_free(c);
		done(c, text, arg);
		free(text);
		return;
	case 0x1b:
	case 0x07: /* C-g */
		prompt_free(c);
		return;
	case 0x7f:
	case 0x08:
		if ((n = prompt_char_before(p, p->cursor)) > 0)
			prompt_delete(p, p->cursor - n, n);
		else if (p->len == 0)
			prompt_free(c);
		return;
	case 0x04:
	case KEY_DELETE:
		if ((n = prompt_char_at(p, p->cursor)) > 0)
			prompt_delete(p, p->cursor, n);
		return;
	case 0x01:
	case KEY_HOME:
		p->cursor = 0;
		return;
	case 0x05:
	case KEY_END:
		p->cursor = p->len;
		return;
	case 0x02:
	case KEY_LEFT:
		p->cursor -= prompt_char_before(p, p->cursor);
		return;
	case 0x06:
	case KEY_RIGHT:
		p->cursor += prompt_char_at(p, p->cursor);
		return;
	case 0x15: /* C-u */
		prompt_delete(p, 0, p->cursor);
		return;
	case 0x0b: /* C-k */
		p->buf[p->cursor] = '\0';
		p->len = p->cursor;
		return;
	case 0x17: /* C-w: the word before the cursor */
		n = p->cursor;
		while (n > 0 && p->buf[n - 1] == ' ')
			n--;
		while (n > 0 && p->buf[n - 1] != ' ')
			n--;
		prompt_delete(p, n, p->cursor - n);
		return;
	case 0x09:
		if (p->complete)
			prompt_complete(p);
		return;
	case KEY_UP:
	case 0x10:
		if (!p->complete || s->nhistory == 0)
			return;
		if (p->history == -1)
			p->history = (int)s->nhistory;
		if (p->history > 0)
			p->history--;
		prompt_set(p, s->history[p->history]);
		return;
	case KEY_DOWN:
	case 0x0e:
		if (!p->complete || p->history == -1)
			return;
		if (++p->history >= (int)s->nhistory) {
			p->history = -1;
			prompt_set(p, "");
		} else
			prompt_set(p, s->history[p->history]);
		return;
	}
	if (key >= 0x20 && key < KEY_SPECIAL && key != 0x7f)
		prompt_insert(p, key);
}

/* Draw the prompt into the status row; *cursor_col gets the cursor. */
void
prompt_draw(
    struct client *c, struct vt_cell *row, unsigned cols, unsigned *cursor_col)
{
	struct prompt *p = c->prompt;
	struct vt_style style;
	unsigned col = 0, start, i, w;
	char *before, *shown;
	size_t skip = 0;

	memset(&style, 0, sizeof style);
	style.attrs = VT_ATTR_INVERSE;
	for (i = 0; i < cols; i++) {
		memset(&row[i], 0, sizeof row[i]);
		row[i].width = 1;
		row[i].style = style;
	}
	render_text(row, cols, &col, p->label, &style);
	if (!p->single && col < cols)
		render_text(row, cols, &col, " ", &style);
	start = col;
	/* Scroll the input so the cursor stays visible. */
	before = xstrndup(p->buf, p->cursor);
	w = render_text_width(before);
	while (start + w >= cols && skip < p->cursor) {
		skip += prompt_char_at(p, skip);
		free(before);
		before = xstrndup(p->buf + skip, p->cursor - skip);
		w = render_text_width(before);
	}
	free(before);
	shown = p->buf + skip;
	render_text(row, cols, &col, shown, &style);
	*cursor_col = start + w < cols ? start + w : cols - 1;
}
