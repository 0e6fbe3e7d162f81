// SPDX-License-Identifier: LGPL-2.1-or-later
/* Handles: the sockets and sequence numbers of one caller. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

XMS_API const char *xms_version(void)
{
	return XMS_VERSION;
}

XMS_API const char *xms_backend_name(enum xms_backend b)
{
	switch (b) {
	case XMS_BACKEND_AUTO:
		return "auto";
	case XMS_BACKEND_NATIVE:
		return "native";
	case XMS_BACKEND_MODULE:
		return "module";
	case XMS_BACKEND_NONE:
		return "none";
	}
	return "?";
}

XMS_API int xms_backend_parse(const char *name, enum xms_backend *out)
{
	if (!strcmp(name, "auto"))
		*out = XMS_BACKEND_AUTO;
	else if (!strcmp(name, "native"))
		*out = XMS_BACKEND_NATIVE;
	else if (!strcmp(name, "module"))
		*out = XMS_BACKEND_MODULE;
	else
		return -EINVAL;
	return 0;
}

XMS_API int xms_open(enum xms_backend want, struct xms_handle **out)
{
	struct xms_handle *h;
	int err;

	if (want == XMS_BACKEND_NONE)
		return -EINVAL;
	h = calloc(1, sizeof(*h));
	if (!h)
		return -ENOMEM;
	h->rxbuf = malloc(XMS_RXBUF);
	if (!h->rxbuf) {
		free(h);
		return -ENOMEM;
	}
	pthread_mutex_init(&h->lock, NULL);
	h->want = want;
	h->seq = xms_seq_init();
	xms_netns_current(&h->netns);
	/* both sockets now, so that they live in the namespace of the opener */
	err = xms_nl_open(NETLINK_XFRM, &h->xfrm);
	if (err)
		h->xfrm = NULL;
	err = xms_nl_open(NETLINK_GENERIC, &h->genl);
	if (err)
		h->genl = NULL;
	if (!h->xfrm && !h->genl) {
		xms_close(h);
		return err;
	}
	*out = h;
	return 0;
}

XMS_API void xms_close(struct xms_handle *h)
{
	if (!h)
		return;
	if (h->xfrm)
		mnl_socket_close(h->xfrm);
	if (h->genl)
		mnl_socket_close(h->genl);
	if (h->rxbuf) {
		explicit_bzero(h->rxbuf, XMS_RXBUF);
		free(h->rxbuf);
	}
	pthread_mutex_destroy(&h->lock);
	free(h);
}

uint32_t xms_handle_seq(struct xms_handle *h)
{
	if (++h->seq == 0)
		++h->seq;
	return h->seq;
}

int xms_handle_chan(struct xms_handle *h, int proto, struct xms_chan *c)
{
	struct mnl_socket *nl = proto == NETLINK_XFRM ? h->xfrm : h->genl;

	if (!nl)
		return -EPROTONOSUPPORT;
	xms_chan_init(c, nl, h->rxbuf, XMS_RXBUF, &h->drops);
	return 0;
}

bool xms_handle_family_gone(struct xms_handle *h, int err, const char *extack)
{
	if (h->probe.backend != XMS_BACKEND_MODULE || *extack ||
	    (err != -ENOENT && err != -EOPNOTSUPP))
		return false;
	h->probed = false;
	xms_probe_invalidate(&h->netns, h->want);
	return true;
}

XMS_API void xms_handle_drop_stats(struct xms_handle *h, struct xms_drop_stats *s)
{
	pthread_mutex_lock(&h->lock);
	*s = h->drops;
	pthread_mutex_unlock(&h->lock);
}

XMS_API int xms_handle_probe(struct xms_handle *h, struct xms_probe_result *res)
{
	int err;

	pthread_mutex_lock(&h->lock);
	err = xms_handle_probe_locked(h);
	if (res)
		*res = h->probe;
	pthread_mutex_unlock(&h->lock);
	return err;
}

int xms_handle_probe_locked(struct xms_handle *h)
{
	int err;

	if (h->probed)
		return 0;
	err = xms_probe_socks(&h->netns, h->xfrm, h->xfrm ? 0 : -EBADF, h->genl,
			      h->genl ? 0 : -EBADF, h->want, false,
			      xms_handle_seq(h), &h->drops, &h->probe);
	/* the module probe used the next number too */
	xms_handle_seq(h);
	if (!err)
		h->probed = true;
	return err;
}
