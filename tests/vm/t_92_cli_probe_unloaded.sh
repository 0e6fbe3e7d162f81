#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Without the module, "xfrm-migrate probe" says none / module not loaded
# (exit 3), and xms-raw cannot resolve the family (ENOENT). On module
# kernels the module is unloaded for this, then inserted again
# (insmod $XMS_KO) so later tests are unaffected; on a native kernel the
# module backend is asked for explicitly (--backend module).
#
#   root netns only
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

if is_module_backend; then
	must rmmod xfrm_migrate_state
	cli="xfrm-migrate probe"
else
	cli="xfrm-migrate --backend module probe"
fi
echo "+ $cli"
$cli > /tmp/probe 2>&1
rc=$?
cat /tmp/probe
echo "+ xms-raw --backend module --daddr 10.0.0.2 --spi 0x1000"
raw=$($XR --backend module --daddr 10.0.0.2 --spi 0x1000)
echo "$raw"
if is_module_backend; then
	must insmod "$XMS_KO"
	run xfrm-migrate probe | grep -q '^backend: module$' ||
		fail "probe does not find the module after insmod"
fi
[ $rc -eq 3 ] || fail "probe exit status $rc, want 3 (no backend)"
grep -q '^backend: none$' /tmp/probe || fail "probe does not say 'backend: none'"
grep -q 'module not loaded' /tmp/probe || fail "probe reason lacks 'module not loaded'"
case $raw in errno=ENOENT*family=unresolved) ;; *) fail "xms-raw without the family: $raw" ;; esac
pass "no module: probe says none / module not loaded (exit 3)"
