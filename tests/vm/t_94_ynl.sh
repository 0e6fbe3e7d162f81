#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The family's YNL spec drives the module through the kernel's own ynl CLI
# (tools/net/ynl of Linux >= 7.2, spec installed in /usr/share/ynl/specs,
# found by --family): the spec validates against genetlink-legacy (and a
# copy with a bad type does not), then, without re-validating each call
# (--no-schema), GET_INFO with --do, a migration with --do, its
# notification seen by --subscribe in a second ynl, and the extack of a
# refused request. A native kernel has no such family: ynl says so and
# exits 1.
# xms-debug: skip the spec's test, on the paths t_5x-t_7x take; 60 s of Python there
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel reqid 1
#            sel 10.0.0.1/32 -> 10.0.0.2/32 (host-to-host)
#   migrate-state: new 10.0.1.1 -> 10.0.1.2, reqid 7, UPDATE_H2H_SEL
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

command -v python3 > /dev/null || fail "no python3 in the guest (python-layer.sh)"
YNL="ynl --family xfrm_migstate --no-schema"

# jq-like checks with the guest's Python: jcheck FILE 'EXPR' WHAT, with d
# the list of JSON documents in FILE, one per line (ynl --output-json).
jcheck() {
	python3 - "$1" "$2" <<'EOF' || fail "$3"
import json, sys
d = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
ok = eval('(' + sys.argv[2] + ')')
print(f'# check {sys.argv[2]}: {bool(ok)}')
sys.exit(0 if ok else 1)
EOF
}

run ynl --family xfrm_migstate --validate || fail "the spec does not validate"
sed 's/type: u32/type: u33/' /usr/share/ynl/specs/xfrm_migstate.yaml > /usr/share/ynl/specs/xms-bad.yaml
run ynl --family xms-bad --validate > /tmp/bad 2>&1
rc=$?
grep -m1 "u33" /tmp/bad
rm -f /usr/share/ynl/specs/xms-bad.yaml
[ $rc -eq 1 ] || fail "a spec with a bad type validated (exit status $rc): validation is not working"

if ! is_module_backend; then
	run $YNL --do get-info > /tmp/ynl.out 2>&1
	rc=$?
	tail -n 1 /tmp/ynl.out
	[ $rc -eq 1 ] || fail "ynl on a native kernel: exit status $rc, want 1"
	grep -q "Family 'xfrm_migstate' not supported by the kernel" /tmp/ynl.out ||
		fail "ynl does not say the family is missing"
	run xfrm-migrate probe | tee /tmp/probe
	grep -q '^backend: native' /tmp/probe || fail "probe does not report the native backend"
	pass "native kernel: ynl finds no xfrm_migstate family, the native message serves"
fi

ver=$(cat /sys/module/xfrm_migrate_state/version) || fail "module has no version in sysfs"
echo "+ $YNL --do get-info --output-json"
$YNL --do get-info --output-json > /tmp/info || { cat /tmp/info; fail "ynl get-info failed"; }
cat /tmp/info
jcheck /tmp/info "d[0]['module-version'] == '$ver' and d[0]['family-version'] == 1" \
	"GET_INFO through ynl: module-version is not $ver or family-version not 1"
jcheck /tmp/info "d[0]['kernel-release'] == '$(uname -r)' and 4 in d[0]['attr'] and
	d[0]['supported-flags'] == ['clear-offload', 'update-h2h-sel']" \
	"GET_INFO through ynl: kernel-release, attr or supported-flags wrong"

must ip netns add a
nsmust a ip link set lo up
nsmust a ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp \
	spi 0x1000 reqid 1 mode tunnel aead 'rfc4106(gcm(aes))' $XMS_KEY_AB 128 \
	sel src 10.0.0.1/32 dst 10.0.0.2/32

