#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rfc4309(ccm(aes)) and rfc7539esp(chacha20,poly1305) ESP SAs migrated
# with traffic before and after, no error counted by either peer.
# Topology: lib-algs.sh.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"
. "$(dirname "$0")/lib-algs.sh"

alg_case "rfc4309(ccm(aes))" esp ok \
	aead 'rfc4309(ccm(aes))' $XA_KEY19 128
alg_case "rfc7539esp(chacha20,poly1305)" esp ok \
	aead 'rfc7539esp(chacha20,poly1305)' $XA_KEY36 128
pass "ccm and chacha20-poly1305 SAs migrated with traffic, no errors${XA_NOTE:-}"
