/*
 * vt-sgr.c -- SGR (CSI Pm m): the pen's attributes, underline style and
 * colours, in both the ';' form and the ':' sub-parameter form of ECMA-48
 * / ITU T.416 (38:2:cs:r:g:b, 38:5:n), and the DECRQSS answer that
 * describes the pen. Touches vt->pen only.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "vt-private.h"

static int
vt_sgr_is_sub(const struct vt *vt, unsigned i)
{
	return i < vt->parser.nparams && (vt->parser.colon & (1u << i));
}

/*
 * An extended colour (38, 48, 58) starting at parameter i. Stores the
 * colour in *c if it is valid and returns the index of the last parameter
 * used.
 */
static unsigned
vt_sgr_colour(const struct vt *vt, unsigned i, uint64_t *c)
{
	unsigned n = vt->parser.nparams, j, nsub;
	int kind, v[4];

	if (vt_sgr_is_sub(vt, i + 1)) {
		/* 38:5:n or 38:2:[cs]:r:g:b */
		for (j = i + 1; j < n && vt_sgr_is_sub(vt, j); j++)
			;
		nsub = j - (i + 1);
		kind = vt_param(vt, i + 1, -1);
		if (kind == 5 && nsub >= 2) {
			v[0] = vt_param(vt, i + 2, 0);
			if (v[0] <= 255)
				*c = VT_COLOUR_INDEXED(v[0]);
		} else if (kind == 2 && nsub >= 4) {
			unsigned f = nsub >= 5 ? i + 3 : i + 2;

			v[0] = vt_param(vt, f, 0);
			v[1] = vt_param(vt, f + 1, 0);
			v[2] = vt_param(vt, f + 2, 0);
			if (v[0] <= 255 && v[1] <= 255 && v[2] <= 255)
				*c = VT_COLOUR_RGB(v[0], v[1], v[2]);
		}
		return j - 1;
	}
	/* 38;5;n or 38;2;r;g;b */
	kind = vt_param(vt, i + 1, -1);
	if (kind == 5) {
		if (i + 2 >= n)
			return n - 1;
		v[0] = vt_param(vt, i + 2, 0);
		if (v[0] <= 255)
			*c = VT_COLOUR_INDEXED(v[0]);
		return i + 2;
	}
	if (kind == 2) {
		if (i + 4 >= n)
			return n - 1;
		v[0] = vt_param(vt, i + 2, 0);
		v[1] = vt_param(vt, i + 3, 0);
		v[2] = vt_param(vt, i + 4, 0);
		if (v[0] <= 255 && v[1] <= 255 && v[2] <= 255)
			*c = VT_COLOUR_RGB(v[0], v[1], v[2]);
		return i + 4;
	}
	return i + 1 < n ? i + 1 : i;
}

/*
 * The pen's fields that SGR changes, each in a 64-bit scalar while a
 * sequence is applied, and the pen written out as whole words at the end:
 * a style copied as a struct after byte and halfword stores to its fields
 * (or a 32-bit field spilled and read back as 64 bits, which the compiler
 * does) cannot be forwarded from those stores, a stall of a dozen cycles
 * on x86 once per SGR; vt_style_intern() reads the pen as words right
 * after.
 */
struct vt_sgr_pen {
	uint64_t attrs, underline, fg, bg, ul;
};

static inline void
vt_sgr_pen_load(struct vt_sgr_pen *p, const struct vt_style *s)
{
	p->attrs = s->attrs;
	p->underline = s->underline;
	p->fg = s->fg;
	p->bg = s->bg;
	p->ul = s->ul;
}

/* p into vt->pen (its link stays), as two 8-byte words where the layout
   allows. */
static inline void
vt_sgr_pen_store(struct vt *vt, const struct vt_sgr_pen *p)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t w[2];

	_Static_assert(offsetof(struct vt_style, attrs) == 0 &&
		offsetof(struct vt_style, underline) == 2 &&
		offsetof(struct vt_style, pad) == 3 &&
		offsetof(struct vt_style, fg) == 4 &&
		offsetof(struct vt_style, bg) == 8 &&
		offsetof(struct vt_style, ul) == 12,
	    "the style's first 16 bytes as two words");
	w[0] = (p->attrs & 0xffffu) | (p->underline & 0xffu) << 16 |
	    (p->fg & 0xffffffffu) << 32; /* pad: 0 */
	w[1] = (p->bg & 0xffffffffu) | (p->ul & 0xffffffffu) << 32;
	memcpy(&vt->pen, w, sizeof w);
