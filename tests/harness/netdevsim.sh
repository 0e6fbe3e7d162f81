#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# netdevsim.ko for a module kernel, for the offload tests (t_46..t_48).
# Debian does not build netdevsim (CONFIG_NETDEVSIM is off), so it is
# built out of tree, at test time, from drivers/net/netdevsim/ of the
# matching Debian linux-source-BRANCH package against the kernel's
# extracted headers. Nothing of it is kept in the repository.
#
# The linux-source version is resolved at run time from the private apt
# lists: the one equal to the kernel's own package version when the
# archive still has it, else the newest of the branch. Results are cached
# under $XMS_CACHE/netdevsim/, keyed by source version + kernel release:
#   src/VERSION/netdevsim/                  the driver's sources
#   ARCH/KVER/VERSION/netdevsim.ko          the build (debug info stripped),
#   ARCH/KVER/VERSION/<dep>.ko, load.order  the stock modules it needs
#                                           (modinfo depends), in order
#
# Usage: netdevsim.sh ARCH KVER [HEADERS]   -> prints the output directory
#        (HEADERS defaults to $XMS_CACHE/k/ARCH/KVER/headers; the guest
#        insmods the files of load.order, then netdevsim.ko)
set -eu
. "$(dirname "$0")/common.sh"

arch=$1 kver=$2
kdir=$(readlink -f "${3:-$XMS_CACHE/k/$arch/$kver/headers}")
kroot=$XMS_CACHE/k/$arch/$kver
[ -f "$kdir/Makefile" ] || die "$kver: no headers at $kdir"
is_native_kver "$kver" && die "$kver: native kernel, no out-of-tree netdevsim"

case $kver in
5.10.*) branch=5.10 ;;
6.1.*)  branch=6.1 ;;
6.12.*) branch=6.12 ;;
*) die "$kver: no linux-source branch known" ;;
esac
pkg=linux-source-$branch

# --- which source version --------------------------------------------------
kpkgver=$(cut -d' ' -f1 "$kroot/stamp" 2>/dev/null || true)
versions=$(apt_private apt-cache madison "$pkg" 2>/dev/null |
	awk -F'|' '{ gsub(/ /, "", $2); print $2 }' | sort -u -V -r)
[ -n "$versions" ] || die "$pkg: not in the apt lists (apt-private.sh update?)"
srcver=$(echo "$versions" | grep -Fx "$kpkgver" || echo "$versions" | head -n1)
[ "$srcver" = "$kpkgver" ] ||
	log "netdevsim: $kver is $kpkgver but the newest $pkg is $srcver"

out=$XMS_CACHE/netdevsim/$arch/$kver/$srcver
if [ -f "$out/netdevsim.ko" ] && [ -f "$out/load.order" ]; then
	echo "$out"
	exit 0
fi

# --- sources: drivers/net/netdevsim of that version ------------------------
src=$XMS_CACHE/netdevsim/src/$srcver/netdevsim
if [ ! -f "$src/Makefile" ]; then
	deb=$(deb_download "$XMS_CACHE/debs/all" "$pkg" "$srcver")
	debname=${deb##*/}
	tmp=$(mktemp -d "$XMS_CACHE/nsim-src.XXXXXX")
	log "netdevsim: extracting drivers/net/netdevsim from $debname"
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO "./usr/src/$pkg.tar.xz" |
		tar -xJ -C "$tmp" "$pkg/drivers/net/netdevsim" ||
		{ rm -rf "$tmp"; die "extracting netdevsim from $debname failed"; }
	mkdir -p "$(dirname "$src")"
	# A concurrent run may have been first: keep whichever landed.
	mv -T "$tmp/$pkg/drivers/net/netdevsim" "$src" 2>/dev/null ||
		[ -f "$src/Makefile" ] || die "cannot store the sources in $src"
	rm -rf "$tmp"
fi

# --- build ----------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/xms-nsim.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -r "$src/." "$work/"
set -- -C "$kdir" M="$work" CONFIG_NETDEVSIM=m
case $kver in
5.10.*) set -- "$@" CC=gcc-12 ;;	# headers want gcc-10, not in bookworm
esac
cross=
if [ "$arch" != "$(dpkg --print-architecture)" ]; then
	cross=aarch64-linux-gnu-
	set -- "$@" ARCH=arm64 CROSS_COMPILE=$cross
fi
log "netdevsim: make $* modules"
make "$@" modules > "$work/build.log" 2>&1 || {
	tail -n 30 "$work/build.log" >&2
	die "netdevsim build for $kver failed"
}
if grep -E 'warning:|WARNING:' "$work/build.log" >&2; then
	die "netdevsim build for $kver has warnings (above)"
fi

# --- the stock modules it needs, in load order ------------------------------
mkdir -p "$(dirname "$out")"
stage=$(mktemp -d "$(dirname "$out")/.stage.XXXXXX")
chmod 755 "$stage"
trap 'rm -rf "$work" "$stage"' EXIT
# Debug info is 5-7 MB of the module, and the guest's overlay is per run.
${cross}strip --strip-debug -o "$stage/netdevsim.ko" "$work/netdevsim.ko"
: > "$stage/load.order"
for dep in $(modinfo -F depends "$work/netdevsim.ko" | tr ',' ' '); do
	deps=$(modprobe -d "$kroot/root" -S "$kver" --show-depends "$dep") ||
		die "$kver: netdevsim needs $dep, not found in $kroot/root"
	echo "$deps" | while read -r verb path _; do
		[ "$verb" = insmod ] || continue
		name=$(basename "$path"); name=${name%.xz}; name=${name%.zst}
		grep -qFx "$name" "$stage/load.order" && continue
		case $path in
		*.xz) xz -dc "$path" ;;
		*.zst) zstd -qdc "$path" ;;
		*) cat "$path" ;;
		esac > "$stage/$name"
		echo "$name" >> "$stage/load.order"
	done
done

mv -T "$stage" "$out" 2>/dev/null || [ -f "$out/netdevsim.ko" ] ||
	die "cannot store the build in $out"
log "netdevsim: $out ($(tr '\n' ' ' < "$out/load.order")netdevsim.ko)"
echo "$out"
