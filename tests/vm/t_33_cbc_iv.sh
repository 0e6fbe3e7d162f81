#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The IVs a cbc(aes)+hmac(sha256) SA puts on the wire, before and after a
# migration, captured on b0 by espiv (tests/vm/helpers/espiv.c): none zero,
# none repeated, none the sequence number, and each one echainiv's (the
# IV generator NEWSA gives a CBC SA; espiv decrypts the IV block with the
# SA's key and checks echainiv's structure). A clone that drops the IV
# generator still carries CBC traffic, but the IV on the wire is then the
# encryption of whatever the packet's IV slot held: Linux 7.2's native
# message does that (asserted on the native kernel, README "Upstream bugs
# this module does not have").
# xms-debug: skip needs AF_ALG, not in debug.config
#
#   netns a  a0 10.0.0.1 -> 10.0.1.1 --- veth --- 10.0.0.2 -> 10.0.1.2 b0  netns b
#   SA 0x1000 a->b, 0x2000 b->a, cbc(aes) key XA_KEY16, reqid 1 -> 2
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"
. "$(dirname "$0")/lib-algs.sh"

ALGS="enc cbc(aes) $XA_KEY16 auth-trunc hmac(sha256) $XA_AUTH32 128"

# ivs_check WHEN: 10 pings a -> b, espiv judges the first 8 ESP packets of
# 0x1000 it sees (a slow guest may miss the first one).
ivs_check() {
	echo "+ [b] espiv b0 0x1000 $XA_KEY16 8 20 > /tmp/iv &"
	/bin/ip netns exec b /usr/bin/espiv b0 0x1000 $XA_KEY16 8 20 > /tmp/iv 2>&1 &
	_pid=$!
	_i=0
	until grep -q capturing /tmp/iv; do
		kill -0 $_pid 2>/dev/null || break
		_i=$((_i + 1))
		[ $_i -lt 50 ] || break
		usleep 100000 2>/dev/null || sleep 1
	done
	ping_all a $XM_IB 5
	ping_all a $XM_IB 5
	wait $_pid
	IV_RC=$?
	sed 's/^/  | /' /tmp/iv
	say "$1: espiv exit status $IV_RC"
}

mig_topo_up
# shellcheck disable=SC2086
sa_add 10.0.0.1 10.0.0.2 esp 0x1000 1 tunnel $ALGS
# shellcheck disable=SC2086
sa_add 10.0.0.2 10.0.0.1 esp 0x2000 1 tunnel $ALGS
tun_policies 10.0.0.1 10.0.0.2 1
ivs_check "before the migration"
[ $IV_RC -eq 0 ] || fail "IVs of the SA as NEWSA made it are not echainiv's (exit $IV_RC)"

migrate_both dst 10.0.0.2 proto esp spi 0x1000 new-src 10.0.1.1 new-dst 10.0.1.2 new-reqid 2
migrate_both dst 10.0.0.1 proto esp spi 0x2000 new-src 10.0.1.2 new-dst 10.0.1.1 new-reqid 2
addr_move 10.0.0.1/24 10.0.0.2/24
tun_policies 10.0.1.1 10.0.1.2 2
ivs_check "after the migration"
if ! is_module_backend; then
	[ $IV_RC -eq 1 ] ||
		fail "native: want the upstream geniv bug (espiv exit 1), got $IV_RC: upstream fixed it? update README and this test"
	pass "native: after the migration the CBC IVs are not echainiv's (upstream geniv bug reproduced)"
fi
[ $IV_RC -eq 0 ] || fail "IVs after the migration are not echainiv's (exit $IV_RC)"
expect_no_xfrm_errors "cbc(aes) after the migration"
pass "cbc(aes) IVs before and after the migration: fresh, unique, echainiv's"
