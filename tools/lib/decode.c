// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Parsing replies and notifications (no I/O): migrate bodies, the genl
 * controller's family replies, GET_INFO.
 */
#include <errno.h>
#include <string.h>
#include <linux/genetlink.h>

#include "internal.h"

static bool len_ok(const struct nlattr *a, size_t min)
{
	return mnl_attr_get_payload_len(a) >= min;
}

XMS_API int xms_parse_attrs(const void *data, size_t len, struct xms_attrs *a)
{
	const struct nlattr *attr;
	size_t seen = 0;

	memset(a, 0, sizeof(*a));
	mnl_attr_for_each_payload(data, len) {
		uint16_t type = mnl_attr_get_type(attr);
		const void *p = mnl_attr_get_payload(attr);

		seen = (size_t)((const char *)attr - (const char *)data) +
			MNL_ALIGN(attr->nla_len);
		switch (type) {
		case XFRM_MIGSTATE_XFRMA_ENCAP:
			if (!len_ok(attr, sizeof(a->encap)))
				return -EINVAL;
			memcpy(&a->encap, p, sizeof(a->encap));
			a->present |= XMS_ATTR_ENCAP;
			break;
		case XFRM_MIGSTATE_XFRMA_MARK:
			if (!len_ok(attr, sizeof(a->mark)))
				return -EINVAL;
			memcpy(&a->mark, p, sizeof(a->mark));
			a->present |= XMS_ATTR_MARK;
			break;
		case XFRM_MIGSTATE_XFRMA_OFFLOAD_DEV:
			/* ifindex and flags; the struct's tail is padding */
			if (!len_ok(attr, offsetof(struct xfrm_user_offload, flags) + 1))
				return -EINVAL;
			memcpy(&a->offload, p, mnl_attr_get_payload_len(attr) <
			       sizeof(a->offload) ? mnl_attr_get_payload_len(attr) :
			       sizeof(a->offload));
			a->present |= XMS_ATTR_OFFLOAD;
			break;
		case XFRM_MIGSTATE_XFRMA_SET_MARK:
		case XFRM_MIGSTATE_XFRMA_SET_MARK_MASK:
		case XFRM_MIGSTATE_XFRMA_MTIMER_THRESH:
		case XFRM_MIGSTATE_XFRMA_NAT_KEEPALIVE_INTERVAL:
		case XFRM_MIGSTATE_XFRMA_IF_ID:
			if (!len_ok(attr, sizeof(uint32_t)))
				return -EINVAL;
			if (type == XFRM_MIGSTATE_XFRMA_SET_MARK) {
				a->set_mark = mnl_attr_get_u32(attr);
				a->present |= XMS_ATTR_SET_MARK;
			} else if (type == XFRM_MIGSTATE_XFRMA_SET_MARK_MASK) {
				a->set_mark_mask = mnl_attr_get_u32(attr);
				a->present |= XMS_ATTR_SET_MARK_MASK;
			} else if (type == XFRM_MIGSTATE_XFRMA_IF_ID) {
				a->if_id = mnl_attr_get_u32(attr);
				a->present |= XMS_ATTR_IF_ID;
			} else if (type == XFRM_MIGSTATE_XFRMA_MTIMER_THRESH) {
				a->mtimer_thresh = mnl_attr_get_u32(attr);
				a->present |= XMS_ATTR_MTIMER_THRESH;
			} else {
				a->nat_keepalive = mnl_attr_get_u32(attr);
				a->present |= XMS_ATTR_NAT_KEEPALIVE;
			}
			break;
		case XFRM_MIGSTATE_XFRMA_SA_DIR:
			if (!len_ok(attr, 1))
				return -EINVAL;
			a->sa_dir = mnl_attr_get_u8(attr);
			a->present |= XMS_ATTR_SA_DIR;
			break;
		default:
			break;	/* other attributes (keys, lifetimes...) ignored */
		}
	}
	/* a truncated attribute stops the walk early */
	if (seen < len && len - seen >= sizeof(struct nlattr))
		return -EINVAL;
	return 0;
}

XMS_API int xms_parse_notification(const struct nlmsghdr *nlh,
				   enum xms_backend backend, uint16_t family_id,
				   struct xms_notification *n)
{
	const char *body;
	size_t len, off = 0;
	int err;

