/*
 * vt-utf8.h -- the emulator's UTF-8 decoder and encoder, a small API of its
 * own so that it can be fuzzed and tested apart from the parser.
 *
 * The decoder is incremental (one byte at a time, state in a caller-owned
 * struct) and replaces every ill-formed sequence by U+FFFD following the
 * Unicode standard's "maximal subpart" practice (Unicode 15, section 3.9,
 * table 3-8): each maximal prefix of a well-formed sequence that cannot be
 * completed gives one U+FFFD, and the byte that ended it is decoded again
 * on its own. It must not allocate and must not keep state anywhere but in
 * struct vt_utf8.
 */
#ifndef ROOST_VT_UTF8_H
#define ROOST_VT_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define VT_UTF8_REPLACEMENT 0xfffdu

/* Decoder state; zero-initialised (or vt_utf8_init()) means "between
   characters". */
struct vt_utf8 {
	uint32_t cp;	/* bits gathered so far */
	uint8_t need;	/* continuation bytes still expected */
	uint8_t lo, hi; /* allowed range for the next continuation byte */
	uint8_t pad;
};

void vt_utf8_init(struct vt_utf8 *d);

/*
 * Decode one byte. Stores 0, 1 or 2 code points in out[] and returns how
 * many: 2 when a byte ends an incomplete sequence (U+FFFD) and is itself a
 * complete character or another U+FFFD.
 */
unsigned vt_utf8_feed(struct vt_utf8 *d, uint8_t byte, uint32_t out[2]);

/* 1 if a sequence is incomplete (bytes are pending), else 0. */
int vt_utf8_pending(const struct vt_utf8 *d);

/* End of input or interruption (a C0 control in the emulator): if a
   sequence was incomplete, store U+FFFD in *out and return 1; else 0.
   The decoder is reset either way. */
unsigned vt_utf8_flush(struct vt_utf8 *d, uint32_t *out);

/*
 * Decode len bytes of buf into out, which must have room for len code
 * points (a flush at the end never makes more than len). Returns the
 * number of code points stored. Stateless convenience wrapper.
 */
size_t vt_utf8_decode(const void *buf, size_t len, uint32_t *out);

/*
 * The fast paths' decoder: one character at s (end: the end of the
 * input) that is printable ASCII or a complete, well-formed 2- or 3-byte
 * sequence other than a C1 control (the ranges of the Unicode standard's
 * table 3-7). Returns its length in bytes, 1 to 3, with *cp set; 0 for
 * anything else (a control, a 4-byte, ill-formed or cut sequence), which
 * the incremental decoder above handles.
 */
static inline unsigned
vt_utf8_fast(const uint8_t *s, const uint8_t *end, uint32_t *cp)
{
	unsigned b0 = s[0];

	if (b0 >= 0xe0) {
		if (b0 > 0xef || end - s < 3 ||
		    ((s[1] ^ 0x80) | (s[2] ^ 0x80)) >= 0x40)
			return 0;
		*cp = (uint32_t)(b0 & 0x0f) << 12 |
		    (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
		if (*cp < 0x800 || *cp - 0xd800 < 0x800)
			return 0; /* overlong, or a surrogate */
		return 3;
	}
	if (b0 >= 0xc2) {
		if (end - s < 2 || (s[1] ^ 0x80) >= 0x40)
			return 0;
		*cp = (uint32_t)(b0 & 0x1f) << 6 | (s[1] & 0x3f);
		return *cp < 0xa0 ? 0 : 2; /* not a C1 control */
	}
	if (b0 - 0x20 < 0x5f) {
		*cp = b0;
		return 1;
	}
	return 0;
}

/* Encode cp (surrogates and values above U+10FFFF become U+FFFD) into
   out[0..3]; returns the byte count, 1 to 4. */
size_t vt_utf8_encode(uint32_t cp, char out[4]);

#endif /* ROOST_VT_UTF8_H */
