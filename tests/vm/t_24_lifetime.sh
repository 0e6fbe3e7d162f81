#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Lifetimes survive the migration: the current counters (bytes, packets,
# add time) of the old SA are those of the new one, and the configured
# limits are kept, so a volume or time based rekey is not postponed by a
# move (and not brought forward either).
#
#   netns a                                       netns b
#   lo 192.168.1.1                                lo 192.168.2.1
#   a0 10.0.0.1 -> 10.0.1.1  --- veth ---  10.0.0.2 -> 10.0.1.2 b0
#   SA 0x1000 a->b, SA 0x2000 b->a: limit packet-soft 1000 packet-hard 2000,
#   time-hard 3600
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"

# cur NS SPI: "bytes packets" of the SA
cur() { echo "$(sa_get $1 $2 bytes) $(sa_get $1 $2 packets)"; }
addtime() { sa_text $1 $2 | grep -E '^[[:space:]]*add [0-9]{4}-'; }

mig_topo_up
esp_pair 10.0.0.1 10.0.0.2 0x1000 0x2000 1 \
	limit packet-soft 1000 limit packet-hard 2000 limit time-hard 3600
tun_policies 10.0.0.1 10.0.0.2 1
traffic_both 2
sa_show a 0x1000
for x in "a 0x1000" "a 0x2000" "b 0x1000" "b 0x2000"; do
	set -- $x
	eval "c_$1_$2=\"$(cur $1 $2)\" t_$1_$2=\"$(addtime $1 $2)\""
done
say "before: a 0x1000 $c_a_0x1000 ; b 0x2000 $c_b_0x2000 (bytes packets)"
[ "${c_a_0x1000#* }" -eq 4 ] || fail "want 4 packets on SA 0x1000 in a"
sleep 1		# an add time taken at the migration would differ

migrate_both dst 10.0.0.2 proto esp spi 0x1000 new-src 10.0.1.1 new-dst 10.0.1.2
migrate_both dst 10.0.0.1 proto esp spi 0x2000 new-src 10.0.1.2 new-dst 10.0.1.1
sa_show a 0x1000
for x in "a 0x1000" "a 0x2000" "b 0x1000" "b 0x2000"; do
	set -- $x
	eval "want=\$c_$1_$2 wt=\$t_$1_$2"
	got=$(cur $1 $2)
	[ "$got" = "$want" ] || fail "netns $1 SA $2: bytes/packets $want before, $got after the migration"
	[ "$(addtime $1 $2)" = "$wt" ] || fail "netns $1 SA $2: add time changed: '$wt' -> '$(addtime $1 $2)'"
	echo "ok: netns $1 SA $2: current $got (bytes packets) and add time kept"
	sa_expect $1 $2 'limit: soft 1000\(packets\), hard 2000\(packets\)' "packet limits kept"
	sa_expect $1 $2 'expire add: soft 0\(sec\), hard 3600\(sec\)' "time limit kept"
	sa_expect $1 $2 '^src 10\.0\.1\.' "new addresses"
done
addr_move 10.0.0.1/24 10.0.0.2/24
tun_policies 10.0.1.1 10.0.1.2 1
traffic_both 3
set -- $c_a_0x1000
per=$(( $1 / $2 ))
got=$(cur a 0x1000)
want="$(( $1 + 6 * per )) $(( $2 + 6 ))"
[ "$got" = "$want" ] || fail "SA 0x1000 in a: $got after 6 more packets, want $want"
pass "lifetime counters ($c_a_0x1000 -> $got bytes packets), add time and limits carried over"
