#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Secure Boot: make sign KEY=... CERT=... signs a manual build with the
# given key (what the README tells for a MOK key); without KEY/CERT it
# stops with its usage, exit status 2, before building anything.
. "$(dirname "$0")/lib.sh"

begin "make sign signs a manual build"

k=$(installed_kver 6.1)
[ -n "$k" ] || { bad "no 6.1 headers installed (tests/host/run.sh installs them)"; finish; }
kdir=/lib/modules/$k/build
tree=$XMS_TMP/tree
copy_tree "$tree"

step "make sign without KEY/CERT"
run make -s -C "$tree" sign KDIR="$kdir"
rc=$?
[ "$rc" -ne 0 ] && ok "refused (exit $rc)" || bad "make sign without a key succeeded"
check "it prints its usage" grep -q "make sign KEY=" "$XMS_TMP/run.out"

step "a throw-away key pair, like a MOK (DER certificate)"
run_tail 1 openssl req -new -x509 -newkey rsa:2048 -sha256 -nodes -days 1 \
	-subj "/CN=xfrm-migrate-state host test/" -outform DER \
	-keyout "$XMS_TMP/mok.priv" -out "$XMS_TMP/mok.der" || bad "openssl failed"

step "make sign KEY=mok.priv CERT=mok.der KDIR=$kdir"
t0=$(date +%s)
if run_tail 3 make -C "$tree" sign KEY="$XMS_TMP/mok.priv" CERT="$XMS_TMP/mok.der" KDIR="$kdir"; then
	ok "built and signed in $(( $(date +%s) - t0 )) s"
else
	bad "make sign failed"
fi
ko=$tree/src/$MOD.ko
signer=$(modfield "$ko" signer)
[ "$signer" = "xfrm-migrate-state host test" ] && ok "modinfo signer: $signer" ||
	bad "modinfo signer '$signer', want 'xfrm-migrate-state host test'"
check "signature algorithm sha256" sh -c "[ \"\$(modinfo -F sig_hashalgo '$ko')\" = sha256 ]"
check "the module is still version $VERSION" sh -c "[ \"\$(modinfo -F version '$ko')\" = '$VERSION' ]"
finish
