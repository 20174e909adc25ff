/*
 * vt-private.h -- the emulator's internal structures, shared by the files
 * of libvt.a and by nothing else (the server and the tests use vt.h).
 *
 * Layers, as in libvterm: the parser (vt-parser.c) turns bytes into
 * printable text and control functions; the state (vt-csi.c, vt-esc.c,
 * vt-string.c, vt-sgr.c, vt-mode.c) interprets them; the screen
 * (vt-screen.c, vt-grid.c, vt-style.c, vt-history.c, vt-reflow.c) holds
 * cells. All state lives in struct vt, never in statics, so that it can be
 * serialised later.
 */
#ifndef ROOST_VT_PRIVATE_H
#define ROOST_VT_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "vt-utf8.h"
#include "vt.h"

#define VT_MAX_DIM    10000 /* rows and columns are clamped to this */
#define VT_MAX_PARAMS 32    /* CSI/DCS parameters kept; more are dropped */
#define VT_MAX_PARAM  65535 /* parameter values are clamped to this */
#define VT_MAX_INTERS 2	    /* intermediate bytes kept */
#define VT_MAX_STRING 65536 /* OSC/DCS bytes kept; longer is discarded */
#define VT_MAX_LINKS  1024  /* OSC 8 URIs remembered at once */
#define VT_MAX_URI    4096  /* bytes of an OSC 8 URI; longer: no link */
#define VT_MAX_STYLES 65535 /* distinct styles on the screens at once */

/*
 * One cell as the grid stores it: 8 bytes, so that writing a run of text
 * is a sequence of 64-bit stores. ch is 0 (erased), a code point,
 * VT_CH_MARK | ... (a character with one accent, below), or VT_CH_CLUSTER |
 * index into vt->clusters (a character with more marks). style indexes
 * vt->styles.
 */
struct vt_gcell {
	uint32_t ch;
	uint16_t style;
	uint8_t width; /* 1, 2 (leading half) or 0 (right half of a wide one) */
	uint8_t flags; /* always 0 for now */
};
#define VT_CH_CLUSTER 0x80000000u
/* A character with one mark of U+0300..U+04FF (the usual accents) needs no
   pool entry: VT_CH_MARK | (mark - 0x300) << 21 | base. */
#define VT_CH_MARK	  0x40000000u
#define VT_CH_MARK_SHIFT  21
#define VT_CH_BASE(ch)	  ((ch)&0x1fffffu)
#define VT_CH_MARK_CP(ch) (0x300u + (((ch) >> VT_CH_MARK_SHIFT) & 0x1ffu))
/* A code point ch (no mark yet) with the mark of U+0300..U+04FF added. */
#define VT_CH_WITH_MARK(ch, mark) \
	((ch) | VT_CH_MARK | ((mark)-0x300u) << VT_CH_MARK_SHIFT)
_Static_assert(sizeof(struct vt_gcell) == 8, "a grid cell is 8 bytes");

/* A line of the visible screen: cols cells. */
struct vt_line {
	uint8_t wrapped; /* soft-wrapped into the next line (autowrap) */
	uint8_t size;	 /* VT_LINE_SINGLE, VT_LINE_DOUBLE_WIDTH, ... */
	uint8_t pad[6];
	uint64_t seq; /* vt->line_seq when last changed (vt_line_touch()) */
	struct vt_gcell cells[];
};

/*
 * One screen (normal or alternate): rows lines of cols cells. A screen
 * not in use yet (the alternate one until a program switches to it) is
 * "unused": all its rows point to one shared erased line, so that readers
 * and the style collector see a blank screen at the cost of a single line;
 * only erasing it to default blanks (RIS) may write there.
 */
struct vt_grid {
	struct vt_line **lines;
	struct vt_line *unused; /* non-NULL: the shared line of every row */
};

