/*
 * fuzz-proto.c -- libFuzzer target over roost's wire format (src/proto).
 *
 * Each input is used twice: as a byte stream split by proto_next_message()
 * with every message handed to the decoder of its type (handshake, client
 * to server and server to client alike; unknown types are skipped by
 * length, as a peer does), and as one raw payload whose type is chosen by
 * the first byte, so every decoder sees inputs without the fuzzer having
 * to discover the header first. Whatever decodes is encoded again and
 * decoded a second time; the two decodings must be equal, or the target
 * aborts. ASan and UBSan catch reads out of bounds and unaligned or
 * overflowing arithmetic.
 *
 * Built with -DFUZZ_PROTO_WRITE_SEEDS instead, the file is a program that
 * writes the seed corpus (one valid message of each type, and a stream of
 * several) into the directory named by its argument:
 *   cc -DFUZZ_PROTO_WRITE_SEEDS -Isrc tests/fuzz/fuzz-proto.c \
 *       src/proto/proto.c -o /tmp/seeds && /tmp/seeds tests/fuzz/seeds-proto
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto/proto.h"

#define FUZZ_PROTO_CHECK(cond)                                                 \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "fuzz-proto: %s:%d: round trip: %s\n", \
			    __FILE__, __LINE__, #cond);                        \
			abort();                                               \
		}                                                              \
	} while (0)

/* Frames as a flat list of what the callbacks saw. */
struct fuzz_proto_op {
	int kind; /* PROTO_OP_* */
	unsigned a, b, c;
	struct proto_cell cell;
};

struct fuzz_proto_rec {
	struct fuzz_proto_op *ops;
	size_t n, size;
	struct proto_frame_writer *w; /* if set, re-encode as we go */
};

static struct fuzz_proto_op *
fuzz_proto_rec_add(struct fuzz_proto_rec *r, int kind)
{
	struct fuzz_proto_op *op;

	if (r->n == r->size) {
		r->size = r->size ? r->size * 2 : 64;
		if ((r->ops = realloc(r->ops, r->size * sizeof *r->ops)) ==
		    NULL)
			abort();
	}
	op = &r->ops[r->n++];
	memset(op, 0, sizeof *op);
	op->kind = kind;
	return op;
}

static int
fuzz_proto_rec_clear(void *arg)
{
	struct fuzz_proto_rec *r = arg;

	fuzz_proto_rec_add(r, PROTO_OP_CLEAR);
	if (r->w != NULL)
		proto_frame_clear(r->w);
	return 0;
}

static int
fuzz_proto_rec_scroll(void *arg, unsigned top, unsigned bottom, unsigned count)
{
	struct fuzz_proto_rec *r = arg;
	struct fuzz_proto_op *op;

	op = fuzz_proto_rec_add(r, PROTO_OP_SCROLL);
	op->a = top;
	op->b = bottom;
	op->c = count;
	if (r->w != NULL)
		proto_frame_scroll(r->w, top, bottom, count);
	return 0;
}

static int
fuzz_proto_rec_cell(
    void *arg, unsigned row, unsigned col, const struct proto_cell *cell)
{
	struct fuzz_proto_rec *r = arg;
	struct fuzz_proto_op *op;

	op = fuzz_proto_rec_add(r, PROTO_OP_CELLS);
	op->a = row;
	op->b = col;
	op->cell = *cell;
	if (r->w != NULL)
		proto_frame_cell(r->w, row, col, cell);
	return 0;
}

static const struct proto_frame_ops fuzz_proto_rec_ops = {
	fuzz_proto_rec_clear,
	fuzz_proto_rec_scroll,
	fuzz_proto_rec_cell,
};

static int
fuzz_proto_op_equal(
    const struct fuzz_proto_op *x, const struct fuzz_proto_op *y)
{
	const struct proto_cell *c = &x->cell, *d = &y->cell;

	if (x->kind != y->kind || x->a != y->a || x->b != y->b || x->c != y->c)
		return 0;
	if (x->kind != PROTO_OP_CELLS)
		return 1;
	return c->width == d->width && c->len == d->len &&
	    memcmp(c->text, d->text, sizeof c->text) == 0 &&
	    c->style.attrs == d->style.attrs &&
	    c->style.underline == d->style.underline &&
	    c->style.fg == d->style.fg && c->style.bg == d->style.bg &&
	    c->style.ul == d->style.ul;
}

