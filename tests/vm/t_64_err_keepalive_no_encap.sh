#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A non-zero XFRMA_NAT_KEEPALIVE_INTERVAL without encapsulation on the new
# SA: EINVAL "NAT_KEEPALIVE_INTERVAL requires encapsulation".
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel, no encap (err_topo)
#            SA 0x1004 ... encap espinudp 4500 4500
#
# Kernels without NAT keepalive (5.10, 6.1): the module refuses the
# attribute as unsupported (documented improvement: upstream ignores
# attributes it does not know).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
nsmust a ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp \
	spi 0x1004 reqid 1 mode tunnel aead 'rfc4106(gcm(aes))' $XMS_KEY_AB 128 \
	encap espinudp 4500 4500 0.0.0.0
if kver_has_keepalive; then
	msg="NAT_KEEPALIVE_INTERVAL requires encapsulation"
else
	msg="Unsupported attribute in XFRM_MSG_MIGRATE_STATE"
fi
say "SA without encap, NAT keepalive 10"
expect_err_unchanged a EINVAL "$msg" $XR_OK --u32 34:10
say "SA with encap, request removes it and sets NAT keepalive 10"
expect_err_unchanged a EINVAL "$msg" $XR_OK --spi 0x1004 --encap 0:0:0 --u32 34:10
pass "NAT keepalive without encap: EINVAL \"$msg\", SA table unchanged"
