#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# An attribute type this kernel does not know at all (100, beyond every
# XFRMA_MAX).
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel (err_topo)
#
#   module: EINVAL "Unknown attribute type" (the genl core's strict
#     validation of the family's policy, which covers every XFRMA_* of 7.2),
#     SA table unchanged - documented improvement: nothing a caller asks for
#     is silently dropped.
#   native 7.x: the liberal parse ignores types above XFRMA_MAX; the
#     migration happens.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
req="$XR_OK --new-daddr 10.0.1.2 --new-saddr 10.0.1.1 --reqid 5 --u32 100:1"
if is_module_backend; then
	expect_err_unchanged a EINVAL "Unknown attribute type" $req
	pass "module: unknown attribute type refused, SA table unchanged"
fi
expect_ack a 'errno=0 extack="Failed to send migration notification"' $req
nsrun a ip xfrm state list | tee /tmp/sa
grep -q '^src 10.0.1.1 dst 10.0.1.2' /tmp/sa || fail "SA not migrated"
pass "native: unknown attribute type ignored, SA migrated (upstream behaviour)"
