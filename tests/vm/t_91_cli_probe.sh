#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# "xfrm-migrate probe": native on 7.x, the module (with its version) on
# module kernels; exit status 0.
#
#   netns a (empty): the probe is per namespace
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

must ip netns add a
echo "+ [a] xfrm-migrate probe"
/bin/ip netns exec a xfrm-migrate probe > /tmp/probe
rc=$?
cat /tmp/probe
[ $rc -eq 0 ] || fail "xfrm-migrate probe exit status $rc"
if is_module_backend; then
	ver=$(cat /sys/module/xfrm_migrate_state/version)
	grep -q '^backend: module$' /tmp/probe || fail "probe does not say module"
	grep -q "^module-version: $ver\$" /tmp/probe || fail "probe module version is not $ver"
	grep -q '^family-version: 1$' /tmp/probe || fail "probe family version is not 1"
else
	grep -q '^backend: native$' /tmp/probe || fail "probe does not say native"
fi
pass "probe: $XMS_BACKEND"
