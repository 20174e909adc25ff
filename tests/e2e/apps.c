/*
 * apps.c -- end-to-end cases of issue 3 ("interactive programs look right
 * inside roost"): vim, less, htop, mc and emacs -nw run in a roost window,
 * through the real client in a pseudo-terminal read by libvterm, and side
 * by side the same program with the same keystrokes runs directly in a
 * pseudo-terminal of the window's size, read by libvterm too. After each
 * step the two screens are compared cell by cell: the text, the cursor and
 * every attribute libvterm keeps (bold, underline, italic, blink, reverse,
 * strike, foreground and background colour). Any difference is roost's.
 *
 * Both sides get the same environment: a private HOME without the
 * programs' rc files (mc gets a fixed one that turns off what changes by
 * itself, the free space and the hints, and a HOME per side: it writes
 * there as it starts), files written by the test with fixed times,
 * LANG=C.UTF-8, COLORTERM=truecolor and TERM=screen-256color (what a roost
 * window sets), so the programs write the same bytes to both. The
 * client's terminal (TERM=xterm-256color) is one row taller than the
 * window: its last row is roost's status line, not compared. Keys named
 * in a step ({Down}, {F9} ...) are encoded by each side's libvterm as its
 * modes say, the way a terminal would.
 *
 * Only what can be seen is compared: a blank cell's foreground colour,
 * boldness, italics or blinking (when it is not reversed, underlined or
 * struck through) and the attributes of a wide character's right half
 * are not. htop redraws its meters and processes every refresh: only its
 * function-key bar and column header are compared.
 *
 * One case per compared screen; each case starts the program afresh and
 * replays the steps before its own, so a case's failure never hides
 * another's. Every step waits for the text it must show on both sides,
 * then for both screens to stop changing (APPS_QUIET_MS), never for a
 * fixed time alone. A difference fails the case, unless it is listed in
 * apps_divergences with a function that shows the reference is the one
 * that is wrong (then it is a SKIP giving the reason).
 *
 * Usage: e2e-apps [WORD] runs the cases whose name holds WORD; with
 * APPS_SHOW=1 the compared screens of passing cases are printed too.
 */
#include <sys/stat.h>
#include <sys/time.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#define ROWS	       24 /* the window's size, and the direct terminal's */
#define COLS	       80
#define APPS_QUIET_MS  300 /* a screen unchanged this long is settled */
#define APPS_MAX_STEPS 8

/* One step: keys typed into both terminals, then text both must show
   (NULL: none, only wait for the screens to settle). Keys "{Size RxC}"
   resize the window and the direct terminal to R rows, C columns
   instead (the client's terminal is kept one row taller). */
struct apps_step {
	const char *keys;
	const char *expect;
};

/* Which rows a case compares. */
enum apps_rows {
	APPS_ALL,	/* every row of the window, and the cursor */
	APPS_LAST_ROW,	/* htop: its function-key bar */
	APPS_HEADER_ROW /* htop: the process list's column header */
};

struct apps_case {
	const char *name;
	const char *program; /* its name, looked up in $PATH */
	const char *argv[8]; /* argv[0] the name too, NULL-terminated */
	void (*setup)(void); /* writes the case's files, or NULL */
	enum apps_rows rows; /* what to compare */
	/* The steps, NULL-terminated; the last one is compared. */
	const struct apps_step *steps[APPS_MAX_STEPS];
};

/* The environment both sides add; the direct side gets TERM too. */
static const char *apps_env_roost[] = { "LESSHISTFILE=-", "COLORTERM=truecolor",
	NULL, NULL };
static const char *apps_env_direct[] = { "LESSHISTFILE=-",
	"COLORTERM=truecolor", "TERM=screen-256color", NULL, NULL };
/* Set by a case's setup: the sides get HOME=$HOME/home-r and home-d (the
   programs still start in $HOME). */
static int apps_homes;

static const struct apps_case *apps_cur;

/* ---- the files the programs show ---- */

static void
apps_write(const char *name, const char *text)
{
	char *path = h_path(h_home(), name);

	if (h_write_file(path, text) == -1)
		h_diag("cannot write %s", path);
	free(path);
}

/* A C file of about 70 lines: keywords, strings, comments, numbers. */
static void
apps_setup_c(void)
{
	struct h_bytes b = { 0 };
	char line[256];
	int i;

	h_bytes_add(&b, "/* hello.c -- a file to look at. */\n", 36);
	h_bytes_add(&b, "#include <stdio.h>\n\n", 20);
	for (i = 1; i <= 12; i++) {
		snprintf(line, sizeof line,
		    "/* Function number %d returns %d. */\n"
		    "static int\nfunc%d(int x)\n{\n"
		    "\treturn x * %d + 0x%x; // \"str%d\"\n}\n\n",
		    i, i * 7, i, i, i * 3, i);
		h_bytes_add(&b, line, strlen(line));
	}
	snprintf(line, sizeof line,
	    "int\nmain(void)\n{\n\tprintf(\"%%d\\n\", func1(2));\n"
	    "\treturn 0;\n}\n");
	h_bytes_add(&b, line, strlen(line));
	apps_write("hello.c", b.data);
	free(b.data);
}

