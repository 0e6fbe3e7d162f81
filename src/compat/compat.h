/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place where kernel differences are handled (with compat.c).
 * Every decision is taken from generated/compat-probed.h, written by
 * compat/probe.sh from compile-time probes of the target kernel's headers
 * (distributions backport; version numbers lie). No other file tests an
 * XMS_HAVE_* macro.
 */
#ifndef XMS_COMPAT_H
#define XMS_COMPAT_H

#include <linux/netlink.h>
#include <net/genetlink.h>
#include <net/xfrm.h>
#include "compat-probed.h"

#ifdef XFRM_MSG_MIGRATE_STATE
#error "This kernel has the native XFRM_MSG_MIGRATE_STATE; xfrm_migrate_state is not needed here."
#endif

#include <linux/xfrm_migrate_state_compat.h>
#include <linux/xfrm_migstate.h>

#ifndef XMS_HAVE_XFRMA_POLICY_EXPORT
#error "xfrm_user does not export xfrma_policy on this kernel"
#endif

/* ---- struct xfrm_state fields ---------------------------------------- */

static inline u8 xms_state_dir(const struct xfrm_state *x)
{
#ifdef XMS_HAVE_STATE_DIR
	return x->dir;
#else
	return 0;
#endif
}

static inline bool xms_state_is_output(const struct xfrm_state *x)
{
#ifdef XMS_HAVE_STATE_DIR
	return x->dir == XFRM_SA_DIR_OUT;
#else
	return false;
#endif
}

static inline u32 xms_state_mapping_maxage(const struct xfrm_state *x)
{
#ifdef XMS_HAVE_STATE_MAPPING_MAXAGE
	return x->mapping_maxage;
#else
	return 0;
#endif
}

static inline u32 xms_state_nat_keepalive(const struct xfrm_state *x)
{
#ifdef XMS_HAVE_STATE_NAT_KEEPALIVE
	return x->nat_keepalive_interval;
#else
	return 0;
#endif
}

/* Fields the clone copies only where the kernel has them. */
static inline void xms_copy_optional_fields(struct xfrm_state *xc,
					    const struct xfrm_state *x)
{
#ifdef XMS_HAVE_STATE_DIR
	xc->dir = x->dir;
#endif
#ifdef XMS_HAVE_STATE_PCPU_NUM
	xc->pcpu_num = x->pcpu_num;
#endif
}

static inline void xms_set_nat_fields(struct xfrm_state *xc, u32 maxage,
				      u32 keepalive)
{
#ifdef XMS_HAVE_STATE_MAPPING_MAXAGE
	xc->mapping_maxage = maxage;
#endif
#ifdef XMS_HAVE_STATE_NAT_KEEPALIVE
	xc->nat_keepalive_interval = keepalive;
#endif
}

/* ---- larval (ACQ) states ---------------------------------------------- */

static inline u32 xms_state_pcpu_num(const struct xfrm_state *x)
{
#ifdef XMS_HAVE_STATE_PCPU_NUM
	return x->pcpu_num;
#else
	return 0;
#endif
}

/*
 * The ACQ state with x's km.seq, held, or NULL.
 * upstream twin: xfrm_find_acq_byseq() in net/xfrm/xfrm_state.c of 7.2
 */
static inline struct xfrm_state *xms_find_acq_byseq(struct net *net, u32 mark,
						    const struct xfrm_state *x)
{
#ifdef XMS_HAVE_FIND_ACQ_PCPU
	return xfrm_find_acq_byseq(net, mark, x->km.seq, xms_state_pcpu_num(x));
#else
	return xfrm_find_acq_byseq(net, mark, x->km.seq);
#endif
}

/*
 * The ACQ state for x's mode, reqid, proto and addresses, held, or NULL.
 * upstream twin: xfrm_find_acq() in net/xfrm/xfrm_state.c of 7.2
 */
static inline struct xfrm_state *xms_find_acq(struct net *net,
					      const struct xfrm_state *x)
{
#ifdef XMS_HAVE_FIND_ACQ_PCPU
	return xfrm_find_acq(net, &x->mark, x->props.mode, x->props.reqid,
			     x->if_id, xms_state_pcpu_num(x), x->id.proto,
			     &x->id.daddr, &x->props.saddr, 0, x->props.family);
#else
	return xfrm_find_acq(net, &x->mark, x->props.mode, x->props.reqid,
			     x->if_id, x->id.proto, &x->id.daddr,
			     &x->props.saddr, 0, x->props.family);
#endif
}

