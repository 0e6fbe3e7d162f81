# SPDX-License-Identifier: GPL-2.0
#
# Helpers of the error-path, notification, privilege and info tests
# (t_5*..t_9*), driven by the raw client xms-raw (tests/vm/client). Source
# after lib.sh:
#
#	. "$(dirname "$0")/lib.sh"
#	. "$(dirname "$0")/lib-errors.sh"
#
# xms-raw always runs with --backend $XMS_BACKEND: the module's genl family
# on module kernels, the native XFRM_MSG_MIGRATE_STATE on >= 7.2.

XR=/usr/bin/xms-raw
[ -x "$XR" ] || fail "$XR missing: the guest userspace lacks the raw client (tests/vm/client)"

# --- what the kernel under test has --------------------------------------
#
# Facts of the kernels, not of our code: every kernel of the matrix has
# XFRMA_MTIMER_THRESH (5.14 upstream; Debian's 5.10 carries the backport);
# 5.10 and 6.1 have no packet offload (Debian's 6.1 has the offload type
# but refuses XFRM_OFFLOAD_PACKET: no policy offload); 5.10 and 6.1 have no SA
# direction and NAT keepalive (6.10; Debian's 6.12 has them). On module
# kernels the module refuses attributes the kernel does not know
# ("Unsupported attribute ..."), a documented improvement over upstream,
# which would ignore them.
kver_has_mtimer() { return 0; }
kver_has_packet_offload() { case $XMS_KVER in 5.*|6.1.*) return 1 ;; esac; return 0; }
kver_has_dir() { case $XMS_KVER in 5.*|6.1.*|6.[2-9].*) return 1 ;; esac; return 0; }
kver_has_keepalive() { kver_has_dir; }
# NL_SET_ERR_MSG_FMT exists from 6.2 on.
kver_has_fmt_extack() { case $XMS_KVER in 5.*|6.1.*) return 1 ;; esac; return 0; }

# --- running the client --------------------------------------------------

# xr NS ARGS...: echo and run xms-raw in netns NS with the backend under test.
xr() {
	_ns=$1
	shift
	echo "+ [$_ns] xms-raw --backend $XMS_BACKEND $*"
	/bin/ip netns exec "$_ns" $XR --backend "$XMS_BACKEND" "$@"
}

# expect_ack NS 'errno=E extack="TEXT"' ARGS...: the request's ACK line is
# exactly this, and the exit status matches (0 for errno=0, else 1).
expect_ack() {
	_ns=$1 _want=$2
	shift 2
	echo "+ [$_ns] xms-raw --backend $XMS_BACKEND $*"
	_got=$(/bin/ip netns exec "$_ns" $XR --backend "$XMS_BACKEND" "$@")
	_rc=$?
	echo "$_got"
	[ "$_got" = "$_want" ] || fail "ACK is '$_got', want '$_want'"
	case $_want in
	"errno=0 "*) [ "$_rc" -eq 0 ] || fail "xms-raw exit status $_rc with errno 0" ;;
	*) [ "$_rc" -eq 1 ] || fail "xms-raw exit status $_rc, want 1 (kernel refused)" ;;
	esac
}

# sa_table NS: the SA table as "ip xfrm state" prints it.
sa_table() { /bin/ip netns exec "$1" /bin/ip xfrm state list; }

# sa_count NS: number of SAs
sa_count() { sa_table "$1" | grep -c '^src '; }

# expect_err_unchanged NS ERRNO EXTACK ARGS...: the request fails with this
# errno and extack text, and the SA table of NS is the same afterwards.
expect_err_unchanged() {
	_ns=$1 _e=$2 _t=$3
	shift 3
	sa_table "$_ns" > /tmp/sa.before || fail "cannot list the SAs of netns $_ns"
	expect_ack "$_ns" "errno=$_e extack=\"$_t\"" "$@"
	sa_table "$_ns" > /tmp/sa.after || fail "cannot list the SAs of netns $_ns"
	if ! cmp -s /tmp/sa.before /tmp/sa.after; then
		echo "--- SA table before"
		cat /tmp/sa.before
		echo "--- SA table after"
		cat /tmp/sa.after
		fail "SA table of netns $_ns changed by a refused request"
	fi
	say "SA table unchanged ($(grep -c '^src ' /tmp/sa.before) SAs)"
}