/* A valid frame, re-encoded by the writer (which may group runs and
   styles differently) and decoded again, gives the same operations. */
static void
fuzz_proto_frame(const uint8_t *p, size_t len)
{
	struct proto_frame_writer w;
	struct proto_frame hdr, hdr2;
	struct fuzz_proto_rec first, again;
	struct proto_buf b;
	const uint8_t *q;
	size_t off, qlen, i;
	uint32_t type;

	memset(&first, 0, sizeof first);
	memset(&again, 0, sizeof again);
	proto_buf_init(&b);
	/* Decode the header alone first (no ops) to begin the writer. */
	if (proto_frame_decode(p, len, &hdr, NULL, NULL) != 0)
		return;
	proto_frame_begin(&w, &b, &hdr);
	first.w = &w;
	FUZZ_PROTO_CHECK(
	    proto_frame_decode(p, len, &hdr, &fuzz_proto_rec_ops, &first) == 0);
	proto_frame_end(&w);

	for (off = 0; off < b.len; off += PROTO_HEADER_SIZE + qlen) {
		FUZZ_PROTO_CHECK(proto_next_message(b.data + off, b.len - off,
				     &type, &q, &qlen) == 1);
		FUZZ_PROTO_CHECK(type == PROTO_FRAME);
		FUZZ_PROTO_CHECK(proto_frame_decode(q, qlen, &hdr2,
				     &fuzz_proto_rec_ops, &again) == 0);
		FUZZ_PROTO_CHECK(memcmp(&hdr, &hdr2, sizeof hdr) == 0);
	}
	FUZZ_PROTO_CHECK(b.len <= PROTO_HEADER_SIZE + len);
	FUZZ_PROTO_CHECK(first.n == again.n);
	for (i = 0; i < first.n; i++)
		FUZZ_PROTO_CHECK(
		    fuzz_proto_op_equal(&first.ops[i], &again.ops[i]));
	free(first.ops);
	free(again.ops);
	proto_buf_free(&b);
}

/* The payload of the one message in b. */
static const uint8_t *
fuzz_proto_payload(const struct proto_buf *b, uint32_t want, size_t *len)
{
	const uint8_t *q;
	uint32_t type;

	FUZZ_PROTO_CHECK(
	    proto_next_message(b->data, b->len, &type, &q, len) == 1);
	FUZZ_PROTO_CHECK(type == want);
	FUZZ_PROTO_CHECK(PROTO_HEADER_SIZE + *len == b->len);
	return q;
}

static void
fuzz_proto_strings(uint32_t type, const uint8_t *p, size_t len)
{
	struct proto_strings m, m2;
	struct proto_buf b;
	const uint8_t *q;
	size_t qlen, i;

	if (proto_strings_decode(p, len, &m) != 0)
		return;
	FUZZ_PROTO_CHECK(m.argv != NULL && m.argv[m.argc] == NULL);
	proto_buf_init(&b);
	proto_strings_encode(&b, type, (const char *const *)m.argv, m.argc);
	q = fuzz_proto_payload(&b, type, &qlen);
	FUZZ_PROTO_CHECK(qlen == len);
	FUZZ_PROTO_CHECK(memcmp(p, q, len) == 0);
	FUZZ_PROTO_CHECK(proto_strings_decode(q, qlen, &m2) == 0);
	FUZZ_PROTO_CHECK(m.argc == m2.argc);
	for (i = 0; i < m.argc; i++)
		FUZZ_PROTO_CHECK(strcmp(m.argv[i], m2.argv[i]) == 0);
	proto_strings_free(&m);
	proto_strings_free(&m2);
	proto_buf_free(&b);
}

static void
fuzz_proto_identify(const uint8_t *p, size_t len)
{
	struct proto_identify m, m2;
	struct proto_buf b;
	const uint8_t *q;
	size_t qlen, i;

	if (proto_identify_decode(p, len, &m) != 0)
		return;
	proto_buf_init(&b);
	proto_identify_encode(&b, &m);
	q = fuzz_proto_payload(&b, PROTO_IDENTIFY, &qlen);
	FUZZ_PROTO_CHECK(qlen == len && memcmp(p, q, len) == 0);
	FUZZ_PROTO_CHECK(proto_identify_decode(q, qlen, &m2) == 0);
	FUZZ_PROTO_CHECK(m.cols == m2.cols && m.rows == m2.rows &&
	    m.flags == m2.flags && m.colours == m2.colours);
	FUZZ_PROTO_CHECK(strcmp(m.term, m2.term) == 0);
	FUZZ_PROTO_CHECK(strcmp(m.cwd, m2.cwd) == 0);
	FUZZ_PROTO_CHECK(strcmp(m.tty, m2.tty) == 0);
	FUZZ_PROTO_CHECK(m.nenv == m2.nenv && m2.env[m2.nenv] == NULL);
	for (i = 0; i < m.nenv; i++)
		FUZZ_PROTO_CHECK(strcmp(m.env[i], m2.env[i]) == 0);
	proto_identify_free(&m);
	proto_identify_free(&m2);
	proto_buf_free(&b);
}

