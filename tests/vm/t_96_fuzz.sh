#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Fuzzing: xms-fuzz (tests/vm/fuzz) sends valid migrations of live SAs,
# mutated with a seeded PRNG (bit flips, truncation, oversized, duplicated,
# nested and unknown attributes, wrong nla_len, families, flags, selectors,
# marks, genl cmd/version/reserved, nlmsg flags and type, GET_INFO), after
# its corpus. Every request gets exactly one reply (none without NLM_F_ACK
# on success), every error is an allowed errno, the SA table changes only
# by successful requests (checked by the fuzzer after each success and
# every 64 requests, and here with ip xfrm state: each SA once, keys kept).
# First the fuzzer must show it can fail: the same run with only EINVAL
# allowed must stop with a violation, its seed and the request in hex, and
# a run during which an SA is added behind its back must report it.
#
#   netns a: 7 SAs, tunnel and transport, ESP (AEAD and cbc+hmac), AH,
#            IPv4 and IPv6, one with mark 0x5/0xff, one ESP-in-UDP
#   Requests: 20000 on the debug kernel, 50000 else (lib-stress.sh:
#   XMS_FUZZ_N, XMS_FUZZ_SECS, XMS_FUZZ_SEED), capped by the test timeout.
# xms-timeout: 600
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"
. "$(dirname "$0")/lib-stress.sh"

t_start=$(cut -d. -f1 /proc/uptime)
SPIS="0x1000 0x2000 0x3000 0x4000 0x5000 0x6000 0x7000"
CBC_KEY=0x000102030405060708090a0b0c0d0e0f
SHA_KEY=0x101112131415161718191a1b1c1d1e1f20212223

mig_topo_up
# esp SRC DST SPI REQID [state args...]: a tunnel-mode ESP SA in netns a
esp() {
	_s=$1 _d=$2 _spi=$3 _r=$4
	shift 4
	nsmust a ip xfrm state add src "$_s" dst "$_d" proto esp spi "$_spi" \
		reqid "$_r" mode tunnel replay-window 32 "$@"
}
gcm() { echo "rfc4106(gcm(aes)) $XM_KEY_AB 128"; }
# shellcheck disable=SC2046
{
esp 10.0.0.1 10.0.0.2 0x1000 1 aead $(gcm)
esp 10.0.0.2 10.0.0.1 0x2000 1 aead $(gcm)
esp fd00::1 fd00::2 0x3000 3 aead $(gcm)
esp 10.0.0.1 10.0.0.2 0x4000 4 mark 0x5 mask 0xff aead $(gcm)
esp 10.0.0.1 10.0.0.2 0x5000 5 encap espinudp 4500 4500 0.0.0.0 aead $(gcm)
}
nsmust a ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto ah spi 0x6000 reqid 6 \
	mode transport sel src 10.0.0.1 dst 10.0.0.2 auth 'hmac(sha256)' $XM_AUTH_AB
esp fd00::2 fd00::1 0x7000 7 enc 'cbc(aes)' $CBC_KEY auth-trunc 'hmac(sha1)' $SHA_KEY 96
for s in $SPIS; do
	sa_keyline a $s > /tmp/keys.$s
done
st_check_table a $SPIS

# The debug kernel answers about 150 requests/s: make test sends it 20,000;
# make stress KERNELS=debug sends it millions (README).
if is_debug_kernel; then n=${XMS_FUZZ_N:-20000}; else n=${XMS_FUZZ_N:-50000}; fi
seed=${XMS_FUZZ_SEED:-$(date +%s)}
if ! is_module_backend; then
	say "native kernel: the native XFRM_MSG_MIGRATE_STATE on NETLINK_XFRM is fuzzed;"
	say "LIMITED: no genl family here, so no genl cmd/version/reserved, GET_INFO or family-id mutations"
fi

say "the checks trip: only EINVAL allowed must give a violation with seed and hex"
echo "+ [a] xms-fuzz -s $seed -n 300 -E EINVAL"
/bin/ip netns exec a /usr/bin/xms-fuzz -s "$seed" -n 300 -E EINVAL > /tmp/neg.out 2>&1
rc=$?
sed -n '1,12p' /tmp/neg.out | cut -c1-300
[ $rc -eq 1 ] || fail "xms-fuzz -E EINVAL: exit status $rc, want 1 (a violation)"
grep -q 'VIOLATION: errno .* is not in the allowed set' /tmp/neg.out ||
	fail "xms-fuzz -E EINVAL: no violation for an errno outside the set"
