/*
 * format.h -- the caption/hardstatus format expander: GNU screen's "STRING
 * ESCAPES" language (screen(1), chapter "String Escapes") turned into one
 * line of cells.
 *
 * The module is pure: libc and wcwidth() only, no server structures, no
 * clock of its own. The caller (the server's renderer) fills a struct
 * format_ctx with what the line may show -- session, host, the windows in
 * number order, which one the line is for, the time -- and gets back cells
 * it can compare with memcmp. Nothing here allocates memory that outlives a
 * call except format_expand_text()'s result.
 *
 * What is accepted (screen's escapes, with roost's documented choices):
 *
 *   %%            a percent sign
 *   %n  %Nn       window number, right-aligned to N cells ("-" when the
 *                 line has no window)
 *   %t            window title          %h   window hardstatus (plain text)
 *   %f            window flags (see FORMAT_WIN_*), in the order * - $ ! @ ~
 *                 & (L) Z
 *   %F  %-F       true for %? when the region has (%-F: has not) the focus;
 *                 expands to nothing
 *   %E  %-E       true when the command character was (was not) pressed
 *   %P  %-P       true when the region is (is not) in copy mode
 *   %w            every window: "N title" entries separated by two spaces
 *   %-w           the windows before the current one, each followed by two
 *                 spaces; %+w the ones after it, each preceded by two spaces
 *   %W            every window but the current one
 *   %Lw %LW ...   the same with each window's flags after its number
 *                 Titles in these lists are cut to 20 cells (as screen).
 *                 An entry whose window has activity/bell/silence is drawn
 *                 bold / bold underlined / underlined (screen's default
 *                 "rendition monitor|bell|silence"; see format_ctx).
 *   %O  %NO       number of windows
 *   %H  %S        host name, session name
 *   %c  %0c       24-hour clock "HH:MM" (" 9:05", with 0: "09:05")
 *   %C  %0C       12-hour clock         %a %A  am/pm, AM/PM
 *   %s            seconds               %d %m  day, month (2 digits)
 *   %y  %Y        year (2 / 4 digits)   %D %LD weekday "Mon" / "Monday"
 *   %M  %LM       month "Jan" / "January" (English, whatever the locale)
 *   %?            opens a conditional part, or closes the open one: the
 *                 part is kept only if an escape inside it expanded to
 *                 something non-empty (%F %E %P count when true; clocks and
 *                 %n always count). %: starts the else part. As in screen a
 *                 %? always closes an open conditional, so conditionals do
 *                 not nest syntactically; an unterminated one is closed at
 *                 the end of the string. Colour changes and pads inside a
 *                 discarded part are discarded with it.
 *   %=            pad (fill with blanks in the style in effect there) to the
 *                 line's width; several plain %= share the room, the right
 *                 ones getting the larger shares. With a number N: pad to N
 *                 percent of the width; %0N= to absolute column N; %-N= to N
 *                 columns from the right margin; %+N= N percent of the room
 *                 after the last pad. A numbered pad truncates what precedes
 *                 it (back to the last pad) if it is too long, unless L is
 *                 given (%L= alone just marks the position as the last pad).
 *   %<  %N< ...   the same positions as %=, truncating only, no fill (%<
 *                 alone is %100<)
 *   %>  %N>       mark the truncation point: truncation tries to move it to
 *                 N percent of the truncated area; %L> also marks each cut
 *                 end with "..." (screen's rule)
 *   %{...}        change colours/attributes, pushing the old ones; %{-}
 *                 pops. See below.
 *   unknown or unsupported escapes (%l %u %x %` ...) expand to nothing; a
 *   trailing lone % is dropped; an unterminated %{ drops the rest.
 *
 * %{...} takes space-separated parts:
 *   attributes: a change type + (add) - (remove) ! (toggle) = (set exactly)
 *     followed by letters d dim, u underline, b bold, r reverse, s standout
 *     (shown as reverse), B blink, i italic, l blink (screen 5). A part of
 *     attribute letters only that cannot be a colour is taken as "+...".
 *     Colour letters may follow the letters directly ("=bw" = bold, white).
 *   colours, screen's letter form: one item sets the foreground (the
 *     background when reverse is on, unless prefixed with '.'); two items
 *     set background then foreground (swapped when reverse is on, unless
 *     prefixed with '.'). An item is k r g y b m c w (uppercase: bright
 *     8-15), d default, . unchanged, i or I brighten the current colour,
 *     a decimal 0-255 (256-colour index), or #rgb / #rrggbb / xrrggbb
 *     (24-bit). The form "FG;BG" (screen 5) sets foreground and background
 *     explicitly, either side may be empty.
 *   A %{} whose content does not parse is ignored (nothing is pushed).
 *
 * Characters: the format and all strings are UTF-8 (invalid bytes show as
 * U+FFFD); control characters are dropped; widths come from wcwidth()
 * (LC_CTYPE must be a UTF-8 locale, as the server sets); a wide character
 * takes two cells and is never split: one that does not fit becomes a
 * blank. Combining marks join the previous cell.
 */
