#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# AH SAs (hmac(sha256), 128-bit ICV, tunnel mode) migrated to new outer
# addresses: same SPI and key, and AH (which authenticates the outer
# header, addresses included) verifies on the new addresses both ways.
#
#   netns a                                       netns b
#   lo 192.168.1.1                                lo 192.168.2.1
#   a0 10.0.0.1 -> 10.0.1.1  --- veth ---  10.0.0.2 -> 10.0.1.2 b0
#   SA ah 0x1100 a->b, SA ah 0x2100 b->a, reqid 1
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"

mig_topo_up
sa_add 10.0.0.1 10.0.0.2 ah 0x1100 1 tunnel auth-trunc 'hmac(sha256)' $XM_AUTH_AB 128
sa_add 10.0.0.2 10.0.0.1 ah 0x2100 1 tunnel auth-trunc 'hmac(sha256)' $XM_AUTH_BA 128
tun_policies 10.0.0.1 10.0.0.2 1 ah
traffic_both 2
keys=$(sa_keyline a 0x1100)
[ -n "$keys" ] || fail "no auth line on SA 0x1100"

migrate_both dst 10.0.0.2 proto ah spi 0x1100 new-src 10.0.1.1 new-dst 10.0.1.2
migrate_both dst 10.0.0.1 proto ah spi 0x2100 new-src 10.0.1.2 new-dst 10.0.1.1
addr_move 10.0.0.1/24 10.0.0.2/24
tun_policies 10.0.1.1 10.0.1.2 1 ah
for ns in a b; do
	sa_show $ns 0x1100
	sa_expect $ns 0x1100 '^src 10\.0\.1\.1 dst 10\.0\.1\.2$' "new addresses"
	sa_expect $ns 0x2100 '^src 10\.0\.1\.2 dst 10\.0\.1\.1$' "new addresses"
	sa_expect $ns 0x1100 'proto ah spi 0x00001100' "still AH"
done
[ "$(sa_keyline a 0x1100)" = "$keys" ] || fail "SA 0x1100 changed its key"
fa=$(xfrm_stat XfrmInStateProtoError a) fb=$(xfrm_stat XfrmInStateProtoError b)
traffic_both 3
[ "$(xfrm_stat XfrmInStateProtoError a)" -eq "$fa" ] &&
	[ "$(xfrm_stat XfrmInStateProtoError b)" -eq "$fb" ] || fail "AH verification errors"
n=$(sa_get b 0x1100 packets) || fail "no counters"
[ "$n" -ge 5 ] || fail "AH SA 0x1100 in b counted $n packets, want >= 5"
pass "AH hmac(sha256) SAs migrated, AH both ways on the new addresses"
