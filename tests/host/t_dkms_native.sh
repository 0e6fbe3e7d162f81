#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Kernels with the native XFRM_MSG_MIGRATE_STATE (7.2+) are refused
# cleanly: DKMS reports the kernel as excluded (BUILD_EXCLUSIVE_KERNEL,
# dkms exit status 77, which dkms's own hooks and common.postinst treat
# as "skipped"); installing headers of such a kernel (dkms's hook, run
# like a linux-headers postinst runs it) succeeds with nothing built;
# a direct "make -C src KDIR=<7.x headers>" stops with the clear "native
# XFRM_MSG_MIGRATE_STATE" message; the other kernels are not disturbed.
. "$(dirname "$0")/lib.sh"

begin "the module is refused for a kernel that has the native message"

step "headers of the newest kernel with the native message"
if ! t=$(native_tree 2>"$XMS_TMP/fetch.log"); then
	indent < "$XMS_TMP/fetch.log"
	bad "could not get the headers of a 7.2+ kernel"
	finish
fi
kver=${t%% *} kdir=${t#* }
ok "$kver: $kdir"
k61=$(installed_kver 6.1)

step "make dkms-install (dkms add)"
run make -s -C "$XMS_REPO" dkms-install || bad "make dkms-install failed"

step "$kver: dkms build is refused as excluded, exit status 77"
run dkms build -m "$DKMS_NAME" -v "$VERSION" -k "$kver" --kernelsourcedir "$kdir"
rc=$?
[ "$rc" -eq 77 ] && ok "dkms build exit status 77 (excluded)" ||
	bad "dkms build exit status $rc, want 77"
check "dkms says the BUILD_EXCLUSIVE directive does not match this kernel" \
	grep -q "BUILD_EXCLUSIVE directive which does not match this kernel" "$XMS_TMP/run.out"
run dkms install -m "$DKMS_NAME" -v "$VERSION" -k "$kver" --kernelsourcedir "$kdir"
rc=$?
[ "$rc" -eq 77 ] && ok "dkms install exit status 77 (excluded)" ||
	bad "dkms install exit status $rc, want 77"
check "nothing built for $kver" \
	sh -c "[ ! -e /var/lib/dkms/$DKMS_NAME/$VERSION/$kver ]"
check "dkms status lists $DKMS_NAME as added only" \
	sh -c "[ \"\$(dkms status -m $DKMS_NAME)\" = '$DKMS_NAME/$VERSION: added' ]"

step "$kver: headers installed: dkms's kernel hook succeeds, skips the module"
if [ -e "/lib/modules/$kver" ]; then
	bad "/lib/modules/$kver exists already; not touching it"
else
	mkdir -p "/lib/modules/$kver"
	ln -s "$kdir" "/lib/modules/$kver/build"
	run /etc/kernel/header_postinst.d/dkms "$kver"
	rc=$?
	[ "$rc" -eq 0 ] && ok "hook exit status 0: a kernel package install would go on" ||
		bad "hook exit status $rc: it would break the kernel package install"
	check "no module in /lib/modules/$kver" \
		sh -c "[ -z \"\$(find /lib/modules/$kver/ -name '$MOD.ko*')\" ]"
	check "dkms status lists nothing built for $kver" \
		sh -c "! dkms status -m $DKMS_NAME -k '$kver' | grep -q '$kver'"
	rm -rf "/lib/modules/$kver"
fi

step "make -C src KDIR=<$kver headers> stops with the native-message error"
copy_tree "$XMS_TMP/tree"
run make -C "$XMS_TMP/tree/src" KDIR="$kdir"
rc=$?
[ "$rc" -ne 0 ] && ok "make failed (exit $rc)" || bad "make succeeded on a native kernel"
check "the message names the native XFRM_MSG_MIGRATE_STATE" \
	grep -q "already has the native XFRM_MSG_MIGRATE_STATE" "$XMS_TMP/run.out"
check "no module file was produced" \
	sh -c "[ -z \"\$(find '$XMS_TMP/tree/src' -name '*.ko' -o -name '*.o')\" ]"

step "make check-config KDIR=<$kver headers> says so too"
run make -s -C "$XMS_TMP/tree" check-config KDIR="$kdir"
rc=$?
[ "$rc" -ne 0 ] && ok "check-config failed (exit $rc)" || bad "check-config passed on a native kernel"
check "check-config names the native XFRM_MSG_MIGRATE_STATE" \
	grep -q "native XFRM_MSG_MIGRATE_STATE" "$XMS_TMP/run.out"

if [ -n "$k61" ]; then
	step "the same hook for $k61 (supported) builds and installs the module"
	run_tail 4 /etc/kernel/header_postinst.d/dkms "$k61" ||
		bad "the hook failed for $k61"
	check "dkms status: installed for $k61" \
		sh -c "dkms status -m $DKMS_NAME -k '$k61' | grep -q ': installed'"
fi

step "dkms remove"
run_tail 2 make -s -C "$XMS_REPO" dkms-uninstall || bad "make dkms-uninstall failed"
l=$(leftovers)
[ -z "$l" ] && ok "nothing left" || { bad "left behind:"; echo "$l" | indent; }
finish
