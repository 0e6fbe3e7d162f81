#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A foreign-architecture userland for the guest and for cross builds:
# busybox-static, iproute2, Python with PyYAML (for ynl) and the libraries
# they need, plus libmnl-dev,
# from bookworm's ARCH packages, extracted into $XMS_CACHE/sysroot/ARCH.
# Redone only when a package version changes.
#
# Usage: sysroot.sh ARCH    -> prints the sysroot directory
set -eu
. "$(dirname "$0")/common.sh"

arch=$1
dir=$XMS_CACHE/sysroot/$arch
debs=$XMS_CACHE/debs/$arch
mkdir -p "$debs" "$XMS_CACHE/sysroot"
exec 8> "$dir.lock"
flock 8

# Everything lib* that iproute2, busybox-static and the host's Python
# version (for ynl, python-layer.sh) pull in (Depends only).
py=python$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
pkgs=$(apt_private apt-cache depends --recurse --no-recommends \
	--no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances \
	"iproute2:$arch" "busybox-static:$arch" "libmnl-dev:$arch" \
	"$py-minimal:$arch" "lib$py-stdlib:$arch" "python3-yaml:$arch" 2>/dev/null |
	grep -v '^ ' | grep -E "^(lib|zlib).*:$arch\$|^(iproute2|busybox-static|$py-minimal|python3-yaml):$arch\$" |
	sort -u)
[ -n "$pkgs" ] || die "cannot resolve the $arch userland (apt lists?)"

# Their candidate versions, in one apt-cache call (one call per package
# took minutes on a loaded machine: each loads every private list).
# shellcheck disable=SC2086
want=$(apt_private apt-cache show --no-all-versions $pkgs 2>/dev/null |
	awk -v a="$arch" '/^Package: / { p = $2 } /^Version: / { print p ":" a "=" $2 }' |
	sort -u)
if [ -f "$dir/stamp" ] && [ "$(cat "$dir/stamp")" = "$want" ]; then
	echo "$dir"
	exit 0
fi

log "$arch sysroot: $(echo "$want" | grep -c .) packages"
# shellcheck disable=SC2086
(cd "$debs" && apt_private apt-get -qq download $want) >&2 ||
	die "downloading the $arch userland failed"
rm -rf "$dir"
mkdir -p "$dir"
for pv in $want; do
	p=${pv%%:*} v=${pv#*=}
	f=$(ls "$debs/${p}_$(echo "$v" | sed 's/:/%3a/')_"*.deb 2>/dev/null | head -n1)
	[ -n "$f" ] || die "$pv: downloaded file not found"
	dpkg-deb -x "$f" "$dir"
done
printf '%s\n' "$want" > "$dir/stamp"
echo "$dir"
