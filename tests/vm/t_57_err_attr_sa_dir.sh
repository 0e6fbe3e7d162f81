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
. "$(dirname "$0")/lib-errors.sh"

err_topo
# Every case runs (in a subshell, so a failure does not stop the others);
# the test fails at the end if any did.
bad=
n=0
check() {
	n=$((n + 1))
	( expect_err_unchanged "$@" ) || bad="$bad case $n (want \"$3\");"
}
say "XFRMA_SA_DIR = out"
check a EINVAL "Invalid attribute SA_DIR" $XR_OK --u8 33:2
say "XFRMA_SA_PCPU = 0"
check a EINVAL "Invalid attribute SA_PCPU" $XR_OK --u32 35:0
say "SA_PCPU then SA_DIR in the message: SA_DIR is reported"
check a EINVAL "Invalid attribute SA_DIR" $XR_OK --u32 35:0 --u8 33:1
say "IF_ID before SA_DIR in the message: SA_DIR is still reported first"
check a EINVAL "Invalid attribute SA_DIR" $XR_OK --u32 31:5 --u8 33:1
[ -z "$bad" ] || fail "wrong answers:$bad"
pass "SA_DIR / SA_PCPU: their own EINVAL messages, checked first, SA table unchanged"
