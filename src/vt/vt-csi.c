/*
 * vt-csi.c -- control sequences introduced by CSI: one table sorted by
 * (private marker, intermediate, final byte), searched by halving (SGR,
 * by far the most frequent, is tried first), one function per control
 * function, each named and commented with its mnemonic. Also the replies
 * DA1/DA2/DSR/CPR/DECRQM/XTVERSION. SGR lives in vt-sgr.c, the modes in
 * vt-mode.c. Behaviour: xterm ctlseqs, "Functions using CSI"; this file
 * does not touch cells itself, it calls vt-screen.c.
 */
#include <stdlib.h>
#include <string.h>

#include "vt-private.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

/* A count parameter: omitted or 0 means 1. */
static unsigned
vt_csi_count(const struct vt *vt, unsigned i)
{
	int v = vt_param(vt, i, 1);

	return v == 0 ? 1 : (unsigned)v;
}

/* A 1-based coordinate parameter as 0-based, omitted or 0 meaning 1. */
static int
vt_csi_coord(const struct vt *vt, unsigned i)
{
	return (int)vt_csi_count(vt, i) - 1;
}

/* Cursor to an absolute row (0-based), honouring origin mode (DECOM). */
static void
vt_csi_goto_row(struct vt *vt, int y)
{
	if (vt->modes & VT_MODE_ORIGIN) {
		y += (int)vt->top;
		if (y > (int)vt->bottom)
			y = (int)vt->bottom;
	}
	vt_screen_move(vt, y, (int)vt->x);
}

/* Cursor to an absolute column (0-based), honouring DECOM with DECLRMM. */
static void
vt_csi_goto_col(struct vt *vt, int x)
{
	if (vt->modes & VT_MODE_ORIGIN) {
		x += (int)vt->left;
		if (x > (int)vt->right)
			x = (int)vt->right;
	}
	vt_screen_move(vt, (int)vt->y, x);
}

/* CSI Ps A: CUU */
static void
vt_csi_cuu(struct vt *vt)
{
	vt_screen_move_rel(vt, -(int)vt_csi_count(vt, 0), 0);
}

/* CSI Ps B: CUD */
static void
vt_csi_cud(struct vt *vt)
{
	vt_screen_move_rel(vt, (int)vt_csi_count(vt, 0), 0);
}

/* CSI Ps C: CUF */
static void
vt_csi_cuf(struct vt *vt)
{
	vt_screen_move_rel(vt, 0, (int)vt_csi_count(vt, 0));
}

/* CSI Ps D: CUB */
static void
vt_csi_cub(struct vt *vt)
{
	vt_screen_move_rel(vt, 0, -(int)vt_csi_count(vt, 0));
}

/* CSI Ps E: CNL */
static void
vt_csi_cnl(struct vt *vt)
{
	vt_screen_move_rel(vt, (int)vt_csi_count(vt, 0), 0);
	vt_screen_carriage_return(vt);
}

/* CSI Ps F: CPL */
static void
vt_csi_cpl(struct vt *vt)
{
	vt_screen_move_rel(vt, -(int)vt_csi_count(vt, 0), 0);
	vt_screen_carriage_return(vt);
}

/* CSI Ps G: CHA, CSI Ps `: HPA */
static void
vt_csi_cha(struct vt *vt)
{
	vt_csi_goto_col(vt, vt_csi_coord(vt, 0));
}

/* CSI Ps a: HPR */
static void
vt_csi_hpr(struct vt *vt)
{
	vt_screen_move(vt, (int)vt->y, (int)vt->x + (int)vt_csi_count(vt, 0));
}

/* CSI Ps j: HPB (ECMA-48: character position backward) */
static void
vt_csi_hpb(struct vt *vt)
{
	vt_screen_move(vt, (int)vt->y, (int)vt->x - (int)vt_csi_count(vt, 0));
}

/* CSI Ps k: VPB (ECMA-48: line position backward) */
static void
vt_csi_vpb(struct vt *vt)
{
	vt_screen_move(vt, (int)vt->y - (int)vt_csi_count(vt, 0), (int)vt->x);
}

/* CSI Ps d: VPA */
static void
vt_csi_vpa(struct vt *vt)
{
	vt_csi_goto_row(vt, vt_csi_coord(vt, 0));
}

/* CSI Ps e: VPR */
static void
vt_csi_vpr(struct vt *vt)
{
	vt_screen_move(vt, (int)vt->y + (int)vt_csi_count(vt, 0), (int)vt->x);
}