/* 300 numbered lines, every seventh one with "needle" in it. */
static void
apps_setup_long(void)
{
	struct h_bytes b = { 0 };
	char line[128];
	int i;

	for (i = 1; i <= 300; i++) {
		snprintf(line, sizeof line,
		    "line %03d: %s the quick brown fox\n", i,
		    i % 7 == 0 ? "needle and" : "hay and");
		h_bytes_add(&b, line, strlen(line));
	}
	apps_write("long.txt", b.data);
	free(b.data);
}

/* Lines of colours and attributes for less -R: the 16 colours, some of
   the 256, 24-bit ones, and SGR attributes alone and together. */
static void
apps_setup_colours(void)
{
	/* Only what xterm's ctlseqs documents (and libvterm keeps). */
	static const char *sgr[] = { "1", "2", "3", "4", "5", "7", "9", "21",
		"1;4;7", "3;9", "1;3;4;7m mixed\033[22;23;24;27", "38:5:208",
		"48:5:24", "38;2;250;128;114;48;2;0;0;139", NULL };
	struct h_bytes b = { 0 };
	char line[256];
	int i;

	for (i = 0; i < 16; i++) {
		snprintf(line, sizeof line,
		    "fg %2d \033[%dmsample\033[m bg %2d \033[%dmsample\033[m\n",
		    i, i < 8 ? 30 + i : 90 + i - 8, i,
		    i < 8 ? 40 + i : 100 + i - 8);
		h_bytes_add(&b, line, strlen(line));
	}
	for (i = 16; i < 256; i += 40) {
		snprintf(line, sizeof line,
		    "256 %3d \033[38;5;%dmfore\033[m \033[48;5;%dmback\033[m\n",
		    i, i, i);
		h_bytes_add(&b, line, strlen(line));
	}
	for (i = 0; sgr[i] != NULL; i++) {
		snprintf(line, sizeof line,
		    "sgr %2d \033[%smsample text\033[m end\n", i, sgr[i]);
		h_bytes_add(&b, line, strlen(line));
	}
	apps_write("colours.txt", b.data);
	free(b.data);
}

static void
apps_add(struct h_bytes *b, const char *s)
{
	h_bytes_add(b, s, strlen(s));
}

/* Lines of 150 columns, for less -S. */
static void
apps_setup_chop(void)
{
	struct h_bytes b = { 0 };
	char line[32];
	int i, k;

	for (i = 1; i <= 40; i++) {
		snprintf(line, sizeof line, "row %02d:", i);
		apps_add(&b, line);
		for (k = 0; k < 14; k++) {
			snprintf(line, sizeof line, " col%03d-%c", 9 + k * 10,
			    'a' + (i + k) % 26);
			apps_add(&b, line);
		}
		apps_add(&b, "\n");
	}
	apps_write("chop.txt", b.data);
	free(b.data);
}

/* Wide characters, combining marks and a wide character where the line
   wraps, for less. */
static void
apps_setup_unicode(void)
{
	struct h_bytes b = { 0 };
	int i;

	apps_add(&b, "cjk \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e end\n");
	/* e + COMBINING ACUTE ACCENT, a + COMBINING DIAERESIS twice */
	apps_add(&b, "marks e\xcc\x81 a\xcc\x88\xcc\x88 end\n");
	apps_add(&b, "hangul \xed\x95\x9c\xea\xb8\x80 end\n");
	apps_add(&b, "fullwidth \xef\xbc\xa1\xef\xbc\xa2 end\n");
	/* 39 narrow, then wide ones across column 80 */
	apps_add(&b, "wrap ");
	for (i = 0; i < 34; i++)
		apps_add(&b, "x");
	for (i = 0; i < 25; i++)
		apps_add(&b, "\xe6\x97\xa5");
	apps_add(&b, " end\n");
	apps_add(&b, "odd ");
	for (i = 0; i < 39; i++)
		apps_add(&b, "\xe6\x97\xa5");
	apps_add(&b, "y\xe6\x97\xa5 end\n");
	apps_write("unicode.txt", b.data);
	free(b.data);
}

/* 24-bit colours in the colon form with a colour space id. */
static void
apps_setup_colon(void)
{
	apps_write("colon.txt",
	    "colon fg \033[38:2:0:10:200:30msample\033[m end\n"
	    "colon bg \033[48:2:0:200:30:10msample\033[m end\n");
}

/* Two directories of files with fixed times; mc's ini turns off the
   free-space figure and the rotating hints, which change by themselves. */
