/*
 * tty.h -- the client's own terminal: raw mode, the alternate screen and
 * drawing PROTO_FRAME cell differences with the fewest bytes the client's
 * TERM allows, through ncurses' terminfo layer only (setupterm, tigetstr,
 * tigetnum, tigetflag, tiparm, tputs; never the curses screen functions).
 *
 * The tty keeps two copies of the display, rows x cols cells each: what
 * the server asked for (accumulated frames) and what the terminal shows.
 * A frame updates the first; drawing writes only where the two differ.
 * Output goes to a memory buffer; tty_flush() moves it to out_fd and copes
 * with a non-blocking fd (EAGAIN keeps the rest for later).
 *
 * Only the tty*.c files include curses/term.h. One process may hold
 * several struct tty (the tests do); each call selects its own terminfo
 * entry with set_curterm().
 */
#ifndef ROOST_TTY_H
#define ROOST_TTY_H

#include <stddef.h>
#include <stdint.h>

struct tty;

/*
 * Open the terminal description for `term` (NULL or "" means $TERM, else
 * "dumb") and read its capabilities. in_fd is the terminal's input (raw
 * mode is set on it by tty_start()), out_fd where output is written (both
 * may be the same fd; neither is closed by tty_free()). colorterm_truecolor
 * non-zero says 24-bit colour works even if terminfo has neither RGB nor
 * Tc (the caller sets it from COLORTERM=truecolor or 24bit). The terminal
 * is assumed not to take UTF-8 until tty_set_utf8(). Returns NULL and an
 * allocated message in *cause ("unknown terminal type 'foo'") on failure;
 * free it with free().
 */
struct tty *tty_create(int in_fd, int out_fd, const char *term,
    int colorterm_truecolor, char **cause);

/* Free everything; does not stop the terminal (call tty_stop() first). */
void tty_free(struct tty *tty);

/* Whether the terminal takes UTF-8 (the caller decides from the locale's
   codeset). When not, non-ASCII text is drawn as '?' and box drawing
   characters U+2500.. through terminfo ACS (acsc, smacs/rmacs), else as
   '+', '-', '|'. */
void tty_set_utf8(struct tty *tty, int utf8);

/* PROTO_TERM_* bits for PROTO_IDENTIFY: UTF8, TRUECOLOR, SYNC (mode 2026
   wraps frames). */
uint32_t tty_flags(struct tty *tty);

/* Colours terminfo gives ("colors"), 0 for monochrome (fewer than 8 or
   no setaf); may be 16777216 for direct-colour entries (callers cap it). */
unsigned tty_colours(struct tty *tty);

/* The TERM name in use (owned by the tty). */
const char *tty_term(struct tty *tty);

/*
 * The terminal's size in cells: TIOCGWINSZ on out_fd (then in_fd), else
 * terminfo lines/cols, else 24 x 80. Always fills *rows and *cols (each
 * >= 1); returns 0 when the kernel told, -1 when a fallback was used.
 */
int tty_get_size(struct tty *tty, unsigned *rows, unsigned *cols);

/*
 * Take the terminal: save its termios and switch it to raw mode (no echo,
 * no canonical input, ISIG/IXON/ICRNL off so C-c, C-z, C-s and CR reach
 * the window, OPOST off), enter the alternate screen (smcup), enable the
 * ACS character set (enacs), reset SGR and clear. Termios is skipped when
 * neither fd is a terminal (tests). The display size is read with
 * tty_get_size() when the kernel knows it (else the size given to
 * tty_resize(), else the one found by tty_create()). The kept copy of the
 * display survives a tty_stop()/tty_start() pair (suspend): the next
 * frame or tty_redraw() repaints it all. Output is buffered: call
 * tty_flush(). Returns 0, or -1 with errno set (tcsetattr failure).
 */
int tty_start(struct tty *tty);

/*
 * Allocate what tty keeps of the display (two grids of the size found by
 * tty_create()), if not done yet. tty_create() leaves it for later so
 * that a client can send its requests to the server first and do this
 * while the server composes the first frame; every call that draws does
 * it when needed.
 */
void tty_ready(struct tty *tty);

