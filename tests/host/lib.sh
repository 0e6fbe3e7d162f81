# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh disable=SC2034
#
# Shared helpers of the host-side install tests (sourced, not run).
#
# Every test prints its story, ends with "HOST-TEST <name> PASS|FAIL" and
# leaves the machine as it found it: it removes any xfrm-migrate-state
# left in DKMS, /usr/src or dpkg before it starts (a failed earlier run),
# and on exit removes what it added (our DKMS tree and sources, our
# packages, the depmod files and /lib/modules/KVER directories that
# installing a module for a kernel without an image creates, a MOK key
# DKMS generated).
#
#   XMS_CACHE   harness cache (default /var/cache/xfrm-migrate-state)
#   XMS_BUILD   build outputs (default <repo>/build)

XMS_HOST=$(cd "$(dirname "$0")" && pwd)
XMS_REPO=$(cd "$XMS_HOST/../.." && pwd)
XMS_CACHE=${XMS_CACHE:-${CACHE:-/var/cache/xfrm-migrate-state}}
XMS_BUILD=${XMS_BUILD:-$XMS_REPO/build}
XMS_HARNESS=$XMS_REPO/tests/harness
export XMS_CACHE XMS_BUILD

DKMS_NAME=xfrm-migrate-state
MOD=xfrm_migrate_state
VERSION=$(cat "$XMS_REPO/VERSION")
DEBS="xfrm-migrate-state-dkms xfrm-migrate libxfrm-migrate0 libxfrm-migrate-dev"
ARCH=$(dpkg --print-architecture)
export DEBIAN_FRONTEND=noninteractive

# t_make_install.sh -> make-install
TEST_NAME=$(basename "$0" .sh | sed 's/^t_//; s/_/-/g')
nfail=0

say()  { printf '%s\n' "$*"; }
step() { printf '\n== %s\n' "$*"; }
ok()   { printf '  ok: %s\n' "$*"; }
bad()  { printf '  FAIL: %s\n' "$*"; nfail=$((nfail + 1)); }
# check DESCRIPTION COMMAND...: ok or bad by the command's exit status.
check() { d=$1; shift; if "$@"; then ok "$d"; else bad "$d"; fi; }
indent() { sed 's/^/    | /'; }
# run COMMAND...: show it and its output (indented), return its status.
run() {
	printf '  $ %s\n' "$*"
	"$@" > "$XMS_TMP/run.out" 2>&1
	rc=$?
	indent < "$XMS_TMP/run.out"
	return $rc
}
# Quieter: only the last lines of the output.
run_tail() {
	n=$1; shift
	printf '  $ %s\n' "$*"
	"$@" > "$XMS_TMP/run.out" 2>&1
	rc=$?
	if [ "$(wc -l < "$XMS_TMP/run.out")" -gt "$n" ]; then
		printf '    | ... (%s lines)\n' "$(wc -l < "$XMS_TMP/run.out")"
	fi
	tail -n "$n" "$XMS_TMP/run.out" | indent
	return $rc
}

finish() {
	if [ "$nfail" -eq 0 ]; then
		echo "HOST-TEST $TEST_NAME PASS"
		exit 0
	fi
	echo "$TEST_NAME: $nfail checks failed"
	echo "HOST-TEST $TEST_NAME FAIL"
	exit 1
}

XMS_TMP=$(mktemp -d "/tmp/xms-host-$TEST_NAME.XXXXXX")

# ---- machine state --------------------------------------------------

# Names DKMS and dpkg may leave: snapshot them before, remove the new ones
# after. Only our own names or what depmod/DKMS create for a kernel.
snapshot() {
	{
		ls -d /usr/src/* /var/lib/dkms/* 2>/dev/null
		ls -d /lib/modules/* /lib/modules/*/* 2>/dev/null
	} | sort > "$XMS_TMP/snapshot"
}
is_new() { ! grep -qxF "$1" "$XMS_TMP/snapshot"; }

