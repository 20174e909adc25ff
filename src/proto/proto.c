/*
 * proto.c -- roost's wire format: buffers, framing, and the encoder and
 * decoder of every message (see proto.h and doc/protocol.md).
 *
 * This file owns the byte layout and its validation, nothing else: it
 * never touches a socket, a terminal or an event loop, and uses libc only
 * (it must not link src/util, so it keeps its own abort-on-failure
 * allocator). Integers are read and written one byte at a time, never
 * through casts of unaligned pointers. Encoders only ever produce what the
 * decoders accept: out-of-range input from the caller is cut, clamped or
 * dropped as each function's comment in proto.h says, so a bug on the
 * sending side cannot get the peer disconnected.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto/proto.h"

/* Highest underline style (enum vt_underline's VT_UNDERLINE_DASHED). */
#define PROTO_UNDERLINE_MAX 5
/* Highest DECSCUSR cursor style. */
#define PROTO_CURSOR_STYLE_MAX 6
/* Cell flags: bit 0, a style follows. Other bits are reserved (zero). */
#define PROTO_CELL_STYLE 0x01u
/* Bytes of a frame header: rows, cols, cursor row/col, visible, style,
   modes, nops. */
#define PROTO_FRAME_HEADER_SIZE 16
/* Most bytes one cell takes in a run: flags, style, width, len, text. */
#define PROTO_CELL_SIZE_MAX (1 + 15 + 1 + 1 + PROTO_CELL_TEXT_MAX)
/* Bytes of a run's own header: op, row, col, n. */
#define PROTO_RUN_HEADER_SIZE 7

static void
proto_fail(const char *what, size_t size)
{
	fprintf(stderr, "roost: out of memory (%s, %zu bytes)\n", what, size);
	abort();
}

static void *
proto_xmalloc(size_t size)
{
	void *p;

	if ((p = malloc(size == 0 ? 1 : size)) == NULL)
		proto_fail("malloc", size);
	return p;
}

