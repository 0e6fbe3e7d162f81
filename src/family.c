// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "xfrm_migstate": namespace aware, every
 * command needs CAP_NET_ADMIN in the user namespace owning the caller's
 * network namespace, like xfrm_user's netlink_net_capable() check.
 */
#include "xms.h"

static const struct genl_small_ops xms_ops[] = {
	{
		.cmd = XFRM_MIGSTATE_CMD_MIGRATE_STATE,
		.doit = xms_cmd_migrate_state,
		.flags = GENL_UNS_ADMIN_PERM,
		/* attributes are parsed with xfrm_user's policy (request.c) */
		.validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
	},
	{
		.cmd = XFRM_MIGSTATE_CMD_GET_INFO,
		.doit = xms_cmd_get_info,
		.flags = GENL_UNS_ADMIN_PERM,
		.validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
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
	/*
	 * Every message starts with struct xfrm_user_migrate_state, but the
	 * handlers check its length themselves so that a short request gets
	 * upstream's "Invalid header length" rather than a bare EINVAL.
	 */
	.hdrsize = 0,
	.maxattr = 0,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.small_ops = xms_ops,
	.n_small_ops = ARRAY_SIZE(xms_ops),
	.mcgrps = xms_mcgrps,
	.n_mcgrps = ARRAY_SIZE(xms_mcgrps),
};

/*
 * Upstream's "Unknown flags: 0x%x". Kernels without formatted extack
 * messages get the same text from this table when one bit is unknown (the
 * usual case: a flag newer than this module), else the bare prefix.
 */
#ifndef XMS_HAVE_NL_ERR_MSG_FMT
static const char * const xms_unknown_bit_msg[32] = {
	"Unknown flags: 0x1",
	"Unknown flags: 0x2",
	"Unknown flags: 0x4",
	"Unknown flags: 0x8",
	"Unknown flags: 0x10",
	"Unknown flags: 0x20",
	"Unknown flags: 0x40",
	"Unknown flags: 0x80",
	"Unknown flags: 0x100",
	"Unknown flags: 0x200",
	"Unknown flags: 0x400",
	"Unknown flags: 0x800",
	"Unknown flags: 0x1000",
	"Unknown flags: 0x2000",
	"Unknown flags: 0x4000",
	"Unknown flags: 0x8000",
	"Unknown flags: 0x10000",
	"Unknown flags: 0x20000",
	"Unknown flags: 0x40000",
	"Unknown flags: 0x80000",
	"Unknown flags: 0x100000",
	"Unknown flags: 0x200000",
	"Unknown flags: 0x400000",
	"Unknown flags: 0x800000",
	"Unknown flags: 0x1000000",
	"Unknown flags: 0x2000000",
	"Unknown flags: 0x4000000",
	"Unknown flags: 0x8000000",
	"Unknown flags: 0x10000000",
	"Unknown flags: 0x20000000",
	"Unknown flags: 0x40000000",
	"Unknown flags: 0x80000000",
};
#endif

void xms_set_unknown_flags_msg(struct netlink_ext_ack *extack, u32 unknown)
{
#ifdef XMS_HAVE_NL_ERR_MSG_FMT
	NL_SET_ERR_MSG_FMT(extack, "Unknown flags: 0x%x", unknown);
#else
	/* NL_SET_ERR_MSG() wants a literal; the table entries are static. */
	if (extack && hweight32(unknown) == 1)
		extack->_msg = xms_unknown_bit_msg[__ffs(unknown)];
	else
		NL_SET_ERR_MSG(extack, "Unknown flags");
#endif
}
