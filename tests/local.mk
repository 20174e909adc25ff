# tests/local.mk -- test programs. Each area keeps its own fragment.
include tests/unit/local.mk
include tests/vt/local.mk
include tests/corpus/local.mk
include tests/e2e/local.mk
include tests/fuzz/local.mk
