/*
 * vt-script.c -- runs the emulator's script tests (tests/vt/cases/\*.test)
 * against libvt through its public API (src/vt/vt.h) only, printing one TAP
 * line per test case. It owns the script format below and must not reach
 * into the emulator's internals: what it checks is what a display or a
 * program could observe.
 *
 * Usage: vt-script [-v] [FILE|DIR ...]
 * Without arguments it runs $ROOST_SRCDIR/tests/vt/cases/\*.test (ROOST_SRCDIR
 * defaults to "."), in name order. -v dumps the screen after each case.
 *
 * Script format: one command a line; blank lines and lines starting with
 * '#' are ignored. Arguments are words or double-quoted strings; a word of
 * the form key="..." takes a quoted value. Quoted strings know the escapes
 * \e (ESC), \xHH, \ooo (octal), \n \r \t \a \b \f \v \0 \\ \" and \uHHHH or
 * \u{H...} (the code point, encoded as UTF-8).
 *
 *   test NAME...            start a case: a fresh 25x80 emulator with a
 *                           1000-line history; replies, bells, titles cleared.
 *                           A file without "test" lines is one case named
 *                           after the file.
 *   size ROWS COLS [HIST]   replace the emulator by a fresh one of that size
 *   resize ROWS COLS        vt_resize(), which must succeed
 *   history-limit N         vt_set_history_limit()
 *   reset                   vt_reset() (RIS through the API)
 *   push STR...             vt_feed() each string in turn
 *   pushrep N STR           vt_feed() STR N times
 *   expect row ROW STR      the text of ROW (negative: history) is STR.
 *                           Text: each cell's characters, an erased cell as
 *                           a space, right halves of wide characters
 *                           skipped, trailing spaces ignored on both sides.
 *   expect historyrow ROW STR   the same, ROW must be negative
 *   expect cursor ROW COL   vt_cursor()
 *   expect pending-wrap on|off
 *   expect cell ROW COL SPEC...   one cell; SPEC words:
 *        ch=STR   its characters (ch=" " also matches an erased cell,
 *                 ch="" only an erased one)
 *        width=N  1, 2, or 0 for the right half of a wide character
 *        bold faint italic blink inverse invisible strike overline
 *        protected: attribute set; -bold etc.: attribute clear;
 *        noattrs: no attribute set
 *        ul=N     underline style 0..5
 *        fg=C bg=C ulc=C   colour: default | idx:N | rgb:R,G,B
 *        link=STR the OSC 8 URI; link=none: no hyperlink
 *   expect reply STR        the replies written since the case began (or
 *                           since the previous reply check) are exactly STR
 *   expect reply-re REGEX   the same, matched against a POSIX extended
 *                           regular expression (for replies whose details
 *                           are the terminal's choice, as DA2's version)
 *   expect noreply          none were written
 *   expect mode NAME on|off a VT_MODE_* bit, NAME in lower case without
 *                           the prefix (cursor_keys, origin, ...)
 *   expect title STR        vt_title()
 *   expect title-len MIN MAX   strlen(vt_title()) is within MIN..MAX
 *   expect history N        vt_history_size()
 *   expect wrapped ROW on|off   vt_line_wrapped()
 *   expect cursor-style N   vt_cursor_style()
 *   expect size ROWS COLS   vt_rows(), vt_cols()
 *   expect bells N          BEL callbacks since the case began
 *   expect clipboard SEL DATA   the last OSC 52 callback
 *   mark                    remember vt_generation() and vt_line_seq()
 *   expect changed on|off   vt_generation() differs from the mark (or not)
 *   expect row-changed ROW on|off   vt_line_seq(ROW) differs from the mark
 *
 * After every push, resize, reset and history-limit, vt_line_seq()'s
 * promise is checked on its own (vt-seq-check.h): a row whose number did
 * not change must show what it showed; a case breaking it fails.
 *   dump                    print the screen as "# " lines
 *
 * Expectations come from xterm's ctlseqs, never from the implementation.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <locale.h>
#include <regex.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "vt-seq-check.h"
#include "vt/vt.h"

#define VT_SCRIPT_MAXARGS 64
#define VT_SCRIPT_LINE	  65536

/* One argument of a script line: bytes and their length. */
struct vt_script_arg {
	char *s;
	size_t len;
	int quoted;
};

/* The state of the case being run. */
struct vt_script_case {
	const char *file;
	char name[256];
	struct vt *vt;
	int active;
	int failed;
	int checks;
	char *replies;
	size_t nreplies;
	unsigned bells;
	uint64_t mark;
	uint64_t *mark_seq; /* vt_line_seq() of each row at the mark */
	unsigned mark_rows;
	struct vt_seq_snap snap; /* rows at the last seq check */
	char clip_sel[64];
	char *clip_data;
	char *diag;
	size_t ndiag;
};

static int vt_script_verbose;
static unsigned vt_script_passed, vt_script_failed;

static void
vt_script_cb_reply(void *arg, const char *buf, size_t len)
{
	struct vt_script_case *c = arg;

	c->replies = realloc(c->replies, c->nreplies + len + 1);
	if (c->replies == NULL)
		abort();
	memcpy(c->replies + c->nreplies, buf, len);
	c->nreplies += len;
	c->replies[c->nreplies] = '\0';
}

