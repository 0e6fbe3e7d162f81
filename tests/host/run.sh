#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host-side install tests: DKMS, Debian packages, make install, check-config
# on this machine (as root; they install and remove packages and DKMS
# modules, and leave the machine as they found it).
#
# Env (all optional):
#   TESTS      test name globs, e.g. "dkms*" or "deb make-install"
#              (names: t_make_install.sh -> make-install)
#   HOST_TESTS the same, taking precedence over TESTS (for tests/suite.sh,
#              where TESTS selects the VM tests)
#   XMS_CACHE  harness cache (default /var/cache/xfrm-migrate-state): the
#              5.10 and 7.x headers trees come from there
#   XMS_HOST_TIMEOUT  per-test timeout in s (default 1500: fresh-root)
#   VERBOSE=1  print every test's output, not only the failing ones'
#
# Output: one line per test, failing tests' output indented, then
# "host: N passed, M failed". Exit status non-zero on any failure.
# Logs: build/host/logs/<name>.log.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=${XMS_BUILD:-$repo/build}
logs=$build/host/logs
TESTS=${HOST_TESTS:-${TESTS:-}}
t0=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
log() { printf 'host: %s\n' "$*" >&2; }
die() { printf 'host: error: %s\n' "$*" >&2; echo "host: 0 passed, 1 failed"; exit 1; }

[ "$(id -u)" = 0 ] || die "the host tests install packages and DKMS modules: run them as root"

# One run at a time on a machine: the tests share DKMS and dpkg.
exec 9>/run/lock/xfrm-migrate-state-host-tests.lock
flock -w 1800 9 || die "another host test run holds /run/lock/xfrm-migrate-state-host-tests.lock"

# ---- what the tests need --------------------------------------------
host_lists_fresh() {
	[ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*_InRelease' -mmin -360 2>/dev/null)" ]
}
updated=
apt_update() {
	[ -n "$updated" ] && return 0
	log "apt-get update"
	apt-get -qq update >/dev/null 2>&1 || log "apt-get update failed, going on with the lists there are"
	updated=1
}
# Newest headers package of a branch, from the apt lists.
newest_headers() { # 6.1|6.12
	a=$(dpkg --print-architecture)
	case $1 in
	6.1)  re="^linux-headers-6\.1\.0-[0-9]+-$a$" ;;
	6.12) re="^linux-headers-6\.12\.[0-9]+\+deb12-$a$" ;;
	esac
	apt-cache pkgnames linux-headers- 2>/dev/null | grep -E "$re" | sort -V | tail -n1
}
missing_pkgs() {
	for p in "$@"; do
		s=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
		[ "$s" = installed ] || printf ' %s' "$p"
	done
}

host_lists_fresh || apt_update
pkgs="dkms dh-dkms debhelper build-essential dpkg-dev fakeroot libmnl-dev
	pkg-config kmod xz-utils git gcc make man-db debian-archive-keyring
	mmdebstrap lintian"
hdrs=
for b in 6.1 6.12; do
	h=$(newest_headers $b)
	if [ -z "$h" ]; then
		apt_update
		h=$(newest_headers $b)
	fi
	[ -n "$h" ] || die "no linux-headers package of $b in the apt lists"
	hdrs="$hdrs $h"
done
# shellcheck disable=SC2086
missing=$(missing_pkgs $pkgs $hdrs)
if [ -n "$missing" ]; then
	log "installing:$missing"
	# shellcheck disable=SC2086
	if ! apt-get -qq install -y --no-install-recommends $missing >/dev/null 2>&1; then
		apt_update
		# shellcheck disable=SC2086
		apt-get -qq install -y --no-install-recommends $missing >/dev/null ||
			die "apt-get install$missing failed"
	fi
fi
log "headers:$hdrs"

# ---- the tests --------------------------------------------------------
selected() { # NAME
	[ -z "$TESTS" ] && return 0
	for p in $TESTS; do
		# shellcheck disable=SC2254
		case $1 in $p) return 0 ;; esac
	done
	return 1
}
mkdir -p "$logs"
pass=0 fail=0 n=0

# judge NAME RC SECONDS: one line per test, its log when it failed.
judge() {
	l=$logs/$1.log
	verdict=$(sed -n "s/^HOST-TEST $1 \(PASS\|FAIL\)$/\1/p" "$l" | tail -n1)
	if [ "$verdict" = PASS ] && [ "$2" -eq 0 ]; then
		pass=$((pass + 1))
		echo "HOST-TEST $1 PASS [$3 s]"
		[ "${VERBOSE:-0}" = 1 ] && sed 's/^/    /' "$l"
	else
		fail=$((fail + 1))
		why=
		[ -z "$verdict" ] && why=" (no verdict, exit $2$([ "$2" -eq 124 ] && echo ": timed out"))"
		echo "HOST-TEST $1 FAIL [$3 s]$why"
		sed 's/^/    /' "$l"
	fi
}

# run_one NAME FILE: run a test under its timeout; "RC SECONDS" in
# $logs/NAME.rc.
run_one() {
	s0=$(date +%s)
	timeout -k 30 "${XMS_HOST_TIMEOUT:-1500}" sh "$2" > "$logs/$1.log" 2>&1
	echo "$? $(( $(date +%s) - s0 ))" > "$logs/$1.rc"
}

# A test whose file says "# host-test: background" shares nothing with the
# others (fresh-root: a chroot with its own dpkg): it runs alongside them,
# on the core they leave idle, and is judged last.
bg=
for t in "$here"/t_*.sh; do
	name=$(basename "$t" .sh | sed 's/^t_//; s/_/-/g')
	selected "$name" || continue
	n=$((n + 1))
	if grep -q '^# host-test: background$' "$t"; then
		bg="$bg $name"
		run_one "$name" "$t" &
		continue
	fi
	run_one "$name" "$t"
	read -r rc dt < "$logs/$name.rc"
	judge "$name" "$rc" "$dt"
done
wait
for name in $bg; do
	read -r rc dt < "$logs/$name.rc" || { rc=1 dt=0; }
	judge "$name" "$rc" "$dt"
done
[ "$n" -gt 0 ] || die "no host test selected (TESTS='$TESTS')"
echo "logs: ${logs#"$repo"/}/  [$(( $(date +%s) - t0 )) s]"
echo "host: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
