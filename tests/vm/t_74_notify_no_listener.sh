#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# With nobody listening for migration notifications, a migration succeeds
# (error 0) and its ACK carries the warning "Failed to send migration
# notification", as upstream. With a listener the extack is empty.
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel (err_topo)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
expect_ack a 'errno=0 extack="Failed to send migration notification"' \
	$XR_OK --new-daddr 10.0.1.2 --new-saddr 10.0.1.1 --reqid 5
nsrun a ip xfrm state list | tee /tmp/sa
grep -q '^src 10.0.1.1 dst 10.0.1.2' /tmp/sa || fail "SA not migrated despite errno 0"
grep -q 'reqid 5 ' /tmp/sa || fail "SA has not reqid 5"
say "with a listener on the native group the warning is gone"
listen_start a native 1 /tmp/notify
expect_ack a 'errno=0 extack=""' --daddr 10.0.1.2 --spi 0x1000 \
	--new-daddr 10.0.0.2 --new-saddr 10.0.0.1 --reqid 6
listen_wait /tmp/notify
pass "no listener: errno 0 with \"Failed to send migration notification\""
