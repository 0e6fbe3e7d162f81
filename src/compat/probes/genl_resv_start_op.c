// SPDX-License-Identifier: GPL-2.0
/* struct genl_family has resv_start_op */
#include <net/genetlink.h>
struct genl_family xms_probe_family = { .resv_start_op = 1 };