/*
 * A history line, stored compactly: the 4-byte header, then nruns style
 * runs (none: every cell has the default style), then (if VT_HLINE_ASCII)
 * ncells bytes, else ncells uint32_t cells followed by the code points of
 * clusters. Trailing erased default cells are not stored. Lines are packed
 * one after another, 4-byte aligned, into the history's blocks. See
 * vt-history.c for the cell values.
 */
#define VT_HLINE_WRAPPED 0x01
#define VT_HLINE_ASCII	 0x02 /* one byte a cell: all code points < 0x80 */
#define VT_HCELL_CONT	 0xffffffffu /* right half of a wide character */
struct vt_hrun {
	struct vt_style style;
	uint16_t start; /* first cell of the run */
	uint16_t pad;
};
struct vt_hline {
	uint16_t ncells : 14; /* at most VT_MAX_DIM */
	uint16_t flags : 2;
	uint16_t nruns;
	struct vt_hrun runs[];
};
_Static_assert(sizeof(struct vt_hline) == 4, "a history line header is 4");
_Static_assert(VT_MAX_DIM < (1 << 14), "ncells holds VT_MAX_DIM");

/*
 * A block of history lines: the lines from the front of data[], one after
 * another; from its back, growing down, the byte offset of each (uint16_t,
 * slot k at index -1 - k from the end). Slot k holds the line of sequence
 * number seq + k; slots below the history's seq are lines already dropped.
 */
struct vt_hblock {
	uint64_t seq;  /* sequence number of the line in slot 0 */
	uint32_t used; /* bytes of data[] holding lines, from the front */
	uint32_t size; /* bytes of data[], a multiple of 4 */
	uint32_t n;    /* slots used */
	uint32_t pad;
	uint32_t data[]; /* uint32_t: aligned for the lines */
};

/* The history: at most limit lines, oldest first, in a ring of blocks.
   Lines are numbered by a sequence that only grows (seq the oldest). */
struct vt_history {
	struct vt_hblock **blocks; /* the ring, oldest block at bhead */
	unsigned bcap;		   /* slots of the ring */
	unsigned bhead;		   /* index of the oldest block */
	unsigned nblocks;	   /* blocks held */
	unsigned n;		   /* lines held */
	unsigned limit;		   /* most lines kept */
	uint64_t dropped;	   /* lines ever removed from the oldest end */
	uint64_t seq;		   /* sequence number of the oldest line */
	struct vt_hblock *spare;   /* an emptied block kept for reuse */
};

/* Interned styles: cells carry a 16-bit index into this table. */
struct vt_styles {
	struct vt_style *v;
	uint32_t n, cap;
	uint32_t *hash; /* open addressing, hashsize slots: 0, or the
			   hash's top 16 bits above id + 1 (vt-style.c) */
	uint32_t hashsize;
	/* Collect when n reaches limit; it doubles (up to VT_MAX_STYLES)
	   when a collection frees less than half. */
	uint32_t limit;
	int nogc; /* a reflow holds ids outside the grids: never collect */
};

/* Characters with combining marks; cells carry VT_CH_CLUSTER | index. */
struct vt_clusters {
	uint32_t (*v)[VT_CELL_CHARS];
	uint32_t n, cap;
};

/* Character sets (SCS), what G0..G3 designate. */
enum vt_charset {
	VT_CHARSET_ASCII = 0,
	VT_CHARSET_DEC_GRAPHICS, /* ESC ( 0 */
	VT_CHARSET_UK,		 /* ESC ( A */
};

/* What DECSC saves (xterm ctlseqs: ESC 7). */
struct vt_saved {
	int valid;
	unsigned x, y;
	int pending;
	struct vt_style pen;
	uint8_t charset[4];
	uint8_t gl, gr;
	int origin;
	int autowrap;
};

