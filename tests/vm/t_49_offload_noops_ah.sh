#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Offload requested onto a device without xfrm offload (a veth) for an SA
# whose type has no offload (AH): Linux 7.2 looks at the device first and
# leaves the SA in software; the kernels before it check the SA's offload
# type first and refuse ("Type doesn't support offload"). The module
# behaves as 7.2 on every kernel: the migration succeeds, without offload,
# with XFRMA_OFFLOAD_DEV alone and together with CLEAR_OFFLOAD (where
# OFFLOAD_DEV wins, as upstream).
#
#   netns a: xv0 <-> xv1 veth (no xfrmdev_ops)
#            SA ah 0x3300 10.0.0.1 -> 10.0.0.2 -> 10.0.1.1 -> 10.0.1.2
#                             -> 10.0.2.1 -> 10.0.2.2
. "$(dirname "$0")/lib.sh"
_le=$(dirname "$0")/lib-errors.sh
[ -f "$_le" ] || _le=/usr/bin/xms-lib-errors.sh
. "$_le"
. "$(dirname "$0")/lib-offload.sh"

must ip netns add a
nsmust a ip link set lo up
xo_veth_up a
nsmust a ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto ah spi 0x3300 \
	reqid 1 mode tunnel auth-trunc 'hmac(sha256)' \
	0x4142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f60 128
xo_migrate a dst 10.0.0.2 proto ah spi 0x3300 new-src 10.0.1.1 new-dst 10.0.1.2 \
	offload dev xv0 dir out
xo_show a 0x3300
xo_expect_one a 0x3300 10.0.1.1 10.0.1.2
xo_expect_no_offload a 0x3300
say "CLEAR_OFFLOAD together with OFFLOAD_DEV: OFFLOAD_DEV wins"
expect_ack a 'errno=0 extack="Failed to send migration notification"' \
	--proto ah --daddr 10.0.1.2 --spi 0x3300 --new-daddr 10.0.2.2 \
	--new-saddr 10.0.2.1 --reqid 1 --flags 1 --offload "$VETH_IFINDEX:0"
xo_expect_one a 0x3300 10.0.2.1 10.0.2.2
xo_expect_no_offload a 0x3300
pass "AH SA with offload onto a veth: migrated in software, with and without CLEAR_OFFLOAD"
