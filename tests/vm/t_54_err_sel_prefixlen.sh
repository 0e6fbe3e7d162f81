#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Selector prefix lengths beyond the family's address size are refused
# (when UPDATE_H2H_SEL is not set):
#   IPv4 > 32  EINVAL "Invalid prefix length in selector (must be <= 32 for IPv4)"
#   IPv6 > 128 EINVAL "Invalid prefix length in selector (must be <= 128 for IPv6)"
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel (err_topo)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
v4="Invalid prefix length in selector (must be <= 32 for IPv4)"
v6="Invalid prefix length in selector (must be <= 128 for IPv6)"
say "IPv4 selector, prefixlen_d 33"
expect_err_unchanged a EINVAL "$v4" $XR_OK --sel-plen-d 33
say "IPv4 selector, prefixlen_s 255"
expect_err_unchanged a EINVAL "$v4" $XR_OK --sel-plen-s 255
say "IPv6 selector, prefixlen_s 129"
expect_err_unchanged a EINVAL "$v6" --daddr 10.0.0.2 --spi 0x1000 \
	--new-daddr fd00::2 --new-saddr fd00::1 --reqid 1 \
	--sel-src fd00::/64 --sel-dst fd00::/129
say "UPDATE_H2H_SEL set: new_sel is not looked at (the SA is not host-to-host,"
say "so the H2H check refuses it instead)"
expect_err_unchanged a EINVAL "SA selector is not a single-host match for SA addresses" \
	$XR_OK --sel-plen-d 33 --flags 2
pass "selector prefix lengths checked per family, SA table unchanged"