static void
vt_script_cb_bell(void *arg)
{
	struct vt_script_case *c = arg;

	c->bells++;
}

static void
vt_script_cb_clipboard(void *arg, const char *sel, const char *data)
{
	struct vt_script_case *c = arg;

	snprintf(c->clip_sel, sizeof c->clip_sel, "%s", sel);
	free(c->clip_data);
	c->clip_data = strdup(data);
}

static const struct vt_callbacks vt_script_callbacks = {
	.reply = vt_script_cb_reply,
	.bell = vt_script_cb_bell,
	.clipboard = vt_script_cb_clipboard,
};

/* Append a diagnostic line ("# " is added) to the case's report. */
static void
vt_script_diag(struct vt_script_case *c, const char *fmt, ...)
{
	va_list ap;
	char buf[4096];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof buf)
		n = sizeof buf - 1;
	c->diag = realloc(c->diag, c->ndiag + n + 4);
	if (c->diag == NULL)
		abort();
	memcpy(c->diag + c->ndiag, "# ", 2);
	memcpy(c->diag + c->ndiag + 2, buf, n);
	c->ndiag += n + 2;
	c->diag[c->ndiag++] = '\n';
	c->diag[c->ndiag] = '\0';
}

static void
vt_script_fail(struct vt_script_case *c, unsigned line, const char *fmt, ...)
{
	va_list ap;
	char buf[4096];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	c->failed = 1;
	vt_script_diag(c, "%s:%u: %s", c->file, line, buf);
}

/* Quote bytes for a diagnostic: printable ASCII and UTF-8 as is, others
   as \xHH, ESC as \e. */
static void
vt_script_quote(const char *s, size_t len, char *out, size_t size)
{
	size_t i, o = 0;
	unsigned char ch;

	for (i = 0; i < len && o + 6 < size; i++) {
		ch = s[i];
		if (ch == 0x1b)
			o += snprintf(out + o, size - o, "\\e");
		else if (ch == '"' || ch == '\\')
			o += snprintf(out + o, size - o, "\\%c", ch);
		else if (ch < 0x20 || ch == 0x7f)
			o += snprintf(out + o, size - o, "\\x%02x", ch);
		else
			out[o++] = ch;
	}
	out[o] = '\0';
}

static void
vt_script_utf8_put(char **o, uint32_t cp)
{
	unsigned char *p = (unsigned char *)*o;

	if (cp < 0x80)
		*p++ = cp;
	else if (cp < 0x800) {
		*p++ = 0xc0 | (cp >> 6);
		*p++ = 0x80 | (cp & 0x3f);
	} else if (cp < 0x10000) {
		*p++ = 0xe0 | (cp >> 12);
		*p++ = 0x80 | ((cp >> 6) & 0x3f);
		*p++ = 0x80 | (cp & 0x3f);
	} else {
		*p++ = 0xf0 | (cp >> 18);
		*p++ = 0x80 | ((cp >> 12) & 0x3f);
		*p++ = 0x80 | ((cp >> 6) & 0x3f);
		*p++ = 0x80 | (cp & 0x3f);
	}
	*o = (char *)p;
}

static int
vt_script_hex(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/*
 * Split a line into arguments, decoding quoted strings in place (decoded
 * text is never longer than its source). Returns the count, or -1 on a
 * syntax error.
 */
static int
vt_script_split(char *line, struct vt_script_arg *args, int max)
{
	char *p = line, *o;
	int n = 0, d;
	uint32_t cp;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || *p == '\n' || *p == '\r')
			return n;
		if (n == max)
			return -1;
		args[n].s = o = p;
		args[n].quoted = 0;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n' &&
		    *p != '\r') {
			if (*p != '"') {
				*o++ = *p++;
				continue;
			}
			args[n].quoted = 1;
			p++;
			while (*p != '"') {
				if (*p == '\0' || *p == '\n')
					return -1;
				if (*p != '\\') {
					*o++ = *p++;
					continue;
				}
				p++;
				switch (*p) {
				case 'e':
					*o++ = 0x1b;
					p++;
					break;
				case 'n':
					*o++ = '\n';
					p++;
					break;
				case 'r':
					*o++ = '\r';
					p++;
					break;
				case 't':
					*o++ = '\t';
					p++;
					break;
				case 'a':
					*o++ = '\a';
					p++;
					break;
				case 'b':
					*o++ = '\b';
					p++;
					break;
				case 'f':
					*o++ = '\f';
					p++;
					break;
				case 'v':
					*o++ = '\v';
					p++;
					break;
				case 'x':
					p++;
					if (vt_script_hex(p[0]) < 0 ||
					    vt_script_hex(p[1]) < 0)
						return -1;
					*o++ = vt_script_hex(p[0]) * 16 +
					    vt_script_hex(p[1]);
					p += 2;
					break;
				case 'u':
					p++;
					cp = 0;
					if (*p == '{') {
						p++;
						while ((d = vt_script_hex(
							    *p)) >= 0) {
							cp = cp * 16 + d;
							p++;
						}
						if (*p++ != '}')
							return -1;
					} else {
						for (d = 0; d < 4; d++) {
							if (vt_script_hex(*p) <
							    0)
								return -1;
							cp = cp * 16 +
							    vt_script_hex(*p++);
						}
					}
					if (cp > 0x10ffff)
						return -1;
					/* \u is at least 2 source bytes per
					   output byte only for short code
					   points; \u{..} always fits. */
					vt_script_utf8_put(&o, cp);
					break;
				default:
					if (*p >= '0' && *p <= '7') {
						d = 0;
						cp = 0;
						while (d < 3 && *p >= '0' &&
						    *p <= '7') {
							cp =
							    cp * 8 + (*p - '0');
							p++;
							d++;
						}
						*o++ = (char)cp;
					} else if (*p == '\0')
						return -1;
					else
						*o++ = *p++;
					break;
				}
			}
			p++;
		}
		args[n].len = o - args[n].s;
		if (*p != '\0')
			p++;
		/* Decoding never lengthens text, so the terminator lands on
		   the separator just consumed or on the line's own end. */
		*o = '\0';
		n++;
	}
}

