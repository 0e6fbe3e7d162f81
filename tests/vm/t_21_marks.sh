#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Mark and set-mark (output-mark) changed by the migration, each shown by
# "ip xfrm state" and each doing its job for the traffic afterwards:
#  - new-mark 3 (was 2): vti1 moves to ikey/okey 3, so only SAs with mark 3
#    are found on output and on input;
#  - set-mark 0x10: the new outer addresses are routed only for packets
#    with fwmark 0x10 (rule "fwmark 0x10 lookup 100", addresses without
#    prefix route), so the ESP packets leave only if the SA marks them.
#    In a set-mark without mask (the mask becomes 0xffffffff), in b with
#    mask 0xff.
#
#   netns a                                       netns b
#   lo 192.168.1.1  vti1 (key 2 -> 3)             lo 192.168.2.1  vti1 (key 2 -> 3)
#   a0 10.0.0.1 -> 10.0.1.1  --- veth ---  10.0.0.2 -> 10.0.1.2 b0
#   SA 0x1000 a->b, SA 0x2000 b->a: mark 2 -> 3, output-mark none -> 0x10
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"

mig_topo_up
esp_pair 10.0.0.1 10.0.0.2 0x1000 0x2000 1 mark 2
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
sa_expect_not a 0x1000 'output-mark' "no output-mark yet"

say "the new outer addresses are routed for fwmark 0x10 only"
nsmust a ip addr del 10.0.1.1/24 dev a0
nsmust a ip addr add 10.0.1.1/24 dev a0 noprefixroute
nsmust b ip addr del 10.0.1.2/24 dev b0
nsmust b ip addr add 10.0.1.2/24 dev b0 noprefixroute
nsmust a ip route add 10.0.1.0/24 dev a0 src 10.0.1.1 table 100
nsmust b ip route add 10.0.1.0/24 dev b0 src 10.0.1.2 table 100
for ns in a b; do
	nsmust $ns ip rule add fwmark 0x10 lookup 100
done
nsrun a ip route get 10.0.1.2 && fail "10.0.1.2 is routed without the mark"
nsmust a ip route get 10.0.1.2 mark 0x10

say "migrate: new addresses, mark 2 -> 3, set-mark 0x10"
for spi_d in "0x1000 10.0.0.2 10.0.1.1 10.0.1.2" "0x2000 10.0.0.1 10.0.1.2 10.0.1.1"; do
	set -- $spi_d
	migrate a dst $2 proto esp spi $1 mark 2 new-src $3 new-dst $4 new-mark 3 set-mark 0x10
	migrate b dst $2 proto esp spi $1 mark 2 new-src $3 new-dst $4 new-mark 3 set-mark 0x10 mask 0xff
done
addr_move 10.0.0.1/24 10.0.0.2/24
for ns in a b; do
	nsmust $ns ip xfrm policy flush
done
nsmust a ip link set vti1 type vti local 10.0.1.1 remote 10.0.1.2 ikey 3 okey 3
nsmust b ip link set vti1 type vti local 10.0.1.2 remote 10.0.1.1 ikey 3 okey 3
tun_policies 10.0.1.1 10.0.1.2 1 esp mark 3

for spi in 0x1000 0x2000; do
	sa_show a $spi
	sa_show b $spi
	for ns in a b; do
		sa_expect $ns $spi '^[[:space:]]*mark 0x3/0xffffffff' "mark 3"
		[ "$(sa_count $ns $spi)" -eq 1 ] || fail "netns $ns: not exactly one SA $spi"
	done
	sa_expect a $spi 'output-mark 0x10/0xffffffff' "set-mark 0x10, no mask given: mask 0xffffffff"
	sa_expect b $spi 'output-mark 0x10/0xff$' "set-mark 0x10 mask 0xff"
done

say "traffic: found by mark 3, routed by output-mark 0x10"
traffic_both 3
n=$(sa_get b 0x1000 packets) || fail "no counters"
[ "$n" -ge 7 ] || fail "SA 0x1000 in b counted $n packets, want >= 7"
pass "mark 2 -> 3 and output-mark 0x10 (masks 0xffffffff and 0xff) in effect, ESP both ways"
