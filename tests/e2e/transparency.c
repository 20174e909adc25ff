/*
 * transparency.c -- end-to-end transparency cases (issue 6): every
 * recording of the corpus's alacritty-ref and every vttest screen of
 * vttest-recordings is replayed raw into a roost window, and what the
 * outer terminal shows (libvterm behind the real client, TERM
 * xterm-256color with COLORTERM=truecolor) is compared cell by cell with
 * roost's own grid for that window (the `dumpscreen` diagnostic command):
 * text, widths, colours and the attributes libvterm 0.1.4 represents.
 * Any difference is a rendering bug. Also with two regions side by side
 * and with the window partly covered by a smaller display's size, and
 * drawn whole for a display that reattaches after the replay.
 *
 * Not compared, because libvterm 0.1.4 cannot show them: faint,
 * invisible, overline, underline colour, hyperlinks, and the underline
 * styles beyond single and double (curly, dotted and dashed only need
 * some underline). Those are checked on the client's bytes elsewhere.
 * Owns nothing but its cases; the harness is harness.c.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

/* The dumpscreen value macros (src/vt/vt.h), repeated: the test reads
   the file format only. */
#define TR_KIND(c)    ((c) >> 24)
#define TR_BOLD	      0x0001u
#define TR_ITALIC     0x0004u
#define TR_BLINK      0x0008u
#define TR_INVERSE    0x0010u
#define TR_STRIKE     0x0040u
#define TR_MAX_CHARS  8
#define TR_SHOW_DIFFS 12

/* One cell of a dumpscreen file. */
struct tr_cell {
	uint32_t ch[TR_MAX_CHARS + 1];
	unsigned width, fg, bg, attrs, ul;
};

/* A dumpscreen file: rows x cols cells. */
struct tr_dump {
	unsigned rows, cols;
	struct tr_cell *cells;
};

/* How the window is shown. */
enum tr_mode {
	TR_PLAIN,    /* the whole display */
	TR_SPLIT,    /* the left of two regions side by side */
	TR_COVERED,  /* a larger display shows the smaller one's size */
	TR_REATTACH, /* replayed, detached, then drawn whole on reattach */
};

/* The case being run (h_case() takes a function without arguments). */
static struct {
	const char *name;
	const char *data; /* the bytes to replay */
	size_t len;
	int rows, cols;
	enum tr_mode mode;
	const char *skip; /* a reason the replay is not possible */
	/* nparts > 0: replayed in parts 0.2 s apart, part i ending at
	   byte ends[i]. */
	const size_t *ends;
	unsigned nparts;
} tr_cur;

static const char *tr_corpus;

/* Read a whole file; malloc'd, NUL-terminated, or NULL. */
static char *
tr_read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *data = NULL;
	size_t size = 0, n = 0, got;

	if (fp == NULL)
		return NULL;
	for (;;) {
		if (n + 65536 + 1 > size) {
			size = (n + 65536 + 1) * 2;
			data = realloc(data, size);
			if (data == NULL)
				exit(99);
		}
		got = fread(data + n, 1, size - n - 1, fp);
		if (got == 0)
			break;
		n += got;
	}
	fclose(fp);
	data[n] = '\0';
	if (len != NULL)
		*len = n;
	return data;
}

/* The number after "key": in a small JSON text, or -1. */
static int
tr_json_int(const char *text, const char *key)
{
	char pat[64];
	const char *p;

	snprintf(pat, sizeof pat, "\"%s\"", key);
	if ((p = strstr(text, pat)) == NULL)
		return -1;
	p += strlen(pat);
	while (*p == ' ' || *p == ':')
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	return atoi(p);
}

