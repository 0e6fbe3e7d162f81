#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# XFRMA_MTIMER_THRESH and XFRMA_NAT_KEEPALIVE_INTERVAL in the notification:
# present only when non-zero, inherited values included, and gone once the
# encapsulation is removed (they live only with encap).
#
#   netns a: SA 0x1000 10.0.0.2 -> 10.0.0.1 esp tunnel, encap espinudp
#            4500 4500, XFRMA_SA_DIR in (xms-raw --newsa)
#            SA 0x2000 10.0.0.1 -> 10.0.0.2 same, XFRMA_SA_DIR out
#            (6.12 / 7.x only: NAT keepalive needs an output SA)
#
# 1) SA 0x1000: MTIMER_THRESH 30 (seq 1): mtimer=30
# 2) SA 0x1000: nothing (seq 2): mtimer=30 inherited
# 3) SA 0x1000: ENCAP type 0 (seq 3): encap=0:0:0, no mtimer
# 4) SA 0x2000: NAT keepalive 20 (seq 4): nat_keepalive=20 sa_dir=2
# On 5.10 and 6.1 XFRMA_SA_DIR is ignored by NEWSA: no sa_dir, no step 4.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

must ip netns add a
nsmust a ip link set lo up
xr a --newsa --src 10.0.0.2 --daddr 10.0.0.1 --spi 0x1000 --reqid 1 \
	--replay-window 32 --encap 2:4500:4500:0.0.0.0 --u8 33:1 ||
	fail "cannot add the input SA"
n=3
if kver_has_dir; then
	xr a --newsa --src 10.0.0.1 --daddr 10.0.0.2 --spi 0x2000 --reqid 1 \
		--encap 2:4500:4500:0.0.0.0 --u8 33:2 || fail "cannot add the output SA"
	n=4
	dir=",33"
else
	dir=
fi
in="--daddr 10.0.0.1 --spi 0x1000 --new-daddr 10.0.0.1 --new-saddr 10.0.0.2 --reqid 1"
listen_start a $(listen_groups) $(($(listen_count) * n)) /tmp/notify
expect_ack a 'errno=0 extack=""' $in --seq 1 --u32 32:30
expect_ack a 'errno=0 extack=""' $in --seq 2
expect_ack a 'errno=0 extack=""' $in --seq 3 --encap 0:0:0
if kver_has_dir; then
	expect_ack a 'errno=0 extack=""' --daddr 10.0.0.2 --spi 0x2000 \
		--new-daddr 10.0.0.2 --new-saddr 10.0.0.1 --reqid 1 --seq 4 --u32 34:20
fi
listen_wait /tmp/notify
for b in $(notify_backends); do
	l=$(notify_seq /tmp/notify $b 1) || fail "no single $b notification for seq 1"
	has_fields "$l" "attrs=4,32$dir" encap=2:4500:4500:0.0.0.0 mtimer=30
	l=$(notify_seq /tmp/notify $b 2) || fail "no single $b notification for seq 2"
	has_fields "$l" "attrs=4,32$dir" mtimer=30
	l=$(notify_seq /tmp/notify $b 3) || fail "no single $b notification for seq 3"
	has_fields "$l" "attrs=4$dir" encap=0:0:0:0.0.0.0
	lacks_fields "$l" mtimer nat_keepalive
	if kver_has_dir; then
		has_fields "$l" sa_dir=1
		l=$(notify_seq /tmp/notify $b 4) || fail "no single $b notification for seq 4"
		has_fields "$l" attrs=4,34,33 nat_keepalive=20 sa_dir=2
		lacks_fields "$l" mtimer
	fi
done
pass "MTIMER_THRESH / NAT keepalive notified when non-zero, inherited, cleared with encap"
