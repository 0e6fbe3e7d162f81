// SPDX-License-Identifier: GPL-2.0
/* Error names, one-line texts and ACK/extack parsing. */
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <libmnl/libmnl.h>

#include "xfrm-migrate.h"
#include "internal.h"
#include "corpus.h"
#include "mock.h"
#include "t.h"

static void test_names(void)
{
	CHECK_STR(xms_errno_name(-ESRCH), "ESRCH");
	CHECK_STR(xms_errno_name(ESRCH), "ESRCH");
	CHECK_STR(xms_errno_name(-EEXIST), "EEXIST");
	CHECK_STR(xms_errno_name(-EINVAL), "EINVAL");
	CHECK_STR(xms_errno_name(-ENOPROTOOPT), "ENOPROTOOPT");
	CHECK_STR(xms_errno_name(-EPERM), "EPERM");
	CHECK_STR(xms_errno_name(-EAFNOSUPPORT), "EAFNOSUPPORT");
	CHECK_STR(xms_errno_name(-ENOMEM), "ENOMEM");
	CHECK_STR(xms_errno_name(-EOPNOTSUPP), "EOPNOTSUPP");
	CHECK_STR(xms_errno_name(-4000), "E?");
	CHECK_STR(xms_errno_name(-EPROTO), "EPROTO");
	/* no overflow on -INT_MIN (UBSan) */
	CHECK_STR(xms_errno_name(INT_MIN), "E?");
}

static void test_format(void)
{
	char b[256];

	CHECK_STR(xms_strerror(-ESRCH, "Can not find state", b, sizeof(b)),
		  "ESRCH (No such process): Can not find state");
	CHECK_STR(xms_strerror(-EEXIST, "New SA tuple already occupied", b, sizeof(b)),
		  "EEXIST (File exists): New SA tuple already occupied");
	CHECK_STR(xms_strerror(-EINVAL, "", b, sizeof(b)), "EINVAL (Invalid argument)");
	CHECK_STR(xms_strerror(EPERM, NULL, b, sizeof(b)), "EPERM (Operation not permitted)");
	CHECK_STR(xms_strerror(-4000, "x", b, sizeof(b)), "errno 4000 (Unknown error 4000): x");
	CHECK_STR(xms_strerror(INT_MIN, NULL, b, sizeof(b)),
		  "errno 2147483648 (not an errno)");
	/* truncation keeps a terminated string */
	xms_strerror(-ESRCH, "Can not find state", b, 10);
	CHECK_EQ(strlen(b), 9);
}

static void test_classes(void)
{
	CHECK_EQ(xms_error_class(0), XMS_ERR_OK);
	CHECK_EQ(xms_error_class(-ESRCH), XMS_ERR_KERNEL);
	CHECK_EQ(xms_error_class(-EEXIST), XMS_ERR_KERNEL);
	CHECK_EQ(xms_error_class(-EPERM), XMS_ERR_KERNEL);
	CHECK_EQ(xms_error_class(-EOPNOTSUPP), XMS_ERR_NO_BACKEND);
	CHECK_EQ(xms_error_class(-ENOBUFS), XMS_ERR_TRANSIENT);
	CHECK_EQ(xms_error_class(-EPROTO), XMS_ERR_LOCAL);
	CHECK_EQ(xms_error_class(-ETIMEDOUT), XMS_ERR_UNKNOWN);
	CHECK_EQ(xms_error_class(INT_MIN), XMS_ERR_KERNEL);
	CHECK_STR(xms_error_class_name(XMS_ERR_UNKNOWN), "unknown");
	CHECK_STR(xms_error_class_name(xms_error_class(-EINTR)), "transient");
}

static void test_backend_names(void)
{
	enum xms_backend b;

	CHECK_STR(xms_backend_name(XMS_BACKEND_NATIVE), "native");
	CHECK_STR(xms_backend_name(XMS_BACKEND_MODULE), "module");
	CHECK_STR(xms_backend_name(XMS_BACKEND_NONE), "none");
	CHECK_STR(xms_backend_name(XMS_BACKEND_AUTO), "auto");
	CHECK_EQ(xms_backend_parse("module", &b), 0);
	CHECK_EQ(b, XMS_BACKEND_MODULE);
	CHECK_EQ(xms_backend_parse("none", &b), -EINVAL);
	CHECK_STR(xms_version(), XMS_VERSION);
}

