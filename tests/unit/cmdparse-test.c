/*
 * cmdparse-test.c -- unit tests of the command language's tokenizer and
 * rc file reader (src/cmd-parse.c).
 *
 * Every quoting and escape rule, $VAR and ${VAR} through a test variable
 * table, the malformed cases (unterminated quotes, trailing backslash,
 * unknown escapes, lone ^, ${ without }, NUL bytes, very long input), the
 * -X escape processing, screen's command names, and the file reader on
 * temporary files (continuation, line numbers in errors, CR LF, NUL bytes,
 * long lines, missing files). Prints one TAP line per case; exits 1 if any
 * failed. Links only cmd-parse.c and util/xmalloc.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd-parse.h"

static int cmdparse_test_failed;

static void cmdparse_test_ok(int, const char *, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/* Report one case: cond true is a pass; otherwise print the diagnostic. */
static void
cmdparse_test_ok(int cond, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (cond) {
		printf("ok - %s\n", name);
		return;
	}
	cmdparse_test_failed = 1;
	printf("not ok - %s\n", name);
	if (fmt != NULL) {
		printf("# ");
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf("\n");
	}
}

/* The test's variables: NAME=VALUE pairs, changeable by rc lines. */
#define CMDPARSE_TEST_VARS 16
static char *cmdparse_test_var_name[CMDPARSE_TEST_VARS];
static char *cmdparse_test_var_value[CMDPARSE_TEST_VARS];

static void
cmdparse_test_setvar(const char *name, const char *value)
{
	int i, free_slot = -1;

	for (i = 0; i < CMDPARSE_TEST_VARS; i++) {
		if (cmdparse_test_var_name[i] == NULL) {
			if (free_slot == -1)
				free_slot = i;
			continue;
		}
		if (strcmp(cmdparse_test_var_name[i], name) == 0)
			break;
	}
	if (i == CMDPARSE_TEST_VARS) {
		if (value == NULL || free_slot == -1)
			return;
		i = free_slot;
		cmdparse_test_var_name[i] = strdup(name);
	}
	free(cmdparse_test_var_value[i]);
	cmdparse_test_var_value[i] = NULL;
	if (value == NULL) {
		free(cmdparse_test_var_name[i]);
		cmdparse_test_var_name[i] = NULL;
	} else
		cmdparse_test_var_value[i] = strdup(value);
}

static const char *
cmdparse_test_getvar(void *arg, const char *name)
{
	int i;

	(void)arg;
	for (i = 0; i < CMDPARSE_TEST_VARS; i++) {
		if (cmdparse_test_var_name[i] != NULL &&
		    strcmp(cmdparse_test_var_name[i], name) == 0)
			return cmdparse_test_var_value[i];
	}
	return NULL;
}

static void
cmdparse_test_clearvars(void)
{
	int i;

	for (i = 0; i < CMDPARSE_TEST_VARS; i++) {
		free(cmdparse_test_var_name[i]);
		free(cmdparse_test_var_value[i]);
		cmdparse_test_var_name[i] = cmdparse_test_var_value[i] = NULL;
	}
}

/* Printable form of bytes for diagnostics (static buffer, short). */
static const char *
cmdparse_test_show(const char *s, size_t len)
{
	static char out[4][256];
	static int which;
	char *o = out[which++ % 4];
	size_t i, n = 0;

	for (i = 0; i < len && n + 5 < sizeof out[0]; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f && c != '|')
			o[n++] = (char)c;
		else
			n += (size_t)snprintf(o + n, 6, "<%02x>", c);
	}
	o[n] = '\0';
	return o;
}

/*
 * Check line splits into exactly the words given (NULL-terminated list;
 * each word a C string). Words are compared byte for byte.
 */
