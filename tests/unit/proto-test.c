/*
 * proto-test.c -- unit tests of the wire format library (src/proto).
 *
 * Round trips of every message type, the limits of every field (the
 * largest value accepted, one more refused), malformed payloads (cut at
 * every byte, bad counts, widths, runs, ops, colours, trailing bytes), the
 * frame writer's clamping and splitting, and proto_next_message() over a
 * stream delivered in pieces. Prints one TAP line per case; exits 1 if any
 * failed. Needs nothing outside libproto.a.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto/proto.h"

static int proto_test_failed;

/* Report one case: cond true is a pass; otherwise print the diagnostic. */
static void
proto_test_ok(int cond, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (cond) {
		printf("ok - %s\n", name);
		return;
	}
	proto_test_failed = 1;
	printf("not ok - %s\n", name);
	if (fmt != NULL) {
		printf("# ");
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf("\n");
	}
}

/* The one message in b: its payload, after checking the header. NULL if
   b does not hold exactly one whole message of that type. */
static const uint8_t *
proto_test_payload(const struct proto_buf *b, uint32_t type, size_t *len)
{
	const uint8_t *p;
	uint32_t t;

	if (proto_next_message(b->data, b->len, &t, &p, len) != 1 ||
	    t != type || PROTO_HEADER_SIZE + *len != b->len)
		return NULL;
	return p;
}

/* Frame decoding into a flat record of operations. */
struct proto_test_op {
	int kind; /* PROTO_OP_* */
	unsigned a, b, c;
	struct proto_cell cell;
};

struct proto_test_rec {
	struct proto_test_op *ops;
	size_t n, size;
	int stop_at; /* return 7 from the callback for op number stop_at */
};

static struct proto_test_op *
proto_test_rec_add(struct proto_test_rec *r, int kind)
{
	struct proto_test_op *op;

	if (r->n == r->size) {
		r->size = r->size ? r->size * 2 : 64;
		r->ops = realloc(r->ops, r->size * sizeof *r->ops);
		if (r->ops == NULL)
			abort();
	}
	op = &r->ops[r->n++];
	memset(op, 0, sizeof *op);
	op->kind = kind;
	return op;
}

static int
proto_test_rec_clear(void *arg)
{
	struct proto_test_rec *r = arg;

	proto_test_rec_add(r, PROTO_OP_CLEAR);
	return r->stop_at == (int)r->n ? 7 : 0;
}

static int
proto_test_rec_scroll(void *arg, unsigned top, unsigned bottom, unsigned count)
{
	struct proto_test_rec *r = arg;
	struct proto_test_op *op;

	op = proto_test_rec_add(r, PROTO_OP_SCROLL);
	op->a = top;
	op->b = bottom;
	op->c = count;
	return r->stop_at == (int)r->n ? 7 : 0;
}

static int
proto_test_rec_cell(
    void *arg, unsigned row, unsigned col, const struct proto_cell *cell)
{
	struct proto_test_rec *r = arg;
	struct proto_test_op *op;

	op = proto_test_rec_add(r, PROTO_OP_CELLS);
	op->a = row;
	op->b = col;
	op->cell = *cell;
	return r->stop_at == (int)r->n ? 7 : 0;
}

static const struct proto_frame_ops proto_test_rec_ops = {
	proto_test_rec_clear,
	proto_test_rec_scroll,
	proto_test_rec_cell,
};

static void
proto_test_rec_free(struct proto_test_rec *r)
{
	free(r->ops);
	memset(r, 0, sizeof *r);
}

/* Run the decoder matching type over a payload; 0 if accepted. */
static int
proto_test_decode(uint32_t type, const uint8_t *p, size_t len)
{
	struct proto_hello hello;
	struct proto_identify identify;
	struct proto_strings strings;
	struct proto_resize resize;
	struct proto_output output;
	struct proto_exit exit_;
	struct proto_frame frame;
	struct proto_lines lines;
	int rv = -1;

	switch (type) {
	case PROTO_HELLO:
		rv = proto_hello_decode(p, len, &hello);
		break;
	case PROTO_IDENTIFY:
		if ((rv = proto_identify_decode(p, len, &identify)) == 0)
			proto_identify_free(&identify);
		break;
	case PROTO_COMMAND:
	case PROTO_ATTACHED:
	case PROTO_TITLE:
	case PROTO_CLIPBOARD:
		if ((rv = proto_strings_decode(p, len, &strings)) == 0)
			proto_strings_free(&strings);
		break;
	case PROTO_RESIZE:
		rv = proto_resize_decode(p, len, &resize);
		break;
	case PROTO_OUTPUT:
		rv = proto_output_decode(p, len, &output);
		break;
	case PROTO_EXIT:
		if ((rv = proto_exit_decode(p, len, &exit_)) == 0)
			free(exit_.message);
		break;
	case PROTO_FRAME:
		rv = proto_frame_decode(p, len, &frame, NULL, NULL);
		break;
	case PROTO_LINES:
		if ((rv = proto_lines_decode(p, len, &lines)) == 0)
			free(lines.list);
		break;
	}
	return rv;
}

/*
 * The message in b must decode; every shorter prefix of its payload must
 * be refused (each a copy in its own allocation, so ASan sees any read
 * past the end); and, unless trailing_ok, so must the payload plus one
 * byte.
 */
static void
proto_test_malformed(
    const char *name, const struct proto_buf *b, uint32_t type, int trailing_ok)
{
	const uint8_t *p;
	uint8_t *copy;
	size_t len, cut, bad = SIZE_MAX;
	char title[128];
	int rv;

	p = proto_test_payload(b, type, &len);
	snprintf(title, sizeof title, "%s: decodes whole", name);
	proto_test_ok(p != NULL && proto_test_decode(type, p, len) == 0, title,
	    "valid payload refused");
	if (p == NULL)
		return;
	for (cut = 0; cut < len; cut++) {
		copy = malloc(cut ? cut : 1);
		memcpy(copy, p, cut);
		rv = proto_test_decode(type, copy, cut);
		free(copy);
		/* OUTPUT's text may be empty: only the stream is needed. */
		if (rv != -1 && bad == SIZE_MAX &&
		    !(type == PROTO_OUTPUT && cut >= 1))
			bad = cut;
	}
	snprintf(title, sizeof title, "%s: refused cut at every byte", name);
	proto_test_ok(
	    bad == SIZE_MAX, title, "cut at %zu of %zu accepted", bad, len);
	copy = malloc(len + 1);
	memcpy(copy, p, len);
	copy[len] = 'x';
	rv = proto_test_decode(type, copy, len + 1);
	free(copy);
	snprintf(title, sizeof title, "%s: trailing byte %s", name,
	    trailing_ok ? "accepted" : "refused");
	proto_test_ok(trailing_ok ? rv == 0 : rv == -1, title, "rv %d", rv);
}

/* Little builders for hand-made payloads. */
static void
proto_test_raw_begin(struct proto_buf *b, uint32_t type)
{
	proto_buf_free(b);
	proto_msg_begin(b, type);
}

static int
proto_test_raw_decode(struct proto_buf *b, uint32_t type)
{
	const uint8_t *p;
	size_t len;

	proto_msg_end(b);
	if ((p = proto_test_payload(b, type, &len)) == NULL)
		return -2;
	return proto_test_decode(type, p, len);
}

/* HELLO. */