/* Parse a dumpscreen file. 0, or -1 with a diagnostic. */
static int
tr_dump_read(const char *path, struct tr_dump *d)
{
	char *text = tr_read_file(path, NULL), *line, *save = NULL;
	char chars[128], *p;
	unsigned r, c, i, n = 0;
	struct tr_cell cell;

	memset(d, 0, sizeof *d);
	if (text == NULL) {
		h_diag("dumpscreen wrote no %s", path);
		return -1;
	}
	line = strtok_r(text, "\n", &save);
	if (line == NULL ||
	    sscanf(line, "dumpscreen %u %u", &d->rows, &d->cols) != 2 ||
	    d->rows == 0 || d->cols == 0 || d->rows > 1000 || d->cols > 1000) {
		h_diag("%s: bad header", path);
		free(text);
		return -1;
	}
	d->cells = calloc((size_t)d->rows * d->cols, sizeof *d->cells);
	if (d->cells == NULL)
		exit(99);
	while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
		memset(&cell, 0, sizeof cell);
		if (sscanf(line, "%u %u %u %127s %x %x %x %u", &r, &c,
			&cell.width, chars, &cell.fg, &cell.bg, &cell.attrs,
			&cell.ul) != 8 ||
		    r >= d->rows || c >= d->cols) {
			h_diag("%s: bad line \"%s\"", path, line);
			free(text);
			return -1;
		}
		if (strcmp(chars, "-") != 0)
			for (i = 0, p = chars; i < TR_MAX_CHARS && *p != '\0';
			     i++) {
				cell.ch[i] = (uint32_t)strtoul(p, &p, 16);
				if (*p == '+')
					p++;
			}
		d->cells[r * d->cols + c] = cell;
		n++;
	}
	free(text);
	if (n != d->rows * d->cols) {
		h_diag("%s: %u cells for %ux%u", path, n, d->rows, d->cols);
		return -1;
	}
	return 0;
}

/* Run `roost -S tr -X WORDS` (up to three words). 0, or -1. */
static int
tr_x(const char *a, const char *b, const char *c)
{
	struct h_result r;
	int code;

	code = h_roost_run(&r, "-S", "tr", "-X", a, b, c, NULL);
	if (code != 0)
		h_diag("roost -X %s %s %s: exit %d, \"%s\" \"%s\"", a,
		    b != NULL ? b : "", c != NULL ? c : "", code, r.out.data,
		    r.err.data);
	h_result_free(&r);
	return code == 0 ? 0 : -1;
}

/* Write roost's grid to the case's dump file and read it. */
static int
tr_dump(struct tr_dump *d)
{
	char *path = h_path(h_case_dir(), "dump");
	int rv;

	unlink(path);
	rv = tr_x("dumpscreen", path, NULL);
	if (rv == 0)
		rv = tr_dump_read(path, d);
	free(path);
	return rv;
}

/* A roost colour as text, for diagnostics. */
static const char *
tr_colour_text(unsigned v, char *buf, size_t size)
{
	if (TR_KIND(v) == 0)
		snprintf(buf, size, "default");
	else if (TR_KIND(v) == 1)
		snprintf(buf, size, "idx%u", v & 0xff);
	else
		snprintf(buf, size, "#%06x", v & 0xffffff);
	return buf;
}

/* A libvterm colour as text. */
static const char *
tr_vcolour_text(const VTermColor *col, int fg, char *buf, size_t size)
{
	if (fg ? VTERM_COLOR_IS_DEFAULT_FG(col)
	       : VTERM_COLOR_IS_DEFAULT_BG(col))
		snprintf(buf, size, "default");
	else if (VTERM_COLOR_IS_INDEXED(col))
		snprintf(buf, size, "idx%u", col->indexed.idx);
	else
		snprintf(buf, size, "#%02x%02x%02x", col->rgb.red,
		    col->rgb.green, col->rgb.blue);
	return buf;
}

