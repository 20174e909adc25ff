/*
 * hardcopy.c -- writes a window's screen (and with -h its history first)
 * to a file as plain text, one line per row, trailing blanks trimmed
 * (screen(1): hardcopy, hardcopy_append). Wide characters are written
 * once. The file is created mode 0600 and never opened through a symbolic
 * link. Only reads the emulator.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "copy.h"
#include "util/xmalloc.h"

/* Drop trailing blanks of t after offset from. */
static void
hardcopy_trim(struct copy_text *t, size_t from)
{
	while (t->len > from && t->data[t->len - 1] == ' ')
		t->len--;
}

/*
 * Write w's rows (history first when history) to path, truncating it (or
 * appending with hardcopy_append). Returns 0, or -1 with *cause
 * allocated.
 */
int
hardcopy_write(struct window *w, const char *path, int history, char **cause)
{
	struct copy_text t;
	struct copy_state *cs = paste_state(w->session->server);
	int row, first, rows = (int)vt_rows(w->vt), fd;
	size_t start, off;
	ssize_t n;

	memset(&t, 0, sizeof t);
	first = history ? -(int)vt_history_size(w->vt) : 0;
	for (row = first; row < rows; row++) {
		start = t.len;
		mode_copy_line_text(w->vt, row, 0, vt_cols(w->vt) - 1, &t);
		hardcopy_trim(&t, start);
		copy_text_add(&t, "\n", 1);
	}
	if ((fd = paste_open_write(path, cs->hardcopy_append, cause)) == -1) {
		copy_text_free(&t);
		return -1;
	}
	for (off = 0; off < t.len; off += (size_t)n) {
		n = write(fd, t.data + off, t.len - off);
		if (n == -1 && errno == EINTR) {
			n = 0;
			continue;
		}
		if (n <= 0) {
			xasprintf(cause, "%s: %s", path, strerror(errno));
			close(fd);
			copy_text_free(&t);
			return -1;
		}
	}
	copy_text_free(&t);
	if (close(fd) != 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * screen(1): hardcopy [-h] [file] -- default "hardcopy.N" (N the window
 * number) in the session's directory; relative names there too.
 */
int
cmd_hardcopy_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct window *w = ctx->window;
	int history = 0;
	char *path, *cause, name[32];

	if (argc > 0 && strcmp(argv[0], "-h") == 0) {
		history = 1;
		argc--;
		argv++;
	}
	if (argc > 1)
		return cmd_error(ctx, "hardcopy: usage: hardcopy [-h] [file]");
	if (w == NULL)
		return cmd_error(ctx, "hardcopy: no window");
	snprintf(name, sizeof name, "hardcopy.%u", w->number);
	if (argc > 0 && argv[0][0] == '/')
		path = xstrdup(argv[0]);
	else
		xasprintf(&path, "%s/%s",
		    ctx->session->cwd != NULL ? ctx->session->cwd : ".",
		    argc > 0 ? argv[0] : name);
	if (hardcopy_write(w, path, history, &cause) != 0) {
		cmd_error(ctx, "hardcopy: %s", cause);
		free(cause);
		free(path);
		return -1;
	}
	if (ctx->client != NULL)
		cmd_message(ctx, "Screen image written to \"%s\".", path);
	free(path);
	return 0;
}
