#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The notification's XFRMA_ENCAP: the inherited template when the request
# has none, and on removal the request's template with encap_type 0 (as
# upstream does), not "absent". XFRMA_MARK only when the request had it.
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel reqid 1
#            encap espinudp 4500 4501 0.0.0.0
#
# 1) reqid 2, no ENCAP attribute (seq 1): encap=2:4500:4501 inherited
# 2) ENCAP type 0: removal (seq 2): encap=0:0:0, SA without encap after
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

must ip netns add a
nsmust a ip link set lo up
nsmust a ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp \
	spi 0x1000 reqid 1 mode tunnel aead 'rfc4106(gcm(aes))' $XMS_KEY_AB 128 \
	encap espinudp 4500 4501 0.0.0.0
base="--daddr 10.0.0.2 --spi 0x1000 --new-daddr 10.0.0.2 --new-saddr 10.0.0.1"
listen_start a $(listen_groups) $(($(listen_count) * 2)) /tmp/notify
expect_ack a 'errno=0 extack=""' $base --reqid 2 --seq 1
expect_ack a 'errno=0 extack=""' $base --reqid 3 --seq 2 --encap 0:0:0
listen_wait /tmp/notify
for b in $(notify_backends); do
	l=$(notify_seq /tmp/notify $b 1) || fail "no single $b notification for seq 1"
	has_fields "$l" reqid=2 attrs=4 encap=2:4500:4501:0.0.0.0
	lacks_fields "$l" mark
	l=$(notify_seq /tmp/notify $b 2) || fail "no single $b notification for seq 2"
	has_fields "$l" reqid=3 attrs=4 encap=0:0:0:0.0.0.0
	lacks_fields "$l" mark mtimer nat_keepalive
done
nsrun a ip xfrm state list | tee /tmp/sa
grep -q encap /tmp/sa && fail "SA still has encapsulation after removal"
pass "ENCAP inherited in the notification, type 0 on removal"
