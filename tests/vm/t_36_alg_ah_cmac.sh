#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# AH SAs with xcbc(aes) and cmac(aes) migrated with traffic before and
# after, no error counted by either peer. Topology: lib-algs.sh.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"
. "$(dirname "$0")/lib-algs.sh"

alg_case "ah xcbc(aes)" ah ok auth-trunc 'xcbc(aes)' $XA_KEY16 96
alg_case "ah cmac(aes)" ah ok auth-trunc 'cmac(aes)' $XA_KEY16 96
pass "AH xcbc(aes) and cmac(aes) SAs migrated with traffic, no errors${XA_NOTE:-}"
