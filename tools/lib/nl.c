// SPDX-License-Identifier: LGPL-2.1-or-later
/* Netlink sockets and the request/ACK exchange. */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/time.h>

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

uint32_t xms_seq_init(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint32_t)(ts.tv_sec ^ ts.tv_nsec ^ ((uint32_t)getpid() << 16));
}

int xms_nl_open(int proto, struct mnl_socket **out)
{
	struct timeval tv = { .tv_sec = XMS_TIMEOUT };
	struct mnl_socket *nl;
	int one = 1, err;

	nl = mnl_socket_open2(proto, SOCK_CLOEXEC);
	if (!nl)
		return -errno;
	/* extack text; capped ACKs do not echo our request back */
	if (mnl_socket_setsockopt(nl, NETLINK_EXT_ACK, &one, sizeof(one)) < 0 ||
	    mnl_socket_setsockopt(nl, NETLINK_CAP_ACK, &one, sizeof(one)) < 0)
		goto fail;
	if (setsockopt(mnl_socket_get_fd(nl), SOL_SOCKET, SO_RCVTIMEO, &tv,
		       sizeof(tv)) < 0)
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

int xms_nl_parse_error(const struct nlmsghdr *nlh, char *extack,
		       size_t extack_len)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *attr;
	size_t off, plen;

	if (extack && extack_len)
		extack[0] = '\0';
	if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(*e))
		return -EBADMSG;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return e->error;

	off = sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < NLMSG_HDRLEN)
			return e->error;
		off += NLMSG_ALIGN(e->msg.nlmsg_len) - NLMSG_HDRLEN;
	}
	plen = mnl_nlmsg_get_payload_len(nlh);
	if (off >= plen)
		return e->error;
	mnl_attr_for_each_payload((const void *)((const char *)e + off), plen - off) {
		if (mnl_attr_get_type(attr) != NLMSGERR_ATTR_MSG)
			continue;
		if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0)
			continue;
		xms_copy_str(extack, extack_len, mnl_attr_get_str(attr));
	}
	return e->error;
}

int xms_nl_transact(struct mnl_socket *nl, struct nlmsghdr *nlh,
		    char *rxbuf, size_t rxlen, xms_data_cb cb, void *data,
		    char *extack, size_t extack_len)
{
	uint32_t seq = nlh->nlmsg_seq;
	uint32_t portid = mnl_socket_get_portid(nl);
	int cb_err = 0;

	if (extack && extack_len)
		extack[0] = '\0';
	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;

	for (;;) {
		ssize_t n = mnl_socket_recvfrom(nl, rxbuf, rxlen);
		const struct nlmsghdr *r;
		int rem;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno == EAGAIN ? -ETIMEDOUT : -errno;
		}
		rem = (int)n;
		for (r = (const struct nlmsghdr *)rxbuf; mnl_nlmsg_ok(r, rem);
		     r = mnl_nlmsg_next(r, &rem)) {
			if (r->nlmsg_seq != seq || (r->nlmsg_pid && r->nlmsg_pid != portid))
				continue;	/* stale reply of an earlier request */
			if (r->nlmsg_type == NLMSG_ERROR) {
				int err = xms_nl_parse_error(r, extack, extack_len);

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