/* Whether libvterm's colour shows roost's colour v (fg: foreground). */
static int
tr_colour_same(struct h_term *t, unsigned v, const VTermColor *col, int fg)
{
	VTermColor a = *col, b;
	int isdef = fg ? VTERM_COLOR_IS_DEFAULT_FG(col)
		       : VTERM_COLOR_IS_DEFAULT_BG(col);

	if (TR_KIND(v) == 0)
		return isdef;
	if (isdef)
		return 0;
	if (TR_KIND(v) == 1 && VTERM_COLOR_IS_INDEXED(col))
		return col->indexed.idx == (v & 0xff);
	/* Same colour told another way: compare as RGB. */
	if (TR_KIND(v) == 1)
		vterm_color_indexed(&b, v & 0xff);
	else
		vterm_color_rgb(
		    &b, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
	vterm_screen_convert_color_to_rgb(t->screen, &a);
	vterm_screen_convert_color_to_rgb(t->screen, &b);
	return a.rgb.red == b.rgb.red && a.rgb.green == b.rgb.green &&
	    a.rgb.blue == b.rgb.blue;
}

/* The code points of a roost cell as text ("U+0041+U+0301", "blank"). */
static void
tr_chars_text(const uint32_t *ch, int n, char *buf, size_t size)
{
	size_t off = 0;
	int i;

	buf[0] = '\0';
	if (n == 0 || ch[0] == 0 || ch[0] == ' ') {
		snprintf(buf, size, "blank");
		return;
	}
	for (i = 0; i < n && ch[i] != 0 && off < size; i++)
		off += (size_t)snprintf(
		    buf + off, size - off, "%sU+%04X", i > 0 ? "+" : "", ch[i]);
}

/*
 * Compare roost's cell d (at window row r, column c) with libvterm's cell
 * at the display's row r + roff, column c + coff. 0 when they agree, else
 * 1 with a description in why.
 */
static int
tr_cell_compare(struct h_term *t, const struct tr_dump *d, unsigned r,
    unsigned c, int roff, int coff, char *why, size_t size)
{
	const struct tr_cell *rc = &d->cells[r * d->cols + c];
	VTermScreenCell vc, prev;
	char a[128], b[128], f1[32], f2[32], g1[32], g2[32];
	uint32_t vch[TR_MAX_CHARS + 1];
	int i, n, vwidth, blank_r, blank_v, fg_seen, bad = 0;
	unsigned want_ul, got_ul;

	if (h_cell(t, (int)r + roff, (int)c + coff, &vc) == -1) {
		snprintf(why, size, "outside the display");
		return 1;
	}
	memset(vch, 0, sizeof vch);
	for (n = 0; n < VTERM_MAX_CHARS_PER_CELL && vc.chars[n] != 0; n++)
		vch[n] = vc.chars[n];
	/* The right half of a wide character. */
	vwidth = vc.width;
	if (vc.chars[0] == (uint32_t)-1 ||
	    (c > 0 && h_cell(t, (int)r + roff, (int)c - 1 + coff, &prev) == 0 &&
		prev.width == 2 && prev.chars[0] != 0 &&
		prev.chars[0] != (uint32_t)-1))
		vwidth = 0;
	blank_r = rc->ch[0] == 0 || (rc->ch[0] == ' ' && rc->ch[1] == 0);
	blank_v = vch[0] == 0 || vch[0] == (uint32_t)-1 ||
	    (vch[0] == ' ' && vch[1] == 0);
	if (rc->width == 0 || vwidth == 0) {
		if (rc->width != (unsigned)vwidth)
			bad = 1;
	} else if (rc->width != (unsigned)vwidth)
		bad = 1;
	else if (blank_r != blank_v)
		bad = 1;
	else if (!blank_r) {
		/* libvterm keeps at most VTERM_MAX_CHARS_PER_CELL. */
		for (i = 0; i < VTERM_MAX_CHARS_PER_CELL; i++) {
			if (rc->ch[i] != vch[i])
				bad = 1;
			if (rc->ch[i] == 0)
				break;
		}
	}
	if (rc->width == 0)
		goto done; /* the attributes are the leading cell's */
	/*
	 * A blank shows its background only, unless reversed, underlined or
	 * struck through: there the foreground, bold, italic and blink are
	 * invisible and a client may leave them out.
	 */
	fg_seen = !blank_r || (rc->attrs & (TR_INVERSE | TR_STRIKE)) != 0 ||
	    rc->ul != 0 || vc.attrs.reverse || vc.attrs.strike ||
	    vc.attrs.underline;
	if ((fg_seen && !tr_colour_same(t, rc->fg, &vc.fg, 1)) ||
	    !tr_colour_same(t, rc->bg, &vc.bg, 0))
		bad = 1;
	if ((fg_seen &&
		(!!(rc->attrs & TR_BOLD) != !!vc.attrs.bold ||
		    !!(rc->attrs & TR_ITALIC) != !!vc.attrs.italic ||
		    !!(rc->attrs & TR_BLINK) != !!vc.attrs.blink)) ||
	    !!(rc->attrs & TR_INVERSE) != !!vc.attrs.reverse ||
	    !!(rc->attrs & TR_STRIKE) != !!vc.attrs.strike)
		bad = 1;
	/* Curly, dotted, dashed: libvterm 0.1.4 needs only some underline
	   (it knows curly, but dotted and dashed are not its). */
	want_ul = rc->ul;
	got_ul = vc.attrs.underline;
	if (want_ul >= 3 ? got_ul == 0 : want_ul != got_ul)
		bad = 1;
done:
	if (!bad)
		return 0;
	tr_chars_text(rc->ch, TR_MAX_CHARS, a, sizeof a);
	tr_chars_text(vch, VTERM_MAX_CHARS_PER_CELL, b, sizeof b);
	snprintf(why, size,
	    "roost %s w%u fg=%s bg=%s attrs=%04x ul=%u; shown %s w%d "
	    "fg=%s bg=%s bold=%d it=%d blink=%d rev=%d strike=%d ul=%d",
	    a, rc->width, tr_colour_text(rc->fg, f1, sizeof f1),
	    tr_colour_text(rc->bg, g1, sizeof g1), rc->attrs, rc->ul, b, vwidth,
	    tr_vcolour_text(&vc.fg, 1, f2, sizeof f2),
	    tr_vcolour_text(&vc.bg, 0, g2, sizeof g2), vc.attrs.bold,
	    vc.attrs.italic, vc.attrs.blink, vc.attrs.reverse, vc.attrs.strike,
	    vc.attrs.underline);
	return 1;
}

/* Count the cells that differ; describe the first few when report. */
static int
tr_compare(
    struct h_term *t, const struct tr_dump *d, int roff, int coff, int report)
{
	char why[512];
	unsigned r, c;
	int ndiff = 0;

	for (r = 0; r < d->rows; r++)
		for (c = 0; c < d->cols; c++) {
			if (!tr_cell_compare(
				t, d, r, c, roff, coff, why, sizeof why))
				continue;
			if (report && ndiff < TR_SHOW_DIFFS)
				h_diag("%s (%s): cell row %u col %u: %s",
				    tr_cur.name, t->name, r, c, why);
			ndiff++;
		}
	return ndiff;
}

/* Wait for path to exist, pumping the terminals. 0, or -1. */
static int
tr_wait_file(const char *path, struct h_term *a, struct h_term *b)
{
	long long end = h_now_ms() + 4 * H_TIMEOUT_MS;

	while (access(path, F_OK) != 0) {
		if (h_now_ms() >= end) {
			h_diag("%s never appeared", path);
			return -1;
		}
		h_pump(a, 50);
		if (b != NULL)
			h_pump(b, 0);
	}
	return 0;
}

/*
 * Compare a (and b, when not NULL) with roost's grid until they agree or
 * nothing changes any more. 0 when they agree.
 */
static int
tr_settle(struct h_term *a, struct h_term *b, int roff, int coff)
{
	long long end = h_now_ms() + H_TIMEOUT_MS;
	size_t alen = (size_t)-1, blen = (size_t)-1;
	struct tr_dump d, last;
	int still = 0, nd;

	memset(&last, 0, sizeof last);
	for (;;) {
		h_pump(a, 100);
		if (b != NULL)
			h_pump(b, 0);
		if (tr_dump(&d) == -1) {
			free(last.cells);
			return -1;
		}
		nd = tr_compare(a, &d, roff, coff, 0) +
		    (b != NULL ? tr_compare(b, &d, 0, 0, 0) : 0);
		if (nd == 0) {
			free(d.cells);
			free(last.cells);
			return 0;
		}
		if (last.cells != NULL && last.rows == d.rows &&
		    last.cols == d.cols &&
		    memcmp(last.cells, d.cells,
			(size_t)d.rows * d.cols * sizeof *d.cells) == 0 &&
		    alen == a->out.len && (b == NULL || blen == b->out.len))
			still++;
		else
			still = 0;
		alen = a->out.len;
		blen = b != NULL ? b->out.len : 0;
		free(last.cells);
		last = d;
		if (still >= 6 || h_now_ms() >= end)
			break;
	}
	h_diag("%d cells differ (%ux%u window at row %d col %d)", nd, last.rows,
	    last.cols, roff, coff);
	tr_compare(a, &last, roff, coff, 1);
	if (b != NULL)
		tr_compare(b, &last, 0, 0, 1);
	free(last.cells);
	return -1;
}

/* With $TR_SAVE (a directory), keep what the client wrote to its
   terminal for a failed case, as "NAME.out". */
static void
tr_save(struct h_term *t, const char *suffix)
{
	const char *dir = getenv("TR_SAVE");
	char path[4096], *p;
	FILE *fp;

	if (dir == NULL || *dir == '\0')
		return;
	snprintf(path, sizeof path, "%s/%s%s.out", dir, tr_cur.name, suffix);
	for (p = path + strlen(dir) + 1; *p != '\0'; p++)
		if (*p == ' ' || *p == '/' || *p == ',')
			*p = '_';
	if ((fp = fopen(path, "wb")) == NULL)
		return;
	fwrite(t->out.data, 1, t->out.len, fp);
	fclose(fp);
	h_diag("the client's bytes are in %s", path);
}

/* The case: replay tr_cur into a window and compare. */
static int
tr_case(void)
{
	const char *env[] = { "COLORTERM=truecolor", NULL };
	char *file, *go, *done, cmd[1024];
	struct h_term *a, *b = NULL;
	struct tr_dump d;
	int rows, cols;

	H_SKIP_IF(tr_cur.skip != NULL, "%s", tr_cur.skip);
	file = h_path(h_case_dir(), "replay");
	go = h_path(h_case_dir(), "go");
	done = h_path(h_case_dir(), "done");
	{
		unsigned parts = tr_cur.nparts > 0 ? tr_cur.nparts : 1, i;
		size_t from = 0, to;
		char part[4096];

		for (i = 0; i < parts; i++) {
			FILE *fp;

			snprintf(part, sizeof part, "%s.%03u", file, i);
			to = tr_cur.nparts > 0 ? tr_cur.ends[i] : tr_cur.len;
			fp = fopen(part, "wb");
			H_REQUIRE(fp != NULL &&
				fwrite(tr_cur.data + from, 1, to - from, fp) ==
				    to - from &&
				fclose(fp) == 0,
			    "write %s", part);
			from = to;
		}
	}
	/* Raw: the recordings are bytes after the line discipline. Parts
	   come 0.2 s apart: each is drawn on a frame of its own. */
	snprintf(cmd, sizeof cmd,
	    "stty raw -echo; while [ ! -e '%s' ]; do sleep 0.05; done; "
	    "for f in '%s'.*; do cat \"$f\"; %s done; : >'%s'; "
	    "exec sleep 1000",
	    go, file, tr_cur.nparts > 0 ? "sleep 0.2;" : "", done);
	rows = tr_cur.rows + 1; /* the status line */
	cols = tr_cur.cols;
	if (tr_cur.mode == TR_SPLIT) {
		rows++; /* the regions' captions */
		cols = 2 * cols + 1;
	} else if (tr_cur.mode == TR_COVERED) {
		rows += 5;
		cols += 17;
	}
	a = h_spawn(
	    (const char *[]){ NULL, "-S", "tr", "/bin/sh", "-c", cmd, NULL },
	    env, rows, cols);
	H_REQUIRE(a != NULL, "roost in %dx%d", rows, cols);
	snprintf(a->name, sizeof a->name, "%s %dx%d", tr_cur.name, rows, cols);
	H_REQUIRE(h_wait_ls("tr") == 0, "the session is up");
	if (tr_cur.mode == TR_SPLIT) {
		H_REQUIRE(tr_x("split", "-v", NULL) == 0, "split -v");
	} else if (tr_cur.mode == TR_COVERED) {
		b = h_spawn((const char *[]){ NULL, "-x", "tr", NULL }, env,
		    tr_cur.rows + 1, tr_cur.cols);
		H_REQUIRE(b != NULL, "a second, smaller display");
		snprintf(b->name, sizeof b->name, "%s small %dx%d", tr_cur.name,
		    tr_cur.rows + 1, tr_cur.cols);
	}
	/* The window has its size before the replay starts. */
	{
		long long end = h_now_ms() + H_TIMEOUT_MS;

		for (;;) {
			h_pump(a, 50);
			if (b != NULL)
				h_pump(b, 0);
			H_REQUIRE(tr_dump(&d) == 0, "dumpscreen");
			free(d.cells);
			if ((int)d.rows == tr_cur.rows &&
			    (int)d.cols == tr_cur.cols)
				break;
			H_REQUIRE(h_now_ms() < end,
			    "the window is %ux%u, not %dx%d", d.rows, d.cols,
			    tr_cur.rows, tr_cur.cols);
		}
	}
	H_REQUIRE(h_write_file(go, "") == 0, "start the replay");
	H_REQUIRE(tr_wait_file(done, a, b) == 0, "the replay ends");
	if (tr_cur.mode == TR_REATTACH) {
		H_REQUIRE(tr_settle(a, NULL, 0, 0) == 0,
		    "the display shows roost's grid before the detach");
		H_REQUIRE(tr_x("detach", NULL, NULL) == 0, "detach");
		H_REQUIRE(h_wait_output(a, "detached", 0) == 0,
		    "the display detached");
		h_close(a);
		a = h_spawn((const char *[]){ NULL, "-r", "tr", NULL }, env,
		    rows, cols);
		H_REQUIRE(a != NULL, "reattach");
		snprintf(a->name, sizeof a->name, "%s reattached", tr_cur.name);
	}
	if (tr_settle(a, b, 0, 0) != 0) {
		tr_save(a, "");
		if (b != NULL)
			tr_save(b, ".small");
		H_REQUIRE(0, "what the display shows is roost's grid");
	}
	free(file);
	free(go);
	free(done);
	return H_PASS;
}

/* Run one case. */
static void
tr_run(const char *name, const char *data, size_t len, int rows, int cols,
    enum tr_mode mode, const char *skip)
{
	tr_cur.name = name;
	tr_cur.data = data;
	tr_cur.len = len;
	tr_cur.rows = rows;
	tr_cur.cols = cols;
	tr_cur.mode = mode;
	tr_cur.skip = skip;
	/* $TR_ONLY: run only the cases whose names contain it. */
	if (getenv("TR_ONLY") != NULL &&
	    strstr(name, getenv("TR_ONLY")) == NULL)
		return;
	h_case(name, tr_case);
}

/* Find the corpus: $ROOST_CORPUS, else $ROOST_SRCDIR/../shared/corpus. */
static const char *
tr_find_corpus(void)
{
	static char buf[4096];
	const char *p = getenv("ROOST_CORPUS"), *src;
	struct stat st;

	if (p == NULL || *p == '\0') {
		src = getenv("ROOST_SRCDIR");
		snprintf(buf, sizeof buf, "%s/../shared/corpus",
		    src != NULL && *src != '\0' ? src : ".");
		p = buf;
	}
	if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))
		return NULL;
	return p;
}