static void
cmdparse_test_words(const char *name, const char *line, ...)
{
	const char *want[64];
	char **argv, *cause = NULL;
	int argc, n = 0, i, good;
	va_list ap;

	va_start(ap, line);
	while (n < 63 && (want[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);

	if (cmd_parse_line(
		line, cmdparse_test_getvar, NULL, &argv, &argc, &cause) != 0) {
		cmdparse_test_ok(0, name, "error \"%s\" for [%s]", cause,
		    cmdparse_test_show(line, strlen(line)));
		free(cause);
		return;
	}
	good = argc == n && argv[argc] == NULL;
	for (i = 0; good && i < n; i++)
		good = strcmp(argv[i], want[i]) == 0;
	if (good) {
		cmdparse_test_ok(1, name, NULL);
	} else {
		cmdparse_test_ok(0, name, "[%s]: %d words, wanted %d",
		    cmdparse_test_show(line, strlen(line)), argc, n);
		for (i = 0; i < argc; i++)
			printf("#   got  %d [%s]\n", i,
			    cmdparse_test_show(argv[i], strlen(argv[i])));
		for (i = 0; i < n; i++)
			printf("#   want %d [%s]\n", i,
			    cmdparse_test_show(want[i], strlen(want[i])));
	}
	cmd_parse_free(argv);
}

/* Check line fails with exactly the message want. */
static void
cmdparse_test_error(const char *name, const char *line, const char *want)
{
	char **argv = (char **)1, *cause = NULL;
	int argc = 7;

	if (cmd_parse_line(
		line, cmdparse_test_getvar, NULL, &argv, &argc, &cause) == 0) {
		cmdparse_test_ok(0, name, "[%s] split into %d words",
		    cmdparse_test_show(line, strlen(line)), argc);
		cmd_parse_free(argv);
		return;
	}
	cmdparse_test_ok(
	    cause != NULL && strcmp(cause, want) == 0 && argv == NULL, name,
	    "error \"%s\", wanted \"%s\"", cause ? cause : "(null)", want);
	free(cause);
}

static void
cmdparse_test_tokenizer(void)
{
	char line[64];

	cmdparse_test_setvar("V", "value");
	cmdparse_test_setvar("SP", "a b 'c' \"d\" $V ^A \\n #e");
	cmdparse_test_setvar("EMPTY", "");
	cmdparse_test_setvar("V_2", "two");
	cmdparse_test_setvar("1", "one");

	cmdparse_test_words("empty line", "", NULL);
	cmdparse_test_words("blank line", " \t  \t", NULL);
	cmdparse_test_words("comment line", "# a comment 'with \"quotes", NULL);
	cmdparse_test_words("indented comment", "\t  #x", NULL);
	cmdparse_test_words("plain words", "screen -t top 1 top", "screen",
	    "-t", "top", "1", "top", NULL);
	cmdparse_test_words("tabs and runs of blanks", "\t a \t\t b   c  ", "a",
	    "b", "c", NULL);
	cmdparse_test_words("newline is a blank", "a\nb", "a", "b", NULL);
	cmdparse_test_words(
	    "comment after words", "echo a # b c", "echo", "a", NULL);
	cmdparse_test_words("# inside a word is plain", "at 2#x a#b#", "at",
	    "2#x", "a#b#", NULL);
	cmdparse_test_words(
	    "\\# starts no comment", "at \\# echo", "at", "#", "echo", NULL);
	cmdparse_test_words(
	    "# in quotes", "echo \"#a\" '#b'", "echo", "#a", "#b", NULL);
	cmdparse_test_words("# right after a closing quote", "echo \"a\"#b",
	    "echo", "a#b", NULL);

	/* Quotes. */
	cmdparse_test_words(
	    "single quotes", "echo 'a  b'", "echo", "a  b", NULL);
	cmdparse_test_words(
	    "double quotes", "echo \"a  b\"", "echo", "a  b", NULL);
	cmdparse_test_words("single quotes are literal",
	    "x '$V ${V} \\n \\\\ ^A \\'", "x", "$V ${V} \\n \\\\ ^A \\", NULL);
	cmdparse_test_words("double quotes expand",
	    "x \"$V ${V} \\n \\\\ ^A \\\"\"", "x", "value value \n \\ \001 \"",
	    NULL);
	cmdparse_test_words(
	    "quotes join one word", "a\"b c\"'d e'f", "ab cd ef", NULL);
	cmdparse_test_words("empty quotes give empty words", "a '' \"\" b", "a",
	    "", "", "b", NULL);
	cmdparse_test_words("other quote inside quotes",
	    "\"it's\" 'say \"hi\"'", "it's", "say \"hi\"", NULL);
	cmdparse_test_words("blanks kept in quotes", "' \t '", " \t ", NULL);
	cmdparse_test_words("quoted newline kept", "'a\nb'", "a\nb", NULL);

	/* Backslash escapes. */
	cmdparse_test_words("\\n \\t \\r \\e", "\\n \\t \\r \\e", "\n", "\t",
	    "\r", "\033", NULL);
	cmdparse_test_words("escaped specials", "\\\\ \\\" \\' \\$ \\# \\^",
	    "\\", "\"", "'", "$", "#", "^", NULL);
	cmdparse_test_words("escaped quote does not open a quote",
	    "a\\'b \\\"c", "a'b", "\"c", NULL);
	cmdparse_test_words("octal escapes", "\\033 \\101 \\7 \\60x", "\033",
	    "A", "\a", "0x", NULL);
	cmdparse_test_words(
	    "octal takes at most 3 digits", "\\1011", "A1", NULL);
	cmdparse_test_words("octal wraps to one byte", "\\777", "\377", NULL);
	cmdparse_test_words("unknown escape keeps the backslash",
	    "\\q \\x41 \\8 \\E", "\\q", "\\x41", "\\8", "\\E", NULL);
	cmdparse_test_words(
	    "unknown escape before a blank", "a\\ b", "a\\", "b", NULL);
	cmdparse_test_words(
	    "escapes in double quotes", "\"\\t\\101\\q\"", "\tA\\q", NULL);

	/* ^X control notation. */
	cmdparse_test_words("caret notation", "^A ^a ^[ ^? ^Z ^_", "\001",
	    "\001", "\033", "\177", "\032", "\037", NULL);
	cmdparse_test_words(
	    "caret inside a word", "x^Gy \"^M\"", "x\ay", "\r", NULL);
	cmdparse_test_words(
	    "caret takes a backslash", "^\\ ^\\\\\\", "\034", "\034\\", NULL);
	cmdparse_test_words("caret takes a quote character", "^'", "\a", NULL);
	cmdparse_test_words(
	    "escape ^Aa", "escape ^Aa", "escape", "\001a", NULL);
	cmdparse_test_words("lone caret at the end", "a^", "a^", NULL);
	cmdparse_test_words(
	    "lone caret before a blank", "^ x ^\tb", "^", "x", "^", "b", NULL);
	cmdparse_test_words(
	    "caret before the closing quote", "\"a^\" 'b^'", "a^", "b^", NULL);
	cmdparse_test_words(
	    "caret in single quotes is literal", "'^A'", "^A", NULL);
	cmdparse_test_words("escaped caret", "\\^A", "^A", NULL);
	cmdparse_test_words("caret before non-ASCII is literal", "^\xc3\xa9",
	    "^\xc3\xa9", NULL);

	/* Variables. */
	cmdparse_test_words("$VAR and ${VAR}", "$V ${V} x$V ${V}y", "value",
	    "value", "xvalue", "valuey", NULL);
	cmdparse_test_words("name runs to the first non-name character",
	    "$V.$V-$V_2/$Vx", "value.value-two/", NULL);
	cmdparse_test_words("digits are names", "$1 ${1}", "one", "one", NULL);
	cmdparse_test_words("unset variable expands to an empty word",
	    "a $UNSET ${UNSET} b", "a", "", "", "b", NULL);
	cmdparse_test_words("empty variable", "[$EMPTY]", "[]", NULL);
	cmdparse_test_words("value is not rescanned or split", "$SP \"$SP\"",
	    "a b 'c' \"d\" $V ^A \\n #e", "a b 'c' \"d\" $V ^A \\n #e", NULL);
	cmdparse_test_words("plain dollars", "$ a$ $- $. \"$\" $'x'", "$", "a$",
	    "$-", "$.", "$", "$x", NULL);
	cmdparse_test_words(
	    "escaped dollar", "\\$V \"\\${V}\"", "$V", "${V}", NULL);
	cmdparse_test_words(
	    "no expansion in single quotes", "'$V' '${V}'", "$V", "${V}", NULL);
	cmdparse_test_words("${} is empty", "a${}b", "ab", NULL);
	cmdparse_test_words(
	    "variable at a word start then comment", "$V #x", "value", NULL);

	/* Malformed input. */
	cmdparse_test_error("unterminated double quote", "echo \"abc",
	    "unterminated double quote");
	cmdparse_test_error("unterminated single quote", "echo 'abc",
	    "unterminated single quote");
	cmdparse_test_error("unterminated quote after words", "a b c\"",
	    "unterminated double quote");
	cmdparse_test_error(
	    "trailing backslash", "echo abc\\", "trailing backslash");
	cmdparse_test_error(
	    "trailing backslash alone", "\\", "trailing backslash");
	cmdparse_test_error("trailing backslash in double quotes", "\"a\\",
	    "trailing backslash");
	cmdparse_test_error("single quote with trailing backslash", "'a\\",
	    "unterminated single quote");
	cmdparse_test_error("${ without }", "echo ${V",
	    "unterminated ${ (no "
	    "closing })");
	cmdparse_test_error("${ without } in quotes", "\"${V\"",
	    "unterminated ${ (no closing })");
	cmdparse_test_error(
	    "^@ is a NUL byte", "stuff ^@", "argument 2 contains a NUL byte");
	cmdparse_test_error(
	    "\\0 is a NUL byte", "a b \\000", "argument 3 contains a NUL byte");
	snprintf(line, sizeof line, "a\\");
	cmdparse_test_error(
	    "backslash at the very end", line, "trailing backslash");
}

static void
cmdparse_test_tokenizer_more(void)
{
	char **argv, *cause = NULL, *big;
	size_t *lens, n, i;
	int argc, r, good;

	/* NUL bytes are allowed by cmd_parse_line_len. */
	r = cmd_parse_line_len(
	    "stuff ^@x\\000 ok", NULL, NULL, &argv, &lens, &argc, &cause);
	good = r == 0 && argc == 3 && lens[1] == 3 &&
	    memcmp(argv[1], "\0x\0", 4) == 0 && lens[2] == 2 &&
	    strcmp(argv[2], "ok") == 0 && lens[0] == 5;
	cmdparse_test_ok(
	    good, "NUL bytes with lengths", "r %d argc %d", r, argc);
	if (r == 0) {
		cmd_parse_free(argv);
		free(lens);
	} else
		free(cause);

	r = cmd_parse_line_len(
	    "  # x", NULL, NULL, &argv, &lens, &argc, &cause);
	cmdparse_test_ok(r == 0 && argc == 0 && argv[0] == NULL,
	    "empty line with lengths", NULL);
	if (r == 0) {
		cmd_parse_free(argv);
		free(lens);
	} else
		free(cause);

	r = cmd_parse_line_len("'abc", NULL, NULL, &argv, &lens, &argc, &cause);
	cmdparse_test_ok(r == -1 &&
		strcmp(cause, "unterminated single quote") == 0 &&
		argv == NULL && lens == NULL,
	    "error with lengths", NULL);
	if (r == -1)
		free(cause);

	/* NULL getvar means getenv. */
	setenv("ROOST_CMDPARSE_TEST", "from env", 1);
	r = cmd_parse_line(
	    "$ROOST_CMDPARSE_TEST", NULL, NULL, &argv, &argc, &cause);
	cmdparse_test_ok(
	    r == 0 && argc == 1 && strcmp(argv[0], "from env") == 0,
	    "NULL getvar reads the environment", NULL);
	if (r == 0)
		cmd_parse_free(argv);
	unsetenv("ROOST_CMDPARSE_TEST");

	/* A very long word and very many words. */
	n = 1 << 20;
	big = malloc(n + 16);
	memcpy(big, "stuff ", 6);
	for (i = 6; i < n + 6; i++)
		big[i] = (char)('a' + i % 26);
	big[n + 6] = '\0';
	r = cmd_parse_line(big, NULL, NULL, &argv, &argc, &cause);
	cmdparse_test_ok(r == 0 && argc == 2 && strlen(argv[1]) == n &&
		memcmp(argv[1], big + 6, n) == 0,
	    "one-megabyte word", NULL);
	if (r == 0)
		cmd_parse_free(argv);
	for (i = 0; i < n; i += 2) {
		big[i] = 'x';
		big[i + 1] = ' ';
	}
	big[n] = '\0';
	r = cmd_parse_line(big, NULL, NULL, &argv, &argc, &cause);
	good = r == 0 && argc == (int)(n / 2);
	for (i = 0; good && i < (size_t)argc; i++)
		good = strcmp(argv[i], "x") == 0;
	cmdparse_test_ok(good, "half a million words", "r %d argc %d", r, argc);
	if (r == 0)
		cmd_parse_free(argv);
	memset(big, '"', n);
	big[n] = '\0';
	r = cmd_parse_line(big, NULL, NULL, &argv, &argc, &cause);
	cmdparse_test_ok(r == 0 && argc == 1 && argv[0][0] == '\0',
	    "a megabyte of double quotes", NULL);
	if (r == 0)
		cmd_parse_free(argv);
	big[n - 1] = '\'';
	r = cmd_parse_line(big, NULL, NULL, &argv, &argc, &cause);
	/* An odd number of " before the ': the ' is inside a quote. */
	cmdparse_test_ok(
	    r == -1 && strcmp(cause, "unterminated double quote") == 0,
	    "a megabyte of quotes, one unterminated", NULL);
	if (r == -1)
		free(cause);
	else
		cmd_parse_free(argv);
	free(big);

	cmd_parse_free(NULL);
	cmdparse_test_ok(1, "cmd_parse_free(NULL)", NULL);
}

/* Check cmd_parse_unescape(in) gives exactly want_len bytes want. */
static void
cmdparse_test_unescape(
    const char *name, const char *in, const char *want, size_t want_len)
{
	size_t len = 99;
	char *out;

	out = cmd_parse_unescape(in, &len);
	cmdparse_test_ok(
	    len == want_len && memcmp(out, want, len) == 0 && out[len] == '\0',
	    name, "[%s] gave [%s] (%zu bytes), wanted [%s]",
	    cmdparse_test_show(in, strlen(in)), cmdparse_test_show(out, len),
	    len, cmdparse_test_show(want, want_len));
	free(out);
}

static void
cmdparse_test_unescapes(void)
{
	cmdparse_test_unescape("-X: make\\n", "make\\n", "make\n", 5);
	cmdparse_test_unescape("-X: empty", "", "", 0);
	cmdparse_test_unescape("-X: escapes", "\\t\\r\\e\\\\\\\"\\'\\$\\#\\^",
	    "\t\r\033\\\"'$#^", 9);
	cmdparse_test_unescape("-X: octal", "\\033[A\\0101", "\033[A\0101", 5);
	cmdparse_test_unescape("-X: caret", "^C^[^?x", "\003\033\177x", 4);
	cmdparse_test_unescape("-X: NUL bytes", "a^@b\\000", "a\0b\0", 4);
	cmdparse_test_unescape(
	    "-X: quotes are plain", "'a' \"b\"", "'a' \"b\"", 7);
	cmdparse_test_unescape(
	    "-X: no variables", "$HOME ${HOME}", "$HOME ${HOME}", 13);
	cmdparse_test_unescape(
	    "-X: # is plain", "# not a comment", "# not a comment", 15);
	cmdparse_test_unescape(
	    "-X: unknown escape kept", "\\q\\8", "\\q\\8", 4);
	cmdparse_test_unescape(
	    "-X: trailing backslash kept", "ab\\", "ab\\", 3);
	cmdparse_test_unescape("-X: trailing caret kept", "ab^", "ab^", 3);
	cmdparse_test_unescape("-X: caret before blank kept", "^ a", "^ a", 3);
	cmdparse_test_unescape("-X: UTF-8 untouched", "\xc3\xa9\xe2\x82\xac",
	    "\xc3\xa9\xe2\x82\xac", 5);
}

static void
cmdparse_test_names(void)
{
	static const char *yes[] = { "acladd", "altscreen", "at", "bell_msg",
		"bind", "bindkey", "caption", "chdir", "colon", "defescape",
		"defscrollback", "deflogin", "escape", "focus", "hardcopy",
		"hardcopy_append", "hardcopydir", "hardstatus", "layout",
		"lockscreen", "meta", "pow_detach", "remove", "resize",
		"screen", "sorendition", "sort", "source", "split",
		"startup_message", "stuff", "termcapinfo", "unsetenv", "wall",
		"windowlist", "xon", "zmodem", "zombie", "zombie_timeout" };
	static const char *no[] = { "", "Screen", "frobnicate", "layou",
		"zombie_", "aaa", "zzz", "new-window", "set-option", "bd_" };
	size_t i;
	int good = 1;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (!cmd_parse_is_screen_command(yes[i])) {
			printf("# %s not found\n", yes[i]);
			good = 0;
		}
	}
	cmdparse_test_ok(good, "screen command names found", NULL);
	good = 1;
	for (i = 0; i < sizeof no / sizeof no[0]; i++) {
		if (cmd_parse_is_screen_command(no[i])) {
			printf("# %s found\n", no[i]);
			good = 0;
		}
	}
	cmdparse_test_ok(good, "other names not found", NULL);
}

/* What the file reader's callbacks saw, as one text. */
struct cmdparse_test_rec {
	char text[8192];
	size_t len;
	int stop_at; /* return -1 from the line callback on this line */
};

static void cmdparse_test_rec_add(struct cmdparse_test_rec *r, const char *fmt,
    ...) __attribute__((format(printf, 2, 3)));

static void
cmdparse_test_rec_add(struct cmdparse_test_rec *r, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(r->text + r->len, sizeof r->text - r->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		r->len += (size_t)n;
	if (r->len >= sizeof r->text)
		r->len = sizeof r->text - 1;
}

/* A line: "LINE: word|word|...\n"; `setenv A B` and `unsetenv A` act. */
static int
cmdparse_test_line_cb(
    void *arg, const char *file, unsigned lineno, int argc, char **argv)
{
	struct cmdparse_test_rec *r = arg;
	int i;

	(void)file;
	cmdparse_test_rec_add(r, "%u:", lineno);
	for (i = 0; i < argc; i++)
		cmdparse_test_rec_add(r, "%s%s", i == 0 ? " " : "|",
		    cmdparse_test_show(argv[i], strlen(argv[i])));
	cmdparse_test_rec_add(r, "\n");
	if (argc == 3 && strcmp(argv[0], "setenv") == 0)
		cmdparse_test_setvar(argv[1], argv[2]);
	if (argc == 2 && strcmp(argv[0], "unsetenv") == 0)
		cmdparse_test_setvar(argv[1], NULL);
	if (r->stop_at != 0 && (int)lineno == r->stop_at)
		return -1;
	return 0;
}

static void
cmdparse_test_error_cb(void *arg, const char *message)
{
	struct cmdparse_test_rec *r = arg;
	const char *slash, *colon;

	/* The file's path is written F: "F:LINE: message". */
	slash = strrchr(message, '/');
	colon = strchr(slash != NULL ? slash : message, ':');
	cmdparse_test_rec_add(r, "E F%s\n", colon != NULL ? colon : message);
}

static char cmdparse_test_dir[256];

/* Write data (len bytes) to DIR/name; returns the path (static). */
static const char *
cmdparse_test_file(const char *name, const char *data, size_t len)
{
	static char path[1024];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", cmdparse_test_dir, name);
	if ((f = fopen(path, "w")) == NULL || fwrite(data, 1, len, f) != len ||
	    fclose(f) != 0) {
		printf("# cannot write %s: %s\n", path, strerror(errno));
		exit(1);
	}
	return path;
}

/* Read file name holding data and compare what the callbacks saw. */
static void
cmdparse_test_read(const char *name, const char *data, size_t len, int stop_at,
    const char *want)
{
	struct cmdparse_test_rec r;
	const char *path;
	char *cause = NULL;
	int status;

	memset(&r, 0, sizeof r);
	r.stop_at = stop_at;
	path = cmdparse_test_file("rc", data, len);
	status = cmd_parse_file(path, cmdparse_test_getvar,
	    cmdparse_test_line_cb, cmdparse_test_error_cb, &r, &cause);
	if (status != 0) {
		cmdparse_test_ok(0, name, "cmd_parse_file failed: %s", cause);
		free(cause);
	} else if (strcmp(r.text, want) == 0)
		cmdparse_test_ok(1, name, NULL);
	else {
		cmdparse_test_ok(0, name, "callbacks saw:");
		printf("# ---- got\n%s# ---- wanted\n%s", r.text, want);
	}
	unlink(path);
}

#define CMDPARSE_TEST_READ(name, data, stop, want) \
	cmdparse_test_read(name, data, sizeof data - 1, stop, want)

static void
cmdparse_test_files(void)
{
	struct cmdparse_test_rec r;
	char *cause = NULL, *big, want[256], fname[64], missing[512];
	const char *path;
	size_t n;
	int status;

	cmdparse_test_clearvars();
	cmdparse_test_setvar("HOME", "/home/u");

	CMDPARSE_TEST_READ("file: plain lines and line numbers",
	    "# rc\n\nscreen -t a\n  \t\nselect 1 # comment\n", 0,
	    "3: screen|-t|a\n5: select|1\n");
	CMDPARSE_TEST_READ("file: no newline at the end", "echo a\necho b", 0,
	    "1: echo|a\n2: echo|b\n");
	CMDPARSE_TEST_READ("file: CR LF line ends",
	    "echo a\r\necho \"b\"\r\n\r\necho c\r\n", 0,
	    "1: echo|a\n2: echo|b\n4: echo|c\n");
	CMDPARSE_TEST_READ("file: continuation",
	    "screen -t long \\\n    vim \\\n    notes\necho after\n", 0,
	    "1: screen|-t|long|vim|notes\n4: echo|after\n");
	CMDPARSE_TEST_READ("file: continuation joins a word", "echo ab\\\ncd\n",
	    0, "1: echo|abcd\n");
	CMDPARSE_TEST_READ("file: continuation inside double quotes",
	    "echo \"a \\\nb\"\nx\n", 0, "1: echo|a b\n3: x\n");
	CMDPARSE_TEST_READ("file: continuation with CR LF",
	    "echo a \\\r\nb\r\nc\r\n", 0, "1: echo|a|b\n3: c\n");
	CMDPARSE_TEST_READ("file: quotes carry over continued lines",
	    "echo \"a \\\nb\" 'c\\\nd'\n", 0,
	    "E F:1: unterminated single quote\nE F:3: unterminated single "
	    "quote\n");
	CMDPARSE_TEST_READ("file: escaped backslash does not continue",
	    "echo a\\\\\necho b\n", 0, "1: echo|a\\\n2: echo|b\n");
	CMDPARSE_TEST_READ("file: ^\\ at the end does not continue",
	    "bind ^\\\nescape ^\\\\\\\necho b\n", 0,
	    "1: bind|<1c>\n2: escape|<1c>\\\n3: echo|b\n");
	CMDPARSE_TEST_READ("file: backslash in a comment does not continue",
	    "# comment \\\necho b\n", 0, "2: echo|b\n");
	CMDPARSE_TEST_READ("file: backslash in single quotes does not continue",
	    "echo 'a\\\necho b\n", 0,
	    "E F:1: unterminated single quote\n2: echo|b\n");
	CMDPARSE_TEST_READ("file: bad line in the middle",
	    "echo 1\necho \"2\necho 3\necho ${4\necho 5\\\n\\\n\nx \\q\n", 0,
	    "1: echo|1\nE F:2: unterminated double quote\n3: echo|3\n"
	    "E F:4: unterminated ${ (no closing })\n5: echo|5\n"
	    "8: x|\\q\n");
	CMDPARSE_TEST_READ("file: error on a continued line names its start",
	    "a\nb \\\n\"c\nd\n", 0,
	    "1: a\nE F:2: unterminated double quote\n4: d\n");
	CMDPARSE_TEST_READ("file: continuation at the end of the file",
	    "echo a\necho b \\\n", 0,
	    "1: echo|a\nE F:2: backslash continues past the end of the "
	    "file\n");
	CMDPARSE_TEST_READ("file: NUL byte in a line",
	    "echo a\necho \0b\necho c\n", 0,
	    "1: echo|a\nE F:2: NUL byte in line\n3: echo|c\n");
	CMDPARSE_TEST_READ("file: NUL byte in a continued line",
	    "echo a \\\n\0\necho c\n", 0,
	    "E F:2: NUL byte in line\n3: echo|c\n");
	CMDPARSE_TEST_READ("file: NUL from an escape",
	    "stuff ^@\nstuff \\000\nok\n", 0,
	    "E F:1: argument 2 contains a NUL byte\n"
	    "E F:2: argument 2 contains a NUL byte\n3: ok\n");
	CMDPARSE_TEST_READ("file: variables follow setenv",
	    "echo $A\nsetenv A one\necho $A ${A}x \"$HOME\" '$A'\n"
	    "unsetenv A\necho [$A]\n",
	    0,
	    "1: echo|\n2: setenv|A|one\n3: echo|one|onex|/home/u|$A\n"
	    "4: unsetenv|A\n5: echo|[]\n");
	CMDPARSE_TEST_READ("file: the line callback stops the reading",
	    "a\nb\nc\n", 2, "1: a\n2: b\n");
	CMDPARSE_TEST_READ("file: empty file", "", 0, "");
	CMDPARSE_TEST_READ(
	    "file: only comments and blanks", "#!\n   # x\n\n\t\n", 0, "");
	CMDPARSE_TEST_READ("file: lone CR line", "\r\nx\n", 0, "2: x\n");

	/* A line longer than the limit, then a good one. */
	n = CMD_PARSE_LINE_MAX + 100;
	big = malloc(n + 32);
	memset(big, 'x', n);
	memcpy(big, "echo ", 5);
	memcpy(big + n, "\necho ok\n", 10);
	memset(&r, 0, sizeof r);
	snprintf(fname, sizeof fname, "rc-long");
	path = cmdparse_test_file(fname, big, n + 9);
	status = cmd_parse_file(path, NULL, cmdparse_test_line_cb,
	    cmdparse_test_error_cb, &r, &cause);
	snprintf(want, sizeof want,
	    "E F:1: line longer than %d bytes\n2: echo|ok\n",
	    CMD_PARSE_LINE_MAX);
	cmdparse_test_ok(status == 0 && strcmp(r.text, want) == 0,
	    "file: line too long", "got [%s]", r.text);
	unlink(path);

	/* Lines within the limit, continued past it. */
	memset(big, 'y', n);
	memcpy(big, "echo ", 5);
	big[CMD_PARSE_LINE_MAX / 2] = '\\';
	big[CMD_PARSE_LINE_MAX / 2 + 1] = '\n';
	memcpy(big + n, "\necho ok\n", 10);
	memset(&r, 0, sizeof r);
	path = cmdparse_test_file(fname, big, n + 9);
	status = cmd_parse_file(path, NULL, cmdparse_test_line_cb,
	    cmdparse_test_error_cb, &r, &cause);
	snprintf(want, sizeof want,
	    "E F:1: line longer than %d bytes\n3: echo|ok\n",
	    CMD_PARSE_LINE_MAX);
	cmdparse_test_ok(status == 0 && strcmp(r.text, want) == 0,
	    "file: continued line too long", "got [%s]", r.text);
	unlink(path);

	/* A line just within the limit is read whole. */
	n = CMD_PARSE_LINE_MAX;
	memset(big, 'z', n);
	memcpy(big, "echo ", 5);
	big[n] = '\n';
	memset(&r, 0, sizeof r);
	path = cmdparse_test_file(fname, big, n + 1);
	status = cmd_parse_file(path, NULL, cmdparse_test_line_cb,
	    cmdparse_test_error_cb, &r, &cause);
	cmdparse_test_ok(status == 0 && r.len > 10 &&
		strncmp(r.text, "1: echo|zzz", 11) == 0 &&
		strchr(r.text, 'E') == NULL,
	    "file: line of exactly the limit", "got %zu bytes", r.len);
	unlink(path);
	free(big);

	/* Files that cannot be read. */
	snprintf(missing, sizeof missing, "%s/missing", cmdparse_test_dir);
	errno = 0;
	status = cmd_parse_file(missing, NULL, cmdparse_test_line_cb,
	    cmdparse_test_error_cb, &r, &cause);
	cmdparse_test_ok(status == -1 && errno == ENOENT && cause != NULL &&
		strstr(cause, "missing") != NULL &&
		strstr(cause, "No such file") != NULL,
	    "file: missing file is ENOENT", "status %d errno %d cause %s",
	    status, errno, status == -1 ? cause : "-");
	if (status == -1)
		free(cause);

	errno = 0;
	status = cmd_parse_file(cmdparse_test_dir, NULL, cmdparse_test_line_cb,
	    cmdparse_test_error_cb, &r, &cause);
	cmdparse_test_ok(
	    status == -1 && errno != ENOENT && errno != 0 && cause != NULL,
	    "file: a directory is an error", "status %d errno %d", status,
	    errno);
	if (status == -1)
		free(cause);

	/* No callbacks at all. */
	path = cmdparse_test_file("rc-nocb", "echo \"a\nb\n", 10);
	status = cmd_parse_file(path, NULL, NULL, NULL, NULL, &cause);
	cmdparse_test_ok(status == 0, "file: NULL callbacks", NULL);
	unlink(path);
	cmdparse_test_clearvars();
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(cmdparse_test_dir, sizeof cmdparse_test_dir,
	    "%s/roost-cmdparse.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(cmdparse_test_dir) == NULL) {
		printf("not ok - temporary directory\n# %s\n", strerror(errno));
		return 1;
	}
	cmdparse_test_tokenizer();
	cmdparse_test_tokenizer_more();
	cmdparse_test_unescapes();
	cmdparse_test_names();
	cmdparse_test_files();
	cmdparse_test_clearvars();
	rmdir(cmdparse_test_dir);
	return cmdparse_test_failed;
}
