#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make test: build the module for every kernel of the matrix, boot each
# kernel under QEMU with the guest tests, and report.
#
# Env (all optional):
#   KERNELS   branches to run: "debug 5.10 6.1 6.12 7.2" (the default;
#             7.2 = newest >= 7.2; debug = debug-build.sh's 6.12, amd64)
#   ARCHES    "amd64 arm64" (arm64 runs 6.1 and 6.12 only)
#   TESTS     test name patterns (substring/glob), e.g. "esp family"
#   XMS_CACHE cache directory (default /var/cache/xfrm-migrate-state; CACHE too)
#   XMS_JOBS  kernels booted at the same time (default: cores + 1; a
#             guest idles about a sixth of its run, in sleeps and pings)
#   XMS_TEST_TIMEOUT per-test timeout in the guest, s (default 120)
#   VERBOSE=1 print the console log of every kernel
#   XMS_BUILD_ONLY=1 build everything each kernel's boot needs (module,
#             initramfs), boot nothing; one check per kernel
#
# Output: one line per kernel, failing tests' output indented, then
# "N passed, N failed" (tests over all kernels; a kernel-level failure
# - build, taint, oops/WARN, hang - counts one more failure). Exit status
# non-zero on any failure. Logs: build/logs/.
set -u
. "$(dirname "$0")/common.sh"

# The whole script is one group, parsed before it runs: editing run.sh
# (git pull) while a run is going on cannot derail that run.
{

ARCHES=${ARCHES:-amd64 arm64}
KERNELS=${KERNELS:-}
export TESTS=${TESTS:-}
# t_97_stress runs with make stress only (XMS_SKIP_TESTS= there): on
# arm64 6.12 its last check once found the traffic SAs carrying nothing
# after the stress, not yet understood (README, issue 11).
export XMS_SKIP_TESTS=${XMS_SKIP_TESTS-t_97_stress}
jobs=${XMS_JOBS:-$(( $(nproc) + 1 ))}
t0=$(date +%s)

matrix() {
	for a in $ARCHES; do
		case $a in
		# The debug kernel first: its run is the longest.
		amd64) all="debug 5.10 6.1 6.12 7.2" ;;
		arm64) all="6.1 6.12" ;;
		*) die "unknown arch '$a' (amd64, arm64)" ;;
		esac
		for b in $all; do
			if [ -n "$KERNELS" ]; then
				hit=
				for k in $KERNELS; do
					[ "$(norm_branch "$k")" = "$b" ] && hit=1
				done
				[ -n "$hit" ] || continue
			fi
			echo "$a $b"
		done
	done
}
if [ "${XMS_DEBUG:-0}" = 1 ]; then
	list="amd64 debug"	# make test-debug: debug-build.sh's kernel only
	ARCHES=amd64
else
	list=$(matrix)
fi
[ -n "$list" ] || die "no kernel selected (KERNELS='$KERNELS' ARCHES='$ARCHES')"
ntests=$("$XMS_HARNESS/select-tests.sh" | grep -c .)
[ "${XMS_BUILD_ONLY:-0}" = 1 ] && log "XMS_BUILD_ONLY: building, not booting"
[ "$ntests" -gt 0 ] || die "no test selected (TESTS='$TESTS')"

mkdir -p "$XMS_CACHE" "$XMS_BUILD/logs" "$XMS_BUILD/results"
# One run at a time per build directory (and the machine has 2 cores).
exec 9> "$XMS_BUILD/.lock"
if ! flock -n 9; then
	log "another make test is running in this tree, waiting for it"
	flock 9
fi
rm -rf "$XMS_BUILD/results"/*
"$XMS_HARNESS/host-deps.sh" $ARCHES || die "installing host packages failed"
log "cache $XMS_CACHE; kernels: $(echo "$list" | tr '\n' ',' | sed 's/,$//; s/,/, /g'); $ntests tests"
apt_private_fresh || die "apt update of the private lists failed"

# Guest userspace, once per architecture, before any guest boots. An
# architecture whose userspace does not build is one failure: its kernels
# are not booted (every test would fail the same way).
gfail=
for a in $ARCHES; do
	mkdir -p "$XMS_BUILD/$a"
	if ! "$XMS_HARNESS/build-guest-bin.sh" "$a" "$XMS_BUILD/$a/guest-bin" \
		> "$XMS_BUILD/logs/$a-guest-bin.log" 2>&1; then
		gfail="$gfail $a"
		log "$a guest userspace did not build; its kernels are not booted:"
		tail -n 5 "$XMS_BUILD/logs/$a-guest-bin.log" | sed 's/^/    /' >&2
	fi
done
for a in $gfail; do
	list=$(echo "$list" | grep -v "^$a " || true)
done

# Kernels, $jobs at a time.
running=0
echo "$list" | {
	while read -r a b; do
		[ -n "$a" ] || continue
		if [ "$running" -ge "$jobs" ]; then
			wait -n 2>/dev/null || wait
			running=$((running - 1))
		fi
		log "start $a $b"
		( "$XMS_HARNESS/kernel.sh" "$a" "$b"
		  log "done  $(cat "$XMS_BUILD/results/$a-$b/summary" 2>/dev/null)" ) &
		running=$((running + 1))
	done
	wait
}

# Report.
echo
pass=0 fail=0
for a in $gfail; do
	echo "$a guest userspace: build failed, $a kernels not booted (log: build/logs/$a-guest-bin.log)"
	sed 's/^/    /' "$XMS_BUILD/logs/$a-guest-bin.log" | tail -n 8
	fail=$((fail + 1))
done
echo "$list" | while read -r a b; do
	[ -n "$a" ] || continue
	r=$XMS_BUILD/results/$a-$b
	if [ ! -f "$r/summary" ]; then
		echo "$a $b: no result (harness error, see build/logs/$a-$b.harness.log)"
		continue
	fi
	cat "$r/summary"
	cat "$r/report"
	[ "${VERBOSE:-0}" = 1 ] && [ -f "$r/console.log" ] && sed 's/^/    | /' "$r/console.log"
done
for x in $(echo "$list" | tr ' ' '-'); do
	r=$XMS_BUILD/results/$x
	if [ -f "$r/counts" ]; then
		read -r p f < "$r/counts"
		k=$(grep -c . "$r/kfail")
		[ "$k" -gt 1 ] && k=1
		pass=$((pass + p)) fail=$((fail + f + k))
	else
		fail=$((fail + 1))
	fi
done
echo "logs: $XMS_BUILD/logs/  [$(( $(date +%s) - t0 )) s]"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
exit
}
