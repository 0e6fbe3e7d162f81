#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A request whose reserved field is not zero is refused:
# EINVAL "Reserved field must be zero".
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel (err_topo)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
for r in 1 0x8000; do
	say "reserved = $r"
	expect_err_unchanged a EINVAL "Reserved field must be zero" $XR_OK --reserved $r
done
say "upstream checks SPI 0 first: SPI 0 and reserved != 0 give the SPI error"
expect_err_unchanged a EINVAL "Invalid SPI 0x0" $XR_OK --spi 0 --reserved 1
pass "reserved != 0: EINVAL \"Reserved field must be zero\", SA table unchanged"
