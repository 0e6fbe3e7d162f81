#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A request with SPI 0 is refused before any lookup: EINVAL "Invalid SPI 0x0".
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel (lib-errors.sh err_topo)
#
# Same on every kernel, module and native.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
say "SPI 0 (the rest of the request is valid for SA 0x1000)"
expect_err_unchanged a EINVAL "Invalid SPI 0x0" $XR_OK --spi 0
pass "SPI 0: EINVAL \"Invalid SPI 0x0\", SA table unchanged"
