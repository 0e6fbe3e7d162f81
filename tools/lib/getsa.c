// SPDX-License-Identifier: LGPL-2.1-or-later
/* Reading an SA (XFRM_MSG_GETSA) and pre-filling a request from it. */
#include <errno.h>
#include <string.h>

#include "internal.h"

int xms_parse_sa(const struct nlmsghdr *nlh, struct xms_sa *sa)
{
	const char *body = mnl_nlmsg_get_payload(nlh);
	size_t len = mnl_nlmsg_get_payload_len(nlh);
	size_t off = MNL_ALIGN(sizeof(sa->info));
	int err;

	memset(sa, 0, sizeof(*sa));
	if (nlh->nlmsg_type != XFRM_MSG_NEWSA || len < sizeof(sa->info))
		return -EBADMSG;
	memcpy(&sa->info, body, sizeof(sa->info));
	if (off < len) {
		/* keys (XFRMA_ALG_*) are skipped by the attribute parser */
		err = xms_parse_attrs(body + off, len - off, &sa->attrs);
		if (err)
			return err;
	}
	return 0;
}

static int sa_cb(const struct nlmsghdr *nlh, void *data)
{
	return xms_parse_sa(nlh, data);
}

XMS_API int xms_get_sa(struct xms_handle *h, const struct xfrm_usersa_id *id,
		       const struct xfrm_mark *mark, struct xms_sa *sa,
		       char *extack, size_t extack_len)
{
	char buf[256] __attribute__((aligned(4)));
	struct xfrm_usersa_id *sid;
	struct nlmsghdr *nlh;
	struct xms_chan c;
	int err;

	if (!h || !id || !sa)
		return -EINVAL;
	memset(sa, 0, sizeof(*sa));
	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = XFRM_MSG_GETSA;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	sid = mnl_nlmsg_put_extra_header(nlh, sizeof(*sid));
	*sid = *id;
	if (mark)
		mnl_attr_put(nlh, XFRM_MIGSTATE_XFRMA_MARK, sizeof(*mark), mark);

	pthread_mutex_lock(&h->lock);
	err = xms_handle_chan(h, NETLINK_XFRM, &c);
	if (!err) {
		nlh->nlmsg_seq = xms_handle_seq(h);
		err = xms_nl_transact(&c, nlh, sa_cb, sa, extack, extack_len);
		/* the reply carried the SA's keys */
		explicit_bzero(h->rxbuf, XMS_RXBUF);
	}
	pthread_mutex_unlock(&h->lock);
	if (!err && !sa->info.family)
		err = -ENODATA;	/* ACK without the SA */
	return err;
}

XMS_API void xms_prefill_from_sa(const struct xms_sa *sa,
				 struct xfrm_user_migrate_state *req)
{
	memset(req, 0, sizeof(*req));
	req->id.daddr = sa->info.id.daddr;
	req->id.spi = sa->info.id.spi;
	req->id.proto = sa->info.id.proto;
	req->id.family = sa->info.family;
	req->new_daddr = sa->info.id.daddr;
	req->new_saddr = sa->info.saddr;
	req->new_family = sa->info.family;
	req->new_reqid = sa->info.reqid;
	req->new_sel = sa->info.sel;
	if (sa->attrs.present & XMS_ATTR_MARK)
		req->old_mark = sa->attrs.mark;
}

XMS_API int xms_prefill(struct xms_handle *h, const struct xfrm_usersa_id *id,
			const struct xfrm_mark *mark,
			struct xfrm_user_migrate_state *req, struct xms_sa *sa,
			char *extack, size_t extack_len)
{
	struct xms_sa tmp;
	int err;

	if (!req)
		return -EINVAL;
	err = xms_get_sa(h, id, mark, &tmp, extack, extack_len);
	if (err)
		return err;
	xms_prefill_from_sa(&tmp, req);
	if (sa)
		*sa = tmp;
	return 0;
}
