#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# AH SAs with hmac(sha1), hmac(sha256) and ESN, hmac(sha512) migrated with
# traffic before and after, no error counted by either peer.
# Topology: lib-algs.sh.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"
. "$(dirname "$0")/lib-algs.sh"

alg_case "ah hmac(sha1)" ah ok auth-trunc 'hmac(sha1)' $XA_AUTH20 96
alg_case "ah hmac(sha256) esn" ah ok auth-trunc 'hmac(sha256)' $XA_AUTH32 128 \
	flag esn replay-window 128
alg_case "ah hmac(sha512)" ah ok auth-trunc 'hmac(sha512)' $XA_AUTH64 256
pass "AH hmac(sha1), hmac(sha256)+esn, hmac(sha512) SAs migrated with traffic, no errors${XA_NOTE:-}"
