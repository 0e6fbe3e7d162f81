// SPDX-License-Identifier: LGPL-2.1-or-later
/* Building requests, no I/O: MIGRATE_STATE (native and genl), GET_INFO. */
#include <errno.h>
#include <string.h>
#include <linux/genetlink.h>

#include "internal.h"

/* Append u32 attribute if room; returns false when the buffer is full. */
static bool put_u32(struct nlmsghdr *nlh, size_t buflen, uint16_t type,
		    uint32_t v)
{
	return mnl_attr_put_u32_check(nlh, buflen, type, v);
}

/*
 * Fixed header then the attributes in increasing XFRMA_* order: ENCAP(4),
 * MARK(21), OFFLOAD_DEV(28), SET_MARK(29), SET_MARK_MASK(30),
 * IF_ID(31), MTIMER_THRESH(32), NAT_KEEPALIVE_INTERVAL(34).
 */
int xms_attrs_check(const struct xms_attrs *attrs)
{
	unsigned int i;

	if (!attrs)
		return 0;
	if (attrs->present & ~XMS_ATTR_KNOWN)
		return -EINVAL;
	for (i = 0; i < sizeof(attrs->pad); i++)
		if (attrs->pad[i])
			return -EINVAL;
	for (i = 0; i < XMS_ATTRS_RESERVED; i++)
		if (attrs->reserved[i])
			return -EINVAL;
	return 0;
}

int xms_put_body(struct nlmsghdr *nlh, size_t buflen,
		 const struct xfrm_user_migrate_state *req,
		 const struct xms_attrs *attrs)
{
	static const struct xfrm_encap_tmpl no_encap;
	struct xfrm_user_migrate_state *hdr;
	uint32_t present = attrs ? attrs->present : 0;

	if (!req || xms_attrs_check(attrs))
		return -EINVAL;
	if ((present & XMS_ATTR_ENCAP) && (present & XMS_ATTR_ENCAP_REMOVE))
		return -EINVAL;
	if (nlh->nlmsg_len + MNL_ALIGN(sizeof(*hdr)) > buflen)
		return -EMSGSIZE;
	hdr = mnl_nlmsg_put_extra_header(nlh, sizeof(*hdr));
	memcpy(hdr, req, sizeof(*hdr));
	if (present & XMS_ATTR_OFFLOAD_CLEAR)
		hdr->flags |= XFRM_MIGRATE_STATE_CLEAR_OFFLOAD;

	if (present & XMS_ATTR_ENCAP) {
		if (!mnl_attr_put_check(nlh, buflen, XFRM_MIGSTATE_XFRMA_ENCAP,
					sizeof(attrs->encap), &attrs->encap))
			return -EMSGSIZE;
	} else if (present & XMS_ATTR_ENCAP_REMOVE) {
		if (!mnl_attr_put_check(nlh, buflen, XFRM_MIGSTATE_XFRMA_ENCAP,
					sizeof(no_encap), &no_encap))
			return -EMSGSIZE;
	}
	if ((present & XMS_ATTR_MARK) &&
	    !mnl_attr_put_check(nlh, buflen, XFRM_MIGSTATE_XFRMA_MARK,
				sizeof(attrs->mark), &attrs->mark))
		return -EMSGSIZE;
	if ((present & XMS_ATTR_OFFLOAD) &&
	    !mnl_attr_put_check(nlh, buflen, XFRM_MIGSTATE_XFRMA_OFFLOAD_DEV,
				sizeof(attrs->offload), &attrs->offload))
		return -EMSGSIZE;
	if ((present & XMS_ATTR_SET_MARK) &&
	    !put_u32(nlh, buflen, XFRM_MIGSTATE_XFRMA_SET_MARK, attrs->set_mark))
		return -EMSGSIZE;
	if ((present & XMS_ATTR_SET_MARK_MASK) &&
	    !put_u32(nlh, buflen, XFRM_MIGSTATE_XFRMA_SET_MARK_MASK,
		     attrs->set_mark_mask))
		return -EMSGSIZE;
	/* current kernels refuse it (-EINVAL): sent as asked, never dropped */
	if ((present & XMS_ATTR_IF_ID) &&
	    !put_u32(nlh, buflen, XFRM_MIGSTATE_XFRMA_IF_ID, attrs->if_id))
		return -EMSGSIZE;
	if ((present & XMS_ATTR_MTIMER_THRESH) &&
	    !put_u32(nlh, buflen, XFRM_MIGSTATE_XFRMA_MTIMER_THRESH,
		     attrs->mtimer_thresh))
		return -EMSGSIZE;
	if ((present & XMS_ATTR_NAT_KEEPALIVE) &&
	    !put_u32(nlh, buflen, XFRM_MIGSTATE_XFRMA_NAT_KEEPALIVE_INTERVAL,
		     attrs->nat_keepalive))
		return -EMSGSIZE;
	/* XMS_ATTR_SA_DIR is output only: the kernel rejects it in requests */
	return 0;
}

