#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A kernel-owned state: the IPIP helper the kernel attaches to an IPComp
# tunnel SA (proto 4, SPI = the outer source address). DELSA refuses it
# (EPERM "SA is in use by tunnels"); so does the module, and the SA table
# is unchanged. Linux 7.2's native message migrates it, leaving the IPComp
# SA pointing at a helper on the old addresses (asserted on the native
# kernel; README "Upstream bugs this module does not have").
#
#   netns a: SA comp 0x3001 10.0.0.1 -> 10.0.0.2 tunnel deflate
#            + its helper proto 4 spi 0x0a000001 (kernel-owned)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

must ip netns add a
nsmust a ip link set lo up
nsmust a ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto comp spi 0x3001 \
	reqid 1 mode tunnel comp deflate
nsrun a ip xfrm state list
sa_table a | grep -q 'proto 4 spi 0x0a000001 ' ||
	fail "no IPIP helper state (proto 4 spi 0x0a000001) next to the IPComp SA"
say "DELSA refuses the helper"
nsexpect_fail a ip xfrm state delete src 10.0.0.1 dst 10.0.0.2 proto 4 spi 0x0a000001
req="--proto 4 --daddr 10.0.0.2 --spi 0x0a000001 --new-daddr 10.0.1.2 --new-saddr 10.0.1.1 --reqid 0"
if is_module_backend; then
	# shellcheck disable=SC2086
	expect_err_unchanged a EPERM "SA is in use by tunnels" $req
	pass "kernel-owned IPIP helper of an IPComp SA: migration refused (EPERM), as DELSA"
fi
# shellcheck disable=SC2086
expect_ack a 'errno=0 extack="Failed to send migration notification"' $req
nsrun a ip xfrm state list
sa_table a | grep -q '^src 10\.0\.1\.1 dst 10\.0\.1\.2$' ||
	fail "native: the helper was not moved"
pass "native 7.x: the kernel-owned helper is migrated away from its IPComp SA (upstream bug)"
