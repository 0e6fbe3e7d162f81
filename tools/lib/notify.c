// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Migration notifications: XFRM_MSG_MIGRATE_STATE on NETLINK_XFRM group
 * XFRMNLGRP_MIGRATE (native; the module sends it there too) and the genl
 * multicast group "migrate" of family xfrm_migstate.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/genetlink.h>

#include "internal.h"

#define MON_BUF 65536

struct mon_sock {
	struct mnl_socket *nl;
	enum xms_backend backend;
	char *buf;
	int len;	/* bytes in buf */
	int off;	/* next message */
};

struct xms_monitor {
	struct mon_sock s[2];
	unsigned int n;
	unsigned int groups;
	uint16_t family_id;
	unsigned int next;	/* round robin start */
};

static int mon_sock_open(struct mon_sock *s, int proto, unsigned int group,
			 enum xms_backend backend)
{
	int one = 1;

	s->nl = mnl_socket_open2(proto, SOCK_CLOEXEC);
	if (!s->nl)
		return -errno;
	s->backend = backend;
	s->buf = malloc(MON_BUF);
	if (!s->buf)
		return -ENOMEM;
	if (mnl_socket_bind(s->nl, 0, MNL_SOCKET_AUTOPID) < 0)
		return -errno;
	/* report overruns instead of dropping silently */
	(void)mnl_socket_setsockopt(s->nl, NETLINK_BROADCAST_ERROR, &one, sizeof(one));
	if (mnl_socket_setsockopt(s->nl, NETLINK_ADD_MEMBERSHIP, &group,
				  sizeof(group)) < 0)
		return -errno;
	return 0;
}

XMS_API void xms_monitor_close(struct xms_monitor *m)
{
	unsigned int i;

	if (!m)
		return;
	for (i = 0; i < 2; i++) {
		if (m->s[i].nl)
			mnl_socket_close(m->s[i].nl);
		free(m->s[i].buf);
	}
	free(m);
}

XMS_API int xms_monitor_open(unsigned int which, struct xms_monitor **out)
{
	struct xms_probe_result pr;
	struct xms_monitor *m;
	int err;

	if (!which) {
		err = xms_probe(XMS_BACKEND_AUTO, false, &pr);
		if (err)
			return err;
		which = pr.backend == XMS_BACKEND_NATIVE ? XMS_MON_NATIVE :
			XMS_MON_MODULE;
	}
	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	if (which & XMS_MON_NATIVE) {
		err = mon_sock_open(&m->s[m->n++], NETLINK_XFRM, XFRMNLGRP_MIGRATE,
				    XMS_BACKEND_NATIVE);
		if (err)
			goto fail;
		m->groups |= XMS_MON_NATIVE;
	}
	if (which & XMS_MON_MODULE) {
		struct mnl_socket *nl;
		uint32_t grp = 0;
		char *rx = malloc(XMS_RXBUF);

		if (!rx) {
			err = -ENOMEM;
			goto fail;
		}
		err = xms_nl_open(NETLINK_GENERIC, &nl);
		if (!err) {
			err = xms_genl_resolve(nl, rx, XMS_RXBUF, &m->family_id,
					       NULL, &grp);
			mnl_socket_close(nl);
		}
		free(rx);
		if (!err && !grp)
			err = -ENOENT;
		if (err)
			goto fail;
		err = mon_sock_open(&m->s[m->n++], NETLINK_GENERIC, grp,
				    XMS_BACKEND_MODULE);
		if (err)
			goto fail;
		m->groups |= XMS_MON_MODULE;
	}
	if (!m->n) {
		err = -EINVAL;
		goto fail;
	}
	*out = m;
	return 0;
fail:
	xms_monitor_close(m);
	return err;
}

XMS_API unsigned int xms_monitor_groups(const struct xms_monitor *m)
{
	return m->groups;
}

/* Next notification already buffered on s: 1, or 0 when none is left. */
static int take(struct xms_monitor *m, struct mon_sock *s,
		struct xms_notification *n)
{
	while (s->off < s->len) {
		const struct nlmsghdr *nlh = (const void *)(s->buf + s->off);
		int rem = s->len - s->off;

		if (!mnl_nlmsg_ok(nlh, rem)) {
			s->off = s->len;
			break;
		}
		s->off += (int)NLMSG_ALIGN(nlh->nlmsg_len);
		if (xms_parse_notification(nlh, s->backend, m->family_id, n) == 0)
			return 1;
	}
	s->off = s->len = 0;
	return 0;
}

XMS_API int xms_monitor_next(struct xms_monitor *m, struct xms_notification *n,
			     int timeout_ms)
{
	struct pollfd pfd[2];
	unsigned int i;

	for (;;) {
		for (i = 0; i < m->n; i++) {
			struct mon_sock *s = &m->s[(m->next + i) % m->n];

			if (take(m, s, n)) {
				m->next = (m->next + i + 1) % m->n;
				return 1;
			}
		}
		for (i = 0; i < m->n; i++) {
			pfd[i].fd = mnl_socket_get_fd(m->s[i].nl);
			pfd[i].events = POLLIN;
			pfd[i].revents = 0;
		}
		i = (unsigned int)poll(pfd, m->n, timeout_ms);
		if ((int)i < 0) {
			if (errno == EINTR)
				return -EINTR;
			return -errno;
		}
		if (i == 0)
			return 0;
		for (i = 0; i < m->n; i++) {
			ssize_t r;

			if (!(pfd[i].revents & (POLLIN | POLLERR)))
				continue;
			r = recv(pfd[i].fd, m->s[i].buf, MON_BUF, MSG_DONTWAIT);
			if (r < 0) {
				if (errno == EAGAIN || errno == EINTR)
					continue;
				return -errno;
			}
			m->s[i].len = (int)r;
			m->s[i].off = 0;
		}
	}
}
