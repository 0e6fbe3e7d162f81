#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make demo, the README's first command, runs to its end: it boots the
# default kernel (6.12), migrates the SAs five times under traffic and its
# story ends with the verdict "DEMO RESULT: PASS" (traffic after every step,
# nothing lost, sequence numbers continued) and the driver's "demo: PASS".
. "$(dirname "$0")/lib.sh"

begin "make demo tells its story to the end"

step "make demo"
run make -C "$XMS_REPO" demo || bad "make demo failed"
check "the story's verdict is PASS" \
	grep -q '^DEMO RESULT: PASS' "$XMS_TMP/run.out"
check "five migrations are in the summary" \
	grep -q 'DEMO RESULT: PASS - 5 migrations' "$XMS_TMP/run.out"
check "the driver's verdict is PASS" \
	grep -q '^demo: PASS' "$XMS_TMP/run.out"
finish
