#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# XFRMA_MTIMER_THRESH, any value including 0, needs encapsulation on the
# new SA: EINVAL "MTIMER_THRESH requires encapsulation".
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel, no encap (err_topo)
#            SA 0x1004 10.0.0.1 -> 10.0.0.2 esp tunnel, encap espinudp 4500 4500
#
# Also when the same request removes the encapsulation (encap type 0).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
nsmust a ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp \
	spi 0x1004 reqid 1 mode tunnel aead 'rfc4106(gcm(aes))' $XMS_KEY_AB 128 \
	encap espinudp 4500 4500 0.0.0.0
if kver_has_mtimer; then
	msg="MTIMER_THRESH requires encapsulation"
else
	msg="Unsupported attribute in XFRM_MSG_MIGRATE_STATE"
fi
for v in 10 0; do
	say "SA without encap, MTIMER_THRESH $v"
	expect_err_unchanged a EINVAL "$msg" $XR_OK --u32 32:$v
done
say "SA with encap, request removes encap and sets MTIMER_THRESH 0"
expect_err_unchanged a EINVAL "$msg" $XR_OK --spi 0x1004 --encap 0:0:0 --u32 32:0
pass "MTIMER_THRESH without encap: EINVAL \"$msg\", SA table unchanged"