static int
tr_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The alacritty-ref recordings; with extra, also split and covered. */
static void
tr_alacritty(void)
{
	static const char *extra[] = { "vim_24bitcolors_bce", "tmux_htop",
		"indexed_256_colors", "sgr", "zerowidth", "csi_rep",
		"tmux_git_log", NULL };
	char *dir = h_path(tr_corpus, "alacritty-ref"), *names[256], *path;
	char name[300], *size, *data, reason[300];
	struct dirent *de;
	size_t n = 0, i, len;
	int rows, cols, k;
	DIR *dp;

	if ((dp = opendir(dir)) == NULL) {
		tr_run("alacritty-ref", NULL, 0, 0, 0, TR_PLAIN,
		    "no alacritty-ref in the corpus");
		free(dir);
		return;
	}
	while ((de = readdir(dp)) != NULL && n < 256) {
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		path = h_path(dir, de->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			names[n++] = strdup(de->d_name);
		free(path);
	}
	closedir(dp);
	qsort(names, n, sizeof *names, tr_strcmp);
	for (i = 0; i < n; i++) {
		char *sub = h_path(dir, names[i]);

		path = h_path(sub, "size.json");
		size = tr_read_file(path, NULL);
		free(path);
		path = h_path(sub, "alacritty.recording");
		data = tr_read_file(path, &len);
		free(path);
		rows = size != NULL ? tr_json_int(size, "screen_lines") : -1;
		cols = size != NULL ? tr_json_int(size, "columns") : -1;
		snprintf(name, sizeof name, "alacritty %s", names[i]);
		reason[0] = '\0';
		if (data == NULL)
			snprintf(reason, sizeof reason, "no recording");
		else if (size == NULL)
			snprintf(reason, sizeof reason, "no size.json");
		else if (rows < 1 || cols < 2 || rows > 200 || cols > 400)
			snprintf(reason, sizeof reason,
			    "size.json gives no usable size");
		tr_run(name, data, len, rows, cols, TR_PLAIN,
		    reason[0] != '\0' ? reason : NULL);
		for (k = 0; extra[k] != NULL; k++) {
			if (strcmp(extra[k], names[i]) != 0 ||
			    reason[0] != '\0')
				continue;
			snprintf(name, sizeof name,
			    "alacritty %s, left of two regions", names[i]);
			tr_run(name, data, len, rows, cols, TR_SPLIT, NULL);
			snprintf(name, sizeof name,
			    "alacritty %s, covered by a larger display",
			    names[i]);
			tr_run(name, data, len, rows, cols, TR_COVERED, NULL);
			snprintf(name, sizeof name, "alacritty %s, reattached",
			    names[i]);
			tr_run(name, data, len, rows, cols, TR_REATTACH, NULL);
		}
		free(data);
		free(size);
		free(sub);
		free(names[i]);
	}
	free(dir);
}

/*
 * The vttest recordings: one case per screen. Screen N (of the "Push
 * <RETURN>" stops) is the typescript up to the end of the chunk (timing
 * file) in which vttest printed its N-th "Push <RETURN>"; the last screen
 * is the whole typescript. The first line is script's header.
 */
static void
tr_vttest(void)
{
	static const char *menus[] = { "menu-1", "menu-2", "menu-8", NULL };
	static const char stop[] = "Push <RETURN>";
	char *dir = h_path(tr_corpus, "vttest-recordings"), *sub, *path;
	char *ts, *timing, *data, *line, *save, name[128];
	size_t len, dlen, off, ends[4096], nends, cut, e;
	const char *p;
	int m, screen;

	for (m = 0; menus[m] != NULL; m++) {
		sub = h_path(dir, menus[m]);
		path = h_path(sub, "typescript");
		ts = tr_read_file(path, &len);
		free(path);
		path = h_path(sub, "timing");
		timing = tr_read_file(path, NULL);
		free(path);
		free(sub);
		if (ts == NULL || timing == NULL ||
		    (p = memchr(ts, '\n', len)) == NULL) {
			snprintf(name, sizeof name, "vttest %s", menus[m]);
			tr_run(name, NULL, 0, 0, 0, TR_PLAIN,
			    "no typescript or timing file");
			free(ts);
			free(timing);
			continue;
		}
		data = (char *)p + 1;
		dlen = len - (size_t)(data - ts);
		/* Where each chunk of output ends. */
		nends = 0;
		off = 0;
		save = NULL;
		for (line = strtok_r(timing, "\n", &save);
		     line != NULL && nends < 4096;
		     line = strtok_r(NULL, "\n", &save)) {
			double delay;
			unsigned long n;

			if (sscanf(line, "%lf %lu", &delay, &n) != 2)
				continue;
			off += n;
			ends[nends++] = off > dlen ? dlen : off;
		}
		screen = 0;
		p = data;
		while ((p = memmem(p, dlen - (size_t)(p - data), stop,
			    sizeof stop - 1)) != NULL) {
			e = (size_t)(p - data) + sizeof stop - 1;
			cut = dlen;
			for (off = 0; off < nends; off++)
				if (ends[off] >= e) {
					cut = ends[off];
					break;
				}
			snprintf(name, sizeof name, "vttest %s screen%02d",
			    menus[m], ++screen);
			tr_run(name, data, cut, 24, 80, TR_PLAIN, NULL);
			/* The border at both margins; the insert mode line. */
			if ((m == 0 && screen == 1) ||
			    (m == 2 && screen == 3)) {
				snprintf(name, sizeof name,
				    "vttest %s screen%02d, left of two regions",
				    menus[m], screen);
				tr_run(name, data, cut, 24, 80, TR_SPLIT, NULL);
				snprintf(name, sizeof name,
				    "vttest %s screen%02d, covered by a larger "
				    "display",
				    menus[m], screen);
				tr_run(
				    name, data, cut, 24, 80, TR_COVERED, NULL);
				snprintf(name, sizeof name,
				    "vttest %s screen%02d, reattached",
				    menus[m], screen);
				tr_run(
				    name, data, cut, 24, 80, TR_REATTACH, NULL);
			}
			p = data + cut;
			if (cut >= dlen)
				break;
		}
		snprintf(name, sizeof name, "vttest %s screen%02d (the end)",
		    menus[m], ++screen);
		tr_run(name, data, dlen, 24, 80, TR_PLAIN, NULL);
		free(ts);
		free(timing);
	}
	free(dir);
}

/* Append to data at *len: character i of tr_generated()'s, a letter
   and a combining mark, each i < 2912 another. */
static void
tr_cluster(char *data, size_t *len, unsigned i)
{
	unsigned mark = 0x300 + (i / 26) % 112;

	data[(*len)++] = (char)('a' + i % 26);
	data[(*len)++] = (char)(0xc0 | mark >> 6);
	data[(*len)++] = (char)(0x80 | (mark & 0x3f));
}

/*
 * Generated: more distinct characters with combining marks than a
 * display keeps aside between frames (render.c: its table of them starts
 * again, and everything is sent again, beyond about twice its cells), in
 * parts drawn on frames of their own: row 1 is written once; screenfuls
 * of others scroll through rows 3-8 (a scroll region, so row 1 is not
 * drawn again) until the table is past that; then row 1 is written
 * again, on the frame that starts the table again. Its new characters
 * must show, and one with an underline colour. An 8x30 window (with the
 * status line, a 9x30 display: 270 cells), 29 characters a line (libvterm
 * 0.1.4 moves a mark that comes in the pending-wrap state to the next
 * line; xterm puts it on the last character).
 */
static void
tr_generated(void)
{
	static size_t ends[8];
	char *data = malloc(65536),
	     name[] = "many distinct combining "
		      "sequences, in parts";
	size_t len = 0;
	unsigned i = 0, part, line, k;

	if (data == NULL)
		return;
	len += (size_t)sprintf(data + len, "\033[H");
	for (k = 0; k < 29; k++)
		tr_cluster(data, &len, i++);
	len += (size_t)sprintf(data + len, "\033[3;8r\033[3H");
	ends[0] = len;
	/* 5 screenfuls: 29 + 4 x 174 = 725 characters fit under 2 x 270
	   + 256 = 796, 29 + 5 x 174 = 899 do not. */
	for (part = 1; part <= 5; part++) {
		for (line = 0; line < 6; line++) {
			if (part > 1 || line > 0)
				len += (size_t)sprintf(data + len, "\r\n");
			for (k = 0; k < 29; k++)
				tr_cluster(data, &len, i++);
		}
		ends[part] = len;
	}
	len += (size_t)sprintf(data + len, "\0337\033[H");
	for (k = 0; k < 28; k++)
		tr_cluster(data, &len, i++);
	len += (size_t)sprintf(data + len, "\033[4;58;5;196mZ\033[m\0338");
	ends[6] = len;
	tr_cur.ends = ends;
	tr_cur.nparts = 7;
	tr_run(name, data, len, 8, 30, TR_PLAIN, NULL);
	tr_cur.nparts = 0;
	free(data);
}

int
main(void)
{
	h_init();
	tr_generated();
	tr_corpus = tr_find_corpus();
	if (tr_corpus == NULL) {
		printf("# CORPUS NOT FOUND at %s (set ROOST_CORPUS): all "
		       "transparency cases are skipped\n",
		    getenv("ROOST_CORPUS") != NULL
			? getenv("ROOST_CORPUS")
			: "$ROOST_SRCDIR/../shared/corpus");
		tr_run("transparency", NULL, 0, 0, 0, TR_PLAIN,
		    "CORPUS NOT FOUND");
		return h_done();
	}
	tr_alacritty();
	tr_vttest();
	return h_done();
}