/*
 * Give the terminal back: pending output is written (for at most about 2
 * seconds, else dropped and CAN sent so no escape sequence stays open),
 * then synchronized output ended, SGR reset, ACS off, the cursor shown
 * and its style reset, every mode the frames turned on turned off again
 * (cursor keys, keypad, mouse, focus events, bracketed paste), the
 * alternate screen left (rmcup; a terminal without one is cleared) and
 * termios restored (TCSADRAIN).
 * Idempotent; a no-op before tty_start(). Uses only write(), tcsetattr()
 * and poll() on prepared strings, so it may be called from a signal
 * handler.
 */
void tty_stop(struct tty *tty);

/*
 * Apply one PROTO_FRAME payload (len bytes, after the message header)
 * and append the bytes that draw it: synchronized-output begin/end
 * around it where supported, scroll regions or insert/delete line for
 * SCROLL ops where the terminal has them, changed cells, mode changes
 * (DECCKM, DECKPAM, mouse 9/1000/1002/1003 with encodings 1005/1006/
 * 1015, focus 1004, bracketed paste 2004), cursor position, visibility
 * and style. Cells outside the tty's size are clipped; a wide cell whose
 * right half would fall off the right edge is drawn as a blank. While
 * more than 32 KB of output are pending (the terminal is slow), a frame
 * only updates the kept copy; tty_flush() draws the newest state once
 * the rest is written, so a slow terminal gets fewer, newer frames.
 * Returns 0, or -1 when the payload is malformed (nothing is drawn and
 * the kept copies are unchanged: the caller should disconnect).
 */
int tty_frame(struct tty *tty, const uint8_t *payload, size_t len);

/* Repaint the whole display from the kept copy (after C-a l, or when the
   terminal was disturbed): clear, draw every cell, and send the mirrored
   modes, cursor visibility and style again. Buffered, as everything. */
void tty_redraw(struct tty *tty);

/*
 * Apply a PROTO_LINES payload: the line size (single, DECDWL, DECDHL) of
 * every row, drawn at once (or, while the terminal is behind, with the
 * next drawing). A message composed for another number of rows is
 * ignored. Returns -1 if the payload is malformed (nothing changed), 0
 * otherwise.
 */
int tty_lines(struct tty *tty, const uint8_t *payload, size_t len);

/*
 * The terminal is now rows x cols (after SIGWINCH; each clamped to 1 ..
 * PROTO_MAX_SIDE). The kept copy is cropped or padded with blanks and the
 * next frame (or tty_redraw()) clears the terminal and repaints it all.
 */
void tty_resize(struct tty *tty, unsigned rows, unsigned cols);

/* Ring the bell (terminfo bel, else BEL). */
void tty_bell(struct tty *tty);

/*
 * Set the terminal's title to utf8 (NUL-terminated): terminfo tsl/fsl
 * where the entry has a status line (hs), else xterm OSC 2 on xterm-like
 * terminals, else nothing. Control characters are removed and non-ASCII
 * becomes '?' on a terminal without UTF-8; cut to 256 bytes.
 */
void tty_title(struct tty *tty, const char *utf8);

/* Pass an OSC 52 clipboard write through: selection sel ("c", "p", ...,
   letters and digits only, "" allowed) and base64 data b64. Ignored when
   the terminal is not xterm-like (terminfo Ms or XT or a known TERM) or
   either string has characters outside its alphabet. */
void tty_clipboard(struct tty *tty, const char *sel, const char *b64);

/*
 * Write buffered output to out_fd; when all of it is written and frames
 * were left undrawn (see tty_frame()), draw them and write on. Returns 0
 * when all of it was written or the fd would block (EAGAIN: the rest
 * stays, see tty_pending(); wait for out_fd to be writable and call
 * again), -1 with errno on another error (EPIPE, EIO: the terminal is
 * gone).
 */
int tty_flush(struct tty *tty);

/* Bytes buffered and not yet written. */
size_t tty_pending(struct tty *tty);

/* The fd output goes to (wait for it to be writable when tty_pending()). */
int tty_out_fd(struct tty *tty);

#endif /* ROOST_TTY_H */
