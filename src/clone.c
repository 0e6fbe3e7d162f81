// SPDX-License-Identifier: GPL-2.0
/*
 * Build the migrated state: a fresh xfrm_state carrying everything Linux
 * 7.2's clone keeps (algorithms and keys, replay settings and ESN buffers,
 * lifetimes, flags, if_id, tfcpad, security context, care-of address,
 * direction and pcpu_num) with the new addresses, family, reqid, selector,
 * marks, encapsulation and offload. It runs before any spinlock is taken
 * and may sleep. Counters are synchronised later, under the old state's
 * lock (swap.c).
 */
#include <linux/security.h>
#include <linux/slab.h>
#include "xms.h"

/* upstream twin: the kmemdup() calls of xfrm_state_clone_and_setup() */
static void *xms_dup(const void *src, size_t len)
{
	return src ? kmemdup(src, len, GFP_KERNEL) : NULL;
}

/*
 * upstream twin: the algorithm part of xfrm_state_clone_and_setup(), with
 * xfrm_algo_clone()/xfrm_algo_auth_clone()/xfrm_algo_aead_clone()
 */
static int xms_clone_algs(struct xfrm_state *xc, const struct xfrm_state *x)
{
	if (x->aalg) {
		xc->aalg = xms_dup(x->aalg, xfrm_alg_auth_len(x->aalg));
		if (!xc->aalg)
			return -ENOMEM;
	}
	xc->props.aalgo = x->props.aalgo;

	if (x->aead) {
		xc->aead = xms_dup(x->aead, aead_len(x->aead));
		if (!xc->aead)
			return -ENOMEM;
	}
	/*
	 * The IV generator belongs to every ESP SA, not only to AEAD ones:
	 * NEWSA gives enc+auth SAs echainiv (CBC) or seqiv (CTR) too, and
	 * without it esp builds a bare authenc() that puts no fresh IV in
	 * the packet. Upstream's clone copies it only for AEAD.
	 */
	xc->geniv = x->geniv;

	if (x->ealg) {
		xc->ealg = xms_dup(x->ealg, xfrm_alg_len(x->ealg));
		if (!xc->ealg)
			return -ENOMEM;
	}
	xc->props.ealgo = x->props.ealgo;

	if (x->calg) {
		xc->calg = xms_dup(x->calg, xfrm_alg_len(x->calg));
		if (!xc->calg)
			return -ENOMEM;
	}
	xc->props.calgo = x->props.calgo;
	return 0;
}

/* upstream twin: xfrm_replay_clone() in include/net/xfrm.h of 7.2 */
static int xms_clone_replay(struct xfrm_state *xc, const struct xfrm_state *x)
{
	xc->replay = x->replay;
	xc->preplay = x->preplay;

	if (x->replay_esn) {
		xc->replay_esn = xms_dup(x->replay_esn,
					 xfrm_replay_state_esn_len(x->replay_esn));
		if (!xc->replay_esn)
			return -ENOMEM;
	}
	if (x->preplay_esn) {
		xc->preplay_esn = xms_dup(x->preplay_esn,
					  xfrm_replay_state_esn_len(x->preplay_esn));
		if (!xc->preplay_esn)
			return -ENOMEM;
	}
	return 0;
}

/* upstream twin: clone_security() in net/xfrm/xfrm_state.c of 7.2 */
static int xms_clone_security(struct xfrm_state *xc, const struct xfrm_state *x)
{
	const struct xfrm_sec_ctx *ctx = x->security;
	struct xfrm_user_sec_ctx *uctx;
	size_t size;
	int err;

	if (!ctx)
		return 0;

	size = sizeof(*uctx) + ctx->ctx_len;
	uctx = kmalloc(size, GFP_KERNEL);
	if (!uctx)
		return -ENOMEM;
	uctx->len = size;
	uctx->exttype = XFRMA_SEC_CTX;
	uctx->ctx_alg = ctx->ctx_alg;
	uctx->ctx_doi = ctx->ctx_doi;
	uctx->ctx_len = ctx->ctx_len;
	memcpy(uctx + 1, ctx->ctx_str, ctx->ctx_len);
	err = security_xfrm_state_alloc(xc, uctx);
	kfree(uctx);
	return err;
}

/* upstream twin: the MIGRATE_STATE selector of xfrm_state_clone_and_setup() */
static void xms_set_selector(struct xfrm_state *xc, const struct xfrm_state *x,
			     const struct xfrm_user_migrate_state *um)
{
	u8 plen = um->new_family == AF_INET6 ? 128 : 32;

	if (!(um->flags & XFRM_MIGRATE_STATE_UPDATE_H2H_SEL)) {
		xc->sel = um->new_sel;
		return;
	}
	/* Keep proto, ports, ifindex and user; replace the host addresses. */
	xc->sel = x->sel;
	xc->sel.family = um->new_family;
	xc->sel.prefixlen_d = plen;
	xc->sel.prefixlen_s = plen;
	xc->sel.daddr = um->new_daddr;
	xc->sel.saddr = um->new_saddr;
}

