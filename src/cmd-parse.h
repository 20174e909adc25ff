/*
 * cmd-parse.h -- the command language's words: splitting a command line
 * into words as GNU screen's rc parser does, reading rc files line by
 * line, the escape processing of -X words, and the list of screen's
 * command names. Pure: libc only, no server state (see cmd-parse.c).
 */
#ifndef ROOST_CMD_PARSE_H
#define ROOST_CMD_PARSE_H

#include <stddef.h>

/* The longest logical line (continuations joined) cmd_parse_file reads. */
#define CMD_PARSE_LINE_MAX 65536

/* How many levels of `source` the rc loader should allow (screen(1):
   "Source commands may be nested to a maximum recursion level of ten"). */
#define CMD_PARSE_SOURCE_DEPTH 10

/*
 * Variable lookup for $VAR and ${VAR}: returns the value, or NULL when the
 * variable is not set (it then expands to nothing). The string is only
 * read during the call. A NULL function pointer means getenv(3).
 */
typedef const char *(*cmd_parse_getvar_cb)(void *arg, const char *name);

/*
 * Split one logical line into words as screen's rc parser does
 * (screen(1): CUSTOMIZATION, and its parser's behaviour):
 *   - words are separated by blanks (space, tab; a newline counts as one);
 *   - '...' takes everything literally; "..." allows \ escapes, ^X and
 *     $VAR; quotes may join parts of one word: a"b c"'d' is "ab cd";
 *   - outside single quotes, \n \t \r \e give LF TAB CR ESC, \\ \" \' \$
 *     \# \^ give the character itself, \ followed by 1-3 octal digits
 *     gives that byte; any other \x keeps both the backslash and x (as
 *     screen does);
 *   - outside single quotes, ^X gives the control character X & 0x1f and
 *     ^? gives DEL, for X a printable ASCII character; a ^ followed by a
 *     blank, the end of the line or the closing quote is a plain ^. The
 *     tokenizer applies ^X (as screen's parser does), so commands such as
 *     stuff, escape, bind, bindkey, activity receive the control bytes;
 *   - '#' at the start of a word (outside quotes) ends the line; elsewhere
 *     it is an ordinary character; \# gives a literal # anywhere;
 *   - outside single quotes, $NAME (NAME = [A-Za-z0-9_]+) and ${NAME}
 *     expand to getvar(arg, NAME) or nothing; the value is not rescanned;
 *     a $ followed by anything else is a plain $. A word is kept even when
 *     it expands to nothing (screen does the same).
 * Returns 0 with *argv an allocated NULL-terminated vector of *argc
 * allocated words (free with cmd_parse_free; *argc 0 and *argv {NULL} for
 * an empty or comment-only line), or -1 with *cause an allocated message
 * ("unterminated double quote", "trailing backslash", "unterminated ${",
 * "argument 2 contains a NUL byte") and *argv NULL. A word may not hold a
 * NUL byte (\0, ^@) here: use cmd_parse_line_len for that.
 */
int cmd_parse_line(const char *line, cmd_parse_getvar_cb getvar, void *arg,
    char ***argv, int *argc, char **cause);

/*
 * As cmd_parse_line, but words may contain NUL bytes: *lens (allocated,
 * *argc entries, free with free(3)) gives each word's length in bytes;
 * every word is still NUL-terminated after its last byte.
 */
int cmd_parse_line_len(const char *line, cmd_parse_getvar_cb getvar, void *arg,
    char ***argv, size_t **lens, int *argc, char **cause);

/* Free a vector from cmd_parse_line (NULL is allowed). */
void cmd_parse_free(char **argv);

/*
 * One command line of a file: argv[0..argc-1] (argc >= 1) as
 * cmd_parse_line made it, and lineno, the 1-based number of the physical
 * line where the command starts. argv belongs to cmd_parse_file and is
 * freed after the call: copy what must be kept. Return 0 to go on, -1 to
 * stop reading the file (cmd_parse_file then returns 0).
 */
typedef int (*cmd_parse_line_cb)(
    void *arg, const char *file, unsigned lineno, int argc, char **argv);

/* A message for the user, already in the form "file:line: message". */
typedef void (*cmd_parse_error_cb)(void *arg, const char *message);

/*
 * Read rc file path line by line: CR LF line ends are accepted; a line
 * that ends in a backslash that escapes nothing continues on the next
 * line (the backslash and the line end are removed, nothing is inserted);
 * each logical line is split by cmd_parse_line (with getvar looked up at
 * that moment, so a `setenv` run by line_cb affects the lines after it)
 * and line_cb is called for each line that has words. A line that cannot
 * be split (bad quoting, a NUL byte, longer than CMD_PARSE_LINE_MAX, a
 * continuation at the end of the file) is reported through error_cb as
 * "path:line: message" and skipped; reading goes on.
 * Returns 0, or -1 with *cause allocated ("path: No such file or
 * directory") and errno kept from the failing call (ENOENT when the file
 * does not exist, so a caller can ignore a missing default rc file).
 * Does not follow `source`: the caller runs it through line_cb and tracks
 * the depth (CMD_PARSE_SOURCE_DEPTH).
 */
int cmd_parse_file(const char *path, cmd_parse_getvar_cb getvar,
    cmd_parse_line_cb line_cb, cmd_parse_error_cb error_cb, void *arg,
    char **cause);

/*
 * The escape processing of a -X word (issue 5): the backslash escapes and
 * ^X of cmd_parse_line, but quotes and $ are ordinary characters, nothing
 * is split, and there are no errors (a trailing backslash or ^ is kept
 * as it is). So `-X stuff 'make\n'` gives "make" LF. Returns an allocated
 * buffer of *len bytes (it may contain NUL bytes) followed by a NUL.
 */
char *cmd_parse_unescape(const char *word, size_t *len);

/*
 * Whether name is one of GNU screen's commands (screen 4.9's command
 * index, plus the few that 4.x builds or 5.0 add). The rc loader uses it
 * for a name that is not in roost's table: "'NAME' is not supported"
 * when this returns 1, "unknown command 'NAME'" when 0.
 */
int cmd_parse_is_screen_command(const char *name);

#endif
