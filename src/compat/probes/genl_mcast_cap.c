// SPDX-License-Identifier: GPL-2.0
/* multicast group flags take GENL_MCAST_CAP_* (genl_bind() checks them) */
#include <net/genetlink.h>
const struct genl_multicast_group xms_probe_grp = {
	.name = "x",
	.flags = GENL_MCAST_CAP_NET_ADMIN,
};
