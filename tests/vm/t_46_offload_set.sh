#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Offload set: migrating an SA with "offload dev DEV dir in|out"
# (XFRMA_OFFLOAD_DEV) gives the new SA that offload.
#
#   netns a
#     xv0 <-> xv1   veth (no xfrmdev_ops)                     every kernel
#     ethN          netdevsim port, crypto offload (module kernels)
#     SA 0x3000 10.0.0.1 -> 10.0.0.2  not offloaded -> 10.0.1.1 -> 10.0.1.2
#     SA 0x3100 10.0.0.1 -> 10.0.0.3  SA direction out (6.12 and 7.x)
#     SA 0x1000 10.0.0.1 -> 10.0.0.2  not offloaded -> 10.0.1.1 -> 10.0.1.2
#     SA 0x2000 10.0.0.2 -> 10.0.0.1  not offloaded -> 10.0.1.2 -> 10.0.1.1
#     SA 0x1000 10.0.2.1 -> 10.0.2.2  the occupant of a refused target
#   (tunnel-mode ESP rfc4106(gcm(aes)), 160-bit key, 128-bit ICV, reqid 1)
#
# 1. veth, every kernel (the part the native >= 7.2 kernel can run: its
#    Debian headers need gcc-14, so netdevsim cannot be built for it):
#    xfrm_dev_state_add() answers a crypto-offload request for a device
#    without xfrmdev_ops with 0 and no offload, in "ip xfrm state add" as in
#    the migration. So SA 0x3000 migrates, is not offloaded, exactly like an
#    SA added with the same request, and the notification carries the
#    requested XFRMA_OFFLOAD_DEV (upstream puts m->xuo in it when given).
#    Packet offload asked for is refused: by the module with EOPNOTSUPP
#    (it would copy software counters into an SA whose device assigns the
#    sequence numbers), natively by the kernel with EINVAL; the SA is kept
#    unchanged. On kernels with SA directions (6.12, 7.x) an
#    offload "dir in" for an SA of direction out is refused the same way
#    (the kernel's "Mismatched SA and offload direction").
# 2. netdevsim, module kernels: SA 0x1000 migrated with "dir out" and SA
#    0x2000 with "dir in" are offloaded on the new addresses: iproute2 shows
#    "crypto offload parameters: dev ethN dir out|in", netdevsim's debugfs
#    table holds them as tx/rx with the new destination addresses, and the
#    notifications carry offload=IFINDEX:0x0 and IFINDEX:0x2 (INBOUND).
#    A migration with OFFLOAD_DEV onto an occupied tuple fails with EEXIST
#    and leaves no trace in netdevsim (the clone's entry is removed).
. "$(dirname "$0")/lib.sh"
_le=$(dirname "$0")/lib-errors.sh
[ -f "$_le" ] || _le=/usr/bin/xms-lib-errors.sh
. "$_le"
. "$(dirname "$0")/lib-offload.sh"

must ip netns add a
nsmust a ip link set lo up

say "1. veth: the kernel's answer to crypto offload without xfrmdev_ops"
xo_veth_up a
xo_sa_add a 10.0.0.1 10.0.0.9 0x3001 offload dev xv0 dir out
xo_show a 0x3001
xo_expect_no_offload a 0x3001
say "so a plain add falls back to no offload; the migration must do the same"
xo_sa_add a 10.0.0.1 10.0.0.2 0x3000
listen_start a "$(listen_groups)" "$(listen_count)" /tmp/n46a
xo_migrate a dst 10.0.0.2 proto esp spi 0x3000 new-src 10.0.1.1 new-dst 10.0.1.2 \
	offload dev xv0 dir out
listen_wait /tmp/n46a
xo_show a 0x3000
xo_expect_one a 0x3000 10.0.1.1 10.0.1.2
xo_expect_no_offload a 0x3000
xo_notify_has /tmp/n46a new_daddr=10.0.1.2 flags=0x0 "offload=$VETH_IFINDEX:0x0"

say "packet offload asked for: the module refuses it before the kernel sees it"
# With packet offload the device assigns the sequence numbers and keeps
# the replay window, so the module refuses it on every kernel: EOPNOTSUPP
# "Migration of packet offload SAs is not supported". Upstream hands it to
# xfrm_dev_state_add(), which refuses packet offload on a device without
# xfrmdev_ops without a message: EINVAL "State migration clone failed".
if is_module_backend; then
	xo_packet_err=EOPNOTSUPP
	xo_packet_msg="Migration of packet offload SAs is not supported"
