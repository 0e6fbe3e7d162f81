// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "xfrm_migstate": namespace aware, every
 * command needs CAP_NET_ADMIN in the user namespace owning the caller's
 * network namespace, like xfrm_user's netlink_net_capable() check.
 *
 * Every command is validated strictly by the genl core (resv_start_op
 * is left at 0): the fixed header is declared (hdrsize), each command has
 * its own policy, the genl header's reserved field and unknown netlink
 * flags are refused (compat.h does it where the core cannot).
 */
#include "xms.h"

/* GET_INFO takes the fixed header, all zero, and no attribute. */
static const struct nla_policy xms_get_info_policy[] = {
	[XFRM_MIGSTATE_INFO_MODULE_VERSION] = {
		.type = NLA_REJECT,
		.reject_message = "GET_INFO takes no attributes",
	},
};

/* struct genl_ops: the per-command policy exists from 5.10 on. */
static const struct genl_ops xms_ops[] = {
	{
		.cmd = XFRM_MIGSTATE_CMD_MIGRATE_STATE,
		.doit = xms_cmd_migrate_state,
		.flags = GENL_UNS_ADMIN_PERM,
		.policy = xms_migrate_state_policy,
		.maxattr = XMS_XFRMA_MAX,
	},
	{
		.cmd = XFRM_MIGSTATE_CMD_GET_INFO,
		.doit = xms_cmd_get_info,
		.flags = GENL_UNS_ADMIN_PERM,
		.policy = xms_get_info_policy,
		.maxattr = ARRAY_SIZE(xms_get_info_policy) - 1,
	},
};

static const struct genl_multicast_group xms_mcgrps[] = {
	[XMS_MCGRP_MIGRATE] = {
		.name = XFRM_MIGSTATE_MCGRP_MIGRATE,
		XMS_MCGRP_ADMIN_FLAGS
	},
};

struct genl_family xms_family __ro_after_init = {
	.name = XFRM_MIGSTATE_GENL_NAME,
	.version = XFRM_MIGSTATE_GENL_VERSION,
	/* every message starts with the native body's fixed header */
	.hdrsize = sizeof(struct xfrm_user_migrate_state),
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.ops = xms_ops,
	.n_ops = ARRAY_SIZE(xms_ops),
	.mcgrps = xms_mcgrps,
	.n_mcgrps = ARRAY_SIZE(xms_mcgrps),
};