/* The text of a row as the script compares it; NULL if out of range. */
static char *
vt_script_row_text(struct vt *vt, int row)
{
	unsigned cols = vt_cols(vt), i;
	struct vt_cell *cells;
	char *text, *o, buf[64];
	size_t len;
	int n;

	cells = calloc(cols, sizeof *cells);
	text = malloc(cols * (VT_CELL_CHARS * 4 + 1) + 1);
	if (cells == NULL || text == NULL)
		abort();
	n = vt_get_line(vt, row, cells, cols);
	if (n < 0) {
		free(cells);
		free(text);
		return NULL;
	}
	o = text;
	for (i = 0; i < (unsigned)n; i++) {
		if (cells[i].width == 0 && cells[i].ch[0] == 0 && i > 0 &&
		    cells[i - 1].width == 2)
			continue;
		if (cells[i].ch[0] == 0) {
			*o++ = ' ';
			continue;
		}
		len = vt_cell_utf8(&cells[i], buf, sizeof buf);
		memcpy(o, buf, len);
		o += len;
	}
	while (o > text && o[-1] == ' ')
		o--;
	*o = '\0';
	free(cells);
	return text;
}

static void
vt_script_dump(struct vt_script_case *c)
{
	unsigned r, cr, cc;
	char *t;

	vt_cursor(c->vt, &cr, &cc);
	printf("# screen %ux%u cursor %u,%u%s history %u\n", vt_rows(c->vt),
	    vt_cols(c->vt), cr, cc,
	    vt_cursor_pending_wrap(c->vt) ? " (pending wrap)" : "",
	    vt_history_size(c->vt));
	for (r = 0; r < vt_rows(c->vt); r++) {
		t = vt_script_row_text(c->vt, (int)r);
		printf("# %2u|%s|%s\n", r, t != NULL ? t : "(error)",
		    vt_line_wrapped(c->vt, (int)r) ? " +" : "");
		free(t);
	}
}

static void
vt_script_end(struct vt_script_case *c, unsigned line)
{
	if (!c->active)
		return;
	if (c->checks == 0)
		vt_script_fail(c, line, "case has no expectations");
	if (vt_script_verbose && c->vt != NULL)
		vt_script_dump(c);
	if (c->failed) {
		printf("not ok - %s\n", c->name);
		if (c->diag != NULL)
			fputs(c->diag, stdout);
		vt_script_failed++;
	} else {
		printf("ok - %s\n", c->name);
		vt_script_passed++;
	}
	fflush(stdout);
	vt_free(c->vt);
	c->vt = NULL;
	vt_seq_snap_free(&c->snap);
	free(c->mark_seq);
	c->mark_seq = NULL;
	c->mark_rows = 0;
	free(c->replies);
	c->replies = NULL;
	c->nreplies = 0;
	free(c->clip_data);
	c->clip_data = NULL;
	c->clip_sel[0] = '\0';
	free(c->diag);
	c->diag = NULL;
	c->ndiag = 0;
	c->active = 0;
}

/* vt_line_seq()'s promise, after a step of the script at line. */
static void
vt_script_seq_check(struct vt_script_case *c, unsigned line)
{
	int row = vt_seq_snap_check(&c->snap, c->vt);

	if (row >= 0)
		vt_script_fail(c, line,
		    "row %d changed while vt_line_seq() stayed the same", row);
}

static int
vt_script_new_vt(
    struct vt_script_case *c, unsigned rows, unsigned cols, unsigned hist)
{
	if (c->vt != NULL)
		vt_free(c->vt);
	vt_seq_snap_free(&c->snap); /* numbers of another emulator */
	c->vt = vt_create(rows, cols, hist, &vt_script_callbacks, c);
	return c->vt == NULL ? -1 : 0;
}

static void
vt_script_begin(struct vt_script_case *c, const char *name, unsigned line)
{
	snprintf(c->name, sizeof c->name, "%s", name);
	c->active = 1;
	c->failed = 0;
	c->checks = 0;
	c->bells = 0;
	if (vt_script_new_vt(c, 25, 80, 1000) != 0)
		vt_script_fail(c, line, "vt_create failed");
}

/* Parse a number argument; returns 0 on success. */
static int
vt_script_num(const struct vt_script_arg *a, long *v)
{
	char *end;

	errno = 0;
	*v = strtol(a->s, &end, 0);
	if (a->len == 0 || *end != '\0' || errno != 0)
		return -1;
	return 0;
}

