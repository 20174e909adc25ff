/*
 * keys.c -- turns the bytes a display sends into keys: UTF-8 characters,
 * control characters, and the cursor and editing keys that xterm-like
 * terminals send as escape sequences (CSI A, SS3 A, CSI 5 ~ ...). Used
 * for the command character's next key, prompts and modes; ordinary
 * typing goes to the window byte for byte and never comes here.
 */
#include <stdio.h>
#include <string.h>

#include "roost.h"

/* Final bytes of CSI/SS3 cursor keys: xterm ctlseqs "PC-Style Function
   Keys". */
static int
keys_final(uint8_t c)
{
	switch (c) {
	case 'A':
		return KEY_UP;
	case 'B':
		return KEY_DOWN;
	case 'C':
		return KEY_RIGHT;
	case 'D':
		return KEY_LEFT;
	case 'H':
		return KEY_HOME;
	case 'F':
		return KEY_END;
	case 'P':
		return KEY_F1;
	}
	return KEY_UNKNOWN;
}

/* A mouse report's button code: the wheel, or any other report. */
static int
keys_mouse(unsigned button)
{
	if ((button & ~0x1cu) == 64) /* shift, meta, control ignored */
		return KEY_WHEEL_UP;
	if ((button & ~0x1cu) == 65)
		return KEY_WHEEL_DOWN;
	return KEY_MOUSE;
}

/* CSI Ps ~ keys. */
static int
keys_tilde(unsigned n)
{
	switch (n) {
	case 1:
	case 7:
		return KEY_HOME;
	case 2:
		return KEY_INSERT;
	case 3:
		return KEY_DELETE;
	case 4:
	case 8:
		return KEY_END;
	case 5:
		return KEY_PPAGE;
	case 6:
		return KEY_NPAGE;
	}
	return KEY_UNKNOWN;
}

/*
 * Read one key from len bytes at p. Returns the bytes it used (at least
 * 1 when len > 0), or 0 if the bytes are the start of a sequence that is
 * not complete yet (the caller keeps them for the next read; a lone ESC
 * at the end of input is taken as the ESC key). Malformed UTF-8 gives
 * U+FFFD.
 */
size_t
keys_next(const uint8_t *p, size_t len, int *key)
{
	size_t i, need;
	unsigned n;
	uint32_t cp;

	if (len == 0)
		return 0;
	if (p[0] == 0x1b) {
		if (len == 1) {
			*key = 0x1b;
			return 1;
		}
		if (p[1] == 'O') {
			if (len < 3)
				return 0;
			*key = keys_final(p[2]);
			return 3;
		}
		if (p[1] == '[' && len >= 3 && p[2] == 'M') {
			/* X10 mouse report: CSI M Cb Cx Cy (xterm ctlseqs). */
			if (len < 6)
				return 0;
			*key = keys_mouse((unsigned)p[3] - 32);
			return 6;
		}
		if (p[1] == '[' && len >= 3 && p[2] == '<') {
			/* SGR mouse report: CSI < Pb ; Px ; Py M/m. */
			n = 0;
			for (i = 3; i < len; i++) {
				if (p[i] >= '0' && p[i] <= '9' && n < 10000)
					n = n * 10 + (p[i] - '0');
				else if (p[i] == ';')
					break;
				else if (p[i] < '0' || p[i] > '9') {
					*key = KEY_UNKNOWN;
					return i;
				}
			}
			for (; i < len; i++) {
				if (p[i] == 'M' || p[i] == 'm') {
					*key = p[i] == 'M' ? keys_mouse(n)
							   : KEY_MOUSE;
					return i + 1;
				}
				if (!((p[i] >= '0' && p[i] <= '9') ||
					p[i] == ';')) {
					*key = KEY_UNKNOWN;
					return i;
				}
			}
			return len < 32 ? 0 : (*key = KEY_UNKNOWN, len);
		}
		if (p[1] == '[') {
			n = 0;
			for (i = 2; i < len; i++) {
				if (p[i] >= '0' && p[i] <= '9') {
					if (n < 10000)
						n = n * 10 + (p[i] - '0');
				} else if (p[i] == ';')
					continue; /* modifiers are ignored */
				else if (p[i] >= 0x40 && p[i] <= 0x7e) {
					*key = p[i] == '~' ? keys_tilde(n)
							   : keys_final(p[i]);
					return i + 1;
				} else if (p[i] < 0x20 || p[i] > 0x7e) {
					*key = KEY_UNKNOWN;
					return i;
				}
			}
			return len < 16 ? 0 : (*key = KEY_UNKNOWN, len);
		}
		*key = 0x1b;
		return 1;
	}
	if (p[0] < 0x80) {
		*key = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		need = 2;
		cp = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		need = 3;
		cp = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		need = 4;
		cp = p[0] & 0x07;
	} else {
		*key = 0xfffd;
		return 1;
	}
	for (i = 1; i < need; i++) {
		if (i >= len)
			return 0;
		if ((p[i] & 0xc0) != 0x80) {
			*key = 0xfffd;
			return i;
		}
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
	    (need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000))
		cp = 0xfffd;
	*key = (int)cp;
	return need;
}

/* A key's name as bind and help show it ("^A", "a", "up"). */
const char *
keys_name(int key, char *buf, size_t len)
{
	static const char *const names[] = { "up", "down", "left", "right",
		"home", "end", "pgup", "pgdn", "insert", "delete", "F1" };

	if (key >= KEY_SPECIAL && key <= KEY_F1)
		snprintf(buf, len, "%s", names[key - KEY_SPECIAL]);
	else if (key == 0x7f)
		snprintf(buf, len, "^?");
	else if (key < 0x20)
		snprintf(buf, len, "^%c", key + 0x40);
	else if (key == ' ')
		snprintf(buf, len, "space");
	else if (key < 0x80)
		snprintf(buf, len, "%c", key);
	else
		snprintf(buf, len, "U+%04X", (unsigned)key);
	return buf;
}
