#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Attributes XFRM_MSG_MIGRATE_STATE does not take are refused:
# EINVAL "Unsupported attribute in XFRM_MSG_MIGRATE_STATE".
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel (err_topo)
#
# XFRMA_IF_ID (31), XFRMA_ALG_AUTH (1, a well-formed struct xfrm_algo so the
# policy accepts it), XFRMA_LTIME_VAL (9), XFRMA_REPLAY_THRESH (11).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
u="Unsupported attribute in XFRM_MSG_MIGRATE_STATE"
say "XFRMA_IF_ID"
expect_err_unchanged a EINVAL "$u" $XR_OK --u32 31:5
say "XFRMA_ALG_AUTH: struct xfrm_algo \"hmac(sha1)\", key length 0"
alg=686d616328736861312900000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
expect_err_unchanged a EINVAL "$u" $XR_OK --attr 1:${alg}
say "XFRMA_REPLAY_THRESH"
expect_err_unchanged a EINVAL "$u" $XR_OK --u32 11:1
say "an accepted attribute does not hide an unsupported one: MARK + IF_ID"
expect_err_unchanged a EINVAL "$u" $XR_OK --mark 0/0 --u32 31:5
pass "unsupported attributes: EINVAL \"$u\", SA table unchanged"
