/*
 * vt-encoding.c -- program output in an encoding other than UTF-8: a
 * window whose programs write ISO 8859-1 (screen(1): encoding, defutf8
 * off). The parser takes UTF-8 only; a Latin-1 byte is the code point of
 * its value, so it is re-encoded, and the 8-bit C1 controls (0x80..0x9f)
 * arrive as the C1 code points the parser already treats as controls.
 */
#include "vt-private.h"

void
vt_feed_latin1(struct vt *vt, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	uint8_t out[2 * 4096];
	size_t i, n;

	while (len > 0) {
		for (i = n = 0; i < len && n + 2 <= sizeof out; i++) {
			if (p[i] < 0x80)
				out[n++] = p[i];
			else {
				out[n++] = (uint8_t)(0xc0 | (p[i] >> 6));
				out[n++] = (uint8_t)(0x80 | (p[i] & 0x3f));
			}
		}
		vt_feed(vt, out, n);
		p += i;
		len -= i;
	}
}