static char *
proto_xstrndup(const char *s, size_t n)
{
	char *p;

	p = proto_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Buffers. */

void
proto_buf_init(struct proto_buf *b)
{
	memset(b, 0, sizeof *b);
}

void
proto_buf_free(struct proto_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

void
proto_buf_consume(struct proto_buf *b, size_t n)
{
	if (n >= b->len) {
		b->len = 0;
		b->msg_start = 0;
		return;
	}
	memmove(b->data, b->data + n, b->len - n);
	b->len -= n;
	b->msg_start = b->msg_start >= n ? b->msg_start - n : 0;
}

/* Make room for n more bytes and return where they go. */
static uint8_t *
proto_buf_reserve(struct proto_buf *b, size_t n)
{
	size_t want, size;
	uint8_t *data;

	if (n > SIZE_MAX - b->len)
		proto_fail("buffer", SIZE_MAX);
	want = b->len + n;
	if (want > b->size) {
		size = b->size < 256 ? 256 : b->size;
		while (size < want)
			size = size > SIZE_MAX / 2 ? want : size * 2;
		if ((data = realloc(b->data, size)) == NULL)
			proto_fail("buffer", size);
		b->data = data;
		b->size = size;
	}
	return b->data + b->len;
}

static void
proto_patch_u16(struct proto_buf *b, size_t off, uint16_t v)
{
	b->data[off] = v & 0xff;
	b->data[off + 1] = v >> 8;
}

static void
proto_patch_u32(struct proto_buf *b, size_t off, uint32_t v)
{
	b->data[off] = v & 0xff;
	b->data[off + 1] = (v >> 8) & 0xff;
	b->data[off + 2] = (v >> 16) & 0xff;
	b->data[off + 3] = v >> 24;
}

static uint16_t
proto_peek_u16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t
proto_peek_u32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	    ((uint32_t)p[3] << 24);
}

void
proto_msg_begin(struct proto_buf *b, uint32_t type)
{
	b->msg_start = b->len;
	proto_put_u32(b, type);
	proto_put_u32(b, 0);
}

/*
 * A payload above PROTO_MAX_PAYLOAD is a bug in this file's callers (the
 * message encoders below bound themselves): the peer would disconnect, so
 * stop here where the backtrace shows who did it.
 */
void
proto_msg_end(struct proto_buf *b)
{
	size_t len;

	len = b->len - b->msg_start - PROTO_HEADER_SIZE;
	if (len > PROTO_MAX_PAYLOAD) {
		fprintf(stderr, "roost: protocol message %s too large (%zu)\n",
		    proto_type_name(proto_peek_u32(b->data + b->msg_start)),
		    len);
		abort();
	}
	proto_patch_u32(b, b->msg_start + 4, (uint32_t)len);
}

void
proto_put_u8(struct proto_buf *b, uint8_t v)
{
	*proto_buf_reserve(b, 1) = v;
	b->len++;
}

void
proto_put_u16(struct proto_buf *b, uint16_t v)
{
	proto_buf_reserve(b, 2);
	b->len += 2;
	proto_patch_u16(b, b->len - 2, v);
}

void
proto_put_u32(struct proto_buf *b, uint32_t v)
{
	proto_buf_reserve(b, 4);
	b->len += 4;
	proto_patch_u32(b, b->len - 4, v);
}

void
proto_put_bytes(struct proto_buf *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	memcpy(proto_buf_reserve(b, n), p, n);
	b->len += n;
}

/* Strings longer than PROTO_MAX_STRING are cut to that length. */
void
proto_put_string(struct proto_buf *b, const char *s, size_t n)
{
	if (n > PROTO_MAX_STRING)
		n = PROTO_MAX_STRING;
	proto_put_u32(b, (uint32_t)n);
	proto_put_bytes(b, s, n);
}

/* Readers. */

void
proto_reader_init(struct proto_reader *r, const void *p, size_t len)
{
	r->p = p;
	r->len = len;
	r->off = 0;
	r->error = 0;
}

/* Where the next n bytes are, or NULL (and error set) if they are not. */
static const uint8_t *
proto_reader_take(struct proto_reader *r, size_t n)
{
	const uint8_t *p;

	if (r->error || n > r->len - r->off) {
		r->error = 1;
		return NULL;
	}
	p = r->p + r->off;
	r->off += n;
	return p;
}

uint8_t
proto_get_u8(struct proto_reader *r)
{
	const uint8_t *p;

	if ((p = proto_reader_take(r, 1)) == NULL)
		return 0;
	return p[0];
}

uint16_t
proto_get_u16(struct proto_reader *r)
{
	const uint8_t *p;

	if ((p = proto_reader_take(r, 2)) == NULL)
		return 0;
	return proto_peek_u16(p);
}

uint32_t
proto_get_u32(struct proto_reader *r)
{
	const uint8_t *p;

	if ((p = proto_reader_take(r, 4)) == NULL)
		return 0;
	return proto_peek_u32(p);
}

const char *
proto_get_string(struct proto_reader *r, size_t *n)
{
	const uint8_t *p;
	uint32_t len;

	*n = 0;
	len = proto_get_u32(r);
	if (r->error)
		return NULL;
	if (len > PROTO_MAX_STRING) {
		r->error = 1;
		return NULL;
	}
	if ((p = proto_reader_take(r, len)) == NULL)
		return NULL;
	*n = len;
	return (const char *)p;
}

int
proto_reader_done(const struct proto_reader *r)
{
	return !r->error && r->off == r->len;
}

/* A string that becomes a C string: copied, and refused if it holds a
   NUL byte (it would silently cut the value). NULL on error. */
static char *
proto_get_cstring(struct proto_reader *r)
{
	const char *s;
	size_t n;

	if ((s = proto_get_string(r, &n)) == NULL)
		return NULL;
	if (memchr(s, '\0', n) != NULL) {
		r->error = 1;
		return NULL;
	}
	return proto_xstrndup(s, n);
}

/* Framing. */

int
proto_next_message(const void *buf, size_t avail, uint32_t *type,
    const uint8_t **payload, size_t *payload_len)
{
	const uint8_t *p = buf;
	uint32_t len;

	if (avail < PROTO_HEADER_SIZE)
		return 0;
	len = proto_peek_u32(p + 4);
	if (len > PROTO_MAX_PAYLOAD)
		return -1;
	if (avail - PROTO_HEADER_SIZE < len)
		return 0;
	*type = proto_peek_u32(p);
	*payload = p + PROTO_HEADER_SIZE;
	*payload_len = len;
	return 1;
}

const char *
proto_type_name(uint32_t type)
{
	switch (type) {
	case PROTO_HELLO:
		return "HELLO";
	case PROTO_IDENTIFY:
		return "IDENTIFY";
	case PROTO_COMMAND:
		return "COMMAND";
	case PROTO_INPUT:
		return "INPUT";
	case PROTO_RESIZE:
		return "RESIZE";
	case PROTO_DETACH:
		return "DETACH";
	case PROTO_UNLOCK:
		return "UNLOCK";
	case PROTO_HANGUP:
		return "HANGUP";
	case PROTO_FRAME:
		return "FRAME";
	case PROTO_OUTPUT:
		return "OUTPUT";
	case PROTO_EXIT:
		return "EXIT";
	case PROTO_ATTACHED:
		return "ATTACHED";
	case PROTO_BELL:
		return "BELL";
	case PROTO_TITLE:
		return "TITLE";
	case PROTO_CLIPBOARD:
		return "CLIPBOARD";
	case PROTO_LOCK:
		return "LOCK";
	case PROTO_UNLOCKED:
		return "UNLOCKED";
	case PROTO_LINES:
		return "LINES";
	}
	return "unknown";
}

/* PROTO_HELLO. */

/* The length of s cut to at most max bytes without splitting a UTF-8
   sequence. */
static size_t
proto_utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	len = max;
	while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
		len--;
	return len;
}

