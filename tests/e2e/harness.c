/*
 * harness.c -- the end-to-end test harness (see harness.h): pseudo-
 * terminals read through libvterm, commands run without a terminal, a
 * private socket directory and HOME per case, TAP output.
 *
 * It owns the test process's children and the servers they start (the
 * process is made a child subreaper so daemonised servers are reaped
 * here, not left as zombies). It must not depend on anything of roost's
 * but its command line and, in the protocol tests, libproto.
 */
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

const char *h_shell = "/bin/sh";
const char *h_term_type = "xterm-256color";

static char h_base[256];    /* the test program's temporary directory */
static char h_dir[512];	    /* the current case's directory */
static char h_sockdir[600]; /* h_dir/sock */
static char h_homedir[600]; /* h_dir/home */
static const char *h_bin;   /* $ROOST_BIN */
static char h_bin_abs[PATH_MAX];
static struct h_bytes h_log; /* diagnostics of the current case */
static char h_skip[512];
static struct h_term *h_terms; /* terminals of the current case */
static int h_ncase, h_nfail, h_nskip;

#define H_MAX_ARGS 64

long long
h_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
h_sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

void
h_bytes_add(struct h_bytes *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->size) {
		size_t size = b->size ? b->size : 4096;

		while (b->len + n + 1 > size)
			size *= 2;
		b->data = realloc(b->data, size);
		if (b->data == NULL) {
			perror("realloc");
			exit(99);
		}
		b->size = size;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
h_diag(const char *fmt, ...)
{
	char buf[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > 0)
		h_bytes_add(&h_log, buf, strlen(buf));
	h_bytes_add(&h_log, "\n", 1);
}

void
h_skip_reason(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(h_skip, sizeof h_skip, fmt, ap);
	va_end(ap);
}

char *
h_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	if (p == NULL)
		exit(99);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

int
h_write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	size_t n = strlen(text);

	if (fd == -1)
		return -1;
	if (write(fd, text, n) != (ssize_t)n) {
		close(fd);
		return -1;
	}
	return close(fd);
}

