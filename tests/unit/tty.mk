# tests/unit/tty.mk -- terminal output tests
