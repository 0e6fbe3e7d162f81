#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Outer address family change IPv4 -> IPv6 of a tunnel-mode ESP pair that
# carries inner IPv4 traffic (a gateway moving onto an IPv6-only network).
# The SAs keep SPI, keys and their IPv4 selector (the CLI pre-fills the
# selector from the SA: the native message does not inherit it).
#
#   netns a                                       netns b
#   lo 192.168.1.1                                lo 192.168.2.1
#   a0 10.0.0.1    --- veth --- 10.0.0.2    b0    (before)
#   a0 fd00:1::1   --- veth --- fd00:1::2   b0    (after; no IPv4 on a0, b0)
#   SA 0x1000 a->b, SA 0x2000 b->a, reqid 1
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"

mig_topo_up
esp_pair 10.0.0.1 10.0.0.2
tun_policies 10.0.0.1 10.0.0.2 1
say "inner IPv4 over outer IPv4"
traffic_both 2
keys=$(sa_keyline a 0x1000)

say "migrate to outer IPv6"
migrate_both dst 10.0.0.2 proto esp spi 0x1000 new-src fd00:1::1 new-dst fd00:1::2
migrate_both dst 10.0.0.1 proto esp spi 0x2000 new-src fd00:1::2 new-dst fd00:1::1
addr_move 10.0.0.1/24 10.0.0.2/24
nsmust a ip addr del 10.0.1.1/24 dev a0
nsmust b ip addr del 10.0.1.2/24 dev b0
# With its last IPv4 address gone a0 loses its IPv4 routes: the daemon
# puts back the route of the inner (virtual IP) traffic.
nsmust a ip route replace $XM_IB/32 dev a0 src $XM_IA
nsmust b ip route replace $XM_IA/32 dev b0 src $XM_IB
tun_policies fd00:1::1 fd00:1::2 1

for ns in a b; do
	sa_show $ns 0x1000
	sa_expect $ns 0x1000 '^src fd00:1::1 dst fd00:1::2$' "outer IPv6 fd00:1::1 -> fd00:1::2"
	sa_expect $ns 0x2000 '^src fd00:1::2 dst fd00:1::1$' "outer IPv6 fd00:1::2 -> fd00:1::1"
	for spi in 0x1000 0x2000; do
		sa_expect $ns $spi 'sel src 0\.0\.0\.0/0 dst 0\.0\.0\.0/0' "selector still IPv4"
		sa_expect $ns $spi 'mode tunnel' "tunnel mode"
	done
done
[ "$(sa_keyline a 0x1000)" = "$keys" ] || fail "SA 0x1000 changed keys"
[ -z "$(/bin/ip -n a -4 addr show dev a0)" ] || fail "a0 still has IPv4 addresses"

say "inner IPv4 over outer IPv6, both ways"
traffic_both 3
n=$(sa_get b 0x1000 packets) || fail "no counters on SA 0x1000 in b"
[ "$n" -ge 5 ] || fail "SA 0x1000 in b counted $n packets, want >= 5 (2 before + 3 after)"
pass "tunnel moved from IPv4 to IPv6 outer, inner IPv4 ESP both ways"
