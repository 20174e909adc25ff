/*
 * proto.h -- roost's wire format between client and server (libproto.a).
 *
 * Every message is an 8-byte header -- u32 type, u32 payload length, both
 * little-endian -- followed by the payload. Integers in payloads are
 * little-endian; a string is a u32 byte count followed by that many bytes
 * (no NUL on the wire). The message types below are append-only and
 * numbered by range: 0x0001-0x00ff the handshake (frozen forever), 0x0100-
 * 0x01ff client to server, 0x0200-0x02ff server to client. A receiver
 * skips a type it does not know by its length. Every decoder validates
 * every field (lengths, counts, ranges) and returns -1 on anything out of
 * bounds: the socket is an input like any other. doc/protocol.md describes
 * each message byte by byte.
 *
 * libc only: no libevent, no sockets; the caller moves the bytes.
 */
#ifndef ROOST_PROTO_H
#define ROOST_PROTO_H

#include <stddef.h>
#include <stdint.h>

/* Bumped whenever a message that both sides must understand changes. */
#define PROTO_VERSION 1

#define PROTO_HEADER_SIZE 8
/* Largest payload accepted; a larger length is a protocol error. */
#define PROTO_MAX_PAYLOAD (4u * 1024 * 1024)
/* Largest string field accepted. */
#define PROTO_MAX_STRING (64u * 1024)
/* Most strings in a list (argv, environment). */
#define PROTO_MAX_STRINGS 4096
/* Largest display a frame may describe, in cells per side: a larger
   terminal is used in its top-left part. Cells cost memory: at 2000 x
   2000 about 60 MB in the server and 530 MB in the client (two copies of
   the terminal in cells of up to 48 bytes of text, tty.c). */
#define PROTO_MAX_SIDE 2000
/* Most UTF-8 bytes in one frame cell (base character + combining marks). */
#define PROTO_CELL_TEXT_MAX 48

enum proto_type {
	/* Handshake. The layout of PROTO_HELLO never changes. */
	PROTO_HELLO = 0x0001, /* both ways: struct proto_hello */

	/* Client to server. */
	PROTO_IDENTIFY = 0x0100, /* struct proto_identify */
	PROTO_COMMAND = 0x0101,	 /* struct proto_strings: the request */
	PROTO_INPUT = 0x0102,	 /* raw bytes typed at the terminal */
	PROTO_RESIZE = 0x0103,	 /* struct proto_resize */
	PROTO_DETACH = 0x0104,	 /* empty: the client is going away */
	PROTO_UNLOCK = 0x0105,	 /* empty: this display's user passed PAM */
	PROTO_HANGUP = 0x0106,	 /* empty: the client's terminal hung up */

	/* Server to client. */
	PROTO_FRAME = 0x0200,	  /* struct proto_frame + ops */
	PROTO_OUTPUT = 0x0201,	  /* struct proto_output: text for stdout/err */
	PROTO_EXIT = 0x0202,	  /* struct proto_exit */
	PROTO_ATTACHED = 0x0203,  /* struct proto_strings: {session name} */
	PROTO_BELL = 0x0204,	  /* empty: ring the terminal's bell */
	PROTO_TITLE = 0x0205,	  /* struct proto_strings: {title} */
	PROTO_CLIPBOARD = 0x0206, /* struct proto_strings: {selection, b64} */
	PROTO_LOCK = 0x0207,	  /* struct proto_strings: {session, kind} */
	PROTO_UNLOCKED = 0x0208,  /* empty: the lock was lifted elsewhere */
	PROTO_LINES = 0x0209,	  /* struct proto_lines: row line sizes */
};

/* A growable output buffer. Zero-initialise, or proto_buf_init(). */
struct proto_buf {
	uint8_t *data;
	size_t len;
	size_t size;
	size_t msg_start; /* offset of the header of the open message */
};

void proto_buf_init(struct proto_buf *b);
void proto_buf_free(struct proto_buf *b);
/* Drop the first n bytes (those written to the socket). */
void proto_buf_consume(struct proto_buf *b, size_t n);

/*
 * Low-level writers. proto_msg_begin() appends a header for `type` with a
 * placeholder length; the put functions append payload fields;
 * proto_msg_end() fills in the length. Allocation failure aborts (xmalloc
 * policy): the buffer never holds half a message.
 */
