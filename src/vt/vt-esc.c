/*
 * vt-esc.c -- C0 controls and ESC sequences (ESC with optional
 * intermediates and a final byte). The ESC functions sit in one table
 * sorted by (intermediate, final), searched with bsearch(); each entry
 * names its mnemonic. Behaviour: xterm ctlseqs, "Single-character
 * functions" and "Controls beginning with ESC".
 */
#include <stdlib.h>

#include "vt-private.h"

/* C0 controls (xterm ctlseqs: "Single-character functions"). */
void
vt_esc_execute(struct vt *vt, uint32_t c)
{
	switch (c) {
	case 0x07: /* BEL */
		if (vt->cb.bell != NULL)
			vt->cb.bell(vt->arg);
		break;
	case 0x08: /* BS */
		vt_screen_backspace(vt);
		break;
	case 0x09: /* HT */
		vt_screen_tab(vt, 1);
		break;
	case 0x0a: /* LF */
	case 0x0b: /* VT */
	case 0x0c: /* FF */
		vt_screen_linefeed(vt);
		if (vt->modes & VT_MODE_NEWLINE)
			vt_screen_carriage_return(vt);
		break;
	case 0x0d: /* CR */
		vt_screen_carriage_return(vt);
		break;
	case 0x0e: /* SO: LS1, G1 into GL */
		vt->gl = 1;
		break;
	case 0x0f: /* SI: LS0, G0 into GL */
		vt->gl = 0;
		break;
	}
}

struct vt_esc_entry {
	uint16_t key; /* intermediate << 8 | final */
	void (*fn)(struct vt *, uint8_t inter, uint8_t final);
};

/* ESC 7: DECSC */
static void
vt_esc_decsc(struct vt *vt, uint8_t i, uint8_t f)
{
	(void)i, (void)f;
	vt_screen_save_cursor(vt);
}

/* ESC 8: DECRC */
static void
vt_esc_decrc(struct vt *vt, uint8_t i, uint8_t f)
{
	(void)i, (void)f;
	vt_screen_restore_cursor(vt);
}

/* ESC = DECKPAM, ESC > DECKPNM */
static void
vt_esc_keypad(struct vt *vt, uint8_t i, uint8_t f)
{
	(void)i;
	if (f == '=')
		vt->modes |= VT_MODE_KEYPAD;
	else
		vt->modes &= ~VT_MODE_KEYPAD;
}

/* ESC D: IND */
static void
vt_esc_ind(struct vt *vt, uint8_t i, uint8_t f)
{
	(void)i, (void)f;
	vt_screen_linefeed(vt);
}

/* ESC E: NEL */
static void
vt_esc_nel(struct vt *vt, uint8_t i, uint8_t f)
{
	(void)i, (void)f;
	vt_screen_linefeed(vt);
	vt_screen_carriage_return(vt);
}

/* ESC H: HTS */
static void
vt_esc_hts(struct vt *vt, uint8_t i, uint8_t f)
{
	(void)i, (void)f;
	vt->tabs[vt->x] = 1;
}

/* ESC M: RI */
static void
vt_esc_ri(struct vt *vt, uint8_t i, uint8_t f)
{
	(void)i, (void)f;
	vt_screen_reverse_index(vt);
}

/* ESC N: SS2, ESC O: SS3 */
static void
vt_esc_ss(struct vt *vt, uint8_t i, uint8_t f)
{
	(void)i;
	vt->ss = f == 'N' ? 2 : 3;
}

/* ESC Z: DECID, the same as DA1 */
static void
vt_esc_decid(struct vt *vt, uint8_t i, uint8_t f)
{
	(void)i, (void)f;
	vt_reply(vt, "\033[?1;2c", 7);
}

/* ESC c: RIS */
static void
vt_esc_ris(struct vt *vt, uint8_t i, uint8_t f)
{
	(void)i, (void)f;
	vt_screen_full_reset(vt);
}

