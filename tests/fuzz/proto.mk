# tests/fuzz/proto.mk -- protocol decoder fuzz target (see tests/fuzz/local.mk)
