// SPDX-License-Identifier: GPL-2.0
/* uapi has XFRMA_SA_DIR */
#include <net/xfrm.h>
int xms_probe(void);
int xms_probe(void)
{
	return XFRMA_SA_DIR;
}
