# tests/corpus/local.mk