# Everything of ours that dkms, dpkg or make install may have left.
leftovers() {
	dkms status -m "$DKMS_NAME" 2>/dev/null | sed 's/^/dkms status: /'
	ls -d /usr/src/$DKMS_NAME-* /var/lib/dkms/$DKMS_NAME 2>/dev/null
	find /lib/modules/ -mindepth 2 -maxdepth 5 -path '*/updates/*' \
		-name "$MOD.ko*" 2>/dev/null
	for p in $DEBS; do
		s=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
		[ -n "$s" ] && [ "$s" != not-installed ] && echo "dpkg: $p $s"
	done
	return 0
}

# Remove whatever of ours is there (a failed earlier run, a developer's
# install): the tests need a machine without xfrm-migrate-state.
remove_ours() {
	pk=
	for p in $DEBS; do
		s=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
		[ -n "$s" ] && [ "$s" != not-installed ] && pk="$pk $p"
	done
	# shellcheck disable=SC2086
	[ -n "$pk" ] && apt-get -qq purge -y $pk >/dev/null 2>&1
	for v in $(dkms status -m "$DKMS_NAME" 2>/dev/null |
		   sed -n "s#^$DKMS_NAME/\([^,:]*\).*#\1#p" | sort -u); do
		dkms remove -m "$DKMS_NAME" -v "$v" --all >/dev/null 2>&1
	done
	rm -rf /usr/src/$DKMS_NAME-* "/var/lib/dkms/$DKMS_NAME"
	find /lib/modules/ -mindepth 2 -maxdepth 5 -path '*/updates/*' \
		-name "$MOD.ko*" -delete 2>/dev/null
	return 0
}

# Start of a test: a clean slate, remembered.
begin() {
	say "$TEST_NAME: $*"
	l=$(leftovers)
	if [ -n "$l" ]; then
		say "(removing what an earlier run or install left:"
		echo "$l" | indent
		say ")"
		remove_ours
	fi
	snapshot
	trap teardown EXIT
	trap 'exit 130' INT TERM
}

# End of a test (EXIT trap): remove ours and what DKMS/depmod created.
teardown() {
	rc=$?
	remove_ours
	for k in /lib/modules/*; do
		[ -d "$k" ] || continue
		# A kernel directory we made (not one a package owns).
		if is_new "$k"; then
			dpkg -S "$k" >/dev/null 2>&1 || rm -rf "$k"
			continue
		fi
		for f in "$k"/modules.* "$k"/updates; do
			[ -e "$f" ] && is_new "$f" && rm -rf "$f"
		done
	done
	for f in /var/lib/dkms/mok.key /var/lib/dkms/mok.pub; do
		[ -e "$f" ] && is_new "$f" && rm -f "$f"
	done
	rm -rf "$XMS_TMP"
	exit $rc
}

# ---- kernels --------------------------------------------------------

# Installed headers of the newest 6.1 / 6.12+deb12 kernel (the runner
# installs them): print the kernel release.
installed_kver() { # 6.1|6.12
	case $1 in
	6.1)  re="^6\.1\.0-[0-9]+-$ARCH$" ;;
	6.12) re="^6\.12\.[0-9]+\+deb12-$ARCH$" ;;
	esac
	for b in /lib/modules/*/build; do
		[ -e "$b/include" ] || continue
		k=${b%/build}; echo "${k##*/}"
	done | grep -E "$re" | sort -V | tail -n1
}

# The extracted 5.10 headers tree of the harness (fetched when missing).
# Prints "KVER KDIR".
harness_tree() { # BRANCH
	[ -x "$XMS_HARNESS/fetch-kernel.sh" ] && [ -x "$XMS_HARNESS/resolve-kernel.sh" ] ||
		{ echo "tests/harness/fetch-kernel.sh is not there" >&2; return 1; }
	private_lists || return 1
	r=$("$XMS_HARNESS/resolve-kernel.sh" "$ARCH" "$1") || return 1
	# shellcheck disable=SC2086
	set -- $r
	"$XMS_HARNESS/fetch-kernel.sh" "$ARCH" "$1" "$2" >&2 || return 1
	d=$(readlink -f "$XMS_CACHE/k/$ARCH/$1/headers") || return 1
	[ -f "$d/Makefile" ] || return 1
	echo "$1 $d"
}

