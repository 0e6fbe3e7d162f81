/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * xfrm_migstate: generic netlink family carrying XFRM_MSG_MIGRATE_STATE
 * (Linux 7.2) to kernels that lack the native message.
 *
 * Family:   "xfrm_migstate" (XFRM_MIGSTATE_GENL_NAME), version 1.
 * Scope:    network-namespace aware; every command acts on the caller's
 *           namespace and needs CAP_NET_ADMIN in the user namespace that
 *           owns it, otherwise -EPERM.
 * Header:   every message carries, after the generic netlink header, the
 *           fixed header struct xfrm_user_migrate_state (132 bytes, see
 *           xfrm_migrate_state_compat.h). The body of a MIGRATE_STATE
 *           request (fixed header plus XFRMA_* attributes) is byte for
 *           byte the body of a native XFRM_MSG_MIGRATE_STATE request.
 *
 * Commands
 * --------
 * XFRM_MIGSTATE_CMD_MIGRATE_STATE (do)
 *	Request: struct xfrm_user_migrate_state, then optional attributes
 *	using the kernel's own XFRMA_* numbers:
 *	  XFRMA_MARK                  struct xfrm_mark  new mark (absent:
 *	                              old_mark of the request)
 *	  XFRMA_ENCAP                 struct xfrm_encap_tmpl, ESPINUDP only;
 *	                              encap_type 0 removes encapsulation
 *	                              (absent: inherit)
 *	  XFRMA_OFFLOAD_DEV           struct xfrm_user_offload (absent:
 *	                              inherit unless CLEAR_OFFLOAD)
 *	  XFRMA_SET_MARK              __u32 (absent: inherit)
 *	  XFRMA_SET_MARK_MASK         __u32 (default 0xffffffff)
 *	  XFRMA_MTIMER_THRESH         __u32 seconds, input SAs with encap
 *	  XFRMA_NAT_KEEPALIVE_INTERVAL __u32 seconds, output SAs with encap,
 *	                              only on kernels with NAT keepalive
 *	Any other attribute: -EINVAL "Unsupported attribute in
 *	XFRM_MSG_MIGRATE_STATE" (SA_DIR and SA_PCPU: "Invalid attribute
 *	SA_DIR" / "Invalid attribute SA_PCPU", as upstream).
 *	Validation (genl core, strict, every command): a type beyond
 *	7.2's XFRMA_MAX: -EINVAL "Unknown attribute type"; an accepted
 *	attribute shorter or longer than its type: -ERANGE "Attribute
 *	failed policy validation"; a fixed header cut short: -EINVAL
 *	without text (native: "Invalid header length"); genl header
 *	reserved != 0: -EINVAL "genlmsghdr.reserved field is not 0";
 *	netlink flags other than REQUEST, ACK, ECHO: -EINVAL "ambiguous
 *	or reserved bits set in nlmsg_flags"; unknown command: -EOPNOTSUPP.
 *	Reply: the netlink ACK, with extack text on error.
 *	Errors (with extack text, identical to Linux 7.2 unless noted):
 *	  EINVAL  "Invalid SPI 0x0", "Reserved field must be zero",
 *	          "Unknown flags: 0x..", "Invalid address family",
 *	          "Invalid prefix length in selector (...)",
 *	          "SA selector is not a single-host match for SA addresses",
 *	          "Unsupported encapsulation type",
 *	          "MTIMER_THRESH requires encapsulation",
 *	          "MTIMER_THRESH should not be set on output SA",
 *	          "NAT_KEEPALIVE_INTERVAL requires encapsulation",
 *	          "NAT keepalive is only supported for outbound SAs",
 *	          errors of the state initialisation (algorithms, mode,
 *	          family change in transport mode, offload)
 *	  EAFNOSUPPORT "IPv6 support disabled"
 *	  ESRCH   "Can not find state", "State already deleted"
 *	  EEXIST  "New SA tuple already occupied" (any change of the lookup
 *	          tuple, a mark-only change included; the old SA is kept)
 *	  ENOMEM  allocation failure (upstream reports EINVAL)
 *	  EPERM   no CAP_NET_ADMIN; "SA is in use by tunnels" for a
 *	          kernel-owned state (IPComp's tunnel helper), as DELSA
 *	          (upstream migrates it)
 *	  EOPNOTSUPP "Migration of packet offload SAs is not supported"
 *	          (an SA with packet offload, or XFRM_OFFLOAD_PACKET asked
 *	          for; upstream copies software counters)
 *	On success the ACK may carry the warning "Failed to send migration
 *	notification" when no listener took the notification, as upstream.
 *
 * XFRM_MIGSTATE_CMD_GET_INFO (do)
 *	Request: fixed header, all zero, no attribute (-EINVAL "GET_INFO
 *	takes no attributes"). Reply: fixed header (zero) and the
 *	XFRM_MIGSTATE_INFO_* attributes below.
 *
 * Multicast group "migrate" (XFRM_MIGSTATE_MCGRP_MIGRATE)
 *	After every successful migration: XFRM_MIGSTATE_CMD_MIGRATE_STATE
 *	with the request's fixed header (new_sel replaced by the selector
 *	of the new SA, flags echoed), nlmsg_pid and nlmsg_seq of the
 *	request, and the attributes upstream sends: XFRMA_ENCAP (type 0 on
 *	removal), XFRMA_OFFLOAD_DEV, XFRMA_MARK (only when requested),
 *	XFRMA_SET_MARK/_MASK, XFRMA_MTIMER_THRESH,
 *	XFRMA_NAT_KEEPALIVE_INTERVAL (non-zero only), XFRMA_SA_DIR (where
 *	the SA has a direction). The same body is also multicast as a
 *	native XFRM_MSG_MIGRATE_STATE on the xfrm socket's XFRMNLGRP_MIGRATE
 *	group of the SA's namespace.
 */
#ifndef _UAPI_LINUX_XFRM_MIGSTATE_H
#define _UAPI_LINUX_XFRM_MIGSTATE_H

#include <linux/types.h>

#define XFRM_MIGSTATE_GENL_NAME		"xfrm_migstate"
#define XFRM_MIGSTATE_GENL_VERSION	1
#define XFRM_MIGSTATE_MCGRP_MIGRATE	"migrate"

enum xfrm_migstate_cmd {
	XFRM_MIGSTATE_CMD_UNSPEC,
	XFRM_MIGSTATE_CMD_MIGRATE_STATE,
	XFRM_MIGSTATE_CMD_GET_INFO,

	__XFRM_MIGSTATE_CMD_MAX
};

#define XFRM_MIGSTATE_CMD_MAX (__XFRM_MIGSTATE_CMD_MAX - 1)

/* Attributes of the GET_INFO reply. */
enum xfrm_migstate_info_attr {
	XFRM_MIGSTATE_INFO_UNSPEC,
	XFRM_MIGSTATE_INFO_MODULE_VERSION,	/* string, e.g. "0.1.0" */
	XFRM_MIGSTATE_INFO_FAMILY_VERSION,	/* u32, XFRM_MIGSTATE_GENL_VERSION */
	XFRM_MIGSTATE_INFO_SUPPORTED_FLAGS,	/* u32, accepted request flags */
	/* u16, repeated: each accepted XFRMA_* attribute type */
	XFRM_MIGSTATE_INFO_ATTR,
	XFRM_MIGSTATE_INFO_KERNEL_RELEASE,	/* string, release built for */
	XFRM_MIGSTATE_INFO_CAPS,		/* u32, XFRM_MIGSTATE_CAP_* */

	__XFRM_MIGSTATE_INFO_MAX
};

#define XFRM_MIGSTATE_INFO_MAX (__XFRM_MIGSTATE_INFO_MAX - 1)
/* The name of 0.1.0; renamed so that ynl, which merges the fixed header's
 * members and the attributes into one dictionary, does not shadow it with
 * the header's "flags".
 */
#define XFRM_MIGSTATE_INFO_FLAGS XFRM_MIGSTATE_INFO_SUPPORTED_FLAGS

/* Capability bits of XFRM_MIGSTATE_INFO_CAPS. */
enum xfrm_migstate_caps {
	/* XFRMA_NAT_KEEPALIVE_INTERVAL is accepted (kernel has NAT keepalive) */
	XFRM_MIGSTATE_CAP_NAT_KEEPALIVE		= 1 << 0,
	/* SAs have a direction (XFRMA_SA_DIR in notifications) */
	XFRM_MIGSTATE_CAP_SA_DIR		= 1 << 1,
	/* packet offload SAs can exist on this kernel (the module refuses
	 * to migrate them: EOPNOTSUPP)
	 */
	XFRM_MIGSTATE_CAP_PACKET_OFFLOAD	= 1 << 2,
	/* XFRMA_MTIMER_THRESH is accepted (kernel has mapping_maxage) */
	XFRM_MIGSTATE_CAP_MTIMER		= 1 << 3,
	/* the native XFRMNLGRP_MIGRATE notification is sent too */
	XFRM_MIGSTATE_CAP_NATIVE_NOTIFY		= 1 << 4,
};

#endif /* _UAPI_LINUX_XFRM_MIGSTATE_H */
