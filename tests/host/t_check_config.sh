#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check-config KDIR=... passes on the installed 6.1 and 6.12 headers
# and fails early, naming the option, on a copy of the 6.1 headers whose
# configuration lacks what the module needs.
. "$(dirname "$0")/lib.sh"

begin "make check-config on stock and doctored kernel configurations"

for b in 6.1 6.12; do
	k=$(installed_kver $b)
	if [ -z "$k" ]; then
		bad "no $b headers installed (tests/host/run.sh installs them)"
		continue
	fi
	step "$k: stock configuration"
	run make -s -C "$XMS_REPO" check-config KDIR="/lib/modules/$k/build" ||
		bad "check-config failed on the stock $k headers"
	check "it says the kernel can build the module" \
		grep -q "can build xfrm_migrate_state" "$XMS_TMP/run.out"
done

k=$(installed_kver 6.1)
[ -n "$k" ] || finish
kdir=/lib/modules/$k/build
# doctor OPTION: a headers directory whose .config lacks OPTION (the rest
# of the headers reached through the same Makefile include).
doctor() {
	d=$XMS_TMP/doctored-$1
	mkdir -p "$d"
	cp "$kdir/Makefile" "$d/Makefile"
	sed "s/^$1=.*/# $1 is not set/" "$kdir/.config" > "$d/.config"
	grep -q "^# $1 is not set" "$d/.config" || { echo "$1 not in $kdir/.config" >&2; return 1; }
	echo "$d"
}
for opt in CONFIG_XFRM_MIGRATE CONFIG_XFRM_USER CONFIG_INET_ESP; do
	step "$k with $opt switched off"
	d=$(doctor $opt) || { bad "could not doctor $opt"; continue; }
	run make -s -C "$XMS_REPO" check-config KDIR="$d"
	rc=$?
	[ "$rc" -ne 0 ] && ok "check-config failed (exit $rc)" ||
		bad "check-config passed without $opt"
	check "the message names $opt" grep -q "missing $opt" "$XMS_TMP/run.out"
	check "no other option is named missing" \
		sh -c "[ \"\$(grep -c 'missing CONFIG_' '$XMS_TMP/run.out')\" = 1 ]"
done
finish