/* CSI Ps ; Ps H: CUP, CSI Ps ; Ps f: HVP */
static void
vt_csi_cup(struct vt *vt)
{
	vt_csi_goto_row(vt, vt_csi_coord(vt, 0));
	vt_csi_goto_col(vt, vt_csi_coord(vt, 1));
}

/* CSI Ps I: CHT */
static void
vt_csi_cht(struct vt *vt)
{
	vt_screen_tab(vt, (int)vt_csi_count(vt, 0));
}

/* CSI Ps Z: CBT */
static void
vt_csi_cbt(struct vt *vt)
{
	vt_screen_tab(vt, -(int)vt_csi_count(vt, 0));
}

/* CSI Ps J: ED, CSI ? Ps J: DECSED */
static void
vt_csi_ed(struct vt *vt)
{
	int sel = vt->parser.marker == '?';

	vt->pending = 0;
	switch (vt_param(vt, 0, 0)) {
	case 0:
		vt_screen_erase_cells(vt, vt->y, vt->x, vt->cols, sel);
		if (vt->y + 1 < vt->rows)
			vt_screen_erase_rows(vt, vt->y + 1, vt->rows - 1, sel);
		break;
	case 1:
		if (vt->y > 0)
			vt_screen_erase_rows(vt, 0, vt->y - 1, sel);
		vt_screen_erase_cells(vt, vt->y, 0, vt->x + 1, sel);
		break;
	case 2:
		vt_screen_erase_rows(vt, 0, vt->rows - 1, sel);
		break;
	case 3: /* xterm: erase saved lines */
		if (!sel)
			vt_history_clear(&vt->history);
		break;
	}
}

/* CSI Ps K: EL, CSI ? Ps K: DECSEL */
static void
vt_csi_el(struct vt *vt)
{
	int sel = vt->parser.marker == '?';

	vt->pending = 0;
	switch (vt_param(vt, 0, 0)) {
	case 0:
		vt_screen_erase_cells(vt, vt->y, vt->x, vt->cols, sel);
		break;
	case 1:
		vt_screen_erase_cells(vt, vt->y, 0, vt->x + 1, sel);
		break;
	case 2:
		vt_screen_erase_cells(vt, vt->y, 0, vt->cols, sel);
		break;
	}
}

/* CSI Ps @: ICH */
static void
vt_csi_ich(struct vt *vt)
{
	vt_screen_insert_cells(vt, vt_csi_count(vt, 0));
}

/* CSI Ps P: DCH */
static void
vt_csi_dch(struct vt *vt)
{
	vt_screen_delete_cells(vt, vt_csi_count(vt, 0));
}

/* CSI Ps X: ECH */
static void
vt_csi_ech(struct vt *vt)
{
	unsigned n = vt_csi_count(vt, 0);

	vt->pending = 0;
	vt_screen_erase_cells(
	    vt, vt->y, vt->x, vt->x + vt_min(n, vt->cols - vt->x), 0);
}

/* CSI Ps L: IL */
static void
vt_csi_il(struct vt *vt)
{
	vt_screen_insert_lines(vt, vt_csi_count(vt, 0));
}

/* CSI Ps M: DL */
static void
vt_csi_dl(struct vt *vt)
{
	vt_screen_delete_lines(vt, vt_csi_count(vt, 0));
}

/* CSI Ps S: SU */
static void
vt_csi_su(struct vt *vt)
{
	vt_screen_scroll_up(vt, vt_csi_count(vt, 0));
}

/* CSI Ps T: SD (with more parameters: xterm's mouse highlight, ignored) */
static void
vt_csi_sd(struct vt *vt)
{
	if (vt->parser.nparams > 1)
		return;
	vt_screen_scroll_down(vt, vt_csi_count(vt, 0));
}

/* CSI Ps SP @: SL */
static void
vt_csi_sl(struct vt *vt)
{
	vt_screen_shift_left(vt, vt_csi_count(vt, 0));
}

/* CSI Ps SP A: SR */
static void
vt_csi_sr(struct vt *vt)
{
	vt_screen_shift_right(vt, vt_csi_count(vt, 0));
}

/* CSI Ps ' }: DECIC */
static void
vt_csi_decic(struct vt *vt)
{
	vt_screen_insert_columns(vt, vt_csi_count(vt, 0));
}

/* CSI Ps ' ~: DECDC */
static void
vt_csi_decdc(struct vt *vt)
{
	vt_screen_delete_columns(vt, vt_csi_count(vt, 0));
}

