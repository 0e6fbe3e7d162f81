# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the migration scenario tests (t_1* .. t_4*). Source after lib.sh:
#
#	. "$(dirname "$0")/lib.sh"
#	. "$(dirname "$0")/lib-migrate.sh"
#
# The story every scenario tells is the one of an IKE daemon (MOBIKE,
# NAT-T, rekey of a tunnel's properties): the peers' outer addresses change,
# the daemon migrates each SA with "xfrm-migrate migrate" (the SA keeps its
# keys, sequence numbers and replay state), rewrites its policies for the
# new addresses, and traffic flows again, over ESP, on the new addresses.
#
# Topology (topo_up of lib.sh, plus inner "virtual IP" hosts on lo):
#
#   netns a                                        netns b
#   lo  192.168.1.1/32 (inner)                     lo  192.168.2.1/32 (inner)
#   a0  10.0.0.1/24   fd00::1/64   <-- veth -->    b0  10.0.0.2/24   fd00::2/64
#       10.0.1.1/24   fd00:1::1/64                     10.0.1.2/24   fd00:1::2/64
#   route 192.168.2.1/32 dev a0                    route 192.168.1.1/32 dev b0
#
# Inner traffic 192.168.1.1 <-> 192.168.2.1 is protected by tunnel-mode
# policies whose templates carry the outer addresses. The "in" policies
# make b drop anything from 192.168.1.1 that did not come through an SA
# (and a likewise), so a ping answered means the SAs carried it; the tests
# also check the SA counters.

XM_IA=192.168.1.1	# inner address of a
XM_IB=192.168.2.1	# inner address of b

# Keys (fixed, so that "the SA kept its keys" can be compared as text).
XM_KEY_AB=0x0102030405060708090a0b0c0d0e0f1011121314
XM_KEY_BA=0x2122232425262728292a2b2c2d2e2f3031323334
XM_AUTH_AB=0x4142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f60
XM_AUTH_BA=0x6162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f80

xmig() { /usr/bin/xfrm-migrate "$@"; }

# mig_topo_up: lib.sh's topo_up plus the inner hosts and their routes.
mig_topo_up() {
	topo_up
	nsmust a ip addr add $XM_IA/32 dev lo
	nsmust b ip addr add $XM_IB/32 dev lo
	nsmust a ip route add $XM_IB/32 dev a0 src $XM_IA
	nsmust b ip route add $XM_IA/32 dev b0 src $XM_IB
}

# sa_add SRC DST PROTO SPI REQID MODE [ip xfrm state add args...]
# Adds the same SA in both namespaces (each peer holds both directions).
sa_add() {
	_s=$1 _d=$2 _p=$3 _spi=$4 _r=$5 _m=$6
	shift 6
	for _n in a b; do
		nsmust $_n ip xfrm state add src "$_s" dst "$_d" proto "$_p" \
			spi "$_spi" reqid "$_r" mode "$_m" "$@"
	done
}

