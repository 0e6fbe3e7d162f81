// SPDX-License-Identifier: GPL-2.0
/*
 * Replace the old state by the new one.
 *
 * The caller holds net->xfrm.xfrm_cfg_mutex, so no other configuration
 * (xfrm_user, af_key) can insert or remove an SA with an SPI meanwhile.
 *
 * Under the old state's lock, which the packet paths take to assign
 * sequence numbers and to check and advance the replay window, we copy the
 * lifetime counters and the replay state into the new state, unhash the
 * old one and hash the new one. Output assigns sequence numbers under that
 * lock after checking that the state is VALID, so no sequence number is
 * sent twice. Input is weaker, in the kernel itself: xfrm_input() checks
 * the window under the lock, decrypts without it (asynchronously with
 * cryptd or pcrypt), then advances the window with no second VALID check.
 * A packet that passed the check on the old state just before the swap is
 * recorded only in the old state's window, so the new state accepts one
 * replay of it. Upstream has the same hole; the exported API offers no way
 * to know when such packets have drained. The new state is not in the
 * tables before the swap; with crypto offload it is in the device's table
 * from xfrm_dev_state_add() on, where the driver may hand it received
 * packets that xfrm_input() then checks against its not yet synchronised
 * window.
 *
 * Lock order is the kernel's own: x->lock, then xfrm_state_lock (taken by
 * __xfrm_state_delete() and xfrm_state_insert() in turn). The only moment
 * neither state is hashed is between those two xfrm_state_lock sections,
 * a few dozen instructions with the old state's lock held throughout;
 * upstream drops the lock and allocates nothing, but still installs later.
 */
#include "xms.h"

/*
 * The new tuple must be free. Unlike upstream, which checks only when the
 * destination or family changes, every change of the lookup tuple is
 * checked, a mark-only change included. A match on the old state itself
 * is no conflict: it is removed first.
 *
 * The lookup walks the SPI hash under RCU, where a concurrent resize
 * (xfrm_hash_resize(), run from a work item, not under xfrm_cfg_mutex)
 * can hide a state that is moving between tables; a miss is trusted only
 * when the hash generation did not change meanwhile, as xfrm_state_find()
 * does. Only configuration adds states with an SPI, and it waits for
 * xfrm_cfg_mutex, so the answer holds until the swap. Like upstream's
 * xfrm_state_add(), the lookup stops at the first match: a second state
 * on the tuple behind the old one (a duplicate made earlier, e.g. by
 * upstream's mark-only bug) is not seen.
 */
int xms_check_target_free(struct net *net, const struct xfrm_state *x,
			  const struct xms_request *req,
			  struct netlink_ext_ack *extack)
{
	const struct xfrm_user_migrate_state *um = req->um;
	struct xfrm_state *y;
	unsigned int seq;

	do {
		seq = read_seqcount_begin(&net->xfrm.xfrm_state_hash_generation);
		y = xfrm_state_lookup(net, req->mark.v & req->mark.m,
				      &um->new_daddr, um->id.spi, um->id.proto,
				      um->new_family);
	} while (!y &&
		 read_seqcount_retry(&net->xfrm.xfrm_state_hash_generation, seq));
	if (!y)
		return 0;
	xfrm_state_put(y);
	if (y == x)
		return 0;
	NL_SET_ERR_MSG(extack, "New SA tuple already occupied");
	return -EEXIST;
}

/*
 * Called under x->lock: no allocation, buffers have the same size.
 * km.dying says the soft EXPIRE was sent (timer or volume limit, both
 * under x->lock); carried over, the new state does not send it a second
 * time, which would start a second rekey in the daemon. Upstream does
 * not carry it.
 */
static void xms_sync_counters(struct xfrm_state *xc, const struct xfrm_state *x)
{
	xc->km.dying = x->km.dying;
	xc->curlft = x->curlft;
	xc->lastused = x->lastused;
	xc->replay = x->replay;
	xc->preplay = x->preplay;
	if (x->replay_esn && xc->replay_esn)
		memcpy(xc->replay_esn, x->replay_esn,
		       xfrm_replay_state_esn_len(x->replay_esn));
	if (x->preplay_esn && xc->preplay_esn)
		memcpy(xc->preplay_esn, x->preplay_esn,
		       xfrm_replay_state_esn_len(x->preplay_esn));
}

int xms_swap(struct xfrm_state *x, struct xfrm_state *xc,
	     struct netlink_ext_ack *extack)
{
	spin_lock_bh(&x->lock);
	if (x->km.state != XFRM_STATE_VALID) {
		spin_unlock_bh(&x->lock);
		NL_SET_ERR_MSG(extack, "State already deleted");
		return -ESRCH;
	}
	xms_sync_counters(xc, x);
	__xfrm_state_delete(x);
	xfrm_state_insert(xc);
	spin_unlock_bh(&x->lock);
	return 0;
}

/*
 * Upstream installs a state whose destination or family changed with
 * xfrm_state_add(), which deletes the larval (ACQ) state the new one
 * satisfies: the one with its km.seq when proto and destination match,
 * else one for the same mode, reqid, proto, addresses and mark. Left
 * alone, that state lives until it expires and sends a spurious hard
 * EXPIRE. The swap inserts under the old state's lock, where deleting a
 * third state would nest a second state lock, so the same cleanup runs
 * here, after it, still under xfrm_cfg_mutex.
 */
void xms_delete_satisfied_acq(struct net *net, struct xfrm_state *xc)
{
	struct xfrm_state *acq = NULL;

	if (!xfrm_id_proto_match(xc->id.proto, IPSEC_PROTO_ANY))
		return;

	if (xc->km.seq) {
		acq = xms_find_acq_byseq(net, xc->mark.v & xc->mark.m, xc);
		if (acq && (acq->id.proto != xc->id.proto ||
			    !xfrm_addr_equal(&acq->id.daddr, &xc->id.daddr,
					     xc->props.family))) {
			xfrm_state_put(acq);
			acq = NULL;
		}
	}
	if (!acq)
		acq = xms_find_acq(net, xc);
	if (acq) {
		xfrm_state_delete(acq);
		xfrm_state_put(acq);
	}
}
