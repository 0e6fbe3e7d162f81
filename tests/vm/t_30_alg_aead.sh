#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# AEAD ESP suites migrated with traffic before and after, no error counted
# by either peer: rfc4106(gcm(aes)) with and without ESN, rfc4309(ccm(aes))
# and rfc7539esp(chacha20,poly1305). Topology: lib-algs.sh.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"
. "$(dirname "$0")/lib-algs.sh"

alg_case "rfc4106(gcm(aes))" esp ok \
	aead 'rfc4106(gcm(aes))' $XA_KEY20 128
alg_case "rfc4106(gcm(aes)) esn" esp ok \
	aead 'rfc4106(gcm(aes))' $XA_KEY20 128 flag esn replay-window 128
alg_case "rfc4309(ccm(aes))" esp ok \
	aead 'rfc4309(ccm(aes))' $XA_KEY19 128
alg_case "rfc7539esp(chacha20,poly1305)" esp ok \
	aead 'rfc7539esp(chacha20,poly1305)' $XA_KEY36 128
pass "AEAD suites (gcm, gcm+esn, ccm, chacha20-poly1305) migrated with traffic, no errors"
