// SPDX-License-Identifier: GPL-2.0
/* xfrm_user exports xfrma_policy */
#include <net/xfrm.h>
const struct nla_policy *xms_probe(void);
const struct nla_policy *xms_probe(void)
{
	return xfrma_policy;
}
