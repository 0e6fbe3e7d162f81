#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The fast lane of "make test", run first (minutes): the kernel style of
# the module (scripts/checkpatch.sh), the syntax of every shell script (sh
# -n or bash -n after its shebang; sourced files without one are sh),
# the errors shellcheck finds, and the builds for every stock kernel. Prints
# "N passed, N failed" (one check per lint) and exits non-zero on any
# finding.
#
# Usage: tests/lint.sh [checkpatch] [shell] [builds]   (default: all three;
#        make checkpatch, make shellcheck, make lint)
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo" || exit 1
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "lint: $1: ok"; }
bad() { fail=$((fail + 1)); echo "lint: $1: FAILED"; }
lints=${*:-checkpatch shell builds}
want() { case " $lints " in *" $1 "*) return 0 ;; esac; return 1; }

tests/harness/host-deps.sh ||
	{ echo "lint: installing the host packages failed"; echo "0 passed, 1 failed"; exit 1; }

if want checkpatch; then
	if scripts/checkpatch.sh; then ok checkpatch; else bad checkpatch; fi
fi

if want shell; then
	# Shell scripts: *.sh and files whose first line is a sh/bash shebang.
	scripts=$(git ls-files -co --exclude-standard 2>/dev/null | grep -v '^build/' |
		while read -r f; do
			[ -f "$f" ] || continue
			case $f in
			*.sh) echo "$f" ;;
			*) head -n1 "$f" | grep -qE '^#!.*/(env )?(ba)?sh( |$)' && echo "$f" ;;
			esac
		done)
	n=0 syn=0 sc=0
	for f in $scripts; do
		n=$((n + 1))
		sh="sh"
		head -n1 "$f" | grep -q bash && sh=bash
		if ! $sh -n "$f"; then
			echo "  $f: $sh -n failed"
			syn=$((syn + 1))
		fi
		# Parse errors are sh -n's job (SC1072/SC1073 misread some $(( $() ))).
		if ! shellcheck -s "$sh" -S error -e SC1072,SC1073 -f gcc "$f"; then
			sc=$((sc + 1))
		fi
	done
	if [ "$syn" -eq 0 ]; then ok "syntax of $n shell scripts"; else bad "syntax: $syn of $n scripts"; fi
	if [ "$sc" -eq 0 ]; then ok "shellcheck -S error, $n scripts"; else bad "shellcheck: $sc of $n scripts"; fi
fi

if want builds; then
	# The module and each guest's initramfs, built for every stock kernel of
	# the matrix without booting (XMS_BUILD_ONLY): a build break shows here,
	# and the vm suite reuses what was built. The debug kernel is the vm
	# suite's to build (13 minutes).
	out=$(mktemp)
	if XMS_BUILD_ONLY=1 KERNELS="5.10 6.1 6.12 7.2" tests/harness/run.sh > "$out" 2>&1; then
		ok "builds for the stock kernels: $(tail -n1 "$out")"
	else
		sed 's/^/  /' "$out" | tail -n 40
		bad "builds for the stock kernels"
	fi
	rm -f "$out"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
