#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Everything for one kernel of the matrix: resolve the newest version,
# fetch it, build the module (kernels < 7.2), build the initramfs, boot,
# judge. Step output goes to build/logs/ARCH-BRANCH.harness.log, the serial
# console to build/logs/ARCH-KVER.log; the verdict to
# build/results/ARCH-BRANCH/{summary,counts,kfail,report}.
#
# Usage: kernel.sh ARCH BRANCH
#        XMS_INTERACTIVE=1 kernel.sh ARCH BRANCH   (vm-shell: console on stdio)
#        XMS_BUILD_ONLY=1 kernel.sh ARCH BRANCH    (build the initrd, no boot)
set -u
. "$(dirname "$0")/common.sh"

arch=$1 branch=$(norm_branch "$2")
res=$XMS_BUILD/results/$arch-$branch
hlog=$XMS_BUILD/logs/$arch-$branch.harness.log
rm -rf "$res"
mkdir -p "$res" "$XMS_BUILD/logs"
: > "$hlog"
: > "$res/kfail"
: > "$res/report"
echo "0 0" > "$res/counts"
name="$arch $branch"
t0=$(date +%s)

finish() {
	read -r p f < "$res/counts"
	# Any number of kernel-level problems count as one failure.
	k=$(grep -c . "$res/kfail")
	[ "$k" -gt 1 ] && k=1
	echo "$name: $p passed, $((f + k)) failed$( [ "$k" -gt 0 ] &&
		echo " (1 of them kernel-level)") [$(( $(date +%s) - t0 )) s]" > "$res/summary"
	exit 0
}
# A step failed before the guest could run: kernel-level failure.
abort() {
	echo "$1" >> "$res/kfail"
	printf '  kernel: %s\n' "$1" >> "$res/report"
	[ -n "${2:-}" ] && tail -n "${3:-25}" "$2" | sed 's/^/      /' >> "$res/report"
	[ "${XMS_INTERACTIVE:-0}" = 1 ] && { cat "$res/report" >&2; exit 1; }
	finish
}
step() { echo "== [+$(( $(date +%s) - t0 ))s] $*" >> "$hlog"; "$@" >> "$hlog" 2>&1; }

if [ "$branch" = debug ]; then
	# make test-debug: lockdep/KASAN/kmemleak build of Debian's 6.12.
	r=$("$XMS_HARNESS/debug-build.sh" 2>>"$hlog") ||
		abort "building the debug kernel failed" "$hlog"
	XMS_APPEND="panic_on_warn=1 ${XMS_APPEND:-}"
	XMS_MEM=${XMS_MEM:-2G}
	# KASAN and lockdep make it several times slower than the stock
	# kernels: the demo and the algorithm tests need more than 120 s.
	XMS_TEST_TIMEOUT=${XMS_TEST_TIMEOUT:-300}
	# A test that cannot run there, or proves nothing there the stock
	# kernels do not, says so in a line "# xms-debug: skip REASON".
	for f in "$XMS_REPO"/tests/vm/t_*.sh; do
		why=$(sed -n 's/^# xms-debug: skip //p' "$f" | head -n1)
		[ -n "$why" ] || continue
		t=$(basename "$f" .sh)
		XMS_SKIP_TESTS="${XMS_SKIP_TESTS:-} $t"
		echo "  note: not run on the debug kernel: $t ($why)" >> "$res/report"
	done
	export XMS_MEM XMS_TEST_TIMEOUT XMS_SKIP_TESTS
else
	r=$("$XMS_HARNESS/resolve-kernel.sh" "$arch" "$branch" 2>>"$hlog") ||
		abort "no $arch $branch kernel in the apt lists" "$hlog"
	# One kernel of the matrix boots with two vCPUs: the window t_29
	# looks for (packets meeting a swap) exists only with a second CPU.
	if [ "$arch-$branch" = amd64-6.12 ] && [ -z "${XMS_SMP:-}" ]; then
		XMS_SMP=2
		export XMS_SMP
		echo "  note: 2 vCPUs (t_29's window needs a second CPU)" >> "$res/report"
	fi
fi
set -- $r
kver=$1 ver=$2
if is_native_kver "$kver"; then backend=native; else backend=module; fi
name="$arch $kver ($backend)"
echo "$name" > "$res/name"

step "$XMS_HARNESS/fetch-kernel.sh" "$arch" "$kver" "$ver" ||
	abort "fetching $kver $ver failed" "$hlog"

