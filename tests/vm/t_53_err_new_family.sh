#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# An invalid new_family is refused: EINVAL "Invalid address family".
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel (err_topo)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
for fam in 0 1 7 255; do
	say "new_family $fam"
	expect_err_unchanged a EINVAL "Invalid address family" $XR_OK --new-family $fam
done
pass "invalid new family: EINVAL \"Invalid address family\", SA table unchanged"
