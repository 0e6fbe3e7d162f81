#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Two SA pairs that differ only by mark (same daddr, SPI, proto): mark 1
# and mark 2, as two route-based (VTI) connections of a daemon would have.
# The pair with mark 2 carries the traffic of vti1 (ikey/okey 2) and is
# migrated to 10.0.1.x, selected by "mark 2"; the pair with mark 1 must be
# left exactly as it was (addresses, counters).
#
#   netns a                                       netns b
#   lo 192.168.1.1                                lo 192.168.2.1
#   vti1 key 2: 10.0.0.1 -> 10.0.1.1   --- veth ---   vti1 key 2: 10.0.0.2 -> 10.0.1.2
#   SA 0x1000 a->b and 0x2000 b->a, each twice: mark 1 and mark 2
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"

mig_topo_up
for m in 1 2; do
	esp_pair 10.0.0.1 10.0.0.2 0x1000 0x2000 1 mark $m
done
[ "$(sa_count a 0x1000)" -eq 2 ] || fail "want two SAs 0x1000 (mark 1, mark 2) in a"

# vti1 in each netns: okey 2 marks the flow for the policy and SA lookup
# on output, ikey 2 is the mark of the SA lookup on input.
nsmust a ip link add vti1 type vti local 10.0.0.1 remote 10.0.0.2 ikey 2 okey 2
nsmust b ip link add vti1 type vti local 10.0.0.2 remote 10.0.0.1 ikey 2 okey 2
for ns in a b; do
	nsmust $ns ip link set vti1 up
	nsmust $ns sysctl -qw net.ipv4.conf.vti1.disable_policy=1
done
nsmust a ip route replace $XM_IB/32 dev vti1 src $XM_IA
nsmust b ip route replace $XM_IA/32 dev vti1 src $XM_IB
tun_policies 10.0.0.1 10.0.0.2 1 esp mark 2
traffic_both 2
p1=$(sa_get b 0x1000 packets 'mark 0x1/') || fail "no SA 0x1000 mark 1 in b"
p2=$(sa_get b 0x1000 packets 'mark 0x2/') || fail "no SA 0x1000 mark 2 in b"
say "SA 0x1000 in b: mark 1 $p1 packets, mark 2 $p2 packets"
[ "$p1" -eq 0 ] && [ "$p2" -ge 4 ] || fail "traffic did not go through the mark 2 SAs only"
before1=$(sa_text a 0x1000 'mark 0x1/' | grep -v -e lastused -e 'add 20')

say "migrate the mark 2 SAs, selected by mark"
migrate_both dst 10.0.0.2 proto esp spi 0x1000 mark 2 new-src 10.0.1.1 new-dst 10.0.1.2
migrate_both dst 10.0.0.1 proto esp spi 0x2000 mark 2 new-src 10.0.1.2 new-dst 10.0.1.1
addr_move 10.0.0.1/24 10.0.0.2/24
nsmust a ip link set vti1 type vti local 10.0.1.1 remote 10.0.1.2
nsmust b ip link set vti1 type vti local 10.0.1.2 remote 10.0.1.1
tun_policies 10.0.1.1 10.0.1.2 1 esp mark 2

for ns in a b; do
	sa_show $ns 0x1000
	[ "$(sa_count $ns 0x1000)" -eq 2 ] || fail "netns $ns: want still two SAs 0x1000"
	sa_expect $ns 0x1000 '^src 10\.0\.1\.1 dst 10\.0\.1\.2$' "mark 2 SA moved" 'mark 0x2/'
	sa_expect $ns 0x2000 '^src 10\.0\.1\.2 dst 10\.0\.1\.1$' "mark 2 SA moved" 'mark 0x2/'
	sa_expect $ns 0x1000 '^src 10\.0\.0\.1 dst 10\.0\.0\.2$' "mark 1 SA untouched" 'mark 0x1/'
	sa_expect $ns 0x2000 '^src 10\.0\.0\.2 dst 10\.0\.0\.1$' "mark 1 SA untouched" 'mark 0x1/'
done
after1=$(sa_text a 0x1000 'mark 0x1/' | grep -v -e lastused -e 'add 20')
[ "$after1" = "$before1" ] || {
	echo "$before1"; echo "---"; echo "$after1"
	fail "the mark 1 SA 0x1000 in a changed"
}

say "traffic through vti1 on the new addresses"
traffic_both 3
p1=$(sa_get b 0x1000 packets 'mark 0x1/') || fail "no SA 0x1000 mark 1 in b"
p2=$(sa_get b 0x1000 packets 'mark 0x2/') || fail "no SA 0x1000 mark 2 in b"
say "SA 0x1000 in b: mark 1 $p1 packets, mark 2 $p2 packets"
[ "$p1" -eq 0 ] && [ "$p2" -ge 7 ] || fail "after the move: mark 1 $p1, mark 2 $p2 packets (want 0, >= 7)"
pass "the SA selected by mark 2 moved and carries the traffic; its mark 1 twin untouched"
