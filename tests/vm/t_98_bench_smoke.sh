#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Smoke run of make bench's program (tests/vm/bench/xms-bench.c, one job
# per part) on this kernel: a few hundred timed migrations of every method
# the kernel serves, NEWSA and DELSA, then a short disrupted stream.
#
#   netns bench: one SA per method (module or native, copy, legacy), moved
#   back and forth between 10.0.0.1 -> 10.0.0.2 and 10.0.1.1 -> 10.0.1.2,
#   16 times (a warm-up) and 64 timed times each; each must end where its
#   last move put it (xms-bench checks both places, and ip here: 80 moves
#   bring it back), keep its key, and no other SA may remain.
#
#   lib-migrate.sh's tunnel a <-> b: 2,000 packets/s from a to b while
#   SA 0x1000 is replaced in place 100 times on the sender, then 100 times
#   on the receiver, by the module (native on 7.2+): no packet twice and,
#   for the sender's SA, no replay error (the sequence numbers moved with
#   the SA; the receiver's old SA refuses packets still in flight on it
#   once its window is closed, src/swap.c), the SA still
#   there and carrying pings, its output sequence number continued. And the
#   check can fail: 10 copies (GETSA + GETAE + DELSA + NEWSA) that wait 3 ms
#   after GETAE must show as replay errors at the receiver.
# xms-timeout: 600
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"

if is_module_backend; then mig=module; else mig=native; fi
bench() { echo "+ xms-bench $*"; /usr/bin/xms-bench "$@"; }
field() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

must ip netns add bench
out=$(/bin/ip netns exec bench /usr/bin/xms-bench cost -r 4 -b 16 -S 0 \
	-m "$mig,copy,legacy,newsa,delsa")
rc=$?
echo "$out"
[ $rc -eq 0 ] || fail "xms-bench cost exited $rc"
for m in $mig copy legacy newsa delsa; do
	l=$(echo "$out" | grep "^BENCH cost scale=0 method=$m ")
	[ "$(field n "$l")" = 64 ] || fail "$m: $(field n "$l") of 64 steps timed"
	[ "$(field fails "$l")" = 0 ] || fail "$m: $(field fails "$l") steps failed"
done
echo "$out" | grep -q '^BENCH cost done ok$' || fail "xms-bench did not verify the SAs"
# 80 moves each: every SA is back at 10.0.0.2, with its key (one read).
st=$(/bin/ip -n bench xfrm state)
n=$(echo "$st" | grep -c '^src ')
[ "$n" -eq 3 ] || fail "netns bench holds $n SAs, want 3 (one per method)"
for spi in 0x100 0x102 0x103; do
	case $spi in 0x100) [ $mig = module ] || spi=0x101 ;; esac
	blk=$(echo "$st" | awk -v s="spi 0x00000${spi#0x}" '
		/^src / { p = 0 } /^src 10\.0\.0\.1 dst 10\.0\.0\.2/ { h = $0; next }
		h != "" && index($0, s) { p = 1; print h } p { print } { h = "" }')
	echo "$blk" | grep -q "$XM_KEY_AB" ||
		{ echo "$st" | sed 's/^/    | /'; fail "SA $spi not back at 10.0.0.1 -> 10.0.0.2 with its key"; }
	echo "ok: SA $spi back at its first place, key kept"
done
must ip netns del bench

# The tunnel of lib-migrate.sh, with a replay window, set up with one
# ip -batch per namespace (every exec counts under TCG).
must ip netns add a
must ip netns add b
must ip link add a0 netns a type veth peer name b0 netns b
tun() {
	_me=$1 _ot=$2 _mi=$3 _oi=$4 _dev=$5
	cat <<EOB
link set lo up
link set $_dev up
addr add $_me/24 dev $_dev
addr add $_mi/32 dev lo
route add $_oi/32 dev $_dev src $_mi
xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x1000 reqid 1 mode tunnel replay-window 32 aead rfc4106(gcm(aes)) $XM_KEY_AB 128
xfrm state add src 10.0.0.2 dst 10.0.0.1 proto esp spi 0x2000 reqid 1 mode tunnel replay-window 32 aead rfc4106(gcm(aes)) $XM_KEY_BA 128
xfrm policy add src $_mi/32 dst $_oi/32 dir out tmpl src $_me dst $_ot proto esp reqid 1 mode tunnel
xfrm policy add src $_oi/32 dst $_mi/32 dir in tmpl src $_ot dst $_me proto esp reqid 1 mode tunnel
EOB
}
tun 10.0.0.1 10.0.0.2 $XM_IA $XM_IB a0 > /tmp/tun-a
tun 10.0.0.2 10.0.0.1 $XM_IB $XM_IA b0 > /tmp/tun-b
must ip -n a -batch /tmp/tun-a
must ip -n b -batch /tmp/tun-b
o0=$(sa_get a 0x1000 oseq) || fail "no oseq for SA 0x1000 in a"
for side in snd rcv; do
	l=$(bench disrupt -q -m $mig -s $side -p 2000 -k 100 -g 500)
	rc=$?
	echo "$l"
	[ $rc -eq 0 ] || fail "xms-bench disrupt -s $side exited $rc"
	[ "$(field migrations "$l")" = 100 ] || fail "$side: not 100 migrations"
	[ "$(field sa_ok "$l")" = 1 ] || fail "$side: SA 0x1000 gone"
	[ "$(field recv "$l")" -gt 0 ] || fail "$side: nothing received"
	[ "$(field dup "$l")" = 0 ] || fail "$side: $(field dup "$l") packets received twice"
	# On the sender's side a replay error at the receiver means a sequence
	# number sent twice. On the receiver's side the module closes the old
	# SA's window behind the swap (src/swap.c): a packet whose decryption
	# on it was under way is refused as a replay (counted, not judged),
	# and a replay the new SA accepted would show as a duplicate above.
	if [ $side = snd ]; then
		[ "$(field InStateSeqError "$l")" = 0 ] ||
			fail "$side: $(field InStateSeqError "$l") replay errors (sequence numbers reused)"
	else
		say "$side: $(field InStateSeqError "$l") in-flight packets refused by the old SA's closed window"
	fi
	say "$side: lost $(field lost "$l") of $(field sent "$l") (not judged here: make bench)"
done
say "the stream does see reused sequence numbers: the copy approach with 3 ms"
say "between reading the replay state (GETAE) and deleting the SA"
l=$(bench disrupt -q -m copy -s snd -p 2000 -k 10 -g 2000 -D 3000)
echo "$l"
[ "$(field InStateSeqError "$l")" -gt 0 ] ||
	fail "10 slow copies reused sequence numbers, yet no replay error was counted"
ping_all a $XM_IB 1
ping_all b $XM_IA 1
o1=$(sa_get a 0x1000 oseq) || fail "no oseq for SA 0x1000 in a"
[ "$o1" -gt "$o0" ] || fail "oseq of SA 0x1000 went from $o0 to $o1"
pass "$mig, copy, legacy: 64 timed moves each, SAs in place; stream: no duplicate, no replay"