/* rm -rf, by a child: simpler than nftw and fine for a test. */
static void
h_remove_tree(const char *path)
{
	pid_t pid;

	if (path[0] == '\0')
		return;
	pid = fork();
	if (pid == 0) {
		execl("/bin/rm", "rm", "-rf", path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

static void
h_cleanup_atexit(void)
{
	h_remove_tree(h_base);
}

void
h_init(void)
{
	const char *tmp = getenv("TMPDIR");

	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	/* Daemonised servers become our children when they lose their
	   parent, so they can be reaped and waited for. */
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	h_bin = getenv("ROOST_BIN");
	if (h_bin == NULL || *h_bin == '\0')
		h_bin = "src/roost";
	/* Children run in their HOME: the path must be absolute. */
	if (realpath(h_bin, h_bin_abs) != NULL)
		h_bin = h_bin_abs;
	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	/* Short: sockets paths are limited to 108 bytes. */
	snprintf(h_base, sizeof h_base, "%s/roost-e2e.XXXXXX", tmp);
	if (mkdtemp(h_base) == NULL) {
		printf("not ok - harness set-up\n# mkdtemp %s: %s\n", h_base,
		    strerror(errno));
		exit(1);
	}
	atexit(h_cleanup_atexit);
	if (access(h_bin, X_OK) != 0)
		printf("# warning: ROOST_BIN %s is not executable: %s\n", h_bin,
		    strerror(errno));
}

const char *
h_socket_dir(void)
{
	return h_sockdir;
}

const char *
h_home(void)
{
	return h_homedir;
}

const char *
h_case_dir(void)
{
	return h_dir;
}

const char *
h_roost(void)
{
	return h_bin;
}

/* The clean environment every child gets, plus extra. NULL-terminated,
   malloc'd strings (the child execs right after, the parent frees). */
static char **
h_make_env(const char *const *extra)
{
	static const char *pass[] = { "ASAN_OPTIONS", "UBSAN_OPTIONS",
		"LSAN_OPTIONS", "ASAN_SYMBOLIZER_PATH", "ROOST_CORPUS",
		"ROOST_SRCDIR", NULL };
	const char *path = getenv("PATH");
	char **env;
	size_t n = 0, i;

	for (i = 0; extra != NULL && extra[i] != NULL; i++)
		n++;
	env = calloc(n + 32, sizeof *env);
	if (env == NULL)
		exit(99);
	n = 0;
#define H_ENV(...)                                        \
	do {                                              \
		if (asprintf(&env[n], __VA_ARGS__) == -1) \
			exit(99);                         \
		n++;                                      \
	} while (0)
	H_ENV("PATH=%s", path ? path : "/usr/local/bin:/usr/bin:/bin");
	H_ENV("TERM=%s", h_term_type);
	H_ENV("HOME=%s", h_homedir);
	H_ENV("SHELL=%s", h_shell);
	H_ENV("ROOST_SOCKET_DIR=%s", h_sockdir);
	H_ENV("LANG=C.UTF-8");
	H_ENV("PS1=$ ");
	H_ENV("USER=%s", getenv("USER") ? getenv("USER") : "root");
	H_ENV("LOGNAME=%s", getenv("USER") ? getenv("USER") : "root");
	/* No rc files but the test's own. */
	H_ENV("ROOST_SYSTEMRC=");
	H_ENV("ROOSTRC=%s/roostrc", h_homedir);
	for (i = 0; pass[i] != NULL; i++)
		if (getenv(pass[i]) != NULL)
			H_ENV("%s=%s", pass[i], getenv(pass[i]));
	for (i = 0; extra != NULL && extra[i] != NULL; i++) {
		/* A later NAME=value replaces an earlier one. */
		size_t k, len = strcspn(extra[i], "=") + 1;

		for (k = 0; k < n; k++)
			if (strncmp(env[k], extra[i], len) == 0)
				break;
		if (k < n) {
			free(env[k]);
			env[k] = strdup(extra[i]);
		} else
			env[n++] = strdup(extra[i]);
	}
#undef H_ENV
	env[n] = NULL;
	return env;
}

static void
h_free_env(char **env)
{
	size_t i;

	for (i = 0; env[i] != NULL; i++)
		free(env[i]);
	free(env);
}

/* Copy argv into args (H_MAX_ARGS slots), a NULL argv[0] made h_bin. */
static void
h_argv_fill(const char **args, const char *const *argv)
{
	size_t i;

	args[0] = argv[0] ? argv[0] : h_bin;
	for (i = 1; argv[i] != NULL && i < H_MAX_ARGS - 1; i++)
		args[i] = argv[i];
	args[i] = NULL;
}

/* libvterm's replies to queries (DA, DSR ...) go back as a terminal's. */
static void
h_term_output_cb(const char *s, size_t len, void *user)
{
	struct h_term *t = user;

	if (t->fd != -1)
		(void)!write(t->fd, s, len);
}

static int
h_term_settermprop_cb(VTermProp prop, VTermValue *val, void *user)
{
	struct h_term *t = user;

	if (prop == VTERM_PROP_CURSORVISIBLE)
		t->cursor_visible = val->boolean;
	else if (prop == VTERM_PROP_ALTSCREEN)
		t->altscreen = val->boolean;
	else if (prop == VTERM_PROP_REVERSE)
		t->reverse = val->boolean;
	return 1;
}

static const VTermScreenCallbacks h_screen_cbs = {
	.settermprop = h_term_settermprop_cb,
};

struct h_term *
h_spawn(const char *const *argv, const char *const *env, int rows, int cols)
{
	struct winsize ws = { .ws_row = rows, .ws_col = cols };
	struct h_term *t;
	char **envp;
	const char *path = argv[0] ? argv[0] : h_bin;
	const char *args[H_MAX_ARGS];
	int fd;
	pid_t pid;

	h_argv_fill(args, argv);
	envp = h_make_env(env);
	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid == -1) {
		h_diag("forkpty: %s", strerror(errno));
		h_free_env(envp);
		return NULL;
	}
	if (pid == 0) {
		/* forkpty made the pty our controlling terminal. */
		if (chdir(h_homedir) == -1)
			_exit(126);
		execve(path, (char *const *)args, envp);
		fprintf(stderr, "exec %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	h_free_env(envp);
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	fcntl(fd, F_SETFD, FD_CLOEXEC);

	t = calloc(1, sizeof *t);
	if (t == NULL)
		exit(99);
	t->pid = pid;
	t->fd = fd;
	t->rows = rows;
	t->cols = cols;
	t->cursor_visible = 1;
	snprintf(t->name, sizeof t->name, "%s%s%s",
	    strrchr(path, '/') ? strrchr(path, '/') + 1 : path,
	    argv[1] ? " " : "", argv[1] ? argv[1] : "");
	t->vt = vterm_new(rows, cols);
	vterm_set_utf8(t->vt, 1);
	vterm_output_set_callback(t->vt, h_term_output_cb, t);
	t->screen = vterm_obtain_screen(t->vt);
	vterm_screen_set_callbacks(t->screen, &h_screen_cbs, t);
	vterm_screen_enable_altscreen(t->screen, 1);
	vterm_screen_reset(t->screen, 1);
	t->next = h_terms;
	h_terms = t;
	return t;
}

struct h_term *
h_roost_term(int rows, int cols, ...)
{
	const char *argv[64];
	const char *a;
	va_list ap;
	size_t n = 0;

	argv[n++] = h_bin;
	va_start(ap, cols);
	while ((a = va_arg(ap, const char *)) != NULL && n < 62)
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	return h_spawn(argv, NULL, rows, cols);
}

/* Reap the child if it has exited. */
static void
h_term_reap(struct h_term *t)
{
	int status;

	if (t->pid > 0 && !t->exited &&
	    waitpid(t->pid, &status, WNOHANG) == t->pid) {
		t->exited = 1;
		t->status = status;
	}
}

int
h_pump(struct h_term *t, int ms)
{
	struct pollfd pfd;
	char buf[16384];
	ssize_t n;
	int got = 0;

	if (t->fd == -1 || t->eof) {
		h_term_reap(t);
		if (ms > 0)
			h_sleep_ms(ms < 20 ? ms : 20);
		return -1;
	}
	pfd.fd = t->fd;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, ms) <= 0) {
		h_term_reap(t);
		return 0;
	}
	for (;;) {
		n = read(t->fd, buf, sizeof buf);
		if (n > 0) {
			h_bytes_add(&t->out, buf, n);
			vterm_input_write(t->vt, buf, n);
			got = 1;
			continue;
		}
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno == EAGAIN)
			break;
		/* EIO: every slave fd is closed. */
		t->eof = 1;
		break;
	}
	(void)got;
	h_term_reap(t);
	return t->eof ? -1 : 0;
}

int
h_send(struct h_term *t, const void *p, size_t n)
{
	const char *s = p;
	long long end = h_now_ms() + H_TIMEOUT_MS;

	while (n > 0) {
		ssize_t w = write(t->fd, s, n);

		if (w > 0) {
			s += w;
			n -= w;
			continue;
		}
		if (w == -1 && (errno == EAGAIN || errno == EINTR) &&
		    h_now_ms() < end) {
			/* Drain output meanwhile: the program may be blocked
			   writing to us. */
			h_pump(t, 10);
			continue;
		}
		h_diag("write to pty of %s: %s", t->name, strerror(errno));
		return -1;
	}
	return 0;
}

int
h_type(struct h_term *t, const char *s)
{
	return h_send(t, s, strlen(s));
}

/* UTF-8 encode one code point; returns bytes written (<= 4). */
static size_t
h_utf8(uint32_t c, char *p)
{
	if (c < 0x80) {
		p[0] = c;
		return 1;
	}
	if (c < 0x800) {
		p[0] = 0xc0 | (c >> 6);
		p[1] = 0x80 | (c & 0x3f);
		return 2;
	}
	if (c < 0x10000) {
		p[0] = 0xe0 | (c >> 12);
		p[1] = 0x80 | ((c >> 6) & 0x3f);
		p[2] = 0x80 | (c & 0x3f);
		return 3;
	}
	p[0] = 0xf0 | (c >> 18);
	p[1] = 0x80 | ((c >> 12) & 0x3f);
	p[2] = 0x80 | ((c >> 6) & 0x3f);
	p[3] = 0x80 | (c & 0x3f);
	return 4;
}

const char *
h_row_text(struct h_term *t, int row, char *buf, size_t size)
{
	VTermScreenCell cell;
	VTermPos pos;
	size_t len = 0, keep = 0;
	int col, i;

	buf[0] = '\0';
	if (row < 0 || row >= t->rows || size < 8)
		return buf;
	pos.row = row;
	for (col = 0; col < t->cols; col++) {
		char u[4 * VTERM_MAX_CHARS_PER_CELL];
		size_t n = 0;

		pos.col = col;
		if (!vterm_screen_get_cell(t->screen, pos, &cell))
			break;
		if (cell.chars[0] == (uint32_t)-1) /* right half of a wide */
			continue;
		if (cell.chars[0] == 0)
			u[n++] = ' ';
		for (i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i] != 0;
		     i++)
			n += h_utf8(cell.chars[i], u + n);
		if (len + n + 1 > size)
			break;
		memcpy(buf + len, u, n);
		len += n;
		if (cell.chars[0] != 0)
			keep = len;
		if (cell.width == 2)
			col++;
	}
	buf[keep] = '\0';
	return buf;
}

