// SPDX-License-Identifier: GPL-2.0
/* __xfrm_init_state takes an extack */
#include <net/xfrm.h>
int xms_probe(struct xfrm_state *x);
int xms_probe(struct xfrm_state *x)
{
	return __xfrm_init_state(x, true, false, NULL);
}
