// SPDX-License-Identifier: GPL-2.0
/*
 * Validation of a MIGRATE_STATE request, in the order and with the errors
 * of Linux 7.2's xfrm_do_migrate_state(), and resolution of the optional
 * attributes (omit-to-inherit).
 */
#include "xms.h"

/* XFRMA_* numbers that may exist beyond this kernel's XFRMA_MAX. */
#define XMS_ATTR_SA_DIR		XFRM_MIGSTATE_XFRMA_SA_DIR
#define XMS_ATTR_SA_PCPU	XFRM_MIGSTATE_XFRMA_SA_PCPU

static const int xms_attrs_checked_first[] = {
	XMS_ATTR_SA_DIR, XMS_ATTR_SA_PCPU,
};

static bool xms_attr_accepted(int type)
{
	switch (type) {
	case XFRMA_MARK:
	case XFRMA_ENCAP:
	case XFRMA_OFFLOAD_DEV:
	case XFRMA_SET_MARK:
	case XFRMA_SET_MARK_MASK:
		return true;
	default:
		return (XMS_XFRMA_MTIMER_THRESH && type == XMS_XFRMA_MTIMER_THRESH) ||
		       (XMS_XFRMA_NAT_KEEPALIVE && type == XMS_XFRMA_NAT_KEEPALIVE);
	}
}

static int xms_reject_attr(const struct nlattr *nla,
			   struct netlink_ext_ack *extack)
{
	switch (nla_type(nla)) {
	case XMS_ATTR_SA_DIR:
		NL_SET_ERR_MSG(extack, "Invalid attribute SA_DIR");
		break;
	case XMS_ATTR_SA_PCPU:
		NL_SET_ERR_MSG(extack, "Invalid attribute SA_PCPU");
		break;
	default:
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "Unsupported attribute in XFRM_MSG_MIGRATE_STATE");
	}
	return -EINVAL;
}

/*
 * Parse with xfrm_user's own policy, then allow only the attributes the
 * native message accepts. Unlike upstream, an attribute this kernel does
 * not know (for instance NAT keepalive on a kernel without it) is refused
 * rather than silently ignored: nothing a caller asks for is dropped.
 */
int xms_parse_attrs(struct xms_request *req, const struct nlmsghdr *nlh,
		    struct netlink_ext_ack *extack)
{
	const int hdrlen = GENL_HDRLEN + sizeof(struct xfrm_user_migrate_state);
	const struct nlattr *nla;
	int err, i, rem;

	/* The family has no fixed header for genl, so this is upstream's check. */
	if (nlh->nlmsg_len < nlmsg_msg_size(hdrlen)) {
		NL_SET_ERR_MSG(extack, "Invalid header length");
		return -EINVAL;
	}

	err = nlmsg_parse_deprecated(nlh, hdrlen, req->attrs, XFRMA_MAX,
				     xfrma_policy, extack);
	if (err)
		return err;

	/*
	 * Upstream reports these two before any other attribute, wherever
	 * they are in the message, also where this kernel has no such type.
	 */
	for (i = 0; i < ARRAY_SIZE(xms_attrs_checked_first); i++) {
		int type = xms_attrs_checked_first[i];

		nla = type <= XFRMA_MAX ? req->attrs[type] :
					  nlmsg_find_attr(nlh, hdrlen, type);
		if (nla)
			return xms_reject_attr(nla, extack);
	}

	for (i = 1; i <= XFRMA_MAX; i++) {
		if (req->attrs[i] && !xms_attr_accepted(i))
			return xms_reject_attr(req->attrs[i], extack);
	}

	nlmsg_for_each_attr(nla, nlh, hdrlen, rem) {
		if (nla_type(nla) > XFRMA_MAX)
			return xms_reject_attr(nla, extack);
	}
	return 0;
}

static int xms_check_family(u16 family, struct netlink_ext_ack *extack)
{
	switch (family) {
	case AF_INET:
		return 0;
	case AF_INET6:
		if (IS_ENABLED(CONFIG_IPV6))
			return 0;
		NL_SET_ERR_MSG(extack, "IPv6 support disabled");
		return -EAFNOSUPPORT;
	default:
		NL_SET_ERR_MSG(extack, "Invalid address family");
		return -EINVAL;
	}
}

static int xms_check_sel_prefixlen(const struct xfrm_selector *sel,
				   struct netlink_ext_ack *extack)
{
	switch (sel->family) {
	case AF_UNSPEC:
		return 0;
	case AF_INET:
		if (sel->prefixlen_d > 32 || sel->prefixlen_s > 32) {
			NL_SET_ERR_MSG(extack,
				       "Invalid prefix length in selector (must be <= 32 for IPv4)");
			return -EINVAL;
		}
		return 0;
	case AF_INET6:
		if (!IS_ENABLED(CONFIG_IPV6)) {
			NL_SET_ERR_MSG(extack, "IPv6 support disabled");
			return -EAFNOSUPPORT;
		}
		if (sel->prefixlen_d > 128 || sel->prefixlen_s > 128) {
			NL_SET_ERR_MSG(extack,
				       "Invalid prefix length in selector (must be <= 128 for IPv6)");
			return -EINVAL;
		}
		return 0;
	default:
		NL_SET_ERR_MSG(extack, "Invalid address family in selector");
		return -EINVAL;
	}
}

