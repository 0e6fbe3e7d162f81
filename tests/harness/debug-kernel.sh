#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make test-debug: the whole suite on a debug build of Debian's 6.12
# (debug-build.sh: lockdep, KASAN, kmemleak, DEBUG_ATOMIC_SLEEP,
# PROVE_RCU), booted with panic_on_warn; kmemleak is scanned at the end
# (tests/vm/init) and any report fails the run. TESTS subsets as for
# make test. The first run builds the kernel (10-25 min on 2 cores).
. "$(dirname "$0")/common.sh"
XMS_DEBUG=1 exec "$XMS_HARNESS/run.sh"
