#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# An attribute shorter than xfrm_user's policy wants is refused by the
# netlink parse before any check: ERANGE "Attribute failed policy
# validation" (the kernel's nla validation; the module parses with the same
# xfrma_policy, so the answer is the kernel's own on every kernel).
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel (err_topo)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
pol="Attribute failed policy validation"
say "XFRMA_MARK with a 4-byte payload (struct xfrm_mark is 8)"
expect_err_unchanged a ERANGE "$pol" $XR_OK --attr 21:01000000
say "XFRMA_ENCAP with a 4-byte payload"
expect_err_unchanged a ERANGE "$pol" $XR_OK --attr 4:02000000
say "XFRMA_SET_MARK with a 2-byte payload"
expect_err_unchanged a ERANGE "$pol" $XR_OK --attr 29:0100
pass "attributes failing xfrma_policy: ERANGE \"$pol\", SA table unchanged"