static void
proto_test_hello(void)
{
	struct proto_buf b = { 0 };
	struct proto_hello in, out;
	const uint8_t *p;
	size_t len;
	int rv;

	memset(&in, 0, sizeof in);
	in.version = PROTO_VERSION;
	strcpy(in.program, "0.1.0");
	proto_hello_encode(&b, &in);
	p = proto_test_payload(&b, PROTO_HELLO, &len);
	rv = p ? proto_hello_decode(p, len, &out) : -2;
	proto_test_ok(rv == 0 && out.version == PROTO_VERSION &&
		strcmp(out.program, "0.1.0") == 0,
	    "hello: round trip", "rv %d", rv);
	proto_test_ok(len == 4 + 4 + 5 && p[0] == PROTO_VERSION && p[1] == 0 &&
		p[4] == 5 && memcmp(p + 8, "0.1.0", 5) == 0 && b.data[0] == 1 &&
		b.data[1] == 0 && b.data[4] == 13,
	    "hello: byte layout", "len %zu", len);
	proto_test_malformed("hello", &b, PROTO_HELLO, 1);

	/* A future HELLO with more fields still yields its version. */
	proto_test_raw_begin(&b, PROTO_HELLO);
	proto_put_u32(&b, 99);
	proto_put_string(&b, "9.9", 3);
	proto_put_u32(&b, 12345);
	proto_put_string(&b, "future field", 12);
	proto_msg_end(&b);
	p = proto_test_payload(&b, PROTO_HELLO, &len);
	rv = p ? proto_hello_decode(p, len, &out) : -2;
	proto_test_ok(
	    rv == 0 && out.version == 99 && strcmp(out.program, "9.9") == 0,
	    "hello: appended fields ignored", "rv %d", rv);

	/* A 64-byte program (not NUL-terminated) is cut to 63 on decode. */
	memset(in.program, 'v', sizeof in.program);
	proto_buf_free(&b);
	proto_hello_encode(&b, &in);
	p = proto_test_payload(&b, PROTO_HELLO, &len);
	rv = p ? proto_hello_decode(p, len, &out) : -2;
	proto_test_ok(rv == 0 && len == 8 + 64 && strlen(out.program) == 63,
	    "hello: program cut to fit", "rv %d len %zu", rv, len);

	/* Cutting never splits a UTF-8 sequence: 62 x 'a' then U+00E9. */
	proto_test_raw_begin(&b, PROTO_HELLO);
	proto_put_u32(&b, 1);
	proto_put_string(&b,
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "\xc3\xa9",
	    64);
	proto_msg_end(&b);
	p = proto_test_payload(&b, PROTO_HELLO, &len);
	rv = p ? proto_hello_decode(p, len, &out) : -2;
	proto_test_ok(rv == 0 && strlen(out.program) == 62,
	    "hello: cut at a UTF-8 boundary", "rv %d len %zu", rv,
	    strlen(out.program));

	proto_test_raw_begin(&b, PROTO_HELLO);
	proto_put_u32(&b, 1);
	proto_put_string(&b, "a\0b", 3);
	proto_test_ok(proto_test_raw_decode(&b, PROTO_HELLO) == -1,
	    "hello: NUL in program refused", NULL);

	proto_test_raw_begin(&b, PROTO_HELLO);
	proto_put_u32(&b, 1);
	proto_put_u32(&b, PROTO_MAX_STRING + 1);
	proto_test_ok(proto_test_raw_decode(&b, PROTO_HELLO) == -1,
	    "hello: string length above the limit refused", NULL);

	proto_test_raw_begin(&b, PROTO_HELLO);
	proto_put_u32(&b, 1);
	proto_put_u32(&b, 10);
	proto_put_bytes(&b, "abc", 3);
	proto_test_ok(proto_test_raw_decode(&b, PROTO_HELLO) == -1,
	    "hello: string past the payload refused", NULL);
	proto_buf_free(&b);
}

/* IDENTIFY. */

static void
proto_test_identify(void)
{
	struct proto_buf b = { 0 };
	struct proto_identify in, out;
	char *env[] = { "HOME=/home/u", "EMPTY=", "X=a=b", NULL };
	char *badenv[] = { "HOME=/h", "NOEQUALS", "=novalue", "OK=1", NULL };
	const uint8_t *p;
	char **big;
	size_t len, i;
	int rv;

	memset(&in, 0, sizeof in);
	in.cols = 132;
	in.rows = 43;
	in.flags = PROTO_TERM_UTF8 | PROTO_TERM_TRUECOLOR;
	in.colours = 256;
	in.term = "xterm-256color";
	in.cwd = "/home/u/src";
	in.tty = "/dev/pts/3";
	in.env = env;
	in.nenv = 3;
	proto_identify_encode(&b, &in);
	p = proto_test_payload(&b, PROTO_IDENTIFY, &len);
	rv = p ? proto_identify_decode(p, len, &out) : -2;
	proto_test_ok(rv == 0 && out.cols == 132 && out.rows == 43 &&
		out.flags == in.flags && out.colours == 256 &&
		strcmp(out.term, in.term) == 0 &&
		strcmp(out.cwd, in.cwd) == 0 && strcmp(out.tty, in.tty) == 0 &&
		out.nenv == 3 && strcmp(out.env[0], env[0]) == 0 &&
		strcmp(out.env[1], env[1]) == 0 &&
		strcmp(out.env[2], env[2]) == 0 && out.env[3] == NULL,
	    "identify: round trip", "rv %d", rv);
	if (rv == 0)
		proto_identify_free(&out);
	proto_test_malformed("identify", &b, PROTO_IDENTIFY, 0);

	/* NULL strings go as "", no environment as a count of 0. */
	in.term = in.cwd = in.tty = NULL;
	in.env = NULL;
	in.nenv = 0;
	proto_buf_free(&b);
	proto_identify_encode(&b, &in);
	p = proto_test_payload(&b, PROTO_IDENTIFY, &len);
	rv = p ? proto_identify_decode(p, len, &out) : -2;
	proto_test_ok(rv == 0 && *out.term == '\0' && *out.cwd == '\0' &&
		*out.tty == '\0' && out.nenv == 0 && out.env != NULL &&
		out.env[0] == NULL,
	    "identify: empty fields", "rv %d", rv);
	if (rv == 0)
		proto_identify_free(&out);

	/* Entries the decoder would refuse are left out by the encoder. */
	in.env = badenv;
	in.nenv = 4;
	proto_buf_free(&b);
	proto_identify_encode(&b, &in);
	p = proto_test_payload(&b, PROTO_IDENTIFY, &len);
	rv = p ? proto_identify_decode(p, len, &out) : -2;
	proto_test_ok(rv == 0 && out.nenv == 2 &&
		strcmp(out.env[0], "HOME=/h") == 0 &&
		strcmp(out.env[1], "OK=1") == 0,
	    "identify: encoder drops bad environment entries", "rv %d", rv);
	if (rv == 0)
		proto_identify_free(&out);

	/* Sizes: 1 and PROTO_MAX_SIDE accepted, 0 and one more refused. */
	{
		static const struct {
			unsigned cols, rows;
			int want;
			const char *name;
		} sizes[] = {
			{ 1, 1, 0, "identify: 1x1 accepted" },
			{ PROTO_MAX_SIDE, PROTO_MAX_SIDE, 0,
			    "identify: max size accepted" },
			{ 0, 24, -1, "identify: 0 cols refused" },
			{ 80, 0, -1, "identify: 0 rows refused" },
			{ PROTO_MAX_SIDE + 1, 24, -1,
			    "identify: cols above max refused" },
			{ 80, PROTO_MAX_SIDE + 1, -1,
			    "identify: rows above max refused" },
		};
		for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
			proto_test_raw_begin(&b, PROTO_IDENTIFY);
			proto_put_u16(&b, sizes[i].cols);
			proto_put_u16(&b, sizes[i].rows);
			proto_put_u32(&b, 0);
			proto_put_u16(&b, 8);
			proto_put_string(&b, "vt100", 5);
			proto_put_string(&b, "/", 1);
			proto_put_string(&b, "", 0);
			proto_put_u32(&b, 0);
			rv = proto_test_raw_decode(&b, PROTO_IDENTIFY);
			proto_test_ok(
			    rv == sizes[i].want, sizes[i].name, "rv %d", rv);
		}
	}

	/* The encoder clamps sizes instead of sending a refused message. */
	memset(&in, 0, sizeof in);
	in.cols = 0;
	in.rows = 60000;
	proto_buf_free(&b);
	proto_identify_encode(&b, &in);
	p = proto_test_payload(&b, PROTO_IDENTIFY, &len);
	rv = p ? proto_identify_decode(p, len, &out) : -2;
	proto_test_ok(rv == 0 && out.cols == 1 && out.rows == PROTO_MAX_SIDE,
	    "identify: encoder clamps sizes", "rv %d", rv);
	if (rv == 0)
		proto_identify_free(&out);

	/* C strings with a NUL byte, environment entries without '='. */
	{
		static const struct {
			const char *term, *env;
			size_t termlen, envlen;
			const char *name;
		} bad[] = {
			{ "xt\0rm", "A=1", 5, 3,
			    "identify: NUL in TERM refused" },
			{ "xterm", "A=\0", 5, 3,
			    "identify: NUL in environment refused" },
			{ "xterm", "NOEQUALS", 5, 8,
			    "identify: environment without = refused" },
			{ "xterm", "=x", 5, 2,
			    "identify: environment with empty name refused" },
		};
		for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			proto_test_raw_begin(&b, PROTO_IDENTIFY);
			proto_put_u16(&b, 80);
			proto_put_u16(&b, 24);
			proto_put_u32(&b, 0);
			proto_put_u16(&b, 8);
			proto_put_string(&b, bad[i].term, bad[i].termlen);
			proto_put_string(&b, "/", 1);
			proto_put_string(&b, "", 0);
			proto_put_u32(&b, 1);
			proto_put_string(&b, bad[i].env, bad[i].envlen);
			rv = proto_test_raw_decode(&b, PROTO_IDENTIFY);
			proto_test_ok(rv == -1, bad[i].name, "rv %d", rv);
		}
	}

	/* PROTO_MAX_STRINGS environment entries, then one more. */
	big = malloc((PROTO_MAX_STRINGS + 2) * sizeof *big);
	for (i = 0; i < PROTO_MAX_STRINGS + 1; i++)
		big[i] = "V=1";
	big[i] = NULL;
	memset(&in, 0, sizeof in);
	in.cols = 80;
	in.rows = 24;
	in.env = big;
	in.nenv = PROTO_MAX_STRINGS + 1;
	proto_buf_free(&b);
	proto_identify_encode(&b, &in);
	p = proto_test_payload(&b, PROTO_IDENTIFY, &len);
	rv = p ? proto_identify_decode(p, len, &out) : -2;
	proto_test_ok(rv == 0 && out.nenv == PROTO_MAX_STRINGS,
	    "identify: encoder keeps PROTO_MAX_STRINGS entries",
	    "rv %d nenv %zu", rv, out.nenv);
	if (rv == 0)
		proto_identify_free(&out);
	proto_test_raw_begin(&b, PROTO_IDENTIFY);
	proto_put_u16(&b, 80);
	proto_put_u16(&b, 24);
	proto_put_u32(&b, 0);
	proto_put_u16(&b, 8);
	proto_put_string(&b, "", 0);
	proto_put_string(&b, "", 0);
	proto_put_string(&b, "", 0);
	proto_put_u32(&b, PROTO_MAX_STRINGS + 1);
	for (i = 0; i < PROTO_MAX_STRINGS + 1; i++)
		proto_put_string(&b, "V=1", 3);
	rv = proto_test_raw_decode(&b, PROTO_IDENTIFY);
	proto_test_ok(rv == -1,
	    "identify: PROTO_MAX_STRINGS + 1 entries refused", "rv %d", rv);
	free(big);
	proto_buf_free(&b);
}