apt_private() { "$XMS_HARNESS/apt-private.sh" "$XMS_CACHE" "$@"; }

# The harness's private apt lists (other Debian suites), updated when
# older than 6 hours, like tests/harness/run.sh does.
private_lists() {
	if [ -z "$(find "$XMS_CACHE/apt/lists" -name '*_InRelease' -mmin -360 2>/dev/null)" ]; then
		apt_private update >&2 || { echo "apt update of the private lists failed" >&2; return 1; }
	fi
}

# Headers of the newest kernel with the native XFRM_MSG_MIGRATE_STATE
# (7.2+): the -ARCH and -common packages, extracted into the cache (the
# harness fetches no headers for those kernels). Prints "KVER KDIR".
native_tree() {
	private_lists || return 1
	r=$("$XMS_HARNESS/resolve-kernel.sh" "$ARCH" 7.2) || return 1
	# shellcheck disable=SC2086
	set -- $r
	kver=$1 ver=$2
	dir=$XMS_CACHE/host/native/$kver
	kdir=$dir/root/usr/src/linux-headers-$kver
	if [ "$(cat "$dir/stamp" 2>/dev/null)" != "$ver" ]; then
		debs=$XMS_CACHE/debs/$ARCH
		mkdir -p "$debs"
		rm -rf "$dir"
		mkdir -p "$dir/root"
		common=$(apt_private apt-cache show --no-all-versions \
			"linux-headers-$kver:$ARCH" 2>/dev/null | sed -n 's/^Depends: //p' |
			tr ',' '\n' | sed -n 's/^ *\(linux-headers-[^ ]*-common\).*/\1/p' | head -n1)
		[ -n "$common" ] || { echo "linux-headers-$kver: no -common in its Depends" >&2; return 1; }
		for p in "linux-headers-$kver:$ARCH" "$common"; do
			n=${p%%:*}
			f=$(ls "$debs/${n}_$(echo "$ver" | sed 's/:/%3a/')_"*.deb 2>/dev/null | head -n1)
			if [ -z "$f" ]; then
				echo "download $n $ver" >&2
				(cd "$debs" && apt_private apt-get -qq download "$p=$ver") >&2 || return 1
				f=$(ls "$debs/${n}_$(echo "$ver" | sed 's/:/%3a/')_"*.deb | head -n1)
			fi
			dpkg-deb -x "$f" "$dir/root" || return 1
		done
		[ -f "$kdir/Makefile" ] || { echo "linux-headers-$kver: no Makefile" >&2; return 1; }
		# "include /usr/src/linux-headers-X-common/Makefile"
		grep -rlZ --include=Makefile '/usr/src/' "$kdir" |
			xargs -0 -r sed -i "s#\([^/]\|^\)/usr/src/#\1$dir/root/usr/src/#g"
		echo "$ver" > "$dir/stamp"
	fi
	echo "$kver $kdir"
}

# A copy of the source tree (tracked and new files, no build output), so
# that a build never meets, nor disturbs, one in the work tree.
copy_tree() { # DEST
	mkdir -p "$1"
	git -C "$XMS_REPO" ls-files -z --cached --others --exclude-standard |
		(cd "$XMS_REPO" && xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh) |
		tar -C "$XMS_REPO" --null -T - -cf - | tar -C "$1" -xf -
}

# modinfo FIELD of a module file (also .ko.xz / .ko.zst).
modfield() { modinfo -F "$2" "$1" 2>/dev/null; }

# vermagic a stock module of that kernel carries, when the harness cache
# has the kernel's modules; empty otherwise.
stock_vermagic() { # KVER
	f=$(find "$XMS_CACHE/k/$ARCH/$1/root/lib/modules/$1/kernel/net" \
		-name 'xfrm_user.ko*' 2>/dev/null | head -n1)
	[ -n "$f" ] && modfield "$f" vermagic
}
