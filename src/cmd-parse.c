/*
 * cmd-parse.c -- the words of the command language: the tokenizer every
 * command line goes through (rc file, `C-a :` prompt, key binding), the
 * rc file reader (line continuation, line numbers, CR LF), the escape
 * processing of -X words, and the list of GNU screen's command names.
 *
 * It owns no state and knows nothing of sessions, windows, the command
 * table or the server: the caller supplies variable lookup and receives
 * words through callbacks. It uses libc and util/xmalloc only, so the
 * unit tests and the fuzz target link it alone.
 *
 * Behaviour follows GNU screen's rc parser (screen(1): CUSTOMIZATION),
 * with these documented differences: screen has no line continuation
 * (issue 5 asks for it, so a screenrc line ending in a lone backslash,
 * e.g. `escape ^\\`, now continues: write `escape ^\\\`, which screen
 * reads the same); `\e` gives ESC (screen keeps it as two characters); a
 * ^ before a blank, the line end or the closing quote is a plain ^
 * (screen makes a NUL of it and runs on); ^X takes printable ASCII X only;
 * `$:cap:` (a termcap lookup in screen) and a leading `!` (screen's
 * `exec` shorthand) are plain text; words have no length or count limit
 * (screen stops at 2048 bytes and 64 words); bad quoting is an error
 * for the whole line, as in screen.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd-parse.h"
#include "util/xmalloc.h"

/* A growing byte string: one word, or one logical line of a file. */
struct cmd_parse_buf {
	char *data;
	size_t len;
	size_t size;
};

/* Why a line could not be split; TRAILING is what continuation needs. */
enum cmd_parse_status {
	CMD_PARSE_OK,
	CMD_PARSE_SQUOTE,
	CMD_PARSE_DQUOTE,
	CMD_PARSE_TRAILING,
	CMD_PARSE_BRACE,
	CMD_PARSE_NUL,
};

