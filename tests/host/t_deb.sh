#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The Debian packages: make deb builds them into build/deb/ with the
# version of VERSION; apt-get install ./build/deb/*.deb builds and installs
# the module for every installed headers package (6.1 and 6.12 here) and
# the CLI runs; apt-get purge leaves nothing behind. lintian finds no
# error and no warning in them.
. "$(dirname "$0")/lib.sh"

begin "make deb, apt-get install ./build/deb/*.deb, apt-get purge"

k61=$(installed_kver 6.1)
k612=$(installed_kver 6.12)
out=$XMS_BUILD/deb

step "make deb"
t0=$(date +%s)
if ! run_tail 8 make -s -C "$XMS_REPO" deb; then
	bad "make deb failed"
	finish
fi
ok "built in $(( $(date +%s) - t0 )) s"
for p in $DEBS; do
	f=$(ls "$out/${p}_${VERSION}_"*.deb 2>/dev/null | head -n1)
	if [ -n "$f" ]; then
		ok "$(basename "$f")"
	else
		bad "no ${p}_${VERSION}_*.deb in build/deb/"
	fi
done
step "lintian on the four packages"
chg=$(ls "$out/xfrm-migrate-state_${VERSION}_"*.changes 2>/dev/null | head -n1)
if [ -z "$chg" ]; then
	bad "no xfrm-migrate-state_${VERSION}_*.changes in build/deb/"
elif run_tail 20 lintian --fail-on error,warning "$chg"; then
	ok "lintian: no error, no warning"
else
	bad "lintian reports errors or warnings (above)"
fi
dkmsdeb=$(ls "$out/xfrm-migrate-state-dkms_${VERSION}_all.deb" 2>/dev/null)
if [ -n "$dkmsdeb" ]; then
	dpkg-deb --fsys-tarfile "$dkmsdeb" | tar -xOf - \
		"./usr/src/$DKMS_NAME-$VERSION/dkms.conf" > "$XMS_TMP/dkms.conf" 2>/dev/null
	check "the -dkms package's dkms.conf says PACKAGE_VERSION=\"$VERSION\"" \
		grep -qx "PACKAGE_VERSION=\"$VERSION\"" "$XMS_TMP/dkms.conf"
	check "the -dkms package depends on dkms" \
		sh -c "dpkg-deb -f '$dkmsdeb' Depends | grep -q '^dkms'"
	check "the -dkms package is Architecture: all" \
		sh -c "[ \"\$(dpkg-deb -f '$dkmsdeb' Architecture)\" = all ]"
fi
# What the packages must hold, beyond the DKMS sources.
for f in /usr/sbin/xfrm-migrate /usr/share/man/man8/xfrm-migrate.8.gz \
	 /usr/share/ynl/specs/xfrm_migstate.yaml \
	 /usr/include/xfrm-migrate/xfrm-migrate.h \
	 /usr/include/xfrm-migrate/linux/xfrm_migstate.h \
	 "/usr/lib/*/libxfrm-migrate.so.0" "/usr/lib/*/libxfrm-migrate.so" \
	 "/usr/lib/*/libxfrm-migrate.a" "/usr/lib/*/pkgconfig/libxfrm-migrate.pc"; do
	for d in "$out"/*.deb; do dpkg-deb -c "$d"; done |
		awk '{print $6}' | sed 's#^\.##' > "$XMS_TMP/contents"
	pat=$(echo "$f" | sed 's/\./\\./g; s/\*/[^\/]*/g')
	check "a package ships $f" grep -qx "$pat" "$XMS_TMP/contents"
done

step "a VERSION that debian/changelog does not carry stops the build"
copy_tree "$XMS_TMP/tree"
echo 9.9.9 > "$XMS_TMP/tree/VERSION"
run_tail 3 "$XMS_TMP/tree/debian/make-deb.sh" "$XMS_TMP/deb-out"
rc=$?
[ "$rc" -ne 0 ] && ok "make deb failed (exit $rc)" || bad "make deb built with VERSION 9.9.9 and changelog $VERSION"
check "the message names both versions" \
	grep -q "debian/changelog is at $VERSION but VERSION says 9.9.9" "$XMS_TMP/run.out"
check "no package was built" sh -c "[ -z \"\$(ls '$XMS_TMP/deb-out'/*.deb 2>/dev/null)\" ]"

step "apt-get install ./build/deb/*.deb"
t0=$(date +%s)
# shellcheck disable=SC2046
if run_tail 12 apt-get install -y $(ls "$out"/*.deb); then
	ok "installed in $(( $(date +%s) - t0 )) s"
else
	bad "apt-get install failed"
fi
for p in $DEBS; do
	check "$p is installed" \
		sh -c "[ \"\$(dpkg-query -W -f='\${db:Status-Status} \${Version}' $p 2>/dev/null)\" = 'installed $VERSION' ]"
done
run dkms status -m "$DKMS_NAME"
for k in $k61 $k612; do
	check "dkms status: installed for $k" \
		sh -c "dkms status -m $DKMS_NAME -v $VERSION -k '$k' | grep -q ': installed'"
	ko=$(find "/lib/modules/$k/updates/dkms" -name "$MOD.ko*" 2>/dev/null | head -n1)
	[ -n "$ko" ] && [ "$(modfield "$ko" version)" = "$VERSION" ] &&
		ok "$k: $ko, version $VERSION" || bad "$k: no module of version $VERSION installed"
done

step "the CLI and the library"
if run xfrm-migrate version; then
	check "xfrm-migrate version says $VERSION" grep -q "$VERSION" "$XMS_TMP/run.out"
else
	bad "xfrm-migrate version failed"
fi
check "pkg-config finds libxfrm-migrate $VERSION" \
	sh -c "[ \"\$(pkg-config --modversion libxfrm-migrate)\" = '$VERSION' ]"
check "man page: man -w xfrm-migrate" sh -c "man -w 8 xfrm-migrate >/dev/null 2>&1 || [ -e /usr/share/man/man8/xfrm-migrate.8.gz ]"
printf '#include <xfrm-migrate.h>\nint main(void) { return 0; }\n' > "$XMS_TMP/c.c"
# shellcheck disable=SC2046
check "a program builds against the installed headers and library" \
	sh -c "cc -o '$XMS_TMP/c' '$XMS_TMP/c.c' \$(pkg-config --cflags --libs libxfrm-migrate) && '$XMS_TMP/c'"

step "apt-get purge"
files=$(for p in $DEBS; do dpkg -L "$p" 2>/dev/null; done | sort -u)
# shellcheck disable=SC2086
run_tail 6 apt-get purge -y $DEBS || bad "apt-get purge failed"
l=$(leftovers)
if [ -z "$l" ]; then
	ok "dkms status empty, no /usr/src/$DKMS_NAME-*, no /var/lib/dkms/$DKMS_NAME, no $MOD.ko in /lib/modules/*/updates, packages gone"
else
	bad "left behind:"
	echo "$l" | indent
fi
left=$(echo "$files" | while read -r f; do
	[ -n "$f" ] && [ ! -d "$f" ] && { [ -e "$f" ] || [ -L "$f" ]; } && echo "$f"
done)
[ -z "$left" ] && ok "none of the packages' $(echo "$files" | grep -c .) paths is left as a file" ||
	{ bad "files of the packages left:"; echo "$left" | indent; }
finish
