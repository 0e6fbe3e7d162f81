# SPDX-License-Identifier: GPL-2.0
#
# Helpers of the offload tests (t_46 set, t_47 inherit, t_48 clear).
# Source after lib.sh and lib-errors.sh (listeners, notification fields):
#
#	. "$(dirname "$0")/lib.sh"
#	_le=$(dirname "$0")/lib-errors.sh
#	[ -f "$_le" ] || _le=/usr/bin/xms-lib-errors.sh
#	. "$_le"
#	. "$(dirname "$0")/lib-offload.sh"
#
# Two devices, two questions:
#
# - netdevsim (module kernels: 5.10, 6.1, 6.12). Debian does not build it;
#   tests/harness/netdevsim.sh builds it out of tree from the matching
#   Debian linux-source and the harness ships it, with the stock modules it
#   needs (load.order), in /lib/modules-extra. Its xfrmdev_ops accept
#   crypto offload of rfc4106(gcm(aes)) with a 128-bit ICV, and debugfs
#   lists every SA the "hardware" holds:
#     /sys/kernel/debug/netdevsim/netdevsimID/ports/0/ipsec
#       SA count=N tx=N
#       sa[I] tx|rx ipaddr=DADDR
#       sa[I]    spi=0x........ proto=0x32 salt=... crypt=1
#   Not available on the native (>= 7.2) kernels: Debian's headers there
#   need gcc-14, which the build host lacks.
#
# - a veth (every kernel). It has no xfrmdev_ops, and xfrm_dev_state_add()
#   of every kernel here (5.10 to 7.2) answers a crypto-offload request for
#   such a device with 0 and no offload ("fallback"): the SA works in
#   software. So "offload dev VETH" is accepted and leaves the SA without
#   offload; what the request asked for still shows in the notification.
#   These checks run on the native kernel too, and are the ones that make
#   the module and the native message comparable there.

NSIM_ID=11		# netdevsim bus device id (one port)
NSIM_EXTRA=/lib/modules-extra

# nsim_load: insmod the stock dependencies of load.order, then netdevsim.ko.
nsim_load() {
	[ -f $NSIM_EXTRA/netdevsim.ko ] ||
		fail "no $NSIM_EXTRA/netdevsim.ko in the guest (tests/harness/netdevsim.sh failed: see the harness log)"
	while read -r _m; do
		[ -n "$_m" ] || continue
		[ -d "/sys/module/$(basename "$_m" .ko | tr - _)" ] && continue
		must insmod "$NSIM_EXTRA/$_m"
	done < $NSIM_EXTRA/load.order
	[ -d /sys/module/netdevsim ] || must insmod $NSIM_EXTRA/netdevsim.ko
}

# nsim_up NS: create netdevsim device NSIM_ID with one port, move its
# netdev into netns NS and bring it up. Sets NSIM_DEV (name), NSIM_IFINDEX
# (in NS) and NSIM_IPSEC (the debugfs table). The device is deleted at exit.
nsim_up() {
	nsim_load
	[ -d /sys/kernel/debug/netdevsim ] ||
		must mount -t debugfs debugfs /sys/kernel/debug
	echo "+ echo '$NSIM_ID 1' > /sys/bus/netdevsim/new_device"
	echo "$NSIM_ID 1" > /sys/bus/netdevsim/new_device ||
		fail "cannot create netdevsim device $NSIM_ID"
	trap nsim_down EXIT
	_i=0
	NSIM_DEV=
	while [ -z "$NSIM_DEV" ]; do
		NSIM_DEV=$(ls /sys/bus/netdevsim/devices/netdevsim$NSIM_ID/net/ 2>/dev/null | head -n1)
		[ -n "$NSIM_DEV" ] && break
		_i=$((_i + 1))
		[ $_i -lt 50 ] || fail "netdevsim$NSIM_ID has no netdev after 5 s"
		usleep 100000 2>/dev/null || sleep 1
	done
	must ip link set "$NSIM_DEV" netns "$1"
	nsmust "$1" ip link set "$NSIM_DEV" up
	NSIM_IFINDEX=$(/bin/ip netns exec "$1" cat /sys/class/net/$NSIM_DEV/ifindex)
	NSIM_IPSEC=/sys/kernel/debug/netdevsim/netdevsim$NSIM_ID/ports/0/ipsec
	[ -r "$NSIM_IPSEC" ] ||
		fail "no $NSIM_IPSEC: netdevsim was built without CONFIG_XFRM_OFFLOAD?"
	say "netdevsim$NSIM_ID: netdev $NSIM_DEV ifindex $NSIM_IFINDEX in netns $1"
}

nsim_down() {
	[ -e /sys/bus/netdevsim/devices/netdevsim$NSIM_ID ] &&
		echo "$NSIM_ID" > /sys/bus/netdevsim/del_device
}

# nsim_table: netdevsim's SA table (debugfs), echoed.
nsim_table() {
	echo "+ cat $NSIM_IPSEC"
	cat "$NSIM_IPSEC" | sed 's/^/  | /'
}

# nsim_expect_count N: the "hardware" holds N SAs.
nsim_expect_count() {
	_n=$(sed -n 's/^SA count=\([0-9]*\).*/\1/p' "$NSIM_IPSEC")
	[ "$_n" = "$1" ] || { nsim_table; fail "netdevsim holds ${_n:-?} SAs, want $1"; }
	echo "ok: netdevsim holds $1 SA(s)"
}