/* ---- XFRMA_* attributes this kernel knows ----------------------------- */

/*
 * XFRMA_MAX of Linux 7.2 (the last of the IPTFS attributes): the request
 * policy covers every attribute the native message parses, whatever this
 * kernel's own XFRMA_MAX.
 */
#define XMS_XFRMA_MAX		41
#define XMS_XFRMA_IPTFS_FIRST	36	/* XFRMA_IPTFS_DROP_TIME */

#ifdef XMS_HAVE_STATE_MAPPING_MAXAGE
#define XMS_XFRMA_MTIMER_THRESH XFRMA_MTIMER_THRESH
#else
#define XMS_XFRMA_MTIMER_THRESH 0	/* not an attribute on this kernel */
#endif
#ifdef XMS_HAVE_STATE_NAT_KEEPALIVE
#define XMS_XFRMA_NAT_KEEPALIVE XFRMA_NAT_KEEPALIVE_INTERVAL
#else
#define XMS_XFRMA_NAT_KEEPALIVE 0
#endif

/* ---- state initialisation and offload --------------------------------- */

/*
 * upstream twin: xfrm_init_state() in net/xfrm/xfrm_state.c of 7.2.
 * Unlike it, this leaves the state VOID: the swap makes it VALID when it
 * hashes it (swap.c).
 */
static inline int xms_init_state(struct xfrm_state *x, bool offload,
				 struct netlink_ext_ack *extack)
{
#ifdef XMS_HAVE_INIT_STATE_EXTACK
	return __xfrm_init_state(x, true, offload, extack);
#else
	return __xfrm_init_state(x, true, offload);
#endif
}

/* upstream twin: xfrm_dev_state_add() in net/xfrm/xfrm_device.c of 7.2 */
static inline int xms_dev_state_add(struct net *net, struct xfrm_state *x,
				    const struct xfrm_user_offload *xuo,
				    struct netlink_ext_ack *extack)
{
	struct xfrm_user_offload copy = *xuo;

#ifdef XMS_HAVE_DEV_STATE_ADD_EXTACK
	return xfrm_dev_state_add(net, x, &copy, extack);
#else
	return xfrm_dev_state_add(net, x, &copy);
#endif
}

/*
 * Does the device of an offload request have no xfrm offload at all? Then
 * xfrm_dev_state_add() leaves the SA in software, but kernels before 7.2
 * check the SA's offload type first and refuse one that has none (AH,
 * IPComp: "Type doesn't support offload"); Linux 7.2 looks at the device
 * first and accepts. The caller then skips the offload for such an SA,
 * as 7.2 ends up; other requests still meet the kernel's own checks.
 */
static inline bool xms_offload_dev_lacks_ops(struct net *net,
					     const struct xfrm_user_offload *xuo)
{
#ifdef CONFIG_XFRM_OFFLOAD
	const struct net_device *dev;
	bool lacks = false;

	rcu_read_lock();
	dev = dev_get_by_index_rcu(net, xuo->ifindex);
	if (dev)
		lacks = !dev->xfrmdev_ops ||
			!dev->xfrmdev_ops->xdo_dev_state_add;
	rcu_read_unlock();
	return lacks;
#else
	return true;
#endif
}

/*
 * Packet offload: the device assigns the sequence numbers and keeps the
 * replay window. Debian's 6.1 has the offload type but not the policy
 * offload that packet offload needs, and refuses such SAs; the real thing
 * comes with xdo_dev_policy_add.
 */
#ifndef XFRM_OFFLOAD_PACKET
#define XFRM_OFFLOAD_PACKET 4	/* uapi value; unknown to older kernels */
#endif

static inline bool xms_state_packet_offload(const struct xfrm_state *x)
{
#ifdef XMS_HAVE_XSO_TYPE
	return x->xso.type == XFRM_DEV_OFFLOAD_PACKET;
#else
	return false;
#endif
}

/* The XFRM_MIGSTATE_CAP_* bits that depend on the kernel (GET_INFO). */
static inline u32 xms_kernel_caps(void)
{
	u32 caps = 0;

#ifdef XMS_HAVE_STATE_NAT_KEEPALIVE
	caps |= XFRM_MIGSTATE_CAP_NAT_KEEPALIVE;
#endif
#ifdef XMS_HAVE_STATE_MAPPING_MAXAGE
	caps |= XFRM_MIGSTATE_CAP_MTIMER;
#endif
#ifdef XMS_HAVE_STATE_DIR
	caps |= XFRM_MIGSTATE_CAP_SA_DIR;
#endif
#ifdef XMS_HAVE_XDO_DEV_POLICY_ADD
	caps |= XFRM_MIGSTATE_CAP_PACKET_OFFLOAD;
#endif
	return caps;
}

