/*
 * tty-test.c -- unit tests of the client's terminal output (src/tty.c).
 *
 * Frames are built with proto_frame_writer, drawn by a struct tty whose
 * out_fd is a memfd, and the bytes it wrote are checked: directly for the
 * sequences each TERM should get (attribute fallbacks, colour mapping,
 * mode mirroring), and through libvterm, an independent emulator, for
 * what a person would see. TAP-style output, one line per case.
 */
#include <sys/ioctl.h>
#include <sys/mman.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <vterm.h>

#include "proto/proto.h"
#include "tty.h"
#include "vt/vt.h"

static int failures;

/* Captured output of the tty under test. */
static char out[1 << 20];
static size_t outlen;

static void
fail(const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("not ok - %s\n# ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failures++;
}

static void
pass(const char *name)
{
	printf("ok - %s\n", name);
}

/* Printable form of bytes for diagnostics. */
static const char *
show(const char *p, size_t n)
{
	static char buf[8192];
	size_t i, o = 0;

	for (i = 0; i < n && o + 8 < sizeof buf; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == 0x1b)
			o += (size_t)snprintf(buf + o, sizeof buf - o, "\\e");
		else if (c < 0x20 || c == 0x7f)
			o += (size_t)snprintf(
			    buf + o, sizeof buf - o, "\\x%02x", c);
		else
			buf[o++] = (char)c;
	}
	buf[o] = '\0';
	return buf;
}

static int memfd = -1;

/* Flush the tty and read everything it wrote since the last capture. */
static void
capture(struct tty *tty)
{
	ssize_t n;

	tty_flush(tty);
	outlen = 0;
	lseek(memfd, 0, SEEK_SET);
	while ((n = read(memfd, out + outlen, sizeof out - 1 - outlen)) > 0)
		outlen += (size_t)n;
	out[outlen] = '\0';
	if (ftruncate(memfd, 0) != 0)
		abort();
	lseek(memfd, 0, SEEK_SET);
}

static size_t
count(const char *needle)
{
	size_t n = 0, l = strlen(needle);
	const char *p = out;

	while ((p = memmem(p, outlen - (size_t)(p - out), needle, l)) != NULL) {
		n++;
		p += l;
	}
	return n;
}

static int
has(const char *needle)
{
	return count(needle) > 0;
}

static struct tty *
make(const char *term, int truecolor, int utf8, unsigned rows, unsigned cols)
{
	struct tty *tty;
	char *cause = NULL;

	tty = tty_create(memfd, memfd, term, truecolor, &cause);
	if (tty == NULL) {
		printf("# tty_create(%s): %s\n", term, cause);
		free(cause);
		return NULL;
	}
	tty_set_utf8(tty, utf8);
	tty_resize(tty, rows, cols);
	if (tty_start(tty) != 0) {
		printf("# tty_start: %s\n", strerror(errno));
		tty_free(tty);
		return NULL;
	}
	capture(tty);
	return tty;
}

/* A frame under construction. */
struct frame {
	struct proto_buf b;
	struct proto_frame_writer w;
	struct proto_frame hdr;
	struct proto_style style;
};

static void
frame_begin(struct frame *f, unsigned rows, unsigned cols)
{
	memset(f, 0, sizeof *f);
	proto_buf_init(&f->b);
	f->hdr.rows = (uint16_t)rows;
	f->hdr.cols = (uint16_t)cols;
	f->hdr.cursor_visible = 1;
	proto_frame_begin(&f->w, &f->b, &f->hdr);
}

/* Begin with a header other than the defaults. */
static void
frame_begin_hdr(struct frame *f, const struct proto_frame *hdr)
{
	memset(f, 0, sizeof *f);
	proto_buf_init(&f->b);
	f->hdr = *hdr;
	proto_frame_begin(&f->w, &f->b, &f->hdr);
}

static void
frame_cell(struct frame *f, unsigned row, unsigned col, const char *text,
    unsigned width)
{
	struct proto_cell c;

	memset(&c, 0, sizeof c);
	c.width = (uint8_t)width;
	c.len = (uint8_t)strlen(text);
	memcpy(c.text, text, c.len);
	c.style = f->style;
	proto_frame_cell(&f->w, row, col, &c);
}

/* ASCII text, one cell a byte. */
static void
frame_text(struct frame *f, unsigned row, unsigned col, const char *s)
{
	char ch[2] = { 0, 0 };

	for (; *s != '\0'; s++, col++) {
		ch[0] = *s;
		frame_cell(f, row, col, ch, 1);
	}
}

/* End the frame and draw every message of it; returns what tty_frame()
   returned (the first failure). */
static int
frame_draw(struct frame *f, struct tty *tty)
{
	const uint8_t *payload;
	size_t off = 0, plen;
	uint32_t type;
	int rv = 0;

	proto_frame_end(&f->w);
	while (proto_next_message(f->b.data + off, f->b.len - off, &type,
		   &payload, &plen) == 1) {
		if (type == PROTO_FRAME && tty_frame(tty, payload, plen) != 0)
			rv = -1;
		off += PROTO_HEADER_SIZE + plen;
	}
	proto_buf_free(&f->b);
	capture(tty);
	return rv;
}

/* libvterm, fed with the bytes of a whole session. */
struct screen {
	VTerm *vt;
	VTermScreen *vs;
	VTermState *st;
};

static void
screen_open(struct screen *s, unsigned rows, unsigned cols)
{
	s->vt = vterm_new((int)rows, (int)cols);
	vterm_set_utf8(s->vt, 1);
	s->vs = vterm_obtain_screen(s->vt);
	vterm_screen_enable_altscreen(s->vs, 1);
	vterm_screen_reset(s->vs, 1);
	s->st = vterm_obtain_state(s->vt);
}

static void
screen_feed(struct screen *s)
{
	vterm_input_write(s->vt, out, outlen);
	vterm_screen_flush_damage(s->vs);
}

static void
screen_cell(struct screen *s, int row, int col, VTermScreenCell *cell)
{
	VTermPos pos = { row, col };

	memset(cell, 0, sizeof *cell);
	vterm_screen_get_cell(s->vs, pos, cell);
}

/* The text of a row, blanks as spaces, trailing blanks kept. */
static const char *
screen_row(struct screen *s, int row, int cols)
{
	static char buf[1024];
	VTermScreenCell c;
	size_t o = 0;
	int col;

	for (col = 0; col < cols && o + 8 < sizeof buf; col++) {
		screen_cell(s, row, col, &c);
		if (c.width == 0 && c.chars[0] == 0 && col > 0)
			continue; /* right half */
		if (c.chars[0] == 0)
			buf[o++] = ' ';
		else if (c.chars[0] < 0x80)
			buf[o++] = (char)c.chars[0];
		else
			o += (size_t)snprintf(
			    buf + o, sizeof buf - o, "<%X>", c.chars[0]);
	}
	buf[o] = '\0';
	return buf;
}

static void
screen_close(struct screen *s)
{
	vterm_free(s->vt);
}

/* Cases. */

static void
test_create(void)
{
	const char *name = "create: unknown TERM refused with a message";
	struct tty *tty;
	char *cause = NULL;

	tty = tty_create(memfd, memfd, "roost-no-such-term", 0, &cause);
	if (tty != NULL || cause == NULL ||
	    strcmp(cause, "unknown terminal type 'roost-no-such-term'") != 0)
		fail(name, "tty %p cause %s", (void *)tty, cause ? cause : "-");
	else
		pass(name);
	free(cause);
	if (tty != NULL)
		tty_free(tty);
}

/* Send a LINES message with the given double-width rows (n of them). */
static int
lines_send(struct tty *tty, unsigned rows, const unsigned *dw, size_t n)
{
	struct proto_line l[8];
	struct proto_buf b;
	const uint8_t *payload;
	size_t plen, i;
	uint32_t type;
	int rv = -1;

	proto_buf_init(&b);
	for (i = 0; i < n && i < 8; i++) {
		l[i].row = (uint16_t)dw[i];
		l[i].size = PROTO_LINE_DOUBLE_WIDTH;
	}
	proto_lines_encode(&b, rows, l, i);
	if (proto_next_message(b.data, b.len, &type, &payload, &plen) == 1)
		rv = tty_lines(tty, payload, plen);
	proto_buf_free(&b);
	capture(tty);
	return rv;
}

/*
 * DECDWL rows (LINES): ESC # 6 on the row, only its first cols / 2 cells
 * drawn, ESC # 5 when it is single again; the size follows a scroll.
 */
