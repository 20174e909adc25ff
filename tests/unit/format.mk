# tests/unit/format.mk -- the caption/hardstatus expander (src/format.c):
# every escape, padding and truncation, colours, conditionals, wide
# characters, malformed strings and roost's default strings. format.c is
# pure (libc + wcwidth), so the test compiles it directly.
check_PROGRAMS += tests/unit/format-test
tests_unit_format_test_SOURCES = tests/unit/format-test.c src/format.c \
	src/format.h
