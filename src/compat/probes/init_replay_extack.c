// SPDX-License-Identifier: GPL-2.0
/* xfrm_init_replay takes an extack */
#include <net/xfrm.h>
int xms_probe(struct xfrm_state *x);
int xms_probe(struct xfrm_state *x)
{
	return xfrm_init_replay(x, NULL);
}