/* upstream twin: xfrm_state_clone_and_setup() in net/xfrm/xfrm_state.c of 7.2 */
static int xms_clone(struct xfrm_state *xc, const struct xfrm_state *x,
		     const struct xms_request *req)
{
	const struct xfrm_user_migrate_state *um = req->um;
	int err;

	xc->id = x->id;
	xms_set_selector(xc, x, um);
	xc->lft = x->lft;
	xc->props.mode = x->props.mode;
	xc->props.replay_window = x->props.replay_window;

	err = xms_clone_algs(xc, x);
	if (err)
		return err;

	if (req->encap) {
		xc->encap = xms_dup(req->encap, sizeof(*req->encap));
		if (!xc->encap)
			return -ENOMEM;
		/* NAT timers live only with encapsulation. */
		xms_set_nat_fields(xc, req->mapping_maxage,
				   req->nat_keepalive_interval);
	}

	err = xms_clone_security(xc, x);
	if (err)
		return err;

	if (x->coaddr) {
		xc->coaddr = xms_dup(x->coaddr, sizeof(*x->coaddr));
		if (!xc->coaddr)
			return -ENOMEM;
	}

	err = xms_clone_replay(xc, x);
	if (err)
		return err;

	xc->mark = req->mark;
	xc->props.smark = req->smark;
	xc->props.flags = x->props.flags;
	xc->props.extra_flags = x->props.extra_flags;
	xc->if_id = x->if_id;
	xc->tfcpad = x->tfcpad;
	xc->replay_maxdiff = x->replay_maxdiff;
	xc->replay_maxage = x->replay_maxage;
	xc->km.seq = x->km.seq;
	xc->lastused = x->lastused;
	xms_copy_optional_fields(xc, x);

	xc->props.reqid = um->new_reqid;
	xc->props.family = um->new_family;
	xc->id.daddr = um->new_daddr;
	xc->props.saddr = um->new_saddr;
	return 0;
}

/*
 * Release a state that was never inserted into the tables.
 * upstream twin: the error path of xfrm_state_migrate_create() (and
 * out_xc of xfrm_do_migrate_state()): DEAD, then the last put
 */
void xms_discard_state(struct xfrm_state *xc)
{
	xc->km.state = XFRM_STATE_DEAD;
	if (xc->xso.dev)
		xfrm_dev_state_delete(xc);
	xfrm_state_put(xc);
}

/*
 * Upstream reports every failure here as -EINVAL; we keep -ENOMEM, which
 * a caller may retry, and report everything else as -EINVAL like upstream.
 * upstream twin: the "err = -EINVAL" after xfrm_state_migrate_create()
 * in xfrm_do_migrate_state()
 */
static int xms_build_errno(int err)
{
	return err == -ENOMEM ? -ENOMEM : -EINVAL;
}

/*
 * The new state, ready to be swapped in, or an ERR_PTR().
 * upstream twin: xfrm_state_migrate_create() in net/xfrm/xfrm_state.c of 7.2
 */
struct xfrm_state *xms_build_state(const struct xfrm_state *x,
				   const struct xms_request *req,
				   struct netlink_ext_ack *extack)
{
	struct net *net = xs_net((struct xfrm_state *)x);
	const struct xfrm_user_offload *xuo = req->xuo;
	struct xfrm_state *xc;
	int err;

	xc = xfrm_state_alloc(net);
	if (!xc) {
		NL_SET_ERR_MSG(extack, "Failed to clone and setup state");
		return ERR_PTR(-ENOMEM);
	}

	err = xms_clone(xc, x, req);
	if (err) {
		NL_SET_ERR_MSG(extack, "Failed to clone and setup state");
		goto fail;
	}

	/*
	 * __xfrm_init_state() refuses this too, but 5.10's says nothing in
	 * extack: check it first so that every kernel gives upstream's text.
	 * Only tunnel and BEET modes carry XFRM_MODE_FLAG_TUNNEL.
	 */
	if (xc->props.mode != XFRM_MODE_TUNNEL &&
	    xc->props.mode != XFRM_MODE_BEET &&
	    xc->sel.family != AF_UNSPEC &&
	    xc->sel.family != xc->props.family) {
		NL_SET_ERR_MSG(extack,
			       "Only tunnel modes can accommodate a change of family");
		err = -EINVAL;
		goto fail;
	}

	err = xms_init_state(xc, xuo, extack);
	if (err) {
		xms_err_msg_weak(extack, "Failed to initialize migrated state");
		goto fail;
	}

	/*
	 * A device without xfrm offload keeps the SA in software, also for
	 * an SA type without offload (AH, IPComp), as in 7.2; the kernels
	 * before it would refuse the type first.
	 */
	if (xuo && !xc->type_offload && xms_offload_dev_lacks_ops(net, xuo))
		xuo = NULL;

	if (xuo) {
		err = xms_dev_state_add(net, xc, xuo, extack);
		if (err)
			goto fail;
	}
	return xc;

fail:
	xms_discard_state(xc);
	return ERR_PTR(xms_build_errno(err));
}