/* CSI Ps b: REP, bounded by the screen size (no use repeating more). */
static void
vt_csi_rep(struct vt *vt)
{
	unsigned n = vt_csi_count(vt, 0), max = vt->rows * vt->cols;
	uint32_t ch = vt->last_ch, marks[VT_CELL_CHARS - 1];
	unsigned i, nmarks = vt->nlast_marks;

	if (ch == 0)
		return;
	if (n > max)
		n = max;
	memcpy(marks, vt->last_marks, sizeof marks);
	while (n-- > 0) {
		vt_screen_print(vt, ch);
		for (i = 0; i < nmarks; i++)
			vt_screen_print(vt, marks[i]);
	}
}

/* CSI Ps c: DA1 (VT100 with advanced video option, as screen and tmux) */
static void
vt_csi_da1(struct vt *vt)
{
	if (vt_param(vt, 0, 0) == 0)
		vt_reply(vt, "\033[?1;2c", 7);
}

/* CSI > Ps c: DA2 */
static void
vt_csi_da2(struct vt *vt)
{
	if (vt_param(vt, 0, 0) == 0)
		vt_reply(vt, "\033[>1;10;0c", 10);
}

/* CSI Ps g: TBC */
static void
vt_csi_tbc(struct vt *vt)
{
	unsigned x;

	switch (vt_param(vt, 0, 0)) {
	case 0:
		vt->tabs[vt->x] = 0;
		break;
	case 3:
		for (x = 0; x < vt->cols; x++)
			vt->tabs[x] = 0;
		break;
	}
}

/* CSI Pm h: SM, CSI Pm l: RM, CSI ? Pm h: DECSET, CSI ? Pm l: DECRST */
static void
vt_csi_sm_rm(struct vt *vt, int on)
{
	unsigned i;
	int private = vt->parser.marker == '?';

	for (i = 0; i < vt->parser.nparams; i++) {
		if (vt->parser.params[i] >= 0)
			vt_mode_set(vt, private, vt->parser.params[i], on);
	}
}

static void
vt_csi_sm(struct vt *vt)
{
	vt_csi_sm_rm(vt, 1);
}

static void
vt_csi_rm(struct vt *vt)
{
	vt_csi_sm_rm(vt, 0);
}

/* CSI Ps $ p: DECRQM (ANSI), CSI ? Ps $ p: DECRQM (DEC private) */
static void
vt_csi_decrqm(struct vt *vt)
{
	int private = vt->parser.marker == '?', mode = vt_param(vt, 0, 0);

	vt_replyf(vt, "\033[%s%d;%d$y", private ? "?" : "", mode,
	    vt_mode_query(vt, private, mode));
}

/* CSI Ps n: DSR, CSI ? Ps n: DECDSR */
static void
vt_csi_dsr(struct vt *vt)
{
	unsigned y = vt->y, x = vt->x;

	if (vt->modes & VT_MODE_ORIGIN) {
		y -= vt->top;
		x -= vt_min(x, vt->left);
	}
	switch (vt_param(vt, 0, 0)) {
	case 5: /* operating status: OK */
		if (vt->parser.marker == 0)
			vt_reply(vt, "\033[0n", 4);
		break;
	case 6: /* CPR */
		vt_replyf(vt, "\033[%s%u;%uR",
		    vt->parser.marker == '?' ? "?" : "", y + 1, x + 1);
		break;
	}
}

/* CSI ! p: DECSTR */
static void
vt_csi_decstr(struct vt *vt)
{
	vt_screen_soft_reset(vt);
}

/* CSI Ps SP q: DECSCUSR */
static void
vt_csi_decscusr(struct vt *vt)
{
	int ps = vt_param(vt, 0, 0);

	if (ps > 6)
		return;
	vt->cursor_style = (unsigned)ps;
	if (ps == 0 || ps % 2 == 1)
		vt->modes |= VT_MODE_CURSOR_BLINK;
	else
		vt->modes &= ~VT_MODE_CURSOR_BLINK;
}

/* CSI Ps " q: DECSCA */
static void
vt_csi_decsca(struct vt *vt)
{
	if (vt_param(vt, 0, 0) == 1)
		vt->pen.attrs |= VT_ATTR_PROTECTED;
	else
		vt->pen.attrs &= ~VT_ATTR_PROTECTED;
	vt_style_pen_changed(vt);
}

/* CSI > Ps q: XTVERSION */
static void
vt_csi_xtversion(struct vt *vt)
{
	if (vt_param(vt, 0, 0) == 0)
		vt_replyf(vt, "\033P>|roost(%s)\033\\", PACKAGE_VERSION);
}

