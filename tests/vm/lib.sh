# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the guest tests (busybox sh). Source it first:
#
#	. "$(dirname "$0")/lib.sh"
#
# Environment from tests/vm/init:
#	XMS_BACKEND	module | native  (native: kernel >= 7.2, no module)
#	XMS_KVER	kernel release, XMS_ARCH amd64 | arm64
#	XMS_KO		path of xfrm_migrate_state.ko (module kernels)
#
# A test tells its story: topology comment at the top, every command
# echoed ("+ cmd" by run/must), one behaviour, and ends with pass or
# fail "reason". Anything but exit status 0 is a failure. There is no skip.
#
# busybox sh runs its own applets before files in PATH, so iproute2 is
# always called by path; inside "ip netns exec NS sh -c ..." write /bin/ip.

ip() { /bin/ip "$@"; }
tc() { /bin/tc "$@"; }
ss() { /bin/ss "$@"; }

XMS_TEST=$(basename "$0" .sh)

# Narrative line.
say() { echo "# $*"; }

# Echo a command, run it, return its status.
run() {
	echo "+ $*"
	"$@"
}

# Run a command in a namespace (echoed): nsrun a ip xfrm state list
nsrun() {
	_ns=$1
	shift
	echo "+ [$_ns] $*"
	/bin/ip netns exec "$_ns" "$@"
}

fail() {
	echo "FAIL: $XMS_TEST: ${*:-failed}"
	exit 1
}

# is_debug_kernel: the harness's debug build (tests/harness/debug-build.sh).
is_debug_kernel() {
	case ${XMS_KVER:-} in *-xms-debug*) return 0 ;; esac
	grep -qw 'panic_on_warn=1' /proc/cmdline
}

pass() {
	echo "PASS: $XMS_TEST${*:+: $*}"
	exit 0
}

# Run a command that must succeed (echoed); fail the test otherwise.
must() {
	run "$@" || fail "command failed (status $?): $*"
}

# Same in a namespace.
nsmust() {
	nsrun "$@" || fail "command failed (status $?) in netns $1: $*"
}

# Run a command that must fail (echoed); fail the test if it succeeds.
expect_fail() {
	echo "+ (must fail) $*"
	if "$@"; then
		fail "command succeeded but should have failed: $*"
	fi
	return 0
}

nsexpect_fail() {
	_ns=$1
	shift
	echo "+ [$_ns] (must fail) $*"
	if /bin/ip netns exec "$_ns" "$@"; then
		fail "command succeeded in netns $_ns but should have failed: $*"
	fi
	return 0
}

# Is the test running on a module kernel (not the native >= 7.2 oracle)?
is_module_backend() { [ "${XMS_BACKEND:-}" = module ]; }

# --- topology ---------------------------------------------------------------
#
#   netns a                         netns b
#   a0  10.0.0.1/24  <--- veth ---> b0  10.0.0.2/24
#       10.0.1.1/24                     10.0.1.2/24      (migration targets)
#       fd00::1/64                      fd00::2/64
#       fd00:1::1/64                    fd00:1::2/64
topo_up() {
	must ip netns add a
	must ip netns add b
	must ip link add a0 netns a type veth peer name b0 netns b
	for _n in a b; do
		nsmust $_n ip link set lo up
		nsmust $_n ip link set ${_n}0 up
	done
	nsmust a ip addr add 10.0.0.1/24 dev a0
	nsmust a ip addr add 10.0.1.1/24 dev a0
	nsmust b ip addr add 10.0.0.2/24 dev b0
	nsmust b ip addr add 10.0.1.2/24 dev b0
	nsmust a ip -6 addr add fd00::1/64 dev a0 nodad
	nsmust a ip -6 addr add fd00:1::1/64 dev a0 nodad
	nsmust b ip -6 addr add fd00::2/64 dev b0 nodad
	nsmust b ip -6 addr add fd00:1::2/64 dev b0 nodad
}

topo_down() {
	/bin/ip netns del a 2>/dev/null
	/bin/ip netns del b 2>/dev/null
	return 0
}

# Fixed test keys: rfc4106(gcm(aes)) takes 128-bit key + 32-bit salt.
XMS_KEY_AB=0x0102030405060708090a0b0c0d0e0f1011121314
XMS_KEY_BA=0x2122232425262728292a2b2c2d2e2f3031323334

