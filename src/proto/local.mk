# src/proto/local.mk -- the wire format, an internal library (libc only).
noinst_LIBRARIES += src/proto/libproto.a
src_proto_libproto_a_SOURCES = \
	src/proto/proto.c \
	src/proto/proto.h
