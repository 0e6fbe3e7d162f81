#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# UPDATE_H2H_SEL on an SA whose selector is not a single-host match for
# its addresses: EINVAL "SA selector is not a single-host match for SA
# addresses".
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 sel 10.0.0.0/24 -> 10.0.0.0/24
#            SA 0x1002 10.0.0.1 -> 10.0.0.2 sel 10.0.0.2/32 -> 10.0.0.1/32
#                      (host prefixes, but source and destination swapped)
#            SA 0x1003 10.0.0.1 -> 10.0.0.2 sel 10.0.0.1/32 -> 10.0.0.2/32
#                      (host-to-host: the control, it migrates)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
nsmust a ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp \
	spi 0x1002 reqid 1 mode tunnel aead 'rfc4106(gcm(aes))' $XMS_KEY_AB 128 \
	sel src 10.0.0.2/32 dst 10.0.0.1/32
nsmust a ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp \
	spi 0x1003 reqid 1 mode tunnel aead 'rfc4106(gcm(aes))' $XMS_KEY_AB 128 \
	sel src 10.0.0.1/32 dst 10.0.0.2/32
h2h="SA selector is not a single-host match for SA addresses"
say "SA 0x1000: /24 selector"
expect_err_unchanged a EINVAL "$h2h" $XR_OK --flags 2
say "SA 0x1002: host prefixes but swapped addresses"
expect_err_unchanged a EINVAL "$h2h" $XR_OK --spi 0x1002 --flags 2
say "SA 0x1003 is host-to-host: UPDATE_H2H_SEL migrates it to 10.0.1.1 -> 10.0.1.2"
xr a --daddr 10.0.0.2 --spi 0x1003 --new-daddr 10.0.1.2 --new-saddr 10.0.1.1 \
	--reqid 1 --flags 2 > /tmp/ack || fail "control migration of SA 0x1003 failed: $(cat /tmp/ack)"
cat /tmp/ack
nsrun a ip xfrm state list spi 0x1003 | tee /tmp/sa
grep -q 'src 10.0.1.1/32 dst 10.0.1.2/32' /tmp/sa || fail "SA 0x1003 has no host-to-host selector 10.0.1.1 -> 10.0.1.2"
pass "H2H on a non host-to-host SA: EINVAL, SA table unchanged; host-to-host SA migrates"
