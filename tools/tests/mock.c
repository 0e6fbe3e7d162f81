// SPDX-License-Identifier: GPL-2.0
/* Mock kernel sockets: see mock.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/netlink.h>

#include "internal.h"
#include "corpus.h"
#include "mock.h"

ssize_t __real_recvmsg(int fd, struct msghdr *msg, int flags);
ssize_t __real_sendto(int fd, const void *buf, size_t len, int flags,
		      const struct sockaddr *to, socklen_t tolen);
ssize_t __wrap_recvmsg(int fd, struct msghdr *msg, int flags);
ssize_t __wrap_sendto(int fd, const void *buf, size_t len, int flags,
		      const struct sockaddr *to, socklen_t tolen);
int __real_setsockopt(int fd, int level, int name, const void *val, socklen_t len);
int __wrap_setsockopt(int fd, int level, int name, const void *val, socklen_t len);

#define MAX_MOCKS 8
static int mock_fds[MAX_MOCKS] = { -1, -1, -1, -1, -1, -1, -1, -1 };
static int mock_peers[MAX_MOCKS];

static bool is_mock(int fd)
{
	int i;

	for (i = 0; i < MAX_MOCKS; i++)
		if (fd >= 0 && mock_fds[i] == fd)
			return true;
	return false;
}

static void set_mock(int old, int fd, int peer)
{
	int i;

	for (i = 0; i < MAX_MOCKS; i++)
		if (mock_fds[i] == old) {
			mock_fds[i] = fd;
			mock_peers[i] = peer;
			return;
		}
}

static int peer_of(int fd)
{
	int i;

	for (i = 0; i < MAX_MOCKS; i++)
		if (mock_fds[i] == fd)
			return mock_peers[i];
	return -1;
}

int mock_open(struct mock *mk)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv) < 0)
		return -errno;
	mk->lib = sv[0];
	mk->peer = sv[1];
	set_mock(-1, mk->lib, mk->peer);
	return 0;
}

void mock_forget_lib(struct mock *mk)
{
	set_mock(mk->lib, -1, -1);
	mk->lib = -1;
}

void mock_close(struct mock *mk)
{
	if (mk->lib >= 0) {
		set_mock(mk->lib, -1, -1);
		close(mk->lib);
	}
	if (mk->peer >= 0)
		close(mk->peer);
	mk->lib = mk->peer = -1;
}

int mock_put(const struct mock *mk, uint32_t sender, const void *msg, size_t len)
{
	static unsigned char buf[65536 + 4];

	if (len > sizeof(buf) - 4)
		return -EMSGSIZE;
	memcpy(buf, &sender, 4);
	memcpy(buf + 4, msg, len);
	return send(mk->peer, buf, len + 4, MSG_DONTWAIT) < 0 ? -errno : 0;
}

static unsigned char sent[65536];
static size_t sent_len;
static void (*responder)(const struct mock *mk, const struct nlmsghdr *req);
static struct mock responder_mock;

void mock_set_responder(void (*fn)(const struct mock *mk,
				   const struct nlmsghdr *req))
{
	responder = fn;
}

int mock_sent(const struct mock *mk, void *buf, size_t len)
{
	(void)mk;
	if (!sent_len || sent_len > len)
		return -1;
	memcpy(buf, sent, sent_len);
	return (int)sent_len;
}

ssize_t __wrap_recvmsg(int fd, struct msghdr *msg, int flags)
{
	static unsigned char buf[65536 + 4];
	struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct sockaddr_nl *sa = msg->msg_name;
	uint32_t sender;
	ssize_t n;
	size_t room;

	if (!is_mock(fd))
		return __real_recvmsg(fd, msg, flags);
	n = __real_recvmsg(fd, &m, flags);
	if (n < 0)
		return n;
	if (n < 4)
		return 0;
	memcpy(&sender, buf, 4);
	n -= 4;
	msg->msg_flags = 0;
	if (sa && msg->msg_namelen >= sizeof(*sa)) {
		memset(sa, 0, sizeof(*sa));
		sa->nl_family = AF_NETLINK;
		sa->nl_pid = sender;
		msg->msg_namelen = sizeof(*sa);
	}
	room = msg->msg_iovlen ? msg->msg_iov[0].iov_len : 0;
	if ((size_t)n > room) {
		n = (ssize_t)room;
		msg->msg_flags |= MSG_TRUNC;
	}
	if (n)
		memcpy(msg->msg_iov[0].iov_base, buf + 4, (size_t)n);
	return n;
}

ssize_t __wrap_sendto(int fd, const void *buf, size_t len, int flags,
		      const struct sockaddr *to, socklen_t tolen)
{
	if (!is_mock(fd))
		return __real_sendto(fd, buf, len, flags, to, tolen);
	(void)flags;
	sent_len = len < sizeof(sent) ? len : sizeof(sent);
	memcpy(sent, buf, sent_len);
	if (responder && sent_len >= NLMSG_HDRLEN) {
		responder_mock.lib = fd;
		responder_mock.peer = peer_of(fd);
		responder(&responder_mock, (const void *)sent);
	}
	return (ssize_t)len;
}

struct xms_handle *mock_handle(struct mock *mk, int backend, uint32_t seq)
{
	struct xms_handle *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	pthread_mutex_init(&h->lock, NULL);
	h->rxbuf = malloc(XMS_RXBUF);
	h->xfrm = mnl_socket_fdopen(mk->lib);
	h->genl = mnl_socket_fdopen(mk->lib);
	h->want = (enum xms_backend)backend;
	h->seq = seq;
	h->probed = true;
	h->probe.backend = (enum xms_backend)backend;
	h->probe.family_id = CORPUS_FAMILY;
	h->probe.family_version = 1;
	return h;
}

void mock_handle_close(struct mock *mk, struct xms_handle *h)
{
	/* both mnl sockets share the fd: close it once, here */
	free(h->xfrm);
	free(h->genl);
	h->xfrm = h->genl = NULL;
	xms_close(h);
	mock_close(mk);
}

/* Netlink options on a mock socket (joining a group) succeed. */
int __wrap_setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	if (is_mock(fd) && level == SOL_NETLINK)
		return 0;
	return __real_setsockopt(fd, level, name, val, len);
}
