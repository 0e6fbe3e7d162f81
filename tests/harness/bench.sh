#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make bench: boot each kernel of the matrix (amd64; the module kernels
# 5.10 6.1 6.12 and the newest >= 7.2 natively) with 2 vCPUs through the
# test bed (run.sh, kernel.sh: XMS_BENCH=1 makes the guest run
# tests/vm/bench/t_bench.sh instead of the tests), one at a time, keep the
# raw output under build/bench/ and print the table (bench-report.sh).
#
# Env: KERNELS (subset, e.g. "6.12 7.2"), XMS_BENCH_* (sizes, see
# t_bench.sh; with XMS_BENCH_PARTS the other parts' figures of the last
# run stay in the raw file), XMS_MEM (guest memory, 3G), XMS_SMP (2), XMS_TEST_TIMEOUT
# (the bench's budget in the guest, 5400 s), XMS_BENCH_PLOT=1 (PNG plots
# with gnuplot into doc/bench/).
set -u
. "$(dirname "$0")/common.sh"

# One group, parsed before it runs: editing this file during a run
# cannot derail that run (as run.sh).
{

out=$XMS_BUILD/bench
mkdir -p "$out"
KERNELS=${KERNELS:-5.10 6.1 6.12 7.2}
args=
for v in ROUNDS BATCH SCALES RATES MIGS GAP BULK MEM PARTS; do
	eval "val=\${XMS_BENCH_$v:-}"
	# shellcheck disable=SC2154
	[ -n "$val" ] && args="$args XMS_BENCH_$v=$(echo "$val" | tr ' ' ,)"
done
XMS_TEST_TIMEOUT=${XMS_TEST_TIMEOUT:-5400}
export KERNELS ARCHES=amd64 XMS_BENCH=1 XMS_JOBS=1 XMS_SMP=${XMS_SMP:-2} \
	XMS_MEM=${XMS_MEM:-3G} XMS_TEST_TIMEOUT XMS_STALL=${XMS_STALL:-900} \
	XMS_TIMEOUT=${XMS_TIMEOUT:-$((XMS_TEST_TIMEOUT + 600))} \
	XMS_APPEND="${XMS_APPEND:-}$args"
log "bench: kernels $KERNELS, raw output in $out"
"$XMS_HARNESS/run.sh"
rc=$?

# The BENCH lines of each console log, one file per kernel.
for r in "$XMS_BUILD"/results/amd64-*; do
	[ -f "$r/name" ] || continue
	set -- $(cat "$r/name")
	kver=$2
	cl=$XMS_BUILD/logs/amd64-$kver.log
	[ -f "$cl" ] || continue
	cp "$cl" "$out/amd64-$kver.console.log"
	raw=$out/amd64-$kver.raw
	# XMS_BENCH_PARTS (some parts only): the other parts' lines of the
	# last run stay.
	: > "$raw.new"
	if [ -n "${XMS_BENCH_PARTS:-}" ] && [ -f "$raw" ]; then
		re='^BENCH kernel '
		for p in $XMS_BENCH_PARTS; do
			case $p in
			cost) re="$re|^BENCH (cost|cost0|fill|verify) " ;;
			*) re="$re|^BENCH $p " ;;
			esac
		done
		grep -Ev "$re" "$raw" > "$raw.new" || true
	fi
	tr -d '\r' < "$cl" | grep '^BENCH ' >> "$raw.new"
	mv "$raw.new" "$raw"
done
"$XMS_HARNESS/bench-report.sh" "$out"/*.raw | tee "$out/table.txt"
if [ "${XMS_BENCH_PLOT:-0}" = 1 ]; then
	"$XMS_HARNESS/bench-plot.sh" "$XMS_REPO/doc/bench" "$out"/*.raw ||
		log "plots failed"
fi
exit $rc
}
