// SPDX-License-Identifier: GPL-2.0
/* xfrm_dev_state_add takes an extack */
#include <net/xfrm.h>
int xms_probe(struct net *net, struct xfrm_state *x,
	      struct xfrm_user_offload *xuo);
int xms_probe(struct net *net, struct xfrm_state *x,
	      struct xfrm_user_offload *xuo)
{
	return xfrm_dev_state_add(net, x, xuo, NULL);
}
