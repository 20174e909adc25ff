# tests/fuzz/cmdparse.mk -- command language fuzz target (see
# tests/fuzz/local.mk)
#
# fuzz-cmdparse feeds arbitrary bytes to the tokenizer (both splitters),
# the -X unescaper and the rc file reader of src/cmd-parse.c, checking
# that they agree and stay within bounds. Built with clang's libFuzzer
# straight from the sources:
#   FUZZ_TARGETS_CMDPARSE  the target's name, under tests/fuzz/ in the
#                          build dir
#   FUZZ_CMDPARSE_SRC      everything it compiles
#   FUZZ_CMDPARSE_DICT     libFuzzer dictionary (-dict=)
#   FUZZ_CMDPARSE_SEEDS    seed corpus directory (rc lines and files)
FUZZ_TARGETS_CMDPARSE = fuzz-cmdparse
FUZZ_CMDPARSE_SRC = $(top_srcdir)/tests/fuzz/fuzz-cmdparse.c \
	$(top_srcdir)/src/cmd-parse.c $(top_srcdir)/src/util/xmalloc.c
FUZZ_CMDPARSE_HDR = $(top_srcdir)/src/cmd-parse.h \
	$(top_srcdir)/src/util/xmalloc.h
FUZZ_CMDPARSE_DICT = $(top_srcdir)/tests/fuzz/cmdparse.dict
FUZZ_CMDPARSE_SEEDS = $(top_srcdir)/tests/fuzz/seeds-cmdparse

EXTRA_DIST += tests/fuzz/fuzz-cmdparse.c tests/fuzz/cmdparse.dict \
	tests/fuzz/seeds-cmdparse
CLEANFILES += tests/fuzz/fuzz-cmdparse

# FUZZ_CC, FUZZ_CFLAGS and FUZZ_CPPFLAGS come from tests/fuzz/local.mk.
$(builddir)/tests/fuzz/fuzz-cmdparse: $(FUZZ_CMDPARSE_SRC) $(FUZZ_CMDPARSE_HDR)
	@$(MKDIR_P) $(builddir)/tests/fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_CPPFLAGS) $(WARN_CFLAGS) \
	    -o $@ $(FUZZ_CMDPARSE_SRC)
