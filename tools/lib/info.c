// SPDX-License-Identifier: LGPL-2.1-or-later
/* GET_INFO from the module; the native backend's capabilities. */
#include <errno.h>
#include <string.h>
#include <sys/utsname.h>
#include <linux/genetlink.h>

#include "internal.h"

/* What Linux 7.2's native handler accepts and does. */
void xms_native_info(struct xms_info *info)
{
	static const uint16_t accepted[] = {
		XFRM_MIGSTATE_XFRMA_ENCAP, XFRM_MIGSTATE_XFRMA_MARK,
		XFRM_MIGSTATE_XFRMA_OFFLOAD_DEV, XFRM_MIGSTATE_XFRMA_SET_MARK,
		XFRM_MIGSTATE_XFRMA_SET_MARK_MASK,
		XFRM_MIGSTATE_XFRMA_MTIMER_THRESH,
		XFRM_MIGSTATE_XFRMA_NAT_KEEPALIVE_INTERVAL,
	};
	struct utsname u;
	unsigned int i;

	memset(info, 0, sizeof(*info));
	info->backend = XMS_BACKEND_NATIVE;
	xms_copy_str(info->module_version, sizeof(info->module_version), "native");
	info->flags = XFRM_MIGRATE_STATE_KNOWN_FLAGS;
	_Static_assert(sizeof(accepted) / sizeof(accepted[0]) <= XMS_INFO_MAX_ATTRS,
		       "xms_info.attrs too small for the native list");
	for (i = 0; i < sizeof(accepted) / sizeof(accepted[0]); i++)
		info->attrs[info->n_attrs++] = accepted[i];
	info->n_attrs_total = info->n_attrs;
	if (!uname(&u))	/* reported only; never used to decide */
		xms_copy_str(info->kernel_release, sizeof(info->kernel_release),
			     u.release);
	info->caps = XFRM_MIGSTATE_CAP_NAT_KEEPALIVE | XFRM_MIGSTATE_CAP_SA_DIR |
		     XFRM_MIGSTATE_CAP_PACKET_OFFLOAD | XFRM_MIGSTATE_CAP_MTIMER |
		     XFRM_MIGSTATE_CAP_NATIVE_NOTIFY;
}

XMS_API int xms_info_accepts(const struct xms_info *info, unsigned int type)
{
	uint32_t i, n;

	if (!info)
		return -EINVAL;
	n = info->n_attrs < XMS_INFO_MAX_ATTRS ? info->n_attrs : XMS_INFO_MAX_ATTRS;
	for (i = 0; i < n; i++)
		if (info->attrs[i] == type)
			return 1;
	return info->n_attrs_total > n ? -ERANGE : 0;
}

static int info_cb(const struct nlmsghdr *nlh, void *data)
{
	return xms_parse_info(nlh, data);
}

/* GET_INFO through the serving backend, lock held. */
static int info_locked(struct xms_handle *h, struct xms_info *info,
		       char *extack, size_t extack_len)
{
	char buf[512] __attribute__((aligned(4)));
	struct nlmsghdr *nlh;
	struct xms_chan c;
	int err;

	memset(info, 0, sizeof(*info));
	err = xms_handle_probe_locked(h);
	if (err) {
		xms_copy_str(extack, extack_len, h->probe.reason_text);
		return err;
	}
	if (h->probe.backend == XMS_BACKEND_NATIVE) {
		xms_native_info(info);
		return 0;
	}
	err = xms_handle_chan(h, NETLINK_GENERIC, &c);
	if (err)
		return err;
	nlh = xms_put_get_info(buf, sizeof(buf), h->probe.family_id,
			       xms_handle_seq(h));
	if (!nlh)
		return -EMSGSIZE;
	return xms_nl_transact(&c, nlh, info_cb, info, extack, extack_len);
}

XMS_API int xms_get_info(struct xms_handle *h, struct xms_info *info,
			 char *extack, size_t extack_len)
{
	char ext[XMS_EXTACK_LEN];
	int err, tries;

	if (!h || !info)
		return -EINVAL;
	if (extack && extack_len)
		extack[0] = '\0';
	pthread_mutex_lock(&h->lock);
	for (tries = 0; tries < 2; tries++) {
		ext[0] = '\0';
		err = info_locked(h, info, ext, sizeof(ext));
		if (!xms_handle_family_gone(h, err, ext))
			break;
	}
	xms_copy_str(extack, extack_len, ext);
	pthread_mutex_unlock(&h->lock);
	return err;
}