enum vt_parser_state {
	VT_STATE_GROUND = 0,
	VT_STATE_ESCAPE,
	VT_STATE_ESCAPE_INTERMEDIATE,
	VT_STATE_CSI_ENTRY,
	VT_STATE_CSI_PARAM,
	VT_STATE_CSI_INTERMEDIATE,
	VT_STATE_CSI_IGNORE,
	VT_STATE_DCS_ENTRY,
	VT_STATE_DCS_PARAM,
	VT_STATE_DCS_INTERMEDIATE,
	VT_STATE_DCS_PASSTHROUGH,
	VT_STATE_DCS_IGNORE,
	VT_STATE_OSC_STRING,
	VT_STATE_SOS_PM_APC_STRING,
	VT_STATE_TITLE_STRING, /* screen's ESC k ... ESC \ */
	VT_STATE_COUNT
};

struct vt_parser {
	uint8_t state;
	uint8_t marker;	 /* private marker < = > ? or 0 */
	uint8_t ninters; /* intermediates seen (may exceed kept) */
	uint8_t inters[VT_MAX_INTERS];
	uint8_t nparams;   /* parameters started, at most VT_MAX_PARAMS */
	uint8_t dcs_final; /* final byte of a DCS introducer */
	uint8_t overflow;  /* too many parameters: some were dropped */
	int32_t params[VT_MAX_PARAMS]; /* -1: omitted */
	uint32_t colon;		       /* bit i: parameter i follows a ':' */
	struct vt_utf8 utf8;
	char *str; /* OSC/DCS/title bytes, NUL-terminated */
	size_t strlen, strcap;
	int strdiscard; /* longer than VT_MAX_STRING: drop it */
	int strbel;	/* an OSC ended by BEL (answer in kind) */
};

struct vt_link {
	uint32_t id; /* 0: slot free */
	char *uri;
};

struct vt {
	struct vt_callbacks cb;
	void *arg;
	int no_altscreen; /* modes 47/1047/1049 are ignored */

	unsigned rows, cols;
	struct vt_grid normal, alt;
	struct vt_grid *grid; /* &normal or &alt */

	/* Cursor and pen. */
	unsigned x, y;
	int pending; /* pending-wrap: the last column was written */
	struct vt_style pen;
	uint16_t pen_id;     /* interned pen */
	uint16_t erase_id;   /* interned erase style (pen's colours only) */
	uint8_t erase_stale; /* erase_id must be recomputed before use */
	uint8_t charset[4];
	uint8_t gl, gr;	  /* GL/GR invocations (0..3) */
	uint8_t ss;	  /* pending single shift: 0, 2 or 3 */
	uint32_t last_ch; /* last graphic character printed (REP) */
	uint32_t last_marks[VT_CELL_CHARS - 1]; /* and its combining marks */
	uint8_t nlast_marks;
	uint8_t sized_lines; /* a DECDWL/DECDHL line may exist: check sizes */
	struct vt_saved saved[2]; /* DECSC, per screen: [0] normal, [1] alt */

	/* Margins, 0-based inclusive. */
	unsigned top, bottom, left, right;

	uint32_t modes;
	unsigned cursor_style;
	uint8_t *tabs; /* cols bytes, 1 at a tab stop */

	char title[VT_TITLE_MAX + 1];

	struct vt_history history;
	struct vt_styles styles;
	struct vt_clusters clusters;
	struct vt_link *links; /* VT_MAX_LINKS slots, from the first link */
	uint32_t next_link;

	struct vt_parser parser;
	uint64_t generation;
	uint64_t line_seq; /* the last number vt_line_touch() gave */

	/* A cache of wcwidth() for the BMP, allocated at the first
	   non-ASCII character (vt-screen.c). Not state: it can always be
	   dropped. 2 bits a code point (0 unknown, else width + 1), filled
	   64 code points at a time; everything below U+0300 from the
	   start. */
	uint8_t *widths;
};

/* vt-alloc.c: allocation that aborts on failure (the emulator has no way
   to report an error from inside vt_feed()). */