char *
h_screen_text(struct h_term *t)
{
	struct h_bytes b = { 0 };
	char row[4096];
	int r;

	for (r = 0; r < t->rows; r++) {
		h_row_text(t, r, row, sizeof row);
		h_bytes_add(&b, row, strlen(row));
		h_bytes_add(&b, "\n", 1);
	}
	return b.data;
}

int
h_cell(struct h_term *t, int row, int col, VTermScreenCell *cell)
{
	VTermPos pos = { row, col };

	if (row < 0 || row >= t->rows || col < 0 || col >= t->cols)
		return -1;
	return vterm_screen_get_cell(t->screen, pos, cell) ? 0 : -1;
}

void
h_cursor(struct h_term *t, int *row, int *col)
{
	VTermPos pos;

	vterm_state_get_cursorpos(vterm_obtain_state(t->vt), &pos);
	*row = pos.row;
	*col = pos.col;
}

int
h_wait_for(
    struct h_term *t, int (*pred)(struct h_term *, void *), void *arg, int ms)
{
	long long end = h_now_ms() + (ms > 0 ? ms : H_TIMEOUT_MS);

	for (;;) {
		if (pred(t, arg))
			return 0;
		if (h_now_ms() >= end)
			return -1;
		if (h_pump(t, 50) == -1) {
			/* Nothing more will come. */
			if (pred(t, arg))
				return 0;
			return -1;
		}
	}
}

