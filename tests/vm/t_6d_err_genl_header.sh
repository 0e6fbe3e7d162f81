#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The module's family validates every command strictly, as netdev asks of
# a new family (no resv_start_op opt-out):
#   - genl header reserved != 0: EINVAL "genlmsghdr.reserved field is not 0"
#   - netlink flags the core gives no meaning (NLM_F_CREATE, ...):
#     EINVAL "ambiguous or reserved bits set in nlmsg_flags"
#   - a command the family does not have (0, 3, 255): EOPNOTSUPP
#   - GET_INFO with an attribute: EINVAL "GET_INFO takes no attributes",
#     or "Unknown attribute type" beyond its policy
# The genl core answers from 6.1 on; on 5.10, whose core checks neither
# the reserved field nor the flags, the module does, with the same texts.
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel (err_topo)
#
# A native kernel (>= 7.2) has no family: the test checks only that.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

if ! is_module_backend; then
	echo "+ xms-raw --backend module --info"
	out=$($XR --backend module --info)
	echo "$out"
	case $out in errno=ENOENT*family=unresolved) ;; *) fail "genl family on a native kernel: $out" ;; esac
	pass "native kernel: no genl family, its header checks are the module's"
fi
err_topo
res="genlmsghdr.reserved field is not 0"
for r in 1 0x8000; do
	say "MIGRATE_STATE, genl reserved = $r"
	expect_err_unchanged a EINVAL "$res" $XR_OK --genl-reserved $r
done
say "GET_INFO, genl reserved = 1"
expect_ack a "errno=EINVAL extack=\"$res\"" --info --genl-reserved 1
say "NLM_F_CREATE and NLM_F_REPLACE on a do command"
for f in 0x405 0x105; do
	expect_err_unchanged a EINVAL "ambiguous or reserved bits set in nlmsg_flags" \
		$XR_OK --nlmsg-flags $f
done
for c in 0 3 255; do
	say "genl command $c"
	expect_err_unchanged a EOPNOTSUPP "" $XR_OK --genl-cmd $c
done
say "GET_INFO with an attribute"
expect_ack a 'errno=EINVAL extack="GET_INFO takes no attributes"' --info --u32 1:0
expect_ack a 'errno=EINVAL extack="Unknown attribute type"' --info --u32 7:0
say "the same requests with a clean header are taken"
expect_ack a 'errno=0 extack="Failed to send migration notification"' $XR_OK
pass "genl header checks: reserved, flags, command, GET_INFO policy"
