# src/vt/local.mk -- the emulator, built as an internal library so that the
# linker keeps it pure (libc only).
noinst_LIBRARIES += src/vt/libvt.a
src_vt_libvt_a_SOURCES = \
	src/vt/vt.h \
	src/vt/vt-private.h \
	src/vt/vt-utf8.h \
	src/vt/vt.c \
	src/vt/vt-alloc.c \
	src/vt/vt-csi.c \
	src/vt/vt-encoding.c \
	src/vt/vt-esc.c \
	src/vt/vt-grid.c \
	src/vt/vt-history.c \
	src/vt/vt-mode.c \
	src/vt/vt-parser.c \
	src/vt/vt-reflow.c \
	src/vt/vt-screen.c \
	src/vt/vt-sgr.c \
	src/vt/vt-string.c \
	src/vt/vt-style.c \
	src/vt/vt-utf8.c