/* Build an NLMSG_ERROR as the kernel does (capped or not, with TLVs). */
static int mk_ack(char *buf, int error, const char *msg, bool capped)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct nlmsgerr *e;

	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_seq = 9;
	e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));
	e->error = error;
	e->msg.nlmsg_len = 16 + 132;
	e->msg.nlmsg_type = 41;
	e->msg.nlmsg_seq = 9;
	if (capped) {
		nlh->nlmsg_flags |= NLM_F_CAPPED;
	} else {
		/* the echoed request body */
		memset(mnl_nlmsg_put_extra_header(nlh, 132), 0xee, 132);
	}
	if (msg) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		mnl_attr_put_u32(nlh, NLMSGERR_ATTR_OFFS, 20);
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, msg);
	}
	return (int)nlh->nlmsg_len;
}

static void test_ack(void)
{
	char buf[1024] __attribute__((aligned(4)));
	char ext[XMS_EXTACK_LEN];

	memset(buf, 0, sizeof(buf));
	mk_ack(buf, -ESRCH, "Can not find state", true);
	CHECK_EQ(xms_nl_parse_error((void *)buf, ext, sizeof(ext)), -ESRCH);
	CHECK_STR(ext, "Can not find state");

	memset(buf, 0, sizeof(buf));
	mk_ack(buf, -EINVAL, "Unknown flags: 0x4", false);
	CHECK_EQ(xms_nl_parse_error((void *)buf, ext, sizeof(ext)), -EINVAL);
	CHECK_STR(ext, "Unknown flags: 0x4");

	/* success with a warning */
	memset(buf, 0, sizeof(buf));
	mk_ack(buf, 0, "Failed to send migration notification", true);
	CHECK_EQ(xms_nl_parse_error((void *)buf, ext, sizeof(ext)), 0);
	CHECK_STR(ext, "Failed to send migration notification");

	/* no extack (old kernel, unknown message type) */
	memset(buf, 0, sizeof(buf));
	mk_ack(buf, -EINVAL, NULL, false);
	strcpy(ext, "stale");
	CHECK_EQ(xms_nl_parse_error((void *)buf, ext, sizeof(ext)), -EINVAL);
	CHECK_STR(ext, "");

	/* truncated into a small buffer */
	memset(buf, 0, sizeof(buf));
	mk_ack(buf, -ESRCH, "Can not find state", true);
	CHECK_EQ(xms_nl_parse_error((void *)buf, ext, 4), -ESRCH);
	CHECK_STR(ext, "Can");

	/* not an errno: a protocol error, never success or a positive value */
	memset(buf, 0, sizeof(buf));
	mk_ack(buf, INT_MIN, NULL, true);
	CHECK_EQ(xms_nl_parse_error((void *)buf, ext, sizeof(ext)), -EPROTO);
	memset(buf, 0, sizeof(buf));
	mk_ack(buf, 61, "x", true);
	CHECK_EQ(xms_nl_parse_error((void *)buf, ext, sizeof(ext)), -EPROTO);
	memset(buf, 0, sizeof(buf));
	mk_ack(buf, -4096, NULL, false);
	CHECK_EQ(xms_nl_parse_error((void *)buf, ext, sizeof(ext)), -EPROTO);
	memset(buf, 0, sizeof(buf));
	mk_ack(buf, -4095, NULL, false);
	CHECK_EQ(xms_nl_parse_error((void *)buf, ext, sizeof(ext)), -4095);
}

/* xms_get_sa() answered by an ACK of +61: an error, and a zeroed SA. */
static void test_getsa_positive(void)
{
	char ack[1024] __attribute__((aligned(4)));
	struct xfrm_usersa_id id = { .family = AF_INET, .proto = IPPROTO_ESP };
	struct xms_handle *h;
	struct xms_sa sa;
	struct mock mk;
	int err;

	if (mock_open(&mk)) {
		CHECK(0);
		return;
	}
	h = mock_handle(&mk, XMS_BACKEND_NATIVE, CORPUS_SEQ - 1);
	corpus_ack(ack, CORPUS_SEQ, 61);
	((struct nlmsghdr *)ack)->nlmsg_pid = 0;	/* the mock's portid */
	mock_put(&mk, 0, ack, ((struct nlmsghdr *)ack)->nlmsg_len);
	memset(&sa, 0xaa, sizeof(sa));
	err = xms_get_sa(h, &id, NULL, &sa, NULL, 0);
	CHECK_EQ(err, -EPROTO);
	CHECK_EQ(sa.info.family, 0);
	mock_handle_close(&mk, h);
}

void test_errors(void)
{
	test_names();
	test_format();
	test_classes();
	test_backend_names();
	test_ack();
	test_getsa_positive();
}
