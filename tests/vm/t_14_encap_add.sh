#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# UDP encapsulation added (NAT-T switched on after a move, as MOBIKE does
# when it detects a NAT on the new path): plain ESP on 10.0.0.x becomes
# ESP-in-UDP 4500 <-> 4500 on 10.0.1.x. Each peer holds a UDP_ENCAP socket
# on 4500 (the IKE daemon's). Evidence the packets now travel in UDP: the
# SAs show the encap, and each peer's UDP InDatagrams grows by the ESP
# packets it receives (plain ESP never touches UDP counters).
#
#   netns a                                       netns b
#   lo 192.168.1.1                                lo 192.168.2.1
#   a0 10.0.0.1   --- ESP ---------------  10.0.0.2 b0   (before)
#   a0 10.0.1.1:4500 --- UDP(ESP) --- 10.0.1.2:4500 b0   (after)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"

mig_topo_up
esp_pair 10.0.0.1 10.0.0.2
tun_policies 10.0.0.1 10.0.0.2 1
udpencap_start a 4500
udpencap_start b 4500
say "plain ESP: UDP counters do not move"
ua=$(udp_in a) ub=$(udp_in b)
traffic_both 2
[ "$(udp_in a)" -eq "$ua" ] && [ "$(udp_in b)" -eq "$ub" ] ||
	fail "UDP InDatagrams moved during plain ESP traffic"
sa_expect_not a 0x1000 'encap' "no encap yet"

say "move to 10.0.1.x with ESP-in-UDP 4500/4500"
for spi_d in "0x1000 10.0.0.2 10.0.1.1 10.0.1.2" "0x2000 10.0.0.1 10.0.1.2 10.0.1.1"; do
	set -- $spi_d
	migrate_both dst $2 proto esp spi $1 new-src $3 new-dst $4 \
		encap espinudp 4500 4500 0.0.0.0
done
addr_move 10.0.0.1/24 10.0.0.2/24
tun_policies 10.0.1.1 10.0.1.2 1
for ns in a b; do
	for spi in 0x1000 0x2000; do
		sa_expect $ns $spi 'encap type espinudp sport 4500 dport 4500' "ESP-in-UDP 4500/4500"
	done
	sa_show $ns 0x1000
done

say "traffic in UDP, both ways"
ua=$(udp_in a) ub=$(udp_in b)
traffic_both 3
da=$(( $(udp_in a) - ua )) db=$(( $(udp_in b) - ub ))
say "UDP datagrams received: a $da, b $db (want >= 6 each: 3 requests + 3 replies)"
[ "$da" -ge 6 ] && [ "$db" -ge 6 ] || fail "ESP did not arrive in UDP: a got $da, b got $db datagrams"
udpencap_stop
pass "encap espinudp 4500/4500 added on the move; ESP-in-UDP both ways ($da/$db datagrams)"
