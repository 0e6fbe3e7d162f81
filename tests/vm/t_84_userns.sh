#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# User namespaces and namespace teardown.
#
# 1) uid 65534 creates a user namespace owning a new network namespace
#    (busybox "unshare -Urn"): root there holds CAP_NET_ADMIN over that
#    netns only. Inside, the init netns's SA does not exist (ESRCH); it adds
#    its own SA with the same tuple, asks GET_INFO (module kernels) and
#    migrates it with xms-raw and with the CLI; its listener gets exactly
#    these notifications, a listener in the init netns gets none.
# 2) The same user namespace without a netns of its own (in the init
#    netns): EPERM for the migration and GET_INFO, the groups cannot be
#    joined, the init netns's SA is unchanged. (Without any user namespace,
#    uid 65534 and root without CAP_NET_ADMIN: t_80, t_81, t_83.)
# 3) A netns is deleted while a valid-only writer, a listener and CLI
#    migrations run in it; once they are gone the netns is torn down (the
#    kernel's count of live netns per creator, user.max_net_namespaces at 1:
#    one more can be made) and the module unloads (nothing holds it); slab
#    objects are printed, not judged (SLUB's CPU slabs blur them). Kernel log: the harness checks it (and kmemleak on the debug
#    kernel) after the test.
#
# A kernel without user namespaces (the debug build: no CONFIG_USER_NS)
# runs 3) only; one that refuses them to uid 65534 has root make them.
#
#   init netns: SA 0x1000 10.0.0.1 -> 10.0.0.2 reqid 1 (as err_topo's)
#   userns U + its netns: SA 0x1000 10.0.0.1 -> 10.0.0.2 reqid 9, migrated
#   netns d: SAs 0x4000-0x4002, deleted under migrations
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

# active objects of slab cache $1 (fails where it is merged or unlisted)
slab() { awk -v c="$1" '$1 == c { print $2; f = 1 } END { if (!f) exit 1 }' /proc/slabinfo 2>/dev/null; }
mod=xfrm_migrate_state
ns0=$(slab net_namespace) || ns0=
x0=$(slab xfrm_state) || x0=
say "baseline: net_namespace objects ${ns0:-n/a}, xfrm_state objects ${x0:-n/a}"

must ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x1000 \
	reqid 1 mode tunnel aead 'rfc4106(gcm(aes))' $XMS_KEY_AB 128 \
	sel src 10.0.0.0/24 dst 10.0.0.0/24
ip xfrm state list > /tmp/init.before
req="$XR_OK --new-daddr 10.0.1.2 --new-saddr 10.0.1.1 --reqid 5"

# uid 65534 for su (the guest's passwd has root only); unprivileged user
# namespaces on (Debian's sysctl; mainline has none)
grep -q '^nobody:' /etc/passwd || echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >> /etc/passwd
grep -q '^nogroup:' /etc/group 2>/dev/null || echo 'nogroup:x:65534:' >> /etc/group
if [ -w /proc/sys/kernel/unprivileged_userns_clone ]; then
	echo 1 > /proc/sys/kernel/unprivileged_userns_clone
fi
mkdir -p /tmp/uns
chmod 1777 /tmp/uns
asnobody() { # CMD: run CMD by sh as uid 65534 (root where it cannot)
	echo "+ ($who) $1"
	if [ "$who" = root ]; then sh -c "$1"; else su -m -s /bin/sh nobody -c "$1"; fi
}
who="uid 65534"
if ! asnobody 'unshare -Ur id -u' | grep -qx 0; then
	# The debug kernel refuses it (EPERM): root's user namespace has no
	# capability in the init one either, which is what is tested.
	say "LIMITED: uid 65534 may not create a user namespace here" \
		"(unprivileged_userns_clone $(cat /proc/sys/kernel/unprivileged_userns_clone 2>/dev/null || echo n/a)," \
		"max_user_namespaces $(cat /proc/sys/user/max_user_namespaces)): root creates it"
	who=root
	limited=" (LIMITED: user namespace made by root)"
	if ! unshare -Ur true; then
		# EINVAL: a kernel without CONFIG_USER_NS (the debug build)
		say "LIMITED: no user namespaces on this kernel: parts 1 and 2 not run"
		who=none
		limited=" (LIMITED: no user namespaces: only the netns teardown checked)"
	fi
fi

if [ "$who" != none ]; then
echo "+ [init] xms-raw --listen $(listen_groups) --timeout 12 > /tmp/init.notify &"
rm -f /tmp/init.ready
$XR --listen "$(listen_groups)" --count 1 --timeout 12 --ready /tmp/init.ready \
	> /tmp/init.notify 2>&1 &
ipid=$!
i=0
while [ ! -e /tmp/init.ready ]; do
	i=$((i + 1)); [ $i -lt 100 ] || fail "init netns listener not ready"
	usleep 100000 2>/dev/null || sleep 1
done

