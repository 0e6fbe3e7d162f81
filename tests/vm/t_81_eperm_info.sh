#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Without CAP_NET_ADMIN the module's GET_INFO is refused with EPERM, like
# every command of the family; on a native kernel the native
# XFRM_MSG_MIGRATE_STATE (the documented feature probe) gets EPERM too.
#
#   netns a (empty)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

must ip netns add a
nsmust a ip link set lo up
if is_module_backend; then
	for how in "--uid 65534" --drop-cap; do
		say "GET_INFO $how"
		expect_ack a 'errno=EPERM extack=""' --info $how
	done
	say "GET_INFO with the capability"
	echo "+ [a] xms-raw --backend module --info"
	/bin/ip netns exec a $XR --backend module --info > /tmp/info ||
		{ cat /tmp/info; fail "GET_INFO with CAP_NET_ADMIN failed"; }
	cat /tmp/info
	[ "$(tail -n 1 /tmp/info)" = 'errno=0 extack=""' ] || fail "GET_INFO ACK is not errno 0"
	pass "module GET_INFO without CAP_NET_ADMIN: EPERM"
fi
for how in "--uid 65534" --drop-cap; do
	say "native probe $how"
	expect_ack a 'errno=EPERM extack=""' --probe $how
done
say "native probe with the capability: ESRCH (supported)"
expect_ack a 'errno=ESRCH extack="Can not find state"' --probe
pass "native XFRM_MSG_MIGRATE_STATE without CAP_NET_ADMIN: EPERM"