static struct nlmsghdr *put_headers(void *buf, size_t len,
				    enum xms_backend backend,
				    uint16_t family_id, uint32_t seq)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;
	size_t need = MNL_NLMSG_HDRLEN +
		(backend == XMS_BACKEND_MODULE ? MNL_ALIGN(sizeof(*genl)) : 0);

	if (len < need)
		return NULL;
	memset(buf, 0, need);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = seq;
	if (backend == XMS_BACKEND_MODULE) {
		nlh->nlmsg_type = family_id;
		genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
		genl->cmd = XFRM_MIGSTATE_CMD_MIGRATE_STATE;
		genl->version = XFRM_MIGSTATE_GENL_VERSION;
	} else {
		nlh->nlmsg_type = XFRM_MSG_MIGRATE_STATE;
	}
	return nlh;
}

XMS_API int xms_build_request(void *buf, size_t len, enum xms_backend backend,
			      uint16_t family_id, uint32_t seq,
			      const struct xfrm_user_migrate_state *req,
			      const struct xms_attrs *attrs)
{
	struct nlmsghdr *nlh;
	int err;

	if (backend != XMS_BACKEND_NATIVE && backend != XMS_BACKEND_MODULE)
		return -EINVAL;
	nlh = put_headers(buf, len, backend, family_id, seq);
	if (!nlh)
		return -EMSGSIZE;
	err = xms_put_body(nlh, len, req, attrs);
	return err ? err : (int)nlh->nlmsg_len;
}

XMS_API int xms_native_to_genl(void *buf, size_t len,
			       const struct nlmsghdr *native,
			       uint16_t family_id, uint32_t seq)
{
	struct nlmsghdr *nlh;
	size_t body;

	if (native->nlmsg_type != XFRM_MSG_MIGRATE_STATE ||
	    native->nlmsg_len < NLMSG_HDRLEN + sizeof(struct xfrm_user_migrate_state))
		return -EINVAL;
	body = native->nlmsg_len - NLMSG_HDRLEN;
	nlh = put_headers(buf, len, XMS_BACKEND_MODULE, family_id, seq);
	if (!nlh || nlh->nlmsg_len + body > len)
		return -EMSGSIZE;
	nlh->nlmsg_pid = native->nlmsg_pid;
	memcpy((char *)nlh + nlh->nlmsg_len, mnl_nlmsg_get_payload(native), body);
	nlh->nlmsg_len += (uint32_t)body;
	return (int)nlh->nlmsg_len;
}

struct nlmsghdr *xms_put_get_info(void *buf, size_t len, uint16_t family_id,
				  uint32_t seq)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;

	if (len < MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(*g)) +
	    MNL_ALIGN(sizeof(struct xfrm_user_migrate_state)))
		return NULL;
	memset(buf, 0, len);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = family_id;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = XFRM_MIGSTATE_CMD_GET_INFO;
	g->version = XFRM_MIGSTATE_GENL_VERSION;
	/* the fixed header of the family, unused by GET_INFO */
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct xfrm_user_migrate_state));
	return nlh;
}
