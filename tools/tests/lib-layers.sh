#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The library's files call each other in layers, never in a circle
# (lib/internal.h draws them): from the objects, an edge A -> B for every
# symbol A uses and B defines; tsort fails on a loop and names it.
#
#   tests/lib-layers.sh OBJDIR     (build/obj/lib)
set -eu
export LC_ALL=C
dir=${1:?usage: lib-layers.sh OBJDIR}
defs=$(mktemp)
edges=$(mktemp)
trap 'rm -f "$defs" "$edges"' EXIT

for o in "$dir"/*.o; do
	f=$(basename "$o" .o)
	nm --defined-only "$o" | awk -v f="$f" '$2 ~ /^[TDBR]$/ { print $3, f }'
done | sort >"$defs"
for o in "$dir"/*.o; do
	f=$(basename "$o" .o)
	nm -u "$o" | awk '{ print $2 }' | sort | join - "$defs" |
		awk -v f="$f" '$2 != f { print f, $2 }'
done | sort -u >"$edges"

n=$(wc -l <"$edges")
if ! out=$(tsort "$edges" 2>&1 >/dev/null) || [ -n "$out" ]; then
	echo "lib layers: the files of lib/ call each other in a circle:" >&2
	echo "$out" >&2
	printf '%-12s %3d checks, %d failed\n' layers 1 1
	exit 1
fi
echo "lib layers: $n calls between files, no circle"
printf '%-12s %3d checks, %d failed\n' layers 1 0