	memset(n, 0, sizeof(*n));
	if (nlh->nlmsg_len < NLMSG_HDRLEN)
		return -EINVAL;
	len = nlh->nlmsg_len - NLMSG_HDRLEN;
	body = mnl_nlmsg_get_payload(nlh);
	if (backend == XMS_BACKEND_NATIVE) {
		if (nlh->nlmsg_type != XFRM_MSG_MIGRATE_STATE)
			return -ENOMSG;
	} else if (backend == XMS_BACKEND_MODULE) {
		const struct genlmsghdr *g = (const void *)body;

		if (nlh->nlmsg_type != family_id)
			return -ENOMSG;
		if (len < GENL_HDRLEN)
			return -EINVAL;
		if (g->cmd != XFRM_MIGSTATE_CMD_MIGRATE_STATE)
			return -ENOMSG;
		off = GENL_HDRLEN;
	} else {
		return -EINVAL;
	}
	if (len < off + sizeof(n->hdr))
		return -EINVAL;
	memcpy(&n->hdr, body + off, sizeof(n->hdr));
	off += MNL_ALIGN(sizeof(n->hdr));
	if (off < len) {
		err = xms_parse_attrs(body + off, len - off, &n->attrs);
		if (err)
			return err;
	}
	n->backend = backend;
	n->nlmsg_pid = nlh->nlmsg_pid;
	n->nlmsg_seq = nlh->nlmsg_seq;
	return 0;
}

/* ---- generic netlink: the controller's and GET_INFO's replies ---- */

static void mcgrp_parse(const struct nlattr *grp, struct xms_family *f)
{
	const struct nlattr *attr;
	const char *name = NULL;
	uint32_t id = 0;

	mnl_attr_for_each_nested(attr, grp) {
		if (mnl_attr_get_type(attr) == CTRL_ATTR_MCAST_GRP_NAME &&
		    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
			name = mnl_attr_get_str(attr);
		else if (mnl_attr_get_type(attr) == CTRL_ATTR_MCAST_GRP_ID &&
			 mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
			id = mnl_attr_get_u32(attr);
	}
	if (name && !strcmp(name, f->group ? f->group : XFRM_MIGSTATE_MCGRP_MIGRATE))
		f->mcgrp = id;
}

int xms_parse_family(const struct nlmsghdr *nlh, struct xms_family *f)
{
	const struct nlattr *attr, *grp;

	if (mnl_nlmsg_get_payload_len(nlh) < GENL_HDRLEN)
		return 0;
	xms_attr_for_each(attr, nlh, GENL_HDRLEN) {
		switch (mnl_attr_get_type(attr)) {
		case CTRL_ATTR_FAMILY_ID:
			if (mnl_attr_validate(attr, MNL_TYPE_U16) == 0) {
				f->id = mnl_attr_get_u16(attr);
				f->found = true;
			}
			break;
		case CTRL_ATTR_FAMILY_NAME:
			if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
				f->named = !strcmp(mnl_attr_get_str(attr), f->name ?
						   f->name : XFRM_MIGSTATE_GENL_NAME);
			break;
		case CTRL_ATTR_VERSION:
			if (mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
				f->version = mnl_attr_get_u32(attr);
			break;
		case CTRL_ATTR_MCAST_GROUPS:
			mnl_attr_for_each_nested(grp, attr)
				mcgrp_parse(grp, f);
			break;
		}
	}
	return 0;
}

int xms_parse_info(const struct nlmsghdr *nlh, struct xms_info *info)
{
	size_t off = GENL_HDRLEN + MNL_ALIGN(sizeof(struct xfrm_user_migrate_state));
	const struct nlattr *attr;

	memset(info, 0, sizeof(*info));
	info->backend = XMS_BACKEND_MODULE;
	if (mnl_nlmsg_get_payload_len(nlh) < off)
		return -EBADMSG;
	xms_attr_for_each(attr, nlh, off) {
		switch (mnl_attr_get_type(attr)) {
		case XFRM_MIGSTATE_INFO_MODULE_VERSION:
			if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
				xms_copy_str(info->module_version,
					     sizeof(info->module_version),
					     mnl_attr_get_str(attr));
			break;
		case XFRM_MIGSTATE_INFO_KERNEL_RELEASE:
			if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
				xms_copy_str(info->kernel_release,
					     sizeof(info->kernel_release),
					     mnl_attr_get_str(attr));
			break;
		case XFRM_MIGSTATE_INFO_FAMILY_VERSION:
			if (mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
				info->family_version = mnl_attr_get_u32(attr);
			break;
		case XFRM_MIGSTATE_INFO_SUPPORTED_FLAGS:
			if (mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
				info->flags = mnl_attr_get_u32(attr);
			break;
		case XFRM_MIGSTATE_INFO_CAPS:
			if (mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
				info->caps = mnl_attr_get_u32(attr);
			break;
		case XFRM_MIGSTATE_INFO_ATTR:
			if (mnl_attr_validate(attr, MNL_TYPE_U16))
				break;
			/* counted even when attrs[] is full: never cut silently */
			if (info->n_attrs_total < UINT32_MAX)
				info->n_attrs_total++;
			if (info->n_attrs < XMS_INFO_MAX_ATTRS)
				info->attrs[info->n_attrs++] = mnl_attr_get_u16(attr);
			break;
		}
	}
	return 0;
}