static void
apps_setup_mc(void)
{
	static const char *files[] = { "alpha.txt", "beta.c", "gamma.sh",
		"delta", "epsilon.md", "zeta.tar.gz", "eta", "theta.py", NULL };
	struct timeval tv[2] = { { 1600000000, 0 }, { 1600000000, 0 } };
	char *dir, *path, *sub, *top = h_path(h_home(), "d");
	int i, k;

	/* The panels' ".." is d: nothing writes there, its time stays. */
	mkdir(top, 0755);

	for (k = 0; k < 2; k++) {
		dir = h_path(h_home(), k == 0 ? "d/left" : "d/right");
		mkdir(dir, 0755);
		sub = h_path(dir, "subdir");
		mkdir(sub, 0755);
		utimes(sub, tv);
		free(sub);
		for (i = 0; files[i] != NULL; i++) {
			path = h_path(dir, files[i]);
			h_write_file(path, files[i]);
			utimes(path, tv);
			free(path);
		}
		utimes(dir, tv);
		free(dir);
	}
	utimes(top, tv);
	free(top);
	/* mc writes to its configuration directories as it starts: each
	   side gets a HOME of its own (apps_homes). */
	apps_homes = 1;
	for (k = 0; k < 2; k++) {
		static const char *sub[] = { "", "/.config", "/.config/mc" };
		char name[64];
		size_t j;

		for (j = 0; j < sizeof sub / sizeof sub[0]; j++) {
			snprintf(name, sizeof name, "home-%c%s",
			    k == 0 ? 'r' : 'd', sub[j]);
			dir = h_path(h_home(), name);
			mkdir(dir, 0700);
			free(dir);
		}
		snprintf(name, sizeof name, "home-%c/.config/mc/ini",
		    k == 0 ? 'r' : 'd');
		apps_write(name,
		    "[Midnight-Commander]\n"
		    "confirm_exit=false\n"
		    "drop_menus=true\n"
		    "\n[Layout]\n"
		    "free_space=false\n"
		    "message_visible=false\n");
	}
}

/* ---- comparing two screens ---- */

/* A colour as text: "default", "idx N" or "rgb R,G,B". */
static void
apps_colour(const VTermColor *c, int fg, char *buf, size_t size)
{
	if (fg ? VTERM_COLOR_IS_DEFAULT_FG(c) : VTERM_COLOR_IS_DEFAULT_BG(c))
		snprintf(buf, size, "default");
	else if (VTERM_COLOR_IS_INDEXED(c))
		snprintf(buf, size, "idx %d", c->indexed.idx);
	else
		snprintf(buf, size, "rgb %d,%d,%d", c->rgb.red, c->rgb.green,
		    c->rgb.blue);
}

/* A cell as text: its characters (U+ numbers), width and attributes. */
static void
apps_desc(VTermScreenCell c, char *buf, size_t size)
{
	char fg[32], bg[32];
	size_t n = 0;
	int i;

	/* A cell never written and one holding a space look the same
	   (a terminal may skip blanks with a cursor motion), and so do
	   blanks of any foreground colour, boldness, italics or blinking
	   while nothing draws with the foreground (reverse, underline,
	   strike): only what can be seen is compared. */
	if (c.chars[0] == 0) {
		/* libvterm copies the characters up to the first 0 only:
		   the rest of chars[] is whatever was there before. */
		c.chars[0] = ' ';
		c.chars[1] = 0;
	}
	/* The right half of a wide character is drawn with the left: its
	   own attributes (what was there before) cannot be seen. */
	if (c.chars[0] == (uint32_t)-1) {
		snprintf(buf, size, "right half");
		return;
	}
	if (c.chars[0] == ' ' && c.chars[1] == 0 && !c.attrs.reverse &&
	    !c.attrs.underline && !c.attrs.strike) {
		vterm_color_indexed(&c.fg, 0);
		c.fg.type |= VTERM_COLOR_DEFAULT_FG;
		c.attrs.bold = c.attrs.italic = c.attrs.blink = 0;
	}
	for (i = 0; i < VTERM_MAX_CHARS_PER_CELL && c.chars[i] != 0; i++)
		n += snprintf(buf + n, size - n, "%s%04X", i ? "+" : "U+",
		    (unsigned)c.chars[i]);
	apps_colour(&c.fg, 1, fg, sizeof fg);
	apps_colour(&c.bg, 0, bg, sizeof bg);
	snprintf(buf + n, size - n, " w%d%s%s%s%s%s%s fg %s bg %s", c.width,
	    c.attrs.bold ? " bold" : "",
	    c.attrs.underline ? (c.attrs.underline == 1 ? " ul" : " ul2") : "",
	    c.attrs.italic ? " italic" : "", c.attrs.blink ? " blink" : "",
	    c.attrs.reverse ? " reverse" : "", c.attrs.strike ? " strike" : "",
	    fg, bg);
}

/* The cell at row, col of t as apps_desc says ("" off the screen). */
static void
apps_cell_desc(struct h_term *t, int row, int col, char *buf, size_t size)
{
	VTermScreenCell c;

	buf[0] = '\0';
	if (h_cell(t, row, col, &c) == 0)
		apps_desc(c, buf, size);
}

/* The number of differing cells between row ra of a and row rb of b;
   the first few are told with h_diag when tell is set. */
static int
apps_row_diff(struct h_term *a, int ra, struct h_term *b, int rb, int tell)
{
	char da[160], db[160];
	int col, n = 0;

	for (col = 0; col < b->cols; col++) {
		apps_cell_desc(a, ra, col, da, sizeof da);
		apps_cell_desc(b, rb, col, db, sizeof db);
		if (strcmp(da, db) == 0)
			continue;
		if (tell && n < 12)
			h_diag("row %d col %d: roost [%s], direct [%s]", ra,
			    col, da, db);
		n++;
	}
	return n;
}