/*
 * The offload of an SA as the request attribute would describe it; dev is
 * the SA's device, read once by the caller (unregister can clear it).
 * upstream twin: xso_to_xuo() in net/xfrm/xfrm_user.c of 7.2
 */
static inline void xms_xso_to_xuo(const struct xfrm_state *x,
				  const struct net_device *dev,
				  struct xfrm_user_offload *xuo)
{
	memset(xuo, 0, sizeof(*xuo));
	xuo->ifindex = dev->ifindex;
#ifdef XMS_HAVE_XSO_TYPE
	if (x->xso.dir == XFRM_DEV_OFFLOAD_IN)
		xuo->flags = XFRM_OFFLOAD_INBOUND;
	if (x->xso.type == XFRM_DEV_OFFLOAD_PACKET)
		xuo->flags |= XFRM_OFFLOAD_PACKET;
#else
	xuo->flags = x->xso.flags & XFRM_OFFLOAD_INBOUND;
#endif
}

/* ---- generic netlink and extack --------------------------------------- */

/*
 * The checks genl_header_check() makes from 6.1 on for every command of a
 * family that leaves resv_start_op at 0, as this one does: the genl
 * header's reserved field is zero and the netlink flags are only those
 * the core gives a meaning. Kernels before resv_start_op check neither;
 * there the handlers call this first, with the core's texts, so every
 * kernel refuses the same requests the same way.
 */
static inline int xms_genl_header_check(const struct genl_info *info)
{
#ifndef XMS_HAVE_GENL_RESV_START_OP
	u16 flags = info->nlhdr->nlmsg_flags;

	if (info->genlhdr->reserved) {
		NL_SET_ERR_MSG(info->extack, "genlmsghdr.reserved field is not 0");
		return -EINVAL;
	}
	if ((flags & NLM_F_DUMP) == NLM_F_DUMP)
		flags &= ~NLM_F_DUMP;
	if (flags & ~(NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO)) {
		NL_SET_ERR_MSG(info->extack,
			       "ambiguous or reserved bits set in nlmsg_flags");
		return -EINVAL;
	}
#endif
	return 0;
}

/*
 * Joining the "migrate" group needs CAP_NET_ADMIN in the namespace, as
 * joining the xfrm socket's groups does. Newer kernels name the group
 * permission GENL_MCAST_CAP_NET_ADMIN; kernels with the group flags member
 * but not those names (Debian's 5.10, from the stable backport of the
 * multicast permission check) test GENL_UNS_ADMIN_PERM in genl_bind().
 * A kernel without the member cannot restrict a group at all: the module
 * then sends nothing on it (the native XFRMNLGRP_MIGRATE group still
 * carries every notification, to privileged listeners only).
 */
#if defined(XMS_HAVE_GENL_MCAST_CAP)
#define XMS_MCGRP_ADMIN_FLAGS .flags = GENL_MCAST_CAP_NET_ADMIN,
#define XMS_GENL_NOTIFY 1
#elif defined(XMS_HAVE_GENL_MCGRP_FLAGS)
#define XMS_MCGRP_ADMIN_FLAGS .flags = GENL_UNS_ADMIN_PERM,
#define XMS_GENL_NOTIFY 1
#else
#define XMS_MCGRP_ADMIN_FLAGS
#define XMS_GENL_NOTIFY 0
#endif

/*
 * NL_SET_ERR_MSG_WEAK() of newer kernels: set a static message only when
 * no more specific one was set before.
 * upstream twin: NL_SET_ERR_MSG_WEAK() in include/linux/netlink.h of 7.2
 */
static inline void xms_err_msg_weak(struct netlink_ext_ack *extack,
				    const char *msg)
{
	if (extack && !extack->_msg)
		extack->_msg = msg;
}

/*
 * "Unknown flags: 0x%x" as upstream formats it. Kernels without formatted
 * extack messages get the same text for single unknown bits from a static
 * table, and the unformatted prefix otherwise (compat.c).
 */
void xms_set_unknown_flags_msg(struct netlink_ext_ack *extack, u32 unknown);

#endif /* XMS_COMPAT_H */
