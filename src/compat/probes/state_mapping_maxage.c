// SPDX-License-Identifier: GPL-2.0
/* struct xfrm_state has mapping_maxage and XFRMA_MTIMER_THRESH */
#include <net/xfrm.h>
int xms_probe(struct xfrm_state *x);
int xms_probe(struct xfrm_state *x)
{
	return x->mapping_maxage + XFRMA_MTIMER_THRESH;
}
