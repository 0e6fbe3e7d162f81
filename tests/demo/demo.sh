#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make demo [KERNEL=6.12] [ARCH=amd64] [VERBOSE=1]
#
# Boot a stock Debian kernel under QEMU and tell, live, the story of
# tests/vm/t_45_demo.sh: two IPsec peers with continuous traffic whose SAs
# are migrated five times (new IPv4 addresses, IPv4 -> IPv6, UDP
# encapsulation added, removed, new reqid) without losing a packet.
#
# It sets up what it needs by itself, with the harness of make test
# (tests/harness/): Debian packages on the host, the kernel in the cache,
# the module built for it (kernels < 7.2; 7.2+ have the message natively),
# the guest userspace, the initramfs. Then it streams the guest's story
# from the serial console and ends with the verdict of the test.
#
#   KERNEL     5.10 | 6.1 | 6.12 (default) | 7.2 (newest >= 7.2, native)
#   ARCH       amd64 (default) | arm64 (6.1 and 6.12)
#   VERBOSE=1  also every command the story runs ("+ ..." lines) and the
#              kernel's console messages
#   XMS_CACHE  download cache (default /var/cache/xfrm-migrate-state)
#   XMS_DEMO_BUILD  outputs (default build/demo: apart from make test's,
#              so both can run at the same time)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
XMS_REPO=$(cd "$here/../.." && pwd)
XMS_HARNESS=$XMS_REPO/tests/harness
XMS_CACHE=${XMS_CACHE:-${CACHE:-/var/cache/xfrm-migrate-state}}
XMS_BUILD=${XMS_DEMO_BUILD:-$XMS_REPO/build/demo}
export XMS_REPO XMS_HARNESS XMS_CACHE XMS_BUILD

kernel=${1:-${KERNEL:-6.12}}
[ -n "$kernel" ] || kernel=6.12
arch=${ARCH:-amd64}
verbose=${VERBOSE:-0}
case $kernel in
7|7.x|7.2|7.2+|native) branch=7.2 ;;
5.10|6.1|6.12) branch=$kernel ;;
*) echo "make demo: KERNEL must be 5.10, 6.1, 6.12 or 7.2 (got '$kernel')" >&2; exit 2 ;;
esac
case $arch in
amd64) ;;
arm64) case $branch in 6.1|6.12) ;; *) echo "make demo: arm64 has 6.1 and 6.12" >&2; exit 2 ;; esac ;;
*) echo "make demo: ARCH must be amd64 or arm64" >&2; exit 2 ;;
esac

t0=$(date +%s)
say() { printf 'demo: %s\n' "$*"; }
elapsed() { echo "$(( $(date +%s) - t0 )) s"; }
die() {
	printf 'demo: error: %s\n' "$1" >&2
	[ -n "${2:-}" ] && [ -f "$2" ] && tail -n 20 "$2" | sed 's/^/    | /' >&2
	exit 1
}

mkdir -p "$XMS_BUILD/logs" "$XMS_BUILD/$arch" "$XMS_CACHE"
plog=$XMS_BUILD/logs/demo-prepare.log
: > "$plog"

say "preparing the host (Debian packages; first run: a few minutes)"
"$XMS_HARNESS/host-deps.sh" "$arch" >> "$plog" 2>&1 ||
	die "installing host packages failed (log: $plog)" "$plog"
if [ -z "$(find "$XMS_CACHE/apt/lists" -name '*_InRelease' -mmin -360 2>/dev/null)" ]; then
	say "updating the private apt lists (kernels of other Debian suites)"
	"$XMS_HARNESS/apt-private.sh" "$XMS_CACHE" update >> "$plog" 2>&1 ||
		die "apt update of the private lists failed (log: $plog)" "$plog"
fi
say "building the guest userspace (xfrm-migrate, static)"
"$XMS_HARNESS/build-guest-bin.sh" "$arch" "$XMS_BUILD/$arch/guest-bin" \
	> "$XMS_BUILD/logs/$arch-guest-bin.log" 2>&1 ||
	die "building the guest userspace failed" "$XMS_BUILD/logs/$arch-guest-bin.log"
