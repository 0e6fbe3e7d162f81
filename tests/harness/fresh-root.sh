#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Does the test bed prepare a machine by itself? A minimal Debian 12 root
# (mmdebstrap --variant=minbase; the untouched base is cached as a tarball
# for a week) gets a copy of the repository and nothing else. Inside it,
# as root in a chroot of its own mount namespace, the harness's own
# preparation and builds run exactly as "make test" runs them:
#
#   tests/harness/run.sh with XMS_BUILD_ONLY=1 KERNELS=6.1 ARCHES="amd64 arm64"
#       host-deps.sh, the private apt lists, the guest userspace of both
#       architectures, and for 6.1 on each the module, the base
#       initramfs, the guest's Python and the overlay (nothing boots)
#   make deb
#       the four Debian packages, build dependencies installed by
#       debian/make-deb.sh
#
# Downloads are shared with the host's cache (debs/, apt/ and apt's own
# archives); everything extracted or built is made anew in the root. A
# command, header or package the harness uses but does not install fails
# the check, and the lines naming it are printed as "missing: ...".
#
# Usage: fresh-root.sh [LOGDIR]   (default build/fresh-root; exit 0 = pass)
#   XMS_FRESH_KEEP=1  keep the root (printed) for a look inside
set -eu
. "$(dirname "$0")/common.sh"

logs=${1:-$XMS_BUILD/fresh-root}
top=$XMS_CACHE/fresh-root
base=$top/bookworm-minbase.tar
rm -rf "$logs"
mkdir -p "$logs" "$top/apt-archives" "$XMS_CACHE/debs" "$XMS_CACHE/apt"
[ "$(id -u)" = 0 ] || die "fresh-root.sh needs root (mmdebstrap, chroot, mounts)"
command -v mmdebstrap > /dev/null ||
	die "mmdebstrap is not installed (tests/host/run.sh installs it)"

exec 8> "$top/lock"
flock 8

if [ -z "$(find "$base" -mmin -10080 2>/dev/null)" ]; then
	main=$(apt_private mirror debian)
	sec=$(apt_private mirror debian-security)
	log "fresh root: mmdebstrap minbase bookworm"
	mmdebstrap --quiet --mode=root --format=tar --variant=minbase bookworm "$base.new" \
		"deb $main bookworm main" "deb $sec bookworm-security main" \
		> "$logs/mmdebstrap.log" 2>&1 ||
		{ tail -n 20 "$logs/mmdebstrap.log" >&2; die "mmdebstrap failed"; }
	mv "$base.new" "$base"
fi

root=$(mktemp -d /var/tmp/xms-fresh-root.XXXXXX)
cleanup() {
	if [ "${XMS_FRESH_KEEP:-0}" = 1 ]; then
		log "fresh root kept in $root"
	else
		rm -rf "$root"
	fi
}
trap cleanup EXIT
tar -C "$root" -xf "$base"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mkdir -p "$root/src/xms" "$root/var/cache/xfrm-migrate-state/debs" \
	"$root/var/cache/xfrm-migrate-state/apt"
# The repository's files, no build products.
if git -C "$XMS_REPO" rev-parse --git-dir > /dev/null 2>&1; then
	(cd "$XMS_REPO" && git ls-files -co --exclude-standard -z |
		tar --null -T - -cf -) | tar -C "$root/src/xms" -xf -
else
	tar -C "$XMS_REPO" --exclude=./build -cf - . | tar -C "$root/src/xms" -xf -
fi

# What runs in the root: the test bed's preparation and builds, then a
# control showing that the check sees a missing package: without
# libc6-dev-arm64-cross (issue 16's bug) the arm64 userspace must fail.
cat > "$root/src/fresh-root-run.sh" <<'EOS'
#!/bin/sh
cd /src/xms || exit 1
export XMS_BUILD_ONLY=1 KERNELS=6.1 ARCHES="amd64 arm64" XMS_JOBS=2
echo "== tests/harness/run.sh (XMS_BUILD_ONLY, 6.1 amd64 + arm64)"
tests/harness/run.sh > /tmp/run.log 2>&1
rc_run=$?
sed 's/^\([0-9]* passed, [0-9]* failed\)$/run.sh: \1/' /tmp/run.log
echo "== make deb"
make deb > build/make-deb.log 2>&1
rc_deb=$?
tail -n 3 build/make-deb.log
ls build/deb/*.deb 2>/dev/null
echo "== control: arm64 userspace without libc6-dev-arm64-cross"
# Only that package: the cross compiler must stay for the check to mean it.
dpkg -r --force-depends libc6-dev-arm64-cross > /dev/null 2>&1
command -v aarch64-linux-gnu-gcc > /dev/null || echo "control: the cross compiler went too"
if tests/harness/build-guest-bin.sh arm64 /tmp/control-bin > build/control.log 2>&1; then
	rc_ctl=1
else
	rc_ctl=0
fi
grep -m1 'wordsize' /tmp/control-bin.log || rc_ctl=1
echo "fresh-root: run.sh $rc_run, make deb $rc_deb, control $rc_ctl"
[ "$rc_run" -eq 0 ] && [ "$rc_deb" -eq 0 ] && [ "$rc_ctl" -eq 0 ]
EOS

log "fresh root: building in $root"
t0=$(date +%s)
rc=0
unshare --mount --propagation private sh -eu -c '
	r=$1 c=$2 a=$3
	mount -t proc proc "$r/proc"
	mount --rbind /dev "$r/dev"
	mount --rbind /sys "$r/sys"
	mount -t tmpfs tmpfs "$r/run"
	mount -t tmpfs tmpfs "$r/tmp"
	mount --bind "$c/debs" "$r/var/cache/xfrm-migrate-state/debs"
	mount --bind "$c/apt" "$r/var/cache/xfrm-migrate-state/apt"
	mount --bind "$a" "$r/var/cache/apt/archives"
	exec chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
		/bin/sh /src/fresh-root-run.sh
' fresh-root "$root" "$XMS_CACHE" "$top/apt-archives" > "$logs/run.log" 2>&1 || rc=$?
log "fresh root: done in $(( $(date +%s) - t0 )) s, status $rc"

# Keep the logs the builds wrote, then name what was missing.
cp -r "$root/src/xms/build/logs" "$logs/harness-logs" 2>/dev/null || true
cp "$root/src/xms/build/make-deb.log" "$logs/" 2>/dev/null || true
for f in "$root"/src/xms/build/*/*/mod/build.log; do
	[ -f "$f" ] || continue
	k=${f#"$root/src/xms/build/"}
	cp "$f" "$logs/module-$(echo "${k%/mod/build.log}" | tr / -).log"
done
grep -rhE ': not found$|command not found|: No such file or directory|Unable to locate package|is not installed' \
	"$logs" --include='*.log' 2>/dev/null | grep -v '^+' | sort -u | head -n 20 |
	sed 's/^/missing: /' > "$logs/missing"
cat "$logs/run.log"
if [ "$rc" -ne 0 ]; then
	cat "$logs/missing"
	for f in "$logs"/harness-logs/*.log; do
		[ -f "$f" ] || continue
		echo "---- ${f##*/} (tail)"
		tail -n 6 "$f"
	done
	exit 1
fi
exit 0
