#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Refuse to build against a kernel that has the native
# XFRM_MSG_MIGRATE_STATE (Linux 7.2+ or a backport): there the module is
# not needed and its family would only shadow the kernel's own message.
# Exit 0 when the kernel lacks it, 1 otherwise.
set -eu
kdir=$1

uapi_xfrm_h() {
	for d in "$kdir" "$kdir/source"; do
		if [ -r "$d/include/uapi/linux/xfrm.h" ]; then
			echo "$d/include/uapi/linux/xfrm.h"
			return
		fi
	done
	# Debian splits headers: <kver>/Makefile includes <x>-common/Makefile.
	common=$(sed -n 's#^include \(.*\)/Makefile$#\1#p' "$kdir/Makefile" 2>/dev/null | head -n1)
	case "$common" in
	/*) ;;
	?*) common=$kdir/$common ;;
	esac
	if [ -n "$common" ] && [ -r "$common/include/uapi/linux/xfrm.h" ]; then
		echo "$common/include/uapi/linux/xfrm.h"
	fi
}

h=$(uapi_xfrm_h)
if [ -z "$h" ]; then
	echo "xfrm_migrate_state: no kernel headers in $kdir (include/uapi/linux/xfrm.h not found)" >&2
	exit 1
fi
if grep -q 'XFRM_MSG_MIGRATE_STATE' "$h"; then
	echo "xfrm_migrate_state: this kernel already has the native XFRM_MSG_MIGRATE_STATE ($h);" >&2
	echo "xfrm_migrate_state: the module is not needed and is not built. Use the native message (libxfrm-migrate selects it automatically)." >&2
	exit 1
fi
exit 0
