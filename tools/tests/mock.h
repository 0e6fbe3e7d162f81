/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mock kernel sockets for the reply and monitor loops: a socketpair
 * (AF_UNIX, SOCK_DGRAM). The library's end is registered here; the test
 * binary is linked with --wrap=recvmsg,sendto,setsockopt, so that on that end
 * recvmsg() reports the sender a datagram's first 4 bytes name (as
 * sockaddr_nl.nl_pid), sendto() keeps the request for mock_sent() and
 * setsockopt(SOL_NETLINK) (joining a group) succeeds.
 */
#ifndef XM_MOCK_H
#define XM_MOCK_H

#include <stddef.h>
#include <stdint.h>

struct mock {
	int lib;	/* the library reads and sends here */
	int peer;	/* the "kernel" */
};

int mock_open(struct mock *mk);
void mock_close(struct mock *mk);
/* The library's end is closed already (a monitor closed it). */
void mock_forget_lib(struct mock *mk);
/* Queue one datagram for the library, sent by portid sender (0: kernel). */
int mock_put(const struct mock *mk, uint32_t sender, const void *msg, size_t len);
/* The request the library sent last: its length, or -1. */
int mock_sent(const struct mock *mk, void *buf, size_t len);

/*
 * Answer every request the library sends, as it is sent: fn queues the
 * replies (mock_put()) on mk. NULL: requests are only kept.
 */
struct nlmsghdr;
void mock_set_responder(void (*fn)(const struct mock *mk,
				   const struct nlmsghdr *req));

struct xms_handle;
/*
 * A handle whose sockets (both) are the library's end of mk, probed for
 * backend b (family CORPUS_FAMILY), next sequence number seq + 1. Close
 * it with mock_handle_close().
 */
struct xms_handle *mock_handle(struct mock *mk, int backend, uint32_t seq);
void mock_handle_close(struct mock *mk, struct xms_handle *h);

#endif
