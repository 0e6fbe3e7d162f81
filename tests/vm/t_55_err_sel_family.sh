#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A selector family other than AF_UNSPEC, AF_INET, AF_INET6 is refused:
# EINVAL "Invalid address family in selector".
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel (err_topo)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
for fam in 1 7 255; do
	say "selector family $fam"
	expect_err_unchanged a EINVAL "Invalid address family in selector" $XR_OK --sel-family $fam
done
pass "invalid selector family: EINVAL, SA table unchanged"
