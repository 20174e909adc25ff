#!/bin/sh
# contrib/install-deps.sh -- install what roost needs on Debian 12 (bookworm).
#
#   sh contrib/install-deps.sh build   what building and running roost needs
#   sh contrib/install-deps.sh test    that, plus what tests/check-all needs
#
# Runs apt-get non-interactively; uses sudo only when not already root. It
# installs packages and nothing else: no configuration is changed.
set -eu

usage() {
	echo "usage: sh contrib/install-deps.sh build|test" >&2
	exit 2
}

[ $# -eq 1 ] || usage

# Building: the toolchain, autotools and the libraries configure checks for.
BUILD_PKGS="build-essential autoconf automake pkgconf
	libevent-dev libncurses-dev libutempter-dev libpam0g-dev libbsd-dev"

# Testing: libvterm reads the screen in the end-to-end tests; pam_wrapper
# fakes PAM for the lock tests; sshd and ssh (with ssh-keygen) for the
# detach-over-ssh test; clang, its sanitizer and libFuzzer runtimes and
# llvm-symbolizer for the fuzzers and readable sanitizer reports;
# clang-format for the style check; less and procps (top) run inside
# windows in the end-to-end tests; ncurses-base and ncurses-term hold the
# terminfo entries (xterm-256color, screen-256color); git lists the tracked
# files that the release tarball must hold; vttest runs in a window and in
# libvterm side by side (the e2e-vttest suite); vim, htop, mc and emacs-nox
# run in a window and directly, side by side (the e2e-apps suite).
TEST_PKGS="libvterm-dev libpam-wrapper openssh-server openssh-client
	clang libclang-rt-14-dev llvm clang-format less procps ncurses-base
	ncurses-term coreutils git vttest vim htop mc emacs-nox"

case "$1" in
build) PKGS="$BUILD_PKGS" ;;
test) PKGS="$BUILD_PKGS $TEST_PKGS" ;;
*) usage ;;
esac

if [ "$(id -u)" -eq 0 ]; then
	SUDO=
elif command -v sudo >/dev/null 2>&1; then
	SUDO=sudo
else
	echo "install-deps.sh: not root and sudo is not installed;" \
	    "run this as root" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Wait for another apt-get or dpkg holding the lock instead of failing.
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 \
    update -q
# shellcheck disable=SC2086 # word splitting of the package list is wanted
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 \
    install -y -q \
    --no-install-recommends $PKGS
