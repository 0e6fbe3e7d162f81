// SPDX-License-Identifier: GPL-2.0
/*
 * Migration notifications, in the body upstream builds: the request's
 * fixed header with the new state's selector, then ENCAP (the request's
 * template, type 0 on removal, or the inherited one), OFFLOAD_DEV, MARK
 * (only when requested), SET_MARK/SET_MARK_MASK, MTIMER_THRESH and
 * NAT_KEEPALIVE_INTERVAL (non-zero only) and SA_DIR (when set).
 *
 * The same body goes out twice: on our genl group "migrate", and as a
 * native XFRM_MSG_MIGRATE_STATE on the xfrm socket's XFRMNLGRP_MIGRATE
 * group of the state's namespace, so existing listeners see it too. Both
 * groups admit CAP_NET_ADMIN listeners only; on a kernel that cannot
 * restrict a genl group, only the native group is used (compat.h).
 */
#include "xms.h"

struct xms_event {
	const struct xms_request *req;
	const struct xfrm_state *xc;
	const struct xfrm_encap_tmpl *encap;
};

/* upstream twin: xfrm_migrate_state_msgsize() in net/xfrm/xfrm_user.c of 7.2 */
static size_t xms_event_attrs_size(const struct xms_event *ev)
{
	const struct xms_request *req = ev->req;

	return (ev->encap ? nla_total_size(sizeof(*ev->encap)) : 0) +
	       (req->xuo ? nla_total_size(sizeof(*req->xuo)) : 0) +
	       (req->mark_requested ? nla_total_size(sizeof(req->mark)) : 0) +
	       ((req->smark.v | req->smark.m) ? 2 * nla_total_size(sizeof(u32)) : 0) +
	       nla_total_size(sizeof(u32)) * 2 +
	       nla_total_size(sizeof(u8));
}

/* upstream twin: build_migrate_state() in net/xfrm/xfrm_user.c of 7.2 */
static int xms_put_event(struct sk_buff *skb, struct xfrm_user_migrate_state *hdr,
			 const struct xms_event *ev)
{
	const struct xms_request *req = ev->req;
	u32 maxage = xms_state_mapping_maxage(ev->xc);
	u32 keepalive = xms_state_nat_keepalive(ev->xc);
	u8 dir = xms_state_dir(ev->xc);

	*hdr = *req->um;
	hdr->new_sel = ev->xc->sel;

	if (ev->encap &&
	    nla_put(skb, XFRMA_ENCAP, sizeof(*ev->encap), ev->encap))
		return -EMSGSIZE;
	if (req->xuo &&
	    nla_put(skb, XFRMA_OFFLOAD_DEV, sizeof(*req->xuo), req->xuo))
		return -EMSGSIZE;
	if (req->mark_requested &&
	    nla_put(skb, XFRMA_MARK, sizeof(req->mark), &req->mark))
		return -EMSGSIZE;
	if ((req->smark.v | req->smark.m) &&
	    (nla_put_u32(skb, XFRMA_SET_MARK, req->smark.v) ||
	     nla_put_u32(skb, XFRMA_SET_MARK_MASK, req->smark.m)))
		return -EMSGSIZE;
	if (maxage && nla_put_u32(skb, XMS_XFRMA_MTIMER_THRESH, maxage))
		return -EMSGSIZE;
	if (keepalive && nla_put_u32(skb, XMS_XFRMA_NAT_KEEPALIVE, keepalive))
		return -EMSGSIZE;
	if (dir && nla_put_u8(skb, XFRM_MIGSTATE_XFRMA_SA_DIR, dir))
		return -EMSGSIZE;
	return 0;
}

/*
 * upstream twin: xfrm_send_migrate_state() in net/xfrm/xfrm_user.c of 7.2,
 * on the family's own group
 */
static int xms_notify_genl(struct net *net, const struct xms_event *ev)
{
	const struct xms_request *req = ev->req;
	struct sk_buff *skb;
	void *hdr;

	/* a group anyone may join must not carry SPIs, addresses, marks */
	if (!XMS_GENL_NOTIFY)
		return -EPERM;
	skb = genlmsg_new(sizeof(*req->um) + xms_event_attrs_size(ev),
			  GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	hdr = genlmsg_put(skb, req->nlmsg_pid, req->nlmsg_seq, &xms_family, 0,
			  XFRM_MIGSTATE_CMD_MIGRATE_STATE);
	/* hdr: the family's fixed header (hdrsize), reserved by genlmsg_put() */
	if (!hdr || xms_put_event(skb, hdr, ev)) {
		nlmsg_free(skb);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return genlmsg_multicast_netns(&xms_family, net, skb, 0,
				       XMS_MCGRP_MIGRATE, GFP_KERNEL);
}

/* upstream twin: xfrm_send_migrate_state() in net/xfrm/xfrm_user.c of 7.2 */
static int xms_notify_native(struct net *net, const struct xms_event *ev)
{
	const struct xms_request *req = ev->req;
	struct nlmsghdr *nlh;
	struct sk_buff *skb;
	struct sock *nlsk;
	int err;

	skb = nlmsg_new(NLMSG_ALIGN(sizeof(*req->um)) + xms_event_attrs_size(ev),
			GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	nlh = nlmsg_put(skb, req->nlmsg_pid, req->nlmsg_seq,
			XFRM_MSG_MIGRATE_STATE, sizeof(*req->um), 0);
	if (!nlh || xms_put_event(skb, nlmsg_data(nlh), ev)) {
		nlmsg_free(skb);
		return -EMSGSIZE;
	}
	nlmsg_end(skb, nlh);

	rcu_read_lock();
	nlsk = rcu_dereference(net->xfrm.nlsk);
	if (nlsk) {
		err = nlmsg_multicast(nlsk, skb, 0, XFRMNLGRP_MIGRATE, GFP_ATOMIC);
	} else {
		nlmsg_free(skb);
		err = -EPIPE;
	}
	rcu_read_unlock();
	return err;
}

/*
 * Returns 0 when at least one listener got the event. Upstream warns when
 * its single multicast found no listener; we warn when neither did.
 * upstream twin: the notification at the end of xfrm_do_migrate_state()
 */
int xms_notify(struct net *net, const struct xms_request *req,
	       const struct xfrm_state *xc)
{
	struct xms_event ev = {
		.req = req,
		.xc = xc,
		/* the request's template, so removal shows type 0 */
		.encap = req->attrs[XFRMA_ENCAP] ?
			 nla_data(req->attrs[XFRMA_ENCAP]) : req->encap,
	};
	int err_genl = xms_notify_genl(net, &ev);
	int err_native = xms_notify_native(net, &ev);

	return (err_genl && err_native) ? err_native : 0;
}
