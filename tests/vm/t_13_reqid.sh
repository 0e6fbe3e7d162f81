#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# reqid change: the SAs move from reqid 1 to reqid 7 (addresses unchanged)
# and the policies are rewritten to ask for reqid 7. Output needs an SA
# with the policy's reqid (else ACQUIRE, no packet), input checks the reqid
# of the SA against the template: traffic passes only with the new reqid.
#
#   netns a  a0 10.0.0.1 --- veth --- 10.0.0.2 b0  netns b
#   lo 192.168.1.1 <== SA 0x1000 / 0x2000, tunnel ==> lo 192.168.2.1
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"

mig_topo_up
esp_pair 10.0.0.1 10.0.0.2 0x1000 0x2000 1
tun_policies 10.0.0.1 10.0.0.2 1
traffic_both 2

say "policies now want reqid 7: no SA has it, no traffic"
tun_policies 10.0.0.1 10.0.0.2 7
nsrun a ping -c 1 -W 1 -q $XM_IB && fail "ping passed with no SA of reqid 7"

say "migrate both SAs to reqid 7"
migrate_both dst 10.0.0.2 proto esp spi 0x1000 new-reqid 7
migrate_both dst 10.0.0.1 proto esp spi 0x2000 new-reqid 7
for ns in a b; do
	for spi in 0x1000 0x2000; do
		sa_expect $ns $spi 'reqid 7\(0x00000007\) mode tunnel' "reqid 7"
		[ "$(sa_count $ns $spi)" -eq 1 ] || fail "netns $ns: not exactly one SA $spi"
	done
	sa_expect $ns 0x1000 '^src 10\.0\.0\.1 dst 10\.0\.0\.2$' "addresses unchanged"
done
traffic_both 3
pass "SAs now reqid 7, policies with reqid 7 pass ESP both ways"
