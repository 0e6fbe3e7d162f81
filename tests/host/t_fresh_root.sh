#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A fresh Debian 12 machine builds everything the test bed builds with
# only the project's own preparation (tests/harness/fresh-root.sh): a
# package the harness uses but does not install fails here, named, not
# later as dozens of failing guest tests. A control in the same root
# removes libc6-dev-arm64-cross and expects the arm64 build to fail.
# host-test: background
. "$(dirname "$0")/lib.sh"

begin "a minimal Debian 12 root prepares itself and builds the test bed"

step "tests/harness/fresh-root.sh"
if run_tail 40 "$XMS_HARNESS/fresh-root.sh" "$XMS_BUILD/fresh-root"; then
	ok "the fresh root built the guest userspace (amd64, arm64), 6.1 (amd64, arm64) and the packages"
else
	bad "the fresh root did not build the test bed (logs: build/fresh-root/)"
fi
check "the control named the missing arm64 libc header" \
	grep -q 'control 0' "$XMS_TMP/run.out"
finish