# Runs as root of the user namespace, in its own netns (no "ip netns
# exec" there: no mount namespace of ours).
cat > /tmp/uns/own.sh <<EOF
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
. "$(cd "$(dirname "$0")" && pwd)/lib-errors.sh"
XMS_TEST="$XMS_TEST [userns netns]"
req="$req"
EOF
cat >> /tmp/uns/own.sh <<'EOF'
ack() { # WANT ARGS...
	_w=$1
	shift
	echo "+ [userns] xms-raw --backend $XMS_BACKEND $*"
	_g=$($XR --backend "$XMS_BACKEND" "$@")
	_rc=$?
	echo "$_g"
	[ "$_g" = "$_w" ] || fail "ACK is '$_g', want '$_w'"
	case $_w in
	"errno=0 "*) [ $_rc -eq 0 ] || fail "xms-raw exit status $_rc with errno 0" ;;
	*) [ $_rc -eq 1 ] || fail "xms-raw exit status $_rc, want 1" ;;
	esac
}
say "uid $(id -u) in the user namespace, uid_map: $(cat /proc/self/uid_map)"
must ip link set lo up
say "the init netns's SA does not exist here"
ack 'errno=ESRCH extack="Can not find state"' $req
n=$(ip xfrm state list | grep -c '^src ')
[ "$n" -eq 0 ] || fail "$n SAs visible in the new netns"
say "our own SA with the same tuple, migrated by us"
must ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x1000 \
	reqid 9 mode tunnel aead 'rfc4106(gcm(aes))' $XMS_KEY_AB 128 \
	sel src 10.0.0.0/24 dst 10.0.0.0/24
ip xfrm state list spi 0x1000 | grep -E '^[[:space:]]*aead ' > /tmp/uns/key.before
if is_module_backend; then
	echo "+ [userns] xms-raw --info"
	$XR --info > /tmp/uns/info || fail "GET_INFO refused to root of the user namespace"
	grep -q '^info ' /tmp/uns/info || fail "GET_INFO printed no info lines"
fi
rm -f /tmp/uns/notify.ready
echo "+ [userns] xms-raw --listen $(listen_groups) --count $(($(listen_count) * 2)) > /tmp/uns/notify &"
$XR --listen "$(listen_groups)" --count $(($(listen_count) * 2)) --timeout 10 \
	--ready /tmp/uns/notify.ready > /tmp/uns/notify 2>&1 &
lp=$!
i=0
while [ ! -e /tmp/uns/notify.ready ]; do
	kill -0 $lp 2>/dev/null || { cat /tmp/uns/notify; fail "listener in the userns netns could not join"; }
	i=$((i + 1)); [ $i -lt 100 ] || fail "listener not ready"
	usleep 100000 2>/dev/null || sleep 1
done
ack 'errno=0 extack=""' $req
ip xfrm state list | grep -q '^src 10.0.1.1 dst 10.0.1.2' || fail "own SA not migrated"
must xfrm-migrate migrate dst 10.0.1.2 proto esp spi 0x1000 new-src 10.0.0.1 new-dst 10.0.0.2
ip xfrm state list | tee /tmp/uns/table
grep -q '^src 10.0.0.1 dst 10.0.0.2' /tmp/uns/table || fail "own SA not migrated back by the CLI"
[ "$(grep -c '^src ' /tmp/uns/table)" -eq 1 ] || fail "not exactly one SA after the migrations"
ip xfrm state list spi 0x1000 | grep -E '^[[:space:]]*aead ' | cmp -s - /tmp/uns/key.before ||
	fail "own SA's key changed"
echo "+ wait for the userns listener"
wait $lp || { cat /tmp/uns/notify; fail "userns listener: missing notifications"; }
for b in $(notify_backends); do
	c=$(grep -c "^notify backend=$b .* spi=0x1000 " /tmp/uns/notify)
	[ "$c" -eq 2 ] || { cat /tmp/uns/notify; fail "userns listener: $c $b notifications, want 2"; }
done
echo "ok: the userns netns's listener got its 2 migrations on: $(notify_backends)"
pass "root of a user namespace migrated its own SA"
EOF

say "1) user namespace with its own netns"
asnobody 'unshare -Urn /bin/sh /tmp/uns/own.sh' || fail "in the user namespace's own netns (see above)"
echo "+ wait for the init netns listener (must time out with nothing)"
wait $ipid
rc=$?
cat /tmp/init.notify
[ $rc -ne 0 ] || fail "the init netns listener got a notification of the userns netns's migrations"
grep -q '^notify ' /tmp/init.notify && fail "the init netns listener printed a notification"
ip xfrm state list > /tmp/init.after
cmp -s /tmp/init.before /tmp/init.after || fail "the init netns's SA table changed"
echo "ok: init netns: no notification, SA table unchanged"

say "2) the same user namespace in the init netns"
asnobody "unshare -Ur $XR --backend $XMS_BACKEND $req" > /tmp/uns/o 2>&1
rc=$?
cat /tmp/uns/o
[ $rc -eq 1 ] && grep -qx 'errno=EPERM extack=""' /tmp/uns/o ||
	fail "migration of an init netns SA from a user namespace: status $rc, want EPERM"
