// SPDX-License-Identifier: GPL-2.0
/* struct xfrm_state has NAT keepalive */
#include <net/xfrm.h>
int xms_probe(struct xfrm_state *x);
int xms_probe(struct xfrm_state *x)
{
	return x->nat_keepalive_interval +
	       XFRMA_NAT_KEEPALIVE_INTERVAL;
}