/* String lists. */

static void
proto_test_strings_one(uint32_t type, const char *name)
{
	struct proto_buf b = { 0 };
	struct proto_strings out;
	const char *argv[] = { "new-window", "-n", "", "caf\xc3\xa9", NULL };
	const uint8_t *p;
	char title[64];
	size_t len;
	int rv;

	proto_strings_encode(&b, type, argv, 4);
	p = proto_test_payload(&b, type, &len);
	rv = p ? proto_strings_decode(p, len, &out) : -2;
	snprintf(title, sizeof title, "%s: round trip", name);
	proto_test_ok(rv == 0 && out.argc == 4 &&
		strcmp(out.argv[0], argv[0]) == 0 &&
		strcmp(out.argv[1], argv[1]) == 0 &&
		strcmp(out.argv[2], argv[2]) == 0 &&
		strcmp(out.argv[3], argv[3]) == 0 && out.argv[4] == NULL,
	    title, "rv %d", rv);
	if (rv == 0)
		proto_strings_free(&out);
	snprintf(title, sizeof title, "%s", name);
	proto_test_malformed(title, &b, type, 0);
	proto_buf_free(&b);
}

static void
proto_test_strings(void)
{
	struct proto_buf b = { 0 };
	struct proto_strings out;
	const char **argv;
	const uint8_t *p;
	char *s;
	size_t len, i;
	int rv;

	proto_test_strings_one(PROTO_COMMAND, "command");
	proto_test_strings_one(PROTO_ATTACHED, "attached");
	proto_test_strings_one(PROTO_TITLE, "title");
	proto_test_strings_one(PROTO_CLIPBOARD, "clipboard");

	proto_strings_encode(&b, PROTO_TITLE, NULL, 0);
	p = proto_test_payload(&b, PROTO_TITLE, &len);
	rv = p ? proto_strings_decode(p, len, &out) : -2;
	proto_test_ok(rv == 0 && out.argc == 0 && out.argv != NULL &&
		out.argv[0] == NULL && len == 4,
	    "strings: empty list", "rv %d", rv);
	if (rv == 0)
		proto_strings_free(&out);

	/* A string of PROTO_MAX_STRING bytes; the encoder cuts a longer one;
	   the decoder refuses a declared length of one more. */
	s = malloc(PROTO_MAX_STRING + 2);
	memset(s, 'x', PROTO_MAX_STRING + 1);
	s[PROTO_MAX_STRING + 1] = '\0';
	argv = malloc(2 * sizeof *argv);
	argv[0] = s;
	argv[1] = NULL;
	proto_buf_free(&b);
	proto_strings_encode(&b, PROTO_CLIPBOARD, argv, 1);
	p = proto_test_payload(&b, PROTO_CLIPBOARD, &len);
	rv = p ? proto_strings_decode(p, len, &out) : -2;
	proto_test_ok(
	    rv == 0 && out.argc == 1 && strlen(out.argv[0]) == PROTO_MAX_STRING,
	    "strings: longest string, encoder cuts a longer one", "rv %d", rv);
	if (rv == 0)
		proto_strings_free(&out);
	proto_test_raw_begin(&b, PROTO_CLIPBOARD);
	proto_put_u32(&b, 1);
	proto_put_u32(&b, PROTO_MAX_STRING + 1);
	proto_put_bytes(&b, s, PROTO_MAX_STRING + 1);
	rv = proto_test_raw_decode(&b, PROTO_CLIPBOARD);
	proto_test_ok(rv == -1, "strings: string one above the limit refused",
	    "rv %d", rv);
	free(argv);
	free(s);

	/* PROTO_MAX_STRINGS strings, the encoder's cut, one more refused. */
	argv = malloc((PROTO_MAX_STRINGS + 2) * sizeof *argv);
	for (i = 0; i < PROTO_MAX_STRINGS + 1; i++)
		argv[i] = "a";
	argv[i] = NULL;
	proto_buf_free(&b);
	proto_strings_encode(&b, PROTO_COMMAND, argv, PROTO_MAX_STRINGS + 1);
	p = proto_test_payload(&b, PROTO_COMMAND, &len);
	rv = p ? proto_strings_decode(p, len, &out) : -2;
	proto_test_ok(rv == 0 && out.argc == PROTO_MAX_STRINGS,
	    "strings: PROTO_MAX_STRINGS strings", "rv %d argc %zu", rv,
	    out.argc);
	if (rv == 0)
		proto_strings_free(&out);
	proto_test_raw_begin(&b, PROTO_COMMAND);
	proto_put_u32(&b, PROTO_MAX_STRINGS + 1);
	for (i = 0; i < PROTO_MAX_STRINGS + 1; i++)
		proto_put_string(&b, "a", 1);
	rv = proto_test_raw_decode(&b, PROTO_COMMAND);
	proto_test_ok(
	    rv == -1, "strings: PROTO_MAX_STRINGS + 1 refused", "rv %d", rv);
	free(argv);

	/* The encoder stops before the payload limit: 100 strings of 64 KiB
	   do not fit in 4 MiB. */
	s = malloc(PROTO_MAX_STRING + 1);
	memset(s, 'y', PROTO_MAX_STRING);
	s[PROTO_MAX_STRING] = '\0';
	argv = malloc(100 * sizeof *argv);
	for (i = 0; i < 100; i++)
		argv[i] = s;
	proto_buf_free(&b);
	proto_strings_encode(&b, PROTO_COMMAND, argv, 100);
	p = proto_test_payload(&b, PROTO_COMMAND, &len);
	rv = p ? proto_strings_decode(p, len, &out) : -2;
	proto_test_ok(rv == 0 && len <= PROTO_MAX_PAYLOAD && out.argc == 63,
	    "strings: encoder stops at the payload limit", "rv %d argc %zu", rv,
	    out.argc);
	if (rv == 0)
		proto_strings_free(&out);
	free(argv);
	free(s);

	proto_test_raw_begin(&b, PROTO_COMMAND);
	proto_put_u32(&b, 2);
	proto_put_string(&b, "kill", 4);
	proto_put_string(&b, "x\0y", 3);
	rv = proto_test_raw_decode(&b, PROTO_COMMAND);
	proto_test_ok(
	    rv == -1, "strings: NUL inside a string refused", "rv %d", rv);

	proto_test_raw_begin(&b, PROTO_COMMAND);
	proto_put_u32(&b, 0xffffffffu);
	rv = proto_test_raw_decode(&b, PROTO_COMMAND);
	proto_test_ok(rv == -1, "strings: huge count refused", "rv %d", rv);

	proto_test_raw_begin(&b, PROTO_COMMAND);
	proto_put_u32(&b, 3);
	proto_put_string(&b, "a", 1);
	proto_put_string(&b, "b", 1);
	rv = proto_test_raw_decode(&b, PROTO_COMMAND);
	proto_test_ok(
	    rv == -1, "strings: count above the strings present", "rv %d", rv);
	proto_buf_free(&b);
}

