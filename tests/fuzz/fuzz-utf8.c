/*
 * fuzz-utf8.c -- libFuzzer target for the emulator's UTF-8 decoder
 * (src/vt/vt-utf8.h). It decodes the input three ways -- the stateless
 * vt_utf8_decode(), byte by byte with vt_utf8_feed() and a final
 * vt_utf8_flush(), and an independent reference written here from the
 * Unicode standard (15.0, section 3.9, table 3-7 and the "maximal subpart"
 * practice) -- and aborts if they differ; it also checks that every valid
 * scalar value survives vt_utf8_encode() and decoding. It owns nothing
 * but this check.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vt/vt-utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * The reference decoder. A lead byte allows the range [lo, hi] for its
 * first continuation byte and 80..BF for the others (table 3-7); a byte
 * that breaks a sequence ends it with one U+FFFD and is decoded again.
 */
static size_t
fuzz_utf8_reference(const uint8_t *s, size_t n, uint32_t *out)
{
	size_t i = 0, j, o = 0;
	unsigned need, k, lo, hi;
	uint32_t cp;
	uint8_t b;

	while (i < n) {
		b = s[i];
		if (b < 0x80) {
			out[o++] = b;
			i++;
			continue;
		}
		lo = 0x80;
		hi = 0xbf;
		if (b >= 0xc2 && b <= 0xdf)
			need = 1;
		else if (b >= 0xe0 && b <= 0xef) {
			need = 2;
			if (b == 0xe0)
				lo = 0xa0;
			else if (b == 0xed)
				hi = 0x9f;
		} else if (b >= 0xf0 && b <= 0xf4) {
			need = 3;
			if (b == 0xf0)
				lo = 0x90;
			else if (b == 0xf4)
				hi = 0x8f;
		} else {
			out[o++] = 0xfffd;
			i++;
			continue;
		}
		cp = b & (need == 1 ? 0x1f : need == 2 ? 0x0f : 0x07);
		for (j = i + 1, k = 0; k < need; j++, k++) {
			if (j >= n || s[j] < (k == 0 ? lo : 0x80) ||
			    s[j] > (k == 0 ? hi : 0xbf))
				break;
			cp = (cp << 6) | (s[j] & 0x3f);
		}
		if (k == need)
			out[o++] = cp;
		else
			out[o++] = 0xfffd;
		i = j;
	}
	return o;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t *a, *b, *c, two[2], cp;
	struct vt_utf8 d;
	size_t na, nb, nc, i, k, len;
	char enc[4];

	a = malloc((size + 1) * sizeof *a);
	b = malloc((size + 1) * sizeof *b);
	c = malloc((size + 1) * sizeof *c);
	if (a == NULL || b == NULL || c == NULL)
		abort();

	na = vt_utf8_decode(data, size, a);
	if (na > size)
		abort();

	vt_utf8_init(&d);
	nb = 0;
	for (i = 0; i < size; i++) {
		k = vt_utf8_feed(&d, data[i], two);
		if (k > 2 || nb + k > size)
			abort();
		memcpy(b + nb, two, k * sizeof *two);
		nb += k;
	}
	nb += vt_utf8_flush(&d, b + nb);
	if (vt_utf8_pending(&d))
		abort();

	nc = fuzz_utf8_reference(data, size, c);

	if (na != nc || memcmp(a, c, na * sizeof *a) != 0)
		abort();
	if (nb != nc || memcmp(b, c, nb * sizeof *b) != 0)
		abort();

	for (i = 0; i < nc; i++) {
		cp = c[i];
		if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			abort();
		len = vt_utf8_encode(cp, enc);
		if (len < 1 || len > 4)
			abort();
		if (vt_utf8_decode(enc, len, two) != 1 || two[0] != cp)
			abort();
	}

	free(a);
	free(b);
	free(c);
	return 0;
}