static void
fuzz_proto_hello(const uint8_t *p, size_t len)
{
	struct proto_hello m, m2;
	struct proto_buf b;
	const uint8_t *q;
	size_t qlen;

	if (proto_hello_decode(p, len, &m) != 0)
		return;
	FUZZ_PROTO_CHECK(memchr(m.program, '\0', sizeof m.program) != NULL);
	proto_buf_init(&b);
	proto_hello_encode(&b, &m);
	q = fuzz_proto_payload(&b, PROTO_HELLO, &qlen);
	FUZZ_PROTO_CHECK(proto_hello_decode(q, qlen, &m2) == 0);
	FUZZ_PROTO_CHECK(
	    m.version == m2.version && strcmp(m.program, m2.program) == 0);
	proto_buf_free(&b);
}

static void
fuzz_proto_small(uint32_t type, const uint8_t *p, size_t len)
{
	struct proto_resize rs, rs2;
	struct proto_output out, out2;
	struct proto_exit ex, ex2;
	struct proto_buf b;
	const uint8_t *q;
	size_t qlen;

	proto_buf_init(&b);
	switch (type) {
	case PROTO_RESIZE:
		if (proto_resize_decode(p, len, &rs) != 0)
			break;
		proto_resize_encode(&b, &rs);
		q = fuzz_proto_payload(&b, type, &qlen);
		FUZZ_PROTO_CHECK(proto_resize_decode(q, qlen, &rs2) == 0);
		FUZZ_PROTO_CHECK(rs.cols == rs2.cols && rs.rows == rs2.rows);
		break;
	case PROTO_OUTPUT:
		if (proto_output_decode(p, len, &out) != 0)
			break;
		proto_output_encode(&b, out.stream, out.text, out.len);
		q = fuzz_proto_payload(&b, type, &qlen);
		FUZZ_PROTO_CHECK(proto_output_decode(q, qlen, &out2) == 0);
		FUZZ_PROTO_CHECK(out.stream == out2.stream &&
		    out.len == out2.len &&
		    (out.len == 0 ||
			memcmp(out.text, out2.text, out.len) == 0));
		break;
	case PROTO_EXIT:
		if (proto_exit_decode(p, len, &ex) != 0)
			break;
		proto_exit_encode(&b, (int)ex.status, ex.message);
		q = fuzz_proto_payload(&b, type, &qlen);
		FUZZ_PROTO_CHECK(qlen == len && memcmp(p, q, len) == 0);
		FUZZ_PROTO_CHECK(proto_exit_decode(q, qlen, &ex2) == 0);
		FUZZ_PROTO_CHECK(ex.status == ex2.status &&
		    strcmp(ex.message, ex2.message) == 0);
		free(ex.message);
		free(ex2.message);
		break;
	}
	proto_buf_free(&b);
}

/* PROTO_LINES: a decoded set encodes to the same bytes. */
static void
fuzz_proto_lines(const uint8_t *p, size_t len)
{
	struct proto_lines m, m2;
	struct proto_buf b;
	const uint8_t *q;
	size_t qlen, i;

	if (proto_lines_decode(p, len, &m) != 0)
		return;
	proto_buf_init(&b);
	proto_lines_encode(&b, m.rows, m.list, m.n);
	q = fuzz_proto_payload(&b, PROTO_LINES, &qlen);
	FUZZ_PROTO_CHECK(qlen == len && memcmp(p, q, len) == 0);
	FUZZ_PROTO_CHECK(proto_lines_decode(q, qlen, &m2) == 0);
	FUZZ_PROTO_CHECK(m.rows == m2.rows && m.n == m2.n);
	for (i = 0; i < m.n; i++)
		FUZZ_PROTO_CHECK(m.list[i].row == m2.list[i].row &&
		    m.list[i].size == m2.list[i].size);
	free(m.list);
	free(m2.list);
	proto_buf_free(&b);
}