static int
vt_script_onoff(const struct vt_script_arg *a)
{
	if (strcmp(a->s, "on") == 0 || strcmp(a->s, "yes") == 0 ||
	    strcmp(a->s, "1") == 0)
		return 1;
	if (strcmp(a->s, "off") == 0 || strcmp(a->s, "no") == 0 ||
	    strcmp(a->s, "0") == 0)
		return 0;
	return -1;
}

static const struct {
	const char *name;
	uint32_t bit;
} vt_script_modes[] = {
	{ "cursor_keys", VT_MODE_CURSOR_KEYS },
	{ "keypad", VT_MODE_KEYPAD },
	{ "insert", VT_MODE_INSERT },
	{ "newline", VT_MODE_NEWLINE },
	{ "origin", VT_MODE_ORIGIN },
	{ "autowrap", VT_MODE_AUTOWRAP },
	{ "cursor_visible", VT_MODE_CURSOR_VISIBLE },
	{ "reverse", VT_MODE_REVERSE },
	{ "altscreen", VT_MODE_ALTSCREEN },
	{ "mouse_x10", VT_MODE_MOUSE_X10 },
	{ "mouse_normal", VT_MODE_MOUSE_NORMAL },
	{ "mouse_button", VT_MODE_MOUSE_BUTTON },
	{ "mouse_any", VT_MODE_MOUSE_ANY },
	{ "mouse_utf8", VT_MODE_MOUSE_UTF8 },
	{ "mouse_sgr", VT_MODE_MOUSE_SGR },
	{ "mouse_urxvt", VT_MODE_MOUSE_URXVT },
	{ "focus", VT_MODE_FOCUS },
	{ "bracketed_paste", VT_MODE_BRACKETED_PASTE },
	{ "sync", VT_MODE_SYNC },
	{ "cursor_blink", VT_MODE_CURSOR_BLINK },
	{ "reverse_wrap", VT_MODE_REVERSE_WRAP },
	{ "lrmm", VT_MODE_LRMM },
};

static const struct {
	const char *name;
	uint16_t bit;
} vt_script_attrs[] = {
	{ "bold", VT_ATTR_BOLD },
	{ "faint", VT_ATTR_FAINT },
	{ "italic", VT_ATTR_ITALIC },
	{ "blink", VT_ATTR_BLINK },
	{ "inverse", VT_ATTR_INVERSE },
	{ "invisible", VT_ATTR_INVISIBLE },
	{ "strike", VT_ATTR_STRIKE },
	{ "overline", VT_ATTR_OVERLINE },
	{ "protected", VT_ATTR_PROTECTED },
};

/* Parse "default", "idx:N" or "rgb:R,G,B"; 0 on success. */
static int
vt_script_colour(const char *s, uint32_t *c)
{
	unsigned a, b, d;
	char extra;

	if (strcmp(s, "default") == 0) {
		*c = VT_COLOUR_DEFAULT;
		return 0;
	}
	if (sscanf(s, "idx:%u%c", &a, &extra) == 1 && a < 256) {
		*c = VT_COLOUR_INDEXED(a);
		return 0;
	}
	if (sscanf(s, "rgb:%u,%u,%u%c", &a, &b, &d, &extra) == 3 && a < 256 &&
	    b < 256 && d < 256) {
		*c = VT_COLOUR_RGB(a, b, d);
		return 0;
	}
	return -1;
}

static void
vt_script_colour_name(uint32_t c, char *buf, size_t size)
{
	switch (VT_COLOUR_KIND(c)) {
	case 0:
		snprintf(buf, size, "default%s", c != 0 ? "(junk)" : "");
		break;
	case 1:
		snprintf(buf, size, "idx:%u", VT_COLOUR_INDEX(c));
		break;
	case 2:
		snprintf(buf, size, "rgb:%u,%u,%u", (c >> 16) & 0xff,
		    (c >> 8) & 0xff, c & 0xff);
		break;
	default:
		snprintf(buf, size, "0x%08x", c);
		break;
	}
}

static void
vt_script_cell_desc(struct vt_script_case *c, const struct vt_cell *cell,
    char *buf, size_t size)
{
	char chs[128], fg[32], bg[32], ul[32];
	size_t i, o = 0;

	chs[0] = '\0';
	for (i = 0; i < VT_CELL_CHARS && cell->ch[i] != 0; i++)
		o += snprintf(chs + o, sizeof chs - o, "%sU+%04X",
		    i > 0 ? "," : "", cell->ch[i]);
	vt_script_colour_name(cell->style.fg, fg, sizeof fg);
	vt_script_colour_name(cell->style.bg, bg, sizeof bg);
	vt_script_colour_name(cell->style.ul, ul, sizeof ul);
	snprintf(buf, size,
	    "ch=%s width=%u attrs=0x%04x ul=%u fg=%s bg=%s ulc=%s link=%s",
	    o == 0 ? "(erased)" : chs, cell->width, cell->style.attrs,
	    cell->style.underline, fg, bg, ul,
	    cell->style.link == 0
		? "none"
		: (vt_link_uri(c->vt, cell->style.link) != NULL
			  ? vt_link_uri(c->vt, cell->style.link)
			  : "(unknown id)"));
}

