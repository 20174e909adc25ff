# tests/vt/local.mk
