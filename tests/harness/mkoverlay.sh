#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The per-run part of the initramfs, appended after the cached base:
# /init, /tests/{lib*.sh,t_*.sh} (tests selected by TESTS), the guest userspace
# in /usr/bin, the family's YNL spec, our module (module kernels) and
# /etc/xms.env.
#
# Usage: mkoverlay.sh ARCH KVER BACKEND GUESTBIN KO OUT.cpio.gz
#        (KO may be "-"; the selected test names go to OUT.tests)
set -eu
. "$(dirname "$0")/common.sh"

arch=$1 kver=$2 backend=$3 guestbin=$4 ko=$5 out=$6
stage=$(mktemp -d "${TMPDIR:-/tmp}/xms-overlay.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/tests" "$stage/usr/bin" "$stage/etc" "$stage/lib/modules/xms"

install -m 755 "$XMS_REPO/tests/vm/init" "$stage/init"
for l in "$XMS_REPO"/tests/vm/lib*.sh; do
	install -m 644 "$l" "$stage/tests/"
done
: > "$out.tests"
for t in $("$XMS_HARNESS/select-tests.sh"); do
	install -m 755 "$t" "$stage/tests/"
	basename "$t" .sh >> "$out.tests"
done
# The guest userspace with the shared libraries it links (the packaged
# xfrm-migrate needs libmnl.so.0), taken from the arch's userland.
. "$XMS_HARNESS/elf.sh"
if [ -d "$guestbin" ]; then
	for f in "$guestbin"/*; do
		[ -f "$f" ] || continue
		copy_elf "$f" "usr/bin/${f##*/}"
		chmod 755 "$stage/usr/bin/${f##*/}"
	done
fi

# The family's spec where "make install" puts it, for ynl --family.
install -D -m 644 "$XMS_REPO/spec/xfrm_migstate.yaml" \
	"$stage/usr/share/ynl/specs/xfrm_migstate.yaml"

xko=
if [ "$ko" != - ]; then
	xko=/lib/modules/xms/$(basename "$ko")
	install -m 644 "$ko" "$stage$xko"
fi
# netdevsim.ko (built from Debian's linux-source) and the stock modules it
# needs, with their load order, for the offload tests; a failed build
# leaves it out and those tests fail saying so.
if [ "$backend" = module ]; then
	if nsim=$("$XMS_HARNESS/netdevsim.sh" "$arch" "$kver"); then
		mkdir -p "$stage/lib/modules-extra"
		install -m 644 "$nsim"/* "$stage/lib/modules-extra/"
	else
		log "netdevsim.ko for $kver could not be built"
	fi
fi
# Interactive shells (make vm-shell): iproute2, not busybox's applets.
cat > "$stage/etc/profile" <<'EOS'
ip() { /bin/ip "$@"; }
tc() { /bin/tc "$@"; }
ss() { /bin/ss "$@"; }
PS1='guest:\w# '
EOS
cat > "$stage/etc/xms.env" <<EOS
XMS_ARCH=$arch
XMS_KVER=$kver
XMS_BACKEND=$backend
XMS_KO=$xko
XMS_TEST_TIMEOUT=${XMS_TEST_TIMEOUT:-120}
EOS
pack_cpio "$stage" > "$out"
