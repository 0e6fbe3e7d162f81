#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# IPComp (deflate) tunnel-mode SAs migrated. Large pings of zero bytes
# compress, so they travel in the IPComp SAs (small packets would go out
# uncompressed through the kernel's IPIP helper state). The kernel attaches
# a fresh IPIP helper state for the new addresses on the migrated SA.
#
#   netns a                                       netns b
#   lo 192.168.1.1                                lo 192.168.2.1
#   a0 10.0.0.1 -> 10.0.1.1  --- veth ---  10.0.0.2 -> 10.0.1.2 b0
#   SA comp cpi 0x3001 a->b, cpi 0x3002 b->a, reqid 1; inbound policies
#   "level use" for comp (uncompressed packets may come as IPIP)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"

comp_policies() {
	_a=$1 _b=$2
	nsmust a ip xfrm policy update src $XM_IA/32 dst $XM_IB/32 dir out \
		tmpl src "$_a" dst "$_b" proto comp reqid 1 mode tunnel
	nsmust a ip xfrm policy update src $XM_IB/32 dst $XM_IA/32 dir in \
		tmpl src "$_b" dst "$_a" proto comp reqid 1 mode tunnel level use
	nsmust b ip xfrm policy update src $XM_IB/32 dst $XM_IA/32 dir out \
		tmpl src "$_b" dst "$_a" proto comp reqid 1 mode tunnel
	nsmust b ip xfrm policy update src $XM_IA/32 dst $XM_IB/32 dir in \
		tmpl src "$_a" dst "$_b" proto comp reqid 1 mode tunnel level use
}

mig_topo_up
sa_add 10.0.0.1 10.0.0.2 comp 0x3001 1 tunnel comp deflate
sa_add 10.0.0.2 10.0.0.1 comp 0x3002 1 tunnel comp deflate
comp_policies 10.0.0.1 10.0.0.2
traffic_both 2 1000
sa_show a 0x3001
n=$(sa_get b 0x3001 packets) || fail "no IPComp SA 0x3001 in b"
[ "$n" -ge 4 ] || fail "IPComp SA 0x3001 in b counted $n packets before the move, want >= 4"

migrate_both dst 10.0.0.2 proto comp spi 0x3001 new-src 10.0.1.1 new-dst 10.0.1.2
migrate_both dst 10.0.0.1 proto comp spi 0x3002 new-src 10.0.1.2 new-dst 10.0.1.1
addr_move 10.0.0.1/24 10.0.0.2/24
comp_policies 10.0.1.1 10.0.1.2
for ns in a b; do
	nsrun $ns ip xfrm state list
	sa_expect $ns 0x3001 '^src 10\.0\.1\.1 dst 10\.0\.1\.2$' "new addresses"
	sa_expect $ns 0x3002 '^src 10\.0\.1\.2 dst 10\.0\.1\.1$' "new addresses"
	sa_expect $ns 0x3001 'comp deflate' "still deflate"
done
# The IPIP helper of the new SA (spi = the outer source, proto 4).
/bin/ip -n b xfrm state list | grep -q '^src 10\.0\.1\.1 dst 10\.0\.1\.2$' ||
	fail "no state at all for 10.0.1.1 -> 10.0.1.2 in b"
/bin/ip -n b xfrm state list | grep -A1 '^src 10\.0\.1\.1 dst 10\.0\.1\.2$' | grep -q 'proto 4 ' ||
	fail "no IPIP helper state for the new addresses in b"
echo "ok: IPIP helper state for 10.0.1.1 -> 10.0.1.2 in b"

p1=$(sa_get b 0x3001 packets) p2=$(sa_get a 0x3002 packets)
traffic_both 3 1000
q1=$(sa_get b 0x3001 packets) q2=$(sa_get a 0x3002 packets)
say "IPComp SA 0x3001 in b: $p1 -> $q1 packets; 0x3002 in a: $p2 -> $q2"
[ "$q1" -ge $((p1 + 6)) ] && [ "$q2" -ge $((p2 + 6)) ] ||
	fail "the compressed packets did not go through the migrated IPComp SAs"
for ns in a b; do
	/bin/ip -n $ns xfrm state list | grep -q '^src 10\.0\.0\.' &&
		{ nsrun $ns ip xfrm state list; fail "netns $ns: a state (IPIP helper?) is left on the old addresses"; }
done
echo "ok: no state left on the old addresses (the old IPIP helpers went with the old SAs)"
pass "IPComp deflate SAs migrated; compressed traffic both ways on the new addresses"
