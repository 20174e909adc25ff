/*
 * vt-utf8.c -- incremental UTF-8 decoding with maximal-subpart U+FFFD
 * replacement, and encoding. Owns nothing but the caller's struct
 * vt_utf8; must not allocate or touch any other emulator state.
 *
 * The ranges come from the Unicode standard, table 3-7 (well-formed UTF-8
 * byte sequences): the second byte's range depends on the lead byte (E0,
 * ED, F0 and F4 are narrower), every later byte is 80..BF.
 */
#include "vt-utf8.h"

void
vt_utf8_init(struct vt_utf8 *d)
{
	d->cp = 0;
	d->need = 0;
	d->lo = 0x80;
	d->hi = 0xbf;
	d->pad = 0;
}

/* Start a sequence with lead byte b; returns 0 if b cannot start one. */
static int
vt_utf8_start(struct vt_utf8 *d, uint8_t b)
{
	d->lo = 0x80;
	d->hi = 0xbf;
	if (b >= 0xc2 && b <= 0xdf) {
		d->need = 1;
		d->cp = b & 0x1f;
	} else if (b >= 0xe0 && b <= 0xef) {
		d->need = 2;
		d->cp = b & 0x0f;
		if (b == 0xe0)
			d->lo = 0xa0; /* no overlongs */
		else if (b == 0xed)
			d->hi = 0x9f; /* no surrogates */
	} else if (b >= 0xf0 && b <= 0xf4) {
		d->need = 3;
		d->cp = b & 0x07;
		if (b == 0xf0)
			d->lo = 0x90; /* no overlongs */
		else if (b == 0xf4)
			d->hi = 0x8f; /* nothing above U+10FFFF */
	} else
		return 0;
	return 1;
}

unsigned
vt_utf8_feed(struct vt_utf8 *d, uint8_t b, uint32_t out[2])
{
	unsigned n = 0;

	if (d->need != 0) {
		if (b >= d->lo && b <= d->hi) {
			d->cp = (d->cp << 6) | (b & 0x3f);
			d->lo = 0x80;
			d->hi = 0xbf;
			if (--d->need == 0) {
				out[0] = d->cp;
				return 1;
			}
			return 0;
		}
		/* The maximal subpart ends here; b starts afresh. */
		d->need = 0;
		out[n++] = VT_UTF8_REPLACEMENT;
	}
	if (b < 0x80) {
		out[n++] = b;
		return n;
	}
	if (!vt_utf8_start(d, b))
		out[n++] = VT_UTF8_REPLACEMENT;
	return n;
}

int
vt_utf8_pending(const struct vt_utf8 *d)
{
	return d->need != 0;
}

unsigned
vt_utf8_flush(struct vt_utf8 *d, uint32_t *out)
{
	if (d->need == 0)
		return 0;
	vt_utf8_init(d);
	*out = VT_UTF8_REPLACEMENT;
	return 1;
}

size_t
vt_utf8_decode(const void *buf, size_t len, uint32_t *out)
{
	const uint8_t *p = buf;
	struct vt_utf8 d;
	size_t i, n = 0;

	vt_utf8_init(&d);
	for (i = 0; i < len; i++)
		n += vt_utf8_feed(&d, p[i], out + n);
	n += vt_utf8_flush(&d, out + n);
	return n;
}

size_t
vt_utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		cp = VT_UTF8_REPLACEMENT;
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}
