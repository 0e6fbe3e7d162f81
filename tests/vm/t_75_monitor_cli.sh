#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# "xfrm-migrate monitor" prints one "Migrated state" entry per migration,
# in the iproute2 monitor format, on both backends.
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel reqid 1 (err_topo)
#
# Migration to 10.0.1.1 -> 10.0.1.2 reqid 7 with SET_MARK 0x5 and encap
# espinudp 4500 4500, sent with xms-raw.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
rm -f /tmp/mon.ready
echo "+ [a] xfrm-migrate monitor --count 1 --timeout 15 --ready /tmp/mon.ready > /tmp/mon &"
/bin/ip netns exec a xfrm-migrate monitor --count 1 --timeout 15 \
	--ready /tmp/mon.ready > /tmp/mon 2>&1 &
mpid=$!
i=0
while [ ! -e /tmp/mon.ready ]; do
	kill -0 $mpid 2>/dev/null || { cat /tmp/mon; fail "monitor exited early"; }
	i=$((i + 1))
	[ $i -lt 100 ] || fail "monitor not ready after 10 s"
	usleep 100000 2>/dev/null || sleep 1
done
expect_ack a 'errno=0 extack=""' $XR_OK --new-daddr 10.0.1.2 --new-saddr 10.0.1.1 \
	--reqid 7 --u32 29:0x5 --encap 2:4500:4500:0.0.0.0
echo "+ wait for the monitor"
wait $mpid
rc=$?
cat /tmp/mon
[ $rc -eq 0 ] || fail "xfrm-migrate monitor exit status $rc"
grep -q '^Migrated state proto esp spi 0x00001000 dst 10.0.0.2' /tmp/mon ||
	fail "no 'Migrated state proto esp spi 0x00001000 dst 10.0.0.2' line"
grep -q '^ new-dst 10.0.1.2 new-src 10.0.1.1 new-reqid 7 set-mark 0x5/0xffffffff encap espinudp sport 4500 dport 4500' /tmp/mon ||
	fail "second line lacks 'new-dst 10.0.1.2 new-src 10.0.1.1 new-reqid 7 set-mark 0x5/0xffffffff encap espinudp sport 4500 dport 4500'"
pass "xfrm-migrate monitor prints the migration ($XMS_BACKEND backend)"