/* The row of t whose text holds both words, or -1. */
static int
apps_find_header(struct h_term *t)
{
	char row[1024];
	int r;

	for (r = 0; r < t->rows; r++) {
		h_row_text(t, r, row, sizeof row);
		if (strstr(row, "PID") != NULL &&
		    strstr(row, "Command") != NULL)
			return r;
	}
	return -1;
}

/*
 * The number of differences between the window (roost side, the rows of
 * the direct terminal's size; its status line below them)
 * and the direct terminal under the case's rule; tell: say which.
 */
static int
apps_diff(struct h_term *r, struct h_term *d, enum apps_rows rows, int tell)
{
	int row, n = 0, rr, dr, rc, cc, dc, dcc;

	switch (rows) {
	case APPS_LAST_ROW:
		return apps_row_diff(r, d->rows - 1, d, d->rows - 1, tell);
	case APPS_HEADER_ROW:
		rr = apps_find_header(r);
		dr = apps_find_header(d);
		if (rr == -1 || dr == -1 || rr != dr) {
			if (tell)
				h_diag(
				    "header row: roost %d, direct %d", rr, dr);
			return 1;
		}
		return apps_row_diff(r, rr, d, dr, tell);
	case APPS_ALL:
		break;
	}
	for (row = 0; row < d->rows; row++)
		n += apps_row_diff(r, row, d, row, tell);
	h_cursor(r, &rc, &cc);
	h_cursor(d, &dc, &dcc);
	if (rc != dc || cc != dcc) {
		if (tell)
			h_diag("cursor: roost %d,%d, direct %d,%d", rc, cc, dc,
			    dcc);
		n++;
	}
	if (r->cursor_visible != d->cursor_visible) {
		if (tell)
			h_diag("cursor visible: roost %d, direct %d",
			    r->cursor_visible, d->cursor_visible);
		n++;
	}
	if (r->reverse != d->reverse) {
		if (tell)
			h_diag("reverse video: roost %d, direct %d", r->reverse,
			    d->reverse);
		n++;
	}
	return n;
}

/* ---- waiting ---- */

/* A fingerprint of the rows a case compares (text and attributes) and
   the cursor, to see when a screen stops changing. */
static unsigned long
apps_fingerprint(struct h_term *t, enum apps_rows rows, int rows_n, int cols_n)
{
	unsigned long h = 5381;
	char desc[160];
	int row, col, from = 0, to = rows_n, cr, cc;
	const char *p;

	if (rows == APPS_LAST_ROW)
		from = rows_n - 1;
	else if (rows == APPS_HEADER_ROW) {
		from = apps_find_header(t);
		if (from == -1)
			return 0;
		to = from + 1;
	}
	for (row = from; row < to; row++)
		for (col = 0; col < cols_n; col++) {
			apps_cell_desc(t, row, col, desc, sizeof desc);
			for (p = desc; *p != '\0'; p++)
				h = h * 33 + (unsigned char)*p;
		}
	if (rows == APPS_ALL) {
		h_cursor(t, &cr, &cc);
		h = h * 33 + (unsigned long)(cr * 1000 + cc);
		h = h * 33 + (unsigned long)t->cursor_visible;
	}
	return h;
}

/*
 * Wait until both terminals show text (when not NULL), then until both
 * screens have stayed unchanged for APPS_QUIET_MS. 0, or -1 with a
 * diagnostic.
 */
static int
apps_settle(
    struct h_term *r, struct h_term *d, const char *text, enum apps_rows rows)
{
	unsigned long hr = 0, hd = 0, nr, nd;
	long long end, since;

	if (text != NULL &&
	    (h_wait_text(r, text, 0) == -1 || h_wait_text(d, text, 0) == -1)) {
		h_diag("waiting for \"%s\"", text);
		return -1;
	}
	end = h_now_ms() + H_TIMEOUT_MS;
	since = h_now_ms();
	for (;;) {
		h_pump(r, 20);
		h_pump(d, 20);
		nr = apps_fingerprint(r, rows, d->rows, d->cols);
		nd = apps_fingerprint(d, rows, d->rows, d->cols);
		if (nr != hr || nd != hd) {
			hr = nr;
			hd = nd;
			since = h_now_ms();
		} else if (h_now_ms() - since >= APPS_QUIET_MS)
			return 0;
		if (h_now_ms() >= end) {
			h_diag("the screens never settled");
			return -1;
		}
	}
}

/* ---- typing ---- */

/* The keys a step may name in braces; the terminal (libvterm) encodes
   them as its modes say (DECCKM, keypad), as a real one would. */
static const struct {
	const char *name;
	VTermKey key;
} apps_keynames[] = {
	{ "{Up}", VTERM_KEY_UP },
	{ "{Down}", VTERM_KEY_DOWN },
	{ "{Left}", VTERM_KEY_LEFT },
	{ "{Right}", VTERM_KEY_RIGHT },
	{ "{Tab}", VTERM_KEY_TAB },
	{ "{PgDn}", VTERM_KEY_PAGEDOWN },
	{ "{PgUp}", VTERM_KEY_PAGEUP },
	{ "{F3}", VTERM_KEY_FUNCTION(3) },
	{ "{F9}", VTERM_KEY_FUNCTION(9) },
};