void proto_msg_begin(struct proto_buf *b, uint32_t type);
void proto_msg_end(struct proto_buf *b);
void proto_put_u8(struct proto_buf *b, uint8_t v);
void proto_put_u16(struct proto_buf *b, uint16_t v);
void proto_put_u32(struct proto_buf *b, uint32_t v);
void proto_put_bytes(struct proto_buf *b, const void *p, size_t n);
/* n bytes as a string; more than PROTO_MAX_STRING bytes are cut to that. */
void proto_put_string(struct proto_buf *b, const char *s, size_t n);

/*
 * What the message encoders below do with values the decoders would
 * refuse, so that a sender's bug never gets the connection dropped:
 * sizes are clamped to 1 .. PROTO_MAX_SIDE; C strings are cut to
 * PROTO_MAX_STRING bytes (NULL is sent as ""); a list keeps its first
 * PROTO_MAX_STRINGS strings and stops before one that would take the
 * payload past PROTO_MAX_PAYLOAD; environment entries that are not
 * "NAME=value" or are too long are left out. Decoders of messages that
 * carry C strings (char *) refuse strings containing a NUL byte. On
 * failure a decoder returns -1 with *m zeroed and nothing to free.
 */

/*
 * A bounds-checked reader over one payload. The first read past the end,
 * or of a string longer than PROTO_MAX_STRING, sets `error`; later reads
 * return zeroes. Decoders check `error` once at the end.
 */
struct proto_reader {
	const uint8_t *p;
	size_t len;
	size_t off;
	int error;
};

void proto_reader_init(struct proto_reader *r, const void *p, size_t len);
uint8_t proto_get_u8(struct proto_reader *r);
uint16_t proto_get_u16(struct proto_reader *r);
uint32_t proto_get_u32(struct proto_reader *r);
/* Points into the payload: *n bytes at the returned address (NULL and
   error set if the string does not fit). */
const char *proto_get_string(struct proto_reader *r, size_t *n);
/* 1 when the whole payload has been read and nothing failed. */
int proto_reader_done(const struct proto_reader *r);

/*
 * Split a byte stream into messages. Looks at avail bytes at buf: returns
 * 0 when a whole message is not there yet, 1 with *type, *payload and
 * *payload_len set (the message takes PROTO_HEADER_SIZE + *payload_len
 * bytes), or -1 when the header is invalid (length above
 * PROTO_MAX_PAYLOAD): the peer must then be disconnected.
 */
int proto_next_message(const void *buf, size_t avail, uint32_t *type,
    const uint8_t **payload, size_t *payload_len);

/* PROTO_HELLO: u32 protocol version, string program version. */
struct proto_hello {
	uint32_t version;
	char program[64]; /* NUL-terminated, cut to fit */
};
void proto_hello_encode(struct proto_buf *b, const struct proto_hello *m);
/* Bytes after the program string are ignored (later versions may append
   fields); everything else is as strict as elsewhere. */
int proto_hello_decode(const uint8_t *p, size_t len, struct proto_hello *m);

/* Outer terminal capabilities the client reports (proto_identify.flags). */
#define PROTO_TERM_UTF8	     0x01u /* the terminal takes UTF-8 */
#define PROTO_TERM_TRUECOLOR 0x02u /* 24-bit SGR colours */
#define PROTO_TERM_SYNC	     0x04u /* mode 2026 */

/*
 * PROTO_IDENTIFY: u16 cols, u16 rows, u32 flags, u16 colours, string
 * TERM, string cwd, string tty name, u32 count + strings environment
 * ("NAME=value"). Sent once, right after HELLO. cols and rows are 1 ..
 * PROTO_MAX_SIDE; colours is what terminfo says (0 .. 16777216 capped to
 * 65535, 0 for monochrome).
 */
struct proto_identify {
	uint16_t cols, rows;
	uint32_t flags;
	uint16_t colours;
	char *term; /* allocated by decode; proto_identify_free() */
	char *cwd;
	char *tty;
	char **env; /* NULL-terminated */
	size_t nenv;
};
void proto_identify_encode(struct proto_buf *b, const struct proto_identify *m);
int proto_identify_decode(
    const uint8_t *p, size_t len, struct proto_identify *m);
void proto_identify_free(struct proto_identify *m);

