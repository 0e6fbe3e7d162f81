#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A request whose fixed header (struct xfrm_user_migrate_state, 132 bytes)
# is cut short: EINVAL "Invalid header length", as the native message's
# nlmsg_parse answers on 7.x.
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel (err_topo)
#
# The module family declares hdrsize 132, so the generic netlink core
# refuses the message before the module sees it - with EINVAL but, on
# every kernel of the matrix, without extack text. The contract is the
# same errno and extack text as 7.2: this test holds the module to it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
for n in 0 24 131; do
	say "fixed header cut to $n bytes"
	expect_err_unchanged a EINVAL "Invalid header length" $XR_OK --body-len $n
done
pass "short fixed header: EINVAL \"Invalid header length\", SA table unchanged"
