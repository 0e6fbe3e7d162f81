#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# XFRMA_SA_DIR in the notification where SAs have a direction.
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel, XFRMA_SA_DIR out
#            SA 0x2000 10.0.0.2 -> 10.0.0.1 esp tunnel, XFRMA_SA_DIR in
#            (xms-raw --newsa: the guest's iproute2 6.1 has no "dir")
#
# 6.12, 7.x: sa_dir=2 and sa_dir=1 in the notifications (the direction is
#   kept by the migration).
# 5.10, 6.1: no SA direction (NEWSA ignores the attribute), no SA_DIR in
#   the notifications.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

must ip netns add a
nsmust a ip link set lo up
xr a --newsa --src 10.0.0.1 --daddr 10.0.0.2 --spi 0x1000 --reqid 1 --u8 33:2 ||
	fail "cannot add the output SA"
xr a --newsa --src 10.0.0.2 --daddr 10.0.0.1 --spi 0x2000 --reqid 1 \
	--replay-window 32 --u8 33:1 || fail "cannot add the input SA"
listen_start a $(listen_groups) $(($(listen_count) * 2)) /tmp/notify
expect_ack a 'errno=0 extack=""' --daddr 10.0.0.2 --spi 0x1000 \
	--new-daddr 10.0.1.2 --new-saddr 10.0.1.1 --reqid 2 --seq 1
expect_ack a 'errno=0 extack=""' --daddr 10.0.0.1 --spi 0x2000 \
	--new-daddr 10.0.1.1 --new-saddr 10.0.1.2 --reqid 2 --seq 2
listen_wait /tmp/notify
for b in $(notify_backends); do
	l1=$(notify_seq /tmp/notify $b 1) || fail "no single $b notification for seq 1"
	l2=$(notify_seq /tmp/notify $b 2) || fail "no single $b notification for seq 2"
	if kver_has_dir; then
		has_fields "$l1" attrs=33 sa_dir=2
		has_fields "$l2" attrs=33 sa_dir=1
	else
		has_fields "$l1" attrs=-
		has_fields "$l2" attrs=-
	fi
done
if kver_has_dir; then
	say "the migrated SAs keep their direction: MTIMER_THRESH is refused on the output SA"
	expect_err_unchanged a EINVAL "MTIMER_THRESH should not be set on output SA" \
		--daddr 10.0.1.2 --spi 0x1000 --new-daddr 10.0.1.2 --new-saddr 10.0.1.1 \
		--reqid 2 --encap 2:4500:4500 --u32 32:5 --seq 3
	pass "SA_DIR out/in in the notifications"
fi
pass "no SA direction on $XMS_KVER: no SA_DIR in the notifications"
