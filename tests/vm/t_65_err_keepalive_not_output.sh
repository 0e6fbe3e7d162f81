#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# NAT keepalive on an SA that is not an output SA: EINVAL "NAT keepalive is
# only supported for outbound SAs" (from the state initialisation).
#
#   netns a: SA 0x1004 10.0.0.1 -> 10.0.0.2 esp tunnel, encap espinudp
#            4500 4500, no direction (ip xfrm state add)
#            SA 0x1006 same, XFRMA_SA_DIR = in (xms-raw --newsa)
#
# 6.12 / 7.x only have NAT keepalive; on 5.10 and 6.1 the module refuses
# the attribute as unsupported.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

must ip netns add a
nsmust a ip link set lo up
nsmust a ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp \
	spi 0x1004 reqid 1 mode tunnel aead 'rfc4106(gcm(aes))' $XMS_KEY_AB 128 \
	encap espinudp 4500 4500 0.0.0.0
xr a --newsa --src 10.0.0.1 --daddr 10.0.0.2 --spi 0x1006 --reqid 1 \
	--replay-window 32 --encap 2:4500:4500:0.0.0.0 --u8 33:1 ||
	fail "cannot add the input SA"
if kver_has_keepalive; then
	msg="NAT keepalive is only supported for outbound SAs"
else
	msg="Unsupported attribute in XFRM_MSG_MIGRATE_STATE"
fi
for spi in 0x1004 0x1006; do
	say "SA $spi (encap, not output): NAT keepalive 10"
	expect_err_unchanged a EINVAL "$msg" --daddr 10.0.0.2 --spi $spi \
		--new-daddr 10.0.0.2 --new-saddr 10.0.0.1 --reqid 1 --u32 34:10
done
pass "NAT keepalive on a non-output SA: EINVAL \"$msg\", SA table unchanged"
