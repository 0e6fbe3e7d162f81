// SPDX-License-Identifier: LGPL-2.1-or-later
/* Netlink sockets and the request/ACK exchange. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include "internal.h"

void xms_copy_str(char *dst, size_t len, const char *src)
{
	size_t n;

	if (!dst || !len)
		return;
	n = src ? strnlen(src, len - 1) : 0;
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

void xms_strfmt(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

uint32_t xms_seq_init(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint32_t)(ts.tv_sec ^ ts.tv_nsec ^ ((uint32_t)getpid() << 16));
}

int xms_nl_open(int proto, struct mnl_socket **out)
{
	struct mnl_socket *nl;
	int one = 1, err;

	nl = mnl_socket_open2(proto, SOCK_CLOEXEC);
	if (!nl)
		return -errno;
	/* extack text; capped ACKs do not echo our request back */
	if (mnl_socket_setsockopt(nl, NETLINK_EXT_ACK, &one, sizeof(one)) < 0 ||
	    mnl_socket_setsockopt(nl, NETLINK_CAP_ACK, &one, sizeof(one)) < 0)
		goto fail;
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
		goto fail;
	*out = nl;
	return 0;
fail:
	err = -errno;
	mnl_socket_close(nl);
	return err;
}

/*
 * The kernel's ACK carries 0 or a negative errno (-1 .. -4095); anything
 * else (a positive value, INT_MIN) is not an errno: a protocol error.
 */
static int ack_errno(int error)
{
	return error > 0 || error < -XMS_MAX_ERRNO ? -EPROTO : error;
}

int xms_nl_parse_error(const struct nlmsghdr *nlh, char *extack,
		       size_t extack_len)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *attr;
	size_t off, plen;
	int error;

	if (extack && extack_len)
		extack[0] = '\0';
	if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(*e))
		return -EBADMSG;
	error = ack_errno(e->error);
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return error;

	off = sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < NLMSG_HDRLEN)
			return error;
		off += NLMSG_ALIGN((size_t)e->msg.nlmsg_len) - NLMSG_HDRLEN;
	}
	plen = mnl_nlmsg_get_payload_len(nlh);
	if (off >= plen)
		return error;
	mnl_attr_for_each_payload((const void *)((const char *)e + off), plen - off) {
		if (mnl_attr_get_type(attr) != NLMSGERR_ATTR_MSG)
			continue;
		if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0)
			continue;
		xms_copy_str(extack, extack_len, mnl_attr_get_str(attr));
	}
	return error;
}

void xms_chan_init(struct xms_chan *c, struct mnl_socket *nl, char *rxbuf,
		   size_t rxlen, struct xms_drop_stats *drops)
{
	memset(c, 0, sizeof(*c));
	c->fd = mnl_socket_get_fd(nl);
	c->portid = mnl_socket_get_portid(nl);
	c->rxbuf = rxbuf;
	c->rxlen = rxlen;
	c->drops = drops;
}

long long xms_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/*
 * Wait for input until the deadline: 0, -ETIMEDOUT or -errno. *hup is set
 * when the socket reported a hangup, so that an empty read ends the wait
 * instead of spinning.
 */
static int wait_input(int fd, long long deadline, bool *hup)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	long long left;
	int r;

	for (;;) {
		left = deadline - xms_now_ms();
		if (left <= 0)
			return -ETIMEDOUT;
		r = poll(&pfd, 1, left > INT_MAX ? INT_MAX : (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			return -ETIMEDOUT;
		if (pfd.revents & POLLNVAL)
			return -EBADF;
		*hup = pfd.revents & POLLHUP;
		return 0;	/* POLLIN, POLLERR (ENOBUFS), POLLHUP: recv tells */
	}
}

static int send_kernel(int fd, const struct nlmsghdr *nlh)
{
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };
	ssize_t n;

	do
		n = sendto(fd, nlh, nlh->nlmsg_len, 0, (struct sockaddr *)&to,
			   sizeof(to));
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return n == (ssize_t)nlh->nlmsg_len ? 0 : -EMSGSIZE;
}

int xms_nl_transact(const struct xms_chan *c, struct nlmsghdr *nlh,
		    xms_data_cb cb, void *data, char *extack, size_t extack_len)
{
	uint32_t seq = nlh->nlmsg_seq;
	long long deadline;
	int cb_err = 0, err;

	if (extack && extack_len)
		extack[0] = '\0';
	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	err = send_kernel(c->fd, nlh);
	if (err)
		return err;
	deadline = xms_now_ms() + (c->timeout_ms ? c->timeout_ms : XMS_TIMEOUT * 1000);

	for (;;) {
		const struct nlmsghdr *r;
		bool hup = false;
		size_t off = 0;
		ssize_t n;

		err = wait_input(c->fd, deadline, &hup);
		if (err)
			return err;
		n = xms_nl_recv(c->fd, c->rxbuf, c->rxlen, MSG_DONTWAIT, c->drops);
		if (hup && (n == 0 || n == -EAGAIN))
			return -EPIPE;
		if (n == -EAGAIN || n == -EINTR)
			continue;
		if (n < 0)
			return (int)n;
		while ((r = xms_nlmsg_walk(c->rxbuf, (size_t)n, &off, c->drops))) {
			if (r->nlmsg_seq != seq ||
			    (r->nlmsg_pid && r->nlmsg_pid != c->portid))
				continue;	/* stale reply of an earlier request */
			if (r->nlmsg_type == NLMSG_ERROR) {
				err = xms_nl_parse_error(r, extack, extack_len);
				return err ? err : cb_err;
			}
			if (r->nlmsg_type == NLMSG_DONE)
				return cb_err;
			if (r->nlmsg_type < NLMSG_MIN_TYPE)
				continue;
			if (cb && !cb_err)
				cb_err = cb(r, data);
		}
	}
}