# esp_pair A B [SPI_AB SPI_BA REQID [extra state args...]]
# Tunnel-mode ESP, rfc4106(gcm(aes)) 128-bit ICV, SA SPI_AB (default
# 0x1000) a->b and SPI_BA (0x2000) b->a between outer addresses A and B.
esp_pair() {
	_a=$1 _b=$2 _sab=${3:-0x1000} _sba=${4:-0x2000} _rq=${5:-1}
	shift 2
	[ $# -ge 3 ] && shift 3 || set --
	sa_add "$_a" "$_b" esp "$_sab" "$_rq" tunnel \
		aead 'rfc4106(gcm(aes))' $XM_KEY_AB 128 "$@"
	sa_add "$_b" "$_a" esp "$_sba" "$_rq" tunnel \
		aead 'rfc4106(gcm(aes))' $XM_KEY_BA 128 "$@"
}

# tun_policies A B REQID [PROTO [policy args...]]
# (Re)writes the four tunnel policies between the inner hosts with
# templates A <-> B, "ip xfrm policy update" as a daemon does after a move.
# Extra args (e.g. "mark 2") go before the template.
tun_policies() {
	_a=$1 _b=$2 _rq=$3 _p=${4:-esp}
	shift 3
	[ $# -gt 0 ] && shift
	nsmust a ip xfrm policy update src $XM_IA/32 dst $XM_IB/32 dir out "$@" \
		tmpl src "$_a" dst "$_b" proto "$_p" reqid "$_rq" mode tunnel
	nsmust a ip xfrm policy update src $XM_IB/32 dst $XM_IA/32 dir in "$@" \
		tmpl src "$_b" dst "$_a" proto "$_p" reqid "$_rq" mode tunnel
	nsmust b ip xfrm policy update src $XM_IB/32 dst $XM_IA/32 dir out "$@" \
		tmpl src "$_b" dst "$_a" proto "$_p" reqid "$_rq" mode tunnel
	nsmust b ip xfrm policy update src $XM_IA/32 dst $XM_IB/32 dir in "$@" \
		tmpl src "$_a" dst "$_b" proto "$_p" reqid "$_rq" mode tunnel
}

# migrate NS ARGS...: "xfrm-migrate -n NS migrate ARGS", echoed, must succeed.
migrate() {
	_ns=$1
	shift
	echo "+ xfrm-migrate -n $_ns migrate $*"
	xmig -n "$_ns" migrate "$@" ||
		fail "xfrm-migrate -n $_ns migrate $* failed (status $?)"
}

# migrate_both ARGS...: the same migration in a and in b (both peers hold
# the SA: one as outbound, the other as inbound).
migrate_both() {
	migrate a "$@"
	migrate b "$@"
}

# addr_move OLD_A OLD_B: the old outer addresses (with prefix length, on
# a0 and b0) go away, as when a gateway leaves a network.
addr_move() {
	nsmust a ip addr del "$1" dev a0
	nsmust b ip addr del "$2" dev b0
}

# ping_all NS DST [COUNT [SIZE]]: every one of COUNT pings is answered.
# 0.05 s apart: what is tested is that each is carried, not their pace.
ping_all() {
	_c=${3:-3}
	echo "+ [$1] ping -c $_c -i 0.05 -W 1 -w 10${4:+ -s $4} -q $2"
	_out=$(/bin/ip netns exec "$1" ping -c "$_c" -i 0.05 -W 1 -w 10 ${4:+-s "$4"} -q "$2" 2>&1)
	echo "$_out" | sed -n '/statistics/,$p'
	_got=$(echo "$_out" | sed -n 's/.* \([0-9][0-9]*\) packets received.*/\1/p')
	[ "${_got:-0}" -eq "$_c" ] ||
		fail "$1 -> $2: ${_got:-0} of $_c pings answered"
}

# traffic_both [COUNT [SIZE]]: inner hosts ping each other, both ways.
traffic_both() {
	ping_all a $XM_IB "$@"
	ping_all b $XM_IA "$@"
}

# --- reading SAs -------------------------------------------------------------

# SA text. All readers take NS SPI [ERE]: the SAs with that SPI in netns NS
# ("ip -s xfrm state list spi SPI"); with ERE, only the SA blocks (each
# starts at a "src ... dst ..." line) containing a line that matches ERE,
# e.g. 'mark 0x2/' to pick one of two SAs that differ only by mark.

# sa_text NS SPI [ERE]: the text, not echoed (for $(...) and pipes).
sa_text() {
	/bin/ip netns exec "$1" /bin/ip -s xfrm state list spi "$2" |
	awk -v re="${3:-}" '
		function flush() { if (blk != "" && (re == "" || hit)) printf "%s", blk }
		/^src / { flush(); blk = ""; hit = 0 }
		{ blk = blk $0 "\n"; if (re != "" && $0 ~ re) hit = 1 }
		END { flush() }'
}

# sa_show NS SPI [ERE]: the same, echoed, for the log.
sa_show() {
	echo "+ [$1] ip -s xfrm state list spi $2${3:+   (SA with /$3/)}"
	sa_text "$@"
}

# sa_count NS SPI [ERE]: number of SAs.
sa_count() {
	sa_text "$@" | grep -c '^src '
}

# sa_expect NS SPI ERE WHAT [BLOCK-ERE]: the SA's text has a line
# matching ERE, else fail "... WHAT".
sa_expect() {
	_ns=$1 _spi=$2 _re=$3 _what=$4
	if ! sa_text "$_ns" "$_spi" "${5:-}" | grep -Eq -- "$_re"; then
		sa_text "$_ns" "$_spi" "${5:-}" | sed 's/^/    | /'
		fail "netns $_ns SA $_spi: $_what (no line matches /$_re/)"
	fi
	echo "ok: netns $_ns SA $_spi: $_what"
}

# sa_expect_not NS SPI ERE WHAT [BLOCK-ERE]
sa_expect_not() {
	_ns=$1 _spi=$2 _re=$3 _what=$4
	if sa_text "$_ns" "$_spi" "${5:-}" | grep -Eq -- "$_re"; then
		sa_text "$_ns" "$_spi" "${5:-}" | sed 's/^/    | /'
		fail "netns $_ns SA $_spi: $_what (a line matches /$_re/)"
	fi
	echo "ok: netns $_ns SA $_spi: $_what"
}

# sa_num FIELD < the "ip -s xfrm state" text of ONE SA: prints a decimal
#	oseq, seq, oseq-hi, seq-hi	anti-replay context
#	packets, bytes			lifetime current
#	replay, failed			stats
sa_num() {
	awk -v f="$1" '
		function num(s) { sub(/[,(].*/, "", s); return s }
		/anti-replay/ { ar = 1 }
		/lifetime|stats:|sel src/ { ar = 0 }
		ar && f ~ /seq/ {
			for (i = 1; i < NF; i++) if ($i == f) { print num($(i + 1)); exit }
		}
		/lifetime current/ { cur = 1; next }
		cur && (f == "packets" || f == "bytes") {
			for (i = 1; i <= NF; i++) if ($i ~ "[(]" f "[)]") { print num($i); exit }
			cur = 0
		}
		/^[ \t]*stats:/ { st = 1; next }
		st && (f == "replay" || f == "failed") {
			for (i = 1; i < NF; i++) if ($i == f) { print num($(i + 1)); exit }
		}' | {
		read -r _v || return 1
		printf '%d\n' "$_v"
	}
}

# sa_get NS SPI FIELD [BLOCK-ERE]: sa_num FIELD of that SA; prints nothing
# and returns 1 when missing. Use: n=$(sa_get a 0x1000 oseq) || fail ...
sa_get() {
	sa_text "$1" "$2" "${4:-}" | sa_num "$3"
}

# sa_keyline NS SPI: the algorithm/key lines of the SA (aead, enc, auth, comp).
sa_keyline() {
	sa_text "$1" "$2" | grep -E '^[[:space:]]*(aead|enc|auth|auth-trunc|comp) '
}

# udp_in NS: UDP InDatagrams of netns NS (ESP-in-UDP packets count there).
udp_in() {
	/bin/ip netns exec "$1" cat /proc/net/snmp |
		awk '$1 == "Udp:" { if (!h) { for (i = 2; i <= NF; i++) if ($i == "InDatagrams") c = i; h = 1 } else print $c }'
}

# xfrm_stat NAME NS: a counter of /proc/net/xfrm_stat in netns NS.
xfrm_stat() {
	/bin/ip netns exec "$2" cat /proc/net/xfrm_stat |
		awk -v n="$1" '$1 == n { print $2; f = 1 } END { if (!f) exit 1 }'
}

# --- ESP in UDP ------------------------------------------------------------
#
# The receiver of ESP-in-UDP needs a UDP socket with UDP_ENCAP_ESPINUDP set
# on the port, as an IKE daemon holds on 4500: without one the kernel
# answers port unreachable. /usr/bin/udpencap (tests/vm/helpers/udpencap.c,
# built for the guest by the harness) holds one.

# udpencap_start NS [PORT]: hold an ESP-in-UDP socket on PORT (4500) in NS.
udpencap_start() {
	echo "+ [$1] udpencap ${2:-4500} &   (UDP_ENCAP_ESPINUDP socket)"
	/bin/ip netns exec "$1" /usr/bin/udpencap "${2:-4500}" &
	_pid=$!
	XM_UDPENCAP_PIDS="${XM_UDPENCAP_PIDS:-} $_pid"
	# Bound once the port shows in the netns' /proc/net/udp (hex, local
	# address column); a helper that exited is reported at once.
	_hex=$(printf ':%04X ' "${2:-4500}")
	_i=0
	while ! /bin/ip netns exec "$1" cat /proc/net/udp | grep -q "$_hex"; do
		kill -0 $_pid 2>/dev/null ||
			fail "udpencap in $1 exited (2 usage, 3 socket, 4 setsockopt, 5 bind)"
		_i=$((_i + 1))
		[ $_i -lt 100 ] || fail "udpencap in $1 did not bind port ${2:-4500} within 5 s"
		usleep 50000 2>/dev/null || sleep 1
	done
}

# udpencap_stop: end the sockets started by udpencap_start.
udpencap_stop() {
	for _p in ${XM_UDPENCAP_PIDS:-}; do
		kill "$_p" 2>/dev/null
	done
	XM_UDPENCAP_PIDS=
}
