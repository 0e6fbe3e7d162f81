#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rfc4106(gcm(aes)) ESP SAs, with and without ESN, migrated with traffic
# before and after, no error counted by either peer. Topology: lib-algs.sh.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"
. "$(dirname "$0")/lib-algs.sh"

alg_case "rfc4106(gcm(aes))" esp ok \
	aead 'rfc4106(gcm(aes))' $XA_KEY20 128
alg_case "rfc4106(gcm(aes)) esn" esp ok \
	aead 'rfc4106(gcm(aes))' $XA_KEY20 128 flag esn replay-window 128
pass "gcm and gcm+esn SAs migrated with traffic, no errors${XA_NOTE:-}"