void
proto_hello_encode(struct proto_buf *b, const struct proto_hello *m)
{
	proto_msg_begin(b, PROTO_HELLO);
	proto_put_u32(b, m->version);
	proto_put_string(b, m->program, strnlen(m->program, sizeof m->program));
	proto_msg_end(b);
}

/*
 * Bytes after the program version are allowed and ignored: a later
 * version may append fields to HELLO, and this peer must still read the
 * version to say which versions disagree.
 */
int
proto_hello_decode(const uint8_t *p, size_t len, struct proto_hello *m)
{
	struct proto_reader r;
	const char *s;
	size_t n;

	memset(m, 0, sizeof *m);
	proto_reader_init(&r, p, len);
	m->version = proto_get_u32(&r);
	s = proto_get_string(&r, &n);
	if (r.error || memchr(s, '\0', n) != NULL) {
		memset(m, 0, sizeof *m);
		return -1;
	}
	n = proto_utf8_cut(s, n, sizeof m->program - 1);
	memcpy(m->program, s, n);
	m->program[n] = '\0';
	return 0;
}

/* PROTO_IDENTIFY. */

static uint16_t
proto_side_clamp(unsigned v)
{
	if (v < 1)
		return 1;
	if (v > PROTO_MAX_SIDE)
		return PROTO_MAX_SIDE;
	return (uint16_t)v;
}

/* An environment entry the decoder accepts: "NAME=value", NAME not
   empty, no NUL (a C string has none). */
static int
proto_env_valid(const char *s, size_t n)
{
	const char *eq;

	if (memchr(s, '\0', n) != NULL)
		return 0;
	eq = memchr(s, '=', n);
	return eq != NULL && eq != s;
}

/*
 * Append a u32 count and then the strings of argv that fit: at most
 * PROTO_MAX_STRINGS, none longer than PROTO_MAX_STRING (cut), and no more
 * than the payload can hold. If env, entries the decoder would refuse are
 * left out.
 */
static void
proto_put_list(
    struct proto_buf *b, const char *const *argv, size_t argc, int env)
{
	size_t count_off, i, n, used;
	uint32_t count = 0;

	count_off = b->len;
	proto_put_u32(b, 0);
	for (i = 0; i < argc && count < PROTO_MAX_STRINGS; i++) {
		if (argv[i] == NULL)
			continue;
		n = strlen(argv[i]);
		if (env &&
		    (n > PROTO_MAX_STRING || !proto_env_valid(argv[i], n)))
			continue;
		if (n > PROTO_MAX_STRING)
			n = PROTO_MAX_STRING;
		used = b->len - b->msg_start - PROTO_HEADER_SIZE;
		if (4 + n > PROTO_MAX_PAYLOAD - used)
			break;
		proto_put_string(b, argv[i], n);
		count++;
	}
	proto_patch_u32(b, count_off, count);
}

static void
proto_put_cstring(struct proto_buf *b, const char *s)
{
	if (s == NULL)
		s = "";
	proto_put_string(b, s, strlen(s));
}

