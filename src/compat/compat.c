// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel differences that need more than an inline helper (compat.h).
 */
#include <linux/bitops.h>
#include "compat.h"

/*
 * Upstream's "Unknown flags: 0x%x". Kernels without formatted extack
 * messages get the same text from this table when one bit is unknown (the
 * usual case: a flag newer than this module), else the bare prefix.
 */
#ifndef XMS_HAVE_NL_ERR_MSG_FMT
static const char * const xms_unknown_bit_msg[32] = {
	"Unknown flags: 0x1",
	"Unknown flags: 0x2",
	"Unknown flags: 0x4",
	"Unknown flags: 0x8",
	"Unknown flags: 0x10",
	"Unknown flags: 0x20",
	"Unknown flags: 0x40",
	"Unknown flags: 0x80",
	"Unknown flags: 0x100",
	"Unknown flags: 0x200",
	"Unknown flags: 0x400",
	"Unknown flags: 0x800",
	"Unknown flags: 0x1000",
	"Unknown flags: 0x2000",
	"Unknown flags: 0x4000",
	"Unknown flags: 0x8000",
	"Unknown flags: 0x10000",
	"Unknown flags: 0x20000",
	"Unknown flags: 0x40000",
	"Unknown flags: 0x80000",
	"Unknown flags: 0x100000",
	"Unknown flags: 0x200000",
	"Unknown flags: 0x400000",
	"Unknown flags: 0x800000",
	"Unknown flags: 0x1000000",
	"Unknown flags: 0x2000000",
	"Unknown flags: 0x4000000",
	"Unknown flags: 0x8000000",
	"Unknown flags: 0x10000000",
	"Unknown flags: 0x20000000",
	"Unknown flags: 0x40000000",
	"Unknown flags: 0x80000000",
};
#endif

/* upstream twin: NL_SET_ERR_MSG_FMT() in xfrm_do_migrate_state() of 7.2 */
void xms_set_unknown_flags_msg(struct netlink_ext_ack *extack, u32 unknown)
{
#ifdef XMS_HAVE_NL_ERR_MSG_FMT
	NL_SET_ERR_MSG_FMT(extack, "Unknown flags: 0x%x", unknown);
#else
	/* NL_SET_ERR_MSG() wants a literal; the table entries are static. */
	if (extack && hweight32(unknown) == 1)
		extack->_msg = xms_unknown_bit_msg[__ffs(unknown)];
	else
		NL_SET_ERR_MSG(extack, "Unknown flags");
#endif
}
