#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A larval (ACQ) state for the new addresses is removed by the migration
# that provides the SA it waits for, as Linux 7.2 does (its install of a
# state with a new destination goes through xfrm_state_add(), which
# deletes the ACQ state the new one satisfies). Left alone, the ACQ state
# would live until it expires and send a spurious hard EXPIRE.
#
#   netns a                                       netns b
#   lo 192.168.1.1                                lo 192.168.2.1
#   a0 10.0.0.1 -> 10.0.1.1  --- veth ---  10.0.0.2 -> 10.0.1.2 b0
#   SA 0x1000 a->b, 0x2000 b->a, reqid 1. a's out policy moves to the new
#   template first, a ping raises an ACQUIRE (ip xfrm monitor listens, so
#   the kernel keeps the ACQ state 10.0.1.1 -> 10.0.1.2 reqid 1), then
#   the SAs are migrated.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"

# acq_count NS: larval states (SPI 0) for 10.0.1.1 -> 10.0.1.2 in NS.
acq_count() {
	/bin/ip netns exec "$1" /bin/ip xfrm state list |
		awk '/^src / { s = ($0 == "src 10.0.1.1 dst 10.0.1.2") }
		     s && /proto esp spi 0x00000000 / { n++ } END { print n + 0 }'
}

mig_topo_up
esp_pair 10.0.0.1 10.0.0.2 0x1000 0x2000 1
tun_policies 10.0.0.1 10.0.0.2 1
traffic_both 2
echo "+ [a] ip xfrm monitor acquire > /tmp/acq &"
/bin/ip netns exec a /bin/ip xfrm monitor acquire > /tmp/acq 2>&1 &
mon=$!
trap 'kill $mon 2>/dev/null' EXIT
sleep 1
say "a's out policy now wants 10.0.1.1 -> 10.0.1.2: no SA yet, ACQUIRE"
nsmust a ip xfrm policy update src $XM_IA/32 dst $XM_IB/32 dir out \
	tmpl src 10.0.1.1 dst 10.0.1.2 proto esp reqid 1 mode tunnel
nsrun a ping -c 1 -W 1 -q $XM_IB && fail "ping passed with no SA for the new template"
nsrun a ip xfrm state list
cat /tmp/acq
[ "$(acq_count a)" -eq 1 ] || fail "no larval state for 10.0.1.1 -> 10.0.1.2 in a"
echo "ok: larval state 10.0.1.1 -> 10.0.1.2 reqid 1 in a"

migrate_both dst 10.0.0.2 proto esp spi 0x1000 new-src 10.0.1.1 new-dst 10.0.1.2
migrate_both dst 10.0.0.1 proto esp spi 0x2000 new-src 10.0.1.2 new-dst 10.0.1.1
nsrun a ip xfrm state list
[ "$(acq_count a)" -eq 0 ] || fail "the larval state outlived the migration that satisfies it"
echo "ok: the larval state is gone"
addr_move 10.0.0.1/24 10.0.0.2/24
tun_policies 10.0.1.1 10.0.1.2 1
traffic_both 3
pass "migration removed the larval state it satisfies (as upstream); traffic on the new addresses"
