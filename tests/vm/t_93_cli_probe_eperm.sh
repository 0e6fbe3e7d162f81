#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# "xfrm-migrate probe" without CAP_NET_ADMIN: backend none, reason "no
# CAP_NET_ADMIN", exit status 4, on both backends; "xfrm-migrate info" and
# a migration exit 4 too.
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel (err_topo)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
for how in "--uid 65534" --drop-cap; do
	echo "+ [a] xms-raw $how --exec xfrm-migrate probe"
	/bin/ip netns exec a $XR $how --exec xfrm-migrate probe > /tmp/probe 2>&1
	rc=$?
	cat /tmp/probe
	[ $rc -eq 4 ] || fail "probe $how: exit status $rc, want 4"
	grep -q '^backend: none$' /tmp/probe || fail "probe $how does not say 'backend: none'"
	grep -q 'no CAP_NET_ADMIN' /tmp/probe || fail "probe $how reason lacks 'no CAP_NET_ADMIN'"
	echo "+ [a] xms-raw $how --exec xfrm-migrate migrate dst 10.0.0.2 proto esp spi 0x1000 new-reqid 5"
	/bin/ip netns exec a $XR $how --exec xfrm-migrate migrate dst 10.0.0.2 \
		proto esp spi 0x1000 new-reqid 5 > /tmp/mig 2>&1
	rc=$?
	cat /tmp/mig
	[ $rc -eq 4 ] || fail "migrate $how: exit status $rc, want 4"
done
sa_table a | grep -q 'reqid 1 ' || fail "SA changed by an unprivileged migration"
pass "no CAP_NET_ADMIN: probe none/exit 4, migrate exit 4"