/*
 * A list of strings: u32 count, then count strings. PROTO_COMMAND (the
 * request: argv[0] is the verb, see doc/protocol.md), PROTO_ATTACHED,
 * PROTO_TITLE, PROTO_CLIPBOARD, PROTO_LOCK.
 */
struct proto_strings {
	char **argv; /* NULL-terminated; each string NUL-terminated */
	size_t argc;
};
void proto_strings_encode(
    struct proto_buf *b, uint32_t type, const char *const *argv, size_t argc);
int proto_strings_decode(const uint8_t *p, size_t len, struct proto_strings *m);
void proto_strings_free(struct proto_strings *m);

/* PROTO_RESIZE: u16 cols, u16 rows, each 1 .. PROTO_MAX_SIDE. */
struct proto_resize {
	uint16_t cols, rows;
};
void proto_resize_encode(struct proto_buf *b, const struct proto_resize *m);
int proto_resize_decode(const uint8_t *p, size_t len, struct proto_resize *m);

/* PROTO_OUTPUT: u8 stream (1 stdout, 2 stderr), then the rest of the
   payload is the text. The encoder sends a stream other than 2 as 1 and
   splits text longer than one payload into several messages. */
struct proto_output {
	uint8_t stream;
	const char *text; /* points into the payload */
	size_t len;
};
void proto_output_encode(
    struct proto_buf *b, int stream, const char *text, size_t len);
int proto_output_decode(const uint8_t *p, size_t len, struct proto_output *m);

/* PROTO_EXIT: u32 exit status (0..255), string message printed by the
   client after it restored the terminal ("" for none). The encoder sends
   a negative status as 1 and one above 255 as 255; message may be NULL. */
struct proto_exit {
	uint32_t status;
	char *message; /* allocated; free() */
};
void proto_exit_encode(struct proto_buf *b, int status, const char *message);
int proto_exit_decode(const uint8_t *p, size_t len, struct proto_exit *m);

/*
 * PROTO_FRAME: what changed on a client's display since the last frame.
 * Header: u16 rows, u16 cols (the display size it was composed for),
 * u16 cursor_row, u16 cursor_col (0-based, < rows/cols), u8 cursor_visible,
 * u8 cursor_style (DECSCUSR 0..6), u32 modes (VT_MODE_* bits the terminal
 * should mirror), u16 nops. Then nops operations, each starting with a u8:
 *
 *   PROTO_OP_CLEAR   erase the whole display to blanks, default style
 *   PROTO_OP_SCROLL  u16 top, u16 bottom (0-based, inclusive, top <=
 *                    bottom < rows), u16 count: scroll those rows up by
 *                    count, blank rows entering at the bottom
 *   PROTO_OP_CELLS   u16 row, u16 col, u16 n, then n cells, each:
 *                    u8 flags (bit 0: a style follows; otherwise the
 *                    style of the previous cell of this frame, initially
 *                    the default style), [style: u16 attrs, u8 underline,
 *                    u32 fg, u32 bg, u32 ul], u8 width (1 or 2), u8 len,
 *                    len bytes UTF-8 (1..PROTO_CELL_TEXT_MAX). A width-2
 *                    cell covers the next column too; the run's next cell
 *                    starts after it. The run must fit in the row.
 */
#define PROTO_OP_CLEAR	1
#define PROTO_OP_SCROLL 2
#define PROTO_OP_CELLS	3
/*
 * Decoders also refuse: a cursor_visible other than 0/1, a run of 0 cells,
 * cell flag bits other than bit 0, an underline above 5, a colour whose
 * top byte is not 0, 1 or 2 (kind 0 must be exactly 0, kind 1 below 256),
 * a count of 0 or above bottom - top + 1 in SCROLL, cell text that is not
 * well-formed UTF-8 or has C0, DEL or C1 control characters, and trailing
 * bytes after the last operation. attrs and modes bits are not checked:
 * a receiver ignores the bits it does not know.
 */

struct proto_frame {
	uint16_t rows, cols;
	uint16_t cursor_row, cursor_col;
	uint8_t cursor_visible;
	uint8_t cursor_style;
	uint32_t modes;
};

/* A frame cell's style: the same fields as struct vt_style less link. */
struct proto_style {
	uint16_t attrs;
	uint8_t underline;
	uint32_t fg, bg, ul;
};

