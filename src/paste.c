/*
 * paste.c -- the paste buffer and the named registers (screen(1): C-a ],
 * paste, register, readbuf, writebuf, removebuf, bufferfile), and the
 * server-wide settings of copying and logging (struct copy_state). A
 * copy also goes to the terminals of the session's displays as OSC 52
 * (xterm ctlseqs: OSC 52 ; Pc ; Pd BEL) when `osc52` is on, so copying
 * reaches the local clipboard through ssh. Files are opened without
 * following a symbolic link and created mode 0600. This file knows
 * nothing of the screen: copy mode hands it text.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "copy.h"
#include "util/xmalloc.h"

/* Largest file readbuf/readreg take (bytes): the buffer lives in memory. */
#define PASTE_FILE_MAX (16 * 1024 * 1024)

void
copy_text_add(struct copy_text *t, const void *p, size_t n)
{
	if (n == 0)
		return;
	if (t->len + n + 1 > t->size) {
		t->size = (t->len + n + 1) * 2;
		t->data = xreallocarray(t->data, 1, t->size);
	}
	memcpy(t->data + t->len, p, n);
	t->len += n;
	t->data[t->len] = '\0';
}

void
copy_text_free(struct copy_text *t)
{
	free(t->data);
	memset(t, 0, sizeof *t);
}

/* The server's copy state, created with roost's defaults on first use. */
struct copy_state *
paste_state(struct server *s)
{
	struct copy_state *cs;

	if (s->copy != NULL)
		return s->copy;
	cs = xcalloc(1, sizeof *cs);
	cs->osc52 = 1;
	cs->mousescroll = 1;
	cs->logflush = 10;	   /* screen(1): logfile flush */
	cs->logtstamp_after = 120; /* screen(1): logtstamp after */
	s->copy = cs;
	return cs;
}

void
paste_free(struct server *s)
{
	struct copy_state *cs = s->copy;
	size_t i;

	if (cs == NULL)
		return;
	free(cs->buf);
	for (i = 0; i < 256; i++)
		free(cs->reg[i].data);
	free(cs->bufferfile);
	free(cs->logfile);
	free(cs);
	s->copy = NULL;
}

/* Base64 (RFC 4648) of len bytes, NUL-terminated, allocated. */
static char *
paste_base64(const char *p, size_t len)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
				  "qrstuvwxyz0123456789+/";
	const unsigned char *in = (const unsigned char *)p;
	char *out, *o;
	size_t i;
	uint32_t v;

	out = o = xmalloc((len + 2) / 3 * 4 + 1);
	for (i = 0; i + 2 < len; i += 3) {
		v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 |
		    in[i + 2];
		*o++ = tab[v >> 18];
		*o++ = tab[(v >> 12) & 63];
		*o++ = tab[(v >> 6) & 63];
		*o++ = tab[v & 63];
	}
	if (i < len) {
		v = (uint32_t)in[i] << 16;
		if (i + 1 < len)
			v |= (uint32_t)in[i + 1] << 8;
		*o++ = tab[v >> 18];
		*o++ = tab[(v >> 12) & 63];
		*o++ = i + 1 < len ? tab[(v >> 6) & 63] : '=';
		*o++ = '=';
	}
	*o = '\0';
	return out;
}

/*
 * Send the paste buffer to the terminals of sess's displays as OSC 52
 * (selection "c"). Skipped when the base64 would not fit one protocol
 * string (PROTO_MAX_STRING): a cut clipboard would be worse than none.
 */
static void
paste_osc52(struct server *s, struct session *sess)
{
	struct copy_state *cs = paste_state(s);
	struct client *c;
	const char *argv[2];
	char *b64;

	if (!cs->osc52 || sess == NULL ||
	    (cs->len + 2) / 3 * 4 >= PROTO_MAX_STRING)
		return;
	b64 = paste_base64(cs->buf != NULL ? cs->buf : "", cs->len);
	argv[0] = "c";
	argv[1] = b64;
	TAILQ_FOREACH (c, &s->clients, entry) {
		if (c->state == CLIENT_ATTACHED && c->session == sess &&
		    !c->locked) {
			proto_strings_encode(&c->out, PROTO_CLIPBOARD, argv, 2);
			server_client_flush(c);
		}
	}
	free(b64);
}