#ifndef ROOST_FORMAT_H
#define ROOST_FORMAT_H

#include <stddef.h>
#include <time.h>

#include "vt/vt.h"

/* Window flags for %f and %Lw, as screen(1) "windows" shows them. */
#define FORMAT_WIN_CURRENT  0x0001u /* '*' the display's current window */
#define FORMAT_WIN_LAST	    0x0002u /* '-' the previously shown window */
#define FORMAT_WIN_LOGIN    0x0004u /* '$' logged in (utmp) */
#define FORMAT_WIN_BELL	    0x0008u /* '!' bell in a hidden window */
#define FORMAT_WIN_ACTIVITY 0x0010u /* '@' monitored and had output */
#define FORMAT_WIN_SILENCE  0x0020u /* '~' silence seen (roost's letter) */
#define FORMAT_WIN_SHARED   0x0040u /* '&' shown on another display */
#define FORMAT_WIN_LOGGING  0x0080u /* "(L)" output logging on */
#define FORMAT_WIN_ZOMBIE   0x0100u /* 'Z' process exited, window kept */

/* One window as the expander sees it. Strings are UTF-8, NULL = "". */
struct format_window {
	unsigned number;
	const char *title;
	const char *hardstatus;
	unsigned flags; /* FORMAT_WIN_* */
};

/* Everything a line may show. Pointers are borrowed for the call; a NULL
   ctx is an empty one (no windows, time 0, default style). */
struct format_ctx {
	const char *session; /* %S, NULL = "" */
	const char *host;    /* %H, NULL = "" */
	time_t now;	     /* time escapes, shown in local time */
	const struct format_window *windows; /* in number order */
	size_t nwindows;
	int current;	      /* index into windows of this line's window (%n %t
				%h %f, the split of %-w/%+w), -1 for none */
	int focused;	      /* %F: this region has the focus */
	int escape_pressed;   /* %E */
	int copy_mode;	      /* %P */
	struct vt_style base; /* the style the line starts with */
	/* screen(1) "rendition bell|monitor|silence": %{...} contents (no
	   braces) applied to a flagged window's entry in %w lists; NULL for
	   screen's defaults "=ub", "=b", "=u"; "" for none. Activity wins
	   over bell, bell over silence. */
	const char *rend_bell;
	const char *rend_activity;
	const char *rend_silence;
};

/*
 * Expand fmt into exactly width cells: out[0 .. width-1] are all written
 * (what the string does not cover is blanks in the style in effect at its
 * end). Cells follow struct vt_cell's rules (ch[] zero-padded, pad bytes 0,
 * width 2 + 0 for a wide character) so they compare with memcmp. Malformed
 * input never fails (see above). Returns 0, or -1 with errno ENOMEM when
 * memory ran out (out is then still fully written, possibly incomplete).
 * screen(1): caption, hardstatus, "String Escapes".
 */
int format_expand(const char *fmt, const struct format_ctx *ctx,
    struct vt_cell *out, unsigned width);

/*
 * The time granularity fmt depends on, in seconds: 0 when it shows no time,
 * 60 when it shows minutes or a date (the server wakes at the next minute
 * boundary: a clock without seconds costs one wake-up a minute), 1 when it
 * shows seconds (%s).
 */
unsigned format_time_granularity(const char *fmt);

/*
 * Plain-text expansion (no colours) for -Q answers and messages: a
 * malloc'ed NUL-terminated UTF-8 string the caller frees. width 0 means no
 * line width: plain %= pads vanish and percentages refer to nothing (as
 * screen's messages); otherwise the text is exactly width cells, padded with
 * spaces. Returns NULL with errno ENOMEM on allocation failure.
 */
char *format_expand_text(
    const char *fmt, const struct format_ctx *ctx, unsigned width);

/*
 * roost's defaults (DESIGN.md decision 8).
 *
 * Hardstatus: black on green; "[session]"; the window list as tabs, the
 * current one bold reverse (green on black), each with its flags; the clock
 * HH:MM (no seconds: one wake-up a minute) at the right margin. When the
 * windows do not fit, the list is cut around the current window (kept at
 * the middle) with "..." marks, never the session name or the clock. How:
 * %L= sets the truncation area's start after the session; %50L> marks the
 * current tab; %-7< truncates to 7 cells short of the margin; %= pushes
 * " HH:MM " to the right.
 */
#define FORMAT_DEFAULT_HARDSTATUS \
	"%{= gk}[%S] %L=%-Lw%50L>%{+rb}%n%f %t%{-}%+Lw%-7<%= %0c "

/*
 * Caption (one line under each region): screen's "%3n %t", black on white,
 * the focused region's in bright white on blue.
 */
#define FORMAT_DEFAULT_CAPTION "%?%F%{= bW}%:%{= wk}%?%3n %t"

#endif
