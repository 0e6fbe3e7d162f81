#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The guest's userspace, into OUTDIR (the guest's /usr/bin; mkoverlay.sh
# copies each program with the shared libraries it needs):
#
#   xfrm-migrate  what users install, linked as they get it: on the host's
#                 architecture the program of the xfrm-migrate package
#                 ("make deb", rebuilt when tools/, include/, debian/ or
#                 VERSION change); on another (arm64) the same tools/
#                 Makefile cross-built against that architecture's
#                 libmnl.so.0 from the cached sysroot. Both use the real
#                 libmnl.
#   test programs static, from every tests/vm/<dir>/Makefile "guest" target
#
# Usage: build-guest-bin.sh ARCH OUTDIR
set -eu
. "$(dirname "$0")/common.sh"

arch=$1 out=$2
rm -rf "$out"
mkdir -p "$out"
logf=$out.log
: > "$logf"
hostarch=$(dpkg --print-architecture)

# The sources a build of the CLI depends on, as one key.
tools_key() {
	(cd "$XMS_REPO" && repo_files tools include debian VERSION | sort |
		xargs sha256sum; echo "$arch") | sha256sum | cut -c1-16
}

if [ "$arch" = "$hostarch" ]; then
	debs=$XMS_BUILD/$arch/deb
	key=$(tools_key)
	if [ "$(cat "$debs/key" 2>/dev/null)" != "$key" ] ||
	   ! ls "$debs"/xfrm-migrate_*_"$arch".deb > /dev/null 2>&1; then
		echo "== make deb (tools changed)" >> "$logf"
		# The package's own tests run in the unit and host suites.
		if ! DEB_BUILD_OPTIONS=nocheck "$XMS_REPO/debian/make-deb.sh" "$debs" >> "$logf" 2>&1; then
			tail -n 30 "$logf" >&2
			die "make deb for the $arch guest failed (log: $logf)"
		fi
		echo "$key" > "$debs/key"
	fi
	x=$(mktemp -d)
	dpkg-deb -x "$(ls "$debs"/xfrm-migrate_*_"$arch".deb | head -n1)" "$x"
	install -m 755 "$x/usr/sbin/xfrm-migrate" "$out/xfrm-migrate"
	rm -rf "$x"
else
	sysroot=$("$XMS_HARNESS/sysroot.sh" "$arch")
	triplet=$(case $arch in arm64) echo aarch64-linux-gnu ;; esac)
	b=$XMS_BUILD/$arch/tools
	rm -rf "$b"
	mkdir -p "$b"
	(cd "$XMS_REPO" && repo_files tools include VERSION | xargs cp --parents -t "$b")
	set -- CROSS_COMPILE="$triplet-" PKG_CONFIG=false \
		CFLAGS="-O2 -g -I$sysroot/usr/include -L$sysroot/usr/lib/$triplet"
	echo "make -C $b/tools $*" >> "$logf"
	if ! make -C "$b/tools" "$@" >> "$logf" 2>&1; then
		tail -n 30 "$logf" >&2
		die "building the $arch CLI failed (log: $logf)"
	fi
	install -m 755 "$b/tools/build/xfrm-migrate" "$out/xfrm-migrate"
fi

# The test programs: every tests/vm/<dir>/Makefile has a "guest" target
# building static binaries into the same directory.
cross=
[ "$arch" = "$hostarch" ] || cross=CROSS_COMPILE=aarch64-linux-gnu-
for mk in "$XMS_REPO"/tests/vm/*/Makefile; do
	[ -f "$mk" ] || continue
	d=$(dirname "$mk")
	echo "make -C $d guest O=$out $cross" >> "$logf"
	# shellcheck disable=SC2086
	if ! make -C "$d" guest O="$out" $cross >> "$logf" 2>&1; then
		tail -n 30 "$logf" >&2
		die "building the $arch test program in $d failed (log: $logf)"
	fi
done
log "$arch guest userspace: $(cd "$out" && ls | tr '\n' ' ')"
