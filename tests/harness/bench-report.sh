#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The table of make bench from the raw "BENCH ..." lines of xms-bench
# (build/bench/ARCH-KVER.raw, one file per kernel), each target with
# PASS/FAIL beside its figure:
#
#   module/copy <= 0.5 (median cost, no other SAs)
#   module/(NEWSA+DELSA) <= native/(NEWSA+DELSA) of a >= 7.2 kernel
#   cost with the most other SAs <= 1.15 x cost with none
#   0 packets lost and 0 replay errors over >= 1000 migrations, at every
#     rate and on both sides (the module, or native on 7.2+)
#   no slab growth over the memory run (<= 256 KiB: noise)
#
# Usage: bench-report.sh FILE.raw...
set -eu

[ $# -gt 0 ] || { echo "bench-report.sh: no raw files (make bench first)" >&2; exit 1; }
awk '
function kv(line, key,    i, n, a) {
	n = split(line, a, " ")
	for (i = 1; i <= n; i++)
		if (index(a[i], key "=") == 1)
			return substr(a[i], length(key) + 2)
	return ""
}
function pf(ok) { return ok ? "PASS" : "FAIL" }
FNR == 1 { nf++; file[nf] = FILENAME }
/^BENCH kernel / {
	rel[nf] = kv($0, "release"); be[nf] = kv($0, "backend")
	cpus[nf] = kv($0, "cpus"); day[nf] = kv($0, "date")
}
/^BENCH cost0 scale=/ {
	ref[nf, kv($0, "scale") + 0, kv($0, "method")] = kv($0, "median_us") + 0
}
/^BENCH cost scale=/ {
	s = kv($0, "scale") + 0; m = kv($0, "method")
	if (!((nf, s) in hasS)) { hasS[nf, s] = 1; sc[nf, ++nsc[nf]] = s }
	med[nf, s, m] = kv($0, "median_us") + 0; p99[nf, s, m] = kv($0, "p99_us") + 0
	cfail[nf, s, m] = kv($0, "fails") + 0; hasM[nf, m] = 1
}
/^BENCH disrupt/ { nd[nf]++; dl[nf, nd[nf]] = $0 }
/^BENCH bulk method=/ { nb[nf]++; bl[nf, nb[nf]] = $0 }
/^BENCH mem / { ml[nf] = $0 }
/^BENCH .*FAIL/ { vfail[nf] = vfail[nf] "\n    " $0 }
END {
	# The native reference: method/(NEWSA+DELSA) of a >= 7.2 kernel.
	for (f = 1; f <= nf; f++)
		if (be[f] == "native" && ((f, 0, "native") in med)) {
			b = med[f, 0, "newsa"] + med[f, 0, "delsa"]
			if (b > 0) { natr = med[f, 0, "native"] / b; natk = rel[f] }
		}
	split("module native copy legacy newsa delsa", ms, " ")
	for (f = 1; f <= nf; f++) {
		mig = be[f] == "native" ? "native" : "module"
		printf "== %s (%s), %s vCPUs, QEMU TCG, %s  [%s]\n", rel[f], be[f], cpus[f], day[f], file[f]
		if (nsc[f]) {
			printf "cost per operation, us, median / p99 (methods interleaved in rounds)\n"
			printf "  %-7s", "SAs"
			for (i = 1; i <= 6; i++) if (hasM[f, ms[i]]) printf " %17s", ms[i]
			printf " %11s %15s\n", mig "/copy", mig "/(new+del)"
			for (j = 1; j <= nsc[f]; j++) {
				s = sc[f, j]
				printf "  %-7s", s
				for (i = 1; i <= 6; i++) if (hasM[f, ms[i]])
					printf " %17s", sprintf("%.0f / %.0f%s", med[f, s, ms[i]], p99[f, s, ms[i]], cfail[f, s, ms[i]] > 0 ? "!" : "")
				c = med[f, s, "copy"]; b = med[f, s, "newsa"] + med[f, s, "delsa"]
				printf " %11s %15s\n", (c > 0 ? sprintf("%.2f", med[f, s, mig] / c) : "-"),
					(b > 0 ? sprintf("%.2f", med[f, s, mig] / b) : "-")
			}
			for (i = 1; i <= 6; i++) if (hasM[f, ms[i]] && ms[i] != mig && (ms[i] == "copy" || ms[i] == "legacy")) {
				c = med[f, 0, ms[i]]; b = med[f, 0, "newsa"] + med[f, 0, "delsa"]
				if (b > 0) printf "  %s/(new+del) at 0 SAs: %.2f\n", ms[i], c / b
			}
			printf "targets:\n"
			c = med[f, 0, "copy"]
			if (c > 0) {
				r = med[f, 0, mig] / c
				printf "  %-44s %6.2f  (<= 0.50)  %s\n", mig "/copy, 0 other SAs", r, pf(r <= 0.5)
			}
			b = med[f, 0, "newsa"] + med[f, 0, "delsa"]
			if (b > 0 && mig == "module") {
				r = med[f, 0, mig] / b
				if (natk != "")
					printf "  %-44s %6.2f  (<= native %.2f on %s)  %s\n", "module/(NEWSA+DELSA), 0 other SAs", r, natr, natk, pf(r <= natr)
				else
					printf "  %-44s %6.2f  (no >= 7.2 run in build/bench/ to compare)  n/a\n", "module/(NEWSA+DELSA), 0 other SAs", r
			}
			top = sc[f, nsc[f]] + 0
			if (top > 0 && ref[f, top, mig] > 0) {
				# against a table of 0 SAs measured in the same rounds
				for (j = 2; j <= nsc[f]; j++) {
					s = sc[f, j]
					printf "  %s cost at %d SAs / 0 SAs (interleaved, same rounds): %.2f\n", mig, s, med[f, s, mig] / ref[f, s, mig]
				}
				r = med[f, top, mig] / ref[f, top, mig]
				printf "  %-44s %6.2f  (<= 1.15)  %s\n", sprintf("%s cost at %d SAs / at 0", mig, top), r, pf(r <= 1.15)
			} else if (top > 0 && med[f, 0, mig] > 0) {
				r = med[f, top, mig] / med[f, 0, mig]
				printf "  %-44s %6.2f  (<= 1.15)  %s\n", sprintf("%s cost at %d SAs / at 0", mig, top), r, pf(r <= 1.15)
			}
		}
		if (nd[f]) {
			printf "disruption: numbered UDP stream a -> b, SA 0x1000 replaced in place on the sender (snd) or the receiver (rcv)\n"
			printf "  %6s %6s %4s %-7s %5s %7s %6s %8s %5s %5s %6s %7s %7s %7s %8s %6s\n", "pps", "got", "side", "method", "migs", "sent", "lost", "lost/mig", "dup", "reord", "replay", "InNoSt", "OutNoSt", "InStInv", "OutStInv", "mig_us"
			for (k = 1; k <= nd[f]; k++) {
				l = dl[f, k]
				n = kv(l, "migrations") + 0
				printf "  %6s %6s %4s %-7s %5s %7s %6s %8s %5s %5s %6s %7s %7s %7s %8s %6s\n", kv(l, "pps"), kv(l, "pps_sent"), kv(l, "side"), kv(l, "method"), n, kv(l, "sent"), kv(l, "lost"), (n ? sprintf("%.3f", kv(l, "lost") / n) : "-"), kv(l, "dup"), kv(l, "reord"), kv(l, "InStateSeqError"), kv(l, "InNoStates"), kv(l, "OutNoStates"), kv(l, "InStateInvalid"), kv(l, "OutStateInvalid"), kv(l, "mig_us")
			}
			for (k = 1; k <= nd[f]; k++) {
				l = dl[f, k]
				if (kv(l, "method") != mig) continue
				n = kv(l, "migrations") + 0; lo = kv(l, "lost") + 0; rp = kv(l, "InStateSeqError") + 0
				printf "  %-44s %6s  (0 lost, 0 replays, >= 1000 migrations)  %s\n", sprintf("%s %s pps %s: lost/replays", mig, kv(l, "pps"), kv(l, "side")), lo "/" rp, pf(lo == 0 && rp == 0 && n >= 1000)
			}
		}
		if (nb[f]) {
			printf "bulk failover: dual-stack Child SAs (in + out) moved to new addresses\n"
			for (k = 1; k <= nb[f]; k++) {
				l = bl[f, k]
				if (kv(l, "secs") == "") { sub(/^BENCH bulk /, "", l); printf "  %s\n", l; continue }
				printf "  %-7s %6s SAs  %8s s  %7s SAs/s  fails %s\n", kv(l, "method"), kv(l, "sas"), kv(l, "secs"), kv(l, "sas_per_s"), kv(l, "fails")
			}
		}
		if (ml[f] != "") {
			l = ml[f]; g = kv(l, "slab_growth_kb") + 0
			printf "memory: %s migrations (%s): Slab %s -> %s kB, SUnreclaim %+d kB, MemAvailable -%s kB, xfrm_state objs %s -> %s; module %s bytes\n", kv(l, "migrations"), kv(l, "method"), kv(l, "slab_kb"), kv(l, "slab_after_kb"), kv(l, "sunreclaim_growth_kb"), kv(l, "memavail_drop_kb"), kv(l, "xfrm_state_objs"), kv(l, "xfrm_state_objs_after"), kv(l, "module_bytes")
			printf "  %-44s %6s  (<= 256 kB)  %s\n", "slab growth, kB", g, pf(g <= 256 && kv(l, "fails") + 0 == 0)
		}
		if (vfail[f] != "") printf "  failures:%s\n", vfail[f]
		printf "\n"
	}
}' "$@"