/* LINES: the line sizes of a display's rows. */

static void
proto_test_lines(void)
{
	struct proto_buf b = { 0 };
	struct proto_line in[] = { { 0, PROTO_LINE_DOUBLE_WIDTH },
		{ 3, PROTO_LINE_SINGLE }, { 5, PROTO_LINE_DOUBLE_TOP },
		{ 5, PROTO_LINE_DOUBLE_WIDTH }, { 6, PROTO_LINE_DOUBLE_BOTTOM },
		{ 24, PROTO_LINE_DOUBLE_WIDTH } };
	struct proto_lines out;
	const uint8_t *p;
	uint8_t raw[16];
	size_t len;
	int rv;

	proto_lines_encode(&b, 24, in, sizeof in / sizeof in[0]);
	p = proto_test_payload(&b, PROTO_LINES, &len);
	rv = p ? proto_lines_decode(p, len, &out) : -2;
	proto_test_ok(rv == 0 && out.rows == 24 && out.n == 3 &&
		out.list[0].row == 0 &&
		out.list[0].size == PROTO_LINE_DOUBLE_WIDTH &&
		out.list[1].row == 5 &&
		out.list[1].size == PROTO_LINE_DOUBLE_TOP &&
		out.list[2].row == 6 &&
		out.list[2].size == PROTO_LINE_DOUBLE_BOTTOM && len == 4 + 9,
	    "lines: round trip; single, repeated and out-of-range rows left "
	    "out",
	    "rv %d", rv);
	if (rv == 0)
		free(out.list);
	proto_test_malformed("lines", &b, PROTO_LINES, 0);
	proto_buf_free(&b);

	proto_lines_encode(&b, 10, NULL, 0);
	p = proto_test_payload(&b, PROTO_LINES, &len);
	rv = p ? proto_lines_decode(p, len, &out) : -2;
	proto_test_ok(rv == 0 && out.n == 0 && out.list == NULL && len == 4,
	    "lines: no double rows (all single)", "rv %d", rv);
	proto_buf_free(&b);

	/* rows 10, n 2: row 4 double width, row 2 double width (not after) */
	memcpy(raw, "\x0a\x00\x02\x00\x04\x00\x01\x02\x00\x01", 10);
	proto_test_ok(proto_lines_decode(raw, 10, &out) == -1,
	    "lines: rows not increasing refused", NULL);
	memcpy(raw, "\x0a\x00\x01\x00\x0a\x00\x01", 7);
	proto_test_ok(proto_lines_decode(raw, 7, &out) == -1,
	    "lines: row outside the display refused", NULL);
	memcpy(raw, "\x0a\x00\x01\x00\x02\x00\x04", 7);
	proto_test_ok(proto_lines_decode(raw, 7, &out) == -1,
	    "lines: unknown size refused", NULL);
	memcpy(raw, "\x0a\x00\x01\x00\x02\x00\x00", 7);
	proto_test_ok(proto_lines_decode(raw, 7, &out) == -1,
	    "lines: a listed single row refused", NULL);
	memcpy(raw, "\x00\x00\x00\x00", 4);
	proto_test_ok(proto_lines_decode(raw, 4, &out) == -1,
	    "lines: a display of 0 rows refused", NULL);
}

/* RESIZE, OUTPUT, EXIT. */

static void
proto_test_small(void)
{
	struct proto_buf b = { 0 };
	struct proto_resize rin, rout;
	struct proto_output oout;
	struct proto_exit eout;
	const uint8_t *p;
	uint8_t raw[8];
	char *big;
	size_t len, off, total;
	uint32_t type;
	int rv, n;

	rin.cols = 200;
	rin.rows = 50;
	proto_resize_encode(&b, &rin);
	p = proto_test_payload(&b, PROTO_RESIZE, &len);
	rv = p ? proto_resize_decode(p, len, &rout) : -2;
	proto_test_ok(rv == 0 && rout.cols == 200 && rout.rows == 50 &&
		len == 4 && p[0] == 200 && p[2] == 50,
	    "resize: round trip and layout", "rv %d", rv);
	proto_test_malformed("resize", &b, PROTO_RESIZE, 0);
	raw[0] = PROTO_MAX_SIDE & 0xff;
	raw[1] = PROTO_MAX_SIDE >> 8;
	raw[2] = 1;
	raw[3] = 0;
	proto_test_ok(proto_resize_decode(raw, 4, &rout) == 0 &&
		rout.cols == PROTO_MAX_SIDE && rout.rows == 1,
	    "resize: max x 1 accepted", NULL);
	raw[0] = (PROTO_MAX_SIDE + 1) & 0xff;
	raw[1] = (PROTO_MAX_SIDE + 1) >> 8;
	proto_test_ok(proto_resize_decode(raw, 4, &rout) == -1,
	    "resize: cols above max refused", NULL);
	raw[0] = 80;
	raw[1] = 0;
	raw[2] = 0;
	proto_test_ok(proto_resize_decode(raw, 4, &rout) == -1,
	    "resize: 0 rows refused", NULL);

	proto_buf_free(&b);
	proto_output_encode(&b, 2, "error: no\0such", 14);
	p = proto_test_payload(&b, PROTO_OUTPUT, &len);
	rv = p ? proto_output_decode(p, len, &oout) : -2;
	proto_test_ok(rv == 0 && oout.stream == 2 && oout.len == 14 &&
		memcmp(oout.text, "error: no\0such", 14) == 0,
	    "output: round trip", "rv %d", rv);
	proto_test_malformed("output", &b, PROTO_OUTPUT, 1);
	raw[0] = 0;
	proto_test_ok(proto_output_decode(raw, 1, &oout) == -1,
	    "output: stream 0 refused", NULL);
	raw[0] = 3;
	proto_test_ok(proto_output_decode(raw, 3, &oout) == -1,
	    "output: stream 3 refused", NULL);
	raw[0] = 1;
	proto_test_ok(proto_output_decode(raw, 1, &oout) == 0 &&
		oout.len == 0 && oout.stream == 1,
	    "output: empty text accepted", NULL);

	/* Text longer than one payload goes as several messages. */
	total = PROTO_MAX_PAYLOAD + 100;
	big = malloc(total);
	for (off = 0; off < total; off++)
		big[off] = (char)(off * 7);
	proto_buf_free(&b);
	proto_output_encode(&b, 1, big, total);
	off = 0;
	n = 0;
	rv = 0;
	while (off < b.len) {
		if (proto_next_message(
			b.data + off, b.len - off, &type, &p, &len) != 1 ||
		    type != PROTO_OUTPUT ||
		    proto_output_decode(p, len, &oout) != 0 ||
		    memcmp(oout.text, big + (size_t)rv, oout.len) != 0) {
			rv = -1;
			break;
		}
		rv += (int)oout.len;
		off += PROTO_HEADER_SIZE + len;
		n++;
	}
	proto_test_ok(n == 2 && rv == (int)total,
	    "output: long text split into messages", "%d messages, %d bytes", n,
	    rv);
	free(big);

	proto_buf_free(&b);
	proto_exit_encode(&b, 3, "[server exited]");
	p = proto_test_payload(&b, PROTO_EXIT, &len);
	rv = p ? proto_exit_decode(p, len, &eout) : -2;
	proto_test_ok(rv == 0 && eout.status == 3 &&
		strcmp(eout.message, "[server exited]") == 0,
	    "exit: round trip", "rv %d", rv);
	if (rv == 0)
		free(eout.message);
	proto_test_malformed("exit", &b, PROTO_EXIT, 0);

	proto_buf_free(&b);
	proto_exit_encode(&b, 1000, NULL);
	p = proto_test_payload(&b, PROTO_EXIT, &len);
	rv = p ? proto_exit_decode(p, len, &eout) : -2;
	proto_test_ok(rv == 0 && eout.status == 255 && *eout.message == '\0',
	    "exit: encoder clamps status, NULL message", "rv %d", rv);
	if (rv == 0)
		free(eout.message);

	proto_test_raw_begin(&b, PROTO_EXIT);
	proto_put_u32(&b, 255);
	proto_put_string(&b, "", 0);
	proto_test_ok(proto_test_raw_decode(&b, PROTO_EXIT) == 0,
	    "exit: status 255 accepted", NULL);
	proto_test_raw_begin(&b, PROTO_EXIT);
	proto_put_u32(&b, 256);
	proto_put_string(&b, "", 0);
	proto_test_ok(proto_test_raw_decode(&b, PROTO_EXIT) == -1,
	    "exit: status 256 refused", NULL);
	proto_test_raw_begin(&b, PROTO_EXIT);
	proto_put_u32(&b, 0);
	proto_put_string(&b, "bye\0", 4);
	proto_test_ok(proto_test_raw_decode(&b, PROTO_EXIT) == -1,
	    "exit: NUL in message refused", NULL);
	proto_buf_free(&b);
}