/* CSI Ps ; Ps r: DECSTBM */
static void
vt_csi_decstbm(struct vt *vt)
{
	int top = vt_csi_coord(vt, 0), bottom = vt_param(vt, 1, 0);

	if (bottom == 0 || bottom > (int)vt->rows)
		bottom = (int)vt->rows;
	bottom--;
	if (top >= bottom)
		return;
	vt->top = (unsigned)top;
	vt->bottom = (unsigned)bottom;
	vt_screen_move(vt, (vt->modes & VT_MODE_ORIGIN) ? top : 0,
	    (vt->modes & VT_MODE_ORIGIN) ? (int)vt->left : 0);
}

/* CSI Ps ; Ps s: DECSLRM with DECLRMM set, else SCOSC */
static void
vt_csi_decslrm(struct vt *vt)
{
	int left = vt_csi_coord(vt, 0), right = vt_param(vt, 1, 0);

	if (!(vt->modes & VT_MODE_LRMM)) {
		vt_screen_save_cursor(vt); /* SCOSC */
		return;
	}
	if (right == 0 || right > (int)vt->cols)
		right = (int)vt->cols;
	right--;
	if (left >= right)
		return;
	vt->left = (unsigned)left;
	vt->right = (unsigned)right;
	vt_screen_move(vt, (vt->modes & VT_MODE_ORIGIN) ? (int)vt->top : 0,
	    (vt->modes & VT_MODE_ORIGIN) ? left : 0);
}

/* CSI u: SCORC */
static void
vt_csi_scorc(struct vt *vt)
{
	vt_screen_restore_cursor(vt);
}

/* Sequences recognised and deliberately ignored: XTWINOPS (CSI t),
   DA3 (CSI = c), XTMODKEYS (CSI > m), DECSCL (CSI " p). */
static void
vt_csi_ignore(struct vt *vt)
{
	(void)vt;
}

struct vt_csi_entry {
	uint32_t key; /* marker << 16 | intermediate << 8 | final */
	void (*fn)(struct vt *);
};

#define VT_CSI(m, i, f) ((uint32_t)(m) << 16 | (uint32_t)(i) << 8 | (f))

