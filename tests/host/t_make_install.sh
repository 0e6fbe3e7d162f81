#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make install DESTDIR=... installs exactly the expected files (module
# under /lib/modules/<release>/updates, library, CLI, headers, pkg-config
# file, man page, netlink spec); make uninstall DESTDIR=... removes every
# one of them. Built from a copy of the tree for the installed 6.1 headers.
. "$(dirname "$0")/lib.sh"

begin "make install / make uninstall with DESTDIR"

k=$(installed_kver 6.1)
[ -n "$k" ] || { bad "no 6.1 headers installed (tests/host/run.sh installs them)"; finish; }
ma=$(gcc -print-multiarch)
dest=$XMS_TMP/root
tree=$XMS_TMP/tree
copy_tree "$tree"

# The expected list: type (f file, l symlink), mode, path.
cat > "$XMS_TMP/expected" <<EOL
f 644 /lib/modules/$k/updates/$MOD.ko
f 755 /usr/sbin/xfrm-migrate
f 644 /usr/lib/$ma/libxfrm-migrate.so.0
l 777 /usr/lib/$ma/libxfrm-migrate.so
f 644 /usr/lib/$ma/libxfrm-migrate.a
f 644 /usr/lib/$ma/pkgconfig/libxfrm-migrate.pc
f 644 /usr/include/xfrm-migrate/xfrm-migrate.h
f 644 /usr/include/xfrm-migrate/linux/xfrm_migstate.h
f 644 /usr/include/xfrm-migrate/linux/xfrm_migrate_state_compat.h
f 644 /usr/share/man/man8/xfrm-migrate.8
f 644 /usr/share/ynl/specs/xfrm_migstate.yaml
EOL
sort -k3 "$XMS_TMP/expected" -o "$XMS_TMP/expected"

listing() {
	(cd "$dest" && find . ! -type d -printf '%y %m /%P\n' 2>/dev/null) | sort -k3
}

step "make install DESTDIR=<tmp> KVER=$k"
t0=$(date +%s)
if run_tail 4 make -C "$tree" install DESTDIR="$dest" KVER="$k"; then
	ok "built and installed in $(( $(date +%s) - t0 )) s"
else
	bad "make install failed"
fi
listing > "$XMS_TMP/installed"
say "  installed:"
indent < "$XMS_TMP/installed"
if cmp -s "$XMS_TMP/expected" "$XMS_TMP/installed"; then
	ok "exactly the $(grep -c . "$XMS_TMP/expected") expected files, types and modes"
else
	bad "the installed files differ from the expected list (- expected, + installed):"
	diff -u "$XMS_TMP/expected" "$XMS_TMP/installed" | tail -n +3 | grep '^[-+]' | indent
fi
check "libxfrm-migrate.so points to libxfrm-migrate.so.0" \
	sh -c "[ \"\$(readlink '$dest/usr/lib/$ma/libxfrm-migrate.so')\" = libxfrm-migrate.so.0 ]"
check "the .pc file says prefix=/usr and Version: $VERSION (no DESTDIR in it)" \
	sh -c "grep -qx 'prefix=/usr' '$dest/usr/lib/$ma/pkgconfig/libxfrm-migrate.pc' &&
	       grep -qx 'Version: $VERSION' '$dest/usr/lib/$ma/pkgconfig/libxfrm-migrate.pc' &&
	       ! grep -q '$dest' '$dest/usr/lib/$ma/pkgconfig/libxfrm-migrate.pc'"
ko=$dest/lib/modules/$k/updates/$MOD.ko
[ -f "$ko" ] && {
	check "module version $VERSION" sh -c "[ \"\$(modinfo -F version '$ko')\" = '$VERSION' ]"
	check "module vermagic starts with $k" sh -c "modinfo -F vermagic '$ko' | grep -q '^$k '"
}
check "the installed CLI runs: xfrm-migrate version" \
	sh -c "'$dest/usr/sbin/xfrm-migrate' version | grep -q '$VERSION'"
check "no depmod output under DESTDIR" sh -c "[ -z \"\$(ls '$dest/lib/modules/$k/' | grep modules\\.)\" ]"

step "make uninstall DESTDIR=<tmp> KVER=$k"
run_tail 4 make -C "$tree" uninstall DESTDIR="$dest" KVER="$k" || bad "make uninstall failed"
listing > "$XMS_TMP/left"
if [ -s "$XMS_TMP/left" ]; then
	bad "files left after make uninstall:"
	indent < "$XMS_TMP/left"
else
	ok "no file left"
fi
dirs=$( (cd "$dest" && find . -mindepth 1 -type d -empty -printf '/%P\n') | sort | tr '\n' ' ')
[ -n "$dirs" ] && say "  (empty directories left, as make uninstall does not remove shared ones: $dirs)"
finish
