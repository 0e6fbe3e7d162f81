#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make sparse: the module built with sparse over every file (C=2) against
# one kernel's headers, in a scratch copy of the sources. Fails on any
# sparse warning or error in the module's own files.
#
# Usage: sparse.sh [KDIR]
#   default KDIR: the harness's headers of Debian's newest 6.12 for this
#   architecture (fetched into the harness cache when missing).
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
harness=$repo/tests/harness
cache=${XMS_CACHE:-${CACHE:-/var/cache/xfrm-migrate-state}}
die() { echo "sparse: $*" >&2; exit 1; }

command -v sparse > /dev/null || {
	echo "sparse: not installed (apt-get install sparse)" >&2
	exit 1
}
arch=$(dpkg --print-architecture)
kdir=${1:-}
if [ -z "$kdir" ]; then
	# shellcheck disable=SC2046
	set -- $("$harness/resolve-kernel.sh" "$arch" 6.12)
	[ $# -eq 2 ] || die "no 6.12 kernel in the harness's apt lists"
	"$harness/fetch-kernel.sh" "$arch" "$1" "$2" >&2
	kdir=$(readlink -f "$cache/k/$arch/$1/headers")
fi
[ -f "$kdir/Makefile" ] || die "no kernel headers in $kdir"

work=$(mktemp -d "${TMPDIR:-/tmp}/xms-sparse.XXXXXX")
trap '[ -n "${XMS_SPARSE_KEEP:-}" ] || rm -rf "$work"' EXIT INT TERM
# The sources as the harness builds them (tests/harness/build-module.sh).
(cd "$repo" && git ls-files -co --exclude-standard -- src include VERSION |
	grep -v '^src/generated/' | while read -r f; do [ -f "$f" ] && echo "$f"; done |
	xargs -r cp --parents -t "$work")
log=$work/sparse.log
if ! make -C "$work/src" KDIR="$kdir" C=2 > "$log" 2>&1; then
	cat "$log" >&2
	echo "sparse: the build failed ($kdir)" >&2
	exit 1
fi
# Findings in our files only: the kernel's own headers are not ours.
findings=$(grep -E "^$work/(src|include)/[^:]*:[0-9]+:[0-9]+: (warning|error):" "$log" |
	sed "s#^$work/##" || true)
checked=$(grep -c '^  CHECK ' "$log" || true)
if [ -n "$findings" ]; then
	echo "$findings"
	echo "sparse: findings above ($checked files, $(basename "$(dirname "$kdir")")/$(basename "$kdir"))"
	exit 1
fi
echo "sparse: $checked files clean ($kdir)"
