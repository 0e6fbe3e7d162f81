// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Migration notifications: XFRM_MSG_MIGRATE_STATE on NETLINK_XFRM group
 * XFRMNLGRP_MIGRATE (native; the module sends it there too) and the genl
 * multicast group "migrate" of family xfrm_migstate.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <linux/genetlink.h>

#include "internal.h"

#define MON_BUF 65536

struct mon_sock {
	struct mnl_socket *nl;	/* NULL: fd owned by the caller (tests) */
	int fd;
	enum xms_backend backend;
	char *buf;
	size_t len;	/* bytes in buf */
	size_t off;	/* next message */
};

struct xms_monitor {
	struct mon_sock s[2];
	unsigned int n;
	unsigned int groups;
	uint16_t family_id;
	unsigned int next;	/* round robin start */
	struct xms_drop_stats drops;
	int epfd;		/* both sockets, for the caller's event loop */
};

struct xms_monitor *xms_monitor_alloc(uint16_t family_id)
{
	struct xms_monitor *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->family_id = family_id;
	m->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (m->epfd < 0) {
		free(m);
		return NULL;
	}
	return m;
}

int xms_monitor_add_fd(struct xms_monitor *m, struct mnl_socket *nl, int fd,
		       enum xms_backend backend)
{
	struct mon_sock *s;

	struct epoll_event ev = { .events = EPOLLIN };

	if (m->n >= 2)
		return -EINVAL;
	s = &m->s[m->n];
	if (epoll_ctl(m->epfd, EPOLL_CTL_ADD, fd, &ev) < 0)
		return -errno;
	s->buf = malloc(MON_BUF);
	if (!s->buf)
		return -ENOMEM;
	s->nl = nl;
	s->fd = fd;
	s->backend = backend;
	m->n++;
	m->groups |= backend == XMS_BACKEND_NATIVE ? XMS_MON_NATIVE : XMS_MON_MODULE;
	return 0;
}

static int join_group(int fd, unsigned int group)
{
	if (setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group,
		       sizeof(group)) < 0)
		return -errno;
	return 0;
}

static int mon_sock_open(struct xms_monitor *m, int proto, unsigned int group,
			 enum xms_backend backend)
{
	struct mnl_socket *nl;
	int one = 1, err;

	nl = mnl_socket_open2(proto, SOCK_CLOEXEC);
	if (!nl)
		return -errno;
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
		goto fail;
	/* report overruns instead of dropping silently */
	(void)mnl_socket_setsockopt(nl, NETLINK_BROADCAST_ERROR, &one, sizeof(one));
	err = join_group(mnl_socket_get_fd(nl), group);
	if (!err)
		err = xms_monitor_add_fd(m, nl, mnl_socket_get_fd(nl), backend);
	if (err)
		mnl_socket_close(nl);
	return err;
fail:
	err = -errno;
	mnl_socket_close(nl);
	return err;
}

XMS_API void xms_monitor_close(struct xms_monitor *m)
{
	unsigned int i;

	if (!m)
		return;
	for (i = 0; i < m->n; i++) {
		if (m->s[i].nl)
			mnl_socket_close(m->s[i].nl);
		free(m->s[i].buf);
	}
	close(m->epfd);
	free(m);
}

XMS_API int xms_monitor_fd(const struct xms_monitor *m)
{
	return m->epfd;
}

