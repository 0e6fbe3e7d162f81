#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# DKMS as a user meets it: make dkms-install (copies the sources, dkms
# add), dkms build and install for the installed 6.1 and 6.12+deb12
# headers and for 5.10 from the harness's extracted headers tree
# (--kernelsourcedir); the module's version is VERSION and its vermagic
# the kernel's; dkms remove leaves nothing behind.
#
# Exports the DKMS-built modules for the VM harness:
#   build/dkms/<kver>/xfrm_migrate_state.ko   (uncompressed)
. "$(dirname "$0")/lib.sh"

begin "dkms add/build/install for 5.10, 6.1 and 6.12, then dkms remove"

k61=$(installed_kver 6.1)
k612=$(installed_kver 6.12)
[ -n "$k61" ] || bad "no 6.1 headers installed (tests/host/run.sh installs them)"
[ -n "$k612" ] || bad "no 6.12+deb12 headers installed (tests/host/run.sh installs them)"
step "5.10 headers tree from the harness cache"
if t=$(harness_tree 5.10 2>"$XMS_TMP/fetch.log"); then
	k510=${t%% *} kdir510=${t#* }
	ok "5.10: $k510 in $kdir510"
else
	k510='' kdir510=''
	indent < "$XMS_TMP/fetch.log"
	bad "no 5.10 headers tree (tests/harness/fetch-kernel.sh failed or is missing)"
fi

step "make dkms-install: sources to /usr/src/$DKMS_NAME-$VERSION, dkms add"
src=/usr/src/$DKMS_NAME-$VERSION
run make -s -C "$XMS_REPO" dkms-install || bad "make dkms-install failed"
check "dkms.conf carries PACKAGE_VERSION=\"$VERSION\"" \
	grep -qx "PACKAGE_VERSION=\"$VERSION\"" "$src/dkms.conf"
check "no @VERSION@ placeholder left" sh -c "! grep -rq @VERSION@ '$src'"
check "no build output in the DKMS sources" \
	sh -c "[ -z \"\$(find '$src' -name '*.o' -o -name '*.ko' -o -name '*.mod*' -o -name generated)\" ]"
check "dkms status: added" sh -c "dkms status -m $DKMS_NAME -v $VERSION | grep -q ': added'"

mkdir -p "$XMS_BUILD/dkms"
# build_install KVER [KDIR]
build_install() {
	k=$1 kd=${2:-}
	set -- -m "$DKMS_NAME" -v "$VERSION" -k "$k"
	[ -n "$kd" ] && set -- "$@" --kernelsourcedir "$kd"
	step "$k: dkms build, dkms install${kd:+ (--kernelsourcedir $kd)}"
	t0=$(date +%s)
	if ! run_tail 4 dkms build "$@"; then
		bad "$k: dkms build failed"
		tail -n 30 "/var/lib/dkms/$DKMS_NAME/$VERSION/build/make.log" 2>/dev/null | indent
		return
	fi
	ok "$k: built in $(( $(date +%s) - t0 )) s"
	if ! run_tail 6 dkms install "$@"; then
		bad "$k: dkms install failed"
		return
	fi
	check "$k: dkms status says installed" \
		sh -c "dkms status -m $DKMS_NAME -v $VERSION -k '$k' | grep -q ': installed'"
	ko=$(find "/lib/modules/$k/updates/dkms" -name "$MOD.ko*" 2>/dev/null | head -n1)
	if [ -z "$ko" ]; then
		bad "$k: no $MOD.ko* in /lib/modules/$k/updates/dkms"
		return
	fi
	ok "$k: installed as $ko"
	v=$(modfield "$ko" version)
	[ "$v" = "$VERSION" ] && ok "$k: modinfo version $v" ||
		bad "$k: modinfo version '$v', VERSION says $VERSION"
	vm=$(modfield "$ko" vermagic)
	want=$(stock_vermagic "$k")
	if [ -n "$want" ]; then
		[ "$vm" = "$want" ] && ok "$k: vermagic '$vm', as the kernel's own modules" ||
			bad "$k: vermagic '$vm', the kernel's modules have '$want'"
	else
		case "$vm" in
		"$k "*) ok "$k: vermagic '$vm'" ;;
		*) bad "$k: vermagic '$vm' does not start with $k" ;;
		esac
	fi
	# For the VM harness: the DKMS-built module, uncompressed.
	out=$XMS_BUILD/dkms/$k
	rm -rf "$out"
	mkdir -p "$out"
	case $ko in
	*.xz)  xz -dc "$ko" > "$out/$MOD.ko" ;;
	*.zst) zstd -qdc "$ko" > "$out/$MOD.ko" ;;
	*.gz)  gzip -dc "$ko" > "$out/$MOD.ko" ;;
	*)     cp "$ko" "$out/$MOD.ko" ;;
	esac && ok "$k: exported to ${out#"$XMS_REPO"/}/$MOD.ko" ||
		bad "$k: could not export the module"
}

[ -n "$k61" ] && build_install "$k61"
[ -n "$k612" ] && build_install "$k612"
if [ -n "$k510" ]; then
	# dkms install wants /lib/modules/KVER of an installed kernel; make it
	# (removed again at the end) when that kernel is not installed here.
	if [ ! -d "/lib/modules/$k510" ]; then
		say "(making /lib/modules/$k510, as an installed kernel has it)"
		mkdir -p "/lib/modules/$k510"
	fi
	build_install "$k510" "$kdir510"
fi

step "dkms remove --all"
run dkms status -m "$DKMS_NAME" || true
run_tail 3 dkms remove -m "$DKMS_NAME" -v "$VERSION" --all || bad "dkms remove failed"
run make -s -C "$XMS_REPO" dkms-uninstall || bad "make dkms-uninstall failed"
l=$(leftovers)
if [ -z "$l" ]; then
	ok "nothing left: dkms status empty, no $src, no /var/lib/dkms/$DKMS_NAME, no $MOD.ko in /lib/modules/*/updates"
else
	bad "left behind:"
	echo "$l" | indent
fi
finish
