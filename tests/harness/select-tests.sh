#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Print the guest test scripts (tests/vm/t_*.sh) selected by TESTS: a
# space-separated list of patterns, each matched as a substring (glob
# characters allowed) against the test name ("t_00_esp_smoke").
# Empty TESTS selects all.
set -eu
. "$(dirname "$0")/common.sh"

for f in "$XMS_REPO"/tests/vm/t_*.sh; do
	[ -f "$f" ] || continue
	name=$(basename "$f" .sh)
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
