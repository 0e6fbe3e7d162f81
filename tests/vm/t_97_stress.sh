#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Concurrency stress, bounded in time (25 s, 60 s on the debug kernel;
# XMS_STRESS_SECS): at the same time
#   - 3 xms-fuzz -V writers move SAs 0x3000-0x3003 back and forth between
#     tuples (IPv4 <-> IPv6, ESP-in-UDP on and off, reqid, marks); two of
#     them fight over 0x3000;
#   - xfrm-migrate (the CLI) migrates the traffic SAs 0x1000/0x2000 in both
#     peers over and over (output mark toggled, same tuple) while pings flow;
#   - a churner adds and deletes AH SAs (deleteall, flush proto ah) and
#     short-lived ESP SAs (time-hard 1-2 s: they expire), while a 4th
#     writer migrates exactly those;
#   - in netns c, SAs are added, migrated and the whole table flushed;
#   - the table is dumped and policies are rewritten in a loop.
# Afterwards: every writer's request got OK or an allowed errno (counted by
# xms-fuzz, which exits 1 otherwise), every CLI migration succeeded, each
# SA not deleted on purpose exists exactly once, no (dst, spi, proto, mark)
# tuple is duplicated, ESP still flows both ways on the migrated traffic SAs (an
# output sequence number gone back would trip b's replay window), and the
# module unloads and loads again (module kernels).
#
#   netns a  10.0.0.1 / fd00::1 ... --- veth ---  netns b  10.0.0.2 / fd00::2
#   netns c  (lo only, its own SAs)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"
. "$(dirname "$0")/lib-stress.sh"

if is_debug_kernel; then d=${XMS_STRESS_SECS:-60}; else d=${XMS_STRESS_SECS:-25}; fi
d=$(st_min "$d" "$(st_budget 50)")
up() { cut -d. -f1 /proc/uptime; }
gcm() { echo "rfc4106(gcm(aes)) $XM_KEY_AB 128"; }

mig_topo_up
esp_pair 10.0.0.1 10.0.0.2
tun_policies 10.0.0.1 10.0.0.2 1
traffic_both 2
# shellcheck disable=SC2046
for s in 0x3000 0x3001 0x3002 0x3003; do
	nsmust a ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp spi $s \
		reqid 3 mode tunnel aead $(gcm)
done
# The churn and the separate set are "ip -batch" files: one process a round.
: > /tmp/churn.add
for i in 0 1 2 3; do
	echo "xfrm state add src 10.0.0.1 dst 10.0.0.2 proto ah spi $((0x9000 + i)) reqid 99 mode tunnel auth hmac(sha256) $XM_AUTH_AB" >> /tmp/churn.add
done
for i in 0 1; do
	echo "xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp spi $((0xa000 + i)) reqid 98 mode tunnel aead rfc4106(gcm(aes)) $XM_KEY_AB 128 limit time-hard $((1 + i))" >> /tmp/churn.add
done
{ cat /tmp/churn.add; echo "xfrm state deleteall proto ah"; } > /tmp/churn.0
{ cat /tmp/churn.add; echo "xfrm state flush proto ah"; } > /tmp/churn.1
{ cat /tmp/churn.add; echo "xfrm state delete src 10.0.0.1 dst 10.0.0.2 proto ah spi 0x9001"; } > /tmp/churn.2
: > /tmp/c.add
for i in 1 2 3 4; do
	echo "xfrm state add src 127.0.0.1 dst 127.0.0.$i proto esp spi $((0xc000 + i)) reqid 7 mode tunnel aead rfc4106(gcm(aes)) $XM_KEY_AB 128" >> /tmp/c.add
done
must ip -n a -force -batch /tmp/churn.add
must ip netns add c
nsmust c ip link set lo up
must ip -n c -force -batch /tmp/c.add

