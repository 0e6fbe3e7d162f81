// SPDX-License-Identifier: GPL-2.0
/* xfrmdev_ops can offload policies: packet offload is real on this kernel */
#include <linux/netdevice.h>
#include <net/xfrm.h>
int xms_probe(struct xfrm_policy *xp, struct netlink_ext_ack *extack);
const struct xfrmdev_ops xms_probe_ops = { .xdo_dev_policy_add = xms_probe };
