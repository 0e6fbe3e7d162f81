#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Rebuild the udpencap6 helper embedded (base64) in tests/vm/t_45_demo.sh,
# for amd64 and arm64, and print the two shell variables to paste there.
# Needs gcc and aarch64-linux-gnu-gcc (the harness installs both).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
flags="-Os -static -nostdlib -fno-stack-protector -fno-asynchronous-unwind-tables
	-fno-pie -no-pie -Wl,--build-id=none -s -Wl,-z,norelro -Wl,-N"
gcc $flags -o "$tmp/amd64" "$here/udpencap6.c"
aarch64-linux-gnu-gcc $flags -o "$tmp/arm64" "$here/udpencap6.c"
for a in amd64 arm64; do
	v=$(echo "$a" | tr a-z A-Z)
	printf "_DEMO_UDPENCAP6_%s='\n%s\n'\n" "$v" "$(base64 -w 76 "$tmp/$a")"
done