/* FRAME. */

static struct proto_cell
proto_test_cell(const char *text, unsigned width, uint32_t fg)
{
	struct proto_cell c;

	memset(&c, 0, sizeof c);
	c.width = width;
	c.len = strlen(text);
	memcpy(c.text, text, c.len);
	c.style.fg = fg;
	return c;
}

/* Decode the one FRAME message in b into rec; returns the decoder's
   value (-2 if b does not hold one message). */
static int
proto_test_frame_decode(const struct proto_buf *b, struct proto_frame *hdr,
    struct proto_test_rec *rec)
{
	const uint8_t *p;
	size_t len;

	if ((p = proto_test_payload(b, PROTO_FRAME, &len)) == NULL)
		return -2;
	return proto_frame_decode(p, len, hdr, &proto_test_rec_ops, rec);
}

static void
proto_test_frame_roundtrip(void)
{
	struct proto_buf b = { 0 };
	struct proto_frame_writer w;
	struct proto_frame hdr, out;
	struct proto_test_rec rec = { 0 };
	struct proto_cell c[5];
	const uint8_t *p;
	size_t len;
	int rv, good;

	memset(&hdr, 0, sizeof hdr);
	hdr.rows = 24;
	hdr.cols = 80;
	hdr.cursor_row = 23;
	hdr.cursor_col = 79;
	hdr.cursor_visible = 1;
	hdr.cursor_style = 6;
	hdr.modes = 0x20040;
	c[0] = proto_test_cell("a", 1, 0);
	c[1] = proto_test_cell("\xe4\xb8\x80", 2, 0);	    /* U+4E00, wide */
	c[2] = proto_test_cell("e\xcc\x81", 1, 0x01000005); /* e + U+0301 */
	c[2].style.attrs = 0x0011;
	c[2].style.underline = 3;
	c[2].style.bg = 0x02102030;
	c[2].style.ul = 0x010000ff;
	c[3] = proto_test_cell("z", 1, 0x01000005);
	c[3].style = c[2].style;
	c[4] = proto_test_cell("\xf0\x9f\x98\x80", 2, 0); /* U+1F600 */

	proto_frame_begin(&w, &b, &hdr);
	proto_frame_clear(&w);
	proto_frame_scroll(&w, 2, 20, 3);
	proto_frame_cell(&w, 0, 0, &c[0]);
	proto_frame_cell(&w, 0, 1, &c[1]);
	proto_frame_cell(&w, 0, 3, &c[2]);
	proto_frame_cell(&w, 0, 4, &c[3]);
	proto_frame_cell(&w, 5, 78, &c[4]);
	proto_frame_cell(&w, 5, 0, &c[0]);
	proto_frame_end(&w);

	rv = proto_test_frame_decode(&b, &out, &rec);
	good = rv == 0 && memcmp(&out, &hdr, sizeof hdr) == 0 && rec.n == 8 &&
	    rec.ops[0].kind == PROTO_OP_CLEAR &&
	    rec.ops[1].kind == PROTO_OP_SCROLL && rec.ops[1].a == 2 &&
	    rec.ops[1].b == 20 && rec.ops[1].c == 3;
	if (good) {
		static const unsigned pos[][2] = { { 0, 0 }, { 0, 1 }, { 0, 3 },
			{ 0, 4 }, { 5, 78 }, { 5, 0 } };
		static const int which[] = { 0, 1, 2, 3, 4, 0 };
		size_t i;

		for (i = 0; i < 6; i++) {
			const struct proto_test_op *op = &rec.ops[2 + i];
			const struct proto_cell *want = &c[which[i]];

			if (op->kind != PROTO_OP_CELLS || op->a != pos[i][0] ||
			    op->b != pos[i][1] ||
			    op->cell.width != want->width ||
			    op->cell.len != want->len ||
			    strcmp(op->cell.text, want->text) != 0 ||
			    op->cell.style.attrs != want->style.attrs ||
			    op->cell.style.underline != want->style.underline ||
			    op->cell.style.fg != want->style.fg ||
			    op->cell.style.bg != want->style.bg ||
			    op->cell.style.ul != want->style.ul) {
				good = 0;
				printf("# cell %zu differs\n", i);
			}
		}
	}
	proto_test_ok(good, "frame: round trip", "rv %d, %zu ops", rv, rec.n);

	/* The four cells of row 0 make one run: 5 operations, not 8. */
	p = proto_test_payload(&b, PROTO_FRAME, &len);
	proto_test_ok(p != NULL && p[14] == 5 && p[15] == 0,
	    "frame: consecutive cells share a run", "nops %u",
	    p ? p[14] | p[15] << 8 : 0);

	/* A callback's non-zero value stops decoding and is returned. */
	rec.n = 0;
	rec.stop_at = 3;
	rv = proto_test_frame_decode(&b, &out, &rec);
	proto_test_ok(rv == 7 && rec.n == 3, "frame: callback stops decoding",
	    "rv %d after %zu", rv, rec.n);

	/* NULL callbacks are allowed. */
	p = proto_test_payload(&b, PROTO_FRAME, &len);
	proto_test_ok(
	    p != NULL && proto_frame_decode(p, len, &out, NULL, NULL) == 0,
	    "frame: NULL ops", NULL);

	proto_test_malformed("frame", &b, PROTO_FRAME, 0);
	proto_test_rec_free(&rec);
	proto_buf_free(&b);
}

/*
 * A hand-made frame: the header fields, then one operation given as raw
 * bytes by the caller. Returns the decoder's value.
 */
