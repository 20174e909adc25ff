/*
 * harness.h -- the end-to-end test harness: runs the real roost binary
 * (or any program) in a pseudo-terminal of a chosen size and reads what a
 * person would see through libvterm, never through roost's own emulator.
 *
 * A test program is a list of cases run by h_case(); each case gets a
 * private socket directory ($ROOST_SOCKET_DIR, mode 0700) and HOME, and at
 * its end every terminal it opened is closed and the server it started is
 * killed. Output is TAP: one "ok - NAME" / "not ok - NAME" line per case,
 * diagnostics and screen dumps of a failed case as "# " lines. No timing
 * assertions: every wait has a generous timeout (H_TIMEOUT_MS).
 */
#ifndef ROOST_E2E_HARNESS_H
#define ROOST_E2E_HARNESS_H

#include <stddef.h>
#include <sys/types.h>
#include <termios.h>

#include <vterm.h>

/* Default timeout of every wait, milliseconds. */
#define H_TIMEOUT_MS 10000

/* What a case function returns. */
#define H_PASS 0
#define H_FAIL 1
#define H_SKIP 2

/*
 * Fail the current case (return H_FAIL from the case function) when cond
 * is false, saying where and why: the printf-style message follows.
 */
#define H_REQUIRE(cond, ...)                                                 \
	do {                                                                 \
		if (!(cond)) {                                               \
			h_diag(                                              \
			    "%s:%d: failed: %s", __FILE__, __LINE__, #cond); \
			h_diag(__VA_ARGS__);                                 \
			return H_FAIL;                                       \
		}                                                            \
	} while (0)

/* Skip the current case with a reason. */
#define H_SKIP_IF(cond, ...)                        \
	do {                                        \
		if (cond) {                         \
			h_skip_reason(__VA_ARGS__); \
			return H_SKIP;              \
		}                                   \
	} while (0)

/* A growable byte buffer (what a terminal received, a command's output). */
struct h_bytes {
	char *data; /* NUL-terminated for convenience; may hold NULs */
	size_t len;
	size_t size;
};

/* A program running in a pseudo-terminal, read through libvterm. */
struct h_term {
	pid_t pid; /* the child, -1 once reaped */
	int fd;	   /* pty master, -1 once closed */
	int rows;  /* the pty's size */
	int cols;
	int status; /* wait status once exited */
	int exited;
	int eof; /* the master read EOF or EIO: every slave fd closed */
	VTerm *vt;
	VTermScreen *screen;
	int cursor_visible; /* DECTCEM as libvterm last saw it */
	int altscreen;	    /* 1 while the alternate screen is on */
	int reverse;	    /* 1 while DECSCNM (reverse video) is on */
	struct h_bytes out; /* every byte the program wrote to the terminal */
	char name[64];	    /* for dumps */
	struct h_term *next;
};

/* Result of a command run without a terminal (h_run). */
struct h_result {
	int status; /* wait status; h_exit_code() turns it into 0..255 or -1 */
	int timed_out;
	int held_open; /* stdout or stderr still open 2 s after the exit */
	struct h_bytes out;
	struct h_bytes err;
};

/* Setting up. h_init() once at the start of main(); it parses no flags. */
void h_init(void);
/* Run one case and print its TAP line; returns the case's H_* result. */
int h_case(const char *name, int (*fn)(void));
/* Print the closing diagnostics and return the process exit status. */
int h_done(void);

/* Diagnostics for the current case, printed as "# " lines if it fails. */
void h_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void h_skip_reason(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The current case's directories and the roost binary ($ROOST_BIN). */
const char *h_socket_dir(void); /* also exported as ROOST_SOCKET_DIR */
const char *h_home(void);
const char *h_case_dir(void); /* scratch space, removed after the case */
const char *h_roost(void);
/* The shell the windows run (SHELL); "/bin/sh" unless changed. */
extern const char *h_shell;
/* TERM for the terminals spawned from now on; "xterm-256color". */
extern const char *h_term_type;

/*
 * Start argv (argv[0] a path, or NULL-named: use h_roost()) in a new pty
 * of rows x cols, its own session with the pty as controlling terminal.
 * env: extra "NAME=value" strings (NULL-terminated, may be NULL) added to
 * a small clean environment (PATH, TERM, HOME, SHELL, ROOST_SOCKET_DIR,
 * LANG=C.UTF-8, sanitizer options). Returns NULL on failure (h_diag says
 * why). The terminal belongs to the current case and is closed at its end.
 */
struct h_term *h_spawn(
    const char *const *argv, const char *const *env, int rows, int cols);
/* h_spawn of roost with the given arguments (NULL-terminated list). */
struct h_term *h_roost_term(int rows, int cols, ...) __attribute__((sentinel));

/* Read whatever the program wrote, waiting at most ms. 0, or -1 at EOF. */
int h_pump(struct h_term *t, int ms);
/* Send bytes as typed (h_type: a C string). 0, or -1 on failure. */
int h_send(struct h_term *t, const void *p, size_t n);
int h_type(struct h_term *t, const char *s);

/* The screen as text: rows joined by '\n', trailing blanks cut. malloc'd. */
char *h_screen_text(struct h_term *t);
/* Row `row` (0-based) as UTF-8 text, trailing blanks cut, into buf. */
const char *h_row_text(struct h_term *t, int row, char *buf, size_t size);
/* The cell at row, col (0-based). 0, or -1 out of range. */
int h_cell(struct h_term *t, int row, int col, VTermScreenCell *cell);
/* Cursor position, 0-based. */
void h_cursor(struct h_term *t, int *row, int *col);

/*
 * Wait until text appears anywhere on the screen (within one row), or
 * until the row shows it (h_wait_row), for at most ms (0: H_TIMEOUT_MS).
 * 0 when it did, -1 on timeout or EOF (with a diagnostic).
 */
int h_wait_text(struct h_term *t, const char *text, int ms);
int h_wait_row(struct h_term *t, int row, const char *text, int ms);
/* Wait until text is NOT on the screen. */
int h_wait_gone(struct h_term *t, const char *text, int ms);
/* Wait until the bytes written contain text (e.g. "[detached from"). */
int h_wait_output(struct h_term *t, const char *text, int ms);
/* Wait until pred(t, arg) is true, pumping output. */
int h_wait_for(
    struct h_term *t, int (*pred)(struct h_term *, void *), void *arg, int ms);

/*
 * Wait for the program to exit (reading its output until then); 0 with
 * *status its wait status, -1 on timeout. The pty stays open so its
 * termios can still be read.
 */
int h_wait_exit(struct h_term *t, int ms, int *status);
/* Send a signal to the program (its pid, not its group). */
int h_kill(struct h_term *t, int sig);
/* Change the pty's size (the kernel sends SIGWINCH) and libvterm's. */
int h_resize(struct h_term *t, int rows, int cols);
/* The pty's termios as the program left it. 0, or -1. */
int h_termios(struct h_term *t, struct termios *tio);
/* Print the screen as "# " lines, with the cursor and the pty size. */
void h_dump(struct h_term *t);
/* 1 when the bytes the program wrote contain p[0..n). */
int h_output_has(struct h_term *t, const void *p, size_t n, size_t from);
/* Close the terminal now (SIGHUP to its program, then SIGKILL). */
void h_close(struct h_term *t);

/*
 * Run argv (NULL argv[0]: roost) without a terminal: stdin /dev/null, a
 * new session (setsid, no controlling tty), the same clean environment
 * plus env, stdout and stderr captured. Waits at most ms (0: default).
 * Returns the exit code 0..255, or -1 (signal or timeout; see *r).
 */
int h_run(struct h_result *r, const char *const *argv, const char *const *env,
    int ms);
/* h_run of roost with the given arguments (NULL-terminated list). */
int h_roost_run(struct h_result *r, ...) __attribute__((sentinel));
void h_result_free(struct h_result *r);
/* 0..255 for a normal exit, -1 for a signal. */
int h_exit_code(int status);

/* The server of the current case (from server.lock), or -1; _in: of the
   socket directory dir. */
pid_t h_server_pid(void);
pid_t h_server_pid_in(const char *dir);
/* 1 when no process pid is left (reaps it if it is our child). */
int h_pid_gone(pid_t pid);
/* Wait until pid is gone. 0, or -1 on timeout. */
int h_wait_pid_gone(pid_t pid, int ms);
/* Kill the current case's server (or dir's) and wait for it to go. */
void h_kill_server(void);
void h_kill_server_in(const char *dir);

/* Poll `roost -ls` until its stdout contains text (a server may take a
   moment to notice a client gone). 0, or -1 with a diagnostic. */
int h_wait_ls(const char *text);
/* The lowest row whose whole text is `text` (row text left in buf), or
   -1. */
int h_find_row(struct h_term *t, const char *text, char *buf, size_t size);

/* Monotonic milliseconds. */
long long h_now_ms(void);
/* Sleep ms milliseconds. */
void h_sleep_ms(int ms);
/* Append to a byte buffer. */
void h_bytes_add(struct h_bytes *b, const void *p, size_t n);
/* Write a file (mode 0600). 0, or -1. */
int h_write_file(const char *path, const char *text);
/* Path join into a static-free buffer: "dir/name" (malloc'd). */
char *h_path(const char *dir, const char *name);
/* A free TCP port on 127.0.0.1, or -1. */
int h_free_port(void);

#endif /* ROOST_E2E_HARNESS_H */