void
proto_identify_encode(struct proto_buf *b, const struct proto_identify *m)
{
	proto_msg_begin(b, PROTO_IDENTIFY);
	proto_put_u16(b, proto_side_clamp(m->cols));
	proto_put_u16(b, proto_side_clamp(m->rows));
	proto_put_u32(b, m->flags);
	proto_put_u16(b, m->colours);
	proto_put_cstring(b, m->term);
	proto_put_cstring(b, m->cwd);
	proto_put_cstring(b, m->tty);
	proto_put_list(
	    b, (const char *const *)m->env, m->env == NULL ? 0 : m->nenv, 1);
	proto_msg_end(b);
}

/*
 * Read a u32 count and that many C strings into a NULL-terminated array.
 * Each string takes at least 4 bytes, so a count the payload cannot hold
 * is refused before anything is allocated.
 */
static char **
proto_get_list(struct proto_reader *r, size_t *np, int env)
{
	char **v;
	const char *s;
	uint32_t count, i;
	size_t n;

	*np = 0;
	count = proto_get_u32(r);
	if (r->error || count > PROTO_MAX_STRINGS ||
	    count > (r->len - r->off) / 4) {
		r->error = 1;
		return NULL;
	}
	v = proto_xmalloc((count + 1) * sizeof *v);
	for (i = 0; i < count; i++) {
		if ((s = proto_get_string(r, &n)) == NULL)
			break;
		if (env ? !proto_env_valid(s, n) : memchr(s, '\0', n) != NULL) {
			r->error = 1;
			break;
		}
		v[i] = proto_xstrndup(s, n);
	}
	v[i] = NULL;
	if (r->error) {
		while (i > 0)
			free(v[--i]);
		free(v);
		return NULL;
	}
	*np = count;
	return v;
}

int
proto_identify_decode(const uint8_t *p, size_t len, struct proto_identify *m)
{
	struct proto_reader r;

	memset(m, 0, sizeof *m);
	proto_reader_init(&r, p, len);
	m->cols = proto_get_u16(&r);
	m->rows = proto_get_u16(&r);
	m->flags = proto_get_u32(&r);
	m->colours = proto_get_u16(&r);
	if (m->cols < 1 || m->cols > PROTO_MAX_SIDE || m->rows < 1 ||
	    m->rows > PROTO_MAX_SIDE)
		r.error = 1;
	if (!r.error)
		m->term = proto_get_cstring(&r);
	if (!r.error)
		m->cwd = proto_get_cstring(&r);
	if (!r.error)
		m->tty = proto_get_cstring(&r);
	if (!r.error)
		m->env = proto_get_list(&r, &m->nenv, 1);
	if (!proto_reader_done(&r)) {
		proto_identify_free(m);
		return -1;
	}
	return 0;
}

void
proto_identify_free(struct proto_identify *m)
{
	size_t i;

	free(m->term);
	free(m->cwd);
	free(m->tty);
	if (m->env != NULL) {
		for (i = 0; m->env[i] != NULL; i++)
			free(m->env[i]);
		free(m->env);
	}
	memset(m, 0, sizeof *m);
}

/* String lists: PROTO_COMMAND, PROTO_ATTACHED, PROTO_TITLE,
   PROTO_CLIPBOARD. */

void
proto_strings_encode(
    struct proto_buf *b, uint32_t type, const char *const *argv, size_t argc)
{
	proto_msg_begin(b, type);
	proto_put_list(b, argv, argv == NULL ? 0 : argc, 0);
	proto_msg_end(b);
}

int
proto_strings_decode(const uint8_t *p, size_t len, struct proto_strings *m)
{
	struct proto_reader r;

	memset(m, 0, sizeof *m);
	proto_reader_init(&r, p, len);
	m->argv = proto_get_list(&r, &m->argc, 0);
	if (!proto_reader_done(&r)) {
		proto_strings_free(m);
		return -1;
	}
	return 0;
}

void
proto_strings_free(struct proto_strings *m)
{
	size_t i;

	if (m->argv != NULL) {
		for (i = 0; m->argv[i] != NULL; i++)
			free(m->argv[i]);
		free(m->argv);
	}
	memset(m, 0, sizeof *m);
}

/* PROTO_RESIZE. */

void
proto_resize_encode(struct proto_buf *b, const struct proto_resize *m)
{
	proto_msg_begin(b, PROTO_RESIZE);
	proto_put_u16(b, proto_side_clamp(m->cols));
	proto_put_u16(b, proto_side_clamp(m->rows));
	proto_msg_end(b);
}