struct proto_test_hdr {
	unsigned rows, cols, crow, ccol, vis, style;
};

static int
proto_test_frame_raw(
    const struct proto_test_hdr *h, unsigned nops, const uint8_t *ops, size_t n)
{
	struct proto_buf b = { 0 };
	struct proto_test_rec rec = { 0 };
	struct proto_frame out;
	int rv;

	proto_msg_begin(&b, PROTO_FRAME);
	proto_put_u16(&b, h->rows);
	proto_put_u16(&b, h->cols);
	proto_put_u16(&b, h->crow);
	proto_put_u16(&b, h->ccol);
	proto_put_u8(&b, h->vis);
	proto_put_u8(&b, h->style);
	proto_put_u32(&b, 0);
	proto_put_u16(&b, nops);
	proto_put_bytes(&b, ops, n);
	proto_msg_end(&b);
	rv = proto_test_frame_decode(&b, &out, &rec);
	proto_test_rec_free(&rec);
	proto_buf_free(&b);
	return rv;
}

#define U16(v) (uint8_t)((v)&0xff), (uint8_t)((unsigned)(v) >> 8)
#define U32(v)                                             \
	(uint8_t)((v)&0xff), (uint8_t)(((v) >> 8) & 0xff), \
	    (uint8_t)(((v) >> 16) & 0xff), (uint8_t)((uint32_t)(v) >> 24)
#define STYLE(attrs, ul, fg, bg, ulc) U16(attrs), ul, U32(fg), U32(bg), U32(ulc)

static void
proto_test_frame_limits(void)
{
	static const struct proto_test_hdr h80 = { 24, 80, 0, 0, 1, 0 };
	static const struct {
		struct proto_test_hdr h;
		int want;
		const char *name;
	} hdrs[] = {
		{ { 1, 1, 0, 0, 0, 0 }, 0, "frame: 1x1 accepted" },
		{ { PROTO_MAX_SIDE, PROTO_MAX_SIDE, PROTO_MAX_SIDE - 1,
		      PROTO_MAX_SIDE - 1, 1, 6 },
		    0, "frame: max size, cursor at the far corner" },
		{ { 0, 80, 0, 0, 1, 0 }, -1, "frame: 0 rows refused" },
		{ { 24, 0, 0, 0, 1, 0 }, -1, "frame: 0 cols refused" },
		{ { PROTO_MAX_SIDE + 1, 80, 0, 0, 1, 0 }, -1,
		    "frame: rows above max refused" },
		{ { 24, PROTO_MAX_SIDE + 1, 0, 0, 1, 0 }, -1,
		    "frame: cols above max refused" },
		{ { 24, 80, 24, 0, 1, 0 }, -1,
		    "frame: cursor row = rows refused" },
		{ { 24, 80, 0, 80, 1, 0 }, -1,
		    "frame: cursor col = cols refused" },
		{ { 24, 80, 0, 0, 2, 0 }, -1,
		    "frame: cursor_visible 2 refused" },
		{ { 24, 80, 0, 0, 1, 7 }, -1, "frame: cursor_style 7 refused" },
	};
	static const struct {
		uint8_t ops[80];
		size_t n;
		int want;
		const char *name;
	} cases[] = {
		{ { 1 }, 1, 0, "frame: clear" },
		{ { 4 }, 1, -1, "frame: unknown op 4 refused" },
		{ { 0 }, 1, -1, "frame: op 0 refused" },
		{ { 2, U16(0), U16(23), U16(24) }, 7, 0,
		    "frame: scroll whole display by its height" },
		{ { 2, U16(0), U16(23), U16(25) }, 7, -1,
		    "frame: scroll count above the region refused" },
		{ { 2, U16(0), U16(23), U16(0) }, 7, -1,
		    "frame: scroll count 0 refused" },
		{ { 2, U16(5), U16(5), U16(1) }, 7, 0,
		    "frame: scroll one-row region" },
		{ { 2, U16(6), U16(5), U16(1) }, 7, -1,
		    "frame: scroll top > bottom refused" },
		{ { 2, U16(0), U16(24), U16(1) }, 7, -1,
		    "frame: scroll bottom = rows refused" },
		{ { 3, U16(0), U16(79), U16(1), 0, 1, 1, 'x' }, 11, 0,
		    "frame: cell in the last column" },
		{ { 3, U16(0), U16(79), U16(1), 0, 2, 3, 0xe4, 0xb8, 0x80 }, 13,
		    -1, "frame: wide cell in the last column refused" },
		{ { 3, U16(0), U16(78), U16(1), 0, 2, 3, 0xe4, 0xb8, 0x80 }, 13,
		    0, "frame: wide cell in the last two columns" },
		{ { 3, U16(0), U16(78), U16(3), 0, 1, 1, 'a', 0, 1, 1, 'b', 0,
		      1, 1, 'c' },
		    19, -1, "frame: run past the row refused" },
		{ { 3, U16(0), U16(78), U16(2), 0, 1, 1, 'a', 0, 1, 1, 'b' },
		    15, 0, "frame: run to the end of the row" },
		{ { 3, U16(0), U16(80), U16(1), 0, 1, 1, 'x' }, 11, -1,
		    "frame: run starting at col = cols refused" },
		{ { 3, U16(24), U16(0), U16(1), 0, 1, 1, 'x' }, 11, -1,
		    "frame: run at row = rows refused" },
		{ { 3, U16(0), U16(0), U16(0) }, 7, -1,
		    "frame: empty run refused" },
		{ { 3, U16(0), U16(0), U16(2), 0, 1, 1, 'x' }, 11, -1,
		    "frame: run shorter than its count refused" },
		{ { 3, U16(0), U16(0), U16(1), 0, 0, 1, 'x' }, 11, -1,
		    "frame: width 0 refused" },
		{ { 3, U16(0), U16(0), U16(1), 0, 3, 1, 'x' }, 11, -1,
		    "frame: width 3 refused" },
		{ { 3, U16(0), U16(0), U16(1), 0, 1, 0 }, 10, -1,
		    "frame: empty cell text refused" },
		{ { 3, U16(0), U16(0), U16(1), 2, 1, 1, 'x' }, 11, -1,
		    "frame: unknown cell flag refused" },
		{ { 3, U16(0), U16(0), U16(1), 1,
		      STYLE(0xffff, 5, 0x02ffffff, 0x010000ff, 0), 1, 1, 'x' },
		    26, 0, "frame: style with every limit at its maximum" },
		{ { 3, U16(0), U16(0), U16(1), 1, STYLE(0, 6, 0, 0, 0), 1, 1,
		      'x' },
		    26, -1, "frame: underline 6 refused" },
		{ { 3, U16(0), U16(0), U16(1), 1, STYLE(0, 0, 0x01000100, 0, 0),
		      1, 1, 'x' },
		    26, -1, "frame: indexed colour 256 refused" },
		{ { 3, U16(0), U16(0), U16(1), 1, STYLE(0, 0, 0, 0x03000000, 0),
		      1, 1, 'x' },
		    26, -1, "frame: colour kind 3 refused" },
		{ { 3, U16(0), U16(0), U16(1), 1, STYLE(0, 0, 0, 0, 0x00000001),
		      1, 1, 'x' },
		    26, -1, "frame: default colour with a value refused" },
		{ { 3, U16(0), U16(0), U16(1), 0, 1, 1, 0x1b }, 11, -1,
		    "frame: ESC in cell text refused" },
		{ { 3, U16(0), U16(0), U16(1), 0, 1, 1, 0x7f }, 11, -1,
		    "frame: DEL in cell text refused" },
		{ { 3, U16(0), U16(0), U16(1), 0, 1, 2, 0xc2, 0x9b }, 12, -1,
		    "frame: C1 CSI in cell text refused" },
		{ { 3, U16(0), U16(0), U16(1), 0, 1, 1, 0 }, 11, -1,
		    "frame: NUL in cell text refused" },
		{ { 3, U16(0), U16(0), U16(1), 0, 1, 2, 0xc0, 0xaf }, 12, -1,
		    "frame: overlong UTF-8 refused" },
		{ { 3, U16(0), U16(0), U16(1), 0, 1, 3, 0xed, 0xa0, 0x80 }, 13,
		    -1, "frame: UTF-16 surrogate refused" },
		{ { 3, U16(0), U16(0), U16(1), 0, 1, 1, 0xe4 }, 11, -1,
		    "frame: truncated UTF-8 refused" },
		{ { 3, U16(0), U16(0), U16(1), 0, 1, 4, 0xf4, 0x90, 0x80,
		      0x80 },
		    14, -1, "frame: code point above U+10FFFF refused" },
	};
	uint8_t ops[10 + PROTO_CELL_TEXT_MAX];
	size_t i;
	int rv;

	for (i = 0; i < sizeof hdrs / sizeof hdrs[0]; i++) {
		rv = proto_test_frame_raw(&hdrs[i].h, 0, NULL, 0);
		proto_test_ok(rv == hdrs[i].want, hdrs[i].name, "rv %d", rv);
	}
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		rv = proto_test_frame_raw(&h80, 1, cases[i].ops, cases[i].n);
		proto_test_ok(rv == cases[i].want, cases[i].name, "rv %d", rv);
	}

	/* Cell text of PROTO_CELL_TEXT_MAX bytes, then one more. */
	ops[0] = 3;
	memset(ops + 1, 0, 6);
	ops[5] = 1;
	ops[7] = 0;
	ops[8] = 1;
	ops[9] = PROTO_CELL_TEXT_MAX;
	memset(ops + 10, 'e', PROTO_CELL_TEXT_MAX);
	rv = proto_test_frame_raw(&h80, 1, ops, 10 + PROTO_CELL_TEXT_MAX);
	proto_test_ok(rv == 0, "frame: cell text of PROTO_CELL_TEXT_MAX bytes",
	    "rv %d", rv);
	{
		uint8_t more[10 + PROTO_CELL_TEXT_MAX + 1];

		memcpy(more, ops, 10);
		more[9] = PROTO_CELL_TEXT_MAX + 1;
		memset(more + 10, 'e', PROTO_CELL_TEXT_MAX + 1);
		rv = proto_test_frame_raw(&h80, 1, more, sizeof more);
		proto_test_ok(rv == -1,
		    "frame: cell text of PROTO_CELL_TEXT_MAX + 1 refused",
		    "rv %d", rv);
	}

	/* More ops announced than present; ops left over after nops. */
	ops[0] = 1;
	rv = proto_test_frame_raw(&h80, 2, ops, 1);
	proto_test_ok(
	    rv == -1, "frame: fewer ops than nops refused", "rv %d", rv);
	ops[1] = 1;
	rv = proto_test_frame_raw(&h80, 1, ops, 2);
	proto_test_ok(
	    rv == -1, "frame: bytes after the last op refused", "rv %d", rv);
}