static void
test_line_sizes(void)
{
	const char *name =
	    "line sizes: ESC # 6 / ESC # 5 and half the row drawn";
	struct tty *tty = make("xterm-256color", 0, 1, 4, 10);
	struct screen s;
	struct frame f;
	VTermScreenCell c;
	unsigned one = 1;
	int ok;

	if (tty == NULL) {
		fail(name, "no tty");
		return;
	}
	screen_open(&s, 4, 10);
	frame_begin(&f, 4, 10);
	frame_text(&f, 1, 0, "ABCDE");
	frame_text(&f, 2, 0, "0123456789");
	frame_draw(&f, tty);
	screen_feed(&s);
	ok = lines_send(tty, 4, &one, 1) == 0 && count("\033#6") == 1 &&
	    !has("\033#5");
	screen_feed(&s);
	screen_cell(&s, 1, 0, &c);
	ok = ok && c.attrs.dwl && c.chars[0] == 'A' &&
	    strcmp(screen_row(&s, 1, 10), "ABCDE     ") == 0 &&
	    strcmp(screen_row(&s, 2, 10), "0123456789") == 0;
	if (!ok) {
		fail(name, "wrote %s; row 1 \"%s\" dwl %d", show(out, outlen),
		    screen_row(&s, 1, 10), c.attrs.dwl);
		goto out;
	}
	pass(name);

	/* A wide character across the middle: never written (it would
	   wrap onto row 2), a blank instead; drawn by a frame, then by one
	   that moves it there. */
	name = "line sizes: a wide character across the middle is a blank";
	frame_begin(&f, 4, 10);
	frame_text(&f, 1, 0, "abcd");
	frame_cell(&f, 1, 4, "\xe4\xb8\xad", 2);
	frame_draw(&f, tty);
	screen_feed(&s);
	frame_begin(&f, 4, 10);
	frame_text(&f, 1, 0, " abc");
	frame_cell(&f, 1, 4, "\xe4\xb8\xad", 2);
	frame_draw(&f, tty);
	ok = !has("\xe4\xb8\xad");
	screen_feed(&s);
	if (!ok || strcmp(screen_row(&s, 1, 10), " abc      ") != 0 ||
	    strcmp(screen_row(&s, 2, 10), "0123456789") != 0) {
		fail(name, "wrote %s; rows \"%s\" \"%s\"", show(out, outlen),
		    screen_row(&s, 1, 10), screen_row(&s, 2, 10));
		goto out;
	}
	pass(name);
	frame_begin(&f, 4, 10);
	frame_text(&f, 1, 0, "ABCDE");
	frame_draw(&f, tty);
	screen_feed(&s);

	name = "line sizes: a message for another height is ignored";
	if (lines_send(tty, 5, NULL, 0) != 0 || outlen != 0)
		fail(name, "wrote %s", show(out, outlen));
	else
		pass(name);

	name = "line sizes: single again is ESC # 5 and the row redrawn";
	ok = lines_send(tty, 4, NULL, 0) == 0 && count("\033#5") == 1 &&
	    !has("\033#6") && has("ABCDE");
	screen_feed(&s);
	screen_cell(&s, 1, 0, &c);
	if (!ok || c.attrs.dwl ||
	    strcmp(screen_row(&s, 1, 10), "ABCDE     ") != 0)
		fail(name, "wrote %s; row 1 \"%s\" dwl %d", show(out, outlen),
		    screen_row(&s, 1, 10), c.attrs.dwl);
	else
		pass(name);

	name = "line sizes: malformed LINES refused";
	if (tty_lines(tty, (const uint8_t *)"\x04\x00\x01\x00", 4) != -1)
		fail(name, "accepted");
	else
		pass(name);
out:
	screen_close(&s);
	tty_free(tty);
}

/*
 * After an emoji sequence whose width terminals disagree on (VS16, ZWJ,
 * flags, skin tones) the next cell is written at an explicit position:
 * the bytes between the two have a cursor movement; after a plain
 * character with a combining mark they have none.
 */
static void
test_unsure_width(void)
{
	static const struct {
		const char *name, *text;
		int move;
	} cases[] = {
		{ "emoji width: a VS16 sequence is followed by a move",
		    "\xe2\x9d\xa4\xef\xb8\x8f", 1 },
		{ "emoji width: a ZWJ sequence is followed by a move",
		    "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9", 1 },
		{ "emoji width: a skin tone is followed by a move",
		    "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", 1 },
		{ "emoji width: a letter with a mark is not", "e\xcc\x81", 0 },
	};
	struct tty *tty;
	struct frame f;
	const char *p, *x;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tty = make("xterm-256color", 0, 1, 2, 10);
		if (tty == NULL) {
			fail(cases[i].name, "no tty");
			continue;
		}
		frame_begin(&f, 2, 10);
		frame_cell(&f, 0, 0, cases[i].text, 1);
		frame_text(&f, 0, 1, "x");
		frame_draw(&f, tty);
		p = memmem(out, outlen, cases[i].text, strlen(cases[i].text));
		x = p != NULL ? memchr(p, 'x', outlen - (size_t)(p - out))
			      : NULL;
		if (p == NULL || x == NULL ||
		    (memchr(p, '\033', (size_t)(x - p)) != NULL) !=
			cases[i].move)
			fail(cases[i].name, "wrote %s", show(out, outlen));
		else
			pass(cases[i].name);
		tty_free(tty);
	}
}

/* Such a sequence in the last column is written as a blank: a terminal
   drawing it two cells wide would wrap it (and scroll on the last row). */
static void
test_unsure_width_last_column(void)
{
	const char *name = "emoji width: in the last column, a blank";
	struct tty *tty = make("xterm-256color", 0, 1, 2, 10);
	struct screen s;
	struct frame f;

	if (tty == NULL) {
		fail(name, "no tty");
		return;
	}
	screen_open(&s, 2, 10);
	frame_begin(&f, 2, 10);
	frame_text(&f, 1, 0, "abcdefghi");
	frame_cell(&f, 1, 9, "\xe2\x9d\xa4\xef\xb8\x8f", 1);
	frame_cell(&f, 0, 9, "\xf0\x9f\x87\xab", 1);
	frame_draw(&f, tty);
	screen_feed(&s);
	if (has("\xef\xb8\x8f") || has("\xf0\x9f\x87\xab") ||
	    strcmp(screen_row(&s, 1, 10), "abcdefghi ") != 0)
		fail(name, "wrote %s; row 1 \"%s\"", show(out, outlen),
		    screen_row(&s, 1, 10));
	else
		pass(name);
	screen_close(&s);
	tty_free(tty);
}

static void
test_flags(void)
{
	const char *name = "flags and colours per TERM";
	struct tty *a, *b, *c, *d;
	char *cause;
	int ok = 1;

	a = tty_create(memfd, memfd, "xterm-256color", 1, &cause);
	b = tty_create(memfd, memfd, "xterm-256color", 0, &cause);
	c = tty_create(memfd, memfd, "xterm", 0, &cause);
	d = tty_create(memfd, memfd, "vt100", 0, &cause);
	if (a == NULL || b == NULL || c == NULL || d == NULL) {
		fail(name, "tty_create failed");
		return;
	}
	tty_set_utf8(a, 1);
	if (tty_flags(a) != (PROTO_TERM_UTF8 | PROTO_TERM_TRUECOLOR))
		ok = 0;
	if (tty_flags(b) != 0 || tty_colours(b) != 256)
		ok = 0;
	if (tty_colours(c) != 8 || tty_colours(d) != 0)
		ok = 0;
	if (ok)
		pass(name);
	else
		fail(name, "flags %x %x colours %u %u %u", tty_flags(a),
		    tty_flags(b), tty_colours(b), tty_colours(c),
		    tty_colours(d));
	tty_free(a);
	tty_free(b);
	tty_free(c);
	tty_free(d);
}

static void
test_start_stop(void)
{
	const char *name = "start enters the alternate screen, stop leaves it";
	struct tty *tty;
	char *cause;

	tty = tty_create(memfd, memfd, "xterm-256color", 0, &cause);
	if (tty == NULL) {
		fail(name, "create: %s", cause);
		return;
	}
	tty_resize(tty, 5, 20);
	if (tty_start(tty) != 0) {
		fail(name, "start: %s", strerror(errno));
		tty_free(tty);
		return;
	}
	capture(tty);
	if (!has("\033[?1049h")) {
		fail(name, "no smcup in %s", show(out, outlen));
		tty_free(tty);
		return;
	}
	tty_stop(tty);
	capture(tty);
	if (!has("\033[?1049l") || !has("\033[m")) {
		fail(name, "stop wrote %s", show(out, outlen));
		tty_free(tty);
		return;
	}
	tty_stop(tty);
	capture(tty);
	if (outlen != 0)
		fail(name, "second stop wrote %s", show(out, outlen));
	else
		pass(name);
	tty_free(tty);
}

