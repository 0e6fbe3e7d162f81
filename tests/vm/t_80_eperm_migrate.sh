#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A migration without CAP_NET_ADMIN is refused with EPERM (no extack) and
# changes nothing, through the module family as through the native message.
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel (err_topo)
#
# Two ways to lack the capability (busybox has no capsh/setpriv; xms-raw
# does it itself before opening its sockets): uid 65534 (nobody), and root
# with CAP_NET_ADMIN dropped from every capability set.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
req="$XR_OK --new-daddr 10.0.1.2 --new-saddr 10.0.1.1 --reqid 5"
say "as uid 65534"
expect_err_unchanged a EPERM "" $req --uid 65534
say "as root without CAP_NET_ADMIN"
expect_err_unchanged a EPERM "" $req --drop-cap
say "the same request with the capability works"
expect_ack a 'errno=0 extack="Failed to send migration notification"' $req
pass "no CAP_NET_ADMIN: EPERM, SA table unchanged"
