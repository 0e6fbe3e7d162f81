#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The kernel's YNL tooling for the spec tests: tools/net/ynl and
# Documentation/netlink (schemas) of the newest Debian linux-source-7.x
# (>= 7.2) in the private apt lists, resolved at run time, and that
# source's checkpatch.pl with its data files (scripts/checkpatch.sh), and
# the sources our handler is diffed against (net/xfrm/, the xfrm and
# netlink headers, lib/nlattr.c; scripts/upstream-diff.sh).
# Only those are kept, under $XMS_CACHE/src/ynl-VERSION; older ones are
# removed.
#
# Usage: ynl-source.sh      -> prints the directory (a KSRC for tools/)
set -eu
. "$(dirname "$0")/common.sh"

apt_private_fresh || die "apt update of the private lists failed"
pkg=$(apt_private apt-cache pkgnames linux-source- 2>/dev/null |
	grep -E '^linux-source-[0-9]+\.[0-9]+$' | while read -r p; do
		is_native_kver "${p#linux-source-}.0" && echo "$p"
	done | sort -V | tail -n1)
[ -n "$pkg" ] || die "no linux-source-7.x (>= 7.2) in the apt lists"
ver=$(apt_field "$pkg" Version)
[ -n "$ver" ] || die "$pkg: no version in the apt lists"
dir=$XMS_CACHE/src/ynl-$ver
have_all() {
	[ -f "$1/stamp" ] && [ -f "$1/scripts/checkpatch.pl" ] &&
		[ -f "$1/net/xfrm/xfrm_user.c" ] && [ -f "$1/lib/nlattr.c" ]
}
if have_all "$dir"; then
	echo "$dir"
	exit 0
fi

mkdir -p "$XMS_CACHE/src"
exec 8> "$XMS_CACHE/src/ynl.lock"
flock 8
have_all "$dir" && { echo "$dir"; exit 0; }
f=$(deb_download "$XMS_CACHE/debs/all" "$pkg" "$ver")
log "extract tools/net/ynl, Documentation/netlink, checkpatch and net/xfrm from $pkg $ver"
rm -rf "$dir" "$dir.tmp"
mkdir -p "$dir.tmp"
dpkg-deb --fsys-tarfile "$f" | tar -xO --wildcards '*/linux-source-*.tar.*' |
	xz -dc | tar -x -C "$dir.tmp" --strip-components=1 --wildcards \
		'*/tools/net/ynl/*' '*/Documentation/netlink/*' \
		'*/scripts/checkpatch.pl' '*/scripts/spelling.txt' \
		'*/scripts/const_structs.checkpatch' '*/net/xfrm/*' \
		'*/include/net/xfrm.h' '*/include/uapi/linux/xfrm.h' \
		'*/include/net/netlink.h' '*/include/linux/netlink.h' \
		'*/lib/nlattr.c' ||
	die "extracting $pkg failed"
[ -f "$dir.tmp/tools/net/ynl/pyynl/cli.py" ] &&
	[ -f "$dir.tmp/Documentation/netlink/genetlink-legacy.yaml" ] &&
	[ -f "$dir.tmp/scripts/checkpatch.pl" ] &&
	[ -f "$dir.tmp/net/xfrm/xfrm_user.c" ] && [ -f "$dir.tmp/lib/nlattr.c" ] ||
	die "$pkg $ver has no tools/net/ynl/pyynl/cli.py, genetlink-legacy.yaml, checkpatch.pl or net/xfrm/xfrm_user.c"
echo "$pkg $ver" > "$dir.tmp/stamp"
for d in "$XMS_CACHE"/src/ynl-*; do
	[ "$d" = "$dir.tmp" ] || rm -rf "$d"
done
mv "$dir.tmp" "$dir"
rm -f "$f"
echo "$dir"
