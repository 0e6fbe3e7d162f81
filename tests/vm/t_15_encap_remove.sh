#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# UDP encapsulation removed ("encap none": the peer moved off the NAT):
# ESP-in-UDP 4500/4500 on 10.0.0.x becomes plain ESP on 10.0.1.x. The
# UDP_ENCAP sockets are closed before the traffic after the move, so an SA
# that still encapsulated could not deliver anything; UDP counters stay.
#
#   netns a                                       netns b
#   lo 192.168.1.1                                lo 192.168.2.1
#   a0 10.0.0.1:4500 --- UDP(ESP) --- 10.0.0.2:4500 b0   (before)
#   a0 10.0.1.1   --- ESP ---------------  10.0.1.2 b0   (after)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"

mig_topo_up
esp_pair 10.0.0.1 10.0.0.2 0x1000 0x2000 1 encap espinudp 4500 4500 0.0.0.0
tun_policies 10.0.0.1 10.0.0.2 1
udpencap_start a 4500
udpencap_start b 4500
say "ESP-in-UDP before"
ub=$(udp_in b)
traffic_both 2
[ $(( $(udp_in b) - ub )) -ge 4 ] || fail "no ESP-in-UDP arrived at b before the move"
sa_expect a 0x1000 'encap type espinudp sport 4500 dport 4500' "encap at start"

say "move to 10.0.1.x and drop the encapsulation"
migrate_both dst 10.0.0.2 proto esp spi 0x1000 new-src 10.0.1.1 new-dst 10.0.1.2 encap none
migrate_both dst 10.0.0.1 proto esp spi 0x2000 new-src 10.0.1.2 new-dst 10.0.1.1 encap none
udpencap_stop
addr_move 10.0.0.1/24 10.0.0.2/24
tun_policies 10.0.1.1 10.0.1.2 1
for ns in a b; do
	for spi in 0x1000 0x2000; do
		sa_expect_not $ns $spi 'encap' "no encap"
	done
	sa_show $ns 0x2000
done
sa_expect a 0x1000 '^src 10\.0\.1\.1 dst 10\.0\.1\.2$' "new addresses"

say "plain ESP both ways, no UDP"
ua=$(udp_in a) ub=$(udp_in b)
traffic_both 3
[ "$(udp_in a)" -eq "$ua" ] && [ "$(udp_in b)" -eq "$ub" ] ||
	fail "UDP datagrams arrived after encap removal: a $ua -> $(udp_in a), b $ub -> $(udp_in b)"
n=$(sa_get b 0x1000 packets) || fail "no counters"
[ "$n" -ge 5 ] || fail "SA 0x1000 in b counted $n packets, want >= 5"
pass "encap removed on the move; plain ESP both ways, no UDP datagram"