/* ESC n LS2, ESC o LS3 (into GL); ESC ~ LS1R, ESC } LS2R, ESC | LS3R */
static void
vt_esc_ls(struct vt *vt, uint8_t i, uint8_t f)
{
	(void)i;
	switch (f) {
	case 'n':
		vt->gl = 2;
		break;
	case 'o':
		vt->gl = 3;
		break;
	case '~':
		vt->gr = 1;
		break;
	case '}':
		vt->gr = 2;
		break;
	case '|':
		vt->gr = 3;
		break;
	}
}

/* ESC 6: DECBI, ESC 9: DECFI (back/forward index, VT420): move the
   cursor, or scroll the columns of the margins at the edge. */
static void
vt_esc_decbi_decfi(struct vt *vt, uint8_t i, uint8_t f)
{
	(void)i;
	vt->pending = 0;
	if (f == '6') {
		if (vt->x == vt->left) {
			if (vt->y >= vt->top && vt->y <= vt->bottom)
				vt_screen_shift_right(vt, 1);
		} else if (vt->x > 0)
			vt->x--;
	} else {
		if (vt->x == vt->right) {
			if (vt->y >= vt->top && vt->y <= vt->bottom)
				vt_screen_shift_left(vt, 1);
		} else if (vt->x < vt->cols - 1)
			vt->x++;
	}
}

/* ESC # 3: DECDHL top, ESC # 4: DECDHL bottom, ESC # 5: DECSWL,
   ESC # 6: DECDWL */
static void
vt_esc_line_size(struct vt *vt, uint8_t i, uint8_t f)
{
	(void)i;
	switch (f) {
	case '3':
		vt_screen_line_size(vt, VT_LINE_DOUBLE_TOP);
		break;
	case '4':
		vt_screen_line_size(vt, VT_LINE_DOUBLE_BOTTOM);
		break;
	case '5':
		vt_screen_line_size(vt, VT_LINE_SINGLE);
		break;
	case '6':
		vt_screen_line_size(vt, VT_LINE_DOUBLE_WIDTH);
		break;
	}
}

/* ESC # 8: DECALN */
static void
vt_esc_decaln(struct vt *vt, uint8_t i, uint8_t f)
{
	(void)i, (void)f;
	vt_screen_alignment(vt);
	vt->modes &= ~VT_MODE_ORIGIN;
}

/* ESC ( ) * + C (94-character sets) and ESC - . / C (96-character sets):
   SCS, designate G0..G3. Only DEC Special Graphics (0) and UK (A) differ
   from ASCII here; unknown sets mean ASCII. */
static void
vt_esc_scs(struct vt *vt, uint8_t i, uint8_t f)
{
	unsigned g;
	uint8_t set = VT_CHARSET_ASCII;

	switch (i) {
	case '(':
		g = 0;
		break;
	case ')':
	case '-':
		g = 1;
		break;
	case '*':
	case '.':
		g = 2;
		break;
	default:
		g = 3;
		break;
	}
	if (f == '0' && i >= '(' && i <= '+')
		set = VT_CHARSET_DEC_GRAPHICS;
	else if (f == 'A' && i >= '(' && i <= '+')
		set = VT_CHARSET_UK;
	vt->charset[g] = set;
}

/* ESC \: ST, nothing to do on its own. Also ESC % @ / ESC % G (select
   character coding): roost is always UTF-8. */
static void
vt_esc_nop(struct vt *vt, uint8_t i, uint8_t f)
{
	(void)vt, (void)i, (void)f;
}

#define VT_ESC(i, f) ((uint16_t)((i) << 8 | (f)))
#define VT_SCS(i)                                                           \
	{ VT_ESC(i, '0'), vt_esc_scs }, { VT_ESC(i, '<'), vt_esc_scs },     \
	    { VT_ESC(i, '>'), vt_esc_scs }, { VT_ESC(i, 'A'), vt_esc_scs }, \
	{                                                                   \
		VT_ESC(i, 'B'), vt_esc_scs                                  \
	}

