#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make vm-shell KERNEL=6.12 [ARCH=arm64]: boot one kernel of the matrix
# with the same initramfs as make test (stock modules, our module, the
# guest tools, /tests) and give an interactive shell on the serial
# console instead of running the tests. Leave with "poweroff -f" (or
# Ctrl-A X, the QEMU monitor escape).
set -eu
. "$(dirname "$0")/common.sh"

kernel=${1:-${KERNEL:-6.12}}
arch=${ARCH:-${2:-amd64}}
case $arch in amd64|arm64) ;; *) die "ARCH must be amd64 or arm64" ;; esac

"$XMS_HARNESS/host-deps.sh" "$arch"
if [ -z "$(find "$XMS_CACHE/apt/lists" -name '*_InRelease' -mmin -360 2>/dev/null)" ]; then
	apt_private update
fi
mkdir -p "$XMS_BUILD/$arch" "$XMS_BUILD/logs"
"$XMS_HARNESS/build-guest-bin.sh" "$arch" "$XMS_BUILD/$arch/guest-bin" \
	> "$XMS_BUILD/logs/$arch-guest-bin.log" 2>&1 ||
	log "warning: no guest userspace (build/logs/$arch-guest-bin.log)"
log "preparing $arch $kernel (first time: download and extraction)"
TESTS= XMS_INTERACTIVE=1 exec "$XMS_HARNESS/kernel.sh" "$arch" "$kernel"