/* One cell with a style on a TERM; checks the bytes contain `want` and
   none of the `absent` strings (NULL-terminated list). */
static void
check_style(const char *name, const char *term, int truecolor,
    const struct proto_style *st, const char *want, const char *const *absent)
{
	struct tty *tty;
	struct frame f;
	size_t i;

	if ((tty = make(term, truecolor, 1, 3, 10)) == NULL) {
		fail(name, "cannot make a tty for %s", term);
		return;
	}
	frame_begin(&f, 3, 10);
	f.style = *st;
	frame_text(&f, 0, 0, "X");
	frame_draw(&f, tty);
	if (want != NULL && !has(want)) {
		fail(name, "wanted %s", show(want, strlen(want)));
		printf("# got %s\n", show(out, outlen));
		goto out;
	}
	for (i = 0; absent != NULL && absent[i] != NULL; i++) {
		if (has(absent[i])) {
			fail(name, "unwanted %s",
			    show(absent[i], strlen(absent[i])));
			printf("# got %s\n", show(out, outlen));
			goto out;
		}
	}
	pass(name);
out:
	tty_stop(tty);
	tty_free(tty);
}

static void
test_colours(void)
{
	static const char *const no_rgb[] = { "38;2", "48;2", NULL };
	static const char *const no_colour[] = { "\033[3", "\033[4", "38;",
		"48;", NULL };
	struct proto_style st;

	memset(&st, 0, sizeof st);
	st.fg = VT_COLOUR_RGB(255, 0, 0);
	check_style("truecolor: rgb fg as 38;2", "xterm-256color", 1, &st,
	    "\033[38;2;255;0;0m", NULL);
	check_style("256 colours: rgb(255,0,0) -> 196", "xterm-256color", 0,
	    &st, "\033[38;5;196m", no_rgb);
	check_style("16 colours: rgb(255,0,0) -> 9", "xterm-16color", 0, &st,
	    "\033[91m", no_rgb);
	check_style("8 colours: rgb(255,0,0) -> 1", "xterm", 0, &st, "\033[31m",
	    no_rgb);
	check_style("88 colours: rgb(255,0,0) -> 64", "xterm-88color", 0, &st,
	    "\033[38;5;64m", no_rgb);
	check_style("screen-256color: rgb(255,0,0) -> 196", "screen-256color",
	    0, &st, "\033[38;5;196m", no_rgb);

	memset(&st, 0, sizeof st);
	st.bg = VT_COLOUR_RGB(0, 0, 255);
	check_style("256 colours: rgb bg (0,0,255) -> 21", "xterm-256color", 0,
	    &st, "\033[48;5;21m", no_rgb);

	memset(&st, 0, sizeof st);
	st.fg = VT_COLOUR_INDEXED(196);
	check_style("8 colours: index 196 maps to 1", "xterm", 0, &st,
	    "\033[31m", NULL);
	st.fg = VT_COLOUR_INDEXED(12);
	check_style("8 colours: bright 12 maps to 4", "xterm", 0, &st,
	    "\033[34m", NULL);
	st.fg = VT_COLOUR_INDEXED(244);
	check_style("256 colours: index kept", "xterm-256color", 0, &st,
	    "\033[38;5;244m", NULL);
	st.fg = VT_COLOUR_RGB(128, 128, 128);
	check_style("256 colours: grey rgb -> grey ramp 244", "xterm-256color",
	    0, &st, "\033[38;5;244m", NULL);

	memset(&st, 0, sizeof st);
	st.bg = VT_COLOUR_INDEXED(4);
	check_style("vt100: background becomes reverse", "vt100", 0, &st,
	    "\033[7m", no_colour);
	st.bg = 0;
	st.fg = VT_COLOUR_RGB(1, 2, 3);
	st.attrs = VT_ATTR_BOLD;
	check_style("vt100: bold kept, colour dropped", "vt100", 0, &st,
	    "\033[1m", no_colour);
}

static void
test_attributes(void)
{
	static const char *const no_58[] = { "58:", "58;", NULL };
	static const char *const no_53_9[] = { "53m", "\033[9m", "\033[2m",
		NULL };
	struct proto_style st;

	memset(&st, 0, sizeof st);
	st.attrs = VT_ATTR_FAINT;
	check_style("faint as dim", "xterm-256color", 0, &st, "\033[2m", NULL);
	st.attrs = VT_ATTR_OVERLINE;
	check_style("overline on xterm-likes", "xterm-256color", 0, &st,
	    "\033[53m", NULL);
	st.attrs = VT_ATTR_STRIKE;
	check_style(
	    "strike through smxx", "xterm-256color", 0, &st, "\033[9m", NULL);
	st.attrs = VT_ATTR_ITALIC;
	check_style(
	    "italic through sitm", "xterm-256color", 0, &st, "\033[3m", NULL);
	st.attrs = VT_ATTR_OVERLINE | VT_ATTR_STRIKE | VT_ATTR_FAINT;
	check_style("vt100: no faint, strike or overline", "vt100", 0, &st,
	    NULL, no_53_9);
	st.attrs = VT_ATTR_OVERLINE | VT_ATTR_STRIKE;
	check_style("screen-256color: no strike or overline", "screen-256color",
	    0, &st, NULL, no_53_9);

	memset(&st, 0, sizeof st);
	st.underline = VT_UNDERLINE_CURLY;
	st.ul = VT_COLOUR_RGB(255, 0, 0);
	check_style("xterm-256color: underline colour dropped",
	    "xterm-256color", 1, &st, "\033[4m", no_58);
	check_style("tmux-256color: curly underline through Smulx",
	    "tmux-256color", 0, &st, "\033[4:3m", no_58);
}

/* A TERM compiled by tic into a private directory: Setulc, Sync. */
static int
make_test_terminfo(void)
{
	char dir[] = "/tmp/roost-tty-test.XXXXXX", src[300], cmd[700];
	FILE *fp;

	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(src, sizeof src, "%s/t.src", dir);
	if ((fp = fopen(src, "w")) == NULL)
		return -1;
	fprintf(fp,
	    "roost-test-ul|roost test terminal,\n"
	    "\tSetulc=\\E[58:2::%%p1%%{65536}%%/%%d:%%p1%%{256}%%/"
	    "%%{255}%%&%%d:%%p1%%{255}%%&%%dm,\n"
	    "\tSync=\\E[?2026%%?%%p1%%{1}%%-%%tl%%eh%%;,\n"
	    "\tuse=xterm-256color,\n"
	    "roost-test-noacs|roost test terminal without acs,\n"
	    "\tacsc@, smacs@, rmacs@, use=vt100,\n"
	    "roost-test-nocsr|roost test terminal without csr,\n"
	    "\tcsr@, use=xterm-256color,\n"
	    "roost-test-noscroll|roost test terminal that cannot "
	    "scroll,\n"
	    "\tcsr@, dl@, dl1@, il@, il1@, use=xterm-256color,\n");
	fclose(fp);
	snprintf(
	    cmd, sizeof cmd, "tic -x -o %s/db %s >/dev/null 2>&1", dir, src);
	if (system(cmd) != 0)
		return -1;
	snprintf(cmd, sizeof cmd, "%s/db", dir);
	setenv("TERMINFO", cmd, 1);
	return 0;
}

static void
test_setulc_sync(int have_terminfo)
{
	const char *name =
	    "Setulc terminal: underline colour, Sync wraps frame";
	struct proto_style st;
	struct tty *tty;
	struct frame f;

	if (!have_terminfo) {
		printf(
		    "ok - %s # SKIP tic could not build a test entry\n", name);
		return;
	}
	if ((tty = make("roost-test-ul", 0, 1, 3, 10)) == NULL) {
		fail(name, "create");
		return;
	}
	if (!(tty_flags(tty) & PROTO_TERM_SYNC)) {
		fail(name, "no SYNC flag");
		goto out;
	}
	memset(&st, 0, sizeof st);
	st.underline = VT_UNDERLINE_SINGLE;
	st.ul = VT_COLOUR_RGB(1, 2, 3);
	frame_begin(&f, 3, 10);
	f.style = st;
	frame_text(&f, 0, 0, "u");
	frame_draw(&f, tty);
	if (!has("\033[58:2::1:2:3m") || !has("\033[4m") ||
	    strncmp(out, "\033[?2026h", 8) != 0 || outlen < 8 ||
	    memcmp(out + outlen - 8, "\033[?2026l", 8) != 0)
		fail(name, "got %s", show(out, outlen));
	else
		pass(name);
out:
	tty_stop(tty);
	tty_free(tty);
}