r=$("$XMS_HARNESS/resolve-kernel.sh" "$arch" "$branch" 2>> "$plog") ||
	die "no $arch $branch kernel in the apt lists (log: $plog)" "$plog"
set -- $r
kver=$1 kpkgver=$2
say "kernel: Debian linux-image-$kver $kpkgver ($arch)"

console=$XMS_BUILD/logs/$arch-$kver.log
hlog=$XMS_BUILD/logs/$arch-$branch.harness.log
res=$XMS_BUILD/results/$arch-$branch
rm -f "$console" "$hlog"

# The harness does the rest: fetch, module build, initramfs, boot, judge.
# Only the demo test runs; it gets more time than in make test.
TESTS=t_45_demo XMS_TEST_TIMEOUT=${XMS_TEST_TIMEOUT:-300} \
	"$XMS_HARNESS/kernel.sh" "$arch" "$branch" > /dev/null 2>&1 &
kpid=$!
trap 'kill $kpid 2>/dev/null; exit 130' INT TERM

# Its progress until the guest starts: the "== step" lines of its log.
seen=0
while kill -0 $kpid 2>/dev/null && [ ! -e "$console" ]; do
	if [ -f "$hlog" ]; then
		grep '^== ' "$hlog" | tail -n +$((seen + 1)) | while read -r l; do
			case $l in
			*fetch-kernel.sh*) say "fetching the kernel into $XMS_CACHE (first run: a few minutes)" ;;
			*build-module*) say "building xfrm_migrate_state.ko for $kver" ;;
			*mkoverlay.sh*) say "building the initramfs" ;;
			esac
		done
		seen=$(grep -c '^== ' "$hlog" || true)
	fi
	sleep 1
done
[ -e "$console" ] && say "booting $kver in QEMU (TCG, no KVM here) [$(elapsed)]"

# The story, live, from the serial console.
if [ -e "$console" ]; then
	tail -n +1 -F --pid=$kpid "$console" 2>/dev/null | tr -d '\r' | awk -v verbose="$verbose" '
		function out(s) { print s; fflush() }
		/^HARNESS-BOOT / { out("demo: kernel up, /init running (" $2 " " $3 ", " $4 ")"); next }
		/^HARNESS-KO ok/ { out("demo: module loaded: insmod xfrm_migrate_state.ko"); next }
		/^HARNESS-KO / { out("demo: insmod xfrm_migrate_state.ko FAILED"); next }
		/^HARNESS-MODFAIL / { out("demo: " $0); next }
		/^HARNESS-BEGIN / { on = 1; next }
		/^HARNESS-TEST / { on = 0; next }
		/^HARNESS-DONE/ { exit }
		/^HARNESS-DMESG-BEGIN/ { dm = 1; next }
		/^HARNESS-DMESG-END/ { dm = 0; next }
		/^HARNESS-/ || dm { next }
		/^\[ *[0-9]+\.[0-9]+\]/ {
			# kernel console: warnings and worse only, unless verbose
			if (verbose == 1 || $0 ~ /WARNING|BUG|Oops|Call Trace|panic/) out("kernel: " $0)
			next
		}
		!on { next }
		/^\+ / && verbose != 1 { next }
		{ out($0) }'
fi
wait $kpid 2>/dev/null || true
trap - INT TERM

# The verdict of the harness (same judge as make test).
echo
if [ ! -f "$res/summary" ]; then
	die "the harness gave no result (log: $hlog)" "$hlog"
fi
read -r p f < "$res/counts"
k=$(grep -c . "$res/kfail" || true)
if [ "$p" -eq 1 ] && [ "$f" -eq 0 ] && [ "$k" -eq 0 ]; then
	say "PASS on $arch $kver in $(elapsed) (console log: $console)"
	exit 0
fi
# The test's own output was streamed above: only the verdict lines here
# (kernel-level failures keep their log excerpt).
grep -E '^  (FAIL|kernel:)' "$res/report" || true
grep -q '^  kernel:' "$res/report" && sed -n '/^  kernel:/,$p' "$res/report" | tail -n 30
say "FAIL on $arch $kver after $(elapsed) (console log: $console; harness log: $hlog)"
exit 1
