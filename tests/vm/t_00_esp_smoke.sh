#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Smoke test of the test bed itself: real ESP traffic between two netns.
#
#   netns a                               netns b
#   a0 10.0.0.1 <------- veth -------> b0 10.0.0.2
#        SA 0x1000 a->b, SA 0x2000 b->a: tunnel mode,
#        rfc4106(gcm(aes)), reqid 1, policies for 10.0.0.1 <-> 10.0.0.2
#
# Pings both ways must get answers, and the SA counters must count them:
# the outbound SA's oseq on the sender and the packet counters on both sides.
. "$(dirname "$0")/lib.sh"

topo_up
sa_pair_esp 0x1000 0x2000 1

say "before any traffic every counter is 0"
for ns in a b; do
	for spi in 0x1000 0x2000; do
		n=$(xfrm_counter $ns $spi packets) ||
			fail "no packets counter for SA $spi in netns $ns"
		[ "$n" -eq 0 ] || fail "netns $ns SA $spi has $n packets before traffic"
	done
done

say "a pings b through the SAs"
ping_must a 10.0.0.2 3
say "b pings a through the SAs"
ping_must b 10.0.0.1 3

oseq_a=$(xfrm_counter a 0x1000 oseq) ||
	fail "no oseq counter for SA 0x1000 in netns a"
oseq_b=$(xfrm_counter b 0x2000 oseq) ||
	fail "no oseq counter for SA 0x2000 in netns b"
say "oseq: a->b $oseq_a, b->a $oseq_b (want >= 6: 3 requests + 3 replies)"
[ "$oseq_a" -ge 6 ] || fail "outbound SA 0x1000 in a has oseq $oseq_a, want >= 6"
[ "$oseq_b" -ge 6 ] || fail "outbound SA 0x2000 in b has oseq $oseq_b, want >= 6"

for ns in a b; do
	for spi in 0x1000 0x2000; do
		n=$(xfrm_counter $ns $spi packets) ||
			fail "no packets counter for SA $spi in netns $ns"
		say "netns $ns SA $spi: $n packets"
		[ "$n" -ge 6 ] || fail "netns $ns SA $spi counted $n packets, want >= 6"
	done
done

seq_b=$(xfrm_counter b 0x1000 seq) ||
	fail "no seq counter for SA 0x1000 in netns b"
[ "$seq_b" -eq "$oseq_a" ] ||
	fail "b received up to seq $seq_b on SA 0x1000 but a sent $oseq_a"

pass "ESP ping both ways, counters a->b $oseq_a, b->a $oseq_b"
