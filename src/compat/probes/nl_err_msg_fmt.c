// SPDX-License-Identifier: GPL-2.0
/* extack messages can be formatted */
#include <linux/netlink.h>
void xms_probe(struct netlink_ext_ack *extack);
void xms_probe(struct netlink_ext_ack *extack)
{
	NL_SET_ERR_MSG_FMT(extack, "x %d", 1);
}
