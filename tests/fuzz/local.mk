# tests/fuzz/local.mk
include tests/fuzz/proto.mk
