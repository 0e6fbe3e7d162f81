// SPDX-License-Identifier: GPL-2.0
/*
 * Replace the old state x by the new state xc.
 *
 * The caller holds net->xfrm.xfrm_cfg_mutex, so no other configuration
 * (xfrm_user, af_key) inserts or removes a state with an SPI meanwhile.
 * Every packet path takes x->lock before it uses x's counters: output to
 * assign a sequence number (after checking that x is VALID), input to
 * check the replay window (after the same check) and again to recheck
 * and advance it after decryption.
 *
 * Under x->lock, in this order:
 *
 * 1. Copy the lifetime counters, km.dying and the replay state into xc,
 *    under xc->lock too, and only then make xc VALID. Until this moment
 *    xc is not VALID: not hashed, and with crypto offload a packet the
 *    device hands to xfrm_input() on it is dropped (XfrmInStateInvalid)
 *    instead of meeting an unsynchronised window.
 *
 * 2. Hash xc with xfrm_state_insert() while x is still hashed. Every
 *    kernel of the range (5.10, 6.1, 6.12; 7.2's tables are 6.12's) adds
 *    a state at the head of its byspi, bydst and bysrc chains (6.12 puts
 *    packet offload states first; such SAs are refused, so xc goes
 *    before x). Lookups that start now find xc first: by SPI, and on
 *    output by template, where both are VALID with equal km.dying and
 *    curlft.add_time, and xfrm_state_find() keeps the first of equals.
 *    The insert bumps the genid of the states with xc's addresses and
 *    reqid, x among them: bundles on x are stale at once, and rebuilt on
 *    xc. Two states are counted for a moment: xfrm_hash_grow_check() may
 *    schedule a resize one state earlier than a plain insert would, to
 *    the size the kernel picks for that count anyway.
 *
 * 3. Unhash x with __xfrm_state_delete(): DEAD, out of the tables and,
 *    on 6.12, out of the per-policy output cache and the per-CPU input
 *    caches.
 *
 * 4. Close x's replay window (xms_close_window()).
 *
 * Hence, for a tuple that both states match (same daddr, SPI, proto and
 * family, a mark both accept), no moment without a state: a lookup that
 * starts after step 2 finds xc at the head; one that started before it
 * finds x, whose node still leads on after it is unhashed, unless it is
 * still on a node ahead of x (another tuple in the same bucket) when x
 * is unhashed, which needs it to stall across the whole swap. A hash
 * resize can hide states from a lookup, as it can at any time. (A tuple
 * that changes is another matter: its old form is found until step 3,
 * then not, as the move asks.) Sequence numbers are not lost either: x
 * assigns none after step 1, xc continues from the copied one.
 *
 * What can still be dropped are packets that found x before step 3
 * (until then the 6.12 caches still return x): they wait for x->lock and
 * find x DEAD (XfrmOutStateInvalid, XfrmInStateInvalid); on output, one
 * whose xfrm_state_find() returned x VALID just before step 3 fails the
 * VALID check of its caller just after it and counts as XfrmOutNoStates.
 * For that instant a dump continued outside xfrm_cfg_mutex can list both
 * states.
 *
 * Lock order is the kernel's own: x->lock, then xfrm_state_lock (taken
 * by xfrm_state_insert() and __xfrm_state_delete() in turn); xc->lock
 * nests in x->lock only while xc is reachable by nobody but a device.
 */
#include "xms.h"