/* Counting callback for the big frames below. */
struct proto_test_count {
	size_t cells, scrolls, bad;
	unsigned next_row, next_col;
};

static int
proto_test_count_cell(
    void *arg, unsigned row, unsigned col, const struct proto_cell *cell)
{
	struct proto_test_count *n = arg;

	if (row != n->next_row || col != n->next_col || cell->width != 1 ||
	    cell->text[0] != (char)('a' + (row + col) % 26) ||
	    cell->style.fg != ((row + col) % 3 == 0 ? 0x01000001u : 0))
		n->bad++;
	n->cells++;
	n->next_col = col + 1;
	if (n->next_col == 2000) {
		n->next_col = 0;
		n->next_row = row + 1;
	}
	return 0;
}

static int
proto_test_count_scroll(void *arg, unsigned top, unsigned bottom, unsigned c)
{
	struct proto_test_count *n = arg;

	if (top != 0 || bottom != 9 || c != 1)
		n->bad++;
	n->scrolls++;
	return 0;
}

/* Decode every FRAME message in b; returns the number of messages, or -1
   if one fails. */
static int
proto_test_frame_all(const struct proto_buf *b, struct proto_test_count *n)
{
	static const struct proto_frame_ops ops = { NULL,
		proto_test_count_scroll, proto_test_count_cell };
	struct proto_frame hdr;
	const uint8_t *p;
	size_t off = 0, len;
	uint32_t type;
	int msgs = 0;

	while (off < b->len) {
		if (proto_next_message(
			b->data + off, b->len - off, &type, &p, &len) != 1 ||
		    type != PROTO_FRAME ||
		    proto_frame_decode(p, len, &hdr, &ops, n) != 0)
			return -1;
		off += PROTO_HEADER_SIZE + len;
		msgs++;
	}
	return msgs;
}

static void
proto_test_frame_writer(void)
{
	struct proto_buf b = { 0 };
	struct proto_frame_writer w;
	struct proto_frame hdr, out;
	struct proto_test_rec rec = { 0 };
	struct proto_test_count n;
	struct proto_cell c;
	unsigned row, col;
	size_t i;
	int rv;

	/* Out-of-range header values are clamped. */
	memset(&hdr, 0, sizeof hdr);
	hdr.rows = 0;
	hdr.cols = 60000;
	hdr.cursor_row = 5;
	hdr.cursor_col = 60000;
	hdr.cursor_visible = 9;
	hdr.cursor_style = 42;
	proto_frame_begin(&w, &b, &hdr);
	proto_frame_end(&w);
	rv = proto_test_frame_decode(&b, &out, &rec);
	proto_test_ok(rv == 0 && out.rows == 1 && out.cols == PROTO_MAX_SIDE &&
		out.cursor_row == 0 && out.cursor_col == PROTO_MAX_SIDE - 1 &&
		out.cursor_visible == 1 && out.cursor_style == 0,
	    "frame writer: header clamped", "rv %d", rv);

	/* Invalid operations are dropped or repaired, never sent. */
	proto_buf_free(&b);
	rec.n = 0;
	hdr.rows = 10;
	hdr.cols = 10;
	hdr.cursor_col = 0;
	proto_frame_begin(&w, &b, &hdr);
	proto_frame_scroll(&w, 5, 4, 1);  /* top > bottom: dropped */
	proto_frame_scroll(&w, 0, 10, 1); /* bottom = rows: dropped */
	proto_frame_scroll(&w, 0, 9, 0);  /* count 0: dropped */
	proto_frame_scroll(&w, 2, 3, 9);  /* count cut to 2 */
	c = proto_test_cell("x", 1, 0);
	proto_frame_cell(&w, 10, 0, &c);	  /* row = rows: dropped */
	proto_frame_cell(&w, 0, 10, &c);	  /* col = cols: dropped */
	proto_frame_cell(&w, 0, 0xffffffffu, &c); /* dropped */
	c.width = 2;
	proto_frame_cell(&w, 0, 9, &c); /* does not fit: dropped */
	c.width = 0;
	proto_frame_cell(&w, 0, 0, &c);		/* width 0: dropped */
	c = proto_test_cell("", 1, 0x05000000); /* " ", default fg */
	c.style.underline = 77;
	proto_frame_cell(&w, 1, 0, &c);
	c = proto_test_cell("\x1b[2J", 1, 0); /* U+FFFD */
	proto_frame_cell(&w, 1, 1, &c);
	c = proto_test_cell("ok", 1, 0);
	c.len = PROTO_CELL_TEXT_MAX + 1; /* U+FFFD */
	proto_frame_cell(&w, 1, 2, &c);
	proto_frame_end(&w);
	rv = proto_test_frame_decode(&b, &out, &rec);
	proto_test_ok(rv == 0 && rec.n == 4 &&
		rec.ops[0].kind == PROTO_OP_SCROLL && rec.ops[0].a == 2 &&
		rec.ops[0].b == 3 && rec.ops[0].c == 2 &&
		rec.ops[1].kind == PROTO_OP_CELLS &&
		strcmp(rec.ops[1].cell.text, " ") == 0 &&
		rec.ops[1].cell.style.fg == 0 &&
		rec.ops[1].cell.style.underline == 0 &&
		strcmp(rec.ops[2].cell.text, "\xef\xbf\xbd") == 0 &&
		strcmp(rec.ops[3].cell.text, "\xef\xbf\xbd") == 0,
	    "frame writer: invalid operations dropped or repaired",
	    "rv %d, %zu ops", rv, rec.n);
	proto_test_rec_free(&rec);

	/* A frame above PROTO_MAX_PAYLOAD goes as several messages, which
	   together carry every cell in order with the right styles. */
	proto_buf_free(&b);
	hdr.rows = 1000;
	hdr.cols = 2000;
	proto_frame_begin(&w, &b, &hdr);
	for (row = 0; row < hdr.rows; row++)
		for (col = 0; col < hdr.cols; col++) {
			char t[2] = { (char)('a' + (row + col) % 26), 0 };

			c = proto_test_cell(
			    t, 1, (row + col) % 3 == 0 ? 0x01000001u : 0);
			proto_frame_cell(&w, row, col, &c);
		}
	proto_frame_end(&w);
	memset(&n, 0, sizeof n);
	rv = proto_test_frame_all(&b, &n);
	proto_test_ok(rv > 1 && n.cells == 1000u * 2000 && n.bad == 0,
	    "frame writer: large frame split by payload size",
	    "%d messages, %zu cells, %zu wrong, %zu bytes", rv, n.cells, n.bad,
	    b.len);

	/* More than 65535 operations also split. */
	proto_buf_free(&b);
	hdr.rows = 10;
	hdr.cols = 10;
	proto_frame_begin(&w, &b, &hdr);
	for (i = 0; i < 70000; i++)
		proto_frame_scroll(&w, 0, 9, 1);
	proto_frame_end(&w);
	memset(&n, 0, sizeof n);
	rv = proto_test_frame_all(&b, &n);
	proto_test_ok(rv == 2 && n.scrolls == 70000 && n.bad == 0,
	    "frame writer: more than 65535 ops split", "%d messages, %zu ops",
	    rv, n.scrolls);
	proto_buf_free(&b);
}