static int
h_pred_text(struct h_term *t, void *arg)
{
	char *s = h_screen_text(t);
	int found = strstr(s, arg) != NULL;

	free(s);
	return found;
}

static int
h_pred_gone(struct h_term *t, void *arg)
{
	return !h_pred_text(t, arg);
}

struct h_row_arg {
	int row;
	const char *text;
};

static int
h_pred_row(struct h_term *t, void *arg)
{
	struct h_row_arg *a = arg;
	char row[4096];

	return strstr(h_row_text(t, a->row, row, sizeof row), a->text) != NULL;
}

static int
h_pred_output(struct h_term *t, void *arg)
{
	return t->out.len > 0 && strstr(t->out.data, arg) != NULL;
}

int
h_wait_text(struct h_term *t, const char *text, int ms)
{
	if (h_wait_for(t, h_pred_text, (void *)text, ms) == 0)
		return 0;
	h_diag(
	    "timed out waiting for \"%s\" on the screen of %s", text, t->name);
	return -1;
}

int
h_wait_row(struct h_term *t, int row, const char *text, int ms)
{
	struct h_row_arg a = { row, text };

	if (h_wait_for(t, h_pred_row, &a, ms) == 0)
		return 0;
	h_diag(
	    "timed out waiting for \"%s\" on row %d of %s", text, row, t->name);
	return -1;
}

int
h_wait_gone(struct h_term *t, const char *text, int ms)
{
	if (h_wait_for(t, h_pred_gone, (void *)text, ms) == 0)
		return 0;
	h_diag("timed out waiting for \"%s\" to leave the screen of %s", text,
	    t->name);
	return -1;
}

int
h_wait_output(struct h_term *t, const char *text, int ms)
{
	if (h_wait_for(t, h_pred_output, (void *)text, ms) == 0)
		return 0;
	h_diag(
	    "timed out waiting for \"%s\" in the output of %s", text, t->name);
	return -1;
}

int
h_output_has(struct h_term *t, const void *p, size_t n, size_t from)
{
	if (from > t->out.len || n == 0)
		return n == 0;
	return memmem(t->out.data + from, t->out.len - from, p, n) != NULL;
}