# nsim_expect_sa SPI DADDR tx|rx: one entry of the table has this SPI, this
# destination address and direction.
nsim_expect_sa() {
	_spi=$(printf '0x%08x' "$1")
	_idx=$(sed -n "s/^sa\[\([0-9]*\)\] *spi=$_spi .*/\1/p" "$NSIM_IPSEC")
	[ -n "$_idx" ] || { nsim_table; fail "netdevsim has no SA with spi $_spi"; }
	[ "$(echo "$_idx" | wc -l)" -eq 1 ] ||
		{ nsim_table; fail "netdevsim has more than one SA with spi $_spi"; }
	grep -qx "sa\[$_idx\] $3 ipaddr=$2" "$NSIM_IPSEC" ||
		{ nsim_table; fail "netdevsim's SA spi $_spi is not '$3 ipaddr=$2'"; }
	echo "ok: netdevsim holds SA spi $_spi, $3, ipaddr $2"
}

# nsim_expect_no_sa SPI
nsim_expect_no_sa() {
	_spi=$(printf '0x%08x' "$1")
	if grep -q "spi=$_spi " "$NSIM_IPSEC"; then
		nsim_table
		fail "netdevsim still holds an SA with spi $_spi"
	fi
	echo "ok: netdevsim holds no SA with spi $_spi"
}

# --- SAs -------------------------------------------------------------------

# xo_sa_add NS SRC DST SPI [ip xfrm state add args...]: tunnel-mode ESP,
# rfc4106(gcm(aes)) 160-bit key, 128-bit ICV (what netdevsim offloads).
xo_sa_add() {
	_ns=$1 _s=$2 _d=$3 _spi=$4
	shift 4
	nsmust "$_ns" ip xfrm state add src "$_s" dst "$_d" proto esp \
		spi "$_spi" reqid 1 mode tunnel replay-window 32 \
		aead 'rfc4106(gcm(aes))' $XMS_KEY_AB 128 "$@"
}

# xo_text NS SPI: "ip xfrm state list spi SPI" in NS, not echoed.
xo_text() {
	/bin/ip netns exec "$1" /bin/ip xfrm state list spi "$2"
}

# xo_show NS SPI: the same, echoed.
xo_show() {
	echo "+ [$1] ip xfrm state list spi $2"
	xo_text "$1" "$2" | sed 's/^/  | /'
}

# xo_expect_one NS SPI SRC DST: exactly one SA with SPI, on SRC -> DST.
xo_expect_one() {
	_n=$(xo_text "$1" "$2" | grep -c '^src ')
	[ "$_n" -eq 1 ] || { xo_show "$1" "$2"; fail "netns $1: $_n SAs with spi $2, want 1"; }
	xo_text "$1" "$2" | grep -qx "src $3 dst $4" ||
		{ xo_show "$1" "$2"; fail "netns $1: SA $2 is not on $3 -> $4"; }
	echo "ok: netns $1: one SA $2, $3 -> $4"
}

# xo_expect_offload NS SPI DEV in|out: the SA is offloaded to DEV. iproute2
# prints the kernel's XFRMA_OFFLOAD_DEV, which the kernel only dumps for
# an SA whose xso.dev is set.
xo_expect_offload() {
	xo_text "$1" "$2" | grep -Eq "crypto offload parameters: dev $3 dir $4( |$)" || {
		xo_show "$1" "$2"
		fail "netns $1: SA $2 is not offloaded to $3 dir $4"
	}
	echo "ok: netns $1: SA $2 offloaded to $3 dir $4"
}

# xo_expect_no_offload NS SPI
xo_expect_no_offload() {
	if xo_text "$1" "$2" | grep -q "offload parameters"; then
		xo_show "$1" "$2"
		fail "netns $1: SA $2 is offloaded but must not be"
	fi
	echo "ok: netns $1: SA $2 not offloaded"
}

# xo_migrate NS ARGS...: "xfrm-migrate -n NS migrate ARGS" (backend auto:
# the module on module kernels, the native message on >= 7.2); must succeed.
xo_migrate() {
	_ns=$1
	shift
	echo "+ [$_ns] xfrm-migrate migrate $*"
	/usr/bin/xfrm-migrate -n "$_ns" migrate "$@" ||
		fail "xfrm-migrate -n $_ns migrate $* failed (status $?)"
}

# xo_veth_up NS: veth xv0 (in NS) <-> xv1 (in NS); sets VETH_IFINDEX of xv0.
xo_veth_up() {
	nsmust "$1" ip link add xv0 type veth peer name xv1
	nsmust "$1" ip link set xv0 up
	nsmust "$1" ip link set xv1 up
	VETH_IFINDEX=$(/bin/ip netns exec "$1" cat /sys/class/net/xv0/ifindex)
}

# xo_notify_has OUT FIELD...: the notification of every group (module
# kernels: the family's genl group and the native XFRMNLGRP_MIGRATE; native
# kernels: the latter) has these key=value words (xms-raw --listen format,
# offload=IFINDEX:FLAGS for XFRMA_OFFLOAD_DEV).
xo_notify_has() {
	_out=$1
	shift
	for _b in $(notify_backends); do
		_l=$(notify_line "$_out" "$_b") || fail "no single $_b notification"
		has_fields "$_l" "$@"
		echo "ok: $_b notification has $*"
	done
}

# xo_notify_lacks OUT KEY...: no group's notification has KEY=...
xo_notify_lacks() {
	_out=$1
	shift
	for _b in $(notify_backends); do
		_l=$(notify_line "$_out" "$_b") || fail "no single $_b notification"
		lacks_fields "$_l" "$@"
		echo "ok: $_b notification has no $*"
	done
}