/*
 * The new tuple must be free. Unlike upstream, which checks only when the
 * destination or family changes, every change of the lookup tuple is
 * checked, a mark-only change included. A match on the old state itself
 * is no conflict: it leaves the tables in the critical section that
 * hashes the new one.
 *
 * The lookup walks the SPI hash under RCU, where a concurrent resize
 * (xfrm_hash_resize(), run from a work item, not under xfrm_cfg_mutex)
 * can hide a state that is moving between tables; a miss is trusted only
 * when the hash generation, which a resize bumps under xfrm_state_lock,
 * did not change meanwhile (the test xfrm_state_find() makes); a hit is
 * trusted as is. Configuration adds states with an SPI only under
 * xfrm_cfg_mutex, which we hold until the swap. One path adds such a
 * state without it: output creating a larval (ACQ) state for a policy
 * template that names an SPI, when no state has that SPI; one added on
 * the new tuple between this check and the swap is not seen, and the
 * two share the tuple until the larval state expires or is deleted (on
 * a destination or family change xms_delete_satisfied_acq() removes the
 * larval state the new one satisfies). Like upstream's xfrm_state_add(),
 * the lookup stops at the first match: a second state on the tuple
 * behind the old one (a duplicate made earlier, e.g. by upstream's
 * mark-only bug) is not seen.
 *
 * upstream twin: the -EEXIST check of xfrm_do_migrate_state() in
 * net/xfrm/xfrm_user.c of 7.2
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
 *
 * upstream twin: xfrm_migrate_sync() in include/net/xfrm.h of 7.2
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

/*
 * In-flight inbound packets. xfrm_input() checks the replay window under
 * x->lock, decrypts without it, then takes it again to recheck and
 * advance the window. After decryption the synchronous path does not
 * look at km.state, and the asynchronous one (cryptd, pcrypt) looks
 * without the lock. A packet checked on x before the swap and rechecked
 * after it would be recorded only in x's window, which xc no longer
 * follows, and xc would accept one replay of it (Linux 7.2 accepts it).
 *
 * So once the copy is made, x's window is closed: its top moved to
 * 2^32 - 1 with every bit of the window set and, on ESN SAs, the high
 * half moved by 2^31.
 * The recheck of such a packet then fails (XfrmInStateSeqError; with
 * audit on, logged as a replay): on legacy and bitmap windows for any
 * number; on ESN because the high bits xfrm_input() recorded before the
 * swap no longer match. The packet is dropped instead of delivered: each
 * sequence number is accepted at most once, by x before the swap or by
 * xc after it.
 *
 * Exactly as far as it goes: a window of 0 checks nothing, and closes
 * nothing. On ESN, 5.10 and 6.1 record the high bits after dropping the
 * lock; a packet that reads them after the swap gets the moved ones and
 * passes the recheck if its number lies below the window, but it is
 * authenticated with those wrong high bits, so an SA with integrity (AEAD,
 * an auth algorithm, AH) drops it (XfrmInStateProtoError); an ESN SA with
 * null integrity would deliver it, as it would any forged number (such an
 * SA has no replay protection: RFC 4303, 3.4.3). Nothing else reads x's
 * window afterwards: x is out of the tables, and its replay timer and
 * notifications do nothing for a DEAD state.
 *
 * 7.2 has nothing like it: it leaves the old window open.
 */
static void xms_close_window(struct xfrm_state *x)
{
	struct xfrm_replay_state_esn *esn = x->replay_esn;

	if (esn) {
		esn->seq = U32_MAX;
		if (x->props.flags & XFRM_STATE_ESN)
			esn->seq_hi += 1U << 31;
		memset(esn->bmp, 0xff, esn->bmp_len * sizeof(esn->bmp[0]));
	} else {
		x->replay.seq = U32_MAX;
		x->replay.bitmap = U32_MAX;
	}
}

/*
 * upstream twin: xfrm_state_migrate_install() in net/xfrm/xfrm_state.c of
 * 7.2, with the order and locking of the comment at the top of this file
 */
int xms_swap(struct xfrm_state *x, struct xfrm_state *xc,
	     struct netlink_ext_ack *extack)
{
	spin_lock_bh(&x->lock);
	if (x->km.state != XFRM_STATE_VALID) {
		spin_unlock_bh(&x->lock);
		NL_SET_ERR_MSG(extack, "State already deleted");
		return -ESRCH;
	}
	/* The class of x->lock; nothing takes x->lock holding xc->lock. */
	spin_lock_nested(&xc->lock, SINGLE_DEPTH_NESTING);
	xms_sync_counters(xc, x);
	xc->km.state = XFRM_STATE_VALID;
	spin_unlock(&xc->lock);

	xfrm_state_insert(xc);
	__xfrm_state_delete(x);
	xms_close_window(x);
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
 *
 * upstream twin: the larval-state part of xfrm_state_add() in
 * net/xfrm/xfrm_state.c of 7.2
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
