// SPDX-License-Identifier: GPL-2.0
/* Requests through a handle over mock sockets: sequence numbers, the probe cache. */
#include <errno.h>
#include <arpa/inet.h>
#include <linux/genetlink.h>

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

static void reply(const struct mock *mk, struct nlmsghdr *nlh)
{
	nlh->nlmsg_pid = 0;	/* the mock's portid */
	mock_put(mk, 0, nlh, nlh->nlmsg_len);
}

/*
 * One send path: xms_migrate() and xms_migrate_raw() of the same request
 * put the same bytes on the wire, on either backend, and those are the
 * bytes xms_build_request() builds for that backend.
 */
static void test_one_path(enum xms_backend b)
{
	char raw[512] __attribute__((aligned(4))), want[512] __attribute__((aligned(4)));
	char built[512] __attribute__((aligned(4))), sent[512] __attribute__((aligned(4)));
	char ack[1024] __attribute__((aligned(4)));
	struct xfrm_user_migrate_state req;
	struct xms_attrs a = { 0 };
	enum xms_backend used;
	struct xms_handle *h;
	int rlen, wlen, blen, slen;
	struct mock mk;

	memset(&req, 0, sizeof(req));
	req.id.spi = htonl(0x1000);
	req.id.family = AF_INET;
	req.id.proto = IPPROTO_ESP;
	req.new_family = AF_INET;
	req.new_reqid = 7;
	a.present = XMS_ATTR_ENCAP_REMOVE | XMS_ATTR_SET_MARK |
		    XMS_ATTR_OFFLOAD_CLEAR | XMS_ATTR_NAT_KEEPALIVE;
	a.set_mark = 0x30;
	a.nat_keepalive = 20;
	rlen = xms_build_request(raw, sizeof(raw), XMS_BACKEND_NATIVE, 0, 77,
				 &req, &a);
	wlen = xms_build_request(want, sizeof(want), b, CORPUS_FAMILY,
				 CORPUS_SEQ + 1, &req, &a);
	CHECK(rlen > 0 && wlen > 0);
	if (mock_open(&mk)) {
		CHECK(0);
		return;
	}
	h = mock_handle(&mk, b, CORPUS_SEQ - 1);
	ack_next(&mk, -ESRCH);
	CHECK_EQ(xms_migrate(h, &req, &a, NULL, 0, &used), -ESRCH);
	CHECK_EQ(used, b);
	blen = mock_sent(&mk, built, sizeof(built));
	corpus_ack(ack, CORPUS_SEQ + 1, -ESRCH);
	reply(&mk, (struct nlmsghdr *)ack);
	CHECK_EQ(xms_migrate_raw(h, (const void *)raw, NULL, 0, &used), -ESRCH);
	CHECK_EQ(used, b);
	slen = mock_sent(&mk, sent, sizeof(sent));
	CHECK_EQ(blen, wlen);
	CHECK_EQ(slen, wlen);
	/* the built request had sequence CORPUS_SEQ, the raw one the next */
	((struct nlmsghdr *)built)->nlmsg_seq = CORPUS_SEQ + 1;
	if (blen == wlen && slen == wlen) {
		CHECK_MEM(built, want, (size_t)wlen);
		CHECK_MEM(sent, want, (size_t)wlen);
	}
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

#define RELOADED_FAMILY (CORPUS_FAMILY + 1)

/* The kernel after a reload of the module: the family has a new id. */
static void reloaded(const struct mock *mk, const struct nlmsghdr *req)
{
	char b[1024] __attribute__((aligned(4)));
	const struct genlmsghdr *rg = mnl_nlmsg_get_payload(req);
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;

	if (req->nlmsg_type == GENL_ID_CTRL) {
		corpus_family(b, CTRL_CMD_NEWFAMILY, RELOADED_FAMILY, req->nlmsg_seq);
		reply(mk, (void *)b);
		corpus_ack(b, req->nlmsg_seq, 0);
		reply(mk, (void *)b);
		return;
	}
	if (req->nlmsg_type != RELOADED_FAMILY || rg->cmd != XFRM_MIGSTATE_CMD_GET_INFO) {
		corpus_ack(b, req->nlmsg_seq, -ENOENT);	/* the old id is gone */
		reply(mk, (void *)b);
		return;
	}
	memset(b, 0, sizeof(b));
	nlh = mnl_nlmsg_put_header(b);
	nlh->nlmsg_type = RELOADED_FAMILY;
	nlh->nlmsg_seq = req->nlmsg_seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = XFRM_MIGSTATE_CMD_GET_INFO;
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct xfrm_user_migrate_state));
	mnl_attr_put_strz(nlh, XFRM_MIGSTATE_INFO_MODULE_VERSION, "0.1.1");
	mnl_attr_put_u32(nlh, XFRM_MIGSTATE_INFO_FAMILY_VERSION, 1);
	reply(mk, nlh);
	corpus_ack(b, req->nlmsg_seq, 0);
	reply(mk, (void *)b);
}

/* xms_get_info() after a module reload resolves the family again. */
static void test_info_reload(void)
{
	struct xms_handle *h;
	struct xms_info info;
	struct mock mk;
	char ext[XMS_EXTACK_LEN];

	if (mock_open(&mk)) {
		CHECK(0);
		return;
	}
	h = mock_handle(&mk, XMS_BACKEND_MODULE, CORPUS_SEQ - 1);
	mock_set_responder(reloaded);
	CHECK_EQ(xms_get_info(h, &info, ext, sizeof(ext)), 0);
	CHECK_STR(info.module_version, "0.1.1");
	CHECK_EQ(h->probe.family_id, RELOADED_FAMILY);
	mock_set_responder(NULL);
	mock_handle_close(&mk, h);
	xms_probe_flush_cache();
}

void test_handle(void)
{
	test_info_reload();
	test_raw_seq(XMS_BACKEND_NATIVE);
	test_raw_seq(XMS_BACKEND_MODULE);
	test_one_path(XMS_BACKEND_NATIVE);
	test_one_path(XMS_BACKEND_MODULE);
	test_cache_key();
}