int
h_wait_exit(struct h_term *t, int ms, int *status)
{
	long long end = h_now_ms() + (ms > 0 ? ms : H_TIMEOUT_MS);

	for (;;) {
		h_pump(t, 50);
		if (t->exited) {
			/* Whatever it wrote last is already in the pty. */
			h_pump(t, 0);
			if (status != NULL)
				*status = t->status;
			return 0;
		}
		if (h_now_ms() >= end) {
			h_diag("timed out waiting for %s (pid %d) to exit",
			    t->name, (int)t->pid);
			return -1;
		}
	}
}

int
h_kill(struct h_term *t, int sig)
{
	if (t->pid <= 0 || t->exited)
		return -1;
	return kill(t->pid, sig);
}

int
h_resize(struct h_term *t, int rows, int cols)
{
	struct winsize ws = { .ws_row = rows, .ws_col = cols };

	if (ioctl(t->fd, TIOCSWINSZ, &ws) == -1) {
		h_diag("TIOCSWINSZ: %s", strerror(errno));
		return -1;
	}
	t->rows = rows;
	t->cols = cols;
	vterm_set_size(t->vt, rows, cols);
	return 0;
}

int
h_termios(struct h_term *t, struct termios *tio)
{
	/* On Linux the master shares the slave's termios. */
	if (tcgetattr(t->fd, tio) == -1) {
		h_diag("tcgetattr: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Print the screen to stdout as "# " lines. */
void
h_dump(struct h_term *t)
{
	char row[4096];
	int r, crow, ccol;

	h_cursor(t, &crow, &ccol);
	printf("# --- screen of %s (pid %d, %dx%d, cursor %d,%d%s%s%s) ---\n",
	    t->name, (int)t->pid, t->rows, t->cols, crow, ccol,
	    t->cursor_visible ? "" : ", hidden",
	    t->altscreen ? ", alternate screen" : "",
	    t->exited ? ", exited" : "");
	for (r = 0; r < t->rows; r++)
		printf("# %2d|%s\n", r, h_row_text(t, r, row, sizeof row));
	printf("# --- %zu bytes received", t->out.len);
	if (t->out.len > 0) {
		/* The last few, escaped, help with what the screen hides. */
		size_t from = t->out.len > 160 ? t->out.len - 160 : 0, i;

		printf("; last: ");
		for (i = from; i < t->out.len; i++) {
			unsigned char c = t->out.data[i];

			if (c == 0x1b)
				printf("\\e");
			else if (c < 0x20 || c >= 0x7f)
				printf("\\x%02x", c);
			else
				putchar(c);
		}
	}
	printf("\n");
}

void
h_close(struct h_term *t)
{
	struct h_term **tp;

	if (t == NULL)
		return;
	for (tp = &h_terms; *tp != NULL; tp = &(*tp)->next)
		if (*tp == t) {
			*tp = t->next;
			break;
		}
	if (t->fd != -1)
		close(t->fd); /* the kernel hangs up the slave side */
	t->fd = -1;
	if (t->pid > 0 && !t->exited) {
		long long end = h_now_ms() + 2000;

		kill(t->pid, SIGHUP);
		while (!t->exited && h_now_ms() < end) {
			h_term_reap(t);
			if (!t->exited)
				h_sleep_ms(20);
		}
		if (!t->exited) {
			kill(t->pid, SIGKILL);
			waitpid(t->pid, &t->status, 0);
			t->exited = 1;
		}
	}
	vterm_free(t->vt);
	free(t->out.data);
	free(t);
}

int
h_exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return -1;
}

/* Read fd until EOF, for at most 2 s; *held set if it never came. */
static void
h_run_drain(int fd, struct h_bytes *b, int *held)
{
	long long end = h_now_ms() + 2000;
	struct pollfd pfd = { fd, POLLIN, 0 };
	char buf[4096];
	ssize_t n;

	for (;;) {
		if (poll(&pfd, 1, 50) > 0) {
			n = read(fd, buf, sizeof buf);
			if (n > 0) {
				h_bytes_add(b, buf, n);
				continue;
			}
			if (n == 0 || errno != EINTR)
				break;
		}
		if (h_now_ms() >= end) {
			*held = 1;
			break;
		}
	}
	close(fd);
}

int
h_run(
    struct h_result *r, const char *const *argv, const char *const *env, int ms)
{
	int out[2], err[2], devnull, status = 0;
	struct pollfd pfd[2];
	long long end = h_now_ms() + (ms > 0 ? ms : H_TIMEOUT_MS);
	const char *path = argv[0] ? argv[0] : h_bin;
	const char *args[H_MAX_ARGS];
	char **envp;
	pid_t pid;

	memset(r, 0, sizeof *r);
	if (pipe2(out, O_CLOEXEC) == -1 || pipe2(err, O_CLOEXEC) == -1) {
		h_diag("pipe: %s", strerror(errno));
		return -1;
	}
	h_argv_fill(args, argv);
	envp = h_make_env(env);
	pid = fork();
	if (pid == -1) {
		h_diag("fork: %s", strerror(errno));
		h_free_env(envp);
		return -1;
	}
	if (pid == 0) {
		setsid(); /* no controlling terminal */
		devnull = open("/dev/null", O_RDONLY);
		dup2(devnull, 0);
		dup2(out[1], 1);
		dup2(err[1], 2);
		if (chdir(h_homedir) == -1)
			_exit(126);
		execve(path, (char *const *)args, envp);
		fprintf(stderr, "exec %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	h_free_env(envp);
	close(out[1]);
	close(err[1]);
	pfd[0].fd = out[0];
	pfd[1].fd = err[0];
	/*
	 * Read until both pipes reach EOF or the child exits. A server it
	 * started may keep a copy of the pipes open (it should not): then the
	 * child's exit ends the wait instead.
	 */
	for (;;) {
		char buf[4096];
		ssize_t n;
		int i, open_pipes = 0, exited = 0;

		pfd[0].events = pfd[1].events = POLLIN;
		for (i = 0; i < 2; i++)
			if (pfd[i].fd != -1)
				open_pipes++;
		if (waitpid(pid, &status, WNOHANG) == pid)
			exited = 1;
		if (open_pipes == 0 && !exited) {
			if (waitpid(pid, &status, 0) == pid)
				exited = 1;
		}
		if (exited) {
			/* Take what is left; a pipe still open after a grace
			   period is held by a process the command left behind. */
			for (i = 0; i < 2; i++)
				if (pfd[i].fd != -1)
					h_run_drain(pfd[i].fd,
					    i ? &r->err : &r->out,
					    &r->held_open);
			break;
		}
		if (h_now_ms() >= end) {
			r->timed_out = 1;
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			for (i = 0; i < 2; i++)
				if (pfd[i].fd != -1)
					close(pfd[i].fd);
			h_diag("%s timed out", path);
			break;
		}
		if (poll(pfd, 2, 50) <= 0)
			continue;
		for (i = 0; i < 2; i++) {
			if (pfd[i].fd == -1 || pfd[i].revents == 0)
				continue;
			n = read(pfd[i].fd, buf, sizeof buf);
			if (n > 0)
				h_bytes_add(i ? &r->err : &r->out, buf, n);
			else if (n == 0 || errno != EINTR) {
				close(pfd[i].fd);
				pfd[i].fd = -1;
			}
		}
	}
	/* Never leave NULL data: tests strstr() it. */
	h_bytes_add(&r->out, "", 0);
	h_bytes_add(&r->err, "", 0);
	r->status = status;
	return r->timed_out ? -1 : h_exit_code(status);
}

int
h_roost_run(struct h_result *r, ...)
{
	const char *argv[64];
	const char *a;
	va_list ap;
	size_t n = 0;

	argv[n++] = h_bin;
	va_start(ap, r);
	while ((a = va_arg(ap, const char *)) != NULL && n < 62)
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	return h_run(r, argv, NULL, 0);
}

void
h_result_free(struct h_result *r)
{
	free(r->out.data);
	free(r->err.data);
	memset(r, 0, sizeof *r);
}

pid_t
h_server_pid(void)
{
	return h_server_pid_in(h_sockdir);
}

pid_t
h_server_pid_in(const char *dir)
{
	char *path = h_path(dir, "server.lock");
	char buf[64] = "";
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	long pid;

	free(path);
	if (fd == -1)
		return -1;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	pid = strtol(buf, NULL, 10);
	return pid > 1 ? (pid_t)pid : -1;
}

int
h_pid_gone(pid_t pid)
{
	if (pid <= 0)
		return 1;
	waitpid(pid, NULL, WNOHANG); /* ours, as subreaper, or not */
	return kill(pid, 0) == -1 && errno == ESRCH;
}

int
h_wait_pid_gone(pid_t pid, int ms)
{
	long long end = h_now_ms() + (ms > 0 ? ms : H_TIMEOUT_MS);

	while (!h_pid_gone(pid)) {
		if (h_now_ms() >= end)
			return -1;
		h_sleep_ms(20);
	}
	return 0;
}

void
h_kill_server(void)
{
	h_kill_server_in(h_sockdir);
}

void
h_kill_server_in(const char *dir)
{
	pid_t pid = h_server_pid_in(dir);

	if (pid <= 0 || h_pid_gone(pid))
		return;
	kill(pid, SIGTERM);
	if (h_wait_pid_gone(pid, 3000) == -1) {
		kill(pid, SIGKILL);
		h_wait_pid_gone(pid, 3000);
	}
}

/* Reap every exited child we inherited (windows' shells of a killed
   server, and so on). */
static void
h_reap_orphans(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

int
h_free_port(void)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof sin;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), port;

	if (fd == -1)
		return -1;
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sin, sizeof sin) == -1 ||
	    getsockname(fd, (struct sockaddr *)&sin, &len) == -1) {
		close(fd);
		return -1;
	}
	port = ntohs(sin.sin_port);
	close(fd);
	return port;
}

static void
h_print_log(void)
{
	char *line, *save = NULL;

	if (h_log.len == 0)
		return;
	for (line = strtok_r(h_log.data, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save))
		printf("# %s\n", line);
}

int
h_case(const char *name, int (*fn)(void))
{
	struct h_term *t;
	char *rc;
	int result;

	h_ncase++;
	h_log.len = 0;
	if (h_log.data != NULL)
		h_log.data[0] = '\0';
	h_skip[0] = '\0';
	snprintf(h_dir, sizeof h_dir, "%s/c%d", h_base, h_ncase);
	snprintf(h_sockdir, sizeof h_sockdir, "%s/sock", h_dir);
	snprintf(h_homedir, sizeof h_homedir, "%s/home", h_dir);
	if (mkdir(h_dir, 0700) == -1 || mkdir(h_homedir, 0700) == -1 ||
	    mkdir(h_sockdir, 0700) == -1) {
		printf("not ok - %s\n# set-up of %s: %s\n", name, h_dir,
		    strerror(errno));
		h_nfail++;
		return H_FAIL;
	}
	/* An empty rc file: the defaults, whatever the machine has. */
	rc = h_path(h_homedir, "roostrc");
	h_write_file(rc, "");
	free(rc);
	setenv("ROOST_SOCKET_DIR", h_sockdir, 1);

	result = fn();

	if (result == H_PASS)
		printf("ok - %s\n", name);
	else if (result == H_SKIP) {
		printf("ok - %s # SKIP %s\n", name, h_skip);
		h_nskip++;
	} else {
		printf("not ok - %s\n", name);
		h_print_log();
		for (t = h_terms; t != NULL; t = t->next) {
			h_pump(t, 0);
			h_dump(t);
		}
		h_nfail++;
	}
	fflush(stdout);
	while (h_terms != NULL)
		h_close(h_terms);
	h_kill_server();
	h_reap_orphans();
	/* The socket directory may have been made unusable on purpose. */
	chmod(h_sockdir, 0700);
	h_remove_tree(h_dir);
	return result;
}

int
h_done(void)
{
	printf(
	    "# %d cases, %d failed, %d skipped\n", h_ncase, h_nfail, h_nskip);
	return h_nfail > 0 ? 1 : 0;
}

int
h_wait_ls(const char *text)
{
	long long end = h_now_ms() + H_TIMEOUT_MS;
	struct h_result r;

	for (;;) {
		h_roost_run(&r, "-ls", NULL);
		if (strstr(r.out.data, text) != NULL) {
			h_result_free(&r);
			return 0;
		}
		if (h_now_ms() >= end) {
			h_diag("roost -ls never showed \"%s\"; last stdout:\n%s"
			       "stderr: %s",
			    text, r.out.data, r.err.data);
			h_result_free(&r);
			return -1;
		}
		h_result_free(&r);
		h_sleep_ms(100);
	}
}

int
h_find_row(struct h_term *t, const char *text, char *buf, size_t size)
{
	int r;

	for (r = t->rows - 1; r >= 0; r--)
		if (strcmp(h_row_text(t, r, buf, size), text) == 0)
			return r;
	return -1;
}
