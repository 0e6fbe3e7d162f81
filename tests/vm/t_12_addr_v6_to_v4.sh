#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Outer address family change IPv6 -> IPv4 (the way back of t_11): a
# tunnel-mode ESP pair over IPv6 carrying inner IPv4 traffic moves to IPv4
# outer addresses and keeps its SPI, keys and IPv4 selector.
#
#   netns a                                       netns b
#   lo 192.168.1.1                                lo 192.168.2.1
#   a0 fd00::1     --- veth --- fd00::2     b0    (before)
#   a0 10.0.1.1    --- veth --- 10.0.1.2    b0    (after; fd00::x removed)
#   SA 0x1000 a->b, SA 0x2000 b->a, reqid 1, selector 0.0.0.0/0 (IPv4)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"

mig_topo_up
nsmust a ip addr del 10.0.0.1/24 dev a0
nsmust b ip addr del 10.0.0.2/24 dev b0
esp_pair fd00::1 fd00::2 0x1000 0x2000 1 sel src 0.0.0.0/0 dst 0.0.0.0/0
tun_policies fd00::1 fd00::2 1
say "inner IPv4 over outer IPv6"
traffic_both 2
keys=$(sa_keyline b 0x2000)

say "migrate to outer IPv4"
migrate_both dst fd00::2 proto esp spi 0x1000 new-src 10.0.1.1 new-dst 10.0.1.2
migrate_both dst fd00::1 proto esp spi 0x2000 new-src 10.0.1.2 new-dst 10.0.1.1
addr_move fd00::1/64 fd00::2/64
tun_policies 10.0.1.1 10.0.1.2 1

for ns in a b; do
	sa_show $ns 0x2000
	sa_expect $ns 0x1000 '^src 10\.0\.1\.1 dst 10\.0\.1\.2$' "outer IPv4 10.0.1.1 -> 10.0.1.2"
	sa_expect $ns 0x2000 '^src 10\.0\.1\.2 dst 10\.0\.1\.1$' "outer IPv4 10.0.1.2 -> 10.0.1.1"
	for spi in 0x1000 0x2000; do
		sa_expect $ns $spi 'sel src 0\.0\.0\.0/0 dst 0\.0\.0\.0/0' "selector still IPv4 0/0"
		[ "$(sa_count $ns $spi)" -eq 1 ] || fail "netns $ns: not exactly one SA $spi"
	done
done
[ "$(sa_keyline b 0x2000)" = "$keys" ] || fail "SA 0x2000 changed keys"

say "inner IPv4 over outer IPv4, both ways"
traffic_both 3
n=$(sa_get a 0x2000 packets) || fail "no counters on SA 0x2000 in a"
[ "$n" -ge 5 ] || fail "SA 0x2000 in a counted $n packets, want >= 5"
pass "tunnel moved from IPv6 back to IPv4 outer, ESP both ways"
