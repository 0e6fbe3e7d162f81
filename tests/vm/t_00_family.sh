#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Smoke test of the test bed itself: the backend under test is present.
#
#   (no topology: root netns only)
#
# module kernels (< 7.2): xfrm_migrate_state is loaded and its generic
#   netlink family "xfrm_migstate" is registered.
# native kernels (>= 7.2): XFRM is there (/proc/net/xfrm_stat); the
#   kernel itself implements XFRM_MSG_MIGRATE_STATE.
. "$(dirname "$0")/lib.sh"

say "backend $XMS_BACKEND, kernel $XMS_KVER, $XMS_ARCH"
if is_module_backend; then
	run test -d /sys/module/xfrm_migrate_state ||
		fail "/sys/module/xfrm_migrate_state does not exist: module not loaded"
	run grep -q '^xfrm_migrate_state ' /proc/modules ||
		fail "xfrm_migrate_state not in /proc/modules"
	run cat /sys/module/xfrm_migrate_state/taint
	if [ -x /bin/genl ]; then
		run /bin/genl ctrl list > /tmp/genl.out ||
			fail "genl ctrl list failed"
		grep -q 'Name: xfrm_migstate$' /tmp/genl.out ||
			{ cat /tmp/genl.out; fail "generic netlink family xfrm_migstate is not registered"; }
		grep -A1 'Name: xfrm_migstate$' /tmp/genl.out
	fi
	pass "module loaded, family xfrm_migstate registered"
else
	run test -e /proc/net/xfrm_stat || fail "/proc/net/xfrm_stat missing: no XFRM"
	run test ! -d /sys/module/xfrm_migrate_state ||
		fail "our module is loaded on a native kernel"
	pass "native kernel with XFRM"
fi
