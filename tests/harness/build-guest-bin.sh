#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Static userspace for the guest: "make -C tools guest O=DIR" (the library
# and CLI, at least xfrm-migrate). arm64 is cross-built against the arm64
# libmnl of the cached sysroot. Everything in DIR lands in the guest's
# /usr/bin. A tools tree without a "guest" target only gives a warning.
#
# Usage: build-guest-bin.sh ARCH OUTDIR
set -eu
. "$(dirname "$0")/common.sh"

arch=$1 out=$2
rm -rf "$out"
mkdir -p "$out"
logf=$out.log
# Debian's libmnl-dev has no libmnl.a: tools/ builds it from the sources.
mnlsrc=$XMS_CACHE/src/libmnl
if [ ! -f "$mnlsrc/src/socket.c" ] && [ -x "$XMS_REPO/tools/scripts/fetch-libmnl-src.sh" ]; then
	"$XMS_REPO/tools/scripts/fetch-libmnl-src.sh" "$mnlsrc" >&2 ||
		log "warning: tools/scripts/fetch-libmnl-src.sh failed"
fi
set -- guest O="$out" MNL_SRC="$mnlsrc"
if [ "$arch" != "$(dpkg --print-architecture)" ]; then
	sysroot=$("$XMS_HARNESS/sysroot.sh" "$arch")
	set -- "$@" CROSS_COMPILE=aarch64-linux-gnu- MNL_SYSROOT="$sysroot"
fi
if ! make -C "$XMS_REPO/tools" -n guest > /dev/null 2>&1; then
	log "warning: tools/ has no 'make guest' target yet: no userspace in the $arch guest"
	exit 0
fi
echo "make -C tools $*" > "$logf"
if ! make -C "$XMS_REPO/tools" "$@" >> "$logf" 2>&1; then
	tail -n 30 "$logf" >&2
	die "building the $arch guest userspace failed (log: $logf)"
fi
# The test programs: every tests/vm/<dir>/Makefile has a "guest" target
# building static binaries into the same directory.
cross=
[ "$arch" = "$(dpkg --print-architecture)" ] || cross=CROSS_COMPILE=aarch64-linux-gnu-
for mk in "$XMS_REPO"/tests/vm/*/Makefile; do
	[ -f "$mk" ] || continue
	d=$(dirname "$mk")
	echo "make -C $d guest O=$out $cross" >> "$logf"
	# shellcheck disable=SC2086
	if ! make -C "$d" guest O="$out" $cross >> "$logf" 2>&1; then
		tail -n 30 "$logf" >&2
		die "building the $arch test program in $d failed (log: $logf)"
	fi
done
log "$arch guest userspace: $(cd "$out" && ls | tr '\n' ' ')"
