#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make test: every suite of the project, then one total.
#
#   lint   the fast lane, first: checkpatch --strict, shell syntax and
#          shellcheck errors (tests/lint.sh); on a finding the later
#          suites do not run (XMS_KEEP_GOING=1 runs them anyway)
#   unit   host-side unit tests of the library and CLI (make -C tools check)
#   host   install tests: DKMS, Debian packages, make install (tests/host)
#   vm     the matrix under QEMU (tests/harness/run.sh): the stock kernels
#          and the debug 6.12 (lockdep, KASAN, kmemleak), in one pool
#   debug  the debug kernel alone (make test-debug)
#
# SUITES selects (default: lint unit host vm; with KERNELS or TESTS given, "vm").
# Each suite prints its own report; the last line is the total
# "N passed, N failed" over all of them. Exit status non-zero on any failure.
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo" || exit 1
# Run as from a shell, not as a sub-make of "make test": dkms, for one,
# reads a kernel variable with "make -f -", whose output a sub-make
# pollutes with "Entering directory" lines.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
# Only fresh-root.sh builds without booting (run.sh directly): a test run
# that boots nothing must not count as passed.
unset XMS_BUILD_ONLY

if [ -z "${SUITES:-}" ]; then
	if [ -n "${KERNELS:-}${TESTS:-}" ]; then
		SUITES=vm
	else
		SUITES="lint unit host vm"
	fi
fi

total_pass=0 total_fail=0
summary=
t0=$(date +%s)

# add NAME PASS FAIL
add() {
	total_pass=$((total_pass + $2))
	total_fail=$((total_fail + $3))
	summary="$summary$(printf '%-6s %4d passed, %d failed' "$1" "$2" "$3")
"
}

# The last "N passed, M failed" line of a suite's output, or one failure.
counts_of() {
	sed -n 's/^\(host: \)\{0,1\}\([0-9]\+\) passed, \([0-9]\+\) failed$/\2 \3/p' "$1" | tail -n1
}

run_suite() {
	name=$1
	shift
	out=$(mktemp)
	echo "==== $name: $*"
	"$@" 2>&1 | tee "$out"
	rc=${PIPESTATUS[0]}
	c=$(counts_of "$out")
	rm -f "$out"
	if [ -z "$c" ]; then
		echo "$name: no result line (exit status $rc)"
		add "$name" 0 1
		return
	fi
	# shellcheck disable=SC2086
	set -- $c
	if [ "$rc" -ne 0 ] && [ "$2" -eq 0 ]; then
		add "$name" "$1" 1	# failed without a failing test: count it
	else
		add "$name" "$1" "$2"
	fi
}

unit_suite() {
	tests/harness/host-deps.sh || return 1
	ksrc=$(tests/harness/ynl-source.sh) || return 1
	out=$(mktemp)
	make -s -C tools check KSRC="$ksrc" 2>&1 | tee "$out"
	rc=${PIPESTATUS[0]}
	# "GROUP N checks, M failed" per group, "SUMMARY: spec PASS|FAIL"
	p=$(awk '/ checks, [0-9]+ failed$/ && !/^SUMMARY/ { if ($(NF-1) + 0 == 0) n++ } END { print n + 0 }' "$out")
	f=$(awk '/ checks, [0-9]+ failed$/ && !/^SUMMARY/ { if ($(NF-1) + 0 != 0) n++ } END { print n + 0 }' "$out")
	if grep -q '^SUMMARY: spec PASS' "$out"; then
		p=$((p + 1))
	elif grep -q '^SUMMARY: spec' "$out"; then
		f=$((f + 1))
	fi
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	rm -f "$out"
	echo "$p passed, $f failed"
}

for s in $SUITES; do
	case $s in
	lint)
		run_suite lint tests/lint.sh
		if [ "$total_fail" -gt 0 ] && [ "${XMS_KEEP_GOING:-0}" != 1 ]; then
			echo "lint failed: the other suites are not run (XMS_KEEP_GOING=1 runs them)"
			break
		fi
		;;
	unit)	run_suite unit unit_suite ;;
	host)	run_suite host tests/host/run.sh ;;
	vm)	run_suite vm tests/harness/run.sh ;;
	debug)	run_suite debug tests/harness/debug-kernel.sh ;;
	*)	echo "unknown suite '$s' (lint unit host vm debug)"; add "$s" 0 1 ;;
	esac
done

echo
echo "==== summary [$(( $(date +%s) - t0 )) s]"
printf '%s' "$summary"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
