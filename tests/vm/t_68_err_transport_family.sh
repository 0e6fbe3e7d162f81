#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A transport-mode SA cannot change family with an explicit selector of
# the old family (no UPDATE_H2H_SEL): the state initialisation refuses it.
#
#   netns a: SA 0x3000 10.0.0.1 -> 10.0.0.3 esp transport
#            sel 10.0.0.1/32 -> 10.0.0.3/32
#
# Request: new addresses fd00::1 -> fd00::3, new_family AF_INET6, new_sel
# 10.0.0.1/32 -> 10.0.0.3/32 (AF_INET).
#   every kernel: EINVAL "Only tunnel modes can accommodate a change of
#     family" (extack of __xfrm_init_state on 6.1, 6.12 and 7.x; 5.10's
#     has no extack, so the module checks it first, with the same text)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

must ip netns add a
nsmust a ip link set lo up
nsmust a ip xfrm state add src 10.0.0.1 dst 10.0.0.3 proto esp \
	spi 0x3000 reqid 1 mode transport aead 'rfc4106(gcm(aes))' $XMS_KEY_AB 128 \
	sel src 10.0.0.1/32 dst 10.0.0.3/32
msg="Only tunnel modes can accommodate a change of family"
expect_err_unchanged a EINVAL "$msg" --daddr 10.0.0.3 --spi 0x3000 \
	--new-daddr fd00::3 --new-saddr fd00::1 --new-family inet6 --reqid 1 \
	--sel-src 10.0.0.1/32 --sel-dst 10.0.0.3/32
pass "transport family change without h2h-sel: EINVAL \"$msg\", SA table unchanged"
