#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Moving an SA onto a tuple (new daddr, SPI, proto, new family, mark) that
# another SA occupies: EEXIST "New SA tuple already occupied", and the old
# SA is kept, unchanged.
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 (err_topo)
#            SA 0x1000 10.0.1.1 -> 10.0.1.2 reqid 2 (the occupant)
#            SA 0x1000 fd00::1 -> fd00::2 reqid 3 (IPv6 occupant)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
nsmust a ip xfrm state add src 10.0.1.1 dst 10.0.1.2 proto esp \
	spi 0x1000 reqid 2 mode tunnel aead 'rfc4106(gcm(aes))' $XMS_KEY_BA 128
nsmust a ip xfrm state add src fd00::1 dst fd00::2 proto esp \
	spi 0x1000 reqid 3 mode tunnel aead 'rfc4106(gcm(aes))' $XMS_KEY_BA 128
occ="New SA tuple already occupied"
say "10.0.0.2 -> 10.0.1.2, same SPI"
expect_err_unchanged a EEXIST "$occ" $XR_OK --new-daddr 10.0.1.2 --new-saddr 10.0.1.1
say "10.0.0.2 -> fd00::2 (family change, tunnel mode)"
expect_err_unchanged a EEXIST "$occ" --daddr 10.0.0.2 --spi 0x1000 \
	--new-daddr fd00::2 --new-saddr fd00::1 --reqid 1 --sel-src fd00::/64 --sel-dst fd00::/64
say "the request can be retried after the occupant is gone"
nsmust a ip xfrm state delete src 10.0.1.1 dst 10.0.1.2 proto esp spi 0x1000
expect_ack a 'errno=0 extack="Failed to send migration notification"' \
	$XR_OK --new-daddr 10.0.1.2 --new-saddr 10.0.1.1
nsrun a ip xfrm state list | tee /tmp/sa
grep -q '^src 10.0.1.1 dst 10.0.1.2' /tmp/sa || fail "SA 0x1000 not at 10.0.1.2 after the retry"
grep -q '^src 10.0.0.1 dst 10.0.0.2' /tmp/sa && fail "old SA 0x1000 still at 10.0.0.2 after the retry"
pass "occupied tuple: EEXIST, old SA kept; retry succeeds once the tuple is free"
