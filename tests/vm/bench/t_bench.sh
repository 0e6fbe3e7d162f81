#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make bench, in the guest (tests/harness/bench.sh boots it instead of the
# tests, with 2 vCPUs): every part of xms-bench in turn. The figures are
# the "BENCH ..." lines; tests/harness/bench-report.sh makes the table.
# The migration method is the module's family on module kernels and the
# native message on 7.2+; copy and legacy run on every kernel.
#
# Sizes (kernel command line, make bench passes them; defaults in brackets):
#	XMS_BENCH_ROUNDS [20] x XMS_BENCH_BATCH [50]	steps per method and SA count
#	XMS_BENCH_SCALES [0,1000,10000,100000]		other SAs installed
#	XMS_BENCH_RATES [2000 20000]			packets/s of the stream
#	XMS_BENCH_MIGS [1000]				replacements per stream run
#	XMS_BENCH_GAP [1000]				us between two of them
#	XMS_BENCH_BULK [10000]				children of the failover
#	XMS_BENCH_MEM [100000]				migrations of the memory run
#	XMS_BENCH_PARTS [cost bulk mem disrupt]
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"

rounds=${XMS_BENCH_ROUNDS:-20} batch=${XMS_BENCH_BATCH:-50}
scales=${XMS_BENCH_SCALES:-0,1000,10000,100000}
# lists come comma-separated from the kernel command line
rates=$(echo "${XMS_BENCH_RATES:-2000 20000}" | tr , ' ')
migs=${XMS_BENCH_MIGS:-1000} gap=${XMS_BENCH_GAP:-1000}
bulk=${XMS_BENCH_BULK:-10000} memn=${XMS_BENCH_MEM:-100000}
parts=$(echo "${XMS_BENCH_PARTS:-cost bulk mem disrupt}" | tr , ' ')
if is_module_backend; then mig=module; else mig=native; fi
bad=

echo "BENCH kernel release=$(uname -r) backend=$XMS_BACKEND arch=$XMS_ARCH cpus=$(grep -c ^processor /proc/cpuinfo) mem_kb=$(awk '/MemTotal/ { print $2 }' /proc/meminfo) date=$(date -u +%Y-%m-%d)"
# A fresh namespace per part: each fills its own SA table.
part() {
	_p=$1
	shift
	/bin/ip netns add bench
	say "$_p: xms-bench $*"
	/bin/ip netns exec bench /usr/bin/xms-bench "$@" || bad="$bad $_p"
	/bin/ip netns del bench
	sleep 1
}

for p in $parts; do
	case $p in
	cost) part cost cost -r "$rounds" -b "$batch" -S "$scales" \
		-m "$mig,copy,legacy,newsa,delsa" ;;
	bulk) part bulk bulk -n "$bulk" -m "$mig,copy,legacy" ;;
	mem) part mem mem -n "$memn" -m "$mig" ;;
	disrupt)
		mig_topo_up
		esp_pair 10.0.0.1 10.0.0.2 0x1000 0x2000 1 replay-window 32
		tun_policies 10.0.0.1 10.0.0.2 1
		ping_all a $XM_IB 2
		for r in $rates; do
			/usr/bin/xms-bench disrupt -m none -s snd -p "$r" \
				-k "$migs" -g "$gap" || bad="$bad disrupt-none-$r"
			for s in snd rcv; do
				for m in $mig copy legacy; do
					/usr/bin/xms-bench disrupt -m $m -s $s -p "$r" \
						-k "$migs" -g "$gap" || bad="$bad disrupt-$m-$s-$r"
				done
			done
		done
		# The SAs still carry traffic both ways after all that.
		ping_all a $XM_IB 2
		topo_down ;;
	*) fail "unknown part '$p' (cost bulk mem disrupt)" ;;
	esac
done
[ -z "$bad" ] || fail "failed:$bad"
pass "bench done"