/* One message, as the server or the client would take it. */
static void
fuzz_proto_message(uint32_t type, const uint8_t *p, size_t len)
{
	(void)proto_type_name(type);
	switch (type) {
	case PROTO_HELLO:
		fuzz_proto_hello(p, len);
		break;
	case PROTO_IDENTIFY:
		fuzz_proto_identify(p, len);
		break;
	case PROTO_COMMAND:
	case PROTO_ATTACHED:
	case PROTO_TITLE:
	case PROTO_CLIPBOARD:
		fuzz_proto_strings(type, p, len);
		break;
	case PROTO_LINES:
		fuzz_proto_lines(p, len);
		break;
	case PROTO_RESIZE:
	case PROTO_OUTPUT:
	case PROTO_EXIT:
		fuzz_proto_small(type, p, len);
		break;
	case PROTO_FRAME:
		fuzz_proto_frame(p, len);
		break;
	default:
		/* INPUT is raw bytes, DETACH and BELL are empty, the rest is
		   unknown: nothing to decode. */
		break;
	}
}

static const uint32_t fuzz_proto_types[] = {
	PROTO_HELLO,
	PROTO_IDENTIFY,
	PROTO_COMMAND,
	PROTO_RESIZE,
	PROTO_FRAME,
	PROTO_OUTPUT,
	PROTO_EXIT,
	PROTO_ATTACHED,
	PROTO_TITLE,
	PROTO_CLIPBOARD,
	PROTO_LINES,
};
#define FUZZ_PROTO_NTYPES (sizeof fuzz_proto_types / sizeof fuzz_proto_types[0])

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *payload;
	size_t off, len;
	uint32_t type;
	uint8_t *copy;
	int rv;

	/* As a stream. */
	for (off = 0; off < size; off += PROTO_HEADER_SIZE + len) {
		rv = proto_next_message(
		    data + off, size - off, &type, &payload, &len);
		if (rv != 1)
			break;
		fuzz_proto_message(type, payload, len);
	}

	/* As one payload of the type the first byte names, in its own
	   allocation so that ASan sees a read one byte past the end. */
	if (size >= 1) {
		len = size - 1;
		copy = malloc(len ? len : 1);
		if (copy == NULL)
			abort();
		if (len > 0)
			memcpy(copy, data + 1, len);
		fuzz_proto_message(
		    fuzz_proto_types[data[0] % FUZZ_PROTO_NTYPES], copy, len);
		free(copy);
	}
	return 0;
}

