#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# enc+auth ESP SAs migrated with traffic before and after, no error counted
# by either peer: null encryption with hmac(sha256), and rfc3686(ctr(aes))
# with hmac(sha256), whose IV generator is seqiv. The migrated CTR SA must
# keep it: without it the SA carries nothing (the peer counts
# XfrmInStateProtoError), which is what Linux 7.2's native message does
# (asserted on the native kernel; README "Upstream bugs this module does
# not have"). Topology: lib-algs.sh.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"
. "$(dirname "$0")/lib-algs.sh"

alg_case "rfc3686(ctr(aes))+hmac(sha256)" esp native-geniv \
	enc 'rfc3686(ctr(aes))' $XA_KEY20 auth-trunc 'hmac(sha256)' $XA_AUTH32 128
alg_case "ecb(cipher_null)+hmac(sha256)" esp ok \
	enc 'ecb(cipher_null)' '' auth-trunc 'hmac(sha256)' $XA_AUTH32 128
is_module_backend ||
	pass "native: null suite migrated with traffic; rfc3686 loses traffic (upstream geniv bug)"
pass "null and rfc3686(ctr(aes)) SAs migrated with traffic, no errors${XA_NOTE:-}"