int
proto_resize_decode(const uint8_t *p, size_t len, struct proto_resize *m)
{
	struct proto_reader r;

	memset(m, 0, sizeof *m);
	proto_reader_init(&r, p, len);
	m->cols = proto_get_u16(&r);
	m->rows = proto_get_u16(&r);
	if (!proto_reader_done(&r) || m->cols < 1 || m->cols > PROTO_MAX_SIDE ||
	    m->rows < 1 || m->rows > PROTO_MAX_SIDE) {
		memset(m, 0, sizeof *m);
		return -1;
	}
	return 0;
}

/* PROTO_LINES. */

void
proto_lines_encode(struct proto_buf *b, unsigned rows,
    const struct proto_line *lines, size_t n)
{
	size_t i, n_off, count = 0;
	long prev = -1;

	rows = proto_side_clamp(rows);
	proto_msg_begin(b, PROTO_LINES);
	proto_put_u16(b, (uint16_t)rows);
	n_off = b->len;
	proto_put_u16(b, 0);
	for (i = 0; i < n && count < 65535; i++) {
		if (lines[i].row >= rows || (long)lines[i].row <= prev ||
		    lines[i].size == PROTO_LINE_SINGLE ||
		    lines[i].size > PROTO_LINE_DOUBLE_BOTTOM)
			continue;
		proto_put_u16(b, lines[i].row);
		proto_put_u8(b, lines[i].size);
		prev = lines[i].row;
		count++;
	}
	proto_patch_u16(b, n_off, (uint16_t)count);
	proto_msg_end(b);
}

int
proto_lines_decode(const uint8_t *p, size_t len, struct proto_lines *m)
{
	struct proto_reader r;
	size_t i, n;
	long prev = -1;

	memset(m, 0, sizeof *m);
	proto_reader_init(&r, p, len);
	m->rows = proto_get_u16(&r);
	n = proto_get_u16(&r);
	if (r.error || m->rows < 1 || m->rows > PROTO_MAX_SIDE || n > m->rows ||
	    len != 4 + 3 * n)
		goto bad;
	if (n > 0 && (m->list = calloc(n, sizeof *m->list)) == NULL)
		goto bad;
	for (i = 0; i < n; i++) {
		m->list[i].row = proto_get_u16(&r);
		m->list[i].size = proto_get_u8(&r);
		if (m->list[i].row >= m->rows || (long)m->list[i].row <= prev ||
		    m->list[i].size == PROTO_LINE_SINGLE ||
		    m->list[i].size > PROTO_LINE_DOUBLE_BOTTOM)
			goto bad;
		prev = m->list[i].row;
	}
	if (!proto_reader_done(&r))
		goto bad;
	m->n = n;
	return 0;
bad:
	free(m->list);
	memset(m, 0, sizeof *m);
	return -1;
}

/* PROTO_OUTPUT. */

/*
 * Text longer than one payload holds is sent as several messages. A
 * stream other than 2 is sent as 1 (stdout).
 */
void
proto_output_encode(
    struct proto_buf *b, int stream, const char *text, size_t len)
{
	size_t n;

	do {
		n = len < PROTO_MAX_PAYLOAD - 1 ? len : PROTO_MAX_PAYLOAD - 1;
		proto_msg_begin(b, PROTO_OUTPUT);
		proto_put_u8(b, stream == 2 ? 2 : 1);
		proto_put_bytes(b, text, n);
		proto_msg_end(b);
		text += n;
		len -= n;
	} while (len > 0);
}

int
proto_output_decode(const uint8_t *p, size_t len, struct proto_output *m)
{
	memset(m, 0, sizeof *m);
	if (len < 1 || (p[0] != 1 && p[0] != 2))
		return -1;
	m->stream = p[0];
	m->text = (const char *)p + 1;
	m->len = len - 1;
	return 0;
}

/* PROTO_EXIT. */

/* A status outside 0..255 is sent as 255 (and a negative one as 1). */
void
proto_exit_encode(struct proto_buf *b, int status, const char *message)
{
	if (status < 0)
		status = 1;
	else if (status > 255)
		status = 255;
	proto_msg_begin(b, PROTO_EXIT);
	proto_put_u32(b, (uint32_t)status);
	proto_put_cstring(b, message);
	proto_msg_end(b);
}

