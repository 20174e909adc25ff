/*
 * fuzz-vt.c -- libFuzzer target for the emulator (src/vt): parser, state,
 * grid, history and reflow. The input is program output; how it is cut
 * into vt_feed() calls, and where resizes, history-limit changes and
 * resets happen, comes from a small generator seeded by a hash of the
 * input, so every input byte stays terminal data (the dictionary's
 * sequences are not broken up). After each step everything a display
 * can read back is read, and the API's promises are checked: a violation
 * aborts like a crash; among them vt_line_seq()'s (vt-seq-check.h). It
 * must not depend on anything but src/vt/vt.h.
 */
#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vt-seq-check.h"
#include "vt/vt.h"

int LLVMFuzzerInitialize(int *, char ***);
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Widths come from wcwidth(), which needs a UTF-8 locale, as in roost. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setlocale(LC_CTYPE, "C.UTF-8");
	return 0;
}

/* Callbacks: check what the emulator hands out and touch every byte. */
static volatile unsigned fuzz_vt_sink;

static void
fuzz_vt_cb_reply(void *arg, const char *buf, size_t len)
{
	size_t i;

	(void)arg;
	for (i = 0; i < len; i++)
		fuzz_vt_sink += (unsigned char)buf[i];
}

static void
fuzz_vt_cb_title(void *arg, const char *title)
{
	(void)arg;
	if (strlen(title) > VT_TITLE_MAX)
		abort();
}

static void
fuzz_vt_cb_bell(void *arg)
{
	(void)arg;
	fuzz_vt_sink++;
}

static void
fuzz_vt_cb_clipboard(void *arg, const char *sel, const char *data)
{
	(void)arg;
	fuzz_vt_sink += strlen(sel) + strlen(data);
}

static const struct vt_callbacks fuzz_vt_callbacks = {
	.reply = fuzz_vt_cb_reply,
	.title = fuzz_vt_cb_title,
	.bell = fuzz_vt_cb_bell,
	.clipboard = fuzz_vt_cb_clipboard,
};

/* xorshift32: the step generator. */
static uint32_t
fuzz_vt_next(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Read back one row and check the cell invariants of vt.h. */
static void
fuzz_vt_check_row(
    struct vt *vt, int row, struct vt_cell *cells, unsigned ncells)
{
	unsigned cols = vt_cols(vt), i, k;
	char buf[64];
	int n;

	n = vt_get_line(vt, row, cells, ncells);
	if (n != (int)(ncells < cols ? ncells : cols))
		abort();
	for (i = 0; i < (unsigned)n; i++) {
		if (cells[i].width > 2)
			abort();
		/* A right half follows a wide character, and a wide
		   character is never cut by the right edge. */
		if (cells[i].width == 0 && (i == 0 || cells[i - 1].width != 2))
			abort();
		if (cells[i].width == 2 && i + 1 == cols)
			abort();
		if (cells[i].pad[0] || cells[i].pad[1] || cells[i].pad[2] ||
		    cells[i].style.pad != 0)
			abort();
		for (k = 1; k < VT_CELL_CHARS; k++)
			if (cells[i].ch[k] != 0 && cells[i].ch[k - 1] == 0)
				abort();
		if (vt_cell_utf8(&cells[i], buf, sizeof buf) >= sizeof buf)
			abort();
		if (cells[i].style.link != 0)
			(void)vt_link_uri(vt, cells[i].style.link);
	}
	(void)vt_line_wrapped(vt, row);
}

/* The rows at the last check (vt_line_seq()'s promise). */
static struct vt_seq_snap fuzz_vt_snap;

static void
fuzz_vt_check(struct vt *vt, unsigned limit)
{
	static struct vt_cell cells[512];
	unsigned rows = vt_rows(vt), cols = vt_cols(vt), r, c, hist;
	struct vt_cell cell;
	int row;

	vt_cursor(vt, &r, &c);
	if (r >= rows || c >= cols)
		abort();
	hist = vt_history_size(vt);
	if (hist > limit)
		abort();
	for (row = -(int)hist; row < (int)rows; row++)
		fuzz_vt_check_row(vt, row, cells, cols < 512 ? cols : 512);
	if (vt_get_line(vt, (int)rows, cells, 1) != -1 ||
	    vt_get_line(vt, -(int)hist - 1, cells, 1) != -1)
		abort();
	if (vt_get_cell(vt, 0, cols, &cell) != -1)
		abort();
	if (strlen(vt_title(vt)) > VT_TITLE_MAX)
		abort();
	if (vt_seq_snap_check(&fuzz_vt_snap, vt) != -1)
		abort(); /* a row changed under the same vt_line_seq() */
	fuzz_vt_sink += vt_modes(vt) + vt_cursor_style(vt) +
	    (unsigned)vt_generation(vt) + vt_cursor_pending_wrap(vt);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vt *vt;
	uint32_t seed = 2166136261u, op;
	unsigned limit;
	size_t i, off, len;

	for (i = 0; i < size && i < 64; i++)
		seed = (seed ^ data[i]) * 16777619u;
	if (seed == 0)
		seed = 1;
	limit = fuzz_vt_next(&seed) % 200;
	vt = vt_create(1 + fuzz_vt_next(&seed) % 30,
	    1 + fuzz_vt_next(&seed) % 100, limit, &fuzz_vt_callbacks, NULL);
	if (vt == NULL)
		return 0;
	for (off = 0; off < size; off += len) {
		op = fuzz_vt_next(&seed);
		len = 1 + op % 512;
		if (len > size - off)
			len = size - off;
		vt_feed(vt, data + off, len);
		switch ((op >> 16) % 16) {
		case 0:
			if (vt_resize(vt, 1 + fuzz_vt_next(&seed) % 40,
				1 + fuzz_vt_next(&seed) % 120) != 0)
				abort();
			break;
		case 1:
			limit = fuzz_vt_next(&seed) % 200;
			vt_set_history_limit(vt, limit);
			break;
		case 2:
			if ((op >> 24) == 0)
				vt_reset(vt);
			break;
		default:
			break;
		}
		fuzz_vt_check(vt, limit);
	}
	fuzz_vt_check(vt, limit);
	vt_free(vt);
	vt_seq_snap_free(&fuzz_vt_snap); /* the next input's vt is another */
	return 0;
}