/*
 * Replace (or with append, extend) the paste buffer with len bytes at p,
 * and offer it to sess's terminals (OSC 52). sess may be NULL.
 */
void
paste_set_buffer(struct server *s, struct session *sess, const char *p,
    size_t len, int append)
{
	struct copy_state *cs = paste_state(s);
	char *nb;

	if (!append)
		cs->len = 0;
	nb = xmalloc(cs->len + len + 1);
	if (cs->len > 0)
		memcpy(nb, cs->buf, cs->len);
	if (len > 0)
		memcpy(nb + cs->len, p, len);
	nb[cs->len + len] = '\0';
	free(cs->buf);
	cs->buf = nb;
	cs->len += len;
	paste_osc52(s, sess);
}

/*
 * Type len bytes into window w as a paste: the bytes as they are, between
 * ESC [ 200 ~ and ESC [ 201 ~ when the program asked for bracketed paste
 * (xterm ctlseqs: DECSET 2004). Any ESC [ 201 ~ inside the text is
 * dropped so a paste cannot end the bracket early.
 */
void
paste_to_window(struct window *w, const char *p, size_t len)
{
	static const char end[] = "\033[201~";
	const char *q;
	int bracket;

	if (w == NULL || len == 0)
		return;
	bracket = (vt_modes(w->vt) & VT_MODE_BRACKETED_PASTE) != 0;
	if (!bracket) {
		window_write(w, p, len);
		return;
	}
	window_write(w, "\033[200~", 6);
	while (len > 0) {
		q = memmem(p, len, end, sizeof end - 1);
		if (q == NULL) {
			window_write(w, p, len);
			break;
		}
		window_write(w, p, (size_t)(q - p));
		len -= (size_t)(q - p) + sizeof end - 1;
		p = q + sizeof end - 1;
	}
	window_write(w, end, sizeof end - 1);
}

/*
 * The file a buffer command uses: name (relative names are taken in the
 * session's directory, since -X may come from anywhere), else the
 * bufferfile setting, else "exchange" in the socket directory. Allocated.
 */
char *
paste_path(struct session *sess, const char *name)
{
	struct server *s = sess->server;
	struct copy_state *cs = paste_state(s);
	char *path;

	if (name == NULL || *name == '\0')
		name = cs->bufferfile;
	if (name == NULL || *name == '\0') {
		xasprintf(&path, "%s/exchange", s->dir);
		return path;
	}
	if (name[0] == '/' || sess->cwd == NULL)
		return xstrdup(name);
	xasprintf(&path, "%s/%s", sess->cwd, name);
	return path;
}

/*
 * Open path for writing: created mode 0600 if missing, never through a
 * symbolic link, truncated unless append. Returns the fd, or -1 with
 * *cause allocated.
 */