/* Type keys into t: bytes as they are, {Name} as that key. 0, or -1. */
static int
apps_keys(struct h_term *t, const char *keys)
{
	const char *p = keys, *q;
	size_t i, n;

	while (*p != '\0') {
		q = strchr(p, '{');
		n = q != NULL ? (size_t)(q - p) : strlen(p);
		if (n > 0 && h_send(t, p, n) == -1)
			return -1;
		p += n;
		if (*p == '\0')
			break;
		for (i = 0; i < sizeof apps_keynames / sizeof apps_keynames[0];
		     i++)
			if (strncmp(p, apps_keynames[i].name,
				strlen(apps_keynames[i].name)) == 0)
				break;
		if (i == sizeof apps_keynames / sizeof apps_keynames[0]) {
			h_diag("unknown key name at \"%s\"", p);
			return -1;
		}
		/* The encoding goes to the program through the output
		   callback, the way libvterm answers queries. */
		vterm_keyboard_key(t->vt, apps_keynames[i].key, VTERM_MOD_NONE);
		p += strlen(apps_keynames[i].name);
	}
	return 0;
}

/* The program name found in $PATH (as the windows and the direct side
   get it) into path. 0, or -1 when it is not there. */
static int
apps_which(const char *name, char *path, size_t size)
{
	const char *p = getenv("PATH"), *e;

	if (p == NULL || *p == '\0')
		p = "/usr/local/bin:/usr/bin:/bin";
	for (; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		e = strchr(p, ':');
		if (e == NULL)
			e = p + strlen(p);
		if (e == p)
			continue;
		snprintf(path, size, "%.*s/%s", (int)(e - p), p, name);
		if (access(path, X_OK) == 0)
			return 0;
	}
	return -1;
}

/* ---- reasoned divergences of the reference ---- */

/* 1 when colour d is what libvterm makes of "38:2:Pi:Pr:Pg:Pb" with
   Pi 0 (it takes Pi for red and drops blue) and r the right reading. */
static int
apps_pi_as_red(const VTermColor *r, const VTermColor *d)
{
	return VTERM_COLOR_IS_RGB(r) && VTERM_COLOR_IS_RGB(d) &&
	    d->rgb.red == 0 && d->rgb.green == r->rgb.red &&
	    d->rgb.blue == r->rgb.green;
}

/*
 * xterm's ctlseqs, SGR: "Ps = 3 8 : 2 : Pi : Pr : Pg : Pb: Set foreground
 * color using RGB values ... The color space identifier Pi is ignored"
 * (48 for the background alike). libvterm 0.1.4 reads Pi as the red
 * component. 1 when that explains every difference: each differing cell
 * differs only in such a colour, and the cursor agrees.
 */
static int
apps_explained_pi(struct h_term *r, struct h_term *d)
{
	VTermScreenCell rc, dc;
	char rd[160], dd[160];
	int row, col, n = 0, r1, c1, r2, c2;

	for (row = 0; row < d->rows; row++)
		for (col = 0; col < d->cols; col++) {
			if (h_cell(r, row, col, &rc) == -1 ||
			    h_cell(d, row, col, &dc) == -1)
				return 0;
			apps_desc(rc, rd, sizeof rd);
			apps_desc(dc, dd, sizeof dd);
			if (strcmp(rd, dd) == 0)
				continue;
			if (apps_pi_as_red(&rc.fg, &dc.fg))
				dc.fg = rc.fg;
			if (apps_pi_as_red(&rc.bg, &dc.bg))
				dc.bg = rc.bg;
			apps_desc(dc, dd, sizeof dd);
			if (strcmp(rd, dd) != 0)
				return 0;
			n++;
		}
	h_cursor(r, &r1, &c1);
	h_cursor(d, &r2, &c2);
	return n > 0 && r1 == r2 && c1 == c2;
}

/* Cases whose differences may come from the reference, libvterm, being
   wrong; each is a skip only when its function explains them all. */
static const struct {
	const char *name;
	int (*explained)(struct h_term *, struct h_term *);
	const char *reason;
} apps_divergences[] = {
	{ "apps: less -R colon RGB", apps_explained_pi,
	    "libvterm 0.1.4 reads the colour space Pi of SGR 38:2:Pi:Pr:Pg:Pb "
	    "as red; xterm's ctlseqs says Pi is ignored" },
};

/* ---- the cases ---- */

