# SPDX-License-Identifier: GPL-2.0
#
# Copying programs with their shared libraries into a guest's staging
# directory (sourced, not run). The caller sets arch and stage; sysroot
# is where the ARCH userland comes from: / for the host's architecture,
# the cached sysroot (sysroot.sh) for another one.

if [ "$arch" = "$(dpkg --print-architecture)" ]; then
	sysroot=/
else
	sysroot=$XMS_CACHE/sysroot/$arch
	[ -f "$sysroot/stamp" ] || die "no $arch sysroot (sysroot.sh)"
fi
triplet=$(case $arch in amd64) echo x86_64-linux-gnu ;; arm64) echo aarch64-linux-gnu ;; esac)
libdirs="lib/$triplet usr/lib/$triplet lib usr/lib lib64"

find_lib() {
	for d in $libdirs; do
		[ -e "$sysroot/$d/$1" ] && { echo "$sysroot/$d/$1"; return; }
	done
	return 1
}

# Follow symlinks inside the sysroot (iproute2's /sbin/ip -> /bin/ip is
# absolute: cp -L would take the host's binary).
in_sysroot() {
	f=$1 n=0
	while [ -L "$f" ] && [ $n -lt 20 ]; do
		t=$(readlink "$f")
		case $t in
		/*) f=$sysroot$t ;;
		*) f=$(dirname "$f")/$t ;;
		esac
		n=$((n + 1))
	done
	echo "$f"
}

# Copy an ELF and, recursively, the shared libraries it needs.
copy_elf() { # SRC DEST(in stage)
	set -- "$(in_sysroot "$1")" "$2"
	mkdir -p "$(dirname "$stage/$2")"
	cp "$1" "$stage/$2"
	interp=$(readelf -l "$1" 2>/dev/null |
		sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
	if [ -n "$interp" ] && [ ! -e "$stage$interp" ]; then
		mkdir -p "$(dirname "$stage$interp")"
		cp "$(in_sysroot "$sysroot$interp")" "$stage$interp"
	fi
	for so in $(readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
		[ -e "$stage/lib/$triplet/$so" ] && continue
		src=$(find_lib "$so") || die "$1: needs $so, not in $sysroot"
		copy_elf "$src" "lib/$triplet/$so"
	done
}
