#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A migration is notified on XFRMNLGRP_MIGRATE as XFRM_MSG_MIGRATE_STATE
# and, on module kernels, also on the genl group "migrate" of the family:
# portid and seq are the request's nlmsg_pid and nlmsg_seq, the header is
# the request's with new_sel replaced by the new SA's selector and the
# flags echoed. A request that leaves nlmsg_pid 0 (like iproute2) gets
# portid 0.
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel reqid 1
#            sel 10.0.0.1/32 -> 10.0.0.2/32 (host-to-host)
#
# 1) UPDATE_H2H_SEL to 10.0.1.1 -> 10.0.1.2 reqid 7, nlmsg_pid 4242, seq 777
# 2) back to 10.0.0.2 with an explicit selector 10.0.0.0/24 -> 10.0.0.0/16,
#    proto 17, nlmsg_pid 0, seq 778
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

must ip netns add a
nsmust a ip link set lo up
nsmust a ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp \
	spi 0x1000 reqid 1 mode tunnel aead 'rfc4106(gcm(aes))' $XMS_KEY_AB 128 \
	sel src 10.0.0.1/32 dst 10.0.0.2/32
listen_start a $(listen_groups) $(($(listen_count) * 2)) /tmp/notify
expect_ack a 'errno=0 extack=""' --daddr 10.0.0.2 --spi 0x1000 \
	--new-daddr 10.0.1.2 --new-saddr 10.0.1.1 --reqid 7 --flags 2 --pid 4242 --seq 777
expect_ack a 'errno=0 extack=""' --daddr 10.0.1.2 --spi 0x1000 \
	--new-daddr 10.0.0.2 --new-saddr 10.0.0.1 --reqid 8 --pid 0 --seq 778 \
	--sel-src 10.0.0.0/24 --sel-dst 10.0.0.0/16 --sel-proto 17
listen_wait /tmp/notify
for b in $(notify_backends); do
	l=$(notify_seq /tmp/notify $b 777) || fail "no single $b notification for seq 777"
	has_fields "$l" portid=4242 seq=777 daddr=10.0.0.2 spi=0x1000 family=2 \
		proto=50 new_daddr=10.0.1.2 new_saddr=10.0.1.1 new_family=2 \
		old_mark=0x0/0x0 sel=10.0.1.1/32-10.0.1.2/32 sel_family=2 \
		sel_proto=0 reqid=7 flags=0x2 reserved=0 attrs=-
	l=$(notify_seq /tmp/notify $b 778) || fail "no single $b notification for seq 778"
	has_fields "$l" portid=0 seq=778 daddr=10.0.1.2 new_daddr=10.0.0.2 \
		new_saddr=10.0.0.1 sel=10.0.0.0/24-10.0.0.0/16 sel_proto=17 \
		reqid=8 flags=0x0 attrs=-
done
l=$(notify_seq /tmp/notify native 777)
has_fields "$l" type=41
nsrun a ip xfrm state list | tee /tmp/sa
grep -q 'sel src 10.0.0.0/24 dst 10.0.0.0/16 proto 17' /tmp/sa || fail "SA selector not the requested one"
pass "notifications on $(notify_backends): portid/seq of the request, header with the new selector"
