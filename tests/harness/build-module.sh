#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build xfrm_migrate_state.ko for one kernel from a copy of src/, include/
# and VERSION (src/ includes ../include) against the extracted headers.
#
# Usage: build-module.sh ARCH KVER OUTDIR   -> OUTDIR/src/xfrm_migrate_state.ko
#        (log in OUTDIR/build.log; non-zero exit on failure)
set -eu
. "$(dirname "$0")/common.sh"

arch=$1 kver=$2 out=$3
kdir=$(readlink -f "$XMS_CACHE/k/$arch/$kver/headers")
[ -f "$kdir/Makefile" ] || die "$kver: no headers in the cache"

# Same sources, same kernel, same recipe: the last build is still good.
files() { (cd "$XMS_REPO" && repo_files src include VERSION); }
key=$( (cd "$XMS_REPO" && files | sort | xargs sha256sum;
	cat "$XMS_CACHE/k/$arch/$kver/stamp" "$0") | sha256sum | cut -c1-16)
if [ -f "$out/src/xfrm_migrate_state.ko" ] && [ "$(cat "$out/key" 2>/dev/null)" = "$key" ]; then
	exit 0
fi

rm -rf "$out"
mkdir -p "$out"
# Sources only: no build products of the work tree (src/generated/ would
# carry another kernel's compat probes).
(cd "$XMS_REPO" && files | xargs -r cp --parents -t "$out")

set -- KDIR="$kdir"
case $kver in
5.10.*) set -- "$@" CC=gcc-12 ;;	# headers want gcc-10, not in bookworm
esac
if [ "$arch" != "$(dpkg --print-architecture)" ]; then
	# CC explicitly: src/Makefile hands its CC (make's default "cc") to the probes.
	set -- "$@" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- CC=aarch64-linux-gnu-gcc-12
fi
echo "make -C $out/src $*" > "$out/build.log"
if ! make -C "$out/src" "$@" >> "$out/build.log" 2>&1; then
	exit 1
fi
[ -f "$out/src/xfrm_migrate_state.ko" ] || {
	echo "build succeeded but src/xfrm_migrate_state.ko is missing" >> "$out/build.log"
	exit 1
}
echo "$key" > "$out/key"
