# tests/vt/local.mk -- the emulator's script tests: tests/vt/vt-script runs
# tests/vt/cases/*.test against libvt (format at the top of vt-script.c).
check_PROGRAMS += tests/vt/vt-script
tests_vt_vt_script_SOURCES = tests/vt/vt-script.c tests/vt/vt-seq-check.h
tests_vt_vt_script_LDADD = src/vt/libvt.a
EXTRA_DIST += tests/vt/cases tests/vt/suites
