# SPDX-License-Identifier: GPL-2.0
#
# Shared settings for the harness scripts (sourced, not run).
#
#   XMS_CACHE (or CACHE)  downloads and extracted kernel trees
#                         (default /var/cache/xfrm-migrate-state)
#   build/                per-run outputs under the repository (gitignored)

XMS_HARNESS=$(cd "$(dirname "$0")" && pwd)
XMS_REPO=$(cd "$XMS_HARNESS/../.." && pwd)
XMS_CACHE=${XMS_CACHE:-${CACHE:-/var/cache/xfrm-migrate-state}}
XMS_BUILD=${XMS_BUILD:-$XMS_REPO/build}
export XMS_HARNESS XMS_REPO XMS_CACHE XMS_BUILD

log() { printf 'harness: %s\n' "$*" >&2; }
die() { printf 'harness: error: %s\n' "$*" >&2; exit 1; }

# repo_files PATH...: the repository's files under PATH... (relative to
# the repository) that exist: git's list less files deleted from the work
# tree, or every file outside a git checkout; never build output. Run
# from $XMS_REPO.
repo_files() {
	{ git ls-files -co --exclude-standard -- "$@" 2>/dev/null || find "$@" -type f; } |
		grep -Ev '^(tools/build|src/generated)/' |
		while read -r _f; do [ -f "$_f" ] && echo "$_f"; done
}

apt_private() { "$XMS_HARNESS/apt-private.sh" "$XMS_CACHE" "$@"; }

# pack_cpio DIR: DIR's contents as a gzip'ed newc archive (owned by root,
# sorted) on stdout, the form the kernel unpacks as an initramfs.
pack_cpio() {
	(cd "$1" && find . -mindepth 1 | sort | cpio -o -H newc -R 0:0 --quiet) | gzip -1
}

# apt_field PKG[:ARCH] FIELD: a field of the candidate version, e.g. Version.
apt_field() {
	apt_private apt-cache show --no-all-versions "$1" 2>/dev/null |
		sed -n "s/^$2: //p" | head -n1
}

# deb_download DIR PKG[:ARCH] [VERSION]: the package's .deb in DIR,
# downloaded unless already there (default: the candidate version); prints
# the file name.
deb_download() {
	_dir=$1 _p=$2 _v=${3:-}
	[ -n "$_v" ] || _v=$(apt_field "$_p" Version)
	[ -n "$_v" ] || die "$_p: not found in the apt lists"
	_f=$_dir/${_p%%:*}_$(echo "$_v" | sed 's/:/%3a/')_$(apt_field "$_p" Architecture).deb
	if [ ! -s "$_f" ]; then
		mkdir -p "$_dir"
		log "download $_p $_v"
		(cd "$_dir" && apt_private apt-get -qq download "$_p=$_v") >&2 ||
			die "apt-get download $_p=$_v failed"
	fi
	[ -s "$_f" ] || die "downloaded $_p but $_f is missing"
	echo "$_f"
}

# The private apt lists, updated when missing or older than 6 hours.
# apt-private.sh runs one update at a time (its update.lock; the host
# suite's fresh root shares the lists).
apt_private_fresh() {
	[ -n "$(find "$XMS_CACHE/apt/lists" -name '*_InRelease' -mmin -360 2>/dev/null)" ] ||
		apt_private update
}

# Branch of the matrix: 5.10 6.1 6.12 7.2 ("7.2" means newest >= 7.2).
norm_branch() {
	case $1 in
	7|7.x|7.2|7.2+|native) echo 7.2 ;;
	*) echo "$1" ;;
	esac
}

# Kernels >= 7.2 have XFRM_MSG_MIGRATE_STATE natively: no module there.
is_native_kver() {
	v=${1%%-*}; v=${v%%+*}
	maj=${v%%.*}; rest=${v#*.}; min=${rest%%.*}
	[ "$maj" -gt 7 ] || { [ "$maj" -eq 7 ] && [ "$min" -ge 2 ]; }
}

qemu_arch() { case $1 in amd64) echo x86_64 ;; arm64) echo aarch64 ;; esac; }
