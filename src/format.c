/*
 * format.c -- expands caption and hardstatus strings (GNU screen's "String
 * Escapes", see format.h for the language) into a line of cells.
 *
 * It owns the parsing of format strings and %{...} renditions, the layout
 * of one line (padding, truncation, "..." marks) and nothing else: no
 * server structures, no clock, no terminal output, no global state. The
 * caller passes everything in a struct format_ctx.
 *
 * How: the string is expanded left to right into a growing array of cells,
 * one per column (a wide character is its leading cell plus a continuation
 * cell), each carrying the style in effect when it was written. Plain %=
 * pads are remembered as positions and widened at the end or at the next
 * numbered %= / %<, which also truncates; the truncation rules follow
 * screen's manual (the marked point moves to its percentage of the area
 * that starts at the last pad). Conditionals snapshot the state at %? and
 * %: and roll back to it. Cutting through a wide character leaves a blank
 * in place of the orphaned half.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "format.h"

/*
 * Most columns one expansion holds before truncation (or the line width if
 * larger): titles are bounded (VT_TITLE_MAX) but window lists are not, and
 * the fuzzer must not make us allocate without limit.
 */
#define FORMAT_MAX_COLS	  8192
#define FORMAT_MAX_PADS	  1024	 /* plain %= beyond this are ignored */
#define FORMAT_STACK_MAX  64	 /* %{} nesting kept; deeper replaces the top */
#define FORMAT_NUM_MAX	  100000 /* numbers saturate here */
#define FORMAT_LIST_TITLE 20	 /* cells of a title in %w (as screen) */
#define FORMAT_TEXT_MAX	  1024	 /* absolute columns without a width */

/* The internal bit for underline in an attribute mask (attrs are 16-bit). */
#define FORMAT_ATTR_UNDERLINE 0x10000u

struct format_pad {
	size_t pos; /* column the blanks go before */
	struct vt_style style;
};

/* What a conditional restores when its part is discarded. */
struct format_snap {
	size_t len;
	/* Cell len - 1, which combining marks may change. */
	struct vt_cell last;
	unsigned long cuts;
	size_t npads;
	size_t lastpad;
	long trunc_pos;
	unsigned trunc_perc;
	int trunc_ellip;
	unsigned depth;
	struct vt_style stack[FORMAT_STACK_MAX];
};

struct format_state {
	const struct format_ctx *ctx;
	const struct format_window *win; /* this line's window or NULL */
	unsigned padlen;		 /* line width, 0 for none */
	size_t maxcols;

	struct vt_cell *cells; /* one per column */
	size_t len, cap;
	int nomem;

	struct format_pad *pads;
	size_t npads, padcap;

	unsigned long cuts; /* left cuts so far (they move columns) */
	size_t lastpad;	    /* column of the last absolute pad */
	long trunc_pos;	    /* %> column, -1 for none */
	unsigned trunc_perc;
	int trunc_ellip;

	struct vt_style stack[FORMAT_STACK_MAX]; /* stack[depth] in effect */
	unsigned depth;

	int cond_active; /* a %? is open */
	int cond_set;	 /* an escape in it expanded to something */
	int cond_else;	 /* 0 in the first part; 1 else part being dropped;
			    -1 else part kept */
	struct format_snap snap;
};

static const char *format_days[7] = { "Sunday", "Monday", "Tuesday",
	"Wednesday", "Thursday", "Friday", "Saturday" };
static const char *format_months[12] = { "January", "February", "March",
	"April", "May", "June", "July", "August", "September", "October",
	"November", "December" };

/* ---------------------------------------------------------------- UTF-8 */

/*
 * Decode one UTF-8 character from s (at least one byte before the NUL).
 * Returns the bytes used; *cp is U+FFFD for an invalid or truncated
 * sequence, which then uses one byte so the next byte starts afresh.
 */
static size_t
format_utf8_decode(const char *s, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t n, i;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xc2 && u[0] <= 0xdf) {
		n = 2;
		c = u[0] & 0x1f;
		min = 0x80;
	} else if (u[0] >= 0xe0 && u[0] <= 0xef) {
		n = 3;
		c = u[0] & 0x0f;
		min = 0x800;
	} else if (u[0] >= 0xf0 && u[0] <= 0xf4) {
		n = 4;
		c = u[0] & 0x07;
		min = 0x10000;
	} else {
		*cp = 0xfffd;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		*cp = 0xfffd;
		return 1;
	}
	*cp = c;
	return n;
}

