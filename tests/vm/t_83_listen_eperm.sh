#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Joining the migration notification groups without CAP_NET_ADMIN.
#
#   root netns only (listeners as uid 65534 via xms-raw --uid)
#
# native XFRMNLGRP_MIGRATE: refused (EPERM) on every kernel: NETLINK_XFRM
#   has no unprivileged receive.
# genl group "migrate" (module kernels): refused (EPERM) on every kernel:
#   6.1 and 6.12 name the permission GENL_MCAST_CAP_NET_ADMIN, Debian's
#   5.10 has the group flags with GENL_UNS_ADMIN_PERM (the module probes
#   the struct member, not the constant's name).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

echo "+ xms-raw --uid 65534 --listen native --timeout 1"
$XR --uid 65534 --listen native --timeout 1 > /tmp/l 2>&1
rc=$?
cat /tmp/l
[ $rc -eq 3 ] || fail "unprivileged join of XFRMNLGRP_MIGRATE: exit status $rc, want 3 (refused)"
grep -q 'Operation not permitted' /tmp/l || fail "join of XFRMNLGRP_MIGRATE not refused with EPERM"
if ! is_module_backend; then
	pass "native group: unprivileged join refused (EPERM)"
fi
echo "+ xms-raw --uid 65534 --listen module --timeout 1"
$XR --uid 65534 --listen module --timeout 1 > /tmp/l 2>&1
rc=$?
cat /tmp/l
[ $rc -eq 3 ] || fail "unprivileged join of the genl group: exit status $rc, want 3 (refused)"
grep -q 'Operation not permitted' /tmp/l || fail "join of the genl group not refused with EPERM"
pass "native and genl groups: unprivileged join refused (EPERM)"
