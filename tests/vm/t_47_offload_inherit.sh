#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Offload inherit: a migration that names no offload (no XFRMA_OFFLOAD_DEV,
# no CLEAR_OFFLOAD) gives the new SA the old SA's offload: its device,
# INBOUND when the old one was inbound (upstream 7.2 xso_to_xuo()), and the
# notification carries that inherited XFRMA_OFFLOAD_DEV.
#
#   netns a
#     xv0 <-> xv1   veth (no xfrmdev_ops)                     every kernel
#     ethN          netdevsim port, crypto offload (module kernels)
#     SA 0x3000 10.0.0.1 -> 10.0.0.2  "offload dev xv0 dir out"  -> 10.0.1.x
#     SA 0x1000 10.0.0.1 -> 10.0.0.2  offloaded to ethN, dir out -> 10.0.1.x
#                                     -> fd00:1::1 -> fd00:1::2
#     SA 0x2000 10.0.0.2 -> 10.0.0.1  offloaded to ethN, dir in  -> 10.0.1.x
#   (tunnel-mode ESP rfc4106(gcm(aes)), 160-bit key, 128-bit ICV, reqid 1)
#
# 1. veth, every kernel (native >= 7.2 included: no netdevsim there, its
#    Debian headers need gcc-14): SA 0x3000 was added with an offload
#    request the kernel answered with software fallback (no xso.dev), so
#    there is nothing to inherit: the migrated SA has no offload and the
#    notification has no XFRMA_OFFLOAD_DEV, natively as through the module.
# 2. netdevsim, module kernels: SAs 0x1000 (tx) and 0x2000 (rx) are in
#    the "hardware"; after the migration both new SAs are offloaded to ethN
#    with the same direction, netdevsim's table holds exactly them on the
#    new addresses (the old SAs are gone from it), and the notifications
#    carry offload=IFINDEX:0x0 and IFINDEX:0x2 (INBOUND); "xfrm-migrate
#    monitor" prints the inherited "offload dev ethN dir in". Then SA 0x1000
#    moves on to IPv6 (fd00:1::1 -> fd00:1::2) and stays offloaded: netdevsim
#    holds it with its IPv6 destination.
. "$(dirname "$0")/lib.sh"
_le=$(dirname "$0")/lib-errors.sh
[ -f "$_le" ] || _le=/usr/bin/xms-lib-errors.sh
. "$_le"
. "$(dirname "$0")/lib-offload.sh"

must ip netns add a
nsmust a ip link set lo up

say "1. veth: an SA whose offload request fell back has nothing to inherit"
xo_veth_up a
xo_sa_add a 10.0.0.1 10.0.0.2 0x3000 offload dev xv0 dir out
xo_expect_no_offload a 0x3000
listen_start a "$(listen_groups)" "$(listen_count)" /tmp/n47a
xo_migrate a dst 10.0.0.2 proto esp spi 0x3000 new-src 10.0.1.1 new-dst 10.0.1.2
listen_wait /tmp/n47a
xo_show a 0x3000
xo_expect_one a 0x3000 10.0.1.1 10.0.1.2
xo_expect_no_offload a 0x3000
xo_notify_has /tmp/n47a new_daddr=10.0.1.2 flags=0x0
xo_notify_lacks /tmp/n47a offload

if ! is_module_backend; then
	pass "no offload to inherit: migrated SA not offloaded, no OFFLOAD_DEV in the notification (native $XMS_KVER; netdevsim is not built for native kernels)"
fi

say "2. netdevsim: offloaded SAs keep their offload across the migration"
nsim_up a
xo_sa_add a 10.0.0.1 10.0.0.2 0x1000 offload dev "$NSIM_DEV" dir out
nsmust a ip xfrm state add src 10.0.0.2 dst 10.0.0.1 proto esp spi 0x2000 \
	reqid 1 mode tunnel replay-window 32 \
	aead 'rfc4106(gcm(aes))' $XMS_KEY_BA 128 offload dev "$NSIM_DEV" dir in
xo_expect_offload a 0x1000 "$NSIM_DEV" out
xo_expect_offload a 0x2000 "$NSIM_DEV" in
nsim_table
nsim_expect_count 2
nsim_expect_sa 0x1000 10.0.0.2 tx
nsim_expect_sa 0x2000 10.0.0.1 rx

listen_start a "$(listen_groups)" "$(listen_count)" /tmp/n47b
xo_migrate a dst 10.0.0.2 proto esp spi 0x1000 new-src 10.0.1.1 new-dst 10.0.1.2
listen_wait /tmp/n47b
xo_notify_has /tmp/n47b spi=0x1000 new_daddr=10.0.1.2 flags=0x0 "offload=$NSIM_IFINDEX:0x0"

listen_start a "$(listen_groups)" "$(listen_count)" /tmp/n47c
rm -f /tmp/m47.ready
echo "+ [a] xfrm-migrate monitor --count 1 --timeout 15 --ready /tmp/m47.ready > /tmp/m47 &"
/bin/ip netns exec a /usr/bin/xfrm-migrate monitor --count 1 --timeout 15 \
	--ready /tmp/m47.ready > /tmp/m47 2>&1 &
mpid=$!
i=0
while [ ! -e /tmp/m47.ready ]; do
	kill -0 $mpid 2>/dev/null || { cat /tmp/m47; fail "xfrm-migrate monitor exited early"; }
	i=$((i + 1))
	[ $i -lt 100 ] || fail "xfrm-migrate monitor not ready after 10 s"
	usleep 100000 2>/dev/null || sleep 1
done
xo_migrate a dst 10.0.0.1 proto esp spi 0x2000 new-src 10.0.1.2 new-dst 10.0.1.1
listen_wait /tmp/n47c
echo "+ wait for xfrm-migrate monitor"
wait $mpid
rc=$?
[ $rc -eq 0 ] || { cat /tmp/m47; fail "xfrm-migrate monitor exit status $rc"; }
sed 's/^/  | /' /tmp/m47
grep -q "^ new-dst 10.0.1.1 new-src 10.0.1.2 new-reqid 1 offload dev $NSIM_DEV dir in\$" /tmp/m47 ||
	fail "xfrm-migrate monitor does not show the inherited 'offload dev $NSIM_DEV dir in'"
echo "ok: xfrm-migrate monitor shows offload dev $NSIM_DEV dir in"
xo_notify_has /tmp/n47c spi=0x2000 new_daddr=10.0.1.1 flags=0x0 "offload=$NSIM_IFINDEX:0x2"

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

say "inherit across a family change: 10.0.1.2 -> fd00:1::2 (tunnel mode)"
listen_start a "$(listen_groups)" "$(listen_count)" /tmp/n47d
xo_migrate a dst 10.0.1.2 proto esp spi 0x1000 new-src fd00:1::1 new-dst fd00:1::2
listen_wait /tmp/n47d
xo_notify_has /tmp/n47d spi=0x1000 new_daddr=fd00:1::2 new_family=10 "offload=$NSIM_IFINDEX:0x0"
xo_show a 0x1000
xo_expect_one a 0x1000 fd00:1::1 fd00:1::2
xo_expect_offload a 0x1000 "$NSIM_DEV" out
nsim_table
nsim_expect_count 2
nsim_expect_sa 0x1000 fd00:1::2 tx
nsim_expect_sa 0x2000 10.0.1.1 rx

pass "offload inherited: both migrated SAs offloaded to $NSIM_DEV with their direction, the old ones gone from netdevsim"
