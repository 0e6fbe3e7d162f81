// SPDX-License-Identifier: LGPL-2.1-or-later
/* The migration request, built or raw, through the serving backend. */
#include <errno.h>
#include <string.h>

#include "internal.h"

static int send_locked(struct xms_handle *h, const struct xfrm_user_migrate_state *req,
		       const struct xms_attrs *attrs, const struct nlmsghdr *raw,
		       char *extack, size_t extack_len)
{
	char buf[XMS_TXBUF] __attribute__((aligned(4)));
	struct xms_chan c;
	int len, err;

	if (h->probe.backend == XMS_BACKEND_NATIVE) {
		err = xms_handle_chan(h, NETLINK_XFRM, &c);
		if (err)
			return err;
		if (raw) {
			if (raw->nlmsg_len > sizeof(buf))
				return -EMSGSIZE;
			memcpy(buf, raw, raw->nlmsg_len);
			/* replies are matched by the handle's own sequence */
			((struct nlmsghdr *)buf)->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
			((struct nlmsghdr *)buf)->nlmsg_seq = xms_handle_seq(h);
			len = (int)raw->nlmsg_len;
		} else {
			len = xms_build_request(buf, sizeof(buf), XMS_BACKEND_NATIVE,
						0, xms_handle_seq(h), req, attrs);
		}
	} else {
		err = xms_handle_chan(h, NETLINK_GENERIC, &c);
		if (err)
			return err;
		if (raw)
			len = xms_native_to_genl(buf, sizeof(buf), raw,
						 h->probe.family_id,
						 xms_handle_seq(h));
		else
			len = xms_build_request(buf, sizeof(buf), XMS_BACKEND_MODULE,
						h->probe.family_id,
						xms_handle_seq(h), req, attrs);
	}
	if (len < 0)
		return len;
	return xms_nl_transact(&c, (struct nlmsghdr *)buf, NULL, NULL, extack,
			       extack_len);
}

static int do_migrate(struct xms_handle *h, const struct xfrm_user_migrate_state *req,
		      const struct xms_attrs *attrs, const struct nlmsghdr *raw,
		      char *extack, size_t extack_len, enum xms_backend *used)
{
	char ext[XMS_EXTACK_LEN];
	int err, tries;

	if (used)
		*used = XMS_BACKEND_NONE;
	if (extack && extack_len)
		extack[0] = '\0';
	if (raw && (raw->nlmsg_type != XFRM_MSG_MIGRATE_STATE ||
		    raw->nlmsg_len < NLMSG_HDRLEN + sizeof(struct xfrm_user_migrate_state)))
		return -EINVAL;

	pthread_mutex_lock(&h->lock);
	for (tries = 0; tries < 2; tries++) {
		err = xms_handle_probe_locked(h);
		if (err) {
			xms_copy_str(extack, extack_len, h->probe.reason_text);
			break;
		}
		ext[0] = '\0';
		err = send_locked(h, req, attrs, raw, ext, sizeof(ext));
		xms_copy_str(extack, extack_len, ext);
		if (used)
			*used = h->probe.backend;
		if (!xms_handle_family_gone(h, err, ext))
			break;
	}
	pthread_mutex_unlock(&h->lock);
	return err;
}

XMS_API int xms_migrate(struct xms_handle *h, const struct xfrm_user_migrate_state *req,
			const struct xms_attrs *attrs, char *extack,
			size_t extack_len, enum xms_backend *backend_used)
{
	if (!h || !req || xms_attrs_check(attrs))
		return -EINVAL;
	return do_migrate(h, req, attrs, NULL, extack, extack_len, backend_used);
}

XMS_API int xms_migrate_raw(struct xms_handle *h, const struct nlmsghdr *msg,
			    char *extack, size_t extack_len,
			    enum xms_backend *backend_used)
{
	if (!h || !msg)
		return -EINVAL;
	return do_migrate(h, NULL, NULL, msg, extack, extack_len, backend_used);
}
