# tests/unit/local.mk
include tests/unit/tty.mk
