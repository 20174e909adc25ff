# tests/unit/local.mk
include tests/unit/tty.mk

EXTRA_DIST += tests/unit/suites

# The wire format (src/proto): round trips, limits, malformed input.
check_PROGRAMS += tests/unit/proto-test
tests_unit_proto_test_SOURCES = tests/unit/proto-test.c
tests_unit_proto_test_LDADD = src/proto/libproto.a
include tests/unit/cmdparse.mk
include tests/unit/format.mk