# --- topology of the error tests -------------------------------------------
#
#   netns a (no links needed: requests are refused before any packet)
#     SA 0x1000  10.0.0.1 -> 10.0.0.2  esp tunnel reqid 1, selector
#                10.0.0.0/24 -> 10.0.0.0/24 (not host-to-host)
err_topo() {
	must ip netns add a
	nsmust a ip link set lo up
	nsmust a ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp \
		spi 0x1000 reqid 1 mode tunnel \
		aead 'rfc4106(gcm(aes))' $XMS_KEY_AB 128 \
		sel src 10.0.0.0/24 dst 10.0.0.0/24
}

# A request that would be valid for SA 0x1000 (tests add one field that
# makes it invalid).
XR_OK="--daddr 10.0.0.2 --spi 0x1000 --new-daddr 10.0.0.2 --new-saddr 10.0.0.1 --reqid 1 --sel-src 10.0.0.0/24 --sel-dst 10.0.0.0/24"

# --- notifications ---------------------------------------------------------

# listen_start NS WHICH COUNT OUT: xms-raw --listen WHICH (native, module,
# both) in the background, until COUNT notifications or 15 s; returns once
# the groups are joined. The listener's pid is in LISTEN_PID.
listen_start() {
	_ns=$1 _w=$2 _c=$3 _out=$4
	rm -f "$_out" "$_out.ready"
	echo "+ [$_ns] xms-raw --listen $_w --count $_c --timeout 15 > $_out &"
	/bin/ip netns exec "$_ns" $XR --listen "$_w" --count "$_c" --timeout 15 \
		--ready "$_out.ready" > "$_out" 2>&1 &
	LISTEN_PID=$!
	_i=0
	while [ ! -e "$_out.ready" ]; do
		kill -0 "$LISTEN_PID" 2>/dev/null || { cat "$_out"; fail "listener ($_w) exited early"; }
		_i=$((_i + 1))
		[ $_i -lt 100 ] || fail "listener ($_w) did not join its groups within 10 s"
		usleep 100000 2>/dev/null || sleep 1
	done
}

# listen_wait OUT: wait for the listener; it must have seen its COUNT.
listen_wait() {
	echo "+ wait for the listener"
	wait "$LISTEN_PID"
	_rc=$?
	sed 's/^/  | /' "$1"
	[ "$_rc" -eq 0 ] || fail "listener exit status $_rc (missing notifications)"
}

# notify_line OUT BACKEND: the single notification line of BACKEND.
notify_line() {
	_n=$(grep -c "^notify backend=$2 " "$1")
	[ "$_n" -eq 1 ] || { echo "want 1 $2 notification, got $_n" >&2; return 1; }
	grep "^notify backend=$2 " "$1"
}

# has_field LINE 'key=value' ...: every token is a word of the line.
has_fields() {
	_l=$1
	shift
	for _f in "$@"; do
		case " $_l " in
		*" $_f "*) ;;
		*) fail "notification lacks '$_f': $_l" ;;
		esac
	done
}

# lacks_field LINE KEY ...: the line has no KEY=... word.
lacks_fields() {
	_l=$1
	shift
	for _f in "$@"; do
		case " $_l " in
		*" $_f="*) fail "notification has '$_f=' but must not: $_l" ;;
		esac
	done
}

# The groups a migration notification must arrive on: the module sends both
# its genl group and the native XFRMNLGRP_MIGRATE; a native kernel only has
# the latter.
notify_backends() {
	if is_module_backend; then echo "native module"; else echo native; fi
}
listen_groups() {
	if is_module_backend; then echo both; else echo native; fi
}
listen_count() {
	if is_module_backend; then echo 2; else echo 1; fi
}

# notify_seq OUT BACKEND SEQ: the single notification of BACKEND with SEQ.
notify_seq() {
	_n=$(grep -c "^notify backend=$2 .* seq=$3 " "$1")
	[ "$_n" -eq 1 ] || { echo "want 1 $2 notification with seq $3, got $_n" >&2; return 1; }
	grep "^notify backend=$2 .* seq=$3 " "$1"
}
