#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# enc+auth ESP SAs with a CBC cipher (IV generator echainiv) migrated with
# traffic before and after, no error counted by either peer: cbc(aes)
# with hmac(sha256), cbc(aes) with hmac(sha1) and ESN, cbc(des3_ede) with
# hmac(sha256). CBC traffic survives even a clone without IV generator
# (t_33 checks the IVs themselves). Topology: lib-algs.sh.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"
. "$(dirname "$0")/lib-algs.sh"

alg_case "cbc(aes)+hmac(sha256)" esp ok \
	enc 'cbc(aes)' $XA_KEY16 auth-trunc 'hmac(sha256)' $XA_AUTH32 128
alg_case "cbc(aes)+hmac(sha1) esn" esp ok \
	enc 'cbc(aes)' $XA_KEY16 auth-trunc 'hmac(sha1)' $XA_AUTH20 96 \
	flag esn replay-window 128
alg_case "cbc(des3_ede)+hmac(sha256)" esp ok \
	enc 'cbc(des3_ede)' $XA_KEY24 auth-trunc 'hmac(sha256)' $XA_AUTH32 128
pass "cbc(aes), cbc(aes)+esn, cbc(des3_ede) SAs migrated with traffic, no errors${XA_NOTE:-}"