/* Decode UTF-8 text into code points; returns the count or -1. */
static int
vt_script_decode(const char *s, size_t len, uint32_t *cps, int max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int n = 0, k;
	uint32_t cp;

	while (i < len) {
		if (n == max)
			return -1;
		if (p[i] < 0x80) {
			cp = p[i];
			k = 0;
		} else if ((p[i] & 0xe0) == 0xc0) {
			cp = p[i] & 0x1f;
			k = 1;
		} else if ((p[i] & 0xf0) == 0xe0) {
			cp = p[i] & 0x0f;
			k = 2;
		} else {
			cp = p[i] & 0x07;
			k = 3;
		}
		if (k > 0 && i + k >= len)
			return -1;
		i++;
		while (k-- > 0)
			cp = (cp << 6) | (p[i++] & 0x3f);
		cps[n++] = cp;
	}
	return n;
}

static void
vt_script_expect_cell(struct vt_script_case *c, unsigned line,
    struct vt_script_arg *args, int nargs)
{
	struct vt_cell cell;
	long row, col, v;
	uint32_t cps[VT_CELL_CHARS + 1], colour;
	char desc[512];
	const char *key, *val, *uri;
	int i, j, n, neg, bad = 0;
	size_t k;

	if (nargs < 3 || vt_script_num(&args[1], &row) != 0 ||
	    vt_script_num(&args[2], &col) != 0) {
		vt_script_fail(c, line, "usage: expect cell ROW COL SPEC...");
		return;
	}
	if (col < 0 ||
	    vt_get_cell(c->vt, (int)row, (unsigned)col, &cell) != 0) {
		vt_script_fail(c, line, "cell %ld,%ld out of range", row, col);
		return;
	}
	for (i = 3; i < nargs; i++) {
		key = args[i].s;
		val = strchr(key, '=');
		if (val != NULL) {
			k = val - key;
			val++;
		} else
			k = strlen(key);
		if (val != NULL && k == 2 && strncmp(key, "ch", 2) == 0) {
			if (!args[i].quoted && strncmp(val, "U+", 2) == 0) {
				n = 0;
				while (n <= VT_CELL_CHARS &&
				    strncmp(val, "U+", 2) == 0) {
					cps[n++] =
					    strtoul(val + 2, (char **)&val, 16);
					if (*val == ',')
						val++;
				}
			} else
				n = vt_script_decode(val,
				    args[i].len - (val - args[i].s), cps,
				    VT_CELL_CHARS + 1);
			if (n < 0 || n > VT_CELL_CHARS) {
				vt_script_fail(c, line, "bad ch= value");
				return;
			}
			if (n == 1 && cps[0] == ' ' && cell.ch[0] == 0)
				continue;
			for (j = 0; j < n; j++)
				if (cell.ch[j] != cps[j])
					break;
			if (j != n || (n < VT_CELL_CHARS && cell.ch[n] != 0))
				bad = 1;
		} else if (val != NULL && k == 5 &&
		    strncmp(key, "width", 5) == 0) {
			v = strtol(val, NULL, 10);
			if (cell.width != v)
				bad = 1;
		} else if (val != NULL && k == 2 &&
		    strncmp(key, "ul", 2) == 0) {
			if (cell.style.underline != strtoul(val, NULL, 10))
				bad = 1;
		} else if (val != NULL && k == 2 &&
		    (strncmp(key, "fg", 2) == 0 ||
			strncmp(key, "bg", 2) == 0)) {
			if (vt_script_colour(val, &colour) != 0) {
				vt_script_fail(c, line, "bad colour %s", val);
				return;
			}
			if ((key[0] == 'f' ? cell.style.fg : cell.style.bg) !=
			    colour)
				bad = 1;
		} else if (val != NULL && k == 3 &&
		    strncmp(key, "ulc", 3) == 0) {
			if (vt_script_colour(val, &colour) != 0) {
				vt_script_fail(c, line, "bad colour %s", val);
				return;
			}
			if (cell.style.ul != colour)
				bad = 1;
		} else if (val != NULL && k == 4 &&
		    strncmp(key, "link", 4) == 0) {
			if (!args[i].quoted && strcmp(val, "none") == 0) {
				if (cell.style.link != 0)
					bad = 1;
			} else {
				uri = cell.style.link == 0
				    ? NULL
				    : vt_link_uri(c->vt, cell.style.link);
				if (uri == NULL || strcmp(uri, val) != 0)
					bad = 1;
			}
		} else if (val == NULL && strcmp(key, "noattrs") == 0) {
			if (cell.style.attrs != 0)
				bad = 1;
		} else if (val == NULL) {
			neg = key[0] == '-';
			for (j = 0; j < (int)(sizeof vt_script_attrs /
					    sizeof vt_script_attrs[0]);
			     j++)
				if (strcmp(key + neg,
					vt_script_attrs[j].name) == 0)
					break;
			if (j ==
			    (int)(sizeof vt_script_attrs /
				sizeof vt_script_attrs[0])) {
				vt_script_fail(
				    c, line, "unknown cell spec %s", key);
				return;
			}
			if (((cell.style.attrs & vt_script_attrs[j].bit) !=
				0) == neg)
				bad = 1;
		} else {
			vt_script_fail(c, line, "unknown cell spec %s", key);
			return;
		}
	}
	if (bad) {
		vt_script_cell_desc(c, &cell, desc, sizeof desc);
		vt_script_fail(c, line, "cell %ld,%ld: got %s", row, col, desc);
	}
}

