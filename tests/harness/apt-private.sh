#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A private apt configuration under the cache directory, reaching Debian
# suites this machine does not track (bullseye-security, trixie-backports,
# sid). The mirror addresses are read from the machine's own apt
# configuration at run time; no host name lives in the repository.
#
# Usage: apt-private.sh CACHE_DIR update
#        apt-private.sh CACHE_DIR apt-get|apt-cache ARGS...
#        apt-private.sh CACHE_DIR mirror debian|debian-security
set -eu

cache=$1; shift
root=$cache/apt
mkdir -p "$root/lists/partial" "$root/archives/partial" "$root/etc/preferences.d"

# First URI of the given repository kind: "debian" or "debian-security".
mirror_of() {
	want=$1
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
		 /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		grep -v '^[[:space:]]*#' "$f" 2>/dev/null |
			grep -oE '(https?|file)://[^ ]+' 2>/dev/null
	done | sed 's#/*$##' | while read -r uri; do
		case "$want:$uri" in
		debian-security:*debian-security) echo "$uri"; break ;;
		debian:*/debian) echo "$uri"; break ;;
		esac
	done | head -n1
}

write_sources() {
	main=$(mirror_of debian)
	sec=$(mirror_of debian-security)
	[ -n "$main" ] || { echo "apt-private: no Debian mirror in /etc/apt" >&2; exit 1; }
	[ -n "$sec" ] || sec=${main%/debian}/debian-security
	arch=$(dpkg --print-architecture)
	kr=/usr/share/keyrings/debian-archive-keyring.gpg
	cat > "$root/sources.list" <<EOS
deb [arch=$arch,arm64 signed-by=$kr] $main bookworm main
deb [arch=$arch,arm64 signed-by=$kr] $sec bookworm-security main
deb [arch=$arch signed-by=$kr] $sec bullseye-security main
deb [arch=$arch signed-by=$kr] $main trixie-backports main
deb [arch=$arch signed-by=$kr check-valid-until=no] $main sid main
EOS
}

aptopts() {
	echo "-o Dir::Etc::SourceList=$root/sources.list" \
	     "-o Dir::Etc::SourceParts=/nonexistent" \
	     "-o Dir::State::Lists=$root/lists" \
	     "-o Dir::Cache::Archives=$root/archives" \
	     "-o Dir::Cache=$root" \
	     "-o Dir::Etc::Preferences=/nonexistent" \
	     "-o Dir::Etc::PreferencesParts=$root/etc/preferences.d" \
	     "-o APT::Architectures::=arm64" \
	     "-o Acquire::Languages=none" \
	     "-o Debug::NoLocking=1" \
	     "-o APT::Sandbox::User=root" \
	     "-o APT::Get::AllowUnauthenticated=false"
}

case "$1" in
mirror)
	m=$(mirror_of "$2")
	[ -n "$m" ] || { echo "apt-private: no $2 mirror in /etc/apt" >&2; exit 1; }
	echo "$m"
	;;
update)
	exec 7> "$root/update.lock"
	flock 7
	write_sources
	# shellcheck disable=SC2046
	apt-get $(aptopts) -qq update
	;;
*)
	cmd=$1; shift
	# shellcheck disable=SC2046
	exec "$cmd" $(aptopts) "$@"
	;;
esac
