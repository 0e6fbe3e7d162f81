// SPDX-License-Identifier: GPL-2.0
/*
 * struct genl_multicast_group has a flags member: genl_bind() refuses a
 * join without the capability it names (GENL_UNS_ADMIN_PERM where the
 * kernel predates the GENL_MCAST_CAP_* names, as Debian's 5.10 does).
 */
#include <net/genetlink.h>
int xms_probe(struct genl_multicast_group *grp);
int xms_probe(struct genl_multicast_group *grp)
{
	return grp->flags;
}
