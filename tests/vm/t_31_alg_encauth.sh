#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# enc+auth ESP suites migrated with traffic before and after, no error
# counted by either peer: cbc(aes) (IV generator echainiv) with and without
# ESN, rfc3686(ctr(aes)) (seqiv), cbc(des3_ede) (echainiv) and null
# encryption, each with an hmac. The migrated SA must keep its IV
# generator: without it the CTR SA carries nothing (the peer counts
# XfrmInStateProtoError), which is what Linux 7.2's native message does
# (asserted on the native kernel; README "Upstream bugs this module does
# not have"). Topology: lib-algs.sh.
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
alg_case "ecb(cipher_null)+hmac(sha256)" esp ok \
	enc 'ecb(cipher_null)' '' auth-trunc 'hmac(sha256)' $XA_AUTH32 128
alg_case "rfc3686(ctr(aes))+hmac(sha256)" esp native-geniv \
	enc 'rfc3686(ctr(aes))' $XA_KEY20 auth-trunc 'hmac(sha256)' $XA_AUTH32 128
is_module_backend ||
	pass "native: cbc, des3, null suites migrated with traffic; rfc3686 loses traffic (upstream geniv bug)"
pass "enc+auth suites (cbc(aes), +esn, des3_ede, null, rfc3686) migrated with traffic, no errors"