int
proto_exit_decode(const uint8_t *p, size_t len, struct proto_exit *m)
{
	struct proto_reader r;

	memset(m, 0, sizeof *m);
	proto_reader_init(&r, p, len);
	m->status = proto_get_u32(&r);
	if (m->status > 255)
		r.error = 1;
	if (!r.error)
		m->message = proto_get_cstring(&r);
	if (!proto_reader_done(&r)) {
		free(m->message);
		memset(m, 0, sizeof *m);
		return -1;
	}
	return 0;
}

/* PROTO_FRAME. */

/* A colour the decoder accepts: VT_COLOUR_DEFAULT (exactly 0), indexed
   below 256, or RGB. */
static int
proto_colour_valid(uint32_t c)
{
	switch (c >> 24) {
	case 0:
		return c == 0;
	case 1:
		return (c & 0xffffffu) < 256;
	case 2:
		return 1;
	}
	return 0;
}

static int
proto_style_valid(const struct proto_style *s)
{
	return s->underline <= PROTO_UNDERLINE_MAX &&
	    proto_colour_valid(s->fg) && proto_colour_valid(s->bg) &&
	    proto_colour_valid(s->ul);
}

static int
proto_style_equal(const struct proto_style *a, const struct proto_style *b)
{
	return a->attrs == b->attrs && a->underline == b->underline &&
	    a->fg == b->fg && a->bg == b->bg && a->ul == b->ul;
}

/*
 * Cell text the decoder accepts: well-formed UTF-8 (no overlong forms,
 * surrogates or values above U+10FFFF) without C0, DEL or C1 controls,
 * since the client writes it to a real terminal. Returns 1 if valid.
 */
static int
proto_text_valid(const uint8_t *s, size_t n)
{
	size_t i = 0, k, more;
	uint32_t c;

	if (n < 1 || n > PROTO_CELL_TEXT_MAX)
		return 0;
	while (i < n) {
		c = s[i++];
		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f)
				return 0;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			more = 1;
			c &= 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			more = 2;
			c &= 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			more = 3;
			c &= 0x07;
		} else
			return 0;
		if (more > n - i)
			return 0;
		for (k = 0; k < more; k++) {
			if ((s[i] & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (s[i++] & 0x3f);
		}
		if ((more == 2 && c < 0x800) || (more == 3 && c < 0x10000) ||
		    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) ||
		    (c >= 0x80 && c <= 0x9f))
			return 0;
	}
	return 1;
}

static void
proto_frame_header_put(struct proto_buf *b, const struct proto_frame *hdr)
{
	uint16_t rows, cols;

	rows = proto_side_clamp(hdr->rows);
	cols = proto_side_clamp(hdr->cols);
	proto_put_u16(b, rows);
	proto_put_u16(b, cols);
	proto_put_u16(b, hdr->cursor_row < rows ? hdr->cursor_row : rows - 1);
	proto_put_u16(b, hdr->cursor_col < cols ? hdr->cursor_col : cols - 1);
	proto_put_u8(b, hdr->cursor_visible ? 1 : 0);
	proto_put_u8(b,
	    hdr->cursor_style <= PROTO_CURSOR_STYLE_MAX ? hdr->cursor_style
							: 0);
	proto_put_u32(b, hdr->modes);
}

/*
 * The header as written (clamped) is the writer's only record of rows and
 * cols: it reads them back from the open message, so the writer's struct
 * needs no copy of them.
 */
static unsigned
proto_frame_rows(const struct proto_frame_writer *w)
{
	return proto_peek_u16(w->b->data + w->b->msg_start + PROTO_HEADER_SIZE);
}

static unsigned
proto_frame_cols(const struct proto_frame_writer *w)
{
	return proto_peek_u16(
	    w->b->data + w->b->msg_start + PROTO_HEADER_SIZE + 2);
}

static void
proto_frame_open(struct proto_frame_writer *w)
{
	w->nops_off = w->b->len;
	proto_put_u16(w->b, 0);
	w->nops = 0;
	w->run_n_off = 0;
	w->run_n = 0;
	memset(&w->last, 0, sizeof w->last);
}

static void
proto_frame_close_run(struct proto_frame_writer *w)
{
	if (w->run_n_off != 0)
		proto_patch_u16(w->b, w->run_n_off, w->run_n);
	w->run_n_off = 0;
	w->run_n = 0;
}