static int
apps_run(void)
{
	const struct apps_case *c = apps_cur;
	const char *rargv[16], *dargv[16];
	char path[1024];
	struct h_term *r, *d;
	const struct apps_step *s;
	int i, n, last, rows, cols;
	long long end;
	char rhome[1024], dhome[1024];

	if (apps_which(c->program, path, sizeof path) == -1) {
		printf("# WARNING: %s is not installed: \"%s\" skipped\n",
		    c->program, c->name);
		H_SKIP_IF(1, "%s not installed", c->program);
	}
	apps_homes = 0;
	apps_env_roost[2] = apps_env_direct[3] = NULL;
	if (c->setup != NULL)
		c->setup();
	if (apps_homes) {
		snprintf(rhome, sizeof rhome, "HOME=%s/home-r", h_home());
		snprintf(dhome, sizeof dhome, "HOME=%s/home-d", h_home());
		apps_env_roost[2] = rhome;
		apps_env_direct[3] = dhome;
	}
	rargv[0] = NULL; /* roost */
	rargv[1] = "-S";
	rargv[2] = "apps";
	rargv[3] = path;
	dargv[0] = path;
	for (i = 1; c->argv[i] != NULL; i++)
		rargv[3 + i] = dargv[i] = c->argv[i];
	rargv[3 + i] = dargv[i] = NULL;
	r = h_spawn(rargv, apps_env_roost, ROWS + 1, COLS);
	H_REQUIRE(r != NULL, "roost with %s", path);
	d = h_spawn(dargv, apps_env_direct, ROWS, COLS);
	H_REQUIRE(d != NULL, "%s directly", path);
	snprintf(r->name, sizeof r->name, "roost (window rows 0-%d)", ROWS - 1);
	snprintf(d->name, sizeof d->name, "%.40s directly", path);

	for (last = 0; last + 1 < APPS_MAX_STEPS && c->steps[last + 1] != NULL;
	     last++)
		;
	for (i = 0; i <= last; i++) {
		s = c->steps[i];
		if (sscanf(s->keys, "{Size %dx%d}", &rows, &cols) == 2) {
			H_REQUIRE(h_resize(r, rows + 1, cols) == 0 &&
				h_resize(d, rows, cols) == 0,
			    "resize to %dx%d", rows, cols);
		} else if (*s->keys != '\0') {
			H_REQUIRE(apps_keys(r, s->keys) == 0 &&
				apps_keys(d, s->keys) == 0,
			    "type step %d", i);
		}
		H_REQUIRE(apps_settle(r, d, s->expect, c->rows) == 0,
		    "step %d settles", i);
	}
	/* A late redraw may still be on its way: give the screens a while
	   to agree before calling it a difference. */
	end = h_now_ms() + 2000;
	while ((n = apps_diff(r, d, c->rows, 0)) != 0 && h_now_ms() < end) {
		h_pump(r, 50);
		h_pump(d, 50);
	}
	/* APPS_SHOW=1 prints the compared screens of passing cases too. */
	if (getenv("APPS_SHOW") != NULL && n == 0) {
		h_dump(r);
		h_dump(d);
	}
	for (i = 0; n != 0 &&
	     i < (int)(sizeof apps_divergences / sizeof apps_divergences[0]);
	     i++) {
		if (strcmp(c->name, apps_divergences[i].name) == 0 &&
		    apps_divergences[i].explained(r, d)) {
			h_skip_reason(
			    "divergence: %s", apps_divergences[i].reason);
			return H_SKIP;
		}
	}
	if (n != 0) {
		h_diag("%d differences between the window and the direct "
		       "terminal:",
		    n);
		apps_diff(r, d, c->rows, 1);
		return H_FAIL;
	}
	return H_PASS;
}

#define VIM "vim"
#define VIM_ARGV                                         \
	{                                                \
		VIM, "-n", "-i", "NONE", "hello.c", NULL \
	}
#define LESS  "less"
#define MC    "mc"
#define EMACS "emacs"
/* Both sides visit the same file: no lock files, or the second asks. */
#define EMACS_ARGV                                                           \
	{                                                                    \
		EMACS, "-nw", "-Q", "--eval", "(setq create-lockfiles nil)", \
		    NULL                                                     \
	}
#define HTOP "htop"

/* Five wide characters (U+65E5, two columns each). */
#define WIDE5 "\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5"

static const struct apps_step vim_open = { "", "\"hello.c\"" };
static const struct apps_step vim_move = { "5jwww", "6,11" };
static const struct apps_step vim_split = { ":split\r", NULL };
static const struct apps_step vim_vsplit = { ":vsplit\r", NULL };
static const struct apps_step vim_wide = {
	"Go\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e wide \xe6\x96\x87\xe5\xad\x97 "
	"ok\033",
	"\xe6\x96\x87\xe5\xad\x97 ok"
};
static const struct apps_step vim_scroll = { "gg\x06\x05\x05", NULL };
/* A line of wide characters wider than the 40-column window: the one
   that does not fit goes to the next row, a filler left behind. */
static const struct apps_step vim_edge = {
	"Goa" WIDE5 WIDE5 WIDE5 WIDE5 WIDE5 " end\033", " end"
};
/* C-e and C-y in the top window of a split: a scroll region. */
/* Search matches in a background colour, the cursor line underlined. */
static const struct apps_step vim_hlsearch = {
	":set hlsearch cursorline\r/func\r", "/func"
};
/* A shell command: vim leaves the alternate screen and comes back. */
static const struct apps_step vim_shell = { ":!echo out-$((6*7))\r",
	"Press ENTER" };
static const struct apps_step vim_back = { "\r", "\"str1\"" };
static const struct apps_step vim_region = { ":split\r\x05\x05\x05\x19", NULL };