static void
vt_script_expect(struct vt_script_case *c, unsigned line,
    struct vt_script_arg *args, int nargs)
{
	const char *what = args[0].s, *t;
	char q1[1024], q2[1024], *text;
	regex_t re;
	unsigned r, col;
	long a, b;
	int v;
	size_t i, elen;

	c->checks++;
	if (c->vt == NULL) {
		vt_script_fail(c, line, "no emulator");
		return;
	}
	if ((strcmp(what, "row") == 0 || strcmp(what, "historyrow") == 0) &&
	    nargs == 3 && vt_script_num(&args[1], &a) == 0) {
		if (what[0] == 'h' && a >= 0) {
			vt_script_fail(c, line, "history rows are negative");
			return;
		}
		text = vt_script_row_text(c->vt, (int)a);
		if (text == NULL) {
			vt_script_fail(c, line, "row %ld out of range", a);
			return;
		}
		elen = args[2].len;
		while (elen > 0 && args[2].s[elen - 1] == ' ')
			elen--;
		if (strlen(text) != elen ||
		    memcmp(text, args[2].s, elen) != 0) {
			vt_script_quote(args[2].s, elen, q1, sizeof q1);
			vt_script_quote(text, strlen(text), q2, sizeof q2);
			vt_script_fail(
			    c, line, "row %ld: expected \"%s\"", a, q1);
			vt_script_diag(c, "%*s got \"%s\"",
			    (int)(strlen(c->file) + 10), "", q2);
		}
		free(text);
	} else if (strcmp(what, "cursor") == 0 && nargs == 3 &&
	    vt_script_num(&args[1], &a) == 0 &&
	    vt_script_num(&args[2], &b) == 0) {
		vt_cursor(c->vt, &r, &col);
		if (r != a || col != b)
			vt_script_fail(c, line,
			    "cursor: expected %ld,%ld, got %u,%u%s", a, b, r,
			    col,
			    vt_cursor_pending_wrap(c->vt) ? " (pending wrap)"
							  : "");
	} else if (strcmp(what, "pending-wrap") == 0 && nargs == 2 &&
	    (v = vt_script_onoff(&args[1])) >= 0) {
		if ((vt_cursor_pending_wrap(c->vt) != 0) != v)
			vt_script_fail(
			    c, line, "pending wrap: expected %s", args[1].s);
	} else if (strcmp(what, "cell") == 0) {
		vt_script_expect_cell(c, line, args, nargs);
	} else if (strcmp(what, "reply") == 0 && nargs == 2) {
		if (c->nreplies != args[1].len ||
		    memcmp(c->replies, args[1].s, args[1].len) != 0) {
			vt_script_quote(args[1].s, args[1].len, q1, sizeof q1);
			vt_script_quote(c->replies != NULL ? c->replies : "",
			    c->nreplies, q2, sizeof q2);
			vt_script_fail(c, line,
			    "reply: expected \"%s\", got \"%s\"", q1, q2);
		}
		c->nreplies = 0;
	} else if (strcmp(what, "reply-re") == 0 && nargs == 2) {
		vt_script_quote(c->replies != NULL ? c->replies : "",
		    c->nreplies, q2, sizeof q2);
		if (regcomp(&re, args[1].s, REG_EXTENDED | REG_NOSUB) != 0) {
			vt_script_fail(c, line, "bad regular expression");
			return;
		}
		if (c->replies == NULL || strlen(c->replies) != c->nreplies ||
		    regexec(&re, c->replies, 0, NULL, 0) != 0) {
			vt_script_quote(args[1].s, args[1].len, q1, sizeof q1);
			vt_script_fail(c, line,
			    "reply: expected /%s/, got \"%s\"", q1, q2);
		}
		regfree(&re);
		c->nreplies = 0;
	} else if (strcmp(what, "title-len") == 0 && nargs == 3 &&
	    vt_script_num(&args[1], &a) == 0 &&
	    vt_script_num(&args[2], &b) == 0) {
		t = vt_title(c->vt);
		elen = t != NULL ? strlen(t) : 0;
		if (t == NULL || (long)elen < a || (long)elen > b)
			vt_script_fail(c, line,
			    "title length: expected %ld..%ld, got %zu", a, b,
			    elen);
	} else if (strcmp(what, "noreply") == 0 && nargs == 1) {
		if (c->nreplies != 0) {
			vt_script_quote(c->replies, c->nreplies, q2, sizeof q2);
			vt_script_fail(
			    c, line, "expected no reply, got \"%s\"", q2);
		}
		c->nreplies = 0;
	} else if (strcmp(what, "mode") == 0 && nargs == 3 &&
	    (v = vt_script_onoff(&args[2])) >= 0) {
		for (i = 0;
		     i < sizeof vt_script_modes / sizeof vt_script_modes[0];
		     i++)
			if (strcmp(args[1].s, vt_script_modes[i].name) == 0)
				break;
		if (i == sizeof vt_script_modes / sizeof vt_script_modes[0]) {
			vt_script_fail(c, line, "unknown mode %s", args[1].s);
			return;
		}
		if (((vt_modes(c->vt) & vt_script_modes[i].bit) != 0) != v)
			vt_script_fail(c, line, "mode %s: expected %s",
			    args[1].s, args[2].s);
	} else if (strcmp(what, "title") == 0 && nargs == 2) {
		t = vt_title(c->vt);
		if (t == NULL || strlen(t) != args[1].len ||
		    memcmp(t, args[1].s, args[1].len) != 0) {
			vt_script_quote(args[1].s, args[1].len, q1, sizeof q1);
			vt_script_quote(t != NULL ? t : "(null)",
			    t != NULL ? strlen(t) : 6, q2, sizeof q2);
			vt_script_fail(c, line,
			    "title: expected \"%s\", got \"%s\"", q1, q2);
		}
	} else if (strcmp(what, "history") == 0 && nargs == 2 &&
	    vt_script_num(&args[1], &a) == 0) {
		if (vt_history_size(c->vt) != a)
			vt_script_fail(c, line, "history: expected %ld, got %u",
			    a, vt_history_size(c->vt));
	} else if (strcmp(what, "wrapped") == 0 && nargs == 3 &&
	    vt_script_num(&args[1], &a) == 0 &&
	    (v = vt_script_onoff(&args[2])) >= 0) {
		if ((vt_line_wrapped(c->vt, (int)a) != 0) != v)
			vt_script_fail(c, line, "row %ld wrapped: expected %s",
			    a, args[2].s);
	} else if (strcmp(what, "cursor-style") == 0 && nargs == 2 &&
	    vt_script_num(&args[1], &a) == 0) {
		if (vt_cursor_style(c->vt) != a)
			vt_script_fail(c, line,
			    "cursor style: expected %ld, got %u", a,
			    vt_cursor_style(c->vt));
	} else if (strcmp(what, "size") == 0 && nargs == 3 &&
	    vt_script_num(&args[1], &a) == 0 &&
	    vt_script_num(&args[2], &b) == 0) {
		if (vt_rows(c->vt) != a || vt_cols(c->vt) != b)
			vt_script_fail(c, line,
			    "size: expected %ldx%ld, got %ux%u", a, b,
			    vt_rows(c->vt), vt_cols(c->vt));
	} else if (strcmp(what, "changed") == 0 && nargs == 2 &&
	    (v = vt_script_onoff(&args[1])) >= 0) {
		if ((vt_generation(c->vt) != c->mark) != v)
			vt_script_fail(c, line,
			    "generation: expected it %s since the mark",
			    v ? "to change" : "not to change");
	} else if (strcmp(what, "row-changed") == 0 && nargs == 3 &&
	    vt_script_num(&args[1], &a) == 0 &&
	    (v = vt_script_onoff(&args[2])) >= 0) {
		if (a < 0 || (unsigned long)a >= c->mark_rows ||
		    a >= (long)vt_rows(c->vt))
			vt_script_fail(c, line,
			    "row-changed: no row %ld at the "
			    "mark",
			    a);
		else if ((vt_line_seq(c->vt, (int)a) != c->mark_seq[a]) != v)
			vt_script_fail(c, line,
			    "row %ld: expected its number %s since the mark", a,
			    v ? "to change" : "not to change");
	} else if (strcmp(what, "bells") == 0 && nargs == 2 &&
	    vt_script_num(&args[1], &a) == 0) {
		if (c->bells != a)
			vt_script_fail(c, line, "bells: expected %ld, got %u",
			    a, c->bells);
	} else if (strcmp(what, "clipboard") == 0 && nargs == 3) {
		if (c->clip_data == NULL ||
		    strcmp(c->clip_sel, args[1].s) != 0 ||
		    strcmp(c->clip_data, args[2].s) != 0)
			vt_script_fail(c, line,
			    "clipboard: expected \"%s\" \"%s\", got \"%s\" "
			    "\"%s\"",
			    args[1].s, args[2].s, c->clip_sel,
			    c->clip_data != NULL ? c->clip_data : "(none)");
	} else {
		vt_script_fail(c, line, "bad expect line");
	}
}