void
proto_frame_begin(struct proto_frame_writer *w, struct proto_buf *b,
    const struct proto_frame *hdr)
{
	memset(w, 0, sizeof *w);
	w->b = b;
	proto_msg_begin(b, PROTO_FRAME);
	proto_frame_header_put(b, hdr);
	proto_frame_open(w);
}

/*
 * Make sure `need` more payload bytes and one more operation fit in the
 * open message; if not, end it and open another FRAME message with the
 * same header (the client applies both in order). Returns 1 if a new
 * message was opened, which also ends any open run.
 */
static int
proto_frame_room(struct proto_frame_writer *w, size_t need, int new_op)
{
	uint8_t hdr[PROTO_FRAME_HEADER_SIZE - 2];
	size_t used;

	used = w->b->len - w->b->msg_start - PROTO_HEADER_SIZE;
	if (used + need <= PROTO_MAX_PAYLOAD && (!new_op || w->nops < 0xffff))
		return 0;
	memcpy(
	    hdr, w->b->data + w->b->msg_start + PROTO_HEADER_SIZE, sizeof hdr);
	proto_frame_end(w);
	proto_msg_begin(w->b, PROTO_FRAME);
	proto_put_bytes(w->b, hdr, sizeof hdr);
	proto_frame_open(w);
	return 1;
}

void
proto_frame_clear(struct proto_frame_writer *w)
{
	proto_frame_close_run(w);
	proto_frame_room(w, 1, 1);
	proto_put_u8(w->b, PROTO_OP_CLEAR);
	w->nops++;
}

void
proto_frame_scroll(
    struct proto_frame_writer *w, unsigned top, unsigned bottom, unsigned count)
{
	unsigned rows = proto_frame_rows(w);

	if (top > bottom || bottom >= rows || count == 0)
		return;
	if (count > bottom - top + 1)
		count = bottom - top + 1;
	proto_frame_close_run(w);
	proto_frame_room(w, 7, 1);
	proto_put_u8(w->b, PROTO_OP_SCROLL);
	proto_put_u16(w->b, top);
	proto_put_u16(w->b, bottom);
	proto_put_u16(w->b, count);
	w->nops++;
}

void
proto_frame_cell(struct proto_frame_writer *w, unsigned row, unsigned col,
    const struct proto_cell *cell)
{
	static const char replacement[] = "\xef\xbf\xbd"; /* U+FFFD */
	struct proto_style style = cell->style;
	const char *text = cell->text;
	size_t len = cell->len;
	unsigned width = cell->width;

	if (row >= proto_frame_rows(w) || width < 1 || width > 2 ||
	    col >= proto_frame_cols(w) || width > proto_frame_cols(w) - col)
		return;
	if (len == 0) {
		text = " ";
		len = 1;
	} else if (!proto_text_valid((const uint8_t *)text, len)) {
		text = replacement;
		len = sizeof replacement - 1;
	}
	if (style.underline > PROTO_UNDERLINE_MAX)
		style.underline = 0;
	if (!proto_colour_valid(style.fg))
		style.fg = 0;
	if (!proto_colour_valid(style.bg))
		style.bg = 0;
	if (!proto_colour_valid(style.ul))
		style.ul = 0;

	if (w->run_n_off != 0 &&
	    (row != w->run_row || col != w->run_next_col || w->run_n == 0xffff))
		proto_frame_close_run(w);
	/* If the cell does not fit, a new message starts, closing the run. */
	if (w->run_n_off != 0)
		(void)proto_frame_room(w, PROTO_CELL_SIZE_MAX, 0);
	if (w->run_n_off == 0) {
		proto_frame_room(
		    w, PROTO_RUN_HEADER_SIZE + PROTO_CELL_SIZE_MAX, 1);
		proto_put_u8(w->b, PROTO_OP_CELLS);
		proto_put_u16(w->b, row);
		proto_put_u16(w->b, col);
		w->run_n_off = w->b->len;
		proto_put_u16(w->b, 0);
		w->run_row = row;
		w->nops++;
	}
	if (proto_style_equal(&style, &w->last))
		proto_put_u8(w->b, 0);
	else {
		proto_put_u8(w->b, PROTO_CELL_STYLE);
		proto_put_u16(w->b, style.attrs);
		proto_put_u8(w->b, style.underline);
		proto_put_u32(w->b, style.fg);
		proto_put_u32(w->b, style.bg);
		proto_put_u32(w->b, style.ul);
		w->last = style;
	}
	proto_put_u8(w->b, width);
	proto_put_u8(w->b, len);
	proto_put_bytes(w->b, text, len);
	w->run_n++;
	w->run_next_col = col + width;
}

