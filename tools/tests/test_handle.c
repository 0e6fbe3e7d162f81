// SPDX-License-Identifier: GPL-2.0
/* Requests through a handle over mock sockets: sequence numbers, the probe cache. */
#include <errno.h>
#include <arpa/inet.h>

#include "internal.h"
#include "corpus.h"
#include "mock.h"
#include "t.h"

/* Queue the kernel's ACK of the handle's next request. */
static void ack_next(const struct mock *mk, int error)
{
	char ack[1024] __attribute__((aligned(4)));

	corpus_ack(ack, CORPUS_SEQ, error);
	((struct nlmsghdr *)ack)->nlmsg_pid = 0;	/* the mock's portid */
	mock_put(mk, 0, ack, ((struct nlmsghdr *)ack)->nlmsg_len);
}

/* xms_migrate_raw() sends the handle's sequence number, not the caller's. */
static void test_raw_seq(enum xms_backend b)
{
	char raw[512] __attribute__((aligned(4))), sent[512] __attribute__((aligned(4)));
	const struct nlmsghdr *s = (const void *)sent;
	struct xfrm_user_migrate_state req;
	struct xms_handle *h;
	struct mock mk;
	int len;

	memset(&req, 0, sizeof(req));
	req.id.spi = htonl(0x1000);
	req.id.family = AF_INET;
	req.new_family = AF_INET;
	len = xms_build_request(raw, sizeof(raw), XMS_BACKEND_NATIVE, 0, 77, &req, NULL);
	CHECK(len > 0);
	if (mock_open(&mk)) {
		CHECK(0);
		return;
	}
	h = mock_handle(&mk, b, CORPUS_SEQ - 1);
	ack_next(&mk, -ESRCH);
	CHECK_EQ(xms_migrate_raw(h, (const void *)raw, NULL, 0, NULL), -ESRCH);
	CHECK(mock_sent(&mk, sent, sizeof(sent)) > 0);
	CHECK_EQ(s->nlmsg_seq, CORPUS_SEQ);
	CHECK_EQ(s->nlmsg_type, b == XMS_BACKEND_NATIVE ? XFRM_MSG_MIGRATE_STATE :
		 CORPUS_FAMILY);
	mock_handle_close(&mk, h);
}

/* A handle's probe is cached under its sockets' namespace, not the caller's. */
static void test_cache_key(void)
{
	struct xms_netns here, other = { .known = true, .dev = 12345, .ino = 67890 };
	struct xms_probe_result res;
	struct xms_handle *h;
	struct mock mk;

	xms_probe_flush_cache();
	xms_netns_current(&here);
	if (mock_open(&mk)) {
		CHECK(0);
		return;
	}
	h = mock_handle(&mk, XMS_BACKEND_NATIVE, CORPUS_SEQ - 1);
	h->probed = false;
	h->netns = other;	/* opened in another namespace */
	ack_next(&mk, -ESRCH);	/* the native probe: supported */
	CHECK_EQ(xms_handle_probe(h, &res), 0);
	CHECK_EQ(res.backend, XMS_BACKEND_NATIVE);
	CHECK(xms_probe_cache_get(&other, XMS_BACKEND_NATIVE, &res));
	CHECK(!xms_probe_cache_get(&here, XMS_BACKEND_NATIVE, &res));
	mock_handle_close(&mk, h);
	xms_probe_flush_cache();
}

void test_handle(void)
{
	test_raw_seq(XMS_BACKEND_NATIVE);
	test_raw_seq(XMS_BACKEND_MODULE);
	test_cache_key();
}
