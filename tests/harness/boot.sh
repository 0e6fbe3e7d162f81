#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Boot a kernel with an initramfs under QEMU (TCG) and capture the serial
# console in LOG. A guest that prints nothing for XMS_STALL seconds (default
# 300) or runs longer than XMS_TIMEOUT seconds (default 3600) is killed;
# "HARNESS-HANG ..." is then appended to the log.
#
# Usage: boot.sh ARCH VMLINUZ INITRD LOG [KERNEL ARGS...]
#        XMS_INTERACTIVE=1 boot.sh ARCH VMLINUZ INITRD - [ARGS...]  (console on stdio)
# Env:   XMS_SMP (1), XMS_MEM (1G), XMS_QEMU_EXTRA
set -eu
. "$(dirname "$0")/common.sh"

arch=$1 kernel=$2 initrd=$3 log=$4
shift 4
smp=${XMS_SMP:-1} mem=${XMS_MEM:-1G}
# loglevel=5: warnings and worse reach the console (WARN, lockdep, KASAN);
# the whole log is dumped by init at the end anyway.
append="panic=-1 loglevel=5 printk.time=1 oops=panic $*"

accel=tcg
[ "$smp" -gt 1 ] && accel=tcg,thread=multi
case $arch in
amd64)
	set -- qemu-system-x86_64 -accel $accel -cpu max -M pc \
		-append "console=ttyS0 $append" ;;
arm64)
	set -- qemu-system-aarch64 -accel $accel -M virt -cpu max,pauth-impdef=on \
		-append "console=ttyAMA0 $append" ;;
*) die "unknown arch $arch" ;;
esac
set -- "$@" -smp "$smp" -m "$mem" -nographic -no-reboot -nodefaults \
	-kernel "$kernel" -initrd "$initrd" ${XMS_QEMU_EXTRA:-}

if [ "${XMS_INTERACTIVE:-0}" = 1 ]; then
	exec "$@" -serial mon:stdio
fi

: > "$log"
"$@" -serial "file:$log" -display none -monitor none < /dev/null \
	> "$log.qemu" 2>&1 &
pid=$!
start=$(date +%s) last=$start size=0 why=
while kill -0 "$pid" 2>/dev/null; do
	sleep 2
	now=$(date +%s)
	s=$(stat -c %s "$log")
	if [ "$s" != "$size" ]; then
		size=$s last=$now
	elif [ $((now - last)) -ge "${XMS_STALL:-300}" ]; then
		why="no console output for $((now - last)) s"
	fi
	if [ $((now - start)) -ge "${XMS_TIMEOUT:-3600}" ]; then
		why="still running after $((now - start)) s"
	fi
	if [ -n "$why" ]; then
		kill "$pid" 2>/dev/null
		sleep 1
		kill -9 "$pid" 2>/dev/null || true
		break
	fi
done
wait "$pid" 2>/dev/null || true
[ -n "$why" ] && printf '\nHARNESS-HANG %s\n' "$why" >> "$log"
cat "$log.qemu" >> "$log"
rm -f "$log.qemu"
exit 0
