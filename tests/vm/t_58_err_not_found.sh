#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A request for an SA that does not exist: ESRCH "Can not find state".
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel (err_topo)
#            SA 0x1001 10.0.0.1 -> 10.0.0.2 esp tunnel mark 0x5/0xff
#
# Wrong daddr, SPI, proto, family; and the mark lookup key
# (old_mark.v & old_mark.m must match the SA's mark).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
nsmust a ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp \
	spi 0x1001 reqid 1 mode tunnel mark 0x5 mask 0xff \
	aead 'rfc4106(gcm(aes))' $XMS_KEY_AB 128
nf="Can not find state"
say "unknown daddr"
expect_err_unchanged a ESRCH "$nf" $XR_OK --daddr 10.9.9.9 --new-daddr 10.0.0.2
say "unknown SPI"
expect_err_unchanged a ESRCH "$nf" $XR_OK --spi 0x1002
say "wrong proto (ah)"
expect_err_unchanged a ESRCH "$nf" $XR_OK --proto ah
say "wrong family (AF_INET6 with the IPv4 address bytes)"
expect_err_unchanged a ESRCH "$nf" $XR_OK --family inet6 --new-family inet
say "SA 0x1001 has mark 0x5/0xff: old mark 0/0 does not find it"
expect_err_unchanged a ESRCH "$nf" $XR_OK --spi 0x1001
say "old mark 0x6/0xffffffff does not find it either"
expect_err_unchanged a ESRCH "$nf" $XR_OK --spi 0x1001 --old-mark 0x6/0xffffffff
pass "not found: ESRCH \"Can not find state\", SA table unchanged"
