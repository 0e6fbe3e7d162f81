#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Sequence numbers continue across the migration: the outbound SA goes on
# from its old oseq (a restart at 1 would reuse sequence numbers, which
# the peer's replay window rejects and which breaks GCM nonce uniqueness),
# and the inbound SA keeps its replay window (highest seq and bitmap). Both
# SAs have replay-window 32, so the peer really checks.
#
#   netns a                                       netns b
#   lo 192.168.1.1                                lo 192.168.2.1
#   a0 10.0.0.1 -> 10.0.1.1  --- veth ---  10.0.0.2 -> 10.0.1.2 b0
#   SA 0x1000 a->b, SA 0x2000 b->a, replay-window 32
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"

mig_topo_up
esp_pair 10.0.0.1 10.0.0.2 0x1000 0x2000 1 replay-window 32
tun_policies 10.0.0.1 10.0.0.2 1

say "5 pings a -> b: 5 packets on each SA"
ping_all a $XM_IB 5
o1=$(sa_get a 0x1000 oseq) || fail "no oseq"
i1=$(sa_get b 0x1000 seq) || fail "no seq"
o2=$(sa_get b 0x2000 oseq) || fail "no oseq"
i2=$(sa_get a 0x2000 seq) || fail "no seq"
say "before: a->b oseq $o1 (b saw $i1), b->a oseq $o2 (a saw $i2)"
[ "$o1" -eq 5 ] && [ "$i1" -eq 5 ] && [ "$o2" -eq 5 ] && [ "$i2" -eq 5 ] ||
	fail "want 5 packets each way before the migration"
sa_show b 0x1000
sa_expect b 0x1000 'seq 0x5, oseq 0x0, bitmap 0x0000001f' "replay window holds 1..5"
err_a=$(xfrm_stat XfrmInStateSeqError a) err_b=$(xfrm_stat XfrmInStateSeqError b)

migrate_both dst 10.0.0.2 proto esp spi 0x1000 new-src 10.0.1.1 new-dst 10.0.1.2
migrate_both dst 10.0.0.1 proto esp spi 0x2000 new-src 10.0.1.2 new-dst 10.0.1.1
say "right after the migration the counters are the old ones"
sa_expect a 0x1000 'anti-replay context: seq 0x0, oseq 0x5,' "oseq still 5"
sa_expect b 0x1000 'seq 0x5, oseq 0x0, bitmap 0x0000001f' "replay window still 1..5"
sa_expect b 0x2000 'anti-replay context: seq 0x0, oseq 0x5,' "oseq still 5"
sa_expect a 0x2000 'seq 0x5, oseq 0x0, bitmap 0x0000001f' "replay window still 1..5"
addr_move 10.0.0.1/24 10.0.0.2/24
tun_policies 10.0.1.1 10.0.1.2 1

say "5 more pings: sequence numbers 6..10, accepted by the peer"
ping_all a $XM_IB 5
sa_show b 0x1000
for x in "a 0x1000 oseq" "b 0x1000 seq" "b 0x2000 oseq" "a 0x2000 seq"; do
	set -- $x
	n=$(sa_get $1 $2 $3) || fail "no $3 on $2 in $1"
	[ "$n" -eq 10 ] || fail "netns $1 SA $2 $3 is $n after 5 + 5 packets, want 10"
done
sa_expect b 0x1000 'seq 0xa, oseq 0x0, bitmap 0x000003ff' "window 1..10 all seen"
sa_expect a 0x2000 'seq 0xa, oseq 0x0, bitmap 0x000003ff' "window 1..10 all seen"
for ns in a b; do
	for spi in 0x1000 0x2000; do
		sa_expect $ns $spi 'replay-window 0 replay 0 failed 0' "stats: nothing outside the window, no replay, no failure"
	done
done
[ "$(xfrm_stat XfrmInStateSeqError a)" -eq "$err_a" ] &&
	[ "$(xfrm_stat XfrmInStateSeqError b)" -eq "$err_b" ] ||
	fail "XfrmInStateSeqError grew: the peer saw replayed sequence numbers"
pass "oseq 5 -> 10 across the migration, peer's replay window 1..10, no replay error"
