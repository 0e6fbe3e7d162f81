#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make deb: build the Debian packages from a clean copy of the tree
# (tracked and new, not ignored files: no build output of the work tree
# gets in), installing the build dependencies when they are missing.
#
# Usage: debian/make-deb.sh [OUTDIR]     (default build/deb)
# Output: OUTDIR/*.deb, .buildinfo, .changes; the copy in OUTDIR/src.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/build/deb}
say() { printf 'make deb: %s\n' "$*" >&2; }

# Build dependencies (debian/control), plus dpkg-buildpackage itself.
deps="build-essential dpkg-dev fakeroot debhelper dh-dkms libmnl-dev pkg-config"
missing=
for p in $deps; do
	s=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$s" = installed ] || missing="$missing $p"
done
if [ -n "$missing" ]; then
	say "installing build dependencies:$missing"
	[ "$(id -u)" = 0 ] || { say "run as root or install:$missing"; exit 1; }
	export DEBIAN_FRONTEND=noninteractive
	# shellcheck disable=SC2086
	if ! apt-get -qq install -y --no-install-recommends $missing >/dev/null; then
		apt-get -qq update
		apt-get -qq install -y --no-install-recommends $missing >/dev/null
	fi
fi

rm -rf "$out"
mkdir -p "$out/src"
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git -C "$top" ls-files -z --cached --others --exclude-standard |
		(cd "$top" && xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh) |
		tar -C "$top" --null -T - -cf - | tar -C "$out/src" -xf -
else
	tar -C "$top" --exclude=./build --exclude=./tools/build \
		--exclude=./src/generated --exclude='*.o' --exclude='*.ko' \
		--exclude='*.mod' --exclude='*.mod.c' --exclude='.*.cmd' \
		--exclude=Module.symvers --exclude=modules.order \
		-cf - . | tar -C "$out/src" -xf -
fi

cd "$out/src"
dpkg-checkbuilddeps
say "dpkg-buildpackage in $out/src"
DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:+$DEB_BUILD_OPTIONS }noautodbgsym parallel=$(nproc)" \
	dpkg-buildpackage -us -uc -b
cd "$out"
say "built in $out:"
ls -1 "$out"/*.deb >&2