static void
test_no_acs(int have_terminfo)
{
	const char *name = "no ACS: box characters as + - |";
	struct tty *tty;
	struct frame f;

	if (!have_terminfo) {
		printf(
		    "ok - %s # SKIP tic could not build a test entry\n", name);
		return;
	}
	if ((tty = make("roost-test-noacs", 0, 0, 3, 10)) == NULL) {
		fail(name, "create");
		return;
	}
	frame_begin(&f, 3, 10);
	frame_cell(&f, 0, 0, "\xe2\x94\x8c", 1); /* U+250C */
	frame_cell(&f, 0, 1, "\xe2\x94\x80", 1); /* U+2500 */
	frame_cell(&f, 0, 2, "\xe2\x94\x82", 1); /* U+2502 */
	frame_draw(&f, tty);
	if (!has("+-|") || has("\016"))
		fail(name, "got %s", show(out, outlen));
	else
		pass(name);
	tty_stop(tty);
	tty_free(tty);
}

static void
test_sgr_once(void)
{
	const char *name =
	    "SGR written once for a run, not for unchanged style";
	struct tty *tty;
	struct frame f;

	if ((tty = make("xterm-256color", 0, 1, 3, 20)) == NULL) {
		fail(name, "create");
		return;
	}
	frame_begin(&f, 3, 20);
	f.style.attrs = VT_ATTR_BOLD;
	f.style.fg = VT_COLOUR_INDEXED(2);
	frame_text(&f, 0, 0, "abc");
	frame_text(&f, 1, 0, "def");
	frame_draw(&f, tty);
	if (count("\033[1m") != 1 || count("\033[32m") != 1) {
		fail(name, "got %s", show(out, outlen));
		goto out;
	}
	/* Same style again in a new frame: no SGR at all. */
	frame_begin(&f, 3, 20);
	f.style.attrs = VT_ATTR_BOLD;
	f.style.fg = VT_COLOUR_INDEXED(2);
	frame_text(&f, 2, 0, "ghi");
	frame_draw(&f, tty);
	if (has("\033[1m") || has("m") != 0) {
		/* no 'm' at all: the only CSI are cursor moves */
		fail(name, "second frame %s", show(out, outlen));
		goto out;
	}
	pass(name);
out:
	tty_stop(tty);
	tty_free(tty);
}

static void
test_cup_needed(void)
{
	const char *name = "cup only where the cursor is not already";
	struct proto_frame hdr;
	struct tty *tty;
	struct frame f;

	if ((tty = make("xterm-256color", 0, 1, 5, 20)) == NULL) {
		fail(name, "create");
		return;
	}
	memset(&hdr, 0, sizeof hdr);
	hdr.rows = 5;
	hdr.cols = 20;
	hdr.cursor_row = 2;
	hdr.cursor_visible = 1;
	frame_begin_hdr(&f, &hdr);
	frame_text(&f, 2, 5, "hello");
	frame_text(&f, 2, 12, "x");
	frame_draw(&f, tty);
	/* One cup to 3;6, "hello", a short forward move, "x", then the
	   cursor back at row 3 col 1 by CR. */
	if (count("H") != 1 || !has("\033[3;6Hhello\033[2Cx\r")) {
		fail(name, "got %s", show(out, outlen));
		goto out;
	}
	/* The same frame again: nothing to write. */
	frame_begin_hdr(&f, &hdr);
	frame_text(&f, 2, 5, "hello");
	frame_draw(&f, tty);
	if (outlen != 0) {
		fail(name, "unchanged frame wrote %s", show(out, outlen));
		goto out;
	}
	pass(name);
out:
	tty_stop(tty);
	tty_free(tty);
}

static void
test_wide_edge(void)
{
	const char *name = "wide character in the last column becomes a blank";
	struct screen s;
	struct tty *tty;
	struct frame f;
	VTermScreenCell c;
	int ok;

	/* The frame is composed for 12 columns, the terminal has 10. */
	if ((tty = make("xterm-256color", 0, 1, 3, 10)) == NULL) {
		fail(name, "create");
		return;
	}
	screen_open(&s, 3, 10);
	screen_feed(&s);
	frame_begin(&f, 3, 12);
	frame_text(&f, 0, 0, "abcdefgh");
	frame_cell(&f, 0, 8, "\xe4\xb8\x96", 2); /* U+4E16, cols 8-9 */
	frame_cell(&f, 1, 9, "\xe4\xb8\x96", 2); /* cols 9-10: cut */
	frame_draw(&f, tty);
	screen_feed(&s);
	screen_cell(&s, 0, 8, &c);
	ok = c.chars[0] == 0x4e16 && c.width == 2;
	screen_cell(&s, 1, 9, &c);
	ok = ok && (c.chars[0] == 0 || c.chars[0] == ' ') && c.width == 1;
	if (!ok || count("\xe4\xb8\x96") != 1)
		fail(name, "row 0 '%s', got %s", screen_row(&s, 0, 10),
		    show(out, outlen));
	else
		pass(name);
	screen_close(&s);
	tty_stop(tty);
	tty_free(tty);
}

static void
test_modes(void)
{
	const char *name = "modes mirrored once and reset by stop";
	struct proto_frame hdr;
	struct tty *tty;
	struct frame f;

	if ((tty = make("xterm-256color", 0, 1, 3, 10)) == NULL) {
		fail(name, "create");
		return;
	}
	memset(&hdr, 0, sizeof hdr);
	hdr.rows = 3;
	hdr.cols = 10;
	hdr.cursor_visible = 1;
	hdr.modes = VT_MODE_BRACKETED_PASTE | VT_MODE_FOCUS |
	    VT_MODE_CURSOR_KEYS | VT_MODE_KEYPAD | VT_MODE_MOUSE_BUTTON |
	    VT_MODE_MOUSE_SGR;
	frame_begin_hdr(&f, &hdr);
	frame_draw(&f, tty);
	if (!has("\033[?2004h") || !has("\033[?1004h") || !has("\033[?1h") ||
	    !has("\033=") || !has("\033[?1002h") || !has("\033[?1006h")) {
		fail(name, "first frame %s", show(out, outlen));
		goto out;
	}
	frame_begin_hdr(&f, &hdr);
	frame_draw(&f, tty);
	if (has("\033[?")) {
		fail(name, "unchanged modes rewritten: %s", show(out, outlen));
		goto out;
	}
	hdr.modes &= ~VT_MODE_FOCUS;
	frame_begin_hdr(&f, &hdr);
	frame_draw(&f, tty);
	if (!has("\033[?1004l") || has("2004")) {
		fail(name, "focus off: %s", show(out, outlen));
		goto out;
	}
	tty_stop(tty);
	capture(tty);
	if (!has("\033[?2004l") || has("\033[?1004l") || !has("\033[?1l") ||
	    !has("\033>") || !has("\033[?1002l") || !has("\033[?1006l")) {
		fail(name, "stop: %s", show(out, outlen));
		goto out;
	}
	pass(name);
out:
	tty_stop(tty);
	tty_free(tty);
}

static void
test_modes_vt100(void)
{
	const char *name = "vt100: no mouse, paste or focus modes";
	struct proto_frame hdr;
	struct tty *tty;
	struct frame f;

	if ((tty = make("vt100", 0, 0, 3, 10)) == NULL) {
		fail(name, "create");
		return;
	}
	memset(&hdr, 0, sizeof hdr);
	hdr.rows = 3;
	hdr.cols = 10;
	hdr.cursor_visible = 1;
	hdr.modes = VT_MODE_BRACKETED_PASTE | VT_MODE_FOCUS |
	    VT_MODE_MOUSE_NORMAL | VT_MODE_CURSOR_KEYS;
	frame_begin_hdr(&f, &hdr);
	frame_draw(&f, tty);
	if (has("2004") || has("1004") || has("1000") || !has("\033[?1h"))
		fail(name, "got %s", show(out, outlen));
	else
		pass(name);
	tty_stop(tty);
	tty_free(tty);
}

static void
test_cursor(void)
{
	const char *name = "cursor visibility and style";
	struct proto_frame hdr;
	struct tty *tty;
	struct frame f;

	if ((tty = make("xterm-256color", 0, 1, 3, 10)) == NULL) {
		fail(name, "create");
		return;
	}
	memset(&hdr, 0, sizeof hdr);
	hdr.rows = 3;
	hdr.cols = 10;
	hdr.cursor_visible = 0;
	hdr.cursor_style = 5;
	frame_begin_hdr(&f, &hdr);
	frame_draw(&f, tty);
	if (!has("\033[?25l") || !has("\033[5 q")) {
		fail(name, "got %s", show(out, outlen));
		goto out;
	}
	tty_stop(tty);
	capture(tty);
	if (!has("\033[?25h") || !has("\033[2 q")) {
		fail(name, "stop: %s", show(out, outlen));
		goto out;
	}
	pass(name);
out:
	tty_stop(tty);
	tty_free(tty);
}

