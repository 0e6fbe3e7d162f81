# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the fuzz and stress tests (t_96, t_97). Source after lib.sh.
#
# Sizes scale with the kernel: the debug kernel (KASAN, lockdep; release
# "*-xms-debug", booted with panic_on_warn=1) gets the long runs. Long forms
# for a person with time: environment variables on the guest's kernel
# command line reach the tests (the kernel hands unknown NAME=VALUE
# arguments to init), the per-test timeout must grow with them:
#
#	make test TESTS="t_96 t_97" XMS_TEST_TIMEOUT=7200 \
#		XMS_APPEND="XMS_FUZZ_N=5000000 XMS_FUZZ_SECS=7000 XMS_STRESS_SECS=7000"
#
#	XMS_FUZZ_N	fuzz requests (debug 100000, stock 50000)
#	XMS_FUZZ_SECS	fuzz time cap in s (default: the test timeout - 40)
#	XMS_FUZZ_SEED	fuzz seed (default: the guest's clock)
#	XMS_STRESS_SECS	stress duration in s (debug 60, stock 25)

# st_budget: seconds a long part of the test may take (timeout - margin).
st_budget() {
	_b=$(( ${XMS_TEST_TIMEOUT:-120} - ${1:-40} ))
	[ "$_b" -lt 10 ] && _b=10
	echo "$_b"
}

# st_min A B
st_min() { [ "$1" -lt "$2" ] && echo "$1" || echo "$2"; }

# st_tuples NS: "dst spi proto mark" of every SA in NS, one a line (the
# lookup tuple: two SAs that differ only by mark are distinct; "-": none).
st_tuples() {
	/bin/ip netns exec "$1" /bin/ip xfrm state list |
		awk 'function out() { if (d != "") print d, spi, p, m }
		     /^src / { out(); d = $4; m = "-" }
		     /^[ \t]*proto / { spi = $4; p = $2 }
		     /^[ \t]*mark / { m = $2 }
		     END { out() }'
}

# st_check_table NS SPI...: each SPI exactly once in NS, no (dst, spi,
# proto, mark) tuple twice; fails the test otherwise. Prints the SA count.
st_check_table() {
	_ns=$1
	shift
	st_tuples "$_ns" > /tmp/st.tuples
	_dups=$(sort /tmp/st.tuples | uniq -d | wc -l)
	[ "$_dups" -eq 0 ] || {
		sort /tmp/st.tuples | uniq -d | sed 's/^/    dup: /'
		/bin/ip netns exec "$_ns" /bin/ip xfrm state list | sed 's/^/    | /'
		fail "netns $_ns: $_dups duplicated (dst, spi, proto) tuples"
	}
	for _spi in "$@"; do
		_h=$(printf '0x%08x' "$_spi")
		_c=$(awk -v s="$_h" '$2 == s' /tmp/st.tuples | wc -l)
		[ "$_c" -eq 1 ] || {
			/bin/ip netns exec "$_ns" /bin/ip xfrm state list | sed 's/^/    | /'
			fail "netns $_ns: SA $_spi present $_c times, want 1"
		}
	done
	echo "ok: netns $_ns: SAs $* once each, no duplicated tuple ($(wc -l < /tmp/st.tuples) SAs)"
}
