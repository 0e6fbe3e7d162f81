// SPDX-License-Identifier: GPL-2.0
/*
 * XFRM_MIGSTATE_CMD_GET_INFO: what this module and kernel offer. Upstream
 * has nothing like it: the native message is probed, not asked (README).
 */
#include <generated/utsrelease.h>
#include "xms.h"

static const u16 xms_accepted_attrs[] = {
	XFRMA_MARK, XFRMA_ENCAP, XFRMA_OFFLOAD_DEV, XFRMA_SET_MARK,
	XFRMA_SET_MARK_MASK, XMS_XFRMA_MTIMER_THRESH, XMS_XFRMA_NAT_KEEPALIVE,
};

static u32 xms_caps(void)
{
	return XFRM_MIGSTATE_CAP_NATIVE_NOTIFY | xms_kernel_caps();
}

static int xms_put_info(struct sk_buff *skb)
{
	int i;

	if (nla_put_string(skb, XFRM_MIGSTATE_INFO_MODULE_VERSION, XMS_VERSION) ||
	    nla_put_u32(skb, XFRM_MIGSTATE_INFO_FAMILY_VERSION,
			XFRM_MIGSTATE_GENL_VERSION) ||
	    nla_put_u32(skb, XFRM_MIGSTATE_INFO_SUPPORTED_FLAGS,
			XFRM_MIGRATE_STATE_KNOWN_FLAGS) ||
	    nla_put_string(skb, XFRM_MIGSTATE_INFO_KERNEL_RELEASE, UTS_RELEASE) ||
	    nla_put_u32(skb, XFRM_MIGSTATE_INFO_CAPS, xms_caps()))
		return -EMSGSIZE;

	for (i = 0; i < ARRAY_SIZE(xms_accepted_attrs); i++) {
		if (xms_accepted_attrs[i] &&
		    nla_put_u16(skb, XFRM_MIGSTATE_INFO_ATTR, xms_accepted_attrs[i]))
			return -EMSGSIZE;
	}
	return 0;
}

int xms_cmd_get_info(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;
	int err;

	err = xms_genl_header_check(info);
	if (err)
		return err;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &xms_family, 0,
				XFRM_MIGSTATE_CMD_GET_INFO);
	if (!hdr)
		goto nospace;
	/* the family's fixed header (hdrsize), all zero in GET_INFO */
	memset(hdr, 0, sizeof(struct xfrm_user_migrate_state));
	if (xms_put_info(msg))
		goto nospace;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
}