int
paste_open_write(const char *path, int append, char **cause)
{
	int fd;

	fd = open(path,
	    O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK |
		(append ? O_APPEND : O_TRUNC),
	    0600);
	if (fd == -1) {
		xasprintf(cause, "%s: %s", path,
		    errno == ELOOP ? "is a symbolic link" : strerror(errno));
		return -1;
	}
	/* Back to blocking: O_NONBLOCK only kept a FIFO from hanging us. */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

static int
paste_write_all(int fd, const char *p, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Read a regular file (no symbolic link) into an allocated buffer. */
static int
paste_read_file(const char *path, char **out, size_t *outlen, char **cause)
{
	struct stat sb;
	char *buf;
	size_t len = 0;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd == -1) {
		xasprintf(cause, "%s: %s", path,
		    errno == ELOOP ? "is a symbolic link" : strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		xasprintf(cause, "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	if (sb.st_size > PASTE_FILE_MAX) {
		xasprintf(cause, "%s: too large", path);
		close(fd);
		return -1;
	}
	buf = xmalloc((size_t)sb.st_size + 1);
	while (len < (size_t)sb.st_size) {
		n = read(fd, buf + len, (size_t)sb.st_size - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return 0;
}

/* Skip screen's "-e encoding" (roost's buffers are UTF-8 bytes). */
static int
paste_skip_encoding(struct cmd_ctx *ctx, int *argc, char ***argv)
{
	if (*argc >= 1 && strcmp((*argv)[0], "-e") == 0) {
		if (*argc < 2)
			return cmd_error(ctx, "-e needs an encoding");
		*argc -= 2;
		*argv += 2;
	}
	return 0;
}

/* screen(1): readbuf [-e encoding] [filename] */
int
cmd_readbuf_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct server *s = ctx->session->server;
	char *path, *buf, *cause;
	size_t len;

	if (paste_skip_encoding(ctx, &argc, &argv) != 0)
		return -1;
	if (argc > 1)
		return cmd_error(ctx, "readbuf: usage: readbuf [file]");
	path = paste_path(ctx->session, argc > 0 ? argv[0] : NULL);
	if (paste_read_file(path, &buf, &len, &cause) != 0) {
		free(path);
		cmd_error(ctx, "readbuf: %s", cause);
		free(cause);
		return -1;
	}
	paste_set_buffer(s, ctx->session, buf, len, 0);
	free(buf);
	cmd_message(ctx, "Slurped %zu characters into buffer", len);
	free(path);
	return 0;
}

/* screen(1): writebuf [-e encoding] [filename] */
int
cmd_writebuf_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct copy_state *cs = paste_state(ctx->session->server);
	char *path, *cause;
	int fd;

	if (paste_skip_encoding(ctx, &argc, &argv) != 0)
		return -1;
	if (argc > 1)
		return cmd_error(ctx, "writebuf: usage: writebuf [file]");
	path = paste_path(ctx->session, argc > 0 ? argv[0] : NULL);
	if ((fd = paste_open_write(path, 0, &cause)) == -1) {
		free(path);
		cmd_error(ctx, "writebuf: %s", cause);
		free(cause);
		return -1;
	}
	if (paste_write_all(fd, cs->buf, cs->len) != 0 || close(fd) != 0) {
		cmd_error(ctx, "writebuf: %s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	cmd_message(ctx, "Copybuffer written to \"%s\".", path);
	free(path);
	return 0;
}

/* screen(1): removebuf -- unlink the exchange file. */
int
cmd_removebuf_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	char *path;

	(void)argc;
	(void)argv;
	path = paste_path(ctx->session, NULL);
	if (unlink(path) != 0 && errno != ENOENT) {
		cmd_error(ctx, "removebuf: %s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	return 0;
}

/* screen(1): bufferfile [exchange-file] */
int
cmd_bufferfile_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct copy_state *cs = paste_state(ctx->session->server);

	free(cs->bufferfile);
	cs->bufferfile = argc > 0 && *argv[0] != '\0' ? xstrdup(argv[0]) : NULL;
	return 0;
}

/* A register name: one byte ("." is the paste buffer). */
static int
paste_register_name(struct cmd_ctx *ctx, const char *name)
{
	if (name[0] == '\0' || name[1] != '\0')
		return cmd_error(
		    ctx, "a register is one character: '%s'", name);
	return (unsigned char)name[0];
}

/* Store len bytes into register r ('.': the paste buffer). */
static void
paste_store(struct cmd_ctx *ctx, int r, const char *p, size_t len)
{
	struct copy_state *cs = paste_state(ctx->session->server);
	struct copy_register *reg;

	if (r == '.') {
		paste_set_buffer(ctx->session->server, ctx->session, p, len, 0);
		return;
	}
	reg = &cs->reg[r];
	free(reg->data);
	reg->data = xmalloc(len + 1);
	if (len > 0)
		memcpy(reg->data, p, len);
	reg->data[len] = '\0';
	reg->len = len;
}

/* screen(1): register [-e encoding] key string */
int
cmd_register_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	int r;

	if (paste_skip_encoding(ctx, &argc, &argv) != 0)
		return -1;
	if (argc != 2)
		return cmd_error(ctx, "register: usage: register key string");
	if ((r = paste_register_name(ctx, argv[0])) == -1)
		return -1;
	paste_store(ctx, r, argv[1], strlen(argv[1]));
	return 0;
}

/* screen(1): readreg [-e encoding] [register [filename]] */
int
cmd_readreg_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct copy_state *cs = paste_state(ctx->session->server);
	char *path, *buf, *cause;
	size_t len;
	int r;

	if (paste_skip_encoding(ctx, &argc, &argv) != 0)
		return -1;
	if (argc < 1 || argc > 2)
		return cmd_error(
		    ctx, "readreg: usage: readreg register [file]");
	if ((r = paste_register_name(ctx, argv[0])) == -1)
		return -1;
	if (argc == 1) {
		/* One argument: the paste buffer is copied into it. */
		paste_store(ctx, r, cs->buf != NULL ? cs->buf : "", cs->len);
		return 0;
	}
	path = paste_path(ctx->session, argv[1]);
	if (paste_read_file(path, &buf, &len, &cause) != 0) {
		free(path);
		cmd_error(ctx, "readreg: %s", cause);
		free(cause);
		return -1;
	}
	paste_store(ctx, r, buf, len);
	free(buf);
	free(path);
	return 0;
}

/*
 * screen(1): paste [registers [dest_reg]] -- the registers' contents
 * concatenated ("." the paste buffer; none given: the paste buffer) are
 * typed into the window, or stored into dest_reg.
 */
int
cmd_paste_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct copy_state *cs = paste_state(ctx->session->server);
	struct copy_text t;
	const char *regs = argc > 0 ? argv[0] : ".";
	int dest = -1;

	if (argc > 1 && (dest = paste_register_name(ctx, argv[1])) == -1)
		return -1;
	memset(&t, 0, sizeof t);
	for (; *regs != '\0'; regs++) {
		if (*regs == '.')
			copy_text_add(&t, cs->buf, cs->len);
		else
			copy_text_add(&t, cs->reg[(unsigned char)*regs].data,
			    cs->reg[(unsigned char)*regs].len);
	}
	if (dest != -1) {
		paste_store(ctx, dest, t.data != NULL ? t.data : "", t.len);
		copy_text_free(&t);
		return 0;
	}
	if (t.len == 0) {
		copy_text_free(&t);
		if (ctx->client != NULL)
			cmd_message(ctx, "empty buffer");
		return 0;
	}
	if (ctx->window == NULL) {
		copy_text_free(&t);
		return cmd_error(ctx, "paste: no window");
	}
	paste_to_window(ctx->window, t.data, t.len);
	copy_text_free(&t);
	return 0;
}

/* on|off settings of this family: no argument toggles. */
static int
paste_onoff(
    struct cmd_ctx *ctx, const char *name, int argc, char **argv, int *value)
{
	if (argc == 0) {
		*value = !*value;
		return 0;
	}
	if (cmd_onoff(argv[0], value) != 0)
		return cmd_error(
		    ctx, "%s: invalid argument. Give 'on' or 'off'", name);
	return 0;
}

/* osc52 [on|off] -- copies go to the terminals' clipboards. */
int
cmd_osc52_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return paste_onoff(ctx, "osc52", argc, argv,
	    &paste_state(ctx->session->server)->osc52);
}

/* mousescroll [on|off] -- the wheel scrolls history (see roost(1)). */
int
cmd_mousescroll_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return paste_onoff(ctx, "mousescroll", argc, argv,
	    &paste_state(ctx->session->server)->mousescroll);
}

/* hardcopy_append [on|off] (screen(1)). */
int
cmd_hardcopy_append_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return paste_onoff(ctx, "hardcopy_append", argc, argv,
	    &paste_state(ctx->session->server)->hardcopy_append);
}