void *vt_xmalloc(size_t size);
void *vt_xcalloc(size_t n, size_t size);
void *vt_xrealloc(void *p, size_t n, size_t size);

/* vt-style.c */
int vt_style_init(struct vt *vt);
void vt_style_free(struct vt *vt);
uint16_t vt_style_intern(struct vt *vt, const struct vt_style *style);
void vt_style_pen_changed(struct vt *vt);
uint32_t vt_cluster_add(struct vt *vt, uint32_t ch, uint32_t mark);

/* vt_cluster_add() for the usual second mark (the cell holds a character
   with one inline mark) while the pool has room: the entry written in
   place, no call. Returns the cell's new ch, as vt_cluster_add() does. */
static inline uint32_t
vt_cluster_add_fast(struct vt *vt, uint32_t ch, uint32_t mark)
{
	struct vt_clusters *t = &vt->clusters;
	uint32_t *e;

	if ((ch & (VT_CH_CLUSTER | VT_CH_MARK)) != VT_CH_MARK || t->n >= t->cap)
		return vt_cluster_add(vt, ch, mark);
	e = t->v[t->n];
	e[0] = VT_CH_BASE(ch);
	e[1] = VT_CH_MARK_CP(ch);
	e[2] = mark;
	e[3] = e[4] = e[5] = e[6] = e[7] = 0;
	_Static_assert(VT_CELL_CHARS == 8, "an entry is eight code points");
	return VT_CH_CLUSTER | t->n++;
}
void vt_cluster_get(const struct vt *vt, uint32_t ch, uint32_t *out);
extern const struct vt_style vt_style_default;

/* vt-grid.c */
struct vt_line *vt_line_create(unsigned cols, int fail_ok);
int vt_grid_create(struct vt_grid *g, unsigned rows, unsigned cols);
int vt_grid_create_unused(
    struct vt_grid *g, unsigned rows, unsigned cols, int fail_ok);
void vt_grid_use(struct vt_grid *g, unsigned rows, unsigned cols);
void vt_grid_free(struct vt_grid *g, unsigned rows);
void vt_line_fix_wide(struct vt_line *l, unsigned cols);
void vt_line_clear(
    struct vt_line *l, unsigned from, unsigned to, uint16_t style);

/* vt-history.c */
void vt_history_push(struct vt *vt, struct vt_line *line);
void vt_history_add(struct vt *vt, const struct vt_line *line, unsigned cols);
void vt_history_clear(struct vt_history *h);
void vt_history_trim(struct vt_history *h, unsigned limit);
const struct vt_hline *vt_history_get(const struct vt_history *h, unsigned i);
void vt_history_remove_oldest(struct vt_history *h);
void vt_history_remove_newest(struct vt_history *h);
void vt_hline_decode(
    const struct vt_hline *hl, unsigned col, struct vt_cell *cell);
void vt_hline_to_line(
    struct vt *vt, const struct vt_hline *hl, struct vt_line *l, unsigned cols);

/* vt-screen.c: the operations the control functions use. */
void vt_screen_print(struct vt *vt, uint32_t ch);
void vt_screen_print_run(struct vt *vt, const uint32_t *run, unsigned n);
const uint8_t *vt_screen_print_utf8(
    struct vt *vt, const uint8_t *s, const uint8_t *end);
size_t vt_screen_print_ascii(struct vt *vt, const uint8_t *s, size_t n);
void vt_screen_linefeed(struct vt *vt);
void vt_screen_reverse_index(struct vt *vt);
void vt_screen_carriage_return(struct vt *vt);
void vt_screen_backspace(struct vt *vt);
void vt_screen_tab(struct vt *vt, int n);
void vt_screen_scroll_up(struct vt *vt, unsigned n);
void vt_screen_scroll_down(struct vt *vt, unsigned n);
void vt_screen_erase_cells(
    struct vt *vt, unsigned y, unsigned from, unsigned to, int selective);
void vt_screen_erase_rows(
    struct vt *vt, unsigned from, unsigned to, int selective);