#ifdef FUZZ_PROTO_WRITE_SEEDS
static void
fuzz_proto_seed_file(const char *dir, const char *name, const char *prefix,
    const uint8_t *p, size_t len, int index)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s%s", dir, prefix, name);
	if ((f = fopen(path, "wb")) == NULL ||
	    (index >= 0 && fputc(index, f) == EOF) ||
	    (len > 0 && fwrite(p, 1, len, f) != len) || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

/*
 * Write b as the seed NAME, and when b holds a single message of a type
 * the raw path decodes, also as raw-NAME: the type's index in
 * fuzz_proto_types, then the payload.
 */
static void
fuzz_proto_seed(const char *dir, const char *name, struct proto_buf *b)
{
	const uint8_t *p;
	size_t len, i;
	uint32_t type;

	fuzz_proto_seed_file(dir, name, "", b->data, b->len, -1);
	if (proto_next_message(b->data, b->len, &type, &p, &len) == 1 &&
	    PROTO_HEADER_SIZE + len == b->len) {
		for (i = 0; i < FUZZ_PROTO_NTYPES; i++)
			if (fuzz_proto_types[i] == type)
				fuzz_proto_seed_file(
				    dir, name, "raw-", p, len, (int)i);
	}
	proto_buf_free(b);
}

int
main(int argc, char **argv)
{
	struct proto_buf b = { 0 };
	struct proto_hello hello;
	struct proto_identify id;
	struct proto_resize rs = { 80, 24 };
	struct proto_frame_writer w;
	struct proto_frame hdr = { 24, 80, 3, 10, 1, 2, 0x60 };
	struct proto_cell cell;
	char *env[] = { "HOME=/root", "LANG=C.UTF-8", NULL };
	const char *cmd[] = { "new-window", "-n", "top", "top" };
	const char *title[] = { "bash: ~/src" };
	const char *clip[] = { "c", "aGVsbG8=" };
	const char *sess[] = { "main" };
	const struct proto_line lines[] = { { 0, PROTO_LINE_DOUBLE_WIDTH },
		{ 1, PROTO_LINE_DOUBLE_TOP }, { 2, PROTO_LINE_DOUBLE_BOTTOM } };
	unsigned i;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	memset(&hello, 0, sizeof hello);
	hello.version = PROTO_VERSION;
	strcpy(hello.program, "0.1.0");
	proto_hello_encode(&b, &hello);
	fuzz_proto_seed(argv[1], "hello", &b);

	memset(&id, 0, sizeof id);
	id.cols = 80;
	id.rows = 24;
	id.flags = PROTO_TERM_UTF8 | PROTO_TERM_TRUECOLOR;
	id.colours = 256;
	id.term = "xterm-256color";
	id.cwd = "/root";
	id.tty = "/dev/pts/0";
	id.env = env;
	id.nenv = 2;
	proto_identify_encode(&b, &id);
	fuzz_proto_seed(argv[1], "identify", &b);

	proto_strings_encode(&b, PROTO_COMMAND, cmd, 4);
	fuzz_proto_seed(argv[1], "command", &b);
	proto_strings_encode(&b, PROTO_TITLE, title, 1);
	fuzz_proto_seed(argv[1], "title", &b);
	proto_strings_encode(&b, PROTO_CLIPBOARD, clip, 2);
	fuzz_proto_seed(argv[1], "clipboard", &b);
	proto_strings_encode(&b, PROTO_ATTACHED, sess, 1);
	fuzz_proto_seed(argv[1], "attached", &b);
	proto_resize_encode(&b, &rs);
	fuzz_proto_seed(argv[1], "resize", &b);
	proto_output_encode(&b, 1, "There is no screen to be resumed.\n", 34);
	fuzz_proto_seed(argv[1], "output", &b);
	proto_exit_encode(&b, 0, "[detached from 1.main]");
	fuzz_proto_seed(argv[1], "exit", &b);

	proto_frame_begin(&w, &b, &hdr);
	proto_frame_clear(&w);
	proto_frame_scroll(&w, 0, 22, 1);
	memset(&cell, 0, sizeof cell);
	for (i = 0; i < 6; i++) {
		cell.width = 1;
		cell.len = 1;
		cell.text[0] = "prompt"[i];
		cell.text[1] = '\0';
		cell.style.fg = i < 3 ? 0x01000002 : 0x02ff8000;
		cell.style.attrs = i == 0 ? 1 : 0;
		proto_frame_cell(&w, 23, i, &cell);
	}
	cell.width = 2;
	cell.len = 3;
	memcpy(cell.text, "\xe4\xb8\x80", 4);
	cell.style.underline = 3;
	cell.style.ul = 0x01000009;
	proto_frame_cell(&w, 23, 7, &cell);
	proto_frame_end(&w);
	fuzz_proto_seed(argv[1], "frame", &b);

	proto_lines_encode(&b, 24, lines, 3);
	fuzz_proto_seed(argv[1], "lines", &b);

	/* A client's opening: HELLO, IDENTIFY, INPUT, RESIZE, DETACH. */
	proto_hello_encode(&b, &hello);
	proto_identify_encode(&b, &id);
	proto_msg_begin(&b, PROTO_INPUT);
	proto_put_bytes(&b, "ls\r", 3);
	proto_msg_end(&b);
	proto_resize_encode(&b, &rs);
	proto_msg_begin(&b, PROTO_DETACH);
	proto_msg_end(&b);
	fuzz_proto_seed(argv[1], "stream-client", &b);

	/* A server's answer: HELLO, ATTACHED, FRAME, BELL, unknown, EXIT. */
	proto_hello_encode(&b, &hello);
	proto_strings_encode(&b, PROTO_ATTACHED, sess, 1);
	proto_frame_begin(&w, &b, &hdr);
	proto_frame_clear(&w);
	proto_frame_end(&w);
	proto_msg_begin(&b, PROTO_BELL);
	proto_msg_end(&b);
	proto_msg_begin(&b, 0x02ff);
	proto_put_u32(&b, 7);
	proto_msg_end(&b);
	proto_exit_encode(&b, 0, "");
	fuzz_proto_seed(argv[1], "stream-server", &b);
	return 0;
}
#endif
