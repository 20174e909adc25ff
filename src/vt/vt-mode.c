/*
 * vt-mode.c -- terminal modes: SM/RM (ANSI: IRM 4, LNM 20) and
 * DECSET/DECRST (DEC private), their side effects (alternate screen,
 * origin homing, margins), and DECRQM's view of them. Modes a display
 * must mirror are the VT_MODE_* bits of vt.h. xterm ctlseqs: CSI ? Pm h.
 */
#include "vt-private.h"

struct vt_mode_entry {
	uint16_t mode;
	uint32_t bit;
	uint32_t group; /* bits cleared when this one is set */
};

#define VT_MOUSE_TRACKING                                                  \
	(VT_MODE_MOUSE_X10 | VT_MODE_MOUSE_NORMAL | VT_MODE_MOUSE_BUTTON | \
	    VT_MODE_MOUSE_ANY)
#define VT_MOUSE_ENCODING \
	(VT_MODE_MOUSE_UTF8 | VT_MODE_MOUSE_SGR | VT_MODE_MOUSE_URXVT)

/* DEC private modes that are plain bits. */
static const struct vt_mode_entry vt_mode_private[] = {
	{ 1, VT_MODE_CURSOR_KEYS, 0 },		     /* DECCKM */
	{ 5, VT_MODE_REVERSE, 0 },		     /* DECSCNM */
	{ 6, VT_MODE_ORIGIN, 0 },		     /* DECOM */
	{ 7, VT_MODE_AUTOWRAP, 0 },		     /* DECAWM */
	{ 9, VT_MODE_MOUSE_X10, VT_MOUSE_TRACKING }, /* X10 mouse */
	{ 12, VT_MODE_CURSOR_BLINK, 0 },	     /* att610 blink */
	{ 25, VT_MODE_CURSOR_VISIBLE, 0 },	     /* DECTCEM */
	{ 45, VT_MODE_REVERSE_WRAP, 0 },	     /* reverse wraparound */
	{ 66, VT_MODE_KEYPAD, 0 },		     /* DECNKM */
	{ 69, VT_MODE_LRMM, 0 },		     /* DECLRMM */
	{ 95, VT_MODE_NCSM, 0 },		     /* DECNCSM */
	{ 1000, VT_MODE_MOUSE_NORMAL, VT_MOUSE_TRACKING },
	{ 1002, VT_MODE_MOUSE_BUTTON, VT_MOUSE_TRACKING },
	{ 1003, VT_MODE_MOUSE_ANY, VT_MOUSE_TRACKING },
	{ 1004, VT_MODE_FOCUS, 0 },
	{ 1005, VT_MODE_MOUSE_UTF8, VT_MOUSE_ENCODING },
	{ 1006, VT_MODE_MOUSE_SGR, VT_MOUSE_ENCODING },
	{ 1015, VT_MODE_MOUSE_URXVT, VT_MOUSE_ENCODING },
	{ 2004, VT_MODE_BRACKETED_PASTE, 0 },
	{ 2026, VT_MODE_SYNC, 0 },
};

static const struct vt_mode_entry *
vt_mode_find(int mode)
{
	size_t i;

	for (i = 0; i < sizeof vt_mode_private / sizeof vt_mode_private[0];
	     i++) {
		if (vt_mode_private[i].mode == mode)
			return &vt_mode_private[i];
	}
	return NULL;
}

/* Set (on) or reset one mode. */
void
vt_mode_set(struct vt *vt, int private, int mode, int on)
{
	const struct vt_mode_entry *e;

	if (!private) {
		if (mode == 4) /* IRM */
			vt->modes = on ? vt->modes | VT_MODE_INSERT
				       : vt->modes & ~VT_MODE_INSERT;
		else if (mode == 20) /* LNM */
			vt->modes = on ? vt->modes | VT_MODE_NEWLINE
				       : vt->modes & ~VT_MODE_NEWLINE;
		return;
	}
	if ((mode == 47 || mode == 1047 || mode == 1049) && vt->no_altscreen)
		return; /* screen(1): altscreen off */
	switch (mode) {
	case 3:
		/*
		 * DECCOLM: as on DEC terminals, setting or resetting it
		 * erases the screen, resets the margins and homes the
		 * cursor (VT510 manual, DECCOLM). The width a window has is
		 * its region's, so it stays as it is (xterm does the same
		 * when 80/132 switching, mode 40, is not allowed -- but it
		 * then skips the erase as well, leaving vttest's pages
		 * half drawn; screen(1) erases).
		 */
		vt->top = vt->left = 0;
		vt->bottom = vt->rows - 1;
		vt->right = vt->cols - 1;
		if (!(vt->modes & VT_MODE_NCSM)) /* DECNCSM: no erase */
			vt_screen_erase_rows(vt, 0, vt->rows - 1, 0);
		vt_screen_move(vt, 0, 0);
		return;
	case 47: /* alternate screen */
		vt_screen_set_alt(vt, on, 0);
		return;
	case 1047: /* alternate screen, cleared on leaving */
		vt_screen_set_alt(vt, on, on ? 0 : -1);
		return;
	case 1048: /* DECSC / DECRC */
		if (on)
			vt_screen_save_cursor(vt);
		else
			vt_screen_restore_cursor(vt);
		return;
	case 1049: /* DECSC + cleared alternate screen */
		if (on) {
			if (vt->grid == &vt->alt)
				return;
			vt_screen_save_cursor(vt);
			vt_screen_set_alt(vt, 1, 1);
		} else {
			if (vt->grid != &vt->alt)
				return;
			vt_screen_set_alt(vt, 0, 0);
			vt_screen_restore_cursor(vt);
		}
		return;
	}
	e = vt_mode_find(mode);
	if (e == NULL)
		return;
	if (on)
		vt->modes = (vt->modes & ~e->group) | e->bit;
	else
		vt->modes &= ~e->bit;
	switch (mode) {
	case 6: /* DECOM homes the cursor */
		vt_screen_move(
		    vt, on ? (int)vt->top : 0, on ? (int)vt->left : 0);
		break;
	case 7:
		if (!on)
			vt->pending = 0;
		break;
	case 69: /* DECLRMM off: margins back to the full width */
		if (!on) {
			vt->left = 0;
			vt->right = vt->cols - 1;
		}
		break;
	}
}

/* DECRQM's Pm: 1 set, 2 reset, 0 not recognised. */
int
vt_mode_query(const struct vt *vt, int private, int mode)
{
	const struct vt_mode_entry *e;
	uint32_t bit;

	if (!private) {
		if (mode == 4)
			bit = VT_MODE_INSERT;
		else if (mode == 20)
			bit = VT_MODE_NEWLINE;
		else
			return 0;
	} else if (mode == 47 || mode == 1047 || mode == 1049)
		bit = VT_MODE_ALTSCREEN;
	else if ((e = vt_mode_find(mode)) != NULL)
		bit = e->bit;
	else
		return 0;
	return (vt->modes & bit) ? 1 : 2;
}
