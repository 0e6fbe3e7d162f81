#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Install the Debian packages the harness needs on the host (fast no-op
# when they are all there). Usage: host-deps.sh [ARCH...] [plot]
# ("plot": gnuplot for make bench's figures, bench-plot.sh)
set -eu
. "$(dirname "$0")/common.sh"

pkgs="qemu-system-x86 busybox-static iproute2 kmod cpio xz-utils zstd gzip
	make gcc gcc-12 libc6-dev libmnl-dev pkg-config flex bison bc libelf-dev
	libssl-dev dwarves debian-archive-keyring dpkg-dev binutils file
	python3-yaml python3-jsonschema shellcheck perl"
for a in "$@"; do
	case $a in
	# gcc-aarch64-linux-gnu only recommends its libc headers: without
	# them the cross compiler falls back to the host's /usr/include.
	arm64) pkgs="$pkgs qemu-system-arm gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
		libc6-dev-arm64-cross linux-libc-dev-arm64-cross" ;;
	plot) pkgs="$pkgs gnuplot-nox" ;;
	esac
done

missing=
for p in $pkgs; do
	s=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$s" = installed ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
log "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get -qq update || log "apt-get update failed, trying the install anyway"
# shellcheck disable=SC2086
apt-get -qq install -y --no-install-recommends $missing >/dev/null ||
	die "apt-get install$missing failed"
