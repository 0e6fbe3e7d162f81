#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A mark-only change onto an occupied tuple.
#
#   netns a: SA 0x5000 10.0.0.1 -> 10.0.0.2 mark 0x1/0xffffffff reqid 1
#            SA 0x5000 10.0.0.1 -> 10.0.0.2 mark 0x2/0xffffffff reqid 2
#
# Migrate the first (old mark 0x1) to mark 0x2, same daddr and family.
#   module (5.10, 6.1, 6.12): EEXIST "New SA tuple already occupied", the
#     SA table unchanged - a documented improvement: the target tuple is
#     checked for every change of it.
#   native 7.x: upstream checks the tuple only when daddr or family change:
#     the request succeeds and two SAs with the same (daddr, SPI, proto,
#     mark) remain.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

must ip netns add a
nsmust a ip link set lo up
for m in 1 2; do
	nsmust a ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp \
		spi 0x5000 reqid $m mode tunnel mark $m mask 0xffffffff \
		aead 'rfc4106(gcm(aes))' $XMS_KEY_AB 128
done
req="--daddr 10.0.0.2 --spi 0x5000 --old-mark 0x1/0xffffffff --mark 0x2/0xffffffff --new-daddr 10.0.0.2 --new-saddr 10.0.0.1 --reqid 1"
if is_module_backend; then
	expect_err_unchanged a EEXIST "New SA tuple already occupied" $req
	pass "module: mark-only change onto an occupied tuple refused with EEXIST, nothing changed"
fi
expect_ack a 'errno=0 extack="Failed to send migration notification"' $req
nsrun a ip xfrm state list | tee /tmp/sa
n=$(grep -c 'mark 0x2/0xffffffff' /tmp/sa)
[ "$n" -eq 2 ] || fail "native: want 2 SAs with mark 0x2 (upstream's duplicate), got $n"
grep -q 'mark 0x1/' /tmp/sa && fail "native: the SA with mark 0x1 is still there"
pass "native 7.x: mark-only change onto an occupied tuple succeeds and leaves a duplicate (upstream behaviour)"