XMS_API void xms_monitor_drop_stats(const struct xms_monitor *m,
				    struct xms_drop_stats *s)
{
	*s = m->drops;
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
	m = xms_monitor_alloc(0);
	if (!m)
		return -ENOMEM;
	if (which & XMS_MON_NATIVE) {
		err = mon_sock_open(m, NETLINK_XFRM, XFRMNLGRP_MIGRATE,
				    XMS_BACKEND_NATIVE);
		if (err)
			goto fail;
	}
	if (which & XMS_MON_MODULE) {
		struct xms_family ctrl = { .name = "nlctrl", .group = "notify" };
		struct mnl_socket *nl;
		struct xms_chan c;
		uint32_t grp = 0;
		char *rx = malloc(XMS_RXBUF);

		if (!rx) {
			err = -ENOMEM;
			goto fail;
		}
		err = xms_nl_open(NETLINK_GENERIC, &nl);
		if (!err) {
			xms_chan_init(&c, nl, rx, XMS_RXBUF, &m->drops);
			err = xms_genl_resolve(&c, &m->family_id, NULL, &grp);
			/* nlctrl's "notify": the family going and coming back */
			if (!err && xms_genl_resolve_family(&c, &ctrl))
				ctrl.mcgrp = 0;
			mnl_socket_close(nl);
		}
		free(rx);
		if (!err && !grp)
			err = -ENOENT;
		if (err)
			goto fail;
		err = mon_sock_open(m, NETLINK_GENERIC, grp, XMS_BACKEND_MODULE);
		if (err)
			goto fail;
		if (ctrl.mcgrp)
			(void)join_group(m->s[m->n - 1].fd, ctrl.mcgrp);
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

/*
 * nlctrl about the module's family: removed (module unloaded): -ENOENT,
 * reported once; added again (reloaded, likely with a new id): follow the
 * new id and join its group, 0 (or -errno if joining failed).
 */
static int family_event(struct xms_monitor *m, struct mon_sock *s,
			const struct nlmsghdr *nlh)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	struct xms_family f = { 0 };

	if (mnl_nlmsg_get_payload_len(nlh) < GENL_HDRLEN)
		return 0;
	xms_parse_family(nlh, &f);
	if (!f.named || !f.found)
		return 0;	/* another family */
	if (g->cmd == CTRL_CMD_DELFAMILY && f.id == m->family_id) {
		m->family_id = 0;
		return -ENOENT;
	}
	if (g->cmd == CTRL_CMD_NEWFAMILY && f.mcgrp) {
		m->family_id = f.id;
		return join_group(s->fd, f.mcgrp);
	}
	return 0;
}

/*
 * Next notification already buffered on s: 1, 0 when none is left, or a
 * negative errno to report (the rest stays buffered).
 */
static int take(struct xms_monitor *m, struct mon_sock *s,
		struct xms_notification *n)
{
	const struct nlmsghdr *nlh;
	int err;

	while ((nlh = xms_nlmsg_walk(s->buf, s->len, &s->off, &m->drops))) {
		if (s->backend == XMS_BACKEND_MODULE &&
		    nlh->nlmsg_type == GENL_ID_CTRL) {
			err = family_event(m, s, nlh);
			if (err)
				return err;
			continue;
		}
		if (xms_parse_notification(nlh, s->backend, m->family_id, n) == 0)
			return 1;
	}
	s->off = s->len = 0;
	return 0;
}

/* Read what poll() reported on socket i: 0, or -errno to return. */
static int refill(struct xms_monitor *m, unsigned int i, short revents)
{
	struct mon_sock *s = &m->s[i];
	ssize_t r;

	if (revents & POLLNVAL)
		return -EBADF;
	if (!(revents & (POLLIN | POLLERR)))
		return revents & POLLHUP ? -EPIPE : 0;
	r = xms_nl_recv(s->fd, s->buf, MON_BUF, MSG_DONTWAIT, &m->drops);
	if ((r == 0 || r == -EAGAIN) && (revents & POLLHUP))
		return -EPIPE;	/* nothing will ever come: do not spin */
	if (r == -EAGAIN || r == -EINTR)
		return 0;
	if (r < 0)
		return (int)r;
	s->len = (size_t)r;
	s->off = 0;
	return 0;
}

XMS_API int xms_monitor_next(struct xms_monitor *m, struct xms_notification *n,
			     int timeout_ms)
{
	long long deadline = timeout_ms < 0 ? -1 : xms_now_ms() + timeout_ms;
	struct pollfd pfd[2];
	unsigned int i;
	int r, err;

	if (!m->n)
		return -EINVAL;
	for (;;) {
		int wait = -1;

		for (i = 0; i < m->n; i++) {
			struct mon_sock *s = &m->s[(m->next + i) % m->n];

			r = take(m, s, n);
			if (r > 0)
				m->next = (m->next + i + 1) % m->n;
			if (r)
				return r;
		}
		/* one deadline: skipped messages do not restart the wait */
		if (deadline >= 0) {
			long long left = deadline - xms_now_ms();

			wait = left <= 0 ? 0 : left > INT_MAX ? INT_MAX : (int)left;
		}
		for (i = 0; i < m->n; i++) {
			pfd[i].fd = m->s[i].fd;
			pfd[i].events = POLLIN;
			pfd[i].revents = 0;
		}
		r = poll(pfd, m->n, wait);
		if (r < 0)
			return -errno;	/* -EINTR included: the caller decides */
		if (r == 0)
			return 0;
		for (i = 0; i < m->n; i++) {
			err = refill(m, i, pfd[i].revents);
			if (err)
				return err;
		}
	}
}
