#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# AH suites migrated with traffic before and after, no error counted by
# either peer: hmac(sha1), hmac(sha256) with ESN, hmac(sha512), xcbc(aes)
# and cmac(aes). Topology: lib-algs.sh.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"
. "$(dirname "$0")/lib-algs.sh"

alg_case "ah hmac(sha1)" ah ok auth-trunc 'hmac(sha1)' $XA_AUTH20 96
alg_case "ah hmac(sha256) esn" ah ok auth-trunc 'hmac(sha256)' $XA_AUTH32 128 \
	flag esn replay-window 128
alg_case "ah hmac(sha512)" ah ok auth-trunc 'hmac(sha512)' $XA_AUTH64 256
alg_case "ah xcbc(aes)" ah ok auth-trunc 'xcbc(aes)' $XA_KEY16 96
alg_case "ah cmac(aes)" ah ok auth-trunc 'cmac(aes)' $XA_KEY16 96
pass "AH suites (sha1, sha256+esn, sha512, xcbc, cmac) migrated with traffic, no errors"
