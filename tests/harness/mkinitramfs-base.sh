#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The cached part of a guest's initramfs: busybox, iproute2 (ip, genl, tc,
# ss) with their shared libraries, and the stock modules of modules.list
# (decompressed, with their dependencies, load order in
# /etc/modules.order; depmod'ed so busybox modprobe can autoload).
# Rebuilt only when the kernel, the userland or this recipe changes.
#
# Usage: mkinitramfs-base.sh ARCH KVER      -> prints the cpio.gz path
set -eu
. "$(dirname "$0")/common.sh"

arch=$1 kver=$2
kdir=$XMS_CACHE/k/$arch/$kver
root=$kdir/root
out=$kdir/base.cpio.gz
[ -f "$kdir/stamp" ] || die "$kver: kernel not fetched"

. "$XMS_HARNESS/elf.sh"

key=$(cat "$kdir/stamp" "$0" "$XMS_HARNESS/elf.sh" "$XMS_HARNESS/modules.list" \
	"$sysroot/stamp" /var/lib/dpkg/info/busybox-static.md5sums \
	/var/lib/dpkg/info/iproute2.md5sums 2>/dev/null | sha256sum | cut -c1-16)
if [ -f "$out" ] && [ "$(cat "$out.key" 2>/dev/null)" = "$key" ]; then
	echo "$out"
	exit 0
fi

exec 8> "$kdir/base.lock"
flock 8
stage=$(mktemp -d "$XMS_CACHE/stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
cd "$stage"
mkdir -p bin sbin usr/bin usr/sbin lib etc proc sys dev tmp run var \
	root tests "lib/modules/$kver"

# --- userland -------------------------------------------------------------
bb=$sysroot/bin/busybox
[ -e "$bb" ] || die "no busybox in $sysroot"
copy_elf "$bb" bin/busybox
# Applet list from the host's busybox (same Debian version for all arches).
for a in $(busybox --list); do
	[ "$a" = busybox ] || ln -sf busybox "bin/$a"
done
# iproute2 wins over the applets of the same name.
for b in bin/ip sbin/ip usr/sbin/genl sbin/genl sbin/tc bin/ss; do
	[ -e "$sysroot/$b" ] || continue
	rm -f "bin/$(basename "$b")"
	copy_elf "$sysroot/$b" "bin/$(basename "$b")"
done
[ -e bin/ip ] && [ ! -L bin/ip ] || die "iproute2's ip not found in $sysroot"
ln -sf ../bin/busybox sbin/modprobe
printf 'root:x:0:0:root:/root:/bin/sh\n' > etc/passwd
printf 'root:x:0:\n' > etc/group
[ -d "$sysroot/etc/iproute2" ] && cp -r "$sysroot/etc/iproute2" etc/

# --- modules ---------------------------------------------------------------
mroot=$root/lib/modules/$kver
: > etc/modules.order
: > "$kdir/modules.missing"
seen=" "
for m in $(sed 's/#.*//' "$XMS_HARNESS/modules.list"); do
	deps=$(modprobe -d "$root" -S "$kver" --show-depends "$m" 2>/dev/null) || {
		echo "$m" >> "$kdir/modules.missing"; continue; }
	echo "$deps" | while read -r verb path _; do
		[ "$verb" = insmod ] || continue
		rel=${path#"$mroot"/}
		dst=${rel%.xz}; dst=${dst%.zst}; dst=${dst%.gz}
		[ -e "lib/modules/$kver/$dst" ] && continue
		mkdir -p "$(dirname "lib/modules/$kver/$dst")"
		case $path in
		*.xz) xz -dc "$path" ;;
		*.zst) zstd -qdc "$path" ;;
		*.gz) gzip -dc "$path" ;;
		*) cat "$path" ;;
		esac > "lib/modules/$kver/$dst"
		echo "$dst" >> etc/modules.order
	done
done
cp "$mroot"/modules.builtin* "$mroot/modules.order" "lib/modules/$kver/" 2>/dev/null || true
depmod -b "$stage" -a "$kver" 2>/dev/null || log "depmod of the initramfs failed (autoload off)"

pack_cpio "$stage" > "$out.tmp"
mv "$out.tmp" "$out"
echo "$key" > "$out.key"
log "$arch $kver: base initramfs $(du -h "$out" | cut -f1)," \
	"$(wc -l < etc/modules.order) modules (missing:" \
	"$(tr '\n' ' ' < "$kdir/modules.missing"))"
echo "$out"
