#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A request whose fixed header (struct xfrm_user_migrate_state, 132 bytes)
# is cut short: EINVAL.
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel (err_topo)
#
#   native 7.x: EINVAL "Invalid header length" (xfrm_user's nlmsg_parse).
#   module: EINVAL without text. The family declares its fixed header
#     (hdrsize 132), as a family validated by the genl core must, and that
#     core refuses a shorter message before any handler runs, silently on
#     every kernel of the matrix. The one answer of the native message the
#     module cannot give word for word (README, "How it differs").
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
text="Invalid header length"
is_module_backend && text=
for n in 0 24 131; do
	say "fixed header cut to $n bytes"
	expect_err_unchanged a EINVAL "$text" $XR_OK --body-len $n
done
pass "short fixed header: EINVAL${text:+ \"$text\"}, SA table unchanged"
