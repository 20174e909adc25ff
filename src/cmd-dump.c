/*
 * cmd-dump.c -- the dumpscreen command: a diagnostic that writes the
 * current window's visible grid to a file cell by cell, so tests can
 * compare what roost holds with what an outer terminal shows. Only reads
 * the emulator; never touches displays or the window's state.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "util/xmalloc.h"

/*
 * Write w's visible screen to fp: a first line "dumpscreen ROWS COLS",
 * then one line per cell, rows top to bottom, columns left to right:
 * "ROW COL WIDTH CHARS FG BG ATTRS UNDERLINE" with ROW and COL 0-based,
 * WIDTH 1, 2 or 0 (the right half of a wide character), CHARS the code
 * points as hex joined by '+' or "-" for an erased cell, FG and BG
 * VT_COLOUR_* values and ATTRS VT_ATTR_* bits as hex, UNDERLINE an enum
 * vt_underline number.
 */
static void
cmd_dump_write(struct window *w, FILE *fp)
{
	unsigned rows = vt_rows(w->vt), cols = vt_cols(w->vt), r, c, i;
	struct vt_cell *cells = xcalloc(cols, sizeof *cells);

	fprintf(fp, "dumpscreen %u %u\n", rows, cols);
	for (r = 0; r < rows; r++) {
		if (vt_get_line(w->vt, (int)r, cells, cols) < 0)
			memset(cells, 0, cols * sizeof *cells);
		for (c = 0; c < cols; c++) {
			struct vt_cell *cell = &cells[c];

			fprintf(fp, "%u %u %u ", r, c, cell->width);
			if (cell->ch[0] == 0)
				fputc('-', fp);
			for (i = 0; i < VT_CELL_CHARS && cell->ch[i] != 0; i++)
				fprintf(
				    fp, "%s%x", i > 0 ? "+" : "", cell->ch[i]);
			fprintf(fp, " %08x %08x %04x %u\n", cell->style.fg,
			    cell->style.bg, cell->style.attrs,
			    cell->style.underline);
		}
	}
	free(cells);
}

/* dumpscreen file: a diagnostic command; the file is created mode 0600,
   never through a symbolic link, relative names in the session's
   directory. */
int
cmd_dumpscreen_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct window *w = ctx->window;
	char *path;
	FILE *fp;
	int fd, error;

	if (argc != 1)
		return cmd_error(ctx, "dumpscreen: usage: dumpscreen file");
	if (w == NULL)
		return cmd_error(ctx, "dumpscreen: no window");
	if (argv[0][0] == '/')
		path = xstrdup(argv[0]);
	else
		xasprintf(&path, "%s/%s",
		    ctx->session->cwd != NULL ? ctx->session->cwd : ".",
		    argv[0]);
	fd = open(
	    path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd == -1 || (fp = fdopen(fd, "w")) == NULL) {
		error = errno;
		if (fd != -1)
			close(fd);
		cmd_error(ctx, "dumpscreen: %s: %s", path, strerror(error));
		free(path);
		return -1;
	}
	cmd_dump_write(w, fp);
	if (fclose(fp) != 0) {
		cmd_error(ctx, "dumpscreen: %s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	return 0;
}
