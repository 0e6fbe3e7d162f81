#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# An attribute longer than its type: the module's family validates every
# attribute MIGRATE_STATE takes at its exact length (genl policy), where
# the native message's liberal parse ignores the extra bytes.
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel (err_topo)
#
#   module: ERANGE "Attribute failed policy validation" (the core's answer
#     to an NLA_BINARY longer than the policy allows; the answer to a too
#     short one is the same on both backends, t_69), SA table unchanged.
#     XFRMA_NAT_KEEPALIVE_INTERVAL is strict natively too (from
#     XFRMA_SA_DIR on xfrma_policy is): EINVAL "invalid attribute length".
#   native 7.x: the migration happens with the first bytes of the
#     attribute (upstream behaviour).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
pol="Attribute failed policy validation"
mark12=21:000000000000000000000000
if ! is_module_backend; then
	say "XFRMA_MARK with 12 bytes (struct xfrm_mark is 8): accepted natively"
	expect_ack a 'errno=0 extack="Failed to send migration notification"' \
		$XR_OK --reqid 5 --attr $mark12
	nsrun a ip xfrm state list | tee /tmp/sa
	grep -q 'reqid 5 ' /tmp/sa || fail "SA not migrated"
	pass "native: over-long attribute accepted, SA migrated (upstream behaviour)"
fi
say "XFRMA_MARK with 12 bytes (struct xfrm_mark is 8)"
expect_err_unchanged a ERANGE "$pol" $XR_OK --attr $mark12
say "XFRMA_ENCAP with 28 bytes (struct xfrm_encap_tmpl is 24)"
expect_err_unchanged a ERANGE "$pol" $XR_OK \
	--attr 4:02001194119400000000000000000000000000000000000000000000
say "XFRMA_OFFLOAD_DEV with 12 bytes (struct xfrm_user_offload is 8)"
expect_err_unchanged a ERANGE "$pol" $XR_OK --attr 28:010000000000000000000000
say "XFRMA_SET_MARK with 8 bytes (u32)"
expect_err_unchanged a ERANGE "$pol" $XR_OK --attr 29:0100000000000000
say "XFRMA_SET_MARK_MASK with 8 bytes (u32)"
expect_err_unchanged a ERANGE "$pol" $XR_OK --attr 30:ffffffff00000000
if kver_has_keepalive; then
	say "XFRMA_NAT_KEEPALIVE_INTERVAL with 8 bytes (u32, strict natively too)"
	expect_err_unchanged a EINVAL "invalid attribute length" $XR_OK \
		--attr 34:0500000000000000
fi
say "the exact lengths are still taken: XFRMA_MARK of 8 bytes, SET_MARK of 4"
expect_ack a 'errno=0 extack="Failed to send migration notification"' \
	$XR_OK --reqid 5 --mark 0/0 --u32 29:0
pass "over-long attributes: ERANGE \"$pol\", SA table unchanged"