static void
test_acs_vt100(void)
{
	const char *name = "vt100 without UTF-8: ACS line drawing, '?' else";
	struct tty *tty;
	struct frame f;

	if ((tty = make("vt100", 0, 0, 3, 10)) == NULL) {
		fail(name, "create");
		return;
	}
	frame_begin(&f, 3, 10);
	frame_cell(&f, 0, 0, "\xe2\x94\x8c", 1); /* U+250C */
	frame_cell(&f, 0, 1, "\xe2\x94\x80", 1); /* U+2500 */
	frame_cell(&f, 0, 2, "a", 1);
	frame_cell(&f, 0, 3, "\xc3\xa9", 1);	 /* U+00E9 */
	frame_cell(&f, 0, 4, "\xe4\xb8\x96", 2); /* U+4E16 */
	frame_draw(&f, tty);
	if (!has("\016lq\017a???") || has("\xe2") || has("\xc3"))
		fail(name, "got %s", show(out, outlen));
	else
		pass(name);
	tty_stop(tty);
	tty_free(tty);
}

static void
test_vterm_screen(void)
{
	const char *name = "libvterm sees the cells: text, bold, colours, wide";
	struct screen s;
	struct tty *tty;
	struct frame f;
	VTermScreenCell c;
	char why[256] = "";

	if ((tty = make("xterm-256color", 1, 1, 4, 20)) == NULL) {
		fail(name, "create");
		return;
	}
	screen_open(&s, 4, 20);
	screen_feed(&s);
	frame_begin(&f, 4, 20);
	frame_text(&f, 0, 0, "plain");
	f.style.attrs = VT_ATTR_BOLD;
	f.style.fg = VT_COLOUR_INDEXED(1);
	frame_text(&f, 1, 2, "red");
	f.style.attrs = VT_ATTR_INVERSE;
	f.style.fg = VT_COLOUR_RGB(10, 20, 30);
	f.style.bg = VT_COLOUR_INDEXED(200);
	frame_text(&f, 2, 0, "rgb");
	memset(&f.style, 0, sizeof f.style);
	frame_cell(&f, 3, 0, "\xe4\xb8\x96", 2);
	frame_cell(&f, 3, 2, "e\xcc\x81", 1); /* e + combining acute */
	frame_text(&f, 3, 3, "z");
	frame_draw(&f, tty);
	screen_feed(&s);

	if (strncmp(screen_row(&s, 0, 20), "plain ", 6) != 0)
		snprintf(why, sizeof why, "row 0 '%s'", screen_row(&s, 0, 20));
	screen_cell(&s, 1, 2, &c);
	if (*why == '\0' &&
	    (c.chars[0] != 'r' || !c.attrs.bold ||
		!VTERM_COLOR_IS_INDEXED(&c.fg) || c.fg.indexed.idx != 1))
		snprintf(why, sizeof why, "row 1 col 2 '%c' bold %d",
		    (int)c.chars[0], c.attrs.bold);
	screen_cell(&s, 2, 1, &c);
	if (*why == '\0' &&
	    (c.chars[0] != 'g' || !c.attrs.reverse ||
		!VTERM_COLOR_IS_RGB(&c.fg) || c.fg.rgb.red != 10 ||
		c.fg.rgb.blue != 30 || !VTERM_COLOR_IS_INDEXED(&c.bg) ||
		c.bg.indexed.idx != 200))
		snprintf(why, sizeof why, "row 2 col 1 '%c' rev %d",
		    (int)c.chars[0], c.attrs.reverse);
	screen_cell(&s, 3, 0, &c);
	if (*why == '\0' && (c.chars[0] != 0x4e16 || c.width != 2))
		snprintf(why, sizeof why, "row 3 col 0 U+%X width %d",
		    c.chars[0], c.width);
	screen_cell(&s, 3, 2, &c);
	if (*why == '\0' && (c.chars[0] != 'e' || c.chars[1] != 0x301))
		snprintf(why, sizeof why, "row 3 col 2 U+%X U+%X", c.chars[0],
		    c.chars[1]);
	screen_cell(&s, 3, 3, &c);
	if (*why == '\0' && c.chars[0] != 'z')
		snprintf(why, sizeof why, "row 3 col 3 U+%X", c.chars[0]);
	if (*why != '\0')
		fail(name, "%s; bytes %s", why, show(out, outlen));
	else
		pass(name);
	screen_close(&s);
	tty_stop(tty);
	tty_free(tty);
}

/* Fill rows of a frame with "rowN" text. */
static void
fill_rows(struct frame *f, unsigned from, unsigned to, const char *tag)
{
	char buf[32];
	unsigned r;

	for (r = from; r <= to; r++) {
		snprintf(buf, sizeof buf, "%s%u", tag, r);
		frame_text(f, r, 0, buf);
	}
}

static void
check_scroll(const char *name, const char *term, unsigned top, unsigned bottom,
    const char *want_bytes, int redraw)
{
	struct screen s;
	struct tty *tty;
	struct frame f;
	const unsigned rows = 8, cols = 12;
	char expect[rows][cols + 1], why[300] = "";
	const char *got;
	unsigned r;

	if ((tty = make(term, 0, 1, rows, cols)) == NULL) {
		fail(name, "create");
		return;
	}
	screen_open(&s, rows, cols);
	screen_feed(&s);
	frame_begin(&f, rows, cols);
	fill_rows(&f, 0, rows - 1, "line");
	frame_draw(&f, tty);
	screen_feed(&s);

	/* Scroll top..bottom up by 2; fill the two rows that entered. */
	frame_begin(&f, rows, cols);
	proto_frame_scroll(&f.w, top, bottom, 2);
	fill_rows(&f, bottom - 1, bottom, "new");
	frame_draw(&f, tty);
	screen_feed(&s);
	for (r = 0; r < rows; r++) {
		if (r < top || r > bottom)
			snprintf(expect[r], cols + 1, "line%u", r);
		else if (r + 2 <= bottom)
			snprintf(expect[r], cols + 1, "line%u", r + 2);
		else
			snprintf(expect[r], cols + 1, "new%u", r);
	}
	for (r = 0; r < rows && *why == '\0'; r++) {
		got = screen_row(&s, (int)r, (int)cols);
		if (strncmp(got, expect[r], strlen(expect[r])) != 0 ||
		    strspn(got + strlen(expect[r]), " ") !=
			cols - strlen(expect[r]))
			snprintf(why, sizeof why, "row %u '%s' want '%s'", r,
			    got, expect[r]);
	}
	if (*why == '\0' && want_bytes != NULL && !has(want_bytes))
		snprintf(why, sizeof why, "no %s",
		    show(want_bytes, strlen(want_bytes)));
	if (*why == '\0' && !redraw && count("line") != 0)
		snprintf(why, sizeof why, "rows redrawn instead of scrolled");
	if (*why == '\0' && redraw &&
	    (has("r") || has("S") || has("M") || has("L")))
		snprintf(why, sizeof why, "scrolled, not redrawn");
	if (*why != '\0')
		fail(name, "%s; bytes %s", why, show(out, outlen));
	else
		pass(name);
	screen_close(&s);
	tty_stop(tty);
	tty_free(tty);
}

static void
test_scroll(int have_terminfo)
{
	check_scroll("scroll whole screen by index", "xterm-256color", 0, 7,
	    "\033[8;1H\033[2S", 0);
	check_scroll(
	    "scroll a region with csr", "xterm-256color", 2, 5, "\033[3;6r", 0);
	check_scroll("scroll a region on vt100", "vt100", 1, 6, "\033[2;7r", 0);
	check_scroll("scroll the bottom of the screen on vt100", "vt100", 3, 7,
	    "\033[4;8r", 0);
	if (!have_terminfo) {
		printf("ok - scroll with dl/il # SKIP no test terminfo\n");
		printf("ok - scroll by redrawing # SKIP no test terminfo\n");
		return;
	}
	check_scroll("scroll with dl/il", "roost-test-nocsr", 2, 5,
	    "\033[3;1H\033[2M\033[5;1H\033[2L", 0);
	check_scroll(
	    "scroll by redrawing", "roost-test-noscroll", 2, 5, NULL, 1);
}