/* Append cp as UTF-8 to buf (room for 4 bytes); returns bytes written. */
static size_t
format_utf8_encode(uint32_t cp, char *buf)
{
	if (cp < 0x80) {
		buf[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		buf[0] = (char)(0xc0 | (cp >> 6));
		buf[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		buf[0] = (char)(0xe0 | (cp >> 12));
		buf[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		buf[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	buf[0] = (char)(0xf0 | (cp >> 18));
	buf[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	buf[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	buf[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * Cells a code point takes: -1 for a control (dropped), 0 for a combining
 * mark, else 1 or 2. As the emulator: code points wcwidth() does not know
 * take one cell, so nothing disappears.
 */
static int
format_cp_width(uint32_t cp)
{
	int w;

	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return -1;
	if (cp < 0x300)
		return 1;
	w = wcwidth((wchar_t)cp);
	if (w < 0)
		return 1;
	return w > 2 ? 2 : w;
}

/* ---------------------------------------------------------------- cells */

static void
format_cell_blank(struct vt_cell *cell, const struct vt_style *style)
{
	memset(cell, 0, sizeof *cell);
	cell->ch[0] = ' ';
	cell->width = 1;
	cell->style = *style;
}

static const struct vt_style *
format_style(const struct format_state *st)
{
	return &st->stack[st->depth];
}

/* Make room for n more columns; 0, or -1 when the cap or memory ends. */
static int
format_reserve(struct format_state *st, size_t n)
{
	struct vt_cell *cells;
	size_t cap;

	if (st->len + n > st->maxcols)
		return -1;
	if (st->len + n <= st->cap)
		return 0;
	cap = st->cap == 0 ? 256 : st->cap * 2;
	while (cap < st->len + n)
		cap *= 2;
	if (cap > st->maxcols)
		cap = st->maxcols;
	cells = realloc(st->cells, cap * sizeof *cells);
	if (cells == NULL) {
		st->nomem = 1;
		return -1;
	}
	st->cells = cells;
	st->cap = cap;
	return 0;
}

/*
 * Blank any half of a wide character whose other half is gone (after a
 * cut, a move or an overwrite) within columns [from, to).
 */
static void
format_repair(struct format_state *st, size_t from, size_t to)
{
	struct vt_cell *c = st->cells;
	size_t i;

	if (to > st->len)
		to = st->len;
	if (from > 0)
		from--;
	for (i = from; i < to; i++) {
		if (c[i].width == 2 &&
		    (i + 1 >= st->len || c[i + 1].width != 0)) {
			struct vt_style s = c[i].style;

			format_cell_blank(&c[i], &s);
		} else if (c[i].width == 0 && (i == 0 || c[i - 1].width != 2)) {
			struct vt_style s = c[i].style;

			format_cell_blank(&c[i], &s);
		}
	}
}

/* Append one code point in the current style; returns cells added. */
static size_t
format_put_cp(struct format_state *st, uint32_t cp)
{
	struct vt_cell *cell;
	int w, i;

	w = format_cp_width(cp);
	if (w < 0)
		return 0;
	if (w == 0) {
		/* A combining mark joins the previous character. */
		if (st->len == 0)
			return 0;
		cell = &st->cells[st->len - 1];
		if (cell->width == 0 && st->len >= 2)
			cell--;
		for (i = 1; i < VT_CELL_CHARS; i++) {
			if (cell->ch[i] == 0) {
				cell->ch[i] = cp;
				break;
			}
		}
		return 0;
	}
	if (format_reserve(st, (size_t)w) != 0)
		return 0;
	cell = &st->cells[st->len];
	format_cell_blank(cell, format_style(st));
	cell->ch[0] = cp;
	cell->width = (uint8_t)w;
	if (w == 2) {
		format_cell_blank(cell + 1, format_style(st));
		cell[1].ch[0] = 0;
		cell[1].width = 0;
	}
	st->len += (size_t)w;
	return (size_t)w;
}

/*
 * Append UTF-8 text, at most maxcols columns (0 = no limit; a character
 * that would pass the limit ends the text). Returns the columns added.
 */
static size_t
format_put_str(struct format_state *st, const char *s, size_t maxcols)
{
	size_t added = 0, n;
	uint32_t cp;
	int w;

	if (s == NULL)
		return 0;
	while (*s != '\0') {
		n = format_utf8_decode(s, &cp);
		if (maxcols != 0) {
			w = format_cp_width(cp);
			if (w > 0 && added + (size_t)w > maxcols)
				break;
		}
		s += n;
		added += format_put_cp(st, cp);
	}
	return added;
}

/* Append n blanks in style. */
static void
format_put_blanks(
    struct format_state *st, size_t n, const struct vt_style *style)
{
	size_t i;

	if (n > st->maxcols - st->len)
		n = st->maxcols - st->len;
	if (n == 0 || format_reserve(st, n) != 0)
		return;
	for (i = 0; i < n; i++)
		format_cell_blank(&st->cells[st->len + i], style);
	st->len += n;
}

/* Put a narrow character over column col (used for the "..." marks). */
static void
format_overwrite(struct format_state *st, size_t col, uint32_t cp)
{
	struct vt_cell *c = &st->cells[col];
	struct vt_style s = c->style;

	format_cell_blank(c, &s);
	c->ch[0] = cp;
	format_repair(st, col, col + 2);
}

/* ----------------------------------------------------- padding, truncation */

/*
 * Widen the pending plain %= pads so the line reaches target columns,
 * sharing the room; the rightmost pads get the larger shares (screen).
 */
static void
format_pads_expand(struct format_state *st, size_t target)
{
	size_t total, added, src, dst, span, share, k;
	struct format_pad *pad;

	if (st->npads == 0)
		return;
	if (target > st->maxcols)
		target = st->maxcols;
	total = target > st->len ? target - st->len : 0;
	if (total != 0 && format_reserve(st, total) != 0)
		total = 0;
	added = total;
	src = st->len;
	dst = st->len + total;
	for (k = st->npads; k > 0; k--) {
		pad = &st->pads[k - 1];
		if (pad->pos > src)
			pad->pos = src;
		span = src - pad->pos;
		if (span != 0 && dst != src)
			memmove(st->cells + dst - span, st->cells + pad->pos,
			    span * sizeof *st->cells);
		dst -= span;
		src = pad->pos;
		share = (total + k - 1) / k;
		total -= share;
		while (share-- > 0)
			format_cell_blank(&st->cells[--dst], &pad->style);
	}
	/* Here dst == src: columns [0, src) did not move. */
	st->len += added;
	st->npads = 0;
}

/*
 * A numbered %= or %<, or a plain %< (screen(1) "String Escapes"): compute
 * the column it stands for, widen pending pads to it, truncate what lies
 * before it if too long (unless L), and for %= fill up to it.
 */
static void
format_pad_at(struct format_state *st, int fill, int plus, int minus, int zero,
    int lng, long num)
{
	long cur = (long)st->len, lastpad = (long)st->lastpad;
	long padlen = (long)st->padlen;
	long trunc, left, limit;
	size_t i;

	if (minus) {
		num = (plus ? lastpad : padlen) - num;
		if (!plus && padlen == 0)
			num = cur;
		plus = 0;
	} else if (!zero) {
		if (!fill && num == 0 && !plus)
			num = 100;
		if (num > 100)
			num = 100;
		if (padlen == 0)
			num = cur;
		else
			num = (padlen - (plus ? lastpad : 0)) * num / 100;
	}
	if (num < 0)
		num = 0;
	if (plus)
		num += lastpad;
	limit = padlen != 0 ? padlen : FORMAT_TEXT_MAX;
	if (num > limit)
		num = limit;

	format_pads_expand(st, (size_t)num);
	cur = (long)st->len;

	if (cur > num && !lng) {
		if (st->trunc_pos < 0) {
			st->trunc_pos = lastpad;
			st->trunc_perc = 0;
		}
		trunc = lastpad + (long)st->trunc_perc * (num - lastpad) / 100;
		if (trunc > num)
			trunc = num;
		if (trunc < lastpad)
			trunc = lastpad;
		left = st->trunc_pos - trunc;
		if (left > cur - num)
			left = cur - num;
		if (left > 0) {
			/* Cut `left` columns at the start of the area so the
			   marked point moves left to its place. */
			if (left + lastpad > cur)
				left = cur - lastpad;
			memmove(st->cells + lastpad, st->cells + lastpad + left,
			    (size_t)(cur - lastpad - left) * sizeof *st->cells);
			cur -= left;
			st->len = (size_t)cur;
			st->cuts++;
			format_repair(st, (size_t)lastpad, (size_t)lastpad + 1);
			if (st->trunc_ellip) {
				for (i = 0; i < 3; i++) {
					if (lastpad + (long)i < cur)
						format_overwrite(st,
						    (size_t)lastpad + i, '.');
				}
			}
		}
		if (cur > num) {
			st->len = (size_t)num;
			cur = num;
			format_repair(
			    st, cur > 0 ? (size_t)cur - 1 : 0, (size_t)cur);
			if (st->trunc_ellip) {
				for (i = 1; i <= 3; i++) {
					if (num - (long)i >= lastpad)
						format_overwrite(st,
						    (size_t)(num - (long)i),
						    '.');
				}
			}
		}
		st->trunc_pos = -1;
		st->trunc_ellip = 0;
		if (st->lastpad > st->len)
			st->lastpad = st->len;
	}
	if (fill) {
		if ((long)st->len < num)
			format_put_blanks(
			    st, (size_t)num - st->len, format_style(st));
		st->lastpad = st->len;
		st->trunc_pos = -1;
		st->trunc_ellip = 0;
	}
}

/* A plain %=: remember where its blanks go (only with a line width). */
static void
format_pad_plain(struct format_state *st)
{
	struct format_pad *pads;
	size_t cap;

	if (st->padlen == 0 || st->npads >= FORMAT_MAX_PADS)
		return;
	if (st->npads == st->padcap) {
		cap = st->padcap == 0 ? 8 : st->padcap * 2;
		pads = realloc(st->pads, cap * sizeof *pads);
		if (pads == NULL) {
			st->nomem = 1;
			return;
		}
		st->pads = pads;
		st->padcap = cap;
	}
	st->pads[st->npads].pos = st->len;
	st->pads[st->npads].style = *format_style(st);
	st->npads++;
}

/* ------------------------------------------------------------ renditions */

/* Attribute letter to mask bit, 0 if not an attribute letter. */
static unsigned
format_attr_letter(char c)
{
	switch (c) {
	case 'd':
		return VT_ATTR_FAINT;
	case 'u':
		return FORMAT_ATTR_UNDERLINE;
	case 'b':
		return VT_ATTR_BOLD;
	case 'r':
	case 's': /* standout: terminals (xterm's smso) show it reversed */
		return VT_ATTR_INVERSE;
	case 'B':
	case 'l': /* screen 5's letter for blink */
		return VT_ATTR_BLINK;
	case 'i': /* screen 5: italic */
		return VT_ATTR_ITALIC;
	}
	return 0;
}

static void
format_attr_apply(struct vt_style *style, char type, unsigned mask)
{
	uint16_t attrs = (uint16_t)(mask & 0xffffu);
	int ul = (mask & FORMAT_ATTR_UNDERLINE) != 0;

	switch (type) {
	case '+':
		style->attrs |= attrs;
		if (ul)
			style->underline = VT_UNDERLINE_SINGLE;
		break;
	case '-':
		style->attrs &= (uint16_t)~attrs;
		if (ul)
			style->underline = VT_UNDERLINE_NONE;
		break;
	case '!':
		style->attrs ^= attrs;
		if (ul)
			style->underline = style->underline == VT_UNDERLINE_NONE
			    ? VT_UNDERLINE_SINGLE
			    : VT_UNDERLINE_NONE;
		break;
	case '=':
		style->attrs = attrs;
		style->underline = ul ? VT_UNDERLINE_SINGLE : VT_UNDERLINE_NONE;
		break;
	}
}

/* One colour item of a colour part. */
enum format_item_kind {
	FORMAT_ITEM_SET,      /* colour holds the new value */
	FORMAT_ITEM_KEEP,     /* '.' leave unchanged */
	FORMAT_ITEM_BRIGHTEN, /* 'i' / 'I' */
};

struct format_item {
	enum format_item_kind kind;
	uint32_t colour;
};

static int
format_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Parse one colour item at s (n bytes left). Returns the bytes used, 0 if
 * s does not start with a colour item.
 */
static size_t
format_item_parse(const char *s, size_t n, struct format_item *item)
{
	static const char letters[] = "krgybmcw";
	const char *p;
	unsigned v;
	size_t i, digits;
	int h;

	if (n == 0)
		return 0;
	item->kind = FORMAT_ITEM_SET;
	if (s[0] == '.') {
		item->kind = FORMAT_ITEM_KEEP;
		return 1;
	}
	if (s[0] == 'i' || s[0] == 'I') {
		item->kind = FORMAT_ITEM_BRIGHTEN;
		return 1;
	}
	if (s[0] == 'd' || s[0] == 'D') {
		item->colour = VT_COLOUR_DEFAULT;
		return 1;
	}
	if (s[0] >= 'a' && s[0] <= 'z' && (p = strchr(letters, s[0])) != NULL) {
		item->colour = VT_COLOUR_INDEXED(p - letters);
		return 1;
	}
	if (s[0] >= 'A' && s[0] <= 'Z' &&
	    (p = strchr(letters, s[0] - 'A' + 'a')) != NULL) {
		item->colour = VT_COLOUR_INDEXED(8 + (p - letters));
		return 1;
	}
	if (s[0] >= '0' && s[0] <= '9') {
		v = 0;
		for (i = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
			v = v * 10 + (unsigned)(s[i] - '0');
			if (v > 255)
				return 0;
		}
		item->colour = VT_COLOUR_INDEXED(v);
		return i;
	}
	if (s[0] == '#' || s[0] == 'x') {
		v = 0;
		for (digits = 0; 1 + digits < n && digits < 6; digits++) {
			if ((h = format_hex(s[1 + digits])) < 0)
				break;
			v = (v << 4) | (unsigned)h;
		}
		if (digits == 3) {
			item->colour = VT_COLOUR_RGB(((v >> 8) & 0xf) * 0x11,
			    ((v >> 4) & 0xf) * 0x11, (v & 0xf) * 0x11);
			return 4;
		}
		if (digits == 6) {
			item->colour = VT_COLOUR_RGB(
			    (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
			return 7;
		}
	}
	return 0;
}

static void
format_item_apply(const struct format_item *item, uint32_t *colour)
{
	switch (item->kind) {
	case FORMAT_ITEM_SET:
		*colour = item->colour;
		break;
	case FORMAT_ITEM_KEEP:
		break;
	case FORMAT_ITEM_BRIGHTEN:
		if (VT_COLOUR_KIND(*colour) == 1 &&
		    VT_COLOUR_INDEX(*colour) < 8)
			*colour =
			    VT_COLOUR_INDEXED(VT_COLOUR_INDEX(*colour) + 8);
		break;
	}
}

/*
 * A colour part of n bytes: "FG;BG", or screen's one or two items with the
 * optional '.' prefix. Applies it to style; -1 if it does not parse.
 */
static int
format_colour_parse(const char *s, size_t n, struct vt_style *style)
{
	struct format_item items[3], fg, bg;
	const char *semi;
	size_t used, count = 0, first = 0, off = 0;
	int prefixed = 0, reverse;

	semi = memchr(s, ';', n);
	if (semi != NULL) {
		size_t nf = (size_t)(semi - s), nb = n - nf - 1;

		fg.kind = bg.kind = FORMAT_ITEM_KEEP;
		if (nf != 0 && format_item_parse(s, nf, &fg) != nf)
			return -1;
		if (nb != 0 && format_item_parse(semi + 1, nb, &bg) != nb)
			return -1;
		format_item_apply(&fg, &style->fg);
		format_item_apply(&bg, &style->bg);
		return 0;
	}
	while (off < n) {
		if (count == 3)
			return -1;
		used = format_item_parse(s + off, n - off, &items[count]);
		if (used == 0)
			return -1;
		off += used;
		count++;
	}
	if (count == 0)
		return -1;
	if (count >= 2 && items[0].kind == FORMAT_ITEM_KEEP) {
		/* ".X" / ".XY": the '.' prefix, no swap under reverse. */
		prefixed = 1;
		first = 1;
		count--;
	}
	if (count > 2)
		return -1;
	reverse = (style->attrs & VT_ATTR_INVERSE) != 0 && !prefixed;
	if (count == 1) {
		format_item_apply(
		    &items[first], reverse ? &style->bg : &style->fg);
		return 0;
	}
	/* Two items: background, then foreground. */
	format_item_apply(&items[first], reverse ? &style->fg : &style->bg);
	format_item_apply(&items[first + 1], reverse ? &style->bg : &style->fg);
	return 0;
}

/*
 * Parse the content of %{...} (n bytes, braces excluded) and apply it to
 * *style. Returns 0, or -1 if it does not parse (style is then undefined).
 */
static int
format_rend_parse(const char *s, size_t n, struct vt_style *style)
{
	size_t i = 0, start, end, j;
	unsigned mask, bit;
	char type;

	while (i < n) {
		while (i < n && s[i] == ' ')
			i++;
		if (i == n)
			break;
		start = i;
		while (i < n && s[i] != ' ')
			i++;
		end = i;
		if (strchr("+-!=", s[start]) != NULL) {
			type = s[start];
			mask = 0;
			for (j = start + 1;
			     j < end && (bit = format_attr_letter(s[j])) != 0;
			     j++)
				mask |= bit;
			format_attr_apply(style, type, mask);
			if (j < end &&
			    format_colour_parse(s + j, end - j, style) != 0)
				return -1;
			continue;
		}
		if (format_colour_parse(s + start, end - start, style) == 0)
			continue;
		mask = 0;
		for (j = start; j < end; j++) {
			if ((bit = format_attr_letter(s[j])) == 0)
				return -1;
			mask |= bit;
		}
		format_attr_apply(style, '+', mask);
	}
	return 0;
}

static void
format_push(struct format_state *st, const struct vt_style *style)
{
	if (st->depth + 1 < FORMAT_STACK_MAX)
		st->depth++;
	st->stack[st->depth] = *style;
}

static void
format_pop(struct format_state *st)
{
	if (st->depth > 0)
		st->depth--;
}

/* ---------------------------------------------------------- conditionals */

static void
format_snap_take(struct format_state *st)
{
	struct format_snap *sn = &st->snap;

	sn->len = st->len;
	sn->cuts = st->cuts;
	if (st->len > 0)
		sn->last = st->cells[st->len - 1];
	sn->npads = st->npads;
	sn->lastpad = st->lastpad;
	sn->trunc_pos = st->trunc_pos;
	sn->trunc_perc = st->trunc_perc;
	sn->trunc_ellip = st->trunc_ellip;
	sn->depth = st->depth;
	memcpy(sn->stack, st->stack, (st->depth + 1) * sizeof *st->stack);
}

static void
format_snap_restore(struct format_state *st)
{
	struct format_snap *sn = &st->snap;

	if (st->len >= sn->len) {
		/* After a cut the columns moved: the saved cell is stale, and
		   the new end may split a wide character. */
		st->len = sn->len;
		if (sn->len > 0 && st->cuts == sn->cuts)
			st->cells[sn->len - 1] = sn->last;
		format_repair(st, st->len > 0 ? st->len - 1 : 0, st->len);
	}
	if (st->npads > sn->npads)
		st->npads = sn->npads;
	st->lastpad = sn->lastpad > st->len ? st->len : sn->lastpad;
	st->trunc_pos =
	    sn->trunc_pos > (long)st->len ? (long)st->len : sn->trunc_pos;
	st->trunc_perc = sn->trunc_perc;
	st->trunc_ellip = sn->trunc_ellip;
	st->depth = sn->depth;
	memcpy(st->stack, sn->stack, (sn->depth + 1) * sizeof *st->stack);
}

/* %?: open a conditional, or close the open one (screen: no nesting). */
static void
format_cond_mark(struct format_state *st)
{
	if (st->cond_active) {
		if ((!st->cond_set && st->cond_else == 0) || st->cond_else == 1)
			format_snap_restore(st);
		st->cond_active = 0;
		return;
	}
	format_snap_take(st);
	st->cond_active = 1;
	st->cond_set = 0;
	st->cond_else = 0;
}

/* %:: the else part of the open conditional. */
static void
format_cond_else(struct format_state *st)
{
	if (!st->cond_active)
		return;
	if (st->cond_set && st->cond_else != 1) {
		/* The first part stays; drop what follows. */
		st->cond_else = 1;
		format_snap_take(st);
	} else {
		format_snap_restore(st);
		st->cond_else = -1;
	}
}

/* ------------------------------------------------------------- escapes */

/* Flags of w as %f shows them, into buf (at least 16 bytes). */
static void
format_flags(const struct format_window *w, char *buf)
{
	unsigned f = w->flags;
	char *p = buf;

	if (f & FORMAT_WIN_CURRENT)
		*p++ = '*';
	if (f & FORMAT_WIN_LAST)
		*p++ = '-';
	if (f & FORMAT_WIN_LOGIN)
		*p++ = '$';
	if (f & FORMAT_WIN_BELL)
		*p++ = '!';
	if (f & FORMAT_WIN_ACTIVITY)
		*p++ = '@';
	if (f & FORMAT_WIN_SILENCE)
		*p++ = '~';
	if (f & FORMAT_WIN_SHARED)
		*p++ = '&';
	if (f & FORMAT_WIN_LOGGING) {
		memcpy(p, "(L)", 3);
		p += 3;
	}
	if (f & FORMAT_WIN_ZOMBIE)
		*p++ = 'Z';
	*p = '\0';
}

/* Decimal n right-aligned in at least width cells (width <= 64). */
static size_t
format_put_number(struct format_state *st, unsigned long n, long width)
{
	char buf[96];
	size_t len = 0, added = 0;

	do {
		buf[sizeof buf - 1 - len++] = (char)('0' + n % 10);
		n /= 10;
	} while (n != 0 && len < 30);
	while ((long)len < width && len < sizeof buf)
		buf[sizeof buf - 1 - len++] = ' ';
	while (len > 0)
		added +=
		    format_put_cp(st, (unsigned char)buf[sizeof buf - len--]);
	return added;
}

/* %w and friends. which: 'w' all, 'W' all but current; part: '-' before
   the current one, '+' after it (on the blank window: all), 0 all. */
static size_t
format_put_windows(struct format_state *st, char which, char part, int lng)
{
	const struct format_ctx *ctx = st->ctx;
	const struct format_window *w;
	struct vt_style rend;
	size_t i, added = 0;
	int cur = st->win != NULL ? ctx->current : -1, first = 1, pushed;
	const char *spec;
	char flags[16];

	/* Without a current window (the blank window) nothing is before it
	   and everything after it, as in screen. */
	for (i = 0; i < ctx->nwindows; i++) {
		if (part == '-' && (int)i >= cur)
			break;
		if (part == '+' && (int)i <= cur)
			continue;
		if (which == 'W' && (int)i == cur)
			continue;
		w = &ctx->windows[i];
		if (part == '+' || (part == 0 && !first))
			added += format_put_str(st, "  ", 0);
		first = 0;

		/* screen(1) "rendition": flagged windows stand out. */
		spec = NULL;
		if (w->flags & FORMAT_WIN_ACTIVITY)
			spec = ctx->rend_activity != NULL ? ctx->rend_activity
							  : "=b";
		else if (w->flags & FORMAT_WIN_BELL)
			spec = ctx->rend_bell != NULL ? ctx->rend_bell : "=ub";
		else if (w->flags & FORMAT_WIN_SILENCE)
			spec = ctx->rend_silence != NULL ? ctx->rend_silence
							 : "=u";
		rend = *format_style(st);
		pushed = spec != NULL && *spec != '\0' &&
		    format_rend_parse(spec, strlen(spec), &rend) == 0;
		if (pushed)
			format_push(st, &rend);
		added += format_put_number(st, w->number, 0);
		if (lng) {
			format_flags(w, flags);
			added += format_put_str(st, flags, 0);
		}
		added += format_put_cp(st, ' ');
		added += format_put_str(st, w->title, FORMAT_LIST_TITLE);
		if (pushed)
			format_pop(st);

		if (part == '-')
			added += format_put_str(st, "  ", 0);
	}
	return added;
}

/* Time escapes. Returns columns added. */
static size_t
format_put_time(struct format_state *st, char c, int zero, int lng)
{
	struct tm tm;
	char buf[32];
	const char *name;
	time_t now = st->ctx->now;
	int h;

	memset(&tm, 0, sizeof tm);
	if (localtime_r(&now, &tm) == NULL)
		memset(&tm, 0, sizeof tm);
	if (tm.tm_wday < 0 || tm.tm_wday > 6)
		tm.tm_wday = 0;
	if (tm.tm_mon < 0 || tm.tm_mon > 11)
		tm.tm_mon = 0;
	buf[0] = '\0';
	switch (c) {
	case 'c':
	case 'C':
		h = c == 'c' ? tm.tm_hour : (tm.tm_hour + 11) % 12 + 1;
		buf[0] = (char)(h >= 10 ? '0' + h / 10 : (zero ? '0' : ' '));
		buf[1] = (char)('0' + h % 10);
		buf[2] = ':';
		buf[3] = (char)('0' + tm.tm_min / 10 % 10);
		buf[4] = (char)('0' + tm.tm_min % 10);
		buf[5] = '\0';
		break;
	case 's':
	case 'd':
	case 'm':
	case 'y':
		h = c == 's'   ? tm.tm_sec
		    : c == 'd' ? tm.tm_mday
		    : c == 'm' ? tm.tm_mon + 1
			       : ((tm.tm_year % 100) + 100) % 100;
		buf[0] = (char)('0' + h / 10 % 10);
		buf[1] = (char)('0' + h % 10);
		buf[2] = '\0';
		break;
	case 'Y':
		return format_put_number(
		    st, (unsigned long)(tm.tm_year + 1900L), 4);
	case 'a':
		return format_put_str(st, tm.tm_hour >= 12 ? "pm" : "am", 0);
	case 'A':
		return format_put_str(st, tm.tm_hour >= 12 ? "PM" : "AM", 0);
	case 'D':
	case 'M':
		name = c == 'D' ? format_days[tm.tm_wday]
				: format_months[tm.tm_mon];
		return format_put_str(st, name, lng ? 0 : 3);
	}
	return format_put_str(st, buf, 0);
}

/* Parse and apply %{...}; p points after the '{'. Returns the position
   after the '}', or NULL when there is none (the rest is dropped). */
static const char *
format_rend(struct format_state *st, const char *p)
{
	const char *end = strchr(p, '}');
	struct vt_style style;

	if (end == NULL)
		return NULL;
	if (end - p == 1 && p[0] == '-') {
		format_pop(st);
		return end + 1;
	}
	style = *format_style(st);
	if (format_rend_parse(p, (size_t)(end - p), &style) == 0)
		format_push(st, &style);
	return end + 1;
}

/* The expansion proper, into st (which the caller set up and frees). */
static void
format_run(struct format_state *st, const char *fmt)
{
	const struct format_ctx *ctx = st->ctx;
	const char *p = fmt;
	int plus, minus, zero, lng, set;
	long num;
	uint32_t cp;
	char c, flags[16];

	while (*p != '\0') {
		if (*p != '%') {
			p += format_utf8_decode(p, &cp);
			format_put_cp(st, cp);
			continue;
		}
		p++;
		if (*p == '%') {
			format_put_cp(st, '%');
			p++;
			continue;
		}
		plus = minus = zero = lng = 0;
		if (*p == '+') {
			plus = 1;
			p++;
		}
		if (*p == '-') {
			minus = 1;
			p++;
		}
		if (*p == '0') {
			zero = 1;
			p++;
		}
		num = 0;
		while (*p >= '0' && *p <= '9') {
			if (num < FORMAT_NUM_MAX)
				num = num * 10 + (*p - '0');
			p++;
		}
		if (num > FORMAT_NUM_MAX)
			num = FORMAT_NUM_MAX;
		if (*p == 'L') {
			lng = 1;
			p++;
		}
		if (*p == '\0')
			break; /* a trailing escape is dropped */
		c = *p++;
		set = 0;
		switch (c) {
		case '?':
			format_cond_mark(st);
			break;
		case ':':
			format_cond_else(st);
			break;
		case '{':
			p = format_rend(st, p);
			if (p == NULL)
				return;
			break;
		case '=':
		case '<':
			if (num != 0 || zero || plus || lng || c == '<')
				format_pad_at(
				    st, c == '=', plus, minus, zero, lng, num);
			else
				format_pad_plain(st);
			break;
		case '>':
			st->trunc_pos = (long)st->len;
			st->trunc_perc = num > 100 ? 100 : (unsigned)num;
			st->trunc_ellip = lng;
			break;
		case 'n':
			if (st->win != NULL)
				format_put_number(
				    st, st->win->number, num > 64 ? 64 : num);
			else {
				/* No window: "-", or "--" right-aligned. */
				if (num > 64)
					num = 64;
				for (; num > 2; num--)
					format_put_cp(st, ' ');
				format_put_str(st, num > 1 ? "--" : "-", 0);
			}
			set = 1;
			break;
		case 't':
			if (st->win != NULL)
				set =
				    format_put_str(st, st->win->title, 0) != 0;
			break;
		case 'h':
			if (st->win != NULL)
				set = format_put_str(
					  st, st->win->hardstatus, 0) != 0;
			break;
		case 'f':
			if (st->win != NULL) {
				format_flags(st->win, flags);
				set = format_put_str(st, flags, 0) != 0;
			}
			break;
		case 'F':
			set = (ctx->focused != 0) != minus;
			break;
		case 'E':
			set = (ctx->escape_pressed != 0) != minus;
			break;
		case 'P':
			set = (ctx->copy_mode != 0) != minus;
			break;
		case 'H':
			set = format_put_str(st, ctx->host, 0) != 0;
			break;
		case 'S':
			set = format_put_str(st, ctx->session, 0) != 0;
			break;
		case 'O':
			format_put_number(
			    st, ctx->nwindows, num > 64 ? 64 : num);
			set = 1;
			break;
		case 'w':
		case 'W':
			set = format_put_windows(st, c,
				  minus	     ? '-'
				      : plus ? '+'
					     : 0,
				  lng) != 0;
			break;
		case 'c':
		case 'C':
		case 's':
		case 'd':
		case 'm':
		case 'y':
		case 'Y':
		case 'a':
		case 'A':
		case 'D':
		case 'M':
			format_put_time(st, c, zero, lng);
			set = 1;
			break;
		default:
			/* Unknown or unsupported (%l %u %x %` ...): nothing.
			   Skip the rest of a multibyte character. */
			while ((*p & 0xc0) == 0x80)
				p++;
			break;
		}
		if (set)
			st->cond_set = 1;
	}
}

/* Set st up, expand fmt, close what is open. 0, or -1 on ENOMEM. */
static int
format_state_run(struct format_state *st, const char *fmt,
    const struct format_ctx *ctx, unsigned width)
{
	static const struct format_ctx empty;

	if (ctx == NULL)
		ctx = &empty;
	memset(st, 0, sizeof *st);
	st->ctx = ctx;
	st->padlen = width;
	st->maxcols = width > FORMAT_MAX_COLS ? width : FORMAT_MAX_COLS;
	st->trunc_pos = -1;
	st->stack[0] = ctx->base;
	if (ctx->current >= 0 && (size_t)ctx->current < ctx->nwindows &&
	    ctx->windows != NULL)
		st->win = &ctx->windows[ctx->current];
	if (fmt != NULL)
		format_run(st, fmt);
	if (st->cond_active)
		format_cond_mark(st);
	if (st->padlen != 0)
		format_pads_expand(st, st->padlen);
	return st->nomem ? -1 : 0;
}

static void
format_state_free(struct format_state *st)
{
	free(st->cells);
	free(st->pads);
}

int
format_expand(const char *fmt, const struct format_ctx *ctx,
    struct vt_cell *out, unsigned width)
{
	struct format_state st;
	size_t i, n;
	int rc;

	if (width == 0)
		return 0;
	rc = format_state_run(&st, fmt, ctx, width);
	n = st.len < width ? st.len : width;
	if (n > 0)
		memcpy(out, st.cells, n * sizeof *out);
	for (i = n; i < width; i++)
		format_cell_blank(&out[i], format_style(&st));
	/* A wide character cut by the right edge becomes a blank, and so
	   does any half of one whose other half a pad, a cut or an
	   overwrite took away. */
	for (i = 0; i < width; i++) {
		struct vt_style s = out[i].style;

		if ((out[i].width == 2 &&
			(i + 1 >= width || out[i + 1].width != 0)) ||
		    (out[i].width == 0 && (i == 0 || out[i - 1].width != 2)))
			format_cell_blank(&out[i], &s);
	}
	format_state_free(&st);
	if (rc != 0)
		errno = ENOMEM;
	return rc;
}

char *
format_expand_text(
    const char *fmt, const struct format_ctx *ctx, unsigned width)
{
	struct format_state st;
	size_t i, j, n, cols, size;
	char *text, *q;
	int rc;

	rc = format_state_run(&st, fmt, ctx, width);
	cols = width != 0 ? width : st.len;
	n = st.len < cols ? st.len : cols;
	size = cols * VT_CELL_CHARS * 4 + 1;
	text = malloc(size);
	if (text == NULL || rc != 0) {
		free(text);
		format_state_free(&st);
		errno = ENOMEM;
		return NULL;
	}
	q = text;
	for (i = 0; i < n; i++) {
		const struct vt_cell *c = &st.cells[i];

		if (c->width == 0)
			continue;
		if (c->width == 2 && i + 1 >= cols) {
			*q++ = ' '; /* cut by the edge */
			continue;
		}
		if (c->ch[0] == 0) {
			*q++ = ' ';
			continue;
		}
		for (j = 0; j < VT_CELL_CHARS && c->ch[j] != 0; j++)
			q += format_utf8_encode(c->ch[j], q);
	}
	for (i = n; i < cols; i++)
		*q++ = ' ';
	*q = '\0';
	format_state_free(&st);
	return text;
}

unsigned
format_time_granularity(const char *fmt)
{
	unsigned g = 0;
	const char *p = fmt, *end;

	if (fmt == NULL)
		return 0;
	while (*p != '\0') {
		if (*p++ != '%')
			continue;
		if (*p == '%') {
			p++;
			continue;
		}
		while (*p == '+' || *p == '-' || (*p >= '0' && *p <= '9'))
			p++;
		if (*p == 'L')
			p++;
		switch (*p) {
		case '\0':
			return g;
		case '{':
			if ((end = strchr(p, '}')) == NULL)
				return g;
			p = end;
			break;
		case 's':
			return 1;
		case 'c':
		case 'C':
		case 'd':
		case 'D':
		case 'm':
		case 'M':
		case 'y':
		case 'Y':
		case 'a':
		case 'A':
			g = 60;
			break;
		}
		p++;
	}
	return g;
}
