/*
 * vt.h -- the roost window emulator, a pure library (libvt.a).
 *
 * Bytes a program writes to its pty go in; a grid of cells, a scrollback
 * history, a title, terminal modes and replies (bytes for the program) come
 * out. The emulator knows nothing of sockets, clients, libevent or terminfo
 * and uses libc only, so it can be unit-tested and fuzzed on its own.
 * Behaviour follows xterm's "Control Sequences" (ctlseqs) unless a comment
 * says otherwise.
 *
 * Coordinates are 0-based everywhere in this API: row 0 is the top row of
 * the visible screen, column 0 the leftmost column. History rows are
 * addressed with negative row numbers: -1 is the most recent line that
 * scrolled off the top, -vt_history_size() the oldest.
 *
 * Width is measured in cells: a wide (East Asian) character occupies two
 * cells, the second of which is a continuation cell (width 0).
 */
#ifndef ROOST_VT_H
#define ROOST_VT_H

#include <stddef.h>
#include <stdint.h>

struct vt;

/*
 * Colours are 32-bit values: the top byte says which kind, the low bits
 * carry the value.
 */
#define VT_COLOUR_DEFAULT    0u
#define VT_COLOUR_INDEXED(i) (0x01000000u | ((uint32_t)(i)&0xffu))
#define VT_COLOUR_RGB(r, g, b)                         \
	(0x02000000u | (((uint32_t)(r)&0xffu) << 16) | \
	    (((uint32_t)(g)&0xffu) << 8) | ((uint32_t)(b)&0xffu))
#define VT_COLOUR_KIND(c)  ((c) >> 24) /* 0 default, 1 indexed, 2 rgb */
#define VT_COLOUR_INDEX(c) ((c)&0xffu)

/* Cell attributes (SGR), a bit set. */
#define VT_ATTR_BOLD	  0x0001u /* SGR 1 */
#define VT_ATTR_FAINT	  0x0002u /* SGR 2 */
#define VT_ATTR_ITALIC	  0x0004u /* SGR 3 */
#define VT_ATTR_BLINK	  0x0008u /* SGR 5 (and 6) */
#define VT_ATTR_INVERSE	  0x0010u /* SGR 7 */
#define VT_ATTR_INVISIBLE 0x0020u /* SGR 8 */
#define VT_ATTR_STRIKE	  0x0040u /* SGR 9 */
#define VT_ATTR_OVERLINE  0x0080u /* SGR 53 */
#define VT_ATTR_PROTECTED 0x0100u /* DECSCA */

/* Underline styles (SGR 4, 4:0..4:5, 21). */
enum vt_underline {
	VT_UNDERLINE_NONE = 0,
	VT_UNDERLINE_SINGLE = 1,
	VT_UNDERLINE_DOUBLE = 2,
	VT_UNDERLINE_CURLY = 3,
	VT_UNDERLINE_DOTTED = 4,
	VT_UNDERLINE_DASHED = 5,
};

/* The rendition of a cell: attributes, underline style and colours. */
struct vt_style {
	uint16_t attrs;	   /* VT_ATTR_* */
	uint8_t underline; /* enum vt_underline */
	uint8_t pad;	   /* always 0, so styles compare with memcmp */
	uint32_t fg;	   /* VT_COLOUR_* */
	uint32_t bg;	   /* VT_COLOUR_* */
	uint32_t ul;	   /* underline colour (SGR 58/59), VT_COLOUR_* */
	uint32_t link;	   /* OSC 8 hyperlink id, 0 for none; vt_link_uri() */
};

/*
 * Most code points one cell holds: the base character and up to
 * VT_CELL_CHARS - 1 combining marks, variation selectors or ZWJ
 * sequences. Further marks are dropped.
 */
#define VT_CELL_CHARS 8

/*
 * One cell as the API hands it out (a copy; the grid stores cells more
 * compactly). An erased cell has ch[0] == 0 and shows as a blank with its
 * style's background. Unused ch[] slots are 0, so two cells are equal
 * exactly when memcmp says so.
 */
struct vt_cell {
	uint32_t ch[VT_CELL_CHARS]; /* Unicode code points, 0-terminated */
	uint8_t width;		    /* 1 or 2: leading cell; 0: right half
				       of a wide character */
	uint8_t pad[3];		    /* always 0 */
	struct vt_style style;
};

