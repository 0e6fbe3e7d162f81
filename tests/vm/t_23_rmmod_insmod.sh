#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Module kernels: the module can be unloaded while SAs it installed are in
# use, those SAs keep working (nothing in them points into the module),
# and after insmod again a migration works again.
# Native kernels (>= 7.2): there is no module; "xfrm-migrate probe" must
# report the native backend and a migration goes through it.
#
#   netns a                                       netns b
#   lo 192.168.1.1                                lo 192.168.2.1
#   a0 10.0.0.1 / 10.0.1.1  --- veth ---  10.0.0.2 / 10.0.1.2 b0
#   SA 0x1000 a->b, SA 0x2000 b->a: moved 10.0.0.x -> 10.0.1.x -> 10.0.0.x
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-migrate.sh"

move_pair() { # FROM_A FROM_B TO_A TO_B
	migrate_both dst $2 proto esp spi 0x1000 new-src $3 new-dst $4
	migrate_both dst $1 proto esp spi 0x2000 new-src $4 new-dst $3
	tun_policies $3 $4 1
}

mig_topo_up
esp_pair 10.0.0.1 10.0.0.2
tun_policies 10.0.0.1 10.0.0.2 1
traffic_both 2

if ! is_module_backend; then
	run xfrm-migrate probe > /tmp/probe.out
	cat /tmp/probe.out
	grep -q '^backend: native$' /tmp/probe.out || fail "probe does not report the native backend"
	run test ! -e /sys/module/xfrm_migrate_state || fail "our module is loaded on a native kernel"
	move_pair 10.0.0.1 10.0.0.2 10.0.1.1 10.0.1.2
	traffic_both 2
	sa_expect a 0x1000 '^src 10\.0\.1\.1 dst 10\.0\.1\.2$' "migrated natively"
	pass "native backend reported and used; no module on this kernel"
fi

say "SAs installed by the module"
move_pair 10.0.0.1 10.0.0.2 10.0.1.1 10.0.1.2
traffic_both 2

say "unload the module while its SAs carry traffic"
must rmmod xfrm_migrate_state
run test ! -d /sys/module/xfrm_migrate_state || fail "module still loaded after rmmod"
traffic_both 3
sa_expect a 0x1000 '^src 10\.0\.1\.1 dst 10\.0\.1\.2$' "SA still there"
echo "+ (must fail, no backend) xfrm-migrate -n a migrate dst 10.0.1.2 proto esp spi 0x1000 new-src 10.0.0.1 new-dst 10.0.0.2"
xmig -n a migrate dst 10.0.1.2 proto esp spi 0x1000 new-src 10.0.0.1 new-dst 10.0.0.2
rc=$?
[ $rc -eq 3 ] || fail "migrate without the module: exit status $rc, want 3 (no backend)"
sa_expect a 0x1000 '^src 10\.0\.1\.1 dst 10\.0\.1\.2$' "SA unchanged by the refused migration"

say "load it again: migrations work again"
must insmod "$XMS_KO"
run xfrm-migrate probe > /tmp/probe.out
cat /tmp/probe.out
grep -q '^backend: module$' /tmp/probe.out || fail "probe does not find the module after insmod"
move_pair 10.0.1.1 10.0.1.2 10.0.0.1 10.0.0.2
sa_expect a 0x1000 '^src 10\.0\.0\.1 dst 10\.0\.0\.2$' "migrated back"
traffic_both 3
o=$(sa_get a 0x1000 oseq) || fail "no oseq"
[ "$o" -eq 20 ] || fail "SA 0x1000 oseq $o after 20 packets a->b, want 20"
pass "rmmod with module-installed SAs in use, traffic kept, insmod and migrate again"
