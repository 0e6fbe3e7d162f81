#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Print the guest test scripts (tests/vm/t_*.sh) selected by TESTS: a
# space-separated list of patterns, each matched as a substring (glob
# characters allowed) against the test name ("t_00_esp_smoke").
# Empty TESTS selects all. XMS_SKIP_TESTS (names, space-separated) are
# left out whatever TESTS says: run.sh and kernel.sh set it and say why.
# XMS_BENCH=1 (make bench, tests/harness/bench.sh): the benchmark instead.
set -eu
. "$(dirname "$0")/common.sh"

if [ "${XMS_BENCH:-0}" = 1 ]; then
	echo "$XMS_REPO/tests/vm/bench/t_bench.sh"
	exit 0
fi

for f in "$XMS_REPO"/tests/vm/t_*.sh; do
	[ -f "$f" ] || continue
	name=$(basename "$f" .sh)
	skip=
	for s in ${XMS_SKIP_TESTS:-}; do
		[ "$s" = "$name" ] && skip=1
	done
	[ -z "$skip" ] || continue
	if [ -z "${TESTS:-}" ]; then
		echo "$f"
		continue
	fi
	for pat in $TESTS; do
		# shellcheck disable=SC2254
		case $name in
		*$pat*) echo "$f"; break ;;
		esac
	done
done