# sa_pair_esp SPI_AB SPI_BA REQID [A B]
# Tunnel-mode ESP, rfc4106(gcm(aes)) 160-bit key, 128-bit ICV, replay
# window 32, between A
# (in netns a, default 10.0.0.1) and B (netns b, default 10.0.0.2): both SAs
# in both namespaces, and out/in policies for A <-> B host traffic.
sa_pair_esp() {
	_ab=$1 _ba=$2 _reqid=$3 _a=${4:-10.0.0.1} _b=${5:-10.0.0.2}
	_pl=32
	case $_a in *:*) _pl=128 ;; esac
	for _n in a b; do
		nsmust $_n ip xfrm state add src "$_a" dst "$_b" proto esp \
			spi "$_ab" reqid "$_reqid" mode tunnel replay-window 32 \
			aead 'rfc4106(gcm(aes))' $XMS_KEY_AB 128
		nsmust $_n ip xfrm state add src "$_b" dst "$_a" proto esp \
			spi "$_ba" reqid "$_reqid" mode tunnel replay-window 32 \
			aead 'rfc4106(gcm(aes))' $XMS_KEY_BA 128
	done
	nsmust a ip xfrm policy add src "$_a/$_pl" dst "$_b/$_pl" dir out \
		tmpl src "$_a" dst "$_b" proto esp reqid "$_reqid" mode tunnel
	nsmust a ip xfrm policy add src "$_b/$_pl" dst "$_a/$_pl" dir in \
		tmpl src "$_b" dst "$_a" proto esp reqid "$_reqid" mode tunnel
	nsmust b ip xfrm policy add src "$_b/$_pl" dst "$_a/$_pl" dir out \
		tmpl src "$_b" dst "$_a" proto esp reqid "$_reqid" mode tunnel
	nsmust b ip xfrm policy add src "$_a/$_pl" dst "$_b/$_pl" dir in \
		tmpl src "$_a" dst "$_b" proto esp reqid "$_reqid" mode tunnel
}

# ping_ok NS DST [COUNT]: DST answers pings sent from netns NS.
ping_ok() {
	nsrun "$1" ping -c "${3:-2}" -i 0.05 -w 10 -q "$2"
}

# ping_must NS DST [COUNT]
ping_must() {
	ping_ok "$@" || fail "no ping reply from $2 in netns $1"
}

# --- counters ---------------------------------------------------------------
#
# xfrm_counter NS SPI FIELD   prints a decimal number read from
# "ip -s xfrm state list spi SPI" in netns NS. FIELD:
#	oseq		output sequence number (outbound SA)
#	seq		highest input sequence number seen (inbound SA)
#	packets, bytes	lifetime current counters
# Prints nothing and returns 1 if there is no such SA or field.
xfrm_counter() {
	_spi=$(printf '0x%08x' "$2")
	/bin/ip netns exec "$1" /bin/ip -s xfrm state list spi "$_spi" |
	awk -v f="$3" '
		function hex(s) { sub(/,.*/, "", s); return s }
		function lead(s) { sub(/\(.*/, "", s); return s }
		/anti-replay/ { ar = 1 }
		/lifetime current/ { ar = 0 }
		ar && (f == "oseq" || f == "seq") {
			for (i = 1; i < NF; i++) if ($i == f) { print hex($(i + 1)); exit }
		}
		/lifetime current/ { cur = 1; next }
		cur && (f == "packets" || f == "bytes") {
			# "  252(bytes), 3(packets)"
			for (i = 1; i <= NF; i++) if ($i ~ "[(]" f "[)]") { print lead($i); exit }
			exit
		}' | {
		read -r _v || return 1
		printf '%d\n' "$_v"
	}
}

# Use as: n=$(xfrm_counter a 0x1000 oseq) || fail "no oseq for SA 0x1000 in a"
# (fail cannot end the test from inside $(...)).

# dmesg_mark / dmesg_since: kernel log lines logged after the mark.
dmesg_mark() { _dmesg_lines=$(dmesg | wc -l); }
dmesg_since() { dmesg | tail -n +$(( ${_dmesg_lines:-0} + 1 )); }
