#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Marks in the notification: XFRMA_MARK only when the request carried it;
# XFRMA_SET_MARK and XFRMA_SET_MARK_MASK together (mask 0xffffffff when the
# request had none); set-mark inherited from the SA when not requested.
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel mark 0x10/0xff
#
# 1) old mark 0x10/0xff, MARK 0x20/0xff, SET_MARK 0x5 (seq 1)
# 2) old mark 0x20/0xff, no MARK, SET_MARK 0x7, SET_MARK_MASK 0xf0 (seq 2)
# 3) old mark 0x20/0xff, nothing else (seq 3): set-mark 0x7/0xf0 inherited
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

must ip netns add a
nsmust a ip link set lo up
nsmust a ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp \
	spi 0x1000 reqid 1 mode tunnel mark 0x10 mask 0xff \
	aead 'rfc4106(gcm(aes))' $XMS_KEY_AB 128
base="--daddr 10.0.0.2 --spi 0x1000 --new-daddr 10.0.0.2 --new-saddr 10.0.0.1 --reqid 1"
listen_start a $(listen_groups) $(($(listen_count) * 3)) /tmp/notify
expect_ack a 'errno=0 extack=""' $base --seq 1 --old-mark 0x10/0xff \
	--mark 0x20/0xff --u32 29:0x5
expect_ack a 'errno=0 extack=""' $base --seq 2 --old-mark 0x20/0xff \
	--u32 29:0x7 --u32 30:0xf0
expect_ack a 'errno=0 extack=""' $base --seq 3 --old-mark 0x20/0xff
listen_wait /tmp/notify
for b in $(notify_backends); do
	l=$(notify_seq /tmp/notify $b 1) || fail "no single $b notification for seq 1"
	has_fields "$l" old_mark=0x10/0xff attrs=21,29,30 mark=0x20/0xff \
		set_mark=0x5 set_mark_mask=0xffffffff
	l=$(notify_seq /tmp/notify $b 2) || fail "no single $b notification for seq 2"
	has_fields "$l" old_mark=0x20/0xff attrs=29,30 set_mark=0x7 set_mark_mask=0xf0
	lacks_fields "$l" mark
	l=$(notify_seq /tmp/notify $b 3) || fail "no single $b notification for seq 3"
	has_fields "$l" attrs=29,30 set_mark=0x7 set_mark_mask=0xf0
	lacks_fields "$l" mark
done
nsrun a ip xfrm state list | tee /tmp/sa
grep -q 'mark 0x20/0xff' /tmp/sa || fail "SA mark is not 0x20/0xff"
pass "MARK only when requested, SET_MARK with its mask, set-mark inherited"
