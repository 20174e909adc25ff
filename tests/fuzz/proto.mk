# tests/fuzz/proto.mk -- protocol decoder fuzz target (see tests/fuzz/local.mk)
#
# fuzz-proto feeds arbitrary bytes to every decoder of src/proto, both
# directions, and checks that whatever decodes survives encode + decode
# unchanged. It is built with clang's libFuzzer, outside automake's
# program machinery (which would add the build's own CFLAGS):
#   FUZZ_TARGETS_PROTO  the target's name, under tests/fuzz/ in the build dir
#   FUZZ_PROTO_SRC      everything it compiles (no library: proto.c is
#                       compiled with the fuzzer's instrumentation)
#   FUZZ_PROTO_DICT     libFuzzer dictionary (-dict=)
#   FUZZ_PROTO_SEEDS    seed corpus directory (read only; write new inputs
#                       to a scratch directory given first)
# The seeds are written by the target's own source built with
# -DFUZZ_PROTO_WRITE_SEEDS (see the top of fuzz-proto.c).
FUZZ_TARGETS_PROTO = fuzz-proto
FUZZ_PROTO_SRC = $(top_srcdir)/tests/fuzz/fuzz-proto.c \
	$(top_srcdir)/src/proto/proto.c
FUZZ_PROTO_HDR = $(top_srcdir)/src/proto/proto.h
FUZZ_PROTO_INC = -include $(top_builddir)/config.h -I$(top_srcdir)/src
FUZZ_PROTO_OPTS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined
FUZZ_PROTO_DICT = $(top_srcdir)/tests/fuzz/fuzz-proto.dict
FUZZ_PROTO_SEEDS = $(top_srcdir)/tests/fuzz/seeds-proto

EXTRA_DIST += tests/fuzz/fuzz-proto.c tests/fuzz/fuzz-proto.dict \
	tests/fuzz/seeds-proto
CLEANFILES += tests/fuzz/fuzz-proto

# FUZZ_CC (clang) comes from tests/fuzz/local.mk.
$(builddir)/tests/fuzz/fuzz-proto: $(FUZZ_PROTO_SRC) $(FUZZ_PROTO_HDR)
	@$(MKDIR_P) $(builddir)/tests/fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_PROTO_OPTS) $(FUZZ_PROTO_INC) \
	    $(WARN_CFLAGS) -o $@ $(FUZZ_PROTO_SRC)
