/*
 * fuzz-format.c -- libFuzzer target over the caption/hardstatus expander
 * (src/format.c).
 *
 * The first two bytes of an input choose the line width (0..300), the rest
 * is the format string (NUL-terminated copy; an embedded NUL ends it, as
 * it would in an rc file). The context is fixed: a few windows with ASCII,
 * wide, combining and control characters in their titles. The target runs
 * format_expand() into a buffer of exactly `width` cells (so ASan sees any
 * write past it), checks the cells are well formed (every cell written,
 * ch[] zero-padded, pad bytes zero, wide characters whole) and aborts if
 * not, then runs format_expand_text() with and without the width and
 * format_time_granularity(). The same string also serves as the
 * "rendition" of flagged windows in %w lists, so the %{...} parser sees raw
 * input too. LeakSanitizer catches leaks.
 *
 * Seeds (tests/fuzz/seeds-format/) are plain files: two width bytes and a
 * format string.
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

#define FUZZ_FORMAT_CHECK(cond)                                               \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "fuzz-format: %s:%d: %s\n", __FILE__, \
			    __LINE__, #cond);                                 \
			abort();                                              \
		}                                                             \
	} while (0)

static const struct format_window fuzz_format_windows[] = {
	{ 0, "bash", NULL, FORMAT_WIN_LAST | FORMAT_WIN_LOGIN },
	{ 1, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e vim", "edit\xcc\x81",
	    FORMAT_WIN_CURRENT },
	{ 2, "top\x1b]0;x\x07", "", FORMAT_WIN_BELL | FORMAT_WIN_LOGGING },
	{ 3, "", NULL, FORMAT_WIN_ACTIVITY | FORMAT_WIN_SILENCE },
	{ 17, "a-title-that-is-longer-than-twenty-cells", "hs %n %{r}",
	    FORMAT_WIN_ZOMBIE | FORMAT_WIN_SHARED },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	struct format_ctx ctx;
	struct vt_cell *out;
	unsigned width, i, j;
	char *fmt, *text;

	if (!init) {
		setlocale(LC_CTYPE, "C.UTF-8");
		setenv("TZ", "UTC", 1);
		init = 1;
	}
	if (size < 2)
		return 0;
	width = (unsigned)(data[0] | (data[1] << 8)) % 301;
	fmt = malloc(size - 1);
	FUZZ_FORMAT_CHECK(fmt != NULL);
	memcpy(fmt, data + 2, size - 2);
	fmt[size - 2] = '\0';

	memset(&ctx, 0, sizeof ctx);
	ctx.session = "fuzz";
	ctx.host = "host";
	ctx.now = 1709629624;
	ctx.windows = fuzz_format_windows;
	ctx.nwindows =
	    sizeof fuzz_format_windows / sizeof fuzz_format_windows[0];
	ctx.current = data[0] & 1 ? 1 : (data[1] & 1 ? -1 : 4);
	ctx.focused = data[0] >> 7;
	ctx.escape_pressed = (data[0] >> 6) & 1;
	ctx.base.fg = VT_COLOUR_INDEXED(3);
	/* The input doubles as a rendition spec for flagged windows. */
	if (data[1] & 2)
		ctx.rend_bell = fmt;
	if (data[1] & 4)
		ctx.rend_activity = fmt;

	out = width != 0 ? malloc(width * sizeof *out) : NULL;
	FUZZ_FORMAT_CHECK(width == 0 || out != NULL);
	if (out != NULL)
		memset(out, 0xa5, width * sizeof *out);
	FUZZ_FORMAT_CHECK(format_expand(fmt, &ctx, out, width) == 0);
	for (i = 0; i < width; i++) {
		const struct vt_cell *c = &out[i];

		FUZZ_FORMAT_CHECK(c->pad[0] == 0 && c->pad[1] == 0 &&
		    c->pad[2] == 0 && c->style.pad == 0);
		FUZZ_FORMAT_CHECK(c->width <= 2);
		if (c->width == 2)
			FUZZ_FORMAT_CHECK(
			    i + 1 < width && out[i + 1].width == 0);
		if (c->width == 0)
			FUZZ_FORMAT_CHECK(i > 0 && out[i - 1].width == 2);
		for (j = 0; j < VT_CELL_CHARS && c->ch[j] != 0; j++)
			FUZZ_FORMAT_CHECK(
			    c->ch[j] >= 0x20 && c->ch[j] <= 0x10ffff);
		for (; j < VT_CELL_CHARS; j++)
			FUZZ_FORMAT_CHECK(c->ch[j] == 0);
	}
	free(out);

	text = format_expand_text(fmt, &ctx, width);
	FUZZ_FORMAT_CHECK(text != NULL);
	free(text);
	text = format_expand_text(fmt, &ctx, 0);
	FUZZ_FORMAT_CHECK(text != NULL);
	free(text);

	i = format_time_granularity(fmt);
	FUZZ_FORMAT_CHECK(i == 0 || i == 1 || i == 60);
	free(fmt);
	return 0;
}
