#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Unknown flag bits are refused: EINVAL "Unknown flags: 0x<bits>".
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel (err_topo)
#
# Kernels before 6.2 have no formatted extack (NL_SET_ERR_MSG_FMT): the
# module gives the same text for a single unknown bit from a table and the
# bare "Unknown flags" for several bits (documented limitation, asserted).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
for f in 0x4 0x80000000; do
	say "flags $f"
	expect_err_unchanged a EINVAL "Unknown flags: $f" $XR_OK --flags $f
done
say "known bits are not reported: flags 0x7 -> unknown 0x4"
expect_err_unchanged a EINVAL "Unknown flags: 0x4" $XR_OK --flags 0x7
say "several unknown bits: flags 0xc"
if kver_has_fmt_extack; then
	expect_err_unchanged a EINVAL "Unknown flags: 0xc" $XR_OK --flags 0xc
else
	expect_err_unchanged a EINVAL "Unknown flags" $XR_OK --flags 0xc
fi
pass "unknown flags: EINVAL with the bits in the extack, SA table unchanged"
