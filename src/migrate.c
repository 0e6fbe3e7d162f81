// SPDX-License-Identifier: GPL-2.0
/*
 * XFRM_MIGSTATE_CMD_MIGRATE_STATE: the generic netlink twin of Linux 7.2's
 * XFRM_MSG_MIGRATE_STATE handler.
 *
 * Differences from upstream, all on the side of not losing anything:
 * the target tuple is checked for every change of it (mark-only changes
 * included); the new state is hashed before the old one is unhashed, in
 * one critical section under the old state's lock, so no error path loses
 * both and no lookup finds neither; the old state's replay window is
 * closed behind it;
 * attributes this kernel does not know are refused instead of ignored;
 * kernel-owned states and packet offload SAs are refused.
 */
#include "xms.h"

/*
 * upstream twin: xfrm_do_migrate_state() from the lookup on, in
 * net/xfrm/xfrm_user.c of 7.2 (xfrm_user_rcv_msg() holds xfrm_cfg_mutex)
 */
static int xms_migrate_locked(struct net *net, struct xms_request *req,
			      struct netlink_ext_ack *extack)
{
	const struct xfrm_user_migrate_state *um = req->um;
	struct xfrm_state *x, *xc;
	int err;

	x = xfrm_state_lookup(net, um->old_mark.v & um->old_mark.m,
			      (xfrm_address_t *)&um->id.daddr, um->id.spi,
			      um->id.proto, um->id.family);
	if (!x) {
		NL_SET_ERR_MSG(extack, "Can not find state");
		return -ESRCH;
	}

	/*
	 * As DELSA: a state the kernel holds for another one (the IPIP or
	 * IP6IP6 helper of an IPComp tunnel SA) is not the user's to move;
	 * moved, it would leave its IPComp SA pointing at nothing. Upstream
	 * moves it.
	 */
	if (xfrm_state_kern(x)) {
		NL_SET_ERR_MSG(extack, "SA is in use by tunnels");
		err = -EPERM;
		goto out;
	}

	err = xms_resolve(req, x, extack);
	if (err)
		goto out;

	err = xms_check_target_free(net, x, req, extack);
	if (err)
		goto out;

	xc = xms_build_state(x, req, extack);
	if (IS_ERR(xc)) {
		err = PTR_ERR(xc);
		xms_err_msg_weak(extack, "State migration clone failed");
		goto out;
	}

	/* The tables own the allocation reference; this one is ours. */
	xfrm_state_hold(xc);
	err = xms_swap(x, xc, extack);
	if (err) {
		xfrm_state_put(xc);
		xms_discard_state(xc);
		goto out;
	}

	if (um->new_family != um->id.family ||
	    !xfrm_addr_equal(&um->new_daddr, &um->id.daddr, um->id.family))
		xms_delete_satisfied_acq(net, xc);

	if (xms_notify(net, req, xc))
		NL_SET_ERR_MSG(extack, "Failed to send migration notification");
	xfrm_state_put(xc);
out:
	xfrm_state_put(x);
	return err;
}

/* upstream twin: xfrm_do_migrate_state() in net/xfrm/xfrm_user.c of 7.2 */
int xms_cmd_migrate_state(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct netlink_ext_ack *extack = info->extack;
	struct xms_request req = {
		/* the genl core checked the fixed header's length */
		.um = genlmsg_data(info->genlhdr),
		.attrs = info->attrs,
		.nlmsg_pid = info->nlhdr->nlmsg_pid,
		.nlmsg_seq = info->nlhdr->nlmsg_seq,
	};
	int err;

	err = xms_genl_header_check(info);
	if (!err)
		err = xms_parse_attrs(&req, extack);
	if (!err)
		err = xms_check_header(req.um, extack);
	if (!err) {
		mutex_lock(&net->xfrm.xfrm_cfg_mutex);
		err = xms_migrate_locked(net, &req, extack);
		mutex_unlock(&net->xfrm.xfrm_cfg_mutex);
	}
	return err;
}
