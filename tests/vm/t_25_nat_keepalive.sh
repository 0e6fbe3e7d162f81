#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# NAT keepalive set by the migration (nat-keepalive 1 together with encap
# espinudp 4500/4500 on a move to 10.0.1.x), where the kernel has NAT
# keepalive (6.10+: Debian 6.12, 7.x). It is for output SAs only, so a's
# SA 0x1000 is created with XFRMA_SA_DIR out (xms-raw --newsa: the
# guest's iproute2 6.1 has no "dir"; same key as the other SAs). Evidence:
# while the tunnel is idle, b's UDP socket on 4500 receives the 1-byte
# keepalives (UDP InDatagrams grows); then ESP-in-UDP traffic both ways.
# Kernels without NAT keepalive (5.10, 6.1): the module does not accept
# the attribute (GET_INFO has no nat-keepalive capability) and refuses it
# like any other unsupported attribute, SA unchanged; the same move
# without it then works.
#
#   netns a                                       netns b
#   lo 192.168.1.1                                lo 192.168.2.1
#   a0 10.0.0.1 -> 10.0.1.1:4500  --- veth ---  10.0.0.2 -> 10.0.1.2:4500 b0
#   SA 0x1000 a->b (in a: dir out), SA 0x2000 b->a
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"

has_keepalive() { case $XMS_KVER in 5.*|6.[0-9].*) return 1 ;; esac; return 0; }

command -v xms-raw > /dev/null || fail "xms-raw (tests/vm/bin) is not in the guest"
mig_topo_up
nsmust b ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x1000 reqid 1 \
	mode tunnel aead 'rfc4106(gcm(aes))' $XM_KEY_AB 128
# xms-raw --newsa: ESP rfc4106(gcm(aes)) with the key XM_KEY_AB
dir=
has_keepalive && dir="--u8 33:2"	# XFRMA_SA_DIR = XFRM_SA_DIR_OUT
echo "+ [a] xms-raw --newsa --src 10.0.0.1 --daddr 10.0.0.2 --spi 0x1000 --reqid 1 --mode tunnel $dir"
/bin/ip netns exec a xms-raw --newsa --src 10.0.0.1 --daddr 10.0.0.2 \
	--spi 0x1000 --reqid 1 --mode tunnel $dir || fail "cannot add SA 0x1000 in a"
# (iproute2 6.1 does not print the direction; that the kernel refuses NAT
# keepalive on an SA that is not "dir out" is t_65's business)
sa_add 10.0.0.2 10.0.0.1 esp 0x2000 1 tunnel aead 'rfc4106(gcm(aes))' $XM_KEY_BA 128
tun_policies 10.0.0.1 10.0.0.2 1
traffic_both 2
udpencap_start a 4500
udpencap_start b 4500

if is_module_backend; then
	run xfrm-migrate info > /tmp/info.out || fail "xfrm-migrate info failed"
	grep caps /tmp/info.out
	if has_keepalive; then
		grep -q '^caps:.* nat-keepalive' /tmp/info.out || fail "module does not report nat-keepalive on $XMS_KVER"
	else
		grep -q '^caps:.* nat-keepalive' /tmp/info.out && fail "module reports nat-keepalive on $XMS_KVER"
	fi
fi

if ! has_keepalive; then
	say "no NAT keepalive in $XMS_KVER: the attribute is refused, the SA stays"
	echo "+ (must fail) xfrm-migrate -n a migrate dst 10.0.0.2 proto esp spi 0x1000 new-src 10.0.1.1 new-dst 10.0.1.2 encap espinudp 4500 4500 0.0.0.0 nat-keepalive 1"
	err=$(xmig -n a migrate dst 10.0.0.2 proto esp spi 0x1000 new-src 10.0.1.1 \
		new-dst 10.0.1.2 encap espinudp 4500 4500 0.0.0.0 nat-keepalive 1 2>&1)
	rc=$?
	echo "$err"
	[ $rc -eq 1 ] || fail "exit status $rc, want 1 (refused by the kernel)"
	echo "$err" | grep -q 'EINVAL' || fail "not EINVAL"
	echo "$err" | grep -q 'Unsupported attribute in XFRM_MSG_MIGRATE_STATE' ||
		fail "not the extack of an unsupported attribute"
	sa_expect a 0x1000 '^src 10\.0\.0\.1 dst 10\.0\.0\.2$' "SA unchanged"
	sa_expect_not a 0x1000 'encap' "no encap"
	ka=
else
	ka="nat-keepalive 1"
fi

say "move to 10.0.1.x with ESP-in-UDP${ka:+ and $ka on a's output SA}"
migrate a dst 10.0.0.2 proto esp spi 0x1000 new-src 10.0.1.1 new-dst 10.0.1.2 \
	encap espinudp 4500 4500 0.0.0.0 $ka
migrate b dst 10.0.0.2 proto esp spi 0x1000 new-src 10.0.1.1 new-dst 10.0.1.2 \
	encap espinudp 4500 4500 0.0.0.0
migrate_both dst 10.0.0.1 proto esp spi 0x2000 new-src 10.0.1.2 new-dst 10.0.1.1 \
	encap espinudp 4500 4500 0.0.0.0
addr_move 10.0.0.1/24 10.0.0.2/24
tun_policies 10.0.1.1 10.0.1.2 1
sa_show a 0x1000
sa_expect a 0x1000 'encap type espinudp sport 4500 dport 4500' "ESP-in-UDP"

if [ -n "$ka" ]; then
	say "idle tunnel: keepalives from a reach b's port 4500"
	u0=$(udp_in b) v0=$(udp_in a)
	run sleep 3
	u1=$(udp_in b) v1=$(udp_in a)
	say "UDP datagrams in 3 idle seconds: at b $((u1 - u0)), at a $((v1 - v0)) (b's SA has no keepalive)"
	[ $((u1 - u0)) -ge 2 ] || fail "$((u1 - u0)) keepalives in 3 s with nat-keepalive 1, want >= 2"
	[ $((v1 - v0)) -eq 0 ] || fail "a received $((v1 - v0)) datagrams from b's SA without keepalive"
fi
ub=$(udp_in b)
traffic_both 3
[ $(( $(udp_in b) - ub )) -ge 6 ] || fail "ESP did not arrive in UDP at b"
udpencap_stop
if [ -n "$ka" ]; then
	pass "nat-keepalive 1 set on the move: keepalives while idle, ESP-in-UDP both ways"
fi
pass "no NAT keepalive on $XMS_KVER: refused, SA kept; the move without it carries ESP-in-UDP"
