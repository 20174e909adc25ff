# src/local.mk -- the roost program: client, server and everything between.
bin_PROGRAMS += src/roost
src_roost_SOURCES = \
	src/roost.h src/client.h src/tty.h \
	src/main.c src/client.c src/tty.c \
	src/server.c src/server-client.c src/session.c src/window.c \
	src/spawn.c src/utmp.c src/render.c src/sockdir.c src/log.c \
	src/cmd.h src/cmd.c src/cmd-window.c src/cmd-region.c \
	src/cmd-display.c src/cmd-session.c src/layout.c src/keys.c src/mode-prompt.c \
	src/mode-winlist.c src/mode-help.c src/mode-copy.c \
	src/copy.h src/paste.c src/log-window.c src/hardcopy.c src/cmd-dump.c src/cmd-rc.c src/cmd-parse.c \
	src/cmd-parse.h src/format.c src/format.h \
	src/server-lock.c src/lock.c src/lock.h \
	src/util/xmalloc.c src/util/xmalloc.h
src_roost_CFLAGS = $(AM_CFLAGS) $(LIBEVENT_CFLAGS) $(NCURSES_CFLAGS) \
	$(LIBBSD_CFLAGS)
src_roost_LDFLAGS = $(ROOST_LDFLAGS)
src_roost_LDADD = src/vt/libvt.a src/proto/libproto.a $(LIBEVENT_LIBS) \
	$(NCURSES_LIBS) $(LIBBSD_LIBS) $(UTEMPTER_LIBS) $(PAM_LIBS) \
	$(UTIL_LIBS)
dist_man_MANS += doc/roost.1
EXTRA_DIST += doc/gen-commands tests/unit/check-commands doc/protocol.md
