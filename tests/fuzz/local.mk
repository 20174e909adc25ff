# tests/fuzz/local.mk -- libFuzzer targets. `make fuzz` builds every target
# in FUZZ_TARGETS with clang (FUZZ_CC) straight from the sources, so the
# code under test carries the fuzzer's instrumentation (the gcc-built
# libraries are not used), into tests/fuzz/ of the build directory.
# tests/fuzz/run-fuzzers BUILDDIR SECONDS runs them (tests/check-all does).
#   fuzz-vt    the emulator: parser, state, grid, history, reflow
#   fuzz-utf8  the emulator's UTF-8 decoder against a reference decoder
# Other areas add their targets' names to FUZZ_TARGETS through their own
# fragment (proto.mk: FUZZ_TARGETS_PROTO) with a rule for
# $(builddir)/tests/fuzz/NAME, a dictionary tests/fuzz/NAME.dict (or
# SHORT.dict, SHORT being NAME without "fuzz-") and seeds in
# tests/fuzz/seeds-SHORT/.
FUZZ_CC = clang
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all
FUZZ_CPPFLAGS = -include $(top_builddir)/config.h -I$(top_srcdir)/src
FUZZ_TARGETS = fuzz-vt fuzz-utf8 $(FUZZ_TARGETS_PROTO) $(FUZZ_TARGETS_CMDPARSE) \
	$(FUZZ_TARGETS_FORMAT)
# The emulator's sources as src/vt/local.mk lists them (headers too: the
# rules depend on them; only the .c files are compiled).
FUZZ_VT_SRC = $(src_vt_libvt_a_SOURCES)

fuzz:
	@for t in $(FUZZ_TARGETS); do \
	    $(MAKE) $(AM_MAKEFLAGS) $(builddir)/tests/fuzz/$$t || exit 1; \
	done
.PHONY: fuzz

$(builddir)/tests/fuzz/fuzz-vt: tests/fuzz/fuzz-vt.c tests/vt/vt-seq-check.h \
    $(FUZZ_VT_SRC)
	@$(MKDIR_P) $(builddir)/tests/fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_CPPFLAGS) $(WARN_CFLAGS) \
	    -I$(srcdir)/tests/vt -o $@ $(srcdir)/tests/fuzz/fuzz-vt.c \
	    `for f in $(FUZZ_VT_SRC); do \
		case $$f in *.c) echo $(srcdir)/$$f ;; esac; done`

$(builddir)/tests/fuzz/fuzz-utf8: tests/fuzz/fuzz-utf8.c src/vt/vt-utf8.c \
    src/vt/vt-utf8.h
	@$(MKDIR_P) $(builddir)/tests/fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_CPPFLAGS) $(WARN_CFLAGS) \
	    -o $@ $(srcdir)/tests/fuzz/fuzz-utf8.c $(srcdir)/src/vt/vt-utf8.c

CLEANFILES += tests/fuzz/fuzz-vt tests/fuzz/fuzz-utf8
EXTRA_DIST += tests/fuzz/fuzz-vt.c tests/fuzz/fuzz-utf8.c \
	tests/fuzz/vt.dict tests/fuzz/utf8.dict tests/fuzz/seeds-vt \
	tests/fuzz/seeds-utf8 tests/fuzz/run-fuzzers tests/fuzz/suites

include tests/fuzz/proto.mk
include tests/fuzz/cmdparse.mk
include tests/fuzz/format.mk