static void
test_el_rep(void)
{
	const char *name = "el for trailing blanks, rep for runs";
	struct screen s;
	struct tty *tty;
	struct frame f;
	const char *row;

	if ((tty = make("xterm-256color", 0, 1, 3, 40)) == NULL) {
		fail(name, "create");
		return;
	}
	screen_open(&s, 3, 40);
	screen_feed(&s);
	frame_begin(&f, 3, 40);
	frame_text(&f, 0, 0, "0123456789012345678901234567890123456789");
	frame_text(&f, 1, 0, "a========================b");
	frame_draw(&f, tty);
	screen_feed(&s);
	if (!has("=\033[23b")) {
		fail(name, "no rep: %s", show(out, outlen));
		goto out;
	}
	row = screen_row(&s, 1, 40);
	if (strncmp(row, "a========================b ", 27) != 0) {
		fail(name, "rep row '%s'", row);
		goto out;
	}
	/* Blank most of row 0. */
	frame_begin(&f, 3, 40);
	frame_text(&f, 0, 3, "                                     ");
	frame_draw(&f, tty);
	screen_feed(&s);
	row = screen_row(&s, 0, 40);
	if (!has("\033[K") || count(" ") > 2 || strncmp(row, "012 ", 4) != 0 ||
	    strspn(row + 3, " ") != 37) {
		fail(name, "el row '%s' bytes %s", row, show(out, outlen));
		goto out;
	}
	pass(name);
out:
	screen_close(&s);
	tty_stop(tty);
	tty_free(tty);
}

static void
test_malformed(void)
{
	const char *name = "malformed frame refused, nothing written";
	static const uint8_t junk[] = { 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0,
		0, 1, 0, 9 };
	struct tty *tty;

	if ((tty = make("xterm-256color", 0, 1, 3, 10)) == NULL) {
		fail(name, "create");
		return;
	}
	if (tty_frame(tty, junk, sizeof junk) != -1 ||
	    tty_frame(tty, junk, 3) != -1) {
		fail(name, "accepted");
		goto out;
	}
	capture(tty);
	if (outlen != 0)
		fail(name, "wrote %s", show(out, outlen));
	else
		pass(name);
out:
	tty_stop(tty);
	tty_free(tty);
}

static void
test_title_clipboard_bell(void)
{
	const char *name = "title stripped of controls, OSC 52, bell";
	struct tty *tty;

	if ((tty = make("xterm-256color", 0, 1, 3, 10)) == NULL) {
		fail(name, "create");
		return;
	}
	tty_title(tty,
	    "a\033]0;evil\007b\xc2\x9b"
	    "c\xc3\xa9");
	tty_clipboard(tty, "c", "aGVsbG8=");
	tty_clipboard(tty, "c", "bad\033data");
	tty_bell(tty);
	capture(tty);
	if (strcmp(out,
		"\033]2;a]0;evilbc\xc3\xa9\007\033]52;c;aGVsbG8=\007"
		"\007") != 0)
		fail(name, "got %s", show(out, outlen));
	else
		pass(name);
	tty_stop(tty);
	tty_free(tty);
}

static void
test_resize_redraw(void)
{
	const char *name = "resize then redraw repaints the kept copy";
	struct screen s;
	struct tty *tty;
	struct frame f;

	if ((tty = make("xterm-256color", 0, 1, 4, 20)) == NULL) {
		fail(name, "create");
		return;
	}
	frame_begin(&f, 4, 20);
	frame_text(&f, 0, 0, "keep me");
	frame_text(&f, 3, 15, "gone");
	frame_draw(&f, tty);
	tty_resize(tty, 3, 10);
	tty_redraw(tty);
	capture(tty);
	screen_open(&s, 3, 10);
	screen_feed(&s);
	if (!has("\033[H\033[2J") ||
	    strcmp(screen_row(&s, 0, 10), "keep me   ") != 0 || has("gone"))
		fail(name, "row 0 '%s' bytes %s", screen_row(&s, 0, 10),
		    show(out, outlen));
	else
		pass(name);
	screen_close(&s);
	tty_stop(tty);
	tty_free(tty);
}

static void
test_flush_eagain(void)
{
	const char *name = "flush keeps what a full pipe does not take";
	struct tty *tty;
	struct frame f;
	char *cause, buf[65536];
	int p[2];
	size_t total = 0, pend;
	ssize_t n;
	unsigned r, c;
	char ch[2] = { 0, 0 };

	if (pipe(p) != 0 || fcntl(p[1], F_SETFL, O_NONBLOCK) != 0 ||
	    fcntl(p[0], F_SETFL, O_NONBLOCK) != 0) {
		fail(name, "pipe: %s", strerror(errno));
		return;
	}
	tty = tty_create(p[1], p[1], "xterm-256color", 1, &cause);
	if (tty == NULL) {
		fail(name, "create: %s", cause);
		return;
	}
	tty_resize(tty, 200, 200);
	tty_start(tty);
	frame_begin(&f, 200, 200);
	for (r = 0; r < 200; r++) {
		for (c = 0; c < 200; c++) {
			/* A colour change at every cell: about 4 MB. */
			f.style.fg = VT_COLOUR_RGB(r, c, 7);
			ch[0] = (char)('a' + (r + c) % 26);
			frame_cell(&f, r, c, ch, 1);
		}
	}
	proto_frame_end(&f.w);
	{
		const uint8_t *payload;
		size_t off = 0, plen;
		uint32_t type;

		while (proto_next_message(f.b.data + off, f.b.len - off, &type,
			   &payload, &plen) == 1) {
			tty_frame(tty, payload, plen);
			off += PROTO_HEADER_SIZE + plen;
		}
	}
	proto_buf_free(&f.b);
	pend = tty_pending(tty);
	if (tty_flush(tty) != 0 || tty_pending(tty) == 0 ||
	    tty_pending(tty) >= pend) {
		fail(name, "pending %zu -> %zu", pend, tty_pending(tty));
		goto out;
	}
	while (tty_pending(tty) > 0) {
		while ((n = read(p[0], buf, sizeof buf)) > 0)
			total += (size_t)n;
		if (tty_flush(tty) != 0) {
			fail(name, "flush: %s", strerror(errno));
			goto out;
		}
	}
	while ((n = read(p[0], buf, sizeof buf)) > 0)
		total += (size_t)n;
	if (total != pend)
		fail(name, "read %zu of %zu", total, pend);
	else
		pass(name);
out:
	tty_free(tty);
	close(p[0]);
	close(p[1]);
}

/* Draw one frame's messages (already ended) without capturing. */
static void
frame_feed(struct frame *f, struct tty *tty)
{
	const uint8_t *payload;
	size_t off = 0, plen;
	uint32_t type;

	proto_frame_end(&f->w);
	while (proto_next_message(f->b.data + off, f->b.len - off, &type,
		   &payload, &plen) == 1) {
		tty_frame(tty, payload, plen);
		off += PROTO_HEADER_SIZE + plen;
	}
	proto_buf_free(&f->b);
}

static void
test_slow_terminal(void)
{
	const char *name = "slow terminal: frames coalesce, final state shown";
	struct screen s;
	struct tty *tty = NULL;
	struct frame f;
	char *cause, buf[65536], text[32], why[300] = "";
	int p[2];
	size_t pend1, pend;
	ssize_t n;
	unsigned r, c, i;

	if (pipe(p) != 0 || fcntl(p[1], F_SETFL, O_NONBLOCK) != 0 ||
	    fcntl(p[0], F_SETFL, O_NONBLOCK) != 0) {
		fail(name, "pipe: %s", strerror(errno));
		return;
	}
	tty = tty_create(p[1], p[1], "xterm-256color", 1, &cause);
	if (tty == NULL) {
		fail(name, "create: %s", cause);
		goto out;
	}
	tty_set_utf8(tty, 1);
	tty_resize(tty, 50, 200);
	tty_start(tty);
	screen_open(&s, 50, 200);

	/* A big first frame: the pipe fills, much stays pending. */
	frame_begin(&f, 50, 200);
	for (r = 0; r < 50; r++) {
		for (c = 0; c < 200; c++) {
			f.style.fg = VT_COLOUR_RGB(r, c, 7);
			frame_cell(&f, r, c, "o", 1);
		}
	}
	frame_feed(&f, tty);
	tty_flush(tty);
	pend1 = tty_pending(tty);
	/* More frames while the terminal reads nothing: no more output. */
	for (i = 0; i < 20; i++) {
		frame_begin(&f, 50, 200);
		proto_frame_scroll(&f.w, 0, 49, 1);
		snprintf(text, sizeof text, "frame %u", i);
		frame_text(&f, 49, 0, text);
		frame_feed(&f, tty);
		tty_flush(tty);
	}
	pend = tty_pending(tty);
	if (pend1 < 32 * 1024 || pend != pend1) {
		snprintf(why, sizeof why, "pending %zu then %zu", pend1, pend);
		goto done;
	}
	/* The terminal reads again. */
	for (i = 0; i < 100000 && (tty_pending(tty) > 0 || i == 0); i++) {
		while ((n = read(p[0], buf, sizeof buf)) > 0)
			vterm_input_write(s.vt, buf, (size_t)n);
		if (tty_flush(tty) != 0) {
			snprintf(why, sizeof why, "flush: %s", strerror(errno));
			goto done;
		}
	}
	while ((n = read(p[0], buf, sizeof buf)) > 0)
		vterm_input_write(s.vt, buf, (size_t)n);
	vterm_screen_flush_damage(s.vs);
	for (i = 0; i < 20 && *why == '\0'; i++) {
		snprintf(text, sizeof text, "frame %u", i);
		r = 49 - (19 - i);
		if (strncmp(screen_row(&s, (int)r, 200), text, strlen(text)) !=
		    0)
			snprintf(why, sizeof why, "row %u '%.40s' want '%s'", r,
			    screen_row(&s, (int)r, 200), text);
	}
	if (*why == '\0' && strncmp(screen_row(&s, 29, 200), "oooo", 4) != 0)
		snprintf(
		    why, sizeof why, "row 29 '%.40s'", screen_row(&s, 29, 200));
done:
	if (*why != '\0')
		fail(name, "%s", why);
	else
		pass(name);
	screen_close(&s);
out:
	if (tty != NULL)
		tty_free(tty);
	close(p[0]);
	close(p[1]);
}

