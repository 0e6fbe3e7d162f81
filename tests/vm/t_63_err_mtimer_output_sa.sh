#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# XFRMA_MTIMER_THRESH on an output SA: EINVAL "MTIMER_THRESH should not
# be set on output SA".
#
#   netns a: SA 0x1005 10.0.0.1 -> 10.0.0.2 esp tunnel, encap espinudp
#            4500 4500, created with XFRMA_SA_DIR = out (xms-raw --newsa:
#            the guest's iproute2 6.1 has no "dir")
#
# Only kernels with SA direction (6.12, 7.x) have output SAs. 5.10 and 6.1
# ignore XFRMA_SA_DIR in NEWSA, so the SA has no direction: there the same
# request is valid and migrates.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

must ip netns add a
nsmust a ip link set lo up
xr a --newsa --src 10.0.0.1 --daddr 10.0.0.2 --spi 0x1005 --reqid 1 \
	--encap 2:4500:4500:0.0.0.0 --u8 33:2 || fail "cannot add the output SA"
nsrun a ip xfrm state list
req="--daddr 10.0.0.2 --spi 0x1005 --new-daddr 10.0.0.2 --new-saddr 10.0.0.1 --reqid 1 --u32 32:10"
if kver_has_dir; then
	nsrun a ip -d xfrm state list | grep -q 'dir out' ||
		say "(iproute2 6.1 does not print the direction)"
	expect_err_unchanged a EINVAL "MTIMER_THRESH should not be set on output SA" $req
	pass "MTIMER_THRESH on an output SA: EINVAL, SA table unchanged"
elif kver_has_mtimer; then
	say "no SA direction on $XMS_KVER: the SA is not an output SA, the request is valid"
	expect_ack a 'errno=0 extack="Failed to send migration notification"' $req
	pass "no SA direction on this kernel: MTIMER_THRESH accepted"
else
	expect_err_unchanged a EINVAL "Unsupported attribute in XFRM_MSG_MIGRATE_STATE" $req
	pass "5.10: MTIMER_THRESH unsupported, SA table unchanged"
fi