/* Sorted by key (intermediate, then final). */
static const struct vt_esc_entry vt_esc_table[] = {
	{ VT_ESC(0, '6'), vt_esc_decbi_decfi }, /* DECBI */
	{ VT_ESC(0, '7'), vt_esc_decsc },	/* DECSC */
	{ VT_ESC(0, '8'), vt_esc_decrc },	/* DECRC */
	{ VT_ESC(0, '9'), vt_esc_decbi_decfi }, /* DECFI */
	{ VT_ESC(0, '='), vt_esc_keypad },	/* DECKPAM */
	{ VT_ESC(0, '>'), vt_esc_keypad },	/* DECKPNM */
	{ VT_ESC(0, 'D'), vt_esc_ind },		/* IND */
	{ VT_ESC(0, 'E'), vt_esc_nel },		/* NEL */
	{ VT_ESC(0, 'H'), vt_esc_hts },		/* HTS */
	{ VT_ESC(0, 'M'), vt_esc_ri },		/* RI */
	{ VT_ESC(0, 'N'), vt_esc_ss },		/* SS2 */
	{ VT_ESC(0, 'O'), vt_esc_ss },		/* SS3 */
	{ VT_ESC(0, 'Z'), vt_esc_decid },	/* DECID */
	{ VT_ESC(0, '\\'), vt_esc_nop },	/* ST */
	{ VT_ESC(0, 'c'), vt_esc_ris },		/* RIS */
	{ VT_ESC(0, 'n'), vt_esc_ls },		/* LS2 */
	{ VT_ESC(0, 'o'), vt_esc_ls },		/* LS3 */
	{ VT_ESC(0, '|'), vt_esc_ls },		/* LS3R */
	{ VT_ESC(0, '}'), vt_esc_ls },		/* LS2R */
	{ VT_ESC(0, '~'), vt_esc_ls },		/* LS1R */
	{ VT_ESC('#', '3'), vt_esc_line_size }, /* DECDHL top */
	{ VT_ESC('#', '4'), vt_esc_line_size }, /* DECDHL bottom */
	{ VT_ESC('#', '5'), vt_esc_line_size }, /* DECSWL */
	{ VT_ESC('#', '6'), vt_esc_line_size }, /* DECDWL */
	{ VT_ESC('#', '8'), vt_esc_decaln },	/* DECALN */
	{ VT_ESC('%', '@'), vt_esc_nop },	/* select ISO 2022 */
	{ VT_ESC('%', 'G'), vt_esc_nop },	/* select UTF-8 */
	VT_SCS('('),				/* SCS G0 */
	VT_SCS(')'),				/* SCS G1 */
	VT_SCS('*'),				/* SCS G2 */
	VT_SCS('+'),				/* SCS G3 */
	VT_SCS('-'),				/* SCS G1, 96 */
	VT_SCS('.'),				/* SCS G2, 96 */
	VT_SCS('/'),				/* SCS G3, 96 */
};

static int
vt_esc_cmp(const void *key, const void *entry)
{
	uint16_t k = *(const uint16_t *)key;
	const struct vt_esc_entry *e = entry;

	return (int)k - (int)e->key;
}

void
vt_esc_dispatch(struct vt *vt, uint8_t final)
{
	const struct vt_parser *p = &vt->parser;
	const struct vt_esc_entry *e;
	uint16_t key;

	if (p->ninters > 1)
		return;
	key = VT_ESC(p->ninters ? p->inters[0] : 0, final);
	e = bsearch(&key, vt_esc_table,
	    sizeof vt_esc_table / sizeof vt_esc_table[0],
	    sizeof vt_esc_table[0], vt_esc_cmp);
	if (e != NULL)
		e->fn(vt, p->ninters ? p->inters[0] : 0, final);
	else if (p->ninters == 1 && p->inters[0] >= '(' &&
	    p->inters[0] <= '/' && p->inters[0] != ',')
		vt_esc_scs(vt, p->inters[0], final); /* other sets: ASCII */
}

/* 1 if the table is sorted, as bsearch() needs (vt_create() asserts it). */
int
vt_esc_table_sorted(void)
{
	size_t i;

	for (i = 1; i < sizeof vt_esc_table / sizeof vt_esc_table[0]; i++) {
		if (vt_esc_table[i - 1].key >= vt_esc_table[i].key)
			return 0;
	}
	return 1;
}
