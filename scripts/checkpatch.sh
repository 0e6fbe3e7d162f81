#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make checkpatch: checkpatch.pl --strict, from the newest Debian
# linux-source-7.x (fetched into the harness cache by
# tests/harness/ynl-source.sh), over the module's sources and the uapi
# headers. CHECKPATCH=/path/to/checkpatch.pl uses another one.
#
# Usage: checkpatch.sh [FILE...]   (default: src/ and include/uapi/)
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
cp=${CHECKPATCH:-}
if [ -z "$cp" ]; then
	ksrc=$(tests/harness/ynl-source.sh) || {
		echo "checkpatch: no linux-source-7.x to take checkpatch.pl from" >&2
		exit 1
	}
	cp=$ksrc/scripts/checkpatch.pl
fi
[ -f "$cp" ] || { echo "checkpatch: $cp not found" >&2; exit 1; }
[ $# -gt 0 ] || set -- $(git ls-files -co --exclude-standard -- \
	'src/*.c' 'src/*.h' 'src/compat/*.c' 'src/compat/*.h' 'src/compat/probes/*.c' 'include/uapi/*.h' 2>/dev/null |
	grep -v '^src/generated/' || find src include/uapi -name '*.[ch]')
# No git tree of the kernel here: --no-tree. ALLOC_WITH_SIZEOF asks for
# 7.x's kzalloc_obj(), which the kernels the module is for do not have.
if perl "$cp" --strict --no-tree --terse --show-types --no-summary \
	--ignore ALLOC_WITH_SIZEOF -f "$@"; then
	echo "checkpatch --strict: $# files clean ($(basename "$(dirname "$(dirname "$cp")")"))"
else
	echo "checkpatch --strict: findings above ($(basename "$(dirname "$(dirname "$cp")")"))"
	exit 1
fi
