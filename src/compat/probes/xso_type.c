// SPDX-License-Identifier: GPL-2.0
/* struct xfrm_dev_offload has dir/type (packet offload) */
#include <net/xfrm.h>
int xms_probe(struct xfrm_state *x);
int xms_probe(struct xfrm_state *x)
{
	return x->xso.type == XFRM_DEV_OFFLOAD_PACKET &&
	       x->xso.dir == XFRM_DEV_OFFLOAD_IN;
}