#else
	vt->pen.attrs = (uint16_t)p->attrs;
	vt->pen.underline = (uint8_t)p->underline;
	vt->pen.fg = (uint32_t)p->fg;
	vt->pen.bg = (uint32_t)p->bg;
	vt->pen.ul = (uint32_t)p->ul;
#endif
}

/*
 * SGR parameter v, other than the ones that take more parameters (38, 48,
 * 58) and 4 with a sub-parameter, applied to pen s. Both vt_sgr() and
 * vt_sgr_bytes() go through here: one table of what each value does.
 */
static inline __attribute__((__always_inline__)) void
vt_sgr_one(struct vt_sgr_pen *s, unsigned v)
{
	switch (v) {
	case 0:
		s->attrs &= VT_ATTR_PROTECTED;
		s->underline = 0;
		s->fg = s->bg = s->ul = 0;
		break;
	case 1:
		s->attrs |= VT_ATTR_BOLD;
		break;
	case 2:
		s->attrs |= VT_ATTR_FAINT;
		break;
	case 3:
		s->attrs |= VT_ATTR_ITALIC;
		break;
	case 4:
		s->underline = VT_UNDERLINE_SINGLE;
		break;
	case 5:
	case 6:
		s->attrs |= VT_ATTR_BLINK;
		break;
	case 7:
		s->attrs |= VT_ATTR_INVERSE;
		break;
	case 8:
		s->attrs |= VT_ATTR_INVISIBLE;
		break;
	case 9:
		s->attrs |= VT_ATTR_STRIKE;
		break;
	case 21:
		s->underline = VT_UNDERLINE_DOUBLE;
		break;
	case 22:
		s->attrs &= ~(VT_ATTR_BOLD | VT_ATTR_FAINT);
		break;
	case 23:
		s->attrs &= ~VT_ATTR_ITALIC;
		break;
	case 24:
		s->underline = VT_UNDERLINE_NONE;
		break;
	case 25:
		s->attrs &= ~VT_ATTR_BLINK;
		break;
	case 27:
		s->attrs &= ~VT_ATTR_INVERSE;
		break;
	case 28:
		s->attrs &= ~VT_ATTR_INVISIBLE;
		break;
	case 29:
		s->attrs &= ~VT_ATTR_STRIKE;
		break;
	case 30:
	case 31:
	case 32:
	case 33:
	case 34:
	case 35:
	case 36:
	case 37:
		s->fg = VT_COLOUR_INDEXED(v - 30);
		break;
	case 39:
		s->fg = VT_COLOUR_DEFAULT;
		break;
	case 40:
	case 41:
	case 42:
	case 43:
	case 44:
	case 45:
	case 46:
	case 47:
		s->bg = VT_COLOUR_INDEXED(v - 40);
		break;
	case 49:
		s->bg = VT_COLOUR_DEFAULT;
		break;
	case 53:
		s->attrs |= VT_ATTR_OVERLINE;
		break;
	case 55:
		s->attrs &= ~VT_ATTR_OVERLINE;
		break;
	case 59:
		s->ul = VT_COLOUR_DEFAULT;
		break;
	case 90:
	case 91:
	case 92:
	case 93:
	case 94:
	case 95:
	case 96:
	case 97:
		s->fg = VT_COLOUR_INDEXED(v - 90 + 8);
		break;
	case 100:
	case 101:
	case 102:
	case 103:
	case 104:
	case 105:
	case 106:
	case 107:
		s->bg = VT_COLOUR_INDEXED(v - 100 + 8);
		break;
	}
}