# The subscriber; until it listens, migrations of the reqid only (1 <-> 2)
# are sent, so the one under test is not missed.
z=000000000000000000000000
# (Appending: the file is emptied below while ynl writes to it.)
: > /tmp/ntf
echo "+ [a] $YNL --subscribe migrate --duration 90 --output-json >> /tmp/ntf &"
PYTHONUNBUFFERED=1 /bin/ip netns exec a $YNL --subscribe migrate --duration 90 \
	--output-json >> /tmp/ntf 2>&1 &
sub=$!
# mig_json SPI NEW_DADDR NEW_SADDR REQID: the request for the SA to
# 10.0.0.2 (IPv4 addresses as 8 hex digits), UPDATE_H2H_SEL.
mig_json() {
	echo "{\"id\": {\"daddr\": \"0a000002$z\", \"spi\": $1, \"family\": 2, \"proto\": 50},
	\"new-daddr\": \"$2$z\", \"new-saddr\": \"$3$z\",
	\"new-reqid\": $4, \"new-family\": 2, \"flags\": 2}"
}
reqid() { # N: the reqid-only migration
	/bin/ip netns exec a $YNL --do migrate-state --json "$(mig_json 4096 0a000002 0a000001 "$1")" \
		> /dev/null || fail "reqid-only migration to $1 failed"
}
i=0 r=1
while ! grep -q migrate-state /tmp/ntf; do
	i=$((i + 1))
	[ $i -le 60 ] || { cat /tmp/ntf; fail "ynl --subscribe heard nothing in 60 s"; }
	kill -0 $sub 2> /dev/null || { cat /tmp/ntf; fail "ynl --subscribe exited"; }
	r=$((3 - r))
	reqid $r
	sleep 1
done
say "the subscriber listens (after $i reqid-only migrations)"
: > /tmp/ntf

nsrun a $YNL --do migrate-state --json "$(mig_json 4096 0a000102 0a000101 7)" ||
	fail "ynl migrate-state failed"
i=0
while ! grep -q 0a000102 /tmp/ntf; do
	i=$((i + 1))
	[ $i -le 30 ] || { cat /tmp/ntf; fail "no notification of the migration in 30 s"; }
	sleep 1
done
kill $sub
wait $sub 2> /dev/null
cat /tmp/ntf
jcheck /tmp/ntf "len(d) == 1 and d[0]['name'] == 'migrate-state-ntf'" \
	"want exactly one migrate-state-ntf notification"
jcheck /tmp/ntf "d[0]['msg']['new-daddr'] == '0a000102$z' and d[0]['msg']['new-saddr'] == '0a000101$z'" \
	"notification: new addresses are not 10.0.1.1 -> 10.0.1.2"
jcheck /tmp/ntf "d[0]['msg']['new-reqid'] == 7 and d[0]['msg']['id']['spi'] == '0x1000'" \
	"notification: reqid or SPI wrong"
jcheck /tmp/ntf "d[0]['msg']['new-sel']['saddr'] == '0a000101$z' and d[0]['msg']['new-sel']['prefixlen-d'] == 32" \
	"notification: selector is not the new host-to-host one"
nsrun a ip xfrm state list | tee /tmp/sa
grep -q '^src 10.0.1.1 dst 10.0.1.2$' /tmp/sa || fail "SA not at 10.0.1.1 -> 10.0.1.2"
grep -q 'reqid 7 mode tunnel' /tmp/sa || fail "SA reqid is not 7"
grep -q 'sel src 10.0.1.1/32 dst 10.0.1.2/32' /tmp/sa || fail "SA selector not updated"

# A refused request: ynl shows the errno and the module's extack.
nsrun a $YNL --do migrate-state --json "$(mig_json 39321 0a000102 0a000101 7)" > /tmp/err 2>&1
rc=$?
cat /tmp/err
[ $rc -eq 1 ] || fail "ynl exit status $rc for an unknown SPI, want 1"
grep -q 'Can not find state' /tmp/err || fail "ynl does not show the extack 'Can not find state'"
pass "ynl: get-info, migrate-state and its notification, extack of ESRCH"
