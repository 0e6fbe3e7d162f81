// SPDX-License-Identifier: GPL-2.0
/*
 * Validation of a MIGRATE_STATE request, in the order and with the errors
 * of Linux 7.2's xfrm_do_migrate_state(), and resolution of the optional
 * attributes (omit-to-inherit).
 */
#include "xms.h"

/* XFRMA_* numbers that may exist beyond this kernel's XFRMA_MAX. */
#define XMS_ATTR_SA_DIR		XFRM_MIGSTATE_XFRMA_SA_DIR
#define XMS_ATTR_NAT_KEEPALIVE	XFRM_MIGSTATE_XFRMA_NAT_KEEPALIVE_INTERVAL
#define XMS_ATTR_SA_PCPU	XFRM_MIGSTATE_XFRMA_SA_PCPU

/*
 * The native message parses its attributes with xfrm_user's xfrma_policy:
 * liberally below XFRMA_SA_DIR (its strict_start_type), with a minimum
 * length per type and the answer ERANGE "Attribute failed policy
 * validation" to a shorter attribute; strictly from XFRMA_SA_DIR on.
 * Then it refuses what MIGRATE_STATE does not take, SA_DIR and SA_PCPU
 * first (xms_parse_attrs()).
 *
 * This policy keeps those answers and is strict everywhere else: the
 * attributes the message takes must have their exact length (the native
 * one ignores trailing bytes), unknown types (beyond 7.2's XFRMA_MAX),
 * NLA_F_NESTED and bytes after the last attribute are refused. The
 * minimum of the types below XFRMA_SA_DIR is checked by xms_validate_len()
 * because NLA_POLICY_EXACT_LEN() would answer "binary attribute size out
 * of range" where the native message says the above; the maximum is the
 * core's NLA_BINARY check, with that same answer.
 */
static int xms_validate_len(const struct nlattr *attr,
			    struct netlink_ext_ack *extack);

#define XMS_NATIVE_LEN(max) \
	NLA_POLICY_VALIDATE_FN(NLA_BINARY, xms_validate_len, max)
#define XMS_EXACT(type)		XMS_NATIVE_LEN(sizeof(type))
#define XMS_REFUSED		XMS_NATIVE_LEN(0)

const struct nla_policy xms_migrate_state_policy[XMS_XFRMA_MAX + 1] = {
	[XFRMA_ALG_AUTH]		= XMS_REFUSED,
	[XFRMA_ALG_CRYPT]		= XMS_REFUSED,
	[XFRMA_ALG_COMP]		= XMS_REFUSED,
	[XFRMA_ENCAP]			= XMS_EXACT(struct xfrm_encap_tmpl),
	[XFRMA_TMPL]			= XMS_REFUSED,
	[XFRMA_SA]			= XMS_REFUSED,
	[XFRMA_POLICY]			= XMS_REFUSED,
	[XFRMA_SEC_CTX]			= XMS_REFUSED,
	[XFRMA_LTIME_VAL]		= XMS_REFUSED,
	[XFRMA_REPLAY_VAL]		= XMS_REFUSED,
	[XFRMA_REPLAY_THRESH]		= XMS_REFUSED,
	[XFRMA_ETIMER_THRESH]		= XMS_REFUSED,
	[XFRMA_SRCADDR]			= XMS_REFUSED,
	[XFRMA_COADDR]			= XMS_REFUSED,
	[XFRMA_LASTUSED]		= XMS_REFUSED,
	[XFRMA_POLICY_TYPE]		= XMS_REFUSED,
	[XFRMA_MIGRATE]			= XMS_REFUSED,
	[XFRMA_ALG_AEAD]		= XMS_REFUSED,
	[XFRMA_KMADDRESS]		= XMS_REFUSED,
	[XFRMA_ALG_AUTH_TRUNC]		= XMS_REFUSED,
	[XFRMA_MARK]			= XMS_EXACT(struct xfrm_mark),
	[XFRMA_TFCPAD]			= XMS_REFUSED,
	[XFRMA_REPLAY_ESN_VAL]		= XMS_REFUSED,
	[XFRMA_SA_EXTRA_FLAGS]		= XMS_REFUSED,
	[XFRMA_PROTO]			= XMS_REFUSED,
	[XFRMA_ADDRESS_FILTER]		= XMS_REFUSED,
	[XFRMA_PAD]			= XMS_REFUSED,
	[XFRMA_OFFLOAD_DEV]		= XMS_EXACT(struct xfrm_user_offload),
	[XFRMA_SET_MARK]		= XMS_EXACT(u32),
	[XFRMA_SET_MARK_MASK]		= XMS_EXACT(u32),
	[XFRMA_IF_ID]			= XMS_REFUSED,
	[XFRM_MIGSTATE_XFRMA_MTIMER_THRESH] = XMS_EXACT(u32),
	/* from here on as in 7.2's xfrma_policy, which is strict here */
	/* XFRM_SA_DIR_IN .. XFRM_SA_DIR_OUT */
	[XMS_ATTR_SA_DIR]		= NLA_POLICY_RANGE(NLA_U8, 1, 2),
	[XMS_ATTR_NAT_KEEPALIVE]	= { .type = NLA_U32 },
	[XMS_ATTR_SA_PCPU]		= { .type = NLA_U32 },
	/* XFRMA_IPTFS_DROP_TIME .. XFRMA_IPTFS_PKT_SIZE */
	[XMS_XFRMA_IPTFS_FIRST]		= { .type = NLA_U32 },
	[XMS_XFRMA_IPTFS_FIRST + 1]	= { .type = NLA_U16 },
	[XMS_XFRMA_IPTFS_FIRST + 2]	= { .type = NLA_FLAG },
	[XMS_XFRMA_IPTFS_FIRST + 3]	= { .type = NLA_U32 },
	[XMS_XFRMA_IPTFS_FIRST + 4]	= { .type = NLA_U32 },
	[XMS_XFRMA_IPTFS_FIRST + 5]	= { .type = NLA_U32 },
};

