/*
 * format-test.c -- unit tests of the caption/hardstatus expander
 * (src/format.c): every escape, padding and truncation at several widths,
 * colours and attributes, conditionals, wide characters, malformed strings
 * and roost's default strings. Prints one TAP line per case (see
 * /work/notes/COMMON.md); exits 1 if any failed.
 *
 * Every expansion is also checked for well-formed cells (ch[] zero-padded,
 * pad bytes zero, wide characters whole), since the renderer compares
 * cells with memcmp.
 */
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "format.h"

static int failed;
static int ntests;

/* 2024-03-05 09:07:04 UTC, a Tuesday. */
#define TEST_NOW  ((time_t)1709629624)
#define TEST_MAXW 512

static struct format_window test_windows[3];
static struct format_ctx test_ctx;
static struct vt_cell cells[TEST_MAXW];
static char text[TEST_MAXW * 32];
static char diag[4096];
static char line[TEST_MAXW + 1];

static void
test_reset(void)
{
	memset(test_windows, 0, sizeof test_windows);
	test_windows[0].number = 0;
	test_windows[0].title = "bash";
	test_windows[1].number = 1;
	test_windows[1].title = "vim";
	test_windows[1].hardstatus = "editing";
	test_windows[1].flags = FORMAT_WIN_CURRENT;
	test_windows[2].number = 2;
	test_windows[2].title = "top";
	test_windows[2].flags = FORMAT_WIN_LAST;
	memset(&test_ctx, 0, sizeof test_ctx);
	test_ctx.session = "main";
	test_ctx.host = "box";
	test_ctx.now = TEST_NOW;
	test_ctx.windows = test_windows;
	test_ctx.nwindows = 3;
	test_ctx.current = 1;
	test_ctx.focused = 1;
}

static void
report(const char *name, int ok)
{
	ntests++;
	if (ok) {
		printf("ok - %s\n", name);
	} else {
		failed++;
		printf("not ok - %s\n", name);
		if (diag[0] != '\0')
			printf("# %s\n", diag);
	}
	diag[0] = '\0';
}

static void
diagf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(diag, sizeof diag, fmt, ap);
	va_end(ap);
}

