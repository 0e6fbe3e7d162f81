#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# An ESN SA (flag esn, replay-window 128) keeps its 64-bit sequence state:
# the SAs start at sequence 0xfffffff8, 4 packets go before the migration,
# and the next ones cross 2^32 after it: the high half (oseq-hi / seq-hi)
# must become 1 on both sides, and the peer must accept the packets.
#
#   netns a                                       netns b
#   lo 192.168.1.1                                lo 192.168.2.1
#   a0 10.0.0.1 -> 10.0.1.1  --- veth ---  10.0.0.2 -> 10.0.1.2 b0
#   SA 0x1000 a->b, SA 0x2000 b->a: esn, replay-window 128, start 0xfffffff8
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"

mig_topo_up
esp_pair 10.0.0.1 10.0.0.2 0x1000 0x2000 1 flag esn replay-window 128 \
	replay-seq 0xfffffff8 replay-oseq 0xfffffff8
tun_policies 10.0.0.1 10.0.0.2 1
ping_all a $XM_IB 4
sa_show a 0x1000
sa_expect a 0x1000 'oseq-hi 0x0, oseq 0xfffffffc' "4 packets sent from 0xfffffff8"
sa_expect b 0x1000 'seq-hi 0x0, seq 0xfffffffc' "b saw up to 0xfffffffc"
err_b=$(xfrm_stat XfrmInStateSeqError b)

migrate_both dst 10.0.0.2 proto esp spi 0x1000 new-src 10.0.1.1 new-dst 10.0.1.2
migrate_both dst 10.0.0.1 proto esp spi 0x2000 new-src 10.0.1.2 new-dst 10.0.1.1
addr_move 10.0.0.1/24 10.0.0.2/24
tun_policies 10.0.1.1 10.0.1.2 1
for ns in a b; do
	for spi in 0x1000 0x2000; do
		sa_expect $ns $spi 'flag .*esn' "still ESN"
		sa_expect $ns $spi 'replay_window 128' "replay window 128"
	done
done
sa_expect a 0x1000 'oseq-hi 0x0, oseq 0xfffffffc' "oseq kept"
sa_expect b 0x1000 'seq-hi 0x0, seq 0xfffffffc' "replay state kept"

say "6 more pings: 0xfffffffd .. 0x1_00000002, across 2^32"
ping_all a $XM_IB 6
sa_show b 0x1000
sa_expect a 0x1000 'oseq-hi 0x1, oseq 0x2' "a->b went past 2^32"
sa_expect b 0x1000 'seq-hi 0x1, seq 0x2' "b accepted up to 0x1_00000002"
sa_expect b 0x2000 'oseq-hi 0x1, oseq 0x2' "b->a went past 2^32"
sa_expect a 0x2000 'seq-hi 0x1, seq 0x2' "a accepted up to 0x1_00000002"
[ "$(xfrm_stat XfrmInStateSeqError b)" -eq "$err_b" ] || fail "XfrmInStateSeqError grew in b"
traffic_both 2
pass "ESN SAs migrated; sequence numbers crossed 2^32 afterwards on both sides"
