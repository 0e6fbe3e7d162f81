#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# GET_INFO of the module: the module version (as in
# /sys/module/xfrm_migrate_state/version), family version 1, flags 0x3,
# the accepted attributes and the capabilities of this kernel, and the
# kernel release it was built for; the same through "xfrm-migrate info".
# A native kernel has no family: GET_INFO gets ENOENT from the genl
# controller, and "xfrm-migrate info" reports the native backend.
#
#   root netns only
#
# Accepted attributes: ENCAP 4, MARK 21, OFFLOAD_DEV 28, SET_MARK 29,
# SET_MARK_MASK 30, MTIMER_THRESH 32 (Debian's 5.10 has it too);
# NAT_KEEPALIVE_INTERVAL 34 (6.12). Caps: NATIVE_NOTIFY 0x10, MTIMER 0x8;
# PACKET_OFFLOAD 0x4 (6.12: Debian's 6.1 refuses packet offload SAs);
# NAT_KEEPALIVE 0x1, SA_DIR 0x2 (6.12).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

if ! is_module_backend; then
	echo "+ xms-raw --backend module --info"
	out=$($XR --backend module --info)
	echo "$out"
	case $out in errno=ENOENT*family=unresolved) ;; *) fail "GET_INFO on a native kernel: $out" ;; esac
	run xfrm-migrate info | tee /tmp/cli || fail "xfrm-migrate info failed"
	grep -q '^backend: native' /tmp/cli || fail "xfrm-migrate info does not report the native backend"
	pass "native kernel: no family (ENOENT), xfrm-migrate info reports native"
fi
ver=$(cat /sys/module/xfrm_migrate_state/version) || fail "module has no version in sysfs"
say "module version $ver"
echo "+ xms-raw --backend module --info"
$XR --backend module --info > /tmp/info
rc=$?
cat /tmp/info
[ $rc -eq 0 ] || fail "GET_INFO failed"
want_attrs="4 21 28 29 30"
caps=0x10
kver_has_mtimer && { want_attrs="$want_attrs 32"; caps=$((caps | 0x8)); }
kver_has_packet_offload && caps=$((caps | 0x4))
kver_has_keepalive && { want_attrs="$want_attrs 34"; caps=$((caps | 0x3)); }
caps=$(printf '0x%x' $caps)
got_attrs=$(sed -n 's/^info attr=//p' /tmp/info | sort -n | tr '\n' ' ' | sed 's/ $//')
say "attributes: $got_attrs (want $want_attrs)"
[ "$got_attrs" = "$want_attrs" ] || fail "accepted attributes '$got_attrs', want '$want_attrs'"
for f in "module_version=$ver" family_version=1 flags=0x3 "caps=$caps" \
	"kernel_release=$(uname -r)" 'errno=0 extack=""'; do
	grep -qxF "$(case $f in errno*) echo "$f" ;; *) echo "info $f" ;; esac)" /tmp/info ||
		fail "GET_INFO lacks '$f'"
done
run xfrm-migrate info | tee /tmp/cli || fail "xfrm-migrate info failed"
grep -q "^module-version: $ver\$" /tmp/cli || fail "xfrm-migrate info: module version is not $ver"
grep -q '^family-version: 1$' /tmp/cli || fail "xfrm-migrate info: family version is not 1"
grep -q '^flags: 0x3' /tmp/cli || fail "xfrm-migrate info: flags not 0x3"
pass "GET_INFO: version $ver, flags 0x3, attrs $want_attrs, caps $caps"
