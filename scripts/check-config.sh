#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Check that a kernel has what xfrm_migrate_state needs, naming what is
# missing. Usage: check-config.sh KDIR
set -eu
kdir=${1:?usage: check-config.sh KDIR}
here=$(cd "$(dirname "$0")" && pwd)

cfg=
for f in "$kdir/.config" "$kdir/include/config/auto.conf"; do
	[ -r "$f" ] && { cfg=$f; break; }
done
[ -n "$cfg" ] || { echo "check-config: no kernel configuration in $kdir" >&2; exit 1; }

missing=0
need() {
	if grep -Eq "^$1=(y|m)" "$cfg"; then
		echo "check-config: $1 ok"
	else
		echo "check-config: missing $1 ($2)" >&2
		missing=1
	fi
}
need CONFIG_XFRM "IPsec framework"
need CONFIG_XFRM_USER "xfrm netlink interface; the module uses its policy"
need CONFIG_XFRM_MIGRATE "state migration support"
need CONFIG_INET_ESP "ESP for IPv4"
need CONFIG_MODULES "loadable modules"

if ! sh "$here/../src/compat/native-check.sh" "$kdir"; then
	missing=1
fi
[ "$missing" -eq 0 ] && echo "check-config: $kdir can build xfrm_migrate_state"
exit "$missing"