static void
test_vterm_attrs(void)
{
	const char *name = "libvterm sees italic, strike, blink, underlines";
	static const struct {
		uint16_t attrs;
		uint8_t underline;
	} want[] = {
		{ VT_ATTR_ITALIC, 0 },
		{ VT_ATTR_STRIKE, 0 },
		{ VT_ATTR_BLINK, 0 },
		{ 0, VT_UNDERLINE_SINGLE },
		{ 0, VT_UNDERLINE_DOUBLE },
		{ VT_ATTR_BOLD | VT_ATTR_ITALIC, VT_UNDERLINE_SINGLE },
		{ 0, 0 },
	};
	const size_t n = sizeof want / sizeof want[0];
	struct screen s;
	struct tty *tty;
	struct frame f;
	VTermScreenCell c;
	size_t i;

	if ((tty = make("xterm-256color", 0, 1, 3, 20)) == NULL) {
		fail(name, "create");
		return;
	}
	screen_open(&s, 3, 20);
	screen_feed(&s);
	frame_begin(&f, 3, 20);
	for (i = 0; i < n; i++) {
		f.style.attrs = want[i].attrs;
		f.style.underline = want[i].underline;
		frame_text(&f, 1, (unsigned)i, "A");
	}
	frame_draw(&f, tty);
	screen_feed(&s);
	for (i = 0; i < n; i++) {
		screen_cell(&s, 1, (int)i, &c);
		if (c.chars[0] != 'A' ||
		    c.attrs.italic != !!(want[i].attrs & VT_ATTR_ITALIC) ||
		    c.attrs.strike != !!(want[i].attrs & VT_ATTR_STRIKE) ||
		    c.attrs.blink != !!(want[i].attrs & VT_ATTR_BLINK) ||
		    c.attrs.bold != !!(want[i].attrs & VT_ATTR_BOLD) ||
		    c.attrs.underline != want[i].underline) {
			fail(name,
			    "col %zu: italic %d strike %d blink %d bold %d "
			    "underline %d; bytes %s",
			    i, c.attrs.italic, c.attrs.strike, c.attrs.blink,
			    c.attrs.bold, c.attrs.underline, show(out, outlen));
			goto out;
		}
	}
	pass(name);
out:
	screen_close(&s);
	tty_stop(tty);
	tty_free(tty);
}

/*
 * Random frames against libvterm: the test keeps its own simple model of
 * what the screen must show (the frame semantics of proto.h, with a cell
 * over half of a wide character blanking the other half) and compares
 * every cell after every frame. Deterministic (fixed seeds).
 */
#define RT_ROWS 8
#define RT_COLS 16

struct rt_cell {
	uint32_t cp; /* 0: blank; for a right half, 0 with width 0 */
	int width;
	struct proto_style st;
};

static const struct {
	const char *utf8;
	uint32_t cp;
	int width;
} rt_chars[] = {
	{ "a", 'a', 1 },
	{ "Z", 'Z', 1 },
	{ "=", '=', 1 },
	{ " ", 0, 1 },
	{ "\xc3\xa9", 0xe9, 1 },
	{ "\xe2\x94\x80", 0x2500, 1 },
	{ "\xe4\xb8\x96", 0x4e16, 2 },
	{ "\xe7\x95\x8c", 0x754c, 2 },
};

static unsigned rt_seed;

static unsigned
rt_rand(unsigned n)
{
	rt_seed = rt_seed * 1103515245u + 12345u;
	return (rt_seed >> 16) % n;
}

static void
rt_blank(struct rt_cell *c)
{
	memset(c, 0, sizeof *c);
	c->width = 1;
}

static void
rt_put(struct rt_cell m[RT_ROWS][RT_COLS], unsigned r, unsigned c, uint32_t cp,
    int width, const struct proto_style *st)
{
	struct proto_style old;

	if (m[r][c].width == 0 && c > 0) {
		old = m[r][c - 1].st;
		rt_blank(&m[r][c - 1]);
		m[r][c - 1].st = old;
	}
	if (m[r][c].width == 2 && width == 1) {
		old = m[r][c].st;
		rt_blank(&m[r][c + 1]);
		m[r][c + 1].st = old;
	}
	if (width == 2 && c + 2 < RT_COLS && m[r][c + 1].width == 2) {
		old = m[r][c + 1].st;
		rt_blank(&m[r][c + 2]);
		m[r][c + 2].st = old;
	}
	m[r][c].cp = cp;
	m[r][c].width = width;
	m[r][c].st = *st;
	if (width == 2) {
		m[r][c + 1].cp = 0;
		m[r][c + 1].width = 0;
		m[r][c + 1].st = *st;
	}
}

static int
rt_colour_match(uint32_t want, const VTermColor *got, int fg)
{
	if (want == VT_COLOUR_DEFAULT)
		return fg ? VTERM_COLOR_IS_DEFAULT_FG(got)
			  : VTERM_COLOR_IS_DEFAULT_BG(got);
	if (!VTERM_COLOR_IS_RGB(got) || VTERM_COLOR_IS_DEFAULT_FG(got) ||
	    VTERM_COLOR_IS_DEFAULT_BG(got))
		return 0;
	return got->rgb.red == ((want >> 16) & 0xff) &&
	    got->rgb.green == ((want >> 8) & 0xff) &&
	    got->rgb.blue == (want & 0xff);
}

