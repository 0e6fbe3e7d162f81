#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Offload clear: "offload none" (flag XFRM_MIGRATE_STATE_CLEAR_OFFLOAD, no
# XFRMA_OFFLOAD_DEV) gives the new SA no offload; the notification echoes
# the flag and carries no XFRMA_OFFLOAD_DEV. CLEAR_OFFLOAD together with
# XFRMA_OFFLOAD_DEV is accepted and OFFLOAD_DEV wins (upstream 7.2 has no
# check making them exclusive, whatever its documentation says).
#
#   netns a
#     xv0 <-> xv1   veth (no xfrmdev_ops)                     every kernel
#     ethN          netdevsim port, crypto offload (module kernels)
#     SA 0x3000 10.0.0.1 -> 10.0.0.2  "offload dev xv0 dir out"  -> 10.0.1.x
#     SA 0x1000 10.0.0.1 -> 10.0.0.2  offloaded to ethN, dir out -> 10.0.1.x
#     SA 0x2000 10.0.0.2 -> 10.0.0.1  offloaded to ethN, dir in  -> 10.0.1.x
#   (tunnel-mode ESP rfc4106(gcm(aes)), 160-bit key, 128-bit ICV, reqid 1)
#
# 1. veth, every kernel (native >= 7.2 included: no netdevsim there, its
#    Debian headers need gcc-14): "offload none" on SA 0x3000 succeeds,
#    no offload, flags=0x1 and no OFFLOAD_DEV in the notification; then
#    CLEAR_OFFLOAD + OFFLOAD_DEV(xv0) (xms-raw) is accepted and the
#    notification carries offload=IFINDEX(xv0):0x0 with flags=0x1 (the SA
#    itself falls back to no offload, as any offload request on a veth).
# 2. netdevsim, module kernels: SAs 0x1000 (tx) and 0x2000 (rx) are in the
#    "hardware"; "offload none" moves both to 10.0.1.x without offload and
#    netdevsim's table is empty; then CLEAR_OFFLOAD + OFFLOAD_DEV(ethN) on
#    SA 0x1000, on the same addresses (an offload-only change), offloads it
#    again: OFFLOAD_DEV wins.
. "$(dirname "$0")/lib.sh"
_le=$(dirname "$0")/lib-errors.sh
[ -f "$_le" ] || _le=/usr/bin/xms-lib-errors.sh
. "$_le"
. "$(dirname "$0")/lib-offload.sh"

# The header of a request for an SA now on SRC -> DST, unchanged addresses.
xo_raw_same() {
	echo "--daddr $2 --spi $1 --new-daddr $2 --new-saddr $3 --reqid 1 --sel-family inet --sel-src $3/32 --sel-dst $2/32"
}

must ip netns add a
nsmust a ip link set lo up

say "1. veth: offload none, then CLEAR_OFFLOAD + OFFLOAD_DEV"
xo_veth_up a
xo_sa_add a 10.0.0.1 10.0.0.2 0x3000 offload dev xv0 dir out
listen_start a "$(listen_groups)" "$(listen_count)" /tmp/n48a
xo_migrate a dst 10.0.0.2 proto esp spi 0x3000 new-src 10.0.1.1 new-dst 10.0.1.2 \
	offload none
listen_wait /tmp/n48a
xo_show a 0x3000
xo_expect_one a 0x3000 10.0.1.1 10.0.1.2
xo_expect_no_offload a 0x3000
xo_notify_has /tmp/n48a new_daddr=10.0.1.2 flags=0x1
xo_notify_lacks /tmp/n48a offload

listen_start a "$(listen_groups)" "$(listen_count)" /tmp/n48b
expect_ack a 'errno=0 extack=""' $(xo_raw_same 0x3000 10.0.1.2 10.0.1.1) \
	--flags 1 --offload "$VETH_IFINDEX:0"
listen_wait /tmp/n48b
xo_show a 0x3000
xo_expect_one a 0x3000 10.0.1.1 10.0.1.2
xo_expect_no_offload a 0x3000
xo_notify_has /tmp/n48b new_daddr=10.0.1.2 flags=0x1 "offload=$VETH_IFINDEX:0x0"

if ! is_module_backend; then
	pass "offload none and CLEAR_OFFLOAD + OFFLOAD_DEV on a veth behave as upstream (native $XMS_KVER; netdevsim is not built for native kernels)"
fi

say "2. netdevsim: offload none takes the SAs out of the hardware"
nsim_up a
xo_sa_add a 10.0.0.1 10.0.0.2 0x1000 offload dev "$NSIM_DEV" dir out
nsmust a ip xfrm state add src 10.0.0.2 dst 10.0.0.1 proto esp spi 0x2000 \
	reqid 1 mode tunnel replay-window 32 \
	aead 'rfc4106(gcm(aes))' $XMS_KEY_BA 128 offload dev "$NSIM_DEV" dir in
xo_expect_offload a 0x1000 "$NSIM_DEV" out
xo_expect_offload a 0x2000 "$NSIM_DEV" in
nsim_table
nsim_expect_count 2

listen_start a "$(listen_groups)" "$(listen_count)" /tmp/n48c
xo_migrate a dst 10.0.0.2 proto esp spi 0x1000 new-src 10.0.1.1 new-dst 10.0.1.2 \
	offload none
listen_wait /tmp/n48c
xo_notify_has /tmp/n48c spi=0x1000 new_daddr=10.0.1.2 flags=0x1
xo_notify_lacks /tmp/n48c offload
nsim_table
nsim_expect_no_sa 0x1000
nsim_expect_count 1

listen_start a "$(listen_groups)" "$(listen_count)" /tmp/n48d
xo_migrate a dst 10.0.0.1 proto esp spi 0x2000 new-src 10.0.1.2 new-dst 10.0.1.1 \
	offload none
listen_wait /tmp/n48d
xo_notify_has /tmp/n48d spi=0x2000 new_daddr=10.0.1.1 flags=0x1
xo_notify_lacks /tmp/n48d offload

xo_show a 0x1000
xo_show a 0x2000
xo_expect_one a 0x1000 10.0.1.1 10.0.1.2
xo_expect_one a 0x2000 10.0.1.2 10.0.1.1
xo_expect_no_offload a 0x1000
xo_expect_no_offload a 0x2000
nsim_table
nsim_expect_count 0

say "CLEAR_OFFLOAD + OFFLOAD_DEV($NSIM_DEV), same addresses: OFFLOAD_DEV wins"
listen_start a "$(listen_groups)" "$(listen_count)" /tmp/n48e
expect_ack a 'errno=0 extack=""' $(xo_raw_same 0x1000 10.0.1.2 10.0.1.1) \
	--flags 1 --offload "$NSIM_IFINDEX:0"
listen_wait /tmp/n48e
xo_notify_has /tmp/n48e spi=0x1000 flags=0x1 "offload=$NSIM_IFINDEX:0x0"
xo_show a 0x1000
xo_expect_one a 0x1000 10.0.1.1 10.0.1.2
xo_expect_offload a 0x1000 "$NSIM_DEV" out
nsim_table
nsim_expect_count 1
nsim_expect_sa 0x1000 10.0.1.2 tx

pass "offload none clears the offload (netdevsim empty); with OFFLOAD_DEV the device wins"
