#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make upstream-diff: every function of the module next to its upstream
# twin in Linux 7.x, side by side. The pairs come from the module's own
# "upstream twin: NAME() ..." comments (the last NAME() of the comment's
# first line; a twin that is one part of a function shows that function);
# upstream's code from the newest Debian linux-source-7.x, as extracted
# into the harness cache by tests/harness/ynl-source.sh.
#
# Usage: upstream-diff.sh [-u] [PATTERN]
#   -u       unified diff instead of side by side (diff -y)
#   PATTERN  only pairs whose names match it (grep -E), e.g. migrate_state
#   KSRC=DIR another upstream tree; COLUMNS= width of the side-by-side view
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
mode=-y
[ "${1:-}" = -u ] && { mode=-u; shift; }
pat=${1:-.}
ksrc=${KSRC:-}
if [ -z "$ksrc" ]; then
	ksrc=$(tests/harness/ynl-source.sh) || {
		echo "upstream-diff: no linux-source-7.x in the harness cache" >&2
		exit 1
	}
fi
[ -f "$ksrc/net/xfrm/xfrm_user.c" ] || {
	echo "upstream-diff: $ksrc has no net/xfrm/xfrm_user.c" >&2
	exit 1
}
ver=$(cat "$ksrc/stamp" 2>/dev/null || basename "$ksrc")
upfiles="net/xfrm/xfrm_user.c net/xfrm/xfrm_state.c net/xfrm/xfrm_device.c
	include/net/xfrm.h include/net/netlink.h include/linux/netlink.h lib/nlattr.c"

# fn_body FILE NAME: the definition of NAME in FILE (a function from its
# first line to the closing brace at column 0, or a #define with its
# continuation lines), nothing when FILE has none.
fn_body() {
	awk -v n="$2" '
		!f && $0 ~ "^#define[ \t]+" n "[( \t]" { f = 2 }
		!f && $0 ~ "^[A-Za-z_]" && $0 ~ "(^|[^A-Za-z0-9_])" n "\\(" &&
		    $0 !~ ";[ \t]*$" && $0 !~ "^#" { f = 1 }
		f == 1 { print; if ($0 ~ /^}/) exit }
		f == 2 { print; if ($0 !~ /\\$/) exit }
	' "$1"
}

# Our annotated functions: "FILE LINE OURS TWIN" for each comment.
pairs() {
	for f in $(git ls-files 'src/*.c' 'src/*.h' | grep -v '^src/compat/probes/'); do
		awk -v file="$f" '
			/upstream twin:/ {
				line = $0; twin = ""
				while (match(line, /[A-Za-z_][A-Za-z0-9_]*\(\)/)) {
					twin = substr(line, RSTART, RLENGTH - 2)
					line = substr(line, RSTART + RLENGTH)
				}
				want = 1; next
			}
			want && /^[A-Za-z_].*\(/ && !/;[ \t]*$/ {
				s = $0; sub(/\(.*/, "", s); n = split(s, w, /[^A-Za-z0-9_]+/)
				print file, NR, w[n], twin; want = 0
			}
		' "$f"
	done
}

pairs | while read -r file line ours twin; do
	echo "$ours $twin" | grep -Eq -- "$pat" || continue
	ourbody=$(fn_body "$file" "$ours")
	upbody="" upfile=""
	for u in $upfiles; do
		[ -f "$ksrc/$u" ] || continue
		upbody=$(fn_body "$ksrc/$u" "$twin")
		[ -n "$upbody" ] && { upfile=$u; break; }
	done
	echo "=================================================================="
	if [ -z "$upbody" ]; then
		echo "$file:$line $ours  <->  $twin (not found in $ver)"
		continue
	fi
	echo "$file:$line $ours  <->  $upfile $twin ($ver)"
	echo "=================================================================="
	printf '%s\n' "$ourbody" > "${TMPDIR:-/tmp}/xms-ud.ours.$$"
	printf '%s\n' "$upbody" > "${TMPDIR:-/tmp}/xms-ud.up.$$"
	diff "$mode" -W "${COLUMNS:-160}" -t \
		"${TMPDIR:-/tmp}/xms-ud.ours.$$" "${TMPDIR:-/tmp}/xms-ud.up.$$" || true
	rm -f "${TMPDIR:-/tmp}/xms-ud.ours.$$" "${TMPDIR:-/tmp}/xms-ud.up.$$"
done