static void
cmd_parse_buf_add(struct cmd_parse_buf *b, const char *data, size_t len)
{
	size_t need;

	if (len > (size_t)-1 - b->len - 1)
		abort();
	need = b->len + len + 1;
	if (need > b->size) {
		b->size = b->size == 0 ? 64 : b->size;
		while (b->size < need)
			b->size *= 2;
		b->data = xreallocarray(b->data, 1, b->size);
	}
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

static void
cmd_parse_buf_add_char(struct cmd_parse_buf *b, char c)
{
	cmd_parse_buf_add(b, &c, 1);
}

static int
cmd_parse_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static int
cmd_parse_is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/*
 * The backslash escape at p (p[0] == '\\', p[1] != '\0'): append what it
 * stands for to b and return how many characters it took, or return 0
 * when p[1] is not an escape (the caller then keeps the backslash as an
 * ordinary character, as screen does).
 */
static size_t
cmd_parse_backslash(const char *p, struct cmd_parse_buf *b)
{
	unsigned value;
	size_t i;

	switch (p[1]) {
	case 'n':
		cmd_parse_buf_add_char(b, '\n');
		return 2;
	case 't':
		cmd_parse_buf_add_char(b, '\t');
		return 2;
	case 'r':
		cmd_parse_buf_add_char(b, '\r');
		return 2;
	case 'e':
		cmd_parse_buf_add_char(b, '\033');
		return 2;
	case '\\':
	case '\'':
	case '"':
	case '$':
	case '#':
	case '^':
		cmd_parse_buf_add_char(b, p[1]);
		return 2;
	}
	if (p[1] < '0' || p[1] > '7')
		return 0;
	/* One to three octal digits; \777 wraps to one byte as in screen. */
	value = 0;
	for (i = 1; i <= 3 && p[i] >= '0' && p[i] <= '7'; i++)
		value = value * 8 + (unsigned)(p[i] - '0');
	cmd_parse_buf_add_char(b, (char)(value & 0xff));
	return i;
}

/*
 * The caret at p (p[0] == '^'): if it starts control notation, append the
 * control character and return 2; return 0 when the ^ is a plain
 * character (followed by the end, a blank, the closing quote `quote`, or
 * a byte that is not printable ASCII).
 */
static size_t
cmd_parse_caret(const char *p, char quote, struct cmd_parse_buf *b)
{
	char c = p[1];

	if (c <= ' ' || c > '~' || (quote != '\0' && c == quote))
		return 0;
	cmd_parse_buf_add_char(b, c == '?' ? '\177' : (char)(c & 0x1f));
	return 2;
}

/*
 * The variable reference at p (p[0] == '$'): append its value and return
 * the characters it took; 0 when this $ is a plain character; (size_t)-1
 * for a ${ without its }.
 */
static size_t
cmd_parse_dollar(const char *p, cmd_parse_getvar_cb getvar, void *arg,
    struct cmd_parse_buf *b)
{
	const char *start, *end, *value;
	char *name;
	size_t used;

	if (p[1] == '{') {
		start = p + 2;
		if ((end = strchr(start, '}')) == NULL)
			return (size_t)-1;
		used = (size_t)(end - p) + 1;
	} else if (cmd_parse_is_name_char(p[1])) {
		start = end = p + 1;
		while (cmd_parse_is_name_char(*end))
			end++;
		used = (size_t)(end - p);
	} else
		return 0;

	name = xstrndup(start, (size_t)(end - start));
	if (getvar != NULL)
		value = getvar(arg, name);
	else
		value = getenv(name);
	if (value != NULL)
		cmd_parse_buf_add(b, value, strlen(value));
	free(name);
	return used;
}

/* Add one finished word to the vector. */
static void
cmd_parse_push(char ***argv, size_t **lens, int *argc, size_t *size,
    struct cmd_parse_buf *w)
{
	if ((size_t)*argc + 2 > *size) {
		*size = *size == 0 ? 8 : *size * 2;
		*argv = xreallocarray(*argv, *size, sizeof **argv);
		*lens = xreallocarray(*lens, *size, sizeof **lens);
	}
	(*argv)[*argc] = xmalloc(w->len + 1);
	if (w->len != 0)
		memcpy((*argv)[*argc], w->data, w->len);
	(*argv)[*argc][w->len] = '\0';
	(*lens)[*argc] = w->len;
	(*argc)++;
	(*argv)[*argc] = NULL;
}

/*
 * The tokenizer proper. On CMD_PARSE_OK, *argv (NULL-terminated), *lens
 * and *argc hold the words; otherwise nothing is allocated and *bad_word
 * is the 1-based number of the word where it failed.
 */
static enum cmd_parse_status
cmd_parse_split(const char *line, cmd_parse_getvar_cb getvar, void *arg,
    int allow_nul, char ***argv, size_t **lens, int *argc, int *bad_word)
{
	struct cmd_parse_buf w = { NULL, 0, 0 };
	enum cmd_parse_status status = CMD_PARSE_OK;
	const char *p = line;
	size_t size = 0, used;
	char quote;
	int i;

	*argv = NULL;
	*lens = NULL;
	*argc = 0;
	*bad_word = 0;
	for (;;) {
		while (cmd_parse_is_blank(*p))
			p++;
		if (*p == '\0' || *p == '#')
			break;

		w.len = 0;
		quote = '\0';
		while (*p != '\0') {
			if (quote == '\'') {
				/* Single quotes: everything up to the next '. */
				if (*p == '\'')
					quote = '\0';
				else
					cmd_parse_buf_add_char(&w, *p);
				p++;
				continue;
			}
			if (quote == '\0' && cmd_parse_is_blank(*p))
				break;
			if (*p == '"' && quote == '"') {
				quote = '\0';
				p++;
				continue;
			}
			if (quote == '\0' && (*p == '"' || *p == '\'')) {
				quote = *p++;
				continue;
			}
			if (*p == '\\') {
				if (p[1] == '\0') {
					status = CMD_PARSE_TRAILING;
					break;
				}
				if ((used = cmd_parse_backslash(p, &w)) == 0) {
					cmd_parse_buf_add_char(&w, '\\');
					used = 1;
				}
				p += used;
				continue;
			}
			if (*p == '^' &&
			    (used = cmd_parse_caret(p, quote, &w))) {
				p += used;
				continue;
			}
			if (*p == '$') {
				used = cmd_parse_dollar(p, getvar, arg, &w);
				if (used == (size_t)-1) {
					status = CMD_PARSE_BRACE;
					break;
				}
				if (used != 0) {
					p += used;
					continue;
				}
			}
			cmd_parse_buf_add_char(&w, *p++);
		}
		if (status == CMD_PARSE_OK && quote != '\0')
			status =
			    quote == '"' ? CMD_PARSE_DQUOTE : CMD_PARSE_SQUOTE;
		if (status == CMD_PARSE_OK && !allow_nul && w.len != 0 &&
		    memchr(w.data, '\0', w.len) != NULL)
			status = CMD_PARSE_NUL;
		if (status != CMD_PARSE_OK) {
			*bad_word = *argc + 1;
			break;
		}
		cmd_parse_push(argv, lens, argc, &size, &w);
	}
	free(w.data);

	if (status != CMD_PARSE_OK) {
		for (i = 0; i < *argc; i++)
			free((*argv)[i]);
		free(*argv);
		free(*lens);
		*argv = NULL;
		*lens = NULL;
		*argc = 0;
		return status;
	}
	if (*argv == NULL) {
		*argv = xcalloc(1, sizeof **argv);
		*lens = xcalloc(1, sizeof **lens);
	}
	return CMD_PARSE_OK;
}

/* The message for a status (bad_word: the word's 1-based number). */
static char *
cmd_parse_message(enum cmd_parse_status status, int bad_word)
{
	char *msg;

	switch (status) {
	case CMD_PARSE_SQUOTE:
		return xstrdup("unterminated single quote");
	case CMD_PARSE_DQUOTE:
		return xstrdup("unterminated double quote");
	case CMD_PARSE_TRAILING:
		return xstrdup("trailing backslash");
	case CMD_PARSE_BRACE:
		return xstrdup("unterminated ${ (no closing })");
	case CMD_PARSE_NUL:
		xasprintf(&msg, "argument %d contains a NUL byte", bad_word);
		return msg;
	case CMD_PARSE_OK:
		break;
	}
	return xstrdup("no error");
}

int
cmd_parse_line_len(const char *line, cmd_parse_getvar_cb getvar, void *arg,
    char ***argv, size_t **lens, int *argc, char **cause)
{
	enum cmd_parse_status status;
	int bad_word;

	status =
	    cmd_parse_split(line, getvar, arg, 1, argv, lens, argc, &bad_word);
	if (status == CMD_PARSE_OK)
		return 0;
	*cause = cmd_parse_message(status, bad_word);
	return -1;
}

int
cmd_parse_line(const char *line, cmd_parse_getvar_cb getvar, void *arg,
    char ***argv, int *argc, char **cause)
{
	enum cmd_parse_status status;
	size_t *lens;
	int bad_word;

	status =
	    cmd_parse_split(line, getvar, arg, 0, argv, &lens, argc, &bad_word);
	if (status == CMD_PARSE_OK) {
		free(lens);
		return 0;
	}
	*cause = cmd_parse_message(status, bad_word);
	return -1;
}

void
cmd_parse_free(char **argv)
{
	char **ap;

	if (argv == NULL)
		return;
	for (ap = argv; *ap != NULL; ap++)
		free(*ap);
	free(argv);
}

/* What cmd_parse_file carries between its helpers. */
struct cmd_parse_file_state {
	const char *path;
	cmd_parse_getvar_cb getvar;
	cmd_parse_line_cb line_cb;
	cmd_parse_error_cb error_cb;
	void *arg;
};

static void cmd_parse_file_error(struct cmd_parse_file_state *, unsigned,
    const char *, ...) __attribute__((format(printf, 3, 4)));

static void
cmd_parse_file_error(
    struct cmd_parse_file_state *fs, unsigned lineno, const char *fmt, ...)
{
	va_list ap;
	char *text, *msg;

	if (fs->error_cb == NULL)
		return;
	va_start(ap, fmt);
	xvasprintf(&text, fmt, ap);
	va_end(ap);
	xasprintf(&msg, "%s:%u: %s", fs->path, lineno, text);
	fs->error_cb(fs->arg, msg);
	free(msg);
	free(text);
}

/*
 * Read one physical line into b (without its LF, nor the CR before it)
 * and count it in *lineno. Returns 1 for a line, 0 at the end of the file,
 * -1 on a read error. Bytes past CMD_PARSE_LINE_MAX are read and dropped,
 * *too_long is then set. *has_nul is set for a line with a NUL byte.
 */
static int
cmd_parse_file_read(FILE *f, struct cmd_parse_buf *b, unsigned *lineno,
    int *too_long, int *has_nul)
{
	char chunk[512];
	size_t n = 0;
	int c, any = 0;

	b->len = 0;
	*too_long = *has_nul = 0;
	while ((c = getc(f)) != EOF) {
		any = 1;
		if (c == '\n')
			break;
		if (c == '\0')
			*has_nul = 1;
		if (b->len + n >= CMD_PARSE_LINE_MAX) {
			*too_long = 1;
			continue;
		}
		chunk[n++] = (char)c;
		if (n == sizeof chunk) {
			cmd_parse_buf_add(b, chunk, n);
			n = 0;
		}
	}
	if (n != 0)
		cmd_parse_buf_add(b, chunk, n);
	if (ferror(f))
		return -1;
	if (!any)
		return 0;
	(*lineno)++;
	if (b->len != 0 && b->data[b->len - 1] == '\r')
		b->data[--b->len] = '\0';
	if (b->data == NULL)
		cmd_parse_buf_add(b, "", 0);
	return 1;
}

/* Split and run one logical line that started at line number lineno. */
static int
cmd_parse_file_run(
    struct cmd_parse_file_state *fs, unsigned lineno, const char *line)
{
	enum cmd_parse_status status;
	char **argv;
	size_t *lens;
	char *msg;
	int argc, bad_word, stop = 0;

	status = cmd_parse_split(
	    line, fs->getvar, fs->arg, 0, &argv, &lens, &argc, &bad_word);
	if (status != CMD_PARSE_OK) {
		msg = cmd_parse_message(status, bad_word);
		cmd_parse_file_error(fs, lineno, "%s", msg);
		free(msg);
		return 0;
	}
	free(lens);
	if (argc > 0 && fs->line_cb != NULL)
		stop = fs->line_cb(fs->arg, fs->path, lineno, argc, argv) != 0;
	cmd_parse_free(argv);
	return stop;
}

/* Variable lookup for the continuation check: values do not matter. */
static const char *
cmd_parse_no_var(void *arg, const char *name)
{
	(void)arg;
	(void)name;
	return NULL;
}

/*
 * Whether a physical line continues on the next one: it ends in a
 * backslash that escapes nothing. The tokenizer decides, so that quotes,
 * \\ and ^\ are read exactly as they will be when the line is split
 * (inside single quotes a backslash is a plain character).
 */
static int
cmd_parse_continues(const char *line, size_t len)
{
	enum cmd_parse_status status;
	char **argv;
	size_t *lens;
	int argc, bad_word, i;

	if (len == 0 || line[len - 1] != '\\')
		return 0;
	status = cmd_parse_split(
	    line, cmd_parse_no_var, NULL, 1, &argv, &lens, &argc, &bad_word);
	if (status == CMD_PARSE_OK) {
		for (i = 0; i < argc; i++)
			free(argv[i]);
		free(argv);
		free(lens);
	}
	return status == CMD_PARSE_TRAILING;
}

int
cmd_parse_file(const char *path, cmd_parse_getvar_cb getvar,
    cmd_parse_line_cb line_cb, cmd_parse_error_cb error_cb, void *arg,
    char **cause)
{
	struct cmd_parse_file_state fs;
	struct cmd_parse_buf phys = { NULL, 0, 0 }, logical = { NULL, 0, 0 };
	unsigned lineno = 0, start = 0;
	int r, too_long, has_nul, bad = 0, pending = 0, saved;
	FILE *f;

	if ((f = fopen(path, "re")) == NULL) {
		saved = errno;
		xasprintf(cause, "%s: %s", path, strerror(saved));
		errno = saved;
		return -1;
	}
	fs.path = path;
	fs.getvar = getvar;
	fs.line_cb = line_cb;
	fs.error_cb = error_cb;
	fs.arg = arg;

	while ((r = cmd_parse_file_read(
		    f, &phys, &lineno, &too_long, &has_nul)) == 1) {
		if (!pending) {
			start = lineno;
			logical.len = 0;
			cmd_parse_buf_add(&logical, "", 0);
			bad = 0;
		}
		if (has_nul && !bad) {
			cmd_parse_file_error(&fs, lineno, "NUL byte in line");
			bad = 1;
		}
		if (too_long && !bad) {
			cmd_parse_file_error(&fs, start,
			    "line longer than %d bytes", CMD_PARSE_LINE_MAX);
			bad = 1;
		}
		if (!bad && logical.len + phys.len > CMD_PARSE_LINE_MAX) {
			cmd_parse_file_error(&fs, start,
			    "line longer than %d bytes", CMD_PARSE_LINE_MAX);
			bad = 1;
		}
		/*
		 * Whether it continues is decided on the whole logical line
		 * so far (a quote opened on an earlier line is still open);
		 * for a line already refused, on this line alone, only to
		 * skip the rest of it. A NUL cuts the text: nothing after it
		 * is looked at.
		 */
		if (!bad) {
			cmd_parse_buf_add(&logical, phys.data, phys.len);
			pending =
			    cmd_parse_continues(logical.data, logical.len);
			if (pending)
				logical.data[--logical.len] = '\0';
		} else
			pending = !has_nul &&
			    cmd_parse_continues(phys.data, phys.len);
		if (pending)
			continue;
		if (!bad && cmd_parse_file_run(&fs, start, logical.data))
			break;
	}
	if (r == -1) {
		saved = errno;
		xasprintf(cause, "%s: %s", path, strerror(saved));
		free(phys.data);
		free(logical.data);
		fclose(f);
		errno = saved;
		return -1;
	}
	if (r == 0 && pending && !bad)
		cmd_parse_file_error(
		    &fs, start, "backslash continues past the end of the file");
	free(phys.data);
	free(logical.data);
	fclose(f);
	return 0;
}

char *
cmd_parse_unescape(const char *word, size_t *len)
{
	struct cmd_parse_buf b = { NULL, 0, 0 };
	const char *p = word;
	size_t used;

	cmd_parse_buf_add(&b, "", 0);
	while (*p != '\0') {
		if (*p == '\\' && p[1] != '\0' &&
		    (used = cmd_parse_backslash(p, &b)) != 0) {
			p += used;
			continue;
		}
		if (*p == '^' && (used = cmd_parse_caret(p, '\0', &b)) != 0) {
			p += used;
			continue;
		}
		cmd_parse_buf_add_char(&b, *p++);
	}
	*len = b.len;
	return b.data;
}

/*
 * GNU screen's command names, sorted for bsearch: the command index of
 * the screen 4.9 manual, the names a 4.x build may add (braille bd_*,
 * kanji, nethack, debug, the old `bell`), and those new in 5.0 (auth,
 * multiinput, status, truecolor). Names only: nothing here says what
 * they do.
 */
static const char *const cmd_parse_screen_commands[] = {
	"acladd",
	"aclchg",
	"acldel",
	"aclgrp",
	"aclumask",
	"activity",
	"addacl",
	"allpartial",
	"altscreen",
	"at",
	"attrcolor",
	"auth",
	"autodetach",
	"autonuke",
	"backtick",
	"bce",
	"bd_bc_down",
	"bd_bc_left",
	"bd_bc_right",
	"bd_bc_up",
	"bd_bell",
	"bd_braille_table",
	"bd_eightdot",
	"bd_info",
	"bd_link",
	"bd_lower_left",
	"bd_lower_right",
	"bd_ncrc",
	"bd_port",
	"bd_scroll",
	"bd_skip",
	"bd_start_braille",
	"bd_type",
	"bd_upper_left",
	"bd_upper_right",
	"bd_width",
	"bell",
	"bell_msg",
	"bind",
	"bindkey",
	"blanker",
	"blankerprg",
	"break",
	"breaktype",
	"bufferfile",
	"bumpleft",
	"bumpright",
	"c1",
	"caption",
	"chacl",
	"charset",
	"chdir",
	"cjkwidth",
	"clear",
	"collapse",
	"colon",
	"command",
	"compacthist",
	"console",
	"copy",
	"copy_reg",
	"crlf",
	"debug",
	"defautonuke",
	"defbce",
	"defbreaktype",
	"defc1",
	"defcharset",
	"defdynamictitle",
	"defencoding",
	"defescape",
	"defflow",
	"defgr",
	"defhstatus",
	"defkanji",
	"deflog",
	"deflogin",
	"defmode",
	"defmonitor",
	"defmousetrack",
	"defnonblock",
	"defobuflimit",
	"defscrollback",
	"defshell",
	"defsilence",
	"defslowpaste",
	"defutf8",
	"defwrap",
	"defwritelock",
	"detach",
	"digraph",
	"dinfo",
	"displays",
	"dumptermcap",
	"dynamictitle",
	"echo",
	"encoding",
	"escape",
	"eval",
	"exec",
	"fit",
	"flow",
	"focus",
	"focusminsize",
	"gr",
	"group",
	"hardcopy",
	"hardcopy_append",
	"hardcopydir",
	"hardstatus",
	"height",
	"help",
	"history",
	"hstatus",
	"idle",
	"ignorecase",
	"info",
	"ins_reg",
	"kanji",
	"kill",
	"lastmsg",
	"layout",
	"license",
	"lockscreen",
	"log",
	"logfile",
	"login",
	"logtstamp",
	"mapdefault",
	"mapnotnext",
	"maptimeout",
	"markkeys",
	"maxwin",
	"meta",
	"monitor",
	"mousetrack",
	"msgminwait",
	"msgwait",
	"multiinput",
	"multiuser",
	"nethack",
	"next",
	"nonblock",
	"number",
	"obuflimit",
	"only",
	"other",
	"partial",
	"password",
	"paste",
	"pastefont",
	"pow_break",
	"pow_detach",
	"pow_detach_msg",
	"prev",
	"printcmd",
	"process",
	"quit",
	"readbuf",
	"readreg",
	"redisplay",
	"register",
	"remove",
	"removebuf",
	"rendition",
	"reset",
	"resize",
	"screen",
	"scrollback",
	"select",
	"sessionname",
	"setenv",
	"setsid",
	"shell",
	"shelltitle",
	"silence",
	"silencewait",
	"sleep",
	"slowpaste",
	"sorendition",
	"sort",
	"source",
	"split",
	"startup_message",
	"status",
	"stuff",
	"su",
	"suspend",
	"term",
	"termcap",
	"termcapinfo",
	"terminfo",
	"time",
	"title",
	"truecolor",
	"umask",
	"unbindall",
	"unsetenv",
	"utf8",
	"vbell",
	"vbell_msg",
	"vbellwait",
	"verbose",
	"version",
	"wall",
	"width",
	"windowlist",
	"windows",
	"wrap",
	"writebuf",
	"writelock",
	"xoff",
	"xon",
	"zmodem",
	"zombie",
	"zombie_timeout",
};

static int
cmd_parse_name_cmp(const void *key, const void *entry)
{
	return strcmp(key, *(const char *const *)entry);
}

int
cmd_parse_is_screen_command(const char *name)
{
	return bsearch(name, cmd_parse_screen_commands,
		   sizeof cmd_parse_screen_commands /
		       sizeof cmd_parse_screen_commands[0],
		   sizeof cmd_parse_screen_commands[0],
		   cmd_parse_name_cmp) != NULL;
}
