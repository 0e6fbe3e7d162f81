#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# XFRMA_SA_DIR and XFRMA_SA_PCPU have their own messages and are checked
# before every other attribute:
#   EINVAL "Invalid attribute SA_DIR", EINVAL "Invalid attribute SA_PCPU"
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel (err_topo)
#
# Upstream (7.x) checks SA_DIR, then SA_PCPU, then the other attributes,
# whatever their order in the message; the module must give the same
# answers on every kernel, including those whose XFRMA_MAX is below 33.
. "$(dirname "$0")/lib.sh"
_le=$(dirname "$0")/lib-errors.sh
[ -f "$_le" ] || _le=/usr/bin/xms-lib-errors.sh
. "$_le"

err_topo
say "XFRMA_SA_DIR = out"
expect_err_unchanged a EINVAL "Invalid attribute SA_DIR" $XR_OK --u8 33:2
say "XFRMA_SA_PCPU = 0"
expect_err_unchanged a EINVAL "Invalid attribute SA_PCPU" $XR_OK --u32 35:0
say "SA_PCPU then SA_DIR in the message: SA_DIR is reported"
expect_err_unchanged a EINVAL "Invalid attribute SA_DIR" $XR_OK --u32 35:0 --u8 33:1
say "IF_ID before SA_DIR in the message: SA_DIR is still reported first"
expect_err_unchanged a EINVAL "Invalid attribute SA_DIR" $XR_OK --u32 31:5 --u8 33:1
pass "SA_DIR / SA_PCPU: their own EINVAL messages, checked first, SA table unchanged"