# An older release of the same branch is not needed any more.
case $branch in
5.10) old="5.10.0-*-$arch" ;;
6.1) old="6.1.0-*-$arch" ;;
6.12) old="6.12.*+deb12-$arch" ;;
7.2) old="[7-9].*+deb*-$arch" ;;
*) old= ;;
esac
if [ -n "$old" ]; then
	for d in "$XMS_CACHE/k/$arch"/$old; do
		[ -d "$d" ] && [ "${d##*/}" != "$kver" ] || continue
		o=${d##*/}
		is_native_kver "$o" && [ "$branch" != 7.2 ] && continue
		echo "== prune $o (now $kver)" >> "$hlog"
		rm -rf "$d" "$d.lock"
		rm -f "$XMS_CACHE/debs/$arch"/*"$o"_*.deb
	done
fi

out=$XMS_BUILD/$arch/$kver
mkdir -p "$out"
ko=-
if [ $backend = module ]; then
	echo "== [+$(( $(date +%s) - t0 ))s] build-module" >> "$hlog"
	if ! "$XMS_HARNESS/build-module.sh" "$arch" "$kver" "$out/mod" >> "$hlog" 2>&1; then
		cat "$out/mod/build.log" >> "$hlog" 2>/dev/null
		abort "module build failed (log: $out/mod/build.log)" "$out/mod/build.log" 30
	fi
	ko=$out/mod/src/xfrm_migrate_state.ko
	# The module DKMS built in the host suite (tests/host), when it comes
	# from the same sources: the guest then proves the DKMS build works.
	dko=$XMS_BUILD/dkms/$kver/xfrm_migrate_state.ko
	if [ -f "$dko" ] && [ "$(modinfo -F srcversion "$dko" 2>/dev/null)" = \
		"$(modinfo -F srcversion "$ko" 2>/dev/null)" ]; then
		ko=$dko
		echo "== using the DKMS-built module $dko" >> "$hlog"
		echo "  note: the guest loads the DKMS-built module" >> "$res/report"
	fi
fi

base=$("$XMS_HARNESS/mkinitramfs-base.sh" "$arch" "$kver" 2>>"$hlog") ||
	abort "building the base initramfs failed" "$hlog"
step "$XMS_HARNESS/mkoverlay.sh" "$arch" "$kver" "$backend" \
	"$XMS_BUILD/$arch/guest-bin" "$ko" "$out/overlay.cpio.gz" ||
	abort "building the overlay initramfs failed" "$hlog"
py=$("$XMS_HARNESS/python-layer.sh" "$arch" 2>>"$hlog") ||
	abort "building the guest's Python (for ynl) failed" "$hlog"
cat "$base" "$py" "$out/overlay.cpio.gz" > "$out/initrd.cpio.gz"
cp "$out/overlay.cpio.gz.tests" "$res/tests"

# XMS_BUILD_ONLY=1 (fresh-root.sh): everything a boot needs is built; that
# is the one check, and nothing boots.
if [ "${XMS_BUILD_ONLY:-0}" = 1 ]; then
	echo "== built $out/initrd.cpio.gz; XMS_BUILD_ONLY: no boot" >> "$hlog"
	echo "1 0" > "$res/counts"
	finish
fi
if [ "${XMS_INTERACTIVE:-0}" = 1 ]; then
	exec "$XMS_HARNESS/boot.sh" "$arch" "$XMS_CACHE/k/$arch/$kver/vmlinuz" \
		"$out/initrd.cpio.gz" - XMS_SHELL=1 ${XMS_APPEND:-}
fi
log=$XMS_BUILD/logs/$arch-$kver.log
echo "== boot $(wc -l < "$res/tests") tests, console: $log" >> "$hlog"
b0=$(date +%s)
boot_once() {
	step "$XMS_HARNESS/boot.sh" "$arch" "$XMS_CACHE/k/$arch/$kver/vmlinuz" \
		"$out/initrd.cpio.gz" "$log" ${XMS_APPEND:-} ||
		abort "could not start QEMU" "$hlog"
}
boot_once
# A kernel that dies before /init ran nothing of ours (the module is
# loaded by /init, and no test ran): it boots once more, and the report
# says what the first boot hit. (Seen once: the debug kernel's KASAN in
# an interrupt during identify_cpu() under TCG.) Two such boots fail.
if ! grep -q '^HARNESS-BOOT ' "$log"; then
	first=$(grep -m1 -E 'BUG:|Kernel panic|Oops|WARNING:' "$log" |
		sed 's/^\[[ 0-9.]*\] //')
	mv "$log" "$log.first-boot"
	echo "  note: the first boot died before /init (${first:-no report line}; console: $log.first-boot); booted again" >> "$res/report"
	echo "== the first boot died before /init; booting again" >> "$hlog"
	boot_once
fi
echo "== boot took $(( $(date +%s) - b0 )) s" >> "$hlog"
# parse-log.sh writes the report anew: keep the notes made before it.
cp "$res/report" "$res/notes"
"$XMS_HARNESS/parse-log.sh" "$log" "$res/tests" "$backend" "$res" >> "$hlog" 2>&1
cat "$res/notes" >> "$res/report"
finish
