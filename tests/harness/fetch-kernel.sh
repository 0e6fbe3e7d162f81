#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Download one Debian kernel and extract what the harness needs into
# $XMS_CACHE/k/ARCH/KVER/root, keyed by package version (a warm run with
# the same version does nothing):
#   - vmlinuz, modules.* and the modules the guest may load (selectively:
#     decompressing a whole linux-image deb is the slowest step there is)
#   - for module kernels (< 7.2): linux-headers-KVER, its -common package
#     and linux-kbuild in full, with the absolute /usr/src paths rewritten
#     (for arm64 the kbuild package is the host's, for cross builds).
# Afterwards: root/vmlinuz, root/headers -> the KDIR, depmod done.
#
# Usage: fetch-kernel.sh ARCH KVER VERSION
set -eu
. "$(dirname "$0")/common.sh"

arch=$1 kver=$2 ver=$3
dir=$XMS_CACHE/k/$arch/$kver
stamp="$ver $dir"
# Another run (other work tree, CI) may be extracting the same kernel.
mkdir -p "$XMS_CACHE/k/$arch"
exec 8> "$dir.lock"
flock 8
if [ -f "$dir/stamp" ] && [ "$(cat "$dir/stamp")" = "$stamp" ]; then
	exit 0
fi

debs=$XMS_CACHE/debs/$arch
mkdir -p "$debs"
hostarch=$(dpkg --print-architecture)

# Image: 7.x splits it (linux-image-* is a metapackage).
if [ -n "$(apt_field "linux-binary-$kver:$arch" Version)" ]; then
	imgpkgs="linux-binary-$kver linux-modules-$kver linux-base-$kver"
else
	imgpkgs="linux-image-$kver"
fi

rm -rf "$dir"
mkdir -p "$dir/root"
root=$dir/root
t0=$(date +%s)
for p in $imgpkgs; do
	f=$(deb_download "$debs" "$p:$arch" "$ver")
	log "extract $(basename "$f") (selective)"
	dpkg-deb --fsys-tarfile "$f" | tar -x -C "$root" --wildcards \
		--exclude='*/kernel/drivers/net/ethernet/*' \
		--exclude='*/kernel/drivers/net/wireless/*' \
		'*/vmlinuz*' '*/modules.*' '*/config-*' \
		'*/kernel/net/*' '*/kernel/crypto/*' '*/kernel/lib/*' \
		'*/kernel/arch/*/crypto/*' \
		'*/kernel/drivers/net/veth.ko*' '*/kernel/drivers/net/dummy.ko*' \
		'*/kernel/drivers/net/netdevsim/*' '*/kernel/drivers/net/vrf.ko*' \
		'*/kernel/drivers/net/macvlan.ko*' '*/kernel/drivers/net/ipvlan/*' \
		'*/kernel/drivers/net/vxlan/*' '*/kernel/drivers/net/vxlan.ko*' \
		'*/kernel/drivers/net/geneve.ko*' '*/kernel/drivers/net/ifb.ko*' \
		2>/dev/null || true
done

# usr-merged 7.x packages: depmod -b wants ROOT/lib/modules.
if [ -d "$root/usr/lib/modules" ] && [ ! -e "$root/lib" ]; then
	ln -s usr/lib "$root/lib"
fi
[ -d "$root/lib/modules/$kver" ] || die "$kver: no modules extracted"
vmlinuz=$(ls "$root/boot/vmlinuz-$kver" "$root/lib/modules/$kver/vmlinuz" \
	2>/dev/null | head -n1)
[ -n "$vmlinuz" ] || die "$kver: no vmlinuz in $imgpkgs"
ln -sf "${vmlinuz#"$dir"/}" "$dir/vmlinuz"
depmod -b "$root" -a "$kver" || die "depmod failed for $kver"

if ! is_native_kver "$kver"; then
	hdr=linux-headers-$kver
	deps=$(apt_field "$hdr:$arch" Depends)
	common=$(echo "$deps" | tr ',' '\n' | sed -n "s/^ *\(linux-headers-[^ ,]*-common\).*/\1/p")
	kbuild=$(echo "$deps" | tr ',' '\n' | sed -n "s/^ *\(linux-kbuild-[^ ,]*\).*/\1/p")
	[ -n "$common" ] && [ -n "$kbuild" ] || die "$hdr: cannot parse Depends: $deps"
	# kbuild holds host programs (fixdep, modpost): the build host's arch.
	for f in $(deb_download "$debs" "$hdr:$arch" "$ver") \
		 $(deb_download "$debs" "$common" "$ver") \
		 $(deb_download "$debs" "$kbuild:$hostarch" "$ver"); do
		log "extract $(basename "$f")"
		dpkg-deb -x "$f" "$root"
	done
	kdir=$root/usr/src/$hdr
	[ -f "$kdir/Makefile" ] || die "$hdr: no Makefile"
	# Makefile: "include /usr/src/linux-headers-X-common/Makefile".
	grep -rlZ --include=Makefile '/usr/src/' "$kdir" |
		xargs -0 -r sed -i "s#\([^/]\|^\)/usr/src/#\1$root/usr/src/#g"
	# Absolute symlinks (lib/modules/KVER/build and friends).
	find "$root" -type l -lname '/*' | while read -r l; do
		ln -sfn "$root$(readlink "$l")" "$l"
	done
	ln -sfn "${kdir#"$dir"/}" "$dir/headers"
fi
log "$arch $kver: extracted in $(( $(date +%s) - t0 )) s"
echo "$stamp" > "$dir/stamp"
