// SPDX-License-Identifier: GPL-2.0
/*
 * xfrm_migrate_state: Linux 7.2's XFRM_MSG_MIGRATE_STATE for kernels that
 * lack it, as the generic netlink family "xfrm_migstate".
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include "xms.h"

static int __init xms_init(void)
{
	int err;

	err = genl_register_family(&xms_family);
	if (err) {
		pr_err("cannot register genl family %s: %d\n",
		       XFRM_MIGSTATE_GENL_NAME, err);
		return err;
	}
	pr_info("%s loaded: genl family %s version %u\n", XMS_VERSION,
		XFRM_MIGSTATE_GENL_NAME, XFRM_MIGSTATE_GENL_VERSION);
	return 0;
}

static void __exit xms_exit(void)
{
	genl_unregister_family(&xms_family);
}

module_init(xms_init);
module_exit(xms_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("xfrm-migrate-state developers");
MODULE_DESCRIPTION("XFRM_MSG_MIGRATE_STATE for kernels without it, over generic netlink");
MODULE_VERSION(XMS_VERSION);
MODULE_ALIAS_GENL_FAMILY(XFRM_MIGSTATE_GENL_NAME);