/* Terminal modes a display may need to mirror (vt_modes()). */
#define VT_MODE_CURSOR_KEYS	0x00000001u /* DECCKM (?1) */
#define VT_MODE_KEYPAD		0x00000002u /* DECKPAM / DECNKM (?66) */
#define VT_MODE_INSERT		0x00000004u /* IRM (4) */
#define VT_MODE_NEWLINE		0x00000008u /* LNM (20) */
#define VT_MODE_ORIGIN		0x00000010u /* DECOM (?6) */
#define VT_MODE_AUTOWRAP	0x00000020u /* DECAWM (?7) */
#define VT_MODE_CURSOR_VISIBLE	0x00000040u /* DECTCEM (?25) */
#define VT_MODE_REVERSE		0x00000080u /* DECSCNM (?5) */
#define VT_MODE_ALTSCREEN	0x00000100u /* ?47 / ?1047 / ?1049 */
#define VT_MODE_MOUSE_X10	0x00000200u /* ?9 */
#define VT_MODE_MOUSE_NORMAL	0x00000400u /* ?1000 */
#define VT_MODE_MOUSE_BUTTON	0x00000800u /* ?1002 */
#define VT_MODE_MOUSE_ANY	0x00001000u /* ?1003 */
#define VT_MODE_MOUSE_UTF8	0x00002000u /* ?1005 */
#define VT_MODE_MOUSE_SGR	0x00004000u /* ?1006 */
#define VT_MODE_MOUSE_URXVT	0x00008000u /* ?1015 */
#define VT_MODE_FOCUS		0x00010000u /* ?1004 */
#define VT_MODE_BRACKETED_PASTE 0x00020000u /* ?2004 */
#define VT_MODE_SYNC		0x00040000u /* ?2026 synchronized output */
#define VT_MODE_CURSOR_BLINK	0x00080000u /* ?12 (and DECSCUSR) */
#define VT_MODE_REVERSE_WRAP	0x00100000u /* ?45 */
#define VT_MODE_LRMM		0x00200000u /* DECLRMM (?69) */
#define VT_MODE_NCSM		0x00400000u /* DECNCSM (?95): DECCOLM keeps the screen */

/*
 * Callbacks from the emulator to its owner. Any may be NULL. They are
 * called from inside vt_feed(); they must not call back into the same vt.
 */
struct vt_callbacks {
	/* Bytes to write back to the program: DA1/DA2, DSR/CPR, DECRQM,
	   DECRQSS, XTVERSION, OSC 10/11 replies. buf is len bytes, not
	   NUL-terminated, valid for the call only. */
	void (*reply)(void *arg, const char *buf, size_t len);
	/* The title changed: OSC 0/2, screen's ESC k ... ESC \. UTF-8,
	   NUL-terminated, at most VT_TITLE_MAX bytes. */
	void (*title)(void *arg, const char *title);
	/* BEL outside a string sequence. */
	void (*bell)(void *arg);
	/* OSC 52: selection is the Pc parameter ("c", "p", "s", ... or ""),
	   data the base64 text as received (or "?" for a query). Both
	   NUL-terminated. What to do with it is the display layer's policy. */
	void (*clipboard)(void *arg, const char *selection, const char *data);
};

#define VT_TITLE_MAX	   256	 /* bytes of title kept; longer ones are cut */
#define VT_HISTORY_DEFAULT 10000 /* lines; screen(1): defscrollback */

/*
 * Create an emulator with a screen of rows x cols cells (each at least 1;
 * larger values are clamped to 10000) and a scrollback history of at most
 * history_limit lines. cb (copied) and arg are passed to every callback.
 * Returns NULL with errno set on allocation failure. Free with vt_free().
 */
struct vt *vt_create(unsigned rows, unsigned cols, unsigned history_limit,
    const struct vt_callbacks *cb, void *arg);
void vt_free(struct vt *vt);

/*
 * Feed len bytes of program output (UTF-8 and control sequences). Never
 * fails: malformed input is dropped or shown as U+FFFD. Callbacks run
 * before it returns.
 */
void vt_feed(struct vt *vt, const void *buf, size_t len);

/*
 * Feed len bytes of ISO 8859-1 program output (screen(1): encoding): every
 * byte is the code point of its value, so 0x80..0x9f are the 8-bit C1
 * controls (0x9b is CSI, 0x8e SS2, ...) and 0xa0..0xff Latin-1 characters.
 * Otherwise as vt_feed().
 */
void vt_feed_latin1(struct vt *vt, const void *buf, size_t len);

/*
 * Resize the screen to rows x cols cells (clamped as in vt_create()).
 * Width changes reflow soft-wrapped lines, history included; the cursor
 * stays on the same character. Shrinking the height pushes lines into the
 * history, growing it pulls them back. Returns 0, or -1 with errno ENOMEM
 * (the emulator is then unchanged).
 */
int vt_resize(struct vt *vt, unsigned rows, unsigned cols);

