// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The migration request through the serving backend. One path: a built
 * request is first built as the native message, which is what a raw one
 * is; that message goes out as it is natively, or re-wrapped once after a
 * genl header for the module.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"

/*
 * Send the native message msg through the serving backend, lock held:
 * as it is on NETLINK_XFRM, or its body after a genl header for the
 * module; either way with the handle's next sequence number and
 * REQUEST|ACK, nlmsg_pid kept.
 */
static int send_locked(struct xms_handle *h, const struct nlmsghdr *msg,
		       char *extack, size_t extack_len)
{
	char buf[XMS_TXBUF] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	bool native = h->probe.backend == XMS_BACKEND_NATIVE;
	struct xms_chan c;
	int len, err;

	err = xms_handle_chan(h, native ? NETLINK_XFRM : NETLINK_GENERIC, &c);
	if (err)
		return err;
	if (!native) {
		len = xms_native_to_genl(buf, sizeof(buf), msg,
					 h->probe.family_id, xms_handle_seq(h));
		if (len < 0)
			return len;
	} else {
		if (msg->nlmsg_len > sizeof(buf))
			return -EMSGSIZE;
		memcpy(buf, msg, msg->nlmsg_len);
		nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
		nlh->nlmsg_seq = xms_handle_seq(h);
	}
	return xms_nl_transact(&c, nlh, NULL, NULL, extack, extack_len);
}

/* msg: a complete native XFRM_MSG_MIGRATE_STATE message. */
static int do_migrate(struct xms_handle *h, const struct nlmsghdr *msg,
		      char *extack, size_t extack_len, enum xms_backend *used)
{
	char ext[XMS_EXTACK_LEN];
	int err, tries;

	if (msg->nlmsg_type != XFRM_MSG_MIGRATE_STATE ||
	    msg->nlmsg_len < NLMSG_HDRLEN + sizeof(struct xfrm_user_migrate_state))
		return -EINVAL;

	pthread_mutex_lock(&h->lock);
	for (tries = 0; tries < 2; tries++) {
		err = xms_handle_probe_locked(h);
		if (err) {
			/* nothing serves the request (the module went away) */
			if (used)
				*used = XMS_BACKEND_NONE;
			xms_copy_str(extack, extack_len, h->probe.reason_text);
			break;
		}
		ext[0] = '\0';
		err = send_locked(h, msg, ext, sizeof(ext));
		xms_copy_str(extack, extack_len, ext);
		if (used)
			*used = h->probe.backend;
		if (!xms_handle_family_gone(h, err, ext))
			break;
	}
	pthread_mutex_unlock(&h->lock);
	return err;
}

static void migrate_begin(char *extack, size_t extack_len,
			  enum xms_backend *used)
{
	if (used)
		*used = XMS_BACKEND_NONE;
	if (extack && extack_len)
		extack[0] = '\0';
}

XMS_API int xms_migrate(struct xms_handle *h, const struct xfrm_user_migrate_state *req,
			const struct xms_attrs *attrs, char *extack,
			size_t extack_len, enum xms_backend *backend_used)
{
	char buf[XMS_TXBUF] __attribute__((aligned(4)));
	int len;

	migrate_begin(extack, extack_len, backend_used);
	if (!h || !req || xms_attrs_check(attrs))
		return -EINVAL;
	/* built once, natively; send_locked() wraps it for the module */
	len = xms_build_request(buf, sizeof(buf), XMS_BACKEND_NATIVE, 0, 0,
				req, attrs);
	if (len < 0)
		return len;
	return do_migrate(h, (struct nlmsghdr *)buf, extack, extack_len,
			  backend_used);
}

XMS_API int xms_migrate_raw(struct xms_handle *h, const struct nlmsghdr *msg,
			    char *extack, size_t extack_len,
			    enum xms_backend *backend_used)
{
	migrate_begin(extack, extack_len, backend_used);
	if (!h || !msg)
		return -EINVAL;
	return do_migrate(h, msg, extack, extack_len, backend_used);
}
