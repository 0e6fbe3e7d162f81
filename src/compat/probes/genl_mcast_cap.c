// SPDX-License-Identifier: GPL-2.0
/* multicast groups carry permission flags */
#include <net/genetlink.h>
const struct genl_multicast_group xms_probe_grp = {
	.name = "x",
	.flags = GENL_MCAST_CAP_NET_ADMIN,
};