/*
 * The minimum length xfrm_user's own policy (xfrma_policy of this kernel)
 * gives the attribute: struct sizes, or the size of its integer type.
 */
static int xms_xfrma_min_len(int type)
{
	const struct nla_policy *pt;

	if (type > XFRMA_MAX)
		return 0;
	pt = &xfrma_policy[type];
	if (pt->len)
		return pt->len;
	switch (pt->type) {
	case NLA_U8:
		return sizeof(u8);
	case NLA_U16:
		return sizeof(u16);
	case NLA_U32:
		return sizeof(u32);
	case NLA_U64:
		return sizeof(u64);
	default:
		return 0;
	}
}

/* upstream twin: validate_nla()'s minimum length in lib/nlattr.c of 7.2 */
static int xms_validate_len(const struct nlattr *attr,
			    struct netlink_ext_ack *extack)
{
	if (nla_len(attr) >= xms_xfrma_min_len(nla_type(attr)))
		return 0;
	NL_SET_ERR_MSG_ATTR(extack, attr, "Attribute failed policy validation");
	return -ERANGE;
}

/* upstream twin: the MIGRATE_STATE list of xfrm_reject_unused_attr() */
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

/*
 * Allow only the attributes the native message accepts, SA_DIR and
 * SA_PCPU refused first wherever they are in the message, as upstream
 * does. Unlike upstream, an attribute this kernel does not know (for
 * instance NAT keepalive on a kernel without it) is refused rather than
 * silently ignored: nothing a caller asks for is dropped.
 * upstream twin: xfrm_reject_unused_attr() in net/xfrm/xfrm_user.c of 7.2
 */
int xms_parse_attrs(struct xms_request *req, struct netlink_ext_ack *extack)
{
	struct nlattr **attrs = req->attrs;
	int i;

	if (attrs[XMS_ATTR_SA_DIR]) {
		NL_SET_ERR_MSG(extack, "Invalid attribute SA_DIR");
		return -EINVAL;
	}
	if (attrs[XMS_ATTR_SA_PCPU]) {
		NL_SET_ERR_MSG(extack, "Invalid attribute SA_PCPU");
		return -EINVAL;
	}
	for (i = 1; i <= XMS_XFRMA_MAX; i++) {
		if (attrs[i] && !xms_attr_accepted(i)) {
			NL_SET_ERR_MSG_ATTR(extack, attrs[i],
					    "Unsupported attribute in XFRM_MSG_MIGRATE_STATE");
			return -EINVAL;
		}
	}
	return 0;
}

/* upstream twin: verify_xfrm_family() in net/xfrm/xfrm_user.c of 7.2 */
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

/* upstream twin: verify_selector_prefixlen() in net/xfrm/xfrm_user.c of 7.2 */
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

/*
 * The checks that need no state, in upstream's order.
 * upstream twin: the start of xfrm_do_migrate_state() in xfrm_user.c of 7.2
 */
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

/* upstream twin: the UPDATE_H2H_SEL check of xfrm_do_migrate_state() */
static bool xms_sel_is_h2h(const struct xfrm_state *x)
{
	u8 plen = x->props.family == AF_INET6 ? 128 : 32;

	return x->sel.prefixlen_s == plen && x->sel.prefixlen_d == plen &&
	       xfrm_addr_equal(&x->sel.daddr, &x->id.daddr, x->props.family) &&
	       xfrm_addr_equal(&x->sel.saddr, &x->props.saddr, x->props.family);
}

/* upstream twin: nla_get_u32_default() in include/net/netlink.h of 7.2 */
static u32 xms_attr_u32(const struct nlattr *nla, u32 dflt)
{
	return nla ? nla_get_u32(nla) : dflt;
}

/*
 * The checks against the old state and the omit-to-inherit values, in
 * upstream's order, into req (upstream's struct xfrm_migrate).
 * upstream twin: xfrm_do_migrate_state() from the lookup to the -EEXIST
 * pre-check, with copy_from_user_migrate_state(), in xfrm_user.c of 7.2
 */
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
