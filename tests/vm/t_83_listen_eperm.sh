#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Joining the migration notification groups without CAP_NET_ADMIN.
#
#   root netns only (listeners as uid 65534 via xms-raw --uid)
#
# native XFRMNLGRP_MIGRATE: refused (EPERM) on every kernel: NETLINK_XFRM
#   has no unprivileged receive.
# genl group "migrate" (module kernels): refused on 6.1 and 6.12, whose
#   generic netlink can restrict a group to CAP_NET_ADMIN; 5.10 cannot
#   (documented limit in the README): the join succeeds there.
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
case $XMS_KVER in
5.10.*)
	[ $rc -eq 0 ] || fail "5.10: unprivileged join of the genl group: exit status $rc, want 0 (documented)"
	pass "native group refused; genl group joinable without privilege on 5.10 (documented limit)"
	;;
esac
[ $rc -eq 3 ] || fail "unprivileged join of the genl group: exit status $rc, want 3 (refused)"
grep -q 'Operation not permitted' /tmp/l || fail "join of the genl group not refused with EPERM"
pass "native and genl groups: unprivileged join refused (EPERM)"