static const struct apps_step less_open = { "", "long.txt" };
static const struct apps_step less_search = { "/needle\r", "line 028" };
static const struct apps_step less_forward = { "  ", "line 07" };
static const struct apps_step less_back = { "b", NULL };

static const struct apps_step chop_open = { "", "chop.txt" };
static const struct apps_step chop_right = { "{Right}", "col109" };

static const struct apps_step colours_open = { "", "colours.txt" };
static const struct apps_step colours_down = { "         ", "sgr 13" };

static const struct apps_step colon_open = { "", "colon.txt" };

static const struct apps_step unicode_open = { "", "unicode.txt" };

static const struct apps_step mc_open = { "", "subdir" };
static const struct apps_step mc_move = { "{Down}{Down}{Down}{Tab}{Down}",
	NULL };
static const struct apps_step mc_view = { "{Down}{F3}", "UnWrap" };
static const struct apps_step mc_menu = { "{F9}", "Listing format" };
static const struct apps_step mc_menu_next = { "{Right}{Right}",
	"Filtered view" };

static const struct apps_step emacs_start = { "", "C-h C-a" };
static const struct apps_step emacs_file = { "\x18\x06hello.c\r", "func1" };
static const struct apps_step emacs_mx = { "\033x", "M-x" };
/* C-g quits the M-x prompt; typed apart from what follows: emacs throws
   away keys already typed when it quits (a race if sent together). */
static const struct apps_step emacs_quit = { "\x07", "Quit" };
static const struct apps_step emacs_split2 = { "\x18"
					       "2",
	NULL };
static const struct apps_step emacs_split3 = { "\x18"
					       "3",
	NULL };
static const struct apps_step emacs_wide = {
	WIDE5 WIDE5 WIDE5 WIDE5 WIDE5 " wide", " wide"
};

/* Every colour emacs knows, 24-bit ones included (COLORTERM). */
static const struct apps_step emacs_colours = { "\033xlist-colors-display\r",
	"brightred" };
static const struct apps_step emacs_colours_more = { "\x18o\x16\x16\x16",
	NULL };

static const struct apps_step htop_open = { "", "F10Quit" };

/* Larger, then smaller than it started: the program redraws for the
   window's new size. */
static const struct apps_step grow = { "{Size 30x100}", NULL };
static const struct apps_step shrink = { "{Size 20x60}", NULL };

