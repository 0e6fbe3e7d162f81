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
 * old one and hash the new one. Nothing can send with or accept on the old
 * state after the copy, and the new state is not visible before it, so no
 * sequence number is sent twice and no replayed packet is accepted.
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
 * checked, a mark-only change included, so no duplicate is ever installed.
 * A match on the old state itself is no conflict: it is removed first.
 */
int xms_check_target_free(struct net *net, const struct xfrm_state *x,
			  const struct xms_request *req,
			  struct netlink_ext_ack *extack)
{
	const struct xfrm_user_migrate_state *um = req->um;
	struct xfrm_state *y;

	y = xfrm_state_lookup(net, req->mark.v & req->mark.m, &um->new_daddr,
			      um->id.spi, um->id.proto, um->new_family);
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