void vt_screen_insert_cells(struct vt *vt, unsigned n);
void vt_screen_delete_cells(struct vt *vt, unsigned n);
void vt_screen_insert_lines(struct vt *vt, unsigned n);
void vt_screen_delete_lines(struct vt *vt, unsigned n);
void vt_screen_insert_columns(struct vt *vt, unsigned n);
void vt_screen_delete_columns(struct vt *vt, unsigned n);
void vt_screen_shift_left(struct vt *vt, unsigned n);
void vt_screen_shift_right(struct vt *vt, unsigned n);
void vt_screen_move(struct vt *vt, int y, int x);
void vt_screen_move_rel(struct vt *vt, int dy, int dx);
void vt_screen_alignment(struct vt *vt);
void vt_screen_line_size(struct vt *vt, unsigned size);
void vt_screen_save_cursor(struct vt *vt);
void vt_screen_restore_cursor(struct vt *vt);
void vt_screen_set_alt(struct vt *vt, int on, int clear);
void vt_screen_soft_reset(struct vt *vt);
void vt_screen_full_reset(struct vt *vt);
void vt_screen_reset_tabs(struct vt *vt);

/* vt-parser.c */
void vt_parser_init(struct vt_parser *p);
void vt_parser_free(struct vt_parser *p);
void vt_parser_feed(struct vt *vt, const uint8_t *buf, size_t len);

/* vt-esc.c and vt-csi.c */
void vt_esc_execute(struct vt *vt, uint32_t c);
void vt_esc_dispatch(struct vt *vt, uint8_t final);
void vt_csi_dispatch(struct vt *vt, uint8_t final);
int vt_csi_table_sorted(void);
int vt_esc_table_sorted(void);
void vt_sgr(struct vt *vt);
const uint8_t *vt_sgr_bytes(
    struct vt *vt, const uint8_t *s, const uint8_t *end);
void vt_mode_set(struct vt *vt, int private, int mode, int on);
int vt_mode_query(const struct vt *vt, int private, int mode);

/* vt-string.c: OSC, DCS, title strings */
void vt_string_osc(struct vt *vt);
void vt_string_dcs(struct vt *vt);
void vt_string_title(struct vt *vt);
void vt_reply(struct vt *vt, const char *buf, size_t len);
void vt_replyf(struct vt *vt, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void vt_set_title(struct vt *vt, const char *s, size_t len);
void vt_links_free(struct vt *vt);

/* Line l (of vt's screens) is about to change: give it a number no line
   of vt had, so that vt_line_seq() readers see it changed. Every write to
   a line's cells, wrapped or size goes through here first. */
static inline struct vt_line *
vt_line_touch(struct vt *vt, struct vt_line *l)
{
	l->seq = ++vt->line_seq;
	return l;
}

/* Every line of both screens changed (a resize, a screen switch). */
void vt_grid_touch_all(struct vt *vt);

/* The interned erase style, computed when first needed after an SGR
   (most SGR changes are never followed by an erase). */
void vt_style_erase_update(struct vt *vt);
static inline uint16_t
vt_erase_id(struct vt *vt)
{
	if (vt->erase_stale)
		vt_style_erase_update(vt);
	return vt->erase_id;
}

/* CSI/DCS parameter i, or def when omitted (a parameter given as 0 is 0).
   Inline: SGR reads many. */
static inline int
vt_param(const struct vt *vt, unsigned i, int def)
{
	const struct vt_parser *p = &vt->parser;

	if (i >= p->nparams || p->params[i] < 0)
		return def;
	return p->params[i];
}

/* Small helpers. */
static inline unsigned
vt_min(unsigned a, unsigned b)
{
	return a < b ? a : b;
}
static inline unsigned
vt_max(unsigned a, unsigned b)
{
	return a > b ? a : b;
}

#endif /* ROOST_VT_PRIVATE_H */
