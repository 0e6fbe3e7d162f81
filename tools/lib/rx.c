// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Receiving: one datagram from a netlink socket, and the walk over the
 * messages in it. Nothing here trusts a length field beyond the bytes
 * actually received.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "internal.h"

ssize_t xms_nl_recv(int fd, void *buf, size_t len, int flags,
		    struct xms_drop_stats *drops)
{
	struct sockaddr_nl from;
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = {
		.msg_name = &from, .msg_namelen = sizeof(from),
		.msg_iov = &iov, .msg_iovlen = 1,
	};
	ssize_t n;

	memset(&from, 0, sizeof(from));
	n = recvmsg(fd, &msg, flags);
	if (n < 0)
		return -errno;
	/*
	 * Only the kernel (nl_pid 0) answers requests and sends the
	 * notifications; anyone with CAP_NET_ADMIN in the namespace's user
	 * namespace can unicast or multicast to the socket too.
	 */
	if (msg.msg_namelen < sizeof(from) || from.nl_family != AF_NETLINK ||
	    from.nl_pid != 0) {
		if (drops)
			drops->not_kernel++;
		return 0;
	}
	return n;
}

const struct nlmsghdr *xms_nlmsg_walk(const void *buf, size_t len,
				      size_t *off, struct xms_drop_stats *drops)
{
	const struct nlmsghdr *nlh;
	size_t rem, step;

	if (*off >= len)
		return NULL;
	rem = len - *off;
	nlh = (const void *)((const char *)buf + *off);
	if (rem < NLMSG_HDRLEN || nlh->nlmsg_len < NLMSG_HDRLEN ||
	    nlh->nlmsg_len > rem) {
		/* the rest of the datagram cannot be framed */
		if (drops)
			drops->bad_length++;
		*off = len;
		return NULL;
	}
	step = NLMSG_ALIGN((size_t)nlh->nlmsg_len);
	*off += step < rem ? step : rem;
	return nlh;
}