/* Run one script file; returns -1 if it cannot be read. */
static int
vt_script_run_file(const char *path)
{
	struct vt_script_case c;
	struct vt_script_arg args[VT_SCRIPT_MAXARGS];
	char *line, base[256], name[256];
	const char *slash;
	size_t o;
	FILE *f;
	unsigned lineno = 0;
	int nargs, i, named = 0;
	long a, b, h;
	size_t k;

	f = fopen(path, "r");
	if (f == NULL) {
		printf(
		    "not ok - %s\n# cannot open: %s\n", path, strerror(errno));
		vt_script_failed++;
		return -1;
	}
	slash = strrchr(path, '/');
	snprintf(base, sizeof base, "%s", slash != NULL ? slash + 1 : path);
	k = strlen(base);
	if (k > 5 && strcmp(base + k - 5, ".test") == 0)
		base[k - 5] = '\0';

	memset(&c, 0, sizeof c);
	c.file = path;
	line = malloc(VT_SCRIPT_LINE);
	if (line == NULL)
		abort();
	while (fgets(line, VT_SCRIPT_LINE, f) != NULL) {
		lineno++;
		nargs = vt_script_split(line, args, VT_SCRIPT_MAXARGS);
		if (nargs == 0 ||
		    (nargs > 0 && args[0].s[0] == '#' && !args[0].quoted))
			continue;
		if (nargs < 0) {
			if (!c.active)
				vt_script_begin(&c, base, lineno);
			vt_script_fail(&c, lineno, "syntax error");
			continue;
		}
		if (strcmp(args[0].s, "test") == 0) {
			vt_script_end(&c, lineno);
			named = 1;
			o = snprintf(name, sizeof name, "%s:", base);
			for (i = 1; i < nargs && o < sizeof name; i++)
				o += snprintf(name + o, sizeof name - o, " %s",
				    args[i].s);
			vt_script_begin(&c, name, lineno);
			continue;
		}
		if (!c.active) {
			if (named) {
				c.active = 1;
				vt_script_fail(&c, lineno, "command after end");
			} else
				vt_script_begin(&c, base, lineno);
		}
		if (strcmp(args[0].s, "size") == 0 &&
		    (nargs == 3 || nargs == 4) &&
		    vt_script_num(&args[1], &a) == 0 &&
		    vt_script_num(&args[2], &b) == 0) {
			h = 1000;
			if (nargs == 4 && vt_script_num(&args[3], &h) != 0) {
				vt_script_fail(&c, lineno, "bad history");
				continue;
			}
			if (vt_script_new_vt(&c, a, b, h) != 0)
				vt_script_fail(&c, lineno, "vt_create failed");
		} else if (c.vt == NULL) {
			vt_script_fail(&c, lineno, "no emulator");
		} else if (strcmp(args[0].s, "resize") == 0 && nargs == 3 &&
		    vt_script_num(&args[1], &a) == 0 &&
		    vt_script_num(&args[2], &b) == 0) {
			if (vt_resize(c.vt, a, b) != 0)
				vt_script_fail(&c, lineno, "vt_resize failed");
			vt_script_seq_check(&c, lineno);
		} else if (strcmp(args[0].s, "history-limit") == 0 &&
		    nargs == 2 && vt_script_num(&args[1], &a) == 0) {
			vt_set_history_limit(c.vt, a);
			vt_script_seq_check(&c, lineno);
		} else if (strcmp(args[0].s, "reset") == 0 && nargs == 1) {
			vt_reset(c.vt);
			vt_script_seq_check(&c, lineno);
		} else if (strcmp(args[0].s, "push") == 0) {
			for (i = 1; i < nargs; i++) {
				vt_feed(c.vt, args[i].s, args[i].len);
				vt_script_seq_check(&c, lineno);
			}
		} else if (strcmp(args[0].s, "pushrep") == 0 && nargs == 3 &&
		    vt_script_num(&args[1], &a) == 0) {
			while (a-- > 0) {
				vt_feed(c.vt, args[2].s, args[2].len);
				vt_script_seq_check(&c, lineno);
			}
		} else if (strcmp(args[0].s, "expect") == 0 && nargs >= 2) {
			vt_script_expect(&c, lineno, args + 1, nargs - 1);
		} else if (strcmp(args[0].s, "mark") == 0 && nargs == 1) {
			c.mark = vt_generation(c.vt);
			free(c.mark_seq);
			c.mark_rows = vt_rows(c.vt);
			c.mark_seq = calloc(c.mark_rows, sizeof *c.mark_seq);
			if (c.mark_seq == NULL)
				abort();
			for (i = 0; i < (int)c.mark_rows; i++)
				c.mark_seq[i] = vt_line_seq(c.vt, i);
		} else if (strcmp(args[0].s, "dump") == 0) {
			vt_script_dump(&c);
		} else {
			vt_script_fail(
			    &c, lineno, "unknown command %s", args[0].s);
		}
	}
	if (!c.active && !named) {
		vt_script_begin(&c, base, lineno);
		vt_script_fail(&c, lineno, "empty script");
	}
	vt_script_end(&c, lineno);
	free(line);
	fclose(f);
	return 0;
}

