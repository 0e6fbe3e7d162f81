#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The Python part of a guest's initramfs, for driving the module with the
# kernel's own ynl CLI: Debian's python3.X (the host's version) for ARCH
# with its standard library (without tests, GUI, packaging, XML, asyncio
# and database modules) and
# PyYAML, byte-compiled by the host's interpreter of the same version, and
# tools/net/ynl/pyynl of the newest linux-source-7.x (ynl-source.sh) in
# /usr/lib/ynl, started by /usr/bin/ynl, with the netlink schemas in
# /usr/share/ynl and jsonschema for "ynl --validate".
# Cached per ARCH, rebuilt when the interpreter, PyYAML or ynl changes.
#
# Usage: python-layer.sh ARCH      -> prints the cpio.gz path
set -eu
. "$(dirname "$0")/common.sh"

arch=$1
[ "$arch" = "$(dpkg --print-architecture)" ] || "$XMS_HARNESS/sysroot.sh" "$arch" > /dev/null
. "$XMS_HARNESS/elf.sh"
ynl=$("$XMS_HARNESS/ynl-source.sh")
pyver=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
py=python$pyver

out=$XMS_CACHE/py/$arch/python.cpio.gz
mkdir -p "$(dirname "$out")"
exec 8> "$out.lock"
flock 8
key=$(cat "$0" "$XMS_HARNESS/elf.sh" "$ynl/stamp" "$sysroot/stamp" \
	"/var/lib/dpkg/info/$py-minimal.md5sums" \
	/var/lib/dpkg/info/python3-yaml.md5sums \
	/var/lib/dpkg/info/python3-jsonschema.md5sums 2>/dev/null | sha256sum | cut -c1-16)
if [ -f "$out" ] && [ "$(cat "$out.key" 2>/dev/null)" = "$key" ]; then
	echo "$out"
	exit 0
fi

stage=$(mktemp -d "$XMS_CACHE/stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
lib=usr/lib/$py
[ -x "$sysroot/usr/bin/$py" ] || die "no $py in $sysroot"
[ -d "$sysroot/usr/lib/python3/dist-packages/yaml" ] || die "no PyYAML in $sysroot"
copy_elf "$sysroot/usr/bin/$py" "usr/bin/$py"
ln -s "$py" "$stage/usr/bin/python3"

# The standard library; extension modules with their libraries.
mkdir -p "$stage/$lib"
(cd "$sysroot/$lib" && tar -c --exclude=__pycache__ --exclude='*.so' \
	--exclude=./test --exclude=./idlelib --exclude=./tkinter \
	--exclude=./turtledemo --exclude=./lib2to3 --exclude=./ensurepip \
	--exclude=./pydoc_data --exclude=./distutils --exclude='./config-*' \
	--exclude=./sqlite3 --exclude=./unittest --exclude=./venv \
	--exclude=./asyncio --exclude=./xml --exclude=./xmlrpc \
	--exclude=./multiprocessing --exclude=./html \
	--exclude=./wsgiref --exclude=./curses --exclude=./dbm \
	--exclude=./concurrent .) |
	tar -x -C "$stage/$lib"
for so in "$sysroot/$lib"/lib-dynload/*.so; do
	case ${so##*/} in
	_tkinter*|_sqlite3*|_test*|xx*|_dbm*|_gdbm*|_curses*|readline*|nis*|_ssl*)
		continue ;;
	esac
	copy_elf "$so" "$lib/lib-dynload/${so##*/}"
done
mkdir -p "$stage/usr/lib/python3/dist-packages"
cp -r "$sysroot/usr/lib/python3/dist-packages/yaml" "$stage/usr/lib/python3/dist-packages/"
rm -rf "$stage/usr/lib/python3/dist-packages/yaml/__pycache__"
for so in "$sysroot/usr/lib/python3/dist-packages/yaml"/*.so; do
	[ -e "$so" ] && copy_elf "$so" "usr/lib/python3/dist-packages/yaml/${so##*/}"
done

# jsonschema and what it needs are pure Python: the host's, for every arch
# (pyrsistent's optional C vector is left out; it falls back to Python).
dp=/usr/lib/python3/dist-packages
for p in jsonschema attr attrs pyrsistent _pyrsistent_version.py \
	jsonschema-*.dist-info attrs-*.dist-info pyrsistent-*.egg-info; do
	# shellcheck disable=SC2086
	set -- $dp/$p
	[ -e "$1" ] || die "no $dp/$p on the host (python3-jsonschema)"
	cp -r "$@" "$stage/$dp/"
done
find "$stage/$dp" -name __pycache__ -prune -exec rm -rf {} +

# ynl, as "ynl" on the PATH; specs go to /usr/share/ynl/specs (mkoverlay.sh).
mkdir -p "$stage/usr/lib/ynl" "$stage/usr/share/ynl/specs"
cp -r "$ynl/tools/net/ynl/pyynl" "$stage/usr/lib/ynl/"
cp "$ynl"/Documentation/netlink/*.yaml "$stage/usr/share/ynl/"
find "$stage/usr/lib/ynl" -name __pycache__ -prune -exec rm -rf {} +
cat > "$stage/usr/bin/ynl" <<'EOS'
#!/bin/sh
exec /usr/bin/python3 /usr/lib/ynl/pyynl/cli.py "$@"
EOS
chmod 755 "$stage/usr/bin/ynl"

# Compiled here once: under TCG, compiling at every import costs seconds.
python3 -m compileall -q -j 0 --invalidation-mode unchecked-hash \
	-s "$stage" -p / "$stage/usr/lib" > /dev/null ||
	die "byte-compiling the guest's Python failed"

pack_cpio "$stage" > "$out.tmp"
mv "$out.tmp" "$out"
echo "$key" > "$out.key"
log "$arch guest Python ($py, PyYAML, ynl from $(cut -d' ' -f2 "$ynl/stamp")):" \
	"$(du -h "$out" | cut -f1)"
echo "$out"