/* CSI Pm m: SGR */
void
vt_sgr(struct vt *vt)
{
	const struct vt_parser *p = &vt->parser;
	struct vt_sgr_pen pen, *s = &pen;
	unsigned i, n = p->nparams;
	/* Bit i: parameter i is a sub-parameter; bits past the last
	   parameter are 0, so testing i + 1 needs no bound. */
	uint64_t colon = p->colon;
	int v;

	if (p->marker != 0)
		return;
	vt_sgr_pen_load(s, &vt->pen);
	if (n == 0) {
		/* CSI m is CSI 0 m */
		vt_sgr_one(s, 0);
		vt_sgr_pen_store(vt, s);
		vt_style_pen_changed(vt);
		return;
	}
	for (i = 0; i < n; i++) {
		v = p->params[i] < 0 ? 0 : p->params[i];
		if ((colon >> i) & 1)
			continue; /* a stray sub-parameter */
		switch (v) {
		case 4:
			if (vt_sgr_is_sub(vt, i + 1)) {
				v = vt_param(vt, i + 1, 0);
				if (v <= VT_UNDERLINE_DASHED)
					s->underline = (uint64_t)v;
				while (vt_sgr_is_sub(vt, i + 1))
					i++;
			} else
				s->underline = VT_UNDERLINE_SINGLE;
			break;
		case 38:
			i = vt_sgr_colour(vt, i, &s->fg);
			break;
		case 48:
			i = vt_sgr_colour(vt, i, &s->bg);
			break;
		case 58:
			i = vt_sgr_colour(vt, i, &s->ul);
			break;
		default:
			vt_sgr_one(s, (unsigned)v);
			break;
		}
		while ((colon >> (i + 1)) & 1)
			i++; /* sub-parameters of an SGR that takes none */
	}
	vt_sgr_pen_store(vt, s);
	vt_style_pen_changed(vt);
}

/*
 * One parameter of one to three digits, or omitted (0), at *sp (before
 * end), and the byte after it (';' or the final byte) in *sep; *sp moves
 * past that byte. 0 if the parameter is longer or fewer than four bytes
 * are left (all four may be read).
 */
static inline int
vt_sgr_bytes_param(
    const uint8_t **sp, const uint8_t *end, unsigned *v, unsigned *sep)
{
	const uint8_t *s = *sp;
	unsigned d0, d1, d2;

	if (end - s < 4)
		return 0;
	d0 = (uint8_t)(s[0] - '0');
	if (d0 >= 10) {
		*v = 0;
		*sep = s[0];
		*sp = s + 1;
		return 1;
	}
	d1 = (uint8_t)(s[1] - '0');
	if (d1 >= 10) {
		*v = d0;
		*sep = s[1];
		*sp = s + 2;
		return 1;
	}
	d2 = (uint8_t)(s[2] - '0');
	if (d2 >= 10) {
		*v = d0 * 10 + d1;
		*sep = s[2];
		*sp = s + 3;
		return 1;
	}
	if ((uint8_t)(s[3] - '0') < 10)
		return 0;
	*v = d0 * 100 + d1 * 10 + d2;
	*sep = s[3];
	*sp = s + 4;
	return 1;
}

/*
 * SGR straight from the bytes after ESC [ (s, before end), without the
 * parser's parameter array, when the sequence is of the usual shape: all
 * in the buffer, parameters of at most three digits separated by ';'
 * (38/48/58 as 5;n or 2;r;g;b), at most VT_MAX_PARAMS of them, final 'm'.
 * Does the same as the parser and vt_sgr() would; returns the byte after
 * the 'm', or NULL, having changed nothing, for any other shape (the
 * caller goes on with the general path).
 */