/* Change the history limit (lines); excess old lines are dropped.
   screen(1): scrollback. */
void vt_set_history_limit(struct vt *vt, unsigned lines);

/* Whether programs may switch to the alternate screen (modes 47, 1047,
   1049); when not, those modes are ignored. screen(1): altscreen. */
void vt_set_altscreen(struct vt *vt, int allowed);

/* RIS: full reset, as ESC c. History is kept. */
void vt_reset(struct vt *vt);

unsigned vt_rows(const struct vt *vt);
unsigned vt_cols(const struct vt *vt);
/* Lines currently held in the history (0 on the alternate screen's
   owner too: the history belongs to the normal screen). */
unsigned vt_history_size(const struct vt *vt);

/*
 * Lines ever removed from the oldest end of the history (evicted at the
 * limit, trimmed, cleared), since vt_create(). A viewer that numbers lines
 * from the oldest one adds this to keep its numbers steady while output
 * scrolls: absolute line a is history row a - dropped - history_size.
 */
uint64_t vt_history_dropped(const struct vt *vt);

/*
 * Copy row `row` into cells[0 .. ncells-1]: 0 <= row < vt_rows() for the
 * visible screen, -vt_history_size() <= row <= -1 for history. Columns
 * beyond the line's stored length come back erased with the default style.
 * Returns the number of cells written (min(ncells, vt_cols())), or -1 with
 * errno EINVAL when row is out of range.
 */
int vt_get_line(
    const struct vt *vt, int row, struct vt_cell *cells, unsigned ncells);

/* One cell; 0, or -1 with errno EINVAL when out of range. */
int vt_get_cell(
    const struct vt *vt, int row, unsigned col, struct vt_cell *cell);

/* 1 if row (addressed as in vt_get_line()) was soft-wrapped into the next
   one (autowrap, not a line feed), 0 if not or out of range. */
int vt_line_wrapped(const struct vt *vt, int row);

/* The cursor, 0-based, on the visible screen. col may equal vt_cols() - 1
   with the pending-wrap state set; vt_cursor_pending_wrap() tells. */
void vt_cursor(const struct vt *vt, unsigned *row, unsigned *col);
int vt_cursor_pending_wrap(const struct vt *vt);

/* DECSCUSR shape, Ps 0..6 (0 = the terminal's default). */
unsigned vt_cursor_style(const struct vt *vt);

/* VT_MODE_* bits currently set. */
uint32_t vt_modes(const struct vt *vt);

/* The current title ("" if none), NUL-terminated, owned by the vt. */
const char *vt_title(const struct vt *vt);

/* The URI of an OSC 8 hyperlink id from a cell's style, or NULL. Owned by
   the vt; valid until the next vt_feed(). */
const char *vt_link_uri(const struct vt *vt, uint32_t link);

/*
 * A counter that changes whenever anything vt_get_line(), vt_cursor(),
 * vt_modes() or vt_title() return may have changed. Renderers compare it
 * with the value they last saw to skip work.
 */
uint64_t vt_generation(const struct vt *vt);

/*
 * A number for what visible row `row` (0-based, 0 <= row < vt_rows())
 * holds: it changes whenever what vt_get_line(), vt_line_wrapped() or
 * vt_line_size() give for the row may have changed (the line was written,
 * or another line scrolled into the row), and the same number never
 * stands for other contents of the same vt. Renderers keep it with what
 * they drew of a row to redraw only rows that changed (DESIGN.md
 * decision 3). History rows and rows out of range give 0.
 */
uint64_t vt_line_seq(const struct vt *vt, int row);

/*
 * Encode a cell's code points as UTF-8 into buf (size bytes, NUL
 * terminated). An erased cell gives " ". Returns the length without the
 * NUL; the output is cut at a character boundary if buf is too small.
 */
size_t vt_cell_utf8(const struct vt_cell *cell, char *buf, size_t size);

/*
 * Added with the emulator: the DEC line size of visible row `row` (ESC # 3,
 * 4, 5, 6: DECDHL top/bottom half, DECSWL, DECDWL). On a double-size line
 * each cell is shown two columns wide and only the first vt_cols() / 2
 * cells are used. History rows and rows out of range give VT_LINE_SINGLE.
 */
#define VT_LINE_SINGLE	      0 /* DECSWL */
#define VT_LINE_DOUBLE_WIDTH  1 /* DECDWL */
#define VT_LINE_DOUBLE_TOP    2 /* DECDHL, top half */
#define VT_LINE_DOUBLE_BOTTOM 3 /* DECDHL, bottom half */
unsigned vt_line_size(const struct vt *vt, int row);

#endif /* ROOST_VT_H */
