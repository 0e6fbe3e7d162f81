#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# New IPv6 outer addresses, same family (t_10 for IPv6): a tunnel-mode ESP
# pair over IPv6 carrying inner IPv4 traffic moves from fd00::x to
# fd00:1::x; SPI, keys and sequence numbers are kept.
#
#   netns a                                       netns b
#   lo 192.168.1.1                                lo 192.168.2.1
#   a0 fd00::1    --- veth --- fd00::2    b0      (before)
#   a0 fd00:1::1  --- veth --- fd00:1::2  b0      (after; fd00::x removed)
#   SA 0x1000 a->b, SA 0x2000 b->a, reqid 1, selector 0.0.0.0/0
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"

mig_topo_up
esp_pair fd00::1 fd00::2 0x1000 0x2000 1 sel src 0.0.0.0/0 dst 0.0.0.0/0
tun_policies fd00::1 fd00::2 1
traffic_both 2
keys=$(sa_keyline a 0x1000)
o=$(sa_get a 0x1000 oseq) || fail "no oseq"

migrate_both dst fd00::2 proto esp spi 0x1000 new-src fd00:1::1 new-dst fd00:1::2
migrate_both dst fd00::1 proto esp spi 0x2000 new-src fd00:1::2 new-dst fd00:1::1
addr_move fd00::1/64 fd00::2/64
tun_policies fd00:1::1 fd00:1::2 1
for ns in a b; do
	sa_show $ns 0x1000
	sa_expect $ns 0x1000 '^src fd00:1::1 dst fd00:1::2$' "new addresses fd00:1::1 -> fd00:1::2"
	sa_expect $ns 0x2000 '^src fd00:1::2 dst fd00:1::1$' "new addresses fd00:1::2 -> fd00:1::1"
	for spi in 0x1000 0x2000; do
		[ "$(sa_count $ns $spi)" -eq 1 ] || fail "netns $ns: not exactly one SA $spi"
	done
done
[ "$(sa_keyline a 0x1000)" = "$keys" ] || fail "SA 0x1000 changed keys"
traffic_both 3
o2=$(sa_get a 0x1000 oseq) || fail "no oseq"
[ "$o2" -eq $((o + 6)) ] || fail "SA 0x1000 oseq $o before, $o2 after 6 more packets"
pass "IPv6 outer addresses moved fd00:: -> fd00:1::, keys and oseq ($o -> $o2) kept, ESP both ways"
