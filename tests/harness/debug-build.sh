#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build the debug kernel of make test-debug from Debian's linux-source-6.12
# (newest in the apt lists): x86_64_defconfig + kvm_guest.config +
# debug.config (lockdep, KASAN, kmemleak, atomic-sleep and RCU checks, the
# XFRM/crypto/veth bits the tests need). Cached under
# $XMS_CACHE/debug/, keyed by source version and config; laid out in
# $XMS_CACHE/k/amd64/KVER like an extracted Debian kernel (root/, vmlinuz,
# headers -> the build tree), so the rest of the harness takes it as is.
#
# Usage: debug-build.sh      -> prints "KVER VERSION" (as resolve-kernel.sh)
set -eu
. "$(dirname "$0")/common.sh"

pkg=linux-source-6.12
srcver=$(apt_field "$pkg" Version)
[ -n "$srcver" ] || die "$pkg not in the apt lists"
cfgkey=$(cat "$XMS_HARNESS/debug.config" | sha256sum | cut -c1-8)
ver=$srcver+debug.$cfgkey
dbg=$XMS_CACHE/debug
src=$dbg/src-$srcver
obj=$dbg/obj-$srcver
mkdir -p "$dbg"
exec 8> "$dbg/build.lock"
flock 8

if [ -f "$obj/done" ] && [ "$(cut -d' ' -f2 "$obj/done")" = "$ver" ]; then
	cat "$obj/done"
	exit 0
fi
t0=$(date +%s)

# --- source ------------------------------------------------------------------
if [ ! -f "$src/Makefile" ]; then
	f=$(deb_download "$XMS_CACHE/debs/all" "$pkg" "$srcver")
	log "extract $pkg $srcver"
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	dpkg-deb --fsys-tarfile "$f" | tar -xO --wildcards '*/linux-source-*.tar.xz' |
		tar -xJ -C "$src.tmp" --strip-components=1
	mv "$src.tmp" "$src"
fi

# --- config and build ----------------------------------------------------------
# One build tree per source version: an interrupted build goes on where it
# was, and a changed debug.config rebuilds only what depends on the
# options that changed (kbuild tracks CONFIG_ dependencies per file).
blog=$dbg/build-$srcver.log
mkdir -p "$obj"
rm -f "$obj/done"
if [ -f "$obj/.config" ] && [ "$(cat "$obj/cfgkey" 2>/dev/null)" = "$cfgkey" ]; then
	log "resuming the build in $obj"
else
	log "configure (log: $blog)"
	{
		make -C "$src" O="$obj" x86_64_defconfig
		"$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" \
			"$src/kernel/configs/kvm_guest.config" "$XMS_HARNESS/debug.config"
		make -C "$src" O="$obj" olddefconfig
	} > "$blog" 2>&1 || {
		tail -n 30 "$blog" >&2
		rm -f "$obj/.config"
		die "configuring the debug kernel failed"
	}
	echo "$cfgkey" > "$obj/cfgkey"
fi
# Build trees of other source versions are stale.
for d in "$dbg"/obj-* "$dbg"/src-*; do
	case $d in "$obj"|"$src") continue ;; esac
	rm -rf "$d"
done
for opt in PROVE_LOCKING=y KASAN=y DEBUG_KMEMLEAK=y DEBUG_ATOMIC_SLEEP=y \
	PROVE_RCU=y XFRM_USER=m XFRM_MIGRATE=y INET_ESP=m VETH=m NETDEVSIM=m \
	NET_IPVTI=m; do
	grep -qx "CONFIG_$opt" "$obj/.config" ||
		die "debug kernel config lost CONFIG_$opt (see $blog)"
done
log "build $pkg $srcver with lockdep/KASAN/kmemleak: this takes a while (log: $blog)"
nice make -C "$src" O="$obj" -j"$(nproc)" bzImage modules >> "$blog" 2>&1 ||
	{ tail -n 30 "$blog" >&2; die "building the debug kernel failed"; }
kver=$(make -s -C "$src" O="$obj" kernelrelease)

# --- lay it out like an extracted Debian kernel ----------------------------
dir=$XMS_CACHE/k/amd64/$kver
rm -rf "$dir"
mkdir -p "$dir/root"
make -C "$src" O="$obj" modules_install INSTALL_MOD_PATH="$dir/root" \
	INSTALL_MOD_STRIP=1 >> "$blog" 2>&1 || die "modules_install failed"
cp "$obj/arch/x86/boot/bzImage" "$dir/root/vmlinuz-$kver"
ln -s "root/vmlinuz-$kver" "$dir/vmlinuz"
ln -s "$obj" "$dir/headers"
echo "$ver $dir" > "$dir/stamp"
log "debug kernel $kver built in $(( $(date +%s) - t0 )) s"
echo "$kver $ver" > "$obj/done"
cat "$obj/done"