struct proto_cell {
	uint8_t width;			    /* 1 or 2 */
	uint8_t len;			    /* bytes in text */
	char text[PROTO_CELL_TEXT_MAX + 1]; /* NUL-terminated */
	struct proto_style style;
};

/*
 * Building a frame: begin with the header, add operations, end. Cells
 * given to proto_frame_cell() at consecutive positions of one row join
 * one PROTO_OP_CELLS run; anything else starts a new run. A cell's width
 * says where the next consecutive one starts.
 *
 * The writer never produces a frame the decoder refuses: header sizes are
 * clamped and the cursor moved inside; a scroll with a bad range is
 * dropped and its count cut to the region's height; a cell outside the
 * display, of width other than 1 or 2, or that does not fit in its row is
 * dropped; empty text is sent as " ", text that is not valid UTF-8 or has
 * control characters as U+FFFD; a bad underline or colour as 0 (default).
 * A frame larger than PROTO_MAX_PAYLOAD bytes or 65535 operations is sent
 * as several FRAME messages with the same header, applied in order.
 */
struct proto_frame_writer {
	struct proto_buf *b;
	size_t nops_off; /* where nops is patched in */
	uint16_t nops;
	size_t run_n_off; /* where the open run's n is patched in, or 0 */
	uint16_t run_n;
	uint16_t run_row, run_next_col;
	struct proto_style last; /* style of the previous cell */
};
void proto_frame_begin(struct proto_frame_writer *w, struct proto_buf *b,
    const struct proto_frame *hdr);
void proto_frame_clear(struct proto_frame_writer *w);
void proto_frame_scroll(struct proto_frame_writer *w, unsigned top,
    unsigned bottom, unsigned count);
void proto_frame_cell(struct proto_frame_writer *w, unsigned row, unsigned col,
    const struct proto_cell *cell);
void proto_frame_end(struct proto_frame_writer *w);

/*
 * Decoding a frame: the header into *hdr, then each operation through the
 * callbacks in order (any may be NULL). A callback returning non-zero
 * stops decoding and that value is returned. Returns 0 on success, -1 if
 * anything is malformed or out of range (nothing is guaranteed about how
 * many callbacks already ran: callers apply frames to a scratch copy or
 * accept a partial frame followed by disconnection).
 */
struct proto_frame_ops {
	int (*clear)(void *arg);
	int (*scroll)(void *arg, unsigned top, unsigned bottom, unsigned count);
	int (*cell)(void *arg, unsigned row, unsigned col,
	    const struct proto_cell *cell);
};
int proto_frame_decode(const uint8_t *p, size_t len, struct proto_frame *hdr,
    const struct proto_frame_ops *ops, void *arg);

/*
 * PROTO_LINES: the line size of every row of the display (DEC's DECDWL and
 * DECDHL), as of the FRAME messages sent before it: u16 rows (the display
 * size it was composed for, 1 .. PROTO_MAX_SIDE), u16 n, then n entries
 * of u16 row (0-based, < rows, strictly increasing) and u8 size
 * (PROTO_LINE_*, never PROTO_LINE_SINGLE). Every row not listed is single
 * size; so is every row after a FRAME's PROTO_OP_CLEAR. Sent only when
 * the set changes; a client that does not know the type skips it and
 * shows those rows at single size.
 */
#define PROTO_LINE_SINGLE	 0 /* DECSWL */
#define PROTO_LINE_DOUBLE_WIDTH	 1 /* DECDWL */
#define PROTO_LINE_DOUBLE_TOP	 2 /* DECDHL, top half */
#define PROTO_LINE_DOUBLE_BOTTOM 3 /* DECDHL, bottom half */
struct proto_line {
	uint16_t row;
	uint8_t size;
};
struct proto_lines {
	uint16_t rows;
	size_t n;
	struct proto_line *list; /* allocated by decode; free() */
};
/* The encoder leaves out entries that are single size, out of range or not
   after the previous row, and clamps rows. */
void proto_lines_encode(struct proto_buf *b, unsigned rows,
    const struct proto_line *lines, size_t n);
int proto_lines_decode(const uint8_t *p, size_t len, struct proto_lines *m);

/* A printable name for a message type ("HELLO", ...), or "unknown". */
const char *proto_type_name(uint32_t type);

#endif /* ROOST_PROTO_H */