/* The checks that need no state: steps 1 to 5 of upstream. */
int xms_check_header(const struct xfrm_user_migrate_state *um,
		     struct netlink_ext_ack *extack)
{
	u32 unknown = um->flags & ~XFRM_MIGRATE_STATE_KNOWN_FLAGS;
	int err;

	if (!um->id.spi) {
		NL_SET_ERR_MSG(extack, "Invalid SPI 0x0");
		return -EINVAL;
	}
	if (um->reserved) {
		NL_SET_ERR_MSG(extack, "Reserved field must be zero");
		return -EINVAL;
	}
	if (unknown) {
		xms_set_unknown_flags_msg(extack, unknown);
		return -EINVAL;
	}
	err = xms_check_family(um->new_family, extack);
	if (err)
		return err;
	if (!(um->flags & XFRM_MIGRATE_STATE_UPDATE_H2H_SEL))
		return xms_check_sel_prefixlen(&um->new_sel, extack);
	return 0;
}

static bool xms_sel_is_h2h(const struct xfrm_state *x)
{
	u8 plen = x->props.family == AF_INET6 ? 128 : 32;

	return x->sel.prefixlen_s == plen && x->sel.prefixlen_d == plen &&
	       xfrm_addr_equal(&x->sel.daddr, &x->id.daddr, x->props.family) &&
	       xfrm_addr_equal(&x->sel.saddr, &x->props.saddr, x->props.family);
}

static u32 xms_attr_u32(const struct nlattr *nla, u32 dflt)
{
	return nla ? nla_get_u32(nla) : dflt;
}

/* Steps 8 to 15 of upstream: checks against the old state, inheritance. */
int xms_resolve(struct xms_request *req, const struct xfrm_state *x,
		struct netlink_ext_ack *extack)
{
	const struct xfrm_user_migrate_state *um = req->um;
	struct nlattr **attrs = req->attrs;
	struct nlattr *mtimer = XMS_XFRMA_MTIMER_THRESH ?
				attrs[XMS_XFRMA_MTIMER_THRESH] : NULL;
	struct nlattr *keepalive = XMS_XFRMA_NAT_KEEPALIVE ?
				   attrs[XMS_XFRMA_NAT_KEEPALIVE] : NULL;

	if ((um->flags & XFRM_MIGRATE_STATE_UPDATE_H2H_SEL) &&
	    !xms_sel_is_h2h(x)) {
		NL_SET_ERR_MSG(extack,
			       "SA selector is not a single-host match for SA addresses");
		return -EINVAL;
	}

	if (attrs[XFRMA_ENCAP]) {
		req->encap = nla_data(attrs[XFRMA_ENCAP]);
		if (req->encap->encap_type == 0) {
			req->encap = NULL;
		} else if (req->encap->encap_type != UDP_ENCAP_ESPINUDP) {
			NL_SET_ERR_MSG(extack, "Unsupported encapsulation type");
			return -EINVAL;
		}
	} else {
		req->encap = x->encap;
	}

	if (mtimer) {
		if (!req->encap) {
			NL_SET_ERR_MSG(extack, "MTIMER_THRESH requires encapsulation");
			return -EINVAL;
		}
		if (xms_state_is_output(x)) {
			NL_SET_ERR_MSG(extack, "MTIMER_THRESH should not be set on output SA");
			return -EINVAL;
		}
	}

	if (xms_attr_u32(keepalive, 0) && !req->encap) {
		NL_SET_ERR_MSG(extack, "NAT_KEEPALIVE_INTERVAL requires encapsulation");
		return -EINVAL;
	}

	if (attrs[XFRMA_OFFLOAD_DEV]) {
		req->xuo = nla_data(attrs[XFRMA_OFFLOAD_DEV]);
	} else if (!(um->flags & XFRM_MIGRATE_STATE_CLEAR_OFFLOAD)) {
		const struct net_device *dev;

		/* device unregister may clear it under us: read it once */
		rcu_read_lock();
		dev = READ_ONCE(x->xso.dev);
		if (dev) {
			xms_xso_to_xuo(x, dev, &req->inherited_xuo);
			req->xuo = &req->inherited_xuo;
		}
		rcu_read_unlock();
	}

	/*
	 * With packet offload the device assigns the sequence numbers and
	 * keeps the replay window: software counters copied from or into
	 * such an SA could restart the sequence (nonce reuse with GCM).
	 * Upstream copies them; refuse until it can be done right.
	 */
	if (xms_state_packet_offload(x) ||
	    (req->xuo && (req->xuo->flags & XFRM_OFFLOAD_PACKET))) {
		NL_SET_ERR_MSG(extack,
			       "Migration of packet offload SAs is not supported");
		return -EOPNOTSUPP;
	}

	req->mark_requested = !!attrs[XFRMA_MARK];
	req->mark = req->mark_requested ?
		    *(struct xfrm_mark *)nla_data(attrs[XFRMA_MARK]) : um->old_mark;

	if (attrs[XFRMA_SET_MARK]) {
		req->smark.v = nla_get_u32(attrs[XFRMA_SET_MARK]);
		req->smark.m = xms_attr_u32(attrs[XFRMA_SET_MARK_MASK],
					    0xffffffff);
	} else {
		req->smark = x->props.smark;
	}

	req->mapping_maxage = xms_attr_u32(mtimer, xms_state_mapping_maxage(x));
	req->nat_keepalive_interval = xms_attr_u32(keepalive,
						   xms_state_nat_keepalive(x));
	return 0;
}