else
	xo_packet_err=EINVAL
	xo_packet_msg="State migration clone failed"
fi
expect_err_unchanged a $xo_packet_err "$xo_packet_msg" --daddr 10.0.1.2 --spi 0x3000 \
	--new-daddr 10.0.2.2 --new-saddr 10.0.2.1 --reqid 1 \
	--offload "$VETH_IFINDEX:4"
xo_expect_one a 0x3000 10.0.1.1 10.0.1.2

if kver_has_dir; then
	say "SA direction out, offload direction in: the kernel refuses the pair"
	echo "+ [a] xms-raw --newsa --src 10.0.0.1 --daddr 10.0.0.3 --spi 0x3100 --reqid 1 --mode tunnel --u8 33:2 (dir out)"
	/bin/ip netns exec a $XR --newsa --src 10.0.0.1 --daddr 10.0.0.3 \
		--spi 0x3100 --reqid 1 --mode tunnel --u8 33:2 ||
		fail "cannot add SA 0x3100 with direction out"
	expect_err_unchanged a EINVAL "Mismatched SA and offload direction" \
		--daddr 10.0.0.3 --spi 0x3100 --new-daddr 10.0.1.3 \
		--new-saddr 10.0.1.1 --reqid 1 --offload "$VETH_IFINDEX:2"
fi

if ! is_module_backend; then
	pass "offload dev on a veth: migrated, no offload, OFFLOAD_DEV in the notification (native $XMS_KVER; netdevsim is not built for native kernels)"
fi

say "2. netdevsim: offload set on the new SAs"
nsim_up a
xo_sa_add a 10.0.0.1 10.0.0.2 0x1000
nsmust a ip xfrm state add src 10.0.0.2 dst 10.0.0.1 proto esp spi 0x2000 \
	reqid 1 mode tunnel replay-window 32 \
	aead 'rfc4106(gcm(aes))' $XMS_KEY_BA 128
xo_expect_no_offload a 0x1000
xo_expect_no_offload a 0x2000
nsim_table
nsim_expect_count 0

listen_start a "$(listen_groups)" "$(listen_count)" /tmp/n46b
xo_migrate a dst 10.0.0.2 proto esp spi 0x1000 new-src 10.0.1.1 new-dst 10.0.1.2 \
	offload dev "$NSIM_DEV" dir out
listen_wait /tmp/n46b
xo_notify_has /tmp/n46b spi=0x1000 new_daddr=10.0.1.2 flags=0x0 "offload=$NSIM_IFINDEX:0x0"

listen_start a "$(listen_groups)" "$(listen_count)" /tmp/n46c
xo_migrate a dst 10.0.0.1 proto esp spi 0x2000 new-src 10.0.1.2 new-dst 10.0.1.1 \
	offload dev "$NSIM_DEV" dir in
listen_wait /tmp/n46c
xo_notify_has /tmp/n46c spi=0x2000 new_daddr=10.0.1.1 flags=0x0 "offload=$NSIM_IFINDEX:0x2"

xo_show a 0x1000
xo_show a 0x2000
xo_expect_one a 0x1000 10.0.1.1 10.0.1.2
xo_expect_one a 0x2000 10.0.1.2 10.0.1.1
xo_expect_offload a 0x1000 "$NSIM_DEV" out
xo_expect_offload a 0x2000 "$NSIM_DEV" in
nsim_table
nsim_expect_count 2
nsim_expect_sa 0x1000 10.0.1.2 tx
nsim_expect_sa 0x2000 10.0.1.1 rx

say "a migration with offload that fails (target tuple occupied) leaves netdevsim as it was"
xo_sa_add a 10.0.2.1 10.0.2.2 0x1000
expect_err_unchanged a EEXIST "New SA tuple already occupied" --daddr 10.0.1.2 \
	--spi 0x1000 --new-daddr 10.0.2.2 --new-saddr 10.0.2.1 --reqid 1 \
	--offload "$NSIM_IFINDEX:0"
nsim_table
nsim_expect_count 2
nsim_expect_sa 0x1000 10.0.1.2 tx

pass "offload set: veth falls back as in a plain add; netdevsim holds both migrated SAs (tx and rx) on the new addresses"
