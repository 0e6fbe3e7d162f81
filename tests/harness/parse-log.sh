#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Judge one guest run from its serial log (marker lines: see tests/vm/init).
#
# Usage: parse-log.sh LOG TESTS-FILE BACKEND OUTDIR
# Writes OUTDIR/counts ("PASSED FAILED", test counts only), OUTDIR/kfail
# (one line per kernel-level failure) and OUTDIR/report (what to print:
# failing tests' output, indented, and kernel log excerpts).
set -eu

log=$1 tests=$2 backend=$3 out=$4
mkdir -p "$out"
: > "$out/kfail"
: > "$out/report"
kfail() { echo "$1" >> "$out/kfail"; printf '  kernel: %s\n' "$1" >> "$out/report"; }
indent() { sed 's/^/      /' >> "$out/report"; }

# NUL bytes (a test's output) would make grep call the log binary and
# match nothing; in the C locale no other byte does.
export LC_ALL=C
tr -d '\r\000' < "$log" > "$out/console.log"
log=$out/console.log

died=
# Per-test results.
pass=0 fail=0 notrun=
while read -r t; do
	[ -n "$t" ] || continue
	line=$(grep -m1 "^HARNESS-TEST $t " "$log" || true)
	case $line in
	"HARNESS-TEST $t PASS"*) pass=$((pass + 1)) ;;
	"HARNESS-TEST $t FAIL"*)
		fail=$((fail + 1))
		printf '  FAIL %s: %s\n' "$t" "${line#"HARNESS-TEST $t FAIL "}" >> "$out/report"
		awk -v t="$t" '$0 == "HARNESS-BEGIN " t {on=1; next}
			index($0, "HARNESS-TEST " t " ") == 1 {on=0}
			on' "$log" | indent
		;;
	*) notrun="$notrun $t" ;;
	esac
done < "$tests"
# A test without a verdict in a guest that finished is a failed test.
if grep -q '^HARNESS-DONE' "$log"; then
	for t in $notrun; do
		fail=$((fail + 1))
		printf '  FAIL %s: no verdict in the console log\n' "$t" >> "$out/report"
	done
fi
echo "$pass $fail" > "$out/counts"

# Kernel-level checks.
if ! grep -q '^HARNESS-BOOT ' "$log"; then
	kfail "the guest never reached /init"
elif ! grep -q '^HARNESS-DONE' "$log"; then
	why=$(sed -n 's/^HARNESS-HANG //p' "$log" | head -n1)
	kfail "the guest died or hung before the end${why:+ ($why)}${notrun:+; not run:$notrun}"
	died=1
fi
grep '^HARNESS-MODFAIL ' "$log" | while read -r _ m rest; do
	kfail "stock module $m failed to load: $rest"
done
if [ "$backend" = module ] && grep -q '^HARNESS-BOOT ' "$log" &&
   ! grep -q '^HARNESS-KO ok' "$log"; then
	kfail "insmod of xfrm_migrate_state.ko failed"
	grep -m1 -B2 -A10 'xfrm_migrate_state' "$log" | indent || true
fi

letters=PFSRMBUDAWCIOELKXTNJ
grep '^HARNESS-TAINT ' "$log" | while read -r _ stage val; do
	bad=$((val & ~(4096 | 8192)))
	[ "$bad" -eq 0 ] && continue
	fl= i=0
	while [ $i -lt 20 ]; do
		[ $(((bad >> i) & 1)) -eq 1 ] && fl="$fl$(echo "$letters" | cut -c$((i + 1)))"
		i=$((i + 1))
	done
	kfail "kernel tainted after $stage: $val (flags $fl; only O and E are allowed)"
	break	# the first stage that shows it is enough
done

# Kernel log: anything that looks like an oops, BUG, WARN, lockdep,
# KASAN, UBSAN, RCU stall or hung task (kmemleak: below).
pat='Oops|BUG:|WARNING:|lockdep|possible recursive locking|possible circular locking|KASAN|UBSAN|unreferenced object 0x|suspicious RCU usage|inconsistent lock state|[Cc]all [Tt]race|Kernel panic|general protection fault|detected stalls|blocked for more than|self-detected stall'
benign='lockdep: fixing up alternatives|Lock dependency validator|RCU lockdep checking is enabled|KernelAddressSanitizer initialized|kasan: '
# The kmemleak scan (debug kernels) is judged apart, below; its lines are
# blanked here to keep the line numbers.
awk '/^HARNESS-KMEMLEAK-BEGIN/ {k=1} k {print ""; if (/^HARNESS-KMEMLEAK-END/) k=0; next} 1' \
	"$log" > "$out/console-nokml.log"
grep -nE "$pat" "$out/console-nokml.log" | grep -vE "$benign" |
	grep -v '^[0-9]*:HARNESS-' > "$out/splat" || true
if [ -s "$out/splat" ]; then
	n=$(wc -l < "$out/splat")
	first=$(head -n1 "$out/splat")
	kfail "kernel log reports a problem ($n matching lines): ${first#*:}"
	ln=${first%%:*}
	from=$((ln > 5 ? ln - 5 : 1))
	sed -n "${from},$((ln + 40))p" "$log" | indent
elif [ -n "$died" ]; then
	echo "      last lines of the console:" >> "$out/report"
	grep -v '^HARNESS-DMESG' "$log" | tail -n 40 | indent
fi

# kmemleak: one line per unreferenced object, "HEADER<TAB>BACKTRACE" (the
# backtrace's functions joined by spaces); objects that match an entry of
# kmemleak-known (kernel bugs reproduced without our module) are listed,
# any other one fails the kernel.
awk '/^HARNESS-KMEMLEAK-BEGIN/ {k=1; next} /^HARNESS-KMEMLEAK-END/ {k=0}
	!k {next}
	/^unreferenced object/ {if (h != "") print h "\t" bt; h=$0; bt=""; inbt=0; next}
	/^ *backtrace/ {inbt=1; next}
	inbt {sub(/^ +/, ""); bt = bt (bt == "" ? "" : " ") $0}
	END {if (h != "") print h "\t" bt}' "$log" > "$out/kmemleak"
known=$(dirname "$0")/kmemleak-known
: > "$out/kmemleak.unknown"
while IFS='	' read -r head bt; do
	name=$(grep -v '^#' "$known" | while IFS='	' read -r n re; do
		[ -n "$n" ] && echo "$bt" | grep -qE "$re" && { echo "$n"; break; }
	done || true)
	if [ -n "$name" ]; then
		echo "$name" >> "$out/kmemleak.known"
	else
		printf '%s\n      backtrace: %s\n' "$head" "$bt" >> "$out/kmemleak.unknown"
	fi
done < "$out/kmemleak"
if grep -qE 'kmemleak: [0-9]+ new suspected' "$log" &&
   ! grep -q '^HARNESS-KMEMLEAK-BEGIN' "$log"; then
	kfail "kmemleak found leaks, but the guest did not list them"
fi
if [ -s "$out/kmemleak.unknown" ]; then
	kfail "kmemleak: $(grep -c '^unreferenced' "$out/kmemleak.unknown") unreferenced object(s)"
	head -n 20 "$out/kmemleak.unknown" | indent
fi
if [ -s "$out/kmemleak.known" ]; then
	sort "$out/kmemleak.known" | uniq -c | while read -r n name; do
		printf '  note: kmemleak: %s object(s) of the known kernel leak %s (%s)\n' \
			"$n" "$name" "tests/harness/kmemleak-known" >> "$out/report"
	done
fi
exit 0