if is_module_backend; then
	asnobody "unshare -Ur $XR --info" > /tmp/uns/o 2>&1
	rc=$?
	cat /tmp/uns/o
	[ $rc -ne 0 ] && grep -q 'EPERM\|Operation not permitted' /tmp/uns/o ||
		fail "GET_INFO in the init netns from a user namespace: status $rc, want EPERM"
fi
for g in $(notify_backends); do
	asnobody "unshare -Ur $XR --listen $g --timeout 1" > /tmp/uns/o 2>&1
	rc=$?
	cat /tmp/uns/o
	[ $rc -eq 3 ] && grep -q 'Operation not permitted' /tmp/uns/o ||
		fail "join of the $g group in the init netns from a user namespace: status $rc, want EPERM"
done
ip xfrm state list > /tmp/init.after
cmp -s /tmp/init.before /tmp/init.after || fail "the init netns's SA table changed"
echo "ok: EPERM for the migration (and GET_INFO), group joins refused, SA table unchanged"

fi

say "3) a netns deleted while migrations run in it"
must ip netns add d
nsmust d ip link set lo up
for s in 0x4000 0x4001 0x4002; do
	nsmust d ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp spi $s \
		reqid 4 mode tunnel aead 'rfc4106(gcm(aes))' $XMS_KEY_AB 128
done
echo "+ [d] xms-fuzz -V -w 1000 -t 20 -k 0x4000,0x4001 &   [d] listener &   [d] CLI loop on 0x4002 &"
/bin/ip netns exec d /usr/bin/xms-fuzz -V -q -w 1000 -t 20 -n 100000000 -s 84 \
	-k 0x4000,0x4001 > /tmp/d.fuzz 2>&1 &
fpid=$!
/bin/ip netns exec d $XR --listen "$(listen_groups)" --count 100000000 --timeout 20 \
	> /dev/null 2>&1 &
lpid=$!
rm -f /tmp/d.stop
(
	ok=0 i=0
	while [ ! -e /tmp/d.stop ]; do
		i=$((i + 1))
		/bin/ip netns exec d /usr/bin/xfrm-migrate migrate dst 10.0.0.2 proto esp \
			spi 0x4002 new-reqid $((i % 7 + 1)) > /dev/null 2>&1 && ok=$((ok + 1))
	done
	echo "$ok $i" > /tmp/d.cli
) &
cpid=$!
sleep 2
must ip netns del d
sleep 1
echo "+ kill -KILL the writer and the listener; stop the CLI loop"
kill -KILL $fpid $lpid 2>/dev/null
touch /tmp/d.stop
wait $fpid $lpid $cpid 2>/dev/null
read -r cok ctot < /tmp/d.cli
echo "    CLI in d: $cok of $ctot migrations ok (after the deletion: cannot enter d)"
[ "$cok" -gt 0 ] || fail "no CLI migration ran in netns d"
kill -0 $fpid 2>/dev/null && fail "the writer in netns d survived SIGKILL"

say "teardown of the deleted netns (asynchronous: wait up to 15 s)"
# The precise check is the kernel's count of live netns per creator
# (ucounts, charged until the netns is freed): with user.max_net_namespaces
# at 1, root and uid 65534 can each make one more netns only if none of
# theirs is alive, i.e. d (root) and the userns's (65534) are torn down.
netns_gone() {
	_old=$(cat /proc/sys/user/max_net_namespaces)
	echo 1 > /proc/sys/user/max_net_namespaces
	unshare -n true 2>/dev/null &&
		{ [ "$who" != "uid 65534" ] || su -m -s /bin/sh nobody -c 'unshare -Urn true' 2>/dev/null; }
	_rc=$?
	echo "$_old" > /proc/sys/user/max_net_namespaces
	return $_rc
}
w=0
echo "+ (user.max_net_namespaces=1) unshare -n true; (uid 65534) unshare -Urn true"
while ! netns_gone; do
	w=$((w + 1))
	[ $w -lt 30 ] || fail "15 s after the deletion a netns of root or of uid 65534 is still alive"
	usleep 500000 2>/dev/null || sleep 1
done
ns1=$(slab net_namespace) || ns1=
x1=$(slab xfrm_state) || x1=
echo "ok: no netns of root or uid 65534 alive (after $((w / 2)) s); slab objects (SLUB counts CPU slabs whole): net_namespace ${ns0:-n/a} -> ${ns1:-n/a}, xfrm_state ${x0:-n/a} -> ${x1:-n/a}"
if [ "$who" = none ] && is_module_backend; then
	must rmmod $mod
	must insmod "$XMS_KO"
	pass "a netns deleted under migrations leaves nothing, module unloads$limited"
fi
if is_module_backend; then
	say "nothing holds the module"
	must rmmod $mod
	must insmod "$XMS_KO"
	pass "userns root migrates its own SAs only, notified only there; EPERM in the init netns; a deleted netns leaves nothing, module unloads${limited:-}"
fi
pass "native: userns root migrates its own SAs only, notified only there; EPERM in the init netns; a deleted netns leaves nothing${limited:-}"