static const struct apps_case apps_cases[] = {
	{ "apps: vim open with syntax highlighting", VIM, VIM_ARGV,
	    apps_setup_c, APPS_ALL, { &vim_open } },
	{ "apps: vim move", VIM, VIM_ARGV, apps_setup_c, APPS_ALL,
	    { &vim_open, &vim_move } },
	{ "apps: vim split", VIM, VIM_ARGV, apps_setup_c, APPS_ALL,
	    { &vim_open, &vim_move, &vim_split } },
	{ "apps: vim vsplit", VIM, VIM_ARGV, apps_setup_c, APPS_ALL,
	    { &vim_open, &vim_move, &vim_split, &vim_vsplit } },
	{ "apps: vim wide characters", VIM, VIM_ARGV, apps_setup_c, APPS_ALL,
	    { &vim_open, &vim_move, &vim_split, &vim_vsplit, &vim_wide } },
	{ "apps: vim scroll", VIM, VIM_ARGV, apps_setup_c, APPS_ALL,
	    { &vim_open, &vim_move, &vim_split, &vim_vsplit, &vim_wide,
		&vim_scroll } },
	{ "apps: vim wide characters at a window's edge", VIM, VIM_ARGV,
	    apps_setup_c, APPS_ALL,
	    { &vim_open, &vim_move, &vim_split, &vim_vsplit, &vim_edge } },
	{ "apps: vim search highlighting and cursor line", VIM, VIM_ARGV,
	    apps_setup_c, APPS_ALL, { &vim_open, &vim_hlsearch } },
	{ "apps: vim shell command", VIM, VIM_ARGV, apps_setup_c, APPS_ALL,
	    { &vim_open, &vim_shell } },
	{ "apps: vim back from a shell command", VIM, VIM_ARGV, apps_setup_c,
	    APPS_ALL, { &vim_open, &vim_shell, &vim_back } },
	{ "apps: vim scroll in a split", VIM, VIM_ARGV, apps_setup_c, APPS_ALL,
	    { &vim_open, &vim_region } },
	{ "apps: vim grown", VIM, VIM_ARGV, apps_setup_c, APPS_ALL,
	    { &vim_open, &vim_move, &vim_split, &vim_vsplit, &grow } },
	{ "apps: vim shrunk", VIM, VIM_ARGV, apps_setup_c, APPS_ALL,
	    { &vim_open, &vim_move, &vim_split, &vim_vsplit, &grow, &shrink } },
	{ "apps: less open", LESS, { LESS, "long.txt", NULL }, apps_setup_long,
	    APPS_ALL, { &less_open } },
	{ "apps: less search highlighting", LESS, { LESS, "long.txt", NULL },
	    apps_setup_long, APPS_ALL, { &less_open, &less_search } },
	{ "apps: less forward", LESS, { LESS, "long.txt", NULL },
	    apps_setup_long, APPS_ALL,
	    { &less_open, &less_search, &less_forward } },
	{ "apps: less back", LESS, { LESS, "long.txt", NULL }, apps_setup_long,
	    APPS_ALL, { &less_open, &less_search, &less_forward, &less_back } },
	{ "apps: less -S scrolled right", LESS,
	    { LESS, "-S", "chop.txt", NULL }, apps_setup_chop, APPS_ALL,
	    { &chop_open, &chop_right } },
	{ "apps: less -R colours", LESS, { LESS, "-R", "colours.txt", NULL },
	    apps_setup_colours, APPS_ALL, { &colours_open } },
	{ "apps: less -R attributes", LESS, { LESS, "-R", "colours.txt", NULL },
	    apps_setup_colours, APPS_ALL, { &colours_open, &colours_down } },
	{ "apps: less -R colon RGB", LESS, { LESS, "-R", "colon.txt", NULL },
	    apps_setup_colon, APPS_ALL, { &colon_open } },
	{ "apps: less wide characters and combining marks", LESS,
	    { LESS, "unicode.txt", NULL }, apps_setup_unicode, APPS_ALL,
	    { &unicode_open } },
	{ "apps: mc panels", MC, { MC, "-u", "d/left", "d/right", NULL },
	    apps_setup_mc, APPS_ALL, { &mc_open } },
	{ "apps: mc selection moved", MC,
	    { MC, "-u", "d/left", "d/right", NULL }, apps_setup_mc, APPS_ALL,
	    { &mc_open, &mc_move } },
	{ "apps: mc F9 menu", MC, { MC, "-u", "d/left", "d/right", NULL },
	    apps_setup_mc, APPS_ALL, { &mc_open, &mc_move, &mc_menu } },
	{ "apps: mc next menu", MC, { MC, "-u", "d/left", "d/right", NULL },
	    apps_setup_mc, APPS_ALL,
	    { &mc_open, &mc_move, &mc_menu, &mc_menu_next } },
	{ "apps: mc viewer", MC, { MC, "-u", "d/left", "d/right", NULL },
	    apps_setup_mc, APPS_ALL, { &mc_open, &mc_move, &mc_view } },
	{ "apps: mc grown", MC, { MC, "-u", "d/left", "d/right", NULL },
	    apps_setup_mc, APPS_ALL, { &mc_open, &mc_move, &grow } },
	{ "apps: mc shrunk", MC, { MC, "-u", "d/left", "d/right", NULL },
	    apps_setup_mc, APPS_ALL, { &mc_open, &mc_move, &grow, &shrink } },
	{ "apps: emacs start screen", EMACS, EMACS_ARGV, apps_setup_c, APPS_ALL,
	    { &emacs_start } },
	{ "apps: emacs file", EMACS, EMACS_ARGV, apps_setup_c, APPS_ALL,
	    { &emacs_start, &emacs_file } },
	{ "apps: emacs M-x", EMACS, EMACS_ARGV, apps_setup_c, APPS_ALL,
	    { &emacs_start, &emacs_file, &emacs_mx } },
	{ "apps: emacs C-x 2", EMACS, EMACS_ARGV, apps_setup_c, APPS_ALL,
	    { &emacs_start, &emacs_file, &emacs_mx, &emacs_quit,
		&emacs_split2 } },
	{ "apps: emacs C-x 3", EMACS, EMACS_ARGV, apps_setup_c, APPS_ALL,
	    { &emacs_start, &emacs_file, &emacs_mx, &emacs_quit, &emacs_split2,
		&emacs_split3 } },
	{ "apps: emacs wide characters", EMACS, EMACS_ARGV, apps_setup_c,
	    APPS_ALL,
	    { &emacs_start, &emacs_file, &emacs_mx, &emacs_quit, &emacs_split2,
		&emacs_split3, &emacs_wide } },
	{ "apps: emacs shrunk", EMACS, EMACS_ARGV, apps_setup_c, APPS_ALL,
	    { &emacs_start, &emacs_file, &emacs_mx, &emacs_quit, &emacs_split2,
		&emacs_split3, &shrink } },
	{ "apps: emacs list-colors-display", EMACS, EMACS_ARGV, apps_setup_c,
	    APPS_ALL, { &emacs_start, &emacs_colours, &emacs_colours_more } },
	/* htop redraws its meters and processes every refresh: only its
	   function-key bar and its column header are the same on both. */
	{ "apps: htop function-key bar", HTOP, { HTOP, "-d", "100", NULL },
	    NULL, APPS_LAST_ROW, { &htop_open } },
	{ "apps: htop column header", HTOP, { HTOP, "-d", "100", NULL }, NULL,
	    APPS_HEADER_ROW, { &htop_open } },
};

int
main(int argc, char **argv)
{
	size_t i;

	h_init();
	for (i = 0; i < sizeof apps_cases / sizeof apps_cases[0]; i++) {
		/* An argument runs only the cases whose name holds it. */
		if (argc > 1 && strstr(apps_cases[i].name, argv[1]) == NULL)
			continue;
		apps_cur = &apps_cases[i];
		h_case(apps_cur->name, apps_run);
	}
	return h_done();
}
