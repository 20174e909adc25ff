/*
 * fuzz-cmdparse.c -- libFuzzer target over the command language's words
 * (src/cmd-parse.c).
 *
 * Each input goes through every entry point: cmd_parse_line and
 * cmd_parse_line_len on the input cut at its first NUL (a C string, as
 * callers pass), cmd_parse_unescape on the same string, and cmd_parse_file
 * on the whole input (NUL bytes, CR LF and continuations included) through
 * an in-memory file. Variables come from a fixed table whose values hold
 * quotes, blanks and escapes, so expansion that rescanned its result would
 * show. Checked, or the target aborts: the two line splitters agree; words
 * and their lengths are consistent; an error comes with a message and no
 * words; unescaping never grows the text; the file reader's line numbers
 * rise and stay within the file. ASan/UBSan and the leak checker catch
 * the rest.
 */
#include <sys/mman.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd-parse.h"

#define FUZZ_CMDPARSE_CHECK(cond)                                     \
	do {                                                          \
		if (!(cond)) {                                        \
			fprintf(stderr, "fuzz-cmdparse: %s:%d: %s\n", \
			    __FILE__, __LINE__, #cond);               \
			abort();                                      \
		}                                                     \
	} while (0)

static const char *
fuzz_cmdparse_getvar(void *arg, const char *name)
{
	(void)arg;
	if (strcmp(name, "A") == 0)
		return "a b";
	if (strcmp(name, "Q") == 0)
		return "'\"\\$A^A#";
	if (strcmp(name, "E") == 0)
		return "";
	if (strcmp(name, "HOME") == 0)
		return "/home/fuzz";
	return NULL;
}

/* What the file reader reported, for its checks. */
struct fuzz_cmdparse_file {
	unsigned last_line;
	unsigned lines; /* physical lines in the input, at most */
	int calls;
};

static int
fuzz_cmdparse_line_cb(
    void *arg, const char *file, unsigned lineno, int argc, char **argv)
{
	struct fuzz_cmdparse_file *ff = arg;
	int i;

	(void)file;
	FUZZ_CMDPARSE_CHECK(argc >= 1 && argv[argc] == NULL);
	for (i = 0; i < argc; i++)
		FUZZ_CMDPARSE_CHECK(argv[i] != NULL);
	FUZZ_CMDPARSE_CHECK(lineno > ff->last_line && lineno <= ff->lines);
	ff->last_line = lineno;
	ff->calls++;
	return 0;
}

static void
fuzz_cmdparse_error_cb(void *arg, const char *message)
{
	struct fuzz_cmdparse_file *ff = arg;

	(void)ff;
	FUZZ_CMDPARSE_CHECK(message != NULL && strchr(message, ':') != NULL);
}

static void
fuzz_cmdparse_lines(const char *line)
{
	char **argv, **argv2, *cause = NULL, *cause2 = NULL, *out;
	size_t *lens, len, i;
	int argc, argc2, r, r2;

	r = cmd_parse_line(
	    line, fuzz_cmdparse_getvar, NULL, &argv, &argc, &cause);
	r2 = cmd_parse_line_len(
	    line, fuzz_cmdparse_getvar, NULL, &argv2, &lens, &argc2, &cause2);
	if (r2 == -1) {
		/* Anything the length version refuses, the plain one does
		   (maybe for a NUL byte in an earlier word). */
		FUZZ_CMDPARSE_CHECK(r == -1 && argv2 == NULL && cause2 != NULL);
		FUZZ_CMDPARSE_CHECK(argv == NULL && cause != NULL);
	} else {
		FUZZ_CMDPARSE_CHECK(argv2[argc2] == NULL);
		for (i = 0; i < (size_t)argc2; i++)
			FUZZ_CMDPARSE_CHECK(argv2[i][lens[i]] == '\0');
		if (r == 0) {
			FUZZ_CMDPARSE_CHECK(
			    argc == argc2 && argv[argc] == NULL);
			for (i = 0; i < (size_t)argc; i++) {
				FUZZ_CMDPARSE_CHECK(strlen(argv[i]) == lens[i]);
				FUZZ_CMDPARSE_CHECK(
				    memcmp(argv[i], argv2[i], lens[i]) == 0);
			}
		} else {
			/* Only a NUL byte separates the two. */
			FUZZ_CMDPARSE_CHECK(strstr(cause, "NUL") != NULL);
			FUZZ_CMDPARSE_CHECK(argv == NULL);
		}
	}
	if (r == 0)
		cmd_parse_free(argv);
	else
		free(cause);
	if (r2 == 0) {
		cmd_parse_free(argv2);
		free(lens);
	} else
		free(cause2);

	out = cmd_parse_unescape(line, &len);
	FUZZ_CMDPARSE_CHECK(len <= strlen(line) && out[len] == '\0');
	free(out);
}

static void
fuzz_cmdparse_file(const uint8_t *data, size_t size)
{
	struct fuzz_cmdparse_file ff;
	char path[64], *cause = NULL;
	size_t i;
	int fd;

	fd = memfd_create("fuzz-cmdparse", 0);
	if (fd == -1)
		return;
	if (size != 0 && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return;
	}
	memset(&ff, 0, sizeof ff);
	ff.lines = 1;
	for (i = 0; i < size; i++) {
		if (data[i] == '\n')
			ff.lines++;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	if (cmd_parse_file(path, fuzz_cmdparse_getvar, fuzz_cmdparse_line_cb,
		fuzz_cmdparse_error_cb, &ff, &cause) != 0)
		free(cause);
	close(fd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line;

	line = malloc(size + 1);
	if (line == NULL)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	fuzz_cmdparse_lines(line);
	free(line);
	fuzz_cmdparse_file(data, size);
	return 0;
}
