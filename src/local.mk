# src/local.mk -- the roost program: client, server and everything between.
bin_PROGRAMS += src/roost
src_roost_SOURCES = \
	src/main.c \
	src/util/xmalloc.c src/util/xmalloc.h
src_roost_CFLAGS = $(AM_CFLAGS) $(LIBEVENT_CFLAGS) $(NCURSES_CFLAGS) \
	$(LIBBSD_CFLAGS)
src_roost_LDADD = src/vt/libvt.a src/proto/libproto.a $(LIBEVENT_LIBS) \
	$(NCURSES_LIBS) $(LIBBSD_LIBS) $(UTEMPTER_LIBS) $(PAM_LIBS) \
	$(UTIL_LIBS)
