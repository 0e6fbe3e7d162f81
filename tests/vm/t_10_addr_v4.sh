#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# MOBIKE-style move to new IPv4 outer addresses (same family), tunnel-mode
# ESP with rfc4106(gcm(aes)): the SAs keep SPI, keys and sequence numbers,
# take the new addresses, and ESP traffic flows both ways on them.
#
#   netns a                                       netns b
#   lo 192.168.1.1                                lo 192.168.2.1
#   a0 10.0.0.1  --- veth --- 10.0.0.2 b0        (before)
#   a0 10.0.1.1  --- veth --- 10.0.1.2 b0        (after; 10.0.0.x removed)
#   SA 0x1000 a->b, SA 0x2000 b->a, reqid 1, both SAs in both netns
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"

mig_topo_up
esp_pair 10.0.0.1 10.0.0.2
tun_policies 10.0.0.1 10.0.0.2 1

say "traffic on the old addresses"
traffic_both 2
keys_a1=$(sa_keyline a 0x1000)
keys_b2=$(sa_keyline b 0x2000)
sa_show a 0x1000
oseq_old=$(sa_get a 0x1000 oseq) || fail "no oseq for SA 0x1000 in a"

say "migrate both SAs in both peers to 10.0.1.x"
migrate_both dst 10.0.0.2 proto esp spi 0x1000 new-src 10.0.1.1 new-dst 10.0.1.2
migrate_both dst 10.0.0.1 proto esp spi 0x2000 new-src 10.0.1.2 new-dst 10.0.1.1
addr_move 10.0.0.1/24 10.0.0.2/24
tun_policies 10.0.1.1 10.0.1.2 1

for ns in a b; do
	sa_show $ns 0x1000
	[ "$(sa_count $ns 0x1000)" -eq 1 ] || fail "netns $ns: not exactly one SA 0x1000"
	[ "$(sa_count $ns 0x2000)" -eq 1 ] || fail "netns $ns: not exactly one SA 0x2000"
	sa_expect $ns 0x1000 '^src 10\.0\.1\.1 dst 10\.0\.1\.2$' "new addresses 10.0.1.1 -> 10.0.1.2"
	sa_expect $ns 0x2000 '^src 10\.0\.1\.2 dst 10\.0\.1\.1$' "new addresses 10.0.1.2 -> 10.0.1.1"
	sa_expect $ns 0x1000 'proto esp spi 0x00001000\(4096\) reqid 1\(0x00000001\) mode tunnel' "same SPI, reqid, mode"
done
[ "$(sa_keyline a 0x1000)" = "$keys_a1" ] || fail "SA 0x1000 in a changed keys: '$keys_a1' -> '$(sa_keyline a 0x1000)'"
[ "$(sa_keyline b 0x2000)" = "$keys_b2" ] || fail "SA 0x2000 in b changed keys"
echo "ok: keys unchanged: $keys_a1"

say "traffic on the new addresses, both ways"
traffic_both 3
oseq_new=$(sa_get a 0x1000 oseq) || fail "no oseq for SA 0x1000 in a"
[ "$oseq_new" -eq $((oseq_old + 6)) ] ||
	fail "SA 0x1000 oseq $oseq_old before, $oseq_new after 6 more packets"
pass "SAs moved to 10.0.1.x with their keys; ESP both ways on the new addresses (oseq $oseq_old -> $oseq_new)"