end=$(( $(up) + d ))
say "stress for $d s"
fz() { # NAME NS ARGS...: a valid-only writer until the end
	_n=$1 _ns=$2
	shift 2
	echo "+ [$_ns] xms-fuzz -V -w 1000 -t $d $* &   ($_n)"
	/bin/ip netns exec "$_ns" /usr/bin/xms-fuzz -V -w 1000 -t "$d" -n 100000000 "$@" \
		> "/tmp/$_n.out" 2>&1
	echo $? > "/tmp/$_n.rc"
}
fz w1 a -s 1 -k 0x3000,0x3001 &
fz w2 a -s 2 -k 0x3000,0x3002 &
fz w3 a -s 3 -k 0x3003 &
fz w4 a -s 4 -k 0x9000,0x9001,0x9002,0x9003,0xa000,0xa001 &
echo "+ xfrm-migrate loops on 0x1000 (a, b) and 0x2000 (a, b) &"
(
	ok=0 bad=0 i=0
	while [ "$(up)" -lt $end ]; do
		i=$((i + 1))
		for ns in a b; do
			if xmig -n $ns migrate dst 10.0.0.2 proto esp spi 0x1000 \
				set-mark $((i % 2 + 1)) > /tmp/cli.err 2>&1 &&
			   xmig -n $ns migrate dst 10.0.0.1 proto esp spi 0x2000 \
				new-reqid 1 > /tmp/cli.err 2>&1; then
				ok=$((ok + 2))
			else
				bad=$((bad + 1))
				sed 's/^/    cli: /' /tmp/cli.err
			fi
		done
	done
	echo "$ok $bad" > /tmp/cli.res
) &
echo "+ churn: AH and expiring ESP SAs added, deleteall / flush proto ah &"
(
	i=0
	while [ "$(up)" -lt $end ]; do
		/bin/ip -n a -force -batch /tmp/churn.$((i % 3)) > /dev/null 2>&1
		i=$((i + 1))
	done
	echo $i > /tmp/churn.res
) &
echo "+ [c] add, migrate (xms-fuzz -V -n 30), flush, in a loop &"
(
	i=0 bad=0
	while [ "$(up)" -lt $end ]; do
		i=$((i + 1))
		/bin/ip -n c -force -batch /tmp/c.add > /dev/null 2>&1
		/bin/ip netns exec c /usr/bin/xms-fuzz -V -q -s $i -n 30 > /tmp/c.out 2>&1
		rc=$?
		# 3: no SA left to aim at (flushed meanwhile)
		[ $rc -eq 0 ] || [ $rc -eq 3 ] || { bad=$((bad + 1)); cat /tmp/c.out; }
		/bin/ip -n c xfrm state flush
	done
	echo "$i $bad" > /tmp/c.res
) &
echo "+ dumps and policy rewrites in a loop &"
(
	i=0
	while [ "$(up)" -lt $end ]; do
		i=$((i + 1))
		/bin/ip -n a -s xfrm state list > /dev/null
		/bin/ip -n a xfrm state count > /dev/null
		/bin/ip -n a xfrm policy update src $XM_IA/32 \
			dst $XM_IB/32 dir out tmpl src 10.0.0.1 dst 10.0.0.2 \
			proto esp reqid 1 mode tunnel
	done
	echo $i > /tmp/dump.res
) &
np=$((d * 4))
echo "+ [a] ping -c $np -i 0.25 $XM_IB &   + [b] ping -c $np -i 0.25 $XM_IA &"
/bin/ip netns exec a ping -c $np -i 0.25 -W 1 -q $XM_IB > /tmp/ping.a 2>&1 &
/bin/ip netns exec b ping -c $np -i 0.25 -W 1 -q $XM_IA > /tmp/ping.b 2>&1 &
wait
say "all writers done after $d s"

total=0
for w in w1 w2 w3 w4; do
	grep -E '^xms-fuzz: (seed|replies|violations)' /tmp/$w.out | sed "s/^/    $w: /"
	rc=$(cat /tmp/$w.rc)
	[ "$rc" -eq 0 ] || { cat /tmp/$w.out; fail "writer $w: exit status $rc"; }
	n=$(sed -n 's/.* requests \([0-9]*\) in .*/\1/p' /tmp/$w.out)
	total=$((total + ${n:-0}))
done
read -r cli_ok cli_bad < /tmp/cli.res
echo "    cli: $cli_ok migrations ok, $cli_bad failed"
[ "$cli_bad" -eq 0 ] || fail "$cli_bad xfrm-migrate migrations of the traffic SAs failed"
[ "$cli_ok" -gt 0 ] || fail "no xfrm-migrate migration ran"
read -r c_runs c_bad < /tmp/c.res
echo "    netns c: $c_runs add/migrate/flush rounds, $c_bad writer failures"
[ "$c_bad" -eq 0 ] || fail "writer in netns c failed $c_bad times"
echo "    churn rounds: $(cat /tmp/churn.res), dump/policy rounds: $(cat /tmp/dump.res)"
for ns in a b; do
	sed -n 's/^\(.*packets transmitted.*\)/    ping from '$ns': \1/p' /tmp/ping.$ns
done

say "the SA tables"
st_check_table a 0x1000 0x2000 0x3000 0x3001 0x3002 0x3003
st_check_table b 0x1000 0x2000
st_check_table c
say "the traffic SAs still carry ESP both ways"
traffic_both 3

if is_module_backend; then
	say "the module unloads and loads again"
	must rmmod xfrm_migrate_state
	must insmod "$XMS_KO"
	migrate_both dst 10.0.0.2 proto esp spi 0x1000 new-reqid 5
	migrate_both dst 10.0.0.1 proto esp spi 0x2000 new-reqid 5
	sa_expect a 0x1000 'reqid 5\(' "migrated after reload"
	tun_policies 10.0.0.1 10.0.0.2 5
	traffic_both 2
	mod=", module reloaded"
else
	say "native kernel: no module to unload (LIMITED: rmmod/insmod not applicable)"
	mod=", native (no module)"
fi
pass "summary: $((4 + 3)) writers for $d s, fuzz-writer requests $total, cli migrations $cli_ok, SAs lost 0, duplicates 0$mod"