/* Sorted by key: marker, then intermediate, then final byte. */
static const struct vt_csi_entry vt_csi_table[] = {
	{ VT_CSI(0, 0, '@'), vt_csi_ich },	   /* ICH */
	{ VT_CSI(0, 0, 'A'), vt_csi_cuu },	   /* CUU */
	{ VT_CSI(0, 0, 'B'), vt_csi_cud },	   /* CUD */
	{ VT_CSI(0, 0, 'C'), vt_csi_cuf },	   /* CUF */
	{ VT_CSI(0, 0, 'D'), vt_csi_cub },	   /* CUB */
	{ VT_CSI(0, 0, 'E'), vt_csi_cnl },	   /* CNL */
	{ VT_CSI(0, 0, 'F'), vt_csi_cpl },	   /* CPL */
	{ VT_CSI(0, 0, 'G'), vt_csi_cha },	   /* CHA */
	{ VT_CSI(0, 0, 'H'), vt_csi_cup },	   /* CUP */
	{ VT_CSI(0, 0, 'I'), vt_csi_cht },	   /* CHT */
	{ VT_CSI(0, 0, 'J'), vt_csi_ed },	   /* ED */
	{ VT_CSI(0, 0, 'K'), vt_csi_el },	   /* EL */
	{ VT_CSI(0, 0, 'L'), vt_csi_il },	   /* IL */
	{ VT_CSI(0, 0, 'M'), vt_csi_dl },	   /* DL */
	{ VT_CSI(0, 0, 'P'), vt_csi_dch },	   /* DCH */
	{ VT_CSI(0, 0, 'S'), vt_csi_su },	   /* SU */
	{ VT_CSI(0, 0, 'T'), vt_csi_sd },	   /* SD */
	{ VT_CSI(0, 0, 'X'), vt_csi_ech },	   /* ECH */
	{ VT_CSI(0, 0, 'Z'), vt_csi_cbt },	   /* CBT */
	{ VT_CSI(0, 0, '`'), vt_csi_cha },	   /* HPA */
	{ VT_CSI(0, 0, 'a'), vt_csi_hpr },	   /* HPR */
	{ VT_CSI(0, 0, 'b'), vt_csi_rep },	   /* REP */
	{ VT_CSI(0, 0, 'c'), vt_csi_da1 },	   /* DA1 */
	{ VT_CSI(0, 0, 'd'), vt_csi_vpa },	   /* VPA */
	{ VT_CSI(0, 0, 'e'), vt_csi_vpr },	   /* VPR */
	{ VT_CSI(0, 0, 'f'), vt_csi_cup },	   /* HVP */
	{ VT_CSI(0, 0, 'g'), vt_csi_tbc },	   /* TBC */
	{ VT_CSI(0, 0, 'h'), vt_csi_sm },	   /* SM */
	{ VT_CSI(0, 0, 'j'), vt_csi_hpb },	   /* HPB */
	{ VT_CSI(0, 0, 'k'), vt_csi_vpb },	   /* VPB */
	{ VT_CSI(0, 0, 'l'), vt_csi_rm },	   /* RM */
	{ VT_CSI(0, 0, 'm'), vt_sgr },		   /* SGR */
	{ VT_CSI(0, 0, 'n'), vt_csi_dsr },	   /* DSR */
	{ VT_CSI(0, 0, 'r'), vt_csi_decstbm },	   /* DECSTBM */
	{ VT_CSI(0, 0, 's'), vt_csi_decslrm },	   /* DECSLRM, SCOSC */
	{ VT_CSI(0, 0, 't'), vt_csi_ignore },	   /* XTWINOPS */
	{ VT_CSI(0, 0, 'u'), vt_csi_scorc },	   /* SCORC */
	{ VT_CSI(0, ' ', '@'), vt_csi_sl },	   /* SL */
	{ VT_CSI(0, ' ', 'A'), vt_csi_sr },	   /* SR */
	{ VT_CSI(0, ' ', 'q'), vt_csi_decscusr },  /* DECSCUSR */
	{ VT_CSI(0, '!', 'p'), vt_csi_decstr },	   /* DECSTR */
	{ VT_CSI(0, '"', 'p'), vt_csi_ignore },	   /* DECSCL */
	{ VT_CSI(0, '"', 'q'), vt_csi_decsca },	   /* DECSCA */
	{ VT_CSI(0, '$', 'p'), vt_csi_decrqm },	   /* DECRQM */
	{ VT_CSI(0, '\'', '}'), vt_csi_decic },	   /* DECIC */
	{ VT_CSI(0, '\'', '~'), vt_csi_decdc },	   /* DECDC */
	{ VT_CSI('=', 0, 'c'), vt_csi_ignore },	   /* DA3 */
	{ VT_CSI('>', 0, 'c'), vt_csi_da2 },	   /* DA2 */
	{ VT_CSI('>', 0, 'm'), vt_csi_ignore },	   /* XTMODKEYS */
	{ VT_CSI('>', 0, 'q'), vt_csi_xtversion }, /* XTVERSION */
	{ VT_CSI('?', 0, 'J'), vt_csi_ed },	   /* DECSED */
	{ VT_CSI('?', 0, 'K'), vt_csi_el },	   /* DECSEL */
	{ VT_CSI('?', 0, 'h'), vt_csi_sm },	   /* DECSET */
	{ VT_CSI('?', 0, 'l'), vt_csi_rm },	   /* DECRST */
	{ VT_CSI('?', 0, 'n'), vt_csi_dsr },	   /* DECDSR */
	{ VT_CSI('?', '$', 'p'), vt_csi_decrqm },  /* DECRQM */
};

void
vt_csi_dispatch(struct vt *vt, uint8_t final)
{
	const struct vt_parser *p = &vt->parser;
	size_t lo = 0, hi = sizeof vt_csi_table / sizeof vt_csi_table[0], mid;
	uint32_t key;

	if (final == 'm' && p->marker == 0 && p->ninters == 0) {
		vt_sgr(vt); /* by far the most frequent */
		return;
	}
	if (p->ninters > 1)
		return;
	key = VT_CSI(p->marker, p->ninters ? p->inters[0] : 0, final);
	while (lo < hi) { /* binary search, inline: no callback per step */
		mid = (lo + hi) / 2;
		if (vt_csi_table[mid].key == key) {
			vt_csi_table[mid].fn(vt);
			return;
		}
		if (vt_csi_table[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
}

/* 1 if the table is sorted, as the binary search needs (vt_create()
   asserts it). */
int
vt_csi_table_sorted(void)
{
	size_t i;

	for (i = 1; i < sizeof vt_csi_table / sizeof vt_csi_table[0]; i++) {
		if (vt_csi_table[i - 1].key >= vt_csi_table[i].key)
			return 0;
	}
	return 1;
}
