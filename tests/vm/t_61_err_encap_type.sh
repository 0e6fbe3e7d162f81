#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# XFRMA_ENCAP with a type other than UDP_ENCAP_ESPINUDP (2) or 0 (removal):
# EINVAL "Unsupported encapsulation type".
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel (err_topo)
#
# Types 1 (ESPINUDP_NON_IKE), 7 (ESPINTCP), 3.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
for t in 1 3 7; do
	say "encap type $t"
	expect_err_unchanged a EINVAL "Unsupported encapsulation type" \
		$XR_OK --encap $t:4500:4500:0.0.0.0
done
pass "encap type other than ESPINUDP: EINVAL, SA table unchanged"
