# tests/unit/cmdparse.mk -- the command language's tokenizer and rc file
# reader (src/cmd-parse.c): quoting, escapes, ^X, $VAR, malformed input,
# -X escapes, screen's command names, files on a temporary directory.
# cmd-parse.c is pure (libc + util/xmalloc), so nothing else is linked.
check_PROGRAMS += tests/unit/cmdparse-test
tests_unit_cmdparse_test_SOURCES = tests/unit/cmdparse-test.c \
	src/cmd-parse.c src/cmd-parse.h \
	src/util/xmalloc.c src/util/xmalloc.h
