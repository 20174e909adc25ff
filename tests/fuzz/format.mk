# tests/fuzz/format.mk -- caption/hardstatus expander fuzz target (see
# tests/fuzz/local.mk)
#
# fuzz-format expands arbitrary format strings at widths 0..300 with a
# fixed context (src/format.c), checking every cell is written and well
# formed. Built with clang's libFuzzer straight from the sources:
#   FUZZ_TARGETS_FORMAT  the target's name, under tests/fuzz/ in the
#                        build dir
#   FUZZ_FORMAT_SRC      everything it compiles
#   FUZZ_FORMAT_DICT     libFuzzer dictionary (-dict=)
#   FUZZ_FORMAT_SEEDS    seed corpus directory (two width bytes, then a
#                        format string)
FUZZ_TARGETS_FORMAT = fuzz-format
FUZZ_FORMAT_SRC = $(top_srcdir)/tests/fuzz/fuzz-format.c \
	$(top_srcdir)/src/format.c
FUZZ_FORMAT_HDR = $(top_srcdir)/src/format.h $(top_srcdir)/src/vt/vt.h
FUZZ_FORMAT_DICT = $(top_srcdir)/tests/fuzz/format.dict
FUZZ_FORMAT_SEEDS = $(top_srcdir)/tests/fuzz/seeds-format

EXTRA_DIST += tests/fuzz/fuzz-format.c tests/fuzz/format.dict \
	tests/fuzz/seeds-format
CLEANFILES += tests/fuzz/fuzz-format

# FUZZ_CC, FUZZ_CFLAGS and FUZZ_CPPFLAGS come from tests/fuzz/local.mk.
$(builddir)/tests/fuzz/fuzz-format: $(FUZZ_FORMAT_SRC) $(FUZZ_FORMAT_HDR)
	@$(MKDIR_P) $(builddir)/tests/fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_CPPFLAGS) $(WARN_CFLAGS) \
	    -o $@ $(FUZZ_FORMAT_SRC)