void
proto_frame_end(struct proto_frame_writer *w)
{
	proto_frame_close_run(w);
	proto_patch_u16(w->b, w->nops_off, w->nops);
	proto_msg_end(w->b);
}

static int
proto_frame_decode_cells(struct proto_reader *r, const struct proto_frame *hdr,
    struct proto_style *last, const struct proto_frame_ops *ops, void *arg)
{
	struct proto_cell cell;
	const uint8_t *text;
	unsigned row, col, n, i, flags;
	int rv;

	row = proto_get_u16(r);
	col = proto_get_u16(r);
	n = proto_get_u16(r);
	if (r->error || row >= hdr->rows || col >= hdr->cols || n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		memset(&cell, 0, sizeof cell);
		flags = proto_get_u8(r);
		if (flags & ~PROTO_CELL_STYLE)
			return -1;
		if (flags & PROTO_CELL_STYLE) {
			last->attrs = proto_get_u16(r);
			last->underline = proto_get_u8(r);
			last->fg = proto_get_u32(r);
			last->bg = proto_get_u32(r);
			last->ul = proto_get_u32(r);
			if (!proto_style_valid(last))
				return -1;
		}
		cell.style = *last;
		cell.width = proto_get_u8(r);
		cell.len = proto_get_u8(r);
		if (r->error || cell.width < 1 || cell.width > 2 ||
		    col + cell.width > hdr->cols)
			return -1;
		if ((text = proto_reader_take(r, cell.len)) == NULL ||
		    !proto_text_valid(text, cell.len))
			return -1;
		memcpy(cell.text, text, cell.len);
		if (ops != NULL && ops->cell != NULL &&
		    (rv = ops->cell(arg, row, col, &cell)) != 0)
			return rv;
		col += cell.width;
	}
	return 0;
}

int
proto_frame_decode(const uint8_t *p, size_t len, struct proto_frame *hdr,
    const struct proto_frame_ops *ops, void *arg)
{
	struct proto_reader r;
	struct proto_style last;
	unsigned nops, i, top, bottom, count;
	int rv;

	memset(hdr, 0, sizeof *hdr);
	proto_reader_init(&r, p, len);
	hdr->rows = proto_get_u16(&r);
	hdr->cols = proto_get_u16(&r);
	hdr->cursor_row = proto_get_u16(&r);
	hdr->cursor_col = proto_get_u16(&r);
	hdr->cursor_visible = proto_get_u8(&r);
	hdr->cursor_style = proto_get_u8(&r);
	hdr->modes = proto_get_u32(&r);
	nops = proto_get_u16(&r);
	if (r.error || hdr->rows < 1 || hdr->rows > PROTO_MAX_SIDE ||
	    hdr->cols < 1 || hdr->cols > PROTO_MAX_SIDE ||
	    hdr->cursor_row >= hdr->rows || hdr->cursor_col >= hdr->cols ||
	    hdr->cursor_visible > 1 ||
	    hdr->cursor_style > PROTO_CURSOR_STYLE_MAX)
		return -1;

	memset(&last, 0, sizeof last);
	for (i = 0; i < nops; i++) {
		switch (proto_get_u8(&r)) {
		case PROTO_OP_CLEAR:
			if (ops != NULL && ops->clear != NULL &&
			    (rv = ops->clear(arg)) != 0)
				return rv;
			break;
		case PROTO_OP_SCROLL:
			top = proto_get_u16(&r);
			bottom = proto_get_u16(&r);
			count = proto_get_u16(&r);
			if (r.error || top > bottom || bottom >= hdr->rows ||
			    count < 1 || count > bottom - top + 1)
				return -1;
			if (ops != NULL && ops->scroll != NULL &&
			    (rv = ops->scroll(arg, top, bottom, count)) != 0)
				return rv;
			break;
		case PROTO_OP_CELLS:
			rv = proto_frame_decode_cells(&r, hdr, &last, ops, arg);
			if (rv != 0)
				return rv;
			break;
		default:
			return -1;
		}
	}
	return proto_reader_done(&r) ? 0 : -1;
}
