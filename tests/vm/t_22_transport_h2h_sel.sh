#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Transport mode, same-family address change with the selector updated by
# UPDATE_H2H_SEL ("h2h-sel"): the SAs' single-host selectors 10.0.0.1 <->
# 10.0.0.2 become 10.0.1.1 <-> 10.0.1.2 together with the addresses. The
# inbound selector check of the new SA (the traffic must match the SA's
# selector) only passes with the updated selector.
#
#   netns a                                       netns b
#   a0 10.0.0.1 -> 10.0.1.1  --- veth ---  10.0.0.2 -> 10.0.1.2 b0
#   SA 0x1000 a->b, SA 0x2000 b->a: transport mode, sel host <-> host
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"

# host_policies A B: transport policies for host A <-> host B.
host_policies() {
	_cmd=$1 _a=$2 _b=$3
	for p in "a out $_a $_b" "a in $_b $_a" "b out $_b $_a" "b in $_a $_b"; do
		set -- $p
		if [ "$_cmd" = add ]; then
			nsmust $1 ip xfrm policy add src $3/32 dst $4/32 dir $2 \
				tmpl src $3 dst $4 proto esp reqid 1 mode transport
		else
			nsmust $1 ip xfrm policy delete src $3/32 dst $4/32 dir $2
		fi
	done
}

topo_up
sa_add 10.0.0.1 10.0.0.2 esp 0x1000 1 transport \
	aead 'rfc4106(gcm(aes))' $XM_KEY_AB 128 sel src 10.0.0.1/32 dst 10.0.0.2/32
sa_add 10.0.0.2 10.0.0.1 esp 0x2000 1 transport \
	aead 'rfc4106(gcm(aes))' $XM_KEY_BA 128 sel src 10.0.0.2/32 dst 10.0.0.1/32
host_policies add 10.0.0.1 10.0.0.2
ping_all a 10.0.0.2 2
ping_all b 10.0.0.1 2

migrate_both dst 10.0.0.2 proto esp spi 0x1000 new-src 10.0.1.1 new-dst 10.0.1.2 h2h-sel
migrate_both dst 10.0.0.1 proto esp spi 0x2000 new-src 10.0.1.2 new-dst 10.0.1.1 h2h-sel
for ns in a b; do
	sa_show $ns 0x1000
	sa_expect $ns 0x1000 '^src 10\.0\.1\.1 dst 10\.0\.1\.2$' "new addresses"
	sa_expect $ns 0x1000 'sel src 10\.0\.1\.1/32 dst 10\.0\.1\.2/32' "selector 10.0.1.1 -> 10.0.1.2"
	sa_expect $ns 0x2000 'sel src 10\.0\.1\.2/32 dst 10\.0\.1\.1/32' "selector 10.0.1.2 -> 10.0.1.1"
	sa_expect $ns 0x1000 'mode transport' "transport mode"
done
host_policies delete 10.0.0.1 10.0.0.2
addr_move 10.0.0.1/24 10.0.0.2/24
host_policies add 10.0.1.1 10.0.1.2

mm=$(xfrm_stat XfrmInStateMismatch b)
ping_all a 10.0.1.2 3
ping_all b 10.0.1.1 3
[ "$(xfrm_stat XfrmInStateMismatch b)" -eq "$mm" ] || fail "XfrmInStateMismatch grew in b"
n=$(sa_get b 0x1000 packets) || fail "no counters"
[ "$n" -ge 10 ] || fail "SA 0x1000 in b counted $n packets, want >= 10"
pass "transport SAs and their host selectors moved to 10.0.1.x (h2h-sel), ESP both ways"
