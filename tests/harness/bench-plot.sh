#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make bench's figures (gnuplot, installed by host-deps.sh plot): for each
# raw file build/bench/ARCH-KVER.raw,
#   OUTDIR/cost-KVER.png  median cost per operation against the number of
#                         other SAs installed, one line per method
#   OUTDIR/lost-KVER.png  packets lost per migration, per method, at each
#                         rate and side of the disruption runs
#
# Usage: bench-plot.sh OUTDIR FILE.raw...
set -eu
. "$(dirname "$0")/common.sh"

outdir=$1
shift
"$XMS_HARNESS/host-deps.sh" plot
mkdir -p "$outdir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for raw in "$@"; do
	k=$(basename "$raw" .raw)
	k=${k#amd64-}
	rel=$(sed -n 's/^BENCH kernel release=\([^ ]*\) backend=\([^ ]*\).* date=\(.*\)$/\1 (\2), \3/p' "$raw" | head -n1)
	# cost: one row per SA count, one column per method (median us)
	awk '/^BENCH cost scale=/ {
		for (i = 3; i <= NF; i++) { split($i, a, "="); v[a[1]] = a[2] }
		s = v["scale"]; m = v["method"]
		if (!(s in seen)) { seen[s] = 1; ss[++ns] = s }
		if (!(m in hm)) { hm[m] = 1; mm[++nm] = m }
		med[s, m] = v["median_us"]
	} END {
		if (!ns) exit
		printf "SAs"; for (j = 1; j <= nm; j++) printf " %s", mm[j]; printf "\n"
		for (i = 1; i <= ns; i++) {
			printf "%s", ss[i]
			for (j = 1; j <= nm; j++) printf " %s", ((ss[i], mm[j]) in med) ? med[ss[i], mm[j]] : "NaN"
			printf "\n"
		}
	}' "$raw" > "$tmp/cost.dat"
	if [ -s "$tmp/cost.dat" ]; then
		n=$(head -n1 "$tmp/cost.dat" | wc -w)
		gnuplot <<EOG
set terminal pngcairo size 800,500 noenhanced
set output "$outdir/cost-$k.png"
set title "median cost per operation vs other SAs installed\\n$rel, QEMU TCG (compare ratios)"
set xlabel "other SAs installed"
set ylabel "median us per operation"
set key outside right
set grid
set yrange [0:*]
plot for [c=2:$n] "$tmp/cost.dat" using 0:c:xticlabels(1) with linespoints lw 2 title columnheader(c)
EOG
	fi
	# lost per migration: one row per rate/side, one column per method
	awk '/^BENCH disrupt/ {
		for (i = 3; i <= NF; i++) { split($i, a, "="); v[a[1]] = a[2] }
		m = v["method"]; if (m == "none") next
		r = v["pps"] "/" v["side"]
		if (!(r in seen)) { seen[r] = 1; rr[++nr] = r }
		if (!(m in hm)) { hm[m] = 1; mm[++nm] = m }
		lost[r, m] = v["migrations"] > 0 ? v["lost"] / v["migrations"] : 0
	} END {
		if (!nr) exit
		printf "run"; for (j = 1; j <= nm; j++) printf " %s", mm[j]; printf "\n"
		for (i = 1; i <= nr; i++) {
			printf "%s", rr[i]
			for (j = 1; j <= nm; j++) printf " %s", ((rr[i], mm[j]) in lost) ? lost[rr[i], mm[j]] : 0
			printf "\n"
		}
	}' "$raw" > "$tmp/lost.dat"
	if [ -s "$tmp/lost.dat" ]; then
		n=$(head -n1 "$tmp/lost.dat" | wc -w)
		gnuplot <<EOG
set terminal pngcairo size 800,500 noenhanced
set output "$outdir/lost-$k.png"
set title "packets lost per in-place replacement of the stream's SA\\n$rel, 2 vCPUs, QEMU TCG"
set xlabel "packets/s / side whose SA is replaced"
set ylabel "packets lost per migration"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set key outside right
set grid y
set yrange [0:*]
plot for [c=2:$n] "$tmp/lost.dat" using c:xticlabels(1) title columnheader(c)
EOG
	fi
	log "plots for $k in $outdir"
done