static int
vt_script_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run every *.test file of a directory in name order. */
static void
vt_script_run_dir(const char *dir)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL, path[4096];
	size_t n = 0, i, len;

	d = opendir(dir);
	if (d == NULL) {
		printf("not ok - %s\n# cannot open directory: %s\n", dir,
		    strerror(errno));
		vt_script_failed++;
		return;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 6 || strcmp(de->d_name + len - 5, ".test") != 0)
			continue;
		names = realloc(names, (n + 1) * sizeof *names);
		if (names == NULL || (names[n] = strdup(de->d_name)) == NULL)
			abort();
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof *names, vt_script_cmp);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		vt_script_run_file(path);
		free(names[i]);
	}
	free(names);
}

int
main(int argc, char **argv)
{
	const char *srcdir;
	char dir[4096];
	struct stat sb;
	int i;

	setlocale(LC_CTYPE, "C.UTF-8");
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && strcmp(argv[1], "-v") == 0) {
		vt_script_verbose = 1;
		argc--;
		argv++;
	}
	if (argc < 2) {
		srcdir = getenv("ROOST_SRCDIR");
		if (srcdir == NULL || *srcdir == '\0')
			srcdir = ".";
		snprintf(dir, sizeof dir, "%s/tests/vt/cases", srcdir);
		vt_script_run_dir(dir);
	}
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode))
			vt_script_run_dir(argv[i]);
		else
			vt_script_run_file(argv[i]);
	}
	printf("# vt-script: %u passed, %u failed\n", vt_script_passed,
	    vt_script_failed);
	return vt_script_failed == 0 && vt_script_passed > 0 ? 0 : 1;
}
