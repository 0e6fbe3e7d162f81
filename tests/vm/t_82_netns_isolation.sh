#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A namespace cannot touch another's SAs: an SA of netns a is not found
# from netns b (ESRCH), and a migration in b neither changes a's table nor
# notifies a's listeners.
#
#   netns a: SA 0x1000 10.0.0.1 -> 10.0.0.2 esp tunnel reqid 1 (err_topo)
#   netns b: empty, later SA 0x1000 10.0.0.1 -> 10.0.0.2 reqid 9
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-errors.sh"

err_topo
must ip netns add b
nsmust b ip link set lo up
sa_table a > /tmp/a.before
req="$XR_OK --new-daddr 10.0.1.2 --new-saddr 10.0.1.1 --reqid 5"
say "from b, the SA of a does not exist"
expect_err_unchanged b ESRCH "Can not find state" $req
sa_table a > /tmp/a.after
cmp -s /tmp/a.before /tmp/a.after || fail "netns a's SA table changed by a request in b"
say "b gets its own SA with the same tuple and migrates it; a listens"
nsmust b ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x1000 \
	reqid 9 mode tunnel aead 'rfc4106(gcm(aes))' $XMS_KEY_AB 128
echo "+ [a] xms-raw --listen $(listen_groups) --count 1 --timeout 4 > /tmp/notify &"
/bin/ip netns exec a $XR --listen $(listen_groups) --count 1 --timeout 4 \
	--ready /tmp/notify.ready > /tmp/notify 2>&1 &
lpid=$!
i=0
while [ ! -e /tmp/notify.ready ]; do
	i=$((i + 1)); [ $i -lt 100 ] || fail "listener not ready"
	usleep 100000 2>/dev/null || sleep 1
done
expect_ack b 'errno=0 extack="Failed to send migration notification"' $req
sa_table a > /tmp/a.after
cmp -s /tmp/a.before /tmp/a.after || fail "netns a's SA table changed by a migration in b"
nsrun b ip xfrm state list | tee /tmp/b
grep -q '^src 10.0.1.1 dst 10.0.1.2' /tmp/b || fail "b's SA not migrated"
echo "+ wait for a's listener (must time out with nothing)"
wait $lpid
rc=$?
cat /tmp/notify
[ $rc -ne 0 ] || fail "a's listener got a notification of b's migration"
grep -q '^notify ' /tmp/notify && fail "a's listener printed a notification of b's migration"
pass "netns b cannot see a's SAs; b's migration changes and notifies only b"
