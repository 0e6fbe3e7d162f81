# SPDX-License-Identifier: GPL-2.0
#
# Helpers of the algorithm tests (t_30..t_36): one tunnel-mode SA pair per
# algorithm suite an IKE daemon negotiates, traffic before and after a
# migration to new outer addresses and a new reqid, and the peers' error
# counters. Source after lib.sh and lib-migrate.sh. The tests end with
# pass "...${XA_NOTE:-}": it says when suites were left out.
#
#   netns a                                       netns b
#   lo 192.168.1.1                                lo 192.168.2.1
#   a0 10.0.0.1 -> 10.0.1.1  --- veth ---  10.0.0.2 -> 10.0.1.2 b0
#   SA 0x1000 a->b, SA 0x2000 b->a, reqid 1 -> 2

XA_KEY16=0x0102030405060708090a0b0c0d0e0f10
XA_KEY20=0x0102030405060708090a0b0c0d0e0f1011121314
XA_KEY24=0x0102030405060708090a0b0c0d0e0f101112131415161718
XA_KEY19=0x0102030405060708090a0b0c0d0e0f10111213
XA_KEY36=0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021222324
XA_AUTH20=0x4142434445464748494a4b4c4d4e4f5051525354
XA_AUTH32=$XM_AUTH_AB
XA_AUTH64=0x4142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f80

# xfrm_errors NS: every non-zero counter of /proc/net/xfrm_stat of NS,
# "Name=value" a line (nothing when all are zero).
xfrm_errors() {
	/bin/ip netns exec "$1" cat /proc/net/xfrm_stat | awk '$2 != 0 { print $1 "=" $2 }'
}

# expect_no_xfrm_errors WHEN: both peers' counters are all zero.
expect_no_xfrm_errors() {
	for _n in a b; do
		_e=$(xfrm_errors $_n)
		[ -z "$_e" ] || fail "$1: netns $_n counts xfrm errors: $(echo $_e)"
	done
	echo "ok: $1: no xfrm error counted in a or b"
}

# alg_case NAME PROTO EXPECT ARGS...: SA pair 0x1000/0x2000 of PROTO with
# the state arguments ARGS (algorithms, flags), traffic both ways, then
# both SAs migrated (new addresses, reqid 2) in both peers, traffic again
# over the migrated SAs with no error counted.
# EXPECT "ok", or "native-geniv" for a suite that upstream's clone breaks
# (it drops the IV generator of enc+auth SAs): on the native kernel the
# test then asserts that traffic fails after the migration, with the
# receiver counting XfrmInStateProtoError (README: "Upstream bugs this
# module does not have").
alg_case() {
	_name=$1 _proto=$2 _expect=$3
	shift 3
	# The debug kernel runs the first suite of each test only: the module
	# takes the same path for every suite of a family, and a suite costs
	# 30 s there (lockdep, KASAN). The stock kernels run them all.
	if is_debug_kernel && [ -n "${XA_DONE:-}" ]; then
		say "=== $_name: not run on the debug kernel (first suite only)"
		XA_NOTE=" (debug kernel: first suite only)"
		return 0
	fi
	XA_DONE=1
	say "=== $_name"
	mig_topo_up
	sa_add 10.0.0.1 10.0.0.2 "$_proto" 0x1000 1 tunnel "$@"
	sa_add 10.0.0.2 10.0.0.1 "$_proto" 0x2000 1 tunnel "$@"
	tun_policies 10.0.0.1 10.0.0.2 1 "$_proto"
	traffic_both 2
	expect_no_xfrm_errors "$_name before the migration"
	_keys=$(sa_keyline a 0x1000)
	_p0=$(sa_get b 0x1000 packets) || fail "$_name: no SA 0x1000 in b"

	migrate_both dst 10.0.0.2 proto "$_proto" spi 0x1000 \
		new-src 10.0.1.1 new-dst 10.0.1.2 new-reqid 2
	migrate_both dst 10.0.0.1 proto "$_proto" spi 0x2000 \
		new-src 10.0.1.2 new-dst 10.0.1.1 new-reqid 2
	addr_move 10.0.0.1/24 10.0.0.2/24
	tun_policies 10.0.1.1 10.0.1.2 2 "$_proto"
	sa_expect b 0x1000 '^src 10\.0\.1\.1 dst 10\.0\.1\.2$' "$_name: new addresses"
	[ "$(sa_keyline a 0x1000)" = "$_keys" ] || fail "$_name: SA 0x1000 changed its algorithms or keys"

	if [ "$_expect" = native-geniv ] && ! is_module_backend; then
		echo "+ [a] ping -c 2 -W 1 -q $XM_IB   (must fail: upstream bug)"
		if /bin/ip netns exec a ping -c 2 -W 1 -q $XM_IB; then
			fail "$_name: native kernel carries traffic after the migration: upstream fixed the geniv bug? update README and this test"
		fi
		_pe=$(xfrm_stat XfrmInStateProtoError b)
		[ "${_pe:-0}" -gt 0 ] || fail "$_name: native: traffic lost but no XfrmInStateProtoError in b"
		say "$_name: native kernel: upstream's geniv bug reproduced (XfrmInStateProtoError=$_pe in b)"
		topo_down
		return 0
	fi
	traffic_both 3
	expect_no_xfrm_errors "$_name after the migration"
	_p1=$(sa_get b 0x1000 packets) || fail "$_name: no SA 0x1000 in b after the migration"
	[ "$_p1" -ge $((_p0 + 3)) ] ||
		fail "$_name: SA 0x1000 in b counted $_p0 -> $_p1 packets, want +3"
	echo "ok: $_name: traffic over the migrated SAs ($_p0 -> $_p1 packets on 0x1000 in b)"
	topo_down
}