/* Framing. */

static void
proto_test_stream(void)
{
	struct proto_buf b = { 0 };
	struct proto_hello hello;
	struct proto_resize rs = { 80, 24 };
	const char *argv[] = { "detach" };
	const uint8_t *p;
	uint8_t *stream, hdr[8];
	size_t avail, off, len, i;
	uint32_t type;
	uint32_t want[] = { PROTO_HELLO, 0x0999, PROTO_RESIZE, PROTO_COMMAND,
		PROTO_DETACH };
	int rv, got = 0, early = 0;

	memset(&hello, 0, sizeof hello);
	hello.version = PROTO_VERSION;
	strcpy(hello.program, "test");
	proto_hello_encode(&b, &hello);
	proto_msg_begin(&b, 0x0999); /* a type from the future */
	proto_put_string(&b, "skip me", 7);
	proto_msg_end(&b);
	proto_resize_encode(&b, &rs);
	proto_strings_encode(&b, PROTO_COMMAND, argv, 1);
	proto_msg_begin(&b, PROTO_DETACH);
	proto_msg_end(&b);

	/* Deliver the stream one byte at a time into a separate buffer:
	   only a whole message is ever returned, and each exactly once. */
	stream = malloc(b.len);
	off = 0;
	for (avail = 1; avail <= b.len; avail++) {
		memcpy(stream, b.data, avail);
		for (;;) {
			rv = proto_next_message(
			    stream + off, avail - off, &type, &p, &len);
			if (rv != 1)
				break;
			if (off + PROTO_HEADER_SIZE + len != avail)
				early++;
			if (got < 5 && type != want[got])
				early++;
			if (proto_type_name(type)[0] != 'u' &&
			    proto_test_decode(type, p, len) != 0 &&
			    type != PROTO_DETACH)
				early++;
			got++;
			off += PROTO_HEADER_SIZE + len;
		}
		if (rv == -1)
			early++;
	}
	proto_test_ok(got == 5 && early == 0 && off == b.len,
	    "stream: split byte by byte, unknown type skipped by length",
	    "%d messages, %d problems", got, early);
	free(stream);

	/* proto_buf_consume keeps the rest. */
	proto_buf_consume(&b, PROTO_HEADER_SIZE + 4 + 4 + 4);
	rv = proto_next_message(b.data, b.len, &type, &p, &len);
	proto_test_ok(rv == 1 && type == 0x0999 && len == 11,
	    "stream: proto_buf_consume drops the first message", "rv %d", rv);
	proto_buf_consume(&b, b.len + 5);
	proto_test_ok(
	    b.len == 0 && proto_next_message(b.data, 0, &type, &p, &len) == 0,
	    "stream: consuming everything empties the buffer", NULL);
	proto_buf_free(&b);

	/* The payload length limit. */
	memset(hdr, 0, sizeof hdr);
	hdr[0] = 1;
	hdr[4] = PROTO_MAX_PAYLOAD & 0xff;
	hdr[5] = (PROTO_MAX_PAYLOAD >> 8) & 0xff;
	hdr[6] = (PROTO_MAX_PAYLOAD >> 16) & 0xff;
	hdr[7] = PROTO_MAX_PAYLOAD >> 24;
	rv = proto_next_message(hdr, sizeof hdr, &type, &p, &len);
	proto_test_ok(rv == 0,
	    "stream: PROTO_MAX_PAYLOAD length waits for data", "rv %d", rv);
	hdr[4]++;
	rv = proto_next_message(hdr, sizeof hdr, &type, &p, &len);
	proto_test_ok(
	    rv == -1, "stream: PROTO_MAX_PAYLOAD + 1 refused", "rv %d", rv);
	memset(hdr + 4, 0xff, 4);
	rv = proto_next_message(hdr, sizeof hdr, &type, &p, &len);
	proto_test_ok(
	    rv == -1, "stream: length 0xffffffff refused", "rv %d", rv);
	for (i = 0, rv = 0; i < PROTO_HEADER_SIZE; i++)
		if (proto_next_message(hdr, i, &type, &p, &len) != 0)
			rv = 1;
	proto_test_ok(rv == 0, "stream: partial header waits", NULL);
}

static void
proto_test_misc(void)
{
	struct proto_reader r;
	const uint8_t bytes[] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07 };
	uint8_t odd[16];
	size_t n;
	uint32_t v;
	int good;

	proto_reader_init(&r, bytes, sizeof bytes);
	good = proto_get_u8(&r) == 0x01 && proto_get_u16(&r) == 0x0302 &&
	    proto_get_u32(&r) == 0x07060504u && proto_reader_done(&r);
	proto_test_ok(good, "reader: little-endian integers", NULL);
	good = proto_get_u8(&r) == 0 && r.error && !proto_reader_done(&r);
	proto_test_ok(good, "reader: read past the end sets error", NULL);

	/* Unaligned reads (UBSan watches for unaligned casts). */
	memset(odd, 0, sizeof odd);
	odd[1] = 0x78;
	odd[2] = 0x56;
	odd[3] = 0x34;
	odd[4] = 0x12;
	proto_reader_init(&r, odd + 1, 4);
	v = proto_get_u32(&r);
	proto_test_ok(v == 0x12345678u, "reader: unaligned u32", "%x", v);

	proto_reader_init(&r, bytes, 3);
	proto_test_ok(proto_get_string(&r, &n) == NULL && r.error && n == 0,
	    "reader: short string length sets error", NULL);

	proto_test_ok(strcmp(proto_type_name(PROTO_HELLO), "HELLO") == 0 &&
		strcmp(proto_type_name(PROTO_FRAME), "FRAME") == 0 &&
		strcmp(proto_type_name(PROTO_CLIPBOARD), "CLIPBOARD") == 0 &&
		strcmp(proto_type_name(PROTO_DETACH), "DETACH") == 0 &&
		strcmp(proto_type_name(0x0999), "unknown") == 0,
	    "proto_type_name", NULL);
}

int
main(void)
{
	proto_test_hello();
	proto_test_identify();
	proto_test_strings();
	proto_test_small();
	proto_test_lines();
	proto_test_frame_roundtrip();
	proto_test_frame_limits();
	proto_test_frame_writer();
	proto_test_stream();
	proto_test_misc();
	return proto_test_failed ? 1 : 0;
}
