#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Print "KVER VERSION" of the newest Debian kernel of a matrix branch,
# resolved at run time from the private apt lists (never pinned).
#
# Usage: resolve-kernel.sh ARCH BRANCH     (BRANCH: 5.10 6.1 6.12 7.2)
set -eu
. "$(dirname "$0")/common.sh"

arch=$1 branch=$(norm_branch "$2")

case $branch in
5.10) re="^linux-image-5\.10\.0-[0-9]+-$arch$" ;;
6.1)  re="^linux-image-6\.1\.0-[0-9]+-$arch$" ;;
6.12) re="^linux-image-6\.12\.[0-9]+\+deb12-$arch$" ;;
7.2)  re="^linux-image-[0-9]+\.[0-9]+\.[0-9]+\+deb[0-9]+-$arch$" ;;
*) die "unknown kernel branch '$2' (want 5.10, 6.1, 6.12 or 7.2)" ;;
esac

apt_private apt-cache pkgnames linux-image- 2>/dev/null |
	grep -E "$re" | sort -V -r | while read -r pkg; do
	kver=${pkg#linux-image-}
	if [ "$branch" = 7.2 ] && ! is_native_kver "$kver"; then
		continue
	fi
	ver=$(apt_private apt-cache show --no-all-versions "$pkg:$arch" \
		2>/dev/null | sed -n 's/^Version: //p' | head -n1)
	[ -n "$ver" ] || continue
	echo "$kver $ver"
	break
done | grep . || die "no $arch kernel found for branch $branch"