static size_t
utf8_put(unsigned cp, char *q)
{
	if (cp < 0x80) {
		q[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		q[0] = (char)(0xc0 | (cp >> 6));
		q[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		q[0] = (char)(0xe0 | (cp >> 12));
		q[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		q[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	q[0] = (char)(0xf0 | (cp >> 18));
	q[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	q[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	q[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* 1 if cells[0..w-1] follow struct vt_cell's rules. */
static int
cells_wellformed(unsigned w)
{
	unsigned i, j;

	for (i = 0; i < w; i++) {
		const struct vt_cell *c = &cells[i];

		if (c->pad[0] || c->pad[1] || c->pad[2] || c->style.pad) {
			diagf("cell %u: pad bytes not zero", i);
			return 0;
		}
		if (c->width > 2) {
			diagf("cell %u: width %u", i, c->width);
			return 0;
		}
		if (c->width == 2 && (i + 1 >= w || cells[i + 1].width != 0)) {
			diagf("cell %u: wide without continuation", i);
			return 0;
		}
		if (c->width == 0 && (i == 0 || cells[i - 1].width != 2)) {
			diagf("cell %u: orphan continuation", i);
			return 0;
		}
		for (j = 0; j < VT_CELL_CHARS; j++) {
			if (c->ch[j] == 0)
				break;
		}
		for (; j < VT_CELL_CHARS; j++) {
			if (c->ch[j] != 0) {
				diagf("cell %u: ch[] not zero-padded", i);
				return 0;
			}
		}
	}
	return 1;
}

/* The cells as UTF-8 (continuations skipped, empty cells as spaces). */
static const char *
cells_text(unsigned w)
{
	char *q = text;
	unsigned i, j;

	for (i = 0; i < w; i++) {
		if (cells[i].width == 0)
			continue;
		if (cells[i].ch[0] == 0)
			*q++ = ' ';
		for (j = 0; j < VT_CELL_CHARS && cells[i].ch[j] != 0; j++)
			q += utf8_put(cells[i].ch[j], q);
	}
	*q = '\0';
	return text;
}

/* Expand fmt at width w with test_ctx; 1 if well-formed. */
static int
expand(const char *fmt, unsigned w)
{
	memset(cells, 0xa5, sizeof cells);
	if (format_expand(fmt, &test_ctx, cells, w) != 0) {
		diagf("format_expand failed");
		return 0;
	}
	if (cells[w].width != 0xa5) {
		diagf("wrote past width");
		return 0;
	}
	return cells_wellformed(w);
}

/* Expand and compare the text with want (exactly w cells). */
static void
check_text(const char *name, const char *fmt, unsigned w, const char *want)
{
	int ok = expand(fmt, w);

	if (ok && strcmp(cells_text(w), want) != 0) {
		diagf("fmt \"%s\" width %u: got \"%s\", want \"%s\"", fmt, w,
		    text, want);
		ok = 0;
	}
	report(name, ok);
}

static int
style_is(unsigned col, uint32_t fg, uint32_t bg, unsigned attrs)
{
	const struct vt_style *s = &cells[col].style;

	if (s->fg == fg && s->bg == bg && s->attrs == attrs)
		return 1;
	diagf("col %u: fg %08x bg %08x attrs %04x, want %08x %08x %04x", col,
	    (unsigned)s->fg, (unsigned)s->bg, s->attrs, (unsigned)fg,
	    (unsigned)bg, attrs);
	return 0;
}

/* Expand "%{spec}X" and check X's style. */
static void
check_style(const char *name, const char *fmt, unsigned col, uint32_t fg,
    uint32_t bg, unsigned attrs)
{
	int ok = expand(fmt, 20);

	report(name, ok && style_is(col, fg, bg, attrs));
}

#define IDX(n) VT_COLOUR_INDEXED(n)
#define DEF    VT_COLOUR_DEFAULT

static void
test_basic(void)
{
	test_reset();
	check_text("literal text padded with blanks", "hello", 8, "hello   ");
	check_text("%% is a percent sign", "100%%", 5, "100% ");
	check_text("%n window number", "%n", 3, "1  ");
	check_text("%3n right-aligned number", "%3n|", 5, "  1| ");
	check_text("%t window title", "[%t]", 6, "[vim] ");
	check_text("%h window hardstatus", "%h", 8, "editing ");
	check_text("%f flags of the current window", "%n%f", 4, "1*  ");
	check_text("%H host, %S session", "%H:%S", 9, "box:main ");
	check_text("%O window count", "%O", 2, "3 ");
	check_text("%w all windows", "%w", 20, "0 bash  1 vim  2 top");
	check_text(
	    "%-w windows before the current one", "%-w|", 10, "0 bash  | ");
	check_text("%+w windows after the current one", "|%+w", 8, "|  2 top");
	check_text("%W all but the current one", "%W", 13, "0 bash  2 top");
	check_text(
	    "%-w%n %t%+w is %w", "%-w%n %t%+w", 20, "0 bash  1 vim  2 top");
	check_text("%Lw shows flags", "%Lw", 22, "0 bash  1* vim  2- top");
	check_text(
	    "%-Lw and %+Lw", "%-Lw[%n%f]%+Lw", 22, "0 bash  [1*]  2- top  ");

	test_windows[0].flags = FORMAT_WIN_LOGIN | FORMAT_WIN_BELL |
	    FORMAT_WIN_ACTIVITY | FORMAT_WIN_SILENCE | FORMAT_WIN_SHARED |
	    FORMAT_WIN_LOGGING | FORMAT_WIN_ZOMBIE;
	test_ctx.current = 0;
	check_text(
	    "%f shows every flag in screen's order", "%f", 12, "$!@~&(L)Z   ");
	test_reset();

	test_ctx.current = 0;
	check_text("%-w on the first window is empty", "[%-w]%n", 5, "[]0  ");
	test_ctx.current = 2;
	check_text("%+w on the last window is empty", "%n[%+w]", 5, "2[]  ");
	test_ctx.current = -1;
	check_text("no window: %n is -, %t empty", "%n|%t|%3n", 7, "-|| -- ");
	check_text("no window: %w lists all, %-w %+w none", "%-w|%w|%+w", 24,
	    "|0 bash  1 vim  2 top|  ");
	test_ctx.current = 7; /* out of range: as no window */
	check_text("current out of range is no window", "%n%t", 2, "- ");
	test_reset();

	test_windows[0].title = "a-very-long-title-longer-than-twenty";
	check_text("%w cuts titles to 20 cells", "%W", 30,
	    "0 a-very-long-title-lo  2 top ");
	test_reset();

	test_windows[1].title = NULL;
	test_windows[1].hardstatus = NULL;
	test_ctx.session = NULL;
	test_ctx.host = NULL;
	check_text("NULL strings are empty", "%t|%S|%H|%h", 8, "|||     ");
	test_reset();

	check_text(
	    "unknown escapes expand to nothing", "a%qb%lc%ud%`e", 6, "abcde ");
}

static void
test_time(void)
{
	test_reset();
	check_text("%c 24-hour clock, space-padded", "%c", 5, " 9:07");
	check_text("%0c zero-padded clock", "%0c", 5, "09:07");
	check_text("%s seconds", "%s", 2, "04");
	check_text("%d %m %y %Y", "%d.%m.%y %Y", 13, "05.03.24 2024");
	check_text("%D %LD weekday", "%D %LD", 11, "Tue Tuesday");
	check_text("%M %LM month", "%M %LM", 9, "Mar March");
	check_text("%a %A morning", "%a%A", 4, "amAM");
	test_ctx.now = TEST_NOW + 12 * 3600; /* 21:07 */
	check_text("%C 12-hour clock", "%C %0C %c", 17, " 9:07 09:07 21:07");
	check_text("%a %A evening", "%a%A", 4, "pmPM");
	test_ctx.now = TEST_NOW + 3 * 3600 - 9 * 60; /* 11:58 */
	check_text("%C at 11 is 11", "%C", 5, "11:58");
	test_ctx.now = TEST_NOW - 9 * 3600 - 7 * 60; /* 00:00:04 */
	check_text("%C at midnight is 12", "%C%a", 7, "12:00am");
	test_reset();

	report("granularity: none", format_time_granularity("%n %t %w") == 0);
	report("granularity: clock is a minute",
	    format_time_granularity("%H %c") == 60);
	report("granularity: date is a minute",
	    format_time_granularity("%d/%m") == 60);
	report("granularity: seconds", format_time_granularity("%c:%s") == 1);
	report("granularity: %%s and %{s} are not time",
	    format_time_granularity("%%s %{s}%{= ky}") == 0);
	report("granularity: qualifiers",
	    format_time_granularity("%0c") == 60 &&
		format_time_granularity("%LD") == 60);
	report("granularity: NULL and truncated strings",
	    format_time_granularity(NULL) == 0 &&
		format_time_granularity("%") == 0 &&
		format_time_granularity("%{") == 0);
	report("granularity: default hardstatus is a minute",
	    format_time_granularity(FORMAT_DEFAULT_HARDSTATUS) == 60);
	report("granularity: default caption has none",
	    format_time_granularity(FORMAT_DEFAULT_CAPTION) == 0);
}

static void
test_conditionals(void)
{
	test_reset();
	check_text("%? kept when an escape expands", "%?[%t]%?", 6, "[vim] ");
	test_windows[1].title = "";
	check_text(
	    "%? dropped when escapes are empty", "a%?[%t]%?b", 4, "ab  ");
	check_text("%: else part when empty", "%?%t%:none%?", 4, "none");
	test_reset();
	check_text("%: else part dropped when true", "%?%t%:none%?", 4, "vim ");
	check_text("%? without escapes is dropped", "a%?plain%?b", 3, "ab ");
	check_text("%F true when focused", "%?%F[F]%:[-]%?", 3, "[F]");
	check_text("%-F true when not focused", "%?%-F[-]%?x", 2, "x ");
	test_ctx.focused = 0;
	check_text("%F false when not focused", "%?%F[F]%:[-]%?", 3, "[-]");
	check_text("%-F when not focused", "%?%-F[-]%?", 3, "[-]");
	test_ctx.escape_pressed = 1;
	check_text("%E true after the command character", "%?%E^A%?", 2, "^A");
	test_ctx.escape_pressed = 0;
	check_text("%E false otherwise", "%?%E^A%?", 2, "  ");
	test_ctx.copy_mode = 1;
	check_text("%P true in copy mode", "%?%P[copy]%?", 6, "[copy]");
	test_reset();
	check_text(
	    "two conditionals in a row", "%?%t%?-%?%E!%:.%?", 5, "vim-.");
	check_text("%? always closes (no nesting)", "%?a%?%t%?b%?", 4, "vim ");
	check_text(
	    "unterminated %? closed at the end (true)", "x%?%t", 4, "xvim");
	check_text(
	    "unterminated %? closed at the end (false)", "x%?%E-", 3, "x  ");
	check_text(
	    "stray %: outside a conditional is ignored", "a%:b", 2, "ab");
	check_text("time escapes count as non-empty", "%?%c%?", 5, " 9:07");

	/* Colours inside a discarded part are rolled back. */
	expand("%?%{= rw}%E%?X", 2);
	report("colour change in a dropped part is undone",
	    style_is(0, DEF, DEF, 0));
	expand("%?%F%{= bW}%:%{= wk}%?X", 2);
	report(
	    "colour of the kept part applies", style_is(0, IDX(15), IDX(4), 0));
	test_ctx.focused = 0;
	expand("%?%F%{= bW}%:%{= wk}%?X", 2);
	report(
	    "colour of the else part applies", style_is(0, IDX(0), IDX(7), 0));
	test_reset();
	check_text("pad in a dropped part is undone", "a%?%=%E%?b", 5, "ab   ");
}

static void
test_padding(void)
{
	test_reset();
	check_text("%= pads to the width", "a%=b", 10, "a        b");
	check_text("two %= share the room", "a%=b%=c", 9, "a   b   c");
	check_text(
	    "odd room: the right pad gets more", "a%=b%=c", 8, "a  b   c");
	check_text("%= at the end right-fills nothing", "ab%=", 4, "ab  ");
	check_text("%= at the start right-aligns", "%=ab", 4, "  ab");
	check_text("%50= pads to half the width", "a%50=b", 10, "a    b    ");
	check_text(
	    "%05= pads to absolute column 5", "a%05=b", 10, "a    b    ");
	check_text("%-3= pads to 3 from the right", "a%-3=b", 10, "a      b  ");
	check_text("%+50= half the room after the last pad", "ab%05=c%+50=d",
	    15, "ab   c    d    ");
	check_text("%50= truncates what is too long", "abcdefgh%50=X", 10,
	    "abcdeX    ");
	check_text(
	    "%50L= does not truncate", "abcdefgh%50L=X", 10, "abcdefghX ");
	check_text("%L= sets the last pad only", "ab%L=cdefghij%03<X", 10,
	    "abcX      ");
	check_text("plain %= before a numbered one fills to it", "a%=b%05=c",
	    10, "a   bc    ");
	check_text("%< alone truncates to the width", "abcdefghijkl%<", 10,
	    "abcdefghij");
	check_text(
	    "%5< truncates without filling", "abcdefgh%50<X", 10, "abcdeX    ");
	check_text("%< on short text does nothing", "abc%<X", 6, "abcX  ");
	check_text(
	    "text longer than the line is cut", "abcdefghijkl", 5, "abcde");
	check_text("%L> marks the right cut with ...", "%L>abcdefghij%05<", 10,
	    "ab...     ");
	check_text("%100L> keeps the end, ... on the left",
	    "abcdefghij%100L>%05<", 10, "...ij     ");
	check_text("%50L> centres the mark, ... on both sides",
	    "0123456789%50L>ABCDEFGHIJ%<", 10, "...89AB...");
	check_text("%50> without L: no marks", "0123456789%50>ABCDEFGHIJ%<", 10,
	    "56789ABCDE");
	check_text("truncation starts at the last pad",
	    "[S]%L=0123456789%100>ABCDEF%010<", 10, "[S]3456789");
	check_text("width 1", "abc%=d", 1, "a");
	check_text(
	    "width 2: the right pad gets the odd blank", "%=a%=", 2, "a ");
	check_text("width 3 with ... marks", "%L>abcdefgh%<", 3, "...");
	report("width 0 writes nothing",
	    format_expand("abc%=%{= kr}", &test_ctx, NULL, 0) == 0);
	memset(line, ' ', 300);
	line[0] = 'a';
	line[299] = 'b';
	line[300] = '\0';
	check_text("large width 300", "a%=b", 300, line);
	check_text(
	    "pad takes the style where it stands", "%{= kr}a%=b", 4, "a  b");
	report("pad style",
	    style_is(1, IDX(1), IDX(0), 0) && style_is(2, IDX(1), IDX(0), 0));
	expand("%{= kr}ab", 6);
	report("blanks after the end take the last style",
	    style_is(5, IDX(1), IDX(0), 0));
}

static void
test_colours(void)
{
	static const char letters[] = "krgybmcw";
	char fmt[32], name[64];
	int i;

	test_reset();
	for (i = 0; i < 8; i++) {
		snprintf(fmt, sizeof fmt, "%%{%c}X", letters[i]);
		snprintf(
		    name, sizeof name, "colour letter %c is %d", letters[i], i);
		check_style(name, fmt, 0, IDX(i), DEF, 0);
		snprintf(fmt, sizeof fmt, "%%{%c}X", letters[i] - 'a' + 'A');
		snprintf(name, sizeof name, "bright letter %c is %d",
		    letters[i] - 'a' + 'A', i + 8);
		check_style(name, fmt, 0, IDX(i + 8), DEF, 0);
	}
	check_style("two letters: background then foreground", "%{= kG}X", 0,
	    IDX(10), IDX(0), 0);
	check_style("d is the default colour", "%{r}%{= dd}X", 0, DEF, DEF, 0);
	check_style(". leaves a colour unchanged", "%{= kr}%{g.}X", 0, IDX(1),
	    IDX(2), 0);
	check_style("256-colour number", "%{196}X", 0, IDX(196), DEF, 0);
	check_style("256-colour fg;bg", "%{196;17}X", 0, IDX(196), IDX(17), 0);
	check_style(
	    "fg;bg with an empty side", "%{= kr}%{;g}X", 0, IDX(1), IDX(2), 0);
	check_style(
	    "#rrggbb", "%{#ff8000}X", 0, VT_COLOUR_RGB(255, 128, 0), DEF, 0);
	check_style("#rgb", "%{#f80}X", 0, VT_COLOUR_RGB(255, 136, 0), DEF, 0);
	check_style("#rgb;#rrggbb", "%{#fff;#102030}X", 0,
	    VT_COLOUR_RGB(255, 255, 255), VT_COLOUR_RGB(16, 32, 48), 0);
	check_style("x prefix as screen 5", "%{x00ff00}X", 0,
	    VT_COLOUR_RGB(0, 255, 0), DEF, 0);
	check_style(
	    "number over 255 is ignored", "%{r}%{256}X", 0, IDX(1), DEF, 0);
	check_style("+b bold", "%{+b}X", 0, DEF, DEF, VT_ATTR_BOLD);
	check_style("+d dim", "%{+d}X", 0, DEF, DEF, VT_ATTR_FAINT);
	check_style("+r reverse", "%{+r}X", 0, DEF, DEF, VT_ATTR_INVERSE);
	check_style(
	    "+s standout (reverse)", "%{+s}X", 0, DEF, DEF, VT_ATTR_INVERSE);
	check_style("+B blink", "%{+B}X", 0, DEF, DEF, VT_ATTR_BLINK);
	check_style("+i italic", "%{+i}X", 0, DEF, DEF, VT_ATTR_ITALIC);
	expand("%{+u}X", 2);
	report("+u underline",
	    cells[0].style.underline == VT_UNDERLINE_SINGLE &&
		cells[1].style.underline == VT_UNDERLINE_SINGLE);
	expand("%{+u}%{-u}X", 2);
	report("-u removes underline",
	    cells[0].style.underline == VT_UNDERLINE_NONE);
	check_style("u alone (not a colour) adds underline... attrs kept",
	    "%{+b}%{u}X", 0, DEF, DEF, VT_ATTR_BOLD);
	check_style(
	    "-b removes bold", "%{+bd}%{-b}X", 0, DEF, DEF, VT_ATTR_FAINT);
	check_style("!b toggles", "%{+b}%{!bd}X", 0, DEF, DEF, VT_ATTR_FAINT);
	check_style(
	    "=b sets exactly", "%{+dB}%{=b}X", 0, DEF, DEF, VT_ATTR_BOLD);
	check_style("= alone clears attributes, keeps colours", "%{+b r}%{=}X",
	    0, IDX(1), DEF, 0);
	check_style("+b r: bold red", "%{+b r}X", 0, IDX(1), DEF, VT_ATTR_BOLD);
	check_style("=b kw: attribute then colours", "%{=b kw}X", 0, IDX(7),
	    IDX(0), VT_ATTR_BOLD);
	check_style("=bw: colour right after the letters", "%{=bw}X", 0, IDX(7),
	    DEF, VT_ATTR_BOLD);
	check_style("one colour under reverse sets the background",
	    "%{+r}%{g}X", 0, DEF, IDX(2), VT_ATTR_INVERSE);
	check_style(".g under reverse sets the foreground", "%{+r}%{.g}X", 0,
	    IDX(2), DEF, VT_ATTR_INVERSE);
	check_style("two colours under reverse are swapped", "%{+r}%{kg}X", 0,
	    IDX(0), IDX(2), VT_ATTR_INVERSE);
	check_style(
	    ".R. sets the background only", "%{.R.}X", 0, DEF, IDX(9), 0);
	check_style("i brightens the colour", "%{g}%{i}X", 0, IDX(10), DEF, 0);
	check_style("%{-} pops", "%{= kr}%{+b g}%{-}X", 0, IDX(1), IDX(0), 0);
	check_style(
	    "%{-} pops twice to the base", "%{r}%{g}%{-}%{-}X", 0, DEF, DEF, 0);
	check_style("%{-} on an empty stack keeps the base", "%{-}%{-}X", 0,
	    DEF, DEF, 0);
	check_style("invalid %{} is ignored (nothing pushed)",
	    "%{r}%{zzz}%{-}X", 0, DEF, DEF, 0);
	check_style("empty %{} pushes the same style", "%{r}%{}%{-}X", 0,
	    IDX(1), DEF, 0);
	expand("a%{r}b%{-}c", 3);
	report("colour changes apply from their position",
	    style_is(0, DEF, DEF, 0) && style_is(1, IDX(1), DEF, 0) &&
		style_is(2, DEF, DEF, 0));
	test_ctx.base.fg = IDX(3);
	test_ctx.base.attrs = VT_ATTR_BOLD;
	expand("a%{+u}b", 3);
	report("the line starts with ctx->base",
	    style_is(0, IDX(3), DEF, VT_ATTR_BOLD) &&
		style_is(2, IDX(3), DEF, VT_ATTR_BOLD));
	test_reset();
	for (i = 0; i < 100; i++)
		strcpy(text + i * 4, "%{r}");
	strcat(text, "X");
	check_style("deep stacks stay bounded", text, 0, IDX(1), DEF, 0);

	test_windows[0].flags = FORMAT_WIN_BELL;
	test_windows[2].flags = FORMAT_WIN_ACTIVITY;
	expand("%{= kw}%w", 20);
	report("bell entry bold underlined, activity bold, others plain",
	    style_is(0, IDX(7), IDX(0), VT_ATTR_BOLD) &&
		cells[0].style.underline == VT_UNDERLINE_SINGLE &&
		style_is(6, IDX(7), IDX(0), 0) &&
		style_is(8, IDX(7), IDX(0), 0) &&
		style_is(15, IDX(7), IDX(0), VT_ATTR_BOLD));
	test_ctx.rend_bell = "= Yr";
	test_ctx.rend_activity = "";
	expand("%{= kw}%w", 20);
	report("rendition bell and activity from the context",
	    style_is(0, IDX(1), IDX(11), 0) &&
		cells[0].style.underline == VT_UNDERLINE_NONE &&
		style_is(6, IDX(7), IDX(0), 0) &&
		style_is(15, IDX(7), IDX(0), 0));
	test_ctx.rend_bell = "bogus!";
	expand("%{= kw}%w", 20);
	report("invalid rendition is ignored", style_is(0, IDX(7), IDX(0), 0));
	test_reset();
}

static void
test_wide(void)
{
	test_reset();
	test_windows[1].title =
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"; /* 3 wide */
	check_text("wide title takes two cells each", "%t|", 8,
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e| ");
	report("wide cells",
	    cells[0].width == 2 && cells[1].width == 0 &&
		cells[6].ch[0] == '|');
	check_text("wide char cut by the edge becomes a blank", "%t", 5,
	    "\xe6\x97\xa5\xe6\x9c\xac ");
	report("edge blank", cells[4].width == 1 && cells[4].ch[0] == ' ');
	check_text("wide char cut by truncation becomes a blank", "a%t%02<|", 6,
	    "a |   ");
	check_text(
	    "... over half a wide char", "%L>a%t%06<", 8, "a\xe6\x97\xa5...  ");
	check_text("wide chars in %w", "%w", 23,
	    "0 bash  1 \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e  2 top");
	test_reset();
	/* Found by fuzz-format: a conditional rolled back after a left cut
	   moved the columns must not leave half a wide character. */
	check_text("rollback after a cut never splits a wide char",
	    "abc%?\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5%100>%07<%?", 10,
	    "c\xe6\x97\xa5       ");
	check_text("combining mark joins the previous cell", "e\xcc\x81x", 3,
	    "e\xcc\x81x ");
	report("combining in cell 0",
	    cells[0].ch[0] == 'e' && cells[0].ch[1] == 0x301 &&
		cells[1].ch[0] == 'x');
	check_text(
	    "combining mark at the start is dropped", "\xcc\x81x", 2, "x ");
	check_text("combining mark after a wide char", "\xe6\x97\xa5\xcc\x81x",
	    3, "\xe6\x97\xa5\xcc\x81x");
}

static void
test_malformed(void)
{
	test_reset();
	check_text("trailing % is dropped", "ab%", 3, "ab ");
	check_text("trailing %L is dropped", "ab%-5L", 3, "ab ");
	check_text("unterminated %{ drops the rest", "ab%{+b cd", 4, "ab  ");
	check_text(
	    "huge numbers saturate", "%99999999999999999999n|", 4, "    ");
	check_text("%n width is bounded", "%99999999999999999999n|", 66,
	    "                                                               "
	    "1| ");
	check_text("huge pad position is clamped", "a%099999999999999999999=b",
	    4, "a   ");
	check_text("huge percentage is 100", "a%999=b", 4, "a   ");
	check_text("huge %> percentage", "%999L>abcdef%03<", 4, "... ");
	check_text("invalid UTF-8 is U+FFFD",
	    "a\xff"
	    "b",
	    3,
	    "a\xef\xbf\xbd"
	    "b");
	check_text("truncated UTF-8 is U+FFFD", "a\xe6\x97", 4,
	    "a\xef\xbf\xbd\xef\xbf\xbd ");
	check_text("overlong and surrogate are U+FFFD", "\xc0\xaf\xed\xa0\x80",
	    5, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	check_text(
	    "control characters are dropped", "a\x1b[1mb\tc\x7f", 6, "a[1mbc");
	check_text("escape on a multibyte letter is dropped",
	    "a%\xc3\xa9"
	    "b",
	    3, "ab ");
	test_windows[1].title = "t\x1b]0;x\x07";
	check_text("controls in titles are dropped", "%t", 6, "t]0;x ");
	test_reset();
	check_text("NULL fmt is blank", NULL, 3, "   ");
	memset(cells, 0, sizeof cells);
	report("NULL ctx is an empty context",
	    format_expand("%n|%t|%w|%S", NULL, cells, 4) == 0 &&
		cells_wellformed(4) && strcmp(cells_text(4), "-|||") == 0);
	check_text("empty fmt is blank", "", 3, "   ");
	check_text("%{ alone at the end", "x%{", 2, "x ");
	check_text("%{} content with braces", "%{{r}X", 2, "X ");
	check_text(
	    "many pads", "%=%=%=%=%=%=%=%=%=%=%=%=%=%=%=%=%=%=%=%=x", 3, "  x");
}

static void
test_text(void)
{
	char *s;

	test_reset();
	s = format_expand_text("%n %t%=%{= kr}!", &test_ctx, 0);
	report("text: no width, plain %= vanishes",
	    s != NULL && strcmp(s, "1 vim!") == 0);
	if (s != NULL && strcmp(s, "1 vim!") != 0)
		printf("# got \"%s\"\n", s);
	free(s);
	s = format_expand_text("%n %t%=!", &test_ctx, 10);
	report(
	    "text: width 10 pads", s != NULL && strcmp(s, "1 vim    !") == 0);
	free(s);
	s = format_expand_text("%w", &test_ctx, 8);
	report("text: width cuts", s != NULL && strcmp(s, "0 bash  ") == 0);
	free(s);
	s = format_expand_text("%010=|", &test_ctx, 0);
	report("text: absolute pad without width",
	    s != NULL && strcmp(s, "          |") == 0);
	free(s);
	test_windows[1].title = "\xe6\x97\xa5\xe6\x9c\xac";
	s = format_expand_text("%t", &test_ctx, 3);
	report("text: wide char cut at the edge is a space",
	    s != NULL && strcmp(s, "\xe6\x97\xa5 ") == 0);
	free(s);
	s = format_expand_text(NULL, &test_ctx, 0);
	report("text: NULL fmt is empty", s != NULL && s[0] == '\0');
	free(s);
}

static void
test_defaults(void)
{
	const char *hs = FORMAT_DEFAULT_HARDSTATUS;
	static struct format_window many[12];
	static char titles[12][16];
	unsigned i;
	int ok;

	test_reset();
	check_text("default hardstatus at 40 columns", hs, 40,
	    "[main] 0 bash  1* vim  2- top     09:07 ");
	report("default hardstatus: bar black on green",
	    style_is(0, IDX(0), IDX(2), 0) && style_is(39, IDX(0), IDX(2), 0) &&
		style_is(14, IDX(0), IDX(2), 0) &&
		style_is(22, IDX(0), IDX(2), 0));
	report("default hardstatus: current tab bold reverse",
	    style_is(15, IDX(0), IDX(2), VT_ATTR_BOLD | VT_ATTR_INVERSE) &&
		style_is(20, IDX(0), IDX(2), VT_ATTR_BOLD | VT_ATTR_INVERSE));
	memset(line, ' ', 80);
	memcpy(line, "[main] 0 bash  1* vim  2- top", 29);
	memcpy(line + 73, " 09:07 ", 8);
	check_text("default hardstatus at 80 columns", hs, 80, line);

	for (i = 0; i < 12; i++) {
		snprintf(titles[i], sizeof titles[i], "win%u", i);
		many[i].number = i;
		many[i].title = titles[i];
	}
	many[6].flags = FORMAT_WIN_CURRENT;
	test_ctx.windows = many;
	test_ctx.nwindows = 12;
	test_ctx.current = 6;
	check_text("default hardstatus cut around the current tab", hs, 40,
	    "[main] ...  5 win5  6* win6  7... 09:07 ");
	ok = expand(hs, 40) && strstr(cells_text(40), "6* win6") != NULL &&
	    strncmp(text, "[main] ", 7) == 0 &&
	    strcmp(text + 33, " 09:07 ") == 0;
	report("default hardstatus keeps session, current tab and clock", ok);
	test_ctx.current = 0;
	many[6].flags = 0;
	many[0].flags = FORMAT_WIN_CURRENT;
	check_text("default hardstatus, first window current", hs, 40,
	    "[main] 0* win0  1 win1  2 win2... 09:07 ");
	test_ctx.current = 11;
	check_text("default hardstatus, last window current", hs, 40,
	    "[main] ...in9  10 win10  11 win11 09:07 ");
	check_text(
	    "default hardstatus at 20 columns", hs, 20, "[main] ...... 09:07 ");
	check_text("default hardstatus at 10 columns: the clock wins", hs, 10,
	    "[ma 09:07 ");
	check_text("default hardstatus at 1 column", hs, 1, " ");
	test_reset();

	check_text("default caption", FORMAT_DEFAULT_CAPTION, 10, "  1 vim   ");
	report("default caption focused: bright white on blue, whole line",
	    style_is(0, IDX(15), IDX(4), 0) && style_is(9, IDX(15), IDX(4), 0));
	test_ctx.focused = 0;
	expand(FORMAT_DEFAULT_CAPTION, 10);
	report("default caption unfocused: black on white",
	    style_is(0, IDX(0), IDX(7), 0) && style_is(9, IDX(0), IDX(7), 0));
}

int
main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL &&
	    setlocale(LC_CTYPE, "en_US.UTF-8") == NULL)
		printf("# no UTF-8 locale: wide character cases may fail\n");

	test_basic();
	test_time();
	test_conditionals();
	test_padding();
	test_colours();
	test_wide();
	test_malformed();
	test_text();
	test_defaults();
	printf("# %d tests, %d failed\n", ntests, failed);
	return failed ? 1 : 0;
}
