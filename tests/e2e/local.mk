# tests/e2e/local.mk -- end-to-end tests: the real roost in a pseudo-
# terminal, read through libvterm (tests/e2e/harness.c). Built by
# `make check` when configure found libvterm; the suites are listed in
# tests/e2e/suites and run by tests/run-suites.
EXTRA_DIST += tests/e2e/suites
if HAVE_VTERM
check_LIBRARIES += tests/e2e/libharness.a
tests_e2e_libharness_a_SOURCES = tests/e2e/harness.c tests/e2e/harness.h
tests_e2e_libharness_a_CFLAGS = $(AM_CFLAGS) $(VTERM_CFLAGS)

E2E_LDADD = tests/e2e/libharness.a src/proto/libproto.a $(VTERM_LIBS) \
	$(UTIL_LIBS)
check_PROGRAMS += tests/e2e/e2e-lock
check_PROGRAMS += tests/e2e/harness-test tests/e2e/e2e-session \
	tests/e2e/e2e-usage tests/e2e/e2e-ssh tests/e2e/e2e-flow
tests_e2e_harness_test_SOURCES = tests/e2e/harness-test.c
tests_e2e_harness_test_CFLAGS = $(AM_CFLAGS) $(VTERM_CFLAGS)
tests_e2e_harness_test_LDADD = $(E2E_LDADD)
tests_e2e_e2e_session_SOURCES = tests/e2e/session.c
tests_e2e_e2e_session_CFLAGS = $(AM_CFLAGS) $(VTERM_CFLAGS)
tests_e2e_e2e_session_LDADD = $(E2E_LDADD)
tests_e2e_e2e_usage_SOURCES = tests/e2e/usage.c
tests_e2e_e2e_usage_CFLAGS = $(AM_CFLAGS) $(VTERM_CFLAGS)
tests_e2e_e2e_usage_LDADD = $(E2E_LDADD)
tests_e2e_e2e_ssh_SOURCES = tests/e2e/ssh.c
tests_e2e_e2e_ssh_CFLAGS = $(AM_CFLAGS) $(VTERM_CFLAGS)
tests_e2e_e2e_ssh_LDADD = $(E2E_LDADD)
tests_e2e_e2e_lock_SOURCES = tests/e2e/lock.c
tests_e2e_e2e_lock_CFLAGS = $(AM_CFLAGS) $(VTERM_CFLAGS)
tests_e2e_e2e_lock_LDADD = $(E2E_LDADD)
tests_e2e_e2e_flow_SOURCES = tests/e2e/flow.c
tests_e2e_e2e_flow_CFLAGS = $(AM_CFLAGS) $(VTERM_CFLAGS)
tests_e2e_e2e_flow_LDADD = $(E2E_LDADD)
check_PROGRAMS += tests/e2e/e2e-windows tests/e2e/e2e-commands
tests_e2e_e2e_windows_SOURCES = tests/e2e/windows.c
tests_e2e_e2e_windows_CFLAGS = $(AM_CFLAGS) $(VTERM_CFLAGS)
tests_e2e_e2e_windows_LDADD = $(E2E_LDADD)
tests_e2e_e2e_commands_SOURCES = tests/e2e/commands.c
tests_e2e_e2e_commands_CFLAGS = $(AM_CFLAGS) $(VTERM_CFLAGS)
tests_e2e_e2e_commands_LDADD = $(E2E_LDADD)
check_PROGRAMS += tests/e2e/e2e-copy
tests_e2e_e2e_copy_SOURCES = tests/e2e/copy.c
tests_e2e_e2e_copy_CFLAGS = $(AM_CFLAGS) $(VTERM_CFLAGS)
tests_e2e_e2e_copy_LDADD = $(E2E_LDADD)
check_PROGRAMS += tests/e2e/e2e-transparency
tests_e2e_e2e_transparency_SOURCES = tests/e2e/transparency.c
tests_e2e_e2e_transparency_CFLAGS = $(AM_CFLAGS) $(VTERM_CFLAGS)
tests_e2e_e2e_transparency_LDADD = $(E2E_LDADD)
check_PROGRAMS += tests/e2e/e2e-regress
tests_e2e_e2e_regress_SOURCES = tests/e2e/regress.c
tests_e2e_e2e_regress_CFLAGS = $(AM_CFLAGS) $(VTERM_CFLAGS)
tests_e2e_e2e_regress_LDADD = $(E2E_LDADD)
check_PROGRAMS += tests/e2e/e2e-vttest
tests_e2e_e2e_vttest_SOURCES = tests/e2e/vttest.c
tests_e2e_e2e_vttest_CFLAGS = $(AM_CFLAGS) $(VTERM_CFLAGS)
tests_e2e_e2e_vttest_LDADD = $(E2E_LDADD)
check_PROGRAMS += tests/e2e/e2e-apps
tests_e2e_e2e_apps_SOURCES = tests/e2e/apps.c
tests_e2e_e2e_apps_CFLAGS = $(AM_CFLAGS) $(VTERM_CFLAGS)
tests_e2e_e2e_apps_LDADD = $(E2E_LDADD)
else
EXTRA_DIST += tests/e2e/harness.c tests/e2e/harness.h \
	tests/e2e/harness-test.c tests/e2e/session.c tests/e2e/usage.c \
	tests/e2e/ssh.c tests/e2e/lock.c tests/e2e/flow.c
EXTRA_DIST += tests/e2e/windows.c tests/e2e/commands.c
EXTRA_DIST += tests/e2e/copy.c
EXTRA_DIST += tests/e2e/transparency.c
EXTRA_DIST += tests/e2e/regress.c
EXTRA_DIST += tests/e2e/vttest.c
EXTRA_DIST += tests/e2e/apps.c
endif