static void
test_random_frames(void)
{
	const char *name = "random frames: libvterm shows the model";
	static const uint32_t colours[] = { VT_COLOUR_DEFAULT,
		VT_COLOUR_RGB(200, 10, 10), VT_COLOUR_RGB(10, 200, 10),
		VT_COLOUR_RGB(1, 2, 250) };
	struct rt_cell m[RT_ROWS][RT_COLS], *want;
	struct proto_style st;
	struct screen s;
	struct tty *tty;
	struct frame f;
	VTermScreenCell c;
	unsigned seed, fno, op, nops, r, col, k, top, bottom, count, i;
	uint32_t cp;
	char why[300] = "";

	for (seed = 1; seed <= 4 && *why == '\0'; seed++) {
		rt_seed = seed;
		if ((tty = make("xterm-256color", 1, 1, RT_ROWS, RT_COLS)) ==
		    NULL) {
			fail(name, "create");
			return;
		}
		screen_open(&s, RT_ROWS, RT_COLS);
		screen_feed(&s);
		for (r = 0; r < RT_ROWS; r++)
			for (col = 0; col < RT_COLS; col++)
				rt_blank(&m[r][col]);
		for (fno = 0; fno < 150 && *why == '\0'; fno++) {
			frame_begin(&f, RT_ROWS, RT_COLS);
			nops = 1 + rt_rand(6);
			for (op = 0; op < nops; op++) {
				k = rt_rand(40);
				if (k == 0) {
					proto_frame_clear(&f.w);
					for (r = 0; r < RT_ROWS; r++)
						for (col = 0; col < RT_COLS;
						     col++)
							rt_blank(&m[r][col]);
				} else if (k < 4) {
					top = rt_rand(RT_ROWS);
					bottom = top + rt_rand(RT_ROWS - top);
					count = 1 + rt_rand(bottom - top + 1);
					proto_frame_scroll(
					    &f.w, top, bottom, count);
					for (r = top; r <= bottom; r++) {
						for (col = 0; col < RT_COLS;
						     col++) {
							if (r + count <= bottom)
								m[r][col] =
								    m[r + count]
								     [col];
							else
								rt_blank(
								    &m[r][col]);
						}
					}
				} else {
					/* A run of cells. */
					r = rt_rand(RT_ROWS);
					col = rt_rand(RT_COLS);
					count = 1 + rt_rand(12);
					memset(&st, 0, sizeof st);
					st.fg = colours[rt_rand(4)];
					st.bg = colours[rt_rand(4)];
					if (rt_rand(3) == 0)
						st.attrs |= VT_ATTR_BOLD;
					if (rt_rand(5) == 0)
						st.attrs |= VT_ATTR_INVERSE;
					f.style = st;
					for (i = 0; i < count && col < RT_COLS;
					     i++) {
						k = rt_rand(sizeof rt_chars /
						    sizeof rt_chars[0]);
						if (rt_chars[k].width == 2 &&
						    col + 1 >= RT_COLS)
							k = 0;
						frame_cell(&f, r, col,
						    rt_chars[k].utf8,
						    (unsigned)rt_chars[k]
							.width);
						rt_put(m, r, col,
						    rt_chars[k].cp,
						    rt_chars[k].width, &st);
						col +=
						    (unsigned)rt_chars[k].width;
					}
				}
			}
			frame_draw(&f, tty);
			screen_feed(&s);
			for (r = 0; r < RT_ROWS && *why == '\0'; r++) {
				for (col = 0; col < RT_COLS && *why == '\0';
				     col++) {
					want = &m[r][col];
					screen_cell(&s, (int)r, (int)col, &c);
					if (want->width == 0)
						continue;
					cp = c.chars[0] == ' ' ? 0 : c.chars[0];
					if (cp != want->cp ||
					    c.width != want->width ||
					    !rt_colour_match(
						want->st.bg, &c.bg, 0) ||
					    c.attrs.reverse !=
						!!(want->st.attrs &
						    VT_ATTR_INVERSE) ||
					    (want->cp != 0 &&
						(!rt_colour_match(
						     want->st.fg, &c.fg, 1) ||
						    c.attrs.bold !=
							!!(want->st.attrs &
							    VT_ATTR_BOLD))))
						snprintf(why, sizeof why,
						    "seed %u frame %u row %u "
						    "col %u: U+%X w%d rev %d, "
						    "want U+%X w%d; row '%s'",
						    seed, fno, r, col, cp,
						    c.width, c.attrs.reverse,
						    want->cp, want->width,
						    screen_row(
							&s, (int)r, RT_COLS));
				}
			}
		}
		if (*why != '\0')
			printf("# last bytes %s\n", show(out, outlen));
		screen_close(&s);
		tty_stop(tty);
		tty_free(tty);
	}
	if (*why != '\0')
		fail(name, "%s", why);
	else
		pass(name);
}

static void
test_direct(void)
{
	struct proto_style st;

	memset(&st, 0, sizeof st);
	st.fg = VT_COLOUR_INDEXED(196);
	check_style("direct colour: index 196 as rgb", "xterm-direct", 0, &st,
	    "\033[38;2;255;0;0m", NULL);
	st.fg = VT_COLOUR_INDEXED(3);
	check_style("direct colour: index 3 through setaf", "xterm-direct", 0,
	    &st, "\033[33m", NULL);
}

static void
test_acs_screen(void)
{
	const char *name = "xterm and vt100 without UTF-8: libvterm sees boxes";
	static const char *const terms[] = { "xterm", "vt100" };
	struct screen s;
	struct tty *tty;
	struct frame f;
	VTermScreenCell c[3];
	size_t i;

	for (i = 0; i < 2; i++) {
		if ((tty = make(terms[i], 0, 0, 3, 10)) == NULL) {
			fail(name, "create %s", terms[i]);
			return;
		}
		screen_open(&s, 3, 10);
		vterm_set_utf8(s.vt, 0);
		screen_feed(&s);
		frame_begin(&f, 3, 10);
		frame_cell(&f, 1, 0, "\xe2\x94\x94", 1); /* U+2514 */
		frame_cell(&f, 1, 1, "\xe2\x94\x80", 1); /* U+2500 */
		frame_cell(&f, 1, 2, "x", 1);
		frame_draw(&f, tty);
		screen_feed(&s);
		screen_cell(&s, 1, 0, &c[0]);
		screen_cell(&s, 1, 1, &c[1]);
		screen_cell(&s, 1, 2, &c[2]);
		if (c[0].chars[0] != 0x2514 || c[1].chars[0] != 0x2500 ||
		    c[2].chars[0] != 'x') {
			fail(name, "%s: U+%X U+%X U+%X; bytes %s", terms[i],
			    c[0].chars[0], c[1].chars[0], c[2].chars[0],
			    show(out, outlen));
			screen_close(&s);
			tty_stop(tty);
			tty_free(tty);
			return;
		}
		screen_close(&s);
		tty_stop(tty);
		tty_free(tty);
	}
	pass(name);
}

static void
test_termios(void)
{
	const char *name = "raw mode on a pty, restored by stop; size from it";
	struct termios before, during, after;
	struct winsize ws = { 7, 33, 0, 0 };
	struct tty *tty = NULL;
	unsigned rows, cols;
	char *cause;
	int master, slave;

	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master == -1 || grantpt(master) != 0 || unlockpt(master) != 0 ||
	    (slave = open(ptsname(master), O_RDWR | O_NOCTTY)) == -1) {
		printf("ok - %s # SKIP no pseudo-terminal: %s\n", name,
		    strerror(errno));
		return;
	}
	ioctl(slave, TIOCSWINSZ, &ws);
	tcgetattr(slave, &before);
	tty = tty_create(slave, slave, "xterm-256color", 0, &cause);
	if (tty == NULL) {
		fail(name, "create: %s", cause);
		goto out;
	}
	if (tty_get_size(tty, &rows, &cols) != 0 || rows != 7 || cols != 33) {
		fail(name, "size %ux%u", rows, cols);
		goto out;
	}
	if (tty_start(tty) != 0) {
		fail(name, "start: %s", strerror(errno));
		goto out;
	}
	tcgetattr(slave, &during);
	if ((during.c_lflag & (ICANON | ECHO | ISIG | IEXTEN)) ||
	    (during.c_oflag & OPOST) || (during.c_iflag & (ICRNL | IXON))) {
		fail(name, "not raw: lflag %x oflag %x iflag %x",
		    (unsigned)during.c_lflag, (unsigned)during.c_oflag,
		    (unsigned)during.c_iflag);
		goto out;
	}
	tty_stop(tty);
	tcgetattr(slave, &after);
	if (after.c_lflag != before.c_lflag ||
	    after.c_oflag != before.c_oflag || after.c_iflag != before.c_iflag)
		fail(name, "not restored");
	else
		pass(name);
out:
	if (tty != NULL)
		tty_free(tty);
	close(slave);
	close(master);
}

static void
test_redraw_modes(void)
{
	const char *name = "redraw sends the modes and cursor state again";
	struct proto_frame hdr;
	struct tty *tty;
	struct frame f;

	if ((tty = make("xterm-256color", 0, 1, 3, 10)) == NULL) {
		fail(name, "create");
		return;
	}
	memset(&hdr, 0, sizeof hdr);
	hdr.rows = 3;
	hdr.cols = 10;
	hdr.cursor_visible = 0;
	hdr.modes = VT_MODE_BRACKETED_PASTE;
	frame_begin_hdr(&f, &hdr);
	frame_text(&f, 1, 1, "hi");
	frame_draw(&f, tty);
	tty_redraw(tty);
	capture(tty);
	if (!has("\033[H\033[2J") || !has("\033[?2004h") || !has("hi") ||
	    !has("\033[?25l"))
		fail(name, "got %s", show(out, outlen));
	else
		pass(name);
	tty_stop(tty);
	tty_free(tty);
}

int
main(void)
{
	int have_terminfo;

	memfd = memfd_create("tty-test", 0);
	if (memfd == -1) {
		printf("not ok - memfd_create: %s\n", strerror(errno));
		return 1;
	}
	have_terminfo = make_test_terminfo() == 0;

	test_create();
	test_line_sizes();
	test_unsure_width();
	test_unsure_width_last_column();
	test_flags();
	test_start_stop();
	test_colours();
	test_attributes();
	test_setulc_sync(have_terminfo);
	test_no_acs(have_terminfo);
	test_sgr_once();
	test_cup_needed();
	test_wide_edge();
	test_modes();
	test_modes_vt100();
	test_cursor();
	test_acs_vt100();
	test_vterm_screen();
	test_scroll(have_terminfo);
	test_el_rep();
	test_malformed();
	test_title_clipboard_bell();
	test_resize_redraw();
	test_flush_eagain();
	test_direct();
	test_acs_screen();
	test_termios();
	test_redraw_modes();
	test_slow_terminal();
	test_vterm_attrs();
	test_random_frames();
	return failures == 0 ? 0 : 1;
}