grep -q 'request ([0-9]* bytes): [0-9a-f]' /tmp/neg.out || fail "no request hex printed"
grep -q 'reproduce: ' /tmp/neg.out || fail "no reproduction line printed"
echo "ok: a disallowed errno is caught, with seed and request bytes"

say "the table check trips: an SA added behind the fuzzer's back must be seen"
echo "+ [a] xms-fuzz -s $seed -n 100000000 -t 30 &  + [a] ip xfrm state add ... spi 0x8000"
/bin/ip netns exec a /usr/bin/xms-fuzz -s "$seed" -n 100000000 -t 30 > /tmp/neg2.out 2>&1 &
fpid=$!
# its first line comes after it has read the table
i=0
while ! grep -q '^xms-fuzz: seed' /tmp/neg2.out && [ $i -lt 30 ]; do
	sleep 1
	i=$((i + 1))
done
# shellcheck disable=SC2046
esp 10.0.0.1 10.0.0.2 0x8000 8 aead $(gcm)
wait $fpid
rc=$?
nsmust a ip xfrm state delete src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x8000
grep VIOLATION /tmp/neg2.out | head -3
[ $rc -eq 1 ] || fail "xms-fuzz with an SA added meanwhile: exit status $rc, want 1"
grep -q 'VIOLATION: .*8 SAs in the table, 7 expected' /tmp/neg2.out ||
	fail "xms-fuzz did not report the extra SA"
echo "ok: an SA table change outside the fuzzer's requests is caught"

# The time cap: what is left of the test's timeout after the checks above
# and the table check below (45 s), unless given.
if [ -n "${XMS_FUZZ_SECS:-}" ]; then
	secs=$XMS_FUZZ_SECS
else
	secs=$(( ${XMS_TEST_TIMEOUT:-120} - ($(cut -d. -f1 /proc/uptime) - t_start) - 45 ))
	[ "$secs" -lt 10 ] && secs=10
fi
say "fuzz: $n requests, at most $secs s, seed $seed"
echo "+ [a] xms-fuzz -s $seed -n $n -t $secs"
t0=$(cut -d. -f1 /proc/uptime)
/bin/ip netns exec a /usr/bin/xms-fuzz -s "$seed" -n "$n" -t "$secs" > /tmp/fuzz.out 2>&1
rc=$?
t1=$(cut -d. -f1 /proc/uptime)
head -c 20000 /tmp/fuzz.out
[ $rc -eq 0 ] || fail "xms-fuzz seed $seed: exit status $rc (violation above; reproduce with xms-fuzz -s $seed)"
done_n=$(sed -n 's/.* requests \([0-9]*\) in .*/\1/p' /tmp/fuzz.out)
[ "${done_n:-0}" -gt 0 ] || fail "xms-fuzz did not report its request count"
limited=
[ "$done_n" -lt "$n" ] &&
	limited=" (LIMITED by the ${secs} s cap: $done_n of $n; raise XMS_TEST_TIMEOUT and XMS_FUZZ_SECS)"
# A guest too slow for a tenth of the requests proves too little to pass,
# unless a person chose the sizes.
[ -n "${XMS_FUZZ_N:-}${XMS_FUZZ_SECS:-}" ] || [ "$done_n" -ge $((n / 10)) ] ||
	fail "only $done_n of $n requests in $secs s: too few to judge"

say "the SA table after fuzzing"
/bin/ip netns exec a /bin/ip xfrm state list | grep -E '^src|proto|mark' | sed 's/^/    | /'
st_check_table a $SPIS
total=$(st_tuples a | wc -l)
[ "$total" -eq 7 ] || fail "netns a: $total SAs after fuzzing, want 7"
for s in $SPIS; do
	[ "$(sa_keyline a $s)" = "$(cat /tmp/keys.$s)" ] || fail "SA $s changed its keys"
done
echo "ok: every SA kept its keys"
pass "summary: fuzzed $done_n requests (seed $seed) in $((t1 - t0)) s$limited, SAs lost 0, duplicates 0"