const uint8_t *
vt_sgr_bytes(struct vt *vt, const uint8_t *s, const uint8_t *end)
{
	struct vt_sgr_pen st;
	unsigned v, sep, r, g, b, n = 0, which;
	uint32_t col;

	vt_sgr_pen_load(&st, &vt->pen);
	do {
		if (!vt_sgr_bytes_param(&s, end, &v, &sep))
			return NULL;
		n++;
		if (v == 38 || v == 48 || v == 58) {
			which = v;
			if (sep != ';' ||
			    !vt_sgr_bytes_param(&s, end, &v, &sep) ||
			    sep != ';' ||
			    !vt_sgr_bytes_param(&s, end, &r, &sep))
				return NULL;
			if (v == 5) {
				n += 2;
				if (r > 255)
					continue;
				col = VT_COLOUR_INDEXED(r);
			} else if (v == 2) {
				if (sep != ';' ||
				    !vt_sgr_bytes_param(&s, end, &g, &sep) ||
				    sep != ';' ||
				    !vt_sgr_bytes_param(&s, end, &b, &sep))
					return NULL;
				n += 4;
				if (r > 255 || g > 255 || b > 255)
					continue;
				col = VT_COLOUR_RGB(r, g, b);
			} else
				return NULL;
			if (which == 38)
				st.fg = col;
			else if (which == 48)
				st.bg = col;
			else
				st.ul = col;
		} else
			vt_sgr_one(&st, v);
	} while (sep == ';');
	if (sep != 'm' || n > VT_MAX_PARAMS)
		return NULL;
	vt_sgr_pen_store(vt, &st);
	vt_style_pen_changed(vt);
	return s;
}

/* Append an SGR colour (base 30, 40 or -1 for underline) to buf. */
static size_t
vt_sgr_format_colour(char *buf, size_t size, uint32_t c, int base)
{
	unsigned i = VT_COLOUR_INDEX(c);
	int ext = base == 30 ? 38 : base == 40 ? 48 : 58;

	switch (VT_COLOUR_KIND(c)) {
	case 1:
		if (base > 0 && i < 8)
			return (size_t)snprintf(
			    buf, size, ";%u", (unsigned)base + i);
		if (base > 0 && i < 16)
			return (size_t)snprintf(
			    buf, size, ";%u", (unsigned)base + 60 + i - 8);
		return (size_t)snprintf(buf, size, ";%d:5:%u", ext, i);
	case 2:
		return (size_t)snprintf(buf, size, ";%d:2:%u:%u:%u", ext,
		    (unsigned)(c >> 16) & 0xff, (unsigned)(c >> 8) & 0xff,
		    (unsigned)c & 0xff);
	}
	return 0;
}

/*
 * The pen as SGR parameters (no CSI, no final), for DECRQSS: buf gets
 * e.g. "1;4:3;38:2:1:2:3", or "0" for the default pen.
 */
void vt_sgr_format(const struct vt *vt, char *buf, size_t size);
void
vt_sgr_format(const struct vt *vt, char *buf, size_t size)
{
	const struct vt_style *s = &vt->pen;
	static const struct {
		uint16_t attr;
		const char *sgr;
	} map[] = {
		{ VT_ATTR_BOLD, ";1" },
		{ VT_ATTR_FAINT, ";2" },
		{ VT_ATTR_ITALIC, ";3" },
		{ VT_ATTR_BLINK, ";5" },
		{ VT_ATTR_INVERSE, ";7" },
		{ VT_ATTR_INVISIBLE, ";8" },
		{ VT_ATTR_STRIKE, ";9" },
		{ VT_ATTR_OVERLINE, ";53" },
	};
	char tmp[256];
	size_t len = 0, i;

	tmp[0] = '\0';
	for (i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (s->attrs & map[i].attr)
			len += (size_t)snprintf(
			    tmp + len, sizeof tmp - len, "%s", map[i].sgr);
		if (map[i].attr == VT_ATTR_ITALIC && s->underline != 0) {
			if (s->underline == VT_UNDERLINE_SINGLE)
				len += (size_t)snprintf(
				    tmp + len, sizeof tmp - len, ";4");
			else
				len += (size_t)snprintf(tmp + len,
				    sizeof tmp - len, ";4:%u", s->underline);
		}
	}
	len += vt_sgr_format_colour(tmp + len, sizeof tmp - len, s->fg, 30);
	len += vt_sgr_format_colour(tmp + len, sizeof tmp - len, s->bg, 40);
	len += vt_sgr_format_colour(tmp + len, sizeof tmp - len, s->ul, -1);
	snprintf(buf, size, "%s", len == 0 ? "0" : tmp + 1);
}
