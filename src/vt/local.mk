# src/vt/local.mk -- the emulator, built as an internal library so that the
# linker keeps it pure (libc only).
noinst_LIBRARIES += src/vt/libvt.a
src_vt_libvt_a_SOURCES = \
	src/vt/vt.h
