# tests/unit/tty.mk -- terminal output tests (src/tty.c): the bytes drawn
# for several TERMs, checked directly and through libvterm.
if HAVE_VTERM
check_PROGRAMS += tests/unit/tty-test
tests_unit_tty_test_SOURCES = tests/unit/tty-test.c src/tty.c src/tty.h \
	src/util/xmalloc.c src/util/xmalloc.h
tests_unit_tty_test_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS) $(VTERM_CFLAGS)
tests_unit_tty_test_LDADD = src/proto/libproto.a $(NCURSES_LIBS) \
	$(VTERM_LIBS)
endif
