// SPDX-License-Identifier: GPL-2.0
/* genl_info_userhdr() accessor */
#include <net/genetlink.h>
void *xms_probe(const struct genl_info *info);
void *xms_probe(const struct genl_info *info)
{
	return genl_info_userhdr(info);
}
